//! Builds minimal one-page PDFs with lopdf, for font and content paths no producer sample has.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use xxgk::Budget;
use xxgk::model::{Block, Document as Model};

/// A PDF with one A4 page showing `content`; `fonts` adds the page's font resources (it may
/// add streams such as ToUnicode to the document first).
pub fn pdf(
    fonts: impl FnOnce(&mut Document) -> Vec<(&'static str, Dictionary)>,
    content: &[u8],
) -> Vec<u8> {
    pages(fonts, &[content], None)
}

/// A PDF with one page per content stream, all sharing the fonts; `rotate` on every page.
pub fn pages(
    fonts: impl FnOnce(&mut Document) -> Vec<(&'static str, Dictionary)>,
    contents: &[&[u8]],
    rotate: Option<i64>,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font_dict = Dictionary::new();
    for (name, f) in fonts(&mut doc) {
        let id = doc.add_object(f);
        font_dict.set(name, id);
    }
    let resources = doc.add_object(dictionary! { "Font" => font_dict });
    let mut kids = Vec::new();
    for content in contents {
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        };
        if let Some(r) = rotate {
            page.set("Rotate", r);
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("writing a PDF to memory");
    out
}

/// A stream object in `doc`, for ToUnicode and Form XObjects.
pub fn stream(doc: &mut Document, dict: Dictionary, data: &[u8]) -> ObjectId {
    doc.add_object(Stream::new(dict, data.to_vec()))
}

/// A Type0 font over a non-embedded CID font of the given collection ordering.
pub fn type0(encoding: Object, ordering: &str, to_unicode: Option<ObjectId>) -> Dictionary {
    let mut d = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "TestSong",
        "Encoding" => encoding,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType0",
            "BaseFont" => "TestSong",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering),
                "Supplement" => 4,
            },
            "DW" => 1000,
        })],
    };
    if let Some(id) = to_unicode {
        d.set("ToUnicode", id);
    }
    d
}

/// A simple font with the given /Encoding entry (none for `None`).
pub fn simple(subtype: &str, base: &str, encoding: Option<Object>) -> Dictionary {
    let mut d = dictionary! { "Type" => "Font", "Subtype" => subtype, "BaseFont" => base };
    if let Some(e) = encoding {
        d.set("Encoding", e);
    }
    d
}

/// `BT /F1 12 Tf 72 700 Td <hex> Tj ET`
pub fn show_hex(hex: &str) -> Vec<u8> {
    format!("BT /F1 12 Tf 72 700 Td <{hex}> Tj ET").into_bytes()
}

pub fn read(bytes: &[u8]) -> xxgk::Result<Model> {
    xxgk::adapter::pdf::read(bytes, &Budget::default())
}

/// The text of every block, lines joined by newlines, grids' cells by tabs.
pub fn text(doc: &Model) -> String {
    doc.plain_text()
}

/// All grids of a document.
pub fn grids(doc: &Model) -> Vec<&xxgk::model::Grid> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect()
}

pub fn sample(rel: &str) -> Vec<u8> {
    std::fs::read(crate::common::root(rel)).expect("a committed sample")
}
