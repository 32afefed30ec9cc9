//! Running a rule's documented examples: `bad` must raise a finding of the rule, `good` none.
//!
//! Used by the test suite for every rule, and at load time for pack entries, so a pack whose
//! example fails is rejected before it can mislead anyone.

use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Example, Rule, Sink};

/// Why an example failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleFailure {
    /// The bad text raised nothing.
    BadNotFlagged { bad: String },
    /// The good text raised findings.
    GoodFlagged { good: String, messages: Vec<String> },
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExampleFailure::BadNotFlagged { bad } => {
                write!(f, "ví dụ sai không bị phát hiện (bad example not flagged): {bad:?}")
            }
            ExampleFailure::GoodFlagged { good, messages } => {
                write!(f, "ví dụ đúng bị báo lỗi (good example flagged): {good:?}: {}", messages.join("; "))
            }
        }
    }
}

/// Run a rule over a text as a whole document.
pub fn run_on_text(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let doc = rasoat_doc::parse_str(text);
    let mut sink = Sink::new(rule.id(), rule.default_severity());
    rule.check(&doc, &Context::default(), &mut sink);
    sink.into_diagnostics()
}

/// Check one example against a rule.
pub fn check_example(rule: &dyn Rule, example: &Example) -> Result<(), ExampleFailure> {
    if run_on_text(rule, &example.bad).is_empty() {
        return Err(ExampleFailure::BadNotFlagged { bad: example.bad.clone() });
    }
    let good = run_on_text(rule, &example.good);
    if !good.is_empty() {
        return Err(ExampleFailure::GoodFlagged {
            good: example.good.clone(),
            messages: good.into_iter().map(|d| d.message.vi).collect(),
        });
    }
    Ok(())
}
