//! The registry: every rule of a run, built-in and pack-driven, and the engine that runs them.

use rasoat_doc::Document;
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::packs::{PackError, Packs};
use crate::rule::{Context, Rule, Sink};

/// Which rules run, and at which severity.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Rule ids or category prefixes to run (all when empty): "spelling", "target/missing".
    pub select: Vec<String>,
    /// Rule ids or category prefixes not to run; wins over `select`.
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or category prefix (the most specific wins).
    pub severities: Vec<(String, Severity)>,
}

fn matches(pattern: &str, id: &str) -> bool {
    pattern == id || pattern == "all" || id.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/'))
}

impl Selection {
    /// The severity the rule runs at, or `None` when it does not run.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        if self.ignore.iter().any(|p| matches(p, id)) {
            return None;
        }
        if !self.select.is_empty() && !self.select.iter().any(|p| matches(p, id)) {
            return None;
        }
        let specific = self
            .severities
            .iter()
            .filter(|(p, _)| matches(p, id))
            .max_by_key(|(p, _)| p.len())
            .map(|&(_, s)| s);
        Some(specific.unwrap_or(default))
    }
}

/// Documents larger than this run their rules in parallel too (small ones are parallel over
/// files only: splitting a 20 KB plan across threads costs more than it saves).
const PARALLEL_RULES_ABOVE: usize = 256 * 1024;

pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
}

impl Registry {
    /// All built-in rules, configured by `packs`. Fails when a pack's example does not behave.
    pub fn new(packs: &Packs) -> Result<Registry, Box<PackError>> {
        let rules = crate::rules::all(packs)?;
        Ok(Registry { rules })
    }

    /// A registry of the given rules (tests).
    pub fn from_rules(rules: Vec<Box<dyn Rule>>) -> Registry {
        Registry { rules }
    }

    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }

    /// Run the selected rules over a document; diagnostics come back in a deterministic order
    /// whatever the thread count.
    pub fn check(&self, doc: &Document, ctx: &Context, selection: &Selection) -> Vec<Diagnostic> {
        let run = |rule: &dyn Rule| -> Vec<Diagnostic> {
            let Some(severity) = selection.severity(rule.id(), rule.default_severity()) else {
                return Vec::new();
            };
            let mut sink = Sink::new(rule.id(), rule.default_severity());
            rule.check(doc, ctx, &mut sink);
            let mut out = sink.into_diagnostics();
            if severity != rule.default_severity() {
                for d in &mut out {
                    d.severity = severity;
                }
            }
            out
        };
        let mut all: Vec<Diagnostic> = if doc.text.len() > PARALLEL_RULES_ABOVE {
            self.rules.par_iter().flat_map_iter(|r| run(r.as_ref())).collect()
        } else {
            self.rules.iter().flat_map(|r| run(r.as_ref())).collect()
        };
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all.dedup();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_by_prefix_and_id() {
        let sel = Selection {
            select: vec!["spelling".into()],
            ignore: vec!["spelling/real-word".into()],
            severities: vec![
                ("spelling".into(), Severity::Warning),
                ("spelling/syllable".into(), Severity::Info),
            ],
        };
        assert_eq!(sel.severity("spelling/real-word", Severity::Error), None);
        assert_eq!(sel.severity("target/missing", Severity::Error), None);
        assert_eq!(sel.severity("spelling/repeated-word", Severity::Error), Some(Severity::Warning));
        assert_eq!(sel.severity("spelling/syllable", Severity::Error), Some(Severity::Info));
        // A prefix matches whole segments only.
        assert!(!matches("spell", "spelling/syllable"));
    }
}
