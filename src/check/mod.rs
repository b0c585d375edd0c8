//! The checks (勾稽关系) of SCHEMA.md, one file per rule. A failed check is a finding about
//! the published report, never a reason to change a number.

mod balance;
pub mod ocr;
mod results_sum;
mod review_total;
mod row_total;
pub mod text;

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

/// The cells a check involves, as dotted keys (`applications.granted.total`), for the rows of
/// the record it was run on.
pub fn cells(check: &Check, rec: &Record) -> Vec<String> {
    use crate::normalize::schema::{APPLICATION_COLUMNS, REVIEW_COLUMNS, result_rows};
    if !check.fields.is_empty() {
        return check.fields.clone();
    }
    let apps = |rows: &[&str], cols: &[&str]| -> Vec<String> {
        rows.iter()
            .flat_map(|r| cols.iter().map(move |c| format!("applications.{r}.{c}")))
            .collect()
    };
    let column = check.column.as_deref().map(|c| vec![c]).unwrap_or_default();
    match check.rule.as_str() {
        "applications.balance" => apps(
            &[
                "new_received",
                "carried_over",
                "results_total",
                "carried_forward",
            ],
            &column,
        ),
        "applications.results_sum" => {
            let printed = |k: &str| rec.applications.as_ref().is_some_and(|a| a.contains_key(k));
            let mut rows: Vec<&str> = result_rows().to_vec();
            if printed("other") && !printed("other_other") {
                rows.push("other");
            } else {
                rows.extend(["other_no_correction", "other_unpaid_fee", "other_other"]);
            }
            rows.push("results_total");
            apps(&rows, &column)
        }
        "applications.row_total" => match check.row.as_deref() {
            Some(r) => apps(&[r], &APPLICATION_COLUMNS),
            None => Vec::new(),
        },
        "review_litigation.total" => match check.group.as_deref() {
            Some(g) => REVIEW_COLUMNS
                .iter()
                .map(|c| format!("review_litigation.{g}.{c}"))
                .collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
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
        fields: Vec::new(),
        quote: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn section(v: serde_json::Value) -> Section {
        serde_json::from_value(v).unwrap()
    }

    fn record(apps: serde_json::Value, rl: serde_json::Value) -> Record {
        Record {
            applications: Some(section(apps)),
            review_litigation: Some(section(rl)),
            ..Record::default()
        }
    }

    fn find<'a>(checks: &'a [Check], rule: &str, at: &str) -> &'a Check {
        checks
            .iter()
            .find(|c| {
                c.rule == rule
                    && [&c.row, &c.column, &c.group]
                        .iter()
                        .any(|x| x.as_deref() == Some(at))
            })
            .unwrap_or_else(|| panic!("no {rule} for {at}"))
    }

    fn row(vals: [Option<i64>; 7]) -> serde_json::Value {
        let cols = crate::normalize::schema::APPLICATION_COLUMNS;
        serde_json::Value::Object(
            cols.iter()
                .zip(vals)
                .map(|(c, v)| (c.to_string(), json!(v)))
                .collect(),
        )
    }

    #[test]
    fn balance_per_column() {
        let z = [Some(0); 7];
        let apps = json!({
            "new_received": row([Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)]),
            "carried_over": row([Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)]),
            "results_total": row([Some(4), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)]),
            "carried_forward": row(z),
        });
        let checks = run(&record(apps, json!({})), &[]);
        let c = find(&checks, "applications.balance", "natural_person");
        assert_eq!((c.ok, c.expected, c.found), (Some(true), Some(4), Some(4)));
        let c = find(&checks, "applications.balance", "total");
        assert_eq!((c.ok, c.expected, c.found), (Some(false), Some(4), Some(3)));
    }

    #[test]
    fn results_sum_uses_the_sixth_group_as_printed() {
        let mut apps = serde_json::Map::new();
        for r in crate::normalize::schema::result_rows() {
            apps.insert(
                r.to_string(),
                row([
                    Some(1),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(1),
                ]),
            );
        }
        apps.insert(
            "other".into(),
            row([
                Some(2),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(2),
            ]),
        );
        apps.insert(
            "results_total".into(),
            row([
                Some(20),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(20),
            ]),
        );
        let checks = run(
            &record(serde_json::Value::Object(apps.clone()), json!({})),
            &[],
        );
        let c = find(&checks, "applications.results_sum", "total");
        assert_eq!(
            (c.ok, c.expected, c.found),
            (Some(true), Some(20), Some(20))
        );
        // The three rows of template 2021 instead of `other`.
        apps.remove("other");
        apps.insert(
            "other_no_correction".into(),
            row([
                Some(1),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(1),
            ]),
        );
        apps.insert("other_unpaid_fee".into(), row([Some(0); 7]));
        apps.insert("other_other".into(), row([Some(0); 7]));
        let checks = run(&record(serde_json::Value::Object(apps), json!({})), &[]);
        let c = find(&checks, "applications.results_sum", "total");
        assert_eq!(
            (c.ok, c.expected, c.found),
            (Some(false), Some(19), Some(20))
        );
    }

    #[test]
    fn row_total_blank_total_and_absent_cells() {
        let apps = json!({
            "granted": row([Some(258), Some(12), Some(1), None, Some(1), None, None]),
            "partially_granted": row([Some(1), Some(1), Some(0), Some(0), Some(0), Some(0), Some(2)]),
            "denied_query": {"natural_person": 1, "total": 1},
            "unable_unclear": row([None, None, None, None, None, None, Some(0)]),
        });
        let checks = run(&record(apps, json!({})), &["partially_granted".to_string()]);
        // A blank total facing a non-zero sum is not evaluable; its side is null.
        let c = find(&checks, "applications.row_total", "granted");
        assert_eq!((c.ok, c.expected, c.found), (None, Some(272), None));
        // An inferred row's total is used, not tested.
        assert_eq!(
            find(&checks, "applications.row_total", "partially_granted").ok,
            None
        );
        // A row with absent cells is not evaluable and its parts side is null.
        let c = find(&checks, "applications.row_total", "denied_query");
        assert_eq!((c.ok, c.expected), (None, None));
        // Empty cells count as 0 where the other side is 0.
        assert_eq!(
            find(&checks, "applications.row_total", "unable_unclear").ok,
            Some(true)
        );
    }

    #[test]
    fn review_total_per_group() {
        let g = |v: [i64; 5]| json!({"upheld": v[0], "corrected": v[1], "other": v[2], "pending": v[3], "total": v[4]});
        let rl = json!({
            "review": g([10, 1, 0, 0, 0]),
            "litigation_direct": g([0, 0, 0, 0, 0]),
            "litigation_after_review": g([5, 0, 0, 0, 5]),
        });
        let checks = run(&record(json!({}), rl), &[]);
        let c = find(&checks, "review_litigation.total", "review");
        assert_eq!(
            (c.ok, c.expected, c.found),
            (Some(false), Some(11), Some(0))
        );
        assert_eq!(
            find(
                &checks,
                "review_litigation.total",
                "litigation_after_review"
            )
            .ok,
            Some(true)
        );
    }
}
