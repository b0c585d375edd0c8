//! The document model: what every format adapter produces and the only thing the locator sees.
//!
//! A [`Document`] is an ordered list of [`Block`]s. A block is either a line of text (a
//! paragraph, a heading, or a row of a dump whose cells were lost and survive only as
//! tab-separated or positioned fragments) or a [`Grid`] of [`Cell`]s whose places the format
//! gives (an HTML or DOCX table, a spreadsheet, a ruled PDF table, a markdown pipe table).
//! Nothing here knows what a report is.

use serde::Serialize;

/// A rectangle on a page, in PDF user-space points: `[x0, y0, x1, y1]` with y growing upwards.
pub type BBox = [f32; 4];

/// Where a piece of content came from, for provenance and for the `where` of issues.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Origin {
    /// 1-based page number, where the format has pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Position on the page (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// A reference into the source: "table 2, row 3, column 4" (HTML, DOCX), "Sheet1!B4" (XLSX).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Read by OCR from an image: the least confidence of the readings it holds, 0 to 1
    /// (1 for a cell of a scanned table whose crop holds no ink). `None` for text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<f32>,
}

/// One adapter's reading of one file.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Page count, where the format has pages.
    pub pages: Option<u32>,
    /// The producing program (a PDF's Producer/Creator).
    pub producer: Option<String>,
    /// The document's title from its metadata (HTML `<title>`, PDF Info Title), if any.
    pub title: Option<String>,
    /// Findings of the adapter itself: `text_undecodable`, `no_text_layer`, `table_image_only` ...
    pub notes: Vec<Note>,
    /// The page's own metadata as (name, value) pairs, in document order: HTML `<meta name=…
    /// content=…>` and the labelled fields a portal prints around an article (发布机构, 来源 …).
    /// Names are kept as printed; empty values are left out.
    pub meta: Vec<(String, String)>,
}

/// A finding made while reading a file, before anything is known of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// A stable issue code of SCHEMA.md (`no_text_layer`, `text_undecodable`, ...).
    pub code: &'static str,
    pub level: Level,
    pub message: String,
    pub place: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Line(Line),
    Grid(Grid),
}

/// A line or paragraph of text. `fragments` holds its pieces where the input separated them
/// (tab-separated dump cells, runs of positioned PDF text with gaps between them); a plain
/// paragraph has none and only `text`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub text: String,
    pub fragments: Vec<Fragment>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    pub text: String,
    pub origin: Origin,
    /// The fragment's field in a line of tab-separated fields (0-based), counting empty fields:
    /// the place a tab dump gives its cells. `None` where the input gives no field (a PDF run
    /// has its place in `origin.bbox` instead).
    pub field: Option<u32>,
}

/// A table whose cells have places. Cells are stored once, at their top-left place, with their
/// spans; [`Grid::layout`] expands them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub cells: Vec<Cell>,
    pub rows: usize,
    pub cols: usize,
    /// Page of the grid's first cell, where the format has pages.
    pub page: Option<u32>,
    /// Rows whose cells the input does not truly place (a markdown pipe row with fewer cells
    /// than the table: which cell it lost is unknown). Their values are read in order.
    pub unplaced_rows: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub origin: Origin,
}

impl Line {
    pub fn new(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
}

impl Grid {
    /// Builds a grid from cells, computing its size from their places and spans.
    pub fn from_cells(cells: Vec<Cell>, page: Option<u32>) -> Grid {
        let rows = cells
            .iter()
            .map(|c| c.row + c.row_span.max(1))
            .max()
            .unwrap_or(0);
        let cols = cells
            .iter()
            .map(|c| c.col + c.col_span.max(1))
            .max()
            .unwrap_or(0);
        Grid {
            cells,
            rows,
            cols,
            page,
            unplaced_rows: Vec::new(),
        }
    }

    /// Every place of the grid with the index of the cell covering it (a merged cell covers
    /// all places of its span); `None` where no cell is.
    pub fn layout(&self) -> Vec<Vec<Option<usize>>> {
        let mut places = vec![vec![None; self.cols]; self.rows];
        for (i, c) in self.cells.iter().enumerate() {
            for r in c.row..(c.row + c.row_span.max(1)).min(self.rows) {
                for k in c.col..(c.col + c.col_span.max(1)).min(self.cols) {
                    if places[r][k].is_none() {
                        places[r][k] = Some(i);
                    }
                }
            }
        }
        places
    }
}

impl Document {
    /// The whole text of the document, one block a line (grids row by row, cells tab-separated).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Line(l) => {
                    out.push_str(&l.text);
                    out.push('\n');
                }
                Block::Grid(g) => {
                    let places = g.layout();
                    for row in places {
                        let mut last = None;
                        for p in row {
                            if p.is_some() && p != last {
                                out.push_str(&g.cells[p.unwrap()].text);
                            }
                            out.push('\t');
                            last = p;
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}
