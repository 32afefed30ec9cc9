//! `citation/malformed-number`: a cited number and symbol that is not well formed — stray
//! spaces ("226- KL/TW"), a normative document without its year ("Nghị định số 118/NĐ-CP"),
//! or a kind whose symbol disagrees with the number ("Nghị định số 12/QĐ-CP").

use std::sync::Arc;

use rasoat_doc::{Citation, DocKind, Document};

use super::Registry;
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct MalformedNumber {
    registry: Arc<Registry>,
    docs: RuleDocs,
}

impl MalformedNumber {
    pub fn new(registry: Arc<Registry>) -> Self {
        let docs = RuleDocs {
            summary: Message::new(
                "Số, ký hiệu văn bản được trích dẫn sai thể thức: có dấu cách thừa, văn bản quy phạm pháp luật thiếu năm ban hành, hoặc ký hiệu không khớp loại văn bản.",
                "A cited document number is malformed: stray spaces, a normative document without its year, or a symbol that does not match the document kind.",
            ),
            why: Message::new(
                "Số, ký hiệu là căn cứ để tra cứu văn bản; viết sai thì không tra cứu được và có thể dẫn nhầm sang văn bản khác.",
                "The number and symbol identify the document; a malformed one cannot be looked up and may point at another document.",
            ),
            legal_basis: "Nghị định số 30/2020/NĐ-CP, Phụ lục I (số, ký hiệu văn bản; văn bản quy phạm pháp luật ghi năm ban hành)".to_owned(),
            examples: vec![
                Example {
                    bad: "Tiếp tục thực hiện Nghị định số 118/NĐ-CP ngày 09/6/2025 của Chính phủ.\n".to_owned(),
                    good: "Tiếp tục thực hiện Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ.\n".to_owned(),
                },
                Example {
                    bad: "Quán triệt Kết luận số 226- KL/TW ngày 11/12/2025 của Ban Bí thư.\n".to_owned(),
                    good: "Quán triệt Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư.\n".to_owned(),
                },
            ],
            source: "built-in".to_owned(),
        };
        Self { registry, docs }
    }
}

/// Kinds whose documents are always normative and so carry the year in their number.
fn always_normative(kind: DocKind) -> bool {
    matches!(kind, DocKind::NghiDinh | DocKind::ThongTu)
}

/// The first segment of a symbol ("QĐ-TTg" → "QĐ", "KL/TW" → "KL").
fn symbol_head(symbol: &str) -> String {
    symbol.split(['-', '/']).next().unwrap_or("").trim().to_uppercase()
}

/// Whether the symbol fits the kind. Resolutions of the National Assembly and its Standing
/// Committee carry no "NQ" ("110/2023/QH15", "35/2023/UBTVQH15"); joint circulars start
/// with the kind's symbol ("TTLT").
fn symbol_fits(kind: DocKind, symbol: &str) -> bool {
    let Some(expected) = kind.symbol() else { return true };
    let head = symbol_head(symbol);
    if head.is_empty() {
        return true;
    }
    if kind == DocKind::NghiQuyet && (head.starts_with("QH") || head.starts_with("UBTVQH")) {
        return true;
    }
    head.starts_with(&expected.to_uppercase())
}

impl MalformedNumber {
    fn check_one(&self, c: &Citation, sink: &mut Sink) {
        let written = &c.number_text.value;
        let span = c.number_text.span;
        if written.chars().any(char::is_whitespace) {
            let fixed: String = written.chars().filter(|ch| !ch.is_whitespace()).collect();
            // A space after a hyphen ("NĐ- CP") is what a line wrapped at the hyphen leaves in
            // an exported table cell: likely, not certain, so a warning. A space elsewhere
            // ("263 /KH-UBND") was typed.
            let wrap_like = written.split_whitespace().count() == 2
                && written.split_whitespace().next().is_some_and(|w| w.ends_with('-'));
            let severity = if wrap_like { Severity::Warning } else { Severity::Error };
            sink.report_with(
                span,
                Message::new(
                    format!("Số, ký hiệu “{written}” có dấu cách thừa: viết liền “{fixed}”."),
                    format!("The number “{written}” contains stray spaces: write “{fixed}”."),
                ),
                severity,
            )
            .suggest(fixed, false);
        }
        let head = symbol_head(&c.symbol);
        if head.starts_with(|ch: char| ch.is_ascii_digit()) {
            // "49/2025TT-BCT", "255/2025-NĐ-CP": a year glued to the symbol. Any other digits
            // there ("1/2") are not a document number at all.
            let year_glued =
                head.get(..4).is_some_and(|y| y.parse::<i32>().is_ok_and(|y| (1945..=2100).contains(&y)));
            // "107/2025" alone is a letter numbered by year, not a glued symbol.
            let has_symbol =
                c.symbol.trim().get(4..).is_some_and(|rest| rest.chars().any(char::is_alphabetic));
            if year_glued && has_symbol && !written.chars().any(char::is_whitespace) {
                sink.report(
                    span,
                    Message::new(
                        format!("Số, ký hiệu “{written}” sai cấu trúc: năm ban hành và ký hiệu phải cách nhau bằng dấu “/” (ví dụ 49/2025/TT-BCT)."),
                        format!("The number “{written}” is malformed: the year and the symbol must be separated by “/” (e.g. 49/2025/TT-BCT)."),
                    ),
                );
            }
            return;
        }
        if c.year.is_none()
            && let Some(number) = c.number.as_deref()
        {
            let known: Vec<&super::Known> = self.registry.by_number(number, &c.symbol).collect();
            let normative = always_normative(c.kind) || known.iter().any(|k| k.normative);
            if normative {
                let d = sink.report(
                    span,
                    Message::new(
                        format!("Văn bản quy phạm pháp luật phải ghi năm ban hành trong số, ký hiệu: “{written}” thiếu năm."),
                        format!("A normative document's number must carry its year: “{written}” has none."),
                    ),
                );
                if let [only] = known.as_slice() {
                    d.suggest(only.key.clone(), false);
                }
            }
        }
        // Before the 2004 rules, decisions of the Prime Minister were numbered "769/TTg".
        let old_style = c.date.as_ref().is_some_and(|d| d.value.year < 2004);
        if !old_style
            && !symbol_fits(c.kind, &c.symbol)
            && let Some(expected) = c.kind.symbol()
        {
            let got = symbol_head(&c.symbol);
            sink.report(
                span,
                Message::new(
                    format!("Ký hiệu “{got}” không khớp loại văn bản (loại này có ký hiệu “{expected}”): kiểm tra lại loại hoặc số, ký hiệu."),
                    format!("Symbol “{got}” does not match the document kind (expected “{expected}”): check the kind or the number."),
                ),
            );
        }
    }
}

impl Rule for MalformedNumber {
    fn id(&self) -> &str {
        "citation/malformed-number"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let mut seen = std::collections::HashSet::new();
        for c in &doc.facts.citations {
            // A number mistyped the same way ten times is one finding.
            if seen.insert(c.number_text.value.as_str()) {
                self.check_one(c, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn rule() -> MalformedNumber {
        MalformedNumber::new(super::super::tests::registry())
    }

    #[test]
    fn symbol_fit() {
        assert!(symbol_fits(DocKind::NghiDinh, "NĐ-CP"));
        assert!(!symbol_fits(DocKind::NghiDinh, "QĐ-UBND"));
        assert!(symbol_fits(DocKind::NghiQuyet, "QH15"));
        assert!(symbol_fits(DocKind::KetLuan, "KL/TW"));
        assert!(symbol_fits(DocKind::ThongTu, "TTLT-BTC-BNV"));
        assert!(symbol_fits(DocKind::Other, "HD/TW"));
    }

    #[test]
    fn missing_year_suggests_the_registry_number() {
        let found = run_on_text(&rule(), "Thực hiện Nghị định số 118/NĐ-CP ngày 09/6/2025 của Chính phủ.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let Some(d) = found.first() else { panic!() };
        assert_eq!(d.suggestions.first().map(|s| s.replacement.as_str()), Some("118/2025/NĐ-CP"));
    }

    #[test]
    fn non_normative_numbers_need_no_year() {
        let text = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ; Nghị quyết số 110/2023/QH15 ngày 29/11/2023 của Quốc hội.\n";
        assert!(run_on_text(&rule(), text).is_empty());
    }

    #[test]
    fn glued_year_is_one_finding_and_old_style_numbers_pass() {
        let found =
            run_on_text(&rule(), "Theo Thông tư số 49/2025TT-BCT ngày 01/9/2025 của Bộ Công Thương.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        let old = "Theo Quyết định số 769/TTg ngày 18 tháng 9 năm 1997 của Thủ tướng Chính phủ.\n";
        assert!(run_on_text(&rule(), old).is_empty());
        let letter = "Trả lời công văn số 107/2025 ngày 05/11/2025 của Công ty TNHH Hanesbrands Việt Nam.\n";
        assert!(run_on_text(&rule(), letter).is_empty());
    }

    #[test]
    fn stray_spaces_and_wrong_symbol() {
        let found = run_on_text(
            &rule(),
            "Kèm theo Kế hoạch số 263 /KH-UBND ngày 08/5/2026 của Ủy ban nhân dân thành phố.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let found =
            run_on_text(&rule(), "Thực hiện Nghị định số 12/2025/QĐ-CP ngày 01/02/2025 của Chính phủ.\n");
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
