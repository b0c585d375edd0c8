//! CPU time of OCR per scanned page: the whole extraction (`xxgk::extract_bytes` with
//! `--ocr auto`) of one scanned sample, in pages per second on one thread. The first call,
//! outside the timed part, loads the model and builds its plans (once per process).

use std::path::PathBuf;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SAMPLE: &str = "samples/scan/hongze-2023.scan150.pdf";

fn ocr(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join(SAMPLE)).expect("sample present");
    let opts = xxgk::Options {
        ocr: xxgk::ocr::Mode::Auto,
        ..xxgk::Options::default()
    };
    let t = Instant::now();
    let rec = xxgk::extract_bytes(&bytes, SAMPLE, &opts);
    let pages = rec.source.pages.unwrap_or(1) as u64;
    eprintln!(
        "first extraction (model load and plans included): {:.2} s for {pages} pages",
        t.elapsed().as_secs_f64()
    );
    let mut g = c.benchmark_group("ocr");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pages));
    g.bench_function("scanned pages", |b| {
        b.iter(|| xxgk::extract_bytes(&bytes, SAMPLE, &opts))
    });
    g.finish();
}

criterion_group!(benches, ocr);
criterion_main!(benches);
