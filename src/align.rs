//! Values to SCHEMA columns through the table's header: the header rows' labels, each with its
//! place (grid columns, tab field, PDF extent), name the columns; a value belongs to the column
//! whose label it stands under (SCHEMA.md, "Values").
//!
//! A header is read from the label-only rows before a table's value rows. A label broken over
//! rows ("社会公" / "益组织", one character a line) is read from the pieces stacked in one
//! column; the lowest row's piece gives the column's place. [`Header::align`] then puts a row's
//! values under the columns, or says the row is ambiguous (two values under one label, a value
//! under no label, under a label of another row's columns): never a guess.

use crate::locate::{Item, Place, TAB_SPACE, Table, Tok};
use crate::text::fold_label;

/// More label-only rows in a run than any header prints (one character a row included): the
/// run is prose, not a header, and is not read as one.
const MAX_HEADER_ROWS: usize = 16;

/// Points within which a value's centre is too near a column band's edge to say which side.
const EDGE: f32 = 2.0;

/// The columns a header names, each at the place of its label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Column key (`issued`, `natural_person`, `review.upheld` …) and its label's place.
    pub cols: Vec<(&'static str, Place)>,
}

/// The header that applies to each item of a table, and whether the table's tab-separated rows
/// line up under it.
#[derive(Debug, Default)]
pub struct Headers {
    list: Vec<Header>,
    of_item: Vec<Option<usize>>,
    /// Every value row that prints in tab fields has its values in the header's fields and its
    /// label before them; otherwise the fields do not give places and rows are read in order.
    pub tabs_line_up: bool,
}

impl Headers {
    /// Reads the headers of a table's items: a run of rows that print labels and no values is
    /// a header when its labels name columns of the table; it applies to the rows that follow,
    /// up to the next header.
    pub fn read(items: &[Item], table: Table) -> Headers {
        let mut out = Headers {
            of_item: vec![None; items.len()],
            ..Headers::default()
        };
        let mut run: Vec<&Item> = Vec::new();
        let mut current: Option<usize> = None;
        for (i, item) in items.iter().enumerate() {
            let label_only =
                item.values.iter().all(|v| v.raw.trim().is_empty()) && !item.parts.is_empty();
            if label_only {
                // A label row that names no column after a run that is a header (a row label
                // printed with nothing under the columns) ends the header.
                let names = item
                    .parts
                    .iter()
                    .any(|p| column_of(&fold_label(p), table).is_some());
                if !names && !run.is_empty() && run.len() <= MAX_HEADER_ROWS {
                    let h = header_of(&run, table);
                    // Unless it completes labels broken over rows ("社会公益组" / "织").
                    let mut longer = run.clone();
                    longer.push(item);
                    let completes = header_of(&longer, table).cols.len() > h.cols.len();
                    if h.cols.len() >= min_columns(table) && !completes {
                        out.list.push(h);
                        current = Some(out.list.len() - 1);
                        run.clear();
                    }
                }
                run.push(item);
                out.of_item[i] = current;
                continue;
            }
            if !run.is_empty() {
                if run.len() <= MAX_HEADER_ROWS {
                    let h = header_of(&run, table);
                    if h.cols.len() >= min_columns(table) {
                        out.list.push(h);
                        current = Some(out.list.len() - 1);
                    }
                }
                run.clear();
            }
            out.of_item[i] = current;
        }
        out.tabs_line_up = out.check_tabs(items);
        out
    }

    pub fn of(&self, item: usize) -> Option<&Header> {
        self.of_item
            .get(item)
            .copied()
            .flatten()
            .map(|h| &self.list[h])
    }

    fn check_tabs(&self, items: &[Item]) -> bool {
        let field = |p: &Option<Place>| match p {
            Some(Place::Cols {
                space: TAB_SPACE,
                first,
                ..
            }) => Some(*first),
            _ => None,
        };
        for (i, item) in items.iter().enumerate() {
            let printed: Vec<&Tok> = item
                .values
                .iter()
                .filter(|v| !v.raw.trim().is_empty())
                .collect();
            if !printed.iter().any(|v| field(&v.place).is_some()) {
                continue;
            }
            let Some(h) = self.of(i) else {
                return false;
            };
            let header_fields: Vec<u32> = h
                .cols
                .iter()
                .filter_map(|(_, p)| field(&Some(*p)))
                .collect();
            let Some(&first) = header_fields.iter().min() else {
                return false;
            };
            if item
                .part_places
                .iter()
                .any(|p| field(p).is_some_and(|f| f >= first))
            {
                return false;
            }
            // The row keeps a field, empty or not, for every column of the header: a dump
            // that drops empty fields gives its values no places.
            let last = header_fields.iter().max().copied().unwrap_or(0);
            if !item
                .values
                .iter()
                .any(|v| field(&v.place).is_some_and(|f| f >= last))
            {
                return false;
            }
            if printed
                .iter()
                .any(|v| field(&v.place).is_none_or(|f| !header_fields.contains(&f)))
            {
                return false;
            }
        }
        true
    }
}

fn min_columns(table: Table) -> usize {
    match table {
        Table::Active => 1,
        Table::Applications => 2,
        Table::Review => 15,
    }
}

/// Label pieces stacked in one column over consecutive header rows.
struct Stack {
    pieces: Vec<String>,
    place: Place,
    row: usize,
}

fn same_column(a: &Place, b: &Place) -> bool {
    match (a, b) {
        (
            Place::Cols {
                space: s1,
                first: f1,
                end: e1,
            },
            Place::Cols {
                space: s2,
                first: f2,
                end: e2,
            },
        ) => s1 == s2 && f1 == f2 && e1 == e2,
        (Place::X { x0: a0, x1: a1 }, Place::X { x0: b0, x1: b1 }) => {
            let overlap = a1.min(*b1) - a0.max(*b0);
            let narrower = (a1 - a0).min(b1 - b0).max(0.1);
            overlap >= 0.5 * narrower
        }
        _ => false,
    }
}

/// The header a run of label rows prints: its pieces stacked by column, each stack named by
/// the shortest run of its lowest pieces that reads as a column label of the table.
fn header_of(rows: &[&Item], table: Table) -> Header {
    let mut stacks: Vec<Stack> = Vec::new();
    for (r, item) in rows.iter().enumerate() {
        let pieces = item
            .parts
            .iter()
            .zip(&item.part_places)
            .flat_map(|(text, place)| split_run(text, *place, table));
        for (text, place) in pieces {
            let Some(place) = &place else { continue };
            let text = fold_label(&text);
            if text.is_empty() {
                continue;
            }
            let open = stacks
                .iter_mut()
                .rev()
                .find(|s| s.row + 1 >= r && s.row < r + 1 && same_column(&s.place, place));
            match open {
                Some(s) if s.row == r => {
                    // A second piece in one column of one row (a PDF run split in two).
                    if let Some(last) = s.pieces.last_mut() {
                        last.push_str(&text);
                    }
                }
                Some(s) => {
                    if s.pieces.last() != Some(&text) {
                        s.pieces.push(text);
                    }
                    s.place = *place;
                    s.row = r;
                }
                None => stacks.push(Stack {
                    pieces: vec![text],
                    place: *place,
                    row: r,
                }),
            }
        }
    }
    let mut named: Vec<(&'static str, Place)> = Vec::new();
    for s in &stacks {
        let key = (1..=s.pieces.len()).find_map(|k| {
            let tail: String = s.pieces[s.pieces.len() - k..].concat();
            column_of(&tail, table)
        });
        if let Some(key) = key {
            named.push((key, s.place));
        }
    }
    if table == Table::Review {
        return review_header(named);
    }
    // A column named twice in one header cannot say where its values stand.
    let twice: Vec<&str> = named
        .iter()
        .filter(|(k, _)| named.iter().filter(|(j, _)| j == k).count() > 1)
        .map(|(k, _)| *k)
        .collect();
    named.retain(|(k, _)| !twice.contains(k));
    Header { cols: named }
}

/// A PDF run that holds several column labels with spaces between them ("社会公益组织 法律服务机构",
/// printed too close to be cut apart) is cut at its spaces, each word taking its share of the
/// run's extent by its characters.
fn split_run(text: &str, place: Option<Place>, table: Table) -> Vec<(String, Option<Place>)> {
    let whole = vec![(text.to_string(), place)];
    let Some(Place::X { x0, x1 }) = place else {
        return whole;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    // Labels of neighbouring columns: each names a column, or each is too long to be one
    // label spaced out ("社会公益组 法律服务机", their last characters on the next line), where
    // a spaced label's pieces are short ("自然 人", "结果 维持").
    let labels = words
        .iter()
        .all(|w| column_of(&fold_label(w), table).is_some())
        || words.iter().all(|w| w.chars().count() >= 3);
    if words.len() < 2 || !labels {
        return whole;
    }
    let total = text.trim().chars().count().max(1) as f32;
    let per = (x1 - x0) / total;
    let mut out = Vec::new();
    let mut at = 0usize;
    let trimmed = text.trim();
    for w in words {
        let start = trimmed[at..].find(w).map_or(at, |p| at + p);
        let c0 = trimmed[..start].chars().count() as f32;
        let c1 = c0 + w.chars().count() as f32;
        out.push((
            w.to_string(),
            Some(Place::X {
                x0: x0 + c0 * per,
                x1: x0 + c1 * per,
            }),
        ));
        at = start + w.len();
    }
    out
}

/// Table 四 names five columns three times: the fifteen, left to right, are the review's, the
/// direct suits' and the suits' after review, when they come in the template's order.
fn review_header(mut named: Vec<(&'static str, Place)>) -> Header {
    named.sort_by(|a, b| left(&a.1).total_cmp(&left(&b.1)));
    let kinds = ["upheld", "corrected", "other", "pending", "total"];
    if named.len() != 15
        || named
            .iter()
            .enumerate()
            .any(|(i, (k, _))| *k != kinds[i % 5])
    {
        return Header::default();
    }
    let flat = crate::normalize::schema::REVIEW_FLAT;
    Header {
        cols: named
            .into_iter()
            .enumerate()
            .map(|(i, (_, p))| (flat[i], p))
            .collect(),
    }
}

fn left(p: &Place) -> f32 {
    match p {
        Place::Cols { first, .. } => *first as f32,
        Place::X { x0, .. } => *x0,
    }
}

/// The column a folded header label names in a table, if any.
fn column_of(t: &str, table: Table) -> Option<&'static str> {
    let has = |w: &str| t.contains(w);
    match table {
        Table::Applications => {
            if has("自然人") {
                Some("natural_person")
            } else if has("商业企业") {
                Some("commercial")
            } else if has("科研机构") {
                Some("research")
            } else if has("社会公益组织") {
                Some("social_welfare")
            } else if has("法律服务机构") {
                Some("legal_service")
            } else if t == "其他" {
                Some("other_org")
            } else if t == "总计" || t == "合计" {
                Some("total")
            } else {
                None
            }
        }
        Table::Active => {
            if has("制发") {
                Some("issued")
            } else if has("废止") {
                Some("repealed")
            } else if has("现行有效") {
                Some("in_force")
            } else if has("新制作") {
                Some("made")
            } else if has("新公开") {
                Some("published")
            } else if has("公开总数") {
                Some("total_published")
            } else if has("上一年项目") || has("上年项目") {
                Some("prior_year_items")
            } else if has("增/减") || has("增减") || has("增(减)") || has("增、减") {
                Some("change")
            } else if has("处理决定") {
                Some("decisions")
            } else if has("采购项目") {
                Some("items")
            } else if has("金额") {
                Some("amount")
            } else {
                None
            }
        }
        Table::Review => {
            if has("维持") {
                Some("upheld")
            } else if has("纠正") {
                Some("corrected")
            } else if has("其他") {
                Some("other")
            } else if has("审结") {
                Some("pending")
            } else if has("总计") || has("合计") {
                Some("total")
            } else {
                None
            }
        }
    }
}

impl Header {
    /// Puts each value under the column whose label it stands under: for each of `cols` the
    /// index in `vals` of its value, `None` where the row prints nothing there. `None` for the
    /// whole row when that is ambiguous: a printed value under no label, under two, under a
    /// label that is not one of `cols`, two printed values under one label, or a value with no
    /// place. An empty place under a label is that column's printed-but-empty cell.
    pub fn align(&self, vals: &[&Tok], cols: &[&str]) -> Option<Vec<Option<usize>>> {
        // Bands reach to the neighbouring labels: one label not read would give its values to
        // a neighbour. A positional header places a row only when it names every column.
        if self.is_positional() && cols.iter().any(|c| !self.cols.iter().any(|(k, _)| k == c)) {
            return None;
        }
        let mut at: Vec<Option<usize>> = vec![None; cols.len()];
        for (i, v) in vals.iter().enumerate() {
            let printed = !v.raw.trim().is_empty();
            let col = v.place.and_then(|p| self.column(&p));
            let slot = col.and_then(|k| cols.iter().position(|c| *c == k));
            let Some(slot) = slot else {
                if printed {
                    return None;
                }
                continue;
            };
            match at[slot] {
                Some(j) if !vals[j].raw.trim().is_empty() => {
                    if printed {
                        return None;
                    }
                }
                _ => at[slot] = Some(i),
            }
        }
        Some(at)
    }

    /// The column a place stands under, if exactly one.
    fn column(&self, p: &Place) -> Option<&'static str> {
        match p {
            Place::Cols { space, first, end } => {
                let mut hit = self.cols.iter().filter(|(_, c)| match c {
                    Place::Cols {
                        space: s,
                        first: f,
                        end: e,
                    } => s == space && f < end && first < e,
                    Place::X { .. } => false,
                });
                let one = hit.next()?;
                hit.next().is_none().then_some(one.0)
            }
            Place::X { x0, x1 } => {
                let centre = (x0 + x1) / 2.0;
                let mut bands: Vec<(&'static str, f32, f32)> = self
                    .cols
                    .iter()
                    .filter_map(|(k, c)| match c {
                        Place::X { x0, x1 } => Some((*k, *x0, *x1)),
                        Place::Cols { .. } => None,
                    })
                    .collect();
                bands.sort_by(|a, b| a.1.total_cmp(&b.1));
                for (i, (k, a, b)) in bands.iter().enumerate() {
                    let lo = if i == 0 {
                        f32::NEG_INFINITY
                    } else {
                        (bands[i - 1].2 + a) / 2.0
                    };
                    let hi = bands
                        .get(i + 1)
                        .map_or(f32::INFINITY, |next| (b + next.1) / 2.0);
                    if centre >= lo && centre < hi {
                        let near_edge = centre - lo < EDGE || hi - centre < EDGE;
                        return (!near_edge).then_some(*k);
                    }
                }
                None
            }
        }
    }

    /// Whether the header places its columns by horizontal extent (PDF text).
    pub fn is_positional(&self) -> bool {
        self.cols.iter().any(|(_, c)| matches!(c, Place::X { .. }))
    }

    /// Whether the header's columns are in the coordinate space of a place.
    pub fn covers(&self, p: &Place) -> bool {
        self.cols.iter().any(|(_, c)| match (c, p) {
            (Place::Cols { space: a, .. }, Place::Cols { space: b, .. }) => a == b,
            (Place::X { .. }, Place::X { .. }) => true,
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(space: u32, first: u32, end: u32) -> Option<Place> {
        Some(Place::Cols { space, first, end })
    }

    fn row(parts: &[(&str, Option<Place>)], values: &[(&str, Option<Place>)]) -> Item {
        let mut item = Item::default();
        for (t, p) in parts {
            item.parts.push(t.to_string());
            item.part_places.push(*p);
        }
        for (t, p) in values {
            item.values.push(Tok {
                raw: t.to_string(),
                place: *p,
                ..Tok::default()
            });
        }
        item
    }

    #[test]
    fn a_label_broken_over_rows_names_its_column_and_the_lowest_row_places_it() {
        let items = vec![
            row(
                &[
                    ("申请人情况", cols(0, 0, 1)),
                    ("自然 人", cols(0, 1, 2)),
                    ("法人或其他组织", cols(0, 2, 7)),
                    ("总计", cols(0, 7, 8)),
                ],
                &[],
            ),
            row(
                &[
                    ("商业", cols(0, 2, 3)),
                    ("科研", cols(0, 3, 4)),
                    ("社会公", cols(0, 4, 5)),
                    ("法律服", cols(0, 5, 6)),
                    ("其他", cols(0, 6, 7)),
                ],
                &[],
            ),
            row(
                &[
                    ("企业", cols(0, 2, 3)),
                    ("机构", cols(0, 3, 4)),
                    ("益组织", cols(0, 4, 5)),
                    ("务机构", cols(0, 5, 6)),
                ],
                &[],
            ),
            row(&[("一、本年新收", cols(0, 0, 1))], &[("3", cols(0, 1, 2))]),
        ];
        let h = Headers::read(&items, Table::Applications);
        let h = h.of(3).unwrap();
        let keys: Vec<&str> = h.cols.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "natural_person",
                "total",
                "commercial",
                "research",
                "social_welfare",
                "legal_service",
                "other_org"
            ]
        );
    }

    #[test]
    fn a_row_that_lost_a_middle_cell_keeps_its_values_under_their_labels() {
        let h = Header {
            cols: vec![
                (
                    "issued",
                    Place::Cols {
                        space: 1,
                        first: 1,
                        end: 2,
                    },
                ),
                (
                    "repealed",
                    Place::Cols {
                        space: 1,
                        first: 2,
                        end: 3,
                    },
                ),
                (
                    "in_force",
                    Place::Cols {
                        space: 1,
                        first: 3,
                        end: 4,
                    },
                ),
            ],
        };
        let a = Tok {
            raw: "33".into(),
            place: cols(1, 1, 2),
            ..Tok::default()
        };
        let b = Tok {
            raw: "133".into(),
            place: cols(1, 3, 4),
            ..Tok::default()
        };
        let at = h
            .align(&[&a, &b], &["issued", "repealed", "in_force"])
            .unwrap();
        assert_eq!(at, [Some(0), None, Some(1)]);
        // Two printed values under one label: ambiguous, never a guess.
        let c = Tok {
            raw: "5".into(),
            place: cols(1, 1, 2),
            ..Tok::default()
        };
        assert_eq!(
            h.align(&[&a, &c], &["issued", "repealed", "in_force"]),
            None
        );
        // A value spanning two labels.
        let d = Tok {
            raw: "5".into(),
            place: cols(1, 1, 3),
            ..Tok::default()
        };
        assert_eq!(h.align(&[&d], &["issued", "repealed", "in_force"]), None);
    }

    #[test]
    fn a_pdf_value_stands_in_the_band_of_its_label_unless_near_an_edge() {
        let h = Header {
            cols: vec![
                (
                    "issued",
                    Place::X {
                        x0: 200.0,
                        x1: 260.0,
                    },
                ),
                (
                    "repealed",
                    Place::X {
                        x0: 300.0,
                        x1: 360.0,
                    },
                ),
                (
                    "in_force",
                    Place::X {
                        x0: 400.0,
                        x1: 460.0,
                    },
                ),
            ],
        };
        let at = |x0: f32, x1: f32| {
            let t = Tok {
                raw: "7".into(),
                place: Some(Place::X { x0, x1 }),
                ..Tok::default()
            };
            h.align(&[&t], &["issued", "repealed", "in_force"])
        };
        assert_eq!(at(420.0, 430.0), Some(vec![None, None, Some(0)]));
        assert_eq!(at(330.0, 335.0), Some(vec![None, Some(0), None]));
        // Centre 280: the midpoint between 260 and 300 is the edge.
        assert_eq!(at(278.0, 282.0), None);
    }
}
