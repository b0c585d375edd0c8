//! Format adapters: bytes in, [`Document`] out. One module per format; the format is sniffed
//! from the bytes, never trusted from the file name. An adapter knows nothing of reports.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod text;
pub mod xlsx;

use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::Document;

/// The container a file's bytes are in (`source.format` of SCHEMA.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pdf,
    Html,
    Docx,
    Xlsx,
    Xls,
    Ods,
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Text => "text",
        }
    }

    /// Whether a file name's extension is one this format is published under.
    pub fn matches_extension(self, ext: &str) -> bool {
        let ext = ext.to_ascii_lowercase();
        match self {
            Format::Pdf => ext == "pdf",
            Format::Html => matches!(
                ext.as_str(),
                "html" | "htm" | "shtml" | "xhtml" | "jsp" | "asp" | "aspx" | "php"
            ),
            Format::Docx => ext == "docx",
            Format::Xlsx => matches!(ext.as_str(), "xlsx" | "xlsm"),
            Format::Xls => ext == "xls",
            Format::Ods => ext == "ods",
            Format::Text => matches!(
                ext.as_str(),
                "txt" | "md" | "markdown" | "text" | "csv" | "tsv"
            ),
        }
    }
}

/// Decides the format from the content. `None`: none of ours (an image, an archive, a binary).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Format::Xls);
    }
    let text = text::decode(bytes)?;
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') && looks_like_markup(t) {
        return Some(Format::Html);
    }
    Some(Format::Text)
}

fn looks_like_markup(t: &str) -> bool {
    let head: String = t
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<html",
        "<!doctype html",
        "<div",
        "<p",
        "<table",
        "<body",
        "<head",
        "<meta",
        "<span",
        "<?xml",
        "<!--",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

fn sniff_zip(bytes: &[u8]) -> Option<Format> {
    // The local file headers name the members; the first ones are enough to tell the kind.
    let scan = &bytes[..bytes.len().min(1 << 20)];
    if find(scan, b"word/").is_some() {
        Some(Format::Docx)
    } else if find(scan, b"xl/").is_some() {
        Some(Format::Xlsx)
    } else if find(
        scan,
        b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
    )
    .is_some()
    {
        Some(Format::Ods)
    } else {
        None
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads `bytes` of the given format into the document model.
pub fn read(format: Format, bytes: &[u8], budget: &Budget) -> Result<Document> {
    match format {
        Format::Pdf => pdf::read(bytes, budget),
        Format::Html => html::read(bytes, budget),
        Format::Docx => docx::read(bytes, budget),
        Format::Xlsx | Format::Xls | Format::Ods => xlsx::read(bytes, format, budget),
        Format::Text => text::read(bytes, budget),
    }
}

#[allow(dead_code)]
pub(crate) fn not_yet(what: &str) -> Error {
    Error::unsupported(format!("{what} input is not supported by this build"))
}
