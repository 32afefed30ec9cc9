//! The directives of a body, as the duplicate rules compare them.
//!
//! A unit is one list item, point or paragraph, re-joined when a page break split it (a piece
//! ending without punctuation followed by a lower-case continuation). Each unit carries its
//! *scope*: only units of one scope are compared, because the normal repetitions of a plan
//! cross scopes —
//! - the preamble's citation chain ("Căn cứ …", "Thực hiện …") and the title come before the
//!   first heading and are not units at all, nor is the closing "Trên đây là Kế hoạch …";
//! - the goals part (Mục đích, yêu cầu) states the targets the tasks then implement, and the
//!   implementation part (Tổ chức thực hiện) assigns the tasks to units: each is its own zone;
//! - under an actor heading ("1. Phòng Văn hóa - Xã hội", "b) Người đứng đầu các phòng…") and
//!   in every article (Điều) or sub-section of the implementation part, the same words assign
//!   work to someone else, so each such heading opens its own scope;
//! - each document of a file (a Quyết định and the Kế hoạch it issues) is compared only with
//!   itself.
//!
//! The structure comes from the parser's blocks; when a block carries no marker (the parser
//! leaves plain paragraphs) the marker is read from the text, so the rule works on both.

use std::sync::LazyLock;

use rasoat_doc::{Block, BlockKind, DocKind, Document};
use rasoat_text::Span;
use regex::Regex;

/// A directive candidate.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Marker and text, over all pieces.
    pub span: Span,
    /// The text pieces (after the marker).
    pub pieces: Vec<Span>,
    pub scope: u64,
    /// The parent heading or item (its block index + 1; 0 for none).
    pub section: u64,
    /// The unit is in a plan (Kế hoạch, Chương trình), where a directive repeated under another
    /// heading is still a duplicate; in other documents (decrees, procedures) parallel sections
    /// legitimately repeat their provisions, so only siblings are compared.
    pub cross_section: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Zone {
    /// Before the first heading: title, citation chain. Not compared.
    Preamble,
    Goals,
    Tasks,
    Funding,
    Implementation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Roman,
    Article,
    /// With its depth (`1.` → 1, `1.2.` → 2).
    Numbered(u8),
    Point,
    Bullet,
    Plus,
    Plain,
}

static MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<roman>[IVXLC]+\.)\s|(?P<letter>[A-Z]\.)\s|(?P<article>Điều\s+\d+[a-z]?\.?)|(?P<num>\d+(?:\.\d+)*\.?)\s|(?P<point>[a-zđ]\))\s?|(?P<bullet>[-–—•+*])\s?)",
    )
    .ok()
});

/// Whether `text` may start with a marker: a cheap test that every text [`MARKER`] matches
/// passes, so that most paragraphs skip the regex's captures.
fn may_start_with_marker(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    let Some(c) = chars.next() else { return false };
    let next = chars.next();
    let roman = |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C');
    (roman(c) && t.trim_start_matches(roman).starts_with('.'))
        || (c.is_ascii_uppercase() && next == Some('.'))
        || t.starts_with("Điều")
        || c.is_numeric()
        || ((c.is_ascii_lowercase() || c == 'đ') && next == Some(')'))
        || matches!(c, '-' | '–' | '—' | '•' | '+' | '*')
}

/// The level and the byte length of a marker written at the start of `text`.
fn text_marker(text: &str) -> Option<(Level, usize)> {
    if !may_start_with_marker(text) {
        return None;
    }
    let caps = MARKER.as_ref()?.captures(text)?;
    let len = caps.get(0)?.end();
    let level = if caps.name("roman").is_some() {
        Level::Roman
    } else if caps.name("letter").is_some() {
        // "A. MỤC ĐÍCH" is a part heading; "A. Nguyễn" is not a marker.
        let rest = text.get(len..).unwrap_or("");
        if !is_upper(rest) {
            return None;
        }
        Level::Roman
    } else if caps.name("article").is_some() {
        Level::Article
    } else if let Some(num) = caps.name("num") {
        let depth = num.as_str().trim_end_matches('.').split('.').count();
        Level::Numbered(u8::try_from(depth).unwrap_or(u8::MAX))
    } else if caps.name("point").is_some() {
        Level::Point
    } else if caps.name("bullet").is_some_and(|b| b.as_str() == "+") {
        Level::Plus
    } else {
        Level::Bullet
    };
    Some((level, len))
}

/// Whether `text` has a letter and no lower-case one.
fn is_upper(text: &str) -> bool {
    let mut letter = false;
    for c in text.chars() {
        // ASCII without the Unicode tables: most of a heading's letters, spaces and digits are.
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            letter |= c.is_ascii_uppercase();
        } else if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letter = true;
        }
    }
    letter
}

/// The definition of [`is_upper`].
#[cfg(test)]
fn is_upper_plain(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

fn block_level(block: &Block) -> Option<Level> {
    Some(match block.kind {
        BlockKind::Roman => Level::Roman,
        BlockKind::Article => Level::Article,
        BlockKind::Numbered { depth } => Level::Numbered(depth),
        BlockKind::Point => Level::Point,
        BlockKind::Dash => Level::Bullet,
        BlockKind::Plus => Level::Plus,
        BlockKind::Paragraph => return None,
    })
}

/// Nesting depth: a block's parent is the nearest earlier block of a lower rank.
fn rank(level: Level) -> u8 {
    match level {
        Level::Roman => 0,
        Level::Article => 1,
        Level::Numbered(depth) => 1 + depth.clamp(1, 4),
        Level::Point => 6,
        Level::Bullet => 7,
        Level::Plus => 8,
        Level::Plain => 9,
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ';', '!', '?', '…'])
}

fn zone_of(heading: &str) -> Zone {
    let h = heading.to_lowercase();
    if ["mục đích", "yêu cầu", "mục tiêu", "quan điểm"].iter().any(|k| h.contains(k)) {
        Zone::Goals
    } else if ["tổ chức thực hiện", "phân công", "trách nhiệm"].iter().any(|k| h.contains(k)) {
        Zone::Implementation
    } else if h.contains("kinh phí") {
        Zone::Funding
    } else {
        Zone::Tasks
    }
}

/// Words that start a heading naming who does the work.
const ACTOR_LIST: &[&str] = &[
    "đối với",
    "sở ",
    "phòng ",
    "văn phòng",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "các sở",
    "các cơ quan",
    "các phòng",
    "các đơn vị",
    "các ban",
    "trung tâm",
    "công an",
    "ban ",
    "người đứng đầu",
    "thủ trưởng",
    "chủ tịch",
    "hội đồng",
    "đài ",
    "bộ ",
    "cơ quan",
    "đề nghị",
    "trách nhiệm",
    "mặt trận",
    "đảng ủy",
    "đảng uỷ",
];

/// A heading that names who does the work ("Đối với Sở Nội vụ", "2. Phòng Văn hóa - Xã hội").
fn names_actor(heading: &str) -> bool {
    // Only a prefix is compared: lower-case as many characters as the longest actor has (a
    // character lower-cases to one or more, and none of the actors holds a letter whose lower
    // case depends on its neighbours), not the whole heading.
    let h: String = heading.trim_start().chars().take(ACTOR_CHARS).flat_map(char::to_lowercase).collect();
    ACTOR_LIST.iter().any(|a| h.starts_with(a))
}

/// At least the number of characters of the longest of `names_actor`'s actors.
const ACTOR_CHARS: usize = 16;

/// The definition of [`names_actor`]: the whole heading lower-cased.
#[cfg(test)]
fn names_actor_plain(heading: &str) -> bool {
    let h = heading.trim_start().to_lowercase();
    ACTOR_LIST.iter().any(|a| h.starts_with(a))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Mix scope components into one key.
fn scope_key(part: usize, epoch: u32, zone: Zone, actor: usize) -> u64 {
    let z = zone as u64;
    (part as u64) << 48 ^ u64::from(epoch) << 40 ^ z << 32 ^ actor as u64
}

/// Text that is never a directive: a caption in brackets ("(Ban hành kèm theo …)"), a form's
/// address line or blanks to fill in.
fn is_boilerplate(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('(') && t.ends_with([')', '.']) && !t.get(1..).unwrap_or("").contains('('))
        || t.starts_with("Kính gửi")
        || has_blanks(t)
        || is_citation_entry(t)
}

/// Blanks to fill in and a form's signature line.
const BLANKS: [&str; 3] = ["……", ".....", "ghi rõ họ tên"];

/// A SIMD search for [`BLANKS`] (Teddy): it keys on the patterns' first bytes together, where
/// a general prefilter keys on single bytes, and '.' and 'g' are common.
static BLANKS_SEARCHER: LazyLock<Option<aho_corasick::packed::Searcher>> =
    LazyLock::new(|| aho_corasick::packed::Searcher::new(BLANKS));

/// Whether `t` contains one of [`BLANKS`].
fn has_blanks(t: &str) -> bool {
    match BLANKS_SEARCHER.as_ref() {
        Some(searcher) => searcher.find(t).is_some(),
        None => has_blanks_slow(t),
    }
}

/// [`has_blanks`] without SIMD: each pattern is tested where its first byte is.
fn has_blanks_slow(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        matches!(c, 0xE2 | b'.' | b'g')
            && BLANKS.iter().any(|p| b.get(i..i + p.len()).is_some_and(|w| w == p.as_bytes()))
    })
}

/// One citation and nothing more (no second clause after a `;`): a directive may start with
/// the document it implements, an entry of a list of legal bases is only the document.
fn is_citation_entry(t: &str) -> bool {
    // Every text that CITATION_ITEM matches starts with "Căn cứ" or one of its document types:
    // most directives are spared the regex.
    if !CITATION_STARTS.iter().any(|w| t.starts_with(w)) {
        return false;
    }
    let body = t.trim_end_matches(['.', ';', ' ']);
    !body.contains(';') && CITATION_ITEM.as_ref().is_some_and(|re| re.is_match(t))
}

/// The literal words CITATION_ITEM can start with.
const CITATION_STARTS: [&str; 17] = [
    "Căn cứ",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Công văn",
    "Thông báo",
    "Quy định",
    "Hướng dẫn",
    "Văn bản hợp nhất",
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Hiến pháp",
];

/// An entry of a list of legal bases ("- Nghị định số 08/2022/NĐ-CP …", "- Luật Bảo vệ môi
/// trường", "Căn cứ Nghị định số …" in a form): each procedure or form lists its own, so they
/// repeat by design.
static CITATION_ITEM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Căn cứ\s+)?(?:(?:Nghị định|Quyết định|Thông tư(?: liên tịch)?|Nghị quyết|Chỉ thị|Kết luận|Kế hoạch|Công văn|Thông báo|Quy định|Hướng dẫn|Văn bản hợp nhất)\s+(?:số\s+)?\d|(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s+\p{Lu})",
    )
    .ok()
});

/// Whether a header is a plan's: from its type line ("KẾ HOẠCH"), else from its number's symbol
/// ("Số: /KH-UBND"; a symbol without a type code is a công văn's). `None` when it has neither.
fn plan_header(header: &rasoat_doc::Header) -> Option<bool> {
    if let Some(t) = &header.doc_type {
        return Some(matches!(t.value, DocKind::KeHoach | DocKind::ChuongTrinh));
    }
    let symbol = &header.number.as_ref()?.symbol.value;
    let code = symbol.split(['-', '/']).next().unwrap_or("").trim();
    Some(code.eq_ignore_ascii_case("KH") || code == "CTr")
}

/// Whether spans of a text hold a tab, for spans asked about roughly in text order: one search
/// per tab passed, where a search per span cost a call each on texts that have no tab.
pub(crate) struct Tabs<'a> {
    text: &'a str,
    /// `text[from..next]` holds no tab; `next` is the first tab at or after `from`
    /// (`usize::MAX` for none). Empty (`from` > `next`) until the first question.
    from: usize,
    next: usize,
}

impl<'a> Tabs<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, from: usize::MAX, next: 0 }
    }

    /// Whether `text[span]` holds a tab; `false` for a span that does not slice `text`.
    pub(crate) fn within(&mut self, span: Span) -> bool {
        if self.text.get(span.start..span.end).is_none() {
            return false;
        }
        if !(self.from <= span.start && span.start <= self.next) {
            self.from = span.start;
            self.next =
                self.text.get(span.start..).and_then(|t| t.find('\t')).map_or(usize::MAX, |k| span.start + k);
        }
        self.next < span.end
    }
}

/// The directives of every body in the document, in order.
pub(crate) fn units(doc: &Document) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut tabs = Tabs::new(&doc.text);
    for (p, part) in doc.parts.iter().enumerate() {
        // A part that says nothing of its type (an annex) takes the type of the file's first
        // part that does; a file that never does is given the benefit of being a plan.
        let plan = plan_header(&part.header)
            .or_else(|| doc.parts.iter().find_map(|p| plan_header(&p.header)))
            .unwrap_or(true);
        let mut zone = Zone::Preamble;
        let mut epoch = 0u32;
        // The innermost heading that opened a scope: (its rank, an id).
        let mut actor: Option<(u8, usize)> = None;
        // Enclosing marked blocks, outermost first: (rank, block id).
        let mut stack: Vec<(u8, usize)> = Vec::new();
        // The unit that a lower-case continuation would extend.
        let mut open: Option<usize> = None;
        // Table lines seen: outside plans, text on either side of a table is not one list.
        let mut tables = 0u64;
        for (id, block) in doc.blocks.iter().enumerate().take(part.blocks.end).skip(part.blocks.start) {
            let full = doc.slice(block.text);
            // Table rows are the appendix rule's; the parser normally keeps them out of blocks.
            if tabs.within(block.text) {
                open = None;
                tables += 1;
                continue;
            }
            let (level, text_span) = match (block_level(block), block.marker.is_some()) {
                (Some(level), true) => (level, block.text),
                (parsed, _) => match text_marker(full) {
                    Some((level, len)) => (level, Span::new(block.text.start + len, block.text.end)),
                    None => (parsed.unwrap_or(Level::Plain), block.text),
                },
            };
            let text = doc.slice(text_span);
            let trimmed = text.trim_start();
            // A page break split a sentence: the continuation starts in lower case.
            if level == Level::Plain
                && let Some(u) = open.and_then(|u| out.get_mut(u))
                && trimmed.chars().next().is_some_and(char::is_lowercase)
                && !u.pieces.last().is_some_and(|&s| ends_sentence(doc.slice(s)))
            {
                u.pieces.push(text_span);
                u.span = u.span.cover(block.span);
                continue;
            }
            open = None;
            if trimmed.starts_with("Nơi nhận") {
                // The end of one document; a file may go on with the next (a Kế hoạch after the
                // Quyết định that issues it) and its own preamble.
                zone = Zone::Preamble;
                epoch += 1;
                actor = None;
                stack.clear();
                continue;
            }
            if trimmed.starts_with("Trên đây") {
                continue;
            }
            // Words are counted only when they decide (a pass over the text).
            let heading = match level {
                Level::Roman => true,
                Level::Article => !ends_sentence(text),
                Level::Numbered(_) | Level::Point => {
                    (block.heading || !ends_sentence(text) || text.trim_end().ends_with(':'))
                        && word_count(text) < 30
                }
                Level::Bullet | Level::Plus => false,
                Level::Plain => (block.heading && word_count(text) < 15) || is_upper(text),
            };
            let r = rank(level);
            while stack.last().is_some_and(|&(sr, _)| sr >= r) {
                stack.pop();
            }
            let parent = stack.last().map_or(0, |&(_, b)| b as u64 + 1);
            let section = if plan { parent } else { parent ^ tables << 40 };
            if level != Level::Plain {
                stack.push((r, id));
            } else if heading || text.trim_end().ends_with(':') {
                // A plain line that introduces a list ("Căn cứ pháp lý:") is its items' parent;
                // the next point or numbered block closes it.
                stack.push((rank(Level::Point), id));
            }
            if matches!(level, Level::Roman | Level::Article | Level::Numbered(_) | Level::Point) {
                if actor.is_some_and(|(ar, _)| r <= ar) {
                    actor = None;
                }
                match level {
                    Level::Roman => zone = zone_of(text),
                    _ if zone == Zone::Preamble => zone = Zone::Tasks,
                    _ => {}
                }
                let opens_scope = level == Level::Article
                    || (zone == Zone::Implementation && level != Level::Roman)
                    || (heading && names_actor(text));
                if opens_scope && actor.is_none() {
                    actor = Some((r, id + 1));
                }
            }
            if heading || zone == Zone::Preamble || is_boilerplate(text) {
                continue;
            }
            let scope = scope_key(p, epoch, zone, actor.map_or(0, |(_, a)| a));
            out.push(Unit { span: block.span, pieces: vec![text_span], scope, section, cross_section: plan });
            open = Some(out.len() - 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_from_text() {
        assert_eq!(text_marker("II. NHIỆM VỤ").map(|m| m.0), Some(Level::Roman));
        assert_eq!(text_marker("A. MỤC ĐÍCH, YÊU CẦU").map(|m| m.0), Some(Level::Roman));
        assert_eq!(text_marker("A. Nguyễn Văn"), None);
        assert_eq!(text_marker("1.2. Rà soát"), Some((Level::Numbered(2), 5)));
        assert_eq!(text_marker("đ) Kiểm tra").map(|m| m.0), Some(Level::Point));
        assert_eq!(text_marker("- Thực hiện"), Some((Level::Bullet, 2)));
        assert_eq!(text_marker("Điều 3. Chánh").map(|m| m.0), Some(Level::Article));
        assert_eq!(text_marker("Thực hiện"), None);
    }

    /// The prefilter never hides a marker from the regex.
    #[test]
    fn marker_prefilter_passes_every_marker() {
        let Some(re) = MARKER.as_ref() else { panic!("MARKER does not compile") };
        let seeds = [
            include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
            include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt"),
        ];
        let extra = [
            "II. NHIỆM VỤ",
            " \u{a0}IV.x",
            "A. B",
            "Điều 3. Chánh",
            "Điều\t12a",
            "12.3. Rà",
            "٣. x",
            "đ) a",
            "z)b",
            "– gạch",
            "— gạch",
            "• chấm",
            "+ cộng",
            "* sao",
            "C.",
            "LX.",
            "CI",
            "Căn cứ",
            "(1) a",
            "",
        ];
        let mut checked = 0;
        for line in seeds.iter().flat_map(|s| s.lines()).chain(extra) {
            if re.is_match(line) {
                assert!(may_start_with_marker(line), "{line:?}");
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
        assert!(!may_start_with_marker("Thực hiện Kế hoạch"));
        assert!(!may_start_with_marker("Căn cứ Luật"));
    }

    /// The ASCII path of `is_upper` and the prefix of `names_actor` agree with their
    /// definitions, on the seeds' lines and on cases at their edges.
    #[test]
    fn is_upper_and_names_actor_agree_with_definitions() {
        assert!(ACTOR_LIST.iter().all(|a| a.chars().count() <= ACTOR_CHARS));
        let seeds = [
            include_str!("../../../../../corpus/seeds/000_4816794cbecccb5d.txt"),
            include_str!("../../../../../corpus/seeds/003_b4d6116f9b00b388.txt"),
        ];
        let extra = [
            "",
            "123 - 45",
            "KẾ HOẠCH",
            "KẾ HOẠCh",
            "ĐỐI VỚI SỞ NỘI VỤ",
            "  Người Đứng Đầu các phòng",
            "NGƯỜI ĐỨNG ĐẦU",
            "ΣΑΣ",
            "İSTANBUL",
            "Ⓐⓑ",
            "ǅ",
            "ª",
            "Phòng\tVăn hóa",
            "Đảng Ủy xã",
            "Sở",
            "SỞ Y TẾ",
        ];
        let mut uppers = 0;
        for line in seeds.iter().flat_map(|s| s.lines()).chain(extra) {
            assert_eq!(is_upper(line), is_upper_plain(line), "{line:?}");
            assert_eq!(names_actor(line), names_actor_plain(line), "{line:?}");
            uppers += usize::from(is_upper(line));
        }
        assert!(uppers > 3 && names_actor("ĐỐI VỚI SỞ NỘI VỤ") && names_actor("  Người Đứng Đầu các phòng"));
    }

    proptest::proptest! {
        /// `Tabs` answers what searching each span answers, for spans in any order, past the
        /// text's end and inside a character.
        #[test]
        fn tabs_agree_with_searching_each_span(
            text in "[a\\tđ ]{0,40}",
            spans in proptest::collection::vec((0usize..45, 0usize..12), 0..30),
            sorted in proptest::bool::ANY,
        ) {
            let mut spans: Vec<Span> = spans.iter().map(|&(s, l)| Span::new(s, s + l)).collect();
            if sorted {
                spans.sort_by_key(|s| s.start);
            }
            let mut tabs = Tabs::new(&text);
            for span in spans {
                let want = text.get(span.start..span.end).is_some_and(|t| t.contains('\t'));
                proptest::prop_assert_eq!(tabs.within(span), want, "{:?} {:?}", text, span);
            }
        }
    }

    #[test]
    fn blanks_are_found_anywhere() {
        let long = "Người ký tên và đóng dấu của cơ quan, đơn vị theo quy định hiện hành của pháp luật";
        let with = |blank: &str| format!("{long} {blank} {long}");
        for t in [
            "Họ tên ……",
            "Ngày ..... tháng",
            "(ký, ghi rõ họ tên)",
            ".....",
            &with("……"),
            &with("ghi rõ họ tên"),
        ] {
            assert!(has_blanks(t) && has_blanks_slow(t), "{t}");
        }
        for t in ["Họ tên …", "Ngày .... tháng", "ghi rõ họ và tên", "", "g", long, &with("…. .")]
        {
            assert!(!has_blanks(t) && !has_blanks_slow(t), "{t}");
        }
    }

    #[test]
    fn citation_prefilter_keeps_citations() {
        for t in
            ["Căn cứ Nghị định số 08/2022/NĐ-CP", "Luật Bảo vệ môi trường", "Bộ luật Lao động", "Pháp lệnh X"]
        {
            assert!(is_citation_entry(t), "{t}");
        }
        assert!(!is_citation_entry("Thực hiện Nghị định số 08/2022/NĐ-CP"));
        // Every literal start of the regex is in the prefilter's list.
        for w in CITATION_STARTS.iter().skip(1) {
            assert!(
                is_citation_entry(&format!("{w} số 12 Ánh")) || is_citation_entry(&format!("{w} Ánh")),
                "{w}"
            );
            assert!(
                is_citation_entry(&format!("Căn cứ {w} số 12 Ánh"))
                    || is_citation_entry(&format!("Căn cứ {w} Ánh")),
                "{w}"
            );
        }
    }

    #[test]
    fn preamble_headings_and_closing_are_not_units() {
        let doc = rasoat_doc::parse_str(
            "KẾ HOẠCH\n\nThực hiện Kế hoạch số 138/KH-UBND ngày 25/4/2026 của UBND tỉnh.\n\nI. MỤC ĐÍCH\n\n\
             1. Mục đích\n\na) Tổ chức quán triệt sâu sắc nội dung Kết luận.\n\nII. NHIỆM VỤ\n\n\
             - Thực hiện chế độ báo cáo theo quy định của cơ quan\n\nhành chính nhà nước.\n\n\
             Trên đây là Kế hoạch thực hiện Kết luận.\n",
        );
        let us = units(&doc);
        let texts: Vec<String> = us
            .iter()
            .map(|u| {
                u.pieces.iter().flat_map(|&s| doc.slice(s).split_whitespace()).collect::<Vec<_>>().join(" ")
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Tổ chức quán triệt sâu sắc nội dung Kết luận.",
                "Thực hiện chế độ báo cáo theo quy định của cơ quan hành chính nhà nước."
            ]
        );
        // Goals and tasks are different zones.
        assert_ne!(us.first().map(|u| u.scope), us.get(1).map(|u| u.scope));
    }

    #[test]
    fn plans_are_known_by_type_line_or_number_symbol() {
        let plan = |text: &str| {
            let doc = rasoat_doc::parse_str(text);
            doc.parts.first().and_then(|p| plan_header(&p.header))
        };
        assert_eq!(plan("Số: /KH-UBND\n\nKẾ HOẠCH\n\nTriển khai thực hiện\n"), Some(true));
        assert_eq!(plan("Số: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nVề việc ban hành\n"), Some(false));
        // Without a type line the symbol decides; a công văn's carries no type code.
        let header = |symbol: &str| rasoat_doc::Header {
            number: Some(rasoat_doc::DocNumber {
                span: Span::default(),
                number: None,
                symbol: rasoat_doc::Spanned { span: Span::default(), value: symbol.to_owned() },
            }),
            ..rasoat_doc::Header::default()
        };
        assert_eq!(plan_header(&header("KH- SXD")), Some(true));
        assert_eq!(plan_header(&header("SGDĐT-GDTXNNĐH")), Some(false));
        assert_eq!(plan_header(&rasoat_doc::Header::default()), None);
    }

    #[test]
    fn actor_headings_open_scopes() {
        let doc = rasoat_doc::parse_str(
            "II. NHIỆM VỤ\n1. Phòng Văn hóa - Xã hội\n- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\
             2. Văn phòng HĐND và UBND xã\n- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\
             3. Đổi mới chế độ hội họp\n- Xây dựng lịch họp khoa học.\n4. Đổi mới phương thức làm việc\n- Rà soát quy chế.\n",
        );
        let us = units(&doc);
        let scopes: Vec<u64> = us.iter().map(|u| u.scope).collect();
        assert_eq!(scopes.len(), 4);
        assert_ne!(scopes.first(), scopes.get(1));
        // Topic headings do not split the tasks.
        assert_eq!(scopes.get(2), scopes.get(3));
    }
}
