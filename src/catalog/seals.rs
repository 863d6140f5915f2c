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
use crate::fingerprint::field;

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

    /// The report recorded with `seal` for `document`, if that seal is recorded.
    pub(crate) fn report(&self, document: &str, seal: &str) -> Option<&DocReport> {
        self.by_document
            .get(document)?
            .iter()
            .find(|sealed| sealed.seal == seal)
            .map(|sealed| &sealed.report)
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
            retired: Vec::new(),
            files: Vec::new(),
            low_confidence: Vec::new(),
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
