//! Turning the command line's `PATH|GLOB|-` arguments into inputs, in the order given.
//!
//! Every argument yields files or a one-line reason why it yields none; a bad argument never
//! stops the others. Directories are walked in name order (deterministic output), following
//! symlinks with loop detection (walkdir compares each directory with its ancestors).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One thing to check, or why an argument could not give one.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Error { path: String, message: String },
}

/// Extensions checked when walking directories (files named explicitly are always checked).
const EXTENSIONS: &[&str] = &["txt"];

fn has_wanted_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expand the arguments. Duplicates (the same path reached twice) are checked once.
pub fn expand(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push_file = |out: &mut Vec<Input>, p: PathBuf| {
        let key = std::path::absolute(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(key) {
            out.push(Input::File(p));
        }
    };
    let mut stdin_seen = false;
    for arg in args {
        if arg == "-" {
            if !stdin_seen {
                stdin_seen = true;
                out.push(Input::Stdin);
            }
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::symlink_metadata(&path) {
            Ok(_) => expand_path(&path, arg, &mut out, &mut push_file),
            Err(_) if is_glob(arg) => match glob::glob(arg) {
                Err(e) => out.push(Input::Error {
                    path: arg.clone(),
                    message: format!("mẫu glob không hợp lệ (invalid glob pattern): {e}"),
                }),
                Ok(paths) => {
                    let mut any = false;
                    for entry in paths {
                        any = true;
                        match entry {
                            Ok(p) => {
                                let shown = p.display().to_string();
                                expand_path(&p, &shown, &mut out, &mut push_file);
                            }
                            Err(e) => out.push(Input::Error {
                                path: e.path().display().to_string(),
                                message: io_message(e.error()),
                            }),
                        }
                    }
                    if !any {
                        out.push(Input::Error {
                            path: arg.clone(),
                            message: "mẫu glob không khớp tệp nào (glob pattern matched no files)".into(),
                        });
                    }
                }
            },
            Err(e) => out.push(Input::Error { path: arg.clone(), message: io_message(&e) }),
        }
    }
    out
}

fn expand_path(
    path: &Path,
    shown: &str,
    out: &mut Vec<Input>,
    push_file: &mut impl FnMut(&mut Vec<Input>, PathBuf),
) {
    // `metadata` follows symlinks: a dangling link or a link cycle fails here.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.push(Input::Error { path: shown.to_owned(), message: io_message(&e) });
            return;
        }
    };
    if !meta.is_dir() {
        push_file(out, path.to_path_buf());
        return;
    }
    let mut found = false;
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // Hidden folders (.git, .cache) hold no documents to check.
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_dir() && has_wanted_extension(e.path()) {
                    found = true;
                    // `rasoat check .` should show `a.txt`, not `./a.txt`.
                    let p = e.into_path();
                    push_file(out, p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p));
                }
            }
            Err(e) => {
                let p = e.path().map_or_else(|| shown.to_owned(), |p| p.display().to_string());
                let message = if let Some(anc) = e.loop_ancestor() {
                    format!("vòng lặp liên kết tượng trưng tới {} (symlink loop)", anc.display())
                } else if let Some(io) = e.io_error() {
                    io_message(io)
                } else {
                    e.to_string()
                };
                out.push(Input::Error { path: p, message });
            }
        }
    }
    if !found {
        out.push(Input::Error {
            path: shown.to_owned(),
            message: format!(
                "thư mục không có tệp {} nào (directory has no matching files)",
                EXTENSIONS.iter().map(|e| format!("*.{e}")).collect::<Vec<_>>().join(", ")
            ),
        });
    }
}

/// A one-line reason for an I/O error, Vietnamese then English.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let vi = match e.kind() {
        K::NotFound => "không tìm thấy",
        K::PermissionDenied => "không có quyền đọc",
        K::IsADirectory => "là thư mục",
        _ if e.raw_os_error() == Some(40) => "vòng lặp liên kết tượng trưng",
        _ => "không đọc được",
    };
    let en = if e.raw_os_error() == Some(40) { "symlink loop".to_owned() } else { e.to_string() };
    format!("{vi} ({en})")
}
