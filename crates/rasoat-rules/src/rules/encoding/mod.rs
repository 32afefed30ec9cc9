//! `encoding/…` rules.

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `encoding/…` rules, configured by the packs.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(Vec::new())
}
