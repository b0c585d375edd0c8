//! Simple (one-byte) font encodings: the base encodings WinAnsi, MacRoman and Standard, and
//! Differences arrays whose glyph names are looked up in the Adobe Glyph List or read as
//! `uniXXXX` / `uXXXX[XX]`.
//!
//! The tables and the glyph list are lopdf's; it keeps them private, so we read them through its
//! public font-encoding API once per name.

use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::objects;

/// Code → text of a simple font; `None` where the encoding says nothing of the code.
pub type Table = Vec<Option<String>>;

fn via_lopdf(encoding: Object, code: u8) -> Option<String> {
    static DOC: OnceLock<Document> = OnceLock::new();
    let doc = DOC.get_or_init(Document::new);
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", encoding);
    let enc: Encoding<'_> = font.get_font_encoding(doc).ok()?;
    let s = enc.bytes_to_string(&[code]).ok()?;
    (!s.is_empty()).then_some(s)
}

/// One of the named base encodings, as a 256-entry table.
pub fn base(name: &[u8]) -> Table {
    static WIN: OnceLock<Table> = OnceLock::new();
    static MAC: OnceLock<Table> = OnceLock::new();
    static STD: OnceLock<Table> = OnceLock::new();
    let (cell, lopdf_name): (&OnceLock<Table>, &[u8]) = match name {
        b"WinAnsiEncoding" => (&WIN, b"WinAnsiEncoding"),
        b"MacRomanEncoding" => (&MAC, b"MacRomanEncoding"),
        _ => (&STD, b"StandardEncoding"),
    };
    cell.get_or_init(|| {
        (0..=255u8)
            .map(|c| {
                let t = via_lopdf(Object::Name(lopdf_name.to_vec()), c)?;
                // lopdf maps WinAnsi's undefined codes to nothing, and space-like codes fine.
                Some(t)
            })
            .collect()
    })
    .clone()
}

/// The text a glyph name stands for: Adobe Glyph List names, `uniXXXX…`, `uXXXX[XX]`;
/// `None` for names that carry no character (`g123`, `cid45`, `.notdef`).
pub fn glyph_name(name: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(name).ok()?;
    // "one.tf" / "zero.lf": the part before the first period names the character.
    let s = s.split('.').next().filter(|p| !p.is_empty())?;
    if let Some(hex) = s.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Option<Vec<u16>> = hex
                .as_bytes()
                .chunks(4)
                .map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            let t: String = char::decode_utf16(units?).filter_map(|r| r.ok()).collect();
            if !t.is_empty() {
                return Some(t);
            }
        }
    }
    if let Some(hex) = s.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    let mut diffs = Dictionary::new();
    diffs.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(0),
            Object::Name(s.as_bytes().to_vec()),
        ]),
    );
    via_lopdf(Object::Dictionary(diffs), 0)
}

/// The table of a simple font's `/Encoding` entry (a name, or a dictionary with a base and
/// Differences). `symbolic_default`: fonts with no encoding fall back to Standard.
pub fn of_font(doc: &Document, font: &Dictionary) -> Table {
    match objects::get(doc, font, b"Encoding") {
        Some(Object::Name(n)) => base(n),
        Some(Object::Dictionary(d)) => {
            let mut table = match objects::name(doc, d, b"BaseEncoding") {
                Some(n) => base(n),
                None => base(b"StandardEncoding"),
            };
            if let Some(diffs) = objects::array(doc, d, b"Differences") {
                let mut code: i64 = 0;
                for item in diffs {
                    match objects::deref(doc, item) {
                        Some(Object::Integer(i)) => code = *i,
                        Some(Object::Name(n)) => {
                            if (0..256).contains(&code) {
                                table[code as usize] = glyph_name(n);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
            table
        }
        _ => base(b"StandardEncoding"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_tables() {
        assert_eq!(glyph_name(b"uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name(b"u4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name(b"seven").as_deref(), Some("7"));
        assert_eq!(glyph_name(b"g17"), None);
        assert_eq!(base(b"WinAnsiEncoding")[0x31].as_deref(), Some("1"));
        assert_eq!(base(b"MacRomanEncoding")[0xa5].as_deref(), Some("•"));
    }
}
