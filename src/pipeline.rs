//! Orchestration of `rasoat check`: inputs → (read → decode → parse → rules → render) in parallel
//! → reports in input order.
//!
//! Each worker keeps only what the renderers need (positions, messages, and for human output the
//! already-rendered text), so the document text is dropped as soon as a file is done.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rasoat_doc::Document;
use rasoat_rules::{Context, Diagnostic, Lang, Packs, Registry, Selection, Severity};
use serde::Serialize;

use crate::config::{Effective, IgnoreEntry};
use crate::discover::{Input, io_message};

/// Packs and the registry built from them, shared by every file whose configuration asks for
/// the same rule directories.
pub struct Engine {
    pub packs: Packs,
    pub registry: Registry,
}

impl Engine {
    /// Embedded packs plus the packs of `dirs`, in order.
    pub fn build(dirs: &[PathBuf]) -> Result<Engine, Box<rasoat_rules::PackError>> {
        // Another core builds the rules' lazily built tables meanwhile (one-file latency). Not
        // waited for: a check that needs a table still being built waits for that one only.
        rayon::spawn(|| {
            rasoat_rules::warm_up();
        });
        let mut packs = Packs::embedded()?;
        for d in dirs {
            packs.load_dir(d)?;
        }
        let registry = Registry::new(&packs)?;
        Ok(Engine { packs, registry })
    }
}

/// A suggestion in the JSON contract shape.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionOut {
    pub replacement: String,
    pub safe: bool,
}

/// A related location in the JSON contract shape (plus `end_line`/`end_column`, kept out of
/// JSON, for SARIF regions).
#[derive(Debug, Clone, Serialize)]
pub struct RelatedOut {
    pub message: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub end_line: usize,
    #[serde(skip)]
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
}

/// One finding, positioned in the user's file (DESIGN.md JSON contract, field for field).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub category: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    pub snippet: String,
    pub suggestions: Vec<SuggestionOut>,
    pub related: Vec<RelatedOut>,
    /// Human rendering, made while the text was at hand (empty unless human output).
    #[serde(skip)]
    pub human: String,
    /// The matched text, normalised (NFC), and the words around it: the baseline key.
    #[serde(skip)]
    pub key_text: String,
    #[serde(skip)]
    pub key_context: String,
}

impl Finding {
    pub fn new(doc: &Document, d: &Diagnostic, lang: Lang) -> Finding {
        let (s, e) = (doc.map.line_col(&doc.text, d.span.start), doc.map.line_col(&doc.text, d.span.end));
        let category = d
            .category()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_else(|| d.rule.split('/').next().unwrap_or("").to_owned());
        Finding {
            rule: d.rule.clone(),
            category,
            severity: d.severity,
            message: d.message.get(lang).to_owned(),
            line: s.line,
            column: s.column,
            end_line: e.line,
            end_column: e.column,
            start: doc.map.original_offset(d.span.start),
            end: doc.map.original_offset(d.span.end),
            snippet: doc.map.snippet(&doc.text, d.span).to_owned(),
            suggestions: d
                .suggestions
                .iter()
                .map(|s| SuggestionOut { replacement: s.replacement.clone(), safe: s.safe })
                .collect(),
            related: d
                .related
                .iter()
                .map(|r| {
                    let (rs, re) =
                        (doc.map.line_col(&doc.text, r.span.start), doc.map.line_col(&doc.text, r.span.end));
                    RelatedOut {
                        message: r.message.get(lang).to_owned(),
                        line: rs.line,
                        column: rs.column,
                        end_line: re.line,
                        end_column: re.column,
                        start: doc.map.original_offset(r.span.start),
                        end: doc.map.original_offset(r.span.end),
                    }
                })
                .collect(),
            human: String::new(),
            key_text: d.span.text(&doc.text).to_owned(),
            key_context: context_of(&doc.text, d.span),
        }
    }
}

/// Up to `CONTEXT_CHARS` characters either side of a span, within its line, whitespace
/// collapsed: what identifies a finding when lines move.
fn context_of(text: &str, span: rasoat_text::Span) -> String {
    const CONTEXT_CHARS: usize = 32;
    let before = text.get(..span.start).unwrap_or("");
    let before = before.rsplit('\n').next().unwrap_or("");
    let after = text.get(span.end..).unwrap_or("");
    let after = after.split('\n').next().unwrap_or("");
    let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
    let b: String = before.chars().skip(skip).collect();
    let a: String = after.chars().take(CONTEXT_CHARS).collect();
    let joined = format!("{b} … {a}");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What became of one checked file.
#[derive(Debug, Default)]
pub struct Checked {
    pub profiles: Vec<String>,
    pub findings: Vec<Finding>,
    /// Findings fixed in place by `--fix` (and removed from `findings`).
    pub fixed: usize,
    /// Keys of the `[[ignore]]` entries that suppressed something here.
    pub used_ignores: Vec<String>,
    /// Keys of the `[[ignore]]` entries whose `path` matches this file.
    pub matched_ignores: Vec<String>,
    /// `--fix`/`--diff` outcome for this file, when asked.
    pub fix: Option<crate::fix::FixOutcome>,
}

/// One input's outcome, in input order.
#[derive(Debug)]
pub struct Report {
    /// The path as the user gave or we found it (`<stdin>` for stdin).
    pub path: String,
    pub outcome: Result<Checked, String>,
}

/// The path shown for stdin.
pub const STDIN_PATH: &str = "<stdin>";

/// One unit of work: an input with its resolved configuration and engine.
pub struct Job {
    pub input: Input,
    pub config: Arc<Effective>,
    pub engine: Arc<Engine>,
    pub selection: Arc<Selection>,
    pub context: Arc<Context>,
    pub max_file_size: u64,
    /// `--stdin-filename`: the name stdin is shown and matched (`[[ignore]]`) under.
    pub stdin_name: Option<PathBuf>,
}

/// Options of a run that are the same for every file.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    pub lang: Lang,
    pub human: bool,
    pub color: bool,
    pub fix: crate::fix::FixMode,
}

/// Read a file or stdin, refusing what is larger than `max` bytes.
pub fn read_input(path: Option<&Path>, max: u64) -> Result<Vec<u8>, String> {
    let too_large =
        |n: u64| format!("tệp quá lớn: {n} byte > giới hạn {max} byte (file too large; see --max-file-size)");
    let mut bytes = Vec::new();
    match path {
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| io_message(&e))?;
            let meta = file.metadata().map_err(|e| io_message(&e))?;
            if meta.is_dir() {
                return Err("là thư mục (is a directory)".into());
            }
            if meta.len() > max {
                return Err(too_large(meta.len()));
            }
            // Room for the whole file and one byte more up front: through `take` the reader
            // loses the file's size hint and would grow the buffer from 32 bytes, a dozen
            // reads and copies per file. (A zero-length reserve failure just means no hint.)
            let _ = bytes.try_reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            // `take` guards against a file that grows while we read it.
            file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
        }
        None => {
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| io_message(&e))?;
        }
    }
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The document profiles that apply (JSON `files[].profiles`).
fn profiles(doc: &Document, packs: &Packs) -> Vec<String> {
    rasoat_rules::rules::target::applicable_profiles(doc, packs)
}

/// Check one job. Never panics outward: a panic inside a rule becomes this file's error.
pub fn run_job(job: &Job, opts: RunOptions) -> Report {
    let (path, file) = match &job.input {
        Input::File(p) => (p.display().to_string(), Some(p.as_path())),
        Input::Stdin => {
            (job.stdin_name.as_ref().map_or_else(|| STDIN_PATH.to_owned(), |p| p.display().to_string()), None)
        }
        Input::Error { path, message } => {
            return Report { path: path.clone(), outcome: Err(message.clone()) };
        }
    };
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_one(job, file, &path, opts)))
            .unwrap_or_else(|_| {
                Err("lỗi nội bộ khi kiểm tra tệp này (internal error; please report it)".into())
            });
    Report { path, outcome }
}

/// How many times `--fix` re-checks a fixed text for fixes that only then apply (overlapping
/// suggestions): enough to reach a fixed point in practice, bounded in case rules disagree.
const MAX_FIX_ROUNDS: usize = 4;

fn check_one(job: &Job, file: Option<&Path>, path: &str, opts: RunOptions) -> Result<Checked, String> {
    use crate::fix::{FixMode, FixOutcome};
    let original = read_input(file, job.max_file_size)?;
    let name = file.or(job.stdin_name.as_deref());
    let mut used = BTreeSet::new();
    // Parse and check `bytes`, without the findings `[[ignore]]` suppresses.
    let mut run = |bytes: &[u8]| -> Result<(Document, Vec<Diagnostic>), String> {
        let doc = rasoat_doc::parse_bytes(bytes).map_err(|e| e.to_string())?;
        let kept = job
            .engine
            .registry
            .check(&doc, &job.context, &job.selection)
            .into_iter()
            .filter(|d| match name.and_then(|f| suppressing(&job.config.ignores, f, &d.rule)) {
                Some(entry) => {
                    used.insert(entry.key.clone());
                    false
                }
                None => true,
            })
            .collect();
        Ok((doc, kept))
    };
    let (mut doc, mut kept) = run(&original)?;

    let mut fix = None;
    let mut fixed = 0;
    if opts.fix != FixMode::Off {
        // Apply safe fixes round by round, re-checking the new text each time, so that the
        // result is a fixed point (a second `--fix` changes nothing) and the findings reported
        // after `--fix` point into the file as written.
        let mut outcome = FixOutcome::default();
        let mut bytes = original.clone();
        let mut current = None;
        for _ in 0..MAX_FIX_ROUNDS {
            let (d, k) = match current.take() {
                Some(dk) => dk,
                None => (doc.clone(), kept.clone()),
            };
            let (new, applied) = crate::fix::fixed_bytes(&bytes, &d, &k);
            if applied.is_empty() {
                current = Some((d, k));
                break;
            }
            outcome.applied += applied.len();
            bytes = new;
            current = Some(run(&bytes)?);
        }
        if outcome.applied > 0 {
            match (opts.fix, file) {
                // A diff needs only a name: stdin gets one too.
                (FixMode::Diff, _) => {
                    outcome.diff = Some(crate::fix::diff(Path::new(path), &original, &bytes))
                }
                (_, None) => outcome.error = Some("stdin không sửa được (cannot fix stdin)".into()),
                (_, Some(f)) => match crate::fix::write_atomic(f, &original, &bytes) {
                    Ok(()) => {
                        fixed = outcome.applied;
                        // Report what is left, positioned in the file as now written.
                        if let Some((d, k)) = current.take() {
                            doc = d;
                            kept = k;
                        }
                    }
                    Err(e) => outcome.error = Some(e),
                },
            }
        }
        fix = Some(outcome);
    }

    let mut findings: Vec<Finding> = kept.iter().map(|d| Finding::new(&doc, d, opts.lang)).collect();
    if opts.human {
        for (f, h) in findings.iter_mut().zip(crate::render::human::render_file(path, &doc, &kept, opts)) {
            f.human = h;
        }
    }
    Ok(Checked {
        profiles: profiles(&doc, &job.engine.packs),
        findings,
        fixed,
        used_ignores: used.into_iter().collect(),
        matched_ignores: name.map_or_else(Vec::new, |n| {
            job.config.ignores.iter().filter(|e| e.matches_file(n)).map(|e| e.key.clone()).collect()
        }),
        fix,
    })
}

pub fn suppressing<'a>(entries: &'a [IgnoreEntry], file: &Path, rule: &str) -> Option<&'a IgnoreEntry> {
    entries.iter().find(|e| e.matches_rule(rule) && e.matches_file(file))
}

/// Run all jobs on a pool of `threads` threads (0: one per CPU). Each report is handed to
/// `emit` as soon as it and all before it are done (output streams in input order), then kept
/// for the summary.
pub fn run_all(
    jobs: Vec<Job>,
    threads: usize,
    opts: RunOptions,
    progress: bool,
    emit: &mut dyn FnMut(&mut Report),
) -> Result<Vec<Report>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("không tạo được luồng xử lý (cannot start worker threads): {e}"))?;
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(jobs.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} tệp (files) {elapsed}")
        {
            bar.set_style(style);
        }
        bar
    });
    let mut reports = Vec::with_capacity(jobs.len());
    let mut pending = BTreeMap::new();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Report)>();
    std::thread::scope(|scope| {
        // The workers run on the pool; this thread only receives, so a pool of one thread
        // cannot deadlock waiting for it.
        //
        // Each worker takes the next job in input order (one shared counter), so reports come
        // back nearly in order and `pending` holds about one per thread. (`par_iter` splits
        // the list in halves: the second thread started halfway, and every report it made
        // waited in `pending` until the first half was done, so memory grew with the corpus.)
        let jobs = &jobs;
        let pool = &pool;
        let next = AtomicUsize::new(0);
        scope.spawn(move || {
            pool.broadcast(|_| {
                let tx = tx.clone();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    // The receiver outlives the workers; a send error cannot happen.
                    let _ = tx.send((i, run_job(job, opts)));
                }
            });
        });
        for (i, report) in rx {
            if let Some(b) = &bar {
                b.inc(1);
            }
            pending.insert(i, report);
            while let Some(mut r) = pending.remove(&reports.len()) {
                match &bar {
                    Some(b) => b.suspend(|| emit(&mut r)),
                    None => emit(&mut r),
                }
                reports.push(r);
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(reports)
}

/// Cache of engines by rule directories, so each distinct set of packs is loaded once.
#[derive(Default)]
pub struct Engines {
    map: HashMap<Vec<PathBuf>, Result<Arc<Engine>, String>>,
}

impl Engines {
    /// The engine for `dirs`; a pack error is printed (fancy, once) and returned as one line.
    pub fn get(&mut self, dirs: Vec<PathBuf>) -> Result<Arc<Engine>, String> {
        if let Some(r) = self.map.get(&dirs) {
            return r.clone();
        }
        let r = Engine::build(&dirs).map(Arc::new).map_err(|e| {
            crate::print_miette(&*e);
            e.to_string()
        });
        self.map.insert(dirs, r.clone());
        r
    }
}
