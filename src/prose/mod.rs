//! The report's running text, read from the document model's lines: page furniture (page
//! numbers, running headers) removed, the standard tables left out (grids, and the rows of a
//! dump's tables), lines that a PDF or a dump wrapped joined back into paragraphs. Its
//! numbered parts are the record's `sections` ([`sections`]); its sentences are what the
//! `text.*` checks read (`check::text`).

pub mod sections;

use std::collections::{HashMap, HashSet};

use crate::model::{Block, Document, Grid, Line};
use crate::record::TextSection;
use crate::text::is_cjk;

/// The prose of one document.
#[derive(Debug, Default, Clone)]
pub struct Prose {
    /// Every paragraph, in document order, preamble and signature included.
    pub paragraphs: Vec<String>,
    /// The numbered parts.
    pub sections: Vec<TextSection>,
}

/// Reads the prose of a document.
pub fn read(doc: &Document) -> Prose {
    let lines = prose_lines(doc);
    let paragraphs = join_wrapped(&lines);
    let paragraphs = sections::split_embedded_headings(paragraphs);
    let sections = sections::sections(&paragraphs);
    Prose {
        paragraphs,
        sections,
    }
}

/// A line of text and whether a grid (a table) stood before it.
struct Kept {
    text: String,
    after_grid: bool,
}

/// The lines that may be prose: not furniture, not a table's row.
fn prose_lines(doc: &Document) -> Vec<Kept> {
    let running = running_headers(doc);
    let mut out = Vec::new();
    let mut after_grid = false;
    for b in &doc.blocks {
        match b {
            Block::Grid(g) => {
                // A row of one text cell is a line a spreadsheet or a layout table prints
                // (a heading, a paragraph); the table's own rows have several cells.
                for text in lone_cells(g) {
                    if !is_page_number(&text) && !running.contains(&text) {
                        out.push(Kept {
                            text,
                            after_grid: true,
                        });
                    }
                }
                after_grid = true;
            }
            Block::Line(l) => {
                let t = l.text.trim();
                if t.is_empty() || is_page_number(t) || running.contains(t) || is_table_row(l) {
                    continue;
                }
                out.push(Kept {
                    text: t.to_string(),
                    after_grid,
                });
                after_grid = false;
            }
        }
    }
    out
}

/// The text of each grid row that holds exactly one cell with text, not a value.
fn lone_cells(g: &Grid) -> Vec<String> {
    let mut out = Vec::new();
    for row in g.layout() {
        let mut cells: Vec<usize> = row.into_iter().flatten().collect();
        cells.dedup();
        let texts: Vec<&str> = cells
            .iter()
            .map(|i| g.cells[*i].text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if let [t] = texts[..]
            && !crate::locate::items::is_value_like(t)
            && out.last().map(String::as_str) != Some(t)
        {
            out.push(t.to_string());
        }
    }
    out
}

/// Whether a line is a page number as printed: "- 3 -", "第3页 共5页", "3/5", "— 3 —".
pub fn is_page_number(t: &str) -> bool {
    if t.chars().count() > 16 {
        return false;
    }
    let mut digits = 0;
    for c in t.chars() {
        match c {
            '0'..='9' | '０'..='９' => digits += 1,
            '-' | '—' | '–' | '－' | '_' | '·' | '.' | '/' | '第' | '页' | '共' | '(' | ')'
            | '（' | '）' | ' ' | '\u{3000}' | '\t' | 'P' | 'p' | 'a' | 'g' | 'e' | 'o' | 'f' => {
            }
            _ => return false,
        }
    }
    digits > 0 && digits <= 6
}

/// Short lines printed on three or more pages: running headers and footers.
fn running_headers(doc: &Document) -> HashSet<String> {
    let mut pages: HashMap<&str, HashSet<u32>> = HashMap::new();
    for b in &doc.blocks {
        if let Block::Line(l) = b {
            let t = l.text.trim();
            if let Some(p) = l.origin.page
                && !t.is_empty()
                && t.chars().count() <= 40
            {
                pages.entry(t).or_default().insert(p);
            }
        }
    }
    pages
        .into_iter()
        .filter(|(_, p)| p.len() >= 3)
        .map(|(t, _)| t.to_string())
        .collect()
}

/// Whether a line is a row of a table printed as text: its pieces are values, or it is a
/// label followed by three or more numbers with no sentence in it.
fn is_table_row(l: &Line) -> bool {
    let values = l
        .fragments
        .iter()
        .filter(|f| crate::locate::items::is_value_like(&f.text))
        .count();
    if values >= 2 || (values >= 1 && l.fragments.len() >= 2 && !has_sentence(&l.text)) {
        return true;
    }
    let t = l.text.trim();
    if crate::locate::items::is_value_like(t) {
        return true;
    }
    let numbers = t
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter(|s| !s.is_empty() && s.chars().any(|c| c.is_ascii_digit()))
        .count();
    numbers >= 3 && !has_sentence(t) && t.chars().filter(|c| is_cjk(*c)).count() <= 40
}

/// Whether a text holds sentence punctuation (a table cell does not).
pub fn has_sentence(t: &str) -> bool {
    t.contains(['。', '，', '；', '：'])
}

/// Whether a line ends a sentence or a heading (it is never continued on the next line).
fn ends_paragraph(t: &str) -> bool {
    t.ends_with(['。', '！', '？', '：', ':', '；', ';', '!', '?'])
}

/// Joins the lines a PDF or a dump wrapped: a line continues the one before when that one
/// runs to the full width of the text (as long as most lines) without ending its sentence,
/// no table stood between them, and the line does not open a numbered part or item.
fn join_wrapped(lines: &[Kept]) -> Vec<String> {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|n| *n >= 10)
        .collect();
    lens.sort_unstable();
    let width = lens.get(lens.len() * 3 / 4).copied().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for l in lines {
        let n = l.text.chars().count();
        if open && !l.after_grid && !opens_item(&l.text) {
            if let Some(last) = out.last_mut() {
                last.push_str(&l.text);
            }
        } else {
            out.push(l.text.clone());
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        open = width >= 15
            && n * 10 >= width * 8
            && !ends_paragraph(last)
            && sections::heading_at_start(last).is_none();
    }
    out
}

/// Whether a line opens a numbered part or item: "一、", "（一）", "1.", "一是".
fn opens_item(t: &str) -> bool {
    if sections::heading_at_start(t).is_some() {
        return true;
    }
    let mut cs = t.chars();
    match cs.next() {
        Some('（' | '(') => cs
            .next()
            .is_some_and(|c| sections::numeral(c).is_some() || c.is_ascii_digit()),
        Some(c) if c.is_ascii_digit() => {
            let rest: String = cs.take(2).collect();
            rest.starts_with(['.', '、', '．']) || rest.chars().nth(1) == Some('、')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn line(t: &str, page: u32) -> Block {
        Block::Line(Line {
            text: t.into(),
            fragments: Vec::new(),
            origin: Origin {
                page: Some(page),
                ..Origin::default()
            },
        })
    }

    #[test]
    fn page_numbers() {
        for t in ["- 3 -", "第3页 共5页", "3/5", "— 12 —", "Page 2 of 7", "4"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023年", "一、总体情况", "收到申请3件"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn wrapped_lines_join_and_furniture_goes() {
        let doc = Document {
            blocks: vec![
                line("一、总体情况", 1),
                line("本年度共收到政府信息公开申请二十一件，均在法定", 1),
                line("- 1 -", 1),
                line("期限内答复，答复率百分之百。", 2),
                line("（一）主动公开情况。", 2),
                line("二、主动公开政府信息情况", 2),
                line("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", 2),
                line("规章\t0\t0\t3", 2),
            ],
            ..Document::default()
        };
        let p = read(&doc);
        assert_eq!(
            p.paragraphs[1],
            "本年度共收到政府信息公开申请二十一件，均在法定期限内答复，答复率百分之百。"
        );
        assert_eq!(p.sections.len(), 2);
        assert_eq!(p.sections[0].heading, "总体情况");
        assert!(!p.sections[1].text.contains("规章"));
    }
}
