//! The `text.*` checks: a figure the prose restates (共收到申请21件, 予以公开4件) against the
//! table cells it restates. One check per statement, with the cells it compares in `fields`
//! and the clause in `quote`. A figure whose sentence may be about something else gives no
//! check ([`read`]); a cell the record lacks makes the check not evaluable (`ok: null`).

pub mod read;

use crate::normalize::schema::application_rows;
use crate::record::{Check, Record, Section};
use read::{Context, Figure, Statement};

/// Every `text.*` check of one report, read from its paragraphs.
pub fn check(rec: &Record, paragraphs: &[String]) -> Vec<Check> {
    let Some(report) = &rec.report else {
        return Vec::new();
    };
    let ctx = Context {
        year: report.year,
        agency: report.agency.as_deref(),
    };
    let template = report.template.as_deref().unwrap_or("2021");
    if template == "pre2019" {
        return Vec::new();
    }
    let mut out: Vec<Check> = Vec::new();
    for s in read::statements(paragraphs, &ctx) {
        if let Some(c) = evaluate(rec, template, &s) {
            let seen = out
                .iter()
                .any(|o| o.rule == c.rule && o.found == c.found && o.quote == c.quote);
            if !seen {
                out.push(c);
            }
        }
    }
    out
}

/// The cells a rule compares: (section, rows, column).
fn cells(
    rule: &str,
    template: &str,
    apps: Option<&Section>,
) -> Option<(&'static str, Vec<String>, &'static str)> {
    let rows = |prefix: &str| -> Vec<String> {
        application_rows(template)
            .into_iter()
            .filter(|r| r.starts_with(prefix))
            .map(String::from)
            .collect()
    };
    let one = |r: &str| vec![r.to_string()];
    Some(match rule {
        "new_received" | "carried_over" | "granted" | "partially_granted" | "results_total"
        | "carried_forward" => ("applications", one(rule), "total"),
        "denied" => ("applications", rows("denied_"), "total"),
        "unable" => ("applications", rows("unable_"), "total"),
        "rejected" => ("applications", rows("rejected_"), "total"),
        "other_handling" => {
            let single = template == "2019" || apps.is_some_and(|a| a.contains_key("other"));
            let r = if single { one("other") } else { rows("other_") };
            ("applications", r, "total")
        }
        "applications_received" => (
            "applications",
            vec!["new_received".into(), "carried_over".into()],
            "total",
        ),
        "review_total" => ("review_litigation", one("review"), "total"),
        "litigation_total" => (
            "review_litigation",
            vec!["litigation_direct".into(), "litigation_after_review".into()],
            "total",
        ),
        "regulations_issued" => ("active_disclosure", one("regulations"), "issued"),
        "normative_issued" => ("active_disclosure", one("normative_documents"), "issued"),
        "normative_in_force" => ("active_disclosure", one("normative_documents"), "in_force"),
        "licensing" | "penalty" | "coercion" => ("active_disclosure", one(rule), "decisions"),
        "fees" => ("active_disclosure", one("fees"), "amount"),
        _ => return None,
    })
}

/// A sum of cells: `None` when a cell is absent; whether every cell is empty.
fn sum(sec: &Section, rows: &[String], col: &str) -> (Option<f64>, bool) {
    let mut total = 0.0;
    let mut blank = true;
    for r in rows {
        match sec.get(r).and_then(|c| c.get(col)) {
            None => return (None, false),
            Some(v) => {
                if let Some(n) = v.number().and_then(|n| n.as_f64()) {
                    total += n;
                    blank = false;
                }
            }
        }
    }
    (Some(total), blank)
}

fn section<'a>(rec: &'a Record, name: &str) -> Option<&'a Section> {
    match name {
        "applications" => rec.applications.as_ref(),
        "review_litigation" => rec.review_litigation.as_ref(),
        _ => rec.active_disclosure.as_ref(),
    }
}

/// The check of one statement, or `None` when the record has no table it could restate.
fn evaluate(rec: &Record, template: &str, s: &Statement) -> Option<Check> {
    let apps = rec.applications.as_ref();
    let mut rule = s.rule;
    // 收到 N 件 without 新: this year's new applications, or with last year's carried over
    // where the sentence says so or only that sum agrees.
    if rule == "new_received" && s.column == "total" && !s.explicit_new {
        let new = apps.and_then(|a| sum(a, &["new_received".into()], "total").0);
        let with_carried =
            apps.and_then(|a| sum(a, &["new_received".into(), "carried_over".into()], "total").0);
        let found = match s.value {
            Figure::Count(n) => n as f64,
            Figure::Amount(_) => return None,
        };
        if s.includes_carried || (new != Some(found) && with_carried == Some(found)) {
            rule = "applications_received";
        }
    }
    let (sec_name, rows, mut col) = cells(rule, template, apps)?;
    if rule == "new_received" {
        col = s.column;
    }
    let sec = section(rec, sec_name)?;
    if rows.iter().all(|r| !sec.contains_key(r)) && sec_name == "active_disclosure" {
        return None;
    }
    // A column the template lacks (2019 has no `issued`, no fee amount) is no cell to restate.
    if sec_name == "active_disclosure"
        && !crate::normalize::schema::active_rows(template)
            .iter()
            .any(|(r, cols)| *r == rows[0] && cols.contains(&col))
    {
        return None;
    }
    let fields = rows
        .iter()
        .map(|r| format!("{sec_name}.{r}.{col}"))
        .collect();
    let (table, blank) = sum(sec, &rows, col);
    let (found, expected, ok) = match s.value {
        Figure::Count(n) => {
            let expected = table.map(|t| t.round() as i64);
            (Some(n), expected, expected.map(|e| e == n))
        }
        Figure::Amount(a) => {
            // Amounts are compared in 万元; the check carries them when they are whole.
            let whole = |x: f64| (x - x.round()).abs() < 1e-9;
            if !whole(a) || table.is_some_and(|t| !whole(t)) {
                return None;
            }
            let expected = table.map(|t| t.round() as i64);
            (
                Some(a.round() as i64),
                expected,
                expected.map(|e| e == a.round() as i64),
            )
        }
    };
    // A table left blank facing a prose figure other than 0 is not evaluable.
    let (expected, ok) = if blank && found != Some(0) {
        (None, None)
    } else {
        (expected, ok)
    };
    Some(Check {
        rule: format!("text.{rule}"),
        row: None,
        column: None,
        group: None,
        ok,
        expected,
        found,
        fields,
        quote: Some(s.quote.clone()),
    })
}
