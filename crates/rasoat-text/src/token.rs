//! Tokenising text into word-like runs with spans.
//!
//! A token is a maximal run of letters, digits and in-word marks (combining marks, and the
//! apostrophe/hyphen only between letters is *not* joined: Vietnamese syllables never contain
//! them). Tokens borrow from the text: no allocation per token.

use crate::span::Span;

/// What a token is made of; rules use it to skip codes and numbers cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Only letters (and combining marks): a candidate Vietnamese syllable or a foreign word.
    Word,
    /// Only digits.
    Number,
    /// Letters mixed with digits ("KH-UBND" is two tokens; "vie65t", "2026a" are Mixed).
    Mixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    pub kind: TokenKind,
}

fn is_word_char(c: char) -> bool {
    let (alpha, numeric) = class(c);
    alpha || numeric || unicode_combining(c)
}

/// `(c.is_alphabetic(), c.is_numeric())`, answered without the Unicode tables for ASCII and
/// for the Latin blocks every Vietnamese letter is in (Latin-1 letters, Latin Extended-A/B,
/// Latin Extended Additional): the table lookup (`alphabetic::lookup_slow`) was ~5% of a
/// whole run on large files. Other characters ask the standard library.
#[inline]
pub(crate) fn class(c: char) -> (bool, bool) {
    let u = u32::from(c);
    if u < 0x80 {
        return (c.is_ascii_alphabetic(), c.is_ascii_digit());
    }
    if (0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7 || (0x1E00..=0x1EFF).contains(&u) {
        return (true, false);
    }
    (c.is_alphabetic(), c.is_numeric())
}

/// `c.is_alphanumeric()`, with the fast paths of [`class`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    let (alpha, numeric) = class(c);
    alpha || numeric
}

fn unicode_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Iterate over the tokens of `text`, with spans relative to `base` (the offset of `text`
/// inside the document).
pub fn tokens(text: &str, base: usize) -> impl Iterator<Item = Token<'_>> {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip separators.
        let (start, first) = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = start + first.len_utf8();
        let (mut letters, mut digits) = class(first);
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                break;
            }
            let (alpha, numeric) = class(c);
            letters |= alpha;
            digits |= numeric;
            end = i + c.len_utf8();
            iter.next();
        }
        let kind = match (letters, digits) {
            (true, true) => TokenKind::Mixed,
            (false, true) => TokenKind::Number,
            _ => TokenKind::Word,
        };
        let slice = text.get(start..end).unwrap_or("");
        Some(Token { text: slice, span: Span::new(base + start, base + end), kind })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_classes_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(class(c), (c.is_alphabetic(), c.is_numeric()), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn splits_words_numbers_and_codes() {
        let toks: Vec<_> = tokens("Số: 263/KH-UBND vie65t", 10).collect();
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Số", "263", "KH", "UBND", "vie65t"]);
        assert_eq!(toks.first().map(|t| t.span), Some(Span::new(10, 14)));
        assert_eq!(toks.get(1).map(|t| t.kind), Some(TokenKind::Number));
        assert_eq!(toks.get(4).map(|t| t.kind), Some(TokenKind::Mixed));
    }
}
