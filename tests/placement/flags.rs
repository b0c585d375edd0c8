//! Issues name the cells they concern (`fields`), and the long CSV carries them per cell
//! (`flags`): a pandas user drops or reviews flagged cells in one line, and an absent cell that
//! is flagged still has its row.

use std::collections::BTreeMap;
use std::process::Command;

use crate::common::root;

/// Codes that concern table cells and so must name them.
const CELL_CODES: [&str; 7] = [
    "cell_missing",
    "cell_unreadable",
    "cell_inferred",
    "row_placed_by_order",
    "value_unparsed",
    "cell_annotated",
    "unit_converted",
];

#[test]
fn every_issue_about_cells_names_them() {
    for dir in [
        "samples/corpus",
        "samples/shapes",
        "samples/text",
        "samples/seed",
    ] {
        for (doc, _) in crate::common::truths(dir) {
            let rec = xxgk::extract(&doc, &xxgk::Options::default());
            for i in &rec.issues {
                if CELL_CODES.contains(&i.code.as_str()) || i.code == "table_missing" {
                    assert!(!i.fields.is_empty(), "{}: {i:?}", doc.display());
                    for f in &i.fields {
                        let table = f.split('.').next().unwrap();
                        assert!(
                            ["active_disclosure", "applications", "review_litigation"]
                                .contains(&table),
                            "{f}"
                        );
                    }
                }
            }
        }
    }
}

/// The long CSV of one file: (table.row.column) → (value, flags).
fn csv_cells(path: &str) -> BTreeMap<String, (String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["extract", "-q", "-f", "csv", path])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(reader.headers().unwrap().get(10), Some("flags"));
    let mut cells = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if row[4].is_empty() {
            continue;
        }
        let key = format!("{}.{}.{}", &row[4], &row[5], &row[6]);
        cells.insert(key, (row[7].to_string(), row[10].to_string()));
    }
    cells
}

#[test]
fn unreadable_cells_keep_a_flagged_row_in_the_csv() {
    let path = root("samples/corpus/fj-pingtan-2021.crawl.txt");
    let rec = xxgk::extract(&path, &xxgk::Options::default());
    let cells = csv_cells(path.to_str().unwrap());
    let unreadable: Vec<&String> = rec
        .issues
        .iter()
        .filter(|i| i.code == "cell_unreadable")
        .flat_map(|i| &i.fields)
        .collect();
    assert!(!unreadable.is_empty());
    for f in unreadable {
        let (value, flags) = cells.get(f).unwrap_or_else(|| panic!("no CSV row for {f}"));
        assert!(value.is_empty(), "{f} is absent: {value}");
        assert!(
            flags.split(';').any(|c| c == "cell_unreadable"),
            "{f}: {flags}"
        );
    }
    // A cell read with certainty carries no flag.
    assert!(cells.values().any(|(v, f)| !v.is_empty() && f.is_empty()));
}

#[test]
fn a_failed_check_flags_every_cell_it_involves() {
    // Table 四 of this report prints two totals that are not the sum of their parts.
    let path = root("samples/corpus/js-huaian-hongze-2023.pdf");
    let rec = xxgk::extract(&path, &xxgk::Options::default());
    let failed: Vec<&xxgk::record::Check> = rec
        .checks
        .iter()
        .filter(|c| c.ok == Some(false) && c.rule == "review_litigation.total")
        .collect();
    assert!(!failed.is_empty());
    let cells = csv_cells(path.to_str().unwrap());
    for c in failed {
        let group = c.group.as_deref().unwrap();
        for col in ["upheld", "corrected", "other", "pending", "total"] {
            let key = format!("review_litigation.{group}.{col}");
            let (_, flags) = &cells[&key];
            assert!(flags.contains("review_litigation.total"), "{key}: {flags}");
        }
    }
    // Cells of the groups whose totals hold are not flagged by it.
    let clean = cells
        .iter()
        .filter(|(k, _)| k.starts_with("review_litigation."))
        .any(|(_, (_, f))| f.is_empty());
    assert!(clean);
}
