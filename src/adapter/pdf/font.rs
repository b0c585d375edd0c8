//! Fonts: how a shown string's bytes become characters with advances.
//!
//! Composite (Type0) fonts split bytes by their Encoding CMap (Identity, a predefined Chinese
//! CMap, or an embedded program), find each code's CID and width (W, DW), and its text from
//! ToUnicode, then from the predefined CMap's own character set, then from the Adobe-GB1 table
//! for GB1 fonts. Simple fonts (Type1, TrueType, Type3) have one-byte codes, Widths/FirstChar,
//! and text from ToUnicode or their encoding. A code none of these decodes has text `None`:
//! the caller counts it for `text_undecodable`; nothing here guesses.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::{self, CMap, Predefined};
use super::encoding::{self, Table};
use super::objects;
use super::radicals;

/// Most width entries kept from one W array.
const MAX_WIDTHS: usize = 100_000;

/// One character of a shown string.
#[derive(Debug, Clone)]
pub struct Char {
    /// The text it stands for; `None` when no map decodes it.
    pub text: Option<String>,
    /// Advance in text space per unit of font size (horizontal, or vertical for -V fonts).
    pub width: f32,
    /// A one-byte code 32, to which word spacing (Tw) applies.
    pub word_space: bool,
}

#[derive(Debug)]
enum Codes {
    Predefined(Predefined),
    Embedded(CMap),
    /// An Encoding we do not know: two-byte codes, decodable only by ToUnicode.
    Unknown,
}

#[derive(Debug)]
enum Kind {
    Simple {
        table: Table,
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        codes: Codes,
        gb1: bool,
        widths: HashMap<u32, f32>,
        ranges: Vec<(u32, u32, f32)>,
        dw: f32,
    },
}

#[derive(Debug)]
pub struct Font {
    /// BaseFont without its subset tag, for messages.
    pub name: String,
    pub vertical: bool,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space → text space: 1/1000, or a Type3 font's FontMatrix.
    scale: f32,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read decodes as nothing (and is
    /// then reported), and a missing width is the font's default.
    pub fn load(doc: &Document, font: &Dictionary, limit: usize) -> Font {
        let name = objects::name(doc, font, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let name = match name.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
            _ => name,
        };
        let to_unicode = objects::stream(doc, font, b"ToUnicode")
            .and_then(|s| objects::stream_bytes(s, limit))
            .map(|b| CMap::parse(&b));
        let subtype = objects::name(doc, font, b"Subtype").unwrap_or(b"");
        if subtype == b"Type0" {
            return Font::composite(doc, font, name, to_unicode, limit);
        }
        let scale = if subtype == b"Type3" {
            objects::numbers::<6>(doc, font, b"FontMatrix")
                .map(|m| m[0])
                .filter(|a| a.is_finite() && *a != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let descriptor = objects::dict(doc, font, b"FontDescriptor");
        let symbolic = descriptor
            .and_then(|d| objects::number(doc, d, b"Flags"))
            .is_some_and(|f| (f as i64) & 4 != 0);
        let embedded = descriptor.is_some_and(|d| {
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| d.has(k))
        });
        let table = if font.has(b"Encoding") {
            encoding::of_font(doc, font)
        } else if symbolic && embedded {
            // The font program's own encoding, which we do not read: only ToUnicode can tell.
            vec![None; 256]
        } else if subtype == b"TrueType" {
            encoding::base(b"WinAnsiEncoding")
        } else {
            encoding::base(b"StandardEncoding")
        };
        let first = objects::number(doc, font, b"FirstChar")
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths = objects::array(doc, font, b"Widths")
            .map(|a| {
                a.iter()
                    .take(256)
                    .map(|w| objects::num(doc, w).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let default = if name.starts_with("Courier") {
            600.0
        } else {
            500.0
        };
        let missing = descriptor
            .and_then(|d| objects::number(doc, d, b"MissingWidth"))
            .filter(|w| *w > 0.0)
            .unwrap_or(default);
        Font {
            name,
            vertical: false,
            kind: Kind::Simple {
                table,
                first,
                widths,
                missing,
            },
            to_unicode,
            scale,
        }
    }

    fn composite(
        doc: &Document,
        font: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
        limit: usize,
    ) -> Font {
        let (codes, vertical) = match objects::get(doc, font, b"Encoding") {
            Some(Object::Name(n)) => match Predefined::by_name(&String::from_utf8_lossy(n)) {
                Some((p, v)) => (Codes::Predefined(p), v),
                None => (Codes::Unknown, n.ends_with(b"-V")),
            },
            Some(Object::Stream(s)) => {
                let cmap = objects::stream_bytes(s, limit)
                    .map(|b| CMap::parse(&b))
                    .unwrap_or_default();
                let v = objects::number(doc, &s.dict, b"WMode").is_some_and(|w| w == 1.0);
                // An embedded copy of a predefined map (or one using it) reads like the original.
                let named = cmap
                    .name
                    .as_deref()
                    .or(cmap.uses.as_deref())
                    .and_then(Predefined::by_name);
                match named {
                    Some((p, pv)) if cmap.cid.is_empty() && cmap.cid_ranges.is_empty() => {
                        (Codes::Predefined(p), v || pv)
                    }
                    _ => (Codes::Embedded(cmap), v),
                }
            }
            _ => (Codes::Unknown, false),
        };
        let descendant = objects::array(doc, font, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| objects::deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut widths = HashMap::new();
        let mut ranges = Vec::new();
        let mut dw = 1000.0;
        let mut gb1 = false;
        if let Some(d) = descendant {
            dw = objects::number(doc, d, b"DW").unwrap_or(1000.0);
            if let Some(info) = objects::dict(doc, d, b"CIDSystemInfo") {
                gb1 = matches!(objects::get(doc, info, b"Ordering"), Some(Object::String(s, _)) if s == b"GB1");
            }
            if let Some(w) = objects::array(doc, d, b"W") {
                read_w(doc, w, &mut widths, &mut ranges);
            }
        }
        // A predefined Chinese CMap implies the GB1 collection even where CIDSystemInfo is lost.
        if matches!(
            codes,
            Codes::Predefined(Predefined::Gbk | Predefined::Gb18030)
        ) {
            gb1 = true;
        }
        Font {
            name,
            vertical,
            kind: Kind::Composite {
                codes,
                gb1,
                widths,
                ranges,
                dw,
            },
            to_unicode,
            scale: 0.001,
        }
    }

    /// The characters of a shown string, appended to `out`.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Char>) {
        match &self.kind {
            Kind::Simple {
                table,
                first,
                widths,
                missing,
            } => {
                for &b in bytes {
                    let code = b as u32;
                    let text = self
                        .mapped(1, code)
                        .or_else(|| table.get(b as usize).cloned().flatten());
                    let w = code
                        .checked_sub(*first)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .unwrap_or(*missing);
                    out.push(Char {
                        text,
                        width: w * self.scale,
                        word_space: b == 32,
                    });
                }
            }
            Kind::Composite {
                codes,
                gb1,
                widths,
                ranges,
                dw,
            } => {
                let mut i = 0;
                while i < bytes.len() {
                    let rest = &bytes[i..];
                    let n = match codes {
                        Codes::Predefined(p) => p.code_len(rest),
                        Codes::Embedded(c) => c.code_len(rest).unwrap_or(1),
                        Codes::Unknown => self
                            .to_unicode
                            .as_ref()
                            .and_then(|c| c.code_len(rest))
                            .unwrap_or(2),
                    }
                    .clamp(1, rest.len().min(4));
                    let raw = &rest[..n];
                    let code = raw.iter().fold(0u32, |a, &b| a << 8 | b as u32);
                    i += n;
                    let mut text = self.mapped(n as u8, code);
                    if text.is_none() {
                        if let Codes::Predefined(p) = codes {
                            text = p.decode(raw);
                        }
                    }
                    let cid = match codes {
                        Codes::Predefined(Predefined::Identity) => Some(code),
                        Codes::Embedded(c) => c.cid_of(n as u8, code),
                        Codes::Predefined(_) if *gb1 => text
                            .as_deref()
                            .and_then(|t| t.chars().next())
                            .and_then(cmap::gb1_cid),
                        // Half-width Latin is CID 1–95 in every Adobe CJK collection.
                        Codes::Predefined(_) => (0x20..0x7f).contains(&code).then(|| code - 31),
                        Codes::Unknown => None,
                    };
                    if text.is_none() && *gb1 {
                        text = cid.and_then(cmap::gb1_unicode).map(String::from);
                    }
                    let w = if self.vertical {
                        1000.0
                    } else {
                        cid.and_then(|c| {
                            widths.get(&c).copied().or_else(|| {
                                ranges.iter().find(|r| r.0 <= c && c <= r.1).map(|r| r.2)
                            })
                        })
                        .unwrap_or(*dw)
                    };
                    out.push(Char {
                        text,
                        width: w * self.scale,
                        word_space: n == 1 && code == 32,
                    });
                }
            }
        }
    }

    fn mapped(&self, len: u8, code: u32) -> Option<String> {
        let t = self.to_unicode.as_ref()?.unicode.get(&(len, code))?;
        (!t.is_empty() && !t.contains(['\u{fffd}', '\0'])).then(|| radicals::unify(t.clone()))
    }
}

/// Reads a CID font's W array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn read_w(
    doc: &Document,
    w: &[Object],
    widths: &mut HashMap<u32, f32>,
    ranges: &mut Vec<(u32, u32, f32)>,
) {
    let mut i = 0;
    while i < w.len() && widths.len() < MAX_WIDTHS && ranges.len() < MAX_WIDTHS {
        let Some(first) = objects::num(doc, &w[i]).filter(|v| *v >= 0.0) else {
            return;
        };
        let first = first as u32;
        match w.get(i + 1).and_then(|o| objects::deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate().take(MAX_WIDTHS) {
                    if let Some(v) = objects::num(doc, v) {
                        widths.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(_) => {
                let last = w.get(i + 1).and_then(|o| objects::num(doc, o));
                let v = w.get(i + 2).and_then(|o| objects::num(doc, o));
                if let (Some(last), Some(v)) = (last, v) {
                    ranges.push((first, last.max(0.0) as u32, v));
                }
                i += 3;
            }
            None => return,
        }
    }
}
