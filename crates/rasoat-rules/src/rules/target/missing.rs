//! `target/missing`: a required indicator of the plan's profile appears nowhere.

use std::sync::Arc;

use rasoat_doc::Document;

use super::profile::{Profile, targets_anchor};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct Missing {
    profiles: Arc<Vec<Profile>>,
    docs: RuleDocs,
}

impl Missing {
    pub fn new(profiles: Arc<Vec<Profile>>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Kế hoạch thực hiện một văn bản có bộ chỉ tiêu (như Kết luận 226-KL/TW) phải nêu đủ các chỉ tiêu định lượng bắt buộc.",
                "A plan implementing a directive with a target profile (such as Conclusion 226-KL/TW) must state every required quantified target.",
            ),
            why: Message::new(
                "Chỉ tiêu bị bỏ sót thì không được giao, không được theo dõi và không được báo cáo; cấp trên kiểm tra sẽ yêu cầu bổ sung.",
                "A target left out is never assigned, tracked or reported; the reviewing authority will send the plan back.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư; Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ (chi tiết từng chỉ tiêu trong rules/kl226.toml)".to_owned(),
            examples: vec![Example {
                bad: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%")
                    .replace("cắt giảm tối thiểu 15% số lượng văn bản hành chính so với năm trước; ", ""),
                good: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%"),
            }],
            source: "built-in".to_owned(),
        };
        Self { profiles, docs }
    }
}

impl Rule for Missing {
    fn id(&self) -> &str {
        "target/missing"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn phrase_sets(&self) -> Vec<&crate::phrase::PhraseSet> {
        self.profiles.iter().map(Profile::phrase_set).collect()
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for applied in super::applied(&self.profiles, doc) {
            let profile = applied.profile;
            let matched = profile.match_targets(doc, &applied.found);
            let anchor = targets_anchor(doc);
            for (k, ind) in profile.indicators.iter().enumerate() {
                // Meeting lengths are durations: `target/meeting-length` checks them.
                if ind.is_duration() || ind.optional || matched.iter().any(|(m, _)| *m == k) {
                    continue;
                }
                let message = Message::new(
                    format!(
                        "Thiếu chỉ tiêu “{}”: yêu cầu {} ({}).",
                        ind.name_vi,
                        ind.required_vi(),
                        ind.basis
                    ),
                    format!(
                        "Missing target “{}”: {} is required ({}).",
                        ind.name_en,
                        ind.required_en(),
                        ind.basis
                    ),
                );
                sink.report_with(anchor, message, ind.severity.unwrap_or(Severity::Error));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> Missing {
        Missing::new(crate::rules::target::tests::profiles())
    }

    #[test]
    fn complete_plan_has_no_missing_target() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%");
        assert!(run_on_text(&rule(), &text).is_empty());
    }

    #[test]
    fn each_dropped_target_is_named() {
        let full = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%");
        let cases = [
            ("cắt giảm tối thiểu 15% số lượng văn bản hành chính so với năm trước; ", "văn bản"),
            ("tinh giản 10% số lượng hội nghị hằng năm; ", "hội nghị"),
            ("xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên; ", "thủ tục"),
        ];
        for (drop, word) in cases {
            let text = full.replace(drop, "");
            let found = run_on_text(&rule(), &text);
            assert_eq!(found.len(), 1, "{drop}: {found:?}");
            assert!(found.iter().all(|d| d.message.vi.contains(word)), "{found:?}");
        }
    }

    #[test]
    fn targets_in_a_table_with_subject_and_number_in_two_cells() {
        let text = "KẾ HOẠCH\n\nThực hiện Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư\n\nI. CHỈ TIÊU\n\n1. Các chỉ tiêu tại Phụ lục.\n\nPHỤ LỤC\n\nTT\tChỉ tiêu\tMức phấn đấu\tCơ quan chủ trì\tThời hạn\n\
1\tTỷ lệ hội nghị tổ chức trực tuyến\ttối thiểu 60%\tVăn phòng\tNăm 2026\n\
2\tCắt giảm số lượng hội nghị\t10%\tVăn phòng\tNăm 2026\n\
3\tCắt giảm văn bản hành chính so với năm trước\ttối thiểu 15%\tVăn phòng\tNăm 2026\n\
4\tHồ sơ thủ tục hành chính xử lý trên môi trường số\t95%\tVăn phòng\tNăm 2026\n\
5\tVăn bản trao đổi dưới dạng điện tử\t100%\tVăn phòng\tNăm 2026\n";
        assert!(run_on_text(&rule(), text).is_empty(), "{:?}", run_on_text(&rule(), text));
    }

    #[test]
    fn a_plan_without_the_citation_is_not_judged() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%")
            .replace(
                "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư",
                "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
            )
            .replace("tinh giản 10% số lượng hội nghị hằng năm; ", "");
        assert!(run_on_text(&rule(), &text).is_empty());
    }

    #[test]
    fn finding_points_at_the_targets_paragraph() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%")
            .replace("tinh giản 10% số lượng hội nghị hằng năm; ", "");
        let doc = rasoat_doc::parse_str(&text);
        let found = run_on_text(&rule(), &text);
        let Some(d) = found.first() else { panic!("no finding") };
        assert!(doc.slice(d.span).contains("Phấn đấu đạt các chỉ tiêu"), "{}", doc.slice(d.span));
    }
}
