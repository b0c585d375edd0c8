//! Tests of the PDF adapter: each font and encoding path, tables and layout, bad input, and the
//! samples against their truths.

/// Truncated, corrupt, encrypted, huge, garbage: an error or a note, never a panic or hang.
mod bad_input;
/// Minimal PDFs built in the test, for paths no producer sample covers.
mod build;
/// Fonts and encodings: Type0 with ToUnicode and predefined CMaps, Adobe-GB1, simple, Type3.
mod fonts;
/// Positions: TJ gaps, Form XObjects, vertical text, rulings.
mod layout;
/// samples/pdf and the corpus PDF: every truth number read from the document model, and
/// (once the locator is in) the whole record equal to the truth.
mod samples;
