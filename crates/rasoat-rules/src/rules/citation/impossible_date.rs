//! `citation/impossible-date`: a cited document's date that does not exist (31/4, 29/02 of
//! a common year, month 13) or whose year is out of any plausible range (a mistyped "20205").

use rasoat_doc::{Date, Document};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct ImpossibleDate {
    docs: RuleDocs,
}

/// Documents of the Democratic Republic / Socialist Republic of Viet Nam start in 1945; a
/// year past 2100 is a typing slip.
pub(crate) fn plausible(d: Date) -> bool {
    d.is_valid() && (1945..=2100).contains(&d.year)
}

impl ImpossibleDate {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Ngày ban hành của văn bản được trích dẫn không tồn tại (ví dụ 31/4) hoặc có năm sai.",
                "A cited document's date does not exist (e.g. 31 April) or has an impossible year.",
            ),
            why: Message::new(
                "Ngày không có thật chắc chắn là lỗi đánh máy; văn bản được trích dẫn không tra cứu được.",
                "A date that does not exist is certainly a typing error; the cited document cannot be looked up.",
            ),
            legal_basis:
                "Nghị định số 30/2020/NĐ-CP, Phụ lục I (trích dẫn văn bản: ngày, tháng, năm ban hành)"
                    .to_owned(),
            examples: vec![Example {
                bad: "Căn cứ Kế hoạch số 12/KH-UBND ngày 31/4/2026 của Ủy ban nhân dân tỉnh.\n".to_owned(),
                good: "Căn cứ Kế hoạch số 12/KH-UBND ngày 30/4/2026 của Ủy ban nhân dân tỉnh.\n".to_owned(),
            }],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for ImpossibleDate {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for ImpossibleDate {
    fn id(&self) -> &str {
        "citation/impossible-date"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for c in &doc.facts.citations {
            let Some(date) = &c.date else { continue };
            if plausible(date.value) {
                continue;
            }
            let written = doc.slice(date.span);
            sink.report(
                date.span,
                Message::new(
                    format!("Ngày “{written}” của văn bản {} không tồn tại.", c.number_text.value),
                    format!("The date “{written}” of document {} does not exist.", c.number_text.value),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn plausible_dates() {
        assert!(plausible(Date::new(2024, 2, 29)));
        assert!(!plausible(Date::new(2025, 2, 29)));
        assert!(!plausible(Date::new(2026, 4, 31)));
        assert!(!plausible(Date::new(20205, 6, 9)));
    }

    #[test]
    fn finds_the_impossible_date() {
        let rule = ImpossibleDate::new();
        assert_eq!(
            run_on_text(&rule, "Căn cứ Kế hoạch số 12/KH-UBND ngày 31/4/2026 của UBND tỉnh.\n").len(),
            1
        );
        assert!(
            run_on_text(&rule, "Căn cứ Kế hoạch số 12/KH-UBND ngày 30/4/2026 của UBND tỉnh.\n").is_empty()
        );
    }
}
