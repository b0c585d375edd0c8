//! DOCX: paragraphs and `w:tbl` tables with their merged cells expanded.

use crate::budget::Budget;
use crate::error::Result;
use crate::model::Document;

pub fn read(_bytes: &[u8], _budget: &Budget) -> Result<Document> {
    Err(super::not_yet("DOCX"))
}
