//! The no-op sync skip: `.honyaku/cache.json` remembers, per document, what every file the
//! sync of that document reads looked like after that sync, and the report it gave, so a
//! document nobody touched is neither re-segmented, re-aligned nor re-merged.
//!
//! It works like git's index. A document whose files all have the size, modification and
//! change times, inode and device recorded last time is skipped without being read; one
//! whose metadata differs is read and hashed (blake3), and skipped if its bytes are those of
//! the last sync. A file modified in the same clock tick as the cache was written could keep
//! its metadata, so files not older than the cache file are always hashed ("racily clean", as
//! git calls them).
//!
//! The cache is derived state: a missing, unreadable or outdated cache only costs time, and
//! deleting `.honyaku/` is always safe. Its key covers the honyaku build (a hash of the
//! sources it was compiled from), the configuration file and the set of locales, so a new
//! honyaku, a changed `honyaku.toml` or a new locale makes the next sync do all its work.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{DocReport, FileStatus};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio::{self, lock};
use crate::project::{CONFIG_FILE, Project};

/// Where the cache lives, relative to the project root.
pub const CACHE_DIR: &str = ".honyaku";
const CACHE_FILE: &str = "cache.json";
/// The spare files writes are exchanged with (see `fsio::Batch::with_spares`).
pub const SPARE_DIR: &str = "spare";

/// The file as written.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    key: String,
    documents: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// blake3 of the document's input files, in `Project::document_inputs` order.
    hash: String,
    /// The metadata of the same files when they were hashed (`None`: absent).
    stats: Vec<Option<Stat>>,
    report: DocReport,
}

/// What a file's metadata says of its content without reading it: length, modification and
/// change times (nanoseconds since 1970), inode and device. The change time moves on every
/// write and cannot be set back, so a tool that restores the modification time is still seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stat(u64, i64, i64, u64, u64);

impl Stat {
    fn of(path: &Path) -> io::Result<Option<Stat>> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        #[cfg(unix)]
        let stat = {
            use std::os::unix::fs::MetadataExt;
            let nanos = |secs: i64, nsec: i64| secs.saturating_mul(1_000_000_000) + nsec;
            Stat(
                meta.len(),
                nanos(meta.mtime(), meta.mtime_nsec()),
                nanos(meta.ctime(), meta.ctime_nsec()),
                meta.ino(),
                meta.dev(),
            )
        };
        #[cfg(not(unix))]
        let stat = Stat(meta.len(), meta.modified().map_or(i64::MAX, nanos_since_epoch), 0, 0, 0);
        Ok(Some(stat))
    }

    fn modified(&self) -> i64 {
        self.1
    }
}

fn nanos_since_epoch(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The cache as read at the start of a sync, and the entries that sync produces.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    key: String,
    old: BTreeMap<String, Entry>,
    /// When the cache file was written: files modified since then (or in the same tick) are
    /// hashed even if their metadata matches.
    written_at: i64,
    new: Mutex<BTreeMap<String, Entry>>,
    /// Documents synced in this run, remembered once their files are on disk (`save`).
    synced: Mutex<Vec<(String, DocReport)>>,
}

impl Cache {
    /// Reads the cache of `project`; anything unreadable or made under another key counts as
    /// empty (it is only a cache).
    pub fn load(project: &Project) -> Cache {
        let path = project.root.join(CACHE_DIR).join(CACHE_FILE);
        let mut hasher = blake3::Hasher::new();
        field(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
        field(&mut hasher, env!("HONYAKU_SOURCE_HASH").as_bytes());
        let config = std::fs::read(project.root.join(CONFIG_FILE)).ok();
        field(&mut hasher, config.as_deref().unwrap_or(b"\0no config"));
        for locale in project.all_locales() {
            field(&mut hasher, locale.tag().as_bytes());
        }
        let key = hasher.finalize().to_hex().to_string();
        let written_at = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .map_or(i64::MIN, nanos_since_epoch);
        let old = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.key == key)
            .map(|file| file.documents)
            .unwrap_or_default();
        Cache {
            path,
            key,
            old,
            written_at,
            new: Mutex::new(BTreeMap::new()),
            synced: Mutex::new(Vec::new()),
        }
    }

    /// Syncs one document with `work` unless its files are as the last sync left them, in
    /// which case that sync's report is returned as it stands. With `write`, a document
    /// synced cleanly is remembered by [`Cache::save`].
    pub fn sync_document(
        &self,
        project: &Project,
        doc: &str,
        write: bool,
        work: impl FnOnce() -> Result<(Option<DocReport>, Vec<Diagnostic>)>,
    ) -> Result<(Option<DocReport>, Vec<Diagnostic>)> {
        let inputs = project.document_inputs(doc);
        if let Some(entry) = self.old.get(doc) {
            // Metadata first, content second: a file changing in between is seen next time.
            let stats = stat_all(&inputs)?;
            let untouched = entry.stats == stats
                && stats.iter().flatten().all(|s| s.modified() < self.written_at);
            if untouched || hash(&inputs)? == entry.hash {
                self.remember(
                    doc,
                    Entry {
                        stats,
                        ..entry.clone()
                    },
                );
                return Ok((Some(entry.report.clone()), Vec::new()));
            }
        }
        let (report, diagnostics) = work()?;
        let clean = report.as_ref().filter(|_| write && diagnostics.is_empty());
        if let Some(report) = clean.and_then(as_noop) {
            lock(&self.synced).push((doc.to_owned(), report));
        }
        Ok((report, diagnostics))
    }

    fn remember(&self, doc: &str, entry: Entry) {
        lock(&self.new).insert(doc.to_owned(), entry);
    }

    /// Writes the entries of this sync (documents no longer in the project drop out). Call it
    /// once the sync's writes are on disk: documents synced in this run are read back here.
    pub fn save(self, project: &Project) -> Result<()> {
        let synced = self
            .synced
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let entries: Vec<(String, Entry)> = synced
            .into_par_iter()
            .map(|(doc, report)| {
                let inputs = project.document_inputs(&doc);
                let stats = stat_all(&inputs)?;
                let hash = hash(&inputs)?;
                Ok((
                    doc,
                    Entry {
                        hash,
                        stats,
                        report,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        let mut documents = self
            .new
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        documents.extend(entries);
        let file = CacheFile {
            key: self.key,
            documents,
        };
        let json =
            serde_json::to_vec(&file).map_err(|e| Error::io(&self.path, io::Error::other(e)))?;
        fsio::write_atomic(&self.path, &json)
    }
}

fn stat_all(paths: &[PathBuf]) -> Result<Vec<Option<Stat>>> {
    paths
        .iter()
        .map(|path| Stat::of(path).map_err(|e| Error::io(path, e)))
        .collect()
}

/// Hashes every file in `paths`, present or not, in order.
fn hash(paths: &[PathBuf]) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    for path in paths {
        match read_if_present(path).map_err(|e| Error::io(path, e))? {
            Some(bytes) => field(&mut hasher, &bytes),
            None => field(&mut hasher, b"\0absent"),
        }
    }
    Ok(hasher.finalize().to_hex().to_string())
}

/// Adds one length-prefixed field, so that no two different inputs hash alike.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn read_if_present(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What the next sync reports once `report` has been written: every file unchanged, nothing
/// added, modified, retired or newly stale. `None` when a file was skipped (it stays as it
/// was, and the next sync must report it again).
fn as_noop(report: &DocReport) -> Option<DocReport> {
    let mut noop = report.clone();
    noop.added.clear();
    noop.modified.clear();
    noop.retired.clear();
    for file in &mut noop.files {
        if file.status == FileStatus::Skipped {
            return None;
        }
        file.status = FileStatus::Unchanged;
        file.newly_stale.clear();
    }
    Some(noop)
}
