//! `spelling/syllable`: syllables that break Vietnamese orthography, and raw Telex/VNI
//! keystrokes left in the text.
//!
//! Rule-based (no dictionary needed to know "kêt", "nguời", "hoaì" are impossible): onset and
//! rhyme rules, a stop final with a tone other than sắc/nặng, two tone marks, a tone mark on the
//! wrong letter (both accepted styles "hòa"/"hoà" pass). Telex/VNI leftovers ("keets",
//! "vie65t") are decoded and reported when the decoding is a common syllable. Names,
//! abbreviations, URLs, foreign lines, loanwords and ethnic place names are left alone (see
//! `rasoat_spell::orthography`).

use rasoat_doc::Document;
use rasoat_spell::FindingKind;

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/syllable";

pub struct Syllable {
    docs: RuleDocs,
}

impl Default for Syllable {
    fn default() -> Self {
        Self::new()
    }
}

impl Syllable {
    pub fn new() -> Self {
        Syllable {
            docs: RuleDocs {
                summary: Message::new(
                    "Âm tiết sai quy tắc chính tả tiếng Việt (“kêt”, “nguời”, “hoaì”) hoặc còn sót phím gõ Telex/VNI (“keets”, “vie65t”).",
                    "Syllables that break Vietnamese orthography (“kêt”, “nguời”, “hoaì”) or raw Telex/VNI keystrokes (“keets”, “vie65t”).",
                ),
                why: Message::new(
                    "Một âm tiết không thể có trong tiếng Việt luôn là lỗi gõ. Quy tắc: không có f, j, w, z; k/gh/ngh chỉ đứng trước i, y, e, ê; vần tận cùng bằng p, t, c, ch chỉ mang thanh sắc hoặc nặng; chỉ một dấu thanh, đặt trên nguyên âm chính (chấp nhận cả hai kiểu “hòa”/“hoà”).",
                    "A syllable Vietnamese cannot have is always a typing slip. Rules: no f, j, w, z; k/gh/ngh only before i, y, e, ê; a rhyme ending in p, t, c, ch takes only sắc or nặng; one tone mark, on the main vowel (both “hòa” and “hoà” styles are accepted).",
                ),
                legal_basis: "Nghị định 30/2020/NĐ-CP, Điều 3 và Phụ lục I (văn bản phải chính xác về câu chữ); cấu trúc âm tiết và vị trí dấu thanh theo quy tắc chính tả tiếng Việt hiện hành (Quyết định 240/QĐ năm 1984 của Bộ Giáo dục); chấp nhận cả hai kiểu đặt dấu “hòa”/“hoà”".to_owned(),
                examples: vec![
                    Example {
                        bad: "Tổ chức thực hiện keets luận của Ban Bí thư.".into(),
                        good: "Tổ chức thực hiện kết luận của Ban Bí thư.".into(),
                    },
                    Example {
                        bad: "Phục vụ nguời dân và doanh nghiệp.".into(),
                        good: "Phục vụ người dân và doanh nghiệp; Ủy ban, Uỷ ban, hòa, hoà, thủy, thuỷ.".into(),
                    },
                    Example {
                        bad: "Đẩy mạnh chuyển đổi số tại Vie65t Nam.".into(),
                        good: "UBND tỉnh Đắk Lắk gửi email qua https://dichvucong.gov.vn; mua ôtô, bình ôxy.".into(),
                    },
                ],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for Syllable {
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
        super::engine_findings(doc, &[FindingKind::Orthography, FindingKind::Keystrokes], |f| {
            let word = f.span.text(&doc.text);
            let message = match (&f.kind, &f.error) {
                (FindingKind::Keystrokes, _) => Message::new(
                    format!(
                        "“{word}” là phím gõ Telex/VNI chưa được chuyển thành chữ{}.",
                        f.candidates.first().map(|c| format!(": “{c}”")).unwrap_or_default()
                    ),
                    format!(
                        "“{word}” is raw Telex/VNI keystrokes{}.",
                        f.candidates.first().map(|c| format!(": “{c}”")).unwrap_or_default()
                    ),
                ),
                (_, Some(e)) => {
                    let (vi, en) = e.describe();
                    Message::new(
                        format!("“{word}” sai chính tả: {vi}."),
                        format!("“{word}” is misspelt: {en}."),
                    )
                }
                (_, None) => {
                    Message::new(format!("“{word}” sai chính tả."), format!("“{word}” is misspelt."))
                }
            };
            let safe = f.safe();
            let d = sink.report(f.span, message);
            for c in &f.candidates {
                d.suggest(c.clone(), safe);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, Vec<(String, bool)>)> {
        crate::examples::run_on_text(&Syllable::new(), text)
            .into_iter()
            .map(|d| {
                (d.message.vi.clone(), d.suggestions.into_iter().map(|s| (s.replacement, s.safe)).collect())
            })
            .collect()
    }

    #[test]
    fn leftovers_are_decoded_with_a_safe_fix() {
        let found = run("Tổ chức ddieeuf hành và trowr thành trung tâm.");
        let fixes: Vec<_> = found.iter().filter_map(|f| f.1.first().cloned()).collect();
        assert_eq!(fixes, [("điều".to_string(), true), ("trở".to_string(), true)]);
    }

    #[test]
    fn misplaced_tone_and_stop_final() {
        let found = run("Nhớ mãi hoaì niệm, không kêt thúc.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found.first().and_then(|f| f.1.first().cloned()), Some(("hoài".to_string(), true)));
        assert!(found.get(1).is_some_and(|f| f.0.contains("sắc hoặc nặng")));
    }

    #[test]
    fn names_abbreviations_and_loanwords_pass() {
        assert!(
            run("UBND tỉnh Đắk Lắk, xã Búk, huyện Krông Pắc; TTĐT; chip, internet, online, website.")
                .is_empty()
        );
        assert!(run("Ministry of Home Affairs, Socialist Republic of Viet Nam").is_empty());
    }
}
