//! The embedded spelling data, read in place.
//!
//! Files (in `rules/spelling-data/`, built by `examples/build_data.rs`):
//! - `vocab.fst` — canonical key → id; ids are ranked by frequency (0 = most frequent), at most
//!   65,535 so that a pair of ids fits a u32.
//! - `unigram.bin` — u32 LE count per id.
//! - `bigram.bin` — `n: u32`, then `n + 1` u32 offsets (entry index where the pairs of first id
//!   `i` start), then entries of (second id: u16, value: u16), sorted by second id within a
//!   group. `value` = count saturated at 32,767, high bit set when the pair is a lexicon word.
//! - `syllable-skeletons.fst` — "skeleton\u{1}syllable" for every known syllable.
//! - `word-skeletons.fst` — "skel skel\u{1}syl syl" for two-syllable lexicon words.
//! - `confusions.bin` — for each id, the ids of frequent syllables one slip away (same letters
//!   with other marks, or one listed confusion): `n: u32`, `n + 1` u32 offsets, u16 ids.
//! - `trigrams.bin` — sorted u32 LE fingerprints of the id triples seen at least twice
//!   (membership only; a false "seen" costs recall, never precision).
//! - `strings.bin` — id → key: `n: u32`, `n + 1` u32 offsets, then the UTF-8 keys.
//!
//! Lookups are binary searches over `&'static [u8]`: no startup parsing, no allocation.

use std::sync::OnceLock;

/// Lookups answered by walking the fst before the hash table is built (see `Model::table`):
/// about two plans' worth of tokens.
const FST_LOOKUPS: usize = 40_000;

/// Bigram lookups answered by a binary search in the embedded table before the hash table
/// is built (see `Model::pairs`): one plan asks fewer than this, a corpus passes it early.
const CSR_PAIR_LOOKUPS: usize = 40_000;

use fst::{IntoStreamer, Streamer};

/// Separates a skeleton from the word in the skeleton indexes.
pub const SEP: char = '\u{1}';
const LEXICON_BIT: u16 = 0x8000;

macro_rules! data {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/spelling-data/", $name))
    };
}

static VOCAB: &[u8] = data!("vocab.fst");
static UNIGRAM: &[u8] = data!("unigram.bin");
static BIGRAM: &[u8] = data!("bigram.bin");
static SYL_SKEL: &[u8] = data!("syllable-skeletons.fst");
static WORD_SKEL: &[u8] = data!("word-skeletons.fst");
static CONFUSIONS: &[u8] = data!("confusions.bin");
static STRINGS: &[u8] = data!("strings.bin");
static TRIGRAMS: &[u8] = data!("trigrams.bin");

/// A syllable or token id in the vocabulary.
pub type Id = u16;

/// A bigram's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pair {
    /// Times the pair was seen as neighbours in the statistics corpus (saturated at 32,767).
    pub count: u32,
    /// The pair is a two-syllable lexicon word (or part of a longer one).
    pub lexicon: bool,
}

/// The spelling statistics.
pub struct Model {
    /// Unique in the process (never 0): what per-thread caches of ids and pairs are tied to.
    /// An address could be reused by another model after this one is dropped.
    identity: usize,
    vocab: Option<fst::Map<&'static [u8]>>,
    /// The vocabulary as an open-addressing hash table: the checker looks up every token, and
    /// hashing beats walking the fst. Building it costs ~12 M instructions (3–4 ms), more than
    /// a whole one-document check needs, so it is built only once `FST_LOOKUPS` lookups have
    /// gone to the fst: a single plan never pays for it, a corpus pays once.
    table: OnceLock<VocabTable>,
    fst_lookups: std::sync::atomic::AtomicUsize,
    unigram: &'static [u8],
    n: usize,
    offsets: &'static [u8],
    entries: &'static [u8],
    syl_skel: Option<fst::Set<&'static [u8]>>,
    word_skel: Option<fst::Set<&'static [u8]>>,
    confusions: Csr,
    strings: Csr,
    trigrams: &'static [u8],
    /// The bigram table as an open-addressing hash (~200 k pairs): one probe instead of a
    /// binary search through a frequent word's long group. Building it costs ~10 M
    /// instructions, a fifth of checking one plan, so the first `CSR_PAIR_LOOKUPS` lookups
    /// search the embedded table in place and only a corpus pays for the hash.
    pairs: OnceLock<PairTable>,
    pair_lookups: std::sync::atomic::AtomicUsize,
    total: OnceLock<u64>,
}

/// Open addressing over (a << 16 | b) → value; `u32::MAX` marks an empty slot (ids are below
/// 65,535, so no key is all ones).
///
/// The table (4 MB) does not fit a core's cache, and most pairs the checker asks about (a
/// candidate next to a neighbour) do not exist: a one-hash filter of 2^22 bits (512 KB, about
/// 5 % false positives) answers those without touching the table.
struct PairTable {
    slots: Vec<(u32, u16)>,
    mask: usize,
    filter: Vec<u64>,
}

/// Bits in [`PairTable::filter`].
const FILTER_BITS: usize = 1 << 22;

impl PairTable {
    fn slot(key: u32, mask: usize) -> usize {
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
    }

    /// Filter bit of a key: another multiplier than [`Self::slot`], so that keys sharing a
    /// slot neighbourhood do not share bits.
    fn bit(key: u32) -> usize {
        (u64::from(key).wrapping_mul(0xD6E8_FEB8_6659_FD93) >> 32) as usize & (FILTER_BITS - 1)
    }

    fn may_contain(&self, key: u32) -> bool {
        let b = Self::bit(key);
        self.filter.get(b / 64).is_some_and(|w| w >> (b % 64) & 1 == 1)
    }

    fn get(&self, key: u32) -> Option<u16> {
        if !self.may_contain(key) {
            return None;
        }
        let mut i = Self::slot(key, self.mask);
        loop {
            let &(k, v) = self.slots.get(i)?;
            if k == key {
                return Some(v);
            }
            if k == u32::MAX {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Fingerprint of an id triple in `trigrams.bin`.
pub fn trigram_fingerprint(a: Id, b: Id, c: Id) -> u32 {
    let k = u64::from(a) << 32 | u64::from(b) << 16 | u64::from(c);
    // splitmix64 finaliser: spreads the 48-bit key over 32 bits.
    let mut z = k.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as u32
}

/// A compressed-sparse-row table read in place: `n`, `n + 1` u32 offsets, then the items.
#[derive(Default)]
struct Csr {
    n: usize,
    offsets: &'static [u8],
    items: &'static [u8],
}

impl Csr {
    fn new(bytes: &'static [u8]) -> Csr {
        let Some(n) = u32_at(bytes, 0).map(|n| n as usize) else { return Csr::default() };
        let end = 4 + (n + 1) * 4;
        match (bytes.get(4..end), bytes.get(end..)) {
            (Some(offsets), Some(items)) => Csr { n, offsets, items },
            _ => Csr::default(),
        }
    }

    /// Item range of row `i` (in units of items, not bytes).
    fn row(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.n {
            return None;
        }
        Some((u32_at(self.offsets, i)? as usize, u32_at(self.offsets, i + 1)? as usize))
    }
}

fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    let b = bytes.get(i * 4..i * 4 + 4)?;
    Some(u32::from_le_bytes([*b.first()?, *b.get(1)?, *b.get(2)?, *b.get(3)?]))
}

fn u16_at(bytes: &[u8], byte: usize) -> Option<u16> {
    let b = bytes.get(byte..byte + 2)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

/// A fresh [`Model::identity`].
fn next_model_identity() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Model {
    /// This model's identity for caches kept across documents (unique in the process, never
    /// 0).
    pub fn identity(&self) -> usize {
        self.identity
    }

    /// The model built into the binary (shared, built on first use in well under a
    /// millisecond: only fst headers are read).
    pub fn embedded() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(VOCAB, UNIGRAM, BIGRAM, SYL_SKEL, WORD_SKEL)
                .with_tables(CONFUSIONS, STRINGS, TRIGRAMS)
        })
    }

    /// A model over the given data; malformed parts are treated as empty (no findings), never
    /// as a panic.
    pub fn from_bytes(
        vocab: &'static [u8],
        unigram: &'static [u8],
        bigram: &'static [u8],
        syl_skel: &'static [u8],
        word_skel: &'static [u8],
    ) -> Model {
        let n = u32_at(bigram, 0).map_or(0, |n| n as usize);
        let offsets_len = (n + 1) * 4;
        let (offsets, entries) = if bigram.len() >= 4 + offsets_len {
            (bigram.get(4..4 + offsets_len).unwrap_or(&[]), bigram.get(4 + offsets_len..).unwrap_or(&[]))
        } else {
            (&[][..], &[][..])
        };
        Model {
            identity: next_model_identity(),
            vocab: fst::Map::new(vocab).ok(),
            table: OnceLock::new(),
            fst_lookups: std::sync::atomic::AtomicUsize::new(0),
            unigram,
            n: if offsets.is_empty() { 0 } else { n },
            offsets,
            entries,
            syl_skel: fst::Set::new(syl_skel).ok(),
            word_skel: fst::Set::new(word_skel).ok(),
            confusions: Csr::default(),
            strings: Csr::default(),
            trigrams: &[],
            pairs: OnceLock::new(),
            pair_lookups: std::sync::atomic::AtomicUsize::new(0),
            total: OnceLock::new(),
        }
    }

    /// Attach the confusion sets, the id → key table and the trigram set.
    pub fn with_tables(
        mut self,
        confusions: &'static [u8],
        strings: &'static [u8],
        trigrams: &'static [u8],
    ) -> Model {
        self.confusions = Csr::new(confusions);
        self.strings = Csr::new(strings);
        self.trigrams = trigrams;
        self.identity = next_model_identity();
        self
    }

    /// Was the triple (a, b, c) seen at least twice?
    pub fn trigram(&self, a: Id, b: Id, c: Id) -> bool {
        let want = trigram_fingerprint(a, b, c);
        let n = self.trigrams.len() / 4;
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let Some(v) = u32_at(self.trigrams, mid) else { return false };
            match v.cmp(&want) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Frequent syllables one slip away from `id` (built with [`crate::engine::skeleton_variants`]).
    pub fn confusions(&self, id: Id) -> impl Iterator<Item = Id> + '_ {
        let (lo, hi) = self.confusions.row(usize::from(id)).unwrap_or((0, 0));
        (lo..hi).filter_map(|k| u16_at(self.confusions.items, k * 2))
    }

    /// The key of an id.
    pub fn key(&self, id: Id) -> Option<&'static str> {
        let (lo, hi) = self.strings.row(usize::from(id))?;
        std::str::from_utf8(self.strings.items.get(lo..hi)?).ok()
    }

    /// Whether any data is present (an empty model finds nothing).
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Tokens counted in the statistics corpus (the sum of the unigram counts).
    pub fn total(&self) -> u64 {
        *self.total.get_or_init(|| {
            (0..self.vocab_len()).map(|i| u64::from(u32_at(self.unigram, i).unwrap_or(0))).sum()
        })
    }

    /// Number of ids.
    pub fn vocab_len(&self) -> usize {
        self.unigram.len() / 4
    }

    /// Id of a canonical key.
    pub fn id(&self, key: &str) -> Option<Id> {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(table) = self.table.get() {
            return table.get(key);
        }
        if self.fst_lookups.fetch_add(1, Relaxed) < FST_LOOKUPS {
            return self.vocab.as_ref()?.get(key).and_then(|id| Id::try_from(id).ok());
        }
        self.table.get_or_init(|| VocabTable::build(self.vocab.as_ref())).get(key)
    }

    /// How often a token occurred in the statistics corpus.
    pub fn count(&self, id: Id) -> u32 {
        u32_at(self.unigram, usize::from(id)).unwrap_or(0)
    }

    /// Count of a canonical key (0 when unknown).
    pub fn count_of(&self, key: &str) -> u32 {
        self.id(key).map_or(0, |id| self.count(id))
    }

    /// Evidence for the pair (a, b).
    pub fn pair(&self, a: Id, b: Id) -> Pair {
        use std::sync::atomic::Ordering::Relaxed;
        let key = u32::from(a) << 16 | u32::from(b);
        let value = match self.pairs.get() {
            Some(table) => table.get(key),
            None if self.pair_lookups.fetch_add(1, Relaxed) < CSR_PAIR_LOOKUPS => self.pair_in_place(a, b),
            None => self.pairs.get_or_init(|| self.build_pairs()).get(key),
        };
        match value {
            Some(v) => Pair { count: u32::from(v & !LEXICON_BIT), lexicon: v & LEXICON_BIT != 0 },
            None => Pair::default(),
        }
    }

    /// The value of pair (a, b) by binary search in the embedded table (entries of a first
    /// id are sorted by second id).
    fn pair_in_place(&self, a: Id, b: Id) -> Option<u16> {
        let a = usize::from(a);
        let (lo, hi) = (u32_at(self.offsets, a)? as usize, u32_at(self.offsets, a + 1)? as usize);
        let (mut lo, mut hi) = (lo, hi.min(self.entries.len() / 4));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let second = u16_at(self.entries, mid * 4)?;
            match second.cmp(&b) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return u16_at(self.entries, mid * 4 + 2),
            }
        }
        None
    }

    fn build_pairs(&self) -> PairTable {
        let m = self.entries.len() / 4;
        let size = (m * 2).next_power_of_two().max(16);
        let mut t =
            PairTable { slots: vec![(u32::MAX, 0); size], mask: size - 1, filter: vec![0; FILTER_BITS / 64] };
        for a in 0..self.n {
            let (Some(lo), Some(hi)) = (u32_at(self.offsets, a), u32_at(self.offsets, a + 1)) else {
                continue;
            };
            for e in lo as usize..hi as usize {
                let (Some(b), Some(v)) = (u16_at(self.entries, e * 4), u16_at(self.entries, e * 4 + 2))
                else {
                    continue;
                };
                let key = (a as u32) << 16 | u32::from(b);
                let bit = PairTable::bit(key);
                if let Some(w) = t.filter.get_mut(bit / 64) {
                    *w |= 1 << (bit % 64);
                }
                let mut i = PairTable::slot(key, t.mask);
                while t.slots.get(i).is_some_and(|s| s.0 != u32::MAX) {
                    i = (i + 1) & t.mask;
                }
                if let Some(slot) = t.slots.get_mut(i) {
                    *slot = (key, v);
                }
            }
        }
        t
    }

    /// Syllables (canonical, lower case) whose skeleton is `skel`, appended to `out`.
    pub fn syllables_with_skeleton(&self, skel: &str, out: &mut Vec<String>) {
        prefixed(self.syl_skel.as_ref(), skel, out);
    }

    /// Two-syllable lexicon words ("syl syl") whose skeleton is `skel` ("chong cheo").
    pub fn words_with_skeleton(&self, skel: &str, out: &mut Vec<String>) {
        prefixed(self.word_skel.as_ref(), skel, out);
    }
}

/// Open-addressing table of the vocabulary: keys in one arena, slots of (offset, length, id).
struct VocabTable {
    arena: String,
    slots: Vec<(u32, u16, Id)>,
    mask: usize,
}

/// FNV-1a: short keys, no dependency, good enough spread for a power-of-two table.
fn hash(key: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 29)) as usize
}

impl VocabTable {
    const EMPTY: (u32, u16, Id) = (u32::MAX, 0, 0);

    fn build(vocab: Option<&fst::Map<&'static [u8]>>) -> VocabTable {
        let n = vocab.map_or(0, |v| v.len());
        let size = (n * 2).next_power_of_two().max(16);
        let mut t = VocabTable { arena: String::new(), slots: vec![Self::EMPTY; size], mask: size - 1 };
        let Some(vocab) = vocab else { return t };
        let mut stream = vocab.stream();
        while let Some((key, id)) = stream.next() {
            let (Ok(key), Ok(id), Ok(offset), Ok(len)) = (
                std::str::from_utf8(key),
                Id::try_from(id),
                u32::try_from(t.arena.len()),
                u16::try_from(key.len()),
            ) else {
                continue;
            };
            let mut i = hash(key.as_bytes()) & t.mask;
            while t.slots.get(i).is_some_and(|s| s.0 != u32::MAX) {
                i = (i + 1) & t.mask;
            }
            t.arena.push_str(key);
            if let Some(slot) = t.slots.get_mut(i) {
                *slot = (offset, len, id);
            }
        }
        t
    }

    fn get(&self, key: &str) -> Option<Id> {
        let mut i = hash(key.as_bytes()) & self.mask;
        loop {
            let &(offset, len, id) = self.slots.get(i)?;
            if offset == u32::MAX {
                return None;
            }
            let start = offset as usize;
            if self.arena.get(start..start + usize::from(len)) == Some(key) {
                return Some(id);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Entries "`skel`\u{1}word" of an index: push each word.
fn prefixed(set: Option<&fst::Set<&'static [u8]>>, skel: &str, out: &mut Vec<String>) {
    let Some(set) = set else { return };
    let mut lo = String::with_capacity(skel.len() + 1);
    lo.push_str(skel);
    lo.push(SEP);
    let mut hi = String::with_capacity(skel.len() + 1);
    hi.push_str(skel);
    hi.push('\u{2}');
    let mut stream = set.range().ge(lo.as_bytes()).lt(hi.as_bytes()).into_stream();
    while let Some(key) = stream.next() {
        if let Some(word) = key.get(lo.len()..).and_then(|w| std::str::from_utf8(w).ok()) {
            out.push(word.to_owned());
        }
    }
}

/// Writers for the data files, used by the builder (`examples/build_data.rs`).
pub mod build {
    use super::{LEXICON_BIT, SEP};

    /// Serialise bigrams: `pairs` sorted by (a, b), `n` = vocabulary size.
    pub fn bigram_bytes(n: usize, pairs: &[(u16, u16, u32, bool)]) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + (n + 1) * 4 + pairs.len() * 4);
        out.extend_from_slice(&u32::try_from(n).unwrap_or(0).to_le_bytes());
        let mut idx = 0usize;
        for a in 0..=n {
            while pairs.get(idx).is_some_and(|p| usize::from(p.0) < a) {
                idx += 1;
            }
            out.extend_from_slice(&u32::try_from(idx).unwrap_or(0).to_le_bytes());
        }
        for &(_, b, count, lex) in pairs {
            let v = u16::try_from(count.min(0x7FFF)).unwrap_or(0x7FFF) | if lex { LEXICON_BIT } else { 0 };
            out.extend_from_slice(&b.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Serialise rows of u16 items, or of bytes, as a compressed-sparse-row table.
    pub fn csr_bytes<T: AsRef<[u8]>>(rows: &[T]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(0).to_le_bytes());
        let mut at = 0usize;
        out.extend_from_slice(&0u32.to_le_bytes());
        for r in rows {
            at += r.as_ref().len();
            out.extend_from_slice(&u32::try_from(at).unwrap_or(0).to_le_bytes());
        }
        for r in rows {
            out.extend_from_slice(r.as_ref());
        }
        out
    }

    /// Rows of ids as bytes for [`csr_bytes`] (offsets then count items of 2 bytes: the reader
    /// multiplies, so the writer stores item counts — see `id_rows_bytes`).
    pub fn id_rows_bytes(rows: &[Vec<u16>]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(0).to_le_bytes());
        let mut at = 0usize;
        out.extend_from_slice(&0u32.to_le_bytes());
        for r in rows {
            at += r.len();
            out.extend_from_slice(&u32::try_from(at).unwrap_or(0).to_le_bytes());
        }
        for r in rows {
            for id in r {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        out
    }

    /// The key of a skeleton index entry.
    pub fn skeleton_entry(skel: &str, word: &str) -> String {
        let mut s = String::with_capacity(skel.len() + word.len() + 1);
        s.push_str(skel);
        s.push(SEP);
        s.push_str(word);
        s
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn fst_and_hash_table_lookups_agree() {
        let m = Model::from_bytes(VOCAB, UNIGRAM, BIGRAM, SYL_SKEL, WORD_SKEL);
        let keys = ["và", "của", "chồng", "chéo", "hội", "nghị", "xyzq", ""];
        let by_fst: Vec<Option<Id>> = keys.iter().map(|k| m.id(k)).collect();
        assert!(m.table.get().is_none(), "a few lookups must not build the table");
        assert!(by_fst.iter().filter(|x| x.is_some()).count() >= 6);
        for _ in 0..FST_LOOKUPS {
            let _ = m.id("và");
        }
        let by_table: Vec<Option<Id>> = keys.iter().map(|k| m.id(k)).collect();
        assert!(m.table.get().is_some(), "many lookups build the table");
        assert_eq!(by_fst, by_table);
    }

    /// Caches kept across documents are tied to a model's identity, never reused by another
    /// model (an address could be, once the first model is dropped).
    #[test]
    fn every_model_has_its_own_identity() {
        let a = Model::from_bytes(VOCAB, UNIGRAM, BIGRAM, SYL_SKEL, WORD_SKEL);
        let a_id = a.identity();
        drop(a);
        let b = Model::from_bytes(VOCAB, UNIGRAM, BIGRAM, SYL_SKEL, WORD_SKEL);
        assert_ne!(a_id, b.identity());
        assert_ne!(b.identity(), 0);
        let b_id = b.identity();
        assert_ne!(b.with_tables(&[], &[], &[]).identity(), b_id, "new tables, new identity");
    }

    /// The in-place search and the hash table give the same value for every stored pair of
    /// the first ids, and for absent ones.
    #[test]
    fn pair_lookups_agree_before_and_after_the_table() {
        let m = Model::from_bytes(VOCAB, UNIGRAM, BIGRAM, SYL_SKEL, WORD_SKEL);
        let table = m.build_pairs();
        let mut checked = 0;
        for a in 0..m.n.min(3000) {
            let (Some(lo), Some(hi)) = (u32_at(m.offsets, a), u32_at(m.offsets, a + 1)) else { continue };
            let Ok(a_id) = Id::try_from(a) else { continue };
            for e in lo as usize..hi as usize {
                let Some(b) = u16_at(m.entries, e * 4) else { continue };
                for probe in [b, b.wrapping_add(1), b.wrapping_sub(1)] {
                    let key = u32::from(a_id) << 16 | u32::from(probe);
                    assert_eq!(m.pair_in_place(a_id, probe), table.get(key), "({a}, {probe})");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
        assert!(m.pairs.get().is_none());
        let (a, b) = (m.id("chồng"), m.id("chéo"));
        let (Some(a), Some(b)) = (a, b) else { panic!("ids") };
        let early = m.pair(a, b);
        for _ in 0..CSR_PAIR_LOOKUPS {
            let _ = m.pair(a, b);
        }
        assert!(m.pairs.get().is_some(), "many lookups build the table");
        assert_eq!(early, m.pair(a, b));
        assert!(early.count > 0);
    }

    use super::*;

    fn leak(v: Vec<u8>) -> &'static [u8] {
        Box::leak(v.into_boxed_slice())
    }

    #[test]
    fn bigram_table_round_trip() {
        let pairs = [(0u16, 1u16, 5u32, false), (0, 3, 40_000, true), (2, 0, 7, false)];
        let bytes = leak(build::bigram_bytes(4, &pairs));
        let vocab = leak(
            fst::Map::from_iter([("a", 0u64), ("b", 1), ("c", 2)])
                .map(|m| m.into_fst().into_inner())
                .unwrap_or_default(),
        );
        let m = Model::from_bytes(vocab, &[], bytes, &[], &[]);
        assert_eq!(m.pair(0, 1), Pair { count: 5, lexicon: false });
        assert_eq!(m.pair(0, 3), Pair { count: 0x7FFF, lexicon: true });
        assert_eq!(m.pair(2, 0).count, 7);
        assert_eq!(m.pair(1, 0), Pair::default());
        assert_eq!(m.pair(3, 3), Pair::default());
        assert_eq!(m.pair(9, 3), Pair::default());
        assert_eq!(m.id("b"), Some(1));
    }

    #[test]
    fn csr_tables_round_trip() {
        let conf = leak(build::id_rows_bytes(&[vec![2, 1], vec![], vec![0]]));
        let strings = leak(build::csr_bytes(&["a", "bb", "ccc"]));
        let mut tri: Vec<u8> = Vec::new();
        let mut fps = [trigram_fingerprint(1, 2, 3), trigram_fingerprint(3, 2, 1)];
        fps.sort_unstable();
        for f in fps {
            tri.extend_from_slice(&f.to_le_bytes());
        }
        let m = Model::from_bytes(&[], &[], &[], &[], &[]).with_tables(conf, strings, leak(tri));
        assert!(m.trigram(1, 2, 3) && m.trigram(3, 2, 1) && !m.trigram(2, 1, 3));
        assert_eq!(m.confusions(0).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(m.confusions(1).count(), 0);
        assert_eq!(m.confusions(2).collect::<Vec<_>>(), [0]);
        assert_eq!(m.confusions(7).count(), 0);
        assert_eq!((m.key(0), m.key(1), m.key(2), m.key(3)), (Some("a"), Some("bb"), Some("ccc"), None));
    }

    #[test]
    fn empty_model_is_harmless() {
        let m = Model::from_bytes(&[], &[], &[], &[], &[]);
        assert!(m.is_empty());
        assert_eq!(m.id("a"), None);
        assert_eq!(m.pair(0, 0), Pair::default());
        let mut v = Vec::new();
        m.syllables_with_skeleton("a", &mut v);
        assert!(v.is_empty());
    }
}
