//! Line-level grammar (nom 8 + nom_locate): block markers, the `Số:` line, the place-and-date
//! line and the signer's authority prefix.
//!
//! Every parser works on one trimmed line (or tab cell) and reports offsets relative to its
//! start; callers shift them into document offsets. The parsers only recognise: they never
//! fail loudly, a line that does not match is simply `None`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::multi::fold_many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use nom_locate::LocatedSpan;

use crate::model::{Authority, BlockKind};

type In<'a> = LocatedSpan<&'a str>;
type Res<'a, T> = IResult<In<'a>, T>;

/// A block marker found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MarkerHit {
    pub kind: BlockKind,
    /// Length in bytes of the marker itself ("1.2.", "đ)", "-").
    pub len: usize,
    /// Offset where the block's text starts (after the marker and its whitespace).
    pub text_start: usize,
    pub numbers: Vec<u32>,
}

/// Position of a point letter in the Vietnamese alphabet (a b c d đ e g h i k l m n o p q r s t u
/// v x y → 1..=23).
///
/// Letters that are not point letters still get a number so that a rule can flag them and
/// say why: an ASCII letter outside the alphabet (f j w z) gets `100 +` its position in the
/// Latin alphabet (f → 106, j → 110, w → 123, z → 126); any other letter (ă â ê ô ơ ư, Greek…)
/// gets 200. Both are above 23, so they never look like a valid next point.
pub fn point_number(c: char) -> u32 {
    const ALPHABET: [char; 23] = [
        'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u',
        'v', 'x', 'y',
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    if let Some(i) = ALPHABET.iter().position(|&a| a == lower) {
        return i as u32 + 1;
    }
    if lower.is_ascii_lowercase() {
        return 100 + (lower as u32 - 'a' as u32) + 1;
    }
    200
}

/// The value of a canonical Roman numeral made of I, V, X (1..=39); `None` for anything else
/// ("IIII", "VX", "IIV").
fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && total < 40 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

fn is_blank_char(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}'
}

/// The marker must be followed by whitespace or the end of the line ("1.Mục" is accepted only
/// for dash bullets, see below).
fn end_of_marker(i: In) -> Res<()> {
    if i.fragment().is_empty() {
        return Ok((i, ()));
    }
    let (i, _) = take_while1(is_blank_char).parse(i)?;
    Ok((i, ()))
}

fn roman(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, digits) = take_while1(|c| matches!(c, 'I' | 'V' | 'X')).parse(i)?;
    let (rest, _) = char('.').parse(rest)?;
    let Some(v) = roman_value(digits.fragment()) else {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    };
    Ok((rest, (BlockKind::Roman, vec![v])))
}

/// `A.` `B.` `C.`: a letter used at the Roman level (seen in real plans). Reported as
/// [`BlockKind::Roman`] with the letter's Latin position; the marker text shows the style.
fn upper_letter(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, c) = satisfy(|c| matches!(c, 'A'..='H')).parse(i)?;
    let (rest, _) = char('.').parse(rest)?;
    Ok((rest, (BlockKind::Roman, vec![c as u32 - 'A' as u32 + 1])))
}

fn number_part(i: In) -> Res<In> {
    take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)
}

/// `1.` `1.2.` `2.3.1.` `1.1` (final dot missing) `1)`.
fn numbered(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, first) = number_part(i)?;
    let first: u32 = first.fragment().parse().unwrap_or(0);
    // The numbers read straight into the marker's list (no list of parts to convert), and
    // whether a later part has a leading zero.
    let (rest, (numbers, leading_zero)) = fold_many0(
        preceded(char('.'), number_part),
        || {
            let mut numbers = Vec::with_capacity(4);
            numbers.push(first);
            (numbers, false)
        },
        |(mut numbers, zero), p: In| {
            let p = *p.fragment();
            numbers.push(p.parse().unwrap_or(0));
            (numbers, zero || (p.len() > 1 && p.starts_with('0')))
        },
    )
    .parse(rest)?;
    let (rest, close) = opt(alt((char('.'), char(')')))).parse(rest)?;
    // "1.000 người", "2026" and "3 ngày" are numbers, not markers.
    let more = numbers.len() > 1;
    let after_digit = rest.fragment().starts_with(|c: char| c.is_ascii_digit());
    let bare = close.is_none() && !more;
    if leading_zero || after_digit || bare || (close == Some(')') && more) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    let depth = u8::try_from(numbers.len()).unwrap_or(u8::MAX);
    Ok((rest, (BlockKind::Numbered { depth }, numbers)))
}

fn article(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, _) = alt((tag("Điều"), tag("ĐIỀU"))).parse(i)?;
    let (rest, _) = take_while1(is_blank_char).parse(rest)?;
    let (rest, n) = take_while_m_n(1, 4, |c: char| c.is_ascii_digit()).parse(rest)?;
    let (rest, _) = opt(alt((char('.'), char(':')))).parse(rest)?;
    Ok((rest, (BlockKind::Article, vec![n.fragment().parse().unwrap_or(0)])))
}

/// `a)` `đ)` `A)`, and `a.` when a capital follows (an older style some documents use).
fn point(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, c) = satisfy(|c| c.is_alphabetic()).parse(i)?;
    let paren: Res<char> = char(')').parse(rest);
    if let Ok((rest, _)) = paren {
        return Ok((rest, (BlockKind::Point, vec![point_number(c)])));
    }
    let (rest, _) = char('.').parse(rest)?;
    let next_upper = rest.fragment().trim_start_matches(is_blank_char).starts_with(char::is_uppercase);
    let gap = rest.fragment().starts_with(is_blank_char);
    if !c.is_lowercase() || !next_upper || !gap {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, (BlockKind::Point, vec![point_number(c)])))
}

fn bullet(i: In) -> Res<(BlockKind, Vec<u32>)> {
    let (rest, c) = satisfy(|c| matches!(c, '-' | '–' | '—' | '•' | '·' | '+')).parse(i)?;
    let kind = if c == '+' { BlockKind::Plus } else { BlockKind::Dash };
    let f = rest.fragment();
    // "-Chính phủ;" (no space) is a bullet too; "-5%" and "--" are not.
    let ok = f.is_empty() || f.starts_with(is_blank_char) || (c != '+' && f.starts_with(char::is_uppercase));
    if !ok {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, (kind, Vec::new())))
}

fn marker_inner(i: In) -> Res<(BlockKind, Vec<u32>)> {
    // The same choice as `alt((article, roman, numbered, upper_letter, point, bullet))`: each
    // parser needs its own first char, so only those that can match are tried, in that order.
    let (rest, (kind, numbers)) = match i.fragment().chars().next() {
        Some('0'..='9') => numbered(i)?,
        Some('Đ') => alt((article, point)).parse(i)?,
        Some('I' | 'V' | 'X') => alt((roman, point)).parse(i)?,
        Some('A'..='H') => alt((upper_letter, point)).parse(i)?,
        Some('-' | '–' | '—' | '•' | '·' | '+') => bullet(i)?,
        Some(c) if c.is_alphabetic() => point(i)?,
        _ => return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt))),
    };
    if matches!(kind, BlockKind::Dash | BlockKind::Plus) {
        return Ok((rest, (kind, numbers)));
    }
    let (rest, ()) = end_of_marker(rest)?;
    Ok((rest, (kind, numbers)))
}

/// The marker at the start of `line` (already trimmed), if any.
pub(crate) fn marker(line: &str) -> Option<MarkerHit> {
    let first = line.chars().next()?;
    // Cheap reject: most paragraph lines start with a capital that is no marker.
    if !(first.is_ascii_digit()
        || first.is_lowercase()
        || matches!(first, 'I' | 'V' | 'X' | 'Đ' | '-' | '–' | '—' | '•' | '·' | '+' | 'A'..='H'))
    {
        return None;
    }
    let input = In::new(line);
    let (rest, (kind, numbers)) = marker_inner(input).ok()?;
    let after = rest.location_offset();
    let len = line.get(..after)?.trim_end_matches(is_blank_char).len();
    let text_start = after + rest.fragment().len() - rest.fragment().trim_start_matches(is_blank_char).len();
    Some(MarkerHit { kind, len, text_start, numbers })
}

/// Parts of a `Số: 263/KH-UBND` line, as offsets relative to the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberHit {
    /// The number's digits, when filled in.
    pub number: Option<(usize, usize)>,
    /// The symbol after the `/`, exactly as written (may be empty).
    pub symbol: (usize, usize),
    /// Where a trailing `V/v …` summary starts (công văn put it on the number line).
    pub vv: Option<usize>,
}

/// `Số: 263/KH-UBND`, `Số: /KH-UBND`, `Số:10988/BNV-CQĐP V/v …`, `Số: 87/2025/QĐ-UBND`; a
/// law's `Luật số: 60/2024/QH15`; a Party document's `Số 60-NQ/TW` (its number is followed by
/// a hyphen, and the Party's own layout has no colon).
///
/// A state number written without its colon (`Số 12/KH-UBND`) is no number line: the
/// `format/document-number` rule reports the missing colon where the model has no number
/// (see [`number_without_colon`]).
pub(crate) fn number_line(line: &str) -> Option<NumberHit> {
    let input = In::new(line);
    let law: Res<Option<In>> =
        opt(alt((tag("Luật "), tag("LUẬT "), tag("Bộ luật "), tag("BỘ LUẬT ")))).parse(input);
    let (input, _) = law.ok()?;
    let parsed: Res<Option<char>> = (
        alt((tag("Số"), tag("SỐ"), tag("số"))),
        take_while(is_blank_char),
        opt(char(':')),
        take_while(is_blank_char),
    )
        .map(|(_, _, colon, _)| colon)
        .parse(input);
    let (rest, colon) = parsed.ok()?;
    let body_start = rest.location_offset();
    let body = rest.fragment();
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let party = digits > 0
        && body
            .get(digits..)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|r| r.starts_with(char::is_uppercase));
    if colon.is_none() && !party {
        return None;
    }
    let (num_part, symbol_rel) = match body.find('/') {
        // "226-KL/TW": the number ends at the hyphen, the symbol is "KL/TW".
        _ if party => (body.get(..digits)?, digits + 1),
        Some(slash) => (body.get(..slash)?, slash + 1),
        None => (*body, body.len()),
    };
    let trimmed = num_part.trim_matches(is_blank_char);
    // The number part is digits (or blank); anything else is not a number line.
    if !trimmed.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '…') {
        return None;
    }
    let number = trimmed.chars().all(|c| c.is_ascii_digit()).then(|| {
        let lead = num_part.len() - num_part.trim_start_matches(is_blank_char).len();
        (body_start + lead, body_start + lead + trimmed.len())
    });
    let number = number.filter(|(s, e)| e > s);
    let sym_start = body_start + symbol_rel;
    let sym_text = line.get(sym_start..)?;
    // The symbol runs to the first word with a lower-case letter after a space: "KH- SXD" is
    // one symbol, "SGDĐT-GDTXNNĐH Về hướng dẫn…" and "BNV-CQĐP V/v …" carry the subject after it.
    let mut vv = None;
    let mut search = 0;
    while let Some(rel) = sym_text.get(search..).and_then(|t| t.find(is_blank_char)) {
        let Some(after) = sym_text.get(search + rel..).map(|t| t.trim_start_matches(is_blank_char)) else {
            break;
        };
        let word_start = sym_text.len() - after.len();
        let word = after.split(is_blank_char).next().unwrap_or("");
        if word.is_empty() {
            break;
        }
        if word.chars().any(char::is_lowercase) {
            vv = Some(word_start);
            break;
        }
        search = word_start + word.len();
    }
    let sym_end = match vv {
        Some(v) => sym_start + v,
        None => line.len(),
    };
    let sym = line.get(sym_start..sym_end)?;
    let sym_end = sym_start + sym.trim_end().len();
    Some(NumberHit { number, symbol: (sym_start, sym_end), vv: vv.map(|v| sym_start + v) })
}

/// `Số 12/KH-UBND`: a state document's number written without the colon after "Số". Not a
/// number line (the model keeps no number, so the missing colon gets reported), but still a
/// header line: the header goes on below it.
pub(crate) fn number_without_colon(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("Số").or_else(|| line.strip_prefix("SỐ")) else { return false };
    let body = rest.trim_start_matches(is_blank_char);
    body.len() < rest.len()
        && body.trim_start_matches(|c: char| c.is_ascii_digit() || is_blank_char(c)).starts_with('/')
}

/// Parts of a place-and-date line, as offsets relative to the line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct DateHit {
    pub place: Option<(usize, usize)>,
    pub day: Option<(usize, usize)>,
    pub month: Option<(usize, usize)>,
    pub year: Option<(usize, usize)>,
}

fn blank_fill(i: In) -> Res<In> {
    take_while(|c: char| is_blank_char(c) || matches!(c, '.' | '…' | '_' | '/')).parse(i)
}

fn digits_opt(i: In) -> Res<Option<(usize, usize)>> {
    let (rest, d) = opt(take_while_m_n(1, 4, |c: char| c.is_ascii_digit())).parse(i)?;
    Ok((rest, d.map(|d| (d.location_offset(), d.location_offset() + d.fragment().len()))))
}

fn date_words(i: In) -> Res<DateHit> {
    let (i, _) = alt((tag("ngày"), tag("Ngày"))).parse(i)?;
    let (i, _) = blank_fill(i)?;
    let (i, day) = digits_opt(i)?;
    let (i, _) = blank_fill(i)?;
    let (i, _) = tag("tháng").parse(i)?;
    let (i, _) = blank_fill(i)?;
    let (i, month) = digits_opt(i)?;
    let (i, _) = blank_fill(i)?;
    let (i, _) = tag("năm").parse(i)?;
    let (i, _) = blank_fill(i)?;
    let (i, year) = digits_opt(i)?;
    Ok((i, DateHit { place: None, day, month, year }))
}

/// `Hải An, ngày tháng 5 năm 2026`, `Hà Nội, ngày 19 tháng 11 năm 2025`, `ngày … tháng … năm 2026`.
pub(crate) fn place_date(line: &str) -> Option<DateHit> {
    let (place, date_start) = match line.find("ngày").or_else(|| line.find("Ngày")) {
        Some(0) => (None, 0),
        Some(pos) => {
            let before = line.get(..pos)?.trim_end_matches(is_blank_char);
            let comma = before.strip_suffix(',');
            let place = comma.unwrap_or(before).trim_end_matches(is_blank_char);
            // A form's blank place ("……., ngày … tháng … năm ……", "(Tên địa phương), ngày …")
            // is kept as written: it is a placeholder, not a missing place.
            let placeholder = comma.is_some()
                && (place.chars().all(|c| matches!(c, '.' | '…' | '_' | ' '))
                    || (place.starts_with('(') && place.ends_with(')') && place.len() <= 60));
            if placeholder && !place.is_empty() {
                (Some((0, place.len())), pos)
            } else {
                // A place is a short name starting with a capital ("P. Lê Thanh Nghị").
                let words = place.split_whitespace().count();
                if place.is_empty()
                    || words > 8
                    || !place.starts_with(char::is_uppercase)
                    || place.contains(char::is_numeric)
                {
                    return None;
                }
                // Without its comma ("Hà Nội ngày 01 tháng 12 năm 2025") the place must end in a
                // name, so a sentence ("Tại phiên họp ngày …") is not taken for one.
                let last_word = place.split_whitespace().last().unwrap_or("");
                if comma.is_none() && (words > 6 || !last_word.starts_with(char::is_uppercase)) {
                    return None;
                }
                (Some((0, place.len())), pos)
            }
        }
        None => return None,
    };
    let input = In::new(line);
    if !line.is_char_boundary(date_start) {
        return None;
    }
    // Byte offset (nom's `take` would count chars).
    let start = nom::Input::take_from(&input, date_start);
    let (rest, mut hit) = date_words(start).ok()?;
    // Only trailing decoration may follow ("năm 2026." or "năm 2026)").
    if !rest.fragment().trim_matches(|c: char| is_blank_char(c) || matches!(c, '.' | ')' | '*')).is_empty() {
        return None;
    }
    hit.place = place;
    Some(hit)
}

/// The authority prefix at the start of a signature line: `TM.` `KT.` `Q.` `TL.` `TUQ.`,
/// followed by an upper-case title. Returns the authority and the prefix length as written
/// (with its dot, when there is one).
///
/// A malformed prefix ("Tm ỦY BAN NHÂN DÂN", "KT CHỦ TỊCH", "Kt. CHỦ TỊCH") is recognised
/// too: losing the whole signature over it would hide exactly what `format/signature` reports.
/// Without its dot, the prefix must be followed by a space and a title word of two letters or
/// more, so "Q A" or "TMX" are not prefixes.
pub(crate) fn authority(line: &str) -> Option<(Authority, usize)> {
    // A byte test first: this runs on every body line, and every prefix starts with T, K or Q.
    if !matches!(line.as_bytes().first(), Some(b't' | b'T' | b'k' | b'K' | b'q' | b'Q')) {
        return None;
    }
    authority_parse(line)
}

/// [`authority`] without its first-byte test.
fn authority_parse(line: &str) -> Option<(Authority, usize)> {
    let input = In::new(line);
    let parsed: Res<(In, Option<char>, In)> = (
        take_while_m_n(1, 3, |c: char| c.is_ascii_alphabetic()),
        opt(char('.')),
        recognize(take_while(is_blank_char)),
    )
        .parse(input);
    let (rest, (word, dot, gap)) = parsed.ok()?;
    // This runs on every body line: compare without allocating.
    const PREFIXES: [(&str, Authority); 5] = [
        ("TM", Authority::Tm),
        ("KT", Authority::Kt),
        ("Q", Authority::Q),
        ("TL", Authority::Tl),
        ("TUQ", Authority::Tuq),
    ];
    let (_, auth) = *PREFIXES.iter().find(|(p, _)| p.eq_ignore_ascii_case(word.fragment()))?;
    // The title after the prefix is upper case ("KT. CHỦ TỊCH"); "Q. Lê…" is a name.
    let title = rest.fragment().split(is_blank_char).next().unwrap_or("");
    if !title.starts_with(char::is_uppercase) || title.chars().any(char::is_lowercase) {
        return None;
    }
    if dot.is_none() && (gap.fragment().is_empty() || title.chars().nth(1).is_none()) {
        return None;
    }
    Some((auth, word.fragment().len() + usize::from(dot.is_some())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(line: &str) -> Option<(BlockKind, String, Vec<u32>, String)> {
        let hit = marker(line)?;
        Some((
            hit.kind,
            line.get(..hit.len)?.to_string(),
            hit.numbers,
            line.get(hit.text_start..)?.to_string(),
        ))
    }

    #[test]
    fn markers() {
        assert_eq!(m("I. MỤC ĐÍCH"), Some((BlockKind::Roman, "I.".into(), vec![1], "MỤC ĐÍCH".into())));
        assert_eq!(m("XIV. Khác"), Some((BlockKind::Roman, "XIV.".into(), vec![14], "Khác".into())));
        assert_eq!(m("IIII. Sai"), None);
        assert_eq!(m("A. MỤC ĐÍCH").map(|x| x.2), Some(vec![1]));
        assert_eq!(
            m("2.3.1. Nội dung"),
            Some((BlockKind::Numbered { depth: 3 }, "2.3.1.".into(), vec![2, 3, 1], "Nội dung".into()))
        );
        assert_eq!(m("1.1 Nội dung").map(|x| x.0), Some(BlockKind::Numbered { depth: 2 }));
        assert_eq!(m("1) Nội dung").map(|x| x.1), Some("1)".into()));
        assert_eq!(m("1.000 người tham dự"), None);
        assert_eq!(m("2026 là năm"), None);
        assert_eq!(m("3 ngày"), None);
        assert_eq!(m("đ) Tiếp tục").map(|x| x.2), Some(vec![5]));
        assert_eq!(m("g) Đề nghị").map(|x| x.2), Some(vec![7]));
        assert_eq!(m("f) Đổi mới").map(|x| x.2), Some(vec![106]));
        assert_eq!(m("ă) Sai").map(|x| x.2), Some(vec![200]));
        assert_eq!(m("a. Chủ trì").map(|x| x.0), Some(BlockKind::Point));
        assert_eq!(m("a. b"), None);
        assert_eq!(m("- Tổ chức").map(|x| (x.0, x.3)), Some((BlockKind::Dash, "Tổ chức".into())));
        assert_eq!(m("-Chính phủ;").map(|x| x.3), Some("Chính phủ;".into()));
        assert_eq!(m("-5% so với"), None);
        assert_eq!(m("+ Một").map(|x| x.0), Some(BlockKind::Plus));
        assert_eq!(m("• Một").map(|x| x.0), Some(BlockKind::Dash));
        assert_eq!(m("Điều 12. Trách nhiệm").map(|x| (x.0, x.2)), Some((BlockKind::Article, vec![12])));
        assert_eq!(m("1.\tKhẩn trương").map(|x| x.3), Some("Khẩn trương".into()));
        assert_eq!(m("Ủy ban nhân dân"), None);
        assert_eq!(m("-"), Some((BlockKind::Dash, "-".into(), vec![], "".into())));
    }

    proptest::proptest! {
        /// The first-byte test of `authority` rejects no authority.
        #[test]
        fn authority_byte_test_rejects_none(
            s in "(TM|tm|Tm|KT|kt|Q|q|TL|tl|TUQ|tuq|XM|\\.| |  |CHỦ TỊCH|Chủ|ỦY BAN|Lê|x){0,4}",
        ) {
            proptest::prop_assert_eq!(authority(&s), authority_parse(&s));
        }
    }

    /// `numbered` as first written (parts collected, then converted): the fold must agree.
    fn numbered_plain(i: In) -> Res<(BlockKind, Vec<u32>)> {
        let (rest, first) = number_part(i)?;
        let (rest, more) = nom::multi::many0(preceded(char('.'), number_part)).parse(rest)?;
        let (rest, close) = opt(alt((char('.'), char(')')))).parse(rest)?;
        let parts: Vec<&str> =
            std::iter::once(*first.fragment()).chain(more.iter().map(|p| *p.fragment())).collect();
        let leading_zero = parts.iter().skip(1).any(|p| p.len() > 1 && p.starts_with('0'));
        let after_digit = rest.fragment().starts_with(|c: char| c.is_ascii_digit());
        let bare = close.is_none() && more.is_empty();
        if leading_zero || after_digit || bare || (close == Some(')') && !more.is_empty()) {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        }
        let numbers: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
        let depth = u8::try_from(numbers.len()).unwrap_or(u8::MAX);
        Ok((rest, (BlockKind::Numbered { depth }, numbers)))
    }

    proptest::proptest! {
        #[test]
        fn numbered_matches_its_plain_definition(line in "[0-9.) a]{0,14}") {
            let fast = numbered(In::new(&line)).ok().map(|(r, v)| (r.location_offset(), v));
            let plain = numbered_plain(In::new(&line)).ok().map(|(r, v)| (r.location_offset(), v));
            proptest::prop_assert_eq!(fast, plain);
        }
    }

    /// Dispatching on the first char picks what the plain `alt` of all marker parsers picks.
    #[test]
    fn marker_dispatch_matches_alt() {
        let all = |i| alt((article, roman, numbered, upper_letter, point, bullet)).parse(i);
        let lines = [
            "I. A",
            "IV.",
            "XX. b",
            "IIII. x",
            "A. B",
            "H.",
            "I) x",
            "V) y",
            "Đ) z",
            "Điều 3.",
            "ĐIỀU 12:",
            "Đ. A",
            "1.",
            "1.2.",
            "1)",
            "12.3 x",
            "1.000",
            "a)",
            "đ) x",
            "a. B",
            "ă) x",
            "- x",
            "-X",
            "-5%",
            "+ y",
            "• z",
            "· w",
            "– v",
            "— u",
            "",
            " x",
            "(a)",
            "%",
            "Ω) x",
            "B) x",
            "K) y",
        ];
        for line in lines {
            let a = marker_inner(In::new(line)).ok().map(|(r, v)| (r.location_offset(), v));
            let b = all(In::new(line)).ok().and_then(|(r, (k, n))| {
                let (r, ()) = if matches!(k, BlockKind::Dash | BlockKind::Plus) {
                    (r, ())
                } else {
                    end_of_marker(r).ok()?
                };
                Some((r.location_offset(), (k, n)))
            });
            assert_eq!(a, b, "{line:?}");
        }
    }

    #[test]
    fn numbers() {
        let line = "Số: /KH- SXD";
        let Some(hit) = number_line(line) else { panic!("no number line") };
        assert_eq!(hit.number, None);
        assert_eq!(line.get(hit.symbol.0..hit.symbol.1), Some("KH- SXD"));
        let line = "Số: 263 /KH-UBND";
        let Some(hit) = number_line(line) else { panic!("no number line") };
        assert_eq!(hit.number.and_then(|(s, e)| line.get(s..e)), Some("263"));
        let line = "Số:10988/BNV-CQĐP V/v tuyên truyền";
        let Some(hit) = number_line(line) else { panic!("no number line") };
        assert_eq!(line.get(hit.symbol.0..hit.symbol.1), Some("BNV-CQĐP"));
        assert_eq!(hit.vv.and_then(|v| line.get(v..)), Some("V/v tuyên truyền"));
        let line = "Số: 5155/SGDĐT-GDTXNNĐH Về hướng dẫn";
        let Some(hit) = number_line(line) else { panic!("no number line") };
        assert_eq!(line.get(hit.symbol.0..hit.symbol.1), Some("SGDĐT-GDTXNNĐH"));
        assert_eq!(hit.vv.and_then(|v| line.get(v..)), Some("Về hướng dẫn"));
        assert!(number_line("Số lượng hội nghị").is_none());
        assert!(number_line("Số: abc/KH").is_none());
        // Party documents: "Số 60-NQ/TW" (no colon), "Số: 226-KL/TW".
        for line in ["Số 60-NQ/TW", "Số: 60-NQ/TW"] {
            let Some(hit) = number_line(line) else { panic!("no number line in {line}") };
            assert_eq!(hit.number.and_then(|(s, e)| line.get(s..e)), Some("60"));
            assert_eq!(line.get(hit.symbol.0..hit.symbol.1), Some("NQ/TW"));
        }
        // A law: "Luật số: 60/2024/QH15".
        let line = "Luật số: 60/2024/QH15";
        let Some(hit) = number_line(line) else { panic!("no number line") };
        assert_eq!(hit.number.and_then(|(s, e)| line.get(s..e)), Some("60"));
        assert_eq!(line.get(hit.symbol.0..hit.symbol.1), Some("2024/QH15"));
        // A state number without its colon is left to format/document-number.
        assert!(number_line("Số 12/KH-UBND").is_none());
        assert!(number_without_colon("Số 12/KH-UBND"));
        assert!(number_without_colon("Số /KH-UBND"));
        assert!(!number_without_colon("Số lượng 12/20"));
        assert!(!number_without_colon("Số: 12/KH-UBND"));
        assert!(number_line("Số 12 người").is_none());
        assert!(number_line("Số 1-2 người").is_none());
        assert!(number_line("Luật Đất đai").is_none());
    }

    #[test]
    fn dates() {
        let line = "Hải An, ngày tháng 5 năm 2026";
        let Some(hit) = place_date(line) else { panic!("no date") };
        assert_eq!(hit.place.and_then(|(s, e)| line.get(s..e)), Some("Hải An"));
        assert_eq!(hit.day, None);
        assert_eq!(hit.month.and_then(|(s, e)| line.get(s..e)), Some("5"));
        assert_eq!(hit.year.and_then(|(s, e)| line.get(s..e)), Some("2026"));
        let line = "Hà Nội, ngày 19 tháng 11 năm 2025";
        let Some(hit) = place_date(line) else { panic!("no date") };
        assert_eq!(hit.day.and_then(|(s, e)| line.get(s..e)), Some("19"));
        assert!(place_date("Căn cứ Luật ngày 16 tháng 6 năm 2025 của Quốc hội").is_none());
        assert!(place_date("Thực hiện Kết luận số 226-KL/TW, ngày 11 tháng 12 năm 2025").is_none());
        assert!(place_date("ngày … tháng … năm 2026").is_some());
        // A place without its comma, as long as it ends in a name.
        let line = "Hà Nội ngày 01 tháng 12 năm 2025";
        let Some(hit) = place_date(line) else { panic!("no date") };
        assert_eq!(hit.place.and_then(|(s, e)| line.get(s..e)), Some("Hà Nội"));
        assert!(place_date("Thành phố Hồ Chí Minh ngày 28 tháng 11 năm 2025").is_some());
        assert!(place_date("Tại phiên họp ngày 28 tháng 11 năm 2025").is_none());
        // Forms leave the place blank.
        for line in ["……., ngày … tháng … năm ……", "(Tên địa phương), ngày ... tháng ... năm ..."]
        {
            let Some(hit) = place_date(line) else { panic!("no date in {line}") };
            assert!(hit.place.is_some());
        }
        assert!(place_date("……. ngày … tháng … năm ……").is_none());
    }

    #[test]
    fn authorities() {
        assert_eq!(authority("TM. ỦY BAN NHÂN DÂN"), Some((Authority::Tm, 3)));
        assert_eq!(authority("KT. CHỦ TỊCH"), Some((Authority::Kt, 3)));
        assert_eq!(authority("TUQ. GIÁM ĐỐC"), Some((Authority::Tuq, 4)));
        assert_eq!(authority("Q. GIÁM ĐỐC").map(|a| a.0), Some(Authority::Q));
        assert_eq!(authority("Q. Lê Thanh Nghị"), None);
        assert_eq!(authority("TM.ủy"), None);
        assert_eq!(authority("Thực hiện"), None);
        // Malformed prefixes, kept as written (the length covers the text as typed).
        assert_eq!(authority("Tm ỦY BAN NHÂN DÂN"), Some((Authority::Tm, 2)));
        assert_eq!(authority("KT CHỦ TỊCH"), Some((Authority::Kt, 2)));
        assert_eq!(authority("Kt. CHỦ TỊCH"), Some((Authority::Kt, 3)));
        assert_eq!(authority("tuq GIÁM ĐỐC"), Some((Authority::Tuq, 3)));
        assert_eq!(authority("TMX ỦY BAN"), None);
        assert_eq!(authority("TUQX. ỦY BAN"), None);
        assert_eq!(authority("Q A"), None);
        assert_eq!(authority("KTCHỦ TỊCH"), None);
        assert_eq!(authority("Tm"), None);
        assert_eq!(authority("To CHỨC"), None);
    }
}
