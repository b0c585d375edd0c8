//! Memory per file: a page of one huge table and a spreadsheet of 10,000 rows each stay under
//! 256 MB of peak resident memory in the extracting process.
//!
//! The peak is the kernel's `ru_maxrss` of the extracting process, read by a small parent
//! (python3, on every machine of this project) that starts it and waits for it: a process
//! started straight from this test binary would count the test binary's own peak too (at
//! `exec` Linux keeps the high-water mark of the memory the process left).

use std::io::Write;
use std::process::Command;

const LIMIT_KB: i64 = 256 * 1024;

const PARENT: &str = "import resource, subprocess, sys\n\
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n\
assert r.returncode in (0, 1), r.returncode\n\
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n";

/// Runs `xxgk extract FILE` and returns its peak resident memory in KiB.
fn peak_kb(file: &std::path::Path) -> i64 {
    let out = Command::new("python3")
        .args(["-c", PARENT, env!("CARGO_BIN_EXE_xxgk"), "extract", "-q"])
        .arg(file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

fn header_and_rows(rows: usize) -> Vec<Vec<String>> {
    let mut out = vec![
        [
            "申请人情况",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>(),
    ];
    for i in 0..rows {
        let mut row = vec![format!("第{i}行 本年新收政府信息公开申请数量")];
        row.extend((0..7).map(|j| ((i * 7 + j) % 997).to_string()));
        out.push(row);
    }
    out
}

#[test]
fn a_10_mb_page_of_one_table_stays_under_256_mb() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.html");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        f,
        "<html><head><title>示范县2022年政府信息公开工作年度报告</title></head><body><table>"
    )
    .unwrap();
    let mut written = 0usize;
    for row in header_and_rows(70_000) {
        let mut tr = String::from("<tr>");
        for c in row {
            tr.push_str("<td>");
            tr.push_str(&c);
            tr.push_str("</td>");
        }
        tr.push_str("</tr>\n");
        written += tr.len();
        f.write_all(tr.as_bytes()).unwrap();
        if written > 10 << 20 {
            break;
        }
    }
    write!(f, "</table></body></html>").unwrap();
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() >= 10 << 20);
    let kb = peak_kb(&path);
    assert!(kb < LIMIT_KB, "peak {kb} KiB");
}

#[test]
fn a_spreadsheet_of_10_000_rows_stays_under_256_mb() {
    use zip::write::SimpleFileOptions;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("rows.xlsx");
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in header_and_rows(10_000).into_iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, text) in row.into_iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            if text.chars().all(|ch| ch.is_ascii_digit()) {
                sheet.push_str(&format!("<c r=\"{col}{}\"><v>{text}</v></c>", r + 1));
            } else {
                sheet.push_str(&format!(
                    "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{text}</t></is></c>",
                    r + 1
                ));
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, body) in files {
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    // The file is a spreadsheet the tool reads, not an error record.
    let rec = xxgk::extract(&path, &xxgk::Options::default());
    assert_eq!(rec.source.format.as_deref(), Some("xlsx"));
    assert!(rec.error.is_none(), "{:?}", rec.error);
    let kb = peak_kb(&path);
    assert!(kb < LIMIT_KB, "peak {kb} KiB");
}
