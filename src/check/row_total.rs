//! `applications.row_total`, per row: the six applicant columns add up to `total`.

use super::{evaluate, term};
use crate::normalize::schema::APPLICATION_COLUMNS;
use crate::record::{Check, Section};

pub(super) fn check(apps: &Section, inferred_rows: &[String], out: &mut Vec<Check>) {
    for row in apps.keys() {
        let parts: Vec<_> = APPLICATION_COLUMNS[..6]
            .iter()
            .map(|c| term(apps, row, c))
            .collect();
        let mut c = evaluate(
            "applications.row_total",
            &parts,
            &[term(apps, row, "total")],
        );
        c.row = Some(row.clone());
        if inferred_rows.contains(row) {
            // The inferred total was set by the rule that the check would test.
            c.ok = None;
        }
        out.push(c);
    }
}
