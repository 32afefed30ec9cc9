//! `format/recipients`: "Nơi nhận:" then one recipient per line, "- " … ";", the last
//! `- Lưu: VT, <unit>.` with a full stop.

use std::sync::LazyLock;

use rasoat_doc::{Document, Recipients, Span};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub struct RecipientsRule {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| RuleDocs {
    summary: Message::new(
        "Nơi nhận: mỗi nơi nhận một dòng, bắt đầu bằng \"- \", kết thúc bằng \";\"; dòng cuối là \"- Lưu: VT, <đơn vị soạn thảo>.\" kết thúc bằng dấu chấm.",
        "Recipients: one per line, starting \"- \" and ending \";\"; the last is \"- Lưu: VT, <drafting unit>.\" ending with a full stop.",
    ),
    why: Message::new(
        "Nơi nhận xác định cơ quan, cá nhân nhận văn bản để thi hành, phối hợp, báo cáo; dòng \"Lưu\" xác định bản lưu tại văn thư và đơn vị soạn thảo.",
        "The recipients list says who must act on the document; the \"Lưu\" line records the copies kept by the records office and the drafting unit.",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.9 (nơi nhận)".into(),
    examples: vec![
        Example {
            bad: "Nơi nhận:\n- Sở Nội vụ,\n- Lưu: VT, VHXH.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
            good: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
        },
        Example {
            bad: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH;\n\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
            good: "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VHXH.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n".into(),
        },
    ],
    source: "built-in".into(),
});

/// A line of a form template: placeholders ("…", "....") or a run of bare dashes.
fn is_template(line: &str) -> bool {
    line.contains('…') || line.contains("...") || line.starts_with("- -")
}

fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '+')
}

/// Markdown emphasis and spaces around a line, which exports leave behind.
fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
}

/// The span of `inner` (a sub-slice of the text of `outer`).
fn sub_span(outer: Span, outer_text: &str, inner: &str) -> Span {
    let start = (inner.as_ptr() as usize).saturating_sub(outer_text.as_ptr() as usize);
    Span::new(outer.start + start, outer.start + start + inner.len())
}

impl RecipientsRule {
    pub fn new() -> Self {
        RecipientsRule { docs: DOCS.clone() }
    }

    fn check_list(&self, doc: &Document, rec: &Recipients, sink: &mut Sink) {
        // The heading line.
        if let Some(head) = super::lines_in(doc, rec.span).next() {
            let text = doc.slice(head);
            let t = trim_line(text);
            if let Some(rest) = t.strip_prefix("Nơi nhận")
                && !rest.trim_start_matches('*').trim_start().starts_with(':')
            {
                let span = sub_span(head, text, t.get(..t.len() - rest.len()).unwrap_or(t));
                sink.report(
                    span,
                    Message::new(
                        "Sau \"Nơi nhận\" phải có dấu hai chấm.",
                        "\"Nơi nhận\" is followed by a colon.",
                    ),
                )
                .suggest("Nơi nhận:", true);
            }
        }

        // Group the item lines into recipients: a line without a bullet continues the previous
        // recipient when that one has not ended yet (a long name wrapped onto a second line).
        let mut groups: Vec<(Span, Span)> = Vec::new(); // (first line, last line)
        for &item in &rec.items {
            let t = trim_line(doc.slice(item));
            if t.is_empty() {
                continue;
            }
            // A form's blank template ("- ……", "- Lưu: VT, …") is filled in later.
            if is_template(t) {
                return;
            }
            let starts_bullet = t.starts_with(is_bullet);
            match groups.last_mut() {
                Some((_, last))
                    if !starts_bullet && !trim_line(doc.slice(*last)).ends_with([';', '.', ':']) =>
                {
                    *last = item;
                }
                _ => groups.push((item, item)),
            }
        }
        let Some(&(luu_first, luu_last)) = groups.last() else { return };
        let count = groups.len();
        let mut dash_reported = false;
        for (i, &(first, last)) in groups.iter().enumerate() {
            let first_text = doc.slice(first);
            let t = trim_line(first_text);
            let span = sub_span(first, first_text, t);
            match t.chars().next() {
                Some(c) if is_bullet(c) => {
                    let after = t.get(c.len_utf8()..).unwrap_or("");
                    if !after.starts_with(char::is_whitespace) && !dash_reported {
                        // The same habit on every line: one finding is enough.
                        dash_reported = true;
                        sink.report(
                            Span::new(span.start, span.start + c.len_utf8()),
                            Message::new(
                                "Sau dấu gạch đầu dòng của nơi nhận phải có dấu cách (\"- \").",
                                "A recipient's dash is followed by a space (\"- \").",
                            ),
                        )
                        .suggest(format!("{c} "), true);
                    }
                }
                _ => {
                    sink.report(
                        Span::new(span.start, span.start),
                        Message::new(
                            "Mỗi nơi nhận bắt đầu bằng dấu gạch đầu dòng \"- \".",
                            "Each recipient line starts with a dash \"- \".",
                        ),
                    )
                    .suggest("- ", true);
                }
            }
            if i + 1 == count {
                break;
            }
            let last_text = doc.slice(last);
            let lt = trim_line(last_text);
            // A group heading ("- Các sở, ngành:") introduces "+" sub-items.
            if !lt.ends_with([';', ':']) {
                let lspan = sub_span(last, last_text, lt);
                let end_char = lt.chars().last().filter(|c| matches!(c, ',' | '.'));
                let at = match end_char {
                    Some(c) => Span::new(lspan.end - c.len_utf8(), lspan.end),
                    None => Span::new(lspan.end, lspan.end),
                };
                sink.report(
                    at,
                    Message::new(
                        "Mỗi nơi nhận (trừ dòng \"Lưu\") kết thúc bằng dấu chấm phẩy \";\".",
                        "Each recipient (except the \"Lưu\" line) ends with a semicolon \";\".",
                    ),
                )
                .suggest(";", true);
            }
        }

        // The last line: "- Lưu: VT, <unit>."
        let first_text = doc.slice(luu_first);
        let t = trim_line(first_text).trim_start_matches(is_bullet).trim_start();
        let Some(rest) = t.strip_prefix("Lưu").or_else(|| t.strip_prefix("LƯU")) else {
            // The list may go on past what was recognised (a recipient wrapped onto a line
            // without a dash ends it early): look a few lines further for the "Lưu" line.
            let after = doc.lines.partition_point(|l| l.start < rec.span.end);
            let more = doc.lines.get(after..).unwrap_or(&[]).iter().take(4);
            if more.map(|l| doc.slice(*l)).any(|l| l.contains("Lưu:") || l.contains("- Lưu")) {
                return;
            }
            // A list cut short by a wrapped line ends with a comma or nothing.
            if !trim_line(doc.slice(luu_last)).ends_with([';', '.']) {
                return;
            }
            sink.report(
                luu_first,
                Message::new(
                    "Dòng cuối của nơi nhận phải là \"- Lưu: VT, <đơn vị soạn thảo>.\".",
                    "The last recipient line is \"- Lưu: VT, <drafting unit>.\".",
                ),
            );
            return;
        };
        if !rest.trim_start().starts_with(':') {
            let at = sub_span(luu_first, first_text, t.get(..t.len() - rest.len()).unwrap_or(t));
            sink.report(
                at,
                Message::new(
                    "Sau \"Lưu\" phải có dấu hai chấm: \"Lưu: VT, …\".",
                    "\"Lưu\" is followed by a colon: \"Lưu: VT, …\".",
                ),
            )
            .suggest("Lưu:", true);
        }
        let last_text = doc.slice(luu_last);
        let lt = trim_line(last_text);
        // "- Lưu: VT, NN (03). Hg." — the typist's initials may follow the full stop.
        if !lt.ends_with('.') && !rest.contains('.') {
            let lspan = sub_span(luu_last, last_text, lt);
            let end_char = lt.chars().last().filter(|c| matches!(c, ',' | ';'));
            let at = match end_char {
                Some(c) => Span::new(lspan.end - c.len_utf8(), lspan.end),
                None => Span::new(lspan.end, lspan.end),
            };
            sink.report(
                at,
                Message::new(
                    "Dòng \"- Lưu: VT, …\" kết thúc bằng dấu chấm.",
                    "The \"- Lưu: VT, …\" line ends with a full stop.",
                ),
            )
            .suggest(".", true);
        }
    }
}

impl Default for RecipientsRule {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for RecipientsRule {
    fn id(&self) -> &str {
        "format/recipients"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for part in &doc.parts {
            if let Some(rec) = &part.recipients
                && !super::is_party(doc, part)
            {
                self.check_list(doc, rec, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn run(list: &str) -> Vec<(String, Vec<String>)> {
        let text = format!("{list}\n\nCHỦ TỊCH\n\nNguyễn Văn An\n");
        run_on_text(&RecipientsRule::new(), &text)
            .into_iter()
            .map(|d| (d.message.vi, d.suggestions.into_iter().map(|s| s.replacement).collect()))
            .collect()
    }

    #[test]
    fn seed_style_list_passes() {
        let f = run("Nơi nhận:\n\n- UBND TP;\n- Sở Nội vụ;\n- TT Đảng ủy, TT HĐND phường;\n- Lưu: VT, VHXH.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn endings() {
        let f = run("Nơi nhận:\n- UBND TP,\n- Sở Nội vụ\n- Lưu: VT, VHXH");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[0].1, vec![";".to_string()]);
        assert_eq!(f[2].1, vec![".".to_string()]);
    }

    #[test]
    fn wrapped_recipient_is_one() {
        let f = run("Nơi nhận:\n- Các sở, ban, ngành\nthành phố;\n- Lưu: VT, VHXH.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn missing_luu() {
        let f = run("Nơi nhận:\n- UBND TP;\n- Sở Nội vụ;");
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
