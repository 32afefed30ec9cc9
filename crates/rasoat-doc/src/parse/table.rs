//! Appendix tables: tab-separated lines under a header row.
//!
//! A PDF/Word export repeats the header row on every page and breaks a row across pages,
//! continuing it on a line whose first (TT) cell is empty; both are undone here.

use rasoat_text::Span;

use super::grammar;
use super::line::{self, LineInfo};
use crate::model::*;

/// The kind of column a header cell names.
pub(crate) fn column_kind(title: &str) -> ColumnKind {
    let l = line::to_lower(title);
    let t = l.trim_matches(|c: char| c.is_whitespace() || c == '.');
    if matches!(t, "tt" | "stt" | "số tt" | "số thứ tự" | "thứ tự") {
        return ColumnKind::Number;
    }
    // One walk over the title instead of a substring search a phrase: at each byte that
    // starts a phrase, the phrases that start with it; the earliest kind in TITLE_PHRASES
    // wins wherever it occurs, as a chain of `contains` tests in that order would decide.
    let b = t.as_bytes();
    let mut best = TITLE_PHRASES.len();
    for (i, &lead) in b.iter().enumerate() {
        if !matches!(lead, b'c' | b'p' | b't' | b's' | b'k' | b'h' | b'n') {
            continue;
        }
        let rest = b.get(i..).unwrap_or_default();
        for (k, (phrase, _)) in TITLE_PHRASES.iter().enumerate().take(best) {
            if rest.starts_with(phrase.as_bytes()) {
                best = k;
                break;
            }
        }
    }
    TITLE_PHRASES.get(best).map_or(ColumnKind::Other, |&(_, kind)| kind)
}

/// Words that name a column, in the order their kinds are preferred (a title naming both
/// "chủ trì" and "phối hợp" is the lead column's).
const TITLE_PHRASES: [(&str, ColumnKind); 11] = [
    ("chủ trì", ColumnKind::Lead),
    ("phối hợp", ColumnKind::Coordinate),
    ("thời gian", ColumnKind::Deadline),
    ("thời hạn", ColumnKind::Deadline),
    ("tiến độ", ColumnKind::Deadline),
    ("sản phẩm", ColumnKind::Output),
    ("kết quả", ColumnKind::Output),
    ("hình thức văn bản", ColumnKind::Output),
    ("nội dung", ColumnKind::Task),
    ("nhiệm vụ", ColumnKind::Task),
    ("công việc", ColumnKind::Task),
];

/// The columns of a header row, when the line is one: at least two recognised titles.
pub(crate) fn header_columns(text: &str, content: Span) -> Option<Vec<Column>> {
    let s = content.text(text);
    // Header rows are short; long lines are data. This runs on every table row.
    if s.len() > 600 || s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Data rows mention "nhiệm vụ" or "thời hạn" too, but their cells are long.
    if line::cells(text, content).any(|c| c.text(text).chars().nth(80).is_some()) {
        return None;
    }
    // Two different recognised titles ("Thời gian | … | Thời gian" is a data row), decided
    // before any title is copied: most tab lines are data rows.
    let mut kinds =
        line::cells(text, content).map(|c| column_kind(c.text(text))).filter(|&k| k != ColumnKind::Other);
    let first = kinds.next();
    if !kinds.any(|k| Some(k) != first) {
        return None;
    }
    let columns = line::cells(text, content)
        .map(|c| {
            let title = c.text(text);
            Column { kind: column_kind(title), title: title.to_string() }
        })
        .collect();
    Some(columns)
}

fn same_row(text: &str, a: Span, b: Span) -> bool {
    line::cells(text, a).map(|c| c.text(text)).eq(line::cells(text, b).map(|c| c.text(text)))
}

struct RowBuild {
    span: Span,
    /// Per column, the pieces of the cell.
    cells: Vec<Vec<Span>>,
}

/// Parse the table whose header row is on line `li`. Returns it and the lines it used.
pub(crate) fn table(text: &str, lines: &[LineInfo], li: usize, stop: usize) -> Option<(Table, Vec<usize>)> {
    let head = lines.get(li)?;
    let columns = header_columns(text, head.row)?;
    let num_col = columns.iter().position(|c| c.kind == ColumnKind::Number).unwrap_or(0);
    // Tables run to tens of rows: room for the first ones without growing from one.
    let mut rows: Vec<RowBuild> = Vec::with_capacity(16);
    let mut used = Vec::with_capacity(16);
    used.push(li);
    let mut j = li + 1;
    while j < stop {
        let Some(l) = lines.get(j) else { break };
        if l.blank() {
            j += 1;
            continue;
        }
        if !l.tab {
            break;
        }
        if same_row(text, l.row, head.row) {
            if rows.is_empty() {
                // Header after header: not a table (and stopping here keeps runs of them linear).
                break;
            }
            // The header repeated on a new page.
            used.push(j);
            j += 1;
            continue;
        }
        if header_columns(text, l.row).is_some() {
            // Another table starts.
            break;
        }
        // A row has about as many cells as the header has columns: no growth.
        let mut cells: Vec<Span> = Vec::with_capacity(columns.len() + 1);
        cells.extend(line::cells(text, l.row));
        let number_empty = cells.get(num_col).is_none_or(|c| c.is_empty());
        match rows.last_mut() {
            Some(prev) if number_empty => {
                // A row continued after a page break.
                for (k, c) in cells.iter().enumerate() {
                    if c.is_empty() {
                        continue;
                    }
                    if let Some(pieces) = prev.cells.get_mut(k) {
                        pieces.push(*c);
                    } else {
                        prev.cells.resize_with(k, Vec::new);
                        prev.cells.push(vec![*c]);
                    }
                }
                prev.span = prev.span.cover(l.row);
            }
            _ => rows.push(RowBuild {
                span: l.row,
                cells: cells.iter().map(|c| if c.is_empty() { Vec::new() } else { vec![*c] }).collect(),
            }),
        }
        used.push(j);
        j += 1;
    }
    if rows.is_empty() {
        // A header with no rows under it is not a table (multi-line headers, forms).
        return None;
    }
    let last = used.last().and_then(|&u| lines.get(u)).map_or(head.row.end, |l| l.row.end);
    let number_text =
        |r: &RowBuild| r.cells.get(num_col).and_then(|p| p.first()).map_or("", |s| s.text(text));
    let mut out_rows = Vec::with_capacity(rows.len());
    for (k, r) in rows.iter().enumerate() {
        let next_number = rows.get(k + 1).map_or("", number_text);
        let kind = row_kind(text, r, &columns, num_col, number_text(r), next_number);
        let cells = r
            .cells
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(column, p)| Cell { column, spans: p.clone() })
            .collect();
        out_rows.push(Row { kind, span: r.span, cells });
    }
    let table = Table {
        span: Span::new(head.row.start, last),
        header: head.row,
        columns,
        rows: out_rows,
        title: None,
    };
    Some((table, used))
}

fn row_kind(
    text: &str,
    r: &RowBuild,
    columns: &[Column],
    num_col: usize,
    number: &str,
    next: &str,
) -> RowKind {
    let filled: Vec<usize> =
        (0..r.cells.len()).filter(|&k| r.cells.get(k).is_some_and(|p| !p.is_empty())).collect();
    let first_text = filled.first().and_then(|&k| r.cells.get(k)?.first()).map_or("", |s| s.text(text));
    // "I. Chỉ đạo điều hành…" in the first cell, or a single heading cell.
    if let Some(m) = grammar::marker(first_text)
        && m.kind == BlockKind::Roman
        && m.text_start < first_text.len()
    {
        return RowKind::Group;
    }
    if filled.len() == 1 && filled.first() != Some(&num_col) {
        return RowKind::Group;
    }
    // "2 | Tổ chức tuyên truyền | | |" followed by 2.1, 2.2: a numbered group.
    let only_task = filled.iter().all(|&k| {
        k == num_col
            || columns.get(k).is_some_and(|c| matches!(c.kind, ColumnKind::Task | ColumnKind::Number))
    });
    let numbered_sub = !number.is_empty()
        && next.strip_prefix(number).is_some_and(|rest| rest.starts_with('.') && rest.len() > 1);
    if only_task && numbered_sub { RowKind::Group } else { RowKind::Task }
}

/// The title above a table ("PHỤ LỤC …" and the lines under it), searching up from line
/// `header` no further than `floor`. `free` says which lines are still unassigned.
pub(crate) fn title(
    text: &str,
    lines: &[LineInfo],
    header: usize,
    floor: usize,
    free: impl Fn(usize) -> bool,
) -> Option<(Span, Vec<usize>)> {
    let mut j = header;
    let mut seen = 0;
    let mut last = None;
    let mut top = None;
    // The topmost title-like line of the few above the header ("Phụ lục" above "DANH MỤC…").
    while j > floor && seen < 6 {
        j -= 1;
        let Some(l) = lines.get(j) else { break };
        if l.blank() {
            continue;
        }
        if !free(j) || l.tab {
            break;
        }
        seen += 1;
        last.get_or_insert(j);
        let s = l.content.text(text);
        if ["phụ lục", "danh mục", "biểu"].iter().any(|p| line::starts_with_ci(s, p)) {
            top = Some(j);
        }
    }
    let top = top?;
    let start = lines.get(top)?.content.start;
    let end = last.and_then(|k| lines.get(k)).map_or(start, |x| x.content.end);
    let used = (top..header).filter(|&k| lines.get(k).is_some_and(|x| !x.blank())).collect();
    Some((Span::new(start, end), used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{line::line_infos, split_lines};

    #[test]
    fn kinds() {
        assert_eq!(column_kind("STT"), ColumnKind::Number);
        assert_eq!(column_kind("Nội dung công việc"), ColumnKind::Task);
        assert_eq!(column_kind("Phòng/đơn vị chủ trì tham mưu"), ColumnKind::Lead);
        assert_eq!(column_kind("Phòng/đơn vị phối hợp tổ chức thực hiện"), ColumnKind::Coordinate);
        assert_eq!(column_kind("Sản phẩm/ Kết quả"), ColumnKind::Output);
        assert_eq!(column_kind("Thời gian thực hiện/ hoàn thành"), ColumnKind::Deadline);
        assert_eq!(column_kind("Ghi chú"), ColumnKind::Other);
    }

    /// `column_kind` as first written: a chain of substring tests.
    fn column_kind_plain(title: &str) -> ColumnKind {
        let l = title.to_lowercase();
        let t = l.trim_matches(|c: char| c.is_whitespace() || c == '.');
        if matches!(t, "tt" | "stt" | "số tt" | "số thứ tự" | "thứ tự") {
            ColumnKind::Number
        } else if t.contains("chủ trì") {
            ColumnKind::Lead
        } else if t.contains("phối hợp") {
            ColumnKind::Coordinate
        } else if t.contains("thời gian") || t.contains("thời hạn") || t.contains("tiến độ") {
            ColumnKind::Deadline
        } else if t.contains("sản phẩm") || t.contains("kết quả") || t.contains("hình thức văn bản")
        {
            ColumnKind::Output
        } else if t.contains("nội dung") || t.contains("nhiệm vụ") || t.contains("công việc") {
            ColumnKind::Task
        } else {
            ColumnKind::Other
        }
    }

    proptest::proptest! {
        #[test]
        fn column_kind_matches_its_plain_definition(
            words in proptest::collection::vec(
                "(chủ trì|phối hợp|Thời gian|thời hạn|tiến độ|Sản phẩm|kết quả|hình thức văn bản|\
                  Nội dung|nhiệm vụ|công việc|STT|tt|số thứ tự|cơ quan|/| |\\.|th|n)", 0..6),
        ) {
            let title = words.concat();
            proptest::prop_assert_eq!(column_kind(&title), column_kind_plain(&title));
        }
    }

    #[test]
    fn not_tables() {
        let text = "TT\tNội dung\tChủ trì\nVăn bản tiếp theo";
        let lines = line_infos(text, &split_lines(text));
        assert!(table(text, &lines, 0, lines.len()).is_none(), "a header without rows");
        let text = "TT\tNội dung\tChủ trì\nTT\tNội dung\tChủ trì\n1\tA\tB";
        let lines = line_infos(text, &split_lines(text));
        assert!(table(text, &lines, 0, lines.len()).is_none(), "header then header");
        assert!(table(text, &lines, 1, lines.len()).is_some());
        let text = "Thời gian\tA\tThời gian\tB";
        assert!(header_columns(text, Span::new(0, text.len())).is_none(), "one kind twice");
        let text = "1\tNội dung\tChủ trì";
        assert!(header_columns(text, Span::new(0, text.len())).is_none(), "a numbered data row");
    }

    #[test]
    fn pages_and_groups() {
        let text = "PHỤ LỤC\n(Kèm theo)\n\nTT\tNội dung\tChủ trì\tThời hạn\nI. Chỉ đạo\t\t\t\n1\tViệc một, báo\tSở A\tQuý II\n\nTT\tNội dung\tChủ trì\tThời hạn\n\tcáo tiếp\t\t\n2\tNhóm\t\t\n2.1\tViệc con\tSở B\t2026\n\nHết.";
        let lines = line_infos(text, &split_lines(text));
        let Some((t, used)) = table(text, &lines, 3, lines.len()) else { panic!("no table") };
        assert_eq!(used, [3, 4, 5, 7, 8, 9, 10]);
        let kinds: Vec<RowKind> = t.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RowKind::Group, RowKind::Task, RowKind::Group, RowKind::Task]);
        let Some(task) = t.rows.get(1).and_then(|r| r.cell(&t, ColumnKind::Task)) else {
            panic!("task cell")
        };
        let pieces: Vec<&str> = task.spans.iter().map(|s| s.text(text)).collect();
        assert_eq!(pieces, ["Việc một, báo", "cáo tiếp"]);
        let Some((title, tl)) = title(text, &lines, 3, 0, |_| true) else { panic!("no title") };
        assert_eq!(title.text(text), "PHỤ LỤC\n(Kèm theo)");
        assert_eq!(tl, [0, 1]);
    }
}
