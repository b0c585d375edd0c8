//! Checks across one agency's reports of consecutive years (SCHEMA.md's `series.*` rules).
//!
//! Records are grouped by `report.agency_key` (the agency's name with widths, spaces and
//! brackets folded and standard short forms spelled out, so 示范市发改委 and 示范市发展和改革委员会
//! are one agency; computed from `agency` for records that lack it) and year. Only
//! the few cells the rules need are kept, so a province's archive fits in memory. Two reports of
//! one agency and year are a `series.duplicate` finding (`ok` when their values agree); the
//! first, in input order, is the one checked.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use crate::record::{Record, Section};

/// A finding, printed as one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Finding {
    Check(CheckFinding),
    Duplicate(DuplicateFinding),
}

/// `series.carry` (per column) or `series.in_force` (per row) between years N and N+1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckFinding {
    pub rule: &'static str,
    pub agency: String,
    pub years: [i32; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub ok: Option<bool>,
    pub expected: Option<i64>,
    pub found: Option<i64>,
    /// The two reports, year N then N+1.
    pub paths: [String; 2],
}

/// More than one report of one agency and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateFinding {
    pub rule: &'static str,
    pub agency: String,
    pub years: [i32; 1],
    /// Whether every copy has the same values.
    pub ok: bool,
    pub paths: Vec<String>,
}

/// What the cross-report checks need of one report.
struct Entry {
    path: String,
    template: Option<String>,
    applications: Option<Section>,
    active: Option<Section>,
    fingerprint: u64,
    copies: Vec<(String, u64)>,
}

/// Groups records as they come, then checks them.
#[derive(Default)]
pub struct Series {
    agencies: BTreeMap<String, BTreeMap<i32, Entry>>,
    /// Records with no agency or no year, or error records: not in any series.
    pub unplaced: u64,
    pub records: u64,
}

const CARRY_ROWS: [&str; 2] = ["carried_forward", "carried_over"];
const IN_FORCE_ROWS: [&str; 2] = ["regulations", "normative_documents"];

impl Series {
    pub fn add(&mut self, rec: &Record) {
        self.records += 1;
        let report = rec.report.as_ref();
        let (Some(agency), Some(year)) = (
            report.and_then(|r| r.agency.as_deref()),
            report.and_then(|r| r.year),
        ) else {
            self.unplaced += 1;
            return;
        };
        if rec.error.is_some() {
            self.unplaced += 1;
            return;
        }
        let fingerprint = fingerprint(rec);
        let key = report
            .and_then(|r| r.agency_key.as_deref())
            .unwrap_or(agency);
        let years = self.agencies.entry(normalize_agency(key)).or_default();
        if let Some(first) = years.get_mut(&year) {
            first.copies.push((rec.source.path.clone(), fingerprint));
            return;
        }
        let keep = |s: &Option<Section>, rows: &[&str]| {
            s.as_ref().map(|s| {
                s.iter()
                    .filter(|(r, _)| rows.contains(&r.as_str()))
                    .map(|(r, c)| (r.clone(), c.clone()))
                    .collect()
            })
        };
        years.insert(
            year,
            Entry {
                path: rec.source.path.clone(),
                template: report.and_then(|r| r.template.clone()),
                applications: keep(&rec.applications, &CARRY_ROWS),
                active: keep(&rec.active_disclosure, &IN_FORCE_ROWS),
                fingerprint,
                copies: Vec::new(),
            },
        );
    }

    /// Every finding, by agency, then year, then rule.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for (agency, years) in &self.agencies {
            for (year, e) in years {
                if !e.copies.is_empty() {
                    let mut paths = vec![e.path.clone()];
                    paths.extend(e.copies.iter().map(|(p, _)| p.clone()));
                    let ok = e.copies.iter().all(|(_, f)| *f == e.fingerprint);
                    out.push(Finding::Duplicate(DuplicateFinding {
                        rule: "series.duplicate",
                        agency: agency.clone(),
                        years: [*year],
                        ok,
                        paths,
                    }));
                }
                let Some(next) = years.get(&(year + 1)) else {
                    continue;
                };
                let pair = Pair {
                    agency,
                    years: [*year, year + 1],
                    paths: [e.path.clone(), next.path.clone()],
                };
                carry(&pair, e, next, &mut out);
                in_force(&pair, e, next, &mut out);
            }
        }
        out
    }
}

struct Pair<'a> {
    agency: &'a str,
    years: [i32; 2],
    paths: [String; 2],
}

impl Pair<'_> {
    fn finding(
        &self,
        rule: &'static str,
        row: Option<&str>,
        column: Option<&str>,
        sides: (Cell, Cell),
    ) -> Finding {
        let (ok, expected, found) = compare(sides.0, sides.1);
        Finding::Check(CheckFinding {
            rule,
            agency: self.agency.to_string(),
            years: self.years,
            row: row.map(str::to_string),
            column: column.map(str::to_string),
            ok,
            expected,
            found,
            paths: self.paths.clone(),
        })
    }
}

/// A cell as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// Not in the record (not printed, unreadable, not an integer).
    Absent,
    /// Printed empty (`null`).
    Empty,
    Count(i64),
}

fn cell(section: Option<&Section>, row: &str, col: &str) -> Cell {
    match section.and_then(|s| s.get(row)).and_then(|c| c.get(col)) {
        None => Cell::Absent,
        Some(v) => match v.number() {
            None => Cell::Empty,
            Some(n) => n.as_i64().map_or(Cell::Absent, Cell::Count),
        },
    }
}

/// SCHEMA.md's rules for one comparison: an absent side makes it not evaluable; an empty side
/// counts as 0, unless the other side is not 0 (the report left it blank): then not evaluable.
fn compare(expected: Cell, found: Cell) -> (Option<bool>, Option<i64>, Option<i64>) {
    let side = |c: Cell| match c {
        Cell::Count(n) => Some(n),
        _ => None,
    };
    match (expected, found) {
        (Cell::Count(e), Cell::Count(f)) => (Some(e == f), Some(e), Some(f)),
        (Cell::Absent, _) | (_, Cell::Absent) => (None, side(expected), side(found)),
        (Cell::Empty, Cell::Empty) => (Some(true), Some(0), Some(0)),
        (Cell::Empty, Cell::Count(0)) => (Some(true), Some(0), Some(0)),
        (Cell::Count(0), Cell::Empty) => (Some(true), Some(0), Some(0)),
        _ => (None, side(expected), side(found)),
    }
}

use crate::normalize::schema::APPLICATION_COLUMNS as APPLICANTS;

/// carried_forward of N = carried_over of N+1, per applicant column.
fn carry(pair: &Pair, a: &Entry, b: &Entry, out: &mut Vec<Finding>) {
    let (Some(sa), Some(sb)) = (a.applications.as_ref(), b.applications.as_ref()) else {
        return;
    };
    for col in APPLICANTS {
        let sides = (
            cell(Some(sa), "carried_forward", col),
            cell(Some(sb), "carried_over", col),
        );
        out.push(pair.finding("series.carry", None, Some(col), sides));
    }
}

/// Template 2021 both years: in_force of N + issued − repealed of N+1 = in_force of N+1.
fn in_force(pair: &Pair, a: &Entry, b: &Entry, out: &mut Vec<Finding>) {
    if a.template.as_deref() != Some("2021") || b.template.as_deref() != Some("2021") {
        return;
    }
    let (Some(sa), Some(sb)) = (a.active.as_ref(), b.active.as_ref()) else {
        return;
    };
    for row in IN_FORCE_ROWS {
        let parts = [
            cell(Some(sa), row, "in_force"),
            cell(Some(sb), row, "issued"),
            cell(Some(sb), row, "repealed"),
        ];
        let expected = if parts.contains(&Cell::Absent) {
            Cell::Absent
        } else if parts.iter().all(|c| *c == Cell::Empty) {
            Cell::Empty
        } else {
            let n = |c: Cell| if let Cell::Count(n) = c { n } else { 0 };
            Cell::Count(n(parts[0]) + n(parts[1]) - n(parts[2]))
        };
        out.push(pair.finding(
            "series.in_force",
            Some(row),
            None,
            (expected, cell(Some(sb), row, "in_force")),
        ));
    }
}

/// The numbers of a record's tables, provenance aside, hashed: equal values, equal print.
fn fingerprint(rec: &Record) -> u64 {
    let mut h = DefaultHasher::new();
    for s in [
        &rec.active_disclosure,
        &rec.applications,
        &rec.review_litigation,
    ] {
        for (row, cols) in s.iter().flatten() {
            for (col, v) in cols {
                (row, col, v.number().map(|n| n.to_string())).hash(&mut h);
            }
        }
        0u8.hash(&mut h);
    }
    h.finish()
}

/// The form of an agency's name that groups its reports: its `agency_key`
/// ([`crate::locate::agency_key`]); a key is its own key.
pub fn normalize_agency(name: &str) -> String {
    crate::locate::agency_key::key(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Report, Source, Value};
    use indexmap::IndexMap;

    fn rec(agency: &str, year: i32, template: &str, rows: &[(&str, &str, Option<i64>)]) -> Record {
        let mut apps: Section = IndexMap::new();
        let mut active: Section = IndexMap::new();
        for (row, col, v) in rows {
            let s = if CARRY_ROWS.contains(row) {
                &mut apps
            } else {
                &mut active
            };
            s.entry(row.to_string())
                .or_default()
                .insert(col.to_string(), Value::Plain(v.map(Into::into)));
        }
        Record {
            source: Source {
                path: format!("{agency}-{year}"),
                ..Source::default()
            },
            report: Some(Report {
                agency: Some(agency.into()),
                agency_key: None,
                year: Some(year),
                template: Some(template.into()),
                title: None,
            }),
            applications: Some(apps),
            active_disclosure: Some(active),
            ..Record::default()
        }
    }

    fn checks(f: &[Finding], rule: &str) -> Vec<CheckFinding> {
        f.iter()
            .filter_map(|f| match f {
                Finding::Check(c) if c.rule == rule => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn carry_and_in_force_between_consecutive_years() {
        let mut s = Series::default();
        s.add(&rec(
            "某局",
            2021,
            "2021",
            &[
                ("carried_forward", "total", Some(3)),
                ("regulations", "in_force", Some(10)),
            ],
        ));
        s.add(&rec(
            "某 局",
            2022,
            "2021",
            &[
                ("carried_over", "total", Some(2)),
                ("regulations", "issued", Some(2)),
                ("regulations", "repealed", Some(1)),
                ("regulations", "in_force", Some(11)),
            ],
        ));
        s.add(&rec(
            "某局",
            2024,
            "2021",
            &[("carried_over", "total", Some(2))],
        ));
        let f = s.findings();
        let carry = checks(&f, "series.carry");
        let total = carry
            .iter()
            .find(|c| c.column.as_deref() == Some("total"))
            .unwrap();
        assert_eq!(
            (total.ok, total.expected, total.found, total.years),
            (Some(false), Some(3), Some(2), [2021, 2022])
        );
        let other = carry
            .iter()
            .find(|c| c.column.as_deref() == Some("research"))
            .unwrap();
        assert_eq!(other.ok, None);
        let inf = checks(&f, "series.in_force");
        let regs = inf
            .iter()
            .find(|c| c.row.as_deref() == Some("regulations"))
            .unwrap();
        assert_eq!(
            (regs.ok, regs.expected, regs.found),
            (Some(true), Some(11), Some(11))
        );
        assert!(
            f.iter()
                .all(|f| !matches!(f, Finding::Check(c) if c.years[0] == 2022))
        );
    }

    #[test]
    fn duplicates_are_reported() {
        let mut s = Series::default();
        s.add(&rec(
            "某局",
            2021,
            "2021",
            &[("carried_forward", "total", Some(3))],
        ));
        s.add(&rec(
            "某局",
            2021,
            "2021",
            &[("carried_forward", "total", Some(3))],
        ));
        s.add(&rec(
            "某局",
            2022,
            "2021",
            &[("carried_over", "total", Some(3))],
        ));
        s.add(&rec(
            "某局",
            2022,
            "2021",
            &[("carried_over", "total", Some(4))],
        ));
        let dups: Vec<_> = s
            .findings()
            .into_iter()
            .filter_map(|f| {
                if let Finding::Duplicate(d) = f {
                    Some(d)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(dups.len(), 2);
        assert!(dups[0].ok && !dups[1].ok);
    }

    #[test]
    fn empty_cells_follow_schema() {
        assert_eq!(
            compare(Cell::Empty, Cell::Count(0)),
            (Some(true), Some(0), Some(0))
        );
        assert_eq!(compare(Cell::Empty, Cell::Count(5)), (None, None, Some(5)));
        assert_eq!(compare(Cell::Absent, Cell::Count(5)), (None, None, Some(5)));
        assert_eq!(
            normalize_agency("上海市 科学技术委员会（ＡＢ）"),
            "上海市科学技术委员会(AB)"
        );
    }
}
