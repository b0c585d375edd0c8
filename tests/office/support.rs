//! Reading samples into the document model and looking at their grids as text.

use xxgk::Budget;
use xxgk::model::{Block, Document, Grid};

use crate::common::root;

/// The document model of a file under the crate root.
pub fn read(rel: &str) -> Document {
    let bytes = std::fs::read(root(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let format = xxgk::adapter::sniff(&bytes).unwrap_or_else(|| panic!("{rel}: not sniffed"));
    xxgk::adapter::read(format, &bytes, &Budget::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn grids(doc: &Document) -> Vec<&Grid> {
    doc.blocks
        .iter()
        .filter_map(|b| {
            if let Block::Grid(g) = b {
                Some(g)
            } else {
                None
            }
        })
        .collect()
}

pub fn lines(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| {
            if let Block::Line(l) = b {
                Some(l.text.as_str())
            } else {
                None
            }
        })
        .collect()
}

/// The grid's places row by row: a merged cell's text at every place it covers.
pub fn rows(g: &Grid) -> Vec<Vec<&str>> {
    g.layout()
        .iter()
        .map(|r| {
            r.iter()
                .map(|p| p.map_or("∅", |i| g.cells[i].text.as_str()))
                .collect()
        })
        .collect()
}

/// The whole model as text, for looking at a layout (`cargo test dump -- --ignored --nocapture`).
pub fn render(doc: &Document) -> String {
    let mut out = format!("title: {:?}\nnotes: {:?}\n", doc.title, doc.notes);
    for b in &doc.blocks {
        match b {
            Block::Line(l) => out.push_str(&format!("| {}\n", l.text)),
            Block::Grid(g) => {
                out.push_str(&format!("+ grid {}x{}\n", g.rows, g.cols));
                for r in rows(g) {
                    out.push_str(&format!("  [{}]\n", r.join(" ¦ ")));
                }
            }
        }
    }
    out
}

#[test]
#[ignore = "prints the model of every sample, for people"]
fn dump() {
    let only = std::env::var("DUMP").unwrap_or_default();
    for dir in [
        "samples/corpus",
        "samples/html",
        "samples/docx",
        "samples/xlsx",
    ] {
        let Ok(entries) = std::fs::read_dir(root(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.to_string_lossy().to_string();
            if name.ends_with(".json")
                || name.ends_with(".md")
                || name.ends_with(".pdf")
                || !name.contains(&only)
            {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let Some(format) = xxgk::adapter::sniff(&bytes) else {
                continue;
            };
            match xxgk::adapter::read(format, &bytes, &Budget::default()) {
                Ok(doc) => println!("===== {name} ({})\n{}", format.name(), render(&doc)),
                Err(e) => println!("===== {name}: {e}"),
            }
        }
    }
}
