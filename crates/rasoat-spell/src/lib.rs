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

use scan::{Memo, Unit, scan_line_with};

/// Units of a line the per-line buffers are made for (longer lines grow them).
pub(crate) const LINE_UNITS: usize = 256;

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
    // Room for a long line at once: growing from empty took a reallocation at every
    // doubling, in every document.
    let mut units: Vec<Unit<'_>> = Vec::with_capacity(LINE_UNITS);
    let mut key = String::new();
    let mut real =
        (checks.real_words && !model.is_empty()).then(|| engine::RealWordState::new(model, out.len()));
    let mut memo = Memo::new(model);
    let mut glued = engine::GluedMemo::new(model);
    for (base, line) in engine::lines(text) {
        let lookup = if real.is_some() { Some((model, &mut memo)) } else { None };
        // Whether the line is Vietnamese prose: all three checks ask.
        let vietnamese = scan_line_with(line, base, &mut units, lookup);
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

pub use model::Model;
pub use orthography::check_syllables;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_pass_finds_all_three_kinds() {
        let text = "Khắc phục tình trạng chông chéo, trùng lặp.\nTổ chức keets luận củaxã.";
        let mut found = Vec::new();
        analyse(Model::embedded(), text, Checks::ALL, &mut found);
        let kinds: Vec<FindingKind> = found.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FindingKind::RealWord));
        assert!(kinds.contains(&FindingKind::Keystrokes));
        assert!(kinds.contains(&FindingKind::Glued));
        let mut fixed = Vec::new();
        analyse(Model::embedded(), &text.replacen("chông", "chồng", 1), Checks::ALL, &mut fixed);
        assert!(!fixed.iter().any(|f| f.kind == FindingKind::RealWord));
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
