//! Format adapters: bytes in, [`Document`] out. One module per format; the format is sniffed
//! from the bytes, never trusted from the file name. An adapter knows nothing of reports.

mod biff;
mod compound;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod text;
pub mod xlsx;
mod xlsx_ranges;

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

/// Decides the format from the content. `None`: none of ours (an image, an archive, a binary,
/// a Word 97 document).
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return sniff_ole(bytes);
    }
    // Tags are ASCII in every ASCII-compatible encoding: a page in GBK, or one with a few
    // undecodable bytes, is markup before it is decoded.
    let ascii = skip_blank(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    if ascii.first() == Some(&b'<')
        && looks_like_markup(&String::from_utf8_lossy(&ascii[..ascii.len().min(8192)]))
    {
        return Some(Format::Html);
    }
    let text = text::decode(bytes)?;
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') && looks_like_markup(t) {
        return Some(Format::Html);
    }
    Some(Format::Text)
}

fn skip_blank(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Whether the head of a document holds an HTML tag (`<p>`, `<p style=…>`, `<div class=…>`,
/// `<table>`, `<html>` …), not merely an XML declaration or a stray `<`.
fn looks_like_markup(t: &str) -> bool {
    const TAGS: [&str; 20] = [
        "html",
        "!doctype html",
        "head",
        "body",
        "meta",
        "title",
        "div",
        "p",
        "table",
        "tr",
        "td",
        "span",
        "font",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "center",
        "strong",
    ];
    let head: String = t
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    head.match_indices('<').any(|(i, _)| {
        let rest = &head[i + 1..];
        TAGS.iter().any(|tag| {
            rest.starts_with(tag)
                && rest[tag.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace())
        })
    })
}

/// An OOXML package by its member names: `word/` is DOCX, `xl/` XLSX; an OpenDocument package
/// by its `mimetype` member. The central directory decides; a damaged one falls back to the
/// local headers, so that the adapter reports the damage.
fn sniff_zip(bytes: &[u8]) -> Option<Format> {
    let names: Vec<String> = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z.file_names().flatten().map(|n| n.into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    let from_names = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let scan = &bytes[..bytes.len().min(1 << 20)];
    if find(
        scan,
        b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
    )
    .is_some()
    {
        Some(Format::Ods)
    } else if from_names("word/") || (names.is_empty() && find(scan, b"word/").is_some()) {
        Some(Format::Docx)
    } else if from_names("xl/") || (names.is_empty() && find(scan, b"xl/").is_some()) {
        Some(Format::Xlsx)
    } else {
        None
    }
}

/// An OLE2 compound file is read as a workbook unless its directory names another kind of
/// document (Word 97, PowerPoint, an encrypted OOXML package): a damaged workbook whose
/// directory is lost is still a workbook, and its adapter reports the damage.
fn sniff_ole(bytes: &[u8]) -> Option<Format> {
    let utf16 = |s: &str| {
        s.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>()
    };
    let other = ["WordDocument", "PowerPoint Document", "EncryptedPackage"];
    if other.iter().any(|name| find(bytes, &utf16(name)).is_some())
        && find(bytes, &utf16("Workbook")).is_none()
    {
        None
    } else {
        Some(Format::Xls)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads `bytes` of the given format into the document model.
pub fn read(format: Format, bytes: &[u8], budget: &Budget) -> Result<Document> {
    crate::pipeline::fault::point(format.name());
    match format {
        Format::Pdf => pdf::read(bytes, budget),
        Format::Html => html::read(bytes, budget),
        Format::Docx => docx::read(bytes, budget),
        Format::Xlsx | Format::Xls | Format::Ods => xlsx::read(bytes, format, budget),
        Format::Text => text::read(bytes, budget),
    }
}

/// Reads `bytes` of the given format, with scanned pages read by OCR as `ocr` says.
pub fn read_with(
    format: Format,
    bytes: &[u8],
    budget: &Budget,
    ocr: crate::ocr::Mode,
) -> Result<Document> {
    read_in(format, bytes, budget, ocr, None)
}

/// Reads `bytes` of the given format as [`read_with`] does; `folder` is the folder of the file
/// on disk, where an HTML page's pictures of tables are looked for (read by OCR unless `ocr`
/// is `never`). Without it nothing but the bytes is read.
pub fn read_in(
    format: Format,
    bytes: &[u8],
    budget: &Budget,
    ocr: crate::ocr::Mode,
    folder: Option<&std::path::Path>,
) -> Result<Document> {
    match format {
        Format::Pdf => {
            crate::pipeline::fault::point(format.name());
            pdf::read_with(bytes, budget, ocr)
        }
        Format::Html if ocr != crate::ocr::Mode::Never && folder.is_some() => {
            crate::pipeline::fault::point(format.name());
            html::read_in(bytes, budget, folder)
        }
        _ => read(format, bytes, budget),
    }
}

/// White space runs (spaces, newlines, `&nbsp;`, the ideographic space) to one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Joins the pieces of a cell: directly between Chinese characters (a label broken over
/// paragraphs, "商业" + "企业", or one character a line, "结" + "果"), with a space otherwise.
pub(crate) fn join_pieces(pieces: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for p in pieces.filter(|p| !p.is_empty()) {
        let glue = match (out.chars().last(), p.chars().next()) {
            (None, _) => false,
            (Some(a), Some(b)) => !(is_cjk(a) && is_cjk(b)),
            _ => true,
        };
        if glue {
            out.push(' ');
        }
        out.push_str(&p);
    }
    out
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{2ffff}')
}

#[allow(dead_code)]
pub(crate) fn not_yet(what: &str) -> Error {
    Error::unsupported(format!("{what} input is not supported by this build"))
}
