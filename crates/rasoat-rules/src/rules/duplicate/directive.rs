//! `duplicate/directive`: the same directive stated twice in the body of a plan.

use std::sync::LazyLock;

use rasoat_doc::Document;

use std::collections::HashMap;

use rasoat_text::Span;

use super::similarity::{Fast, Index, Params};
use super::units::{Unit, units};
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

/// Directives shorter than this (content terms) are labels, not directives.
/// A copy may add a third to the directive ("Tiếp tục …", "… trên địa bàn xã"), not more: a
/// longer item that merely contains the other (a citation inside a longer one) is not a copy.
const PARAMS: Params = Params { min_terms: 8, min_similarity: 0.8, min_length_ratio: 0.65 };

pub struct DuplicateDirective;

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| RuleDocs {
    summary: Message::new(
        "Hai chỉ đạo (mục, điểm, đoạn) có cùng nội dung, giống hệt hoặc gần giống.",
        "Two directives (items, points, paragraphs) say the same thing, exactly or nearly.",
    ),
    why: Message::new(
        "Kế hoạch thường được ghép từ kế hoạch cấp trên nên một chỉ đạo dễ bị dán hai lần; \
         Kết luận 226-KL/TW yêu cầu không ban hành chỉ đạo trùng lặp, và bản lặp làm văn bản dài, \
         dễ giao một việc hai lần.",
        "Plans are assembled by pasting from higher-level plans, so a directive easily appears \
         twice; Kết luận 226-KL/TW asks for no duplicated directives, and a repeat lengthens the \
         plan and risks assigning one task twice.",
    ),
    legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (không trùng lặp, chồng chéo); \
                  Nghị định 30/2020/NĐ-CP, Điều 3 (văn bản rõ ràng, ngắn gọn)"
        .into(),
    examples: vec![
        Example {
            bad: "II. NHIỆM VỤ, GIẢI PHÁP\n\n\
                  - Thực hiện chế độ báo cáo theo quy định của Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 \
                  năm 2019 của Chính phủ quy định chế độ báo cáo của cơ quan hành chính nhà nước.\n\n\
                  - Đảm bảo 100% văn bản trao đổi giữa các cơ quan được thực hiện dưới dạng điện tử.\n\n\
                  - Đôn đốc, duy trì các chế độ báo cáo trên địa bàn xã thực hiện theo Nghị định số \
                  09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định chế độ báo cáo của cơ quan hành \
                  chính Nhà nước.\n"
                .into(),
            good: "II. NHIỆM VỤ, GIẢI PHÁP\n\n\
                   - Tham mưu Chủ tịch Ủy ban nhân dân phường đổi mới, nâng cao hiệu quả việc tổ chức \
                   đối thoại định kỳ, đột xuất với người dân.\n\n\
                   - Tham mưu Chủ tịch Ủy ban nhân dân phường đổi mới, nâng cao hiệu quả việc tổ chức \
                   đối thoại định kỳ, đột xuất với doanh nghiệp.\n"
                .into(),
        },
        Example {
            bad: "I. NHIỆM VỤ\n\n1. Rà soát, sửa đổi quy chế làm việc; kiểm soát chặt chẽ thành phần, \
                  thời gian các cuộc họp.\n\n2. Kiểm soát chặt chẽ thành phần, thời gian các cuộc họp; \
                  tiếp tục rà soát, sửa đổi quy chế làm việc.\n"
                .into(),
            good: "I. MỤC ĐÍCH, YÊU CẦU\n\n- Phấn đấu xử lý thủ tục hành chính trên môi trường số và số \
                   hóa văn bản đạt từ 95% trở lên.\n\nII. NHIỆM VỤ\n\n- Thực hiện xử lý thủ tục hành chính \
                   trên môi trường số và số hóa văn bản đạt từ 95% trở lên.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n\
                   1. Phòng Văn hóa - Xã hội\n\n- Theo dõi, đôn đốc, kiểm tra việc triển khai thực hiện \
                   Kế hoạch này tại các cơ quan, đơn vị.\n\n2. Văn phòng HĐND và UBND xã\n\n- Theo dõi, \
                   đôn đốc, kiểm tra việc triển khai thực hiện Kế hoạch này tại các cơ quan, đơn vị.\n"
                .into(),
        },
    ],
    source: "built-in".into(),
});

impl Rule for DuplicateDirective {
    fn id(&self) -> &str {
        "duplicate/directive"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &DOCS
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let units = units(doc);
        let partnered = partnered(&units);
        let mut index = Index::new();
        for (u, &p) in units.iter().zip(&partnered) {
            // A unit that no other may be compared with is not normalised at all; it keeps its
            // place in the index, which compares neighbours by position.
            let pieces: &[Span] = if p { &u.pieces } else { &[] };
            index.push_in(&doc.text, pieces, u.scope, u.section, u.cross_section);
        }
        let found = index.find_repeats(PARAMS, |i| partnered.get(i).copied().unwrap_or(false));
        for (later, m) in units.iter().zip(found) {
            let Some(m) = m else { continue };
            let Some(earlier) = units.get(m.earlier) else { continue };
            let line = doc.map.line_col(&doc.text, earlier.span.start).line;
            let pct = (m.similarity * 100.0).round() as u32;
            sink.report(
                later.span,
                Message::new(
                    format!("Chỉ đạo này lặp lại chỉ đạo ở dòng {line} (giống {pct}%)."),
                    format!("This directive repeats the one at line {line} ({pct}% similar)."),
                ),
            )
            .relate(
                earlier.span,
                Message::new(
                    format!("Chỉ đạo nêu lần đầu ở dòng {line}."),
                    format!("First stated at line {line}."),
                ),
            );
        }
    }
}

/// Whether each unit has another unit it may be compared with (the index's `comparable`:
/// same scope, and either both in plans or the same section and next to each other). About a
/// quarter of the text of a typical file is in units that have none.
fn partnered(units: &[Unit]) -> Vec<bool> {
    let mut plan_units: HashMap<u64, usize, Fast> = HashMap::default();
    for u in units.iter().filter(|u| u.cross_section) {
        *plan_units.entry(u.scope).or_default() += 1;
    }
    let neighbour =
        |u: &Unit, v: Option<&Unit>| v.is_some_and(|v| v.scope == u.scope && v.section == u.section);
    units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            (u.cross_section && plan_units.get(&u.scope).is_some_and(|&n| n >= 2))
                || neighbour(u, k.checked_sub(1).and_then(|j| units.get(j)))
                || neighbour(u, units.get(k + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    fn lines_of(text: &str) -> Vec<(usize, usize)> {
        let doc = rasoat_doc::parse_str(text);
        run_on_text(&DuplicateDirective, text)
            .iter()
            .map(|d| {
                let later = doc.map.line_col(&doc.text, d.span.start).line;
                let earlier = d.related.first().map_or(0, |r| doc.map.line_col(&doc.text, r.span.start).line);
                (earlier, later)
            })
            .collect()
    }

    const SEEDS: [(&str, &str); 5] = [
        ("000", include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt")),
        ("001", include_str!("../../../../../corpus/seeds/001_990ddbe88c7e4d67.txt")),
        ("002", include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt")),
        ("003", include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt")),
        ("004", include_str!("../../../../../corpus/seeds/004_b78bd4a0b75bbdc4.txt")),
    ];

    #[test]
    fn seed_002_reporting_regime_is_found_with_both_lines() {
        let (_, text) = SEEDS[2];
        assert_eq!(lines_of(text), [(77, 87)]);
    }

    #[test]
    fn normal_repetitions_in_the_seeds_are_not_flagged() {
        for (name, text) in SEEDS {
            if name == "002" {
                continue;
            }
            assert_eq!(lines_of(text), [], "seed {name}");
        }
    }

    #[test]
    fn units_without_a_possible_partner_are_known() {
        let unit = |scope: u64, section: u64, cross_section: bool| Unit {
            span: rasoat_text::Span::default(),
            pieces: Vec::new(),
            scope,
            section,
            cross_section,
        };
        let units = [
            // Plans: same scope anywhere; a scope of one has no partner.
            unit(1, 10, true),
            unit(2, 10, true),
            unit(1, 11, true),
            // Outside plans: only the next unit of the same scope and section.
            unit(3, 20, false),
            unit(3, 20, false),
            unit(3, 21, false),
            unit(4, 30, false),
            unit(3, 21, false),
        ];
        assert_eq!(partnered(&units), [true, false, true, true, true, false, false, false]);
    }

    #[test]
    fn message_names_the_first_line() {
        let text = "II. NHIỆM VỤ\n\n- Xây dựng lịch họp khoa học, hợp lý, tránh trùng lặp; ưu tiên các cuộc họp \
                    trực tuyến, họp không giấy tờ.\n\n- Tăng cường đầu tư phòng họp trực tuyến.\n\n- Xây dựng lịch \
                    họp khoa học, hợp lý, tránh trùng lặp; ưu tiên các cuộc họp trực tuyến, họp không giấy tờ.\n";
        let found = run_on_text(&DuplicateDirective, text);
        assert_eq!(found.len(), 1);
        let msg = found.first().map(|d| d.message.vi.clone()).unwrap_or_default();
        assert!(msg.contains("dòng 3"), "{msg}");
        assert_eq!(found.first().map(|d| d.related.len()), Some(1));
    }

    /// Every normal repetition of a plan in one document: title, citation chain, closing,
    /// goals restated as tasks, tasks assigned in "Tổ chức thực hiện", an appendix row that
    /// restates a body directive, repeated table headers, and two tasks that differ in object.
    #[test]
    fn normal_repetitions_of_a_plan_are_not_flagged() {
        let text = "KẾ HOẠCH\n\nTriển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ \
                    về chấn chỉnh lề lối làm việc trên địa bàn xã\n\n\
                    Thực hiện Quyết định số 534/QĐ-TTg ngày 31 tháng 3 năm 2026 của Thủ tướng Chính phủ về chấn chỉnh \
                    lề lối làm việc, Ủy ban nhân dân xã ban hành Kế hoạch như sau:\n\n\
                    I. MỤC ĐÍCH, YÊU CẦU\n\n- Thực hiện xử lý thủ tục hành chính trên môi trường số và số hóa văn bản \
                    đạt từ 95% trở lên.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n\
                    - Thực hiện xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên.\n\n\
                    - Tổ chức đối thoại định kỳ, đột xuất giữa Chủ tịch Ủy ban nhân dân xã với người dân trên địa bàn.\n\n\
                    - Tổ chức đối thoại định kỳ, đột xuất giữa Chủ tịch Ủy ban nhân dân xã với doanh nghiệp trên địa bàn.\n\n\
                    III. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng HĐND và UBND xã\n\n- Chủ trì thực hiện xử lý thủ tục hành \
                    chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên.\n\n2. Phòng Văn hóa - Xã hội\n\n\
                    - Chủ trì thực hiện xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên.\n\n\
                    Trên đây là Kế hoạch triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính \
                    phủ về chấn chỉnh lề lối làm việc trên địa bàn xã./.\n\n\
                    PHỤ LỤC\n\nSTT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành\n\
                    1\tThực hiện xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên\tVăn phòng\tNăm 2026\n\n\
                    STT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành\n\
                    2\tTổ chức đối thoại với người dân trên địa bàn xã\tVăn phòng\tQuý II/2026\n";
        assert_eq!(lines_of(text), []);
        assert_eq!(run_on_text(&super::super::appendix_task::DuplicateAppendixTask, text), []);
        // Control: the same plan with one task pasted again among the tasks is flagged.
        let pasted = text.replacen(
            "III. TỔ CHỨC",
            "- Tiếp tục tổ chức đối thoại định kỳ, đột xuất giữa Chủ tịch Ủy ban nhân dân xã với người dân \
             trên địa bàn.\n\nIII. TỔ CHỨC",
            1,
        );
        assert_eq!(lines_of(&pasted), [(15, 19)]);
    }

    #[test]
    fn repeated_short_headings_are_not_directives() {
        let text = "I. NHIỆM VỤ\n\n1. Công tác tuyên truyền\n\n- Tuyên truyền trên Cổng thông tin điện tử.\n\n\
                    II. TỔ CHỨC THỰC HIỆN\n\n1. Công tác tuyên truyền\n\n- Đăng tải tin bài về cải cách hành chính.\n";
        assert_eq!(lines_of(text), []);
    }
}
