//! The integration tests, one module per area.

mod common;

/// Batch extraction: nothing lost, resume, shards, CSV/wide outputs.
mod batch;
/// OCR of scanned pages: cell crops, the digit alphabet, certainty rules, deskew, scan samples.
mod ocr;
/// HTML, DOCX and XLSX adapters, and one report across every format.
mod office;
/// The PDF adapter: fonts, encodings, rulings, split tables, bad files.
mod pdf;
/// The core pipeline on text input: golden truths, checks, contract, bad input.
mod pipeline;
