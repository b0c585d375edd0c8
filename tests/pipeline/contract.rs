//! The JSONL contract: the CLI's output deserialises into the record types, which deny
//! unknown fields; error records have an `error` and still name their file.

use std::process::Command;

use xxgk::record::Record;

use crate::common::root;

#[test]
fn cli_output_deserialises_into_the_record_types() {
    let dir = std::env::temp_dir().join(format!("xxgk-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8]).unwrap();
    let inputs = [
        root("samples/seed/000_b34427a2f19d7753.txt"),
        root("samples/corpus/fj-pingtan-2019.crawl.txt"),
        root("samples/corpus/sh-kewei-2024.extract.md"),
        root("samples/text/not-a-report.txt"),
        binary.clone(),
        dir.join("does-not-exist.txt"),
    ];
    for provenance in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xxgk"));
        cmd.arg("extract").args(&inputs);
        if provenance {
            cmd.arg("--provenance");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "some files could not be read");
        let text = String::from_utf8(out.stdout).unwrap();
        let records: Vec<Record> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        assert_eq!(
            records.len(),
            inputs.len(),
            "one record per input, in input order"
        );
        for (r, p) in records.iter().zip(&inputs) {
            assert_eq!(r.source.path, p.to_string_lossy());
        }
        assert_eq!(
            records[4].error.as_ref().unwrap().code,
            "unsupported_format"
        );
        assert_eq!(records[5].error.as_ref().unwrap().code, "io");
        assert!(records[0].error.is_none() && records[0].applications.is_some());
        // Cell issues name their cells in `fields` (the seed's inferred rows, the crawl's
        // unreadable cells), as dotted keys of the record's own sections.
        for r in &records[..2] {
            let cell_issues: Vec<_> = r
                .issues
                .iter()
                .filter(|i| i.code.starts_with("cell_"))
                .collect();
            assert!(!cell_issues.is_empty());
            for i in cell_issues {
                assert!(!i.fields.is_empty(), "{i:?}");
                for f in &i.fields {
                    let mut parts = f.split('.');
                    let section = r.section(parts.next().unwrap());
                    assert!(section.is_some(), "{f}");
                    let row = parts.next().unwrap();
                    assert!(
                        ["review", "litigation_direct", "litigation_after_review"].contains(&row)
                            || xxgk::normalize::schema::APPLICATION_ROWS.contains(&row)
                            || section.unwrap().contains_key(row),
                        "{f}"
                    );
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
