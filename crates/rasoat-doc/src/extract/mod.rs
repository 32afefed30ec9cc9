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
//! - [`citations`]: `<type> số <number/symbol> ngày <date> của <issuer>`.
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
    /// A line no structure claimed (a safety net for citations only).
    Stray,
    /// A table's title ("PHỤ LỤC … (Kèm theo Kế hoạch số 263/KH-UBND ngày …)"): citations only,
    /// since a title states no targets or deadlines and its "ngày" is a citation's date.
    TableTitle,
    Block(BlockId),
    /// A table cell: table index within its part, row index, and whether it is a deadline cell.
    Cell(usize, usize, bool),
}

/// Visit every piece of text facts are read from, in a fixed order.
fn each_src(doc: &Document, hits: &Hits, stray: &[rasoat_text::Span], mut f: impl FnMut(&Src, Place)) {
    let text = doc.text.as_str();
    for part in &doc.parts {
        if let Some(summary) = part.header.summary {
            f(&Src::new(summary.text(text), summary.start).with_hits(hits), Place::Summary);
        }
    }
    for (id, block) in doc.blocks.iter().enumerate() {
        f(&Src::new(block.text.text(text), block.text.start).with_hits(hits), Place::Block(id));
    }
    for &line in stray {
        f(&Src::new(line.text(text), line.start).with_hits(hits), Place::Stray);
    }
    for part in &doc.parts {
        for (ti, table) in part.tables.iter().enumerate() {
            if let Some(title) = table.title {
                f(&Src::new(title.text(text), title.start).with_hits(hits), Place::TableTitle);
            }
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
        numeric: {
            // Digits and '/' are about 3% of a plan's bytes: room for most without growing.
            let mut v = Vec::with_capacity(text.len() / 32 + 16);
            v.extend(text::bytes_in_range(text.as_bytes(), b'/', b'9'));
            v
        },
        vague: targets::VAGUE_TRIGGERS.find(text),
        deadline: deadlines::BODY_TRIGGERS.find(text),
        day_units: durations::unit_hits(text),
    };
    // Citations first: their dates bound the document's year when the header has none.
    let year = doc.year().or_else(|| place_line_year(doc));
    // Worked out once: both passes below read the same pieces.
    let stray = stray_lines(doc);
    each_src(doc, &hits, &stray, |src, _| citations::citations_into(src, year, &mut facts.citations));
    let year =
        year.or_else(|| facts.citations.iter().filter_map(|c| Some(c.date.as_ref()?.value.year)).max());

    each_src(doc, &hits, &stray, |src, place| {
        let (block, in_table) = match place {
            Place::Summary | Place::Stray | Place::TableTitle => return,
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

/// Non-blank pieces of lines that no element of the structure covers. A line the parser could
/// not place (a preamble mistaken for header, an unusual layout) may still cite documents, and
/// a profile that applies to plans citing 226-KL/TW must not miss it. A line that is only partly
/// covered gives its uncovered pieces: a flattened layout puts the signature, the appendix title
/// "(Kèm theo Quyết định số 2827/QĐ-UBND ngày …)" and the table header on one tab-separated
/// line, and the signature covers only its own cell.
fn stray_lines(doc: &Document) -> Vec<rasoat_text::Span> {
    let mut covered: Vec<rasoat_text::Span> = doc.blocks.iter().map(|b| b.span).collect();
    for part in &doc.parts {
        let h = &part.header;
        covered.extend(h.motto.iter().chain(&h.issuer).copied());
        covered.extend(h.number.as_ref().map(|n| n.span));
        covered.extend(h.place_date.as_ref().map(|p| p.span));
        covered.extend(h.doc_type.as_ref().map(|t| t.span));
        covered.extend(h.summary);
        covered.extend(part.recipients.as_ref().map(|r| r.span));
        covered.extend(part.signature.as_ref().map(|s| s.span));
        for table in &part.tables {
            covered.push(table.span);
            covered.extend(table.title);
        }
    }
    covered.sort_unstable();
    let mut out = Vec::new();
    let mut k = 0;
    let mut push = |start: usize, end: usize| {
        let piece = rasoat_text::Span::new(start, end);
        if !piece.text(&doc.text).trim().is_empty() {
            out.push(piece);
        }
    };
    for &line in &doc.lines {
        if line.text(&doc.text).trim().is_empty() {
            continue;
        }
        // Spans are sorted by start: skip those that end before this line.
        while covered.get(k).is_some_and(|c| c.end <= line.start && c.start < line.start) {
            k += 1;
        }
        // Walk the spans over this line (sorted by start), keeping the gaps between them.
        let mut at = line.start;
        for c in covered.iter().skip(k).take_while(|c| c.start < line.end) {
            if c.end <= at {
                continue;
            }
            if c.start > at {
                push(at, c.start);
            }
            at = c.end;
        }
        if at < line.end {
            push(at, line.end);
        }
    }
    out
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

    #[test]
    fn table_titles_are_read_for_citations_only() {
        let text = "PHỤ LỤC\n*(Kèm theo Kế hoạch số 263 /KH-UBND ngày 08 tháng 5 năm 2026\n\
                    của Ủy ban nhân dân thành phố Huế)*\nTT\tNội dung\n1\tBáo cáo\n";
        let mut doc = crate::parse_str(text);
        let header_at = text.find("TT\t").unwrap_or(0);
        let row_at = text.find("1\t").unwrap_or(0);
        let task_at = text.find("Báo cáo").unwrap_or(0);
        let span = rasoat_text::Span::new;
        let table = Table {
            span: span(header_at, text.len()),
            header: span(header_at, row_at - 1),
            columns: vec![
                Column { kind: ColumnKind::Number, title: "TT".into() },
                Column { kind: ColumnKind::Task, title: "Nội dung".into() },
            ],
            rows: vec![Row {
                kind: RowKind::Task,
                span: span(row_at, text.len() - 1),
                cells: vec![
                    Cell { column: 0, spans: vec![span(row_at, row_at + 1)] },
                    Cell { column: 1, spans: vec![span(task_at, text.len() - 1)] },
                ],
            }],
            title: Some(span(0, header_at - 1)),
        };
        // As the real parser does: the title lines belong to the table, not to the body.
        doc.blocks.clear();
        let Some(part) = doc.parts.first_mut() else { panic!("no part") };
        part.blocks = 0..0;
        part.roots.clear();
        part.header = Header::default();
        part.tables = vec![table];
        let facts = extract(&doc);
        let [c] = facts.citations.as_slice() else { panic!("{:#?}", facts.citations) };
        assert_eq!(c.number_text.value, "263 /KH-UBND");
        assert_eq!(c.date.as_ref().map(|d| d.value), Some(Date::new(2026, 5, 8)));
        assert_eq!(c.issuer.as_ref().map(|i| i.value.as_str()), Some("Ủy ban nhân dân thành phố Huế"));
        // A title's "ngày 08 tháng 5" is the citation's date, not a deadline.
        assert!(facts.deadlines.is_empty(), "{:#?}", facts.deadlines);
    }

    #[test]
    fn uncovered_pieces_of_a_covered_line_are_read_for_citations() {
        // A flattened layout (corpus/dev 2827-QD-UBND line 25): the signature, the appendix
        // title and the table header on one line; the structure claims only the first cell.
        let text = "KT. CHỦ TỊCH Hoàng Nam\tPHỤ LỤC (Kèm theo Quyết định số 2827/QĐ-UBND ngày 27 tháng \
                    11 năm 2025 của Chủ tịch UBND tỉnh Quảng Trị)\tTT\n";
        let mut doc = crate::parse_str(text);
        doc.blocks.clear();
        let Some(part) = doc.parts.first_mut() else { panic!("no part") };
        part.blocks = 0..0;
        part.roots.clear();
        part.tables.clear();
        (part.signature, part.recipients) = (None, None);
        part.header = Header::default();
        part.header.issuer = vec![rasoat_text::Span::new(0, text.find('\t').unwrap_or(0))];
        let facts = extract(&doc);
        let [c] = facts.citations.as_slice() else { panic!("{:#?}", facts.citations) };
        assert_eq!(c.key, "2827/QĐ-UBND");
        assert_eq!(c.date.as_ref().map(|d| d.value), Some(Date::new(2025, 11, 27)));
        assert_eq!(c.issuer.as_ref().map(|i| i.value.as_str()), Some("Chủ tịch UBND tỉnh Quảng Trị"));
        // The covered cell is not read again: its text is the issuer's, not a stray piece.
        assert_eq!(stray_lines(&doc).first().map(|s| s.start), text.find('\t'));
    }

    #[test]
    fn seed_001_appendix_title_citation() {
        let doc = seed("001_");
        let found = doc.facts.citations.iter().find(|c| c.number_text.value == "263 /KH-UBND");
        let Some(c) = found else { panic!("no 263 /KH-UBND in {:#?}", doc.facts.citations) };
        assert_eq!(c.key, "263/KH-UBND");
        assert_eq!(c.date.as_ref().map(|d| d.value), Some(Date::new(2026, 5, 8)));
    }

    fn seed(prefix: &str) -> Document {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/seeds");
        let Ok(entries) = std::fs::read_dir(dir) else { panic!("no seeds in {dir}") };
        let Some(path) = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        else {
            panic!("no seed {prefix}")
        };
        let Ok(bytes) = std::fs::read(&path) else { panic!("cannot read {path:?}") };
        let Ok(doc) = crate::parse_bytes(&bytes) else { panic!("cannot decode {path:?}") };
        doc
    }

    fn target(doc: &Document, value: f64, cmp: Comparator) -> &Target {
        let found = doc.facts.targets.iter().find(|t| t.value == Some(value) && t.comparator == Some(cmp));
        let Some(t) = found else { panic!("no {cmp:?} {value} in {:#?}", doc.facts.targets) };
        t
    }

    #[test]
    fn seed_000_targets_durations_deadlines_citations() {
        let doc = seed("000_");
        let f = &doc.facts;
        // The 60% clause crosses the page break ("số lượng hội" / "ngợi trực tuyến").
        let t = target(&doc, 60.0, Comparator::AtLeast);
        assert!(doc.slice(t.clause).starts_with("số lượng hội\n\nngợi trực tuyến chiếm không ít hơn 60%"));
        assert_eq!(t.unit, Some(Unit::Percent));
        assert!(!t.in_table && t.block.is_some());
        target(&doc, 10.0, Comparator::Decrease);
        target(&doc, 95.0, Comparator::AtLeast);
        target(&doc, 100.0, Comparator::Exactly);
        let days: Vec<(f64, bool)> =
            f.durations.iter().map(|d| (d.days, doc.slice(d.clause).contains("quán triệt"))).collect();
        assert_eq!(days, [(0.5, true), (1.0, false), (1.5, false)]);
        assert!(f.durations.iter().all(|d| d.comparator == Some(Comparator::AtMost)));
        let dates: Vec<DeadlineValue> = f.deadlines.iter().map(|d| d.value.clone()).collect();
        assert_eq!(
            dates,
            [
                DeadlineValue::Date { date: Date::new(2026, 6, 10), before: true },
                DeadlineValue::Date { date: Date::new(2026, 12, 10), before: true },
            ]
        );
        let Some(qd) = f.citations.iter().find(|c| c.key == "534/QĐ-TTG") else { panic!("no 534") };
        assert_eq!(qd.date.as_ref().map(|d| d.value), Some(Date::new(2026, 3, 31)));
        assert_eq!(qd.issuer.as_ref().map(|i| i.value.as_str()), Some("Thủ tướng Chính phủ"));
        let Some(kh) = f.citations.iter().find(|c| c.key == "144") else {
            panic!("no Kế hoạch số 144")
        };
        assert_eq!((kh.kind, kh.symbol.as_str()), (DocKind::KeHoach, ""));
        // Facts are in document order.
        assert!(
            f.citations.windows(2).all(|w| w.first().map(|c| c.span.start) <= w.get(1).map(|c| c.span.start))
        );
    }

    #[test]
    fn seed_001_appendix_deadline_cells() {
        let doc = seed("001_");
        let Some(part) = doc.main_part() else { panic!("no part") };
        let Some(table) = part.tables.first() else { panic!("no table") };
        let cells: Vec<&Deadline> = doc.facts.deadlines.iter().filter(|d| d.row.is_some()).collect();
        // One deadline per task row that has a deadline cell, each pointing back at its row.
        for d in &cells {
            let Some((ti, ri)) = d.row else { continue };
            let Some(row) = part.tables.get(ti).and_then(|t| t.rows.get(ri)) else {
                panic!("bad row {ti},{ri}")
            };
            assert!(row.span.contains(d.span), "{:?} outside its row", doc.slice(d.span));
        }
        let rows_with_deadline = table
            .rows
            .iter()
            .filter(|r| {
                r.cell(table, ColumnKind::Deadline)
                    .is_some_and(|c| c.spans.iter().any(|s| !doc.slice(*s).trim().is_empty()))
            })
            .count();
        assert_eq!(cells.len(), rows_with_deadline);
        let values: Vec<&DeadlineValue> = cells.iter().map(|d| &d.value).collect();
        assert!(
            values.contains(&&DeadlineValue::Range {
                start: Date::new(2026, 5, 1),
                end: Date::new(2026, 5, 31)
            })
        );
        assert!(values.contains(&&DeadlineValue::Recurring { every: Recurrence::Yearly }));
        assert!(values.contains(&&DeadlineValue::Range {
            start: Date::new(2026, 10, 1),
            end: Date::new(2026, 12, 31)
        }));
        // Appendix targets are marked as such.
        assert!(doc.facts.targets.iter().any(|t| t.in_table && t.block.is_none() && t.value == Some(15.0)));
    }

    #[test]
    fn seeds_002_to_004_weak_and_malformed_wording() {
        let doc = seed("002_");
        assert!(doc.facts.targets.iter().any(|t| t.vague.as_deref() == Some("đa số")));
        assert!(!doc.facts.targets.iter().any(|t| t.value == Some(60.0)), "002 states no 60% target");

        let doc = seed("003_");
        let spaced = doc.facts.citations.iter().find(|c| c.number_text.value == "226- KL/TW");
        assert_eq!(spaced.map(|c| c.key.as_str()), Some("226-KL/TW"));
        let values: Vec<&DeadlineValue> = doc.facts.deadlines.iter().map(|d| &d.value).collect();
        assert!(values.contains(&&DeadlineValue::Unreadable), "“Theo yêu cầu của …” cells");
        assert!(values.contains(&&DeadlineValue::Date { date: Date::new(2026, 5, 10), before: true }));

        let doc = seed("004_");
        let Some(nd) = doc.facts.citations.iter().find(|c| c.key == "118/NĐ-CP") else {
            panic!("no 118/NĐ-CP")
        };
        assert_eq!((nd.year, nd.kind), (None, DocKind::NghiDinh));
        assert!(doc.facts.citations.iter().any(|c| c.key == "118/2025/NĐ-CP" && c.year == Some(2025)));
    }

    /// Pieces that make the extractors' grammars fire, mixed at random with noise.
    const PIECES: &[&str] = &[
        "Quyết định số ",
        "Nghị định ",
        "Kết luận ",
        "Kế hoạch số ",
        "số ",
        "/",
        "-",
        " ",
        "\n",
        "\n\n",
        "\t",
        "ngày ",
        "tháng ",
        "năm ",
        "Quý ",
        "IV",
        "trước ",
        "Trước ",
        "hoàn thành trong ",
        "không quá ",
        "tối thiểu ",
        "trở lên",
        "giảm ",
        "%",
        ",",
        ".",
        ":",
        ";",
        "của ",
        "Ủy ban ",
        "đa số ",
        "tỷ lệ ",
        "hằng năm",
        "Thường xuyên",
        "nửa ",
        "buổi",
        "1/2",
        "2026",
        "31",
        "4",
        "0",
        "9",
        "ệ",
        "Đ",
        "“",
        "×",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn extraction_is_total_and_spans_fit(idx in proptest::collection::vec(0usize..PIECES.len(), 0..60)) {
            let text: String = idx.iter().filter_map(|&i| PIECES.get(i).copied()).collect();
            let doc = crate::parse_str(&text);
            let ok = |span: rasoat_text::Span| {
                span.start <= span.end && doc.text.get(span.start..span.end).is_some()
            };
            let f = &doc.facts;
            proptest::prop_assert!(f.targets.iter().all(|t| ok(t.span) && ok(t.clause)));
            proptest::prop_assert!(f.durations.iter().all(|d| ok(d.span) && ok(d.clause)));
            proptest::prop_assert!(f.deadlines.iter().all(|d| ok(d.span)));
            proptest::prop_assert!(f.citations.iter().all(|c| ok(c.span) && ok(c.number_text.span)
                && c.date.as_ref().is_none_or(|d| ok(d.span)) && c.issuer.as_ref().is_none_or(|i| ok(i.span))));
            // Each extractor alone, on a slice that starts mid-text (a block's own text).
            let cut = text.char_indices().nth(idx.len() / 2).map_or(0, |(i, _)| i);
            let src = Src::new(text.get(cut..).unwrap_or(""), cut);
            let _ = (targets::targets(&src), durations::durations(&src), citations::citations(&src, Some(2026)));
            let _ = (deadlines::body(&src, None), deadlines::cell(&src, Some(2026), (0, 0)));
        }
    }
}
