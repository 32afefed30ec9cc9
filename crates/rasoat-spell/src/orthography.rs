//! Syllables that break Vietnamese orthography, and Telex/VNI keystrokes left in the text.
//!
//! What is never flagged (DOMAIN.md §6): all-caps tokens (abbreviations, headings), capitalised
//! words inside a sentence (names), tokens inside URLs and e-mails, lines mostly in another
//! language, plain-ASCII tokens that do not decode as Telex (foreign words: email, online),
//! and any token the statistics corpus attests several times (loanwords "ôtô", "ôxy"; ethnic
//! place names "Đắk", "Búk", "Krông").

use rasoat_text::syllable::{self, Case, OrthoError};

use crate::engine::{Finding, FindingKind, GluedMemo};
use crate::model::{Id, Model};
use crate::scan::{Class, Unit};

/// A non-standard token seen this often in official text is a loanword or a name, not a typo.
const ATTESTED_TOKEN: u32 = 5;
/// A keystroke decoding must give a syllable at least this frequent.
const DECODED_MIN: u32 = 100;

/// Ethnic-minority place-name syllables outside standard orthography (the corpus attests most
/// of them too; these are the ones too rare to rely on that).
const NAME_SYLLABLES: [&str; 16] = [
    "búk", "đắk", "đăk", "jút", "kbang", "krông", "lắk", "lăk", "mil", "pơng", "pơ", "glong", "đrăng",
    "ayun", "kon", "rlấp",
];

fn may_check(u: &Unit<'_>) -> bool {
    !u.protected
        && match u.case {
            Case::Lower => true,
            Case::Title => u.sentence_start,
            Case::Upper | Case::Mixed => false,
        }
}

/// Orthography findings in `text` (spans are offsets into it).
pub fn check_syllables(model: &Model, text: &str, out: &mut Vec<Finding>) {
    crate::analyse(model, text, crate::Checks { syllables: true, real_words: false, glued: false }, out);
}

/// Orthography findings among the units of one line.
pub(crate) fn check_units(
    model: &Model,
    units: &[Unit<'_>],
    vietnamese: bool,
    glued: &mut GluedMemo,
    key: &mut String,
    out: &mut Vec<Finding>,
) {
    check_units_with(model, units, vietnamese, glued, key, out, true);
}

/// [`check_units`]; `skip_quiet`: skip the syllables no arm can flag before the case tests
/// (off only in the test that compares the two).
fn check_units_with(
    model: &Model,
    units: &[Unit<'_>],
    vietnamese: bool,
    glued: &mut GluedMemo,
    key: &mut String,
    out: &mut Vec<Finding>,
    skip_quiet: bool,
) {
    {
        if units.is_empty() {
            return;
        }
        for (i, u) in units.iter().enumerate() {
            // Most units are syllables that neither Syllable arm below can flag (too short or
            // marked for Telex, tone well placed): decided before the case tests.
            if skip_quiet && u.class == Class::Syllable && !u.tone_misplaced && (u.text.len() < 4 || !u.ascii)
            {
                continue;
            }
            // Digits never occur in names: a VNI leftover is checked whatever its case.
            if !(may_check(u) || u.class == Class::Mixed && !u.protected && u.case == Case::Title) {
                continue;
            }
            match u.class {
                Class::Number => {}
                Class::Mixed => {
                    // A digit inside the word ("vie65t"), or two at its end ("vieet65"): one
                    // trailing digit is a footnote or a label ("khai1", "a1").
                    let b = u.text.as_bytes();
                    let inner_digit =
                        b.windows(2).any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic());
                    let two_trailing =
                        b.len() > 2 && b[b.len() - 1].is_ascii_digit() && b[b.len() - 2].is_ascii_digit();
                    if let Some(fix) = syllable::vni_decode(u.text)
                        && decoded_is_common(model, &fix)
                        && (inner_digit || two_trailing || vni_tone_fits(model, units, i, &fix))
                    {
                        out.push(keystrokes(u, fix));
                    }
                }
                // A well-formed but unknown syllable with doubled vowels ("coong", "thoong") is
                // Telex for a frequent one (the only Telex a well-formed syllable can hold: w,
                // dd and tone letters break the orthography). Cheapest tests first.
                Class::Syllable
                    if u.text.len() >= 4
                        && u.ascii
                        && u.text
                            .as_bytes()
                            .windows(2)
                            .any(|w| w[0] == w[1] && matches!(w[0], b'a' | b'e' | b'o'))
                        && among_vietnamese(units, i)
                        && let Some(fix) = syllable::telex_decode(u.text)
                        && decoded_is_common(model, &fix)
                        && model.count_of(&u.text.to_ascii_lowercase()) < ATTESTED_TOKEN =>
                {
                    out.push(keystrokes(u, fix));
                }
                Class::Syllable => {
                    // Parsed already: only the tone's position is left to check.
                    if u.tone_misplaced
                        && let Err(OrthoError::MisplacedTone { expected }) = syllable::validate(u.text)
                    {
                        out.push(Finding {
                            span: u.span(),
                            kind: FindingKind::Orthography,
                            candidates: vec![expected.clone()],
                            error: Some(OrthoError::MisplacedTone { expected }),
                        });
                    }
                }
                Class::Other if u.ascii => {
                    // English words decode as Telex too ("This" → "Thí"): only a token between
                    // Vietnamese words is a leftover keystroke.
                    if u.text.len() >= 3
                        && among_vietnamese(units, i)
                        && let Some(fix) = syllable::telex_decode(u.text)
                        && decoded_is_common(model, &fix)
                    {
                        out.push(keystrokes(u, fix));
                    }
                }
                Class::Other => {
                    // Cheapest tests first; whether the token is a known name or attested (a
                    // skeleton search) is memoised per token.
                    // `class` is `is_alphabetic` with fast paths for Vietnamese letters.
                    if !vietnamese || u.text.contains(|c: char| !rasoat_text::token::class(c).0) {
                        continue;
                    }
                    let known = |text: &str, case: Case| {
                        let key = syllable::canonical(text);
                        NAME_SYLLABLES.contains(&key.as_str())
                            || attested_token(model, &key, same_skeleton(model, &key, case).first())
                    };
                    if glued.known(u.text, u.case, known) {
                        continue;
                    }
                    key.clear();
                    syllable::canonical_into(u.text, key);
                    let Err(error) = syllable::validate(u.text) else { continue };
                    // f, j, w, z with Vietnamese marks is a foreign word ("café"), not a typo.
                    if matches!(error, OrthoError::ForeignLetter(_)) {
                        continue;
                    }
                    // A glued word ("củaxã") is the glued-words rule's finding.
                    if glued.split(model, u.text).is_some() {
                        continue;
                    }
                    out.push(Finding {
                        span: u.span(),
                        kind: FindingKind::Orthography,
                        candidates: same_skeleton(model, key, u.case),
                        error: Some(error),
                    });
                }
            }
        }
    }
}

/// Whether the word tokens next to `units[i]` are Vietnamese: the nearest word on each side is
/// no plain-ASCII non-syllable (an English word), and one of the two nearest on either side
/// carries a Vietnamese mark. All-caps abbreviations ("UBND", "NĐ-CP") are neither.
fn among_vietnamese(units: &[Unit<'_>], i: usize) -> bool {
    let is_word = |u: &&Unit<'_>| matches!(u.class, Class::Syllable | Class::Other) && u.case != Case::Upper;
    let before = units.get(..i).into_iter().flat_map(|h| h.iter().rev().filter(is_word).take(2));
    let after = units.get(i + 1..).into_iter().flat_map(|t| t.iter().filter(is_word).take(2));
    let english = |u: &Unit<'_>| u.class == Class::Other && u.ascii;
    let marked = |u: &Unit<'_>| u.class == Class::Syllable && !u.ascii;
    let nearest = [before.clone().next(), after.clone().next()];
    !nearest.iter().flatten().any(|u| english(u)) && before.chain(after).any(marked)
}

/// A VNI tone digit after an otherwise plain syllable ("va2", "cua3") is told from a footnote
/// or a label ("khai1", "a1") by the context: the decoded syllable makes a word with a
/// neighbour (a lexicon pair or a sure one) and the plain letters make none.
fn vni_tone_fits(model: &Model, units: &[Unit<'_>], i: usize, fix: &str) -> bool {
    let Some(u) = units.get(i) else { return false };
    let bytes = u.text.as_bytes();
    let letters = u.text.get(..u.text.len().saturating_sub(1)).unwrap_or("");
    if bytes.iter().rev().skip(1).any(u8::is_ascii_digit) || !syllable::is_valid(letters) {
        return false;
    }
    let id = |t: &str| model.id(&syllable::canonical(t));
    let (Some(decoded), plain) = (id(fix), id(letters)) else { return false };
    let word = |a: Option<Id>, b: Option<Id>| match (a, b) {
        (Some(a), Some(b)) => {
            let p = model.pair(a, b);
            p.lexicon || p.count >= crate::engine::SURE
        }
        _ => false,
    };
    let context = |j: usize| {
        units.get(j).filter(|n| matches!(n.class, Class::Syllable | Class::Other)).and_then(|n| id(n.text))
    };
    let left = if u.boundary_before { None } else { i.checked_sub(1).and_then(context) };
    let right = units.get(i + 1).filter(|n| !n.boundary_before).and_then(|_| context(i + 1));
    (word(left, Some(decoded)) || word(Some(decoded), right)) && !word(left, plain) && !word(plain, right)
}

/// A token the corpus attests several times is a loanword or a name — unless it is the
/// misspelling of a far more frequent syllable with the same letters ("nguời" for "người").
fn attested_token(model: &Model, key: &str, best: Option<&String>) -> bool {
    let count = model.count_of(key);
    let rival = best.map_or(0, |b| model.count_of(&syllable::canonical(b)));
    count >= ATTESTED_TOKEN && count.saturating_mul(50) > rival
}

fn decoded_is_common(model: &Model, decoded: &str) -> bool {
    model.count_of(&syllable::canonical(decoded)) >= DECODED_MIN
}

fn keystrokes(u: &Unit<'_>, fix: String) -> Finding {
    Finding { span: u.span(), kind: FindingKind::Keystrokes, candidates: vec![fix], error: None }
}

/// Known syllables with the same letters (marks aside), most frequent first, at most three.
fn same_skeleton(model: &Model, key: &str, case: Case) -> Vec<String> {
    let mut found = Vec::new();
    model.syllables_with_skeleton(&syllable::skeleton(key), &mut found);
    let mut scored: Vec<(u32, String)> = found.into_iter().map(|w| (model.count_of(&w), w)).collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, w)| crate::engine::recase(&w, case)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Orthography findings of `text`, scanned as [`crate::analyse`] does.
    fn findings(text: &str, skip_quiet: bool) -> Vec<Finding> {
        let model = Model::embedded();
        let (mut out, mut key) = (Vec::new(), String::new());
        let mut glued = GluedMemo::new(model);
        let mut units = Vec::new();
        for (base, line) in crate::engine::lines(text) {
            let vietnamese = crate::scan::scan_line(line, base, &mut units);
            check_units_with(model, &units, vietnamese, &mut glued, &mut key, &mut out, skip_quiet);
        }
        out
    }

    proptest::proptest! {
        /// Skipping the quiet syllables first changes no finding.
        #[test]
        fn quiet_syllables_skipped_change_nothing(words in proptest::collection::vec(proptest::sample::select(vec![
            "coong", "thoong", "Coong", "vieet65", "va2", "khai1", "hoà", "Hoà", "hòa", "tiếng", "nghieeng",
            "keets", "This", "online", "củaxã", "Đắk", "ôtô", "quyết", "UBND", "luận", "Tổ", "chức", "café",
            "x@y.vn", ". ", ", ", "\n", "\t", "2026",
        ]), 0..30)) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(findings(&text, true), findings(&text, false));
        }
    }

    #[test]
    fn quiet_skip_keeps_the_seed_findings() {
        let text = "Tổ chức keets luận và thoong báo, hoà giải\nxã coong tác";
        let found = findings(text, true);
        assert!(found.len() >= 2, "{found:?}");
        assert_eq!(found, findings(text, false));
    }

    fn check(text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        check_syllables(Model::embedded(), text, &mut out);
        out.into_iter()
            .map(|f| (text.get(f.span.start..f.span.end).unwrap_or("").to_owned(), f.candidates))
            .collect()
    }

    #[test]
    fn leftovers_and_bad_syllables() {
        let found = check("Tổ chức ddieeuf hành, keets quả trowr thành Vie65t Nam, nguời dân, hoaì niệm");
        let words: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(words, ["ddieeuf", "keets", "trowr", "Vie65t", "nguời", "hoaì"]);
        let first: Vec<&str> = found.iter().filter_map(|f| f.1.first().map(String::as_str)).collect();
        assert_eq!(first, ["điều", "kết", "trở", "Việt", "người", "hoài"]);
    }

    #[test]
    fn keystrokes_next_to_abbreviations_and_trailing_tone_digits() {
        let found =
            check("HĐND, UBND cacs xã; các coong trình; phòng chay1, chữa cháy; Thường trực Tỉnh uy3;");
        let words: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(words, ["cacs", "coong", "chay1", "uy3"]);
        let first: Vec<&str> = found.iter().filter_map(|f| f.1.first().map(String::as_str)).collect();
        assert_eq!(first, ["các", "công", "cháy", "ủy"]);
        // A footnote digit after a word that already fits its context is left alone.
        assert_eq!(check("theo quy định của Luật Đất đai năm1 2024 và khoản a1"), Vec::new());
    }

    #[test]
    fn english_inside_a_vietnamese_line_is_not_telex() {
        // A Vietnamese lead-in, then an English translation on the same line.
        let found = check(
            "Xem toàn bộ văn bản tiếng Anh. Article 1. Scope This Circular stipulates the quotas, these goods.",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn what_is_left_alone() {
        let text = "UBND tỉnh Đắk Lắk, xã Búk và Krông Pắc giao TTĐT gửi email, website, online; \
                    mua ôtô, bình ôxy, chip, quán café; xem https://dichvucong.gov.vn/nguời hoặc \
                    thuy@gmail.com; Hòa, hoà, thủy, thuỷ, kỹ, kĩ; năm 2026, 12a.";
        assert_eq!(check(text), Vec::new());
        assert_eq!(check("The Ministry of Home Affairs keeps records online"), Vec::new());
    }
}
