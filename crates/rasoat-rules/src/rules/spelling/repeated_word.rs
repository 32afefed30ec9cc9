//! `spelling/repeated-word`: the same word typed twice in a row ("Các Các", "của của").
//!
//! A frequent slip in real drafts (DOMAIN.md §5–6), usually left by editing. Only closed-class
//! words are checked (see `FUNCTION_WORDS`): content syllables repeat across word boundaries
//! all the time, and some words are doubled on purpose ("ngày ngày", "người người", "từ từ").
//! Both copies must be written alike ("ủy Ủy ban" is "Đảng ủy" + "Ủy ban") and separated by
//! spaces only (a line break, a tab between table cells or punctuation is layout).

use rasoat_doc::Document;

use crate::diagnostic::{Message, Severity};
use crate::phrase::{Folded, PhraseSet};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "spelling/repeated-word";

/// Closed-class words (lower case, NFC) whose doubling is a slip. Vietnamese words are
/// several syllables, so a syllable repeated across a word boundary is ordinary text ("hành vi
/// vi phạm", "giao thông thông minh", "mã số số 01", "Nghệ nhân nhân dân"): only words that
/// never end one word and start the next are checked. ("có" is left out: "Nếu có có thể…".)
const FUNCTION_WORDS: &[&str] = &[
    "các", "của", "và", "được", "những", "trong", "với", "đã", "sẽ", "để", "theo", "tại", "thì", "mà", "bị",
    "nhằm", "hoặc", "giữa", "này", "đó", "cho", "về", "là", "một", "do", "như", "trên", "dưới", "đến", "khi",
    "nếu", "vào", "đang", "cũng", "vẫn", "hay", "nhưng",
];

/// Words that end a compound with the repeated word: "hiện tại tại địa phương" is "hiện tại"
/// + "tại địa phương", "thiết bị bị hỏng" is "thiết bị" + "bị hỏng" (both seen in real text).
const COMPOUND_BEFORE: &[(&str, &[&str])] = &[
    ("tại", &["hiện", "tồn", "thực"]),
    (
        "theo",
        &["tiếp", "kèm", "đi", "noi", "làm", "bám", "mang", "chạy", "đuổi", "học", "nghe", "tuân", "dõi"],
    ),
    ("bị", &["thiết", "chuẩn", "dự", "trang", "phòng"]),
    ("trên", &["nêu", "nói", "kể", "phía", "bên", "ở", "cấp"]),
    ("trong", &["nêu", "bên", "phía", "ở"]),
    ("cho", &["giao", "dành"]),
    // "nghe được, nhìn được được coi là chứng cứ".
    ("được", &["nhìn", "nghe", "làm", "có", "đọc", "hiểu", "biết", "thấy", "nhận", "đạt"]),
];

pub struct RepeatedWord {
    /// "các các", "của của"…: one automaton for every doubled function word.
    doubled: PhraseSet,
    docs: RuleDocs,
}

impl Default for RepeatedWord {
    fn default() -> Self {
        Self::new()
    }
}

impl RepeatedWord {
    /// The function word of automaton pattern `i` (patterns are built from [`FUNCTION_WORDS`]).
    fn doubled_word(&self, i: usize) -> &'static str {
        FUNCTION_WORDS.get(i).copied().unwrap_or("")
    }

    pub fn new() -> Self {
        let doubled = PhraseSet::new(FUNCTION_WORDS.iter().map(|w| format!("{w} {w}"))).unwrap_or_default();
        RepeatedWord {
            doubled,
            docs: RuleDocs {
                summary: Message::new(
                    "Một từ bị gõ lặp hai lần liền nhau (“Các Các”, “của của”).",
                    "A word typed twice in a row (“Các Các”, “của của”).",
                ),
                why: Message::new(
                    "Từ lặp là dấu vết của việc sửa chữa dở dang; văn bản ban hành phải chuẩn xác về câu chữ. Các từ láy hoàn toàn hợp lệ (“ngày ngày”, “người người”, “từ từ”) không bị báo.",
                    "A doubled word is a leftover of editing; an issued document must be word-perfect. Legitimate reduplications (“ngày ngày”, “người người”, “từ từ”) are not reported.",
                ),
                legal_basis:
                    "Nghị định 30/2020/NĐ-CP, Điều 3 (văn bản phải bảo đảm chính xác về câu chữ) và Phụ lục I"
                        .to_owned(),
                examples: vec![
                    Example {
                        bad: "a) Các Các cơ quan, đơn vị nghiên cứu bổ sung tiêu chí.".into(),
                        good: "a) Các cơ quan, đơn vị nghiên cứu bổ sung tiêu chí.".into(),
                    },
                    Example {
                        bad: "Trách nhiệm của của người đứng đầu.".into(),
                        good: "Người người thi đua, ngày ngày thi đua; năm 2025\n2025 là năm bản lề.".into(),
                    },
                ],
                source: "built-in".to_owned(),
            },
        }
    }
}

impl Rule for RepeatedWord {
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
        vec![&self.doubled]
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        if doc.legacy_font.is_some() {
            return;
        }
        let text = doc.text.as_str();
        let folded = Folded::of(doc);
        for m in self.doubled.find_iter(&folded) {
            let found = m.span.text(text);
            // Both copies written alike ("ủy Ủy ban" is "Đảng ủy" + "Ủy ban"), with only
            // spaces between: a line break, a tab between cells or punctuation is layout.
            let Some((first, rest)) = found.split_once([' ', '\u{a0}']) else { continue };
            let second = rest.trim_start_matches([' ', '\u{a0}']);
            if first != second {
                continue;
            }
            let before = folded.word_before(m.folded.start);
            let word = self.doubled_word(m.pattern);
            let compound = COMPOUND_BEFORE
                .iter()
                .any(|(w, prev)| *w == word && before.is_some_and(|b| prev.contains(&b)));
            if compound {
                continue;
            }
            sink.report(
                m.span,
                Message::new(
                    format!("Từ “{first}” bị lặp hai lần liền nhau."),
                    format!("The word “{first}” is repeated."),
                ),
            )
            .suggest(first, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<crate::Diagnostic> {
        crate::examples::run_on_text(&RepeatedWord::new(), text)
    }

    #[test]
    fn finds_doubled_function_words_with_a_safe_fix() {
        let d = run("Các Các cơ quan và và đơn vị");
        assert_eq!(d.len(), 2);
        let first = d.first().and_then(|d| d.suggestions.first());
        assert_eq!(first.map(|s| (s.replacement.as_str(), s.safe)), Some(("Các", true)));
    }

    #[test]
    fn skips_reduplication_numbers_and_layout() {
        assert!(run("ngày ngày, người người, đâu đâu, từ từ").is_empty());
        assert!(run("Bảng 10 10 chỉ tiêu").is_empty());
        assert!(run("trách nhiệm của\ncủa người đứng đầu").is_empty());
        assert!(run("Đơn vị\tĐơn vị").is_empty());
        assert!(run("x x x").is_empty());
        assert!(run("thực hiện, thực hiện").is_empty());
    }

    #[test]
    fn compounds_ending_in_the_word_are_fine() {
        assert!(
            run("Có nơi ở hiện tại tại địa phương; thiết bị bị hư hỏng; năm tiếp theo theo Mẫu số 2")
                .is_empty()
        );
        assert!(run("Tài liệu nghe được, nhìn được được coi là chứng cứ").is_empty());
        assert_eq!(run("nhà ở bị bị hư hỏng; theo theo quy định; mẫu được được in").len(), 3);
    }

    #[test]
    fn quiet_on_legacy_font_text() {
        // TCVN3 noise: encoding/legacy-font reports the document once instead.
        assert!(run("Céng hßa x· héi chñ nghÜa ViÖt Nam, c¸c c¸c cña cña, và và").is_empty());
    }

    #[test]
    fn syllables_repeated_across_words_are_fine() {
        assert!(run("hành vi vi phạm; giao thông thông minh; mã số số 01; Đảng ủy Ủy ban").is_empty());
        assert!(run("Nếu có có thể thực hiện sau").is_empty());
    }
}
