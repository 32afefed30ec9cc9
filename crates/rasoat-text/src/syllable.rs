//! Vietnamese orthography: a syllable's onset, rhyme and tone, and diacritic-free skeletons.
//!
//! A syllable is onset + (medial) + nucleus + (final) + one of six tones. Everything here works
//! on one NFC syllable and allocates nothing unless it returns a `String`.

use unicode_normalization::UnicodeNormalization;

/// The six tones. `Ngang` is the level tone (no mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Tone {
    Ngang,
    Huyen,
    Sac,
    Hoi,
    Nga,
    Nang,
}

impl Tone {
    /// The combining mark of this tone, if any.
    pub fn mark(self) -> Option<char> {
        match self {
            Tone::Ngang => None,
            Tone::Huyen => Some('\u{300}'),
            Tone::Sac => Some('\u{301}'),
            Tone::Hoi => Some('\u{309}'),
            Tone::Nga => Some('\u{303}'),
            Tone::Nang => Some('\u{323}'),
        }
    }

    fn from_mark(c: char) -> Option<Tone> {
        match c {
            '\u{300}' => Some(Tone::Huyen),
            '\u{301}' => Some(Tone::Sac),
            '\u{309}' => Some(Tone::Hoi),
            '\u{303}' => Some(Tone::Nga),
            '\u{323}' => Some(Tone::Nang),
            _ => None,
        }
    }
}

/// Tone of a syllable (the first tone mark found; `Ngang` when none).
pub fn tone(syllable: &str) -> Tone {
    syllable.nfd().find_map(Tone::from_mark).unwrap_or(Tone::Ngang)
}

/// Number of tone marks in a syllable (a valid syllable has at most one).
pub fn tone_mark_count(syllable: &str) -> usize {
    syllable.nfd().filter(|&c| Tone::from_mark(c).is_some()).count()
}

/// The syllable with its tone mark removed but letter marks (â, ơ, đ…) kept, in NFC.
pub fn strip_tone(syllable: &str) -> String {
    syllable.nfd().filter(|&c| Tone::from_mark(c).is_none()).nfc().collect()
}

/// Diacritic-free lower-case skeleton: "Chồng chéo" → "chong cheo", "Đắk" → "dak".
pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{300}'..='\u{36F}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_and_skeletons() {
        assert_eq!(tone("chồng"), Tone::Huyen);
        assert_eq!(tone("chông"), Tone::Ngang);
        assert_eq!(tone("nhũng"), Tone::Nga);
        assert_eq!(skeleton("Chồng chéo"), "chong cheo");
        assert_eq!(skeleton("Đắk Lắk"), "dak lak");
        assert_eq!(strip_tone("chồng"), "chông");
        assert_eq!(tone_mark_count("chồng"), 1);
    }
}
