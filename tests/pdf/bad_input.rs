//! Bad input: each case ends as an error code or a note, never a panic, a hang or unbounded
//! memory.

use std::time::Duration;

use lopdf::{Object, Stream, dictionary};

use super::build::{self, pages, pdf, read, simple};
use xxgk::Budget;

fn code(r: &xxgk::Result<xxgk::model::Document>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

fn helvetica() -> Vec<(&'static str, lopdf::Dictionary)> {
    vec![(
        "F1",
        simple(
            "Type1",
            "Helvetica",
            Some(Object::Name(b"WinAnsiEncoding".to_vec())),
        ),
    )]
}

#[test]
fn truncated_files() {
    let whole = build::sample("samples/pdf/libreoffice-docx.pdf");
    for cut in [
        10,
        100,
        1000,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 200,
    ] {
        let r = read(&whole[..cut]);
        // A cut file is corrupt, unless lenient reading recovers some pages: then it is read.
        assert!(
            matches!(code(&r), "corrupt" | "ok"),
            "cut at {cut}: {}",
            code(&r)
        );
    }
    assert_eq!(code(&read(&whole[..100])), "corrupt");
}

#[test]
fn garbage_after_the_header_is_corrupt() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    assert_eq!(code(&read(&bytes)), "corrupt");
    assert_eq!(code(&read(b"%PDF-")), "corrupt");
}

#[test]
fn corrupted_bytes_inside_a_file() {
    let mut bytes = build::sample("samples/pdf/reportlab-ucs2.pdf");
    let n = bytes.len();
    for i in (n / 4..n / 2).step_by(7) {
        bytes[i] ^= 0x5a;
    }
    let r = read(&bytes);
    assert!(matches!(code(&r), "corrupt" | "ok"), "{}", code(&r));
}

#[test]
fn unknown_user_password_is_encrypted() {
    assert_eq!(
        code(&read(&build::sample("samples/pdf/bad/wrong-password.pdf"))),
        "encrypted"
    );
}

#[test]
fn empty_user_password_aes256_and_rc4_are_read() {
    for name in ["encrypted-aes256", "encrypted-rc4"] {
        let doc = read(&build::sample(&format!("samples/pdf/{name}.pdf"))).unwrap();
        assert!(doc.plain_text().contains("南通市崇川区财政局"), "{name}");
    }
}

#[test]
fn ten_thousand_pages_are_refused_or_stopped() {
    let contents: Vec<&[u8]> = vec![b"BT /F1 12 Tf 72 700 Td (page) Tj ET"; 10_000];
    let bytes = pages(|_| helvetica(), &contents, None);
    assert_eq!(code(&read(&bytes)), "too_large");
    // With the page limit lifted, the deadline stops it.
    let mut budget = Budget::with_timeout(Some(Duration::from_millis(5)));
    budget.max_pages = 20_000;
    let r = xxgk::adapter::pdf::read(&bytes, &budget);
    assert!(matches!(code(&r), "timeout" | "ok"), "{}", code(&r));
    let mut past = Budget::with_timeout(Some(Duration::ZERO));
    past.max_pages = 20_000;
    assert_eq!(code(&xxgk::adapter::pdf::read(&bytes, &past)), "timeout");
}

#[test]
fn garbage_content_stream_is_survived() {
    let mut content = b"BT /F1 12 Tf 72 700 Td (before) Tj ET\n".to_vec();
    let mut x: u32 = 7;
    for _ in 0..50_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        content.push((x >> 16) as u8);
    }
    content.extend_from_slice(b"\n) ] >> BI /W 10 ID \x00\x01 EI q q q 1e40 0 0 1e40 0 0 cm Tj TJ ' \" Do re S f BT /F1 12 Tf 72 600 Td (after) Tj ET");
    let doc = read(&pdf(|_| helvetica(), &content)).unwrap();
    assert!(doc.plain_text().contains("before"));
}

#[test]
fn self_referencing_form_and_deep_nesting_end() {
    let bytes = pdf(
        |doc| {
            let id = doc.new_object_id();
            let form = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 9.into(), 9.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Me" => id } } },
                b"q q q /Me Do Q Q Q".to_vec(),
            );
            doc.objects.insert(id, Object::Stream(form));
            doc.trailer.set("Form", id);
            helvetica()
        },
        &[
            b"q ".repeat(100_000),
            b"BT /F1 12 Tf 72 700 Td (deep) Tj ET".to_vec(),
        ]
        .concat(),
    );
    let doc = read(&bytes).unwrap();
    assert!(doc.plain_text().contains("deep"));
}

#[test]
fn decompression_bomb_is_too_large() {
    let bytes = pdf(
        |doc| {
            let mut s = Stream::new(dictionary! {}, vec![b' '; 8 << 20]);
            s.compress().unwrap();
            let id = doc.add_object(s);
            doc.trailer.set("Bomb", id);
            helvetica()
        },
        b"BT /F1 12 Tf 72 700 Td (x) Tj ET",
    );
    // Make the page content the bomb.
    let mut d = lopdf::Document::load_mem(&bytes).unwrap();
    let bomb = d.trailer.get(b"Bomb").unwrap().as_reference().unwrap();
    let page = *d.get_pages().get(&1).unwrap();
    d.get_dictionary_mut(page).unwrap().set("Contents", bomb);
    let mut out = Vec::new();
    d.save_to(&mut out).unwrap();
    let mut small = Budget::default();
    small.max_inflated = 1 << 20;
    assert_eq!(code(&xxgk::adapter::pdf::read(&out, &small)), "too_large");
}

#[test]
fn image_only_pages_give_no_text_layer() {
    let doc = read(&build::sample("samples/pdf/scan-image-only.pdf")).unwrap();
    let n = doc
        .notes
        .iter()
        .find(|n| n.code == "no_text_layer")
        .expect("no_text_layer");
    assert!(n.message.contains('2'), "{}", n.message);
    // A blank page beside text pages is no scan.
    let bytes = pages(
        |_| helvetica(),
        &[b"BT /F1 12 Tf 72 700 Td (text) Tj ET", b""],
        None,
    );
    assert!(read(&bytes).unwrap().notes.is_empty());
}
