//! Ruling lines of a scanned page: long straight runs of ink, horizontal and vertical.
//!
//! Ink is what stands out from its surroundings (a shaded cell is background). A horizontal
//! rule is a run of ink along a row, longer than any stroke of text, allowing small gaps (a
//! faint or broken print, JPEG noise); runs on adjacent rows are one rule. A vertical rule may
//! be as short as one table row: it runs unbroken from one horizontal rule to the next (text
//! strokes stop short of the rules by the cell's margin), or is long and goes on past the
//! last (a table cut by the page's end). No rule is crossed by the strokes of characters.
//! The result is handed to the PDF adapter's lattice builder as segments.

use super::raster::Raster;

/// Darker than this is part of a rule (rules may print lighter than text after a rotation).
const RULE_INK: u8 = 170;
/// Ink stands out from its surroundings by at least this much: a shaded cell (grey fill, as
/// dark as a faint rule in a phone photo) is background, and a rule along its edge is still
/// a rule.
const CONTRAST: i32 = 40;
/// A rule's faintest ink where it must be unbroken ([`solid`]).
const FAINT: u8 = 210;
/// Gaps up to this many pixels do not break a run.
const GAP: usize = 3;

/// A rule in pixels: horizontal (`at` = y, from..to along x) or vertical (`at` = x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub at: f32,
    pub from: usize,
    pub to: usize,
}

/// Whether the pixel at `(x, y)` is darker than `limit` and stands out from its surroundings:
/// darker by [`CONTRAST`] than the lightest of the four pixels 4 away along the axes.
fn ink(page: &Raster, x: usize, y: usize, limit: u8) -> bool {
    if x >= page.width || y >= page.height {
        return false;
    }
    let p = page.get(x, y);
    if p >= limit {
        return false;
    }
    let around = [
        (x.wrapping_sub(4), y),
        (x + 4, y),
        (x, y.wrapping_sub(4)),
        (x, y + 4),
    ]
    .iter()
    .filter(|&&(ax, ay)| ax < page.width && ay < page.height)
    .map(|&(ax, ay)| page.get(ax, ay))
    .max()
    .unwrap_or(255);
    i32::from(p) + CONTRAST < i32::from(around)
}

/// Runs of `dark` positions at least `min` long, allowing gaps of [`GAP`].
fn runs(dark: impl Iterator<Item = bool>, min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    for (i, d) in dark.enumerate() {
        if d {
            match start {
                Some(_) if i - last <= GAP + 1 => {}
                Some(s) => {
                    if last + 1 - s >= min {
                        out.push((s, last + 1));
                    }
                    start = Some(i);
                }
                None => start = Some(i),
            }
            last = i;
        }
    }
    if let Some(s) = start
        && last + 1 - s >= min
    {
        out.push((s, last + 1));
    }
    out
}

/// Runs on neighbouring rows (or columns) that overlap are one rule, at their mean position.
fn join(mut found: Vec<(usize, usize, usize)>) -> Vec<Rule> {
    found.sort();
    let mut groups: Vec<(Vec<usize>, usize, usize)> = Vec::new();
    for (at, from, to) in found {
        let hit = groups.iter_mut().rev().take(8).find(|g| {
            let last = *g.0.last().unwrap_or(&0);
            at <= last + 1 && from < g.2 && to > g.1
        });
        match hit {
            Some(g) => {
                g.0.push(at);
                g.1 = g.1.min(from);
                g.2 = g.2.max(to);
            }
            None => groups.push((vec![at], from, to)),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.0.len() <= 12)
        .map(|(ats, from, to)| Rule {
            at: ats.iter().sum::<usize>() as f32 / ats.len() as f32,
            from,
            to,
        })
        .collect()
}

/// Whether a run of ink is crossed by strokes: along more than a tenth of its inner length,
/// ink stands just beyond both of its sides. The run lies along row `at` from `a` to `b` when
/// `across`, along column `at` otherwise. A character's stroke as tall as a table row (事,
/// 新), or the horizontal strokes of a few characters set close (本年增), joined into one long
/// run, are crossed by the characters' other strokes; a rule keeps the cell's margin free on
/// at least one side and is no thicker than a rule (its ends, where other rules meet it, do
/// not count).
fn crossed(page: &Raster, at: usize, a: usize, b: usize, across: bool) -> bool {
    let dark = |along: usize, off: usize| {
        let (x, y) = if across { (along, off) } else { (off, along) };
        ink(page, x, y, RULE_INK)
    };
    let (inner_a, inner_b) = (a + 5, b.saturating_sub(5));
    if inner_a >= inner_b {
        return false;
    }
    let mut n = 0;
    for i in inner_a..inner_b {
        // The run's thickness here, at most a thick rule's.
        let mut lo = at;
        while lo > 0 && at - lo < 6 && dark(i, lo - 1) {
            lo -= 1;
        }
        let mut hi = at;
        while hi - at < 6 && dark(i, hi + 1) {
            hi += 1;
        }
        let before = lo >= 3 && (dark(i, lo - 2) || dark(i, lo - 3));
        let after = dark(i, hi + 2) || dark(i, hi + 3);
        // Thicker than a rule: another stroke joins the run here.
        let thick = hi - lo >= 6;
        n += ((before && after) || thick) as usize;
    }
    n * 10 > inner_b - inner_a
}

/// Whether column `x` is inked from row `a` to row `b` as a rule is: a pixel either side
/// allowed (a slight tilt), lighter ink than text counted (a thin rule in a JPEG), single rows
/// missing (noise) but no wider gap. Text keeps a margin of two pixels or more from the rules
/// however tight the row, so a character's stroke does not reach across.
fn solid(page: &Raster, x: usize, a: usize, b: usize) -> bool {
    let inked = |y: usize| (x.saturating_sub(1)..=x + 1).any(|c| ink(page, c, y, FAINT));
    let mut gap = 0;
    let mut missing = 0;
    for y in a..=b {
        if inked(y) {
            gap = 0;
        } else {
            gap += 1;
            missing += 1;
            if gap > 1 {
                return false;
            }
        }
    }
    missing * 10 <= b - a + 1
}

/// The parts of a vertical run at column `x` that are rules: from one horizontal rule it meets
/// (rows `met`, sorted) to another, through spans that are each [`solid`] from rule to rule
/// and not [`crossed`] by strokes. A character's stroke stops short of the rules by the cell's
/// margin; the small gaps a run bridges (a faint print) would otherwise join strokes of tight
/// rows, through the rules between them, into one long run.
fn between_rules(page: &Raster, x: usize, met: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for w in met.windows(2) {
        let (top, bottom) = (w[0], w[1]);
        if bottom - top < 6 || !solid(page, x, top, bottom) || crossed(page, x, top, bottom, false)
        {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.1 == top => last.1 = bottom,
            _ => out.push((top, bottom)),
        }
    }
    out.into_iter().map(|(t, b)| (t, b + 1)).collect()
}

/// Horizontal and vertical rules of an upright page.
pub fn find(page: &Raster) -> (Vec<Rule>, Vec<Rule>) {
    let (w, h) = (page.width, page.height);
    let dark = |x: usize, y: usize| ink(page, x, y, RULE_INK);
    // Longer than a line of large print: a twentieth of the page width.
    let min_h = (w / 20).max(30);
    let mut found = Vec::new();
    for y in 0..h {
        for (a, b) in runs((0..w).map(|x| dark(x, y)), min_h) {
            if !crossed(page, y, a, b, true) {
                found.push((y, a, b));
            }
        }
    }
    let hs = join(found);
    let min_v = (h / 25).max(30);
    let short_v = (h / 120).max(8);
    let mut found = Vec::new();
    for x in 0..w {
        // Rows at which horizontal rules cross this column.
        let mut cross: Vec<usize> = hs
            .iter()
            .filter(|r| r.from <= x + 3 && r.to + 3 >= x)
            .map(|r| r.at.round() as usize)
            .collect();
        cross.sort_unstable();
        for (a, b) in runs((0..h).map(|y| dark(x, y)), short_v) {
            // The horizontal rules this run meets.
            let met: Vec<usize> = cross
                .iter()
                .copied()
                .filter(|&y| y + 4 >= a && y <= b + 4)
                .collect();
            for (from, to) in between_rules(page, x, &met) {
                found.push((x, from, to));
            }
            // A long run goes on past its last crossing rule (a table cut by the page's end)
            // or starts before its first: those ends count when solid.
            if b - a >= min_v {
                let ends = match (met.first(), met.last()) {
                    (Some(&f), Some(&l)) => vec![(a, f), (l, b)],
                    _ => vec![(a, b)],
                };
                for (s, e) in ends {
                    if e > s + short_v && solid(page, x, s, e) && !crossed(page, x, s, e, false) {
                        found.push((x, s, e));
                    }
                }
            }
        }
    }
    let vs = join(found);
    (hs, vs)
}
