//! One row's printed values to cells: by place where the input gives places (aligned through
//! the header, [`crate::align`]), by order in dumps, with SCHEMA.md's rules for lost cells and
//! run-together digits.

use crate::align::Header;
use crate::locate::{Item, Place, TAB_SPACE, Tok};
use crate::model::Origin;
use crate::text::number::{Kind, Parsed, Reading, parse_cell, split_run};

#[derive(Debug, Clone)]
pub enum CellRead {
    Value {
        parsed: Parsed,
        raw: String,
        origin: Origin,
    },
    /// Printed but not readable with certainty; the raw text of the row or cell.
    Unreadable(String),
    /// Not printed.
    Missing,
    /// Printed text that is not a number.
    Unparsed(String),
}

#[derive(Debug, Clone, Default)]
pub struct RowRead {
    pub cells: Vec<CellRead>,
    /// The one inference rule set the row (exactly one number lost, every printed number 0).
    pub inferred: bool,
    /// The row was printed without its label and placed by its order.
    pub placed_by_order: bool,
    /// The printed values fit the row's cells (as many places, or an admissible split).
    pub fits: bool,
}

/// How a row's values may be placed.
#[derive(Debug, Clone, Copy)]
pub struct Placing<'a> {
    /// The header in force for the row, if one was printed.
    pub header: Option<&'a Header>,
    /// The row's SCHEMA columns (keys of `header`'s columns).
    pub cols: &'a [&'a str],
    /// The table's tab-separated rows line up under its header.
    pub tabs_line_up: bool,
}

/// Reads one row: by place where the input gives its values places, by order otherwise.
pub fn read_row(item: &Item, kinds: &[Kind], how: Placing<'_>) -> RowRead {
    let printed: Vec<&Tok> = item
        .values
        .iter()
        .filter(|v| !v.raw.trim().is_empty())
        .collect();
    if item.placed {
        return by_place(item, kinds, how, false);
    }
    // A line's values have places when every printed one has: tab fields of a table whose
    // rows line up, or PDF runs under a printed header.
    // A row that prints nothing is placed by its empty fields.
    let tabs = item
        .values
        .iter()
        .filter(|v| printed.is_empty() || !v.raw.trim().is_empty())
        .all(|v| {
            matches!(
                v.place,
                Some(Place::Cols {
                    space: TAB_SPACE,
                    ..
                })
            )
        });
    let xs = printed
        .iter()
        .all(|v| matches!(v.place, Some(Place::X { .. })));
    if !item.values.is_empty() && tabs && how.tabs_line_up && how.header.is_some() {
        return by_place(item, kinds, how, true);
    }
    if !printed.is_empty()
        && xs
        && how
            .header
            .is_some_and(|h| h.covers(&Place::X { x0: 0.0, x1: 0.0 }))
    {
        return by_place(item, kinds, how, false);
    }
    by_order(item, kinds)
}

/// A row label printed under a positional header with nothing under any of its columns:
/// every cell is printed empty.
pub fn blank_row(n: usize, origin: &Origin) -> RowRead {
    let empty = CellRead::Value {
        parsed: Parsed {
            value: None,
            annotated: false,
            converted: false,
        },
        raw: String::new(),
        origin: origin.clone(),
    };
    RowRead {
        cells: vec![empty; n],
        fits: true,
        ..RowRead::default()
    }
}

fn parse(raw: &str, kind: Kind, origin: &Origin) -> CellRead {
    // A glyph that could not be decoded (a font with no map, a doubtful OCR reading).
    if raw.contains('\u{fffd}') {
        return CellRead::Unreadable(raw.trim().to_string());
    }
    match parse_cell(raw, kind) {
        Ok(parsed) => CellRead::Value {
            parsed,
            raw: raw.trim().to_string(),
            origin: origin.clone(),
        },
        Err(_) => CellRead::Unparsed(raw.trim().to_string()),
    }
}

fn unreadable(vals: &[&Tok], n: usize) -> RowRead {
    let raw = vals
        .iter()
        .map(|v| v.raw.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    RowRead {
        cells: vec![CellRead::Unreadable(raw); n],
        ..RowRead::default()
    }
}

/// A row whose values have places. As many places as cells: in order (Word and CMS markup
/// offset the grid columns of header and body). Otherwise under the header's labels; with no
/// header to stand under, only extra empty places at the row's ends may be dropped.
fn by_place(item: &Item, kinds: &[Kind], how: Placing<'_>, header_first: bool) -> RowRead {
    let n = kinds.len();
    let mut vals: Vec<&Tok> = item.values.iter().collect();
    if !header_first {
        // More places than cells: first drop the places of spacer columns (no text in any row).
        if vals.len() > n && vals.iter().any(|v| v.spacer) {
            vals.retain(|v| !v.spacer);
        }
        if vals.len() == n {
            return in_order(&vals, kinds);
        }
    }
    let header = how
        .header
        .filter(|h| vals.iter().any(|v| v.place.is_some_and(|p| h.covers(&p))));
    if let Some(h) = header {
        let Some(at) = h.align(&vals, how.cols) else {
            return unreadable(&vals, n);
        };
        // Under a positional header a column with nothing printed under it is a blank cell
        // of the row; a grid row with no cell there does not print it.
        let blank = blank_row(1, &item.origin).cells.remove(0);
        let cells = at
            .iter()
            .zip(kinds)
            .zip(how.cols)
            .map(|((i, k), col)| match i {
                Some(i) => parse(&vals[*i].raw, *k, &vals[*i].origin),
                None if h.is_positional() && h.cols.iter().any(|(c, _)| c == col) => blank.clone(),
                None => CellRead::Missing,
            })
            .collect();
        return RowRead {
            cells,
            fits: true,
            ..RowRead::default()
        };
    }
    while vals.len() > n && vals.last().is_some_and(|v| v.raw.trim().is_empty()) {
        vals.pop();
    }
    while vals.len() > n && vals.first().is_some_and(|v| v.raw.trim().is_empty()) {
        vals.remove(0);
    }
    if vals.len() == n {
        return in_order(&vals, kinds);
    }
    // Fewer places than cells and no header: which cell the row lost is unknown.
    unreadable(&vals, n)
}

fn in_order(vals: &[&Tok], kinds: &[Kind]) -> RowRead {
    RowRead {
        cells: vals
            .iter()
            .zip(kinds)
            .map(|(v, k)| parse(&v.raw, *k, &v.origin))
            .collect(),
        fits: true,
        ..RowRead::default()
    }
}

fn by_order(item: &Item, kinds: &[Kind]) -> RowRead {
    let n = kinds.len();
    let vals: Vec<_> = item
        .values
        .iter()
        .filter(|v| !v.raw.trim().is_empty())
        .collect();
    let origin = vals
        .first()
        .map(|v| v.origin.clone())
        .unwrap_or_else(|| item.origin.clone());
    // As many printed values as cells, each one readable: each is one cell.
    if vals.len() == n {
        let cells: Vec<CellRead> = vals
            .iter()
            .zip(kinds)
            .map(|(v, k)| parse(&v.raw, *k, &v.origin))
            .collect();
        let simple = vals.iter().all(|v| v.raw.split_whitespace().count() == 1);
        if simple
            && cells.iter().all(|c| matches!(c, CellRead::Value { .. }))
            && !has_inadmissible_zero(&vals)
        {
            return RowRead {
                cells,
                fits: true,
                ..RowRead::default()
            };
        }
    }
    let pieces: Vec<String> = vals
        .iter()
        .flat_map(|v| v.raw.split_whitespace().map(str::to_string))
        .collect();
    let raw = pieces.join(" ");
    // Digits are split between cells only where they may have run together; a dump whose
    // cells are tab-separated prints each number whole, and one lost there stays lost.
    let may_run = vals.iter().any(|v| v.run);
    let readings = if may_run {
        split_run(&pieces, kinds)
    } else {
        None
    };
    if let Some(readings) = readings {
        let cells = readings
            .into_iter()
            .zip(kinds)
            .map(|(r, k)| match r {
                Reading::Certain(v) => CellRead::Value {
                    parsed: Parsed {
                        value: Some(v),
                        annotated: false,
                        converted: is_yuan(&raw, *k),
                    },
                    raw: raw.clone(),
                    origin: origin.clone(),
                },
                Reading::Empty => CellRead::Value {
                    parsed: Parsed {
                        value: None,
                        annotated: false,
                        converted: false,
                    },
                    raw: raw.clone(),
                    origin: origin.clone(),
                },
                Reading::Uncertain => CellRead::Unreadable(raw.clone()),
            })
            .collect();
        return RowRead {
            cells,
            fits: true,
            ..RowRead::default()
        };
    }
    // The one inference: exactly one number lost and every printed number 0.
    if pieces.len() + 1 == n && pieces.iter().all(|p| p == "0") {
        let zero = |_: &Kind| CellRead::Value {
            parsed: Parsed {
                value: Some(crate::text::number::Num::Int(0)),
                annotated: false,
                converted: false,
            },
            raw: raw.clone(),
            origin: origin.clone(),
        };
        return RowRead {
            cells: kinds.iter().map(zero).collect(),
            inferred: true,
            fits: true,
            ..RowRead::default()
        };
    }
    RowRead {
        cells: vec![CellRead::Unreadable(raw); n],
        ..RowRead::default()
    }
}

fn is_yuan(raw: &str, kind: Kind) -> bool {
    let raw = raw.trim_end_matches([')', '）']);
    kind == Kind::Amount && raw.ends_with('元') && !raw.ends_with("万元")
}

/// "00" or "05" cannot be one printed number: such a row needs the splitting rules.
fn has_inadmissible_zero(vals: &[&crate::locate::Tok]) -> bool {
    vals.iter().any(|v| {
        let t = v.raw.trim();
        t.len() > 1 && t.starts_with('0') && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
    })
}
