//! The review page: one self-contained HTML file for a batch of records, for people who would
//! rather look than read JSON. Counts by format, template, year and error; every failed check
//! with its file, rule, expected and found values and its quote or cells; per agency, the key
//! figures across years as small SVG charts; a table of records with their flags, sortable and
//! filterable. CSS, JavaScript and charts are inline: the page fetches nothing.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::record::{Check, Record, Section};

/// The key figures of one report, for the per-agency series.
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    received: Option<f64>,
    granted_share: Option<f64>,
    review: Option<f64>,
    litigation: Option<f64>,
}

/// One charted series: its title, its figure, whether it is a share.
type Series = (&'static str, fn(&Figures) -> Option<f64>, bool);

/// The series charted per agency.
const SERIES: [Series; 4] = [
    ("申请数 applications received", |f| f.received, false),
    ("予以公开占比 share granted", |f| f.granted_share, true),
    ("行政复议 reviews", |f| f.review, false),
    ("行政诉讼 lawsuits", |f| f.litigation, false),
];

/// Renders the review page of a batch.
pub fn render(records: &[Record], unreadable_lines: usize) -> String {
    let mut h = String::with_capacity(64 * 1024);
    h.push_str(HEAD);
    let failed: Vec<(&Record, &Check)> = records
        .iter()
        .flat_map(|r| {
            r.checks
                .iter()
                .filter(|c| c.ok == Some(false))
                .map(move |c| (r, c))
        })
        .collect();
    let _ = write!(
        h,
        "<header><h1>xxgk review</h1><p>{} records · {} failed checks · {} with an error{}</p></header>",
        records.len(),
        failed.len(),
        records.iter().filter(|r| r.error.is_some()).count(),
        if unreadable_lines > 0 {
            format!(" · {unreadable_lines} unreadable lines left out")
        } else {
            String::new()
        }
    );
    counts(&mut h, records);
    failed_checks(&mut h, &failed);
    agencies(&mut h, records);
    record_table(&mut h, records);
    h.push_str(SCRIPT);
    h.push_str("</body></html>\n");
    h
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn counts(h: &mut String, records: &[Record]) {
    let mut by: [(&str, BTreeMap<String, usize>); 4] = [
        ("format", BTreeMap::new()),
        ("template", BTreeMap::new()),
        ("year", BTreeMap::new()),
        ("error", BTreeMap::new()),
    ];
    for r in records {
        let rep = r.report.as_ref();
        let keys = [
            r.source.format.clone(),
            rep.and_then(|p| p.template.clone()),
            rep.and_then(|p| p.year).map(|y| y.to_string()),
            r.error.as_ref().map(|e| e.code.clone()),
        ];
        for ((_, m), k) in by.iter_mut().zip(keys) {
            *m.entry(k.unwrap_or_else(|| "none".into())).or_default() += 1;
        }
    }
    h.push_str("<section id=\"counts\"><h2>Counts</h2><div class=\"grid\">");
    for (name, m) in &by {
        let _ = write!(
            h,
            "<table class=\"count\"><caption>by {name}</caption><tbody>"
        );
        for (k, n) in m {
            let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", esc(k));
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</div></section>");
}

/// What a check is about: its quote, or its cells, row, column or group.
fn about(c: &Check) -> String {
    if let Some(q) = &c.quote {
        return format!("“{}”", q);
    }
    if !c.fields.is_empty() {
        return c.fields.join(", ");
    }
    [("row", &c.row), ("column", &c.column), ("group", &c.group)]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn failed_checks(h: &mut String, failed: &[(&Record, &Check)]) {
    let _ = write!(
        h,
        "<section id=\"failed\"><h2>Failed checks ({})</h2>",
        failed.len()
    );
    if failed.is_empty() {
        h.push_str("<p>None.</p></section>");
        return;
    }
    h.push_str("<div class=\"scroll\"><table class=\"list\"><thead><tr><th>file</th><th>rule</th><th>expected</th><th>found</th><th>quote or cell</th></tr></thead><tbody>");
    for (r, c) in failed {
        let _ = write!(
            h,
            "<tr class=\"failed-check\" data-rule=\"{rule}\"><td class=\"file\">{file}</td><td>{rule}</td><td class=\"n\">{e}</td><td class=\"n\">{f}</td><td>{a}</td></tr>",
            rule = esc(&c.rule),
            file = esc(&r.source.path),
            e = opt(c.expected),
            f = opt(c.found),
            a = esc(&about(c)),
        );
    }
    h.push_str("</tbody></table></div></section>");
}

fn cell(sec: Option<&Section>, row: &str, col: &str) -> Option<f64> {
    sec?.get(row)?.get(col)?.number()?.as_f64()
}

fn figures(r: &Record) -> Figures {
    let apps = r.applications.as_ref();
    let rl = r.review_litigation.as_ref();
    let total = |row| cell(apps, row, "total");
    let results = total("results_total");
    let granted = total("granted");
    let litigation = match (
        cell(rl, "litigation_direct", "total"),
        cell(rl, "litigation_after_review", "total"),
    ) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };
    Figures {
        received: total("new_received"),
        granted_share: match (granted, results) {
            (Some(g), Some(t)) if t > 0.0 => Some(g / t),
            _ => None,
        },
        review: cell(rl, "review", "total"),
        litigation,
    }
}

fn agencies(h: &mut String, records: &[Record]) {
    let mut by: BTreeMap<&str, BTreeMap<i32, Figures>> = BTreeMap::new();
    for r in records.iter().filter(|r| r.error.is_none()) {
        if let Some((Some(agency), Some(year))) =
            r.report.as_ref().map(|p| (p.agency.as_deref(), p.year))
        {
            by.entry(agency).or_default().insert(year, figures(r));
        }
    }
    let series: Vec<_> = by.iter().filter(|(_, ys)| ys.len() >= 2).collect();
    let _ = write!(
        h,
        "<section id=\"agencies\"><h2>Agencies across years ({})</h2>",
        series.len()
    );
    if series.is_empty() {
        h.push_str("<p>No agency has reports of two or more years.</p>");
    }
    h.push_str("<div class=\"grid charts\">");
    for (agency, years) in series {
        let _ = write!(
            h,
            "<figure class=\"agency-chart\" data-agency=\"{a}\" data-years=\"{n}\"><figcaption>{a}</figcaption>",
            a = esc(agency),
            n = years.len()
        );
        for (title, get, share) in SERIES {
            let points: Vec<(i32, Option<f64>)> = years.iter().map(|(y, f)| (*y, get(f))).collect();
            chart(h, title, &points, share);
        }
        h.push_str("</figure>");
    }
    h.push_str("</div></section>");
}

/// A small line chart of one series: years on x, the value on y (from 0).
fn chart(h: &mut String, title: &str, points: &[(i32, Option<f64>)], share: bool) {
    // The title takes the top 30 units, the years the bottom 22.
    let (w, ht, pad, top) = (240.0f64, 100.0f64, 22.0f64, 32.0f64);
    let highest = points.iter().filter_map(|p| p.1).fold(0.0f64, f64::max);
    let max = if share { 1.0 } else { highest.max(1.0) };
    let n = points.len().max(2) as f64;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (n - 1.0);
    let y = |v: f64| ht - pad - (ht - pad - top) * v / max;
    let label = |v: f64| {
        if share {
            format!("{:.0}%", v * 100.0)
        } else {
            format!("{v}")
        }
    };
    let _ = write!(
        h,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title><text x=\"4\" y=\"12\" class=\"t\">{t}</text><line x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" class=\"axis\"/>",
        t = esc(title),
        b = ht - pad,
        r = w - pad
    );
    let mut path = String::new();
    let mut pen_up = true;
    for (i, (year, v)) in points.iter().enumerate() {
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"yr\">{year}</text>",
            x(i),
            ht - 6.0
        );
        match v {
            Some(v) => {
                let _ = write!(
                    path,
                    "{}{:.1},{:.1}",
                    if pen_up { " M" } else { " L" },
                    x(i),
                    y(*v)
                );
                pen_up = false;
                let _ = write!(
                    h,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"v\">{}</text>",
                    x(i),
                    y(*v),
                    x(i),
                    y(*v) - 6.0,
                    label(*v)
                );
            }
            // A gap: the value is not in the record; the line breaks there.
            None => pen_up = true,
        }
    }
    if !path.is_empty() {
        let _ = write!(h, "<path d=\"{}\" class=\"line\"/>", path.trim_start());
    }
    h.push_str("</svg>");
}

fn record_table(h: &mut String, records: &[Record]) {
    h.push_str("<section id=\"records\"><h2>Records</h2><input id=\"filter\" type=\"search\" placeholder=\"filter: file, agency, flag …\" aria-label=\"filter records\"><div class=\"scroll\"><table class=\"list\" id=\"record-table\"><thead><tr><th data-sort=\"s\">file</th><th data-sort=\"s\">agency</th><th data-sort=\"n\">year</th><th data-sort=\"s\">format</th><th data-sort=\"s\">template</th><th data-sort=\"n\">failed</th><th data-sort=\"s\">flags</th></tr></thead><tbody>");
    for r in records {
        let rep = r.report.as_ref();
        let mut flags: Vec<String> = r
            .checks
            .iter()
            .filter(|c| c.ok == Some(false))
            .map(|c| c.rule.clone())
            .collect();
        flags.dedup();
        flags.extend(
            r.issues
                .iter()
                .filter(|i| i.level != crate::model::Level::Info)
                .map(|i| i.code.clone()),
        );
        flags.dedup();
        if let Some(e) = &r.error {
            flags.insert(0, format!("error:{}", e.code));
        }
        let failed = r.checks.iter().filter(|c| c.ok == Some(false)).count();
        let _ = write!(
            h,
            "<tr><td class=\"file\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{failed}</td><td class=\"flags\">{}</td></tr>",
            esc(&r.source.path),
            esc(rep.and_then(|p| p.agency.as_deref()).unwrap_or("")),
            rep.and_then(|p| p.year)
                .map_or(String::new(), |y| y.to_string()),
            esc(r.source.format.as_deref().unwrap_or("")),
            esc(rep.and_then(|p| p.template.as_deref()).unwrap_or("")),
            esc(&flags.join(" ")),
        );
    }
    h.push_str("</tbody></table></div></section>");
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>xxgk review</title>
<style>
:root{--fg:#1d2430;--mut:#5d6b7d;--bad:#b3261e;--line:#d8dee6;--acc:#2458b3}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--fg);background:#f6f8fa}
header,section{max-width:1200px;margin:0 auto;padding:12px 16px}
header{border-bottom:1px solid var(--line);background:#fff;max-width:none}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:8px 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;align-items:start}
.charts{grid-template-columns:repeat(auto-fill,minmax(min(300px,100%),1fr))}
table{border-collapse:collapse;background:#fff;width:100%}
td,th{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef2f6;cursor:pointer;white-space:nowrap}
caption{text-align:left;font-weight:600;padding:2px 0}
.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.failed-check td{color:var(--bad)}.failed-check td:first-child,.file{word-break:break-all;color:var(--fg);min-width:10em}
.flags{font-family:ui-monospace,monospace;font-size:12px;word-break:break-word}
figure{margin:0;background:#fff;border:1px solid var(--line);padding:8px}
figcaption{font-weight:600;margin-bottom:4px}
svg.chart{width:100%;height:auto;display:block}
svg .axis{stroke:#9aa7b5}svg .line{fill:none;stroke:var(--acc);stroke-width:2}
svg circle{fill:var(--acc)}svg text{font-size:9px;fill:var(--mut);text-anchor:middle}
svg text.t{text-anchor:start;font-weight:600;fill:var(--fg)}svg text.v{fill:var(--fg)}
#filter{width:100%;max-width:420px;padding:6px;margin:0 0 8px;font:inherit}
@media (max-width:600px){body{font-size:13px}header,section{padding:8px}td,th{padding:3px 4px}}
</style></head><body>
"#;

const SCRIPT: &str = r#"<script>
(function(){
  var table=document.getElementById('record-table');
  if(!table){return;}
  var body=table.tBodies[0];
  var heads=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('data-dir')!=='asc';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('data-dir');});
      th.setAttribute('data-dir',asc?'asc':'desc');
      var num=th.getAttribute('data-sort')==='n';
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i].textContent,y=b.cells[i].textContent;
        var c=num?((parseFloat(x)||0)-(parseFloat(y)||0)):x.localeCompare(y);
        return asc?c:-c;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  var filter=document.getElementById('filter');
  filter.addEventListener('input',function(){
    var q=filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){
      r.style.display=(!q||r.textContent.toLowerCase().indexOf(q)>=0)?'':'none';
    });
  });
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_renders_an_empty_batch() {
        assert_eq!(esc("<a href=\"x\">&"), "&lt;a href=&quot;x&quot;&gt;&amp;");
        let page = render(&[], 0);
        assert!(page.contains("Failed checks (0)"));
        assert!(!page.contains("http://") && !page.contains("https://"));
    }
}
