//! Built-in Chinese OCR for scanned reports: PP-OCRv4 recognition run with tract, offline.
//!
//! The page is flattened (uneven light), deskewed ([`deskew`]), its ruling lines found
//! ([`rules`]); the PDF adapter builds the table lattice from them and hands back each cell's
//! box. Every cell is then read from its own crop, one crop per line of text in it
//! ([`read_boxes`]), and text outside the tables line by line ([`text_lines`]). A crop that
//! holds no Chinese character and reads as digits (or letters that look like digits) is
//! decoded again with the digit alphabet ([`ctc::Alphabet::Digits`]).
//!
//! Certainty: a line of a number cell whose least certain digit is under [`MIN_CONFIDENCE`],
//! or any crop that holds ink but decodes to nothing, is unreadable: the caller marks the
//! cell so that it is left out with `cell_unreadable`, never read as 0.

pub mod cells;
pub mod ctc;
pub mod deskew;
#[cfg(feature = "ocr")]
mod model;
#[cfg(not(feature = "ocr"))]
#[path = "no_model.rs"]
mod model;
pub mod raster;
pub mod rules;

pub use ctc::{Alphabet, Reading};
pub use raster::{Raster, Rect};

use crate::error::Result;

/// Least confidence of every digit of a number cell (chosen on the scanned samples,
/// docs/ocr.md).
pub const MIN_CONFIDENCE: f32 = 0.90;

/// When pages are read by OCR (`--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Never: a page without text gives `no_text_layer`.
    #[default]
    Never,
    /// Pages that carry no text but an image.
    Auto,
    /// Every page that draws an image, its text layer (if any) set aside.
    Always,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "never" => Some(Mode::Never),
            "auto" => Some(Mode::Auto),
            "always" => Some(Mode::Always),
            _ => None,
        }
    }
}

/// One line of text found in a box and what it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The ink of the line, in page pixels.
    pub rect: Rect,
    pub reading: Reading,
    /// Read with the digit alphabet.
    pub numeric: bool,
    /// Holds ink but cannot be read with certainty.
    pub unreadable: bool,
}

/// Recognises crops that each hold one line of text.
pub fn recognize(crops: &[Raster], alphabet: Alphabet) -> Result<Vec<Reading>> {
    let chars = model::alphabet()?;
    Ok(model::run(crops)?
        .iter()
        .map(|f| ctc::decode(f, chars, alphabet))
        .collect())
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// Whether a full-alphabet reading is a number: no Chinese character, and some digit or a
/// letter that looks like one.
fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.chars().any(is_cjk)
        && t.chars()
            .any(|c| c.is_ascii_digit() || "oODQ〇lIZSB".contains(c))
        && t.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 2
}

/// Lines of ink inside `area`: bands of rows holding ink, split where a row is empty, then
/// cut where a horizontal gap is wider than `split_gap` × the band's height.
/// `em` is the size of body text in pixels.
pub fn lines_in(page: &Raster, area: Rect, em: f32, split_gap: f32) -> Vec<Rect> {
    let [x0, y0, x1, y1] = area;
    let (x1, y1) = (x1.min(page.width), y1.min(page.height));
    if x0 >= x1 || y0 >= y1 {
        return Vec::new();
    }
    let mut rows = vec![0usize; y1 - y0];
    for y in y0..y1 {
        for x in x0..x1 {
            rows[y - y0] += (page.get(x, y) < raster::INK) as usize;
        }
    }
    // A row inked across most of the area is a rule (or its fringe) reaching in, not text.
    let rule = ((x1 - x0) * 3 / 4).max(12);
    for n in rows.iter_mut() {
        if *n >= rule {
            *n = 0;
        }
    }
    // Bands of rows with ink; gaps under a fifth of an em are inside a line (二, 三).
    let mut bands: Vec<(usize, usize)> = Vec::new();
    let join_gap = (em / 5.0).max(2.0) as usize;
    for (i, &n) in rows.iter().enumerate() {
        if n < 2 {
            continue;
        }
        match bands.last_mut() {
            Some(b) if i <= b.1 + join_gap => b.1 = i + 1,
            _ => bands.push((i, i + 1)),
        }
    }
    // A thin band (a stroke cut off from its line) joins a near neighbour or is dropped.
    let thin = (em / 3.0).max(3.0) as usize;
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for b in bands {
        match merged.last_mut() {
            Some(m)
                if (b.1 - b.0 < thin || m.1 - m.0 < thin) && b.0 <= m.1 + (em / 2.0) as usize =>
            {
                m.1 = b.1
            }
            _ => merged.push(b),
        }
    }
    let mut out = Vec::new();
    for (a, b) in merged {
        if b - a < thin {
            continue;
        }
        let (ya, yb) = (y0 + a, y0 + b);
        let mut cols = vec![0usize; x1 - x0];
        for y in ya..yb {
            for x in x0..x1 {
                cols[x - x0] += (page.get(x, y) < raster::INK) as usize;
            }
        }
        // A column at the area's edge inked down the whole band is a side rule reaching in.
        let n = cols.len();
        if n >= 8 {
            for i in [0, 1, n - 2, n - 1] {
                if cols[i] * 10 >= (yb - ya) * 9 {
                    cols[i] = 0;
                }
            }
        }
        let gap = ((yb - ya) as f32 * split_gap).max(4.0) as usize;
        let mut seg: Option<(usize, usize)> = None;
        for (i, &n) in cols.iter().enumerate() {
            if n == 0 {
                continue;
            }
            seg = match seg {
                Some((s, e)) if i <= e + gap => Some((s, i + 1)),
                Some((s, e)) => {
                    out.push([x0 + s, ya, x0 + e, yb]);
                    Some((i, i + 1))
                }
                None => Some((i, i + 1)),
            };
        }
        if let Some((s, e)) = seg {
            out.push([x0 + s, ya, x0 + e, yb]);
        }
    }
    // Specks of noise are no line.
    out.retain(|r| r[2] - r[0] >= 3 && page.ink(*r) >= 8);
    out
}

/// The crop fed to the model: the line's ink on white with a margin, as a text detector's
/// box would give.
fn crop_line(page: &Raster, r: Rect) -> Raster {
    let h = r[3] - r[1];
    let (mx, my) = (
        (h as f32 * 0.4) as usize + 2,
        (h as f32 * 0.25) as usize + 2,
    );
    let inner = page.crop(r);
    let mut out = Raster::new(inner.width + 2 * mx, inner.height + 2 * my, 255);
    for y in 0..inner.height {
        let row = (y + my) * out.width + mx;
        out.pixels[row..row + inner.width]
            .copy_from_slice(&inner.pixels[y * inner.width..(y + 1) * inner.width]);
    }
    out
}

/// Reads every line of text of each box (the inside of a table cell, a region of prose).
/// `numbers` says whether a box may hold a number (then a numeric reading is decoded again
/// with the digit alphabet and held to [`MIN_CONFIDENCE`]).
pub fn read_boxes(
    page: &Raster,
    boxes: &[(Rect, bool)],
    em: f32,
    split_gap: f32,
) -> Result<Vec<Vec<TextLine>>> {
    let mut found: Vec<(usize, Rect)> = Vec::new();
    for (i, (b, _)) in boxes.iter().enumerate() {
        for r in lines_in(page, *b, em, split_gap) {
            found.push((i, r));
        }
    }
    let crops: Vec<Raster> = found.iter().map(|(_, r)| crop_line(page, *r)).collect();
    let chars = model::alphabet()?;
    let frames = model::run(&crops)?;
    let mut out: Vec<Vec<TextLine>> = vec![Vec::new(); boxes.len()];
    for ((i, rect), f) in found.into_iter().zip(&frames) {
        let full = ctc::decode(f, chars, Alphabet::Full);
        let numeric = boxes[i].1 && looks_numeric(&full.text);
        let reading = if numeric {
            ctc::decode(f, chars, Alphabet::Digits)
        } else {
            full
        };
        let unreadable =
            reading.text.trim().is_empty() || (numeric && reading.confidence < MIN_CONFIDENCE);
        out[i].push(TextLine {
            rect,
            reading,
            numeric,
            unreadable,
        });
    }
    Ok(out)
}
