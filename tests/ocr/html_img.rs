//! Tables pasted into HTML pages as pictures (samples/html-img, made by
//! scripts/make_html_img_samples.py): read by OCR when the picture is beside the page,
//! `table_image_only` when it is missing or its `src` leaves the page's folder.

use std::path::Path;

use serde_json::Value;

use crate::common::root;

fn extract(path: &Path, mode: xxgk::ocr::Mode) -> Value {
    let opts = xxgk::Options {
        ocr: mode,
        provenance: true,
        ..xxgk::Options::default()
    };
    serde_json::to_value(xxgk::extract(path, &opts)).unwrap()
}

fn codes(r: &Value) -> Vec<String> {
    r["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["code"].as_str().map(str::to_string))
        .collect()
}

fn image_only_tables(r: &Value) -> Vec<String> {
    r["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["code"] == "table_image_only")
        .filter_map(|i| i["where"].as_str().map(str::to_string))
        .collect()
}

const PAGE: &str = "samples/html-img/qingshan-county-2021.img-page.html";

#[test]
fn pictured_tables_beside_the_page_read_like_the_source() {
    let r = extract(&root(PAGE), xxgk::ocr::Mode::Auto);
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(root(&format!("{PAGE}.truth.json"))).unwrap(),
    )
    .unwrap();
    let diffs = crate::common::diff_against_truth(&r, &truth);
    assert!(diffs.is_empty(), "{diffs:#?}");
    assert!(image_only_tables(&r).is_empty(), "{}", r["issues"]);
    assert!(codes(&r).contains(&"ocr".to_string()), "{}", r["issues"]);
    // Each value names the picture it was read from, with its confidence.
    let v = &r["applications"]["granted"]["total"];
    assert_eq!(v["value"], 46, "{v}");
    assert!(
        v["cell"]
            .as_str()
            .unwrap()
            .starts_with("image qingshan-county-2021.table3.png"),
        "{v}"
    );
    assert!(
        v["ocr"].as_f64().is_some_and(|c| c > 0.0 && c <= 1.0),
        "{v}"
    );
    assert!(v.get("page").is_none(), "{v}");
}

#[test]
fn with_ocr_off_the_pictures_stay_table_image_only() {
    let r = extract(&root(PAGE), xxgk::ocr::Mode::Never);
    assert_eq!(
        image_only_tables(&r),
        ["table 二", "table 三", "table 四"],
        "{}",
        r["issues"]
    );
    assert!(r["applications"].is_null(), "{r}");
}

/// The sample page copied into a fresh folder, with `src` of table 三's picture replaced and,
/// with `others`, the pictures of tables 二 and 四 copied beside it.
fn page_with_src(dir: &Path, src: &str, others: bool) -> std::path::PathBuf {
    let html = std::fs::read_to_string(root(PAGE)).unwrap();
    let html = html.replace("qingshan-county-2021.table3.png", src);
    for n in ["2", "4"].into_iter().filter(|_| others) {
        let name = format!("qingshan-county-2021.table{n}.png");
        std::fs::copy(root(&format!("samples/html-img/{name}")), dir.join(&name)).unwrap();
    }
    let page = dir.join("page.html");
    std::fs::write(&page, html).unwrap();
    page
}

#[test]
fn a_picture_missing_on_disk_keeps_table_image_only() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_with_src(dir.path(), "qingshan-county-2021.table3.png", true);
    let r = extract(&page, xxgk::ocr::Mode::Auto);
    assert_eq!(image_only_tables(&r), ["table 三"], "{}", r["issues"]);
    assert!(r["applications"].is_null(), "{r}");
    // The tables whose pictures are there are read.
    assert_eq!(
        r["active_disclosure"]["licensing"]["decisions"]["value"],
        3521
    );
}

#[test]
fn a_src_above_the_page_folder_or_a_url_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("page");
    std::fs::create_dir(&inner).unwrap();
    // The picture is on disk, one folder up: `..` may not reach it.
    std::fs::copy(
        root("samples/html-img/qingshan-county-2021.table3.png"),
        dir.path().join("t3.png"),
    )
    .unwrap();
    for src in [
        "../t3.png",
        "sub/../../t3.png",
        "http://127.0.0.1:9/t3.png",
        "//example.org/t3.png",
        "file:///etc/passwd",
    ] {
        let page = page_with_src(&inner, src, false);
        let r = extract(&page, xxgk::ocr::Mode::Auto);
        assert!(
            image_only_tables(&r).contains(&"table 三".to_string()),
            "{src}: {}",
            r["issues"]
        );
        assert!(
            !r["issues"].to_string().contains("\"ocr\""),
            "{src}: {}",
            r["issues"]
        );
        assert!(r["applications"].is_null(), "{src}: {r}");
    }
}

#[test]
fn a_page_read_from_bytes_alone_reads_no_picture() {
    let bytes = std::fs::read(root(PAGE)).unwrap();
    let opts = xxgk::Options {
        ocr: xxgk::ocr::Mode::Auto,
        ..xxgk::Options::default()
    };
    let r = serde_json::to_value(xxgk::extract_bytes(&bytes, PAGE, &opts)).unwrap();
    assert_eq!(image_only_tables(&r).len(), 3, "{}", r["issues"]);
}
