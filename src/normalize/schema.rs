//! The keys of SCHEMA.md: rows and columns of each table, per template.

use super::label::Group;
use crate::text::number::Kind;

pub const APPLICATION_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
];

/// Table 三 rows of both templates in printed order: template 2019 prints （六） as `other`,
/// template 2021 as the three `other_*` rows (and some 2021 reports as `other`).
pub const APPLICATION_ROWS: [&str; 26] = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
    "other",
    "results_total",
    "carried_forward",
];

/// Table 三 rows of one template, in printed order.
pub fn application_rows(template: &str) -> Vec<&'static str> {
    let sixth_2019 = template == "2019";
    APPLICATION_ROWS
        .iter()
        .copied()
        .filter(|r| {
            if sixth_2019 {
                !r.starts_with("other_")
            } else {
                *r != "other"
            }
        })
        .collect()
}

/// The result rows that `applications.results_sum` adds, besides （六）: （一） to （五）.
pub fn result_rows() -> &'static [&'static str] {
    &APPLICATION_ROWS[2..20]
}

pub fn group_of(key: &str) -> Option<Group> {
    if key.starts_with("denied_") {
        Some(Group::Denied)
    } else if key.starts_with("unable_") {
        Some(Group::Unable)
    } else if key.starts_with("rejected_") {
        Some(Group::Rejected)
    } else if key.starts_with("other_") {
        Some(Group::Other)
    } else {
        None
    }
}

const ACTIVE_2021: &[(&str, &[&str])] = &[
    ("regulations", &["issued", "repealed", "in_force"]),
    ("normative_documents", &["issued", "repealed", "in_force"]),
    ("licensing", &["decisions"]),
    ("penalty", &["decisions"]),
    ("coercion", &["decisions"]),
    ("fees", &["amount"]),
];

const ACTIVE_2019: &[(&str, &[&str])] = &[
    ("regulations", &["made", "published", "total_published"]),
    (
        "normative_documents",
        &["made", "published", "total_published"],
    ),
    ("licensing", &["prior_year_items", "change", "decisions"]),
    (
        "other_services",
        &["prior_year_items", "change", "decisions"],
    ),
    ("penalty", &["prior_year_items", "change", "decisions"]),
    ("coercion", &["prior_year_items", "change", "decisions"]),
    ("fees", &["prior_year_items", "change"]),
    ("procurement", &["items", "amount"]),
];

/// Table 二 rows and their columns.
pub fn active_rows(template: &str) -> &'static [(&'static str, &'static [&'static str])] {
    if template == "2019" {
        ACTIVE_2019
    } else {
        ACTIVE_2021
    }
}

/// What kind of number a column holds.
pub fn kind_of(column: &str) -> Kind {
    match column {
        "amount" => Kind::Amount,
        "change" => Kind::Change,
        _ => Kind::Count,
    }
}

pub const REVIEW_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
pub const REVIEW_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];
/// The fifteen numbers of table 四 in printed order.
pub const REVIEW_FLAT: [&str; 15] = [
    "review.upheld",
    "review.corrected",
    "review.other",
    "review.pending",
    "review.total",
    "litigation_direct.upheld",
    "litigation_direct.corrected",
    "litigation_direct.other",
    "litigation_direct.pending",
    "litigation_direct.total",
    "litigation_after_review.upheld",
    "litigation_after_review.corrected",
    "litigation_after_review.other",
    "litigation_after_review.pending",
    "litigation_after_review.total",
];

/// Every cell of a section under a template, as (row, column), in printed order.
pub fn section_cells(section: &str, template: &str) -> Vec<(&'static str, &'static str)> {
    if !matches!(template, "2019" | "2021") {
        return Vec::new();
    }
    match section {
        "active_disclosure" => active_rows(template)
            .iter()
            .flat_map(|(r, cols)| cols.iter().map(move |c| (*r, *c)))
            .collect(),
        "applications" => application_rows(template)
            .into_iter()
            .flat_map(|r| APPLICATION_COLUMNS.iter().map(move |c| (r, *c)))
            .collect(),
        "review_litigation" => REVIEW_GROUPS
            .iter()
            .flat_map(|g| REVIEW_COLUMNS.iter().map(move |c| (*g, *c)))
            .collect(),
        _ => Vec::new(),
    }
}
