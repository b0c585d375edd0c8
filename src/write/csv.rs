//! Long CSV: one row per value, for tools that pivot themselves.
//!
//! Columns: path, agency, year, template, table, row, column, value, raw, error. A record with no
//! value (an error, a document that is not a report, a report with no tables found) gives one row
//! with the table columns empty, so that every input appears. `value` is empty for a printed but
//! empty cell (`null`); an absent cell has no row. `raw` is filled when provenance is on.

use std::io;

use super::columns::Kind;
use super::{Target, Writer, io_error, number_text};
use crate::record::{Record, Section, Value};

pub const HEADER: [&str; 10] = [
    "path", "agency", "year", "template", "table", "row", "column", "value", "raw", "error",
];

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

/// The rows of one record, as this output writes them, one cell per column of [`HEADER`].
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
    let row = |cells: [&str; 10]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut rows = Vec::new();
    for (table, section) in sections(rec) {
        for (r, cols) in section.into_iter().flatten() {
            for (col, v) in cols {
                let raw = match v {
                    Value::Traced(t) => t.raw.as_str(),
                    Value::Plain(_) => "",
                };
                let value = number_text(v);
                rows.push(row([
                    path, &agency, &year, &template, table, r, col, &value, raw, error,
                ]));
            }
        }
    }
    if rows.is_empty() {
        rows.push(row([
            path, &agency, &year, &template, "", "", "", "", "", error,
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
