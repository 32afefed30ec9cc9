//! `citation/incomplete`: the first citation of a document lacks its date or its issuer.
//! Later citations may be short ("Nghị định số 30/2020/NĐ-CP"); the first must let the reader
//! identify the document. Laws are cited by name and date, and resolutions of the National
//! Assembly name their issuer in the symbol ("QH15"), so neither needs "của …".

use std::collections::HashSet;

use rasoat_doc::{Citation, DocKind, Document};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};
use crate::rules::target::profile::canonical_key;

pub struct Incomplete {
    docs: RuleDocs,
}

impl Incomplete {
    pub fn new() -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Lần trích dẫn đầu tiên của một văn bản thiếu ngày ban hành hoặc cơ quan ban hành.",
                "The first citation of a document lacks its date or its issuer.",
            ),
            why: Message::new(
                "Lần dẫn đầu tiên phải ghi đủ loại, số, ký hiệu, ngày ban hành, cơ quan ban hành và trích yếu để người đọc xác định đúng văn bản.",
                "The first citation must give kind, number, date, issuer and subject so the reader can identify the document.",
            ),
            legal_basis: "Nghị định số 30/2020/NĐ-CP, Phụ lục I (viện dẫn văn bản lần đầu)".to_owned(),
            examples: vec![Example {
                bad: "Gắn với Nghị quyết số 76/NQ-CP về Chương trình tổng thể cải cách hành chính nhà nước.\n".to_owned(),
                good: "Gắn với Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về Chương trình tổng thể cải cách hành chính nhà nước.\n".to_owned(),
            }],
            source: "built-in".to_owned(),
        };
        Self { docs }
    }
}

impl Default for Incomplete {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the citation names its issuer in the number itself (Quốc hội: "…/QH15").
fn issuer_in_symbol(c: &Citation) -> bool {
    let s = c.symbol.to_uppercase();
    s.starts_with("QH") || s.starts_with("UBTVQH") || s.contains("-UBTVQH")
}

/// Whether the citation is the document's own reference line ("(Kèm theo Kế hoạch số …)"),
/// which by design gives only number and date.
fn is_attachment_line(doc: &Document, c: &Citation) -> bool {
    let before = doc.text.get(..c.span.start).unwrap_or("");
    let tail: String = before.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
    tail.to_lowercase().contains("kèm theo")
}

impl Rule for Incomplete {
    fn id(&self) -> &str {
        "citation/incomplete"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let mut seen: HashSet<String> = HashSet::new();
        for c in &doc.facts.citations {
            if !seen.insert(canonical_key(&c.number_text.value)) || is_attachment_line(doc, c) {
                continue;
            }
            let no_date = c.date.is_none();
            let no_issuer = c.issuer.is_none() && c.kind != DocKind::Luat && !issuer_in_symbol(c);
            let (vi, en) = match (no_date, no_issuer) {
                (true, true) => ("ngày ban hành và cơ quan ban hành", "its date and issuer"),
                (true, false) => ("ngày ban hành", "its date"),
                (false, true) => ("cơ quan ban hành", "its issuer"),
                (false, false) => continue,
            };
            let number = &c.number_text.value;
            sink.report(
                c.span,
                Message::new(
                    format!("Lần đầu trích dẫn văn bản số {number} cần ghi {vi}."),
                    format!("The first citation of document {number} should give {en}."),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn only_the_first_citation_must_be_complete() {
        let text = "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.\n\nTheo Nghị định số 30/2020/NĐ-CP, văn bản phải đúng thể thức.\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }

    #[test]
    fn a_short_first_citation_is_reported_once() {
        let text = "Theo Nghị định số 30/2020/NĐ-CP, văn bản phải đúng thể thức.\n\nThực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ.\n";
        let found = run_on_text(&Incomplete::new(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        let Some(d) = found.first() else { panic!() };
        assert!(d.message.vi.contains("ngày ban hành và cơ quan ban hành"));
    }

    #[test]
    fn national_assembly_resolutions_and_attachment_lines_are_fine() {
        let text = "Căn cứ Nghị quyết số 110/2023/QH15 ngày 29/11/2023;\n\n(Kèm theo Kế hoạch số 263/KH-UBND ngày 08/5/2026)\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }
}
