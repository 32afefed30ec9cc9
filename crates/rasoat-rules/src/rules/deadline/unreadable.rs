//! `deadline/unreadable`: deadline text that names no date, period or recurrence ("Theo yêu
//! cầu", "Sớm"), so nobody can tell when the task is due.

use rasoat_doc::{DeadlineValue, Document};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct Unreadable {
    docs: RuleDocs,
}

impl Unreadable {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Thời hạn không xác định được ngày, kỳ hoặc tần suất thực hiện.",
                "A deadline that names no date, period or recurrence.",
            ),
            why: Message::new(
                "Kết luận 226-KL/TW yêu cầu mỗi nhiệm vụ “rõ thời gian”; thời hạn không rõ thì không đôn đốc, kiểm tra được.",
                "Conclusion 226-KL/TW requires every task to have a clear time; an unclear deadline cannot be followed up.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“6 rõ”: rõ thời gian)"
                .to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row(
                    "2\tTổ chức hội nghị sơ kết.\tPhòng Văn hóa - Xã hội\t\tHội nghị\tKhi cần thiết",
                ),
                good: super::plan_with_row(
                    "2\tTổ chức hội nghị sơ kết.\tPhòng Văn hóa - Xã hội\t\tHội nghị\tQuý IV/2026",
                ),
            }],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for Unreadable {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for Unreadable {
    fn id(&self) -> &str {
        "deadline/unreadable"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for d in &doc.facts.deadlines {
            // Only a task's deadline must be definite: other tables ("Thời gian giải quyết"
            // of a procedure) hold durations and steps.
            if d.value != DeadlineValue::Unreadable || !super::in_task_table(doc, d) {
                continue;
            }
            let text = doc.slice(d.span).trim();
            sink.report(
                d.span,
                Message::new(
                    format!("Thời hạn “{text}” không rõ: ghi ngày, tháng, quý hoặc tần suất cụ thể."),
                    format!("Deadline “{text}” is unclear: give a date, month, quarter or recurrence."),
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
    fn readable_deadlines_pass() {
        for deadline in ["Quý IV/2026", "Thường xuyên", "Trước ngày 15/01/2026", "Tháng 5/2026", "Hằng năm"]
        {
            let text = super::super::plan_with_row(&format!(
                "2\tViệc.\tPhòng Văn hóa - Xã hội\t\tBáo cáo\t{deadline}"
            ));
            assert!(run_on_text(&Unreadable::new(), &text).is_empty(), "{deadline}");
        }
    }
}
