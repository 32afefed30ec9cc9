//! Tokenising a line into syllable units with canonical keys and context boundaries.
//!
//! Two tokens are neighbours (their pair counts as a bigram) only when nothing but spaces
//! separates them: punctuation, tabs (table cells) and line ends cut the context, so a
//! comma-separated list never lends its pairs to the statistics.

use rasoat_text::Span;
use rasoat_text::syllable::{self, Case};
use rasoat_text::token::{TokenKind, tokens};

/// The key all numbers share: "năm 2026" and "năm 2025" are one context.
pub const NUMBER_KEY: &str = "0";

/// What a token is, for the spelling checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A well-formed Vietnamese syllable (structure; the tone may be misplaced).
    Syllable,
    /// Letters that do not form a Vietnamese syllable (abbreviations, foreign words, typos).
    Other,
    Number,
    /// Letters and digits mixed ("vie65t", "2026a"): no context on either side.
    Mixed,
}

/// One token of a line.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub text: &'a str,
    pub span: Span,
    pub class: Class,
    pub case: Case,
    /// Punctuation, a tab or the line start lies between this token and the previous one.
    pub boundary_before: bool,
    /// Starts a sentence: first word of the line, or after . ! ? : ; ) — so its capital letter
    /// says nothing about being a name.
    pub sentence_start: bool,
    /// Inside a URL, an e-mail address or a path: never checked.
    pub protected: bool,
}

fn case_of(text: &str) -> Case {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return Case::Lower };
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

/// Byte ranges of whitespace-separated chunks that look like URLs, e-mails or paths.
fn protected_ranges(line: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate().chain(std::iter::once((bytes.len(), &b' '))) {
        if b == b' ' || b == b'\t' || b == b'\n' {
            if i > start {
                let chunk = line.get(start..i).unwrap_or("");
                let lower_has = |p: &str| chunk.contains(p);
                if lower_has("@")
                    || lower_has("://")
                    || lower_has("www.")
                    || lower_has(".vn")
                    || lower_has(".com")
                    || lower_has(".gov")
                    || lower_has(".org")
                    || lower_has(".net")
                    || lower_has("\\")
                {
                    out.push((start, i));
                }
            }
            start = i + 1;
        }
    }
}

/// Tokenise `line` (which starts at byte `base` of the document) into `out`.
pub fn scan_line<'a>(line: &'a str, base: usize, out: &mut Vec<Unit<'a>>, scratch: &mut Vec<(usize, usize)>) {
    out.clear();
    protected_ranges(line, scratch);
    let mut prev_end = 0usize;
    let mut first_word = true;
    for tok in tokens(line, 0) {
        let gap = line.get(prev_end..tok.span.start).unwrap_or("");
        let at_line_start = prev_end == 0 && out.is_empty();
        let boundary_before = at_line_start || gap.chars().any(|c| !matches!(c, ' ' | '\u{a0}'));
        // ")" ends a point marker ("a) Bám sát") only right after the line's first token;
        // elsewhere it closes a parenthesis inside a sentence.
        let marker_close = gap.contains(')') && out.len() == 1;
        let sentence_start = first_word
            || marker_close
            || gap.chars().any(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\t' | '“' | '"'));
        let class = match tok.kind {
            TokenKind::Number => Class::Number,
            TokenKind::Mixed => Class::Mixed,
            TokenKind::Word => {
                if syllable::parse(tok.text).is_ok() {
                    Class::Syllable
                } else {
                    Class::Other
                }
            }
        };
        if class != Class::Number {
            first_word = false;
        }
        let protected = scratch.iter().any(|&(s, e)| tok.span.start >= s && tok.span.end <= e);
        out.push(Unit {
            text: tok.text,
            span: Span::new(base + tok.span.start, base + tok.span.end),
            class,
            case: case_of(tok.text),
            boundary_before,
            sentence_start,
            protected,
        });
        prev_end = tok.span.end;
    }
}

/// Canonical statistics key of a unit into `out` (cleared first); `false` when the unit has no
/// key (mixed letters and digits).
pub fn key_into(unit: &Unit<'_>, out: &mut String) -> bool {
    out.clear();
    match unit.class {
        Class::Number => {
            out.push_str(NUMBER_KEY);
            true
        }
        Class::Mixed => false,
        Class::Syllable | Class::Other => {
            syllable::canonical_into(unit.text, out);
            true
        }
    }
}

/// Share of a line's word tokens that are Vietnamese syllables; lines mostly in another
/// language (English titles, code) are not checked.
pub fn vietnamese_share(units: &[Unit<'_>]) -> (usize, usize) {
    let words = units.iter().filter(|u| matches!(u.class, Class::Syllable | Class::Other));
    let (mut viet, mut total) = (0usize, 0usize);
    for u in words {
        total += 1;
        viet += usize::from(u.class == Class::Syllable && !u.text.is_ascii());
    }
    (viet, total)
}

/// Is a line worth checking as Vietnamese prose? At least one syllable in three carries a
/// Vietnamese mark (ASCII-only syllables like "the", "to", "an" exist in English too).
pub fn is_vietnamese_line(units: &[Unit<'_>]) -> bool {
    let (viet, total) = vietnamese_share(units);
    total > 0 && viet * 3 >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(line: &str) -> Vec<Unit<'_>> {
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        scan_line(line, 0, &mut out, &mut scratch);
        out
    }

    #[test]
    fn boundaries_and_sentence_starts() {
        let u = units("a) Bám sát chỉ đạo, chuyển đổi số. Phấn đấu");
        let texts: Vec<_> = u.iter().map(|u| (u.text, u.boundary_before, u.sentence_start)).collect();
        assert_eq!(texts.first(), Some(&("a", true, true)));
        assert_eq!(texts.get(1), Some(&("Bám", true, true)));
        assert_eq!(texts.get(2), Some(&("sát", false, false)));
        assert_eq!(texts.get(5), Some(&("chuyển", true, false)));
        assert_eq!(texts.get(8), Some(&("Phấn", true, true)));
    }

    #[test]
    fn urls_are_protected() {
        let u = units("truy cập https://dichvucong.gov.vn hoặc thu@gmail.com nhé");
        assert!(u.iter().filter(|u| u.text == "dichvucong" || u.text == "gmail").all(|u| u.protected));
        assert!(u.iter().filter(|u| u.text == "nhé").all(|u| !u.protected));
    }

    #[test]
    fn foreign_lines() {
        assert!(!is_vietnamese_line(&units("Ministry of Home Affairs online report")));
        assert!(is_vietnamese_line(&units("Kế hoạch triển khai thực hiện")));
    }
}
