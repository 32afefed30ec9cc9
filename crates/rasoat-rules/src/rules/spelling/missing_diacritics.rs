//! `spelling/missing-diacritics`: a phrase typed with no diacritics at all inside Vietnamese
//! text ("thuc hien nghiem tuc" for "thực hiện nghiêm túc").
//!
//! Every token is a valid unmarked syllable, so no syllable rule fires, and the statistics of
//! the real-word rule see unknown pairs, not slips. The evidence used here: a run of at least
//! three plain-ASCII lower-case syllables, in a line that is otherwise written with marks, whose
//! adjacent pairs are the skeletons of marked lexicon words ("thuc hien" → "thực hiện"). English
//! and codes are left alone: their lines carry no marks, and their words rarely pair up as the
//! skeletons of Vietnamese words.

use rasoat_doc::Document;
use rasoat_spell::Model;
use rasoat_text::Span;
use rasoat_text::token::{TokenKind, tokens};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/missing-diacritics";

/// The shortest run worth reporting, in syllables.
const MIN_RUN: usize = 3;

pub struct MissingDiacritics {
    docs: RuleDocs,
}

impl Default for MissingDiacritics {
    fn default() -> Self {
        Self::new()
    }
}

impl MissingDiacritics {
    pub fn new() -> Self {
        MissingDiacritics {
            docs: RuleDocs {
                summary: Message::new(
                    "Cụm từ gõ không dấu giữa văn bản có dấu (“thuc hien nghiem tuc” → “thực hiện nghiêm túc”).",
                    "A phrase typed without diacritics inside Vietnamese text (“thuc hien nghiem tuc” → “thực hiện nghiêm túc”).",
                ),
                why: Message::new(
                    "Văn bản hành chính viết bằng tiếng Việt có dấu; cụm không dấu thường do sao chép từ tin nhắn hoặc bộ gõ bị tắt, và có thể đọc theo nhiều nghĩa.",
                    "Official documents are written with full diacritics; an unmarked phrase usually comes from a message or a switched-off input method, and is ambiguous.",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 7 và Phụ lục I (chữ viết tiếng Việt, phông chữ Unicode TCVN 6909:2001)".to_owned(),
                examples: vec![Example {
                    bad: "Các cơ quan, đơn vị thuc hien nghiem tuc chế độ báo cáo định kỳ.".into(),
                    good: "Các cơ quan, đơn vị thực hiện nghiêm túc chế độ báo cáo định kỳ; email, website, online.".into(),
                }],
                source: "built-in".to_owned(),
            },
        }
    }
}

/// A word token of a line, with whether it is plain (unmarked lower-case ASCII) or marked.
struct Word<'a> {
    text: &'a str,
    span: Span,
    plain: bool,
    marked: bool,
}

impl Rule for MissingDiacritics {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        if doc.legacy_font.is_some() {
            return;
        }
        let model = Model::embedded();
        let mut words: Vec<Word<'_>> = Vec::new();
        let mut candidates: Vec<String> = Vec::new();
        for &line in &doc.lines {
            let text = doc.slice(line);
            // Cheap pre-filter: a line needs marks (non-ASCII) and plain words to qualify.
            if text.is_ascii() || text.len() < 20 || !may_have_run(text.as_bytes()) {
                continue;
            }
            words_of(text, line.start, &mut words);
            let marked = words.iter().filter(|w| w.marked).count();
            if marked < 3 || marked * 3 < words.len() {
                continue;
            }
            for (i, j) in plain_runs(&words, &doc.text) {
                if j - i >= MIN_RUN
                    && let Some(run) = words.get(i..j)
                    // Each the skeleton of some syllable ("thuc" of thúc/thục/thức/thực):
                    // unmarked stop-final syllables are not valid on their own, so syllable
                    // validity cannot decide. Looked up only for runs, which are rare.
                    && run.iter().all(|w| {
                        candidates.clear();
                        model.syllables_with_skeleton(w.text, &mut candidates);
                        !candidates.is_empty()
                    })
                {
                    self.report_run(doc, model, run, &mut candidates, sink);
                }
            }
        }
    }
}

/// The word tokens of `line` (which starts at byte `base` of the document) into `out`.
fn words_of<'a>(line: &'a str, base: usize, out: &mut Vec<Word<'a>>) {
    out.clear();
    out.extend(tokens(line, base).filter(|t| t.kind == TokenKind::Word).map(|t| Word {
        text: t.text,
        span: t.span,
        plain: t.text.bytes().all(|b| b.is_ascii_lowercase()),
        marked: !t.text.is_ascii(),
    }));
}

/// The maximal runs `(first, end)` of plain words separated by single spaces in `text` (the
/// document the spans point into): no punctuation between them, so URLs, e-mails and codes
/// break a run.
fn plain_runs(words: &[Word<'_>], text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while words.get(j).is_some_and(|w| w.plain)
            && (j == i
                || words
                    .get(j - 1)
                    .zip(words.get(j))
                    .is_some_and(|(a, b)| text.get(a.span.end..b.span.start) == Some(" ")))
        {
            j += 1;
        }
        if j > i {
            out.push((i, j));
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether `line` has [`MIN_RUN`] groups of ASCII lower-case letters separated by single
/// spaces, with no ASCII letter or digit right before the first or after the last: what a run
/// of plain words needs. Tested on bytes before tokenising, which most lines then skip. A
/// non-ASCII character counts as a possible word boundary unless it is surely a word character
/// for the tokeniser (see [`surely_word_char`]), so no line with a run is skipped.
///
/// A small automaton over byte classes, since it reads every byte of the document: states
/// count the whole groups of the current chain (`G1`..`G3`) and the single spaces after them.
/// One table load per byte: a lead byte whose class depends on the byte after it moves to a
/// pending state that the next byte resolves (see [`TRANSITIONS`]).
fn may_have_run(line: &[u8]) -> bool {
    // The state times 256, so a step is an OR, a mask (which proves the index in bounds) and a
    // load; four steps a round.
    let step = |state: usize, b: u8| {
        usize::from(TRANSITIONS.get((state | usize::from(b)) & (TRANSITIONS.len() - 1)).copied().unwrap_or(0)) // 0: START
    };
    let mut state = usize::from(START) << 8;
    let mut chunks = line.chunks_exact(4);
    for chunk in chunks.by_ref() {
        for &b in chunk {
            state = step(state, b);
        }
    }
    for &b in chunks.remainder() {
        state = step(state, b);
    }
    let state = u8::try_from(state >> 8).unwrap_or(START);
    // A lead byte last (not UTF-8) is classified without a second byte.
    let state = match state.checked_sub(PENDING) {
        Some(p) => {
            let lead = PENDING_LEADS.get(usize::from(p / 8)).copied().unwrap_or(0);
            next_state(p % 8, if surely_word_char(lead, 0) { UPPER } else { OTHER })
        }
        None => state,
    };
    // FOUND is absorbing: tested once at the end, not at every byte.
    matches!(state, G3 | FOUND)
}

/// The lead bytes `surely_word_char` needs the second byte for, in the order of their
/// pending states.
const PENDING_LEADS: [u8; 4] = [0xC3, 0xC9, 0xCD, 0xE1];

/// The first pending state: state `PENDING + 8 * k + s` is state `s` before a character
/// with lead byte `PENDING_LEADS[k]` whose second byte comes next.
const PENDING: u8 = 8;

/// [`may_have_run`]'s next state times 256, by `state << 8 | byte`, for the eight states and
/// the pending ones (64 rows: a power of two, so a mask bounds the index). From a pending
/// state the byte read is the lead's second byte (a continuation byte in UTF-8): it
/// classifies the character, and leaves the state as the character sets it.
static TRANSITIONS: [u16; 64 * 256] = {
    let mut t = [0u16; 64 * 256];
    let mut i = 0;
    while i < (PENDING as usize + 8 * PENDING_LEADS.len()) * 256 {
        let (state, b) = ((i >> 8) as u8, (i & 0xFF) as u8);
        let next = if state < PENDING {
            match BYTE_TRANSITIONS[i] {
                LOOK_AHEAD => {
                    let mut k = 0;
                    while PENDING_LEADS[k] != b {
                        k += 1;
                    }
                    PENDING + 8 * k as u8 + state
                }
                next => next,
            }
        } else {
            let (k, before) = (((state - PENDING) / 8) as usize, (state - PENDING) % 8);
            let class = if surely_word_char(PENDING_LEADS[k], b) { UPPER } else { OTHER };
            let after = next_state(before, class);
            // A continuation byte leaves the state; any other byte (not UTF-8) is read too.
            match BYTE_TRANSITIONS[(after as usize) << 8 | b as usize] {
                _ if BYTE_CLASS[b as usize] == CONT => after,
                LOOK_AHEAD => {
                    let mut k = 0;
                    while PENDING_LEADS[k] != b {
                        k += 1;
                    }
                    PENDING + 8 * k as u8 + after
                }
                next => next,
            }
        };
        t[i] = (next as u16) << 8;
        i += 1;
    }
    t
};

/// [`next_state`] by `state << 8 | byte`: continuation bytes leave the state as their lead
/// byte set it (every transition is idempotent per class); [`LOOK_AHEAD`] where a lead byte
/// needs the byte after it to be classified.
const BYTE_TRANSITIONS: [u8; 8 * 256] = {
    let mut t = [START; 8 * 256];
    let mut i = 0;
    while i < 8 * 256 {
        let (state, b) = ((i >> 8) as u8, (i & 0xFF) as u8);
        t[i] = match BYTE_CLASS[b as usize] {
            CONT => state,
            LEAD => match b {
                0xC3 | 0xC9 | 0xCD | 0xE1 => LOOK_AHEAD,
                // `surely_word_char` needs no second byte for these.
                _ if surely_word_char(b, 0) => next_state(state, UPPER),
                _ => next_state(state, OTHER),
            },
            class => next_state(state, class),
        };
        i += 1;
    }
    t
};

/// Not a state: see [`BYTE_TRANSITIONS`].
const LOOK_AHEAD: u8 = 8;

/// Byte classes of [`may_have_run`]: `[a-z]`, another ASCII letter or digit (or a non-ASCII
/// word character), a space, anything else; and, for non-ASCII, a continuation byte or a lead
/// byte to classify with the byte after it.
const LOWER: u8 = 0;
const UPPER: u8 = 1;
const SPACE: u8 = 2;
const OTHER: u8 = 3;
const CONT: u8 = 4;
const LEAD: u8 = 5;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' | b'0'..=b'9' => UPPER,
            b' ' => SPACE,
            0x80..=0xBF => CONT,
            0xC0..=0xFF => LEAD,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// States of [`may_have_run`]: at a possible word start; inside the 1st, 2nd, 3rd whole
/// group of a chain; right after the 1st or 2nd group and one space; inside a group or word
/// that is not whole; a run found.
const START: u8 = 0;
const G1: u8 = 1;
const S1: u8 = 2;
const G2: u8 = 3;
const S2: u8 = 4;
const G3: u8 = 5;
const BROKEN: u8 = 6;
const FOUND: u8 = 7;

const fn next_state(state: u8, class: u8) -> u8 {
    match (state, class) {
        (FOUND, _) => FOUND,
        (_, UPPER) => BROKEN,
        (START | BROKEN, SPACE | OTHER) => START,
        (START, _) => G1,
        (BROKEN, _) => BROKEN,
        (G1, LOWER) => G1,
        (G1, SPACE) => S1,
        (S1, LOWER) => G2,
        (G2, LOWER) => G2,
        (G2, SPACE) => S2,
        (S2, LOWER) => G3,
        (G3, LOWER) => G3,
        (G3, _) => FOUND,
        _ => START,
    }
}

/// Whether the character with UTF-8 lead byte `lead` (and next byte `second`) is a word
/// character for the tokeniser: the letters of U+00C0..U+024F but × and ÷, ạ..ỹ (U+1E00..
/// U+1EFF) and the combining marks U+0300..U+036F. Vietnamese letters join their syllable,
/// so "hiện" is not the whole word "hi". Other characters are treated as possible
/// boundaries, which only lets more lines through.
const fn surely_word_char(lead: u8, second: u8) -> bool {
    match lead {
        0xC3 => !matches!(second, 0x97 | 0xB7),
        0xC4..=0xC8 | 0xCC => true,
        0xC9 => second <= 0x8F,
        0xCD => second <= 0xAF,
        0xE1 => matches!(second, 0xB8..=0xBB),
        _ => false,
    }
}

impl MissingDiacritics {
    fn report_run(
        &self,
        doc: &Document,
        model: &Model,
        run: &[Word<'_>],
        candidates: &mut Vec<String>,
        sink: &mut Sink,
    ) {
        // Restore greedily by two-syllable lexicon words; count the pairs that are skeletons
        // of marked words.
        let mut restored: Vec<String> = Vec::new();
        let mut evidence = 0usize;
        let mut ambiguous = false;
        let mut k = 0;
        while k < run.len() {
            let pair = run.get(k).zip(run.get(k + 1));
            if let Some((a, b)) = pair {
                candidates.clear();
                model.words_with_skeleton(&format!("{} {}", a.text, b.text), candidates);
                candidates.retain(|c| !c.is_ascii());
                // The pair as written must be rare next to its marked word: "vi khai sai theo
                // quy" is ordinary unmarked Vietnamese, every pair of it common as written.
                let count = |x: &str, y: &str| {
                    model.id(x).zip(model.id(y)).map_or(0, |(i, j)| {
                        let p = model.pair(i, j);
                        if p.lexicon { p.count.max(1) } else { p.count }
                    })
                };
                let marked = candidates
                    .iter()
                    .filter_map(|c| c.split_once(' '))
                    .map(|(x, y)| count(x, y))
                    .max()
                    .unwrap_or(0);
                let attested = count(a.text, b.text).saturating_mul(200) >= marked;
                if !candidates.is_empty() && !attested {
                    evidence += 1;
                    ambiguous |= candidates.len() > 1;
                    restored.push(candidates.first().cloned().unwrap_or_default());
                    k += 2;
                    continue;
                }
            }
            restored.push(run.get(k).map(|w| w.text.to_owned()).unwrap_or_default());
            k += 1;
        }
        // At least two marked words, covering most of the run.
        if evidence < 2 || evidence * 2 * 10 < run.len() * 7 {
            return;
        }
        let (Some(first), Some(last)) = (run.first(), run.last()) else { return };
        let span = Span::new(first.span.start, last.span.end);
        let phrase = doc.slice(span);
        let guess = restored.join(" ");
        let d = sink.report(
            span,
            Message::new(
                format!("Cụm “{phrase}” có vẻ được gõ không dấu; viết lại có dấu (có lẽ “{guess}”)."),
                format!(
                    "“{phrase}” looks typed without diacritics; write it with marks (perhaps “{guess}”)."
                ),
            ),
        );
        // A guess from word skeletons: never applied by --fix.
        if !ambiguous {
            d.suggest(guess, false);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn run_prefilter() {
        use super::may_have_run;
        assert!(may_have_run(b"Tang cuong cong tac"));
        assert!(may_have_run("về “tang cuong cong”, việc".as_bytes()));
        assert!(!may_have_run("về tang cuong, việc".as_bytes()));
        assert!(!may_have_run("Tăng cường công tác kiểm tra".as_bytes()));
        assert!(!may_have_run(b"tang  cuong cong"));
        assert!(!may_have_run(b"tang cuong cong2"));
        assert!(!may_have_run(b"Xtang cuong"));
        // Marked letters join their syllable: "hi" of "hiện" is no plain word.
        assert!(!may_have_run("thực hiện nghiêm túc, chủ động".as_bytes()));
        assert!(may_have_run("thực hien nghiem tuc".as_bytes()));
    }

    /// Stand-ins for a non-ASCII character in [`may_have_run`]: a word character that is not a
    /// plain lower-case letter (as an upper-case one is), or anything else.
    const WORD: u8 = b'A';
    const NOT_WORD: u8 = 0x80;

    /// The prefilter as a plain loop over groups, as it was first written.
    fn may_have_run_reference(line: &[u8]) -> bool {
        // Groups in the chain that ends at the current space, when the chain can go on.
        let mut pending: Option<usize> = None;
        // The current group of [a-z]: whether it may be a whole word, and the chain it extends.
        let mut group: Option<(bool, usize)> = None;
        let mut prev: Option<u8> = None;
        // What the continuation bytes of the current non-ASCII character stand for.
        let mut cont = NOT_WORD;
        for (k, &raw) in line.iter().chain(std::iter::once(&b'\n')).enumerate() {
            let c = match raw {
                0..=0x7F => raw,
                0x80..=0xBF => cont,
                _ => {
                    let second = line.get(k + 1).copied().unwrap_or(0);
                    cont = if surely_word_char(raw, second) { WORD } else { NOT_WORD };
                    cont
                }
            };
            if c.is_ascii_lowercase() {
                if group.is_none() {
                    let whole = prev.is_none_or(|p| !p.is_ascii_alphanumeric());
                    let before = if prev == Some(b' ') { pending.unwrap_or(0) } else { 0 };
                    group = Some((whole, before));
                }
            } else {
                pending = None;
                if let Some((whole, before)) = group.take()
                    && whole
                    && !c.is_ascii_alphanumeric()
                {
                    let count = before + 1;
                    if count >= MIN_RUN {
                        return true;
                    }
                    if c == b' ' {
                        pending = Some(count);
                    }
                }
            }
            prev = Some(c);
        }
        false
    }

    proptest::proptest! {
        /// The automaton answers as the group loop does.
        #[test]
        fn prefilter_automaton_agrees(line in "([a-c]{1,3}|[ ,.]|[àơđ×÷ɏɐạỹ]|[“”–]|[\u{301}\u{36F}\u{370}]|[0-9]|[A-C]|\\PC){0,30}") {
            proptest::prop_assert_eq!(may_have_run(line.as_bytes()), may_have_run_reference(line.as_bytes()), "{:?}", line);
        }
    }

    /// Whether the rule's own reading of `line` (its words and runs) finds a long enough run.
    fn has_run(line: &str) -> bool {
        let mut words = Vec::new();
        words_of(line, 0, &mut words);
        plain_runs(&words, line).iter().any(|(i, j)| j - i >= MIN_RUN)
    }

    proptest::proptest! {
        /// The byte prefilter never skips a line the rule would find a run in.
        #[test]
        fn prefilter_keeps_every_run(line in "([a-c]{1,3}|[ ,.]|[àơđ×÷ɏɐạỹ]|[“”–]|[\u{301}\u{36F}\u{370}]|[0-9]|[A-C]|\\PC){0,30}") {
            if has_run(&line) {
                proptest::prop_assert!(may_have_run(line.as_bytes()), "{:?}", line);
            }
        }
    }

    use super::*;
    use crate::examples::run_on_text;

    fn found(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = rasoat_doc::parse_str(text);
        run_on_text(&MissingDiacritics::new(), text)
            .into_iter()
            .map(|d| {
                (doc.slice(d.span).to_owned(), d.suggestions.into_iter().map(|s| s.replacement).collect())
            })
            .collect()
    }

    #[test]
    fn an_unmarked_phrase_in_marked_text() {
        let f = found("Yêu cầu các cơ quan, đơn vị thuc hien nghiem tuc chế độ báo cáo định kỳ.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f.first().map(|x| x.0.as_str()), Some("thuc hien nghiem tuc"));
    }

    #[test]
    fn english_codes_and_short_runs_are_left_alone() {
        for text in [
            "Đăng nhập tại địa chỉ https://dichvucong.gov.vn/thu-tuc-hanh-chinh để nộp hồ sơ.",
            "Hệ thống quản lý văn bản (document management system) của tỉnh được nâng cấp.",
            "Gửi thư điện tử về địa chỉ vanthu@hanoi.gov.vn trước ngày 10/5/2026.",
            "The plan is in English only and has no marks at all for the whole line here.",
            "Các cơ quan thuc hien chế độ báo cáo.",
            "Ông Nguyen Van An, Phó Chủ tịch Ủy ban nhân dân xã, chủ trì hội nghị.",
            "Người nộp thuế có hành vi khai sai theo quy định tại Điều 10 Nghị định này.",
            "Trách nhiệm của các bên liên quan tham gia trong phát triển kỹ năng nghề.",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
