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
        let sets: Vec<&crate::phrase::PhraseSet> = rules.iter().flat_map(|r| r.phrase_sets()).collect();
        crate::phrase::PhraseHub::join(&sets).map_err(|e| e.into_pack_error("phrase hub", packs))?;
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
        // Text typed in a legacy font reads as noise to every rule but the one that says so.
        let legacy = doc.legacy_font.is_some();
        let run = |rule: &dyn Rule| -> Vec<Diagnostic> {
            if legacy && rule.category() != crate::Category::Encoding {
                return Vec::new();
            }
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
            // Two halves: the text rules (the spelling analysis is theirs alone) and the
            // structural ones; both read the document's shared views (`Document::shared`).
            // When this is the only file, the other core takes the second half (one-plan
            // latency); when many files run, rayon keeps it on this thread unless a core is idle.
            let text_rule = |r: &dyn Rule| {
                matches!(
                    r.category(),
                    crate::Category::Spelling | crate::Category::Style | crate::Category::Encoding
                )
            };
            let (mut a, b) = rayon::join(
                || {
                    self.rules
                        .iter()
                        .filter(|r| text_rule(r.as_ref()))
                        .flat_map(|r| run(r.as_ref()))
                        .collect::<Vec<_>>()
                },
                || {
                    self.rules
                        .iter()
                        .filter(|r| !text_rule(r.as_ref()))
                        .flat_map(|r| run(r.as_ref()))
                        .collect::<Vec<_>>()
                },
            );
            a.extend(b);
            a
        };
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all.dedup();
        self.drop_yielded(all)
    }

    /// Drop findings of a rule that yields to another rule with an overlapping finding.
    fn drop_yielded(&self, all: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let yielding: Vec<(&str, &[&str])> = self
            .rules
            .iter()
            .filter(|r| !r.yields_to().is_empty())
            .map(|r| (r.id(), r.yields_to()))
            .collect();
        if yielding.is_empty() {
            return all;
        }
        // For each yielding rule: its winners' spans sorted by start, with the running maximum
        // of their ends, so one binary search answers "does a winner overlap [s, e)?" exactly.
        let tables: Vec<(&str, Vec<usize>, Vec<usize>)> = yielding
            .iter()
            .map(|&(id, winners)| {
                let mut spans: Vec<(usize, usize)> = all
                    .iter()
                    .filter(|d| winners.contains(&d.rule.as_str()))
                    .map(|d| (d.span.start, d.span.end))
                    .collect();
                spans.sort_unstable();
                let starts = spans.iter().map(|s| s.0).collect();
                let max_ends = spans
                    .iter()
                    .scan(0usize, |m, s| {
                        *m = (*m).max(s.1);
                        Some(*m)
                    })
                    .collect();
                (id, starts, max_ends)
            })
            .collect();
        let keep: Vec<bool> = all
            .iter()
            .map(|d| {
                let Some((_, starts, max_ends)) = tables.iter().find(|(id, _, _)| *id == d.rule) else {
                    return true;
                };
                // Winners starting before d ends; one of them overlaps iff the furthest reaching
                // ends after d starts.
                let upto = starts.partition_point(|&s| s < d.span.end);
                upto.checked_sub(1).and_then(|i| max_ends.get(i)).is_none_or(|&e| e <= d.span.start)
            })
            .collect();
        all.into_iter().zip(keep).filter_map(|(d, k)| k.then_some(d)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded packs' examples are skipped at run time (`phrase::check_pack_example`)
    /// and checked here: a failing one fails the build of the registry.
    #[test]
    fn embedded_pack_examples_pass() {
        let packs = match Packs::embedded() {
            Ok(p) => p,
            Err(e) => panic!("embedded packs do not parse: {e}"),
        };
        if let Err(e) = Registry::new(&packs) {
            panic!("an embedded pack example fails: {e}");
        }
    }

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

    /// A rule that reports one fixed span, optionally yielding to another rule.
    struct Fixed {
        id: &'static str,
        span: rasoat_text::Span,
        yields: &'static [&'static str],
        docs: crate::rule::RuleDocs,
    }

    impl Rule for Fixed {
        fn id(&self) -> &str {
            self.id
        }
        fn default_severity(&self) -> Severity {
            Severity::Warning
        }
        fn docs(&self) -> &crate::rule::RuleDocs {
            &self.docs
        }
        fn check(&self, _doc: &Document, _ctx: &Context, sink: &mut Sink) {
            sink.report(self.span, crate::Message::new("x", "x"));
        }
        fn yields_to(&self) -> &[&str] {
            self.yields
        }
    }

    fn fixed(id: &'static str, start: usize, end: usize, yields: &'static [&'static str]) -> Box<dyn Rule> {
        let docs = crate::rule::RuleDocs {
            summary: crate::Message::new("", ""),
            why: crate::Message::new("", ""),
            legal_basis: String::new(),
            examples: vec![],
            source: String::new(),
        };
        Box::new(Fixed { id, span: rasoat_text::Span::new(start, end), yields, docs })
    }

    #[test]
    fn a_yielding_rule_is_dropped_only_where_spans_overlap() {
        let doc = rasoat_doc::parse_str("chông chéo và chông chéo");
        let reg = Registry::from_rules(vec![
            fixed("spelling/confusion", 0, 14, &[]),
            fixed("spelling/real-word", 0, 7, &["spelling/confusion"]),
            fixed("spelling/syllable", 2, 5, &[]),
        ]);
        let rules: Vec<String> =
            reg.check(&doc, &Context::default(), &Selection::default()).into_iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["spelling/confusion", "spelling/syllable"]);
        let reg = Registry::from_rules(vec![
            fixed("spelling/confusion", 20, 30, &[]),
            fixed("spelling/real-word", 0, 7, &["spelling/confusion"]),
        ]);
        let n = reg.check(&doc, &Context::default(), &Selection::default()).len();
        assert_eq!(n, 2, "no overlap: both stay");
        // A long winner found through a shorter one that starts later ("running maximum").
        let reg = Registry::from_rules(vec![
            fixed("spelling/confusion", 0, 30, &[]),
            fixed("spelling/syllable", 5, 6, &[]),
            fixed("spelling/real-word", 20, 25, &["spelling/confusion", "spelling/syllable"]),
        ]);
        let rules: Vec<String> =
            reg.check(&doc, &Context::default(), &Selection::default()).into_iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["spelling/confusion", "spelling/syllable"]);
    }

    #[test]
    fn legacy_font_text_gets_only_encoding_findings() {
        let doc = rasoat_doc::parse_str(
            "Céng hßa x· héi chñ nghÜa ViÖt Nam §éc lËp Tù do H¹nh phóc chông chéo chông chéo",
        );
        assert!(doc.legacy_font.is_some());
        let reg = Registry::from_rules(vec![
            fixed("spelling/confusion", 0, 5, &[]),
            fixed("encoding/legacy-font", 0, 1, &[]),
        ]);
        let rules: Vec<String> =
            reg.check(&doc, &Context::default(), &Selection::default()).into_iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["encoding/legacy-font"]);
    }
}
