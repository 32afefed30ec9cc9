//! Measurements of `duplicate/directive`: recall on injected duplicates, findings on the
//! official documents of `corpus/dev`, and time on a synthetic 5,000-paragraph document.
//!
//! `injected_duplicates_are_found_in_the_seeds` runs in the normal suite; the others are
//! `#[ignore]`d measurements: `cargo test -p rasoat-rules --release duplicate::measure -- --ignored --nocapture`.

use std::time::Instant;

use rasoat_doc::Document;

use super::directive::DuplicateDirective;
use super::units::units;
use crate::examples::run_on_text;
use crate::rule::{Context, Rule, Sink};

const SEEDS: [&str; 5] = [
    include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
    include_str!("../../../../../corpus/seeds/001_990ddbe88c7e4d67.txt"),
    include_str!("../../../../../corpus/seeds/002_89dcc62694a11fe1.txt"),
    include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt"),
    include_str!("../../../../../corpus/seeds/004_b78bd4a0b75bbdc4.txt"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Exact,
    DateFormat,
    WordAdded,
    WordRemoved,
    Reordered,
}

const EDITS: [Edit; 5] = [Edit::Exact, Edit::DateFormat, Edit::WordAdded, Edit::WordRemoved, Edit::Reordered];

/// "ngày 24 tháng 01 năm 2019" ↔ "24/01/2019", the first date found; `None` when there is none.
fn swap_date_format(s: &str) -> Option<String> {
    let long = regex::Regex::new(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})").ok()?;
    if let Some(c) = long.captures(s) {
        let (d, m, y) = (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
        return Some(long.replace(s, format!("ngày {d}/{m}/{y}").as_str()).into_owned());
    }
    let short = regex::Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})").ok()?;
    let c = short.captures(s)?;
    let (d, m, y) = (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str());
    Some(short.replace(s, format!("{d} tháng {m} năm {y}").as_str()).into_owned())
}

fn edit(text: &str, how: Edit) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match how {
        Edit::Exact => Some(text),
        Edit::DateFormat => swap_date_format(&text),
        Edit::WordAdded => {
            let mut chars = text.chars();
            let first = chars.next()?;
            Some(format!("Tiếp tục {}{}", first.to_lowercase(), chars.as_str()))
        }
        Edit::WordRemoved => {
            // Drop one syllable from the middle.
            let words: Vec<&str> = text.split(' ').collect();
            let mid = words.len() / 2;
            Some(
                words
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != mid)
                    .map(|(_, w)| *w)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
        Edit::Reordered => {
            let body = text.trim_end_matches(['.', ';']);
            let sep = if body.contains("; ") { "; " } else { ", " };
            let clauses: Vec<&str> = body.split(sep).collect();
            if clauses.len() < 2 {
                return None;
            }
            // Move the first clause to the end; only the sentence-initial letters change case.
            let (first, rest) = clauses.split_first()?;
            let recase = |s: &str, upper: bool| {
                let mut chars = s.chars();
                let head: String = chars.next().map_or_else(String::new, |c| {
                    if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() }
                });
                format!("{head}{}", chars.as_str())
            };
            let mut out = recase(&rest.join(sep), true);
            out.push_str(sep);
            out.push_str(&recase(first, false));
            out.push('.');
            Some(out)
        }
    }
}

/// Where to paste a copy of `units[k]`: not next to it (neighbours in a list must be verbatim
/// copies), but after its last sibling in the same section, or before its first sibling when
/// it is the last one. Returns the offset of a line start or end and whether it is before.
fn paste_point(doc: &Document, units: &[super::units::Unit], k: usize) -> Option<(usize, bool)> {
    let u = units.get(k)?;
    let siblings: Vec<&super::units::Unit> = units
        .iter()
        .enumerate()
        .filter(|&(i, v)| i != k && v.scope == u.scope && v.section == u.section)
        .map(|(_, v)| v)
        .collect();
    let line_end =
        |at: usize| doc.text.get(at..).and_then(|r| r.find('\n')).map_or(doc.text.len(), |n| at + n);
    let line_start = |at: usize| doc.text.get(..at).and_then(|r| r.rfind('\n')).map_or(0, |n| n + 1);
    if let Some(last) = siblings.iter().rev().find(|v| v.span.start > u.span.start) {
        return Some((line_end(last.span.end), false));
    }
    let first = siblings.first()?;
    Some((line_start(first.span.start), true))
}

/// For every directive of `text` and every edit that applies: paste the edited copy as a new
/// bullet in the same section and check that the pair is reported.
/// Returns (found, tried) per edit and the number of findings not about the copy.
fn inject(text: &str) -> ([(usize, usize); 5], usize) {
    let doc = rasoat_doc::parse_str(text);
    let base = run_on_text(&DuplicateDirective, text).len();
    let mut tally = [(0, 0); 5];
    let mut stray = 0;
    let all = units(&doc);
    for (k, u) in all.iter().enumerate() {
        let original: String = u.pieces.iter().map(|&s| doc.slice(s)).collect::<Vec<_>>().join(" ");
        if original.split_whitespace().count() < 10 {
            continue;
        }
        let Some((at, before)) = paste_point(&doc, &all, k) else { continue };
        for (e, how) in EDITS.iter().enumerate() {
            let Some(copy) = edit(&original, *how) else { continue };
            let (head, tail) = (doc.text.get(..at).unwrap_or(""), doc.text.get(at..).unwrap_or(""));
            let (injected, copy_at, orig_at) = if before {
                let block = format!("- {copy}\n\n");
                (format!("{head}{block}{tail}"), at + 2, u.span.start + block.len() + 2)
            } else {
                (format!("{head}\n\n- {copy}{tail}"), at + 4, u.span.start + 2)
            };
            let found = run_on_text(&DuplicateDirective, &injected);
            let inside = |s: rasoat_text::Span, p: usize| s.start <= p && p < s.end;
            let hit = found.iter().any(|d| {
                d.related.iter().any(|r| {
                    (inside(d.span, copy_at) && inside(r.span, orig_at))
                        || (inside(d.span, orig_at) && inside(r.span, copy_at))
                })
            });
            if let Some(t) = tally.get_mut(e) {
                t.1 += 1;
                t.0 += usize::from(hit);
            }
            stray += found.len().saturating_sub(usize::from(hit) + base);
        }
    }
    (tally, stray)
}

#[test]
fn injected_duplicates_are_found_in_the_seeds() {
    let mut total = [(0, 0); 5];
    let mut stray = 0;
    for seed in SEEDS {
        let (t, s) = inject(seed);
        for (acc, x) in total.iter_mut().zip(t) {
            acc.0 += x.0;
            acc.1 += x.1;
        }
        stray += s;
    }
    let (found, tried) = total.iter().fold((0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
    eprintln!(
        "injected duplicates found: {found}/{tried} by edit {:?}: {total:?}; stray findings {stray}",
        EDITS
    );
    assert!(tried > 300, "too few injections: {tried}");
    assert!(found * 100 >= tried * 95, "recall {found}/{tried} below 95%: {total:?}");
    for (k, (f, t)) in total.iter().enumerate() {
        assert!(*t > 0 && f * 100 >= t * 90, "edit {:?}: {f}/{t}", EDITS.get(k));
    }
}

/// For every one-line task row of the seeds' appendix tables: paste it again at the end of its
/// table, as is and with "Tiếp tục" added, and check that `duplicate/appendix-task` reports it
/// against the original row. Returns (found, tried).
fn inject_rows(text: &str) -> (usize, usize) {
    use rasoat_doc::{ColumnKind, RowKind};
    let doc = rasoat_doc::parse_str(text);
    let (mut found, mut tried) = (0, 0);
    for table in doc.parts.iter().flat_map(|p| &p.tables) {
        let Some(last) = table.rows.last() else { continue };
        let end = last.span.end;
        for row in table.rows.iter().filter(|r| r.kind == RowKind::Task && r.span.end < end) {
            let line = doc.slice(row.span);
            let Some(task) = row.cell(table, ColumnKind::Task).and_then(|c| c.spans.first()) else {
                continue;
            };
            let task = doc.slice(*task);
            if line.contains('\n') || task.split_whitespace().count() < 6 {
                continue;
            }
            let mut chars = task.chars();
            let lowered: String =
                chars.next().into_iter().flat_map(char::to_lowercase).chain(chars).collect();
            for copy in [task.to_owned(), format!("Tiếp tục {lowered}")] {
                let pasted = line.replacen(task, &copy, 1);
                let injected = format!(
                    "{}\n{pasted}{}",
                    doc.text.get(..end).unwrap_or(""),
                    doc.text.get(end..).unwrap_or("")
                );
                let hit =
                    run_on_text(&super::appendix_task::DuplicateAppendixTask, &injected).iter().any(|d| {
                        d.span.start > end
                            && d.related
                                .iter()
                                .any(|r| r.span.start <= row.span.start && row.span.start < r.span.end)
                    });
                tried += 1;
                found += usize::from(hit);
            }
        }
    }
    (found, tried)
}

#[test]
fn task_rows_pasted_again_are_found_in_the_seeds() {
    let (found, tried) = SEEDS.iter().map(|s| inject_rows(s)).fold((0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
    eprintln!("appendix rows pasted again and found: {found}/{tried}");
    assert!(tried >= 20, "too few task rows: {tried}");
    assert!(found * 100 >= tried * 95, "{found}/{tried}");
}

fn corpus_dev() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/dev");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            Some((p.file_name()?.to_string_lossy().into_owned(), std::fs::read_to_string(&p).ok()?))
        })
        .collect()
}

fn snippet(doc: &Document, span: rasoat_text::Span) -> String {
    let s: String = doc.slice(span).split_whitespace().collect::<Vec<_>>().join(" ");
    s.chars().take(160).collect()
}

/// Every finding of both rules on corpus/dev, for review.
#[test]
#[ignore]
fn corpus_dev_findings() {
    let rules: [&dyn Rule; 2] = [&DuplicateDirective, &super::appendix_task::DuplicateAppendixTask];
    let mut total = 0;
    for (name, text) in corpus_dev() {
        let doc = rasoat_doc::parse_str(&text);
        for rule in rules {
            let mut sink = Sink::new(rule.id(), rule.default_severity());
            rule.check(&doc, &Context::default(), &mut sink);
            for d in sink.into_diagnostics() {
                total += 1;
                let line = doc.map.line_col(&doc.text, d.span.start).line;
                eprintln!(
                    "== {name}:{line} {} {}\n   LATER  {}",
                    rule.id(),
                    d.message.vi,
                    snippet(&doc, d.span)
                );
                for r in &d.related {
                    eprintln!("   FIRST  {}", snippet(&doc, r.span));
                }
            }
        }
    }
    eprintln!("corpus/dev findings: {total}");
}

/// A synthetic plan of distinct directives built from a shared vocabulary (so features repeat
/// across paragraphs, as boilerplate does), with one true copy every 500 paragraphs.
fn synthetic(paragraphs: usize) -> String {
    const VERBS: [&str; 8] =
        ["Tăng cường", "Rà soát", "Đẩy mạnh", "Nâng cao", "Kiểm tra", "Hoàn thiện", "Triển khai", "Tổ chức"];
    const OBJECTS: [&str; 10] = [
        "chất lượng công tác ban hành văn bản",
        "kỷ luật, kỷ cương hành chính",
        "hệ thống phòng họp trực tuyến",
        "thủ tục hành chính nội bộ",
        "chế độ báo cáo định kỳ",
        "cơ sở dữ liệu cán bộ, công chức",
        "dịch vụ công trực tuyến toàn trình",
        "quy chế làm việc của cơ quan",
        "công tác tuyên truyền, phổ biến",
        "việc tiếp nhận, giải quyết hồ sơ",
    ];
    const PLACES: [&str; 6] = [
        "trên địa bàn xã",
        "tại các cơ quan, đơn vị",
        "của phường",
        "trong toàn tỉnh",
        "ở các thôn, tổ dân phố",
        "tại bộ phận một cửa",
    ];
    let mut lines: Vec<String> = Vec::with_capacity(paragraphs);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..paragraphs {
        if i % 500 == 499
            && let Some(earlier) = lines.get(i - 250).cloned()
        {
            lines.push(earlier);
            continue;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let pick = |n: usize, shift: u32| ((x >> shift) as usize) % n;
        let verb = VERBS.get(pick(VERBS.len(), 3)).copied().unwrap_or("");
        let obj = OBJECTS.get(pick(OBJECTS.len(), 11)).copied().unwrap_or("");
        let place = PLACES.get(pick(PLACES.len(), 23)).copied().unwrap_or("");
        // The paragraph number makes every directive distinct, as real ones are.
        lines.push(format!(
            "- {verb} {obj} {place}, bảo đảm hoàn thành chỉ tiêu số {i} trước ngày {}/{}/2026; báo cáo kết quả về Ủy ban nhân dân.",
            1 + i % 28,
            1 + i % 12
        ));
    }
    format!("KẾ HOẠCH\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n{}\n", lines.join("\n\n"))
}

#[test]
#[ignore]
fn linear_on_5000_paragraphs() {
    for n in [1_250, 2_500, 5_000] {
        let text = synthetic(n);
        let doc = rasoat_doc::parse_str(&text);
        let start = Instant::now();
        let mut sink = Sink::new("duplicate/directive", DuplicateDirective.default_severity());
        DuplicateDirective.check(&doc, &Context::default(), &mut sink);
        eprintln!(
            "{n} paragraphs ({} KB): duplicate/directive {:?}, {} findings",
            text.len() / 1024,
            start.elapsed(),
            sink.len()
        );
        // Exactly the planted copies.
        assert_eq!(sink.len(), n / 500);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any text, however broken (markers, tabs, dates, names, numbers), is checked without a
    /// panic, and a finding always points at a later place than the copy it names.
    #[test]
    fn never_panics_and_points_backwards(
        lines in proptest::collection::vec(
            "(II\\. |1\\. |a\\) |- |\\+ |Điều 2\\. |)[A-ZĐa-zà-ỹ0-9 ,;:./()\\t-]{0,60}",
            0..40,
        )
    ) {
        let mut text = String::from("KẾ HOẠCH\n\nII. NHIỆM VỤ\n\n");
        for l in &lines {
            text.push_str(l);
            text.push_str("\n\n");
        }
        // Repeat the lines so that duplicates exist.
        let again = text.clone();
        text.push_str(&again);
        for d in run_on_text(&DuplicateDirective, &text)
            .into_iter()
            .chain(run_on_text(&super::appendix_task::DuplicateAppendixTask, &text))
        {
            let first = d.related.first().map_or(0, |r| r.span.start);
            proptest::prop_assert!(first < d.span.start);
        }
    }
}
