//! nom grammars for the small things facts are made of: numbers with a decimal comma, dates in
//! both spellings, Roman numerals, years.
//!
//! All parsers take `&str` and are case-insensitive for words; a space in a keyword matches any
//! whitespace run (see [`kw`]).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{take_while_m_n, take_while1},
    character::complete::{char, digit1, multispace0, one_of},
    combinator::{opt, recognize},
    error::{Error, ErrorKind},
    multi::many0_count,
    sequence::preceded,
};

use super::text::{is_word, phrase_at};

fn fail<T>(s: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(Error::new(s, ErrorKind::Tag)))
}

/// A keyword (lower-case, spaces match any whitespace), ending at a word boundary.
pub fn kw<'a>(phrase: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |s: &'a str| match phrase_at(s, phrase) {
        Some(n) => Ok((s.get(n..).unwrap_or(""), s.get(..n).unwrap_or(""))),
        None => fail(s),
    }
}

/// Whitespace, possibly none.
pub fn ws(s: &str) -> IResult<&str, &str> {
    multispace0(s)
}

/// Fails when the next char continues a word or a number (`2026a`, `10/5` after `10`).
fn boundary(s: &str) -> IResult<&str, ()> {
    match s.chars().next() {
        Some(c) if is_word(c) => fail(s),
        _ => Ok((s, ())),
    }
}

/// Value of a digit string (saturating: a long run of digits is never a real quantity).
pub fn digits_value(d: &str) -> u64 {
    d.bytes().fold(0u64, |acc, b| acc.saturating_mul(10).saturating_add(u64::from(b.wrapping_sub(b'0'))))
}

/// A number as Vietnamese writes it: `60`, `1,5` (decimal comma), `1.000` / `12.500,5`
/// (dot groups thousands). Returns the value.
pub fn decimal(s: &str) -> IResult<&str, f64> {
    let group = preceded(char('.'), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()));
    let frac = preceded(char(','), digit1);
    let (rest, text) = recognize((digit1, many0_count(group), opt(frac))).parse(s)?;
    let (rest, ()) = boundary(rest)?;
    let mut int = 0f64;
    let mut frac_val = 0f64;
    let mut scale = 1f64;
    let mut in_frac = false;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' if in_frac => {
                scale /= 10.0;
                frac_val += f64::from(b - b'0') * scale;
            }
            b'0'..=b'9' => int = int * 10.0 + f64::from(b - b'0'),
            b',' => in_frac = true,
            _ => {}
        }
    }
    Ok((rest, int + frac_val))
}

/// A quantity of days or percent: a [`decimal`] or a fraction `1/2`.
pub fn quantity(s: &str) -> IResult<&str, f64> {
    let fraction: IResult<&str, (&str, char, &str)> = (digit1, char('/'), digit1).parse(s);
    if let Ok((rest, (n_text, _, d))) = fraction {
        let (n, d) = (digits_value(n_text), digits_value(d));
        // Only small denominators are fractions ("1/2", "2/3"); "12/60" is a ratio of counts.
        // A leading zero ("01/03") writes "1 of 3" items, not a third.
        let padded = n_text.starts_with('0');
        if (1..=10).contains(&d) && n < d && !padded && boundary(rest).is_ok() {
            return Ok((rest, n as f64 / d as f64));
        }
    }
    decimal(s)
}

/// 1–2 digits as a day or month.
fn small(s: &str) -> IResult<&str, u8> {
    let (rest, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(s)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(s);
    }
    Ok((rest, u8::try_from(digits_value(d)).unwrap_or(u8::MAX)))
}

/// A four-digit year (1900–2199).
pub fn year(s: &str) -> IResult<&str, i32> {
    let (rest, d) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(s)?;
    let (rest, ()) = boundary(rest)?;
    let y = i32::try_from(digits_value(d)).unwrap_or(0);
    if (1900..2200).contains(&y) { Ok((rest, y)) } else { fail(s) }
}

/// A day, month and optional year as written; the caller supplies a missing year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    pub day: u8,
    pub month: u8,
    pub year: Option<i32>,
}

/// `10/5/2026`, `10/5`, `10-5-2026`, `10.5.2026` (spaces around the separator tolerated).
pub fn date_numeric(s: &str) -> IResult<&str, DayMonth> {
    let sep = || (ws, one_of("/-."), ws);
    let (rest, (day, _, month)) = (small, sep(), small).parse(s)?;
    let (rest, year) = opt(preceded(sep(), year)).parse(rest)?;
    // "10/5" followed by another separator and digits is something else (a number/symbol).
    let (rest, ()) = boundary(rest)?;
    if year.is_none() && rest.starts_with(['/', '-']) {
        return fail(s);
    }
    // Without a year only a plausible day and month make a date ("12/60 ngày" is a ratio); with
    // one, an impossible date (31/4/2026) is kept for a rule to flag.
    if year.is_none() && !((1..=31).contains(&day) && (1..=12).contains(&month)) {
        return fail(s);
    }
    Ok((rest, DayMonth { day, month, year }))
}

/// `24 tháng 01 năm 2019`, `10 tháng 6`.
pub fn date_words(s: &str) -> IResult<&str, DayMonth> {
    let (rest, (day, _, _, _, month)) = (small, ws, kw("tháng"), ws, small).parse(s)?;
    let (rest, year) = opt(preceded((ws, kw("năm"), ws), year)).parse(rest)?;
    let (rest, ()) = boundary(rest)?;
    Ok((rest, DayMonth { day, month, year }))
}

/// A date in either spelling.
pub fn date(s: &str) -> IResult<&str, DayMonth> {
    alt((date_words, date_numeric)).parse(s)
}

/// A Roman numeral I–XII (upper or lower case), ending at a word boundary.
pub fn roman(s: &str) -> IResult<&str, u32> {
    let (rest, r) = take_while1(|c: char| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x')).parse(s)?;
    let (rest, ()) = boundary(rest)?;
    let value = match r.to_ascii_uppercase().as_str() {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "V" => 5,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        "X" => 10,
        "XI" => 11,
        "XII" => 12,
        _ => return fail(s),
    };
    Ok((rest, value))
}

/// A month number 1–12 or a quarter as a Roman numeral or digit (`Quý 2`).
pub fn small_or_roman(s: &str) -> IResult<&str, u32> {
    alt((roman, |s| small(s).map(|(r, v)| (r, u32::from(v))))).parse(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val<T>(r: IResult<&str, T>) -> Option<T> {
        r.ok().map(|(_, v)| v)
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(val(decimal("1,5 ngày")), Some(1.5));
        assert_eq!(val(decimal("60%")), Some(60.0));
        assert_eq!(val(decimal("1.000 hồ sơ")), Some(1000.0));
        assert_eq!(val(decimal("12.500,25")), Some(12500.25));
        assert_eq!(val(decimal("15a")), None);
        assert_eq!(val(quantity("1/2 ngày")), Some(0.5));
        assert_eq!(val(quantity("01 ngày")), Some(1.0));
        assert_eq!(val(quantity("12/60 ngày")), Some(12.0));
        assert_eq!(val(quantity("01/03 ngày")), Some(1.0));
    }

    #[test]
    fn dates_in_both_spellings_agree() {
        let a = val(date("24/01/2019"));
        let b = val(date("24 tháng 01 năm 2019"));
        assert_eq!(a, Some(DayMonth { day: 24, month: 1, year: Some(2019) }));
        assert_eq!(a, b);
        assert_eq!(val(date("10 Tháng 6,")), Some(DayMonth { day: 10, month: 6, year: None }));
        assert_eq!(val(date("10/5")), Some(DayMonth { day: 10, month: 5, year: None }));
        assert_eq!(val(date("31 / 4 / 2026")), Some(DayMonth { day: 31, month: 4, year: Some(2026) }));
        // A symbol, not a date.
        assert_eq!(val(date("09/2019/NĐ-CP")), None);
        assert_eq!(val(date("2021-2030")), None);
        assert_eq!(val(date("12/60 ngày")), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(val(roman("IV/2026")), Some(4));
        assert_eq!(val(roman("iii năm")), Some(3));
        assert_eq!(val(roman("IIII")), None);
        assert_eq!(val(roman("IVa")), None);
        assert_eq!(val(small_or_roman("2 năm")), Some(2));
    }

    #[test]
    fn keywords_match_any_case_and_spacing() {
        assert_eq!(val(kw("trở lên")("TRỞ  LÊN.")), Some("TRỞ  LÊN"));
        assert!(kw("năm")("nămx").is_err());
        assert_eq!(val(year("2026)")), Some(2026));
        assert!(year("20261").is_err());
    }
}
