//! Catalogs: the Fluent files under `locales/` that track every segment, one per document and
//! locale, with stable ids, stale marks and obsolete sections kept in the files themselves.
//!
//! Entry points: [`sync`] (the main job: plan every document, then rewrite its catalogs) and
//! [`status`] (the same plan and merge, nothing written). Per document the data flows
//! source texts → [`plan::Plan`] (units with ids) → [`merge::merge`] (one file per locale).

pub mod cache;
pub mod ftl;
mod ids;
pub mod merge;
pub mod notes;
pub mod plan;
pub mod value;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Result};
use crate::fsio::{self, ReadError};
use crate::locale::{Locale, Writing};
use crate::project::Project;
use crate::segment;
use ftl::FtlFile;
use merge::{EntryState, MergeStats, Role};
use plan::{Changes, Plan, Tracked};

/// Alignment beads scoring below this are listed for an editor to confirm.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// What happened to one catalog file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Created,
    Updated,
    Unchanged,
    /// Not written: it could not be parsed (see the diagnostics).
    Skipped,
}

/// Translation progress of one catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub total: usize,
    pub translated: usize,
    pub stale: usize,
    pub missing: usize,
    pub obsolete: usize,
    /// Share of the source translated (not stale), weighted by source length: words for
    /// spaced languages, characters for Japanese and Chinese.
    pub percent: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    pub locale: String,
    pub path: PathBuf,
    pub status: FileStatus,
    /// For translation catalogs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newly_stale: Vec<String>,
}

/// A bead the aligner was unsure of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LowConfidence {
    pub id: String,
    pub score: f64,
    pub texts: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocReport {
    pub document: String,
    pub units: usize,
    pub added: Vec<String>,
    pub modified: Vec<String>,
    pub retired: Vec<String>,
    pub files: Vec<FileReport>,
    pub low_confidence: Vec<LowConfidence>,
}

impl DocReport {
    /// The report of a document that has no units to sync (orphaned or skipped), only files.
    fn without_units(doc: &str, files: Vec<FileReport>) -> DocReport {
        DocReport {
            document: doc.to_owned(),
            units: 0,
            added: Vec::new(),
            modified: Vec::new(),
            retired: Vec::new(),
            files,
            low_confidence: Vec::new(),
        }
    }
}

/// The result of a sync (or of the dry run behind status).
#[derive(Debug, Default, Serialize)]
pub struct SyncReport {
    pub documents: Vec<DocReport>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Brings every catalog in line with the source texts; with `write` false, only reports.
pub fn sync(project: &Project, write: bool) -> Result<SyncReport> {
    let cache = cache::Cache::load(project);
    let batch = if write {
        fsio::Batch::with_spares(&project.root.join(cache::CACHE_DIR).join(cache::SPARE_DIR))
    } else {
        fsio::Batch::default()
    };
    let writes = write.then_some(&batch);
    let results: Vec<Result<(Option<DocReport>, Vec<Diagnostic>)>> = project
        .documents
        .par_iter()
        .map(|doc| cache.sync_document(project, doc, write, || sync_document(project, doc, writes)))
        .collect();
    let mut report = SyncReport::default();
    for result in results {
        let (doc_report, diagnostics) = result?;
        report.documents.extend(doc_report);
        report.diagnostics.extend(diagnostics);
    }
    if write {
        let committed = batch.commit()?;
        for path in &committed.conflicts {
            let shown = project.display(path).to_owned();
            for file in report
                .documents
                .iter_mut()
                .flat_map(|d| d.files.iter_mut())
                .filter(|f| f.path == shown)
            {
                file.status = FileStatus::Skipped;
            }
            report.diagnostics.push(
                Diagnostic::error(
                    shown,
                    "changed while honyaku was syncing it: left as it is, not merged",
                )
                .help("run `honyaku sync` again to merge it"),
            );
        }
        cache.save(project, &committed)?;
    }
    Ok(report)
}

/// The report of a document left alone because one of its sources could not be read (the
/// diagnostics say why): each of its catalogs is skipped, so the summary counts them.
fn skipped_report(project: &Project, doc: &str) -> DocReport {
    let files = project
        .all_locales()
        .iter()
        .map(|locale| (locale, project.catalog_path(locale, doc)))
        .filter(|(_, path)| path.exists())
        .map(|(locale, path)| FileReport {
            locale: locale.to_string(),
            path: project.display(&path).to_owned(),
            status: FileStatus::Skipped,
            progress: None,
            newly_stale: Vec::new(),
        })
        .collect();
    DocReport::without_units(doc, files)
}

/// A catalog as found on disk.
#[derive(Debug)]
enum Loaded {
    Missing,
    Parsed(FtlFile),
    /// Unreadable: reported, never rewritten. Holds why, for `check` to list as findings.
    Broken(Broken),
}

/// Why a catalog could not be used.
#[derive(Debug, Clone)]
pub enum Broken {
    /// Not text honyaku can read (invalid UTF-8, NUL bytes, UTF-16…).
    Unreadable(Diagnostic),
    /// Text that does not parse as Fluent, or parses with duplicate ids.
    Unparsable(Vec<ftl::FtlError>),
}

fn load_catalog(
    project: &Project,
    locale: &Locale,
    doc: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded> {
    let path = project.catalog_path(locale, doc);
    if !path.exists() {
        return Ok(Loaded::Missing);
    }
    let shown = project.display(&path).to_owned();
    let text = match fsio::read_text(&path) {
        Ok(text) => text,
        Err(ReadError::Io(error)) => return Err(error),
        Err(ReadError::Content(diagnostic)) => {
            let diagnostic = Diagnostic {
                path: shown,
                ..diagnostic
            }
            .help("fix the file; honyaku did not touch it");
            diagnostics.push(diagnostic.clone());
            return Ok(Loaded::Broken(Broken::Unreadable(diagnostic)));
        }
    };
    match ftl::parse(&text) {
        Ok(file) => Ok(Loaded::Parsed(file)),
        Err(errors) => {
            for error in &errors {
                diagnostics.push(
                    Diagnostic::error(&shown, error.to_string())
                        .at(error.line, error.column)
                        .help("fix the file and run again; honyaku did not touch it"),
                );
            }
            Ok(Loaded::Broken(Broken::Unparsable(errors)))
        }
    }
}

/// Everything known about one document before anything is written: its plan and the
/// catalogs as found on disk.
#[derive(Debug)]
pub struct Prepared {
    pub plan: Plan,
    pub tracked: Tracked,
    catalogs: BTreeMap<Locale, Loaded>,
    source_locales: Vec<Locale>,
}

impl Prepared {
    /// The role of a locale's catalog in this document.
    pub fn role<'a>(&self, locale: &'a Locale) -> Role<'a> {
        match self.source_locales.iter().position(|l| l == locale) {
            Some(index) => Role::Source {
                locale,
                original: index == 0,
            },
            None => Role::Target { locale },
        }
    }

    /// The parsed catalog of a locale, if it exists and parses.
    pub fn catalog(&self, locale: &Locale) -> Option<&FtlFile> {
        match self.catalogs.get(locale) {
            Some(Loaded::Parsed(file)) => Some(file),
            _ => None,
        }
    }

    /// Why the catalog of a locale could not be used, if it could not (reported already by
    /// `prepare`; a broken catalog is never rewritten, built or merged).
    pub fn broken(&self, locale: &Locale) -> Option<&Broken> {
        match self.catalogs.get(locale) {
            Some(Loaded::Broken(broken)) => Some(broken),
            _ => None,
        }
    }

    /// Puts text that is not on disk in place of a locale's catalog (the language server's
    /// unsaved editor buffer), parsed as [`prepare`] parses a file.
    pub fn set_catalog(
        &mut self,
        locale: &Locale,
        parsed: std::result::Result<FtlFile, Vec<ftl::FtlError>>,
    ) {
        let loaded = match parsed {
            Ok(file) => Loaded::Parsed(file),
            Err(errors) => Loaded::Broken(Broken::Unparsable(errors)),
        };
        self.catalogs.insert(locale.clone(), loaded);
    }

    /// The catalog of `locale` as the next sync will write it, with its counts; `None` when
    /// the file on disk could not be parsed (it is never rewritten).
    pub fn merged(&self, doc: &str, locale: &Locale) -> Option<(String, MergeStats)> {
        if self.broken(locale).is_some() {
            return None;
        }
        Some(merge::merge(
            doc,
            &self.plan,
            self.role(locale),
            self.catalog(locale),
        ))
    }
}

/// Reads the source texts and catalogs of one document and plans it. `None` (with
/// diagnostics) when the document cannot be synced: no readable source text, or a source
/// catalog that does not parse (its ids could not be trusted).
pub fn prepare(
    project: &Project,
    doc: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Prepared>> {
    let source_locales = project.source_locales(doc);
    if source_locales.is_empty() {
        let path = project
            .display(&project.root.join(crate::project::SOURCE_DIR))
            .join(format!("*/{doc}.txt"));
        diagnostics.push(
            Diagnostic::warning(path, format!("no source text for \"{doc}\": its catalogs are kept as they are"))
                .help("restore the source text, or delete the catalogs under locales/*/ if the document is withdrawn"),
        );
        return Ok(None);
    }
    let mut documents = Vec::new();
    for locale in &source_locales {
        let path = project.source_path(locale, doc);
        match fsio::read_text(&path) {
            Ok(text) => documents.push((locale.clone(), segment::segment(text, locale))),
            Err(ReadError::Io(error)) => return Err(error),
            Err(ReadError::Content(diagnostic)) => {
                let shown = project.display(&path).to_owned();
                diagnostics.push(Diagnostic {
                    path: shown,
                    ..diagnostic
                });
                return Ok(None);
            }
        }
    }
    let mut catalogs = BTreeMap::new();
    for locale in project.all_locales() {
        let loaded = load_catalog(project, &locale, doc, diagnostics)?;
        catalogs.insert(locale, loaded);
    }
    if source_locales
        .iter()
        .any(|l| matches!(catalogs.get(l), Some(Loaded::Broken(_))))
    {
        return Ok(None);
    }
    let parsed = |locale: &Locale| match catalogs.get(locale) {
        Some(Loaded::Parsed(file)) => Some(file),
        _ => None,
    };
    let sources: Vec<(Locale, &FtlFile)> = source_locales
        .iter()
        .filter_map(|l| parsed(l).map(|f| (l.clone(), f)))
        .collect();
    let others: Vec<&FtlFile> = catalogs
        .iter()
        .filter(|(l, _)| !source_locales.contains(l))
        .filter_map(|(l, _)| parsed(l))
        .collect();
    let tracked = Tracked::read(&sources, &others);
    let pin_path = project.pins_path(doc);
    let pins = match source_locales.as_slice() {
        [a_locale, b_locale, ..] if pin_path.exists() => {
            match crate::align::load_pins(&pin_path, a_locale, b_locale) {
                Ok(pins) => pins,
                Err(diagnostic) => {
                    let path = project.display(&pin_path).to_owned();
                    diagnostics.push(Diagnostic { path, ..diagnostic });
                    return Ok(None);
                }
            }
        }
        _ => Vec::new(),
    };
    let plan = plan::plan(documents, &tracked, &pins);
    for message in &plan.unmatched_pins {
        diagnostics.push(
            Diagnostic::warning(project.display(&pin_path), message.as_str())
                .help("fix the pin's texts to match `honyaku segment` output, or delete the pin"),
        );
    }
    Ok(Some(Prepared {
        plan,
        tracked,
        catalogs,
        source_locales,
    }))
}

/// Plans one document and merges each of its catalogs, staging those that change in
/// `writes` (none for a dry run).
fn sync_document(
    project: &Project,
    doc: &str,
    writes: Option<&fsio::Batch>,
) -> Result<(Option<DocReport>, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let Some(prepared) = prepare(project, doc, &mut diagnostics)? else {
        let orphaned = project.source_locales(doc).is_empty();
        let report = if orphaned {
            orphan_report(project, doc, &mut diagnostics)?
        } else {
            Some(skipped_report(project, doc))
        };
        return Ok((report, diagnostics));
    };
    let mut files = Vec::new();
    for locale in prepared.catalogs.keys() {
        let path = project.catalog_path(locale, doc);
        let mut report = FileReport {
            locale: locale.to_string(),
            path: project.display(&path).to_owned(),
            status: FileStatus::Skipped,
            progress: None,
            newly_stale: Vec::new(),
        };
        if let Some((text, stats)) = prepared.merged(doc, locale) {
            let old = prepared.catalog(locale);
            report.status = match old {
                None => FileStatus::Created,
                Some(file) if file.to_string() == text => FileStatus::Unchanged,
                Some(_) => FileStatus::Updated,
            };
            if let Some(batch) = writes.filter(|_| report.status != FileStatus::Unchanged) {
                batch.write(&path, text.as_bytes())?;
            }
            if let Role::Target { .. } = prepared.role(locale) {
                report.progress = Some(progress(&prepared.plan, &stats));
            }
            for (id, line) in &stats.commented_translations {
                diagnostics.push(
                    Diagnostic::warning(
                        project.display(&path),
                        format!("`{id}` has a translation that is still commented out, so it counts as missing"),
                    )
                    .at(*line, 1)
                    .help("delete the \"# \" at the start of the line to use it"),
                );
            }
            report.newly_stale = stats.newly_stale;
        }
        files.push(report);
    }
    let plan = &prepared.plan;
    let low_confidence = plan
        .units
        .iter()
        .filter(|u| u.score.is_some_and(|s| s < LOW_CONFIDENCE))
        .map(|u| LowConfidence {
            id: u.id.clone(),
            score: u.score.unwrap_or_default(),
            texts: u
                .texts
                .iter()
                .map(|(l, t)| (l.to_string(), t.clone()))
                .collect(),
        })
        .collect();
    let Changes {
        added,
        modified,
        retired,
    } = plan.changes.clone();
    let report = DocReport {
        document: doc.to_owned(),
        units: plan.units.len(),
        added,
        modified,
        retired,
        files,
        low_confidence,
    };
    Ok((Some(report), diagnostics))
}

/// The report of a document whose source texts are gone: nothing is written, and every
/// translation its catalogs keep counts as obsolete.
fn orphan_report(
    project: &Project,
    doc: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<DocReport>> {
    let mut files = Vec::new();
    let sources = [
        Some(&project.config.source),
        project.config.parallel.as_ref(),
    ];
    for locale in project
        .all_locales()
        .iter()
        .filter(|l| !sources.contains(&Some(*l)))
    {
        let Loaded::Parsed(file) = load_catalog(project, locale, doc, diagnostics)? else {
            continue;
        };
        let messages = file
            .entries
            .iter()
            .filter(|e| matches!(e.kind, ftl::EntryKind::Message { .. }))
            .count();
        files.push(FileReport {
            locale: locale.to_string(),
            path: project
                .display(&project.catalog_path(locale, doc))
                .to_owned(),
            status: FileStatus::Unchanged,
            progress: Some(Progress {
                obsolete: messages,
                percent: 0.0,
                ..Progress::default()
            }),
            newly_stale: Vec::new(),
        });
    }
    Ok(Some(DocReport::without_units(doc, files)))
}

/// Counts and the weighted percentage of one translation catalog.
fn progress(plan: &Plan, stats: &MergeStats) -> Progress {
    let weights: BTreeMap<&str, usize> = plan
        .units
        .iter()
        .map(|u| (u.id.as_str(), weight(u)))
        .collect();
    let mut p = Progress {
        total: stats.states.len(),
        obsolete: stats.obsolete.len(),
        ..Progress::default()
    };
    let (mut done, mut all) = (0usize, 0usize);
    for (id, state) in &stats.states {
        let w = weights.get(id.as_str()).copied().unwrap_or(1);
        all += w;
        match state {
            EntryState::Translated => {
                p.translated += 1;
                done += w;
            }
            EntryState::Stale => p.stale += 1,
            EntryState::Missing => p.missing += 1,
        }
    }
    p.percent = if all == 0 {
        100.0
    } else {
        (done as f64 * 1000.0 / all as f64).round() / 10.0
    };
    p
}

/// How much text a unit is: words of a spaced original, characters of a Japanese or Chinese
/// one (which has no spaces to count).
pub fn weight(unit: &plan::Unit) -> usize {
    let Some((locale, text)) = unit.texts.first() else {
        return 1;
    };
    let count = match locale.writing() {
        Writing::Spaced => text.split_whitespace().count(),
        Writing::Unspaced => text.chars().filter(|c| !c.is_whitespace()).count(),
    };
    count.max(1)
}
