//! Structure parser: lines → parts (header, body blocks, tables, recipients, signature).
//!
//! Total and linear: every line is looked at a bounded number of times, nothing fails.
//!
//! 1. Each line is trimmed (whitespace and Markdown decoration) once ([`line`]).
//! 2. One forward walk gives every line a role: header, body, table row, table title,
//!    recipients, signature, or skipped (mottos and rules repeated above an appendix). A new
//!    part starts at a national motto, or at a type line after the previous part's
//!    signature/recipients, when a header really follows (`header::scan`).
//! 3. Body lines become blocks and the block tree (`body`), part by part.
//!
//! The line-level grammar (markers, `Số:`, place and date, authority) is nom (`grammar`).

mod body;
mod grammar;
mod header;
mod line;
mod table;
mod tail;

pub use grammar::point_number;

use rasoat_text::{Decoded, Span};

use crate::model::*;
use line::LineInfo;

/// Parse decoded text into a Document.
pub fn parse(decoded: Decoded) -> Document {
    let Decoded { text, encoding, map, legacy_font } = decoded;
    build(text, map, encoding, legacy_font)
}

fn build(
    text: String,
    map: rasoat_text::SourceMap,
    encoding: rasoat_text::Encoding,
    legacy_font: Option<rasoat_text::LegacyFont>,
) -> Document {
    let lines = split_lines(&text);
    let (parts, blocks) = parse_structure(&text, &lines);
    let mut doc = Document {
        text,
        map,
        encoding,
        legacy_font,
        lines,
        parts,
        blocks,
        facts: Facts::default(),
        memo: Default::default(),
    };
    doc.facts = crate::extract::extract(&doc);
    doc
}

/// Spans of all lines, without their `\n`.
pub fn split_lines(text: &str) -> Vec<Span> {
    // Lines run to about a hundred bytes: a guess that spares most of the growth.
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Span::new(start, nl));
        start = nl + 1;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(Span::new(start, text.len()));
    }
    lines
}

/// The structure alone (lines, parts, blocks) of normalised text, without fact extraction:
/// for benchmarks and tools that need no facts.
pub fn structure(text: &str) -> (Vec<Span>, Vec<Part>, Vec<Block>) {
    let lines = split_lines(text);
    let (parts, blocks) = parse_structure(text, &lines);
    (lines, parts, blocks)
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Header,
    Body,
    Table,
    TableTitle,
    Recipients,
    Signature,
    /// Header furniture repeated above an appendix, and rules: not body text.
    Skip,
}

/// A part while its lines are being assigned.
struct PartBuild {
    /// First line of the part.
    start: usize,
    /// First line after the header.
    body_start: usize,
    /// Lines after this one come after the signature/recipients (appendix).
    tail_end: Option<usize>,
    header: Header,
    tables: Vec<Table>,
    recipients: Option<Recipients>,
    signature: Option<Signature>,
}

impl PartBuild {
    fn new(start: usize, scan: header::HeaderScan) -> Self {
        Self {
            start,
            body_start: scan.end,
            tail_end: None,
            header: scan.header,
            tables: Vec::new(),
            recipients: None,
            signature: None,
        }
    }

    fn mark_tail(&mut self, last: usize) {
        self.tail_end = Some(self.tail_end.map_or(last, |t| t.max(last)));
    }
}

fn mark(roles: &mut [Role], used: &[usize], role: Role) {
    for &u in used {
        if let Some(r) = roles.get_mut(u) {
            *r = role;
        }
    }
}

fn parse_structure(text: &str, lines: &[Span]) -> (Vec<Part>, Vec<Block>) {
    let infos = line::line_infos(text, lines);
    let n = infos.len();
    let mut roles: Vec<Role> =
        infos.iter().map(|l| if l.blank() { Role::Blank } else { Role::Body }).collect();

    let first = header::scan(text, &infos, 0, n);
    mark(&mut roles, &first.lines, Role::Header);
    let mut i = first.end;
    let mut parts = vec![PartBuild::new(0, first)];

    while i < n {
        let Some(info) = infos.get(i) else { break };
        if roles.get(i) != Some(&Role::Body) {
            i += 1;
            continue;
        }
        let s = info.content.text(text);
        let single = parts.len() == 1;
        let Some(cur) = parts.last_mut() else { break };
        let first_cell = line::cells(text, info.content).next().unwrap_or(info.content);
        let cell = first_cell.text(text);

        // A new document: a motto, or a type line once this one is signed.
        let motto = line::is_motto(cell);
        if motto || (cur.tail_end.is_some() && !info.tab && line::doc_type(s).is_some()) {
            let hstart = if motto { back_over_issuer(text, &infos, &roles, i, cur.body_start) } else { i };
            let scan = header::scan(text, &infos, hstart, n);
            if scan.confirmed() && scan.end > i {
                mark(&mut roles, &scan.lines, Role::Header);
                i = scan.end;
                if single && cur.tail_end.is_none() && header_is_empty(&cur.header) {
                    // Text pasted above the first header (a web page's lead): still one
                    // document, whose header is this one.
                    cur.header = scan.header;
                    cur.body_start = scan.end;
                } else {
                    parts.push(PartBuild::new(hstart, scan));
                }
                continue;
            }
            if motto {
                // Header furniture above an appendix of this document.
                let furniture: Vec<usize> = scan.lines.iter().copied().filter(|&k| k <= i).collect();
                mark(&mut roles, &furniture, Role::Skip);
                mark(&mut roles, &[i], Role::Skip);
                i += 1;
                continue;
            }
        }

        if line::is_separator(s) {
            mark(&mut roles, &[i], Role::Skip);
            i += 1;
            continue;
        }

        if tail::recipients_start(cell).is_some()
            && let Some((rec, used)) = tail::recipients(text, &infos, i, n)
        {
            mark(&mut roles, &used, Role::Recipients);
            let mut last = used.last().copied().unwrap_or(i);
            if cur.signature.is_none() {
                let floor = cur.body_start;
                let before =
                    tail::signature_before(text, &infos, i, floor, |k| roles.get(k) == Some(&Role::Body));
                let after = || {
                    let next = (last + 1..n).find(|&k| roles.get(k) != Some(&Role::Blank))?;
                    tail::signature(text, &infos, next, n, true)
                };
                if let Some((sig, sused)) = before.or_else(after) {
                    mark(&mut roles, &sused, Role::Signature);
                    last = last.max(sused.last().copied().unwrap_or(last));
                    cur.signature = Some(sig);
                }
            }
            if cur.recipients.is_none() {
                cur.recipients = Some(rec);
            }
            cur.mark_tail(last);
            i = last + 1;
            continue;
        }

        if grammar::authority(cell).is_some()
            && let Some((sig, used)) = tail::signature(text, &infos, i, n, false)
        {
            mark(&mut roles, &used, Role::Signature);
            let last = used.last().copied().unwrap_or(i);
            if cur.signature.is_none() {
                cur.signature = Some(sig);
            }
            cur.mark_tail(last);
            i = last + 1;
            continue;
        }

        if info.tab
            && let Some((mut tab, used)) = table::table(text, &infos, i, n)
        {
            mark(&mut roles, &used, Role::Table);
            let floor = cur.tail_end.unwrap_or(cur.body_start).max(cur.start);
            if let Some((title, tused)) =
                table::title(text, &infos, i, floor, |k| roles.get(k) == Some(&Role::Body))
            {
                mark(&mut roles, &tused, Role::TableTitle);
                tab.title = Some(title);
            }
            cur.tables.push(tab);
            i = used.last().copied().unwrap_or(i) + 1;
            continue;
        }
        i += 1;
    }

    finish(text, &infos, &roles, parts)
}

fn header_is_empty(h: &Header) -> bool {
    h.motto.is_empty()
        && h.issuer.is_empty()
        && h.number.is_none()
        && h.place_date.is_none()
        && h.doc_type.is_none()
}

/// Issuer lines ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HUẾ") stand above the motto when columns were
/// flattened: the new header starts there.
fn back_over_issuer(text: &str, infos: &[LineInfo], roles: &[Role], motto: usize, floor: usize) -> usize {
    let mut start = motto;
    let mut j = motto;
    let mut seen = 0;
    while j > floor && seen < 4 {
        j -= 1;
        let Some(l) = infos.get(j) else { break };
        let s = l.content.text(text);
        match roles.get(j) {
            Some(Role::Blank) => continue,
            Some(Role::Body) => {}
            // The rule drawn under the issuer.
            Some(Role::Skip) if line::is_separator(s) => continue,
            _ => break,
        }
        if !(line::is_upper(s) || line::is_separator(s)) || grammar::marker(s).is_some() {
            break;
        }
        seen += 1;
        start = j;
    }
    start
}

fn finish(text: &str, infos: &[LineInfo], roles: &[Role], parts: Vec<PartBuild>) -> (Vec<Part>, Vec<Block>) {
    // At most one block a body line: no growth while the blocks are pushed.
    let mut blocks: Vec<Block> = Vec::with_capacity(roles.iter().filter(|&&r| r == Role::Body).count());
    let mut out = Vec::with_capacity(parts.len());
    let starts: Vec<usize> = parts.iter().map(|p| p.start).collect();
    for (k, p) in parts.into_iter().enumerate() {
        let end_line = starts.get(k + 1).copied().unwrap_or(infos.len());
        let span_start = if k == 0 { 0 } else { line_start(text, infos, p.start) };
        let span_end = if k + 1 == starts.len() { text.len() } else { line_start(text, infos, end_line) };
        let first_block = blocks.len();
        {
            let mut b = body::BodyBuilder::new(text, &mut blocks);
            let mut prev: Option<usize> = None;
            let mut reset_done = false;
            for li in p.body_start.max(p.start)..end_line {
                match roles.get(li) {
                    Some(Role::Body) => {}
                    Some(Role::Blank) => continue,
                    _ => {
                        prev = None;
                        continue;
                    }
                }
                if !reset_done && p.tail_end.is_some_and(|t| li > t) {
                    b.reset();
                    reset_done = true;
                }
                b.push_line(infos, li, prev.is_some());
                prev = Some(li);
            }
        }
        let range = first_block..blocks.len();
        let roots = range.clone().filter(|&id| blocks.get(id).is_some_and(|b| b.parent.is_none())).collect();
        out.push(Part {
            span: Span::new(span_start, span_end.max(span_start)),
            header: p.header,
            blocks: range,
            roots,
            tables: p.tables,
            recipients: p.recipients,
            signature: p.signature,
        });
    }
    (out, blocks)
}

/// Byte offset where line `li` starts (the end of the text past the last line).
fn line_start(text: &str, infos: &[LineInfo], li: usize) -> usize {
    // Content spans are trimmed; walk back to the line start through the raw text.
    let Some(l) = infos.get(li) else { return text.len() };
    let before = text.get(..l.content.start).unwrap_or("");
    before.rfind('\n').map_or(0, |nl| nl + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::parse_str(text)
    }

    fn kinds(d: &Document) -> Vec<Option<DocKind>> {
        d.parts.iter().map(|p| p.header.doc_type.as_ref().map(|t| t.value)).collect()
    }

    #[test]
    fn decision_then_plan() {
        let text = "Số: /QĐ-UBND\n\nQUYẾT ĐỊNH\n\nBan hành Kế hoạch\n\nĐiều 1. Ban hành.\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Hữu Phúc\n\nKẾ HOẠCH\n\nCải cách hành chính\n(Kèm theo Quyết định số /QĐ-UBND\ncủa Chủ tịch)\n\nI. MỤC ĐÍCH\n\n1. Mục đích";
        let d = doc(text);
        assert_eq!(kinds(&d), [Some(DocKind::QuyetDinh), Some(DocKind::KeHoach)]);
        let [qd, kh] = d.parts.as_slice() else { panic!("two parts") };
        assert_eq!(qd.signature.as_ref().and_then(|s| s.name).map(|n| d.slice(n)), Some("Nguyễn Hữu Phúc"));
        assert_eq!(kh.header.summary.map(|s| d.slice(s)), Some("Cải cách hành chính"));
        assert_eq!(kh.blocks.len(), 2);
        assert_eq!(kh.roots.len(), 1);
        assert!(d.slice(kh.span).starts_with("KẾ HOẠCH"));
        assert_eq!(qd.span.end, kh.span.start);
        assert_eq!(
            d.main_part().and_then(|p| p.header.doc_type.as_ref()).map(|t| t.value),
            Some(DocKind::KeHoach)
        );
    }

    #[test]
    fn appendix_header_is_not_a_new_part() {
        let text = "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n**ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**\n\nPHỤ LỤC\nPHÂN CÔNG\n\nTT\tNội dung\tCơ quan chủ trì\tThời hạn\n1\tViệc\tSở\t2026";
        let d = doc(text);
        assert_eq!(d.parts.len(), 1);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.tables.len(), 1);
        assert_eq!(p.tables.first().and_then(|t| t.title).map(|t| d.slice(t)), Some("PHỤ LỤC\nPHÂN CÔNG"));
        // Neither the issuer nor the motto above the appendix is body text.
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn lead_text_before_the_header() {
        let text = "Tin: Chính phủ ban hành nghị quyết\n\nCHÍNH PHỦ\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 08/2025/NQ-CP\n\nNGHỊ QUYẾT\nVỀ VIỆC THÍ ĐIỂM\nĐiều 1. Phạm vi";
        let d = doc(text);
        assert_eq!(kinds(&d), [Some(DocKind::NghiQuyet)]);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.header.issuer.iter().map(|s| d.slice(*s)).collect::<Vec<_>>(), ["CHÍNH PHỦ"]);
        assert_eq!(p.header.number.as_ref().map(|n| n.symbol.value.as_str()), Some("2025/NQ-CP"));
        assert_eq!(p.header.summary.map(|s| d.slice(s)), Some("VỀ VIỆC THÍ ĐIỂM"));
    }

    #[test]
    fn signature_before_recipients_and_tabbed_signature() {
        let text = "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\nGIÁM ĐỐC\n\nNguyễn Thành Hưng\n\nNơi nhận:\n- Lưu: VT.";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.signature.as_ref().and_then(|s| s.name).map(|n| d.slice(n)), Some("Nguyễn Thành Hưng"));
        assert_eq!(p.blocks.len(), 1);

        let text =
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Nam\t# PHỤ LỤC THỦ TỤC";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        let Some(sig) = &p.signature else { panic!("no signature") };
        assert_eq!(sig.authority.as_ref().map(|a| a.value), Some(Authority::Kt));
        assert_eq!(sig.titles.iter().map(|t| d.slice(*t)).collect::<Vec<_>>(), ["CHỦ TỊCH PHÓ CHỦ TỊCH"]);
        assert_eq!(sig.name.map(|n| d.slice(n)), Some("Hoàng Nam"));
    }

    #[test]
    fn malformed_authority_keeps_the_signature() {
        let text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nTm ỦY BAN NHÂN DÂN\nKT CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        let Some(sig) = &p.signature else { panic!("no signature") };
        assert_eq!(sig.authority.as_ref().map(|a| (a.value, d.slice(a.span))), Some((Authority::Tm, "Tm")));
        let all: Vec<(Authority, &str)> =
            sig.authorities.iter().map(|a| (a.value, d.slice(a.span))).collect();
        assert_eq!(all, [(Authority::Tm, "Tm"), (Authority::Kt, "KT")]);
        assert_eq!(
            sig.titles.iter().map(|t| d.slice(*t)).collect::<Vec<_>>(),
            ["ỦY BAN NHÂN DÂN", "KT CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(sig.name.map(|n| d.slice(n)), Some("Nguyễn Văn An"));
        assert!(p.blocks.is_empty());

        // Without recipients, a malformed prefix still opens a signature block.
        let d = doc("I. MỤC ĐÍCH\n\nKt. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An");
        let Some(p) = d.parts.first() else { panic!("no part") };
        let sig = p.signature.as_ref();
        assert_eq!(sig.and_then(|s| s.authority.as_ref()).map(|a| d.slice(a.span)), Some("Kt."));
        assert_eq!(sig.and_then(|s| s.name).map(|n| d.slice(n)), Some("Nguyễn Văn An"));
    }

    /// Headers that used to leave a document without a type (corpus/dev).
    #[test]
    fn document_types_from_real_headers() {
        let typed = |text: &str| {
            let d = doc(text);
            let t = d.parts.first().and_then(|p| p.header.doc_type.clone());
            t.map(|t| (t.value, d.slice(t.span).to_string()))
        };
        // 386/NQ-CP: no comma after the place.
        let text = "CHÍNH PHỦ\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nSố: 386/NQ-CP\nHà Nội ngày 01 tháng 12 năm 2025\nNGHỊ QUYẾT\nVỀ VIỆC TIẾP THU, GIẢI TRÌNH DỰ ÁN LUẬT\nCHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;";
        assert_eq!(typed(text), Some((DocKind::NghiQuyet, "NGHỊ QUYẾT".into())));
        // A law whose header columns were exported as a Markdown table row.
        let text = "QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc | Luật số: 60/2024/QH15 |\n\nLUẬT\n\nDỮ LIỆU\n\nCăn cứ Hiến pháp;";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.header.doc_type.as_ref().map(|t| t.value), Some(DocKind::Luat));
        assert_eq!(p.header.issuer.iter().map(|s| d.slice(*s)).collect::<Vec<_>>(), ["QUỐC HỘI"]);
        assert_eq!(p.header.number.as_ref().map(|n| n.symbol.value.as_str()), Some("2024/QH15"));
        assert_eq!(p.header.summary.map(|s| d.slice(s)), Some("DỮ LIỆU"));
        // 2702/QĐ-UBND: type and summary on one line.
        let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 2702/QĐ-UBND\nQuảng Trị, ngày 18 tháng 11 năm 2025\nQUYẾT ĐỊNH CÔNG BỐ THỦ TỤC HÀNH CHÍNH\nCăn cứ Luật;";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.header.doc_type.as_ref().map(|t| d.slice(t.span)), Some("QUYẾT ĐỊNH"));
        assert_eq!(p.header.summary.map(|s| d.slice(s)), Some("CÔNG BỐ THỦ TỤC HÀNH CHÍNH"));
        // A Party document: "Số 221-KL/TW", and the rule under the summary closes the header.
        let text = "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\n---------------\nSố 221-KL/TW\nHà Nội, ngày 28 tháng 11 năm 2025\nKẾT LUẬN\nCỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ\n-----\nTại phiên họp ngày 28/11/2025, Bộ Chính trị kết luận như sau:";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.header.doc_type.as_ref().map(|t| t.value), Some(DocKind::KetLuan));
        assert_eq!(
            p.header.number.as_ref().and_then(|n| n.number.as_ref()).map(|n| n.value.as_str()),
            Some("221")
        );
        assert_eq!(p.header.summary.map(|s| d.slice(s)), Some("CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ"));
        assert_eq!(p.blocks.len(), 1);
        // A công văn: no type line, "V/v" under the number.
        let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 4240/UBND-VX V/v khẩn trương hoàn thành cập nhật\nThành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\nKính gửi: Sở Y tế.\nỦy ban nhân dân Thành phố đề nghị như sau:";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        let Some(t) = &p.header.doc_type else { panic!("no kind") };
        assert_eq!(t.value, DocKind::CongVan);
        assert!(t.span.is_empty());
        // After the date line, so rules reading "the header up to the type line" see it all.
        assert!(p.header.place_date.as_ref().is_some_and(|pd| pd.span.end <= t.span.start));
        // A number without its colon does not end the header (format/document-number reports
        // the colon; the type line must still be found).
        let text = "Số 12/KH-UBND\nHải An, ngày 05 tháng 5 năm 2026\nKẾ HOẠCH\nTriển khai\n\nI. MỤC ĐÍCH";
        let d = doc(text);
        let Some(p) = d.parts.first() else { panic!("no part") };
        assert_eq!(p.header.doc_type.as_ref().map(|t| t.value), Some(DocKind::KeHoach));
        assert!(p.header.number.is_none());
        // A symbol that is a type code, with a "Về …" summary and no type line, is not a công văn.
        assert_eq!(typed("Số: 12/QĐ-UBND Về việc A\nHà Nội, ngày 05 tháng 5 năm 2026\n\nĐiều 1."), None);
    }

    #[test]
    fn empty_and_odd_inputs() {
        for text in ["", "\n\n\n", "\t\t", "Số:", "Nơi nhận:", "TM.", "KẾ HOẠCH", "a)", "-", "1.\t"]
        {
            let d = doc(text);
            assert_eq!(d.parts.len(), 1, "{text:?}");
            assert_eq!(d.parts.first().map(|p| p.span), Some(Span::new(0, d.text.len())));
        }
    }
}
