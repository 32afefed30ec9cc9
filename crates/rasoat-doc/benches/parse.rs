//! Parse throughput over the seed drafts, repeated to a few MB.
//!
//! `cargo bench -p rasoat-doc --bench parse` — `structure` is the structure parser alone (on
//! text already decoded), `parse_str` adds decoding/normalisation and fact extraction.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/seeds");
const TARGET_BYTES: usize = 4 << 20;

fn corpus() -> String {
    let mut one = String::new();
    let mut paths: Vec<_> =
        std::fs::read_dir(SEEDS).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            one.push_str(&t);
            one.push('\n');
        }
    }
    if one.is_empty() {
        one.push_str("I. MỤC ĐÍCH\n\n1. Mục đích\n\na) Tổ chức quán triệt.\n");
    }
    one.repeat(TARGET_BYTES / one.len() + 1)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let decoded = rasoat_text::decode_str(&text);
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("structure", |b| {
        b.iter(|| rasoat_doc::parse::structure(std::hint::black_box(&decoded.text)))
    });
    g.bench_function("parse_str", |b| b.iter(|| rasoat_doc::parse_str(std::hint::black_box(&text))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
