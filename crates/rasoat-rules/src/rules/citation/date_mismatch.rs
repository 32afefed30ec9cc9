//! `citation/date-mismatch`: the same document cited with two different dates in one file.
//! Documents in the registry are left to `citation/wrong-date`, which knows which date is
//! right; for the others one of the two dates is wrong and the reader cannot tell which.

use std::collections::HashMap;
use std::sync::Arc;

use rasoat_doc::{Date, Document};
use rasoat_text::Span;

use super::{Registry, date_vi};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};
use crate::rules::target::profile::canonical_key;

pub struct DateMismatch {
    registry: Arc<Registry>,
    docs: RuleDocs,
}

impl DateMismatch {
    pub fn new(registry: Arc<Registry>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Cùng một văn bản được trích dẫn với hai ngày ban hành khác nhau trong một văn bản.",
                "The same document is cited with two different dates in one file.",
            ),
            why: Message::new(
                "Một văn bản chỉ có một ngày ban hành; hai ngày khác nhau cho thấy ít nhất một chỗ trích dẫn sai.",
                "A document has one date of issue; two dates mean at least one citation is wrong.",
            ),
            legal_basis: "Nghị định số 30/2020/NĐ-CP, Phụ lục I (trích dẫn văn bản: số, ký hiệu, ngày ban hành)".to_owned(),
            examples: vec![Example {
                bad: "Căn cứ Kế hoạch số 144/KH-UBND ngày 21/4/2026 của Ủy ban nhân dân thành phố.\n\nThực hiện Kế hoạch số 144/KH-UBND ngày 12/4/2026 của Ủy ban nhân dân thành phố.\n".to_owned(),
                good: "Căn cứ Kế hoạch số 144/KH-UBND ngày 21/4/2026 của Ủy ban nhân dân thành phố.\n\nThực hiện Kế hoạch số 144/KH-UBND ngày 21 tháng 4 năm 2026 của Ủy ban nhân dân thành phố.\n".to_owned(),
            }],
            source: "built-in".to_owned(),
        };
        Self { registry, docs }
    }
}

impl Rule for DateMismatch {
    fn id(&self) -> &str {
        "citation/date-mismatch"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        // Canonical key → the first valid date it was cited with.
        let mut first: HashMap<String, (Date, Span)> = HashMap::new();
        for c in &doc.facts.citations {
            let Some(date) = c.date.as_ref().filter(|d| super::impossible_date::plausible(d.value)) else {
                continue;
            };
            if self.registry.get(c).is_some() {
                continue;
            }
            let key = canonical_key(&c.number_text.value);
            let Some(&(d0, span0)) = first.get(&key) else {
                first.insert(key, (date.value, date.span));
                continue;
            };
            if d0 == date.value {
                continue;
            }
            let (a, b) = (date_vi(d0), date_vi(date.value));
            let number = &c.number_text.value;
            sink.report(
                date.span,
                Message::new(
                    format!("Văn bản số {number} được ghi ngày {b}, khác với ngày {a} đã ghi trước đó."),
                    format!("Document {number} is dated {b} here but {a} earlier."),
                ),
            )
            .relate(span0, Message::new(format!("ngày đã ghi: {a}"), format!("date given earlier: {a}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> DateMismatch {
        DateMismatch::new(super::super::tests::registry())
    }

    #[test]
    fn same_date_in_two_formats_agrees() {
        let text = "Căn cứ Kế hoạch số 144/KH-UBND ngày 21/4/2026 của UBND thành phố; Kế hoạch số 144/KH-UBND ngày 21 tháng 4 năm 2026 của UBND thành phố.\n";
        assert!(run_on_text(&rule(), text).is_empty());
    }

    #[test]
    fn the_later_date_is_reported_with_the_earlier_related() {
        let text = "Căn cứ Kế hoạch số 144/KH-UBND ngày 21/4/2026 của UBND thành phố.\n\nThực hiện Kế hoạch số 144/KH-UBND ngày 12/4/2026 của UBND thành phố.\n";
        let found = run_on_text(&rule(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        let doc = rasoat_doc::parse_str(text);
        let Some(d) = found.first() else { panic!() };
        assert!(doc.slice(d.span).contains("12/4/2026"));
        assert_eq!(d.related.len(), 1);
    }

    #[test]
    fn registry_documents_are_left_to_wrong_date() {
        let text = "Thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ; Quyết định số 534/QĐ-TTg ngày 30/3/2026 của Thủ tướng Chính phủ.\n";
        assert!(run_on_text(&rule(), text).is_empty());
    }
}
