//! Throughput of PDF reading in pages per second: the adapter alone (bytes → document model)
//! and the whole extraction (`xxgk::extract_bytes`), over the PDF samples and the corpus PDF.
//! Reading the files is outside the timed part.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn samples() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for rel in [
        "samples/corpus/js-huaian-hongze-2023.pdf",
        "samples/pdf/libreoffice-docx.pdf",
        "samples/pdf/chromium-html.pdf",
        "samples/pdf/reportlab-ucs2.pdf",
        "samples/pdf/reportlab-gbk.pdf",
        "samples/pdf/split-table.pdf",
        "samples/pdf/rotated.pdf",
        "samples/pdf/encrypted-aes256.pdf",
    ] {
        out.push((
            rel.to_string(),
            std::fs::read(root.join(rel)).expect("sample present"),
        ));
    }
    out
}

fn pages(files: &[(String, Vec<u8>)]) -> u64 {
    let budget = xxgk::Budget::default();
    files
        .iter()
        .map(|(_, b)| {
            xxgk::adapter::pdf::read(b, &budget)
                .ok()
                .and_then(|d| d.pages)
                .unwrap_or(0) as u64
        })
        .sum()
}

fn pdf(c: &mut Criterion) {
    let files = samples();
    let mut g = c.benchmark_group("pdf");
    g.throughput(Throughput::Elements(pages(&files)));
    g.bench_function("adapter (pages)", |b| {
        let budget = xxgk::Budget::default();
        b.iter(|| {
            for (_, bytes) in &files {
                let _ = std::hint::black_box(xxgk::adapter::pdf::read(bytes, &budget));
            }
        })
    });
    g.bench_function("extract (pages)", |b| {
        let opts = xxgk::Options::default();
        b.iter(|| {
            for (name, bytes) in &files {
                std::hint::black_box(xxgk::extract_bytes(bytes, name, &opts));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, pdf);
criterion_main!(benches);
