//! A manual check, not a unit test: print every fact found in a directory of documents, to
//! read for false extractions.
//!
//! `RASOAT_DUMP_DIR=$PWD/corpus/seeds cargo test --release -p rasoat-doc --lib extract::dump -- --ignored --nocapture`
//! (an absolute path: tests run in the crate's directory). It also prints timings: best of five
//! runs per file of decode+parse (without extraction) and of extraction alone.

use crate::model::*;

fn line_of(doc: &Document, at: usize) -> usize {
    doc.lines.partition_point(|l| l.start <= at)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[ignore = "reads a corpus directory named by RASOAT_DUMP_DIR"]
fn dump_facts() {
    let Ok(dir) = std::env::var("RASOAT_DUMP_DIR") else {
        eprintln!("set RASOAT_DUMP_DIR");
        return;
    };
    let Ok(entries) = std::fs::read_dir(&dir) else { panic!("cannot read {dir}") };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let (mut files, mut totals) = (0usize, [0usize; 5]);
    let (mut parse_ns, mut extract_ns) = (0u128, 0u128);
    // Time per extractor over body blocks: targets, durations, deadlines, citations.
    let mut each = [0u128; 4];
    for path in paths {
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let t0 = std::time::Instant::now();
        let Ok(doc) = crate::parse_bytes(&bytes) else { continue };
        let t1 = std::time::Instant::now();
        let facts = crate::extract::extract(&doc);
        extract_ns += t1.elapsed().as_nanos();
        for b in &doc.blocks {
            let src = super::Src::new(doc.slice(b.text), b.text.start);
            let t = std::time::Instant::now();
            let _ = super::targets::targets(&src);
            each[0] += t.elapsed().as_nanos();
            let t = std::time::Instant::now();
            let _ = super::durations::durations(&src);
            each[1] += t.elapsed().as_nanos();
            let t = std::time::Instant::now();
            let _ = super::deadlines::body(&src, Some(2026));
            each[2] += t.elapsed().as_nanos();
            let t = std::time::Instant::now();
            let _ = super::citations::citations(&src, Some(2026));
            each[3] += t.elapsed().as_nanos();
        }
        parse_ns += (t1 - t0).as_nanos();
        files += 1;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for t in &facts.targets {
            let what = match (&t.vague, t.value) {
                (Some(v), _) => format!("VAGUE {v:?}"),
                (None, Some(v)) => format!("{:?} {v} {:?}", t.comparator, t.unit),
                _ => String::from("?"),
            };
            println!(
                "T {name}:{} {what} | {} | {}",
                line_of(&doc, t.span.start),
                one_line(doc.slice(t.span)),
                one_line(doc.slice(t.clause))
            );
        }
        for d in &facts.durations {
            println!(
                "U {name}:{} {} {:?} | {} | {}",
                line_of(&doc, d.span.start),
                d.days,
                d.comparator,
                one_line(doc.slice(d.span)),
                one_line(doc.slice(d.clause))
            );
        }
        for d in &facts.deadlines {
            println!(
                "D {name}:{} {:?} | {}",
                line_of(&doc, d.span.start),
                d.value,
                one_line(doc.slice(d.span))
            );
        }
        for c in &facts.citations {
            println!(
                "C {name}:{} {:?} key={} n={:?} y={:?} sym={} date={:?} issuer={:?} | {}",
                line_of(&doc, c.span.start),
                c.kind,
                c.key,
                c.number,
                c.year,
                c.symbol,
                c.date.as_ref().map(|d| d.value.to_string()),
                c.issuer.as_ref().map(|i| i.value.as_str()),
                one_line(doc.slice(c.span))
            );
        }
        let vague = facts.targets.iter().filter(|t| t.vague.is_some()).count();
        totals[0] += facts.targets.len() - vague;
        totals[1] += vague;
        totals[2] += facts.durations.len();
        totals[3] += facts.deadlines.len();
        totals[4] += facts.citations.len();
    }
    println!(
        "SUMMARY files={files} targets={} vague={} durations={} deadlines={} citations={} decode+parse={}us extract={}us",
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        parse_ns / 1_000,
        extract_ns / 1_000
    );
    println!(
        "TIMING blocks: targets={}ms durations={}ms deadlines={}ms citations={}ms",
        each[0] / 1_000_000,
        each[1] / 1_000_000,
        each[2] / 1_000_000,
        each[3] / 1_000_000
    );
}
