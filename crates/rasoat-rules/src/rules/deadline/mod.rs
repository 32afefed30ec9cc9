//! `deadline/…` rules: the deadlines a plan sets (extracted facts) and the "6 rõ" of every
//! task row of its appendix tables — one lead unit, a deadline and an output (KL 226).
//!
//! - `deadline/unreadable`: deadline text that names no date, period or recurrence.
//! - `deadline/impossible-date`: a date that does not exist (31/4).
//! - `deadline/before-plan`: a deadline that falls before the plan's own date.
//! - `deadline/after-period`: a deadline after the period the plan covers ("năm 2026").
//! - `deadline/task-deadline`, `deadline/task-lead`, `deadline/task-output`: a task row without
//!   a deadline, without exactly one lead unit, or without an output.

mod after_period;
mod before_plan;
mod impossible_date;
mod task_deadline;
mod task_lead;
mod task_output;
mod unreadable;

use rasoat_doc::{ColumnKind, Date, DeadlineValue, Document, Row, RowKind, Table};

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `deadline/…` rules.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(vec![
        Box::new(unreadable::Unreadable::new()),
        Box::new(impossible_date::ImpossibleDate::new()),
        Box::new(before_plan::BeforePlan::new()),
        Box::new(after_period::AfterPeriod::new()),
        Box::new(task_deadline::TaskDeadline::new()),
        Box::new(task_lead::TaskLead::new()),
        Box::new(task_output::TaskOutput::new()),
    ])
}

/// Whether the file holds a plan (Kế hoạch): deadlines are compared with a plan's date and
/// period only; other documents quote past deadlines as history.
pub(crate) fn is_plan(doc: &Document) -> bool {
    crate::rules::target::profile::is_of_kind(doc, rasoat_doc::DocKind::KeHoach)
}

/// Whether a deadline stands in a task table (an appendix that assigns work).
pub(crate) fn in_task_table(doc: &Document, d: &rasoat_doc::Deadline) -> bool {
    let Some((ti, _)) = d.row else { return false };
    doc.part_at(d.span.start).and_then(|p| p.tables.get(ti)).is_some_and(is_task_table)
}

/// The earliest day the plan can be dated: its date, or the first day of its month or year
/// when a draft leaves the day (and month) blank.
pub(crate) fn plan_lower_bound(doc: &Document) -> Option<Date> {
    let pd = doc.main_part()?.header.place_date.as_ref()?;
    let year = pd.year.as_ref()?.value;
    let month = pd.month.as_ref().map_or(1, |m| m.value);
    let day = if pd.month.is_some() { pd.day.as_ref().map_or(1, |d| d.value) } else { 1 };
    Some(Date::new(year, month, day)).filter(Date::is_valid)
}

/// The period a plan covers, from its summary line: "năm 2026", "giai đoạn 2026 - 2030",
/// "đến năm 2030". Years that belong to a date ("ngày 11 tháng 12 năm 2025", "31/3/2026")
/// are not periods. The widest period named wins.
pub(crate) fn plan_period(doc: &Document) -> Option<(Date, Date)> {
    let summary = doc.main_part()?.header.summary?;
    let text = doc.slice(summary).to_lowercase();
    let words: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '/')).filter(|w| !w.is_empty()).collect();
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1945..=2100).contains(y) && w.len() == 4);
    let mut lo: Option<i32> = None;
    let mut hi: Option<i32> = None;
    let mut add = |a: i32, b: i32| {
        lo = Some(lo.map_or(a, |l| l.min(a)));
        hi = Some(hi.map_or(b, |h| h.max(b)));
    };
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| words.get(p)).copied().unwrap_or("");
        let next = words.get(i + 1).copied().unwrap_or("");
        if *w == "năm"
            && let Some(y) = year(next)
        {
            // "tháng 12 năm 2025" is a date; "đến năm 2030" ends a period begun by the plan.
            if prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty() {
                continue;
            }
            if prev == "đến" {
                add(doc.year().unwrap_or(y).min(y), y);
            } else {
                add(y, y);
            }
        }
        if *w == "đoạn"
            && prev == "giai"
            && let (Some(a), Some(b)) = (year(next), words.get(i + 2).and_then(|n| year(n)))
            && a <= b
        {
            add(a, b);
        }
    }
    Some((Date::new(lo?, 1, 1), Date::new(hi?, 12, 31)))
}

/// First and last day a deadline allows, when it is a date or a period.
pub(crate) fn bounds(value: &DeadlineValue) -> Option<(Date, Date)> {
    match value {
        DeadlineValue::Date { date, .. } => Some((*date, *date)),
        DeadlineValue::Range { start, end } => Some((*start, *end)),
        DeadlineValue::Recurring { .. } | DeadlineValue::Unreadable => None,
    }
}

/// The text of a cell, its pieces joined.
pub(crate) fn cell_text(doc: &Document, table: &Table, row: &Row, kind: ColumnKind) -> Option<String> {
    let cell = row.cell(table, kind)?;
    let text = cell
        .spans
        .iter()
        .map(|s| doc.slice(*s).trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(text)
}

/// Whether a table assigns tasks: it has a task column and a lead-unit column.
pub(crate) fn is_task_table(table: &Table) -> bool {
    let has = |k: ColumnKind| table.columns.iter().any(|c| c.kind == k);
    has(ColumnKind::Task) && has(ColumnKind::Lead)
}

pub(crate) fn has_column(table: &Table, kind: ColumnKind) -> bool {
    table.columns.iter().any(|c| c.kind == kind)
}

/// The task rows of a task table: not group headings, not unnumbered leftovers, and not a
/// numbered heading whose sub-tasks follow ("2" then "2.1") with all its other cells empty.
pub(crate) fn task_rows<'t>(doc: &'t Document, table: &'t Table) -> impl Iterator<Item = &'t Row> + 't {
    let has_number = has_column(table, ColumnKind::Number);
    table.rows.iter().enumerate().filter_map(move |(i, row)| {
        if row.kind != RowKind::Task {
            return None;
        }
        let number = cell_text(doc, table, row, ColumnKind::Number).unwrap_or_default();
        if has_number && number.is_empty() {
            return None;
        }
        let empty = |k| cell_text(doc, table, row, k).is_none_or(|t| t.is_empty());
        let bare = empty(ColumnKind::Lead) && empty(ColumnKind::Deadline) && empty(ColumnKind::Output);
        if bare && !number.is_empty() {
            let next = table.rows.get(i + 1).and_then(|n| cell_text(doc, table, n, ColumnKind::Number));
            let prefix = format!("{}.", number.trim_end_matches('.'));
            if next.is_some_and(|n| n.starts_with(&prefix)) {
                return None;
            }
        }
        Some(row)
    })
}

/// Every task table of the document, in order.
pub(crate) fn task_tables(doc: &Document) -> impl Iterator<Item = &Table> {
    doc.parts.iter().flat_map(|p| p.tables.iter()).filter(|t| is_task_table(t))
}

/// A small plan with an appendix task table, for examples; `{row}` is replaced by a row.
pub(crate) fn plan_with_row(row: &str) -> String {
    format!(
        "Số: 12/KH-UBND\n\nHải An, ngày 08 tháng 5 năm 2026\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2026\n\n\
I. NHIỆM VỤ\n\n1. Thực hiện các nhiệm vụ tại Phụ lục kèm theo.\n\n\
PHỤ LỤC\n\nTT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời hạn\n\
1\tBan hành kế hoạch tuyên truyền.\tPhòng Văn hóa - Xã hội\tCác cơ quan liên quan\tKế hoạch\tQuý III/2026\n\
{row}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_from_summary() {
        let doc = rasoat_doc::parse_str(&plan_with_row(
            "2\tTổ chức hội nghị.\tPhòng Văn hóa - Xã hội\t\tHội nghị\tQuý IV/2026",
        ));
        if doc.main_part().is_some_and(|p| p.header.summary.is_some()) {
            assert_eq!(plan_period(&doc), Some((Date::new(2026, 1, 1), Date::new(2026, 12, 31))));
        }
    }

    #[test]
    fn dates_in_a_summary_are_not_periods() {
        let text = "KẾ HOẠCH\n\nThực hiện Kết luận số 226-KL/TW ngày 11 tháng 12 năm 2025 của Ban Bí thư\n\nI. MỤC ĐÍCH\n";
        let doc = rasoat_doc::parse_str(text);
        assert_eq!(plan_period(&doc), None);
    }
}
