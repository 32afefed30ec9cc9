//! Durations in days: "không quá 1/2 ngày", "1,5 ngày", "nửa ngày", "01 ngày", "một buổi".
//!
//! A number (or number word) followed by "ngày" or "buổi" (half a day) is a duration, unless the
//! "ngày" starts a date ("ngày 10 tháng 6": the number comes after, not before). The comparator
//! is read as for targets; none means the duration is stated exactly (`None`).

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::model::Duration;

use super::numbers::quantity;
use super::targets::{comparator_after, comparator_before};
use super::text::{Src, clause, is_word, phrase_before};

/// Number words that may stand before "ngày"/"buổi".
/// ("năm" is left out: "hằng năm ngày 15/12" is a year, not five days.)
const WORDS: &[(&str, f64)] = &[("nửa", 0.5), ("một", 1.0), ("hai", 2.0), ("ba", 3.0), ("bốn", 4.0)];

static NGAY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("ngày".as_bytes()));
static BUOI: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("buổi".as_bytes()));

/// Offsets of "ngày" and "buổi" in `text`, in order. ("Ngày" capitalised never follows a
/// quantity, so the lower-case forms suffice.)
pub(crate) fn unit_hits(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let ngay: Vec<usize> = NGAY.find_iter(b).collect();
    let mut buoi = BUOI.find_iter(b).peekable();
    if buoi.peek().is_none() {
        return ngay;
    }
    // Both searches report in order: merged, not sorted.
    let mut all = Vec::with_capacity(ngay.len() + 16);
    for p in ngay {
        while let Some(q) = buoi.next_if(|&q| q < p) {
            all.push(q);
        }
        all.push(p);
    }
    all.extend(buoi);
    all
}

/// The unit word at `p`: `(p, its length, days per unit)`.
fn unit_at(text: &str, p: usize) -> Option<(usize, usize, f64)> {
    let rest = text.get(p..)?;
    if rest.starts_with("ngày") {
        Some((p, "ngày".len(), 1.0))
    } else if rest.starts_with("buổi") {
        Some((p, "buổi".len(), 0.5))
    } else {
        None
    }
}

/// All durations in `src`, in order.
pub fn durations(src: &Src) -> Vec<Duration> {
    let text = src.text();
    let mut out = Vec::new();
    let all = match src.hits_in(|h| &h.day_units) {
        Some(hits) => hits.filter_map(|p| unit_at(text, p)).collect(),
        None => unit_hits(text).into_iter().filter_map(|p| unit_at(text, p)).collect::<Vec<_>>(),
    };
    for (pos, len, per_unit) in all {
        let unit_end = pos + len;
        // Word boundaries around the unit word.
        let after = text.get(unit_end..).unwrap_or("");
        if after.chars().next().is_some_and(is_word) {
            continue;
        }
        // "ngày 10 tháng 6", "ngày 31/3": the "ngày" starts a date.
        if after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(before) = text.get(..pos) else { continue };
        let Some((ns, amount)) = amount_before(before) else { continue };
        let (cs, _) = clause(text, ns, unit_end);
        let (cmp, cmp_start) = comparator_before(text.get(cs..ns).unwrap_or(""));
        let mut comparator = cmp;
        let mut end = unit_end;
        if let Some((c, n)) = comparator_after(text.get(unit_end..).unwrap_or("")) {
            comparator.get_or_insert(c);
            end += n;
        }
        // "3 buổi tiếng Anh/tuần" counts sessions; a half-day "buổi" needs a limit word.
        if per_unit < 1.0 && comparator.is_none() {
            continue;
        }
        let start = cmp_start.map_or(ns, |p| cs + p);
        let (cs, ce) = clause(text, start, end);
        out.push(Duration {
            span: src.span(start, end),
            days: amount * per_unit,
            comparator,
            clause: src.cover(cs, ce),
        });
    }
    out
}

/// The amount just before a unit word: `(start, value)`. `before` ends right before the unit.
fn amount_before(before: &str) -> Option<(usize, f64)> {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None; // "123ngày": not a separate word.
    }
    // Every number word ends in a, t, i or n: in any case, the text's last byte must be one of
    // them for a word to end it (most units follow a digit or another word).
    let may_end_word =
        matches!(trimmed.as_bytes().last(), Some(b'a' | b't' | b'i' | b'n' | b'A' | b'T' | b'I' | b'N'));
    if may_end_word {
        for &(word, value) in WORDS {
            if let Some(p) = phrase_before(trimmed, word) {
                return Some((p, value));
            }
        }
    }
    // Digits, "1,5", "1/2": scan back over the number's characters.
    let b = trimmed.as_bytes();
    let mut s = trimmed.len();
    while s > 0 && b.get(s - 1).is_some_and(|c| c.is_ascii_digit() || matches!(c, b',' | b'.' | b'/')) {
        s -= 1;
    }
    while s < trimmed.len() && b.get(s).is_some_and(|c| !c.is_ascii_digit()) {
        s += 1;
    }
    let num = trimmed.get(s..)?;
    if num.is_empty() {
        return None;
    }
    let prev = trimmed.get(..s).and_then(|p| p.chars().next_back());
    if prev.is_some_and(|c| is_word(c) || c == '-') {
        return None;
    }
    let (rest, value) = quantity(num).ok()?;
    if !rest.is_empty() {
        return None;
    }
    // "ngày 1/2 ngày" is odd but "1/2/2026 ngày" is a date: only a fraction below one passes.
    if num.contains('/') && value >= 1.0 {
        return None;
    }
    Some((s, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparator;

    proptest::proptest! {
        /// The merge gives what sorting both searches' hits gives.
        #[test]
        fn unit_hits_are_both_searches_sorted(words in proptest::collection::vec("(ngày|buổi|x| )", 0..12)) {
            let text = words.concat();
            let mut want: Vec<usize> =
                NGAY.find_iter(text.as_bytes()).chain(BUOI.find_iter(text.as_bytes())).collect();
            want.sort_unstable();
            proptest::prop_assert_eq!(unit_hits(&text), want);
        }
    }

    proptest::proptest! {
        /// The last-byte test before the number words rejects none that ends the text.
        #[test]
        fn number_word_byte_test_rejects_none(
            s in "(nửa|NỬA|một|MỘT|Một|hai|HAI|ba|BA|bốn|BỐN|x|5|1/2|,| |\t){0,4}",
        ) {
            let trimmed = s.trim_end();
            let by_words = WORDS.iter().any(|&(w, _)| phrase_before(trimmed, w).is_some());
            let may_end_word =
                matches!(trimmed.as_bytes().last(), Some(b'a' | b't' | b'i' | b'n' | b'A' | b'T' | b'I' | b'N'));
            proptest::prop_assert!(may_end_word || !by_words, "{s:?}");
        }
    }

    fn run(text: &str) -> Vec<(f64, Option<Comparator>, String, String)> {
        durations(&Src::new(text, 0))
            .into_iter()
            .map(|d| (d.days, d.comparator, d.span.text(text).to_string(), d.clause.text(text).to_string()))
            .collect()
    }

    #[test]
    fn meeting_lengths_from_the_seeds() {
        let text = "Thực hiện nghiêm quy định về thời gian họp: Hội nghị quán triệt không quá 1/2 ngày; \
                    hội nghị chuyên môn không quá 1 ngày; các hội nghị quan trọng cần thảo luận không quá 1,5 ngày.";
        let v = run(text);
        let at_most = Some(Comparator::AtMost);
        assert_eq!(
            v,
            vec![
                (0.5, at_most, "không quá 1/2 ngày".into(), "Hội nghị quán triệt không quá 1/2 ngày".into()),
                (1.0, at_most, "không quá 1 ngày".into(), "hội nghị chuyên môn không quá 1 ngày".into()),
                (
                    1.5,
                    at_most,
                    "không quá 1,5 ngày".into(),
                    "các hội nghị quan trọng cần thảo luận không quá 1,5 ngày".into()
                ),
            ]
        );
    }

    #[test]
    fn words_and_half_days() {
        let v = run("Hội nghị quán triệt tổ chức trong nửa ngày, tối đa một buổi");
        let days: Vec<f64> = v.iter().map(|d| d.0).collect();
        assert_eq!(days, vec![0.5, 0.5]);
        assert_eq!(v.get(1).and_then(|d| d.1), Some(Comparator::AtMost));
        assert_eq!(run("họp 01 ngày").first().map(|d| (d.0, d.1)), Some((1.0, None)));
        // Signs read like words (`targets::comparator_before`).
        assert_eq!(run("hội nghị chuyên môn ≤ 1 ngày").first().map(|d| d.1), Some(Some(Comparator::AtMost)));
        assert!(run("Mẫu giáo (3 buổi tiếng Anh/tuần)").is_empty());
        assert!(run("cắt giảm 12/60 ngày").iter().all(|d| d.0 != 0.2));
    }

    #[test]
    fn dates_are_not_durations() {
        assert!(run("trước ngày 10 tháng 6; ngày 31/3/2026 của Thủ tướng").is_empty());
        assert!(run("Hà Nội, ngày 15/01/2026 ngày làm việc").is_empty());
        assert!(run("ngày càng tăng").is_empty());
    }
}
