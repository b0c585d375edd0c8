//! PDF: our own content-stream interpreter over lopdf, emitting positioned text and ruled grids.
//!
//! lopdf reads the objects, streams and encryption (an empty user password is tried; any other
//! is an `encrypted` error). Each page's content is interpreted by [`content`] with its fonts
//! from [`font`], [`cmap`] and [`encoding`]; [`ruling`] turns the page's lines into table
//! lattices and [`layout`] assigns glyphs to cells or lines. Tables continued over pages stay
//! one grid per page, in page order: the locator joins them.
//!
//! Every size lopdf is handed is bounded (per-stream and per-document decompression, page
//! count) and the budget's deadline is checked per page and every few thousand operators.

mod cmap;
mod content;
mod encoding;
mod font;
mod geom;
mod layout;
mod lexer;
mod objects;
mod paint;
mod radicals;
mod ruling;
mod scan;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Dictionary, Document as PdfDocument, LoadOptions, Object, ObjectId};

use crate::budget::Budget;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Document, Level, Note};
use crate::ocr::Mode;

use content::{FontCache, Interpreter};

/// Reads a PDF into the document model.
pub fn read(bytes: &[u8], budget: &Budget) -> Result<Document> {
    read_with(bytes, budget, Mode::Never)
}

/// Reads a PDF, with the pages that `ocr` selects read by OCR from their image.
pub fn read_with(bytes: &[u8], budget: &Budget, ocr: Mode) -> Result<Document> {
    match catch_unwind(AssertUnwindSafe(|| read_inner(bytes, budget, ocr))) {
        Ok(r) => r,
        Err(_) => Err(Error::new(ErrorKind::Internal(
            "the PDF reader panicked on this file".into(),
        ))),
    }
}

/// What OCR made of an image that is not a PDF page (a table pasted as a picture into an
/// HTML page), taken as a page of `width`×`height` points: its blocks in reading order (page 1),
/// the lines of text read, how many of them were unreadable, and the least confidence.
pub(crate) fn read_image(
    image: &crate::ocr::Raster,
    width: f32,
    height: f32,
    budget: &Budget,
) -> Result<(Vec<crate::model::Block>, usize, usize, f32)> {
    let page = scan::read_raster(image, width, height, budget)?;
    let tables = ruling::tables(&page.segments);
    let blocks = layout::blocks(1, &page.glyphs, &tables, budget)?;
    Ok((blocks, page.read, page.unreadable, page.least))
}

fn load(bytes: &[u8], budget: &Budget) -> Result<PdfDocument> {
    let opts = LoadOptions {
        max_decompressed_size: Some(budget.max_inflated as usize),
        ..LoadOptions::default()
    };
    let doc = PdfDocument::load_mem_with_options(bytes, opts).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => Error::new(
            ErrorKind::Encrypted("the file needs a password to open".into()),
        )
        .with_source(e),
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Error::too_large("an object stream inflates past the size limit").with_source(e)
        }
        other => Error::corrupt("not a readable PDF").with_source(other),
    })?;
    if doc.is_encrypted() {
        return Err(Error::new(ErrorKind::Encrypted(
            "the file needs a password to open".into(),
        )));
    }
    Ok(doc)
}

/// An inheritable page attribute (MediaBox, CropBox, Rotate, Resources): the page's own or its
/// nearest ancestor's.
fn inherited<'a>(doc: &'a PdfDocument, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(v) = objects::get(doc, node, key) {
            return Some(v);
        }
        node = objects::dict(doc, node, b"Parent")?;
    }
    None
}

fn page_box(doc: &PdfDocument, page: &Dictionary) -> [f32; 4] {
    let read = |key: &[u8]| -> Option<[f32; 4]> {
        let Object::Array(a) = inherited(doc, page, key)? else {
            return None;
        };
        let v: Vec<f32> = a.iter().filter_map(|o| objects::num(doc, o)).collect();
        let b: [f32; 4] = v.try_into().ok()?;
        ((b[2] - b[0]).abs() > 1.0 && (b[3] - b[1]).abs() > 1.0).then_some(b)
    };
    let media = read(b"MediaBox").unwrap_or([0.0, 0.0, 595.0, 842.0]);
    match read(b"CropBox") {
        // The visible page is the CropBox clipped to the MediaBox.
        Some(c) => [
            c[0].max(media[0]),
            c[1].max(media[1]),
            c[2].min(media[2]),
            c[3].min(media[3]),
        ],
        None => media,
    }
}

fn page_content(
    doc: &PdfDocument,
    page_id: ObjectId,
    budget: &Budget,
    left: &mut u64,
) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for id in doc.get_page_contents(page_id) {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            out.extend(objects::inflate(s, budget, left)?);
            out.push(b'\n');
        }
    }
    Ok(out)
}

/// Pages listed compactly: "pages 2, 3, 5".
fn pages_phrase(pages: &[u32]) -> String {
    let list: Vec<String> = pages.iter().take(20).map(u32::to_string).collect();
    let more = if pages.len() > 20 { ", …" } else { "" };
    if pages.len() == 1 {
        format!("page {}", list[0])
    } else {
        format!("pages {}{more}", list.join(", "))
    }
}

fn read_inner(bytes: &[u8], budget: &Budget, ocr: Mode) -> Result<Document> {
    budget.check()?;
    let pdf = load(bytes, budget)?;
    let pages = pdf.get_pages();
    if pages.len() > budget.max_pages {
        return Err(Error::too_large(format!(
            "the PDF has {} pages, over the limit of {}",
            pages.len(),
            budget.max_pages
        )));
    }
    if pages.is_empty() {
        return Err(Error::corrupt("the PDF has no pages"));
    }
    let mut doc = Document {
        pages: Some(pages.len() as u32),
        ..Document::default()
    };
    if let Some(info) = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| objects::deref(&pdf, o))
        .and_then(|o| o.as_dict().ok())
    {
        doc.producer = objects::text(&pdf, info, b"Producer")
            .or_else(|| objects::text(&pdf, info, b"Creator"));
        doc.title = objects::text(&pdf, info, b"Title");
    }
    let mut fonts = FontCache::default();
    let mut left = budget.max_total_inflated;
    let mut textless = Vec::new();
    let mut undecodable: BTreeMap<String, (usize, Vec<u32>)> = BTreeMap::new();
    let mut scanned: Vec<(u32, usize, usize, f32)> = Vec::new();
    let mut ocr_failed: Vec<String> = Vec::new();
    for (&number, &page_id) in &pages {
        budget.check()?;
        let Ok(page) = pdf.get_dictionary(page_id) else {
            textless.push((number, false));
            continue;
        };
        let crop = page_box(&pdf, page);
        let rotate = inherited(&pdf, page, b"Rotate")
            .and_then(|o| objects::num(&pdf, o))
            .unwrap_or(0.0) as i64;
        let (transform, width, height) = geom::page_transform(crop, rotate);
        let resources = match inherited(&pdf, page, b"Resources") {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let bytes = page_content(&pdf, page_id, budget, &mut left)
            .map_err(|e| e.at(format!("page {number}")))?;
        let mut shown = Interpreter::new(&pdf, budget, &mut fonts, &mut left)
            .run_page(&bytes, resources, transform)
            .map_err(|e| e.at(format!("page {number}")))?;
        // Text outside the CropBox is not shown: not part of the page.
        shown.glyphs.retain(|g| {
            let (x, y) = ((g.bbox[0] + g.bbox[2]) / 2.0, (g.bbox[1] + g.bbox[3]) / 2.0);
            (-1.0..=width + 1.0).contains(&x) && (-1.0..=height + 1.0).contains(&y)
        });
        let want = match ocr {
            Mode::Never => false,
            Mode::Auto => shown.glyphs.is_empty() && shown.images > 0,
            Mode::Always => shown.images > 0,
        };
        if want {
            budget.allow(crate::budget::OCR_PAGE_ALLOWANCE);
            match scan::read_page(&pdf, resources, width, height, rotate, budget) {
                Ok(Some(page)) => {
                    shown.glyphs = page.glyphs;
                    shown.segments = page.segments;
                    scanned.push((number, page.read, page.unreadable, page.least));
                }
                Ok(None) => {}
                Err(e) if e.code() == "timeout" => return Err(e.at(format!("page {number}"))),
                Err(e) => ocr_failed.push(format!("page {number}: {e}")),
            }
        }
        if shown.glyphs.is_empty() {
            textless.push((number, shown.images > 0));
        }
        for (font, n) in shown.undecodable {
            let e = undecodable.entry(font).or_default();
            e.0 += n;
            e.1.push(number);
        }
        let tables = ruling::tables(&shown.segments);
        let blocks = layout::blocks(number, &shown.glyphs, &tables, budget)
            .map_err(|e| e.at(format!("page {number}")))?;
        doc.blocks.extend(blocks);
    }
    // A blank page is no scan; a page with images and no text is, and so is a file with no text.
    let n = pages.len();
    let textless: Vec<u32> = if textless.len() == n {
        textless.iter().map(|t| t.0).collect()
    } else {
        textless.iter().filter(|t| t.1).map(|t| t.0).collect()
    };
    if !textless.is_empty() {
        let message = if textless.len() == n {
            format!("none of the {n} pages carries text: the PDF is a scan or image-only")
        } else {
            format!(
                "{} of the {n} pages carry no text ({})",
                textless.len(),
                pages_phrase(&textless)
            )
        };
        doc.notes.push(Note {
            code: "no_text_layer",
            level: Level::Warning,
            message,
            place: pages_phrase(&textless),
        });
    }
    if !scanned.is_empty() {
        let pages: Vec<u32> = scanned.iter().map(|s| s.0).collect();
        let lines: usize = scanned.iter().map(|s| s.1).sum();
        let doubtful: usize = scanned.iter().map(|s| s.2).sum();
        let least = scanned.iter().map(|s| s.3).fold(1.0f32, f32::min);
        doc.notes.push(Note {
            code: "ocr",
            level: Level::Info,
            message: format!(
                "{} read by OCR from the page image: {lines} lines of text, {doubtful} left out \
                 as unreadable; least confidence {least:.2}",
                pages_phrase(&pages)
            ),
            place: pages_phrase(&pages),
        });
    }
    if !ocr_failed.is_empty() {
        doc.notes.push(Note {
            code: "no_text_layer",
            level: Level::Warning,
            message: format!("OCR could not read {}", ocr_failed.join("; ")),
            place: "file".into(),
        });
    }
    for (font, (n, on)) in undecodable {
        let name = if font.is_empty() {
            "(unnamed font)".to_string()
        } else {
            font
        };
        doc.notes.push(Note {
            code: "text_undecodable",
            level: Level::Warning,
            message: format!(
                "{n} characters of font {name} could not be decoded (shown as U+FFFD)"
            ),
            place: pages_phrase(&on),
        });
    }
    Ok(doc)
}
