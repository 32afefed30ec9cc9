//! Startup and per-rule cost (issue #7).
//!
//! `cargo bench -p rasoat-rules --bench rules` —
//! - `startup/packs` parses the embedded packs; `startup/registry` is `Packs::embedded` plus
//!   `Registry::new` (every automaton and regex compiled, every pack example run): what one
//!   `rasoat check` of a single document pays before reading it (budget: < 5 ms).
//! - `check/all` runs the whole registry over each seed (one parsed document, no I/O);
//!   `rule/<id>` runs one rule over all seeds, to find the rule that dominates.
//!
//! `RASOAT_BENCH_RULE=spelling` limits the `rule/…` group to ids containing that text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rasoat_rules::{Context, Packs, Registry, Selection, Sink};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/seeds");

fn seeds() -> Vec<(String, String)> {
    let mut paths: Vec<_> =
        std::fs::read_dir(SEEDS).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let mut out: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().chars().take(12).collect();
            Some((name, std::fs::read_to_string(p).ok()?))
        })
        .collect();
    if out.is_empty() {
        out.push(("inline".into(), "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\n1. Giao UBND huyện chủ trì.\n".into()));
    }
    out
}

fn registry() -> Registry {
    let packs = match Packs::embedded() {
        Ok(p) => p,
        Err(e) => panic!("embedded packs do not load: {e}"),
    };
    match Registry::new(&packs) {
        Ok(r) => r,
        Err(e) => panic!("registry does not build: {e}"),
    }
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("packs", |b| b.iter(|| Packs::embedded().map(|p| p.packs.len()).unwrap_or(0)));
    g.bench_function("registry", |b| b.iter(|| registry().rules().len()));
    g.finish();
}

fn check(c: &mut Criterion) {
    let registry = registry();
    let ctx = Context::default();
    let selection = Selection::default();
    let docs: Vec<(String, rasoat_doc::Document)> =
        seeds().into_iter().map(|(name, text)| (name, rasoat_doc::parse_str(&text))).collect();
    let total: usize = docs.iter().map(|(_, d)| d.text.len()).sum();

    let mut g = c.benchmark_group("check");
    g.sample_size(20);
    for (name, doc) in &docs {
        g.throughput(Throughput::Bytes(doc.text.len() as u64));
        g.bench_function(format!("all/{name}"), |b| b.iter(|| registry.check(doc, &ctx, &selection).len()));
    }
    g.finish();

    let only = std::env::var("RASOAT_BENCH_RULE").unwrap_or_default();
    let mut g = c.benchmark_group("rule");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    for rule in registry.rules() {
        if !rule.id().contains(&only) {
            continue;
        }
        g.bench_function(rule.id(), |b| {
            b.iter(|| {
                let mut n = 0;
                for (_, doc) in &docs {
                    let mut sink = Sink::new(rule.id(), rule.default_severity());
                    rule.check(doc, &ctx, &mut sink);
                    n += sink.into_diagnostics().len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, startup, check);
criterion_main!(benches);
