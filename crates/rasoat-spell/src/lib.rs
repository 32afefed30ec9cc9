//! Vietnamese spelling statistics and the real-word candidate engine of rasoat.
//!
//! - [`scan`]: one tokenisation shared by the data builder and the checker, so that the
//!   statistics count exactly what the checker later looks up (canonical keys, boundaries).
//! - [`model`]: the embedded data — syllable vocabulary (fst), unigram and bigram counts (a
//!   grouped sorted table read in place), and skeleton indexes of syllables and two-syllable
//!   words (fst). Nothing is parsed at startup.
//! - [`engine`]: real-word errors (every syllable exists, the word does not), Telex/VNI
//!   leftovers with known decodings, and words glued together.
//!
//! The data lives in `rules/spelling-data/` and is rebuilt by `scripts/spelling/rebuild.sh`
//! (see its README for sources and licences).

pub mod engine;
pub mod model;
pub mod orthography;
pub mod scan;

pub use engine::{Finding, FindingKind, check_glued, check_real_words};

use std::sync::{Arc, Mutex};

use scan::{Memo, Unit, scan_line_with};

/// Which checks [`analyse`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    pub syllables: bool,
    pub real_words: bool,
    pub glued: bool,
}

impl Checks {
    pub const ALL: Checks = Checks { syllables: true, real_words: true, glued: true };
}

/// Run the chosen checks over `text` in one pass (each line is tokenised once), appending
/// findings in document order per check.
pub fn analyse(model: &Model, text: &str, checks: Checks, out: &mut Vec<Finding>) {
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut ranges = Vec::new();
    let mut key = String::new();
    let mut real =
        (checks.real_words && !model.is_empty()).then(|| engine::RealWordState::new(model, out.len()));
    let mut memo = Memo::new();
    let mut glued = engine::GluedMemo::new(model);
    for (base, line) in engine::lines(text) {
        let lookup = if real.is_some() { Some((model, &mut memo)) } else { None };
        // Whether the line is Vietnamese prose: all three checks ask.
        let vietnamese = scan_line_with(line, base, &mut units, &mut ranges, lookup);
        if units.is_empty() {
            continue;
        }
        if checks.syllables {
            orthography::check_units(model, &units, vietnamese, &mut glued, &mut key, out);
        }
        if checks.glued && !model.is_empty() {
            engine::glued_units(model, &units, vietnamese, &mut glued, out);
        }
        if let Some(r) = real.as_mut() {
            r.line(model, &units, vietnamese, out);
        }
    }
    if let Some(r) = real {
        r.finish(model, text, out);
    }
}

/// A cached analysis: text length, content hash, findings.
type Cached = (usize, u64, Arc<Vec<Finding>>);

/// All findings of the embedded model for `text`, computed once per distinct text: the three
/// spelling rules each ask for the same document, and one pass serves them all.
pub fn analyse_shared(text: &str) -> Arc<Vec<Finding>> {
    /// Recent documents: (length, content hash, findings). Files are checked in parallel, so
    /// keep a few.
    static CACHE: Mutex<Vec<Cached>> = Mutex::new(Vec::new());
    const KEEP: usize = 16;
    let h = content_hash(text);
    if let Ok(cache) = CACHE.lock()
        && let Some((_, _, found)) = cache.iter().find(|(len, hash, _)| *len == text.len() && *hash == h)
    {
        return Arc::clone(found);
    }
    let mut out = Vec::new();
    analyse(Model::embedded(), text, Checks::ALL, &mut out);
    let found = Arc::new(out);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((text.len(), h, Arc::clone(&found)));
    }
    found
}

/// 64-bit FNV-1a over the whole text (about 1 GB/s: negligible next to the checks).
fn content_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for chunk in text.as_bytes().chunks(8) {
        let mut w = [0u8; 8];
        for (d, s) in w.iter_mut().zip(chunk) {
            *d = *s;
        }
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}
pub use model::Model;
pub use orthography::check_syllables;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shared_analysis_is_reused_and_exact() {
        let text = "Khắc phục tình trạng chông chéo, trùng lặp.\nTổ chức keets luận củaxã.";
        let a = analyse_shared(text);
        let b = analyse_shared(text);
        assert!(Arc::ptr_eq(&a, &b));
        let kinds: Vec<FindingKind> = a.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FindingKind::RealWord));
        assert!(kinds.contains(&FindingKind::Keystrokes));
        assert!(kinds.contains(&FindingKind::Glued));
        // A different text of the same length is not served from the cache.
        let other = text.replacen("chông", "chồng", 1);
        let c = analyse_shared(&other);
        assert!(!c.iter().any(|f| f.kind == FindingKind::RealWord));
    }

    #[test]
    fn a_warm_token_memo_changes_nothing() {
        let text = "Khắc phục tình trạng chông chéo, trùng lặp.\nTổ chức keets luận củaxã, ngay 25 tháng 11.";
        let cold = std::thread::spawn(move || {
            let mut out = Vec::new();
            analyse(Model::embedded(), text, Checks::ALL, &mut out);
            out
        })
        .join()
        .unwrap_or_default();
        assert!(!cold.is_empty());
        // The same thread, after other documents filled its memo.
        let warm = std::thread::spawn(move || {
            let mut out = Vec::new();
            analyse(Model::embedded(), "Chông chéo và keets quả; UBND tỉnh Đắk Lắk.", Checks::ALL, &mut out);
            out.clear();
            analyse(Model::embedded(), text, Checks::ALL, &mut out);
            out
        })
        .join()
        .unwrap_or_default();
        assert_eq!(cold, warm);
    }

    proptest! {
        /// Arbitrary text (mixed scripts, marks, digits, punctuation) never panics and every
        /// span lies on character boundaries inside the text.
        #[test]
        fn never_panics(text in "[a-zA-Zàáảãạăắằâấầđêếềôốồơớờưứừ0-9 \\t\\n.,;:()/@\u{300}-\u{36F}\u{1EA0}-\u{1EF9}]{0,200}") {
            let mut out = Vec::new();
            analyse(Model::embedded(), &text, Checks::ALL, &mut out);
            for f in out {
                prop_assert!(text.get(f.span.start..f.span.end).is_some());
            }
        }
    }
}
