//! `deadline/task-lead`: an appendix task row without exactly one lead unit ("một việc một
//! đầu mối"): an empty lead cell, or several units listed in it ("Sở Nội vụ; Sở Tài chính").
//! A collective ("Các sở, ban, ngành", "UBND các xã, phường") is one lead: each unit leads
//! its own part. Units are told apart by separators followed by a unit name.

use rasoat_doc::{ColumnKind, Document};

use super::{cell_text, task_rows, task_tables};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct TaskLead {
    docs: RuleDocs,
}

/// Words that begin the name of an agency or unit (as written, capitalised).
const UNIT_WORDS: &[&str] = &[
    "Sở",
    "Phòng",
    "Văn phòng",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Công an",
    "Trung tâm",
    "Ban",
    "Thanh tra",
    "Bộ",
    "Cục",
    "Chi cục",
    "Vụ",
    "Viện",
    "Trường",
    "Báo",
    "Đài",
    "Kho bạc",
    "Bảo hiểm",
    "Ngân hàng",
    "Hội",
    "Đoàn",
    "Liên đoàn",
    "Mặt trận",
    "Ủy ban MTTQ",
    "Đảng ủy",
    "Đảng uỷ",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Bộ Chỉ huy",
    "Ban Chỉ huy",
    "Tòa án",
    "Viện kiểm sát",
    "Hội đồng",
    "HĐND",
    "Chi nhánh",
    "Tổng công ty",
    "Công ty",
    "Các Sở",
    "Các phòng",
];

/// How many distinct lead units a lead cell names.
pub(crate) fn lead_units(cell: &str) -> usize {
    let mut count = 0;
    for group in cell.split([';', '\n']).map(str::trim).filter(|g| !g.is_empty()) {
        count += 1;
        // Inside a group, a comma or "và" followed by a unit name starts another unit, except
        // in the joint office "Văn phòng HĐND và UBND" (also written "HĐND&UBND").
        let mut rest = group;
        while let Some((at, len)) = next_separator(rest) {
            let before = rest.get(..at).unwrap_or("");
            let after = rest.get(at + len..).unwrap_or("").trim_start();
            let joint = len > 1 && (before.ends_with("HĐND") || before.ends_with("Hội đồng nhân dân"));
            if !joint && starts_with_unit(after) {
                count += 1;
            }
            rest = rest.get(at + len..).unwrap_or("");
        }
    }
    count
}

/// The next "," or " và " in `s`: (position, length).
fn next_separator(s: &str) -> Option<(usize, usize)> {
    let comma = s.find(',').map(|p| (p, 1));
    let and = s.find(" và ").map(|p| (p, " và ".len()));
    match (comma, and) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn starts_with_unit(s: &str) -> bool {
    UNIT_WORDS.iter().any(|w| {
        s.strip_prefix(w)
            .is_some_and(|tail| tail.is_empty() || tail.starts_with(|c: char| c.is_whitespace() || c == ','))
    })
}

impl TaskLead {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Nhiệm vụ trong phụ lục không có, hoặc có nhiều hơn một, cơ quan chủ trì.",
                "An appendix task with no lead unit, or with several.",
            ),
            why: Message::new(
                "“Một việc chỉ giao một cơ quan chủ trì, chịu trách nhiệm chính”: giao nhiều đầu mối chủ trì làm trách nhiệm không rõ, dễ đùn đẩy.",
                "“One task, one lead”: several lead units blur responsibility and invite buck-passing.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (“một việc một đầu mối”, “6 rõ”: rõ người)".to_owned(),
            examples: vec![
                Example {
                    bad: super::plan_with_row("2\tRà soát quy chế làm việc.\tSở Nội vụ; Sở Tư pháp\t\tQuy chế\tQuý IV/2026"),
                    good: super::plan_with_row("2\tRà soát quy chế làm việc.\tSở Nội vụ\tSở Tư pháp\tQuy chế\tQuý IV/2026"),
                },
                Example {
                    bad: super::plan_with_row("2\tRà soát quy chế làm việc.\t\tSở Tư pháp\tQuy chế\tQuý IV/2026"),
                    good: super::plan_with_row("2\tRà soát quy chế làm việc.\tVăn phòng HĐND và UBND phường\tSở Tư pháp\tQuy chế\tQuý IV/2026"),
                },
            ],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for TaskLead {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for TaskLead {
    fn id(&self) -> &str {
        "deadline/task-lead"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        // The same shared lead cell pasted into many rows is one fault, reported once at its
        // first row with the others as related spans: eight identical warnings bury the rest.
        let mut shared: Vec<(String, usize)> = Vec::new();
        for table in task_tables(doc) {
            for row in task_rows(doc, table) {
                let lead = cell_text(doc, table, row, ColumnKind::Lead).unwrap_or_default();
                let span = row
                    .cell(table, ColumnKind::Lead)
                    .and_then(|c| c.spans.first().copied())
                    .unwrap_or(row.span);
                match lead_units(&lead) {
                    0 => {
                        sink.report(
                            row.span,
                            Message::new("Nhiệm vụ chưa có cơ quan chủ trì.", "The task has no lead unit."),
                        );
                    }
                    1 => {}
                    n => {
                        let span = row.cell(table, ColumnKind::Lead).map_or(span, |c| {
                            c.spans.iter().copied().reduce(|a, b| a.cover(b)).unwrap_or(span)
                        });
                        let key = lead.split_whitespace().collect::<Vec<_>>().join(" ");
                        if let Some(&(_, first)) = shared.iter().find(|(k, _)| *k == key) {
                            let line = doc.map.line_col(&doc.text, span.start).line;
                            if let Some(d) = sink.get_mut(first) {
                                d.relate(
                                    span,
                                    Message::new(
                                        format!("cùng các cơ quan chủ trì, dòng {line}"),
                                        format!("the same lead units, line {line}"),
                                    ),
                                );
                            }
                            continue;
                        }
                        shared.push((key, sink.len()));
                        sink.report(
                            span,
                            Message::new(
                                format!("Nhiệm vụ giao {n} cơ quan cùng chủ trì (“{lead}”): mỗi việc chỉ một cơ quan chủ trì, các cơ quan khác phối hợp."),
                                format!("The task has {n} lead units (“{lead}”): one task, one lead; the others coordinate."),
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_lead_units() {
        assert_eq!(lead_units(""), 0);
        assert_eq!(lead_units("Sở Nội vụ"), 1);
        assert_eq!(lead_units("Các sở, ban, ngành"), 1);
        assert_eq!(lead_units("Các phòng, chi cục, đơn vị thuộc Sở"), 1);
        assert_eq!(lead_units("Sở Văn hóa, Thể thao và Du lịch"), 1);
        assert_eq!(lead_units("Sở Khoa học và Công nghệ"), 1);
        assert_eq!(lead_units("Văn phòng HĐND và UBND phường"), 1);
        assert_eq!(lead_units("Văn phòng HĐND&UBND phường"), 1);
        assert_eq!(lead_units("Phòng Kinh tế, Hạ tầng và Đô thị"), 1);
        assert_eq!(lead_units("Các sở, ban, ngành; UBND các xã, phường"), 2);
        assert_eq!(lead_units("Sở Nội vụ, Sở Tài chính"), 2);
        assert_eq!(lead_units("Sở Tài chính và Sở Nội vụ"), 2);
    }

    #[test]
    fn a_shared_lead_pasted_into_many_rows_is_reported_once() {
        let text = super::super::plan_with_row(
            "2\tRà soát quy chế.\tSở Nội vụ; Sở Tư pháp\t\tQuy chế\tQuý IV/2026\n\
             3\tRà soát thủ tục.\tSở Nội vụ;  Sở Tư pháp\t\tBáo cáo\tQuý IV/2026",
        );
        let found = crate::examples::run_on_text(&TaskLead::new(), &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found.first().map(|d| d.related.len()), Some(1));
    }
}
