//! The checks (勾稽关系) of SCHEMA.md, one file per rule. A failed check is a finding about
//! the published report, never a reason to change a number.

mod balance;
mod results_sum;
mod review_total;
mod row_total;

use crate::record::{Check, Record, Section};

/// Every rule that applies to one report. `inferred_rows`: rows set by the inference rule,
/// whose `applications.row_total` is reported `ok: null` (used, not tested).
pub fn run(rec: &Record, inferred_rows: &[String]) -> Vec<Check> {
    let mut out = Vec::new();
    if let Some(apps) = &rec.applications {
        balance::check(apps, &mut out);
        results_sum::check(apps, &mut out);
        row_total::check(apps, inferred_rows, &mut out);
    }
    if let Some(rl) = &rec.review_litigation {
        review_total::check(rl, &mut out);
    }
    out
}

/// A cell as the checks see it: absent (not in the record), empty (null) or a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Term {
    Absent,
    Empty,
    Num(i64),
}

fn term(sec: &Section, row: &str, col: &str) -> Term {
    match sec.get(row).and_then(|r| r.get(col)) {
        None => Term::Absent,
        Some(v) => match v.number() {
            None => Term::Empty,
            Some(n) => n
                .as_i64()
                .or_else(|| n.as_f64().map(|f| f as i64))
                .map_or(Term::Empty, Term::Num),
        },
    }
}

/// One side of a rule: the sum, or `None` when a cell is absent; and whether every cell
/// of it is empty.
fn side(terms: &[Term]) -> (Option<i64>, bool) {
    let mut sum = 0i64;
    let mut all_empty = true;
    for t in terms {
        match t {
            Term::Absent => return (None, false),
            Term::Empty => {}
            Term::Num(n) => {
                all_empty = false;
                sum += n;
            }
        }
    }
    (Some(sum), all_empty)
}

/// Evaluates `expected` (the parts) against `found` (the printed total) by SCHEMA.md's rules:
/// null counts as 0, a wholly blank side facing a non-zero side is not evaluable, and an
/// absent cell makes its side null.
fn evaluate(rule: &str, parts: &[Term], totals: &[Term]) -> Check {
    let (mut expected, parts_blank) = side(parts);
    let (mut found, totals_blank) = side(totals);
    let mut ok = match (expected, found) {
        (Some(e), Some(f)) => Some(e == f),
        _ => None,
    };
    if ok.is_some() {
        if totals_blank && expected != Some(0) {
            found = None;
            ok = None;
        } else if parts_blank && found != Some(0) {
            expected = None;
            ok = None;
        }
    }
    Check {
        rule: rule.to_string(),
        row: None,
        column: None,
        group: None,
        ok,
        expected,
        found,
    }
}
