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
//! copies are found by a hash of the whole term sequence. Work per item is therefore bounded and
//! the search is linear (measured by `measure::linear_on_5000_paragraphs`: 1,250 / 2,500 / 5,000
//! paragraphs in 51 / 96 / 164 ms, release build on a busy 2-core machine).
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
use rasoat_text::token::{Token, TokenKind, tokens};

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
    feats: Range<usize>,
    /// Items are only compared with items of the same scope…
    scope: u64,
    /// …and, unless `cross` is set, of the same section (their parent heading or item).
    section: u64,
    cross: bool,
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
    postings: HashMap<u64, Vec<u32>, Fast>,
    /// Hash of an item's whole term sequence → first item with it (exact copies, even when all
    /// their features are boilerplate).
    exact: HashMap<(u64, u64, u64), u32, Fast>,
    // Scratch buffers reused across items.
    scratch_feats: Vec<u64>,
    /// Shared-feature count per earlier item, indexed by item (a hash map here was the hottest
    /// line of the duplicate rules); only the entries listed in `touched` are non-zero.
    counts: Vec<u32>,
    touched: Vec<u32>,
    scratch_cands: Vec<(u32, u32)>,
}

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
        let mut state = Normaliser::default();
        for &piece in pieces {
            state.run(text, piece, &mut self.terms);
        }
        let terms = start..self.terms.len();
        let fstart = self.feats.len();
        let slice = self.terms.get(terms.clone()).unwrap_or(&[]);
        features(slice, &mut self.scratch_feats);
        self.feats.extend_from_slice(&self.scratch_feats);
        self.items.push(Item { terms, feats: fstart..self.feats.len(), scope, section, cross });
        self.items.len() - 1
    }

    fn item_terms(&self, i: usize) -> &[Term] {
        self.items.get(i).and_then(|it| self.terms.get(it.terms.clone())).unwrap_or(&[])
    }

    fn item_feats(&self, i: usize) -> &[u64] {
        self.items.get(i).and_then(|it| self.feats.get(it.feats.clone())).unwrap_or(&[])
    }

    /// Number of content terms of an item.
    pub fn content_len(&self, i: usize) -> usize {
        self.item_terms(i).iter().filter(|t| t.is_content()).count()
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
        for i in 0..n {
            let ok = eligible(i) && self.content_len(i) >= params.min_terms;
            out.push(if ok { self.best_earlier(i, params) } else { None });
            if ok {
                self.insert(i);
            }
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

    fn insert(&mut self, i: usize) {
        let key = self.exact_key(i);
        self.exact.entry(key).or_insert(i as u32);
        let Some(item) = self.items.get(i) else { return };
        for &f in self.feats.get(item.feats.clone()).unwrap_or(&[]) {
            let list = self.postings.entry(f).or_default();
            // One past the cap marks the feature as boilerplate; no need to grow further.
            if list.len() <= POSTING_CAP {
                list.push(i as u32);
            }
        }
    }

    fn best_earlier(&mut self, i: usize, params: Params) -> Option<Match> {
        if let Some(&j) = self.exact.get(&self.exact_key(i))
            && self.comparable(i, j as usize)
        {
            return Some(Match { earlier: j as usize, similarity: 1.0 });
        }
        let feats = self.items.get(i)?.feats.clone();
        if self.counts.len() < self.items.len() {
            self.counts.resize(self.items.len(), 0);
        }
        self.touched.clear();
        for f in self.feats.get(feats).unwrap_or(&[]) {
            let Some(list) = self.postings.get(f) else { continue };
            if list.len() > POSTING_CAP {
                continue;
            }
            for &j in list {
                if let Some(c) = self.counts.get_mut(j as usize) {
                    if *c == 0 {
                        self.touched.push(j);
                    }
                    *c += 1;
                }
            }
        }
        let mut cands = std::mem::take(&mut self.scratch_cands);
        cands.clear();
        for &j in &self.touched {
            let c = self.counts.get(j as usize).copied().unwrap_or(0);
            if c >= 2 && self.comparable(i, j as usize) {
                cands.push((c, j));
            }
        }
        for &j in &self.touched {
            if let Some(c) = self.counts.get_mut(j as usize) {
                *c = 0;
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

    /// Whether the pair must say exactly the same content words: neighbours in one list, whose
    /// small differences are what the enumeration is about ("Cấp …" / "Cấp lại …"), and items
    /// outside plans, whose parallel provisions differ by a qualifier.
    fn strict(&self, a: usize, b: usize) -> bool {
        let cross =
            self.items.get(a).is_some_and(|it| it.cross) && self.items.get(b).is_some_and(|it| it.cross);
        a + 1 == b || !cross
    }

    /// The similarity of two items when they say the same thing, `None` otherwise.
    pub fn verify(&self, a: usize, b: usize, params: Params, strict: bool) -> Option<f32> {
        let (ta, tb) = (self.item_terms(a), self.item_terms(b));
        let (la, lb) = (ta.len(), tb.len());
        let (short, long) = (la.min(lb), la.max(lb));
        if short == 0 || (short as f32) < params.min_length_ratio * long as f32 {
            return None;
        }
        let shared = sorted_intersection(self.item_feats(a), self.item_feats(b));
        let (fa, fb) = (self.item_feats(a).len(), self.item_feats(b).len());
        let sh = shared as f32 / fa.min(fb).max(1) as f32;
        // One rewritten word on each side is a paraphrase; two or more is another directive.
        if numbers_conflict(ta, tb) || content_conflict(ta, tb, 2) {
            return None;
        }
        let (lcs, conflict) = if la * lb <= LCS_CELLS_MAX {
            let al = align(ta, tb);
            (al.lcs, al.conflict)
        } else {
            (0, content_conflict(ta, tb, 1))
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

/// For every letter of the blocks Vietnamese text uses, what [`word_hash`] makes of it: its
/// lower case through [`TONED`]. Computed once from the same two steps, so the result is the
/// same; per character it saves `to_lowercase`'s table search and a hash lookup.
static FOLDED: LazyLock<[Vec<(char, u8)>; 2]> = LazyLock::new(|| {
    let block = |(first, len): (u32, usize)| -> Vec<(char, u8)> {
        (first..first + len as u32)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or('\u{fffd}');
                let lower = c.to_lowercase().next().unwrap_or(c);
                TONED.get(&lower).copied().unwrap_or((lower, 0))
            })
            .collect()
    };
    [block(LATIN), block(LATIN_ADDITIONAL)]
});

/// [`FOLDED`]'s entry for `c`, when `c` is in one of its blocks.
fn folded(c: char) -> Option<(char, u8)> {
    let u = u32::from(c);
    let (table, first) = match u {
        0x80..0x250 => (FOLDED.first()?, LATIN.0),
        0x1E00..0x1F00 => (FOLDED.get(1)?, LATIN_ADDITIONAL.0),
        _ => return None,
    };
    table.get((u - first) as usize).copied()
}

/// Hash of a word: lower case, letters with their tone factored out. Allocates nothing.
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut tone = 0u8;
    for c in word.chars() {
        // ASCII first: most letters of a Vietnamese text are, and `to_lowercase` is a table
        // search; then the precomputed Vietnamese blocks.
        let lower = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if let Some((b, t)) = folded(c) {
            if t != 0 && tone == 0 {
                tone = t;
            }
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
            continue;
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        let (base, t) = match lower {
            // Combining tone marks (text that escaped NFC).
            '\u{300}' => (None, 1),
            '\u{301}' => (None, 2),
            '\u{309}' => (None, 3),
            '\u{303}' => (None, 4),
            '\u{323}' => (None, 5),
            c if c.is_ascii() => (Some(c), 0),
            c => TONED.get(&c).map_or((Some(c), 0), |&(b, t)| (Some(b), t)),
        };
        if t != 0 && tone == 0 {
            tone = t;
        }
        if let Some(b) = base {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h, u64::from(tone))
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

static FILLER_SET: LazyLock<Vec<u64>> = LazyLock::new(|| sorted_hashes(FILLER_WORDS));
static FILLER_PAIR_SET: LazyLock<Vec<(u64, u64)>> = LazyLock::new(|| {
    let mut v: Vec<(u64, u64)> = FILLER_PAIRS.iter().map(|(a, b)| (word_hash(a), word_hash(b))).collect();
    v.sort_unstable();
    v
});
static STOP_SET: LazyLock<Vec<u64>> = LazyLock::new(|| sorted_hashes(STOP));

fn sorted_hashes(words: &[&str]) -> Vec<u64> {
    let mut v: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

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

static W_NGAY: LazyLock<u64> = LazyLock::new(|| word_hash("ngày"));
static W_THANG: LazyLock<u64> = LazyLock::new(|| word_hash("tháng"));
static W_NAM: LazyLock<u64> = LazyLock::new(|| word_hash("năm"));
static W_SO: LazyLock<u64> = LazyLock::new(|| word_hash("số"));

fn parse_num(t: &Token<'_>) -> Option<u64> {
    if t.kind != TokenKind::Number || t.text.len() > 9 {
        return None;
    }
    t.text.parse().ok()
}

/// Turns pieces of text into terms; clause numbering runs on across the pieces of one item.
#[derive(Default)]
struct Normaliser {
    clause: u32,
}

impl Normaliser {
    fn run(&mut self, text: &str, piece: Span, out: &mut Vec<Term>) {
        let first = out.len();
        self.terms(text, piece, out);
        mark_fillers(out.get_mut(first..).unwrap_or(&mut []));
    }

    fn terms(&mut self, text: &str, piece: Span, out: &mut Vec<Term>) {
        let slice = piece.text(text);
        let toks: Vec<Token<'_>> = tokens(slice, piece.start).collect();
        let gap = |i: usize| -> &str {
            // Text between token i-1 and token i.
            match (i.checked_sub(1).and_then(|p| toks.get(p)), toks.get(i)) {
                (Some(a), Some(b)) => text.get(a.span.end..b.span.start).unwrap_or(""),
                _ => "",
            }
        };
        let hash_at = |i: usize| toks.get(i).map(|t| word_hash(t.text));
        let num_at = |i: usize| toks.get(i).and_then(parse_num);
        // A numeric date "D/M/Y" (also with '-' or '.') starting at token i.
        let numeric_date = |i: usize| -> Option<u64> {
            let (d, m, y) = (num_at(i)?, num_at(i + 1)?, num_at(i + 2)?);
            let sep = gap(i + 1).trim();
            let ok = matches!(sep, "/" | "-" | ".") && gap(i + 2).trim() == sep;
            (ok && (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y))
                .then(|| date_hash(d, m, y))
        };
        // "tháng M năm Y" / "tháng M/Y" starting at the token after "tháng".
        let month_year = |i: usize| -> Option<(u64, usize)> {
            let m = num_at(i)?;
            if hash_at(i + 1) == Some(*W_NAM) {
                let y = num_at(i + 2)?;
                return Some((month_hash(m, y), 3));
            }
            let y = num_at(i + 1)?;
            (gap(i + 1).trim() == "/" && y >= 1900).then_some((month_hash(m, y), 2))
        };
        let mut i = 0;
        while let Some(tok) = toks.get(i) {
            if breaks_clause(gap(i), toks.get(i.wrapping_sub(1)), tok) {
                self.clause += 1;
            }
            let h = word_hash(tok.text);
            let mut push = |hash, kind| out.push(Term { hash, kind, clause: self.clause });
            if h == *W_NGAY {
                // "ngày D/M/Y" and "ngày D tháng M năm Y" → one date term.
                if let Some(dh) = numeric_date(i + 1) {
                    push(dh, TermKind::Date);
                    i += 4;
                    continue;
                }
                if let (Some(d), Some(m), Some(y)) = (num_at(i + 1), num_at(i + 3), num_at(i + 5))
                    && hash_at(i + 2) == Some(*W_THANG)
                    && hash_at(i + 4) == Some(*W_NAM)
                {
                    push(date_hash(d, m, y), TermKind::Date);
                    i += 6;
                    continue;
                }
            }
            if h == *W_THANG
                && let Some((mh, used)) = month_year(i + 1)
            {
                push(mh, TermKind::Date);
                i += 1 + used;
                continue;
            }
            if let Some(dh) = numeric_date(i) {
                push(dh, TermKind::Date);
                i += 3;
                continue;
            }
            if h == *W_SO && num_at(i + 1).is_some() {
                i += 1;
                continue;
            }
            if STOP_SET.binary_search(&h).is_ok() {
                i += 1;
                continue;
            }
            // A run of capitalised syllables inside a sentence is a name ("Tân Phú Đông"): one
            // term, so two different names that share syllables still differ.
            if i > 0 && is_title(tok.text) && !ends_sentence_gap(gap(i)) {
                let mut j = i + 1;
                while toks.get(j).is_some_and(|t| is_title(t.text)) && gap(j).trim().is_empty() {
                    j += 1;
                }
                if j - i >= 2 {
                    let name = toks
                        .get(i..j)
                        .unwrap_or(&[])
                        .iter()
                        .fold(FNV_OFFSET ^ 2, |a, t| mix(a, word_hash(t.text)));
                    push(name, TermKind::Word);
                    i = j;
                    continue;
                }
            }
            if let Some(n) = parse_num(tok) {
                push(number_hash(n), TermKind::Number);
            } else if let Some((_, exp)) = ABBREV_SET.iter().find(|(a, _)| *a == h)
                && tok.text.chars().all(|c| !c.is_lowercase())
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
    while k < terms.len() {
        let pair = match (terms.get(k), terms.get(k + 1)) {
            (Some(a), Some(b))
                if a.kind == TermKind::Word && b.kind == TermKind::Word && a.clause == b.clause =>
            {
                FILLER_PAIR_SET.binary_search(&(a.hash, b.hash)).is_ok()
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
            && FILLER_SET.binary_search(&t.hash).is_ok()
        {
            t.kind = TermKind::Filler;
        }
        k += 1;
    }
}

/// "Tân", "Đông": an upper-case letter then lower-case ones.
fn is_title(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase)
}

/// A separator after which a capital starts a sentence rather than a name.
fn ends_sentence_gap(gap: &str) -> bool {
    gap.chars().any(|c| matches!(c, '.' | ':' | ';' | '!' | '?' | '\n' | '(' | '"' | '“'))
}

/// Whether the separator before a token ends a clause. A comma between digits is a decimal mark.
fn breaks_clause(gap: &str, prev: Option<&Token<'_>>, next: &Token<'_>) -> bool {
    if gap.trim() == ","
        && prev.is_some_and(|p| p.kind == TokenKind::Number)
        && next.kind == TokenKind::Number
    {
        return false;
    }
    gap.chars().any(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '…' | '"' | '“' | '”'))
}

/// Shingles of an item's terms, sorted and deduplicated, into `out`.
fn features(terms: &[Term], out: &mut Vec<u64>) {
    out.clear();
    for clause in terms.chunk_by(|a, b| a.clause == b.clause) {
        if clause.len() >= K {
            for w in clause.windows(K) {
                out.push(w.iter().fold(FNV_OFFSET, |h, t| mix(h, t.hash)));
            }
        } else if clause.iter().any(Term::is_content) {
            out.push(clause.iter().fold(FNV_OFFSET ^ 1, |h, t| mix(h, t.hash)));
        }
    }
    out.sort_unstable();
    out.dedup();
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

fn sorted_of(terms: &[Term], keep: impl Fn(&Term) -> bool) -> Vec<u64> {
    let mut v: Vec<u64> = terms.iter().filter(|t| keep(t)).map(|t| t.hash).collect();
    v.sort_unstable();
    v.dedup();
    v
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

/// Each side has a number or date the other lacks: "giảm 10%" vs "giảm 15%".
fn numbers_conflict(a: &[Term], b: &[Term]) -> bool {
    let num = |t: &Term| matches!(t.kind, TermKind::Number | TermKind::Date);
    let (na, nb) = (sorted_of(a, num), sorted_of(b, num));
    let a_only = na.iter().any(|h| nb.binary_search(h).is_err());
    let b_only = nb.iter().any(|h| na.binary_search(h).is_err());
    a_only && b_only
}

/// Each side has at least `min` content words the other lacks anywhere: both copies were
/// rewritten, and say different things ("Báo cáo chính trị …" / "Báo cáo … về tổng kết …").
fn content_conflict(a: &[Term], b: &[Term], min: usize) -> bool {
    let (sa, sb) = (sorted_of(a, Term::is_content), sorted_of(b, Term::is_content));
    let a_only = sa.iter().filter(|h| sb.binary_search(h).is_err()).count();
    let b_only = sb.iter().filter(|h| sa.binary_search(h).is_err()).count();
    a_only >= min && b_only >= min
}

struct Alignment {
    lcs: usize,
    /// A substitution of content words found nowhere in the other copy.
    conflict: bool,
}

/// LCS of two term sequences, and whether a changed stretch swaps one content for another.
fn align(a: &[Term], b: &[Term]) -> Alignment {
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
    let (set_a, set_b) = (sorted_of(a, |_| true), sorted_of(b, |_| true));
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
            if (new_in(del, &set_b) && new_in(ins, &set_a)) || (del.iter().any(num) && ins.iter().any(num)) {
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
        let (idx, _) = index_of(&[a, b]);
        idx.verify(0, 1, PARAMS, false).is_some()
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
