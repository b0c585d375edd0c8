//! Text and number primitives beneath locate and normalize: folding printed text into a form
//! that compares by meaning (full-width forms, quotes, whitespace), CJK tests, and reading a
//! printed cell as a number ([`number`]).

pub mod number;

/// Full-width ASCII forms (digits, letters, punctuation) to ASCII, ideographic space to space.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' | '\u{a0}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '。' => '.',
            _ => c,
        })
        .collect()
}

/// The label key used for matching: width-folded, without whitespace, quotes or brackets.
pub fn fold_label(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\''
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '《'
                        | '》'
                        | '〈'
                        | '〉'
                        | '|'
                )
        })
        .collect()
}

/// Whether a character is a CJK ideograph (the labels' script).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_quotes_and_space() {
        assert_eq!(fold_width("１２３，４"), "123,4");
        assert_eq!(fold_label("3.危及 「三安全一稳定」"), "3.危及三安全一稳定");
        assert_eq!(fold_label("自然\n人"), "自然人");
    }
}
