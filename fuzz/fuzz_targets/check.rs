//! The whole check pipeline — decode → parse → every rule — on any bytes: no panic, and every
//! finding maps back into the input (spans on char boundaries of the normalised text, original
//! byte offsets inside the input, start ≤ end).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rasoat_rules::{Context, Packs, Registry, Selection};

static REGISTRY: LazyLock<Option<(Registry, Packs)>> = LazyLock::new(|| {
    let packs = Packs::embedded().ok()?;
    let registry = Registry::new(&packs).ok()?;
    Some((registry, packs))
});

fuzz_target!(|data: &[u8]| {
    let Some((registry, _packs)) = REGISTRY.as_ref() else {
        panic!("embedded packs do not load");
    };
    let Ok(doc) = rasoat_doc::parse_bytes(data) else { return };
    for d in registry.check(&doc, &Context::default(), &Selection::default()) {
        assert!(doc.text.get(d.span.start..d.span.end).is_some(), "{}: span off char boundaries", d.rule);
        let (s, e) = (doc.map.original_offset(d.span.start), doc.map.original_offset(d.span.end));
        assert!(s <= e && e <= data.len(), "{}: original offsets {s}..{e} outside {}", d.rule, data.len());
        let lc = doc.map.line_col(&doc.text, d.span.start);
        assert!(lc.line >= 1 && lc.column >= 1);
        for r in &d.related {
            assert!(doc.text.get(r.span.start..r.span.end).is_some(), "{}: related span off", d.rule);
        }
    }
});
