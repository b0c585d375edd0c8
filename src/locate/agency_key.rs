//! `report.agency_key`: an agency's name in the one form that joins its reports across years
//! (docs/schema.md). Widths, spaces and brackets are folded, and a standard short form at the
//! end of the name (发改委, 人社局, 市政府 …, from `agency_short_forms.tsv`) is spelled out, so
//! 示范市发改委 and 示范市发展和改革委员会 have one key.

use std::sync::OnceLock;

/// The short forms, longest first, so that 城管执法局 wins over a shorter match.
fn short_forms() -> &'static [(&'static str, &'static str)] {
    static FORMS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut v = parse(include_str!("agency_short_forms.tsv"));
        v.sort_by_key(|(short, _)| std::cmp::Reverse(short.chars().count()));
        v
    })
}

/// `SHORT<TAB>FULL` lines; `#` starts a comment line.
fn parse(tsv: &'static str) -> Vec<(&'static str, &'static str)> {
    tsv.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(s, f)| (s.trim(), f.trim()))
        .collect()
}

/// The key of an agency's name: folded, its standard short form spelled out.
pub fn key(name: &str) -> String {
    expand(&fold(name))
}

/// Full-width ASCII made half-width, brackets unified to `()` and `[]`, spaces dropped.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '〔' | '【' => '[',
                '〕' | '】' => ']',
                _ => c,
            };
            (!c.is_whitespace()).then_some(c)
        })
        .collect()
}

/// The name with a standard short form at its end spelled out; unchanged when it already ends
/// with a full form.
pub fn expand(name: &str) -> String {
    let forms = short_forms();
    if forms.iter().any(|(_, full)| name.ends_with(full)) {
        return name.to_string();
    }
    match forms.iter().find(|(short, _)| name.ends_with(short)) {
        Some((short, full)) => format!("{}{full}", &name[..name.len() - short.len()]),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_short_form_joins_its_full_form() {
        let forms = short_forms();
        assert!(forms.len() >= 60, "{} entries", forms.len());
        for (short, full) in forms {
            let (s, f) = (format!("示范市{short}"), format!("示范市{full}"));
            assert_eq!(key(&s), f, "{short}");
            assert_eq!(key(&f), f, "{full} must stay as it is");
            assert_eq!(key(&key(&s)), key(&s), "{short}: the key is a fixed point");
            assert!(
                !full.ends_with(short),
                "{short}: a full form ends with its short form"
            );
        }
    }

    #[test]
    fn no_short_form_is_listed_twice() {
        let forms = short_forms();
        let mut shorts: Vec<&str> = forms.iter().map(|(s, _)| *s).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), forms.len());
    }

    #[test]
    fn the_names_of_the_issue_join() {
        let same = |a: &str, b: &str| assert_eq!(key(a), key(b), "{a} / {b}");
        same("示范市发改委", "示范市发展和改革委员会");
        same("示范市科技局", "示范市科学技术局");
        same("示范市人社局", "示范市人力资源和社会保障局");
        same("示范市住建局", "示范市住房和城乡建设局");
        same("示范市城管局", "示范市城市管理局");
        same("上海市科委", "上海市科学技术委员会");
        same("莆田市安监局", "莆田市安全生产监督管理局");
        same("淮安市洪泽区政府", "淮安市洪泽区人民政府");
        same("示范县政府办", "示范县人民政府办公室");
        same("示范县 人民政府（ＡＢ）", "示范县人民政府(AB)");
        same("开元街道", "开元街道办事处");
        assert_eq!(key("示范市市场监管局"), "示范市市场监督管理局");
        assert_eq!(key("示范市人民政府"), "示范市人民政府");
        assert_eq!(key("示范市人民政府办公室"), "示范市人民政府办公室");
        assert_ne!(key("示范市人民政府"), key("示范市人民政府办公室"));
        assert_ne!(key("示范市科技局"), key("示范市科委"));
    }
}
