//! `encoding/look-alike`: letters from another script that look Latin, inside Vietnamese words.
//!
//! "Ð" (U+00D0, Icelandic eth) passes for "Đ" (U+0110); Cyrillic "о", "с", "р" and Greek "ο"
//! pass for Latin letters. They come from OCR and from fonts without Vietnamese glyphs. The
//! word looks right but matches nothing: search, sorting and every spelling check miss it.
//! Reported only inside a word that also has Latin letters (a Greek "α" in a formula or a
//! Russian name is fine), except Ð/ð, which Vietnamese never uses.

use rasoat_doc::Document;
use rasoat_text::Span;

use crate::phrase::word_around;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "encoding/look-alike";

pub struct LookAlike {
    docs: RuleDocs,
    /// Every character [`latin_for`] maps.
    find: crate::chars::CharSet,
}

impl Default for LookAlike {
    fn default() -> Self {
        Self::new()
    }
}

/// The Latin letter a look-alike stands for.
fn latin_for(c: char) -> Option<char> {
    Some(match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        // Cyrillic.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        // Greek.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        'ν' => 'v',
        'ι' => 'i',
        _ => return None,
    })
}

struct Tok<'a> {
    text: &'a str,
    span: Span,
}

/// A Latin letter (ASCII, Latin-1, Latin Extended, Vietnamese).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(u32::from(c), 0xC0..=0x24F | 0x1E00..=0x1EFF)
            && !matches!(c, 'Ð' | 'ð'))
}

impl LookAlike {
    pub fn new() -> Self {
        LookAlike {
            docs: RuleDocs {
                summary: Message::new(
                    "Chữ của bảng chữ cái khác trông giống chữ Latinh trong từ tiếng Việt (Ð thay Đ, chữ Kirin, chữ Hy Lạp).",
                    "A letter from another script that looks Latin inside a Vietnamese word (Ð for Đ, Cyrillic, Greek).",
                ),
                why: Message::new(
                    "Từ trông đúng nhưng là ký tự khác: không tìm kiếm, sắp xếp hay kiểm tra chính tả được; thường do nhận dạng chữ (OCR) hoặc phông thiếu chữ Việt.",
                    "The word looks right but is made of other characters: search, sorting and spelling checks miss it; usually from OCR or fonts without Vietnamese glyphs.",
                ),
                legal_basis:
                    "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.3 (bộ mã ký tự Unicode theo TCVN 6909:2001)"
                        .to_owned(),
                examples: vec![Example {
                    bad: "ÐẢNG BỘ XÃ; Kế h\u{43e}ạch".into(),
                    good: "ĐẢNG BỘ XÃ; Kế hoạch; hệ số α".into(),
                }],
                source: "built-in".to_owned(),
            },
            // `latin_for` names letters of Latin-1, Greek and Cyrillic only (below U+0530).
            find: crate::chars::CharSet::new(('\u{80}'..'\u{530}').filter(|&c| latin_for(c).is_some())),
        }
    }
}

impl Rule for LookAlike {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let text = doc.text.as_str();
        let mut done = 0;
        // Look-alikes are rare: a vectorised search finds them (see `chars`).
        for i in self.find.positions(text) {
            if i < done {
                continue;
            }
            let span: Span = word_around(text, i);
            done = span.end.max(i + 1);
            let tok_text = span.text(text);
            let tok = Tok { text: tok_text, span };
            let (mut latin, mut eth, mut other) = (false, false, false);
            for c in tok.text.chars() {
                if matches!(c, 'Ð' | 'ð') {
                    eth = true;
                } else if latin_for(c).is_some() {
                    other = true;
                } else {
                    latin |= is_latin_letter(c);
                }
            }
            if !(eth || (other && latin)) {
                continue;
            }
            let fixed: String = tok.text.chars().map(|c| latin_for(c).unwrap_or(c)).collect();
            let odd: Vec<String> = tok
                .text
                .chars()
                .filter(|&c| latin_for(c).is_some())
                .map(|c| format!("“{c}” U+{:04X}", u32::from(c)))
                .collect();
            let odd = odd.join(", ");
            // A look-alike followed by a combining mark composes differently once replaced;
            // leave that to a human.
            let safe = !tok.text.chars().any(|c| matches!(c, '\u{300}'..='\u{36F}'));
            sink.report(
                tok.span,
                Message::new(
                    format!(
                        "Từ “{}” chứa ký tự giống chữ Latinh nhưng khác mã: {odd}; sửa thành “{fixed}”.",
                        tok.text
                    ),
                    format!(
                        "The word “{}” contains look-alike characters: {odd}; should be “{fixed}”.",
                        tok.text
                    ),
                ),
            )
            .suggest(fixed, safe);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<String> {
        crate::examples::run_on_text(&LookAlike::new(), text)
            .into_iter()
            .filter_map(|d| d.suggestions.first().map(|s| s.replacement.clone()))
            .collect()
    }

    #[test]
    fn eth_and_mixed_script_words() {
        assert_eq!(fixes("Ðảng ủy; h\u{43e}ạch; Ð."), ["Đảng", "hoạch", "Đ"]);
    }

    /// ð after Vietnamese letters led by the same byte 0xC3 (à, é, ô), and Cyrillic after them.
    #[test]
    fn found_among_letters_that_share_the_lead_byte() {
        assert_eq!(fixes("àéô ðà; tô\u{43e}à"), ["đà", "tôoà"]);
    }

    /// Every character `latin_for` maps is below U+0530, where the search set is built from.
    #[test]
    fn search_set_covers_every_look_alike() {
        let beyond = ('\u{530}'..='\u{FFFF}').filter(|&c| latin_for(c).is_some()).count();
        assert_eq!(beyond, 0);
    }

    #[test]
    fn whole_foreign_words_are_fine() {
        assert!(fixes("Москва; hệ số α, β; Ελλάδα").is_empty());
    }
}
