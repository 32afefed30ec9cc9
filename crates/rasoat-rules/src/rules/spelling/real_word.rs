//! `spelling/real-word`: every syllable exists, the word does not ("chông chéo" → "chồng
//! chéo", "chuyên đổi số" → "chuyển đổi số", "những nhiều" → "nhũng nhiễu", "Công TTĐT" →
//! "Cổng TTĐT").
//!
//! Statistical, tuned for precision (DOMAIN.md §6): a syllable is flagged only when its pairs
//! with its neighbours are unattested in 19 M tokens of official text and the pyvi lexicon,
//! and a candidate differing only in marks or by one listed confusion makes a word with a
//! neighbour; a word the author repeats throughout the document is left alone. See
//! `rasoat_spell::engine` for the exact evidence rule.

use rasoat_doc::Document;
use rasoat_spell::FindingKind;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/real-word";

pub struct RealWord {
    docs: RuleDocs,
}

impl Default for RealWord {
    fn default() -> Self {
        Self::new()
    }
}

impl RealWord {
    pub fn new() -> Self {
        RealWord {
            docs: RuleDocs {
                summary: Message::new(
                    "Âm tiết đúng chính tả nhưng sai từ trong ngữ cảnh (“chông chéo” → “chồng chéo”, “chuyên đổi số” → “chuyển đổi số”).",
                    "Real-word errors: each syllable exists but the word does not (“chông chéo” → “chồng chéo”).",
                ),
                why: Message::new(
                    "Phần lớn lỗi chính tả trong dự thảo là gõ nhầm dấu thanh, dấu mũ/móc hoặc phụ âm (tr/ch, s/x, d/gi/r, l/n, n/ng, c/t) tạo ra một âm tiết có thật nên trình soát lỗi thông thường bỏ qua. Chỉ báo khi ngữ cảnh hai bên chưa từng xuất hiện trong 19 triệu âm tiết văn bản pháp quy còn từ đề xuất thì phổ biến.",
                    "Most slips in drafts change a tone, a hat/horn or a consonant (tr/ch, s/x, d/gi/r, l/n, n/ng, c/t) into another real syllable that ordinary spell checkers accept. Reported only when the observed context never occurs in 19 M syllables of legal text and the candidate is common there.",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 3 (văn bản phải chính xác về câu chữ). Dữ liệu: thống kê âm tiết từ Bộ pháp điển và Công báo (không thuộc đối tượng bảo hộ quyền tác giả, Luật SHTT Điều 15) và từ điển pyvi (MIT)".to_owned(),
                examples: vec![
                    Example {
                        bad: "Khắc phục triệt để tình trạng chông chéo, trùng lặp.".into(),
                        good: "Khắc phục triệt để tình trạng chồng chéo, trùng lặp.".into(),
                    },
                    Example {
                        bad: "Đẩy mạnh ứng dụng công nghệ thông tin, chuyên đổi số, đổi mới phương thức làm việc.".into(),
                        good: "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số, đổi mới phương thức làm việc.".into(),
                    },
                    Example {
                        bad: "Xử lý nghiêm cán bộ vi phạm, những nhiều, gây phiền hà cho người dân.".into(),
                        good: "Xử lý nghiêm cán bộ vi phạm, nhũng nhiễu, gây phiền hà cho người dân.".into(),
                    },
                ],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for RealWord {
    fn id(&self) -> &str {
        ID
    }

    fn yields_to(&self) -> &[&str] {
        &["spelling/confusion"]
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        super::engine_findings(doc, &[FindingKind::RealWord], |f| {
            let word = f.span.text(&doc.text);
            let Some(best) = f.candidates.first() else { return };
            let message = Message::new(
                format!("“{word}” không hợp ngữ cảnh, có lẽ là “{best}”."),
                format!("“{word}” does not fit its context; probably “{best}”."),
            );
            let safe = f.safe();
            let d = sink.report(f.span, message);
            for c in &f.candidates {
                d.suggest(c.clone(), safe);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (flagged text, first suggestion) for each finding.
    fn run(text: &str) -> Vec<(String, String)> {
        crate::examples::run_on_text(&RealWord::new(), text)
            .into_iter()
            .map(|d| {
                let fix = d.suggestions.first().map(|s| s.replacement.clone()).unwrap_or_default();
                (d.span.text(text).to_string(), fix)
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> Vec<(String, String)> {
        vec![(a.to_string(), b.to_string())]
    }

    /// The real-word errors of the seed drafts (DOMAIN.md §5), in their own sentences.
    #[test]
    fn seed_errors() {
        assert_eq!(
            run(
                "khắc phục triệt để tình trạng chông chéo, trùng lặp, đùn đẩy, né tránh trong tổ chức và hoạt động"
            ),
            pair("chông", "chồng")
        );
        assert_eq!(
            run("Đẩy mạnh ứng dụng công nghệ thông tin, chuyên đổi số, đổi mới phương thức làm việc"),
            pair("chuyên", "chuyển")
        );
        assert_eq!(
            run(
                "xác định cụ thể các nội dung. Phân đấu đạt được các chỉ tiêu định lượng cụ thể ngay trong năm 2026"
            ),
            pair("Phân", "Phấn")
        );
        assert_eq!(
            run(
                "xác định cụ thể các nội dung. Phần đầu đạt được các chỉ tiêu định lượng cụ thể ngay trong năm 2026"
            ),
            pair("Phần đầu", "Phấn đấu")
        );
        assert_eq!(
            run(
                "kịp thời đề xuất xử lý nghiêm cán bộ, công chức, viên chức vi phạm, những nhiều, gây phiền hà cho người dân"
            ),
            pair("những nhiều", "nhũng nhiễu")
        );
        assert_eq!(run("- Công TTĐT phường;"), pair("Công", "Cổng"));
    }

    #[test]
    fn correct_text_is_quiet() {
        for text in [
            "khắc phục triệt để tình trạng chồng chéo, trùng lặp",
            "Phấn đấu đạt được các chỉ tiêu định lượng cụ thể",
            "tổ chức hội nghị kết hợp trực tuyến và trực tiếp; họp trực tuyến",
            "- Cổng TTĐT phường;",
            "Xã Nhất Hòa, phường Thành Sơn, tỉnh Đắk Lắk",
        ] {
            assert_eq!(run(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn suggestion_is_safe_only_when_single() {
        let d = crate::examples::run_on_text(&RealWord::new(), "tình trạng chông chéo, trùng lặp");
        let s = d.first().map(|d| d.suggestions.iter().map(|s| s.safe).collect::<Vec<_>>());
        assert_eq!(s, Some(vec![true]));
    }
}
