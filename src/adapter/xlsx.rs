//! Spreadsheets (XLSX, XLS, ODS) through calamine: every sheet a grid, merged regions expanded.
//!
//! Values are the cached results of formulas, as the file stores them. A number becomes the
//! text a spreadsheet shows in its General format: 3.0 is "3", and a binary float such as
//! 7730.280000000001 is cut to 15 significant digits, "7730.28"; the normalizer parses that
//! text as it parses every other format's cells.
//!
//! Limits: a zip package whose members declare more than the budget's inflated sizes is not
//! opened (the zip reader stops a member at its declared size); an XLSX sheet is streamed cell by
//! cell and stops at `max_cells`; a sheet whose used area covers more than `max_cells` places
//! is refused.

use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, Sheets, Xls, Xlsx};

use super::Format;
use crate::budget::Budget;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Block, Cell, Document, Grid, Line, Origin};

pub fn read(bytes: &[u8], format: Format, budget: &Budget) -> Result<Document> {
    if matches!(format, Format::Xlsx | Format::Ods) {
        check_declared_sizes(bytes, budget)?;
    }
    if format == Format::Xlsx {
        super::xlsx_ranges::check(bytes, budget)?;
    }
    if format == Format::Xls {
        // calamine's compound-file reader and its record parser trust the lengths the file
        // gives: the sector chains, then the records of the workbook stream are walked first,
        // as calamine will read them.
        if let Some(stream) = super::compound::workbook(bytes)? {
            super::biff::check(&stream, budget)?;
        }
    }
    let ods_merges = if format == Format::Ods {
        ods::merges(bytes, budget)?
    } else {
        Default::default()
    };
    // calamine parses binary formats from untrusted files; a panic in it is a damaged file to
    // us, not a crash of the batch.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_book(bytes, format, &ods_merges, budget)
    }))
    .unwrap_or_else(|_| Err(Error::corrupt("the workbook reader failed on this file")))
}

fn read_book(
    bytes: &[u8],
    format: Format,
    ods_merges: &ods::Merges,
    budget: &Budget,
) -> Result<Document> {
    // The sniffed format picks the reader; calamine's own probing would hide why a file fails.
    let cursor = Cursor::new(bytes);
    let opened = match format {
        Format::Xls => Xls::new(cursor).map(Sheets::Xls).map_err(|e| e.to_string()),
        Format::Ods => Ods::new(cursor).map(Sheets::Ods).map_err(|e| e.to_string()),
        _ => Xlsx::new(cursor)
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
    };
    let mut book = opened.map_err(book_error)?;
    let mut doc = Document::default();
    let names = book.sheet_names();
    for (n, name) in names.iter().enumerate() {
        budget.check()?;
        let (values, merges) = match &mut book {
            Sheets::Xlsx(x) => xlsx_sheet(x, name, budget)?,
            Sheets::Xls(x) => xls_sheet(x, name, budget)?,
            other => (
                dense_sheet(other, name, budget)?,
                ods_merges.get(name).cloned().unwrap_or_default(),
            ),
        };
        if values.is_empty() {
            continue;
        }
        // The sheet's name often is the table's caption ("表二 主动公开政府信息情况").
        if names.len() > 1 {
            doc.blocks.push(Block::Line(Line {
                text: name.clone(),
                origin: Origin {
                    cell: Some(format!("sheet {}", n + 1)),
                    ..Origin::default()
                },
                ..Line::default()
            }));
        }
        doc.blocks
            .push(Block::Grid(grid(name, values, &merges, budget)?));
    }
    Ok(doc)
}

/// One value at its absolute (row, column), 0-based.
type Placed = ((u32, u32), String);

fn xlsx_sheet(
    x: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &Budget,
) -> Result<(Vec<Placed>, Vec<Dimensions>)> {
    let merges = x
        .merge_cells_by_sheet_name(name)
        .map_err(|e| book_error(e.to_string()).at(name.to_string()))?;
    let mut out = Vec::new();
    let mut reader = x
        .worksheet_cells_reader(name)
        .map_err(|e| book_error(e.to_string()).at(name.to_string()))?;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| book_error(e.to_string()).at(name.to_string()))?
    {
        if out.len() % 4096 == 0 {
            budget.check()?;
        }
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::Int(i) => i.to_string(),
            DataRef::Float(f) => number(*f),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
            DataRef::SharedString(s) => s.to_string(),
            DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            DataRef::DateTime(d) => date(d),
            DataRef::Error(e) => e.to_string(),
        };
        out.push((cell.get_position(), text));
        if out.len() > budget.max_cells {
            return Err(Error::too_large(format!(
                "sheet {name} has more than {} cells",
                budget.max_cells
            )));
        }
    }
    Ok((out, merges))
}

fn xls_sheet(
    x: &mut Xls<Cursor<&[u8]>>,
    name: &str,
    budget: &Budget,
) -> Result<(Vec<Placed>, Vec<Dimensions>)> {
    let merges = x.merge_cells_by_sheet_name(name).unwrap_or_default();
    let range = x
        .worksheet_range(name)
        .map_err(|e| book_error(e.to_string()).at(name.to_string()))?;
    Ok((placed(&range, name, budget)?, merges))
}

/// ODS (and XLSB): calamine gives values only; ODS merged regions come from [`ods::merges`].
fn dense_sheet(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    budget: &Budget,
) -> Result<Vec<Placed>> {
    let range = book
        .worksheet_range(name)
        .map_err(|e| book_error(e.to_string()).at(name.to_string()))?;
    placed(&range, name, budget)
}

fn placed(range: &calamine::Range<Data>, name: &str, budget: &Budget) -> Result<Vec<Placed>> {
    let (h, w) = range.get_size();
    if h.saturating_mul(w) > budget.max_cells {
        return Err(Error::too_large(format!(
            "sheet {name} covers {h}×{w} places, more than {}",
            budget.max_cells
        )));
    }
    let mut out = Vec::new();
    for (row, col, v) in range.used_cells() {
        let text = match v {
            Data::Empty => continue,
            Data::Int(i) => i.to_string(),
            Data::Float(f) => number(*f),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Data::DateTime(d) => date(d),
            Data::Error(e) => e.to_string(),
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        out.push(((r0 + row as u32, c0 + col as u32), text));
    }
    Ok(out)
}

/// The sheet's used area as a grid, relative to its top-left used place; each merged region
/// is one cell at its top-left place (the value there; the covered places hold none), and
/// every other place is a cell, empty where the file stores nothing.
fn grid(name: &str, values: Vec<Placed>, merges: &[Dimensions], budget: &Budget) -> Result<Grid> {
    // A merged range that ends before it starts (a damaged file) merges nothing and bounds
    // nothing.
    let merges: Vec<Dimensions> = merges
        .iter()
        .filter(|m| m.end.0 >= m.start.0 && m.end.1 >= m.start.1)
        .copied()
        .collect();
    let top = values
        .iter()
        .map(|((r, _), _)| *r)
        .chain(merges.iter().map(|m| m.start.0))
        .min()
        .unwrap_or(0);
    let left = values
        .iter()
        .map(|((_, c), _)| *c)
        .chain(merges.iter().map(|m| m.start.1))
        .min()
        .unwrap_or(0);
    let bottom = values
        .iter()
        .map(|((r, _), _)| *r)
        .chain(merges.iter().map(|m| m.end.0))
        .max()
        .unwrap_or(0);
    let right = values
        .iter()
        .map(|((_, c), _)| *c)
        .chain(merges.iter().map(|m| m.end.1))
        .max()
        .unwrap_or(0);
    let (h, w) = ((bottom - top) as usize + 1, (right - left) as usize + 1);
    if h.saturating_mul(w) > budget.max_cells {
        return Err(Error::too_large(format!(
            "sheet {name} covers {h}×{w} places, more than {}",
            budget.max_cells
        )));
    }
    let mut text: std::collections::HashMap<(u32, u32), String> = values.into_iter().collect();
    let mut covered = std::collections::HashSet::new();
    let mut cells = Vec::new();
    for m in &merges {
        if covered.contains(&m.start) {
            continue;
        }
        for r in m.start.0..=m.end.0 {
            for c in m.start.1..=m.end.1 {
                covered.insert((r, c));
            }
        }
        let t = text.remove(&m.start).unwrap_or_default();
        cells.push(cell(
            name,
            m.start,
            t,
            (m.end.0 - m.start.0) as usize + 1,
            (m.end.1 - m.start.1) as usize + 1,
            (top, left),
        ));
    }
    // Every place of the used area is a place of the table: one the file does not store is
    // an empty cell, never skipped, so no later value moves into it.
    for r in top..=bottom {
        for c in left..=right {
            if !covered.contains(&(r, c)) {
                text.entry((r, c)).or_default();
            }
        }
    }
    let mut rest: Vec<_> = text
        .into_iter()
        .filter(|(p, _)| !covered.contains(p))
        .collect();
    rest.sort();
    cells.extend(
        rest.into_iter()
            .map(|(p, t)| cell(name, p, t, 1, 1, (top, left))),
    );
    cells.sort_by_key(|c| (c.row, c.col));
    Ok(Grid::from_cells(cells, None))
}

fn cell(
    sheet: &str,
    (r, c): (u32, u32),
    text: String,
    row_span: usize,
    col_span: usize,
    (top, left): (u32, u32),
) -> Cell {
    let origin = Origin {
        cell: Some(format!("{sheet}!{}{}", column_name(c), r + 1)),
        ..Origin::default()
    };
    Cell {
        text: text.trim().to_string(),
        row: (r - top) as usize,
        col: (c - left) as usize,
        row_span,
        col_span,
        origin,
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A number as the General format shows it: integers without a decimal point, others to 15
/// significant digits with trailing zeros dropped.
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let s = format!("{rounded}");
    if s.contains('e') {
        format!("{rounded:.}")
    } else {
        s
    }
}

/// A date cell as the date it shows (`2022-01-20`), never as its serial number: a count typed
/// as "1-2" and turned into a date by the spreadsheet must not become the number 44563.
/// Durations and times keep the number of days.
fn date(d: &calamine::ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() || !(1.0..2_958_466.0).contains(&serial) {
        return number(serial);
    }
    // Days from 1899-12-30 (the 1900 system, with its phantom 29 February 1900 before day 61).
    let days = serial.floor() as i64 + if serial < 60.0 { 1 } else { 0 };
    let z = days - 25_569 + 719_468; // to days since 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn book_error(msg: String) -> Error {
    if msg.to_ascii_lowercase().contains("password") || msg.to_ascii_lowercase().contains("encrypt")
    {
        Error::new(ErrorKind::Encrypted(msg))
    } else {
        Error::corrupt(format!("the workbook cannot be read: {msg}"))
    }
}

/// Refuses a zip package whose members declare more than the budget allows, before calamine
/// inflates them (it reads whole members into memory).
fn check_declared_sizes(bytes: &[u8], budget: &Budget) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::corrupt("the zip directory cannot be read").with_source(e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        total = total.saturating_add(f.size());
        if f.size() > budget.max_inflated || total > budget.max_total_inflated {
            let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(
                Error::too_large(format!("{name} inflates to more than the limit")).at(name),
            );
        }
    }
    Ok(())
}

/// Merged regions of an OpenDocument spreadsheet, which calamine does not give: the cells of
/// `content.xml` that carry `table:number-columns-spanned` / `number-rows-spanned`, placed by
/// counting rows and cells with their repeat counts.
mod ods {
    use std::collections::HashMap;

    use calamine::Dimensions;
    use quick_xml::Reader;
    use quick_xml::events::{BytesStart, Event};

    use crate::adapter::docx::Package;
    use crate::budget::Budget;
    use crate::error::{Error, Result};

    pub type Merges = HashMap<String, Vec<Dimensions>>;

    pub fn merges(bytes: &[u8], budget: &Budget) -> Result<Merges> {
        let mut zip = Package::open(bytes, budget)?;
        let Some(xml) = zip.member("content.xml")? else {
            return Ok(Merges::new());
        };
        let mut reader = Reader::from_str(&xml);
        let mut out = Merges::new();
        let mut sheet: Option<String> = None;
        let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
        let mut depth = 0usize;
        let mut n = 0usize;
        loop {
            n += 1;
            if n.is_multiple_of(8192) {
                budget.check()?;
            }
            let event = reader
                .read_event()
                .map_err(|e| Error::corrupt("content.xml is malformed").with_source(e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.name().as_ref() {
                        "table:table" => {
                            depth += 1;
                            if depth == 1 {
                                sheet = attr(e, "table:name");
                                row = 0;
                            }
                            if empty {
                                depth -= 1;
                            }
                        }
                        "table:table-row" if depth == 1 => {
                            col = 0;
                            row_repeat = count(e, "table:number-rows-repeated");
                            if empty {
                                row += row_repeat;
                            }
                        }
                        "table:table-cell" | "table:covered-table-cell" if depth == 1 => {
                            let (cols, rows) = (
                                count(e, "table:number-columns-spanned"),
                                count(e, "table:number-rows-spanned"),
                            );
                            if (cols > 1 || rows > 1)
                                && e.name().as_ref() == "table:table-cell"
                                && let (Some(name), Ok(r), Ok(c)) =
                                    (&sheet, u32::try_from(row), u32::try_from(col))
                            {
                                let end = (
                                    r.saturating_add(rows as u32 - 1),
                                    c.saturating_add(cols as u32 - 1),
                                );
                                out.entry(name.clone())
                                    .or_default()
                                    .push(Dimensions { start: (r, c), end });
                            }
                            col = col.saturating_add(count(e, "table:number-columns-repeated"));
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    "table:table" => depth = depth.saturating_sub(1),
                    "table:table-row" if depth == 1 => row = row.saturating_add(row_repeat),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
        let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
        quick_xml::escape::unescape(&a.value)
            .ok()
            .map(|v| v.into_owned())
    }

    /// A repeat or span count: at least 1, and bounded (a sheet has at most 2^20 rows).
    fn count(e: &BytesStart<'_>, name: &str) -> u64 {
        attr(e, name)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .clamp(1, 1 << 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(7730.28), "7730.28");
        assert_eq!(number(7730.280000000001), "7730.28");
        assert_eq!(number(24252.311082), "24252.311082");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(-12.0), "-12");
    }

    #[test]
    fn dates_read_as_dates() {
        let d =
            |v: f64| calamine::ExcelDateTime::new(v, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&d(44581.0)), "2022-01-20");
        assert_eq!(date(&d(44563.5)), "2022-01-02");
        assert_eq!(date(&d(1.0)), "1900-01-01");
        assert_eq!(date(&d(61.0)), "1900-03-01");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}

#[cfg(test)]
mod reversed_merge {
    use super::*;

    #[test]
    fn a_merged_range_that_ends_before_it_starts_merges_and_bounds_nothing() {
        let values: Vec<Placed> = vec![((0, 0), "a".into()), ((0, 1), "1".into())];
        let reversed = Dimensions {
            start: (0, 17),
            end: (0, 3),
        };
        let g = grid("s", values.clone(), &[reversed], &Budget::default()).unwrap();
        let plain = grid("s", values, &[], &Budget::default()).unwrap();
        assert_eq!((g.rows, g.cols), (plain.rows, plain.cols));
        assert_eq!(g.cells.len(), plain.cells.len());
        // Alone, it is an empty sheet, not a sheet of 2^32 columns.
        let alone = grid("s", Vec::new(), &[reversed], &Budget::default()).unwrap();
        assert_eq!((alone.rows, alone.cols), (1, 1));
    }
}
