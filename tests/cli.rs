//! End-to-end tests of the `rasoat` binary: the JSON contract, exit codes, bad inputs,
//! encodings, configuration, renderers and subcommands.
//!
//! Findings come from the test pack in `tests/fixtures/packs` (one made-up `[[confusion]]`
//! entry, "chữ sai" → "chữ đúng") with `--select spelling/confusion`, so the tests do not
//! depend on the shipped rule data.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BIN: &str = env!("CARGO_BIN_EXE_rasoat");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn pack_dir() -> String {
    fixtures().join("packs").display().to_string()
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn json(&self) -> Result<Value, Box<dyn std::error::Error>> {
        serde_json::from_str(&self.stdout).map_err(|e| format!("bad JSON ({e}): {}", self.stdout).into())
    }
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Result<Out, Box<dyn std::error::Error>> {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default())?;
    }
    let out = child.wait_with_output()?;
    Ok(Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// `rasoat check --rules <test pack> --select spelling/confusion <extra...>` in `dir`.
fn check(dir: &Path, extra: &[&str], stdin: Option<&[u8]>) -> Result<Out, Box<dyn std::error::Error>> {
    let pack = pack_dir();
    let mut args = vec!["check", "--rules", pack.as_str(), "--select", "spelling/confusion"];
    args.extend_from_slice(extra);
    run_in(dir, &args, stdin)
}

const PLAN: &str = "Dòng một\nCó chữ sai ở đây.\n";
const CLEAN: &str = "Dòng một\nCó chữ đúng ở đây.\n";

fn first_diag(v: &Value) -> Result<&Value, Box<dyn std::error::Error>> {
    v["files"][0]["diagnostics"].get(0).ok_or_else(|| format!("no diagnostic in {v}").into())
}

#[test]
fn json_contract_field_by_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let out = check(dir.path(), &["--format", "json", "plan.txt"], None)?;
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    let v = out.json()?;
    // serde_json's map is sorted: compare key sets, sorted.
    let top: Vec<&str> = v.as_object().ok_or("not an object")?.keys().map(String::as_str).collect();
    assert_eq!(top, ["errors", "files", "summary", "tool", "version"]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "rasoat");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["files"][0]["path"], "plan.txt");
    assert!(v["files"][0]["profiles"].is_array());
    let d = first_diag(&v)?;
    let mut keys: Vec<&str> = d.as_object().ok_or("diag not an object")?.keys().map(String::as_str).collect();
    let mut expected = [
        "rule",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "snippet",
        "suggestions",
        "related",
    ];
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(d["rule"], "spelling/confusion");
    assert_eq!(d["category"], "spelling");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().is_some_and(|m| m.contains("chữ đúng")));
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(4)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(2), Some(11)));
    // "Dòng một\n" is 12 bytes, "Có " 4 more; "chữ sai" is 9 bytes.
    assert_eq!((d["start"].as_u64(), d["end"].as_u64()), (Some(16), Some(25)));
    assert_eq!(d["snippet"], "chữ sai");
    assert_eq!(d["suggestions"], serde_json::json!([{"replacement": "chữ đúng", "safe": true}]));
    assert_eq!(d["related"], serde_json::json!([]));
    assert_eq!(v["errors"], serde_json::json!([]));
    assert_eq!(v["summary"], serde_json::json!({"files": 1, "diagnostics": 1, "errors": 0}));
    Ok(())
}

#[test]
fn english_messages_with_lang_en() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let vi = check(dir.path(), &["--format", "json", "plan.txt"], None)?.json()?;
    let en = check(dir.path(), &["--format", "json", "--lang", "en", "plan.txt"], None)?.json()?;
    let (mv, me) = (first_diag(&vi)?["message"].clone(), first_diag(&en)?["message"].clone());
    assert_ne!(mv, me, "--lang en should change the message");
    Ok(())
}

#[test]
fn exit_codes_and_fail_on() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    std::fs::write(dir.path().join("clean.txt"), CLEAN)?;
    assert_eq!(check(dir.path(), &["clean.txt"], None)?.code, 0);
    assert_eq!(check(dir.path(), &["plan.txt"], None)?.code, 1);
    // Downgraded to a warning by configuration: fails only with --fail-on warning.
    std::fs::write(dir.path().join("rasoat.toml"), "[rules.severity]\n\"spelling\" = \"warning\"\n")?;
    assert_eq!(check(dir.path(), &["plan.txt"], None)?.code, 0);
    assert_eq!(check(dir.path(), &["--fail-on", "warning", "plan.txt"], None)?.code, 1);
    assert_eq!(check(dir.path(), &["--fail-on", "info", "plan.txt"], None)?.code, 1);
    // Usage errors.
    assert_eq!(check(dir.path(), &["--format", "xml", "plan.txt"], None)?.code, 2);
    assert_eq!(check(dir.path(), &["--select", "bogus", "plan.txt"], None)?.code, 2);
    Ok(())
}

#[test]
fn select_and_ignore_by_id_and_category() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let pack = pack_dir();
    let n = |args: &[&str]| -> Result<u64, Box<dyn std::error::Error>> {
        let mut a = vec!["check", "--rules", pack.as_str(), "--format", "json"];
        a.extend_from_slice(args);
        a.push("plan.txt");
        let v = run_in(dir.path(), &a, None)?.json()?;
        Ok(v["files"][0]["diagnostics"]
            .as_array()
            .ok_or("no diagnostics array")?
            .iter()
            .filter(|d| d["rule"] == "spelling/confusion")
            .count() as u64)
    };
    assert_eq!(n(&["--select", "spelling/confusion"])?, 1);
    assert_eq!(n(&["--select", "spelling"])?, 1);
    assert_eq!(n(&["--select", "style,spelling"])?, 1);
    assert_eq!(n(&["--select", "style"])?, 0);
    assert_eq!(n(&["--ignore", "spelling"])?, 0);
    assert_eq!(n(&["--select", "spelling", "--ignore", "spelling/confusion"])?, 0);
    Ok(())
}

#[test]
fn stdin_is_read_with_dash() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = check(dir.path(), &["--format", "json", "-"], Some(PLAN.as_bytes()))?;
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v = out.json()?;
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(first_diag(&v)?["start"], 16);

    // `--stdin-filename`: shown under that name, configured by the rasoat.toml above it.
    std::fs::create_dir(dir.path().join("sub"))?;
    std::fs::write(dir.path().join("sub/rasoat.toml"), "[rules.severity]\nspelling = \"info\"\n")?;
    let args = ["--format", "json", "--stdin-filename", "sub/x.txt", "-"];
    let v = check(dir.path(), &args, Some(PLAN.as_bytes()))?.json()?;
    assert_eq!(v["files"][0]["path"], "sub/x.txt");
    assert_eq!(first_diag(&v)?["severity"], "info");
    Ok(())
}

/// Positions for the same finding in every supported encoding and normalisation.
#[test]
fn encodings_give_positions_in_the_users_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(PLAN.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(PLAN.as_bytes());
    let crlf = PLAN.replace('\n', "\r\n");
    // NFD: ò = o+U+0300, ộ = o+U+0323+U+0302, ó = o+U+0301, ữ = u+U+031B+U+0303.
    let nfd = "Do\u{300}ng mo\u{323}\u{302}t\nCo\u{301} chu\u{31b}\u{303} sai ở đây.\n";
    // windows-1258: "Có chữ sai": ó = F3, ư = FD, combining tilde = DE.
    let cp1258: Vec<u8> = [b"C".as_slice(), &[0xF3], b" ch", &[0xFD, 0xDE], b" sai."].concat();
    let cases: Vec<(&str, Vec<u8>, [u64; 6], &str)> = vec![
        // name, bytes, [line, column, end_line, end_column, start, end], snippet
        ("utf16.txt", utf16, [2, 4, 2, 11, 2 + 2 * 12, 2 + 2 * 19], "chữ sai"),
        ("bom.txt", bom, [2, 4, 2, 11, 19, 28], "chữ sai"),
        ("crlf.txt", crlf.into_bytes(), [2, 4, 2, 11, 17, 26], "chữ sai"),
        ("nfd.txt", nfd.as_bytes().to_vec(), [2, 5, 2, 14, 20, 31], "chu\u{31b}\u{303} sai"),
        ("cp1258.txt", cp1258, [1, 4, 1, 12, 3, 11], "ch\u{1b0}\u{303} sai"),
    ];
    for (name, bytes, _, _) in &cases {
        std::fs::write(dir.path().join(name), bytes)?;
    }
    let mut args = vec!["--format", "json"];
    args.extend(cases.iter().map(|c| c.0));
    let out = check(dir.path(), &args, None)?;
    let v = out.json()?;
    assert_eq!(v["errors"], serde_json::json!([]), "{}", out.stdout);
    for (i, (name, _, pos, snippet)) in cases.iter().enumerate() {
        let f = &v["files"][i];
        assert_eq!(f["path"], *name);
        let d = f["diagnostics"].get(0).ok_or_else(|| format!("{name}: no finding"))?;
        let got: Vec<u64> = ["line", "column", "end_line", "end_column", "start", "end"]
            .iter()
            .map(|k| d[*k].as_u64().unwrap_or(u64::MAX))
            .collect();
        assert_eq!(got, pos.to_vec(), "{name}");
        assert_eq!(d["snippet"], *snippet, "{name}");
    }
    Ok(())
}

#[test]
fn every_bad_input_is_reported_and_the_rest_still_checked() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    std::fs::write(p.join("good.txt"), PLAN)?;
    std::fs::create_dir(p.join("empty"))?;
    std::fs::write(p.join("empty/readme.md"), "not a plan")?;
    std::fs::write(p.join("binary.txt"), b"PK\x03\x04\x00\x00\x01\x02")?;
    let garbage: Vec<u8> = (0..200u8).map(|i| 0x80 | (i % 0x3F)).collect();
    std::fs::write(p.join("garbage.txt"), garbage)?;
    std::fs::write(p.join("big.txt"), "a".repeat(2048))?;
    std::fs::create_dir(p.join("badcfg"))?;
    std::fs::write(p.join("badcfg/rasoat.toml"), "[rules]\nselect = 3\n")?;
    std::fs::write(p.join("badcfg/x.txt"), PLAN)?;
    #[cfg(unix)]
    {
        std::fs::create_dir(p.join("loop"))?;
        std::os::unix::fs::symlink(".", p.join("loop/self"))?;
        std::fs::write(p.join("loop/a.txt"), CLEAN)?;
        std::os::unix::fs::symlink("selfref.txt", p.join("selfref.txt"))?;
    }
    let args = [
        "--format",
        "json",
        "--max-file-size",
        "1k",
        "missing.txt",
        "empty",
        "binary.txt",
        "garbage.txt",
        "big.txt",
        "badcfg/x.txt",
        "nomatch-*.txt",
        "good.txt",
    ];
    let out = check(p, &args, None)?;
    assert_eq!(out.code, 2, "{}", out.stderr);
    let v = out.json()?;
    let errors = v["errors"].as_array().ok_or("errors not an array")?;
    let msg = |path: &str| -> String {
        errors
            .iter()
            .find(|e| e["path"] == path)
            .and_then(|e| e["message"].as_str())
            .unwrap_or("<no error reported>")
            .to_owned()
    };
    for e in errors {
        let m = e["message"].as_str().unwrap_or_default();
        assert!(!m.is_empty() && !m.contains('\n'), "one-line reason expected: {e}");
    }
    assert!(msg("missing.txt").contains("không tìm thấy"), "{}", msg("missing.txt"));
    assert!(msg("empty").contains("no matching files"), "{}", msg("empty"));
    assert!(msg("binary.txt").contains("binary"), "{}", msg("binary.txt"));
    assert!(msg("garbage.txt").contains("encoding"), "{}", msg("garbage.txt"));
    assert!(msg("big.txt").contains("too large"), "{}", msg("big.txt"));
    assert!(msg("badcfg/x.txt").contains("configuration"), "{}", msg("badcfg/x.txt"));
    assert!(msg("nomatch-*.txt").contains("matched no files"), "{}", msg("nomatch-*.txt"));
    // The configuration error itself, with a miette pointer into the TOML on stderr.
    assert!(errors.iter().any(|e| e["path"].as_str().is_some_and(|s| s.ends_with("rasoat.toml"))));
    assert!(out.stderr.contains("select = 3"), "{}", out.stderr);
    // The good file was still checked.
    let files = v["files"].as_array().ok_or("files not an array")?;
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "good.txt");
    assert_eq!(v["summary"]["errors"].as_u64(), Some(errors.len() as u64));
    // Human output names each bad input on its own line too.
    let human = check(p, &["missing.txt", "binary.txt", "good.txt"], None)?;
    assert_eq!(human.code, 2);
    assert!(
        human.stderr.lines().any(|l| l.contains("missing.txt") && l.contains("không tìm thấy")),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.lines().any(|l| l.contains("binary.txt") && l.contains("binary")),
        "{}",
        human.stderr
    );
    assert!(human.stdout.contains("good.txt"), "{}", human.stdout);
    #[cfg(unix)]
    {
        let out = check(p, &["--format", "json", "loop", "selfref.txt"], None)?;
        let v = out.json()?;
        let text = v["errors"].to_string();
        assert!(text.contains("symlink loop"), "{text}");
        assert_eq!(out.code, 2);
        // The real file inside the looping directory is still checked, once.
        assert_eq!(v["files"].as_array().map(Vec::len), Some(1), "{}", out.stdout);
    }
    Ok(())
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir()?;
    let f = dir.path().join("secret.txt");
    std::fs::write(&f, PLAN)?;
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000))?;
    if std::fs::read(&f).is_ok() {
        // Running as root: permissions do not apply, nothing to test.
        return Ok(());
    }
    let out = check(dir.path(), &["--format", "json", "secret.txt"], None)?;
    assert_eq!(out.code, 2);
    assert!(out.json()?["errors"][0]["message"].as_str().is_some_and(|m| m.contains("quyền")));
    Ok(())
}

#[test]
fn directories_and_globs_in_order() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    std::fs::create_dir_all(p.join("d/sub"))?;
    std::fs::write(p.join("d/b.txt"), CLEAN)?;
    std::fs::write(p.join("d/a.txt"), PLAN)?;
    std::fs::write(p.join("d/sub/c.txt"), PLAN)?;
    std::fs::write(p.join("d/skip.md"), PLAN)?;
    let v = check(p, &["--format", "json", "--jobs", "2", "d", "d/*.txt"], None)?.json()?;
    let paths: Vec<&str> =
        v["files"].as_array().ok_or("no files")?.iter().filter_map(|f| f["path"].as_str()).collect();
    // Walk order is by name; the glob finds nothing new (duplicates are checked once).
    assert_eq!(paths, ["d/a.txt", "d/b.txt", "d/sub/c.txt"]);
    Ok(())
}

#[test]
fn config_discovery_extend_and_ignore_entries() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    std::fs::create_dir_all(p.join("team/drafts"))?;
    std::fs::write(p.join("rasoat.toml"), "[rules.severity]\n\"spelling\" = \"warning\"\n")?;
    std::fs::write(
        p.join("team/rasoat.toml"),
        "extend = \"../rasoat.toml\"\n\n[[ignore]]\npath = \"drafts/old-*.txt\"\nrules = [\"spelling\"]\nreason = \"bản cũ\"\n\n[[ignore]]\npath = \"nowhere/*.txt\"\nrules = [\"spelling\"]\nreason = \"không dùng\"\n\n[[ignore]]\npath = \"drafts/new.txt\"\nrules = [\"format\"]\nreason = \"cũ\"\n\n[[ignore]]\npath = \"other/*.txt\"\nrules = [\"spelling\"]\nreason = \"không kiểm tra lần này\"\n",
    )?;
    std::fs::write(p.join("team/drafts/new.txt"), PLAN)?;
    std::fs::write(p.join("team/drafts/old-1.txt"), PLAN)?;
    std::fs::create_dir_all(p.join("team/other"))?;
    std::fs::write(p.join("team/other/a.txt"), PLAN)?;
    std::fs::write(p.join("top.txt"), PLAN)?;
    let out =
        check(p, &["--format", "json", "top.txt", "team/drafts/new.txt", "team/drafts/old-1.txt"], None)?;
    let v = out.json()?;
    // Severity inherited through `extend`; the ignore entry suppresses old-1.txt.
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "warning");
    assert_eq!(v["files"][1]["diagnostics"][0]["severity"], "warning");
    assert_eq!(v["files"][2]["diagnostics"], serde_json::json!([]));
    assert_eq!(out.code, 0, "warnings do not fail by default");
    // The unused entry is reported, the used one is not.
    // Stale entries are reported: one matches no file, one suppressed nothing in the files it
    // matched. The used one and the one for files not checked this time are not.
    assert!(out.stderr.contains("\"nowhere/*.txt\" không khớp tệp nào"), "{}", out.stderr);
    assert!(out.stderr.contains("\"drafts/new.txt\" không bỏ qua"), "{}", out.stderr);
    assert!(!out.stderr.contains("drafts/old-*.txt"), "{}", out.stderr);
    assert!(!out.stderr.contains("other/*.txt"), "{}", out.stderr);

    // `--isolated` ignores every rasoat.toml.
    let v = check(p, &["--format", "json", "--isolated", "team/drafts/old-1.txt"], None)?.json()?;
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "error");

    // `--config FILE` overrides discovery.
    std::fs::write(p.join("strict.toml"), "[rules]\nselect = [\"spelling\"]\n")?;
    let v =
        check(p, &["--format", "json", "--config", "strict.toml", "team/drafts/new.txt"], None)?.json()?;
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "error");

    // `rasoat config FILE` shows the effective configuration and where it came from.
    let out = run_in(p, &["config", "team/drafts/new.txt"], None)?;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("team/rasoat.toml"), "{}", out.stdout);
    assert!(out.stdout.contains("spelling = \"warning\""), "{}", out.stdout);
    assert!(out.stdout.contains("bản cũ"), "{}", out.stdout);
    Ok(())
}

#[test]
fn ignore_entry_without_reason_is_a_config_error() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("rasoat.toml"), "[[ignore]]\npath = \"*.txt\"\nrules = [\"spelling\"]\n")?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let out = check(dir.path(), &["--format", "json", "plan.txt"], None)?;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("reason"), "{}", out.stderr);
    assert!(out.stderr.contains("rasoat.toml"), "{}", out.stderr);
    Ok(())
}

#[test]
fn bad_rule_pack_points_into_the_toml() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let bad = fixtures().join("bad-pack").display().to_string();
    let out = run_in(dir.path(), &["check", "--rules", &bad, "plan.txt"], None)?;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("broken.toml"), "{}", out.stderr);
    assert!(out.stderr.contains("right = \"not a list\""), "{}", out.stderr);
    assert!(out.stderr.contains("expected a sequence"), "{}", out.stderr);
    // Machine-readable output still says why nothing was checked.
    let out = run_in(dir.path(), &["check", "--format", "json", "--rules", &bad, "plan.txt"], None)?;
    assert_eq!(out.code, 2);
    let v = out.json()?;
    assert_eq!(v["errors"][0]["path"], "--rules");
    assert_eq!(v["summary"]["errors"], 1);
    Ok(())
}

#[test]
fn sarif_shape() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let out = check(dir.path(), &["--format", "sarif", "plan.txt"], None)?;
    assert_eq!(out.code, 1);
    let v = out.json()?;
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "rasoat");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().ok_or("no rules")?;
    let rule = rules.iter().find(|r| r["id"] == "spelling/confusion").ok_or("rule missing")?;
    assert!(rule["shortDescription"]["text"].is_string());
    assert!(rule["fullDescription"]["text"].is_string());
    assert!(rule["help"]["text"].is_string());
    let res = &run["results"][0];
    assert_eq!(res["ruleId"], "spelling/confusion");
    assert_eq!(res["level"], "error");
    assert!(res["message"]["text"].is_string());
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "plan.txt");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 11})
    );
    assert!(res["partialFingerprints"]["rasoatContentHash/v1"].as_str().is_some_and(|h| h.len() == 16));
    let rep = &res["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["insertedContent"]["text"], "chữ đúng");
    assert_eq!(rep["deletedRegion"]["startColumn"], 4);
    assert_eq!(
        res["ruleIndex"].as_u64(),
        rules.iter().position(|r| r["id"] == "spelling/confusion").map(|i| i as u64)
    );
    Ok(())
}

#[test]
fn github_workflow_commands() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan, v2.txt"), PLAN)?;
    let out = check(dir.path(), &["--format", "github", "plan, v2.txt"], None)?;
    assert_eq!(out.code, 1);
    let line = out.stdout.lines().next().ok_or("no output")?;
    assert!(
        line.starts_with(
            "::error file=plan%2C v2.txt,line=2,col=4,endLine=2,endColumn=11,title=spelling/confusion::"
        ),
        "{line}"
    );
    Ok(())
}

#[test]
fn human_output_shows_rule_text_and_suggestion() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN)?;
    let out = check(dir.path(), &["plan.txt"], None)?;
    assert_eq!(out.code, 1);
    // The header column is in characters, as in JSON (miette's own would be bytes: 5).
    for needle in ["spelling/confusion", "plan.txt:2:4", "Có chữ sai ở đây.", "chữ đúng", "1 phát hiện"]
    {
        assert!(out.stdout.contains(needle), "missing {needle:?} in\n{}", out.stdout);
    }
    assert!(!out.stdout.contains('\u{1b}'), "no colour when not a terminal");
    let en = check(dir.path(), &["--lang", "en", "plan.txt"], None)?;
    assert!(en.stdout.contains("1 finding"), "{}", en.stdout);
    let quiet = check(dir.path(), &["--quiet", "plan.txt"], None)?;
    assert!(!quiet.stdout.contains("phát hiện ("), "{}", quiet.stdout);
    Ok(())
}

#[test]
fn rules_and_explain() -> TestResult {
    let dir = tempfile::tempdir()?;
    let pack = pack_dir();
    let out = run_in(dir.path(), &["rules", "--rules", &pack], None)?;
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("spelling/confusion"), "{}", out.stdout);
    let out = run_in(dir.path(), &["explain", "spelling/confusion"], None)?;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Căn cứ"), "{}", out.stdout);
    let en = run_in(dir.path(), &["explain", "--lang", "en", "spelling/confusion"], None)?;
    assert!(en.stdout.contains("Legal basis"), "{}", en.stdout);
    let missing = run_in(dir.path(), &["explain", "spelling/confusoin"], None)?;
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("did you mean) spelling/confusion"), "{}", missing.stderr);
    let category = run_in(dir.path(), &["explain", "spelling"], None)?;
    assert_eq!(category.code, 0);
    assert!(category.stdout.contains("spelling/confusion"), "{}", category.stdout);
    Ok(())
}

#[test]
fn parse_dumps_spans_with_positions() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("plan.txt"), PLAN.replace('\n', "\r\n"))?;
    let out = run_in(dir.path(), &["parse", "plan.txt", "--format", "json"], None)?;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json()?;
    let line2 = &v["lines"][1];
    // "Dòng một\n" is 12 bytes normalised, 13 in the file with its CRLF.
    assert_eq!(line2["start"], 12, "normalised offset: {line2}");
    assert_eq!(line2["original_start"], 13, "CRLF counted in the file's bytes: {line2}");
    assert_eq!((line2["line"].as_u64(), line2["column"].as_u64()), (Some(2), Some(1)));
    Ok(())
}

#[test]
fn diff_shows_and_fix_writes_preserving_bytes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let f = dir.path().join("plan.txt");
    let mut original = vec![0xEF, 0xBB, 0xBF];
    original.extend_from_slice(PLAN.replace('\n', "\r\n").as_bytes());
    std::fs::write(&f, &original)?;
    let stdin = check(dir.path(), &["--diff", "-"], Some(PLAN.as_bytes()))?;
    assert!(stdin.stdout.contains("--- a/<stdin>"), "{}", stdin.stdout);
    let out = check(dir.path(), &["--diff", "plan.txt"], None)?;
    assert!(out.stdout.contains("-Có chữ sai ở đây.\n+Có chữ đúng ở đây."), "{}", out.stdout);
    assert_eq!(std::fs::read(&f)?, original, "--diff writes nothing");

    let out = check(dir.path(), &["--fix", "plan.txt"], None)?;
    assert_eq!(out.code, 0, "fixed findings no longer fail: {}{}", out.stdout, out.stderr);
    let mut expected = vec![0xEF, 0xBB, 0xBF];
    expected.extend_from_slice(CLEAN.replace('\n', "\r\n").as_bytes());
    assert_eq!(std::fs::read(&f)?, expected, "BOM and CRLF kept");
    // Idempotent: nothing left to fix.
    assert_eq!(check(dir.path(), &["--fix", "plan.txt"], None)?.code, 0);
    assert_eq!(std::fs::read(&f)?, expected);
    Ok(())
}

#[test]
fn fix_keeps_windows_1258() -> TestResult {
    let dir = tempfile::tempdir()?;
    let f = dir.path().join("plan.txt");
    std::fs::write(&f, [b"C".as_slice(), &[0xF3], b" ch", &[0xFD, 0xDE], b" sai."].concat())?;
    assert_eq!(check(dir.path(), &["--fix", "plan.txt"], None)?.code, 0);
    // "chữ đúng": ư (FD) + combining tilde (DE) as the code page lacks "ữ"; đ = F0, ú = FA.
    let expected = [b"C".as_slice(), &[0xF3], b" ch", &[0xFD, 0xDE], b" ", &[0xF0, 0xFA], b"ng."].concat();
    assert_eq!(std::fs::read(&f)?, expected);
    Ok(())
}

#[test]
fn help_teaches_with_examples() -> TestResult {
    let out = run_in(&std::env::temp_dir(), &["check", "--help"], None)?;
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Ví dụ (examples)"), "{}", out.stdout);
    assert!(out.stdout.contains("--fail-on"), "{}", out.stdout);
    Ok(())
}

#[test]
fn baseline_hides_known_findings_by_content_not_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    std::fs::write(p.join("plan.txt"), PLAN)?;
    let pack = pack_dir();
    let base = ["--rules", pack.as_str(), "--select", "spelling/confusion"];
    let mut args = vec!["baseline", "--output", "base.json"];
    args.extend_from_slice(&base);
    args.push("plan.txt");
    let out = run_in(p, &args, None)?;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(p.join("base.json"))?)?;
    assert_eq!(saved["entries"][0]["text"], "chữ sai");

    // Lines inserted above: the old finding stays hidden; a new one on another line shows.
    std::fs::write(p.join("plan.txt"), format!("Mở đầu.\n\n{PLAN}Thêm một chữ sai nữa.\n"))?;
    let out = check(p, &["--format", "json", "--baseline", "base.json", "plan.txt"], None)?;
    let v = out.json()?;
    let diags = v["files"][0]["diagnostics"].as_array().ok_or("no diagnostics")?;
    assert_eq!(diags.len(), 1, "{}", out.stdout);
    assert_eq!(diags[0]["line"], 5);
    assert_eq!(out.code, 1);

    let bad = check(p, &["--baseline", "missing.json", "plan.txt"], None)?;
    assert_eq!(bad.code, 2);
    Ok(())
}

#[test]
fn config_rules_dirs_are_relative_to_the_config_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    std::fs::create_dir_all(p.join("office/packs"))?;
    std::fs::create_dir_all(p.join("office/drafts"))?;
    std::fs::copy(fixtures().join("packs/e2e.toml"), p.join("office/packs/e2e.toml"))?;
    std::fs::write(p.join("office/rasoat.toml"), "rules_dirs = [\"packs\"]\nmax_file_size = \"1MB\"\n")?;
    std::fs::write(p.join("office/drafts/plan.txt"), PLAN)?;
    let args = ["check", "--format", "json", "--select", "spelling/confusion", "office/drafts/plan.txt"];
    let out = run_in(p, &args, None)?;
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(first_diag(&out.json()?)?["snippet"], "chữ sai");

    // A broken pack in a configured directory: that configuration's files are not checked.
    std::fs::copy(fixtures().join("bad-pack/broken.toml"), p.join("office/packs/broken.toml"))?;
    let out = run_in(p, &args, None)?;
    assert_eq!(out.code, 2);
    assert!(out.json()?["errors"][0]["message"].as_str().is_some_and(|m| m.contains("rule pack")));
    assert!(out.stderr.contains("broken.toml"), "{}", out.stderr);
    Ok(())
}

#[test]
fn output_is_deterministic_across_thread_counts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let p = dir.path();
    for i in 0..12 {
        let text = if i % 3 == 0 { CLEAN.to_owned() } else { PLAN.repeat(i) };
        std::fs::write(p.join(format!("f{i:02}.txt")), text)?;
    }
    let one = check(p, &["--format", "json", "--jobs", "1", "."], None)?;
    let four = check(p, &["--format", "json", "--jobs", "4", "."], None)?;
    assert_eq!(one.stdout, four.stdout);
    let v = one.json()?;
    assert_eq!(v["summary"]["files"], 12);
    assert_eq!(v["files"][0]["path"], "f00.txt");
    Ok(())
}

/// On the real seeds, with every built-in rule, as given and re-encoded (UTF-16 LE/BE, NFD,
/// CRLF with a BOM): each finding's `start`/`end` cut exactly its `snippet` out of the file, and
/// `line`/`column` count to the same place in the decoded text.
#[test]
fn positions_hold_on_the_real_seeds_for_every_rule() -> TestResult {
    use unicode_normalization::UnicodeNormalization;
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let dir = tempfile::tempdir()?;
    let mut names: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&seeds)? {
        let path = entry?.path();
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else { continue };
        let text = std::fs::read_to_string(&path)?;
        let utf16 = |bom: [u8; 2], be: bool| -> Vec<u8> {
            let units = text.encode_utf16().flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() });
            bom.into_iter().chain(units).collect()
        };
        let mut crlf = vec![0xEF, 0xBB, 0xBF];
        crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
        let variants: [(&str, Vec<u8>); 5] = [
            ("utf8", text.as_bytes().to_vec()),
            ("utf16le", utf16([0xFF, 0xFE], false)),
            ("utf16be", utf16([0xFE, 0xFF], true)),
            ("nfd", text.nfd().collect::<String>().into_bytes()),
            ("crlf-bom", crlf),
        ];
        for (kind, bytes) in variants {
            let name = format!("{stem}.{kind}.txt");
            std::fs::write(dir.path().join(&name), bytes)?;
            names.push(name);
        }
    }
    let out = run_in(dir.path(), &["check", "--format", "json", "."], None)?;
    assert_ne!(out.code, 2, "{}", out.stderr);
    let v = out.json()?;
    assert_eq!(v["errors"], serde_json::json!([]));
    assert_eq!(v["files"].as_array().map(Vec::len), Some(names.len()));
    let mut checked = 0;
    for f in v["files"].as_array().ok_or("no files")? {
        let path = f["path"].as_str().ok_or("no path")?;
        let bytes = std::fs::read(dir.path().join(path))?;
        // The file's encoding, from its BOM; `decode` reads any slice of the file after it.
        let (enc, bom) = match bytes.as_slice() {
            [0xFF, 0xFE, ..] => (encoding_rs::UTF_16LE, 2),
            [0xFE, 0xFF, ..] => (encoding_rs::UTF_16BE, 2),
            [0xEF, 0xBB, 0xBF, ..] => (encoding_rs::UTF_8, 3),
            _ => (encoding_rs::UTF_8, 0),
        };
        let decode = |b: &[u8]| enc.decode_without_bom_handling(b).0.into_owned();
        for d in f["diagnostics"].as_array().ok_or("no diagnostics")? {
            let get = |k: &str| d[k].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(usize::MAX);
            let (start, end) = (get("start"), get("end"));
            let cut = bytes.get(start..end).ok_or_else(|| format!("{path}: span out of the file: {d}"))?;
            let cut_text = decode(cut);
            assert_eq!(cut_text, d["snippet"].as_str().unwrap_or_default(), "{path}: {d}");
            let before = decode(bytes.get(bom..start).unwrap_or_default());
            let lines: Vec<&str> = before.split("\r\n").flat_map(|l| l.split(['\n', '\r'])).collect();
            let column = lines.last().map_or(0, |l| l.chars().count()) + 1;
            assert_eq!((lines.len(), column), (get("line"), get("column")), "{path}: {d}");
            checked += 1;
        }
    }
    assert!(checked > 50, "expected findings on the seeds, got {checked}");
    Ok(())
}

#[test]
fn after_fix_remaining_findings_point_into_the_fixed_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let f = dir.path().join("plan.txt");
    std::fs::write(&f, "Có chữ sai, chữ sai và bản nháp sai.\n")?;
    let out = check(dir.path(), &["--fix", "--format", "json", "plan.txt"], None)?;
    assert_eq!(out.code, 1, "the unsafe one is left: {}{}", out.stdout, out.stderr);
    let written = std::fs::read_to_string(&f)?;
    assert_eq!(written, "Có chữ đúng, chữ đúng và bản nháp sai.\n");
    let v = out.json()?;
    let diags = v["files"][0]["diagnostics"].as_array().ok_or("no diagnostics")?;
    assert_eq!(diags.len(), 1, "{}", out.stdout);
    let d = &diags[0];
    assert_eq!(d["suggestions"][0]["safe"], false);
    let (start, end) = (d["start"].as_u64().unwrap_or(0) as usize, d["end"].as_u64().unwrap_or(0) as usize);
    assert_eq!(written.get(start..end), Some("bản nháp sai"), "{d}");
    // Nothing more to do.
    let again = check(dir.path(), &["--fix", "plan.txt"], None)?;
    assert_eq!(again.code, 1);
    assert_eq!(std::fs::read_to_string(&f)?, written);
    Ok(())
}

/// `tone_style` reaches the rules (`Context::tone_style`), here through the built-in
/// `style/mixed-tone-placement`.
#[test]
fn tone_style_from_the_configuration_reaches_the_rules() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("a.txt"), "Giữ gìn hòa bình.\n")?;
    let args = ["check", "--select", "style/mixed-tone-placement", "--format", "json", "a.txt"];
    let count = |v: &Value| v["files"][0]["diagnostics"].as_array().map_or(0, Vec::len);
    assert_eq!(count(&run_in(dir.path(), &args, None)?.json()?), 0, "one style alone is fine");
    std::fs::write(dir.path().join("rasoat.toml"), "tone_style = \"new\"\n")?;
    let v = run_in(dir.path(), &args, None)?.json()?;
    assert_eq!(count(&v), 1, "{v}");
    assert_eq!(v["files"][0]["diagnostics"][0]["snippet"], "hòa");
    Ok(())
}
