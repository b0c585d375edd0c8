//! Printed numbers to values, as SCHEMA.md's "Values" says.
//!
//! A placed cell is parsed on its own ([`parse_cell`]); a row of a dump whose cells ran
//! together is split by [`split_run`], which keeps only what every admissible split agrees on.

use crate::text::fold_width;

/// What kind of number a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count: a non-negative integer.
    Count,
    /// An amount in 万元: a decimal number.
    Amount,
    /// 本年增/减 (template 2019): a signed integer.
    Change,
}

/// A number: a count or change, or an amount with its exact decimal text.
#[derive(Debug, Clone, PartialEq)]
pub enum Num {
    Int(i64),
    Dec(f64),
}

impl Num {
    pub fn to_json(&self) -> serde_json::Number {
        match *self {
            Num::Int(i) => i.into(),
            Num::Dec(f) => {
                if f.fract() == 0.0 && f.abs() < 9e15 {
                    (f as i64).into()
                } else {
                    serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into())
                }
            }
        }
    }
}

/// A parsed cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// `None`: printed but empty ("", "-", "—", "/", "无").
    pub value: Option<Num>,
    /// The number carried a note ("22（其中修订16件）").
    pub annotated: bool,
    /// The amount was printed in 元 and converted to 万元.
    pub converted: bool,
}

/// Why a cell's text is not a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed;

/// The texts that mean an empty cell.
pub fn is_empty_mark(s: &str) -> bool {
    let t: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    matches!(
        t.as_str(),
        "" | "-" | "—" | "——" | "–" | "/" | "无" | "\\" | "－" | "——————"
    )
}

/// Parses one placed cell.
pub fn parse_cell(raw: &str, kind: Kind) -> Result<Parsed, Unparsed> {
    let folded = fold_width(raw);
    let t: String = folded.trim().to_string();
    let empty = Parsed {
        value: None,
        annotated: false,
        converted: false,
    };
    if is_empty_mark(&t) {
        return Ok(empty);
    }
    // Strip footnote marks and a trailing unit of count.
    let mut s: String = t
        .chars()
        .filter(|c| !matches!(c, '*' | '※' | '注'))
        .collect();
    let mut converted = false;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix("减少") {
        negative = true;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix("增加") {
        s = rest.to_string();
    }
    // The leading number, then whatever follows it.
    let (num, tail) = leading_number(&s);
    let Some(mut num) = num else {
        return Err(Unparsed);
    };
    let tail = tail.trim();
    let mut annotated = false;
    let unit_tail = tail.trim_start_matches(['件', '条', '个', '项', '次']);
    // A unit in brackets after the number ("2488（元）") is the number's unit, not a note.
    let bracketed = unit_tail
        .strip_prefix(['(', '（', '[', '【'])
        .and_then(|t| t.strip_suffix([')', '）', ']', '】']))
        .map(|t| {
            t.trim()
                .trim_start_matches("单位")
                .trim_start_matches([':', '：'])
                .trim()
        });
    let unit_tail = match bracketed {
        Some(u @ ("元" | "万元")) => u,
        _ => unit_tail,
    };
    if let Some(after) = unit_tail.strip_prefix("万元") {
        annotated = !after.trim().is_empty();
    } else if let Some(after) = unit_tail.strip_prefix('元') {
        if kind != Kind::Amount {
            return Err(Unparsed);
        }
        converted = true;
        annotated = !after.trim().is_empty();
    } else if !unit_tail.is_empty() {
        // A note in brackets after the number keeps the number; anything else is not a number.
        if unit_tail.starts_with(['(', '（', '[', '【']) {
            annotated = true;
        } else {
            return Err(Unparsed);
        }
    }
    if negative {
        num.negative = !num.negative;
    }
    let value = num.into_num(kind, converted)?;
    Ok(Parsed {
        value: Some(value),
        annotated,
        converted,
    })
}

#[derive(Debug, Clone)]
struct Digits {
    negative: bool,
    int: String,
    frac: String,
}

impl Digits {
    fn into_num(self, kind: Kind, in_yuan: bool) -> Result<Num, Unparsed> {
        match kind {
            Kind::Count => {
                if self.negative || !self.frac.is_empty() {
                    return Err(Unparsed);
                }
                self.int.parse::<i64>().map(Num::Int).map_err(|_| Unparsed)
            }
            Kind::Change => {
                if !self.frac.is_empty() {
                    return Err(Unparsed);
                }
                let v = self.int.parse::<i64>().map_err(|_| Unparsed)?;
                Ok(Num::Int(if self.negative { -v } else { v }))
            }
            Kind::Amount => {
                if self.negative {
                    return Err(Unparsed);
                }
                // Shift the decimal point in the text, so that 元 → 万元 is exact.
                let (int, frac) = if in_yuan {
                    shift4(&self.int, &self.frac)
                } else {
                    (self.int, self.frac)
                };
                let text = if frac.is_empty() {
                    int
                } else {
                    format!("{int}.{frac}")
                };
                let v: f64 = text.parse().map_err(|_| Unparsed)?;
                if frac_is_zero(&text) && v.abs() < 9e15 {
                    Ok(Num::Int(v as i64))
                } else {
                    Ok(Num::Dec(v))
                }
            }
        }
    }
}

fn frac_is_zero(text: &str) -> bool {
    text.split_once('.')
        .is_none_or(|(_, f)| f.chars().all(|c| c == '0'))
}

/// Divides a decimal written as (int, frac) by 10,000, in text.
fn shift4(int: &str, frac: &str) -> (String, String) {
    let padded = format!("{:0>5}", int);
    let cut = padded.len() - 4;
    let new_int = padded[..cut].trim_start_matches('0');
    let new_int = if new_int.is_empty() {
        "0".to_string()
    } else {
        new_int.to_string()
    };
    let new_frac = format!("{}{}", &padded[cut..], frac)
        .trim_end_matches('0')
        .to_string();
    (new_int, new_frac)
}

/// The number at the start of `s` ("+12", "1,234", "1 234", "7730.28") and the rest.
fn leading_number(s: &str) -> (Option<Digits>, &str) {
    let mut chars = s.char_indices().peekable();
    let mut negative = false;
    if let Some(&(_, c)) = chars.peek() {
        if c == '+' {
            chars.next();
        } else if c == '-' || c == '−' || c == '－' {
            negative = true;
            chars.next();
        }
    }
    let mut int = String::new();
    let mut frac = String::new();
    let mut in_frac = false;
    let mut end = s.len();
    let mut saw_digit = false;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            if in_frac {
                frac.push(c)
            } else {
                int.push(c)
            }
            saw_digit = true;
            chars.next();
            end = i + c.len_utf8();
        } else if (c == ',' || c == ' ') && saw_digit && !in_frac {
            // A thousands separator (or a space inside a number) only before three digits.
            let rest = &s[i + 1..];
            let next3: String = rest.chars().take(4).collect();
            let three =
                next3.chars().take(3).all(|d| d.is_ascii_digit()) && next3.chars().count() >= 3;
            let fourth = next3.chars().nth(3);
            if three && fourth.is_none_or(|d| !d.is_ascii_digit()) {
                chars.next();
            } else {
                break;
            }
        } else if c == '.' && saw_digit && !in_frac {
            let next = s[i + 1..].chars().next();
            if next.is_some_and(|d| d.is_ascii_digit()) {
                in_frac = true;
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if !saw_digit {
        return (None, s);
    }
    (
        Some(Digits {
            negative,
            int,
            frac,
        }),
        &s[end..],
    )
}

/// One cell's reading from a run-together dump.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Every admissible split gives this value.
    Certain(Num),
    /// Every admissible split gives a printed-but-empty cell ("-", "—", "/").
    Empty,
    /// Admissible splits disagree.
    Uncertain,
}

/// Splits the pieces of a dump row (separated by whitespace in the dump; a cell never spans
/// two pieces) into `kinds.len()` cells. `None` when no split is admissible. Admissible: no
/// empty cell, no leading zero, signs only in change columns, decimals only in amount columns.
pub fn split_run(pieces: &[String], kinds: &[Kind]) -> Option<Vec<Reading>> {
    // One string of tokens with the positions where a cut is forced.
    let pieces: Vec<Vec<char>> = pieces
        .iter()
        .map(|p| fold_width(p).chars().filter(|c| *c != ',').collect())
        .collect();
    let mut chars: Vec<char> = Vec::new();
    let mut forced = vec![true];
    for p in &pieces {
        for (i, &c) in p.iter().enumerate() {
            chars.push(c);
            forced.push(i + 1 == p.len());
        }
    }
    let n = kinds.len();
    let len = chars.len();
    if len == 0 || len > 400 || n == 0 {
        return None;
    }
    // ok(a, b, kind): chars[a..b] is one admissible cell: no forced cut strictly inside.
    let admissible = |a: usize, b: usize, kind: Kind| -> Option<Option<Num>> {
        if (a + 1..b).any(|k| forced[k]) {
            return None;
        }
        let s: String = chars[a..b].iter().collect();
        token_value(&s, kind)
    };
    // fwd[i][p]: the first i cells can end exactly at p (p a cut position).
    let mut fwd = vec![vec![false; len + 1]; n + 1];
    fwd[0][0] = true;
    for i in 0..n {
        for a in 0..len {
            if !fwd[i][a] {
                continue;
            }
            for b in a + 1..=len {
                if admissible(a, b, kinds[i]).is_some() {
                    fwd[i + 1][b] = true;
                }
                if forced[b] {
                    break;
                }
            }
        }
    }
    if !fwd[n][len] {
        return None;
    }
    // bwd[i][p]: cells i.. can start at p and end at len.
    let mut bwd = vec![vec![false; len + 1]; n + 1];
    bwd[n][len] = true;
    for i in (0..n).rev() {
        for a in 0..len {
            for b in a + 1..=len {
                if bwd[i + 1][b] && admissible(a, b, kinds[i]).is_some() {
                    bwd[i][a] = true;
                    break;
                }
                if forced[b] {
                    break;
                }
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut seen: Option<Option<Num>> = None;
        let mut certain = true;
        for a in 0..len {
            if !fwd[i][a] {
                continue;
            }
            for b in a + 1..=len {
                if bwd[i + 1][b] {
                    if let Some(v) = admissible(a, b, kinds[i]) {
                        match &seen {
                            None => seen = Some(v),
                            Some(s) if *s == v => {}
                            Some(_) => certain = false,
                        }
                    }
                }
                if forced[b] {
                    break;
                }
            }
        }
        out.push(match seen {
            Some(Some(v)) if certain => Reading::Certain(v),
            Some(None) if certain => Reading::Empty,
            _ => Reading::Uncertain,
        });
    }
    Some(out)
}

/// The value of one token of a dump, if it is an admissible number of its kind; `Some(None)`
/// for a whole piece that marks an empty cell.
fn token_value(s: &str, kind: Kind) -> Option<Option<Num>> {
    if is_empty_mark(s) && !s.is_empty() {
        return Some(None);
    }
    let owned;
    let s = match s.strip_prefix("减少") {
        Some(rest) if kind == Kind::Change => {
            owned = format!("-{rest}");
            owned.as_str()
        }
        _ => s
            .strip_prefix("增加")
            .filter(|_| kind == Kind::Change)
            .unwrap_or(s),
    };
    let (neg, body) = match s.strip_prefix(['-', '+']) {
        Some(rest) if kind == Kind::Change => (s.starts_with('-'), rest),
        Some(_) => return None,
        None => (false, s),
    };
    let body = body.strip_suffix("万元").unwrap_or(body);
    let (body, yuan) = match body.strip_suffix('元') {
        Some(b) if kind == Kind::Amount => (b, true),
        Some(_) => return None,
        None => (body, false),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f))
            if kind == Kind::Amount && !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) =>
        {
            (i, f)
        }
        Some(_) => return None,
        None => (body, ""),
    };
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || (int.len() > 1 && int.starts_with('0'))
    {
        return None;
    }
    let d = Digits {
        negative: neg,
        int: int.to_string(),
        frac: frac.to_string(),
    };
    d.into_num(kind, yuan).ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(raw: &str, kind: Kind) -> Option<Num> {
        parse_cell(raw, kind).unwrap().value
    }

    #[test]
    fn parses_printed_numbers() {
        assert_eq!(v("１２", Kind::Count), Some(Num::Int(12)));
        assert_eq!(v("1,234", Kind::Count), Some(Num::Int(1234)));
        assert_eq!(v("1 234", Kind::Count), Some(Num::Int(1234)));
        assert_eq!(v("—", Kind::Count), None);
        assert_eq!(v("-", Kind::Change), None);
        assert_eq!(v("无", Kind::Count), None);
        assert_eq!(v("+12", Kind::Change), Some(Num::Int(12)));
        assert_eq!(v("-3", Kind::Change), Some(Num::Int(-3)));
        assert_eq!(v("减少3", Kind::Change), Some(Num::Int(-3)));
        assert_eq!(v("7730.28", Kind::Amount), Some(Num::Dec(7730.28)));
        assert_eq!(v("0", Kind::Amount), Some(Num::Int(0)));
        assert!(parse_cell("abc", Kind::Count).is_err());
        assert!(parse_cell("7.5", Kind::Count).is_err());
        assert!(parse_cell("-3", Kind::Count).is_err());
    }

    #[test]
    fn yuan_becomes_wanyuan_exactly() {
        let p = parse_cell("2488（元）", Kind::Amount).unwrap();
        assert_eq!(p.value.unwrap().to_json().to_string(), "0.2488");
        assert!(p.converted && !p.annotated);
        let p = parse_cell("12.5(万元)", Kind::Amount).unwrap();
        assert_eq!(p.value.unwrap().to_json().to_string(), "12.5");
        assert!(!p.converted && !p.annotated);
        let p = parse_cell("251000元", Kind::Amount).unwrap();
        assert_eq!(p.value, Some(Num::Dec(25.1)));
        assert!(p.converted);
        let p = parse_cell("75394432.52元", Kind::Amount).unwrap();
        assert_eq!(p.value, Some(Num::Dec(7539.443252)));
    }

    #[test]
    fn notes_keep_the_leading_number() {
        let p = parse_cell("22（其中修订16件）", Kind::Count).unwrap();
        assert_eq!(p.value, Some(Num::Int(22)));
        assert!(p.annotated);
        assert_eq!(v("55(含自然失效29件)", Kind::Count), Some(Num::Int(55)));
    }

    fn pieces(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn splits_only_what_is_certain() {
        let k = [Kind::Count; 7];
        let r = split_run(&pieces("230 000023"), &k).unwrap();
        assert_eq!(r[0], Reading::Uncertain);
        assert_eq!(r[2], Reading::Certain(Num::Int(0)));
        assert_eq!(r[6], Reading::Uncertain);
        let r = split_run(&pieces("23 0 00 0 023"), &k).unwrap();
        assert!(r.iter().all(|x| matches!(x, Reading::Certain(_))));
        assert_eq!(r[0], Reading::Certain(Num::Int(23)));
        assert_eq!(r[6], Reading::Certain(Num::Int(23)));
        let r = split_run(&pieces("0000000"), &k).unwrap();
        assert!(r.iter().all(|x| *x == Reading::Certain(Num::Int(0))));
        assert!(split_run(&pieces("0 0 0 0 0 0"), &k).is_none());
        let r = split_run(&pieces("500000 5"), &k).unwrap();
        assert_eq!(r[0], Reading::Certain(Num::Int(5)));
        assert_eq!(r[6], Reading::Certain(Num::Int(5)));
    }

    #[test]
    fn amounts_split_with_their_decimals() {
        let r = split_run(&pieces("350"), &[Kind::Count, Kind::Change]).unwrap();
        assert!(r.iter().all(|x| *x == Reading::Uncertain));
        let r = split_run(&pieces("13575394432.52元"), &[Kind::Count, Kind::Amount]).unwrap();
        assert_eq!(r[0], Reading::Uncertain);
    }
}
