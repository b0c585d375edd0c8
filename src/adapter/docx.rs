//! DOCX: paragraphs and `w:tbl` tables with their merged cells expanded.
//!
//! The package is a zip; its members are inflated under the budget's limits (a zip bomb stops
//! at `max_inflated`, not at the machine's memory). `word/document.xml` is read with quick-xml
//! into a small tree of paragraphs and tables, then laid out: `w:gridSpan` gives a cell its
//! columns, `w:vMerge` continuations lengthen the cell above them, `w:gridBefore` skips the
//! columns a row leaves out. A table that holds another table only frames the page: its cells
//! are read as flowing text and the inner tables as grids, as the HTML adapter does.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::adapter::{collapse, join_pieces};
use crate::budget::Budget;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Block, Cell, Document, Grid, Line, Origin};

/// Deeper table nesting than this is read as the text of the cell it sits in.
const MAX_DEPTH: usize = 16;

pub fn read(bytes: &[u8], budget: &Budget) -> Result<Document> {
    let mut zip = Package::open(bytes, budget)?;
    let main = zip.main_part()?;
    let xml = zip
        .member(&main)?
        .ok_or_else(|| Error::corrupt("the package has no main document part").at(main.clone()))?;
    let body = parse(&xml, budget).map_err(|e| e.at(main.clone()))?;
    let mut doc = Document::default();
    let mut tables = 0;
    lay_out(&body, &mut doc.blocks, &mut tables, budget)?;
    if let Ok(Some(core)) = zip.member("docProps/core.xml") {
        doc.title = core_title(&core);
    }
    Ok(doc)
}

/// A zip package with inflation bounded by the budget.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: &'a Budget,
    inflated: u64,
}

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8], budget: &'a Budget) -> Result<Package<'a>> {
        let zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e, "the zip directory"))?;
        Ok(Package {
            zip,
            budget,
            inflated: 0,
        })
    }

    /// The main document part named by the package relationships, `word/document.xml` by default.
    fn main_part(&mut self) -> Result<String> {
        let rels = self.member("_rels/.rels")?.unwrap_or_default();
        let mut reader = Reader::from_str(&rels);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let kind = attr(&e, "Type").unwrap_or_default();
                    if kind.ends_with("/officeDocument")
                        && let Some(target) = attr(&e, "Target")
                    {
                        return Ok(target.trim_start_matches('/').to_string());
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Ok("word/document.xml".to_string())
    }

    /// The text of a member, `None` if the package has no such member.
    pub(crate) fn member(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(|e| zip_error(e, name))?;
        if !matches!(
            file.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(Error::unsupported(format!(
                "{name} is compressed with {:?}; only deflate is read",
                file.compression()
            )));
        }
        let cap = self
            .budget
            .max_inflated
            .min(self.budget.max_total_inflated.saturating_sub(self.inflated));
        let mut out = Vec::new();
        file.take(cap.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| Error::corrupt(format!("{name} does not inflate")).with_source(e))?;
        if out.len() as u64 > cap {
            return Err(
                Error::too_large(format!("{name} inflates to more than {cap} bytes"))
                    .at(name.to_string()),
            );
        }
        self.inflated += out.len() as u64;
        let text = match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                let (enc, bom) =
                    encoding_rs::Encoding::for_bom(&bytes).unwrap_or((encoding_rs::UTF_8, 0));
                enc.decode_without_bom_handling(&bytes[bom..])
                    .0
                    .into_owned()
            }
        };
        Ok(Some(text))
    }
}

fn zip_error(e: ZipError, what: &str) -> Error {
    let msg = e.to_string();
    let err = if msg.to_ascii_lowercase().contains("password") {
        Error::new(ErrorKind::Encrypted(format!("{what} is encrypted")))
    } else if matches!(e, ZipError::UnsupportedArchive(_)) {
        Error::unsupported(format!("{what}: {msg}"))
    } else {
        Error::corrupt(format!("{what} cannot be read as a zip"))
    };
    err.with_source(e)
}

/// The value of an attribute by its qualified name.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    quick_xml::escape::unescape(&a.value)
        .ok()
        .map(|v| v.into_owned())
}

/// What a body or a cell holds, in order.
#[derive(Debug, Default)]
struct Flow {
    items: Vec<Item>,
}

#[derive(Debug)]
enum Item {
    /// A paragraph: its pieces, split at line breaks.
    Para(Vec<String>),
    Table(Table),
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Row>,
}

#[derive(Debug, Default)]
struct Row {
    grid_before: usize,
    cells: Vec<Tc>,
}

#[derive(Debug, Default)]
struct Tc {
    span: usize,
    merge: Merge,
    flow: Flow,
}

#[derive(Debug, Default, PartialEq)]
enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

/// Open elements of the parse, innermost last.
enum Open {
    Table(Table),
    Row(Row),
    Cell(Tc),
    Para {
        pieces: Vec<String>,
        hidden_run: bool,
    },
}

/// Reads `document.xml` into the tree of flows. Text is taken from `w:t` only, so deleted
/// text (`w:delText`), field codes and hidden runs (`w:vanish`) stay out.
fn parse(xml: &str, budget: &Budget) -> Result<Flow> {
    let mut reader = Reader::from_str(xml);
    let mut body = Flow::default();
    let mut open: Vec<Open> = Vec::new();
    let mut in_text = false;
    let mut in_rpr = false;
    let mut in_run = false;
    let mut skip_depth = 0usize;
    // Tables nested deeper than MAX_DEPTH: their structure is ignored, their text kept.
    let mut deep = 0usize;
    let mut n = 0usize;
    loop {
        n += 1;
        if n.is_multiple_of(8192) {
            budget.check()?;
        }
        let event = reader
            .read_event()
            .map_err(|e| Error::corrupt("the document XML is malformed").with_source(e))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.name();
            let name = name.as_ref();
            if skip_depth > 0 || name == "mc:Fallback" {
                if !empty {
                    skip_depth += 1;
                }
                continue;
            }
            let tables = open.iter().filter(|o| matches!(o, Open::Table(_))).count();
            match name {
                "w:tbl" if !empty && (deep > 0 || tables >= MAX_DEPTH) => deep += 1,
                "w:tbl" if !empty => open.push(Open::Table(Table::default())),
                "w:tr" if deep == 0 && !empty && matches!(open.last(), Some(Open::Table(_))) => {
                    open.push(Open::Row(Row::default()))
                }
                "w:tc" if deep == 0 && !empty && matches!(open.last(), Some(Open::Row(_))) => open
                    .push(Open::Cell(Tc {
                        span: 1,
                        ..Tc::default()
                    })),
                "w:gridBefore" => {
                    if let Some(Open::Row(r)) = open.last_mut() {
                        r.grid_before = number(e).unwrap_or(0).min(1000);
                    }
                }
                "w:gridSpan" => {
                    if let Some(Open::Cell(c)) = open.last_mut() {
                        c.span = number(e).unwrap_or(1).clamp(1, 1000);
                    }
                }
                "w:vMerge" => {
                    if let Some(Open::Cell(c)) = open.last_mut() {
                        c.merge = match attr(e, "w:val").as_deref() {
                            Some("restart") => Merge::Restart,
                            _ => Merge::Continue,
                        };
                    }
                }
                "w:p" if !empty => open.push(Open::Para {
                    pieces: vec![String::new()],
                    hidden_run: false,
                }),
                "w:r" if !empty => {
                    in_run = true;
                    set_hidden(&mut open, false);
                }
                "w:rPr" if !empty => in_rpr = true,
                "w:vanish" if in_rpr => {
                    let off = matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"));
                    set_hidden(&mut open, !off);
                }
                "w:t" if !empty => in_text = true,
                "w:tab" if in_run && !in_rpr => push_text(&mut open, " "),
                "w:br" | "w:cr" if in_run => {
                    if let Some(Open::Para { pieces, .. }) = open.last_mut() {
                        pieces.push(String::new());
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:r" => in_run = false,
                    "w:tbl" | "w:tr" | "w:tc" if deep > 0 && e.name().as_ref() == "w:tbl" => {
                        deep -= 1;
                    }
                    "w:rPr" => in_rpr = false,
                    "w:p" => {
                        if let Some(Open::Para { pieces, .. }) =
                            pop_if(&mut open, |o| matches!(o, Open::Para { .. }))
                        {
                            flow_of(&mut open, &mut body).items.push(Item::Para(pieces));
                        }
                    }
                    "w:tc" => {
                        if let Some(Open::Cell(c)) =
                            pop_if(&mut open, |o| matches!(o, Open::Cell(_)))
                            && let Some(Open::Row(r)) = open.last_mut()
                        {
                            r.cells.push(c);
                        }
                    }
                    "w:tr" => {
                        if let Some(Open::Row(r)) = pop_if(&mut open, |o| matches!(o, Open::Row(_)))
                            && let Some(Open::Table(t)) = open.last_mut()
                        {
                            t.rows.push(r);
                        }
                    }
                    "w:tbl" => {
                        if let Some(Open::Table(t)) =
                            pop_if(&mut open, |o| matches!(o, Open::Table(_)))
                        {
                            flow_of(&mut open, &mut body).items.push(Item::Table(t));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => push_text(&mut open, &t.xml10_content()),
            Event::CData(t) if in_text => push_text(&mut open, &t.into_inner()),
            Event::GeneralRef(r) if in_text => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                push_text(&mut open, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body)
}

/// Pops the innermost open element if it is of the kind asked for (a malformed body may close
/// what it never opened).
fn pop_if(open: &mut Vec<Open>, is: impl Fn(&Open) -> bool) -> Option<Open> {
    if open.last().is_some_and(is) {
        open.pop()
    } else {
        None
    }
}

/// The flow a finished paragraph or table goes into: the innermost open cell, else the body.
fn flow_of<'f>(open: &'f mut [Open], body: &'f mut Flow) -> &'f mut Flow {
    match open
        .iter_mut()
        .rev()
        .find_map(|o| if let Open::Cell(c) = o { Some(c) } else { None })
    {
        Some(c) => &mut c.flow,
        None => body,
    }
}

fn set_hidden(open: &mut [Open], hidden: bool) {
    if let Some(Open::Para { hidden_run, .. }) = open
        .iter_mut()
        .rev()
        .find(|o| matches!(o, Open::Para { .. }))
    {
        *hidden_run = hidden;
    }
}

fn push_text(open: &mut [Open], text: &str) {
    if let Some(Open::Para { pieces, hidden_run }) = open
        .iter_mut()
        .rev()
        .find(|o| matches!(o, Open::Para { .. }))
        && !*hidden_run
        && let Some(last) = pieces.last_mut()
    {
        last.push_str(text);
    }
}

fn number(e: &BytesStart<'_>) -> Option<usize> {
    attr(e, "w:val")?.trim().parse().ok()
}

/// Paragraphs become lines, tables grids; a table that holds tables is read as text.
fn lay_out(flow: &Flow, out: &mut Vec<Block>, tables: &mut usize, budget: &Budget) -> Result<()> {
    for item in &flow.items {
        match item {
            Item::Para(pieces) => {
                for p in pieces.iter().map(|p| collapse(p)).filter(|p| !p.is_empty()) {
                    out.push(Block::Line(Line::new(p)));
                }
            }
            Item::Table(t) if holds_table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        lay_out(&cell.flow, out, tables, budget)?;
                    }
                }
            }
            Item::Table(t) => {
                *tables += 1;
                let g = grid(t, *tables, budget)?;
                if !g.cells.is_empty() {
                    out.push(Block::Grid(g));
                }
            }
        }
    }
    Ok(())
}

fn holds_table(t: &Table) -> bool {
    t.rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.flow.items.iter().any(|i| matches!(i, Item::Table(_))))
}

fn grid(t: &Table, number: usize, budget: &Budget) -> Result<Grid> {
    let mut cells: Vec<Cell> = Vec::new();
    // Per grid column, the cell a vertical merge there would lengthen.
    let mut above: Vec<Option<usize>> = Vec::new();
    let mut places = 0usize;
    for (r, row) in t.rows.iter().enumerate() {
        budget.check()?;
        let mut col = row.grid_before;
        let mut now: Vec<Option<usize>> = vec![None; above.len()];
        for tc in &row.cells {
            let span = tc.span.max(1);
            places = places.saturating_add(span);
            if places > budget.max_cells {
                return Err(Error::too_large(format!(
                    "table {number} has more than {} cells",
                    budget.max_cells
                )));
            }
            if now.len() < col + span {
                now.resize(col + span, None);
            }
            let merged = (tc.merge == Merge::Continue)
                .then(|| above.get(col).copied().flatten())
                .flatten();
            let index = match merged {
                Some(i) if cells[i].col == col && cells[i].col_span == span => {
                    cells[i].row_span += 1;
                    i
                }
                _ => {
                    let text = join_pieces(tc.flow.items.iter().flat_map(|i| match i {
                        Item::Para(p) => p.iter().map(|s| collapse(s)).collect::<Vec<_>>(),
                        Item::Table(_) => Vec::new(),
                    }));
                    let origin = Origin {
                        cell: Some(format!("table {number}, row {}, column {}", r + 1, col + 1)),
                        ..Origin::default()
                    };
                    cells.push(Cell {
                        text,
                        row: r,
                        col,
                        row_span: 1,
                        col_span: span,
                        origin,
                    });
                    cells.len() - 1
                }
            };
            now[col..col + span]
                .iter_mut()
                .for_each(|p| *p = Some(index));
            col += span;
        }
        above = now;
    }
    Ok(Grid::from_cells(cells, None))
}

/// `dc:title` of `docProps/core.xml`, if set.
fn core_title(xml: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut title = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "dc:title" => inside = true,
            Ok(Event::End(e)) if e.name().as_ref() == "dc:title" => break,
            Ok(Event::Text(t)) if inside => title.push_str(&t.xml10_content()),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let title = collapse(&title);
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{inner}</w:body></w:document>"#
        )
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn grid_span_and_vertical_merge_are_expanded() {
        let xml = body(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "（一）予以公开"),
            tc("<w:vMerge/>", ""),
            tc("", "1.属于国家秘密"),
            tc("", "3"),
            tc("<w:vMerge/>", ""),
            tc("", "2.其他"),
            tc("", "0"),
        ));
        let flow = parse(&xml, &Budget::default()).unwrap();
        let mut blocks = Vec::new();
        lay_out(&flow, &mut blocks, &mut 0, &Budget::default()).unwrap();
        let Block::Grid(g) = &blocks[0] else {
            panic!("a grid")
        };
        assert_eq!((g.rows, g.cols), (3, 3));
        assert_eq!((g.cells[0].row_span, g.cells[1].col_span), (3, 2));
        assert_eq!(g.cells.len(), 6);
    }

    #[test]
    fn runs_join_and_deleted_or_hidden_text_stays_out() {
        let xml = body(
            r#"<w:p><w:r><w:t>予以</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">公开 &amp; </w:t><w:tab/><w:t>5</w:t></w:r></w:p>"#,
        );
        let flow = parse(&xml, &Budget::default()).unwrap();
        let mut blocks = Vec::new();
        lay_out(&flow, &mut blocks, &mut 0, &Budget::default()).unwrap();
        assert_eq!(blocks, vec![Block::Line(Line::new("予以公开 & 5"))]);
    }
}
