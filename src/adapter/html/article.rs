//! Finding the article in a portal page by its content, not by the names CMSs give it.
//!
//! Every element is weighed by the text it holds outside links (navigation, breadcrumbs,
//! "related articles" and share bars are links; scripts, forms and hidden parts weigh nothing).
//! From `<body>` down, the walk enters the child that holds nearly all of its parent's weight,
//! or most of it when nothing beside it looks like report content: it stops at the smallest
//! element that still holds the whole report, so what sits beside the report (the 索引号
//! metadata block, the footer, side columns) is left out.

use std::collections::HashMap;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;

use super::{is_skipped, table, tag};

/// A child holding at least this share of its parent's weight is entered.
const KEEP: f64 = 0.9;
/// A child holding at least this share is entered when nothing beside it looks like report
/// content (a table, or a paragraph of [`SUBSTANTIAL`] characters): a short report in a portal
/// whose footer and side columns carry much plain text.
const MAJORITY: f64 = 0.5;
const SUBSTANTIAL: usize = 60;

/// What an element's subtree holds.
#[derive(Debug, Default, Clone, Copy)]
struct Weight {
    /// Characters of text outside links.
    text: usize,
    tables: usize,
    /// The longest paragraph (`<p>`, `<li>`, a heading), in characters outside links.
    longest: usize,
}

/// The element that holds the article: `<body>` of a fragment or of a page with nothing
/// around the report, a content `<div>` of a portal page.
pub fn find(root: NodeRef<'_, Node>) -> NodeRef<'_, Node> {
    let weights = weigh(root);
    let weight = |n: NodeRef<'_, Node>| weights.get(&n.id()).copied().unwrap_or_default();
    let start = root
        .descendants()
        .find(|n| tag(*n) == Some("body"))
        .unwrap_or(root);
    let mut at = start;
    loop {
        let total = weight(at).text as f64;
        if total == 0.0 {
            return at;
        }
        let elements = || {
            at.children()
                .filter(|c| matches!(c.value(), Node::Element(_)))
        };
        let Some(best) = elements().max_by_key(|c| weight(*c).text) else {
            return at;
        };
        let share = weight(best).text as f64 / total;
        let quiet = || {
            elements()
                .filter(|s| *s != best)
                .all(|s| weight(s).tables == 0 && weight(s).longest < SUBSTANTIAL)
        };
        if enterable(best) && (share >= KEEP || (share >= MAJORITY && quiet())) {
            at = best;
        } else {
            return at;
        }
    }
}

/// Text blocks and data tables are the article's content, never its frame.
fn enterable(n: NodeRef<'_, Node>) -> bool {
    match tag(n) {
        Some("table") => table::is_layout(n),
        Some("tbody" | "thead" | "tr" | "td" | "th") => true,
        Some(t) => !matches!(
            t,
            "p" | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "span"
                | "font"
                | "strong"
                | "b"
                | "a"
                | "pre"
                | "em"
                | "i"
        ),
        None => false,
    }
}

/// The weight of every element, summed over its subtree.
fn weigh(root: NodeRef<'_, Node>) -> HashMap<ego_tree::NodeId, Weight> {
    let mut weights = HashMap::new();
    let mut stack: Vec<Weight> = vec![Weight::default()];
    let mut skip = None;
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(_) if is_skipped(n) || is_chrome(n) => skip = Some(n.id()),
                    Node::Element(_) => {
                        if tag(n) == Some("a") {
                            in_link += 1;
                        }
                        stack.push(Weight::default());
                    }
                    Node::Text(t) if in_link == 0 => {
                        if let Some(top) = stack.last_mut() {
                            top.text += t.chars().filter(|c| !c.is_whitespace()).count();
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
                if let Node::Element(_) = n.value() {
                    let mut w = stack.pop().unwrap_or_default();
                    match tag(n) {
                        Some("a") => in_link = in_link.saturating_sub(1),
                        Some("table") => w.tables += 1,
                        Some("p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                            w.longest = w.longest.max(w.text)
                        }
                        _ => {}
                    }
                    if let Some(top) = stack.last_mut() {
                        top.text += w.text;
                        top.tables += w.tables;
                        top.longest = top.longest.max(w.longest);
                    }
                    weights.insert(n.id(), w);
                }
            }
        }
    }
    weights
}

/// Page chrome by its HTML5 element: never part of an article.
pub fn is_chrome(n: NodeRef<'_, Node>) -> bool {
    matches!(
        tag(n),
        Some(
            "nav"
                | "footer"
                | "aside"
                | "form"
                | "select"
                | "button"
                | "iframe"
                | "input"
                | "textarea"
        )
    )
}
