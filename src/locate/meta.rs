//! The report's agency, statistics year and title, from the title, preamble and text.

use crate::model::{Block, Document};
use crate::text::fold_width;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// The text calls itself a 政府信息公开 annual report.
    pub looks_like_report: bool,
}

/// Suffixes that end an agency's name.
const AGENCY_ENDS: &[&str] = &[
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "委员会",
    "办公厅",
    "办公室",
    "管理局",
    "监督局",
    "局",
    "委",
    "厅",
    "院",
    "中心",
    "区",
    "县",
    "市",
    "署",
    "会",
    "所",
    "站",
    "处",
    "队",
];

pub fn read(doc: &Document) -> Meta {
    let lines = head_lines(doc, 400);
    let text: String = lines.join("\n");
    let mut meta = Meta::default();
    let found = find_title(&lines);
    let from_meta = doc
        .title
        .as_deref()
        .map(|t| cut_after_report(&clean_title(t)))
        .filter(|t| is_title(t));
    // The title that names the agency wins; a bare "政府信息公开工作年度报告" heading does not.
    let named = [&found, &from_meta]
        .into_iter()
        .flatten()
        .find(|t| agency_in_title(t).is_some())
        .cloned();
    let title = named.or(found).or(from_meta);
    meta.looks_like_report = text.contains("政府信息公开")
        && (text.contains("年度报告") || text.contains("年报") || text.contains("工作报告"));
    let title_year = title.as_deref().and_then(year_in_title);
    meta.year = statistics_year(&text).or(title_year);
    let from_title = title.as_deref().and_then(agency_in_title);
    let from_preamble = agency_in_preamble(&text);
    meta.agency = choose_agency(from_title, from_preamble);
    meta.title = title;
    meta
}

/// The first lines of text, grids included (a title may sit in a table cell).
fn head_lines(doc: &Document, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if out.len() >= max {
            break;
        }
        match b {
            Block::Line(l) => out.push(fold_width(&l.text)),
            Block::Grid(g) => {
                for c in g.cells.iter().take(8) {
                    out.push(fold_width(&c.text));
                }
            }
        }
    }
    out
}

fn is_title(t: &str) -> bool {
    t.contains("政府信息公开") && t.contains("报告") && t.chars().count() <= 80
}

fn clean_title(t: &str) -> String {
    let t = t.trim().trim_start_matches('#').trim();
    let t = t
        .strip_prefix("标题:")
        .or_else(|| t.strip_prefix("标题："))
        .unwrap_or(t)
        .trim();
    t.trim_matches(|c: char| c == '*' || c.is_whitespace())
        .to_string()
}

fn find_title(lines: &[String]) -> Option<String> {
    for (i, raw) in lines.iter().enumerate().take(120) {
        let l = clean_title(raw);
        if l.is_empty() || !l.contains("政府信息公开") {
            continue;
        }
        if is_title(&l) {
            return Some(cut_after_report(&l));
        }
        // A title broken over two lines: "…政府信息公开工作" / "年度报告".
        if l.chars().count() <= 60 {
            if let Some(next) = lines.get(i + 1).map(|n| clean_title(n)) {
                let joined = format!("{l}{next}");
                if next.chars().count() <= 12 && is_title(&joined) {
                    return Some(joined);
                }
            }
        }
        // A title run into the first paragraph.
        if let Some(p) = l.find("报告") {
            let head = &l[..p + "报告".len()];
            if is_title(head) && head.chars().count() <= 60 {
                return Some(head.to_string());
            }
        }
    }
    None
}

fn cut_after_report(t: &str) -> String {
    match t.rfind("报告") {
        Some(p) => t[..p + "报告".len()].to_string(),
        None => t.to_string(),
    }
}

/// "2023年…报告" → 2023; the year of 年度 in a title.
fn year_in_title(t: &str) -> Option<i32> {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    years_before(&compact, '年').into_iter().next()
}

/// Four-digit years (1990..2100) that are followed by `unit`.
fn years_before(s: &str, unit: char) -> Vec<i32> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..cs.len() {
        if i + 4 < cs.len() + 0
            && cs[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !cs[i - 1].is_ascii_digit())
        {
            let mut k = i + 4;
            while k < cs.len() && cs[k] == ' ' {
                k += 1;
            }
            if cs.get(k) == Some(&unit) {
                let y: i32 = cs[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
                if (1990..2100).contains(&y) {
                    out.push(y);
                }
            }
        }
    }
    out
}

/// The year of "统计期限自 2023 年 1 月 1 日起", "统计周期为2024年1月1日至…".
fn statistics_year(text: &str) -> Option<i32> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for key in ["统计期限", "统计周期", "统计时限", "统计时间", "数据统计期"] {
        if let Some(p) = compact.find(key) {
            let window: String = compact[p..].chars().take(30).collect();
            if let Some(y) = years_before(&window, '年').into_iter().next() {
                return Some(y);
            }
        }
    }
    None
}

/// The agency a title names: what is left of it without the year and "政府信息公开…报告".
fn agency_in_title(t: &str) -> Option<String> {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let cut = compact
        .find("政府信息公开")
        .or_else(|| compact.find("信息公开"))?;
    let mut head = compact[..cut].to_string();
    // Drop a year "2023年" / "2023年度" wherever it stands.
    loop {
        let cs: Vec<char> = head.chars().collect();
        let Some(i) = (0..cs.len().saturating_sub(4)).find(|&i| {
            cs[i..i + 4].iter().all(|c| c.is_ascii_digit()) && cs.get(i + 4) == Some(&'年')
        }) else {
            break;
        };
        let mut j = i + 5;
        if cs.get(j) == Some(&'度') {
            j += 1;
        }
        head = cs[..i].iter().chain(cs[j..].iter()).collect();
    }
    let head = head
        .trim_matches(|c: char| !crate::text::is_cjk(c))
        .to_string();
    let head = head.strip_suffix("关于").unwrap_or(&head).to_string();
    (head.chars().count() >= 2).then_some(head)
}

/// The agency a preamble names: "本报告由X依据…编制", "…，X编制完成了本报告".
fn agency_in_preamble(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let window: String = compact.chars().take(3000).collect();
    if let Some(p) = window.find("本报告由") {
        let rest = &window[p + "本报告由".len()..];
        let end = [
            "依据", "根据", "按照", "依照", "结合", "编制", "，", ",", "。",
        ]
        .iter()
        .filter_map(|k| rest.find(k))
        .min()
        .unwrap_or(0);
        let name = &rest[..end];
        if (2..=40).contains(&name.chars().count()) {
            return Some(name.to_string());
        }
    }
    // "汇总X各有关单位…情况编制而成": a report that sums up an area's agencies.
    if let Some(p) = window.find("汇总") {
        let rest = &window[p + "汇总".len()..];
        if let Some(e) = ["各有关单位", "各单位", "各部门", "所属"]
            .iter()
            .filter_map(|k| rest.find(k))
            .min()
        {
            let name = &rest[..e];
            if (2..=30).contains(&name.chars().count()) {
                return Some(name.to_string());
            }
        }
    }
    for key in ["编制完成", "编制了", "编制本报告", "编制而成", "编制"] {
        if let Some(p) = window.find(key) {
            let before = &window[..p];
            let start = before
                .rfind(['，', ',', '。', '、', '）', ')', '》', '；'])
                .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            let name = before[start..]
                .trim_start_matches("由")
                .trim_start_matches("要求");
            let n = name.chars().count();
            if (2..=30).contains(&n) && AGENCY_ENDS.iter().any(|e| name.ends_with(e)) {
                return Some(name.to_string());
            }
        }
    }
    // The office a reader is told to contact.
    if let Some(p) = window.find("请与") {
        let rest = &window[p + "请与".len()..];
        if let Some(e) = rest.find("联系") {
            let name = &rest[..e];
            if (2..=30).contains(&name.chars().count())
                && AGENCY_ENDS.iter().any(|x| name.ends_with(x))
            {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// The fullest form: the preamble's name where it extends or spells out the title's.
fn choose_agency(title: Option<String>, preamble: Option<String>) -> Option<String> {
    match (title, preamble) {
        (Some(t), Some(p)) => {
            if let Some(i) = p.find(&t) {
                return Some(p[..i + t.len()].to_string());
            }
            if p.contains(&t) || t.contains(&p) {
                return Some(t);
            }
            // An abbreviation of the preamble's name (度假区安监局 of 聊城…度假区安全生产监督管理局).
            let mut it = p.chars();
            let is_abbrev = t.chars().all(|c| it.any(|d| d == c));
            if is_abbrev
                && p.chars().count() > t.chars().count()
                && p.ends_with(t.chars().last().unwrap_or(' '))
            {
                Some(p)
            } else {
                Some(t)
            }
        }
        (Some(t), None) => Some(t),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_agencies_from_titles_and_preambles() {
        assert_eq!(
            agency_in_title("度假区安监局 2023 年政府信息公开工作 年度报告").as_deref(),
            Some("度假区安监局")
        );
        assert_eq!(
            agency_in_title("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(
            agency_in_title("平潭综合实验区2019年度政府信息公开工作年度报告").as_deref(),
            Some("平潭综合实验区")
        );
        assert_eq!(
            choose_agency(
                Some("洪泽区人民政府".into()),
                Some("淮安市洪泽区人民政府办公室".into())
            )
            .as_deref(),
            Some("淮安市洪泽区人民政府")
        );
        assert_eq!(
            choose_agency(
                Some("度假区安监局".into()),
                Some("聊城江北水城旅游度假区安全生产监督管理局".into())
            )
            .as_deref(),
            Some("聊城江北水城旅游度假区安全生产监督管理局")
        );
        assert_eq!(
            choose_agency(Some("平潭综合实验区".into()), Some("区管委会办公室".into())).as_deref(),
            Some("平潭综合实验区")
        );
    }

    #[test]
    fn reads_the_statistics_year() {
        assert_eq!(
            statistics_year("本报告中所列数据的统计期限自 2023 年 1 月 1 日起"),
            Some(2023)
        );
        assert_eq!(
            year_in_title("2024 年上海市科委政府信息公开工作年度报告"),
            Some(2024)
        );
    }
}
