//! The HTML adapter on the samples and the corpus pages.

use xxgk::model::Block;

use super::support::{grids, lines, read, rows};
use crate::common::root;

#[test]
fn a_gbk_page_declared_gb2312_comes_out_right() {
    let doc = read("samples/html/qingshan-county-2021.gbk-page.html");
    assert_eq!(
        doc.title.as_deref(),
        Some("青山县人民政府2021年政府信息公开工作年度报告")
    );
    assert!(lines(&doc).contains(&"三、收到和处理政府信息公开申请情况"));
    let g = grids(&doc);
    assert_eq!(g.len(), 3);
    assert_eq!(
        rows(g[1])[2][3..9],
        [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他"
        ]
    );
}

#[test]
fn the_portal_around_the_article_is_left_out() {
    let doc = read("samples/html/qingshan-county-2021.page.html");
    let text = doc.plain_text();
    for chrome in [
        "首页",
        "当前位置",
        "索引号",
        "发布机构：",
        "备案号",
        "相关链接",
        "统计脚本",
        "阅读次数",
    ] {
        assert!(
            !text.contains(chrome),
            "{chrome:?} is page chrome, not the report"
        );
    }
    // The hidden table's number is not read.
    assert!(!text.contains("99999"));
    assert!(text.contains("一、总体情况") && text.contains("六、其他需要报告的事项"));
}

#[test]
fn a_word_exported_page_reads_like_any_other() {
    let doc = read("samples/html/baishui-eco-2019.word-export.htm");
    assert_eq!(
        doc.title.as_deref(),
        Some("白水市生态环境局2019年政府信息公开工作年度报告")
    );
    let g = grids(&doc);
    assert_eq!(g.len(), 3);
    let t2 = rows(g[0]);
    // "+12" printed with an mso-spacerun &nbsp; after it; <o:p> adds nothing.
    assert_eq!(t2[6], ["行政许可", "214", "+12", "3480"]);
    assert_eq!(t2[17], ["政府集中采购", "26", "7730.28", "7730.28"]);
    assert!(
        !doc.plain_text().contains("Print"),
        "Word's <xml> island is not text"
    );
    let rec = xxgk::extract(
        &root("samples/html/baishui-eco-2019.word-export.htm"),
        &xxgk::Options::default(),
    );
    assert!(rec.error.is_none());
    assert_eq!(rec.report.and_then(|r| r.template).as_deref(), Some("2019"));
}

#[test]
fn an_image_where_table_three_belongs_is_table_image_only() {
    let doc = read("samples/html/qingshan-county-2021.table3-image.html");
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].code, "table_image_only");
    assert!(
        doc.notes[0]
            .message
            .contains("/u/cms/www/202201/table3.png")
    );
    // The tables that are there are still read.
    assert_eq!(grids(&doc).len(), 2);
    let rec = xxgk::extract(
        &root("samples/html/qingshan-county-2021.table3-image.html"),
        &xxgk::Options::default(),
    );
    let issue = rec
        .issues
        .iter()
        .find(|i| i.code == "table_image_only")
        .expect("the issue");
    assert_eq!(issue.level, xxgk::model::Level::Warning);
    assert!(rec.active_disclosure.is_some() && rec.review_litigation.is_some());
}

#[test]
fn an_image_beside_a_table_is_not_table_image_only() {
    let page = "<p>三、收到和处理政府信息公开申请情况</p><p><img src=a.png></p><table><tr><td>自然人</td><td>1</td></tr></table>";
    let doc = xxgk::adapter::html::read(page.as_bytes(), &xxgk::Budget::default()).unwrap();
    assert!(doc.notes.is_empty());
}

#[test]
fn a_table_three_split_in_two_tables_gives_two_grids_and_one_table() {
    let doc = read("samples/html/qingshan-county-2021.table3-split.html");
    let g = grids(&doc);
    assert_eq!(g.len(), 4);
    assert_eq!(
        (g[1].rows, g[1].cols, g[2].rows, g[2].cols),
        (15, 10, 13, 10)
    );
    assert_eq!(
        rows(g[2])[0][..3],
        [
            "三、本年度办理结果",
            "（四）无法提供",
            "1.本机关不掌握相关政府信息"
        ]
    );
    let split = xxgk::extract(
        &root("samples/html/qingshan-county-2021.table3-split.html"),
        &xxgk::Options::default(),
    );
    let whole = xxgk::extract(
        &root("samples/html/qingshan-county-2021.page.html"),
        &xxgk::Options::default(),
    );
    assert_eq!(split.applications, whole.applications);
}

#[test]
fn pingtan_2021_table_three_is_an_eleven_column_grid() {
    let doc = read("samples/corpus/fj-pingtan-2021.page.html");
    let g = grids(&doc);
    assert_eq!(g.len(), 3);
    assert_eq!((g[1].rows, g[1].cols), (28, 11));
    let r = rows(g[1]);
    // 自然人 spans two columns in header row 2; row 3 has an empty cell under it.
    assert_eq!(r[1][3..5], ["自然人", "自然人"]);
    assert_eq!(r[2][3..6], ["", "商业企业", "商业企业"]);
    // Data rows: 自然人 in one column, 商业企业 over two.
    assert_eq!(r[3][3..], ["64", "0", "0", "0", "2", "0", "4", "70"]);
    let group = g[1]
        .cells
        .iter()
        .find(|c| c.text == "三、本年度办理结果")
        .unwrap();
    assert_eq!(group.row_span, 22);
    // Table 四's headers are one character a line.
    assert_eq!(
        rows(g[2])[2][..5],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("平潭综合实验区2021年度政府信息公开工作年度报告")
    );
}

#[test]
fn pingtan_2019_table_three_repeats_its_group_label() {
    let doc = read("samples/corpus/fj-pingtan-2019.page.html");
    let g = grids(&doc);
    assert_eq!(
        (
            g[0].rows, g[0].cols, g[1].rows, g[1].cols, g[2].rows, g[2].cols
        ),
        (18, 4, 26, 10, 4, 15)
    );
    let groups: Vec<_> = g[1]
        .cells
        .iter()
        .filter(|c| c.text == "三、本年度办理结果")
        .map(|c| (c.row, c.row_span))
        .collect();
    assert_eq!(groups, [(5, 10), (15, 10)]);
    assert_eq!(
        rows(g[0])[17][..3],
        ["政府集中采购", "135", "75394432.52元"]
    );
    // The navigation, scripts and footer are gone: the article starts with its title, printed
    // over two lines.
    assert_eq!(
        lines(&doc)[..2],
        ["平潭综合实验区2019年", "政府信息公开工作年度报告"]
    );
    assert!(lines(&doc).last().is_some_and(|l| !l.contains("版权")));
}

#[test]
fn sh_city_office_2019_empty_cells_are_empty_text() {
    let doc = read("samples/corpus/sh-city-office-2019.fragment.html");
    let g = grids(&doc);
    assert_eq!(
        (
            g[0].rows, g[0].cols, g[1].rows, g[1].cols, g[2].rows, g[2].cols
        ),
        (18, 5, 26, 10, 4, 15)
    );
    let r = rows(g[1]);
    assert_eq!(r[3][3..], ["821", "35", "", "", "2", "1", "859"]);
    assert_eq!(r[5][9], "");
    let c = g[1].cells.iter().find(|c| c.text == "821").unwrap();
    assert_eq!(c.origin.cell.as_deref(), Some("table 2, row 4, column 4"));
}

#[test]
fn pingtan_2023_header_pieces_are_joined() {
    let doc = read("samples/corpus/fj-pingtan-2023.article.html");
    let g = grids(&doc);
    assert_eq!(
        (
            g[0].rows, g[0].cols, g[1].rows, g[1].cols, g[2].rows, g[2].cols
        ),
        (14, 4, 28, 10, 4, 15)
    );
    assert_eq!(rows(g[1])[2][4], "商业企业");
    assert_eq!(
        rows(g[0])[13],
        [
            "行政事业性收费",
            "5949.088667",
            "5949.088667",
            "5949.088667"
        ]
    );
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Line(l) if l.text == "一、总体情况"))
    );
}

#[test]
fn display_none_and_scripts_are_skipped() {
    let page = "<div><p>二、主动公开政府信息情况</p><p style=\"DISPLAY: none\">隐藏 5</p><span hidden>7</span><script>x=1</script><noscript>请启用</noscript><p>正文</p></div>";
    let doc = xxgk::adapter::html::read(page.as_bytes(), &xxgk::Budget::default()).unwrap();
    assert_eq!(lines(&doc), ["二、主动公开政府信息情况", "正文"]);
}

#[test]
fn a_huge_span_is_bounded() {
    let page = "<table><tr><td colspan=1000 rowspan=60000>x</td></tr><tr><td>1</td></tr></table>";
    let doc = xxgk::adapter::html::read(page.as_bytes(), &xxgk::Budget::default()).unwrap();
    let g = grids(&doc);
    assert_eq!((g[0].rows, g[0].cols), (2, 1001));
    let mut budget = xxgk::Budget::default();
    budget.max_cells = 100;
    let err = xxgk::adapter::html::read(page.as_bytes(), &budget).unwrap_err();
    assert_eq!(err.code(), "too_large");
}

#[test]
fn an_article_inside_a_layout_table_is_found() {
    let nav: String = (0..30)
        .map(|i| format!("<li><a href='/c{i}'>栏目{i}</a></li>"))
        .collect();
    let page = format!(
        "<html><head><title>某局2022年政府信息公开工作年度报告_某局</title></head><body>
         <table width=1000><tr><td colspan=2>某局门户网站 欢迎您</td></tr>
         <tr><td width=200><ul>{nav}</ul><p>联系电话：0000-1234567</p></td>
         <td><p>某局2022年政府信息公开工作年度报告</p><p>本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p>
         <p>三、收到和处理政府信息公开申请情况</p>
         <table border=1><thead><tr><th>申请人情况</th><th>自然人</th><th>总计</th></tr></thead>
         <tbody><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td><td>5</td></tr></tbody></table>
         <p>四、政府信息公开行政复议、行政诉讼情况</p></td></tr>
         <tr><td colspan=2>版权所有：某局 备案号：京ICP备000000号</td></tr></table></body></html>"
    );
    let doc = xxgk::adapter::html::read(page.as_bytes(), &xxgk::Budget::default()).unwrap();
    assert_eq!(
        doc.title.as_deref(),
        Some("某局2022年政府信息公开工作年度报告")
    );
    let text = doc.plain_text();
    assert!(
        !text.contains("栏目") && !text.contains("版权所有") && !text.contains("欢迎您"),
        "{text}"
    );
    let g = grids(&doc);
    assert_eq!(g.len(), 1);
    assert_eq!(
        rows(g[0]),
        [
            ["申请人情况", "自然人", "总计"],
            ["一、本年新收政府信息公开申请数量", "5", "5"]
        ]
    );
    assert_eq!(lines(&doc)[0], "某局2022年政府信息公开工作年度报告");
}

#[test]
fn a_report_left_hidden_by_the_page_script_is_still_read() {
    let page = "<html><body><div class=pic_con><iframe src='/viewer.html?file=a.pdf'></iframe></div>
        <div class=word_con style=\"DISPLAY: none\"><p>三、收到和处理政府信息公开申请情况</p>
        <table><tr><td>自然人</td><td>总计</td></tr><tr><td>3</td><td>3</td></tr></table></div></body></html>";
    let doc = xxgk::adapter::html::read(page.as_bytes(), &xxgk::Budget::default()).unwrap();
    let g = grids(&doc);
    assert_eq!(g.len(), 1);
    assert_eq!(rows(g[0]), [["自然人", "总计"], ["3", "3"]]);
}
