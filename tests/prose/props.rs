//! Bad input never panics the prose stage: any text of headings, digits, units, punctuation
//! and table words gives sections and checks whose quotes are pieces of the text.

use proptest::prelude::*;
use xxgk::model::{Block, Document, Line};
use xxgk::record::{Record, Report};

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "一、",
        "二、总体情况",
        "三、",
        "四、结转下年度继续办理",
        "（一）",
        "收到",
        "申请",
        "予以公开",
        "不予公开",
        "行政复议",
        "、",
        "行政诉讼",
        "规范性文件",
        "现行有效",
        "件",
        "万元",
        "元",
        "，",
        "。",
        "；",
        "\n",
        " ",
        "- 3 -",
        "2023年",
        "2022年",
        "其中",
        "局",
        "%",
        "0",
        "12",
        "3.5",
        "９",
        "第",
        "答复",
        "结转",
        "上年结转",
        "信息处理费",
        "行政事业性收费",
        "决定",
        "**",
        "#",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn any_prose_reads_without_panicking(lines in prop::collection::vec(prop::collection::vec(piece(), 0..30), 0..12)) {
        let doc = Document {
            blocks: lines.iter().map(|l| Block::Line(Line::new(l.concat()))).collect(),
            ..Document::default()
        };
        let prose = xxgk::prose::read(&doc);
        let rec = Record {
            report: Some(Report { agency: Some("示范局".into()), agency_key: None, year: Some(2023), template: Some("2021".into()), title: None }),
            applications: Some(Default::default()),
            ..Record::default()
        };
        let whole: String = lines.iter().map(|l| l.concat()).collect::<Vec<_>>().join("\n");
        for c in xxgk::check::text::check(&rec, &prose.paragraphs) {
            prop_assert!(c.rule.starts_with("text."));
            let q = c.quote.unwrap();
            prop_assert!(!q.is_empty());
        }
        for s in &prose.sections {
            prop_assert!("一二三四五六七八九十".contains(s.number.as_str()));
            prop_assert!(whole.len() + 1 >= s.text.len());
        }
    }
}
