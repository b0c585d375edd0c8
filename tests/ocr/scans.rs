//! The scanned samples (samples/scan, made by scripts/make_scan_samples.py): OCR off keeps
//! `no_text_layer`; OCR on reads them.

use serde_json::Value;

use crate::common::root;

fn record(rel: &str, mode: xxgk::ocr::Mode) -> Value {
    let opts = xxgk::Options {
        ocr: mode,
        ..xxgk::Options::default()
    };
    serde_json::to_value(xxgk::extract(&root(rel), &opts)).unwrap()
}

fn codes(r: &Value) -> Vec<String> {
    r["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn an_image_only_pdf_with_ocr_off_gives_no_text_layer() {
    let r = record(
        "samples/scan/hongze-2023.scan150.pdf",
        xxgk::ocr::Mode::Never,
    );
    assert!(codes(&r).contains(&"no_text_layer".to_string()), "{r}");
    assert!(!codes(&r).contains(&"ocr".to_string()), "{r}");
    assert!(r["applications"].is_null(), "{r}");
}
