//! `structure/required-parts`: a plan states its purpose, its tasks, its funding and how it is
//! implemented, and ends with recipients and a signature block.

use std::sync::LazyLock;

use rasoat_doc::{Authority, BlockKind, DocKind, Document, Part, Span};

use crate::diagnostic::{Message, Severity};
use crate::phrase::{Folded, PhraseSet};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

/// A part every plan needs, recognised by the meaning of its heading.
struct Section {
    vi: &'static str,
    en: &'static str,
    /// Heading words that name it (any one is enough).
    synonyms: &'static [&'static str],
    /// Also satisfied by these words anywhere in the body (funding is often one sentence
    /// under "Tổ chức thực hiện" rather than a part of its own).
    in_body: &'static [&'static str],
}

const SECTIONS: [Section; 4] = [
    Section {
        vi: "mục đích, yêu cầu",
        en: "purpose and requirements",
        synonyms: &["mục đích", "yêu cầu", "mục tiêu", "quan điểm"],
        in_body: &[],
    },
    Section {
        vi: "nhiệm vụ, giải pháp (nội dung)",
        en: "tasks and measures (contents)",
        synonyms: &["nhiệm vụ", "giải pháp", "nội dung", "hoạt động", "biện pháp"],
        in_body: &[],
    },
    Section {
        vi: "kinh phí thực hiện",
        en: "funding",
        synonyms: &["kinh phí", "nguồn lực", "nguồn vốn", "tài chính", "ngân sách"],
        in_body: &["kinh phí", "ngân sách"],
    },
    Section {
        vi: "tổ chức thực hiện",
        en: "implementation",
        synonyms: &[
            "tổ chức thực hiện",
            "tổ chức triển khai",
            "trách nhiệm thực hiện",
            "phân công nhiệm vụ",
            "phân công thực hiện",
            "phân công trách nhiệm",
        ],
        in_body: &[],
    },
];

/// Headings are short; a longer block is prose that merely mentions the words.
const MAX_HEADING_CHARS: usize = 160;

pub struct RequiredParts {
    docs: RuleDocs,
    /// All heading synonyms of all sections; `owner[i]` is the section of phrase `i`.
    headings: PhraseSet,
    owner: Vec<usize>,
    body: PhraseSet,
    body_owner: Vec<usize>,
    deputy: PhraseSet,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| {
    RuleDocs {
    summary: Message::new(
        "Kế hoạch phải có đủ các phần: mục đích, yêu cầu; nhiệm vụ, giải pháp; kinh phí; tổ chức thực hiện; nơi nhận và chữ ký có thẩm quyền ký đúng.",
        "A plan needs purpose and requirements, tasks, funding, implementation, recipients and a signature with the right authority.",
    ),
    why: Message::new(
        "Kế hoạch thiếu phần kinh phí hay tổ chức thực hiện thì không ai chịu trách nhiệm, không có nguồn lực để thực hiện; cấp phó ký thay phải ghi \"KT.\", ký thay mặt tập thể phải ghi \"TM.\".",
        "A plan without funding or implementation leaves no one responsible and no resources; a deputy signs \"KT.\" (for the head), a collective body's signer \"TM.\" (on its behalf).",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 8 (thẩm quyền ký) và Phụ lục I, III (bố cục kế hoạch); Kết luận 226-KL/TW (\"6 rõ\": rõ người, rõ việc, rõ trách nhiệm, rõ thẩm quyền…)".into(),
    examples: vec![Example {
        bad: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện Kết luận\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao hiệu quả.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\nĐổi mới lề lối làm việc.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n".into(),
        good: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện Kết luận\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao hiệu quả.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\nĐổi mới lề lối làm việc.\n\nIII. KINH PHÍ THỰC HIỆN\n\nTừ ngân sách nhà nước.\n\nIV. TỔ CHỨC THỰC HIỆN\n\nCác phòng thực hiện.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n".into(),
    }],
    source: "built-in".into(),
}
});

fn set_with_owner<'a>(groups: impl Iterator<Item = (usize, &'a [&'a str])>) -> (PhraseSet, Vec<usize>) {
    let mut phrases = Vec::new();
    let mut owner = Vec::new();
    for (i, words) in groups {
        for w in words {
            phrases.push(*w);
            owner.push(i);
        }
    }
    // The phrases are a few short constants: building cannot fail; an empty set matches
    // nothing, which only makes the rule quieter.
    (PhraseSet::new(phrases).unwrap_or_default(), owner)
}

impl RequiredParts {
    pub fn new() -> Self {
        let (headings, owner) = set_with_owner(SECTIONS.iter().enumerate().map(|(i, s)| (i, s.synonyms)));
        let (body, body_owner) = set_with_owner(SECTIONS.iter().enumerate().map(|(i, s)| (i, s.in_body)));
        let deputy = PhraseSet::new([
            "phó chủ tịch",
            "phó giám đốc",
            "phó trưởng",
            "phó chánh",
            "phó thủ trưởng",
            "phó tổng",
        ])
        .unwrap_or_default();
        RequiredParts { docs: DOCS.clone(), headings, owner, body, body_owner, deputy }
    }

    fn check_plan(&self, doc: &Document, idx: usize, part: &Part, sink: &mut Sink) {
        let anchor = part
            .header
            .doc_type
            .as_ref()
            .map(|t| t.span)
            .or_else(|| doc.blocks.get(part.blocks.start).map(|b| b.span))
            .unwrap_or(Span::new(part.span.start, part.span.start));
        let mut found = [false; SECTIONS.len()];
        let blocks = doc.blocks.get(part.blocks.clone()).unwrap_or(&[]);
        for block in blocks {
            let numbered =
                matches!(block.kind, BlockKind::Roman | BlockKind::Numbered { .. } | BlockKind::Point);
            let text = doc.slice(block.text);
            if numbered || block.heading {
                // The heading is the text up to its first colon ("III. KINH PHÍ: ...").
                let head = text.split(':').next().unwrap_or("");
                if head.chars().count() <= MAX_HEADING_CHARS {
                    for m in self.headings.find_iter(&Folded::new(head)) {
                        if let Some(&s) = self.owner.get(m.pattern)
                            && let Some(slot) = found.get_mut(s)
                        {
                            *slot = true;
                        }
                    }
                }
            }
            for m in self.body.find_iter(&Folded::new(text)) {
                if let Some(&s) = self.body_owner.get(m.pattern)
                    && let Some(slot) = found.get_mut(s)
                {
                    *slot = true;
                }
            }
        }
        // Appendix tables carry the tasks of many plans ("Chi tiết tại Phụ lục kèm theo").
        if !part.tables.is_empty()
            && let Some(slot) = found.get_mut(1)
        {
            *slot = true;
        }
        for (section, ok) in SECTIONS.iter().zip(found) {
            if !ok {
                sink.report(
                    anchor,
                    Message::new(
                        format!("Kế hoạch thiếu phần \"{}\".", section.vi),
                        format!("The plan has no {} part.", section.en),
                    ),
                );
            }
        }

        // A plan issued by a decision is signed and sent with that decision.
        let attached = doc.parts.get(..idx).is_some_and(|before| {
            before.iter().any(|p| p.header.doc_type.as_ref().is_some_and(|t| t.value == DocKind::QuyetDinh))
        }) || part
            .header
            .summary
            .is_some_and(|s| doc.slice(s).to_lowercase().contains("kèm theo"));
        if attached {
            return;
        }
        if part.recipients.is_none() {
            sink.report(
                anchor,
                Message::new(
                    "Kế hoạch thiếu phần \"Nơi nhận\" (kết thúc bằng \"- Lưu: VT, …\").",
                    "The plan has no recipients (\"Nơi nhận\", ending with \"- Lưu: VT, …\").",
                ),
            );
        }
        let Some(sig) = &part.signature else {
            sink.report(
                anchor,
                Message::new(
                    "Kế hoạch thiếu phần chữ ký (thẩm quyền, chức vụ, họ tên người ký).",
                    "The plan has no signature block (authority, title, signer's name).",
                ),
            );
            return;
        };
        let titles: String = sig.titles.iter().map(|&t| doc.slice(t)).collect::<Vec<_>>().join("\n");
        let authorities = authority_prefixes(doc, sig);
        let deputy = self.deputy.find_iter(&Folded::new(&titles)).next().is_some();
        if deputy && !authorities.contains(&Authority::Kt) {
            sink.report(
                sig.span,
                Message::new(
                    "Cấp phó ký thay người đứng đầu phải ghi \"KT.\" trước chức vụ của người đứng đầu (ví dụ \"KT. CHỦ TỊCH\").",
                    "A deputy signing for the head writes \"KT.\" before the head's title (e.g. \"KT. CHỦ TỊCH\").",
                ),
            );
        }
        let collective = titles.to_lowercase().contains("ủy ban nhân dân")
            || titles.to_lowercase().contains("uỷ ban nhân dân");
        if collective && !authorities.contains(&Authority::Tm) {
            sink.report(
                sig.span,
                Message::new(
                    "Ký thay mặt tập thể (Ủy ban nhân dân) phải ghi \"TM.\" trước tên tập thể (\"TM. ỦY BAN NHÂN DÂN\").",
                    "Signing on behalf of a collective body (the People's Committee) needs \"TM.\" before its name.",
                ),
            );
        }
    }
}

/// Every authority prefix of a signature block: the parsed one and those that open its title
/// lines ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"), whatever their case or full stop.
pub fn authority_prefixes(doc: &Document, sig: &rasoat_doc::Signature) -> Vec<Authority> {
    let mut out: Vec<Authority> = sig.authority.iter().map(|a| a.value).collect();
    for &t in &sig.titles {
        if let Some((a, _)) = leading_authority(doc.slice(t)) {
            out.push(a);
        }
    }
    out
}

/// The authority prefix at the start of a line and its length in bytes: "TM.", "Tm", "KT "…
pub fn leading_authority(line: &str) -> Option<(Authority, usize)> {
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let skipped = line.len() - trimmed.len();
    let word_len: usize = trimmed.chars().take_while(char::is_ascii_alphabetic).map(char::len_utf8).sum();
    let word = trimmed.get(..word_len)?;
    let a = match word.to_ascii_uppercase().as_str() {
        "TM" => Authority::Tm,
        "KT" => Authority::Kt,
        "Q" => Authority::Q,
        "TL" => Authority::Tl,
        "TUQ" => Authority::Tuq,
        _ => return None,
    };
    let rest = trimmed.get(word_len..).unwrap_or("");
    // A prefix is followed by its full stop or a space, then the title.
    let len = if rest.starts_with('.') {
        word_len + 1
    } else if rest.starts_with(' ') || rest.is_empty() {
        word_len
    } else {
        return None;
    };
    Some((a, skipped + len))
}

impl Default for RequiredParts {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for RequiredParts {
    fn id(&self) -> &str {
        "structure/required-parts"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for (idx, part) in doc.parts.iter().enumerate() {
            if part.header.doc_type.as_ref().is_some_and(|t| t.value == DocKind::KeHoach) {
                self.check_plan(doc, idx, part, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    const HEAD: &str =
        "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện\n\n";
    const TAIL: &str =
        "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n";

    fn run(body: &str, tail: &str) -> Vec<String> {
        run_on_text(&RequiredParts::new(), &format!("{HEAD}{body}{tail}"))
            .into_iter()
            .map(|d| d.message.vi)
            .collect()
    }

    #[test]
    fn leading_authority_reads_prefixes() {
        assert_eq!(leading_authority("TM. ỦY BAN NHÂN DÂN"), Some((Authority::Tm, 3)));
        assert_eq!(leading_authority("**Tm ỦY BAN"), Some((Authority::Tm, 4)));
        assert_eq!(leading_authority("KT. CHỦ TỊCH").map(|a| a.0), Some(Authority::Kt));
        assert_eq!(leading_authority("CHỦ TỊCH"), None);
        assert_eq!(leading_authority("TMX"), None);
    }

    #[test]
    fn synonyms_satisfy_sections() {
        let body = "A. MỤC TIÊU\n\nX.\n\nB. NỘI DUNG\n\nY.\n\nC. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Tài chính bố trí kinh phí.\n\n";
        assert!(run(body, TAIL).is_empty(), "{:?}", run(body, TAIL));
    }

    #[test]
    fn missing_sections_are_named() {
        let f = run("I. MỤC ĐÍCH, YÊU CẦU\n\nX.\n\nII. NHIỆM VỤ\n\nY.\n\n", TAIL);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().any(|m| m.contains("kinh phí")));
        assert!(f.iter().any(|m| m.contains("tổ chức thực hiện")));
    }

    #[test]
    fn deputy_without_kt() {
        let body = "I. MỤC ĐÍCH\n\nII. NHIỆM VỤ\n\nIII. KINH PHÍ\n\nIV. TỔ CHỨC THỰC HIỆN\n\n";
        let tail = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n";
        let f = run(body, tail);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("KT."));
    }

    #[test]
    fn other_documents_are_not_plans() {
        let text =
            "Số: 12/QĐ-UBND\n\nHải An, ngày 05 tháng 5 năm 2026\n\nQUYẾT ĐỊNH\n\nVề việc X\n\nĐiều 1. Y.\n";
        assert!(run_on_text(&RequiredParts::new(), text).is_empty());
    }
}
