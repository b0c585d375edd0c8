//! `applications.balance`, per column: new_received + carried_over = results_total + carried_forward.

use super::{evaluate, term};
use crate::normalize::schema::APPLICATION_COLUMNS;
use crate::record::{Check, Section};

pub(super) fn check(apps: &Section, out: &mut Vec<Check>) {
    for col in APPLICATION_COLUMNS {
        let parts = [
            term(apps, "new_received", col),
            term(apps, "carried_over", col),
        ];
        let totals = [
            term(apps, "results_total", col),
            term(apps, "carried_forward", col),
        ];
        let mut c = evaluate("applications.balance", &parts, &totals);
        c.column = Some(col.to_string());
        out.push(c);
    }
}
