//! `sections`: the numbered parts, present for every standard-template sample in every format,
//! in order from 一, with the tables left out of their text.

use std::path::PathBuf;

use crate::common::{extract_json, root};

/// Every bundled report (samples/reports.list) and the prose samples.
fn samples() -> Vec<PathBuf> {
    let list = std::fs::read_to_string(root("samples/reports.list")).unwrap();
    let mut out: Vec<PathBuf> = list
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(root)
        .collect();
    for e in std::fs::read_dir(root("samples/prose")).unwrap().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".txt") || name.ends_with(".html") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn every_standard_template_sample_has_its_parts_in_order() {
    let mut formats = std::collections::BTreeSet::new();
    for path in samples() {
        let rec = extract_json(&path);
        let template = rec["report"]["template"].as_str().unwrap_or("");
        if rec.get("error").is_some() || !matches!(template, "2019" | "2021") {
            continue;
        }
        formats.insert(rec["source"]["format"].as_str().unwrap().to_string());
        let sections = rec["sections"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no sections", path.display()));
        let numbers: Vec<&str> = sections
            .iter()
            .map(|s| s["number"].as_str().unwrap())
            .collect();
        // A workbook prints the tables' parts (二 to 四) alone; a document prints 一 to 四 at
        // least (some pages stop after the tables).
        let min = if rec["source"]["format"] == "text" || !numbers.contains(&"一") {
            3
        } else {
            4
        };
        assert!(numbers.len() >= min, "{}: {numbers:?}", path.display());
        let order: Vec<usize> = numbers
            .iter()
            .map(|n| {
                "一二三四五六七八九十"
                    .chars()
                    .position(|c| c.to_string() == *n)
                    .unwrap()
            })
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{}: {numbers:?}",
            path.display()
        );
        if numbers[0] == "一" {
            assert!(
                !sections[0]["text"].as_str().unwrap().is_empty(),
                "{}: part 一 is empty",
                path.display()
            );
        }
        for s in sections {
            let text = s["text"].as_str().unwrap();
            for table_word in ["本年新收政府信息公开申请数量", "结果维持", "本年制发件数"]
            {
                assert!(
                    !text.contains(table_word),
                    "{}: part {} repeats a table: {text}",
                    path.display(),
                    s["number"]
                );
            }
        }
    }
    for f in ["pdf", "html", "docx", "text", "xlsx"] {
        assert!(formats.contains(f), "no standard-template sample in {f}");
    }
}

#[test]
fn page_numbers_are_not_text_and_wrapped_lines_join() {
    // The PDF prints "- 1 -" inside a sentence of part 一 at a page break.
    let rec = extract_json(&root("samples/corpus/js-huaian-hongze-2023.pdf"));
    let one = rec["sections"][0]["text"].as_str().unwrap();
    assert!(!one.contains("- 1 -"), "{one}");
    assert!(one.contains("严格执行“分级审核、先审后发”程序"), "{one}");
    let six = &rec["sections"][5];
    assert_eq!(six["heading"], "其他需要报告的事项");
    assert!(
        six["text"]
            .as_str()
            .unwrap()
            .ends_with("全年收取政府信息公开信息处理费0 元。")
    );
}

#[test]
fn a_dump_that_runs_parts_into_one_line_is_cut_at_their_headings() {
    let rec = extract_json(&root("samples/corpus/fj-pingtan-2021.crawl.txt"));
    let s = rec["sections"].as_array().unwrap();
    assert_eq!(s[0]["heading"], "总体情况");
    assert!(
        s[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("2021年，我区以习近平")
    );
    assert!(s.iter().any(|p| p["heading"] == "其他需要报告的事项"));
}
