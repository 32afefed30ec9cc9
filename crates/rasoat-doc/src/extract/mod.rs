//! Fact extractors: targets, durations, deadlines, citations.
//!
//! Each extractor is a pure function of a [`Src`] (a piece of `doc.text` and where it starts)
//! returning facts with spans into `doc.text`, so they work on blocks' own text and on table
//! cells alike, whatever the structure parser makes of the layout. [`extract`] runs them over
//! every block's text (a block's text excludes its children's, so nothing is read twice), every
//! table cell and the header's summary line, then sorts the facts into document order and
//! drops exact duplicates (a table row that is also a block, while parsers disagree).
//!
//! - [`targets`]: percentages, comparator + count, vague quantifiers.
//! - [`durations`]: "không quá 1/2 ngày" → 0.5 days.
//! - [`deadlines`]: triggered phrases in text; every non-empty appendix deadline cell.
//! - [`citations`]: "<type> số <number/symbol> ngày <date> của <issuer>".
//! - [`numbers`]: the nom grammars they share (decimal comma, dates, Roman numerals).

pub mod citations;
pub mod deadlines;
#[cfg(test)]
mod dump;
pub mod durations;
pub mod numbers;
pub mod targets;
pub mod text;

pub use text::{Hits, Src};

use crate::model::*;

/// Where a piece of text was found.
#[derive(Clone, Copy)]
enum Place {
    Summary,
    Block(BlockId),
    /// A table cell: table index within its part, row index, and whether it is a deadline cell.
    Cell(usize, usize, bool),
}

/// Visit every piece of text facts are read from, in a fixed order.
fn each_src(doc: &Document, hits: &Hits, mut f: impl FnMut(&Src, Place)) {
    let text = doc.text.as_str();
    for part in &doc.parts {
        if let Some(summary) = part.header.summary {
            f(&Src::new(summary.text(text), summary.start).with_hits(hits), Place::Summary);
        }
    }
    for (id, block) in doc.blocks.iter().enumerate() {
        f(&Src::new(block.text.text(text), block.text.start).with_hits(hits), Place::Block(id));
    }
    for part in &doc.parts {
        for (ti, table) in part.tables.iter().enumerate() {
            for (ri, row) in table.rows.iter().enumerate() {
                for cell in &row.cells {
                    let kind = table.columns.get(cell.column).map(|c| c.kind);
                    let src = Src::joined(text, &cell.spans).with_hits(hits);
                    f(&src, Place::Cell(ti, ri, kind == Some(ColumnKind::Deadline)));
                }
            }
        }
    }
}

/// Extract all facts from a parsed document (structure already filled in).
pub fn extract(doc: &Document) -> Facts {
    let mut facts = Facts::default();
    let text = doc.text.as_str();
    // Every search runs once over the whole text; each block then takes its share.
    let hits = Hits {
        numeric: text::bytes_in_range(text.as_bytes(), b'/', b'9').collect(),
        vague: targets::VAGUE_TRIGGERS.find(text),
        deadline: deadlines::BODY_TRIGGERS.find(text),
        day_units: durations::unit_hits(text),
    };
    // Citations first: their dates bound the document's year when the header has none.
    let year = doc.year().or_else(|| place_line_year(doc));
    each_src(doc, &hits, |src, _| facts.citations.extend(citations::citations(src, year)));
    let year =
        year.or_else(|| facts.citations.iter().filter_map(|c| Some(c.date.as_ref()?.value.year)).max());

    each_src(doc, &hits, |src, place| {
        let (block, in_table) = match place {
            Place::Summary => return,
            Place::Block(id) => (Some(id), false),
            Place::Cell(..) => (None, true),
        };
        match place {
            Place::Cell(ti, ri, true) => facts.deadlines.extend(deadlines::cell(src, year, (ti, ri))),
            _ => facts.deadlines.extend(deadlines::body(src, year)),
        }
        facts.targets.extend(targets::targets(src).into_iter().map(|mut t| {
            t.block = block;
            t.in_table = in_table;
            t
        }));
        facts.durations.extend(durations::durations(src));
    });

    order(&mut facts);
    facts
}

/// Document order, without exact duplicates; a deadline found by a text trigger inside a
/// deadline cell that was also read as a cell is dropped in favour of the cell's.
fn order(facts: &mut Facts) {
    facts.targets.sort_by_key(|t| (t.span.start, t.span.end));
    facts.targets.dedup_by(|a, b| a.span == b.span && a.vague == b.vague);
    facts.durations.sort_by_key(|d| (d.span.start, d.span.end));
    facts.durations.dedup_by(|a, b| a.span == b.span);
    facts.citations.sort_by_key(|c| (c.span.start, c.span.end));
    facts.citations.dedup_by(|a, b| a.span == b.span);
    let cells: Vec<rasoat_text::Span> =
        facts.deadlines.iter().filter(|d| d.row.is_some()).map(|d| d.span).collect();
    if !cells.is_empty() {
        facts.deadlines.retain(|d| d.row.is_some() || !cells.iter().any(|c| c.contains(d.span)));
    }
    facts.deadlines.sort_by_key(|d| (d.span.start, d.span.end));
    facts.deadlines.dedup_by(|a, b| a.span == b.span);
}

/// The year of a place-and-date line ("Hải An, ngày   tháng 5 năm 2026") near the top, when the
/// header parser did not fill it in. Only a short line with ", ngày" counts: a citation's date
/// in the preamble is not the document's.
fn place_line_year(doc: &Document) -> Option<i32> {
    doc.lines.iter().take(40).find_map(|line| {
        let s = line.text(&doc.text).trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
        if s.len() > 100 || !s.contains(", ngày") || s.contains("số") {
            return None;
        }
        let at = s.rfind("năm")?;
        let rest = s.get(at + "năm".len()..)?.trim_start();
        numbers::year(rest).ok().map(|(_, y)| y)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_from_a_small_plan() {
        let text = "Hải An, ngày   tháng 5 năm 2026\n\nKẾ HOẠCH\n\n\
                    Thực hiện Kế hoạch số 144/KH-UBND ngày 21/4/2026 của Ủy ban nhân dân thành phố;\n\n\
                    - Phấn đấu: số lượng hội nghị trực tuyến chiếm không ít hơn 60% tổng số hội nghị.\n\n\
                    - Hội nghị quán triệt không quá 1/2 ngày.\n\n\
                    - Định kỳ 6 tháng (trước ngày 10 tháng 6) báo cáo.\n";
        let doc = crate::parse_str(text);
        let f = &doc.facts;
        assert_eq!(f.citations.len(), 1, "{:#?}", f.citations);
        assert_eq!(f.citations.first().map(|c| c.key.as_str()), Some("144/KH-UBND"));
        let Some(t) = f.targets.iter().find(|t| t.value == Some(60.0)) else { panic!("{:#?}", f.targets) };
        assert_eq!(t.comparator, Some(Comparator::AtLeast));
        assert!(t.block.is_some() && !t.in_table);
        assert_eq!(f.durations.first().map(|d| d.days), Some(0.5));
        assert_eq!(
            f.deadlines.first().map(|d| d.value.clone()),
            Some(DeadlineValue::Date { date: Date::new(2026, 6, 10), before: true })
        );
        // Every span points into the document text.
        for t in &f.targets {
            assert!(t.clause.contains(t.span) && t.span.end <= doc.text.len());
        }
    }

    #[test]
    fn deadline_cells_and_table_targets() {
        let text = "TT\tNội dung\tThời gian\n1\tGiảm ít nhất 10% số hội nghị\tQuý IV/2026\n2\tBáo cáo\t\n";
        let mut doc = crate::parse_str(text);
        let line = |i: usize| doc.lines.get(i).copied().unwrap_or_default();
        let cells = |line: rasoat_text::Span| -> Vec<Cell> {
            let s = line.text(text);
            let mut start = line.start;
            s.split('\t')
                .enumerate()
                .map(|(column, piece)| {
                    let span = rasoat_text::Span::new(start, start + piece.len());
                    start += piece.len() + 1;
                    Cell { column, spans: vec![span] }
                })
                .collect()
        };
        let rows = vec![
            Row { kind: RowKind::Task, span: line(1), cells: cells(line(1)) },
            Row { kind: RowKind::Task, span: line(2), cells: cells(line(2)) },
        ];
        let col = |kind, title: &str| Column { kind, title: title.to_string() };
        let table = Table {
            span: rasoat_text::Span::new(0, text.len()),
            header: line(0),
            columns: vec![
                col(ColumnKind::Number, "TT"),
                col(ColumnKind::Task, "Nội dung"),
                col(ColumnKind::Deadline, "Thời gian"),
            ],
            rows,
            title: None,
        };
        // As the real parser will: table lines are not body blocks.
        doc.blocks.clear();
        let Some(part) = doc.parts.first_mut() else { panic!("no part") };
        part.blocks = 0..0;
        part.roots.clear();
        part.tables.push(table);
        let facts = extract(&doc);
        assert_eq!(facts.deadlines.len(), 1, "{:#?}", facts.deadlines);
        let Some(d) = facts.deadlines.first() else { panic!() };
        assert_eq!(d.row, Some((0, 0)));
        assert_eq!(d.span.text(text), "Quý IV/2026");
        let Some(t) = facts.targets.first() else { panic!("no target") };
        assert!(t.in_table && t.block.is_none());
        assert_eq!((t.value, t.comparator), (Some(10.0), Some(Comparator::Decrease)));
    }
}
