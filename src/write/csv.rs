//! Long CSV: one row per value, for tools that pivot themselves.
//!
//! Columns: path, agency, year, template, table, row, column, value, raw, error, flags. A record
//! with no value (an error, a document that is not a report, a report with no tables found) gives
//! one row with the table columns empty, so that every input appears. `value` is empty for a
//! printed but empty cell (`null`). `raw` is filled when provenance is on. `flags` holds the sorted
//! codes of the warnings whose `fields` cover the cell and the rule ids of the failed checks that
//! involve it, joined by `;`: a cell that is absent (not printed, unreadable) but flagged gets a
//! row too, with an empty value, so nothing doubtful disappears.

use std::collections::{BTreeMap, BTreeSet};

use std::io;

use super::columns::Kind;
use super::{Target, Writer, io_error, number_text};
use crate::model::Level;
use crate::normalize::schema::section_cells;
use crate::record::{Record, Section, Value};

pub const HEADER: [&str; 11] = [
    "path", "agency", "year", "template", "table", "row", "column", "value", "raw", "error",
    "flags",
];

/// Each flagged cell's flags: warning codes and failed check rules, by dotted key.
pub fn flags(rec: &Record) -> BTreeMap<String, BTreeSet<String>> {
    // Without a template, a field naming a row or table names no known cells.
    let template = rec
        .report
        .as_ref()
        .and_then(|r| r.template.as_deref())
        .unwrap_or("");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for issue in rec.issues.iter().filter(|i| i.level == Level::Warning) {
        for f in &issue.fields {
            for cell in expand(f, template) {
                out.entry(cell).or_default().insert(issue.code.clone());
            }
        }
    }
    for check in rec.checks.iter().filter(|c| c.ok == Some(false)) {
        for cell in crate::check::cells(check, rec) {
            out.entry(cell).or_default().insert(check.rule.clone());
        }
    }
    out
}

/// The cells a field names: itself, or every cell of its row or table under the template.
fn expand(field: &str, template: &str) -> Vec<String> {
    let mut parts = field.splitn(3, '.');
    let (Some(table), row, col) = (parts.next(), parts.next(), parts.next()) else {
        return Vec::new();
    };
    if col.is_some() {
        return vec![field.to_string()];
    }
    section_cells(table, template)
        .into_iter()
        .filter(|(r, _)| row.is_none_or(|row| row == *r))
        .map(|(r, c)| format!("{table}.{r}.{c}"))
        .collect()
}

pub struct Csv {
    out: Option<csv::Writer<Target>>,
}

impl Csv {
    pub fn new(target: Target) -> Csv {
        Csv {
            out: Some(csv::Writer::from_writer(target)),
        }
    }

    fn out(&mut self) -> io::Result<&mut csv::Writer<Target>> {
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("the CSV output is already finished"))
    }
}

/// The sections of a record with their names, in SCHEMA.md's order.
pub(super) fn sections(rec: &Record) -> [(&'static str, Option<&Section>); 3] {
    [
        ("active_disclosure", rec.active_disclosure.as_ref()),
        ("applications", rec.applications.as_ref()),
        ("review_litigation", rec.review_litigation.as_ref()),
    ]
}

/// The columns with their types (for Parquet and DataFrames).
pub fn columns() -> Vec<(&'static str, Kind)> {
    HEADER
        .iter()
        .map(|&h| {
            let kind = match h {
                "year" => Kind::Integer,
                "value" => Kind::Decimal,
                _ => Kind::Text,
            };
            (h, kind)
        })
        .collect()
}

/// The rows of one record, as this output writes them, one cell per column of [`HEADER`]:
/// every cell of the record with its flags, then the absent cells that something flags.
pub fn rows(rec: &Record) -> Vec<Vec<String>> {
    let report = rec.report.clone().unwrap_or_default();
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    let agency = report.agency.unwrap_or_default();
    let template = report.template.unwrap_or_default();
    let error = rec
        .error
        .as_ref()
        .map(|e| e.code.as_str())
        .unwrap_or_default();
    let path = rec.source.path.as_str();
    let row = |cells: [&str; 11]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut flagged = flags(rec);
    let flag_text = |f: Option<BTreeSet<String>>| {
        f.map(|s| s.into_iter().collect::<Vec<_>>().join(";"))
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (table, section) in sections(rec) {
        for (r, cols) in section.into_iter().flatten() {
            for (col, v) in cols {
                let raw = match v {
                    Value::Traced(t) => t.raw.as_str(),
                    Value::Plain(_) => "",
                };
                let value = number_text(v);
                let f = flag_text(flagged.remove(&format!("{table}.{r}.{col}")));
                rows.push(row([
                    path, &agency, &year, &template, table, r, col, &value, raw, error, &f,
                ]));
            }
        }
        // Absent cells of this table that a warning or a failed check names.
        let prefix = format!("{table}.");
        let absent: Vec<String> = flagged
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        for key in absent {
            let mut parts = key.splitn(3, '.').skip(1);
            let (Some(r), Some(col)) = (parts.next(), parts.next()) else {
                continue;
            };
            let f = flag_text(flagged.get(&key).cloned());
            rows.push(row([
                path, &agency, &year, &template, table, r, col, "", "", error, &f,
            ]));
        }
    }
    if rows.is_empty() {
        rows.push(row([
            path, &agency, &year, &template, "", "", "", "", "", error, "",
        ]));
    }
    rows
}

impl Writer for Csv {
    fn begin(&mut self) -> io::Result<()> {
        self.out()?.write_record(HEADER).map_err(io_error)?;
        Ok(())
    }

    fn record(&mut self, rec: &Record) -> io::Result<()> {
        let out = self.out()?;
        for row in rows(rec) {
            out.write_record(&row).map_err(io_error)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let out = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("the CSV output is already finished"))?;
        out.into_inner().map_err(|e| e.into_error())?.commit()
    }
}
