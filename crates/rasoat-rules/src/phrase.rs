//! Matching multi-syllable phrases over a document's text.
//!
//! Vietnamese words are several space-separated syllables, and a PDF/Word export breaks lines
//! (and pages) anywhere between them. So a phrase such as "chồng chéo" must match
//! "Chồng\nchéo" or "chồng  chéo", case-insensitively, and only on whole syllables ("xử lý"
//! must not match inside "xxử lýy").
//!
//! How:
//! - [`Folded`] is a view of a text made once per document ([`Folded::of`] shares it between
//!   all rules): lower-cased (only where lower-casing keeps the UTF-8 length, which is every
//!   Vietnamese letter) and with every whitespace run folded to one space. It keeps a small
//!   map back to the original offsets (one anchor per place where the lengths differ).
//! - [`PhraseSet`] folds its phrases the same way. Searching reports every occurrence that
//!   starts and ends on a word boundary, with its [`Span`] in the original text and the index
//!   of its phrase.
//! - [`PhraseHub`]: the registry joins the sets of all rules into one automaton, so a
//!   document is scanned once for the phrases of every pack, not once per rule (each scan
//!   walks every byte; seven scans were a sixth of the whole check). The scan is kept in the
//!   document's [`Folded`] and each set takes its own matches from it. A set not joined to a
//!   hub (tests, a rule used alone) builds its own automaton on first use.
//! - The hub's automaton is a plain Aho-Corasick table (`PhraseDfa`), not aho-corasick's:
//!   its DFA cost ~25M instructions to build and ~20 a byte to search overlapping, the table
//!   ~1M and ~11. (Walking a trie from each word start instead was slower: finding word
//!   starts costs as much per byte as the table, and the walks come on top.)
//!
//! ```
//! use rasoat_rules::phrase::{Folded, PhraseSet};
//! let set = PhraseSet::new(["chông chéo", "sử lý"]).unwrap_or_default();
//! let text = "Tránh Chông\nchéo, sử lýx.";
//! let folded = Folded::new(text);
//! let found: Vec<_> = set.find_iter(&folded).collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].pattern, 0);
//! assert_eq!(found[0].span.text(text), "Chông\nchéo");
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rasoat_doc::Document;
use rasoat_text::Span;

/// A character that belongs to a word (letter, digit, combining mark): the tokeniser's
/// definition, so phrase boundaries and tokens agree.
pub use rasoat_text::token::is_word_char;

/// An ASCII byte `char::is_whitespace` accepts (tab, LF, VT, FF, CR, space).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// True when a character `char::is_whitespace` accepts starts at `bytes[i]`, read from its
/// bytes (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
fn starts_whitespace(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied();
    match (at(0), at(1), at(2)) {
        (Some(b), _, _) if b.is_ascii() => is_ascii_space(b),
        (Some(0xC2), Some(0x85 | 0xA0), _) => true,
        (Some(0xE1), Some(0x9A), Some(0x80)) => true,
        (Some(0xE2), Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => true,
        (Some(0xE2), Some(0x81), Some(0x9F)) => true,
        (Some(0xE3), Some(0x80), Some(0x80)) => true,
        _ => false,
    }
}

/// At a non-ASCII lead byte `bytes[i]` of the letters Vietnamese uses most (Latin-1
/// À..ÿ, Latin Extended-A, Ơ/Ư, Ạ..ỹ): the character's length and, when [`fold_char`]
/// changes it, its fold. `None` for any other character (the caller decodes it). Reading the
/// bytes skips decoding and the whitespace table for nearly every letter of a plan.
fn fold_at(bytes: &[u8], i: usize) -> Option<(usize, Option<char>)> {
    let lead = *bytes.get(i)?;
    let second = *bytes.get(i + 1)?;
    match lead {
        // U+00C0..U+01BF: a table gives the folded second byte (the lead never changes).
        0xC3..=0xC6 => {
            let folded = *FOLD_SECOND.get((usize::from(lead - 0xC3) << 6) | usize::from(second & 0x3F))?;
            if folded == second {
                return Some((2, None));
            }
            Some((2, char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(folded & 0x3F))))
        }
        // U+1EA0..U+1EF9 (E1 BA A0..E1 BB B9): capitals even, small letters odd.
        0xE1 => {
            let third = *bytes.get(i + 2)?;
            let inside = match second {
                0xBA => third >= 0xA0,
                0xBB => third <= 0xB9,
                _ => false,
            };
            if !inside {
                return None;
            }
            if third & 1 == 1 {
                return Some((3, None));
            }
            let u = 0x1E80 | (u32::from(second & 1) << 6) | u32::from(third & 0x3F);
            Some((3, char::from_u32(u | 1)))
        }
        _ => None,
    }
}

/// [`fold_latin`] of U+00C0..U+01BF as the second UTF-8 byte of the folded letter, by
/// `(lead - 0xC3) << 6 | second & 0x3F`: [`fold_at`] reads the most common letters of a plan
/// with one load instead of the range tests.
const FOLD_SECOND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let folded = match fold_latin(0xC0 + k as u32) {
            Some(f) => f,
            None => 0xC0 + k as u32,
        };
        t[k] = 0x80 | (folded & 0x3F) as u8;
        k += 1;
    }
    t
};

/// Lower-case `c` when that keeps its UTF-8 length (so offsets stay put); otherwise `c`.
/// Every Vietnamese letter qualifies (À/à, Ạ/ạ, Đ/đ, Ơ/ơ, Ư/ư have equal lengths).
pub fn fold_char(c: char) -> char {
    if let Some(folded) = fold_latin(u32::from(c)) {
        return char::from_u32(folded).unwrap_or(c);
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// [`fold_char`] for the blocks Vietnamese uses, where case pairs sit at fixed distances:
/// the folded code point (the same one when there is nothing to fold), or `None` outside
/// them (ask the Unicode tables). Shared by [`fold_char`] and the byte-level [`fold_at`].
const fn fold_latin(u: u32) -> Option<u32> {
    Some(match u {
        0..=0x7F => (u as u8).to_ascii_lowercase() as u32,
        // Latin-1 capitals À..Þ (× excepted) are 0x20 below their small letters.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Latin Extended-A pairs (Ă/ă, Đ/đ, Ĩ/ĩ, Ũ/ũ): capital even, small odd.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => u | 1,
        0x1A0 | 0x1AF => u + 1,
        // Latin Extended Additional (Ạ..ỹ): capital even, small odd.
        0x1EA0..=0x1EF9 => u | 1,
        0x80..=0x24F => u,
        _ => return None,
    })
}

/// A text lower-cased and with whitespace runs folded to one space, mapped back to the
/// original offsets. Build it once per document and search it with any number of
/// [`PhraseSet`]s.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// `(folded offset, original offset)` at every place where lengths start to differ,
    /// sorted; between anchors both advance together.
    anchors: Vec<(usize, usize)>,
    original_len: usize,
    /// The matches of a hub's phrases in this text, by set, made on first use.
    hub_scan: OnceLock<HubScan>,
}

/// A hub's matches in one text: `(hub id, matches of each set)`.
type HubScan = (u64, Arc<Vec<Vec<PhraseMatch>>>);

impl Folded {
    /// Fold `text`. O(n), one allocation for the folded copy.
    pub fn new(text: &str) -> Folded {
        // Text between whitespace runs is copied in bulk; ASCII is lower-cased in one pass at
        // the end, and only non-ASCII characters that change (capitals: rare) are written one
        // by one.
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut anchors = Vec::new();
        // Start of the text not yet copied to `out`.
        let mut copied = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Printable ASCII, and a space followed by it (most of a plan), stay as they are:
            // skipped in a tight loop.
            if (b'!'..0x80).contains(&b)
                || (b == b' ' && bytes.get(i + 1).is_some_and(|n| (b'!'..0x80).contains(n)))
            {
                i += 1;
                continue;
            }
            // A letter whose fold the bytes tell (most of Vietnamese): never whitespace, so
            // tested before the space checks, which only ASCII needs.
            if b >= 0x80
                && let Some((len, folded)) = fold_at(bytes, i)
            {
                if let Some(folded) = folded {
                    out.push_str(text.get(copied..i).unwrap_or_default());
                    out.push(folded);
                    copied = i + len;
                }
                i += len;
                continue;
            }
            // A single space stays as it is (most whitespace): no copy, no anchor.
            let single_space = b == b' ' && !starts_whitespace(bytes, i + 1);
            if (b.is_ascii() && !is_ascii_space(b)) || single_space {
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
            let len = c.len_utf8();
            if c.is_whitespace() {
                out.push_str(text.get(copied..i).unwrap_or_default());
                // A whitespace run becomes one space.
                let run: usize = text
                    .get(i..)
                    .unwrap_or_default()
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .map(char::len_utf8)
                    .sum();
                out.push(' ');
                if run != 1 {
                    anchors.push((out.len(), i + run));
                }
                i += run;
                copied = i;
                continue;
            }
            let folded = fold_char(c);
            if folded != c {
                out.push_str(text.get(copied..i).unwrap_or_default());
                out.push(folded);
                copied = i + len;
            }
            i += len;
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        out.make_ascii_lowercase();
        Folded { text: out, anchors, original_len: text.len(), hub_scan: OnceLock::new() }
    }

    /// The folded view of the document's text, made once and shared by every rule (and
    /// thread) that checks it.
    pub fn of(doc: &Document) -> Arc<Folded> {
        doc.shared(|| Folded::new(&doc.text))
    }

    /// The hub's matches in this text, by set; scanned once per text and hub.
    fn scan(&self, hub: &PhraseHub) -> Arc<Vec<Vec<PhraseMatch>>> {
        let (id, scan) = self.hub_scan.get_or_init(|| (hub.id, Arc::new(hub.scan(self))));
        if *id == hub.id { Arc::clone(scan) } else { Arc::new(hub.scan(self)) }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of a folded offset. An offset inside a folded whitespace run maps
    /// to the run's start.
    pub fn original(&self, folded: usize) -> usize {
        let idx = self.anchors.partition_point(|&(f, _)| f <= folded);
        let (f, o) = match idx.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&a) => a,
            None => (0, 0),
        };
        (o + (folded - f)).min(self.original_len)
    }

    /// The original span of a folded span that starts and ends outside whitespace runs (as
    /// every match does: phrases are trimmed).
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        Span::new(self.original(start), self.original(end))
    }

    /// True when folded offset `at` is a word boundary (not between two word characters).
    /// An ASCII neighbour (most) is read by byte: a word character there is a letter or digit.
    fn boundary(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        let after = match bytes.get(at) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => self.text.get(at..).and_then(|s| s.chars().next()).is_some_and(is_word_char),
        };
        if !after {
            return true;
        }
        // `at` is a character boundary here (a character starts at it).
        let before = match at.checked_sub(1).and_then(|i| bytes.get(i)) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => self.text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(is_word_char),
        };
        !before
    }

    /// The folded word (run of word characters) that ends right before folded offset `at`,
    /// skipping one space; `None` at the start or after punctuation.
    pub fn word_before(&self, at: usize) -> Option<&str> {
        let head = self.text.get(..at)?;
        let head = head.strip_suffix(' ').unwrap_or(head);
        let start = head.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last()?.0;
        head.get(start..)
    }

    /// The folded word that starts right after folded offset `at`, skipping one space.
    pub fn word_after(&self, at: usize) -> Option<&str> {
        let tail = self.text.get(at..)?;
        let tail = tail.strip_prefix(' ').unwrap_or(tail);
        let len: usize = tail.chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
        if len == 0 { None } else { tail.get(..len) }
    }
}

/// True when `span` of `text` runs over a paragraph break into a new paragraph: a blank line
/// followed by a capital. (A page break inside a sentence is a blank line followed by a
/// lower-case continuation, DOMAIN.md §1: that one is crossed.)
pub fn crosses_paragraph(text: &str, span: Span) -> bool {
    let inner = span.text(text);
    let mut rest = inner;
    while let Some(at) = rest.find('\n') {
        let after = rest.get(at + 1..).unwrap_or("");
        let gap = after.len() - after.trim_start_matches([' ', '\t', '\u{a0}', '\r']).len();
        let after_gap = after.get(gap..).unwrap_or("");
        if let Some(next) = after_gap.strip_prefix('\n') {
            let next = next.trim_start();
            if next.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// The word (run of word characters) around byte offset `at` of `text`; empty at `at` when
/// `at` is not inside a word.
pub fn word_around(text: &str, at: usize) -> Span {
    let Some(head) = text.get(..at) else { return Span::new(at, at) };
    let back: usize = head.chars().rev().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
    let tail = text.get(at..).unwrap_or("");
    let fwd: usize = tail.chars().take_while(|&c| is_word_char(c)).map(char::len_utf8).sum();
    Span::new(at - back, at + fwd)
}

/// Fold a phrase as [`Folded`] folds text: lower case, whitespace runs → one space, trimmed.
pub fn fold_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(fold_char));
    }
    out
}

/// One occurrence of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Where it is in the original text (the text [`Folded::new`] was given).
    pub span: Span,
    /// Index of the phrase in the list given to [`PhraseSet::new`].
    pub pattern: usize,
    /// Where it is in the folded text (for [`Folded::word_before`] / [`Folded::word_after`]).
    pub folded: Span,
}

/// A set of phrases searched with one automaton: the hub's when the registry joined it to
/// one, else its own.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// The folded phrases (empty ones are left out).
    folded: Vec<String>,
    /// Position in `folded` → caller's phrase index.
    index: Vec<usize>,
    /// Its own automaton, built on first use when no hub holds the set.
    own: OnceLock<Option<AhoCorasick>>,
    /// The hub holding the set, and the set's number in it.
    hub: OnceLock<(Arc<PhraseHub>, usize)>,
}

/// A phrase set that could not be built (too large for the automaton).
#[derive(Debug, Clone, thiserror::Error)]
#[error("không dựng được bộ so khớp cụm từ (cannot build the phrase matcher): {0}")]
pub struct PhraseError(String);

impl PhraseError {
    /// The error as a pack error of rule `rule` (phrases come from the packs; the automaton is
    /// built for all of them at once, so it points at the first pack rather than one entry).
    pub fn into_pack_error(self, rule: &str, packs: &crate::packs::Packs) -> Box<crate::packs::PackError> {
        let msg = format!("{rule}: {self}");
        match packs.packs.first() {
            Some(p) => Box::new(p.error_at(None, msg, String::new())),
            None => Box::new(crate::packs::PackError::Io {
                path: "rules".into(),
                source: std::io::Error::other(msg),
            }),
        }
    }
}

/// A contiguous NFA, not the DFA the builder picks for small sets: the DFA took ~35M
/// instructions to build for the packs' sets, a third of checking one document, for a search
/// that is only a little faster. Matches are the same whatever the kind.
fn automaton(phrases: &[String]) -> Result<AhoCorasick, PhraseError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(phrases)
        .map_err(|e| PhraseError(e.to_string()))
}

impl PhraseSet {
    /// The set of `phrases` (NFC text; folded here). Empty phrases never match. The automaton
    /// is built on first use, or never when a [`PhraseHub`] takes the set.
    pub fn new<I, S>(phrases: I) -> Result<PhraseSet, PhraseError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut folded = Vec::new();
        let mut index = Vec::new();
        for (i, p) in phrases.into_iter().enumerate() {
            let f = fold_phrase(p.as_ref());
            if !f.is_empty() {
                folded.push(f);
                index.push(i);
            }
        }
        Ok(PhraseSet { folded, index, own: OnceLock::new(), hub: OnceLock::new() })
    }

    /// Every occurrence on word boundaries, overlapping ones included, ordered by start then
    /// by end. Use it when several phrases may legitimately overlap (names nested in names).
    pub fn find_all(&self, text: &Folded) -> Vec<PhraseMatch> {
        if let Some((hub, number)) = self.hub.get() {
            return text.scan(hub).get(*number).cloned().unwrap_or_default();
        }
        // Building fails only beyond the automaton's billions of states: the packs cannot
        // reach that, and the hub (which holds every set of a run) would have failed first.
        let own = self
            .own
            .get_or_init(|| (!self.folded.is_empty()).then(|| automaton(&self.folded).ok()).flatten());
        let Some(ac) = own else { return Vec::new() };
        let mut out: Vec<PhraseMatch> = ac
            .find_overlapping_iter(text.as_str())
            .filter(|m| text.boundary(m.start()) && text.boundary(m.end()))
            .filter_map(|m| {
                let pattern = *self.index.get(m.pattern().as_usize())?;
                Some(PhraseMatch {
                    span: text.original_span(m.start(), m.end()),
                    pattern,
                    folded: Span::new(m.start(), m.end()),
                })
            })
            .collect();
        out.sort_by_key(|m| (m.folded.start, m.folded.end, m.pattern));
        out
    }

    /// Non-overlapping occurrences on word boundaries, leftmost first and the longest at each
    /// place (so "công thông tin điện tử" wins over "công thông tin").
    pub fn find_iter(&self, text: &Folded) -> impl Iterator<Item = PhraseMatch> {
        let mut all = self.find_all(text);
        all.sort_by_key(|m| (m.folded.start, std::cmp::Reverse(m.folded.end), m.pattern));
        let mut last_end = 0;
        all.into_iter().filter(move |m| {
            if m.folded.start < last_end {
                return false;
            }
            last_end = m.folded.end;
            true
        })
    }
}

/// The phrase sets of every rule of a run, searched with one automaton: one scan of a
/// document serves all of them.
#[derive(Debug)]
pub struct PhraseHub {
    /// Tells hubs apart in a [`Folded`]'s kept scan (tests build several registries).
    id: u64,
    /// The phrases as a table DFA: used unless the table would be too large.
    table: Option<PhraseDfa>,
    /// Else (only a rule pack with an enormous phrase list) aho-corasick's NFA of the same
    /// phrases, in the same pattern order.
    nfa: Option<AhoCorasick>,
    /// Automaton pattern → (set number, caller's phrase index in that set).
    owner: Vec<(usize, usize)>,
    sets: usize,
}

/// An Aho-Corasick DFA of a hub's phrases as a plain table, for overlapping search.
///
/// aho-corasick's own DFA took ~25M instructions to build for the packs' ~250 phrases and
/// ~20 instructions a byte to search overlapping (its NFA ~30). This table builds in about
/// a million (one row per trie node, copied from its failure node's row) and its search
/// loop is a table load and a compare per byte. Matches are the same (tests compare them).
#[derive(Debug)]
struct PhraseDfa {
    /// `classes` entries per state: the next state, premultiplied by `classes`. States that
    /// report a phrase come first, so `next < match_limit` tells a match state.
    next: Vec<u32>,
    /// Byte → class: bytes no phrase uses share class 0.
    class: [u8; 256],
    classes: usize,
    start: u32,
    match_limit: u32,
    /// Per match state (in state order), the range of `outputs` it reports.
    output_ranges: Vec<(u32, u32)>,
    /// `(phrase, length in bytes)` of the phrases ending at a match state, own and inherited
    /// along the failure links.
    outputs: Vec<(u32, u32)>,
}

/// Largest table [`PhraseDfa`] builds (entries); larger phrase sets use aho-corasick.
const PHRASE_DFA_MAX_ENTRIES: usize = 1 << 24;

impl PhraseDfa {
    /// The DFA of `phrases` (none empty); `None` when the table would be too large.
    fn new(phrases: &[String]) -> Option<PhraseDfa> {
        const NONE: u32 = u32::MAX;
        let mut class = [0u8; 256];
        let mut classes = 1usize;
        for &b in phrases.iter().flat_map(|p| p.as_bytes()) {
            let c = class.get_mut(usize::from(b))?;
            if *c == 0 {
                // 256 classes cannot happen while some byte is left for class 0 (`None` if so).
                *c = u8::try_from(classes).ok()?;
                classes += 1;
            }
        }
        let cls = |b: u8| usize::from(class[usize::from(b)]);
        // The trie: `goto` rows of `classes`, NONE where there is no child.
        let mut goto: Vec<u32> = vec![NONE; classes];
        let mut own: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        for (id, phrase) in phrases.iter().enumerate() {
            let mut state = 0usize;
            for &b in phrase.as_bytes() {
                let slot = state * classes + cls(b);
                let child = *goto.get(slot)?;
                state = if child != NONE {
                    child as usize
                } else {
                    let new = own.len();
                    if (new + 1) * classes > PHRASE_DFA_MAX_ENTRIES {
                        return None;
                    }
                    *goto.get_mut(slot)? = u32::try_from(new).ok()?;
                    own.push(Vec::new());
                    goto.resize(goto.len() + classes, NONE);
                    new
                };
            }
            own.get_mut(state)?.push((u32::try_from(id).ok()?, u32::try_from(phrase.len()).ok()?));
        }
        let states = own.len();
        // Breadth first: a state's failure state is shallower, so its row and its outputs are
        // complete when the state is reached.
        let mut fail = vec![0usize; states];
        let mut outputs = own;
        let mut queue = std::collections::VecDeque::new();
        for c in 0..classes {
            let slot = goto.get_mut(c)?;
            if *slot == NONE {
                *slot = 0;
            } else {
                queue.push_back(*slot as usize);
            }
        }
        while let Some(state) = queue.pop_front() {
            let f = *fail.get(state)?;
            for c in 0..classes {
                let via_fail = *goto.get(f * classes + c)?;
                let slot = goto.get_mut(state * classes + c)?;
                if *slot == NONE {
                    *slot = via_fail;
                } else {
                    let child = *slot as usize;
                    *fail.get_mut(child)? = via_fail as usize;
                    let inherited = outputs.get(via_fail as usize)?.clone();
                    outputs.get_mut(child)?.extend(inherited);
                    queue.push_back(child);
                }
            }
        }
        // Renumber: match states first.
        let mut order: Vec<usize> =
            (0..states).filter(|&s| outputs.get(s).is_some_and(|o| !o.is_empty())).collect();
        let match_states = order.len();
        order.extend((0..states).filter(|&s| outputs.get(s).is_some_and(Vec::is_empty)));
        let mut rank = vec![0u32; states];
        for (new, &old) in order.iter().enumerate() {
            *rank.get_mut(old)? = u32::try_from(new * classes).ok()?;
        }
        let mut next = Vec::with_capacity(states * classes);
        let mut output_ranges = Vec::with_capacity(match_states);
        let mut flat = Vec::new();
        for (new, &old) in order.iter().enumerate() {
            for &t in goto.get(old * classes..(old + 1) * classes)? {
                next.push(*rank.get(t as usize)?);
            }
            if new < match_states {
                let from = u32::try_from(flat.len()).ok()?;
                flat.extend(outputs.get(old)?);
                output_ranges.push((from, u32::try_from(flat.len()).ok()?));
            }
        }
        Some(PhraseDfa {
            next,
            class,
            classes,
            start: *rank.first()?,
            match_limit: u32::try_from(match_states * classes).ok()?,
            output_ranges,
            outputs: flat,
        })
    }

    /// Call `found(phrase, start, end)` for every occurrence of every phrase in `text`
    /// (overlapping ones included), in order of end.
    fn for_each_match(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let mut state = self.start;
        let mut at = 0;
        while let Some(tail) = bytes.get(at..) {
            let (i, s) = self.run(tail, state);
            if i == tail.len() {
                return;
            }
            state = s;
            let end = at + i + 1;
            let (from, to) =
                self.output_ranges.get(state as usize / self.classes).copied().unwrap_or_default();
            for &(id, len) in self.outputs.get(from as usize..to as usize).unwrap_or_default() {
                found(id as usize, end - len as usize, end);
            }
            at = end;
        }
    }

    /// Run from `state` over `bytes` up to the first match state: its byte's index and the
    /// state, or `bytes.len()` when there is none. Out of line so the loop keeps its few
    /// values in registers; four bytes a round, so the loop's own count and test are paid once
    /// per four bytes (the step is ~9 instructions, the loop was 4 more).
    #[inline(never)]
    fn run(&self, bytes: &[u8], state: u32) -> (usize, u32) {
        let (next, class, limit) = (self.next.as_slice(), &self.class, self.match_limit as usize);
        let start = self.start as usize;
        let step = |state: usize, b: u8| {
            next.get(state + usize::from(class[usize::from(b)])).map_or(start, |&s| s as usize)
        };
        let mut state = state as usize;
        let mut chunks = bytes.chunks_exact(4);
        let mut base = 0;
        for chunk in chunks.by_ref() {
            let &[b0, b1, b2, b3] = chunk else { break };
            for (k, b) in [b0, b1, b2, b3].into_iter().enumerate() {
                state = step(state, b);
                if state < limit {
                    return (base + k, state as u32);
                }
            }
            base += 4;
        }
        for (k, &b) in chunks.remainder().iter().enumerate() {
            state = step(state, b);
            if state < limit {
                return (base + k, state as u32);
            }
        }
        (bytes.len(), state as u32)
    }
}

impl PhraseHub {
    /// Join `sets` into one hub (a set listed twice, e.g. shared by several rules, joins
    /// once). Sets already in a hub stay there.
    pub fn join(sets: &[&PhraseSet]) -> Result<(), PhraseError> {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let mut joining: Vec<&PhraseSet> = Vec::new();
        for &set in sets {
            if set.hub.get().is_none() && !joining.iter().any(|s| std::ptr::eq(*s, set)) {
                joining.push(set);
            }
        }
        let mut phrases: Vec<String> = Vec::new();
        let mut owner = Vec::new();
        for (number, set) in joining.iter().enumerate() {
            for (phrase, &caller) in set.folded.iter().zip(&set.index) {
                phrases.push(phrase.clone());
                owner.push((number, caller));
            }
        }
        let table = if phrases.is_empty() { None } else { PhraseDfa::new(&phrases) };
        let nfa = if phrases.is_empty() || table.is_some() { None } else { Some(automaton(&phrases)?) };
        let hub = Arc::new(PhraseHub {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            table,
            nfa,
            owner,
            sets: joining.len(),
        });
        for (number, set) in joining.into_iter().enumerate() {
            // Checked above that no hub holds it; a concurrent join would keep its own hub,
            // which is as correct.
            let _ = set.hub.set((Arc::clone(&hub), number));
        }
        Ok(())
    }

    /// The matches of every set in `text`, on word boundaries, each set's ordered as
    /// [`PhraseSet::find_all`] orders them.
    fn scan(&self, text: &Folded) -> Vec<Vec<PhraseMatch>> {
        let mut out: Vec<Vec<PhraseMatch>> = vec![Vec::new(); self.sets];
        let mut push = |id: usize, start: usize, end: usize| {
            let Some(&(number, pattern)) = self.owner.get(id) else { return };
            if let Some(list) = out.get_mut(number) {
                list.push(PhraseMatch {
                    span: text.original_span(start, end),
                    pattern,
                    folded: Span::new(start, end),
                });
            }
        };
        if let Some(table) = &self.table {
            table.for_each_match(text.as_str(), |id, start, end| {
                if text.boundary(start) && text.boundary(end) {
                    push(id, start, end);
                }
            });
        } else if let Some(ac) = &self.nfa {
            for m in ac.find_overlapping_iter(text.as_str()) {
                if text.boundary(m.start()) && text.boundary(m.end()) {
                    push(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
        for list in &mut out {
            list.sort_by_key(|m| (m.folded.start, m.folded.end, m.pattern));
        }
        out
    }
}

/// `replacement` with the case of `original` carried over syllable by syllable: an all-caps
/// syllable (of two letters or more) makes the replacement's syllable all caps, a capitalised
/// one capitalises it; a lower-case one keeps the replacement as written (so acronyms in the
/// replacement survive). "Phân đấu" + "phấn đấu" → "Phấn đấu"; "SỬ LÝ" + "xử lý" → "XỬ LÝ".
pub fn match_case(original: &str, replacement: &str) -> String {
    let orig: Vec<&str> = original.split_whitespace().collect();
    let mut out = String::with_capacity(replacement.len());
    let whole_caps = is_all_caps(original) && original.chars().filter(|c| c.is_alphabetic()).count() > 1;
    for (i, syl) in replacement.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let model = orig.get(i).copied().or_else(|| if whole_caps { orig.last().copied() } else { None });
        match model {
            Some(m)
                if whole_caps || (is_all_caps(m) && m.chars().filter(|c| c.is_alphabetic()).count() > 1) =>
            {
                out.extend(syl.chars().flat_map(char::to_uppercase));
            }
            Some(m) if m.chars().next().is_some_and(char::is_uppercase) => {
                let mut cs = syl.chars();
                if let Some(first) = cs.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(cs.as_str());
                }
            }
            _ => out.push_str(syl),
        }
    }
    out
}

/// True when `s` has letters and none of them is lower case.
pub fn is_all_caps(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        any |= c.is_uppercase();
    }
    any
}

/// Check one example of a pack entry when the registry is built: `bad` must make `fires`
/// true (a finding of this very entry), `good` must raise no finding at all. A failing
/// example rejects the pack with an error pointing at the example in the TOML.
///
/// The packs embedded unchanged in the binary are checked by the test suite instead
/// (`registry::tests::embedded_pack_examples_pass`, where `cfg!(test)` holds): parsing and
/// checking their few hundred examples was ~12M instructions, 15% of checking one document,
/// paid by every run for a verdict fixed when the binary was built.
pub(crate) fn check_pack_example(
    pack: &crate::packs::Pack,
    example: &crate::packs::SpannedExample,
    rule_id: &str,
    fires: impl Fn(&str) -> bool,
    findings: impl Fn(&str) -> Vec<String>,
) -> Result<(), Box<crate::packs::PackError>> {
    if !cfg!(test) && pack.is_embedded_unchanged() {
        return Ok(());
    }
    let span = Some(example.span());
    let ex = example.get_ref();
    if !fires(&ex.bad) {
        return Err(Box::new(pack.error_at(
            span,
            format!("{rule_id}: ví dụ sai không bị phát hiện (bad example not flagged): {:?}", ex.bad),
            "ví dụ này (this example)".to_owned(),
        )));
    }
    let good = findings(&ex.good);
    if !good.is_empty() {
        return Err(Box::new(pack.error_at(
            span,
            format!(
                "{rule_id}: ví dụ đúng bị báo lỗi (good example flagged): {:?}: {}",
                ex.good,
                good.join("; ")
            ),
            "ví dụ này (this example)".to_owned(),
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(p: &[&str]) -> PhraseSet {
        match PhraseSet::new(p) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn matches_across_line_breaks_and_case() {
        let text = "Tình trạng CHÔNG\n\n  chéo và Chông chéo.";
        let f = Folded::new(text);
        let m: Vec<_> = set(&["chông chéo"]).find_iter(&f).map(|m| m.span.text(text)).collect();
        assert_eq!(m, ["CHÔNG\n\n  chéo", "Chông chéo"]);
    }

    #[test]
    fn whole_syllables_only() {
        let text = "xsử lý, sử lýy, sử lý";
        let f = Folded::new(text);
        let m: Vec<_> = set(&["sử lý"]).find_iter(&f).map(|m| m.span).collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m.first().map(|s| s.text(text)), Some("sử lý"));
    }

    #[test]
    fn longest_wins_and_index_is_the_callers() {
        let text = "Công thông tin điện tử tỉnh";
        let f = Folded::new(text);
        let s = set(&["", "công thông tin", "công thông tin điện tử"]);
        let m: Vec<_> = s.find_iter(&f).collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m.first().map(|m| m.pattern), Some(2));
        assert_eq!(s.find_all(&f).len(), 2);
    }

    #[test]
    fn spans_map_back_through_wide_whitespace() {
        // NBSP (2 bytes) and a tab run before the match shift the offsets.
        let text = "a\u{a0}b\t\t Đổi mới\u{a0}\u{a0}lề lối";
        let f = Folded::new(text);
        let m: Vec<_> = set(&["đổi mới lề lối"]).find_iter(&f).collect();
        assert_eq!(m.first().map(|m| m.span.text(text)), Some("Đổi mới\u{a0}\u{a0}lề lối"));
    }

    #[test]
    fn words_around_a_match() {
        let text = "kết\nhợp trực tuyến với";
        let f = Folded::new(text);
        let Some(m) = set(&["hợp trực tuyến"]).find_iter(&f).next() else { panic!("no match") };
        assert_eq!(f.word_before(m.folded.start), Some("kết"));
        assert_eq!(f.word_after(m.folded.end), Some("với"));
        assert_eq!(f.word_before(0), None);
    }

    #[test]
    fn case_is_carried_over() {
        assert_eq!(match_case("Phân đấu", "phấn đấu"), "Phấn đấu");
        assert_eq!(match_case("SỬ LÝ", "xử lý"), "XỬ LÝ");
        assert_eq!(match_case("Công TTĐT", "cổng TTĐT"), "Cổng TTĐT");
        assert_eq!(match_case("sử lý", "xử lý"), "xử lý");
    }

    #[test]
    fn fold_char_fast_paths_agree_with_unicode() {
        for c in ('\u{0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            let mut lower = c.to_lowercase();
            let want = match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            // Outside the Vietnamese blocks the fast path may leave a letter as it is.
            if matches!(u32::from(c), 0..=0x7F | 0xC0..=0xDE | 0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1A0 | 0x1AF | 0x1EA0..=0x1EF9)
            {
                assert_eq!(fold_char(c), want, "{c:?}");
            }
        }
    }

    /// The fold as first written, one character at a time: the fast fold must agree.
    fn fold_reference(text: &str) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut anchors = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !c.is_whitespace() {
                out.push(fold_char(c));
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(' ');
            if end - i != 1 {
                anchors.push((out.len(), end));
            }
        }
        (out, anchors)
    }

    proptest::proptest! {
        #[test]
        fn fast_fold_agrees_with_the_reference(text in "([a-zA-Z0-9,.;:/()-]{1,6}|[ \t\n\r\u{b}\u{c}\u{a0}\u{85}\u{2003}\u{3000}]{1,3}|[ĐđƠơỜờẠạÀàÉéÝý]{1,2}|[\u{0}-\u{2FF}]|\\PC){0,40}") {
            let f = Folded::new(&text);
            let (want, anchors) = fold_reference(&text);
            proptest::prop_assert_eq!(f.as_str(), want.as_str());
            proptest::prop_assert_eq!(&f.anchors, &anchors);
        }
    }

    /// A hub over `phrases` (one set) scanning with aho-corasick, or with the table.
    fn hub_of(phrases: &[&str], table: bool) -> PhraseHub {
        let phrases: Vec<String> = phrases.iter().map(|p| fold_phrase(p)).collect();
        PhraseHub {
            id: 0,
            table: if table { PhraseDfa::new(&phrases) } else { None },
            nfa: automaton(&phrases).ok(),
            owner: (0..phrases.len()).map(|i| (0, i)).collect(),
            sets: 1,
        }
    }

    /// The table and aho-corasick's NFA (the fallback) find exactly the same matches.
    #[test]
    fn the_hub_table_finds_what_the_nfa_finds() {
        let text = "Chông chéo, sử lý và xử lý; Hải phòng, hải Phòng chông chéo.";
        let phrases = ["chông chéo", "sử lý", "hải phòng", "phòng chông"];
        let folded = Folded::new(text);
        let nfa = hub_of(&phrases, false);
        assert!(nfa.table.is_none());
        let want = nfa.scan(&folded);
        assert_eq!(want.first().map(Vec::len), Some(6));
        let table = hub_of(&phrases, true);
        assert!(table.table.is_some());
        assert_eq!(table.scan(&folded), want);
    }

    proptest::proptest! {
        /// Overlapping phrases, phrases inside phrases, shared prefixes and suffixes,
        /// multi-byte letters and punctuation: the table finds what aho-corasick finds.
        #[test]
        fn the_table_finds_what_aho_corasick_finds(text in "([abcđơờ]{1,3}|[ \n]{1,2}|[,.(-]){0,60}") {
            let phrases = ["a b", "b", "a b c", "b c", "ơ", "đơ a", "c", "a", "b c a b", "ờ-b", "(a", "bb", "aa a"];
            let folded = Folded::new(&text);
            let (nfa, table) = (hub_of(&phrases, false), hub_of(&phrases, true));
            proptest::prop_assert!(table.table.is_some());
            proptest::prop_assert_eq!(table.scan(&folded), nfa.scan(&folded));
            let mut raw = Vec::new();
            if let Some(t) = &table.table {
                t.for_each_match(folded.as_str(), |id, start, end| raw.push((start, end, id)));
            }
            let mut want: Vec<_> = nfa.nfa.as_ref().map(|ac| ac.find_overlapping_iter(folded.as_str()).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()).unwrap_or_default();
            raw.sort_unstable();
            want.sort_unstable();
            proptest::prop_assert_eq!(raw, want);
        }
    }

    #[test]
    fn starts_whitespace_agrees_with_char() {
        for c in '\u{0}'..='\u{FFFF}' {
            let s = format!("{c}x");
            assert_eq!(starts_whitespace(s.as_bytes(), 0), c.is_whitespace(), "{c:?}");
        }
        assert!(!starts_whitespace(b"", 0));
    }

    /// The byte-level fold agrees with `fold_char` on every character it answers for.
    #[test]
    fn fold_at_agrees_with_fold_char() {
        for c in ('\u{80}'..='\u{7FF}').chain('\u{1000}'..='\u{1FFF}') {
            let s = c.to_string();
            if let Some((len, folded)) = fold_at(s.as_bytes(), 0) {
                assert_eq!(len, c.len_utf8(), "{c:?}");
                assert!(!c.is_whitespace(), "{c:?}");
                let want = fold_char(c);
                assert_eq!(folded.unwrap_or(c), want, "{c:?}");
                assert_eq!(folded.is_some(), want != c, "{c:?}");
            }
        }
    }

    #[test]
    fn a_document_is_folded_once() {
        let doc = rasoat_doc::parse_str("Hải Phòng");
        let a = Folded::of(&doc);
        let b = Folded::of(&doc);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.as_str(), "hải phòng");
    }

    #[test]
    fn a_hub_finds_what_each_set_finds_alone() {
        let text = "Chông chéo, sử lý và xử lý; Hải phòng, hải Phòng chông chéo.";
        let a = set(&["chông chéo", "sử lý", "hải phòng"]);
        let b = set(&["xử lý", "chông chéo", "", "phòng chông"]);
        let c = set(&[]);
        let alone: Vec<Vec<PhraseMatch>> =
            [&a, &b, &c].iter().map(|s| s.find_all(&Folded::new(text))).collect();
        // `b` listed twice joins once; `c` (empty) matches nothing.
        assert!(PhraseHub::join(&[&a, &b, &b, &c]).is_ok());
        let Some((hub, _)) = a.hub.get() else { panic!("a not joined") };
        assert_eq!(hub.sets, 3, "b joins once");
        assert!(b.hub.get().is_some_and(|(h, n)| Arc::ptr_eq(h, hub) && *n == 1));
        let folded = Folded::new(text);
        let joined: Vec<Vec<PhraseMatch>> = [&a, &b, &c].iter().map(|s| s.find_all(&folded)).collect();
        assert_eq!(alone, joined);
        assert_eq!(joined.iter().map(Vec::len).collect::<Vec<_>>(), [5, 4, 0]);
    }

    proptest::proptest! {
        /// Whatever the text (any whitespace, case, multi-byte letters), a match maps back to
        /// original text that folds to the phrase.
        #[test]
        fn spans_map_back_exactly(text in "([a-cA-CđĐơƠờỜ]{1,3}|[ \t\n\u{a0}\u{2003}]{1,3}|[,.]){0,40}") {
            let phrases = ["a b", "đơ", "ờ c a", "b"];
            let Ok(set) = PhraseSet::new(phrases) else { return Err(proptest::test_runner::TestCaseError::fail("set")) };
            let folded = Folded::new(&text);
            for m in set.find_all(&folded) {
                let found = text.get(m.span.start..m.span.end);
                proptest::prop_assert!(found.is_some(), "span {:?} not on char boundaries", m.span);
                let want = phrases.get(m.pattern).copied().unwrap_or_default();
                proptest::prop_assert_eq!(fold_phrase(found.unwrap_or_default()), fold_phrase(want));
            }
        }
    }

    proptest::proptest! {
        /// The byte-level boundary test agrees with decoding both neighbours.
        #[test]
        fn boundary_agrees_with_chars(text in "([a-zA-Z0-9]{0,3}|[ ,.\n_]|[àđơẠ\u{301}\u{a0}×]|\\PC){0,12}", at in 0usize..40) {
            let f = Folded::new(&text);
            let t = f.as_str();
            let before = t.get(..at).and_then(|s| s.chars().next_back());
            let after = t.get(at..).and_then(|s| s.chars().next());
            let want = !(before.is_some_and(is_word_char) && after.is_some_and(is_word_char));
            proptest::prop_assert_eq!(f.boundary(at), want);
        }
    }

    #[test]
    fn paragraph_breaks() {
        let t = "trên Cổng dịch vụ công\n\nDịch vụ công";
        assert!(crosses_paragraph(t, Span::new(0, t.len())));
        let t = "khắc phục tình trạng chông\n\nchéo";
        assert!(!crosses_paragraph(t, Span::new(0, t.len())));
        assert!(!crosses_paragraph("a\nB", Span::new(0, 3)));
    }

    #[test]
    fn empty_set_matches_nothing() {
        let f = Folded::new("bất kỳ");
        assert!(set(&[]).find_all(&f).is_empty());
    }
}
