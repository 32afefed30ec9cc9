//! `spelling/…` rules.

pub mod capitalization;
pub mod confusion;
pub mod glued;
pub mod missing_diacritics;
pub mod real_word;
pub mod repeated_word;
pub mod syllable;

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
