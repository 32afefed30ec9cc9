//! Body blocks: markers, page-break re-joining, and the I. → 1. → a) → - → + tree.

use rasoat_text::Span;

use super::grammar;
use super::line::{self, LineInfo};
use crate::model::*;

/// Nesting rank of a block kind: a block's parent is the nearest earlier block of lower rank.
fn rank(kind: BlockKind) -> u32 {
    match kind {
        BlockKind::Roman => 10,
        BlockKind::Article => 20,
        BlockKind::Numbered { depth } => 30 + u32::from(depth),
        BlockKind::Point => 300,
        BlockKind::Dash => 400,
        BlockKind::Plus => 500,
        BlockKind::Paragraph => u32::MAX,
    }
}

/// Does a block read as a heading? Marked blocks: no final full stop (or a short lead-in
/// ending in ':'), or upper case. Plain paragraphs: upper case, or a few words with no final
/// punctuation at all.
fn is_heading(text: &str, marked: bool) -> bool {
    let t = text.trim();
    if t.is_empty() || line::is_upper(t) {
        return true;
    }
    if !marked {
        // The word count last: most paragraphs end a sentence, which a byte test tells.
        return !line::ends_sentence(t) && !t.starts_with('(') && !line::more_words_than(t, 10);
    }
    let closed = t.ends_with(['.', ';', '!', '?', '…']);
    (!closed && !line::more_words_than(t, 40)) || (t.ends_with(':') && !line::more_words_than(t, 20))
}

/// A paragraph that stands outside the section tree: the body's closing words ("Trên đây là Kế
/// hoạch…"), or a chapter/section title of a regulation ("Chương II", "Mục 1.", "Phần I").
fn is_closing(text: &str) -> bool {
    let numeral = |n: &str| {
        let n = n.trim_end_matches(['.', ':']);
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L'))
    };
    let division = ["chương ", "mục ", "phần "].iter().any(|p| line::starts_with_ci(text, p))
        && text.split_whitespace().nth(1).is_some_and(numeral)
        && !line::more_words_than(text, 12);
    division
        || [
            "trên đây là",
            "trong quá trình tổ chức thực hiện",
            "trong quá trình thực hiện",
            "trong quá trình triển khai",
        ]
        .iter()
        .any(|p| line::starts_with_ci(text, p))
}

/// A line that continues the paragraph above it across a page break: the paragraph stops
/// mid-sentence, and the line starts lower case or with a number ("10% số lượng…"), or the
/// paragraph is too long to be a heading.
fn continues(prev: &str, next: &str) -> bool {
    if line::ends_sentence(prev) {
        return false;
    }
    let first = next.chars().next();
    if first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return true;
    }
    line::more_words_than(prev, 25) && !line::is_upper(prev)
}

/// Builds the blocks of one part from its body lines, in order.
pub(crate) struct BodyBuilder<'a> {
    text: &'a str,
    pub blocks: &'a mut Vec<Block>,
    /// Open blocks that can take children, with their rank.
    stack: Vec<(u32, BlockId)>,
    /// The line the last block ended on, to re-join a paragraph split by a page break.
    last_line: Option<usize>,
    /// The last numbered block of each depth (1 to 7) since the tree was started, open or not:
    /// a section's text may hold a lower-level list ("2. Giấy chứng nhận…" inside "2.3")
    /// that closes it before the next section ("2.4").
    last_numbered: [Option<BlockId>; 8],
}

impl<'a> BodyBuilder<'a> {
    pub fn new(text: &'a str, blocks: &'a mut Vec<Block>) -> Self {
        Self { text, blocks, stack: Vec::new(), last_line: None, last_numbered: [None; 8] }
    }

    /// Start a fresh tree (after a signature, the appendix is not under the last heading).
    pub fn reset(&mut self) {
        self.stack.clear();
        self.last_line = None;
        self.last_numbered = [None; 8];
    }

    /// A decimal alone on its line ("1.5", "2.0": no final dot, no text) that does not
    /// continue the numbering is a value, not a section: "a) Người cao tuổi…:" / "1.5".
    ///
    /// Exports of tables flatten a row's number onto its own line ("2.6" / "Địa điểm tiếp
    /// nhận…"), so such a line stays a marker when it fits: its previous sibling ("2.5") is
    /// open, or, unless a lead-in ending in ':' introduces it as a value, it starts a list
    /// ("x.1") or its parent ("2.") is open.
    fn is_lone_value(&self, s: &str, hit: &grammar::MarkerHit) -> bool {
        let BlockKind::Numbered { depth } = hit.kind else { return false };
        let written = s.get(..hit.len).unwrap_or(s);
        if depth < 2 || written.ends_with(['.', ')']) || hit.text_start < s.len() {
            return false;
        }
        let Some((&last, prefix)) = hit.numbers.split_last() else { return false };
        let numbers_of = |rank_wanted: u32| {
            self.stack
                .iter()
                .rev()
                .find(|&&(r, _)| r == rank_wanted)
                .and_then(|&(_, id)| self.blocks.get(id))
                .and_then(|b| b.marker.as_ref())
                .map(|m| m.numbers.as_slice())
        };
        // The open parent section ("2."), if any, must be this number's ("2.4" under "2.").
        let parent = numbers_of(rank(BlockKind::Numbered { depth: depth - 1 }));
        let sibling_id = self.last_numbered.get(usize::from(depth)).copied().flatten();
        let sibling =
            sibling_id.and_then(|id| self.blocks.get(id)).and_then(|b| b.marker.as_ref()).is_some_and(|m| {
                m.numbers.split_last().is_some_and(|(&l, p)| p == prefix && l.checked_add(1) == Some(last))
            });
        let after_colon = self.last_line.is_some()
            && self.blocks.last().is_some_and(|b| b.text.text(self.text).trim_end().ends_with(':'));
        // Under another open section ("3." of a list inside "2.3"), the sibling still counts
        // unless a lead-in ending in ':' introduces the number as a value.
        // The sibling's own title ending in ':' ("2.4" / "Số lượng hồ sơ:") is no lead-in.
        let sibling_last = sibling_id.is_some_and(|id| id + 1 == self.blocks.len());
        if sibling && (parent.is_none_or(|p| p == prefix) || !after_colon || sibling_last) {
            return false;
        }
        after_colon || !(last == 1 || parent == Some(prefix))
    }

    /// Add body line `li`. `gap_blank_only` says whether only blank lines separate it from the
    /// previous body line.
    pub fn push_line(&mut self, lines: &[LineInfo], li: usize, gap_blank_only: bool) {
        let Some(info) = lines.get(li) else { return };
        let content = info.content;
        let s = content.text(self.text);
        let hit = grammar::marker(s).filter(|h| !self.is_lone_value(s, h));
        if hit.is_none()
            && gap_blank_only
            && self.last_line.is_some_and(|p| p < li)
            && let Some(last) = self.blocks.last_mut()
            && last.marker.is_some()
            && last.text.is_empty()
        {
            // "Điều 2." alone on its line, its title on the next one.
            last.text = content;
            last.span = Span::new(last.span.start, content.end);
            last.heading = is_heading(s, true);
            self.last_line = Some(li);
            return;
        }
        if hit.is_none()
            && gap_blank_only
            && let Some(prev_line) = self.last_line
            && prev_line < li
            && let Some(last) = self.blocks.last_mut()
            && continues(last.text.text(self.text), s)
        {
            // "… số lượng hội" / "ngợi trực tuyến …": one paragraph split by a page break.
            last.text = Span::new(last.text.start.min(content.start), content.end);
            last.span = Span::new(last.span.start, content.end);
            // It ran on mid-sentence: not a heading.
            last.heading = false;
            self.last_line = Some(li);
            return;
        }
        let (kind, marker, text) = match hit {
            Some(h) => {
                let mspan = Span::new(content.start, content.start + h.len);
                let marker =
                    Marker { span: mspan, text: mspan.text(self.text).to_string(), numbers: h.numbers };
                let tstart = (content.start + h.text_start).min(content.end);
                (h.kind, Some(marker), Span::new(tstart, content.end))
            }
            None => (BlockKind::Paragraph, None, content),
        };
        let heading = is_heading(text.text(self.text), marker.is_some());
        let id = self.blocks.len();
        let r = rank(kind);
        let parent = if kind == BlockKind::Paragraph && is_closing(text.text(self.text)) {
            // "Trên đây là Kế hoạch…": the plan's closing words, under no section.
            self.stack.clear();
            None
        } else if kind == BlockKind::Paragraph {
            // A plain paragraph belongs to the section above it (not to a bullet).
            self.stack.iter().rev().find(|&&(r, _)| r < rank(BlockKind::Dash)).map(|&(_, b)| b)
        } else {
            while self.stack.last().is_some_and(|&(top, _)| top >= r) {
                self.stack.pop();
            }
            self.stack.last().map(|&(_, b)| b)
        };
        if let Some(p) = parent.and_then(|p| self.blocks.get_mut(p)) {
            p.children.push(id);
        }
        self.blocks.push(Block { kind, marker, text, span: content, parent, children: Vec::new(), heading });
        if let BlockKind::Numbered { depth } = kind
            && let Some(slot) = self.last_numbered.get_mut(usize::from(depth))
        {
            *slot = Some(id);
        }
        if kind != BlockKind::Paragraph {
            self.stack.push((r, id));
        }
        self.last_line = Some(li);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{line::line_infos, split_lines};

    fn build(text: &str) -> Vec<Block> {
        let lines = line_infos(text, &split_lines(text));
        let mut blocks = Vec::new();
        let mut b = BodyBuilder::new(text, &mut blocks);
        let mut prev: Option<usize> = None;
        for (li, l) in lines.iter().enumerate() {
            if l.blank() {
                continue;
            }
            b.push_line(&lines, li, prev.is_some());
            prev = Some(li);
        }
        blocks
    }

    #[test]
    fn tree_and_join() {
        let text = "Mở đầu.\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\n- Một số lượng hội\n\nngợi trực tuyến.\n\n+ Con\n\na) Điểm\n\nII. HAI\n\nĐoạn văn.\n\nTrên đây là Kế hoạch.";
        let blocks = build(text);
        let summary: Vec<(BlockKind, Option<usize>)> = blocks.iter().map(|b| (b.kind, b.parent)).collect();
        assert_eq!(
            summary,
            [
                (BlockKind::Paragraph, None),
                (BlockKind::Roman, None),
                (BlockKind::Numbered { depth: 1 }, Some(1)),
                (BlockKind::Dash, Some(2)),
                (BlockKind::Plus, Some(3)),
                (BlockKind::Point, Some(2)),
                (BlockKind::Roman, None),
                (BlockKind::Paragraph, Some(6)),
                (BlockKind::Paragraph, None),
            ]
        );
        let Some(dash) = blocks.get(3) else { panic!("dash") };
        assert_eq!(dash.text.text(text), "Một số lượng hội\n\nngợi trực tuyến.");
        assert_eq!(dash.marker.as_ref().map(|m| m.text.as_str()), Some("-"));
        assert!(blocks.get(1).is_some_and(|b| b.heading));
        assert!(!dash.heading);
        assert_eq!(blocks.get(2).map(|b| b.children.clone()), Some(vec![3, 5]));
    }

    #[test]
    fn lone_decimal_is_a_value() {
        let text = "2. Hệ số trợ cấp:\n\na) Người cao tuổi từ đủ 60 tuổi:\n1.5\n\nb) Người cao tuổi từ đủ 80 tuổi: 2.0";
        let blocks = build(text);
        let summary: Vec<(BlockKind, Option<usize>, &str)> =
            blocks.iter().map(|b| (b.kind, b.parent, b.text.text(text))).collect();
        assert_eq!(
            summary,
            [
                (BlockKind::Numbered { depth: 1 }, None, "Hệ số trợ cấp:"),
                (BlockKind::Point, Some(0), "Người cao tuổi từ đủ 60 tuổi:"),
                (BlockKind::Paragraph, Some(1), "1.5"),
                (BlockKind::Point, Some(0), "Người cao tuổi từ đủ 80 tuổi: 2.0"),
            ]
        );
        assert!(blocks.get(2).is_some_and(|b| b.marker.is_none()));

        // The brief's own input, with no section around it.
        let text = "a) Người cao tuổi…:\n1.5\n\nb) Người khuyết tật: 2.0";
        let kinds: Vec<BlockKind> = build(text).iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Point, BlockKind::Paragraph, BlockKind::Point]);
    }

    #[test]
    fn lone_section_numbers_of_a_flattened_table() {
        // The number of a row on its own line, its text on the next: still a section.
        let text = "2\n\nNỘI DUNG QUY TRÌNH\n\n2.1\n\nĐiều kiện thực hiện: Không\n\n2.2\n\nCách thức thực hiện:\n- Trực tiếp;\n\n2.3\n\nSố lượng hồ sơ: 01 (bộ)\n\n1.5 Nội dung\n\n1.5.";
        let blocks = build(text);
        let markers: Vec<(BlockKind, &str)> =
            blocks.iter().filter_map(|b| Some((b.kind, b.marker.as_ref()?.text.as_str()))).collect();
        let n2 = BlockKind::Numbered { depth: 2 };
        assert_eq!(
            markers,
            [(n2, "2.1"), (n2, "2.2"), (BlockKind::Dash, "-"), (n2, "2.3"), (n2, "1.5"), (n2, "1.5.")]
        );
        assert!(blocks.iter().any(|b| b.text.text(text) == "Điều kiện thực hiện: Không"));

        // A list inside a section closes it; the next section still follows its sibling.
        let text = "2. NỘI DUNG\n\n2.3 Thành phần hồ sơ:\n\n2. Giấy chứng nhận.\n\n3. Bản gốc.\n\n2.4\n\nSố lượng hồ sơ:\n\n2.5\n\nThời hạn.\n\n1. Hệ số:\n\n2.6";
        let blocks = build(text);
        let markers: Vec<&str> =
            blocks.iter().filter_map(|b| Some(b.marker.as_ref()?.text.as_str())).collect();
        // "2.6" under "1." is a value: its sibling "2.5" belongs to another section.
        assert_eq!(markers, ["2.", "2.3", "2.", "3.", "2.4", "2.5", "1."]);
    }

    #[test]
    fn articles_and_chapters() {
        let text =
            "Chương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1.\nPhạm vi\n\n1. Khoản một.\n\nChương II\n\nĐiều 2. Hai";
        let blocks = build(text);
        let summary: Vec<(BlockKind, Option<usize>, &str)> =
            blocks.iter().map(|b| (b.kind, b.parent, b.text.text(text))).collect();
        assert_eq!(
            summary,
            [
                (BlockKind::Paragraph, None, "Chương I"),
                (BlockKind::Paragraph, None, "QUY ĐỊNH CHUNG"),
                (BlockKind::Article, None, "Phạm vi"),
                (BlockKind::Numbered { depth: 1 }, Some(2), "Khoản một."),
                (BlockKind::Paragraph, None, "Chương II"),
                (BlockKind::Article, None, "Hai"),
            ]
        );
    }
}
