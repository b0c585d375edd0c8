//! The inside of a ruled cell: its box between rule centres, each edge moved just past the
//! pixels of its rule.
//!
//! A fixed inset either leaves a thick rule's edge in the crop or cuts the top of text set
//! tight against a thin one (small cells of office prints). Instead each edge is walked inward
//! from the rule's centre while the line of pixels along it is mostly dark (the rule, its
//! blurred fringe), and the inside starts at the first line that is not: text touching the
//! rule is kept whole, the rule itself is left out.

use super::raster::{Raster, Rect};
/// Darker than this is part of a rule or its fringe.
const FRINGE: u8 = 200;
/// A line of pixels along an edge is rule when at least this share of it is that dark, alone
/// or together with the line before it (a thin rule turned by a deskew spreads over two lines,
/// each dark along part of the edge).
const RULE_SHARE: f32 = 0.85;

/// Which positions `from..to` of the row `at` (of the column when `row` is false) are dark.
fn dark_line(page: &Raster, at: usize, from: usize, to: usize, row: bool) -> Vec<bool> {
    (from..to)
        .map(|i| {
            let (x, y) = if row { (i, at) } else { (at, i) };
            x < page.width && y < page.height && page.get(x, y) < FRINGE
        })
        .collect()
}

fn share(dark: &[bool]) -> f32 {
    dark.iter().filter(|&&d| d).count() as f32 / dark.len().max(1) as f32
}

/// The first line inside a rule centred at `centre`, walking `inward` (+1 or −1); lines are
/// rows when `row`, measured between `from..to`. `reach` bounds the walk (a rule is never
/// thicker); with no dark line found (a faint or broken print) the edge is two pixels inside
/// the centre.
fn past_rule(
    page: &Raster,
    centre: usize,
    inward: isize,
    reach: usize,
    (from, to): (usize, usize),
    row: bool,
) -> usize {
    let limit = if row { page.height } else { page.width } as isize;
    let mut edge = centre as isize + 2 * inward;
    if from >= to {
        return edge.clamp(0, limit) as usize;
    }
    let mut seen = false;
    // The line before, when it was dark along part of the edge only.
    let mut partial: Option<Vec<bool>> = None;
    for k in -2..=reach as isize {
        let at = centre as isize + inward * k;
        if at < 0 || at >= limit {
            continue;
        }
        let dark = dark_line(page, at as usize, from, to, row);
        let alone = share(&dark);
        let together = partial.as_ref().map_or(0.0, |p| {
            let both: Vec<bool> = p.iter().zip(&dark).map(|(a, b)| *a || *b).collect();
            share(&both)
        });
        // A line dark along half the edge right after the rule is its fringe.
        let fringe = seen && alone >= 0.5;
        if alone >= RULE_SHARE || fringe || (alone >= 0.25 && together >= RULE_SHARE) {
            seen = true;
            edge = at + inward;
        } else if seen {
            break;
        }
        partial = (alone < RULE_SHARE).then_some(dark);
    }
    edge.clamp(0, limit) as usize
}

/// The inside of the cell whose rules are centred on the edges of `cell` (pixels of an
/// upright page): each side starts at the first line of pixels past its rule. `reach` is the
/// thickest a rule may be, in pixels. The result may be empty (`x0 >= x1` or `y0 >= y1`).
pub fn inside(page: &Raster, cell: Rect, reach: usize) -> Rect {
    let [x0, y0, x1, y1] = cell;
    // Measure rows away from the side rules, and columns away from the top and bottom ones.
    let m = reach + 2;
    let xs = (x0 + m, x1.saturating_sub(m));
    let top = past_rule(page, y0, 1, reach, xs, true);
    let bottom = past_rule(page, y1, -1, reach, xs, true) + 1;
    let ys = (top, bottom);
    let left = past_rule(page, x0, 1, reach, ys, false);
    let right = past_rule(page, x1, -1, reach, ys, false) + 1;
    [left, top, right, bottom]
}

/// Whether ink runs across one of the cell's rules: along some edge, at least `min` positions
/// hold ink both on the first lines inside the cell and on the first lines beyond its rule (a
/// stamp, a blot, a stroke of a neighbour's text printed over the border). Text set against a
/// rule touches it from one side only. `cell` is the box between rule centres, `inner` its
/// [`inside`], `reach` the thickest a rule may be.
pub fn ink_crosses(page: &Raster, cell: Rect, inner: Rect, reach: usize, min: usize) -> bool {
    let [x0, y0, x1, y1] = cell;
    let [ix0, iy0, ix1, iy1] = inner;
    if ix0 >= ix1 || iy0 >= iy1 {
        return false;
    }
    let ink = |x: usize, y: usize| {
        x < page.width && y < page.height && page.get(x, y) < super::raster::INK
    };
    // `first` is the cell's first line inside the rule centred at `centre`, `inward` the
    // direction into the cell; lines are rows when `row`, positions `from..to` along them.
    let across = |centre: usize, first: usize, inward: isize, row: bool, span: (usize, usize)| {
        let beyond = past_rule(page, centre, -inward, reach, span, row) as isize;
        let line = |at: isize, i: usize| {
            at >= 0 && {
                let at = at as usize;
                if row { ink(i, at) } else { ink(at, i) }
            }
        };
        let first = first as isize;
        (span.0..span.1)
            .filter(|&i| {
                (line(first, i) || line(first + inward, i))
                    && (line(beyond, i) || line(beyond - inward, i))
            })
            .count()
            >= min
    };
    across(y0, iy0, 1, true, (ix0, ix1))
        || across(y1, iy1 - 1, -1, true, (ix0, ix1))
        || across(x0, ix0, 1, false, (iy0, iy1))
        || across(x1, ix1 - 1, -1, false, (iy0, iy1))
}

/// Ink pixels of an area that touch another ink pixel: strokes, not the lone specks of
/// scanner noise.
pub fn stroke_ink(page: &Raster, r: Rect) -> usize {
    let [x0, y0, x1, y1] = r;
    let (x1, y1) = (x1.min(page.width), y1.min(page.height));
    let ink = |x: usize, y: usize| page.get(x, y) < super::raster::INK;
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            if !ink(x, y) {
                continue;
            }
            let touches = (y > y0 && ink(x, y - 1))
                || (y + 1 < y1 && ink(x, y + 1))
                || (x > x0 && ink(x - 1, y))
                || (x + 1 < x1 && ink(x + 1, y));
            n += touches as usize;
        }
    }
    n
}

/// Reads the cells of a ruled table: each from the inside of its rules ([`inside`]), every
/// line of text in it. A cell crossed by ink ([`ink_crosses`]) is unreadable as a whole: its
/// lines (or, holding none, its inside) come back marked so, for a value read there might
/// belong to a neighbour. `cells` are boxes between rule centres; `reach` the thickest a rule
/// may be and `em` the size of body text, in pixels.
pub fn read(
    page: &Raster,
    cells: &[Rect],
    reach: usize,
    em: f32,
) -> crate::error::Result<Vec<Vec<super::TextLine>>> {
    let inner: Vec<Rect> = cells.iter().map(|&c| inside(page, c, reach)).collect();
    let boxes: Vec<(Rect, bool)> = inner.iter().map(|&r| (r, true)).collect();
    let mut out = super::read_boxes(page, &boxes, em, 1.2)?;
    let min = ((em * 0.5) as usize).max(4);
    for ((lines, &cell), &r) in out.iter_mut().zip(cells).zip(&inner) {
        let crossed = ink_crosses(page, cell, r, reach, min);
        // A cell in which no line of text was found but which holds strokes (a one-pixel
        // "1", a faint digit) is not printed empty: unreadable, never 0 or null.
        let lost = lines.is_empty() && stroke_ink(page, r) >= min;
        if !crossed && !lost {
            continue;
        }
        for l in lines.iter_mut() {
            l.unreadable = true;
        }
        if lines.is_empty() && r[0] < r[2] && r[1] < r[3] {
            lines.push(super::TextLine {
                rect: r,
                reading: super::Reading {
                    text: String::new(),
                    confidence: 0.0,
                },
                numeric: true,
                unreadable: true,
            });
        }
    }
    Ok(out)
}
