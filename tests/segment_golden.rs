//! Golden segmentations of every shipped document: the blocks and sentences `honyaku segment
//! --format json` prints, pinned in `tests/golden/segment/`. Regenerate with
//! `HONYAKU_BLESS=1 cargo test --test segment_golden`, then review the diff; never edit by hand.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test"
)]

mod common;

use std::fs;

use common::{TempProject, repo};

#[test]
fn every_shipped_document_matches_its_golden_segmentation() {
    let bless = std::env::var_os("HONYAKU_BLESS").is_some();
    let project = TempProject::with_corpus();
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for locale_dir in fs::read_dir(repo().join("source_texts")).unwrap().flatten() {
        let locale = locale_dir.file_name().to_string_lossy().into_owned();
        for file in fs::read_dir(locale_dir.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().replace(".txt", ".json");
            let source = format!(
                "source_texts/{locale}/{}",
                file.file_name().to_string_lossy()
            );
            let actual = project.ok(&["segment", &source, "--format", "json"]).stdout;
            let golden = repo()
                .join("tests/golden/segment")
                .join(&locale)
                .join(&name);
            if bless {
                fs::create_dir_all(golden.parent().unwrap()).unwrap();
                fs::write(&golden, &actual).unwrap();
            } else if fs::read_to_string(&golden).ok().as_deref() != Some(actual.as_str()) {
                mismatches.push(golden.display().to_string());
            }
            checked += 1;
        }
    }
    assert!(checked >= 6);
    assert!(
        mismatches.is_empty(),
        "segmentation changed for {mismatches:?}: review with `HONYAKU_BLESS=1 cargo test --test segment_golden` and `git diff tests/golden/segment`"
    );
}
