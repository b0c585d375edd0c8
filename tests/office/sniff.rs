//! Sniffing: the format comes from the bytes; a wrong extension is an issue, not a failure.

use xxgk::Format;
use xxgk::adapter::sniff;

use crate::common::root;

fn sniffed(rel: &str) -> Option<Format> {
    sniff(&std::fs::read(root(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

#[test]
fn every_sample_is_sniffed_as_its_format() {
    let cases = [
        ("samples/corpus/js-huaian-hongze-2023.pdf", Format::Pdf),
        ("samples/corpus/fj-pingtan-2021.page.html", Format::Html),
        ("samples/corpus/fj-pingtan-2023.article.html", Format::Html),
        (
            "samples/corpus/sh-city-office-2019.fragment.html",
            Format::Html,
        ),
        (
            "samples/html/qingshan-county-2021.gbk-page.html",
            Format::Html,
        ),
        (
            "samples/html/baishui-eco-2019.word-export.htm",
            Format::Html,
        ),
        ("samples/docx/qingshan-county-2021.docx", Format::Docx),
        ("samples/corpus/template-2021-blank.docx", Format::Docx),
        ("samples/xlsx/qingshan-county-2021.xlsx", Format::Xlsx),
        ("samples/xlsx/qingshan-county-2021.xls", Format::Xls),
        ("samples/xlsx/qingshan-county-2021.ods", Format::Ods),
        ("samples/corpus/fj-pingtan-2021.crawl.txt", Format::Text),
        ("samples/corpus/sh-kewei-2024.extract.md", Format::Text),
    ];
    for (rel, want) in cases {
        assert_eq!(sniffed(rel), Some(want), "{rel}");
    }
}

#[test]
fn fragments_starting_with_a_tag_are_html() {
    assert_eq!(
        sniff("<div class=TRS_Editor><p>一、总体情况</p></div>".as_bytes()),
        Some(Format::Html)
    );
    assert_eq!(
        sniff("\n\n  <p style='text-align:center'>报告</p>".as_bytes()),
        Some(Format::Html)
    );
    assert_eq!(
        sniff("\u{feff}<table><tr><td>1</td></tr></table>".as_bytes()),
        Some(Format::Html)
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode("<p>收到和处理政府信息公开申请情况</p>");
    assert_eq!(sniff(&gbk), Some(Format::Html));
}

#[test]
fn text_that_only_starts_with_a_bracket_is_text() {
    assert_eq!(
        sniff("<注>本表数据截至12月31日\n一、总体情况".as_bytes()),
        Some(Format::Text)
    );
    assert_eq!(
        sniff(b"<?xml version=\"1.0\"?><report><n>1</n></report>"),
        Some(Format::Text)
    );
    assert_eq!(
        sniff("一、总体情况\n<p> is not the first character".as_bytes()),
        Some(Format::Text)
    );
}

#[test]
fn other_containers_are_not_ours() {
    assert_eq!(
        sniff(&[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0
        ]),
        None
    );
    // A zip that is neither OOXML nor OpenDocument.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
    }
    assert_eq!(sniff(buf.get_ref()), None);
    // An OLE2 file without a workbook stream (a Word 97 document).
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(sniff(&ole), None);
}

#[test]
fn a_wrong_extension_is_an_issue_not_a_failure() {
    let bytes = std::fs::read(root("samples/docx/qingshan-county-2021.docx")).unwrap();
    let rec = xxgk::extract_bytes(&bytes, "report.xls", &xxgk::Options::default());
    assert_eq!(rec.source.format.as_deref(), Some("docx"));
    assert!(rec.error.is_none(), "{:?}", rec.error);
    assert!(rec.issue_codes().any(|c| c == "format_mismatch"));
    let png = xxgk::extract_bytes(
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0],
        "report.html",
        &xxgk::Options::default(),
    );
    assert_eq!(
        png.error.map(|e| e.code).as_deref(),
        Some("unsupported_format")
    );
}
