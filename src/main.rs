//! `rasoat`: the command-line interface. See `rasoat --help` and DESIGN.md for the contracts
//! (JSON shape, flags, exit codes 0/1/2).

mod baseline;
mod cli;
mod config;
mod discover;
mod fix;
mod pipeline;
mod render;

use std::collections::{BTreeSet, HashSet};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use rasoat_rules::{Context, Lang, Selection, Severity};

use crate::cli::{
    CheckArgs, Cli, Command, ConfigArgs, ExplainArgs, Format, ListFormat, ParseArgs, RulesArgs,
};
use crate::discover::Input;
use crate::pipeline::{Engine, Engines, Job, Report, RunOptions};

/// Files larger than this are refused unless `--max-file-size` / `max_file_size` say otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

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
        Command::Check(args) => check(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Parse(args) => parse(args),
        Command::Config(args) => show_config(args),
        Command::Baseline(args) => write_baseline(args),
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

fn write_stdout(s: &str) {
    // A closed pipe (`rasoat check … | head`) is not an error worth a panic.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn error_line(path: &str, message: &str) {
    eprintln!("rasoat: lỗi (error): {path}: {message}");
}

#[allow(clippy::needless_update)] // `..Default::default()` keeps working when fields are added.
fn selection_for(cfg: &config::Effective, args: &CheckArgs) -> Selection {
    let select =
        if args.select.is_empty() { cfg.select.clone().unwrap_or_default() } else { args.select.clone() };
    let mut ignore = cfg.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let severities = cfg.severity.iter().map(|(k, v)| (k.clone(), *v)).collect();
    Selection { select, ignore, severities, ..Default::default() }
}

#[allow(clippy::needless_update)] // as above
fn context_for(cfg: &config::Effective) -> Context {
    Context { tone_style: cfg.tone_style, ..Default::default() }
}

/// Everything a checking run produced, before rendering.
struct Run {
    reports: Vec<Report>,
    /// Errors not tied to one input (configuration files, fixes), as (path, one-line reason).
    extra_errors: Vec<(String, String)>,
    configs: Vec<Arc<config::Effective>>,
    engines: Vec<Arc<Engine>>,
    diffs: String,
    fixed: usize,
}

fn check(args: CheckArgs) -> u8 {
    let lang = Lang::from(args.lang);
    let fail_on = Severity::from(args.fail_on);
    let mut run = match execute(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut baselined = 0usize;
    if let Some(path) = &args.baseline {
        match baseline::Baseline::load(path) {
            Ok(b) => baselined = b.filter(&mut run.reports),
            Err(e) => {
                error_line(&path.display().to_string(), &e);
                return EXIT_ERROR;
            }
        }
    }
    let Run { reports, mut extra_errors, configs, engines: used_engines, diffs, fixed: fixed_total } = run;
    extra_errors.sort();
    extra_errors.dedup();
    match args.format {
        Format::Human => {
            let mut out = String::new();
            for r in &reports {
                match &r.outcome {
                    Ok(c) => {
                        for f in &c.findings {
                            out.push_str(&f.human);
                        }
                        if c.fixed > 0 {
                            out.push_str(&format!(
                                "{}: đã sửa {} chỗ (fixed {})\n",
                                r.path, c.fixed, c.fixed
                            ));
                        }
                    }
                    Err(m) => error_line(&r.path, m),
                }
            }
            for (p, m) in &extra_errors {
                error_line(p, m);
            }
            out.push_str(&diffs);
            if !args.quiet {
                let mut t = render::Totals::of(&reports);
                t.errors += extra_errors.len();
                out.push_str(&render::human::summary(&t, lang));
                out.push('\n');
                if fixed_total > 0 {
                    out.push_str(&format!("Đã sửa {fixed_total} chỗ (fixed {fixed_total}).\n"));
                }
                if baselined > 0 {
                    out.push_str(&format!(
                        "{baselined} phát hiện đã có trong baseline, không hiện (already in the baseline, not shown).\n"
                    ));
                }
            }
            write_stdout(&out);
        }
        Format::Json => {
            write_stdout(&render::json::render(&reports, &extra_errors));
            if !diffs.is_empty() {
                eprint!("{diffs}");
            }
        }
        Format::Sarif => {
            let metas = rule_metas(&used_engines);
            write_stdout(&render::sarif::render(&reports, &metas, &extra_errors, lang));
            if !diffs.is_empty() {
                eprint!("{diffs}");
            }
        }
        Format::Github => {
            let mut out = render::github::render(&reports);
            for (p, m) in &extra_errors {
                out.push_str(&format!(
                    "::error file={},title=rasoat::{}\n",
                    render::github::escape_property(p),
                    render::github::escape_data(m)
                ));
            }
            write_stdout(&out);
            if !diffs.is_empty() {
                eprint!("{diffs}");
            }
        }
    }

    if !args.quiet {
        report_unused_ignores(&configs, &reports);
    }

    let had_errors = !extra_errors.is_empty() || reports.iter().any(|r| r.outcome.is_err());
    let failing = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|c| &c.findings)
        .any(|f| f.severity >= fail_on);
    if had_errors {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `rasoat baseline`: record the current findings so that `check --baseline` shows only new ones.
fn write_baseline(args: cli::BaselineArgs) -> u8 {
    let run = match execute(&args.check) {
        Ok(r) => r,
        Err(code) => return code,
    };
    for r in &run.reports {
        if let Err(m) = &r.outcome {
            error_line(&r.path, m);
        }
    }
    for (p, m) in &run.extra_errors {
        error_line(p, m);
    }
    let b = baseline::Baseline::from_reports(&run.reports);
    let n = b.len();
    if let Err(e) = b.save(&args.output) {
        error_line(&args.output.display().to_string(), &e);
        return EXIT_ERROR;
    }
    if !args.check.quiet {
        eprintln!("rasoat: đã ghi {n} phát hiện vào {} (wrote {n} findings)", args.output.display());
    }
    let had_errors = !run.extra_errors.is_empty() || run.reports.iter().any(|r| r.outcome.is_err());
    if had_errors { EXIT_ERROR } else { EXIT_OK }
}

/// Resolve inputs, configurations and rule packs, then check everything.
fn execute(args: &CheckArgs) -> Result<Run, u8> {
    let lang = Lang::from(args.lang);
    for p in args.select.iter().chain(&args.ignore) {
        if !config::valid_rule_pattern(p) {
            eprintln!(
                "rasoat: lỗi (error): {p:?} không phải mã luật hay nhóm luật (not a rule id or category; see `rasoat rules`)"
            );
            return Err(EXIT_ERROR);
        }
    }
    let mut engines = Engines::default();
    // Bad packs given on the command line stop the run: nothing could be checked reliably.
    if engines.get(args.rule_source.rules.clone()).is_err() {
        return Err(EXIT_ERROR);
    }
    let mut resolver = config::Resolver::new(args.config.clone());
    if let Some(forced) = &args.config
        && let Err(e) = resolver.load(forced)
    {
        print_miette(&*e);
        return Err(EXIT_ERROR);
    }

    let fix_mode = match (args.fix, args.diff) {
        (_, true) => fix::FixMode::Diff,
        (true, false) => fix::FixMode::Write,
        (false, false) => fix::FixMode::Off,
    };
    let mut extra_errors: Vec<(String, String)> = Vec::new();
    let mut reported_configs = HashSet::new();
    let mut jobs = Vec::new();
    let mut configs = Vec::new();
    let mut used_engines: Vec<Arc<Engine>> = Vec::new();
    for input in discover::expand(&args.paths) {
        let file = match &input {
            Input::File(p) => Some(p.clone()),
            Input::Stdin => None,
            Input::Error { .. } => {
                let engine = engines.get(args.rule_source.rules.clone());
                if let Ok(engine) = engine {
                    jobs.push(Job {
                        input,
                        config: Arc::default(),
                        engine,
                        selection: Arc::default(),
                        context: Arc::default(),
                        max_file_size: DEFAULT_MAX_FILE_SIZE,
                    });
                }
                continue;
            }
        };
        let shown =
            file.as_ref().map_or_else(|| pipeline::STDIN_PATH.to_owned(), |p| p.display().to_string());
        let cfg = match resolver.for_file(file.as_deref()) {
            Ok(c) => c,
            Err(e) => {
                if reported_configs.insert(e.path().to_owned()) {
                    print_miette(&*e);
                    extra_errors.push((e.path().to_owned(), e.to_string()));
                }
                let msg =
                    format!("không kiểm tra: cấu hình {} lỗi (not checked: invalid configuration)", e.path());
                jobs.push(error_job(&mut engines, args, shown, msg));
                continue;
            }
        };
        let mut dirs = cfg.rules_dirs.clone();
        dirs.extend(args.rule_source.rules.iter().cloned());
        let engine = match engines.get(dirs) {
            Ok(e) => e,
            Err(m) => {
                let msg = format!("không kiểm tra: gói luật lỗi (not checked: bad rule pack): {m}");
                jobs.push(error_job(&mut engines, args, shown, msg));
                continue;
            }
        };
        if !used_engines.iter().any(|e| Arc::ptr_eq(e, &engine)) {
            used_engines.push(engine.clone());
        }
        configs.push(cfg.clone());
        jobs.push(Job {
            input,
            max_file_size: args.max_file_size.or(cfg.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE),
            selection: Arc::new(selection_for(&cfg, args)),
            context: Arc::new(context_for(&cfg)),
            config: cfg,
            engine,
        });
    }
    if used_engines.is_empty()
        && let Ok(e) = engines.get(args.rule_source.rules.clone())
    {
        used_engines.push(e);
    }

    let opts = RunOptions {
        lang,
        human: args.format == Format::Human,
        color: args.format == Format::Human
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
        fix: fix_mode,
    };
    let progress = !args.quiet && jobs.len() >= 20 && std::io::stderr().is_terminal();
    let mut reports = match pipeline::run_all(jobs, args.jobs.unwrap_or(0), opts, progress) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rasoat: lỗi (error): {e}");
            return Err(EXIT_ERROR);
        }
    };

    // --fix: applied findings are gone from the file, so they are not reported (as in ruff).
    let mut diffs = String::new();
    let mut fixed_total = 0usize;
    for r in &mut reports {
        let Ok(c) = &mut r.outcome else { continue };
        let Some(f) = c.fix.take() else { continue };
        if let Some(e) = &f.error {
            extra_errors.push((r.path.clone(), e.clone()));
        }
        if let Some(d) = &f.diff {
            diffs.push_str(d);
        }
        if fix_mode == fix::FixMode::Write && !f.applied.is_empty() {
            fixed_total += f.applied.len();
            let applied: BTreeSet<usize> = f.applied.iter().copied().collect();
            let mut i = 0;
            c.findings.retain(|_| {
                let keep = !applied.contains(&i);
                i += 1;
                keep
            });
            c.fixed = applied.len();
        }
    }
    Ok(Run { reports, extra_errors, configs, engines: used_engines, diffs, fixed: fixed_total })
}

fn error_job(engines: &mut Engines, args: &CheckArgs, path: String, message: String) -> Job {
    let engine = engines.get(args.rule_source.rules.clone()).unwrap_or_else(|_| {
        // Unreachable in practice: the command-line packs were loaded successfully before.
        Arc::new(Engine {
            packs: rasoat_rules::Packs::default(),
            registry: rasoat_rules::Registry::from_rules(Vec::new()),
        })
    });
    Job {
        input: Input::Error { path, message },
        config: Arc::default(),
        engine,
        selection: Arc::default(),
        context: Arc::default(),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    }
}

/// Warn about `[[ignore]]` entries that suppressed nothing in this run: stale suppressions hide
/// future findings for no reason.
fn report_unused_ignores(configs: &[Arc<config::Effective>], reports: &[Report]) {
    let used: HashSet<&str> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|c| c.used_ignores.iter().map(String::as_str))
        .collect();
    for e in config::all_ignore_entries(configs.iter()) {
        if !used.contains(e.key.as_str()) {
            eprintln!(
                "rasoat: cảnh báo (warning): {}:{}: [[ignore]] path = {:?} không bỏ qua phát hiện nào (unused ignore entry)",
                config::shown_path(&e.from),
                e.line,
                e.path
            );
        }
    }
}

fn rule_metas(engines: &[Arc<Engine>]) -> Vec<render::sarif::RuleMeta> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for e in engines {
        for r in e.registry.rules() {
            if seen.insert(r.id().to_owned()) {
                out.push(render::sarif::RuleMeta {
                    id: r.id().to_owned(),
                    category: r.category().as_str().to_owned(),
                    severity: r.default_severity(),
                    docs: r.docs().clone(),
                });
            }
        }
    }
    out
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
        let ids: Vec<&str> = engine.registry.rules().iter().map(|r| r.id()).collect();
        eprintln!(
            "rasoat: lỗi (error): không có luật {:?} (no such rule). Các luật (rules): {}",
            args.rule,
            if ids.is_empty() { "(none)".to_owned() } else { ids.join(", ") }
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
            out.push_str(&format!("  ✗ {}: {}\n  ✓ {}: {}\n", labels[7], ex.bad, labels[8], ex.good));
        }
    }
    write_stdout(&out);
    EXIT_OK
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
