//! The integration tests, one module per area.

mod common;

/// Batch extraction: nothing lost, resume, shards, CSV/wide outputs.
mod batch;
/// Agency, year and template on portal pages and office files; agency_key and series joins.
mod meta;
/// No panic escapes the library: the damaged fixtures, and a panic injected in each adapter
/// and stage.
mod never_panics;
/// OCR of scanned pages (the `ocr` feature): cell crops, the digit alphabet, certainty rules,
/// deskew, scan samples.
#[cfg(feature = "ocr")]
mod ocr;
/// HTML, DOCX and XLSX adapters, and one report across every format.
mod office;
/// Parquet outputs (long and wide): the CSV rows and values, typed.
#[cfg(feature = "parquet")]
mod parquet;
/// The PDF adapter: fonts, encodings, rulings, split tables, bad files.
mod pdf;
/// The core pipeline on text input: golden truths, checks, contract, bad input.
mod pipeline;
/// Every value under its own column, or flagged: input shapes, blanked cells, fields and flags, memory.
mod placement;
/// The prose: sections, text-against-table checks, the review page.
mod prose;
