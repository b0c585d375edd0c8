//! Spreadsheets (XLSX, XLS, ODS) through calamine: every sheet a grid, merged regions expanded.

use super::Format;
use crate::budget::Budget;
use crate::error::Result;
use crate::model::Document;

pub fn read(_bytes: &[u8], _format: Format, _budget: &Budget) -> Result<Document> {
    Err(super::not_yet("spreadsheet"))
}
