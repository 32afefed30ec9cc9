//! `structure/numbering`: every level of the body's numbering runs without gaps or repeats and
//! restarts under its parent; point letters follow the Vietnamese alphabet.

use std::sync::LazyLock;

use rasoat_doc::{Block, BlockId, BlockKind, Document, Marker};

use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

/// The letters that number points (Nghị định 30/2020/NĐ-CP, Phụ lục I): the Vietnamese
/// alphabet without the vowels with diacritics. There is no f, j, w or z.
pub const POINT_LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
    'x', 'y',
];

/// Where a point letter sits in the sequence: `Ok(position)` (1-based) for a Vietnamese letter,
/// `Err(previous)` for a Latin letter the Vietnamese alphabet lacks (f, j, w, z), with the
/// position of the Vietnamese letter it was meant to follow (f comes after e, so `Err(6)`).
pub fn point_position(letter: char) -> Option<Result<u32, u32>> {
    let lower = letter.to_lowercase().next()?;
    if let Some(i) = POINT_LETTERS.iter().position(|&c| c == lower) {
        return Some(Ok(i as u32 + 1));
    }
    let after = match lower {
        'f' => 'e',
        'j' => 'i',
        'w' => 'v',
        'z' => 'y',
        _ => return None,
    };
    let i = POINT_LETTERS.iter().position(|&c| c == after)?;
    Some(Err(i as u32 + 1))
}

/// The point letter at a 1-based position.
pub fn point_letter(position: u32) -> Option<char> {
    POINT_LETTERS.get((position as usize).checked_sub(1)?).copied()
}

/// Roman numeral for 1..=3999.
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in &TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The levels whose numbers run in sequence among siblings. Articles (`Điều`) are numbered
/// across chapters, and bullets carry no number, so neither is checked here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Roman,
    Numbered(u8),
    Point,
}

impl Level {
    fn of(kind: BlockKind) -> Option<Level> {
        match kind {
            BlockKind::Roman => Some(Level::Roman),
            BlockKind::Numbered { depth } => Some(Level::Numbered(depth)),
            BlockKind::Point => Some(Level::Point),
            _ => None,
        }
    }
}

/// How one marker reads: its number in the sequence, or a letter outside the alphabet.
enum Reading {
    Number(u32),
    /// A Latin letter with no place in the Vietnamese alphabet; the sequence resumes after the
    /// given position.
    Foreign {
        letter: char,
        after: u32,
    },
}

fn read_marker(level: Level, marker: &Marker) -> Option<Reading> {
    if level == Level::Point {
        // Read the letter ourselves: the parser's position for a foreign letter is a guess.
        let letter = marker.text.chars().next()?;
        return match point_position(letter)? {
            Ok(n) => Some(Reading::Number(n)),
            Err(after) => Some(Reading::Foreign { letter, after }),
        };
    }
    marker.numbers.last().copied().map(Reading::Number)
}

/// Render the marker that should stand where `actual` is, in the author's style (closing
/// character, case).
fn expected_marker(level: Level, prefix: &[u32], n: u32, actual: &Marker) -> Option<String> {
    match level {
        Level::Point => {
            let letter = point_letter(n)?;
            let close: String = actual.text.chars().skip(1).collect();
            let upper = actual.text.chars().next().is_some_and(char::is_uppercase);
            let letter: String = if upper { letter.to_uppercase().collect() } else { letter.to_string() };
            Some(format!("{letter}{close}"))
        }
        Level::Roman => {
            let tail: String = actual.text.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
            // Parts lettered "A. B. C." keep their style.
            if actual.text.starts_with(|c: char| matches!(c, 'A'..='H')) {
                let letter = char::from_u32('A' as u32 + n.checked_sub(1)?)?;
                return Some(format!("{letter}{tail}"));
            }
            Some(format!("{}{tail}", roman(n)))
        }
        Level::Numbered(_) => {
            let mut parts: Vec<String> = prefix.iter().map(u32::to_string).collect();
            parts.push(n.to_string());
            let dot = if actual.text.trim_end().ends_with('.') { "." } else { "" };
            Some(format!("{}{dot}", parts.join(".")))
        }
    }
}

/// The sequence state of one level among one parent's children.
struct Run<'a> {
    level: Level,
    /// The last position seen (0 before the first).
    last: u32,
    /// The marker text of the last block seen.
    last_text: &'a str,
    /// Where the text that may hold a marker lost in a run-on line starts: the last block of
    /// this level, or the parent.
    from: usize,
    /// A wrong inherited prefix ("2.4." under "3.") was reported for this list.
    prefix_reported: bool,
}

/// True when every marker from `expected` up to (not including) `n` is written inline in
/// `between` (the text since the previous marker of this level): the numbering is right and
/// only a paragraph break was lost in conversion ("Điều 2. Hiệu lực 1. Quyết định này…").
fn lost_breaks(level: Level, prefix: &[u32], marker: &Marker, expected: u32, n: u32, between: &str) -> bool {
    // A long gap is not a lost break.
    if n.saturating_sub(expected) > 3 {
        return false;
    }
    (expected..n).all(|k| {
        let Some(m) = expected_marker(level, prefix, k, marker) else { return false };
        between.match_indices(m.as_str()).any(|(i, _)| {
            let before_ok =
                between.get(..i).and_then(|h| h.chars().next_back()).is_none_or(char::is_whitespace);
            // "9.Sắp xếp": a marker without its space is still the marker; "3.[33]" carries a
            // consolidated text's footnote.
            let after_ok = between
                .get(i + m.len()..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_whitespace() || c.is_uppercase() || c == '[');
            before_ok && after_ok
        })
    })
}

pub struct Numbering {
    docs: RuleDocs,
}

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| {
    RuleDocs {
    summary: Message::new(
        "Đánh số các phần, mục, điểm liên tục, không lặp, bắt đầu lại dưới mỗi mục cha; điểm theo bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g…).",
        "Parts, sections and points are numbered without gaps or repeats and restart under each parent; point letters follow the Vietnamese alphabet (a, b, c, d, đ, e, g…).",
    ),
    why: Message::new(
        "Số thứ tự sai làm dẫn chiếu nhầm (\"điểm e khoản 2\") và cho thấy văn bản được cắt ghép chưa rà soát. Bảng chữ cái tiếng Việt không có f, j, w, z: sau \"e)\" là \"g)\", sau \"d)\" là \"đ)\".",
        "Wrong numbering breaks cross-references (\"point e of section 2\") and shows a cut-and-paste draft. The Vietnamese alphabet has no f, j, w or z: \"e)\" is followed by \"g)\", \"d)\" by \"đ)\".",
    ),
    legal_basis: "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II (bố cục: phần, mục, khoản, điểm; điểm đánh theo thứ tự chữ cái tiếng Việt)".into(),
    examples: vec![
        Example {
            bad: "I. MỤC ĐÍCH\n\n1. Mục đích\n\na) Một.\n\nb) Hai.\n\nc) Ba.\n\nd) Bốn.\n\nđ) Năm.\n\ne) Sáu.\n\nf) Bảy.\n".into(),
            good: "I. MỤC ĐÍCH\n\n1. Mục đích\n\na) Một.\n\nb) Hai.\n\nc) Ba.\n\nd) Bốn.\n\nđ) Năm.\n\ne) Sáu.\n\ng) Bảy.\n".into(),
        },
        Example {
            bad: "I. MỤC ĐÍCH\n\n1. Mục đích\n\n3. Yêu cầu\n".into(),
            good: "I. MỤC ĐÍCH\n\n1. Mục đích\n\n2. Yêu cầu\n".into(),
        },
    ],
    source: "built-in".into(),
}
});

impl Numbering {
    pub fn new() -> Self {
        Numbering { docs: DOCS.clone() }
    }
}

impl Default for Numbering {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for Numbering {
    fn id(&self) -> &str {
        "structure/numbering"
    }

    fn default_severity(&self) -> Severity {
        Severity::Error
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        let mut quotes = quoted_regions(doc);
        // Forms attached at the end ("Mẫu số 01") are fill-in templates whose fields are
        // numbered partly in tables and boxes: their numbering is not the document's outline.
        if let Some(start) = forms_start(doc) {
            // Regions must stay sorted and disjoint for the binary search in `in_regions`.
            quotes.retain(|&(s, _)| s < start);
            if let Some(last) = quotes.last_mut()
                && last.1 >= start
            {
                last.1 = doc.text.len();
            } else {
                quotes.push((start, doc.text.len()));
            }
        }
        for part in &doc.parts {
            check_articles(doc, &quotes, part, sink);
        }
        for part in &doc.parts {
            check_siblings(doc, &quotes, None, &part.roots, sink);
        }
        for block in &doc.blocks {
            if !block.children.is_empty() {
                check_siblings(doc, &quotes, Some(block), &block.children, sink);
            }
        }
    }
}

/// Articles ("Điều 1.") run 1, 2, 3… through a whole document, across its chapters. A new
/// document attached in the same part (a regulation after its decision) starts again at 1.
fn check_articles(doc: &Document, quotes: &[(usize, usize)], part: &rasoat_doc::Part, sink: &mut Sink) {
    let mut last = 0u32;
    let mut from = part.span.start;
    let blocks = doc.blocks.get(part.blocks.clone()).unwrap_or(&[]);
    for block in blocks {
        if block.kind != BlockKind::Article || in_regions(quotes, block.span.start) {
            continue;
        }
        let Some(marker) = &block.marker else { continue };
        // "Điều 5 Luật…" at the start of a sentence is a reference, not a heading.
        if !marker.text.trim_end().ends_with(['.', ':']) {
            continue;
        }
        let Some(&n) = marker.numbers.first() else { continue };
        let expected = last + 1;
        // An article run into the previous one's line ("Điều 1. … Điều 2. …") is there.
        let between = doc.text.get(from..marker.span.start).unwrap_or("");
        let run_on = n > expected
            && n - expected <= 3
            && (expected..n).all(|k| between.contains(&format!("Điều {k}")));
        if n != expected && n != 1 && last > 0 && !run_on {
            let want = format!("Điều {expected}.");
            let (vi, en) = if n == last {
                (
                    format!("\"{}\" lặp lại số điều trước; phải là \"{want}\".", marker.text.trim()),
                    format!(
                        "\"{}\" repeats the previous article number; it should be \"{want}\".",
                        marker.text.trim()
                    ),
                )
            } else {
                (
                    format!(
                        "Số điều không liên tục: sau Điều {last} phải là \"{want}\", không phải \"{}\".",
                        marker.text.trim()
                    ),
                    format!(
                        "Articles are not consecutive: Article {last} is followed by \"{want}\", not \"{}\".",
                        marker.text.trim()
                    ),
                )
            };
            sink.report(marker.span, Message::new(vi, en)).suggest(want, false);
        }
        last = n;
        from = block.span.start;
    }
}

/// Byte ranges of quoted passages that span lines: an amendment's new wording
/// ("Sửa đổi Điều 8 như sau: “1. … 2. …”") is numbered as the amended text, not as ours.
/// A passage opens on a line that starts with a quotation mark and closes on the first line
/// that ends with one (before final punctuation).
fn quoted_regions(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for line in &doc.lines {
        let t = doc.slice(*line).trim();
        if open.is_none() && t.starts_with(['“', '"']) {
            open = Some(line.start);
        }
        if let Some(start) = open
            && t.trim_end_matches(['.', ';', ',', ':', '/']).ends_with(['”', '"'])
            && !(t.len() == 1 && line.start == start)
        {
            out.push((start, line.end));
            open = None;
        }
    }
    if let Some(start) = open {
        out.push((start, doc.text.len()));
    }
    out
}

/// Where the first attached form starts: a short line "Mẫu số 01" (or "MẪU SỐ 02a…").
fn forms_start(doc: &Document) -> Option<usize> {
    doc.lines.iter().find_map(|l| {
        let t = doc.slice(*l).trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
        let head = t.strip_prefix("Mẫu số").or_else(|| t.strip_prefix("MẪU SỐ"))?;
        (t.len() < 100 && head.trim_start().starts_with(|c: char| c.is_ascii_alphanumeric()))
            .then_some(l.start)
    })
}

fn in_regions(regions: &[(usize, usize)], at: usize) -> bool {
    let i = regions.partition_point(|&(_, end)| end < at);
    regions.get(i).is_some_and(|&(start, end)| start <= at && at <= end)
}

/// Check the numbered children of one parent (or the roots of a part).
fn check_siblings(
    doc: &Document,
    quotes: &[(usize, usize)],
    parent: Option<&Block>,
    ids: &[BlockId],
    sink: &mut Sink,
) {
    // A parent has few levels among its children: a small vec beats a map.
    let mut runs: Vec<Run> = Vec::new();
    let mut prose_before = false;
    for &id in ids {
        let Some(block) = doc.blocks.get(id) else { continue };
        let Some(level) = Level::of(block.kind) else {
            prose_before |= block.kind == BlockKind::Paragraph;
            continue;
        };
        let Some(marker) = &block.marker else { continue };
        let Some(reading) = read_marker(level, marker) else { continue };
        // Table rows flattened into the body ("1.1<TAB>Dự án…") and bare cells ("2.2") are
        // numbered by the table, not the body's outline.
        let own = doc.slice(block.text);
        let first_line = doc.slice(block.span).lines().next().unwrap_or("");
        if first_line.contains('\t') || in_regions(quotes, block.span.start) {
            continue;
        }
        // A marker alone on its line ("1." with its text in a table or lost in conversion)
        // still takes its place in the sequence, but is not judged itself.
        // A marker alone on its first line with its text on the next ("5.2" then the row's
        // cells) is a table row flattened one cell per line, not an outline heading.
        let bare = own.trim().is_empty() || first_line.trim() == marker.text.trim();
        // The numbers a sub-section inherits: `1.2.` under `1.` must start with 1.
        let prefix: &[u32] = match (level, parent.and_then(|p| p.marker.as_ref().map(|m| (p.kind, m)))) {
            (Level::Numbered(d), Some((BlockKind::Numbered { depth }, pm))) if d == depth + 1 => &pm.numbers,
            (Level::Numbered(d), _) if d > 1 => marker.numbers.get(..usize::from(d - 1)).unwrap_or_default(),
            _ => &[],
        };
        let run_idx = match runs.iter().position(|r| r.level == level) {
            Some(i) => i,
            None => {
                // The first marker of a list may have been run into the parent's line or
                // into one of the two blocks before it.
                let before = doc.blocks.get(id.saturating_sub(2)).map_or(block.span.start, |b| b.span.start);
                let from = parent.map_or(before, |p| p.span.start.min(before));
                runs.push(Run { level, last: 0, last_text: "", from, prefix_reported: false });
                runs.len() - 1
            }
        };
        let Some(run) = runs.get_mut(run_idx) else { continue };
        let expected = run.last + 1;
        // The marker that should stand here: rendered only for a finding (most markers are
        // right, and rendering allocates).
        let suggest = || {
            let suggestion = expected_marker(level, prefix, expected, marker);
            let shown = suggestion.clone().unwrap_or_default();
            (suggestion, shown)
        };
        let prev = run.last_text;
        match reading {
            Reading::Foreign { letter, after } => {
                let (suggestion, shown) = suggest();
                let msg = Message::new(
                    format!(
                        "Bảng chữ cái tiếng Việt không có chữ \"{letter}\": điểm này phải là \"{shown}\" (đánh lại các điểm sau nếu cần)."
                    ),
                    format!(
                        "The Vietnamese alphabet has no \"{letter}\": this point should be \"{shown}\" (renumber the following points if needed)."
                    ),
                );
                let d = sink.report(marker.span, msg);
                if let Some(s) = suggestion {
                    d.suggest(s, false);
                }
                // The author meant the letter after `after`: the next one is judged from
                // there, so "e) f) g)" is one finding, not two.
                run.last = after.max(run.last);
            }
            Reading::Number(n) => {
                let between = doc.text.get(run.from..marker.span.start).unwrap_or("");
                // A new list under the same parent (after some prose) starts again at 1.
                let restart = n == 1 && run.last > 0;
                // A list that does not start at 1 is judged only right under a heading: after
                // prose, or at the top of the body, the first item is far more often lost in
                // conversion (run into a line, left in a table) than missing.
                let under_heading = parent.is_some_and(|p| p.heading) && !prose_before;
                let unsure_start = run.last == 0 && !under_heading;
                let excused = restart
                    || bare
                    || unsure_start
                    || (n > expected && lost_breaks(level, prefix, marker, expected, n, between));
                if n != expected && !excused {
                    let (suggestion, shown) = suggest();
                    let (vi, en) = if run.last == 0 {
                        (
                            format!(
                                "Đánh số phải bắt đầu lại từ \"{shown}\" dưới mục cha, không phải \"{}\".",
                                marker.text
                            ),
                            format!(
                                "Numbering must restart at \"{shown}\" under its parent, not \"{}\".",
                                marker.text
                            ),
                        )
                    } else if n == run.last {
                        (
                            format!(
                                "\"{}\" lặp lại số thứ tự của mục trước; phải là \"{shown}\".",
                                marker.text
                            ),
                            format!(
                                "\"{}\" repeats the previous number; it should be \"{shown}\".",
                                marker.text
                            ),
                        )
                    } else if n > expected {
                        (
                            format!(
                                "Đánh số bị nhảy cóc: sau \"{prev}\" phải là \"{shown}\", không phải \"{}\".",
                                marker.text
                            ),
                            format!(
                                "Numbering skips: \"{prev}\" is followed by \"{shown}\", not \"{}\".",
                                marker.text
                            ),
                        )
                    } else {
                        (
                            format!(
                                "Đánh số không theo thứ tự: sau \"{prev}\" phải là \"{shown}\", không phải \"{}\".",
                                marker.text
                            ),
                            format!(
                                "Numbering out of order: \"{prev}\" is followed by \"{shown}\", not \"{}\".",
                                marker.text
                            ),
                        )
                    };
                    let d = sink.report(marker.span, Message::new(vi, en));
                    if let Some(s) = suggestion {
                        d.suggest(s, false);
                    }
                    // Resync on what the author wrote, so one slip gives one finding.
                    run.last = n.max(run.last);
                } else {
                    run.last = n;
                }
                if restart || n < expected {
                    run.last = n;
                }
                // `1.2.` under `1.`: the inherited numbers must be the parent's.
                if let Level::Numbered(d) = level
                    && d > 1
                    && n == expected
                    && let Some(head) = marker.numbers.get(..usize::from(d - 1))
                    && parent.is_some_and(|p| matches!(p.kind, BlockKind::Numbered { .. }))
                    && head != prefix
                    && !run.prefix_reported
                    && !bare
                {
                    // One finding per list: the whole list carries the same wrong prefix.
                    run.prefix_reported = true;
                    let want = expected_marker(level, prefix, n, marker).unwrap_or_default();
                    let d = sink.report(
                        marker.span,
                        Message::new(
                            format!("\"{}\" không khớp số của mục cha; phải là \"{want}\".", marker.text),
                            format!(
                                "\"{}\" does not match its parent's number; it should be \"{want}\".",
                                marker.text
                            ),
                        ),
                    );
                    d.suggest(want, false);
                }
            }
        }
        run.last_text = &marker.text;
        run.from = block.span.start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;

    #[test]
    fn alphabet_positions() {
        assert_eq!(point_position('a').and_then(Result::ok), Some(1));
        assert_eq!(point_position('đ').and_then(Result::ok), Some(5));
        assert_eq!(point_position('g').and_then(Result::ok), Some(7));
        assert_eq!(point_position('y').and_then(Result::ok), Some(23));
        assert_eq!(point_position('f').and_then(Result::err), Some(6));
        assert_eq!(point_position('Đ').and_then(Result::ok), Some(5));
        assert!(point_position('ă').is_none());
        assert_eq!(point_letter(7), Some('g'));
        assert_eq!(point_letter(0), None);
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }

    fn findings(text: &str) -> Vec<(String, Vec<String>)> {
        run_on_text(&Numbering::new(), text)
            .into_iter()
            .map(|d| (d.message.vi, d.suggestions.into_iter().map(|s| s.replacement).collect()))
            .collect()
    }

    #[test]
    fn lost_breaks_and_new_lists_are_not_faults() {
        // "a) … b) …" run together on one line by a conversion.
        assert!(findings("1. Mục\n\na) Một; b) Hai.\n\nc) Ba.\n").is_empty());
        // The first clause inline in its article's heading.
        assert!(
            findings("Điều 2. Hiệu lực 1. Quyết định có hiệu lực.\n\n2. Các cơ quan thi hành.\n").is_empty()
        );
        // A second list under the same parent.
        assert!(findings("I. A\n\n1. X\n\n2. Y\n\nDanh sách:\n\n1. Z\n\n2. W\n").is_empty());
        // A real gap is still one.
        assert_eq!(findings("1. Mục\n\na) Một.\n\nc) Ba.\n").len(), 1);
        // A marker alone on its line counts; "9.Sắp" without a space is still 9.
        assert!(findings("1.\n\n2.\n\n3. Ba.\n").is_empty());
        assert!(findings("1. Một.\n\n2.Sắp xếp.\n\n3. Ba.\n").is_empty());
    }

    #[test]
    fn a_table_row_flattened_one_cell_per_line_is_not_judged() {
        // "1.3" alone, its cells on the next lines: a table row, not an outline heading.
        assert!(findings("1. Mục\n\n1.1. Việc một.\n\n1.3\nViệc ba ở dòng sau\n").is_empty());
        // The same gap with the text on the marker's line is a fault.
        assert_eq!(findings("1. Mục\n\n1.1. Việc một.\n\n1.3. Việc ba.\n").len(), 1);
    }

    #[test]
    fn quoted_amendments_keep_their_own_numbers() {
        let text = "Điều 1. Sửa đổi\n\n1. Sửa đổi Điều 8 như sau:\n\n“1. Mới.\n\n2. Mới nữa.”\n\n2. Sửa đổi Điều 9 như sau:\n\n“3. Khác.”\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn articles_run_through_the_document() {
        assert!(findings("Điều 1. A.\n\nChương II\n\nĐiều 2. B.\n\nĐiều 3. C.\n").is_empty());
        let f = findings("Điều 1. A.\n\nĐiều 2. B.\n\nĐiều 4. C.\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["Điều 3.".to_string()]);
    }

    #[test]
    fn forms_are_not_outlines() {
        let text = "1. Một.\n\n2. Hai.\n\nMẫu số 01\n\n1. Tên:\n\n3. Địa chỉ:\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn f_after_e_suggests_g() {
        let text = "1. Mục\n\na) A.\n\nb) B.\n\nc) C.\n\nd) D.\n\nđ) Đ.\n\ne) E.\n\nf) F.\n";
        let f = findings(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["g)".to_string()]);
        // The author's own sequence goes on after f: one finding, not one per later point.
        assert_eq!(findings("1. Mục\n\nd) D.\n\nđ) Đ.\n\ne) E.\n\nf) F.\n\ng) G.\n").len(), 2);
    }

    #[test]
    fn d_then_e_skips_đ() {
        let f = findings("1. Mục\n\na) A.\n\nb) B.\n\nc) C.\n\nd) D.\n\ne) E.\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["đ)".to_string()]);
    }

    #[test]
    fn gaps_repeats_and_restarts() {
        let f = findings("I. A\n\n1. X\n\n2. Y\n\n2. Z\n\nII. B\n\n1. X\n\nIV. C\n");
        assert_eq!(f.len(), 2, "{f:?}");
        let mut s: Vec<String> = f.into_iter().flat_map(|x| x.1).collect();
        s.sort();
        assert_eq!(s, vec!["3.".to_string(), "III.".to_string()]);
        // Restarting under a new parent is right, not a repeat.
        assert!(findings("I. A\n\n1. X\n\n2. Y\n\nII. B\n\n1. X\n\n2. Y\n").is_empty());
    }

    #[test]
    fn sub_sections_follow_their_parent() {
        assert!(findings("1. A\n\n1.1. X\n\n1.2. Y\n\n2. B\n\n2.1. Z\n").is_empty());
        let f = findings("1. A\n\n1.1. X\n\n1.3. Y\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, vec!["1.2.".to_string()]);
    }
}
