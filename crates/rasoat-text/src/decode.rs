//! Bytes → text: encoding detection, binary refusal, legacy-font detection.
//!
//! Order of decisions, and why:
//! 1. A BOM wins (UTF-8, UTF-16 LE/BE): it is the only certain signal.
//! 2. NUL bytes or many control bytes mean binary: refused, because "checking" a .docx or a
//!    PDF would print thousands of meaningless findings.
//! 3. Valid UTF-8 is UTF-8 (the odds of windows-1258 text being valid UTF-8 by chance are nil
//!    for Vietnamese, which always has bytes ≥ 0x80 in patterns UTF-8 rejects).
//! 4. Otherwise windows-1258, the Vietnamese Windows code page — accepted only when the result
//!    looks like Vietnamese, so Shift-JIS or random bytes get an error instead of noise.
//! 5. Text typed in the legacy TCVN3 (ABC) or VNI fonts decodes "fine" but reads as noise
//!    ("Céng hßa", "Coäng hoøa"): it is flagged so the caller can say so once.

use std::fmt;

use serde::Serialize;

use crate::source_map::{ByteWidth, SourceMap, normalise};

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "windows-1258",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Pre-Unicode Vietnamese font encodings whose text decodes into plausible-looking noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegacyFont {
    /// TCVN3 (ABC), fonts `.VnTime` etc.: "Céng hßa x· héi chñ nghÜa".
    Tcvn3,
    /// VNI, fonts `VNI-Times` etc.: "Coäng hoøa xaõ hoäi chuû nghóa".
    Vni,
}

impl LegacyFont {
    pub fn label(self) -> &'static str {
        match self {
            LegacyFont::Tcvn3 => "TCVN3 (ABC)",
            LegacyFont::Vni => "VNI",
        }
    }
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("tệp nhị phân, không phải văn bản (binary file, not text): {reason}")]
    Binary { reason: String },
    #[error("UTF-16 không hợp lệ ở byte {offset} (invalid UTF-16)")]
    InvalidUtf16 { offset: usize },
    #[error(
        "không đọc được bảng mã: không phải UTF-8, UTF-16 hay windows-1258 (unknown encoding; byte {offset} is not valid UTF-8)"
    )]
    UnknownEncoding { offset: usize },
}

/// A decoded, normalised document text and the map back to its bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// NFC text with `\n` line endings: what every later stage reads.
    pub text: String,
    pub encoding: Encoding,
    pub map: SourceMap,
    /// Set when the text looks typed in a legacy font (the text is kept as decoded).
    pub legacy_font: Option<LegacyFont>,
}

/// Decode and normalise `bytes`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (decoded, encoding, bom_len, width) = decode_raw(bytes)?;
    // One pass answers the three questions asked of every file (binary? legacy font? NFC
    // already?); the slower general answers run only when it cannot say.
    let survey = Survey::of(&decoded);
    if let Some(reason) = binary_reason(&decoded, &survey) {
        return Err(DecodeError::Binary { reason });
    }
    let legacy_font = detect_legacy_font(&decoded, &survey);
    let (text, map) = normalise(decoded, bom_len, width, survey.plain_nfc);
    Ok(Decoded { text, encoding, map, legacy_font })
}

/// What one pass over decoded text tells: control characters among the first
/// [`BINARY_PROBE_CHARS`], whether a legacy-font marker occurs, and whether every character
/// is one that is NFC on its own and starts no composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Survey {
    /// Control characters (Unicode Cc, save `\n`, `\r`, `\t`, form feed) among the first
    /// [`BINARY_PROBE_CHARS`] characters.
    controls: usize,
    /// Where those characters end (a char boundary; the text's end when it is shorter). They
    /// are counted only when a control was seen: without one, the ratio needs no count.
    probe_end: usize,
    /// A TCVN3 or VNI marker character occurs (all are U+00A1..U+00FF).
    legacy_marker: bool,
    /// Every character has NFC_Quick_Check=Yes and combining class 0, so the text is NFC:
    /// those below U+0300, in U+1E00..U+1EFF (ạ..ỹ) or in U+2002..U+206F (– “ ” … •) are
    /// known to; any other is looked up ([`nfc_alone`]). `false` only means "ask the general
    /// check".
    plain_nfc: bool,
}

/// How many characters from the start the binary check looks at.
const BINARY_PROBE_CHARS: usize = 64 * 1024;

/// One bit per byte of `w`, set (as the byte's top bit) where the byte is an ASCII control
/// (< 0x20), DEL or a UTF-8 lead byte (≥ 0xC0). Each test is exact per byte (no borrow
/// crosses bytes), so the bits name the bytes themselves.
#[inline]
fn notable(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Top bit clear after subtracting 0x20 from (byte | 0x80): the low 7 bits are < 0x20.
    let below_space = !((w | HI) - LO * 0x20) & !w & HI;
    let x = w ^ (LO * 0x7F);
    let del = !(((x & !HI) + !HI) | x) & HI;
    let lead = w & (w << 1) & HI;
    below_space | del | lead
}

/// U+0080..U+00FF: which are TCVN3 or VNI marker characters.
const LATIN1_MARKER: [bool; 128] = {
    let mut t = [false; 128];
    let mut k = 0;
    while k < 128 {
        if let Some(c) = char::from_u32(0x80 + k as u32) {
            t[k] = is_tcvn3_marker(c) || is_vni_marker(c);
        }
        k += 1;
    }
    t
};

impl Survey {
    fn of(s: &str) -> Survey {
        let b = s.as_bytes();
        // Controls count among the first BINARY_PROBE_CHARS characters, whose bytes end at
        // `probe_end`. A text of no more bytes than that has no more chars either.
        let probe_end = if b.len() <= BINARY_PROBE_CHARS {
            b.len()
        } else {
            s.char_indices().nth(BINARY_PROBE_CHARS).map_or(b.len(), |(end, _)| end)
        };
        let mut out = Survey { controls: 0, probe_end, legacy_marker: false, plain_nfc: true };
        // Eight bytes at a time: printable ASCII and UTF-8 continuation bytes need no look;
        // only ASCII controls, DEL and lead bytes (≥ 0xC0) do, and they are found by bit
        // tricks on the word. Continuation bytes are never visited, so each visited byte is
        // the start of a character.
        let (chunks, rest) = b.as_chunks::<8>();
        let mut base = 0;
        for chunk in chunks {
            let w = u64::from_le_bytes(*chunk);
            let mut mask = notable(w);
            while mask != 0 {
                let shift = mask.trailing_zeros() & !7;
                mask &= mask - 1;
                // The byte itself, from the word: no second load. Vietnamese letters (ă đ ơ
                // ư ĩ ũ, ạ..ỹ) are most of the visits and settle here without a call.
                let lead = (w >> shift) as u8;
                let at = base + (shift / 8) as usize;
                match lead {
                    // Line ends and tabs: no controls.
                    b'\n' | b'\t' | b'\r' | 0x0C => {}
                    0xC4..=0xCB => {}
                    0xE1 if b.get(at + 1).is_some_and(|s| (0xB8..=0xBB).contains(s)) => {}
                    // U+00C0..U+00FF (à á â ã è é ê …): no control, only a marker to look up.
                    0xC3 => {
                        let second = b.get(at + 1).copied().unwrap_or(0);
                        let k = usize::from(0x40 | (second & 0x3F));
                        out.legacy_marker |= LATIN1_MARKER.get(k).copied().unwrap_or(false);
                    }
                    _ => out.visit(s, at, at < probe_end),
                }
            }
            base += 8;
        }
        for (k, &byte) in rest.iter().enumerate() {
            if byte < 0x20 || byte == 0x7F || byte >= 0xC0 {
                out.visit(s, base + k, base + k < probe_end);
            }
        }
        out
    }

    /// Look at the character starting at `b[i]`, a control, DEL or lead byte.
    #[inline]
    fn visit(&mut self, s: &str, i: usize, counting: bool) {
        let b = s.as_bytes();
        let lead = b.get(i).copied().unwrap_or(0);
        if lead < 0x80 {
            let control = !matches!(lead, b'\n' | b'\r' | b'\t' | 0x0C);
            self.controls += usize::from(counting && control);
            return;
        }
        let second = b.get(i + 1).copied().unwrap_or(0);
        match lead {
            0xC2 | 0xC3 => {
                // 110xxxxx 10yyyyyy → U+0080..U+00FF.
                let code = (usize::from(lead & 0x1F) << 6) | usize::from(second & 0x3F);
                self.controls += usize::from(counting && (0x80..=0x9F).contains(&code));
                self.legacy_marker |= LATIN1_MARKER.get(code.wrapping_sub(0x80)).copied().unwrap_or(false);
            }
            0xC4..=0xCB => {}
            0xE1 if (0xB8..=0xBB).contains(&second) => {}
            0xE2 => {
                let third = b.get(i + 2).copied().unwrap_or(0);
                if !((second == 0x80 && third >= 0x82) || (second == 0x81 && third <= 0xAF)) {
                    self.plain_nfc &= nfc_alone(s, i);
                }
            }
            _ => self.plain_nfc &= nfc_alone(s, i),
        }
    }

    fn binary_reason(&self, s: &str) -> Option<String> {
        if self.controls == 0 {
            return None;
        }
        let (control, total) = (self.controls, s.get(..self.probe_end).map_or(0, |p| p.chars().count()));
        (total > 0 && control * 100 > total * 2)
            .then(|| format!("{control} ký tự điều khiển trong {total} ký tự đầu (control characters)"))
    }
}

/// Whether the character starting at `b[i]` has NFC_Quick_Check=Yes and combining class 0:
/// text made only of such characters is NFC (the quick check says Yes), so a stray Cyrillic
/// letter or "√" does not send the whole text through the general check.
fn nfc_alone(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|t| t.chars().next()).is_some_and(|c| {
        unicode_normalization::char::canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes
    })
}

/// Normalise text that is already a Rust string (stdin decoded elsewhere, tests). Nothing is
/// refused: the caller already has the text.
pub fn decode_str(text: &str) -> Decoded {
    let survey = Survey::of(text);
    let legacy_font = detect_legacy_font(text, &survey);
    let (text, map) = normalise(text.to_owned(), 0, ByteWidth::Utf8, survey.plain_nfc);
    Decoded { text, encoding: Encoding::Utf8, map, legacy_font }
}

fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding, usize, ByteWidth), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match utf8(rest) {
            Ok(s) => Ok((s.to_owned(), Encoding::Utf8Bom, 3, ByteWidth::Utf8)),
            Err(offset) => Err(DecodeError::UnknownEncoding { offset: 3 + offset }),
        };
    }
    for (bom, enc, label) in [
        ([0xFF, 0xFE], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        ([0xFE, 0xFF], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            if rest.len() % 2 != 0 {
                return Err(DecodeError::InvalidUtf16 { offset: bytes.len() - 1 });
            }
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(s) => Ok((s.into_owned(), label, 2, ByteWidth::Utf16)),
                None => Err(DecodeError::InvalidUtf16 { offset: 2 }),
            };
        }
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary { reason: "có byte NUL (contains NUL bytes)".into() });
    }
    match utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Encoding::Utf8, 0, ByteWidth::Utf8)),
        Err(offset) => {
            let s = encoding_rs::WINDOWS_1258
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(DecodeError::UnknownEncoding { offset })?;
            if !looks_vietnamese_1258(&s) {
                return Err(DecodeError::UnknownEncoding { offset });
            }
            Ok((s.into_owned(), Encoding::Windows1258, 0, ByteWidth::SingleByte))
        }
    }
}

/// `bytes` as UTF-8, or the offset of the first invalid byte. The vectorised check answers
/// valid input; only invalid input is looked at again, for the offset.
fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()))
}

/// Characters windows-1258 produces for Vietnamese text: letters with Vietnamese marks, the
/// five combining tone marks of the code page, and common typographic punctuation.
fn is_vietnamese_1258_char(c: char) -> bool {
    matches!(c,
        'À'..='Ã' | 'È'..='Ê' | 'Ì' | 'Í' | 'Ò'..='Õ' | 'Ù' | 'Ú' | 'Ý'
        | 'à'..='ã' | 'è'..='ê' | 'ì' | 'í' | 'ò'..='õ' | 'ù' | 'ú' | 'ý'
        | 'Ă' | 'ă' | 'Đ' | 'đ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
        | '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
        | '–' | '—' | '‘' | '’' | '“' | '”' | '…' | '•' | '°' | '§' | '«' | '»' | '\u{a0}')
}

fn looks_vietnamese_1258(s: &str) -> bool {
    let (mut high, mut viet) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        high += 1;
        if is_vietnamese_1258_char(c) {
            viet += 1;
        }
    }
    high == 0 || viet * 10 >= high * 8
}

/// Why decoded text `s` (surveyed as `survey`) is binary, if it is: a NUL character (UTF-16
/// input can hold one), or too many control characters near the start.
fn binary_reason(s: &str, survey: &Survey) -> Option<String> {
    if memchr::memchr(0, s.as_bytes()).is_some() {
        return Some("có ký tự NUL (contains NUL characters)".into());
    }
    survey.binary_reason(s)
}

/// Characters that TCVN3 text shows when read as Unicode/Latin and that Vietnamese text never
/// contains.
const fn is_tcvn3_marker(c: char) -> bool {
    matches!(
        c,
        '¸' | 'µ'
            | '¶'
            | '·'
            | '¹'
            | '¨'
            | '©'
            | 'ª'
            | '®'
            | '¬'
            | '¯'
            | '±'
            | '²'
            | '³'
            | '´'
            | '½'
            | '¾'
            | 'Ç'
            | 'Ü'
            | '×'
            | 'Ø'
            | 'Þ'
            | 'ß'
            | 'Ñ'
            | 'Æ'
            | '¡'
            | '¢'
            | '¤'
            | '¥'
            | '¦'
            | 'Ö'
            | 'ö'
            | 'ñ'
            | 'ï'
            | 'î'
            | 'ë'
            | 'ç'
            | 'æ'
            | 'å'
            | 'ä'
            | '÷'
            | 'þ'
            | 'û'
            | 'ü'
    )
}

/// Characters that VNI text shows after a base vowel and that Vietnamese text never contains.
const fn is_vni_marker(c: char) -> bool {
    matches!(
        c,
        'ä' | 'ø'
            | 'ö'
            | 'ï'
            | 'ë'
            | 'å'
            | 'æ'
            | 'ç'
            | 'û'
            | 'ñ'
            | 'Ä'
            | 'Ø'
            | 'Ö'
            | 'Ï'
            | 'Ë'
            | 'Å'
            | 'Æ'
            | 'Ç'
            | 'Û'
            | 'Ñ'
    )
}

/// Decide whether the text was typed in a legacy font: a sizeable share of its words carry
/// marker characters no Vietnamese word has. VNI words put the marker after an ASCII vowel
/// ("Coäng"); TCVN3 words use marker characters in place of the vowel ("Céng", "hßa").
fn detect_legacy_font(s: &str, survey: &Survey) -> Option<LegacyFont> {
    // Without a single marker character (the survey saw none) both counts below stay 0: skip
    // the word walk for the Unicode text nearly every file is.
    if !survey.legacy_marker {
        return None;
    }
    let (mut words, mut tcvn, mut vni) = (0usize, 0usize, 0usize);
    for word in s.split(|c: char| !crate::token::is_alphanumeric(c) && !is_tcvn3_marker(c)).take(20_000) {
        if word.is_empty() || word.is_ascii() {
            continue;
        }
        words += 1;
        let mut prev_vowel = false;
        let (mut has_vni, mut has_tcvn) = (false, false);
        for c in word.chars() {
            if prev_vowel && is_vni_marker(c) {
                has_vni = true;
            }
            if is_tcvn3_marker(c) {
                has_tcvn = true;
            }
            prev_vowel = matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        }
        vni += usize::from(has_vni);
        tcvn += usize::from(has_tcvn && !has_vni);
    }
    if words < 5 {
        return None;
    }
    if vni * 5 >= words {
        Some(LegacyFont::Vni)
    } else if tcvn * 5 >= words {
        Some(LegacyFont::Tcvn3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain() {
        let d = decode("Kế hoạch".as_bytes()).ok();
        assert_eq!(d.as_ref().map(|d| d.encoding), Some(Encoding::Utf8));
        assert_eq!(d.map(|d| d.text), Some("Kế hoạch".to_string()));
    }

    #[test]
    fn utf8_bom_offsets_shift() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Số: 12".as_bytes());
        let d = decode(&b).ok();
        assert_eq!(d.as_ref().map(|d| d.encoding), Some(Encoding::Utf8Bom));
        assert_eq!(d.map(|d| d.map.original_offset(0)), Some(3));
    }

    #[test]
    fn utf16_le_and_be() {
        for (bom, le) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
            let mut b = bom.to_vec();
            for u in "Hà Nội".encode_utf16() {
                let pair = if le { u.to_le_bytes() } else { u.to_be_bytes() };
                b.extend_from_slice(&pair);
            }
            let d = decode(&b).ok();
            assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some("Hà Nội"));
            // "N" is the 4th UTF-16 unit: 2 (BOM) + 3*2.
            let n = "Hà ".len();
            assert_eq!(d.map(|d| d.map.original_offset(n)), Some(8));
        }
    }

    #[test]
    fn windows_1258_decodes() {
        // "Hà Nội" in windows-1258: H, à(E0), space, N, ô(F4) + dot below (F2).
        let b = [b'H', 0xE0, b' ', b'N', 0xF4, 0xF2, b'i'];
        let d = decode(&b).ok();
        assert_eq!(d.as_ref().map(|d| d.encoding), Some(Encoding::Windows1258));
        assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some("Hà Nội"));
        // "i" is the last byte, offset 6.
        let i = "Hà Nộ".len();
        assert_eq!(d.map(|d| d.map.original_offset(i)), Some(6));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary { .. })));
        // A NUL character decoded from UTF-16, in a long text (below the control-share bar).
        let mut b = vec![0xFF, 0xFE];
        for u in "Kế hoạch\u{0}".encode_utf16().chain("x".repeat(500).encode_utf16()) {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert!(matches!(decode(&b), Err(DecodeError::Binary { .. })));
    }

    /// The error points at the first byte that is not UTF-8, with or without a BOM.
    #[test]
    fn unknown_encoding_names_the_first_bad_byte() {
        let mut b = b"Viet ".to_vec();
        b.extend((0..60u8).map(|i| 0x80 | (i % 0x3F)));
        assert_eq!(decode(&b).err(), Some(DecodeError::UnknownEncoding { offset: 5 }));
        let mut bom = vec![0xEF, 0xBB, 0xBF, b'a', 0xC3, 0x28];
        assert_eq!(decode(&bom).err(), Some(DecodeError::UnknownEncoding { offset: 4 }));
        bom.truncate(4);
        assert!(decode(&bom).is_ok());
    }

    #[test]
    fn non_vietnamese_garbage_is_refused() {
        let b: Vec<u8> = (0..200u8).map(|i| 0x80 | (i % 0x3F)).collect();
        assert!(decode(&b).is_err());
    }

    /// The byte-level scans agree with the character-level definitions they replace.
    #[test]
    fn byte_scans_agree_with_char_definitions() {
        let samples = [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Céng hßa x· héi",
            "Coäng hoøa",
            "a\u{85}b\u{9f}c\u{a0}d\u{7f}\u{1}\te",
            "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđ",
            "¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿×÷ÆæÇçÑñÖöØøÜüÞþß",
        ];
        for s in samples {
            let by_chars = s.chars().any(|c| is_tcvn3_marker(c) || is_vni_marker(c));
            assert_eq!(Survey::of(s).legacy_marker, by_chars, "{s:?}");
            let controls =
                s.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
            let total = s.chars().count();
            let want = (controls * 100 > total * 2).then_some(());
            assert_eq!(binary_reason(s, &Survey::of(s)).map(|_| ()), want, "{s:?}");
        }
        let others = ('\u{900}'..='\u{9FF}').chain('\u{1100}'..='\u{11FF}').chain('\u{3000}'..='\u{30FF}');
        for c in ('\u{0}'..='\u{7FF}').chain('\u{1D00}'..='\u{2100}').chain(others) {
            // "Plain" must never be said of text that is not NFC, whatever surrounds it.
            for s in [format!("a{c}b"), format!("{c}\u{301}"), format!("ơ{c}ạ")] {
                if Survey::of(&s).plain_nfc {
                    assert!(unicode_normalization::is_nfc(&s), "{s:?}");
                }
            }
        }
        for c in '\u{0}'..='\u{7FF}' {
            let s = c.to_string();
            assert_eq!(Survey::of(&s).legacy_marker, is_tcvn3_marker(c) || is_vni_marker(c), "{c:?}");
        }
    }

    /// Control characters count among the first 64K characters only, whatever their width.
    #[test]
    fn binary_probe_looks_at_the_first_characters() {
        let counted = |s: &str, survey: &Survey| s.get(..survey.probe_end).map(|p| p.chars().count());
        let late = "ạ".repeat(70_000) + &"\u{1}".repeat(5_000);
        let survey = Survey::of(&late);
        assert_eq!((counted(&late, &survey), survey.controls), (Some(BINARY_PROBE_CHARS), 0));
        assert!(binary_reason(&late, &survey).is_none());
        let early = "\u{1}\u{85}".repeat(1_000) + &"a".repeat(70_000);
        let survey = Survey::of(&early);
        assert_eq!((counted(&early, &survey), survey.controls), (Some(BINARY_PROBE_CHARS), 2_000));
        assert!(binary_reason(&early, &survey).is_some());
        let short = "Kế hoạch\u{1}";
        assert_eq!((counted(short, &Survey::of(short)), Survey::of(short).controls), (Some(9), 1));
    }

    /// The character-by-character survey the word-at-a-time scan replaced: the reference.
    fn survey_char_by_char(s: &str) -> Survey {
        let b = s.as_bytes();
        let mut out = Survey { controls: 0, probe_end: b.len(), legacy_marker: false, plain_nfc: true };
        let mut counted = 0;
        let mut i = 0;
        while let Some(&lead) = b.get(i) {
            let counting = counted < BINARY_PROBE_CHARS;
            if counting {
                counted += 1;
            } else if out.probe_end == b.len() {
                // The first char past the probe.
                out.probe_end = i;
            }
            if lead < 0x80 {
                let control = (lead < 0x20 && !matches!(lead, b'\n' | b'\r' | b'\t' | 0x0C)) || lead == 0x7F;
                out.controls += usize::from(counting && control);
                i += 1;
                continue;
            }
            let second = b.get(i + 1).copied().unwrap_or(0);
            let third = b.get(i + 2).copied().unwrap_or(0);
            match lead {
                0xC2 | 0xC3 => {
                    // 110xxxxx 10yyyyyy → U+0080..U+00FF.
                    let code = (u32::from(lead & 0x1F) << 6) | u32::from(second & 0x3F);
                    out.controls += usize::from(counting && (0x80..=0x9F).contains(&code));
                    out.legacy_marker |=
                        char::from_u32(code).is_some_and(|c| is_tcvn3_marker(c) || is_vni_marker(c));
                }
                0xC4..=0xCB => {}
                0xE1 if (0xB8..=0xBB).contains(&second) => {}
                0xE2 if (second == 0x80 && third >= 0x82) || (second == 0x81 && third <= 0xAF) => {}
                _ => {
                    let c = s.get(i..).and_then(|t| t.chars().next());
                    let alone = c.is_some_and(|c| {
                        unicode_normalization::char::canonical_combining_class(c) == 0
                            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                                == unicode_normalization::IsNormalized::Yes
                    });
                    out.plain_nfc &= alone;
                }
            }
            i += match lead {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
        }
        out
    }

    proptest::proptest! {
        /// The word-at-a-time survey agrees with the char-by-char one on any text, including
        /// controls, DEL, C1 controls, marker letters and characters that are not NFC-plain.
        #[test]
        fn survey_matches_char_by_char(
            s in "[\\x00-\\x7F\\u{80}-\\u{36F}\\u{400}-\\u{42F}\\u{1100}-\\u{1180}\\u{1E00}-\\u{1EFF}\\u{2000}-\\u{20FF}\\u{25A0}-\\u{25A5}\\u{3099}-\\u{309A}\\u{10000}-\\u{10010}a-zđơư]{0,80}",
        ) {
            proptest::prop_assert_eq!(Survey::of(&s), survey_char_by_char(&s));
        }
    }

    #[test]
    fn survey_matches_char_by_char_on_long_text() {
        for s in [
            "ạ\u{1}".repeat(40_000),
            "a\u{85}b".repeat(30_000),
            "Céng hßa x· héi\n".repeat(5_000) + &"\u{7f}".repeat(9),
        ] {
            assert_eq!(Survey::of(&s), survey_char_by_char(&s));
        }
    }

    #[test]
    fn legacy_fonts_are_detected() {
        let tcvn = "Céng hßa x· héi chñ nghÜa ViÖt Nam §éc lËp Tù do H¹nh phóc";
        assert_eq!(decode(tcvn.as_bytes()).ok().and_then(|d| d.legacy_font), Some(LegacyFont::Tcvn3));
        let vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam Ñoäc laäp Töï do Haïnh phuùc";
        assert_eq!(decode(vni.as_bytes()).ok().and_then(|d| d.legacy_font), Some(LegacyFont::Vni));
        let plain = "Cộng hòa xã hội chủ nghĩa Việt Nam Độc lập Tự do Hạnh phúc";
        assert_eq!(decode(plain.as_bytes()).ok().and_then(|d| d.legacy_font), None);
    }
}
