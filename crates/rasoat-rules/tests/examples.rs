//! Every rule documents a bad and a good example; run them all.

use rasoat_rules::examples::check_example;
use rasoat_rules::{Packs, Registry};

#[test]
fn every_rule_has_docs_and_its_examples_hold() {
    let packs = match Packs::embedded() {
        Ok(p) => p,
        Err(e) => panic!("embedded packs do not load: {e}"),
    };
    let registry = match Registry::new(&packs) {
        Ok(r) => r,
        Err(e) => panic!("registry does not build: {e}"),
    };
    let mut failures = Vec::new();
    for rule in registry.rules() {
        let docs = rule.docs();
        if docs.examples.is_empty() {
            failures.push(format!("{}: no examples", rule.id()));
        }
        if docs.summary.vi.is_empty() || docs.why.vi.is_empty() || docs.legal_basis.is_empty() {
            failures.push(format!("{}: docs incomplete", rule.id()));
        }
        for example in &docs.examples {
            if let Err(f) = check_example(rule.as_ref(), example) {
                failures.push(format!("{}: {f}", rule.id()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_category_slash_kebab() {
    let Ok(packs) = Packs::embedded() else { panic!("embedded packs do not load") };
    let Ok(registry) = Registry::new(&packs) else { panic!("registry does not build") };
    let mut seen = std::collections::HashSet::new();
    for rule in registry.rules() {
        let id = rule.id();
        assert!(rasoat_rules::Category::of_rule(id).is_some(), "{id}: unknown category");
        let name = id.split_once('/').map(|(_, n)| n).unwrap_or("");
        assert!(
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}: name is not kebab-case"
        );
        assert!(seen.insert(id.to_owned()), "{id}: registered twice");
    }
}
