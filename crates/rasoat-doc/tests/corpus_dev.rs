//! Measurements over `corpus/dev` (247 official documents): not run by default because the
//! corpus is large and the numbers are for the record, not a gate.
//!
//! `cargo test -p rasoat-doc --test corpus_dev -- --ignored --nocapture`

use rasoat_doc::*;

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/dev");

fn dev_docs() -> Vec<(String, Document)> {
    let Ok(dir) = std::fs::read_dir(DEV) else { return Vec::new() };
    let mut paths: Vec<_> =
        dir.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let doc = parse_bytes(&bytes).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), doc))
        })
        .collect()
}

/// How many parts have no document type, and how many files have no typed part at all. Rules
/// that apply to one kind (plan-only checks) skip such parts, so this is the parser's miss count.
#[test]
#[ignore]
fn parts_without_type() {
    let docs = dev_docs();
    let mut parts = 0;
    let mut untyped_parts = 0;
    let mut untyped_files = Vec::new();
    for (name, doc) in &docs {
        parts += doc.parts.len();
        let untyped = doc.parts.iter().filter(|p| p.header.doc_type.is_none()).count();
        untyped_parts += untyped;
        if untyped == doc.parts.len() {
            untyped_files.push(name.as_str());
        }
    }
    for name in &untyped_files {
        println!("no type: {name}");
    }
    println!(
        "{} files, {parts} parts, {untyped_parts} parts without a type, {} files without a typed part",
        docs.len(),
        untyped_files.len()
    );
}
