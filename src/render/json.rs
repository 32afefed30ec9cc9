//! JSON output: the DESIGN.md contract, field for field. Do not add or rename fields without a
//! version bump.

use serde::Serialize;

use crate::pipeline::{Finding, Report};
use crate::render::Totals;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    profiles: &'a [String],
    diagnostics: &'a [Finding],
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    diagnostics: usize,
    errors: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    files: Vec<FileOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
    summary: Summary,
}

/// Render the whole run as one JSON object (pretty-printed, with a final newline).
pub fn render(reports: &[Report], extra_errors: &[(String, String)]) -> String {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for r in reports {
        match &r.outcome {
            Ok(c) => files.push(FileOut { path: &r.path, profiles: &c.profiles, diagnostics: &c.findings }),
            Err(m) => errors.push(ErrorOut { path: &r.path, message: m }),
        }
    }
    errors.extend(extra_errors.iter().map(|(p, m)| ErrorOut { path: p, message: m }));
    let t = Totals::of(reports);
    let out = Output {
        version: 1,
        tool: Tool { name: "rasoat", version: env!("CARGO_PKG_VERSION") },
        files,
        summary: Summary { files: t.files, diagnostics: t.diagnostics, errors: errors.len() },
        errors,
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
