//! The `text.*` checks: exactly the ones the notes of samples/prose list (agreeing,
//! disagreeing, and prose figures about something else that must give none), and on the
//! corpus no false alarm and the one recorded disagreement (fj-pingtan-2023, in force).

use serde_json::{Value, json};

use crate::common::{extract_json, root};

/// The record's `text.*` checks as (rule, ok, expected, found), sorted.
fn text_checks(rec: &Value) -> Vec<String> {
    let mut out: Vec<String> = rec["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rule"].as_str().unwrap().starts_with("text."))
        .map(|c| {
            json!({"rule": c["rule"], "ok": c["ok"], "expected": c["expected"], "found": c["found"]})
                .to_string()
        })
        .collect();
    out.sort();
    out
}

/// The JSON list under "Expected text checks" in a notes file.
fn expected(notes: &str) -> Vec<String> {
    let start = notes.find("```json").expect("a ```json block") + "```json".len();
    let end = start + notes[start..].find("```").unwrap();
    let list: Vec<Value> = serde_json::from_str(&notes[start..end]).unwrap();
    let mut out: Vec<String> = list.iter().map(Value::to_string).collect();
    out.sort();
    out
}

#[test]
fn prose_samples_give_exactly_the_checks_of_their_notes() {
    let mut n = 0;
    for e in std::fs::read_dir(root("samples/prose")).unwrap().flatten() {
        let p = e.path();
        let name = p.to_string_lossy().to_string();
        if !(name.ends_with(".txt") || name.ends_with(".html")) {
            continue;
        }
        n += 1;
        let notes = std::fs::read_to_string(format!("{name}.notes.md")).unwrap();
        let rec = extract_json(&p);
        assert_eq!(text_checks(&rec), expected(&notes), "{name}");
        for c in rec["checks"].as_array().unwrap() {
            if c["rule"].as_str().unwrap().starts_with("text.") {
                assert!(!c["fields"].as_array().unwrap().is_empty(), "{name}: {c}");
                assert!(!c["quote"].as_str().unwrap().is_empty(), "{name}: {c}");
            }
        }
    }
    assert!(n >= 4);
}

#[test]
fn a_failed_text_check_names_its_cells_and_quotes_the_sentence() {
    let rec = extract_json(&root("samples/prose/disagree-2024.txt"));
    let c = rec["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "text.normative_in_force")
        .unwrap();
    assert_eq!(c["ok"], false);
    assert_eq!(
        c["fields"],
        json!(["active_disclosure.normative_documents.in_force"])
    );
    assert!(
        c["quote"]
            .as_str()
            .unwrap()
            .contains("现行有效行政规范性文件")
    );
    let d = rec["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "text.denied")
        .unwrap();
    assert_eq!(
        d["fields"].as_array().unwrap().len(),
        8,
        "the eight denied_* totals"
    );
}

#[test]
fn corpus_agreeing_prose_raises_no_alarm_and_the_recorded_disagreement_is_found() {
    let dir = root("samples/corpus");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".md") && !name.ends_with(".extract.md") || name.ends_with(".json") {
            continue;
        }
        let rec = extract_json(&p);
        let failed: Vec<String> = rec["checks"]
            .as_array()
            .map(|a| a.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|c| c["rule"].as_str().unwrap().starts_with("text.") && c["ok"] == false)
            .map(|c| format!("{} {} {}", c["rule"], c["expected"], c["found"]))
            .collect();
        seen += text_checks(&rec).len();
        if name == "fj-pingtan-2023.article.html" {
            // The notes: "清理并集中发布现行有效行政规范性文件393件" against in_force 470.
            assert_eq!(failed, vec!["\"text.normative_in_force\" 470 393"]);
        } else {
            assert!(failed.is_empty(), "{name}: {failed:?}");
        }
    }
    assert!(
        seen >= 20,
        "the corpus prose restates figures: {seen} checks"
    );
}
