//! `deadline/task-deadline`: an appendix task row without a deadline (or a task table without
//! a deadline column at all).

use rasoat_doc::{ColumnKind, Document};

use super::{cell_text, has_column, task_rows, task_tables};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct TaskDeadline {
    docs: RuleDocs,
}

impl TaskDeadline {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Nhiệm vụ trong phụ lục không có thời hạn hoàn thành.",
                "An appendix task without a deadline.",
            ),
            why: Message::new(
                "Kết luận 226-KL/TW yêu cầu mỗi nhiệm vụ “rõ thời gian”; việc không có hạn thì không đôn đốc, đánh giá được.",
                "Conclusion 226-KL/TW requires every task to have a clear time; a task without a deadline cannot be followed up.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“6 rõ”: rõ thời gian)"
                .to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row(
                    "2\tTổ chức hội nghị sơ kết.\tPhòng Văn hóa - Xã hội\t\tHội nghị\t",
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

impl Default for TaskDeadline {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for TaskDeadline {
    fn id(&self) -> &str {
        "deadline/task-deadline"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for table in task_tables(doc) {
            if !has_column(table, ColumnKind::Deadline) {
                sink.report(
                    table.header,
                    Message::new(
                        "Bảng phân công nhiệm vụ không có cột thời hạn hoàn thành.",
                        "The task table has no deadline column.",
                    ),
                );
                continue;
            }
            for row in task_rows(doc, table) {
                if cell_text(doc, table, row, ColumnKind::Deadline).is_some_and(|t| !t.is_empty()) {
                    continue;
                }
                sink.report(
                    row.span,
                    Message::new("Nhiệm vụ chưa có thời hạn hoàn thành.", "The task has no deadline."),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn a_heading_row_with_sub_tasks_needs_no_deadline() {
        let text = super::super::plan_with_row(
            "2\tĐổi mới chế độ hội họp\t\t\t\t\n2.1\tGiảm số cuộc họp.\tVăn phòng\t\tBáo cáo\tQuý IV/2026",
        );
        assert!(run_on_text(&TaskDeadline::new(), &text).is_empty());
    }

    #[test]
    fn a_table_without_a_deadline_column_is_one_finding() {
        let text = "KẾ HOẠCH\n\nCải cách hành chính năm 2026\n\nI. NHIỆM VỤ\n\n1. Theo Phụ lục.\n\nPHỤ LỤC\n\nTT\tNội dung công việc\tCơ quan chủ trì\tSản phẩm\n1\tViệc một.\tSở Nội vụ\tBáo cáo\n2\tViệc hai.\tSở Tư pháp\tBáo cáo\n";
        let found = run_on_text(&TaskDeadline::new(), text);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
