//! The integration tests, one module per area.

mod common;

/// The core pipeline on text input: golden truths, checks, contract, bad input.
mod pipeline;
/// The PDF adapter: fonts, encodings, rulings, split tables, bad files.
mod pdf;
/// HTML, DOCX and XLSX adapters, and one report across every format.
mod office;
/// Batch extraction: nothing lost, resume, shards, CSV/wide outputs.
mod batch;
