//! `review_litigation.total`, per group: upheld + corrected + other + pending = total.

use super::{evaluate, term};
use crate::normalize::schema::REVIEW_GROUPS;
use crate::record::{Check, Section};

pub(super) fn check(rl: &Section, out: &mut Vec<Check>) {
    for group in REVIEW_GROUPS {
        let parts: Vec<_> = ["upheld", "corrected", "other", "pending"]
            .iter()
            .map(|c| term(rl, group, c))
            .collect();
        let mut c = evaluate(
            "review_litigation.total",
            &parts,
            &[term(rl, group, "total")],
        );
        c.group = Some(group.to_string());
        out.push(c);
    }
}
