//! `deadline/before-plan`: a deadline that falls before the plan's own date (a draft with a
//! blank day is dated from the first day of its month). Only deadlines that write their year
//! are compared: "trước ngày 10 tháng 3" in a recurring report schedule means every year.

use rasoat_doc::Document;

use super::{bounds, plan_lower_bound};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};
use crate::rules::citation::date_vi;

pub struct BeforePlan {
    docs: RuleDocs,
}

impl BeforePlan {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Thời hạn thực hiện đã qua trước ngày ban hành kế hoạch.",
                "A deadline that falls before the plan's own date.",
            ),
            why: Message::new(
                "Nhiệm vụ có hạn trước ngày ban hành thì không thể thực hiện đúng hạn; thường do sao chép kế hoạch cũ.",
                "A task due before the plan is issued cannot be done on time; it usually comes from copying an older plan.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“rõ thời gian”)".to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row("2\tBáo cáo quý.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tQuý I/2026"),
                good: super::plan_with_row(
                    "2\tBáo cáo quý.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tQuý III/2026",
                ),
            }],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for BeforePlan {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for BeforePlan {
    fn id(&self) -> &str {
        "deadline/before-plan"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        if !super::is_plan(doc) {
            return;
        }
        let Some(plan) = plan_lower_bound(doc) else { return };
        for d in &doc.facts.deadlines {
            let Some((_, end)) = bounds(&d.value) else { continue };
            if !end.is_valid() || end >= plan {
                continue;
            }
            let text = doc.slice(d.span);
            // The year must be written: a year filled in from the plan's date is a guess.
            if !text.contains(&end.year.to_string()) {
                continue;
            }
            let text = text.trim();
            sink.report(
                d.span,
                Message::new(
                    format!(
                        "Thời hạn “{text}” (đến {}) đã qua trước ngày ban hành kế hoạch ({}).",
                        date_vi(end),
                        date_vi(plan)
                    ),
                    format!(
                        "Deadline “{text}” (until {}) falls before the plan's date ({}).",
                        date_vi(end),
                        date_vi(plan)
                    ),
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
    fn deadlines_without_a_year_are_not_compared() {
        let text = super::super::plan_with_row(
            "2\tBáo cáo quý I.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tTrước ngày 10 tháng 3",
        );
        assert!(run_on_text(&BeforePlan::new(), &text).is_empty());
    }

    #[test]
    fn a_past_quarter_is_found() {
        let text =
            super::super::plan_with_row("2\tBáo cáo quý I.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tQuý I/2026");
        assert_eq!(run_on_text(&BeforePlan::new(), &text).len(), 1);
    }
}
