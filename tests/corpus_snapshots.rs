//! Expected findings for the real drafts in `corpus/seeds`, as reviewed snapshots.
//!
//! Each seed's findings are rendered one per line — position, rule, severity, the text as the
//! user has it, the suggestion — so a reviewer can read a snapshot diff like a review sheet.
//! A change in what rasoat finds on a real draft fails here until a person accepts it
//! (`cargo insta review`).

use std::path::Path;
use std::process::Command;

fn findings(seed: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(["check", "--format", "json", "--lang", "vi"])
        .arg(seed)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run rasoat: {e}"),
    };
    let json: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("rasoat did not print JSON for {}: {e}", seed.display()),
    };
    let mut lines = Vec::new();
    let file = &json["files"][0];
    lines.push(format!("profiles: {}", file["profiles"]));
    for d in file["diagnostics"].as_array().into_iter().flatten() {
        let suggestion = d["suggestions"]
            .as_array()
            .and_then(|s| s.first())
            .and_then(|s| s["replacement"].as_str())
            .map(|s| format!(" → {s}"))
            .unwrap_or_default();
        let snippet: String = d["snippet"].as_str().unwrap_or("").chars().take(60).collect();
        lines.push(format!(
            "{}:{} {} [{}] «{}»{}",
            d["line"],
            d["column"],
            d["rule"].as_str().unwrap_or(""),
            d["severity"].as_str().unwrap_or(""),
            snippet.replace('\n', "⏎"),
            suggestion
        ));
    }
    lines.join("\n")
}

#[test]
fn seeds_have_their_expected_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join("seeds");
    let mut seeds: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    seeds.sort();
    assert_eq!(seeds.len(), 5, "corpus/seeds should hold the five real drafts");
    for seed in seeds {
        let name = seed.file_stem().and_then(|s| s.to_str()).unwrap_or("seed").to_owned();
        insta::assert_snapshot!(name, findings(&seed));
    }
}

/// The faults a reviewer found by hand in the seeds (DOMAIN.md §5 and the issues): each must be
/// reported by the named rule, on that text, with that suggestion when one is given.
const MUST_FIND: &[(&str, &str, &str, Option<&str>)] = &[
    ("000", "spelling/", "chông chéo", Some("chồng chéo")),
    ("000", "spelling/", "hợp trực tuyến", Some("họp trực tuyến")),
    ("000", "spelling/", "Công TTĐT", Some("Cổng TTĐT")),
    ("000", "spelling/confusion", "ngợi", Some("hội nghị")),
    ("001", "spelling/", "Phân đấu", Some("Phấn đấu")),
    ("001", "spelling/", "những nhiều", Some("nhũng nhiễu")),
    ("001", "terminology/abolished-unit", "thị trấn", None),
    ("002", "spelling/", "chuyên đổi số", Some("chuyển đổi số")),
    ("002", "spelling/repeated-word", "Các Các", Some("Các")),
    ("002", "target/weakened", "đa số", None),
    ("002", "duplicate/directive", "Đôn đốc, duy trì các chế độ báo cáo", None),
    ("003", "spelling/", "Phần đầu", Some("Phấn đấu")),
    ("003", "format/document-number", "KH- SXD", Some("KH-SXD")),
    ("003", "citation/malformed-number", "226- KL/TW", Some("226-KL/TW")),
    ("004", "spelling/", "Công TTĐT", Some("Cổng TTĐT")),
    ("004", "structure/numbering", "f)", Some("g)")),
    ("004", "structure/numbering", "e)", Some("đ)")),
    ("004", "citation/malformed-number", "118/NĐ-CP", None),
];

#[test]
fn seeds_faults_found_by_hand_are_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join("seeds");
    let out =
        Command::new(env!("CARGO_BIN_EXE_rasoat")).args(["check", "--format", "json"]).arg(&dir).output();
    let Ok(out) = out else { panic!("cannot run rasoat") };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else { panic!("no JSON") };
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let mut missing = Vec::new();
    for &(seed, rule, snippet, suggestion) in MUST_FIND {
        let Some(file) =
            files.iter().find(|f| f["path"].as_str().is_some_and(|p| p.contains(&format!("/{seed}_"))))
        else {
            panic!("seed {seed} not checked")
        };
        let found = file["diagnostics"].as_array().into_iter().flatten().any(|d| {
            d["rule"].as_str().is_some_and(|r| r.starts_with(rule))
                && d["snippet"].as_str().is_some_and(|s| s.contains(snippet))
                && suggestion.is_none_or(|want| {
                    d["suggestions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|s| s["replacement"].as_str() == Some(want))
                })
        });
        if !found {
            missing.push(format!("{seed}: {rule} «{snippet}» → {suggestion:?}"));
        }
    }
    assert!(missing.is_empty(), "not reported:\n{}", missing.join("\n"));
    // The administrative-reform plan does not implement KL 226 / QĐ 534: no target findings.
    let Some(seed004) = files.iter().find(|f| f["path"].as_str().is_some_and(|p| p.contains("/004_"))) else {
        panic!("seed 004 not checked")
    };
    let targets = seed004["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("target/")))
        .count();
    assert_eq!(targets, 0);
    assert_eq!(seed004["profiles"], serde_json::json!([]));
}
