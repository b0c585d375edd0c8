//! Ruling lines of a scanned page: long straight runs of ink, horizontal and vertical.
//!
//! A horizontal rule is a run of ink pixels along a row, longer than any stroke of text,
//! allowing small gaps (a faint or broken print, JPEG noise); runs on adjacent rows are one
//! rule. A vertical rule may be as short as one table row, so a vertical run counts when it is
//! long or when both its ends meet horizontal rules (text strokes stop short of the borders).
//! The result is handed to the PDF adapter's lattice builder as segments.

use super::raster::Raster;

/// Darker than this is part of a rule (rules may print lighter than text after a rotation).
const RULE_INK: u8 = 170;
/// Gaps up to this many pixels do not break a run.
const GAP: usize = 3;

/// A rule in pixels: horizontal (`at` = y, from..to along x) or vertical (`at` = x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub at: f32,
    pub from: usize,
    pub to: usize,
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

/// Horizontal and vertical rules of an upright page.
pub fn find(page: &Raster) -> (Vec<Rule>, Vec<Rule>) {
    let (w, h) = (page.width, page.height);
    let dark = |x: usize, y: usize| page.get(x, y) < RULE_INK;
    // Longer than a line of large print: a twentieth of the page width.
    let min_h = (w / 20).max(30);
    let mut found = Vec::new();
    for y in 0..h {
        for (a, b) in runs((0..w).map(|x| dark(x, y)), min_h) {
            found.push((y, a, b));
        }
    }
    let hs = join(found);
    let min_v = (h / 25).max(30);
    let short_v = (h / 120).max(8);
    let mut found = Vec::new();
    for x in 0..w {
        for (a, b) in runs((0..h).map(|y| dark(x, y)), short_v) {
            let meets = |y: usize| {
                hs.iter()
                    .any(|r| (r.at - y as f32).abs() <= 4.0 && r.from <= x + 3 && r.to + 3 >= x)
            };
            if b - a >= min_v || (meets(a) && meets(b - 1)) {
                found.push((x, a, b));
            }
        }
    }
    let vs = join(found);
    (hs, vs)
}
