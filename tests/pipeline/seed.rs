//! The seed report: a real PDF's text dump whose table 三 rows print six numbers for seven cells.

use crate::common::{diff_against_truth, extract_json, root};

#[test]
fn seed_report_gives_its_numbers() {
    let rec = extract_json(&root("samples/seed/000_b34427a2f19d7753.txt"));
    assert_eq!(
        rec["report"]["agency"],
        "聊城江北水城旅游度假区安全生产监督管理局"
    );
    assert_eq!(rec["report"]["year"], 2023);
    assert_eq!(rec["report"]["template"], "2021");
    assert_eq!(rec["active_disclosure"]["penalty"]["decisions"], 2);
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root("samples/seed/000_b34427a2f19d7753.txt.truth.json")).unwrap(),
    )
    .unwrap();
    let diff = diff_against_truth(&rec, &truth);
    assert!(diff.is_empty(), "{}", diff.join("\n"));
}

#[test]
fn seed_rows_are_inferred_and_their_row_totals_used_not_tested() {
    let rec = extract_json(&root("samples/seed/000_b34427a2f19d7753.txt"));
    let inferred = rec["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "cell_inferred")
        .count();
    assert_eq!(inferred, 25, "every table 三 row is inferred");
    for c in rec["checks"].as_array().unwrap() {
        if c["rule"] == "applications.row_total" {
            assert!(c["ok"].is_null(), "{c}");
        } else {
            assert_eq!(c["ok"], true, "every evaluable check passes: {c}");
        }
    }
}
