//! Where the memory comes from and how it is kept: each document's contribution
//! ([`DocumentMemory`]) from its catalog state, cached per document in
//! `.honyaku/memory/<locale>/<name>.bin` ([`codec`]) under a digest of every file the
//! document's sync reads, with what indexing its texts takes (their figures and
//! [`SourceKeys`], made once when the document is planned), the figures of its translations
//! (read by figure leverage) and the keys of its open entries (which tell the entries new
//! units cannot match without tokenising them), and the `# tm` lines of the last
//! sync in `notes.bin` beside them; and the TMX files of `memory/<locale>/` read in place.
//!
//! Like the sync's own cache (`catalog::cache`), a document's record keeps each file's
//! metadata and the hash of its bytes: a file whose metadata is as recorded and that is
//! older than the record is not read again, so a sync reads and hashes only the files that
//! changed, and rewrites only the records of the documents whose files changed.
//!
//! The cache is derived state: its key covers the honyaku build and the configuration, a
//! document whose files changed is planned again, the lines are used only with the records
//! they were made from (`made_from`), and a missing or unreadable file only costs time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use super::codec::{Codec, In, Out};
use super::figures::SourceFigures;
use super::score::SourceKeys;
use super::{DocumentMemory, Keys, Open, Origin, Unit};
use crate::catalog;
use crate::catalog::cache::CACHE_DIR;
use crate::error::{Diagnostic, Result};
use crate::exchange::tmx::{language_matches, memory_dir as tmx_dir};
use crate::fsio::{self, Stat};
use crate::locale::Locale;
use crate::project::{CONFIG_FILE, Project};

/// The cache's folder inside `.honyaku/`.
const STORE_DIR: &str = "memory";
/// The first bytes of every file of the cache (a new layout gets a new number).
const MAGIC: &[u8] = b"honyaku memory cache 4\n";
/// The lines of the last sync, beside the documents' records.
const NOTES_FILE: &str = "notes.bin";

/// The `# tm` lines sync wrote, per open entry, and what they were made from beyond the
/// documents' memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct NotesCache {
    /// Digest of the TMX units and the `[memory]` settings.
    pub basis: String,
    /// By `document\nid`.
    pub entries: BTreeMap<String, CachedLines>,
}

/// The lines of one open entry.
#[derive(Debug, Clone)]
pub(crate) struct CachedLines {
    /// Digest of the entry ([`super::Open`]) they were made for.
    pub open: String,
    /// Its suggestions, best first.
    pub suggestions: Vec<CachedSuggestion>,
}

/// One suggestion shown above an open entry: its lines and how it ranks.
#[derive(Debug, Clone)]
pub(crate) struct CachedSuggestion {
    pub rank: super::Rank,
    pub lines: Vec<String>,
}

impl Codec for CachedSuggestion {
    fn put(&self, out: &mut Out) {
        self.rank.put(out);
        self.lines.put(out);
    }
    fn get(input: &mut In) -> Option<CachedSuggestion> {
        Some(CachedSuggestion {
            rank: Codec::get(input)?,
            lines: Codec::get(input)?,
        })
    }
}

impl Codec for CachedLines {
    fn put(&self, out: &mut Out) {
        self.open.put(out);
        self.suggestions.put(out);
    }
    fn get(input: &mut In) -> Option<CachedLines> {
        Some(CachedLines {
            open: Codec::get(input)?,
            suggestions: Codec::get(input)?,
        })
    }
}

/// A file as a record saw it: its metadata, the hash of its bytes and, for a target
/// catalog, the digest of the memory lines it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    stat: Stat,
    hash: String,
    shown: Option<String>,
}

impl Codec for Seen {
    fn put(&self, out: &mut Out) {
        self.stat.put(out);
        self.hash.put(out);
        self.shown.put(out);
    }
    fn get(input: &mut In) -> Option<Seen> {
        Some(Seen {
            stat: Codec::get(input)?,
            hash: Codec::get(input)?,
            shown: Codec::get(input)?,
        })
    }
}

/// What one document brings to a locale's memory, as its record keeps it.
#[derive(Debug, Clone)]
struct Cached {
    /// Digest of the document's files ([`Project::document_inputs`]).
    digest: String,
    /// Each of those files as seen when the record was made (`None`: absent, not a regular
    /// file or unreadable: looked at again on every run).
    files: Vec<Option<Seen>>,
    memory: DocumentMemory,
    figures: DocumentFigures,
}

/// The figures of a document's remembered units and open entries, in their order, and the
/// keys of its units' texts (what indexing them takes: see [`SourceKeys`]).
#[derive(Debug, Clone, Default)]
struct DocumentFigures {
    units: Vec<SourceFigures>,
    open: Vec<SourceFigures>,
    unit_keys: Vec<SourceKeys>,
    /// The keys of the open entries' texts: whether new units could suggest anything to an
    /// entry is told from them without tokenising it ([`super::Memory::could_suggest`]).
    open_keys: Vec<SourceKeys>,
}

impl Codec for Cached {
    fn put(&self, out: &mut Out) {
        self.digest.put(out);
        self.files.put(out);
        self.memory.units.put(out);
        self.memory.open.put(out);
        self.figures.units.put(out);
        self.figures.open.put(out);
        self.figures.unit_keys.put(out);
        self.figures.open_keys.put(out);
    }
    fn get(input: &mut In) -> Option<Cached> {
        Some(Cached {
            digest: Codec::get(input)?,
            files: Codec::get(input)?,
            memory: DocumentMemory {
                units: Codec::get(input)?,
                open: Codec::get(input)?,
            },
            figures: DocumentFigures {
                units: Codec::get(input)?,
                open: Codec::get(input)?,
                unit_keys: Codec::get(input)?,
                open_keys: Codec::get(input)?,
            },
        })
    }
}

impl Cached {
    fn of(
        digest: String,
        files: Vec<Option<Seen>>,
        memory: DocumentMemory,
        keys: &Keys,
        target: &Locale,
    ) -> Cached {
        let units: Vec<SourceFigures> = memory
            .units
            .iter()
            .map(|u| SourceFigures::of_unit(u, keys, target))
            .collect();
        let unit_keys = memory
            .units
            .iter()
            .zip(&units)
            .map(|(u, found)| {
                SourceKeys::of(u.original.as_deref(), u.pivot.as_deref(), found, keys)
            })
            .collect();
        let open: Vec<SourceFigures> = memory
            .open
            .iter()
            .map(|o| SourceFigures::of(o.original.as_deref(), o.pivot.as_deref(), keys))
            .collect();
        let open_keys = memory
            .open
            .iter()
            .zip(&open)
            .map(|(o, found)| {
                SourceKeys::of(o.original.as_deref(), o.pivot.as_deref(), found, keys)
            })
            .collect();
        let figures = DocumentFigures {
            units,
            open,
            unit_keys,
            open_keys,
        };
        Cached {
            digest,
            files,
            memory,
            figures,
        }
    }

    /// Whether it holds the figures and keys of each of its units and the figures of each
    /// of its open entries.
    fn complete(&self) -> bool {
        self.figures.units.len() == self.memory.units.len()
            && self.figures.unit_keys.len() == self.memory.units.len()
            && self.figures.open.len() == self.memory.open.len()
            && self.figures.open_keys.len() == self.memory.open.len()
    }
}

/// A document's record file: the cache key, the document's name, its record.
fn record_bytes(key: &str, doc: &str, cached: &Cached) -> Vec<u8> {
    let mut out = Out(MAGIC.to_vec());
    key.to_owned().put(&mut out);
    doc.to_owned().put(&mut out);
    cached.put(&mut out);
    out.0
}

/// Reads a record file: its document and record, if it was made under `key`.
fn read_record(bytes: &[u8], key: &str) -> Option<(String, Cached)> {
    let mut input = In::new(bytes.strip_prefix(MAGIC)?);
    if String::get(&mut input)? != key {
        return None;
    }
    let doc = String::get(&mut input)?;
    let cached = Cached::get(&mut input)?;
    (input.done() && cached.complete()).then_some((doc, cached))
}

/// The memory of a locale as loaded, and where it came from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub units: Vec<Unit>,
    /// The figures of `units[i]`, where known.
    pub unit_figures: Vec<Option<SourceFigures>>,
    /// The keys of `units[i]`'s texts, where known.
    pub unit_keys: Vec<Option<SourceKeys>>,
    pub open: Vec<Open>,
    /// The figures of `open[i]`.
    pub open_figures: Vec<SourceFigures>,
    /// The keys of `open[i]`'s texts.
    pub open_keys: Vec<SourceKeys>,
    pub stats: Stats,
    /// Per document, the digest ([`lines_digest`]) of the translation memory lines (`# tm`)
    /// its catalog in this locale holds now.
    pub shown: BTreeMap<String, String>,
    /// How the memory's indexed units changed since the cache was written (only with
    /// `previous_notes`: otherwise there is nothing to bring up to date).
    pub change: super::Change,
    /// The `# tm` lines made from the cached memory, if the cache had them.
    pub previous_notes: Option<NotesCache>,
    /// The cache as it is to be saved ([`save_store`]), and whether it differs from the
    /// files.
    pub store: StoreFile,
    pub store_changed: bool,
    /// The units of the TMX files (at the end of `units`).
    pub tmx_units: Vec<Unit>,
}

/// What saving a locale's cache writes: the records that changed, the ones to remove, and
/// what the documents' records are now (for the lines saved with them).
#[derive(Debug, Default)]
pub(crate) struct StoreFile {
    key: String,
    /// Record file name → bytes.
    write: Vec<(String, Vec<u8>)>,
    /// Record files of documents no longer in the project, or unreadable.
    remove: Vec<String>,
    /// Digest of the key and of every document's record digest, in order.
    made_from: String,
}

/// How a load went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Stats {
    pub documents: usize,
    /// Documents taken from the cache, and planned again.
    pub reused: usize,
    pub planned: usize,
    pub tmx_files: usize,
    pub tmx_units: usize,
}

/// A locale's folder in the cache.
fn store_dir(project: &Project, locale: &Locale) -> PathBuf {
    project
        .root
        .join(CACHE_DIR)
        .join(STORE_DIR)
        .join(locale.tag())
}

/// The file name of a document's record (its name hashed: any document name makes a
/// portable file name).
fn record_name(doc: &str) -> String {
    let hash = blake3::hash(doc.as_bytes()).to_hex();
    format!("d-{}.bin", &hash[..32])
}

fn store_key(project: &Project) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(b"\0");
    hasher.update(env!("HONYAKU_SOURCE_HASH").as_bytes());
    hasher.update(b"\0");
    let config = fsio::read_regular(&project.root.join(CONFIG_FILE))
        .ok()
        .flatten();
    hasher.update(config.as_deref().unwrap_or(b"\0no config"));
    for locale in project.all_locales() {
        hasher.update(b"\0");
        hasher.update(locale.tag().as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// What the lines of a cache were made from: the key and each document's digest, in order.
fn made_from<'a>(key: &str, digests: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(key.as_bytes());
    for (doc, digest) in digests {
        hasher.update(&(doc.len() as u64).to_le_bytes());
        hasher.update(doc.as_bytes());
        hasher.update(digest.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// The digest of a sequence of comment lines (in order).
pub(crate) fn lines_digest<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = blake3::Hasher::new();
    for line in lines {
        hasher.update(&(line.len() as u64).to_le_bytes());
        hasher.update(line.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// The digest of the memory lines a catalog holds.
fn shown_digest(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| catalog::notes::is_memory_line(l));
    lines_digest(lines)
}

/// What looking at a document's files found: the digest of every file the sync of `doc`
/// reads (absent files count as absent), each file as seen, per locale of `locales` the
/// digest of the memory lines its catalog shows, and whether any file had to be read.
struct Digested {
    digest: String,
    files: Vec<Option<Seen>>,
    shown: Vec<String>,
    read: bool,
}

/// Looks at the files of `doc`: a file whose metadata is as one of `recorded` saw it, and
/// older than that record (`(files, written at)`), is not read again.
fn digest(
    project: &Project,
    doc: &str,
    locales: &[Locale],
    recorded: &[(&[Option<Seen>], i64)],
) -> Digested {
    let mut hasher = blake3::Hasher::new();
    let catalogs: Vec<PathBuf> = locales
        .iter()
        .map(|l| project.catalog_path(l, doc))
        .collect();
    let inputs = project.document_inputs(doc);
    let mut shown = vec![lines_digest([]); locales.len()];
    let mut files = Vec::with_capacity(inputs.len());
    let mut read = false;
    for (i, path) in inputs.iter().enumerate() {
        let catalog = catalogs.iter().position(|c| c == path);
        let stat = Stat::of(path).ok().flatten();
        let trusted = stat.and_then(|stat| {
            recorded.iter().find_map(|&(seen, written_at)| {
                let seen = seen.get(i)?.as_ref()?;
                (seen.stat == stat
                    && stat.modified() < written_at
                    && (catalog.is_none() || seen.shown.is_some()))
                .then(|| seen.clone())
            })
        });
        let seen = match (trusted, stat) {
            (Some(seen), _) => Some(seen),
            (None, None) => {
                hasher.update(b"absent");
                files.push(None);
                continue;
            }
            (None, Some(stat)) => {
                read = true;
                // Only regular files are read: a FIFO named like a ledger would hang the
                // run (the sync reports it).
                match fsio::read_regular(path) {
                    Ok(None) => {
                        hasher.update(b"not a regular file");
                        files.push(None);
                        continue;
                    }
                    Ok(Some(bytes)) => Some(Seen {
                        stat,
                        hash: blake3::hash(&bytes).to_hex().to_string(),
                        shown: catalog.map(|_| shown_digest(&bytes)),
                    }),
                    Err(_) => {
                        hasher.update(b"absent");
                        files.push(None);
                        continue;
                    }
                }
            }
        };
        if let Some(seen) = &seen {
            hasher.update(b"file ");
            hasher.update(seen.hash.as_bytes());
            if let (Some(k), Some(lines)) = (catalog, &seen.shown) {
                if let Some(slot) = shown.get_mut(k) {
                    slot.clone_from(lines);
                }
            }
        }
        files.push(seen);
    }
    Digested {
        digest: hasher.finalize().to_hex().to_string(),
        files,
        shown,
        read,
    }
}

/// The project's source and parallel locales.
pub(crate) fn keys(project: &Project) -> Keys {
    Keys {
        original: project.config.source.clone(),
        pivot: project.config.parallel.clone(),
    }
}

/// Loads the memory of `locale` (see [`load_all`]).
pub(crate) fn load(
    project: &Project,
    locale: &Locale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded> {
    let mut all = load_all(
        project,
        std::slice::from_ref(locale),
        true,
        None,
        diagnostics,
    )?;
    let mut loaded = all.pop().unwrap_or_default();
    if loaded.store_changed {
        // The lines saved beside the records name the records they were made from: those
        // of documents that changed no longer match them.
        let store = std::mem::take(&mut loaded.store);
        save_store(project, locale, store, None, diagnostics);
    }
    Ok(loaded)
}

/// Saves a locale's cache: the records that changed, and the `# tm` lines made from the
/// memory of all of them (or, with `None`, the lines as they are).
pub(crate) fn save_store(
    project: &Project,
    locale: &Locale,
    store: StoreFile,
    notes: Option<NotesCache>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let dir = store_dir(project, locale);
    if let Err(error) = save(project, &dir, store, notes) {
        diagnostics.push(
            Diagnostic::warning(
                project.display(&dir),
                format!("the memory cache could not be saved: {error}"),
            )
            .help("the next run plans every document again; check that .honyaku/ is writable"),
        );
    }
}

/// A document's record with when it was written (its file's modification time).
type Record = (Cached, i64);

/// A locale's cache as read: each document's record with when it was written, and the
/// lines of the last sync if they were made from exactly these records.
#[derive(Debug, Default)]
struct OldStore {
    records: BTreeMap<String, Record>,
    /// Record files that did not read (another key, torn, foreign): removed on save.
    unreadable: Vec<String>,
    notes: Option<NotesCache>,
}

impl OldStore {
    fn read(project: &Project, locale: &Locale, key: &str) -> OldStore {
        let dir = store_dir(project, locale);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return OldStore::default();
        };
        let names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| name.starts_with("d-") && name.ends_with(".bin"))
            .collect();
        let read: Vec<(String, Option<(String, Record)>)> = names
            .into_par_iter()
            .map(|name| {
                let path = dir.join(&name);
                let written_at = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .map_or(i64::MIN, fsio::nanos_since_epoch);
                let record = fsio::read_regular(&path)
                    .ok()
                    .flatten()
                    .and_then(|bytes| read_record(&bytes, key))
                    .filter(|(doc, _)| record_name(doc) == name)
                    .map(|(doc, cached)| (doc, (cached, written_at)));
                (name, record)
            })
            .collect();
        let mut old = OldStore::default();
        for (name, record) in read {
            match record {
                Some((doc, record)) => {
                    old.records.insert(doc, record);
                }
                None => old.unreadable.push(name),
            }
        }
        old.notes = fsio::read_regular(&dir.join(NOTES_FILE))
            .ok()
            .flatten()
            .and_then(|bytes| read_notes(&bytes, key))
            .and_then(|(made, notes)| {
                let now = made_from(
                    key,
                    old.records
                        .iter()
                        .map(|(doc, (c, _))| (doc.as_str(), c.digest.as_str())),
                );
                (made == now).then_some(notes)
            });
        old
    }
}

fn notes_bytes(key: &str, made_from: &str, notes: &NotesCache) -> Vec<u8> {
    let mut out = Out(MAGIC.to_vec());
    key.to_owned().put(&mut out);
    made_from.to_owned().put(&mut out);
    notes.basis.put(&mut out);
    (notes.entries.len() as u64).put(&mut out);
    for (entry, lines) in &notes.entries {
        entry.put(&mut out);
        lines.put(&mut out);
    }
    out.0
}

/// Reads the lines file: what it was made from and the lines, if made under `key`.
fn read_notes(bytes: &[u8], key: &str) -> Option<(String, NotesCache)> {
    let mut input = In::new(bytes.strip_prefix(MAGIC)?);
    if String::get(&mut input)? != key {
        return None;
    }
    let made = String::get(&mut input)?;
    let mut notes = NotesCache {
        basis: String::get(&mut input)?,
        entries: BTreeMap::new(),
    };
    let n = u64::get(&mut input)?;
    for _ in 0..n {
        let entry = String::get(&mut input)?;
        let lines = CachedLines::get(&mut input)?;
        notes.entries.insert(entry, lines);
    }
    input.done().then_some((made, notes))
}

/// One document as loaded: per locale, what it brings, whether it came from the cache, and
/// the record to write when it did not (or when its files had to be looked at again); with
/// the units its record held before when it was planned again.
struct DocumentLoad {
    doc: String,
    digested: Digested,
    memories: Vec<DocLocale>,
}

struct DocLocale {
    cached: Option<Cached>,
    reused: bool,
    write: Option<Vec<u8>>,
    /// The units of the record replaced (planned again).
    before: Option<Vec<Unit>>,
}

/// Loads the memories of `locales`: every document (planning, once for all the locales,
/// only those whose files changed since the cache was written) and each locale's TMX files.
/// The caller saves each cache that changed ([`Loaded::store`], [`save_store`]). With
/// `report_documents` false, what planning finds wrong with a document is left for the
/// caller to report (a sync plans the same documents and says it once). With `planned`, the
/// documents planned are kept there for a sync to take (with what planning found).
pub(crate) fn load_all(
    project: &Project,
    locales: &[Locale],
    report_documents: bool,
    planned: Option<&catalog::Planned>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Loaded>> {
    let key = store_key(project);
    let mut olds: Vec<OldStore> = locales
        .par_iter()
        .map(|locale| OldStore::read(project, locale, &key))
        .collect();
    // Each current document's old records, taken out (what is left belongs to documents
    // that left the project).
    let taken: Vec<(&String, Vec<Option<Record>>)> = project
        .documents
        .iter()
        .map(|doc| {
            let records = olds.iter_mut().map(|old| old.records.remove(doc)).collect();
            (doc, records)
        })
        .collect();
    let keys = keys(project);
    let found = Mutex::new(Vec::new());
    let documents: Vec<DocumentLoad> = taken
        .into_par_iter()
        .map(|(doc, records)| -> Result<DocumentLoad> {
            let recorded: Vec<(&[Option<Seen>], i64)> = records
                .iter()
                .flatten()
                .map(|(c, written_at)| (c.files.as_slice(), *written_at))
                .collect();
            let digested = digest(project, doc, locales, &recorded);
            drop(recorded);
            let mut memories: Vec<DocLocale> = records
                .into_iter()
                .map(|record| {
                    let reused = record
                        .as_ref()
                        .is_some_and(|(c, _)| c.digest == digested.digest);
                    let (cached, before) = match record {
                        Some((c, _)) if reused => (Some(c), None),
                        Some((c, _)) => (None, Some(c.memory.units)),
                        None => (None, None),
                    };
                    DocLocale {
                        cached,
                        reused,
                        write: None,
                        before,
                    }
                })
                .collect();
            if !memories.iter().all(|m| m.reused) {
                let mut local = Vec::new();
                let prepared = catalog::prepare(project, doc, &mut local)?;
                if report_documents {
                    if let Ok(mut all) = found.lock() {
                        all.extend(local.iter().cloned());
                    }
                }
                for (locale, m) in locales.iter().zip(&mut memories) {
                    if m.reused {
                        continue;
                    }
                    m.cached = prepared
                        .as_ref()
                        .and_then(|p| p.state(locale))
                        .map(|state| {
                            let memory = DocumentMemory::of(&state, &keys);
                            Cached::of(
                                digested.digest.clone(),
                                digested.files.clone(),
                                memory,
                                &keys,
                                locale,
                            )
                        });
                }
                if let Some(planned) = planned {
                    planned.keep(doc, prepared, local);
                }
            }
            for m in &mut memories {
                if let Some(cached) = &mut m.cached {
                    if !m.reused || digested.read {
                        // Planned again, or its files looked at again: the record says what
                        // they are now, so the next run need not read them.
                        if m.reused {
                            cached.files.clone_from(&digested.files);
                        }
                        m.write = Some(record_bytes(&key, doc, cached));
                    }
                }
            }
            Ok(DocumentLoad {
                doc: doc.clone(),
                digested,
                memories,
            })
        })
        .collect::<Result<_>>()?;
    if report_documents {
        diagnostics.extend(found.into_inner().unwrap_or_default());
    }
    let mut documents = documents;
    let mut all = Vec::with_capacity(locales.len());
    for (k, (locale, old)) in locales.iter().zip(olds).enumerate() {
        let OldStore {
            records: gone,
            unreadable,
            notes: previous_notes,
        } = old;
        let mut loaded = Loaded::default();
        let mut store = StoreFile {
            key: key.clone(),
            remove: unreadable,
            ..StoreFile::default()
        };
        store
            .remove
            .extend(gone.keys().map(String::as_str).map(record_name));
        let mut changed = !store.remove.is_empty();
        // Where each document's units start in `loaded.units`, and the units it had before.
        let mut ranges = Vec::with_capacity(documents.len());
        let mut digests = Vec::with_capacity(documents.len());
        for document in &mut documents {
            let Some(m) = document.memories.get_mut(k) else {
                continue;
            };
            loaded.stats.documents += 1;
            if m.reused {
                loaded.stats.reused += 1;
            } else {
                loaded.stats.planned += 1;
                changed = true;
            }
            if let Some(shown) = document.digested.shown.get(k) {
                loaded.shown.insert(document.doc.clone(), shown.clone());
            }
            if let Some(bytes) = m.write.take() {
                store.write.push((record_name(&document.doc), bytes));
            }
            let start = loaded.units.len();
            if let Some(cached) = m.cached.take() {
                digests.push((document.doc.as_str(), cached.digest.clone()));
                let Cached {
                    memory, figures, ..
                } = cached;
                loaded.units.extend(memory.units);
                loaded
                    .unit_figures
                    .extend(figures.units.into_iter().map(Some));
                loaded
                    .unit_keys
                    .extend(figures.unit_keys.into_iter().map(Some));
                loaded.open.extend(memory.open);
                loaded.open_figures.extend(figures.open);
                loaded.open_keys.extend(figures.open_keys);
            } else if m.before.is_some() {
                // The record goes: the document no longer has a catalog state here.
                store.remove.push(record_name(&document.doc));
            }
            ranges.push((
                document.doc.as_str(),
                start..loaded.units.len(),
                m.reused,
                m.before.take(),
            ));
        }
        digests.sort();
        store.made_from = made_from(&key, digests.iter().map(|(d, g)| (*d, g.as_str())));
        loaded.store_changed = changed || !store.write.is_empty();
        loaded.store = store;
        let tmx_start = loaded.units.len();
        for file in tmx_files(project, locale)? {
            loaded.stats.tmx_files += 1;
            read_tmx(
                project,
                &file,
                locale,
                &keys,
                &mut loaded.tmx_units,
                diagnostics,
            )?;
        }
        loaded.stats.tmx_units = loaded.tmx_units.len();
        loaded.units.extend(loaded.tmx_units.iter().cloned());
        loaded.previous_notes = previous_notes;
        if loaded.previous_notes.is_some() {
            // The memory the cached lines were made from: the records in the order of their
            // documents' names, then the same TMX files (the lines' basis).
            let mut parts: Vec<(&str, &[Unit])> = Vec::with_capacity(ranges.len() + gone.len());
            for (doc, range, reused, before) in &ranges {
                if *reused {
                    parts.push((*doc, loaded.units.get(range.clone()).unwrap_or_default()));
                } else if let Some(before) = before {
                    parts.push((*doc, before.as_slice()));
                }
            }
            for (doc, (cached, _)) in &gone {
                parts.push((doc.as_str(), cached.memory.units.as_slice()));
            }
            parts.sort_by(|a, b| a.0.cmp(b.0));
            let before = parts
                .iter()
                .flat_map(|(_, units)| units.iter())
                .chain(loaded.units.get(tmx_start..).unwrap_or_default());
            loaded.change = super::Change::between(before, &loaded.units);
        }
        all.push(loaded);
    }
    Ok(all)
}

/// Writes a locale's cache: the changed records first, then the lines (which name the
/// records they were made from, so a run stopped in between leaves lines that are not
/// used), then removes the records of documents gone.
fn save(
    project: &Project,
    dir: &Path,
    store: StoreFile,
    notes: Option<NotesCache>,
) -> std::result::Result<(), String> {
    fsio::refuse_link(&project.root.join(CACHE_DIR)).map_err(|e| e.to_string())?;
    fsio::refuse_link(&project.root.join(CACHE_DIR).join(STORE_DIR)).map_err(|e| e.to_string())?;
    fsio::refuse_link(dir).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    // Not flushed to disk (like `.honyaku/cache.json`): a record torn by a power cut fails
    // to read and its document is planned again.
    store
        .write
        .par_iter()
        .try_for_each(|(name, bytes)| fsio::write_replace(&dir.join(name), bytes))
        .map_err(|e| e.to_string())?;
    if let Some(notes) = notes {
        let bytes = notes_bytes(&store.key, &store.made_from, &notes);
        fsio::write_replace(&dir.join(NOTES_FILE), &bytes).map_err(|e| e.to_string())?;
    }
    for name in &store.remove {
        match std::fs::remove_file(dir.join(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    // The single-file cache of earlier versions (`<locale>.json`), now unused.
    if let (Some(parent), Some(tag)) = (dir.parent(), dir.file_name()) {
        let mut old = tag.to_os_string();
        old.push(".json");
        let _ = std::fs::remove_file(parent.join(old));
    }
    Ok(())
}
/// The TMX files of a locale's memory folder, sorted.
fn tmx_files(project: &Project, locale: &Locale) -> Result<Vec<PathBuf>> {
    let dir = tmx_dir(project, locale);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx")) && fsio::is_regular(p)
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Adds the units of one TMX file: each `<tu>` with a variant in `locale` and one in the
/// original or the parallel locale. A malformed file is reported and skipped.
fn read_tmx(
    project: &Project,
    path: &Path,
    locale: &Locale,
    keys: &Keys,
    units: &mut Vec<Unit>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
    let shown = project.display(path).to_owned();
    let Some(text) = fsio::read_text_or_report(path, &shown, diagnostics)? else {
        return Ok(());
    };
    let read = match crate::exchange::tmx::read(&text) {
        Ok(read) => read,
        Err(error) => {
            diagnostics.push(
                Diagnostic::warning(shown, error.message)
                    .at(error.line, error.column)
                    .help("fix or remove the file; its units are left out of the memory"),
            );
            return Ok(());
        }
    };
    let document = shown.to_string_lossy().replace('\\', "/");
    for tu in read {
        let find = |l: &Locale| {
            tu.variants
                .iter()
                .find(|(tag, _)| language_matches(tag, l))
                .map(|(_, text)| text.clone())
        };
        let Some(translation) = find(locale) else {
            continue;
        };
        let original = find(&keys.original);
        let pivot = keys.pivot.as_ref().and_then(find);
        if original.is_none() && pivot.is_none() {
            continue;
        }
        let id = match (&tu.document, &tu.id, &tu.tuid) {
            (Some(doc), Some(id), _) => format!("{doc}/{id}"),
            (_, _, Some(tuid)) => tuid.clone(),
            _ => format!("line {}", tu.line),
        };
        units.push(Unit {
            original,
            pivot,
            translation,
            origin: Origin {
                document: document.clone(),
                id,
                obsolete: false,
                stale: false,
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{Rank, Want};

    fn keys() -> Keys {
        Keys {
            original: "ja".parse().unwrap(),
            pivot: Some("en".parse().unwrap()),
        }
    }

    fn cached() -> Cached {
        let memory = DocumentMemory {
            units: vec![Unit {
                original: Some("令和6年4月1日（月）に開催します。".to_owned()),
                pivot: Some("Held on Monday, April 1, 2024, see https://example.jp/.".to_owned()),
                translation: "Le lundi 1er avril 2024.".to_owned(),
                origin: Origin {
                    document: "a".to_owned(),
                    id: "s1".to_owned(),
                    obsolete: false,
                    stale: true,
                },
            }],
            open: vec![Open {
                document: "a".to_owned(),
                id: "s2".to_owned(),
                want: Want::Missing,
                original: Some("詳細は別紙のとおりです。".to_owned()),
                pivot: None,
            }],
        };
        let here = std::env::current_dir().unwrap();
        let stat = Stat::of(&here.join("Cargo.toml")).unwrap().unwrap();
        let files = vec![
            Some(Seen {
                stat,
                hash: "h".to_owned(),
                shown: Some("s".to_owned()),
            }),
            None,
        ];
        Cached::of(
            "x".to_owned(),
            files,
            memory,
            &keys(),
            &"fr".parse().unwrap(),
        )
    }

    #[test]
    fn a_record_reads_back_only_under_its_key_and_whole() {
        let cached = cached();
        let bytes = record_bytes("k", "a \"doc\"", &cached);
        let (doc, back) = read_record(&bytes, "k").unwrap();
        assert_eq!(doc, "a \"doc\"");
        assert_eq!(back.files, cached.files);
        assert_eq!(back.memory, cached.memory);
        assert!(read_record(&bytes, "other key").is_none());
        assert!(read_record(&bytes[..bytes.len() - 1], "k").is_none());
        assert!(read_record(b"{\"key\":\"k\"}", "k").is_none());
    }

    #[test]
    fn figures_kept_in_the_cache_read_back_as_found() {
        let cached = cached();
        let unit = &cached.memory.units[0];
        let found = &cached.figures.units[0];
        // Both texts have figures (the case the cache must get right), the open entry none.
        assert!(
            !found.original.is_empty() && !found.pivot.is_empty(),
            "{found:?}"
        );
        let (_, again) = read_record(&record_bytes("k", "a", &cached), "k").unwrap();
        assert!(again.complete());
        assert_eq!(again.figures.units[0], *found);
        assert_eq!(
            again.figures.units[0],
            SourceFigures::of_unit(unit, &keys(), &"fr".parse().unwrap())
        );
        // The translation's figures too (the date and the weekday of the French).
        let translation = again.figures.units[0].translation.as_ref().unwrap();
        assert!(translation.len() >= 3, "{translation:?}");
        assert_eq!(again.figures.open, cached.figures.open);
        // And the keys of the open entries, as made from their texts.
        let open = &cached.memory.open[0];
        assert_eq!(
            again.figures.open_keys,
            [SourceKeys::of(
                open.original.as_deref(),
                open.pivot.as_deref(),
                &cached.figures.open[0],
                &keys()
            )]
        );
        assert!(again.figures.open_keys[0].original.is_some());
        // The keys of the texts read back as made from the texts themselves.
        assert_eq!(
            again.figures.unit_keys[0],
            SourceKeys::of(
                unit.original.as_deref(),
                unit.pivot.as_deref(),
                found,
                &keys()
            )
        );
        assert!(again.figures.unit_keys[0].pivot.is_some());
    }

    #[test]
    fn lines_read_back_with_what_they_were_made_from() {
        let mut notes = NotesCache {
            basis: "b \"1\"".to_owned(),
            entries: BTreeMap::new(),
        };
        notes.entries.insert(
            "a\ns2".to_owned(),
            CachedLines {
                open: "d".to_owned(),
                suggestions: vec![CachedSuggestion {
                    rank: Rank {
                        exact: false,
                        leveraged: true,
                        score: 91,
                        similarity: 93,
                        origin: cached().memory.units[0].origin.clone(),
                        translation: "t".to_owned(),
                    },
                    lines: vec!["# tm 91%".to_owned(), "# tm change ja: x".to_owned()],
                }],
            },
        );
        let bytes = notes_bytes("k", "m", &notes);
        let (made, back) = read_notes(&bytes, "k").unwrap();
        assert_eq!(made, "m");
        assert_eq!(back.basis, notes.basis);
        let (a, b) = (&back.entries["a\ns2"], &notes.entries["a\ns2"]);
        assert_eq!(a.open, b.open);
        assert_eq!(a.suggestions[0].rank, b.suggestions[0].rank);
        assert_eq!(a.suggestions[0].lines, b.suggestions[0].lines);
        assert!(read_notes(&bytes, "other").is_none());
        assert!(read_notes(&bytes[..bytes.len() - 2], "k").is_none());
        // What they were made from names each document's digest, in order.
        let one = made_from("k", [("a", "1"), ("b", "2")].into_iter());
        assert_ne!(one, made_from("k", [("a", "1"), ("b", "3")].into_iter()));
        assert_ne!(one, made_from("k", [("a", "1")].into_iter()));
        assert_ne!(one, made_from("j", [("a", "1"), ("b", "2")].into_iter()));
    }
}
