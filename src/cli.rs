//! Command-line arguments (clap derive). The flags are a contract (DESIGN.md): keep names stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rasoat_rules::{Lang, Severity};

const AFTER_HELP: &str = "\
Ví dụ (examples):
  rasoat check ke-hoach.txt                 kiểm tra một tệp (check one file)
  rasoat check du-thao/ 'corpus/**/*.txt'   thư mục và mẫu glob (a directory and a glob)
  cat ke-hoach.txt | rasoat check -         đọc từ stdin (read stdin)
  rasoat check --format json du-thao/       JSON cho công cụ khác (JSON for other tools)
  rasoat check --format sarif . > r.sarif   cho GitHub code scanning (for GitHub code scanning)
  rasoat check --format github .            chú thích trong GitHub Actions (Actions annotations)
  rasoat check --select spelling,target --ignore spelling/real-word du-thao/
  rasoat check --fail-on warning --lang en du-thao/
  rasoat check --diff du-thao/              xem bản sửa an toàn (preview safe fixes)
  rasoat check --fix du-thao/               áp dụng bản sửa an toàn (apply safe fixes)
  rasoat baseline du-thao/ && rasoat check --baseline rasoat-baseline.json du-thao/
  rasoat rules                              danh sách luật (list the rules)
  rasoat explain spelling/confusion         luật kiểm tra gì, vì sao (what a rule checks, why)
  rasoat config du-thao/ke-hoach.txt        cấu hình áp dụng (effective configuration)

Mã thoát (exit codes):
  0  không có phát hiện từ mức --fail-on (nothing at or above --fail-on)
  1  có phát hiện (findings at or above --fail-on)
  2  lỗi sử dụng, cấu hình hoặc tệp đầu vào (usage, configuration or input error)

Cấu hình (configuration): rasoat.toml, tìm từ thư mục của tệp đi lên, tệp gần nhất thắng.
Searched upward from each file; the closest wins; `extend = \"../rasoat.toml\"` inherits.
`rasoat config FILE` in cấu hình áp dụng (prints what applies).";

pub(crate) const CONFIG_HELP: &str = "\
Ví dụ rasoat.toml (example):
  extend = \"../rasoat.toml\"          # kế thừa (inherit); this file wins
  tone_style = \"old\"                 # \"old\" (hòa, thủy) | \"new\" (hoà, thuỷ)
  max_file_size = \"64MB\"
  rules_dirs = [\"goi-luat\"]          # gói luật bổ sung, tính từ tệp này (relative to this file)

  [rules]
  select = [\"spelling\", \"target\"]  # mã luật hoặc nhóm (rule ids or categories)
  ignore = [\"style\"]

  [rules.severity]
  \"spelling/capitalization\" = \"info\"

  [[ignore]]                         # bỏ qua có lý do (suppress, with a required reason)
  path = \"phu-luc/*.txt\"
  rules = [\"structure\"]
  reason = \"Phụ lục do đơn vị khác soạn\"

[[ignore]] không bỏ qua gì được báo sau mỗi lần chạy (unused entries are reported after a run).";

/// rasoat (\"rà soát\"): kiểm tra dự thảo Kế hoạch của cơ quan hành chính trước khi ban hành.
/// Checks Vietnamese administrative plan documents (Kế hoạch) before they are issued.
#[derive(Debug, Parser)]
#[command(name = "rasoat", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra tệp, thư mục, mẫu glob hoặc stdin (check files, directories, globs or stdin).
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
    /// Liệt kê các luật (list the rules): id, category, default severity, source.
    Rules(RulesArgs),
    /// Giải thích một luật (explain a rule): what it checks, why, legal basis, examples.
    Explain(ExplainArgs),
    /// In mô hình văn bản đã phân tích (dump the parsed Document model).
    Parse(ParseArgs),
    /// In cấu hình áp dụng cho một tệp và nguồn của nó (print the effective configuration).
    #[command(after_help = CONFIG_HELP)]
    Config(ConfigArgs),
    /// Ghi các phát hiện hiện có vào tệp baseline, để `check --baseline` chỉ báo cái mới
    /// (record current findings so that `check --baseline` reports only new ones).
    Baseline(BaselineArgs),
    /// Lập báo cáo rà soát gửi lại cơ quan soạn thảo (write the reviewer report: HTML or Markdown).
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
}

const REPORT_HELP: &str = "\
Ví dụ (examples):
  rasoat report du-thao.txt -o bao-cao.html      một trang HTML tự chứa, in được khổ A4
  rasoat report so-a/*.txt --format md > bc.md   bản Markdown để dán vào công văn
  rasoat report du-thao.txt --return-at-errors 5 trả lại khi có từ 5 lỗi

Kết luận (verdict): «Trả lại» when a mandatory target is missing or weakened (an error of the
target/ category) or there are at least --return-at-errors errors; «Cần chỉnh sửa» when there are
other errors or warnings; «Đạt» otherwise. The report names the rule-pack versions, the date of the
check and the SHA-256 of each input, so the verdict can be reproduced.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Tệp, thư mục hoặc mẫu glob cần lập báo cáo (files, directories or globs; `-` for stdin).
    #[arg(value_name = "PATH|GLOB|-", required = true)]
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Ghi báo cáo vào tệp này (write to this file instead of standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Dùng tệp cấu hình này (use this configuration file instead of discovery).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub rule_source: RuleSource,
    /// Trả lại dự thảo khi có từ N lỗi trở lên (return the draft at N or more errors).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub return_at_errors: usize,
    /// Bỏ qua tệp lớn hơn (skip larger files) [default: 64MB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Options shared by the commands that build the rule registry.
#[derive(Debug, Clone, Args)]
pub struct RuleSource {
    /// Thư mục gói luật bổ sung (extra rule-pack directory; repeatable). A pack with the same
    /// `[pack] name` as a built-in one replaces it.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tệp, thư mục (tìm *.txt), mẫu glob, hoặc `-` cho stdin (files, directories, globs, `-`).
    #[arg(value_name = "PATH|GLOB|-", default_value = ".")]
    pub paths: Vec<String>,

    /// Định dạng kết quả (output format).
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,

    /// Mức thấp nhất làm thoát với mã 1 (lowest severity that makes the exit code 1).
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,

    /// Ngôn ngữ thông báo (message language).
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,

    /// Dùng tệp cấu hình này thay vì tìm rasoat.toml (use this configuration, no discovery).
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Bỏ qua mọi rasoat.toml: cấu hình mặc định (ignore every rasoat.toml; defaults only —
    /// for reproducible runs in tests and scripts).
    #[arg(long)]
    pub isolated: bool,

    #[command(flatten)]
    pub rule_source: RuleSource,

    /// Chỉ chạy các luật/nhóm này (run only these rule ids or categories; comma-separated,
    /// repeatable; replaces the configuration's `select`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Không chạy các luật/nhóm này (skip these rule ids or categories; added to the
    /// configuration's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Chỉ in các phát hiện, không in tóm tắt và tiến trình (findings only: no summary, no progress).
    #[arg(long, short)]
    pub quiet: bool,

    /// Số luồng xử lý (worker threads; default: number of CPUs).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// Bỏ qua tệp lớn hơn (skip larger files), e.g. `64MB`, `500k`, `1048576` [default: 64MB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,

    /// Sửa tự động các gợi ý an toàn (apply safe suggestions in place).
    #[arg(long)]
    pub fix: bool,

    /// Chỉ hiển thị thay đổi của --fix, không ghi (show what --fix would change; write nothing).
    #[arg(long)]
    pub diff: bool,

    /// Tên hiển thị của stdin, dùng cả để tìm cấu hình (the name stdin is shown under; also
    /// used to find rasoat.toml and match `[[ignore]]` paths).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Không báo các phát hiện đã ghi trong baseline này (hide findings recorded in this
    /// baseline; keyed by rule, matched text and surrounding words, not line numbers).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Tệp baseline cần ghi (the baseline file to write).
    #[arg(long, short, value_name = "FILE", default_value = "rasoat-baseline.json")]
    pub output: PathBuf,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rule_source: RuleSource,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Mã luật (rule id), e.g. `spelling/confusion`.
    pub rule: String,
    #[command(flatten)]
    pub rule_source: RuleSource,
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    Json,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Tệp cần phân tích, hoặc `-` (file to parse, or `-` for stdin).
    pub file: String,
    #[arg(long, value_enum, default_value = "json")]
    pub format: ParseFormat,
    /// Bỏ qua tệp lớn hơn (skip larger files) [default: 64MB].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Tệp hoặc thư mục cần xem cấu hình (file or directory; default: the current directory).
    pub file: Option<PathBuf>,
    /// Dùng tệp cấu hình này (use this configuration file instead of discovery).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Parse a size: plain bytes or with a unit suffix (k/KB, m/MB, g/GB; powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| format!("kích thước không hợp lệ (invalid size): {s:?}"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("đơn vị không hợp lệ (invalid unit) {other:?} in {s:?}")),
    };
    n.checked_mul(mult).ok_or_else(|| format!("kích thước quá lớn (size too large): {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MB"), Ok(64 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("abc").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn config_help_example_is_a_valid_configuration() -> Result<(), Box<dyn std::error::Error>> {
        let example: String = CONFIG_HELP
            .lines()
            .filter_map(|l| l.strip_prefix("  "))
            // The extended file does not exist here.
            .filter(|l| !l.starts_with("extend"))
            .map(|l| format!("{l}\n"))
            .collect();
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(crate::config::FILE_NAME);
        std::fs::write(&path, example)?;
        let cfg = crate::config::Resolver::new(None).load(&path).map_err(|e| e.to_string())?;
        assert_eq!(cfg.ignores.len(), 1);
        assert_eq!(cfg.max_file_size, Some(64 << 20));
        Ok(())
    }
}
