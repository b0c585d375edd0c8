//! Golden tests: `xxgk::extract` of each sample and each corpus HTML page equals its
//! `NAME.truth.json` leaf by leaf, as /work/shared/tools/score.py scores it (a truth `null`
//! equals a record `null` or 0; amounts agree to 1e-6), with the same report fields, no
//! invented leaves, and every issue code the truth names.

use serde_json::Value;

use crate::common::root;

/// The differences between a document's record and its truth; empty when it gives its truth.
pub fn differences(rel: &str) -> Vec<String> {
    let truth_text = std::fs::read_to_string(root(&format!("{rel}.truth.json")))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    let truth: Value = serde_json::from_str(&truth_text).unwrap();
    let rec = serde_json::to_value(xxgk::extract(&root(rel), &xxgk::Options::default())).unwrap();
    let mut out = Vec::new();
    if let Some(e) = rec.get("error") {
        out.push(format!("error {e}"));
    }
    for field in ["template", "year"] {
        if truth["report"][field] != rec["report"][field] {
            out.push(format!(
                "report.{field}: truth {} record {}",
                truth["report"][field], rec["report"][field]
            ));
        }
    }
    if !agency_matches(&truth["report"]["agency"], &rec["report"]["agency"]) {
        out.push(format!(
            "report.agency: truth {} record {}",
            truth["report"]["agency"], rec["report"]["agency"]
        ));
    }
    for sec in ["active_disclosure", "applications", "review_litigation"] {
        for (row, col, t) in leaves(&truth[sec]) {
            match rec[sec].get(&row).and_then(|r| r.get(&col)) {
                None => out.push(format!("{sec}.{row}.{col}: truth {t}, missing")),
                Some(p) if !same(&t, p) => {
                    out.push(format!("{sec}.{row}.{col}: truth {t}, record {p}"))
                }
                _ => {}
            }
        }
        for (row, col, p) in leaves(&rec[sec]) {
            if truth[sec].get(&row).and_then(|r| r.get(&col)).is_none() {
                out.push(format!("{sec}.{row}.{col}: invented {p}"));
            }
        }
    }
    let codes: Vec<&str> = rec["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["code"].as_str())
        .collect();
    for i in truth["issues"].as_array().into_iter().flatten() {
        let code = i["code"].as_str().unwrap_or_default();
        if !codes.contains(&code) {
            out.push(format!("issue {code} missing"));
        }
    }
    out
}

fn leaves(sec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (row, cols) in sec.as_object().into_iter().flatten() {
        for (col, v) in cols.as_object().into_iter().flatten() {
            out.push((row.clone(), col.clone(), v.clone()));
        }
    }
    out
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Object(o) => o.get("value").and_then(number),
        v => v.as_f64(),
    }
}

fn same(t: &Value, p: &Value) -> bool {
    let (t, p) = (number(t), number(p));
    let zero = |x: Option<f64>| x.is_none_or(|x| x == 0.0);
    if zero(t) || zero(p) {
        return zero(t) && zero(p);
    }
    let (t, p) = (t.unwrap_or_default(), p.unwrap_or_default());
    (t - p).abs() <= 1e-6 * t.abs().max(1.0)
}

/// The same agency: equal, or one name holds the other (淮安市洪泽区人民政府 / 洪泽区人民政府).
fn agency_matches(t: &Value, p: &Value) -> bool {
    match (t.as_str(), p.as_str()) {
        (Some(a), Some(b)) => {
            a == b
                || (a.chars().count() >= 4
                    && b.chars().count() >= 4
                    && (a.contains(b) || b.contains(a)))
        }
        (None, None) => true,
        _ => false,
    }
}

macro_rules! golden {
    ($($(#[$attr:meta])* $name:ident => $path:literal;)*) => {$(
        #[test]
        $(#[$attr])*
        fn $name() {
            let diff = differences($path);
            assert!(diff.is_empty(), "{} differs from its truth:\n  {}", $path, diff.join("\n  "));
        }
    )*};
}

golden! {
    qingshan_2021_page => "samples/html/qingshan-county-2021.page.html";
    qingshan_2021_gbk_page => "samples/html/qingshan-county-2021.gbk-page.html";
    qingshan_2021_table3_split => "samples/html/qingshan-county-2021.table3-split.html";
    qingshan_2021_table3_image => "samples/html/qingshan-county-2021.table3-image.html";
    qingshan_2021_docx => "samples/docx/qingshan-county-2021.docx";
    qingshan_2021_xlsx => "samples/xlsx/qingshan-county-2021.xlsx";
    qingshan_2021_xls => "samples/xlsx/qingshan-county-2021.xls";
    qingshan_2021_ods => "samples/xlsx/qingshan-county-2021.ods";
    baishui_2019_page => "samples/html/baishui-eco-2019.page.html";
    baishui_2019_word_export => "samples/html/baishui-eco-2019.word-export.htm";
    baishui_2019_docx => "samples/docx/baishui-eco-2019.docx";
    baishui_2019_xlsx => "samples/xlsx/baishui-eco-2019.xlsx";
    baishui_2019_xls => "samples/xlsx/baishui-eco-2019.xls";
    baishui_2019_ods => "samples/xlsx/baishui-eco-2019.ods";
    corpus_pingtan_2021_page => "samples/corpus/fj-pingtan-2021.page.html";
    corpus_pingtan_2019_page => "samples/corpus/fj-pingtan-2019.page.html";
    corpus_pingtan_2023_article => "samples/corpus/fj-pingtan-2023.article.html";
    corpus_sh_city_office_2019_fragment => "samples/corpus/sh-city-office-2019.fragment.html";
}
