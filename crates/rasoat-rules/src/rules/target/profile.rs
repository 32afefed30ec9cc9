//! Target profiles compiled from the `[[profile]]` pack entries, and the matching of a
//! document's extracted targets and durations to a profile's indicators.
//!
//! Matching works on facts, not on raw text: each [`Target`] carries its clause; the subject
//! phrases of every indicator are found once per document (one automaton, one pass), and a
//! target is assigned to the indicator whose subject is nearest to it inside its own stretch
//! of the clause (two targets in one clause split it, so "giảm 10% số lượng hội nghị và tỷ
//! lệ họp trực tuyến đạt tối thiểu 60%" gives each number its own subject).

use rasoat_doc::{Comparator, DocKind, Document, Duration, Target, Unit};
use rasoat_text::Span;

use crate::diagnostic::Severity;
use crate::packs::{IndicatorEntry, Pack, PackError, ProfileEntry};
use crate::phrase::{Folded, PhraseMatch, PhraseSet};

/// What an indicator requires of its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// At least the value (≥).
    AtLeast,
    /// At most the value (≤), e.g. a meeting length.
    AtMost,
    /// A reduction by at least the value.
    Decrease,
    /// Exactly the value (a bare "100%").
    Exactly,
}

impl Requirement {
    fn parse(s: &str) -> Option<Requirement> {
        Some(match s {
            "at-least" => Requirement::AtLeast,
            "at-most" => Requirement::AtMost,
            "decrease" => Requirement::Decrease,
            "exactly" => Requirement::Exactly,
            _ => return None,
        })
    }
}

/// The unit an indicator counts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReqUnit {
    Percent,
    /// Days: the indicator limits a duration (`Facts::durations`), not a target.
    Day,
    Count(String),
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    /// Phrases (each a list of words that must all appear), as indices into the profile's
    /// phrase set.
    subject: Vec<Vec<usize>>,
    /// Subject phrases of the complementary share (in-person for online).
    complement: Vec<Vec<usize>>,
    exclude: Vec<usize>,
    pub requirement: Requirement,
    pub value: f64,
    pub unit: ReqUnit,
    pub basis: String,
    /// Severity for findings about this indicator, when the pack sets one (a requirement
    /// resting on a single source is a warning).
    pub severity: Option<Severity>,
    /// Checked when stated, never reported missing.
    pub optional: bool,
}

impl Indicator {
    /// The required value in words ("không ít hơn 60%", "giảm ít nhất 10%").
    pub fn required_vi(&self) -> String {
        let v = format_value(self.value, &self.unit);
        match self.requirement {
            Requirement::AtLeast => format!("không ít hơn {v}"),
            Requirement::AtMost => format!("không quá {v}"),
            Requirement::Decrease => format!("giảm ít nhất {v}"),
            Requirement::Exactly => v,
        }
    }

    pub fn required_en(&self) -> String {
        let v = format_value_en(self.value, &self.unit);
        match self.requirement {
            Requirement::AtLeast => format!("at least {v}"),
            Requirement::AtMost => format!("at most {v}"),
            Requirement::Decrease => format!("a cut of at least {v}"),
            Requirement::Exactly => v,
        }
    }

    pub fn is_duration(&self) -> bool {
        self.unit == ReqUnit::Day
    }
}

/// "1,5 ngày", "60%", "2 hội nghị" — Vietnamese decimal comma.
pub fn format_value(value: f64, unit: &ReqUnit) -> String {
    let n = format_number(value).replace('.', ",");
    match unit {
        ReqUnit::Percent => format!("{n}%"),
        ReqUnit::Day if (value - 0.5).abs() < 1e-9 => "1/2 ngày".to_owned(),
        ReqUnit::Day => format!("{n} ngày"),
        ReqUnit::Count(noun) => format!("{n} {noun}"),
    }
}

fn format_value_en(value: f64, unit: &ReqUnit) -> String {
    let n = format_number(value);
    match unit {
        ReqUnit::Percent => format!("{n}%"),
        ReqUnit::Day if (value - 1.0).abs() < 1e-9 => "1 day".to_owned(),
        ReqUnit::Day => format!("{n} days"),
        ReqUnit::Count(noun) => format!("{n} {noun}"),
    }
}

pub fn format_number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value}")
    }
}

/// A compiled `[[profile]]`.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: String,
    pub title: String,
    /// Canonical keys of the documents whose citation makes the profile apply.
    pub cites: Vec<String>,
    pub kinds: Vec<DocKind>,
    pub basis: String,
    pub indicators: Vec<Indicator>,
    /// Every subject/exclude word of every indicator, searched in one pass.
    phrases: PhraseSet,
}

/// A document's number key as the registry and profiles compare it: no whitespace, upper case.
pub fn canonical_key(s: &str) -> String {
    // Called for every citation by several rules: one allocation, and ASCII (most of a
    // document number) without the Unicode case tables.
    let mut key = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii() {
            key.push(c.to_ascii_uppercase());
        } else {
            key.extend(c.to_uppercase());
        }
    }
    key
}

/// The kebab-case name of a kind in packs ("ke-hoach").
pub fn kind_from_kebab(s: &str) -> Option<DocKind> {
    DocKind::from_kebab(s)
}

impl Profile {
    /// Compile a pack entry; errors point into the pack.
    pub fn compile(pack: &Pack, entry: &ProfileEntry) -> Result<Profile, Box<PackError>> {
        let err = |msg: String| Box::new(pack.error_at(None, msg, "hồ sơ chỉ tiêu (profile)".to_owned()));
        let mut kinds = Vec::new();
        for k in &entry.kinds {
            kinds.push(
                kind_from_kebab(k).ok_or_else(|| err(format!("profile {}: unknown kind {k:?}", entry.id)))?,
            );
        }
        let mut words: Vec<String> = Vec::new();
        let mut intern = |w: &str| -> usize {
            if let Some(i) = words.iter().position(|x| x == w) {
                return i;
            }
            words.push(w.to_owned());
            words.len() - 1
        };
        let mut indicators = Vec::new();
        for ind in &entry.indicators {
            indicators.push(
                compile_indicator(ind, &mut intern).map_err(|m| err(format!("profile {}: {m}", entry.id)))?,
            );
        }
        let phrases = PhraseSet::new(&words).map_err(|e| err(e.to_string()))?;
        Ok(Profile {
            id: entry.id.clone(),
            title: entry.title.clone(),
            cites: entry.applies_when_cites.iter().map(|c| canonical_key(c)).collect(),
            kinds,
            basis: entry.basis.clone(),
            indicators,
            phrases,
        })
    }

    /// Whether the profile applies: the document's own kind is one of `kinds` (any part), and
    /// it says it implements one of the cited documents — the citation stands in its title,
    /// summary or preamble (before the first numbered part of the body), not merely somewhere.
    pub fn applies(&self, doc: &Document) -> bool {
        if !self.kinds.is_empty() && !self.kinds.iter().any(|&k| is_of_kind(doc, k)) {
            return false;
        }
        let preamble_end = preamble_end(doc);
        doc.facts.citations.iter().any(|c| {
            c.span.start < preamble_end
                && (self.cites.contains(&c.key) || self.cites.contains(&canonical_key(&c.number_text.value)))
        })
    }

    /// Assign each target of the document to at most one non-duration indicator. A target
    /// stated as the complementary share ("trực tiếp không quá 40%") comes back converted
    /// (≥ 60%), with its own span.
    pub fn match_targets(&self, doc: &Document, found: &[PhraseMatch]) -> Vec<(usize, Target)> {
        let targets = &doc.facts.targets;
        let mut out = Vec::new();
        for (i, t) in targets.iter().enumerate() {
            let window = narrow_window(
                t.clause,
                t.span,
                i.checked_sub(1).and_then(|p| targets.get(p)),
                targets.get(i + 1),
            );
            let decrease =
                t.comparator == Some(Comparator::Decrease) || says_decrease(doc, window.start, t.span.end);
            let mut best = self.best_indicator(t, decrease, found, window);
            if best.is_none() {
                // "Tỷ lệ hội nghị trực tuyến: tối thiểu 60%": the subject may stand in the clause
                // before, up to the previous number.
                let prev_end = i.checked_sub(1).and_then(|p| targets.get(p)).map_or(0, |p| p.span.end);
                let start = previous_clause_start(doc, window.start).max(prev_end);
                if start < window.start {
                    // The words there may say it is a cut ("Cắt giảm số lượng hội nghị\t10%").
                    let decrease = decrease || says_decrease(doc, start, t.span.end);
                    best = self.best_indicator(t, decrease, found, Span::new(start, window.end));
                }
            }
            if let Some((_, k, complement)) = best {
                out.push((k, if complement { complement_of(t) } else { t.clone() }));
            }
        }
        out
    }

    /// The indicator whose subject (or complement) is nearest to `t` inside `window`:
    /// (distance, indicator, stated as the complement).
    fn best_indicator(
        &self,
        t: &Target,
        decrease: bool,
        found: &[PhraseMatch],
        window: Span,
    ) -> Option<(usize, usize, bool)> {
        let mut best: Option<(usize, usize, bool)> = None;
        for (k, ind) in self.indicators.iter().enumerate() {
            if ind.is_duration()
                || !unit_fits(t.unit.as_ref(), &ind.unit)
                || (ind.requirement == Requirement::Decrease) != decrease
            {
                continue;
            }
            let direct = self.distance(ind, &ind.subject, found, window, t.span).map(|d| (d, k, false));
            let complement = self.distance(ind, &ind.complement, found, window, t.span).map(|d| (d, k, true));
            for cand in [direct, complement].into_iter().flatten() {
                if best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                    best = Some(cand);
                }
            }
        }
        best
    }

    /// Assign each duration to at most one duration indicator (by the subject in its clause).
    pub fn match_durations<'d>(
        &self,
        doc: &'d Document,
        found: &[PhraseMatch],
    ) -> Vec<(usize, &'d Duration)> {
        let durations = &doc.facts.durations;
        let mut out = Vec::new();
        for (i, d) in durations.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| durations.get(p)).map(|p| p.span);
            let next = durations.get(i + 1).map(|n| n.span);
            let window = narrow(d.clause, d.span, prev, next);
            let best_in = |w: Span| {
                self.indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, ind)| ind.is_duration())
                    .filter_map(|(k, ind)| {
                        self.distance(ind, &ind.subject, found, w, d.span).map(|dist| (dist, k))
                    })
                    .min_by_key(|&(dist, k)| (dist, k))
            };
            let mut best = best_in(window);
            if best.is_none() {
                // "Hội nghị quán triệt: không quá 1/2 ngày".
                let start = previous_clause_start(doc, window.start).max(prev.map_or(0, |p| p.end));
                if start < window.start {
                    best = best_in(Span::new(start, window.end));
                }
            }
            if let Some((_, k)) = best {
                out.push((k, d));
            }
        }
        out
    }

    /// The subject phrases (joined into the registry's [`crate::phrase::PhraseHub`]).
    pub fn phrase_set(&self) -> &PhraseSet {
        &self.phrases
    }

    /// Occurrences of every subject word in the document, in order.
    pub fn find_subjects(&self, folded: &Folded) -> Vec<PhraseMatch> {
        self.phrases.find_all(folded)
    }

    /// How far the nearest complete phrase of `phrases` is from `at` inside `window`; `None`
    /// when no phrase has all its words there, or an exclusion phrase of `ind` is there.
    fn distance(
        &self,
        ind: &Indicator,
        phrases: &[Vec<usize>],
        found: &[PhraseMatch],
        window: Span,
        at: Span,
    ) -> Option<usize> {
        if phrases.is_empty() {
            return None;
        }
        let lo = found.partition_point(|m| m.span.start < window.start);
        let inside: Vec<&PhraseMatch> = found
            .get(lo..)?
            .iter()
            .take_while(|m| m.span.start < window.end)
            .filter(|m| m.span.end <= window.end)
            .collect();
        if ind.exclude.iter().any(|&w| inside.iter().any(|m| m.pattern == w)) {
            return None;
        }
        // Bytes between an occurrence and the number (0 when they overlap).
        let gap = |s: Span| at.start.saturating_sub(s.end).max(s.start.saturating_sub(at.end));
        phrases
            .iter()
            .filter_map(|phrase| {
                phrase
                    .iter()
                    .map(|&w| inside.iter().filter(|m| m.pattern == w).map(|m| gap(m.span)).min())
                    .try_fold(0usize, |acc, d| d.map(|d| acc.max(d)))
            })
            .min()
    }
}

/// Whether a part of the document is of `kind`. When the header parser found no type line at
/// all (a draft with "DỰ THẢO" above it, say), a line near the top that is the type name alone
/// ("KẾ HOẠCH", "**KẾ HOẠCH**") counts.
pub fn is_of_kind(doc: &Document, kind: DocKind) -> bool {
    let typed: Vec<DocKind> =
        doc.parts.iter().filter_map(|p| p.header.doc_type.as_ref().map(|t| t.value)).collect();
    if !typed.is_empty() {
        return typed.contains(&kind);
    }
    doc.lines
        .iter()
        .map(|l| doc.slice(*l).trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_'))
        .filter(|l| !l.is_empty())
        .take(30)
        .any(|l| l.chars().all(|c| !c.is_lowercase()) && DocKind::from_name(l) == Some(kind))
}

fn compile_indicator(
    ind: &IndicatorEntry,
    intern: &mut impl FnMut(&str) -> usize,
) -> Result<Indicator, String> {
    let requirement = Requirement::parse(&ind.comparator)
        .ok_or_else(|| format!("indicator {}: unknown comparator {:?}", ind.id, ind.comparator))?;
    let unit = match ind.unit.trim() {
        "%" => ReqUnit::Percent,
        "ngày" => ReqUnit::Day,
        "" => return Err(format!("indicator {}: empty unit", ind.id)),
        other => ReqUnit::Count(other.to_lowercase()),
    };
    if ind.subject.is_empty() || ind.subject.iter().chain(&ind.complement).any(|p| p.is_empty()) {
        return Err(format!("indicator {}: every subject phrase needs at least one word", ind.id));
    }
    if !ind.complement.is_empty() && (unit != ReqUnit::Percent || requirement == Requirement::Decrease) {
        return Err(format!("indicator {}: a complement needs a percentage that is not a cut", ind.id));
    }
    let severity = match ind.severity.as_deref() {
        None => None,
        Some(s) => {
            Some(Severity::parse(s).ok_or_else(|| format!("indicator {}: unknown severity {s:?}", ind.id))?)
        }
    };
    Ok(Indicator {
        id: ind.id.clone(),
        name_vi: ind.name_vi.clone(),
        name_en: ind.name_en.clone(),
        subject: ind.subject.iter().map(|p| p.iter().map(|w| intern(w)).collect()).collect(),
        complement: ind.complement.iter().map(|p| p.iter().map(|w| intern(w)).collect()).collect(),
        exclude: ind.exclude.iter().map(|w| intern(w)).collect(),
        requirement,
        value: ind.value,
        unit,
        basis: ind.basis.clone(),
        severity,
        optional: ind.optional,
    })
}

/// The complementary share: "không quá 40%" in person is "không ít hơn 60%" online.
fn complement_of(t: &Target) -> Target {
    let mut c = t.clone();
    c.value = t.value.map(|v| 100.0 - v);
    c.comparator = t.comparator.map(|cmp| match cmp {
        Comparator::AtLeast => Comparator::AtMost,
        Comparator::AtMost => Comparator::AtLeast,
        Comparator::MoreThan => Comparator::LessThan,
        Comparator::LessThan => Comparator::MoreThan,
        other => other,
    });
    c
}

fn unit_fits(unit: Option<&Unit>, req: &ReqUnit) -> bool {
    match (unit, req) {
        // A vague target states no number and so no unit: it may be about anything.
        (None, _) => true,
        (Some(Unit::Percent), ReqUnit::Percent) => true,
        (Some(Unit::Day), ReqUnit::Day) => true,
        (Some(Unit::Count(a)), ReqUnit::Count(b)) => a.to_lowercase() == *b,
        _ => false,
    }
}

fn narrow_window(clause: Span, at: Span, prev: Option<&Target>, next: Option<&Target>) -> Span {
    narrow(clause, at, prev.map(|p| p.span), next.map(|n| n.span))
}

/// The stretch of `clause` that belongs to the number at `at`: from the previous number in the
/// same clause to the next one.
fn narrow(clause: Span, at: Span, prev: Option<Span>, next: Option<Span>) -> Span {
    let mut w = clause.cover(at);
    if let Some(p) = prev
        && p.end > w.start
        && p.end <= at.start
    {
        w.start = p.end;
    }
    if let Some(n) = next
        && n.start < w.end
        && n.start >= at.end
    {
        w.end = n.start;
    }
    w
}

/// Where the clause before the one starting at `at` starts: after the clause boundary
/// (`;` `.` `:` or a line break) that precedes the one just before `at`. Looks back a few
/// hundred bytes at most.
fn previous_clause_start(doc: &Document, at: usize) -> usize {
    let floor = doc.text.floor_char_boundary(at.saturating_sub(400));
    let Some(before) = doc.text.get(floor..at) else { return at };
    let base = floor;
    let is_boundary = |c: char| matches!(c, ';' | '.' | ':' | '\n');
    // Skip the boundary that ends the previous clause (and spaces), then find the one before.
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || is_boundary(c));
    match trimmed.rfind(is_boundary) {
        Some(p) => base + p + 1,
        None => base,
    }
}

/// Whether the words leading up to a number say it is a reduction ("giảm", "cắt giảm",
/// "tinh giản"), whatever comparator the extractor gave it ("giảm ít nhất 10%").
/// A verb after the "giảm" that starts a new, rising target ("giảm thời gian, nâng tỷ lệ …
/// đạt 95%") cancels it.
fn says_decrease(doc: &Document, from: usize, to: usize) -> bool {
    let text = doc.text.get(from..to).unwrap_or("").to_lowercase();
    let words: Vec<&str> =
        text.split(|c: char| !crate::phrase::is_word_char(c)).filter(|w| !w.is_empty()).collect();
    let Some(at) = words.iter().rposition(|&w| w == "giảm" || w == "giản") else { return false };
    !words.get(at + 1..).unwrap_or(&[]).iter().any(|&w| matches!(w, "đạt" | "tăng" | "nâng"))
}

/// Where the preamble ends: the start of the first numbered part (I., 1., Điều 1.) of the
/// body. A document without one is judged by its first fifth.
pub fn preamble_end(doc: &Document) -> usize {
    use rasoat_doc::BlockKind;
    let first_numbered = doc.blocks.iter().find(|b| {
        matches!(b.kind, BlockKind::Roman | BlockKind::Article)
            || (matches!(b.kind, BlockKind::Numbered { depth: 1 }) && b.parent.is_none())
    });
    match first_numbered {
        Some(b) => b.span.start,
        None => doc.text.len() / 5,
    }
}

/// The span to point a whole-document finding at: the block that lists most targets, else
/// the summary line, the type line, or the first block.
pub fn targets_anchor(doc: &Document) -> Span {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for t in &doc.facts.targets {
        if let Some(b) = t.block.or_else(|| doc.block_at(t.span.start)) {
            *counts.entry(b).or_default() += 1;
        }
    }
    // Most targets; the earliest block on ties.
    let best = counts.into_iter().max_by_key(|&(b, n)| (n, std::cmp::Reverse(b))).map(|(b, _)| b);
    if let Some(span) = best.and_then(|b| doc.blocks.get(b)).map(|b| b.span) {
        return span;
    }
    title_anchor(doc)
}

/// The summary line, the type line, or the first block — for a finding about a document.
pub fn title_anchor(doc: &Document) -> Span {
    let part = doc.main_part();
    if let Some(s) = part.and_then(|p| p.header.summary) {
        return s;
    }
    if let Some(t) = part.and_then(|p| p.header.doc_type.as_ref()) {
        return t.span;
    }
    if let Some(b) = doc.blocks.first() {
        return b.span;
    }
    doc.lines.iter().copied().find(|l| !l.text(&doc.text).trim().is_empty()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::canonical_key;
    use proptest::prelude::*;

    #[test]
    fn canonical_keys_ignore_spaces_and_case() {
        assert_eq!(canonical_key("118/2025/nđ-cp"), "118/2025/NĐ-CP");
        assert_eq!(canonical_key(" 76 / NQ-Cp\u{a0}"), "76/NQ-CP");
    }

    proptest! {
        /// The ASCII fast path agrees with the plain Unicode definition.
        #[test]
        fn fast_path_matches_the_definition(s in "[a-zA-Z0-9 /\\-\t\u{b}đĐêÊưƯßﬁ\u{a0}\u{2003}]{0,40}") {
            let plain: String = s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect();
            prop_assert_eq!(canonical_key(&s), plain);
        }
    }
}
