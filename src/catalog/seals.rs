//! `honyaku.seals`: the committed record of which documents' catalogs are current with their
//! source texts, so that a fresh clone, which has no `.honyaku/` cache, skips them without
//! segmenting, aligning or merging (issue 19). The cache (`super::cache`) is the fast path on
//! a machine that synced before; the seals are what the files vouch for themselves.
//!
//! A **seal** is a blake3 hash of the build key (honyaku's version and sources, the
//! configuration file and the set of locales, as in the cache) and of the bytes of every file
//! the sync of one document reads and writes (`Project::document_inputs`: the source texts,
//! catalogs and ledgers of every locale and the alignment pins; absent files count as absent)
//! as the last clean sync left them. A document is skipped only when the seal of its files as
//! they are now equals one recorded for it; any edit (a source revision, a translator's save,
//! a pin, a file git checked out with other line endings) changes the seal, and the document
//! is synced as usual. Nothing in a seal depends on the machine: no paths, times or inodes.
//!
//! The file holds one line per document, `<seal>\t<report>`, where the report is the JSON of
//! what that sync reports when nothing changes (`super::DocReport`), so a skipped document is
//! reported exactly as the cache reports it; `#` lines are comments. It is read leniently:
//! a line that does not parse (a merge conflict marker) is ignored, and several lines for one
//! document (git's `merge=union`, which the README recommends for this file) are all
//! candidates: a stale one simply never matches. A missing or damaged file only costs time.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::DocReport;
use crate::error::{Error, Result};
use crate::fingerprint::field;
use crate::fsio;
use crate::project::{CONFIG_FILE, Project};

/// The file's name, in the project root beside `honyaku.toml`.
pub use crate::project::SEALS_FILE;

/// What `honyaku sync` writes above the lines.
const HEADER: &str = "# honyaku seals: one line per document whose catalogs are current with its \
                      sources (the seal of its files, then its sync report).\n# Written by \
                      `honyaku sync`; commit it so that a fresh clone skips unchanged documents \
                      (README, \"For build systems\").\n";

/// The seals read from a project: per document, every recorded seal with its report.
#[derive(Debug, Default)]
pub(crate) struct Seals {
    by_document: BTreeMap<String, Vec<Sealed>>,
}

#[derive(Debug)]
struct Sealed {
    seal: String,
    report: DocReport,
}

impl Seals {
    /// Reads `path`; anything missing or unreadable counts as no seal.
    pub(crate) fn read(path: &Path) -> Seals {
        let bytes = crate::fsio::read_regular(path).ok().flatten();
        let text = bytes.as_deref().map(String::from_utf8_lossy);
        Seals::parse(text.as_deref().unwrap_or_default())
    }

    fn parse(text: &str) -> Seals {
        let mut by_document: BTreeMap<String, Vec<Sealed>> = BTreeMap::new();
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            let Some((seal, json)) = line.split_once('\t') else {
                continue;
            };
            let well_formed = seal.len() == 32 && seal.bytes().all(|b| b.is_ascii_hexdigit());
            let Some(report) = well_formed
                .then(|| serde_json::from_str::<DocReport>(json).ok())
                .flatten()
            else {
                continue;
            };
            by_document
                .entry(report.document.clone())
                .or_default()
                .push(Sealed {
                    seal: seal.to_owned(),
                    report,
                });
        }
        Seals { by_document }
    }

    /// Whether any seal is recorded for `document` (only then are its files hashed).
    pub(crate) fn has(&self, document: &str) -> bool {
        self.by_document.contains_key(document)
    }

    /// Whether a sync recorded `document` as withdrawn (its source texts gone): the last
    /// sync saw the withdrawal.
    pub(crate) fn withdrawn(&self, document: &str) -> bool {
        self.by_document
            .get(document)
            .is_some_and(|sealed| sealed.iter().any(|s| s.report.withdrawn))
    }

    /// The report recorded with `seal` for `document`, if that seal is recorded.
    pub(crate) fn report(&self, document: &str, seal: &str) -> Option<&DocReport> {
        self.by_document
            .get(document)?
            .iter()
            .find(|sealed| sealed.seal == seal)
            .map(|sealed| &sealed.report)
    }
}

/// The committed seals of a project with the key they are made under, read once per run, for
/// [`super::prepare_checked`]: a document whose files hash to one of its seals is planned
/// from its catalogs (`super::sealed`).
#[derive(Debug)]
pub struct SealCheck {
    key: String,
    seals: Seals,
}

impl SealCheck {
    /// Reads `honyaku.seals` of `project` (missing or damaged: no seal) and the build key.
    pub fn load(project: &Project) -> SealCheck {
        SealCheck {
            key: build_key(project),
            seals: Seals::read(&project.root.join(SEALS_FILE)),
        }
    }

    /// Whether a seal is recorded for `document` with files that hash to `hashes`
    /// (`Project::document_inputs`, in order).
    pub(crate) fn vouches(&self, document: &str, hashes: &[Option<String>]) -> bool {
        self.seals.has(document)
            && self
                .seals
                .report(
                    document,
                    &seal(&self.key, hashes.iter().map(Option::as_deref)),
                )
                .is_some()
    }
}

/// The seal of one document's files under the build `key`: `hashes` are the content hashes of
/// `Project::document_inputs`, in order, `None` for an absent file.
pub(crate) fn seal<'h>(key: &str, hashes: impl Iterator<Item = Option<&'h str>>) -> String {
    let mut hasher = blake3::Hasher::new();
    field(&mut hasher, key.as_bytes());
    for hash in hashes {
        match hash {
            Some(hash) => {
                hasher.update(b"+");
                field(&mut hasher, hash.as_bytes());
            }
            None => {
                hasher.update(b"-");
            }
        }
    }
    hex128(hasher.finalize())
}

/// The key every seal and cache entry is made under: honyaku's version and the sources it was
/// built from, the configuration file and the set of locales. A new honyaku, a changed
/// `honyaku.toml` or a new locale makes every document's work count as not done.
pub(crate) fn build_key(project: &Project) -> String {
    let mut hasher = blake3::Hasher::new();
    field(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    field(&mut hasher, env!("HONYAKU_SOURCE_HASH").as_bytes());
    // Only regular files are read: a FIFO named like one would hang the run.
    let config = fsio::read_regular(&project.root.join(CONFIG_FILE))
        .ok()
        .flatten();
    field(&mut hasher, config.as_deref().unwrap_or(b"\0no config"));
    for locale in project.all_locales() {
        field(&mut hasher, locale.tag().as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// The hash of a file's bytes, `None` if it is absent (and an empty hash, which no bytes
/// have, if it is not a regular file: never read, never taken for unchanged).
pub(crate) fn hash_file(path: &Path) -> Result<Option<String>> {
    match fsio::Identity::of(path).map_err(|e| Error::io(path, e))? {
        fsio::Identity::Absent => Ok(None),
        fsio::Identity::Present(hash) => Ok(Some(hash)),
    }
}

/// The content hashes of a document's files (`Project::document_inputs`, in order; `None` for
/// an absent file), read now: what [`seal`] takes.
pub(crate) fn input_hashes(project: &Project, doc: &str) -> Result<Vec<Option<String>>> {
    project
        .document_inputs(doc)
        .iter()
        .map(|path| hash_file(path))
        .collect()
}

/// The file's bytes for these documents' seals and reports, sorted by document. The reports
/// are serialized in parallel: at 5,000 documents this runs on every sync that writes.
pub(crate) fn render(sealed: Vec<(String, &DocReport)>) -> Vec<u8> {
    let mut lines: Vec<(&str, String, String)> = sealed
        .into_par_iter()
        .filter_map(|(seal, report)| {
            let json = serde_json::to_string(report).ok()?;
            Some((report.document.as_str(), seal, json))
        })
        .collect();
    lines.sort();
    let mut out = HEADER.as_bytes().to_vec();
    for (_, seal, json) in lines {
        out.extend_from_slice(seal.as_bytes());
        out.push(b'\t');
        out.extend_from_slice(json.as_bytes());
        out.push(b'\n');
    }
    out
}

/// The first 128 bits of a hash in hex, as the cache and `fsio::content_hash` print them.
fn hex128(hash: blake3::Hash) -> String {
    hash.to_hex()[..32].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(doc: &str) -> DocReport {
        DocReport {
            document: doc.to_owned(),
            units: 2,
            added: Vec::new(),
            modified: Vec::new(),
            paired: Vec::new(),
            retired: Vec::new(),
            files: Vec::new(),
            low_confidence: Vec::new(),
            withdrawn: false,
        }
    }

    #[test]
    fn seals_depend_on_key_content_and_presence() {
        let base = seal("k", [Some("aa"), None].into_iter());
        assert_eq!(base, seal("k", [Some("aa"), None].into_iter()));
        assert_ne!(base, seal("k2", [Some("aa"), None].into_iter()));
        assert_ne!(base, seal("k", [Some("ab"), None].into_iter()));
        assert_ne!(base, seal("k", [None, Some("aa")].into_iter()));
        assert_ne!(base, seal("k", [Some("aa")].into_iter()));
        assert_eq!(base.len(), 32);
    }

    #[test]
    fn rendered_seals_read_back_and_damage_only_costs_lines() {
        let (a, b) = (report("a-doc"), report("b-doc"));
        let sa = seal("k", [Some("11")].into_iter());
        let sb = seal("k", [Some("22")].into_iter());
        let bytes = render(vec![(sb.clone(), &b), (sa.clone(), &a)]);
        let text = String::from_utf8(bytes).unwrap();
        // Sorted by document, whatever the order given.
        assert!(text.find("a-doc").unwrap() < text.find("b-doc").unwrap());
        let seals = Seals::parse(&text);
        assert_eq!(seals.report("a-doc", &sa).unwrap().units, 2);
        assert!(seals.report("a-doc", &sb).is_none());
        // A union merge keeps both sides' lines: both seals are candidates.
        let other = seal("k", [Some("33")].into_iter());
        let merged = format!(
            "{text}<<<<<<< ours\n{other}\t{}\n>>>>>>> theirs\nnot a seal\n",
            serde_json::to_string(&a).unwrap()
        );
        let seals = Seals::parse(&merged);
        assert!(seals.report("a-doc", &sa).is_some());
        assert!(seals.report("a-doc", &other).is_some());
        assert!(seals.has("b-doc") && !seals.has("c-doc"));
    }
}
