//! One `<table>` to one [`Grid`]: rowspan and colspan laid out as the HTML table model does,
//! each cell stored once at its top-left place, its text joined from its nested pieces.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;

use super::{is_block, is_skipped, tag};
use crate::adapter::collapse;
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::{Cell, Grid, Origin};

/// The HTML standard caps colspan at 1000 and rowspan at 65534.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// Whether a table only lays out the page: it holds another table, or it is a single cell
/// (a frame around the article). Its cells are read as flowing text, not as a grid.
pub fn is_layout(table: NodeRef<'_, Node>) -> bool {
    let nested = table.descendants().skip(1).any(|n| tag(n) == Some("table"));
    nested || rows(table).iter().map(|r| cells(*r).len()).sum::<usize>() <= 1
}

/// The rows of a table, its own only (not those of tables nested in its cells).
pub fn rows(table: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut out = Vec::new();
    for child in table.children() {
        match tag(child) {
            Some("tr") if !is_skipped(child) => out.push(child),
            Some("thead" | "tbody" | "tfoot") if !is_skipped(child) => {
                out.extend(
                    child
                        .children()
                        .filter(|r| tag(*r) == Some("tr") && !is_skipped(*r)),
                );
            }
            _ => {}
        }
    }
    out
}

fn cells(row: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    row.children()
        .filter(|c| matches!(tag(*c), Some("td" | "th")) && !is_skipped(*c))
        .collect()
}

/// Lays out the table numbered `number` (1-based, in document order) as a grid.
pub fn grid(table: NodeRef<'_, Node>, number: usize, budget: &Budget) -> Result<Grid> {
    let rows = rows(table);
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    let mut places = 0usize;
    for (r, row) in rows.iter().enumerate() {
        budget.check()?;
        let mut col = 0;
        for cell in cells(*row) {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let col_span = span(cell, "colspan", MAX_COLSPAN);
            let row_span = match span(cell, "rowspan", MAX_ROWSPAN) {
                0 => rows.len() - r,
                n => n.min(rows.len() - r),
            }
            .max(1);
            let col_span = col_span.max(1);
            places = places.saturating_add(row_span.saturating_mul(col_span));
            if places > budget.max_cells {
                return Err(Error::too_large(format!(
                    "table {number} covers more than {} places",
                    budget.max_cells
                )));
            }
            for line in taken.iter_mut().skip(r).take(row_span) {
                if line.len() < col + col_span {
                    line.resize(col + col_span, false);
                }
                line[col..col + col_span].iter_mut().for_each(|t| *t = true);
            }
            let origin = Origin {
                cell: Some(format!("table {number}, row {}, column {}", r + 1, col + 1)),
                ..Origin::default()
            };
            out.push(Cell {
                text: text(cell),
                row: r,
                col,
                row_span,
                col_span,
                origin,
            });
            col += col_span;
        }
    }
    Ok(Grid::from_cells(out, None))
}

/// A span attribute as browsers read it: leading digits, else 1; `rowspan="0"` stays 0.
fn span(cell: NodeRef<'_, Node>, name: &str, max: usize) -> usize {
    let Some(Node::Element(e)) = Some(cell.value()) else {
        return 1;
    };
    let Some(v) = e.attr(name) else { return 1 };
    let digits: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<usize>() {
        Ok(n) => n.min(max),
        Err(_) => 1,
    }
}

/// The text of an element: its paragraphs, line breaks and spans joined, `&nbsp;` and other
/// white space collapsed. A cell that holds only white space has the empty text.
pub fn text(el: NodeRef<'_, Node>) -> String {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut skip = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) if skip.is_none() => {
                if n != el && is_skipped(n) {
                    skip = Some(n.id());
                    continue;
                }
                match n.value() {
                    Node::Text(t) => cur.push_str(t),
                    Node::Element(_) if n != el && is_block(n) => {
                        pieces.push(std::mem::take(&mut cur))
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip == Some(n.id()) {
                    skip = None;
                } else if skip.is_none() && n != el && is_block(n) {
                    pieces.push(std::mem::take(&mut cur));
                }
            }
            Edge::Open(_) => {}
        }
    }
    pieces.push(cur);
    crate::adapter::join_pieces(pieces.iter().map(|p| collapse(p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first_table(html: &Html) -> NodeRef<'_, Node> {
        html.tree
            .root()
            .descendants()
            .find(|n| tag(*n) == Some("table"))
            .expect("a table")
    }

    #[test]
    fn spans_are_laid_out_as_browsers_do() {
        let html = Html::parse_document(
            "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td><td>g</td></tr></table>",
        );
        let g = grid(first_table(&html), 1, &Budget::default()).unwrap();
        assert_eq!((g.rows, g.cols), (3, 3));
        let at: Vec<_> = g
            .cells
            .iter()
            .map(|c| (c.text.as_str(), c.row, c.col, c.row_span, c.col_span))
            .collect();
        assert_eq!(
            at,
            [
                ("a", 0, 0, 2, 1),
                ("b", 0, 1, 1, 2),
                ("c", 1, 1, 1, 1),
                ("d", 1, 2, 1, 1),
                ("e", 2, 0, 1, 1),
                ("f", 2, 1, 1, 1),
                ("g", 2, 2, 1, 1)
            ]
        );
        assert_eq!(
            g.cells[3].origin.cell.as_deref(),
            Some("table 1, row 2, column 3")
        );
    }

    #[test]
    fn cell_text_joins_pieces_and_drops_nbsp() {
        let html = Html::parse_document(
            "<table><tr><td><p>商业</p><p>企业</p></td><td><span>0</span><span>&nbsp;&nbsp;&nbsp;</span></td><td><p>&nbsp;</p></td><td>结<br>果</td><td>22<br>（其中修订16件）</td></tr></table>",
        );
        let g = grid(first_table(&html), 1, &Budget::default()).unwrap();
        let texts: Vec<_> = g.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["商业企业", "0", "", "结果", "22 （其中修订16件）"]);
    }

    #[test]
    fn rowspan_past_the_end_is_clipped() {
        let html = Html::parse_document(
            "<table><tr><td rowspan=99>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
        );
        let g = grid(first_table(&html), 1, &Budget::default()).unwrap();
        assert_eq!((g.rows, g.cols), (2, 2));
        assert_eq!(g.cells[0].row_span, 2);
    }
}
