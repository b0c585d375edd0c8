//! A panic injected in each adapter and in each stage after it: `xxgk::extract_bytes` returns
//! the file's record with an error (`corrupt` for the readers of containers, `internal` for
//! the text readers and the stages), and the panic goes no further.

use xxgk::pipeline::fault;

use crate::common::root;

/// A sample of each format, the adapter it goes to, and the error a panic there gives.
const CASES: [(&str, &str, &str); 7] = [
    (
        "samples/pdf/baishui-eco-2019.libreoffice.pdf",
        "pdf",
        "corrupt",
    ),
    (
        "samples/html/baishui-eco-2019.page.html",
        "html",
        "internal",
    ),
    ("samples/docx/baishui-eco-2019.docx", "docx", "corrupt"),
    ("samples/xlsx/baishui-eco-2019.xlsx", "xlsx", "corrupt"),
    ("samples/xlsx/baishui-eco-2019.xls", "xls", "corrupt"),
    ("samples/xlsx/baishui-eco-2019.ods", "ods", "corrupt"),
    ("samples/text/complete-2019.txt", "text", "internal"),
];

fn extract(rel: &str) -> xxgk::Record {
    let bytes = std::fs::read(root(rel)).unwrap();
    xxgk::extract_bytes(&bytes, rel, &xxgk::Options::default())
}

#[test]
fn a_panic_in_each_adapter_is_the_files_error_record() {
    for (rel, format, code) in CASES {
        let rec = {
            let _armed = fault::arm(format);
            extract(rel)
        };
        let e = rec
            .error
            .as_ref()
            .unwrap_or_else(|| panic!("{rel}: no error"));
        assert_eq!(e.code, code, "{rel}: {}", e.message);
        assert!(
            e.message.contains("a panic injected at"),
            "{rel}: {}",
            e.message
        );
        assert_eq!(rec.source.format.as_deref(), Some(format), "{rel}");
        assert!(
            rec.source.sha256.is_some(),
            "{rel}: the source is described"
        );
        // Disarmed, the same file reads.
        assert!(extract(rel).error.is_none(), "{rel}");
    }
}

#[test]
fn a_panic_in_each_stage_is_an_internal_error() {
    for stage in ["locate", "normalize", "check"] {
        for (rel, format, _) in CASES {
            let rec = {
                let _armed = fault::arm(stage);
                extract(rel)
            };
            let e = rec
                .error
                .as_ref()
                .unwrap_or_else(|| panic!("{rel}: no error"));
            assert_eq!(e.code, "internal", "{stage} {rel}: {}", e.message);
            assert!(e.message.contains(stage), "{stage} {rel}: {}", e.message);
            assert_eq!(rec.source.format.as_deref(), Some(format));
        }
    }
}

#[test]
fn from_document_turns_a_panic_into_an_internal_error() {
    let doc = xxgk::Document::default();
    let rec = {
        let _armed = fault::arm("normalize");
        xxgk::pipeline::from_document(
            &doc,
            xxgk::record::Source::default(),
            Vec::new(),
            &xxgk::Options::default(),
            &xxgk::Budget::default(),
        )
    };
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("internal"));
}

#[test]
fn extract_by_path_turns_a_panic_into_an_error_record() {
    let _armed = fault::arm("xls");
    let rec = xxgk::extract(
        &root("samples/xlsx/qingshan-county-2021.xls"),
        &xxgk::Options::default(),
    );
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("corrupt"));
}
