//! Cell ranges of an XLSX package that end before they start (`<mergeCell ref="R10:D10"/>`),
//! found before calamine reads them.
//!
//! calamine 0.38 turns every `ref` range of a sheet (the sheet's dimension, merged cells,
//! shared formulas, hyperlinks) and of a table part into rows and columns by subtracting the
//! start from the end in u32 (`xlsx::get_dimension`). Where overflow is checked (debug builds,
//! the fuzz targets) a reversed range panics there; in a release build the subtraction wraps
//! into a warning and the file reads as written, so the check runs only where it would panic
//! (docs/fuzzing.md, finding 4).

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::budget::Budget;
use crate::error::{Error, Result};

/// Whether calamine's integer arithmetic panics on overflow in this build.
const OVERFLOW_CHECKS: bool = cfg!(debug_assertions);

/// Refuses a package with a reversed range in a sheet or table part, in builds where calamine
/// would panic on it.
pub fn check(bytes: &[u8], budget: &Budget) -> Result<()> {
    if !OVERFLOW_CHECKS {
        return Ok(());
    }
    match first_reversed(bytes, budget)? {
        Some((part, range)) => Err(Error::corrupt(format!(
            "{part}: the cell range {range} ends before it starts"
        ))
        .at(part)),
        None => Ok(()),
    }
}

/// The first sheet or table part with a reversed range, and that range. A part is read as far
/// as it inflates, as calamine streams it: a damaged end or a wrong checksum, which calamine
/// may never reach, does not hide what comes before.
fn first_reversed(bytes: &[u8], budget: &Budget) -> Result<Option<(String, String)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::corrupt("the zip directory cannot be read").with_source(e))?;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = part.name().map(|n| n.into_owned()) else {
            continue;
        };
        if !is_ranged_part(&name) {
            continue;
        }
        let mut xml = Vec::new();
        let _ = (&mut part).take(budget.max_inflated).read_to_end(&mut xml);
        if let Some(range) = reversed_range(&String::from_utf8_lossy(&xml)) {
            return Ok(Some((name, range)));
        }
    }
    Ok(None)
}

/// Sheets and table parts: where calamine reads `ref` ranges.
fn is_ranged_part(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    (name.starts_with("xl/worksheets/") || name.starts_with("xl/tables/")) && name.ends_with(".xml")
}

/// The first `ref` attribute of the part whose range ends in an earlier row or column than
/// it starts. A part that is not well-formed is left to calamine, which reports it.
fn reversed_range(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let value = e.attributes().flatten().find_map(|a| {
                    (a.key.local_name().as_ref() == "ref").then(|| a.value.to_string())
                });
                if let Some(value) = value
                    && is_reversed(&value)
                {
                    return Some(value);
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// `R10:D10`, `A5:B2`: a two-cell range whose end row or column is before its start's.
fn is_reversed(range: &str) -> bool {
    let mut parts = range.split(':');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    match (cell(a), cell(b)) {
        (Some((r0, c0)), Some((r1, c1))) => r1 < r0 || c1 < c0,
        _ => false,
    }
}

/// `D10` as (row, column), both counted from 0; `$` anchors ignored. Anything else, `None`.
fn cell(s: &str) -> Option<(u64, u64)> {
    let s = s.replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    let row: u64 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_that_ends_before_it_starts_is_reversed() {
        assert!(is_reversed("R10:D10"));
        assert!(is_reversed("A5:B2"));
        assert!(is_reversed("$C$3:$B$4"));
        assert!(!is_reversed("D10:R10"));
        assert!(!is_reversed("A1:A1"));
        assert!(!is_reversed("A1"));
        assert!(!is_reversed("A1:XFD1048576"));
        assert!(!is_reversed("1:3"));
    }

    #[test]
    fn the_first_reversed_ref_of_a_part_is_named() {
        let xml = r#"<worksheet><dimension ref="A1:D10"/><mergeCells count="2">
            <mergeCell ref="A1:B1"/><mergeCell ref="R10:D10"/></mergeCells></worksheet>"#;
        assert_eq!(reversed_range(xml).as_deref(), Some("R10:D10"));
        assert_eq!(
            reversed_range(r#"<worksheet><dimension ref="A1:D10"/></worksheet>"#),
            None
        );
    }

    #[test]
    fn the_fuzzers_package_is_found_out() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/overflow/xlsx-merged-range-ends-before-it-starts.xlsx"
        );
        let bytes = std::fs::read(path).unwrap();
        let found = first_reversed(&bytes, &Budget::default()).unwrap();
        let (part, range) = found.expect("a reversed range");
        assert!(part.starts_with("xl/worksheets/"), "{part}");
        assert_eq!(range, "R10:D10");
    }

    #[test]
    fn only_sheets_and_tables_are_read() {
        assert!(is_ranged_part("xl/worksheets/sheet1.xml"));
        assert!(is_ranged_part("xl/tables/table1.xml"));
        assert!(!is_ranged_part("xl/workbook.xml"));
        assert!(!is_ranged_part("xl/worksheets/_rels/sheet1.xml.rels"));
    }
}
