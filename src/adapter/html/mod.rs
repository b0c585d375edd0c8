//! HTML pages and fragments: the article found by content, tables expanded into grids.
//!
//! The bytes are decoded first ([`decode`]), then parsed by html5ever (through scraper), which
//! reads whole pages, fragments and Word's exported HTML alike: Word's conditional comments are
//! comments, its `<o:p>` elements are unknown inline elements. The article ([`article`]) is
//! walked in document order: text outside tables becomes [`Line`]s, each data table a
//! [`Grid`] ([`table`]). An image standing where a standard table belongs is reported as
//! `table_image_only`, unless OCR is on and the picture is on disk beside the page: then it is
//! read ([`image`]) and its blocks take its place. The page's own metadata (`<meta>` tags, 发布机构/来源 fields) is kept
//! beside the text ([`fields`]).

mod article;
mod decode;
mod fields;
pub mod image;
mod table;

use std::path::Path;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::{Block, Document, Level, Line, Note};

pub fn read(bytes: &[u8], budget: &Budget) -> Result<Document> {
    read_in(bytes, budget, None)
}

/// Reads a page; with `folder` (the page's folder on disk, given when OCR is on), pictures
/// that stand in a standard table's place are read by OCR from the files beside the page.
pub fn read_in(bytes: &[u8], budget: &Budget, folder: Option<&Path>) -> Result<Document> {
    let text = decode::decode(bytes);
    budget.check()?;
    check_nesting(&text)?;
    let doc = read_text(&text, budget, folder)?;
    // A page saved from a browser after its script switched to another tab (the PDF viewer of
    // many portals) keeps the report's text under `display:none`. When nothing shown is a
    // table, the hidden content is read too.
    if !doc.blocks.iter().any(|b| matches!(b, Block::Grid(_))) {
        if let Some(revealed) = reveal(&text) {
            let again = read_text(&revealed, budget, folder)?;
            if again.blocks.iter().any(|b| matches!(b, Block::Grid(_))) {
                return Ok(again);
            }
        }
    }
    Ok(doc)
}

fn read_text(text: &str, budget: &Budget, folder: Option<&Path>) -> Result<Document> {
    let html = Html::parse_document(text);
    budget.check()?;
    let root = html.tree.root();
    let body = article::find(root);
    let mut walk = Walk {
        budget,
        blocks: Vec::new(),
        line: String::new(),
        images: Vec::new(),
        tables: 0,
    };
    walk.run(body)?;
    let mut doc = Document {
        title: title(root),
        meta: fields::read(root),
        ..Document::default()
    };
    let (blocks, notes) = pictures(walk.blocks, &walk.images, folder, budget)?;
    doc.blocks = blocks;
    doc.notes = notes;
    Ok(doc)
}

/// The pictures that stand in a standard table's place: each read by OCR where `folder` is
/// given and the file is there (its blocks put where it stands), else `table_image_only`.
fn pictures(
    mut blocks: Vec<Block>,
    images: &[(usize, String)],
    folder: Option<&Path>,
    budget: &Budget,
) -> Result<(Vec<Block>, Vec<Note>)> {
    let mut notes: Vec<Note> = Vec::new();
    let mut read: Vec<(usize, Vec<Block>)> = Vec::new();
    let mut shown: Vec<&str> = Vec::new();
    let (mut lines, mut doubtful, mut least) = (0, 0, 1.0f32);
    for (i, numeral) in table_images(&blocks, images) {
        let (at, src) = &images[i];
        let why = match folder.map(|dir| image::read(dir, src, budget)) {
            None => None,
            Some(Ok(r)) if r.blocks.iter().any(|b| matches!(b, Block::Grid(_))) => {
                (lines, doubtful) = (lines + r.lines, doubtful + r.unreadable);
                least = least.min(r.least);
                shown.push(src);
                read.push((*at, r.blocks));
                continue;
            }
            Some(Ok(_)) => Some("OCR found no ruled table in it".to_string()),
            Some(Err(image::NotRead::Failed(e))) if e.code() == "timeout" => return Err(e),
            Some(Err(e)) => Some(e.reason()),
        };
        if notes.iter().any(|n| n.place == format!("table {numeral}")) {
            continue;
        }
        let why = why.map(|w| format!(": {w}")).unwrap_or_default();
        notes.push(Note {
            code: "table_image_only",
            level: Level::Warning,
            message: format!("table {numeral} is printed as an image ({src}), not as a table{why}"),
            place: format!("table {numeral}"),
        });
    }
    // Later pictures first, so that the places of earlier ones stay where they were.
    for (at, found) in read.into_iter().rev() {
        blocks.splice(at..at, found);
    }
    if !shown.is_empty() {
        let which = format!("pictures {}", shown.join(", "));
        notes.push(Note {
            code: "ocr",
            level: Level::Info,
            message: format!(
                "{which} read by OCR: {lines} lines of text, {doubtful} left out as \
                 unreadable; least confidence {least:.2}"
            ),
            place: which,
        });
    }
    Ok((blocks, notes))
}

/// The page with every `display:none` turned into `display:block`; `None` if it has none.
fn reveal(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut found = false;
    for (i, _) in lower.match_indices("display") {
        if i < last {
            continue;
        }
        let rest = &lower[i + "display".len()..];
        let after_colon = rest.trim_start().strip_prefix(':').map(str::trim_start);
        if let Some(value) = after_colon.filter(|v| v.starts_with("none")) {
            let end = lower.len() - value.len() + "none".len();
            out.push_str(&text[last..i]);
            out.push_str("display:block");
            last = end;
            found = true;
        }
    }
    out.push_str(&text[last..]);
    found.then_some(out)
}

/// The parser's time grows with the square of the nesting depth (it searches the stack of open
/// elements at each tag), and cannot be interrupted: a page nested deeper than any real one is
/// refused before it is parsed. The depth is estimated from container tags alone.
const MAX_NESTING: usize = 4096;

fn check_nesting(text: &str) -> Result<()> {
    const CONTAINERS: [&str; 8] = [
        "div",
        "span",
        "font",
        "table",
        "section",
        "blockquote",
        "ul",
        "ol",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for (i, _) in text.match_indices('<') {
        let rest = &bytes[i + 1..];
        let (closing, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let is_container = CONTAINERS.iter().any(|t| {
            rest.len() > t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                && matches!(rest[t.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        });
        if is_container {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    if max > MAX_NESTING {
        return Err(Error::too_large(format!(
            "the page nests elements {max} deep, more than {MAX_NESTING}"
        )));
    }
    Ok(())
}

/// The element's tag name, lower case as html5ever gives it; `None` for other nodes.
pub(crate) fn tag<'a>(n: NodeRef<'a, Node>) -> Option<&'a str> {
    match n.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Content that is not shown or not text: scripts, styles, Word's `<xml>` islands, hidden parts.
pub(crate) fn is_skipped(n: NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = n.value() else {
        return false;
    };
    if matches!(
        e.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "xml"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "map"
    ) {
        return true;
    }
    if e.attr("hidden").is_some() {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden") || s.contains("mso-hide:all")
    })
}

/// Elements that end a line of text.
pub(crate) fn is_block(n: NodeRef<'_, Node>) -> bool {
    matches!(
        tag(n),
        Some(
            "p" | "div"
                | "br"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "ul"
                | "ol"
                | "dl"
                | "dt"
                | "dd"
                | "tr"
                | "td"
                | "th"
                | "table"
                | "caption"
                | "section"
                | "article"
                | "header"
                | "footer"
                | "main"
                | "blockquote"
                | "pre"
                | "center"
                | "hr"
                | "address"
                | "figure"
                | "figcaption"
                | "img"
        )
    )
}

/// Walks the article in document order.
struct Walk<'b> {
    budget: &'b Budget,
    blocks: Vec<Block>,
    line: String,
    /// Images with the number of blocks before them.
    images: Vec<(usize, String)>,
    tables: usize,
}

impl Walk<'_> {
    fn run(&mut self, top: NodeRef<'_, Node>) -> Result<()> {
        let mut skip = None;
        for (i, edge) in top.traverse().enumerate() {
            if i % 4096 == 0 {
                self.budget.check()?;
            }
            match edge {
                Edge::Open(n) => {
                    if skip.is_some() {
                        continue;
                    }
                    match n.value() {
                        Node::Text(t) => self.line.push_str(t),
                        Node::Element(e) => {
                            if n != top && (is_skipped(n) || article::is_chrome(n)) {
                                skip = Some(n.id());
                                continue;
                            }
                            if is_block(n) {
                                self.flush();
                            }
                            if e.name() == "img" {
                                let src = e
                                    .attr("src")
                                    .or_else(|| e.attr("data-src"))
                                    .unwrap_or("")
                                    .to_string();
                                self.images.push((self.blocks.len(), src));
                            } else if e.name() == "table" && !table::is_layout(n) {
                                skip = Some(n.id());
                                self.table(n)?;
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(n) => {
                    if let Some(id) = skip {
                        if id == n.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if is_block(n) {
                        self.flush();
                    }
                }
            }
        }
        self.flush();
        Ok(())
    }

    fn flush(&mut self) {
        let text = crate::adapter::collapse(&self.line);
        self.line.clear();
        if !text.is_empty() {
            self.blocks.push(Block::Line(Line::new(text)));
        }
    }

    fn table(&mut self, n: NodeRef<'_, Node>) -> Result<()> {
        // The page's metadata block (索引号, 发布机构, 生成日期) is not part of the report.
        let all = table::text(n);
        if all.contains("索引号") && !all.contains("申请") {
            return Ok(());
        }
        // A caption ("表三 收到和处理政府信息公开申请情况") names the table: it goes before it.
        if let Some(caption) = n.children().find(|c| tag(*c) == Some("caption")) {
            let text = table::text(caption);
            if !text.is_empty() {
                self.blocks.push(Block::Line(Line::new(text)));
            }
        }
        self.tables += 1;
        let grid = table::grid(n, self.tables, self.budget)?;
        if !grid.cells.is_empty() {
            self.blocks.push(Block::Grid(grid));
        }
        Ok(())
    }
}

/// The report's title: the CMS's ArticleTitle meta, else the first `<h1>`, else the part of
/// `<title>` that names the report (portals append the column and site names).
fn title(root: NodeRef<'_, Node>) -> Option<String> {
    let elements = || {
        root.descendants().filter_map(|n| match n.value() {
            Node::Element(e) => Some((n, e)),
            _ => None,
        })
    };
    let meta = elements().find_map(|(_, e)| {
        (e.name() == "meta"
            && e.attr("name")
                .is_some_and(|v| v.eq_ignore_ascii_case("ArticleTitle")))
        .then(|| e.attr("content").map(crate::adapter::collapse))
        .flatten()
    });
    let h1 = || {
        elements()
            .filter(|(n, e)| e.name() == "h1" && !is_skipped(*n))
            .map(|(n, _)| table::text(n))
            .find(|t| !t.is_empty())
    };
    let title = || {
        let t = elements()
            .find(|(_, e)| e.name() == "title")
            .map(|(n, _)| table::text(n))?;
        let parts: Vec<&str> = t
            .split(['_', '|', '｜'])
            .flat_map(|p| p.split(" - "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        parts
            .iter()
            .find(|p| p.contains("报告"))
            .or(parts.first())
            .map(|p| p.to_string())
    };
    meta.filter(|t| !t.is_empty()).or_else(h1).or_else(title)
}

/// The standard tables by the heading printed above them.
const HEADINGS: [(&str, &[&str]); 3] = [
    ("二", &["主动公开政府信息情况"]),
    ("三", &["收到和处理政府信息公开申请情况"]),
    ("四", &["行政复议", "行政诉讼"]),
];

fn table_of(line: &str) -> Option<&'static str> {
    if line.chars().count() > 60 {
        return None;
    }
    HEADINGS
        .iter()
        .find(|(_, keys)| keys.iter().all(|k| line.contains(k)))
        .map(|(t, _)| *t)
}

/// A section heading of the report ("三、…", "（二）…"): where a table's place ends.
fn is_heading(line: &str) -> bool {
    let t = line.trim_start();
    let numbered = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    (numbered > 0 && t.chars().nth(numbered) == Some('、')) || table_of(t).is_some()
}

/// The images (index into `images`, and the table's numeral) that follow a standard table's
/// heading with no grid between the heading and the next heading.
fn table_images(blocks: &[Block], images: &[(usize, String)]) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    for (i, (at, _)) in images.iter().enumerate() {
        let Some((h, numeral)) =
            blocks[..*at]
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, b)| match b {
                    Block::Line(l) if is_heading(&l.text) => Some((i, table_of(&l.text))),
                    _ => None,
                })
        else {
            continue;
        };
        let Some(numeral) = numeral else { continue };
        let section_end = blocks[h + 1..]
            .iter()
            .position(|b| matches!(b, Block::Line(l) if is_heading(&l.text)))
            .map_or(blocks.len(), |p| h + 1 + p);
        let has_grid = blocks[h + 1..section_end]
            .iter()
            .any(|b| matches!(b, Block::Grid(_)));
        if !has_grid {
            out.push((i, numeral));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Document {
        read(s.as_bytes(), &Budget::default()).unwrap()
    }

    #[test]
    fn hidden_content_and_scripts_are_skipped() {
        let doc = read_str(
            "<p>一、总体情况</p><div style='display: none'>隐藏</div><script>var x='脚本';</script><p>正文</p>",
        );
        let lines: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Line(l) => l.text.clone(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(lines, ["一、总体情况", "正文"]);
    }

    #[test]
    fn image_after_a_table_heading_is_noted() {
        let doc = read_str(
            "<p>二、主动公开政府信息情况</p><table><tr><td>a</td><td>1</td></tr></table><p>三、收到和处理政府信息公开申请情况</p><p><img src='t3.png'></p><p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td>b</td><td>2</td></tr></table>",
        );
        assert_eq!(doc.notes.len(), 1);
        assert_eq!(doc.notes[0].code, "table_image_only");
        assert!(doc.notes[0].message.contains("t3.png"));
        assert_eq!(doc.notes[0].place, "table 三");
    }
}
