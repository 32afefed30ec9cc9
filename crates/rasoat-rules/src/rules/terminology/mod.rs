//! `terminology/…` rules: terms that are wrong from a date (data in `rules/terminology.toml`).

pub mod abolished_unit;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `terminology/…` rules, configured by the packs.
pub fn rules(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(abolished_unit::ForbiddenTerms::from_packs(packs)?
        .into_iter()
        .map(|r| Box::new(r) as Box<dyn Rule>)
        .collect())
}
