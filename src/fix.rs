//! `--fix` and `--diff`: apply safe suggestions to the user's file.
//!
//! Edits are spliced into the original bytes (each replacement encoded in the file's own
//! encoding), so everything else — BOM, line endings, NFD text elsewhere, trailing bytes — stays
//! exactly as it was. Writing is atomic (temp file in the same folder, then rename), keeps the
//! permissions, and is refused when the file changed since it was read.

use std::io::Write;
use std::path::Path;

use rasoat_doc::Document;
use rasoat_rules::Diagnostic;
use rasoat_text::Encoding;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Off,
    /// Write the fixed file.
    Write,
    /// Compute the change and show it; write nothing.
    Diff,
}

#[derive(Debug, Default)]
pub struct FixOutcome {
    /// How many suggestions were applied (over all rounds).
    pub applied: usize,
    /// A unified diff (zero context lines) of the change, for `--diff`.
    pub diff: Option<String>,
    /// Why the file could not be fixed.
    pub error: Option<String>,
}

/// Encode `s` in the file's encoding (no BOM); `None` when it cannot be represented.
fn encode(s: &str, enc: Encoding) -> Option<Vec<u8>> {
    match enc {
        Encoding::Utf8 | Encoding::Utf8Bom => Some(s.as_bytes().to_vec()),
        Encoding::Utf16Le => Some(s.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16Be => Some(s.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        Encoding::Windows1258 => {
            // windows-1258 has letters with circumflex, breve and horn (â, ă, ơ, ư) but spells
            // tones as combining marks: split each tone off its letter. Refuse rather than let
            // the encoder write numeric character references.
            let split = split_tones(s);
            let (out, _, had_errors) = encoding_rs::WINDOWS_1258.encode(&split);
            (!had_errors).then(|| out.into_owned())
        }
    }
}

/// The five Vietnamese tone marks as combining characters (windows-1258 has all five).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// "ữ" → "ư" + U+0303 (when the code page lacks the toned letter): the letter composed
/// without its tone, then the tone mark.
fn split_tones(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len() + 8);
    let mut buf = [0u8; 4];
    for c in s.nfc() {
        // Letters the code page has precomposed ("ú", "â") stay as they are.
        if !encoding_rs::WINDOWS_1258.encode(c.encode_utf8(&mut buf)).2 {
            out.push(c);
            continue;
        }
        let d: Vec<char> = std::iter::once(c).nfd().collect();
        let base: String = d.iter().copied().filter(|&m| !is_tone_mark(m)).collect();
        out.extend(base.nfc());
        out.extend(d.into_iter().filter(|&m| is_tone_mark(m)));
    }
    out
}

/// The new bytes with every non-overlapping safe suggestion applied, and which diagnostics were.
pub fn fixed_bytes(bytes: &[u8], doc: &Document, diags: &[Diagnostic]) -> (Vec<u8>, Vec<usize>) {
    let mut edits: Vec<(usize, usize, Vec<u8>, usize)> = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let Some(s) = d.suggestions.iter().find(|s| s.safe) else { continue };
        let start = doc.map.original_offset(d.span.start);
        let end = doc.map.original_offset(d.span.end);
        if start > end || end > bytes.len() {
            continue;
        }
        // A replacement the file's code page cannot spell is left undone (the finding stays
        // reported) rather than written as something else.
        let Some(enc) = encode(&s.replacement, doc.encoding) else { continue };
        edits.push((start, end, enc, i));
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    let mut applied = Vec::new();
    for (start, end, rep, i) in edits {
        // Overlapping edits: the first wins; a second run picks up what is left.
        if start < pos {
            continue;
        }
        out.extend_from_slice(bytes.get(pos..start).unwrap_or_default());
        out.extend_from_slice(&rep);
        pos = end;
        applied.push(i);
    }
    out.extend_from_slice(bytes.get(pos..).unwrap_or_default());
    applied.sort_unstable();
    (out, applied)
}

/// Replace the file's bytes with `new`, atomically, if it still holds `old`.
pub fn write_atomic(path: &Path, old: &[u8], new: &[u8]) -> Result<(), String> {
    // Write through symlinks to the real file rather than replacing the link.
    let target = path.canonicalize().map_err(|e| crate::discover::io_message(&e))?;
    let current = std::fs::read(&target).map_err(|e| crate::discover::io_message(&e))?;
    if current != old {
        return Err(
            "tệp đã thay đổi từ lúc đọc, không sửa (file changed since it was read; not fixed)".into()
        );
    }
    let dir = target.parent().ok_or("tệp không có thư mục cha (file has no parent directory)")?;
    let perms = std::fs::metadata(&target).map_err(|e| crate::discover::io_message(&e))?.permissions();
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| crate::discover::io_message(&e))?;
    tmp.write_all(new).map_err(|e| crate::discover::io_message(&e))?;
    tmp.as_file().sync_all().map_err(|e| crate::discover::io_message(&e))?;
    std::fs::set_permissions(tmp.path(), perms).map_err(|e| crate::discover::io_message(&e))?;
    tmp.persist(&target).map_err(|e| crate::discover::io_message(&e.error))?;
    Ok(())
}

/// A unified diff with no context lines: edits never add or remove line breaks, so lines pair up.
pub fn diff(path: &Path, old: &[u8], new: &[u8]) -> String {
    let text =
        |b: &[u8]| rasoat_text::decode(b).map(|d| d.map.decoded_text(&d.text).to_owned()).unwrap_or_default();
    let (a, b) = (text(old), text(new));
    let mut out = format!("--- a/{p}\n+++ b/{p}\n", p = path.display());
    for (n, (la, lb)) in a.split('\n').zip(b.split('\n')).enumerate() {
        if la != lb {
            let (la, lb) = (la.trim_end_matches('\r'), lb.trim_end_matches('\r'));
            out.push_str(&format!("@@ -{l},1 +{l},1 @@\n-{la}\n+{lb}\n", l = n + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1258_replacements_split_tones() {
        assert_eq!(split_tones("chữ"), "ch\u{1b0}\u{303}");
        assert_eq!(encode("chữ", Encoding::Windows1258), Some(vec![b'c', b'h', 0xFD, 0xDE]));
        assert_eq!(encode("中", Encoding::Windows1258), None);
        assert_eq!(encode("a", Encoding::Utf16Le), Some(vec![b'a', 0]));
    }

    #[test]
    fn refuses_a_file_changed_since_read_and_keeps_permissions() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "edited by someone else")?;
        assert!(write_atomic(&f, b"what we read", b"fixed").is_err());
        assert_eq!(std::fs::read(&f)?, b"edited by someone else");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640))?;
            write_atomic(&f, b"edited by someone else", b"fixed")?;
            assert_eq!(std::fs::read(&f)?, b"fixed");
            assert_eq!(std::fs::metadata(&f)?.permissions().mode() & 0o777, 0o640);
        }
        Ok(())
    }

    fn diag(span: rasoat_text::Span, replacement: &str, safe: bool) -> Diagnostic {
        Diagnostic {
            rule: "spelling/confusion".into(),
            severity: rasoat_rules::Severity::Error,
            span,
            message: rasoat_rules::Message::new("sai", "wrong"),
            suggestions: vec![rasoat_rules::Suggestion { replacement: replacement.into(), safe }],
            related: Vec::new(),
        }
    }

    #[test]
    fn utf16_fix_is_spliced_in_utf16_and_unsafe_ones_are_skipped() -> Result<(), Box<dyn std::error::Error>> {
        let utf16 = |s: &str| -> Vec<u8> {
            let mut b = vec![0xFF, 0xFE];
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        let bytes = utf16("Có chữ sai.\r\nHết sai.");
        let doc = rasoat_doc::parse_bytes(&bytes).map_err(|e| e.to_string())?;
        let start = doc.text.find("chữ").ok_or("no match")?;
        let end = start + "chữ sai".len();
        let other = doc.text.rfind("sai").ok_or("no match")?;
        let diags = [
            diag(rasoat_text::Span::new(start, end), "chữ đúng", true),
            diag(rasoat_text::Span::new(other, other + 3), "đúng", false),
        ];
        let (fixed, applied) = fixed_bytes(&bytes, &doc, &diags);
        assert_eq!(applied, vec![0]);
        assert_eq!(fixed, utf16("Có chữ đúng.\r\nHết sai."));
        Ok(())
    }
}
