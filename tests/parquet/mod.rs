//! The Parquet outputs, read back with the parquet crate's Arrow reader, hold the CSV outputs'
//! rows and values with the types of docs/schema.md; a value that does not fit is null.

use std::fs::{self, File};
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::batch::{archive, run};

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    let file = File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

/// Every cell of the Parquet file as the CSV would print it ("" for null), checking each
/// column's type against what docs/schema.md says of its name.
fn cells(batches: &[RecordBatch], wide: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let schema = batches[0].schema();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    for f in schema.fields() {
        let n = f.name().as_str();
        let want = if n == "year" || (wide && n.contains('.') && !n.ends_with(".amount")) {
            DataType::Int64
        } else if n == "value" || n.ends_with(".amount") {
            DataType::Decimal128(18, 6)
        } else {
            DataType::Utf8
        };
        assert_eq!(f.data_type(), &want, "{n}");
        assert!(f.is_nullable(), "{n}");
    }
    let mut rows = Vec::new();
    for b in batches {
        for i in 0..b.num_rows() {
            let row: Vec<String> = b
                .columns()
                .iter()
                .map(|c| {
                    if c.is_null(i) {
                        return String::new();
                    }
                    match c.data_type() {
                        DataType::Int64 => c.as_primitive::<Int64Type>().value(i).to_string(),
                        DataType::Decimal128(_, _) => {
                            // Millionths, printed as the shortest decimal.
                            let v = c.as_primitive::<Decimal128Type>().value(i);
                            let s = format!("{}.{:06}", v / 1_000_000, (v % 1_000_000).abs());
                            let sign = if v < 0 && v > -1_000_000 { "-" } else { "" };
                            format!("{sign}{}", s.trim_end_matches('0').trim_end_matches('.'))
                        }
                        _ => c.as_string::<i32>().value(i).to_string(),
                    }
                })
                .collect();
            rows.push(row.into_iter().map(|c: String| norm(&c)).collect());
        }
    }
    (names, rows)
}

/// A cell with a decimal point that reads as a number, printed as the shortest decimal of six
/// places at most ("3.0" → "3", "7730.280000" → "7730.28"): how the two sides are compared.
fn norm(c: &str) -> String {
    match c.parse::<f64>() {
        Ok(x) if c.contains('.') => {
            let s = format!("{x:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => c.to_string(),
    }
}

/// The CSV's cells, compared by [`norm`].
fn csv_cells(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(norm).collect())
        .collect();
    (header, rows)
}

fn extract(dir: &Path, format: &str, out: &Path) {
    let o = run(&[
        "extract",
        "--provenance",
        "-q",
        "-f",
        format,
        "-o",
        out.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{o:?}");
}

#[test]
fn parquet_holds_the_csv_rows_and_values() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    for (csv_format, parquet_format, wide) in
        [("csv", "parquet", false), ("wide", "wide-parquet", true)]
    {
        let csv_path = tmp.path().join(format!("{csv_format}.csv"));
        let pq_path = tmp.path().join(format!("{parquet_format}.parquet"));
        extract(&dir, csv_format, &csv_path);
        extract(&dir, parquet_format, &pq_path);
        let (names, rows) = cells(&read_parquet(&pq_path), wide);
        let (header, want) = csv_cells(&csv_path);
        assert_eq!(names, header);
        assert_eq!(rows.len(), want.len());
        assert_eq!(rows, want, "{parquet_format}");
        let mut paths: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(
            paths.len(),
            expected.len(),
            "every file is in {parquet_format}"
        );
        // convert makes the same rows from the JSONL.
        let jsonl = tmp.path().join("out.jsonl");
        extract(&dir, "jsonl", &jsonl);
        let converted = tmp
            .path()
            .join(format!("converted-{parquet_format}.parquet"));
        let o = run(&[
            "convert",
            jsonl.to_str().unwrap(),
            "-f",
            parquet_format,
            "-o",
            converted.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        assert_eq!(cells(&read_parquet(&converted), wide).1, want);
    }
}

#[test]
fn a_value_that_does_not_fit_its_type_is_null_never_rounded() {
    let tmp = tempfile::tempdir().unwrap();
    // A hand-made journal: a fraction in a count, seven decimals in an amount, and fine values.
    let line = r#"{"schema_version":1,"source":{"path":"a.txt"},"report":{"agency":"某局","year":2023,"template":"2021"},"active_disclosure":{"fees":{"amount":1.2345678},"procurement":{"items":3,"amount":12.5}},"applications":{"new_received":{"natural_person":2.5,"total":7}},"checks":[],"issues":[]}"#;
    let jsonl = tmp.path().join("in.jsonl");
    fs::write(&jsonl, format!("{line}\n")).unwrap();
    let out = tmp.path().join("w.parquet");
    let o = run(&[
        "convert",
        jsonl.to_str().unwrap(),
        "-f",
        "wide-parquet",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let (names, rows) = cells(&read_parquet(&out), true);
    let cell = |n: &str| rows[0][names.iter().position(|x| x == n).unwrap()].clone();
    assert_eq!(cell("applications.new_received.natural_person"), "");
    assert_eq!(cell("applications.new_received.total"), "7");
    assert_eq!(cell("active_disclosure.fees.amount"), "");
    assert_eq!(cell("active_disclosure.procurement.amount"), "12.5");
    assert_eq!(cell("active_disclosure.procurement.items"), "3");
    assert_eq!(cell("agency"), "某局");
    assert_eq!(cell("year"), "2023");
    assert_eq!(cell("error"), "", "no error is a null");
}
