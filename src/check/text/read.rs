//! Reading the figures the prose restates: "共收到政府信息公开申请21件", "予以公开4件",
//! "行政复议、行政诉讼0件". A figure is taken only where the sentence leaves no doubt that it
//! is this agency's figure for this year's table cell: a clause that speaks of another year, a
//! month, last year, a change (同比, 增加), a share (%, 率), an approximation (余, 近) or another
//! body (a 局, 镇 or 部门 that is not the agency itself) gives nothing.

/// One figure stated by the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The rule without its `text.` prefix (`new_received`, `denied` ...).
    pub rule: &'static str,
    pub value: Figure,
    /// The clause it was read from, as printed.
    pub quote: String,
    /// `natural_person` where the sentence counts only natural persons' applications.
    pub column: &'static str,
    /// The sentence says "新收"/"新受理": this year's new applications only.
    pub explicit_new: bool,
    /// The sentence says the count includes last year's carried-over applications.
    pub includes_carried: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Count(i64),
    /// An amount in 万元.
    Amount(f64),
}

/// What the report says of itself, to tell its own figures from others'.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    pub year: Option<i32>,
    pub agency: Option<&'a str>,
}

/// A keyword and the rule it speaks for; a strong keyword names one result or table row, a
/// weak one (收到, 答复) is a verb that other keywords override.
struct Keyword {
    text: &'static str,
    rule: &'static str,
    strong: bool,
}

const fn kw(text: &'static str, rule: &'static str, strong: bool) -> Keyword {
    Keyword { text, rule, strong }
}

/// Longest first where one contains another (部分予以公开 before 予以公开).
const KEYWORDS: &[Keyword] = &[
    kw("上一年度结转", "carried_over", true),
    kw("上年度结转", "carried_over", true),
    kw("上年结转", "carried_over", true),
    kw("结转至下一年度", "carried_forward", true),
    kw("结转到下一年度", "carried_forward", true),
    kw("结转下一年度", "carried_forward", true),
    kw("结转下年度", "carried_forward", true),
    kw("结转至下年", "carried_forward", true),
    kw("结转下年", "carried_forward", true),
    kw("转入下一年度", "carried_forward", true),
    kw("转下一年度", "carried_forward", true),
    kw("部分予以公开", "partially_granted", true),
    kw("部分同意公开", "partially_granted", true),
    kw("部分公开", "partially_granted", true),
    kw("区分处理", "partially_granted", true),
    kw("不予以公开", "denied", true),
    kw("不同意公开", "denied", true),
    kw("不予公开", "denied", true),
    kw("全部予以公开", "granted", true),
    kw("全部公开", "granted", true),
    kw("予以公开", "granted", true),
    kw("同意公开", "granted", true),
    kw("无法提供", "unable", true),
    kw("不予处理", "rejected", true),
    kw("其他处理", "other_handling", true),
    kw("行政复议", "review_total", true),
    kw("行政诉讼", "litigation_total", true),
    kw("规范性文件", "normative", true),
    kw("规章", "regulations_issued", true),
    kw("行政许可", "licensing", true),
    kw("行政处罚", "penalty", true),
    kw("行政强制", "coercion", true),
    kw("行政事业性收费", "fees", true),
    kw("信息处理费", "processing_fee", true),
    kw("新受理", "new_received", false),
    kw("新接收", "new_received", false),
    kw("新收", "new_received", false),
    kw("收到", "new_received", false),
    kw("受理", "new_received", false),
    kw("接收", "new_received", false),
    kw("接到", "new_received", false),
    kw("办理完毕", "results_total", false),
    kw("处理完毕", "results_total", false),
    kw("办结", "results_total", false),
    kw("答复", "results_total", false),
];

/// Words that put a clause's figures in doubt: another time, a change, a share, an estimate,
/// a distribution over several bodies.
const DOUBT: &[&str] = &[
    "同比",
    "环比",
    "去年",
    "前年",
    "上年",
    "上一年",
    "较",
    "比",
    "增长",
    "增加",
    "减少",
    "下降",
    "提高",
    "降低",
    "增幅",
    "降幅",
    "%",
    "％",
    "百分",
    "率",
    "占",
    "平均",
    "月",
    "季度",
    "半年",
    "日均",
    "人次",
    "次",
    "约",
    "近",
    "余",
    "多",
    "以上",
    "以下",
    "超过",
    "不足",
    "分别",
    "预计",
    "计划",
    "目标",
    "力争",
    "各",
    "其中",
    "累计至",
];

/// `其中` opens a breakdown of a total: fine when the keyword follows it directly.
const BREAKDOWN: &str = "其中";

/// Phrases that contain a doubt word but are themselves a cell (上年结转).
const NOT_DOUBT: &[&str] = &["上一年度结转", "上年度结转", "上年结转", "部分", "区分处理"];

/// Words naming a body other than the agency (once the agency's own name and "我局", "本单位"
/// … are removed).
const OTHER_BODY: &[&str] = &[
    "局",
    "委",
    "镇",
    "街道",
    "乡",
    "公司",
    "中心",
    "部门",
    "单位",
    "办公室",
    "政府办",
    "管委会",
    "站",
    "队",
    "所属",
    "下属",
    "学校",
    "医院",
    "法院",
];

/// The agency speaking of itself.
const SELF: &[&str] = &[
    "我局",
    "本局",
    "我委",
    "本委",
    "我办",
    "本办",
    "我单位",
    "本单位",
    "本机关",
    "我机关",
    "本部门",
    "我部门",
    "本中心",
    "我中心",
    "我区",
    "本区",
    "我市",
    "本市",
    "我县",
    "本县",
    "我镇",
    "本镇",
    "我厅",
    "本厅",
    "我署",
    "本署",
    "本行政机关",
];

/// Words in the gap between a keyword and its figure that make it another figure
/// ("不予公开等其他类型164件": the keyword's cells and more).
const GAP_NOT: &[&str] = &[
    "等",
    "建议",
    "提案",
    "投诉",
    "举报",
    "信访",
    "咨询",
    "留言",
    "来信",
    "热线",
    "维持",
    "纠正",
    "纠错",
    "撤销",
    "驳回",
    "审结",
    "败诉",
    "胜诉",
    "其他结果",
    "尚未",
    "结果",
    "直接",
    "复议后",
    "人次",
    "条",
    "项",
    "个",
];

/// Verbs that make a 规章 or 规范性文件 figure the year's issued count.
const ISSUE_VERBS: &[&str] = &["制发", "制定", "出台", "印发", "新制", "制作", "发布"];
/// Words that make such a figure something other than issued (or in force).
const NOT_ISSUED: &[&str] = &[
    "废止",
    "清理",
    "修订",
    "修改",
    "备案",
    "审查",
    "解读",
    "失效",
    "现行有效",
    "公开",
];

/// Every figure the paragraphs state.
pub fn statements(paragraphs: &[String], ctx: &Context) -> Vec<Statement> {
    let mut out = Vec::new();
    for p in paragraphs {
        let chars: Vec<char> = p.chars().map(fold_digit).collect();
        for sentence in split(&chars, &['。', '；', ';', '！', '？', '!', '?', '\n']) {
            // What an earlier clause of the sentence says of time or body holds for the rest;
            // it is worked out only when a later clause holds a figure.
            let clauses = split(sentence, &['，', ',', '：', ':']);
            let (mut scoped, mut seen) = (false, 0);
            for (i, clause) in clauses.iter().enumerate() {
                if !clause.iter().any(char::is_ascii_digit) {
                    continue;
                }
                while seen < i && !scoped {
                    scoped = sets_other_scope(clauses[seen], ctx);
                    seen += 1;
                }
                if scoped {
                    break;
                }
                read_clause(clause, ctx, &mut out);
            }
        }
    }
    out
}

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '\u{3000}' | '\u{a0}' => ' ',
        _ => c,
    }
}

fn split<'a>(s: &'a [char], at: &[char]) -> Vec<&'a [char]> {
    s.split(|c| at.contains(c))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a clause sets a scope for the rest of its sentence: another year, a month, last
/// year, several bodies, another body as the subject ("2022年，…", "去年，…", "各部门：…",
/// "市水文中心收到申请5件，予以公开4件"); a body named after 按照, 根据 … is context.
fn sets_other_scope(clause: &[char], ctx: &Context) -> bool {
    let t: String = clause.iter().collect();
    let t = strip_self(&strip(&t, NOT_DOUBT), ctx);
    other_year(&t, ctx.year)
        || ["月", "季度", "半年", "去年", "前年", "上年", "同比", "各"]
            .iter()
            .any(|w| t.contains(w))
        || (OTHER_BODY.iter().any(|w| t.contains(w))
            && !CONTEXT.iter().any(|w| t.trim_start().starts_with(w)))
}

/// Words that open a clause naming another body as context, not as the subject
/// ("按照省政府办公厅要求，…").
const CONTEXT: &[&str] = &[
    "按照", "根据", "依据", "依照", "在", "配合", "会同", "结合", "对照", "围绕", "通过", "经",
];

/// Whether a text names a year other than the report's ("2022年", "2022 年").
fn other_year(t: &str, year: Option<i32>) -> bool {
    let cs: Vec<char> = t.chars().collect();
    for i in 0..cs.len().saturating_sub(4) {
        let four = &cs[i..i + 4];
        let before_digit = i > 0 && cs[i - 1].is_ascii_digit();
        if before_digit || !four.iter().all(char::is_ascii_digit) {
            continue;
        }
        let mut j = i + 4;
        while j < cs.len() && cs[j] == ' ' {
            j += 1;
        }
        if j < cs.len() && matches!(cs[j], '年' | '-' | '—') {
            let y = four
                .iter()
                .fold(0i32, |y, c| y * 10 + c.to_digit(10).unwrap_or(0) as i32);
            if (1990..2100).contains(&y) && Some(y) != year {
                return true;
            }
        }
    }
    false
}

fn strip(t: &str, words: &[&str]) -> String {
    let mut s = t.to_string();
    for w in words {
        s = s.replace(w, "");
    }
    s
}

/// The clause without the agency's own name (any run of three or more of its characters in
/// order) and without the agency's words for itself.
fn strip_self(t: &str, ctx: &Context) -> String {
    let mut s = strip(t, SELF);
    if let Some(agency) = ctx.agency {
        let cs: Vec<char> = s.chars().collect();
        let mut keep = vec![true; cs.len()];
        let mut i = 0;
        while i < cs.len() {
            let mut best = 0;
            for j in (i + 3)..=cs.len() {
                let piece: String = cs[i..j].iter().collect();
                if agency.contains(&piece) {
                    best = j - i;
                } else {
                    break;
                }
            }
            if best >= 3 {
                keep[i..i + best].iter_mut().for_each(|k| *k = false);
                i += best;
            } else {
                i += 1;
            }
        }
        s = cs
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(c, _)| c)
            .collect();
    }
    s
}

/// A token of a clause: a keyword, or a number with its unit.
#[derive(Debug)]
enum Tok {
    Kw(usize),
    Num { value: f64, whole: bool, unit: Unit },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Jian,
    Wan,
    Yuan,
    Other,
}

fn tokens(clause: &[char]) -> Vec<(usize, usize, Tok)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < clause.len() {
        if clause[i].is_ascii_digit() && (i == 0 || !clause[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            let mut j = i;
            while j < clause.len()
                && (clause[j].is_ascii_digit()
                    || (matches!(clause[j], '.' | ',')
                        && clause.get(j + 1).is_some_and(|c| c.is_ascii_digit())))
            {
                j += 1;
            }
            let text: String = clause[start..j].iter().filter(|c| **c != ',').collect();
            let mut k = j;
            while k < clause.len() && clause[k] == ' ' {
                k += 1;
            }
            let unit = match (clause.get(k), clause.get(k + 1)) {
                (Some('件'), _) => Unit::Jian,
                (Some('万'), Some('元')) => Unit::Wan,
                (Some('元'), _) => Unit::Yuan,
                _ => Unit::Other,
            };
            let ordinal = start > 0 && clause[start - 1] == '第';
            let value = text.parse::<f64>().ok();
            let unit = if ordinal { Unit::Other } else { unit };
            if let Some(value) = value {
                out.push((
                    start,
                    j,
                    Tok::Num {
                        value,
                        whole: !text.contains('.'),
                        unit,
                    },
                ));
            }
            i = j.max(i + 1);
            continue;
        }
        let found = KEYWORDS.iter().position(|k| {
            let n = k.text.chars().count();
            i + n <= clause.len() && clause[i..i + n].iter().copied().eq(k.text.chars())
        });
        if let Some(k) = found {
            let n = KEYWORDS[k].text.chars().count();
            out.push((i, i + n, Tok::Kw(k)));
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

fn read_clause(clause: &[char], ctx: &Context, out: &mut Vec<Statement>) {
    let text: String = clause.iter().collect();
    let quote = text.trim().to_string();
    let scrubbed = strip_self(&strip(&text, NOT_DOUBT), ctx);
    let breakdown_ok = |kw_start: usize| {
        let before: String = clause[..kw_start].iter().collect();
        before.trim_end().ends_with(BREAKDOWN)
    };
    let doubt: Vec<&str> = DOUBT
        .iter()
        .copied()
        .filter(|w| scrubbed.contains(w))
        .collect();
    if doubt.iter().any(|w| *w != BREAKDOWN)
        || other_year(&text, ctx.year)
        || OTHER_BODY.iter().any(|w| scrubbed.contains(w))
    {
        return;
    }
    let toks = tokens(clause);
    let mut seg_start = 0;
    for (n, (s, e, tok)) in toks.iter().enumerate() {
        let Tok::Num { value, whole, unit } = tok else {
            continue;
        };
        let segment = &toks[seg_start..n];
        seg_start = n + 1;
        if *unit == Unit::Other {
            continue;
        }
        let kws: Vec<(usize, usize, usize)> = segment
            .iter()
            .filter_map(|(a, b, t)| match t {
                Tok::Kw(k) => Some((*a, *b, *k)),
                Tok::Num { .. } => None,
            })
            .collect();
        let strong: Vec<&(usize, usize, usize)> =
            kws.iter().filter(|k| KEYWORDS[k.2].strong).collect();
        let Some(&(ks, ke, k)) = strong.last().copied().or(kws.last()) else {
            continue;
        };
        // 其中 opens a breakdown of this agency's total only right before the keyword.
        if !doubt.is_empty() && !breakdown_ok(kws[0].0) {
            return;
        }
        let rule = KEYWORDS[k].rule;
        let gap: String = clause[ke..*s].iter().collect();
        let before: String = clause[ks.saturating_sub(8)..ks].iter().collect();
        let span: String = clause[ks..*e].iter().collect();
        if gap.chars().count() > 20 || GAP_NOT.iter().any(|w| gap.contains(w)) {
            continue;
        }
        // Other strong keywords before this one: a joint figure ("行政复议、行政诉讼0件") is
        // taken only when it is 0, for each of them.
        let others: Vec<&'static str> = strong
            .iter()
            .filter(|o| o.2 != k && KEYWORDS[o.2].rule != rule)
            .map(|o| KEYWORDS[o.2].rule)
            .collect();
        let mut rules = vec![rule];
        if !others.is_empty() {
            if *value != 0.0 {
                continue;
            }
            rules.extend(others);
        }
        // "予以公开4件（含部分公开1件）": the figure is a sum of more than the cell.
        let after: String = clause[*e..].iter().take(12).collect();
        let after = after.trim_start_matches(['件', '万', '元', ' ']);
        let includes = after.starts_with(['（', '(', '，', ','])
            && (after.contains('含') || after.contains("包括"));
        if includes && !matches!(rule, "new_received" | "results_total") {
            continue;
        }
        // A figure inside such a note is a part of that sum: only 上年结转 is a cell for sure.
        let open = clause[..ks].iter().rposition(|c| matches!(c, '（' | '('));
        let closed = open.is_some_and(|o| clause[o..ks].iter().any(|c| matches!(c, '）' | ')')));
        let in_note = open.is_some_and(|o| {
            let note: String = clause[o + 1..ks].iter().collect();
            note.starts_with('含') || note.starts_with("包括")
        });
        if in_note && !closed && rule != "carried_over" {
            continue;
        }
        let amount = matches!(unit, Unit::Wan | Unit::Yuan);
        for rule in rules {
            let Some(rule) = resolve(rule, &before, &gap, &scrubbed) else {
                continue;
            };
            if (rule == "fees") != amount {
                continue;
            }
            let figure = match unit {
                Unit::Wan => Figure::Amount(*value),
                Unit::Yuan => Figure::Amount(*value / 10_000.0),
                _ if *whole => Figure::Count(*value as i64),
                _ => continue,
            };
            let column = if rule == "new_received" && gap.contains("自然人") {
                "natural_person"
            } else {
                "total"
            };
            if rule == "new_received"
                && (!span.contains("申请")
                    || ["法人", "企业", "组织"].iter().any(|w| gap.contains(w)))
            {
                continue;
            }
            let explicit_new = KEYWORDS[k].text.starts_with('新') || before.ends_with('新');
            let includes_carried = [
                "含上年结转",
                "包括上年结转",
                "加上上年结转",
                "含上一年度结转",
            ]
            .iter()
            .any(|w| text.contains(w));
            out.push(Statement {
                rule,
                value: figure,
                quote: quote.clone(),
                column,
                explicit_new,
                includes_carried,
            });
        }
    }
}

/// The rule a keyword's figure restates, given the words around it; `None` when it restates
/// no table cell.
fn resolve(rule: &'static str, before: &str, gap: &str, clause: &str) -> Option<&'static str> {
    let near = format!("{before}{gap}");
    let verb = ISSUE_VERBS.iter().any(|v| near.contains(v));
    match rule {
        "processing_fee" => None,
        "normative" if near.contains("现行有效") => Some("normative_in_force"),
        "normative" | "regulations_issued" => {
            let issued = verb && !NOT_ISSUED.iter().any(|w| clause.contains(w));
            match (rule, issued) {
                ("normative", true) => Some("normative_issued"),
                ("regulations_issued", true) => Some(rule),
                _ => None,
            }
        }
        "licensing" | "penalty" | "coercion" => (gap.contains("决定")
            && gap.chars().count() <= 8
            && !clause.contains("公示")
            && !clause.contains("信息"))
        .then_some(rule),
        "review_total" | "litigation_total" => {
            let partial = ["直接", "复议后", "经复议", "维持", "纠正"]
                .iter()
                .any(|w| before.contains(w));
            (!partial).then_some(rule)
        }
        "fees" => (!gap.contains("标准")).then_some(rule),
        _ => Some(rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(p: &str) -> Vec<(&'static str, Figure)> {
        let ctx = Context {
            year: Some(2023),
            agency: Some("淮安市洪泽区人民政府"),
        };
        statements(&[p.to_string()], &ctx)
            .into_iter()
            .map(|s| (s.rule, s.value))
            .collect()
    }

    #[test]
    fn restated_figures() {
        use Figure::Count as C;
        assert_eq!(
            read("2023年共收到政府信息公开申请21件，予以公开4件，行政复议2件。"),
            vec![
                ("new_received", C(21)),
                ("granted", C(4)),
                ("review_total", C(2))
            ]
        );
        assert_eq!(
            read(
                "所有办结的申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，转下一年度办理答复的有 1 件。"
            ),
            vec![
                ("granted", C(9)),
                ("partially_granted", C(0)),
                ("carried_forward", C(1))
            ]
        );
        assert_eq!(
            read("行政复议、行政诉讼0件。"),
            vec![("litigation_total", C(0)), ("review_total", C(0))]
        );
        assert_eq!(
            read("洪泽区人民政府共受理申请 21件"),
            vec![("new_received", C(21))]
        );
    }

    #[test]
    fn a_figure_for_a_keyword_and_more_is_not_its_cell() {
        assert!(
            read("其中予以公开172件，部分公开66件，不予公开等其他类型164件。")
                .iter()
                .all(|(r, _)| *r != "denied")
        );
    }

    #[test]
    fn figures_about_something_else() {
        for p in [
            "2022年共收到政府信息公开申请18件。",
            "收到申请数量比上年增加5件。",
            "区公安局收到政府信息公开申请12件。",
            "予以公开的占比为20%。",
            "1-6月收到政府信息公开申请9件。",
            "全年收取信息处理费0元。",
            "行政复议2件，同比下降1件。",
            "收到人大代表建议15件。",
            "复议后起诉的行政诉讼1件。",
            "予以公开4件（含部分公开1件）。",
            "去年，收到政府信息公开申请30件。",
        ] {
            let got = read(p);
            assert!(
                got.iter().all(|(r, _)| *r == "review_total"),
                "{p}: {got:?}"
            );
        }
    }
}
