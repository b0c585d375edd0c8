//! The per-file worker: the one place where the stages are wired together.

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::adapter::{self, Format};
use crate::budget::Budget;
use crate::model::{Document, Level};
use crate::record::{Issue, Record, SCHEMA_VERSION, Source};
use crate::{check, locate, normalize};

/// How one file is extracted.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write each value with its raw text and place (`{"value", "raw", "page", ...}`).
    pub provenance: bool,
    /// Per-file time limit; `None` for none.
    pub timeout: Option<Duration>,
    /// Files larger than this are not read (an error record `too_large`); `None` for no limit.
    pub max_file_bytes: Option<u64>,
    /// Which pages are read by OCR (`--ocr`).
    pub ocr: crate::ocr::Mode,
}

/// Extracts the record of the file at `path`. Never fails: a file that cannot be read gives
/// a record with an `error`.
pub fn extract(path: &Path, opts: &Options) -> Record {
    let shown = path.to_string_lossy().into_owned();
    if let (Some(max), Ok(meta)) = (opts.max_file_bytes, std::fs::metadata(path)) {
        if meta.len() > max {
            let src = Source {
                path: shown,
                bytes: Some(meta.len()),
                ..Source::default()
            };
            return Record::failed(
                src,
                "too_large",
                format!("the file has {} bytes, over the limit of {max}", meta.len()),
            );
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes(&bytes, &shown, opts),
        Err(e) => Record::failed(
            Source {
                path: shown,
                ..Source::default()
            },
            "io",
            format!("cannot read the file: {e}"),
        ),
    }
}

/// Extracts the record of a file's bytes; `path` is what the record names it.
pub fn extract_bytes(bytes: &[u8], path: &str, opts: &Options) -> Record {
    let mut source = Source {
        path: path.to_string(),
        sha256: Some(hex(&Sha256::digest(bytes))),
        bytes: Some(bytes.len() as u64),
        ..Source::default()
    };
    let Some(format) = adapter::sniff(bytes) else {
        return Record::failed(
            source,
            "unsupported_format",
            "the content is none of PDF, HTML, DOCX, XLSX, XLS, ODS or text",
        );
    };
    source.format = Some(format.name().to_string());
    let mut issues = Vec::new();
    if let Some(ext) = Path::new(path).extension().and_then(|e| e.to_str()) {
        if !format.matches_extension(ext) && format != Format::Text {
            issues.push(Issue {
                level: Level::Info,
                code: "format_mismatch".into(),
                message: format!(
                    "the file is named .{ext} but its content is {}",
                    format.name()
                ),
                place: "file".into(),
                fields: Vec::new(),
            });
        }
    }
    let budget = Budget::with_timeout(opts.timeout);
    let doc = match adapter::read_with(format, bytes, &budget, opts.ocr) {
        Ok(doc) => doc,
        Err(e) => {
            let mut rec = Record::failed(source, e.code(), e.to_string());
            rec.issues = issues;
            return rec;
        }
    };
    source.pages = doc.pages;
    source.producer = doc.producer.clone();
    from_document(&doc, source, issues, opts, &budget)
}

/// The stages after the adapter: locate, normalize, check.
pub fn from_document(
    doc: &Document,
    source: Source,
    mut issues: Vec<Issue>,
    opts: &Options,
    budget: &Budget,
) -> Record {
    for n in &doc.notes {
        issues.push(Issue {
            level: n.level,
            code: n.code.to_string(),
            message: n.message.clone(),
            place: n.place.clone(),
            fields: Vec::new(),
        });
    }
    if let Err(e) = budget.check() {
        let mut rec = Record::failed(source, e.code(), e.to_string());
        rec.issues = issues;
        return rec;
    }
    let located = locate::locate(doc);
    let normalized = normalize::normalize(&located, opts.provenance);
    let mut rec = normalized.record;
    rec.schema_version = SCHEMA_VERSION;
    rec.source = source;
    issues.append(&mut rec.issues);
    rec.issues = issues;
    rec.checks = check::run(&rec, &normalized.inferred_rows);
    rec
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
