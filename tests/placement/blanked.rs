//! Property: take a complete report in any format that gives places, blank out random cells
//! (or delete them from the file's storage, for spreadsheets), and every value the record
//! still holds is the truth of its own key; no value ever moves under another column. A cell
//! that is absent is flagged by a warning whose `fields` cover it.

use std::io::{Read, Write};

use proptest::prelude::*;
use serde_json::Value;

use crate::common::root;

/// A small deterministic generator: which of the candidate cells to blank.
fn picks(seed: u64, n: usize, per_mille: u64) -> Vec<bool> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % 1000 < per_mille
        })
        .collect()
}

/// Blanks the picked numbers that stand alone between `open` and `close`
/// (`>12<` in markup, `\t12\t` in a tab dump, `| 12 |` in a pipe table).
fn blank_between(text: &str, open: char, close: char, seed: u64, per_mille: u64) -> String {
    replace_between(text, open, close, seed, per_mille, "").0
}

/// Replaces the picked numbers that stand alone between `open` and `close` by `with`; also
/// gives how many were replaced.
fn replace_between(
    text: &str,
    open: char,
    close: char,
    seed: u64,
    per_mille: u64,
    with: &str,
) -> (String, usize) {
    let spans: Vec<(usize, usize)> = {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] as char == open {
                let mut j = i + 1;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                let start = j;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let end = j;
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if end > start
                    && j < b.len()
                    && (b[j] as char == close || (close == '\t' && b[j] == b'\n'))
                {
                    out.push((start, end));
                }
            }
            i += 1;
        }
        out
    };
    let pick = picks(seed, spans.len(), per_mille);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut n = 0;
    for ((s, e), p) in spans.into_iter().zip(pick) {
        if p {
            out.push_str(&text[at..s]);
            out.push_str(with);
            at = e;
            n += 1;
        }
    }
    out.push_str(&text[at..]);
    (out, n)
}

/// Deletes the picked numeric cells (`<c …><v>12</v></c>`) from a sheet's XML.
fn delete_cells(xml: &str, seed: u64, per_mille: u64) -> String {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(p) = xml[i..].find("<c ") {
        let s = i + p;
        let Some(q) = xml[s..].find("</c>") else {
            break;
        };
        let e = s + q + 4;
        let c = &xml[s..e];
        let stored_number = !c.contains(" t=\"s\"")
            && !c.contains("t=\"str\"")
            && !c.contains("inlineStr")
            && c.contains("<v>")
            && !c[..c.find('>').unwrap_or(0)].ends_with('/');
        if stored_number {
            cells.push((s, e));
        }
        i = s + 3;
    }
    let pick = picks(seed, cells.len(), per_mille);
    let mut out = String::new();
    let mut at = 0;
    for ((s, e), p) in cells.into_iter().zip(pick) {
        if p {
            out.push_str(&xml[at..s]);
            at = e;
        }
    }
    out.push_str(&xml[at..]);
    out
}

/// A zip container with its members rewritten by `f` where `f` returns Some.
fn rezip(bytes: &[u8], f: impl Fn(&str, &str) -> Option<String>) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zout = zip::ZipWriter::new(&mut buf);
        for i in 0..zin.len() {
            let mut m = zin.by_index(i).unwrap();
            let name: String = m.name().unwrap().into_owned();
            let mut data = Vec::new();
            m.read_to_end(&mut data).unwrap();
            let data = match std::str::from_utf8(&data).ok().and_then(|s| f(&name, s)) {
                Some(s) => s.into_bytes(),
                None => data,
            };
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zout.start_file(name, opts).unwrap();
            zout.write_all(&data).unwrap();
        }
        zout.finish().unwrap();
    }
    buf.into_inner()
}

fn value_of(v: &Value) -> &Value {
    match v {
        Value::Object(m) if m.contains_key("value") => &m["value"],
        other => other,
    }
}

/// Every number the record holds is its own key's truth; every absent truth cell is flagged.
fn holds(rec: &xxgk::Record, truth: &Value) -> Result<(), String> {
    let rec = serde_json::to_value(rec).unwrap();
    let flagged: Vec<String> = rec["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["level"] == "warning")
        .flat_map(|i| i["fields"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(str::to_string))
        .collect();
    let covered = |key: &str| {
        flagged
            .iter()
            .any(|f| key == f || key.starts_with(&format!("{f}.")))
    };
    for sec in ["active_disclosure", "applications", "review_litigation"] {
        let Some(t) = truth.get(sec).and_then(Value::as_object) else {
            continue;
        };
        for (row, cols) in t {
            for (col, tv) in cols.as_object().unwrap() {
                let key = format!("{sec}.{row}.{col}");
                match rec
                    .get(sec)
                    .and_then(|s| s.get(row))
                    .and_then(|r| r.get(col))
                {
                    None => {
                        if !covered(&key) {
                            return Err(format!("{key} absent with no warning naming it"));
                        }
                    }
                    Some(v) => {
                        let v = value_of(v);
                        if v.is_null() {
                            continue;
                        }
                        let same = tv
                            .as_f64()
                            .zip(v.as_f64())
                            .is_some_and(|(a, b)| (a - b).abs() < 1e-6);
                        if !same {
                            return Err(format!("{key}: truth {tv}, record {v}"));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn truth_of(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root(&format!("{rel}.truth.json"))).unwrap())
        .unwrap()
}

fn run_text(rel: &str, name: &str, blank: impl Fn(&str) -> String) -> Result<(), String> {
    let text = std::fs::read_to_string(root(rel)).unwrap();
    let changed = blank(&text);
    let rec = xxgk::extract_bytes(changed.as_bytes(), name, &xxgk::Options::default());
    holds(&rec, &truth_of(rel))
}

/// How many of the truth's cells the record does not hold.
fn absent(rec: &xxgk::Record, truth: &Value) -> usize {
    let rec = serde_json::to_value(rec).unwrap();
    let mut n = 0;
    for sec in ["active_disclosure", "applications", "review_litigation"] {
        let Some(t) = truth.get(sec).and_then(Value::as_object) else {
            continue;
        };
        for (row, cols) in t {
            for col in cols.as_object().unwrap().keys() {
                n += rec
                    .get(sec)
                    .and_then(|s| s.get(row))
                    .and_then(|r| r.get(col))
                    .is_none() as usize;
            }
        }
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn html_cells_blanked_at_random(seed in any::<u64>(), rate in 50u64..600) {
        let r = run_text("samples/html/qingshan-county-2021.page.html", "page.html", |t| blank_between(t, '>', '<', seed, rate));
        prop_assert!(r.is_ok(), "{:?}", r);
    }

    /// An unreadable cell (U+FFFD, as OCR or an unmapped font gives, or marks alone, a
    /// misread `_`) is that cell's loss only: the row's other cells keep their values and
    /// places.
    #[test]
    fn html_cells_unreadable_at_random(seed in any::<u64>(), rate in 20u64..300, mark in 0usize..3) {
        let rel = "samples/html/qingshan-county-2021.page.html";
        let text = std::fs::read_to_string(root(rel)).unwrap();
        let with = ["\u{fffd}", "_", "\u{fffd} \u{fffd}"][mark];
        let (changed, n) = replace_between(&text, '>', '<', seed, rate, with);
        let rec = xxgk::extract_bytes(changed.as_bytes(), "page.html", &xxgk::Options::default());
        let truth = truth_of(rel);
        let r = holds(&rec, &truth);
        prop_assert!(r.is_ok(), "{:?}", r);
        let lost = absent(&rec, &truth);
        prop_assert!(lost <= n, "{} cells made unreadable, {} absent", n, lost);
    }

    #[test]
    fn tab_fields_blanked_at_random(seed in any::<u64>(), rate in 50u64..600) {
        let r = run_text("samples/shapes/qingshan-county-2021.tab-blank-zero-fields-kept.txt", "dump.txt", |t| blank_between(t, '\t', '\t', seed, rate));
        prop_assert!(r.is_ok(), "{:?}", r);
    }

    #[test]
    fn pipe_cells_blanked_at_random(seed in any::<u64>(), rate in 50u64..600) {
        let r = run_text("samples/shapes/qingshan-county-2021.md-blank-zero-cells-kept.md", "dump.md", |t| blank_between(t, '|', '|', seed, rate));
        prop_assert!(r.is_ok(), "{:?}", r);
    }

    #[test]
    fn docx_cells_blanked_at_random(seed in any::<u64>(), rate in 50u64..600) {
        let rel = "samples/docx/qingshan-county-2021.docx";
        let bytes = std::fs::read(root(rel)).unwrap();
        let changed = rezip(&bytes, |name, xml| (name == "word/document.xml").then(|| blank_between(xml, '>', '<', seed, rate)));
        let rec = xxgk::extract_bytes(&changed, "report.docx", &xxgk::Options::default());
        let r = holds(&rec, &truth_of(rel));
        prop_assert!(r.is_ok(), "{:?}", r);
    }

    #[test]
    fn xlsx_cells_deleted_from_storage_at_random(seed in any::<u64>(), rate in 50u64..600) {
        let rel = "samples/xlsx/qingshan-county-2021.xlsx";
        let bytes = std::fs::read(root(rel)).unwrap();
        let changed = rezip(&bytes, |name, xml| name.starts_with("xl/worksheets/").then(|| delete_cells(xml, seed, rate)));
        let rec = xxgk::extract_bytes(&changed, "report.xlsx", &xxgk::Options::default());
        let r = holds(&rec, &truth_of(rel));
        prop_assert!(r.is_ok(), "{:?}", r);
    }
}
