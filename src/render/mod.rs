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
    pub fn of(reports: &[Report]) -> Totals {
        let mut t = Totals::default();
        for r in reports {
            match &r.outcome {
                Ok(c) => {
                    t.files += 1;
                    t.diagnostics += c.findings.len();
                    for f in &c.findings {
                        t.by_severity[severity_index(f.severity)] += 1;
                    }
                }
                Err(_) => t.errors += 1,
            }
        }
        t
    }
}

pub fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}
