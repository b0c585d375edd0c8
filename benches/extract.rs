//! Throughput of the whole extraction (adapter → locate → normalize → check) on the bundled
//! text reports, in files per second. The setup (reading the files) is outside the timed part.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn samples() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for rel in [
        "samples/seed/000_b34427a2f19d7753.txt",
        "samples/text/complete-2021.txt",
        "samples/text/complete-2019.txt",
        "samples/corpus/fj-pingtan-2019.crawl.txt",
        "samples/corpus/fj-pingtan-2021.crawl.txt",
        "samples/corpus/sh-kewei-2024.extract.md",
    ] {
        let p = root.join(rel);
        out.push((rel.to_string(), std::fs::read(&p).expect("sample present")));
    }
    out
}

fn text_reports(c: &mut Criterion) {
    let files = samples();
    let opts = xxgk::Options::default();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(files.len() as u64));
    g.bench_function("text reports", |b| {
        b.iter(|| {
            for (name, bytes) in &files {
                std::hint::black_box(xxgk::extract_bytes(bytes, name, &opts));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, text_reports);
criterion_main!(benches);
