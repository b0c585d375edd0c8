//! The certainty rules: the digit alphabet, low confidence, ink that reads as nothing, and
//! deskew.

use xxgk::ocr::ctc::{Alphabet, decode};
use xxgk::ocr::{self, MIN_CONFIDENCE, Raster, deskew};

use crate::common::root;

/// A small alphabet: blank, digits and lookalikes, a Chinese character, the space.
fn chars() -> Vec<String> {
    ["", "0", "o", "1", "3", "8", "行", " "]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Frames from (character index, probability) pairs; the rest of each frame is blank.
fn frames(spec: &[&[(usize, f32)]]) -> Vec<Vec<f32>> {
    spec.iter()
        .map(|f| {
            let mut v = vec![0.0; 8];
            let mut rest = 1.0;
            for &(i, p) in *f {
                v[i] = p;
                rest -= p;
            }
            v[0] += rest.max(0.0);
            v
        })
        .collect()
}

#[test]
fn digit_alphabet_reads_a_lookalike_letter_as_the_digit() {
    let f = frames(&[&[(2, 0.9), (1, 0.095)], &[]]);
    let full = decode(&f, &chars(), Alphabet::Full);
    assert_eq!(full.text, "o");
    let digits = decode(&f, &chars(), Alphabet::Digits);
    assert_eq!(digits.text, "0");
    assert!(digits.confidence >= MIN_CONFIDENCE, "{digits:?}");
}

#[test]
fn digit_alphabet_does_not_turn_a_chinese_character_into_a_confident_digit() {
    let f = frames(&[&[(6, 0.9), (3, 0.06)]]);
    let digits = decode(&f, &chars(), Alphabet::Digits);
    assert_eq!(digits.text, "1");
    assert!(digits.confidence < MIN_CONFIDENCE, "{digits:?}");
}

#[test]
fn a_digit_torn_between_two_readings_is_below_the_threshold() {
    // "3" or "8": the least certain digit decides for the whole number.
    let f = frames(&[&[(3, 0.99)], &[], &[(4, 0.5), (5, 0.45)]]);
    let r = decode(&f, &chars(), Alphabet::Digits);
    assert_eq!(r.text, "13");
    assert!(r.confidence < MIN_CONFIDENCE, "{r:?}");
    let sure = decode(
        &frames(&[&[(3, 0.99)], &[], &[(4, 0.97)]]),
        &chars(),
        Alphabet::Digits,
    );
    assert_eq!(sure.text, "13");
    assert!(sure.confidence >= MIN_CONFIDENCE, "{sure:?}");
}

fn fixture(name: &str) -> Raster {
    let bytes = std::fs::read(root(&format!("tests/fixtures/ocr/{name}"))).unwrap();
    Raster::from_jpeg(&bytes).unwrap()
}

/// A page-like image: rules of a table and the fixture crops between them.
fn page() -> Raster {
    let mut p = Raster::new(900, 500, 255);
    for y in [60, 130, 200, 270] {
        for x in 50..850 {
            p.pixels[y * 900 + x] = 0;
            p.pixels[(y + 1) * 900 + x] = 0;
        }
    }
    for (i, name) in [
        "cell-4119.jpg",
        "cell-7730.28.jpg",
        "cell-xingzhengchufa.jpg",
    ]
    .iter()
    .enumerate()
    {
        let c = fixture(name);
        for y in 0..c.height.min(60) {
            for x in 0..c.width.min(780) {
                p.pixels[(68 + i * 70 + y) * 900 + 60 + x] = c.get(x, y);
            }
        }
    }
    p
}

#[test]
fn deskew_finds_a_small_tilt_either_way() {
    let p = page();
    assert!(deskew::angle(&p).abs() < 0.1);
    for tilt in [1.5f32, -0.7, 2.5] {
        let a = deskew::angle(&p.rotate(tilt));
        assert!((a - tilt).abs() < 0.15, "tilt {tilt}: found {a}");
    }
}

#[test]
fn a_tilted_cell_reads_the_same_once_deskewed() {
    let (upright, a) = deskew::deskew(&page().rotate(1.5));
    assert!((a - 1.5).abs() < 0.15, "{a}");
    let lines = ocr::read_boxes(&upright, &[([60, 62, 840, 128], true)], 22.0, 1.2).unwrap();
    let texts: Vec<&str> = lines[0].iter().map(|l| l.reading.text.as_str()).collect();
    assert_eq!(texts, ["4119"]);
}
