//! Damaged input: every sample cut short or with bytes overwritten still gives a record (with
//! an error or without), never a panic.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common::root;

const SAMPLES: [&str; 7] = [
    "samples/html/qingshan-county-2021.gbk-page.html",
    "samples/html/baishui-eco-2019.word-export.htm",
    "samples/docx/qingshan-county-2021.docx",
    "samples/xlsx/qingshan-county-2021.xlsx",
    "samples/xlsx/qingshan-county-2021.xls",
    "samples/xlsx/qingshan-county-2021.ods",
    "samples/corpus/template-2021-blank.docx",
];

/// A small deterministic generator, so that a failure names its case.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn cut_or_overwritten_samples_never_panic() {
    let opts = xxgk::Options::default();
    for rel in SAMPLES {
        let bytes = std::fs::read(root(rel)).unwrap();
        let ext = rel.rsplit('.').next().unwrap_or_default();
        let mut rng = Lcg(bytes.len() as u64);
        for case in 0..24 {
            let mut b = bytes.clone();
            if case < 8 {
                b.truncate(bytes.len() * (case + 1) / 9);
            } else {
                for _ in 0..(case - 7) * 4 {
                    let at = rng.next(b.len());
                    b[at] = rng.next(256) as u8;
                }
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                xxgk::extract_bytes(&b, &format!("case.{ext}"), &opts)
            }));
            assert!(outcome.is_ok(), "{rel}: case {case} panicked");
        }
    }
}

/// A damaged XLS whose Dimensions record declares billions of cells: calamine would reserve
/// memory for them and abort the process; we refuse it first.
#[test]
fn xls_declaring_a_huge_sheet_is_too_large_not_an_abort() {
    let path = root("tests/fixtures/xls-dimensions-declare-51e9-cells_should_be_too_large.xls");
    let rec = xxgk::extract(&path, &xxgk::Options::default());
    assert_eq!(
        rec.error.as_ref().map(|e| e.code.as_str()),
        Some("too_large")
    );
}
