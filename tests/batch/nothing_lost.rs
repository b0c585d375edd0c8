//! Every input gets exactly one record; what a walk skips is counted; a panic stays in its file.

use std::io::Write;
use std::process::Stdio;

use super::{archive, by_path, paths, records, run, xxgk};

#[test]
fn every_file_of_a_walk_appears_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    for extra in [&[][..], &["-L"], &["--order", "done", "--jobs", "1"]] {
        let mut args = vec!["extract", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = run(&args);
        let recs = records(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(paths(&recs), expected, "{extra:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("2 skipped as none of our formats"),
            "{stderr}"
        );
        assert!(stderr.contains("2 hidden"), "{stderr}");
    }
}

#[test]
fn records_come_in_input_order_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = archive(tmp.path());
    let out = run(&["extract", "--jobs", "2", dir.to_str().unwrap()]);
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    let one = run(&["extract", "--jobs", "1", dir.to_str().unwrap()]);
    let walked: Vec<String> = records(&String::from_utf8(one.stdout).unwrap())
        .into_iter()
        .map(|r| r.source.path)
        .collect();
    let got: Vec<String> = recs.into_iter().map(|r| r.source.path).collect();
    assert_eq!(got, walked);
}

#[test]
fn files_named_explicitly_always_get_a_record() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = archive(tmp.path());
    let image = dir.join("scan.png");
    let missing = dir.join("missing.pdf");
    let out = run(&[
        "extract",
        image.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    let codes: Vec<&str> = recs
        .iter()
        .map(|r| r.error.as_ref().unwrap().code.as_str())
        .collect();
    assert_eq!(codes, ["unsupported_format", "io"]);
}

#[test]
fn a_list_on_stdin_and_paths_named_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let first = expected[0].clone();
    let mut child = xxgk()
        .args(["extract", "--files-from", "-", &first])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut list = String::new();
    for p in &expected {
        list.push_str(p);
        list.push_str("\r\n");
    }
    list.push('\n');
    list.push_str(dir.join("scan.png").to_str().unwrap());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    let mut want = expected.clone();
    want.push(dir.join("scan.png").to_string_lossy().into_owned());
    want.sort();
    assert_eq!(
        paths(&recs),
        want,
        "the first path is named twice: one record"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 named twice"));
}

#[test]
fn a_panic_in_one_file_leaves_the_others_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let clean = run(&["extract", dir.to_str().unwrap()]);
    let clean = by_path(&records(&String::from_utf8(clean.stdout).unwrap()));
    let out = xxgk()
        .args(["extract", "--jobs", "2", dir.to_str().unwrap()])
        .env("XXGK_TEST_PANIC", "complete-2019")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked at"),
        "the panic stays in its record: {stderr}"
    );
    assert!(stderr.contains("internal 1"), "{stderr}");
    let recs = records(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(paths(&recs), expected);
    for r in &recs {
        if r.source.path.contains("complete-2019") {
            let e = r.error.as_ref().unwrap();
            assert_eq!(e.code, "internal");
            assert!(
                e.message.contains("XXGK_TEST_PANIC") && e.message.contains("batch.rs"),
                "{}",
                e.message
            );
        } else {
            assert_eq!(serde_json::to_string(r).unwrap(), clean[&r.source.path]);
        }
    }
}

#[test]
fn the_output_inside_a_walked_folder_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let out = dir.join("out.jsonl");
    for extra in [None, Some("--resume")] {
        let mut cmd = xxgk();
        cmd.args([
            "extract",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        cmd.args(extra);
        cmd.output().unwrap();
        let recs = records(&std::fs::read_to_string(&out).unwrap());
        assert_eq!(paths(&recs), expected);
    }
}

/// A writer that takes the batch's records by value (as the Python package's iterator does):
/// every record reaches it once, given away rather than lent, after the observer heard of it.
#[test]
fn a_writer_that_takes_records_gets_each_once_after_the_observer() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use xxgk::batch::{self, Config, Input, Observer, Order};
    use xxgk::record::Record;
    use xxgk::write::Writer;

    struct Heard(Rc<RefCell<Vec<String>>>);
    impl Observer for Heard {
        fn done(&mut self, rec: Option<&Record>) {
            if let Some(r) = rec {
                self.0.borrow_mut().push(r.source.path.clone());
            }
        }
    }
    struct Take {
        heard: Rc<RefCell<Vec<String>>>,
        taken: Vec<String>,
        lent: usize,
    }
    impl Writer for Take {
        fn record(&mut self, _rec: &Record) -> std::io::Result<()> {
            self.lent += 1;
            Ok(())
        }
        fn record_owned(&mut self, rec: Box<Record>) -> std::io::Result<()> {
            assert!(
                self.heard.borrow().contains(&rec.source.path),
                "{} given before the observer heard of it",
                rec.source.path
            );
            self.taken.push(rec.source.path);
            Ok(())
        }
    }

    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let heard = Rc::new(RefCell::new(Vec::new()));
    for order in [Order::Input, Order::Done] {
        heard.borrow_mut().clear();
        let config = Config {
            jobs: 2,
            window: 4,
            order,
            ..Config::default()
        };
        let mut writer = Take {
            heard: Rc::clone(&heard),
            taken: Vec::new(),
            lent: 0,
        };
        let summary = batch::run(
            &[Input::Path(dir.clone())],
            &config,
            &mut writer,
            &mut Heard(Rc::clone(&heard)),
        )
        .unwrap();
        writer.taken.sort();
        assert_eq!(writer.taken, expected, "{order:?}");
        assert_eq!(writer.lent, 0, "{order:?}: records lent, not given");
        assert_eq!(summary.records as usize, expected.len(), "{order:?}");
    }
}
