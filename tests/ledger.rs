//! The ledger (`locales/<locale>/<doc>.ledger`): a stale mark survives every tool that drops
//! or rewrites comments, and only a revision or `sync --accept` clears it (issue 20, item 3;
//! issue 13, item 3). Translate Toolkit re-serializes a catalog for real where it is
//! installed (`pip install translate-toolkit`); under `CI` it must be.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

mod common;

use std::process::Command;

use common::TempProject;

const JA: &str = "source_texts/ja/doc.txt";
const EN: &str = "source_texts/en/doc.txt";
const FR: &str = "locales/fr/doc.ftl";
const FR_LEDGER: &str = "locales/fr/doc.ledger";

/// A project in ja and en, fully translated into fr and synced twice.
fn translated() -> TempProject {
    let project = TempProject::new();
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は九割です。\n",
    );
    project.write(
        EN,
        "The ministry published the plan.\n\nThe plan has three pillars. The target is 90 percent.\n",
    );
    project.write("locales/fr/.keep", "");
    project.ok(&["sync"]);
    let filled: String = project
        .read(FR)
        .lines()
        .map(
            |line| match line.strip_prefix("# ").and_then(|l| l.strip_suffix(" =")) {
                Some(id) => format!("{id} = FR {id}\n"),
                None => format!("{line}\n"),
            },
        )
        .collect();
    project.write(FR, filled);
    project.ok(&["sync"]);
    project
}

/// The project after the Japanese of `intro-3` changed: one stale translation.
fn with_stale() -> TempProject {
    let project = translated();
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は八割です。\n",
    );
    project.ok(&["sync"]);
    assert_eq!(stale_count(&project), 1);
    project
}

/// The number of stale fr translations, from `status --format json`.
fn stale_count(project: &TempProject) -> u64 {
    let run = project.ok(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"]["fr"]["doc"]["stale"].as_u64().unwrap()
}

fn without_lines(text: &str, drop: impl Fn(&str) -> bool) -> String {
    text.lines()
        .filter(|l| !drop(l))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn deleting_the_stale_mark_alone_does_not_make_a_translation_current() {
    let project = with_stale();
    let stale = project.read(FR);
    project.write(FR, without_lines(&stale, |l| l.starts_with("# stale:")));
    assert_eq!(stale_count(&project), 1);
    let run = project.ok(&["sync"]);
    assert_eq!(project.read(FR), stale, "sync restores the comment view");
    // And says so, with the way out.
    assert!(
        run.stderr
            .contains("`intro-3`: its stale mark was deleted but the translation was not revised")
            && run.stderr.contains("honyaku sync --accept fr/doc/intro-3"),
        "{}",
        run.stderr
    );
    let again = project.ok(&["sync"]);
    assert!(
        !again.stderr.contains("stale mark was deleted"),
        "{}",
        again.stderr
    );
}

#[test]
fn deleting_every_comment_does_not_make_a_translation_current() {
    let project = with_stale();
    let stale = project.read(FR);
    project.write(FR, without_lines(&stale, |l| l.starts_with('#')));
    assert_eq!(stale_count(&project), 1);
    project.ok(&["sync"]);
    let restored = project.read(FR);
    assert!(
        restored.contains("# was ja: 目標は九割です。"),
        "{restored}"
    );
    assert!(restored.contains("# change ja: 目標は[-九-]{+八+}割です。"));
    assert_eq!(stale_count(&project), 1);
    let again = project.ok(&["sync"]);
    assert!(!again.stdout.contains("updated"), "{}", again.stdout);
}

/// Translate Toolkit's Fluent store, as a CAT tool that keeps no notes would write the file.
#[test]
fn a_translate_toolkit_round_trip_without_notes_does_not_make_a_translation_current() {
    let available = Command::new("python3")
        .args(["-c", "import translate.storage.fluent"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs python3 with translate-toolkit (.ci/requirements.txt)"
        );
        eprintln!("skipped: translate-toolkit is not installed");
        return;
    }
    let project = with_stale();
    let script = "import io, sys\n\
        from translate.storage import fluent\n\
        path = sys.argv[1]\n\
        store = fluent.FluentFile(io.BytesIO(open(path, 'rb').read()))\n\
        for unit in store.units:\n    unit.removenotes()\n\
        open(path, 'wb').write(bytes(store))\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(project.path().join(FR))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tool = project.read(FR);
    assert!(
        !tool.contains("# stale") && !tool.contains("# ja:"),
        "{tool}"
    );
    assert_eq!(stale_count(&project), 1);
    project.ok(&["sync"]);
    assert!(project.read(FR).contains("# was ja: 目標は九割です。"));
    assert_eq!(stale_count(&project), 1);
}

#[test]
fn a_source_missing_for_one_run_does_not_make_a_translation_current() {
    let project = with_stale();
    let ja = project.read(JA);
    std::fs::remove_file(project.path().join(JA)).unwrap();
    project.ok(&["sync"]);
    project.write(JA, ja);
    project.ok(&["sync"]);
    assert_eq!(stale_count(&project), 1);
    assert!(project.read(FR).contains("# was ja: 目標は九割です。"));
}

#[test]
fn revising_clears_the_mark_but_a_new_value_under_the_mark_does_not() {
    let project = with_stale();
    let stale = project.read(FR);
    // A new value with the mark kept: still stale (the translator is not done).
    let edited = stale.replace("intro-3 = FR intro-3", "intro-3 = FR révisé");
    project.write(FR, &edited);
    project.ok(&["sync"]);
    assert_eq!(stale_count(&project), 1);
    // Then the mark deleted: revised, current.
    project.write(
        FR,
        without_lines(&project.read(FR), |l| l.starts_with("# stale:")),
    );
    project.ok(&["sync"]);
    assert_eq!(stale_count(&project), 0);
    let current = project.read(FR);
    assert!(!current.contains("# was ja:"), "{current}");
    assert!(!project.read(FR_LEDGER).contains("was ja="));
}

#[test]
fn accept_clears_a_stale_mark_without_changing_the_translation() {
    let project = with_stale();
    let run = project.run(&["sync", "--accept", "nodoc/intro-3"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no document `nodoc`"), "{}", run.stderr);
    project.ok(&["sync", "--accept", "doc/intro-3"]);
    assert_eq!(stale_count(&project), 0);
    assert!(project.read(FR).contains("intro-3 = FR intro-3"));
    project.ok(&["sync"]);
    assert_eq!(stale_count(&project), 0);
}

#[test]
fn accept_in_one_locale_leaves_the_others_stale_and_an_unknown_id_is_an_error() {
    let project = translated();
    // A German catalog translated too, then the Japanese changes: stale in both.
    let de = project
        .read(FR)
        .replace("FR ", "DE ")
        .replace(" fr ", " de ");
    project.write("locales/de/doc.ftl", de);
    project.ok(&["sync"]);
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は八割です。\n",
    );
    project.ok(&["sync"]);
    let stale = |locale: &str| {
        let run = project.ok(&["status", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        json["locales"][locale]["doc"]["stale"].as_u64().unwrap()
    };
    assert_eq!((stale("fr"), stale("de")), (1, 1));

    let typo = project.run(&["sync", "--accept", "fr/doc/intro-33"]);
    assert_eq!(typo.code, 1, "{}", typo.stderr);
    assert!(
        typo.stderr.contains("no message `intro-33`"),
        "{}",
        typo.stderr
    );
    assert_eq!((stale("fr"), stale("de")), (1, 1));
    let source = project.run(&["sync", "--accept", "ja/doc/intro-3"]);
    assert_eq!(source.code, 2, "{}", source.stderr);

    let accepted = project.ok(&["sync", "--accept", "fr/doc/intro-3"]);
    assert!(
        accepted.stderr.contains("accepted doc/intro-3 in fr"),
        "{}",
        accepted.stderr
    );
    assert_eq!((stale("fr"), stale("de")), (0, 1));
}

#[test]
fn when_the_english_catches_up_the_translation_stays_one_stale_mark_with_both_sources() {
    let project = with_stale();
    project.write(
        EN,
        "The ministry published the plan.\n\nThe plan has three pillars. The target is 80 percent.\n",
    );
    project.ok(&["sync"]);
    let fr = project.read(FR);
    assert_eq!(fr.matches("# stale:").count(), 1, "{fr}");
    assert!(fr.contains("# was ja: 目標は九割です。"), "{fr}");
    assert!(fr.contains("# was en: The target is 90 percent."), "{fr}");
    assert_eq!(stale_count(&project), 1);
}

#[test]
fn a_catalog_without_a_ledger_gets_one_from_its_comments_without_changing_states() {
    let project = with_stale();
    let fr = project.read(FR);
    let ledger = project.read(FR_LEDGER);
    std::fs::remove_file(project.path().join(FR_LEDGER)).unwrap();
    let run = project.ok(&["sync"]);
    assert!(
        run.stdout.contains("locales/fr/doc.ledger created"),
        "{}",
        run.stdout
    );
    assert_eq!(project.read(FR), fr);
    assert_eq!(project.read(FR_LEDGER), ledger);
    assert_eq!(stale_count(&project), 1);
}

#[test]
fn a_broken_ledger_is_reported_and_neither_file_is_rewritten() {
    let project = with_stale();
    project.write(FR_LEDGER, "intro-3\tja=nothex\n");
    let fr = project.read(FR);
    let run = project.run(&["sync"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("locales/fr/doc.ledger:1:"),
        "{}",
        run.stderr
    );
    assert_eq!(project.read(FR), fr);
    assert_eq!(project.read(FR_LEDGER), "intro-3\tja=nothex\n");
}

#[test]
fn sync_check_lists_documents_a_sync_would_change_and_writes_nothing() {
    let project = translated();
    let run = project.run(&["sync", "--check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("every catalog is current"));
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は八割です。\n",
    );
    let before = project.snapshot("locales");
    let run = project.run(&["sync", "--check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("doc: not current"), "{}", run.stdout);
    assert_eq!(project.snapshot("locales"), before);
}

/// The `sources.en.doc` lists of `status --format json`.
fn behind_and_extra(project: &TempProject) -> (Vec<String>, Vec<String>) {
    let run = project.ok(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let list = |key: &str| -> Vec<String> {
        json["sources"]["en"]["doc"][key]
            .as_array()
            .unwrap_or_else(|| panic!("no sources.en.doc.{key} in {json}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    (list("behind"), list("extra"))
}

#[test]

fn the_english_release_is_tracked_as_a_translation_of_the_original() {
    let project = translated();
    assert_eq!(behind_and_extra(&project), (vec![], vec![]));
    // The Japanese changes one sentence and adds a paragraph; the English does not follow
    // yet.
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は八割です。\n\n期限は五年です。\n",
    );
    project.ok(&["sync"]);
    let (behind, extra) = behind_and_extra(&project);
    assert_eq!(behind.len(), 2, "{behind:?}");
    assert!(behind.contains(&String::from("intro-3")), "{behind:?}");
    assert!(extra.is_empty());
    let status = project.ok(&["status"]);
    assert!(
        status
            .stdout
            .contains("doc: en behind ja: 1 added, 1 changed, 0 extra"),
        "{}",
        status.stdout
    );
    let diff = project.ok(&["diff"]);
    assert!(
        diff.stdout
            .contains("== doc: en behind ja: 1 added, 1 changed, 0 extra"),
        "{}",
        diff.stdout
    );
    // A second sync of the same texts keeps the lists.
    project.ok(&["sync"]);
    assert_eq!(behind_and_extra(&project).0, behind);
    // The English catches up: both lists empty.
    project.write(
        EN,
        "The ministry published the plan.\n\nThe plan has three pillars. The target is 80 percent.\n\nThe deadline is five years.\n",
    );
    project.ok(&["sync"]);
    assert_eq!(behind_and_extra(&project), (vec![], vec![]));
}

#[test]
fn an_english_sentence_whose_original_was_removed_is_extra_until_the_english_follows() {
    let project = translated();
    project.write(JA, "本計画は三つの柱からなります。目標は九割です。\n");
    project.ok(&["sync"]);
    let (behind, extra) = behind_and_extra(&project);
    assert!(behind.is_empty(), "{behind:?}");
    assert_eq!(extra, vec![String::from("intro-1")]);
    project.write(
        EN,
        "The plan has three pillars. The target is 90 percent.\n",
    );
    project.ok(&["sync"]);
    assert_eq!(behind_and_extra(&project), (vec![], vec![]));
}

#[test]
fn a_crlf_catalog_stays_crlf_and_a_second_sync_changes_nothing() {
    let project = with_stale();
    let crlf = project.read(FR).replace('\n', "\r\n");
    let crlf = crlf.replace(
        "intro-1 = FR intro-1\r\n",
        "# my own note\r\nintro-1 = FR intro-1\r\n",
    );
    project.write(FR, &crlf);
    project.ok(&["sync"]);
    let after = project.read(FR);
    assert_eq!(after, crlf, "a current CRLF catalog is left as it is");
    // A change sync must make is written in CRLF too.
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は七割です。\n",
    );
    project.ok(&["sync"]);
    let changed = project.read(FR);
    assert!(
        changed.contains("# was ja: 目標は九割です。\r\n"),
        "{changed:?}"
    );
    assert!(
        changed.contains("# ja: 目標は七割です。\r\n"),
        "{changed:?}"
    );
    assert!(changed.contains("# my own note\r\n"));
    assert_eq!(
        changed.matches('\n').count(),
        changed.matches("\r\n").count()
    );
    let again = project.ok(&["sync"]);
    assert!(!again.stdout.contains("updated"), "{}", again.stdout);
}

#[test]
fn a_japanese_edit_puts_its_message_behind_until_the_english_follows() {
    let project = translated();
    project.write(
        JA,
        "総務省は計画を公表しました。\n\n本計画は三つの柱からなります。目標は八割です。\n",
    );
    project.ok(&["sync"]);
    assert_eq!(
        behind_and_extra(&project),
        (vec![String::from("intro-3")], vec![])
    );
    let status = project.ok(&["status"]);
    assert!(
        status
            .stdout
            .contains("doc: en behind ja: 0 added, 1 changed, 0 extra"),
        "{}",
        status.stdout
    );
    project.write(
        EN,
        "The ministry published the plan.\n\nThe plan has three pillars. The target is 80 percent.\n",
    );
    project.ok(&["sync"]);
    assert_eq!(behind_and_extra(&project), (vec![], vec![]));
}
