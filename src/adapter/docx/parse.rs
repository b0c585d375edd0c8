//! `word/document.xml` to a small tree of paragraphs and tables, in document order.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::package::attr;
use crate::budget::Budget;
use crate::error::{Error, Result};

/// Deeper table nesting than this is read as the text of the cell it sits in.
const MAX_DEPTH: usize = 16;

/// What a body or a cell holds, in order.
#[derive(Debug, Default)]
pub(super) struct Flow {
    pub(super) items: Vec<Item>,
}

#[derive(Debug)]
pub(super) enum Item {
    /// A paragraph: its pieces, split at line breaks.
    Para(Vec<String>),
    Table(Table),
}

#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) grid_before: usize,
    pub(super) cells: Vec<Tc>,
}

#[derive(Debug, Default)]
pub(super) struct Tc {
    pub(super) span: usize,
    pub(super) merge: Merge,
    pub(super) flow: Flow,
}

#[derive(Debug, Default, PartialEq)]
pub(super) enum Merge {
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
pub(super) fn parse(xml: &str, budget: &Budget) -> Result<Flow> {
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
