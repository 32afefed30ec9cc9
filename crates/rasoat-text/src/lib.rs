//! Text layer of rasoat: bytes in, normalised text out, with a way back.
//!
//! Every later stage works on one string: the input decoded, normalised to NFC, with `\n` line
//! endings. Rules report [`Span`]s into that string; the [`SourceMap`] turns them back into what
//! the user has — byte offsets into the file as given, and line/column in the decoded text
//! before normalisation — so a finding always points at the user's own bytes.
//!
//! Modules:
//! - [`decode`](mod@decode): encodings (UTF-8, UTF-16 with BOM, windows-1258), binary and legacy-font detection.
//! - [`source_map`]: NFC and line-ending normalisation with an exact offset map.
//! - [`syllable`]: Vietnamese orthography — onset, rhyme, tone; skeletons; validity.
//! - [`token`]: syllable/word tokens with spans.

pub mod decode;
pub mod source_map;
pub mod span;
pub mod syllable;
pub mod token;

pub use decode::{DecodeError, Decoded, Encoding, LegacyFont, decode, decode_str};
pub use source_map::{LineCol, SourceMap};
pub use span::Span;
