//! The similarity engine shared by the `duplicate/…` rules.
//!
//! Text → terms. Syllables are hashed without allocating, lower-cased, with the tone factored
//! out of the letters: the two accepted mark placements are one word ("hòa" = "hoà", "Thủy" =
//! "thuỷ") while words that differ in tone stay apart ("báo" ≠ "bảo": a diacritic-free skeleton
//! made "báo cháy" and "bảo dưỡng … chữa cháy" look alike). Dates in any spelling become one term
//! ("24/01/2019" = "ngày 24 tháng 01 năm 2019" = "24-1-2019", "tháng 5/2026" = "tháng 5 năm
//! 2026"); "số" before a number and "các", "những", "mọi" are dropped (citation forms "Nghị định
//! số 09/…" = "Nghị định 09/…"); common abbreviations are expanded (UBND = Ủy ban nhân dân); a run
//! of capitalised syllables inside a sentence is one name term ("Tân Phú Đông" ≠ "Tân Phú").
//! Directive verbs and function words ("thực hiện", "tiếp tục", "đôn đốc", "của") are marked
//! *filler*: changing them does not make another task. Punctuation (`, ; : . ( )`) splits the
//! terms into clauses.
//!
//! Terms → features: 3-term shingles that never cross a clause boundary (a clause shorter than
//! three terms is one feature), so reordering clauses keeps every feature. Features are indexed
//! (feature → items that have it); an item's candidates are the earlier items that share
//! features with it, and at most [`VERIFY_MAX`] of them are checked. Posting lists longer than
//! [`POSTING_CAP`] are boilerplate ("cán bộ, công chức, viên chức") and stop being scanned; exact
//! copies are found by a hash of the whole term sequence. Lists are newest first, so a walk stops
//! below the first item of the item's scope; outside plans an item is compared only with the one
//! before it, which shares a feature exactly when it heads the list. Work per item is therefore
//! bounded and
//! the search is linear (measured by `measure::linear_on_5000_paragraphs`: 1,250 / 2,500 / 5,000
//! paragraphs in 5.0 / 10.3 / 16.9 ms, release build on a busy 2-core machine).
//!
//! Cost. Each compared item's text is read once: [`scan`] cuts, hashes and classifies its tokens
//! in one pass, into reused buffers. Features are computed only for items that are compared,
//! and the term sets a pair check needs only for pairs that are checked (counted per pair in a
//! reused hash set); a pair is rejected on its term sets before its features or its LCS are
//! looked at, and the LCS is not computed when the terms the two share cannot reach the
//! threshold.
//!
//! A candidate is confirmed on the pair itself: the similarity is the larger of the shingle
//! containment (shared features / features of the shorter item, robust to reordering) and the
//! LCS containment over terms (robust to inserted and removed words). Containment rather than
//! Jaccard because a pasted directive is usually copied with words added ("Tiếp tục thực
//! hiện…", "… trên địa bàn xã"); a length-ratio guard keeps a short item from matching a long one
//! that merely quotes it. The pair is rejected when the copies differ in what they are about:
//! - a substitution in the LCS alignment where each side has content words the other lacks
//!   ("đối thoại … với người dân" / "… với doanh nghiệp"), or swaps one number for another;
//! - numbers or dates on each side that the other lacks ("giảm 10%" / "giảm 15%");
//! - two or more content words on each side that the other lacks anywhere (both rewritten).
//!
//! *Strict* pairs must have the same content words, as many times each: neighbours in a list
//! (an enumeration's items differ by a qualifier — "Cấp …" / "Cấp lại …") and items outside plans.
//! MinHash was not needed: exact shared-feature counts from the index are cheap at these sizes
//! and give exact containment.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use rasoat_text::Span;
use rasoat_text::token::TokenKind;

/// Shingle width in terms (syllables).
const K: usize = 3;
/// A feature shared by more items than this is boilerplate: it is not scanned for candidates.
pub(crate) const POSTING_CAP: usize = 48;
/// Pairs longer than this (terms × terms) skip the LCS and are judged on features alone.
const LCS_CELLS_MAX: usize = 200_000;
/// How many of the best candidates of an item are verified.
const VERIFY_MAX: usize = 4;

/// What a term is, for deciding whether two near-identical items still differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// A content syllable.
    Word,
    /// A directive verb or function word ("thực hiện", "tiếp tục", "của"): changing it does not
    /// make a different task.
    Filler,
    Number,
    /// A date or month ("24/01/2019", "tháng 5/2026").
    Date,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Term {
    pub hash: u64,
    pub kind: TermKind,
    /// Clause number within its item; shingles never cross clauses.
    pub clause: u32,
    /// Its [`Specials`] flags (for words), looked up once by the normaliser.
    special: u8,
}

impl Term {
    fn is_content(&self) -> bool {
        self.kind != TermKind::Filler
    }
}

/// One item (a directive, an appendix task) in the index.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    terms: Range<usize>,
    /// Computed on first use ([`Index::ensure_feats`]).
    feats: Option<Range<usize>>,
    /// Items are only compared with items of the same scope…
    scope: u64,
    /// …and, unless `cross` is set, of the same section (their parent heading or item).
    section: u64,
    cross: bool,
}

/// What [`Index::verify`] compares of two items' terms first: the number of distinct content
/// (or number/date) hashes of each, and of both. Counted per pair in a [`PairSet`]: sorting each
/// item's sets cost more, and most items are checked against one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Overlap {
    a: usize,
    b: usize,
    common: usize,
}

impl Overlap {
    /// Each side has at least `min` terms the other lacks anywhere: numbers "giảm 10%" /
    /// "giảm 15%" (`min` 1); content words when both copies were rewritten and say different
    /// things, "Báo cáo chính trị …" / "Báo cáo … về tổng kết …" (`min` 2).
    fn each_lacks(self, min: usize) -> bool {
        self.a - self.common >= min && self.b - self.common >= min
    }
}

/// A hash set of term hashes reused across pairs, marking which side holds each; a stamp per
/// slot empties it without clearing.
#[derive(Default)]
struct PairSet {
    keys: Vec<u64>,
    /// (stamp, sides: 1 for `b`, 2 for `a`).
    marks: Vec<(u32, u8)>,
    stamp: u32,
}

impl PairSet {
    /// The [`Overlap`] of the hashes of the terms of `a` and of `b` that `keep` keeps.
    fn overlap(&mut self, a: &[Term], b: &[Term], keep: impl Fn(&Term) -> bool) -> Overlap {
        let size = (2 * (a.len() + b.len())).next_power_of_two().max(16);
        if self.keys.len() < size || self.stamp == u32::MAX {
            self.keys = vec![0; size];
            self.marks = vec![(0, 0); size];
            self.stamp = 0;
        }
        self.stamp += 1;
        let (stamp, mask) = (self.stamp, self.keys.len() - 1);
        let shift = 64 - self.keys.len().trailing_zeros();
        let mut o = Overlap { a: 0, b: 0, common: 0 };
        for (side, terms) in [(1u8, b), (2u8, a)] {
            for t in terms.iter().filter(|t| keep(t)) {
                let mut i = (t.hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
                // At most half full: a free slot ends every probe.
                while let (Some(k), Some(m)) = (self.keys.get_mut(i), self.marks.get_mut(i)) {
                    let seen = if m.0 != stamp {
                        *k = t.hash;
                        *m = (stamp, side);
                        false
                    } else if *k == t.hash {
                        let seen = m.1 & side != 0;
                        m.1 |= side;
                        o.common += usize::from(!seen && side == 2);
                        seen
                    } else {
                        i = (i + 1) & mask;
                        continue;
                    };
                    if !seen {
                        if side == 2 {
                            o.a += 1;
                        } else {
                            o.b += 1;
                        }
                    }
                    break;
                }
            }
        }
        o
    }
}

/// A confirmed near-duplicate: the earlier item and the similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match {
    pub earlier: usize,
    pub similarity: f32,
}

/// Tuning of one rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    /// Items with fewer content terms are never compared (headings, short labels).
    pub min_terms: usize,
    /// Containment needed to call two items the same.
    pub min_similarity: f32,
    /// Shorter / longer, in terms.
    pub min_length_ratio: f32,
}

/// All items of a document, their terms and features, and the feature index.
#[derive(Default)]
pub(crate) struct Index {
    terms: Vec<Term>,
    feats: Vec<u64>,
    items: Vec<Item>,
    /// Feature → its list of items, linked through `nodes` (one allocation for all lists).
    postings: HashMap<u64, Posting, Fast>,
    /// (item, next node or [`NIL`]), newest first per list.
    nodes: Vec<(u32, u32)>,
    /// Hash of an item's whole term sequence → first item with it (exact copies, even when all
    /// their features are boilerplate).
    exact: HashMap<(u64, u64, u64), u32, Fast>,
    pair_set: PairSet,
    bags: Vec<Option<Range<usize>>>,
    feat_sets: Vec<Option<Range<usize>>>,
    set_data: Vec<u64>,
    // Scratch buffers reused across items.
    scratch_feats: Vec<u64>,
    /// Shared-feature count per earlier item, indexed by item (a hash map here was the hottest
    /// line of the duplicate rules); only the entries listed in `touched` are non-zero.
    counts: Vec<u32>,
    touched: Vec<u32>,
    scratch_cands: Vec<(u32, u32)>,
    norm: Normaliser,
    /// Per item, the first item of its scope (set by [`Index::find_repeats`]).
    scope_first: Vec<u32>,
    /// Walk whole posting lists (the test of the shortcuts that stop early).
    walk_all: bool,
}

/// The list of items that have one feature: its newest node in [`Index::nodes`], and length.
#[derive(Debug, Clone, Copy)]
struct Posting {
    head: u32,
    len: u32,
}

/// End of a posting list.
const NIL: u32 = u32::MAX;

/// Hasher for keys that are already well-mixed hashes (features, term sequences) or small
/// values (chars): SipHash's DoS resistance buys nothing here and cost a tenth of the rule.
#[derive(Default, Clone, Copy)]
pub(crate) struct FoldHasher(u64);

impl FoldHasher {
    fn fold(&mut self, x: u64) {
        // Folded 128-bit multiply: every input bit reaches both the high bits hashbrown uses as
        // tags and the low bits it uses as bucket index.
        let m = u128::from(self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

impl Hasher for FoldHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
            self.fold(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.fold(n);
    }
    fn write_u32(&mut self, n: u32) {
        self.fold(u64::from(n));
    }
}

pub(crate) type Fast = BuildHasherDefault<FoldHasher>;

impl Index {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add an item made of `pieces` of `text` (several when a paragraph was split by a page
    /// break); returns its index.
    pub fn push(&mut self, text: &str, pieces: &[Span], scope: u64) -> usize {
        self.push_in(text, pieces, scope, 0, true)
    }

    /// [`Index::push`] for an item that belongs to a section: it is compared with items of other
    /// sections of its scope only when `cross` is set.
    pub fn push_in(&mut self, text: &str, pieces: &[Span], scope: u64, section: u64, cross: bool) -> usize {
        let start = self.terms.len();
        self.norm.reset();
        for &piece in pieces {
            self.norm.run(text, piece, &mut self.terms);
        }
        let terms = start..self.terms.len();
        self.items.push(Item { terms, feats: None, scope, section, cross });
        self.items.len() - 1
    }

    /// Computes the features of item `i` the first time they are needed: an item that is never
    /// compared (too short, or the rule knows it has no partner) never pays for them.
    fn ensure_feats(&mut self, i: usize) {
        let Some(item) = self.items.get(i) else { return };
        if item.feats.is_some() {
            return;
        }
        let start = self.feats.len();
        features(self.terms.get(item.terms.clone()).unwrap_or(&[]), &mut self.feats);
        let range = start..self.feats.len();
        if let Some(item) = self.items.get_mut(i) {
            item.feats = Some(range);
        }
    }

    fn item_terms(&self, i: usize) -> &[Term] {
        self.items.get(i).and_then(|it| self.terms.get(it.terms.clone())).unwrap_or(&[])
    }

    fn item_feats(&self, i: usize) -> &[u64] {
        self.items.get(i).and_then(|it| self.feats.get(it.feats.clone()?)).unwrap_or(&[])
    }

    /// Number of content terms of an item.
    #[cfg(test)]
    pub fn content_len(&self, i: usize) -> usize {
        self.item_terms(i).iter().filter(|t| t.is_content()).count()
    }

    /// Whether item `i` has at least `min` content terms, counting no further than `min`: most
    /// items have many more.
    fn has_content_terms(&self, i: usize, min: usize) -> bool {
        min == 0 || self.item_terms(i).iter().filter(|t| t.is_content()).nth(min - 1).is_some()
    }

    /// The terms of an item, as hashes.
    #[cfg(test)]
    pub fn term_hashes(&self, i: usize) -> impl Iterator<Item = u64> + '_ {
        self.item_terms(i).iter().map(|t| t.hash)
    }

    /// For every item in order, the earlier item of the same scope it repeats, if any. Items
    /// are indexed as they are visited, so each is compared only with earlier ones.
    pub fn find_repeats(&mut self, params: Params, eligible: impl Fn(usize) -> bool) -> Vec<Option<Match>> {
        let n = self.items.len();
        let mut out = Vec::with_capacity(n);
        // At most one posting per feature, about one feature per term: little rehashing.
        self.postings.reserve(self.terms.len());
        self.exact.reserve(n);
        if self.counts.len() < n {
            self.counts.resize(n, 0);
        }
        // The first item of each item's scope: no earlier item is comparable with it.
        let mut firsts: HashMap<u64, u32, Fast> = HashMap::default();
        self.scope_first =
            self.items.iter().zip(0u32..).map(|(it, k)| *firsts.entry(it.scope).or_insert(k)).collect();
        for i in 0..n {
            let ok = eligible(i) && self.has_content_terms(i, params.min_terms);
            if ok {
                self.ensure_feats(i);
            }
            out.push(if ok { self.index_and_find(i, params) } else { None });
        }
        out
    }

    fn exact_key(&self, i: usize) -> (u64, u64, u64) {
        let mut h = FNV_OFFSET;
        for t in self.item_terms(i) {
            h = mix(h, t.hash);
        }
        let (scope, section) =
            self.items.get(i).map_or((0, 0), |it| (it.scope, if it.cross { 0 } else { it.section }));
        (scope, section, h)
    }

    /// Whether the earlier item `j` may be compared with item `i`: same scope; same section
    /// unless both allow crossing; and outside plans (no crossing), only the item right before.
    fn comparable(&self, i: usize, j: usize) -> bool {
        match (self.items.get(i), self.items.get(j)) {
            (Some(a), Some(b)) => {
                let cross = a.cross && b.cross;
                a.scope == b.scope && (a.section == b.section || cross) && (cross || j + 1 == i)
            }
            _ => false,
        }
    }

    /// The best earlier match of item `i`, and `i` added to the index: one hash lookup per
    /// feature serves both (a feature occurs once per item, so `i` never meets itself).
    fn index_and_find(&mut self, i: usize, params: Params) -> Option<Match> {
        let key = self.exact_key(i);
        let exact = match self.exact.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get() as usize),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i as u32);
                None
            }
        };
        // An exact copy needs no candidates; its features are still indexed.
        let found_exact =
            exact.filter(|&j| self.comparable(i, j)).map(|j| Match { earlier: j, similarity: 1.0 });
        let count = found_exact.is_none();
        // Lists are newest first, and only items of `i`'s scope are comparable with it (see
        // `comparable`): a walk stops below the scope's first item. Outside plans only the item
        // right before may be a candidate: it shares a feature exactly when it heads the list.
        let floor = match self.items.get(i) {
            _ if self.walk_all => 0,
            Some(it) if !it.cross => i.saturating_sub(1),
            _ => self.scope_first.get(i).map_or(0, |&f| f as usize),
        };
        let feats = self.items.get(i).and_then(|it| it.feats.clone()).unwrap_or(0..0);
        self.touched.clear();
        for &f in self.feats.get(feats).unwrap_or(&[]) {
            let posting = self.postings.entry(f).or_insert(Posting { head: NIL, len: 0 });
            // A list past the cap is boilerplate: neither scanned nor grown. A list that ends
            // with `i` met this feature earlier in the same item: a feature counts once.
            if posting.len as usize > POSTING_CAP
                || self.nodes.get(posting.head as usize).is_some_and(|&(j, _)| j as usize == i)
            {
                continue;
            }
            if count {
                let mut node = posting.head;
                while let Some(&(j, next)) = self.nodes.get(node as usize) {
                    if (j as usize) < floor {
                        break;
                    }
                    if let Some(c) = self.counts.get_mut(j as usize) {
                        if *c == 0 {
                            self.touched.push(j);
                        }
                        *c += 1;
                    }
                    node = next;
                }
            }
            self.nodes.push((i as u32, posting.head));
            posting.head = (self.nodes.len() - 1) as u32;
            posting.len += 1;
        }
        if found_exact.is_some() {
            return found_exact;
        }
        let mut cands = std::mem::take(&mut self.scratch_cands);
        cands.clear();
        // One pass reads each count and clears it for the next item.
        for &j in &self.touched {
            let Some(c) = self.counts.get_mut(j as usize) else { continue };
            let c = std::mem::take(c);
            if c >= 2 && self.comparable(i, j as usize) {
                cands.push((c, j));
            }
        }
        // Most shared features first; ties to the earliest item, for determinism.
        cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut best: Option<Match> = None;
        for &(_, j) in cands.iter().take(VERIFY_MAX) {
            let j = j as usize;
            if let Some(sim) = self.verify(j, i, params, self.strict(j, i))
                && best.is_none_or(|b| sim > b.similarity)
            {
                best = Some(Match { earlier: j, similarity: sim });
            }
        }
        self.scratch_cands = cands;
        best
    }

    /// The bag of item `i`'s term hashes (sorted, with repeats), computed on first use: most
    /// pairs are rejected on their [`Overlap`]s before it is needed.
    fn bag(&mut self, i: usize) -> Range<usize> {
        if let Some(Some(r)) = self.bags.get(i) {
            return r.clone();
        }
        let range = self.sorted_hashes(i, |_| true, false);
        if self.bags.len() < self.items.len() {
            self.bags.resize(self.items.len(), None);
        }
        if let Some(slot) = self.bags.get_mut(i) {
            *slot = Some(range.clone());
        }
        range
    }

    /// The hashes of item `i`'s terms that pass `keep`, sorted (and deduplicated when `distinct`),
    /// appended to `set_data`.
    fn sorted_hashes(&mut self, i: usize, keep: impl Fn(&Term) -> bool, distinct: bool) -> Range<usize> {
        let mut scratch = std::mem::take(&mut self.scratch_feats);
        scratch.clear();
        scratch.extend(self.item_terms(i).iter().filter(|t| keep(t)).map(|t| t.hash));
        scratch.sort_unstable();
        if distinct {
            scratch.dedup();
        }
        let start = self.set_data.len();
        self.set_data.extend_from_slice(&scratch);
        self.scratch_feats = scratch;
        start..self.set_data.len()
    }

    /// The features of item `i`, sorted and deduplicated, computed on first use: only pairs
    /// that pass the cheaper term tests need them.
    fn feat_set(&mut self, i: usize) -> Range<usize> {
        if let Some(Some(r)) = self.feat_sets.get(i) {
            return r.clone();
        }
        self.ensure_feats(i);
        let mut scratch = std::mem::take(&mut self.scratch_feats);
        scratch.clear();
        scratch.extend_from_slice(self.item_feats(i));
        scratch.sort_unstable();
        scratch.dedup();
        let start = self.set_data.len();
        self.set_data.extend_from_slice(&scratch);
        let range = start..self.set_data.len();
        self.scratch_feats = scratch;
        if self.feat_sets.len() < self.items.len() {
            self.feat_sets.resize(self.items.len(), None);
        }
        if let Some(slot) = self.feat_sets.get_mut(i) {
            *slot = Some(range.clone());
        }
        range
    }

    /// Whether the pair must say exactly the same content words: neighbours in one list, whose
    /// small differences are what the enumeration is about ("Cấp …" / "Cấp lại …"), and items
    /// outside plans, whose parallel provisions differ by a qualifier.
    fn strict(&self, a: usize, b: usize) -> bool {
        let cross =
            self.items.get(a).is_some_and(|it| it.cross) && self.items.get(b).is_some_and(|it| it.cross);
        a + 1 == b || !cross
    }

    /// The similarity of two items when they say the same thing, `None` otherwise.
    pub fn verify(&mut self, a: usize, b: usize, params: Params, strict: bool) -> Option<f32> {
        let (la, lb) = (self.item_terms(a).len(), self.item_terms(b).len());
        let (short, long) = (la.min(lb), la.max(lb));
        if short == 0 || (short as f32) < params.min_length_ratio * long as f32 {
            return None;
        }
        let mut pairs = std::mem::take(&mut self.pair_set);
        let (ta, tb) = (self.item_terms(a), self.item_terms(b));
        let nums = pairs.overlap(ta, tb, |t| matches!(t.kind, TermKind::Number | TermKind::Date));
        let content = pairs.overlap(ta, tb, Term::is_content);
        self.pair_set = pairs;
        // One rewritten word on each side is a paraphrase; two or more is another directive.
        if nums.each_lacks(1) || content.each_lacks(2) {
            return None;
        }
        let (fa, fb) = (self.feat_set(a), self.feat_set(b));
        let lcs_fits = la * lb <= LCS_CELLS_MAX;
        let (ba, bb) = if lcs_fits { (self.bag(a), self.bag(b)) } else { (0..0, 0..0) };
        let (ta, tb) = (self.item_terms(a), self.item_terms(b));
        let data = &self.set_data;
        let set = |r: &Range<usize>| data.get(r.clone()).unwrap_or(&[]);
        let shared = sorted_intersection(set(&fa), set(&fb));
        let (fa, fb) = (fa.len(), fb.len());
        let sh = shared as f32 / fa.min(fb).max(1) as f32;
        let (lcs, conflict) = if lcs_fits {
            // The LCS is at most the terms the two have in common (with repeats): when even that
            // and the shared features fall short of the threshold, no alignment can pass.
            let common = sorted_intersection(set(&ba), set(&bb));
            if sh.max(common as f32 / short as f32) < params.min_similarity {
                return None;
            }
            let al = align(ta, tb, set(&ba), set(&bb));
            (al.lcs, al.conflict)
        } else {
            (0, content.each_lacks(1))
        };
        let sim = sh.max(lcs as f32 / short as f32);
        let ok = sim >= params.min_similarity && (!strict || same_content(ta, tb)) && !conflict;
        ok.then_some(sim)
    }
}

/// The normalised terms of some text, as hashes (to compare lead units or deadlines).
pub(crate) fn term_hashes_of(text: &str, pieces: &[Span]) -> Vec<u64> {
    let mut terms = Vec::new();
    let mut state = Normaliser::default();
    for &piece in pieces {
        state.run(text, piece, &mut terms);
    }
    terms.into_iter().map(|t| t.hash).collect()
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(17) ^ (x >> 7)
}

/// A toned vowel → its letter (keeping â, ơ…) and its tone (1 huyền, 2 sắc, 3 hỏi, 4 ngã,
/// 5 nặng). Keys of words compare letter and tone but not where the mark sits, so the two
/// accepted placements "hòa"/"hoà", "thủy"/"thuỷ" are one word while "báo" and "bảo" stay two.
static TONED: LazyLock<HashMap<char, (char, u8), Fast>> = LazyLock::new(|| {
    const ROWS: &[(char, &str)] = &[
        ('a', "àáảãạ"),
        ('ă', "ằắẳẵặ"),
        ('â', "ầấẩẫậ"),
        ('e', "èéẻẽẹ"),
        ('ê', "ềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọ"),
        ('ô', "ồốổỗộ"),
        ('ơ', "ờớởỡợ"),
        ('u', "ùúủũụ"),
        ('ư', "ừứửữự"),
        ('y', "ỳýỷỹỵ"),
    ];
    let mut m = HashMap::default();
    for &(base, toned) in ROWS {
        for (tone, c) in (1u8..).zip(toned.chars()) {
            m.insert(c, (base, tone));
        }
    }
    // The Icelandic eth, a look-alike typed for Đ.
    m.insert('ð', ('đ', 0));
    m
});

/// First code point of each block that [`FOLDED`] tabulates, and their lengths: Latin-1
/// Supplement to Latin Extended-B, and Latin Extended Additional (Ạ..ỹ).
const LATIN: (u32, usize) = (0x80, 0x250 - 0x80);
const LATIN_ADDITIONAL: (u32, usize) = (0x1E00, 0x100);

/// What [`word_hash`] makes of one character, and its case (for names and abbreviations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fold {
    /// The letter hashed: lower case, tone removed; `None` for a combining tone mark.
    base: Option<char>,
    /// 0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
    tone: u8,
    upper: bool,
    lower: bool,
}

/// [`Fold`] the slow way: `to_lowercase`, then [`TONED`].
fn fold_slow(c: char) -> Fold {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let (base, tone) = match lower {
        // Combining tone marks (text that escaped NFC).
        '\u{300}' => (None, 1),
        '\u{301}' => (None, 2),
        '\u{309}' => (None, 3),
        '\u{303}' => (None, 4),
        '\u{323}' => (None, 5),
        c if c.is_ascii() => (Some(c), 0),
        c => TONED.get(&c).map_or((Some(c), 0), |&(b, t)| (Some(b), t)),
    };
    Fold { base, tone, upper: c.is_uppercase(), lower: c.is_lowercase() }
}

/// For every character of the blocks Vietnamese text uses, its [`Fold`]. Computed once by
/// [`fold_slow`], so the result is the same; per character it saves `to_lowercase`'s and
/// the case tables' searches and a hash lookup.
static FOLDED: LazyLock<[Vec<Fold>; 2]> = LazyLock::new(|| {
    let block = |(first, len): (u32, usize)| -> Vec<Fold> {
        (first..first + len as u32).map(|u| fold_slow(char::from_u32(u).unwrap_or('\u{fffd}'))).collect()
    };
    [block(LATIN), block(LATIN_ADDITIONAL)]
});

/// The [`Fold`] of `c`: ASCII first (most letters of a Vietnamese text are), then the
/// precomputed Vietnamese blocks of `folded`, then the slow way.
#[inline]
fn fold(c: char, folded: &[Vec<Fold>; 2]) -> Fold {
    let u = u32::from(c);
    if u < 0x80 {
        let b = c.to_ascii_lowercase();
        return Fold { base: Some(b), tone: 0, upper: c.is_ascii_uppercase(), lower: c.is_ascii_lowercase() };
    }
    let [latin, additional] = folded;
    let entry = match u {
        0x80..0x250 => latin.get((u - LATIN.0) as usize),
        0x1E00..0x1F00 => additional.get((u - LATIN_ADDITIONAL.0) as usize),
        _ => None,
    };
    entry.copied().unwrap_or_else(|| fold_slow(c))
}

/// A word's key being built, one character at a time (the tokenizer hashes as it scans).
#[derive(Clone, Copy)]
struct WordKey {
    h: u64,
    tone: u8,
}

impl WordKey {
    const fn new() -> Self {
        Self { h: FNV_OFFSET, tone: 0 }
    }

    #[inline]
    fn add(&mut self, f: Fold) {
        // The first tone mark counts, wherever it sits.
        if f.tone != 0 && self.tone == 0 {
            self.tone = f.tone;
        }
        if let Some(b) = f.base {
            self.h = (self.h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// [`WordKey::add`] for a lower-case ASCII letter (no tone, folds to itself).
    #[inline]
    fn add_ascii(&mut self, b: u8) {
        self.h = (self.h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn finish(self) -> u64 {
        mix(self.h, u64::from(self.tone))
    }
}

/// Hash of a word: lower case, letters with their tone factored out. Allocates nothing.
pub(crate) fn word_hash(word: &str) -> u64 {
    let folded = &*FOLDED;
    let mut key = WordKey::new();
    for c in word.chars() {
        key.add(fold(c, folded));
    }
    key.finish()
}

fn number_hash(n: u64) -> u64 {
    mix(0x6e75_6d62_6572, n)
}

fn date_hash(d: u64, m: u64, y: u64) -> u64 {
    mix(mix(mix(0x6461_7465, d), m), y)
}

fn month_hash(m: u64, y: u64) -> u64 {
    mix(mix(0x006d_6f6e_7468, m), y)
}

/// Directive verbs and function words: swapping them keeps the task ("Thực hiện" → "Đôn đốc,
/// duy trì"). Two-syllable words are matched as pairs so that "tiếp" in "trực tiếp" stays content.
const FILLER_WORDS: &[&str] = &[
    "của", "và", "theo", "về", "trên", "tại", "với", "để", "việc", "trong", "một", "là", "được", "đã", "sẽ",
    "cần", "phải", "hoặc", "cũng", "như", "nhằm", "có", "này", "đó", "hơn", "nữa", "nghiêm",
];
const FILLER_PAIRS: &[(&str, &str)] = &[
    ("thực", "hiện"),
    ("tiếp", "tục"),
    ("đôn", "đốc"),
    ("duy", "trì"),
    ("đẩy", "mạnh"),
    ("tăng", "cường"),
    ("triển", "khai"),
    ("nghiêm", "túc"),
    ("kịp", "thời"),
    ("chủ", "động"),
    ("thường", "xuyên"),
    ("đảm", "bảo"),
    ("bảo", "đảm"),
    ("hiệu", "quả"),
    ("đối", "với"),
    ("chỉ", "đạo"),
    ("quan", "tâm"),
];

/// Words dropped altogether: they vary freely between copies of one sentence.
const STOP: &[&str] = &["các", "những", "mọi"];

static FILLER_PAIR_SET: LazyLock<Vec<(u64, u64)>> = LazyLock::new(|| {
    let mut v: Vec<(u64, u64)> = FILLER_PAIRS.iter().map(|(a, b)| (word_hash(a), word_hash(b))).collect();
    v.sort_unstable();
    v
});

/// Abbreviations expanded to their syllables, so "UBND xã" = "Ủy ban nhân dân xã".
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("ubnd", &["ủy", "ban", "nhân", "dân"]),
    ("hđnd", &["hội", "đồng", "nhân", "dân"]),
    ("tthc", &["thủ", "tục", "hành", "chính"]),
    ("cntt", &["công", "nghệ", "thông", "tin"]),
    ("cchc", &["cải", "cách", "hành", "chính"]),
    ("tp", &["thành", "phố"]),
];

static ABBREV_SET: LazyLock<Vec<(u64, Vec<u64>)>> = LazyLock::new(|| {
    ABBREVIATIONS.iter().map(|(a, exp)| (word_hash(a), exp.iter().map(|w| word_hash(w)).collect())).collect()
});

static W_THANG: LazyLock<u64> = LazyLock::new(|| word_hash("tháng"));
static W_NAM: LazyLock<u64> = LazyLock::new(|| word_hash("năm"));

/// What a word is to the normaliser, as bits of [`Specials`].
const SP_STOP: u8 = 1;
const SP_FILLER: u8 = 2;
/// First syllable of a [`FILLER_PAIRS`] entry.
const SP_PAIR_FIRST: u8 = 4;
const SP_ABBREV: u8 = 8;
const SP_NGAY: u8 = 16;
const SP_THANG: u8 = 32;
const SP_SO: u8 = 64;

const SPECIAL_SLOTS: usize = 1024;

/// The words the normaliser treats specially (stop words, fillers, abbreviations, date words),
/// by hash: one lookup per token instead of a binary search per list. Direct-mapped, with a
/// shift of the hash chosen so that no two of these words share a slot: a lookup is one load
/// and one compare, without a branch to mispredict on the frequent function words.
struct Specials {
    /// (hash, flags) per slot; an array of the slot count, so that a masked index needs no
    /// bounds check.
    slots: Box<[(u64, u8); SPECIAL_SLOTS]>,
    shift: u32,
}

impl Specials {
    fn build() -> Self {
        let mut words: Vec<(u64, u8)> = Vec::new();
        let mut add = |h: u64, flag: u8| match words.iter_mut().find(|(k, _)| *k == h) {
            Some(w) => w.1 |= flag,
            None => words.push((h, flag)),
        };
        for w in STOP {
            add(word_hash(w), SP_STOP);
        }
        for w in FILLER_WORDS {
            add(word_hash(w), SP_FILLER);
        }
        for (a, _) in FILLER_PAIRS {
            add(word_hash(a), SP_PAIR_FIRST);
        }
        for (a, _) in ABBREVIATIONS {
            add(word_hash(a), SP_ABBREV);
        }
        add(word_hash("ngày"), SP_NGAY);
        add(word_hash("tháng"), SP_THANG);
        add(word_hash("số"), SP_SO);
        // The first shift that separates all the words (the hashes are well mixed, so one is
        // found among the first few); a word whose slot is taken is left out only if none is,
        // which `specials_find_their_words_and_only_them` would report.
        let placed = |shift: u32| {
            let mut t = Self { slots: Box::new([(0, 0); SPECIAL_SLOTS]), shift };
            for &(h, f) in &words {
                let i = t.home(h);
                match t.slots.get_mut(i) {
                    Some(slot) if slot.1 == 0 => *slot = (h, f),
                    _ => return Err(t),
                }
            }
            Ok(t)
        };
        let mut last = None;
        for shift in 0..54 {
            match placed(shift) {
                Ok(t) => return t,
                Err(t) => last = Some(t),
            }
        }
        last.unwrap_or(Self { slots: Box::new([(0, 0); SPECIAL_SLOTS]), shift: 0 })
    }

    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> self.shift) as usize & (SPECIAL_SLOTS - 1)
    }

    /// The flags of the word with hash `h`; 0 for an ordinary word.
    #[inline]
    fn get(&self, h: u64) -> u8 {
        match self.slots.get(self.home(h)) {
            Some(&(k, f)) if k == h => f,
            _ => 0,
        }
    }
}

static SPECIALS: LazyLock<Specials> = LazyLock::new(Specials::build);

/// The separator text between two tokens, as much of it as the normaliser asks about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Gap {
    /// Holds punctuation that ends a clause (`, ; : . ! ? ( ) … "`).
    clause: bool,
    /// Holds a separator after which a capital starts a sentence rather than a name.
    sentence: bool,
    /// What is left once trimmed of white space.
    trimmed: Trimmed,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Trimmed {
    #[default]
    Empty,
    One(char),
    More,
}

impl Gap {
    #[inline]
    fn add(&mut self, c: char) {
        self.clause |= matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '…' | '"' | '“' | '”');
        self.sentence |= matches!(c, '.' | ':' | ';' | '!' | '?' | '\n' | '(' | '"' | '“');
        if !c.is_whitespace() {
            self.trimmed = match self.trimmed {
                Trimmed::Empty => Trimmed::One(c),
                _ => Trimmed::More,
            };
        }
    }
}

/// A token of a piece, with everything the normaliser asks of it, computed in one pass.
#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokenKind,
    /// [`word_hash`] of its text.
    hash: u64,
    /// Its value, for a number of at most 9 digits (which fit in a u32: a smaller token).
    num: Option<u32>,
    /// "Tân", "Đông": an upper-case letter then lower-case ones.
    title: bool,
    /// No lower-case letter ("UBND").
    no_lower: bool,
    /// The separator before it; empty for the first token of a piece.
    gap: Gap,
}

/// What [`scan`] asks of one character: its [`Fold`], its class as [`rasoat_text::token::class`]
/// gives it, and whether it belongs to a word (a letter, digit or combining mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharInfo {
    fold: Fold,
    alpha: bool,
    numeric: bool,
    word: bool,
}

impl CharInfo {
    /// The definition: [`rasoat_text::token::class`] and [`fold`].
    fn of(c: char, folded: &[Vec<Fold>; 2]) -> Self {
        let (alpha, numeric) = rasoat_text::token::class(c);
        let word = alpha || numeric || matches!(c, '\u{300}'..='\u{36F}');
        Self { fold: fold(c, folded), alpha, numeric, word }
    }
}

/// [`CharInfo`] of the one- and two-byte characters (U+0000..U+07FF, which hold the combining
/// marks) and of Latin Extended Additional (U+1E00..U+1EFF, most Vietnamese toned letters), so
/// that [`scan`] reads them from their bytes without decoding the character the general way.
/// Arrays of their block sizes: an index made of masked bytes needs no bounds check.
struct CharTables {
    low: Box<[CharInfo; 0x800]>,
    additional: Box<[CharInfo; 0x100]>,
}

static CHAR_TABLES: LazyLock<CharTables> = LazyLock::new(|| {
    let folded = &*FOLDED;
    let info = |u: usize| CharInfo::of(char::from_u32(u as u32).unwrap_or('\u{fffd}'), folded);
    CharTables {
        low: Box::new(std::array::from_fn(info)),
        additional: Box::new(std::array::from_fn(|k| info(0x1E00 + k))),
    }
});

/// The character that starts at byte `i` of `slice` (`bytes` is its bytes), its byte length and
/// its [`CharInfo`]: from [`CHAR_TABLES`] when its bytes say it is tabulated, else decoded and
/// asked [`CharInfo::of`].
// Always inlined: a call per character, returning through memory, cost more than the tables save.
#[inline(always)]
fn char_at(slice: &str, bytes: &[u8], i: usize, tables: &CharTables) -> Option<(char, usize, CharInfo)> {
    if let Some((u, len, info)) = tabulated(bytes, i, tables)
        && let Some(c) = char::from_u32(u)
    {
        return Some((c, len, info));
    }
    let c = slice.get(i..)?.chars().next()?;
    Some((c, c.len_utf8(), CharInfo::of(c, &FOLDED)))
}

/// [`char_at`] without the character, for the letters of a token: its byte length and info.
#[inline(always)]
fn info_at(slice: &str, bytes: &[u8], i: usize, tables: &CharTables) -> Option<(usize, CharInfo)> {
    if let Some((_, len, info)) = tabulated(bytes, i, tables) {
        return Some((len, info));
    }
    let c = slice.get(i..)?.chars().next()?;
    Some((c.len_utf8(), CharInfo::of(c, &FOLDED)))
}

/// The code point, byte length and [`CharInfo`] of the character at byte `i` when its bytes
/// say [`CHAR_TABLES`] holds it.
#[inline(always)]
fn tabulated(bytes: &[u8], i: usize, tables: &CharTables) -> Option<(u32, usize, CharInfo)> {
    let b0 = *bytes.get(i)?;
    let (u, len, info) = match b0 {
        0..0x80 => (u32::from(b0), 1, tables.low.get(usize::from(b0))),
        0xC2..=0xDF => {
            let b1 = *bytes.get(i + 1)?;
            let u = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            (u, 2, tables.low.get(u as usize))
        }
        // E1 B8..BB xx: U+1E00..U+1EFF.
        0xE1 => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(&b1 @ 0xB8..=0xBB), Some(&b2)) => {
                let k = (usize::from(b1 & 0x03) << 6) | usize::from(b2 & 0x3F);
                (0x1E00 + k as u32, 3, tables.additional.get(k))
            }
            _ => return None,
        },
        _ => return None,
    };
    Some((u, len, *info?))
}

/// The tokens of `text[piece]` into `out`, cut as [`rasoat_text::token::tokens`] cuts them
/// (maximal runs of letters, digits and combining marks), each hashed and classified in the
/// same pass over the characters: the text is read once, and nothing is allocated.
fn scan(text: &str, piece: Span, out: &mut Vec<Tok>) {
    out.clear();
    let (tables, ascii) = (&*CHAR_TABLES, &*ASCII);
    let slice = piece.text(text);
    let bytes = slice.as_bytes();
    let mut i = 0;
    loop {
        // The separator: ASCII from the table, other characters asked their class.
        let mut gap = Gap::default();
        let first = loop {
            let Some(&byte) = bytes.get(i) else { break None };
            // A space adds nothing to the gap, and is most separators.
            if byte == b' ' {
                i += 1;
                continue;
            }
            if byte < 0x80 {
                let a = ascii.get(usize::from(byte)).copied().unwrap_or(0);
                if a & (A_ALPHA | A_DIGIT) != 0 {
                    let Some(&info) = tables.low.get(usize::from(byte)) else { break None };
                    break Some((info, 1));
                }
                // Gap::add from the table: a space between words is most separators.
                gap.clause |= a & A_CLAUSE != 0;
                gap.sentence |= a & A_SENTENCE != 0;
                if a & A_SPACE == 0 {
                    gap.trimmed = match gap.trimmed {
                        Trimmed::Empty => Trimmed::One(byte as char),
                        _ => Trimmed::More,
                    };
                }
                i += 1;
            } else {
                let Some((c, len, info)) = char_at(slice, bytes, i, tables) else { break None };
                if info.word {
                    break Some((info, len));
                }
                gap.add(c);
                i += len;
            }
        };
        let Some((info, len)) = first else { break };
        let start = i;
        let f = info.fold;
        let mut key = WordKey::new();
        key.add(f);
        let (mut letters, mut digits) = (info.alpha, info.numeric);
        let (mut rest_lower, mut no_lower, mut chars) = (true, !f.lower, 1usize);
        i += len;
        // The token: runs of lower-case ASCII letters (most of a text) take the short path.
        while let Some(&byte) = bytes.get(i) {
            if byte.is_ascii_lowercase() {
                key.add_ascii(byte);
                letters = true;
                no_lower = false;
                chars += 1;
                i += 1;
                continue;
            }
            let Some((len, info)) = info_at(slice, bytes, i, tables) else { break };
            if !info.word {
                break;
            }
            key.add(info.fold);
            letters |= info.alpha;
            digits |= info.numeric;
            rest_lower &= info.fold.lower;
            no_lower &= !info.fold.lower;
            chars += 1;
            i += len;
        }
        let kind = match (letters, digits) {
            (true, true) => TokenKind::Mixed,
            (false, true) => TokenKind::Number,
            _ => TokenKind::Word,
        };
        let num = if kind == TokenKind::Number && i - start <= 9 {
            slice.get(start..i).and_then(|t| t.parse().ok())
        } else {
            None
        };
        out.push(Tok {
            kind,
            hash: key.finish(),
            num,
            title: f.upper && chars >= 2 && rest_lower,
            no_lower,
            gap,
        });
    }
    // The separator before the first token of a piece is not asked about.
    if let Some(t) = out.first_mut() {
        t.gap = Gap::default();
    }
}

const A_ALPHA: u8 = 1;
const A_DIGIT: u8 = 2;
const A_UPPER: u8 = 4;
const A_LOWER: u8 = 8;
/// What [`Gap::add`] records of the character: clause punctuation, sentence end, white space.
const A_CLAUSE: u8 = 16;
const A_SENTENCE: u8 = 32;
const A_SPACE: u8 = 64;

/// The classes of the ASCII characters, from the standard library's definitions.
static ASCII: LazyLock<[u8; 128]> = LazyLock::new(|| {
    let mut t = [0u8; 128];
    for (b, slot) in (0u8..).zip(t.iter_mut()) {
        let c = b as char;
        let mut gap = Gap::default();
        gap.add(c);
        let flags = [
            (c.is_alphabetic(), A_ALPHA),
            (c.is_numeric(), A_DIGIT),
            (c.is_uppercase(), A_UPPER),
            (c.is_lowercase(), A_LOWER),
            (gap.clause, A_CLAUSE),
            (gap.sentence, A_SENTENCE),
            (gap.trimmed == Trimmed::Empty, A_SPACE),
        ];
        *slot = flags.iter().filter(|(on, _)| *on).fold(0, |acc, (_, bit)| acc | bit);
    }
    t
});

/// Turns pieces of text into terms; clause numbering runs on across the pieces of one item.
#[derive(Default)]
struct Normaliser {
    clause: u32,
    /// Scratch: the tokens of the current piece.
    toks: Vec<Tok>,
}

impl Normaliser {
    /// Start a new item (the scratch buffer is kept).
    fn reset(&mut self) {
        self.clause = 0;
    }

    fn run(&mut self, text: &str, piece: Span, out: &mut Vec<Term>) {
        let first = out.len();
        let mut toks = std::mem::take(&mut self.toks);
        scan(text, piece, &mut toks);
        self.terms(&toks, out, true);
        self.toks = toks;
        mark_fillers(out.get_mut(first..).unwrap_or(&mut []));
    }

    /// The terms of `toks`; `fast` takes the short path for plain words (off only in the
    /// test that compares the two).
    #[inline]
    fn terms(&mut self, toks: &[Tok], out: &mut Vec<Term>, fast: bool) {
        let specials = &*SPECIALS;
        let (w_thang, w_nam) = (*W_THANG, *W_NAM);
        let hash_at = |i: usize| toks.get(i).map(|t| t.hash);
        let num_at = |i: usize| toks.get(i).and_then(|t| t.num).map(u64::from);
        // The separator before token i, trimmed.
        let sep = |i: usize| toks.get(i).map_or(Trimmed::Empty, |t| t.gap.trimmed);
        // A numeric date "D/M/Y" (also with '-' or '.') starting at token i.
        let numeric_date = |i: usize| -> Option<u64> {
            let (d, m, y) = (num_at(i)?, num_at(i + 1)?, num_at(i + 2)?);
            let s = sep(i + 1);
            let ok = matches!(s, Trimmed::One('/' | '-' | '.')) && sep(i + 2) == s;
            (ok && (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y))
                .then(|| date_hash(d, m, y))
        };
        // "tháng M năm Y" / "tháng M/Y" starting at the token after "tháng".
        let month_year = |i: usize| -> Option<(u64, usize)> {
            let m = num_at(i)?;
            if hash_at(i + 1) == Some(w_nam) {
                let y = num_at(i + 2)?;
                return Some((month_hash(m, y), 3));
            }
            let y = num_at(i + 1)?;
            (sep(i + 1) == Trimmed::One('/') && y >= 1900).then_some((month_hash(m, y), 2))
        };
        let mut i = 0;
        while let Some(tok) = toks.get(i) {
            if breaks_clause(tok.gap, i.checked_sub(1).and_then(|p| toks.get(p)), tok) {
                self.clause += 1;
            }
            let h = tok.hash;
            let flags = specials.get(h);
            let clause = self.clause;
            // Most tokens are plain words or fillers ("của", "thực"), which none of the cases
            // below applies to: their term is the word, with its flags for `mark_fillers`.
            if fast
                && flags & !(SP_FILLER | SP_PAIR_FIRST) == 0
                && tok.num.is_none()
                && !(i > 0 && tok.title && !tok.gap.sentence)
            {
                out.push(Term { hash: h, kind: TermKind::Word, clause, special: flags });
                i += 1;
                continue;
            }
            // Words carry their flags for `mark_fillers`; only a plain word's are known already.
            let mut push = |hash, kind| {
                let special = match kind {
                    TermKind::Word if hash == h => flags,
                    TermKind::Word => specials.get(hash),
                    _ => 0,
                };
                out.push(Term { hash, kind, clause, special });
            };
            if flags & SP_NGAY != 0 {
                // "ngày D/M/Y" and "ngày D tháng M năm Y" → one date term.
                if let Some(dh) = numeric_date(i + 1) {
                    push(dh, TermKind::Date);
                    i += 4;
                    continue;
                }
                if let (Some(d), Some(m), Some(y)) = (num_at(i + 1), num_at(i + 3), num_at(i + 5))
                    && hash_at(i + 2) == Some(w_thang)
                    && hash_at(i + 4) == Some(w_nam)
                {
                    push(date_hash(d, m, y), TermKind::Date);
                    i += 6;
                    continue;
                }
            }
            if flags & SP_THANG != 0
                && let Some((mh, used)) = month_year(i + 1)
            {
                push(mh, TermKind::Date);
                i += 1 + used;
                continue;
            }
            if tok.num.is_some()
                && let Some(dh) = numeric_date(i)
            {
                push(dh, TermKind::Date);
                i += 3;
                continue;
            }
            if flags & SP_SO != 0 && num_at(i + 1).is_some() {
                i += 1;
                continue;
            }
            if flags & SP_STOP != 0 {
                i += 1;
                continue;
            }
            // A run of capitalised syllables inside a sentence is a name ("Tân Phú Đông"): one
            // term, so two different names that share syllables still differ.
            if i > 0 && tok.title && !tok.gap.sentence {
                let mut j = i + 1;
                while toks.get(j).is_some_and(|t| t.title && t.gap.trimmed == Trimmed::Empty) {
                    j += 1;
                }
                if j - i >= 2 {
                    let name =
                        toks.get(i..j).unwrap_or(&[]).iter().fold(FNV_OFFSET ^ 2, |a, t| mix(a, t.hash));
                    push(name, TermKind::Word);
                    i = j;
                    continue;
                }
            }
            if let Some(n) = tok.num {
                push(number_hash(u64::from(n)), TermKind::Number);
            } else if flags & SP_ABBREV != 0
                && tok.no_lower
                && let Some((_, exp)) = ABBREV_SET.iter().find(|(a, _)| *a == h)
            {
                for &e in exp {
                    push(e, TermKind::Word);
                }
            } else {
                push(h, TermKind::Word);
            }
            i += 1;
        }
    }
}

/// Mark directive verbs and function words (pairs first, then single words).
fn mark_fillers(terms: &mut [Term]) {
    let mut k = 0;
    while let Some(t) = terms.get(k) {
        // Most terms start no pair and are no filler word (non-words carry no flags).
        if t.special & (SP_PAIR_FIRST | SP_FILLER) == 0 {
            k += 1;
            continue;
        }
        let pair = match (terms.get(k), terms.get(k + 1)) {
            (Some(a), Some(b))
                if a.kind == TermKind::Word && b.kind == TermKind::Word && a.clause == b.clause =>
            {
                a.special & SP_PAIR_FIRST != 0 && FILLER_PAIR_SET.binary_search(&(a.hash, b.hash)).is_ok()
            }
            _ => false,
        };
        if pair {
            for t in terms.get_mut(k..k + 2).unwrap_or(&mut []) {
                t.kind = TermKind::Filler;
            }
            k += 2;
            continue;
        }
        if let Some(t) = terms.get_mut(k)
            && t.kind == TermKind::Word
            && t.special & SP_FILLER != 0
        {
            t.kind = TermKind::Filler;
        }
        k += 1;
    }
}

/// Whether the separator before a token ends a clause. A comma between digits is a decimal mark.
fn breaks_clause(gap: Gap, prev: Option<&Tok>, next: &Tok) -> bool {
    // A lone ',' is clause punctuation, so `gap.clause` is asked first: most gaps are spaces.
    gap.clause
        && !(gap.trimmed == Trimmed::One(',')
            && next.kind == TokenKind::Number
            && prev.is_some_and(|p| p.kind == TokenKind::Number))
}

/// Shingles of an item's terms, appended to `out` in text order, repeats included: the index
/// skips a repeat when it meets one (see [`Index::index_and_find`]) and [`Index::verify`]
/// sorts the two lists it compares, so no item pays for sorting.
fn features(terms: &[Term], out: &mut Vec<u64>) {
    for clause in terms.chunk_by(|a, b| a.clause == b.clause) {
        if clause.len() >= K {
            // One reservation for the clause's windows, not a capacity check per feature.
            out.extend(clause.windows(K).map(|w| w.iter().fold(FNV_OFFSET, |h, t| mix(h, t.hash))));
        } else if clause.iter().any(Term::is_content) {
            out.push(clause.iter().fold(FNV_OFFSET ^ 1, |h, t| mix(h, t.hash)));
        }
    }
}

fn sorted_intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The same content words, as many times each (in any order, filler aside).
fn same_content(a: &[Term], b: &[Term]) -> bool {
    let bag = |t: &[Term]| {
        let mut v: Vec<u64> = t.iter().filter(|t| t.is_content()).map(|t| t.hash).collect();
        v.sort_unstable();
        v
    };
    bag(a) == bag(b)
}

struct Alignment {
    lcs: usize,
    /// A substitution of content words found nowhere in the other copy.
    conflict: bool,
}

/// LCS of two term sequences, and whether a changed stretch swaps one content for another;
/// `set_a` and `set_b` are their term hashes, sorted.
fn align(a: &[Term], b: &[Term], set_a: &[u64], set_b: &[u64]) -> Alignment {
    let (la, lb) = (a.len(), b.len());
    let w = lb + 1;
    // dp[i*w + j] = LCS of a[i..] and b[j..].
    let mut dp = vec![0u16; (la + 1) * w];
    for i in (0..la).rev() {
        for j in (0..lb).rev() {
            let v = if a.get(i).map(|t| t.hash) == b.get(j).map(|t| t.hash) {
                dp.get((i + 1) * w + j + 1).copied().unwrap_or(0).saturating_add(1)
            } else {
                let down = dp.get((i + 1) * w + j).copied().unwrap_or(0);
                let right = dp.get(i * w + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = dp.get_mut(i * w + j) {
                *cell = v;
            }
        }
    }
    let lcs = dp.first().copied().unwrap_or(0) as usize;
    // A hunk side is "new content" when it holds a content term absent from the other copy
    // (a moved clause is not new content).
    let new_in = |side: &[Term], other: &[u64]| {
        side.iter().any(|t| t.is_content() && other.binary_search(&t.hash).is_err())
    };
    let (mut i, mut j) = (0, 0);
    let (mut del_start, mut ins_start) = (0, 0);
    let mut conflict = false;
    loop {
        let at_end = i >= la && j >= lb;
        let matched = !at_end && i < la && j < lb && a.get(i).map(|t| t.hash) == b.get(j).map(|t| t.hash);
        if at_end || matched {
            let del = a.get(del_start..i).unwrap_or(&[]);
            let ins = b.get(ins_start..j).unwrap_or(&[]);
            // A number swapped for another is a different target or provision even when the
            // other number occurs elsewhere ("khoản 4 … [10]" / "khoản 1 … [4]").
            let num = |t: &Term| matches!(t.kind, TermKind::Number | TermKind::Date);
            if (new_in(del, set_b) && new_in(ins, set_a)) || (del.iter().any(num) && ins.iter().any(num)) {
                conflict = true;
            }
            if at_end {
                break;
            }
            i += 1;
            j += 1;
            del_start = i;
            ins_start = j;
            continue;
        }
        let down = dp.get((i + 1) * w + j).copied().unwrap_or(0);
        let right = dp.get(i * w + j + 1).copied().unwrap_or(0);
        if j >= lb || (i < la && down >= right) {
            i += 1;
        } else {
            j += 1;
        }
    }
    Alignment { lcs, conflict }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: Params = Params { min_terms: 5, min_similarity: 0.8, min_length_ratio: 0.5 };

    fn index_of(texts: &[&str]) -> (Index, String) {
        let joined = texts.join("\n");
        let mut idx = Index::new();
        let mut start = 0;
        for t in texts {
            idx.push(&joined, &[Span::new(start, start + t.len())], 0);
            start += t.len() + 1;
        }
        (idx, joined)
    }

    fn same(a: &str, b: &str) -> bool {
        let (mut idx, _) = index_of(&[a, b]);
        idx.verify(0, 1, PARAMS, false).is_some()
    }

    /// The one-pass scanner cuts, hashes and classifies tokens as `rasoat_text::token` and
    /// the definitions (`to_lowercase`, `is_uppercase`, `trim`) would.
    #[test]
    fn scan_agrees_with_tokens_and_definitions() {
        use rasoat_text::token::tokens;
        let texts = [
            "Thực hiện Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019, của UBND Tân Phú Đông; (xã) …",
            "  HOÀ hòa Thuỷ thủy Ðôn vie65t 2026a 1,5 12.3 “trích” A\u{301}B x\u{323}  ",
            "ǅemal İstanbul ΣΑΣ straße Ⅻ ½ ١٢٣ 𝔘𝔫𝔦 a\tb\nc",
            "",
            ", ; .",
            "999999999 1234567890 000000007 4294967296 ½ ١٢٣",
        ];
        let is_title = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(char::is_lowercase)
        };
        let mut toks = Vec::new();
        for text in texts {
            scan(text, Span::new(0, text.len()), &mut toks);
            let want: Vec<_> = tokens(text, 0).collect();
            assert_eq!(toks.len(), want.len(), "{text:?}");
            for (k, (got, w)) in toks.iter().zip(&want).enumerate() {
                assert_eq!(got.kind, w.kind, "{:?}", w.text);
                assert_eq!(got.hash, word_hash(w.text), "{:?}", w.text);
                assert_eq!(got.title, is_title(w.text), "{:?}", w.text);
                assert_eq!(got.no_lower, w.text.chars().all(|c| !c.is_lowercase()), "{:?}", w.text);
                let num: Option<u64> =
                    (w.kind == TokenKind::Number && w.text.len() <= 9).then(|| w.text.parse().ok()).flatten();
                assert_eq!(got.num.map(u64::from), num, "{:?}", w.text);
                let gap = match k.checked_sub(1).and_then(|p| want.get(p)) {
                    Some(p) => text.get(p.span.end..w.span.start).unwrap_or(""),
                    None => "",
                };
                let trimmed = gap.trim();
                let mut cs = trimmed.chars();
                let expect = match (cs.next(), cs.next()) {
                    (None, _) => Trimmed::Empty,
                    (Some(c), None) => Trimmed::One(c),
                    _ => Trimmed::More,
                };
                assert_eq!(got.gap.trimmed, expect, "{gap:?}");
                assert_eq!(
                    got.gap.sentence,
                    gap.contains(['.', ':', ';', '!', '?', '\n', '(', '"', '“']),
                    "{gap:?}"
                );
            }
        }
    }

    /// The tabulated character infos, read from the bytes, are the definition's, for every
    /// character of the tabulated blocks and around them.
    #[test]
    fn char_at_agrees_with_definition() {
        let tables = &*CHAR_TABLES;
        let chars = (0..0x3000u32).chain(0xFF00..0x10100).filter_map(char::from_u32);
        for c in chars {
            let s = format!("{c}a");
            let want = (c, c.len_utf8(), CharInfo::of(c, &FOLDED));
            assert_eq!(char_at(&s, s.as_bytes(), 0, tables), Some(want), "{c:?}");
            assert_eq!(info_at(&s, s.as_bytes(), 0, tables), Some((want.1, want.2)), "{c:?}");
        }
    }

    /// The clause test asks `gap.clause` first; it agrees with its definition on the gaps
    /// the scanner makes, between numbers and words.
    #[test]
    fn breaks_clause_agrees_with_definition() {
        let definition = |gap: Gap, prev: Option<&Tok>, next: &Tok| {
            if gap.trimmed == Trimmed::One(',')
                && prev.is_some_and(|p| p.kind == TokenKind::Number)
                && next.kind == TokenKind::Number
            {
                return false;
            }
            gap.clause
        };
        let mut toks = Vec::new();
        for sep in [" ", ",", ", ", " , ", ",,", ";", "  ", "-", "/", ".", "…", "“", "\u{a0}", "(", ") "]
        {
            for (a, b) in [("1", "5"), ("1", "x"), ("x", "5"), ("x", "y")] {
                let text = format!("{a}{sep}{b}");
                scan(&text, Span::new(0, text.len()), &mut toks);
                let (Some(prev), Some(next)) = (toks.first(), toks.get(1)) else { panic!("{text:?}") };
                assert_eq!(
                    breaks_clause(next.gap, Some(prev), next),
                    definition(next.gap, Some(prev), next),
                    "{text:?}"
                );
                assert_eq!(breaks_clause(next.gap, None, next), definition(next.gap, None, next), "{text:?}");
            }
        }
    }

    /// Skipping terms without filler flags marks what the plain pass (every term looked at)
    /// marks, on the seeds and on texts dense with fillers.
    #[test]
    fn mark_fillers_agrees_with_plain_pass() {
        fn plain(terms: &mut [Term]) {
            let mut k = 0;
            while k < terms.len() {
                let pair = match (terms.get(k), terms.get(k + 1)) {
                    (Some(a), Some(b))
                        if a.kind == TermKind::Word && b.kind == TermKind::Word && a.clause == b.clause =>
                    {
                        a.special & SP_PAIR_FIRST != 0
                            && FILLER_PAIR_SET.binary_search(&(a.hash, b.hash)).is_ok()
                    }
                    _ => false,
                };
                if pair {
                    for t in terms.get_mut(k..k + 2).unwrap_or(&mut []) {
                        t.kind = TermKind::Filler;
                    }
                    k += 2;
                    continue;
                }
                if let Some(t) = terms.get_mut(k)
                    && t.kind == TermKind::Word
                    && t.special & SP_FILLER != 0
                {
                    t.kind = TermKind::Filler;
                }
                k += 1;
            }
        }
        let texts = [
            include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
            include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt"),
            "nghiêm nghiêm túc thực hiện hiện thực, tiếp tục tiếp, của và đảm bảo đảm bảo đảm",
            "trực tiếp tục; đôn đốc đôn, duy trì 12 đẩy mạnh UBND tăng cường triển khai",
        ];
        for text in texts {
            let mut terms = Vec::new();
            let mut norm = Normaliser::default();
            norm.run(text, Span::new(0, text.len()), &mut terms);
            for t in &mut terms {
                if t.kind == TermKind::Filler {
                    t.kind = TermKind::Word;
                }
            }
            let mut want = terms.clone();
            plain(&mut want);
            mark_fillers(&mut terms);
            let kinds = |v: &[Term]| v.iter().map(|t| t.kind).collect::<Vec<_>>();
            assert_eq!(kinds(&terms), kinds(&want));
            assert!(terms.iter().any(|t| t.kind == TermKind::Filler));
        }
    }

    /// The short path for plain words gives the terms the full case analysis gives.
    #[test]
    fn terms_fast_path_agrees_with_full_cases() {
        let texts = [
            include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
            include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt"),
            include_str!("../../../../../corpus/seeds/004_b78bd4a0b75bbdc4.txt"),
            "Ngày 24/01/2019, ngày 24 tháng 01 năm 2019, tháng 5/2026, tháng 5 năm 2026, số 09, các, \
             UBND Tân Phú Đông, TP. Hồ Chí Minh, 1,5 và 12.3; Ủy ban nhân dân tp",
        ];
        let mut toks = Vec::new();
        for text in texts {
            scan(text, Span::new(0, text.len()), &mut toks);
            let (mut fast, mut full) = (Vec::new(), Vec::new());
            Normaliser::default().terms(&toks, &mut fast, true);
            Normaliser::default().terms(&toks, &mut full, false);
            let key =
                |v: &[Term]| v.iter().map(|t| (t.hash, t.kind, t.clause, t.special)).collect::<Vec<_>>();
            assert_eq!(key(&fast), key(&full));
            assert!(fast.len() > 10);
        }
    }

    /// The precomputed folds are the slow path's, for every character.
    #[test]
    fn fold_table_agrees_with_slow_path() {
        let folded = &*FOLDED;
        for c in (0..=0x2000u32).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            assert_eq!(fold(c, folded), fold_slow(c), "{c:?}");
        }
    }

    #[test]
    fn specials_find_their_words_and_only_them() {
        let sp = Specials::build();
        assert_eq!(sp.get(word_hash("các")), SP_STOP);
        assert_eq!(sp.get(word_hash("Các")), SP_STOP);
        assert_eq!(sp.get(word_hash("nghiêm")), SP_FILLER | SP_PAIR_FIRST);
        assert_eq!(sp.get(word_hash("UBND")), SP_ABBREV);
        assert_eq!(sp.get(word_hash("ngày")), SP_NGAY);
        assert_eq!(sp.get(word_hash("thực")), SP_PAIR_FIRST);
        // "hiện" is only the second syllable of a pair.
        assert_eq!(sp.get(word_hash("hiện")), 0);
        assert_eq!(sp.get(word_hash("ngay")), 0);
        // Every word of every list is found (no slot was shared).
        for (words, flag) in [(STOP, SP_STOP), (FILLER_WORDS, SP_FILLER)] {
            for w in words {
                assert!(sp.get(word_hash(w)) & flag != 0, "{w}");
            }
        }
        for (a, _) in FILLER_PAIRS {
            assert!(sp.get(word_hash(a)) & SP_PAIR_FIRST != 0, "{a}");
        }
        for (a, _) in ABBREVIATIONS {
            assert!(sp.get(word_hash(a)) & SP_ABBREV != 0, "{a}");
        }
        for w in ["xây", "dựng", "kế", "hoạch", "bảo", "đảm", "tăng"] {
            let want = u8::from(FILLER_PAIRS.iter().any(|(a, _)| *a == w)) * SP_PAIR_FIRST;
            assert_eq!(sp.get(word_hash(w)), want, "{w}");
        }
    }

    /// Walks that stop below the scope's first item, or outside plans after the list head,
    /// find what walking whole lists finds, on items of interleaved sections and scopes.
    #[test]
    fn previous_item_shortcut_agrees_with_walking_lists() {
        let texts = [
            "Rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp",
            "Tiếp tục rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp",
            "Kiểm soát chặt chẽ thành phần, thời gian các cuộc họp; rà soát, sửa đổi quy chế làm việc",
            "Tăng cường đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến của cơ quan",
            "Rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp",
            "Tăng cường đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến của cơ quan",
            "Đẩy mạnh đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến của cơ quan",
            "Tiếp tục rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp",
            "Đẩy mạnh đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến của cơ quan",
            "Kiểm soát chặt chẽ thành phần, thời gian các cuộc họp; rà soát, sửa đổi quy chế làm việc",
            "Đẩy mạnh đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến của cơ quan",
        ];
        let joined = texts.join("\n");
        // (scope, section, cross) per item: plans and not, across sections and scopes.
        let places = [
            (0, 1, false),
            (0, 1, false),
            (0, 2, false),
            (0, 2, true),
            (0, 2, true),
            (1, 1, false),
            (1, 1, false),
            (2, 1, true),
            (0, 3, true),
            (2, 2, true),
            (2, 2, true),
        ];
        let run = |walk_all: bool| {
            let mut idx = Index::new();
            idx.walk_all = walk_all;
            let mut start = 0;
            for (t, &(scope, section, cross)) in texts.iter().zip(&places) {
                idx.push_in(&joined, &[Span::new(start, start + t.len())], scope, section, cross);
                start += t.len() + 1;
            }
            idx.find_repeats(PARAMS, |_| true)
        };
        let (fast, plain) = (run(false), run(true));
        assert_eq!(fast, plain);
        assert!(fast.iter().flatten().count() >= 4, "{fast:?}");
    }

    #[test]
    fn has_content_terms_agrees_with_content_len() {
        let (idx, _) = index_of(&["", "của và", "Rà soát, sửa đổi quy chế làm việc của cơ quan", "1 2 3"]);
        for i in 0..4 {
            for min in 0..12 {
                assert_eq!(idx.has_content_terms(i, min), idx.content_len(i) >= min, "{i} {min}");
            }
        }
    }

    #[test]
    fn posting_lists_stop_growing_past_the_cap() {
        // POSTING_CAP + 3 items share a boilerplate clause; the last two also share a
        // distinctive one, and are still found as a pair.
        let common = "cán bộ công chức viên chức người lao động";
        let mut texts: Vec<String> = (0..POSTING_CAP + 1)
            .map(|k| format!("{common}, nội dung riêng số {k} của đơn vị thứ {k}"))
            .collect();
        texts.push(format!("{common}, rà soát quy chế làm việc nội bộ cơ quan đơn vị xã"));
        texts.push(format!("{common}, rà soát quy chế làm việc nội bộ cơ quan đơn vị xã"));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (mut idx, _) = index_of(&refs);
        let found = idx.find_repeats(PARAMS, |_| true);
        let last = found.len() - 1;
        assert_eq!(found.get(last).copied().flatten().map(|m| m.earlier), Some(last - 1));
        assert_eq!(found.iter().flatten().count(), 1);
        // The boilerplate feature's list holds one past the cap and no more.
        let feat = idx.item_feats(0).first().copied().unwrap_or(0);
        let len = idx.postings.get(&feat).map_or(0, |p| p.len as usize);
        assert!(len <= POSTING_CAP + 1, "{len}");
    }

    /// On bags (sorted, with repeats) the merge counts the common terms with their repeats,
    /// which bounds the LCS that verify would compute.
    #[test]
    fn bag_intersection_bounds_the_lcs() {
        assert_eq!(sorted_intersection(&[1, 1, 2, 5, 5, 5], &[1, 5, 5, 7]), 3);
        let (mut idx, _) = index_of(&["a b c a b c d e", "c b a d e a"]);
        let (sa, sb) = (idx.bag(0), idx.bag(1));
        let bag = |r: &Range<usize>| idx.set_data.get(r.clone()).unwrap_or(&[]).to_vec();
        let common = sorted_intersection(&bag(&sa), &bag(&sb));
        let lcs = align(idx.item_terms(0), idx.item_terms(1), &bag(&sa), &bag(&sb)).lcs;
        assert_eq!(common, 6);
        assert!(lcs <= common && lcs >= 3, "{lcs}");
    }

    proptest::proptest! {
        /// The pair set counts what sorting and deduplicating each side counts: distinct kept
        /// hashes of each side and of both, with repeats and shared slots.
        #[test]
        fn pair_set_overlap_agrees_with_sorted_sets(
            a in proptest::collection::vec((0u64..40, proptest::bool::ANY), 0..40),
            b in proptest::collection::vec((0u64..40, proptest::bool::ANY), 0..40),
            c in proptest::collection::vec((0u64..40, proptest::bool::ANY), 0..80),
        ) {
            let terms = |v: &[(u64, bool)]| -> Vec<Term> {
                v.iter()
                    .map(|&(h, num)| Term {
                        // Keys that differ only in high bits, or only in low bits.
                        hash: h.wrapping_mul(0x0001_0000_0000_0001) << (h % 3),
                        kind: if num { TermKind::Number } else { TermKind::Word },
                        clause: 0,
                        special: 0,
                    })
                    .collect()
            };
            let (a, b, c) = (terms(&a), terms(&b), terms(&c));
            let sorted = |v: &[Term], keep: &dyn Fn(&Term) -> bool| {
                let mut h: Vec<u64> = v.iter().filter(|t| keep(t)).map(|t| t.hash).collect();
                h.sort_unstable();
                h.dedup();
                h
            };
            let mut set = PairSet::default();
            // Several pairs through one set: the stamps keep them apart.
            for (x, y) in [(&a, &b), (&c, &a), (&b, &b), (&a, &c)] {
                let keeps: [&dyn Fn(&Term) -> bool; 2] = [&|t| t.kind == TermKind::Number, &|_| true];
                for keep in keeps {
                    let (sx, sy) = (sorted(x, keep), sorted(y, keep));
                    let want = Overlap { a: sx.len(), b: sy.len(), common: sorted_intersection(&sx, &sy) };
                    proptest::prop_assert_eq!(set.overlap(x, y, keep), want);
                }
            }
        }
    }

    #[test]
    fn date_and_citation_spellings_are_one_term() {
        assert!(same(
            "Thực hiện theo Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ.",
            "Thực hiện theo Nghị định 09/2019/NĐ-CP ngày 24/1/2019 của Chính phủ."
        ));
        let (idx, _) =
            index_of(&["ngày 24 tháng 01 năm 2019", "24/01/2019", "tháng 5/2026", "tháng 5 năm 2026"]);
        let h: Vec<Vec<u64>> = (0..4).map(|i| idx.term_hashes(i).collect()).collect();
        assert_eq!(h.first(), h.get(1));
        assert_eq!(h.get(2), h.get(3));
        assert_eq!(h.first().map(Vec::len), Some(1));
    }

    #[test]
    fn case_marks_and_abbreviations_fold() {
        assert_eq!(word_hash("Nhà"), word_hash("nhà"));
        assert_eq!(word_hash("hoà"), word_hash("hòa"));
        assert_eq!(word_hash("Thuỷ"), word_hash("thủy"));
        assert_eq!(word_hash("Ðôn"), word_hash("đôn"));
        assert_ne!(word_hash("báo"), word_hash("bảo"));
        assert_ne!(word_hash("đôn"), word_hash("don"));
        assert!(same(
            "Tham mưu UBND xã sửa đổi quy chế làm việc của cơ quan",
            "Tham mưu Ủy ban nhân dân xã sửa đổi quy chế làm việc của cơ quan"
        ));
    }

    #[test]
    fn survives_small_edits_and_reordering() {
        let base = "Rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp";
        assert!(same(
            base,
            "Tiếp tục rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, thời gian các cuộc họp"
        ));
        assert!(same(
            base,
            "Kiểm soát chặt chẽ thành phần, thời gian các cuộc họp; rà soát, sửa đổi quy chế làm việc"
        ));
        assert!(same(
            base,
            "Rà soát, sửa đổi quy chế làm việc; kiểm soát thành phần, thời gian các cuộc họp"
        ));
    }

    #[test]
    fn different_object_or_number_is_not_a_duplicate() {
        assert!(!same(
            "Tham mưu đổi mới, nâng cao hiệu quả việc tổ chức đối thoại định kỳ, đột xuất với người dân.",
            "Tham mưu đổi mới, nâng cao hiệu quả việc tổ chức đối thoại định kỳ, đột xuất với doanh nghiệp."
        ));
        assert!(!same(
            "Cắt giảm tối thiểu 10% số lượng hội nghị, cuộc họp mỗi năm so với năm trước.",
            "Cắt giảm tối thiểu 15% số lượng hội nghị, cuộc họp mỗi năm so với năm trước."
        ));
        assert!(!same(
            "Xây dựng kế hoạch tuyên truyền về cải cách hành chính trên địa bàn phường năm 2026.",
            "Xây dựng kế hoạch kiểm tra về cải cách hành chính trên địa bàn phường năm 2026."
        ));
    }

    #[test]
    fn unrelated_items_do_not_match() {
        assert!(!same(
            "Đảm bảo 100% văn bản trao đổi giữa các cơ quan được thực hiện dưới dạng điện tử.",
            "Tăng cường đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến."
        ));
    }

    #[test]
    fn index_finds_earlier_copy_and_respects_scope() {
        let a = "Xây dựng lịch họp khoa học, hợp lý, tránh trùng lặp; ưu tiên các cuộc họp trực tuyến.";
        let b = "Tăng cường đầu tư, nâng cấp hệ thống trang thiết bị phòng họp trực tuyến.";
        let text = format!("{a}\n{b}\n{a}\n{a}");
        let mut idx = Index::new();
        let mut start = 0;
        for (n, t) in [a, b, a, a].iter().enumerate() {
            idx.push(&text, &[Span::new(start, start + t.len())], u64::from(n == 3));
            start += t.len() + 1;
        }
        let found = idx.find_repeats(PARAMS, |_| true);
        assert_eq!(found.len(), 4);
        assert_eq!(found.get(2).copied().flatten().map(|m| m.earlier), Some(0));
        assert_eq!(found.get(1).copied().flatten(), None);
        // Another scope: not compared.
        assert_eq!(found.get(3).copied().flatten(), None);
    }
}
