//! Small text helpers shared by the extractors: case-insensitive phrase matching that treats
//! any whitespace run (including a page break's blank line) as one space, clause bounds, and
//! [`Src`], the text an extractor reads with a map back to document offsets.
//!
//! Nothing here allocates per token: [`Src::joined`] copies once per multi-piece table cell,
//! [`Triggers::find`] returns one (usually empty) list per call.

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
    /// Candidate positions found once over the whole document (see [`Hits`]).
    hits: Option<&'a Hits>,
}

/// Candidate positions found once over a whole document, so that each block does not run
/// its own searches (their fixed cost per call dominated on short blocks). Document offsets,
/// sorted. Extractors fall back to searching their own text when a [`Src`] has none.
#[derive(Debug, Default)]
pub struct Hits {
    /// Bytes in `/`..=`9`: digits and slashes.
    pub numeric: Vec<usize>,
    /// Starts of vague-target phrases.
    pub vague: Vec<usize>,
    /// Starts of deadline triggers.
    pub deadline: Vec<usize>,
    /// "ngày" and "buổi".
    pub day_units: Vec<usize>,
}

/// One of two iterators (a hit list or a search of the text).
pub enum Either<A, B> {
    Left(A),
    Right(B),
}

impl<A: Iterator<Item = usize>, B: Iterator<Item = usize>> Iterator for Either<A, B> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Either::Left(a) => a.next(),
            Either::Right(b) => b.next(),
        }
    }
}

impl<'a> Src<'a> {
    /// `text` found at byte `base` of the document.
    pub fn new(text: &'a str, base: usize) -> Self {
        Src { text: Cow::Borrowed(text), base, pieces: Vec::new(), hits: None }
    }

    /// Use positions found over the whole document instead of searching this text again.
    pub fn with_hits(mut self, hits: &'a Hits) -> Self {
        self.hits = Some(hits);
        self
    }

    /// The local offsets of a document-level hit list that fall in this text; `None` when the
    /// text has no hits (or is a joined cell, whose pieces are not contiguous).
    pub fn hits_in(&self, pick: fn(&Hits) -> &Vec<usize>) -> Option<impl Iterator<Item = usize> + 'a> {
        let hits: &'a Hits = self.hits.filter(|_| self.pieces.is_empty())?;
        let list: &'a [usize] = pick(hits);
        let (lo, hi) = (self.base, self.base + self.text.len());
        let a = list.partition_point(|&p| p < lo);
        let b = list.partition_point(|&p| p < hi);
        Some(list.get(a..b).unwrap_or_default().iter().map(move |&p| p - lo))
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
        Src { text: Cow::Owned(text), base: first.start, pieces, hits: None }
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

/// Fast search for trigger phrases, lower case or capitalised. Each phrase is searched for
/// without its first letter ("a số" for "đa số"/"Đa số") with SIMD substring search, so one
/// search covers both forms; a hit is then confirmed by [`phrase_at`] at a word start. ALL-CAPS
/// text is not searched: headings state no targets or deadlines. Build once (`LazyLock`).
pub struct Triggers {
    /// (search for the members' tails, first letter in lower and upper case, the members:
    /// each phrase with its tail).
    groups: Vec<TriggerGroup>,
    /// More than one phrase: hits are sorted and deduplicated.
    many: bool,
}

/// Phrases with their tails (the phrase without its first letter).
type Members = Vec<(&'static str, &'static str)>;

type TriggerGroup = (memchr::memmem::Finder<'static>, char, char, Members);

impl Triggers {
    pub fn new(phrases: &[&'static str]) -> Self {
        // Phrases with the same first letter whose tails share their first word up to a space
        // ("thời gian", "thời hạn") share one search, for that word and its space: one pass
        // over the text fewer. A word and one space has no border, so no match of it hides
        // another, and each member's own tail is checked where it is found.
        let mut keyed: Vec<(&'static str, char, char, Members)> = Vec::new();
        for &p in phrases {
            let Some(first) = p.chars().next() else { continue };
            let upper = first.to_uppercase().next().unwrap_or(first);
            let Some(tail) = p.get(first.len_utf8()..) else { continue };
            let key = tail.find(' ').and_then(|i| tail.get(..=i)).unwrap_or(tail);
            match keyed.iter_mut().find(|g| g.1 == first && g.0 == key && key.ends_with(' ')) {
                Some(g) => g.3.push((p, tail)),
                None => keyed.push((key, first, upper, vec![(p, tail)])),
            }
        }
        let many = keyed.iter().map(|g| g.3.len()).sum::<usize>() > 1;
        let groups = keyed
            .into_iter()
            .map(|(key, first, upper, members)| {
                // A lone phrase is searched for by its whole tail, as specific as it gets.
                let needle = match members.as_slice() {
                    [(_, tail)] => *tail,
                    _ => key,
                };
                (memchr::memmem::Finder::new(needle.as_bytes()).into_owned(), first, upper, members)
            })
            .collect();
        Triggers { groups, many }
    }

    /// Word-start offsets in `s` where a phrase occurs, in order.
    pub fn find(&self, s: &str) -> Vec<usize> {
        let mut hits = Vec::new();
        let bytes = s.as_bytes();
        for (finder, lower, upper, members) in &self.groups {
            for p in finder.find_iter(bytes) {
                let start = [*lower, *upper].into_iter().find_map(|c| {
                    let start = p.checked_sub(c.len_utf8())?;
                    s.get(start..p)?.starts_with(c).then_some(start)
                });
                if let Some(start) = start
                    && at_word_start(s, start)
                    && members.iter().any(|(phrase, tail)| {
                        bytes.get(p..).is_some_and(|r| r.starts_with(tail.as_bytes()))
                            && s.get(start..).and_then(|r| phrase_at(r, phrase)).is_some()
                    })
                {
                    hits.push(start);
                }
            }
        }
        if self.many {
            hits.sort_unstable();
            hits.dedup();
        }
        hits
    }
}

/// [`Triggers::find`] as first written: one search a phrase (kept for the test that they agree).
#[cfg(test)]
fn triggers_find_plain(phrases: &[&'static str], s: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    for &phrase in phrases {
        let Some(lower) = phrase.chars().next() else { continue };
        let upper = lower.to_uppercase().next().unwrap_or(lower);
        let Some(tail) = phrase.get(lower.len_utf8()..) else { continue };
        for p in memchr::memmem::find_iter(s.as_bytes(), tail.as_bytes()) {
            let start = [lower, upper].into_iter().find_map(|c| {
                let start = p.checked_sub(c.len_utf8())?;
                s.get(start..p)?.starts_with(c).then_some(start)
            });
            if let Some(start) = start
                && at_word_start(s, start)
                && s.get(start..).and_then(|r| phrase_at(r, phrase)).is_some()
            {
                hits.push(start);
            }
        }
    }
    if phrases.len() > 1 {
        hits.sort_unstable();
        hits.dedup();
    }
    hits
}

/// True when byte `p` of `s` starts a word (the previous char is no letter or digit).
pub fn at_word_start(s: &str, p: usize) -> bool {
    s.is_char_boundary(p) && s.get(..p).is_some_and(|before| !before.chars().next_back().is_some_and(is_word))
}

/// Offsets of the bytes of `hay` in `lo..=hi` (both below 0x80), in order. Eight bytes are
/// tested at a time (a SWAR range test): facts start at digits, which are rare in prose, and a
/// byte-by-byte loop over every block was the extractors' largest cost. The test is exact per
/// byte (no carry crosses a byte), so its mask's set bits are the offsets themselves.
pub fn bytes_in_range(hay: &[u8], lo: u8, hi: u8) -> impl Iterator<Item = usize> + '_ {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    let (m, n) = (u64::from(lo.saturating_sub(1)), u64::from(hi.saturating_add(1).min(0x80)));
    // The high bit of each byte b of x with m < b < n (from "Bit Twiddling Hacks", hasbetween).
    let between = move |x: u64| {
        (ONES * (127 + n)).wrapping_sub(x & (ONES * 127))
            & !x
            & (x & (ONES * 127)).wrapping_add(ONES * (127 - m))
            & HIGH
    };
    let mut chunks = hay.chunks_exact(8);
    let tail_start = hay.len() - chunks.remainder().len();
    let mut tail = tail_start..hay.len();
    // `base`: offset of the chunk `mask` was taken from; `next`: of the chunk after it.
    let (mut base, mut next, mut mask) = (0usize, 0usize, 0u64);
    std::iter::from_fn(move || {
        loop {
            if mask != 0 {
                let i = base + (mask.trailing_zeros() / 8) as usize;
                mask &= mask - 1;
                return Some(i);
            }
            match chunks.next() {
                Some(chunk) => {
                    (base, next) = (next, next + 8);
                    let bytes = <[u8; 8]>::try_from(chunk).unwrap_or_default();
                    mask = between(u64::from_le_bytes(bytes));
                }
                None => {
                    // The short tail: its bytes one by one.
                    return tail.find(|&i| hay.get(i).is_some_and(|b| (lo..=hi).contains(b)));
                }
            }
        }
    })
}

/// Word-start offsets of ASCII digit runs ("2026" in "năm 2026", not "15" in "QH15").
pub fn digit_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    bytes_in_range(s.as_bytes(), b'0', b'9').filter(move |&i| at_word_start(s, i))
}

/// Offsets of bytes in `/`..=`9` in `src`'s text, from the document's hits when it has them.
pub fn numeric_bytes<'s>(src: &'s Src<'_>) -> impl Iterator<Item = usize> + 's {
    match src.hits_in(|h| &h.numeric) {
        Some(hits) => Either::Left(hits),
        None => Either::Right(bytes_in_range(src.text().as_bytes(), b'/', b'9')),
    }
}

/// Case-insensitive equality of a text char with a (lower-case) pattern char.
#[inline]
pub fn eq_ci(c: char, p: char) -> bool {
    if c == p {
        return true;
    }
    // The Unicode case tables are a search; ASCII needs none. The only non-ASCII char whose
    // lower case is ASCII is the Kelvin sign (K → k), so a mixed pair matches only through it.
    match (c.is_ascii(), p.is_ascii()) {
        (true, true) => c.is_ascii_uppercase() && c.eq_ignore_ascii_case(&p),
        (true, false) => c == 'K' && p == KELVIN,
        (false, true) => c == KELVIN && p.eq_ignore_ascii_case(&'k'),
        (false, false) => match (vietnamese_lower(c), vietnamese_lower(p)) {
            (Some(a), Some(b)) => a == b,
            _ => c.to_lowercase().eq(p.to_lowercase()),
        },
    }
}

/// The lower case of a Vietnamese letter from the Latin-1 and Latin Extended Additional
/// blocks and of ă đ ĩ ũ ơ ư, by the blocks' layout (each maps to one char); `None` for
/// anything else, which then asks the Unicode tables.
#[inline]
pub(crate) fn vietnamese_lower(c: char) -> Option<char> {
    let u = u32::from(c);
    let lower = match u {
        // À..Þ → à..þ, except × (U+00D7); à..ÿ are lower case already.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xD7..=0xFF => u,
        // Ạ ạ … Ỹ ỹ Ỻ ỻ Ỽ ỽ Ỿ ỿ: upper case at even code points.
        0x1EA0..=0x1EFF => u | 1,
        // Ă ă, Đ đ, Ĩ ĩ, Ũ ũ, Ơ ơ.
        0x102 | 0x103 | 0x110 | 0x111 | 0x128 | 0x129 | 0x168 | 0x169 | 0x1A0 | 0x1A1 => u | 1,
        // Ư ư.
        0x1AF => 0x1B0,
        0x1B0 => u,
        _ => return None,
    };
    char::from_u32(lower)
}

/// KELVIN SIGN, whose lower case is the ASCII `k`.
const KELVIN: char = '\u{212A}';

/// The general comparison [`eq_ci`] answers faster (kept for the test that they agree).
#[cfg(test)]
fn eq_ci_general(c: char, p: char) -> bool {
    c == p || (!c.is_ascii() || c.is_ascii_uppercase()) && c.to_lowercase().eq(p.to_lowercase())
}

/// A letter or digit (`rasoat_text::token::is_alphanumeric`: Vietnamese letters answered
/// without the slow Unicode tables).
pub use rasoat_text::token::is_alphanumeric as is_word;

/// Bytes of `s` matched by the lower-case `phrase` at its start. A space in `phrase` matches
/// any run of whitespace; a phrase ending in a letter or digit must end at a word boundary.
pub fn phrase_at(s: &str, phrase: &str) -> Option<usize> {
    if !may_start_with(s, phrase) {
        return None;
    }
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
            // Equal chars (the usual case) need no call to `eq_ci`.
            if c != p && !eq_ci(c, p) {
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

/// A byte test that [`phrase_at`] can only match when it passes: most calls try a phrase at
/// a word it does not start, and the char loop (with its case tables) is then not needed. The
/// text's first char must equal the phrase's in either case ([`eq_ci`]): for an ASCII phrase
/// char that is the same byte in either case, or the Kelvin sign (0xE2 …) for `k`; for a
/// non-ASCII one, a non-ASCII char, or `K`/`k` for the Kelvin sign.
#[inline]
fn may_start_with(s: &str, phrase: &str) -> bool {
    let (Some(&b), Some(&p)) = (s.as_bytes().first(), phrase.as_bytes().first()) else {
        return true;
    };
    match p {
        b' ' => true,
        0..0x80 => b == p || b == p.to_ascii_uppercase() || b == 0xE2,
        0xE2 => true,
        _ => b >= 0x80,
    }
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
            if c != p && !eq_ci(c, p) {
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

/// The first boundary at or after `from` (`b.len()` if none): `;`, `:` and tabs found by
/// `memchr3`, sentence-ending full stops by `memchr` (clauses run to hundreds of bytes).
fn boundary_from(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    let limit = memchr::memchr3(b';', b':', b'\t', rest).map_or(b.len(), |k| from + k);
    let hay = b.get(from..limit).unwrap_or_default();
    memchr::memchr_iter(b'.', hay).map(|k| from + k).find(|&i| is_boundary(b, i)).unwrap_or(limit)
}

/// Just after the last boundary before `to` (0 if none), as [`boundary_from`] finds them.
fn boundary_before(b: &[u8], to: usize) -> usize {
    let head = b.get(..to).unwrap_or_default();
    let floor = memchr::memrchr3(b';', b':', b'\t', head).map_or(0, |k| k + 1);
    let hay = b.get(floor..to).unwrap_or_default();
    memchr::memrchr_iter(b'.', hay).map(|k| floor + k).find(|&i| is_boundary(b, i)).map_or(floor, |i| i + 1)
}

/// The clause around `[start, end)`: from after the previous boundary (or the text start) to
/// the next boundary (or the text end), trimmed of whitespace. A page break (blank line) inside
/// a re-joined paragraph is not a boundary.
pub fn clause(s: &str, start: usize, end: usize) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut cs, mut ce) = (boundary_before(b, start.min(b.len())), boundary_from(b, end.min(b.len())));
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
    fn triggers_find_phrases_at_word_starts_in_any_case() {
        let t = Triggers::new(&["đa số", "trước"]);
        let s = "Đa số; xđa số; trước ngày, Trước; trướcx";
        let want: Vec<usize> = ["Đa số", "trước ngày", "Trước"].iter().filter_map(|w| s.find(w)).collect();
        assert_eq!(t.find(s), want);
        assert!(is_word('ệ') && is_word('Đ') && !is_word('×') && !is_word('“') && is_word('7'));
    }

    #[test]
    fn byte_ranges_found_eight_at_a_time() {
        let s = "Điều 15, khoản 2/3 của Nghị định 09/2019/NĐ-CP; x9";
        let fast: Vec<usize> = bytes_in_range(s.as_bytes(), b'/', b'9').collect();
        let slow: Vec<usize> =
            s.bytes().enumerate().filter(|(_, b)| (b'/'..=b'9').contains(b)).map(|(i, _)| i).collect();
        assert_eq!(fast, slow);
        let digits: Vec<usize> = digit_starts(s).collect();
        assert_eq!(digits.len(), 5, "15, 2, 3, 09, 2019 but not the 9 of x9: {digits:?}");
        for hay in ["", "a", "0123456789", "ééééééééé9"] {
            let n = bytes_in_range(hay.as_bytes(), b'0', b'9').count();
            assert_eq!(n, hay.bytes().filter(u8::is_ascii_digit).count(), "{hay}");
        }
    }

    /// `clause` as first written: byte by byte out to the boundaries.
    fn clause_plain(s: &str, start: usize, end: usize) -> (usize, usize) {
        let b = s.as_bytes();
        let mut cs = start.min(b.len());
        while cs > 0 && !is_boundary(b, cs - 1) {
            cs -= 1;
        }
        let mut ce = end.min(b.len());
        while ce < b.len() && !is_boundary(b, ce) {
            ce += 1;
        }
        while cs < ce && b.get(cs).is_some_and(|c| c.is_ascii_whitespace()) {
            cs += 1;
        }
        while ce > cs && b.get(ce - 1).is_some_and(|c| c.is_ascii_whitespace()) {
            ce -= 1;
        }
        (cs, ce)
    }

    proptest::proptest! {
        #[test]
        fn clause_matches_its_plain_definition(
            s in "[a.;: \t\n1é]{0,40}",
            start in 0usize..45,
            len in 0usize..10,
        ) {
            proptest::prop_assert_eq!(clause(&s, start, start + len), clause_plain(&s, start, start + len));
        }
    }

    proptest::proptest! {
        /// Shared searches find what one search a phrase finds.
        #[test]
        fn triggers_match_one_search_a_phrase(
            s in "(thời gian|Thời hạn|thời  gian|thời\tgian|thời hạnx|xthời hạn|trước|Trước|đa số|thời|hạn| |\\.){0,12}",
        ) {
            let phrases = ["trước", "chậm nhất", "hoàn thành", "thời gian", "thời hạn"];
            proptest::prop_assert_eq!(Triggers::new(&phrases).find(&s), triggers_find_plain(&phrases, &s));
            let two = ["thời gian", "thời hạn"];
            proptest::prop_assert_eq!(Triggers::new(&two).find(&s), triggers_find_plain(&two, &s));
        }
    }

    proptest::proptest! {
        /// The eight-at-a-time search finds exactly the bytes a plain filter does, for any
        /// bytes (non-ASCII ones included) and any range of ASCII bytes from 1.
        #[test]
        fn byte_ranges_agree_with_a_byte_filter(
            hay in proptest::collection::vec(proptest::num::u8::ANY, 0..80),
            lo in 1u8..0x80,
            hi in 1u8..0x80,
        ) {
            let fast: Vec<usize> = bytes_in_range(&hay, lo, hi).collect();
            let slow: Vec<usize> =
                hay.iter().enumerate().filter(|(_, b)| (lo..=hi).contains(*b)).map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    /// The ASCII shortcuts of `eq_ci` agree with the general Unicode comparison: every char
    /// against every ASCII char, and both ways round.
    #[test]
    fn eq_ci_shortcuts_agree_with_unicode_case_folding() {
        // Which non-ASCII chars fold to an ASCII char: the shortcut assumes only the Kelvin sign.
        let to_ascii: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| {
                let mut l = c.to_lowercase();
                l.next().is_some_and(|x| x.is_ascii()) && l.next().is_none()
            })
            .collect();
        assert_eq!(to_ascii, vec![KELVIN]);
        for a in (0u8..0x80).map(char::from) {
            for b in (0u8..0x80).map(char::from).chain(['\u{212A}', 'đ', 'Đ', 'k', 'ı', 'İ', 'ſ', 'é'])
            {
                assert_eq!(eq_ci(a, b), eq_ci_general(a, b), "{a:?} {b:?}");
                assert_eq!(eq_ci(b, a), eq_ci_general(b, a), "{b:?} {a:?}");
            }
        }
    }

    /// The layout-based lower case of Vietnamese letters is the Unicode one.
    #[test]
    fn vietnamese_lower_is_unicode_lower_case() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            if let Some(l) = vietnamese_lower(c) {
                assert_eq!(vec![l], c.to_lowercase().collect::<Vec<_>>(), "{c:?}");
            }
        }
        for c in "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠỸàáâãèéêìíòóôõùúýăđĩũơưạỹ".chars()
        {
            assert!(vietnamese_lower(c).is_some(), "{c:?}");
        }
    }

    /// The byte prefilter of `phrase_at` never rejects a char that `eq_ci` accepts.
    #[test]
    fn phrase_prefilter_keeps_every_match() {
        let pats: Vec<char> =
            (0u8..0x80).map(char::from).chain("đơưăâêôàáảãạếềểễệốồổỗộừứửữựịìíỉĩK\u{212A}".chars()).collect();
        for c in (0..0x3000u32).chain(0x1E00..0x1F00).filter_map(char::from_u32).chain(['\u{212A}']) {
            for &p in &pats {
                if eq_ci(c, p) {
                    assert!(may_start_with(&c.to_string(), &p.to_string()), "{c:?} {p:?}");
                }
            }
        }
    }

    #[test]
    fn word_starts_finds_each_word() {
        let v: Vec<usize> = word_starts("a bc, 12").collect();
        assert_eq!(v, vec![0, 2, 6]);
    }
}
