//! Which template a report follows: "2019", "2021" or "pre2019", from the template words its
//! tables print and the year it covers.
//!
//! A report on a year before 2019, or one whose tables are the old free-form statistics
//! (指标名称 / 计量单位, 主动公开信息数 …) and print no template words, is `pre2019`, whatever
//! words it shares with the templates: a report printed before the national template is never
//! called a 2019-template report. `None` (template_unknown) is left for a report on 2019 or
//! later whose tables match neither template.

use super::meta::Meta;

/// What the locator counted: template words under the tables, and whether any table was found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub words_2019: usize,
    pub words_2021: usize,
    pub any_table: bool,
    pub is_report: bool,
}

pub fn decide(e: Evidence, meta: &Meta) -> Option<&'static str> {
    let before_2019 = meta.year.is_some_and(|y| y < 2019);
    let no_template_words = e.words_2019 == 0 && e.words_2021 == 0;
    if e.is_report && (before_2019 || (meta.year.is_none() && meta.old_tables && no_template_words))
    {
        return Some("pre2019");
    }
    if e.words_2019 > e.words_2021 {
        Some("2019")
    } else if e.words_2021 > e.words_2019 {
        Some("2021")
    } else if e.any_table {
        meta.year.map(|y| if y <= 2020 { "2019" } else { "2021" })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(year: Option<i32>, old_tables: bool) -> Meta {
        Meta {
            year,
            old_tables,
            ..Meta::default()
        }
    }

    fn ev(words_2019: usize, words_2021: usize) -> Evidence {
        Evidence {
            words_2019,
            words_2021,
            any_table: true,
            is_report: true,
        }
    }

    #[test]
    fn a_report_before_2019_is_pre2019_whatever_words_it_shares() {
        assert_eq!(decide(ev(3, 0), &meta(Some(2017), true)), Some("pre2019"));
        assert_eq!(decide(ev(0, 0), &meta(Some(2008), false)), Some("pre2019"));
    }

    #[test]
    fn old_free_form_tables_without_a_year_are_pre2019() {
        assert_eq!(decide(ev(0, 0), &meta(None, true)), Some("pre2019"));
        // With template words they are a template's tables.
        assert_eq!(decide(ev(0, 4), &meta(None, true)), Some("2021"));
    }

    #[test]
    fn later_reports_follow_their_words_or_their_year() {
        assert_eq!(decide(ev(5, 1), &meta(Some(2019), false)), Some("2019"));
        assert_eq!(decide(ev(1, 5), &meta(Some(2023), false)), Some("2021"));
        assert_eq!(decide(ev(0, 0), &meta(Some(2020), false)), Some("2019"));
        assert_eq!(decide(ev(0, 0), &meta(None, false)), None);
        // Old tables in a report on 2019 or later: neither template.
        let no_tables = Evidence {
            any_table: false,
            ..ev(0, 0)
        };
        assert_eq!(decide(no_tables, &meta(Some(2021), true)), None);
    }
}
