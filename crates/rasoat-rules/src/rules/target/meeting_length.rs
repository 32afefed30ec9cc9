//! `target/meeting-length`: meeting durations above the profile's limits (KL 226: briefing ≤
//! ½ day, professional ≤ 1 day, important ≤ 1.5 days), stated without a ceiling ("khoảng 1
//! ngày"), or not stated at all in a plan the profile applies to (the profiles that carry
//! duration indicators are about meetings, so every plan they apply to regulates meetings).

use std::sync::Arc;

use rasoat_doc::{Comparator, Document};

use super::profile::{Profile, format_number, targets_anchor};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct MeetingLength {
    profiles: Arc<Vec<Profile>>,
    docs: RuleDocs,
}

impl MeetingLength {
    pub fn new(profiles: Arc<Vec<Profile>>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Thời gian họp vượt giới hạn (hội nghị quán triệt không quá 1/2 ngày, chuyên môn không quá 1 ngày, quan trọng không quá 1,5 ngày) hoặc không được quy định.",
                "Meeting length above its limit (briefing ≤ ½ day, professional ≤ 1 day, important ≤ 1.5 days), or not regulated at all.",
            ),
            why: Message::new(
                "Kết luận 226-KL/TW yêu cầu rút ngắn thời gian hội họp; kế hoạch nới giới hạn hoặc bỏ sót quy định này không thực hiện đúng chỉ đạo.",
                "Conclusion 226-KL/TW requires shorter meetings; a plan that loosens or omits the limits does not implement it.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư; Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ".to_owned(),
            examples: vec![
                Example {
                    bad: super::plan("không ít hơn 60%", "không quá 1 ngày", "đạt tối thiểu 60%"),
                    good: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%"),
                },
                Example {
                    bad: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%")
                        .replace("hội nghị chuyên môn không quá 1 ngày; ", ""),
                    good: super::plan("không ít hơn 60%", "không quá nửa ngày", "đạt tối thiểu 60%"),
                },
            ],
            source: "built-in".to_owned(),
        };
        Self { profiles, docs }
    }
}

fn days_vi(days: f64) -> String {
    if (days - 0.5).abs() < 1e-9 {
        "1/2 ngày".to_owned()
    } else {
        format!("{} ngày", format_number(days).replace('.', ","))
    }
}

impl Rule for MeetingLength {
    fn id(&self) -> &str {
        "target/meeting-length"
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
            let matched = profile.match_durations(doc, &applied.found);
            for &(k, d) in &matched {
                let Some(ind) = profile.indicators.get(k) else { continue };
                let severity = ind.severity.unwrap_or(Severity::Error);
                let limit_vi = days_vi(ind.value);
                if d.days > ind.value + 1e-9 {
                    let message = Message::new(
                        format!(
                            "{} {} vượt giới hạn: không quá {limit_vi} ({}).",
                            ind.name_vi,
                            days_vi(d.days),
                            ind.basis
                        ),
                        format!(
                            "{} of {} days exceeds the limit of {} days ({}).",
                            ind.name_en,
                            format_number(d.days),
                            format_number(ind.value),
                            ind.basis
                        ),
                    );
                    sink.report_with(d.span, message, severity);
                } else if matches!(
                    d.comparator,
                    Some(Comparator::About | Comparator::AtLeast | Comparator::MoreThan)
                ) {
                    let message = Message::new(
                        format!(
                            "{} không có giới hạn trên: cần ghi “không quá {limit_vi}” ({}).",
                            ind.name_vi, ind.basis
                        ),
                        format!(
                            "{} is stated without an upper limit: write “at most {} days” ({}).",
                            ind.name_en,
                            format_number(ind.value),
                            ind.basis
                        ),
                    );
                    sink.report_with(d.span, message, severity);
                }
            }
            let anchor = matched
                .first()
                .and_then(|&(_, d)| {
                    doc.block_at(d.span.start).and_then(|b| doc.blocks.get(b)).map(|b| b.span)
                })
                .unwrap_or_else(|| targets_anchor(doc));
            for (k, ind) in profile.indicators.iter().enumerate() {
                if !ind.is_duration() || ind.optional || matched.iter().any(|&(m, _)| m == k) {
                    continue;
                }
                let message = Message::new(
                    format!(
                        "Chưa quy định thời gian {}: không quá {} ({}).",
                        ind.name_vi.to_lowercase(),
                        days_vi(ind.value),
                        ind.basis
                    ),
                    format!(
                        "No limit stated for {}: at most {} days ({}).",
                        ind.name_en.to_lowercase(),
                        format_number(ind.value),
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

    fn rule() -> MeetingLength {
        MeetingLength::new(crate::rules::target::tests::profiles())
    }

    fn plan(briefing: &str) -> String {
        super::super::plan("không ít hơn 60%", briefing, "đạt tối thiểu 60%")
    }

    #[test]
    fn limits_met() {
        assert!(run_on_text(&rule(), &plan("không quá 1/2 ngày")).is_empty());
        assert!(run_on_text(&rule(), &plan("không quá nửa ngày")).is_empty());
    }

    #[test]
    fn longer_briefing_is_flagged_at_its_number() {
        let text = plan("không quá 1 ngày");
        let found = run_on_text(&rule(), &text);
        assert_eq!(found.len(), 1, "{found:?}");
        let doc = rasoat_doc::parse_str(&text);
        let Some(d) = found.first() else { panic!() };
        assert!(doc.slice(d.span).contains("1 ngày"));
        assert!(d.message.vi.contains("1/2 ngày"));
    }

    #[test]
    fn subject_before_a_colon() {
        let text = plan("không quá 1/2 ngày")
            .replace("hội nghị chuyên môn không quá 1 ngày", "hội nghị chuyên môn: không quá 02 ngày");
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn other_events_are_not_meetings() {
        let text = plan("không quá 1/2 ngày").replace(
            "3. Xây dựng kế hoạch",
            "3. Tổ chức lớp bồi dưỡng chuyên môn trong 03 ngày; tập huấn quan trọng trong 02 ngày.\n\n4. Xây dựng kế hoạch",
        );
        assert!(run_on_text(&rule(), &text).is_empty(), "{:?}", run_on_text(&rule(), &text));
    }

    #[test]
    fn missing_limits_are_reported() {
        let text = plan("không quá 1/2 ngày").replace(
            "2. Thời gian họp: hội nghị quán triệt không quá 1/2 ngày; hội nghị chuyên môn không quá 1 ngày; \
các hội nghị quan trọng cần thảo luận không quá 1,5 ngày.\n\n",
            "",
        );
        assert_eq!(run_on_text(&rule(), &text).len(), 3);
    }
}
