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

/// One line per part of every file (kind, number, date, summary, recipients, signature, blocks),
/// written to the file named by `RASOAT_DUMP`: diff two runs to review a parser change.
#[test]
#[ignore]
fn dump_parts() {
    let Ok(out) = std::env::var("RASOAT_DUMP") else { return };
    let mut o = String::new();
    for (name, doc) in dev_docs() {
        for (k, p) in doc.parts.iter().enumerate() {
            let h = &p.header;
            let short = |s: Span| doc.slice(s).chars().take(50).collect::<String>().replace('\n', "⏎");
            let sig = p.signature.as_ref().map(|s| {
                let a: Vec<&str> = s.authorities.iter().map(|a| doc.slice(a.span)).collect();
                format!("{a:?} {:?}", s.name.map(|n| doc.slice(n)))
            });
            o.push_str(&format!(
                "{name} #{k} kind={:?} num={:?} date={:?} summary={:?} rec={:?} sig={sig:?} blocks={} tables={}\n",
                h.doc_type.as_ref().map(|t| (t.value, doc.slice(t.span))),
                h.number.as_ref().map(|n| doc.slice(n.span)),
                h.place_date.as_ref().map(|d| doc.slice(d.span)),
                h.summary.map(short),
                p.recipients.as_ref().map(|r| r.items.len()),
                p.blocks.len(),
                p.tables.len(),
            ));
        }
    }
    if let Err(e) = std::fs::write(&out, o) {
        panic!("cannot write {out}: {e}");
    }
}
