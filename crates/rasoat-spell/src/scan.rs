//! Tokenising a line into syllable units with canonical keys and context boundaries.
//!
//! Two tokens are neighbours (their pair counts as a bigram) only when nothing but spaces
//! separates them: punctuation, tabs (table cells) and line ends cut the context, so a
//! comma-separated list never lends its pairs to the statistics.

use std::hash::Hasher;

use rasoat_text::Span;

use crate::model::{Id, Model};
use rasoat_text::syllable::{self, Case, Placement, Syllable};
use rasoat_text::token::TokenKind;

/// Memo of token text → (parsed syllable, vocabulary id, case, misplaced tone): words repeat
/// (Zipf) within a document and across documents, so most tokens are parsed and looked up
/// once per thread. The map lives in a thread-local between documents ([`Memo::new`] takes it,
/// dropping the memo gives it back); it is tied to one model (its identity) and cleared when it
/// grows past `Memo::MAX`.
pub struct Memo {
    /// Also the token's case: it depends on the text alone, and on non-ASCII letters costs
    /// Unicode table searches.
    map: MemoMap,
    /// Identity of the model the ids belong to.
    owner: usize,
    key: String,
}

/// Open addressing over [`ShortKey`]s with linear probing: one multiply, one slot compared
/// as two integers (a `HashMap` probe cost twice as much, for every token of a document).
/// At least twice as many slots as entries keep the probe runs short; the all-zero key (the
/// empty token, never looked up) marks an empty slot. The table starts small and doubles: one
/// plan has a few thousand distinct tokens, and filling the full 3 MB for it cost a check of
/// one document more than its lookups (768 page faults per thread).
#[derive(Default)]
struct MemoMap {
    slots: Vec<(ShortKey, Memoised)>,
    len: usize,
}

impl MemoMap {
    /// Most slots the table grows to.
    const SLOTS: usize = 2 * Memo::MAX;
    /// Slots of a new table (a power of two, as every size is).
    const FIRST_SLOTS: usize = 1 << 12;
    const EMPTY: ShortKey = ShortKey([0, 0]);

    /// `k`'s first slot in a table of `slots` slots (a power of two).
    fn home(k: &ShortKey, slots: usize) -> usize {
        let [lo, hi] = k.0;
        let m = u128::from(lo ^ 0x9E37_79B9_7F4A_7C15) * u128::from(hi ^ 0xD6E8_FEB8_6659_FD93);
        ((m as u64) ^ ((m >> 64) as u64)) as usize & slots.wrapping_sub(1)
    }

    fn get(&self, k: &ShortKey) -> Option<&Memoised> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(k, self.slots.len());
        loop {
            let (key, v) = self.slots.get(i)?;
            if key == k {
                return Some(v);
            }
            if *key == Self::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| s.0 = Self::EMPTY);
        self.len = 0;
    }

    fn insert(&mut self, k: ShortKey, v: Memoised) {
        if k == Self::EMPTY || self.len >= Memo::MAX {
            return;
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        self.place(k, v);
    }

    /// Put `(k, v)` in its slot (there is a free one: the table is at most half full).
    fn place(&mut self, k: ShortKey, v: Memoised) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = Self::home(&k, self.slots.len());
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.0 == k || slot.0 == Self::EMPTY {
                self.len += usize::from(slot.0 == Self::EMPTY);
                *slot = (k, v);
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Double the table (or make the first one), moving the entries over.
    fn grow(&mut self) {
        let size = (2 * self.slots.len()).clamp(Self::FIRST_SLOTS, Self::SLOTS);
        if size == self.slots.len() {
            return;
        }
        let old = std::mem::replace(
            &mut self.slots,
            vec![(Self::EMPTY, (Class::Other, None, Case::Lower, false, true)); size],
        );
        self.len = 0;
        for (k, v) in old {
            if k != Self::EMPTY {
                self.place(k, v);
            }
        }
    }
}

/// A token of at most 16 bytes, zero-padded (tokens hold no NUL): compared and hashed as one
/// integer, with no pointer to follow. Longer tokens (rare: glued words, foreign words) are
/// not memoised.
/// Two u64 halves rather than a u128: 8-byte alignment keeps a map entry at 24 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortKey([u64; 2]);

impl ShortKey {
    fn of(text: &str) -> Option<ShortKey> {
        let b = text.as_bytes();
        let n = b.len();
        // Whole-word loads rather than a variable-length copy (which dominated the scan): two
        // overlapping loads cover 4..=8 and 8..=16 bytes; the overlap holds the same bytes at
        // the same places, so shifting the second load into place and or-ing is exact.
        let word = |from: usize| -> Option<u64> {
            Some(u64::from_le_bytes(b.get(from..from + 8)?.try_into().ok()?))
        };
        let half = |from: usize| -> Option<u64> {
            Some(u64::from(u32::from_le_bytes(b.get(from..from + 4)?.try_into().ok()?)))
        };
        let key = match n {
            0..4 => [b.iter().rev().fold(0u64, |acc, &x| acc << 8 | u64::from(x)), 0],
            4..8 => [half(0)? | half(n - 4)? << ((n - 4) * 8), 0],
            8 => [word(0)?, 0],
            9..=16 => [word(0)?, word(n - 8)? >> ((16 - n) * 8)],
            _ => return None,
        };
        Some(ShortKey(key))
    }
}

thread_local! {
    static KEPT: std::cell::Cell<Option<(usize, MemoMap)>> = const { std::cell::Cell::new(None) };
}

impl Memo {
    /// Entries kept at most (a few MB): the vocabulary of official text is far smaller.
    const MAX: usize = 1 << 16;

    /// The thread's memo for `model` (empty the first time, or when it held another model's
    /// ids).
    pub fn new(model: &Model) -> Self {
        let owner = model.identity();
        let map = match KEPT.try_with(std::cell::Cell::take).ok().flatten() {
            Some((kept, map)) if kept == owner => map,
            _ => MemoMap::default(),
        };
        Memo { map, owner, key: String::new() }
    }
}

impl Drop for Memo {
    fn drop(&mut self) {
        let map = std::mem::take(&mut self.map);
        // During thread exit the thread-local may be gone: then the map just goes.
        let _ = KEPT.try_with(|k| k.set(Some((self.owner, map))));
    }
}

/// What [`Memo`] keeps of a token: its class (a number, a well-formed syllable or other
/// letters: kept rather than worked out again from the token kind), its vocabulary id,
/// case, whether its tone mark is misplaced and whether it is plain ASCII — 8 bytes, not the
/// parsed syllable (40): the map is walked for every token and should stay in cache.
type Memoised = (Class, Option<Id>, Case, bool, bool);

/// FNV-1a hasher for short token keys (std's SipHash is several times slower here).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

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
    /// Where `text` starts in the document (its span is [`Unit::span`]: a field less to write
    /// for every token).
    pub start: usize,
    pub class: Class,
    pub case: Case,
    /// Punctuation, a tab or the line start lies between this token and the previous one.
    pub boundary_before: bool,
    /// Starts a sentence: first word of the line, or after . ! ? : ; ) — so its capital letter
    /// says nothing about being a name.
    pub sentence_start: bool,
    /// Inside a URL, an e-mail address or a path: never checked.
    pub protected: bool,
    /// Vocabulary id of the canonical key (only when scanned with a model).
    pub id: Option<Id>,
    /// A syllable whose tone mark sits on a letter neither placement style accepts.
    pub tone_misplaced: bool,
    /// `text.is_ascii()`: asked by several checks, and memoised with the token.
    pub ascii: bool,
}

impl Unit<'_> {
    /// The token's span in the document.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

fn case_of(text: &str) -> Case {
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return Case::Lower };
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in chars {
        // Letters only: ASCII is cheap, the rest goes through the (slower) Unicode tables.
        if c.is_ascii_uppercase() || !c.is_ascii() && c.is_uppercase() {
            upper += 1;
        } else if c.is_ascii_lowercase() || !c.is_ascii() && c.is_lowercase() {
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

/// Does a URL, e-mail or path marker start at the beginning of `w`: "@", "\\", "://", or a
/// dot followed by a letter or a slash ("gov.vn", "www.", "./")?
fn marker(w: &[u8]) -> bool {
    match w {
        [b'@', ..] | [b'\\', ..] => true,
        [b'.', c, ..] | [b':', b'/', c, ..] => c.is_ascii_alphabetic() || *c == b'/',
        _ => false,
    }
}

/// Whether one of the eight bytes of `v` is a byte a marker starts with ('@', '\\', '.', ':'):
/// the classic "has a zero byte" test on `v` xor each byte repeated.
#[cfg(test)]
fn has_marker_byte(v: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let has = |b: u8| zero(v ^ ONES.wrapping_mul(u64::from(b)));
    (has(b'@') | has(b'\\') | has(b'.') | has(b':')) != 0
}

/// Does a marker start anywhere in `b`? Eight bytes at a time over those that hold no
/// marker's first byte (most of a line), then byte by byte.
#[cfg(test)]
fn any_marker(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let word = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()).map(u64::from_le_bytes);
        if word.is_some_and(|v| !has_marker_byte(v)) {
            i += 8;
            continue;
        }
        let end = (i + 8).min(b.len());
        if (i..end).any(|j| {
            b.get(j).is_some_and(|c| matches!(c, b'@' | b'\\' | b'.' | b':'))
                && b.get(j..).is_some_and(marker)
        }) {
            return true;
        }
        i = end;
    }
    false
}

/// Byte ranges of whitespace-separated chunks that look like URLs, e-mails or paths: "@",
/// "://", "\\", or a dot followed by a letter ("gov.vn", "www."). The plain definition of
/// [`Unit::protected`]; the scan finds the markers in the gaps between tokens instead.
#[cfg(test)]
fn protected_ranges(line: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = line.as_bytes();
    // Most lines have none of the markers: one scan decides.
    if !any_marker(bytes) {
        return;
    }
    let mut start = 0;
    for i in 0..=bytes.len() {
        let end = bytes.get(i).is_none_or(|&b| b == b' ' || b == b'\t');
        if !end {
            continue;
        }
        let chunk = bytes.get(start..i).unwrap_or(&[]);
        if any_marker(chunk) {
            out.push((start, i));
        }
        start = i + 1;
    }
}

/// The whitespace-separated chunk being scanned, and whether it holds a URL, e-mail or path
/// marker (see [`marker`]). Markers start with a byte no token holds, so they are found in
/// the gaps between tokens, which the scan walks anyway; most gaps are one space (no marker,
/// a new chunk), and a whole-line marker search per line cost more than all the gaps.
struct Chunk {
    /// Index of the chunk's first unit.
    first: usize,
    protected: bool,
}

impl Chunk {
    /// A new chunk starts after the units in `units`.
    fn restart(&mut self, units: usize) {
        self.first = units;
        self.protected = false;
    }

    /// Walk the gap `line[from..to]`, `units` holding the tokens before it: a marker protects
    /// its chunk, the units already in it included. A marker never reaches past its chunk
    /// (what follows its first byte is never a space or a tab), so it is tested on the line.
    /// Also returns what the gap says of the next token, read in the same walk (three
    /// searches of the gap's characters cost more): see [`Gap`].
    // Inlined (always: LLVM kept it out of line, a call per gap): called for every gap that
    // is not one space (a sixth of them), mostly short.
    #[inline(always)]
    fn gap(&mut self, line: &[u8], from: usize, to: usize, units: &mut [Unit<'_>]) -> Gap {
        let mut says = Gap::default();
        // The gap holds whole characters (it lies between tokens): a lead byte stands for its
        // character, continuation bytes are passed over.
        for j in from..to {
            let Some(&b) = line.get(j) else { break };
            match b {
                b' ' => self.restart(units.len()),
                b'\t' => {
                    self.restart(units.len());
                    says.boundary = true;
                    says.sentence = true;
                }
                b'@' | b'\\' | b'.' | b':' => {
                    says.boundary = true;
                    says.sentence |= matches!(b, b'.' | b':');
                    if !self.protected && line.get(j..).is_some_and(marker) {
                        self.protected = true;
                        units.get_mut(self.first..).into_iter().flatten().for_each(|u| u.protected = true);
                    }
                }
                b'!' | b'?' | b';' | b'\n' | b'"' => {
                    says.boundary = true;
                    says.sentence = true;
                }
                b')' => {
                    says.boundary = true;
                    says.close = true;
                }
                // U+00A0 (no-break space) is no boundary.
                0xC2 if line.get(j + 1) == Some(&0xA0) => {}
                // U+201C, the opening quote.
                0xE2 if line.get(j + 1..j + 3) == Some(&[0x80, 0x9C]) => {
                    says.boundary = true;
                    says.sentence = true;
                }
                0x80..=0xBF => {}
                _ => says.boundary = true,
            }
        }
        says
    }
}

/// What a gap between two tokens says of the token after it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Gap {
    /// Something other than spaces and no-break spaces: [`Unit::boundary_before`].
    boundary: bool,
    /// A sentence end, a tab, a line end or an opening quote: [`Unit::sentence_start`].
    sentence: bool,
    /// A closing parenthesis (it ends a point marker after the line's first token).
    close: bool,
}

/// [`Gap`] from the gap's characters: the plain definition the one-walk version is tested
/// against.
#[cfg(test)]
fn gap_says(gap: &str) -> Gap {
    Gap {
        boundary: gap.chars().any(|c| !matches!(c, ' ' | '\u{a0}')),
        sentence: gap.chars().any(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\t' | '“' | '"')),
        close: gap.contains(')'),
    }
}

/// Tokenise `line` (which starts at byte `base` of the document) into `out`.
/// Returns whether the line is Vietnamese prose worth checking (see [`scan_line_with`]).
pub fn scan_line<'a>(line: &'a str, base: usize, out: &mut Vec<Unit<'a>>) -> bool {
    scan_line_with(line, base, out, None)
}

/// [`scan_line`], also filling [`Unit::id`] from `model` through a per-document memo.
/// Returns whether the line is Vietnamese prose worth checking: at least one word in three
/// is a syllable with a Vietnamese mark (ASCII-only syllables like "the", "to", "an" exist in
/// English too), so lines mostly in another language (English titles, code) are skipped.
pub fn scan_line_with<'a>(
    line: &'a str,
    base: usize,
    out: &mut Vec<Unit<'a>>,
    mut lookup: Option<(&Model, &mut Memo)>,
) -> bool {
    out.clear();
    let bytes = line.as_bytes();
    let mut chunk = Chunk { first: 0, protected: false };
    let mut prev_end = 0usize;
    let mut first_word = true;
    let (mut viet, mut words) = (0usize, 0usize);
    // The text layer's tokeniser (it classifies Vietnamese letters from their bytes).
    for token in rasoat_text::token::tokens(line, 0) {
        let (start, end, kind, text) = (token.span.start, token.span.end, token.kind, token.text);
        // No unit yet: the line's first token (prev_end is still 0).
        let at_line_start = out.is_empty();
        // Most gaps are one space: nothing to look at (tested on the bytes, without slicing).
        let plain = start == prev_end + 1 && bytes.get(prev_end) == Some(&b' ');
        let says = if plain {
            chunk.restart(out.len());
            Gap::default()
        } else {
            chunk.gap(bytes, prev_end, start, out)
        };
        let boundary_before = at_line_start || says.boundary;
        // ")" ends a point marker ("a) Bám sát") only right after the line's first token;
        // elsewhere it closes a parenthesis inside a sentence.
        let marker_close = says.close && out.len() == 1;
        let sentence_start = first_word || marker_close || says.sentence;
        let misplaced = |s: &Option<Syllable>| s.is_some_and(|s| !s.tone_well_placed());
        // Units carry what the checks read, not the parsed syllable (40 bytes): they are
        // written for every token and read by three checks.
        // A word's class: whether it parsed.
        let word_class = |syl: &Option<Syllable>| if syl.is_some() { Class::Syllable } else { Class::Other };
        let (class, id, case, tone_misplaced, ascii) = match (&mut lookup, kind) {
            (_, TokenKind::Mixed) => (Class::Mixed, None, case_of(text), false, text.is_ascii()),
            (None, TokenKind::Word) => {
                let syl = syllable::parse(text).ok();
                (word_class(&syl), None, case_of(text), misplaced(&syl), text.is_ascii())
            }
            (None, TokenKind::Number) => (Class::Number, None, case_of(text), false, text.is_ascii()),
            (Some((model, memo)), _) => {
                let short = ShortKey::of(text);
                if let Some(&hit) = short.and_then(|k| memo.map.get(&k)) {
                    hit
                } else {
                    let syl = if kind == TokenKind::Word { syllable::parse(text).ok() } else { None };
                    memo.key.clear();
                    match (&syl, kind) {
                        (_, TokenKind::Number) => memo.key.push_str(NUMBER_KEY),
                        (Some(s), _) => s.write_lower(Placement::Old, &mut memo.key),
                        (None, _) => {
                            syllable::canonical_into(text, &mut memo.key);
                        }
                    }
                    let id = model.id(&memo.key);
                    let case = case_of(text);
                    let class = if kind == TokenKind::Number { Class::Number } else { word_class(&syl) };
                    let hit = (class, id, case, misplaced(&syl), text.is_ascii());
                    if let Some(k) = short {
                        if memo.map.len() >= Memo::MAX {
                            memo.map.clear();
                        }
                        memo.map.insert(k, hit);
                    }
                    hit
                }
            }
        };
        if class != Class::Number {
            first_word = false;
        }
        if matches!(class, Class::Syllable | Class::Other) {
            words += 1;
            viet += usize::from(class == Class::Syllable && !ascii);
        }
        let protected = chunk.protected;
        out.push(Unit {
            text,
            start: base + start,
            class,
            case,
            boundary_before,
            sentence_start,
            protected,
            id,
            tone_misplaced,
            ascii,
        });
        prev_end = end;
    }
    // A marker after the last token ("abc@") protects its chunk too.
    let _ = chunk.gap(bytes, prev_end, bytes.len(), out);
    words > 0 && viet * 3 >= words
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
        Class::Syllable => {
            // The builder's path: parsed again here rather than carried by every unit.
            match syllable::parse(unit.text) {
                Ok(s) => s.write_lower(Placement::Old, out),
                Err(_) => {
                    syllable::canonical_into(unit.text, out);
                }
            }
            true
        }
        // Not a syllable (it failed to parse when scanned): no parse to try again.
        Class::Other => {
            syllable::canonical_into(unit.text, out);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(line: &str) -> Vec<Unit<'_>> {
        let mut out = Vec::new();
        scan_line(line, 0, &mut out);
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
    fn ascii_is_the_texts() {
        let line = "Kế hoạch 2026 số 12a/KH, vie65t ²3 online Đắk ôtô";
        for u in units(line) {
            assert_eq!(u.ascii, u.text.is_ascii(), "{}", u.text);
        }
        // And through the memo, cold and warm.
        let model = Model::embedded();
        let mut memo = Memo::new(model);
        for _ in 0..2 {
            let mut out = Vec::new();
            scan_line_with(line, 0, &mut out, Some((model, &mut memo)));
            assert!(out.iter().all(|u| u.ascii == u.text.is_ascii()));
        }
    }

    #[test]
    fn urls_are_protected() {
        let u = units("truy cập https://dichvucong.gov.vn hoặc thu@gmail.com nhé");
        assert!(u.iter().filter(|u| u.text == "dichvucong" || u.text == "gmail").all(|u| u.protected));
        assert!(u.iter().filter(|u| u.text == "nhé").all(|u| !u.protected));
    }

    #[test]
    fn short_keys_are_the_padded_bytes() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "nghiêng",
            "người",
            "abcdefgh",
            "abcdefghi",
            "nghiêngngả",
            "0123456789abcdef",
        ] {
            let mut b = [0u8; 16];
            b.get_mut(..text.len()).into_iter().for_each(|d| d.copy_from_slice(text.as_bytes()));
            let v = u128::from_le_bytes(b);
            let want = ShortKey([v as u64, (v >> 64) as u64]);
            assert!(ShortKey::of(text) == Some(want), "{text}");
        }
        assert!(ShortKey::of("0123456789abcdefg").is_none());
    }

    /// The table grows from its first size as entries come, keeping every entry, and stops
    /// taking new ones at `Memo::MAX`.
    #[test]
    fn memo_map_grows_and_keeps_its_entries() {
        let mut map = MemoMap::default();
        let key = |n: usize| ShortKey::of(&format!("w{n}"));
        let value = |n: usize| {
            (
                if n.is_multiple_of(2) { Class::Syllable } else { Class::Other },
                u16::try_from(n % 60_000).ok(),
                Case::Lower,
                false,
                true,
            )
        };
        for n in 0..Memo::MAX + 10 {
            if let Some(k) = key(n) {
                map.insert(k, value(n));
            }
        }
        assert_eq!(map.len(), Memo::MAX);
        assert_eq!(map.slots.len(), MemoMap::SLOTS);
        for n in (0..Memo::MAX).step_by(97) {
            assert_eq!(key(n).and_then(|k| map.get(&k).copied()), Some(value(n)), "w{n}");
        }
        assert!(key(Memo::MAX + 5).and_then(|k| map.get(&k).copied()).is_none());
        let mut small = MemoMap::default();
        small.insert(ShortKey([1, 0]), value(1));
        assert_eq!(small.slots.len(), MemoMap::FIRST_SLOTS);
    }

    proptest::proptest! {
        /// The memo's table answers as a `HashMap` does, across a clear.
        #[test]
        fn memo_map_agrees_with_a_hash_map(words in proptest::collection::vec("[a-zđ]{1,20}", 0..200)) {
            let mut ours = MemoMap::default();
            let mut std = std::collections::HashMap::new();
            for (n, w) in words.iter().enumerate() {
                if n == 100 {
                    ours.clear();
                    std.clear();
                }
                let value = (if n % 2 == 0 { Class::Number } else { Class::Other }, u16::try_from(n).ok(), Case::Lower, n % 3 == 0, n % 5 == 0);
                if let Some(k) = ShortKey::of(w) {
                    proptest::prop_assert_eq!(ours.get(&k).copied(), std.get(&k.0).copied());
                    ours.insert(k, value);
                    std.insert(k.0, value);
                }
            }
            proptest::prop_assert_eq!(ours.len(), std.len());
            for w in &words {
                if let Some(k) = ShortKey::of(w) {
                    proptest::prop_assert_eq!(ours.get(&k).copied(), std.get(&k.0).copied());
                }
            }
        }

        /// Markers found in the gaps protect exactly the tokens inside a chunk that holds one.
        #[test]
        fn gap_markers_agree_with_chunk_ranges(
            text in "([a-zA-Z0-9 ]{0,6}|[@.:/\\\\\t]|[àđ\u{a0}\u{300}]|gov\\.vn|://x){0,14}"
        ) {
            let mut ranges = Vec::new();
            protected_ranges(&text, &mut ranges);
            let mut out = Vec::new();
            scan_line(&text, 0, &mut out);
            for u in &out {
                let want = ranges.iter().any(|&(s, e)| u.start >= s && u.span().end <= e);
                proptest::prop_assert_eq!(u.protected, want, "{:?} in {:?}", u.text, text);
            }
        }

        /// The gap walk says what the gap's characters say.
        #[test]
        fn gap_walk_agrees_with_the_characters(
            gap in "([ .,;:!?()\"\t\n@/\\\\\u{a0}\u{201c}\u{201d}\u{2013}…«]|\\PC){0,8}"
        ) {
            let mut chunk = Chunk { first: 0, protected: false };
            let walked = chunk.gap(gap.as_bytes(), 0, gap.len(), &mut []);
            proptest::prop_assert_eq!(walked, gap_says(&gap), "{:?}", gap);
        }

        /// The word-at-a-time marker scan agrees with testing every byte.
        #[test]
        fn marker_scan_agrees_with_every_byte(text in "([a-z ]{0,12}|[@.:/\\\\]|[àđ]){0,12}") {
            let b = text.as_bytes();
            let every = (0..b.len()).any(|i| b.get(i..).is_some_and(marker));
            proptest::prop_assert_eq!(any_marker(b), every);
        }
    }

    #[test]
    fn foreign_lines() {
        let vietnamese = |line: &str| scan_line(line, 0, &mut Vec::new());
        assert!(!vietnamese("Ministry of Home Affairs online report"));
        assert!(vietnamese("Kế hoạch triển khai thực hiện"));
        assert!(!vietnamese("a) The UBND tỉnh of Home"));
        assert!(!vietnamese(""));
    }
}
