//! `spelling/capitalization`: registered names written with the wrong capitals.
//!
//! Nghị định 30/2020/NĐ-CP (Phụ lục II) fixes how names are capitalised: place names capitalise
//! every syllable ("Hải Phòng"); agency names capitalise the type word and the field ("Sở
//! Khoa học và Công nghệ", "Ủy ban nhân dân"), never every syllable ("Ủy Ban Nhân Dân").
//! The names come from the packs' `[[name]]` entries. Each is searched case-insensitively (both
//! tone-placement styles: "Khánh Hòa"/"Khánh Hoà") and an occurrence is compared letter by
//! letter with the canonical spelling.
//!
//! Not reported: an occurrence in ALL CAPS (headings, the issuer block), and one whose first
//! letter is lower case — then the words are not the name ("cơ sở tài chính" is not "Sở Tài
//! chính", "cán bộ y tế" is not "Bộ Y tế").

use rasoat_doc::Document;
use rasoat_text::syllable;

use crate::diagnostic::{Message, Severity};
use crate::packs::{PackError, Packs};
use crate::phrase::{Folded, PhraseSet, check_pack_example, crosses_paragraph, is_all_caps};
use crate::rule::{Context, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/capitalization";

pub struct Capitalization {
    set: PhraseSet,
    /// Per automaton pattern: the spelling whose capitals are the model (the canonical name in
    /// the tone style of the pattern) and the entry's basis.
    models: Vec<(String, usize)>,
    basis: Vec<String>,
    /// Per entry: an all-lower-case tail is a verb phrase, not the name (`lowercase_tail_ok`).
    tail_ok: Vec<bool>,
    docs: RuleDocs,
}

/// `name` with every open oa/oe/uy syllable's tone moved to the other accepted place, when it
/// has such a syllable ("Khánh Hòa" → "Khánh Hoà").
fn other_tone_style(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len() + 4);
    let mut changed = false;
    let mut rest = name;
    while !rest.is_empty() {
        let word_len: usize =
            rest.chars().take_while(|&c| rasoat_text::token::class(c).0).map(char::len_utf8).sum();
        let skip = if word_len == 0 { rest.chars().next().map_or(1, char::len_utf8) } else { word_len };
        let (head, tail) = rest.split_at(skip.min(rest.len()));
        match syllable::parse(head).ok().filter(|_| word_len > 0) {
            Some(s) => match s.placement_style() {
                Some(style) => {
                    let other = match style {
                        syllable::Placement::Old => syllable::Placement::New,
                        syllable::Placement::New => syllable::Placement::Old,
                    };
                    s.write(other, &mut out);
                    changed = true;
                }
                None => out.push_str(head),
            },
            None => out.push_str(head),
        }
        rest = tail;
    }
    changed.then_some(out)
}

/// Compare the letters' case of `found` with `model` (same letters, whitespace may differ).
/// Returns the recased text when they differ, `None` when `found` is acceptable.
fn recase(found: &str, model: &str) -> Option<String> {
    let mut model_letters = model.chars().filter(|c| !c.is_whitespace());
    let mut out = String::with_capacity(found.len());
    let mut differs = false;
    for c in found.chars() {
        if c.is_whitespace() {
            out.push(c);
            continue;
        }
        let m = model_letters.next()?;
        if rasoat_text::token::class(c).0 && c.is_uppercase() != m.is_uppercase() {
            differs = true;
            if m.is_uppercase() {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            out.push(c);
        }
    }
    differs.then_some(out)
}

impl Capitalization {
    /// Build from every `[[name]]` entry of the packs and check the entries' examples.
    pub fn from_packs(packs: &Packs) -> Result<Capitalization, Box<PackError>> {
        let mut patterns = Vec::new();
        let mut models = Vec::new();
        let mut basis = Vec::new();
        let mut tail_ok = Vec::new();
        let mut examples = Vec::new();
        for (i, (_, e)) in packs.entries(|p| &p.name).enumerate() {
            patterns.push(e.canonical.clone());
            models.push((e.canonical.clone(), i));
            if let Some(other) = other_tone_style(&e.canonical) {
                patterns.push(other.clone());
                models.push((other, i));
            }
            basis.push(e.basis.clone());
            tail_ok.push(e.lowercase_tail_ok);
            examples.extend(e.examples.iter().map(|x| x.get_ref().clone()));
        }
        let set = PhraseSet::new(&patterns).map_err(|err| err.into_pack_error(ID, packs))?;
        let docs = RuleDocs {
            summary: Message::new(
                "Tên riêng, tên cơ quan, tổ chức viết hoa chưa đúng quy định.",
                "Proper and agency names with the wrong capitals.",
            ),
            why: Message::new(
                "Nghị định 30/2020/NĐ-CP quy định viết hoa tên địa lý (mọi âm tiết: “Hải Phòng”) và tên cơ quan (chữ đầu của loại hình và lĩnh vực: “Sở Khoa học và Công nghệ”); viết hoa tất cả các âm tiết (“Ủy Ban Nhân Dân”) là sai.",
                "Decree 30/2020 fixes capitals: place names capitalise every syllable (“Hải Phòng”), agency names the type word and the field (“Sở Khoa học và Công nghệ”); capitalising every syllable (“Ủy Ban Nhân Dân”) is wrong.",
            ),
            legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục II (viết hoa trong văn bản hành chính)".to_owned(),
            examples,
            source: packs.packs.iter().map(|p| p.data.pack.name.as_str()).collect::<Vec<_>>().join(", "),
        };
        let rule = Capitalization { set, models, basis, tail_ok, docs };
        for (i, (pack, e)) in packs.entries(|p| &p.name).enumerate() {
            for ex in &e.examples {
                check_pack_example(
                    pack,
                    ex,
                    ID,
                    |bad| rule.findings(&rasoat_doc::parse_str(bad)).iter().any(|f| f.entry == i),
                    |good| rule.findings(&rasoat_doc::parse_str(good)).into_iter().map(|f| f.fixed).collect(),
                )?;
            }
        }
        Ok(rule)
    }

    fn findings(&self, doc: &Document) -> Vec<Finding> {
        let text = doc.text.as_str();
        let folded = Folded::of(doc);
        let mut out = Vec::new();
        for m in self.set.find_iter(&folded) {
            let Some((model, entry)) = self.models.get(m.pattern) else { continue };
            let found = m.span.text(text);
            // ALL CAPS is how headings and the issuer block are written; a match running into
            // the next paragraph is two pieces of text, not a name.
            if is_all_caps(found) || crosses_paragraph(text, m.span) {
                continue;
            }
            // A lower-case first letter: the words are not the name here.
            if found.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            // "các Bộ xây dựng kế hoạch": a common noun and a verb, for the entries that say so.
            if self.tail_ok.get(*entry).copied().unwrap_or(false)
                && found.split_whitespace().skip(1).all(|w| !w.chars().any(char::is_uppercase))
            {
                continue;
            }
            if let Some(fixed) = recase(found, model) {
                out.push(Finding { span: m.span, fixed, entry: *entry });
            }
        }
        out
    }
}

struct Finding {
    span: rasoat_text::Span,
    fixed: String,
    entry: usize,
}

impl Rule for Capitalization {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
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
        for f in self.findings(doc) {
            let found = f.span.text(&doc.text);
            let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let (found1, fixed1) = (one_line(found), one_line(&f.fixed));
            let basis = self.basis.get(f.entry).map_or("", String::as_str);
            sink.report(
                f.span,
                Message::new(
                    format!("Viết hoa chưa đúng: “{found1}” → “{fixed1}” ({basis})."),
                    format!("Wrong capitals: “{found1}” → “{fixed1}” ({basis})."),
                ),
            )
            .suggest(f.fixed, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{Pack, PackOrigin};

    fn rule() -> Capitalization {
        let toml = r#"
[pack]
name = "t"
version = "1"
[[name]]
canonical = "Hải Phòng"
basis = "t"
examples = [{ bad = "thành phố Hải phòng", good = "thành phố Hải Phòng" }]
[[name]]
canonical = "Ủy ban nhân dân"
basis = "t"
[[name]]
canonical = "Sở Tài chính"
basis = "t"
[[name]]
canonical = "Khánh Hòa"
basis = "t"
[[name]]
canonical = "VNeID"
basis = "t"
[[name]]
canonical = "Bộ Xây dựng"
lowercase_tail_ok = true
basis = "t"
"#;
        let Ok(pack) = Pack::parse(PackOrigin::Embedded("t.toml"), toml.to_owned()) else { panic!("pack") };
        let mut packs = Packs::default();
        packs.add(pack);
        match Capitalization::from_packs(&packs) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    fn fixes(text: &str) -> Vec<String> {
        crate::examples::run_on_text(&rule(), text)
            .into_iter()
            .filter_map(|d| d.suggestions.first().map(|s| s.replacement.clone()))
            .collect()
    }

    #[test]
    fn wrong_capitals_are_fixed() {
        assert_eq!(fixes("Ủy Ban Nhân Dân tỉnh"), ["Ủy ban nhân dân"]);
        assert_eq!(fixes("tỉnh Khánh hoà và Khánh hòa"), ["Khánh Hoà", "Khánh Hòa"]);
        assert_eq!(fixes("ứng dụng VneID"), ["VNeID"]);
        assert_eq!(fixes("thành phố Hải\nphòng"), ["Hải\nPhòng"]);
    }

    #[test]
    fn all_caps_lower_case_and_correct_are_fine() {
        assert!(fixes("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG").is_empty());
        assert!(fixes("cơ sở tài chính; các ủy ban nhân dân").is_empty());
        assert!(fixes("Ủy ban nhân dân thành phố Hải Phòng; Sở Tài chính").is_empty());
        assert!(fixes("các Bộ, cơ quan ngang Bộ xây dựng kế hoạch").is_empty());
        assert_eq!(fixes("Bộ Xây Dựng"), ["Bộ Xây dựng"]);
    }

    #[test]
    fn tone_style_variants() {
        assert_eq!(other_tone_style("Khánh Hòa").as_deref(), Some("Khánh Hoà"));
        assert_eq!(other_tone_style("Hải Phòng"), None);
    }
}
