//! The BIFF records of an XLS workbook stream, walked as calamine 0.38 walks them (`xls.rs`,
//! `parse_workbook`) before it trusts them.
//!
//! calamine reads several records with lengths it never checks: a FORMULA record whose formula
//! is longer than the record, a token of that formula whose operand runs past it, a MERGECELLS
//! record with more ranges than bytes, a BOUNDSHEET record that puts its sheet past the end of
//! the stream, a string of the SST whose header is cut by a CONTINUE record: each one panics in
//! a slice. Others overflow an integer (a MULRK record whose last column is before its first)
//! or reserve memory for what a record declares (a Dimensions record of 51e9 cells). This walk
//! follows the same records in the same order (the globals to their EOF record, then each sheet
//! from the offset its BOUNDSHEET record gives, skipping embedded substreams, with CONTINUE
//! records joined to the record before them) and refuses the file, naming the record and its
//! byte in the stream, where calamine would fail that way. Where calamine returns an error of
//! its own, the walk leaves the file to it.
//!
//! Formulas are walked token by token without calamine's stack of operands, so a formula whose
//! tokens run past its end is refused even where calamine would give up on it a token earlier.
//!
//! Some of calamine's arithmetic overflows only where overflow is checked (debug builds and the
//! fuzz targets, which build calamine with the profile of this crate) and wraps harmlessly in a
//! release build: a Dimensions record of no rows or no columns, a reference to row 65536 in a
//! formula, a defined-name token of index 0. Those are refused only in builds with overflow
//! checks, so that a release build reads such files as it always did.

use std::collections::HashSet;

use crate::budget::Budget;
use crate::error::{Error, Result};

/// Whether calamine's integer arithmetic panics on overflow in this build.
const OVERFLOW_CHECKS: bool = cfg!(debug_assertions);

/// calamine's number of built-in functions (`utils::FTAB_LEN`): a function token past it ends
/// calamine's reading of the formula.
const FTAB_LEN: usize = 485;

/// Checks the records of the workbook stream `stream` as calamine will read them. Sheets that
/// declare more than `max_cells` cells (times 16, at least 16 Mi) are `too_large`.
pub fn check(stream: &[u8], budget: &Budget) -> Result<()> {
    let limit = (budget.max_cells as u64).max(1 << 20) * 16;
    let Some(globals) = globals(stream)? else {
        return Ok(());
    };
    let mut walked = HashSet::new();
    for &(at, pos) in &globals.sheets {
        if pos > stream.len() {
            return Err(Error::corrupt(format!(
                "a BOUNDSHEET record at byte {at} of the workbook stream puts its sheet at byte \
                 {pos}, past the end of the stream ({} bytes)",
                stream.len()
            )));
        }
        // A sheet walked once is walked the same way again.
        if walked.insert(pos) {
            budget.check()?;
            sheet(stream, pos, &globals, budget.max_cells as u64, limit)?;
        }
    }
    Ok(())
}

/// What the globals tell the sheets: where each sheet starts (with the byte of its BOUNDSHEET
/// record), whether formulas are BIFF8, and how many shared strings there are.
struct Globals {
    sheets: Vec<(usize, usize)>,
    biff8: bool,
    strings: usize,
}

/// Walks the globals substream to its EOF record; `None` where calamine stops reading, the
/// file being encrypted.
fn globals(stream: &[u8]) -> Result<Option<Globals>> {
    let mut g = Globals {
        sheets: Vec::new(),
        biff8: true,
        strings: 0,
    };
    for r in Records::new(stream, 0) {
        match r.typ {
            // FILEPASS: the rest is encrypted, and calamine says so.
            0x002F => {
                r.need(2, "FILEPASS")?;
                if u16_at(r.data, 0) != 0 {
                    return Ok(None);
                }
            }
            0x0042 => r.need(2, "CODEPAGE")?,
            0x0022 => r.need(2, "DATEMODE")?,
            0x0809 => {
                r.need(2, "BOF")?;
                let version = u16_at(r.data, 0);
                let dt = if r.data.len() >= 4 {
                    u16_at(r.data, 2)
                } else {
                    0
                };
                g.biff8 = !(matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
                    || version == 0 && dt == 0x1000);
            }
            0x0017 if g.biff8 => r.need(2, "EXTERNSHEET")?,
            0x0085 => {
                r.need(6, "BOUNDSHEET")?;
                g.sheets.push((r.at, u32_at(r.data, 0) as usize));
            }
            0x0018 => lbl(&r, g.biff8)?,
            0x00FC => g.strings = sst(&r)?,
            0x000A => break,
            _ => {}
        }
    }
    Ok(Some(g))
}

/// Walks one sheet from `pos` to its EOF record, as calamine reads its cells. calamine then
/// lays the sheet's values out densely over the rectangle they span (`Range::from_sparse`),
/// and its formulas over theirs: values over `max_cells` places are refused (as the adapter
/// would refuse the range afterwards), formulas over `limit`.
fn sheet(stream: &[u8], pos: usize, g: &Globals, max_cells: u64, limit: u64) -> Result<()> {
    let biff8 = g.biff8;
    let mut seen_bof = false;
    let mut depth = 0usize;
    let (mut values, mut formulas) = (Span::default(), Span::default());
    let mut formula_at = (0, 0);
    for r in Records::new(stream, pos) {
        if depth > 0 {
            // An embedded substream (a chart): calamine skips its records.
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let cell = || (u16_at(d, 0) as u32, u16_at(d, 2) as u32);
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => dimensions(&r, limit)?,
            0x00BD => {
                mulrk(&r)?;
                // Values at first..first + n - 1 where the length fits n values.
                if d.len() >= 12 && (d.len() - 6) % 6 == 0 {
                    let (row, first) = cell();
                    values.add(row, first);
                    values.add(row, first + ((d.len() - 6) / 6) as u32 - 1);
                }
            }
            0x00E5 => mergecells(&r)?,
            0x0006 => {
                formula_record(&r, biff8)?;
                if d.len() >= 20 {
                    formula_at = cell();
                    formulas.add(formula_at.0, formula_at.1);
                    // A string result comes in the STRING record after it.
                    if !(d[6] == 0 && d[12] == 0xFF && d[13] == 0xFF) {
                        values.add(formula_at.0, formula_at.1);
                    }
                }
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, and LABELSST of a string there is.
            0x0203 if d.len() >= 14 => values.add(cell().0, cell().1),
            0x0204 | 0x00D6 if d.len() >= 6 => values.add(cell().0, cell().1),
            0x0205 if d.len() >= 8 => values.add(cell().0, cell().1),
            0x027E if d.len() >= 10 => values.add(cell().0, cell().1),
            0x00FD if d.len() >= 10 && (u32_at(d, 6) as usize) < g.strings => {
                values.add(cell().0, cell().1)
            }
            // STRING: the value of the formula before it.
            0x0207 => values.add(formula_at.0, formula_at.1),
            0x000A => break,
            _ => {}
        }
    }
    for (span, most, what) in [(values, max_cells, "values"), (formulas, limit, "formulas")] {
        if let Some((h, w)) = span.size()
            && h * w > most
        {
            return Err(Error::too_large(format!(
                "the sheet at byte {pos} of the workbook stream spreads its {what} over {h}×{w} \
                 places, more than {most}"
            )));
        }
    }
    Ok(())
}

/// The rectangle of rows and columns that cells span.
#[derive(Default, Clone, Copy)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: (u32, u32),
}

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        match &mut self.rows {
            None => {
                self.rows = Some((row, row));
                self.cols = (col, col);
            }
            Some(rows) => {
                *rows = (rows.0.min(row), rows.1.max(row));
                self.cols = (self.cols.0.min(col), self.cols.1.max(col));
            }
        }
    }

    /// Rows × columns, where there is a cell.
    fn size(&self) -> Option<(u64, u64)> {
        let (r0, r1) = self.rows?;
        let (c0, c1) = self.cols;
        Some((u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1))
    }
}

/// DIMENSIONS: calamine reserves memory for rows × columns before it reads a cell, computing
/// both in u32 from first row, last row + 1, first column, last column + 1.
fn dimensions(r: &Record<'_>, limit: u64) -> Result<()> {
    let d = r.data;
    let (rf, rl, cf, cl) = match d.len() {
        10 => (
            u16_at(d, 0) as u32,
            u16_at(d, 2) as u32,
            u16_at(d, 4) as u32,
            u16_at(d, 6) as u32,
        ),
        14 | 16 => (
            u32_at(d, 0),
            u32_at(d, 4),
            u16_at(d, 8) as u32,
            u16_at(d, 10) as u32,
        ),
        // calamine refuses any other length itself.
        _ => return Ok(()),
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl < 1 || cl < 1 {
        return Ok(());
    }
    // calamine: (rl - 1) - rf + 1 rows and (cl - 1) - cf + 1 columns.
    if OVERFLOW_CHECKS && (rf > rl - 1 || cf > cl - 1) {
        return Err(Error::corrupt(format!(
            "a DIMENSIONS record at byte {} of the workbook stream ends before it starts (rows \
             {rf} to {}, columns {cf} to {})",
            r.at,
            rl as i64 - 1,
            cl as i64 - 1
        )));
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1) as u64;
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1) as u64;
    let declared = rows.max(1) * cols.max(1);
    if declared > limit {
        return Err(Error::too_large(format!(
            "a sheet declares {declared} cells, over the limit of {limit}"
        )));
    }
    Ok(())
}

/// MULRK: first row, first column, values, last column. calamine counts the values as
/// last - first + 1 in u16.
fn mulrk(r: &Record<'_>) -> Result<()> {
    let d = r.data;
    if d.len() < 6 {
        return Ok(());
    }
    let (first, last) = (u16_at(d, 2), u16_at(d, d.len() - 2));
    if last < first {
        return Err(Error::corrupt(format!(
            "a MULRK record at byte {} of the workbook stream ends at column {last}, before its \
             first column {first}",
            r.at
        )));
    }
    if last - first == u16::MAX {
        return Err(Error::corrupt(format!(
            "a MULRK record at byte {} of the workbook stream spans columns {first} to {last}, \
             more than a row holds",
            r.at
        )));
    }
    Ok(())
}

/// MERGECELLS: a count, then 8 bytes per range, read without a bound.
fn mergecells(r: &Record<'_>) -> Result<()> {
    r.need(2, "MERGECELLS")?;
    let count = u16_at(r.data, 0) as usize;
    if 2 + 8 * count > r.data.len() {
        return Err(Error::corrupt(format!(
            "a MERGECELLS record at byte {} of the workbook stream lists {count} ranges in {} \
             bytes",
            r.at,
            r.data.len()
        )));
    }
    Ok(())
}

/// FORMULA: cell, value and flags in 20 bytes, then the formula: its length (cce) in 2 bytes
/// and cce bytes of tokens, which calamine slices without a bound.
fn formula_record(r: &Record<'_>, biff8: bool) -> Result<()> {
    let d = r.data;
    if d.len() < 20 {
        // calamine refuses it itself.
        return Ok(());
    }
    let at = r.at;
    if d.len() < 22 {
        return Err(Error::corrupt(format!(
            "a FORMULA record at byte {at} of the workbook stream ends before its formula's \
             length ({} bytes)",
            d.len()
        )));
    }
    let cce = u16_at(d, 20) as usize;
    if 22 + cce > d.len() {
        return Err(Error::corrupt(format!(
            "a FORMULA record at byte {at} of the workbook stream holds a formula of {cce} \
             bytes in its {} bytes after the formula's length",
            d.len() - 22
        )));
    }
    tokens(&d[22..22 + cce], biff8).map_err(|what| {
        Error::corrupt(format!(
            "a FORMULA record at byte {at} of the workbook stream: {what}"
        ))
    })
}

/// Walks the tokens (Ptg) of a formula as calamine's `parse_formula` consumes them; the error
/// says which token runs past the formula. Tokens calamine does not know end its reading, and
/// this walk's.
fn tokens(rgce: &[u8], biff8: bool) -> std::result::Result<(), String> {
    let mut i = 0;
    while i < rgce.len() {
        let ptg = rgce[i];
        let at = i;
        i += 1;
        let left = rgce.len() - i;
        let need = |n: usize| -> std::result::Result<(), String> {
            if left < n {
                Err(format!(
                    "its token 0x{ptg:02X} at byte {at} of the formula needs {n} bytes, {left} \
                     are left"
                ))
            } else {
                Ok(())
            }
        };
        let u16_here = |k: usize| u16_at(rgce, i + k);
        let overflow = |what: &str| -> std::result::Result<(), String> {
            Err(format!(
                "its token 0x{ptg:02X} at byte {at} of the formula {what}"
            ))
        };
        let n = match ptg {
            // PtgRef3d: ixti, row, column; calamine adds 1 to the row in u16.
            0x3A | 0x5A | 0x7A => {
                need(6)?;
                if OVERFLOW_CHECKS && u16_here(2) == u16::MAX {
                    return overflow("refers to row 65536");
                }
                6
            }
            // PtgArea3d, PtgAreaErr3d
            0x3B | 0x5B | 0x7B | 0x3D | 0x5D | 0x7D => 10,
            // PtgRefErr3d
            0x3C | 0x5C | 0x7C => 6,
            // PtgExp: calamine checks its operand itself.
            0x01 => {
                if left < 4 {
                    return Ok(());
                }
                4
            }
            // Operators and parentheses: no operand.
            0x03..=0x16 => 0,
            // PtgStr: calamine checks the string's length itself.
            0x17 => {
                let Some(&cch) = rgce.get(i) else {
                    return Ok(());
                };
                let cch = cch as usize;
                let len = if biff8 {
                    let Some(&flags) = rgce.get(i + 1) else {
                        return Ok(());
                    };
                    2 + if flags & 1 != 0 { 2 * cch } else { cch }
                } else {
                    1 + cch
                };
                if left < len {
                    return Ok(());
                }
                len
            }
            0x18 => 5,
            // PtgAttr: its kind, then an operand by kind.
            0x19 => {
                need(1)?;
                match rgce[i] {
                    0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x21 => 3,
                    // PtgAttrChoose: a count, then count + 1 offsets of 2 bytes.
                    0x04 => {
                        need(3)?;
                        3 + 2 * (u16_here(1) as usize + 1)
                    }
                    // PtgAttrSpace: its kind of space (calamine refuses an unknown one),
                    // then a count.
                    0x40 | 0x41 => {
                        need(2)?;
                        if rgce[i + 1] > 0x06 {
                            return Ok(());
                        }
                        3
                    }
                    _ => return Ok(()),
                }
            }
            // PtgErr: calamine refuses an unknown error code.
            0x1C => {
                need(1)?;
                if !matches!(
                    rgce[i],
                    0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B
                ) {
                    return Ok(());
                }
                1
            }
            0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x20 | 0x40 | 0x60 => 7,
            // PtgFuncVar: argument count, function; calamine refuses an unknown function.
            0x22 | 0x42 | 0x62 => {
                need(3)?;
                if u16_here(1) as usize >= FTAB_LEN {
                    return Ok(());
                }
                3
            }
            // PtgFunc: function.
            0x21 | 0x41 | 0x61 => {
                need(2)?;
                if u16_here(0) as usize >= FTAB_LEN {
                    return Ok(());
                }
                2
            }
            // PtgName: a one-based index, from which calamine subtracts 1.
            0x23 | 0x43 | 0x63 => {
                need(4)?;
                if OVERFLOW_CHECKS && u32_at(rgce, i) == 0 {
                    return overflow("names defined name 0 (they count from 1)");
                }
                4
            }
            // PtgRef: row, column; in BIFF8 calamine adds 1 to the row in u16.
            0x24 | 0x44 | 0x64 if !biff8 => 3,
            0x24 | 0x44 | 0x64 => {
                need(4)?;
                if OVERFLOW_CHECKS && u16_here(0) == u16::MAX {
                    return overflow("refers to row 65536");
                }
                4
            }
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => {
                if biff8 {
                    8
                } else {
                    6
                }
            }
            0x2A | 0x4A | 0x6A => {
                if biff8 {
                    4
                } else {
                    3
                }
            }
            0x39 | 0x59 => 6,
            // calamine does not know the token and reads no further.
            _ => return Ok(()),
        };
        need(n)?;
        i += n;
    }
    Ok(())
}

/// LBL (a defined name): name length at byte 3, formula length at 4, the name from byte 14,
/// the formula the last cce bytes; calamine reads the first token's operand unbounded.
fn lbl(r: &Record<'_>, biff8: bool) -> Result<()> {
    r.need(14, "LBL")?;
    let d = r.data;
    let cce = u16_at(d, 4) as usize;
    if cce > d.len() {
        return Err(Error::corrupt(format!(
            "an LBL record at byte {} of the workbook stream holds a formula of {cce} bytes in \
             {} bytes",
            r.at,
            d.len()
        )));
    }
    let rgce = &d[d.len() - cce..];
    let need = match (rgce.first(), biff8) {
        (Some(0x3A | 0x5A | 0x7A), true) => 7,
        (Some(0x3A | 0x5A | 0x7A), false) => 18,
        (Some(0x3B | 0x5B | 0x7B), true) => 11,
        (Some(0x3B | 0x5B | 0x7B), false) => 21,
        (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), true) => 3,
        (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), false) => 13,
        _ => 0,
    };
    if rgce.len() < need {
        return Err(Error::corrupt(format!(
            "an LBL record at byte {} of the workbook stream: its formula's token 0x{:02X} \
             needs {need} bytes, the formula has {}",
            r.at,
            rgce[0],
            rgce.len()
        )));
    }
    Ok(())
}

/// SST (the shared strings), continued by CONTINUE records: calamine reads each string's
/// header within one piece without a bound, and the first byte of the piece where the
/// string's characters go on. Returns how many strings calamine reads.
fn sst(r: &Record<'_>) -> Result<usize> {
    let mut count = 0;
    if r.data.len() < 8 {
        return Ok(count);
    }
    let mut p = Pieces {
        data: &r.data[8..],
        cont: r.cont,
    };
    let damage = |what: &str| {
        Err(Error::corrupt(format!(
            "the SST record at byte {} of the workbook stream: {what}",
            r.at
        )))
    };
    loop {
        if p.data.is_empty() && !p.next() {
            return Ok(count);
        }
        count += 1;
        if p.data.is_empty() {
            continue;
        }
        if p.data.len() < 3 {
            return Ok(count);
        }
        let cch = u16_at(p.data, 0) as usize;
        let flags = p.data[2];
        p.data = &p.data[3..];
        let mut runs = 0;
        if flags & 0x8 != 0 {
            if p.data.len() < 2 {
                return damage("a string's count of formatting runs is cut by the record's end");
            }
            runs = u16_at(p.data, 0) as usize;
            p.data = &p.data[2..];
        }
        let mut ext = 0;
        if flags & 0x4 != 0 {
            if p.data.len() < 4 {
                return damage("a string's size of phonetic data is cut by the record's end");
            }
            ext = u32_at(p.data, 0) as i32 as usize;
            p.data = &p.data[4..];
        }
        let (mut left, mut wide) = (cch, flags & 0x1 != 0);
        while left > 0 {
            let n = if wide {
                (p.data.len() / 2).min(left)
            } else {
                p.data.len().min(left)
            };
            p.data = &p.data[if wide { 2 * n } else { n }..];
            left -= n;
            if left > 0 {
                if !p.next() {
                    return Ok(count);
                }
                let Some(&flags) = p.data.first() else {
                    return damage("a string goes on into an empty CONTINUE record");
                };
                wide = flags & 0x1 != 0;
                p.data = &p.data[1..];
            }
        }
        if !p.skip(runs * 4) || !p.skip(ext) {
            return Ok(count);
        }
    }
}

/// A record's data and the CONTINUE records after it, as calamine reads them piece by piece.
struct Pieces<'a> {
    data: &'a [u8],
    /// The CONTINUE records not yet read, headers included.
    cont: &'a [u8],
}

impl Pieces<'_> {
    /// Moves to the next CONTINUE record's data; false where there is none.
    fn next(&mut self) -> bool {
        if self.cont.len() < 4 {
            return false;
        }
        let len = u16_at(self.cont, 2) as usize;
        self.data = &self.cont[4..4 + len];
        self.cont = &self.cont[4 + len..];
        true
    }

    /// Skips `n` bytes across pieces; false where they run out (calamine's error).
    fn skip(&mut self, mut n: usize) -> bool {
        while n > 0 {
            if self.data.is_empty() && !self.next() {
                return false;
            }
            let k = n.min(self.data.len());
            self.data = &self.data[k..];
            n -= k;
        }
        true
    }
}

/// One record as calamine's `RecordIter` gives it.
struct Record<'a> {
    typ: u16,
    /// Its byte in the workbook stream.
    at: usize,
    data: &'a [u8],
    /// The CONTINUE records that follow it, headers included.
    cont: &'a [u8],
}

impl Record<'_> {
    /// Refuses a record shorter than the `n` bytes calamine reads of it unchecked.
    fn need(&self, n: usize, name: &str) -> Result<()> {
        if self.data.len() < n {
            return Err(Error::corrupt(format!(
                "a {name} record at byte {} of the workbook stream has {} bytes, fewer than the \
                 {n} it is read for",
                self.at,
                self.data.len()
            )));
        }
        Ok(())
    }
}

/// The records of a stream from a byte, as calamine's `RecordIter` walks them: type and
/// length, then the data; a record followed by CONTINUE records (type 0x003C) takes them
/// along. It ends where calamine's ends or returns an error.
struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8], at: usize) -> Records<'a> {
        Records { stream, at }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let rest = &self.stream[self.at..];
        if rest.len() < 4 {
            return None;
        }
        let typ = u16_at(rest, 0);
        let len = u16_at(rest, 2) as usize;
        if rest.len() < len + 4 {
            return None;
        }
        let at = self.at;
        let data = &rest[4..4 + len];
        let cont_start = 4 + len;
        let mut end = cont_start;
        // calamine looks for CONTINUE records only while more than a header is left.
        while rest.len() - end > 4 && u16_at(rest, end) == 0x003C {
            let l = u16_at(rest, end + 2) as usize;
            if rest.len() - end < l + 4 {
                self.at = self.stream.len();
                return None;
            }
            end += 4 + l;
        }
        self.at += end;
        Some(Record {
            typ,
            at,
            data,
            cont: &rest[cont_start..end],
        })
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One record: type, length, data.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    const BOF8: [u8; 4] = [0x00, 0x06, 0x05, 0x00];

    /// A workbook stream: globals (BOF, `globals`, one BOUNDSHEET, EOF), then one sheet
    /// (BOF, `cells`, EOF).
    fn book(globals: &[Vec<u8>], cells: &[Vec<u8>]) -> Vec<u8> {
        let mut g = rec(0x0809, &BOF8);
        for r in globals {
            g.extend(r);
        }
        let sheet_at = g.len() + 4 + 9 + 4;
        let mut bs = (sheet_at as u32).to_le_bytes().to_vec();
        bs.extend([0, 0, 1, 0, b'S']);
        g.extend(rec(0x0085, &bs));
        g.extend(rec(0x000A, &[]));
        assert_eq!(g.len(), sheet_at);
        g.extend(rec(0x0809, &[0x00, 0x06, 0x10, 0x00]));
        for r in cells {
            g.extend(r);
        }
        g.extend(rec(0x000A, &[]));
        g
    }

    /// A FORMULA record of cell A1 whose value is 3, with the formula `tokens` declaring
    /// `cce` bytes.
    fn formula(cce: u16, tokens: &[u8]) -> Vec<u8> {
        let mut d = vec![0u8; 20];
        d[6..14].copy_from_slice(&3f64.to_le_bytes());
        d.extend(cce.to_le_bytes());
        d.extend(tokens);
        rec(0x0006, &d)
    }

    fn message(stream: &[u8]) -> String {
        check(stream, &Budget::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    fn passes(stream: &[u8]) -> bool {
        check(stream, &Budget::default()).is_ok()
    }

    #[test]
    fn a_sound_workbook_passes() {
        let mut sst = 1u32.to_le_bytes().to_vec();
        sst.extend(1u32.to_le_bytes());
        sst.extend([2, 0, 0, b'a', b'b']);
        let mut merge = 1u16.to_le_bytes().to_vec();
        merge.extend([0, 0, 1, 0, 0, 0, 1, 0]);
        let b = book(
            &[rec(0x0042, &[0xE8, 0x03]), rec(0x00FC, &sst)],
            &[
                rec(0x0200, &[0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0]),
                // =1+2: PtgInt 1, PtgInt 2, PtgAdd.
                formula(7, &[0x1E, 1, 0, 0x1E, 2, 0, 0x03]),
                rec(0x00E5, &merge),
            ],
        );
        assert_eq!(message(&b), "");
    }

    /// Finding 3 of docs/fuzzing.md: the formula declares more bytes than the record holds.
    #[test]
    fn a_formula_longer_than_its_record_is_refused() {
        let b = book(&[], &[formula(102, &[0x1E, 1, 0, 0, 0])]);
        let m = message(&b);
        assert!(
            m.contains("a FORMULA record at byte")
                && m.contains("holds a formula of 102 bytes in its 5 bytes"),
            "{m}"
        );
    }

    #[test]
    fn a_formula_record_without_a_formula_length_is_refused() {
        let mut d = vec![0u8; 21];
        d[6..14].copy_from_slice(&3f64.to_le_bytes());
        let m = message(&book(&[], &[rec(0x0006, &d)]));
        assert!(
            m.contains("ends before its formula's length (21 bytes)"),
            "{m}"
        );
        // Under 20 bytes calamine refuses the record itself.
        assert!(passes(&book(&[], &[rec(0x0006, &[0; 19])])));
    }

    #[test]
    fn a_token_whose_operand_runs_past_the_formula_is_refused() {
        // PtgInt needs 2 bytes; 1 is left.
        let m = message(&book(&[], &[formula(2, &[0x1E, 1])]));
        assert!(
            m.contains("its token 0x1E at byte 0 of the formula needs 2 bytes, 1 are left"),
            "{m}"
        );
        // PtgAttrChoose: 3 offsets declared, room for 1.
        let m = message(&book(&[], &[formula(6, &[0x19, 0x04, 2, 0, 0, 0])]));
        assert!(m.contains("token 0x19"), "{m}");
        // PtgArea in BIFF8 needs 8 bytes.
        let m = message(&book(&[], &[formula(5, &[0x25, 0, 0, 1, 0])]));
        assert!(
            m.contains("token 0x25 at byte 0 of the formula needs 8 bytes"),
            "{m}"
        );
    }

    #[test]
    fn tokens_calamine_refuses_end_the_walk() {
        // An unknown token, an unknown error code, an unknown function: calamine stops there
        // with an error of its own, and what follows is never read.
        for tokens in [
            &[0xFF, 0x1E][..],
            &[0x1C, 0x99, 0x1E],
            &[0x21, 0xFF, 0xFF, 0x1E],
        ] {
            let b = book(&[], &[formula(tokens.len() as u16, tokens)]);
            assert!(passes(&b), "{tokens:?}: {}", message(&b));
        }
    }

    #[test]
    fn strings_in_formulas_are_measured_by_their_flags() {
        // PtgStr "ab" in UTF-16 (flags 1): 2 + 4 bytes, then PtgBool.
        let ok = [0x17, 2, 1, b'a', 0, b'b', 0, 0x1D, 1];
        assert!(passes(&book(&[], &[formula(9, &ok)])));
        // Cut inside the string: calamine refuses the string itself.
        assert!(passes(&book(&[], &[formula(5, &ok[..5])])));
        // Cut in the next token's operand.
        let m = message(&book(&[], &[formula(8, &ok[..8])]));
        assert!(m.contains("token 0x1D at byte 7"), "{m}");
    }

    /// calamine adds 1 to a BIFF8 row in u16: where overflow is checked, row 65536 panics.
    #[test]
    fn a_reference_to_row_65536_is_refused_where_overflow_is_checked() {
        let last_row = [0x24, 0xFF, 0xFF, 0, 0xC0];
        assert_eq!(tokens(&last_row, true).is_err(), OVERFLOW_CHECKS);
        assert!(tokens(&[0x24, 0xFE, 0xFF, 0, 0xC0], true).is_ok());
        // Before BIFF8 the row has 14 bits and cannot overflow.
        assert!(tokens(&[0x24, 0xFF, 0xFF, 0], false).is_ok());
        assert_eq!(tokens(&[0x23, 0, 0, 0, 0], true).is_err(), OVERFLOW_CHECKS);
    }

    #[test]
    fn a_formula_in_an_embedded_chart_is_not_read() {
        let chart = [
            rec(0x0809, &[0x00, 0x06, 0x20, 0x00]),
            formula(102, &[0x1E, 1, 0]),
            rec(0x000A, &[]),
        ];
        assert!(passes(&book(&[], &chart)));
    }

    #[test]
    fn records_after_a_sheets_eof_are_not_read() {
        let mut b = book(&[], &[]);
        b.extend(formula(102, &[0x1E, 1, 0]));
        assert!(passes(&b));
    }

    #[test]
    fn a_continue_record_is_part_of_the_record_before_it() {
        // The CONTINUE's data would be a damaged MERGECELLS if it were read as records.
        let merge = rec(0x00E5, &[9, 0]);
        let b = book(&[], &[rec(0x0203, &[0; 14]), rec(0x003C, &merge)]);
        assert!(passes(&b));
    }

    #[test]
    fn mergecells_with_more_ranges_than_bytes_is_refused() {
        let mut d = 3u16.to_le_bytes().to_vec();
        d.extend([0; 16]);
        let m = message(&book(&[], &[rec(0x00E5, &d)]));
        assert!(m.contains("MERGECELLS record") && m.contains("lists 3 ranges in 18 bytes"));
        let m = message(&book(&[], &[rec(0x00E5, &[1])]));
        assert!(m.contains("has 1 bytes, fewer than the 2"), "{m}");
    }

    #[test]
    fn mulrk_columns_that_cannot_be_counted_are_refused() {
        let m = message(&book(
            &[],
            &[rec(0x00BD, &[0, 0, 62, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
        ));
        assert!(
            m.contains("ends at column 0, before its first column 62"),
            "{m}"
        );
        let m = message(&book(&[], &[rec(0x00BD, &[0, 0, 0, 0, 0xFF, 0xFF])]));
        assert!(m.contains("spans columns 0 to 65535"), "{m}");
    }

    #[test]
    fn dimensions_over_the_limit_are_too_large() {
        // 60000 rows of 255 columns: 15.3e6 cells, under the limit of 16 * 2^20.
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(60_000u32.to_le_bytes());
        d.extend([0, 0, 0xFF, 0, 0, 0]);
        assert!(passes(&book(&[], &[rec(0x0200, &d)])));
        // 2^20 rows of 255 columns.
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend(0x10_0000u32.to_le_bytes());
        d.extend([0, 0, 0xFF, 0, 0, 0]);
        let e = check(&book(&[], &[rec(0x0200, &d)]), &Budget::default()).unwrap_err();
        assert!(
            e.to_string()
                .contains("declares 267386880 cells, over the limit of 16777216"),
            "{e}"
        );
    }

    /// calamine counts (last + 1) - 1 - first + 1 rows in u32: a DIMENSIONS record of no
    /// rows panics where overflow is checked and reserves nothing where it is not.
    #[test]
    fn dimensions_of_no_rows_are_refused_where_overflow_is_checked() {
        let d = [5, 0, 5, 0, 0, 0, 2, 0, 0, 0];
        assert_eq!(
            check(&book(&[], &[rec(0x0200, &d)]), &Budget::default()).is_err(),
            OVERFLOW_CHECKS
        );
    }

    #[test]
    fn a_sheet_past_the_end_of_the_stream_is_refused() {
        let mut g = rec(0x0809, &BOF8);
        g.extend(rec(0x0085, &[0x00, 0x10, 0, 0, 0, 0, 1, 0, b'S']));
        g.extend(rec(0x000A, &[]));
        let m = message(&g);
        assert!(
            m.contains("puts its sheet at byte 4096, past the end of the stream (25 bytes)"),
            "{m}"
        );
        let mut g = rec(0x0809, &BOF8);
        g.extend(rec(0x0085, &[0, 0, 0, 0, 0]));
        assert!(message(&g).contains("a BOUNDSHEET record at byte 8"));
    }

    #[test]
    fn short_records_calamine_reads_two_bytes_of_are_refused() {
        for typ in [0x002F, 0x0042, 0x0022, 0x0017] {
            let m = message(&book(&[rec(typ, &[1])], &[]));
            assert!(
                m.contains("fewer than the 2 it is read for"),
                "{typ:04X}: {m}"
            );
        }
        let mut g = rec(0x0809, &[6]);
        g.extend(rec(0x000A, &[]));
        assert!(message(&g).contains("a BOF record at byte 0"));
    }

    #[test]
    fn an_encrypted_workbook_is_left_to_calamine() {
        // FILEPASS, then records that are noise until decrypted.
        let b = book(&[rec(0x002F, &[1, 0]), rec(0x00E5, &[9, 0])], &[]);
        assert!(passes(&b));
    }

    #[test]
    fn a_defined_name_whose_formula_is_longer_than_it_is_refused() {
        let mut d = vec![0u8; 14];
        d[3] = 1;
        d[4] = 40;
        d.extend([0, b'N']);
        let m = message(&book(&[rec(0x0018, &d)], &[]));
        assert!(
            m.contains("LBL record") && m.contains("formula of 40 bytes in 16"),
            "{m}"
        );
        // PtgArea3d in BIFF8 needs 11 bytes; the name's formula has 3.
        let mut d = vec![0u8; 14];
        d[3] = 1;
        d[4] = 3;
        d.extend([0, b'N', 0x3B, 0, 0]);
        let m = message(&book(&[rec(0x0018, &d)], &[]));
        assert!(
            m.contains("token 0x3B needs 11 bytes, the formula has 3"),
            "{m}"
        );
        assert!(message(&book(&[rec(0x0018, &[0; 13])], &[])).contains("LBL record"));
    }

    #[test]
    fn shared_strings_cut_inside_a_header_are_refused() {
        // A rich string (flags 8) whose count of runs is cut by the record's end.
        let mut d = vec![0u8; 8];
        d.extend([1, 0, 0x08, 5]);
        let m = message(&book(&[rec(0x00FC, &d)], &[]));
        assert!(m.contains("count of formatting runs is cut"), "{m}");
        // A string of 4 characters, 2 in the SST and the rest in an empty CONTINUE.
        let mut d = vec![0u8; 8];
        d.extend([4, 0, 0, b'a', b'b']);
        let b = book(
            &[rec(0x00FC, &d), rec(0x003C, &[])],
            &[rec(0x0203, &[0; 14])],
        );
        let m = message(&b);
        assert!(m.contains("goes on into an empty CONTINUE record"), "{m}");
        // The same string continued properly.
        let b = book(&[rec(0x00FC, &d), rec(0x003C, &[0, b'c', b'd'])], &[]);
        assert!(passes(&b), "{}", message(&b));
    }

    /// The fuzzer's input of finding 3 (docs/fuzzing.md): its directory is damaged where
    /// calamine does not look, and its FORMULA record is refused here, before calamine could
    /// panic on it.
    #[test]
    fn the_fixture_of_finding_3_is_refused_before_calamine() {
        let bytes = include_bytes!(
            "../../tests/fixtures/xls-formula-longer-than-its-record_should_be_corrupt.xls"
        );
        let stream = super::super::compound::workbook(bytes).unwrap().unwrap();
        let m = check(&stream, &Budget::default()).unwrap_err().to_string();
        assert!(
            m.contains(
                "a FORMULA record at byte 7615 of the workbook stream holds a formula \
                        of 102 bytes in its 5 bytes"
            ),
            "{m}"
        );
    }

    /// calamine lays a sheet's values out over the rectangle they span: two numbers at A1
    /// and at row 65536, column 1000 would be 65.5 million places.
    #[test]
    fn values_spread_over_more_places_than_the_budget_are_too_large() {
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0; 10]);
            rec(0x0203, &d)
        };
        let e = check(
            &book(&[], &[number(0, 0), number(0xFFFF, 999)]),
            &Budget::default(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("spreads its values over 65536×1000 places, more than 200000"),
            "{e}"
        );
        assert!(passes(&book(&[], &[number(0, 0), number(199, 999)])));
    }
}
