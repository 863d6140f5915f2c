//! Command orchestration for the file-level commands (`segment`, `align`, `diff OLD NEW`):
//! read inputs, run one stage, print its report. Project-wide commands live with their stage.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::catalog;
use crate::cli::Format;
use crate::fsio::ProjectLock;
use crate::project::Project;
use crate::report;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::fsio::{self, ReadError};
use crate::locale::Locale;
use crate::segment::{self, BlockKind};

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
    pub fn failed(&self) -> bool {
        self.problems || self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// `honyaku sync`: the main job.
pub fn sync(dir: &Path, dry_run: bool, format: Format) -> Result<Outcome> {
    let (project, mut diagnostics) = Project::open(dir)?;
    let _lock = if dry_run { None } else { Some(ProjectLock::acquire(dir)?) };
    let report = catalog::sync(&project, !dry_run)?;
    print(&report::sync(&report, dry_run, format))?;
    diagnostics.extend(report.diagnostics);
    Ok(Outcome { diagnostics, problems: false })
}

/// `honyaku status`: progress per locale and document, from the plan a sync would carry out.
pub fn status(dir: &Path, format: Format) -> Result<Outcome> {
    let (project, mut diagnostics) = Project::open(dir)?;
    let report = catalog::sync(&project, false)?;
    print(&report::status(&report, format))?;
    diagnostics.extend(report.diagnostics);
    Ok(Outcome { diagnostics, problems: false })
}

/// Reads a text input for a single-file command, where a content problem stops the command.
fn read_input(path: &Path) -> Result<String> {
    fsio::read_text(path).map_err(|error| match error {
        ReadError::Content(diagnostic) => Error::Invalid(diagnostic),
        ReadError::Io(error) => error,
    })
}

/// The locale of a file: given, or the `<locale>` of a `source_texts/<locale>/<doc>.txt` path.
fn locale_of(path: &Path, given: Option<Locale>) -> Result<Locale> {
    if let Some(locale) = given {
        return Ok(locale);
    }
    path.parent()
        .and_then(|dir| dir.file_name())
        .and_then(|name| name.to_str())
        .and_then(|name| name.parse().ok())
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the language of {}: pass --lang (e.g. --lang ja) or keep the file under source_texts/<locale>/",
                path.display()
            ))
        })
}

/// Writes to stdout; a closed pipe (`honyaku … | head`) is not an error worth reporting.
pub fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(Path::new("<stdout>"), error)),
        _ => Ok(()),
    }
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing plain data with string keys cannot fail.
    let mut json = serde_json::to_string_pretty(value).unwrap_or_default();
    json.push('\n');
    json
}

#[derive(Serialize)]
struct SegmentJson<'a> {
    segments: Vec<SegmentEntry<'a>>,
}

#[derive(Serialize)]
struct SegmentEntry<'a> {
    text: &'a str,
    block: usize,
    kind: BlockKind,
    line: usize,
}

/// `honyaku segment FILE`.
pub fn segment(path: &Path, lang: Option<Locale>, format: Format) -> Result<Outcome> {
    let locale = locale_of(path, lang)?;
    let document = segment::segment(read_input(path)?, &locale);
    let output = match format {
        Format::Json => to_json(&SegmentJson {
            segments: document
                .segments
                .iter()
                .map(|s| SegmentEntry {
                    text: &s.text,
                    block: s.block,
                    kind: s.kind,
                    line: document.blocks[s.block].line,
                })
                .collect(),
        }),
        Format::Text => {
            let mut out = String::new();
            for s in &document.segments {
                let line = document.blocks[s.block].line;
                out.push_str(&format!("{line:>4}  {:<10} {}\n", s.kind.as_str(), s.text));
            }
            out
        }
    };
    print(&output)?;
    Ok(Outcome::default())
}
