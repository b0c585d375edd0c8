//! Path painting → ruling-line candidates: every straight piece of a stroked path, and filled
//! axis-aligned rectangles thin enough to be a drawn line. Larger fills are cell, row or text
//! backgrounds (WPS paints one per cell and per text line) and no rulings; a white fill is
//! invisible and no line either.

use super::content::Segment;

/// Most segments kept from one page.
const MAX_SEGMENTS: usize = 400_000;
/// A filled rectangle at most this thick (points) is a line.
const THIN: f32 = 2.5;

/// The straight pieces of a stroked path (curves were cut into their end points).
pub fn stroke(path: Vec<Vec<(f32, f32)>>, out: &mut Vec<Segment>) {
    for sp in path {
        for w in sp.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if out.len() < MAX_SEGMENTS && [x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
                out.push(Segment { x0, y0, x1, y1 });
            }
        }
    }
}

/// The thin filled rectangles of a filled path, as lines through their middle.
pub fn fill(path: Vec<Vec<(f32, f32)>>, white: bool, out: &mut Vec<Segment>) {
    if white {
        return;
    }
    for sp in path {
        if sp.len() < 4 || sp.len() > 6 || out.len() >= MAX_SEGMENTS {
            continue;
        }
        let xs = sp.iter().map(|p| p.0);
        let ys = sp.iter().map(|p| p.1);
        let (x0, x1) = (
            xs.clone().fold(f32::MAX, f32::min),
            xs.fold(f32::MIN, f32::max),
        );
        let (y0, y1) = (
            ys.clone().fold(f32::MAX, f32::min),
            ys.fold(f32::MIN, f32::max),
        );
        let axis_aligned = sp.iter().all(|p| {
            ((p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5)
                && ((p.1 - y0).abs() < 0.5 || (p.1 - y1).abs() < 0.5)
        });
        if !axis_aligned || ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            continue;
        }
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= THIN && w > h {
            let y = (y0 + y1) / 2.0;
            out.push(Segment {
                x0,
                y0: y,
                x1,
                y1: y,
            });
        } else if w <= THIN && h > w {
            let x = (x0 + x1) / 2.0;
            out.push(Segment {
                x0: x,
                y0,
                x1: x,
                y1,
            });
        }
    }
}
