//! `citation/incomplete`: the first citation of a document whose number carries no year
//! ("Nghị quyết số 76/NQ-CP", "Kết luận số 226-KL/TW") gives no date, so the reader cannot
//! tell which document it is. Later citations may be short. Numbers with their year
//! ("118/2025/NĐ-CP") identify the document by themselves and are left alone.

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
                "Lần trích dẫn đầu tiên của một văn bản (số, ký hiệu không có năm) thiếu ngày ban hành.",
                "The first citation of a document whose number has no year lacks its date.",
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

/// Whether the date of the next citation covers this one too: "Tờ trình số 368/TTr-CP và Đề
/// án số 369/ĐA-CP ngày 09 tháng 5 năm 2025".
fn shares_next_date(doc: &Document, c: &Citation, next: Option<&Citation>) -> bool {
    let Some(next) = next.filter(|n| n.date.is_some()) else { return false };
    let between = doc.text.get(c.span.end..next.span.start).unwrap_or("x").trim();
    between.is_empty() || between == "và" || between == ","
}

/// The document's own numbers ("263/KH-UBND"), as canonical keys: a citation of one of them
/// is the document itself (its own number in an appendix line).
fn own_number_keys(doc: &Document) -> Vec<String> {
    doc.parts
        .iter()
        .filter_map(|p| p.header.number.as_ref())
        .map(|n| {
            let own = format!("{}/{}", n.number.as_ref().map_or("", |x| x.value.as_str()), n.symbol.value);
            canonical_key(&own)
        })
        .collect()
}

/// Whether the citation is the document's own reference line ("(Kèm theo Kế hoạch số …)"),
/// which by design gives only number and date.
fn is_attachment_line(doc: &Document, c: &Citation) -> bool {
    let before = doc.text.get(..c.span.start).unwrap_or("");
    // The last 24 characters before the citation.
    let from = before.char_indices().rev().take(24).last().map_or(before.len(), |(i, _)| i);
    before.get(from..).unwrap_or("").to_lowercase().contains("kèm theo")
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
        let citations = &doc.facts.citations;
        // Canonical number keys, once per citation ("76/NQ-CP" and "76/NQ-Cp" are one document).
        let keys: Vec<String> = citations.iter().map(|c| canonical_key(&c.number_text.value)).collect();
        let own = own_number_keys(doc);
        let mut seen: HashSet<&str> = HashSet::new();
        // (kind, number) of every document cited so far: a later short reference by number
        // alone ("Kế hoạch số 144") is to one of them.
        let mut numbers: HashSet<(DocKind, &str)> = HashSet::new();
        // Where each document is first cited with its date, to point the reader there.
        let mut dated: std::collections::HashMap<&str, rasoat_text::Span> = std::collections::HashMap::new();
        for (c, key) in citations.iter().zip(&keys) {
            if c.date.is_some() {
                dated.entry(key.as_str()).or_insert(c.span);
            }
        }
        for (i, (c, key)) in citations.iter().zip(&keys).enumerate() {
            let number = c.number.as_deref().unwrap_or_default();
            let short = c.symbol.trim().is_empty() && numbers.contains(&(c.kind, number));
            numbers.insert((c.kind, number));
            if short || !seen.insert(key.as_str()) || is_attachment_line(doc, c) {
                continue;
            }
            if own.contains(key) {
                continue;
            }
            // A number with its year identifies a normative document by itself (and since
            // Nghị định 78/2025/NĐ-CP its "Căn cứ" lines carry no date); without the year
            // ("76/NQ-CP", "226-KL/TW") only the date does. A number without a symbol, or with
            // digits for one ("1/2"), is not a document number.
            let symbol = c.symbol.trim();
            if c.year.is_some()
                || c.date.is_some()
                || symbol.is_empty()
                || symbol.starts_with(|ch: char| ch.is_ascii_digit())
                || symbol.chars().all(|ch| !ch.is_alphabetic())
                || shares_next_date(doc, c, citations.get(i + 1))
            {
                continue;
            }
            let no_issuer = c.issuer.is_none() && c.kind != DocKind::Luat && !issuer_in_symbol(c);
            let (vi, en) = if no_issuer {
                ("ngày ban hành và cơ quan ban hành", "its date and issuer")
            } else {
                ("ngày ban hành", "its date")
            };
            let number = &c.number_text.value;
            let d = sink.report(
                c.span,
                Message::new(
                    format!("Lần đầu trích dẫn văn bản số {number} cần ghi {vi}."),
                    format!("The first citation of document {number} should give {en}."),
                ),
            );
            if let Some(&later) = dated.get(key.as_str()) {
                d.relate(
                    later,
                    Message::new(
                        "trích dẫn đầy đủ ở sau: chuyển lên lần đầu",
                        "the full citation comes later: move it first",
                    ),
                );
            }
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
        let text = "Theo Kế hoạch số 144/KH-UBND, triển khai ngay.\n\nThực hiện Kế hoạch số 144/KH-UBND ngày 21/4/2026 của UBND thành phố.\n";
        let found = run_on_text(&Incomplete::new(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found.first().map(|d| d.related.len()), Some(1));
        // A yearless number needs its date even with the issuer.
        let text = "Gắn với Nghị quyết số 76/NQ-CP của Chính phủ.\n";
        let found = run_on_text(&Incomplete::new(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        let Some(d) = found.first() else { panic!() };
        assert!(d.message.vi.contains("ngày ban hành"));
    }

    #[test]
    fn a_short_reference_by_number_after_a_full_citation_is_fine() {
        let text = "Thực hiện Kế hoạch số 144/KH-UBND ngày 21/4/2026 của Ủy ban nhân dân thành phố;\n\nQuán triệt Kế hoạch số 144 của Ủy ban nhân dân thành phố.\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }

    #[test]
    fn numbers_with_their_year_identify_the_document() {
        let text = "Căn cứ Nghị định số 78/2025/NĐ-CP quy định chi tiết; Nghị định số 60/2021/NĐ-CP ngày 21/6/2021.\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }

    #[test]
    fn a_date_shared_with_the_next_citation_counts() {
        let text = "Xét đề nghị của Chính phủ tại Tờ trình số 368/TTr-CP và Đề án số 369/ĐA-CP ngày 09 tháng 5 năm 2025.\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }

    #[test]
    fn national_assembly_resolutions_and_attachment_lines_are_fine() {
        let text = "Căn cứ Nghị quyết số 110/2023/QH15 ngày 29/11/2023;\n\n(Kèm theo Kế hoạch số 263/KH-UBND ngày 08/5/2026)\n";
        assert!(run_on_text(&Incomplete::new(), text).is_empty());
    }
}
