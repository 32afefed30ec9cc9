//! Run the structure, format and terminology rules over a directory of real documents and
//! print every finding, to read them for false positives:
//! `RASOAT_CORPUS=/path/to/dir cargo test -p rasoat-rules --lib structure::measure -- --ignored --nocapture`

use crate::packs::Packs;
use crate::rule::{Context, Rule, Sink};

fn my_rules() -> Vec<Box<dyn Rule>> {
    let Ok(packs) = Packs::embedded() else { panic!("embedded packs do not load") };
    let mut rules = Vec::new();
    for r in
        [super::rules(&packs), crate::rules::format::rules(&packs), crate::rules::terminology::rules(&packs)]
    {
        match r {
            Ok(v) => rules.extend(v),
            Err(e) => panic!("rules do not build: {e}"),
        }
    }
    rules
}

#[test]
#[ignore = "reads a corpus directory named by RASOAT_CORPUS"]
fn corpus_findings() {
    let Ok(dir) = std::env::var("RASOAT_CORPUS") else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else { panic!("cannot read {dir}") };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let rules = my_rules();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let Ok(doc) = rasoat_doc::parse_bytes(&bytes) else { continue };
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        if std::env::var("RASOAT_VERBOSE").is_ok() {
            let kinds: Vec<_> = doc
                .parts
                .iter()
                .map(|p| {
                    (
                        p.header.doc_type.as_ref().map(|t| t.value),
                        p.recipients.is_some(),
                        p.signature.is_some(),
                    )
                })
                .collect();
            println!(
                "{name}: date bound {:?}; citations {}; parts {kinds:?}",
                crate::rules::terminology::abolished_unit::date_lower_bound(&doc),
                doc.facts.citations.len()
            );
        }
        for rule in &rules {
            let mut sink = Sink::new(rule.id(), rule.default_severity());
            rule.check(&doc, &Context::default(), &mut sink);
            for d in sink.into_diagnostics() {
                let line = doc.lines.partition_point(|l| l.end < d.span.start);
                let text: String =
                    doc.lines.get(line).map(|l| doc.slice(*l)).unwrap_or("").chars().take(110).collect();
                let sugg: Vec<_> = d.suggestions.iter().map(|s| s.replacement.as_str()).collect();
                println!(
                    "{name}:{}: {} [{}] {:?} {sugg:?}\n    | {text}",
                    line + 1,
                    d.rule,
                    doc.slice(d.span).chars().take(40).collect::<String>(),
                    d.message.vi
                );
                *counts.entry(d.rule.clone()).or_default() += 1;
            }
        }
    }
    println!("{} files; {counts:?}", paths.len());
}

/// The faults of these kinds that the five real draft seeds contain, and nothing else.
#[test]
fn seed_faults_are_found() {
    let seeds: [(&str, &str); 5] = [
        ("000", include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt")),
        ("001", include_str!("../../../../../corpus/seeds/001_990ddbe88c7e4d67.txt")),
        ("002", include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt")),
        ("003", include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt")),
        ("004", include_str!("../../../../../corpus/seeds/004_b78bd4a0b75bbdc4.txt")),
    ];
    let rules = my_rules();
    let mut found = Vec::new();
    for (name, text) in seeds {
        let doc = rasoat_doc::parse_str(text);
        for rule in &rules {
            let mut sink = Sink::new(rule.id(), rule.default_severity());
            rule.check(&doc, &Context::default(), &mut sink);
            for d in sink.into_diagnostics() {
                let line = doc.lines.partition_point(|l| l.end < d.span.start) + 1;
                found.push(format!("{name}:{line}:{}", d.rule));
            }
        }
    }
    found.sort();
    let expected = [
        "001:71:terminology/abolished-unit", // "cấp xã, phường, thị trấn" in a 2026 plan
        "003:3:format/document-number",      // "/KH- SXD"
        "004:146:structure/numbering",       // "d) e)" skips đ
        "004:148:structure/numbering",       // "f)"
        "004:84:structure/numbering",        // "e) f)"
    ];
    assert_eq!(found, expected);
}
