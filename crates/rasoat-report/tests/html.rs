//! The HTML report parsed back as HTML: structure, counts, targets table, escaping, links.

use rasoat_report::*;
use rasoat_rules::{Diagnostic, Message, Severity};
use rasoat_text::Span;
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    match Selector::parse(s) {
        Ok(s) => s,
        Err(e) => panic!("bad selector {s}: {e}"),
    }
}

fn report_with(text: &str, findings: Vec<(&str, Severity, &str)>) -> FileReport {
    let doc = rasoat_doc::parse_str(text);
    let mut fs = Vec::new();
    let mut spans = Vec::new();
    for (rule, severity, needle) in findings {
        let start = text.find(needle).unwrap_or(0);
        let span = Span::new(start, start + needle.len());
        let d = Diagnostic {
            rule: rule.into(),
            severity,
            span,
            message: Message::new(format!("sai ở <{needle}>"), "wrong"),
            suggestions: vec![],
            related: vec![],
        };
        spans.push(span);
        fs.push(locate(&doc, d, "Nghị định 30/2020/NĐ-CP".into()));
    }
    let diags: Vec<_> = fs.iter().map(|f| f.diagnostic.clone()).collect();
    FileReport {
        path: "<du-thao>.txt".into(),
        title: document_title(&doc),
        profile: Some("kl226".into()),
        targets: vec![
            TargetRow {
                indicator: "Hội nghị trực tuyến".into(),
                required: "≥ 60%".into(),
                stated: vec![("không ít hơn 60%".into(), 3)],
                status: TargetStatus::Met,
            },
            TargetRow {
                indicator: "Văn bản điện tử".into(),
                required: "100%".into(),
                stated: vec![],
                status: TargetStatus::Missing,
            },
        ],
        verdict: verdict(&diags, &Thresholds::default()),
        findings: fs,
        sha256: sha256_hex(text.as_bytes()),
        text: doc.text.clone(),
        spans,
    }
}

fn run() -> RunInfo {
    RunInfo {
        tool_version: "0.1.0".into(),
        packs: vec![("kl226".into(), "2026.11".into())],
        checked_on: "2026-11-23".into(),
    }
}

#[test]
fn document_text_is_escaped_everywhere() {
    let text = "KẾ HOẠCH\nTổ chức <script>alert(1)</script> hội nghị\nchông chéo & trùng lặp";
    let f = report_with(text, vec![("spelling/real-word", Severity::Error, "<script>alert(1)</script>")]);
    let page = render_html(&[f], &run());
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&sel("script")).count(), 0, "a draft's <script> must render as text");
    let body_text: String = html.select(&sel(".doctext")).flat_map(|e| e.text()).collect();
    assert!(body_text.contains("<script>alert(1)</script>"));
    let title: String = html.select(&sel("h2")).flat_map(|e| e.text()).collect();
    assert!(title.contains("<du-thao>.txt"));
}

#[test]
fn counts_targets_and_links() {
    let text = "KẾ HOẠCH\nchông chéo trong công việc\nhuyện Hải An";
    let f = report_with(
        text,
        vec![
            ("spelling/real-word", Severity::Error, "chông chéo"),
            ("terminology/abolished-unit", Severity::Warning, "huyện"),
        ],
    );
    let page = render_html(&[f], &run());
    let html = Html::parse_document(&page);
    let rows: Vec<_> = html.select(&sel("table.targets tr")).collect();
    assert_eq!(rows.len(), 3, "header + two indicators");
    let statuses: Vec<String> =
        html.select(&sel("table.targets td:last-child")).map(|e| e.text().collect::<String>()).collect();
    assert_eq!(statuses, ["đạt", "thiếu"]);
    let spelling: Vec<String> = html
        .select(&sel("table.counts tr[data-category=spelling] td"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(spelling, ["Chính tả", "1", "0", "0"]);
    // Each finding links to its highlight, and the highlight links back.
    for li in html.select(&sel("ol.findings li")) {
        let id = li.value().id().unwrap_or_default().to_owned();
        let target = li.select(&sel("a")).next().and_then(|a| a.value().attr("href")).unwrap_or_default();
        let target_id = target.trim_start_matches('#');
        let mark = html.select(&sel(&format!("[id='{target_id}']"))).next();
        assert!(mark.is_some(), "no highlight for {id}");
        let back = html.select(&sel(&format!("mark a[href='#{id}']"))).count();
        assert_eq!(back, 1, "highlight does not link back to {id}");
    }
    let verdict: String = html.select(&sel("#d0-verdict")).flat_map(|e| e.text()).collect();
    assert_eq!(verdict, "Cần chỉnh sửa");
}

#[test]
fn markdown_escapes_and_lists() {
    let text = "KẾ HOẠCH\na | b `c` <b>x</b>\n";
    let f = report_with(text, vec![("spelling/real-word", Severity::Error, "<b>x</b>")]);
    let md = render_markdown(&[f], &run());
    assert!(md.contains("&lt;b&gt;x&lt;/b&gt;"));
    assert!(!md.contains("<b>"));
    assert!(md.contains("| Hội nghị trực tuyến | ≥ 60% |"));
}
