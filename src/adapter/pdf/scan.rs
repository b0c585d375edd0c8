//! Pages without a text layer, read by OCR into the same glyphs and rulings as a text page.
//!
//! The page's largest image (a scan covers the page) is decoded (DCTDecode JPEG, or FlateDecode
//! and uncompressed samples), flattened and deskewed; its ruling lines become segments in page
//! points, from which [`ruling`] builds the lattice exactly as for a drawn table. Each cell is
//! read from its own crop and becomes glyphs at its place, so [`layout`](super::layout) turns
//! the page into grids and lines with page and bbox like any other. A doubtful reading becomes
//! an undecodable glyph (U+FFFD): the cell is then left out as unreadable, never guessed.

use lopdf::{Dictionary, Document as PdfDocument, Object};

use super::content::{Flow, Glyph, Segment};
use super::{objects, ruling};
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::ocr::{self, Raster, Rect, cells, deskew, rules};

/// Size of body text, in points: the scale of the line finder.
const EM_PT: f32 = 10.5;

/// What OCR made of one page.
#[derive(Debug, Default)]
pub struct ScanPage {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Lines of text read, and of them unreadable.
    pub read: usize,
    pub unreadable: usize,
    /// Least confidence of a line read (1.0 when none).
    pub least: f32,
}

/// The largest image drawn from the page's resources, decoded.
fn page_image(
    pdf: &PdfDocument,
    resources: Option<&Dictionary>,
    budget: &Budget,
) -> Result<Option<Raster>> {
    let Some(xobjects) = resources.and_then(|r| objects::dict(pdf, r, b"XObject")) else {
        return Ok(None);
    };
    let mut best: Option<(f32, &lopdf::Stream)> = None;
    for (_, o) in xobjects.iter() {
        let Some(Object::Stream(s)) = objects::deref(pdf, o) else {
            continue;
        };
        if objects::name(pdf, &s.dict, b"Subtype") != Some(b"Image") {
            continue;
        }
        let w = objects::number(pdf, &s.dict, b"Width").unwrap_or(0.0);
        let h = objects::number(pdf, &s.dict, b"Height").unwrap_or(0.0);
        if best.is_none_or(|b| w * h > b.0) {
            best = Some((w * h, s));
        }
    }
    let Some((_, s)) = best else {
        return Ok(None);
    };
    let filters: Vec<Vec<u8>> = match objects::get(pdf, &s.dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| objects::deref(pdf, o)?.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    if filters.iter().any(|f| f == b"DCTDecode") {
        if filters.len() != 1 {
            return Err(Error::unsupported(
                "a page image has filters besides DCTDecode",
            ));
        }
        return Raster::from_jpeg(&s.content).map(Some);
    }
    if !filters.iter().all(|f| f == b"FlateDecode") {
        return Err(Error::unsupported(format!(
            "a page image is compressed with {}",
            String::from_utf8_lossy(&filters.concat())
        )));
    }
    let w = objects::number(pdf, &s.dict, b"Width").unwrap_or(0.0) as usize;
    let h = objects::number(pdf, &s.dict, b"Height").unwrap_or(0.0) as usize;
    let bits = objects::number(pdf, &s.dict, b"BitsPerComponent").unwrap_or(8.0) as usize;
    let components =
        match objects::get(pdf, &s.dict, b"ColorSpace").and_then(|o| objects::deref(pdf, o)) {
            Some(Object::Name(n)) if n == b"DeviceRGB" => 3,
            Some(Object::Name(n)) if n == b"DeviceCMYK" => 4,
            Some(Object::Name(n)) if n == b"DeviceGray" => 1,
            None if bits == 1 => 1,
            other => {
                return Err(Error::unsupported(format!(
                    "a page image has colour space {other:?}"
                )));
            }
        };
    let mut left = budget.max_inflated;
    let data = objects::inflate(s, budget, &mut left)?;
    Raster::from_samples(&data, w, h, components, bits).map(Some)
}

/// Reads a page by OCR; `None` when the page draws no image. `width`×`height` is the upright
/// page in points, which the image is taken to cover; `rotate` the page's /Rotate (degrees
/// clockwise), by which the image is turned upright first (a page fed to the scanner
/// sideways).
pub fn read_page(
    pdf: &PdfDocument,
    resources: Option<&Dictionary>,
    width: f32,
    height: f32,
    rotate: i64,
    budget: &Budget,
) -> Result<Option<ScanPage>> {
    let Some(image) = page_image(pdf, resources, budget)? else {
        return Ok(None);
    };
    let image = image.turn(rotate.div_euclid(90));
    budget.check()?;
    Ok(Some(read_raster(&image, width, height, budget)?))
}

/// Reads a page image covering `width`×`height` points.
pub fn read_raster(image: &Raster, width: f32, height: f32, budget: &Budget) -> Result<ScanPage> {
    let (page, _) = deskew::deskew(&image.flatten());
    budget.check()?;
    let sx = width / page.width as f32;
    let sy = height / page.height as f32;
    let to_pt = |r: Rect| -> [f32; 4] {
        [
            r[0] as f32 * sx,
            height - r[3] as f32 * sy,
            r[2] as f32 * sx,
            height - r[1] as f32 * sy,
        ]
    };
    let (hs, vs) = rules::find(&page);
    let mut segments = Vec::new();
    for r in &hs {
        let y = height - r.at * sy;
        segments.push(Segment {
            x0: r.from as f32 * sx,
            y0: y,
            x1: r.to as f32 * sx,
            y1: y,
        });
    }
    for r in &vs {
        let x = r.at * sx;
        segments.push(Segment {
            x0: x,
            y0: height - r.from as f32 * sy,
            x1: x,
            y1: height - r.to as f32 * sy,
        });
    }
    let tables = ruling::tables(&segments);
    let to_px = |b: [f32; 4], inset: f32| -> Rect {
        [
            ((b[0] / sx + inset).max(0.0)) as usize,
            (((height - b[3]) / sy + inset).max(0.0)) as usize,
            ((b[2] / sx - inset).max(0.0)) as usize,
            (((height - b[1]) / sy - inset).max(0.0)) as usize,
        ]
    };
    // Each cell read from just inside its rules; a cell crossed by ink is unreadable.
    let reach = (1.5 / sx).ceil() as usize + 2;
    let boxes: Vec<Rect> = tables
        .iter()
        .flat_map(|t| t.cells.iter().map(|c| to_px(c.bbox, 0.0)))
        .collect();
    let em = EM_PT / sy;
    let in_cells = cells::read(&page, &boxes, reach, em)?;
    budget.check()?;
    // Text outside the tables: the page with the tables painted white.
    let mut rest = page.clone();
    for t in &tables {
        let r = to_px(t.bbox, -3.0);
        for y in r[1]..r[3].min(rest.height) {
            for x in r[0]..r[2].min(rest.width) {
                rest.pixels[y * rest.width + x] = 255;
            }
        }
    }
    let mut prose = ocr::read_boxes(&rest, &[([0, 0, rest.width, rest.height], false)], em, 1.5)?;
    budget.check()?;
    for lines in &mut prose {
        join_title_lines(lines, rest.width);
    }
    let mut out = ScanPage {
        segments,
        least: 1.0,
        ..ScanPage::default()
    };
    for line in in_cells.iter().chain(&prose).flatten() {
        out.read += 1;
        out.least = out.least.min(line.reading.confidence);
        let text = if line.unreadable {
            out.unreadable += 1;
            None
        } else {
            Some(line.reading.text.trim().to_string())
        };
        let bbox = to_pt(line.rect);
        out.glyphs.push(Glyph {
            text,
            bbox,
            size: (bbox[3] - bbox[1]).max(1.0),
            flow: Flow::Across,
            ocr: Some(line.reading.confidence),
        });
    }
    Ok(out)
}

/// A title printed over two lines, the agency above the rest (洪泽区人民政府 /
/// 2023年政府信息公开工作年度报告), becomes one line, as a text PDF's title reads: both lines
/// centred on the page, of the same print, one right under the other, the lower one naming
/// 信息公开 and the upper one not.
fn join_title_lines(lines: &mut Vec<ocr::TextLine>, page_width: usize) {
    let centred = |r: Rect| {
        let mid = (r[0] + r[2]) as f32 / 2.0;
        (mid - page_width as f32 / 2.0).abs() < 0.04 * page_width as f32
            && ((r[2] - r[0]) as f32) < 0.8 * page_width as f32
    };
    let alone = |lines: &[ocr::TextLine], i: usize| {
        let r = lines[i].rect;
        lines
            .iter()
            .enumerate()
            .all(|(j, l)| j == i || l.rect[3] <= r[1] || l.rect[1] >= r[3])
    };
    let mut i = 0;
    while i + 1 < lines.len() {
        let (a, b) = (&lines[i], &lines[i + 1]);
        let (ha, hb) = (
            (a.rect[3] - a.rect[1]) as f32,
            (b.rect[3] - b.rect[1]) as f32,
        );
        let joins = !a.unreadable
            && !b.unreadable
            && centred(a.rect)
            && centred(b.rect)
            && (ha - hb).abs() <= 0.25 * ha.max(hb)
            && b.rect[1] >= a.rect[3]
            && ((b.rect[1] - a.rect[3]) as f32) < 1.2 * ha.max(hb)
            && alone(lines, i)
            && alone(lines, i + 1)
            && !a.reading.text.contains("信息公开")
            && b.reading.text.contains("信息公开")
            && b.reading.text.trim_end().ends_with("报告");
        if joins {
            let b = lines.remove(i + 1);
            let a = &mut lines[i];
            a.reading.text = format!("{}{}", a.reading.text.trim(), b.reading.text.trim());
            a.reading.confidence = a.reading.confidence.min(b.reading.confidence);
            // Kept to the upper line's rows, so that the line groups with nothing below it.
            a.rect = [
                a.rect[0].min(b.rect[0]),
                a.rect[1],
                a.rect[2].max(b.rect[2]),
                a.rect[3],
            ];
        }
        i += 1;
    }
}
