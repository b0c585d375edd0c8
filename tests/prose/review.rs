//! `xxgk report`: one self-contained page (nothing fetched) showing every failed check and a
//! chart per agency with two or more years. The page in a browser is scripts/review_chromium.sh.

use std::process::Command;

use xxgk::record::Record;

use crate::common::root;

#[test]
fn the_review_page_shows_every_failed_check_and_a_chart_per_series() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let page = dir.path().join("review.html");
    let files = [
        "samples/prose/agree-2022.txt",
        "samples/prose/agree-2023.html",
        "samples/prose/disagree-2024.txt",
        "samples/prose/distractors-2023.txt",
        "samples/corpus/js-huaian-hongze-2023.pdf",
    ];
    let st = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("extract")
        .arg("-q")
        .args(files.iter().map(|f| root(f)))
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&out).unwrap();
    // The record types (deny_unknown_fields) read sections, fields and quote back.
    let records: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.iter().all(|r| !r.sections.is_empty()));
    // A torn last line is left out, not fatal.
    std::fs::write(&out, format!("{text}{{\"schema_version\":1,\"sou")).unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args([
            "report",
            out.to_str().unwrap(),
            "-o",
            page.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    for r in &records {
        for c in r.checks.iter().filter(|c| c.ok == Some(false)) {
            let quote = c.quote.as_deref().unwrap_or("");
            let row = html.lines().chain(html.split("</tr>")).find(|row| {
                row.contains("failed-check")
                    && row.contains(&format!(">{}<", c.rule))
                    && row.contains(&r.source.path)
                    && row.contains(quote)
            });
            assert!(row.is_some(), "{} {} not shown", r.source.path, c.rule);
        }
    }
    let failed: usize = records
        .iter()
        .map(|r| r.checks.iter().filter(|c| c.ok == Some(false)).count())
        .sum();
    assert!(failed >= 5);
    assert_eq!(html.matches("class=\"failed-check\"").count(), failed);
    // 示范县交通运输局 has 2022, 2023 and 2024; 淮安市洪泽区人民政府 only 2023.
    assert_eq!(html.matches("class=\"agency-chart\"").count(), 1);
    assert!(html.contains("data-agency=\"示范县交通运输局\" data-years=\"3\""));
    // Self-contained: no resource from elsewhere.
    for bad in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(bad), "the page loads {bad}");
    }
}
