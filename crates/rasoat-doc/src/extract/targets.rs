//! Quantified targets: percentages, comparator + count ("không quá 2 hội nghị"), and vague
//! wording that quantifies without a number ("đa số", "phần lớn").
//!
//! Choices (DOMAIN.md §2):
//! - Every percentage is a target; its comparator is read from the words just before the
//!   number (and "trở lên"/"trở xuống" just after). No comparator word → `Exactly` ("đạt 100%",
//!   "100% văn bản"); "tăng 10%" is also `Exactly` (the model has no increase comparator).
//! - A decrease word anywhere in the run before the number wins: "giảm ít nhất 10%",
//!   "cắt giảm tối thiểu 15%" are `Decrease` (by at least the value).
//! - So "giảm khoảng 10%" is `Decrease` too, not `About`: profiles match a cut by its
//!   comparator, and the model has one comparator per target. The hedge stays visible in the
//!   span, which runs from the farthest comparator word to the number ("giảm khoảng 10%", "cắt
//!   giảm xấp xỉ 15%"); `target/weakened` reads "khoảng"/"xấp xỉ" there and reports no
//!   commitment. Rules must not assume a `Decrease` target is a firm one.
//! - Comparison signs count like the words: "≥ 60%", ">= 60%", "=> 60%" `AtLeast`; "≤ 40%",
//!   "<= 40%" `AtMost`; "> 5%" `MoreThan`; "< 5%" `LessThan` (an arrow "->" is no sign).
//! - A count ("không quá 2 hội nghị") is a target only with an explicit ≥/≤/decrease
//!   comparator and a counted noun that is not a unit of time or money; so years, dates, article
//!   and document numbers, money and phone numbers never become targets.
//! - A day quantity with a comparator ("không quá 1 ngày") is a [`Duration`](crate::Duration)
//!   and also a target with [`Unit::Day`], so target profiles can match either.
//! - Vague wording ("đa số", "phần lớn", "hầu hết", "từng bước", "ngày càng tăng", "được nâng
//!   lên", "cơ bản" + verb) is a target only in a clause that names something measured (tỷ lệ,
//!   số lượng, chiếm, hội nghị, văn bản, hồ sơ…): elsewhere it is ordinary prose.
//! - A fraction of a whole ("ít nhất 2/3 tổng số") is a percentage (66.7); of days, a duration.

use std::sync::LazyLock;

use crate::model::{Comparator, Target, Unit};

use super::numbers::{decimal, quantity};
use super::text::{
    Src, Triggers, any_phrase_at, at_word_start, clause, is_word, numeric_bytes, phrase_at, phrase_before,
    word_starts,
};

/// Phrases read backwards from a number. Longest first where one ends another.
const COMPARATORS: &[(&str, Option<Comparator>)] = &[
    ("không vượt quá", Some(Comparator::AtMost)),
    ("không quá", Some(Comparator::AtMost)),
    ("không cao hơn", Some(Comparator::AtMost)),
    ("không nhiều hơn", Some(Comparator::AtMost)),
    ("tối đa", Some(Comparator::AtMost)),
    ("không ít hơn", Some(Comparator::AtLeast)),
    ("không thấp hơn", Some(Comparator::AtLeast)),
    ("không dưới", Some(Comparator::AtLeast)),
    ("tối thiểu", Some(Comparator::AtLeast)),
    ("ít nhất", Some(Comparator::AtLeast)),
    ("trên dưới", Some(Comparator::About)),
    ("xấp xỉ", Some(Comparator::About)),
    ("khoảng", Some(Comparator::About)),
    ("gần", Some(Comparator::About)),
    ("bằng hoặc lớn hơn", Some(Comparator::AtLeast)),
    ("bằng hoặc cao hơn", Some(Comparator::AtLeast)),
    ("bằng hoặc nhỏ hơn", Some(Comparator::AtMost)),
    ("bằng hoặc thấp hơn", Some(Comparator::AtMost)),
    ("không nhỏ hơn", Some(Comparator::AtLeast)),
    ("không lớn hơn", Some(Comparator::AtMost)),
    ("nhỏ hơn", Some(Comparator::LessThan)),
    ("thấp hơn", Some(Comparator::LessThan)),
    ("ít hơn", Some(Comparator::LessThan)),
    ("lớn hơn", Some(Comparator::MoreThan)),
    ("cao hơn", Some(Comparator::MoreThan)),
    ("nhiều hơn", Some(Comparator::MoreThan)),
    // After every "… hơn" above: a bare "hơn 50%" is "more than".
    ("hơn", Some(Comparator::MoreThan)),
    ("trên", Some(Comparator::MoreThan)),
    ("dưới", Some(Comparator::LessThan)),
    ("cắt giảm", Some(Comparator::Decrease)),
    ("tinh giản", Some(Comparator::Decrease)),
    ("giảm", Some(Comparator::Decrease)),
    // Transparent words: skipped, they carry no comparison ("đạt từ 95% trở lên").
    ("từ", None),
    ("đạt", None),
    ("chiếm", None),
    ("là", None),
    ("bằng", None),
    ("mức", None),
    ("ở", None),
    ("lên", None),
    ("tăng", None),
    ("được", None),
];

/// The last word of each of [`COMPARATORS`], split once rather than at every number.
static COMPARATOR_LAST_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| COMPARATORS.iter().map(|(p, _)| p.rsplit(' ').next().unwrap_or(p)).collect());

/// The comparator stated before a number whose clause-local prefix is `before`:
/// `(comparator, start of the comparator phrase in before)`.
pub(crate) fn comparator_before(before: &str) -> (Option<Comparator>, Option<usize>) {
    let mut rest = before;
    let mut nearest = None;
    let mut start = None;
    let mut decrease = false;
    // A handful of words at most: "giảm ít nhất", "đạt tối thiểu", "chiếm không ít hơn".
    for _ in 0..4 {
        // Only phrases ending in the last word can match: compare that word first.
        let trimmed = rest.trim_end();
        if let Some((c, len)) = symbol_before(trimmed) {
            let pos = trimmed.len() - len;
            nearest.get_or_insert(c);
            start = Some(pos);
            rest = rest.get(..pos).unwrap_or("");
            continue;
        }
        let last = trimmed.rsplit(|c: char| !is_word(c)).next().unwrap_or("");
        if last.is_empty() {
            break;
        }
        let Some((pos, cmp)) =
            COMPARATORS.iter().zip(COMPARATOR_LAST_WORDS.iter()).find_map(|(&(p, c), &p_last)| {
                if last.len() != p_last.len() || phrase_at(last, p_last).is_none() {
                    return None;
                }
                phrase_before(trimmed, p).map(|pos| (pos, c))
            })
        else {
            break;
        };
        if let Some(c) = cmp {
            if c == Comparator::Decrease {
                decrease = true;
            }
            nearest.get_or_insert(c);
            start = Some(pos);
        }
        rest = rest.get(..pos).unwrap_or("");
    }
    let cmp = if decrease { Some(Comparator::Decrease) } else { nearest };
    (cmp, start)
}

/// Comparison signs, longest first where one ends another. `=>` is the reversed `>=` some
/// drafts type.
const SYMBOLS: &[(&str, Comparator)] = &[
    (">=", Comparator::AtLeast),
    ("=>", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("=<", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("⩾", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("⩽", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("<", Comparator::LessThan),
];

/// A comparison sign at the end of `s` ("≥ 60%", ">5%"): `(comparator, bytes)`. An arrow
/// ("50% -> 60%") compares nothing.
fn symbol_before(s: &str) -> Option<(Comparator, usize)> {
    let last = *s.as_bytes().last()?;
    // Every sign ends in '=', '<', '>' or a byte of U+2264..U+2A7E: one test skips words.
    if !matches!(last, b'=' | b'<' | b'>') && last < 0x80 {
        return None;
    }
    let &(sign, c) = SYMBOLS.iter().find(|(sign, _)| s.ends_with(sign))?;
    if sign == ">" && s.strip_suffix('>').is_some_and(|p| p.ends_with('-')) {
        return None;
    }
    Some((c, sign.len()))
}

/// "trở lên" / "trở xuống" right after a quantity: `(comparator, bytes)`.
pub(crate) fn comparator_after(after: &str) -> Option<(Comparator, usize)> {
    let lead = after.len() - after.trim_start().len();
    let rest = after.get(lead..)?;
    if let Some(n) = phrase_at(rest, "trở lên") {
        return Some((Comparator::AtLeast, lead + n));
    }
    phrase_at(rest, "trở xuống").map(|n| (Comparator::AtMost, lead + n))
}

/// Counted nouns that are units of time, money or measure: a number before them is no target.
const NOT_COUNTED: &[&str] = &[
    // Function words: "ít nhất 01 trong các …", "thứ 301 trở lên".
    "trong", "của", "và", "các", "những", "được", "là", "trở", "theo", "cho", "với", "tại", "đến", "từ",
    "trên", "dưới", "tổng", "tháng", "năm", "quý", "tuần", "giờ", "phút", "giây", "ngày", "buổi", "đồng",
    "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "chục", "km", "m", "ha", "kg", "tấn", "lít", "tuổi", "usd",
    "vnđ",
];

/// One-syllable counters; other counted nouns take two syllables ("hội nghị", "văn bản").
const ONE_SYLLABLE: &[&str] = &["lần", "đợt", "lượt", "người", "bài", "tin", "cuộc", "hồ", "việc"];

/// Words that show a clause measures something: vague wording elsewhere is ordinary prose
/// ("biểu quyết theo đa số").
const MEASURED: &[&str] = &[
    "chiếm",
    "tổng số",
    "tỷ lệ",
    "tỉ lệ",
    "số lượng",
    "chỉ tiêu",
    "hội nghị",
    "cuộc họp",
    "văn bản",
    "hồ sơ",
    "thủ tục",
    "trực tuyến",
    "số hóa",
    "số hoá",
];

/// Quantifiers that state a (vague) amount.
const VAGUE_ALWAYS: &[&str] = &["đa số", "phần lớn", "hầu hết"];
/// Adverbial vague wording.
const VAGUE_ADVERBIAL: &[&str] = &["từng bước", "ngày càng tăng", "được nâng lên"];
/// "cơ bản" is vague only before a verb of completion ("cơ bản hoàn thành").
const CO_BAN_VERBS: &[&str] =
    &["hoàn thành", "đáp ứng", "được", "đạt", "hoàn tất", "khắc phục", "giải quyết", "xong", "đã"];

fn target(src: &Src, s: usize, e: usize, text: &str) -> Target {
    let (cs, ce) = clause(text, s, e);
    Target {
        span: src.span(s, e),
        value: None,
        unit: None,
        comparator: None,
        vague: None,
        clause: src.cover(cs, ce),
        block: None,
        in_table: false,
    }
}

/// The quantified and vague targets in `src`, in order (`block`/`in_table` left for the caller).
pub fn targets(src: &Src) -> Vec<Target> {
    let text = src.text();
    let mut out = Vec::new();
    percentages(src, text, &mut out);
    let b = text.as_bytes();
    let digit_starts =
        numeric_bytes(src).filter(|&i| b.get(i).is_some_and(u8::is_ascii_digit) && at_word_start(text, i));
    for ws in digit_starts {
        // The tail of "1,5", "10/5", "2021-2030" is no number of its own.
        if ws > 0 && b.get(ws - 1).is_some_and(|c| matches!(c, b',' | b'.' | b'/' | b'-')) {
            continue;
        }
        count_at(src, text, ws, &mut out);
        fraction_at(src, text, ws, &mut out);
    }
    vague(src, text, &mut out);
    out.sort_by_key(|t| t.span.start);
    out
}

/// Start of the number that ends at `end` (digits, `.`, `,`), when it starts a word.
fn number_start(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut s = end;
    while s > 0 && b.get(s - 1).is_some_and(|c| c.is_ascii_digit() || *c == b',' || *c == b'.') {
        s -= 1;
    }
    // Trim leading separators (", 60%" → "60%").
    while s < end && b.get(s).is_some_and(|c| !c.is_ascii_digit()) {
        s += 1;
    }
    if s == end {
        return None;
    }
    // "QH15%" or "x60%" is no quantity.
    let prev = text.get(..s).and_then(|p| p.chars().next_back());
    if prev.is_some_and(|c| is_word(c) || c == '/' || c == '-') {
        return None;
    }
    Some(s)
}

fn percentages(src: &Src, text: &str, out: &mut Vec<Target>) {
    for pct in memchr::memchr_iter(b'%', text.as_bytes()) {
        let num_end = text.get(..pct).map_or(pct, |p| p.trim_end().len());
        let Some(ns) = number_start(text, num_end) else { continue };
        let Some(num) = text.get(ns..num_end) else { continue };
        let Ok((rest, value)) = decimal(num) else { continue };
        // "0.5%" (a decimal point, as some drafts write it): one or two digits after the dot.
        let value = match rest.strip_prefix('.') {
            None if rest.is_empty() => value,
            Some(frac) if (1..=2).contains(&frac.len()) && frac.bytes().all(|b| b.is_ascii_digit()) => {
                value + super::numbers::digits_value(frac) as f64 / 10f64.powi(frac.len() as i32)
            }
            _ => continue,
        };
        push_quantity(src, text, ns, pct + 1, value, Some(Unit::Percent), out);
    }
}

/// Record a quantity found at `[ns, ne)` with its comparator and clause.
fn push_quantity(
    src: &Src,
    text: &str,
    ns: usize,
    ne: usize,
    value: f64,
    unit: Option<Unit>,
    out: &mut Vec<Target>,
) {
    let (cs, _) = clause(text, ns, ne);
    let before = text.get(cs..ns).unwrap_or("");
    let (mut cmp, cmp_start) = comparator_before(before);
    let mut end = ne;
    if let Some((after, n)) = comparator_after(text.get(ne..).unwrap_or("")) {
        if cmp.is_none() {
            cmp = Some(after);
        }
        end = ne + n;
    }
    // "từ 15% người dân tộc thiểu số trở lên": the "trở lên" may come after the noun.
    if cmp.is_none()
        && phrase_before(before, "từ").is_some()
        && let Some(tail) = text.get(ne..clause(text, ns, ne).1)
        && word_starts(tail).take(8).any(|w| tail.get(w..).is_some_and(|t| phrase_at(t, "trở lên").is_some()))
    {
        cmp = Some(Comparator::AtLeast);
    }
    let mut start = cmp_start.map_or(ns, |p| cs + p);
    // "từ 95% trở lên": the "từ" belongs to the comparator.
    if cmp_start.is_none()
        && end > ne
        && let Some(p) = phrase_before(before, "từ")
    {
        start = cs + p;
    }
    let mut t = target(src, start, end, text);
    t.value = Some(value);
    t.unit = unit;
    t.comparator = Some(cmp.unwrap_or(Comparator::Exactly));
    out.push(t);
}

/// Counts with an explicit comparator: "không quá 2 hội nghị", "tối thiểu 3 lần", and day
/// quantities ("không quá 1/2 ngày") as [`Unit::Day`] targets.
fn count_at(src: &Src, text: &str, ws: usize, out: &mut Vec<Target>) -> Option<()> {
    let slice = text.get(ws..)?;
    // Cheap shape test before any parsing: the number, a space, a lower-case word.
    let num_len = slice.bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'/')).count();
    let after = slice.get(num_len..)?;
    let word = after.trim_start();
    if word.len() == after.len() || !word.starts_with(char::is_lowercase) {
        return None;
    }
    let (rest, value) = quantity(slice).ok()?;
    let ne = text.len() - rest.len();
    if rest.trim_start().starts_with('%') || rest.starts_with(['/', '-', '.', ',']) {
        return None;
    }
    // The noun first: it rules out most numbers (dates, years, article numbers) cheaply.
    let (noun_start, noun_end) = counted_noun(rest)?;
    let noun = rest.get(noun_start..noun_end)?;
    let is_day = phrase_at(noun, "ngày").is_some();
    if !is_day && slice.get(..slice.len() - rest.len())?.contains('/') {
        return None; // a fraction of a whole: see `fraction_at`
    }
    let (cs, _) = clause(text, ws, ne);
    let (cmp, _) = comparator_before(text.get(cs..ws)?);
    let after_cmp = comparator_after(rest).is_some();
    let strong = matches!(cmp, Some(Comparator::AtLeast | Comparator::AtMost | Comparator::Decrease));
    if !strong && !after_cmp {
        return None;
    }
    let unit = if is_day { Unit::Day } else { Unit::Count(noun.to_string()) };
    push_quantity(src, text, ws, ne + noun_end, value, Some(unit), out);
    Some(())
}

/// A fraction of a whole ("ít nhất 2/3 tổng số", "1/2 số hội nghị") as a percentage, unless it
/// measures days (then it is a duration).
fn fraction_at(src: &Src, text: &str, ws: usize, out: &mut Vec<Target>) -> Option<()> {
    let slice = text.get(ws..)?;
    let digits = slice.bytes().take_while(u8::is_ascii_digit).count();
    if slice.as_bytes().get(digits) != Some(&b'/') {
        return None;
    }
    let (rest, value) = quantity(slice).ok()?;
    if value >= 1.0 || rest.starts_with(['/', '-', '.', ',']) {
        return None;
    }
    // A whole follows in lower case ("2/3 tổng số"); "ngày 1/2" is the first of February.
    let after = rest.trim_start();
    let before = text.get(..ws)?;
    if !after.starts_with(char::is_lowercase)
        || ["ngày", "buổi"].iter().any(|w| phrase_at(after, w).is_some())
        || ["ngày", "tháng", "số", "điều", "khoản"].iter().any(|w| phrase_before(before, w).is_some())
    {
        return None;
    }
    let ne = text.len() - rest.len();
    push_quantity(src, text, ws, ne, value * 100.0, Some(Unit::Percent), out);
    Some(())
}

/// Where the counted noun after a number starts and ends in `rest` ("ngày" for days); `None`
/// for units of time or money and for anything but a lower-case word.
fn counted_noun(rest: &str) -> Option<(usize, usize)> {
    let lead = rest.len() - rest.trim_start().len();
    if lead == 0 {
        return None;
    }
    let after = rest.get(lead..)?;
    if let Some(n) = phrase_at(after, "ngày") {
        // "… ngày 10 tháng 6": the "ngày" starts a date.
        let next = after.get(n..).unwrap_or("").trim_start();
        if next.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return Some((lead, lead + n));
    }
    let first_end = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
    let first = after.get(..first_end)?;
    if first.is_empty() || !first.chars().all(|c| c.is_lowercase()) {
        return None;
    }
    // A lower-case word matches a listed word only if their first bytes agree (a lower-case
    // char is its own lower case; see the test): a byte test before each phrase_at.
    let first_byte = first.as_bytes().first();
    let listed = |list: &[&str]| {
        list.iter().any(|w| w.as_bytes().first() == first_byte && phrase_at(first, w).is_some())
    };
    // Units of measure are short ASCII words ("l", "cm", "dpi"); counted nouns are Vietnamese.
    if listed(NOT_COUNTED) || (first.is_ascii() && first.len() <= 3) {
        return None;
    }
    let mut end = first_end;
    if !listed(ONE_SYLLABLE)
        && let Some(tail) = after.get(first_end..)
        && tail.starts_with(' ')
    {
        let second = tail.get(1..).unwrap_or("");
        let n = second.find(|c: char| !c.is_alphabetic()).unwrap_or(second.len());
        if n > 0 && second.get(..n).is_some_and(|w| w.chars().all(char::is_lowercase)) {
            end = first_end + 1 + n;
        }
    }
    Some((lead, lead + end))
}

pub(crate) static VAGUE_TRIGGERS: LazyLock<Triggers> = LazyLock::new(|| {
    let all: Vec<&str> = VAGUE_ALWAYS.iter().chain(VAGUE_ADVERBIAL).chain(&["cơ bản"]).copied().collect();
    Triggers::new(&all)
});

fn vague(src: &Src, text: &str, out: &mut Vec<Target>) {
    let starts = match src.hits_in(|h| &h.vague) {
        Some(hits) => hits.filter(|&i| at_word_start(text, i)).collect(),
        None => VAGUE_TRIGGERS.find(text),
    };
    for ws in starts {
        let Some(slice) = text.get(ws..) else { continue };
        let phrase_len = if let Some((_, n)) =
            any_phrase_at(slice, VAGUE_ALWAYS).or_else(|| any_phrase_at(slice, VAGUE_ADVERBIAL))
        {
            n
        } else if let Some(n) = phrase_at(slice, "cơ bản") {
            let after = slice.get(n..).unwrap_or("");
            let lead = after.len() - after.trim_start().len();
            let verb = after.get(lead..).and_then(|a| any_phrase_at(a, CO_BAN_VERBS));
            if lead == 0 || verb.is_none() {
                continue;
            }
            n
        } else {
            continue;
        };
        let end = ws + phrase_len;
        let (cs, ce) = clause(text, ws, end);
        if !mentions_measure(text.get(cs..ce).unwrap_or("")) {
            continue;
        }
        let mut t = target(src, ws, end, text);
        t.vague = slice.get(..phrase_len).map(str::to_string);
        out.push(t);
    }
}

fn mentions_measure(clause: &str) -> bool {
    word_starts(clause).any(|i| clause.get(i..).is_some_and(|s| any_phrase_at(s, MEASURED).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte test before `phrase_at` in `counted_noun` rejects no match: a lower-case
    /// letter that equals a listed word's first letter in any case has its first byte.
    #[test]
    fn counted_noun_byte_test_rejects_no_match() {
        let firsts: Vec<char> =
            NOT_COUNTED.iter().chain(ONE_SYLLABLE).filter_map(|w| w.chars().next()).collect();
        for c in
            (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_lowercase() && c.is_alphabetic())
        {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes().first().copied();
            for &p in &firsts {
                let mut pb = [0u8; 4];
                if super::super::text::eq_ci(c, p) {
                    assert_eq!(lead, p.encode_utf8(&mut pb).as_bytes().first().copied(), "{c:?} {p:?}");
                }
            }
        }
    }

    fn run(text: &str) -> Vec<Target> {
        targets(&Src::new(text, 0))
    }

    fn one(text: &str) -> Target {
        let v = run(text);
        let [t] = v.as_slice() else { panic!("expected one target in {text:?}, got {v:#?}") };
        t.clone()
    }

    fn slice(text: &str, t: &Target) -> (String, String) {
        (t.span.text(text).to_string(), t.clause.text(text).to_string())
    }

    #[test]
    fn online_conference_target_with_clause() {
        let text = "Phấn đấu đạt được các chỉ tiêu định lượng cụ thể ngay trong năm 2026: số lượng hội \
                    nghị trực tuyến chiếm không ít hơn 60% tổng số hội nghị trong năm; tinh giản 10% số \
                    lượng hội nghị hàng năm; thực hiện xử lý thủ tục hành chính trên môi trường số và số \
                    hóa văn bản đạt từ 95% trở lên.";
        let v = run(text);
        assert_eq!(v.len(), 3, "{v:#?}");
        let Some(t) = v.first() else { panic!() };
        assert_eq!(t.value, Some(60.0));
        assert_eq!(t.unit, Some(Unit::Percent));
        assert_eq!(t.comparator, Some(Comparator::AtLeast));
        let (span, clause) = slice(text, t);
        assert_eq!(span, "không ít hơn 60%");
        assert_eq!(clause, "số lượng hội nghị trực tuyến chiếm không ít hơn 60% tổng số hội nghị trong năm");
        let Some(t) = v.get(1) else { panic!() };
        assert_eq!((t.value, t.comparator), (Some(10.0), Some(Comparator::Decrease)));
        assert_eq!(slice(text, t).0, "tinh giản 10%");
        let Some(t) = v.get(2) else { panic!() };
        assert_eq!((t.value, t.comparator), (Some(95.0), Some(Comparator::AtLeast)));
        assert_eq!(slice(text, t).0, "từ 95% trở lên");
    }

    #[test]
    fn page_break_inside_the_clause_keeps_it_whole() {
        let text = "năm 2026: số lượng hội\n\nngợi trực tuyến chiếm không ít hơn 60% tổng số hội nghị; x";
        let t = one(text);
        assert_eq!(
            slice(text, &t).1,
            "số lượng hội\n\nngợi trực tuyến chiếm không ít hơn 60% tổng số hội nghị"
        );
    }

    #[test]
    fn comparators_from_domain_wording() {
        let cases = [
            ("tỷ lệ họp trực tuyến đạt tối thiểu 60%.", Comparator::AtLeast, 60.0),
            ("cắt giảm tối thiểu 15% số lượng văn bản hành chính", Comparator::Decrease, 15.0),
            ("Số lượng hội nghị giảm ít nhất 10% mỗi năm", Comparator::Decrease, 10.0),
            ("chỉ tiêu giảm 10% số lượng hội nghị", Comparator::Decrease, 10.0),
            ("Đảm bảo 100% văn bản trao đổi", Comparator::Exactly, 100.0),
            ("đạt 100%", Comparator::Exactly, 100.0),
            ("hội nghị trực tuyến khoảng 50%", Comparator::About, 50.0),
            ("tỷ lệ hồ sơ trễ hạn dưới 5%", Comparator::LessThan, 5.0),
            ("tỷ lệ trên 90%", Comparator::MoreThan, 90.0),
            ("hội nghị trực tiếp không vượt quá 40 %", Comparator::AtMost, 40.0),
            ("tỷ lệ thanh toán đạt tối thiểu 80%", Comparator::AtLeast, 80.0),
            ("hồ sơ đạt 1,5% trở xuống", Comparator::AtMost, 1.5),
            ("lãi suất 0.5% mỗi tháng", Comparator::Exactly, 0.5),
            ("Nhỏ hơn 50% bao phủ", Comparator::LessThan, 50.0),
            ("không nhỏ hơn 50% tổng số", Comparator::AtLeast, 50.0),
            ("chiếm hơn 50% tổng số", Comparator::MoreThan, 50.0),
            ("bằng hoặc lớn hơn 95%", Comparator::AtLeast, 95.0),
            ("Có từ 15% người dân tộc thiểu số trở lên", Comparator::AtLeast, 15.0),
        ];
        for (text, cmp, value) in cases {
            let t = one(text);
            assert_eq!((t.comparator, t.value), (Some(cmp), Some(value)), "{text}");
        }
    }

    #[test]
    fn comparison_signs() {
        let cases = [
            ("hội nghị trực tuyến ≥ 60% tổng số", Comparator::AtLeast, "≥ 60%"),
            ("hội nghị trực tiếp ≤ 40%", Comparator::AtMost, "≤ 40%"),
            ("tỷ lệ hồ sơ trễ hạn > 5%", Comparator::MoreThan, "> 5%"),
            ("tỷ lệ hồ sơ trễ hạn <5%", Comparator::LessThan, "<5%"),
            ("tỷ lệ số hóa => 95%", Comparator::AtLeast, "=> 95%"),
            ("tỷ lệ số hóa >= 95%", Comparator::AtLeast, ">= 95%"),
            ("tỷ lệ số hóa <= 5%", Comparator::AtMost, "<= 5%"),
            ("tỷ lệ số hóa đạt ≥95%", Comparator::AtLeast, "≥95%"),
            // A sign after a decrease word: still a cut, of at least the value.
            ("số lượng hội nghị giảm ≥ 10%", Comparator::Decrease, "giảm ≥ 10%"),
            // An arrow is no sign.
            ("tỷ lệ tăng từ 50% -> 60%", Comparator::Exactly, "60%"),
        ];
        for (text, cmp, span) in cases {
            let v = run(text);
            let Some(t) = v.last() else { panic!("no target in {text}") };
            assert_eq!((t.comparator, slice(text, t).0.as_str()), (Some(cmp), span), "{text}");
        }
        let t = one("tổ chức ≤ 2 hội nghị toàn tỉnh mỗi năm");
        assert_eq!((t.value, t.comparator), (Some(2.0), Some(Comparator::AtMost)));
    }

    #[test]
    fn about_inside_a_cut_stays_a_cut_with_the_hedge_in_the_span() {
        let text = "giảm khoảng 10% số lượng hội nghị";
        let t = one(text);
        assert_eq!((t.value, t.comparator), (Some(10.0), Some(Comparator::Decrease)));
        assert_eq!(slice(text, &t).0, "giảm khoảng 10%");
        let text = "cắt giảm được xấp xỉ 15% văn bản";
        assert_eq!(slice(text, &one(text)).0, "cắt giảm được xấp xỉ 15%");
        assert_eq!(one("hội nghị trực tuyến khoảng 60%").comparator, Some(Comparator::About));
    }

    #[test]
    fn numbers_that_are_not_targets() {
        for text in [
            "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ",
            "theo Điều 15, khoản 2 Luật Tổ chức chính quyền địa phương năm 2025",
            "giai đoạn 2021 - 2030; điện thoại 0225.3842.123",
            "kinh phí không quá 200 triệu đồng",
            "Định kỳ 6 tháng (trước ngày 10 tháng 6)",
            "Nghị quyết số 110/2023/QH15 ngày 29/11/2023",
            "Số lượng thành viên: 15 người.",
        ] {
            let v = run(text);
            assert!(v.is_empty(), "{text}: {v:#?}");
        }
    }

    #[test]
    fn counts_with_a_comparator() {
        let t = one("tổ chức không quá 2 hội nghị toàn tỉnh mỗi năm");
        assert_eq!(t.unit, Some(Unit::Count("hội nghị".into())));
        assert_eq!((t.value, t.comparator), (Some(2.0), Some(Comparator::AtMost)));
        let t = one("Hội nghị quán triệt không quá 1/2 ngày");
        assert_eq!((t.value, t.unit), (Some(0.5), Some(Unit::Day)));
        let t = one("kiểm tra tối thiểu 3 lần trong năm");
        assert_eq!(t.unit, Some(Unit::Count("lần".into())));
        assert!(run("có ít nhất 01 trong các điều kiện sau").is_empty());
        assert!(run("dung tích không nhỏ hơn 0,5 l mỗi bình").is_empty());
        let t = one("Hội đồng họp khi có ít nhất 2/3 tổng số Ủy viên tham dự");
        assert_eq!((t.unit, t.comparator), (Some(Unit::Percent), Some(Comparator::AtLeast)));
        assert!(t.value.is_some_and(|v| (v - 200.0 / 3.0).abs() < 1e-9));
        assert!(run("họp vào ngày 1/2 hằng năm").is_empty());
    }

    #[test]
    fn vague_targets() {
        let text = "số lượng hội nghị trực tuyến chiếm đa số trên tổng số hội nghị trong năm";
        let t = one(text);
        assert_eq!(t.vague.as_deref(), Some("đa số"));
        assert_eq!(t.value, None);
        assert_eq!(slice(text, &t).1, text);
        let t = one("tỷ lệ hồ sơ giải quyết trực tuyến ngày càng tăng");
        assert_eq!(t.vague.as_deref(), Some("ngày càng tăng"));
        let t = one("Phần lớn thủ tục hành chính được số hóa");
        assert_eq!(t.vague.as_deref(), Some("Phần lớn"));
        assert!(run("biểu quyết theo đa số, các ý kiến khác nhau").is_empty());
        assert_eq!(one("số hóa văn bản cơ bản hoàn thành").vague.as_deref(), Some("cơ bản"));
        // Ordinary prose: no measured subject, or "cơ bản" as an adjective.
        assert!(run("từng bước hiện đại hóa nền hành chính").is_empty());
        assert!(run("trang bị kiến thức cơ bản về chuyển đổi số").is_empty());
        assert!(run("đầu tư xây dựng cơ bản").is_empty());
    }
}
