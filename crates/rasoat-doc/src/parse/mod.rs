//! Structure parser: lines → parts (header, body blocks, tables, recipients, signature).
//!
//! TEMPORARY minimal version: every non-empty line is a paragraph block of one part. The real
//! parser replaces the body of `parse_structure`.

use rasoat_text::{Decoded, Span};

use crate::model::*;

/// Parse decoded text into a Document.
pub fn parse(decoded: Decoded) -> Document {
    let Decoded { text, encoding, map, legacy_font } = decoded;
    build(text, map, encoding, legacy_font)
}

fn build(
    text: String,
    map: rasoat_text::SourceMap,
    encoding: rasoat_text::Encoding,
    legacy_font: Option<rasoat_text::LegacyFont>,
) -> Document {
    let lines = split_lines(&text);
    let (parts, blocks) = parse_structure(&text, &lines);
    let mut doc =
        Document { text, map, encoding, legacy_font, lines, parts, blocks, facts: Facts::default() };
    doc.facts = crate::extract::extract(&doc);
    doc
}

/// Spans of all lines, without their `\n`.
pub fn split_lines(text: &str) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Span::new(start, nl));
        start = nl + 1;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(Span::new(start, text.len()));
    }
    lines
}

fn parse_structure(text: &str, lines: &[Span]) -> (Vec<Part>, Vec<Block>) {
    let mut blocks = Vec::new();
    for &line in lines {
        if line.text(text).trim().is_empty() {
            continue;
        }
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            marker: None,
            text: line,
            span: line,
            parent: None,
            children: Vec::new(),
            heading: false,
        });
    }
    let part = Part {
        span: Span::new(0, text.len()),
        header: Header::default(),
        blocks: 0..blocks.len(),
        roots: (0..blocks.len()).collect(),
        tables: Vec::new(),
        recipients: None,
        signature: None,
    };
    (vec![part], blocks)
}
