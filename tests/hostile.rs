//! Hostile input, one test each: every bad file is refused with an error naming the file (and
//! line and column where a position exists) and what to do, the run exits non-zero without
//! panicking, nothing bad is rewritten, and the healthy documents beside it are still synced.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test, not a crash on user data"
)]

mod common;

use std::fs;

use common::{Run, TempProject, translate_all};

const G20: &str = "2020-05-01-g20-digital-economy";
/// A document added next to the hostile one: it must be synced all the same.
const HEALTHY: &str = "2030-01-01-healthy";

/// The shipped corpus, synced, with a French translation of the G20 release.
fn project() -> TempProject {
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let fr = format!("locales/fr/{G20}.ftl");
    project.write(&fr, translate_all(&project.read(&fr), "FR"));
    project.ok(&["sync"]);
    project.write(
        &format!("source_texts/ja/{HEALTHY}.txt"),
        project.read(&format!("source_texts/ja/{G20}.txt")),
    );
    project
}

/// Runs `args`, expecting a refusal: exit 1 (problems found), no panic, every `expected`
/// piece in stderr, a `help:` line, and the healthy document synced.
fn refused(project: &TempProject, args: &[&str], expected: &[&str]) -> Run {
    let run = project.run(args);
    assert_eq!(run.code, 1, "{args:?} exit code\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for piece in expected {
        assert!(
            run.stderr.contains(piece),
            "{args:?}: stderr lacks {piece:?}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("help: "),
        "says what to do:\n{}",
        run.stderr
    );
    if args == ["sync"] {
        for locale in ["ja", "fr"] {
            assert!(
                project.exists(&format!("locales/{locale}/{HEALTHY}.ftl")),
                "the healthy document was synced in {locale}"
            );
        }
    }
    run
}

fn source(doc: &str) -> String {
    format!("source_texts/ja/{doc}.txt")
}

#[test]
fn invalid_utf8_is_refused_with_byte_offset_line_and_column() {
    let project = project();
    let mut bytes = "総務省\n報道".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("資料\n".as_bytes());
    project.write(&source("2030-02-01-latin1"), bytes);
    // 総務省 (9 bytes) + LF, then 報道 (6 bytes): byte 16, line 2, column 3.
    refused(
        &project,
        &["sync"],
        &[
            "2030-02-01-latin1.txt:2:3",
            "invalid UTF-8 at byte offset 16",
            "UTF-8",
        ],
    );
    assert!(!project.exists("locales/ja/2030-02-01-latin1.ftl"));
}

#[test]
fn utf16_and_nul_bytes_are_refused() {
    let project = project();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("総務省".encode_utf16().flat_map(u16::to_le_bytes));
    project.write(&source("2030-02-02-utf16"), utf16);
    project.write(&source("2030-02-03-nul"), "総務省\nab\0c\n");
    refused(
        &project,
        &["sync"],
        &[
            "2030-02-02-utf16.txt:1:1: file is UTF-16",
            "2030-02-03-nul.txt:2:3: NUL byte at byte offset 12",
        ],
    );
}

#[test]
fn a_10_mb_single_line_is_refused() {
    let project = project();
    let line = "総務省は、本日、会合を開催しました。".repeat(10 * 1024 * 1024 / 54 + 1);
    assert!(line.len() >= 10 * 1024 * 1024);
    project.write(&source("2030-02-04-one-line"), format!("題名\n\n{line}\n"));
    refused(
        &project,
        &["sync"],
        &[
            "2030-02-04-one-line.txt:3:1: line 3 is",
            "over honyaku's limit",
        ],
    );
}

#[test]
fn a_100_000_line_document_syncs_and_builds() {
    let project = TempProject::new();
    let mut text = String::from("総務省　大規模文書の試験\n\n");
    for i in 0..50_000 {
        text.push_str(&format!("第{i}項の内容を確認しました。\n\n"));
    }
    assert!(text.lines().count() >= 100_000);
    project.write(&source("2030-02-05-long"), &text);
    // Completes (it took minutes when id allocation was quadratic); its speed is measured
    // by benchmarks, never asserted here (shared machines are noisy).
    project.ok(&["sync"]);
    project.ok(&["build", "--locale", "ja"]);
    assert_eq!(project.read("dist/ja/2030-02-05-long.txt"), text);
}

/// A release past the line limit for source texts (the 1,000,000-line case took 4 GB): refused
/// with its name, the first line over the limit and the limit, in every command that reads
/// it, and the other documents are synced all the same.
#[test]
fn a_source_past_the_line_limit_is_refused_with_the_limit() {
    let project = project();
    let doc = "2030-02-09-too-long";
    let text: String = (0..300_001).map(|i| format!("第{i}項。\n")).collect();
    project.write(&source(doc), &text);
    for args in [&["sync"][..], &["status"], &["build"]] {
        refused(
            &project,
            args,
            &[&format!(
                "{doc}.txt:300001:1: has 300001 lines, over honyaku's limit of 300000"
            )],
        );
    }
    // (The limit itself is accepted: `fsio`'s unit test checks the boundary.)
    assert!(!project.exists(&format!("locales/ja/{doc}.ftl")));
}

/// A Japanese release a hundred times longer than its English one (the shape of the
/// 1,000,000-against-10,000 case in BENCHMARKS.md, small enough for a debug build): the
/// sync completes, each English line is paired with the Japanese line that shares its
/// number, every other Japanese line stands alone, and both texts build back byte for byte.
#[test]
fn a_lopsided_pair_aligns_on_its_anchors_and_round_trips() {
    let project = TempProject::new();
    let (ja_lines, en_lines) = (10_000, 100);
    let step = ja_lines / en_lines;
    let mut ja = String::from("大規模文書の試験\n");
    for i in 0..ja_lines {
        ja.push_str(&format!("\n第{i}項の内容を確認しました。\n"));
    }
    let mut en = String::from("A test of a large document\n");
    for k in 0..en_lines {
        en.push_str(&format!("\nItem {} was confirmed.\n", k * step));
    }
    let doc = "2030-02-08-lopsided";
    project.write(&source(doc), &ja);
    project.write(&format!("source_texts/en/{doc}.txt"), &en);
    project.ok(&["sync"]);
    let run = project.ok(&[
        "align",
        "--format",
        "json",
        &source(doc),
        &format!("source_texts/en/{doc}.txt"),
    ]);
    let beads: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let beads = beads["beads"].as_array().expect("beads");
    let mut paired = 0;
    for bead in beads {
        let texts = |side: &str| -> Vec<String> {
            bead[side]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_owned())
                .collect()
        };
        let (ja, en) = (texts("ja"), texts("en"));
        assert!(ja.len() <= 1, "{bead}");
        if let ([ja], [en]) = (&ja[..], &en[..]) {
            if let Some(number) = en
                .strip_prefix("Item ")
                .and_then(|e| e.strip_suffix(" was confirmed."))
            {
                assert_eq!(ja, &format!("第{number}項の内容を確認しました。"), "{bead}");
                paired += 1;
            }
        } else {
            assert!(en.is_empty(), "every English line is paired: {bead}");
        }
    }
    assert_eq!(
        paired, en_lines,
        "each English line found its Japanese line"
    );
    project.ok(&["build", "--locale", "ja", "--locale", "en"]);
    assert_eq!(project.read(&format!("dist/ja/{doc}.txt")), ja);
    assert_eq!(project.read(&format!("dist/en/{doc}.txt")), en);
}

#[test]
fn mixed_crlf_and_lf_round_trip_byte_for_byte() {
    let project = project();
    for lang in ["ja", "en"] {
        let text = project.read(&format!("source_texts/{lang}/{G20}.txt"));
        let mixed: String = text
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, line)| {
                if i % 2 == 1 {
                    line.replace('\n', "\r\n")
                } else {
                    line.to_owned()
                }
            })
            .collect();
        assert!(mixed.contains("\r\n") && mixed.contains(".\n") || mixed.contains("。\n"));
        project.write(&format!("source_texts/{lang}/2030-02-06-mixed.txt"), &mixed);
    }
    project.ok(&["sync"]);
    project.ok(&["build", "--locale", "ja", "--locale", "en"]);
    for lang in ["ja", "en"] {
        let built = fs::read(
            project
                .path()
                .join(format!("dist/{lang}/2030-02-06-mixed.txt")),
        );
        let original = fs::read(
            project
                .path()
                .join(format!("source_texts/{lang}/2030-02-06-mixed.txt")),
        );
        assert_eq!(
            built.unwrap(),
            original.unwrap(),
            "{lang} is byte-identical"
        );
    }
}

#[test]
fn an_empty_source_text_is_refused_and_its_catalogs_kept() {
    let project = project();
    let before: Vec<String> = ["ja", "en", "fr"]
        .iter()
        .map(|l| project.read(&format!("locales/{l}/{G20}.ftl")))
        .collect();
    project.write(&source(G20), "");
    refused(
        &project,
        &["sync"],
        &[
            &format!("{G20}.txt: source text is empty"),
            "restore its content",
        ],
    );
    let after: Vec<String> = ["ja", "en", "fr"]
        .iter()
        .map(|l| project.read(&format!("locales/{l}/{G20}.ftl")))
        .collect();
    assert_eq!(before, after, "no catalog was touched");
}

/// A French catalog holding `text`: sync reports `expected` and leaves the bytes alone.
fn broken_catalog(text: &str, expected: &[&str]) {
    let project = project();
    let fr = format!("locales/fr/{G20}.ftl");
    project.write(&fr, text);
    refused(&project, &["sync"], expected);
    assert_eq!(project.read(&fr), text, "never rewritten");
}

#[test]
fn ftl_junk_is_refused_and_never_rewritten() {
    let text = project_fr();
    let broken = text.replacen("\ntitle = ", "\nthis line is not Fluent\ntitle = ", 1);
    assert_ne!(broken, text);
    let line = broken
        .lines()
        .position(|l| l == "this line is not Fluent")
        .unwrap()
        + 1;
    broken_catalog(
        &broken,
        &[&format!("fr/{G20}.ftl:{line}:"), "honyaku did not touch it"],
    );
}

#[test]
fn ftl_duplicate_ids_are_refused_and_never_rewritten() {
    let text = project_fr();
    let broken = format!("{text}\ntitle = FR again\n");
    let line = broken.lines().count();
    broken_catalog(
        &broken,
        &[&format!("fr/{G20}.ftl:{line}:1"), "duplicate id \"title\""],
    );
}

#[test]
fn ftl_merge_conflicts_are_refused_and_never_rewritten() {
    let text = project_fr();
    let (head, tail) = text.split_at(text.len() / 2);
    let cut = head.rfind('\n').unwrap() + 1;
    let broken = format!(
        "{}<<<<<<< HEAD\ntitle-mine = ours\n=======\ntitle-theirs = theirs\n>>>>>>> branch\n{}{tail}",
        &head[..cut],
        &head[cut..]
    );
    let line = broken.lines().position(|l| l == "<<<<<<< HEAD").unwrap() + 1;
    broken_catalog(
        &broken,
        &[&format!("fr/{G20}.ftl:{line}:1: merge conflict")],
    );
}

/// The translated French catalog of the G20 release, as [`project`] leaves it.
fn project_fr() -> String {
    project().read(&format!("locales/fr/{G20}.ftl"))
}

#[test]
fn bad_locale_directories_and_document_names_are_reported_and_skipped() {
    let project = project();
    project.write("locales/French/notes.ftl", "a = b\n");
    project.write("source_texts/ja/My Release.txt", "総務省\n");
    refused(
        &project,
        &["sync"],
        &[
            "locales/French: directory name",
            "My Release.txt: document name `My Release` is not a slug",
            "rename",
        ],
    );
    assert_eq!(project.read("locales/French/notes.ftl"), "a = b\n");
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_project_are_neither_read_nor_written() {
    use std::os::unix::fs::symlink;
    let project = project();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "社外秘の文書です。\n").unwrap();
    symlink(&secret, project.path().join(source("2030-02-07-link"))).unwrap();
    symlink(outside.path(), project.path().join("locales/de")).unwrap();
    // A catalog of a real document leading outside: read through, then replaced, if followed.
    let their_catalog = outside.path().join("theirs.ftl");
    fs::write(&their_catalog, "theirs = keep me\n").unwrap();
    let fr = project.path().join(format!("locales/fr/{G20}.ftl"));
    fs::remove_file(&fr).unwrap();
    symlink(&their_catalog, &fr).unwrap();

    let run = refused(
        &project,
        &["sync"],
        &[
            "2030-02-07-link.txt: symbolic link to",
            "locales/de: symbolic link to",
            &format!("{G20}.ftl: symbolic link to"),
            "outside the project",
        ],
    );
    assert!(!run.stdout.contains("2030-02-07-link"), "{}", run.stdout);
    let outside_files: Vec<_> = fs::read_dir(outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        outside_files.len(),
        2,
        "nothing written outside: {outside_files:?}"
    );
    assert_eq!(
        fs::read_to_string(&their_catalog).unwrap(),
        "theirs = keep me\n"
    );
    assert!(
        fs::symlink_metadata(&fr).unwrap().is_symlink(),
        "the link is left alone"
    );
    assert!(!project.exists("locales/ja/2030-02-07-link.ftl"));

    // A locale honyaku must write into that leads outside stops the run before any write.
    project.write("honyaku.toml", "targets = [\"de\"]\n");
    let run = project.run(&["sync"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/de: symbolic link to"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 2);
}

/// The G20 release with its source texts deleted after translation; returns the French
/// catalog as translated.
fn orphaned() -> (TempProject, String) {
    let project = project();
    let translated = project.read(&format!("locales/fr/{G20}.ftl"));
    fs::remove_file(project.path().join(source(G20))).unwrap();
    fs::remove_file(project.path().join(format!("source_texts/en/{G20}.txt"))).unwrap();
    (project, translated)
}

#[test]
fn a_deleted_source_text_keeps_its_translations() {
    let (project, translated) = orphaned();
    for command in ["sync", "status"] {
        let run = project.run(&[command]);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("no source text for \"{G20}\"")),
            "{command}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("help: "), "{}", run.stderr);
    }
    assert_eq!(
        project.read(&format!("locales/fr/{G20}.ftl")),
        translated,
        "translations kept byte for byte"
    );
}

#[test]
fn status_reports_translations_of_a_deleted_source_as_obsolete() {
    let (project, translated) = orphaned();
    let status = project.run(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let translations = translated.lines().filter(|l| l.contains(" = FR ")).count();
    assert!(translations > 10);
    assert_eq!(
        json["locales"]["fr"][G20]["obsolete"].as_u64(),
        Some(translations as u64),
        "status lists the orphaned translations as obsolete:\n{}",
        status.stdout
    );
}

#[test]
fn config_unknown_keys_and_wrong_types_are_errors_with_positions() {
    let project = project();
    for (config, expected) in [
        ("source = \"ja\"\ntargest = [\"fr\"]\n", "honyaku.toml:2:1"),
        ("targets = \"fr\"\n", "honyaku.toml:1:11"),
        ("[build]\nstale = \"sometimes\"\n", "honyaku.toml:2:9"),
    ] {
        project.write("honyaku.toml", config);
        for command in ["sync", "status", "build"] {
            let run = project.run(&[command]);
            assert_eq!(run.code, 2, "{config}: {}", run.stderr);
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            assert!(run.stderr.contains(expected), "{config}: {}", run.stderr);
            assert!(run.stderr.contains("help: "), "{}", run.stderr);
        }
    }
}
