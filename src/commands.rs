//! Command orchestration for the file-level commands (`segment`, `align`, `diff OLD NEW`):
//! read inputs, run one stage, print its report. Project-wide commands live with their stage.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::align;
use crate::catalog;
use crate::cli::{DiffFormat, Format};
use crate::diff::{self, HtmlMeta, Side};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::fsio::{self, LockWait, ProjectLock, ReadError};
use crate::locale::Locale;
use crate::project::Project;
use crate::report;
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
        self.problems
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }
}

/// `honyaku sync`: the main job.
pub fn sync(
    dir: &Path,
    dry_run: bool,
    quiet: bool,
    format: Format,
    ledger: &crate::cli::SyncLedgerArgs,
    wait: LockWait,
) -> Result<Outcome> {
    let (project, mut diagnostics) = Project::open(dir)?;
    let dry_run = dry_run || ledger.check;
    let _lock = if dry_run {
        None
    } else {
        Some(lock_project(&project, &[], wait)?)
    };
    let accepted = catalog::parse_accepted(&project, &ledger.accept)?;
    let report = catalog::sync_accepting(&project, !dry_run, &accepted)?;
    let mut problems = false;
    if ledger.check {
        let stale = report::not_current(&report);
        print(&report::check_sync(&stale, format))?;
        problems = !stale.is_empty();
    } else {
        print(&report::sync(&report, dry_run, quiet, format))?;
    }
    if !dry_run {
        catalog::unreported::reported(&project.root);
    }
    diagnostics.extend(report.diagnostics);
    Ok(Outcome {
        diagnostics,
        problems,
    })
}

/// Takes the project lock for a command that writes into the project's own directories and
/// `extra` ones, after checking that none leads outside it; says on stderr whom it waits
/// for. Then removes what killed runs left in those directories.
pub fn lock_project(project: &Project, extra: &[PathBuf], wait: LockWait) -> Result<ProjectLock> {
    project.check_writes(extra)?;
    let lock = ProjectLock::acquire(&project.root, wait, |busy| {
        let holder = match busy {
            Error::Locked { holder, .. } => holder.as_str(),
            _ => "another run",
        };
        eprintln!(
            "waiting for {holder}, another honyaku working on this project, to finish (--no-wait gives up instead)"
        );
    })?;
    let mut dirs = project.write_dirs();
    dirs.extend(extra.iter().cloned());
    fsio::remove_stale_temp_files(&dirs);
    Ok(lock)
}

/// `honyaku status`: progress per locale and document, from the plan a sync would carry out.
pub fn status(dir: &Path, format: Format) -> Result<Outcome> {
    let (project, mut diagnostics) = Project::open(dir)?;
    let report = catalog::sync(&project, false)?;
    print(&report::status(&report, format))?;
    diagnostics.extend(report.diagnostics);
    Ok(Outcome {
        diagnostics,
        problems: false,
    })
}

/// `honyaku export`: a locale's units as XLIFF, PO or TMX for translators' tools.
pub fn export(options: &crate::exchange::ExportOptions) -> Result<Outcome> {
    let report = crate::exchange::export(options)?;
    let mut out = String::new();
    for file in &report.files {
        let c = &file.counts;
        out.push_str(&format!(
            "wrote {}: {} units from {} ({} translated, {} stale, {} untranslated), {} → {}\n",
            file.path.display(),
            c.units,
            plural(file.documents, "document"),
            c.translated,
            c.stale,
            c.missing,
            report.from,
            report.locale
        ));
    }
    print(&out)?;
    Ok(Outcome {
        diagnostics: report.diagnostics,
        problems: false,
    })
}

/// `honyaku import`: translations from XLIFF or PO files back into the catalogs; exit 1 when
/// anything was skipped.
pub fn import(
    options: &crate::exchange::ImportOptions,
    format: Format,
    wait: LockWait,
) -> Result<Outcome> {
    let (project, diagnostics) = Project::open(&options.dir)?;
    let _lock = if options.dry_run {
        None
    } else {
        Some(lock_project(&project, &[], wait)?)
    };
    let report = crate::exchange::import(&project, diagnostics, options)?;
    let skipped = report.files.iter().any(|f| f.refused || f.skipped > 0);
    let output = match format {
        Format::Json => to_json(&report),
        Format::Text => {
            let mut out = String::new();
            for file in &report.files {
                if file.refused {
                    out.push_str(&format!(
                        "{}: refused, nothing imported\n",
                        file.path.display()
                    ));
                    continue;
                }
                out.push_str(&format!(
                    "{}: {} units: {} imported, {} imported as stale, {} unchanged, {} untranslated, {} skipped\n",
                    file.path.display(),
                    file.units,
                    file.imported,
                    file.imported_stale,
                    file.unchanged,
                    file.untranslated,
                    file.skipped
                ));
            }
            let verb = if report.dry_run {
                "would update"
            } else {
                "updated"
            };
            for catalog in &report.catalogs {
                out.push_str(&format!(
                    "{verb} {} ({})\n",
                    catalog.path.display(),
                    plural(catalog.units, "entry")
                ));
            }
            if report.catalogs.is_empty() {
                out.push_str("no catalog changed\n");
            }
            out
        }
    };
    print(&output)?;
    Ok(Outcome {
        diagnostics: report.diagnostics,
        problems: skipped,
    })
}

/// `1 entry`, `2 entries`, `3 documents`.
fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

/// `honyaku align ORIGINAL TRANSLATION`.
pub fn align(
    original: &Path,
    translation: &Path,
    original_lang: &Locale,
    translation_lang: &Locale,
    format: Format,
) -> Result<Outcome> {
    let a = segment::segment(read_input(original)?, original_lang);
    let b = segment::segment(read_input(translation)?, translation_lang);
    let beads = align::align(&a, original_lang, &b, translation_lang);
    let output = match format {
        Format::Json => to_json(&align::to_json(
            &beads,
            &a,
            original_lang,
            &b,
            translation_lang,
        )),
        Format::Text => align::render_text(&beads, &a, original_lang, &b, translation_lang),
    };
    print(&output)?;
    Ok(Outcome::default())
}

/// `honyaku diff OLD NEW`.
pub fn diff_files(
    old: &Path,
    new: &Path,
    lang: Option<Locale>,
    format: DiffFormat,
    output: Option<&Path>,
    color: bool,
) -> Result<Outcome> {
    let (old_text, new_text) = (read_input(old)?, read_input(new)?);
    let locale = match lang {
        Some(locale) => locale,
        None => locale_of(new, None).or_else(|_| locale_of(old, None))?,
    };
    let old_doc = segment::segment(old_text, &locale);
    let new_doc = segment::segment(new_text, &locale);
    let changes = diff::diff(&sides(&old_doc), &sides(&new_doc), &locale);
    let meta = HtmlMeta {
        title: format!("{} → {}", old.display(), new.display()),
        old_label: old.display().to_string(),
        new_label: new.display().to_string(),
        old_lang: locale.to_string(),
        new_lang: locale.to_string(),
    };
    emit_diff(&changes, format, &meta, output, color)?;
    Ok(Outcome::default())
}

/// `honyaku diff` without files: per document and source locale, the working source text
/// against what the catalogs track; with `--locale`, the stale translations of that locale.
pub fn diff_project(
    dir: &Path,
    for_locale: Option<Locale>,
    format: DiffFormat,
    output: Option<&Path>,
    color: bool,
) -> Result<Outcome> {
    let (project, mut diagnostics) = Project::open(dir)?;
    if let Some(target) = &for_locale {
        if !project.all_locales().contains(target) {
            let known: Vec<String> = project
                .all_locales()
                .iter()
                .map(Locale::to_string)
                .collect();
            return Err(Error::Usage(format!(
                "no locale `{target}` in this project (it has: {}); create locales/{target}/ and run `honyaku sync` to start one",
                known.join(", ")
            )));
        }
    }
    let mut sections: Vec<(String, Locale, Vec<diff::Change>)> = Vec::new();
    // How far each parallel source (the English release) is behind the original, per document.
    let mut lags: Vec<(String, String, catalog::ledger::SourceLag)> = Vec::new();
    for doc in &project.documents {
        let Some(prepared) = catalog::prepare(&project, doc, &mut diagnostics)? else {
            continue;
        };
        match &for_locale {
            None => {
                for (locale, _) in prepared.plan.documents.iter().skip(1) {
                    if let Some((_, lag)) = prepared.parallel(locale) {
                        lags.push((doc.clone(), locale.to_string(), lag));
                    }
                }
                for (locale, document) in &prepared.plan.documents {
                    let (old, _) = prepared.tracked.entries(locale);
                    let (new, _) = catalog::plan::sides(&prepared.plan.units, locale, document);
                    let mut changes = diff::diff(&old, &new, locale);
                    // An id belongs to a segment for good: report the new segment's id, or the
                    // old one's where the segment is gone.
                    for change in &mut changes {
                        let id = change
                            .new_index
                            .map(|i| new[i].id)
                            .or_else(|| change.old_index.map(|i| old[i].id));
                        change.id = id.flatten().map(str::to_owned);
                    }
                    if changes
                        .iter()
                        .any(|c| c.kind != diff::ChangeKind::Unchanged)
                    {
                        sections.push((doc.clone(), locale.clone(), changes));
                    }
                }
            }
            Some(target) => {
                let Some(state) = prepared.state(target) else {
                    continue;
                };
                let stale_sources = state.stale_sources();
                let mut changes = Vec::new();
                for stale in &stale_sources {
                    let now = stale.now.as_deref().unwrap_or_default();
                    changes.push(diff::revision(
                        Some(&stale.id),
                        &stale.was,
                        now,
                        &stale.locale,
                    ));
                }
                if !changes.is_empty() {
                    let locale = stale_sources[0].locale.clone();
                    sections.push((doc.clone(), locale, changes));
                }
            }
        }
    }
    match format {
        DiffFormat::Json => {
            let documents: Vec<serde_json::Value> = sections
                .iter()
                .map(|(doc, locale, changes)| {
                    let mut report: serde_json::Value =
                        serde_json::from_str(&diff::render_json(changes)).unwrap_or_default();
                    report["document"] = serde_json::json!(doc);
                    report["locale"] = serde_json::json!(locale.to_string());
                    report
                })
                .collect();
            let mut sources: BTreeMap<&str, BTreeMap<&str, serde_json::Value>> = BTreeMap::new();
            for (doc, locale, lag) in &lags {
                let lists = serde_json::json!({ "behind": lag.behind, "extra": lag.extra });
                sources.entry(locale).or_default().insert(doc, lists);
            }
            write_report(
                &to_json(&serde_json::json!({ "documents": documents, "sources": sources })),
                output,
            )?;
        }
        DiffFormat::Text => {
            let mut out = String::new();
            for (doc, locale, changes) in &sections {
                out.push_str(&format!("== {doc} ({locale})\n"));
                out.push_str(&diff::render_text(changes, color && output.is_none()));
                out.push('\n');
            }
            for (doc, locale, lag) in lags.iter().filter(|(_, _, lag)| !lag.is_empty()) {
                let _ = writeln!(out, "== {doc}: {}", report::lag_line(locale, lag));
                for (what, ids) in [
                    ("added", &lag.added),
                    ("changed", &lag.changed),
                    ("extra", &lag.extra),
                ] {
                    if !ids.is_empty() {
                        let _ = writeln!(out, "  {what}: {}", ids.join(", "));
                    }
                }
            }
            if sections.is_empty() {
                out.push_str(match for_locale {
                    Some(_) => "nothing to revisit: no translation in this locale is stale\n",
                    None => "no changes: the catalogs track the current source texts\n",
                });
            }
            write_report(&out, output)?;
        }
        DiffFormat::Html => {
            let mut all = Vec::new();
            for (doc, _, changes) in &sections {
                all.extend(changes.iter().cloned().map(|mut c| {
                    c.id = c.id.map(|id| format!("{doc}:{id}"));
                    c
                }));
            }
            let lang = sections
                .first()
                .map(|(_, l, _)| l.to_string())
                .unwrap_or_else(|| project.config.source.to_string());
            let meta = HtmlMeta {
                title: String::from("honyaku: changes since the last sync"),
                old_label: String::from("tracked"),
                new_label: String::from("working source"),
                old_lang: lang.clone(),
                new_lang: lang,
            };
            write_report(&diff::render_html(&all, &meta), output)?;
        }
    }
    Ok(Outcome {
        diagnostics,
        problems: false,
    })
}

/// The segments of a release as one side of a diff, each in its passage.
fn sides(document: &segment::Document) -> Vec<Side<'_>> {
    document
        .segments
        .iter()
        .zip(document.passages())
        .map(|(segment, passage)| Side::new(&segment.text, passage))
        .collect()
}

fn emit_diff(
    changes: &[diff::Change],
    format: DiffFormat,
    meta: &HtmlMeta,
    output: Option<&Path>,
    color: bool,
) -> Result<()> {
    let text = match format {
        DiffFormat::Text => diff::render_text(changes, color && output.is_none()),
        DiffFormat::Json => diff::render_json(changes),
        DiffFormat::Html => diff::render_html(changes, meta),
    };
    write_report(&text, output)
}

/// Prints a report, or writes it (atomically) to the file given with `-o`.
fn write_report(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => fsio::write_atomic(path, text.as_bytes()),
        None => print(text),
    }
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
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(Path::new("<stdout>"), error))
        }
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
    let text = read_input(path)?;
    let locale = locale_of(path, lang)?;
    let document = segment::segment(text, &locale);
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
