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

use super::{DocumentMemory, Keys, Open, Origin, Unit};
use crate::catalog;
use crate::catalog::cache::CACHE_DIR;
use crate::error::{Diagnostic, Result};
use crate::exchange::tmx::{language_matches, memory_dir as tmx_dir};
use crate::fsio::{self, ReadError};
use crate::locale::Locale;
use crate::project::{CONFIG_FILE, Project};

/// The cache's folder inside `.honyaku/`.
const STORE_DIR: &str = "memory";

#[derive(Debug, Default, Serialize, Deserialize)]
struct StoreFile {
    key: String,
    documents: BTreeMap<String, Cached>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    digest: String,
    memory: DocumentMemory,
}

/// The memory of a locale as loaded, and where it came from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub units: Vec<Unit>,
    pub open: Vec<Open>,
    pub stats: Stats,
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
    let config = std::fs::read(project.root.join(CONFIG_FILE)).ok();
    hasher.update(config.as_deref().unwrap_or(b"\0no config"));
    for locale in project.all_locales() {
        hasher.update(b"\0");
        hasher.update(locale.tag().as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// The digest of every file the sync of `doc` reads (absent files count as absent).
fn digest(project: &Project, doc: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for path in project.document_inputs(doc) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
            Err(_) => {
                hasher.update(b"absent");
            }
        }
    }
    hasher.finalize().to_hex().to_string()
}

/// The project's source and parallel locales.
pub(crate) fn keys(project: &Project) -> Keys {
    Keys {
        original: project.config.source.clone(),
        pivot: project.config.parallel.clone(),
    }
}

/// Loads the memory of `locale`: every document (planning only those whose files changed
/// since the cache was written) and the locale's TMX files. Updates the cache unless it is
/// unchanged; a cache that cannot be written is a warning.
pub(crate) fn load(
    project: &Project,
    locale: &Locale,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Loaded> {
    let path = store_path(project, locale);
    let key = store_key(project);
    let old: BTreeMap<String, Cached> = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<StoreFile>(&bytes).ok())
        .filter(|file| file.key == key)
        .map(|file| file.documents)
        .unwrap_or_default();
    let keys = keys(project);
    let found = Mutex::new(Vec::new());
    let documents: Vec<(String, Option<Cached>, bool)> = project
        .documents
        .par_iter()
        .map(|doc| -> Result<(String, Option<Cached>, bool)> {
            let digest = digest(project, doc);
            if let Some(cached) = old.get(doc).filter(|c| c.digest == digest) {
                return Ok((doc.clone(), Some(cached.clone()), true));
            }
            let mut local = Vec::new();
            let prepared = catalog::prepare(project, doc, &mut local)?;
            if let Ok(mut all) = found.lock() {
                all.extend(local);
            }
            let memory = prepared
                .and_then(|p| p.state(locale))
                .map(|state| DocumentMemory::of(&state, &keys));
            Ok((
                doc.clone(),
                memory.map(|memory| Cached { digest, memory }),
                false,
            ))
        })
        .collect::<Result<_>>()?;
    diagnostics.extend(found.into_inner().unwrap_or_default());
    let mut loaded = Loaded::default();
    let mut store = StoreFile {
        key,
        documents: BTreeMap::new(),
    };
    for (doc, cached, reused) in documents {
        loaded.stats.documents += 1;
        if reused {
            loaded.stats.reused += 1;
        } else {
            loaded.stats.planned += 1;
        }
        if let Some(cached) = cached {
            loaded.units.extend(cached.memory.units.iter().cloned());
            loaded.open.extend(cached.memory.open.iter().cloned());
            store.documents.insert(doc, cached);
        }
    }
    let changed = loaded.stats.planned > 0 || store.documents.len() != old.len();
    if changed {
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
    for file in tmx_files(project, locale)? {
        loaded.stats.tmx_files += 1;
        let before = loaded.units.len();
        read_tmx(
            project,
            &file,
            locale,
            &keys,
            &mut loaded.units,
            diagnostics,
        )?;
        loaded.stats.tmx_units += loaded.units.len() - before;
    }
    Ok(loaded)
}

fn save(project: &Project, path: &Path, store: &StoreFile) -> std::result::Result<(), String> {
    fsio::refuse_link(&project.root.join(CACHE_DIR)).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let bytes = serde_json::to_vec(store).map_err(|e| e.to_string())?;
    fsio::write_atomic(path, &bytes).map_err(|e| e.to_string())
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
    let text = match fsio::read_text(path) {
        Ok(text) => text,
        Err(ReadError::Io(error)) => return Err(error),
        Err(ReadError::Content(diagnostic)) => {
            diagnostics.push(Diagnostic {
                path: shown,
                ..diagnostic
            });
            return Ok(());
        }
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
