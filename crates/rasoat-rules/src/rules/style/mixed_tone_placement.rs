//! `style/mixed-tone-placement`: one document, two tone-placement styles.
//!
//! Both "hòa, khỏe, thủy, Ủy" (mark on the first vowel of open oa/oe/uy) and "hoà, khoẻ,
//! thuỷ, Uỷ" (on the second) are accepted, as are "kỹ" and "kĩ" (DOMAIN.md §5). A document
//! should use one of each: a mix gets ONE warning per pair of styles, naming both forms with
//! their counts, pointing at the first occurrence of the minority style, with the others as
//! related spans. When the configuration enforces a style (`Context::tone_style`), every word
//! in the other style is reported with a safe fix instead.

use rasoat_doc::Document;
use rasoat_text::Span;
use rasoat_text::syllable::{self, Placement};

use crate::diagnostic::{Message, Severity};
use crate::phrase::{fold_char, word_around};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink, ToneStyle};

pub const ID: &str = "style/mixed-tone-placement";

/// At most this many related spans on the one mixing warning.
const MAX_RELATED: usize = 20;

/// At most this many words classified once per document (see `check`).
const MEMO_MAX: usize = 64;

pub struct MixedTonePlacement {
    docs: RuleDocs,
}

impl Default for MixedTonePlacement {
    fn default() -> Self {
        Self::new()
    }
}

/// Occurrences of one style: every span, and the first word as written.
#[derive(Default)]
struct Seen<'a> {
    spans: Vec<Span>,
    first: &'a str,
}

impl<'a> Seen<'a> {
    fn add(&mut self, word: &'a str, span: Span) {
        if self.spans.is_empty() {
            self.first = word;
        }
        self.spans.push(span);
    }
}

/// "kỹ"/"kỷ" (y) or "kĩ"/"kỉ" (i): `Some(true)` for y, `Some(false)` for i.
fn ky_style(word: &str) -> Option<bool> {
    let mut cs = word.chars().map(fold_char);
    let (Some('k'), Some(v), None) = (cs.next(), cs.next(), cs.next()) else { return None };
    match v {
        'ỹ' | 'ỷ' => Some(true),
        'ĩ' | 'ỉ' => Some(false),
        _ => None,
    }
}

/// The plain vowel under a tone mark, for the letters that matter here (o u a e y).
/// Both cases are listed rather than folding first: this runs on every accented letter of
/// the document, and most are not one of these.
const fn vowel(c: char) -> Option<char> {
    Some(match c {
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'O' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' => 'o',
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'U' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ' | 'Ụ' => 'u',
        'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'A' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' => 'a',
        'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'E' | 'È' | 'É' | 'Ẻ' | 'Ẽ' | 'Ẹ' => 'e',
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Y' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => 'y',
        _ => return None,
    })
}

/// "Hoà", not "hoà" or "HOÀ".
fn is_title_case(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
}

/// A Title Case word right after another Title Case word on the same line: part of a name.
/// (All-caps headings are not names: "CỘNG HÒA" counts.)
fn in_name(text: &str, span: Span) -> bool {
    if !is_title_case(span.text(text)) {
        return false;
    }
    let Some(head) = text.get(..span.start) else { return false };
    let head = head.trim_end_matches([' ', '\u{a0}']);
    if head.len() == span.start {
        return false;
    }
    let prev = word_around(head, head.len());
    is_title_case(prev.text(head))
}

/// What a candidate word shows: a "kỹ"/"kĩ" spelling, a tone placement, or neither.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// [`ky_style`].
    Ky(bool),
    /// [`Syllable::placement_style`](syllable::Syllable::placement_style).
    Style(Placement),
    Neither,
}

impl Kind {
    fn of(word: &str) -> Kind {
        if let Some(y) = ky_style(word) {
            return Kind::Ky(y);
        }
        match syllable::parse(word).ok().and_then(|s| s.placement_style()) {
            Some(style) => Kind::Style(style),
            None => Kind::Neither,
        }
    }
}

/// A word worth parsing.
struct Candidate<'a> {
    text: &'a str,
    span: Span,
}

/// Classes of letters for [`candidates`], by their UTF-8 bytes: the [`vowel`] under the mark
/// (0 for none) in the low bits, and [`KY`] for "ỹ ỷ ĩ ỉ" in either case.
const V_O: u8 = 1;
const V_U: u8 = 2;
const V_A: u8 = 3;
const V_E: u8 = 4;
const V_Y: u8 = 5;
const KY: u8 = 8;

const fn class_of(c: char) -> u8 {
    let v = match vowel(c) {
        Some('o') => V_O,
        Some('u') => V_U,
        Some('a') => V_A,
        Some('e') => V_E,
        Some('y') => V_Y,
        _ => 0,
    };
    let ky = matches!(c, 'ỹ' | 'ỷ' | 'ĩ' | 'ỉ' | 'Ỹ' | 'Ỷ' | 'Ĩ' | 'Ỉ');
    if ky { v | KY } else { v }
}

/// Classes of ASCII (by byte), of U+00C0..U+017F (two bytes, lead 0xC3..0xC5; by
/// `(lead - 0xC3) * 64 + second % 64`) and of U+1E00..U+1EFF (0xE1 0xB8..0xBB, third; by
/// `(second - 0xB8) * 64 + third % 64`): every character [`class_of`] gives a class.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = class_of(b as u8 as char);
        b += 1;
    }
    t
};
const TWO_BYTE_CLASS: [u8; 192] = {
    let mut t = [0; 192];
    let mut i = 0;
    while i < 192 {
        if let Some(c) = char::from_u32(0xC0 + i as u32) {
            t[i] = class_of(c);
        }
        i += 1;
    }
    t
};
const E1_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x1E00 + i as u32) {
            t[i] = class_of(c);
        }
        i += 1;
    }
    t
};

/// Lead bytes of the characters with a class past ASCII (see `class_at`).
const fn is_lead(b: u8) -> bool {
    matches!(b, 0xC3..=0xC5 | 0xE1)
}

/// The class of the character that starts at byte `i` (0 when none, or not a character start).
fn class_at(bytes: &[u8], i: usize) -> u8 {
    let Some(&lead) = bytes.get(i) else { return 0 };
    let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| usize::from(b & 0x3F));
    match lead {
        0..=0x7F => ASCII_CLASS.get(usize::from(lead)).copied().unwrap_or(0),
        0xC3..=0xC5 => TWO_BYTE_CLASS.get(usize::from(lead - 0xC3) * 64 + cont(1)).copied().unwrap_or(0),
        0xE1 => match bytes.get(i + 1) {
            Some(&second @ 0xB8..=0xBB) => {
                E1_CLASS.get(usize::from(second - 0xB8) * 64 + cont(2)).copied().unwrap_or(0)
            }
            _ => 0,
        },
        _ => 0,
    }
}

/// The class of the character that ends right before byte `i`.
fn class_before(bytes: &[u8], i: usize) -> u8 {
    let head = bytes.get(..i).unwrap_or(&[]);
    // Continuation bytes are 0b10xx_xxxx; a character has at most three of them.
    let cont = head.iter().rev().take(3).take_while(|&&b| b & 0xC0 == 0x80).count();
    i.checked_sub(cont + 1).map_or(0, |start| class_at(bytes, start))
}

/// The first byte at or after `from` that [`is_lead`] accepts. Eight bytes at a time: a lead
/// byte is one of the bytes with both top bits set (`x & x << 1`, exact per byte), so a word of
/// ASCII letters and continuation bytes is passed with a few operations instead of a test per
/// byte (a third of the bytes of a plan are non-ASCII; this scan was most of the rule's cost).
fn next_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let x = u64::from_le_bytes(chunk);
        let mut starts = x & (x << 1) & HIGH;
        while starts != 0 {
            let k = starts.trailing_zeros() / 8;
            if is_lead((x >> (8 * k)) as u8) {
                return Some(at + k as usize);
            }
            starts &= starts - 1;
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(|&b| is_lead(b)).map(|p| at + p)
}

/// The words that can show a style: those with "oa", "oe" or "uy" and a tone mark in it, and
/// "kỹ"/"kĩ"/"kỷ"/"kỉ". A byte scan finds the toned vowels (all non-ASCII, with lead bytes
/// 0xC3–0xC5 or 0xE1) and classifies them and their neighbours from their bytes by table;
/// nothing is decoded or tokenised.
fn candidates(text: &str) -> impl Iterator<Item = Candidate<'_>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let i = next_lead(bytes, at)?;
            at = i + 1;
            let class = class_at(bytes, i);
            if class == 0 {
                continue;
            }
            let len = if bytes.get(i) == Some(&0xE1) { 3 } else { 2 };
            let pair = match class & 7 {
                V_O => matches!(class_at(bytes, i + len) & 7, V_A | V_E),
                V_U => class_at(bytes, i + len) & 7 == V_Y,
                V_A | V_E => class_before(bytes, i) & 7 == V_O,
                V_Y => class_before(bytes, i) & 7 == V_U,
                _ => false,
            };
            if !(pair || class & KY != 0) {
                continue;
            }
            let span = word_around(text, i);
            at = at.max(span.end);
            // Long runs are not syllables (codes, foreign words, glued words).
            if span.len() <= 16 {
                return Some(Candidate { text: span.text(text), span });
            }
        }
    })
}

impl MixedTonePlacement {
    pub fn new() -> Self {
        MixedTonePlacement {
            docs: RuleDocs {
                summary: Message::new(
                    "Văn bản dùng lẫn hai kiểu đặt dấu thanh (“hòa”/“hoà”, “Ủy”/“Uỷ”) hoặc “kỹ”/“kĩ”.",
                    "The document mixes two tone-placement styles (“hòa”/“hoà”, “Ủy”/“Uỷ”) or “kỹ”/“kĩ”.",
                ),
                why: Message::new(
                    "Hai kiểu đặt dấu đều được chấp nhận, nhưng một văn bản phải thống nhất một kiểu; dùng lẫn cho thấy văn bản được cắt ghép từ nhiều nguồn và chưa được rà soát.",
                    "Both styles are accepted, but one document must use one; a mix shows text pasted from several sources and not reviewed.",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I (trình bày thống nhất); Quyết định 240/QĐ-BGDĐT (1984) và thực tiễn chính tả hiện hành về vị trí dấu thanh".to_owned(),
                examples: vec![
                    Example {
                        bad: "Bảo đảm hòa hợp, giữ gìn sức khỏe và hoà giải ở cơ sở.".into(),
                        good: "Bảo đảm hòa hợp, giữ gìn sức khỏe và hòa giải ở cơ sở.".into(),
                    },
                    Example {
                        bad: "Nâng cao kỹ năng số và kĩ thuật.".into(),
                        good: "Nâng cao kĩ năng số và kĩ thuật; hoà giải, khoẻ mạnh.".into(),
                    },
                ],
                source: "built-in".to_owned(),
            },
        }
    }

    fn mixing_warning(sink: &mut Sink, a: &Seen<'_>, b: &Seen<'_>, labels: [(&str, &str); 2]) {
        if a.spans.is_empty() || b.spans.is_empty() {
            return;
        }
        // The minority is the style to change; on a tie, the one that appears later.
        let a_first = a.spans.first().map_or(0, |s| s.start);
        let b_first = b.spans.first().map_or(0, |s| s.start);
        let a_minor = a.spans.len() < b.spans.len() || (a.spans.len() == b.spans.len() && a_first > b_first);
        let ((minor, minor_label), (major, major_label)) =
            if a_minor { ((a, labels[0]), (b, labels[1])) } else { ((b, labels[1]), (a, labels[0])) };
        let Some(&at) = minor.spans.first() else { return };
        let d = sink.report(
            at,
            Message::new(
                format!(
                    "Dùng lẫn hai kiểu viết: “{}” ({}, {} lần) và “{}” ({}, {} lần); nên thống nhất theo một kiểu.",
                    major.first,
                    major_label.0,
                    major.spans.len(),
                    minor.first,
                    minor_label.0,
                    minor.spans.len()
                ),
                format!(
                    "Two spelling styles mixed: “{}” ({}, {}×) and “{}” ({}, {}×); use one.",
                    major.first,
                    major_label.1,
                    major.spans.len(),
                    minor.first,
                    minor_label.1,
                    minor.spans.len()
                ),
            ),
        );
        if let Some(&first_major) = major.spans.first() {
            d.relate(
                first_major,
                Message::new(
                    format!("kiểu {} dùng ở đây", major_label.0),
                    format!("{} used here", major_label.1),
                ),
            );
        }
        for &s in minor.spans.iter().skip(1).take(MAX_RELATED) {
            d.relate(
                s,
                Message::new(format!("cũng kiểu {}", minor_label.0), format!("also {}", minor_label.1)),
            );
        }
    }
}

impl Rule for MixedTonePlacement {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, ctx: &Context, sink: &mut Sink) {
        if doc.legacy_font.is_some() {
            return;
        }
        let text = doc.text.as_str();
        let (mut old, mut new, mut with_y, mut with_i) =
            (Seen::default(), Seen::default(), Seen::default(), Seen::default());
        let enforced = ctx.tone_style.map(|s| match s {
            ToneStyle::Old => Placement::Old,
            ToneStyle::New => Placement::New,
        });
        let mut memo: Vec<(&str, Kind)> = Vec::new();
        for tok in candidates(text) {
            // A person's or place's name keeps its registered spelling ("Lê Hải Hoà").
            if in_name(text, tok.span) {
                continue;
            }
            // The same few words recur all through a plan ("hoạch", "toàn", "chỉ"): each is
            // classified once.
            // A plan has a few dozen such words: a short list searched in order costs less than
            // hashing; past MEMO_MAX words the rest are classified each time (bounded work).
            let kind = match memo.iter().find(|(w, _)| *w == tok.text) {
                Some(&(_, kind)) => kind,
                None => {
                    let kind = Kind::of(tok.text);
                    if memo.len() < MEMO_MAX {
                        memo.push((tok.text, kind));
                    }
                    kind
                }
            };
            let style = match kind {
                Kind::Ky(true) => {
                    with_y.add(tok.text, tok.span);
                    continue;
                }
                Kind::Ky(false) => {
                    with_i.add(tok.text, tok.span);
                    continue;
                }
                Kind::Style(style) => style,
                Kind::Neither => continue,
            };
            match enforced {
                Some(want) if want != style => {
                    let Ok(syl) = syllable::parse(tok.text) else { continue };
                    let fixed = syl.to_string_with(want);
                    let (vi, en) = match want {
                        Placement::Old => ("kiểu cũ: hòa, thủy", "old style: hòa, thủy"),
                        Placement::New => ("kiểu mới: hoà, thuỷ", "new style: hoà, thuỷ"),
                    };
                    sink.report(
                        tok.span,
                        Message::new(
                            format!(
                                "Đặt dấu thanh không theo kiểu đã quy định ({vi}): “{}” → “{fixed}”.",
                                tok.text
                            ),
                            format!(
                                "Tone mark not in the configured style ({en}): “{}” → “{fixed}”.",
                                tok.text
                            ),
                        ),
                    )
                    .suggest(fixed, true);
                }
                Some(_) => {}
                None if style == Placement::Old => old.add(tok.text, tok.span),
                None => new.add(tok.text, tok.span),
            }
        }
        Self::mixing_warning(
            sink,
            &old,
            &new,
            [
                ("dấu đặt trên nguyên âm đầu", "mark on the first vowel"),
                ("dấu đặt trên nguyên âm sau", "mark on the second vowel"),
            ],
        );
        Self::mixing_warning(
            sink,
            &with_y,
            &with_i,
            [("viết y", "spelt with y"), ("viết i", "spelt with i")],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `vowel` lists both cases by hand: it must agree with folding first.
    #[test]
    fn vowel_agrees_with_folding() {
        let folded = |c: char| match fold_char(c) {
            'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' => Some('o'),
            'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' => Some('u'),
            'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' => Some('a'),
            'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' => Some('e'),
            'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => Some('y'),
            _ => None,
        };
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(vowel(c), folded(c), "{c:?}");
        }
    }

    /// The scan as first written: decode at every lead byte.
    fn candidates_reference(text: &str) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut done = 0;
        (0..bytes.len())
            .filter_map(move |i| {
                if i < done || !matches!(bytes.get(i), Some(0xC3..=0xC5 | 0xE1)) {
                    return None;
                }
                let c = text.get(i..)?.chars().next()?;
                let ky = matches!(c, 'ỹ' | 'ỷ' | 'ĩ' | 'ỉ' | 'Ỹ' | 'Ỷ' | 'Ĩ' | 'Ỉ');
                let pair = match vowel(c) {
                    Some(v @ ('o' | 'u')) => {
                        let next =
                            text.get(i + c.len_utf8()..).and_then(|t| t.chars().next()).and_then(vowel);
                        matches!((v, next), ('o', Some('a' | 'e')) | ('u', Some('y')))
                    }
                    Some(v @ ('a' | 'e' | 'y')) => {
                        let prev = text.get(..i).and_then(|t| t.chars().next_back()).and_then(vowel);
                        matches!((prev, v), (Some('o'), 'a' | 'e') | (Some('u'), 'y'))
                    }
                    _ => false,
                };
                if !(pair || ky) {
                    return None;
                }
                let span = word_around(text, i);
                done = span.end;
                (span.len() <= 16).then_some(span)
            })
            .collect()
    }

    /// Every character the tables classify agrees with `vowel`.
    #[test]
    fn byte_classes_agree_with_vowel() {
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let (first, last) = (class_at(bytes, 0), class_before(bytes, bytes.len()));
            assert_eq!(first, class_of(c), "{c:?}");
            assert_eq!(last, class_of(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time search finds what a byte loop finds.
        #[test]
        fn next_lead_agrees_with_a_byte_loop(text in "([a-z ]{0,9}|[àđơĩỹ“×ÿĀ\u{1E00}\u{1000}]|\\PC){0,30}", from in 0usize..60) {
            let bytes = text.as_bytes();
            let want = bytes.get(from..).and_then(|t| t.iter().position(|&b| is_lead(b))).map(|p| from + p);
            proptest::prop_assert_eq!(next_lead(bytes, from), want);
        }

        #[test]
        fn scan_agrees_with_the_reference(text in "([hkqtHKQT]|[oOòóỏõọÒÓỎÕỌuUùúủũụÙÚỦŨỤaAàáảãạeèéẻẽẹyYỳýỷỹỵỲÝỶỸỴ]|[ĩỉĨỈiíâôơư]|[ ,.\n]|[×ÿĀſ\u{1E00}\u{1EFF}\u{1000}]|\\PC){0,40}") {
            let fast: Vec<Span> = candidates(&text).map(|c| c.span).collect();
            proptest::prop_assert_eq!(fast, candidates_reference(&text), "{:?}", text);
        }
    }

    fn run(text: &str, style: Option<ToneStyle>) -> Vec<crate::Diagnostic> {
        let doc = rasoat_doc::parse_str(text);
        let rule = MixedTonePlacement::new();
        let mut sink = Sink::new(rule.id(), rule.default_severity());
        rule.check(&doc, &Context { tone_style: style }, &mut sink);
        sink.into_diagnostics()
    }

    #[test]
    fn one_warning_at_the_first_minority_word() {
        let text = "Hòa giải, sức khỏe, thủy lợi, Uỷ ban, hoà nhập.";
        let d = run(text, None);
        assert_eq!(d.len(), 1);
        let Some(d) = d.first() else { return };
        assert_eq!(d.span.text(text), "Uỷ");
        assert!(d.message.vi.contains("3 lần") && d.message.vi.contains("2 lần"), "{}", d.message.vi);
        assert_eq!(d.related.len(), 2);
    }

    #[test]
    fn one_style_alone_is_fine() {
        assert!(run("Hòa giải, sức khỏe, ỦY BAN, kỹ năng, kỷ luật.", None).is_empty());
        assert!(run("Hoà giải, sức khoẻ, UỶ BAN, kĩ năng, quý, quả.", None).is_empty());
    }

    #[test]
    fn names_keep_their_spelling() {
        assert!(run("Hòa giải, sức khỏe; ông Lê Hải Hoà; CỘNG HÒA", None).is_empty());
        assert_eq!(run("Hòa giải; Uỷ ban", None).len(), 1);
    }

    /// Past `MEMO_MAX` distinct words the rest are classified each time, with the same result.
    #[test]
    fn words_past_the_memo_are_still_classified() {
        let filler: String = (0..MEMO_MAX + 10)
            .map(|n| format!("hoà{}{} ", (b'a' + (n / 26) as u8) as char, (b'a' + (n % 26) as u8) as char))
            .collect();
        let text = format!("{filler}Hòa giải, sức khỏe, thủy lợi, Uỷ ban, hoà nhập.");
        let d = run(&text, None);
        assert_eq!(d.len(), 1);
        assert_eq!(d.first().map(|d| d.span.text(&text)), Some("Uỷ"));
    }

    #[test]
    fn ky_and_ki_mixed() {
        let d = run("kỹ năng, kỹ thuật, kĩ sư", None);
        assert_eq!(d.len(), 1);
        assert_eq!(d.first().map(|d| d.span.start), Some("kỹ năng, kỹ thuật, ".len()));
    }

    #[test]
    fn configured_style_reports_each_deviation_with_a_fix() {
        let d = run("Hòa giải, khoẻ mạnh, THỦY lợi", Some(ToneStyle::New));
        let fixes: Vec<_> =
            d.iter().filter_map(|d| d.suggestions.first()).map(|s| s.replacement.as_str()).collect();
        assert_eq!(fixes, ["Hoà", "THUỶ"]);
    }
}
