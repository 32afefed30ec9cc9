//! The `Rule` trait: what every check implements, built-in or from a pack.

use rasoat_doc::Document;
use rasoat_text::Span;
use serde::Serialize;

use crate::diagnostic::{Category, Diagnostic, Message, Severity};

/// One bad/good pair. The test suite runs every example of every rule: `bad` must raise at
/// least one finding of the rule, `good` none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Example {
    pub bad: String,
    pub good: String,
}

/// What `rasoat explain` prints.
#[derive(Debug, Clone, Serialize)]
pub struct RuleDocs {
    /// One line: what it checks.
    pub summary: Message,
    /// Why it matters.
    pub why: Message,
    /// The legal basis ("Nghị định 30/2020/NĐ-CP, Phụ lục I") or the source of the data.
    pub legal_basis: String,
    pub examples: Vec<Example>,
    /// Where the rule comes from: "built-in" or the pack name.
    pub source: String,
}

/// Settings a rule may read (from configuration), shared by all rules of one run.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Enforced tone-placement style, when configured: "old" (hòa, thủy) or "new" (hoà, thuỷ).
    pub tone_style: Option<ToneStyle>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToneStyle {
    /// "hòa, khỏe, thủy, Ủy" — mark on the first vowel of open oa/oe/uy.
    Old,
    /// "hoà, khoẻ, thuỷ, Uỷ" — mark on the second vowel.
    New,
}

/// A check over a whole document.
///
/// Rules are `Send + Sync` and stateless during `check`: the engine runs them in parallel.
pub trait Rule: Send + Sync {
    /// Stable id, `<category>/<kebab-name>` (DESIGN.md contract).
    fn id(&self) -> &str;

    fn default_severity(&self) -> Severity;

    fn docs(&self) -> &RuleDocs;

    fn check(&self, doc: &Document, ctx: &Context, sink: &mut Sink);

    fn category(&self) -> Category {
        Category::of_rule(self.id()).unwrap_or(Category::Style)
    }

    /// Rules whose findings take precedence over this rule's where their spans overlap: one
    /// error gets one finding. A curated confusion pair ("chông chéo" → "chồng chéo") is more
    /// precise than the statistical real-word guess on the same words, so `spelling/real-word`
    /// yields to `spelling/confusion`.
    fn yields_to(&self) -> &[&str] {
        &[]
    }

    /// The phrase sets this rule searches the whole document's [`crate::phrase::Folded`]
    /// with. The registry joins the sets of all rules into one automaton
    /// ([`crate::phrase::PhraseHub`]) so a document is scanned once for all of them. Sets
    /// searched over other texts (a clause, a heading) may be listed too: they stay correct,
    /// only the scan of that text covers every rule's phrases.
    fn phrase_sets(&self) -> Vec<&crate::phrase::PhraseSet> {
        Vec::new()
    }
}

/// Collects a rule's diagnostics, filling in its id and default severity.
#[derive(Debug)]
pub struct Sink {
    rule: String,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(rule: &str, severity: Severity) -> Self {
        Self { rule: rule.to_owned(), severity, diagnostics: Vec::new() }
    }

    /// Report a finding; chain `with_suggestion` / `with_related` on the returned diagnostic.
    pub fn report(&mut self, span: Span, message: Message) -> &mut Diagnostic {
        self.report_with(span, message, self.severity)
    }

    /// Report with a severity other than the rule's default (e.g. a warning-level sub-case).
    pub fn report_with(&mut self, span: Span, message: Message, severity: Severity) -> &mut Diagnostic {
        let idx = self.diagnostics.len();
        self.diagnostics.push(Diagnostic {
            rule: self.rule.clone(),
            severity,
            span,
            message,
            suggestions: Vec::new(),
            related: Vec::new(),
        });
        // Just pushed: the index exists.
        &mut self.diagnostics[idx]
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    pub fn len(&self) -> usize {
        self.diagnostics.len()
    }

    /// A diagnostic reported earlier by this rule (by report order), to add related spans.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Diagnostic> {
        self.diagnostics.get_mut(index)
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// Chainable helpers on a reported diagnostic.
impl Diagnostic {
    pub fn suggest(&mut self, replacement: impl Into<String>, safe: bool) -> &mut Self {
        self.suggestions.push(crate::diagnostic::Suggestion { replacement: replacement.into(), safe });
        self
    }

    pub fn relate(&mut self, span: Span, message: Message) -> &mut Self {
        self.related.push(crate::diagnostic::Related { span, message });
        self
    }
}
