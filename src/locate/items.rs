//! The document model flattened into one stream of items: a label with the values printed
//! after it. Grids give one item a row; lines are cut at their labels, so a tab-separated dump,
//! a line of positioned PDF fragments and a crawler's run-together text all come out the same
//! way. Every value and every label piece keeps its place in its source ([`Place`]: a grid's
//! columns, a tab dump's field, a PDF run's horizontal extent) for the alignment of values to
//! the header's columns ([`crate::align`]); a value without a place is read in order.

use crate::model::{Block, Document, Grid, Line, Origin};
use crate::text::fold_width;
use crate::text::number::{Kind, is_empty_mark, parse_cell};

/// Where a label piece or value stands in its source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// Columns `first..end` of a grid, or fields of a tab dump, in coordinate space `space`
    /// (one per grid; [`TAB_SPACE`] for every tab-separated line of the document).
    Cols { space: u32, first: u32, end: u32 },
    /// Horizontal extent on the page, in points (PDF text without ruling lines).
    X { x0: f32, x1: f32 },
}

/// The coordinate space of tab-separated fields.
pub const TAB_SPACE: u32 = u32::MAX;

/// A label and the values printed after it.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Label pieces, outermost first (a grid row's merged group cells come first).
    pub parts: Vec<String>,
    /// The place of each label piece, where the input gives one (same length as `parts`).
    pub part_places: Vec<Option<Place>>,
    pub values: Vec<Tok>,
    /// A grid row: every place of the row is a value (empty places are printed-but-empty cells).
    pub placed: bool,
    pub origin: Origin,
    /// Built from a plain text line with a label and no values yet: the lines that follow with
    /// one value each are its cells (a dump that prints one cell a line).
    open: bool,
}

/// One printed value: a cell's text, or a run of a dump that may hold several.
#[derive(Debug, Clone, Default)]
pub struct Tok {
    pub raw: String,
    pub origin: Origin,
    /// The place is in a column of its grid where no cell with text starts: a spacer column,
    /// dropped when a row has more places than cells.
    pub spacer: bool,
    /// Cut from running text, where the separators between cells may be lost and digits of
    /// adjacent cells run together. A tab-separated fragment or a grid cell is one printed
    /// cell: its digits are one number.
    pub run: bool,
    /// Where the value stands, if the input says: `None` means read in order.
    pub place: Option<Place>,
}

impl Item {
    pub fn label(&self) -> String {
        self.parts.join(" ")
    }

    fn push_part(&mut self, text: String, place: Option<Place>) {
        self.parts.push(text);
        self.part_places.push(place);
    }
}

/// Flattens a document into items, in document order.
pub fn items(doc: &Document) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Line(l) => line_items(l, &mut out),
            Block::Grid(g) => grid_items(g, u32::try_from(i).unwrap_or(u32::MAX - 1), &mut out),
        }
    }
    out
}

/// Whether a cell or fragment's whole text is a value (a number, with a note or unit, or a
/// mark of an empty cell).
pub fn is_value_like(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || is_empty_mark(t) {
        return true;
    }
    parse_cell(t, Kind::Amount).is_ok() || parse_cell(t, Kind::Change).is_ok()
}

/// Whether a text holds no letter, digit or ideograph: undecodable characters (U+FFFD),
/// marks and spaces only.
fn is_wordless(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

fn grid_items(g: &Grid, space: u32, out: &mut Vec<Item>) {
    let layout = g.layout();
    let mut has_text = vec![false; g.cols];
    for c in &g.cells {
        if !c.text.trim().is_empty() && c.col < g.cols {
            has_text[c.col] = true;
        }
    }
    let cols = |c: &crate::model::Cell| Place::Cols {
        space,
        first: c.col as u32,
        end: (c.col + c.col_span.max(1)) as u32,
    };
    for (r, row) in layout.iter().enumerate() {
        let unplaced = g.unplaced_rows.contains(&r);
        let mut seen: Vec<usize> = Vec::new();
        for idx in row.iter().flatten() {
            if seen.last() != Some(idx) && !seen.contains(idx) {
                seen.push(*idx);
            }
        }
        // The label ends at the last cell that holds text and is not a value. A cell with no
        // character a label is written in (wholly undecodable: a doubtful OCR reading, a glyph
        // with no map; or marks alone, a misread `_`) is a value that cannot be read, not
        // label: the values before it keep their places.
        let last_label = seen.iter().rposition(|&i| {
            let t = g.cells[i].text.trim();
            !t.is_empty() && !is_value_like(t) && !is_wordless(t)
        });
        let mut item = Item {
            placed: !unplaced,
            ..Item::default()
        };
        let value_from = last_label.map_or(0, |p| p + 1);
        for (k, &i) in seen.iter().enumerate() {
            let c = &g.cells[i];
            if k < value_from {
                let t = c.text.trim();
                if !t.is_empty() {
                    item.push_part(t.to_string(), Some(cols(c)));
                }
            } else if c.row == r {
                if unplaced && c.text.trim().is_empty() {
                    continue;
                }
                item.values.push(Tok {
                    raw: c.text.clone(),
                    origin: c.origin.clone(),
                    spacer: c.col_span.max(1) == 1 && !has_text.get(c.col).copied().unwrap_or(true),
                    run: false,
                    place: (!unplaced).then(|| cols(c)),
                });
            }
        }
        if let Some(&first) = seen.first() {
            item.origin = g.cells[first].origin.clone();
            if item.origin.page.is_none() {
                item.origin.page = g.page;
            }
        }
        if !item.parts.is_empty() || !item.values.is_empty() {
            out.push(item);
        }
    }
}

/// The place a line's piece gives its values: a tab field, or a PDF run's extent.
fn piece_place(field: Option<u32>, origin: &Origin) -> Option<Place> {
    if let Some(f) = field {
        return Some(Place::Cols {
            space: TAB_SPACE,
            first: f,
            end: f + 1,
        });
    }
    origin.bbox.map(|b| Place::X { x0: b[0], x1: b[2] })
}

fn line_items(l: &Line, out: &mut Vec<Item>) {
    // Without tab fragments the line is running text: its values are runs, not cells.
    let running_text = l.fragments.is_empty();
    // A plain dump line holding one number and nothing else is the next cell of the row whose
    // label stood alone on a line before it.
    if running_text && l.origin.bbox.is_none() {
        let t = l.text.trim();
        if !t.is_empty() && t.split_whitespace().count() == 1 && is_value_like(t) {
            if let Some(prev) = out.last_mut().filter(|p| p.open) {
                prev.values.push(Tok {
                    raw: t.to_string(),
                    origin: l.origin.clone(),
                    spacer: false,
                    run: false,
                    place: None,
                });
                return;
            }
        }
    }
    let pieces: Vec<(&str, &Origin, Option<Place>)> = if l.fragments.is_empty() {
        vec![(l.text.as_str(), &l.origin, None)]
    } else {
        l.fragments
            .iter()
            .map(|f| (f.text.as_str(), &f.origin, piece_place(f.field, &f.origin)))
            .collect()
    };
    let mut cur = Item {
        origin: l.origin.clone(),
        ..Item::default()
    };
    let push_label =
        |cur: &mut Item, out: &mut Vec<Item>, text: &str, origin: &Origin, place: Option<Place>| {
            let t = text.trim();
            if t.is_empty() {
                return;
            }
            if !cur.values.is_empty() {
                out.push(std::mem::take(cur));
                cur.origin = origin.clone();
            }
            cur.push_part(t.to_string(), place);
        };
    let tabbed = l.fragments.iter().any(|f| f.field.is_some());
    for (text, origin, place) in pieces {
        if text.trim().is_empty() {
            // An empty tab field after the line's first text is a printed-but-empty cell at
            // its place.
            if tabbed && (!cur.parts.is_empty() || !cur.values.is_empty()) {
                cur.values.push(Tok {
                    raw: String::new(),
                    origin: origin.clone(),
                    spacer: false,
                    run: false,
                    place,
                });
            }
            continue;
        }
        if is_value_like(text) {
            cur.values.push(Tok {
                raw: text.trim().to_string(),
                origin: origin.clone(),
                spacer: false,
                run: running_text,
                place,
            });
            continue;
        }
        let segs = segment(text);
        let n_values = segs.iter().filter(|s| matches!(s, Seg::Value(_))).count();
        for seg in segs {
            match seg {
                Seg::Label(s) => push_label(&mut cur, out, &s, origin, place),
                Seg::Value(s) => {
                    // A value cut from a piece that holds more keeps the piece's place only
                    // where the place is a field (a tab cell "行政许可 97" is field-exact) and
                    // the value is one number; a PDF run's extent covers its label too.
                    let one = n_values == 1 && s.split_whitespace().count() == 1;
                    let keep = one && matches!(place, Some(Place::Cols { .. }));
                    cur.values.push(Tok {
                        raw: s,
                        origin: origin.clone(),
                        spacer: false,
                        run: running_text,
                        place: if keep { place } else { None },
                    })
                }
            }
        }
    }
    cur.open = running_text && l.origin.bbox.is_none() && cur.values.is_empty();
    if !cur.parts.is_empty() || !cur.values.is_empty() {
        out.push(cur);
    }
}

#[derive(Debug, PartialEq)]
enum Seg {
    Label(String),
    Value(String),
}

/// Cuts text into label and value runs. Digits belong to the label when they number it
/// ("2.其他…", "（1）"), or count years, dates and documents ("2023年", "60号"). A value run
/// is a sequence of pieces separated by spaces: numbers ("7730.28", "-3", "减少1", "251000元")
/// and marks of empty cells ("—", "/").
fn segment(text: &str) -> Vec<Seg> {
    let chars: Vec<char> = fold_width(text).chars().collect();
    let mut out: Vec<Seg> = Vec::new();
    let mut label = String::new();
    let mut i = 0;
    while i < chars.len() {
        let at_boundary = i == 0 || chars[i - 1].is_whitespace();
        let starts_digits = chars[i].is_ascii_digit();
        let starts_other =
            at_boundary && piece_end(&chars, i).is_some_and(|e| e > i) && !starts_digits;
        if !starts_digits && !starts_other {
            label.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: pieces with spaces between them.
        let start = i;
        let mut splits: Vec<usize> = Vec::new();
        let mut j = match piece_end(&chars, i) {
            Some(e) => e,
            None => {
                label.push(chars[i]);
                i += 1;
                continue;
            }
        };
        loop {
            let mut k = j;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            if k > j && k < chars.len() {
                if let Some(e) = piece_end(&chars, k) {
                    // A mark must stand alone: followed by a space, a number or the end.
                    j = e;
                    continue;
                }
            }
            // A sign straight after digits starts the next cell's signed number
            // ("35-15": 35 and −15); a number never holds a sign inside it.
            if k == j
                && j > start
                && chars[j - 1].is_ascii_digit()
                && matches!(chars.get(j), Some('-' | '+' | '−'))
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                splits.push(j);
                let mut e = j + 1;
                while e < chars.len() && chars[e].is_ascii_digit() {
                    e += 1;
                }
                j = e;
                continue;
            }
            break;
        }
        let next = chars.get(j).copied();
        let after = chars.get(j + 1).copied();
        let prev = if start > 0 {
            Some(chars[start - 1])
        } else {
            None
        };
        let last_is_digit = j > start && chars[j - 1].is_ascii_digit();
        // "2.其他" / "2、重复申请": the last digit numbers the next label.
        let numbering = last_is_digit
            && matches!(next, Some('.' | '、' | '．'))
            && after.is_some_and(|a| !a.is_ascii_digit());
        let end = if numbering { j - 1 } else { j };
        let bound_to_label = starts_digits
            && (matches!(
                next,
                Some(
                    '年' | '月'
                        | '日'
                        | '号'
                        | '期'
                        | '届'
                        | '时'
                        | '%'
                        | '个'
                        | '岁'
                        | '万'
                        | '亿'
                        | '件'
                        | '条'
                        | '人'
                        | '次'
                        | '篇'
                        | '场'
                        | '项'
                )
            ) && !matches!((next, after), (Some('万'), Some('元')))
                || matches!(
                    prev,
                    Some(
                        '(' | '（'
                            | '第'
                            | '〔'
                            | '['
                            | '【'
                            | ':'
                            | '：'
                            | '-'
                            | '/'
                            | '.'
                            | '@'
                            | '_'
                    )
                )
                || prev.is_some_and(|p| p.is_ascii_alphabetic()));
        if bound_to_label {
            label.extend(&chars[start..j]);
            i = j;
            continue;
        }
        let mut value = String::new();
        for (k, c) in chars[start..end].iter().enumerate() {
            if splits.contains(&(start + k)) {
                value.push(' ');
            }
            value.push(*c);
        }
        let mut value = value.trim().to_string();
        let mut resume = end;
        if !numbering {
            if next == Some('元') {
                value.push('元');
                resume = j + 1;
            } else if next == Some('万') && after == Some('元') {
                value.push_str("万元");
                resume = j + 2;
            }
        }
        if !value.is_empty() {
            if !label.trim().is_empty() {
                out.push(Seg::Label(std::mem::take(&mut label)));
            }
            label.clear();
            out.push(Seg::Value(value));
        }
        if numbering {
            // The numbering digit starts the next label.
            label.extend(&chars[end..j]);
            i = j;
        } else {
            i = resume.max(start + 1);
        }
    }
    if !label.trim().is_empty() {
        out.push(Seg::Label(label));
    }
    out
}

/// The end of one value piece starting at `i`, if one starts there: a number (digits with
/// inner '.' or ','), a signed number ("-3", "+12", "减少3"), or an empty-cell mark standing
/// alone ("—", "-", "/").
fn piece_end(chars: &[char], i: usize) -> Option<usize> {
    let digits_from = |mut k: usize| -> usize {
        while k < chars.len() {
            let d = chars[k];
            let inner = (d == '.' || d == ',')
                && k + 1 < chars.len()
                && chars[k + 1].is_ascii_digit()
                && k > 0
                && chars[k - 1].is_ascii_digit();
            if d.is_ascii_digit() || inner {
                k += 1;
            } else {
                break;
            }
        }
        k
    };
    let c = *chars.get(i)?;
    if c.is_ascii_digit() {
        return Some(digits_from(i));
    }
    let at_boundary = i == 0 || chars[i - 1].is_whitespace();
    if !at_boundary {
        return None;
    }
    if matches!(c, '+' | '-' | '−') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        return Some(digits_from(i + 1));
    }
    if (c == '减' && chars.get(i + 1) == Some(&'少')
        || c == '增' && chars.get(i + 1) == Some(&'加'))
        && chars.get(i + 2).is_some_and(char::is_ascii_digit)
    {
        return Some(digits_from(i + 2));
    }
    let mark_len = if c == '—' && chars.get(i + 1) == Some(&'—') {
        2
    } else {
        1
    };
    if matches!(c, '—' | '-' | '/' | '–') {
        let e = i + mark_len;
        if e == chars.len() || chars[e].is_whitespace() {
            return Some(e);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(s: &str) -> Vec<String> {
        segment(s)
            .into_iter()
            .map(|x| match x {
                Seg::Label(l) => format!("L:{l}"),
                Seg::Value(v) => format!("V:{v}"),
            })
            .collect()
    }

    #[test]
    fn cuts_a_run_together_dump_at_its_labels() {
        assert_eq!(
            segs("规章000规范性文件898989第二十条第（五）项"),
            [
                "L:规章",
                "V:000",
                "L:规范性文件",
                "V:898989",
                "L:第二十条第(五)项"
            ]
        );
        assert_eq!(
            segs("1.属于国家秘密00000002.其他法律"),
            ["L:1.属于国家秘密", "V:0000000", "L:2.其他法律"]
        );
        assert_eq!(
            segs("（六）其他处理0 0 0 0 0 00（七）总计"),
            ["L:(六)其他处理", "V:0 0 0 0 0 00", "L:(七)总计"]
        );
        assert_eq!(
            segs("政府集中采购13575394432.52元三、收到"),
            ["L:政府集中采购", "V:13575394432.52元", "L:三、收到"]
        );
        assert_eq!(segs("2019年1月1日起"), ["L:2019年1月1日起"]);
        assert_eq!(
            segs("行政事业性收费35-15政府集中采购"),
            ["L:行政事业性收费", "V:35 -15", "L:政府集中采购"]
        );
        assert_eq!(segs("行政许可 97"), ["L:行政许可 ", "V:97"]);
        assert_eq!(
            segs("行政许可 150 -3 2210"),
            ["L:行政许可 ", "V:150 -3 2210"]
        );
        assert_eq!(segs("行政强制 8 — 12"), ["L:行政强制 ", "V:8 — 12"]);
        assert_eq!(
            segs("行政事业性收费 5 减少1"),
            ["L:行政事业性收费 ", "V:5 减少1"]
        );
        assert_eq!(
            segs("第二十条第（一）项 - 信息内容"),
            ["L:第二十条第(一)项 ", "V:-", "L: 信息内容"]
        );
    }
}
