//! Glyphs → blocks of the document model: each glyph goes to the ruled table cell its centre
//! lies in (so digits of adjacent narrow cells never run together); the rest forms lines in
//! reading order, split into fragments where a wide gap separates runs of text. Glyphs read by
//! OCR carry a confidence; a cell, line or fragment keeps the least of its glyphs'.

use super::content::{Flow, Glyph};
use super::ruling::Table;
use crate::budget::Budget;
use crate::error::Result;
use crate::model::{BBox, Block, Cell, Fragment, Grid, Line, Origin};

/// A gap wider than this many font sizes splits a line into fragments.
const WIDE_GAP: f32 = 1.5;
/// A gap wider than this many font sizes is a space between words.
const WORD_GAP: f32 = 0.25;
/// Between two CJK characters only a gap this wide (letter-spaced titles aside) is a space.
const CJK_GAP: f32 = 1.0;

/// A piece of text, its place and its least OCR confidence (`None`: not read by OCR).
type Piece = (String, BBox, Option<f32>);

/// A line of glyphs with its fragments.
struct TextLine {
    fragments: Vec<Piece>,
    bbox: BBox,
}

/// The lesser of two OCR confidences; text that was not read by OCR has none.
fn least(a: Option<f32>, b: Option<f32>) -> Option<f32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn union(a: BBox, b: BBox) -> BBox {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

fn center(g: &Glyph) -> (f32, f32) {
    ((g.bbox[0] + g.bbox[2]) / 2.0, (g.bbox[1] + g.bbox[3]) / 2.0)
}

fn text_of(g: &Glyph) -> &str {
    g.text.as_deref().unwrap_or("\u{fffd}")
}

/// Groups glyphs into lines, top to bottom, each left to right; glyphs that run down or up
/// (a vertical font, turned text) form columns, each one line.
fn lines(glyphs: Vec<&Glyph>) -> Vec<TextLine> {
    let (turned, mut glyphs): (Vec<&Glyph>, Vec<&Glyph>) =
        glyphs.into_iter().partition(|g| g.flow != Flow::Across);
    let (up, down): (Vec<&Glyph>, Vec<&Glyph>) =
        turned.into_iter().partition(|g| g.flow == Flow::Up);
    glyphs.sort_by(|a, b| center(b).1.total_cmp(&center(a).1));
    let mut rows: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new(); // (centre y, height, glyphs)
    for g in glyphs {
        let (_, cy) = center(g);
        let h = (g.bbox[3] - g.bbox[1]).max(1.0);
        match rows.last_mut() {
            Some((ly, lh, list)) if (cy - *ly).abs() < 0.4 * lh.max(h) => {
                let n = list.len() as f32;
                *ly = (*ly * n + cy) / (n + 1.0);
                *lh = lh.max(h);
                list.push(g);
            }
            _ => rows.push((cy, h, vec![g])),
        }
    }
    let mut out: Vec<TextLine> = rows
        .into_iter()
        .map(|(_, _, list)| row_line(list))
        .filter(|l| !l.fragments.is_empty())
        .collect();
    out.extend(columns(down, false));
    out.extend(columns(up, true));
    out.sort_by(|a, b| b.bbox[3].total_cmp(&a.bbox[3]));
    out
}

/// One row of glyphs, left to right, as fragments split at wide gaps.
fn row_line(mut list: Vec<&Glyph>) -> TextLine {
    list.sort_by(|a, b| a.bbox[0].total_cmp(&b.bbox[0]));
    let mut fragments: Vec<Piece> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    // A space the producer wrote (a space glyph) is a space even where its advance is
    // narrower than our threshold; the glyph itself is not kept.
    let mut spaced = false;
    for g in list {
        let t = text_of(g);
        if t.trim().is_empty() {
            spaced = prev.is_some();
            continue;
        }
        match (prev, fragments.last_mut()) {
            (Some(p), Some((text, bbox, ocr))) => {
                let size = p.size.max(g.size).max(1.0);
                let gap = g.bbox[0] - p.bbox[2];
                if gap > WIDE_GAP * size {
                    fragments.push((t.to_string(), g.bbox, g.ocr));
                } else {
                    let cjk = text.chars().last().is_some_and(is_cjk)
                        && t.chars().next().is_some_and(is_cjk);
                    if spaced || gap > if cjk { CJK_GAP } else { WORD_GAP } * size {
                        text.push(' ');
                    }
                    text.push_str(t);
                    *bbox = union(*bbox, g.bbox);
                    *ocr = least(*ocr, g.ocr);
                }
            }
            _ => fragments.push((t.to_string(), g.bbox, g.ocr)),
        }
        prev = Some(g);
        spaced = false;
    }
    let bbox = fragments
        .iter()
        .map(|f| f.1)
        .reduce(union)
        .unwrap_or_default();
    TextLine { fragments, bbox }
}

/// Glyphs that run down (or `up`) as columns: same centre x, each next glyph just below (or
/// above) the last.
fn columns(mut glyphs: Vec<&Glyph>, up: bool) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| {
        let along = if up {
            center(a).1.total_cmp(&center(b).1)
        } else {
            center(b).1.total_cmp(&center(a).1)
        };
        center(a).0.total_cmp(&center(b).0).then(along)
    });
    let mut cols: Vec<Piece> = Vec::new();
    let mut last: Option<&Glyph> = None;
    let mut spaced = false;
    for g in glyphs {
        let size = g.size.max(1.0);
        let t = text_of(g);
        let same_column = last.is_some_and(|p| (center(p).0 - center(g).0).abs() < 0.5 * size);
        if t.trim().is_empty() {
            spaced = same_column;
            continue;
        }
        let gap = last.map_or(f32::MAX, |p| {
            (p.bbox[1] - g.bbox[3]).max(g.bbox[1] - p.bbox[3])
        });
        match cols.last_mut() {
            Some((text, bbox, ocr)) if same_column && gap < WIDE_GAP * size => {
                let cjk =
                    text.chars().last().is_some_and(is_cjk) && t.chars().next().is_some_and(is_cjk);
                if spaced || gap > if cjk { CJK_GAP } else { WORD_GAP } * size {
                    text.push(' ');
                }
                text.push_str(t);
                *bbox = union(*bbox, g.bbox);
                *ocr = least(*ocr, g.ocr);
            }
            _ => cols.push((t.to_string(), g.bbox, g.ocr)),
        }
        last = Some(g);
        spaced = false;
    }
    cols.into_iter()
        .map(|(t, b, ocr)| TextLine {
            fragments: vec![(t, b, ocr)],
            bbox: b,
        })
        .collect()
}

/// The text of a cell: its lines joined, with no space between CJK characters (a label
/// broken over lines, or printed one character per line).
fn cell_text(glyphs: Vec<&Glyph>) -> String {
    let mut out = String::new();
    for line in lines(glyphs) {
        let text = line
            .fragments
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let (Some(a), Some(b)) = (out.chars().last(), text.chars().next())
            && !(is_cjk(a) || is_cjk(b))
        {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

fn inside(b: &BBox, x: f32, y: f32) -> bool {
    x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
}

/// The blocks of one page, top to bottom.
pub fn blocks(
    page: u32,
    glyphs: &[Glyph],
    tables: &[Table],
    budget: &Budget,
) -> Result<Vec<Block>> {
    let origin = |bbox: BBox, ocr: Option<f32>| Origin {
        page: Some(page),
        bbox: Some(bbox),
        cell: None,
        ocr,
    };
    // On a page read by OCR, a cell whose crop held no ink is an OCR reading too: empty.
    let scanned = glyphs.iter().any(|g| g.ocr.is_some());
    let mut placed: Vec<(f32, Block)> = Vec::new();
    let mut per_cell: Vec<Vec<Vec<&Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut loose = Vec::new();
    'glyph: for (i, g) in glyphs.iter().enumerate() {
        if i % 4096 == 4095 {
            budget.check()?;
        }
        let (x, y) = center(g);
        for (ti, t) in tables.iter().enumerate() {
            if !inside(&t.bbox, x, y) {
                continue;
            }
            if let Some(ci) = t.cells.iter().position(|c| inside(&c.bbox, x, y)) {
                per_cell[ti][ci].push(g);
                continue 'glyph;
            }
        }
        loose.push(g);
    }
    for (t, cells) in tables.iter().zip(per_cell) {
        let cells = t
            .cells
            .iter()
            .zip(cells)
            .map(|(c, gs)| {
                let ocr = gs
                    .iter()
                    .map(|g| g.ocr)
                    .reduce(least)
                    .unwrap_or(scanned.then_some(1.0));
                Cell {
                    text: cell_text(gs),
                    row: c.row,
                    col: c.col,
                    row_span: c.row_span,
                    col_span: c.col_span,
                    origin: origin(c.bbox, ocr),
                }
            })
            .collect();
        placed.push((t.bbox[3], Block::Grid(Grid::from_cells(cells, Some(page)))));
    }
    for l in lines(loose) {
        let ocr = l.fragments.iter().map(|f| f.2).reduce(least).flatten();
        let text = l
            .fragments
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let fragments = if l.fragments.len() > 1 {
            l.fragments
                .into_iter()
                .map(|(text, b, ocr)| Fragment {
                    text,
                    origin: origin(b, ocr),
                    field: None,
                })
                .collect()
        } else {
            Vec::new()
        };
        placed.push((
            l.bbox[3],
            Block::Line(Line {
                text,
                fragments,
                origin: origin(l.bbox, ocr),
            }),
        ));
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(placed.into_iter().map(|(_, b)| b).collect())
}
