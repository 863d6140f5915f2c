//! The no-op sync cache (`.honyaku/cache.json`): a cached sync reports exactly what a full one
//! does, and any edit to a source text, a catalog or the configuration makes the sync of the
//! affected documents do its work again.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests: a failure is a failed test"
)]

mod common;

use common::TempProject;
use serde_json::Value;

const CACHE: &str = ".honyaku/cache.json";
/// A unit count no real document has: a report carrying it came from the cache.
const MARK: u64 = 987_654;

fn project() -> TempProject {
    let project = TempProject::with_corpus();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project
}

fn sync_json(project: &TempProject) -> Value {
    serde_json::from_str(&project.ok(&["sync", "--format", "json"]).stdout).unwrap()
}

/// Rewrites every cached report with the mark, keeping the hashes.
fn mark_cache(project: &TempProject) {
    let mut cache: Value = serde_json::from_str(&project.read(CACHE)).unwrap();
    let entries = cache["documents"].as_object_mut().unwrap();
    assert!(!entries.is_empty());
    for entry in entries.values_mut() {
        entry["report"]["units"] = MARK.into();
    }
    project.write(CACHE, serde_json::to_vec(&cache).unwrap());
}

/// Per document: (units, statuses of its files).
fn summary(report: &Value) -> Vec<(String, u64, Vec<String>)> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let statuses = d["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["status"].as_str().unwrap().to_owned())
                .collect();
            (
                d["document"].as_str().unwrap().to_owned(),
                d["units"].as_u64().unwrap(),
                statuses,
            )
        })
        .collect()
}

#[test]
fn a_cached_noop_sync_reports_what_an_uncached_one_does() {
    let project = project();
    assert!(project.exists(CACHE), "the first sync writes the cache");
    let cached = project.ok(&["sync", "--format", "json"]).stdout;
    let cached_text = project.ok(&["sync"]).stdout;
    let cached_status = project.ok(&["status"]).stdout;
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    let uncached_text = project.ok(&["sync"]).stdout;
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    let uncached = project.ok(&["sync", "--format", "json"]).stdout;
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    let uncached_status = project.ok(&["status"]).stdout;
    assert_eq!(cached, uncached);
    assert_eq!(cached_text, uncached_text);
    assert_eq!(cached_status, uncached_status);
    let report: Value = serde_json::from_str(&cached).unwrap();
    for (doc, _, statuses) in summary(&report) {
        assert!(
            statuses.iter().all(|s| s == "unchanged"),
            "{doc}: {statuses:?}"
        );
    }
}

#[test]
fn edits_to_sources_catalogs_or_configuration_invalidate_the_cache() {
    let project = project();
    mark_cache(&project);
    let docs = summary(&sync_json(&project));
    assert!(docs.len() >= 3);
    assert!(
        docs.iter().all(|(_, units, _)| *units == MARK),
        "unchanged documents come from the cache: {docs:?}"
    );

    // A revised source text: that document is planned again, the others still come from the cache.
    let (edited, ..) = &docs[0];
    let ja = format!("source_texts/ja/{edited}.txt");
    let text = project
        .read(&ja)
        .replacen('。', "。本日、追加の説明を行いました。", 1);
    project.write(&ja, text);
    let after = summary(&sync_json(&project));
    for (doc, units, statuses) in &after {
        if doc == edited {
            assert_ne!(*units, MARK);
            assert!(statuses.iter().any(|s| s == "updated"), "{statuses:?}");
        } else {
            assert_eq!(*units, MARK, "{doc} was not edited");
        }
    }

    // A translator's catalog edit (an entry deleted): sync puts the entry back.
    mark_cache(&project);
    let (other, ..) = &docs[1];
    let fr = format!("locales/fr/{other}.ftl");
    let catalog = project.read(&fr);
    let cut = catalog.find("\n\n# ja:").unwrap();
    let next = catalog[cut + 2..].find("\n\n").unwrap() + cut + 2;
    project.write(&fr, format!("{}{}", &catalog[..cut], &catalog[next..]));
    let after = sync_json(&project);
    let entry = after["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document"] == other.as_str())
        .unwrap();
    assert_ne!(entry["units"].as_u64().unwrap(), MARK);
    let fr_file = entry["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["locale"] == "fr")
        .unwrap();
    assert_eq!(fr_file["status"], "updated");
    assert_eq!(project.read(&fr), catalog, "the deleted entry is back");

    // The configuration: every document is synced again.
    mark_cache(&project);
    project.write("honyaku.toml", "source = \"ja\"\n");
    let after = summary(&sync_json(&project));
    assert!(
        after.iter().all(|(_, units, _)| *units != MARK),
        "{after:?}"
    );
}

/// The cache trusts a file's metadata (size, times, inode) without reading it, as git's index
/// does; a same-length edit whose modification time was set back must still be seen.
#[test]
fn an_edit_that_keeps_size_and_modification_time_is_still_seen() {
    let project = project();
    mark_cache(&project);
    let docs = summary(&sync_json(&project));
    let (doc, ..) = &docs[0];
    let path = project.path().join(format!("source_texts/en/{doc}.txt"));
    let before = std::fs::metadata(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let (at, old) = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_lowercase())
        .unwrap();
    let mut edited = text.clone();
    edited.replace_range(at..at + 1, &old.to_ascii_uppercase().to_string());
    assert_eq!(edited.len(), text.len());
    std::fs::write(&path, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), before.len());
    let after = summary(&sync_json(&project));
    let entry = after.iter().find(|(d, ..)| d == doc).unwrap();
    assert_ne!(entry.1, MARK, "{doc} was edited: {entry:?}");
    assert!(
        after
            .iter()
            .filter(|(d, ..)| d != doc)
            .all(|(_, units, _)| *units == MARK),
        "the others still come from the cache: {after:?}"
    );
}
