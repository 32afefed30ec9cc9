//! `rasoat.toml`: discovered upward from each checked file (the closest wins), `extend` to inherit,
//! `--config FILE` to override discovery.
//!
//! ```toml
//! extend = "../rasoat.toml"
//! tone_style = "old"            # or "new"
//! max_file_size = "64MB"        # or a number of bytes
//! rules_dirs = ["packs"]        # relative to this file
//! [rules]
//! select = ["spelling", "target"]
//! ignore = ["style/long-sentence"]
//! [rules.severity]
//! "spelling" = "warning"
//! [[ignore]]
//! path = "phu-luc/*.txt"        # relative to this file
//! rules = ["structure"]
//! reason = "Phụ lục do đơn vị khác soạn"
//! ```
//!
//! Merging with `extend`: scalars and `select` of the extending file win; `ignore`, the
//! severities, `rules_dirs` and `[[ignore]]` entries accumulate.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use rasoat_rules::{Category, Context, Selection, Severity, ToneStyle};
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub const FILE_NAME: &str = "rasoat.toml";

/// A configuration that cannot be used, pointing into its file when possible.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    #[error("cấu hình {path} không hợp lệ (invalid configuration): {message}")]
    #[diagnostic(code(rasoat::config::invalid))]
    Invalid {
        path: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{label}")]
        span: Option<SourceSpan>,
        label: String,
    },
    #[error("không đọc được cấu hình {path} (cannot read configuration): {source}")]
    #[diagnostic(code(rasoat::config::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cấu hình {path}: `extend` tạo vòng lặp (extend cycle)")]
    #[diagnostic(code(rasoat::config::cycle))]
    Cycle { path: String },
}

impl ConfigError {
    /// The configuration file the error is about.
    pub fn path(&self) -> &str {
        match self {
            ConfigError::Invalid { path, .. }
            | ConfigError::Io { path, .. }
            | ConfigError::Cycle { path } => path,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    extend: Option<Spanned<String>>,
    #[serde(default)]
    tone_style: Option<ToneStyle>,
    #[serde(default)]
    max_file_size: Option<Spanned<SizeValue>>,
    #[serde(default)]
    rules_dirs: Vec<String>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: Option<Spanned<BTreeMap<String, Severity>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: String,
    rules: Vec<Spanned<String>>,
    /// Required: a suppression without a reason is how findings get lost for good.
    reason: String,
}

/// One `[[ignore]]` entry: findings of `rules` in files matching `path` are suppressed.
#[derive(Debug, Clone, Serialize)]
pub struct IgnoreEntry {
    pub path: String,
    pub rules: Vec<String>,
    pub reason: String,
    /// The configuration file that declared it.
    pub from: PathBuf,
    #[serde(skip)]
    base: PathBuf,
    #[serde(skip)]
    pattern: Option<glob::Pattern>,
    /// `<config file>#<index>`: identifies the entry when reporting unused ones.
    #[serde(skip)]
    pub key: String,
    /// 1-based line of the entry in its file, for the unused-entry warning.
    #[serde(skip)]
    pub line: usize,
}

impl IgnoreEntry {
    /// Whether the entry applies to `file` (any path; compared relative to the config's folder).
    pub fn matches_file(&self, file: &Path) -> bool {
        let Some(pattern) = &self.pattern else { return false };
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = abs.strip_prefix(&self.base).unwrap_or(&abs);
        let opts = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        if pattern.matches_path_with(rel, opts) {
            return true;
        }
        // A pattern without a slash names files anywhere below (like .gitignore).
        !self.path.contains('/')
            && rel.file_name().is_some_and(|n| pattern.matches_with(&n.to_string_lossy(), opts))
    }

    /// Whether any file on disk matches the entry (stale entries match none).
    pub fn matches_any_file(&self) -> bool {
        let base = glob::Pattern::escape(&self.base.to_string_lossy());
        let pattern = if self.path.contains('/') {
            format!("{base}/{}", self.path)
        } else {
            format!("{base}/**/{}", self.path)
        };
        glob::glob(&pattern).is_ok_and(|mut paths| paths.any(|p| p.is_ok()))
    }

    /// Whether the entry covers the rule `id`.
    pub fn matches_rule(&self, id: &str) -> bool {
        self.rules.iter().any(|p| pattern_matches(p, id))
    }
}

/// Same matching as the registry's selection: exact id, `all`, or a whole category prefix.
pub fn pattern_matches(pattern: &str, id: &str) -> bool {
    pattern == id || pattern == "all" || id.strip_prefix(pattern).is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a rule pattern can ever match: `all`, a category, or `<category>/<kebab-name>`.
pub fn valid_rule_pattern(p: &str) -> bool {
    if p == "all" || Category::ALL.iter().any(|c| c.as_str() == p) {
        return true;
    }
    match p.split_once('/') {
        Some((cat, name)) => {
            Category::ALL.iter().any(|c| c.as_str() == cat)
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }
        None => false,
    }
}

/// The configuration that applies to a file, with where it came from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Effective {
    /// The files it was read from, the closest (the one found or given) first.
    pub sources: Vec<PathBuf>,
    pub tone_style: Option<ToneStyle>,
    pub max_file_size: Option<u64>,
    /// Extra rule-pack directories, resolved.
    pub rules_dirs: Vec<PathBuf>,
    /// `None`: all rules.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    pub ignores: Vec<IgnoreEntry>,
}

impl Effective {
    /// The rules that run for a file: the configuration's selection, with the command line's
    /// `--select` replacing it and `--ignore` adding to it.
    #[allow(clippy::needless_update)] // `..Default::default()` keeps working when fields are added.
    pub fn selection(&self, select: &[String], ignore: &[String]) -> Selection {
        let select =
            if select.is_empty() { self.select.clone().unwrap_or_default() } else { select.to_vec() };
        let mut ignores = self.ignore.clone();
        ignores.extend(ignore.iter().cloned());
        let severities = self.severity.iter().map(|(k, v)| (k.clone(), *v)).collect();
        Selection { select, ignore: ignores, severities, ..Default::default() }
    }

    /// What the rules may read from the configuration.
    #[allow(clippy::needless_update)] // as above
    pub fn context(&self) -> Context {
        Context { tone_style: self.tone_style, ..Default::default() }
    }

    /// Lay `child` over `self` (self is the extended base).
    fn overlay(mut self, child: Effective) -> Effective {
        let mut sources = child.sources;
        sources.extend(self.sources);
        self.sources = sources;
        self.tone_style = child.tone_style.or(self.tone_style);
        self.max_file_size = child.max_file_size.or(self.max_file_size);
        self.rules_dirs.extend(child.rules_dirs);
        if child.select.is_some() {
            self.select = child.select;
        }
        self.ignore.extend(child.ignore);
        self.severity.extend(child.severity);
        self.ignores.extend(child.ignores);
        self
    }

    /// Render as TOML, with the source files as comments (`rasoat config`).
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Rules<'a> {
            select: Vec<String>,
            ignore: &'a [String],
            severity: &'a BTreeMap<String, Severity>,
        }
        #[derive(Serialize)]
        struct ShownIgnore<'a> {
            path: &'a str,
            rules: &'a [String],
            reason: &'a str,
            from: String,
        }
        #[derive(Serialize)]
        struct Shown<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            tone_style: Option<ToneStyle>,
            max_file_size: u64,
            rules_dirs: Vec<String>,
            rules: Rules<'a>,
            ignore: Vec<ShownIgnore<'a>>,
        }
        let shown = Shown {
            tone_style: self.tone_style,
            max_file_size: self.max_file_size.unwrap_or(crate::DEFAULT_MAX_FILE_SIZE),
            rules_dirs: self.rules_dirs.iter().map(|p| shown_path(p)).collect(),
            rules: Rules {
                select: self.select.clone().unwrap_or_else(|| vec!["all".to_owned()]),
                ignore: &self.ignore,
                severity: &self.severity,
            },
            ignore: self
                .ignores
                .iter()
                .map(|e| ShownIgnore {
                    path: &e.path,
                    rules: &e.rules,
                    reason: &e.reason,
                    from: shown_path(&e.from),
                })
                .collect(),
        };
        let mut out = String::new();
        if self.sources.is_empty() {
            out.push_str("# Không có rasoat.toml: cấu hình mặc định (no rasoat.toml found: defaults)\n");
        } else {
            out.push_str("# Từ (from), gần nhất trước (closest first):\n");
            for s in &self.sources {
                out.push_str(&format!("#   {}\n", shown_path(s)));
            }
        }
        match toml::to_string(&shown) {
            Ok(t) => out.push_str(&t),
            Err(e) => out.push_str(&format!("# (cannot render configuration: {e})\n")),
        }
        out
    }
}

/// Loads configuration files once each and finds the one that applies to a file.
#[derive(Debug, Default)]
pub struct Resolver {
    /// `--config FILE`: used for every file, no discovery.
    forced: Option<PathBuf>,
    /// `--isolated`: no configuration file at all.
    isolated: bool,
    /// Directory → closest configuration file at or above it.
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file → its effective configuration.
    files: HashMap<PathBuf, Result<Arc<Effective>, Arc<ConfigError>>>,
}

impl Resolver {
    pub fn new(forced: Option<PathBuf>) -> Resolver {
        Resolver { forced, ..Resolver::default() }
    }

    /// A resolver that finds no configuration: every file gets the defaults.
    pub fn isolated() -> Resolver {
        Resolver { isolated: true, ..Resolver::default() }
    }

    /// The configuration for a checked file (`None`: stdin, resolved from the current directory).
    pub fn for_file(&mut self, file: Option<&Path>) -> Result<Arc<Effective>, Arc<ConfigError>> {
        if self.isolated {
            return Ok(Arc::new(Effective::default()));
        }
        let config = match self.forced.clone() {
            Some(forced) => Some(forced),
            None => {
                let start = match file {
                    Some(f) => {
                        let abs = std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf());
                        if abs.is_dir() { abs } else { abs.parent().map(Path::to_path_buf).unwrap_or(abs) }
                    }
                    None => std::env::current_dir().unwrap_or_default(),
                };
                self.discover(&start)
            }
        };
        match config {
            None => Ok(Arc::new(Effective::default())),
            Some(path) => self.load(&path),
        }
    }

    fn discover(&mut self, start: &Path) -> Option<PathBuf> {
        let mut visited = Vec::new();
        let mut found = None;
        for dir in start.ancestors() {
            if let Some(known) = self.dirs.get(dir) {
                found = known.clone();
                break;
            }
            visited.push(dir.to_path_buf());
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for dir in visited {
            self.dirs.insert(dir, found.clone());
        }
        found
    }

    /// Load a configuration file (cached), following `extend`.
    pub fn load(&mut self, path: &Path) -> Result<Arc<Effective>, Arc<ConfigError>> {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(r) = self.files.get(&abs) {
            return r.clone();
        }
        let r = load_chain(&abs, &mut Vec::new()).map(Arc::new).map_err(Arc::from);
        self.files.insert(abs, r.clone());
        r
    }
}

/// A path for messages: relative to the current directory when it is below it.
pub fn shown_path(p: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    p.strip_prefix(&cwd).unwrap_or(p).display().to_string()
}

fn load_chain(path: &Path, stack: &mut Vec<PathBuf>) -> Result<Effective, Box<ConfigError>> {
    let shown = shown_path(path);
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if stack.contains(&canonical) {
        return Err(Box::new(ConfigError::Cycle { path: shown }));
    }
    stack.push(canonical);
    let source = std::fs::read_to_string(path)
        .map_err(|source| Box::new(ConfigError::Io { path: shown.clone(), source }))?;
    let base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let invalid = |message: String, span: Option<std::ops::Range<usize>>, label: &str| {
        Box::new(ConfigError::Invalid {
            path: shown.clone(),
            message,
            src: NamedSource::new(shown.clone(), source.clone()),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label: label.to_owned(),
        })
    };
    let raw: RawConfig = toml::from_str(&source)
        .map_err(|e| invalid(e.message().trim().to_owned(), e.span(), "tại đây (here)"))?;

    let mut own =
        Effective { sources: vec![path.to_path_buf()], tone_style: raw.tone_style, ..Effective::default() };
    if let Some(size) = &raw.max_file_size {
        let bytes = match size.get_ref() {
            SizeValue::Bytes(b) => Ok(*b),
            SizeValue::Text(t) => crate::cli::parse_size(t),
        };
        own.max_file_size = Some(bytes.map_err(|m| invalid(m, Some(size.span()), "kích thước (size)"))?);
    }
    own.rules_dirs = raw
        .rules_dirs
        .iter()
        .map(|d| {
            let joined = base_dir.join(d);
            joined.canonicalize().unwrap_or(joined)
        })
        .collect();
    let check = |p: &Spanned<String>| -> Result<String, Box<ConfigError>> {
        if valid_rule_pattern(p.get_ref()) {
            Ok(p.get_ref().clone())
        } else {
            Err(invalid(
                format!("không phải mã luật hay nhóm luật (not a rule id or category): {:?}", p.get_ref()),
                Some(p.span()),
                "mã luật không hợp lệ (unknown rule pattern)",
            ))
        }
    };
    if let Some(select) = &raw.rules.select {
        own.select = Some(select.iter().map(check).collect::<Result<_, _>>()?);
    }
    own.ignore = raw.rules.ignore.iter().map(check).collect::<Result<_, _>>()?;
    if let Some(sev) = &raw.rules.severity {
        for (k, v) in sev.get_ref() {
            if !valid_rule_pattern(k) {
                return Err(invalid(
                    format!("không phải mã luật hay nhóm luật (not a rule id or category): {k:?}"),
                    Some(sev.span()),
                    "trong bảng này (in this table)",
                ));
            }
            own.severity.insert(k.clone(), *v);
        }
    }
    for (i, entry) in raw.ignore.iter().enumerate() {
        let e = entry.get_ref();
        if e.reason.trim().is_empty() {
            return Err(invalid(
                "`reason` trống: mỗi [[ignore]] phải nói lý do (empty reason: every [[ignore]] needs one)"
                    .into(),
                Some(entry.span()),
                "thiếu lý do (reason missing)",
            ));
        }
        let pattern = glob::Pattern::new(&e.path).map_err(|err| {
            invalid(
                format!("mẫu đường dẫn sai (bad path glob) {:?}: {err}", e.path),
                Some(entry.span()),
                "ở đây (here)",
            )
        })?;
        let rules = e.rules.iter().map(check).collect::<Result<Vec<_>, _>>()?;
        let line = source.get(..entry.span().start).map_or(0, |s| s.matches('\n').count()) + 1;
        own.ignores.push(IgnoreEntry {
            path: e.path.clone(),
            rules,
            reason: e.reason.clone(),
            from: path.to_path_buf(),
            base: base_dir.clone(),
            pattern: Some(pattern),
            key: format!("{}#{i}", path.display()),
            line,
        });
    }

    let result = match &raw.extend {
        Some(ext) => {
            // Canonical: "sub/../rasoat.toml" shows as the file it is.
            let joined = base_dir.join(ext.get_ref());
            let parent = joined.canonicalize().unwrap_or(joined);
            if !parent.is_file() {
                return Err(invalid(
                    format!("không tìm thấy tệp được extend (extended file not found): {}", parent.display()),
                    Some(ext.span()),
                    "tệp này (this file)",
                ));
            }
            load_chain(&parent, stack)?.overlay(own)
        }
        None => own,
    };
    stack.pop();
    Ok(result)
}

/// The keys of every `[[ignore]]` entry, to find the unused ones after a run.
pub fn all_ignore_entries<'a>(configs: impl Iterator<Item = &'a Arc<Effective>>) -> Vec<IgnoreEntry> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for c in configs {
        for e in &c.ignores {
            if seen.insert(e.key.clone()) {
                out.push(e.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(valid_rule_pattern("spelling"));
        assert!(valid_rule_pattern("spelling/real-word"));
        assert!(valid_rule_pattern("all"));
        assert!(!valid_rule_pattern("spell"));
        assert!(!valid_rule_pattern("bogus/x"));
        assert!(!valid_rule_pattern("spelling/Real_Word"));
        assert!(pattern_matches("spelling", "spelling/x"));
        assert!(!pattern_matches("spell", "spelling/x"));
    }

    #[test]
    fn missing_reason_is_an_error_pointing_into_the_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "[[ignore]]\npath = \"*.txt\"\nrules = [\"spelling\"]\n")?;
        let err = Resolver::new(None).load(&p).err().ok_or("expected an error")?;
        let msg = err.to_string();
        assert!(msg.contains("reason"), "{msg}");
        assert!(matches!(&*err, ConfigError::Invalid { span: Some(_), .. }));
        Ok(())
    }

    #[test]
    fn extend_merges_and_detects_cycles() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub)?;
        std::fs::write(
            dir.path().join(FILE_NAME),
            "tone_style = \"old\"\n[rules]\nignore = [\"style\"]\n[rules.severity]\nspelling = \"warning\"\n",
        )?;
        std::fs::write(sub.join(FILE_NAME), "extend = \"../rasoat.toml\"\n[rules]\nignore = [\"format\"]\n")?;
        let mut r = Resolver::new(None);
        let eff = r.for_file(Some(&sub.join("a.txt"))).map_err(|e| e.to_string())?;
        assert_eq!(eff.tone_style, Some(ToneStyle::Old));
        assert_eq!(eff.ignore, vec!["style".to_string(), "format".to_string()]);
        assert_eq!(eff.severity.get("spelling"), Some(&Severity::Warning));
        assert_eq!(eff.sources.len(), 2);

        std::fs::write(dir.path().join(FILE_NAME), "extend = \"sub/rasoat.toml\"\n")?;
        let err = Resolver::new(None).for_file(Some(&sub.join("a.txt"))).err().ok_or("expected a cycle")?;
        assert!(matches!(&*err, ConfigError::Cycle { .. }));
        Ok(())
    }
}
