//! `terminology/abolished-unit` (and any other `terminology/…` id a pack names): terms that
//! are wrong in documents dated on or after an effective date, from `[[forbidden]]` entries.
//!
//! The built-in data (rules/terminology.toml) lists the district level abolished on 1 July
//! 2025: "UBND huyện", "cấp huyện", "thị trấn"… in a 2026 plan assign work to bodies that no
//! longer exist. Precision matters more than recall here, so a match is dropped when it is
//! history rather than an assignment: a word of the entry's context lists around it, a
//! citation of another document, or a date before the effective date in the same sentence.

use std::sync::LazyLock;

use rasoat_doc::{Date, DocKind, Document};
use rasoat_text::Span;
use regex::Regex;

use crate::diagnostic::{Message, Severity};
use crate::packs::{PackError, Packs};
use crate::phrase::{Folded, PhraseMatch, PhraseSet, check_pack_example, fold_phrase};
use crate::rule::{Context, Example, Rule, RuleDocs, Sink};

pub const ID: &str = "terminology/abolished-unit";

struct Entry {
    effective: Option<Date>,
    /// Kinds of document the entry applies to; any when empty.
    kinds: Vec<DocKind>,
    unless_before: Vec<String>,
    unless_after: Vec<String>,
    context: PhraseSet,
    message: Message,
    suggest: Vec<String>,
}

pub struct ForbiddenTerms {
    id: String,
    docs: RuleDocs,
    set: PhraseSet,
    /// Phrase index in `set` → entry index.
    owner: Vec<usize>,
    entries: Vec<Entry>,
}

/// Dates written in a sentence: "03/4/2024", "3-4-2024", "ngày 3 tháng 4 năm 2024", or a
/// bare year ("năm 2024", "giai đoạn 2021 - 2025").
static DATES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})|\b((?:19|20)\d{2})\b",
    )
    .ok()
});

/// A number-and-symbol followed by its date: "số 226-KL/TW ngày 11 tháng 12 năm 2025",
/// "số 534/QĐ-TTg ngày 31/3/2026" (a deadline, "trước ngày 10/5/2026", has no number).
///
/// Meant as `(?i)\bsố\s*\d+\s*[-/][\w/.-]{1,30}\s+ngày…`, but thirty copies of Unicode `\w`
/// cost ~10 ms to compile (half the run time of one document), and a Unicode `\b` makes the
/// regex crate leave its DFA for a slow engine on Vietnamese text (4× slower searches). So
/// the regex has neither: it takes the symbol as `\S+` (group 1), and [`cited_dates`] checks
/// the boundary and the symbol in code, retrying from the next character when a check fails.
/// The matches are exactly those of the meant pattern: the symbol is always the whole run of
/// non-spaces up to `\s+ngày`, and `\b` before "s" only asks that no word character precede.
/// The date after "ngày" is read by [`date_tail`]: its twelve copies of Unicode `\d` were
/// three quarters of the regex's compile time (3.6M of 4.6M instructions).
static CITED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)số\s*\d+\s*[-/](\S+)\s+ngày\s+").ok());

/// Unicode `\d` (decimal digits, as the regex crate defines it).
fn is_regex_digit(c: char) -> bool {
    static DIGIT: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^\d$").ok());
    // Every `\d` is numeric: only non-ASCII numerics need the exact class.
    c.is_ascii_digit()
        || (!c.is_ascii()
            && c.is_numeric()
            && DIGIT.as_ref().is_some_and(|re| re.is_match(c.encode_utf8(&mut [0; 4]))))
}

/// `\d{1,2}` where a non-digit must follow: the whole run of digits, when 1 or 2 long.
fn short_number(s: &str) -> Option<(&str, &str)> {
    let (bytes, n) =
        s.chars().take_while(|&c| is_regex_digit(c)).fold((0, 0), |(b, n), c| (b + c.len_utf8(), n + 1));
    if !(1..=2).contains(&n) {
        return None;
    }
    Some((s.get(..bytes)?, s.get(bytes..)?))
}

/// `\d{4}`: the first four characters, all digits.
fn four_digits(s: &str) -> Option<(&str, &str)> {
    let mut cs = s.chars();
    let mut len = 0;
    for _ in 0..4 {
        len += cs.next().filter(|&c| is_regex_digit(c))?.len_utf8();
    }
    Some((s.get(..len)?, s.get(len..)?))
}

/// `\s+`: `s` after its leading whitespace, when there is some.
fn after_space(s: &str) -> Option<&str> {
    let t = s.trim_start_matches(char::is_whitespace);
    (t.len() < s.len()).then_some(t)
}

/// `s` after `word`, compared as `(?i)` does: the letters of "tháng" and "năm" fold only to
/// their capitals (checked against the regex crate over every character).
fn after_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s.chars();
    for w in word.chars() {
        let c = rest.next()?;
        if c != w && !c.to_lowercase().eq(std::iter::once(w)) {
            return None;
        }
    }
    Some(rest.as_str())
}

/// The date at the start of `s` as `(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})` or else
/// `(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})` match it (`(?i)`, leftmost-first): the
/// bytes taken, and day, month and year as `str::parse` reads them (`None` for non-ASCII
/// digits, which `\d` accepts).
fn date_tail(s: &str) -> Option<(usize, [Option<i32>; 3])> {
    let slashed = || {
        let (d, r) = short_number(s)?;
        let r = r.trim_start_matches(char::is_whitespace).strip_prefix('/')?;
        let (m, r) = short_number(r.trim_start_matches(char::is_whitespace))?;
        let r = r.trim_start_matches(char::is_whitespace).strip_prefix('/')?;
        let (y, r) = four_digits(r.trim_start_matches(char::is_whitespace))?;
        Some((d, m, y, r))
    };
    let spelled = || {
        let (d, r) = short_number(s)?;
        let r = after_space(after_word(after_space(r)?, "tháng")?)?;
        let (m, r) = short_number(r)?;
        let r = after_space(after_word(after_space(r)?, "năm")?)?;
        let (y, r) = four_digits(r)?;
        Some((d, m, y, r))
    };
    let (d, m, y, rest) = slashed().or_else(spelled)?;
    let num = |t: &str| t.parse::<i32>().ok();
    Some((s.len() - rest.len(), [num(d), num(m), num(y)]))
}

/// Unicode `\w`, as the regex crate defines it.
fn is_regex_word(c: char) -> bool {
    // Non-ASCII characters that are not alphabetic (marks, Nd digits, connector punctuation)
    // are rare here: only they consult the regex crate's own `\w`, compiled on demand.
    static WORD: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"^\w$").ok());
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphabetic() || WORD.as_ref().is_some_and(|re| re.is_match(c.encode_utf8(&mut [0; 4])))
    }
}

/// True when `symbol` matches `[\w/.-]{1,30}`.
fn cited_symbol(symbol: &str) -> bool {
    let mut n = 0;
    symbol.chars().all(|c| {
        n += 1;
        n <= 30 && (is_regex_word(c) || matches!(c, '/' | '.' | '-'))
    }) && n >= 1
}

/// The latest date of a document cited in `text` (the citations extractor may not have run).
fn cited_dates(text: &str) -> Option<Date> {
    let re = CITED.as_ref()?;
    let mut latest: Option<Date> = None;
    let mut at = 0;
    while let Some(c) = re.captures_at(text, at) {
        let Some(whole) = c.get(0) else { break };
        let boundary =
            text.get(..whole.start()).and_then(|h| h.chars().next_back()).is_none_or(|p| !is_regex_word(p));
        let tail = text.get(whole.end()..).and_then(date_tail);
        let (true, true, Some((taken, [d, m, y]))) =
            (boundary, c.get(1).is_some_and(|s| cited_symbol(s.as_str())), tail)
        else {
            // Not a match of the meant pattern here; one may still start further on.
            at = whole.start()
                + text.get(whole.start()..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
            continue;
        };
        at = whole.end() + taken;
        let date = (|| {
            let date = Date::new(y?, u8::try_from(m?).ok()?, u8::try_from(d?).ok()?);
            date.is_valid().then_some(date)
        })();
        latest = latest.max(date);
    }
    latest
}

/// Inside quotation marks on its line: a phrase being quoted, not used ("Thay thế cụm từ
/// “UBND cấp huyện” bằng…").
fn quoted(text: &str, span: Span) -> bool {
    let head = text.get(..span.start).unwrap_or("");
    let line = head.rsplit('\n').next().unwrap_or("");
    let open = line.matches('“').count();
    let close = line.matches('”').count();
    open > close || line.matches('"').count() % 2 == 1
}

fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    let date = Date::new(y, m, d);
    (it.next().is_none() && date.is_valid()).then_some(date)
}

/// The earliest the document can be dated: its own date line (a blank day or month counts as
/// the start of the month or year), or else the latest date of a document it cites.
pub fn date_lower_bound(doc: &Document) -> Option<Date> {
    let own = doc.parts.iter().find_map(|p| {
        let pd = p.header.place_date.as_ref()?;
        let year = pd.year.as_ref()?.value;
        let month = pd.month.as_ref().map_or(1, |m| m.value.clamp(1, 12));
        let day = pd.day.as_ref().map_or(1, |d| d.value.max(1));
        Some(Date::new(year, month, day))
    });
    let extracted = doc.facts.citations.iter().filter_map(|c| c.date.as_ref().map(|d| d.value)).max();
    let cited = extracted.max(cited_dates(&doc.text));
    match (own, cited) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The sentence (or table cell, or line) around a span.
fn sentence(text: &str, span: Span) -> Span {
    let head = text.get(..span.start).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | '\n' | '\t')
                || (c == '.' && text.get(i + 1..).is_some_and(|r| r.starts_with(char::is_whitespace)))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tail = text.get(span.end..).unwrap_or("");
    let end = tail
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | '\n' | '\t')
                || (c == '.'
                    && tail.get(i + 1..).is_none_or(|r| r.is_empty() || r.starts_with(char::is_whitespace)))
        })
        .map_or(text.len(), |(i, _)| span.end + i);
    Span::new(start, end)
}

/// A date (or a bare year) before `effective` written in `clause`: the term is history.
fn dated_before(clause: &str, effective: Date) -> bool {
    let Some(re) = DATES.as_ref() else { return false };
    re.captures_iter(clause).any(|c| {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
        if let (Some(d), Some(m), Some(y)) = (num(1).or(num(4)), num(2).or(num(5)), num(3).or(num(6))) {
            let date = Date::new(y, u8::try_from(m).unwrap_or(0), u8::try_from(d).unwrap_or(0));
            return date.is_valid() && date < effective;
        }
        num(7).is_some_and(|y| y < effective.year)
    })
}

impl ForbiddenTerms {
    /// One rule per `terminology/…` id named by `[[forbidden]]` entries; the pack examples of
    /// each entry are run, and a failing one rejects its pack.
    pub fn from_packs(packs: &Packs) -> Result<Vec<ForbiddenTerms>, Box<PackError>> {
        let mut ids: Vec<String> = Vec::new();
        for (_, e) in packs.entries(|p| &p.forbidden) {
            if e.rule.starts_with("terminology/") && !ids.contains(&e.rule) {
                ids.push(e.rule.clone());
            }
        }
        // The built-in id is always registered, so its docs and examples exist even when a
        // user's pack replaces the data.
        if !ids.iter().any(|i| i == ID) {
            ids.insert(0, ID.to_string());
        }
        ids.into_iter().map(|id| Self::build(packs, id)).collect()
    }

    fn build(packs: &Packs, id: String) -> Result<ForbiddenTerms, Box<PackError>> {
        let mut phrases: Vec<String> = Vec::new();
        let mut owner = Vec::new();
        let mut entries = Vec::new();
        let mut examples = Vec::new();
        let mut basis = Vec::new();
        for (pack, e) in packs.entries(|p| &p.forbidden) {
            if e.rule != id {
                continue;
            }
            let effective = match &e.effective {
                Some(s) => Some(parse_iso(s).ok_or_else(|| {
                    Box::new(pack.error_at(
                        None,
                        format!("{id}: ngày hiệu lực không hợp lệ (invalid effective date): {s:?}"),
                        String::new(),
                    ))
                })?),
                None => None,
            };
            let mut kinds = Vec::new();
            for k in &e.doc_kinds {
                kinds.push(DocKind::from_kebab(k).ok_or_else(|| {
                    Box::new(pack.error_at(
                        None,
                        format!("{id}: loại văn bản không rõ (unknown document kind): {k:?}"),
                        String::new(),
                    ))
                })?);
            }
            let context = PhraseSet::new(&e.unless_context)
                .map_err(|err| Box::new(pack.error_at(None, format!("{id}: {err}"), String::new())))?;
            for t in &e.terms {
                phrases.push(t.clone());
                owner.push(entries.len());
            }
            entries.push(Entry {
                effective,
                kinds,
                unless_before: e.unless_before.iter().map(|s| fold_phrase(s)).collect(),
                unless_after: e.unless_after.iter().map(|s| fold_phrase(s)).collect(),
                context,
                message: Message::new(e.message_vi.clone(), e.message_en.clone()),
                suggest: e.suggest.clone(),
            });
            examples.extend(e.examples.iter().map(|x| x.get_ref().clone()));
            if !basis.contains(&e.basis) {
                basis.push(e.basis.clone());
            }
        }
        let set = PhraseSet::new(&phrases).map_err(|err| err.into_pack_error(&id, packs))?;
        let docs = RuleDocs {
            summary: Message::new(
                "Tên đơn vị hành chính, cấp chính quyền không còn tồn tại (cấp huyện, quận, thị xã, thị trấn) trong văn bản ban hành từ ngày 01/7/2025.",
                "Administrative units and levels that no longer exist (district level, huyện, quận, thị xã, thị trấn) in documents dated from 1 July 2025.",
            ),
            why: Message::new(
                "Từ 01/7/2025 chính quyền địa phương tổ chức hai cấp (tỉnh, xã); kế hoạch giao việc cho Ủy ban nhân dân huyện hay \"cấp huyện\" là giao cho cơ quan không còn, nhiệm vụ sẽ không có người thực hiện. Tên cũ trong trích dẫn văn bản, địa danh lịch sử (\"huyện X cũ\") không bị báo.",
                "Since 1 July 2025 local government has two tiers (province, commune); a plan that assigns work to a district People's Committee assigns it to no one. Old names in citations and history (\"former district X\") are not reported.",
            ),
            legal_basis: if basis.is_empty() {
                "Luật Tổ chức chính quyền địa phương số 72/2025/QH15".to_string()
            } else {
                basis.join("; ")
            },
            examples: if examples.is_empty() { vec![fallback_example()] } else { examples },
            source: packs.packs.iter().map(|p| p.data.pack.name.as_str()).collect::<Vec<_>>().join(", "),
        };
        let rule = ForbiddenTerms { id: id.clone(), docs, set, owner, entries };
        let mut index = 0usize;
        for (pack, e) in packs.entries(|p| &p.forbidden) {
            if e.rule != id {
                continue;
            }
            let this = index;
            index += 1;
            for ex in &e.examples {
                check_pack_example(
                    pack,
                    ex,
                    &id,
                    |bad| rule.findings(&rasoat_doc::parse_str(bad)).iter().any(|&(_, i)| i == this),
                    |good| {
                        let doc = rasoat_doc::parse_str(good);
                        rule.findings(&doc).iter().map(|(m, _)| doc.slice(m.span).to_string()).collect()
                    },
                )?;
            }
        }
        Ok(rule)
    }

    /// Every reportable match with its entry index.
    fn findings(&self, doc: &Document) -> Vec<(PhraseMatch, usize)> {
        // The fold of the whole document is shared with the other phrase rules on this thread.
        let folded = Folded::of(doc);
        let matches: Vec<PhraseMatch> = self.set.find_iter(&folded).collect();
        // Most documents name no abolished unit: skip the date bound, a regex over the whole
        // text (26M instructions of 2.5G on 200 plans), when there is nothing to judge.
        if matches.is_empty() {
            return Vec::new();
        }
        let Some(bound) = date_lower_bound(doc) else { return Vec::new() };
        // A consolidated text (văn bản hợp nhất) reproduces the wording of its sources.
        let consolidated = doc.parts.iter().any(|p| {
            p.header.number.as_ref().is_some_and(|n| n.symbol.value.trim_start().starts_with("VBHN"))
        });
        if consolidated {
            return Vec::new();
        }
        let kinds: Vec<DocKind> =
            doc.parts.iter().filter_map(|p| p.header.doc_type.as_ref().map(|t| t.value)).collect();
        let mut out = Vec::new();
        for m in matches {
            let Some(&ei) = self.owner.get(m.pattern) else { continue };
            let Some(entry) = self.entries.get(ei) else { continue };
            if entry.effective.is_some_and(|eff| bound < eff) {
                continue;
            }
            if !entry.kinds.is_empty() && !kinds.iter().any(|k| entry.kinds.contains(k)) {
                continue;
            }
            if quoted(&doc.text, m.span) {
                continue;
            }
            if self.excused(doc, &folded, &m, entry) {
                continue;
            }
            out.push((m, ei));
        }
        out
    }

    fn excused(&self, doc: &Document, folded: &Folded, m: &PhraseMatch, entry: &Entry) -> bool {
        let f = folded.as_str();
        let head = f.get(..m.folded.start).unwrap_or("").trim_end();
        let before = entry.unless_before.iter().any(|w| {
            head.strip_suffix(w.as_str())
                .is_some_and(|rest| rest.chars().next_back().is_none_or(|c| !crate::phrase::is_word_char(c)))
        });
        let after =
            folded.word_after(m.folded.end).is_some_and(|w| entry.unless_after.iter().any(|u| u == w));
        if before || after {
            return true;
        }
        // Inside a citation of another document ("… của UBND huyện X").
        let cites = &doc.facts.citations;
        let i = cites.partition_point(|c| c.span.end <= m.span.start);
        if cites.get(i).is_some_and(|c| c.span.start <= m.span.start && m.span.end <= c.span.end) {
            return true;
        }
        let clause = sentence(&doc.text, m.span);
        let clause_text = doc.slice(clause);
        if entry.context.find_iter(&Folded::new(clause_text)).next().is_some() {
            return true;
        }
        // "(cũ)" right after the name that follows the term: "huyện Thủy Nguyên (cũ)".
        if clause_text.contains("(cũ)") {
            return true;
        }
        entry.effective.is_some_and(|eff| dated_before(clause_text, eff))
    }
}

impl Rule for ForbiddenTerms {
    fn id(&self) -> &str {
        &self.id
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn docs(&self) -> &RuleDocs {
        &self.docs
    }

    fn phrase_sets(&self) -> Vec<&PhraseSet> {
        vec![&self.set]
    }

    fn check(&self, doc: &Document, _ctx: &Context, sink: &mut Sink) {
        for (m, ei) in self.findings(doc) {
            let Some(entry) = self.entries.get(ei) else { continue };
            let d = sink.report(m.span, entry.message.clone());
            for s in &entry.suggest {
                d.suggest(s.clone(), false);
            }
        }
    }
}

/// Docs example used when no pack provides one (keeps `rasoat explain` useful).
pub fn fallback_example() -> Example {
    Example {
        bad: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nVề việc X\n\n1. Giao UBND huyện chủ trì.\n".into(),
        good: "Số: /KH-UBND\n\nHải An, ngày tháng 5 năm 2026\n\nKẾ HOẠCH\n\nVề việc X\n\n1. Giao UBND xã chủ trì.\n".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::run_on_text;
    use crate::packs::{Pack, PackOrigin};

    fn rule() -> ForbiddenTerms {
        let src = include_str!("../../../../../rules/terminology.toml").to_string();
        let pack = match Pack::parse(PackOrigin::Embedded("terminology.toml"), src) {
            Ok(p) => p,
            Err(e) => panic!("pack does not parse: {e}"),
        };
        let mut packs = Packs::default();
        packs.add(pack);
        match ForbiddenTerms::from_packs(&packs) {
            Ok(mut v) if !v.is_empty() => v.remove(0),
            Ok(_) => panic!("no rule built"),
            Err(e) => panic!("pack rejected: {e}"),
        }
    }

    fn found(body: &str, date: &str) -> Vec<String> {
        let text = format!("Số: /KH-UBND\n\nHải An, {date}\n\nKẾ HOẠCH\n\nVề việc X\n\n{body}\n");
        let doc = rasoat_doc::parse_str(&text);
        run_on_text(&rule(), &text).into_iter().map(|d| doc.slice(d.span).to_string()).collect()
    }

    const D2026: &str = "ngày tháng 5 năm 2026";

    #[test]
    fn assignments_to_districts_are_found() {
        assert_eq!(found("1. Giao Ủy ban nhân dân huyện thực hiện.", D2026), vec!["Ủy ban nhân dân huyện"]);
        assert_eq!(found("1. Kết nối đến cấp xã, phường, thị trấn.", D2026), vec!["xã, phường, thị trấn"]);
        assert_eq!(found("1. Họp trực tuyến đến cấp huyện.", D2026), vec!["cấp huyện"]);
    }

    #[test]
    fn before_the_reform_is_fine() {
        assert!(found("1. Giao Ủy ban nhân dân huyện thực hiện.", "ngày 10 tháng 3 năm 2025").is_empty());
    }

    #[test]
    fn history_is_not_reported() {
        assert!(found("1. Tiếp nhận hồ sơ của huyện Thủy Nguyên (cũ).", D2026).is_empty());
        assert!(found("1. Kết thúc hoạt động của cấp huyện.", D2026).is_empty());
        assert!(
            found("1. Theo Quyết định số 12/QĐ-UBND ngày 03/4/2024 của UBND huyện An Lão.", D2026).is_empty()
        );
        assert!(found("1. Phong tước quận công.", D2026).is_empty());
    }

    #[test]
    fn sentence_bounds() {
        let t = "A; b huyện c. D";
        let s = sentence(t, Span::new(5, 12));
        assert_eq!(s.text(t), " b huyện c");
    }

    #[test]
    fn cited_dates_bound_an_undated_draft() {
        let t = "Thực hiện Kết luận số 226-KL/TW ngày 11 tháng 12 năm 2025 và Quyết định số 534/QĐ-TTg ngày 31/3/2026; hoàn thành trước ngày 10/5/2027.";
        assert_eq!(cited_dates(t), Some(Date::new(2026, 3, 31)));
    }

    #[test]
    fn cited_dates_agree_with_the_bounded_pattern() {
        // The pattern before the `\S+` rewrite: both must find the same dates.
        let bounded = Regex::new(
            r"(?i)\bsố\s*\d+\s*[-/][\w/.-]{1,30}\s+ngày\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
        )
        .ok();
        let Some(bounded) = bounded else { panic!("reference pattern") };
        let reference = |text: &str| {
            bounded
                .captures_iter(text)
                .filter_map(|c| {
                    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
                    let (d, m, y) = (num(1).or(num(4))?, num(2).or(num(5))?, num(3).or(num(6))?);
                    let date = Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
                    date.is_valid().then_some(date)
                })
                .max()
        };
        let long = "A".repeat(31);
        let exact = "B".repeat(28);
        for t in [
            "số 12/QĐ-UBND ngày 03/4/2024".to_string(),
            "Số 12/QĐ,UBND ngày 03/4/2024 và số 13/KH ngày 5 tháng 6 năm 2023".to_string(),
            format!("số 1/{long} ngày 1/1/2020; số 2/X ngày 2/2/2019"),
            format!("số 1/{exact}ab ngày 1/1/2020"),
            format!("số 1/{exact}abc ngày 1/1/2020"),
            "số 1/a,số 2/b ngày 3/3/2021".to_string(),
            "số 1/a-số 2/b ngày 3/3/2021".to_string(),
            "SỐ 7 - Ừ_x ngày 3/3/2021".to_string(),
            "số 7/x\u{0301}y ngày 4/4/2022 số 8/x² ngày 5/5/2023".to_string(),
            "số 9/x ngày 31/2/2022, số 10/y ngày 1 tháng 1 năm 2024".to_string(),
            "vụsố 1/a ngày 3/3/2021, _số 2/b ngày 4/4/2022".to_string(),
            "(số 3/c ngày 5/5/2023) ſố 4/d ngày 6/6/2024 ľsố 5/e ngày 7/7/2025".to_string(),
            "x\u{0301}số 6/f ngày 8/8/2020 ²số 7/g ngày 9/9/2021".to_string(),
            "số 1/a ngày 123/4/2020 số 2/b ngày 12 / 04 /  2021".to_string(),
            "số 3/c ngày 1 THÁNG 2 NĂM 2022; số 4/d ngày 1 Tháng\n2 năm 20235".to_string(),
            "số 5/e ngày 1tháng 2 năm 2022 số 6/f ngày 1 tháng 2 năm 202 số 7/g ngày 3/4/٢٠٢١".to_string(),
            "số 8/h ngày ٣/4/2021, số 9/i ngày 1/13/2021 số 10/k ngày 5 /6/ 2024".to_string(),
        ] {
            assert_eq!(cited_dates(&t), reference(&t), "{t}");
        }
    }

    proptest::proptest! {
        /// Random runs of the pattern's pieces: the rewritten scan finds the same latest date
        /// as the bounded regex it replaces.
        #[test]
        fn cited_dates_agree_on_random_text(
            text in "(số |SỐ|ngày |Ngày|tháng|THÁNG|năm|[0-9]{1,3}|20[0-9]{2}|/|-|\\.|,| |\n|vụ|QĐ|x|٣|²|_){0,40}"
        ) {
            // Compiled once: the bounded pattern takes long to build in a debug build.
            static BOUNDED: LazyLock<Option<Regex>> = LazyLock::new(|| {
                Regex::new(
                    r"(?i)\bsố\s*\d+\s*[-/][\w/.-]{1,30}\s+ngày\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
                )
                .ok()
            });
            let Some(bounded) = BOUNDED.as_ref() else {
                return Err(proptest::test_runner::TestCaseError::fail("regex"));
            };
            let want = bounded
                .captures_iter(&text)
                .filter_map(|c| {
                    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
                    let (d, m, y) = (num(1).or(num(4))?, num(2).or(num(5))?, num(3).or(num(6))?);
                    let date = Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
                    date.is_valid().then_some(date)
                })
                .max();
            proptest::prop_assert_eq!(cited_dates(&text), want);
        }
    }

    #[test]
    fn quoted_and_other_kinds() {
        assert!(found("1. Thay thế “UBND cấp huyện” bằng “UBND cấp xã”.", D2026).is_empty());
        // A bare "huyện" is judged in plans only.
        let text = "Số: 12/QĐ-UBND\n\nHải An, ngày 05 tháng 5 năm 2026\n\nQUYẾT ĐỊNH\n\nVề việc X\n\nĐiều 1. Các huyện thực hiện.\n";
        assert!(run_on_text(&rule(), text).is_empty());
        assert_eq!(found("1. Các huyện thực hiện.", D2026), vec!["Các huyện"]);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso("2025-07-01"), Some(Date::new(2025, 7, 1)));
        assert_eq!(parse_iso("2025-13-01"), None);
    }
}
