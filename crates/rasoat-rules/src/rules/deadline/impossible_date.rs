//! `deadline/impossible-date`: a deadline on a day that does not exist (31/4, 30/02).

use rasoat_doc::{DeadlineValue, Document};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct ImpossibleDate {
    docs: RuleDocs,
}

impl ImpossibleDate {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new("Thời hạn là một ngày không tồn tại (ví dụ 31/4).", "A deadline on a day that does not exist (e.g. 31 April)."),
            why: Message::new(
                "Ngày không có thật là lỗi đánh máy; đơn vị thực hiện không biết hạn thật là ngày nào.",
                "A day that does not exist is a typing error; nobody knows the real deadline.",
            ),
            legal_basis: "Nghị định số 30/2020/NĐ-CP (nội dung văn bản chính xác); Kết luận số 226-KL/TW (“rõ thời gian”)".to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row("2\tBáo cáo sơ kết.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tTrước ngày 31/6/2026"),
                good: super::plan_with_row("2\tBáo cáo sơ kết.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tTrước ngày 30/6/2026"),
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
        "deadline/impossible-date"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for d in &doc.facts.deadlines {
            let valid = match &d.value {
                DeadlineValue::Date { date, .. } => date.is_valid(),
                DeadlineValue::Range { start, end } => start.is_valid() && end.is_valid(),
                DeadlineValue::Recurring { .. } | DeadlineValue::Unreadable => true,
            };
            if valid {
                continue;
            }
            let text = doc.slice(d.span).trim();
            sink.report(
                d.span,
                Message::new(
                    format!("Thời hạn “{text}” là ngày không tồn tại."),
                    format!("Deadline “{text}” is a day that does not exist."),
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
    fn the_29th_of_february_only_in_leap_years() {
        let row =
            |d: &str| super::super::plan_with_row(&format!("2\tViệc.\tSở Nội vụ\t\tBáo cáo\tTrước ngày {d}"));
        assert_eq!(run_on_text(&ImpossibleDate::new(), &row("29/02/2026")).len(), 1);
        assert!(run_on_text(&ImpossibleDate::new(), &row("29/02/2028")).is_empty());
    }
}
