//! JSON output: the DESIGN.md contract, field for field. Do not add or rename fields without a
//! version bump.

use serde::Serialize;

use crate::pipeline::{Finding, Report};

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

/// The contract's whole object, field for field: [`Stream`] writes it in parts, and the test
/// that compares the two keeps them the same.
#[cfg(test)]
#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    files: Vec<FileOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
    summary: Summary,
}

/// The JSON document written file by file, as reports arrive, so a run over a whole province
/// holds one file's findings at a time instead of all of them. The bytes are those of
/// the one-shot `render` (a test compares them): each part is pretty-printed by serde_json and indented
/// to its depth (pretty JSON has no raw newline inside a string, so indenting by line is safe).
#[derive(Default)]
pub struct Stream {
    /// Files written so far.
    files: usize,
    diagnostics: usize,
    /// Inputs that could not be checked: listed after the files, as the contract orders them.
    errors: Vec<(String, String)>,
}

/// The document up to the first file entry.
fn head() -> String {
    let tool = Tool { name: "rasoat", version: env!("CARGO_PKG_VERSION") };
    format!("{{\n  \"version\": 1,\n  \"tool\": {},\n  \"files\": [", indented(&pretty(&tool), 2))
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// `json` with every line after the first indented by `by` spaces.
fn indented(json: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    json.replace('\n', &format!("\n{pad}"))
}

impl Stream {
    /// The text to write for one report, in input order (empty for an input that failed: it
    /// is listed under `errors` at the end).
    pub fn report(&mut self, r: &Report) -> String {
        match &r.outcome {
            Ok(c) => {
                let entry = FileOut { path: &r.path, profiles: &c.profiles, diagnostics: &c.findings };
                let mut out = if self.files == 0 { head() } else { String::from(",") };
                out.push_str("\n    ");
                out.push_str(&indented(&pretty(&entry), 4));
                self.files += 1;
                self.diagnostics += c.findings.len();
                out
            }
            Err(m) => {
                self.errors.push((r.path.clone(), m.clone()));
                String::new()
            }
        }
    }

    /// The rest of the document: the errors (per input, then `extra_errors`) and the summary.
    pub fn finish(self, extra_errors: &[(String, String)]) -> String {
        let mut out = if self.files == 0 { head() + "]" } else { String::from("\n  ]") };
        let errors: Vec<ErrorOut> =
            self.errors.iter().chain(extra_errors).map(|(p, m)| ErrorOut { path: p, message: m }).collect();
        let summary = Summary { files: self.files, diagnostics: self.diagnostics, errors: errors.len() };
        out.push_str(&format!(
            ",\n  \"errors\": {},\n  \"summary\": {}\n}}\n",
            indented(&pretty(&errors), 2),
            indented(&pretty(&summary), 2)
        ));
        out
    }
}

/// The whole run as one JSON object, rendered at once: the definition [`Stream`] writes in
/// parts (kept for the test that they agree).
#[cfg(test)]
fn render(reports: &[Report], extra_errors: &[(String, String)]) -> String {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for r in reports {
        match &r.outcome {
            Ok(c) => files.push(FileOut { path: &r.path, profiles: &c.profiles, diagnostics: &c.findings }),
            Err(m) => errors.push(ErrorOut { path: &r.path, message: m }),
        }
    }
    errors.extend(extra_errors.iter().map(|(p, m)| ErrorOut { path: p, message: m }));
    let mut t = crate::render::Totals::default();
    for r in reports {
        t.add(r);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Checked;

    fn checked(findings: usize) -> Checked {
        let finding = || crate::pipeline::Finding {
            rule: "spelling/confusion".into(),
            category: "spelling".into(),
            severity: rasoat_rules::Severity::Warning,
            message: "«chông chéo» → «chồng chéo»\n\"x\"".into(),
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 15,
            start: 40,
            end: 52,
            snippet: "tránh chông chéo".into(),
            suggestions: Vec::new(),
            related: Vec::new(),
            human: String::new(),
            key_text: String::new(),
            key_context: String::new(),
        };
        Checked {
            profiles: vec!["ke-hoach".into()],
            findings: (0..findings).map(|_| finding()).collect(),
            fixed: 0,
            used_ignores: Vec::new(),
            matched_ignores: Vec::new(),
            fix: None,
        }
    }

    fn streamed(reports: &[Report], extra: &[(String, String)]) -> String {
        let mut stream = Stream::default();
        let mut out: String = reports.iter().map(|r| stream.report(r)).collect();
        out.push_str(&stream.finish(extra));
        out
    }

    /// The streamed document is byte for byte the one rendered at once, whatever mix of
    /// files, findings and errors (including none at all).
    #[test]
    fn the_stream_writes_what_render_writes() {
        let ok = |p: &str, n| Report { path: p.into(), outcome: Ok(checked(n)) };
        let err = |p: &str| Report { path: p.into(), outcome: Err(format!("không đọc được {p}")) };
        let extra = vec![("rasoat.toml".to_owned(), "lỗi cú pháp".to_owned())];
        let cases: Vec<Vec<Report>> = vec![
            vec![],
            vec![ok("a.txt", 0)],
            vec![ok("a.txt", 2), ok("b.txt", 0), err("c.txt"), ok("d.txt", 1)],
            vec![err("c.txt")],
            vec![err("c.txt"), ok("a.txt", 3)],
        ];
        for reports in &cases {
            for extra in [&[][..], &extra[..]] {
                assert_eq!(streamed(reports, extra), render(reports, extra));
            }
        }
        assert!(render(&cases[2], &extra).contains("\"diagnostics\": 3"));
    }
}
