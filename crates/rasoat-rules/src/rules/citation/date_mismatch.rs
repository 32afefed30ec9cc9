//! `citation/date-mismatch`: the same document cited with two different dates in one file.
//! For a document in the registry the date that differs from the registry's is reported (the
//! registry knows which is right; `citation/wrong-date` says so too); for the others the
//! later date is reported against the first.

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
        // Canonical key → every plausible date it was cited with, in order.
        let mut cited: HashMap<String, Vec<(Date, Span)>> = HashMap::new();
        let mut order: Vec<(String, &str, Option<Date>)> = Vec::new();
        for c in &doc.facts.citations {
            let Some(date) = c.date.as_ref().filter(|d| super::impossible_date::plausible(d.value)) else {
                continue;
            };
            let key = canonical_key(&c.number_text.value);
            let dates = cited.entry(key.clone()).or_default();
            if dates.is_empty() {
                order.push((key, c.number_text.value.as_str(), self.registry.get(c).map(|k| k.date)));
            }
            dates.push((date.value, date.span));
        }
        for (key, number, known) in order {
            let Some(dates) = cited.get(&key) else { continue };
            let Some(&(first, first_span)) = dates.first() else { continue };
            if dates.iter().all(|&(d, _)| d == first) {
                continue;
            }
            // The reference: the registry's date when it is known and cited, else the first.
            let reference = known
                .and_then(|k| dates.iter().find(|&&(d, _)| d == k).copied())
                .unwrap_or((first, first_span));
            for &(d, span) in dates {
                if d == reference.0 {
                    continue;
                }
                let (a, b) = (date_vi(reference.0), date_vi(d));
                sink.report(
                    span,
                    Message::new(
                        format!("Văn bản số {number} được ghi ngày {b}, khác với ngày {a} ghi ở chỗ khác."),
                        format!("Document {number} is dated {b} here but {a} elsewhere."),
                    ),
                )
                .relate(
                    reference.1,
                    Message::new(format!("ngày ghi ở chỗ khác: {a}"), format!("date given elsewhere: {a}")),
                );
            }
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
    fn for_a_registry_document_the_wrong_one_is_reported() {
        let text = "Thực hiện Quyết định số 534/QĐ-TTg ngày 30/3/2026 của Thủ tướng Chính phủ; Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ.\n";
        let found = run_on_text(&rule(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        let doc = rasoat_doc::parse_str(text);
        let Some(d) = found.first() else { panic!() };
        assert!(doc.slice(d.span).contains("30/3/2026"));
        // Cited once with a wrong date: `citation/wrong-date`'s finding, not this one.
        let once = "Thực hiện Quyết định số 534/QĐ-TTg ngày 30/3/2026 của Thủ tướng Chính phủ.\n";
        assert!(run_on_text(&rule(), once).is_empty());
    }
}
