//! Cells read from just inside their rules: text set tight against a rule is kept whole, and a
//! cell crossed by ink (a stamp, a blot over its border) is unreadable rather than read into
//! its neighbour's place.

use xxgk::ocr::{self, Raster, Rect, cells};

use crate::common::root;

fn fixture(name: &str) -> Raster {
    let bytes = std::fs::read(root(&format!("tests/fixtures/ocr/{name}"))).unwrap();
    Raster::from_jpeg(&bytes).unwrap()
}

fn fill(p: &mut Raster, r: Rect, v: u8) {
    for y in r[1]..r[3] {
        for x in r[0]..r[2] {
            p.pixels[y * p.width + x] = v;
        }
    }
}

/// The ink of a fixture crop (a printed number), pasted with its top-left corner at `at`.
fn paste_ink(p: &mut Raster, name: &str, at: (usize, usize)) -> Rect {
    let c = fixture(name);
    let b = c.ink_box([0, 0, c.width, c.height], 1).unwrap();
    for y in b[1]..b[3] {
        for x in b[0]..b[2] {
            let (px, py) = (at.0 + x - b[0], at.1 + y - b[1]);
            p.pixels[py * p.width + px] = p.get(px, py).min(c.get(x, y));
        }
    }
    [at.0, at.1, at.0 + b[2] - b[0], at.1 + b[3] - b[1]]
}

/// A table of `rows` × `cols` cells of 110 × 60 pixels, rules 2 pixels thick; the boxes
/// between rule centres, row by row.
fn table(p: &mut Raster, rows: usize, cols: usize) -> Vec<Rect> {
    let (x0, y0, w, h) = (40, 40, 110, 60);
    for r in 0..=rows {
        fill(p, [x0, y0 + r * h, x0 + cols * w + 2, y0 + r * h + 2], 0);
    }
    for c in 0..=cols {
        fill(p, [x0 + c * w, y0, x0 + c * w + 2, y0 + rows * h + 2], 0);
    }
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (x, y) = (x0 + c * w + 1, y0 + r * h + 1);
            out.push([x, y, x + w, y + h]);
        }
    }
    out
}

#[test]
fn the_inside_starts_just_past_the_rule_so_text_against_it_is_whole() {
    let mut p = Raster::new(400, 200, 255);
    let boxes = table(&mut p, 1, 2);
    // A number set right under the top rule (rows 42.. are the first below it).
    let ink = paste_ink(&mut p, "cell-4119.jpg", (50, 42));
    let inner = cells::inside(&p, boxes[0], 5);
    assert_eq!(inner[1], 42, "{inner:?}");
    assert_eq!(inner[3], 100, "{inner:?}");
    assert_eq!((inner[0], inner[2]), (42, 150), "{inner:?}");
    assert!(
        inner[1] <= ink[1] && inner[3] >= ink[3],
        "{inner:?} {ink:?}"
    );
    // Read whole, as the number it prints.
    let lines = cells::read(&p, &boxes, 5, 22.0).unwrap();
    let texts: Vec<&str> = lines[0].iter().map(|l| l.reading.text.as_str()).collect();
    assert_eq!(texts, ["4119"], "{lines:?}");
    assert!(!lines[0][0].unreadable);
    assert!(lines[1].is_empty(), "{lines:?}");
}

#[test]
fn a_thick_rule_is_left_out_of_the_inside() {
    let mut p = Raster::new(400, 200, 255);
    let boxes = table(&mut p, 1, 2);
    // The rule under the first cell printed 4 pixels thick, and blurred on its upper side.
    fill(&mut p, [41, 98, 260, 104], 0);
    fill(&mut p, [41, 97, 260, 98], 120);
    let inner = cells::inside(&p, boxes[0], 6);
    assert_eq!(inner[3], 97, "{inner:?}");
    assert!(ocr::lines_in(&p, inner, 22.0, 1.2).is_empty());
}

#[test]
fn ink_across_a_rule_makes_the_cells_it_covers_unreadable_not_shifted() {
    let mut p = Raster::new(500, 260, 255);
    let boxes = table(&mut p, 2, 3);
    for (i, b) in boxes.iter().enumerate() {
        paste_ink(
            &mut p,
            ["cell-4119.jpg", "cell-0.jpg"][i % 2],
            (b[0] + 15, b[1] + 18),
        );
    }
    // A stamp-like blot over the rule between the second and third cells of the first row,
    // reaching down into the second row.
    let (cx, cy, r) = (260i64, 80i64, 22i64);
    for y in cy - r..=cy + r {
        for x in cx - r..=cx + r {
            if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                p.pixels[y as usize * p.width + x as usize] = 60;
            }
        }
    }
    let lines = cells::read(&p, &boxes, 5, 22.0).unwrap();
    for (i, cell) in lines.iter().enumerate() {
        let crossed = i == 1 || i == 2;
        assert!(!cell.is_empty(), "cell {i}: {lines:?}");
        assert_eq!(
            cell.iter().all(|l| l.unreadable),
            crossed,
            "cell {i}: {cell:?}"
        );
        if !crossed {
            let want = ["4119", "0"][i % 2];
            let texts: Vec<&str> = cell.iter().map(|l| l.reading.text.as_str()).collect();
            assert_eq!(texts, [want], "cell {i}");
        }
    }
}

#[test]
fn text_touching_a_rule_from_one_side_is_no_crossing() {
    let mut p = Raster::new(400, 200, 255);
    let boxes = table(&mut p, 1, 2);
    paste_ink(&mut p, "cell-4119.jpg", (50, 42));
    let inner = cells::inside(&p, boxes[0], 5);
    assert!(!cells::ink_crosses(&p, boxes[0], inner, 5, 11));
}

#[test]
fn a_cell_holding_a_stroke_no_line_was_found_in_is_unreadable_not_empty() {
    let mut p = Raster::new(400, 200, 255);
    let boxes = table(&mut p, 1, 3);
    // A one-pixel "1", too thin for the line finder, in the first cell; a few lone specks of
    // scanner noise in the second; the third printed empty.
    fill(&mut p, [90, 60, 91, 80], 0);
    for (x, y) in [(170, 55), (200, 70), (230, 90)] {
        fill(&mut p, [x, y, x + 1, y + 1], 0);
    }
    let lines = cells::read(&p, &boxes, 5, 22.0).unwrap();
    assert_eq!(lines[0].len(), 1, "{lines:?}");
    assert!(lines[0][0].unreadable, "{lines:?}");
    assert!(lines[1].is_empty(), "noise is not a stroke: {lines:?}");
    assert!(lines[2].is_empty(), "{lines:?}");
}
