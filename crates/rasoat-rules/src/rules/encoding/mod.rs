//! `encoding/…` rules.

pub mod combining_mark;
pub mod invisible;
pub mod legacy_font;
pub mod look_alike;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `encoding/…` rules, configured by the packs.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(legacy_font::LegacyFontRule::new()),
        Box::new(combining_mark::CombiningMark::new()),
        Box::new(look_alike::LookAlike::new()),
        Box::new(invisible::Invisible::new()),
    ];
    Ok(rules)
}
