//! Printed labels to SCHEMA keys, printed numbers to values: the located tables become the
//! record's sections, with an issue beside every value that is absent or doubtful.

pub mod cells;
pub mod label;
pub mod schema;

use indexmap::IndexMap;

use crate::align::Headers;
use crate::locate::{Item, Located, Table};
use crate::model::Level;
use crate::record::{Issue, Record, Report, Section, Traced, Value};
use crate::text::{self, number::Kind};
use cells::{CellRead, Placing, RowRead, read_row};
use label::{AppLabel, Group, active_label, application_label};

/// The record's report and sections, and what the checks must know.
#[derive(Debug, Default)]
pub struct Normalized {
    pub record: Record,
    /// Rows whose lost cell was set by the inference rule (their row_total is used, not tested).
    pub inferred_rows: Vec<String>,
    /// The cells whose values were read by OCR from an image, as dotted keys.
    pub ocr_cells: Vec<String>,
}

pub fn normalize(loc: &Located, provenance: bool) -> Normalized {
    let mut out = Normalized::default();
    let rec = &mut out.record;
    let template = loc.template;
    rec.report = Some(Report {
        agency: loc.meta.agency.clone(),
        agency_key: loc.meta.agency_key.clone(),
        year: loc.meta.year,
        template: template.map(str::to_string),
        title: loc.meta.title.clone(),
    });
    if !loc.is_report {
        rec.issues.push(issue(
            Level::Warning,
            "not_an_annual_report",
            "the document is not a 政府信息公开工作年度报告",
            "document",
        ));
        return out;
    }
    rec.issues.extend(loc.meta.issues());
    let Some(template) = template else {
        rec.issues.push(issue(
            Level::Warning,
            "template_unknown",
            "the report's tables match neither the 2019 nor the 2021 template",
            "document",
        ));
        for t in [Table::Active, Table::Applications, Table::Review] {
            if !loc.found[t as usize] {
                rec.issues.push(table_missing(t));
            }
        }
        return out;
    };
    if template == "pre2019" {
        return out;
    }
    let mut ctx = Ctx {
        provenance,
        issues: Vec::new(),
        inferred: Vec::new(),
        ocr_cells: Vec::new(),
    };
    rec.active_disclosure = section_or_missing(loc, Table::Active, &mut ctx, |c| {
        active(&loc.active, template, c)
    });
    rec.applications = section_or_missing(loc, Table::Applications, &mut ctx, |c| {
        applications(&loc.applications, template, c)
    });
    rec.review_litigation =
        section_or_missing(loc, Table::Review, &mut ctx, |c| review(&loc.review, c));
    rec.issues.append(&mut ctx.issues);
    out.inferred_rows = ctx.inferred;
    out.ocr_cells = ctx.ocr_cells;
    out
}

struct Ctx {
    provenance: bool,
    issues: Vec<Issue>,
    inferred: Vec<String>,
    ocr_cells: Vec<String>,
}

fn issue(level: Level, code: &str, message: impl Into<String>, place: impl Into<String>) -> Issue {
    Issue {
        level,
        code: code.to_string(),
        message: message.into(),
        place: place.into(),
        fields: Vec::new(),
    }
}

impl Issue {
    fn on(mut self, fields: Vec<String>) -> Issue {
        self.fields = fields;
        self
    }
}

/// The record's section a table is written to.
fn section_name(t: Table) -> &'static str {
    match t {
        Table::Active => "active_disclosure",
        Table::Applications => "applications",
        Table::Review => "review_litigation",
    }
}

/// The dotted key of a cell; table 四's flat column names (`review.upheld`) carry their row.
fn field(table: Table, row: &str, col: &str) -> String {
    if table == Table::Review && row == "all" {
        format!("{}.{col}", section_name(table))
    } else {
        format!("{}.{row}.{col}", section_name(table))
    }
}

fn table_missing(t: Table) -> Issue {
    issue(
        Level::Warning,
        "table_missing",
        format!("table {} is not in the document", t.name()),
        format!("table {}", t.name()),
    )
    .on(vec![section_name(t).to_string()])
}

fn section_or_missing(
    loc: &Located,
    t: Table,
    ctx: &mut Ctx,
    f: impl FnOnce(&mut Ctx) -> Option<Section>,
) -> Option<Section> {
    if !loc.found[t as usize] {
        ctx.issues.push(table_missing(t));
        return None;
    }
    let s = f(ctx);
    if s.is_none() {
        ctx.issues.push(table_missing(t));
    }
    s
}

/// Places one row's reading into the section, with its issues.
fn place_row(
    sec: &mut Section,
    table: Table,
    key: &str,
    cols: &[&str],
    read: RowRead,
    ctx: &mut Ctx,
) {
    let mut row: IndexMap<String, Value> = IndexMap::new();
    let mut unreadable = Vec::new();
    let mut missing = Vec::new();
    let mut unparsed = Vec::new();
    let mut annotated = Vec::new();
    let mut converted = Vec::new();
    let place = |col: &str| format!("table {}, row {key}, column {col}", table.name());
    for (col, cell) in cols.iter().zip(read.cells) {
        match cell {
            CellRead::Value {
                parsed,
                raw,
                origin,
            } => {
                if parsed.annotated {
                    annotated.push((col.to_string(), raw.clone()));
                }
                if parsed.converted {
                    converted.push((col.to_string(), raw.clone()));
                }
                let n = parsed.value.as_ref().map(|v| v.to_json());
                if origin.ocr.is_some() {
                    ctx.ocr_cells.push(field(table, key, col));
                }
                let v = if ctx.provenance {
                    Value::Traced(Traced {
                        value: n,
                        raw,
                        page: origin.page,
                        bbox: origin.bbox,
                        cell: origin.cell,
                        ocr: origin.ocr.map(|c| (f64::from(c) * 1000.0).round() / 1000.0),
                    })
                } else {
                    Value::Plain(n)
                };
                row.insert(col.to_string(), v);
            }
            CellRead::Unreadable(raw) => unreadable.push((col.to_string(), raw)),
            CellRead::Missing => missing.push(col.to_string()),
            CellRead::Unparsed(raw) => unparsed.push((col.to_string(), raw)),
        }
    }
    let t = table.name();
    if read.inferred {
        ctx.inferred.push(key.to_string());
        ctx.issues.push(
            issue(
                Level::Warning,
                "cell_inferred",
                format!(
                    "the row prints {} numbers, all 0, for {} cells: every cell is set to 0",
                    cols.len() - 1,
                    cols.len()
                ),
                format!("table {t}, row {key}"),
            )
            .on(row_fields(table, key)),
        );
    }
    if !unreadable.is_empty() {
        let raw = unreadable
            .first()
            .map(|(_, r)| r.clone())
            .unwrap_or_default();
        let cols: Vec<String> = unreadable.into_iter().map(|(c, _)| c).collect();
        let fields = cols.iter().map(|c| field(table, key, c)).collect();
        ctx.issues.push(
            issue(
                Level::Warning,
                "cell_unreadable",
                format!("printed but not readable with certainty (raw {raw:?}): left out"),
                format!("table {t}, row {key}, columns {}", cols.join(", ")),
            )
            .on(fields),
        );
    }
    if !missing.is_empty() {
        let fields = missing.iter().map(|c| field(table, key, c)).collect();
        ctx.issues.push(
            issue(
                Level::Warning,
                "cell_missing",
                "the document does not print these cells",
                format!("table {t}, row {key}, columns {}", missing.join(", ")),
            )
            .on(fields),
        );
    }
    for (col, raw) in unparsed {
        ctx.issues.push(
            issue(
                Level::Warning,
                "value_unparsed",
                format!("the cell's text {raw:?} is not a number"),
                place(&col),
            )
            .on(vec![field(table, key, &col)]),
        );
    }
    for (col, raw) in annotated {
        ctx.issues.push(
            issue(
                Level::Info,
                "cell_annotated",
                format!("the number carries a note: {raw:?}"),
                place(&col),
            )
            .on(vec![field(table, key, &col)]),
        );
    }
    for (col, raw) in converted {
        ctx.issues.push(
            issue(
                Level::Info,
                "unit_converted",
                format!("{raw:?} is in 元; converted to 万元"),
                place(&col),
            )
            .on(vec![field(table, key, &col)]),
        );
    }
    if read.placed_by_order {
        ctx.issues.push(issue(
            Level::Warning,
            "row_placed_by_order",
            "the row is printed without its label and was placed by its order among labelled rows",
            format!("table {t}, row {key}"),
        )
        .on(row_fields(table, key)));
    }
    sec.insert(key.to_string(), row);
}

/// The dotted key of a whole row (table 四's fifteen numbers in one row: its three rows).
fn row_fields(table: Table, row: &str) -> Vec<String> {
    if table == Table::Review && row == "all" {
        schema::REVIEW_GROUPS
            .iter()
            .map(|g| format!("{}.{g}", section_name(table)))
            .collect()
    } else {
        vec![format!("{}.{row}", section_name(table))]
    }
}

/// Rows of a table that the document does not print at all.
fn report_missing_rows(sec: &Section, table: Table, expected: &[&str], ctx: &mut Ctx) {
    let absent: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|k| !sec.contains_key(*k))
        .collect();
    if !absent.is_empty() {
        let fields = absent.iter().flat_map(|k| row_fields(table, k)).collect();
        ctx.issues.push(
            issue(
                Level::Warning,
                "cell_missing",
                "these rows are not printed (or not found) in the table",
                format!("table {}, rows {}", table.name(), absent.join(", ")),
            )
            .on(fields),
        );
    }
}

fn ordered(sec: Section, order: &[&str]) -> Section {
    let mut out = Section::new();
    for k in order {
        if let Some(v) = sec.get(*k) {
            out.insert(k.to_string(), v.clone());
        }
    }
    for (k, v) in sec {
        if !out.contains_key(&k) {
            out.insert(k, v);
        }
    }
    out
}

fn active(items: &[Item], template: &str, ctx: &mut Ctx) -> Option<Section> {
    let rows = schema::active_rows(template);
    let headers = Headers::read(items, Table::Active);
    let mut sec = Section::new();
    for (i, item) in items.iter().enumerate() {
        let blank = item.values.is_empty()
            && item.origin.bbox.is_some()
            && headers.of(i).is_some_and(|h| h.is_positional());
        if item.values.is_empty() && !blank {
            continue;
        }
        let Some(key) = active_label(&item.label()) else {
            unrecognised_active_row(item, ctx);
            continue;
        };
        let Some((_, cols)) = rows.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        if sec.contains_key(key) {
            continue;
        }
        let kinds: Vec<Kind> = cols.iter().map(|c| schema::kind_of(c)).collect();
        let how = Placing {
            header: headers.of(i),
            cols,
            tabs_line_up: headers.tabs_line_up,
        };
        let read = if blank {
            cells::blank_row(kinds.len(), &item.origin)
        } else {
            read_row(item, &kinds, how)
        };
        place_row(&mut sec, Table::Active, key, cols, read, ctx);
    }
    if sec.is_empty() {
        return None;
    }
    let order: Vec<&str> = rows.iter().map(|(k, _)| *k).collect();
    report_missing_rows(&sec, Table::Active, &order, ctx);
    Some(ordered(sec, &order))
}

/// A table 二 row that prints numbers under a label that is no row of the template (a header
/// row or a heading prints none).
fn unrecognised_active_row(item: &Item, ctx: &mut Ctx) {
    let label = item.label();
    let folded = text::fold_label(&label);
    let printed = item
        .values
        .iter()
        .filter(|v| !v.raw.trim().is_empty())
        .count();
    let heading = ["第二十条", "信息内容", "数量", "件数", "金额", "主动公开"]
        .iter()
        .any(|w| folded.contains(w));
    if printed > 0 && !heading && folded.chars().any(text::is_cjk) && folded.chars().count() <= 30 {
        ctx.issues.push(issue(
            Level::Warning,
            "label_unrecognised",
            format!("the row label {label:?} matches no row of table 二"),
            "table 二".to_string(),
        ));
    }
}

fn applications(items: &[Item], template: &str, ctx: &mut Ctx) -> Option<Section> {
    let order = schema::application_rows(template);
    let kinds = [Kind::Count; 7];
    let cols = schema::APPLICATION_COLUMNS;
    let mut sec = Section::new();
    let headers = Headers::read(items, Table::Applications);
    let mut group: Option<Group> = None;
    // Rows with values but no label, kept in order for placing between labelled rows.
    let mut sequence: Vec<(Option<String>, usize)> = Vec::new();
    // Items whose numbers went to the row label before them.
    let mut continuation: Vec<usize> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = item.label();
        let read_label =
            application_label(&label).or_else(|| continued_label(item, items.get(i + 1)));
        let key: Option<String> = match &read_label {
            Some(AppLabel::Row(k)) => {
                group = schema::group_of(k).or(group);
                Some(k.to_string())
            }
            Some(AppLabel::GroupOnly(g)) => {
                group = Some(*g);
                (*g == Group::Other && !item.values.is_empty()).then(|| "other".to_string())
            }
            Some(AppLabel::OtherItem) => (group == Some(Group::Other) || template == "2021")
                .then(|| "other_other".to_string()),
            Some(AppLabel::Total) => Some("results_total".to_string()),
            None => None,
        };
        // A grid row's empty places are printed-but-empty cells, and so are the empty fields
        // of tab rows that line up; a line's values must print.
        let tab_places = headers.tabs_line_up
            && headers.of(i).is_some()
            && item.values.iter().any(|v| {
                matches!(
                    v.place,
                    Some(crate::locate::Place::Cols {
                        space: crate::locate::TAB_SPACE,
                        ..
                    })
                )
            });
        let has_values = if item.placed || tab_places {
            !item.values.is_empty()
        } else {
            item.values.iter().any(|v| !v.raw.trim().is_empty())
        };
        if continuation.contains(&i) {
            continue;
        }
        if !has_values {
            let Some(k) = key else { continue };
            if sec.contains_key(&k) || sequence.iter().any(|(s, _)| s.as_deref() == Some(&k)) {
                continue;
            }
            // A label wrapped over two lines, its numbers beside the second piece, whose own
            // words name no row: those are this row's numbers.
            let next = items.get(i + 1).filter(|n| {
                n.values.iter().any(|v| !v.raw.trim().is_empty())
                    && !n.label().trim().is_empty()
                    && application_label(&n.label()).is_none()
            });
            if let Some(_) = next {
                continuation.push(i + 1);
                sequence.push((Some(k), i + 1));
            } else if item.values.is_empty()
                && item.origin.bbox.is_some()
                && headers.of(i).is_some_and(|h| h.is_positional())
            {
                // Nothing under any column of a positional header: a row of empty cells.
                sequence.push((Some(k), i));
            }
            continue;
        }
        match key {
            Some(k)
                if !sec.contains_key(&k)
                    && !sequence.iter().any(|(s, _)| s.as_deref() == Some(&k)) =>
            {
                sequence.push((Some(k), i));
            }
            Some(_) => {}
            // A stray number is not a row: an unlabelled row prints (nearly) all its cells.
            None if label.trim().is_empty() => {
                if item
                    .values
                    .iter()
                    .filter(|v| !v.raw.trim().is_empty())
                    .count()
                    + 1
                    >= cols.len()
                {
                    sequence.push((None, i));
                }
            }
            None => {
                if item
                    .values
                    .iter()
                    .filter(|v| !v.raw.trim().is_empty())
                    .count()
                    >= 3
                    && label.chars().count() > 1
                {
                    ctx.issues.push(issue(
                        Level::Warning,
                        "label_unrecognised",
                        format!("the row label {label:?} matches no row of table 三"),
                        "table 三".to_string(),
                    ));
                }
            }
        }
    }
    let placed = place_by_order(&sequence, &order);
    for (key, i, by_order) in placed {
        let how = Placing {
            header: headers.of(i),
            cols: &cols,
            tabs_line_up: headers.tabs_line_up,
        };
        let mut read = if items[i].values.is_empty() {
            cells::blank_row(kinds.len(), &items[i].origin)
        } else {
            read_row(&items[i], &kinds, how)
        };
        read.placed_by_order = by_order;
        place_row(&mut sec, Table::Applications, &key, &cols, read, ctx);
    }
    if sec.is_empty() {
        return None;
    }
    // （六） printed as one row replaces the three rows of the 2021 template, and vice versa.
    let expected: Vec<&str> = order
        .iter()
        .copied()
        .filter(|k| {
            if sec.contains_key("other") {
                !k.starts_with("other_")
            } else {
                *k != "other"
            }
        })
        .collect();
    report_missing_rows(&sec, Table::Applications, &expected, ctx);
    let mut full = order.clone();
    if !full.contains(&"other") {
        full.insert(full.len() - 2, "other");
    }
    Some(ordered(sec, &full))
}

/// A row cut by a page break: its label goes on in the next item, which prints no values
/// ("1.属于国" / "家秘密"). The label is read from the two pieces joined.
fn continued_label(item: &Item, next: Option<&Item>) -> Option<AppLabel> {
    let next = next?;
    let printed = |it: &Item| it.values.iter().any(|v| !v.raw.trim().is_empty());
    if !printed(item) || printed(next) {
        return None;
    }
    let joined = format!("{}{}", item.parts.last()?, next.parts.last()?);
    match application_label(&joined) {
        Some(AppLabel::Row(k)) => Some(AppLabel::Row(k)),
        _ => None,
    }
}

/// Labelled rows keep their keys; unlabelled rows fill the gaps between labelled rows when a
/// gap holds exactly as many of them as the template has rows there.
fn place_by_order(
    sequence: &[(Option<String>, usize)],
    order: &[&str],
) -> Vec<(String, usize, bool)> {
    let mut out = Vec::new();
    let pos = |k: &str| order.iter().position(|o| *o == k);
    let mut pending: Vec<usize> = Vec::new();
    let mut prev: Option<usize> = None;
    let mut flush = |pending: &mut Vec<usize>,
                     from: Option<usize>,
                     to: Option<usize>,
                     out: &mut Vec<(String, usize, bool)>| {
        if pending.is_empty() {
            return;
        }
        let lo = from.map_or(0, |p| p + 1);
        let hi = to.unwrap_or(order.len());
        let slots: Vec<&str> = order[lo.min(hi)..hi]
            .iter()
            .copied()
            .filter(|k| *k != "other")
            .collect();
        if slots.len() == pending.len() {
            for (k, i) in slots.iter().zip(pending.iter()) {
                out.push((k.to_string(), *i, true));
            }
        }
        pending.clear();
    };
    for (key, i) in sequence {
        match key {
            Some(k) => {
                let p = pos(k);
                flush(&mut pending, prev, p, &mut out);
                out.push((k.clone(), *i, false));
                if p.is_some() {
                    prev = p;
                }
            }
            None => pending.push(*i),
        }
    }
    // Trailing unlabelled rows are not placed: nothing bounds them.
    let _ = &mut flush;
    out
}

fn review(items: &[Item], ctx: &mut Ctx) -> Option<Section> {
    let kinds = [Kind::Count; 15];
    let headers = Headers::read(items, Table::Review);
    for (i, item) in items.iter().enumerate() {
        let n = item
            .values
            .iter()
            .filter(|v| !v.raw.trim().is_empty())
            .count();
        // A grid row of fifteen empty places under the headers is the (blank) value row.
        let blank_row = item.placed && item.parts.is_empty() && item.values.len() >= kinds.len();
        if n == 0 && !blank_row {
            continue;
        }
        let how = Placing {
            header: headers.of(i),
            cols: &schema::REVIEW_FLAT,
            tabs_line_up: headers.tabs_line_up,
        };
        let read = read_row(item, &kinds, how);
        if !read.fits {
            continue;
        }
        let mut flat = Section::new();
        place_row(
            &mut flat,
            Table::Review,
            "all",
            &schema::REVIEW_FLAT,
            read,
            ctx,
        );
        let all = flat.shift_remove("all").unwrap_or_default();
        let mut sec = Section::new();
        for (g, group) in schema::REVIEW_GROUPS.iter().enumerate() {
            let mut row = IndexMap::new();
            for (c, col) in schema::REVIEW_COLUMNS.iter().enumerate() {
                if let Some(v) = all.get(schema::REVIEW_FLAT[g * 5 + c]) {
                    row.insert(col.to_string(), v.clone());
                }
            }
            sec.insert(group.to_string(), row);
        }
        // Issues were written against the flat names; say them in the record's terms.
        for i in ctx
            .issues
            .iter_mut()
            .filter(|i| i.place.starts_with("table 四, row all"))
        {
            i.place = i.place.replace("row all, ", "").replace("row all", "");
        }
        return Some(sec);
    }
    review_transposed(items, ctx)
}

/// Table 四 printed one row per group (行政复议 / 未经复议直接起诉 / 复议后起诉, five numbers
/// each) instead of one row of fifteen: read only when all three rows are there.
fn review_transposed(items: &[Item], ctx: &mut Ctx) -> Option<Section> {
    let kinds = [Kind::Count; 5];
    let group_of = |label: &str| -> Option<&'static str> {
        let t = text::fold_label(label);
        if t.contains("复议后起诉") {
            Some("litigation_after_review")
        } else if t.contains("直接起诉") || t.contains("未经复议") {
            Some("litigation_direct")
        } else if t.contains("行政复议") && !t.contains("起诉") && !t.contains("诉讼") {
            Some("review")
        } else {
            None
        }
    };
    // One row per group has no header of its own to stand under: in order, or not at all.
    let by_order = Placing {
        header: None,
        cols: &schema::REVIEW_COLUMNS,
        tabs_line_up: false,
    };
    let mut found: Vec<(&'static str, &Item)> = Vec::new();
    for item in items {
        let Some(g) = group_of(&item.label()) else {
            continue;
        };
        if found.iter().any(|(k, _)| *k == g) || !read_row(item, &kinds, by_order).fits {
            continue;
        }
        found.push((g, item));
    }
    if found.len() < 3 {
        return None;
    }
    let mut sec = Section::new();
    for group in schema::REVIEW_GROUPS {
        let (_, item) = found.iter().find(|(k, _)| *k == group)?;
        place_row(
            &mut sec,
            Table::Review,
            group,
            &schema::REVIEW_COLUMNS,
            read_row(item, &kinds, by_order),
            ctx,
        );
    }
    Some(sec)
}
