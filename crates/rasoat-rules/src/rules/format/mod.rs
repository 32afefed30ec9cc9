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
