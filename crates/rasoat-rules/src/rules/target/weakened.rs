//! `target/weakened`: a required indicator is stated more weakly than its source requires —
//! without a number ("chiếm đa số", "được nâng lên"), with "khoảng", with a lower threshold
//! ("từ 90% trở lên" for 95%) or with a comparator in the wrong direction. Stricter is fine.

use std::sync::Arc;

use rasoat_doc::{Comparator, Document, Target};

use super::profile::{Indicator, Profile, Requirement, format_number};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct Weakened {
    profiles: Arc<Vec<Profile>>,
    docs: RuleDocs,
}

/// How a target falls short of its indicator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Weakness {
    /// No number at all: the vague wording.
    Vague(String),
    /// "khoảng X": no commitment.
    About,
    /// "không quá 60%" where at least 60% is required (or the reverse).
    WrongDirection,
    /// A number below (or, for a limit, above) the required one.
    Value(f64),
}

/// Whether `t` falls short of `ind` (stricter values and equivalent wordings are fine).
pub(crate) fn weakness(t: &Target, ind: &Indicator, text: &str) -> Option<Weakness> {
    let Some(value) = t.value else {
        let wording = t.vague.clone().unwrap_or_else(|| t.span.text(text).to_owned());
        return Some(Weakness::Vague(wording));
    };
    const EPS: f64 = 1e-9;
    // "giảm khoảng 10%" reads as a cut, but "khoảng" takes the commitment away.
    let about = t
        .span
        .text(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "khoảng" || w == "xấp");
    let comparator = if about { Some(Comparator::About) } else { t.comparator };
    match (ind.requirement, comparator) {
        (_, Some(Comparator::About)) => Some(Weakness::About),
        (
            Requirement::AtLeast | Requirement::Exactly | Requirement::Decrease,
            Some(Comparator::AtMost | Comparator::LessThan),
        ) => Some(Weakness::WrongDirection),
        (Requirement::AtMost, Some(Comparator::AtLeast | Comparator::MoreThan)) => {
            Some(Weakness::WrongDirection)
        }
        (Requirement::AtMost, _) if value > ind.value + EPS => Some(Weakness::Value(value)),
        (Requirement::AtLeast | Requirement::Exactly | Requirement::Decrease, _)
            if value + EPS < ind.value =>
        {
            Some(Weakness::Value(value))
        }
        _ => None,
    }
}

impl Weakened {
    pub fn new(profiles: Arc<Vec<Profile>>) -> Self {
        let good = super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%");
        let docs = RuleDocs {
            summary: Message::new(
                "Chỉ tiêu bắt buộc được nêu yếu hơn yêu cầu: không có con số (“chiếm đa số”, “được nâng lên”), “khoảng”, hoặc thấp hơn ngưỡng.",
                "A required target is stated more weakly than required: no number (“chiếm đa số”, “được nâng lên”), “about”, or a lower threshold.",
            ),
            why: Message::new(
                "Kết luận 226-KL/TW giao chỉ tiêu định lượng cụ thể; diễn đạt chung chung hoặc hạ ngưỡng làm chỉ tiêu không thể kiểm tra và không đạt yêu cầu của cấp trên.",
                "Conclusion 226-KL/TW sets specific quantified targets; vague wording or a lowered threshold cannot be checked and does not meet the higher-level requirement.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư; Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ (chi tiết từng chỉ tiêu trong rules/kl226.toml)".to_owned(),
            examples: vec![
                Example {
                    bad: super::plan("chiếm đa số trên", "không quá 1/2 ngày", "được nâng lên"),
                    good: good.clone(),
                },
                Example { bad: good.replace("đạt từ 95% trở lên", "đạt từ 90% trở lên"), good: good.clone() },
            ],
            source: "built-in".to_owned(),
        };
        Self { profiles, docs }
    }
}

impl Rule for Weakened {
    fn id(&self) -> &str {
        "target/weakened"
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
            for (k, t) in &profile.match_targets(doc, &applied.found) {
                let (k, t) = (*k, t);
                let Some(ind) = profile.indicators.get(k) else { continue };
                let Some(weak) = weakness(t, ind, &doc.text) else { continue };
                let required_vi = ind.required_vi();
                let required_en = ind.required_en();
                let (vi, en) = match &weak {
                    Weakness::Vague(w) => (
                        format!(
                            "Chỉ tiêu “{}” nêu chung chung (“{w}”), không có con số: yêu cầu {required_vi}.",
                            ind.name_vi
                        ),
                        format!(
                            "Target “{}” is vague (“{w}”) and states no number: {required_en} is required.",
                            ind.name_en
                        ),
                    ),
                    Weakness::About => (
                        format!(
                            "Chỉ tiêu “{}” dùng “khoảng”, không cam kết: yêu cầu {required_vi}.",
                            ind.name_vi
                        ),
                        format!(
                            "Target “{}” says “about”, which commits to nothing: {required_en} is required.",
                            ind.name_en
                        ),
                    ),
                    Weakness::WrongDirection => (
                        format!("Chỉ tiêu “{}” đặt ngưỡng ngược chiều: yêu cầu {required_vi}.", ind.name_vi),
                        format!(
                            "Target “{}” sets its threshold the wrong way: {required_en} is required.",
                            ind.name_en
                        ),
                    ),
                    Weakness::Value(v) => {
                        // The wording as written, and the share it means when it was stated as
                        // the complement ("trực tiếp không quá 50%" → 50% online).
                        let written = doc.slice(t.span).trim();
                        let v = format_number(*v).replace('.', ",");
                        let shown = if written.contains(&v) {
                            format!("“{written}”")
                        } else {
                            format!("“{written}”, tức {v}")
                        };
                        let shown_en = if written.contains(&v) {
                            format!("“{written}”")
                        } else {
                            format!("“{written}”, i.e. {v}")
                        };
                        let (lower_vi, lower_en) = if ind.requirement == Requirement::AtMost {
                            ("cao hơn giới hạn", "exceeds the limit")
                        } else {
                            ("thấp hơn yêu cầu", "is below the requirement")
                        };
                        (
                            format!("Chỉ tiêu “{}” ghi {shown}, {lower_vi}: {required_vi}.", ind.name_vi),
                            format!(
                                "Target “{}” says {shown_en}, which {lower_en}: {required_en}.",
                                ind.name_en
                            ),
                        )
                    }
                };
                let vi = format!("{vi} ({})", ind.basis);
                let en = format!("{en} ({})", ind.basis);
                sink.report_with(t.span, Message::new(vi, en), ind.severity.unwrap_or(Severity::Error));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> Weakened {
        Weakened::new(crate::rules::target::tests::profiles())
    }

    fn plan(online: &str, again: &str) -> String {
        super::super::plan(online, "không quá 1/2 ngày", again)
    }

    #[test]
    fn equal_and_stricter_targets_pass() {
        assert!(run_on_text(&rule(), &plan("không ít hơn 60%", "đạt tối thiểu 60%")).is_empty());
        assert!(run_on_text(&rule(), &plan("không ít hơn 70%", "đạt từ 80% trở lên")).is_empty());
    }

    #[test]
    fn vague_wording_is_weakened() {
        let found = run_on_text(&rule(), &plan("chiếm đa số trên", "được nâng lên"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.message.vi.contains("60%")));
    }

    #[test]
    fn lower_threshold_and_about_are_weakened() {
        let text = plan("không ít hơn 50%", "khoảng 60%");
        let found = run_on_text(&rule(), &text);
        assert_eq!(found.len(), 2, "{found:?}");
        let doc = rasoat_doc::parse_str(&text);
        let Some(first) = found.first() else { panic!() };
        assert!(doc.slice(first.span).contains("50%"));
    }

    #[test]
    fn in_person_share_is_read_as_the_online_complement() {
        assert!(
            run_on_text(
                &rule(),
                &plan("không ít hơn 60%", "đạt tối thiểu 60%").replace(
                    "bảo đảm tỷ lệ họp trực tuyến đạt tối thiểu 60%",
                    "bảo đảm tỷ lệ hội nghị trực tiếp không quá 40%"
                )
            )
            .is_empty()
        );
        let text = plan("không ít hơn 60%", "đạt tối thiểu 60%").replace(
            "bảo đảm tỷ lệ họp trực tuyến đạt tối thiểu 60%",
            "bảo đảm tỷ lệ hội nghị trực tiếp không quá 50%",
        );
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn subject_in_the_clause_before_the_number() {
        let text = plan("không ít hơn 60%", "đạt tối thiểu 60%").replace(
            "bảo đảm tỷ lệ họp trực tuyến đạt tối thiểu 60%",
            "chỉ tiêu tỷ lệ họp trực tuyến: tối thiểu 50%",
        );
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn a_cut_earlier_in_the_clause_does_not_make_a_share_a_cut() {
        let text = plan("không ít hơn 60%", "đạt tối thiểu 60%").replace(
            "xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên",
            "giảm thời gian giải quyết, nâng tỷ lệ thủ tục hành chính xử lý trên môi trường số đạt từ 90% trở lên",
        );
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn a_cut_in_cost_or_time_is_another_target() {
        let text = plan("không ít hơn 60%", "đạt tối thiểu 60%").replace(
            "hằng năm; cắt giảm",
            "hằng năm; giảm 5% kinh phí tổ chức hội nghị; giảm 5% thời gian xử lý văn bản; cắt giảm",
        );
        assert!(run_on_text(&rule(), &text).is_empty(), "{:?}", run_on_text(&rule(), &text));
    }

    #[test]
    fn about_inside_a_cut_is_weakened() {
        let text = plan("không ít hơn 60%", "đạt tối thiểu 60%").replace("tinh giản 10%", "giảm khoảng 10%");
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn optional_level_limits_are_checked_when_stated() {
        let base = plan("không ít hơn 60%", "đạt tối thiểu 60%");
        let over = base.replace(
            "hằng năm; cắt giảm",
            "hằng năm; tổ chức không quá 03 hội nghị toàn tỉnh trong năm; cắt giảm",
        );
        assert_eq!(run_on_text(&rule(), &over).len(), 1);
        let within = base.replace(
            "hằng năm; cắt giảm",
            "hằng năm; tổ chức không quá 02 hội nghị toàn tỉnh trong năm; cắt giảm",
        );
        assert!(run_on_text(&rule(), &within).is_empty());
    }

    #[test]
    fn weaker_cut_is_weakened_and_stricter_cut_is_not() {
        let base = plan("không ít hơn 60%", "đạt tối thiểu 60%");
        let weaker = base.replace("cắt giảm tối thiểu 15%", "cắt giảm tối thiểu 10%");
        assert_eq!(run_on_text(&rule(), &weaker).len(), 1);
        let stricter = base.replace("cắt giảm tối thiểu 15%", "cắt giảm tối thiểu 20%");
        assert!(run_on_text(&rule(), &stricter).is_empty());
    }
}
