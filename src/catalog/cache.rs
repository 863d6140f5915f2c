//! The no-op sync skip: `.honyaku/cache.json` remembers, per document, what every file the
//! sync of that document reads looked like after that sync, and the report it gave, so a
//! document nobody touched is neither re-segmented, re-aligned nor re-merged.
//!
//! It works like git's index: per file, the size, modification and change times, inode and
//! device recorded last time, and a hash (blake3) of the bytes. A file whose metadata is as
//! recorded is not read; one whose metadata differs is read and hashed, and counts as
//! unchanged if its bytes are. A document is skipped when all its files are unchanged. A file modified in the same clock tick as the cache was written could keep
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

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::seals::{self, Seals, hash_file};
use super::{DocReport, FileStatus};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio::{self, Stat, lock, nanos_since_epoch};
use crate::project::Project;

/// Where the cache lives, relative to the project root (the project layout names it).
pub use crate::project::CACHE_DIR;
const CACHE_FILE: &str = "cache.json";

/// The file as written.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    key: String,
    documents: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Each file of `Project::document_inputs`, in order, as the last sync left it (`None`:
    /// absent).
    files: Vec<Option<Seen>>,
    report: DocReport,
}

/// A file's metadata and the hash of its bytes (128 bits of blake3, in hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen(Stat, String);

/// A document synced in this run: its name, its report, and its files' metadata (`None`:
/// absent) before the work.
type Synced = (String, DocReport, Vec<Option<Stat>>);

/// The cache as read at the start of a sync, and the entries that sync produces.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    key: String,
    old: BTreeMap<String, Entry>,
    /// When the cache file was written: files modified since then (or in the same tick) are
    /// hashed even if their metadata matches.
    written_at: i64,
    /// When this run started: a file modified since is not recorded as synced unless it
    /// holds exactly what this run wrote.
    started_at: i64,
    new: Mutex<BTreeMap<String, Entry>>,
    /// The committed seals (`honyaku.seals`): what a fresh clone trusts without the cache.
    seals: Seals,
    /// Documents synced in this run, with their files' metadata before the work, remembered
    /// once their files are on disk (`save`).
    synced: Mutex<Vec<Synced>>,
}

impl Cache {
    /// Reads the cache of `project`; anything unreadable or made under another key counts as
    /// empty (it is only a cache).
    pub fn load(project: &Project) -> Cache {
        let path = project.root.join(CACHE_DIR).join(CACHE_FILE);
        let key = seals::build_key(project);
        let written_at = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .map_or(i64::MIN, nanos_since_epoch);
        let old = fsio::read_regular(&path)
            .ok()
            .flatten()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.key == key)
            .map(|file| file.documents)
            .unwrap_or_default();
        Cache {
            path,
            key,
            old,
            written_at,
            started_at: nanos_since_epoch(std::time::SystemTime::now()),
            new: Mutex::new(BTreeMap::new()),
            seals: Seals::read(&project.root.join(seals::SEALS_FILE)),
            synced: Mutex::new(Vec::new()),
        }
    }

    /// Syncs one document with `work` unless its files are as the last sync left them, in
    /// which case that sync's report is returned as it stands. With `write`, a document
    /// synced cleanly is remembered by [`Cache::save`].
    ///
    /// With `may_skip` false the work is done whatever the files say (the translation
    /// memory's lines of the document changed), and remembered as usual.
    pub fn sync_document(
        &self,
        project: &Project,
        doc: &str,
        write: bool,
        may_skip: bool,
        work: impl FnOnce() -> Result<(Option<DocReport>, Vec<Diagnostic>)>,
    ) -> Result<(Option<DocReport>, Vec<Diagnostic>)> {
        let inputs = project.document_inputs(doc);
        if let Some(entry) = self.old.get(doc).filter(|_| may_skip) {
            if let Some(files) = self.unchanged(&inputs, &entry.files)? {
                self.remember(
                    doc,
                    Entry {
                        files,
                        report: entry.report.clone(),
                    },
                );
                return Ok((Some(entry.report.clone()), Vec::new()));
            }
        }
        if may_skip && self.seals.has(doc) {
            // No cache entry holds (a fresh clone, or files changed since): the committed
            // seal says whether the files are as a clean sync left them, wherever it ran.
            let files = inputs
                .iter()
                .map(|path| self.look(path, None))
                .collect::<Result<Vec<_>>>()?;
            let seal = seal_of(&self.key, &files);
            if let Some(report) = self.seals.report(doc, &seal) {
                let report = report.clone();
                self.remember(
                    doc,
                    Entry {
                        files,
                        report: report.clone(),
                    },
                );
                return Ok((Some(report), Vec::new()));
            }
        }
        let before = inputs
            .iter()
            .map(|path| Stat::of(path).map_err(|e| Error::io(path, e)))
            .collect::<Result<Vec<_>>>()?;
        let (report, diagnostics) = work()?;
        let clean = report.as_ref().filter(|_| write && diagnostics.is_empty());
        if let Some(report) = clean.and_then(as_noop) {
            lock(&self.synced).push((doc.to_owned(), report, before));
        }
        Ok((report, diagnostics))
    }

    /// The files as seen now if every one is as recorded in `seen`, `None` at the first that
    /// is not. Only files whose metadata changed (or that are racily clean) are read.
    fn unchanged(
        &self,
        inputs: &[PathBuf],
        seen: &[Option<Seen>],
    ) -> Result<Option<Vec<Option<Seen>>>> {
        if inputs.len() != seen.len() {
            return Ok(None);
        }
        let mut files = Vec::with_capacity(inputs.len());
        for (path, seen) in inputs.iter().zip(seen) {
            let now = match (self.look(path, seen.as_ref())?, seen) {
                (None, None) => None,
                (Some(now), Some(seen)) if now.1 == seen.1 => Some(now),
                _ => return Ok(None),
            };
            files.push(now);
        }
        Ok(Some(files))
    }

    /// A file's metadata, then (unless the metadata shows `seen` still holds) its hash.
    /// Metadata first: a file changing in between is seen by the next run.
    fn look(&self, path: &Path, seen: Option<&Seen>) -> Result<Option<Seen>> {
        let Some(stat) = Stat::of(path).map_err(|e| Error::io(path, e))? else {
            return Ok(None);
        };
        if let Some(seen) = seen.filter(|s| s.0 == stat && stat.modified() < self.written_at) {
            return Ok(Some(seen.clone()));
        }
        Ok(hash_file(path)?.map(|hash| Seen(stat, hash)))
    }

    fn remember(&self, doc: &str, entry: Entry) {
        lock(&self.new).insert(doc.to_owned(), entry);
    }

    /// Writes the entries of this sync (documents no longer in the project drop out). Call it
    /// once the sync's writes are on disk. A document synced in this run is remembered only
    /// if its files are as the sync left them: each file it wrote holds exactly the bytes it
    /// wrote (`committed`), and every other file has the metadata it had before the work
    /// and is older than the run. Otherwise someone changed a file during the run, and the
    /// next sync must look at it again.
    pub fn save(self, project: &Project, committed: &fsio::Committed) -> Result<()> {
        let synced = std::mem::take(&mut *lock(&self.synced));
        let entries: Vec<Option<(String, Entry)>> = synced
            .into_par_iter()
            .map(|(doc, report, before)| {
                let inputs = project.document_inputs(&doc);
                let old = self.old.get(&doc).map(|e| e.files.as_slice());
                let mut files = Vec::with_capacity(inputs.len());
                for (k, path) in inputs.iter().enumerate() {
                    let stat = Stat::of(path).map_err(|e| Error::io(path, e))?;
                    let seen = match (committed.written.get(path), stat) {
                        (Some(wrote), Some(stat)) => match hash_file(path)? {
                            Some(hash) if hash == *wrote => Some(Seen(stat, hash)),
                            _ => return Ok(None),
                        },
                        (Some(_), None) => return Ok(None),
                        (None, stat) => {
                            let untouched = before.get(k) == Some(&stat)
                                && stat.is_none_or(|s| s.modified() < self.started_at)
                                && !committed.not_written(path);
                            if !untouched {
                                return Ok(None);
                            }
                            let recorded = old.and_then(|f| f.get(k)).and_then(Option::as_ref);
                            self.look(path, recorded)?
                        }
                    };
                    files.push(seen);
                }
                Ok(Some((doc, Entry { files, report })))
            })
            .collect::<Result<_>>()?;
        let mut documents = self
            .new
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        documents.extend(entries.into_iter().flatten());
        // The seals first: they are what the project commits, the cache only accelerates.
        let sealed = seals::render(
            documents
                .par_iter()
                .map(|(_, entry)| (seal_of(&self.key, &entry.files), &entry.report))
                .collect(),
        );
        let seals_path = project.root.join(seals::SEALS_FILE);
        if fsio::read_regular(&seals_path).ok().flatten().as_deref() != Some(sealed.as_slice()) {
            fsio::write_atomic(&seals_path, &sealed)?;
        }
        let json = to_json(&self.key, &documents)
            .map_err(|e| Error::io(&self.path, io::Error::other(e)))?;
        // Not flushed to disk: a cache torn by a power cut fails to parse and is rebuilt, and
        // an old one describes files that have changed since, which are then read again.
        fsio::write_replace(&self.path, &json)
    }
}

/// The bytes `serde_json::to_vec` writes for a [`CacheFile`], with the documents serialized
/// in parallel: at 5,000 documents the cache is 8 MB, which took 66 ms on one core, in the
/// part of a sync that no other work overlaps.
fn to_json(key: &str, documents: &BTreeMap<String, Entry>) -> serde_json::Result<Vec<u8>> {
    let parts: Vec<Vec<u8>> = documents
        .par_iter()
        .map(|(doc, entry)| {
            let mut part = serde_json::to_vec(doc)?;
            part.push(b':');
            serde_json::to_writer(&mut part, entry)?;
            Ok(part)
        })
        .collect::<serde_json::Result<_>>()?;
    let mut json = br#"{"key":"#.to_vec();
    serde_json::to_writer(&mut json, key)?;
    json.extend_from_slice(br#","documents":{"#);
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            json.push(b',');
        }
        json.extend_from_slice(part);
    }
    json.extend_from_slice(b"}}");
    Ok(json)
}

/// The seal (`catalog::seals`) of a document's files as recorded.
fn seal_of(key: &str, files: &[Option<Seen>]) -> String {
    seals::seal(
        key,
        files.iter().map(|f| f.as_ref().map(|seen| seen.1.as_str())),
    )
}

/// What the next sync reports once `report` has been written: every file unchanged, nothing
/// added, modified, retired or newly stale, no pairing new to confirm (alignment warnings are
/// given once, see `plan::Unit::score`). `None` when a file was skipped (it stays as it
/// was, and the next sync must report it again).
fn as_noop(report: &DocReport) -> Option<DocReport> {
    let mut noop = report.clone();
    noop.added.clear();
    noop.modified.clear();
    noop.paired.clear();
    noop.retired.clear();
    noop.low_confidence.clear();
    for file in &mut noop.files {
        if file.status == FileStatus::Skipped {
            return None;
        }
        file.status = FileStatus::Unchanged;
        file.newly_stale.clear();
        file.ledger = None;
    }
    Some(noop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_json_is_the_serialized_file_byte_for_byte() {
        let here = std::env::current_dir().unwrap();
        let stat = Stat::of(&here.join("Cargo.toml")).unwrap().unwrap();
        let entry = |doc: &str, hash: &str| Entry {
            files: vec![Some(Seen(stat, hash.to_owned())), None],
            report: DocReport {
                document: doc.to_owned(),
                units: 3,
                added: vec!["intro-1".to_owned()],
                modified: Vec::new(),
                paired: Vec::new(),
                retired: vec!["a \"quoted\" id".to_owned()],
                files: Vec::new(),
                low_confidence: Vec::new(),
                withdrawn: false,
            },
        };
        let mut documents = BTreeMap::new();
        for (doc, hash) in [("b-doc", "00ff"), ("a-doc", "ff00"), ("c-doc", "1234")] {
            documents.insert(doc.to_owned(), entry(doc, hash));
        }
        let file = CacheFile {
            key: "key \\ 1".to_owned(),
            documents,
        };
        let parallel = to_json(&file.key, &file.documents).unwrap();
        assert_eq!(parallel, serde_json::to_vec(&file).unwrap());
        let empty = CacheFile::default();
        assert_eq!(
            to_json(&empty.key, &empty.documents).unwrap(),
            serde_json::to_vec(&empty).unwrap()
        );
    }
}
