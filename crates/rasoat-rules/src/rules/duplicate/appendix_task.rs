//! `duplicate/appendix-task`: the same task twice in the appendix table(s) of a plan, or the same
//! task given two different deadlines or lead units.

use std::sync::LazyLock;

use rasoat_doc::{ColumnKind, Document, RowKind, Span};

use super::similarity::{Index, Params, term_hashes_of};
use super::units::Tabs;
use crate::diagnostic::{Message, Severity};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

/// Appendix tasks are terser than body directives, so fewer terms make a task.
const PARAMS: Params = Params { min_terms: 5, min_similarity: 0.8, min_length_ratio: 0.65 };

pub struct DuplicateAppendixTask;

static DOCS: LazyLock<RuleDocs> = LazyLock::new(|| {
    RuleDocs {
    summary: Message::new(
        "Một nhiệm vụ xuất hiện hai lần trong phụ lục phân công, hoặc được giao hai thời hạn hay hai đơn vị chủ trì khác nhau.",
        "The same task appears twice in the appendix, or is given two different deadlines or lead units.",
    ),
    why: Message::new(
        "Kết luận 226-KL/TW yêu cầu \"một việc một đầu mối\" và mỗi nhiệm vụ rõ người, rõ việc, rõ thời hạn; \
         nhiệm vụ lặp lại làm không rõ ai chịu trách nhiệm và hạn nào là hạn thật.",
        "Kết luận 226-KL/TW requires one lead per task and a clear owner and deadline for each; a task \
         listed twice leaves unclear who is responsible and which deadline holds.",
    ),
    legal_basis: "Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư (một việc một đầu mối, \"6 rõ\")".into(),
    examples: vec![Example {
        bad: "PHỤ LỤC\n\nSTT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n\
              1\tXây dựng kế hoạch tuyên truyền cải cách hành chính năm 2026\tPhòng Văn hóa - Xã hội\tCác đơn vị\tQuý I/2026\n\
              2\tRà soát, đơn giản hóa thủ tục hành chính nội bộ\tVăn phòng\tCác phòng\tQuý II/2026\n\
              3\tXây dựng kế hoạch tuyên truyền cải cách hành chính năm 2026\tPhòng Văn hóa - Xã hội\tCác đơn vị\tQuý III/2026\n"
            .into(),
        good: "PHỤ LỤC\n\nSTT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n\
               1\tXây dựng kế hoạch tuyên truyền cải cách hành chính năm 2026\tPhòng Văn hóa - Xã hội\tCác đơn vị\tQuý I/2026\n\
               2\tXây dựng kế hoạch kiểm tra cải cách hành chính năm 2026\tVăn phòng\tCác phòng\tQuý I/2026\n\
               3\tTổ chức đối thoại định kỳ với người dân trên địa bàn phường\tVăn phòng\t\tQuý II/2026\n\
               4\tTổ chức đối thoại định kỳ với doanh nghiệp trên địa bàn phường\tVăn phòng\t\tQuý II/2026\n"
            .into(),
    }],
    source: "built-in".into(),
}
});

/// One task row: where it is and the pieces of its cells.
#[derive(Debug, Clone, Default)]
struct TaskRow {
    span: Span,
    task: Vec<Span>,
    lead: Vec<Span>,
    deadline: Vec<Span>,
}

/// The task rows of every table of a part, from the parser's model.
fn rows_from_model(doc: &Document, part: &rasoat_doc::Part) -> Vec<TaskRow> {
    let mut out = Vec::new();
    for table in &part.tables {
        // Only task-assignment tables: procedure steps and fee schedules repeat by design.
        if !table.columns.iter().any(|c| c.kind == ColumnKind::Lead) {
            continue;
        }
        let titles: Vec<Vec<u64>> = table
            .columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Task)
            .map(|c| term_hashes_of(&c.title, &[Span::new(0, c.title.len())]))
            .collect();
        for row in table.rows.iter().filter(|r| r.kind == RowKind::Task) {
            let Some(task) = row.cell(table, ColumnKind::Task) else { continue };
            let cell = |kind| row.cell(table, kind).map(|c| c.spans.clone()).unwrap_or_default();
            // A header row repeated on a later page that the parser kept is not a task.
            if titles.contains(&term_hashes_of(&doc.text, &task.spans)) {
                continue;
            }
            out.push(TaskRow {
                span: row.span,
                task: task.spans.clone(),
                lead: cell(ColumnKind::Lead),
                deadline: cell(ColumnKind::Deadline),
            });
        }
    }
    out
}

fn column_kind(title: &str) -> ColumnKind {
    let t = title.trim().to_lowercase();
    if t == "tt" || t == "stt" {
        ColumnKind::Number
    } else if t.contains("chủ trì") {
        ColumnKind::Lead
    } else if t.contains("phối hợp") {
        ColumnKind::Coordinate
    } else if t.contains("thời gian") || t.contains("thời hạn") || t.contains("tiến độ") {
        ColumnKind::Deadline
    } else if t.contains("sản phẩm") || t.contains("kết quả") {
        ColumnKind::Output
    } else if TASK_WORDS.iter().any(|w| t.contains(w)) {
        ColumnKind::Task
    } else {
        ColumnKind::Other
    }
}

/// What a task column's title says (any case).
const TASK_WORDS: [&str; 3] = ["nhiệm vụ", "nội dung", "công việc"];

/// Whether `line`, lower-cased into `buf`, holds one of [`TASK_WORDS`]: a line without any has
/// no cell that [`column_kind`] calls a task column (a cell's lower case is a piece of the
/// line's, and the words hold no letter whose lower case depends on its neighbours).
fn names_task(line: &str, buf: &mut String) -> bool {
    // The ASCII lower case first, in bulk: a word found there is in the full lower case (the
    // words' other letters are lower case already), and a line without any of TASK_UPPER has
    // no other way to make one appear.
    buf.clear();
    buf.push_str(line);
    buf.make_ascii_lowercase();
    if TASK_WORDS.iter().any(|w| buf.contains(w)) {
        return true;
    }
    line.contains(TASK_UPPER) && names_task_plain(line, buf)
}

/// The characters outside ASCII whose lower case holds a letter of one of [`TASK_WORDS`]
/// (`task_upper_is_every_such_character` asks every character).
const TASK_UPPER: [char; 5] = ['Ô', 'İ', 'Ệ', 'Ộ', 'Ụ'];

/// The definition of [`names_task`]: the whole line lower-cased, character by character.
fn names_task_plain(line: &str, buf: &mut String) -> bool {
    buf.clear();
    for c in line.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    TASK_WORDS.iter().any(|w| buf.contains(w))
}

/// Tab-separated rows read straight from the text, for a part where the parser recognised no
/// table: a header line with a task column, then rows; a repeated header is skipped and a row
/// whose first cell is empty continues the previous one (a page break).
fn rows_from_text(doc: &Document, part: &rasoat_doc::Part) -> Vec<TaskRow> {
    let mut out: Vec<TaskRow> = Vec::new();
    let mut columns: Vec<ColumnKind> = Vec::new();
    let mut header = "";
    let mut lower = String::new();
    // Lines are in text order: start at the part's first line and stop after its last, rather
    // than filtering every line of the document once per part (quadratic in long files).
    let first = doc.lines.partition_point(|l| l.start < part.span.start);
    let lines = doc.lines.get(first..).unwrap_or(&[]);
    let in_part = lines.iter().take_while(|l| l.start <= part.span.end).filter(|l| part.span.contains(**l));
    let mut tabs = Tabs::new(&doc.text);
    for &line in in_part {
        if !tabs.within(line) {
            continue;
        }
        let text = doc.slice(line);
        // Only a line that names a task column can be a header: the cells' kinds (a lower-case
        // copy of each) are worked out for those alone, not for every row.
        let kinds: Vec<ColumnKind> = if names_task(text, &mut lower) {
            text.split('\t').map(column_kind).collect()
        } else {
            Vec::new()
        };
        if kinds.contains(&ColumnKind::Task) && kinds.iter().filter(|k| **k != ColumnKind::Other).count() >= 2
        {
            if text != header {
                // Only task-assignment tables (with a lead column) are read.
                columns = if kinds.contains(&ColumnKind::Lead) { kinds } else { Vec::new() };
                header = text;
            }
            continue;
        }
        if columns.is_empty() {
            continue;
        }
        let mut row = TaskRow { span: line, ..TaskRow::default() };
        let mut first_empty = false;
        let mut filled = 0;
        let mut offset = line.start;
        for (i, cell) in text.split('\t').enumerate() {
            let span = Span::new(offset, offset + cell.len());
            offset += cell.len() + 1;
            if i == 0 {
                first_empty = cell.trim().is_empty();
            }
            if cell.trim().is_empty() {
                continue;
            }
            filled += 1;
            match columns.get(i) {
                Some(ColumnKind::Task) => row.task.push(span),
                Some(ColumnKind::Lead) => row.lead.push(span),
                Some(ColumnKind::Deadline) => row.deadline.push(span),
                _ => {}
            }
        }
        match out.last_mut() {
            Some(prev) if first_empty && filled > 0 => {
                prev.span = prev.span.cover(line);
                prev.task.extend(row.task);
                prev.lead.extend(row.lead);
                prev.deadline.extend(row.deadline);
            }
            _ if !row.task.is_empty() => out.push(row),
            _ => {}
        }
    }
    // A group heading row ("2  Tổ chức tuyên truyền") names no lead and no deadline.
    out.retain(|r| !(r.lead.is_empty() && r.deadline.is_empty()));
    out
}

fn quote(doc: &Document, pieces: &[Span]) -> String {
    let mut s = String::new();
    for p in pieces {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(doc.slice(*p).trim());
    }
    s
}

impl Rule for DuplicateAppendixTask {
    fn id(&self) -> &str {
        "duplicate/appendix-task"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &DOCS
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for (p, part) in doc.parts.iter().enumerate() {
            let rows =
                if part.tables.is_empty() { rows_from_text(doc, part) } else { rows_from_model(doc, part) };
            let mut index = Index::new();
            for r in &rows {
                index.push(&doc.text, &r.task, p as u64);
            }
            let found = index.find_repeats(PARAMS, |_| true);
            for (later, m) in rows.iter().zip(found) {
                let Some(m) = m else { continue };
                let Some(earlier) = rows.get(m.earlier) else { continue };
                report(doc, sink, earlier, later);
            }
        }
    }
}

fn differs(doc: &Document, a: &[Span], b: &[Span]) -> bool {
    !a.is_empty() && !b.is_empty() && term_hashes_of(&doc.text, a) != term_hashes_of(&doc.text, b)
}

fn report(doc: &Document, sink: &mut Sink, earlier: &TaskRow, later: &TaskRow) {
    let line = doc.map.line_col(&doc.text, earlier.span.start).line;
    let message = if differs(doc, &earlier.deadline, &later.deadline) {
        let (a, b) = (quote(doc, &earlier.deadline), quote(doc, &later.deadline));
        Message::new(
            format!("Nhiệm vụ ở dòng {line} được giao lại với thời hạn khác (\"{a}\" và \"{b}\")."),
            format!("The task at line {line} is assigned again with another deadline (\"{a}\" and \"{b}\")."),
        )
    } else if differs(doc, &earlier.lead, &later.lead) {
        let (a, b) = (quote(doc, &earlier.lead), quote(doc, &later.lead));
        Message::new(
            format!("Nhiệm vụ ở dòng {line} được giao lại cho đơn vị chủ trì khác (\"{a}\" và \"{b}\")."),
            format!("The task at line {line} is assigned again to another lead unit (\"{a}\" and \"{b}\")."),
        )
    } else {
        Message::new(
            format!("Nhiệm vụ này lặp lại nhiệm vụ ở dòng {line} của phụ lục."),
            format!("This task repeats the one at line {line} of the appendix."),
        )
    };
    sink.report(later.span, message).relate(
        earlier.span,
        Message::new(format!("Nhiệm vụ nêu lần đầu ở dòng {line}."), format!("First listed at line {line}.")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;
    use rasoat_doc::{Cell, Column, Row, Table};

    const HEADER: &str = "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành";

    /// A document whose first part holds exactly the table built from its tab lines, as the
    /// parser would build it (independent of the parser's progress).
    fn with_model_table(text: &str) -> Document {
        let mut doc = rasoat_doc::parse_str(text);
        let kinds = [
            ColumnKind::Number,
            ColumnKind::Task,
            ColumnKind::Lead,
            ColumnKind::Coordinate,
            ColumnKind::Deadline,
        ];
        let columns = kinds.iter().map(|&kind| Column { kind, title: String::new() }).collect();
        let mut rows = Vec::new();
        for &line in doc.lines.iter().skip(1) {
            let t = doc.slice(line);
            if !t.contains('\t') || t == HEADER {
                continue;
            }
            let mut cells = Vec::new();
            let mut off = line.start;
            for (column, cell) in t.split('\t').enumerate() {
                cells.push(Cell { column, spans: vec![Span::new(off, off + cell.len())] });
                off += cell.len() + 1;
            }
            rows.push(Row { kind: RowKind::Task, span: line, cells });
        }
        let table =
            Table { span: Span::new(0, doc.text.len()), header: Span::default(), columns, rows, title: None };
        if let Some(part) = doc.parts.first_mut() {
            part.tables = vec![table];
        }
        doc
    }

    fn messages(doc: &Document) -> Vec<String> {
        let mut sink = Sink::new("duplicate/appendix-task", Severity::Warning);
        DuplicateAppendixTask.check(doc, &Context::default(), &mut sink);
        sink.into_diagnostics().into_iter().map(|d| d.message.vi).collect()
    }

    fn table(rows: &[&str]) -> String {
        format!("{HEADER}\n{}\n", rows.join("\n"))
    }

    #[test]
    fn same_task_twice_on_the_model() {
        let doc = with_model_table(&table(&[
            "1\tRà soát, đơn giản hóa thủ tục hành chính nội bộ của phường\tVăn phòng\tCác phòng\tQuý II/2026",
            "2\tTổ chức đối thoại định kỳ với người dân\tVăn phòng\t\tQuý II/2026",
            "3\tTiếp tục rà soát, đơn giản hóa thủ tục hành chính nội bộ của phường\tVăn phòng\tCác phòng\tQuý II/2026",
        ]));
        let m = messages(&doc);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m.first().is_some_and(|s| s.contains("lặp lại nhiệm vụ ở dòng 2")), "{m:?}");
    }

    #[test]
    fn two_deadlines_or_two_leads_are_named() {
        let doc = with_model_table(&table(&[
            "1\tRà soát, đơn giản hóa thủ tục hành chính nội bộ của phường\tVăn phòng\t\tQuý II/2026",
            "2\tRà soát, đơn giản hóa thủ tục hành chính nội bộ của phường\tVăn phòng\t\tQuý IV/2026",
            "3\tBan hành kế hoạch kiểm tra công vụ năm 2026 của phường\tVăn phòng\t\tQuý I/2026",
            "4\tBan hành kế hoạch kiểm tra công vụ năm 2026 của phường\tPhòng Nội vụ\t\tQuý I/2026",
        ]));
        let m = messages(&doc);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m.first().is_some_and(|s| s.contains("thời hạn khác") && s.contains("Quý IV/2026")), "{m:?}");
        assert!(m.get(1).is_some_and(|s| s.contains("chủ trì khác") && s.contains("Phòng Nội vụ")), "{m:?}");
    }

    #[test]
    fn different_object_is_two_tasks() {
        let doc = with_model_table(&table(&[
            "1\tTổ chức đối thoại định kỳ, đột xuất với người dân trên địa bàn\tVăn phòng\t\tQuý II/2026",
            "2\tTổ chức đối thoại định kỳ, đột xuất với doanh nghiệp trên địa bàn\tVăn phòng\t\tQuý II/2026",
        ]));
        assert_eq!(messages(&doc), Vec::<String>::new());
    }

    #[test]
    fn only_lines_naming_a_task_column_can_be_headers() {
        let mut buf = String::new();
        for line in [HEADER, "TT\tNỘI DUNG CÔNG VIỆC\tChủ trì", "STT\tNhiệm Vụ\tĐơn vị"] {
            assert!(names_task(line, &mut buf), "{line}");
            assert!(line.split('\t').any(|c| column_kind(c) == ColumnKind::Task), "{line}");
        }
        for line in ["1\tRà soát thủ tục\tVăn phòng\tQuý II/2026", "STT\tĐơn vị chủ trì\tThời gian"]
        {
            assert!(!names_task(line, &mut buf), "{line}");
            assert!(!line.split('\t').any(|c| column_kind(c) == ColumnKind::Task), "{line}");
        }
    }

    #[test]
    fn task_upper_is_every_such_character() {
        let letters: Vec<char> = TASK_WORDS.iter().flat_map(|w| w.chars()).collect();
        let found: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| {
                !c.to_lowercase().eq(std::iter::once(c)) && c.to_lowercase().any(|l| letters.contains(&l))
            })
            .collect();
        assert_eq!(found, TASK_UPPER);
    }

    /// The ASCII-first test agrees with lower-casing the whole line.
    #[test]
    fn names_task_agrees_with_definition() {
        let seed = include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt");
        let extra = [
            HEADER,
            "TT\tNỘI DUNG CÔNG VIỆC\tChủ trì",
            "STT\tNHIỆM VỤ\tĐơn vị",
            "NHIỆm vỤ",
            "NHİỆM",
            "nhİệm vụ",
            "Nội Dung",
            "CÔNG việc",
            "công VIỆC",
            "Công Việc",
            "nhiệm  vụ",
            "",
        ];
        let (mut a, mut b, mut found) = (String::new(), String::new(), 0);
        for line in seed.lines().chain(extra) {
            let want = names_task_plain(line, &mut b);
            assert_eq!(names_task(line, &mut a), want, "{line:?}");
            found += usize::from(want);
        }
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn text_fallback_skips_repeated_headers_and_joins_continuations() {
        let text = format!(
            "PHỤ LỤC\n{HEADER}\n1\tRà soát, đơn giản hóa thủ tục hành chính\tVăn phòng\t\tQuý II/2026\n\n{HEADER}\n\
             \tnội bộ của phường\t\t\t\n2\tTổ chức hội nghị\t\t\t\n2.1\tTổ chức đối thoại với người dân\tVăn phòng\t\tQuý III/2026\n"
        );
        let doc = rasoat_doc::parse_str(&text);
        let Some(part) = doc.parts.first() else { panic!("no part") };
        let rows = rows_from_text(&doc, part);
        let tasks: Vec<String> = rows.iter().map(|r| quote(&doc, &r.task)).collect();
        assert_eq!(
            tasks,
            ["Rà soát, đơn giản hóa thủ tục hành chính nội bộ của phường", "Tổ chức đối thoại với người dân"]
        );
        assert_eq!(run_on_text(&DuplicateAppendixTask, &text).len(), 0);
    }

    /// Seed 003 with its row 5.3 pasted again under 6.x, as given or with another deadline, read
    /// through the parser's tables.
    #[test]
    fn task_pasted_again_into_seed_003_is_found() {
        let seed = include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt");
        let Some(row) = seed.lines().find(|l| l.starts_with("5.3\t")) else { panic!("seed 003 changed") };
        let Some(anchor) = seed.find("6.2\t") else { panic!("seed 003 changed") };
        let (head, tail) = seed.split_at(anchor);
        let same = format!("{head}{}\n{tail}", row.replacen("5.3", "6.2", 1));
        let found = run_on_text(&DuplicateAppendixTask, &same);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found.first().is_some_and(|d| d.message.vi.contains("dòng 90")), "{found:?}");
        let Some(deadline) = row.rsplit('\t').next() else { panic!("no deadline cell") };
        let moved =
            format!("{head}{}\n{tail}", row.replacen("5.3", "6.2", 1).replace(deadline, "Quý I/2027"));
        let found = run_on_text(&DuplicateAppendixTask, &moved);
        assert!(found.first().is_some_and(|d| d.message.vi.contains("thời hạn khác")), "{found:?}");
    }

    #[test]
    fn seed_appendices_have_no_duplicate_task() {
        let seeds = [
            include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
            include_str!("../../../../../corpus/seeds/001_990ddbe88c7e4d67.txt"),
            include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt"),
            include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt"),
            include_str!("../../../../../corpus/seeds/004_b78bd4a0b75bbdc4.txt"),
        ];
        for (n, text) in seeds.iter().enumerate() {
            assert_eq!(run_on_text(&DuplicateAppendixTask, text), [], "seed {n:03}");
        }
    }
}
