//! A user's text, words, comments and layout are never lost nor moved behind their back, and
//! what honyaku keeps or leaves is accounted for: reviewers' findings (rev17), end to end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed run, not a crash on user data"
)]

mod common;

use common::TempProject;

/// A project with `--target fr` and these source texts, synced once.
fn project(files: &[(&str, &str)]) -> TempProject {
    let project = TempProject::new();
    project.ok(&["init", "--target", "fr"]);
    for (path, text) in files {
        project.write(path, text);
    }
    project.ok(&["sync", "-q"]);
    project
}

/// Fills the slots `# id =` of a catalog with these translations.
fn fill(catalog: &str, translations: &[(&str, &str)]) -> String {
    let mut out = catalog.to_owned();
    for (id, text) in translations {
        out = out.replace(&format!("# {id} =\n"), &format!("{id} = {text}\n"));
    }
    out
}

/// rev17b/05: the sentences of two messages are merged (the first one's message retired):
/// a translator's standalone lines above the retired message (a group comment, a comment, a
/// message of their own) stay where they were, above the entry that follows, not moved to
/// the end of the live section.
#[test]
fn a_translators_lines_above_a_retired_message_stay_in_place() {
    let p = project(&[(
        "source_texts/ja/a.txt",
        "令和8年8月1日\n総務省\n\n統計調査の結果\n\n第1段落の文です。調査の対象は全国1,200社です。\n\n第2段落の文です。結果は別添のとおりです。\n\n今後も調査を続けます。\n",
    )]);
    let fr = "locales/fr/a.ftl";
    let mut text = fill(
        &p.read(fr),
        &[
            ("intro-1", "Phrase 1."),
            ("intro-2", "Phrase 2."),
            ("intro-3", "Phrase 3."),
            ("intro-4", "Phrase 4."),
            ("intro-5", "Phrase 5."),
        ],
    );
    let mine = "## Deuxième partie (relue par MD)\n\n# note: paragraphe 2 à relire\nmy-para2-note = À relire\n\n";
    text = text.replace(
        "# ja: 第2段落の文です。\n",
        &format!("{mine}# ja: 第2段落の文です。\n"),
    );
    p.write(fr, &text);
    p.ok(&["sync", "-q"]);
    p.write(
        "source_texts/ja/a.txt",
        "令和8年8月1日\n総務省\n\n統計調査の結果\n\n第1段落の文です。調査の対象は全国1,200社です。\n\n第2段落の文であり、結果は別添のとおりです。\n\n今後も調査を続けます。\n",
    );
    p.ok(&["sync", "-q"]);
    let after = p.read(fr);
    let mine_at = after
        .find(mine)
        .unwrap_or_else(|| panic!("lines lost:\n{after}"));
    let intro_2 = after.find("intro-2 = Phrase 2.").unwrap();
    let intro_4 = after.find("intro-4 = Phrase 4.").unwrap();
    let intro_5 = after.find("intro-5 = Phrase 5.").unwrap();
    assert!(
        intro_2 < mine_at && mine_at < intro_4 && intro_4 < intro_5,
        "{after}"
    );
    // The retired message itself goes to the obsolete section, as before.
    let obsolete = after.find("## honyaku: obsolete").unwrap();
    assert!(
        after.find("intro-3 = Phrase 3.").unwrap() > obsolete,
        "{after}"
    );
    // A second sync changes nothing.
    p.ok(&["sync", "-q"]);
    assert_eq!(p.read(fr), after);
}

/// rev17b/14: with the suggestion lines off (the default), a translator's comments that
/// start like them (`# tm 100% sure: …`, `# tm change ja: none …`) are kept: only lines of
/// the exact shape honyaku writes are its own.
#[test]
fn comments_that_look_like_suggestion_lines_are_the_translators() {
    let p = project(&[("source_texts/ja/a.txt", "令和8年8月1日\n総務省\n")]);
    let fr = "locales/fr/a.ftl";
    let mine = "# tm 100% sure: the client wants the full ministry name\n# tm change ja: none since v1, checked by MD\n# tm is trademark: keep it\n";
    let text = p.read(fr).replace(
        "# ja: 総務省\n# issuer =\n",
        &format!("# ja: 総務省\n{mine}# issuer =\n"),
    );
    p.write(fr, &text);
    p.ok(&["sync", "-q"]);
    assert_eq!(p.read(fr), text);
    // A line of the generated shape is honyaku's, and goes when the lines are off.
    let generated = text.replace(
        "# issuer =\n",
        "# tm 100% exact (b/issuer): Ministère\n# tm change ja: [-x-]{+総務省+}\n# issuer =\n",
    );
    p.write(fr, &generated);
    p.ok(&["sync", "-q"]);
    assert_eq!(p.read(fr), text);
}

/// rev17b/08: a page that is not rebuilt (its catalog does not parse, or `build --check`
/// withholds it) stays on disk, and stays accounted for: in the manifest (marked kept, with
/// the reason), in the locale's index, in the other pages' language switchers and in the
/// build report.
#[test]
fn a_page_not_rebuilt_stays_listed_and_reported() {
    let p = project(&[(
        "source_texts/ja/d.txt",
        "令和8年4月10日\n総務省\n\n第3回会議の開催\n\n電話：03-5253-5111\n",
    )]);
    let fr = "locales/fr/d.ftl";
    let good = fill(
        &p.read(fr),
        &[
            ("release-date", "10 avril 2026"),
            ("issuer", "Ministère"),
            ("title", "Tenue de la 3e réunion"),
            ("intro-1", "Tél. : 03-5253-5111"),
        ],
    );
    p.write(fr, &good);
    p.ok(&["sync", "-q"]);
    let formats = ["--format", "html", "--format", "txt"];
    p.ok(&[&["build"][..], &formats].concat());
    let page = p.read("dist/fr/d.html");
    let manifest_fr = |p: &TempProject| -> Vec<serde_json::Value> {
        let manifest: serde_json::Value =
            serde_json::from_str(&p.read("dist/manifest.json")).unwrap();
        manifest["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["locale"] == "fr")
            .cloned()
            .collect()
    };
    assert_eq!(manifest_fr(&p).len(), 2);

    // The catalog does not parse (a merge conflict marker).
    p.write(fr, format!("{good}<<<<<<< HEAD\n"));
    let run = p.run(&[&["build", "--report", "json"][..], &formats].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fr_builds: Vec<&serde_json::Value> = report["builds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["locale"] == "fr")
        .collect();
    assert_eq!(fr_builds.len(), 1, "{}", run.stdout);
    assert_eq!(fr_builds[0]["document"], "d");
    assert!(
        fr_builds[0]["withheld"]
            .as_str()
            .unwrap()
            .contains("locales/fr/d.ftl does not parse"),
        "{}",
        run.stdout
    );
    assert_eq!(fr_builds[0]["kept"].as_array().unwrap().len(), 2);
    assert_eq!(p.read("dist/fr/d.html"), page);
    let kept = manifest_fr(&p);
    assert_eq!(kept.len(), 2, "{kept:?}");
    for entry in &kept {
        let why = entry["kept"].as_str().unwrap();
        assert!(
            why.contains("does not parse") && why.contains("earlier build"),
            "{why}"
        );
    }
    assert!(p.read("dist/fr/index.html").contains("d.html"));
    assert!(p.read("dist/ja/d.html").contains("../fr/d.html"));
    let text = p.run(&[&["build"][..], &formats].concat());
    assert!(
        text.stdout
            .contains("fr/d: not published: locales/fr/d.ftl does not parse")
            && text
                .stdout
                .contains("kept from an earlier build: dist/fr/d.html, dist/fr/d.txt"),
        "{}",
        text.stdout
    );

    // A QA error under `build --check`.
    p.write(fr, good.replace("03-5253-5111\n", "03-5253-5112\n"));
    p.run(&["sync", "-q"]);
    let run = p.run(&[&["build", "--check"][..], &formats].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(p.read("dist/fr/d.html"), page);
    let kept = manifest_fr(&p);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(
        kept[0]["kept"].as_str().unwrap().contains("QA error"),
        "{kept:?}"
    );
    assert!(p.read("dist/fr/index.html").contains("d.html"));
    assert!(p.read("dist/ja/d.html").contains("../fr/d.html"));
    assert!(
        run.stdout.contains("kept from an earlier build"),
        "{}",
        run.stdout
    );
}

/// rev17a/06: an English release saved under a misspelt name (no Japanese original of that
/// name) is synced as a document of its own, but with a warning naming the nearest original.
#[test]
fn an_english_release_without_its_original_is_warned_about() {
    let p = project(&[(
        "source_texts/ja/2026-12-02-mhlw-vaccine.txt",
        "2026年12月2日\n\n第３回集計を公表します。\n",
    )]);
    p.write(
        "source_texts/en/2026-12-02-mhlw-vacine.txt",
        "December 2, 2026\n\nThe 3rd tally is published.\n",
    );
    let run = p.ok(&["sync"]);
    assert!(
        run.stderr.contains(
            "warning: source_texts/en/2026-12-02-mhlw-vacine.txt: a release in en with no original in ja of that name"
        ) && run.stderr.contains(
            "rename it to source_texts/en/2026-12-02-mhlw-vaccine.txt"
        ),
        "{}",
        run.stderr
    );
    // An original with its English release draws no warning.
    p.write(
        "source_texts/en/2026-12-02-mhlw-vaccine.txt",
        "December 2, 2026\n\nThe 3rd tally is published.\n",
    );
    std::fs::remove_file(p.path().join("source_texts/en/2026-12-02-mhlw-vacine.txt")).unwrap();
    let run = p.ok(&["sync"]);
    assert!(!run.stderr.contains("no original in ja"), "{}", run.stderr);
}

/// rev17a/08: a withdrawn release (source texts deleted) is reported by `diff` as removed
/// until a sync has seen the withdrawal; after it, sync changes nothing of it, and diff says
/// it is withdrawn instead of listing the same removals on every run. Sync says withdrawn.
#[test]
fn a_withdrawal_already_synced_is_not_reported_again_by_diff() {
    let p = project(&[(
        "source_texts/ja/meti.txt",
        "令和８年１２月３日\n\n第２次公募を開始します。説明会を開催します。\n",
    )]);
    std::fs::remove_file(p.path().join("source_texts/ja/meti.txt")).unwrap();
    let before = p.ok(&["diff", "--color", "never"]);
    assert!(
        before.stdout.contains("== meti (ja)\n3 removed"),
        "{}",
        before.stdout
    );
    let sync = p.ok(&["sync"]);
    assert!(
        sync.stdout
            .contains("meti: withdrawn (no source text): its catalogs are kept as they are"),
        "{}",
        sync.stdout
    );
    for _ in 0..2 {
        let after = p.ok(&["diff", "--color", "never"]);
        assert!(!after.stdout.contains("removed"), "{}", after.stdout);
        assert!(
            after.stdout.contains("== meti: withdrawn"),
            "{}",
            after.stdout
        );
        p.ok(&["sync", "-q"]);
    }
}
