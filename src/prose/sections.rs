//! The report's numbered parts (一、总体情况 … 六、其他需要报告的事项): where each begins,
//! its heading and its text. A part is numbered in order from 一; a table's own numbered rows
//! (一、本年新收政府信息公开申请数量, 四、结转下年度继续办理) are not parts.

use crate::record::TextSection;

/// The numerals of the parts, in order.
const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Words of table 三's numbered rows, which are printed like part headings.
const TABLE_ROWS: &[&str] = &["申请数量", "办理结果", "结转下年", "上年结转", "继续办理"];

/// Words of the tables' headers and labels: a paragraph holding one is a table's text.
const TABLE_WORDS: &[&str] = &[
    "勾稽关系",
    "结果维持",
    "尚未审结",
    "本年制发件数",
    "本年新制作数量",
    "申请人情况",
    "本年处理决定数量",
    "区分处理的",
];

/// The standard parts' headings, found even where a dump ran them into the text before.
const STANDARD: &[&str] = &[
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// The value of a part numeral (一 = 1).
pub fn numeral(c: char) -> Option<usize> {
    NUMERALS.iter().position(|n| *n == c).map(|i| i + 1)
}

/// A part heading at the start of a paragraph: its number, its heading, and the byte offset
/// in the paragraph of the text that follows the heading on the same line (the paragraph's
/// length when the heading stands alone).
pub fn heading_at_start(p: &str) -> Option<(usize, String, usize)> {
    // Markdown and bold marks around a heading ("## 一、总体情况", "**一、总体情况**").
    let lead = p.len() - p.trim_start_matches(['#', '*', ' ', '\u{3000}']).len();
    let t = &p[lead..];
    let mut cs = t.char_indices();
    let (_, c) = cs.next()?;
    let n = numeral(c)?;
    let (i, sep) = cs.next()?;
    if !matches!(sep, '、' | '．' | '.' | '，') {
        return None;
    }
    let rest = t[i + sep.len_utf8()..].trim_start();
    let at = p.len() - rest.len();
    let rest = rest.trim_end_matches(['*', ' ']);
    if rest.is_empty()
        || TABLE_ROWS
            .iter()
            .any(|w| rest.contains(w) && rest.len() < 90)
    {
        return None;
    }
    let tail_at = |e: usize| {
        let after = &rest[e..];
        let skipped = after.len()
            - after
                .trim_start_matches(['。', '，', '：', ' ', '\u{3000}'])
                .len();
        at + e + skipped
    };
    if let Some(h) = STANDARD.iter().find(|h| rest.starts_with(**h)) {
        return Some((n, h.to_string(), tail_at(h.len())));
    }
    // A heading stands alone, or ends at the first stop or space within its first 30 chars.
    let end = rest
        .char_indices()
        .take(30)
        .find(|(_, c)| matches!(c, '。' | '，' | '：' | ' ' | '\u{3000}'))
        .map(|(i, _)| i);
    match end {
        None if rest.chars().count() <= 30 => Some((n, rest.trim_end().to_string(), p.len())),
        Some(e) if e > 0 => Some((n, rest[..e].to_string(), tail_at(e))),
        _ => None,
    }
}

/// Splits paragraphs where a dump ran a standard part heading into the text before it
/// ("…联系。一、总体情况2021年，…").
pub fn split_embedded_headings(paragraphs: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut rest = p.as_str();
        while let Some(at) = embedded_heading(rest) {
            let (before, after) = rest.split_at(at);
            if !before.trim().is_empty() {
                out.push(before.trim().to_string());
            }
            // Keep the heading whole on its own paragraph, the text after it on the next.
            let tail_at = heading_at_start(after).map_or(after.len(), |(_, _, t)| t);
            out.push(after[..tail_at].trim().to_string());
            rest = &after[tail_at..];
        }
        if !rest.trim().is_empty() {
            out.push(rest.trim().to_string());
        }
    }
    out
}

/// The byte offset of a standard heading (numeral, 、, one of [`STANDARD`]) inside a paragraph.
fn embedded_heading(p: &str) -> Option<usize> {
    for (i, c) in p.char_indices().skip(1) {
        if numeral(c).is_none() {
            continue;
        }
        let before = p[..i].chars().next_back();
        // Any character may end the text before (a dump runs "…32.52元三、收到和处理…"),
        // but not another numeral ("十三、") or 第.
        if before.is_some_and(|b| numeral(b).is_some() || b == '第') {
            continue;
        }
        let after = &p[i + c.len_utf8()..];
        let Some(rest) = after.strip_prefix('、') else {
            continue;
        };
        if STANDARD.iter().any(|h| rest.starts_with(h)) {
            return Some(i);
        }
    }
    None
}

/// Whether a heading opens one of the standard tables (二, 三, 四), whose parts hold tables
/// and at most a few sentences.
fn is_table_part(heading: &str) -> bool {
    heading.contains("主动公开政府信息情况")
        || heading.contains("收到和处理政府信息公开申请")
        || (heading.contains("行政复议") && heading.contains("行政诉讼"))
}

/// The numbered parts of a report, in order. A heading is a part when its number follows the
/// last part's (one number may be skipped). The first part is 一, or, in a document that prints
/// no 一 (a workbook of the tables alone), the first of 二 to 四; the text before it (title,
/// preamble) is no part. A heading printed twice in a row (a sheet's name, then the sheet's own
/// heading) keeps the second, fuller one.
pub fn sections(paragraphs: &[String]) -> Vec<TextSection> {
    let has_one = paragraphs
        .iter()
        .any(|p| heading_at_start(p).is_some_and(|(n, _, _)| n == 1));
    let first_max = if has_one { 1 } else { 4 };
    let mut out: Vec<TextSection> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut last = 0usize;
    let finish = |out: &mut Vec<TextSection>, body: &mut Vec<&str>| {
        if let Some(s) = out.last_mut() {
            let table = is_table_part(&s.heading);
            let kept: Vec<&str> = body
                .drain(..)
                .filter(|p| {
                    !table || (p.contains('。') && !TABLE_WORDS.iter().any(|w| p.contains(w)))
                })
                .collect();
            s.text = kept.join("\n");
        }
        body.clear();
    };
    for p in paragraphs {
        if let Some((n, heading, tail_at)) = heading_at_start(p) {
            let tail = p[tail_at..].trim();
            if n == last && body.is_empty() && tail.is_empty() {
                if let Some(s) = out.last_mut() {
                    s.heading = heading;
                }
                continue;
            }
            let opens = if last == 0 {
                n <= first_max
            } else {
                n > last && n <= last + 2
            };
            if opens {
                finish(&mut out, &mut body);
                out.push(TextSection {
                    number: NUMERALS[n - 1].to_string(),
                    heading,
                    text: String::new(),
                });
                last = n;
                if !tail.is_empty() {
                    body.push(tail);
                }
                continue;
            }
        }
        if last > 0 {
            body.push(p);
        }
    }
    finish(&mut out, &mut body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(
            heading_at_start("一、总体情况").unwrap(),
            (1, "总体情况".into(), "一、总体情况".len())
        );
        let p = "三、收到和处理政府信息公开申请情况本年收到3件。";
        let (n, h, t) = heading_at_start(p).unwrap();
        assert_eq!(
            (n, h.as_str(), &p[t..]),
            (3, "收到和处理政府信息公开申请情况", "本年收到3件。")
        );
        assert!(heading_at_start("四、结转下年度继续办理").is_none());
        assert!(heading_at_start("一是加强学习。").is_none());
    }

    #[test]
    fn parts_in_order_and_embedded() {
        let paras = split_embedded_headings(vec![
            "前言。一、总体情况2021年，我区收到申请3件。".to_string(),
            "二、主动公开政府信息情况".to_string(),
            "三、本年度办理结果".to_string(),
            "四、结转下年度继续办理".to_string(),
        ]);
        let s = sections(&paras);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading, "总体情况");
        assert_eq!(s[0].text, "2021年，我区收到申请3件。");
        // Table 三's numbered rows are neither parts nor the text of a table's part.
        assert_eq!(s[1].text, "");
    }
}
