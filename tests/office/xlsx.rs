//! The spreadsheet adapter: merged regions, numbers, cached formula values, the size bound.

use super::support::{grids, read, rows};
use crate::common::root;

#[test]
fn merged_regions_become_spans_in_every_spreadsheet_format() {
    for ext in ["xlsx", "xls", "ods"] {
        let doc = read(&format!("samples/xlsx/qingshan-county-2021.{ext}"));
        let g = grids(&doc);
        assert_eq!(g.len(), 3, "{ext}");
        let t3 = g[1];
        let span = |text: &str| {
            t3.cells
                .iter()
                .find(|c| c.text == text)
                .map(|c| (c.row_span, c.col_span))
        };
        assert_eq!(span("三、本年度办理结果"), Some((22, 1)), "{ext}");
        assert_eq!(span("申请人情况"), Some((1, 7)), "{ext}");
        assert_eq!(
            span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            Some((3, 3)),
            "{ext}"
        );
    }
}

#[test]
fn numbers_are_printed_as_a_spreadsheet_shows_them() {
    let doc = read("samples/xlsx/baishui-eco-2019.xlsx");
    let t2 = rows(grids(&doc)[0]);
    let procurement = t2.iter().find(|r| r[0] == "政府集中采购").unwrap();
    assert_eq!(procurement[1..3], ["26", "7730.28"]);
    let licensing = t2.iter().find(|r| r[0] == "行政许可").unwrap();
    assert_eq!(licensing[1..], ["214", "12", "3480"]);
    let services = t2.iter().find(|r| r[0] == "其他对外管理服务事项").unwrap();
    assert_eq!(services[2], "-3");
    let c = grids(&doc)[0]
        .cells
        .iter()
        .find(|c| c.text == "7730.28")
        .unwrap();
    assert!(
        c.origin
            .cell
            .as_deref()
            .is_some_and(|s| s.ends_with("!C21")),
        "{:?}",
        c.origin.cell
    );
}

#[test]
fn formulas_are_read_by_their_cached_values() {
    // The 总计 column of table 三 is =SUM(D:I) in the sample.
    let doc = read("samples/xlsx/qingshan-county-2021.xlsx");
    let t3 = rows(grids(&doc)[1]);
    let new = t3
        .iter()
        .find(|r| r[0] == "一、本年新收政府信息公开申请数量")
        .unwrap();
    assert_eq!(new[3..], ["120", "8", "1", "2", "3", "4", "138"]);
}

#[test]
fn a_sheet_over_the_cell_bound_is_too_large() {
    let bytes = std::fs::read(root("samples/xlsx/qingshan-county-2021.xlsx")).unwrap();
    let mut budget = xxgk::Budget::default();
    budget.max_cells = 50;
    let err = xxgk::adapter::xlsx::read(&bytes, xxgk::Format::Xlsx, &budget).unwrap_err();
    assert_eq!(err.code(), "too_large");
}

#[test]
fn a_damaged_workbook_is_corrupt() {
    let bytes = std::fs::read(root("samples/xlsx/qingshan-county-2021.xls")).unwrap();
    let rec = xxgk::extract_bytes(
        &bytes[..bytes.len() / 3],
        "cut.xls",
        &xxgk::Options::default(),
    );
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("corrupt"));
}

#[test]
fn a_member_larger_than_it_declares_is_cut_at_its_declared_size() {
    use std::io::{Read, Write};
    let bytes = std::fs::read(root("samples/xlsx/qingshan-county-2021.xlsx")).unwrap();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().into_owned();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "xl/sharedStrings.xml" {
                let at = data.len() - "</sst>".len();
                let pad = [b"<!--".as_slice(), &vec![b'0'; 8 << 20], b"-->"].concat();
                data.splice(at..at, pad);
            }
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(&data).unwrap();
        }
        z.finish().unwrap();
    }
    // Both headers now say the member inflates to 5000 bytes.
    let mut b = out.into_inner();
    let name = b"xl/sharedStrings.xml";
    let hits: Vec<usize> = b
        .windows(name.len())
        .enumerate()
        .filter(|(_, w)| *w == name)
        .map(|(i, _)| i)
        .collect();
    for i in hits {
        if i >= 30 && b[i - 30..i - 26] == *b"PK\x03\x04" {
            b[i - 30 + 22..i - 30 + 26].copy_from_slice(&5000u32.to_le_bytes());
        } else if i >= 46 && b[i - 46..i - 42] == *b"PK\x01\x02" {
            b[i - 46 + 24..i - 46 + 28].copy_from_slice(&5000u32.to_le_bytes());
        }
    }
    let rec = xxgk::extract_bytes(&b, "lying.xlsx", &xxgk::Options::default());
    assert_eq!(rec.error.map(|e| e.code).as_deref(), Some("corrupt"));
}
