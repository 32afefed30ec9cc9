//! What a rule reports.

use rasoat_text::Span;
use serde::{Deserialize, Serialize};

/// The closed set of categories (DESIGN.md contract): a rule id is `<category>/<kebab-name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Spelling,
    Target,
    Duplicate,
    Structure,
    Citation,
    Deadline,
    Format,
    Terminology,
    Style,
    Encoding,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Spelling,
        Category::Target,
        Category::Duplicate,
        Category::Structure,
        Category::Citation,
        Category::Deadline,
        Category::Format,
        Category::Terminology,
        Category::Style,
        Category::Encoding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Spelling => "spelling",
            Category::Target => "target",
            Category::Duplicate => "duplicate",
            Category::Structure => "structure",
            Category::Citation => "citation",
            Category::Deadline => "deadline",
            Category::Format => "format",
            Category::Terminology => "terminology",
            Category::Style => "style",
            Category::Encoding => "encoding",
        }
    }

    /// The category of a rule id (`"spelling/real-word"` → Spelling).
    pub fn of_rule(id: &str) -> Option<Category> {
        let prefix = id.split('/').next()?;
        Category::ALL.into_iter().find(|c| c.as_str() == prefix)
    }

    /// Vietnamese name, for reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Category::Spelling => "Chính tả",
            Category::Target => "Chỉ tiêu",
            Category::Duplicate => "Trùng lặp",
            Category::Structure => "Bố cục",
            Category::Citation => "Trích dẫn",
            Category::Deadline => "Thời hạn",
            Category::Format => "Thể thức",
            Category::Terminology => "Thuật ngữ",
            Category::Style => "Văn phong",
            Category::Encoding => "Mã hóa",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A text in both languages. Vietnamese is the default and must always be set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub vi: String,
    pub en: String,
}

impl Message {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self { vi: vi.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En if !self.en.is_empty() => &self.en,
            Lang::En => &self.vi,
        }
    }
}

/// A replacement for the diagnostic's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub replacement: String,
    /// Safe to apply with `--fix`: the single candidate, letters only (never numbers, dates,
    /// targets or unit names).
    pub safe: bool,
}

/// Another place that explains the finding (the first copy of a duplicate, the other value of
/// an inconsistent target).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub span: Span,
    pub message: Message,
    pub suggestions: Vec<Suggestion>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn category(&self) -> Option<Category> {
        Category::of_rule(&self.rule)
    }

    pub fn with_suggestion(mut self, replacement: impl Into<String>, safe: bool) -> Self {
        self.suggestions.push(Suggestion { replacement: replacement.into(), safe });
        self
    }

    pub fn with_related(mut self, span: Span, message: Message) -> Self {
        self.related.push(Related { span, message });
        self
    }

    /// Deterministic order: position, then rule, then message.
    pub fn sort_key(&self) -> (usize, usize, &str, &str) {
        (self.span.start, self.span.end, self.rule.as_str(), self.message.vi.as_str())
    }
}
