//! The no-op sync skip: `.honyaku/cache.json` remembers, per document, a hash of every byte the
//! sync of that document depends on and the report that sync gave, so a document whose bytes
//! have not changed is neither re-segmented, re-aligned nor re-merged.
//!
//! The cache is derived state: a missing, unreadable or outdated cache only costs time, and
//! deleting `.honyaku/` is always safe. The hash covers the honyaku version, the configuration
//! file, the set of locales, every source text and catalog of the document and its alignment
//! pins, so any edit (by a translator, an editor, or a new honyaku) makes the next sync do its
//! work.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{DocReport, FileStatus};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio;
use crate::project::{CONFIG_FILE, Project};

/// Where the cache lives, relative to the project root.
pub const CACHE_DIR: &str = ".honyaku";
const CACHE_FILE: &str = "cache.json";

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    hash: String,
    report: DocReport,
}

/// The cache as read at the start of a sync, and the entries that sync produces.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    /// Hashes the configuration and version once for every document.
    prefix: blake3::Hasher,
    old: BTreeMap<String, Entry>,
    new: Mutex<BTreeMap<String, Entry>>,
}

impl Cache {
    /// Reads the cache of `project`; anything unreadable counts as empty (it is only a cache).
    pub fn load(project: &Project) -> Cache {
        let path = project.root.join(CACHE_DIR).join(CACHE_FILE);
        let old = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let mut prefix = blake3::Hasher::new();
        field(&mut prefix, env!("CARGO_PKG_VERSION").as_bytes());
        let config = std::fs::read(project.root.join(CONFIG_FILE)).ok();
        field(&mut prefix, config.as_deref().unwrap_or(b"\0no config"));
        Cache {
            path,
            prefix,
            old,
            new: Mutex::new(BTreeMap::new()),
        }
    }

    /// Syncs one document with `work` unless its bytes are those of the last sync, in which
    /// case that sync's report is returned as it stands. With `write`, a document synced
    /// cleanly is remembered with the hash of the files as written.
    pub fn sync_document(
        &self,
        project: &Project,
        doc: &str,
        write: bool,
        work: impl FnOnce() -> Result<(Option<DocReport>, Vec<Diagnostic>)>,
    ) -> Result<(Option<DocReport>, Vec<Diagnostic>)> {
        let before = self.hash(project, doc)?;
        if let Some(entry) = self.old.get(doc).filter(|e| e.hash == before) {
            let report = entry.report.clone();
            self.remember(doc, entry.hash.clone(), report.clone());
            return Ok((Some(report), Vec::new()));
        }
        let (report, diagnostics) = work()?;
        let clean = report.as_ref().filter(|_| write && diagnostics.is_empty());
        if let Some(report) = clean.and_then(as_noop) {
            let after = self.hash(project, doc)?;
            self.remember(doc, after, report);
        }
        Ok((report, diagnostics))
    }

    fn remember(&self, doc: &str, hash: String, report: DocReport) {
        if let Ok(mut new) = self.new.lock() {
            new.insert(doc.to_owned(), Entry { hash, report });
        }
    }

    /// Writes the entries of this sync (documents no longer in the project drop out).
    pub fn save(self) -> Result<()> {
        let new = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let json =
            serde_json::to_vec(&new).map_err(|e| Error::io(&self.path, io::Error::other(e)))?;
        fsio::write_atomic(&self.path, &json)
    }

    /// Hashes every file the sync of `doc` reads, present or not, in a fixed order.
    fn hash(&self, project: &Project, doc: &str) -> Result<String> {
        let mut hasher = self.prefix.clone();
        for locale in project.all_locales() {
            field(&mut hasher, locale.tag().as_bytes());
        }
        for path in project.document_inputs(doc) {
            hash_file(&mut hasher, &path)?;
        }
        Ok(hasher.finalize().to_hex().to_string())
    }
}

/// Adds a file's bytes, or a marker that it is absent.
fn hash_file(hasher: &mut blake3::Hasher, path: &Path) -> Result<()> {
    match read_if_present(path).map_err(|e| Error::io(path, e))? {
        Some(bytes) => field(hasher, &bytes),
        None => field(hasher, b"\0absent"),
    }
    Ok(())
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
