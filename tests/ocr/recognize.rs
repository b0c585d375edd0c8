//! The recognition model on cell crops cut from a 150 dpi rendering of a real report
//! (js-huaian-hongze-2023.pdf, page 3); what each crop prints was read off the page.

use xxgk::ocr::{self, Alphabet, Raster};

use crate::common::root;

fn crop(name: &str) -> Raster {
    let bytes = std::fs::read(root(&format!("tests/fixtures/ocr/{name}"))).unwrap();
    Raster::from_jpeg(&bytes).unwrap()
}

/// A crop of a whole cell (text with white around it), as the page reader hands it over.
fn read_cell(name: &str) -> Vec<ocr::TextLine> {
    let r = crop(name);
    let area = [0, 0, r.width, r.height];
    ocr::read_boxes(&r, &[(area, true)], 22.0, 1.2)
        .unwrap()
        .remove(0)
}

#[test]
fn numbers_and_labels_read_from_cell_crops() {
    for (name, want) in [
        ("cell-4119.jpg", "4119"),
        ("cell-7730.28.jpg", "7730.28"),
        ("cell-0.jpg", "0"),
        ("cell-xingzhengchufa.jpg", "行政处罚"),
    ] {
        let lines = read_cell(name);
        assert_eq!(lines.len(), 1, "{name}: {lines:?}");
        let l = &lines[0];
        assert_eq!(l.reading.text, want, "{name}: {l:?}");
        assert!(!l.unreadable, "{name}: {l:?}");
        assert_eq!(
            l.numeric,
            want.chars().all(|c| !c.is_alphabetic()),
            "{name}"
        );
        assert!(l.reading.confidence >= ocr::MIN_CONFIDENCE, "{name}: {l:?}");
    }
}

#[test]
fn crops_of_several_widths_in_one_call() {
    let crops: Vec<Raster> = ["cell-4119.jpg", "cell-xingzhengchufa.jpg", "cell-0.jpg"]
        .iter()
        .map(|n| {
            let r = crop(n);
            let b = r.ink_box([0, 0, r.width, r.height], 1).unwrap();
            r.crop([b[0] - 6, b[1] - 6, b[2] + 6, b[3] + 6])
        })
        .collect();
    let got: Vec<String> = ocr::recognize(&crops, Alphabet::Full)
        .unwrap()
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert_eq!(got, ["4119", "行政处罚", "0"]);
}

#[test]
fn a_blank_crop_reads_as_no_line() {
    let r = Raster::new(200, 40, 255);
    let lines = ocr::read_boxes(&r, &[([0, 0, 200, 40], true)], 22.0, 1.2).unwrap();
    assert!(lines[0].is_empty(), "{lines:?}");
}
