//! Deadlines: in body text after a trigger ("trước ngày …", "hoàn thành trong …", "thời gian
//! thực hiện: …") and in appendix deadline cells, where every non-empty cell is a deadline.
//!
//! Readings (documented choices):
//! - "trước `<period>`" is a `Date { before: true }` at the period's *first* day ("trước tháng
//!   6/2026" → before 1/6/2026); "đến hết/đến cuối/chậm nhất `<period>`" and "đến cuối 2026" are
//!   `Date { before: true }` at its *last* day; a bare day ("15/01/2026") is `before: false`.
//! - Quý, tháng, năm, "6 tháng đầu/cuối năm", "2026-2030" and "từ A đến B" are `Range`s.
//! - A cell naming a recurrence ("Hằng năm, bắt đầu từ 2026", "Thường xuyên từ 2026") is
//!   `Recurring`: the specific period (năm/quý/tháng/tuần) wins over "định kỳ" and "thường xuyên".
//! - A missing year is the document's; with no year known the phrase is unreadable (cells) or
//!   skipped (body). Impossible dates (31/4/2026) are kept as dates for a rule to flag.

use nom::{
    IResult, Parser,
    branch::alt,
    character::complete::{char, one_of},
    combinator::opt,
    multi::many0,
    sequence::preceded,
};

use std::sync::LazyLock;

use crate::model::{Date, Deadline, DeadlineValue, Recurrence};

use super::numbers::{DayMonth, date, kw, small_or_roman, ws, year};
use super::text::{Src, Triggers, any_phrase_at, clause, first_phrase, phrase_at, word_starts, ws_len};

/// A period as written, before the document's year fills a gap.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Raw {
    Day(DayMonth),
    Quarters(u32, u32, Option<i32>),
    Months(u32, u32, Option<i32>),
    /// "6 tháng đầu năm": the first n months.
    FirstMonths(u32, Option<i32>),
    /// "6 tháng cuối năm": the last n months.
    LastMonths(u32, Option<i32>),
    Years(i32, i32),
}

fn month_start(y: i32, m: u32) -> Date {
    Date::new(y, u8::try_from(m).unwrap_or(0), 1)
}

fn month_end(y: i32, m: u32) -> Date {
    let m8 = u8::try_from(m).unwrap_or(0);
    Date::new(y, m8, Date::days_in_month(y, m8))
}

impl Raw {
    /// First and last day, with `year` for a period written without one.
    fn bounds(self, doc_year: Option<i32>) -> Option<(Date, Date)> {
        Some(match self {
            Raw::Day(dm) => {
                let d = Date::new(dm.year.or(doc_year)?, dm.month, dm.day);
                (d, d)
            }
            Raw::Quarters(a, b, y) => {
                let y = y.or(doc_year)?;
                if !(1..=4).contains(&a) || !(1..=4).contains(&b) || b < a {
                    return None;
                }
                (month_start(y, a * 3 - 2), month_end(y, b * 3))
            }
            Raw::Months(a, b, y) => {
                let y = y.or(doc_year)?;
                // An impossible month is kept (as an invalid date) for a rule to flag.
                (month_start(y, a), month_end(y, b.max(a)))
            }
            Raw::FirstMonths(n, y) => {
                let y = y.or(doc_year)?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                (month_start(y, 1), month_end(y, n))
            }
            Raw::LastMonths(n, y) => {
                let y = y.or(doc_year)?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                (month_start(y, 13 - n), month_end(y, 12))
            }
            Raw::Years(a, b) => (Date::new(a, 1, 1), Date::new(b.max(a), 12, 31)),
        })
    }
}

/// "/2026", "/ 2026", " năm 2026", ", năm 2026", " 2026".
fn year_suffix(s: &str) -> IResult<&str, i32> {
    alt((
        preceded((ws, one_of("/-"), ws), year),
        preceded((ws, opt(char(',')), ws, kw("năm"), ws), year),
        preceded(ws, year),
    ))
    .parse(s)
}

/// "I, II", "III - IV", "5 và 6", "5, 6": a first and last element.
fn list(s: &str) -> IResult<&str, (u32, u32)> {
    let sep = (ws, alt((kw(","), kw("-"), kw("–"), kw("và"), kw("đến"))), ws);
    let (rest, first) = small_or_roman(s)?;
    let (rest, more) = many0(preceded(sep, small_or_roman)).parse(rest)?;
    Ok((rest, (first, more.last().copied().unwrap_or(first))))
}

fn quarters(s: &str) -> IResult<&str, Raw> {
    let (rest, (_, _, (a, b), y)) = (kw("quý"), ws, list, opt(year_suffix)).parse(s)?;
    Ok((rest, Raw::Quarters(a, b, y)))
}

fn months(s: &str) -> IResult<&str, Raw> {
    let (rest, (_, _, (a, b), y)) = (kw("tháng"), ws, list, opt(year_suffix)).parse(s)?;
    Ok((rest, Raw::Months(a, b, y)))
}

fn part_of_year(s: &str) -> IResult<&str, Raw> {
    let (rest, (n, _, _, _, first, y)) = (
        small_or_roman,
        ws,
        kw("tháng"),
        ws,
        alt((kw("đầu năm").map(|_| true), kw("cuối năm").map(|_| false))),
        opt(preceded(ws, year)),
    )
        .parse(s)?;
    Ok((rest, if first { Raw::FirstMonths(n, y) } else { Raw::LastMonths(n, y) }))
}

fn years(s: &str) -> IResult<&str, Raw> {
    let to = (ws, alt((kw("-"), kw("–"), kw("đến"))), ws, opt((kw("năm"), ws)));
    let (rest, (_, a, b)) = (opt((kw("năm"), ws)), year, opt(preceded(to, year))).parse(s)?;
    Ok((rest, Raw::Years(a, b.unwrap_or(a))))
}

fn day(s: &str) -> IResult<&str, Raw> {
    preceded(opt((kw("ngày"), ws)), date).map(Raw::Day).parse(s)
}

fn raw(s: &str) -> IResult<&str, Raw> {
    alt((quarters, months, part_of_year, day, years)).parse(s)
}

/// How a leading word turns a period into a value.
#[derive(Clone, Copy)]
enum Lead {
    Plain,
    Before,
    ByEnd,
    From,
}

const LEADS: &[(&str, Lead)] = &[
    ("hoàn thành trước", Lead::Before),
    ("chậm nhất trước", Lead::Before),
    ("trước", Lead::Before),
    ("đến hết", Lead::ByEnd),
    ("đến cuối", Lead::ByEnd),
    ("chậm nhất là", Lead::ByEnd),
    ("chậm nhất vào", Lead::ByEnd),
    ("chậm nhất", Lead::ByEnd),
    ("hoàn thành chậm nhất", Lead::ByEnd),
    ("cuối", Lead::ByEnd),
    ("đến", Lead::ByEnd),
    ("hoàn thành trong", Lead::Plain),
    ("hoàn thành vào", Lead::Plain),
    ("hoàn thành", Lead::Plain),
    ("trong cả", Lead::Plain),
    ("trong", Lead::Plain),
    ("cả", Lead::Plain),
    ("vào", Lead::Plain),
    ("giai đoạn", Lead::Plain),
    ("từ", Lead::From),
];

/// A deadline at the start of `s`: `(bytes, value)`.
fn period(s: &str, doc_year: Option<i32>) -> Option<(usize, DeadlineValue)> {
    let (lead, body_at) = match first_phrase(s, LEADS) {
        Some((lead, n)) => (lead, n + ws_len(s.get(n..)?)),
        None => (Lead::Plain, 0),
    };
    let body = s.get(body_at..)?;
    let (rest, first) = raw(body).ok()?;
    let (first_start, first_end) = first.bounds(doc_year)?;
    let mut rest = rest;
    let value = match lead {
        Lead::Plain => {
            // "Tháng 01/2026 đến tháng 5/2026": a range without "từ".
            let to = (ws, alt((kw("đến"), kw("-"), kw("–"))), ws, opt((kw("hết"), ws)));
            match preceded(to, raw).parse(rest) {
                Ok((r, second)) if !matches!(first, Raw::Years(..)) => {
                    let (_, end) = second.bounds(doc_year)?;
                    rest = r;
                    DeadlineValue::Range { start: first_start, end }
                }
                _ => plain(first, first_start, first_end),
            }
        }
        Lead::Before => DeadlineValue::Date { date: first_start, before: true },
        Lead::ByEnd => DeadlineValue::Date { date: first_end, before: true },
        Lead::From => {
            let to = (ws, alt((kw("đến"), kw("-"), kw("–"))), ws, opt((kw("hết"), ws)));
            let (r, second) = preceded(to, raw).parse(rest).ok()?;
            let (_, end) = second.bounds(doc_year)?;
            rest = r;
            DeadlineValue::Range { start: first_start, end }
        }
    };
    Some((s.len() - rest.len(), value))
}

fn plain(raw: Raw, start: Date, end: Date) -> DeadlineValue {
    match raw {
        Raw::Day(_) => DeadlineValue::Date { date: start, before: false },
        _ => DeadlineValue::Range { start, end },
    }
}

const RECURRENCES: &[(&str, Recurrence)] = &[
    ("hằng năm", Recurrence::Yearly),
    ("hàng năm", Recurrence::Yearly),
    ("mỗi năm", Recurrence::Yearly),
    ("hằng quý", Recurrence::Quarterly),
    ("hàng quý", Recurrence::Quarterly),
    ("mỗi quý", Recurrence::Quarterly),
    ("hằng tháng", Recurrence::Monthly),
    ("hàng tháng", Recurrence::Monthly),
    ("mỗi tháng", Recurrence::Monthly),
    ("hằng tuần", Recurrence::Weekly),
    ("hàng tuần", Recurrence::Weekly),
    ("mỗi tuần", Recurrence::Weekly),
    ("thường xuyên", Recurrence::Continuous),
    ("liên tục", Recurrence::Continuous),
    ("hằng ngày", Recurrence::Continuous),
    ("hàng ngày", Recurrence::Continuous),
    ("định kỳ", Recurrence::Periodic),
];

fn rank(r: Recurrence) -> u8 {
    match r {
        Recurrence::Periodic => 0,
        Recurrence::Continuous => 1,
        _ => 2,
    }
}

/// The most specific recurrence named in `s`, with its start and end.
fn recurrence(s: &str) -> Option<(usize, usize, Recurrence)> {
    let mut best: Option<(usize, usize, Recurrence)> = None;
    for ws in word_starts(s) {
        let Some(slice) = s.get(ws..) else { continue };
        if !slice.starts_with(['h', 'H', 'm', 'M', 't', 'T', 'l', 'L', 'đ', 'Đ']) {
            continue;
        }
        if let Some((r, n)) = first_phrase(slice, RECURRENCES)
            && best.is_none_or(|b| rank(r) > rank(b.2))
        {
            best = Some((ws, ws + n, r));
        }
    }
    best
}

/// The deadline in an appendix deadline cell; `None` for an empty cell.
pub fn cell(src: &Src, doc_year: Option<i32>, row: (usize, usize)) -> Option<Deadline> {
    let text = src.text();
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start >= end {
        return None;
    }
    let span = src.head(start, end);
    let value = if let Some((_, _, every)) = recurrence(text) {
        DeadlineValue::Recurring { every }
    } else {
        word_starts(text)
            .filter(|&ws| !after_document_number(text, ws))
            .find_map(|ws| period(text.get(ws..)?, doc_year))
            .map_or(DeadlineValue::Unreadable, |(_, v)| v)
    };
    Some(Deadline { span, value, row: Some(row) })
}

/// True when the word at `ws` follows a document number ("310/KH-UBND ngày 24/11/2025"): that
/// date is a citation's, not a deadline.
fn after_document_number(text: &str, ws: usize) -> bool {
    let mut before = text.get(..ws).unwrap_or("").trim_end();
    if let Some(p) = super::text::phrase_before(before, "ngày") {
        before = before.get(..p).unwrap_or("").trim_end();
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    word.contains('/') && word.contains(|c: char| c.is_ascii_digit())
}

/// Phrases that announce a deadline in running text.
const TRIGGERS: &[&str] = &[
    "trước ngày",
    "trước",
    "chậm nhất",
    "hoàn thành trong",
    "hoàn thành trước",
    "hoàn thành chậm nhất",
    "hoàn thành vào",
    "hoàn thành xong trong",
    "hoàn thành xong trước",
];

/// Labels followed by a deadline value ("Thời gian thực hiện: Quý II/2026").
const LABELS: &[&str] =
    &["thời gian thực hiện", "thời gian hoàn thành", "thời hạn hoàn thành", "thời hạn thực hiện", "thời hạn"];

/// First words of [`TRIGGERS`] and [`LABELS`], searched for before anything is parsed.
pub(crate) static BODY_TRIGGERS: LazyLock<Triggers> =
    LazyLock::new(|| Triggers::new(&["trước", "chậm nhất", "hoàn thành", "thời gian", "thời hạn"]));

/// Deadlines stated in running text, in order. `row` is left `None`.
pub fn body(src: &Src, doc_year: Option<i32>) -> Vec<Deadline> {
    let text = src.text();
    let mut out = Vec::new();
    let mut skip_to = 0;
    let starts = match src.hits_in(|h| &h.deadline) {
        Some(hits) => hits.filter(|&i| super::text::at_word_start(text, i)).collect(),
        None => BODY_TRIGGERS.find(text),
    };
    for ws in starts {
        if ws < skip_to {
            continue;
        }
        let Some(slice) = text.get(ws..) else { continue };
        if let Some((_, n)) = any_phrase_at(slice, LABELS) {
            let after = slice.get(n..).unwrap_or("");
            let colon = after.trim_start();
            let Some(value_text) = colon.strip_prefix(':') else { continue };
            let value_at = ws + n + (after.len() - colon.len()) + 1 + ws_len(value_text);
            let (_, ce) = clause(text, value_at, value_at);
            let clause_text = text.get(value_at..ce).unwrap_or("");
            let value = if let Some((_, e, every)) = recurrence(clause_text) {
                Some((e, DeadlineValue::Recurring { every }))
            } else {
                period(clause_text, doc_year)
            };
            if let Some((len, value)) = value {
                let end = value_at + len;
                out.push(Deadline { span: src.span(ws, end), value, row: None });
                skip_to = end;
            }
            continue;
        }
        let Some((i, _)) = any_phrase_at(slice, TRIGGERS) else { continue };
        // "trước" alone must be followed by a date or a period word ("trước đây" is no deadline).
        if TRIGGERS.get(i) == Some(&"trước") && !is_dated(slice) {
            continue;
        }
        // "đã nghỉ hưu trước 01/7/2025", "được cấp trước ngày …": a condition on the past, not
        // a deadline.
        if matches!(TRIGGERS.get(i), Some(&"trước" | &"trước ngày"))
            && states_the_past(text.get(..ws).unwrap_or(""))
        {
            continue;
        }
        let lead_free = phrase_at(slice, "hoàn thành xong").map_or(slice, |n| {
            // "hoàn thành xong trước" reads as "hoàn thành trước".
            let rest = slice.get(n..).unwrap_or("");
            rest.trim_start()
        });
        let Some((len, value)) = period(lead_free, doc_year) else { continue };
        let consumed = slice.len() - lead_free.len() + len;
        out.push(Deadline { span: src.span(ws, ws + consumed), value, row: None });
        skip_to = ws + consumed;
    }
    out
}

/// Words that, among the three before "trước", make it a condition on the past.
/// ("được" and "cấp" are left out: "được tiến hành trước ngày …" and "gửi cấp xã trước ngày …"
/// are deadlines.)
const PAST: &[&str] = &["đã", "hưu", "trần", "kể", "sinh"];

fn states_the_past(before: &str) -> bool {
    let (cs, _) = clause(before, before.len(), before.len());
    let local = before.get(cs..).unwrap_or("");
    local
        .rsplit(|c: char| !super::text::is_word(c))
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| PAST.iter().any(|p| w.len() == p.len() && phrase_at(w, p).is_some()))
}

/// "trước" followed by "ngày", a numeric date, "tháng" or "quý".
fn is_dated(slice: &str) -> bool {
    let Some(n) = phrase_at(slice, "trước") else { return false };
    let rest = slice.get(n..).unwrap_or("").trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
        || phrase_at(rest, "ngày").is_some()
        || phrase_at(rest, "tháng").is_some()
        || phrase_at(rest, "quý").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const Y: Option<i32> = Some(2026);

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day)
    }

    fn cell_value(text: &str) -> Option<DeadlineValue> {
        cell(&Src::new(text, 0), Y, (0, 0)).map(|d| d.value)
    }

    fn range(a: Date, b: Date) -> Option<DeadlineValue> {
        Some(DeadlineValue::Range { start: a, end: b })
    }

    #[test]
    fn cells_from_the_seeds() {
        let before = |date| Some(DeadlineValue::Date { date, before: true });
        assert_eq!(cell_value("Trước 10/5/2026"), before(d(2026, 5, 10)));
        assert_eq!(cell_value("Trước ngày 15/01/2026"), before(d(2026, 1, 15)));
        assert_eq!(cell_value("Quý IV/2026"), range(d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("Quý IV/ 2026"), range(d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("Quý II năm 2026"), range(d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(cell_value("Quý I năm 2026"), range(d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(cell_value("Quý III, IV/2026"), range(d(2026, 7, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("Tháng 5/2026"), range(d(2026, 5, 1), d(2026, 5, 31)));
        assert_eq!(cell_value("Tháng 11/2026"), range(d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(cell_value("Năm 2026"), range(d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("Cả năm 2026"), range(d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("6 tháng đầu năm 2026"), range(d(2026, 1, 1), d(2026, 6, 30)));
        assert_eq!(cell_value("Đến cuối 2026"), before(d(2026, 12, 31)));
        assert_eq!(cell_value("Từ tháng 5/2026 đến tháng 12/2026"), range(d(2026, 5, 1), d(2026, 12, 31)));
        assert_eq!(cell_value("2026 - 2030"), range(d(2026, 1, 1), d(2030, 12, 31)));
        assert_eq!(cell_value("Tháng 01/2026 đến tháng 5/2026"), range(d(2026, 1, 1), d(2026, 5, 31)));
        assert_eq!(
            cell_value("Theo Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố"),
            Some(DeadlineValue::Unreadable)
        );
        let rec = |every| Some(DeadlineValue::Recurring { every });
        assert_eq!(cell_value("Hằng năm, bắt đầu từ 2026"), rec(Recurrence::Yearly));
        assert_eq!(cell_value("Hàng năm, từ năm 2026"), rec(Recurrence::Yearly));
        assert_eq!(cell_value("Thường xuyên"), rec(Recurrence::Continuous));
        assert_eq!(cell_value("Thường xuyên, từ năm 2026"), rec(Recurrence::Continuous));
        assert_eq!(cell_value("Từ 2026 và thường xuyên"), rec(Recurrence::Continuous));
        assert_eq!(cell_value("Định kỳ hằng quý"), rec(Recurrence::Quarterly));
        assert_eq!(cell_value("Định kỳ hằng năm"), rec(Recurrence::Yearly));
        assert_eq!(cell_value("Theo yêu cầu của Sở Nội vụ"), Some(DeadlineValue::Unreadable));
        assert_eq!(cell_value("  \n "), None);
    }

    #[test]
    fn impossible_dates_are_kept() {
        let Some(DeadlineValue::Date { date, .. }) = cell_value("Trước 31/4/2026") else {
            panic!("no date")
        };
        assert_eq!(date, d(2026, 4, 31));
        assert!(!date.is_valid());
    }

    #[test]
    fn missing_year_uses_the_document_year() {
        let v = cell(&Src::new("Trước 30/6", 10), None, (1, 2));
        assert_eq!(v.map(|d| d.value), Some(DeadlineValue::Unreadable));
        let Some(v) = cell(&Src::new("Trước 30/6", 10), Y, (1, 2)) else { panic!() };
        assert_eq!(v.value, DeadlineValue::Date { date: d(2026, 6, 30), before: true });
        assert_eq!((v.span.start, v.span.end, v.row), (10, 10 + "Trước 30/6".len(), Some((1, 2))));
    }

    fn body_values(text: &str) -> Vec<(String, DeadlineValue)> {
        body(&Src::new(text, 0), Y).into_iter().map(|d| (d.span.text(text).to_string(), d.value)).collect()
    }

    #[test]
    fn body_deadlines_need_a_trigger() {
        let text = "Định kỳ 6 tháng (trước ngày 10 tháng 6), hằng năm (trước ngày 10 tháng 12) tổng hợp";
        let v = body_values(text);
        assert_eq!(
            v,
            vec![
                ("trước ngày 10 tháng 6".into(), DeadlineValue::Date { date: d(2026, 6, 10), before: true }),
                (
                    "trước ngày 10 tháng 12".into(),
                    DeadlineValue::Date { date: d(2026, 12, 10), before: true }
                ),
            ]
        );
        let v = body_values("khẩn trương ban hành Kế hoạch; hoàn thành trong tháng 5 năm 2026.");
        assert_eq!(
            v,
            vec![(
                "hoàn thành trong tháng 5 năm 2026".into(),
                range(d(2026, 5, 1), d(2026, 5, 31)).unwrap_or(DeadlineValue::Unreadable)
            )]
        );
        let v = body_values("Thời gian thực hiện: Quý II/2026.");
        assert_eq!(v.len(), 1);
        assert_eq!(v.first().map(|x| x.1.clone()), range(d(2026, 4, 1), d(2026, 6, 30)));
        // No trigger: citation dates, "trước đây", "hằng năm" in prose.
        assert!(body_values("Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng").is_empty());
        assert!(body_values("như trước đây, khen thưởng hằng năm").is_empty());
        assert!(body_values("chức danh đã nghỉ hưu trước 01/7/2025").is_empty());
        assert!(body_values("giấy phép đã cấp trước ngày 01/01/2025").is_empty());
        assert_eq!(body_values("đánh giá được tiến hành trước ngày 15 tháng 12").len(), 1);
        assert_eq!(body_values("gửi báo cáo về Sở Nội vụ trước ngày 15/12/2026").len(), 1);
    }
}
