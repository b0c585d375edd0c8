//! Exit codes, `--pretty`, a closed stdout, and the JSONL contract.

use std::io::Read;
use std::process::Stdio;

use xxgk::record::Record;

use super::{archive, records, run, xxgk};
use crate::common::root;

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = archive(tmp.path());
    let good = root("samples/text");
    assert_eq!(
        run(&["extract", "-q", good.to_str().unwrap()])
            .status
            .code(),
        Some(0),
        "findings are not failures"
    );
    assert_eq!(
        run(&["extract", "-q", dir.to_str().unwrap()]).status.code(),
        Some(1),
        "the corrupt PDF"
    );
    let usage: [&[&str]; 7] = [
        &["extract"],
        &["extract", "--shard", "4/3", "x"],
        &["extract", "--no-such-flag", "x"],
        &["extract", "--resume", "x"],
        &["extract", "--resume", "-f", "csv", "-o", "out.csv", "x"],
        &["extract", "--pretty", "-f", "wide", "x"],
        &["extract", "--jobs", "0", "x"],
    ];
    for args in usage {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn pretty_prints_one_indented_record_per_file() {
    let inputs = [
        root("samples/text/complete-2021.txt"),
        root("samples/text/not-a-report.txt"),
    ];
    let out = xxgk()
        .arg("extract")
        .arg("--pretty")
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 20 && text.contains("\n  \"source\": {"));
    let recs: Vec<Record> = serde_json::Deserializer::from_str(&text)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1].source.path, inputs[1].to_string_lossy());
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = archive(tmp.path());
    let mut child = xxgk()
        .args([
            "extract",
            "--provenance",
            dir.to_str().unwrap(),
            dir.to_str().unwrap(),
        ])
        .args(std::iter::repeat_n(
            root("samples/text").to_str().unwrap().to_string(),
            1,
        ))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert_ne!(out.status.code(), Some(2));
}

#[test]
fn jsonl_deserialises_into_the_record_types() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    for extra in [None, Some("--provenance")] {
        let mut cmd = xxgk();
        cmd.args(["extract", dir.to_str().unwrap()]);
        cmd.args(extra);
        let out = cmd.output().unwrap();
        let recs = records(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(recs.len(), expected.len());
        for r in &recs {
            assert_eq!(r.schema_version, 1);
            let reread: Record = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
            assert_eq!(&reread, r);
        }
    }
}

#[test]
fn a_file_past_the_time_limit_is_an_error_record() {
    let inputs = [
        root("samples/text/complete-2021.txt"),
        root("samples/text/complete-2019.txt"),
    ];
    let out = xxgk()
        .args(["extract", "--timeout", "0.000001"])
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), 2);
    assert!(
        recs.iter()
            .all(|r| r.error.as_ref().unwrap().code == "timeout")
    );
    let fine = xxgk()
        .args(["extract", "--timeout", "0"])
        .args(&inputs)
        .output()
        .unwrap();
    assert_eq!(fine.status.code(), Some(0), "0: no limit");
}
