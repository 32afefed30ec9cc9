//! The Document model and the parser that builds it.
//!
//! `bytes → rasoat_text::decode → parse → Document`. Parsing is total: any text gives a
//! Document (possibly with few recognised elements); it never fails and never panics. Only
//! decoding can fail (binary or undecodable input).
//!
//! - [`model`]: the types rules read.
//! - [`parse`]: structure — header, body tree, tables, recipients, signature (nom 8 + nom_locate).
//! - [`extract`]: facts — targets, durations, deadlines, citations.

pub mod extract;
pub mod memo;
pub mod model;
pub mod parse;

pub use model::*;
pub use rasoat_text::{DecodeError, Decoded, Span};

/// Decode and parse a file's bytes.
pub fn parse_bytes(bytes: &[u8]) -> Result<Document, DecodeError> {
    Ok(parse::parse(rasoat_text::decode(bytes)?))
}

/// Parse text that is already a Rust string (tests, fuzzing, editors).
pub fn parse_str(text: &str) -> Document {
    parse::parse(rasoat_text::decode_str(text))
}
