//! `deadline/task-output`: an appendix task row without an output (sản phẩm / kết quả), or a
//! task table without an output column at all.

use rasoat_doc::{ColumnKind, Document};

use super::{cell_text, has_column, task_rows, task_tables};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct TaskOutput {
    docs: RuleDocs,
}

impl TaskOutput {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Nhiệm vụ trong phụ lục không có sản phẩm, kết quả đầu ra.",
                "An appendix task without an output.",
            ),
            why: Message::new(
                "Kết luận 226-KL/TW yêu cầu mỗi nhiệm vụ “rõ sản phẩm”; thiếu sản phẩm thì không nghiệm thu, đánh giá được.",
                "Conclusion 226-KL/TW requires every task to have a clear output; without one the task cannot be assessed.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“6 rõ”: rõ sản phẩm)"
                .to_owned(),
            examples: vec![Example {
                bad: super::plan_with_row(
                    "2\tTổ chức hội nghị sơ kết.\tPhòng Văn hóa - Xã hội\t\t\tQuý IV/2026",
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

impl Default for TaskOutput {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for TaskOutput {
    fn id(&self) -> &str {
        "deadline/task-output"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for table in task_tables(doc) {
            if !has_column(table, ColumnKind::Output) {
                sink.report(
                    table.header,
                    Message::new(
                        "Bảng phân công nhiệm vụ không có cột sản phẩm, kết quả.",
                        "The task table has no output column.",
                    ),
                );
                continue;
            }
            for row in task_rows(doc, table) {
                if cell_text(doc, table, row, ColumnKind::Output).is_some_and(|t| !t.is_empty()) {
                    continue;
                }
                sink.report(
                    row.span,
                    Message::new("Nhiệm vụ chưa có sản phẩm, kết quả đầu ra.", "The task has no output."),
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
    fn every_task_row_without_output_is_reported() {
        let text = super::super::plan_with_row(
            "2\tViệc hai.\tSở Nội vụ\t\t\tQuý IV/2026\n3\tViệc ba.\tSở Tư pháp\t\t\tQuý IV/2026",
        );
        assert_eq!(run_on_text(&TaskOutput::new(), &text).len(), 2);
    }
}
