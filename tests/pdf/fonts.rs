//! Every font and encoding path with a file: real producers where a sample or the corpus has
//! one, otherwise a minimal PDF built here.

use lopdf::{Object, dictionary};

use super::build::{self, pdf, read, show_hex, simple, stream, text, type0};

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn predefined(cmap: &str, hex: &str) -> String {
    let cmap = cmap.to_string();
    let bytes = pdf(
        move |_| vec![("F1", type0(name(&cmap), "GB1", None))],
        &show_hex(hex),
    );
    let doc = read(&bytes).expect("a readable PDF");
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
    text(&doc)
}

#[test]
fn identity_h_with_tounicode_wps_corpus() {
    let doc = read(&build::sample("samples/corpus/js-huaian-hongze-2023.pdf")).unwrap();
    let t = text(&doc);
    assert!(t.contains("洪泽区人民政府"), "{t}");
    assert!(t.contains("7730.28"));
    assert!(doc.notes.iter().all(|n| n.code != "text_undecodable"));
}

#[test]
fn identity_v_vertical_label_wps_corpus() {
    // The corpus prints 三、本年度办理结果 in a vertical Identity-V font in a tall merged cell.
    let doc = read(&build::sample("samples/corpus/js-huaian-hongze-2023.pdf")).unwrap();
    let found = build::grids(&doc)
        .iter()
        .flat_map(|g| &g.cells)
        .any(|c| c.text.contains("本年度办理结果") && c.row_span > 5);
    assert!(found);
}

#[test]
fn unigb_ucs2_h_reportlab() {
    let doc = read(&build::sample("samples/pdf/reportlab-ucs2.pdf")).unwrap();
    assert!(text(&doc).contains("扬州市江都区卫生健康委员会2021年政府信息公开工作年度报告"));
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

#[test]
fn gbk_euc_h_reportlab() {
    let doc = read(&build::sample("samples/pdf/reportlab-gbk.pdf")).unwrap();
    let t = text(&doc);
    assert!(
        t.contains("徐州市鼓楼区司法局2023年政府信息公开工作年度报告"),
        "{t}"
    );
    // Single bytes 0x20–0x7E are half-width digits, not full-width forms.
    assert!(t.contains("4220.98"));
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

#[test]
fn type3_with_tounicode_chromium() {
    let doc = read(&build::sample("samples/pdf/chromium-html.pdf")).unwrap();
    let t = text(&doc);
    // Kangxi radicals in Skia's ToUnicode (⼯, ⺠) come out as the ideographs.
    assert!(t.contains("中华人民共和国政府信息公开条例"), "{t}");
    assert!(t.contains("政府信息公开工作年度报告"));
}

#[test]
fn unigb_ucs2_h_and_v_built() {
    assert_eq!(
        predefined("UniGB-UCS2-H", "4E2D56FD0032003000320033"),
        "中国2023\n"
    );
    // Vertical: one character above the other, read top to bottom.
    assert_eq!(
        predefined("UniGB-UCS2-V", "4E2D56FD").replace('\n', ""),
        "中国"
    );
}

#[test]
fn unigb_utf16_h_surrogates() {
    assert_eq!(predefined("UniGB-UTF16-H", "D840DC004E2D"), "\u{20000}中\n");
}

#[test]
fn gbk_gb_gbkp_euc() {
    for cmap in ["GBK-EUC-H", "GB-EUC-H", "GBKp-EUC-H", "GBpc-EUC-H"] {
        assert_eq!(predefined(cmap, "D6D0B9FA32303233"), "中国2023\n", "{cmap}");
    }
    assert_eq!(
        predefined("GBK-EUC-V", "D6D0B9FA").replace('\n', ""),
        "中国"
    );
}

#[test]
fn gbk2k_four_byte_sequences() {
    assert_eq!(predefined("GBK2K-H", "95328236D6D0"), "\u{20000}中\n");
}

#[test]
fn identity_h_adobe_gb1_without_tounicode() {
    // CIDs of 中 国 1 2 in Adobe-GB1.
    assert_eq!(predefined("Identity-H", "11CF075300120013"), "中国12\n");
}

#[test]
fn tounicode_bfrange_arrays_and_bfchar() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfrange <0001> <0003> <0030> <0010> <0011> [<4E2D> <56FD>] endbfrange
        1 beginbfchar <0020> <00660069> endbfchar
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let bytes = pdf(
        |doc| {
            let tu = stream(doc, dictionary! {}, cmap);
            vec![("F1", type0(name("Identity-H"), "Identity", Some(tu)))]
        },
        &show_hex("000100020003001000110020"),
    );
    let doc = read(&bytes).unwrap();
    assert_eq!(text(&doc), "012中国fi\n");
}

#[test]
fn unknown_ordering_is_reported_not_guessed() {
    // A Founder-style collection with no ToUnicode: nothing may be guessed.
    let bytes = pdf(
        |_| vec![("F1", type0(name("Identity-H"), "PKU2", None))],
        &show_hex("11CF07530012"),
    );
    let doc = read(&bytes).unwrap();
    assert_eq!(text(&doc), "\u{fffd}\u{fffd}\u{fffd}\n");
    let note = doc
        .notes
        .iter()
        .find(|n| n.code == "text_undecodable")
        .expect("a text_undecodable note");
    assert!(
        note.message.contains("TestSong") && note.message.contains('3'),
        "{}",
        note.message
    );
}

#[test]
fn simple_fonts_winansi_macroman_standard() {
    let bytes = pdf(
        |_| {
            vec![
                ("F1", simple("Type1", "Helvetica", Some(name("WinAnsiEncoding")))),
                ("F2", simple("TrueType", "Arial", Some(name("MacRomanEncoding")))),
                ("F3", simple("Type1", "Times-Roman", None)),
            ]
        },
        b"BT /F1 12 Tf 72 700 Td (Total 2023 \\200) Tj ET BT /F2 12 Tf 72 600 Td (\\245) Tj ET BT /F3 12 Tf 72 500 Td (\\267 x) Tj ET",
    );
    let doc = read(&bytes).unwrap();
    assert_eq!(text(&doc), "Total 2023 €\n•\n• x\n");
}

#[test]
fn differences_with_glyph_names() {
    let enc = dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
    "Differences" => vec![48.into(), name("zero"), name("one"), name("uni4E2D"), name("u56FD"), name("g17")] };
    let bytes = pdf(
        move |_| {
            vec![(
                "F1",
                simple("Type1", "Custom", Some(Object::Dictionary(enc))),
            )]
        },
        b"BT /F1 12 Tf 72 700 Td (01234A) Tj ET",
    );
    let doc = read(&bytes).unwrap();
    // g17 names a glyph, not a character: reported, not guessed.
    assert_eq!(text(&doc), "01中国\u{fffd}A\n");
    assert!(
        doc.notes
            .iter()
            .any(|n| n.code == "text_undecodable" && n.message.contains("Custom"))
    );
}

#[test]
fn type3_font_matrix_and_widths() {
    let cmap = b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange
        2 beginbfchar <41> <0037> <42> <0038> endbfchar endcmap";
    let bytes = pdf(
        |doc| {
            let tu = stream(doc, dictionary! {}, cmap);
            let mut f = simple(
                "Type3",
                "T3",
                Some(Object::Dictionary(
                    dictionary! { "Differences" => vec![65.into(), name("g1"), name("g2")] },
                )),
            );
            f.set(
                "FontMatrix",
                vec![
                    0.01.into(),
                    0.into(),
                    0.into(),
                    0.01.into(),
                    0.into(),
                    0.into(),
                ],
            );
            f.set("FirstChar", 65);
            f.set("LastChar", 66);
            f.set("Widths", vec![60.into(), 60.into()]);
            f.set("FontBBox", vec![0.into(), 0.into(), 100.into(), 100.into()]);
            f.set("CharProcs", dictionary! {});
            f.set("ToUnicode", tu);
            vec![("F1", f)]
        },
        // 78, then a gap of 4 widths of 0.6 em: a second fragment.
        b"BT /F1 10 Tf 72 700 Td (AB) Tj 30 0 Td (BA) Tj ET",
    );
    let doc = read(&bytes).unwrap();
    let xxgk::model::Block::Line(l) = &doc.blocks[0] else {
        panic!("a line")
    };
    assert_eq!(l.text, "78 87");
    assert_eq!(l.fragments.len(), 2);
    let b = l.fragments[0].origin.bbox.unwrap();
    // Two glyphs of 60 × 0.01 × 10 = 6 points each.
    assert!((b[2] - b[0] - 12.0).abs() < 0.5, "{b:?}");
}

#[test]
fn missing_font_resource_is_reported() {
    let bytes = pdf(|_| vec![], b"BT /F9 12 Tf 72 700 Td (123) Tj ET");
    let doc = read(&bytes).unwrap();
    assert!(doc.notes.iter().any(|n| n.code == "text_undecodable"));
}
