//! DOCX: paragraphs and `w:tbl` tables with their merged cells expanded.
//!
//! The package is a zip; its members are inflated under the budget's limits (a zip bomb stops
//! at `max_inflated`, not at the machine's memory). `word/document.xml` is read with quick-xml
//! into a small tree of paragraphs and tables, then laid out: `w:gridSpan` gives a cell its
//! columns, `w:vMerge` continuations lengthen the cell above them, `w:gridBefore` skips the
//! columns a row leaves out. A table that holds another table only frames the page: its cells
//! are read as flowing text and the inner tables as grids, as the HTML adapter does.

mod package;
mod parse;

pub(crate) use package::Package;

use crate::adapter::{collapse, join_pieces};
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::{Block, Cell, Document, Grid, Line, Origin};
use parse::{Flow, Item, Merge, Table};

pub fn read(bytes: &[u8], budget: &Budget) -> Result<Document> {
    let mut zip = Package::open(bytes, budget)?;
    let main = zip.main_part()?;
    let xml = zip
        .member(&main)?
        .ok_or_else(|| Error::corrupt("the package has no main document part").at(main.clone()))?;
    let body = parse::parse(&xml, budget).map_err(|e| e.at(main.clone()))?;
    let mut doc = Document::default();
    let mut tables = 0;
    lay_out(&body, &mut doc.blocks, &mut tables, budget)?;
    if let Ok(Some(core)) = zip.member("docProps/core.xml") {
        doc.title = core_title(&core);
    }
    Ok(doc)
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
    use quick_xml::Reader;
    use quick_xml::events::Event;
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
    use super::parse::parse;
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
