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
    c.is_alphanumeric() || unicode_combining(c)
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
        let (mut letters, mut digits) = (first.is_alphabetic(), first.is_numeric());
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                break;
            }
            letters |= c.is_alphabetic();
            digits |= c.is_numeric();
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
    fn splits_words_numbers_and_codes() {
        let toks: Vec<_> = tokens("Số: 263/KH-UBND vie65t", 10).collect();
        let texts: Vec<_> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Số", "263", "KH", "UBND", "vie65t"]);
        assert_eq!(toks.first().map(|t| t.span), Some(Span::new(10, 14)));
        assert_eq!(toks.get(1).map(|t| t.kind), Some(TokenKind::Number));
        assert_eq!(toks.get(4).map(|t| t.kind), Some(TokenKind::Mixed));
    }
}
