//! `rasoat check` and `rasoat baseline`: resolve inputs, configurations and rule packs, run the
//! pipeline, render, and choose the exit code (0 clean, 1 findings at or above `--fail-on`,
//! 2 usage, configuration or input errors).

use std::collections::HashSet;
use std::io::IsTerminal;
use std::sync::Arc;

use rasoat_rules::{Lang, Severity};

use crate::cli::{BaselineArgs, CheckArgs, Format};
use crate::discover::Input;
use crate::pipeline::{Engine, Engines, Job, Report, RunOptions};
use crate::{
    DEFAULT_MAX_FILE_SIZE, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, baseline, config, discover, fix, render,
};
use crate::{error_line, pipeline, print_miette, write_stdout};

/// Everything a checking run produced.
struct Run {
    reports: Vec<Report>,
    /// Errors not tied to one input (configuration files), as (path, one-line reason).
    extra_errors: Vec<(String, String)>,
    configs: Vec<Arc<config::Effective>>,
    engines: Vec<Arc<Engine>>,
}

pub fn check(args: CheckArgs) -> u8 {
    let lang = Lang::from(args.lang);
    let fail_on = Severity::from(args.fail_on);
    let mut filter = match &args.baseline {
        None => None,
        Some(path) => match baseline::Baseline::load(path) {
            Ok(b) => Some(b.into_filter()),
            Err(e) => {
                error_line(&config::shown_path(path), &e);
                return fatal_output(args.format, lang, (config::shown_path(path), e));
            }
        },
    };
    let format = args.format;
    let mut baselined = 0usize;
    let mut fixed = 0usize;
    let mut fix_errors: Vec<(String, String)> = Vec::new();
    // Counted as the reports pass, so their findings can be dropped once written.
    let mut totals = render::Totals::default();
    let mut failing = false;
    let mut json = render::json::Stream::default();
    // Runs for each report, in input order, as soon as it is ready: human, GitHub and JSON
    // output stream (JSON as one document written in parts); SARIF is written at the end.
    let mut emit = |r: &mut Report| {
        if let Ok(c) = &mut r.outcome {
            fixed += c.fixed;
            if let Some(f) = c.fix.take() {
                if let Some(e) = f.error {
                    fix_errors.push((r.path.clone(), e));
                }
                if let Some(d) = f.diff {
                    // The diff is the output of `--diff` in human mode; elsewhere it must not
                    // corrupt the machine-readable stdout.
                    if format == Format::Human { write_stdout(&d) } else { eprint!("{d}") }
                }
            }
        }
        if let Some(f) = &mut filter {
            baselined += f.apply(r);
        }
        totals.add(r);
        if let Ok(c) = &r.outcome {
            failing |= c.findings.iter().any(|f| f.severity >= fail_on);
        }
        match format {
            Format::Human => match &mut r.outcome {
                Ok(c) => {
                    let mut out = String::new();
                    for f in &mut c.findings {
                        // Printed now; not needed again.
                        out.push_str(&std::mem::take(&mut f.human));
                    }
                    if c.fixed > 0 {
                        out.push_str(&format!("{}: đã sửa {} chỗ (fixed {})\n", r.path, c.fixed, c.fixed));
                    }
                    write_stdout(&out);
                }
                Err(m) => error_line(&r.path, m),
            },
            Format::Github => write_stdout(&render::github::render(std::slice::from_ref(r))),
            Format::Json => write_stdout(&json.report(r)),
            Format::Sarif => {}
        }
        // Written: only SARIF, one document with a rule table, still needs them.
        if format != Format::Sarif
            && let Ok(c) = &mut r.outcome
        {
            c.findings = Vec::new();
        }
    };
    let run = match execute(&args, &mut emit) {
        Ok(r) => r,
        Err(fatal) => return fatal_output(format, lang, fatal),
    };
    let Run { reports, mut extra_errors, configs, engines } = run;
    extra_errors.extend(fix_errors);

    match format {
        Format::Human => {
            for (p, m) in &extra_errors {
                error_line(p, m);
            }
            if !args.quiet {
                let mut t = totals;
                t.errors += extra_errors.len();
                let mut out = render::human::summary(&t, lang);
                out.push('\n');
                if fixed > 0 {
                    out.push_str(&format!("Đã sửa {fixed} chỗ (fixed {fixed}).\n"));
                }
                if baselined > 0 {
                    out.push_str(&format!(
                        "{baselined} phát hiện đã có trong baseline, không hiện (already in the baseline, not shown).\n"
                    ));
                }
                let stale = filter.as_ref().map(baseline::Filter::stale).unwrap_or_default();
                if !stale.is_empty() {
                    out.push_str(&format!(
                        "{} mục trong baseline không còn khớp — đã sửa, có thể xóa khỏi baseline (baseline entries that no longer match):\n",
                        stale.iter().map(|s| s.count).sum::<usize>()
                    ));
                    for s in &stale {
                        out.push_str(&format!("  {}: {} «{}» ×{}\n", s.path, s.rule, s.text, s.count));
                    }
                }
                write_stdout(&out);
            }
        }
        Format::Json => write_stdout(&json.finish(&extra_errors)),
        Format::Sarif => {
            let metas = rule_metas(&engines);
            write_stdout(&render::sarif::render(&reports, &metas, &extra_errors, lang));
        }
        Format::Github => write_stdout(&render::github::render_errors(&extra_errors)),
    }

    if !args.quiet {
        report_unused_ignores(&configs, &reports);
    }
    exit_code(totals.errors > 0 || !extra_errors.is_empty(), failing)
}

/// Nothing could be checked (already explained on stderr): tools reading stdout still get a
/// document that says why. Returns the exit code, 2.
fn fatal_output(format: Format, lang: Lang, fatal: Fatal) -> u8 {
    let errors = [fatal];
    match format {
        Format::Human => {}
        Format::Json => write_stdout(&render::json::Stream::default().finish(&errors)),
        Format::Sarif => write_stdout(&render::sarif::render(&[], &[], &errors, lang)),
        Format::Github => write_stdout(&render::github::render_errors(&errors)),
    }
    EXIT_ERROR
}

/// 2 when something could not be checked, else 1 when a finding reaches `--fail-on`, else 0.
fn exit_code(had_errors: bool, failing: bool) -> u8 {
    if had_errors {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `rasoat baseline`: record the current findings so that `check --baseline` shows only new ones.
pub fn write_baseline(args: BaselineArgs) -> u8 {
    let mut emit = |r: &mut Report| {
        if let Err(m) = &r.outcome {
            error_line(&r.path, m);
        }
    };
    let Ok(run) = execute(&args.check, &mut emit) else { return EXIT_ERROR };
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

/// Why nothing could be checked: (what, one-line reason). Already explained on stderr.
type Fatal = (String, String);

/// Resolve inputs, configurations and rule packs, then check everything, handing each report
/// to `emit` in input order.
fn execute(args: &CheckArgs, emit: &mut dyn FnMut(&mut Report)) -> Result<Run, Fatal> {
    for p in args.select.iter().chain(&args.ignore) {
        if !config::valid_rule_pattern(p) {
            let msg = format!(
                "{p:?} không phải mã luật hay nhóm luật (not a rule id or category; see `rasoat rules`)"
            );
            eprintln!("rasoat: lỗi (error): {msg}");
            return Err(("--select/--ignore".into(), msg));
        }
    }
    let mut engines = Engines::default();
    // Bad packs given on the command line stop the run: nothing could be checked reliably.
    let cli_engine = engines
        .get(args.rule_source.rules.clone())
        .map_err(|m| ("--rules".to_owned(), format!("gói luật lỗi (bad rule pack): {m}")))?;
    let mut resolver =
        if args.isolated { config::Resolver::isolated() } else { config::Resolver::new(args.config.clone()) };
    if let Some(forced) = &args.config
        && let Err(e) = resolver.load(forced)
    {
        print_miette(&*e);
        return Err((e.path().to_owned(), e.to_string()));
    }

    let mut extra_errors: Vec<(String, String)> = Vec::new();
    let mut reported_configs = HashSet::new();
    let mut jobs = Vec::new();
    let mut configs = Vec::new();
    let mut used_engines: Vec<Arc<Engine>> = Vec::new();
    let error_job = |path: String, message: String| Job {
        input: Input::Error { path, message },
        config: Arc::default(),
        engine: cli_engine.clone(),
        selection: Arc::default(),
        context: Arc::default(),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
        stdin_name: None,
    };
    for input in discover::expand(&args.paths) {
        let file = match input {
            Input::File(ref p) => Some(p.clone()),
            Input::Stdin => None,
            Input::Error { path, message } => {
                jobs.push(error_job(path, message));
                continue;
            }
        };
        // stdin is found and shown under `--stdin-filename` when given.
        let name = file.clone().or_else(|| args.stdin_filename.clone());
        let shown =
            name.as_ref().map_or_else(|| pipeline::STDIN_PATH.to_owned(), |p| p.display().to_string());
        let cfg = match resolver.for_file(name.as_deref()) {
            Ok(c) => c,
            Err(e) => {
                if reported_configs.insert(e.path().to_owned()) {
                    print_miette(&*e);
                    extra_errors.push((e.path().to_owned(), e.to_string()));
                }
                let msg =
                    format!("không kiểm tra: cấu hình {} lỗi (not checked: invalid configuration)", e.path());
                jobs.push(error_job(shown, msg));
                continue;
            }
        };
        let mut dirs = cfg.rules_dirs.clone();
        dirs.extend(args.rule_source.rules.iter().cloned());
        let engine = match engines.get(dirs) {
            Ok(e) => e,
            Err(m) => {
                let msg = format!("không kiểm tra: gói luật lỗi (not checked: bad rule pack): {m}");
                jobs.push(error_job(shown, msg));
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
            selection: Arc::new(cfg.selection(&args.select, &args.ignore)),
            context: Arc::new(cfg.context()),
            config: cfg,
            engine,
            stdin_name: args.stdin_filename.clone(),
        });
    }
    if used_engines.is_empty() {
        used_engines.push(cli_engine.clone());
    }

    let opts = RunOptions {
        lang: Lang::from(args.lang),
        human: args.format == Format::Human,
        color: args.format == Format::Human
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
        fix: match (args.fix, args.diff) {
            (_, true) => fix::FixMode::Diff,
            (true, false) => fix::FixMode::Write,
            (false, false) => fix::FixMode::Off,
        },
    };
    let progress = !args.quiet && jobs.len() >= 20 && std::io::stderr().is_terminal();
    let reports = match pipeline::run_all(jobs, args.jobs.unwrap_or(0), opts, progress, emit) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rasoat: lỗi (error): {e}");
            return Err(("--jobs".into(), e));
        }
    };
    Ok(Run { reports, extra_errors, configs, engines: used_engines })
}

/// Warn about stale `[[ignore]]` entries — they would hide future findings for no reason:
/// those whose `path` matches no file at all, and those that matched checked files but
/// suppressed nothing there. (An entry for files not checked in this run is not judged.)
fn report_unused_ignores(configs: &[Arc<config::Effective>], reports: &[Report]) {
    let checked = || reports.iter().filter_map(|r| r.outcome.as_ref().ok());
    let used: HashSet<&str> = checked().flat_map(|c| c.used_ignores.iter().map(String::as_str)).collect();
    let matched: HashSet<&str> =
        checked().flat_map(|c| c.matched_ignores.iter().map(String::as_str)).collect();
    for e in config::all_ignore_entries(configs.iter()) {
        let why = if matched.contains(e.key.as_str()) {
            if used.contains(e.key.as_str()) {
                continue;
            }
            "không bỏ qua phát hiện nào (suppressed nothing)"
        } else if !e.matches_any_file() {
            "không khớp tệp nào (matches no file)"
        } else {
            continue;
        };
        eprintln!(
            "rasoat: cảnh báo (warning): {}:{}: [[ignore]] path = {:?} {why}; hãy xóa hoặc sửa (remove or fix it)",
            config::shown_path(&e.from),
            e.line,
            e.path
        );
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
