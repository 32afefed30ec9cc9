//! Per-line facts and small text predicates shared by the structure passes.

use rasoat_text::Span;

use crate::extract::text::vietnamese_lower;
use crate::model::DocKind;

/// One line of the document, with its content trimmed of whitespace and of the Markdown
/// decoration exports leave around headers (`**TM. ỦY BAN NHÂN DÂN`, `*Nơi nhận:*`, `# PHỤ LỤC`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineInfo {
    pub content: Span,
    /// The line trimmed but with its leading and trailing tabs kept: a table row whose first
    /// or last cells are empty.
    pub row: Span,
    /// The row holds a tab: a table row, or header columns flattened onto one line.
    pub tab: bool,
}

impl LineInfo {
    pub fn blank(&self) -> bool {
        self.content.is_empty()
    }
}

fn is_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, '*' | '_' | '#' | '\u{feff}' | '\u{200b}')
}

fn is_trim_keep_tab(c: char) -> bool {
    c != '\t' && is_trim(c)
}

// Generic, not a `fn` pointer: the per-char test inlines into the trims.
fn strip_by(text: &str, span: Span, trim: impl Fn(char) -> bool + Copy) -> Span {
    let s = span.text(text);
    let start_trimmed = s.trim_start_matches(trim);
    let start = span.start + (s.len() - start_trimmed.len());
    let end = start + start_trimmed.trim_end_matches(trim).len();
    Span::new(start, end.max(start))
}

/// `span` without surrounding whitespace and Markdown decoration.
pub(crate) fn strip(text: &str, span: Span) -> Span {
    strip_by(text, span, is_trim)
}

pub(crate) fn line_infos(text: &str, lines: &[Span]) -> Vec<LineInfo> {
    lines
        .iter()
        .map(|&l| {
            let content = strip(text, l);
            // Trimming stops at a tab when it keeps them, so a line's tabs are all in its row,
            // and without one the row is the content: the second trim only runs on tab lines.
            if content.is_empty() || memchr::memchr(b'\t', l.text(text).as_bytes()).is_none() {
                return LineInfo { content, row: content, tab: false };
            }
            LineInfo { content, row: strip_by(text, l, is_trim_keep_tab), tab: true }
        })
        .collect()
}

/// The tab-separated cells of a span, each stripped (empty cells are kept, as empty spans).
pub(crate) fn cells(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let s = span.text(text);
    let mut start = span.start;
    s.split('\t').map(move |piece| {
        let cell = strip(text, Span::new(start, start + piece.len()));
        start += piece.len() + 1;
        cell
    })
}

/// Mostly upper-case letters (at least two letters, no more than a tenth lower case).
/// Stops early on ordinary text: this runs on most lines.
pub(crate) fn is_upper(s: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in s.chars() {
        let (u, l) = case_of(c);
        if u {
            upper += 1;
        } else if l {
            lower += 1;
            if lower > 2 && lower * 10 > upper {
                return false;
            }
        }
    }
    upper >= 2 && lower * 10 <= upper
}

/// `(c.is_uppercase(), c.is_lowercase())`, answered for ASCII and the Vietnamese letters'
/// blocks by their layout (the Unicode tables are a search, and this runs on most lines).
#[inline]
fn case_of(c: char) -> (bool, bool) {
    let u = u32::from(c);
    match u {
        0..0x80 => (c.is_ascii_uppercase(), c.is_ascii_lowercase()),
        // × and ÷ are no letters.
        0xD7 | 0xF7 => (false, false),
        0xC0..=0xDE => (true, false),
        0xDF..=0xFF => (false, true),
        // Ạ ạ … Ỿ ỿ: upper case at even code points.
        0x1EA0..=0x1EFF => (u % 2 == 0, u % 2 == 1),
        // Ă ă, Đ đ, Ĩ ĩ, Ũ ũ, Ơ ơ.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => (true, false),
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => (false, true),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// A line of rules ("--------", "___") drawn under header blocks.
pub(crate) fn is_separator(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '_' | '=' | '*' | '–' | '—' | ' ' | '.'))
}

pub(crate) fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// `word_count(s) > n`, without counting past `n`.
pub(crate) fn more_words_than(s: &str, n: usize) -> bool {
    // `s.split_whitespace().nth(n).is_some()`, counted on bytes: every Unicode space is ASCII
    // or starts with 0xC2, 0xE1, 0xE2 or 0xE3, so other bytes (Vietnamese letters' included)
    // need no decoding.
    let b = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0usize, false, 0usize);
    while let Some(&x) = b.get(i) {
        let (space, len) = match x {
            0..0x80 => (x.is_ascii_whitespace() || x == 0x0B, 1),
            0xC2 => (matches!(b.get(i + 1), Some(0x85 | 0xA0)), 2),
            0xE1 if b.get(i + 1) != Some(&0x9A) => (false, 3),
            0xE1..=0xE3 => {
                let c = s.get(i..).and_then(|r| r.chars().next());
                (c.is_some_and(char::is_whitespace), c.map_or(1, char::len_utf8))
            }
            _ => (false, 1),
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > n {
                return true;
            }
        }
        i += len;
    }
    false
}

/// Ends a sentence or clause: after it, a lower-case line is a new paragraph, not a page break.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '*'));
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Case-insensitive prefix test (Vietnamese letters included) without allocating.
pub(crate) fn starts_with_ci(s: &str, lower_prefix: &str) -> bool {
    // Walks the lower-cased text against the prefix, as `starts_with_ci_plain` does, but
    // lower-cases ASCII and Vietnamese letters without the Unicode tables: most calls fail on
    // the first char, and this runs on every body line.
    let mut prefix = lower_prefix.chars();
    for c in s.chars() {
        let one = if c.is_ascii() { Some(c.to_ascii_lowercase()) } else { vietnamese_lower(c) };
        if let Some(l) = one {
            match prefix.next() {
                None => return true,
                Some(p) if p == l => {}
                Some(_) => return false,
            }
            continue;
        }
        for l in c.to_lowercase() {
            match prefix.next() {
                None => return true,
                Some(p) if p == l => {}
                Some(_) => return false,
            }
        }
    }
    prefix.next().is_none()
}

/// `s.to_lowercase()`, with ASCII and Vietnamese letters lower-cased by their blocks' layout
/// instead of the Unicode tables; any other non-ASCII char (Σ's lower case depends on its
/// place) hands the whole text to `to_lowercase`.
pub(crate) fn to_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(l) = vietnamese_lower(c) {
            out.push(l);
        } else {
            return s.to_lowercase();
        }
    }
    out
}

/// The plain definition [`starts_with_ci`] answers faster (kept for the test that they agree).
#[cfg(test)]
fn starts_with_ci_plain(s: &str, lower_prefix: &str) -> bool {
    let mut chars = s.chars().flat_map(char::to_lowercase);
    lower_prefix.chars().all(|p| chars.next() == Some(p))
}

/// A signer's name: two to six capitalised words, no digits or clause punctuation.
pub(crate) fn is_name(s: &str) -> bool {
    let words = if more_words_than(s, 6) { 7 } else { word_count(s) };
    (2..=6).contains(&words)
        && s.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().skip(1).all(|c| c.is_lowercase() || c == '.')
        })
}

/// A signer's line: a name, maybe after a rank or academic title as written ("Thượng tướng
/// Vũ Hải Sản", "TS. Nguyễn Văn A"), kept whole so a rule can see the title.
pub(crate) fn is_signer(s: &str) -> bool {
    if is_name(s) {
        return true;
    }
    if !s.starts_with(char::is_uppercase) {
        return false;
    }
    let mut rest = s;
    for _ in 0..2 {
        let t = rest.trim_start();
        let Some(sp) = t.find(' ') else { return false };
        rest = t.get(sp..).unwrap_or("");
        if is_name(rest.trim()) && word_count(rest) >= 2 {
            return true;
        }
    }
    false
}

/// The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") or
/// the Party's ("ĐẢNG CỘNG SẢN VIỆT NAM").
pub(crate) fn is_motto(s: &str) -> bool {
    // A byte test first: this runs on every body line, and only c, C, đ and Đ (0xC4 …)
    // lower-case to the prefixes' first letters.
    matches!(s.as_bytes().first(), Some(b'c' | b'C' | 0xC4)) && is_motto_plain(s)
}

/// [`is_motto`] without its first-byte test.
fn is_motto_plain(s: &str) -> bool {
    // Cheap prefix test first.
    if s.len() > 120 || !["cộng h", "độc lập", "đảng cộng sản"].iter().any(|p| starts_with_ci(s, p))
    {
        return false;
    }
    let l = s.to_lowercase();
    l.contains("xã hội chủ nghĩa việt nam")
        || (l.starts_with("độc lập") && l.contains("hạnh phúc"))
        || l.trim() == "đảng cộng sản việt nam"
}

/// Names of documents (attached to a decision, or sent on their own) that are not a
/// [`DocKind`] of their own (Quy định, Quy chế and Đề án are): the other types of Nghị định
/// 30/2020, Phụ lục III, and the permits and certificates forms are issued as.
const ATTACHED: [&str; 20] = [
    "điều lệ",
    "hướng dẫn",
    "công điện",
    "tờ trình",
    "phương án",
    "thông cáo",
    "dự án",
    "biên bản",
    "hợp đồng",
    "bản ghi nhớ",
    "bản thỏa thuận",
    "giấy ủy quyền",
    "giấy mời",
    "giấy giới thiệu",
    "giấy nghỉ phép",
    "phiếu gửi",
    "phiếu chuyển",
    "phiếu báo",
    "giấy phép",
    "giấy chứng nhận",
];

/// An upper-case type line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "QUY CHẾ") and its kind.
pub(crate) fn doc_type(s: &str) -> Option<DocKind> {
    if s.len() > 40 || !is_upper(s) {
        return None;
    }
    type_name(s)
}

/// A line that is nothing but a type name, in any case ("Kế hoạch", "KẾ hoạch"): a type line
/// written wrongly. Only the header zone reads it so (the body says "Kế hoạch" in sentences,
/// never alone on a line, but a part boundary must not hang on it).
pub(crate) fn type_name(s: &str) -> Option<DocKind> {
    if s.len() > 40 {
        return None;
    }
    // Lower-cased once for both lists.
    let lower = to_lower(s.trim());
    if let Some(kind) = DocKind::from_lower_name(&lower) {
        return Some(kind);
    }
    ATTACHED.contains(&lower.as_str()).then_some(DocKind::Other)
}

/// An upper-case line that starts with a type name and goes on with its summary ("QUYẾT ĐỊNH
/// CÔNG BỐ THỦ TỤC …", "LUẬT DỮ LIỆU"): the kind and the length of the type name.
pub(crate) fn type_prefix(s: &str) -> Option<(DocKind, usize)> {
    if !is_upper(s) {
        return None;
    }
    // The end of the first and of the second word.
    let mut ends = s.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i).chain([s.len()]);
    let one = ends.next()?;
    let two = ends.next()?;
    let name = |end: usize| s.get(..end).and_then(type_name).filter(|_| end < s.len());
    if let Some(kind) = name(two) {
        return Some((kind, two));
    }
    name(one).filter(|&k| k == DocKind::Luat).map(|k| (k, one))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte count of words agrees with `split_whitespace` on any text, Unicode spaces
        /// (NEL, NBSP, U+1680, U+2000.., U+3000) and Vietnamese letters included.
        #[test]
        fn more_words_than_matches_split_whitespace(
            s in "[a-z ạỹệ\\t\\n\\x0B\\x0C\\r\\x1C\\u{85}\\u{A0}\\u{1680}\\u{1681}\\u{2000}-\\u{2030}\\u{205F}\\u{3000}\\u{3001}]{0,40}",
            n in 0usize..12,
        ) {
            proptest::prop_assert_eq!(more_words_than(&s, n), s.split_whitespace().nth(n).is_some());
        }

        /// The shortcut prefix test agrees with lower-casing every char through Unicode, for
        /// texts and prefixes of Vietnamese letters in both cases, chars whose lower case is
        /// another block's or two chars (K, İ), and empty ones.
        #[test]
        fn starts_with_ci_matches_unicode_lower_case(
            s in "[a-eA-E đĐăĂơƠưƯạẠệỆỹỸÀàÉéKİıß\u{212A}:]{0,12}",
            p in "[a-e đăơưạệỹàéikß\u{307}:]{0,6}",
        ) {
            proptest::prop_assert_eq!(starts_with_ci(&s, &p), starts_with_ci_plain(&s, &p));
            // A prefix that does match, from the text's own lower case.
            let lower: String = s.chars().flat_map(char::to_lowercase).take(4).collect();
            proptest::prop_assert!(starts_with_ci(&s, &lower));
        }
    }

    proptest::proptest! {
        /// The first-byte test of `is_motto` rejects no motto.
        #[test]
        fn is_motto_byte_test_rejects_no_motto(
            s in "(Cộng hòa|CỘNG HÒA|cộng hoà|Độc lập|ĐỘC LẬP|độc lập|Đảng Cộng sản|ĐẢNG|Ą|ç| |xã hội chủ nghĩa Việt Nam|XÃ HỘI CHỦ NGHĨA VIỆT NAM| - Hạnh phúc| hạnh phúc|Việt Nam|x){0,5}",
        ) {
            proptest::prop_assert_eq!(is_motto(&s), is_motto_plain(&s));
        }
    }

    proptest::proptest! {
        /// `to_lower` is `str::to_lowercase`, Vietnamese letters, Greek sigmas, the Kelvin
        /// sign and İ included.
        #[test]
        fn to_lower_matches_to_lowercase(s in "[a-zA-Z0-9 ÀÁẠẢÃàáạảãĐđƯưƠơĂăỸỹÞßÿ×÷ΣσςΑK\u{212A}İ.]{0,16}") {
            proptest::prop_assert_eq!(to_lower(&s), s.to_lowercase());
        }
    }

    /// The layout shortcuts of `case_of` agree with the Unicode tables on every char they
    /// answer (and the rest ask the tables).
    #[test]
    fn case_of_agrees_with_unicode() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn strips_markdown() {
        let text = "  **TM. ỦY BAN** \t";
        let s = strip(text, Span::new(0, text.len()));
        assert_eq!(s.text(text), "TM. ỦY BAN");
        let text = "****";
        assert!(strip(text, Span::new(0, text.len())).is_empty());
    }

    #[test]
    fn splits_cells() {
        let text = "TT\tNội dung\t\t**Thời hạn**";
        let got: Vec<&str> = cells(text, Span::new(0, text.len())).map(|c| c.text(text)).collect();
        assert_eq!(got, ["TT", "Nội dung", "", "Thời hạn"]);
    }

    #[test]
    fn predicates() {
        assert!(is_upper("ỦY BAN NHÂN DÂN"));
        assert!(!is_upper("Ủy ban nhân dân"));
        assert!(is_name("Nguyễn Văn Mạnh"));
        assert!(!is_name("Nguyễn"));
        assert!(!is_name("Phối hợp với Sở"));
        assert!(is_signer("Thượng tướng Vũ Hải Sản"));
        assert!(is_signer("TS. Nguyễn Văn An"));
        assert!(!is_signer("Phối hợp với Sở"));
        assert!(is_motto("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(is_motto("Độc lập - Tự do - Hạnh phúc"));
        assert!(!is_motto("Độc lập dân tộc"));
        assert!(starts_with_ci("NƠI NHẬN:", "nơi nhận"));
        assert!(!starts_with_ci("Nơi", "nơi nhận"));
        assert!(ends_sentence("kết thúc.”"));
        assert!(!ends_sentence("số lượng hội"));
        assert_eq!(doc_type("KẾ HOẠCH"), Some(DocKind::KeHoach));
        assert_eq!(doc_type("QUY CHẾ"), Some(DocKind::QuyChe));
        assert_eq!(doc_type("QUY ĐỊNH"), Some(DocKind::QuyDinh));
        assert_eq!(doc_type("ĐỀ ÁN"), Some(DocKind::DeAn));
        assert_eq!(doc_type("HƯỚNG DẪN"), Some(DocKind::Other));
        assert_eq!(doc_type("GIẤY CHỨNG NHẬN"), Some(DocKind::Other));
        assert_eq!(doc_type("Kế hoạch"), None);
        assert_eq!(type_name("Kế hoạch"), Some(DocKind::KeHoach));
        assert_eq!(type_name("Hướng dẫn"), Some(DocKind::Other));
        assert_eq!(type_name("Kế hoạch này"), None);
        assert_eq!(type_prefix("QUYẾT ĐỊNH CÔNG BỐ THỦ TỤC"), Some((DocKind::QuyetDinh, "QUYẾT ĐỊNH".len())));
        assert_eq!(type_prefix("LUẬT DỮ LIỆU"), Some((DocKind::Luat, "LUẬT".len())));
        assert_eq!(type_prefix("CÔNG ĐIỆN TẬP TRUNG"), Some((DocKind::Other, "CÔNG ĐIỆN".len())));
        assert_eq!(type_prefix("QUYẾT ĐỊNH"), None);
        assert_eq!(type_prefix("ỦY BAN NHÂN DÂN"), None);
        assert_eq!(type_prefix("Quyết định công bố"), None);
        assert_eq!(type_prefix("LUẬT"), None);
        assert_eq!(doc_type("QUYẾT ĐỊNH:"), None);
    }
}
