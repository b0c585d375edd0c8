//! Small tilts of a scanned page, found and undone before the ruling lines are looked for.
//!
//! The tilt is the angle at which the page's ink, projected onto the vertical axis, is most
//! concentrated: text lines and table rules then fall into few rows. Angles up to
//! [`MAX_DEGREES`] are tried on a reduced copy, coarse then fine.

use super::raster::{INK, Raster};

/// Largest tilt looked for, in degrees either way.
pub const MAX_DEGREES: f32 = 4.0;
/// Tilts smaller than this are left alone (rotating blurs the image a little).
const NEGLIGIBLE: f32 = 0.08;

/// The page's tilt in degrees (positive: the content is turned anticlockwise).
pub fn angle(page: &Raster) -> f32 {
    // Ink positions of a copy about 800 pixels wide.
    let scale = (page.width as f32 / 800.0).max(1.0);
    let small = page.resize(
        (page.width as f32 / scale) as usize,
        (page.height as f32 / scale) as usize,
    );
    let mut ink = Vec::new();
    for y in 0..small.height {
        for x in 0..small.width {
            if small.get(x, y) < INK {
                ink.push((x as f32, y as f32));
            }
        }
    }
    if ink.len() < 50 {
        return 0.0;
    }
    let h = small.height as f32;
    let w = small.width as f32;
    let score = |deg: f32| -> f64 {
        let t = deg.to_radians().tan();
        // Row of each ink pixel once the content is turned back by `deg`.
        let n = (h + w * t.abs()) as usize + 2;
        let mut rows = vec![0u32; n];
        let off = if t < 0.0 { w * -t } else { 0.0 };
        for &(x, y) in &ink {
            let r = (y + x * t + off) as usize;
            if let Some(c) = rows.get_mut(r) {
                *c += 1;
            }
        }
        rows.iter().map(|&c| (c as f64) * (c as f64)).sum()
    };
    let best = |from: f32, to: f32, step: f32| -> f32 {
        let mut a = from;
        let (mut best_a, mut best_s) = (0.0, f64::MIN);
        while a <= to + 1e-4 {
            let s = score(a);
            if s > best_s {
                (best_a, best_s) = (a, s);
            }
            a += step;
        }
        best_a
    };
    let coarse = best(-MAX_DEGREES, MAX_DEGREES, 0.25);
    best(coarse - 0.25, coarse + 0.25, 0.025)
}

/// The page turned upright, and the angle it was turned by.
pub fn deskew(page: &Raster) -> (Raster, f32) {
    let a = angle(page);
    if a.abs() < NEGLIGIBLE {
        return (page.clone(), 0.0);
    }
    (page.rotate(-a), a)
}
