//! A tolerant tokenizer for PDF content streams and CMap programs.
//!
//! Our own rather than lopdf's `Content::decode`: a content stream of garbage must not stop the
//! page (we skip what we cannot read and go on), inline images must be stepped over without
//! parsing their data, and the interpreter needs no `Object` allocations for the common
//! operators. The same tokens serve the PostScript-like syntax of CMaps.

/// One token. Strings are already unescaped (literal) or decoded (hex).
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Num(f32),
    Str(Vec<u8>),
    Name(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// An operator or any other bare word (`true`, `null`, `begincodespacerange` ...).
    Word(&'a [u8]),
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// Steps over inline image data after `ID`: up to whitespace, `EI` and whitespace (or end).
    pub fn skip_inline_image(&mut self) {
        self.pos += 1; // the single white byte after ID
        let d = self.data;
        while self.pos + 1 < d.len() {
            if d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = d.len();
    }

    fn literal(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        let mut depth = 0usize;
        self.pos += 1;
        while let Some(&b) = d.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    if depth == 0 {
                        return out;
                    }
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = d.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if d.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match d.get(self.pos) {
                                    Some(&c @ b'0'..=b'7') => {
                                        v = v * 8 + (c - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut half: Option<u8> = None;
        self.pos += 1;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_val(b) {
                match half.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => half = Some(v),
                }
            }
        }
        if let Some(h) = half {
            out.push(h << 4);
        }
        out
    }

    fn number(word: &[u8]) -> Option<f32> {
        let first = *word.first()?;
        if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
            return None;
        }
        let s = std::str::from_utf8(word).ok()?;
        if let Ok(v) = s.parse::<f32>() {
            return v.is_finite().then_some(v);
        }
        // Producers write "--5" or "5-"; read the leading numeric part.
        let trimmed: String = s
            .trim_start_matches(['+', '-'])
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let v = trimmed.parse::<f32>().ok()?;
        Some(if s.starts_with('-') { -v } else { v })
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_space();
            let &b = self.data.get(self.pos)?;
            return Some(match b {
                b'(' => Token::Str(self.literal()),
                b'<' => {
                    if self.data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        Token::DictStart
                    } else {
                        Token::Str(self.hex())
                    }
                }
                b'>' => {
                    self.pos += 1;
                    if self.data.get(self.pos) == Some(&b'>') {
                        self.pos += 1;
                        Token::DictEnd
                    } else {
                        continue;
                    }
                }
                b'[' => {
                    self.pos += 1;
                    Token::ArrayStart
                }
                b']' => {
                    self.pos += 1;
                    Token::ArrayEnd
                }
                b'/' => {
                    self.pos += 1;
                    Token::Name(self.word())
                }
                b')' | b'{' | b'}' => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let w = self.word();
                    if w.is_empty() {
                        self.pos += 1;
                        continue;
                    }
                    match Lexer::number(w) {
                        Some(v) => Token::Num(v),
                        None => Token::Word(w),
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_a_text_object() {
        let toks: Vec<_> = Lexer::new(b"BT /F1 12 Tf [(a\\(b) -250 <0041>] TJ ET").collect();
        assert_eq!(toks[1], Token::Name(b"F1"));
        assert_eq!(toks[2], Token::Num(12.0));
        assert_eq!(toks[5], Token::Str(b"a(b".to_vec()));
        assert_eq!(toks[7], Token::Str(vec![0, 0x41]));
        assert_eq!(toks[9], Token::Word(b"TJ"));
    }

    #[test]
    fn garbage_ends() {
        let n = Lexer::new(b"\xff\xfe)))>>]{<<(((\\").count();
        assert!(n < 20);
    }
}
