//! Ruling lines of a scanned page: the table's rules are found, and nothing else is. In tight
//! rows, characters' strokes reach nearly from rule to rule (十, 行), and the horizontal strokes
//! of characters set close (本年增) run together; none of them is a rule, or a cell would be
//! split through its text. Faint or broken rules, and a table cut by the page's end, keep
//! theirs.

use xxgk::ocr::{Raster, Rect, rules};

fn fill(p: &mut Raster, r: Rect, v: u8) {
    for y in r[1]..r[3] {
        for x in r[0]..r[2] {
            p.pixels[y * p.width + x] = v;
        }
    }
}

/// Rows of a tight table: 28 pixels apart, rules 2 pixels thick, from x 40 to 642.
const ROWS: [usize; 4] = [100, 128, 156, 184];
/// Its columns.
const COLS: [usize; 3] = [40, 240, 640];

fn tight_table(p: &mut Raster) {
    for &y in &ROWS {
        fill(p, [COLS[0], y, COLS[2] + 2, y + 2], 0);
    }
    for &x in &COLS {
        fill(p, [x, ROWS[0], x + 2, ROWS[3] + 2], 0);
    }
}

/// Vertical rules found, as (x, from, to), rounded.
fn verticals(p: &Raster) -> Vec<(usize, usize, usize)> {
    let (_, vs) = rules::find(p);
    vs.iter()
        .map(|r| (r.at.round() as usize, r.from, r.to))
        .collect()
}

/// Every vertical rule at a column of the table (a rule along a shaded cell widens by the
/// shading's edge, so its centre may move by a pixel or two).
fn at_columns(vs: &[(usize, usize, usize)]) -> bool {
    vs.iter()
        .all(|(x, _, _)| COLS.iter().any(|c| x.abs_diff(*c) <= 3))
}

#[test]
fn the_strokes_of_characters_in_tight_rows_are_no_rules() {
    let mut p = Raster::new(700, 260, 255);
    tight_table(&mut p);
    // 十 in the first row: a stroke from 3 pixels under the rule to 3 above the next one,
    // crossed by a bar.
    fill(&mut p, [100, 105, 103, 125], 0);
    fill(&mut p, [90, 113, 114, 116], 0);
    // 行's left stroke in the second row: plain, 3 pixels short of both rules.
    fill(&mut p, [60, 133, 62, 153], 0);
    // In the third row, the horizontal strokes of three characters set close, with gaps of 2
    // and 3 pixels, crossed by their vertical strokes.
    for (a, b) in [(300, 322), (324, 346), (349, 371)] {
        fill(&mut p, [a, 170, b, 173], 0);
        fill(&mut p, [a + 9, 160, a + 12, 181], 0);
    }
    let (hs, _) = rules::find(&p);
    for h in &hs {
        assert!(
            ROWS.iter().any(|y| (h.at - *y as f32).abs() <= 1.5),
            "a horizontal rule at y {} from {} to {}",
            h.at,
            h.from,
            h.to
        );
    }
    assert_eq!(hs.len(), ROWS.len(), "{hs:?}");
    let vs = verticals(&p);
    assert!(at_columns(&vs), "{vs:?}");
    assert_eq!(vs.len(), COLS.len(), "{vs:?}");
}

#[test]
fn a_faint_broken_short_rule_between_two_rules_is_kept() {
    let mut p = Raster::new(700, 260, 255);
    tight_table(&mut p);
    // A short rule in the second row only, grey and missing single rows.
    fill(&mut p, [440, 128, 442, 158], 160);
    fill(&mut p, [440, 145, 442, 147], 200);
    for y in [135, 149] {
        fill(&mut p, [440, y, 442, y + 1], 255);
    }
    let vs = verticals(&p);
    assert!(
        vs.iter()
            .any(|&(x, from, to)| x.abs_diff(440) <= 1 && from <= 130 && to >= 156),
        "{vs:?}"
    );
}

#[test]
fn a_table_cut_by_the_pages_end_keeps_its_side_rules_to_the_end() {
    let mut p = Raster::new(700, 400, 255);
    tight_table(&mut p);
    // The left and right borders go on past the last row's rule to the bottom of the page.
    for &x in &[COLS[0], COLS[2]] {
        fill(&mut p, [x, ROWS[3], x + 2, 400], 0);
    }
    let vs = verticals(&p);
    for &x in &[COLS[0], COLS[2]] {
        assert!(
            vs.iter()
                .any(|&(vx, from, to)| vx.abs_diff(x) <= 1 && from <= ROWS[0] + 1 && to >= 395),
            "{vs:?}"
        );
    }
}

#[test]
fn rules_along_a_shaded_row_are_kept_and_the_shading_is_no_rule() {
    let mut p = Raster::new(700, 260, 255);
    // The second row shaded as dark as a faint rule (a grey fill in a phone photo), with
    // noise either side of the rule threshold.
    fill(&mut p, [COLS[0], ROWS[1], COLS[2] + 2, ROWS[2] + 2], 168);
    for y in ROWS[1]..ROWS[2] {
        for x in (COLS[0] + (y % 3)..COLS[2]).step_by(3) {
            p.pixels[y * p.width + x] = 176;
        }
    }
    tight_table(&mut p);
    let (hs, _) = rules::find(&p);
    assert_eq!(hs.len(), ROWS.len(), "{hs:?}");
    for (h, y) in hs.iter().zip(ROWS) {
        assert!((h.at - y as f32).abs() <= 1.5, "{hs:?}");
    }
    let vs = verticals(&p);
    assert!(at_columns(&vs), "{vs:?}");
    assert_eq!(vs.len(), COLS.len(), "{vs:?}");
}
