//! `xxgk series` over a journal: findings between consecutive years, duplicates.

use std::fs;

use indexmap::IndexMap;
use serde_json::Value as Json;
use xxgk::record::{Record, Report, Section, Source, Value};

use super::run;

fn report(path: &str, agency: &str, year: i32, cells: &[(&str, &str, &str, i64)]) -> Record {
    let mut apps: Section = IndexMap::new();
    let mut active: Section = IndexMap::new();
    for (table, row, col, v) in cells {
        let s = if *table == "applications" {
            &mut apps
        } else {
            &mut active
        };
        s.entry(row.to_string())
            .or_default()
            .insert(col.to_string(), Value::Plain(Some((*v).into())));
    }
    Record {
        schema_version: 1,
        source: Source {
            path: path.into(),
            ..Source::default()
        },
        report: Some(Report {
            agency: Some(agency.into()),
            agency_key: None,
            year: Some(year),
            template: Some("2021".into()),
            title: None,
        }),
        applications: Some(apps),
        active_disclosure: Some(active),
        ..Record::default()
    }
}

#[test]
fn carry_in_force_and_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let recs = [
        report(
            "a2022.pdf",
            "某市人民政府",
            2022,
            &[
                ("applications", "carried_forward", "total", 4),
                ("active", "regulations", "in_force", 10),
            ],
        ),
        report(
            "a2023.pdf",
            "某市 人民政府",
            2023,
            &[
                ("applications", "carried_over", "total", 3),
                ("active", "regulations", "issued", 1),
                ("active", "regulations", "repealed", 0),
                ("active", "regulations", "in_force", 11),
            ],
        ),
        report(
            "a2023-copy.html",
            "某市人民政府",
            2023,
            &[("applications", "carried_over", "total", 3)],
        ),
        report(
            "b2021.pdf",
            "另一局",
            2021,
            &[("applications", "carried_forward", "total", 1)],
        ),
    ];
    let journal = tmp.path().join("out.jsonl");
    let text: String = recs
        .iter()
        .map(|r| serde_json::to_string(r).unwrap() + "\n")
        .collect();
    fs::write(&journal, text + "{\"schema_version\":1,\"sour").unwrap();
    let out = run(&["series", journal.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    // The same records spread over two journals (two shards' outputs) give the same findings.
    let (a, b) = (tmp.path().join("a.jsonl"), tmp.path().join("b.jsonl"));
    let lines = |rs: &[Record]| -> String {
        rs.iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect()
    };
    fs::write(&a, lines(&recs[..2])).unwrap();
    fs::write(&b, lines(&recs[2..])).unwrap();
    let split = run(&["series", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(split.stdout, out.stdout);
    let findings: Vec<Json> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |rule: &str, key: &str, name: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f[key] == name)
            .unwrap_or_else(|| panic!("{rule} {name}: {findings:?}"))
    };
    let carry = find("series.carry", "column", "total");
    assert_eq!(carry["ok"], false);
    assert_eq!(
        (carry["expected"].as_i64(), carry["found"].as_i64()),
        (Some(4), Some(3))
    );
    assert_eq!(carry["years"], serde_json::json!([2022, 2023]));
    assert_eq!(carry["agency"], "某市人民政府");
    let in_force = find("series.in_force", "row", "regulations");
    assert_eq!(in_force["ok"], true);
    let dup = find("series.duplicate", "agency", "某市人民政府");
    assert_eq!(
        dup["paths"],
        serde_json::json!(["a2023.pdf", "a2023-copy.html"])
    );
    assert_eq!(dup["ok"], false, "the copies differ");
    assert!(
        findings
            .iter()
            .all(|f| f["agency"] != "另一局" || f["rule"] == "series.duplicate")
    );
    let only_failed = run(&["series", "--failed", journal.to_str().unwrap()]);
    let n = String::from_utf8(only_failed.stdout)
        .unwrap()
        .lines()
        .count();
    assert!(n >= 2 && n < findings.len());
}
