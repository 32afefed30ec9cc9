//! Built-in rules, one folder per category and one file per rule (as in ruff).
//!
//! To add a rule: write `rules/<category>/<name>.rs` with a type implementing [`Rule`] and its
//! [`RuleDocs`](crate::RuleDocs) (summary, why, legal basis, bad/good examples), and add it to
//! that folder's `rules()` list. The examples are run by the test suite
//! (`tests/examples.rs`); a rule without a bad and a good example fails it.

pub mod citation;
pub mod deadline;
pub mod duplicate;
pub mod encoding;
pub mod format;
pub mod spelling;
pub mod structure;
pub mod style;
pub mod target;
pub mod terminology;

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// Every rule, in a stable order (by category, then as listed in each category).
pub fn all(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let mut rules = Vec::new();
    rules.extend(spelling::rules(packs)?);
    rules.extend(target::rules(packs)?);
    rules.extend(duplicate::rules(packs)?);
    rules.extend(structure::rules(packs)?);
    rules.extend(citation::rules(packs)?);
    rules.extend(deadline::rules(packs)?);
    rules.extend(format::rules(packs)?);
    rules.extend(terminology::rules(packs)?);
    rules.extend(style::rules(packs)?);
    rules.extend(encoding::rules(packs)?);
    Ok(rules)
}
