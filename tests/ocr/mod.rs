//! OCR of scanned pages: recognition of cell crops, the digit alphabet, certainty, deskew, and
//! the scanned samples against their truths.

mod cells;
mod certainty;
mod html_img;
mod provenance;
mod recognize;
mod rules;
mod scans;
