//! SARIF 2.1.0 for GitHub code scanning.
//!
//! Written with `serde_json::json!` rather than the `serde-sarif` crate: we emit a small, fixed
//! subset of the schema, and the typed crate (with its builder and strum dependencies) would
//! add a heavy compile for no extra checking of what matters — the end-to-end tests pin the shape.

use std::path::Path;

use rasoat_rules::{Lang, Severity};
use serde_json::{Value, json};

use crate::pipeline::{Finding, Report};

/// What SARIF needs to know about a rule (`tool.driver.rules[]`).
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub category: String,
    pub severity: Severity,
    pub docs: rasoat_rules::RuleDocs,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a relative path into a URI reference (`/` kept, UTF-8 bytes escaped).
pub fn uri_of(path: &str) -> String {
    let p = Path::new(path);
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (rel, absolute) = match abs.strip_prefix(&cwd) {
        Ok(r) => (r.to_string_lossy().replace('\\', "/"), false),
        Err(_) => (abs.to_string_lossy().replace('\\', "/"), true),
    };
    let mut out = String::with_capacity(rel.len());
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if absolute { format!("file://{out}") } else { out }
}

fn location(uri: &str, absolute: bool, line: usize, col: usize, end_line: usize, end_col: usize) -> Value {
    let mut artifact = json!({ "uri": uri });
    if !absolute {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col
            }
        }
    })
}

fn rule_json(r: &RuleMeta, lang: Lang) -> Value {
    let d = &r.docs;
    // The same help as plain text and as Markdown (GitHub shows the Markdown).
    let basis = "Căn cứ (legal basis)";
    let mut text = format!("{}\n\n{}\n\n{basis}: {}\n", d.summary.get(lang), d.why.get(lang), d.legal_basis);
    let mut md =
        format!("{}\n\n{}\n\n**{basis}:** {}\n", d.summary.get(lang), d.why.get(lang), d.legal_basis);
    for ex in &d.examples {
        text.push_str(&format!("\n✗ {}\n✓ {}\n", ex.bad, ex.good));
        md.push_str(&format!("\n- ✗ {}\n- ✓ {}\n", ex.bad, ex.good));
    }
    json!({
        "id": r.id,
        "name": r.id,
        "shortDescription": { "text": d.summary.get(lang) },
        "fullDescription": { "text": format!("{} ({basis}: {})", d.why.get(lang), d.legal_basis) },
        "help": { "text": text, "markdown": md },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "category": r.category, "tags": [r.category], "source": d.source }
    })
}

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between Rust releases).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn result_json(
    f: &Finding,
    uri: &str,
    absolute: bool,
    rule_index: Option<usize>,
    occurrence: usize,
) -> Value {
    // Keyed by content, not line (as the baseline): alerts survive lines moving.
    let occurrence = occurrence.to_string();
    let fingerprint = format!("{:016x}", fnv1a(&[uri, &f.rule, &f.key_text, &f.key_context, &occurrence]));
    let mut res = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [location(uri, absolute, f.line, f.column, f.end_line, f.end_column)],
        "partialFingerprints": { "rasoatContentHash/v1": fingerprint },
    });
    if let Some(i) = rule_index {
        res["ruleIndex"] = json!(i);
    }
    if !f.related.is_empty() {
        res["relatedLocations"] = Value::Array(
            f.related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut l = location(uri, absolute, r.line, r.column, r.end_line, r.end_column);
                    l["id"] = json!(i);
                    l["message"] = json!({ "text": r.message });
                    l
                })
                .collect(),
        );
    }
    let fixes: Vec<Value> = f
        .suggestions
        .iter()
        .filter(|s| s.safe)
        .map(|s| {
            let mut artifact = json!({ "uri": uri });
            if !absolute {
                artifact["uriBaseId"] = json!("%SRCROOT%");
            }
            json!({
                "description": { "text": format!("{} → {}", f.snippet, s.replacement) },
                "artifactChanges": [{
                    "artifactLocation": artifact,
                    "replacements": [{
                        "deletedRegion": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column
                        },
                        "insertedContent": { "text": s.replacement }
                    }]
                }]
            })
        })
        .collect();
    if !fixes.is_empty() {
        res["fixes"] = Value::Array(fixes);
    }
    res
}

pub fn render(
    reports: &[Report],
    rules: &[RuleMeta],
    extra_errors: &[(String, String)],
    lang: Lang,
) -> String {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        let uri = uri_of(&r.path);
        let absolute = uri.starts_with("file://");
        match &r.outcome {
            Ok(c) => {
                let mut seen: std::collections::HashMap<(&str, &str, &str), usize> = Default::default();
                for f in &c.findings {
                    let idx = rules.iter().position(|m| m.id == f.rule);
                    let n = seen.entry((&f.rule, &f.key_text, &f.key_context)).or_insert(0);
                    results.push(result_json(f, &uri, absolute, idx, *n));
                    *n += 1;
                }
            }
            Err(m) => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {m}", r.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }]
            })),
        }
    }
    for (p, m) in extra_errors {
        notifications.push(json!({ "level": "error", "message": { "text": format!("{p}: {m}") } }));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = format!("file://{}/", uri_of_abs(&cwd));
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rasoat",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/rasoat",
                "rules": rules.iter().map(|r| rule_json(r, lang)).collect::<Vec<_>>()
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root } },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications
            }],
            "results": results
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// An absolute path as URI path characters (no scheme), without a trailing slash.
fn uri_of_abs(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in s.trim_end_matches('/').bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
