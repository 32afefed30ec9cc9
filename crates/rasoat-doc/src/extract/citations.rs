//! Citations of other documents: `<type> [số] <number/symbol> [ngày <date>] [của <issuer>]`.
//!
//! Recorded faithfully, malformed ones included ("226- KL/TW", "118/NĐ-CP" without its year, a
//! Nghị định with a QĐ- symbol): `number_text` is exactly as written, `key` is canonical (no
//! spaces, upper case) so rules can compare citations and flag what is wrong.
//!
//! A number without a symbol counts only after "số" ("Kế hoạch số 144"); without "số" a
//! symbol is required ("Kết luận 226-KL/TW"), so "Chương trình 135" or "Kế hoạch 2026" are not
//! citations. Types without a [`DocKind`] of their own ("Quy định số 178-QĐ/TW", "Hướng dẫn",
//! "Văn bản") are [`DocKind::Other`].

use crate::model::{Citation, Date, DocKind, Spanned};

use super::numbers::{date, year};
use super::text::{Src, at_word_start, first_phrase, is_word, numeric_bytes, phrase_at, phrase_before};

/// Type names; a name that ends another comes after it.
const KINDS: &[(&str, DocKind)] = &[
    // Before "kết luận": the search reads backwards from the number.
    ("thông báo kết luận", DocKind::ThongBao),
    ("quyết định", DocKind::QuyetDinh),
    ("nghị định", DocKind::NghiDinh),
    ("nghị quyết liên tịch", DocKind::NghiQuyet),
    ("nghị quyết", DocKind::NghiQuyet),
    ("kết luận", DocKind::KetLuan),
    ("chỉ thị", DocKind::ChiThi),
    ("thông tư liên tịch", DocKind::ThongTu),
    ("thông tư", DocKind::ThongTu),
    ("thông báo", DocKind::ThongBao),
    ("công văn", DocKind::CongVan),
    ("báo cáo", DocKind::BaoCao),
    ("luật", DocKind::Luat),
    ("chương trình", DocKind::ChuongTrinh),
    ("kế hoạch", DocKind::KeHoach),
    ("quy định", DocKind::Other),
    ("hướng dẫn", DocKind::Other),
    ("pháp lệnh", DocKind::Other),
    ("công điện", DocKind::Other),
    ("văn bản", DocKind::Other),
    ("đề án", DocKind::Other),
    ("tờ trình", DocKind::Other),
    ("quy chế", DocKind::Other),
];

/// Words that end an issuer in any case: verbs and function words that never begin or continue
/// an agency's name ("của Thủ tướng Chính phủ về …", "… tỉnh Bình Phước Thành lập trạm …").
const ISSUER_STOPS_ANY_CASE: &[&str] = &[
    "về",
    "ban hành",
    "quy định",
    "hướng dẫn",
    "triển khai",
    "thực hiện",
    "thành lập",
    "cho phép",
    "sửa đổi",
    "bổ sung",
    "công bố",
    "bãi bỏ",
    "phê duyệt",
    "kiện toàn",
    "giải thể",
    "xác định",
    "quyết nghị",
    "tiếp tục",
    "điều chỉnh",
    "đề nghị",
    "không",
    "chưa",
    "vẫn",
    "hiện",
    "đủ",
    "còn",
    "sẽ",
    "đã",
    "phải",
    "cần",
    "cũng",
    "đang",
    "tách",
    "nhằm",
    "đối với",
    "căn cứ",
];

/// Words that end an issuer when written in lower case (capitalised they may start a name:
/// "Bộ Giao thông vận tải", "Năm Căn").
const ISSUER_STOPS_LOWER: &[&str] = &[
    "theo", "tại", "để", "giao", "trên", "và", "với", "thì", "trong", "đến", "gửi", "cho", "là", "có",
    "được", "nêu", "kèm", "nay", "này", "ngày", "năm",
];

/// All citations in `src`, in order.
///
/// Every citation has a number (or a draft's blank "số /KH-…"), so the search starts from
/// digits and `/` and looks back for "số" and a type name: far fewer places than words.
pub fn citations(src: &Src, doc_year: Option<i32>) -> Vec<Citation> {
    let mut out = Vec::new();
    citations_into(src, doc_year, &mut out);
    out
}

/// [`citations`], appended to `out`: the document's list grows in place, with no list per
/// piece of text to allocate and copy over.
pub fn citations_into(src: &Src, doc_year: Option<i32>, out: &mut Vec<Citation>) {
    let text = src.text();
    let mut skip_to = 0;
    let b = text.as_bytes();
    // '/' (0x2F) sits just below the digits: one range test finds both.
    let starts = numeric_bytes(src).filter(|&i| match b.get(i) {
        Some(b'0'..=b'9') => at_word_start(text, i),
        Some(b'/') => i == 0 || b.get(i - 1).is_some_and(u8::is_ascii_whitespace),
        _ => false,
    });
    for num in starts {
        if num < skip_to {
            continue;
        }
        let Some((start, kind, kind_len)) = type_before(text, num) else { continue };
        if let Some((c, end)) = citation_at(src, text, start, start + kind_len, kind, doc_year) {
            skip_to = end;
            out.push(c);
        }
    }
}

/// The last chars of the [`KINDS`] names: a number whose preceding word ends otherwise follows
/// no type name. A short list, so most numbers are turned away without a walk over the names
/// (the test `kind_last_chars` keeps it in step with them).
const KIND_LAST: [char; 7] = ['h', 'n', 'o', 't', 'ư', 'ế', 'ị'];

/// The first char of `c`'s lower case: ASCII and Vietnamese letters by their blocks' layout,
/// others by the Unicode tables.
fn lower(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else {
        super::text::vietnamese_lower(c).or_else(|| c.to_lowercase().next())
    }
}

/// The type name before a number at `num`, over an optional "số" and ":":
/// `(start, kind, length of the type name)`.
fn type_before(text: &str, num: usize) -> Option<(usize, DocKind, usize)> {
    let mut before = text.get(..num)?.trim_end();
    // Most numbers follow "ngày", "Điều", "khoản"…: their last char rules them out at once.
    let last_lower = |s: &str| s.chars().next_back().and_then(lower);
    let ends_kind = |s: &str| last_lower(s).is_some_and(|last| KIND_LAST.contains(&last));
    if !ends_kind(before) && !before.ends_with([':', 'ố', 'Ố']) {
        return None;
    }
    if let Some(colon) = before.strip_suffix(':') {
        before = colon.trim_end();
    }
    if let Some(p) = phrase_before(before, "số") {
        before = before.get(..p)?.trim_end();
    }
    let last = last_lower(before)?;
    if !KIND_LAST.contains(&last) {
        return None;
    }
    // A name can only end `before` if it ends in the same two letters (what `phrase_before`
    // checks first, but without its set-up for each of the names): "khoản" and "bản" share
    // theirs, "khoản" and "văn" do not.
    let pen = before.chars().rev().nth(1).and_then(lower);
    let may_end = |name: &str| name.ends_with(last) && name.chars().rev().nth(1) == pen;
    KINDS.iter().filter(|(name, _)| may_end(name)).find_map(|&(name, kind)| {
        let start = phrase_before(before, name)?;
        let len = phrase_at(text.get(start..)?, name)?;
        Some((start, kind, len))
    })
}

/// Parse what follows a type word ending at `after_kind`: the citation and its local end.
fn citation_at(
    src: &Src,
    text: &str,
    start: usize,
    after_kind: usize,
    kind: DocKind,
    doc_year: Option<i32>,
) -> Option<(Citation, usize)> {
    let mut p = after_kind + gap(text.get(after_kind..)?);
    let mut has_so = false;
    if let Some(n) = phrase_at(text.get(p..)?, "số") {
        has_so = true;
        p += n;
        let rest = text.get(p..)?;
        p += gap(rest);
        if text.get(p..)?.starts_with(':') {
            p += 1;
            p += gap(text.get(p..)?);
        }
    } else if p == after_kind {
        return None;
    }
    let (num_end, components) = number_text(text.get(p..)?, has_so)?;
    let num_start = p;
    let num_end = p + num_end;
    let written = text.get(num_start..num_end)?;
    let (number, year_in_number, symbol) = split_number(written);
    // Without "số" the symbol is what makes a citation, and a symbol has letters: "Quyết định
    // 1/2", "quy định 1/4" are a fraction and a date.
    if !has_so && (components == 0 || !symbol.chars().any(char::is_alphabetic)) {
        return None;
    }
    // Sized up front: a filtered, flat-mapped iterator gives no size hint, and the string
    // would grow two or three times.
    let mut key = String::with_capacity(written.len());
    key.extend(written.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase));
    let mut end = num_end;

    // ", ngày 31/3/2026" / " ngày 24 tháng 01 năm 2019"
    let mut date_value = None;
    let mut q = skip_comma(text, end);
    if let Some(n) = phrase_at(text.get(q..)?, "ngày")
        && !starts_new_clause(text, start, after_kind, q, n)
    {
        let ds = q + n + gap(text.get(q + n..)?);
        if let Ok((rest, dm)) = date(text.get(ds..)?) {
            let de = text.len() - rest.len();
            if let Some(y) = dm.year.or(year_in_number).or(doc_year) {
                date_value = Some(Spanned { span: src.span(ds, de), value: Date::new(y, dm.month, dm.day) });
            }
            end = de;
            q = skip_comma(text, end);
        } else {
            // A draft's blank date ("ngày   /  /2026", "ngày tháng 5 năm 2026"): step over it.
            q = skip_blank_date(text, ds);
        }
    }

    // "của <issuer>"
    let mut issuer = None;
    if let Some(n) = phrase_at(text.get(q..)?, "của") {
        let is = q + n + gap(text.get(q + n..)?);
        let ie = issuer_end(text, is);
        if ie > is {
            issuer = Some(Spanned { span: src.span(is, ie), value: text.get(is..ie)?.to_string() });
            end = ie;
        }
    }

    let citation = Citation {
        span: src.span(start, end),
        kind,
        number_text: Spanned { span: src.span(num_start, num_end), value: written.to_string() },
        key,
        number,
        year: year_in_number,
        symbol,
        date: date_value,
        issuer,
    };
    Some((citation, end))
}

/// Bytes of leading whitespace up to a tab. A citation never spans a tab: across one, the type
/// word and the number ("Dự thảo Quyết định\t1/2 ngày"), or the number and a date, are in two
/// table cells.
fn gap(s: &str) -> usize {
    s.len() - s.trim_start_matches(|c: char| c.is_whitespace() && c != '\t').len()
}

/// Offset after optional whitespace, a comma and whitespace (not past a tab).
fn skip_comma(text: &str, at: usize) -> usize {
    let mut q = at + gap(text.get(at..).unwrap_or(""));
    if text.get(q..).is_some_and(|s| s.starts_with(',')) {
        q += 1;
        q += gap(text.get(q..).unwrap_or(""));
    }
    q
}

/// True when the "Ngày" at `q` (`n` bytes) opens a new sentence rather than giving the date of
/// the citation whose type word is `text[start..after_kind]`. A citation's date follows in the
/// citation's own case: "ngày" in running text, "NGÀY" in an all-caps title. A capitalised
/// "Ngày" after an all-caps citation is where the title ended without its full stop ("…NGHỊ
/// QUYẾT SỐ 66-NQ/TW Ngày 28 tháng 11 năm 2025, tại Trụ sở…"); so is a capitalised "Ngày"
/// whose date is followed by a comma, the opening of a Thông báo ("Ngày 26/11/2025, Thủ tướng
/// …"). A capitalised "Ngày" in mixed-case text is otherwise a typo for "ngày" and still
/// attaches ("Nghị định số 308/2025/NĐ-CP Ngày 28 tháng 11 năm 2025 của Chính phủ").
fn starts_new_clause(text: &str, start: usize, after_kind: usize, q: usize, n: usize) -> bool {
    let word = text.get(q..q + n).unwrap_or("");
    let mut letters = word.chars();
    if !letters.next().is_some_and(char::is_uppercase) || !letters.any(char::is_lowercase) {
        return false;
    }
    let kind_caps = text.get(start..after_kind).is_some_and(|k| !k.chars().any(char::is_lowercase));
    if kind_caps {
        return true;
    }
    let ds = q + n + gap(text.get(q + n..).unwrap_or(""));
    match text.get(ds..).map(date) {
        Some(Ok((rest, _))) => rest.trim_start_matches([' ', '\u{a0}']).starts_with(','),
        _ => false,
    }
}

/// Step over a blank date placeholder: digits, `/`, spaces and the words tháng/năm.
fn skip_blank_date(text: &str, mut q: usize) -> usize {
    loop {
        let Some(rest) = text.get(q..) else { return q };
        let Some(c) = rest.chars().next() else { return q };
        if c.is_ascii_digit() || c == '/' || c == ' ' || c == '.' {
            q += 1;
        } else if let Some(n) = phrase_at(rest, "tháng").or_else(|| phrase_at(rest, "năm")) {
            q += n;
        } else {
            return q;
        }
    }
}

/// Length of a number and symbol at the start of `s` ("534/QĐ-TTg", "226- KL/TW",
/// "263 /KH-UBND", "/KH-UBND" after "số" in a draft) and its count of `/`/`-` components.
fn number_text(s: &str, has_so: bool) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut p = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if p == 0 && !(has_so && b.first() == Some(&b'/')) {
        return None;
    }
    let mut components = 0;
    loop {
        let rest = s.get(p..)?;
        let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        let Some(sep) = rest.get(lead..).and_then(|r| r.chars().next()) else { break };
        if sep != '/' && sep != '-' {
            break;
        }
        let after = rest.get(lead + 1..)?;
        let gap = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
        let comp = after.get(gap..)?;
        let comp_len = comp.find(|c: char| !is_word(c)).unwrap_or(comp.len());
        let Some(word) = comp.get(..comp_len) else { break };
        if word.is_empty() {
            break;
        }
        // Across a space, only an all-capitals code continues a symbol ("226- KL/TW"), never a
        // word ("… 80/2015/QH13 - Luật …").
        let spaced = lead + gap > 0;
        if spaced && !word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
            break;
        }
        p += lead + 1 + gap + comp_len;
        components += 1;
    }
    Some((p, components))
}

/// `(number, year, symbol)` from a number as written.
fn split_number(written: &str) -> (Option<String>, Option<i32>, String) {
    let mut compact = String::with_capacity(written.len());
    compact.extend(written.chars().filter(|c| !c.is_whitespace()));
    let digits = compact.bytes().take_while(u8::is_ascii_digit).count();
    let number = (digits > 0).then(|| compact.get(..digits).unwrap_or("").to_string());
    let rest = compact.get(digits..).unwrap_or("");
    let Some(sep) = rest.chars().next() else { return (number, None, String::new()) };
    let rest = rest.get(sep.len_utf8()..).unwrap_or("");
    if sep == '/'
        && let Ok((after, y)) = year(rest)
        && let Some(symbol) = after.strip_prefix('/')
    {
        return (number, Some(y), symbol.to_string());
    }
    (number, None, rest.to_string())
}

/// End of an issuer starting at `is`: before a stop word, punctuation or the line end.
fn issuer_end(text: &str, is: usize) -> usize {
    let Some(s) = text.get(is..) else { return is };
    let mut end = 0;
    // Whether the char before this one is a word char (none before the first).
    let mut after_word = false;
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | ';' | '.' | ':' | '(' | ')' | '\n' | '\t' | '"' | '“' | '”') {
            break;
        }
        let word = is_word(c);
        let word_start = word && !after_word;
        after_word = word;
        if word_start {
            let word = s.get(i..).unwrap_or("");
            if i > 0 && stops_issuer(word) {
                break;
            }
        }
        if !c.is_whitespace() {
            end = i + c.len_utf8();
        }
    }
    is + end
}

fn stops_issuer(word: &str) -> bool {
    let Some(first) = word.chars().next() else { return false };
    // Only phrases starting with the word's letter can match: a byte test before phrase_at.
    let mut buf = [0u8; 4];
    let Some(&lead) =
        first.to_lowercase().next().map(|c| c.encode_utf8(&mut buf).as_bytes()).and_then(|b| b.first())
    else {
        return false;
    };
    // The word's second char in lower case, when the blocks' layout tells it: a phrase whose
    // second char (not a space, which matches any whitespace) differs cannot match.
    let second = word.chars().nth(1).and_then(|c| {
        if c.is_ascii() { Some(c.to_ascii_lowercase()) } else { super::text::vietnamese_lower(c) }
    });
    let may = |p2: Option<char>| match (p2, second) {
        (Some(a), Some(b)) => a == ' ' || a == b,
        _ => true,
    };
    let index = &*STOPS_BY_LEAD;
    let at = |list: &[Vec<(&str, Option<char>)>; 256]| {
        list.get(usize::from(lead))
            .is_some_and(|ps| ps.iter().any(|&(p, p2)| may(p2) && phrase_at(word, p).is_some()))
    };
    if first.is_lowercase() && at(&index.lower) {
        // "và" joins two names ("Bộ Khoa học và Công nghệ") unless a lower-case word or a new
        // citation follows.
        if phrase_at(word, "và").is_some() {
            let rest = word.get("và".len()..).unwrap_or("").trim_start();
            return rest.starts_with(char::is_lowercase) || first_phrase(rest, KINDS).is_some();
        }
        return true;
    }
    // A new citation, or a verb ("… thành phố Triển khai Quyết định …").
    at(&index.any_case)
}

/// The issuer's stop phrases by their first byte: each word is tried against the few that
/// start as it does, not against every list's every phrase (this runs on each issuer word).
/// Each phrase is kept with its second char.
struct StopIndex {
    /// [`ISSUER_STOPS_LOWER`].
    lower: [Vec<(&'static str, Option<char>)>; 256],
    /// The type names of [`KINDS`], then [`ISSUER_STOPS_ANY_CASE`].
    any_case: [Vec<(&'static str, Option<char>)>; 256],
}

static STOPS_BY_LEAD: std::sync::LazyLock<StopIndex> = std::sync::LazyLock::new(|| {
    let by_lead = |phrases: &mut dyn Iterator<Item = &'static str>| {
        let mut out: [Vec<(&'static str, Option<char>)>; 256] = std::array::from_fn(|_| Vec::new());
        for p in phrases {
            if let Some(list) = p.as_bytes().first().and_then(|&b| out.get_mut(usize::from(b))) {
                list.push((p, p.chars().nth(1)));
            }
        }
        out
    };
    StopIndex {
        lower: by_lead(&mut ISSUER_STOPS_LOWER.iter().copied()),
        any_case: by_lead(
            &mut KINDS.iter().map(|&(name, _)| name).chain(ISSUER_STOPS_ANY_CASE.iter().copied()),
        ),
    }
});

/// `stops_issuer` as first written: every list's phrases tried in turn.
#[cfg(test)]
fn stops_issuer_plain(word: &str) -> bool {
    let Some(first) = word.chars().next() else { return false };
    let mut buf = [0u8; 4];
    let Some(&lead) =
        first.to_lowercase().next().map(|c| c.encode_utf8(&mut buf).as_bytes()).and_then(|b| b.first())
    else {
        return false;
    };
    let matches = |p: &&str| p.as_bytes().first() == Some(&lead) && phrase_at(word, p).is_some();
    if first.is_lowercase() && ISSUER_STOPS_LOWER.iter().any(&matches) {
        if phrase_at(word, "và").is_some() {
            let rest = word.get("và".len()..).unwrap_or("").trim_start();
            return rest.starts_with(char::is_lowercase) || first_phrase(rest, KINDS).is_some();
        }
        return true;
    }
    KINDS.iter().map(|(name, _)| name).any(&matches) || ISSUER_STOPS_ANY_CASE.iter().any(&matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `type_before` as it was before its cheap rejects (last chars, then last two).
    fn type_before_plain(text: &str, num: usize) -> Option<(usize, DocKind, usize)> {
        let mut before = text.get(..num)?.trim_end();
        let last_lower = |s: &str| s.chars().next_back().and_then(|c| c.to_lowercase().next());
        let ends_kind =
            |s: &str| last_lower(s).is_some_and(|last| KINDS.iter().any(|(name, _)| name.ends_with(last)));
        if !ends_kind(before) && !before.ends_with([':', 'ố', 'Ố']) {
            return None;
        }
        if let Some(colon) = before.strip_suffix(':') {
            before = colon.trim_end();
        }
        if let Some(p) = phrase_before(before, "số") {
            before = before.get(..p)?.trim_end();
        }
        KINDS.iter().find_map(|&(name, kind)| {
            let start = phrase_before(before, name)?;
            let len = phrase_at(text.get(start..)?, name)?;
            Some((start, kind, len))
        })
    }

    proptest::proptest! {
        #[test]
        fn type_before_matches_its_plain_definition(
            words in proptest::collection::vec(
                "(Quyết định|QUYẾT ĐỊNH|quyết|định|Nghị quyết|nghị định|Kết luận|kết luận|Thông báo|\
                  thông tư|liên tịch|Chỉ thị|CHỈ THỊ|Luật|luật|khoản|bản|văn|Văn bản|Đề án|án|Kế hoạch|\
                  hoạch|Quy chế|chế|Công điện|điện|Tờ trình|trình|Hướng dẫn|dẫn|số|SỐ|:| |\u{a0}|x|İ|n|h)",
                0..6,
            ),
        ) {
            let text = words.concat() + " 12/KH";
            let num = text.len() - "12/KH".len();
            proptest::prop_assert_eq!(type_before(&text, num), type_before_plain(&text, num));
        }
    }

    /// The cheap reject agrees with the names: their last chars, and `lower` with the tables.
    #[test]
    fn kind_last_chars() {
        let mut want: Vec<char> = KINDS.iter().filter_map(|(name, _)| name.chars().next_back()).collect();
        want.sort_unstable();
        want.dedup();
        let mut have = KIND_LAST.to_vec();
        have.sort_unstable();
        assert_eq!(have, want);
        for c in ('\0'..='\u{3000}').chain(['\u{212A}', '\u{1E9E}']) {
            assert_eq!(lower(c), c.to_lowercase().next(), "{c:?}");
        }
    }

    /// `issuer_end` as first written (the previous char decoded again at each char).
    fn issuer_end_plain(text: &str, is: usize) -> usize {
        let Some(s) = text.get(is..) else { return is };
        let mut end = 0;
        for (i, c) in s.char_indices() {
            if matches!(c, ',' | ';' | '.' | ':' | '(' | ')' | '\n' | '\t' | '"' | '“' | '”') {
                break;
            }
            if is_word(c) && s.get(..i).is_none_or(|p| !p.ends_with(is_word)) {
                let word = s.get(i..).unwrap_or("");
                if i > 0 && stops_issuer(word) {
                    break;
                }
            }
            if !c.is_whitespace() {
                end = i + c.len_utf8();
            }
        }
        is + end
    }

    /// Every stop phrase (and its capitalised and upper-case forms, and a word that only
    /// starts like one) stops an issuer through the index exactly when it does through the lists.
    #[test]
    fn stop_index_matches_the_lists() {
        let all = ISSUER_STOPS_LOWER
            .iter()
            .chain(ISSUER_STOPS_ANY_CASE)
            .copied()
            .chain(KINDS.iter().map(|&(name, _)| name));
        for p in all {
            let mut cap = p.chars();
            let cap: String = cap.next().into_iter().flat_map(char::to_uppercase).chain(cap).collect();
            // The second letter changed, and a first letter alone before a no-break space.
            let mut second_changed: String = p.chars().take(1).collect();
            second_changed.push('a');
            second_changed.extend(p.chars().skip(2));
            for w in [
                p.to_string(),
                cap,
                p.to_uppercase(),
                format!("{p}x"),
                format!("{p} Bộ"),
                format!("{p} việc"),
                second_changed,
                p.chars().take(1).chain("\u{a0}x".chars()).collect(),
            ] {
                assert_eq!(stops_issuer(&w), stops_issuer_plain(&w), "{w:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn issuer_end_matches_its_plain_definition(
            words in proptest::collection::vec(
                "(Ủy|ban|nhân|dân|tỉnh|về|và|Quyết|định|theo|x-y|7|\\.|,| |  |\t)", 0..12),
            is in 0usize..6,
        ) {
            let text = words.concat();
            proptest::prop_assert_eq!(issuer_end(&text, is), issuer_end_plain(&text, is));
        }
    }

    fn run(text: &str) -> Vec<Citation> {
        citations(&Src::new(text, 0), Some(2026))
    }

    fn one(text: &str) -> Citation {
        let v = run(text);
        let [c] = v.as_slice() else { panic!("expected one citation in {text:?}: {v:#?}") };
        c.clone()
    }

    #[test]
    fn full_citation() {
        let text = "Triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ về ban hành Kế hoạch";
        let c = one(text);
        assert_eq!(c.kind, DocKind::QuyetDinh);
        assert_eq!(c.number_text.value, "534/QĐ-TTg");
        assert_eq!(c.number_text.span.text(text), "534/QĐ-TTg");
        assert_eq!(c.key, "534/QĐ-TTG");
        assert_eq!((c.number.as_deref(), c.year, c.symbol.as_str()), (Some("534"), None, "QĐ-TTg"));
        let Some(date) = &c.date else { panic!("no date") };
        assert_eq!((date.value, date.span.text(text)), (Date::new(2026, 3, 31), "31/3/2026"));
        assert_eq!(c.issuer.as_ref().map(|i| i.value.as_str()), Some("Thủ tướng Chính phủ"));
        assert_eq!(c.span.text(text), "Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ");
    }

    #[test]
    fn both_date_spellings_give_the_same_date() {
        let a = one("Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định chế độ báo cáo");
        let b = one("Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ quy định");
        assert_eq!(a.date.map(|d| d.value), Some(Date::new(2019, 1, 24)));
        assert_eq!(b.date.map(|d| d.value), Some(Date::new(2019, 1, 24)));
        assert_eq!((a.year, a.symbol.as_str(), a.number.as_deref()), (Some(2019), "NĐ-CP", Some("09")));
        assert_eq!(b.issuer.map(|i| i.value), Some("Chính phủ".to_string()));
    }

    #[test]
    fn party_and_plan_citations() {
        let c = one("Kết luận số 226-KL/TW ngày 11/12/2025 của Ban Bí thư về chấn chỉnh");
        assert_eq!((c.key.as_str(), c.symbol.as_str(), c.kind), ("226-KL/TW", "KL/TW", DocKind::KetLuan));
        assert_eq!(c.issuer.map(|i| i.value), Some("Ban Bí thư".to_string()));
        let c =
            one("Thực hiện Kế hoạch số 144/KH-UBND ngày 21/4/2026 của Ủy ban nhân dân thành phố Triển khai");
        assert_eq!(c.issuer.map(|i| i.value), Some("Ủy ban nhân dân thành phố".to_string()));
        let c = one("Nghị quyết số 76/NQ-CP về Chương trình tổng thể");
        assert_eq!((c.key.as_str(), c.issuer), ("76/NQ-CP", None));
        let c = one("theo Thông tư 01/2011/TT-BNV của Bộ Nội vụ");
        assert_eq!((c.kind, c.year, c.symbol.as_str()), (DocKind::ThongTu, Some(2011), "TT-BNV"));
        let c = one("Thông báo kết luận số 12-TB/TU ngày 5/1/2026");
        assert_eq!((c.kind, c.symbol.as_str()), (DocKind::ThongBao, "TB/TU"));
        let c = one("Quy định số 178-QĐ/TW ngày 27/6/2024 của Bộ Chính trị;");
        assert_eq!((c.kind, c.key.as_str()), (DocKind::Other, "178-QĐ/TW"));
        let c = one("Nghị quyết số 110/2023/QH15 ngày 29/11/2023 của Quốc hội");
        assert_eq!((c.year, c.symbol.as_str()), (Some(2023), "QH15"));
    }

    #[test]
    fn malformed_citations_are_recorded_faithfully() {
        let c = one("quán triệt nội dung Kết luận số 226- KL/TW và Kế hoạch của Thủ tướng");
        assert_eq!((c.number_text.value.as_str(), c.key.as_str()), ("226- KL/TW", "226-KL/TW"));
        let c = one("Tiếp tục thực hiện Nghị định số 118/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện");
        assert_eq!((c.year, c.symbol.as_str(), c.kind), (None, "NĐ-CP", DocKind::NghiDinh));
        let c = one("Nghị định số 15/2020/QĐ-CP");
        assert_eq!((c.kind, c.symbol.as_str()), (DocKind::NghiDinh, "QĐ-CP"));
        let c = one("Kế hoạch số 263 /KH-UBND ngày 08 tháng 5 năm 2026");
        assert_eq!((c.number_text.value.as_str(), c.key.as_str()), ("263 /KH-UBND", "263/KH-UBND"));
        let c = one("Kèm theo Kế hoạch số /KH-SXD ngày / /2026 của Sở Xây dựng)");
        assert_eq!((c.number, c.symbol.as_str(), c.date), (None, "KH-SXD", None));
        assert_eq!(c.issuer.map(|i| i.value), Some("Sở Xây dựng".to_string()));
    }

    #[test]
    fn number_only_needs_so() {
        let c = one("Kế hoạch số 144 của Ủy ban nhân dân thành phố đến toàn bộ đảng viên");
        assert_eq!((c.number.as_deref(), c.symbol.as_str()), (Some("144"), ""));
        assert_eq!(c.issuer.map(|i| i.value), Some("Ủy ban nhân dân thành phố".to_string()));
        assert!(run("Chương trình 135 và Kế hoạch năm 2026; văn bản số hóa; báo cáo số liệu").is_empty());
        assert!(run("Luật số 80/2015/QH13 - Luật ban hành văn bản").len() == 1);
    }

    #[test]
    fn a_new_sentence_ngay_is_not_the_date() {
        // A caps title that ran into the first sentence (corpus/dev 659-TB-VPCP, line 13).
        let text = "THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW Ngày 28 tháng 11 năm 2025, tại Trụ sở Chính phủ";
        let c = one(text);
        assert_eq!((c.key.as_str(), c.date), ("66-NQ/TW", None));
        assert_eq!(c.span.text(text), "NGHỊ QUYẾT SỐ 66-NQ/TW");
        // In a caps title the date is in caps too.
        let c = one("NGHỊ QUYẾT SỐ 66-NQ/TW NGÀY 30/4/2025 CỦA BỘ CHÍNH TRỊ VỀ");
        assert_eq!(c.date.map(|d| d.value), Some(Date::new(2025, 4, 30)));
        // A Thông báo's opening "Ngày …, <subject> …" after a title without its full stop.
        let c = one("Kết luận số 12-KL/TU Ngày 26/11/2025, Thủ tướng Chính phủ đã ký");
        assert_eq!((c.date, c.issuer), (None, None));
        // A capitalised "Ngày" inside a citation is a typo and still gives its date.
        let c = one("(Kèm theo Nghị định số 308/2025/NĐ-CP Ngày 28 tháng 11 năm 2025 của Chính phủ)");
        assert_eq!(c.date.map(|d| d.value), Some(Date::new(2025, 11, 28)));
        assert_eq!(c.issuer.map(|i| i.value), Some("Chính phủ".to_string()));
        // After a full stop nothing attaches.
        let c = one("theo Quyết định số 12/QĐ-UBND. Ngày 5/1/2026, Ủy ban nhân dân");
        assert_eq!(c.date, None);
    }

    #[test]
    fn citations_do_not_span_tabs() {
        // corpus/dev 2929-QD-UBND line 224: a task cell, then a duration cell.
        assert!(run("Dự thảo Quyết định\t1/2 ngày").is_empty());
        assert!(run("theo quy định\t1/4").is_empty());
        assert!(run("Quyết định số\t12/QĐ-UBND").is_empty());
        // The date and issuer stop at a cell edge too.
        let c = one("Kế hoạch số 144/KH-UBND\tngày 21/4/2026");
        assert_eq!((c.key.as_str(), c.date), ("144/KH-UBND", None));
        let c = one("Kế hoạch số 144/KH-UBND của\tSở Xây dựng");
        assert_eq!(c.issuer, None);
        // In a cell of its own a citation is whole.
        let c = one("Quyết định\tQuyết định số 534/QĐ-TTg ngày 31/3/2026");
        assert_eq!(c.date.map(|d| d.value), Some(Date::new(2026, 3, 31)));
    }

    #[test]
    fn a_number_only_symbol_is_no_symbol() {
        assert!(run("Quyết định 1/2 và quy định 1/4 và Nghị quyết 66/2025").is_empty());
        // With "số" a bare number still cites, as before.
        let c = one("Công văn số 107/2025 ngày 05/11/2025 của Công ty");
        assert_eq!(c.key, "107/2025");
        let c = one("Luật 80/2015/QH13");
        assert_eq!(c.symbol, "QH13");
    }

    #[test]
    fn issuers_stop_at_verbs() {
        let c = one("Quyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh Bình Phước Thành lập trạm y tế xã");
        assert_eq!(c.issuer.map(|i| i.value), Some("Ủy ban nhân dân tỉnh Bình Phước".to_string()));
        let c = one("Nghị định số 1/2020/NĐ-CP của Chính phủ xác định các dân tộc");
        assert_eq!(c.issuer.map(|i| i.value), Some("Chính phủ".to_string()));
        let c = one("Thông tư số 2/2021/TT-BGTVT của Bộ Giao thông vận tải.");
        assert_eq!(c.issuer.map(|i| i.value), Some("Bộ Giao thông vận tải".to_string()));
    }

    #[test]
    fn issuers_with_and() {
        let c = one("Quyết định số 12/QĐ-BKHCN của Bộ Khoa học và Công nghệ về việc");
        assert_eq!(c.issuer.map(|i| i.value), Some("Bộ Khoa học và Công nghệ".to_string()));
        let v = run("Chỉ thị số 05/CT-UBND ngày 13/3/2026 của UBND tỉnh và Quyết định số 534/QĐ-TTg");
        assert_eq!(v.len(), 2);
        assert_eq!(v.first().and_then(|c| c.issuer.clone()).map(|i| i.value), Some("UBND tỉnh".to_string()));
    }
}
