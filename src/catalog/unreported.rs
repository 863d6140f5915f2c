//! What a sync wrote but may not have reported: `.honyaku/unreported.json` lists each catalog
//! a sync is about to put in place with the entries it makes newly stale, and is removed once
//! the report is printed. A run killed in between (or a machine that lost power) leaves it
//! behind, and the next sync lists those files and entries, which it could not tell from the
//! catalogs alone: they are already rewritten, so to it they look unchanged.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FileStatus, SyncReport, cache::CACHE_DIR};
use crate::error::Diagnostic;
use crate::fsio;
use crate::project::Project;

const FILE: &str = "unreported.json";

/// One catalog a sync was about to put in place.
#[derive(Debug, Serialize, Deserialize)]
struct Written {
    path: PathBuf,
    /// The content hash of its new bytes: only if the file holds them was it written.
    hash: String,
    newly_stale: Vec<String>,
}

fn path(project: &Project) -> PathBuf {
    project.root.join(CACHE_DIR).join(FILE)
}

/// Records what `report` is about to write through `batch`. A failure to record costs only
/// this safety net, so it is a warning, never a reason not to write.
pub(crate) fn record(
    project: &Project,
    report: &SyncReport,
    batch: &fsio::Batch,
) -> Option<Diagnostic> {
    let staged = batch.staged();
    // By path, once: a first sync of a corpus stages and reports tens of thousands of files.
    let hashes: HashMap<&Path, &String> = staged
        .iter()
        .map(|(target, hash)| (project.display(target), hash))
        .collect();
    let written: Vec<Written> = report
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .filter(|f| matches!(f.status, FileStatus::Created | FileStatus::Updated))
        .filter_map(|f| {
            let hash = hashes.get(f.path.as_path())?;
            Some(Written {
                path: f.path.clone(),
                hash: (*hash).clone(),
                newly_stale: f.newly_stale.clone(),
            })
        })
        .collect();
    if written.is_empty() {
        return None;
    }
    let json = serde_json::to_vec_pretty(&written).unwrap_or_default();
    let path = path(project);
    fsio::write_replace(&path, &json).err().map(|error| {
        Diagnostic::warning(
            project.display(&path),
            format!("could not note what this run writes: {}", error.reason()),
        )
    })
}

/// What an earlier sync wrote without reporting it, as warnings naming each file and the
/// entries it made stale.
pub(crate) fn left_by_earlier_run(project: &Project) -> Vec<Diagnostic> {
    let Ok(Some(bytes)) = fsio::read_regular(&path(project)) else {
        return Vec::new();
    };
    let written: Vec<Written> = serde_json::from_slice(&bytes).unwrap_or_default();
    written
        .into_iter()
        .filter(|w| {
            fsio::Identity::of(&project.root.join(&w.path)).ok()
                == Some(fsio::Identity::Present(w.hash.clone()))
        })
        .map(|w| {
            let stale = if w.newly_stale.is_empty() {
                String::from("no entries newly stale")
            } else {
                format!("newly stale: {}", w.newly_stale.join(", "))
            };
            Diagnostic::warning(
                w.path,
                format!("rewritten by an earlier sync that stopped before reporting it ({stale})"),
            )
            .help("review these entries; this is the only time they are listed")
        })
        .collect()
}

/// Called once the report is printed: nothing is left unreported.
pub fn reported(root: &Path) {
    let _ = std::fs::remove_file(root.join(CACHE_DIR).join(FILE));
}
