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
        return !line::more_words_than(t, 10) && !line::ends_sentence(t) && !t.starts_with('(');
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
}

impl<'a> BodyBuilder<'a> {
    pub fn new(text: &'a str, blocks: &'a mut Vec<Block>) -> Self {
        Self { text, blocks, stack: Vec::new(), last_line: None }
    }

    /// Start a fresh tree (after a signature, the appendix is not under the last heading).
    pub fn reset(&mut self) {
        self.stack.clear();
        self.last_line = None;
    }

    /// Add body line `li`. `gap_blank_only` says whether only blank lines separate it from the
    /// previous body line.
    pub fn push_line(&mut self, lines: &[LineInfo], li: usize, gap_blank_only: bool) {
        let Some(info) = lines.get(li) else { return };
        let content = info.content;
        let s = content.text(self.text);
        let hit = grammar::marker(s);
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
