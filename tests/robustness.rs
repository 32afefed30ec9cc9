//! Inputs a reviewer's folder really holds: each is read and checked, or refused with a reason —
//! and legacy-font text is named as such instead of producing thousands of misspellings.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn check_json(dir: &Path, files: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(["check", "--format", "json", "--isolated", "--fail-on", "error"])
        .args(files)
        .current_dir(dir)
        .output();
    let Ok(out) = out else { panic!("cannot run rasoat") };
    let Ok(v) = serde_json::from_slice::<Value>(&out.stdout) else {
        panic!("no JSON: {}", String::from_utf8_lossy(&out.stderr))
    };
    (out.status.code().unwrap_or(-1), v)
}

fn rules_of(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str().map(String::from))
        .collect()
}

#[test]
fn legacy_font_text_is_named_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // The national motto and a sentence, typed in TCVN3 (ABC) and in VNI, read as Unicode.
    let tcvn3 = "céng hßa x· héi chñ nghÜa viÖt nam\n§éc lËp - Tù do - H¹nh phóc\n\nKÕ ho¹ch triÓn khai thùc hiÖn chuyÓn ®æi sè n¨m 2026 cña ñy ban nh©n d©n x·.\n";
    let vni = "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc\n\nKeá hoaïch trieån khai thöïc hieän chuyeån ñoåi soá naêm 2026 cuûa UÛy ban nhaân daân xaõ.\n";
    for (name, text) in [("tcvn3.txt", tcvn3), ("vni.txt", vni)] {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let (_, v) = check_json(dir.path(), &["tcvn3.txt", "vni.txt"]);
    for i in 0..2 {
        let f = &v["files"][i];
        assert_eq!(rules_of(f), ["encoding/legacy-font"], "{}", f["path"]);
    }
}

#[test]
fn odd_but_valid_inputs_are_checked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path();
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(p.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    write("empty.txt", b"");
    // Old Mac line endings: CR only. The finding on line 3 must say line 3.
    write("cr.txt", "KẾ HOẠCH\rDòng hai\rkhắc phục tình trạng chông chéo.\r".as_bytes());
    // Mixed scripts: Vietnamese with Chinese, Russian and English in one paragraph.
    write(
        "mixed.txt",
        "Hợp tác với 中国 và Россия (Russia) về chuyển đổi số; tình trạng chông chéo.\n".as_bytes(),
    );
    // One line of 5 MB: no paragraph breaks at all.
    let sentence = "Tăng cường ứng dụng công nghệ thông tin trong xử lý văn bản, ";
    let mut long = sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1);
    long.push_str("khắc phục tình trạng chông chéo.");
    write("one-line.txt", long.as_bytes());
    let (code, v) = check_json(p, &["empty.txt", "cr.txt", "mixed.txt", "one-line.txt"]);
    assert_eq!(v["errors"], serde_json::json!([]), "{v}");
    assert_eq!(v["summary"]["files"], 4);
    assert_eq!(code, 1, "the misspellings are errors");
    assert!(rules_of(&v["files"][0]).is_empty(), "an empty file has nothing to report");
    let cr = v["files"][1]["diagnostics"].as_array().cloned().unwrap_or_default();
    let Some(d) = cr.iter().find(|d| d["snippet"] == "chông chéo") else { panic!("cr.txt: {cr:?}") };
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(22)));
    for i in [2, 3] {
        let f = &v["files"][i];
        let found = f["diagnostics"].as_array().into_iter().flatten().any(|d| d["snippet"] == "chông chéo");
        assert!(found, "{}: {:?}", f["path"], rules_of(f));
    }
}

#[test]
fn baseline_lists_entries_that_no_longer_match() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path();
    let write = |text: &str| std::fs::write(p.join("a.txt"), text).unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
            .args(args)
            .current_dir(p)
            .env("NO_COLOR", "1")
            .output();
        let Ok(out) = out else { panic!("cannot run rasoat") };
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    write("Khắc phục tình trạng chông chéo.\nKhông sử lý văn bản.\n");
    run(&["baseline", "--isolated", "--select", "spelling/confusion", "a.txt"]);
    // A paragraph inserted above, one finding fixed, one new finding.
    write("Đoạn mới.\n\nKhắc phục tình trạng chông chéo.\nKhông xử lý văn bản, bổ xung.\n");
    let out = run(&[
        "check",
        "--isolated",
        "--select",
        "spelling/confusion",
        "--baseline",
        "rasoat-baseline.json",
        "a.txt",
    ]);
    assert!(out.contains("bổ xung"), "the new finding is shown:\n{out}");
    assert!(!out.contains("→ chồng chéo"), "the baselined finding is hidden:\n{out}");
    assert!(out.contains("không còn khớp") && out.contains("«sử lý»"), "the fixed one is listed:\n{out}");
}
