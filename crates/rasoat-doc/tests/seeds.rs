//! Snapshot tests: a compact outline of what the parser makes of each real draft in
//! `corpus/seeds/`. Review a changed snapshot line by line before accepting it.

use std::fmt::Write as _;

use rasoat_doc::*;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/seeds");

/// The first `n` chars of a span's text, on one line.
fn short(doc: &Document, span: Span, n: usize) -> String {
    let t: String = doc.slice(span).chars().take(n).collect();
    t.replace('\n', "⏎").replace('\t', "→")
}

fn depth(doc: &Document, mut id: BlockId) -> usize {
    let mut d = 0;
    while let Some(p) = doc.blocks.get(id).and_then(|b| b.parent) {
        d += 1;
        id = p;
    }
    d
}

/// One line per element: header fields, blocks as `kind marker | first-40-chars` indented by
/// depth, tables with their rows, recipients, signature.
pub fn outline(doc: &Document) -> String {
    let mut o = String::new();
    for (k, part) in doc.parts.iter().enumerate() {
        let h = &part.header;
        let _ = writeln!(o, "== part {k}");
        for m in &h.motto {
            let _ = writeln!(o, "motto: {}", short(doc, *m, 60));
        }
        for m in &h.issuer {
            let _ = writeln!(o, "issuer: {}", short(doc, *m, 60));
        }
        if let Some(n) = &h.number {
            let num = n.number.as_ref().map_or("-", |x| x.value.as_str());
            let _ = writeln!(o, "number: {num} / {:?} (line {:?})", n.symbol.value, doc.slice(n.span));
        }
        if let Some(pd) = &h.place_date {
            let _ = writeln!(
                o,
                "date: place={:?} day={:?} month={:?} year={:?}",
                pd.place.as_ref().map(|p| p.value.as_str()),
                pd.day.as_ref().map(|x| x.value),
                pd.month.as_ref().map(|x| x.value),
                pd.year.as_ref().map(|x| x.value)
            );
        }
        if let Some(t) = &h.doc_type {
            let _ = writeln!(o, "type: {:?} {:?}", t.value, doc.slice(t.span));
        }
        if let Some(s) = h.summary {
            let _ = writeln!(o, "summary: {}", short(doc, s, 70));
        }
        for id in part.blocks.clone() {
            let Some(b) = doc.blocks.get(id) else { continue };
            let indent = "  ".repeat(depth(doc, id));
            let kind = match b.kind {
                BlockKind::Numbered { depth } => format!("num{depth}"),
                other => format!("{other:?}").to_lowercase(),
            };
            let marker = b.marker.as_ref().map_or(String::new(), |m| format!(" {} {:?}", m.text, m.numbers));
            let h = if b.heading { " H" } else { "" };
            let _ = writeln!(o, "{indent}{kind}{marker}{h} | {}", short(doc, b.text, 40));
        }
        for t in &part.tables {
            let cols: Vec<String> = t.columns.iter().map(|c| format!("{:?}:{}", c.kind, c.title)).collect();
            let title = t.title.map(|s| short(doc, s, 50));
            let _ = writeln!(o, "table title={title:?}\n  columns: {}", cols.join(" | "));
            for r in &t.rows {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| {
                        let first = c.spans.first().map_or(String::new(), |s| short(doc, *s, 18));
                        let more =
                            if c.spans.len() > 1 { format!("+{}", c.spans.len() - 1) } else { String::new() };
                        format!("{}={first}{more}", c.column)
                    })
                    .collect();
                let _ = writeln!(o, "  {:?}: {}", r.kind, cells.join(" | "));
            }
        }
        if let Some(r) = &part.recipients {
            let _ = writeln!(o, "recipients: {}", r.items.len());
            for it in &r.items {
                let _ = writeln!(o, "  {}", short(doc, *it, 60));
            }
        }
        if let Some(s) = &part.signature {
            let titles: Vec<String> = s.titles.iter().map(|t| short(doc, *t, 40)).collect();
            let _ = writeln!(
                o,
                "signature: authority={:?} titles={titles:?} name={:?}",
                s.authority.as_ref().map(|a| (a.value, doc.slice(a.span))),
                s.name.map(|n| doc.slice(n))
            );
        }
    }
    o
}

fn seed(prefix: &str) -> Document {
    let Ok(dir) = std::fs::read_dir(SEEDS) else { panic!("no seeds dir at {SEEDS}") };
    let Some(path) = dir
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
    else {
        panic!("no seed {prefix}")
    };
    let Ok(bytes) = std::fs::read(&path) else { panic!("cannot read {}", path.display()) };
    let Ok(doc) = parse_bytes(&bytes) else { panic!("cannot decode {}", path.display()) };
    doc
}

macro_rules! seed_snapshot {
    ($name:ident, $prefix:literal) => {
        #[test]
        fn $name() {
            let doc = seed($prefix);
            insta::assert_snapshot!(outline(&doc));
        }
    };
}

seed_snapshot!(seed_000, "000_");
seed_snapshot!(seed_001, "001_");
seed_snapshot!(seed_002, "002_");
seed_snapshot!(seed_003, "003_");
seed_snapshot!(seed_004, "004_");

/// Facts the snapshots show, asserted so that a careless snapshot update cannot hide them.
#[test]
fn seed_key_facts() {
    let doc = seed("000_");
    assert_eq!(doc.parts.len(), 1);
    let Some(part) = doc.parts.first() else { panic!("no part") };
    assert_eq!(part.header.number.as_ref().map(|n| n.symbol.value.as_str()), Some("KH-UBND"));
    assert_eq!(part.header.place_date.as_ref().and_then(|p| p.year.as_ref()).map(|y| y.value), Some(2026));
    // Page break re-joined: "… số lượng hội" + "ngợi trực tuyến …" is one block.
    assert!(doc.blocks.iter().any(|b| doc.slice(b.text).contains("số lượng hội\n\nngợi trực tuyến")));
    assert_eq!(part.recipients.as_ref().map(|r| r.items.len()), Some(9));
    assert_eq!(part.signature.as_ref().and_then(|s| s.name).map(|n| doc.slice(n)), Some("Bùi Quang Ngân"));

    let doc = seed("003_");
    let Some(part) = doc.parts.first() else { panic!("no part") };
    assert_eq!(part.header.number.as_ref().map(|n| n.symbol.value.as_str()), Some("KH- SXD"));
    assert_eq!(part.tables.len(), 1);

    let doc = seed("004_");
    let kinds: Vec<Option<DocKind>> =
        doc.parts.iter().map(|p| p.header.doc_type.as_ref().map(|t| t.value)).collect();
    assert_eq!(kinds, [Some(DocKind::QuyetDinh), Some(DocKind::KeHoach)]);
    let Some(plan) = doc.main_part() else { panic!("no main part") };
    // "f)" after "e)" is kept as a point with a number that is not a Vietnamese point letter.
    assert!(
        doc.blocks
            .get(plan.blocks.clone())
            .unwrap_or_default()
            .iter()
            .any(|b| b.marker.as_ref().is_some_and(|m| m.text == "f)" && m.numbers == [106]))
    );
    let Some(table) = plan.tables.first() else { panic!("no table") };
    assert!(table.rows.iter().any(|r| r.kind == RowKind::Group));
}
