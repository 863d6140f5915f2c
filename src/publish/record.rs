//! The record of the last build into an output directory, so that a repeated build neither
//! prepares nor renders a document whose inputs and outputs are as that build left them
//! (issue 19): `OUT/.honyaku.build.json`, beside the pages it describes, so that it goes
//! wherever they go (a CI job that keeps `dist/` between runs of fresh clones keeps it too).
//!
//! Per document it holds a **digest** of what its pages are made from: the content hashes of
//! its files (`Project::document_inputs`, the same list a seal covers), under a key made of
//! honyaku's build key (version, sources, `honyaku.toml`, the set of locales: see
//! `catalog::seals::build_key`) and the build's options (locales, formats, `--preview`,
//! `--check`, `--min-complete`). With it, each page's size and blake3
//! hash, and what the build reported about it (layout, completeness, fallbacks, stale
//! translations used, title). A document is taken from the record only when the digest of its
//! files as they are now equals the recorded one **and** every recorded page is in place with
//! the recorded size and hash: pages are read and hashed, not trusted by their metadata, so a
//! page edited or truncated by hand, or restored from a backup with other bytes, is rendered
//! and written again. Only documents whose build gave no diagnostics and published every
//! locale (nothing skipped by `--min-complete` or withheld by `--check`) are recorded, so a
//! document taken from the record has nothing else to report.
//!
//! The record is derived state like the sync cache: a missing, damaged or outdated record only
//! costs the time of a full build. It is the one file of the output directory that is not a
//! page or the manifest; a publisher may leave it out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{BuildFormat, BuildOptions, DocBuild, Fallback, OutputReport, StagedBuild};
use crate::catalog::ledger::SourceLag;
use crate::catalog::seals;
use crate::error::Result;
use crate::fingerprint::field;
use crate::fsio::{self, lock};
use crate::locale::Locale;
use crate::project::Project;

/// The record's name in the output directory.
pub(crate) const RECORD_FILE: &str = ".honyaku.build.json";

/// The file as written.
#[derive(Debug, Default, Serialize, Deserialize)]
struct RecordFile {
    key: String,
    documents: BTreeMap<String, DocRecord>,
}

/// One document's last build: the digest of its inputs and each locale's build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DocRecord {
    digest: String,
    builds: Vec<BuildRecord>,
}

/// What the build of one document in one locale reported, and its pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct BuildRecord {
    locale: String,
    layout: String,
    /// `DocBuild::completeness`, as its bits (a decimal round trip could change the last one).
    completeness: u64,
    fallbacks: Vec<Fallback>,
    stale_used: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    behind: Option<SourceLag>,
    title: String,
    pages: Vec<PageRecord>,
}

/// One page as it was written.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PageRecord {
    format: String,
    size: u64,
    blake3: String,
}

/// The record read at the start of a build, and the one this build makes.
#[derive(Debug)]
pub(crate) struct Records {
    path: PathBuf,
    key: String,
    old: BTreeMap<String, DocRecord>,
    new: Mutex<BTreeMap<String, DocRecord>>,
}

impl Records {
    /// Reads the record of the last build into `out`; anything unreadable or made under
    /// another key counts as empty.
    pub(crate) fn load(
        project: &Project,
        out: &Path,
        options: &BuildOptions,
        locales: &[Locale],
    ) -> Records {
        let mut hasher = blake3::Hasher::new();
        field(&mut hasher, seals::build_key(project).as_bytes());
        for locale in locales {
            field(&mut hasher, locale.tag().as_bytes());
        }
        for format in &options.formats {
            field(&mut hasher, format.name().as_bytes());
        }
        let flags = [options.preview, options.check];
        field(&mut hasher, &flags.map(u8::from));
        let min = options.min_complete.map(f64::to_bits);
        field(&mut hasher, format!("{min:?}").as_bytes());
        let key = hasher.finalize().to_hex().to_string();
        let path = out.join(RECORD_FILE);
        let old = fsio::read_regular(&path)
            .ok()
            .flatten()
            .and_then(|bytes| serde_json::from_slice::<RecordFile>(&bytes).ok())
            .filter(|file| file.key == key)
            .map(|file| file.documents)
            .unwrap_or_default();
        Records {
            path,
            key,
            old,
            new: Mutex::new(BTreeMap::new()),
        }
    }

    /// The digest of a document's inputs under this build's key.
    pub(crate) fn digest(&self, hashes: &[Option<String>]) -> String {
        seals::seal(&self.key, hashes.iter().map(Option::as_deref))
    }

    /// The recorded builds of `doc`, as this build would report them, with their manifest
    /// entries, if its files hash as recorded and its pages under `out` are in place;
    /// remembered for the next build.
    pub(crate) fn reuse(
        &self,
        project: &Project,
        out: &Path,
        doc: &str,
    ) -> Result<Option<Vec<StagedBuild>>> {
        let Some(record) = self.old.get(doc) else {
            return Ok(None);
        };
        if self.digest(&seals::input_hashes(project, doc)?) != record.digest {
            return Ok(None);
        }
        let mut builds = Vec::with_capacity(record.builds.len());
        for recorded in &record.builds {
            let Ok(target) = recorded.locale.parse::<Locale>() else {
                return Ok(None);
            };
            let mut build = DocBuild {
                target,
                locale: recorded.locale.clone(),
                document: doc.to_owned(),
                layout: recorded.layout.clone(),
                completeness: f64::from_bits(recorded.completeness),
                fallbacks: recorded.fallbacks.clone(),
                stale_used: recorded.stale_used.clone(),
                outputs: Vec::new(),
                skipped: None,
                withheld: None,
                kept: Vec::new(),
                kept_completeness: None,
                behind: recorded.behind.clone(),
                title: recorded.title.clone(),
            };
            let mut entries = Vec::with_capacity(recorded.pages.len());
            for page in &recorded.pages {
                let Some(format) = BuildFormat::named(&page.format) else {
                    return Ok(None);
                };
                let relative = super::output_path(&build.locale, doc, format);
                let path = out.join(&relative);
                let in_place = fsio::read_regular(&path)
                    .ok()
                    .flatten()
                    .is_some_and(|bytes| {
                        bytes.len() as u64 == page.size
                            && blake3::hash(&bytes).to_hex().as_str() == page.blake3
                    });
                if !in_place {
                    return Ok(None);
                }
                entries.push(super::manifest_entry(
                    &build,
                    format,
                    &relative,
                    &page.blake3,
                ));
                build.outputs.push(OutputReport {
                    format: format.name(),
                    path: project.display(&path).to_owned(),
                    written: false,
                });
            }
            builds.push((build, entries));
        }
        lock(&self.new).insert(doc.to_owned(), record.clone());
        Ok(Some(builds))
    }

    /// Remembers a document this build prepared and rendered, whose files hashed to
    /// `hashes` when read: `builds` with the size of each page in the order of their
    /// outputs. Not recorded (so built again next time) when anything was reported about it.
    pub(crate) fn remember(
        &self,
        doc: &str,
        hashes: &[Option<String>],
        builds: &[StagedBuild],
        sizes: &[Vec<usize>],
        clean: bool,
    ) {
        let published = builds
            .iter()
            .all(|(b, _)| b.skipped.is_none() && b.withheld.is_none());
        if !clean || !published {
            return;
        }
        let builds = builds
            .iter()
            .zip(sizes)
            .map(|((build, entries), sizes)| BuildRecord {
                locale: build.locale.clone(),
                layout: build.layout.clone(),
                completeness: build.completeness.to_bits(),
                fallbacks: build.fallbacks.clone(),
                stale_used: build.stale_used.clone(),
                behind: build.behind.clone(),
                title: build.title.clone(),
                pages: entries
                    .iter()
                    .zip(sizes)
                    .map(|(entry, &size)| PageRecord {
                        format: entry.format.to_owned(),
                        size: size as u64,
                        blake3: entry.blake3.clone(),
                    })
                    .collect(),
            })
            .collect();
        let record = DocRecord {
            digest: self.digest(hashes),
            builds,
        };
        lock(&self.new).insert(doc.to_owned(), record);
    }

    /// Writes the record of this build (call it once its pages are in place). Like the sync
    /// cache it is replaced atomically but not flushed: torn by a power cut, it fails to
    /// parse and the next build renders everything.
    pub(crate) fn save(self) -> Result<()> {
        let documents = self
            .new
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let file = RecordFile {
            key: self.key,
            documents,
        };
        let json = serde_json::to_vec(&file).unwrap_or_default();
        fsio::write_replace(&self.path, &json)
    }
}
