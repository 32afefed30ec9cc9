//! The end of a document: `Nơi nhận:` with its recipients, and the signature block.

use rasoat_text::Span;

use super::grammar;
use super::line::{self, LineInfo};
use crate::model::*;

/// Where the first recipient starts on a `Nơi nhận:` line (the end of the line when the list
/// starts on the next one). `s` is a stripped line or cell.
pub(crate) fn recipients_start(s: &str) -> Option<usize> {
    if !line::starts_with_ci(s, "nơi nhận") {
        return None;
    }
    let head = "nơi nhận".len();
    let rest = s.get(head..)?;
    let after = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '*' | '_' | '.'));
    // "Nơi nhận kết quả." in a sentence is no list header.
    if !(rest.trim_start_matches(['*', '_', ' ']).starts_with(':') || after.is_empty()) {
        return None;
    }
    Some(s.len() - after.len())
}

fn is_item(s: &str) -> bool {
    s.starts_with(['-', '–', '—', '+', '•'])
}

/// Does line `t` continue the recipient item `prev` (wrapped without a dash)?
///
/// - A lower-case line after an item that is not closed: "- Các ban đảng, đảng ủy" /
///   "trực thuộc;".
/// - A capitalised line right under an item that does not close the list (no final full stop),
///   itself shaped like a list entry (ending in `;` or `,`, or followed by another item), and
///   not the signature that may follow the list directly: "- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH,"
///   / "Ủy ban MTTQVN tỉnh Cao Bằng;"; "- VPCP: BTCN, các PCN;" / "Các Vụ: TH, KTTH;".
fn wraps(prev: &str, t: &str, directly: bool, next_is_item: impl Fn() -> bool) -> bool {
    if line::starts_lower(t) {
        return !line::ends_sentence(prev);
    }
    let prev_end = prev.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    directly
        && !prev_end.ends_with('.')
        && t.starts_with(char::is_uppercase)
        && !line::is_upper(t)
        && !line::is_signer(t)
        && grammar::authority(t).is_none()
        && grammar::marker(t).is_none()
        && recipients_start(t).is_none()
        && !line::is_motto(t)
        && (t.ends_with([';', ',']) || next_is_item())
}

/// Parse the recipients list whose header is on line `li`. Returns it and the lines used.
pub(crate) fn recipients(
    text: &str,
    lines: &[LineInfo],
    li: usize,
    stop: usize,
) -> Option<(Recipients, Vec<usize>)> {
    let info = lines.get(li)?;
    let first = line::cells(text, info.content).next()?;
    let s = first.text(text);
    let rest_at = recipients_start(s)?;
    let mut items: Vec<Span> = Vec::new();
    let mut used = vec![li];
    let inline = Span::new(first.start + rest_at, first.end);
    if is_item(inline.text(text)) {
        items.push(inline);
    }
    let mut end = first.end;
    let mut blanks = 0;
    let mut j = li + 1;
    while j < stop {
        let Some(l) = lines.get(j) else { break };
        if l.blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            j += 1;
            continue;
        }
        // The list sits in the left column: with a tab, the right column is something else.
        let Some(cell) = line::cells(text, l.content).next() else { break };
        let t = cell.text(text);
        let next_is_item = || {
            lines
                .get(j + 1)
                .and_then(|n| line::cells(text, n.content).next())
                .is_some_and(|c| is_item(c.text(text)))
        };
        if is_item(t) {
            items.push(cell);
        } else if let Some(last) =
            items.last_mut().filter(|x| wraps(x.text(text), t, blanks == 0, next_is_item))
        {
            // An item wrapped onto the next line.
            *last = last.cover(cell);
        } else {
            break;
        }
        blanks = 0;
        end = cell.end;
        used.push(j);
        j += 1;
    }
    Some((Recipients { span: Span::new(first.start, end), items }, used))
}

/// Filler lines inside a signature block ("(Đã ký)", "(Ký, đóng dấu)").
fn is_filler(s: &str) -> bool {
    line::starts_with_ci(s, "(đã ký") || line::starts_with_ci(s, "đã ký") || line::starts_with_ci(s, "(ký")
}

/// Upper-case lines that are not signature titles even right after the recipients.
fn not_title(s: &str) -> bool {
    ["phụ lục", "danh mục", "nơi nhận", "biểu", "mẫu"].iter().any(|p| line::starts_with_ci(s, p))
        || line::doc_type(s).is_some()
        || line::is_motto(s)
        || grammar::marker(s).is_some()
}

/// A title line that can open a signature without an authority prefix ("CHỦ TỊCH", "GIÁM ĐỐC").
pub(crate) fn is_title_line(s: &str) -> bool {
    line::is_upper(s) && line::word_count(s) <= 12 && !not_title(s)
}

/// Split "PHÓ CHỦ TỊCH Nguyễn Văn A" into the upper-case title and the name after it.
fn split_title_name(text: &str, cell: Span) -> (Option<Span>, Option<Span>) {
    let s = cell.text(text);
    let mut title_end = 0;
    let mut offset = 0;
    for word in s.split(' ') {
        let w_end = offset + word.len();
        if !word.is_empty() {
            if word.chars().any(char::is_lowercase) {
                break;
            }
            title_end = w_end;
        }
        offset = w_end + 1;
    }
    let title = (title_end > 0).then(|| Span::new(cell.start, cell.start + title_end));
    let rest = s.get(title_end..).unwrap_or("");
    let lead = rest.len() - rest.trim_start().len();
    let name = Span::new(cell.start + title_end + lead, cell.end);
    let name = (!name.is_empty() && line::is_signer(name.text(text))).then_some(name);
    (title, name)
}

/// Parse a signature block starting on line `li`. It opens with an authority prefix or, when
/// `bare_title` is allowed (right after the recipients), with an upper-case title.
pub(crate) fn signature(
    text: &str,
    lines: &[LineInfo],
    li: usize,
    stop: usize,
    bare_title: bool,
) -> Option<(Signature, Vec<usize>)> {
    let mut sig = Signature {
        span: Span::default(),
        authority: None,
        authorities: Vec::new(),
        titles: Vec::new(),
        name: None,
    };
    let mut used = Vec::new();
    let mut blanks = 0;
    let mut j = li;
    while j < stop && used.len() < 8 {
        let Some(l) = lines.get(j) else { break };
        if l.blank() {
            blanks += 1;
            if blanks > 2 || used.is_empty() {
                break;
            }
            j += 1;
            continue;
        }
        blanks = 0;
        let Some(mut cell) = line::cells(text, l.content).next() else { break };
        let s = cell.text(text);
        if used.is_empty() {
            if let Some((auth, len)) = grammar::authority(s) {
                let prefix = Spanned { span: Span::new(cell.start, cell.start + len), value: auth };
                sig.authority = Some(prefix.clone());
                sig.authorities.push(prefix);
                let rest = s.get(len..).unwrap_or("");
                cell = Span::new(cell.start + len + (rest.len() - rest.trim_start().len()), cell.end);
            } else if !(bare_title && is_title_line(s)) {
                return None;
            }
        } else if is_filler(s) {
            used.push(j);
            j += 1;
            continue;
        } else if !(line::is_signer(s)
            || grammar::authority(s).is_some()
            || is_title_line(s)
            || split_title_name(text, cell).1.is_some())
        {
            break;
        }
        // "KT. CHỦ TỊCH" under "TM. ỦY BAN NHÂN DÂN": the prefix is recorded, and the title
        // keeps it (rules read that line as written). The title is split from the name after
        // the prefix, so a malformed "Kt." does not read as the start of a name.
        let later = if used.is_empty() { None } else { grammar::authority(s) };
        let (title, name) = match later {
            Some((auth, len)) => {
                sig.authorities.push(Spanned { span: Span::new(cell.start, cell.start + len), value: auth });
                let rest = s.get(len..).unwrap_or("");
                let after = Span::new(cell.start + len + (rest.len() - rest.trim_start().len()), cell.end);
                let (title, name) = split_title_name(text, after);
                let prefix_only = Span::new(cell.start, cell.start + len);
                (Some(title.map_or(prefix_only, |t| Span::new(cell.start, t.end))), name)
            }
            None => split_title_name(text, cell),
        };
        if title.is_none() && name.is_none() {
            break;
        }
        if let Some(t) = title {
            sig.titles.push(t);
        }
        used.push(j);
        if name.is_some() {
            sig.name = name;
            break;
        }
        j += 1;
    }
    let first = used.first().and_then(|&f| lines.get(f))?;
    let last = used.last().and_then(|&f| lines.get(f))?;
    if sig.titles.is_empty() && sig.authority.is_none() {
        return None;
    }
    let first_cell = line::cells(text, first.content).next().unwrap_or(first.content);
    let end = sig
        .name
        .map_or_else(|| line::cells(text, last.content).next().unwrap_or(last.content).end, |n| n.end);
    sig.span = Span::new(first_cell.start, end.max(first_cell.start));
    Some((sig, used))
}

/// A signature laid out just above `Nơi nhận:` without an authority prefix: title lines and a
/// name ending at line `before` (exclusive). `allowed` says which lines may be taken.
pub(crate) fn signature_before(
    text: &str,
    lines: &[LineInfo],
    before: usize,
    floor: usize,
    allowed: impl Fn(usize) -> bool,
) -> Option<(Signature, Vec<usize>)> {
    // Walk up over blanks to the name, then over the title lines.
    let mut j = before;
    let mut found_name = false;
    let mut start = None;
    let mut seen = 0;
    while j > floor && seen < 6 {
        j -= 1;
        let l = lines.get(j)?;
        if l.blank() {
            continue;
        }
        if !allowed(j) || l.tab {
            break;
        }
        seen += 1;
        let s = l.content.text(text);
        if !found_name {
            if !line::is_signer(s) {
                return None;
            }
            found_name = true;
        } else if is_title_line(s) || grammar::authority(s).is_some() {
            start = Some(j);
        } else {
            break;
        }
    }
    let start = start?;
    let (sig, used) = signature(text, lines, start, before, true)?;
    sig.name?;
    Some((sig, used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{line::line_infos, split_lines};

    fn lines(text: &str) -> Vec<LineInfo> {
        line_infos(text, &split_lines(text))
    }

    #[test]
    fn recipients_list() {
        let text = "Nơi nhận:\n\n- UBND TP;\n- Sở Nội vụ;\n- Các ban đảng, đảng ủy\ntrực thuộc;\n- Lưu: VT, VHXH.\n\nCHỦ TỊCH";
        let ls = lines(text);
        let Some((r, used)) = recipients(text, &ls, 0, ls.len()) else { panic!("no recipients") };
        let items: Vec<&str> = r.items.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            items,
            ["- UBND TP;", "- Sở Nội vụ;", "- Các ban đảng, đảng ủy\ntrực thuộc;", "- Lưu: VT, VHXH."]
        );
        assert_eq!(used, [0, 2, 3, 4, 5, 6]);
        assert!(r.span.text(text).ends_with("VHXH."));
    }

    #[test]
    fn capitalised_wrapped_recipient() {
        let text =
            "Nơi nhận:\n- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH,\nỦy ban MTTQVN tỉnh Cao Bằng;\n- Lưu: VT, VP.";
        let ls = lines(text);
        let Some((r, used)) = recipients(text, &ls, 0, ls.len()) else { panic!("no recipients") };
        let items: Vec<&str> = r.items.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            items,
            ["- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH,\nỦy ban MTTQVN tỉnh Cao Bằng;", "- Lưu: VT, VP."]
        );
        assert_eq!(used, [0, 1, 2, 3]);

        // 230/CĐ-TTg: a unit's departments on the line under it, then the list goes on.
        let text = "Nơi nhận:\n- VPCP: BTCN, các PCN;\nCác Vụ: TH, KTTH, V.I, PL;\n- Lưu: VT, CN.";
        let ls = lines(text);
        let Some((r, _)) = recipients(text, &ls, 0, ls.len()) else { panic!("no recipients") };
        assert_eq!(r.items.len(), 2);
        assert!(r.span.text(text).ends_with("CN."));

        // What may follow a list directly is not a wrapped item: the signature, or a list whose
        // last item is closed.
        for tail in ["KT CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An", "TM. ỦY BAN NHÂN DÂN"] {
            let text = format!("Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP\n{tail}");
            let ls = lines(&text);
            let Some((r, used)) = recipients(&text, &ls, 0, ls.len()) else { panic!("no recipients") };
            assert_eq!((r.items.len(), used.len()), (2, 3), "{tail}");
        }
        let text = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\nTrên đây là ý kiến của Ủy ban;";
        let ls = lines(text);
        let Some((r, _)) = recipients(text, &ls, 0, ls.len()) else { panic!("no recipients") };
        assert_eq!(r.items.len(), 2);
    }

    #[test]
    fn inline_recipient() {
        let text = "*Nơi nhận:* - Chính phủ;\n- Lưu: HC, PLTP.";
        let ls = lines(text);
        let Some((r, _)) = recipients(text, &ls, 0, ls.len()) else { panic!("no recipients") };
        assert_eq!(r.items.first().map(|s| s.text(text)), Some("- Chính phủ;"));
        assert_eq!(r.items.len(), 2);
        assert!(recipients_start("Nơi nhận kết quả.").is_none());
    }

    #[test]
    fn signature_blocks() {
        let text = "**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nBùi Quang Ngân\n\nPHỤ LỤC";
        let ls = lines(text);
        let Some((s, used)) = signature(text, &ls, 0, ls.len(), false) else { panic!("no signature") };
        assert_eq!(s.authority.as_ref().map(|a| a.value), Some(Authority::Tm));
        let titles: Vec<&str> = s.titles.iter().map(|t| t.text(text)).collect();
        assert_eq!(titles, ["ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(s.name.map(|n| n.text(text)), Some("Bùi Quang Ngân"));
        assert_eq!(used, [0, 1, 2, 4]);

        let text = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG Trương Hải Long\tPHỤ LỤC";
        let ls = lines(text);
        let Some((s, _)) = signature(text, &ls, 0, ls.len(), false) else { panic!("no signature") };
        assert_eq!(s.name.map(|n| n.text(text)), Some("Trương Hải Long"));
        assert_eq!(s.titles.len(), 2);

        let text = "GIÁM ĐỐC\n\nNguyễn Thành Hưng";
        let ls = lines(text);
        assert!(signature(text, &ls, 0, ls.len(), false).is_none());
        assert!(signature(text, &ls, 0, ls.len(), true).is_some());
        let Some((s, _)) = signature_before(text, &ls, ls.len(), 0, |_| true) else { panic!("no signature") };
        assert_eq!(s.name.map(|n| n.text(text)), Some("Nguyễn Thành Hưng"));
    }
}
