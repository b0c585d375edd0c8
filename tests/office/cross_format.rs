//! One report, every format: the same values, the same checks and the same issue codes
//! (`source` and the `where` of issues may differ).

use crate::common::root;

/// Each sample report with every file it exists in.
const REPORTS: [(&str, &[&str]); 2] = [
    (
        "qingshan-county-2021",
        &[
            "samples/html/qingshan-county-2021.page.html",
            "samples/html/qingshan-county-2021.gbk-page.html",
            "samples/html/qingshan-county-2021.table3-split.html",
            "samples/docx/qingshan-county-2021.docx",
            "samples/xlsx/qingshan-county-2021.xlsx",
            "samples/xlsx/qingshan-county-2021.xls",
            "samples/xlsx/qingshan-county-2021.ods",
            "samples/pdf/qingshan-county-2021.libreoffice.pdf",
        ],
    ),
    (
        "baishui-eco-2019",
        &[
            "samples/html/baishui-eco-2019.page.html",
            "samples/html/baishui-eco-2019.word-export.htm",
            "samples/docx/baishui-eco-2019.docx",
            "samples/xlsx/baishui-eco-2019.xlsx",
            "samples/xlsx/baishui-eco-2019.xls",
            "samples/xlsx/baishui-eco-2019.ods",
            "samples/pdf/baishui-eco-2019.libreoffice.pdf",
        ],
    ),
];

#[test]
fn each_report_gives_the_same_record_in_every_format() {
    for (name, files) in REPORTS {
        let records: Vec<_> = files
            .iter()
            .map(|f| (*f, xxgk::extract(&root(f), &xxgk::Options::default())))
            .collect();
        let (first, base) = &records[0];
        assert!(
            base.error.is_none() && base.applications.is_some(),
            "{first}: {:?}",
            base.error
        );
        let mut base_codes: Vec<_> = base.issue_codes().collect();
        base_codes.sort();
        for (file, rec) in &records[1..] {
            assert_eq!(
                rec.report
                    .as_ref()
                    .map(|r| (&r.agency, r.year, &r.template)),
                base.report
                    .as_ref()
                    .map(|r| (&r.agency, r.year, &r.template)),
                "{name}: report of {file}"
            );
            assert_eq!(
                rec.active_disclosure, base.active_disclosure,
                "{name}: table 二 of {file} vs {first}"
            );
            assert_eq!(
                rec.applications, base.applications,
                "{name}: table 三 of {file} vs {first}"
            );
            assert_eq!(
                rec.review_litigation, base.review_litigation,
                "{name}: table 四 of {file} vs {first}"
            );
            assert_eq!(
                rec.checks, base.checks,
                "{name}: checks of {file} vs {first}"
            );
            let mut codes: Vec<_> = rec.issue_codes().collect();
            codes.sort();
            assert_eq!(
                codes, base_codes,
                "{name}: issue codes of {file} vs {first}"
            );
        }
    }
}
