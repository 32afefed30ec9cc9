//! Human output through miette: the message, the offending text underlined, the suggestion as
//! help, related spans as extra labels, the rule id as code.
//!
//! miette reads the normalised text with spans into it (byte offsets, its own line/column
//! display); the contract positions (characters in the decoded text) are for JSON and SARIF.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode, SourceSpan, SpanContents,
};
use rasoat_doc::Document;
use rasoat_rules::{Diagnostic, Lang, Severity};

use crate::pipeline::RunOptions;
use crate::render::Totals;

/// The document text under a file name, for miette.
struct Src<'a> {
    name: &'a str,
    doc: &'a Document,
}

impl fmt::Debug for Src<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Characters of context shown on each side of a finding. Plans have paragraphs of 300+
/// characters on one line: showing whole lines would bury the finding in a wall of text.
const CONTEXT_CHARS: usize = 60;

/// The longest label underline, in bytes; a finding about a whole paragraph is marked at its
/// start.
const MAX_LABEL_BYTES: usize = 120;

impl Src<'_> {
    fn line_bounds(&self, offset: usize) -> (usize, usize) {
        let text = &self.doc.text;
        let head = text.get(..offset).unwrap_or("");
        let start = head.rfind('\n').map_or(0, |i| i + 1);
        let end = text.get(offset..).and_then(|t| t.find('\n')).map_or(text.len(), |i| offset + i);
        (start, end)
    }

    /// `offset` moved `chars` characters back (or forward), not past `limit`.
    fn step(&self, offset: usize, chars: usize, back: bool, limit: usize) -> usize {
        let text = &self.doc.text;
        if back {
            let head = text.get(limit..offset).unwrap_or("");
            head.char_indices().rev().nth(chars.saturating_sub(1)).map_or(limit, |(i, _)| limit + i)
        } else {
            let tail = text.get(offset..limit).unwrap_or("");
            tail.char_indices().nth(chars).map_or(limit, |(i, _)| offset + i)
        }
    }
}

impl SourceCode for Src<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = &self.doc.text;
        // miette reads the span alone (no context lines) for the `file:line:column` header:
        // give it the contract column (characters of the decoded text, as in JSON) instead of
        // its byte column, so both outputs agree.
        if before == 0 && after == 0 {
            let c = text.read_span(span, 0, 0)?;
            let column = self.doc.map.line_col(text, span.offset()).column.saturating_sub(1);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.to_owned(),
                c.data(),
                *c.span(),
                c.line(),
                column,
                c.line_count(),
            )));
        }
        // Otherwise show the span's own lines only, cropped to some context on each side.
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (line_start, _) = self.line_bounds(start);
        let (_, line_end) = self.line_bounds(end);
        let ws = self.step(start, CONTEXT_CHARS, true, line_start);
        let we = self.step(end, CONTEXT_CHARS, false, line_end);
        let data = text.get(ws..we).ok_or(MietteError::OutOfBounds)?;
        let line = text.get(..ws).map_or(0, |h| memchr_count(h.as_bytes()));
        let column = text.get(line_start..ws).map_or(0, |h| h.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_owned(),
            data.as_bytes(),
            SourceSpan::from(ws..we),
            line,
            column,
            data.bytes().filter(|&b| b == b'\n').count() + 1,
        )))
    }
}

fn memchr_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[derive(Debug)]
struct HumanDiag<'a> {
    src: &'a Src<'a>,
    rule: &'a str,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Display for HumanDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HumanDiag<'_> {}

impl miette::Diagnostic for HumanDiag<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Clamp a span to the text and to char boundaries (rules promise this; user input must not
/// be able to make the renderer misbehave if one slips).
fn clamp(text: &str, start: usize, end: usize) -> (usize, usize) {
    let fix = |mut x: usize| {
        x = x.min(text.len());
        while x > 0 && !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };
    let (s, e) = (fix(start), fix(end));
    (s, e.max(s))
}

fn label(text: &str, span: rasoat_text::Span, msg: Option<String>, primary: bool) -> LabeledSpan {
    let (s, mut e) = clamp(text, span.start, span.end);
    // Underline at most one line and MAX_LABEL_BYTES of it.
    if let Some(nl) = text.get(s..e).and_then(|t| t.find('\n')) {
        e = s + nl;
    }
    let (s, e) = clamp(text, s, e.min(s + MAX_LABEL_BYTES));
    let ss = SourceSpan::from(s..e);
    if primary { LabeledSpan::new_primary_with_span(msg, ss) } else { LabeledSpan::new_with_span(msg, ss) }
}

/// Render every diagnostic of one file, one string each.
pub fn render_file(path: &str, doc: &Document, diags: &[Diagnostic], opts: RunOptions) -> Vec<String> {
    let theme = if opts.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let src = Src { name: path, doc };
    let mut all = Vec::with_capacity(diags.len());
    for d in diags {
        let mut out = String::new();
        let (help_word, here) = match opts.lang {
            Lang::Vi => ("gợi ý", "đây"),
            Lang::En => ("suggestion", "here"),
        };
        let help = (!d.suggestions.is_empty()).then(|| {
            let list: Vec<String> = d
                .suggestions
                .iter()
                .map(|s| {
                    if s.safe {
                        format!("«{}»", s.replacement)
                    } else {
                        format!("«{}» (?)", s.replacement)
                    }
                })
                .collect();
            format!("{help_word}: {}", list.join(", "))
        });
        let primary_msg =
            d.suggestions.first().map(|s| format!("→ {}", s.replacement)).or(Some(here.to_owned()));
        let mut labels = vec![label(&doc.text, d.span, primary_msg, true)];
        labels.extend(
            d.related
                .iter()
                .map(|r| label(&doc.text, r.span, Some(r.message.get(opts.lang).to_owned()), false)),
        );
        let hd = HumanDiag {
            src: &src,
            rule: &d.rule,
            severity: d.severity,
            message: d.message.get(opts.lang).to_owned(),
            help,
            labels,
        };
        if handler.render_report(&mut out, &hd).is_err() {
            // Fall back to one plain line rather than lose the finding.
            let lc = doc.map.line_col(&doc.text, d.span.start);
            out.push_str(&format!(
                "{path}:{}:{}: {} [{}] {}\n",
                lc.line,
                lc.column,
                d.severity.as_str(),
                d.rule,
                d.message.get(opts.lang)
            ));
        }
        all.push(out);
    }
    all
}

/// The closing summary line.
pub fn summary(t: &Totals, lang: Lang) -> String {
    let [e, w, i] = t.by_severity;
    match lang {
        Lang::Vi => format!(
            "Đã kiểm tra {} tệp: {} phát hiện ({e} lỗi, {w} cảnh báo, {i} thông tin); {} lỗi đầu vào hoặc cấu hình.",
            t.files, t.diagnostics, t.errors
        ),
        Lang::En => format!(
            "Checked {} file(s): {} finding(s) ({e} error, {w} warning, {i} info); {} input or configuration error(s).",
            t.files, t.diagnostics, t.errors
        ),
    }
}
