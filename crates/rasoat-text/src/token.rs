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

/// `(c.is_alphabetic(), c.is_numeric())`, answered without the Unicode tables for ASCII, for
/// the Latin blocks every Vietnamese letter is in (Latin-1 letters, Latin Extended-A/B, Latin
/// Extended Additional) and for General Punctuation (dashes, quotes, "…": common separators
/// in plans, neither letters nor digits): the table lookup (`alphabetic::lookup_slow`) was ~5%
/// of a whole run on large files. Other characters ask the standard library; a test compares
/// every character.
#[inline]
pub fn class(c: char) -> (bool, bool) {
    let u = u32::from(c);
    if u < 0x80 {
        return (c.is_ascii_alphabetic(), c.is_ascii_digit());
    }
    if (0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7 || (0x1E00..=0x1EFF).contains(&u) {
        return (true, false);
    }
    if (0x2000..=0x206F).contains(&u) {
        return (false, false);
    }
    (c.is_alphabetic(), c.is_numeric())
}

/// `c.is_alphanumeric()`, with the fast paths of [`class`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    let (alpha, numeric) = class(c);
    alpha || numeric
}

fn unicode_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Character flags: what [`class`] says, and whether it is a combining mark. A character
/// belongs to a word when any flag is set.
const ALPHA: u8 = 1;
const NUMERIC: u8 = 2;
const COMBINING: u8 = 4;

/// Flags of the ASCII characters.
const ASCII_FLAGS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => ALPHA,
            b'0'..=b'9' => NUMERIC,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// A character that belongs to a token (a letter, a digit or a combining mark): a word
/// boundary lies between such a character and any other. Every rule that looks for words
/// uses this one definition.
#[inline]
pub fn is_word_char(c: char) -> bool {
    flags_of(c) != 0
}

/// The flags of a character, from the standard library's tables.
fn flags_of(c: char) -> u8 {
    let (alpha, numeric) = class(c);
    let mut f = 0;
    if alpha {
        f |= ALPHA;
    }
    if numeric {
        f |= NUMERIC;
    }
    if unicode_combining(c) {
        f |= COMBINING;
    }
    f
}

/// The length and flags of the character at byte `i` of `text` (`None` at the end). ASCII,
/// Latin-1 to Latin Extended-B letters and ạ..ỹ (nearly every character of a plan) are read
/// from their bytes; others are decoded.
#[inline]
fn flags_at(text: &str, i: usize) -> Option<(usize, u8)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(i)?;
    if let Some(&f) = ASCII_FLAGS.get(usize::from(lead)) {
        return Some((1, f));
    }
    let second = bytes.get(i + 1).copied().unwrap_or(0);
    match lead {
        // U+00C0..U+023F: letters but × (C3 97) and ÷ (C3 B7).
        0xC3..=0xC8 => {
            return Some((2, if lead == 0xC3 && matches!(second, 0x97 | 0xB7) { 0 } else { ALPHA }));
        }
        // U+0240..U+024F.
        0xC9 if second <= 0x8F => return Some((2, ALPHA)),
        // U+1E00..U+1EFF.
        0xE1 if (0xB8..=0xBB).contains(&second) => return Some((3, ALPHA)),
        _ => {}
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c.len_utf8(), flags_of(c)))
}

/// The lines of `text` as `text.split('\n')` gives them, each with its byte offset. The line
/// ends are found by `memchr` (vectorised): the spelling engine splits every document so, and
/// `str::split`'s searcher cost ~2.5 instructions a byte there.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = text.get(start..)?;
        match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let at = start;
                start += i + 1;
                Some((at, rest.get(..i)?))
            }
            None => {
                done = true;
                Some((start, rest))
            }
        }
    })
}

/// Iterate over the tokens of `text`, with spans relative to `base` (the offset of `text`
/// inside the document).
pub fn tokens(text: &str, base: usize) -> Tokens<'_> {
    Tokens { text, base, at: 0 }
}

/// The iterator [`tokens`] returns.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    base: usize,
    /// Where the next search starts.
    at: usize,
}

/// Flags of every byte as a lead byte: the ASCII flags, or [`MULTI`] for a non-ASCII lead
/// (decoded by [`flags_at`]). One load decides the common case, ASCII letters and spaces.
const MULTI: u8 = 0x80;
const BYTE_FLAGS: [u8; 256] = {
    let mut t = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_FLAGS[b];
        b += 1;
    }
    t
};

/// A token's kind by its letter and digit flags (one load, not two tests): letters and
/// digits make Mixed, digits alone Number, the rest (letters, or combining marks alone) Word.
const KINDS: [TokenKind; 4] = {
    let mut t = [TokenKind::Word; 4];
    t[NUMERIC as usize] = TokenKind::Number;
    t[(ALPHA | NUMERIC) as usize] = TokenKind::Mixed;
    t
};

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let byte_flags =
            |i: usize| bytes.get(i).map(|&b| BYTE_FLAGS.get(usize::from(b)).copied().unwrap_or(MULTI));
        let mut i = self.at;
        // Skip separators.
        let (start, mut flags, mut end) = loop {
            let Some(f) = byte_flags(i) else {
                self.at = self.text.len();
                return None;
            };
            if f == 0 {
                i += 1;
                continue;
            }
            if f != MULTI {
                break (i, f, i + 1);
            }
            let Some((len, f)) = flags_at(self.text, i) else {
                self.at = self.text.len();
                return None;
            };
            if f != 0 {
                break (i, f, i + len);
            }
            i += len;
        };
        while let Some(f) = byte_flags(end) {
            if f == 0 {
                break;
            }
            if f != MULTI {
                flags |= f;
                end += 1;
                continue;
            }
            let Some((len, f)) = flags_at(self.text, end) else { break };
            if f == 0 {
                break;
            }
            flags |= f;
            end += len;
        }
        self.at = end;
        let kind = KINDS.get(usize::from(flags & (ALPHA | NUMERIC))).copied().unwrap_or(TokenKind::Word);
        let slice = self.text.get(start..end).unwrap_or("");
        Some(Token { text: slice, span: Span::new(self.base + start, self.base + end), kind })
    }
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

    /// The tokeniser as first written, over decoded characters.
    fn tokens_reference(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let word = |c: char| c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36F}');
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((start, first)) = iter.next() {
            if !word(first) {
                continue;
            }
            let (mut letters, mut digits) = (first.is_alphabetic(), first.is_numeric());
            let mut end = start + first.len_utf8();
            while let Some(&(i, c)) = iter.peek() {
                if !word(c) {
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
            out.push((start, end, kind));
        }
        out
    }

    #[test]
    fn byte_flags_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(flags_at(&s, 0), Some((c.len_utf8(), flags_of(c))), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The memchr line splitter gives what `split('\n')` gives, with offsets.
        #[test]
        fn lines_agree_with_split(text in "([a-zđà ]{0,5}|\n|\r\n|\n\n){0,12}") {
            let mut offset = 0usize;
            let want: Vec<(usize, &str)> = text
                .split('\n')
                .map(|l| {
                    let at = offset;
                    offset += l.len() + 1;
                    (at, l)
                })
                .collect();
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), want);
        }

        #[test]
        fn tokens_agree_with_the_reference(text in "([a-zA-Z0-9]{1,4}|[ .,;:/()\t\n-]{1,2}|[àÀ×÷ĐđƠơỜờẠạỹ]{1,2}|[\u{300}-\u{36F}]|[Ⅰ²]|\\PC){0,30}") {
            let ours: Vec<_> = tokens(&text, 0).map(|t| (t.span.start, t.span.end, t.kind)).collect();
            proptest::prop_assert_eq!(ours, tokens_reference(&text));
        }
    }

    #[test]
    fn kinds_agree_with_the_flags() {
        for flags in 0..8u8 {
            let want = match (flags & ALPHA != 0, flags & NUMERIC != 0) {
                (true, true) => TokenKind::Mixed,
                (false, true) => TokenKind::Number,
                _ => TokenKind::Word,
            };
            assert_eq!(KINDS.get(usize::from(flags & (ALPHA | NUMERIC))).copied(), Some(want), "{flags}");
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
