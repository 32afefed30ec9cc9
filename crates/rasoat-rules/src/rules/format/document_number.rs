//! `format/document-number`: the `Số: 05/KH-UBND` line.

use std::sync::LazyLock;

use rasoat_doc::{DocKind, Document, Part, Span};
use regex::Regex;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct DocumentNumber {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| {
    RuleDocs {
    summary: Message::new(
        "Dòng \"Số:\" đúng thể thức: ký hiệu viết liền không có dấu cách, số nhỏ hơn 10 có số 0 phía trước, văn bản hành chính không ghi năm trong số ký hiệu, chữ viết tắt tên loại khớp với tên loại văn bản.",
        "The \"Số:\" line: no spaces inside the symbol, numbers below 10 with a leading 0, no year in an administrative document's symbol, and the type abbreviation matching the document's type.",
    ),
    why: Message::new(
        "Số, ký hiệu là căn cứ để dẫn chiếu, tra cứu, quản lý văn bản; ký hiệu sai thể thức làm sai lệch sổ đăng ký và các văn bản dẫn chiếu về sau.",
        "The number and symbol identify the document in registers and in every later citation; a malformed one propagates.",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 8 khoản 3 và Phụ lục I, mục II.3 (số, ký hiệu của văn bản); Phụ lục III (chữ viết tắt tên loại văn bản)".into(),
    examples: vec![
        Example { bad: "Số: /KH- SXD\n\nKẾ HOẠCH\n".into(), good: "Số: /KH-SXD\n\nKẾ HOẠCH\n".into() },
        Example {
            bad: "Số /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n".into(),
            good: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n".into(),
        },
        Example { bad: "Số: 5/KH-UBND\n\nKẾ HOẠCH\n".into(), good: "Số: 05/KH-UBND\n\nKẾ HOẠCH\n".into() },
        Example { bad: "Số: 12/2026/KH-UBND\n\nKẾ HOẠCH\n".into(), good: "Số: 12/KH-UBND\n\nKẾ HOẠCH\n".into() },
    ],
    source: "built-in".into(),
}
});

/// Kinds that are never legal normative documents, so their symbol never carries a year
/// (Quyết định, Nghị quyết, Thông tư… may be normative and then must carry it).
fn never_normative(kind: DocKind) -> bool {
    matches!(
        kind,
        DocKind::KeHoach | DocKind::ThongBao | DocKind::BaoCao | DocKind::ChuongTrinh | DocKind::CongVan
    )
}

/// A number line without its colon ("Số /KH-UBND", "Số 12/QĐ-UBND"), which the parser does
/// not take for one. Party documents write "Số 60-NQ/TW" (a hyphen, no slash after the
/// number) and are not matched.
static NO_COLON: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*\**(Số|SỐ)\s+\d*\s*/\s*\p{Lu}").ok());

impl DocumentNumber {
    pub fn new() -> Self {
        DocumentNumber { docs: DOCS.clone() }
    }

    /// When the parser found no number line, look for one written without its colon in the
    /// part's first lines.
    fn check_missing_colon(&self, doc: &Document, part: &Part, sink: &mut Sink) {
        let Some(re) = NO_COLON.as_ref() else { return };
        let end = part.header.doc_type.as_ref().map_or(part.span.end, |t| t.span.start);
        let first = doc.lines.partition_point(|l| l.end < part.span.start);
        let lines = doc.lines.get(first..).unwrap_or(&[]).iter().take_while(|l| l.start < end).take(16);
        for line in lines {
            let text = doc.slice(*line);
            let Some(m) = re.captures(text).and_then(|c| c.get(1)) else { continue };
            let at = Span::new(line.start + m.start(), line.start + m.end());
            sink.report(
                at,
                Message::new(
                    "Sau chữ \"Số\" phải có dấu hai chấm: \"Số: …/…\".",
                    "\"Số\" is followed by a colon: \"Số: …/…\".",
                ),
            )
            .suggest("Số:", true);
            return;
        }
    }

    fn check_part(&self, doc: &Document, part: &Part, sink: &mut Sink) {
        let Some(num) = &part.header.number else {
            self.check_missing_colon(doc, part, sink);
            return;
        };
        let kind = part.header.doc_type.as_ref().map(|t| t.value);
        let symbol_span = symbol_extent(doc.slice(num.symbol.span), num.symbol.span);
        let symbol = doc.slice(symbol_span);

        if symbol.chars().any(char::is_whitespace) {
            let fixed: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
            sink.report(
                symbol_span,
                Message::new(
                    format!("Ký hiệu văn bản \"{symbol}\" có dấu cách; viết liền: \"{fixed}\"."),
                    format!("The document symbol \"{symbol}\" contains spaces; write \"{fixed}\"."),
                ),
            )
            .suggest(fixed, true);
        }

        if let Some(n) = &num.number {
            let digits = doc.slice(n.span);
            if digits.len() == 1 && digits != "0" {
                sink.report(
                    n.span,
                    Message::new(
                        format!("Số văn bản nhỏ hơn 10 phải có số 0 phía trước: \"0{digits}\"."),
                        format!("A document number below 10 takes a leading zero: \"0{digits}\"."),
                    ),
                )
                .suggest(format!("0{digits}"), false);
            }
        }

        // "2026/KH-UBND": a year before the type abbreviation.
        let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
        let (year, rest) = match compact.split_once('/') {
            Some((y, r)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => (Some(y), r),
            _ => (None, compact.as_str()),
        };
        if let (Some(y), Some(k)) = (year, kind)
            && never_normative(k)
        {
            sink.report(
                symbol_span,
                Message::new(
                    format!("Văn bản hành chính không ghi năm ban hành trong số, ký hiệu; bỏ \"{y}/\": \"{rest}\"."),
                    format!("An administrative document's symbol carries no year; drop \"{y}/\": \"{rest}\"."),
                ),
            )
            .suggest(rest.to_string(), false);
        }

        // The abbreviation of the type comes first ("KH-UBND" for a Kế hoạch).
        if let Some(k) = kind
            && let Some(abbr) = k.symbol()
            && let Some(first) = rest.split(['-', '/']).next()
            && !first.is_empty()
            && first.chars().all(char::is_alphabetic)
            && !first.to_uppercase().starts_with(&abbr.to_uppercase())
            // A consolidated text (văn bản hợp nhất) keeps the type of the text it consolidates.
            && !first.eq_ignore_ascii_case("VBHN")
        {
            sink.report_with(
                symbol_span,
                Message::new(
                    format!("Ký hiệu \"{symbol}\" không khớp tên loại văn bản: {} viết tắt là \"{abbr}\".", DocKind::name_vi(k)),
                    format!("The symbol \"{symbol}\" does not match the document type: its abbreviation is \"{abbr}\"."),
                ),
                Severity::Warning,
            );
        }
    }
}

/// The symbol proper within what follows the `/`: a later word joins it only across a
/// hyphen or slash ("KH- SXD" is one symbol written with a stray space), so a summary run
/// onto the line ("SGDĐT-GDTXNNĐH Về hướng dẫn…") is left out.
fn symbol_extent(text: &str, span: rasoat_doc::Span) -> rasoat_doc::Span {
    let mut end = 0;
    let mut prev: Option<&str> = None;
    for (i, piece) in text.split_whitespace().map(|p| (p.as_ptr() as usize - text.as_ptr() as usize, p)) {
        let joins = prev.is_none_or(|p| p.ends_with(['-', '/']) || piece.starts_with(['-', '/']));
        if !joins {
            break;
        }
        end = i + piece.len();
        prev = Some(piece);
    }
    rasoat_doc::Span::new(span.start, span.start + end)
}

impl Default for DocumentNumber {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for DocumentNumber {
    fn id(&self) -> &str {
        "format/document-number"
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

    fn run(text: &str) -> Vec<(String, Vec<String>)> {
        run_on_text(&DocumentNumber::new(), text)
            .into_iter()
            .map(|d| (d.message.vi, d.suggestions.into_iter().map(|s| s.replacement).collect()))
            .collect()
    }

    #[test]
    fn blank_draft_number_is_fine() {
        assert!(run("Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n").is_empty());
    }

    #[test]
    fn space_in_symbol() {
        let f = run("Số: /KH- SXD\n\nKẾ HOẠCH\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["KH-SXD".to_string()]);
    }

    #[test]
    fn normative_decision_keeps_its_year() {
        assert!(run("Số: 87/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n").is_empty());
        assert_eq!(run("Số: 87/2025/KH-UBND\n\nKẾ HOẠCH\n").len(), 1);
    }

    #[test]
    fn wrong_abbreviation() {
        let f = run("Số: 12/QĐ-UBND\n\nKẾ HOẠCH\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(run("Số: 12/TTLT-BTC-BNV\n\nTHÔNG TƯ\n").is_empty());
    }

    #[test]
    fn missing_colon() {
        let f = run("Số /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["Số:".to_string()]);
        // A Party document's number has no colon by its own rules.
        assert!(
            run("ĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 221-KL/TW\n\nHà Nội, ngày 28 tháng 11 năm 2025\n\nKẾT LUẬN\n")
                .is_empty()
        );
    }

    #[test]
    fn leading_zero() {
        let f = run("Số: 7/KH-UBND\n\nKẾ HOẠCH\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["07".to_string()]);
    }
}
