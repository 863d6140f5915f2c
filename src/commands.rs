//! Command orchestration for the file-level commands (`segment`, `align`, `diff OLD NEW`):
//! read inputs, run one stage, print its report. Project-wide commands live with their stage.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::align;
use crate::catalog;
use crate::cli::{DiffFormat, Format, History};
use crate::diff::{self, HtmlMeta, ProjectMeta, Section, Side};
use crate::error::{Diagnostic, Error, Outcome, Result};
use crate::fsio::{self, LockWait, ProjectLock, ReadError, to_json};
use crate::git;
use crate::locale::{self, Locale, Scripts};
use crate::project::Project;
use crate::publish::{self, BuildOptions};
use crate::qa;
use crate::report::{self, plural};
use crate::segment::{self, BlockKind};

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
    let notes = crate::memory::notes::for_sync(&project, &mut diagnostics)?;
    let report = catalog::sync_accepting(&project, !dry_run, &accepted, &notes)?;
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
    fsio::remove_old_spare_pool(&project.root.join(catalog::cache::CACHE_DIR));
    Ok(lock)
}

/// `honyaku build`: builds, then prints the report. `build` and `check` share one
/// preparation through the QA gate passed here, not each other's code.
pub fn build(
    options: &BuildOptions,
    report: Format,
    quiet: bool,
    wait: LockWait,
) -> Result<Outcome> {
    let gate: &publish::QaGate = &qa::publish_block;
    let lock = move |project: &Project, extra: &[PathBuf]| lock_project(project, extra, wait);
    let built = publish::build(options, &lock, options.check.then_some(gate))?;
    print(&report::build(&built.builds, report, quiet))?;
    Ok(built.outcome)
}

/// `honyaku check`: checks, then prints the findings (with `quiet`, the errors only).
pub fn check(dir: &Path, format: Format, quiet: bool) -> Result<Outcome> {
    let checked = qa::check(dir, |findings| report::check_piece(findings, format, quiet))?;
    print_all(&report::check_report(&checked.files, format))?;
    Ok(checked.outcome)
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

/// `honyaku init`: lays out a project and says what it made.
pub fn init(dir: &Path, targets: &[Locale]) -> Result<Outcome> {
    let report = crate::init::init(dir, targets)?;
    print(&report::init(&report))?;
    Ok(Outcome {
        diagnostics: Vec::new(),
        problems: false,
    })
}

/// `honyaku export`: a locale's units as XLIFF, PO or TMX for translators' tools.
pub fn export(options: &crate::exchange::ExportOptions) -> Result<Outcome> {
    let report = crate::exchange::export(options)?;
    let mut out = String::new();
    for file in &report.files {
        let c = &file.counts;
        // A TMX file says each pair's language: name the pairs it holds from each.
        let direction = if c.pairs.is_empty() {
            format!("{} → {}", report.from, report.locale)
        } else {
            let mut languages: Vec<(&String, &usize)> = c.pairs.iter().collect();
            // The language exported from first.
            languages.sort_by_key(|(language, _)| **language != report.from);
            let by_language: Vec<String> = languages
                .iter()
                .map(|(language, n)| format!("{n} {language} → {}", report.locale))
                .collect();
            format!("{} pairs", by_language.join(" and "))
        };
        out.push_str(&format!(
            "wrote {}: {} units from {} ({} translated, {} stale, {} untranslated), {direction}\n",
            file.path.display(),
            c.units,
            plural(file.documents, "document"),
            c.translated,
            c.stale,
            c.missing,
        ));
        if file.left_out > 0 {
            // Units without text in the language exported from are left out.
            out.truncate(out.len() - 1);
            out.push_str(&format!(
                "; {} without {} text left out\n",
                plural(file.left_out, "unit"),
                report.from
            ));
        }
    }
    for left in report.left_out.iter().filter(|l| l.whole) {
        if report.per_document {
            out.push_str(&format!(
                "no file for {}: none of its {} has {} text\n",
                left.document,
                plural(left.units, "unit"),
                report.from
            ));
        }
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
                // Units of sentences removed since the export are counted only when there are.
                let removed = match file.removed {
                    0 => String::new(),
                    n => format!(", {n} no longer in the source"),
                };
                out.push_str(&format!(
                    "{}: {} units: {} imported, {} imported as stale, {} unchanged, {} untranslated{removed}, {} skipped\n",
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
            for memory in &report.memories {
                let verb = if report.dry_run { "would add" } else { "added" };
                out.push_str(&format!(
                    "{verb} {} to the translation memory ({})\n",
                    memory.path.display(),
                    plural(memory.units, "pair")
                ));
            }
            if report.catalogs.is_empty() && report.memories.is_empty() {
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
    let mut diagnostics = Vec::new();
    let scripts = Scripts::of(&new_text);
    let locale = match lang {
        Some(locale) => {
            if locale::contradicts(&locale, &scripts) {
                let written = scripts
                    .guess()
                    .map_or_else(|| String::from("another script"), |g| g.to_string());
                diagnostics.push(
                    Diagnostic::warning(
                        new,
                        format!("--lang {locale} does not match the text, which reads as {written}: words and sentences are split as {locale} writes them"),
                    )
                    .help(format!("pass --lang {} (or leave --lang out to detect it)", scripts.guess().map_or_else(|| String::from("with the text's language"), |g| g.to_string()))),
                );
            }
            locale
        }
        None => match locale_of(new, None).or_else(|_| locale_of(old, None)) {
            Ok(locale) => locale,
            // No `<locale>/` folder: the script tells how the text is written.
            Err(error) => scripts
                .guess()
                .or_else(|| Scripts::of(&old_text).guess())
                .ok_or(error)?,
        },
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
    Ok(Outcome {
        diagnostics,
        problems: false,
    })
}

/// `honyaku diff` without files: per document and source locale, the working source text
/// against what the catalogs track; with `--locale`, the stale translations of that locale;
/// with `--since REV` (and `--until REV2`), the texts against their state at a git revision.
pub fn diff_project(
    dir: &Path,
    for_locale: Option<Locale>,
    history: Option<&History>,
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
    // How far each parallel source (the English release) is behind the original, per document.
    let mut lags: Vec<(String, String, catalog::ledger::SourceLag)> = Vec::new();
    // Documents whose source texts are gone (their catalogs kept): nothing for sync to change.
    let mut withdrawn: Vec<String> = Vec::new();
    let (sections, labels) = match history {
        Some(history) => (
            history_sections(&project, for_locale.as_ref(), history)?,
            (
                history.since.clone(),
                history
                    .until
                    .clone()
                    .unwrap_or_else(|| String::from("working tree")),
            ),
        ),
        None => (
            tracked_sections(
                &project,
                for_locale.as_ref(),
                &mut diagnostics,
                &mut lags,
                &mut withdrawn,
            )?,
            match for_locale {
                Some(_) => (
                    String::from("source the translation was made from"),
                    String::from("current source"),
                ),
                None => (String::from("tracked"), String::from("working source")),
            },
        ),
    };
    let report = match format {
        DiffFormat::Json => {
            let mut sources: BTreeMap<&str, BTreeMap<&str, diff::SourceLists>> = BTreeMap::new();
            for (doc, locale, lag) in &lags {
                let lists = diff::SourceLists {
                    behind: &lag.behind,
                    extra: &lag.extra,
                };
                sources.entry(locale).or_default().insert(doc, lists);
            }
            diff::render_project_json(&sections, &sources)
        }
        DiffFormat::Text if sections.is_empty() => {
            let mut out = String::from(match (history, &for_locale) {
                (Some(_), _) => "no changes between the two revisions\n",
                (None, Some(_)) => "nothing to revisit: no translation in this locale is stale\n",
                (None, None) => "no changes: the catalogs track the current source texts\n",
            });
            out.push_str(&lag_text(&lags));
            out.push_str(&withdrawn_text(&withdrawn));
            out
        }
        DiffFormat::Text => {
            let mut out = diff::render_project_text(&sections, color && output.is_none());
            out.push_str(&lag_text(&lags));
            out.push_str(&withdrawn_text(&withdrawn));
            out
        }
        DiffFormat::Html => {
            let title = match (history, &for_locale) {
                (Some(_), _) => format!("honyaku: changes from {} to {}", labels.0, labels.1),
                (None, Some(target)) => {
                    format!("honyaku: source changes behind stale {target} translations")
                }
                (None, None) => String::from("honyaku: changes since the last sync"),
            };
            let meta = ProjectMeta {
                title,
                old_label: labels.0,
                new_label: labels.1,
            };
            diff::render_project_html(&sections, &meta)
        }
    };
    write_report(&report, output)?;
    Ok(Outcome {
        diagnostics,
        problems: false,
    })
}

/// The "en behind ja" lines of `diff`, with the ids of each list.
fn lag_text(lags: &[(String, String, catalog::ledger::SourceLag)]) -> String {
    let mut out = String::new();
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
    out
}

/// The sections of `diff` and `diff --locale` without history: against what sync tracked.
fn tracked_sections(
    project: &Project,
    for_locale: Option<&Locale>,
    diagnostics: &mut Vec<Diagnostic>,
    lags: &mut Vec<(String, String, catalog::ledger::SourceLag)>,
    withdrawn: &mut Vec<String>,
) -> Result<Vec<Section>> {
    let mut sections = Vec::new();
    for doc in &project.documents {
        let Some(prepared) = catalog::prepare(project, doc, diagnostics)? else {
            // A release withdrawn (its source texts deleted): every tracked sentence is gone,
            // until a sync has seen it; from then on sync keeps its catalogs as they are and
            // changes nothing, which is said once per document, not as removals again.
            if for_locale.is_none() && project.source_locales(doc).is_empty() {
                if catalog::withdrawal_synced(project, doc) {
                    withdrawn.push(doc.clone());
                } else {
                    withdrawn_sections(project, doc, &mut sections);
                }
            }
            continue;
        };
        match for_locale {
            None => {
                for (locale, _) in prepared.plan.documents.iter().skip(1) {
                    if let Some((_, lag)) = prepared.parallel(locale) {
                        lags.push((doc.clone(), locale.to_string(), lag.clone()));
                    }
                }
                // Every catalog keeps the original's message order, so a sentence the
                // original moved has moved in every catalog; in a parallel source (the English
                // release) whose text did not move it, that is no change of its own.
                let mut moved_in_original: BTreeSet<String> = BTreeSet::new();
                for (k, (locale, document)) in prepared.plan.documents.iter().enumerate() {
                    let (old, _) = prepared.tracked().entries(locale);
                    let (new, _) = catalog::plan::sides(&prepared.plan.units, locale, document);
                    let mut changes = diff::diff(&old, &new, locale);
                    label_changes(&mut changes, (&old, &new), k == 0, &mut moved_in_original);
                    push_section(&mut sections, doc, locale, None, changes);
                }
            }
            Some(target) => {
                let Some(state) = prepared.state(target) else {
                    continue;
                };
                // One section per source language: a stale entry's change is shown in the
                // language of the source that changed, a sentence added since the last sync
                // and not translated yet in the first source language that has it.
                let added: BTreeSet<&str> = prepared
                    .plan
                    .changes
                    .added
                    .iter()
                    .map(String::as_str)
                    .collect();
                let untranslated: Vec<(&Locale, diff::Change)> = state
                    .current()
                    .filter(|e| e.state == catalog::state::EntryState::Missing)
                    .filter(|e| added.contains(e.id.as_str()))
                    .filter_map(|e| {
                        let first = e.sources.first()?;
                        Some((&first.locale, diff::addition(&e.id, &first.text)))
                    })
                    .collect();
                // Positions are the entries' places in the catalog (message numbers).
                let place: BTreeMap<&str, usize> = state
                    .current()
                    .enumerate()
                    .map(|(k, e)| (e.id.as_str(), k))
                    .collect();
                for source in project.source_locales(doc) {
                    let mut changes: Vec<diff::Change> = state
                        .stale_sources()
                        .iter()
                        .filter(|stale| stale.locale == source)
                        .map(|stale| match stale.now.as_deref() {
                            Some(now) if !now.is_empty() => {
                                diff::revision(Some(&stale.id), &stale.was, now, &stale.locale)
                            }
                            _ => diff::removal(&stale.id, &stale.was),
                        })
                        .chain(
                            untranslated
                                .iter()
                                .filter(|(locale, _)| **locale == source)
                                .map(|(_, change)| change.clone()),
                        )
                        .collect();
                    for change in &mut changes {
                        let at = change.id.as_deref().and_then(|id| place.get(id)).copied();
                        change.old_index = change.old_index.and(at);
                        change.new_index = change.new_index.and(at);
                    }
                    changes.sort_by_key(|c| c.new_index.or(c.old_index));
                    push_section(&mut sections, doc, &source, Some(target), changes);
                }
            }
        }
    }
    Ok(sections)
}

fn push_section(
    sections: &mut Vec<Section>,
    doc: &str,
    locale: &Locale,
    target: Option<&Locale>,
    changes: Vec<diff::Change>,
) {
    if changes
        .iter()
        .any(|c| c.kind != diff::ChangeKind::Unchanged)
    {
        sections.push(Section {
            document: doc.to_owned(),
            locale: locale.clone(),
            target: target.cloned(),
            changes,
        });
    }
}

/// The sections of `diff --since`: each document's source texts (or, with `--locale`, that
/// locale's catalog) at `since` against `until` or the working files. Each revision is
/// planned as its own sync would, so units carry the message ids of that revision's catalogs.
fn history_sections(
    project: &Project,
    for_locale: Option<&Locale>,
    history: &History,
) -> Result<Vec<Section>> {
    let repository = git::Repository::discover(&project.root)?;
    let since = repository.snapshot(&history.since)?;
    let until = history
        .until
        .as_deref()
        .map(|rev| repository.snapshot(rev))
        .transpose()?;
    let read = |snapshot: Option<&git::Snapshot<'_>>, path: &Path| -> Result<Option<String>> {
        match snapshot {
            Some(snapshot) => snapshot.read(project.display(path)),
            None => match fsio::read_source(path) {
                Ok(text) => Ok(Some(text)),
                Err(ReadError::Io(Error::Io { source, .. }))
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    Ok(None)
                }
                Err(ReadError::Io(error)) => Err(error),
                Err(ReadError::Content(diagnostic)) => Err(Error::Invalid(diagnostic)),
            },
        }
    };
    let mut sections = Vec::new();
    for doc in &project.documents {
        let revisions = [Some(&since), until.as_ref()];
        match for_locale {
            None => {
                let [old, new] = revisions.map(|snapshot| -> Result<_> {
                    let mut documents = Vec::new();
                    let mut catalogs = Vec::new();
                    for locale in project.source_locales(doc) {
                        if let Some(text) = read(snapshot, &project.source_path(&locale, doc))? {
                            documents.push((locale.clone(), segment::segment(text, &locale)));
                        }
                        let catalog = read(snapshot, &project.catalog_path(&locale, doc))?;
                        if let Some(Ok(file)) = catalog.as_deref().map(catalog::ftl::parse) {
                            catalogs.push((locale, file));
                        }
                    }
                    // The revision's units, with the ids its own catalogs gave them, as
                    // the sync of that revision planned them (alignment pins aside).
                    let sources: Vec<(Locale, &catalog::ftl::FtlFile)> =
                        catalogs.iter().map(|(l, f)| (l.clone(), f)).collect();
                    let tracked = catalog::plan::Tracked::read(&sources, &[]);
                    Ok(catalog::plan::plan(documents, &tracked, &[]))
                });
                let (old, new) = (old?, new?);
                let mut moved_in_original: BTreeSet<String> = BTreeSet::new();
                for (k, locale) in project.source_locales(doc).into_iter().enumerate() {
                    let (old_sides, new_sides) =
                        (plan_sides(&old, &locale), plan_sides(&new, &locale));
                    let mut changes = diff::diff(&old_sides, &new_sides, &locale);
                    label_changes(
                        &mut changes,
                        (&old_sides, &new_sides),
                        k == 0,
                        &mut moved_in_original,
                    );
                    push_section(&mut sections, doc, &locale, None, changes);
                }
            }
            Some(target) => {
                let [old, new] = revisions.map(|snapshot| -> Result<_> {
                    let catalog = read(snapshot, &project.catalog_path(target, doc))?;
                    Ok(catalog_translations(catalog.as_deref()))
                });
                let changes = translation_changes(&old?, &new?, target);
                push_section(&mut sections, doc, target, None, changes);
            }
        }
    }
    Ok(sections)
}

/// The sections of a document whose source texts are gone: what its source catalogs track,
/// every sentence removed. A catalog that is missing or does not parse gives none.
fn withdrawn_sections(project: &Project, doc: &str, sections: &mut Vec<Section>) {
    let locales = [
        Some(&project.config.source),
        project.config.parallel.as_ref(),
    ];
    let catalogs: Vec<(Locale, catalog::ftl::FtlFile)> = locales
        .into_iter()
        .flatten()
        .filter_map(|locale| {
            let text = fsio::read_source(&project.catalog_path(locale, doc)).ok()?;
            Some((locale.clone(), catalog::ftl::parse(&text).ok()?))
        })
        .collect();
    let sources: Vec<(Locale, &catalog::ftl::FtlFile)> =
        catalogs.iter().map(|(l, f)| (l.clone(), f)).collect();
    let tracked = catalog::plan::Tracked::read(&sources, &[]);
    let mut moved_in_original = BTreeSet::new();
    for (k, (locale, _)) in catalogs.iter().enumerate() {
        let (old, _) = tracked.entries(locale);
        let mut changes = diff::diff(&old, &[], locale);
        label_changes(&mut changes, (&old, &[]), k == 0, &mut moved_in_original);
        push_section(sections, doc, locale, None, changes);
    }
}

/// The lines of `diff` about withdrawn releases (source texts gone, catalogs kept): sync
/// changes nothing of theirs, so they are no changes, only a reminder of what is left to do.
fn withdrawn_text(withdrawn: &[String]) -> String {
    let mut out = String::new();
    for doc in withdrawn {
        let _ = writeln!(
            out,
            "== {doc}: withdrawn (no source text): sync keeps its catalogs as they are; delete locales/*/{doc}.ftl and .ledger if it is withdrawn for good"
        );
    }
    out
}

/// Gives each change of a source's diff its id and leaves out the moves it only inherited:
/// an id belongs to a segment for good, so a change reports the new segment's id, or the old
/// one's where the segment is gone, and a merge's entries (its old pieces) each their own.
/// Every catalog keeps the original's message order, so a sentence the original (`original`:
/// this is its diff) moved has moved in every catalog; in a parallel source (the English
/// release) whose text did not move, that is no change of its own. Nor is the move of an
/// unchanged message (same id, same text) there while the original moved sentences: the
/// diff of a reordering may name either side of it (the original's sentence moved a line
/// down, or the line it passed moved up), and the catalog's order is the original's.
fn label_changes(
    changes: &mut [diff::Change],
    (old, new): (&[Side<'_>], &[Side<'_>]),
    original: bool,
    moved_in_original: &mut BTreeSet<String>,
) {
    for change in changes {
        let new_id = change.new_index.map(|i| new[i].id);
        let old_id = change.old_index.map(|i| old[i].id);
        let id = if change.kind == diff::ChangeKind::Merged {
            old_id.or(new_id)
        } else {
            new_id.or(old_id)
        };
        change.id = id.flatten().map(str::to_owned);
        let Some(id) = &change.id else { continue };
        if change.kind != diff::ChangeKind::Moved {
            continue;
        }
        if original {
            moved_in_original.insert(id.clone());
        } else if change.old == change.new
            && (moved_in_original.contains(id)
                || (!moved_in_original.is_empty() && old_id.flatten() == new_id.flatten()))
        {
            change.kind = diff::ChangeKind::Unchanged;
            change.similarity = None;
        }
    }
}

/// The units of a plan that have text in `locale`, as one side of a diff.
fn plan_sides<'p>(plan: &'p catalog::plan::Plan, locale: &Locale) -> Vec<Side<'p>> {
    plan.documents
        .iter()
        .find(|(l, _)| l == locale)
        .map(|(_, document)| catalog::plan::sides(&plan.units, locale, document).0)
        .unwrap_or_default()
}

/// The translations of one catalog at one revision, by id in file order: the messages above
/// its obsolete section, each value as written (one with placeables, `{ -mic }`, as its
/// Fluent source). None when the catalog is absent or does not parse.
fn catalog_translations(catalog: Option<&str>) -> Vec<(String, String)> {
    let Some(Ok(file)) = catalog.map(catalog::ftl::parse) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in file.entries {
        match entry.kind {
            catalog::ftl::EntryKind::Comment { level: 2 }
                if entry.raw.starts_with(catalog::merge::OBSOLETE_HEADING) =>
            {
                break;
            }
            catalog::ftl::EntryKind::Message {
                id, value, body, ..
            } => {
                let text = value.or_else(|| {
                    let (_, after) = body.split_once('=')?;
                    let lines: Vec<&str> = after.lines().map(str::trim).collect();
                    Some(lines.join("\n").trim().to_owned())
                });
                if let Some(text) = text {
                    out.push((id, text));
                }
            }
            _ => {}
        }
    }
    out
}

/// A locale's translations at two revisions, compared message by message (a message keeps
/// its id for good, so the id says which two texts are one translation): changed, added,
/// removed (gone, or moved to the obsolete section) and unchanged, in the new revision's
/// order with each removed message after the one that preceded it; positions are message
/// numbers in each revision.
fn translation_changes(
    old: &[(String, String)],
    new: &[(String, String)],
    locale: &Locale,
) -> Vec<diff::Change> {
    let old_at: BTreeMap<&str, (usize, &str)> = old
        .iter()
        .enumerate()
        .map(|(k, (id, text))| (id.as_str(), (k, text.as_str())))
        .collect();
    let new_ids: BTreeSet<&str> = new.iter().map(|(id, _)| id.as_str()).collect();
    // Removed messages, placed after the last one before them that the new revision kept.
    let mut removed_after: BTreeMap<Option<&str>, Vec<diff::Change>> = BTreeMap::new();
    let mut anchor: Option<&str> = None;
    for (k, (id, text)) in old.iter().enumerate() {
        if new_ids.contains(id.as_str()) {
            anchor = Some(id.as_str());
            continue;
        }
        let mut change = diff::removal(id, text);
        change.old_index = Some(k);
        removed_after.entry(anchor).or_default().push(change);
    }
    let mut changes = removed_after.remove(&None).unwrap_or_default();
    for (k, (id, text)) in new.iter().enumerate() {
        let mut change = match old_at.get(id.as_str()) {
            Some(&(j, was)) => {
                let mut change = diff::revision(Some(id), was, text, locale);
                change.old_index = Some(j);
                if change.kind == diff::ChangeKind::Unchanged {
                    change.similarity = None;
                    change.inline.clear();
                }
                change
            }
            None => diff::addition(id, text),
        };
        change.new_index = Some(k);
        changes.push(change);
        changes.extend(removed_after.remove(&Some(id.as_str())).unwrap_or_default());
    }
    changes
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
    fsio::read_source(path).map_err(|error| match error {
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
        // A folder such as `tmp/` parses as a tag but names no language.
        .filter(locale::is_known_language)
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the language of {}: pass --lang (e.g. --lang ja) or keep the file under source_texts/<locale>/",
                path.display()
            ))
        })
}

/// Writes to stdout; a closed pipe (`honyaku … | head`) is not an error worth reporting.
pub fn print(text: &str) -> Result<()> {
    print_all(&[text])
}

/// Prints texts one after the other, as [`print`] prints one.
fn print_all<S: AsRef<str>>(texts: &[S]) -> Result<()> {
    // Many small texts in few writes (stdout alone writes at every line break).
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = texts
        .iter()
        .try_for_each(|text| stdout.write_all(text.as_ref().as_bytes()));
    match written.and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io(Path::new("<stdout>"), error))
        }
        _ => Ok(()),
    }
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
    // As `diff` does: the `<locale>/` folder, else the script the text is written in.
    let locale = match locale_of(path, lang) {
        Ok(locale) => locale,
        Err(error) => Scripts::of(&text).guess().ok_or(error)?,
    };
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

/// `honyaku suggest`: translation-memory suggestions for untranslated and stale entries.
pub fn suggest(options: &crate::cli::SuggestOptions, wait: LockWait) -> Result<Outcome> {
    let (project, diagnostics) = Project::open(&options.dir)?;
    let _lock = match options.apply {
        Some((_, false)) => Some(lock_project(&project, &[], wait)?),
        _ => None,
    };
    let search = crate::memory::Options {
        threshold: options.threshold.unwrap_or(project.config.memory.threshold),
        max: options.max.unwrap_or(project.config.memory.max),
    };
    let report = crate::memory::suggest_project(
        &project,
        &options.locale,
        &options.documents,
        &search,
        diagnostics,
    )?;
    let mut diagnostics = report.diagnostics.clone();
    if let Some((min, dry_run)) = options.apply {
        let applied = crate::memory::apply::apply(
            &project,
            &options.locale,
            &report,
            min,
            dry_run,
            &mut diagnostics,
        )?;
        let output = match options.format {
            Format::Json => to_json(&applied),
            Format::Text => {
                let mut out = String::new();
                let verb = if dry_run { "would fill" } else { "filled" };
                for f in &applied.filled {
                    let _ = writeln!(
                        out,
                        "{verb} {}/{} from {}/{} ({}%): {}",
                        f.document, f.id, f.from.document, f.from.id, f.score, f.translation
                    );
                }
                let _ = writeln!(
                    out,
                    "{} {} at {}% or more in {}",
                    verb,
                    plural(applied.filled.len(), "entry"),
                    applied.min,
                    plural(applied.catalogs.len(), "catalog")
                );
                out
            }
        };
        print(&output)?;
        return Ok(Outcome {
            diagnostics,
            problems: false,
        });
    }
    let output = match options.format {
        Format::Json => to_json(&report),
        Format::Text => suggestions_text(&report),
    };
    print(&output)?;
    Ok(Outcome {
        diagnostics,
        problems: false,
    })
}

fn suggestions_text(report: &crate::memory::Report) -> String {
    let mut out = String::new();
    for entry in &report.entries {
        let want = match entry.want {
            crate::memory::Want::Missing => "untranslated",
            crate::memory::Want::Stale => "stale",
        };
        let _ = writeln!(
            out,
            "{}/{} ({want}): {}",
            entry.document, entry.id, entry.source
        );
        for (n, s) in entry.suggestions.iter().enumerate() {
            let kind = s.kind();
            let obsolete = match (s.from.obsolete, s.from.stale) {
                (true, _) => ", obsolete",
                (_, true) => ", stale",
                _ => "",
            };
            let _ = writeln!(
                out,
                "  {}. {}% {kind} (from {}/{}{obsolete})",
                n + 1,
                s.score,
                s.from.document,
                s.from.id
            );
            let _ = writeln!(out, "     {}", s.translation);
            if !s.change.is_empty() {
                let _ = writeln!(out, "     change {}: {}", s.matched_on, s.change);
            }
            if s.figures_replaced.is_empty() && !s.figures_differ.is_empty() {
                let _ = writeln!(out, "     figures differ: {}", s.figures_differ.join(", "));
            }
        }
    }
    let with = report.entries.len();
    let _ = writeln!(
        out,
        "{with} of {} untranslated or stale with suggestions ({} in the memory of {}: {}, {} planned, {})",
        plural(report.open, "entry"),
        plural(report.memory_units, "translation"),
        report.locale,
        plural(report.memory.documents, "document"),
        report.memory.planned,
        plural(report.memory.tmx_units, "TMX unit")
    );
    out
}
