//! The no-op sync cache (`.honyaku/cache.json`): a cached sync reports exactly what a full one
//! does, and any edit to a source text, a catalog or the configuration makes the sync of the
//! affected documents do its work again. The committed seals (`honyaku.seals`) let a fresh
//! clone, which has no cache, skip the documents nobody changed, on the same terms.

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
const SEALS: &str = "honyaku.seals";
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

/// Rewrites every sealed report with the mark, keeping the seals.
fn mark_seals(project: &TempProject) {
    let text = project.read(SEALS);
    let mut out = String::new();
    let mut lines = 0;
    for line in text.lines() {
        match line.split_once('\t') {
            Some((seal, json)) if !line.starts_with('#') => {
                let mut report: Value = serde_json::from_str(json).unwrap();
                report["units"] = MARK.into();
                out.push_str(&format!("{seal}\t{report}\n"));
                lines += 1;
            }
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    assert!(lines >= 3, "one seal per document: {text}");
    project.write(SEALS, out);
}

/// A copy of the project as a fresh clone has it: the committed files only (no `.honyaku/`),
/// with new inodes and times.
fn fresh_clone(project: &TempProject) -> TempProject {
    let clone = TempProject::new();
    for dir in ["source_texts", "locales"] {
        common::copy_dir(&project.path().join(dir), &clone.path().join(dir));
    }
    clone.write(SEALS, project.read(SEALS));
    clone
}

#[test]
fn a_fresh_clone_trusts_the_committed_seals_and_reports_the_same() {
    let project = project();
    let sealed = project.read(SEALS);
    // A second sync, cached or not, writes the same seals.
    project.ok(&["sync"]);
    assert_eq!(project.read(SEALS), sealed);
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    project.ok(&["sync"]);
    assert_eq!(
        project.read(SEALS),
        sealed,
        "seals do not depend on the cache"
    );

    // Without cache and without seals, the full work; with seals only, the same report.
    let clone = fresh_clone(&project);
    let sealed_report = clone.ok(&["sync", "--format", "json"]).stdout;
    let sealed_status = fresh_clone(&project).ok(&["status"]).stdout;
    let bare = fresh_clone(&project);
    std::fs::remove_file(bare.path().join(SEALS)).unwrap();
    let full_status = bare.ok(&["status"]).stdout;
    let full_report = bare.ok(&["sync", "--format", "json"]).stdout;
    assert_eq!(sealed_report, full_report);
    assert_eq!(sealed_status, full_status);
    assert_eq!(
        bare.read(SEALS),
        sealed,
        "the same seals on another machine"
    );

    // The reports did come from the seals.
    let clone = fresh_clone(&project);
    mark_seals(&clone);
    let docs = summary(&sync_json(&clone));
    assert!(
        docs.iter().all(|(_, units, _)| *units == MARK),
        "a fresh clone skips every unchanged document: {docs:?}"
    );
    let check = clone.run(&["sync", "--check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn an_edit_in_a_fresh_clone_breaks_only_that_documents_seal() {
    let project = project();
    let clone = fresh_clone(&project);
    mark_seals(&clone);
    let docs = summary(&sync_json(&fresh_clone(&project)));
    let (revised, edited) = (&docs[0].0, &docs[1].0);

    // A source revision and a translator's edit (an entry deleted), in a fresh clone.
    let ja = format!("source_texts/ja/{revised}.txt");
    let text = clone
        .read(&ja)
        .replacen('。', "。本日、追加の説明を行いました。", 1);
    clone.write(&ja, text);
    let fr = format!("locales/fr/{edited}.ftl");
    let catalog = clone.read(&fr);
    let cut = catalog.find("\n\n# ja:").unwrap();
    let next = catalog[cut + 2..].find("\n\n").unwrap() + cut + 2;
    clone.write(&fr, format!("{}{}", &catalog[..cut], &catalog[next..]));

    let check = clone.run(&["sync", "--check"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    let after = summary(&sync_json(&clone));
    for (doc, units, statuses) in &after {
        if doc == revised || doc == edited {
            assert_ne!(*units, MARK, "{doc} was edited");
            assert!(statuses.iter().any(|s| s == "updated"), "{statuses:?}");
        } else {
            assert_eq!(*units, MARK, "{doc} was not edited");
        }
    }
    assert_eq!(
        clone.read(&fr),
        catalog,
        "the translator's catalog was merged"
    );
    // The new seals hold: the next fresh clone of this one skips everything.
    let again = fresh_clone(&clone);
    mark_seals(&again);
    let docs = summary(&sync_json(&again));
    assert!(docs.iter().all(|(_, units, _)| *units == MARK), "{docs:?}");
}

#[test]
fn seals_from_another_configuration_are_not_trusted() {
    let project = project();
    let clone = fresh_clone(&project);
    mark_seals(&clone);
    clone.write("honyaku.toml", "source = \"ja\"\n");
    let docs = summary(&sync_json(&clone));
    assert!(docs.iter().all(|(_, units, _)| *units != MARK), "{docs:?}");
}
