//! Character maps: how a composite font's string bytes split into codes, and how codes become
//! CIDs and Unicode.
//!
//! Three sources, in the order a font consults them: an embedded CMap program (ToUnicode's
//! bfchar/bfrange, or an Encoding stream's cidchar/cidrange, with codespace ranges); the
//! predefined Chinese CMaps named by the font's Encoding, whose codes *are* text in a known
//! character set (UCS-2, UTF-16BE, GBK/EUC-CN, GB18030), decoded with encoding_rs; and the
//! Adobe-GB1 CID→Unicode table generated from poppler-data (`data/adobe-gb1.bin`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::lexer::{Lexer, Token};

/// Most mappings kept from one CMap program: a bomb of huge bfranges must not eat memory.
const MAX_ENTRIES: usize = 200_000;

/// One codespace range: codes of `lo.len()` bytes whose bytes each lie within `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub struct Codespace {
    lo: Vec<u8>,
    hi: Vec<u8>,
}

/// A parsed CMap program (embedded Encoding CMap or ToUnicode).
#[derive(Debug, Default, Clone)]
pub struct CMap {
    pub codespace: Vec<Codespace>,
    /// (code length in bytes, code) → text.
    pub unicode: HashMap<(u8, u32), String>,
    /// (code length in bytes, code) → CID.
    pub cid: HashMap<(u8, u32), u32>,
    /// Ranges of codes → CIDs, kept as ranges: (len, lo, hi, first cid).
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// `/CMapName` of the program, to spot an embedded copy of a predefined map.
    pub name: Option<String>,
    /// `usecmap` parent name, if any (a predefined map this one extends).
    pub uses: Option<String>,
}

fn code_of(bytes: &[u8]) -> (u8, u32) {
    let n = bytes.len().min(4);
    let v = bytes[..n].iter().fold(0u32, |a, &b| a << 8 | b as u32);
    (n as u8, v)
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

/// The destination of a bfrange entry `offset` steps past its first: the last UTF-16 unit
/// incremented.
fn step_dest(dest: &[u8], offset: u32) -> String {
    let mut d = dest.to_vec();
    if d.len() >= 2 {
        let n = d.len();
        let last = u16::from_be_bytes([d[n - 2], d[n - 1]]) as u32 + offset;
        d[n - 2] = (last >> 8 & 0xff) as u8;
        d[n - 1] = (last & 0xff) as u8;
    } else if let Some(b) = d.last_mut() {
        *b = b.wrapping_add(offset as u8);
    }
    utf16be(&d)
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut toks = Lexer::new(data).peekable();
        let mut entries = 0usize;
        let mut last_name: Option<Vec<u8>> = None;
        while let Some(t) = toks.next() {
            match t {
                Token::Name(n) => last_name = Some(n.to_vec()),
                Token::Word(b"begincodespacerange") => {
                    while let (Some(Token::Str(lo)), Some(Token::Str(hi))) =
                        (next_str(&mut toks), next_str(&mut toks))
                    {
                        if !lo.is_empty() && lo.len() == hi.len() && lo.len() <= 4 {
                            cmap.codespace.push(Codespace { lo, hi });
                        }
                    }
                }
                Token::Word(b"beginbfchar") => {
                    while let (Some(Token::Str(src)), Some(Token::Str(dst))) =
                        (next_str(&mut toks), next_str(&mut toks))
                    {
                        if !src.is_empty() && entries < MAX_ENTRIES {
                            cmap.unicode.insert(code_of(&src), utf16be(&dst));
                            entries += 1;
                        }
                    }
                }
                Token::Word(b"beginbfrange") => loop {
                    let (Some(Token::Str(lo)), Some(Token::Str(hi))) =
                        (next_str(&mut toks), next_str(&mut toks))
                    else {
                        break;
                    };
                    let (len, lo_v) = if lo.is_empty() { (0, 0) } else { code_of(&lo) };
                    let (_, hi_v) = if hi.is_empty() { (0, 0) } else { code_of(&hi) };
                    match toks.next() {
                        Some(Token::Str(dst)) => {
                            for (i, code) in (lo_v..=hi_v).enumerate() {
                                if entries >= MAX_ENTRIES || len == 0 {
                                    break;
                                }
                                cmap.unicode.insert((len, code), step_dest(&dst, i as u32));
                                entries += 1;
                            }
                        }
                        Some(Token::ArrayStart) => {
                            let mut code = lo_v;
                            for t in toks.by_ref() {
                                match t {
                                    Token::Str(dst) => {
                                        if code <= hi_v && entries < MAX_ENTRIES && len > 0 {
                                            cmap.unicode.insert((len, code), utf16be(&dst));
                                            entries += 1;
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    _ => break,
                                }
                            }
                        }
                        _ => break,
                    }
                },
                Token::Word(b"begincidchar") => {
                    while let (Some(Token::Str(src)), Some(Token::Num(cid))) =
                        (next_str(&mut toks), toks.next())
                    {
                        if !src.is_empty() && cid >= 0.0 && entries < MAX_ENTRIES {
                            cmap.cid.insert(code_of(&src), cid as u32);
                            entries += 1;
                        }
                    }
                }
                Token::Word(b"begincidrange") => {
                    while let (Some(Token::Str(lo)), Some(Token::Str(hi)), Some(Token::Num(cid))) =
                        (next_str(&mut toks), next_str(&mut toks), toks.next())
                    {
                        if !lo.is_empty()
                            && !hi.is_empty()
                            && cid >= 0.0
                            && cmap.cid_ranges.len() < MAX_ENTRIES
                        {
                            let (len, a) = code_of(&lo);
                            let (_, b) = code_of(&hi);
                            cmap.cid_ranges.push((len, a, b, cid as u32));
                        }
                    }
                }
                Token::Word(b"usecmap") => {
                    cmap.uses = last_name
                        .take()
                        .map(|n| String::from_utf8_lossy(&n).into_owned())
                }
                Token::Word(b"def") => {}
                Token::Str(_) | Token::Num(_) | Token::Word(_) => {}
                _ => {}
            }
            if let (Some(n), None) = (&last_name, &cmap.name) {
                if n == b"CMapName" {
                    if let Some(Token::Name(v)) = toks.peek() {
                        cmap.name = Some(String::from_utf8_lossy(v).into_owned());
                    }
                }
            }
        }
        cmap
    }

    /// Length of the code starting at `bytes[0]` by the codespace ranges, if any matches.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        self.codespace
            .iter()
            .filter(|r| r.lo.len() <= bytes.len())
            .find(|r| {
                r.lo.iter()
                    .zip(&r.hi)
                    .zip(bytes)
                    .all(|((lo, hi), b)| lo <= b && b <= hi)
            })
            .map(|r| r.lo.len())
    }

    pub fn cid_of(&self, len: u8, code: u32) -> Option<u32> {
        if let Some(c) = self.cid.get(&(len, code)) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|r| r.0 == len && r.1 <= code && code <= r.2)
            .map(|r| r.3 + (code - r.1))
    }
}

/// Takes the next token if it is a string; `None` otherwise (ending the entry list).
fn next_str<'a>(toks: &mut std::iter::Peekable<Lexer<'a>>) -> Option<Token<'a>> {
    match toks.peek() {
        Some(Token::Str(_)) => toks.next(),
        _ => None,
    }
}

/// The predefined CMaps whose codes are text in a character set we can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// Identity-H/V: two-byte codes equal to CIDs.
    Identity,
    /// UniGB-UCS2-H/V: two-byte UCS-2.
    Ucs2,
    /// UniGB-UTF16-H/V (and other UTF-16 Unicode CMaps): UTF-16BE.
    Utf16,
    /// GB-EUC, GBK-EUC, GBKp-EUC: one byte below 0x80, else two (EUC-CN ⊂ GBK).
    Gbk,
    /// GBK2K: GB18030, with four-byte sequences.
    Gb18030,
}

impl Predefined {
    /// The predefined CMap of this name and whether it writes vertically.
    pub fn by_name(name: &str) -> Option<(Predefined, bool)> {
        let vertical = name.ends_with("-V");
        let base = name.trim_end_matches("-H").trim_end_matches("-V");
        let p = match base {
            "Identity" => Predefined::Identity,
            "UniGB-UCS2" | "UniCNS-UCS2" | "UniJIS-UCS2" | "UniKS-UCS2" => Predefined::Ucs2,
            "UniGB-UTF16" | "UniCNS-UTF16" | "UniJIS-UTF16" | "UniKS-UTF16" => Predefined::Utf16,
            "GB-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBT-EUC" | "GBpc-EUC" => Predefined::Gbk,
            "GBK2K" => Predefined::Gb18030,
            _ => return None,
        };
        Some((p, vertical))
    }

    /// Length of the code starting at `bytes[0]`.
    pub fn code_len(self, bytes: &[u8]) -> usize {
        let b0 = bytes[0];
        let n = match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if (0xD8..=0xDB).contains(&b0) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gbk => {
                if b0 < 0x81 || b0 == 0xff {
                    1
                } else {
                    2
                }
            }
            Predefined::Gb18030 => {
                if b0 < 0x81 || b0 == 0xff {
                    1
                } else if bytes.get(1).is_some_and(|b| b.is_ascii_digit()) {
                    4
                } else {
                    2
                }
            }
        };
        n.min(bytes.len())
    }

    /// The text a code stands for; `None` where the bytes are no character of the set.
    pub fn decode(self, code: &[u8]) -> Option<String> {
        let s = match self {
            Predefined::Identity => return None,
            Predefined::Ucs2 | Predefined::Utf16 => {
                if code.len() % 2 != 0 {
                    return None;
                }
                let (s, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(code);
                if had_errors {
                    return None;
                }
                s.into_owned()
            }
            Predefined::Gbk | Predefined::Gb18030 => {
                let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(code);
                if had_errors {
                    return None;
                }
                s.into_owned()
            }
        };
        (!s.is_empty() && !s.contains('\0')).then_some(s)
    }
}

static GB1: &[u8] = include_bytes!("data/adobe-gb1.bin");

/// The character of an Adobe-GB1 CID, from the generated table.
pub fn gb1_unicode(cid: u32) -> Option<char> {
    let i = cid as usize * 3;
    let b = GB1.get(i..i + 3)?;
    let v = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
    if cid == 0 || v == 0 {
        return None;
    }
    char::from_u32(v)
}

/// The lowest Adobe-GB1 CID of a character: the one the predefined UniGB and GBK CMaps pick
/// (proportional Latin 1–95 over the half-width copies), for looking up glyph widths.
pub fn gb1_cid(c: char) -> Option<u32> {
    static INVERSE: OnceLock<HashMap<u32, u32>> = OnceLock::new();
    let map = INVERSE.get_or_init(|| {
        let mut m = HashMap::new();
        for cid in (1..GB1.len() as u32 / 3).rev() {
            if let Some(ch) = gb1_unicode(cid) {
                m.insert(ch as u32, cid);
            }
        }
        m
    });
    map.get(&(c as u32)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfrange_with_array_and_increment() {
        let src = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0031> <0032>] endbfrange
            1 beginbfchar <0005> <D840DC00> endbfchar";
        let m = CMap::parse(src);
        assert_eq!(m.unicode.get(&(2, 0x11)).map(String::as_str), Some("丁"));
        assert_eq!(m.unicode.get(&(2, 0x21)).map(String::as_str), Some("2"));
        assert_eq!(
            m.unicode.get(&(2, 5)).map(String::as_str),
            Some("\u{20000}")
        );
        assert_eq!(m.code_len(&[0, 5]), Some(2));
    }

    #[test]
    fn gb1_table() {
        assert_eq!(gb1_unicode(17), Some('0'));
        assert_eq!(gb1_cid('0'), Some(17));
        assert_eq!(Predefined::Gbk.decode(&[0xd6, 0xd0]).as_deref(), Some("中"));
        assert_eq!(
            Predefined::Ucs2.decode(&[0x4e, 0x2d]).as_deref(),
            Some("中")
        );
    }
}
