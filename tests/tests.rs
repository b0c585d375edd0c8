//! The integration tests, one module per area.

mod common;

/// Batch extraction: nothing lost, resume, shards, CSV/wide outputs.
mod batch;
/// HTML, DOCX and XLSX adapters, and one report across every format.
mod office;
/// Parquet outputs (long and wide): the CSV rows and values, typed.
#[cfg(feature = "parquet")]
mod parquet;
/// The PDF adapter: fonts, encodings, rulings, split tables, bad files.
mod pdf;
/// The core pipeline on text input: golden truths, checks, contract, bad input.
mod pipeline;
