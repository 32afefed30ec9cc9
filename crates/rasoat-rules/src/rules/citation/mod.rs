//! `citation/…` rules: how other documents are cited (Nghị định 30/2020/NĐ-CP, Phụ lục I;
//! DOMAIN.md §3), checked against the extracted citations and the registry of known documents
//! (`[[document]]` in the packs, e.g. `rules/documents.toml`).
//!
//! - `citation/malformed-number`: stray spaces, a normative document without its year, a kind
//!   whose symbol disagrees with the number ("Nghị định số 12/QĐ-…").
//! - `citation/date-mismatch`: the same unknown document cited with two dates in one file.
//! - `citation/wrong-date`: a date that contradicts the registry.
//! - `citation/impossible-date`: a date that does not exist (31/4).
//! - `citation/incomplete`: the first citation of a document lacks its date or issuer.

mod date_mismatch;
mod impossible_date;
mod incomplete;
mod malformed_number;
mod wrong_date;

use std::collections::HashMap;
use std::sync::Arc;

use rasoat_doc::{Citation, Date};

use crate::packs::{PackError, Packs};
use crate::rule::Rule;
use crate::rules::target::profile::canonical_key;

/// A known document, compiled from a `[[document]]` entry.
#[derive(Debug, Clone)]
pub struct Known {
    /// The key as written in the pack ("09/2019/NĐ-CP").
    pub key: String,
    pub date: Date,
    pub issuer: String,
    pub title: String,
    pub normative: bool,
    pub basis: String,
}

/// The registry of known documents, by canonical key and by (number, symbol) without year.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    by_key: HashMap<String, usize>,
    /// "118|NĐ-CP" → the entry whose key is "118/2025/NĐ-CP": to suggest the missing year.
    by_number: HashMap<String, Vec<usize>>,
    docs: Vec<Known>,
}

impl Registry {
    pub fn from_packs(packs: &Packs) -> Result<Registry, Box<PackError>> {
        let mut reg = Registry::default();
        for (pack, entry) in packs.entries(|p| &p.document) {
            let Some(date) = parse_iso(&entry.date).filter(Date::is_valid) else {
                return Err(Box::new(pack.error_at(
                    None,
                    format!("document {}: date {:?} is not a valid YYYY-MM-DD date", entry.key, entry.date),
                    "ngày không hợp lệ (invalid date)".to_owned(),
                )));
            };
            let key = canonical_key(&entry.key);
            let idx = reg.docs.len();
            reg.docs.push(Known {
                key: entry.key.clone(),
                date,
                issuer: entry.issuer.clone(),
                title: entry.title.clone(),
                normative: entry.normative,
                basis: entry.basis.clone(),
            });
            // A later pack's entry for the same key replaces the earlier one.
            reg.by_key.insert(key.clone(), idx);
            if let Some(nk) = number_key(&key) {
                reg.by_number.entry(nk).or_default().push(idx);
            }
        }
        Ok(reg)
    }

    /// The known document a citation refers to.
    pub fn get(&self, c: &Citation) -> Option<&Known> {
        let key = canonical_key(&c.number_text.value);
        let idx = self.by_key.get(&key).or_else(|| self.by_key.get(&c.key))?;
        self.docs.get(*idx)
    }

    /// Known documents with this number and symbol, whatever their year ("118/NĐ-CP" →
    /// 118/2025/NĐ-CP).
    pub fn by_number(&self, number: &str, symbol: &str) -> impl Iterator<Item = &Known> {
        let key = format!("{}|{}", number.trim_start_matches('0'), canonical_key(symbol));
        self.by_number.get(&key).into_iter().flatten().filter_map(|&i| self.docs.get(i))
    }
}

/// "118/2025/NĐ-CP" → "118|NĐ-CP"; "226-KL/TW" → "226|KL/TW" (number without leading zeros).
fn number_key(canonical: &str) -> Option<String> {
    let (number, rest) = canonical.split_once(['/', '-'])?;
    let rest = match rest.split_once('/') {
        Some((year, symbol)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => symbol,
        _ => rest,
    };
    Some(format!("{}|{}", number.trim_start_matches('0'), rest))
}

fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.trim().splitn(3, '-');
    let year = it.next()?.parse().ok()?;
    let month = it.next()?.parse().ok()?;
    let day = it.next()?.parse().ok()?;
    Some(Date::new(year, month, day))
}

/// "24/01/2019".
pub fn date_vi(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day, d.month, d.year)
}

/// The `citation/…` rules, configured by the registry of known documents.
pub fn rules(packs: &Packs) -> Result<Vec<Box<dyn Rule>>, Box<PackError>> {
    let registry = Arc::new(Registry::from_packs(packs)?);
    Ok(vec![
        Box::new(malformed_number::MalformedNumber::new(registry.clone())),
        Box::new(date_mismatch::DateMismatch::new(registry.clone())),
        Box::new(wrong_date::WrongDate::new(registry.clone())),
        Box::new(impossible_date::ImpossibleDate::new()),
        Box::new(incomplete::Incomplete::new()),
    ])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn registry() -> Arc<Registry> {
        let packs = match Packs::embedded() {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        match Registry::from_packs(&packs) {
            Ok(r) => Arc::new(r),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn registry_finds_by_key_and_by_number_without_year() {
        let reg = registry();
        let found: Vec<&str> = reg.by_number("118", "NĐ-CP").map(|k| k.key.as_str()).collect();
        assert_eq!(found, vec!["118/2025/NĐ-CP"]);
        assert_eq!(number_key("226-KL/TW").as_deref(), Some("226|KL/TW"));
        assert_eq!(number_key("09/2019/NĐ-CP").as_deref(), Some("9|NĐ-CP"));
    }

    #[test]
    fn registry_rejects_a_bad_date() {
        let src = "[pack]\nname = \"x\"\nversion = \"1\"\n[[document]]\nkey = \"1/QĐ-TTg\"\ndate = \"2026-02-30\"\nissuer = \"x\"\ntitle = \"x\"\nbasis = \"x\"\n";
        let Ok(pack) =
            crate::packs::Pack::parse(crate::packs::PackOrigin::Embedded("x.toml"), src.to_owned())
        else {
            panic!("pack does not parse")
        };
        let mut packs = Packs::default();
        packs.add(pack);
        assert!(Registry::from_packs(&packs).is_err());
    }
}
