//! `spelling/confusion`: curated misspellings from the packs' `[[confusion]]` entries.
//!
//! Most errors in real drafts are real-word errors: every syllable exists but the phrase does
//! not ("chông chéo" for "chồng chéo"). A curated list with context conditions catches the
//! frequent ones with no false alarms: one automaton over all wrong phrases, then each match
//! is kept only when its neighbours satisfy the entry's `require_*` / `forbid_*` words.

use rasoat_doc::Document;

use crate::diagnostic::{Message, Severity};
use crate::packs::{PackError, Packs};
use crate::phrase::{
    Folded, PhraseMatch, PhraseSet, check_pack_example, crosses_paragraph, fold_phrase, is_word_char,
    match_case,
};
use crate::rule::{Context, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/confusion";

/// One `[[confusion]]` entry, with its context words folded for matching.
#[derive(Debug, Clone)]
struct Entry {
    wrong: String,
    right: Vec<String>,
    require_before: Vec<String>,
    require_after: Vec<String>,
    forbid_before: Vec<String>,
    forbid_after: Vec<String>,
    basis: String,
}

pub struct Confusion {
    set: PhraseSet,
    entries: Vec<Entry>,
    docs: RuleDocs,
}

/// True when the folded text right before `at` (one space skipped) ends with `phrase` on a
/// word boundary.
fn preceded_by(text: &str, at: usize, phrase: &str) -> bool {
    let Some(head) = text.get(..at) else { return false };
    let head = head.strip_suffix(' ').unwrap_or(head);
    let Some(rest) = head.strip_suffix(phrase) else { return false };
    !rest.chars().next_back().is_some_and(is_word_char)
}

/// True when the folded text right after `at` (one space skipped) starts with `phrase` on a
/// word boundary.
fn followed_by(text: &str, at: usize, phrase: &str) -> bool {
    let Some(tail) = text.get(at..) else { return false };
    let tail = tail.strip_prefix(' ').unwrap_or(tail);
    let Some(rest) = tail.strip_prefix(phrase) else { return false };
    !rest.chars().next().is_some_and(is_word_char)
}

impl Entry {
    fn context_ok(&self, folded: &Folded, m: &PhraseMatch) -> bool {
        let text = folded.as_str();
        let before = |p: &String| preceded_by(text, m.folded.start, p);
        let after = |p: &String| followed_by(text, m.folded.end, p);
        (self.require_before.is_empty() || self.require_before.iter().any(before))
            && (self.require_after.is_empty() || self.require_after.iter().any(after))
            && !self.forbid_before.iter().any(before)
            && !self.forbid_after.iter().any(after)
    }
}

impl Confusion {
    /// Build from every `[[confusion]]` entry of the packs, then run each entry's examples;
    /// a failing example rejects its pack with an error pointing at the example.
    pub fn from_packs(packs: &Packs) -> Result<Confusion, Box<PackError>> {
        let fold_all = |v: &[String]| v.iter().map(|s| fold_phrase(s)).collect::<Vec<_>>();
        let mut entries = Vec::new();
        let mut examples = Vec::new();
        for (_, e) in packs.entries(|p| &p.confusion) {
            entries.push(Entry {
                wrong: e.wrong.clone(),
                right: e.right.clone(),
                require_before: fold_all(&e.require_before),
                require_after: fold_all(&e.require_after),
                forbid_before: fold_all(&e.forbid_before),
                forbid_after: fold_all(&e.forbid_after),
                basis: e.basis.clone(),
            });
            examples.extend(e.examples.iter().map(|x| x.get_ref().clone()));
        }
        let set = PhraseSet::new(entries.iter().map(|e| e.wrong.as_str()))
            .map_err(|err| err.into_pack_error(ID, packs))?;
        let docs = RuleDocs {
            summary: Message::new(
                "Cụm từ viết sai chính tả thường gặp (danh sách đối chiếu có ngữ cảnh).",
                "Frequent misspelt phrases (a curated list with context conditions).",
            ),
            why: Message::new(
                "Văn bản hành chính phải viết đúng chính tả; các lỗi như “sử lý”, “chông chéo” làm giảm uy tín của cơ quan ban hành.",
                "Administrative documents must be spelt correctly; slips such as “sử lý” or “chông chéo” undermine the issuing body.",
            ),
            legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 3 và Phụ lục I (thể thức, kỹ thuật trình bày); từ điển tiếng Việt (Hoàng Phê)".to_owned(),
            examples,
            source: packs.packs.iter().map(|p| p.data.pack.name.as_str()).collect::<Vec<_>>().join(", "),
        };
        let rule = Confusion { set, entries, docs };
        for (this, (pack, e)) in packs.entries(|p| &p.confusion).enumerate() {
            for ex in &e.examples {
                check_pack_example(
                    pack,
                    ex,
                    ID,
                    |bad| rule.matches(&rasoat_doc::parse_str(bad)).iter().any(|&(_, i)| i == this),
                    |good| {
                        rule.matches(&rasoat_doc::parse_str(good))
                            .iter()
                            .filter_map(|&(_, i)| rule.entries.get(i).map(|e| e.wrong.clone()))
                            .collect()
                    },
                )?;
            }
        }
        Ok(rule)
    }

    /// Every match that satisfies its entry's context, with the entry index.
    fn matches(&self, doc: &Document) -> Vec<(PhraseMatch, usize)> {
        let text = doc.text.as_str();
        let folded = Folded::of(doc);
        self.set
            .find_iter(&folded)
            .filter_map(|m| {
                let entry = self.entries.get(m.pattern)?;
                let ok = entry.context_ok(&folded, &m) && !crosses_paragraph(text, m.span);
                ok.then_some((m, m.pattern))
            })
            .collect()
    }
}

impl Rule for Confusion {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn phrase_sets(&self) -> Vec<&PhraseSet> {
        vec![&self.set]
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        // Legacy-font text is noise until converted: encoding/legacy-font says so once.
        if doc.legacy_font.is_some() {
            return;
        }
        for (m, i) in self.matches(doc) {
            let Some(entry) = self.entries.get(i) else { continue };
            let found = m.span.text(&doc.text);
            let found_one_line = found.split_whitespace().collect::<Vec<_>>().join(" ");
            let rights: Vec<String> = entry.right.iter().map(|r| match_case(found, r)).collect();
            let list = rights.iter().map(|r| format!("“{r}”")).collect::<Vec<_>>().join(", ");
            let d = sink.report(
                m.span,
                Message::new(
                    format!("Viết sai: “{found_one_line}”; đúng là {list} ({}).", entry.basis),
                    format!("Misspelt: “{found_one_line}”; should be {list} ({}).", entry.basis),
                ),
            );
            // Safe only for one candidate on one line: a match across a page break would also
            // join the two paragraphs, which `--fix` must not decide alone.
            let safe = rights.len() == 1 && !found.contains('\n');
            for r in rights {
                d.suggest(r, safe);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{Pack, PackOrigin};

    fn rule(toml: &str) -> Result<Confusion, Box<PackError>> {
        let pack = match Pack::parse(PackOrigin::Embedded("test.toml"), toml.to_owned()) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let mut packs = Packs::default();
        packs.add(pack);
        Confusion::from_packs(&packs)
    }

    const PACK: &str = r#"
[pack]
name = "t"
version = "1"
[[confusion]]
wrong = "hợp trực tuyến"
right = ["họp trực tuyến"]
forbid_before = ["kết", "phối"]
basis = "test"
examples = [{ bad = "Tổ chức hợp trực tuyến.", good = "Kết hợp trực tuyến." }]
[[confusion]]
wrong = "phần đầu"
right = ["phấn đấu"]
require_after = ["đạt", "đến"]
basis = "test"
[[confusion]]
wrong = "những nhiều"
right = ["nhũng nhiễu", "những"]
basis = "test"
"#;

    fn run(r: &Confusion, text: &str) -> Vec<crate::Diagnostic> {
        crate::examples::run_on_text(r, text)
    }

    #[test]
    fn context_conditions() {
        let Ok(r) = rule(PACK) else { panic!("pack rejected") };
        assert_eq!(run(&r, "các cuộc hợp trực tuyến").len(), 1);
        assert!(run(&r, "kết\nhợp trực tuyến").is_empty());
        assert!(run(&r, "Phần đầu của báo cáo").is_empty());
        let d = run(&r, "Phần đầu đạt 100%");
        assert_eq!(d.len(), 1);
        let s = d.first().and_then(|d| d.suggestions.first());
        assert_eq!(s.map(|s| (s.replacement.as_str(), s.safe)), Some(("Phấn đấu", true)));
    }

    #[test]
    fn several_rights_are_not_safe() {
        let Ok(r) = rule(PACK) else { panic!("pack rejected") };
        let d = run(&r, "gây phiền hà, những nhiều cho dân");
        assert_eq!(d.first().map(|d| d.suggestions.iter().all(|s| !s.safe)), Some(true));
    }

    #[test]
    fn failing_example_points_into_the_toml() {
        let bad = PACK.replace("Kết hợp trực tuyến.", "Các cuộc hợp trực tuyến.");
        let Err(e) = rule(&bad) else { panic!("a failing example must reject the pack") };
        let PackError::Invalid { span: Some(span), .. } = *e else { panic!("no span: {e:?}") };
        let at = bad.find("{ bad = \"Tổ chức").unwrap_or(usize::MAX);
        assert_eq!(span.offset(), at);
    }

    #[test]
    fn embedded_pack_builds() {
        let Ok(packs) = Packs::embedded() else { panic!("embedded packs do not load") };
        if let Err(e) = Confusion::from_packs(&packs) {
            panic!("{e}");
        }
    }

    #[test]
    fn a_match_across_a_page_break_is_not_a_safe_fix() {
        let Ok(r) = rule(PACK) else { panic!("pack") };
        let one_line = crate::examples::run_on_text(&r, "Tỷ lệ cuộc hợp trực tuyến tăng.");
        assert_eq!(one_line.first().and_then(|d| d.suggestions.first()).map(|s| s.safe), Some(true));
        let split = crate::examples::run_on_text(&r, "Tỷ lệ cuộc hợp\n\ntrực tuyến tăng.");
        assert_eq!(split.first().and_then(|d| d.suggestions.first()).map(|s| s.safe), Some(false));
    }
}
