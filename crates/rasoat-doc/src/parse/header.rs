//! The header of a document: motto, issuer, `Số:`, place and date, type line and summary.
//!
//! Exports put the two header columns either on separate lines or on one line joined by a
//! tab, so every line is read cell by cell.

use rasoat_text::Span;

use super::grammar;
use super::line::{self, LineInfo};
use crate::model::*;

/// What [`scan`] found from a start line.
#[derive(Debug, Default)]
pub(crate) struct HeaderScan {
    pub header: Header,
    /// First line after the header (the body starts there).
    pub end: usize,
    /// Lines that belong to the header.
    pub lines: Vec<usize>,
}

impl HeaderScan {
    /// Strong enough evidence that a new document starts here.
    pub fn confirmed(&self) -> bool {
        self.header.doc_type.is_some() || self.header.number.is_some()
    }
}

/// Most non-blank lines a header spans before its type line (motto, issuer, rules, number,
/// date, each maybe doubled by column flattening).
const MAX_HEADER_LINES: usize = 16;
/// Most lines of a summary under the type line.
const MAX_SUMMARY_LINES: usize = 4;

fn sp(base: usize, (s, e): (usize, usize)) -> Span {
    Span::new(base + s, base + e)
}

fn number(text: &str, cell: Span) -> Option<(DocNumber, Option<Span>)> {
    let hit = grammar::number_line(cell.text(text))?;
    let number = hit.number.map(|r| {
        let span = sp(cell.start, r);
        Spanned { span, value: text.get(span.start..span.end).unwrap_or("").to_string() }
    });
    let symbol_span = sp(cell.start, hit.symbol);
    let symbol = Spanned { span: symbol_span, value: symbol_span.text(text).to_string() };
    let summary = hit.vv.map(|v| Span::new(cell.start + v, cell.end));
    let line_end = summary.map_or(cell.end, |s| s.start.saturating_sub(1).max(symbol_span.end));
    Some((DocNumber { span: Span::new(cell.start, line_end), number, symbol }, summary))
}

fn place_date(text: &str, cell: Span) -> Option<PlaceDate> {
    let hit = grammar::place_date(cell.text(text))?;
    let spanned_num = |r: Option<(usize, usize)>| {
        let span = sp(cell.start, r?);
        Some((span, span.text(text)))
    };
    Some(PlaceDate {
        span: cell,
        place: hit.place.map(|r| {
            let span = sp(cell.start, r);
            Spanned { span, value: span.text(text).to_string() }
        }),
        day: spanned_num(hit.day).and_then(|(span, t)| Some(Spanned { span, value: t.parse().ok()? })),
        month: spanned_num(hit.month).and_then(|(span, t)| Some(Spanned { span, value: t.parse().ok()? })),
        year: spanned_num(hit.year).and_then(|(span, t)| Some(Spanned { span, value: t.parse().ok()? })),
    })
}

/// A line that can not be a summary: the body has begun.
fn starts_body(s: &str) -> bool {
    grammar::marker(s).is_some()
        || ["căn cứ", "kính gửi", "nơi nhận", "theo đề nghị", "xét đề nghị"]
            .iter()
            .any(|p| line::starts_with_ci(s, p))
}

/// Read a header starting at line `start` (blank lines allowed), stopping before `stop`.
pub(crate) fn scan(text: &str, lines: &[LineInfo], start: usize, stop: usize) -> HeaderScan {
    let mut out = HeaderScan { end: start, ..HeaderScan::default() };
    let mut seen_motto = false;
    let mut non_blank = 0;
    let mut li = start;
    while li < stop {
        let Some(info) = lines.get(li) else { break };
        if info.blank() {
            li += 1;
            continue;
        }
        non_blank += 1;
        if non_blank > MAX_HEADER_LINES {
            break;
        }
        let mut used = false;
        let mut stop_here = false;
        let mut typed = false;
        let mut typed_prefix = false;
        for cell in cells(text, info.content) {
            let s = cell.text(text);
            if s.is_empty() {
                continue;
            }
            let h = &mut out.header;
            if h.doc_type.is_some() {
                // Rest of the type line: the summary.
                h.summary = Some(h.summary.map_or(cell, |x| x.cover(cell)));
            } else if line::is_separator(s) || grammar::number_without_colon(s) {
                // A rule; or "Số 12/KH-UBND", left without a number so its missing colon is
                // reported, with the header going on below it.
            } else if line::is_motto(s) {
                h.motto.push(cell);
                seen_motto = true;
            } else if let Some((num, summary)) = h.number.is_none().then(|| number(text, cell)).flatten() {
                h.number = Some(num);
                // Columns flattened with spaces: "Số: 12/KH-UBND    Hà Nội, ngày …".
                match summary.map(|sm| (sm, place_date(text, sm))) {
                    Some((_, Some(pd))) if h.place_date.is_none() => h.place_date = Some(pd),
                    Some((sm, _)) => h.summary = Some(sm),
                    None => {}
                }
            } else if s.starts_with("V/v") || s.starts_with("V/V") {
                h.summary = Some(cell);
            } else if let Some(pd) = h.place_date.is_none().then(|| place_date(text, cell)).flatten() {
                h.place_date = Some(pd);
            } else if let Some(kind) = line::doc_type(s).or_else(|| {
                // "Kế hoạch" in lower case under a number, date, motto or issuer: a type line
                // set wrongly (format/type-line reports it), not the start of the body.
                let zone = h.number.is_some() || h.place_date.is_some() || seen_motto || !h.issuer.is_empty();
                zone.then(|| line::type_name(s)).flatten()
            }) {
                h.doc_type = Some(Spanned { span: cell, value: kind });
                typed = true;
            } else if let Some((kind, len)) =
                (h.number.is_some() || h.place_date.is_some()).then(|| line::type_prefix(s)).flatten()
            {
                // Type and summary flattened onto one line: "QUYẾT ĐỊNH CÔNG BỐ THỦ TỤC …".
                let type_span = Span::new(cell.start, cell.start + len);
                let rest = line::strip(text, Span::new(type_span.end, cell.end));
                h.doc_type = Some(Spanned { span: type_span, value: kind });
                if !rest.is_empty() {
                    h.summary = Some(rest);
                }
                typed = true;
                typed_prefix = true;
            } else if !seen_motto
                && h.number.is_none()
                && h.place_date.is_none()
                && line::is_upper(s)
                && line::word_count(s) <= 16
                && grammar::marker(s).is_none()
            {
                h.issuer.push(cell);
            } else if used {
                // A later column of a header line ("Kính gửi: …"): the header ends with it.
                stop_here = true;
                continue;
            } else {
                stop_here = true;
                break;
            }
            used = true;
        }
        if !used {
            break;
        }
        out.lines.push(li);
        out.end = li + 1;
        if typed {
            // A summary run onto the type line ("THÔNG BÁO KẾT LUẬN" / "CỦA ĐỒNG CHÍ …") may
            // go on below; the rest of a tabbed line ("KẾ HOẠCH\tVề việc …") is all of it.
            if out.header.summary.is_none() || typed_prefix {
                summary(text, lines, li + 1, stop, &mut out);
            }
            break;
        }
        if stop_here {
            break;
        }
        li += 1;
    }
    infer_cong_van(text, &mut out);
    out
}

/// The cells of a header line: tab-separated columns, and the `|`-separated columns of a
/// Markdown table export ("QUỐC HỘI | CỘNG HÒA … | Luật số: 60/2024/QH15 |"), without the rules
/// glued to them ("------ Số: 1661/NQ-UBTVQH15", "… Hạnh phúc---------").
fn cells(text: &str, content: Span) -> impl Iterator<Item = Span> + '_ {
    line::cells(text, content).flat_map(move |cell| {
        let mut start = cell.start;
        cell.text(text).split('|').map(move |piece| {
            let span = line::strip(text, Span::new(start, start + piece.len()));
            start += piece.len() + 1;
            trim_rules(text, span)
        })
    })
}

/// `span` without a run of three or more rule characters at either end.
fn trim_rules(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let is_rule = |c: char| matches!(c, '-' | '_' | '=' | '–' | '—');
    let head = s.len() - s.trim_start_matches(is_rule).len();
    let tail = s.len() - s.trim_end_matches(is_rule).len();
    // A line that is all rule stays as it is (a separator).
    if head == s.len() {
        return span;
    }
    let start = if head >= 3 { span.start + head } else { span.start };
    let end = if tail >= 3 { span.end - tail } else { span.end };
    line::strip(text, Span::new(start, end.max(start)))
}

/// A công văn (official letter) has no type line: its number's symbol names the issuer and
/// its unit ("4240/UBND-VX", "5253/CT-CS"), and its summary under the number starts with
/// "V/v" (về việc). So a header with a number, no type line and a "V/v …" summary — or a
/// "Về …" summary under a symbol that is no type code — is a công văn's. The kind is then
/// [`DocKind::CongVan`] with an empty span at the end of the header: there is no written type
/// line to point at (and nothing for `format/type-line` to check).
fn infer_cong_van(text: &str, out: &mut HeaderScan) {
    let h = &out.header;
    if h.doc_type.is_some() {
        return;
    }
    let (Some(number), Some(summary)) = (&h.number, h.summary) else { return };
    let s = summary.text(text);
    let vv = s.starts_with("V/v") || s.starts_with("V/V");
    let head = number.symbol.value.split(['-', '/']).next().unwrap_or("").trim();
    let type_code = TYPE_CODES.iter().any(|c| c.eq_ignore_ascii_case(head));
    if !(vv || (s.starts_with("Về ") && !type_code)) {
        return;
    }
    let end = h.place_date.as_ref().map_or(summary.end, |p| p.span.end).max(summary.end).max(number.span.end);
    out.header.doc_type = Some(Spanned { span: Span::new(end, end), value: DocKind::CongVan });
}

/// Symbol codes of documents that have a type line (Nghị định 30/2020, Phụ lục III): a symbol
/// starting with one is no công văn's.
const TYPE_CODES: [&str; 19] = [
    "KH", "QĐ", "NĐ", "NQ", "KL", "CT", "TT", "TB", "BC", "CTr", "QC", "QyĐ", "ĐA", "HD", "CĐ", "TTr", "PA",
    "TTLT", "VBHN",
];

/// The summary lines after the type line: the first paragraph, up to a blank line.
fn summary(text: &str, lines: &[LineInfo], from: usize, stop: usize, out: &mut HeaderScan) {
    summary_lines(text, lines, from, stop, out);
    // "(Kèm theo Quyết định số …)" after a blank line still belongs to the header.
    let mut li = out.end;
    while li < stop && lines.get(li).is_some_and(|l| l.blank()) {
        li += 1;
    }
    if out.header.summary.is_some()
        && lines.get(li).is_some_and(|l| {
            let s = l.content.text(text);
            line::starts_with_ci(s, "(kèm theo") || line::starts_with_ci(s, "(ban hành kèm theo")
        })
    {
        summary_lines(text, lines, li, stop, out);
    }
}

fn summary_lines(text: &str, lines: &[LineInfo], from: usize, stop: usize, out: &mut HeaderScan) {
    let mut li = from;
    while lines.get(li).is_some_and(|l| l.blank()) && li < stop {
        li += 1;
    }
    let mut taken = 0;
    while li < stop && taken < MAX_SUMMARY_LINES {
        let Some(info) = lines.get(li) else { break };
        let s = info.content.text(text);
        if line::is_separator(s) {
            // The rule drawn under the summary closes the header.
            out.lines.push(li);
            out.end = li + 1;
            break;
        }
        if info.blank() || info.tab || starts_body(s) || line::is_motto(s) {
            break;
        }
        // "Thực hiện Kết luận số 226-KL/TW …" can be a plan's title; "Thực hiện …, Ủy ban nhân
        // dân ban hành Kế hoạch như sau:" is its first paragraph.
        if taken == 0 && s.ends_with(':') {
            break;
        }
        if line::starts_with_ci(s, "(kèm theo") || line::starts_with_ci(s, "(ban hành kèm theo") {
            // "(Kèm theo Quyết định số … của …)": part of the header, not of the summary.
            while let Some(l) = lines.get(li).filter(|l| !l.blank() && li < stop) {
                out.lines.push(li);
                out.end = li + 1;
                li += 1;
                if l.content.text(text).ends_with(')') {
                    break;
                }
            }
            break;
        }
        out.header.summary = Some(out.header.summary.map_or(info.content, |x| x.cover(info.content)));
        out.lines.push(li);
        out.end = li + 1;
        taken += 1;
        li += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{line::line_infos, split_lines};

    fn run(text: &str) -> HeaderScan {
        let lines = line_infos(text, &split_lines(text));
        scan(text, &lines, 0, lines.len())
    }

    #[test]
    fn seed_style_header() {
        let text = "\n\nSố: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện\n\nThực hiện Kế hoạch số 144";
        let h = run(text);
        assert!(h.confirmed());
        let Some(num) = &h.header.number else { panic!("number") };
        assert_eq!(num.symbol.value, "KH-UBND");
        assert!(num.number.is_none());
        let Some(pd) = &h.header.place_date else { panic!("date") };
        assert_eq!(pd.month.as_ref().map(|m| m.value), Some(5));
        assert!(pd.day.is_none());
        assert_eq!(h.header.doc_type.as_ref().map(|t| t.value), Some(DocKind::KeHoach));
        assert_eq!(h.header.summary.map(|s| s.text(text)), Some("Triển khai thực hiện"));
        assert_eq!(h.end, 9);
    }

    #[test]
    fn tabbed_header() {
        let text = "BỘ NỘI VỤ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n--------\tĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-BNV\tHà Nội, ngày 03 tháng 02 năm 2026\nKẾ HOẠCH\nVề việc A\nB tiếp\n\nI. MỤC ĐÍCH";
        let h = run(text);
        assert_eq!(h.header.issuer.len(), 1);
        assert_eq!(h.header.motto.len(), 2);
        assert_eq!(
            h.header.number.as_ref().and_then(|n| n.number.as_ref()).map(|n| n.value.as_str()),
            Some("12")
        );
        assert_eq!(h.header.place_date.as_ref().and_then(|p| p.date()), Some(Date::new(2026, 2, 3)));
        assert_eq!(h.header.summary.map(|s| s.text(text)), Some("Về việc A\nB tiếp"));
    }

    #[test]
    fn number_and_date_on_one_line() {
        let text = "Số: 12/KH-UBND      Hà Nội, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH";
        let h = run(text);
        assert_eq!(h.header.number.as_ref().map(|n| n.symbol.value.as_str()), Some("KH-UBND"));
        assert_eq!(h.header.place_date.as_ref().and_then(|p| p.date()), Some(Date::new(2026, 3, 5)));
        assert!(h.header.summary.is_none());
    }

    #[test]
    fn lower_case_type_line() {
        let text = "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKế hoạch\n\nTriển khai thực hiện\n\nI. MỤC ĐÍCH";
        let h = run(text);
        let t = h.header.doc_type.as_ref();
        assert_eq!(t.map(|t| (t.value, t.span.text(text))), Some((DocKind::KeHoach, "Kế hoạch")));
        assert_eq!(h.header.summary.map(|s| s.text(text)), Some("Triển khai thực hiện"));
        // Without any header above it, a lone "Kế hoạch" is not read as a type line.
        assert!(run("Kế hoạch\n\nTriển khai").header.doc_type.is_none());
    }

    #[test]
    fn no_header() {
        let h = run("Thông tin sáp nhập là không chính xác\nKẾ HOẠCH");
        assert!(!h.confirmed());
        assert_eq!(h.end, 0);
    }
}
