//! xxgk turns Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告) into the canonical record of `docs/schema.md`.
//!
//! One direction, one stage a module:
//!
//! ```text
//! bytes ─ adapter (pdf, html, docx, xlsx, text) ─▶ model::Document
//!       ─ locate (tables 二 三 四, template, agency, year) ─▶ locate::Located
//!       ─ normalize (labels → keys, numbers) ─▶ record sections + issues
//!       ─ check (勾稽关系) ─▶ record::Record ─ write (jsonl, csv, wide)
//! ```
//!
//! [`extract`] wires the stages for one file; `batch` runs it over many in parallel.

pub mod adapter;
pub mod align;
pub mod batch;
pub mod budget;
pub mod check;
pub mod error;
pub mod locate;
pub mod model;
pub mod normalize;
pub mod ocr;
pub mod pipeline;
pub mod prose;
pub mod record;
pub mod series;
pub mod text;
pub mod write;

pub use adapter::Format;
pub use budget::Budget;
pub use error::{Error, Result};
pub use model::Document;
pub use pipeline::{Options, extract, extract_bytes};
pub use record::Record;
