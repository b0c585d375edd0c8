//! `applications.results_sum`, per column: results_total = the sum of every result row,
//! （一） to （五） and （六） as the report prints it (`other`, or the three `other_*` rows).

use super::{evaluate, term};
use crate::normalize::schema::{APPLICATION_COLUMNS, result_rows};
use crate::record::{Check, Section};

pub(super) fn check(apps: &Section, out: &mut Vec<Check>) {
    let sixth: &[&str] =
        if apps.contains_key("other") && !apps.keys().any(|k| k.starts_with("other_")) {
            &["other"]
        } else {
            &["other_no_correction", "other_unpaid_fee", "other_other"]
        };
    for col in APPLICATION_COLUMNS {
        let parts: Vec<_> = result_rows()
            .iter()
            .chain(sixth)
            .map(|r| term(apps, r, col))
            .collect();
        let mut c = evaluate(
            "applications.results_sum",
            &parts,
            &[term(apps, "results_total", col)],
        );
        c.column = Some(col.to_string());
        out.push(c);
    }
}
