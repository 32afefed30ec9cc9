//! `target/…` rules: the quantified targets a plan must state when it implements a directive
//! that has a target profile (`[[profile]]` in the packs, e.g. `rules/kl226.toml`).
//!
//! - `target/missing`: a required indicator appears nowhere.
//! - `target/weakened`: it appears, but vaguer or lower than required.
//! - `target/inconsistent`: it appears twice with different values.
//! - `target/meeting-length`: meeting durations above their limits, or not stated.
//!
//! A profile applies only to a document that says it implements one of the profile's
//! documents (see [`Profile::applies`]); every other document gets no target finding.

mod inconsistent;
mod meeting_length;
mod missing;
pub mod profile;
mod weakened;

use std::sync::Arc;

use rasoat_doc::Document;

use crate::examples::run_on_text;
use crate::packs::{PackError, Packs};
use crate::phrase::{Folded, PhraseMatch};
use crate::rule::Rule;

pub use profile::{Indicator, Profile, Requirement};

/// The ids of the profiles that apply to `doc` (the CLI reports them in JSON `profiles`).
/// Profiles that do not compile are left out (the registry reports them).
pub fn applicable_profiles(doc: &Document, packs: &Packs) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (pack, entry) in packs.entries(|p| &p.profile) {
        if let Ok(profile) = Profile::compile(pack, entry)
            && profile.applies(doc)
            && !ids.contains(&profile.id)
        {
            ids.push(profile.id);
        }
    }
    ids
}

/// How a document meets one required indicator (the reviewer report's targets table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorState {
    /// Stated, at the required value or stricter, the same everywhere.
    Met,
    /// Stated nowhere.
    Missing,
    /// Stated somewhere vaguer or weaker than required.
    Weaker,
    /// Stated with different values in different places (none of them weaker).
    Inconsistent,
}

/// One required indicator of a profile that applies to a document.
#[derive(Debug, Clone)]
pub struct IndicatorStatus {
    pub profile: String,
    pub indicator_vi: String,
    pub indicator_en: String,
    /// The required value in words ("không ít hơn 60%").
    pub required_vi: String,
    /// Where the document states it (targets or durations matched to the indicator).
    pub stated: Vec<rasoat_text::Span>,
    pub state: IndicatorState,
}

/// Evaluate every required indicator of every applicable profile, with the same matching the
/// `target/…` rules use, so the report's table and the findings always agree. Optional
/// indicators appear only when stated.
pub fn evaluate(doc: &Document, packs: &Packs) -> Vec<IndicatorStatus> {
    let profiles: Vec<Profile> = packs
        .entries(|p| &p.profile)
        .filter_map(|(pack, entry)| Profile::compile(pack, entry).ok())
        .collect();
    let mut out = Vec::new();
    for applied in applied(&profiles, doc) {
        let profile = applied.profile;
        let targets = profile.match_targets(doc, &applied.found);
        let durations = profile.match_durations(doc, &applied.found);
        for (k, ind) in profile.indicators.iter().enumerate() {
            let (stated, weaker, values): (Vec<rasoat_text::Span>, bool, Vec<(u64, bool)>) =
                if ind.is_duration() {
                    let mine: Vec<_> = durations.iter().filter(|(m, _)| *m == k).map(|(_, d)| *d).collect();
                    let weaker = mine.iter().any(|d| d.days > ind.value + 1e-9);
                    let values = mine.iter().map(|d| (d.days.to_bits(), false)).collect();
                    (mine.iter().map(|d| d.span).collect(), weaker, values)
                } else {
                    let mine: Vec<_> = targets.iter().filter(|(m, _)| *m == k).map(|(_, t)| t).collect();
                    let weaker = mine.iter().any(|t| weakened::weakness(t, ind, &doc.text).is_some());
                    let values = mine
                        .iter()
                        .filter_map(|t| {
                            let ceiling = matches!(
                                t.comparator,
                                Some(rasoat_doc::Comparator::AtMost | rasoat_doc::Comparator::LessThan)
                            );
                            t.value.map(|v| (v.to_bits(), ceiling))
                        })
                        .collect();
                    (mine.iter().map(|t| t.span).collect(), weaker, values)
                };
            if stated.is_empty() && ind.optional {
                continue;
            }
            let inconsistent = values.windows(2).any(|w| w.first() != w.get(1));
            let state = if stated.is_empty() {
                IndicatorState::Missing
            } else if weaker {
                IndicatorState::Weaker
            } else if inconsistent {
                IndicatorState::Inconsistent
            } else {
                IndicatorState::Met
            };
            out.push(IndicatorStatus {
                profile: profile.id.clone(),
                indicator_vi: ind.name_vi.clone(),
                indicator_en: ind.name_en.clone(),
                required_vi: ind.required_vi(),
                stated,
                state,
            });
        }
    }
    out
}

/// A profile that applies to the document being checked, with its subject phrases found.
pub(crate) struct Applied<'a> {
    pub profile: &'a Profile,
    pub found: Vec<PhraseMatch>,
}

/// The profiles that apply to `doc`, prepared for matching (the text is folded once).
pub(crate) fn applied<'a>(profiles: &'a [Profile], doc: &Document) -> Vec<Applied<'a>> {
    let applying: Vec<&Profile> = profiles.iter().filter(|p| p.applies(doc)).collect();
    if applying.is_empty() {
        return Vec::new();
    }
    let folded = Folded::of(doc);
    applying.into_iter().map(|profile| Applied { profile, found: profile.find_subjects(&folded) }).collect()
}

/// The `target/…` rules, configured by the packs' profiles.
pub fn rules(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let mut profiles = Vec::new();
    for (pack, entry) in packs.entries(|p| &p.profile) {
        profiles.push(Profile::compile(pack, entry)?);
    }
    let profiles = Arc::new(profiles);
    let rules = build(&profiles);
    // A profile's own examples: `bad` must raise a target finding, `good` none.
    for (pack, entry) in packs.entries(|p| &p.profile) {
        // Embedded packs are checked by the test suite, not at every start (see `packs.rs`).
        if !cfg!(test) && pack.is_embedded_unchanged() {
            continue;
        }
        let Some(index) = profiles.iter().position(|p| p.id == entry.id) else { continue };
        let only = Arc::new(profiles.get(index..=index).map(<[Profile]>::to_vec).unwrap_or_default());
        let own = build(&only);
        for example in &entry.examples {
            let run = |text: &str| own.iter().map(|r| run_on_text(r.as_ref(), text).len()).sum::<usize>();
            let label = if run(&example.get_ref().bad) == 0 {
                Some("ví dụ sai không bị phát hiện (bad example not flagged)")
            } else if run(&example.get_ref().good) > 0 {
                Some("ví dụ đúng bị báo lỗi (good example flagged)")
            } else {
                None
            };
            if let Some(label) = label {
                return Err(Box::new(pack.error_at(
                    Some(example.span()),
                    format!("profile {}: {label}", entry.id),
                    label.to_owned(),
                )));
            }
        }
    }
    Ok(rules)
}

fn build(profiles: &Arc<Vec<Profile>>) -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(missing::Missing::new(profiles.clone())),
        Box::new(weakened::Weakened::new(profiles.clone())),
        Box::new(inconsistent::Inconsistent::new(profiles.clone())),
        Box::new(meeting_length::MeetingLength::new(profiles.clone())),
    ]
}

/// A small plan implementing KL 226 with every target of the kl226 profile, for examples:
/// `{online}` etc. are replaced to make bad variants.
pub(crate) const PLAN: &str = "KẾ HOẠCH\n\
Thực hiện Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư\n\n\
I. MỤC ĐÍCH, YÊU CẦU\n\n\
1. Phấn đấu đạt các chỉ tiêu: số lượng hội nghị trực tuyến {online} tổng số hội nghị trong năm; \
tinh giản 10% số lượng hội nghị hằng năm; cắt giảm tối thiểu 15% số lượng văn bản hành chính so với năm trước; \
xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên; \
100% văn bản trao đổi giữa các cơ quan được thực hiện dưới dạng điện tử (trừ văn bản mật).\n\n\
2. Thời gian họp: hội nghị quán triệt {briefing}; hội nghị chuyên môn không quá 1 ngày; \
các hội nghị quan trọng cần thảo luận không quá 1,5 ngày.\n\n\
3. Xây dựng kế hoạch tổ chức hội nghị hằng năm, bảo đảm tỷ lệ họp trực tuyến {online_again}.\n";

/// [`PLAN`] with its placeholders filled in.
pub(crate) fn plan(online: &str, briefing: &str, online_again: &str) -> String {
    PLAN.replace("{online}", online).replace("{briefing}", briefing).replace("{online_again}", online_again)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::packs::{Pack, PackOrigin};

    /// The embedded packs (the kl226 profile among them).
    pub fn packs() -> Packs {
        match Packs::embedded() {
            Ok(p) => p,
            Err(e) => panic!("embedded packs: {e}"),
        }
    }

    pub fn profiles() -> Arc<Vec<Profile>> {
        let packs = packs();
        let mut out = Vec::new();
        for (pack, entry) in packs.entries(|p| &p.profile) {
            match Profile::compile(pack, entry) {
                Ok(p) => out.push(p),
                Err(e) => panic!("profile does not compile: {e}"),
            }
        }
        Arc::new(out)
    }

    #[test]
    fn kl226_profile_applies_to_plans_citing_226_only() {
        let packs = packs();
        let doc = rasoat_doc::parse_str(&plan("không ít hơn 60%", "không quá 1/2 ngày", "đạt tối thiểu 60%"));
        assert_eq!(applicable_profiles(&doc, &packs), vec!["kl226".to_owned()]);
        let other = rasoat_doc::parse_str(
            "KẾ HOẠCH\nCải cách hành chính năm 2026\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nI. MỤC ĐÍCH\n\n1. Đạt 100% hồ sơ.\n",
        );
        assert!(applicable_profiles(&other, &packs).is_empty());
    }

    /// Run the target, citation and deadline rules over the files of `RASOAT_SCAN` (a file or
    /// a directory) and print every finding with its line, for reading by a reviewer:
    /// `RASOAT_SCAN=../shared/corpus-dev cargo test -p rasoat-rules scan_dir -- --ignored --nocapture`.
    /// `RASOAT_FACTS=1` also prints the extracted facts.
    #[test]
    #[ignore]
    fn scan_dir() {
        let Ok(root) = std::env::var("RASOAT_SCAN") else { return };
        let root = std::path::PathBuf::from(root);
        let mut files: Vec<std::path::PathBuf> = if root.is_dir() {
            std::fs::read_dir(&root)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        } else {
            vec![root]
        };
        files.sort();
        let packs = packs();
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        for set in [
            super::rules(&packs),
            crate::rules::citation::rules(&packs),
            crate::rules::deadline::rules(&packs),
        ] {
            match set {
                Ok(r) => rules.extend(r),
                Err(e) => panic!("{e}"),
            }
        }
        let facts = std::env::var("RASOAT_FACTS").is_ok();
        let mut total = 0;
        for path in files {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let Ok(doc) = rasoat_doc::parse_bytes(&bytes) else { continue };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let line = |off: usize| doc.map.line_col(&doc.text, off).line;
            if facts {
                for t in &doc.facts.targets {
                    println!(
                        "{name}:{} TARGET {:?} {:?} {:?} vague={:?} | {}",
                        line(t.span.start),
                        t.value,
                        t.unit,
                        t.comparator,
                        t.vague,
                        doc.slice(t.span)
                    );
                }
                for d in &doc.facts.durations {
                    println!(
                        "{name}:{} DURATION {} {:?} | {}",
                        line(d.span.start),
                        d.days,
                        d.comparator,
                        doc.slice(d.span)
                    );
                }
                for d in &doc.facts.deadlines {
                    println!(
                        "{name}:{} DEADLINE {:?} row={:?} | {}",
                        line(d.span.start),
                        d.value,
                        d.row,
                        doc.slice(d.span)
                    );
                }
                for c in &doc.facts.citations {
                    println!(
                        "{name}:{} CITATION {:?} {} date={:?} issuer={:?}",
                        line(c.span.start),
                        c.kind,
                        c.number_text.value,
                        c.date.as_ref().map(|d| d.value),
                        c.issuer.as_ref().map(|i| &i.value)
                    );
                }
            }
            println!(
                "{name}: profiles {:?} blocks {} facts {}/{}/{}/{}",
                applicable_profiles(&doc, &packs),
                doc.blocks.len(),
                doc.facts.targets.len(),
                doc.facts.durations.len(),
                doc.facts.deadlines.len(),
                doc.facts.citations.len()
            );
            for rule in &rules {
                let mut sink = crate::rule::Sink::new(rule.id(), rule.default_severity());
                rule.check(&doc, &crate::rule::Context::default(), &mut sink);
                for d in sink.into_diagnostics() {
                    total += 1;
                    let snippet: String = doc.slice(d.span).chars().take(60).collect();
                    println!(
                        "{name}:{} {} [{}] {} | {}",
                        line(d.span.start),
                        d.rule,
                        d.severity.as_str(),
                        d.message.vi,
                        snippet.replace('\n', " ")
                    );
                }
            }
        }
        println!("total findings: {total}");
    }

    #[test]
    fn a_draft_mark_above_the_type_line_does_not_hide_the_plan() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH X\n\nSố: 12/KH-UBND\n\nX, ngày 15 tháng 5 năm 2026\n\nDỰ THẢO\n\nKẾ HOẠCH\n\nTriển khai thực hiện Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư\n\nI. MỤC ĐÍCH\n\n1. Tỷ lệ hội nghị trực tuyến không ít hơn 60%.\n";
        let doc = rasoat_doc::parse_str(text);
        assert_eq!(applicable_profiles(&doc, &packs()), vec!["kl226".to_owned()]);
        // A letter citing the conclusion is not a plan.
        let letter = "UBND TỈNH X\nSỞ NỘI VỤ\n\nSố: 12/SNV-CCHC\nV/v triển khai Kết luận số 226-KL/TW\n\nX, ngày 15 tháng 5 năm 2026\n\nKính gửi: Các sở, ban, ngành\n\nThực hiện Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư, Sở Nội vụ đề nghị báo cáo.\n";
        assert!(applicable_profiles(&rasoat_doc::parse_str(letter), &packs()).is_empty());
    }

    #[test]
    fn a_profile_whose_bad_example_passes_is_rejected() {
        let Some(kl226) = packs().packs.into_iter().find(|p| p.data.pack.name == "kl226") else {
            panic!("no kl226 pack")
        };
        // The embedded profile's own examples hold…
        let mut ok = Packs::default();
        ok.add(kl226.clone());
        assert!(rules(&ok).is_ok());
        // …and a pack whose bad example is the good one is refused.
        let good_as_bad = kl226.source.replace("chiếm đa số trên", "không ít hơn 60%");
        let pack = match Pack::parse(PackOrigin::Embedded("kl226.toml"), good_as_bad) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let mut bad = Packs::default();
        bad.add(pack);
        assert!(rules(&bad).is_err());
    }

    #[test]
    fn a_profile_with_an_unknown_comparator_is_rejected() {
        let src = r#"
[pack]
name = "bad"
version = "1"
[[profile]]
id = "x"
title = "x"
applies_when_cites = ["1/QĐ-TTg"]
basis = "x"
[[profile.indicators]]
id = "a"
name_vi = "a"
name_en = "a"
subject = [["a"]]
comparator = "roughly"
value = 1.0
unit = "%"
basis = "x"
"#;
        let pack = match Pack::parse(PackOrigin::Embedded("bad.toml"), src.to_owned()) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let mut packs = Packs::default();
        packs.add(pack);
        assert!(rules(&packs).is_err());
    }

    #[test]
    fn evaluate_agrees_with_the_rules() {
        let packs = packs();
        let states = |text: &str| -> Vec<(String, IndicatorState)> {
            let doc = rasoat_doc::parse_str(text);
            evaluate(&doc, &packs).into_iter().map(|s| (s.indicator_vi, s.state)).collect()
        };
        let good = states(&plan("không ít hơn 60%", "không quá 1/2 ngày", "từ 60% trở lên"));
        assert!(!good.is_empty());
        assert!(good.iter().all(|(_, s)| *s == IndicatorState::Met), "{good:?}");
        let weak = states(&plan("chiếm đa số", "không quá 1/2 ngày", "từ 60% trở lên"));
        assert!(weak.iter().any(|(_, s)| *s == IndicatorState::Weaker), "{weak:?}");
        let mixed = states(&plan("không ít hơn 70%", "không quá 1/2 ngày", "từ 60% trở lên"));
        assert!(mixed.iter().any(|(_, s)| *s == IndicatorState::Inconsistent), "{mixed:?}");
        let none = states(&PLAN.replace(
            "xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên; ",
            "",
        ));
        assert!(none.iter().any(|(_, s)| *s == IndicatorState::Missing), "{none:?}");
        // A document the profile does not apply to has no table.
        assert!(states("KẾ HOẠCH\nCải cách hành chính năm 2026\n").is_empty());
    }
}
