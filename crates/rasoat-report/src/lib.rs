//! The reviewer report: what a legal-review office sends back with a draft.
//!
//! One self-contained HTML page per run (no external assets: it must open offline and print on
//! A4), or Markdown for pasting into an official letter or an issue tracker. Every piece of
//! document text is escaped: a draft containing `<script>` renders as text.
//!
//! The report is a pure function of its input ([`FileReport`]s): the CLI gathers the parse,
//! the diagnostics, the target table and the pack versions, and this crate only lays them out.

mod html;
mod markdown;

use rasoat_doc::Document;
use rasoat_rules::{Category, Diagnostic, Severity};
use sha2::{Digest, Sha256};

pub use html::render_html;
pub use markdown::render_markdown;

/// The plain verdict of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Conforms: nothing at or above the thresholds.
    Dat,
    /// Needs edits before issue.
    CanChinhSua,
    /// Returned to the authors.
    TraLai,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Dat => "Đạt",
            Verdict::CanChinhSua => "Cần chỉnh sửa",
            Verdict::TraLai => "Trả lại",
        }
    }

    fn css(self) -> &'static str {
        match self {
            Verdict::Dat => "ok",
            Verdict::CanChinhSua => "edit",
            Verdict::TraLai => "return",
        }
    }
}

/// When a draft is returned rather than merely edited (configurable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    /// Return the draft when it has at least this many errors.
    pub return_at_errors: usize,
    /// Return the draft when any finding of these categories is an error (a missing or weakened
    /// mandatory target cannot be fixed by the editor alone).
    pub return_on_categories: Vec<Category>,
    /// Needs edits when it has at least this many warnings (errors always need edits).
    pub edit_at_warnings: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { return_at_errors: 10, return_on_categories: vec![Category::Target], edit_at_warnings: 1 }
    }
}

/// Compute the verdict from the diagnostics.
pub fn verdict(diagnostics: &[Diagnostic], t: &Thresholds) -> Verdict {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let blocking = diagnostics.iter().any(|d| {
        d.severity == Severity::Error && d.category().is_some_and(|c| t.return_on_categories.contains(&c))
    });
    if errors >= t.return_at_errors || blocking {
        Verdict::TraLai
    } else if errors > 0 || warnings >= t.edit_at_warnings {
        Verdict::CanChinhSua
    } else {
        Verdict::Dat
    }
}

/// Status of one mandatory target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    Met,
    Missing,
    Weaker,
    Inconsistent,
}

impl TargetStatus {
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Met => "đạt",
            TargetStatus::Missing => "thiếu",
            TargetStatus::Weaker => "thấp hơn yêu cầu",
            TargetStatus::Inconsistent => "không nhất quán",
        }
    }
}

/// One row of the mandatory-targets table.
#[derive(Debug, Clone)]
pub struct TargetRow {
    pub indicator: String,
    pub required: String,
    /// What the plan states, quoted, with its 1-based line.
    pub stated: Vec<(String, usize)>,
    pub status: TargetStatus,
}

/// A finding as the report shows it: located and with its legal basis.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub line: usize,
    pub column: usize,
    /// The quoted text and a little context around it.
    pub context: String,
    pub legal_basis: String,
}

/// Everything the report says about one checked file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// "Kế hoạch số 263/KH-UBND ngày …" as parsed.
    pub title: DocumentTitle,
    pub profile: Option<String>,
    pub targets: Vec<TargetRow>,
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// SHA-256 of the input bytes, so the verdict is reproducible.
    pub sha256: String,
    /// The document text (normalised), for the highlighted copy.
    pub text: String,
    /// Byte spans of the findings in `text`, same order as `findings`.
    pub spans: Vec<rasoat_text::Span>,
}

/// What the header says the checked document is.
#[derive(Debug, Clone, Default)]
pub struct DocumentTitle {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub summary: Option<String>,
}

/// Data about the run, shown in every report's header.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub tool_version: String,
    /// (pack name, version).
    pub packs: Vec<(String, String)>,
    /// ISO date of the check.
    pub checked_on: String,
}

/// Hex SHA-256 of the input bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the parsed header says the document is.
pub fn document_title(doc: &Document) -> DocumentTitle {
    let Some(part) = doc.main_part() else { return DocumentTitle::default() };
    let h = &part.header;
    let line = |s: rasoat_text::Span| doc.slice(s).trim().to_owned();
    DocumentTitle {
        // A công văn has no type line: its span is empty, so name the kind instead.
        kind: h.doc_type.as_ref().map(|t| {
            let written = line(t.span);
            if written.is_empty() { t.value.name_vi().to_owned() } else { written }
        }),
        number: h.number.as_ref().map(|n| line(n.span)),
        date: h.place_date.as_ref().map(|p| line(p.span)),
        issuer: (!h.issuer.is_empty())
            .then(|| h.issuer.iter().map(|&s| line(s)).collect::<Vec<_>>().join(" – ")),
        summary: h.summary.map(line),
    }
}

/// A finding located in its document, with up to `around` characters of context on each side.
pub fn locate(doc: &Document, diagnostic: Diagnostic, legal_basis: String) -> Finding {
    let lc = doc.map.line_col(&doc.text, diagnostic.span.start);
    let context = context_around(&doc.text, diagnostic.span, 60);
    Finding { diagnostic, line: lc.line, column: lc.column, context, legal_basis }
}

fn context_around(text: &str, span: rasoat_text::Span, around: usize) -> String {
    let before: String = {
        let head = text.get(..span.start).unwrap_or("");
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        let head = head.get(line_start..).unwrap_or("");
        let n = head.chars().count();
        head.chars().skip(n.saturating_sub(around)).collect()
    };
    let after: String = {
        let tail = text.get(span.end..).unwrap_or("");
        tail.chars().take_while(|&c| c != '\n').take(around).collect()
    };
    format!("{before}[{}]{after}", span.text(text))
}

/// Counts by (category, severity), in category order.
pub fn counts(findings: &[Finding]) -> Vec<(Category, [usize; 3])> {
    let mut out: Vec<(Category, [usize; 3])> = Vec::new();
    for c in Category::ALL {
        let mut n = [0usize; 3];
        for f in findings.iter().filter(|f| f.diagnostic.category() == Some(c)) {
            let idx = match f.diagnostic.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            if let Some(slot) = n.get_mut(idx) {
                *slot += 1;
            }
        }
        if n.iter().any(|&x| x > 0) {
            out.push((c, n));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasoat_rules::Message;
    use rasoat_text::Span;

    fn diag(rule: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            span: Span::new(0, 1),
            message: Message::new("m", "m"),
            suggestions: vec![],
            related: vec![],
        }
    }

    #[test]
    fn verdict_follows_thresholds() {
        let t = Thresholds::default();
        assert_eq!(verdict(&[], &t), Verdict::Dat);
        assert_eq!(verdict(&[diag("spelling/real-word", Severity::Warning)], &t), Verdict::CanChinhSua);
        assert_eq!(verdict(&[diag("spelling/real-word", Severity::Error)], &t), Verdict::CanChinhSua);
        assert_eq!(verdict(&[diag("target/missing", Severity::Error)], &t), Verdict::TraLai);
        let many: Vec<_> = (0..10).map(|_| diag("spelling/real-word", Severity::Error)).collect();
        assert_eq!(verdict(&many, &t), Verdict::TraLai);
    }

    #[test]
    fn context_marks_the_span() {
        let text = "dòng một\ntình trạng chông chéo, trùng lặp\nba";
        let start = text.find("chông").unwrap_or(0);
        let span = Span::new(start, start + "chông chéo".len());
        assert_eq!(context_around(text, span, 11), "tình trạng [chông chéo], trùng lặp");
    }
}
