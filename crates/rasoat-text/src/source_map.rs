//! Normalisation (NFC, `\n` line endings) with an exact map back to the user's bytes.
//!
//! Two maps are composed:
//! 1. normalised offset → decoded offset (NFC composition and CRLF/CR folding change lengths);
//! 2. decoded offset → original byte offset (BOM, and UTF-16/windows-1258 change the width
//!    of every character).
//!
//! Both are built so that the common case — UTF-8 that is already NFC with LF line endings —
//! costs nothing: the maps are empty and lookups are additions.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use crate::span::Span;

/// 1-based line and column, the column counted in Unicode scalar values of the decoded text
/// before normalisation (the DESIGN.md JSON contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// How decoded characters map onto the original bytes.
#[derive(Debug, Clone)]
pub(crate) enum ByteWidth {
    /// UTF-8: a decoded byte is an original byte.
    Utf8,
    /// UTF-16: each char is `len_utf16() * 2` bytes.
    Utf16,
    /// A single-byte code page (windows-1258): each char is one byte.
    SingleByte,
}

impl ByteWidth {
    fn width(&self, c: char) -> usize {
        match self {
            ByteWidth::Utf8 => c.len_utf8(),
            ByteWidth::Utf16 => c.len_utf16() * 2,
            ByteWidth::SingleByte => 1,
        }
    }
}

/// Distance between checkpoints of the decoded→original map for non-UTF-8 inputs.
const CHECKPOINT_EVERY: usize = 4096;

/// Piecewise-linear map over sorted anchors `(from, to)`: between two anchors offsets advance
/// together; an offset never maps past the next anchor's target.
#[derive(Debug, Clone, Default)]
struct Anchors(Vec<(usize, usize)>);

impl Anchors {
    fn map(&self, x: usize) -> usize {
        let idx = self.0.partition_point(|&(from, _)| from <= x);
        if idx == 0 {
            return x;
        }
        let Some(&(from, to)) = self.0.get(idx - 1) else {
            return x;
        };
        let mapped = to + (x - from);
        match self.0.get(idx) {
            Some(&(_, next_to)) => mapped.min(next_to),
            None => mapped,
        }
    }
}

/// The way back from the normalised text to the user's file.
#[derive(Debug, Clone)]
pub struct SourceMap {
    /// Decoded text before normalisation, when it differs from the normalised text.
    decoded: Option<String>,
    norm_to_decoded: Anchors,
    /// Original byte offset of decoded offset 0 (the BOM length).
    bom_len: usize,
    width: ByteWidth,
    /// For non-UTF-8 input: `(decoded offset, original offset)` every few KB, at char boundaries.
    checkpoints: Vec<(usize, usize)>,
    /// Decoded offsets at which lines start (after `\n`, `\r\n` or a lone `\r`).
    line_starts: Vec<usize>,
}

/// Normalise decoded text: NFC, and CRLF / CR folded to LF. Returns the text and its map.
/// `known_nfc` is the caller's word that the text is already NFC (the decoder's byte survey
/// tells so for nearly every file); `false` means "unknown", and the general check runs.
pub(crate) fn normalise(
    decoded: String,
    bom_len: usize,
    width: ByteWidth,
    known_nfc: bool,
) -> (String, SourceMap) {
    let line_starts = line_starts(&decoded);
    let checkpoints = checkpoints(&decoded, bom_len, &width);
    let needs_work = memchr::memchr(b'\r', decoded.as_bytes()).is_some()
        || !(known_nfc || unicode_normalization::is_nfc(&decoded));
    if !needs_work {
        // Non-UTF-8 offsets are computed by walking the decoded text: keep it.
        let keep = (!matches!(width, ByteWidth::Utf8)).then(|| decoded.clone());
        let map = SourceMap {
            decoded: keep,
            norm_to_decoded: Anchors::default(),
            bom_len,
            width,
            checkpoints,
            line_starts,
        };
        return (decoded, map);
    }

    let mut out = String::with_capacity(decoded.len());
    let mut anchors = vec![(0usize, 0usize)];
    let bytes = decoded.as_bytes();
    let mut i = 0;
    while i < decoded.len() {
        let seg_end = segment_end(&decoded, i);
        let seg = decoded.get(i..seg_end).unwrap_or("");
        let out_start = out.len();
        if seg == "\r" {
            out.push('\n');
            // "\r\n" folds into one "\n": swallow the following LF.
            let consumed = if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            anchors.push((out_start, i));
            anchors.push((out.len(), i + consumed));
            i += consumed;
            continue;
        }
        let before = out.len();
        out.extend(seg.nfc());
        if out.get(before..) != Some(seg) {
            anchors.push((out_start, i));
            anchors.push((out.len(), seg_end));
        }
        i = seg_end;
    }
    anchors.dedup_by_key(|a| a.0);
    let map = SourceMap {
        decoded: Some(decoded),
        norm_to_decoded: Anchors(anchors),
        bom_len,
        width,
        checkpoints,
        line_starts,
    };
    (out, map)
}

/// End of the normalisation segment starting at `start`: one char, plus the combining marks
/// (canonical combining class ≠ 0) that follow it. Segments normalise independently.
fn segment_end(s: &str, start: usize) -> usize {
    let mut chars = s.get(start..).unwrap_or("").char_indices();
    let Some((_, first)) = chars.next() else {
        return s.len();
    };
    if first == '\r' {
        return start + 1;
    }
    let mut end = start + first.len_utf8();
    for (off, c) in chars {
        if canonical_combining_class(c) == 0 {
            break;
        }
        end = start + off + c.len_utf8();
    }
    end
}

fn line_starts(s: &str) -> Vec<usize> {
    // Lines run to about a hundred bytes: a guess that spares most of the growth.
    let mut starts = Vec::with_capacity(s.len() / 64 + 1);
    starts.push(0);
    let bytes = s.as_bytes();
    for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match bytes.get(pos) {
            // The LF of a CRLF was already counted at its CR.
            Some(b'\n') if pos > 0 && bytes.get(pos - 1) == Some(&b'\r') => {}
            _ => starts.push(pos + 1),
        }
    }
    // A CRLF pushed `pos+1` at the CR, which points at the LF: move it past the LF.
    for st in starts.iter_mut() {
        if *st > 0 && bytes.get(*st - 1) == Some(&b'\r') && bytes.get(*st) == Some(&b'\n') {
            *st += 1;
        }
    }
    starts
}

fn checkpoints(s: &str, bom_len: usize, width: &ByteWidth) -> Vec<(usize, usize)> {
    if matches!(width, ByteWidth::Utf8) {
        return Vec::new();
    }
    let mut cps = vec![(0, bom_len)];
    let mut orig = bom_len;
    let mut next = CHECKPOINT_EVERY;
    for (off, c) in s.char_indices() {
        if off >= next {
            cps.push((off, orig));
            next = off + CHECKPOINT_EVERY;
        }
        orig += width.width(c);
    }
    cps
}

impl SourceMap {
    /// Decoded-text offset (before normalisation) of a normalised offset: always on a char
    /// boundary of the decoded text, and never decreasing as `norm` grows.
    pub fn decoded_offset(&self, norm: usize) -> usize {
        if self.norm_to_decoded.0.is_empty() {
            return norm;
        }
        // Inside a segment that normalisation changed (composed, or combining marks put in
        // canonical order: "\u{1CF4}\u{320}" becomes "\u{320}\u{1CF4}"), an offset has no exact
        // counterpart and the linear guess can fall inside a character; the start of that
        // character keeps spans ordered and on boundaries (fuzzing found offsets 6..2).
        let mapped = self.norm_to_decoded.map(norm);
        self.decoded.as_deref().map_or(mapped, |d| d.floor_char_boundary(mapped))
    }

    /// The decoded text before normalisation (the normalised text when they are equal).
    pub fn decoded_text<'a>(&'a self, normalised: &'a str) -> &'a str {
        self.decoded.as_deref().unwrap_or(normalised)
    }

    /// Byte offset into the original file of a normalised offset.
    pub fn original_offset(&self, norm: usize) -> usize {
        let dec = self.decoded_offset(norm);
        if let ByteWidth::Utf8 = self.width {
            return self.bom_len + dec;
        }
        // Walk from the last checkpoint at or before `dec`.
        let idx = self.checkpoints.partition_point(|&(d, _)| d <= dec);
        let (cp_dec, cp_orig) =
            self.checkpoints.get(idx.saturating_sub(1)).copied().unwrap_or((0, self.bom_len));
        let text = self.decoded.as_deref().unwrap_or_default();
        let seg = text.get(cp_dec..dec).unwrap_or("");
        cp_orig + seg.chars().map(|c| self.width.width(c)).sum::<usize>()
    }

    /// Line and column (1-based, column in chars of the decoded text) of a normalised offset.
    ///
    /// `normalised` must be the text this map was built with.
    pub fn line_col(&self, normalised: &str, norm: usize) -> LineCol {
        let dec = self.decoded_offset(norm);
        let text = self.decoded_text(normalised);
        let line_idx = self.line_starts.partition_point(|&s| s <= dec).saturating_sub(1);
        let line_start = self.line_starts.get(line_idx).copied().unwrap_or(0);
        let column = text.get(line_start..dec).map_or(0, |s| s.chars().count()) + 1;
        LineCol { line: line_idx + 1, column }
    }

    /// The decoded original text that a normalised span covers.
    pub fn snippet<'a>(&'a self, normalised: &'a str, span: Span) -> &'a str {
        let text = self.decoded_text(normalised);
        let (s, e) = (self.decoded_offset(span.start), self.decoded_offset(span.end));
        text.get(s..e).unwrap_or("")
    }

    /// Number of lines in the decoded text.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, SourceMap) {
        normalise(s.to_string(), 0, ByteWidth::Utf8, false)
    }

    /// Combining marks put in canonical order (U+1CF4, class 230, before U+0320, class 220)
    /// in UTF-16: every offset maps onto a char boundary and offsets never go backwards (the
    /// fuzzer's input; offsets 6..2 came out before).
    #[test]
    fn reordered_marks_map_in_order_onto_boundaries() {
        let bytes = [254, 255, 28, 246, 3, 0, 32, 32, 28, 244, 3, 32, 32, 96];
        let Ok(d) = crate::decode::decode(&bytes) else { panic!("decodes") };
        let (t, m) = (&d.text, &d.map);
        let mut last = (0, 0);
        for (i, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            let dec = m.decoded_offset(i);
            assert!(m.decoded_text(t).is_char_boundary(dec), "{i} -> {dec}");
            let orig = m.original_offset(i);
            assert!(dec >= last.0 && orig >= last.1 && orig <= bytes.len(), "{i} -> {dec}, {orig}");
            last = (dec, orig);
        }
    }

    #[test]
    fn identity_for_clean_text() {
        let (t, m) = norm("Kế hoạch\nsố 1");
        assert_eq!(t, "Kế hoạch\nsố 1");
        assert_eq!(m.original_offset(5), 5);
        assert_eq!(m.line_col(&t, 14), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn nfd_composes_and_maps_back() {
        // "ế" as e + U+0302 + U+0301 (5 bytes) then "t".
        let nfd = "Ke\u{302}\u{301}t";
        let (t, m) = norm(nfd);
        assert_eq!(t, "Kết");
        let t_pos = t.find('t').unwrap_or(0);
        assert_eq!(m.original_offset(t_pos), nfd.find('t').unwrap_or(0));
        // Column counts decoded scalar values: K, e, ^, ´ then t → column 5.
        assert_eq!(m.line_col(&t, t_pos).column, 5);
        assert_eq!(m.snippet(&t, Span::new(1, t_pos)), "e\u{302}\u{301}");
    }

    #[test]
    fn crlf_and_cr_fold_to_lf() {
        let (t, m) = norm("a\r\nb\rc");
        assert_eq!(t, "a\nb\nc");
        assert_eq!(m.original_offset(2), 3);
        assert_eq!(m.original_offset(4), 5);
        assert_eq!(m.line_col(&t, 4), LineCol { line: 3, column: 1 });
        assert_eq!(m.line_col(&t, 2), LineCol { line: 2, column: 1 });
    }
}
