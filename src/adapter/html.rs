//! HTML pages and fragments: the article found by content, tables expanded into grids.

use crate::budget::Budget;
use crate::error::Result;
use crate::model::Document;

pub fn read(_bytes: &[u8], _budget: &Budget) -> Result<Document> {
    Err(super::not_yet("HTML"))
}
