//! `style/inconsistent-variant`: accepted variants mixed within one document.
//!
//! "hằng năm" and "hàng năm" are both accepted; one document should use one. The variant
//! groups come from the packs' `[[consistency]]` entries. One finding per mixed group and
//! minority variant, at its first occurrence, related to the first occurrence of the variant
//! used most.

use rasoat_doc::Document;
use rasoat_text::Span;

use crate::diagnostic::{Message, Severity};
use crate::packs::{PackError, Packs};
use crate::phrase::{
    Folded, PhraseSet, check_pack_example, crosses_paragraph, fold_phrase, is_word_char, match_case,
};
use crate::rule::{Context, Rule, RuleDocs, Sink};

pub const ID: &str = "style/inconsistent-variant";

struct Group {
    variants: Vec<String>,
    /// Folded words that, right after an occurrence, mean it is not the variant ("mặt hàng
    /// ngày càng…").
    forbid_after: Vec<String>,
    forbid_before: Vec<String>,
    basis: String,
}

pub struct InconsistentVariant {
    set: PhraseSet,
    /// Automaton pattern → (group, variant).
    patterns: Vec<(usize, usize)>,
    groups: Vec<Group>,
    docs: RuleDocs,
}

/// A mixed group: the minority variant's first occurrence and the majority's.
struct Mix {
    group: usize,
    minor: (usize, Span, usize),
    major: (usize, Span, usize),
}

fn preceded_by(text: &str, at: usize, phrase: &str) -> bool {
    let Some(head) = text.get(..at) else { return false };
    let head = head.strip_suffix(' ').unwrap_or(head);
    head.strip_suffix(phrase).is_some_and(|rest| !rest.chars().next_back().is_some_and(is_word_char))
}

fn followed_by(text: &str, at: usize, phrase: &str) -> bool {
    let Some(tail) = text.get(at..) else { return false };
    let tail = tail.strip_prefix(' ').unwrap_or(tail);
    tail.strip_prefix(phrase).is_some_and(|rest| !rest.chars().next().is_some_and(is_word_char))
}

/// True when the word right before `at` (same line) starts with a capital: a capitalised
/// occurrence next to it is part of a name ("phường Sơn Qui", "ông Nguyễn Văn Lý").
fn after_capitalised_word(text: &str, at: usize) -> bool {
    let Some(head) = text.get(..at) else { return false };
    let head = head.trim_end_matches([' ', '\u{a0}']);
    let word_start = head.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last();
    word_start
        .is_some_and(|(i, _)| head.get(i..).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase))
}

/// True when the word right after `at` (same line) starts with a capital ("Qui Đức").
fn before_capitalised_word(text: &str, at: usize) -> bool {
    let Some(tail) = text.get(at..) else { return false };
    tail.trim_start_matches([' ', '\u{a0}']).chars().next().is_some_and(char::is_uppercase)
        && tail.starts_with([' ', '\u{a0}'])
}

impl InconsistentVariant {
    /// Build from every `[[consistency]]` entry of the packs and check their examples.
    pub fn from_packs(packs: &Packs) -> Result<InconsistentVariant, Box<PackError>> {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        let mut groups = Vec::new();
        let mut examples = Vec::new();
        for (g, (_, e)) in packs.entries(|p| &p.consistency).enumerate() {
            for (v, variant) in e.variants.iter().enumerate() {
                phrases.push(variant.clone());
                patterns.push((g, v));
            }
            groups.push(Group {
                variants: e.variants.clone(),
                forbid_after: e.forbid_after.iter().map(|s| fold_phrase(s)).collect(),
                forbid_before: e.forbid_before.iter().map(|s| fold_phrase(s)).collect(),
                basis: e.basis.clone(),
            });
            examples.extend(e.examples.iter().map(|x| x.get_ref().clone()));
        }
        let set = PhraseSet::new(&phrases).map_err(|err| err.into_pack_error(ID, packs))?;
        let docs = RuleDocs {
            summary: Message::new(
                "Văn bản dùng lẫn các biến thể cùng nghĩa (“hằng năm”/“hàng năm”).",
                "The document mixes accepted variants (“hằng năm”/“hàng năm”).",
            ),
            why: Message::new(
                "Mỗi biến thể đều được chấp nhận, nhưng trong một văn bản phải dùng thống nhất một cách viết.",
                "Each variant is accepted, but one document must use one spelling throughout.",
            ),
            legal_basis:
                "Nghị định 30/2020/NĐ-CP, Phụ lục I (trình bày thống nhất); nguồn từng cặp ghi trong gói luật"
                    .to_owned(),
            examples,
            source: packs.packs.iter().map(|p| p.data.pack.name.as_str()).collect::<Vec<_>>().join(", "),
        };
        let rule = InconsistentVariant { set, patterns, groups, docs };
        for (g, (pack, e)) in packs.entries(|p| &p.consistency).enumerate() {
            for ex in &e.examples {
                check_pack_example(
                    pack,
                    ex,
                    ID,
                    |bad| rule.mixes(&rasoat_doc::parse_str(bad)).iter().any(|m| m.group == g),
                    |good| {
                        rule.mixes(&rasoat_doc::parse_str(good))
                            .iter()
                            .filter_map(|m| rule.groups.get(m.group).and_then(|g| g.variants.get(m.minor.0)))
                            .cloned()
                            .collect()
                    },
                )?;
            }
        }
        Ok(rule)
    }

    fn mixes(&self, doc: &Document) -> Vec<Mix> {
        let text = doc.text.as_str();
        let folded = Folded::of(doc);
        // Per group, per variant: (count, first span).
        let mut seen: Vec<Vec<(usize, Span)>> =
            self.groups.iter().map(|g| vec![(0, Span::default()); g.variants.len()]).collect();
        for m in self.set.find_iter(&folded) {
            let Some(&(g, v)) = self.patterns.get(m.pattern) else { continue };
            let Some(group) = self.groups.get(g) else { continue };
            let f = folded.as_str();
            if group.forbid_after.iter().any(|w| followed_by(f, m.folded.end, w))
                || group.forbid_before.iter().any(|w| preceded_by(f, m.folded.start, w))
            {
                continue;
            }
            let capitalised = m.span.text(text).chars().next().is_some_and(char::is_uppercase);
            if crosses_paragraph(text, m.span) {
                continue;
            }
            if capitalised
                && (after_capitalised_word(text, m.span.start) || before_capitalised_word(text, m.span.end))
            {
                continue;
            }
            if let Some(slot) = seen.get_mut(g).and_then(|s| s.get_mut(v)) {
                if slot.0 == 0 {
                    slot.1 = m.span;
                }
                slot.0 += 1;
            }
        }
        let mut out = Vec::new();
        for (g, counts) in seen.iter().enumerate() {
            // The majority: most used, then first seen.
            let Some((major, &(n, span))) = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.0 > 0)
                .max_by_key(|(_, c)| (c.0, std::cmp::Reverse(c.1.start)))
            else {
                continue;
            };
            for (v, &(count, first)) in counts.iter().enumerate() {
                if v != major && count > 0 {
                    out.push(Mix { group: g, minor: (v, first, count), major: (major, span, n) });
                }
            }
        }
        out
    }
}

impl Rule for InconsistentVariant {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Info
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn phrase_sets(&self) -> Vec<&PhraseSet> {
        vec![&self.set]
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        if doc.legacy_font.is_some() {
            return;
        }
        for mix in self.mixes(doc) {
            let Some(group) = self.groups.get(mix.group) else { continue };
            let (Some(minor), Some(major)) =
                (group.variants.get(mix.minor.0), group.variants.get(mix.major.0))
            else {
                continue;
            };
            let found = mix.minor.1.text(&doc.text);
            sink.report(
                mix.minor.1,
                Message::new(
                    format!(
                        "Dùng lẫn “{major}” ({} lần) và “{minor}” ({} lần); nên thống nhất một cách viết ({}).",
                        mix.major.2, mix.minor.2, group.basis
                    ),
                    format!(
                        "“{major}” ({}×) and “{minor}” ({}×) are mixed; use one spelling ({}).",
                        mix.major.2, mix.minor.2, group.basis
                    ),
                ),
            )
            .relate(
                mix.major.1,
                Message::new(format!("“{major}” dùng ở đây"), format!("“{major}” used here")),
            )
            .suggest(match_case(found, major), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{Pack, PackOrigin};

    fn rule() -> InconsistentVariant {
        let toml = r#"
[pack]
name = "t"
version = "1"
[[consistency]]
variants = ["hằng năm", "hàng năm"]
basis = "t"
examples = [{ bad = "Hằng năm báo cáo; kinh phí hàng năm.", good = "Hằng năm báo cáo; kinh phí hằng năm." }]
[[consistency]]
variants = ["hằng ngày", "hàng ngày"]
forbid_after = ["càng"]
basis = "t"
"#;
        let Ok(pack) = Pack::parse(PackOrigin::Embedded("t.toml"), toml.to_owned()) else { panic!("pack") };
        let mut packs = Packs::default();
        packs.add(pack);
        match InconsistentVariant::from_packs(&packs) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn one_finding_per_mixed_group_at_the_minority() {
        let text = "hàng năm, hằng năm, Hằng năm; hằng ngày";
        let d = crate::examples::run_on_text(&rule(), text);
        assert_eq!(d.len(), 1);
        let Some(d) = d.first() else { return };
        assert_eq!(d.span.text(text), "hàng năm");
        assert_eq!(d.related.first().map(|r| r.span.text(text)), Some("hằng năm"));
        assert_eq!(d.suggestions.first().map(|s| s.replacement.as_str()), Some("hằng năm"));
    }

    #[test]
    fn context_excludes_other_words() {
        let d = crate::examples::run_on_text(&rule(), "hằng ngày; mặt hàng ngày càng đa dạng");
        assert!(d.is_empty());
        let d = crate::examples::run_on_text(&rule(), "hằng năm; Chợ Hàng Năm; Hàng năm Đức");
        assert!(d.is_empty());
    }
}
