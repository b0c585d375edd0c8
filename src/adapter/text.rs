//! Plain-text and markdown dumps of reports.
//!
//! Bytes are decoded (BOM, UTF-8, UTF-16 without BOM, GB18030/GBK, then detection) and never
//! mangled: a file that does not decode cleanly in any of these is not text. Each line becomes
//! a [`Line`] whose tab-separated pieces are its fragments; a run of markdown pipe-table lines
//! becomes a [`Grid`], since a pipe table gives its cells places.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::{Block, Cell, Document, Fragment, Grid, Line, Origin};

pub fn read(bytes: &[u8], budget: &Budget) -> Result<Document> {
    let text = decode(bytes).ok_or_else(|| {
        Error::unsupported("the bytes do not decode as text in any supported encoding")
    })?;
    let mut doc = Document::default();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut table_start = 0;
    for (n, raw) in text.lines().enumerate() {
        if n % 4096 == 0 {
            budget.check()?;
        }
        let line = raw.trim_end_matches('\r');
        if let Some(cells) = pipe_row(line) {
            if table.is_empty() {
                table_start = n;
            }
            if !is_separator_row(&cells) {
                table.push(cells);
            }
            continue;
        }
        if !table.is_empty() {
            doc.blocks.push(Block::Grid(pipe_grid(
                std::mem::take(&mut table),
                table_start,
            )));
        }
        doc.blocks.push(Block::Line(text_line(line, n)));
    }
    if !table.is_empty() {
        doc.blocks.push(Block::Grid(pipe_grid(table, table_start)));
    }
    Ok(doc)
}

fn text_line(line: &str, n: usize) -> Line {
    let origin = Origin {
        cell: Some(format!("line {}", n + 1)),
        ..Origin::default()
    };
    let fragments = if line.contains('\t') {
        line.split('\t')
            .enumerate()
            .map(|(i, t)| Fragment {
                text: t.to_string(),
                origin: origin.clone(),
                field: u32::try_from(i).ok(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Line {
        text: line.replace('\t', " "),
        fragments,
        origin,
    }
}

/// The cells of a markdown pipe-table row (`| a | b |`), or `None` for any other line.
fn pipe_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() >= 2) {
        return None;
    }
    let inner = &t[1..t.len() - 1];
    Some(inner.split('|').map(|c| c.trim().to_string()).collect())
}

fn is_separator_row(cells: &[String]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn pipe_grid(rows: Vec<Vec<String>>, first_line: usize) -> Grid {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // A row with fewer cells than the table lost some, and nothing says which.
    let short: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].len() < width).collect();
    let mut cells = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        for (c, text) in row.into_iter().enumerate() {
            let origin = Origin {
                cell: Some(format!("line {}, column {}", first_line + r + 1, c + 1)),
                ..Origin::default()
            };
            cells.push(Cell {
                text,
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                origin,
            });
        }
    }
    let mut grid = Grid::from_cells(cells, None);
    grid.unplaced_rows = short;
    grid
}

/// Decodes bytes that are text; `None` when they are not (binary, or no encoding fits cleanly).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors)
            .then(|| s.into_owned())
            .filter(|s| is_textual(s));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return is_textual(s).then(|| s.to_string());
    }
    // No BOM and not UTF-8: UTF-16 of either order or GB18030, whichever reads as more
    // plausible text (a UTF-16 file read as GB18030 is full of controls and rare glyphs).
    let mut best: Option<(f32, String)> = None;
    for enc in [GB18030, UTF_16LE, UTF_16BE] {
        if enc != GB18030 && bytes.len() % 2 != 0 {
            continue;
        }
        let (s, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors || !is_textual(&s) {
            continue;
        }
        let score = plausibility(&s);
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, s.into_owned()));
        }
    }
    if let Some((score, s)) = best {
        if score > 0.9 {
            return Some(s);
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (s, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors && is_textual(&s)).then(|| s.into_owned())
}

/// The share of characters that ordinary Chinese or English text is made of.
fn plausibility(s: &str) -> f32 {
    let (mut n, mut good) = (0usize, 0usize);
    for ch in s.chars().take(65536) {
        n += 1;
        let c = ch as u32;
        if ch.is_ascii_graphic()
            || ch.is_whitespace()
            || (0x4E00..=0x9FFF).contains(&c)
            || (0x3000..=0x303F).contains(&c)
            || (0xFF00..=0xFFEF).contains(&c)
            || (0x2010..=0x206F).contains(&c)
        {
            good += 1;
        }
    }
    if n == 0 { 1.0 } else { good as f32 / n as f32 }
}

/// Text has no NULs and few control characters besides whitespace.
fn is_textual(s: &str) -> bool {
    let mut n = 0usize;
    let mut bad = 0usize;
    for ch in s.chars().take(65536) {
        n += 1;
        if ch == '\0' {
            return false;
        }
        if ch.is_control() && !matches!(ch, '\n' | '\r' | '\t' | '\u{c}') {
            bad += 1;
        }
    }
    bad * 100 <= n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_supported_encoding() {
        let s = "二、上年结转政府信息公开申请数量\t0\t0\n";
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode(&gbk).as_deref(), Some(s));
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).as_deref(), Some(s));
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be).as_deref(), Some(s));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(s.as_bytes());
        assert_eq!(decode(&bom).as_deref(), Some(s));
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0x00]),
            None
        );
    }

    #[test]
    fn pipe_tables_become_grids_and_tabs_fragments() {
        let doc = read(
            "a\tb\n| x | 1 |\n|---|---|\n| y |  |\nend\n".as_bytes(),
            &Budget::default(),
        )
        .unwrap();
        assert_eq!(doc.blocks.len(), 3);
        let Block::Line(l) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(l.fragments.len(), 2);
        let Block::Grid(g) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!((g.rows, g.cols), (2, 2));
        assert_eq!(g.cells[3].text, "");
    }
}
