//! Tests of the office area: HTML, DOCX and XLSX adapters, sniffing, and one report across
//! every format.

/// Each sample report gives the same values, checks and issue codes in every format.
mod cross_format;
/// DOCX: merged cells (gridSpan, vMerge), the national template, the zip bomb, damage.
mod docx;
/// Each sample and each corpus HTML page gives its truth, leaf by leaf.
mod golden;
/// HTML: encodings, Word's exported pages, image-only tables, split tables, portal pages, and
/// the grids of the corpus pages against their notes.
mod html;
/// Damaged input never panics.
mod robust;
/// The format is sniffed from the bytes, whatever the extension says.
mod sniff;
/// Helpers: reading a sample into the document model, grids as rows of text, truth comparison.
mod support;
/// XLSX, XLS, ODS: merged regions, numbers, cached formula values, the sheet-size bound.
mod xlsx;
