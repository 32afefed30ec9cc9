//! `duplicate/…` rules: the same directive or task stated twice.
//!
//! - [`directive`]: two body directives that say the same thing (`duplicate/directive`).
//! - [`appendix_task`]: the same task twice in an appendix table, possibly with two deadlines or
//!   lead units (`duplicate/appendix-task`).
//! - `similarity`: the engine both use — normalised terms, clause-bounded shingles indexed by
//!   feature, and a pairwise check (containment + alignment) that tells a pasted copy from two
//!   tasks that differ in actor, object or number. Its module docs justify the choices.
//! - `units`: which body blocks are directives and which of them may be compared.

pub mod appendix_task;
pub mod directive;
#[cfg(test)]
mod measure;
pub(crate) mod similarity;
pub(crate) mod units;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `duplicate/…` rules, configured by the packs.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(vec![Box::new(directive::DuplicateDirective), Box::new(appendix_task::DuplicateAppendixTask)])
}
