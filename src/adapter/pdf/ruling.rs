//! Ruling lines → table lattices with merged cells.
//!
//! Producers draw borders as one stroked segment per cell edge (WPS, LibreOffice), as whole
//! stroked lines, or as very thin filled rectangles; adjacent segments overlap or leave
//! sub-point gaps. We snap horizontal and vertical segments into lines, group the lines that
//! cross into tables, take the distinct x and y positions as the lattice, and merge two
//! neighbouring places where no ruling separates them.

use super::content::Segment;

/// Distance under which two positions are one line (points).
const SNAP: f32 = 2.0;
/// Distance under which lines touch or cross.
const TOUCH: f32 = 3.0;
/// Closest two lattice lines may be: a double border is one line.
const MIN_GAP: f32 = 4.0;

/// A horizontal (`at` = y, from..to along x) or vertical (`at` = x, along y) line.
#[derive(Debug, Clone, Copy)]
struct Line {
    at: f32,
    from: f32,
    to: f32,
}

/// A cell of a table: its place, spans and box.
#[derive(Debug, Clone)]
pub struct CellBox {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub bbox: [f32; 4],
}

/// A ruled table on one page.
#[derive(Debug, Clone)]
pub struct Table {
    pub cells: Vec<CellBox>,
    pub bbox: [f32; 4],
}

fn merge(mut lines: Vec<Line>) -> Vec<Line> {
    lines.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Line> = Vec::new();
    // Lines within SNAP of one another are one line; join their overlapping or touching spans.
    let mut groups: Vec<Vec<Line>> = Vec::new();
    for l in lines {
        match groups.last_mut() {
            Some(g) if (l.at - g[0].at).abs() <= SNAP => g.push(l),
            _ => groups.push(vec![l]),
        }
    }
    for mut g in groups {
        let at = g.iter().map(|l| l.at).sum::<f32>() / g.len() as f32;
        g.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Line> = None;
        for l in g {
            cur = match cur {
                Some(c) if l.from <= c.to + TOUCH => Some(Line {
                    at,
                    from: c.from,
                    to: c.to.max(l.to),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Line { at, ..l })
                }
                None => Some(Line { at, ..l }),
            };
        }
        out.extend(cur);
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Distinct positions, snapped: each cluster becomes its mean.
fn positions(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<Vec<f32>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(c) if x - c[c.len() - 1] <= MIN_GAP => c.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.iter()
        .map(|c| c.iter().sum::<f32>() / c.len() as f32)
        .collect()
}

/// How much of `a..b` the lines at `at` (within SNAP) cover.
fn covered(lines: &[&Line], at: f32, a: f32, b: f32) -> f32 {
    lines
        .iter()
        .filter(|l| (l.at - at).abs() <= MIN_GAP)
        .map(|l| (l.to.min(b) - l.from.max(a)).max(0.0))
        .sum()
}

/// The ruled tables drawn by a page's segments.
pub fn tables(segments: &[Segment]) -> Vec<Table> {
    build(segments)
}

fn build(segments: &[Segment]) -> Vec<Table> {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in segments {
        let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
        if dy <= 1.0 && dx >= 2.0 {
            hs.push(Line {
                at: (s.y0 + s.y1) / 2.0,
                from: s.x0.min(s.x1),
                to: s.x0.max(s.x1),
            });
        } else if dx <= 1.0 && dy >= 2.0 {
            vs.push(Line {
                at: (s.x0 + s.x1) / 2.0,
                from: s.y0.min(s.y1),
                to: s.y0.max(s.y1),
            });
        }
    }
    let hs = merge(hs);
    let vs = merge(vs);
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > 4_000_000 {
        return Vec::new();
    }
    // Group lines that cross into tables.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let crosses = v.at >= h.from - TOUCH
                && v.at <= h.to + TOUCH
                && h.at >= v.from - TOUCH
                && h.at <= v.to + TOUCH;
            if crosses {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut out = Vec::new();
    let root_of: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    let mut roots = root_of.clone();
    roots.sort_unstable();
    roots.dedup();
    for root in roots {
        let th: Vec<&Line> = hs
            .iter()
            .enumerate()
            .filter(|(i, _)| root_of[*i] == root)
            .map(|(_, l)| l)
            .collect();
        let tv: Vec<&Line> = vs
            .iter()
            .enumerate()
            .filter(|(j, _)| root_of[hs.len() + j] == root)
            .map(|(_, l)| l)
            .collect();
        if th.len() < 2 || tv.len() < 2 {
            continue;
        }
        if let Some(t) = lattice(&th, &tv) {
            out.push(t);
        }
    }
    out.sort_by(|a, b| b.bbox[3].total_cmp(&a.bbox[3]));
    out
}

/// Adds the far ends of the crossing lines where they run past the outermost parallel line.
fn close(at: &mut Vec<f32>, crossing: &[&Line]) {
    let lo = at.iter().copied().fold(f32::MAX, f32::min);
    let hi = at.iter().copied().fold(f32::MIN, f32::max);
    let from = crossing.iter().map(|l| l.from).fold(f32::MAX, f32::min);
    let to = crossing.iter().map(|l| l.to).fold(f32::MIN, f32::max);
    if from < lo - MIN_GAP {
        at.push(from);
    }
    if to > hi + MIN_GAP {
        at.push(to);
    }
}

fn lattice(hs: &[&Line], vs: &[&Line]) -> Option<Table> {
    // Where a table breaks over a page its cut edge is often left unstroked (WPS): the lines
    // that run past the last crossing line close the table there.
    let mut xv: Vec<f32> = vs.iter().map(|l| l.at).collect();
    let mut yv: Vec<f32> = hs.iter().map(|l| l.at).collect();
    close(&mut yv, vs);
    close(&mut xv, hs);
    let xs = positions(xv);
    let mut ys = positions(yv);
    ys.reverse(); // top to bottom
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols < 2 {
        return None;
    }
    let place = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            let (top, bottom, left, right) = (ys[r], ys[r + 1], xs[c], xs[c + 1]);
            if c + 1 < cols && covered(vs, right, bottom, top) < 0.5 * (top - bottom) {
                union(&mut parent, place(r, c), place(r, c + 1));
            }
            if r + 1 < rows && covered(hs, bottom, left, right) < 0.5 * (right - left) {
                union(&mut parent, place(r, c), place(r + 1, c));
            }
        }
    }
    let mut spans: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, place(r, c));
            let e = spans.entry(root).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut cells: Vec<CellBox> = spans
        .values()
        .map(|&(r0, c0, r1, c1)| CellBox {
            row: r0,
            col: c0,
            row_span: r1 - r0 + 1,
            col_span: c1 - c0 + 1,
            bbox: [xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0]],
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    if cells.len() < 2 {
        return None;
    }
    Some(Table {
        cells,
        bbox: [xs[0], ys[rows], xs[cols], ys[0]],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn a_merged_header_over_two_columns() {
        // 2 rows × 2 cols; the top row has no middle border.
        let s = vec![
            seg(0.0, 100.0, 200.0, 100.0),
            seg(0.0, 50.0, 200.0, 50.0),
            seg(0.0, 0.0, 100.5, 0.0),
            seg(100.0, 0.0, 200.0, 0.0),
            seg(0.0, 0.0, 0.0, 100.0),
            seg(200.0, 0.0, 200.0, 100.0),
            seg(100.0, 0.0, 100.0, 50.0),
        ];
        let t = tables(&s);
        assert_eq!(t.len(), 1);
        let c = &t[0].cells;
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].row, c[0].col, c[0].col_span), (0, 0, 2));
    }
}
