//! Rule packs: `rules/*.toml` data that instantiates the generic rule kinds without recompiling.
//!
//! The packs in the repository's `rules/` are embedded into the binary (see [`EMBEDDED`]);
//! `--rules DIR` or the configuration adds packs, and a pack with the same `[pack] name` as an
//! embedded one replaces it. Every entry carries its legal basis and examples; the examples are
//! run when the registry is built, and a failing one rejects the pack with an error that points
//! into the TOML file.
//!
//! Sections and the rules that read them:
//! - `[[confusion]]` → `spelling/confusion` (wrong phrase, right phrase, context conditions)
//! - `[[forbidden]]` → the rule named by its `rule` field (e.g. `terminology/abolished-unit`)
//! - `[[consistency]]` → `style/inconsistent-variant` (either/or variants within one document)
//! - `[[name]]` → `spelling/capitalization` (canonical spellings of names)
//! - `[[profile]]` → `target/…` (which plans a profile applies to, the indicators they need)
//! - `[[document]]` → `citation/…` (registry of known documents: number, date, issuer)

use std::path::{Path, PathBuf};

use miette::{Diagnostic as MietteDiagnostic, NamedSource, SourceSpan};
use serde::Deserialize;

use crate::rule::Example;

/// The packs shipped in `rules/`, compiled into the binary: (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("core.toml", include_str!("../../../rules/core.toml")),
    ("spelling.toml", include_str!("../../../rules/spelling.toml")),
    ("names.toml", include_str!("../../../rules/names.toml")),
    ("style.toml", include_str!("../../../rules/style.toml")),
    ("terminology.toml", include_str!("../../../rules/terminology.toml")),
    ("kl226.toml", include_str!("../../../rules/kl226.toml")),
    ("documents.toml", include_str!("../../../rules/documents.toml")),
];

/// Where a pack came from, for messages and `rasoat rules`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackOrigin {
    Embedded(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for PackOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackOrigin::Embedded(name) => write!(f, "rules/{name} (embedded)"),
            PackOrigin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub description: String,
}

/// An example with its location in the pack file, so a failing example can be pointed at.
pub type SpannedExample = toml::Spanned<Example>;

/// `[[confusion]]`: a phrase that is a misspelling of another in the stated context.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfusionEntry {
    /// The wrong phrase, as it appears (matched case-insensitively, on whole syllables).
    pub wrong: String,
    /// The right phrase(s), best first.
    pub right: Vec<String>,
    /// Only an error when one of these words comes right before / after.
    #[serde(default)]
    pub require_before: Vec<String>,
    #[serde(default)]
    pub require_after: Vec<String>,
    /// Never an error when one of these words comes right before / after.
    #[serde(default)]
    pub forbid_before: Vec<String>,
    #[serde(default)]
    pub forbid_after: Vec<String>,
    pub basis: String,
    #[serde(default)]
    pub examples: Vec<SpannedExample>,
}

/// `[[forbidden]]`: terms that must not be used in documents dated on or after `effective`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenEntry {
    /// Rule id the findings carry (`terminology/abolished-unit`).
    pub rule: String,
    pub terms: Vec<String>,
    /// ISO date from which the terms are wrong ("2025-07-01"); always wrong when absent.
    #[serde(default)]
    pub effective: Option<String>,
    /// Words that, right after a term, make it acceptable ("huyện" in a historical name…).
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Words that, right before a term, make it acceptable ("nguyên" Chủ tịch UBND huyện).
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Phrases that, anywhere in the term's sentence, make it acceptable (history or the
    /// transition itself: "cũ", "sắp xếp", "kết thúc hoạt động").
    #[serde(default)]
    pub unless_context: Vec<String>,
    /// Only in documents of these kinds (kebab-case `DocKind` names: "ke-hoach"); any when empty.
    #[serde(default)]
    pub doc_kinds: Vec<String>,
    pub message_vi: String,
    pub message_en: String,
    #[serde(default)]
    pub suggest: Vec<String>,
    pub basis: String,
    #[serde(default)]
    pub examples: Vec<SpannedExample>,
}

/// `[[consistency]]`: accepted variants that must not be mixed within one document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyEntry {
    pub variants: Vec<String>,
    /// Words that, right before / after an occurrence, mean it is not the variant ("mặt hàng
    /// ngày càng…" is not "hàng ngày").
    #[serde(default)]
    pub forbid_before: Vec<String>,
    #[serde(default)]
    pub forbid_after: Vec<String>,
    pub basis: String,
    #[serde(default)]
    pub examples: Vec<SpannedExample>,
}

/// `[[name]]`: the canonical spelling of a proper or agency name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameEntry {
    pub canonical: String,
    /// The words after the first may all be lower case: then they are not the name but a verb
    /// phrase after a common noun ("các Bộ xây dựng kế hoạch" is not "Bộ Xây dựng").
    #[serde(default)]
    pub lowercase_tail_ok: bool,
    pub basis: String,
    #[serde(default)]
    pub examples: Vec<SpannedExample>,
}

/// `[[profile]]`: the targets that plans implementing some directive must state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileEntry {
    /// Short id reported in JSON `profiles` ("kl226").
    pub id: String,
    pub title: String,
    /// The profile applies to a document that cites any of these (canonical keys, e.g. "226-KL/TW").
    pub applies_when_cites: Vec<String>,
    /// Only to documents of these kinds ("ke-hoach"); all kinds when empty.
    #[serde(default)]
    pub kinds: Vec<String>,
    pub basis: String,
    #[serde(default)]
    pub indicators: Vec<IndicatorEntry>,
    #[serde(default)]
    pub examples: Vec<SpannedExample>,
}

/// One required indicator of a profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEntry {
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    /// Phrases that identify the indicator's subject in a clause (any one suffices; each phrase
    /// is a list of words that must all appear).
    pub subject: Vec<Vec<String>>,
    /// Phrases that, in the same clause, mean it is another indicator.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// "at-least", "at-most", "decrease", "exactly".
    pub comparator: String,
    pub value: f64,
    /// "%" or "ngày" or a counted noun.
    pub unit: String,
    pub basis: String,
    /// Severity of findings about this indicator when not the rule's default ("warning" for a
    /// requirement that rests on a single source).
    #[serde(default)]
    pub severity: Option<String>,
    /// Subject phrases of the complementary share, stated the other way round ("hội nghị trực
    /// tiếp không quá 40%" for "hội nghị trực tuyến không ít hơn 60%"): a percentage indicator
    /// only; the value is read as 100 − value with the comparator reversed.
    #[serde(default)]
    pub complement: Vec<Vec<String>>,
    /// Checked when stated, never reported missing (a requirement that applies to some plans
    /// only, such as a province-level limit).
    #[serde(default)]
    pub optional: bool,
}

/// `[[document]]`: a known document, to check citations against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownDocument {
    /// Canonical number key, as written in the document ("534/QĐ-TTg", "09/2019/NĐ-CP").
    pub key: String,
    /// ISO date of issue.
    pub date: String,
    pub issuer: String,
    pub title: String,
    /// Normative (quy phạm pháp luật): its number must carry the year.
    #[serde(default)]
    pub normative: bool,
    pub basis: String,
}

/// One pack file, deserialised.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: PackMeta,
    #[serde(default)]
    pub confusion: Vec<ConfusionEntry>,
    #[serde(default)]
    pub forbidden: Vec<ForbiddenEntry>,
    #[serde(default)]
    pub consistency: Vec<ConsistencyEntry>,
    #[serde(default)]
    pub name: Vec<NameEntry>,
    #[serde(default)]
    pub profile: Vec<ProfileEntry>,
    #[serde(default)]
    pub document: Vec<KnownDocument>,
}

/// A loaded pack with its source text (kept for error reporting).
#[derive(Debug, Clone)]
pub struct Pack {
    pub origin: PackOrigin,
    pub source: String,
    pub data: PackFile,
}

/// All packs of a run, embedded first, then those from directories (a later pack with the
/// same name replaces an earlier one).
#[derive(Debug, Clone, Default)]
pub struct Packs {
    pub packs: Vec<Pack>,
}

/// A pack that cannot be used, pointing into its file.
#[derive(Debug, thiserror::Error, MietteDiagnostic)]
pub enum PackError {
    #[error("gói luật {origin} không đọc được (cannot read rule pack): {message}")]
    #[diagnostic(code(rasoat::pack::syntax))]
    Syntax {
        origin: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("tại đây (here)")]
        span: Option<SourceSpan>,
    },
    #[error("gói luật {origin}: {message}")]
    #[diagnostic(code(rasoat::pack::invalid))]
    Invalid {
        origin: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{label}")]
        span: Option<SourceSpan>,
        label: String,
    },
    #[error("không đọc được thư mục gói luật {path} (cannot read rules directory): {source}")]
    #[diagnostic(code(rasoat::pack::io))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Pack {
    /// Parse one pack file.
    pub fn parse(origin: PackOrigin, source: String) -> Result<Pack, Box<PackError>> {
        match toml::from_str::<PackFile>(&source) {
            Ok(data) => Ok(Pack { origin, source, data }),
            Err(e) => {
                let span = e.span().map(|r| SourceSpan::from(r.start..r.end));
                let name = origin.to_string();
                Err(Box::new(PackError::Syntax {
                    origin: name.clone(),
                    message: e.message().to_owned(),
                    src: NamedSource::new(name, source),
                    span,
                }))
            }
        }
    }

    /// True when this is one of the packs built into the binary, byte for byte. Their
    /// examples are checked by the test suite (`registry::tests::embedded_pack_examples_pass`)
    /// instead of at every start: they cannot change without a build that runs the tests.
    pub fn is_embedded_unchanged(&self) -> bool {
        match self.origin {
            PackOrigin::Embedded(name) => EMBEDDED.iter().any(|&(n, src)| n == name && src == self.source),
            PackOrigin::File(_) => false,
        }
    }

    /// An error about a place in this pack (a failing example, a bad regex…).
    pub fn error_at(
        &self,
        span: Option<std::ops::Range<usize>>,
        message: String,
        label: String,
    ) -> PackError {
        let name = self.origin.to_string();
        PackError::Invalid {
            origin: name.clone(),
            message,
            src: NamedSource::new(name, self.source.clone()),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label,
        }
    }
}

impl Packs {
    /// The embedded packs.
    pub fn embedded() -> Result<Packs, Box<PackError>> {
        let mut packs = Packs::default();
        for (name, src) in EMBEDDED {
            packs.add(Pack::parse(PackOrigin::Embedded(name), (*src).to_owned())?);
        }
        Ok(packs)
    }

    /// Add a pack, replacing one with the same name.
    pub fn add(&mut self, pack: Pack) {
        self.packs.retain(|p| p.data.pack.name != pack.data.pack.name);
        self.packs.push(pack);
    }

    /// Load every `*.toml` in `dir` (sorted by name, for determinism).
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Box<PackError>> {
        let io = |source| Box::new(PackError::Io { path: dir.to_owned(), source });
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for path in files {
            let source = std::fs::read_to_string(&path)
                .map_err(|source| Box::new(PackError::Io { path: path.clone(), source }))?;
            self.add(Pack::parse(PackOrigin::File(path), source)?);
        }
        Ok(())
    }

    /// Iterate over the entries of one section of every pack, with their pack.
    pub fn entries<'a, T: 'a>(
        &'a self,
        section: impl Fn(&'a PackFile) -> &'a [T] + 'a,
    ) -> impl Iterator<Item = (&'a Pack, &'a T)> + 'a {
        self.packs.iter().flat_map(move |p| section(&p.data).iter().map(move |e| (p, e)))
    }
}
