//! The per-file worker: the one place where the stages are wired together.
//!
//! Its public entry points never panic: a panic anywhere below them, in our code or in a
//! dependency's, becomes the file's record with an error. A panic while an adapter reads a
//! container (PDF, DOCX, XLSX, XLS, ODS) is `corrupt`: the bytes steered a parser somewhere it
//! had no answer for. A panic anywhere else (the HTML and text adapters, which read any bytes
//! as text, and locate, normalize, check) is `internal`: a bug of ours.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::adapter::{self, Format};
use crate::budget::Budget;
use crate::model::{Document, Level};
use crate::record::{Issue, Record, SCHEMA_VERSION, Source};
use crate::{check, locate, normalize, prose};

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
    if let (Some(max), Ok(meta)) = (opts.max_file_bytes, std::fs::metadata(path))
        && meta.len() > max
    {
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
    match std::fs::read(path) {
        Ok(bytes) => extract_bytes_in(&bytes, &shown, path.parent(), opts),
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

/// Extracts the record of a file's bytes; `path` is what the record names it. Never panics.
pub fn extract_bytes(bytes: &[u8], path: &str, opts: &Options) -> Record {
    extract_bytes_in(bytes, path, None, opts)
}

/// [`extract_bytes`] of a file that lies in `folder`, where an HTML page's pictures of tables
/// are looked for (`--ocr`).
pub fn extract_bytes_in(bytes: &[u8], path: &str, folder: Option<&Path>, opts: &Options) -> Record {
    let source = Source {
        path: path.to_string(),
        sha256: Some(hex(&Sha256::digest(bytes))),
        bytes: Some(bytes.len() as u64),
        ..Source::default()
    };
    // What is known of the file so far, for the record of a panic.
    let known = RefCell::new(source);
    let stage = Cell::new(Stage::Sniff);
    let run = AssertUnwindSafe(|| read_and_extract(bytes, path, folder, opts, &known, &stage));
    catch_unwind(run)
        .unwrap_or_else(|payload| panicked(known.into_inner(), stage.get(), payload.as_ref()))
}

/// The stages after the adapter: locate, normalize, check. Never panics.
pub fn from_document(
    doc: &Document,
    source: Source,
    issues: Vec<Issue>,
    opts: &Options,
    budget: &Budget,
) -> Record {
    let run = AssertUnwindSafe(|| read_document(doc, source.clone(), issues, opts, budget));
    catch_unwind(run).unwrap_or_else(|payload| panicked(source, Stage::Read, payload.as_ref()))
}

/// Where a file was when it panicked, which decides its error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Sniff,
    Adapter(Format),
    Read,
}

fn read_and_extract(
    bytes: &[u8],
    path: &str,
    folder: Option<&Path>,
    opts: &Options,
    known: &RefCell<Source>,
    stage: &Cell<Stage>,
) -> Record {
    let mut source = known.borrow().clone();
    let Some(format) = adapter::sniff(bytes) else {
        return Record::failed(
            source,
            "unsupported_format",
            "the content is none of PDF, HTML, DOCX, XLSX, XLS, ODS or text",
        );
    };
    source.format = Some(format.name().to_string());
    known.borrow_mut().format = source.format.clone();
    let mut issues = Vec::new();
    if let Some(ext) = Path::new(path).extension().and_then(|e| e.to_str())
        && !format.matches_extension(ext)
        && format != Format::Text
    {
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
    let budget = Budget::with_timeout(opts.timeout);
    stage.set(Stage::Adapter(format));
    let doc = match adapter::read_in(format, bytes, &budget, opts.ocr, folder) {
        Ok(doc) => doc,
        Err(e) => {
            let mut rec = Record::failed(source, e.code(), e.to_string());
            rec.issues = issues;
            return rec;
        }
    };
    source.pages = doc.pages;
    source.producer = doc.producer.clone();
    *known.borrow_mut() = source.clone();
    stage.set(Stage::Read);
    read_document(&doc, source, issues, opts, &budget)
}

fn read_document(
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
    fault::point("locate");
    let located = locate::locate(doc);
    fault::point("normalize");
    let normalized = normalize::normalize(&located, opts.provenance);
    let mut rec = normalized.record;
    rec.schema_version = SCHEMA_VERSION;
    rec.source = source;
    issues.append(&mut rec.issues);
    rec.issues = issues;
    // A document with no text at all (a scan not read by OCR): the warning that says so is
    // what concerns its tables, which are absent.
    if rec.active_disclosure.is_none()
        && rec.applications.is_none()
        && rec.review_litigation.is_none()
        && doc.blocks.is_empty()
    {
        for i in rec.issues.iter_mut().filter(|i| i.code == "no_text_layer") {
            i.fields = ["active_disclosure", "applications", "review_litigation"]
                .map(String::from)
                .to_vec();
        }
    }
    fault::point("check");
    rec.checks = check::run(&rec, &normalized.inferred_rows);
    // The prose: its numbered parts, and the figures it restates against the tables.
    let prose = prose::read(doc);
    rec.checks
        .extend(check::text::check(&rec, &prose.paragraphs));
    rec.sections = prose.sections;
    let mut on_ocr = check::ocr::findings(&rec, &normalized.ocr_cells);
    rec.issues.append(&mut on_ocr);
    rec
}

/// The record of a file whose extraction panicked.
fn panicked(source: Source, stage: Stage, payload: &(dyn Any + Send)) -> Record {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    let place = PANIC_PLACE
        .with(|p| p.borrow_mut().take())
        .map(|p| format!(" at {p}"))
        .unwrap_or_default();
    match stage {
        Stage::Adapter(f) if f != Format::Html && f != Format::Text => {
            let msg = format!("the {} reader failed on this file: {what}{place}", f.name());
            Record::failed(source, "corrupt", msg)
        }
        Stage::Sniff | Stage::Adapter(_) | Stage::Read => {
            Record::failed(source, "internal", format!("a bug in xxgk: {what}{place}"))
        }
    }
}

thread_local! {
    /// Where the last panic on this thread happened, when a panic hook noted it (the CLI's
    /// does, `batch::install_panic_hook`); the library alone installs no hook.
    pub(crate) static PANIC_PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Panics injected for tests, so that each adapter and stage can be shown to end in an error
/// record. Only with the cargo feature `fault-injection` (off by default, on for this crate's
/// own tests); without it [`fault::point`] is empty and inlined away.
#[doc(hidden)]
pub mod fault {
    #[cfg(feature = "fault-injection")]
    std::thread_local! {
        static ARMED: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
    }

    /// While the guard lives, every pass of this thread through the point `name` panics:
    /// a format name (`pdf`, `html`, `docx`, `xlsx`, `xls`, `ods`, `text`) for its adapter,
    /// or `locate`, `normalize`, `check`.
    #[cfg(feature = "fault-injection")]
    pub fn arm(name: &'static str) -> Armed {
        ARMED.with(|a| a.set(Some(name)));
        Armed(())
    }

    /// Disarms the point when dropped.
    #[cfg(feature = "fault-injection")]
    pub struct Armed(());

    #[cfg(feature = "fault-injection")]
    impl Drop for Armed {
        fn drop(&mut self) {
            ARMED.with(|a| a.set(None));
        }
    }

    #[inline(always)]
    pub fn point(name: &str) {
        #[cfg(feature = "fault-injection")]
        if ARMED.with(|a| a.get()) == Some(name) {
            panic!("a panic injected at {name}");
        }
        #[cfg(not(feature = "fault-injection"))]
        let _ = name;
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
