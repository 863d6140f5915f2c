//! Reports of the project-wide commands (`sync`, `status`) for people and for machines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::catalog::ledger::SourceLag;
use crate::catalog::{FileReport, FileStatus, Progress, SyncReport};
use crate::cli::Format;
use crate::error::Severity;
use crate::fsio::to_json;
use crate::publish::{DocBuild, Reason};
use crate::qa::Finding;

/// The JSON sync report: every skipped file carries the `reason` it was skipped for (the
/// message of its diagnostic), and `diagnostics` lists them all, as stderr shows them.
fn sync_json(report: &SyncReport, dry_run: bool) -> String {
    let mut documents = serde_json::to_value(&report.documents).unwrap_or_default();
    for file in documents
        .as_array_mut()
        .into_iter()
        .flatten()
        .filter_map(|doc| doc.get_mut("files").and_then(|f| f.as_array_mut()))
        .flatten()
    {
        if file["status"] != "skipped" {
            continue;
        }
        let path = file["path"].as_str().unwrap_or_default().to_owned();
        let reason = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .find(|d| d.path.to_string_lossy() == path)
            .map(|d| match (d.line, d.column) {
                (Some(line), Some(column)) => format!("{line}:{column}: {}", d.message),
                (Some(line), None) => format!("{line}: {}", d.message),
                _ => d.message.clone(),
            });
        file["reason"] =
            serde_json::json!(reason.unwrap_or_else(|| String::from("see diagnostics")));
    }
    to_json(&serde_json::json!({
        "dry_run": dry_run,
        "documents": documents,
        "diagnostics": report.diagnostics,
    }))
}

/// What `honyaku init` made, and what to do next.
pub fn init(report: &crate::init::InitReport) -> String {
    let mut out = String::new();
    for folder in &report.created {
        let _ = writeln!(out, "created {}/", folder.display());
    }
    for (file, lines) in &report.added {
        let _ = writeln!(out, "{}: added {}", file.display(), lines.join(", "));
    }
    if report.is_empty() {
        out.push_str("nothing to do: the project is laid out already\n");
    }
    let tags: Vec<&str> = report
        .sources
        .iter()
        .map(crate::locale::Locale::tag)
        .collect();
    let _ = match tags.as_slice() {
        [original, parallel, ..] => writeln!(
            out,
            "next: put each release in source_texts/{original}/<doc>.txt (its {parallel} release, when it is out, in source_texts/{parallel}/<doc>.txt), then run `honyaku sync`"
        ),
        _ => writeln!(
            out,
            "next: put each release in source_texts/{}/<doc>.txt, then run `honyaku sync`",
            tags.first().copied().unwrap_or("ja")
        ),
    };
    out
}

/// The sync report: what changed per document and what happened to each file; `quiet`
/// keeps only the summary line (for CI; errors and warnings still go to stderr).
pub fn sync(report: &SyncReport, dry_run: bool, quiet: bool, format: Format) -> String {
    if format == Format::Json {
        return sync_json(report, dry_run);
    }
    let mut out = String::new();
    // Pairings to check are kept by `--quiet` too (named with their document): a CI log is
    // where a misalignment must not go unseen.
    let mut doubts = String::new();
    let verb = |status: FileStatus| match (status, dry_run) {
        (FileStatus::Created, false) => "created",
        (FileStatus::Created, true) => "would be created",
        (FileStatus::Updated, false) => "updated",
        (FileStatus::Updated, true) => "would be updated",
        (FileStatus::Unchanged, _) => "unchanged",
        (FileStatus::Skipped, _) => "skipped (see errors)",
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    // Ledgers are reported only when written, so they are counted apart from the catalogs.
    let mut ledgers: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &report.documents {
        let skipped = doc.units == 0
            && !doc.files.is_empty()
            && doc.files.iter().all(|f| f.status == FileStatus::Skipped);
        if skipped {
            let _ = writeln!(out, "{}: skipped (see errors)", doc.document);
        } else if doc.withdrawn {
            let _ = writeln!(
                out,
                "{}: withdrawn (no source text): its catalogs are kept as they are",
                doc.document
            );
        } else {
            // "paired" only when some message gained its English (or another source
            // locale's) text, so the line reads as before in every other sync.
            let paired = match doc.paired.len() {
                0 => String::new(),
                n => format!(", {n} paired"),
            };
            let _ = writeln!(
                out,
                "{}: {} units ({} added, {} modified{paired}, {} retired)",
                doc.document,
                doc.units,
                doc.added.len(),
                doc.modified.len(),
                doc.retired.len()
            );
        }
        for file in &doc.files {
            *counts.entry(verb(file.status)).or_default() += 1;
            if let Some(ledger) = &file.ledger {
                *ledgers.entry(verb(ledger.status)).or_default() += 1;
            }
            let ledger = file
                .ledger
                .as_ref()
                .map(|ledger| format!("  {} {}\n", ledger.path.display(), verb(ledger.status)));
            if file.status == FileStatus::Unchanged {
                out.push_str(ledger.as_deref().unwrap_or_default());
                continue;
            }
            let _ = write!(out, "  {} {}", file.path.display(), verb(file.status));
            if !file.newly_stale.is_empty() {
                let _ = write!(out, "; newly stale: {}", file.newly_stale.join(", "));
            }
            out.push('\n');
            out.push_str(ledger.as_deref().unwrap_or_default());
        }
        for bead in &doc.low_confidence {
            let texts: Vec<String> = bead
                .texts
                .iter()
                .map(|(l, t)| format!("{l} \"{}\"", shorten(t, 60)))
                .collect();
            let line = format!(
                "check alignment of {} (confidence {:.2}): {}",
                bead.id,
                bead.score,
                texts.join(" / ")
            );
            let _ = writeln!(out, "  {line}");
            let _ = writeln!(doubts, "{}: {line}", doc.document);
        }
    }
    if quiet {
        out = doubts;
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(verb, n)| format!("{n} {verb}"))
        .collect();
    let ledgers: Vec<String> = ledgers
        .iter()
        .map(|(verb, n)| format!("{n} {verb}"))
        .collect();
    let _ = writeln!(
        out,
        "{}; files: {}{}",
        plural(report.documents.len(), "document"),
        if summary.is_empty() {
            String::from("none")
        } else {
            summary.join(", ")
        },
        if ledgers.is_empty() {
            String::new()
        } else {
            format!("; ledgers: {}", ledgers.join(", "))
        }
    );
    out
}

/// A document whose catalogs a sync would change, with the files it would write.
#[derive(Debug, Clone, Serialize)]
pub struct NotCurrent {
    pub document: String,
    pub files: Vec<std::path::PathBuf>,
}

/// The documents of a dry run whose catalogs or ledgers a sync would create or update.
pub fn not_current(report: &SyncReport) -> Vec<NotCurrent> {
    let changes = |status: FileStatus| matches!(status, FileStatus::Created | FileStatus::Updated);
    report
        .documents
        .iter()
        .filter_map(|doc| {
            let mut files = Vec::new();
            for file in &doc.files {
                if changes(file.status) {
                    files.push(file.path.clone());
                }
                if let Some(ledger) = file.ledger.as_ref().filter(|l| changes(l.status)) {
                    files.push(ledger.path.clone());
                }
            }
            (!files.is_empty()).then(|| NotCurrent {
                document: doc.document.clone(),
                files,
            })
        })
        .collect()
}

/// The report of `sync --check`.
pub fn check_sync(not_current: &[NotCurrent], format: Format) -> String {
    if format == Format::Json {
        return to_json(&serde_json::json!({ "not_current": not_current }));
    }
    let mut out = String::new();
    for doc in not_current {
        let files: Vec<String> = doc.files.iter().map(|f| f.display().to_string()).collect();
        let _ = writeln!(
            out,
            "{}: not current; a sync would write {}",
            doc.document,
            files.join(", ")
        );
    }
    if not_current.is_empty() {
        out.push_str("every catalog is current\n");
    } else {
        let _ = writeln!(
            out,
            "{} not current: run `honyaku sync` and commit the result",
            plural(not_current.len(), "document")
        );
    }
    out
}

#[derive(Serialize)]
struct StatusJson<'a> {
    locales: BTreeMap<&'a str, BTreeMap<&'a str, &'a Progress>>,
    /// Per parallel source locale and document: what it lacks of the original.
    sources: BTreeMap<&'a str, BTreeMap<&'a str, SourceJson<'a>>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    behind: &'a [String],
    extra: &'a [String],
}

/// Progress per locale and document.
pub fn status(report: &SyncReport, format: Format) -> String {
    let mut locales: BTreeMap<&str, BTreeMap<&str, &Progress>> = BTreeMap::new();
    let mut sources: BTreeMap<&str, BTreeMap<&str, &SourceLag>> = BTreeMap::new();
    for doc in &report.documents {
        for file in &doc.files {
            if let Some(lag) = &file.lag {
                sources
                    .entry(file.locale.as_str())
                    .or_default()
                    .insert(doc.document.as_str(), lag);
            }
            if let Some(progress) = &file.progress {
                locales
                    .entry(file.locale.as_str())
                    .or_default()
                    .insert(doc.document.as_str(), progress);
            }
        }
    }
    if format == Format::Json {
        let sources = sources
            .iter()
            .map(|(locale, docs)| {
                let docs = docs.iter().map(|(doc, lag)| {
                    let lists = SourceJson {
                        behind: &lag.behind,
                        extra: &lag.extra,
                    };
                    (*doc, lists)
                });
                (*locale, docs.collect())
            })
            .collect();
        return to_json(&StatusJson { locales, sources });
    }
    let width = report
        .documents
        .iter()
        .map(|d| d.document.len())
        .max()
        .unwrap_or(8)
        .max(8);
    // The table's header only above a table.
    let mut out = if locales.is_empty() {
        String::new()
    } else {
        format!(
            "{:<8} {:<width$} {:>6} {:>10} {:>6} {:>8} {:>8} {:>9}\n",
            "locale", "document", "total", "translated", "stale", "missing", "obsolete", "complete"
        )
    };
    for (locale, docs) in &locales {
        for (doc, p) in docs {
            let _ = writeln!(
                out,
                "{locale:<8} {doc:<width$} {:>6} {:>10} {:>6} {:>8} {:>8} {:>8.1}%",
                p.total, p.translated, p.stale, p.missing, p.obsolete, p.percent
            );
        }
    }
    // A catalog that could not be read has no progress to show: it is named instead, so
    // that an empty table never reads as a project without catalogs.
    let unread: Vec<&FileReport> = report
        .documents
        .iter()
        .flat_map(|doc| &doc.files)
        .filter(|file| file.status == FileStatus::Skipped && file.progress.is_none())
        .collect();
    for file in &unread {
        let _ = writeln!(out, "{}: not read (see the errors)", file.path.display());
    }
    if locales.is_empty() && unread.is_empty() {
        out.push_str(
            "no translation catalogs yet: create locales/<locale>/ and run `honyaku sync`\n",
        );
    }
    for (locale, docs) in &sources {
        for (doc, lag) in docs.iter().filter(|(_, lag)| !lag.is_empty()) {
            let _ = writeln!(out, "{doc}: {}", lag_line(locale, lag));
        }
    }
    out
}

/// "en behind ja: 3 added, 2 changed, 1 extra", for `status` and `diff`.
pub fn lag_line(locale: &str, lag: &SourceLag) -> String {
    format!(
        "{locale} behind {}: {} added, {} changed, {} extra",
        lag.original,
        lag.added.len(),
        lag.changed.len(),
        lag.extra.len()
    )
}

/// The first `max` characters of a text, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Fallbacks listed per document in the text build report; the JSON report has them all.
const TEXT_FALLBACKS: usize = 10;

/// The build report for people or machines.
pub fn build(builds: &[DocBuild], format: Format, quiet: bool) -> String {
    if format == Format::Json {
        return to_json(&serde_json::json!({ "builds": builds }));
    }
    let mut out = String::new();
    let (mut written, mut unchanged, mut fallbacks) = (0, 0, 0);
    for build in builds {
        if let Some(reason) = &build.skipped {
            if quiet {
                continue;
            }
            let _ = writeln!(
                out,
                "{}/{}: skipped: {reason}",
                build.locale, build.document
            );
            continue;
        }
        if let Some(reason) = &build.withheld {
            // Its pages of an earlier build stay in place (and in the manifest and index).
            let kept: Vec<String> = build
                .kept
                .iter()
                .map(|o| o.path.display().to_string())
                .collect();
            let kept = match kept.is_empty() {
                true => String::new(),
                false => format!("; kept from an earlier build: {}", kept.join(", ")),
            };
            let _ = writeln!(
                out,
                "{}/{}: not published: {reason}{kept}",
                build.locale, build.document
            );
            continue;
        }
        fallbacks += build.fallbacks.len();
        for output in &build.outputs {
            if output.written {
                written += 1
            } else {
                unchanged += 1
            }
        }
        if quiet {
            continue;
        }
        let _ = writeln!(
            out,
            "{}/{}: {}% complete, {} fallbacks (layout: {}){}",
            build.locale,
            build.document,
            build.completeness,
            build.fallbacks.len(),
            build.layout,
            build
                .behind
                .as_ref()
                .map(|lag| format!("; {}", lag_line(&build.locale, lag)))
                .unwrap_or_default()
        );
        for f in build.fallbacks.iter().take(TEXT_FALLBACKS) {
            let reason = match f.reason {
                Reason::Missing => "missing",
                Reason::Stale => "stale",
                Reason::Invalid => "cannot be formatted",
            };
            let _ = writeln!(
                out,
                "  line {}: {} {reason} in {}, used {}",
                f.line, f.id, build.locale, f.from
            );
        }
        if build.fallbacks.len() > TEXT_FALLBACKS {
            let _ = writeln!(
                out,
                "  … and {} more (--report json lists them all)",
                build.fallbacks.len() - TEXT_FALLBACKS
            );
        }
        for id in &build.stale_used {
            let _ = writeln!(
                out,
                "  {id}: stale translation published (build.stale = \"use\")"
            );
        }
    }
    // Builds that published nothing are counted apart, so the files add up.
    let skipped = builds.iter().filter(|b| b.skipped.is_some()).count();
    let withheld = builds.iter().filter(|b| b.withheld.is_some()).count();
    let mut apart = String::new();
    if skipped > 0 {
        let _ = write!(apart, ", {skipped} skipped");
    }
    if withheld > 0 {
        let _ = write!(apart, ", {withheld} not published");
    }
    let _ = writeln!(
        out,
        "{} builds{apart}; files: {written} written, {unchanged} unchanged; {fallbacks} fallbacks",
        builds.len()
    );
    out
}

/// The `check` report for people or machines: one line per finding and a count (`check` itself
/// prints it from [`check_piece`]s; this is the reference they are held equal to).
#[cfg(test)]
pub(crate) fn check(findings: &[Finding], format: Format) -> String {
    check_report(&[check_piece(findings, format, false)], format).concat()
}

/// One catalog's part of the `check` report: its findings' lines (text) or objects as they
/// stand in the report's `findings` array (JSON), and their counts. Made where the catalog
/// was checked, in parallel, so that a project's report is its pieces in order and no list
/// of every finding is sorted, formatted and dropped on one thread (issue 19).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckPiece {
    text: String,
    errors: usize,
    warnings: usize,
}

/// The piece of the `check` report of one catalog's findings, in their order. `quiet` (text
/// only: `check --quiet` in CI) leaves the warnings' lines out; they are still counted.
pub fn check_piece(findings: &[Finding], format: Format, quiet: bool) -> CheckPiece {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let mut text = String::new();
    for (k, f) in findings.iter().enumerate() {
        if format == Format::Json {
            // The object as `to_json` writes it two levels down (keys sorted, as a `Value`);
            // a string in JSON holds no line break, so every line is indented alike.
            let value = serde_json::to_value(f).unwrap_or_default();
            let object = serde_json::to_string_pretty(&value).unwrap_or_default();
            if k > 0 {
                text.push_str(",\n");
            }
            for (i, line) in object.split('\n').enumerate() {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str("    ");
                text.push_str(line);
            }
            continue;
        }
        let severity = if f.severity == Severity::Error {
            "error"
        } else if quiet {
            continue;
        } else {
            "warning"
        };
        let _ = write!(
            text,
            "{}:{}:{}: {severity}[{}] ",
            f.file.display(),
            f.line,
            f.column,
            f.check
        );
        if let Some(id) = &f.id {
            text.push_str(id);
            text.push_str(": ");
        }
        text.push_str(&f.message);
        text.push('\n');
    }
    CheckPiece {
        text,
        errors,
        warnings: findings.len() - errors,
    }
}

/// The `check` report of a project from its catalogs' pieces, in order: the strings to
/// print one after the other (not joined, so that tens of megabytes are not copied again).
pub fn check_report(pieces: &[CheckPiece], format: Format) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let errors: usize = pieces.iter().map(|p| p.errors).sum();
    let warnings: usize = pieces.iter().map(|p| p.warnings).sum();
    let pieces = pieces.iter().filter(|p| !p.text.is_empty());
    let mut out = Vec::new();
    if format == Format::Json {
        let mut pieces = pieces.peekable();
        if pieces.peek().is_none() {
            out.push(Cow::Owned(format!(
                "{{\n  \"errors\": {errors},\n  \"findings\": [],\n  \"warnings\": {warnings}\n}}\n"
            )));
            return out;
        }
        out.push(Cow::Owned(format!(
            "{{\n  \"errors\": {errors},\n  \"findings\": [\n"
        )));
        for (k, piece) in pieces.enumerate() {
            if k > 0 {
                out.push(Cow::Borrowed(",\n"));
            }
            out.push(Cow::Borrowed(piece.text.as_str()));
        }
        out.push(Cow::Owned(format!(
            "\n  ],\n  \"warnings\": {warnings}\n}}\n"
        )));
        return out;
    }
    out.extend(pieces.map(|p| Cow::Borrowed(p.text.as_str())));
    out.push(Cow::Owned(format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )));
    out
}

/// `1 entry`, `2 entries`, `3 documents`.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        (_, None) => format!("{count} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    //! The text and JSON reports of `build` and `check`, pinned as reviewed insta snapshots
    //! (`cargo insta review` after a deliberate change; CI sets `INSTA_UPDATE=no`).

    use std::path::PathBuf;

    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(plural(1, "document"), "1 document");
        assert_eq!(plural(0, "document"), "0 documents");
        assert_eq!(plural(2, "entry"), "2 entries");
        assert_eq!(plural(1, "entry"), "1 entry");
        assert_eq!(plural(3, "TMX unit"), "3 TMX units");
    }
    use crate::publish::{Fallback, OutputReport};

    fn finding(line: usize, id: Option<&str>, check: &'static str, error: bool) -> Finding {
        Finding {
            locale: String::from("fr"),
            file: PathBuf::from("locales/fr/doc.ftl"),
            line,
            column: 1,
            id: id.map(str::to_owned),
            check,
            severity: if error {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!("{check} message"),
        }
    }

    fn findings() -> Vec<Finding> {
        vec![
            finding(3, Some("intro-1"), "numbers", true),
            finding(7, Some("contact"), "untranslated", false),
            finding(9, None, "syntax", true),
        ]
    }

    fn doc_build(document: &str, fallbacks: usize) -> DocBuild {
        DocBuild {
            target: "fr".parse().unwrap(),
            locale: String::from("fr"),
            document: document.to_owned(),
            layout: String::from("en"),
            completeness: 92.5,
            fallbacks: (0..fallbacks)
                .map(|k| Fallback {
                    id: format!("para-{k}"),
                    line: 10 + k,
                    from: String::from("en"),
                    reason: if k % 2 == 0 {
                        Reason::Missing
                    } else {
                        Reason::Stale
                    },
                })
                .collect(),
            stale_used: vec![String::from("title")],
            outputs: vec![
                OutputReport {
                    format: "txt",
                    path: PathBuf::from(format!("dist/fr/{document}.txt")),
                    written: true,
                },
                OutputReport {
                    format: "html",
                    path: PathBuf::from(format!("dist/fr/{document}.html")),
                    written: false,
                },
            ],
            skipped: None,
            withheld: None,
            kept: Vec::new(),
            kept_completeness: None,
            behind: None,
            title: String::from("Titre"),
        }
    }

    fn builds() -> Vec<DocBuild> {
        let mut skipped = doc_build("c", 0);
        skipped.skipped = Some(String::from("62.0% complete, below --min-complete 90"));
        let mut withheld = doc_build("d", 0);
        withheld.withheld = Some(String::from(
            "1 QA error (first: locales/fr/d.ftl:3: [numbers] …)",
        ));
        vec![doc_build("a", 2), doc_build("b", 12), skipped, withheld]
    }

    #[test]
    fn check_text() {
        insta::assert_snapshot!(check(&findings(), Format::Text));
    }

    #[test]
    fn check_json() {
        insta::assert_snapshot!(check(&findings(), Format::Json));
    }

    #[test]
    fn check_without_findings() {
        assert_eq!(check(&[], Format::Text), "0 errors, 0 warnings\n");
        assert_eq!(
            check(&[], Format::Json),
            to_json(&serde_json::json!({ "findings": [], "errors": 0, "warnings": 0 }))
        );
    }

    /// A report assembled from pieces, one per file (some empty), is the report of all the
    /// findings at once, as `to_json` writes it and line by line.
    #[test]
    fn pieces_make_the_report_of_all_findings() {
        let mut all = findings();
        all.push(Finding {
            file: PathBuf::from("locales/fr/\"q\"\n.ftl"),
            message: String::from("a «quoted» \"message\"\twith\nbreaks"),
            ..finding(1, Some("x"), "urls", false)
        });
        let parts = [&all[..2], &[], &all[2..3], &all[3..]];
        for format in [Format::Text, Format::Json] {
            let pieces: Vec<CheckPiece> = parts
                .iter()
                .map(|p| check_piece(p, format, false))
                .collect();
            let joined = check_report(&pieces, format).concat();
            assert_eq!(joined, check(&all, format));
            let errors = all.iter().filter(|f| f.severity == Severity::Error).count();
            let expected = match format {
                Format::Json => to_json(&serde_json::json!({
                    "findings": all,
                    "errors": errors,
                    "warnings": all.len() - errors,
                })),
                Format::Text => format!(
                    "{}{}, {}\n",
                    all.iter()
                        .map(|f| format!(
                            "{}:{}:{}: {}[{}] {}{}\n",
                            f.file.display(),
                            f.line,
                            f.column,
                            if f.severity == Severity::Error {
                                "error"
                            } else {
                                "warning"
                            },
                            f.check,
                            f.id.as_deref()
                                .map(|id| format!("{id}: "))
                                .unwrap_or_default(),
                            f.message
                        ))
                        .collect::<String>(),
                    plural(errors, "error"),
                    plural(all.len() - errors, "warning")
                ),
            };
            assert_eq!(joined, expected);
        }
    }

    /// `check --quiet`: the errors' lines, in order, and the counts (warnings counted, not
    /// listed); JSON is the whole report either way.
    #[test]
    fn quiet_check_lists_the_errors_and_counts_the_warnings() {
        let all = findings();
        let full = check(&all, Format::Text);
        let quiet = check_report(&[check_piece(&all, Format::Text, true)], Format::Text).concat();
        let kept: Vec<&str> = full.lines().filter(|l| !l.contains(": warning[")).collect();
        assert_eq!(quiet.lines().collect::<Vec<_>>(), kept);
        assert!(quiet.ends_with("2 errors, 1 warning\n"), "{quiet}");
        assert_eq!(
            check_report(&[check_piece(&all, Format::Json, true)], Format::Json).concat(),
            check(&all, Format::Json)
        );
    }

    /// `build --quiet`: what was not published and the summary line, nothing per page.
    #[test]
    fn quiet_build_prints_what_was_not_published_and_the_summary() {
        let full = build(&builds(), Format::Text, false);
        let quiet = build(&builds(), Format::Text, true);
        let lines: Vec<&str> = quiet.lines().collect();
        assert_eq!(lines.len(), 2, "{quiet}");
        assert!(lines[0].starts_with("fr/d: not published: "), "{quiet}");
        assert_eq!(lines[1], full.lines().last().unwrap());
        assert_eq!(
            build(&builds(), Format::Json, true),
            build(&builds(), Format::Json, false)
        );
    }

    #[test]
    fn build_text() {
        insta::assert_snapshot!(build(&builds(), Format::Text, false));
    }

    #[test]
    fn build_json() {
        insta::assert_snapshot!(build(&builds()[..1], Format::Json, false));
    }
}
