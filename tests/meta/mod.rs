//! Agency, year and template on real portal pages and office files (samples/meta, the corpus):
//! each sample gives its truth; no agency is a sentence fragment; what cannot be read is null
//! with `agency_unknown` / `year_unknown`; `series` joins one agency across its name forms.

use serde_json::Value;
use xxgk::record::Record;
use xxgk::series::{Finding, Series};

use crate::common::{diff_against_truth, extract_json, root, truths};

/// Every report the samples bundle, as samples/reports.list names them.
fn listed_samples() -> Vec<std::path::PathBuf> {
    std::fs::read_to_string(root("samples/reports.list"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(root)
        .collect()
}

fn codes(rec: &Value) -> Vec<String> {
    rec["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["code"].as_str().map(str::to_string))
        .collect()
}

fn record(rel: &str) -> Record {
    xxgk::extract(&root(rel), &xxgk::Options::default())
}

#[test]
fn meta_samples_give_their_truth() {
    let all = truths("samples/meta");
    assert!(all.len() >= 9, "{} truths", all.len());
    for (doc, truth) in all {
        let rec = extract_json(&doc);
        let diff = diff_against_truth(&rec, &truth);
        assert!(diff.is_empty(), "{}:\n{}", doc.display(), diff.join("\n"));
    }
}

#[test]
fn no_agency_is_a_sentence_fragment() {
    let samples = listed_samples();
    assert!(samples.len() >= 50, "{} samples", samples.len());
    for path in samples {
        let rec = extract_json(&path);
        let Some(agency) = rec["report"]["agency"].as_str() else {
            continue;
        };
        for start in ["根据", "本", "按照", "为", "我"] {
            assert!(
                !agency.starts_with(start),
                "{}: agency {agency:?} starts with {start}",
                path.display()
            );
        }
        assert!(
            agency.chars().count() <= 40,
            "{}: agency {agency:?} is longer than 40 characters",
            path.display()
        );
    }
}

#[test]
fn a_report_without_agency_or_year_says_so() {
    for path in listed_samples() {
        let rec = extract_json(&path);
        if rec.get("error").is_some() || codes(&rec).iter().any(|c| c == "not_an_annual_report") {
            continue;
        }
        for (field, code) in [("agency", "agency_unknown"), ("year", "year_unknown")] {
            let unknown = rec["report"][field].is_null();
            assert_eq!(
                unknown,
                codes(&rec).iter().any(|c| c == code),
                "{}: report.{field} is {} and issues are {:?}",
                path.display(),
                rec["report"][field],
                codes(&rec)
            );
        }
    }
}

#[test]
fn the_blank_template_has_no_agency_and_no_year_and_is_a_report() {
    let rec = extract_json(&root("samples/corpus/template-2021-blank.docx"));
    assert!(rec["report"]["agency"].is_null(), "{}", rec["report"]);
    assert!(rec["report"]["year"].is_null(), "{}", rec["report"]);
    let codes = codes(&rec);
    assert!(codes.contains(&"agency_unknown".to_string()), "{codes:?}");
    assert!(codes.contains(&"year_unknown".to_string()), "{codes:?}");
    assert!(!codes.contains(&"not_an_annual_report".to_string()));
    let agency_unknown = rec["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "agency_unknown")
        .unwrap();
    assert_eq!(agency_unknown["level"], "warning");
    assert_eq!(
        agency_unknown["fields"],
        serde_json::json!(["report.agency"])
    );
}

#[test]
fn agency_key_follows_agency_and_spells_out_short_forms() {
    let rec = record("samples/meta/plain-article-2021.article.html");
    let report = rec.report.as_ref().unwrap();
    assert_eq!(report.agency.as_deref(), Some("临江市发改委"));
    assert_eq!(report.agency_key.as_deref(), Some("临江市发展和改革委员会"));
    let json = serde_json::to_string(&rec).unwrap();
    let (a, k, y) = (
        json.find("\"agency\"").unwrap(),
        json.find("\"agency_key\"").unwrap(),
        json.find("\"year\"").unwrap(),
    );
    assert!(a < k && k < y, "agency_key is written after agency: {json}");
}

/// The years of the `series.carry` findings between `a` and `b`, if `series` joined them.
fn joined(a: &str, b: &str) -> Vec<[i32; 2]> {
    let mut s = Series::default();
    for rel in [a, b] {
        s.add(&record(rel));
    }
    s.findings()
        .into_iter()
        .filter_map(|f| match f {
            Finding::Check(c) if c.rule == "series.carry" => Some(c.years),
            _ => None,
        })
        .collect()
}

#[test]
fn series_joins_one_agency_across_its_name_forms() {
    // 临江市发展和改革委员会 (2020) and 临江市发改委 (2021).
    let years = joined(
        "samples/meta/word-paste-2020.page.html",
        "samples/meta/plain-article-2021.article.html",
    );
    assert!(years.contains(&[2020, 2021]), "{years:?}");
    // The full name in one year's title, a short form the next year's preamble defines.
    let years = joined(
        "samples/meta/short-body-2022.docx",
        "samples/meta/defined-short-2023.docx",
    );
    assert!(years.contains(&[2022, 2023]), "{years:?}");
    // Two agencies are never joined.
    let years = joined(
        "samples/meta/trs-page-2023.page.html",
        "samples/meta/short-body-2022.docx",
    );
    assert!(years.is_empty(), "{years:?}");
}
