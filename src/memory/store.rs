//! Where the memory comes from and how it is kept: each document's contribution
//! ([`DocumentMemory`]) from its catalog state, cached in `.honyaku/memory/<locale>.json`
//! under a digest of every file the document's sync reads, and the TMX files of
//! `memory/<locale>/` read in place.
//!
//! The cache is derived state: its key covers the honyaku build and the configuration, a
//! document whose files changed is planned again, and a missing or unreadable cache only
//! costs time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::figures::SourceFigures;
use super::{DocumentMemory, Keys, Open, Origin, Unit};
use crate::catalog;
use crate::catalog::cache::CACHE_DIR;
use crate::error::{Diagnostic, Result};
use crate::exchange::tmx::{language_matches, memory_dir as tmx_dir};
use crate::fsio;
use crate::locale::Locale;
use crate::project::{CONFIG_FILE, Project};

/// The cache's folder inside `.honyaku/`.
const STORE_DIR: &str = "memory";

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct StoreFile {
    key: String,
    documents: BTreeMap<String, Cached>,
    /// The `# tm` lines of the last sync, made from exactly the memory of `documents` (every
    /// writer of this file either brings lines made from it or leaves none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<NotesCache>,
}

/// The `# tm` lines sync wrote, per open entry, and what they were made from beyond the
/// documents' memory.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct NotesCache {
    /// Digest of the TMX units and the `[memory]` settings.
    pub basis: String,
    /// By `document\nid`.
    pub entries: BTreeMap<String, CachedLines>,
}

/// The lines of one open entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedLines {
    /// Digest of the entry ([`super::Open`]) they were made for.
    pub open: String,
    /// Its suggestions, best first.
    pub suggestions: Vec<CachedSuggestion>,
}

/// One suggestion shown above an open entry: its lines and how it ranks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CachedSuggestion {
    pub rank: super::Rank,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    digest: String,
    memory: DocumentMemory,
    figures: DocumentFigures,
}

/// The figures of a document's remembered units and open entries, in their order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DocumentFigures {
    units: Vec<SourceFigures>,
    open: Vec<SourceFigures>,
}

impl Cached {
    fn of(digest: String, memory: DocumentMemory, keys: &Keys) -> Cached {
        let figures = DocumentFigures {
            units: memory
                .units
                .iter()
                .map(|u| SourceFigures::of(u.original.as_deref(), u.pivot.as_deref(), keys))
                .collect(),
            open: memory
                .open
                .iter()
                .map(|o| SourceFigures::of(o.original.as_deref(), o.pivot.as_deref(), keys))
                .collect(),
        };
        Cached {
            digest,
            memory,
            figures,
        }
    }

    /// Whether it holds the figures of each of its units and open entries.
    fn complete(&self) -> bool {
        self.figures.units.len() == self.memory.units.len()
            && self.figures.open.len() == self.memory.open.len()
    }
}

/// The memory of a locale as loaded, and where it came from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub units: Vec<Unit>,
    /// The figures of `units[i]`, where known.
    pub unit_figures: Vec<Option<SourceFigures>>,
    pub open: Vec<Open>,
    /// The figures of `open[i]`.
    pub open_figures: Vec<SourceFigures>,
    pub stats: Stats,
    /// Per document, the digest ([`lines_digest`]) of the translation memory lines (`# tm`)
    /// its catalog in this locale holds now.
    pub shown: BTreeMap<String, String>,
    /// How the memory's indexed units changed since the cache was written (only with
    /// `previous_notes`: otherwise there is nothing to bring up to date).
    pub change: super::Change,
    /// The `# tm` lines made from the cached memory, if the cache had them.
    pub previous_notes: Option<NotesCache>,
    /// The cache as it is to be saved ([`save_store`]), and whether it differs from the file.
    pub store: StoreFile,
    pub store_changed: bool,
    /// The units of the TMX files (at the end of `units`).
    pub tmx_units: Vec<Unit>,
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

fn store_path(project: &Project, locale: &Locale) -> PathBuf {
    project
        .root
        .join(CACHE_DIR)
        .join(STORE_DIR)
        .join(format!("{}.json", locale.tag()))
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

/// The digest of a sequence of comment lines (in order).
pub(crate) fn lines_digest<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = blake3::Hasher::new();
    for line in lines {
        hasher.update(&(line.len() as u64).to_le_bytes());
        hasher.update(line.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// What reading a document's files found: the digest of every file the sync of `doc` reads
/// (absent files count as absent), and per locale of `locales` the digest of the memory
/// lines its catalog shows.
struct Digested {
    digest: String,
    shown: Vec<String>,
}

fn digest(project: &Project, doc: &str, locales: &[Locale]) -> Digested {
    let mut hasher = blake3::Hasher::new();
    let catalogs: Vec<PathBuf> = locales
        .iter()
        .map(|l| project.catalog_path(l, doc))
        .collect();
    let mut shown = vec![lines_digest([]); locales.len()];
    for path in project.document_inputs(doc) {
        // Only regular files are read: a FIFO named like a ledger would hang the run (the
        // sync reports it).
        match fsio::read_regular(&path) {
            Ok(None) => {
                hasher.update(b"not a regular file");
            }
            Ok(Some(bytes)) => {
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
                if let Some(k) = catalogs.iter().position(|c| *c == path) {
                    let text = String::from_utf8_lossy(&bytes);
                    let lines = text
                        .lines()
                        .map(|l| l.strip_suffix('\r').unwrap_or(l))
                        .filter(|l| catalog::notes::is_memory_line(l));
                    shown[k] = lines_digest(lines);
                }
            }
            Err(_) => {
                hasher.update(b"absent");
            }
        }
    }
    Digested {
        digest: hasher.finalize().to_hex().to_string(),
        shown,
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
        // The documents changed: lines made from the old memory no longer match it.
        let store = std::mem::take(&mut loaded.store);
        save_store(project, locale, store, None, diagnostics);
    }
    Ok(loaded)
}

/// Saves a locale's cache with the `# tm` lines made from its memory (or none).
pub(crate) fn save_store(
    project: &Project,
    locale: &Locale,
    mut store: StoreFile,
    notes: Option<NotesCache>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    store.notes = notes;
    let path = store_path(project, locale);
    if let Err(error) = save(project, &path, &store) {
        diagnostics.push(
            Diagnostic::warning(
                project.display(&path),
                format!("the memory cache could not be saved: {error}"),
            )
            .help("the next run plans every document again; check that .honyaku/ is writable"),
        );
    }
}

/// One document as loaded: per locale, what it brings and whether it came from the cache.
struct DocumentLoad {
    doc: String,
    digested: Digested,
    memories: Vec<(Option<Cached>, bool)>,
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
    let mut old_notes = Vec::new();
    let olds: Vec<BTreeMap<String, Cached>> = locales
        .iter()
        .map(|locale| {
            let file = fsio::read_regular(&store_path(project, locale))
                .ok()
                .flatten()
                .and_then(|bytes| serde_json::from_slice::<StoreFile>(&bytes).ok())
                .filter(|file| file.key == key && file.documents.values().all(Cached::complete))
                .unwrap_or_default();
            old_notes.push(file.notes);
            file.documents
        })
        .collect();
    let keys = keys(project);
    let found = Mutex::new(Vec::new());
    let documents: Vec<DocumentLoad> = project
        .documents
        .par_iter()
        .map(|doc| -> Result<DocumentLoad> {
            let digested = digest(project, doc, locales);
            let mut memories: Vec<(Option<Cached>, bool)> = olds
                .iter()
                .map(|old| {
                    let cached = old.get(doc).filter(|c| c.digest == digested.digest);
                    (cached.cloned(), cached.is_some())
                })
                .collect();
            if memories.iter().all(|(_, reused)| *reused) {
                return Ok(DocumentLoad {
                    doc: doc.clone(),
                    digested,
                    memories,
                });
            }
            let mut local = Vec::new();
            let prepared = catalog::prepare(project, doc, &mut local)?;
            if report_documents {
                if let Ok(mut all) = found.lock() {
                    all.extend(local.iter().cloned());
                }
            }
            for (locale, (cached, reused)) in locales.iter().zip(&mut memories) {
                if *reused {
                    continue;
                }
                *cached = prepared
                    .as_ref()
                    .and_then(|p| p.state(locale))
                    .map(|state| {
                        let memory = DocumentMemory::of(&state, &keys);
                        Cached::of(digested.digest.clone(), memory, &keys)
                    });
            }
            if let Some(planned) = planned {
                planned.keep(doc, prepared, local);
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
    let mut all = Vec::with_capacity(locales.len());
    for (k, ((locale, old), previous_notes)) in locales.iter().zip(&olds).zip(old_notes).enumerate()
    {
        let mut loaded = Loaded {
            previous_notes,
            ..Loaded::default()
        };
        let mut store = StoreFile {
            key: key.clone(),
            documents: BTreeMap::new(),
            notes: None,
        };
        for document in &documents {
            let (cached, reused) = &document.memories[k];
            loaded.stats.documents += 1;
            if *reused {
                loaded.stats.reused += 1;
            } else {
                loaded.stats.planned += 1;
            }
            if let Some(shown) = document.digested.shown.get(k) {
                loaded.shown.insert(document.doc.clone(), shown.clone());
            }
            if let Some(cached) = cached {
                loaded.units.extend(cached.memory.units.iter().cloned());
                loaded
                    .unit_figures
                    .extend(cached.figures.units.iter().cloned().map(Some));
                loaded.open.extend(cached.memory.open.iter().cloned());
                loaded
                    .open_figures
                    .extend(cached.figures.open.iter().cloned());
                store.documents.insert(document.doc.clone(), cached.clone());
            }
        }
        loaded.store_changed = loaded.stats.planned > 0 || store.documents.len() != old.len();
        loaded.store = store;
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
        if loaded.previous_notes.is_some() {
            // The memory the cached lines were made from: the cached documents in order (the
            // project's documents are sorted), then the same TMX files (the lines' basis).
            let before = old
                .values()
                .flat_map(|c| c.memory.units.iter())
                .chain(&loaded.tmx_units);
            loaded.change = super::Change::between(before, &loaded.units);
        }
        all.push(loaded);
    }
    Ok(all)
}

fn save(project: &Project, path: &Path, store: &StoreFile) -> std::result::Result<(), String> {
    fsio::refuse_link(&project.root.join(CACHE_DIR)).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let bytes = to_json(store).map_err(|e| e.to_string())?;
    // Not flushed to disk (like `.honyaku/cache.json`): a cache torn by a power cut fails to
    // parse and is rebuilt, and an old one is keyed by the digests of the files it was made
    // from, with the lines made from exactly its documents.
    fsio::write_replace(path, &bytes).map_err(|e| e.to_string())
}

/// The bytes `serde_json::to_vec` writes for a [`StoreFile`], its documents and its lines
/// serialized in parallel.
fn to_json(store: &StoreFile) -> serde_json::Result<Vec<u8>> {
    fn object<'a, T: Serialize + Sync + 'a>(
        entries: impl ParallelIterator<Item = (&'a String, &'a T)>,
    ) -> serde_json::Result<Vec<u8>> {
        let parts: Vec<Vec<u8>> = entries
            .map(|(name, value)| {
                let mut part = serde_json::to_vec(name)?;
                part.push(b':');
                serde_json::to_writer(&mut part, value)?;
                Ok(part)
            })
            .collect::<serde_json::Result<_>>()?;
        let mut json = vec![b'{'];
        for (k, part) in parts.iter().enumerate() {
            if k > 0 {
                json.push(b',');
            }
            json.extend_from_slice(part);
        }
        json.push(b'}');
        Ok(json)
    }
    let (documents, notes) = rayon::join(
        || object(store.documents.par_iter()),
        || {
            store
                .notes
                .as_ref()
                .map(|notes| -> serde_json::Result<Vec<u8>> {
                    let mut json = br#"{"basis":"#.to_vec();
                    serde_json::to_writer(&mut json, &notes.basis)?;
                    json.extend_from_slice(br#","entries":"#);
                    json.extend(object(notes.entries.par_iter())?);
                    json.push(b'}');
                    Ok(json)
                })
                .transpose()
        },
    );
    let mut json = br#"{"key":"#.to_vec();
    serde_json::to_writer(&mut json, &store.key)?;
    json.extend_from_slice(br#","documents":"#);
    json.extend(documents?);
    if let Some(notes) = notes? {
        json.extend_from_slice(br#","notes":"#);
        json.extend(notes);
    }
    json.push(b'}');
    Ok(json)
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

    fn store() -> StoreFile {
        let origin = Origin {
            document: "a".to_owned(),
            id: "s1".to_owned(),
            obsolete: false,
            stale: true,
        };
        let memory = DocumentMemory {
            units: vec![Unit {
                original: Some("令和6年4月1日（月）に開催します。".to_owned()),
                pivot: Some("Held on Monday, April 1, 2024, see https://example.jp/.".to_owned()),
                translation: "Le lundi 1er avril 2024.".to_owned(),
                origin: origin.clone(),
            }],
            open: vec![Open {
                document: "a".to_owned(),
                id: "s2".to_owned(),
                want: Want::Missing,
                original: Some("詳細は別紙のとおりです。".to_owned()),
                pivot: None,
            }],
        };
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
                        origin,
                        translation: "t".to_owned(),
                    },
                    lines: vec!["# tm 91%".to_owned()],
                }],
            },
        );
        let mut documents = BTreeMap::new();
        documents.insert("a".to_owned(), Cached::of("x".to_owned(), memory, &keys()));
        documents.insert(
            "b\n\"".to_owned(),
            Cached::of("y".to_owned(), DocumentMemory::default(), &keys()),
        );
        StoreFile {
            key: "k".to_owned(),
            documents,
            notes: Some(notes),
        }
    }

    #[test]
    fn parallel_json_is_the_serialized_store_byte_for_byte() {
        let mut store = store();
        assert_eq!(
            to_json(&store).unwrap(),
            serde_json::to_vec(&store).unwrap()
        );
        store.notes = None;
        assert_eq!(
            to_json(&store).unwrap(),
            serde_json::to_vec(&store).unwrap()
        );
    }

    #[test]
    fn figures_kept_in_the_cache_read_back_as_found() {
        let store = store();
        let cached = &store.documents["a"];
        let unit = &cached.memory.units[0];
        let found = &cached.figures.units[0];
        // Both texts have figures (the case the cache must get right), the open entry none.
        assert!(
            !found.original.is_empty() && !found.pivot.is_empty(),
            "{found:?}"
        );
        let read: StoreFile = serde_json::from_slice(&to_json(&store).unwrap()).unwrap();
        let again = &read.documents["a"];
        assert!(again.complete());
        assert_eq!(again.figures.units[0], *found);
        assert_eq!(
            again.figures.units[0],
            SourceFigures::of(unit.original.as_deref(), unit.pivot.as_deref(), &keys())
        );
        assert_eq!(again.figures.open, cached.figures.open);
    }
}
