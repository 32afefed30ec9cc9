//! `rasoat report`: the document a legal-review office sends back with a draft.
//!
//! Runs the same checks as `rasoat check` (configuration, rule packs, `[[ignore]]`), then hands
//! each document, its findings and its targets table to `rasoat-report`, which lays out one
//! self-contained HTML page (or Markdown) for the whole run.

use std::path::{Path, PathBuf};

use rasoat_report::{FileReport, RunInfo, TargetRow, TargetStatus, Thresholds};
use rasoat_rules::rules::target::{IndicatorState, evaluate};

use crate::cli::{ReportArgs, ReportFormat};
use crate::discover::{self, Input};
use crate::pipeline::{self, Engines};
use crate::{DEFAULT_MAX_FILE_SIZE, EXIT_ERROR, EXIT_OK, config, error_line, print_miette, write_stdout};

pub fn report(args: ReportArgs) -> u8 {
    let mut resolver = config::Resolver::new(args.config.clone());
    let mut engines = Engines::default();
    let thresholds = Thresholds { return_at_errors: args.return_at_errors.max(1), ..Thresholds::default() };
    let mut files = Vec::new();
    let mut packs_seen: Vec<(String, String)> = Vec::new();
    let mut failed = false;
    for input in discover::expand(&args.paths) {
        let (path, file): (String, Option<PathBuf>) = match input {
            Input::File(p) => (p.display().to_string(), Some(p)),
            Input::Stdin => (pipeline::STDIN_PATH.to_owned(), None),
            Input::Error { path, message } => {
                error_line(&path, &message);
                failed = true;
                continue;
            }
        };
        match report_one(&args, &mut resolver, &mut engines, &thresholds, &path, file.as_deref()) {
            Ok((report, packs)) => {
                for p in packs {
                    if !packs_seen.contains(&p) {
                        packs_seen.push(p);
                    }
                }
                files.push(report);
            }
            Err(message) => {
                error_line(&path, &message);
                failed = true;
            }
        }
    }
    let run = RunInfo {
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        packs: packs_seen,
        checked_on: today_iso(),
    };
    let page = match args.format {
        ReportFormat::Html => rasoat_report::render_html(&files, &run),
        ReportFormat::Md => rasoat_report::render_markdown(&files, &run),
    };
    match &args.output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, page) {
                error_line(&out.display().to_string(), &discover::io_message(&e));
                return EXIT_ERROR;
            }
        }
        None => write_stdout(&page),
    }
    if failed { EXIT_ERROR } else { EXIT_OK }
}

fn report_one(
    args: &ReportArgs,
    resolver: &mut config::Resolver,
    engines: &mut Engines,
    thresholds: &Thresholds,
    path: &str,
    file: Option<&Path>,
) -> Result<(FileReport, Vec<(String, String)>), String> {
    let cfg = match resolver.for_file(file) {
        Ok(c) => c,
        Err(e) => {
            print_miette(&*e);
            return Err(e.to_string());
        }
    };
    let mut dirs = cfg.rules_dirs.clone();
    dirs.extend(args.rule_source.rules.iter().cloned());
    let engine = engines.get(dirs)?;
    let max = args.max_file_size.or(cfg.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let bytes = pipeline::read_input(file, max)?;
    let doc = rasoat_doc::parse_bytes(&bytes).map_err(|e| e.to_string())?;
    let selection = cfg.selection(&[], &[]);
    let context = cfg.context();
    let diagnostics: Vec<_> = engine
        .registry
        .check(&doc, &context, &selection)
        .into_iter()
        .filter(|d| file.is_none_or(|f| pipeline::suppressing(&cfg.ignores, f, &d.rule).is_none()))
        .collect();

    let verdict = rasoat_report::verdict(&diagnostics, thresholds);
    let spans = diagnostics.iter().map(|d| d.span).collect();
    let findings = diagnostics
        .into_iter()
        .map(|d| {
            let basis =
                engine.registry.get(&d.rule).map(|r| r.docs().legal_basis.clone()).unwrap_or_default();
            rasoat_report::locate(&doc, d, basis)
        })
        .collect();
    let statuses = evaluate(&doc, &engine.packs);
    let profile = statuses.first().map(|s| s.profile.clone());
    let targets = statuses
        .into_iter()
        .map(|s| TargetRow {
            indicator: s.indicator_vi,
            required: s.required_vi,
            stated: s
                .stated
                .iter()
                .map(|&sp| (doc.slice(sp).trim().to_owned(), doc.map.line_col(&doc.text, sp.start).line))
                .collect(),
            status: match s.state {
                IndicatorState::Met => TargetStatus::Met,
                IndicatorState::Missing => TargetStatus::Missing,
                IndicatorState::Weaker => TargetStatus::Weaker,
                IndicatorState::Inconsistent => TargetStatus::Inconsistent,
            },
        })
        .collect();
    let packs =
        engine.packs.packs.iter().map(|p| (p.data.pack.name.clone(), p.data.pack.version.clone())).collect();
    let report = FileReport {
        path: path.to_owned(),
        title: rasoat_report::document_title(&doc),
        profile,
        targets,
        findings,
        verdict,
        sha256: rasoat_report::sha256_hex(&bytes),
        text: doc.text.clone(),
        spans,
    };
    Ok((report, packs))
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock (civil-from-days, Howard Hinnant).
fn today_iso() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
    }
}
