//! The HTML report: one self-contained page, A4-printable, every document text escaped.

use std::fmt::Write as _;

use rasoat_rules::Severity;

use crate::{FileReport, RunInfo, counts};

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Times New Roman", "Noto Serif", serif; font-size: 13pt; line-height: 1.4; color: #111; max-width: 190mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 16pt; text-align: center; text-transform: uppercase; margin: 0.2em 0; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.2em; }
h3 { font-size: 13pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 11.5pt; }
th, td { border: 1px solid #888; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
.meta td:first-child { width: 32%; font-weight: bold; }
.verdict { font-size: 15pt; font-weight: bold; padding: 6px 10px; display: inline-block; border: 2px solid; }
.verdict.ok { color: #145a14; } .verdict.edit { color: #8a5a00; } .verdict.return { color: #9b1111; }
.sev-error { color: #9b1111; font-weight: bold; } .sev-warning { color: #8a5a00; } .sev-info { color: #335; }
.st-met { color: #145a14; } .st-missing, .st-weaker, .st-inconsistent { color: #9b1111; font-weight: bold; }
ol.findings li { margin-bottom: 0.6em; page-break-inside: avoid; }
.quote { font-family: "Noto Serif", serif; background: #f6f6f6; padding: 1px 4px; }
.rule { font-family: monospace; font-size: 10.5pt; color: #555; }
.basis { font-size: 11pt; color: #333; }
.doctext { font-size: 11.5pt; white-space: pre-wrap; border: 1px solid #ccc; padding: 6px; }
.doctext .ln { color: #999; user-select: none; display: inline-block; width: 3.2em; }
mark { background: #ffe27a; } mark a { color: inherit; text-decoration: none; }
@media print { a { color: inherit; text-decoration: none; } .doctext { border: none; } }
"#;

fn sev_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Lỗi",
        Severity::Warning => "Cảnh báo",
        Severity::Info => "Lưu ý",
    }
}

/// Render the whole run as one HTML page.
pub fn render_html(files: &[FileReport], run: &RunInfo) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Báo cáo rà soát văn bản</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(h, "<h1>Báo cáo rà soát dự thảo văn bản</h1>");
    let packs: Vec<String> = run.packs.iter().map(|(n, v)| format!("{} {}", esc(n), esc(v))).collect();
    let _ = writeln!(
        h,
        "<p style=\"text-align:center\">Công cụ rasoat {} · ngày kiểm tra {} · gói luật: {}</p>",
        esc(&run.tool_version),
        esc(&run.checked_on),
        packs.join(", ")
    );
    for (i, f) in files.iter().enumerate() {
        file_section(&mut h, i, f, run);
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn file_section(h: &mut String, idx: usize, f: &FileReport, run: &RunInfo) {
    let id = |kind: &str, n: usize| format!("d{idx}-{kind}{n}");
    let _ = writeln!(h, "<section class=\"file\" id=\"d{idx}\">");
    let _ = writeln!(h, "<h2>{}. Văn bản: {}</h2>", idx + 1, esc(&f.path));
    h.push_str("<table class=\"meta\">\n");
    let t = &f.title;
    let rows: [(&str, Option<&String>); 5] = [
        ("Loại văn bản", t.kind.as_ref()),
        ("Số, ký hiệu", t.number.as_ref()),
        ("Địa danh, ngày tháng", t.date.as_ref()),
        ("Cơ quan ban hành", t.issuer.as_ref()),
        ("Trích yếu", t.summary.as_ref()),
    ];
    for (k, v) in rows {
        let v = v.map_or_else(|| "<i>(không xác định được)</i>".to_owned(), |s| esc(s));
        let _ = writeln!(h, "<tr><td>{k}</td><td>{v}</td></tr>");
    }
    let _ = writeln!(h, "<tr><td>Mã băm SHA-256 của tệp</td><td><code>{}</code></td></tr>", esc(&f.sha256));
    let _ = writeln!(h, "<tr><td>Ngày kiểm tra</td><td>{}</td></tr>", esc(&run.checked_on));
    h.push_str("</table>\n");

    // Summary and verdict.
    let _ = writeln!(h, "<h3>Tổng hợp</h3>");
    let _ = writeln!(
        h,
        "<p>Kết luận: <span class=\"verdict {}\" id=\"d{idx}-verdict\">{}</span></p>",
        f.verdict.css(),
        f.verdict.label()
    );
    h.push_str(
        "<table class=\"counts\">\n<tr><th>Nhóm</th><th>Lỗi</th><th>Cảnh báo</th><th>Lưu ý</th></tr>\n",
    );
    let counts = counts(&f.findings);
    for (cat, [e, w, i]) in &counts {
        let _ = writeln!(
            h,
            "<tr data-category=\"{}\"><td>{}</td><td>{e}</td><td>{w}</td><td>{i}</td></tr>",
            cat.as_str(),
            cat.label_vi()
        );
    }
    let total = |k: usize| counts.iter().map(|(_, n)| n.get(k).copied().unwrap_or(0)).sum::<usize>();
    let _ = writeln!(
        h,
        "<tr data-category=\"total\"><th>Cộng</th><th>{}</th><th>{}</th><th>{}</th></tr>\n</table>",
        total(0),
        total(1),
        total(2)
    );

    // Mandatory targets.
    if let Some(profile) = &f.profile {
        let _ = writeln!(h, "<h3>Chỉ tiêu bắt buộc ({})</h3>", esc(profile));
        h.push_str("<table class=\"targets\">\n<tr><th>Chỉ tiêu</th><th>Yêu cầu</th><th>Dự thảo nêu</th><th>Đánh giá</th></tr>\n");
        for row in &f.targets {
            let stated = if row.stated.is_empty() {
                "<i>không có</i>".to_owned()
            } else {
                row.stated
                    .iter()
                    .map(|(q, line)| format!("<span class=\"quote\">“{}”</span> (dòng {line})", esc(q)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let css = match row.status {
                crate::TargetStatus::Met => "st-met",
                crate::TargetStatus::Missing => "st-missing",
                crate::TargetStatus::Weaker => "st-weaker",
                crate::TargetStatus::Inconsistent => "st-inconsistent",
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{stated}</td><td class=\"{css}\">{}</td></tr>",
                esc(&row.indicator),
                esc(&row.required),
                row.status.label()
            );
        }
        h.push_str("</table>\n");
    }

    // Findings, each linked to its place in the text and back.
    let _ = writeln!(h, "<h3>Nội dung cần chỉnh sửa ({} mục)</h3>", f.findings.len());
    h.push_str("<ol class=\"findings\">\n");
    for (n, fi) in f.findings.iter().enumerate() {
        let d = &fi.diagnostic;
        let sev = d.severity;
        let _ = write!(
            h,
            "<li id=\"{}\" data-rule=\"{}\" data-severity=\"{}\"><span class=\"sev-{}\">{}</span> — <a href=\"#{}\">dòng {}, cột {}</a>: {}",
            id("f", n),
            esc(&d.rule),
            sev.as_str(),
            sev.as_str(),
            sev_label(sev),
            id("t", n),
            fi.line,
            fi.column,
            esc(&d.message.vi)
        );
        let _ = write!(h, "<br><span class=\"quote\">{}</span>", esc(&fi.context));
        if !d.suggestions.is_empty() {
            let s: Vec<String> = d.suggestions.iter().map(|s| format!("“{}”", esc(&s.replacement))).collect();
            let _ = write!(h, "<br>Đề nghị sửa: {}", s.join(" hoặc "));
        }
        if !fi.legal_basis.is_empty() {
            let _ = write!(h, "<br><span class=\"basis\">Căn cứ: {}</span>", esc(&fi.legal_basis));
        }
        let _ = writeln!(h, " <span class=\"rule\">[{}]</span></li>", esc(&d.rule));
    }
    h.push_str("</ol>\n");

    // The text with findings highlighted.
    let _ = writeln!(h, "<h3>Toàn văn dự thảo (các chỗ cần sửa được tô màu)</h3>");
    h.push_str("<div class=\"doctext\">");
    highlighted_text(h, f, idx);
    h.push_str("</div>\n</section>\n");
}

/// The document text, line-numbered, with non-overlapping highlights linking to the findings.
fn highlighted_text(h: &mut String, f: &FileReport, idx: usize) {
    // Marks may not overlap: keep the first of overlapping spans (by start), others still
    // link from the list to the line of their mark.
    let mut order: Vec<usize> = (0..f.spans.len()).collect();
    order.sort_by_key(|&i| f.spans.get(i).map(|s| (s.start, s.end)));
    let mut marks: Vec<(usize, rasoat_text::Span)> = Vec::new();
    let mut last_end = 0;
    for i in order {
        let Some(&s) = f.spans.get(i) else { continue };
        if s.start >= last_end && !s.is_empty() {
            marks.push((i, s));
            last_end = s.end;
        }
    }
    let mut unmarked_targets: Vec<usize> =
        (0..f.spans.len()).filter(|i| !marks.iter().any(|(m, _)| m == i)).collect();
    let text = &f.text;
    let mut pos = 0;
    let mut line = 1;
    let mut mark_iter = marks.into_iter().peekable();
    let _ = write!(h, "<span class=\"ln\" id=\"d{idx}-L1\">1</span>");
    let mut in_mark: Option<usize> = None;
    while pos < text.len() {
        // Where the next event is: a mark start/end or a newline.
        let next_nl = text.get(pos..).and_then(|t| t.find('\n')).map(|o| pos + o);
        let next_mark = match in_mark {
            Some(end) => Some(end),
            None => mark_iter.peek().map(|(_, s)| s.start),
        };
        let stop = [next_nl, next_mark].into_iter().flatten().min().unwrap_or(text.len()).max(pos);
        h.push_str(&esc(text.get(pos..stop).unwrap_or("")));
        pos = stop;
        if Some(pos) == next_mark {
            if in_mark.is_some() {
                h.push_str("</a></mark>");
                in_mark = None;
            } else if let Some((i, s)) = mark_iter.next() {
                // Findings whose spans overlap this mark point here too.
                let extra: Vec<usize> = {
                    let (keep, here): (Vec<usize>, Vec<usize>) = unmarked_targets
                        .iter()
                        .partition(|&&j| f.spans.get(j).is_none_or(|o| o.start >= s.end || o.end <= s.start));
                    unmarked_targets = keep;
                    here
                };
                let _ = write!(h, "<mark id=\"d{idx}-t{i}\">");
                for j in extra {
                    let _ = write!(h, "<span id=\"d{idx}-t{j}\"></span>");
                }
                let _ = write!(h, "<a href=\"#d{idx}-f{i}\">");
                in_mark = Some(s.end);
                continue;
            }
        }
        if Some(pos) == next_nl {
            line += 1;
            // Close a mark across lines and reopen it, so line numbers stay outside marks.
            if in_mark.is_some() {
                h.push_str("</a></mark>\n");
            } else {
                h.push('\n');
            }
            let _ = write!(h, "<span class=\"ln\" id=\"d{idx}-L{line}\">{line}</span>");
            if in_mark.is_some() {
                h.push_str("<mark><a>");
            }
            pos += 1;
        }
    }
    if in_mark.is_some() {
        h.push_str("</a></mark>");
    }
    // Findings whose span is empty or beyond the text still need a target for their link.
    for j in unmarked_targets {
        let _ = write!(h, "<span id=\"d{idx}-t{j}\"></span>");
    }
}
