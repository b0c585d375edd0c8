//! The page's own metadata, for [`Document::meta`](crate::model::Document::meta): every
//! `<meta name=… content=…>` of the page, and the labelled fields that portals print around an
//! article ("发布机构：…", "来源：…", a 索引号 block's "发布机构 | …" cells).
//!
//! These are data about the page, read wherever they stand (the article finder leaves them
//! out of the text); what they mean for a report is decided downstream.

use ego_tree::NodeRef;
use scraper::Node;

use super::is_skipped;

/// Labels of the fields a CMS prints beside an article to say who published it.
const FIELD_LABELS: &[&str] = &[
    "发布机构",
    "发文机关",
    "发布单位",
    "发布部门",
    "信息来源",
    "文章来源",
    "内容来源",
    "来源",
];

/// A text longer than this is running text, not a line of fields.
const MAX_LINE: usize = 200;

/// A field's value longer than this is running text, not a field.
const MAX_VALUE: usize = 40;

/// The `<meta>` pairs, then the labelled fields, each in document order.
pub fn read(root: NodeRef<'_, Node>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in root.descendants() {
        if let Node::Element(e) = n.value() {
            if e.name() != "meta" {
                continue;
            }
            let name = e.attr("name").or_else(|| e.attr("property"));
            if let (Some(name), Some(content)) = (name, e.attr("content")) {
                let (name, content) = (name.trim(), crate::adapter::collapse(content));
                if !name.is_empty() && !content.is_empty() {
                    out.push((name.to_string(), content));
                }
            }
        }
    }
    out.extend(labelled(&texts(root)));
    out
}

/// The page's text nodes in order, whitespace collapsed, outside scripts, styles and hidden
/// parts.
fn texts(root: NodeRef<'_, Node>) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = None;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(_) if is_skipped(n) => skip = Some(n.id()),
                    Node::Text(t) => {
                        let t = crate::adapter::collapse(t);
                        if !t.is_empty() {
                            out.push(t);
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                }
            }
        }
    }
    out
}

/// "来源：X" within one text, or a label alone ("发布机构", "来源：") with its value in the
/// next text (the next cell or span).
fn labelled(texts: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        // Fields are short texts; running text is not searched for them.
        if t.chars().count() > MAX_LINE {
            continue;
        }
        let mut at = 0;
        while let Some((start, label)) = next_label(t, at) {
            let rest = &t[start + label.len()..];
            at = start + label.len();
            let trimmed = rest.trim_start();
            let after_colon = trimmed
                .strip_prefix('：')
                .or_else(|| trimmed.strip_prefix(':'))
                .map(str::trim_start);
            let value = match after_colon {
                Some(v) if !v.is_empty() => first_word(v),
                // The label stands alone: its value is the next text.
                Some(_) => next_value(texts, i),
                None if trimmed.is_empty() && t.trim() == label => next_value(texts, i),
                None => None,
            };
            if let Some(v) = value {
                out.push((label.to_string(), v));
            }
        }
    }
    out
}

/// The first field label at or after byte `from` that starts the text or follows a space or
/// a separator (so 资金来源 is not 来源).
fn next_label(t: &str, from: usize) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str)> = None;
    for label in FIELD_LABELS {
        let mut search = from;
        while let Some(p) = t[search..].find(label).map(|p| p + search) {
            let before = t[..p].chars().next_back();
            if before.is_none_or(|c| c.is_whitespace() || "|｜/·【[（(".contains(c)) {
                if best.is_none_or(|(b, bl)| p < b || (p == b && label.len() > bl.len())) {
                    best = Some((p, label));
                }
                break;
            }
            search = p + label.len();
        }
    }
    best
}

/// A value runs to the next space: a CMS prints fields side by side on one line.
fn first_word(v: &str) -> Option<String> {
    let w = v.split(char::is_whitespace).next().unwrap_or("");
    let w = w.trim_end_matches(['|', '｜']);
    (!w.is_empty() && w.chars().count() <= MAX_VALUE).then(|| w.to_string())
}

fn next_value(texts: &[String], i: usize) -> Option<String> {
    let v = texts.get(i + 1)?;
    if v.contains('：') || v.contains(':') || v.chars().count() > MAX_VALUE {
        return None;
    }
    Some(v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn fields(html: &str) -> Vec<(String, String)> {
        read(Html::parse_document(html).tree.root())
    }

    #[test]
    fn meta_tags_and_labelled_fields_are_read() {
        let f = fields(
            "<html><head><meta name='ArticleTitle' content='甲市乙局2025年度报告'>\
             <meta name='KeyWords' content=''></head><body>\
             <div><span>发布时间：2026-01-13</span><span>来源：甲市乙局</span></div>\
             <table><tr><td>发布机构</td><td>甲市乙局办公室</td></tr></table>\
             <p>资金来源：财政拨款</p></body></html>",
        );
        let pairs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("ArticleTitle", "甲市乙局2025年度报告"),
                ("来源", "甲市乙局"),
                ("发布机构", "甲市乙局办公室"),
            ]
        );
    }

    #[test]
    fn fields_printed_on_one_line_are_split_at_spaces() {
        let f = fields("<p>发布日期：2020-01-13 信息来源：丙县丁局 浏览次数：12</p>");
        assert_eq!(f, [("信息来源".to_string(), "丙县丁局".to_string())]);
    }
}
