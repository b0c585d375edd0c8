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
    // The agency too: the title's two lines (洪泽区人民政府 / 2023年…报告) are read as one.
    let diffs = crate::common::diff_against_truth(&r, &truth);
    assert!(diffs.is_empty(), "{rel}: {diffs:#?}");
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

/// A page fed to the scanner sideways: its image stored turned a quarter, the page's /Rotate 90
/// turning it upright for display; the image is turned by the /Rotate before it is read.
#[test]
fn a_page_stored_sideways_is_turned_upright_by_its_rotate() {
    reads_like_its_truth("samples/scan/qingshan-2021.rot150.pdf");
}

/// The cells an issue of warning level names, as dotted keys (`applications.granted.total`,
/// a whole row `applications.granted`, a whole table `applications`).
fn flagged(r: &Value) -> Vec<String> {
    r["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["level"] == "warning" || i["level"] == "error")
        .flat_map(|i| i["fields"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect()
}

/// Every scanned sample: each value present equals the truth (the source document's), and
/// each truth value left out is named by a warning (its cell, its row or its table): no value
/// lands silently in a neighbour's cell.
#[test]
fn no_scanned_sample_has_a_silent_wrong_or_missing_value() {
    let mut failures = Vec::new();
    for (path, truth) in crate::common::truths("samples/scan") {
        let rel = path
            .strip_prefix(root(""))
            .unwrap()
            .to_string_lossy()
            .to_string();
        let r = record(&rel, xxgk::ocr::Mode::Auto);
        let flags = flagged(&r);
        for d in crate::common::diff_against_truth(&r, &truth) {
            let Some((key, what)) = d.split_once(": ") else {
                continue;
            };
            if !key.starts_with("active_disclosure")
                && !key.starts_with("applications")
                && !key.starts_with("review_litigation")
            {
                continue;
            }
            let named = flags
                .iter()
                .any(|f| key == f || key.starts_with(&format!("{f}.")));
            if !what.starts_with("absent") || !named {
                failures.push(format!("{rel}: {d}"));
            }
        }
        for field in ["agency", "year", "template"] {
            if r["report"][field] != truth["report"][field] {
                failures.push(format!("{rel}: report.{field} {}", r["report"][field]));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
