//! Errors and diagnostics, rendered once at the top: lowercase, `path:line:col: message`, then
//! what to do next. A [`Diagnostic`] is a problem with one input that does not stop the run
//! (ripgrep-style: keep going, record it in the exit code); an [`Error`] stops the command.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Exit code when everything went well.
pub const EXIT_OK: i32 = 0;
/// Exit code when the command ran but found problems: files it had to skip, QA errors,
/// fallbacks under `--strict`.
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code for usage errors and failures to read or write (nothing was judged).
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A problem with one input file, with its position when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What the user should do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Info => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", shown(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", escape_controls(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", escape_controls(help))?;
        }
        Ok(())
    }
}

/// A failure that stops the command.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a path failed.
    Io { path: PathBuf, source: io::Error },
    /// The command line or the project layout makes no sense.
    Usage(String),
    /// Another honyaku process holds the project lock.
    Locked { path: PathBuf, holder: String },
    /// Inputs that stop the command outright (a bad configuration file).
    Invalid(Diagnostic),
}

impl Error {
    pub fn io(path: &Path, source: io::Error) -> Self {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// Why it failed, without the path, for a diagnostic that names the file itself.
    pub fn reason(&self) -> String {
        match self {
            Error::Io { source, .. } => source.to_string().to_lowercase(),
            Error::Invalid(diagnostic) => diagnostic.message.clone(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                let reason = source.to_string().to_lowercase();
                write!(f, "error: {}: {reason}", shown(path))
            }
            Error::Usage(message) => write!(f, "error: {}", escape_controls(message)),
            Error::Locked { path, holder } => write!(
                f,
                "error: {}: another honyaku is working on this project ({holder})\n  help: run again without --no-wait to wait for it; the lock is released as soon as that process ends, even if it is killed",
                shown(path)
            ),
            Error::Invalid(diagnostic) => diagnostic.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// `text` with its control characters escaped (`\u{1b}`), except line breaks: a file name
/// holding an escape sequence must not drive the terminal it is shown on.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as shown in a message: control characters (line breaks included) escaped.
pub fn shown(path: &Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in chars) of a byte offset, for diagnostics on inputs that only
/// report offsets.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// What a command leaves behind besides its output: problems with inputs, for stderr and the
/// exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the command found problems that are not diagnostics (QA errors, strict
    /// fallbacks) and must exit with 1.
    pub problems: bool,
}

impl Outcome {
    /// Whether the command must exit with 1 or 2 (problems, or an error diagnostic).
    pub fn failed(&self) -> bool {
        self.problems
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\n日本x", 0), (1, 1));
        assert_eq!(line_col("ab\n日本x", 3), (2, 1));
        assert_eq!(line_col("ab\n日本x", 9), (2, 3));
        assert_eq!(line_col("ab", 99), (1, 3));
    }

    #[test]
    fn control_characters_are_escaped() {
        let d = Diagnostic::error("locales/fr/\u{1b}[31mx.ftl", "name `a\u{7}b`");
        assert_eq!(
            d.to_string(),
            "error: locales/fr/\\u{1b}[31mx.ftl: name `a\\u{7}b`"
        );
        assert_eq!(escape_controls("a\nb"), "a\nb");
        assert_eq!(shown(Path::new("a\nb")), "a\\u{a}b");
    }

    #[test]
    fn renders_path_line_col_and_help() {
        let d = Diagnostic::error("locales/fr/a.ftl", "merge conflict")
            .at(3, 1)
            .help("resolve it");
        assert_eq!(
            d.to_string(),
            "error: locales/fr/a.ftl:3:1: merge conflict\n  help: resolve it"
        );
    }
}
