//! Wide CSV: one row per report, one column per field, ready for pandas, R or Stata.
//!
//! The columns are fixed, whatever the records hold, so that files made by different runs stack:
//! `path, format, agency, year, template, error`, then `table.row.column` for every field of
//! SCHEMA.md's two templates — for each row, the 2021 template's columns in its order, then the
//! 2019 template's other columns in its order — then `issues` (distinct codes, `;`-separated) and
//! `failed_checks` (rules, `;`-separated). A field the report leaves empty (`null`) and one it
//! does not print are both an empty cell here; the long CSV and the JSONL tell them apart.

use std::io;

use super::columns::Kind;
use super::csv::sections;
use super::{Target, Writer, io_error, number_text};
use crate::record::Record;

const META: [&str; 6] = ["path", "format", "agency", "year", "template", "error"];
const TAIL: [&str; 2] = ["issues", "failed_checks"];

const REGULATION_COLS: &[&str] = &[
    "issued",
    "repealed",
    "in_force",
    "made",
    "published",
    "total_published",
];
const MANAGEMENT_COLS: &[&str] = &["decisions", "prior_year_items", "change"];

/// Table 二, both templates.
const ACTIVE: &[(&str, &[&str])] = &[
    ("regulations", REGULATION_COLS),
    ("normative_documents", REGULATION_COLS),
    ("licensing", MANAGEMENT_COLS),
    ("penalty", MANAGEMENT_COLS),
    ("coercion", MANAGEMENT_COLS),
    ("fees", &["amount", "prior_year_items", "change"]),
    (
        "other_services",
        &["prior_year_items", "change", "decisions"],
    ),
    ("procurement", &["items", "amount"]),
];

use crate::normalize::schema::{
    APPLICATION_COLUMNS as APPLICANTS, APPLICATION_ROWS, REVIEW_COLUMNS as OUTCOMES,
    REVIEW_GROUPS as REVIEW_ROWS,
};

/// Every field, as (table, row, column), in column order.
pub fn fields() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut f = Vec::new();
    for (row, cols) in ACTIVE {
        f.extend(cols.iter().map(|c| ("active_disclosure", *row, *c)));
    }
    for row in &APPLICATION_ROWS {
        f.extend(APPLICANTS.iter().map(|c| ("applications", *row, *c)));
    }
    for row in &REVIEW_ROWS {
        f.extend(OUTCOMES.iter().map(|c| ("review_litigation", *row, *c)));
    }
    f
}

/// The header row.
pub fn header() -> Vec<String> {
    columns().into_iter().map(|(name, _)| name).collect()
}

/// The columns with their types (for Parquet and DataFrames): amounts are decimals, the other
/// fields (counts, 本年增/减) and the year integers, the rest text.
pub fn columns() -> Vec<(String, Kind)> {
    let text = |s: &&str| {
        let kind = if *s == "year" {
            Kind::Integer
        } else {
            Kind::Text
        };
        (s.to_string(), kind)
    };
    let mut h: Vec<(String, Kind)> = META.iter().map(text).collect();
    h.extend(fields().into_iter().map(|(t, r, c)| {
        let kind = if c == "amount" {
            Kind::Decimal
        } else {
            Kind::Integer
        };
        (format!("{t}.{r}.{c}"), kind)
    }));
    h.extend(TAIL.iter().map(text));
    h
}

/// One record's row, one cell per column of [`header`] (`fields` is [`fields()`]), and how
/// many of its values have keys in no template (not in this output; the JSONL has them).
pub fn row(rec: &Record, fields: &[(&str, &str, &str)]) -> (Vec<String>, u64) {
    let report = rec.report.clone().unwrap_or_default();
    let mut row: Vec<String> = vec![
        rec.source.path.clone(),
        rec.source.format.clone().unwrap_or_default(),
        report.agency.unwrap_or_default(),
        report.year.map(|y| y.to_string()).unwrap_or_default(),
        report.template.unwrap_or_default(),
        rec.error
            .as_ref()
            .map(|e| e.code.clone())
            .unwrap_or_default(),
    ];
    let tables = sections(rec);
    let section = |t: &str| {
        tables
            .iter()
            .find(|(name, _)| *name == t)
            .and_then(|(_, s)| *s)
    };
    for (t, r, c) in fields {
        let v = section(t)
            .and_then(|s| s.get(*r))
            .and_then(|cols| cols.get(*c));
        row.push(v.map(number_text).unwrap_or_default());
    }
    let placed = |t: &str, r: &str, c: &str| fields.contains(&(t, r, c));
    let mut unplaced = 0;
    for (t, s) in &tables {
        for (r, cols) in s.iter().flat_map(|s| s.iter()) {
            unplaced += cols.keys().filter(|c| !placed(t, r, c)).count() as u64;
        }
    }
    let mut codes: Vec<&str> = Vec::new();
    for code in rec.issue_codes() {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    row.push(codes.join(";"));
    let mut failed: Vec<&str> = Vec::new();
    for c in rec.checks.iter().filter(|c| c.ok == Some(false)) {
        if !failed.contains(&c.rule.as_str()) {
            failed.push(&c.rule);
        }
    }
    row.push(failed.join(";"));
    (row, unplaced)
}

pub struct Wide {
    out: Option<csv::Writer<Target>>,
    fields: Vec<(&'static str, &'static str, &'static str)>,
    /// Values whose keys are in no template: not in this output (the JSONL has them).
    pub unplaced: u64,
}

impl Wide {
    pub fn new(target: Target) -> Wide {
        Wide {
            out: Some(csv::Writer::from_writer(target)),
            fields: fields(),
            unplaced: 0,
        }
    }

    fn out(&mut self) -> io::Result<&mut csv::Writer<Target>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("the wide CSV output is already finished"))
    }
}

impl Writer for Wide {
    fn begin(&mut self) -> io::Result<()> {
        self.out()?.write_record(header()).map_err(io_error)?;
        Ok(())
    }

    fn record(&mut self, rec: &Record) -> io::Result<()> {
        let (row, unplaced) = row(rec, &self.fields);
        self.unplaced += unplaced;
        self.out()?.write_record(&row).map_err(io_error)?;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("the wide CSV output is already finished"))?;
        out.into_inner().map_err(|e| e.into_error())?.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_unique_and_cover_both_templates() {
        let h = header();
        let mut sorted = h.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), h.len());
        for key in [
            "active_disclosure.regulations.in_force",
            "active_disclosure.regulations.made",
            "active_disclosure.procurement.amount",
            "applications.other.total",
            "applications.other_other.total",
            "review_litigation.litigation_after_review.pending",
        ] {
            assert!(h.iter().any(|c| c == key), "{key}");
        }
        assert_eq!(fields().len(), 29 + 26 * 7 + 15);
    }
}
