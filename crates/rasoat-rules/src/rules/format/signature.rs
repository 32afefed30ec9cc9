//! `format/signature`: the signer's authority prefix ("TM.", "KT.", "Q.", "TL.", "TUQ.") is in
//! upper case with a full stop, and no academic title stands before the signer's name.

use std::sync::LazyLock;

use rasoat_doc::{Authority, Document, Part, Span};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};
use crate::rules::structure::required_parts::leading_authority;

pub struct SignatureRule {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| {
    RuleDocs {
    summary: Message::new(
        "Quyền hạn ký viết in hoa, có dấu chấm (TM., KT., Q., TL., TUQ.); không ghi học hàm, học vị (TS., ThS.…) trước họ tên người ký.",
        "The signing authority is upper case with a full stop (TM., KT., Q., TL., TUQ.); no academic title (TS., ThS.…) before the signer's name.",
    ),
    why: Message::new(
        "Quyền hạn ký thể hiện tư cách pháp lý của người ký (thay mặt tập thể, ký thay, thừa lệnh…); họ tên người ký chỉ gồm họ, tên đệm và tên, không kèm học hàm, học vị.",
        "The authority states in what capacity the document is signed; the signer's name is the plain full name, without academic titles.",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 13 và Phụ lục I, mục II.7 (chức vụ, họ tên và chữ ký của người có thẩm quyền)".into(),
    examples: vec![
        Example {
            bad: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nTm ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
            good: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
        },
        Example {
            bad: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nTS. Nguyễn Văn An\n".into(),
            good: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n".into(),
        },
    ],
    source: "built-in".into(),
}
});

fn canonical(a: Authority) -> &'static str {
    match a {
        Authority::Tm => "TM.",
        Authority::Kt => "KT.",
        Authority::Q => "Q.",
        Authority::Tl => "TL.",
        Authority::Tuq => "TUQ.",
    }
}

/// Academic titles and degrees that must not precede the signer's name, longest first so
/// "PGS.TS." is removed whole.
const ACADEMIC: [&str; 14] = [
    "PGS.TS.",
    "GS.TS.",
    "PGS. TS.",
    "GS. TS.",
    "TSKH.",
    "PGS.",
    "ThS.",
    "Ths.",
    "GS.",
    "TS.",
    "Tiến sĩ ",
    "Thạc sĩ ",
    "Giáo sư ",
    "Phó Giáo sư ",
];

/// The academic title at the start of a name line and the name after it.
pub fn academic_prefix(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let title = ACADEMIC.iter().find(|t| line.starts_with(**t))?;
    let name =
        line.get(title.len()..)?.trim_start().trim_end_matches(|c: char| c.is_whitespace() || c == '*');
    // A name follows: a capitalised word.
    name.starts_with(char::is_uppercase).then_some((title, name))
}

impl SignatureRule {
    pub fn new() -> Self {
        SignatureRule { docs: DOCS.clone() }
    }

    /// The lines that may hold a signature block: the parsed block, and the first lines
    /// after the recipients (a block whose prefix is malformed, "Tm ỦY BAN…", is not
    /// recognised as one, which is exactly when it needs reporting).
    fn candidate_lines(doc: &Document, part: &Part) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        let next_lines = |from: usize, n: usize| {
            let i = doc.lines.partition_point(|l| l.start < from);
            doc.lines
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(|l| !doc.slice(*l).trim().is_empty())
                .take(n)
        };
        if let Some(sig) = &part.signature {
            out.extend(super::lines_in(doc, sig.span));
            if sig.name.is_none() {
                out.extend(next_lines(sig.span.end, 3));
            }
        }
        if let Some(rec) = &part.recipients {
            out.extend(next_lines(rec.span.end, 4));
        }
        out.sort_by_key(|l| l.start);
        out.dedup();
        out
    }

    fn check_part(&self, doc: &Document, part: &Part, sink: &mut Sink) {
        let mut academic_done = false;
        for line in Self::candidate_lines(doc, part) {
            let text = doc.slice(line);
            if let Some((a, len)) = leading_authority(text) {
                let lead = text.len()
                    - text.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_').len();
                let prefix_span = Span::new(line.start + lead, line.start + len);
                let written = doc.slice(prefix_span);
                let want = canonical(a);
                // The title after the prefix is upper case ("TM. ỦY BAN NHÂN DÂN"): a line
                // of prose that happens to start with "Tl" is not a signature.
                let title = text.get(len..).unwrap_or("").trim_start();
                let first_word = title.split_whitespace().next().unwrap_or("");
                let upper_title =
                    first_word.starts_with(char::is_uppercase) && !first_word.chars().any(char::is_lowercase);
                if written != want && upper_title {
                    sink.report(
                        prefix_span,
                        Message::new(
                            format!(
                                "Quyền hạn ký viết in hoa và có dấu chấm: \"{want}\", không phải \"{written}\"."
                            ),
                            format!(
                                "The signing authority is upper case with a full stop: \"{want}\", not \"{written}\"."
                            ),
                        ),
                    )
                    .suggest(want, true);
                }
            }
            if !academic_done && let Some((title, name)) = academic_prefix(text) {
                academic_done = true;
                let title = title.trim();
                sink.report(
                    line,
                    Message::new(
                        format!("Không ghi học hàm, học vị \"{title}\" trước họ tên người ký: \"{name}\"."),
                        format!("No academic title \"{title}\" before the signer's name: \"{name}\"."),
                    ),
                )
                .suggest(name.to_string(), false);
            }
        }
    }
}

impl Default for SignatureRule {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for SignatureRule {
    fn id(&self) -> &str {
        "format/signature"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for part in &doc.parts {
            if !super::is_party(doc, part) {
                self.check_part(doc, part, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn academic_prefixes() {
        assert_eq!(academic_prefix("TS. Nguyễn Văn An"), Some(("TS.", "Nguyễn Văn An")));
        assert_eq!(academic_prefix("PGS.TS. Lê Văn B"), Some(("PGS.TS.", "Lê Văn B")));
        assert_eq!(academic_prefix("Nguyễn Văn An"), None);
        assert_eq!(academic_prefix("TSKH"), None);
    }

    #[test]
    fn well_formed_block_passes() {
        let text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nBùi Quang Ngân\n";
        assert!(run_on_text(&SignatureRule::new(), text).is_empty());
    }

    #[test]
    fn authority_without_full_stop() {
        let text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nTM. ỦY BAN NHÂN DÂN\nKT CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nBùi Quang Ngân\n";
        let f = run_on_text(&SignatureRule::new(), text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].suggestions.first().map(|s| s.replacement.as_str()), Some("KT."));
    }
}
