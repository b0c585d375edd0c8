//! Tests of the office area: HTML, DOCX and XLSX adapters, sniffing, and one report across
//! every format.

/// HTML: encodings, Word's exported pages, image-only tables, split tables, portal pages.
mod html;
/// The format is sniffed from the bytes, whatever the extension says.
mod sniff;
/// Helpers: reading a sample into the document model, grids as rows of text.
mod support;
