//! `format/…` rules: the layout of an administrative document (Nghị định 30/2020/NĐ-CP).

pub mod document_number;
pub mod place_date;
pub mod recipients;
pub mod signature;
pub mod type_line;

use rasoat_doc::{Document, Span};

use crate::packs::{PackError, Packs};
use crate::rule::Rule;

/// The `format/…` rules, configured by the packs.
pub fn rules(_packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    Ok(vec![
        Box::new(document_number::DocumentNumber::new()),
        Box::new(place_date::PlaceDateRule::new()),
        Box::new(type_line::TypeLine::new()),
        Box::new(signature::SignatureRule::new()),
        Box::new(recipients::RecipientsRule::new()),
    ])
}

/// The lines of `doc` that overlap `span`, in order (binary search: no scan from the top).
pub(crate) fn lines_in(doc: &Document, span: Span) -> impl Iterator<Item = Span> + '_ {
    let first = doc.lines.partition_point(|l| l.end < span.start);
    doc.lines.get(first..).unwrap_or(&[]).iter().copied().take_while(move |l| l.start <= span.end)
}

/// A Party document (Đảng Cộng sản Việt Nam): its layout follows the Party's own rules
/// (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW: "Số 60-NQ/TW", "T/M", recipients ending with ","),
/// not Nghị định 30/2020/NĐ-CP.
pub(crate) fn is_party(doc: &Document, part: &rasoat_doc::Part) -> bool {
    let head_end = part.span.start.saturating_add(800).min(part.span.end);
    // Back off to a character boundary: the slice must not split a letter.
    let mut end = head_end;
    while end > part.span.start && !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    doc.text.get(part.span.start..end).is_some_and(|h| h.contains("ĐẢNG CỘNG SẢN VIỆT NAM"))
}
