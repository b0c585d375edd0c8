//! Bytes of a page to text: BOM, then the page's own declaration, then detection.
//!
//! Chinese portals declare gb2312 or gbk and write characters only GB18030 has (or the other
//! way round), so every GB label is read as GB18030, its superset. A declaration that the bytes
//! contradict (a "utf-8" page saved in GBK by a browser) yields to detection when detection
//! decodes the bytes cleanly.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// How far into the page a declaration is looked for (the HTML standard's prescan uses 1024
/// bytes; CMS pages put long comments and scripts first, so we look further).
const PRESCAN: usize = 8192;

/// The text of the page.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Some(enc) = declared(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return s.into_owned();
        }
        let guess = detect(bytes);
        if guess != enc {
            let (g, guess_errors) = guess.decode_without_bom_handling(bytes);
            if !guess_errors {
                return g.into_owned();
            }
        }
        return s.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    detect(bytes)
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    widen(det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow))
}

/// gb2312 and gbk are read as GB18030, which holds them both.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` (or an XML declaration) in the head of the page names.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| i + n);
        if let Some(enc) = Encoding::for_label(&lower[i..end]) {
            // A page that declares UTF-16 in ASCII bytes is not UTF-16 (the standard says so).
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(widen(enc));
        }
    }
    if lower.starts_with(b"<?xml")
        && let Some(at) = find(&lower, b"encoding=")
    {
        let rest = &lower[at + 9..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b'?' | b' '))
            .unwrap_or(rest.len());
        return Encoding::for_label(&rest[..end]).map(widen);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_declared_as_gb2312_reads_as_gb18030() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>收到和处理政府信息公开申请情况</body></html>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(decode(&bytes), page);
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let page = "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>自然人</td><td>商业企业</td></tr></table>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(decode(&bytes), page);
    }

    #[test]
    fn a_wrong_utf8_declaration_yields_to_the_bytes() {
        let page = "<meta charset=\"utf-8\"><p>本年新收政府信息公开申请数量，予以公开，不予公开，无法提供，不予处理</p>";
        let (bytes, _, _) = GB18030.encode(page);
        assert_eq!(decode(&bytes), page);
    }
}
