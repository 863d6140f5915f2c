//! Catalogs: the Fluent files under `locales/` that track every segment, one per document and
//! locale, with stable ids, stale marks and obsolete sections kept in the files themselves.
//!
//! Entry points: [`sync`] (the main job: plan every document, then rewrite its catalogs;
//! `sync(project, false)` is the dry run behind `honyaku status`: the same plan and merge,
//! nothing written) and [`prepare`] (one document read and planned, for build, check and
//! the language server). Per document the data flows
//! source texts → [`plan::Plan`] (units with ids) → [`merge::merge`] (one file per locale).

pub(crate) mod cache;
pub mod ftl;
mod ids;
pub(crate) mod ledger;
pub(crate) mod merge;
pub(crate) mod notes;
pub(crate) mod plan;
mod sealed;
pub(crate) mod seals;
pub(crate) mod state;
pub(crate) mod unreported;
pub mod value;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Result};
use crate::fsio::{self, ReadError};
use crate::locale::{Locale, Writing};
use crate::project::Project;
use crate::segment;
use ftl::FtlFile;
use ledger::Ledger;
use merge::{History, Role};
use plan::{Changes, Plan, Tracked};
pub use seals::SealCheck;
use state::{CatalogState, EntryState};

/// Alignment beads scoring below this are listed for an editor to confirm.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// What happened to one catalog file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Written for the first time.
    Created,
    /// Rewritten with new content.
    Updated,
    /// Left as it was: nothing to change.
    Unchanged,
    /// Not written: it could not be parsed (see the diagnostics).
    Skipped,
}

/// Translation progress of one catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Messages of the source.
    pub total: usize,
    /// Messages with a current translation.
    pub translated: usize,
    /// Messages whose translation was made from an older source.
    pub stale: usize,
    /// Messages without a translation.
    pub missing: usize,
    /// Translations kept for messages the source no longer has.
    pub obsolete: usize,
    /// Share of the source translated (not stale), weighted by source length: words for
    /// spaced languages, characters for Japanese and Chinese.
    pub percent: f64,
}

/// What a sync did with one catalog file of a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    /// The catalog's locale.
    pub locale: String,
    /// The catalog, as shown to the user.
    pub path: PathBuf,
    /// What happened to it.
    pub status: FileStatus,
    /// For translation catalogs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// Messages whose translation this sync found stale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newly_stale: Vec<String>,
    /// The ledger beside a translation catalog, when it was created or updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<LedgerReport>,
    /// For a parallel source (the English release): how far it is behind the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<ledger::SourceLag>,
}

impl FileReport {
    /// The report of a catalog left as it was, before anything else is known about it.
    fn skipped(locale: &Locale, shown: &Path) -> FileReport {
        FileReport {
            locale: locale.to_string(),
            path: shown.to_owned(),
            status: FileStatus::Skipped,
            progress: None,
            newly_stale: Vec::new(),
            ledger: None,
            lag: None,
        }
    }
}

/// What happened to the ledger beside a translation catalog.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LedgerReport {
    /// The ledger, as shown to the user.
    pub path: PathBuf,
    /// What happened to it.
    pub status: FileStatus,
}

/// A bead the aligner was unsure of.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LowConfidence {
    /// The message the bead became.
    pub id: String,
    /// The aligner's confidence, 0 to 1.
    pub score: f64,
    /// Its text in each source locale, by locale tag.
    pub texts: BTreeMap<String, String>,
}

/// What a sync did with one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocReport {
    /// The document's name.
    pub document: String,
    /// How many messages its sources make.
    pub units: usize,
    /// Messages new since the last sync.
    pub added: Vec<String>,
    /// Messages whose source changed since the last sync.
    pub modified: Vec<String>,
    /// Messages that only gained a source locale's text (the English release arrived for
    /// them), their other texts unchanged. Left out of the JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paired: Vec<String>,
    /// Messages the sources no longer have.
    pub retired: Vec<String>,
    /// Its catalog files.
    pub files: Vec<FileReport>,
    /// Pairings the aligner was unsure of, to confirm.
    pub low_confidence: Vec<LowConfidence>,
    /// The release is withdrawn (no source text in any locale): sync leaves its catalogs as
    /// they are. Left out of the JSON when not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

impl DocReport {
    /// The report of a document that has no units to sync (orphaned or skipped), only files.
    fn without_units(doc: &str, files: Vec<FileReport>) -> DocReport {
        DocReport {
            document: doc.to_owned(),
            units: 0,
            added: Vec::new(),
            modified: Vec::new(),
            paired: Vec::new(),
            retired: Vec::new(),
            files,
            low_confidence: Vec::new(),
            withdrawn: false,
        }
    }
}

/// The result of a sync (or of the dry run behind status).
#[derive(Debug, Default, Serialize)]
pub struct SyncReport {
    /// One report per document, sorted.
    pub documents: Vec<DocReport>,
    /// Problems met on the way (files skipped, warnings).
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// What the translation memory adds to a sync (computed by `memory::notes`, which this layer
/// cannot call): the `# tm` lines above the open entries of each target catalog, and the
/// documents whose lines must change although none of their files did.
#[derive(Debug, Default)]
pub struct MemoryNotes {
    /// Document → target locale → message id → lines.
    pub catalogs: BTreeMap<String, BTreeMap<Locale, BTreeMap<String, Vec<String>>>>,
    /// Documents synced even when the cache finds their files unchanged.
    pub refresh: BTreeSet<String>,
    /// The documents the memory planned to read their catalogs as this sync writes them,
    /// handed on so that the sync does not plan them again.
    pub planned: Planned,
}

/// Documents planned ahead of the sync in the same run, under the same lock (the
/// translation memory needs every changed document's catalogs as the sync will write them
/// before the sync writes any), each with what planning reported. The sync takes a kept
/// document instead of planning it again: [`prepare`] reads only the project's files, which
/// nothing changes in between. At most [`Planned::CAPACITY`] documents are kept, so that
/// the memory of a whole corpus planned at once (a first sync) stays bounded; the others are
/// planned again.
#[derive(Debug, Default)]
pub struct Planned {
    documents: Mutex<BTreeMap<String, PlannedDocument>>,
}

#[derive(Debug)]
struct PlannedDocument {
    prepared: Option<Prepared>,
    diagnostics: Vec<Diagnostic>,
}

impl Planned {
    /// How many documents are kept at most: a tenth of the 5,000-document benchmark revised
    /// fits, at a few hundred kilobytes each.
    pub const CAPACITY: usize = 512;

    /// Keeps what [`prepare`] gave for `doc`, if there is room.
    pub fn keep(&self, doc: &str, prepared: Option<Prepared>, diagnostics: Vec<Diagnostic>) {
        let mut documents = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if documents.len() < Self::CAPACITY {
            documents.insert(
                doc.to_owned(),
                PlannedDocument {
                    prepared,
                    diagnostics,
                },
            );
        }
    }

    /// [`prepare`] for `doc`: the kept result if there is one, else planned now.
    fn prepare(
        &self,
        project: &Project,
        doc: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Option<Prepared>> {
        let kept = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(doc);
        match kept {
            Some(kept) => {
                diagnostics.extend(kept.diagnostics);
                Ok(kept.prepared)
            }
            None => prepare(project, doc, diagnostics),
        }
    }
}

/// Brings every catalog in line with the source texts; with `write` false, only reports.
/// Writes no translation memory lines (`status`; `honyaku sync` passes them to
/// [`sync_accepting`]).
pub fn sync(project: &Project, write: bool) -> Result<SyncReport> {
    sync_accepting(project, write, &BTreeMap::new(), &MemoryNotes::default())
}

/// One `sync --accept` argument: a message id, in one translation locale or in all of them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Accepted {
    /// The message id.
    pub id: String,
    /// `None`: every translation locale.
    pub locale: Option<Locale>,
}

/// Reads `--accept` arguments, `DOC/ID` (every translation locale) or `LOCALE/DOC/ID`, per
/// document. An unknown document or locale is a usage error; an unknown id is reported by
/// the sync of its document, which has the ids.
pub fn parse_accepted(
    project: &Project,
    args: &[String],
) -> Result<BTreeMap<String, BTreeSet<Accepted>>> {
    let mut accepted: BTreeMap<String, BTreeSet<Accepted>> = BTreeMap::new();
    for arg in args {
        let usage = || {
            crate::error::Error::Usage(format!(
                "--accept {arg}: expected DOC/ID or LOCALE/DOC/ID, such as `2024-05-radio/overview-3` or `fr/2024-05-radio/overview-3`"
            ))
        };
        let parts: Vec<&str> = arg.split('/').collect();
        let (locale, doc, id) = match parts.as_slice() {
            [doc, id] => (None, *doc, *id),
            [locale, doc, id] => (Some(*locale), *doc, *id),
            _ => return Err(usage()),
        };
        if doc.is_empty() || id.is_empty() {
            return Err(usage());
        }
        if !project.documents.iter().any(|d| d == doc) {
            return Err(crate::error::Error::Usage(format!(
                "--accept {arg}: no document `{doc}` in this project (see `honyaku status`)"
            )));
        }
        let locale = match locale {
            None => None,
            Some(tag) => {
                let parsed: Option<Locale> = tag.parse().ok();
                let translated = parsed.as_ref().is_some_and(|l| {
                    project.all_locales().contains(l) && !project.source_locales(doc).contains(l)
                });
                if !translated {
                    return Err(crate::error::Error::Usage(format!(
                        "--accept {arg}: `{tag}` is not a translation locale of `{doc}` (see `honyaku status`)"
                    )));
                }
                parsed
            }
        };
        accepted
            .entry(doc.to_owned())
            .or_default()
            .insert(Accepted {
                id: id.to_owned(),
                locale,
            });
    }
    Ok(accepted)
}

/// [`sync`], making the translations of `accepted` ids (per document) current: what they
/// were made from becomes the current sources (`honyaku sync --accept`).
pub fn sync_accepting(
    project: &Project,
    write: bool,
    accepted: &BTreeMap<String, BTreeSet<Accepted>>,
    memory: &MemoryNotes,
) -> Result<SyncReport> {
    let cache = cache::Cache::load(project);
    let batch = fsio::Batch::default();
    let writes = write.then_some(&batch);
    let results: Vec<Result<(Option<DocReport>, Vec<Diagnostic>)>> = project
        .documents
        .par_iter()
        .map(|doc| match accepted.get(doc) {
            // Accepting changes the ledger even when no input did: never skipped.
            Some(ids) => sync_document(project, doc, writes, ids, memory),
            // Nor are documents whose memory lines changed (their files did not).
            None => {
                let may_skip = !memory.refresh.contains(doc);
                cache.sync_document(project, doc, write, may_skip, || {
                    sync_document(project, doc, writes, &BTreeSet::new(), memory)
                })
            }
        })
        .collect();
    let mut report = SyncReport::default();
    for result in results {
        let (doc_report, diagnostics) = result?;
        report.documents.extend(doc_report);
        report.diagnostics.extend(diagnostics);
    }
    report
        .diagnostics
        .extend(parallel_without_original(project));
    if write {
        let earlier = unreported::left_by_earlier_run(project);
        report.diagnostics.extend(earlier);
        report
            .diagnostics
            .extend(unreported::record(project, &report, &batch));
        let committed = batch
            .commit()
            .inspect_err(|_| unreported::reported(&project.root))?;
        let not_written = committed
            .conflicts
            .iter()
            .map(|path| {
                Diagnostic::error(
                    project.display(path),
                    "saved while sync ran: left as it is, not merged",
                )
                .help("run `honyaku sync` again to merge it")
            })
            .chain(committed.failed.iter().map(|(path, error)| {
                Diagnostic::error(
                    project.display(path),
                    format!("could not be replaced, left as it was: {}", error.reason()),
                )
                .help("fix what stops honyaku from writing it (permissions, `chattr -i`, disk space) and run `honyaku sync` again; the other files listed were written")
            }));
        for diagnostic in not_written {
            for file in report
                .documents
                .iter_mut()
                .flat_map(|d| d.files.iter_mut())
                .filter(|f| f.path == diagnostic.path)
            {
                file.status = FileStatus::Skipped;
                file.newly_stale.clear();
            }
            report.diagnostics.push(diagnostic);
        }
        // The catalogs are in place: a cache that cannot be written (a full disk) only costs
        // the next run time, and must not hide the report of what this one wrote.
        if let Err(error) = cache.save(project, &committed) {
            let path = match &error {
                crate::error::Error::Io { path, .. } => path.clone(),
                _ => project.root.join(cache::CACHE_DIR),
            };
            report.diagnostics.push(
                Diagnostic::error(
                    project.display(&path),
                    format!("could not record this run in the cache: {}", error.reason()),
                )
                .help("the catalogs listed were written; free space or fix `.honyaku/` (it is safe to delete) so the next sync can skip unchanged documents"),
            );
        }
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
        .map(|(locale, path)| FileReport::skipped(locale, project.display(&path)))
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

/// Reads the catalog of `doc` in `locale`, with its identity as read (what a rewrite of it
/// expects to find at commit).
fn load_catalog(
    project: &Project,
    locale: &Locale,
    doc: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Loaded, fsio::Identity)> {
    let path = project.catalog_path(locale, doc);
    let shown = project.display(&path).to_owned();
    let (text, identity) = match fsio::read_text_identified(&path) {
        Ok(read) => (read.text, read.identity),
        Err(ReadError::Io(crate::error::Error::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok((Loaded::Missing, fsio::Identity::Absent));
        }
        Err(ReadError::Io(error)) => return Err(error),
        Err(ReadError::Content(diagnostic)) => {
            let diagnostic = Diagnostic {
                path: shown,
                ..diagnostic
            }
            .help("fix the file; honyaku did not touch it");
            diagnostics.push(diagnostic.clone());
            let broken = Loaded::Broken(Broken::Unreadable(diagnostic));
            return Ok((broken, fsio::Identity::Present(String::new())));
        }
    };
    let loaded = match ftl::parse(&text) {
        Ok(file) => Loaded::Parsed(file),
        Err(errors) => {
            for error in &errors {
                diagnostics.push(
                    Diagnostic::error(&shown, error.to_string())
                        .at(error.line, error.column)
                        .help("fix the file and run again; honyaku did not touch it"),
                );
            }
            Loaded::Broken(Broken::Unparsable(errors))
        }
    };
    Ok((loaded, identity))
}

/// Reads the ledger beside a translation catalog: `Ok(None)` when there is none; a ledger
/// that cannot be read makes its catalog count as broken (neither is rewritten).
fn load_ledger(
    project: &Project,
    locale: &Locale,
    doc: &str,
) -> Result<std::result::Result<Option<(Ledger, String)>, Diagnostic>> {
    let path = project.ledger_path(locale, doc);
    if !path.exists() {
        return Ok(Ok(None));
    }
    let shown = project.display(&path).to_owned();
    let text = match fsio::read_text(&path) {
        Ok(text) => text,
        Err(ReadError::Io(error)) => return Err(error),
        Err(ReadError::Content(diagnostic)) => {
            return Ok(Err(Diagnostic {
                path: shown,
                ..diagnostic
            }));
        }
    };
    Ok(match Ledger::parse(&text) {
        Ok(ledger) => Ok(Some((ledger, text))),
        Err(error) => Err(Diagnostic::error(shown, error.message)
            .at(error.line, error.column)
            .help("restore the ledger from git (`git checkout -- FILE`) or delete it and run `honyaku sync`; honyaku wrote neither file")),
    })
}

/// Everything known about one document before anything is written: its plan and the
/// catalogs as found on disk.
#[derive(Debug)]
pub struct Prepared {
    /// The document's name.
    pub document: String,
    /// The withdrawn release whose catalogs this new one was read from ([`renamed_from`]):
    /// none of its own files exist yet.
    carried: Option<String>,
    /// Its messages as the sources make them now.
    pub plan: Plan,
    /// Its messages as the catalogs track them: read on first use ([`Prepared::tracked`]),
    /// as a sealed document's plan and its checks do not need them (issue 19).
    tracked: std::sync::OnceLock<Tracked>,
    /// What the parallel source caught up on in this sync (see [`merge::CaughtUp`]).
    caught_up: std::sync::OnceLock<Option<merge::CaughtUp>>,
    /// Each parallel source's ledger and lag ([`Prepared::parallel`]), worked out once.
    parallel: std::sync::OnceLock<BTreeMap<Locale, (Ledger, ledger::SourceLag)>>,
    catalogs: BTreeMap<Locale, Loaded>,
    /// What each catalog held when read: a rewrite is only put in place over those bytes.
    identities: BTreeMap<Locale, fsio::Identity>,
    /// The ledgers beside the translation catalogs, as read (with their text).
    ledgers: BTreeMap<Locale, (Ledger, String)>,
    /// Per locale, ids whose translations `sync --accept` makes current.
    accepted: BTreeMap<Locale, BTreeSet<String>>,
    source_locales: Vec<Locale>,
    /// The translation memory's lines above open entries, per target locale and id.
    memory_notes: BTreeMap<Locale, BTreeMap<String, Vec<String>>>,
    /// The content hashes of the document's files as read (`Project::document_inputs`, in
    /// order, `None` for an absent file); `None` once a catalog was put in place of its file.
    inputs: Option<Vec<Option<String>>>,
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

    /// What decides whether the translations of `locale`'s catalog are current: its ledger,
    /// the accepted ids and the tracked state. One construction for the merge
    /// ([`Prepared::state`]) and the states alone ([`merge::entry_states`]).
    pub(crate) fn history(&self, locale: &Locale) -> History<'_> {
        History {
            tracked: Some(self.tracked()),
            ..self.history_without_tracked(locale)
        }
    }

    /// [`Prepared::history`] without what the source catalogs tracked, for a reader that
    /// does not look at it ([`merge::entry_states`]), so that it is not read.
    pub(crate) fn history_without_tracked(&self, locale: &Locale) -> History<'_> {
        History {
            ledger: self.ledgers.get(locale).map(|(ledger, _)| ledger),
            accepted: self.accepted.get(locale),
            tracked: None,
            caught_up: self.caught_up(),
        }
    }

    /// The messages on which the parallel source (the English release) caught up with the
    /// original in this sync, worked out once per document; `None` without a parallel
    /// source or when it caught up on nothing.
    fn caught_up(&self) -> Option<&merge::CaughtUp> {
        self.caught_up
            .get_or_init(|| {
                let original = self.source_locales.first()?;
                let parallel = self.source_locales.get(1)?;
                // Without an old ledger nothing was behind, so nothing caught up.
                self.ledgers.get(parallel)?;
                let (_, lag) = self.parallel(parallel)?;
                (!lag.caught_up.is_empty()).then(|| merge::CaughtUp {
                    original: original.clone(),
                    parallel: parallel.clone(),
                    ids: lag.caught_up.iter().cloned().collect(),
                })
            })
            .as_ref()
    }

    /// Its messages as the catalogs track them ([`Tracked::read`] of its source catalogs and
    /// the others, as read from disk).
    pub fn tracked(&self) -> &Tracked {
        self.tracked.get_or_init(|| {
            let (sources, others) = split_catalogs(&self.catalogs, &self.source_locales);
            Tracked::read(&sources, &others)
        })
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
        // What the catalogs tracked is what was read from disk, not this text.
        self.tracked();
        self.catalogs.insert(locale.clone(), loaded);
        self.inputs = None;
        // A parallel source's lag depends on whether its catalog parses: worked out again.
        self.parallel = std::sync::OnceLock::new();
        self.caught_up = std::sync::OnceLock::new();
    }

    /// The content hashes of the files this was prepared from (`Project::document_inputs`,
    /// in order, `None` for an absent file), taken from the bytes that were read: what a
    /// seal or a build record of the document is made of. `None` when a catalog was replaced
    /// by text that is not on disk ([`Prepared::set_catalog`]).
    pub(crate) fn input_hashes(&self) -> Option<&[Option<String>]> {
        self.inputs.as_deref()
    }

    /// The catalog of `locale` as the next sync will write it: every entry with its state,
    /// sources and value, and the bytes ([`CatalogState::text`]). `None` when the file on
    /// disk could not be parsed (it is never rewritten).
    pub fn state(&self, locale: &Locale) -> Option<CatalogState> {
        if self.broken(locale).is_some() {
            return None;
        }
        let state = merge::merge(
            &self.document,
            &self.plan,
            self.role(locale),
            self.catalog(locale),
            self.history(locale),
        );
        Some(match self.memory_notes.get(locale) {
            Some(notes) => state.with_memory_notes(notes),
            None => state,
        })
    }

    /// Puts the translation memory's lines (`# tm …`) above these open entries of the
    /// catalog of `locale` (by id) in every [`Prepared::state`] from now on.
    pub fn set_memory_notes(&mut self, locale: &Locale, notes: BTreeMap<String, Vec<String>>) {
        self.memory_notes.insert(locale.clone(), notes);
    }

    /// Makes the translations of these ids current in every locale: what they were made
    /// from becomes the current sources (`honyaku sync --accept`).
    pub fn accept(&mut self, accepted: &BTreeSet<Accepted>) {
        for accept in accepted {
            let locales: Vec<Locale> = match &accept.locale {
                Some(locale) => vec![locale.clone()],
                None => self.catalogs.keys().cloned().collect(),
            };
            for locale in locales {
                self.accepted
                    .entry(locale)
                    .or_default()
                    .insert(accept.id.clone());
            }
        }
    }

    /// For a parallel source locale (the English release): its ledger as the next sync will
    /// write it, and how far it is behind the original. `None` for other locales. Worked out
    /// once per preparation, for the sync's report, the pages, the QA and the stale states
    /// that all read it.
    pub fn parallel(&self, locale: &Locale) -> Option<&(Ledger, ledger::SourceLag)> {
        self.parallel
            .get_or_init(|| {
                let Some((original, rest)) = self.source_locales.split_first() else {
                    return BTreeMap::new();
                };
                rest.iter()
                    .filter(|l| self.broken(l).is_none())
                    .map(|l| {
                        let old = self.ledgers.get(l).map(|(ledger, _)| ledger);
                        let tracked = |id: &str| self.tracked().text(id, original);
                        let lag = ledger::track_parallel(&self.plan, original, l, old, tracked);
                        (l.clone(), lag)
                    })
                    .collect()
            })
            .get(locale)
    }

    /// The ledger text as read from disk, if the locale's catalog has one.
    fn ledger_text(&self, locale: &Locale) -> Option<&str> {
        self.ledgers.get(locale).map(|(_, text)| text.as_str())
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
    prepare_with(project, doc, None, diagnostics)
}

/// [`prepare`], planning a document whose files hash to one of the committed seals from its
/// source catalogs instead of aligning its texts again (`sealed.rs`): the same plan, for
/// what it costs to read them. `build` and `check` use it; so may any reader of many documents.
pub fn prepare_checked(
    project: &Project,
    doc: &str,
    seals: &SealCheck,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Prepared>> {
    prepare_with(project, doc, Some(seals), diagnostics)
}

fn prepare_with(
    project: &Project,
    doc: &str,
    seals: Option<&SealCheck>,
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
    // The hash of every file read, from its bytes (decoding a text does not change them).
    let mut hashes: HashMap<PathBuf, Option<String>> = HashMap::new();
    for locale in &source_locales {
        let path = project.source_path(locale, doc);
        match fsio::read_source(&path) {
            Ok(text) => {
                hashes.insert(path, Some(fsio::content_hash(text.as_bytes())));
                documents.push((locale.clone(), segment::segment(text, locale)));
            }
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
    let mut files = read_files(project, doc, None, &source_locales, diagnostics)?;
    // A release met for the first time (no catalog or ledger in any locale) that is a
    // withdrawn one renamed takes that one's catalogs as its own old files: its ids and
    // translations carry over, stale where the text changed (see [`renamed_from`]).
    let new = files.ledgers.is_empty()
        && files
            .catalogs
            .values()
            .all(|loaded| matches!(loaded, Loaded::Missing));
    let carried = new
        .then(|| renamed_from(project, doc, &source_locales[0], &documents[0].1.source))
        .flatten();
    if let Some(old) = &carried {
        diagnostics.push(Diagnostic {
            severity: crate::error::Severity::Info,
            ..Diagnostic::warning(
                project.display(&project.source_path(&source_locales[0], doc)),
                format!("\"{doc}\" is new and holds the sentences of \"{old}\", whose source texts are gone: its translations carry over (stale where the text changed)"),
            )
            .help(format!("once the new catalogs are checked, delete those of the old name: locales/*/{old}.ftl and .ledger"))
        });
        files = read_files(project, doc, Some(old), &source_locales, diagnostics)?;
    }
    let Files {
        catalogs,
        ledgers,
        identities,
        hashes: file_hashes,
    } = files;
    hashes.extend(file_hashes);
    if source_locales
        .iter()
        .any(|l| matches!(catalogs.get(l), Some(Loaded::Broken(_))))
    {
        return Ok(None);
    }
    let (sources, others) = split_catalogs(&catalogs, &source_locales);
    let tracked = std::sync::OnceLock::new();
    // The files not read above (the sources of target locales, the original's ledger, the
    // pins) are nearly always absent: a failed open each.
    let inputs = project
        .document_inputs(doc)
        .into_iter()
        .map(|path| match hashes.remove(&path) {
            Some(hash) => Ok(hash),
            None => seals::hash_file(&path),
        })
        .collect::<Result<Vec<_>>>()?;
    let pin_path = project.pins_path(doc);
    // Sealed, and no pins (the last input): the catalogs say what the plan is.
    let vouched = seals.filter(|seals| inputs.last() == Some(&None) && seals.vouches(doc, &inputs));
    let sealed = match vouched {
        Some(_) => {
            let files: Vec<&FtlFile> = sources.iter().map(|(_, file)| *file).collect();
            sealed::from_catalogs(documents, &files)
        }
        None => Err(documents),
    };
    let plan = match sealed {
        Ok(plan) => plan,
        // Not sealed, or a doubt: the full plan, aligning the texts.
        Err(documents) => {
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
            let plan = plan::plan(
                documents,
                tracked.get_or_init(|| Tracked::read(&sources, &others)),
                &pins,
            );
            for message in &plan.unmatched_pins {
                diagnostics.push(
                    Diagnostic::warning(project.display(&pin_path), message.as_str()).help(
                        "fix the pin's texts to match `honyaku segment` output, or delete the pin",
                    ),
                );
            }
            plan
        }
    };
    Ok(Some(Prepared {
        document: doc.to_owned(),
        plan,
        tracked,
        catalogs,
        identities,
        ledgers,
        accepted: BTreeMap::new(),
        caught_up: std::sync::OnceLock::new(),
        parallel: std::sync::OnceLock::new(),
        source_locales,
        memory_notes: BTreeMap::new(),
        // A carried document's files were read under the old name: nothing to seal or record.
        inputs: carried.is_none().then_some(inputs),
        carried,
    }))
}

/// A document's catalogs and ledgers as read, with each file's identity and hash.
struct Files {
    catalogs: BTreeMap<Locale, Loaded>,
    ledgers: BTreeMap<Locale, (Ledger, String)>,
    identities: BTreeMap<Locale, fsio::Identity>,
    /// Per path of the document's own files, the hash of what was read (`None`: absent).
    hashes: HashMap<PathBuf, Option<String>>,
}

/// Reads the catalogs and ledgers of `doc`, or, for a release carried over from the one it
/// was renamed from, those of `carried`: then `doc`'s own files count as absent (they will be
/// created).
fn read_files(
    project: &Project,
    doc: &str,
    carried: Option<&str>,
    source_locales: &[Locale],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Files> {
    let mut files = Files {
        catalogs: BTreeMap::new(),
        ledgers: BTreeMap::new(),
        identities: BTreeMap::new(),
        hashes: HashMap::new(),
    };
    let read_from = carried.unwrap_or(doc);
    for locale in project.all_locales() {
        let (mut loaded, identity) = load_catalog(project, &locale, read_from, diagnostics)?;
        let identity = if carried.is_some() {
            fsio::Identity::Absent
        } else {
            identity
        };
        if !matches!(loaded, Loaded::Broken(Broken::Unreadable(_))) {
            let hash = match &identity {
                fsio::Identity::Absent => None,
                fsio::Identity::Present(hash) => Some(hash.clone()),
            };
            files
                .hashes
                .insert(project.catalog_path(&locale, doc), hash);
        }
        files.identities.insert(locale.clone(), identity);
        if source_locales.first() != Some(&locale) {
            let path = project.ledger_path(&locale, doc);
            match load_ledger(project, &locale, read_from)? {
                Ok(Some(ledger)) => {
                    let hash = carried
                        .is_none()
                        .then(|| fsio::content_hash(ledger.1.as_bytes()));
                    files.hashes.insert(path, hash);
                    files.ledgers.insert(locale.clone(), ledger);
                }
                Ok(None) => {
                    files.hashes.insert(path, None);
                }
                Err(diagnostic) => {
                    diagnostics.push(diagnostic.clone());
                    if !matches!(loaded, Loaded::Broken(_)) {
                        loaded = Loaded::Broken(Broken::Unreadable(diagnostic));
                    }
                }
            }
        }
        files.catalogs.insert(locale, loaded);
    }
    Ok(files)
}

/// The share of a new release's original text, and of a withdrawn release's tracked
/// sentences, that the two must have in common for the new one to be taken as the old one
/// renamed.
const RENAMED_SHARE: f64 = 0.6;

/// The withdrawn release (catalogs kept, source texts gone) that the new release `doc`,
/// whose original is `text`, is a renaming of: the one whose original catalog's sentences
/// make up at least [`RENAMED_SHARE`] of the new text and are found in it at that share
/// (counted in characters); none when no release or more than one qualifies.
fn renamed_from(project: &Project, doc: &str, original: &Locale, text: &str) -> Option<String> {
    let size = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let whole = size(text);
    if whole == 0 {
        return None;
    }
    let mut found = project
        .documents
        .iter()
        .filter(|other| other.as_str() != doc && project.source_locales(other).is_empty())
        .filter(|other| {
            let Ok(catalog) = fsio::read_text(&project.catalog_path(original, other)) else {
                return false;
            };
            let Ok(file) = ftl::parse(&catalog) else {
                return false;
            };
            let (mut tracked, mut shared) = (0, 0);
            for entry in &file.entries {
                if let ftl::EntryKind::Message {
                    value: Some(value), ..
                } = &entry.kind
                {
                    let n = size(value);
                    tracked += n;
                    if text.contains(value.as_str()) {
                        shared += n;
                    }
                }
            }
            let share = |part: usize, of: usize| of > 0 && part as f64 >= RENAMED_SHARE * of as f64;
            share(shared, tracked) && share(shared, whole)
        });
    let first = found.next()?;
    found.next().is_none().then(|| first.to_string())
}

/// The parsed source catalogs of a document (original first) and its other parsed
/// catalogs (in locale order): what [`Tracked::read`] reads.
fn split_catalogs<'c>(
    catalogs: &'c BTreeMap<Locale, Loaded>,
    source_locales: &[Locale],
) -> (Vec<(Locale, &'c FtlFile)>, Vec<&'c FtlFile>) {
    let parsed = |locale: &Locale| match catalogs.get(locale) {
        Some(Loaded::Parsed(file)) => Some(file),
        _ => None,
    };
    let sources = source_locales
        .iter()
        .filter_map(|l| parsed(l).map(|f| (l.clone(), f)))
        .collect();
    let others = catalogs
        .iter()
        .filter(|(l, _)| !source_locales.contains(l))
        .filter_map(|(l, _)| parsed(l))
        .collect();
    (sources, others)
}

/// Whether the last sync already saw that `doc` is withdrawn (its source texts gone), as
/// `honyaku.seals` records it: a sync seals only documents it synced, so a release sealed
/// before is no longer there once a sync has met it withdrawn. `diff` then has nothing of its
/// to report (sync changes nothing of a withdrawn release's); before that sync, it lists the
/// sentences the withdrawal removed. Without the file, nothing is known: not synced.
pub fn withdrawal_synced(project: &Project, doc: &str) -> bool {
    let path = project.root.join(seals::SEALS_FILE);
    if !path.is_file() {
        return false;
    }
    let sealed = seals::Seals::read(&path);
    !sealed.has(doc) || sealed.withdrawn(doc)
}

/// Warnings for releases that have a parallel source text (the English release) but no
/// original of that name: often the English saved under a misspelt name, which sync would
/// otherwise take silently for a document of its own (translated from the English, its
/// original's translation left without the English). An English-only release may be
/// meant, so this warns and names the nearest original's name; nothing is refused.
fn parallel_without_original(project: &Project) -> Vec<Diagnostic> {
    let Some(parallel) = &project.config.parallel else {
        return Vec::new();
    };
    let original = &project.config.source;
    let has = |doc: &str, locale: &Locale| project.source_locales(doc).contains(locale);
    let originals: Vec<&String> = project
        .documents
        .iter()
        .filter(|d| has(d, original))
        .collect();
    let mut out = Vec::new();
    for doc in project
        .documents
        .iter()
        .filter(|d| !has(d, original) && has(d, parallel))
    {
        let path = project
            .display(&project.source_path(parallel, doc))
            .to_owned();
        // The nearest name by edit distance, an original still without its parallel release
        // first; only a near one (a typo, not another release of the same day) is named.
        let nearest = originals
            .iter()
            .map(|name| (edit_distance(doc, name), has(name, parallel), *name))
            .min()
            .filter(|(distance, ..)| *distance <= 2.max(doc.chars().count() / 8));
        let message = format!(
            "a release in {parallel} with no original in {original} of that name: \"{doc}\" is synced as a document of its own, translated from {parallel}"
        );
        let help = match nearest {
            Some((_, _, name)) => format!(
                "if it is the {parallel} release of \"{name}\", rename it to {}, delete the catalogs sync made for \"{doc}\" (locales/*/{doc}.ftl and .ledger) and run `honyaku sync` again; a release only in {parallel} needs nothing",
                project
                    .display(&project.source_path(parallel, name))
                    .display()
            ),
            None => format!(
                "if it is the {parallel} release of an original, give it the original's name (source_texts/{original}/<name>.txt), delete locales/*/{doc}.ftl and .ledger and run `honyaku sync` again; a release only in {parallel} needs nothing"
            ),
        };
        out.push(Diagnostic::warning(path, message).help(help));
    }
    out
}

/// The Levenshtein distance of two names, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Plans one document and merges each of its catalogs, staging those that change in
/// `writes` (none for a dry run).
fn sync_document(
    project: &Project,
    doc: &str,
    writes: Option<&fsio::Batch>,
    accepted: &BTreeSet<Accepted>,
    memory: &MemoryNotes,
) -> Result<(Option<DocReport>, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let Some(mut prepared) = memory.planned.prepare(project, doc, &mut diagnostics)? else {
        let orphaned = project.source_locales(doc).is_empty();
        let report = if orphaned {
            orphan_report(project, doc, &mut diagnostics)?
        } else {
            Some(skipped_report(project, doc))
        };
        return Ok((report, diagnostics));
    };
    // An id the document does not have is an error (a typo accepts nothing); the others
    // are said, so that a reviewer sees what was made current.
    let (known, unknown): (BTreeSet<Accepted>, BTreeSet<Accepted>) = accepted
        .iter()
        .cloned()
        .partition(|a| prepared.plan.units.iter().any(|u| u.id == a.id));
    for accept in &unknown {
        diagnostics.push(
            Diagnostic::error(
                project.display(&project.source_path(&prepared.source_locales[0], doc)),
                format!("--accept {doc}/{}: no message `{}` in this document; nothing was accepted for it", accept.id, accept.id),
            )
            .help(format!("the ids are those of locales/<locale>/{doc}.ftl")),
        );
    }
    for accept in &known {
        let (locale, path) = match &accept.locale {
            Some(locale) => (locale.to_string(), project.catalog_path(locale, doc)),
            None => (
                String::from("every translation locale"),
                project.source_path(&prepared.source_locales[0], doc),
            ),
        };
        diagnostics.push(Diagnostic {
            severity: crate::error::Severity::Info,
            ..Diagnostic::error(
                project.display(&path),
                format!("accepted {doc}/{} in {locale}: its translation counts as made from the current sources", accept.id),
            )
        });
    }
    prepared.accept(&known);
    for (locale, notes) in memory.catalogs.get(doc).into_iter().flatten() {
        prepared.set_memory_notes(locale, notes.clone());
    }
    let mut files = Vec::new();
    // Each catalog's merge is its own (a long release is most of a sync): side by side.
    let locales: Vec<&Locale> = prepared.catalogs.keys().collect();
    let states: Vec<Option<CatalogState>> = locales
        .par_iter()
        .map(|locale| prepared.state(locale))
        .collect();
    for (locale, state) in locales.into_iter().zip(states) {
        let path = project.catalog_path(locale, doc);
        let mut report = FileReport::skipped(locale, project.display(&path));
        if let Some(state) = state {
            let text = state.text();
            // A carried document's old files are another document's: its own are new.
            let old = prepared
                .catalog(locale)
                .filter(|_| prepared.carried.is_none());
            report.status = match old {
                None => FileStatus::Created,
                Some(file) if file.to_string() == text => FileStatus::Unchanged,
                Some(_) => FileStatus::Updated,
            };
            if let Some(batch) = writes.filter(|_| report.status != FileStatus::Unchanged) {
                let read = prepared.identities.get(locale).cloned();
                batch.write(
                    &path,
                    text.as_bytes(),
                    read.unwrap_or(fsio::Identity::Absent),
                )?;
            }
            let ledger = match prepared.role(locale) {
                Role::Target { .. } => {
                    // The sentences the original dropped while a parallel release keeps them.
                    let dropped: BTreeSet<&str> = prepared
                        .source_locales
                        .iter()
                        .skip(1)
                        .filter_map(|l| prepared.parallel(l))
                        .flat_map(|(_, lag)| lag.extra.iter().map(String::as_str))
                        .collect();
                    report.progress = Some(progress(&prepared.plan, &state, &dropped));
                    Some(state.ledger())
                }
                Role::Source {
                    original: false, ..
                } => prepared.parallel(locale).map(|(ledger, lag)| {
                    report.lag = Some(lag.clone());
                    ledger.clone()
                }),
                Role::Source { original: true, .. } => None,
            };
            if let Some(ledger) = ledger {
                let old = prepared
                    .ledger_text(locale)
                    .filter(|_| prepared.carried.is_none());
                // A ledger keeps the line ending git gave it, else takes the catalog's.
                let newline = old.map_or(state.ending, merge::line_ending).as_str();
                let text = ledger.render(newline);
                let status = match old {
                    None => FileStatus::Created,
                    Some(old) if old == text => FileStatus::Unchanged,
                    Some(_) => FileStatus::Updated,
                };
                if status != FileStatus::Unchanged {
                    let path = project.ledger_path(locale, doc);
                    if let Some(batch) = writes {
                        let read = old.map_or(fsio::Identity::Absent, |old| {
                            fsio::Identity::Present(fsio::content_hash(old.as_bytes()))
                        });
                        batch.write(&path, text.as_bytes(), read)?;
                    }
                    report.ledger = Some(LedgerReport {
                        path: project.display(&path).to_owned(),
                        status,
                    });
                }
            }
            // The line as the user will find it: in the file this sync writes, else as read.
            let rewritten = writes.is_some() && report.status != FileStatus::Unchanged;
            let commented = state.current().filter_map(|e| {
                let read = e.commented_line?;
                let written = rewritten.then(|| {
                    let prefix = format!("# {} =", e.id);
                    text.lines()
                        .enumerate()
                        .skip(e.lines.first.saturating_sub(1))
                        .take(e.lines.last + 1 - e.lines.first.max(1))
                        .find(|(_, line)| line.starts_with(&prefix))
                        .map(|(k, _)| k + 1)
                });
                Some((&e.id, written.flatten().unwrap_or(read)))
            });
            for (id, line) in commented {
                diagnostics.push(
                    Diagnostic::warning(
                        project.display(&path),
                        format!("`{id}` has a translation that is still commented out, so it counts as missing"),
                    )
                    .at(line, 1)
                    .help("delete the \"# \" at the start of the line to use it"),
                );
            }
            for entry in state.current().filter(|e| e.mark_restored) {
                let accept = format!("{locale}/{doc}/{}", entry.id);
                diagnostics.push(
                    Diagnostic::warning(
                        project.display(&path),
                        format!(
                            "`{}`: its stale mark was deleted but the translation was not revised, so it stays stale (the mark is put back)",
                            entry.id
                        ),
                    )
                    .help(format!("revise the translation and delete the mark, or, if it needs no change, run `honyaku sync --accept {accept}`")),
                );
            }
            if state.drafts > 0 {
                diagnostics.push(
                    Diagnostic::warning(
                        project.display(&path),
                        match state.drafts {
                            1 => format!("1 translation written in this catalog before the {locale} release arrived is kept as a `# draft before the {locale} release:` comment"),
                            n => format!("{n} translations written in this catalog before the {locale} release arrived are kept as `# draft before the {locale} release:` comments"),
                        },
                    )
                    .help("compare each with the release's text beside it, then delete the comment"),
                );
            }
            report.newly_stale = state.newly_stale();
        }
        files.push(report);
    }
    let plan = &prepared.plan;
    // A one-sided message the English lag explains (a Japanese addition the English has not
    // translated yet, an English sentence whose Japanese was removed) is reported as such
    // ("en behind ja"), not as an alignment to check.
    let explained: HashSet<&str> = files
        .iter()
        .filter_map(|f| f.lag.as_ref())
        .flat_map(|lag| lag.added.iter().chain(&lag.extra))
        .map(String::as_str)
        .collect();
    let low_confidence = plan
        .units
        .iter()
        .filter(|u| u.score.is_some_and(|s| s < LOW_CONFIDENCE))
        .filter(|u| u.texts.len() > 1 || !explained.contains(u.id.as_str()))
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
        paired,
        retired,
    } = plan.changes.clone();
    let report = DocReport {
        document: doc.to_owned(),
        units: plan.units.len(),
        added,
        modified,
        paired,
        retired,
        files,
        low_confidence,
        withdrawn: false,
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
        let (Loaded::Parsed(file), _) = load_catalog(project, locale, doc, diagnostics)? else {
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
            ledger: None,
            lag: None,
        });
    }
    let mut report = DocReport::without_units(doc, files);
    report.withdrawn = true;
    Ok(Some(report))
}

/// Counts and the weighted percentage of one translation catalog.
fn progress(plan: &Plan, state: &CatalogState, dropped: &BTreeSet<&str>) -> Progress {
    let weights: BTreeMap<&str, usize> = plan
        .units
        .iter()
        .map(|u| (u.id.as_str(), weight(u)))
        .collect();
    // A unit the original dropped while its parallel release still has it (`dropped`, the
    // lag's extra messages) is on its way to the obsolete section: there is nothing to
    // translate or revise in it, and a page laid out on the original does not place it
    // (`build` counts completeness alike); its translation, if it has one, is counted as
    // obsolete already (it will be, once the English drops the sentence too). A sentence
    // only the English ever had is work.
    let mut p = Progress::default();
    let (mut done, mut all) = (0usize, 0usize);
    for entry in state.entries() {
        if entry.state == EntryState::Obsolete {
            p.obsolete += 1;
            continue;
        }
        if dropped.contains(entry.id.as_str()) {
            p.obsolete += usize::from(entry.state.has_translation());
            continue;
        }
        p.total += 1;
        let w = weights.get(entry.id.as_str()).copied().unwrap_or(1);
        all += w;
        match entry.state {
            EntryState::Translated => {
                p.translated += 1;
                done += w;
            }
            EntryState::Stale => p.stale += 1,
            EntryState::Missing | EntryState::CommentedTranslation => p.missing += 1,
            EntryState::Obsolete | EntryState::Source => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A document planned ahead is taken as it was planned, with what planning reported, and
    /// only once; up to the capacity; the others are planned when the sync comes to them.
    #[test]
    fn planned_documents_are_taken_once_and_kept_up_to_the_capacity() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("source_texts/ja")).unwrap();
        std::fs::create_dir_all(dir.path().join("locales/ja")).unwrap();
        let (project, _) = Project::open(dir.path()).unwrap();
        let planned = Planned::default();
        let take = || {
            let mut found = Vec::new();
            let prepared = planned.prepare(&project, "gone", &mut found).unwrap();
            assert!(prepared.is_none());
            assert_eq!(found.len(), 1, "{found:?}");
            found
        };
        let ahead = Diagnostic::warning("somewhere", "found while planning ahead");
        planned.keep("gone", None, vec![ahead.clone()]);
        assert_eq!(take()[0].message, ahead.message);
        // Taken: the next time, the document is planned from its files (it has none).
        let found = take();
        assert!(found[0].message.contains("no source text"), "{found:?}");

        for k in 0..Planned::CAPACITY + 3 {
            planned.keep(&format!("doc-{k}"), None, Vec::new());
        }
        let kept = planned.documents.lock().unwrap().len();
        assert_eq!(kept, Planned::CAPACITY);
    }
}
