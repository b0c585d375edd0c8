//! `--resume`: a run killed at any moment, resumed, ends with the records of an uninterrupted
//! run, each once.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::{archive, by_path, paths, records, run, xxgk};

fn lines(path: &Path) -> usize {
    fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0)
}

fn assert_same_records(out: &Path, whole: &str) {
    let text = fs::read_to_string(out).unwrap();
    let got = records(&text);
    let want = records(whole);
    assert_eq!(paths(&got), paths(&want), "each file once");
    assert_eq!(by_path(&got), by_path(&want));
}

/// Kill after some records were written, tear the last line as a kill mid-write would, resume.
#[test]
fn resume_after_a_kill_with_a_torn_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let list = tmp.path().join("list.txt");
    fs::write(&list, expected.join("\n")).unwrap();
    let whole = run(&["extract", dir.to_str().unwrap()]);
    let whole = String::from_utf8(whole.stdout).unwrap();
    let out = tmp.path().join("out.jsonl");

    // The list comes through a pipe held open: the run waits for more paths after the first five.
    let mut child = xxgk()
        .args(["extract", "--files-from", "-", "-o", out.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all((expected[..5].join("\n") + "\n").as_bytes())
        .unwrap();
    stdin.flush().unwrap();
    let start = Instant::now();
    while lines(&out) < 5 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the first records were not written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    let mut f = fs::OpenOptions::new().append(true).open(&out).unwrap();
    f.write_all(br#"{"schema_version":1,"source":{"path":"#)
        .unwrap();
    drop(f);

    let resumed = run(&[
        "extract",
        "--resume",
        "-o",
        out.to_str().unwrap(),
        "--files-from",
        list.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(
        stderr.contains("5 records kept") && stderr.contains("torn"),
        "{stderr}"
    );
    assert!(stderr.contains("5 already in the output"), "{stderr}");
    assert_same_records(&out, &whole);
}

/// Kill a directory run at several moments (the machine decides where each lands), resume each.
#[test]
fn resume_after_kills_at_any_moment() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = archive(tmp.path());
    // More files, so that the kills land inside the run.
    for i in 0..12 {
        let copy = tmp.path().join("archive").join(format!("copy{i:02}"));
        fs::create_dir_all(&copy).unwrap();
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    let whole = run(&["extract", dir.to_str().unwrap()]);
    let whole = String::from_utf8(whole.stdout).unwrap();
    for (i, delay) in [30u64, 120, 400].into_iter().enumerate() {
        let out = tmp.path().join(format!("out{i}.jsonl"));
        let mut child = xxgk()
            .args([
                "extract",
                "--jobs",
                "2",
                dir.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        let resumed = run(&[
            "extract",
            "--resume",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(resumed.status.code().is_some());
        assert_same_records(&out, &whole);
        // A second resume finds nothing left to do.
        let again = run(&[
            "extract",
            "--resume",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(String::from_utf8_lossy(&again.stderr).contains(" 0 records,"));
        assert_same_records(&out, &whole);
    }
}
