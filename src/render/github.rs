//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`.

use rasoat_rules::Severity;

use crate::pipeline::Report;

/// Escape a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`): also `:` and `,`, which delimit properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for r in reports {
        match &r.outcome {
            Ok(c) => {
                for f in &c.findings {
                    let level = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    out.push_str(&format!(
                        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                        escape_property(&r.path),
                        f.line,
                        f.column,
                        f.end_line,
                        f.end_column,
                        escape_property(&f.rule),
                        escape_data(&f.message)
                    ));
                }
            }
            Err(m) => out.push_str(&format!(
                "::error file={},title=rasoat::{}\n",
                escape_property(&r.path),
                escape_data(m)
            )),
        }
    }
    out
}

/// Errors not tied to a checked file (configuration, rule packs).
pub fn render_errors(errors: &[(String, String)]) -> String {
    errors
        .iter()
        .map(|(p, m)| format!("::error file={},title=rasoat::{}\n", escape_property(p), escape_data(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
