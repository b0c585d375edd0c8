//! locate + normalize + check on document models built from the bytes (a structured fuzzer):
//! where the logic that decides numbers lives, reached without an adapter in the way.
//!
//! Text is drawn mostly from the vocabulary of the sample text reports (their headings, row
//! labels, column heads and numbers), so that the locator finds tables and the normalizer
//! reads rows, with numbers in every printed form and some arbitrary strings among them.
//! Grids are bounded as the adapters bound them (a few hundred places, spans of a few cells),
//! and positions are finite, as every adapter gives them.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use xxgk::model::{Block, Cell, Document, Fragment, Grid, Line, Origin};

const SAMPLES: [&str; 2] = [
    include_str!("../../samples/text/complete-2021.txt"),
    include_str!("../../samples/text/complete-2019.txt"),
];

/// Every line of the samples and every tab-separated cell of them, once.
fn vocabulary() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> = SAMPLES
            .iter()
            .flat_map(|s| s.lines())
            .flat_map(|l| std::iter::once(l).chain(l.split('\t')))
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

#[derive(Arbitrary, Debug)]
enum Text {
    Word(u16),
    Words(Vec<u16>),
    Count(u32),
    Signed(i32),
    Grouped(u32),
    Decimal(u32, u8),
    Raw(String),
    Empty,
}

impl Text {
    fn render(&self) -> String {
        let words = vocabulary();
        let word = |i: &u16| words[*i as usize % words.len()];
        match self {
            Text::Word(i) => word(i).to_string(),
            Text::Words(is) => is.iter().take(8).map(word).collect::<Vec<_>>().join(""),
            Text::Count(n) => (n % 100_000).to_string(),
            Text::Signed(n) => n.to_string(),
            Text::Grouped(n) => {
                let s = n.to_string();
                let mut out = String::new();
                for (i, c) in s.chars().enumerate() {
                    if i > 0 && (s.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(c);
                }
                out
            }
            Text::Decimal(n, d) => format!("{}.{:02}", n % 100_000, d % 100),
            Text::Raw(s) => s.chars().take(64).collect(),
            Text::Empty => String::new(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Place {
    page: Option<u8>,
    bbox: Option<[u16; 4]>,
    cell: Option<u8>,
}

impl Place {
    fn origin(&self) -> Origin {
        Origin {
            page: self.page.map(u32::from),
            bbox: self
                .bbox
                .map(|b| [b[0] as f32, b[1] as f32, b[2] as f32, b[3] as f32]),
            cell: self.cell.map(|c| format!("cell {c}")),
            ocr: None,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FuzzCell {
    text: Text,
    row: u8,
    col: u8,
    row_span: u8,
    col_span: u8,
    place: Place,
}

#[derive(Arbitrary, Debug)]
enum FuzzBlock {
    Line(Text, Place),
    Fragments(Vec<(Text, Place)>),
    Grid(Vec<FuzzCell>, Option<u8>),
}

#[derive(Arbitrary, Debug)]
struct FuzzDoc {
    blocks: Vec<FuzzBlock>,
    title: Option<Text>,
    pages: Option<u8>,
}

impl FuzzDoc {
    fn build(&self) -> Document {
        let blocks = self.blocks.iter().take(256).map(|b| match b {
            FuzzBlock::Line(t, p) => Block::Line(Line {
                text: t.render(),
                fragments: Vec::new(),
                origin: p.origin(),
            }),
            FuzzBlock::Fragments(fs) => {
                let fragments: Vec<Fragment> = fs
                    .iter()
                    .take(16)
                    .enumerate()
                    .map(|(i, (t, p))| {
                        let origin = p.origin();
                        // A run with a position has no field; a tab dump's cell has its field.
                        let field = origin.bbox.is_none().then_some(i as u32);
                        Fragment {
                            text: t.render(),
                            origin,
                            field,
                        }
                    })
                    .collect();
                let text = fragments
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\t");
                Block::Line(Line {
                    text,
                    fragments,
                    origin: Origin::default(),
                })
            }
            FuzzBlock::Grid(cells, page) => {
                let cells = cells
                    .iter()
                    .take(400)
                    .map(|c| Cell {
                        text: c.text.render(),
                        row: c.row as usize % 48,
                        col: c.col as usize % 16,
                        row_span: 1 + c.row_span as usize % 4,
                        col_span: 1 + c.col_span as usize % 4,
                        origin: c.place.origin(),
                    })
                    .collect();
                Block::Grid(Grid::from_cells(cells, page.map(u32::from)))
            }
        });
        Document {
            blocks: blocks.collect(),
            pages: self.pages.map(u32::from),
            producer: None,
            title: self.title.as_ref().map(Text::render),
            notes: Vec::new(),
            ..Document::default()
        }
    }
}

fuzz_target!(|doc: FuzzDoc| {
    let doc = doc.build();
    let budget = xxgk::Budget::with_timeout(Some(std::time::Duration::from_secs(5)));
    for provenance in [false, true] {
        let opts = xxgk::Options {
            provenance,
            ..Default::default()
        };
        let _ = xxgk::pipeline::from_document(
            &doc,
            xxgk::record::Source::default(),
            Vec::new(),
            &opts,
            &budget,
        );
    }
});
