//! Syllables that break Vietnamese orthography, and Telex/VNI keystrokes left in the text.
//!
//! What is never flagged (DOMAIN.md §6): all-caps tokens (abbreviations, headings), capitalised
//! words inside a sentence (names), tokens inside URLs and e-mails, lines mostly in another
//! language, plain-ASCII tokens that do not decode as Telex (foreign words: email, online),
//! and any token the statistics corpus attests several times (loanwords "ôtô", "ôxy"; ethnic
//! place names "Đắk", "Búk", "Krông").

use rasoat_text::syllable::{self, Case, OrthoError};

use crate::engine::{Finding, FindingKind, split_glued};
use crate::model::Model;
use crate::scan::{Class, Unit, is_vietnamese_line};

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
pub(crate) fn check_units(model: &Model, units: &[Unit<'_>], key: &mut String, out: &mut Vec<Finding>) {
    {
        if units.is_empty() {
            return;
        }
        let vietnamese = is_vietnamese_line(units);
        for (i, u) in units.iter().enumerate() {
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
                    if (inner_digit || two_trailing)
                        && let Some(fix) = syllable::vni_decode(u.text)
                        && decoded_is_common(model, &fix)
                    {
                        out.push(keystrokes(u, fix));
                    }
                }
                Class::Syllable => {
                    // Parsed already: only the tone's position is left to check.
                    if u.syl.is_some_and(|s| !s.tone_well_placed())
                        && let Err(OrthoError::MisplacedTone { expected }) = syllable::validate(u.text)
                    {
                        out.push(Finding {
                            span: u.span,
                            kind: FindingKind::Orthography,
                            candidates: vec![expected.clone()],
                            error: Some(OrthoError::MisplacedTone { expected }),
                        });
                    }
                }
                Class::Other if u.text.is_ascii() => {
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
                    key.clear();
                    syllable::canonical_into(u.text, key);
                    let candidates = same_skeleton(model, key, u.case);
                    if !vietnamese
                        || attested_token(model, key, candidates.first())
                        || NAME_SYLLABLES.contains(&key.as_str())
                        || u.text.contains(|c: char| !c.is_alphabetic())
                    {
                        continue;
                    }
                    let Err(error) = syllable::validate(u.text) else { continue };
                    // f, j, w, z with Vietnamese marks is a foreign word ("café"), not a typo.
                    if matches!(error, OrthoError::ForeignLetter(_)) {
                        continue;
                    }
                    // A glued word ("củaxã") is the glued-words rule's finding.
                    if split_glued(model, u.text).is_some() {
                        continue;
                    }
                    out.push(Finding {
                        span: u.span,
                        kind: FindingKind::Orthography,
                        candidates,
                        error: Some(error),
                    });
                }
            }
        }
    }
}

/// Whether the word tokens next to `units[i]` are Vietnamese: at least one carries a
/// Vietnamese mark, and none is a plain-ASCII non-syllable (an English word).
fn among_vietnamese(units: &[Unit<'_>], i: usize) -> bool {
    let is_word = |u: &&Unit<'_>| matches!(u.class, Class::Syllable | Class::Other);
    let before = units.get(..i).and_then(|h| h.iter().rev().find(is_word));
    let after = units.get(i + 1..).and_then(|t| t.iter().find(is_word));
    let english = |u: &Unit<'_>| u.class == Class::Other && u.text.is_ascii();
    let marked = |u: &Unit<'_>| u.class == Class::Syllable && !u.text.is_ascii();
    let neighbours = [before, after];
    !neighbours.iter().flatten().any(|u| english(u)) && neighbours.iter().flatten().any(|u| marked(u))
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
    Finding { span: u.span, kind: FindingKind::Keystrokes, candidates: vec![fix], error: None }
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
