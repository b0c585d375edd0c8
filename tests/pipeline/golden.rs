//! Every text document with a truth file gives exactly its truth.

use crate::common::{diff_against_truth, extract_json, truths};

fn check_dir(dir: &str) {
    let mut n = 0;
    for (doc, truth) in truths(dir) {
        if truth["source"]["format"] != "text" {
            continue;
        }
        n += 1;
        let rec = extract_json(&doc);
        let diff = diff_against_truth(&rec, &truth);
        assert!(diff.is_empty(), "{}:\n{}", doc.display(), diff.join("\n"));
    }
    assert!(n > 0, "no text truth in {dir}");
}

/// Every document with a truth file in `dir`, whatever its format, gives exactly its truth.
fn check_every_format(dir: &str) {
    let all = truths(dir);
    assert!(!all.is_empty(), "no truth in {dir}");
    for (doc, truth) in all {
        let diff = diff_against_truth(&extract_json(&doc), &truth);
        assert!(diff.is_empty(), "{}:\n{}", doc.display(), diff.join("\n"));
    }
}

#[test]
fn corpus_documents_of_every_format_give_their_truth() {
    check_every_format("samples/corpus");
}

#[test]
fn corpus_text_documents_give_their_truth() {
    check_dir("samples/corpus");
}

#[test]
fn complete_text_samples_give_their_truth_in_every_encoding() {
    check_dir("samples/text");
}

#[test]
fn run_together_digits_are_left_out_not_guessed() {
    let rec = extract_json(&crate::common::root(
        "samples/corpus/fj-pingtan-2021.crawl.txt",
    ));
    // "640020470" has twelve readings: no cell of new_received is certain.
    assert!(
        rec["applications"]["new_received"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    let codes: Vec<&str> = rec["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect();
    assert!(codes.contains(&"cell_unreadable"));
    // Its checks are not evaluable, not failed.
    for c in rec["checks"].as_array().unwrap() {
        if c["rule"] == "applications.row_total" && c["row"] == "new_received" {
            assert!(c["ok"].is_null());
        }
    }
}

#[test]
fn a_report_before_2019_is_recognised_without_tables() {
    let rec = extract_json(&crate::common::root(
        "samples/corpus/fj-pingtan-2016.page.txt",
    ));
    assert_eq!(rec["report"]["template"], "pre2019");
    assert!(rec.get("applications").is_none());
    assert!(
        rec["issues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["code"] != "table_missing")
    );
}

#[test]
fn a_text_that_is_not_a_report_says_so() {
    let rec = extract_json(&crate::common::root("samples/text/not-a-report.txt"));
    let codes: Vec<&str> = rec["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["code"].as_str())
        .collect();
    assert_eq!(codes, ["not_an_annual_report"]);
    assert!(rec.get("applications").is_none());
    assert!(rec.get("error").is_none());
}

#[test]
fn a_tab_separated_row_that_keeps_its_fields_is_read_by_place() {
    // Every field printed, two of them empty: 150 stands under 上一年项目数量.
    let text = "示范县2020年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t150\t\t\n";
    let rec = xxgk::extract_bytes(text.as_bytes(), "kept.txt", &xxgk::Options::default());
    let rec = serde_json::to_value(&rec).unwrap();
    let row = &rec["active_disclosure"]["licensing"];
    assert_eq!(row["prior_year_items"], 150, "{rec}");
    assert!(
        row["change"].is_null() && row.get("change").is_some(),
        "{rec}"
    );
    assert!(
        row["decisions"].is_null() && row.get("decisions").is_some(),
        "{rec}"
    );
    // The empty field in the middle: 7 stands under 处理决定数量, not under 本年增/减.
    let text = text.replace("行政许可\t150\t\t", "行政许可\t150\t\t7");
    let rec = xxgk::extract_bytes(text.as_bytes(), "mid.txt", &xxgk::Options::default());
    let row = &rec.active_disclosure.unwrap()["licensing"];
    assert_eq!(row["decisions"].number().unwrap().as_i64(), Some(7));
    assert_eq!(row["change"].number(), None);
}

#[test]
fn a_tab_separated_row_that_lost_cells_is_not_split_into_them() {
    // "150" is one printed cell of a tab dump that drops empty fields; split into three cells
    // it would read (1, 5, 0), and which cell it is nothing says.
    let text = "示范县2020年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t150\n";
    let rec = xxgk::extract_bytes(text.as_bytes(), "lost.txt", &xxgk::Options::default());
    let rec = serde_json::to_value(&rec).unwrap();
    assert_eq!(rec["report"]["template"], "2019");
    assert!(
        rec["active_disclosure"]["licensing"]
            .as_object()
            .unwrap()
            .is_empty(),
        "{rec}"
    );
    let unreadable = rec["issues"].as_array().unwrap().iter().any(|i| {
        i["code"] == "cell_unreadable" && i["where"].as_str().unwrap().contains("licensing")
    });
    assert!(unreadable, "{rec}");
    // The same row as running text, where digits may run together, is split as SCHEMA.md says.
    let run = text.replace('\t', " ");
    let rec = xxgk::extract_bytes(run.as_bytes(), "run.txt", &xxgk::Options::default());
    assert_eq!(rec.active_disclosure.unwrap()["licensing"].len(), 3);
}
