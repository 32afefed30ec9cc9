//! `style/…` rules.

pub mod inconsistent_variant;
pub mod mixed_tone_placement;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `style/…` rules, configured by the packs.
pub fn rules(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(mixed_tone_placement::MixedTonePlacement::new()),
        Box::new(inconsistent_variant::InconsistentVariant::from_packs(packs)?),
    ];
    Ok(rules)
}

/// Run the pack-driven spelling, style and encoding rules over every `.txt` under
/// `$RASOAT_CORPUS` and print each finding, to read them for false positives:
/// `RASOAT_CORPUS=../shared/corpus-dev cargo test -p rasoat-rules --lib corpus_scan -- --ignored --nocapture`
#[cfg(test)]
mod corpus_scan {
    use crate::{Context, Packs, Registry, Selection};

    /// CPU time of this thread in ns (Linux), so a loaded shared machine does not skew timings.
    fn cpu_ns() -> u64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
            .unwrap_or(0)
    }

    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }

    #[test]
    #[ignore = "reads a corpus directory given by RASOAT_CORPUS"]
    fn corpus_scan() {
        let Ok(dir) = std::env::var("RASOAT_CORPUS") else { return };
        let Ok(packs) = Packs::embedded() else { panic!("packs") };
        let Ok(registry) = Registry::new(&packs) else { panic!("registry") };
        let select =
            ["spelling/confusion", "spelling/repeated-word", "spelling/capitalization", "style", "encoding"];
        let selection =
            Selection { select: select.iter().map(|s| (*s).to_owned()).collect(), ..Selection::default() };
        let mut paths = Vec::new();
        files(std::path::Path::new(&dir), &mut paths);
        paths.sort();
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        let mut bytes = 0usize;
        let mut docs = Vec::new();
        for p in &paths {
            let Ok(data) = std::fs::read(p) else { continue };
            bytes += data.len();
            let Ok(doc) = rasoat_doc::parse_bytes(&data) else { continue };
            docs.push((p, doc));
        }
        // Time the selected rules alone (parsing is another stage's budget); best of 5 runs,
        // the machine is shared.
        let mut elapsed = std::time::Duration::MAX;
        let mut results = Vec::new();
        for _ in 0..5 {
            let start = std::time::Instant::now();
            results =
                docs.iter().map(|(_, doc)| registry.check(doc, &Context::default(), &selection)).collect();
            elapsed = elapsed.min(start.elapsed());
        }
        for ((p, doc), found) in docs.iter().zip(results) {
            for d in found {
                *counts.entry(d.rule.clone()).or_default() += 1;
                let lc = doc.map.line_col(&doc.text, d.span.start);
                let fix = d.suggestions.first().map(|s| s.replacement.as_str()).unwrap_or("");
                println!(
                    "{}:{}:{}\t{}\t{:?}\t→ {:?}\t{}",
                    p.display(),
                    lc.line,
                    lc.column,
                    d.rule,
                    d.span.text(&doc.text),
                    fix,
                    d.message.vi
                );
            }
        }
        for rule in registry.rules() {
            if !select.iter().any(|s| rule.id().starts_with(s)) {
                continue;
            }
            let mut best = std::time::Duration::MAX;
            for _ in 0..5 {
                let t = cpu_ns();
                for (_, doc) in &docs {
                    let mut sink = crate::Sink::new(rule.id(), rule.default_severity());
                    rule.check(doc, &Context::default(), &mut sink);
                }
                best = best.min(std::time::Duration::from_nanos(cpu_ns().saturating_sub(t)));
            }
            println!("time {} (best of 5)\t{best:?}", rule.id());
        }
        let mut best = std::time::Duration::MAX;
        let mut folded = Vec::new();
        for _ in 0..5 {
            let t = cpu_ns();
            folded = docs.iter().map(|(_, d)| crate::phrase::Folded::new(&d.text)).collect();
            best = best.min(std::time::Duration::from_nanos(cpu_ns().saturating_sub(t)));
        }
        println!("time fold (best of 5)\t{best:?}");
        let Ok(set) = crate::phrase::PhraseSet::new(["sử lý", "hải phòng"]) else { return };
        let t = std::time::Instant::now();
        let n: usize = folded.iter().map(|f| set.find_all(f).len()).sum();
        println!("time search\t{:?} ({n})", t.elapsed());
        // The same rules run per document straight (no registry): what they cost together.
        let mine: Vec<_> =
            registry.rules().iter().filter(|r| select.iter().any(|s| r.id().starts_with(s))).collect();
        let mut together = std::time::Duration::MAX;
        for _ in 0..5 {
            let t = cpu_ns();
            for (_, doc) in &docs {
                for rule in &mine {
                    let mut sink = crate::Sink::new(rule.id(), rule.default_severity());
                    rule.check(doc, &Context::default(), &mut sink);
                }
            }
            together = together.min(std::time::Duration::from_nanos(cpu_ns().saturating_sub(t)));
        }
        let mbps_mine = bytes as f64 / 1e6 / together.as_secs_f64().max(1e-9);
        println!("time all selected rules per document\t{together:?} ({mbps_mine:.0} MB/s)");
        let mbps = bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9);
        println!(
            "files {} bytes {bytes} rules time {elapsed:?} ({mbps:.0} MB/s, one thread, CPU time)",
            paths.len()
        );
        for (rule, n) in counts {
            println!("{rule}\t{n}");
        }
    }
}
