//! `honyaku diff --since REV [--until REV]`: the project's texts against their state at a git
//! revision. Each test builds a real repository with the `git` command (what editors use),
//! commits revisions, and lets honyaku read them back with gix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed run"
)]

mod common;

use std::process::Command;

use common::TempProject;

const DOC: &str = "2020-05-01-g20-digital-economy";
const SENTENCE: &str = "令和2年4月30日（木）、G20";

fn git(project: &TempProject, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(project.path())
        .output()
        .expect("git must be installed to run these tests");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A synced copy of the shipped corpus, committed and tagged `published`.
fn published() -> TempProject {
    let project = TempProject::with_corpus();
    common::copy_dir(
        &common::repo().join("locales"),
        &project.path().join("locales"),
    );
    project.ok(&["sync"]);
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "published"]);
    git(&project, &["tag", "published"]);
    project
}

fn edit_source(project: &TempProject) {
    let path = format!("source_texts/ja/{DOC}.txt");
    let text = project.read(&path);
    assert!(text.contains(SENTENCE));
    project.write(
        &path,
        text.replace(SENTENCE, "令和2年4月30日（木）午後、G20"),
    );
}

#[test]
fn since_compares_the_working_sources_with_a_committed_revision() {
    let project = published();
    let same = project.ok(&["diff", "--since", "published"]);
    assert_eq!(same.stdout, "no changes between the two revisions\n");

    edit_source(&project);
    let run = project.ok(&["diff", "--since", "published"]);
    assert!(
        run.stdout
            .starts_with(&format!("== {DOC} (ja)\n1 modified")),
        "{}",
        run.stdout
    );
    // The message id comes from the catalog committed with the text.
    assert!(run.stdout.contains("~ modified intro-1 "), "{}", run.stdout);
    assert!(run.stdout.contains("{+午後+}"), "{}", run.stdout);

    // Two revisions, neither of them the working tree.
    git(&project, &["commit", "-q", "-am", "afternoon"]);
    git(&project, &["tag", "revised"]);
    project.write(
        &format!("source_texts/ja/{DOC}.txt"),
        project.read(&format!("source_texts/ja/{DOC}.txt")) + "\n追記。\n",
    );
    let between = project.ok(&[
        "diff",
        "--since",
        "published",
        "--until",
        "revised",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&between.stdout).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1, "{json}");
    assert_eq!(documents[0]["document"], DOC);
    assert_eq!(documents[0]["locale"], "ja");
    assert_eq!(documents[0]["summary"]["modified"], 1);
    assert_eq!(
        documents[0]["summary"]["added"], 0,
        "the working edit is not in `revised`"
    );
    let html = project.ok(&["diff", "--since", "HEAD~1", "--format", "html"]);
    assert!(html.stdout.contains("changes from HEAD~1 to working tree"));
    assert!(
        html.stdout
            .contains(&format!("<h2 id=\"doc-{DOC}-ja-h\">{DOC} (ja)</h2>"))
    );
}

#[test]
fn since_with_locale_compares_that_locales_catalogs() {
    let project = published();
    let path = format!("locales/fr/{DOC}.ftl");
    let catalog = project.read(&path);
    let line = catalog
        .lines()
        .find(|l| l.starts_with("intro-1 = "))
        .expect("fr translates intro-1")
        .to_owned();
    project.write(
        &path,
        catalog.replace(&line, &format!("{line} Une phrase de plus.")),
    );
    let run = project.ok(&["diff", "--since", "published", "--locale", "fr"]);
    assert!(
        run.stdout
            .starts_with(&format!("== {DOC} (fr)\n1 modified")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("~ modified intro-1 "), "{}", run.stdout);
    assert!(
        run.stdout.contains("{+ Une phrase de plus.+}"),
        "{}",
        run.stdout
    );
}

#[test]
fn since_with_locale_pairs_translations_by_id_terms_included() {
    let project = published();
    let path = format!("locales/fr/{DOC}.ftl");
    let catalog = project.read(&path);
    let line = |id: &str| {
        catalog
            .lines()
            .find(|l| l.starts_with(&format!("{id} = ")))
            .unwrap_or_else(|| panic!("fr translates {id}"))
            .to_owned()
    };
    let (title, intro) = (line("title"), line("intro-1"));
    // A term used by one translation, committed.
    let with_term =
        format!("-g20 = G20\n\n{catalog}").replace(&title, &title.replace("G20", "{ -g20 }"));
    project.write(&path, &with_term);
    project.ok(&["sync"]);
    git(&project, &["commit", "-q", "-am", "term"]);
    git(&project, &["tag", "term"]);
    // Then the term's message and another one edited.
    let edited = project
        .read(&path)
        .replace("{ -g20 }", "du G20")
        .replace(&intro, &format!("{intro} Une phrase de plus."));
    project.write(&path, &edited);
    let run = project.ok(&[
        "diff", "--since", "term", "--locale", "fr", "--color", "never",
    ]);
    let out = &run.stdout;
    assert!(
        out.starts_with(&format!("== {DOC} (fr)\n2 modified, ")),
        "{out}"
    );
    assert!(!out.contains("added") && !out.contains("moved"), "{out}");
    assert!(
        out.contains("[-{ -g20 }-]"),
        "the term's message is compared: {out}"
    );
    // Positions are the messages' places in each revision, not all 1.
    let positions: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("~ modified"))
        .map(|l| l.split(" (old ").nth(1).unwrap_or_default())
        .collect();
    assert!(
        positions.iter().all(|p| !p.starts_with("1 → new 1,")),
        "{out}"
    );
}

#[test]
fn a_project_outside_git_and_an_unknown_revision_are_clear_errors() {
    let project = TempProject::with_corpus();
    let outside = project.run(&["diff", "--since", "HEAD"]);
    assert_eq!(outside.code, 2);
    assert!(
        outside.stderr.contains("is not in a git repository"),
        "{}",
        outside.stderr
    );

    let project = published();
    let unknown = project.run(&["diff", "--since", "no-such-tag"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown revision `no-such-tag`"),
        "{}",
        unknown.stderr
    );
    let until_alone = project.run(&["diff", "--until", "published"]);
    assert_eq!(until_alone.code, 2, "--until needs --since");
}

/// Sentences the original alone reordered between two revisions are a move in the original
/// only: the English, whose text did not move, reports no move of its own.
#[test]
fn a_move_in_the_original_alone_is_not_an_english_move_between_revisions() {
    let project = TempProject::new();
    let ja = "令和8年12月1日\n説明会の開催\n\n・10:00～11:00　開会\n・11:00～12:00　講演\n・13:00～14:30　討論\n";
    let en = "December 1, 2026\nBriefing Session\n\n- 10:00-11:00 Opening\n- 11:00-12:00 Lecture\n- 13:00-14:30 Discussion\n";
    project.write("source_texts/ja/s.txt", ja);
    project.write("source_texts/en/s.txt", en);
    project.ok(&["sync"]);
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "v1"]);
    project.write(
        "source_texts/ja/s.txt",
        ja.replace(
            "・11:00～12:00　講演\n・13:00～14:30　討論\n",
            "・13:00～14:30　討論\n・11:00～12:00　講演\n",
        ),
    );
    project.ok(&["sync"]);
    git(&project, &["commit", "-q", "-am", "v2"]);
    let run = project.ok(&[
        "diff", "--since", "HEAD~1", "--until", "HEAD", "--color", "never",
    ]);
    assert!(run.stdout.contains("== s (ja)\n1 moved"), "{}", run.stdout);
    assert!(!run.stdout.contains("== s (en)"), "{}", run.stdout);
}
