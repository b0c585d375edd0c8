//! The DOCX adapter: merged cells, the national template, a zip bomb, a damaged file.

use super::support::{grids, lines, read, rows};
use crate::common::root;

#[test]
fn vertical_merges_become_row_spans() {
    let doc = read("samples/docx/qingshan-county-2021.docx");
    let g = grids(&doc);
    assert_eq!(g.len(), 3);
    let t3 = g[1];
    assert_eq!((t3.rows, t3.cols), (28, 10));
    let span = |text: &str| {
        t3.cells
            .iter()
            .find(|c| c.text == text)
            .map(|c| (c.row, c.col, c.row_span, c.col_span))
    };
    assert_eq!(span("三、本年度办理结果"), Some((5, 0, 22, 1)));
    assert_eq!(span("（三）不予公开"), Some((7, 1, 8, 1)));
    assert_eq!(span("（六）其他处理"), Some((23, 1, 3, 1)));
    // The header: a cell over three rows and three columns, gridSpan 7 and 5.
    assert_eq!(
        span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        Some((0, 0, 3, 3))
    );
    assert_eq!(span("申请人情况"), Some((0, 3, 1, 7)));
    assert_eq!(span("法人或其他组织"), Some((1, 4, 1, 5)));
    assert_eq!(span("自然人"), Some((1, 3, 2, 1)));
    assert_eq!(
        rows(t3)[5][..3],
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"]
    );
    // A merged cell is stored once.
    assert_eq!(
        t3.cells
            .iter()
            .filter(|c| c.text == "三、本年度办理结果")
            .count(),
        1
    );
}

#[test]
fn runs_of_a_paragraph_are_joined() {
    let doc = read("samples/docx/qingshan-county-2021.docx");
    assert!(lines(&doc).iter().any(|l| l.starts_with("2021年，青山县人民政府坚持以人民为中心") && l.contains("138件")));
    assert_eq!(
        doc.title.as_deref(),
        Some("青山县人民政府2021年政府信息公开工作年度报告")
    );
}

#[test]
fn the_blank_national_template_lays_out_as_its_tables() {
    let doc = read("samples/corpus/template-2021-blank.docx");
    let g = grids(&doc);
    let shapes: Vec<_> = g.iter().map(|g| (g.rows, g.cols)).collect();
    assert_eq!(shapes, [(14, 4), (28, 10), (4, 15)]);
    assert!(rows(g[1])[3][3..].iter().all(|t| t.is_empty()));
}

#[test]
fn a_zip_bomb_is_too_large_not_an_exhausted_machine() {
    let bytes = std::fs::read(root("samples/docx/zip-bomb_should_be_too_large.docx")).unwrap();
    assert!(bytes.len() < 200_000);
    let err = xxgk::adapter::docx::read(&bytes, &xxgk::Budget::default()).unwrap_err();
    assert_eq!(err.code(), "too_large");
    let rec = xxgk::extract(
        &root("samples/docx/zip-bomb_should_be_too_large.docx"),
        &xxgk::Options::default(),
    );
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("too_large"));
    assert_eq!(rec.source.format.as_deref(), Some("docx"));
}

#[test]
fn a_truncated_docx_is_corrupt() {
    let bytes = std::fs::read(root("samples/docx/qingshan-county-2021.docx")).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let rec = xxgk::extract_bytes(cut, "cut.docx", &xxgk::Options::default());
    assert_eq!(rec.source.format.as_deref(), Some("docx"));
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("corrupt"));
}

#[test]
fn a_table_framing_the_page_is_read_as_text() {
    let inner = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>自然人</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>{inner}</w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let bytes = docx_with(&xml);
    let doc = xxgk::adapter::docx::read(&bytes, &xxgk::Budget::default()).unwrap();
    assert_eq!(lines(&doc), ["三、收到和处理政府信息公开申请情况"]);
    let g = grids(&doc);
    assert_eq!(rows(g[0]), [["自然人", "3"]]);
}

/// A minimal package around a document part.
pub fn docx_with(document_xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(document_xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}
