//! Positions: text state and matrices, Form XObjects, page rotation, and ruled tables whose
//! narrow cells must keep their digits apart.

use lopdf::{Object, dictionary};

use super::build::{self, grids, pages, pdf, read, simple, stream, text};
use xxgk::model::Block;

fn helvetica() -> Vec<(&'static str, lopdf::Dictionary)> {
    vec![(
        "F1",
        simple(
            "Type1",
            "Helvetica",
            Some(Object::Name(b"WinAnsiEncoding".to_vec())),
        ),
    )]
}

#[test]
fn tj_adjustments_make_gaps_and_fragments() {
    let bytes = pdf(
        |_| helvetica(),
        b"BT /F1 10 Tf 72 700 Td [(12) -50 (34) -400 (56) -3000 (78)] TJ ET",
    );
    let doc = read(&bytes).unwrap();
    let Block::Line(l) = &doc.blocks[0] else {
        panic!("a line")
    };
    // -50: kerning; -400: a word space; -3000: a wide gap, a new fragment.
    assert_eq!(l.text, "1234 56 78");
    assert_eq!(
        l.fragments
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>(),
        ["1234 56", "78"]
    );
}

#[test]
fn cm_tm_tz_tc_position_glyphs() {
    // Scaled by cm, moved by Tm, squeezed by Tz: the bbox follows.
    let bytes = pdf(
        |_| helvetica(),
        b"q 2 0 0 2 0 0 cm BT /F1 10 Tf 50 Tz 1 0 0 1 36 350 Tm (00) Tj ET Q",
    );
    let doc = read(&bytes).unwrap();
    let Block::Line(l) = &doc.blocks[0] else {
        panic!("a line")
    };
    let b = l.origin.bbox.unwrap();
    assert!((b[0] - 72.0).abs() < 0.1, "{b:?}");
    // Two zeros of the default 500 units (no Widths) at 10 pt, half width, doubled: 10 points.
    assert!((b[2] - b[0] - 10.0).abs() < 0.1, "{b:?}");
}

#[test]
fn form_xobject_text_is_read() {
    let bytes = pdf(
        |doc| {
            let form = stream(
                doc,
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 500.into(), 500.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 100.into(), 100.into()] },
                b"BT /F1 12 Tf 0 0 Td (in form) Tj ET",
            );
            // The page's resources must name the form: add it beside the font.
            doc.trailer.set("FormForTest", form);
            helvetica()
        },
        b"/Fm1 Do BT /F1 12 Tf 72 700 Td (page) Tj ET",
    );
    // Put the form into the page resources by rewriting the resources dictionary.
    let mut d = lopdf::Document::load_mem(&bytes).unwrap();
    let form = d
        .trailer
        .get(b"FormForTest")
        .unwrap()
        .as_reference()
        .unwrap();
    let page = *d.get_pages().get(&1).unwrap();
    let res_id = d
        .get_dictionary(page)
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .as_reference()
        .unwrap();
    d.get_dictionary_mut(res_id)
        .unwrap()
        .set("XObject", dictionary! { "Fm1" => form });
    let mut out = Vec::new();
    d.save_to(&mut out).unwrap();
    let doc = read(&out).unwrap();
    assert_eq!(text(&doc), "page\nin form\n");
    let Block::Line(l) = &doc.blocks[1] else {
        panic!("a line")
    };
    assert!((l.origin.bbox.unwrap()[0] - 100.0).abs() < 0.1);
}

#[test]
fn rotated_page_reads_upright() {
    // Stored portrait with /Rotate 90; the content is drawn turned so that it shows upright.
    let bytes = pages(
        |_| helvetica(),
        &[b"BT /F1 12 Tf 0 1 -1 0 500 100 Tm (2023 report) Tj ET"],
        Some(90),
    );
    let doc = read(&bytes).unwrap();
    assert_eq!(text(&doc), "2023 report\n");
}

#[test]
fn rotated_sample_table_is_a_grid() {
    let doc = read(&build::sample("samples/pdf/rotated.pdf")).unwrap();
    let g = grids(&doc);
    assert!(
        g.iter()
            .any(|g| g.page == Some(2) && g.cols == 10 && g.rows > 20),
        "{:?}",
        g.iter()
            .map(|g| (g.page, g.rows, g.cols))
            .collect::<Vec<_>>()
    );
}

/// A 2 × 3 table of narrow cells, borders as stroked segments or thin filled rectangles.
fn narrow_table(filled: bool) -> Vec<u8> {
    let mut c = String::from("0 0 0 RG 0 0 0 rg 0.5 w\n");
    let xs = [100.0, 112.0, 124.0, 136.0];
    let ys = [700.0, 686.0, 672.0];
    for y in ys {
        if filled {
            c += &format!("{} {} {} 0.5 re f\n", xs[0], y - 0.25, xs[3] - xs[0]);
        } else {
            c += &format!("{} {y} m {} {y} l S\n", xs[0], xs[3]);
        }
    }
    for x in xs {
        if filled {
            c += &format!("{} {} 0.5 {} re f\n", x - 0.25, ys[2], ys[0] - ys[2]);
        } else {
            c += &format!("{x} {} m {x} {} l S\n", ys[2], ys[0]);
        }
    }
    // Digits that touch across the borders: "2" "10" "0" in one run, then "3" "0" "15".
    c += "BT /F1 10 Tf 103 690 Td (2) Tj 10.5 0 Td (10) Tj 13 0 Td (0) Tj ET\n";
    c += "BT /F1 10 Tf 103 676 Td (3) Tj 12 0 Td (0) Tj 10 0 Td (15) Tj ET\n";
    pdf(|_| helvetica(), c.as_bytes())
}

#[test]
fn narrow_cells_keep_their_digits_apart() {
    for filled in [false, true] {
        let doc = read(&narrow_table(filled)).unwrap();
        let g = grids(&doc);
        assert_eq!(g.len(), 1, "filled {filled}");
        let cells: Vec<&str> = g[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["2", "10", "0", "3", "0", "15"], "filled {filled}");
        assert_eq!(g[0].cells[4].origin.page, Some(1));
    }
}

#[test]
fn page_without_rulings_gives_positioned_fragments() {
    let bytes = pdf(
        |_| helvetica(),
        b"BT /F1 10 Tf 72 700 Td (Row one) Tj 150 0 Td (12) Tj 60 0 Td (7) Tj ET",
    );
    let doc = read(&bytes).unwrap();
    assert!(grids(&doc).is_empty());
    let Block::Line(l) = &doc.blocks[0] else {
        panic!("a line")
    };
    assert_eq!(
        l.fragments
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>(),
        ["Row one", "12", "7"]
    );
    assert!(l.fragments.iter().all(|f| f.origin.bbox.is_some()));
}
