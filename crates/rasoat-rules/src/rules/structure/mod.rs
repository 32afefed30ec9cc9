//! `structure/…` rules: how a document's body is organised.

pub mod numbering;
pub mod required_parts;

#[cfg(test)]
mod measure;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `structure/…` rules, configured by the packs.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(vec![Box::new(numbering::Numbering::new()), Box::new(required_parts::RequiredParts::new())])
}
