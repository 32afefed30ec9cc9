//! `encoding/legacy-font`: text typed in the pre-Unicode TCVN3 (ABC) or VNI fonts.
//!
//! Such text decodes into plausible noise ("Céng hßa x· héi", "Coäng hoøa"): every other
//! rule would report hundreds of meaningless findings, so the text layer flags the document
//! and this rule says it ONCE, at the start. The other text rules stay quiet on such a
//! document.

use rasoat_doc::Document;
use rasoat_text::{LegacyFont, Span};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "encoding/legacy-font";

pub struct LegacyFontRule {
    docs: RuleDocs,
}

impl Default for LegacyFontRule {
    fn default() -> Self {
        Self::new()
    }
}

impl LegacyFontRule {
    pub fn new() -> Self {
        LegacyFontRule {
            docs: RuleDocs {
                summary: Message::new(
                    "Văn bản gõ bằng phông chữ cũ TCVN3 (ABC) hoặc VNI, không phải Unicode.",
                    "The text is typed in a legacy TCVN3 (ABC) or VNI font, not Unicode.",
                ),
                why: Message::new(
                    "Văn bản hành chính phải dùng phông chữ Unicode (TCVN 6909:2001); văn bản gõ bằng phông cũ hiển thị sai trên máy khác và không kiểm tra chính tả được. Cần chuyển mã sang Unicode (ví dụ bằng Unikey) rồi kiểm tra lại.",
                    "Administrative documents must use Unicode fonts (TCVN 6909:2001); legacy-font text displays wrongly elsewhere and cannot be spell-checked. Convert it to Unicode (e.g. with Unikey's converter) and check again.",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.3 (phông chữ Unicode theo TCVN 6909:2001)".to_owned(),
                examples: vec![Example {
                    bad: "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch triÓn khai thùc hiÖn".into(),
                    good: "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKế hoạch triển khai thực hiện".into(),
                }],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for LegacyFontRule {
    fn id(&self) -> &str {
        ID
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let Some(font) = doc.legacy_font else { return };
        // The first line with text: a whole-document finding points at the start.
        let text = doc.text.as_str();
        let span = doc
            .lines
            .iter()
            .copied()
            .find(|l| !l.text(text).trim().is_empty())
            .map(|l| {
                let line = l.text(text);
                let lead = line.len() - line.trim_start().len();
                Span::new(l.start + lead, l.start + line.trim_end().len())
            })
            .unwrap_or_default();
        let hint = match font {
            LegacyFont::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            LegacyFont::Vni => "VNI (phông VNI-Times)",
        };
        sink.report(
            span,
            Message::new(
                format!(
                    "Văn bản được gõ bằng bảng mã {hint}, không phải Unicode: phải chuyển mã sang Unicode (TCVN 6909:2001) trước khi ban hành; các kiểm tra chính tả đã bỏ qua văn bản này."
                ),
                format!(
                    "The text is typed in the legacy {} encoding, not Unicode: convert it to Unicode (TCVN 6909:2001) before issuing; spelling checks skipped this document.",
                    font.label()
                ),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_finding_on_the_first_line() {
        let text = "\n  Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch triÓn khai";
        let d = crate::examples::run_on_text(&LegacyFontRule::new(), text);
        assert_eq!(d.len(), 1);
        assert_eq!(d.first().map(|d| d.span.text(text)), Some("Céng hßa x· héi chñ nghÜa ViÖt Nam"));
    }

    #[test]
    fn unicode_text_is_fine() {
        assert!(
            crate::examples::run_on_text(&LegacyFontRule::new(), "Cộng hòa xã hội chủ nghĩa Việt Nam")
                .is_empty()
        );
    }
}
