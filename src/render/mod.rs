//! Renderers: human (miette), JSON (the DESIGN.md contract), SARIF 2.1.0, GitHub workflow commands.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use rasoat_rules::Severity;

use crate::pipeline::Report;

/// Counts for the summary line and the JSON `summary`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub files: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub by_severity: [usize; 3],
}

impl Totals {
    /// Count one more report.
    pub fn add(&mut self, r: &Report) {
        match &r.outcome {
            Ok(c) => {
                self.files += 1;
                self.diagnostics += c.findings.len();
                for f in &c.findings {
                    self.by_severity[severity_index(f.severity)] += 1;
                }
            }
            Err(_) => self.errors += 1,
        }
    }
}

pub fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}
