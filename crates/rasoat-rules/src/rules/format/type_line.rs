//! `format/type-line`: the document's type name ("KẾ HOẠCH") is written in upper case.

use std::sync::LazyLock;

use rasoat_doc::{DocKind, Document, Part, Span};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct TypeLine {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| RuleDocs {
    summary: Message::new(
        "Tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH…) viết bằng chữ in hoa.",
        "The type name (KẾ HOẠCH, QUYẾT ĐỊNH…) is written in upper case.",
    ),
    why: Message::new(
        "Tên loại văn bản là thành phần thể thức bắt buộc, trình bày bằng chữ in hoa, đứng canh giữa để nhận biết loại văn bản.",
        "The type name is a mandatory element of the layout, set in upper case so the document's kind is recognised at a glance.",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5 (tên loại và trích yếu nội dung văn bản)"
        .into(),
    examples: vec![Example {
        bad: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKế hoạch\n\nTriển khai thực hiện Kết luận\n"
            .into(),
        good: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện Kết luận\n"
            .into(),
    }],
    source: "built-in".into(),
});

impl TypeLine {
    pub fn new() -> Self {
        TypeLine { docs: DOCS.clone() }
    }
}

impl Default for TypeLine {
    fn default() -> Self {
        Self::new()
    }
}

/// The line that should have been the type line when the parser found none: the first line
/// of the summary or of the body, when it is nothing but a type name ("Kế hoạch").
fn unrecognised_type_line(doc: &Document, part: &Part) -> Option<Span> {
    if part.header.number.is_none() && part.header.place_date.is_none() {
        return None;
    }
    let candidates = part.header.summary.into_iter().chain(doc.blocks.get(part.blocks.start).map(|b| b.span));
    for span in candidates {
        let line = super::lines_in(doc, span).next()?;
        let text = doc.slice(line).trim().trim_matches('*');
        if DocKind::from_name(text).is_some() {
            return Some(line);
        }
    }
    None
}

impl Rule for TypeLine {
    fn id(&self) -> &str {
        "format/type-line"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for part in &doc.parts {
            let span = match &part.header.doc_type {
                Some(t) => t.span,
                None => match unrecognised_type_line(doc, part) {
                    Some(s) => s,
                    None => continue,
                },
            };
            let text = doc.slice(span);
            if text.chars().any(char::is_lowercase) {
                let upper = text.to_uppercase();
                sink.report(
                    span,
                    Message::new(
                        format!("Tên loại văn bản phải viết in hoa: \"{}\".", upper.trim()),
                        format!("The type name is written in upper case: \"{}\".", upper.trim()),
                    ),
                )
                .suggest(upper, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn lower_case_type_line() {
        let bad = "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKế hoạch\n\nTriển khai thực hiện\n";
        let f = run_on_text(&TypeLine::new(), bad);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].suggestions.first().map(|s| s.replacement.as_str()), Some("KẾ HOẠCH"));
        let good = "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện\n";
        assert!(run_on_text(&TypeLine::new(), good).is_empty());
    }

    #[test]
    fn body_words_are_not_type_lines() {
        // "Kế hoạch" inside a sentence is not a type line.
        let text = "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai\n\nKế hoạch này được triển khai.\n";
        assert!(run_on_text(&TypeLine::new(), text).is_empty());
    }
}
