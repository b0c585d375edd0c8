//! Small readers over lopdf objects that never fail loudly: a missing or mistyped entry is
//! `None`, and references are followed with a bound on the chain.

use lopdf::{Dictionary, Document, Object, Stream};

/// Follows references (at most a few hops: a reference cycle is no object).
pub fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

pub fn dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

pub fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn num(doc: &Document, obj: &Object) -> Option<f32> {
    match deref(doc, obj)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => r.is_finite().then_some(*r),
        _ => None,
    }
}

pub fn number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(doc, dict.get(key).ok()?)
}

/// A numeric array of exactly `n` entries (a matrix, a box).
pub fn numbers<const N: usize>(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<[f32; N]> {
    let a = array(doc, dict, key)?;
    if a.len() != N {
        return None;
    }
    let mut out = [0f32; N];
    for (o, v) in out.iter_mut().zip(a) {
        *o = num(doc, v)?;
    }
    Some(out)
}

/// A stream's decoded bytes, at most `limit` of them.
pub fn stream_bytes(s: &Stream, limit: usize) -> Option<Vec<u8>> {
    s.get_plain_content_with_limit(limit).ok()
}

/// A text string of the Info dictionary (PDFDocEncoding or UTF-16BE with BOM).
pub fn text(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let s = match get(doc, dict, key)? {
        Object::String(s, _) => s,
        _ => return None,
    };
    let t = if s.starts_with(&[0xfe, 0xff]) {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(&s[2..])
            .0
            .into_owned()
    } else if s.starts_with(&[0xff, 0xfe]) {
        // Not what the standard allows, but WPS writes it.
        encoding_rs::UTF_16LE
            .decode_without_bom_handling(&s[2..])
            .0
            .into_owned()
    } else if s.starts_with(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(&s[3..]).into_owned()
    } else {
        s.iter().map(|&b| b as char).collect()
    };
    let t = t
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .to_string();
    (!t.is_empty()).then_some(t)
}
