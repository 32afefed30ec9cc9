//! `spelling/glued-words`: two or three words written without the space between them
//! ("củaxã" → "của xã", "nàythành" → "này thành", "gọilàphường" → "gọi là phường").
//!
//! The commonest genuine error in real official text (DOMAIN.md §6), usually left by copying
//! from PDF. A token that is not a syllable is split into 2–3 frequent syllables whose pairs
//! are attested in the statistics; the split is suggested.

use rasoat_doc::Document;
use rasoat_spell::FindingKind;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/glued-words";

pub struct Glued {
    docs: RuleDocs,
}

impl Default for Glued {
    fn default() -> Self {
        Self::new()
    }
}

impl Glued {
    pub fn new() -> Self {
        Glued {
            docs: RuleDocs {
                summary: Message::new(
                    "Các từ bị viết dính liền, thiếu dấu cách (“củaxã” → “của xã”).",
                    "Words glued together without a space (“củaxã” → “của xã”).",
                ),
                why: Message::new(
                    "Lỗi dính chữ thường xuất hiện khi sao chép từ PDF hoặc sửa văn bản; người đọc vấp và công cụ tìm kiếm không tìm thấy từ.",
                    "Glued words appear when text is copied from PDF or edited; readers stumble and search cannot find the words.",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 3 (văn bản phải chính xác về câu chữ). Dữ liệu: thống kê âm tiết từ văn bản pháp quy (Luật SHTT Điều 15)".to_owned(),
                examples: vec![Example {
                    bad: "Sáp nhập toàn bộ diện tích tự nhiên củaxã Cam Phước vào xã mới.".into(),
                    good: "Sáp nhập toàn bộ diện tích tự nhiên của xã Cam Phước vào xã mới; ôtô; Nguyễn.".into(),
                }],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for Glued {
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
        super::engine_findings(doc, &[FindingKind::Glued], |f| {
            let word = f.span.text(&doc.text);
            let Some(split) = f.candidates.first() else { return };
            let message = Message::new(
                format!("“{word}” là các từ viết dính liền: “{split}”."),
                format!("“{word}” is words glued together: “{split}”."),
            );
            let safe = f.safe();
            sink.report(f.span, message).suggest(split.clone(), safe);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        crate::examples::run_on_text(&Glued::new(), text)
            .into_iter()
            .map(|d| {
                let fix = d.suggestions.first().map(|s| s.replacement.clone()).unwrap_or_default();
                (d.span.text(text).to_string(), fix)
            })
            .collect()
    }

    #[test]
    fn splits_glued_words() {
        assert_eq!(
            run("theo quy định tại Điều nàythành phường mới, gọilàphường Đông Hải."),
            vec![
                ("nàythành".to_string(), "này thành".to_string()),
                ("gọilàphường".to_string(), "gọi là phường".to_string())
            ]
        );
    }

    #[test]
    fn leaves_names_and_foreign_words() {
        assert!(run("Ông Nguyễn Văn An, website, Facebook, Zalo, ôtô, Đắk Lắk, TP.HCM.").is_empty());
    }
}
