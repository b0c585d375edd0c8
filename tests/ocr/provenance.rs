//! What a record says of values read by OCR: `"ocr": confidence` in every such value's
//! provenance (and in no text PDF's), and an `ocr_check_failed` warning beside a check that
//! fails on them.

use std::sync::OnceLock;

use serde_json::Value;

use crate::common::root;

fn traced(rel: &str, mode: xxgk::ocr::Mode) -> Value {
    let opts = xxgk::Options {
        ocr: mode,
        provenance: true,
        ..xxgk::Options::default()
    };
    serde_json::to_value(xxgk::extract(&root(rel), &opts)).unwrap()
}

/// The noisy 150 dpi scan of the real hongze report, read once for the tests below.
fn hongze_scan() -> &'static Value {
    static R: OnceLock<Value> = OnceLock::new();
    R.get_or_init(|| {
        traced(
            "samples/scan/hongze-2023.scan150.pdf",
            xxgk::ocr::Mode::Auto,
        )
    })
}

/// Every value of the record's three tables, with its dotted key.
fn values(r: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for sec in ["active_disclosure", "applications", "review_litigation"] {
        for (row, cols) in r[sec].as_object().into_iter().flatten() {
            for (col, v) in cols.as_object().into_iter().flatten() {
                out.push((format!("{sec}.{row}.{col}"), v));
            }
        }
    }
    out
}

fn issues<'a>(r: &'a Value, code: &str) -> Vec<&'a Value> {
    r["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["code"] == code)
        .collect()
}

#[test]
fn every_value_read_from_a_scan_carries_its_ocr_confidence() {
    let r = hongze_scan();
    let vals = values(r);
    // The report's three tables: 10 + 7 × 26 + 15 values, less any left out as unreadable.
    assert!(vals.len() > 150, "{} values: {r}", vals.len());
    for (key, v) in vals {
        let c = v["ocr"].as_f64();
        assert!(
            c.is_some_and(|c| (0.0..=1.0).contains(&c)),
            "{key}: {v} has no OCR confidence"
        );
        // Three decimals at most.
        let c = c.unwrap();
        assert!(
            ((c * 1000.0).round() - c * 1000.0).abs() < 1e-6,
            "{key}: {c}"
        );
        assert!(v["page"].is_u64() && v["bbox"].is_array(), "{key}: {v}");
    }
}

#[test]
fn no_value_of_a_text_pdf_carries_an_ocr_confidence() {
    for rel in [
        "samples/corpus/js-huaian-hongze-2023.pdf",
        "samples/pdf/qingshan-county-2021.libreoffice.pdf",
    ] {
        let r = traced(rel, xxgk::ocr::Mode::Auto);
        let vals = values(&r);
        assert!(vals.len() > 150, "{rel}: {r}");
        for (key, v) in vals {
            assert!(v.get("raw").is_some(), "{rel} {key}: {v}");
            assert!(v.get("ocr").is_none(), "{rel} {key}: {v}");
        }
        assert!(issues(&r, "ocr").is_empty(), "{rel}");
    }
}

#[test]
fn a_failed_check_on_scanned_values_says_they_were_read_by_ocr() {
    // The report prints 行政复议 结果维持 10, 结果纠正 1 and 总计 0: review_litigation.total
    // fails for the group review, in the scan as in the text PDF.
    let r = hongze_scan();
    let failed = r["checks"].as_array().unwrap().iter().any(|c| {
        c["rule"] == "review_litigation.total" && c["group"] == "review" && c["ok"] == false
    });
    assert!(failed, "{}", r["checks"]);
    let said = issues(r, "ocr_check_failed");
    let review = said
        .iter()
        .find(|i| i["where"] == "check review_litigation.total, group review")
        .unwrap_or_else(|| panic!("no ocr_check_failed for group review: {said:#?}"));
    assert_eq!(review["level"], "warning");
    let message = review["message"].as_str().unwrap();
    assert!(message.contains("read by OCR"), "{message}");
    assert!(message.contains("expected 11, found 0"), "{message}");
    let fields: Vec<&str> = review["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        fields.contains(&"review_litigation.review.total"),
        "{fields:?}"
    );
    assert!(
        fields
            .iter()
            .all(|f| f.starts_with("review_litigation.review.")),
        "{fields:?}"
    );
    // Every ocr_check_failed stands beside a failed check.
    for i in &said {
        assert!(i["message"].as_str().unwrap().contains("fails"), "{i}");
    }
}

#[test]
fn the_same_failed_check_in_a_text_pdf_is_not_put_on_ocr() {
    let r = traced(
        "samples/corpus/js-huaian-hongze-2023.pdf",
        xxgk::ocr::Mode::Auto,
    );
    let failed = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["rule"] == "review_litigation.total" && c["ok"] == false);
    assert!(failed, "{}", r["checks"]);
    assert!(issues(&r, "ocr_check_failed").is_empty(), "{}", r["issues"]);
}
