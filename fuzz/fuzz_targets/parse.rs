//! Any bytes either fail to decode or parse into a Document whose spans fit its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = rasoat_doc::parse_bytes(data) {
        for b in &doc.blocks {
            assert!(doc.text.get(b.span.start..b.span.end).is_some(), "block span off char boundaries");
        }
        for p in &doc.parts {
            assert!(doc.text.get(p.span.start..p.span.end).is_some(), "part span off char boundaries");
        }
    }
});
