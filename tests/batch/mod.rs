//! Batch extraction, through the built binary: nothing lost, resume after a kill, shards,
//! the CSV and wide outputs, the series checks, exit codes and the JSONL contract.

/// Exit codes, `--pretty`, broken pipes, and the JSONL contract.
mod cli;
/// CSV (long) and wide outputs parse back to the JSONL's values; `convert` makes the same.
mod derived;
/// Every input appears exactly once; a panic in one file leaves the others intact.
mod nothing_lost;
/// `--resume` after killing the process gives the same set of records.
mod resume;
/// `xxgk series`: carry-over and in-force checks across years, duplicates.
mod series;
/// `--shard K/N`: the shards together are the unsharded run.
mod shard;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xxgk::record::Record;

use crate::common::root;

/// The built binary.
pub fn xxgk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xxgk"));
    c.env_remove("XXGK_TEST_PANIC");
    c
}

/// Runs the binary, returning its output; stderr is shown when it fails to parse.
pub fn run(args: &[&str]) -> Output {
    xxgk().args(args).output().expect("the binary runs")
}

/// The records of a JSONL text, each checked against the record types.
pub fn records(jsonl: &str) -> Vec<Record> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Record paths, sorted, duplicates kept.
pub fn paths(recs: &[Record]) -> Vec<String> {
    let mut p: Vec<String> = recs.iter().map(|r| r.source.path.clone()).collect();
    p.sort();
    p
}

/// Records by path, as JSON text (to compare whole records).
pub fn by_path(recs: &[Record]) -> BTreeMap<String, String> {
    recs.iter()
        .map(|r| (r.source.path.clone(), serde_json::to_string(r).unwrap()))
        .collect()
}

/// The report documents of samples/ (not their truth or notes files).
pub fn sample_reports() -> Vec<PathBuf> {
    let mut out = vec![root("samples/seed/000_b34427a2f19d7753.txt")];
    for dir in ["samples/text", "samples/corpus"] {
        let mut entries: Vec<PathBuf> = fs::read_dir(root(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                !name.ends_with(".truth.json")
                    && !name.ends_with(".notes.md")
                    && name != "README.md"
            })
            .collect();
        entries.sort();
        out.extend(entries);
    }
    out
}

/// An archive as a crawl leaves it: the sample reports in two folders, and beside them a
/// corrupt PDF, an empty file, a non-report text, an image, a binary blob, a hidden folder and a
/// directory symlink loop. Returns the folder and the paths (as the walk names them, under
/// `base`) that must get a record.
pub fn archive(base: &Path) -> (PathBuf, Vec<String>) {
    let dir = base.join("archive");
    let sub = dir.join("county").join("2023");
    fs::create_dir_all(&sub).unwrap();
    fs::create_dir_all(dir.join(".cache")).unwrap();
    let mut expected = Vec::new();
    for (i, p) in sample_reports().iter().enumerate() {
        let to = if i % 2 == 0 { &dir } else { &sub };
        let dest = to.join(p.file_name().unwrap());
        fs::copy(p, &dest).unwrap();
        expected.push(dest);
    }
    let write = |p: PathBuf, bytes: &[u8]| {
        fs::write(&p, bytes).unwrap();
        p
    };
    expected.push(write(
        dir.join("corrupt.pdf"),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog",
    ));
    expected.push(write(sub.join("empty.html"), b""));
    expected.push(write(
        dir.join("notice.txt"),
        "关于开展安全生产检查的通知\n各单位：\n".as_bytes(),
    ));
    write(
        dir.join("scan.png"),
        &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13, 0xff],
    );
    write(
        sub.join("blob.bin"),
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0xfe],
    );
    write(dir.join(".cache").join("copy.txt"), b"hidden");
    write(dir.join(".DS_Store"), b"hidden");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", sub.join("loop")).unwrap();
    let mut expected: Vec<String> = expected
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    expected.sort();
    (dir, expected)
}
