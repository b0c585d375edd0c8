//! The types of the CSV outputs' columns, and a CSV cell's text read back as a typed value.
//!
//! The typed outputs (Parquet, the Python package's DataFrames) are the CSV outputs with types:
//! they take their rows from the CSV and wide writers and their types from here, so that they
//! hold the same rows and values by construction. Counts and 本年增/减 are integers, amounts
//! are decimals with six places (`decimal(18,6)`), everything else is text; an empty CSV cell is
//! a null.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A signed 64-bit integer.
    Integer,
    /// A decimal number with [`PRECISION`] digits, [`SCALE`] of them after the point.
    Decimal,
}

impl Kind {
    /// The name the Python package and docs use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
        }
    }
}

/// Digits of a decimal column, all told.
pub const PRECISION: u8 = 18;
/// Digits of a decimal column after the point.
pub const SCALE: i8 = 6;

/// A CSV cell read as its column's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    Null,
    Text(&'a str),
    Integer(i64),
    /// In millionths (the value times 10^[`SCALE`]).
    Decimal(i128),
}

/// Reads a CSV cell as `kind`; empty is null. An `Err` says why the text does not fit the type
/// (a fraction in an integer column, more than six decimals, too many digits): the typed
/// outputs leave such a value null and count it, never round it.
pub fn read(kind: Kind, text: &str) -> Result<Cell<'_>, String> {
    if text.is_empty() {
        return Ok(Cell::Null);
    }
    match kind {
        Kind::Text => Ok(Cell::Text(text)),
        Kind::Integer => {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Cell::Integer(n));
            }
            let scaled = millionths(text)?;
            let unit = 10i128.pow(SCALE as u32);
            if scaled % unit != 0 {
                return Err(format!("`{text}` is not an integer"));
            }
            i64::try_from(scaled / unit)
                .map(Cell::Integer)
                .map_err(|_| format!("`{text}` is too large"))
        }
        Kind::Decimal => millionths(text).map(Cell::Decimal),
    }
}

/// A decimal number (`-12`, `7730.28`, `1.5e-3`, as JSON prints numbers) in millionths,
/// exactly, within [`PRECISION`] digits.
fn millionths(text: &str) -> Result<i128, String> {
    let bad = || format!("`{text}` is not a number");
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().map_err(|_| bad())?),
        None => (text, 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    // The digits as one integer, then the point moved to SCALE places.
    let all = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    let shift = exp + SCALE as i32 - frac.len() as i32;
    let limit = 10i128.pow(PRECISION as u32);
    let too_large = || format!("`{text}` has more than {PRECISION} digits");
    let mut value: i128 = 0;
    let kept = if shift >= 0 {
        all.len()
    } else {
        all.len().saturating_sub((-shift) as usize)
    };
    for (i, b) in all.bytes().enumerate() {
        let d = i128::from(b - b'0');
        if i < kept {
            value = value * 10 + d;
            if value >= limit {
                return Err(too_large());
            }
        } else if d != 0 {
            return Err(format!("`{text}` has more than {SCALE} decimals"));
        }
    }
    for _ in 0..shift.max(0) {
        if value == 0 {
            break;
        }
        value *= 10;
        if value >= limit {
            return Err(too_large());
        }
    }
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        let d = |t| read(Kind::Decimal, t);
        assert_eq!(d("7730.28"), Ok(Cell::Decimal(7_730_280_000)));
        assert_eq!(d("-3"), Ok(Cell::Decimal(-3_000_000)));
        assert_eq!(d("0.000001"), Ok(Cell::Decimal(1)));
        assert_eq!(d("1.5e-3"), Ok(Cell::Decimal(1_500)));
        assert_eq!(d("2.5E2"), Ok(Cell::Decimal(250_000_000)));
        assert_eq!(d("0.0"), Ok(Cell::Decimal(0)));
        assert_eq!(d(""), Ok(Cell::Null));
        assert!(d("0.0000001").is_err(), "seven decimals");
        assert!(d("1e12").is_err(), "nineteen digits");
        assert_eq!(
            d("999999999999.999999"),
            Ok(Cell::Decimal(999_999_999_999_999_999))
        );
        for bad in ["abc", "1.2.3", "-", ".", "1e", "١"] {
            assert!(d(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn integers_refuse_fractions() {
        let i = |t| read(Kind::Integer, t);
        assert_eq!(i("-12"), Ok(Cell::Integer(-12)));
        assert_eq!(i("3.0"), Ok(Cell::Integer(3)));
        assert!(i("2.5").is_err());
        assert_eq!(read(Kind::Text, "x"), Ok(Cell::Text("x")));
    }
}
