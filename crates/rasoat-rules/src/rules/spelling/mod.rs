//! `spelling/…` rules.

pub mod capitalization;
pub mod confusion;
pub mod glued;
pub mod missing_diacritics;
pub mod real_word;
pub mod repeated_word;
pub mod syllable;

use rasoat_doc::Document;
use rasoat_spell::{Finding, FindingKind};

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `spelling/…` rules, configured by the packs.
pub fn rules(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let rules: Vec<Box<dyn Rule>> = vec![
        // One line per rule, in reporting order.
        Box::new(confusion::Confusion::from_packs(packs)?),
        Box::new(repeated_word::RepeatedWord::new()),
        Box::new(capitalization::Capitalization::from_packs(packs)?),
        Box::new(syllable::Syllable::new()),
        Box::new(real_word::RealWord::new()),
        Box::new(glued::Glued::new()),
        Box::new(missing_diacritics::MissingDiacritics::new()),
    ];
    Ok(rules)
}

/// The spelling engine's findings of every kind for one document (a view shared through
/// `Document::shared`).
struct EngineFindings(Vec<Finding>);

/// The spelling engine's findings of the given kinds, for the three engine rules (syllable,
/// real-word, glued-words). One analysis per document serves all three; legacy-font text gets
/// none — `encoding/legacy-font` reports it once.
pub(crate) fn engine_findings(doc: &Document, kinds: &[FindingKind], mut each: impl FnMut(&Finding)) {
    if doc.legacy_font.is_some() {
        return;
    }
    let all = doc.shared(|| {
        let mut out = Vec::new();
        rasoat_spell::analyse(
            rasoat_spell::Model::embedded(),
            &doc.text,
            rasoat_spell::Checks::ALL,
            &mut out,
        );
        EngineFindings(out)
    });
    for f in all.0.iter().filter(|f| kinds.contains(&f.kind)) {
        each(f);
    }
}
