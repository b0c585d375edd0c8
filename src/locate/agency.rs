//! The reporting agency: names of bodies gathered from the title, the page's metadata, the
//! preamble and the signature ([`Candidates`]), each checked to be a name ([`is_name`]), then
//! the one of the most trusted source in its fullest printed form ([`Candidates::pick`]).
//!
//! A name is a body's name (ending in 人民政府, 局, 委员会, 中心, 街道办事处 …) or, for a place's
//! consolidated report whose title names only the place, the place (三明市). It never starts a
//! sentence (根据, 本, 按照, 为, 我 …), holds no sentence punctuation and is no publication
//! (《…公报》). When no candidate is a name, there is no agency: never a fragment.

use super::agency_key;

/// Where a candidate was printed, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The report's title: its heading, the page's title or ArticleTitle.
    Title,
    /// A report title quoted in the text: 发布《X2025年度政府信息公开工作年度报告》.
    QuotedTitle,
    /// The preamble's author (本报告由X编制), the signature, or the page's publisher field
    /// (ContentSource, 发布机构, 来源).
    Body,
    /// A body named only as the office to contact (请与X联系): it can only extend another
    /// candidate to its fullest form, never be the agency itself.
    Contact,
}

/// Endings of the names of bodies.
const BODY_ENDS: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "管委会",
    "办事处",
    "街道",
    "中心",
    "局",
    "委",
    "厅",
    "院",
    "署",
    "会",
    "所",
    "站",
    "处",
    "队",
    "部",
    "馆",
];

/// A name ending in 办 is one of the standard short forms (侨办, 政府办, 街道办 …), never a
/// verb (承办, 督办).
fn is_office_short_form(s: &str) -> bool {
    s.ends_with('办') && agency_key::expand(s) != s
}

/// Endings of place names (a consolidated report's agency is its place).
const PLACE_ENDS: &[char] = &['省', '市', '县', '区', '州', '盟', '旗', '镇', '乡'];

/// Words that start a sentence, never a name. 本 is 本溪市 only when 溪 follows.
const SENTENCE_STARTS: &[&str] = &[
    "根据", "依据", "依照", "按照", "遵照", "关于", "为", "我", "由", "在", "对", "从", "现", "该",
    "其", "各", "此", "这", "以", "经过", "通过", "结合", "全文",
];

/// Words no name holds: the verbs and nouns of the sentences around a name.
const NOT_IN_NAMES: &[&str] = &[
    "信息公开",
    "编制",
    "发布",
    "年度",
    "报告",
    "根据",
    "按照",
    "要求",
    "简称",
    "联系",
    "本单位",
    "本机关",
];

/// Whether `s` reads as the name of a body or a place: see the module's rules.
pub fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    if !(3..=40).contains(&n) {
        return false;
    }
    if s.chars().any(|c| {
        c.is_whitespace() || c.is_ascii_digit() || "《》“”\"'‘’，,。；;：:！!？?、…—".contains(c)
    }) {
        return false;
    }
    let starts_sentence = SENTENCE_STARTS.iter().any(|w| s.starts_with(w))
        || (s.starts_with('本') && !s.starts_with("本溪"));
    if starts_sentence || NOT_IN_NAMES.iter().any(|w| s.contains(w)) {
        return false;
    }
    // A body's name says whose body it is: 办公室 or 人民政府 alone names no one.
    let body = BODY_ENDS
        .iter()
        .find(|e| s.ends_with(*e))
        .is_some_and(|e| s.len() > e.len());
    body || s.ends_with(PLACE_ENDS) || is_office_short_form(s)
}

/// The candidates of one document, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Candidates {
    list: Vec<(Source, String)>,
    /// Short forms the document defines: (full, short) of "X（以下简称Y）".
    defined: Vec<(String, String)>,
}

impl Candidates {
    /// Adds `name` from `source` if it is a name (surrounding brackets and spaces trimmed).
    pub fn add(&mut self, source: Source, name: &str) {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        let name = name.trim_matches(|c| "《》“”\"()（）[]【】".contains(c));
        if is_name(name) {
            self.list.push((source, name.to_string()));
        }
    }

    /// Records the short forms the text defines for names: "X（以下简称Y）".
    pub fn add_defined_short_forms(&mut self, text: &str) {
        self.defined.extend(defined_short_forms(text));
    }

    /// The agency: the first candidate of the most trusted source, made as full as another
    /// candidate or a defined short form prints it; `None` when there is no candidate.
    pub fn pick(&self) -> Option<String> {
        let primary = self
            .list
            .iter()
            .filter(|(s, _)| *s != Source::Contact)
            .min_by_key(|(s, _)| *s)?
            .1
            .clone();
        let mut name = primary;
        if let Some((full, _)) = self.defined.iter().find(|(_, short)| *short == name) {
            name = full.clone();
        }
        for (_, other) in &self.list {
            if let Some(fuller) = fuller_form(&name, other) {
                name = fuller;
            }
        }
        Some(name)
    }
}

/// `other` as a fuller form of `name`, if it is one: `name` with the place it belongs to
/// before it (洪泽区人民政府 in 淮安市洪泽区人民政府办公室), or `name` spelled out
/// (度假区安监局 of 聊城江北水城旅游度假区安全生产监督管理局, 开元街道 of …开元街道办事处).
fn fuller_form(name: &str, other: &str) -> Option<String> {
    if other == name {
        return None;
    }
    // The name spelled out with its standard forms, with its place before it.
    let spelled = agency_key::expand(name);
    if spelled != name
        && other.chars().count() > name.chars().count()
        && agency_key::expand(other).ends_with(&spelled)
    {
        return Some(other.to_string());
    }
    // The place before the name: what precedes it ends like a place.
    if let Some(i) = other.find(name).filter(|i| *i > 0) {
        let place = &other[..i];
        if place.ends_with(PLACE_ENDS) || place.ends_with("实验区") {
            return Some(format!("{place}{name}"));
        }
        return None;
    }
    if other.chars().count() <= name.chars().count() {
        return None;
    }
    // An abbreviation: the other adds the place in front (its first two characters stand after
    // some), and holds every character of the name in order, with the same ending. A name the
    // other only repeats with a character more (a typo in a signature) is not abbreviated.
    let head: String = name.chars().take(2).collect();
    let at = other.find(&head).filter(|at| *at > 0)?;
    let mut it = other[at..].chars();
    let in_order = name.chars().all(|c| it.any(|d| d == c));
    let same_end = name.chars().last() == other.chars().last();
    (in_order && same_end).then(|| other.to_string())
}

/// At most the first `n` characters of `s` (a name is short: searches stay near it).
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// At most the last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    s.char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(s, |(i, _)| &s[i..])
}

/// "X（以下简称Y）", "X(以下简称“Y”)": the (full, short) pairs a text defines.
pub fn defined_short_forms(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (p, _) in text.match_indices("以下简称") {
        let open = last_chars(text[..p].trim_end(), 60);
        let Some(before) = open.strip_suffix('（').or_else(|| open.strip_suffix('(')) else {
            continue;
        };
        let rest = first_chars(&text[p + "以下简称".len()..], 40);
        let Some(end) = rest.find(['）', ')']) else {
            continue;
        };
        let short: String = rest[..end]
            .chars()
            .filter(|c| !"“”\"‘’《》：:".contains(*c) && !c.is_whitespace())
            .collect();
        // The full name runs back to the last punctuation or sentence word before it.
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| "，,。；;、：:“”《》）)".contains(*c) || c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut full = &before[start..];
        for w in ["本报告由", "本年报由", "由", "是"] {
            if let Some(i) = full.rfind(w) {
                full = &full[i + w.len()..];
            }
        }
        if is_name(full) && is_name(&short) {
            out.push((full.to_string(), short));
        }
    }
    out
}

/// The agency a preamble names as its author: "本报告由X根据…编制", "本年报是由X根据…",
/// "…要求，由X编制的…", "X编制了本报告", "汇总X各有关单位…" (a place's consolidated report).
pub fn in_preamble(text: &str) -> Vec<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let window: String = compact.chars().take(3000).collect();
    let mut out = Vec::new();
    // "由X" within a sentence about the report.
    for (p, _) in window.match_indices('由') {
        let before: String = window[..p].chars().rev().take(12).collect();
        let after = first_chars(&window[p + '由'.len_utf8()..], 60);
        let about_report = ["告报本", "报年本", "告报"]
            .iter()
            .any(|w| before.contains(w))
            || after.chars().take(40).collect::<String>().contains("编制");
        if !about_report {
            continue;
        }
        let end = [
            "依据", "根据", "按照", "依照", "结合", "编制", "汇总", "组织", "负责", "，", ",",
            "。", "、", "的",
        ]
        .iter()
        .filter_map(|k| after.find(k))
        .min()
        .unwrap_or(0);
        out.push(after[..end].to_string());
    }
    // "X编制完成了本报告": the name runs back to the punctuation before it.
    for key in ["编制完成", "编制了", "编制本报告", "编制而成"] {
        for (p, _) in window.match_indices(key) {
            let before = last_chars(&window[..p], 60);
            let start = before
                .rfind(['，', ',', '。', '、', '）', ')', '》', '；'])
                .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            out.push(before[start..].trim_start_matches("由").to_string());
        }
    }
    if let Some(p) = window.find("汇总") {
        let rest = first_chars(&window[p + "汇总".len()..], 60);
        if let Some(e) = ["各有关单位", "各单位", "各部门", "所属"]
            .iter()
            .filter_map(|k| rest.find(k))
            .min()
        {
            out.push(rest[..e].to_string());
        }
    }
    out
}

/// The office a reader is told to contact: "请与X联系", "请联系X办公室".
pub fn contacts(text: &str) -> Vec<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(3000)
        .collect();
    let mut out = Vec::new();
    for (p, _) in compact.match_indices("请与") {
        let rest = first_chars(&compact[p + "请与".len()..], 42);
        if let Some(e) = rest.find("联系") {
            out.push(rest[..e].to_string());
        }
    }
    out
}

/// The signature: a name on the last lines, alone before a date line or followed by the date
/// on its own line ("莆田市城市管理局" / "2026年1月8日").
pub fn in_signature(last_lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in last_lines.iter().enumerate() {
        let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(d) = date_start(&l) {
            if d > 0 {
                out.push(l[..d].to_string());
            } else if i > 0 {
                out.push(last_lines[i - 1].trim().to_string());
            }
        }
    }
    out
}

/// Where a date ("2026年1月8日", "二〇〇九年一月二十三日") that ends the line starts.
fn date_start(l: &str) -> Option<usize> {
    if !l.ends_with('日') {
        return None;
    }
    let digit = |c: char| c.is_ascii_digit() || "〇零○O一二三四五六七八九十".contains(c);
    let cs: Vec<(usize, char)> = l.char_indices().collect();
    let mut k = cs.len();
    while k > 0 && (digit(cs[k - 1].1) || "年月日".contains(cs[k - 1].1)) {
        k -= 1;
    }
    let date: String = cs[k..].iter().map(|(_, c)| c).collect();
    let ok = date.contains('年') && date.contains('月') && date.chars().count() >= 8;
    ok.then(|| cs.get(k).map_or(l.len(), |(i, _)| *i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_fragments_are_not_names() {
        for s in [
            "根据《中华人民共和国",
            "本年报是根据《关于印发莆田市",
            "按照市政府办公室",
            "为进一步做好政务公开",
            "我局",
            "本局",
            "《莆田市统计公报》",
            "莆田市统计公报",
            "莆田市林业局政府信息公开工作领导小组办公室",
            "2023年示范市人民政府",
            "综合科具体承办",
            "办公室",
            "人民政府",
            "委员会",
        ] {
            assert!(!is_name(s), "{s}");
        }
        for s in [
            "莆田市城市管理局",
            "三明市",
            "平潭综合实验区",
            "本溪市人民政府",
            "泉州市宝兴县开元街道办事处",
            "南充市新兴区机关事务服务中心",
            "上海市科委",
        ] {
            assert!(is_name(s), "{s}");
        }
    }

    #[test]
    fn the_title_wins_over_the_body() {
        let mut c = Candidates::default();
        c.add(Source::Body, "莆田市民宗局");
        c.add(Source::Title, "莆田市民族与宗教事务局");
        c.add(Source::Contact, "莆田市民宗局办公室");
        assert_eq!(c.pick().as_deref(), Some("莆田市民族与宗教事务局"));
    }

    #[test]
    fn a_preamble_that_starts_with_genju_gives_no_candidate() {
        let text = "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）、《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）及政府信息公开工作相关文件要求，发布《莆田市城市管理局2025年度政府信息公开工作年度报告》。";
        let mut c = Candidates::default();
        for n in in_preamble(text) {
            c.add(Source::Body, &n);
        }
        c.add_defined_short_forms(text);
        assert_eq!(c.pick(), None);
    }

    #[test]
    fn the_preamble_names_its_author() {
        let found = |t: &str| in_preamble(t).into_iter().find(|n| is_name(n));
        assert_eq!(
            found("本年报是根据《关于印发莆田市政府信息公开工作年度报告等制度的通知》要求，由莆田市安监局编制的2008年度政府信息公开年度报告。").as_deref(),
            Some("莆田市安监局")
        );
        assert_eq!(
            found("本年报是由莆田市民宗局根据《中华人民共和国政府信息公开条例》和《莆田市人民政府办公室关于2017年政府信息公开工作年度报告编制发布有关事项的通知》要求，结合本单位信息公开工作实际情况编制而成。").as_deref(),
            Some("莆田市民宗局")
        );
        assert_eq!(
            found("本报告由淮安市洪泽区人民政府办公室根据《条例》要求编制。").as_deref(),
            Some("淮安市洪泽区人民政府办公室")
        );
        assert_eq!(
            found("根据《条例》规定，示范市生态环境局编制了本报告。").as_deref(),
            Some("示范市生态环境局")
        );
        // A leader "由…为组长" is no author.
        assert_eq!(
            found("成立了由党组书记、局长林天耀同志为组长的领导小组。"),
            None
        );
    }

    #[test]
    fn the_fullest_form_is_taken() {
        let pick = |cands: &[(Source, &str)]| {
            let mut c = Candidates::default();
            for (s, n) in cands {
                c.add(*s, n);
            }
            c.pick()
        };
        // The place before the title's name, from the preamble or the contact office.
        assert_eq!(
            pick(&[
                (Source::Title, "洪泽区人民政府"),
                (Source::Contact, "淮安市洪泽区人民政府办公室")
            ])
            .as_deref(),
            Some("淮安市洪泽区人民政府")
        );
        // An abbreviated title spelled out in the preamble.
        assert_eq!(
            pick(&[
                (Source::Title, "度假区安监局"),
                (Source::Body, "聊城江北水城旅游度假区安全生产监督管理局")
            ])
            .as_deref(),
            Some("聊城江北水城旅游度假区安全生产监督管理局")
        );
        assert_eq!(
            pick(&[
                (Source::Body, "开元街道"),
                (Source::Body, "泉州市宝兴县开元街道办事处")
            ])
            .as_deref(),
            Some("泉州市宝兴县开元街道办事处")
        );
        // A signature that repeats the title's name with a typo does not replace it.
        assert_eq!(
            pick(&[
                (Source::Title, "莆田市民族与宗教事务局"),
                (Source::Body, "莆田市民族与宗教局事务局")
            ])
            .as_deref(),
            Some("莆田市民族与宗教事务局")
        );
        // A place's consolidated report keeps the place, whatever office wrote it.
        assert_eq!(
            pick(&[
                (Source::Title, "平潭综合实验区"),
                (Source::Body, "平潭综合实验区管委会"),
                (Source::Body, "平潭县人民政府"),
                (Source::Contact, "区管委会办公室")
            ])
            .as_deref(),
            Some("平潭综合实验区")
        );
        // A contact alone is no agency.
        assert_eq!(pick(&[(Source::Contact, "莆田市安监局综合科")]), None);
    }

    #[test]
    fn a_short_form_the_document_defines_is_spelled_out() {
        let text =
            "南充市新兴区机关事务服务中心（以下简称“区机关事务中心”）根据《条例》编制本报告。";
        assert_eq!(
            defined_short_forms(text),
            [(
                "南充市新兴区机关事务服务中心".to_string(),
                "区机关事务中心".to_string()
            )]
        );
        let mut c = Candidates::default();
        c.add(Source::Title, "区机关事务中心");
        c.add_defined_short_forms(text);
        assert_eq!(c.pick().as_deref(), Some("南充市新兴区机关事务服务中心"));
    }

    #[test]
    fn the_office_to_contact_is_read_but_never_the_agency_alone() {
        let text = "如对本报告有疑问或建议意见，请与莆田市城市管理局办公室联系（地址：莆田市城厢区凤凰山街道筱塘北街283号）。";
        assert_eq!(contacts(text), ["莆田市城市管理局办公室"]);
        let mut c = Candidates::default();
        for n in contacts(text) {
            c.add(Source::Contact, &n);
        }
        assert_eq!(c.pick(), None);
    }

    #[test]
    fn the_signature_names_the_agency() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            in_signature(&lines(&["莆田市城市管理局", "2026年1月8日"])),
            ["莆田市城市管理局"]
        );
        assert_eq!(
            in_signature(&lines(&["示范县人民政府办公室 2021年1月20日"])),
            ["示范县人民政府办公室"]
        );
        assert_eq!(
            in_signature(&lines(&["二00九年一月二十三日"])),
            Vec::<String>::new()
        );
    }
}
