//! The shapes of samples/shapes give exactly their truth (written by the script that printed
//! them, from the numbers it printed). One test per shape, so a regression names its shape.

use crate::common::{diff_against_truth, extract_json, truths};

fn check(shape: &str) {
    let mut n = 0;
    for (doc, truth) in truths("samples/shapes") {
        let name = doc.file_name().unwrap().to_str().unwrap().to_string();
        if !name.contains(shape) {
            continue;
        }
        n += 1;
        let rec = extract_json(&doc);
        let diff = diff_against_truth(&rec, &truth);
        assert!(diff.is_empty(), "{name}:\n{}", diff.join("\n"));
    }
    assert!(n > 0, "no sample of shape {shape}");
}

#[test]
fn spreadsheet_cells_not_stored_are_empty_places() {
    check(".xlsx-blank-zero-unstored.xlsx");
    check(".xlsx-blank-zero-empty-string.xlsx");
    check(".xlsx-blank-zero-libreoffice.xlsx");
    check(".ods-blank-zero-libreoffice.ods");
}

#[test]
fn borderless_pdf_values_stand_under_their_header_labels() {
    check(".pdf-borderless-blank-zero-reportlab.pdf");
    check(".pdf-borderless-blank-zero-libreoffice.pdf");
    check(".docx-borderless-blank-zero.docx");
}

#[test]
fn tab_dumps_that_keep_their_fields_are_read_by_field() {
    check(".tab-blank-zero-fields-kept.txt");
}

#[test]
fn tab_dumps_that_drop_empty_fields_leave_short_rows_out() {
    check(".tab-blank-zero-fields-dropped.txt");
    check(".tab-one-blank-per-row-fields-dropped.txt");
}

#[test]
fn one_cell_per_line_dumps_are_read_in_order() {
    check(".cell-per-line-complete.txt");
    check(".cell-per-line-blank-zero.txt");
    check(".cell-per-line-one-blank-per-row.txt");
}

#[test]
fn pipe_rows_shorter_than_the_header_are_not_filled_left_to_right() {
    check(".md-blank-zero-short-rows.md");
    check(".md-blank-zero-cells-kept.md");
}

#[test]
fn tables_whose_header_is_dropped_read_only_complete_rows() {
    check(".html-no-header-blank-zero.html");
    check(".html-no-header-empty-cells-removed.html");
}

#[test]
fn run_together_crawls_keep_only_what_every_split_agrees_on() {
    check(".crawl-run-together.txt");
}

#[test]
fn an_amount_in_yuan_after_the_number_is_converted() {
    check(".html-fee-in-yuan.html");
    let rec = extract_json(&crate::common::root(
        "samples/shapes/qingshan-county-2021.html-fee-in-yuan.html",
    ));
    assert_eq!(rec["active_disclosure"]["fees"]["amount"], 0.2488, "{rec}");
    let converted = rec["issues"].as_array().unwrap().iter().any(|i| {
        i["code"] == "unit_converted" && i["fields"][0] == "active_disclosure.fees.amount"
    });
    assert!(converted, "{rec}");
}

#[test]
fn a_signed_number_run_into_the_one_before_it_is_its_own_cell() {
    // 行政事业性收费 of template 2019: 上一年项目数量 35, 本年增/减 −15, run together.
    let text = "示范市2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n信息内容 上一年项目数量 本年增/减\n行政事业性收费35-15\n";
    let rec = xxgk::extract_bytes(text.as_bytes(), "fees.txt", &xxgk::Options::default());
    let fees = &rec.active_disclosure.unwrap()["fees"];
    assert_eq!(
        fees["prior_year_items"].number().unwrap().as_i64(),
        Some(35)
    );
    assert_eq!(fees["change"].number().unwrap().as_i64(), Some(-15));
}
