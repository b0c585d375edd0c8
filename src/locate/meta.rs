//! The report's title, statistics year and agency, from its heading, the page's own metadata
//! (title, ArticleTitle, publisher fields), the preamble and the signature; and the
//! `agency_unknown` / `year_unknown` warnings when they cannot be read with certainty.

use super::agency::{self, Candidates, Source};
use super::agency_key;
use crate::model::{Block, Document, Level};
use crate::record::Issue;
use crate::text::fold_width;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    /// The agency's name normalised to join its reports across years ([`agency_key`]).
    pub agency_key: Option<String>,
    pub year: Option<i32>,
    /// The text calls itself a 政府信息公开 annual report.
    pub looks_like_report: bool,
    /// The text prints the free-form statistics of reports before the 2019 template
    /// (指标名称 / 计量单位 / 历年累计, 主动公开信息数 …).
    pub old_tables: bool,
}

/// Names under which a page's metadata says who published it.
const PUBLISHER_FIELDS: &[&str] = &[
    "contentsource",
    "author",
    "source",
    "publisher",
    "发布机构",
    "发文机关",
    "发布单位",
    "发布部门",
    "信息来源",
    "文章来源",
    "内容来源",
    "来源",
];

/// Names under which a page's metadata gives its title.
const TITLE_FIELDS: &[&str] = &["articletitle", "dc.title", "og:title", "title"];

/// Words of the free-form statistics tables of reports before 2019.
const OLD_TABLE_WORDS: &[&str] = &[
    "指标名称",
    "计量单位",
    "历年累计",
    "年末统计",
    "主动公开信息数",
    "主动公开政府信息数",
    "依申请公开情况",
    "申请总数",
];

pub fn read(doc: &Document) -> Meta {
    let lines = head_lines(doc, 400);
    let text: String = lines.join("\n");
    let heading = find_title(&lines);
    let field = |names: &[&str]| -> Vec<String> {
        doc.meta
            .iter()
            .filter(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| fold_width(v))
            .collect()
    };
    let page_titles: Vec<String> = doc
        .title
        .iter()
        .map(|t| fold_width(t))
        .chain(field(TITLE_FIELDS))
        .map(|t| cut_after_report(&clean_title(&t)))
        .filter(|t| is_title(t))
        .collect();
    let quoted = quoted_titles(&text);
    let titles: Vec<&String> = heading.iter().chain(&page_titles).chain(&quoted).collect();

    let mut meta = Meta {
        looks_like_report: text.contains("政府信息公开")
            && (text.contains("年度报告") || text.contains("年报") || text.contains("工作报告")),
        old_tables: OLD_TABLE_WORDS.iter().filter(|w| text.contains(*w)).count() >= 2,
        ..Meta::default()
    };
    // The title that names the agency wins; a bare "政府信息公开工作年度报告" heading does not.
    meta.title = titles
        .iter()
        .find(|t| agency_in_title(t).is_some_and(|a| agency::is_name(&a)))
        .or(titles.first())
        .map(|t| t.to_string());
    meta.year = statistics_year(&text).or_else(|| titles.iter().find_map(|t| year_in_title(t)));

    let mut cands = Candidates::default();
    for t in heading.iter().chain(&page_titles) {
        if let Some(a) = agency_in_title(t) {
            cands.add(Source::Title, &a);
        }
    }
    for t in &quoted {
        if let Some(a) = agency_in_title(t) {
            cands.add(Source::QuotedTitle, &a);
        }
    }
    for n in agency::in_preamble(&text) {
        cands.add(Source::Body, &n);
    }
    for n in agency::in_signature(&tail_lines(doc, 12)) {
        cands.add(Source::Body, &n);
    }
    for n in field(PUBLISHER_FIELDS) {
        cands.add(Source::Body, &n);
    }
    for n in agency::contacts(&text) {
        cands.add(Source::Contact, &n);
    }
    cands.add_defined_short_forms(&text);
    meta.agency = cands.pick();
    meta.agency_key = meta.agency.as_deref().map(agency_key::key);
    meta
}

impl Meta {
    /// `agency_unknown` and `year_unknown`, for a report whose agency or year is not read.
    pub fn issues(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let warn = |code: &str, message: &str, field: &str| Issue {
            level: Level::Warning,
            code: code.to_string(),
            message: message.to_string(),
            place: "document".to_string(),
            fields: vec![field.to_string()],
        };
        if self.agency.is_none() {
            out.push(warn(
                "agency_unknown",
                "no agency name can be read with certainty from the title, metadata, preamble or signature",
                "report.agency",
            ));
        }
        if self.year.is_none() {
            out.push(warn(
                "year_unknown",
                "the statistics year is printed in neither the title nor a 统计期限 sentence",
                "report.year",
            ));
        }
        out
    }
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

/// The last lines of text outside grids, in order: where a signature stands.
fn tail_lines(doc: &Document, max: usize) -> Vec<String> {
    let mut out: Vec<String> = doc
        .blocks
        .iter()
        .rev()
        .filter_map(|b| match b {
            Block::Line(l) if !l.text.trim().is_empty() => Some(fold_width(&l.text)),
            _ => None,
        })
        .take(max)
        .collect();
    out.reverse();
    out
}

/// A report's title: names 政府信息公开 and a 报告, is short, and is no sentence.
fn is_title(t: &str) -> bool {
    t.contains("信息公开")
        && (t.ends_with("报告") || t.ends_with("年报"))
        && t.chars().count() <= 80
        && !t.chars().any(|c| "，,。；;《》“”".contains(c))
        && !["根据", "依据", "按照", "本", "为", "我", "关于印发"]
            .iter()
            .any(|w| t.starts_with(w))
}

fn clean_title(t: &str) -> String {
    let t = t.trim().trim_start_matches('#').trim();
    let t = t
        .strip_prefix("标题:")
        .or_else(|| t.strip_prefix("标题："))
        .unwrap_or(t)
        .trim();
    t.trim_matches(|c: char| c == '*' || c == '《' || c == '》' || c.is_whitespace())
        .to_string()
}

fn find_title(lines: &[String]) -> Option<String> {
    for (i, raw) in lines.iter().enumerate().take(120) {
        let l = clean_title(raw);
        if l.is_empty() || !l.contains("信息公开") {
            continue;
        }
        let cut = cut_after_report(&l);
        if is_title(&cut) && l.chars().count() <= 80 {
            return Some(cut);
        }
        // A title broken over two lines: "…政府信息公开工作" / "年度报告".
        if let Some(next) = lines
            .get(i + 1)
            .map(|n| clean_title(n))
            .filter(|_| l.chars().count() <= 60)
        {
            let joined = format!("{l}{next}");
            if next.chars().count() <= 12 && is_title(&joined) {
                return Some(joined);
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

/// Report titles quoted in the text: 发布《莆田市城市管理局2025年度政府信息公开工作年度报告》.
fn quoted_titles(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (p, _) in text.match_indices('《') {
        let rest = &text[p + '《'.len_utf8()..];
        let near = rest
            .char_indices()
            .nth(90)
            .map_or(rest, |(i, _)| &rest[..i]);
        if let Some(e) = near.find('》') {
            let t = clean_title(&rest[..e]);
            if is_title(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// The title up to its last 报告 (or 年报): what portals append after it is not the title.
fn cut_after_report(t: &str) -> String {
    match ["报告", "年报"]
        .iter()
        .filter_map(|w| t.rfind(w).map(|p| p + w.len()))
        .max()
    {
        Some(end) => t[..end].to_string(),
        None => t.to_string(),
    }
}

/// Years printed in Chinese numerals ("二〇一七年", "二0一七年") in Arabic digits.
fn arabic_years(s: &str) -> String {
    let digit = |c: char| match c {
        '〇' | '零' | '○' | 'O' | '0' => Some('0'),
        '一' => Some('1'),
        '二' => Some('2'),
        '三' => Some('3'),
        '四' => Some('4'),
        '五' => Some('5'),
        '六' => Some('6'),
        '七' => Some('7'),
        '八' => Some('8'),
        '九' => Some('9'),
        c if c.is_ascii_digit() => Some(c),
        _ => None,
    };
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let run: Option<String> = cs
            .get(i..i + 4)
            .and_then(|w| w.iter().map(|c| digit(*c)).collect());
        let chinese = cs
            .get(i..i + 4)
            .is_some_and(|w| w.iter().any(|c| !c.is_ascii_digit()));
        let before_ok = i == 0 || digit(cs[i - 1]).is_none();
        if let Some(run) = run.filter(|r| {
            chinese
                && before_ok
                && cs.get(i + 4) == Some(&'年')
                && (r.starts_with("19") || r.starts_with("20"))
        }) {
            out.push_str(&run);
            i += 4;
        } else {
            out.push(cs[i]);
            i += 1;
        }
    }
    out
}

/// "2023年…报告" → 2023; the year of 年度 in a title.
fn year_in_title(t: &str) -> Option<i32> {
    let compact: String = arabic_years(t)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    years_before(&compact, '年').into_iter().next()
}

/// Four-digit years (1990..2100) that are followed by `unit`.
fn years_before(s: &str, unit: char) -> Vec<i32> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    for i in 0..cs.len() {
        if i + 4 < cs.len()
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
            if let Some(y) = years_before(&arabic_years(&window), '年')
                .into_iter()
                .next()
            {
                return Some(y);
            }
        }
    }
    None
}

/// The agency a title names: what is left of it without the year and "政府信息公开…报告".
fn agency_in_title(t: &str) -> Option<String> {
    let compact: String = arabic_years(t)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
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
    // "X关于印发…年度报告": the agency stands before 关于; "关于X…的报告": after it.
    let head = head.strip_prefix("关于").unwrap_or(&head);
    let head = head.find("关于").map_or(head, |p| &head[..p]).to_string();
    (head.chars().count() >= 2).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Line;

    fn doc(lines: &[&str], meta: &[(&str, &str)]) -> Document {
        Document {
            blocks: lines.iter().map(|l| Block::Line(Line::new(*l))).collect(),
            meta: meta
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn reads_agencies_from_titles() {
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
            agency_in_title("示范区人民政府关于印发2019年政府信息公开工作年度报告").as_deref(),
            Some("示范区人民政府")
        );
        assert_eq!(
            agency_in_title("关于示范镇2018年政府信息公开工作情况的报告").as_deref(),
            Some("示范镇")
        );
        assert_eq!(
            find_title(&["示范县科技局2018年政府信息公开年报".to_string()]).as_deref(),
            Some("示范县科技局2018年政府信息公开年报")
        );
        assert_eq!(
            agency_in_title("莆田市民族与宗教事务局二〇一七年度政府信息公开工作年度报告")
                .as_deref(),
            Some("莆田市民族与宗教事务局")
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
        assert_eq!(
            year_in_title("示范县二〇一七年政府信息公开工作年度报告"),
            Some(2017)
        );
        assert_eq!(year_in_title("示范县政府信息公开工作年度报告"), None);
    }

    #[test]
    fn a_preamble_starting_with_genju_is_no_title_the_page_title_is() {
        let d = doc(
            &[
                "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）、《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）及政府信息公开工作相关文件要求，发布《莆田市城市管理局2025年度政府信息公开工作年度报告》。本报告所列数据统计期限自2025年1月1日至2025年12月31日，如对本报告有疑问或建议意见，请与莆田市城市管理局办公室联系。",
            ],
            &[
                (
                    "ArticleTitle",
                    "莆田市城市管理局2025年度政府信息公开工作年度报告",
                ),
                ("PubDate", "2026-01-13 11:34"),
                ("ContentSource", "莆田市城市管理局"),
            ],
        );
        let m = read(&d);
        assert_eq!(m.agency.as_deref(), Some("莆田市城市管理局"));
        assert_eq!(m.year, Some(2025));
        assert_eq!(
            m.title.as_deref(),
            Some("莆田市城市管理局2025年度政府信息公开工作年度报告")
        );
    }

    #[test]
    fn a_quoted_title_names_agency_and_year_when_nothing_else_does() {
        let d = doc(
            &["根据《条例》要求，发布《示范市城管局2025年度政府信息公开工作年度报告》。"],
            &[],
        );
        let m = read(&d);
        assert_eq!(m.agency.as_deref(), Some("示范市城管局"));
        assert_eq!(m.agency_key.as_deref(), Some("示范市城市管理局"));
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn a_publication_date_is_not_the_year_and_no_name_is_no_agency() {
        let d = doc(
            &["政府信息公开工作年度报告", "一、总体情况", "（文字描述）"],
            &[("PubDate", "2026-01-13 11:34")],
        );
        let m = read(&d);
        assert_eq!((m.agency.as_deref(), m.year), (None, None));
        let codes: Vec<String> = m.issues().into_iter().map(|i| i.code).collect();
        assert_eq!(codes, ["agency_unknown", "year_unknown"]);
    }

    #[test]
    fn the_pages_publisher_field_names_the_agency_when_no_title_does() {
        let d = doc(
            &[
                "政府信息公开工作年度报告",
                "根据《条例》要求，我局编制了本报告。",
            ],
            &[("Author", "张三"), ("来源", "莆田市城市管理局")],
        );
        assert_eq!(read(&d).agency.as_deref(), Some("莆田市城市管理局"));
    }

    #[test]
    fn long_runs_of_the_words_searched_for_stay_linear() {
        let line = "本报告由请与《以下简称（统计期限来源：".repeat(50_000);
        let d = doc(&[&line, &line], &[("来源", &line)]);
        let started = std::time::Instant::now();
        let m = read(&d);
        assert_eq!(m.agency, None);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn the_signature_gives_the_full_name_of_a_short_title() {
        let d = doc(
            &[
                "区机关事务中心2023年政府信息公开工作年度报告",
                "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
                "六、其他需要报告的事项",
                "无。",
                "南充市新兴区机关事务服务中心",
                "2024年1月20日",
            ],
            &[],
        );
        assert_eq!(
            read(&d).agency.as_deref(),
            Some("南充市新兴区机关事务服务中心")
        );
    }
}
