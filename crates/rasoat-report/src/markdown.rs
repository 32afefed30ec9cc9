//! The Markdown report: the same content as the HTML, for pasting into a letter or a tracker.

use std::fmt::Write as _;

use crate::{FileReport, RunInfo, counts};

/// Escape text for a Markdown table cell or inline text: pipes, backticks, HTML and emphasis.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '`' | '*' | '_' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render_markdown(files: &[FileReport], run: &RunInfo) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Báo cáo rà soát dự thảo văn bản\n");
    let packs: Vec<String> = run.packs.iter().map(|(n, v)| format!("{} {}", md(n), md(v))).collect();
    let _ = writeln!(
        m,
        "rasoat {} · ngày kiểm tra {} · gói luật: {}\n",
        md(&run.tool_version),
        md(&run.checked_on),
        packs.join(", ")
    );
    for (i, f) in files.iter().enumerate() {
        let _ = writeln!(m, "## {}. {}\n", i + 1, md(&f.path));
        let t = &f.title;
        for (k, v) in [
            ("Loại văn bản", &t.kind),
            ("Số, ký hiệu", &t.number),
            ("Địa danh, ngày tháng", &t.date),
            ("Cơ quan ban hành", &t.issuer),
            ("Trích yếu", &t.summary),
        ] {
            let _ = writeln!(m, "- **{k}:** {}", v.as_deref().map_or("(không xác định được)".into(), md));
        }
        let _ = writeln!(m, "- **SHA-256:** `{}`\n", f.sha256);
        let _ = writeln!(m, "**Kết luận: {}**\n", f.verdict.label());
        let _ = writeln!(m, "| Nhóm | Lỗi | Cảnh báo | Lưu ý |\n|---|---:|---:|---:|");
        for (cat, [e, w, n]) in counts(&f.findings) {
            let _ = writeln!(m, "| {} | {e} | {w} | {n} |", cat.label_vi());
        }
        if let Some(profile) = &f.profile {
            let _ = writeln!(m, "\n### Chỉ tiêu bắt buộc ({})\n", md(profile));
            let _ = writeln!(m, "| Chỉ tiêu | Yêu cầu | Dự thảo nêu | Đánh giá |\n|---|---|---|---|");
            for r in &f.targets {
                let stated = if r.stated.is_empty() {
                    "không có".to_owned()
                } else {
                    r.stated
                        .iter()
                        .map(|(q, l)| format!("“{}” (dòng {l})", md(q)))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let _ = writeln!(
                    m,
                    "| {} | {} | {stated} | {} |",
                    md(&r.indicator),
                    md(&r.required),
                    r.status.label()
                );
            }
        }
        let _ = writeln!(m, "\n### Nội dung cần chỉnh sửa ({} mục)\n", f.findings.len());
        for (n, fi) in f.findings.iter().enumerate() {
            let d = &fi.diagnostic;
            let _ = write!(
                m,
                "{}. **{}** dòng {}, cột {}: {} — «{}»",
                n + 1,
                d.severity.as_str(),
                fi.line,
                fi.column,
                md(&d.message.vi),
                md(&fi.context)
            );
            if !d.suggestions.is_empty() {
                let s: Vec<String> =
                    d.suggestions.iter().map(|s| format!("“{}”", md(&s.replacement))).collect();
                let _ = write!(m, " Đề nghị sửa: {}.", s.join(" hoặc "));
            }
            if !fi.legal_basis.is_empty() {
                let _ = write!(m, " Căn cứ: {}.", md(&fi.legal_basis));
            }
            let _ = writeln!(m, " `{}`", d.rule);
        }
        m.push('\n');
    }
    m
}
