//! `format/place-date`: the `Hải An, ngày 05 tháng 01 năm 2026` line.

use std::sync::LazyLock;

use rasoat_doc::{Date, Document, Part, PlaceDate, Span};
use regex::Regex;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct PlaceDateRule {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| RuleDocs {
    summary: Message::new(
        "Dòng địa danh, ngày tháng: viết \"ngày … tháng … năm …\"; ngày nhỏ hơn 10 và tháng 1, 2 có số 0 phía trước; ngày tháng phải có thật.",
        "The place-and-date line: written \"ngày … tháng … năm …\"; days below 10 and months 1 and 2 take a leading zero; the date must exist.",
    ),
    why: Message::new(
        "Ngày tháng viết đúng thể thức tránh bị sửa chữa, thêm số (\"ngày 1\" thành \"ngày 11\"); ngày không có thật làm văn bản không xác định được thời điểm ban hành.",
        "The leading zero prevents a date from being altered (\"1\" into \"11\"); an impossible date leaves the issue date undefined.",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4 (địa danh và thời gian ban hành văn bản)"
        .into(),
    examples: vec![
        Example {
            bad: "Số: 12/KH-UBND\n\nHải An, ngày 5 tháng 1 năm 2026\n\nKẾ HOẠCH\n".into(),
            good: "Số: 12/KH-UBND\n\nHải An, ngày 05 tháng 01 năm 2026\n\nKẾ HOẠCH\n".into(),
        },
        Example {
            bad: "Số: 12/KH-UBND\n\nHải An, 05/5/2026\n\nKẾ HOẠCH\n".into(),
            good: "Số: 12/KH-UBND\n\nHải An, ngày 05 tháng 5 năm 2026\n\nKẾ HOẠCH\n".into(),
        },
        Example {
            bad: "Số: 12/KH-UBND\n\nHải An, ngày 31 tháng 4 năm 2026\n\nKẾ HOẠCH\n".into(),
            good: "Số: 12/KH-UBND\n\nHải An, ngày 30 tháng 4 năm 2026\n\nKẾ HOẠCH\n".into(),
        },
    ],
    source: "built-in".into(),
});

/// A place-and-date line written with slashes or dashes ("Hải An, 05/5/2026"), which the
/// parser does not take for one: the decree wants "ngày … tháng … năm …".
///
/// The place is at most 60 characters after its capital ([`MAX_PLACE`]): checked in code,
/// because `[^,\d\n]{0,60}` (sixty copies of a negated Unicode class) took ~15 ms to compile.
/// The pattern is anchored and the place runs up to the first comma, so the match is the same.
static NUMERIC: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^\s*([\p{Lu}][^,\d\n]*),\s*(?:ngày\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*\.?\s*$",
    )
    .ok()
});

/// Characters of a place name after its first.
const MAX_PLACE: usize = 60;

/// The header lines of a part: from its start to its type line (or its first dozen lines).
fn header_lines(doc: &Document, part: &Part) -> Vec<Span> {
    let end = part.header.doc_type.as_ref().map_or(part.span.end, |t| t.span.start);
    let first = doc.lines.partition_point(|l| l.end < part.span.start);
    doc.lines.get(first..).unwrap_or(&[]).iter().copied().take_while(|l| l.start < end).take(16).collect()
}

impl PlaceDateRule {
    fn check_numeric(&self, doc: &Document, part: &Part, sink: &mut Sink) {
        let Some(re) = NUMERIC.as_ref() else { return };
        for line in header_lines(doc, part) {
            let Some(c) = re.captures(doc.slice(line)) else { continue };
            if c.get(1).is_none_or(|p| p.as_str().chars().count() > MAX_PLACE + 1) {
                continue;
            }
            let get = |i: usize| c.get(i).map_or("", |m| m.as_str());
            let (place, d, m, y) = (get(1).trim(), get(2), get(3), get(4));
            let pad = |v: &str, pad: bool| if pad && v.len() == 1 { format!("0{v}") } else { v.to_string() };
            let month_pad = matches!(m.trim_start_matches('0'), "1" | "2");
            let fixed = format!(
                "{place}, ngày {} tháng {} năm {y}",
                pad(d, true),
                pad(m.trim_start_matches('0'), month_pad)
            );
            sink.report(
                line,
                Message::new(
                    format!("Ngày tháng ban hành viết đủ chữ \"ngày … tháng … năm …\": \"{fixed}\"."),
                    format!("The date of issue is written \"ngày … tháng … năm …\": \"{fixed}\"."),
                ),
            )
            .suggest(fixed, false);
            return;
        }
    }

    pub fn new() -> Self {
        PlaceDateRule { docs: DOCS.clone() }
    }

    fn check_line(&self, doc: &Document, pd: &PlaceDate, sink: &mut Sink) {
        if let Some(day) = &pd.day {
            let text = doc.slice(day.span);
            if (1..10).contains(&day.value) && text.len() == 1 {
                sink.report(
                    day.span,
                    Message::new(
                        format!("Ngày nhỏ hơn 10 phải có số 0 phía trước: \"ngày 0{text}\"."),
                        format!("A day below 10 takes a leading zero: \"ngày 0{text}\"."),
                    ),
                )
                .suggest(format!("0{text}"), false);
            }
        }
        if let Some(month) = &pd.month {
            let text = doc.slice(month.span);
            if (1..=2).contains(&month.value) && text.len() == 1 {
                sink.report(
                    month.span,
                    Message::new(
                        format!("Tháng 1 và tháng 2 phải có số 0 phía trước: \"tháng 0{text}\"."),
                        format!("Months 1 and 2 take a leading zero: \"tháng 0{text}\"."),
                    ),
                )
                .suggest(format!("0{text}"), false);
            }
            if !(1..=12).contains(&month.value) {
                sink.report(
                    month.span,
                    Message::new(
                        format!("Không có tháng {}.", month.value),
                        format!("There is no month {}.", month.value),
                    ),
                );
            }
        }
        if let (Some(day), Some(month), Some(year)) = (&pd.day, &pd.month, &pd.year)
            && (1..=12).contains(&month.value)
            && !Date::new(year.value, month.value, day.value).is_valid()
        {
            sink.report(
                day.span.cover(year.span),
                Message::new(
                    format!("Ngày {}/{}/{} không có thật.", day.value, month.value, year.value),
                    format!("The date {}/{}/{} does not exist.", day.value, month.value, year.value),
                ),
            );
        }
        if pd.place.is_none() {
            sink.report_with(
                pd.span,
                Message::new(
                    "Thiếu địa danh trước ngày tháng ban hành (\"Hải An, ngày … tháng … năm …\").",
                    "The place name is missing before the date (\"Hải An, ngày … tháng … năm …\").",
                ),
                Severity::Warning,
            );
        }
    }
}

impl Default for PlaceDateRule {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for PlaceDateRule {
    fn id(&self) -> &str {
        "format/place-date"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for part in &doc.parts {
            match &part.header.place_date {
                Some(pd) => self.check_line(doc, pd, sink),
                None => self.check_numeric(doc, part, sink),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn run(date_line: &str) -> Vec<(String, Vec<String>)> {
        let text = format!("Số: 12/KH-UBND\n\n{date_line}\n\nKẾ HOẠCH\n\nVề việc X\n");
        run_on_text(&PlaceDateRule::new(), &text)
            .into_iter()
            .map(|d| (d.message.vi, d.suggestions.into_iter().map(|s| s.replacement).collect()))
            .collect()
    }

    #[test]
    fn drafts_leave_day_blank() {
        assert!(run("Hải An, ngày tháng 5 năm 2026").is_empty());
        assert!(run("Hải An, ngày     tháng 01 năm 2026").is_empty());
        assert!(run("Hà Nội, ngày 19 tháng 11 năm 2025").is_empty());
    }

    #[test]
    fn leading_zeros() {
        let f = run("Hải An, ngày 5 tháng 2 năm 2026");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].1, vec!["05".to_string()]);
        assert_eq!(f[1].1, vec!["02".to_string()]);
        // Months from 3 on take no zero, and a written zero there is tolerated.
        assert!(run("Hải An, ngày 15 tháng 5 năm 2026").is_empty());
    }

    #[test]
    fn numeric_date_line() {
        let f = run("Hải An, 05/5/2026");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["Hải An, ngày 05 tháng 5 năm 2026".to_string()]);
        assert_eq!(run("Hà Nội, 3/1/2026")[0].1, vec!["Hà Nội, ngày 03 tháng 01 năm 2026".to_string()]);
    }

    #[test]
    fn place_length_is_bounded_as_before() {
        let place = |n: usize| format!("Hải {}, 05/5/2026", "a".repeat(n));
        // "Hải " plus n letters: 4 + n characters after the capital "H" counts 3 + n.
        assert_eq!(run(&place(57)).len(), 1);
        assert!(run(&place(58)).is_empty());
    }

    #[test]
    fn impossible_date() {
        assert_eq!(run("Hải An, ngày 30 tháng 02 năm 2026").len(), 1);
        assert!(run("Hải An, ngày 29 tháng 02 năm 2028").is_empty());
    }
}
