//! `citation/wrong-date`: a cited document's date contradicts the registry of known documents.

use std::sync::Arc;

use rasoat_doc::Document;

use super::{Registry, date_vi};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct WrongDate {
    registry: Arc<Registry>,
    docs: RuleDocs,
}

impl WrongDate {
    pub fn new(registry: Arc<Registry>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Ngày ban hành của văn bản được trích dẫn không đúng: khác ngày trong danh mục văn bản đã biết, hoặc khác năm ghi trong số, ký hiệu.",
                "A cited document's date is wrong: it differs from the registry of known documents, or from the year in its number.",
            ),
            why: Message::new(
                "Trích dẫn sai ngày làm căn cứ pháp lý không chính xác và khó tra cứu; lỗi này thường do sao chép.",
                "A wrong date makes the legal basis inaccurate and hard to look up; it usually comes from copying.",
            ),
            legal_basis:
                "Nghị định số 30/2020/NĐ-CP, Phụ lục I (trích dẫn văn bản); danh mục rules/documents.toml"
                    .to_owned(),
            examples: vec![Example {
                bad: "Thực hiện Quyết định số 534/QĐ-TTg ngày 13/3/2026 của Thủ tướng Chính phủ.\n"
                    .to_owned(),
                good: "Thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ.\n"
                    .to_owned(),
            }],
            source: "built-in".to_owned(),
        };
        Self { registry, docs }
    }
}

impl Rule for WrongDate {
    fn id(&self) -> &str {
        "citation/wrong-date"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        // The same wrong date copied under the same number is one finding.
        let mut seen = std::collections::HashSet::new();
        for c in &doc.facts.citations {
            // An impossible date is `citation/impossible-date`'s finding.
            let Some(date) = c.date.as_ref().filter(|d| super::impossible_date::plausible(d.value)) else {
                continue;
            };
            if !seen.insert((crate::rules::target::profile::canonical_key(&c.number_text.value), date.value))
            {
                continue;
            }
            let Some(known) = self.registry.get(c) else {
                // Unknown document: a number with its year ("06/2021/NĐ-CP") was issued in that
                // year, so a date in another year is wrong.
                if let Some(year) = c.year
                    && year != date.value.year
                {
                    let number = &c.number_text.value;
                    let got = date_vi(date.value);
                    sink.report(
                        date.span,
                        Message::new(
                            format!("Văn bản số {number} ban hành năm {year} nhưng được ghi ngày {got}: kiểm tra lại ngày hoặc số."),
                            format!("Document {number} was issued in {year} but is dated {got}: check the date or the number."),
                        ),
                    );
                }
                continue;
            };
            if known.date == date.value {
                continue;
            }
            let (got, want) = (date_vi(date.value), date_vi(known.date));
            sink.report(
                date.span,
                Message::new(
                    format!("{} được ban hành ngày {want}, không phải {got} ({}).", known.key, known.basis),
                    format!("{} was issued on {want}, not {got} ({}).", known.key, known.basis),
                ),
            )
            .suggest(want, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> WrongDate {
        WrongDate::new(super::super::tests::registry())
    }

    #[test]
    fn right_dates_in_both_formats_pass() {
        let text = "Thực hiện Kết luận số 226-KL/TW ngày 11 tháng 12 năm 2025 của Ban Bí thư và Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ.\n";
        assert!(run_on_text(&rule(), text).is_empty());
    }

    #[test]
    fn wrong_dates_are_found() {
        let found =
            run_on_text(&rule(), "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 06/9/2025 của Chính phủ.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let Some(d) = found.first() else { panic!() };
        assert_eq!(d.suggestions.first().map(|s| s.replacement.as_str()), Some("09/06/2025"));
        let found = run_on_text(&rule(), "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2020 của Chính phủ.\n");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn the_year_in_a_number_must_match_the_date() {
        let found =
            run_on_text(&rule(), "Căn cứ Nghị định số 06/2021/NĐ-CP ngày 26/01/2025 của Chính phủ.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            run_on_text(&rule(), "Căn cứ Nghị định số 06/2021/NĐ-CP ngày 26/01/2021 của Chính phủ.\n")
                .is_empty()
        );
    }

    #[test]
    fn unknown_documents_are_not_judged() {
        assert!(
            run_on_text(
                &rule(),
                "Căn cứ Quyết định số 1478/QĐ-UBND ngày 14/4/2026 của Chủ tịch UBND thành phố.\n"
            )
            .is_empty()
        );
    }
}
