//! The CSV (long) and wide outputs, read back with the csv crate, hold the JSONL's values.

use std::collections::BTreeMap;
use std::fs;

use xxgk::record::{Record, Value};

use super::{archive, paths, records, run};

/// (path, table, row, column).
type Key = (String, String, String, String);

/// Key → (value, raw) of every value of the records.
fn values(recs: &[Record]) -> BTreeMap<Key, (Option<f64>, String)> {
    let mut out = BTreeMap::new();
    for r in recs {
        let tables = [
            ("active_disclosure", &r.active_disclosure),
            ("applications", &r.applications),
            ("review_litigation", &r.review_litigation),
        ];
        for (t, s) in tables {
            for (row, cols) in s.iter().flatten() {
                for (col, v) in cols {
                    let raw = match v {
                        Value::Traced(t) => t.raw.clone(),
                        Value::Plain(_) => String::new(),
                    };
                    let n = v.number().map(|n| n.as_f64().unwrap());
                    out.insert(
                        (r.source.path.clone(), t.into(), row.clone(), col.clone()),
                        (n, raw),
                    );
                }
            }
        }
    }
    out
}

fn number(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

#[test]
fn long_csv_holds_every_value_and_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let jsonl = run(&["extract", "--provenance", dir.to_str().unwrap()]);
    let recs = records(&String::from_utf8(jsonl.stdout).unwrap());
    let want = values(&recs);
    assert!(want.len() > 500, "the samples give values: {}", want.len());
    assert!(
        want.values().any(|(_, raw)| !raw.is_empty()),
        "provenance fills raw"
    );

    let csv_path = tmp.path().join("out.csv");
    let out = run(&[
        "extract",
        "--provenance",
        "-f",
        "csv",
        "-o",
        csv_path.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.code().is_some());
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left: {leftovers:?}");

    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "path", "agency", "year", "template", "table", "row", "column", "value", "raw",
            "error", "flags"
        ]
    );
    let mut got = BTreeMap::new();
    let mut files = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let path = row[0].to_string();
        if !files.contains(&path) {
            files.push(path.clone());
        }
        let rec = recs.iter().find(|r| r.source.path == path).unwrap();
        let report = rec.report.clone().unwrap_or_default();
        assert_eq!(row[1], report.agency.unwrap_or_default());
        assert_eq!(
            row[2],
            report.year.map(|y| y.to_string()).unwrap_or_default()
        );
        assert_eq!(row[3], report.template.unwrap_or_default());
        assert_eq!(
            row[9],
            rec.error
                .as_ref()
                .map(|e| e.code.clone())
                .unwrap_or_default()
        );
        if row[4].is_empty() {
            continue;
        }
        let key = (
            path,
            row[4].to_string(),
            row[5].to_string(),
            row[6].to_string(),
        );
        let printed = rec
            .section(&row[4])
            .and_then(|s| s.get(&row[5]))
            .and_then(|r| r.get(&row[6]));
        if printed.is_none() {
            // An absent cell has a row only when something flags it.
            assert!(row[7].is_empty() && !row[10].is_empty(), "{row:?}");
            continue;
        }
        assert!(
            got.insert(key, (number(&row[7]), row[8].to_string()))
                .is_none()
        );
    }
    assert_eq!(got, want);
    files.sort();
    assert_eq!(files, expected, "every file appears, values or not");

    // The same, derived later from the journal.
    let journal = tmp.path().join("out.jsonl");
    run(&[
        "extract",
        "--provenance",
        "-o",
        journal.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    let converted = tmp.path().join("converted.csv");
    let out = run(&[
        "convert",
        journal.to_str().unwrap(),
        "-f",
        "csv",
        "-o",
        converted.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read(&converted).unwrap(), fs::read(&csv_path).unwrap());
}

#[test]
fn wide_csv_holds_every_value_of_a_report_in_its_row() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let jsonl = run(&["extract", dir.to_str().unwrap()]);
    let recs = records(&String::from_utf8(jsonl.stdout).unwrap());
    let want: BTreeMap<_, _> = values(&recs)
        .into_iter()
        .map(|(k, (n, _))| (k, n))
        .collect();

    let out = run(&["extract", "-f", "wide", dir.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..6],
        ["path", "format", "agency", "year", "template", "error"]
    );
    let mut got = BTreeMap::new();
    let mut files = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), header.len());
        let path = row[0].to_string();
        files.push(path.clone());
        for (name, cell) in header.iter().zip(row.iter()).skip(6) {
            let parts: Vec<&str> = name.split('.').collect();
            if parts.len() != 3 || cell.is_empty() {
                continue;
            }
            got.insert(
                (
                    path.clone(),
                    parts[0].into(),
                    parts[1].into(),
                    parts[2].into(),
                ),
                number(cell),
            );
        }
    }
    // The wide output cannot tell a printed-empty cell from an absent one: compare the numbers.
    let numbers: BTreeMap<_, _> = want.into_iter().filter(|(_, n)| n.is_some()).collect();
    assert_eq!(got, numbers);
    assert_eq!(paths(&recs), expected);
    assert_eq!(files.len(), expected.len(), "one row per file");
}
