//! `encoding/combining-mark`: combining marks that NFC could not compose.
//!
//! The text is normalised to NFC before any rule runs, so "e" + U+0301 is already "é". A mark
//! still standing alone sits on a letter it cannot combine with (two tone marks, a mark on a
//! consonant, a mark after a space) — the trace of a broken conversion or a bad keyboard
//! driver. It prints as a stray accent and defeats search and spelling checks.

use rasoat_doc::Document;
use rasoat_text::Span;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "encoding/combining-mark";

pub struct CombiningMark {
    docs: RuleDocs,
}

impl Default for CombiningMark {
    fn default() -> Self {
        Self::new()
    }
}

/// The first byte at or after `from` that may start a combining mark: every mark is 0xCC or
/// 0xCD then 0x80..=0xAF in UTF-8. Blocks are tested without an early exit, which the compiler
/// vectorises; only a block with a hit is searched byte by byte.
fn find_mark_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 64;
    let is_lead = |b: u8| b & 0xFE == 0xCC;
    let tail = bytes.get(from..)?;
    let mut chunks = tail.chunks_exact(BLOCK);
    let mut base = from;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | is_lead(b)) {
            return chunk.iter().position(|&b| is_lead(b)).map(|p| base + p);
        }
        base += BLOCK;
    }
    chunks.remainder().iter().position(|&b| is_lead(b)).map(|p| base + p)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// A Latin letter (ASCII, Latin-1, Latin Extended, Vietnamese).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(u32::from(c), 0xC0..=0x24F | 0x1E00..=0x1EFF)
}

impl CombiningMark {
    pub fn new() -> Self {
        CombiningMark {
            docs: RuleDocs {
                summary: Message::new(
                    "Dấu thanh/dấu phụ rời (ký tự kết hợp U+0300–U+036F) không ghép được vào chữ.",
                    "A stand-alone combining mark (U+0300–U+036F) that cannot be composed with its letter.",
                ),
                why: Message::new(
                    "Dấu rời là dấu vết của lỗi chuyển mã hoặc bộ gõ: hiển thị thành dấu lơ lửng, làm sai tìm kiếm và kiểm tra chính tả. Văn bản phải dùng chữ dựng sẵn Unicode.",
                    "A stray mark comes from a broken conversion or keyboard driver: it shows as a floating accent and breaks search and spelling checks. Documents must use precomposed Unicode letters.",
                ),
                legal_basis:
                    "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.3 (phông chữ Unicode theo TCVN 6909:2001)"
                        .to_owned(),
                examples: vec![Example {
                    bad: "định k\u{1ef3}\u{300} báo cáo".into(),
                    good: "định kỳ báo cáo".into(),
                }],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for CombiningMark {
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
        // Only the marks are looked at: a block scan jumps between their lead bytes instead of
        // decoding every character of the document.
        let mut at = 0;
        while let Some(i) = find_mark_lead(text.as_bytes(), at) {
            at = i + 1;
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()).filter(|&c| is_combining(c)) else {
                continue;
            };
            // A run of marks, reported with the letter they hang on.
            let mut end = i + c.len_utf8();
            let mut marks = vec![c];
            for d in text.get(end..).unwrap_or("").chars().take_while(|&d| is_combining(d)) {
                end += d.len_utf8();
                marks.push(d);
            }
            at = end;
            // The character right before the run: never a mark, else the run would have
            // started earlier.
            let base = text.get(..i).and_then(|t| t.chars().next_back()).map(|ch| (i - ch.len_utf8(), ch));
            // Marks on math symbols and non-Latin letters are notation (x̄ in a formula), not
            // broken Vietnamese.
            if base.is_some_and(|(b, ch)| b + ch.len_utf8() == i && ch.is_alphabetic() && !is_latin(ch)) {
                continue;
            }
            let (start, letter) = match base {
                Some((b, ch)) if b + ch.len_utf8() == i && !ch.is_whitespace() => (b, Some(ch)),
                _ => (i, None),
            };
            let codes =
                marks.iter().map(|m| format!("U+{:04X}", u32::from(*m))).collect::<Vec<_>>().join(" ");
            let d = sink.report(
                Span::new(start, end),
                Message::new(
                    format!("Dấu rời {codes} không ghép được vào chữ (lỗi chuyển mã hoặc bộ gõ); cần gõ lại chữ này."),
                    format!("Stand-alone combining mark {codes} (broken conversion or keyboard); retype this letter."),
                ),
            );
            // Dropping the stray marks keeps the letter; whether it needed one of them is a
            // human's call.
            if let Some(ch) = letter {
                d.suggest(ch.to_string(), false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_letter_and_its_stray_marks() {
        let text = "định k\u{1ef3}\u{300}\u{301} và \u{301}x";
        let d = crate::examples::run_on_text(&CombiningMark::new(), text);
        assert_eq!(d.len(), 2);
        let first = d.first();
        assert_eq!(first.map(|d| d.span.text(text)), Some("\u{1ef3}\u{300}\u{301}"));
        assert_eq!(
            first.and_then(|d| d.suggestions.first()).map(|s| s.replacement.as_str()),
            Some("\u{1ef3}")
        );
        assert_eq!(d.get(1).map(|d| d.suggestions.is_empty()), Some(true));
    }

    #[test]
    fn block_scan_finds_every_lead_byte() {
        for len in [0, 1, 63, 64, 65, 130, 200] {
            for at in [0, 1, 62, 63, 64, 65, 127, 128, 150] {
                let mut bytes = vec![b'a'; len];
                if let Some(b) = bytes.get_mut(at) {
                    *b = 0xCD;
                }
                let want = bytes.iter().position(|&b| b == 0xCD);
                assert_eq!(find_mark_lead(&bytes, 0), want, "{len} {at}");
                assert_eq!(find_mark_lead(&bytes, 1), want.filter(|&p| p >= 1), "{len} {at}");
            }
        }
        assert_eq!(find_mark_lead(b"ab", 3), None);
    }

    #[test]
    fn notation_is_fine() {
        let d = crate::examples::run_on_text(&CombiningMark::new(), "công thức 𝑔\u{305} = √𝑇1; hiê \u{323}n");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn composed_text_is_fine() {
        // NFD input is composed by normalisation before the rule sees it.
        let d = crate::examples::run_on_text(&CombiningMark::new(), "Vie\u{302}\u{323}t Nam");
        assert!(d.is_empty());
    }
}
