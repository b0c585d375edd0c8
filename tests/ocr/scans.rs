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

/// Every value of the record against the truth (the source document's), and the `ocr` issue.
fn reads_like_its_truth(rel: &str) {
    let r = record(rel, xxgk::ocr::Mode::Auto);
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(root(&format!("{rel}.truth.json"))).unwrap())
            .unwrap();
    // The agency: OCR reads the title's two lines apart, so the name comes from the signature
    // (淮安市洪泽区人民政府办公室, the office of the truth's agency); every other field exactly.
    let diffs: Vec<String> = crate::common::diff_against_truth(&r, &truth)
        .into_iter()
        .filter(|d| !d.starts_with("report.agency"))
        .collect();
    assert!(diffs.is_empty(), "{rel}: {diffs:#?}");
    let agency = r["report"]["agency"].as_str().unwrap_or_default();
    assert!(agency.starts_with("淮安市洪泽区人民政府"), "{agency}");
    assert!(codes(&r).contains(&"ocr".to_string()), "{r}");
    assert!(!codes(&r).contains(&"no_text_layer".to_string()), "{r}");
}

#[test]
fn a_noisy_150_dpi_jpeg_scan_reads_like_its_source() {
    reads_like_its_truth("samples/scan/hongze-2023.scan150.pdf");
}

#[test]
fn a_tilted_200_dpi_scan_reads_like_its_source() {
    reads_like_its_truth("samples/scan/hongze-2023.tilt200.pdf");
}
