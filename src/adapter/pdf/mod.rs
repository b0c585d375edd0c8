//! PDF: our own content-stream interpreter over lopdf, emitting positioned text and ruled grids.

use crate::budget::Budget;
use crate::error::Result;
use crate::model::Document;

pub fn read(_bytes: &[u8], _budget: &Budget) -> Result<Document> {
    Err(super::not_yet("PDF"))
}
