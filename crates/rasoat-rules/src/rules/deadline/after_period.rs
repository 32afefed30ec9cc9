//! `deadline/after-period`: a deadline that starts after the period the plan covers (its
//! summary says "năm 2026" or "giai đoạn 2026 - 2030").

use rasoat_doc::Document;

use super::{bounds, plan_period};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};
use crate::rules::citation::date_vi;

pub struct AfterPeriod {
    docs: RuleDocs,
}

impl AfterPeriod {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Thời hạn nằm ngoài (sau) khoảng thời gian mà kế hoạch áp dụng.",
                "A deadline after the period the plan covers.",
            ),
            why: Message::new(
                "Kế hoạch năm 2026 không thể giao việc đến hạn năm 2027; nhiệm vụ đó thuộc kế hoạch kỳ sau hoặc thời hạn bị ghi nhầm.",
                "A plan for 2026 cannot set work due in 2027; the task belongs to a later plan or the deadline is mistyped.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“rõ thời gian”)".to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row("2\tTổng kết.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tQuý I/2027"),
                good: super::plan_with_row("2\tTổng kết.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\tQuý IV/2026"),
            }],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for AfterPeriod {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for AfterPeriod {
    fn id(&self) -> &str {
        "deadline/after-period"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        if !super::is_plan(doc) {
            return;
        }
        let Some((from, to)) = plan_period(doc) else { return };
        for d in &doc.facts.deadlines {
            let Some((start, _)) = bounds(&d.value) else { continue };
            if !start.is_valid() || start <= to {
                continue;
            }
            let text = doc.slice(d.span).trim();
            sink.report(
                d.span,
                Message::new(
                    format!(
                        "Thời hạn “{text}” nằm sau thời kỳ của kế hoạch ({} – {}).",
                        date_vi(from),
                        date_vi(to)
                    ),
                    format!(
                        "Deadline “{text}” falls after the plan's period ({} – {}).",
                        date_vi(from),
                        date_vi(to)
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
    fn a_multi_year_period_from_the_summary() {
        let plan = super::super::plan_with_row("2\tTổng kết.\tSở Nội vụ\t\tBáo cáo\t{deadline}")
            .replace("Cải cách hành chính năm 2026", "Cải cách hành chính giai đoạn 2026 - 2030");
        assert!(run_on_text(&AfterPeriod::new(), &plan.replace("{deadline}", "Quý IV/2030")).is_empty());
        assert_eq!(run_on_text(&AfterPeriod::new(), &plan.replace("{deadline}", "Quý I/2031")).len(), 1);
    }

    #[test]
    fn documents_that_are_not_plans_are_not_judged() {
        let text = "QUYẾT ĐỊNH\n\nVề việc khen thưởng năm 2026\n\nĐiều 1. Khen thưởng, hoàn thành trước ngày 15/3/2027.\n";
        assert!(run_on_text(&AfterPeriod::new(), text).is_empty());
    }
}
