//! Small text helpers shared by the extractors: case-insensitive phrase matching that treats
//! any whitespace run (including a page break's blank line) as one space, clause bounds, and
//! [`Src`], the text an extractor reads with a map back to document offsets.
//!
//! Nothing here allocates per call except [`Src::joined`] (once per multi-piece table cell).

use std::borrow::Cow;

use rasoat_text::Span;

/// The text one extractor call reads: a block's text, or a table cell whose pieces (a row
/// continued across a page break) are joined with `\n`; offsets map back to `doc.text`.
#[derive(Debug, Clone)]
pub struct Src<'a> {
    text: Cow<'a, str>,
    base: usize,
    /// `(local start, document start)` of each piece after the first; empty for one span.
    pieces: Vec<(usize, usize)>,
}

impl<'a> Src<'a> {
    /// `text` found at byte `base` of the document.
    pub fn new(text: &'a str, base: usize) -> Self {
        Src { text: Cow::Borrowed(text), base, pieces: Vec::new() }
    }

    /// The pieces `spans` of `doc` read as one text (joined with `\n`, which every extractor
    /// treats as plain whitespace, so "không quá" / "1 ngày" across pieces still reads).
    pub fn joined(doc: &'a str, spans: &[Span]) -> Self {
        let Some((first, rest)) = spans.split_first() else {
            return Src::new("", 0);
        };
        if rest.is_empty() {
            return Src::new(first.text(doc), first.start);
        }
        let mut text = String::from(first.text(doc));
        let mut pieces = Vec::with_capacity(rest.len());
        for span in rest {
            text.push('\n');
            pieces.push((text.len(), span.start));
            text.push_str(span.text(doc));
        }
        Src { text: Cow::Owned(text), base: first.start, pieces }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The document offset of local offset `local`.
    pub fn at(&self, local: usize) -> usize {
        let idx = self.pieces.partition_point(|&(l, _)| l <= local);
        match idx.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(l, d)) => d + (local - l),
            None => self.base + local,
        }
    }

    /// The document span of the local range `[start, end)`. When the range crosses pieces of a
    /// cell continued on another page, it is cut to the piece holding its end (the number or
    /// date it is about), so a highlight never covers the other cells in between.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let piece = self.piece_start(end.saturating_sub(1).max(start));
        self.cover(start.max(piece), end)
    }

    /// The document span from local `start` to `end`, across pieces (a clause that continues on
    /// the next page): it then also covers what lies between the pieces in the document.
    pub fn cover(&self, start: usize, end: usize) -> Span {
        // An end just past a piece maps through the last char it closes, not the next piece.
        let last = self.text.get(start..end).and_then(|t| t.chars().next_back());
        let end_doc = match last {
            Some(c) => self.at(end - c.len_utf8()) + c.len_utf8(),
            None => self.at(start),
        };
        Span::new(self.at(start), end_doc)
    }

    /// The document span of `[start, end)` cut to the piece holding `start` (a cell's first line).
    pub fn head(&self, start: usize, end: usize) -> Span {
        let next = self.pieces.iter().map(|&(l, _)| l).find(|&l| l > start);
        // The separator before the next piece is not part of this one.
        let cut = next.map_or(end, |l| end.min(l.saturating_sub(1)));
        self.cover(start, cut.max(start))
    }

    /// Local start of the piece holding local offset `local`.
    fn piece_start(&self, local: usize) -> usize {
        let idx = self.pieces.partition_point(|&(l, _)| l <= local);
        idx.checked_sub(1).and_then(|i| self.pieces.get(i)).map_or(0, |&(l, _)| l)
    }
}

/// Fast search for trigger phrases: each phrase as written (lower case) and capitalised,
/// found with SIMD substring search, kept only at word starts. Build once (in a `LazyLock`).
/// ALL-CAPS text is not searched: headings state no deadlines or targets.
pub struct Triggers {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Triggers {
    pub fn new(phrases: &[&str]) -> Self {
        let mut finders = Vec::with_capacity(phrases.len() * 2);
        for p in phrases {
            finders.push(memchr::memmem::Finder::new(p.as_bytes()).into_owned());
            let mut chars = p.chars();
            if let Some(first) = chars.next() {
                let cap: String = first.to_uppercase().chain(chars).collect();
                if cap != *p {
                    finders.push(memchr::memmem::Finder::new(cap.as_bytes()).into_owned());
                }
            }
        }
        Triggers { finders }
    }

    /// Word-start offsets in `s` where a phrase occurs, sorted and without repeats.
    pub fn find(&self, s: &str) -> Vec<usize> {
        let mut hits = Vec::new();
        for f in &self.finders {
            hits.extend(f.find_iter(s.as_bytes()).filter(|&p| at_word_start(s, p)));
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

/// True when byte `p` of `s` starts a word (the previous char is no letter or digit).
pub fn at_word_start(s: &str, p: usize) -> bool {
    s.get(..p).is_some_and(|before| !before.chars().next_back().is_some_and(is_word))
}

/// Word-start offsets of ASCII digit runs ("2026" in "năm 2026", not "15" in "QH15").
pub fn digit_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    (0..b.len()).filter(move |&i| b.get(i).is_some_and(u8::is_ascii_digit) && at_word_start(s, i))
}

/// Case-insensitive equality of a text char with a (lower-case) pattern char.
#[inline]
pub fn eq_ci(c: char, p: char) -> bool {
    c == p || (!c.is_ascii() || c.is_ascii_uppercase()) && c.to_lowercase().eq(p.to_lowercase())
}

#[inline]
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Bytes of `s` matched by the lower-case `phrase` at its start. A space in `phrase` matches
/// any run of whitespace; a phrase ending in a letter or digit must end at a word boundary.
pub fn phrase_at(s: &str, phrase: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let mut consumed = 0;
    for p in phrase.chars() {
        if p == ' ' {
            let mut any = false;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_whitespace() {
                    break;
                }
                consumed = i + c.len_utf8();
                any = true;
                chars.next();
            }
            if !any {
                return None;
            }
        } else {
            let (i, c) = chars.next()?;
            if !eq_ci(c, p) {
                return None;
            }
            consumed = i + c.len_utf8();
        }
    }
    let ends_word = phrase.chars().next_back().is_some_and(is_word);
    if ends_word && chars.peek().is_some_and(|&(_, c)| is_word(c)) {
        return None;
    }
    Some(consumed)
}

/// The first of `phrases` that matches at the start of `s`: `(index, bytes)`.
pub fn any_phrase_at(s: &str, phrases: &[&str]) -> Option<(usize, usize)> {
    phrases.iter().enumerate().find_map(|(i, p)| phrase_at(s, p).map(|n| (i, n)))
}

/// The value of the first `(phrase, value)` entry whose phrase matches at the start of `s`,
/// with the bytes matched.
pub fn first_phrase<T: Copy>(s: &str, table: &[(&str, T)]) -> Option<(T, usize)> {
    table.iter().find_map(|&(p, v)| phrase_at(s, p).map(|n| (v, n)))
}

/// Where the lower-case `phrase` starts if `s`, with trailing whitespace ignored, ends with it
/// at a word boundary.
pub fn phrase_before(s: &str, phrase: &str) -> Option<usize> {
    let trimmed = s.trim_end();
    let mut chars = trimmed.char_indices().rev().peekable();
    let mut start = trimmed.len();
    for p in phrase.chars().rev() {
        if p == ' ' {
            let mut any = false;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_whitespace() {
                    break;
                }
                start = i;
                any = true;
                chars.next();
            }
            if !any {
                return None;
            }
        } else {
            let (i, c) = chars.next()?;
            if !eq_ci(c, p) {
                return None;
            }
            start = i;
        }
    }
    let starts_word = phrase.chars().next().is_some_and(is_word);
    if starts_word && chars.peek().is_some_and(|&(_, c)| is_word(c)) {
        return None;
    }
    Some(start)
}

/// Bytes of leading whitespace.
pub fn ws_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Offsets where a word (a run of letters or digits) starts.
pub fn word_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_word = false;
    s.char_indices().filter_map(move |(i, c)| {
        let w = is_word(c);
        let start = w && !prev_word;
        prev_word = w;
        start.then_some(i)
    })
}

/// True when byte `i` of `s` is a clause boundary: `;`, `:`, a tab (a table cell edge), or a
/// full stop that ends a sentence (followed by whitespace or the end; "1.000" is no boundary).
fn is_boundary(s: &[u8], i: usize) -> bool {
    match s.get(i) {
        Some(b';' | b':' | b'\t') => true,
        Some(b'.') => s.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
        _ => false,
    }
}

/// The clause around `[start, end)`: from after the previous boundary (or the text start) to
/// the next boundary (or the text end), trimmed of whitespace. A page break (blank line) inside
/// a re-joined paragraph is not a boundary.
pub fn clause(s: &str, start: usize, end: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let mut cs = start.min(b.len());
    while cs > 0 && !is_boundary(b, cs - 1) {
        cs -= 1;
    }
    let mut ce = end.min(b.len());
    while ce < b.len() && !is_boundary(b, ce) {
        ce += 1;
    }
    // Trim whitespace (ASCII only, so both ends stay on char boundaries).
    while cs < ce && b.get(cs).is_some_and(|c| c.is_ascii_whitespace()) {
        cs += 1;
    }
    while ce > cs && b.get(ce - 1).is_some_and(|c| c.is_ascii_whitespace()) {
        ce -= 1;
    }
    (cs, ce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_matching_is_case_and_space_insensitive() {
        assert_eq!(phrase_at("Không  ít hơn 60%", "không ít hơn"), Some("Không  ít hơn".len()));
        assert_eq!(phrase_at("KHÔNG QUÁ 1 ngày", "không quá"), Some(11));
        assert_eq!(phrase_at("không quáx", "không quá"), None);
        assert_eq!(phrase_at("không", "không quá"), None);
        assert_eq!(phrase_before("cắt giảm tối\n\nthiểu ", "tối thiểu"), Some("cắt giảm ".len()));
        assert_eq!(phrase_before("tăng giảm", "giảm"), Some("tăng ".len()));
        assert_eq!(phrase_before("xgiảm", "giảm"), None);
    }

    #[test]
    fn clause_stops_at_boundaries_but_not_inside_numbers() {
        let s = "trong năm 2026: số lượng 1.000 hội nghị chiếm 60%; tiếp theo";
        let p = s.find("60%").unwrap_or(0);
        let (a, b) = clause(s, p, p + 3);
        assert_eq!(s.get(a..b), Some("số lượng 1.000 hội nghị chiếm 60%"));
    }

    #[test]
    fn joined_src_maps_back_to_pieces() {
        let doc = "ab\tkhông quá\tx\n\t1 ngày\t";
        let first = Span::new(3, 3 + "không quá".len());
        let second_start = doc.find("1 ngày").unwrap_or(0);
        let second = Span::new(second_start, second_start + "1 ngày".len());
        let src = Src::joined(doc, &[first, second]);
        assert_eq!(src.text(), "không quá\n1 ngày");
        let local = src.text().find('1').unwrap_or(0);
        assert_eq!(src.at(local), second_start);
        assert_eq!(src.cover(0, src.text().len()), Span::new(3, second.end));
        // A highlight is cut to the piece of its end.
        assert_eq!(src.span(0, src.text().len()), second);
        // An end just after a piece's last (multi-byte) char maps to that piece's end.
        assert_eq!(src.span(0, "không quá".len()), first);
    }

    #[test]
    fn word_starts_finds_each_word() {
        let v: Vec<usize> = word_starts("a bc, 12").collect();
        assert_eq!(v, vec![0, 2, 6]);
    }
}
