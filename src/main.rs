//! `rasoat`: the command-line interface. See `rasoat --help` and DESIGN.md for the contracts
//! (JSON shape, flags, exit codes 0/1/2).
//!
//! How a `check` runs:
//! - [`cli`]: the arguments (clap derive) and their help, with examples.
//! - [`discover`]: `PATH|GLOB|-` arguments → inputs in the order given, or one-line reasons
//!   (missing, empty directory, symlink loop…) that become JSON `errors`.
//! - [`config`]: the `rasoat.toml` for each input (closest upward, `extend`, `--config`), turned
//!   into a rule `Selection`, a `Context` and `[[ignore]]` entries.
//! - [`pipeline`]: one job per input on a rayon pool: read (size-limited) → decode/parse →
//!   rules → suppress → position (contract line/column/offsets) → render for humans → drop the
//!   text; reports come back in input order as soon as they are ready (`check` streams them).
//! - [`fix`]: safe suggestions spliced into the original bytes, to a fixed point, written
//!   atomically; [`baseline`]: findings keyed by content, not line.
//! - [`render`]: human (miette), JSON (the contract), SARIF 2.1.0, GitHub workflow commands.
//! - [`check`]: ties them together and picks the exit code.

mod baseline;
mod check;
mod cli;
mod config;
mod discover;
mod fix;
mod pipeline;
mod render;
mod report;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rasoat_rules::Lang;

use crate::cli::{Cli, Command, ConfigArgs, ExplainArgs, ListFormat, ParseArgs, RulesArgs};
use crate::pipeline::Engine;

/// Files larger than this are refused unless `--max-file-size` / `max_file_size` say otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help/version to stdout with exit 0 and usage errors with exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::check(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Parse(args) => parse(args),
        Command::Config(args) => show_config(args),
        Command::Baseline(args) => check::write_baseline(args),
        Command::Report(args) => report::report(args),
    };
    ExitCode::from(code)
}

/// Print a miette diagnostic (configuration, rule pack) to stderr, with colour on a terminal.
pub fn print_miette(d: &dyn miette::Diagnostic) {
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    if handler.render_report(&mut out, d).is_err() {
        out = format!("{d}\n");
    }
    eprint!("{out}");
}

pub fn write_stdout(s: &str) {
    // A closed pipe (`rasoat check … | head`) is not an error worth a panic.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

pub fn error_line(path: &str, message: &str) {
    eprintln!("rasoat: lỗi (error): {path}: {message}");
}

fn engine_for(dirs: &[PathBuf]) -> Option<Engine> {
    match Engine::build(dirs) {
        Ok(e) => Some(e),
        Err(e) => {
            print_miette(&*e);
            None
        }
    }
}

fn rules(args: RulesArgs) -> u8 {
    let Some(engine) = engine_for(&args.rule_source.rules) else { return EXIT_ERROR };
    let lang = Lang::from(args.lang);
    let rules = engine.registry.rules();
    match args.format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id(),
                        "category": r.category().as_str(),
                        "severity": r.default_severity().as_str(),
                        "source": r.docs().source,
                        "summary": r.docs().summary.get(lang),
                    })
                })
                .collect();
            write_stdout(&format!("{}\n", serde_json::Value::Array(list)));
        }
        ListFormat::Human => {
            let mut out = String::new();
            let w = rules.iter().map(|r| r.id().chars().count()).max().unwrap_or(0).max(2);
            let (h_id, h_cat, h_sev, h_src) = match lang {
                Lang::Vi => ("MÃ", "NHÓM", "MỨC", "NGUỒN"),
                Lang::En => ("ID", "CATEGORY", "SEVERITY", "SOURCE"),
            };
            out.push_str(&format!("{h_id:<w$}  {h_cat:<12}  {h_sev:<8}  {h_src}\n"));
            for r in rules {
                out.push_str(&format!(
                    "{:<w$}  {:<12}  {:<8}  {}\n",
                    r.id(),
                    r.category().as_str(),
                    r.default_severity().as_str(),
                    r.docs().source
                ));
            }
            out.push_str(&match lang {
                Lang::Vi => format!("{} luật. Xem `rasoat explain MÃ` để biết chi tiết.\n", rules.len()),
                Lang::En => format!("{} rule(s). See `rasoat explain ID` for details.\n", rules.len()),
            });
            write_stdout(&out);
        }
    }
    EXIT_OK
}

fn explain(args: ExplainArgs) -> u8 {
    let Some(engine) = engine_for(&args.rule_source.rules) else { return EXIT_ERROR };
    let lang = Lang::from(args.lang);
    let Some(rule) = engine.registry.get(&args.rule) else {
        let rules = engine.registry.rules();
        // A category: list its rules, each with its one-line summary.
        let in_category: Vec<_> =
            rules.iter().filter(|r| config::pattern_matches(&args.rule, r.id())).collect();
        if !in_category.is_empty() {
            let mut out = String::new();
            for r in in_category {
                out.push_str(&format!("{}  {}\n", r.id(), r.docs().summary.get(lang)));
            }
            write_stdout(&out);
            return EXIT_OK;
        }
        let closest = rules.iter().map(|r| r.id()).min_by_key(|id| edit_distance(id, &args.rule));
        eprintln!(
            "rasoat: lỗi (error): không có luật {:?} (no such rule).{} Xem (see) `rasoat rules`.",
            args.rule,
            closest.map(|c| format!(" Có phải (did you mean) {c}?")).unwrap_or_default()
        );
        return EXIT_ERROR;
    };
    let d = rule.docs();
    if args.format == ListFormat::Json {
        let v = serde_json::json!({
            "id": rule.id(),
            "category": rule.category().as_str(),
            "severity": rule.default_severity().as_str(),
            "docs": d,
        });
        write_stdout(&format!("{v:#}\n"));
        return EXIT_OK;
    }
    let labels = match lang {
        Lang::Vi => {
            ["Nhóm", "Mức mặc định", "Nguồn", "Kiểm tra gì", "Vì sao", "Căn cứ", "Ví dụ", "Sai", "Đúng"]
        }
        Lang::En => [
            "Category",
            "Default severity",
            "Source",
            "What it checks",
            "Why",
            "Legal basis",
            "Examples",
            "Bad",
            "Good",
        ],
    };
    let cat = match lang {
        Lang::Vi => rule.category().label_vi().to_owned(),
        Lang::En => rule.category().as_str().to_owned(),
    };
    let mut out = format!(
        "{}\n\n{}: {cat}\n{}: {}\n{}: {}\n\n{}:\n  {}\n\n{}:\n  {}\n\n{}:\n  {}\n",
        rule.id(),
        labels[0],
        labels[1],
        rule.default_severity().as_str(),
        labels[2],
        d.source,
        labels[3],
        d.summary.get(lang),
        labels[4],
        d.why.get(lang),
        labels[5],
        d.legal_basis
    );
    if !d.examples.is_empty() {
        out.push_str(&format!("\n{}:\n", labels[6]));
        for ex in &d.examples {
            // Multi-line examples (whole mini-plans) stay readable when indented.
            let indent = |t: &str| t.trim_end().replace('\n', "\n      ");
            out.push_str(&format!(
                "  ✗ {}: {}\n  ✓ {}: {}\n",
                labels[7],
                indent(&ex.bad),
                labels[8],
                indent(&ex.good)
            ));
        }
    }
    write_stdout(&out);
    EXIT_OK
}

/// Levenshtein distance over chars, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

fn parse(args: ParseArgs) -> u8 {
    let (path, file) = if args.file == "-" {
        (pipeline::STDIN_PATH.to_owned(), None)
    } else {
        (args.file.clone(), Some(PathBuf::from(&args.file)))
    };
    let bytes =
        match pipeline::read_input(file.as_deref(), args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)) {
            Ok(b) => b,
            Err(m) => {
                error_line(&path, &m);
                return EXIT_ERROR;
            }
        };
    let doc = match rasoat_doc::parse_bytes(&bytes) {
        Ok(d) => d,
        Err(e) => {
            error_line(&path, &e.to_string());
            return EXIT_ERROR;
        }
    };
    match serde_json::to_value(&doc) {
        Ok(mut v) => {
            augment_spans(&mut v, &doc, None);
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("path".into(), serde_json::Value::String(path));
            }
            write_stdout(&format!("{v:#}\n"));
            EXIT_OK
        }
        Err(e) => {
            error_line(&path, &format!("không xuất được JSON (cannot serialise): {e}"));
            EXIT_ERROR
        }
    }
}

/// Give every span object `{start, end}` of the model its positions in the user's file:
/// `line/column/end_line/end_column` (characters, decoded text) and `original_start/original_end`
/// (bytes in the file as given). `start`/`end` stay offsets into the model's `text`.
fn augment_spans(v: &mut serde_json::Value, doc: &rasoat_doc::Document, key: Option<&str>) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let is_span = map.len() == 2
                && key != Some("blocks") // `Part::blocks` is a range of block indices, not a span.
                && map.get("start").and_then(Value::as_u64).is_some()
                && map.get("end").and_then(Value::as_u64).is_some();
            if is_span {
                let get = |k: &str| {
                    map.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).unwrap_or(0)
                };
                let (s, e) = (get("start"), get("end"));
                let (ls, le) = (doc.map.line_col(&doc.text, s), doc.map.line_col(&doc.text, e));
                map.insert("line".into(), ls.line.into());
                map.insert("column".into(), ls.column.into());
                map.insert("end_line".into(), le.line.into());
                map.insert("end_column".into(), le.column.into());
                map.insert("original_start".into(), doc.map.original_offset(s).into());
                map.insert("original_end".into(), doc.map.original_offset(e).into());
                return;
            }
            for (k, child) in map.iter_mut() {
                augment_spans(child, doc, Some(k));
            }
        }
        Value::Array(items) => {
            for child in items {
                augment_spans(child, doc, key);
            }
        }
        _ => {}
    }
}

fn show_config(args: ConfigArgs) -> u8 {
    let mut resolver = config::Resolver::new(args.config.clone());
    let target = args.file.clone().unwrap_or_else(|| PathBuf::from("."));
    match resolver.for_file(Some(&target)) {
        Ok(cfg) => {
            write_stdout(&format!("# {}\n{}", target.display(), cfg.to_toml()));
            EXIT_OK
        }
        Err(e) => {
            print_miette(&*e);
            EXIT_ERROR
        }
    }
}
