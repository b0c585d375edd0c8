//! Failed checks on values read by OCR: the record says, beside the finding, that the numbers
//! came from a page image, so that a reader weighs a misread digit against a slip of the
//! report's authors before quoting the finding.

use crate::model::Level;
use crate::record::{Check, Issue, Record};

/// One `ocr_check_failed` warning per failed check that involves a cell read by OCR, naming
/// those cells. `ocr_cells`: the record's cells read by OCR, as dotted keys.
pub fn findings(rec: &Record, ocr_cells: &[String]) -> Vec<Issue> {
    if ocr_cells.is_empty() {
        return Vec::new();
    }
    rec.checks
        .iter()
        .filter(|c| c.ok == Some(false))
        .filter_map(|c| {
            let read: Vec<String> = super::cells(c, rec)
                .into_iter()
                .filter(|k| ocr_cells.contains(k))
                .collect();
            (!read.is_empty()).then(|| issue(c, read))
        })
        .collect()
}

fn issue(c: &Check, fields: Vec<String>) -> Issue {
    let at = [
        c.row.as_ref().map(|r| format!("row {r}")),
        c.column.as_ref().map(|k| format!("column {k}")),
        c.group.as_ref().map(|g| format!("group {g}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let side = |v: Option<i64>| v.map_or("null".to_string(), |n| n.to_string());
    let at_phrase = if at.is_empty() {
        String::new()
    } else {
        format!(" ({at})")
    };
    Issue {
        level: Level::Warning,
        code: "ocr_check_failed".into(),
        message: format!(
            "check {}{at_phrase} fails: expected {}, found {} (values read by OCR from a page \
             image or picture: a misread digit may be the cause)",
            c.rule,
            side(c.expected),
            side(c.found)
        ),
        place: if at.is_empty() {
            format!("check {}", c.rule)
        } else {
            format!("check {}, {at}", c.rule)
        },
        fields,
    }
}
