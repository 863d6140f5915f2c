//! A repeated `build` takes a document whose files and pages are as the last build left them
//! from the build record (`dist/.honyaku.build.json`, issue 19) instead of rendering it again:
//! each test runs a build with the record, then deletes the record and runs the same build
//! in full over what the first one left, and requires the same report, exit code and pages.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed run"
)]

mod common;

use common::{Run, TempProject};

const G20: &str = "2020-05-01-g20-digital-economy";

/// The shipped corpus with its catalogs, synced.
fn corpus() -> TempProject {
    TempProject::synced_corpus()
}

const RECORD: &str = "dist/.honyaku.build.json";

/// The build record beside the pages, if there is one.
fn records(project: &TempProject) -> Vec<String> {
    let record = project.exists(RECORD).then(|| project.read(RECORD));
    record.into_iter().collect()
}

/// Runs `build ARGS` (with the record the last build left), then the same build without any
/// record over what it wrote: both must report the same, and the second must find every page
/// as it would have written it (so it writes nothing the first one did not).
fn same_as_full_build(project: &TempProject, args: &[&str]) -> Run {
    let mut full_args = vec!["build", "--report", "json"];
    full_args.extend_from_slice(args);
    let recorded = project.run(&full_args);
    let pages = project.snapshot("dist");
    for record in records(project) {
        assert!(record.contains("\"digest\""), "{record}");
    }
    // A fresh clone (no cache), and no record: everything is prepared and rendered.
    let _ = std::fs::remove_dir_all(project.path().join(".honyaku"));
    let _ = std::fs::remove_file(project.path().join(RECORD));
    let full = project.run(&full_args);
    assert_eq!(recorded.code, full.code, "{args:?}");
    assert_eq!(recorded.stderr, full.stderr, "{args:?}");
    // The full build wrote nothing: every page the recorded one left is what it renders.
    assert!(
        !full.stdout.contains("\"written\": true"),
        "{}",
        full.stdout
    );
    assert_eq!(pages, project.snapshot("dist"), "{args:?}");
    recorded
}

#[test]
fn a_repeated_build_reports_and_leaves_what_a_full_build_does() {
    let project = corpus();
    let all = ["--format", "txt", "--format", "md", "--format", "html"];
    let first = project.run(&[&["build", "--report", "json"][..], &all[..]].concat());
    assert_eq!(first.code, 0, "{}", first.stderr);
    // The first build recorded every document it built.
    let records = records(&project);
    assert_eq!(records.len(), 1);
    for source in std::fs::read_dir(project.path().join("source_texts/ja")).unwrap() {
        let name = source.unwrap().file_name().to_string_lossy().into_owned();
        let doc = name.trim_end_matches(".txt");
        assert!(
            records[0].contains(&format!("\"{doc}\"")),
            "{doc} not recorded"
        );
    }
    let pages = project.snapshot("dist");
    let second = project.ok(&[&["build", "--report", "json"][..], &all[..]].concat());
    // The same report but that nothing was written this time.
    assert_eq!(
        first
            .stdout
            .replace("\"written\": true", "\"written\": false"),
        second.stdout
    );
    assert_eq!(pages, project.snapshot("dist"));
    // Also in text, and with other options (the record is made under the options).
    same_as_full_build(&project, &all);
    same_as_full_build(&project, &["--format", "html", "--preview"]);
    same_as_full_build(&project, &["--locale", "fr", "--locale", "en"]);
    same_as_full_build(&project, &["--min-complete", "60"]);
    same_as_full_build(&project, &["--check", "--strict"]);
}

#[test]
fn a_page_changed_by_hand_or_a_changed_input_is_built_again() {
    let project = corpus();
    project.ok(&["build"]);
    same_as_full_build(&project, &[]);
    let page = format!("dist/fr/{G20}.txt");
    let original = project.read(&page);
    // Same size, other bytes: the record's hash tells them apart.
    let tampered: String = original.chars().rev().collect();
    assert_eq!(tampered.len(), original.len());
    project.write(&page, &tampered);
    let run = same_as_full_build(&project, &[]);
    assert_eq!(project.read(&page), original);
    assert_eq!(
        run.stdout.matches("\"written\": true").count(),
        1,
        "{}",
        run.stdout
    );
    // A translation revised in the catalog.
    let catalog = format!("locales/fr/{G20}.ftl");
    let text = project.read(&catalog);
    let line = text
        .lines()
        .find(|l| !l.starts_with('#') && l.contains(" = ") && !l.ends_with(" = "))
        .expect("a translated message")
        .to_owned();
    let (id, _) = line.split_once(" = ").unwrap();
    project.write(
        &catalog,
        text.replacen(&line, &format!("{id} = Texte révisé à la main."), 1),
    );
    same_as_full_build(&project, &[]);
    assert!(project.read(&page).contains("Texte révisé à la main."));
    // A revised source text (the Japanese release gains a sentence), then synced.
    let source = format!("source_texts/ja/{G20}.txt");
    let text = project.read(&source);
    project.write(&source, format!("{text}\n追加の一文です。\n"));
    same_as_full_build(&project, &[]);
    project.ok(&["sync"]);
    same_as_full_build(&project, &[]);
    assert!(
        project
            .read(&format!("dist/ja/{G20}.txt"))
            .contains("追加の一文です。")
    );
    // A page deleted.
    std::fs::remove_file(project.path().join(&page)).unwrap();
    same_as_full_build(&project, &[]);
    assert!(project.exists(&page));
}
