//! `encoding/invisible`: invisible characters inside the text (zero-width spaces, soft
//! hyphens, a byte-order mark that is not at the start, word joiners).
//!
//! They come from copying out of web pages and PDFs. Inside a word they split it for search
//! and spelling checks ("đư\u{AD}ợc" is not "được") while the page looks fine.

use rasoat_doc::Document;
use rasoat_text::Span;

use crate::diagnostic::{Message, Severity};
use crate::phrase::is_word_char;
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "encoding/invisible";

/// Beyond this many findings in one document the rest are summed up in one more finding
/// (a document pasted from the web can hold thousands).
const MAX_FINDINGS: usize = 50;

pub struct Invisible {
    docs: RuleDocs,
    /// Every character [`invisible_at`] knows.
    find: crate::chars::CharSet,
}

/// The characters this rule reports (the ones [`invisible_at`] decodes).
const INVISIBLE: [char; 11] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}',
    '\u{FEFF}', '\u{180E}',
];

impl Default for Invisible {
    fn default() -> Self {
        Self::new()
    }
}

/// The invisible character whose UTF-8 encoding starts at `bytes[i]`, with its length.
fn invisible_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b = |k: usize| bytes.get(i + k).copied();
    let (code, len) = match (b(0)?, b(1), b(2)) {
        (0xC2, Some(0xAD), _) => (0xAD, 2),
        (0xE2, Some(0x80), Some(t @ 0x8B..=0x8D)) => (0x2000 + u32::from(t - 0x80), 3),
        (0xE2, Some(0x81), Some(t @ 0xA0..=0xA4)) => (0x2040 + u32::from(t - 0x80), 3),
        (0xEF, Some(0xBB), Some(0xBF)) => (0xFEFF, 3),
        (0xE1, Some(0xA0), Some(0x8E)) => (0x180E, 3),
        _ => return None,
    };
    Some((char::from_u32(code)?, len))
}

/// Name of an invisible character, in Vietnamese and English.
fn invisible_name(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{200B}' => ("dấu cách độ rộng 0", "zero-width space"),
        '\u{200C}' => ("ký tự không nối độ rộng 0", "zero-width non-joiner"),
        '\u{200D}' => ("ký tự nối độ rộng 0", "zero-width joiner"),
        '\u{2060}' => ("ký tự nối từ", "word joiner"),
        '\u{FEFF}' => ("dấu thứ tự byte (BOM)", "byte-order mark"),
        '\u{AD}' => ("gạch nối mềm", "soft hyphen"),
        '\u{180E}' => ("dấu tách nguyên âm Mông Cổ", "Mongolian vowel separator"),
        '\u{2061}'..='\u{2064}' => ("toán tử ẩn", "invisible operator"),
        _ => return None,
    })
}

impl Invisible {
    pub fn new() -> Self {
        Invisible {
            docs: RuleDocs {
                summary: Message::new(
                    "Ký tự ẩn trong văn bản (dấu cách độ rộng 0, gạch nối mềm, BOM giữa văn bản).",
                    "Invisible characters in the text (zero-width spaces, soft hyphens, a BOM inside the text).",
                ),
                why: Message::new(
                    "Ký tự ẩn do sao chép từ trang web hoặc PDF: nhìn không thấy nhưng cắt đôi từ, làm sai tìm kiếm, sắp xếp và kiểm tra chính tả.",
                    "Invisible characters come from copying web pages or PDFs: unseen, they split words and break search, sorting and spelling checks.",
                ),
                legal_basis:
                    "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.3 (bộ mã ký tự Unicode theo TCVN 6909:2001)"
                        .to_owned(),
                examples: vec![Example {
                    bad: "Kế hoạch được\u{200B} ban hành; đư\u{AD}ợc".into(),
                    good: "Kế hoạch được ban hành; được".into(),
                }],
                source: "built-in".to_owned(),
            },
            find: crate::chars::CharSet::new(INVISIBLE),
        }
    }
}

impl Rule for Invisible {
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
        let text = doc.text.as_str();
        let bytes = text.as_bytes();
        let (mut reported, mut extra, mut first_extra) = (0usize, 0usize, None);
        let mut i = 0;
        while i < bytes.len() {
            // Byte-level scan: decoding every character would cost more than the whole check.
            let Some((c, len)) = invisible_at(bytes, i) else {
                // Jump to the next invisible character (a vectorised search, see `chars`).
                match self.find.find_from(text, i + 1) {
                    Some(next) => i = next,
                    None => break,
                }
                continue;
            };
            let Some((vi, en)) = invisible_name(c) else {
                i += len;
                continue;
            };
            let start = i;
            i += len;
            // A BOM at the very start is an encoding signature, not content.
            if start == 0 && c == '\u{FEFF}' {
                continue;
            }
            while let Some((_, l)) = invisible_at(bytes, i) {
                i += l;
            }
            let end = i;
            let prev = text.get(..start).and_then(|s| s.chars().next_back());
            let next = text.get(end..).and_then(|s| s.chars().next());
            let span = Span::new(start, end);
            if reported >= MAX_FINDINGS {
                extra += 1;
                first_extra.get_or_insert(span);
                continue;
            }
            reported += 1;
            let between_letters = prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
            let d = sink.report(
                span,
                Message::new(
                    format!("Ký tự ẩn: {vi} (U+{:04X}); cần xóa.", u32::from(c)),
                    format!("Invisible character: {en} (U+{:04X}); remove it.", u32::from(c)),
                ),
            );
            // Between two letters a zero-width space may stand for a real space: the writer
            // decides. A soft hyphen never does.
            if between_letters && c != '\u{AD}' {
                d.suggest("", false).suggest(" ", false);
            } else {
                d.suggest("", true);
            }
        }
        if let Some(span) = first_extra {
            sink.report(
                span,
                Message::new(
                    format!("Còn {extra} chỗ khác có ký tự ẩn trong văn bản."),
                    format!("{extra} more places with invisible characters in the document."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<crate::Diagnostic> {
        crate::examples::run_on_text(&Invisible::new(), text)
    }

    /// The search set and the decoder name the same characters.
    #[test]
    fn search_set_is_what_the_decoder_knows() {
        for c in ('\u{0}'..='\u{FFFF}').filter(|c| !c.is_ascii()) {
            let s = c.to_string();
            let decoded = invisible_at(s.as_bytes(), 0).map(|(d, _)| d);
            assert_eq!(decoded.is_some(), INVISIBLE.contains(&c), "{c:?}");
            if let Some(d) = decoded {
                assert_eq!(d, c);
                assert!(invisible_name(c).is_some(), "{c:?} has no name");
            }
        }
    }

    #[test]
    fn soft_hyphen_inside_a_word_is_safely_removed() {
        let d = run("đư\u{AD}ợc");
        assert_eq!(d.len(), 1);
        let s = d.first().and_then(|d| d.suggestions.first());
        assert_eq!(s.map(|s| (s.replacement.as_str(), s.safe)), Some(("", true)));
    }

    #[test]
    fn zero_width_space_between_letters_is_a_human_call() {
        let d = run("kế\u{200B}hoạch");
        assert_eq!(d.first().map(|d| d.suggestions.iter().all(|s| !s.safe)), Some(true));
    }

    #[test]
    fn many_are_summed_up() {
        let text = "a\u{200B} ".repeat(MAX_FINDINGS + 10);
        assert_eq!(run(&text).len(), MAX_FINDINGS + 1);
    }

    /// Every invisible character is found right after Vietnamese letters whose bytes share its
    /// lead byte (ạ..ỹ start with 0xE1 like U+180E; – “ ” start with 0xE2).
    #[test]
    fn each_kind_is_found_among_vietnamese_letters() {
        for c in
            ['\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{2063}', '\u{FEFF}', '\u{180E}']
        {
            let text = format!("Kế hoạch – “ạ{c}ỹ” năm");
            assert_eq!(run(&text).len(), 1, "{c:?}");
        }
    }

    #[test]
    fn clean_text_and_leading_bom() {
        assert!(run("\u{FEFF}Kế hoạch").is_empty());
    }
}
