//! `target/inconsistent`: the same indicator stated with different values or comparators in
//! two places (body and appendix, or two paragraphs): 60% in the body and 70% (or "khoảng
//! 60%") in the appendix. Equivalent wordings agree: "tối thiểu 60%", "từ 60% trở lên",
//! "không ít hơn 60%", and "trực tiếp không quá 40%" for the online share. A statement that
//! is also too weak gets its `target/weakened` finding as well: the two say different things.

use std::sync::Arc;

use rasoat_doc::{Comparator, Document, Target};

use super::profile::{Indicator, Profile};
use super::weakened::{Weakness, weakness};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct Inconsistent {
    profiles: Arc<Vec<Profile>>,
    docs: RuleDocs,
}

impl Inconsistent {
    pub fn new(profiles: Arc<Vec<Profile>>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Cùng một chỉ tiêu được nêu với hai giá trị khác nhau trong kế hoạch (phần nội dung và phụ lục, hoặc hai đoạn).",
                "The same target is stated with two different values in one plan (body and appendix, or two paragraphs).",
            ),
            why: Message::new(
                "Hai con số cho một chỉ tiêu khiến đơn vị thực hiện không biết phải đạt mức nào và làm sai lệch báo cáo.",
                "Two numbers for one target leave the units unsure which to reach and skew the reporting.",
            ),
            legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (chỉ tiêu định lượng); Nghị định số 30/2020/NĐ-CP (nội dung văn bản phải thống nhất)".to_owned(),
            examples: vec![Example {
                bad: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 70%"),
                good: super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt từ 60% trở lên"),
            }],
            source: "built-in".to_owned(),
        };
        Self { profiles, docs }
    }
}

impl Rule for Inconsistent {
    fn id(&self) -> &str {
        "target/inconsistent"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
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
            for (k, ind) in profile.indicators.iter().enumerate() {
                let mut first: Option<(f64, u8, rasoat_text::Span)> = None;
                for (_, t) in matched.iter().filter(|(m, _)| *m == k) {
                    let Some(value) = t.value else { continue };
                    let class = class(t, ind, &doc.text);
                    let Some((v0, c0, span0)) = first else {
                        first = Some((value, class, t.span));
                        continue;
                    };
                    if (value - v0).abs() < 1e-9 && class == c0 {
                        continue;
                    }
                    let (a, b) = (doc.slice(span0).trim(), doc.slice(t.span).trim());
                    let message = Message::new(
                        format!("Chỉ tiêu “{}” ở đây là “{b}”, khác với “{a}” đã nêu trước đó.", ind.name_vi),
                        format!("Target “{}” is “{b}” here but “{a}” earlier.", ind.name_en),
                    );
                    sink.report(t.span, message).relate(
                        span0,
                        Message::new(format!("đã nêu: “{a}”"), format!("stated earlier: “{a}”")),
                    );
                }
            }
        }
    }
}

/// What a statement commits to, whatever its wording: 0 no commitment ("khoảng"), 1 a floor
/// (or a cut, or a bare number), 2 a ceiling.
fn class(t: &Target, ind: &Indicator, text: &str) -> u8 {
    if weakness(t, ind, text) == Some(Weakness::About) {
        return 0;
    }
    match t.comparator {
        Some(Comparator::AtMost | Comparator::LessThan) => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> Inconsistent {
        Inconsistent::new(crate::rules::target::tests::profiles())
    }

    #[test]
    fn equivalent_wordings_agree() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt từ 60% trở lên");
        assert!(run_on_text(&rule(), &text).is_empty());
    }

    #[test]
    fn different_values_point_at_the_later_with_the_earlier_related() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 70%");
        let doc = rasoat_doc::parse_str(&text);
        let found = run_on_text(&rule(), &text);
        assert_eq!(found.len(), 1, "{found:?}");
        let Some(d) = found.first() else { panic!() };
        assert!(doc.slice(d.span).contains("70%"));
        let Some(r) = d.related.first() else { panic!("no related span") };
        assert!(doc.slice(r.span).contains("60%"));
    }

    #[test]
    fn a_lower_or_vaguer_value_elsewhere_is_inconsistent_too() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 50%");
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "khoảng 60%");
        assert_eq!(run_on_text(&rule(), &text).len(), 1);
    }

    #[test]
    fn the_in_person_complement_agrees() {
        let text = super::super::plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%").replace(
            "bảo đảm tỷ lệ họp trực tuyến đạt tối thiểu 60%",
            "bảo đảm tỷ lệ hội nghị trực tiếp không quá 40%",
        );
        assert!(run_on_text(&rule(), &text).is_empty());
    }
}
