//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// A path under the crate root.
pub fn root(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every `NAME.truth.json` in a folder, with the document it describes.
pub fn truths(dir: &str) -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(root(dir)) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if let Some(doc) = name.strip_suffix(".truth.json") {
            let truth: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            out.push((p.with_file_name(doc), truth));
        }
    }
    out
}

/// The record of a file as JSON, as the CLI writes it.
pub fn extract_json(path: &Path) -> Value {
    let rec = xxgk::extract(path, &xxgk::Options::default());
    serde_json::to_value(&rec).unwrap()
}

fn value_of(v: &Value) -> &Value {
    match v {
        Value::Object(m) if m.contains_key("value") => &m["value"],
        other => other,
    }
}

/// Truth null and 0 are the same (score.py's rule); numbers compare exactly (amounts to 1e-6).
fn same(truth: &Value, got: &Value) -> bool {
    let z = |v: &Value| v.is_null() || v.as_f64() == Some(0.0);
    if z(truth) || z(got) {
        return z(truth) && z(got);
    }
    match (truth.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(1.0),
        _ => false,
    }
}

/// Differences between a record and its truth: values, absent and invented cells, report
/// fields, and truth issue codes the record lacks.
pub fn diff_against_truth(rec: &Value, truth: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for sec in ["active_disclosure", "applications", "review_litigation"] {
        let t = truth.get(sec).and_then(Value::as_object);
        let r = rec.get(sec).and_then(Value::as_object);
        if let Some(t) = t {
            for (row, cols) in t {
                for (col, tv) in cols.as_object().unwrap() {
                    match r.and_then(|r| r.get(row)).and_then(|c| c.get(col)) {
                        None => out.push(format!("{sec}.{row}.{col}: absent, truth {tv}")),
                        Some(v) if !same(tv, value_of(v)) => {
                            out.push(format!("{sec}.{row}.{col}: {} vs truth {tv}", value_of(v)))
                        }
                        _ => {}
                    }
                }
            }
        }
        if let Some(r) = r {
            for (row, cols) in r {
                for col in cols.as_object().unwrap().keys() {
                    if t.and_then(|t| t.get(row))
                        .and_then(|c| c.get(col))
                        .is_none()
                    {
                        out.push(format!("{sec}.{row}.{col}: invented"));
                    }
                }
            }
        }
    }
    for field in ["template", "year"] {
        if truth["report"][field] != rec["report"][field] {
            out.push(format!(
                "report.{field}: {} vs truth {}",
                rec["report"][field], truth["report"][field]
            ));
        }
    }
    let (ta, ra) = (
        truth["report"]["agency"].as_str(),
        rec["report"]["agency"].as_str(),
    );
    if ta != ra {
        out.push(format!("report.agency: {ra:?} vs truth {ta:?}"));
    }
    let codes: Vec<&str> = rec["issues"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["code"].as_str()).collect())
        .unwrap_or_default();
    for i in truth
        .get("issues")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let code = i["code"].as_str().unwrap_or_default();
        if !codes.contains(&code) {
            out.push(format!("issue {code}: in the truth, not in the record"));
        }
    }
    out
}

/// The checks that fail, as "rule/row-or-column-or-group".
pub fn failing_checks(rec: &Value) -> Vec<String> {
    let mut out: Vec<String> = rec["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["ok"] == Value::Bool(false))
        .map(|c| {
            let at = ["row", "column", "group"]
                .iter()
                .find_map(|k| c[*k].as_str())
                .unwrap_or("");
            format!("{}/{at}", c["rule"].as_str().unwrap_or(""))
        })
        .collect();
    out.sort();
    out
}
