//! Rules of rasoat: the `Rule` trait, the registry, rule packs and the built-in rules.
//!
//! - [`rule`]: the trait every check implements, its docs and the diagnostic sink.
//! - [`diagnostic`]: what a rule reports (span, messages in Vietnamese and English,
//!   suggestions marked safe or not, related spans).
//! - [`packs`]: `rules/*.toml` data, embedded and from directories.
//! - [`registry`]: all rules of a run and the engine that runs them in parallel.
//! - [`rules`]: the built-in rules, one folder per category, one file per rule.

pub mod chars;
pub mod diagnostic;
pub mod examples;
pub mod packs;
pub mod phrase;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod warm_up;

pub use diagnostic::{Category, Diagnostic, Lang, Message, Related, Severity, Suggestion};
pub use packs::{Pack, PackError, PackOrigin, Packs};
pub use registry::{Registry, Selection};
pub use rule::{Context, Example, Rule, RuleDocs, Sink, ToneStyle};
pub use warm_up::warm_up;
