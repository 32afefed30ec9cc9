//! Real-word errors (every syllable exists, the word does not) and words glued together.
//!
//! Evidence rule for one syllable (DOMAIN.md §6), all of which must hold:
//! 1. No observed pair with a neighbour is a lexicon word (that ends the check) or seen ≥
//!    [`SURE`] times; a pair seen
//!    [`ATTESTED`]–[`SURE`] times blocks every candidate except one seen [`TYPO_RATIO`] times
//!    more often in the same place (the corpus has its own typos: "quy dịnh" twice).
//! 2. A candidate one slip away (other marks, or one listed confusion: tr/ch, s/x, d/gi/r, l/n,
//!    final n/ng, nh/n, c/t) is frequent (≥ [`MIN_CANDIDATE`]) and either makes a word with a
//!    neighbour — a lexicon word seen ≥ [`STRONG_LEXICON`] times, or a pair seen ≥
//!    [`MINED_PAIR`] times that is ≥ 1/[`ASSOCIATION`] of the rarer syllable's occurrences —
//!    or was seen between the very same two neighbours (trigram).
//! 3. A neighbour already bound to its far side in a lexicon word ("hình thức" in "tính hình
//!    thức") supports the candidate only if the candidate was seen with that whole word.
//! 4. With two neighbours, the candidate was seen with the other one too (or the trigram, or a
//!    lexicon word seen ≥ [`VERY_STRONG`] times, speaks for it); a number alone is no context,
//!    and between two numbers only a frequent triple decides ("01 thang 7" → "0 tháng 0"),
//!    as it does through a lone number to the word beyond ("ngay 25 tháng" → "ngày 0 tháng").
//! 5. The flagged syllable is not field vocabulary the document repeats (> 2 times and rarer
//!    than 3,000 in the statistics: forestry, satellites).
//! 6. The noisy-channel odds (`odds`: how much likelier the candidate is than the
//!    written syllable, given their frequencies and the neighbours) reach [`MIN_ODDS`],
//!    unless the candidate makes a word whose syllables stick together ("phấn đấu").
//!
//! Odds of [`ACCEPT_TWO_SIDED`] ([`ACCEPT_ONE_SIDED`] with one neighbour) are enough on their
//! own (a number is no neighbour for them), even where rules 1–4 find no single strong pair or an observed pair is seen ≥ [`SURE`]
//! times ("quy đình tại": "đình tại" is "gia đình tại"). A syllable outside the vocabulary
//! (seen fewer than twice and in no lexicon word) has unbounded odds: any candidate seen with
//! a neighbour is a suggestion.
//!
//! Two adjacent syllables may be wrong together ("những nhiều" → "nhũng nhiễu", "Phần đầu
//! đạt" → "Phấn đấu đạt"): a two-syllable lexicon word with the same skeleton replaces both
//! when the observed pair is no lexicon word and the candidate is far more frequent, or, if
//! the observed pair is a corpus pair, more frequent and backed by an outer neighbour.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rasoat_text::Span;
use rasoat_text::syllable::{self, Case};

use crate::model::{Id, Model, Pair};
use crate::scan::{Class, Unit};

/// A pair seen at least this often (or in the lexicon) is attested: its syllables are never
/// flagged.
pub const ATTESTED: u32 = 2;
/// A candidate must make a word with a neighbour: a pair seen this often…
pub const MINED_PAIR: u32 = 40;
/// …or a lexicon word seen this often.
pub const STRONG_LEXICON: u32 = 10;
/// A corpus pair is a word when it makes up at least 1/ASSOCIATION of the rarer syllable.
pub const ASSOCIATION: u32 = 20;
/// An observed pair seen this often is certainly right.
pub const SURE: u32 = 20;
/// An observed pair seen fewer than 1/TYPO_RATIO times as often as the candidate's pair counts
/// as unattested (the corpus has its own typos).
pub const TYPO_RATIO: u32 = 500;
/// A lexicon word this frequent speaks for the candidate even if the other side is unseen.
pub const VERY_STRONG: u32 = 1000;
/// A candidate syllable must be at least this frequent.
pub const MIN_CANDIDATE: u32 = 50;
/// A two-syllable replacement must be seen at least this often…
const STRONG_WORD: u32 = 20;
/// …and this many times more often than the pair it replaces, when that pair is unattested.
const WORD_RATIO: u32 = 20;
/// When the observed pair is itself a word, a neighbour must pair with the candidate this often.
const OUTER_STRONG: u32 = 10;
/// Odds (see `odds`) below which the written syllable stands whatever the rules above
/// say. Genuine typos run at about 1 in 10,000 words of official text (17 in the held-out
/// fifth's 165,000), so odds of 5,000 leave the slip at most an even chance.
/// ("chờ" → "cho" in "tình trạng chờ nhà đầu tư", "vun" → "vùng": 2,000–2,600.)
pub const MIN_ODDS: f64 = 5_000.0;
/// Odds at which a candidate is taken even when the word-making rules find no single strong
/// pair, with two neighbours ("thờ cũng liệt sĩ" → "cúng": "thờ cúng" is no lexicon word and
/// "cúng" too rare for the association test)…
pub const ACCEPT_TWO_SIDED: f64 = 10_000.0;
/// …and with one (the other side never had a chance to object: thirty times as much).
pub const ACCEPT_ONE_SIDED: f64 = 300_000.0;

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Every syllable exists, the word does not.
    RealWord,
    /// Words written without the space between them.
    Glued,
    /// A syllable that breaks orthography.
    Orthography,
    /// Raw Telex/VNI keystrokes.
    Keystrokes,
}

/// One finding of the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub kind: FindingKind,
    /// Replacements, best first, written in the case of the original.
    pub candidates: Vec<String>,
    /// For orthography findings: what is wrong.
    pub error: Option<rasoat_text::syllable::OrthoError>,
}

impl Finding {
    /// Safe to apply automatically: exactly one candidate, and it changes letters only.
    pub fn safe(&self) -> bool {
        match self.candidates.as_slice() {
            [only] => only.chars().all(|c| c.is_alphabetic() || c == ' '),
            _ => false,
        }
    }
}

/// A unit with its vocabulary id.
struct Slot {
    id: Option<Id>,
    /// Usable as context for its neighbours.
    context: bool,
    /// [`checkable`], asked of most units three times (the pairs, the links, the units).
    checkable: bool,
}

/// Lines of `text` as (offset, line) pairs.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    rasoat_text::token::lines(text)
}

/// May this unit be corrected? Lower case, or capitalised only because it starts a sentence.
fn checkable(u: &Unit<'_>) -> bool {
    u.class == Class::Syllable
        && !u.protected
        && match u.case {
            Case::Lower => true,
            Case::Title => u.sentence_start,
            Case::Upper | Case::Mixed => false,
        }
}

/// A capitalised word followed by another is a name ("Xã Nhất Hòa", "Đinh Công Sứ"), even at
/// the start of a line or table cell.
fn starts_name(units: &[Unit<'_>], i: usize) -> bool {
    units.get(i).is_some_and(|u| u.case == Case::Title)
        && units.get(i + 1).is_some_and(|n| !n.boundary_before && n.case == Case::Title)
}

/// Write `word` (lower case) in the case of `like`.
pub(crate) fn recase(word: &str, like: Case) -> String {
    match like {
        Case::Lower | Case::Mixed => word.to_owned(),
        Case::Upper => word.to_uppercase(),
        Case::Title => {
            let mut chars = word.chars();
            let mut s = String::with_capacity(word.len());
            if let Some(c) = chars.next() {
                s.extend(c.to_uppercase());
            }
            s.push_str(chars.as_str());
            s
        }
    }
}

/// Skeletons one listed confusion away from `skel` (plus `skel` itself).
pub fn skeleton_variants(skel: &str, out: &mut Vec<String>) {
    out.clear();
    out.push(skel.to_owned());
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let swaps: [(&str, &[&str]); 7] = [
        ("tr", &["ch"]),
        ("ch", &["tr"]),
        ("gi", &["d", "r"]),
        ("s", &["x"]),
        ("x", &["s"]),
        ("d", &["gi", "r"]),
        ("r", &["d", "gi"]),
    ];
    for (from, tos) in swaps {
        if let Some(rest) = skel.strip_prefix(from) {
            // "d" must not take "đ" words' skeleton apart from their own; "s"/"x" + consonant is not an onset.
            if rest.starts_with(|c: char| "aeiouy".contains(c)) {
                for to in tos {
                    push(format!("{to}{rest}"));
                }
            }
        }
    }
    for (from, to) in [("l", "n"), ("n", "l")] {
        if let Some(rest) = skel.strip_prefix(from)
            && rest.starts_with(|c: char| "aeiouy".contains(c))
        {
            push(format!("{to}{rest}"));
        }
    }
    if let Some(stem) = skel.strip_suffix("ng") {
        push(format!("{stem}n"));
    } else if let Some(stem) = skel.strip_suffix("nh") {
        push(format!("{stem}n"));
    } else if let Some(stem) = skel.strip_suffix('n') {
        push(format!("{stem}ng"));
        push(format!("{stem}nh"));
    } else if let Some(stem) = skel.strip_suffix("ch") {
        push(format!("{stem}t"));
    } else if let Some(stem) = skel.strip_suffix('c') {
        push(format!("{stem}t"));
    } else if let Some(stem) = skel.strip_suffix('t') {
        push(format!("{stem}c"));
    }
}

/// Is the pair attested (lexicon or seen often enough)?
fn attested(model: &Model, a: Option<Id>, b: Option<Id>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let p = model.pair(a, b);
            p.lexicon || p.count >= ATTESTED
        }
        _ => false,
    }
}

/// Pair lookups, direct-mapped: the pair table (4 MB) lives outside a core's cache, while a
/// document asks for the same pairs (its own bigrams, the same candidates next to the same
/// neighbours) again and again, and documents share their common bigrams. The cache stays
/// with the thread between documents, tied to the model's identity; 2^17 entries of 8 bytes (1 MB:
/// candidates meet many distinct neighbours, and a miss costs a hundred instructions). It starts
/// at 2^12 entries and grows fourfold after each document: filling 1 MB per thread cost a
/// one-plan check (the check at every save) more than its misses.
#[derive(Default)]
struct PairCache {
    /// Key (a << 16 | b) in the high half, count | lexicon << 31 in the low one; all ones is
    /// empty (no key is all ones).
    slots: Vec<Cell<u64>>,
    /// Address of the model the entries come from.
    owner: usize,
    /// Two-syllable candidates of a pair of ids, in index order, with the parts that depend
    /// on the pair alone already checked: (candidate, its first and second id, its count).
    /// Pairs repeat throughout a document and across documents; the skeleton search and its
    /// string handling were the bulk of the real-word check.
    cands: PairCands,
}

thread_local! {
    static KEPT_PAIRS: Cell<Option<PairCache>> = const { Cell::new(None) };
}

impl PairCache {
    const SIZE: usize = 1 << 17;
    const FIRST_SIZE: usize = 1 << 12;

    /// The thread's cache for `model` (a fresh one the first time or for another model).
    fn take(model: &Model) -> Self {
        let owner = model.identity();
        match KEPT_PAIRS.try_with(Cell::take).ok().flatten() {
            Some(c) if c.owner == owner && !c.slots.is_empty() => c,
            _ => PairCache {
                slots: vec![Cell::new(u64::MAX); Self::FIRST_SIZE],
                owner,
                cands: PairCands::default(),
            },
        }
    }

    /// Keep the cache for the thread's next document.
    fn give_back(mut self) {
        // Bounded: a few thousand distinct pairs per document at most reach the search.
        if self.cands.len() > 1 << 15 {
            self.cands.clear();
        }
        // A cache: growing drops the entries, the next document refills them.
        if self.slots.len() < Self::SIZE {
            self.slots = vec![Cell::new(u64::MAX); (self.slots.len() * 4).min(Self::SIZE)];
        }
        let _ = KEPT_PAIRS.try_with(|k| k.set(Some(self)));
    }

    #[inline]
    fn get(&self, model: &Model, a: Id, b: Id) -> Pair {
        let key = u32::from(a) << 16 | u32::from(b);
        let i = (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
            & self.slots.len().saturating_sub(1);
        let Some(slot) = self.slots.get(i) else { return model.pair(a, b) };
        let v = slot.get();
        if (v >> 32) as u32 == key {
            return Pair { count: (v as u32) & !(1 << 31), lexicon: (v as u32) >> 31 == 1 };
        }
        let p = model.pair(a, b);
        slot.set(u64::from(key) << 32 | u64::from(p.count.min(!(1 << 31)) | u32::from(p.lexicon) << 31));
        p
    }

    // Inlined: called for every token of a line, mostly answered from the cache.
    #[inline]
    fn of(&self, model: &Model, a: Option<Id>, b: Option<Id>) -> Pair {
        match (a, b) {
            (Some(a), Some(b)) => self.get(model, a, b),
            _ => Pair::default(),
        }
    }
}

/// Reusable buffers, so a document costs a few allocations, not one per token.
#[derive(Default)]
struct Scratch {
    slots: Vec<Slot>,
    key: String,
    skel: String,
    variants: Vec<String>,
    found: Vec<String>,
    cands: Vec<Id>,
    /// `links[j]`: the pair of units j and j + 1 (default when either has no id or a boundary
    /// separates them), looked up once per line; also default when neither unit is
    /// [`checkable`]: every check reads a link only next to a checkable unit.
    links: Vec<Pair>,
    /// Indices of units (or of pairs' first units) left for the expensive checks after the
    /// cheap tests, found in one pass over the line's slots and links.
    todo: Vec<usize>,
    pairs: PairCache,
    /// Look every link up, checkable neighbour or not: the plain definition the tests compare
    /// the skipping with.
    all_links: bool,
}

type PairCands = HashMap<(Id, Id), Vec<(String, Id, Id, u32)>, BuildHasherDefault<crate::scan::Fnv>>;

impl Scratch {
    fn link(&self, j: usize) -> Pair {
        self.links.get(j).copied().unwrap_or_default()
    }
}

fn is_attested(p: Pair) -> bool {
    p.lexicon || p.count >= ATTESTED
}

/// Real-word errors in `text` (a document's text; spans are offsets into it).
pub fn check_real_words(model: &Model, text: &str, out: &mut Vec<Finding>) {
    crate::analyse(model, text, crate::Checks { syllables: false, real_words: true, glued: false }, out);
}

/// Document-wide state of the real-word check.
pub(crate) struct RealWordState {
    s: Scratch,
    /// Occurrences of each vocabulary id in the document: vocabulary an author uses again and
    /// again ("phát dọn thực bì", "vượt tầm kiểm soát") is deliberate, typos are occasional.
    seen: Vec<u16>,
    first: usize,
}

impl RealWordState {
    pub(crate) fn new(model: &Model, first: usize) -> Self {
        // The per-line buffers start with room for a long line (see `LINE_UNITS`).
        let s = Scratch {
            pairs: PairCache::take(model),
            slots: Vec::with_capacity(crate::LINE_UNITS),
            links: Vec::with_capacity(crate::LINE_UNITS),
            todo: Vec::with_capacity(crate::LINE_UNITS),
            ..Scratch::default()
        };
        RealWordState { s, seen: vec![0u16; model.vocab_len()], first }
    }

    /// Real-word findings among the units of one line.
    pub(crate) fn line(
        &mut self,
        model: &Model,
        units: &[Unit<'_>],
        vietnamese: bool,
        out: &mut Vec<Finding>,
    ) {
        let s = &mut self.s;
        let seen = &mut self.seen;
        // A line the checks skip (not Vietnamese, or one unit) only counts its ids: its slots
        // would never be read.
        if units.len() < 2 || !vietnamese {
            for u in units {
                if !u.protected
                    && u.class != Class::Mixed
                    && let Some(c) = u.id.and_then(|id| seen.get_mut(usize::from(id)))
                {
                    *c = c.saturating_add(1);
                }
            }
            return;
        }
        s.slots.clear();
        // Built by `extend` (one capacity check per line, not per unit).
        s.slots.extend(units.iter().map(|u| {
            let has_key = !u.protected && u.class != Class::Mixed;
            let id = if has_key { u.id } else { None };
            if let Some(c) = id.and_then(|id| seen.get_mut(usize::from(id))) {
                *c = c.saturating_add(1);
            }
            Slot { id, context: has_key, checkable: checkable(u) }
        }));
        s.links.clear();
        let pairs = &s.pairs;
        s.links.extend(units.windows(2).zip(s.slots.windows(2)).map(|w| match w {
            ([_, b], [sa, sb]) if !b.boundary_before && (sa.checkable || sb.checkable || s.all_links) => {
                pairs.of(model, sa.id, sb.id)
            }
            _ => Pair::default(),
        }));
        // The last unit has no right neighbour.
        s.links.push(Pair::default());
        let before = out.len();
        check_pairs(model, units, s, out);
        let pair_findings = out.len() - before;
        // Units that survive the cheap tests, found in one pass (then `s` is free for
        // `check_one` again).
        let mut todo = std::mem::take(&mut s.todo);
        todo.clear();
        let mut lo = Pair::default();
        for (i, (slot, &ro)) in s.slots.iter().zip(&s.links).enumerate() {
            let left = std::mem::replace(&mut lo, ro);
            if slot.checkable && !settled(units, &s.slots, i, left, ro) {
                todo.push(i);
            }
        }
        for &i in &todo {
            let Some(u) = units.get(i) else { break };
            // A syllable inside a two-syllable finding is already reported.
            let covered = pair_findings > 0
                && out
                    .get(before..before + pair_findings)
                    .is_some_and(|f| f.iter().any(|f| f.span.start <= u.start && u.span().end <= f.span.end));
            if !covered {
                check_one(model, units, i, s, out);
            }
        }
        s.todo = todo;
    }

    /// Drop real-word findings whose word recurs throughout the document.
    pub(crate) fn finish(mut self, model: &Model, text: &str, out: &mut Vec<Finding>) {
        let mut kept = self.first;
        for j in self.first..out.len() {
            let Some(f) = out.get(j) else { break };
            let drop =
                f.kind == FindingKind::RealWord && repeated(model, text, f, &self.seen, &mut self.s.key);
            if !drop {
                out.swap(kept, j);
                kept += 1;
            }
        }
        out.truncate(kept);
        std::mem::take(&mut self.s.pairs).give_back();
    }
}

/// Times a flagged word may occur in one document and still be reported.
const MAX_REPEATS: usize = 2;
/// A syllable rarer than this in the statistics is field vocabulary when a document repeats it.
const FIELD_WORD: u32 = 3000;

/// Does the flagged text occur more than [`MAX_REPEATS`] times in the document?
fn repeated(model: &Model, text: &str, f: &Finding, seen: &[u16], key: &mut String) -> bool {
    let Some(snippet) = text.get(f.span.start..f.span.end) else { return false };
    if !snippet.contains(' ') {
        key.clear();
        syllable::canonical_into(snippet, key);
        let Some(id) = model.id(key) else { return false };
        let n = seen.get(usize::from(id)).copied().unwrap_or(0);
        // Only field vocabulary counts as deliberate: a common syllable ("chuyên", "công")
        // recurs in every document for other reasons.
        return usize::from(n) > MAX_REPEATS && model.count(id) < FIELD_WORD;
    }
    // Two syllables: count whole-word occurrences of the exact pair.
    let mut n = 0usize;
    let mut from = 0usize;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(snippet)) {
        let start = from + pos;
        let end = start + snippet.len();
        let before_ok =
            text.get(..start).and_then(|t| t.chars().next_back()).is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text.get(end..).and_then(|t| t.chars().next()).is_none_or(|c| !c.is_alphanumeric());
        n += usize::from(before_ok && after_ok);
        // Only "more than MAX_REPEATS" matters: stop there instead of searching the whole
        // document for every flagged pair.
        if n > MAX_REPEATS {
            return true;
        }
        from = end;
    }
    false
}

/// `check_one`'s first early returns for a checkable unit, from the line's links alone
/// (most syllables stop here; the call and its set-up cost more): a lexicon word with a
/// neighbour, or observed pairs seen [`SURE`] times on both sides, or on the one side there is.
/// A link is non-empty only when both its units have ids and nothing separates them, that is
/// exactly when the neighbour is known context: the links are `check_one`'s `lo` and `ro`.
/// `lo` and `ro` are the links on either side of unit `i`.
fn settled(units: &[Unit<'_>], slots: &[Slot], i: usize, lo: Pair, ro: Pair) -> bool {
    if lo.lexicon || ro.lexicon || lo.count >= SURE && ro.count >= SURE {
        return true;
    }
    if lo.count < SURE && ro.count < SURE {
        return false;
    }
    let left = neighbour(units, slots, i, true).flatten();
    let right = neighbour(units, slots, i, false).flatten();
    left.is_none() || right.is_none()
}

/// The id of the neighbour of unit `i` on one side, when it gives context.
fn neighbour(units: &[Unit<'_>], slots: &[Slot], i: usize, left: bool) -> Option<Option<Id>> {
    let (u, j) = if left { (units.get(i)?, i.checked_sub(1)?) } else { (units.get(i + 1)?, i + 1) };
    if u.boundary_before {
        return None;
    }
    let slot = slots.get(j)?;
    slot.context.then_some(slot.id)
}

fn check_one(model: &Model, units: &[Unit<'_>], i: usize, s: &mut Scratch, out: &mut Vec<Finding>) {
    let Some(u) = units.get(i) else { return };
    if !checkable(u) || starts_name(units, i) {
        return;
    }
    let Some(me) = s.slots.get(i).map(|x| x.id) else { return };
    let left = neighbour(units, &s.slots, i, true);
    let right = neighbour(units, &s.slots, i, false);
    // An unknown neighbour says nothing: only known ones count as evidence.
    let left = left.flatten();
    let right = right.flatten();
    if left.is_none() && right.is_none() {
        return;
    }
    // A number alone says little ("6 rõ", "19 thôn"): it needs a word on the other side (or
    // beyond it, below).
    let is_number = |j: Option<usize>| j.and_then(|j| units.get(j)).is_some_and(|n| n.class == Class::Number);
    let left_number = left.is_some() && is_number(i.checked_sub(1));
    let right_number = right.is_some() && is_number(Some(i + 1));
    // Between two numbers only the triple speaks ("ngày 01 thang 7" → "0 tháng 0").
    let numbers_only = left_number && right_number;
    // A lone number with a word beyond it speaks through the triple too ("Hà Nội, ngay 20
    // tháng 11" → "ngày 0 tháng").
    let left2_word =
        if left_number { neighbour(units, &s.slots, i.saturating_sub(1), true).flatten() } else { None };
    let right2_word = if right_number { neighbour(units, &s.slots, i + 1, false).flatten() } else { None };
    let only_numbers = (left.is_none() || left_number) && (right.is_none() || right_number);
    let through = only_numbers && !numbers_only && (left2_word.is_some() || right2_word.is_some());
    if only_numbers && !numbers_only && !through {
        return;
    }
    // Observed pairs: a lexicon word is never second-guessed, a pair seen often only by the
    // odds; a pair seen a handful of times may be the corpus's own typo ("quy dịnh" twice in
    // 19 M tokens) and is weighed against each candidate below.
    let lo = if left.is_some() && i > 0 { s.link(i - 1) } else { Pair::default() };
    let ro = if right.is_some() { s.link(i) } else { Pair::default() };
    if lo.lexicon || ro.lexicon {
        return;
    }
    // A pair seen this often rules out the word-making rules below, not the odds: "đình tại"
    // (29 times, from "gia đình tại") does not save "quy đình tại".
    let sure = lo.count >= SURE || ro.count >= SURE;
    // With one neighbour the odds are n(x, c) / n(x, w) ≤ 32,767 / SURE: never enough.
    const _: () = assert!(32_767.0 / SURE as f64 <= ACCEPT_ONE_SIDED);
    if sure && (left.is_none() || right.is_none()) {
        return;
    }
    // Both pairs seen this often: the written word is certainly right.
    if lo.count >= SURE && ro.count >= SURE {
        return;
    }
    let unattested =
        |obs: Pair, cand: Pair| obs.count < ATTESTED || obs.count.saturating_mul(TYPO_RATIO) <= cand.count;
    // The neighbours' own other neighbours: a neighbour already bound in a lexicon word on its
    // far side ("hình thức" in "tính hình thức") is evidence for a new word with it only when
    // that word would be stronger than the one it breaks.
    // (Beside a number they were looked up above.)
    let left2 = if left_number {
        left2_word
    } else if left.is_some() && i >= 1 {
        neighbour(units, &s.slots, i.saturating_sub(1), true).flatten()
    } else {
        None
    };
    let right2 = if right_number {
        right2_word
    } else if right.is_some() {
        neighbour(units, &s.slots, i + 1, false).flatten()
    } else {
        None
    };
    let bound = |a: Option<Id>, b: Option<Id>| s.pairs.of(model, a, b).lexicon;
    let left_bound = bound(left2, left);
    let right_bound = bound(right, right2);
    // Candidates: the precomputed confusion set of a known syllable; for an unknown one, the
    // skeleton index (rare).
    s.cands.clear();
    match me {
        Some(me) => s.cands.extend(model.confusions(me)),
        None => {
            s.key.clear();
            syllable::canonical_into(u.text, &mut s.key);
            s.skel.clear();
            syllable::skeleton_into(&s.key, &mut s.skel);
            skeleton_variants(&s.skel, &mut s.variants);
            s.found.clear();
            for v in &s.variants {
                model.syllables_with_skeleton(v, &mut s.found);
            }
            s.cands.extend(s.found.iter().filter(|c| **c != s.key).filter_map(|c| model.id(c)));
        }
    }
    let rarer = |a: Option<Id>, b: Option<Id>| match (a, b) {
        (Some(a), Some(b)) => model.count(a).min(model.count(b)),
        _ => u32::MAX,
    };
    let mut best: Vec<(f64, u32, Id)> = Vec::new();
    for &c in &s.cands {
        if model.count(c) < MIN_CANDIDATE {
            continue;
        }
        let lp = s.pairs.of(model, left, Some(c));
        let rp = s.pairs.of(model, Some(c), right);
        // One side must make a word with the candidate (lexicon, or a frequent pair)…
        // A corpus pair counts as a word only when its syllables stick together: it makes up
        // at least 1/ASSOCIATION of the rarer one's occurrences ("cổng ttđt" yes; "phương
        // lập", which is "địa phương | lập", no).
        let word = |p: Pair, a: Option<Id>, b: Option<Id>| {
            p.lexicon && p.count >= STRONG_LEXICON
                || p.count >= MINED_PAIR && p.count.saturating_mul(ASSOCIATION) >= rarer(a, b)
        };
        // A bound neighbour lends its evidence only if the candidate was seen with the whole
        // word: "để bảo đảm" yes, "tình hình thức" no.
        let tri = |a: Option<Id>, b: Option<Id>, c: Option<Id>| match (a, b, c) {
            (Some(a), Some(b), Some(c)) => model.trigram(a, b, c),
            _ => false,
        };
        // Every observed side must be unattested next to this candidate's evidence (cheap:
        // tested first).
        // Two ways to a finding: the word-making rules (when no observed pair is sure and
        // every observed side is unattested next to the candidate's evidence), confirmed by
        // the odds; or odds high enough alone. Both need the candidate seen with a neighbour.
        let gate = !sure && (left.is_none() || unattested(lo, lp)) && (right.is_none() || unattested(ro, rp));
        let seen = is_attested(lp) || is_attested(rp);
        if !gate && !seen {
            continue;
        }
        // A number says little about the word next to it ("6 rõ"): only words count.
        let odds = odds(
            model,
            me,
            c,
            left.filter(|_| !left_number),
            right.filter(|_| !right_number),
            [lo, ro],
            [lp, rp],
        );
        let by_rules = gate && {
            let left_ok = word(lp, left, Some(c)) && (!left_bound || tri(left2, left, Some(c)));
            let right_ok = word(rp, Some(c), right) && (!right_bound || tri(Some(c), right, right2));
            // Seen between the very same neighbours: evidence on both sides at once. A stored
            // triple implies both its pairs are stored, so most lookups are skipped.
            let between = lp.count >= ATTESTED && rp.count >= ATTESTED && tri(left, Some(c), right);
            // …and with two neighbours, the other side must have been seen with the candidate
            // at all, unless the candidate makes a common lexicon word ("thành lập vụ").
            let very_strong = |p: Pair| p.lexicon && p.count >= VERY_STRONG;
            let seen_other = |p: Pair| p.count > 0 || p.lexicon;
            let one_sided_guess = left.is_some()
                && right.is_some()
                && !between
                && !(seen_other(lp) && seen_other(rp))
                && !(very_strong(lp) || very_strong(rp));
            // A word whose syllables stick together ("phấn đấu", "chuyển đổi", "cổng ttđt")
            // is knowledge the odds lack: it is not second-guessed by them (a lexicon pair
            // that is mere co-occurrence, "và vùng", is).
            let compound = |p: Pair, a: Option<Id>, b: Option<Id>| {
                word(p, a, b) && p.count.saturating_mul(ASSOCIATION) >= rarer(a, b)
            };
            let lexical = left_ok && compound(lp, left, Some(c)) || right_ok && compound(rp, Some(c), right);
            let evidence = if numbers_only {
                between && lp.count >= MINED_PAIR && rp.count >= MINED_PAIR
            } else if through {
                // The candidate, not the written syllable, was seen with the number and the
                // word beyond it.
                let beyond = |near: Option<Id>, far: Option<Id>, p: Pair, w: Option<Id>, left: bool| {
                    let t = |x: Option<Id>| if left { tri(far, near, x) } else { tri(x, near, far) };
                    far.is_some() && p.count >= MINED_PAIR && t(Some(c)) && !t(w)
                };
                beyond(left, left2_word, lp, me, true) || beyond(right, right2_word, rp, me, false)
            } else {
                left_ok || right_ok || between
            };
            evidence && !one_sided_guess && (numbers_only || through || lexical || odds >= MIN_ODDS)
        };
        let accept = if left.is_some() && right.is_some() { ACCEPT_TWO_SIDED } else { ACCEPT_ONE_SIDED };
        let by_odds = || {
            !numbers_only
                && !through
                && seen
                && odds >= accept
                && (!left_bound || tri(left2, left, Some(c)))
                && (!right_bound || tri(Some(c), right, right2))
        };
        if !(by_rules || by_odds()) {
            continue;
        }
        best.push((odds, lp.count + rp.count, c));
    }
    if best.is_empty() {
        return;
    }
    // Most likely first: by the odds, then by the evidence of the pairs.
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    out.push(Finding {
        span: u.span(),
        kind: FindingKind::RealWord,
        candidates: best
            .into_iter()
            .filter_map(|(_, _, c)| model.key(c))
            .take(3)
            .map(|w| recase(w, u.case))
            .collect(),
        error: None,
    });
}

/// The odds that `c` was meant where `me` was written, before the prior of a slip: n(c)/n(w) times, per neighbour, how much more likely that neighbour is next to `c`
/// than next to `w`. An unseen pair (fewer than two occurrences) is estimated as half its
/// count under independence, at most one.
fn odds(
    model: &Model,
    me: Option<Id>,
    c: Id,
    left: Option<Id>,
    right: Option<Id>,
    [lo, ro]: [Pair; 2],
    [lp, rp]: [Pair; 2],
) -> f64 {
    let Some(me) = me else { return f64::INFINITY };
    let total = model.total().max(1) as f64;
    // A syllable seen at most once (a lexicon syllable all but absent from official text,
    // "nãy") counts as half an occurrence.
    let nw = match model.count(me) {
        0 | 1 => 0.5,
        n => f64::from(n),
    };
    let nc = f64::from(model.count(c).max(1));
    // An unseen pair occurred at most once. Expected e times by chance, half of that is a fair
    // guess for a rare pair; a pair expected often ("chuyên đổi": 22 times) and still unseen
    // is avoided, so the guess falls again (2/e) past e = 2 — but chance is a poor model of
    // syllables bound in compounds, so never below MIN_UNSEEN.
    let est = |p: Pair, x: Id, n: f64| {
        if p.count > 0 {
            f64::from(p.count)
        } else {
            let e = f64::from(model.count(x)) * n / total;
            (0.5 * e).min((2.0 / e.max(f64::MIN_POSITIVE)).max(MIN_UNSEEN))
        }
    };
    // A product, not a sum of logarithms: logarithms cost more than the rest of the check,
    // and every factor stays far inside f64's range (counts below 2^32, estimates above 1e-12).
    let mut odds = nc / nw;
    for (x, obs, cand) in [(left, lo, lp), (right, ro, rp)] {
        if let Some(x) = x {
            odds *= (est(cand, x, nc) * nw) / (est(obs, x, nw) * nc);
        }
    }
    odds
}

/// The smallest count [`odds`] assumes for an unseen pair.
const MIN_UNSEEN: f64 = 0.25;

/// Two adjacent syllables wrong together.
fn check_pairs(model: &Model, units: &[Unit<'_>], s: &mut Scratch, out: &mut Vec<Finding>) {
    // Nearly every pair stops at the first tests (pure, so the cheapest and most selective
    // come first; a lexicon word in the text is never replaced): one pass over the line
    // leaves the few pairs to look at.
    let mut todo = std::mem::take(&mut s.todo);
    todo.clear();
    let links = &s.links;
    let attested_at = |j: Option<usize>| j.and_then(|j| links.get(j)).is_some_and(|p| is_attested(*p));
    todo.extend(units.windows(2).zip(s.slots.windows(2)).zip(links).enumerate().filter_map(
        |(i, ((u, sl), inner))| match (u, sl) {
            ([_, b], [sa, sb])
                if !(inner.lexicon
                    || b.boundary_before
                    || b.case != Case::Lower
                    || !sa.checkable
                    || !sb.checkable)
                    // Canonical keys from the vocabulary; an unknown syllable is the
                    // single-syllable check's business.
                    && sa.id.is_some()
                    && sb.id.is_some()
                    // An attested outer pair: a link is only attested when both its units
                    // have ids and nothing separates them, that is when the neighbour is
                    // known context.
                    && !attested_at(i.checked_sub(1))
                    && !attested_at(Some(i + 1)) =>
            {
                Some(i)
            }
            _ => None,
        },
    ));
    // A finding covers its two units: the next pair starts after it.
    let mut next = 0;
    for &i in &todo {
        if i < next {
            continue;
        }
        let (Some(a), Some(b)) = (units.get(i), units.get(i + 1)) else { break };
        let (Some(sa), Some(sb)) = (s.slots.get(i), s.slots.get(i + 1)) else { break };
        let inner = s.link(i);
        let (Some(ia), Some(ib)) = (sa.id, sb.id) else {
            continue;
        };
        let left = neighbour(units, &s.slots, i, true).flatten();
        let right = neighbour(units, &s.slots, i + 1, false).flatten();
        let inner = inner.count;
        if !s.pairs.cands.contains_key(&(ia, ib)) {
            let cands = pair_candidates(model, ia, ib, s);
            s.pairs.cands.insert((ia, ib), cands);
        }
        let Some(cands) = s.pairs.cands.get(&(ia, ib)) else {
            continue;
        };
        let mut best: Option<(u32, &str)> = None;
        for (cand, ida, idb, count) in cands {
            let (ida, idb, count) = (*ida, *idb, *count);
            let lc = s.pairs.of(model, left, Some(ida)).count;
            let rc = s.pairs.of(model, Some(idb), right).count;
            let ok = if inner >= ATTESTED {
                // A corpus pair that is no word ("phần đầu") gives way to a more frequent twin
                // that a neighbour speaks for ("phấn đấu đạt": "đầu đạt" is unattested).
                count > inner && lc.max(rc) >= OUTER_STRONG
            } else {
                count >= STRONG_WORD && count >= WORD_RATIO.saturating_mul(inner + 1)
            };
            if !ok {
                continue;
            }
            if best.is_none_or(|(c, _)| count > c) {
                best = Some((count, cand.as_str()));
            }
        }
        if let Some((_, word)) = best {
            let (ca, cb) = word.split_once(' ').unwrap_or((word, ""));
            let fixed = format!("{} {}", recase(ca, a.case), recase(cb, b.case));
            out.push(Finding {
                span: Span::new(a.start, b.span().end),
                kind: FindingKind::RealWord,
                candidates: vec![fixed],
                error: None,
            });
            next = i + 2;
        }
    }
    s.todo = todo;
}

/// The candidates of [`check_pairs`] for the pair (`ia`, `ib`) that pass the tests that do not
/// depend on the neighbours. Empty when either id has no key.
fn pair_candidates(model: &Model, ia: Id, ib: Id, s: &mut Scratch) -> Vec<(String, Id, Id, u32)> {
    let (Some(ka), Some(kb)) = (model.key(ia), model.key(ib)) else { return Vec::new() };
    s.key.clear();
    s.key.push_str(ka);
    s.key.push(' ');
    s.key.push_str(kb);
    s.skel.clear();
    syllable::skeleton_into(&s.key, &mut s.skel);
    s.found.clear();
    model.words_with_skeleton(&s.skel, &mut s.found);
    let mut out = Vec::new();
    for cand in s.found.drain(..) {
        let Some((ca, cb)) = cand.split_once(' ') else { continue };
        // Both syllables must change; one changed syllable is the single-syllable check's job.
        if ca == ka || cb == kb {
            continue;
        }
        let (Some(ida), Some(idb)) = (model.id(ca), model.id(cb)) else { continue };
        let p = model.pair(ida, idb);
        // A lexicon word in the text is never replaced (the caller skipped those), and only
        // by a lexicon word.
        if !p.lexicon {
            continue;
        }
        out.push((cand, ida, idb, p.count));
    }
    out
}

/// Words glued together ("củaxã" → "của xã"): a token that is not a syllable but splits into
/// two or three frequent syllables whose pairs are all attested.
pub fn check_glued(model: &Model, text: &str, out: &mut Vec<Finding>) {
    crate::analyse(model, text, crate::Checks { syllables: false, real_words: false, glued: true }, out);
}

/// Memo of [`split_glued`] for the glued-words and syllable checks: the same unknown token
/// (an abbreviation, a foreign word) recurs within and across documents, and each split tries
/// every way to cut it. Kept with the thread between documents (taken by [`GluedMemo::new`],
/// given back on drop), tied to the model's identity, cleared past [`GluedMemo::MAX`] tokens.
pub(crate) struct GluedMemo {
    map: GluedMap,
    /// The orthography check's verdict "a name or an attested token" per token, lower-case
    /// or capitalised: the skeleton search behind it cost more than the rest of the check,
    /// and the tokens that reach it ("quyết", "quyền") recur in every document.
    attested: AttestedMap,
    owner: usize,
}

type GluedMap = HashMap<Box<str>, Option<String>, BuildHasherDefault<crate::scan::Fnv>>;
type AttestedMap = HashMap<Box<str>, [Option<bool>; 2], BuildHasherDefault<crate::scan::Fnv>>;

thread_local! {
    /// The maps and their model's identity (not a `GluedMemo`: its `Drop` must not run while
    /// the thread-local itself is being destroyed).
    static KEPT_GLUED: Cell<Option<(usize, GluedMap, AttestedMap)>> = const { Cell::new(None) };
}

impl GluedMemo {
    const MAX: usize = 1 << 14;

    pub(crate) fn new(model: &Model) -> Self {
        let owner = model.identity();
        match KEPT_GLUED.try_with(Cell::take).ok().flatten() {
            Some((o, map, attested)) if o == owner => GluedMemo { map, attested, owner },
            _ => GluedMemo { map: GluedMap::default(), attested: AttestedMap::default(), owner },
        }
    }

    /// `verdict(token, case)`, once per distinct token for lower-case and capitalised tokens.
    pub(crate) fn known(
        &mut self,
        token: &str,
        case: Case,
        verdict: impl FnOnce(&str, Case) -> bool,
    ) -> bool {
        let slot = match case {
            Case::Lower => 0,
            Case::Title => 1,
            Case::Upper | Case::Mixed => return verdict(token, case),
        };
        if let Some(&Some(v)) = self.attested.get(token).and_then(|e| e.get(slot)) {
            return v;
        }
        let v = verdict(token, case);
        if self.attested.len() >= Self::MAX {
            self.attested.clear();
        }
        let e = self.attested.entry(token.into()).or_default();
        if let Some(x) = e.get_mut(slot) {
            *x = Some(v);
        }
        v
    }

    /// [`split_glued`], once per distinct token.
    pub(crate) fn split(&mut self, model: &Model, word: &str) -> Option<String> {
        if let Some(found) = self.map.get(word) {
            return found.clone();
        }
        let found = split_glued(model, word);
        if self.map.len() >= Self::MAX {
            self.map.clear();
        }
        self.map.insert(word.into(), found.clone());
        found
    }
}

impl Drop for GluedMemo {
    fn drop(&mut self) {
        let map = std::mem::take(&mut self.map);
        let attested = std::mem::take(&mut self.attested);
        // During thread exit the thread-local may be gone: then the maps just go.
        let _ = KEPT_GLUED.try_with(|k| k.set(Some((self.owner, map, attested))));
    }
}

/// Glued-word findings among the units of one line.
pub(crate) fn glued_units(
    model: &Model,
    units: &[Unit<'_>],
    vietnamese: bool,
    memo: &mut GluedMemo,
    out: &mut Vec<Finding>,
) {
    // Cheap test first: most lines have no candidate token at all.
    let candidate = |u: &Unit<'_>| u.class == Class::Other && !u.protected && !u.ascii;
    if !vietnamese || !units.iter().any(candidate) {
        return;
    }
    for u in units {
        if !candidate(u) || u.text.chars().count() < 4 {
            continue;
        }
        if !(u.case == Case::Lower || u.case == Case::Title && u.sentence_start) {
            continue;
        }
        if let Some(split) = memo.split(model, u.text) {
            out.push(Finding {
                span: u.span(),
                kind: FindingKind::Glued,
                candidates: vec![split],
                error: None,
            });
        }
    }
}

/// Frequency a glued piece must have.
const GLUE_PIECE: u32 = 100;

/// The best split of `word` into 2–3 frequent syllables with attested pairs.
pub fn split_glued(model: &Model, word: &str) -> Option<String> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    let piece_of = |a: usize, b: usize| -> Option<Id> {
        let p = word.get(a..b)?;
        syllable::validate(p).ok()?;
        let id = model.id(&syllable::canonical(p))?;
        (model.count(id) >= GLUE_PIECE).then_some(id)
    };
    // The loops below ask for the same piece many times (every tail once per first cut):
    // each is validated and looked up once.
    let mut pieces: HashMap<(usize, usize), Option<Id>> = HashMap::new();
    let mut piece = |a: usize, b: usize| *pieces.entry((a, b)).or_insert_with(|| piece_of(a, b));
    let mut best: Option<(u64, Vec<usize>)> = None;
    let end = word.len();
    for (x, &i) in bounds.iter().enumerate() {
        let Some(p1) = piece(0, i) else { continue };
        if let Some(p2) = piece(i, end)
            && attested(model, Some(p1), Some(p2))
        {
            let score = u64::from(model.pair(p1, p2).count) + 1;
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, vec![i]));
            }
        }
        for &j in bounds.iter().skip(x + 1) {
            let (Some(p2), Some(p3)) = (piece(i, j), piece(j, end)) else { continue };
            if attested(model, Some(p1), Some(p2)) && attested(model, Some(p2), Some(p3)) {
                let score = u64::from(model.pair(p1, p2).count.min(model.pair(p2, p3).count)) + 1;
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, vec![i, j]));
                }
            }
        }
    }
    let (_, cuts) = best?;
    let mut s = String::with_capacity(word.len() + 2);
    let mut prev = 0;
    for c in cuts {
        s.push_str(word.get(prev..c)?);
        s.push(' ');
        prev = c;
    }
    s.push_str(word.get(prev..)?);
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_words(text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        check_real_words(Model::embedded(), text, &mut out);
        out.into_iter()
            .map(|f| (text.get(f.span.start..f.span.end).unwrap_or("").to_owned(), f.candidates))
            .collect()
    }

    fn first(text: &str) -> Option<(String, String)> {
        real_words(text).into_iter().next().map(|(w, c)| (w, c.into_iter().next().unwrap_or_default()))
    }

    #[test]
    fn variants() {
        let mut v = Vec::new();
        skeleton_variants("chuyen", &mut v);
        assert!(v.contains(&"truyen".to_string()) && v.contains(&"chuyeng".to_string()));
        skeleton_variants("dai", &mut v);
        assert!(v.contains(&"giai".to_string()) && v.contains(&"rai".to_string()));
    }

    #[test]
    fn seed_errors_are_found() {
        let cases = [
            ("khắc phục triệt để tình trạng chông chéo, trùng lặp", "chông", "chồng"),
            ("Đẩy mạnh ứng dụng công nghệ thông tin, chuyên đổi số, đổi mới", "chuyên", "chuyển"),
            ("viên chức vi phạm, những nhiều, gây phiền hà", "những nhiều", "nhũng nhiễu"),
            ("trong tổ chức thực hiện. Phân đấu đạt được các chỉ tiêu", "Phân", "Phấn"),
            ("trong tổ chức thực hiện. Phần đầu đạt được các chỉ tiêu", "Phần đầu", "Phấn đấu"),
            ("- Công TTĐT phường;", "Công", "Cổng"),
        ];
        for (text, word, fix) in cases {
            assert_eq!(
                first(text),
                Some((word.to_string(), fix.to_string())),
                "{text}: {:?}",
                real_words(text)
            );
        }
    }

    #[test]
    fn correct_text_is_quiet() {
        for text in [
            "khắc phục triệt để tình trạng chồng chéo, trùng lặp",
            "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số, đổi mới",
            "Phấn đấu đạt được các chỉ tiêu định lượng",
            "tổ chức hội nghị kết hợp trực tuyến và trực tiếp",
            "- Cổng TTĐT phường;",
            "Ủy ban nhân dân tỉnh Đắk Lắk và xã Búk",
        ] {
            assert_eq!(real_words(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn odds_decide_what_the_rules_miss() {
        // An observed pair seen often elsewhere ("gia đình tại") does not save the slip.
        assert_eq!(
            first("các điều kiện được quy đình tại các văn bản"),
            Some(("đình".to_string(), "định".to_string()))
        );
        // Between two numbers the triple speaks, and through a lone number.
        assert_eq!(
            first("theo Nghị định ngày 01 thang 7 năm 2016 của Chính phủ"),
            Some(("thang".to_string(), "tháng".to_string()))
        );
        assert_eq!(
            first("Hà Nội, ngay 25 tháng 11 năm 2025"),
            Some(("ngay".to_string(), "ngày".to_string()))
        );
        // Odds alone, with no single strong pair.
        assert_eq!(
            first("người hưởng trợ cấp thờ cũng liệt sĩ"),
            Some(("cũng".to_string(), "cúng".to_string()))
        );
    }

    #[test]
    fn rare_words_in_plausible_context_stand() {
        // The odds favour the written word or are too low to overrule it.
        for text in [
            "tuyệt đối tránh tình trạng chờ nhà đầu tư liên hệ rồi mới xem xét",
            "phơi khô và vun thành dải rộng 2 - 3 m",
            "bảo đảm nguyên tắc 6 rõ để triển khai thực hiện",
        ] {
            assert_eq!(real_words(text), Vec::new(), "{text}");
        }
    }

    /// The real-word findings of `text`, as [`crate::analyse`] finds them, with every link
    /// looked up or only those next to a checkable unit.
    fn real_word_findings(text: &str, all_links: bool) -> Vec<Finding> {
        let model = Model::embedded();
        let mut out = Vec::new();
        let mut state = RealWordState::new(model, 0);
        state.s.all_links = all_links;
        let mut memo = crate::scan::Memo::new(model);
        let mut units = Vec::new();
        for (base, line) in lines(text) {
            let lookup = Some((model, &mut memo));
            let vietnamese = crate::scan::scan_line_with(line, base, &mut units, lookup);
            if !units.is_empty() {
                state.line(model, &units, vietnamese, &mut out);
            }
        }
        state.finish(model, text, &mut out);
        out
    }

    proptest::proptest! {
        /// Links between two uncheckable units are never read: skipping them changes nothing.
        #[test]
        fn skipped_links_change_nothing(words in proptest::collection::vec(proptest::sample::select(vec![
            "chông", "chéo", "trùng", "lặp", "chuyên", "đổi", "số", "những", "nhiều", "Phân", "đấu",
            "Phần", "đầu", "đạt", "Công", "TTĐT", "quy", "đình", "tại", "ngày", "ngay", "thang", "01",
            "25", "tháng", "năm", "UBND", "tỉnh", "Đắk", "Lắk", "thờ", "cũng", "liệt", "sĩ", "gov.vn",
            "các", "văn", "bản", "Hà", "Nội", ", ", ". ", "\t", "\n", " - ", "x@y",
        ]), 0..40)) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(real_word_findings(&text, false), real_word_findings(&text, true));
        }
    }

    #[test]
    fn seed_errors_are_found_either_way() {
        let text =
            "khắc phục tình trạng chông chéo. Phần đầu đạt được; quy đình tại\nHà Nội, ngay 25 tháng 11";
        let found = real_word_findings(text, false);
        assert!(found.len() >= 3, "{found:?}");
        assert_eq!(found, real_word_findings(text, true));
    }

    #[test]
    fn glued_words_split() {
        let m = Model::embedded();
        assert_eq!(split_glued(m, "củaxã").as_deref(), Some("của xã"));
        assert_eq!(split_glued(m, "nàythành").as_deref(), Some("này thành"));
        assert_eq!(split_glued(m, "gọilàphường").as_deref(), Some("gọi là phường"));
        assert_eq!(split_glued(m, "Nguyễn"), None);
    }
}
