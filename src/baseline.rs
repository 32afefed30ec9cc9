//! Baselines: accept today's findings, report only new ones.
//!
//! A finding is keyed by file, rule, the matched text (NFC) and the words around it on its line
//! — never by line number, so inserting a paragraph above does not resurface old findings (the
//! gap users keep reporting in ruff#1149). Identical keys are counted: a baseline with two
//! "chông chéo" findings hides two, and a third one is new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::pipeline::{Finding, Report};

const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
struct Key {
    path: String,
    rule: String,
    text: String,
    context: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Default)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// The path as a key: `/` separators, no leading `./`.
fn path_key(p: &str) -> String {
    let s = p.replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_owned()
}

fn key(path: &str, f: &Finding) -> Key {
    Key {
        path: path_key(path),
        rule: f.rule.clone(),
        text: f.key_text.clone(),
        context: f.key_context.clone(),
    }
}

impl Baseline {
    pub fn from_reports(reports: &[Report]) -> Baseline {
        let mut b = Baseline::default();
        for r in reports {
            let Ok(c) = &r.outcome else { continue };
            for f in &c.findings {
                *b.counts.entry(key(&r.path, f)).or_insert(0) += 1;
            }
        }
        b
    }

    /// Number of findings recorded.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        let file = BaselineFile {
            version: VERSION,
            entries: self.counts.iter().map(|(k, &count)| Entry { key: k.clone(), count }).collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| crate::discover::io_message(&e))
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::discover::io_message(&e))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("baseline không hợp lệ (invalid baseline): {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "phiên bản baseline {} không hỗ trợ (unsupported baseline version)",
                file.version
            ));
        }
        let mut b = Baseline::default();
        for e in file.entries {
            *b.counts.entry(e.key).or_insert(0) += e.count;
        }
        Ok(b)
    }

    /// A filter that hides, report by report, the findings this baseline accounts for.
    pub fn into_filter(self) -> Filter {
        Filter { left: self.counts, checked: Default::default() }
    }
}

/// The findings of a baseline not yet matched in this run.
#[derive(Debug)]
pub struct Filter {
    left: BTreeMap<Key, usize>,
    /// Paths checked in this run (only their entries can be judged stale).
    checked: std::collections::BTreeSet<String>,
}

/// A baseline entry that matched nothing in a file that was checked: the finding was fixed
/// (or its words changed), and the entry can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub rule: String,
    pub text: String,
    pub count: usize,
}

impl Filter {
    /// Drop the findings of `report` that the baseline accounts for; returns how many.
    pub fn apply(&mut self, report: &mut Report) -> usize {
        let mut dropped = 0;
        let path = report.path.clone();
        let Ok(c) = &mut report.outcome else { return 0 };
        self.checked.insert(path_key(&path));
        c.findings.retain(|f| match self.left.get_mut(&key(&path, f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                dropped += 1;
                false
            }
            _ => true,
        });
        dropped
    }

    /// Entries for checked files that no finding matched.
    pub fn stale(&self) -> Vec<Stale> {
        self.left
            .iter()
            .filter(|(k, n)| **n > 0 && self.checked.contains(&k.path))
            .map(|(k, &n)| Stale {
                path: k.path.clone(),
                rule: k.rule.clone(),
                text: k.text.clone(),
                count: n,
            })
            .collect()
    }
}
