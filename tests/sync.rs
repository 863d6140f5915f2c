//! `honyaku sync` and `status` end to end: ids through revisions, stale marks with the previous
//! source, obsolete sections, translators' bytes, bad files, idempotence, the shipped corpus.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{TempProject, copy_dir, repo, translate_all};

const DOC: &str = "source_texts/ja/2021-03-26-plan.txt";
const JA: &str = "locales/ja/2021-03-26-plan.ftl";
const FR: &str = "locales/fr/2021-03-26-plan.ftl";

fn fixture(name: &str) -> String {
    fs::read_to_string(repo().join("tests/fixtures/revisions").join(name)).expect("fixture")
}

/// `id -> value` of the single-line messages of a catalog.
fn messages(catalog: &str) -> BTreeMap<String, String> {
    catalog
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

fn id_of(catalog: &str, text: &str) -> String {
    messages(catalog)
        .into_iter()
        .find(|(_, v)| v == text)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no message with text {text}"))
}

/// The entry block (comment lines and message) of `id` in a target catalog.
fn entry<'a>(catalog: &'a str, id: &str) -> &'a str {
    catalog
        .split("\n\n")
        .find(|block| {
            block
                .lines()
                .any(|l| l.starts_with(&format!("{id} = ")) || l == format!("# {id} ="))
        })
        .unwrap_or_else(|| panic!("no entry {id} in\n{catalog}"))
}

/// A project at revision v1 with a complete French translation.
fn translated_v1() -> TempProject {
    let project = TempProject::new();
    project.write(DOC, fixture("ja/v1.txt"));
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project.write(FR, translate_all(&project.read(FR), "FR"));
    project.ok(&["sync"]);
    project
}

#[test]
fn revisions_keep_ids_mark_stale_and_keep_every_translation() {
    let project = translated_v1();
    let v1 = project.read(JA);
    let fr_v1 = project.read(FR);
    let edited = id_of(
        &v1,
        "一方で、5Gの基地局整備は都市部を中心に進められており、地方部におけるサービスの提供は限定的なものにとどまっています。",
    );
    let deleted = id_of(
        &v1,
        "開催日程等の詳細については、決まり次第、お知らせします。",
    );
    let moved = id_of(
        &v1,
        "本プランの策定に当たり、令和3年2月5日（金）から同年3月8日（月）までの間、本プラン案に対する意見募集を行いました。",
    );
    let split = id_of(
        &v1,
        "目標の達成に向け、インフラ整備の支援、規制の見直し及び利活用の促進の3つの柱に沿って施策を推進します。",
    );
    let merged_a = id_of(
        &v1,
        "5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする次世代の移動通信システムです。",
    );
    let merged_b = id_of(
        &v1,
        "我が国では、令和2年3月に携帯電話事業者による商用サービスが開始されました。",
    );
    let number = id_of(&v1, "本プラン案に対しては、計45件の意見が提出されました。");

    project.write(DOC, fixture("ja/v2.txt"));
    let run = project.ok(&["sync"]);
    assert!(run.stdout.contains("updated"), "{}", run.stdout);
    let v2 = project.read(JA);
    let fr = project.read(FR);
    let ids_v2 = messages(&v2);

    // Edited: same id, new text, stale in fr with the previous source.
    assert_eq!(
        ids_v2[&edited],
        "一方で、5G基地局の整備は都市部が中心となっており、地方部ではサービスを利用できる地域が限られています。"
    );
    let e = entry(&fr, &edited);
    assert!(e.contains("# stale"), "{e}");
    assert!(e.contains("# was ja: 一方で、5Gの基地局整備は"), "{e}");
    assert!(e.contains(&format!("{edited} = FR {edited}")), "{e}");

    // Inserted: an id never used before, untranslated.
    let inserted = id_of(&v2, "各都道府県においても、90％程度以上を目指します。");
    assert!(
        !messages(&v1).contains_key(&inserted),
        "inserted sentence reused {inserted}"
    );
    assert!(entry(&fr, &inserted).ends_with(&format!("# {inserted} =")));

    // Deleted: retired in the original's catalog, translation kept in the obsolete section.
    assert!(!ids_v2.contains_key(&deleted));
    assert!(
        v2.lines()
            .any(|l| l.starts_with("### honyaku-retired:") && l.split(' ').any(|w| w == deleted))
    );
    let (live, obsolete) = fr
        .split_once("## honyaku: obsolete")
        .expect("obsolete section");
    assert!(obsolete.contains(&format!("{deleted} = FR {deleted}")));
    assert!(!live.contains(&format!("{deleted} = ")));

    // Moved: same id, not stale.
    assert!(ids_v2.contains_key(&moved));
    assert!(!entry(&fr, &moved).contains("# stale"));

    // Split: one piece keeps the id (stale), the other is new.
    let piece_a = id_of(&v2, "目標の達成に向け、3つの柱に沿って施策を推進します。");
    let piece_b = id_of(
        &v2,
        "3つの柱は、インフラ整備の支援、規制の見直し及び利活用の促進です。",
    );
    assert!(
        [&piece_a, &piece_b].contains(&&split),
        "split lost {split}: {piece_a} {piece_b}"
    );
    assert!(entry(&fr, &split).contains("# stale"));

    // Merged: one of the two ids survives, stale; the other's translation goes obsolete.
    let merged = id_of(
        &v2,
        "5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする次世代の移動通信システムであり、我が国では令和2年3月に携帯電話事業者による商用サービスが開始されました。",
    );
    assert!(
        merged == merged_a || merged == merged_b,
        "merge got a fresh id {merged}"
    );
    let gone = if merged == merged_a {
        &merged_b
    } else {
        &merged_a
    };
    assert!(obsolete.contains(&format!("{gone} = FR {gone}")));

    // Changed number: stale, and the change line shows the figure.
    let n = entry(&fr, &number);
    assert!(n.contains("# stale") && n.contains("[-45-]{+47+}"), "{n}");

    // Every translation written at v1 is still in the file, live or obsolete.
    for (id, value) in messages(&fr_v1) {
        assert!(
            fr.contains(&format!("{id} = {value}")),
            "lost translation of {id}"
        );
    }

    // A second sync changes nothing.
    let before = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(before, project.snapshot("locales"));
}

#[test]
fn translator_comments_terms_and_layout_survive_revisions() {
    let project = translated_v1();
    let fr = project.read(FR);
    let first = messages(&project.read(JA))
        .into_keys()
        .find(|id| id.ends_with("-1"))
        .unwrap();
    let own = format!(
        "-ministere = Ministère des Affaires intérieures\n\n# Glossaire : « plan » reste au masculin.\n\n# Relu par M. Dupont.\n{first} =\n    Première ligne\n    seconde ligne avec {{ -ministere }}\n\nnote-perso = Mon message à moi\n"
    );
    let fr = fr
        .replace(&format!("{first} = FR {first}\n"), "")
        .replace(&format!("# {first} =\n"), "");
    project.write(FR, format!("{fr}\n{own}"));
    project.ok(&["sync"]);
    project.write(DOC, fixture("ja/v2.txt"));
    project.ok(&["sync"]);
    let after = project.read(FR);
    for kept in [
        "-ministere = Ministère des Affaires intérieures\n",
        "# Glossaire : « plan » reste au masculin.\n",
        "# Relu par M. Dupont.\n",
        &format!("{first} =\n    Première ligne\n    seconde ligne avec {{ -ministere }}\n"),
        "note-perso = Mon message à moi\n",
    ] {
        assert!(after.contains(kept), "lost {kept:?} in\n{after}");
    }
    // The translator's own message is theirs, not a message the source dropped.
    let own_at = after.find("note-perso =").unwrap();
    let obsolete_at = after.find("## honyaku: obsolete").unwrap_or(usize::MAX);
    assert!(
        own_at < obsolete_at,
        "own message sent to obsolete:\n{after}"
    );
}

#[test]
fn a_catalog_that_does_not_parse_is_reported_and_never_rewritten() {
    let project = translated_v1();
    let broken = project
        .read(FR)
        .replacen("\n# ja:", "\n<<<<<<< HEAD\n# ja:", 1)
        + "oops no equals sign\n";
    project.write(FR, &broken);
    project.write(
        "source_texts/ja/2021-04-01-other.txt",
        "別の発表\n\n本文です。\n",
    );
    project.write(DOC, fixture("ja/v2.txt"));
    let run = project.run(&["sync"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/fr/2021-03-26-plan.ftl:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("merge conflict"), "{}", run.stderr);
    assert_eq!(project.read(FR), broken, "a broken file was rewritten");
    assert!(
        project.exists("locales/fr/2021-04-01-other.ftl"),
        "healthy documents are still synced"
    );
    assert!(
        project.read(JA).contains("各都道府県においても"),
        "the source catalog still follows the source"
    );
    // `status` names the catalog it could not read instead of a table that looks empty.
    let status = project.run(&["status"]);
    assert!(
        status
            .stdout
            .contains("locales/fr/2021-03-26-plan.ftl: not read (see the errors)"),
        "{}",
        status.stdout
    );
    assert!(
        !status.stdout.contains("no translation catalogs yet"),
        "{}",
        status.stdout
    );
}

#[test]
fn a_broken_source_catalog_skips_its_document_and_says_so() {
    let project = translated_v1();
    let broken = project
        .read(JA)
        .replacen("\n\n", "\n\nno equals sign here\n", 1);
    project.write(JA, &broken);
    let run = project.run(&["sync"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("locales/ja/2021-03-26-plan.ftl:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("2021-03-26-plan: skipped (see errors)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("files: 3 skipped (see errors)"),
        "{}",
        run.stdout
    );
    assert_eq!(project.read(JA), broken, "a broken file was rewritten");
}

#[test]
fn second_sync_changes_nothing_and_dry_run_writes_nothing() {
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    let dry = project.ok(&["sync", "--dry-run"]);
    assert!(dry.stdout.contains("would be created"));
    assert!(!project.exists("locales/ja"), "dry run wrote files");
    project.ok(&["sync"]);
    let first = project.snapshot("locales");
    let again = project.ok(&["sync"]);
    assert_eq!(first, project.snapshot("locales"));
    assert!(
        !again.stdout.contains("updated") && !again.stdout.contains("created"),
        "{}",
        again.stdout
    );
}

#[test]
fn status_reports_counts_per_locale_and_document() {
    let project = translated_v1();
    let status = project.ok(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let fr = &json["locales"]["fr"]["2021-03-26-plan"];
    assert_eq!(fr["total"], fr["translated"]);
    assert_eq!(fr["missing"], 0);
    assert_eq!(fr["percent"], 100.0);
    project.write(DOC, fixture("ja/v2.txt"));
    let json: serde_json::Value =
        serde_json::from_str(&project.ok(&["status", "--format", "json"]).stdout).unwrap();
    let fr = &json["locales"]["fr"]["2021-03-26-plan"];
    assert!(fr["stale"].as_u64().unwrap() >= 4, "{fr}");
    assert!(fr["missing"].as_u64().unwrap() >= 3, "{fr}");
    assert!(fr["obsolete"].as_u64().unwrap() >= 2, "{fr}");
    assert!(fr["percent"].as_f64().unwrap() < 100.0);
}

#[test]
fn bad_names_are_reported_by_name() {
    let project = TempProject::new();
    project.write("source_texts/ja/Bad_Name.txt", "題名\n");
    project.write("source_texts/ja/good.txt", "題名\n\n本文です。\n");
    fs::create_dir_all(project.path().join("locales/not a locale")).unwrap();
    let run = project.run(&["sync"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Bad_Name") && run.stderr.contains("not a slug"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not a locale"), "{}", run.stderr);
    assert!(project.exists("locales/ja/good.ftl"));
}

#[test]
fn a_held_lock_stops_sync_and_names_the_holder() {
    let project = TempProject::with_corpus();
    // The test process holds the OS lock, its pid in the file as honyaku writes it.
    let path = project.path().join(".honyaku.lock");
    let lock = fs::File::create(&path).unwrap();
    fs4::FileExt::lock(&lock).unwrap();
    fs::write(&path, format!("{}\n", std::process::id())).unwrap();
    let run = project.run(&["sync", "--no-wait"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(&format!("process {}", std::process::id())),
        "{}",
        run.stderr
    );
    // Unlocked explicitly: a child process another test spawns at this moment holds a copy
    // of the descriptor until it execs, and dropping ours alone would leave the lock to it.
    fs4::FileExt::unlock(&lock).unwrap();
    drop(lock);
    project.ok(&["sync", "--no-wait"]);
}

#[test]
fn shipped_catalogs_are_in_sync_with_shipped_sources() {
    let project = TempProject::with_corpus();
    copy_dir(&repo().join("locales"), &project.path().join("locales"));
    if repo().join("honyaku.toml").exists() {
        fs::copy(
            repo().join("honyaku.toml"),
            project.path().join("honyaku.toml"),
        )
        .unwrap();
    }
    let before = project.snapshot("locales");
    let run = project.ok(&["sync"]);
    let after = project.snapshot("locales");
    assert!(
        before == after,
        "`honyaku sync` changes the shipped locales/: run it and commit\n{}",
        run.stdout
    );
}

#[test]
fn a_translation_left_commented_out_is_kept_and_reported() {
    let project = TempProject::new();
    project.write(DOC, fixture("ja/v1.txt"));
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let fr = project.read(FR);
    let id = messages(&project.read(JA))
        .into_keys()
        .find(|id| id.ends_with("-1"))
        .unwrap();
    let slot = format!("# {id} =\n");
    let line = fr[..fr.find(&slot).unwrap()].lines().count() + 1;
    project.write(
        FR,
        fr.replace(
            &slot,
            &format!("# Note du traducteur.\n# {id} = Traduit mais commenté\n"),
        ),
    );
    let run = project.ok(&["sync"]);
    assert!(
        run.stderr
            .contains(&format!("locales/fr/2021-03-26-plan.ftl:{}:1", line + 1))
            && run.stderr.contains("still commented out"),
        "{}",
        run.stderr
    );
    let after = project.read(FR);
    let block = after
        .split("\n\n")
        .find(|b| b.contains("Traduit mais commenté"))
        .unwrap();
    assert!(
        block.contains("# ja: "),
        "the slot keeps its source lines: {block}"
    );
    assert!(
        block.ends_with(&format!(
            "# Note du traducteur.\n# {id} = Traduit mais commenté"
        )),
        "{block}"
    );
    assert!(
        !after.contains(&slot),
        "no second slot next to the commented translation"
    );
    project.ok(&["sync"]);
    assert_eq!(project.read(FR), after, "stable");
}

#[test]
fn init_lays_out_a_project_that_syncs_and_git_ignores_its_derived_state() {
    let project = TempProject::new();
    let first = project.ok(&["init", "-C", "new", "--target", "fr"]).stdout;
    assert!(first.contains("created locales/fr/"), "{first}");
    assert!(
        first.contains(".gitignore: added /.honyaku/, /.honyaku.lock, /exchange/"),
        "{first}"
    );
    let again = project.ok(&["init", "-C", "new", "--target", "fr"]).stdout;
    assert!(again.starts_with("nothing to do"), "{again}");

    project.write(
        "new/source_texts/ja/2026-12-02-kaigi.txt",
        "令和8年12月2日\n第3回検討会の開催\n\n　総務省は、第3回検討会を開催します。\n",
    );
    let synced = project.ok(&["sync", "-C", "new"]).stdout;
    assert!(
        synced.contains("locales/fr/2026-12-02-kaigi.ftl created"),
        "{synced}"
    );
    assert!(project.exists("new/.honyaku") && project.exists("new/honyaku.seals"));

    // git itself ignores what init listed (where git is installed).
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(project.path().join("new"))
            .output()
    };
    if git(&["init", "-q"]).is_ok_and(|o| o.status.success()) {
        let listed = git(&["status", "--porcelain", "--untracked-files=all"]).unwrap();
        let listed = String::from_utf8_lossy(&listed.stdout);
        assert!(
            !listed.contains(".honyaku/") && !listed.contains(".honyaku.lock"),
            "{listed}"
        );
        assert!(
            listed.contains("honyaku.seals") && listed.contains("locales/fr/"),
            "{listed}"
        );
        let attr = git(&["check-attr", "merge", "honyaku.seals"]).unwrap();
        assert!(String::from_utf8_lossy(&attr.stdout).contains("merge: union"));
    }
}

#[test]
fn a_warning_about_a_catalog_sync_rewrote_points_at_the_line_in_the_new_file() {
    let project = TempProject::new();
    let ja = "令和8年12月4日\n第2回研究会の開催\n\n　総務省は、第2回研究会を開催します。\n\n１．議題\n\n　議題は次のとおりです。\n";
    project.write("source_texts/ja/doc.txt", ja);
    project.write("locales/fr/.keep", "");
    project.ok(&["sync"]);
    // A translation left commented out.
    let fr = project.read("locales/fr/doc.ftl");
    let id = fr
        .lines()
        .filter_map(|l| l.strip_prefix("# ")?.strip_suffix(" ="))
        .next_back()
        .unwrap()
        .to_owned();
    project.write(
        "locales/fr/doc.ftl",
        fr.replace(
            &format!("# {id} =\n"),
            &format!("# {id} = L'ordre du jour est le suivant.\n"),
        ),
    );
    // The original gains sentences above it: the entry moves down in the rewritten file.
    project.write(
        "source_texts/ja/doc.txt",
        ja.replace(
            "開催します。",
            "開催します。会議は公開です。傍聴を希望する方は事前に登録してください。",
        ),
    );
    let run = project.ok(&["sync"]);
    let written = project.read("locales/fr/doc.ftl");
    let line = written
        .lines()
        .position(|l| l.starts_with(&format!("# {id} = L'ordre")))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!(
            "locales/fr/doc.ftl:{line}:1: `{id}` has a translation that is still commented out"
        )),
        "line {line}:\n{}",
        run.stderr
    );
}

#[test]
fn status_without_translation_catalogs_says_so_without_a_table_header() {
    let project = TempProject::new();
    // No parallel release either: nothing but the original's own catalog.
    project.write("honyaku.toml", "parallel = \"\"\n");
    project.write("source_texts/ja/doc.txt", "総務省は計画を公表しました。\n");
    project.ok(&["sync"]);
    let status = project.ok(&["status"]).stdout;
    assert!(
        status.starts_with("no translation catalogs yet: create locales/<locale>/"),
        "{status}"
    );
}

/// The project diff names a merge by the ids of the pieces merged, each once.
#[test]
fn a_merge_in_the_project_diff_names_the_ids_it_joined() {
    let project = TempProject::new();
    let ja = "令和8年6月1日\n厚生労働省\n\n説明会の開催について\n・会場の定員は50名です。\n・申込多数の場合は先着順とします。\n";
    project.write("source_texts/ja/setsumei.txt", ja);
    project.ok(&["sync"]);
    let catalog = project.read("locales/ja/setsumei.ftl");
    let first = id_of(&catalog, "会場の定員は50名です。");
    let second = id_of(&catalog, "申込多数の場合は先着順とします。");
    project.write(
        "source_texts/ja/setsumei.txt",
        ja.replace("50名です。\n・申込多数", "50名で、申込多数"),
    );
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(
        diff.contains(&format!("< merged {first} {second} (")),
        "{diff}"
    );
}

/// A sentence the original dropped while the English still has it is nothing to translate
/// or revise: `status` counts it with the obsolete entries, and its completeness is the one
/// `build` reports for the page.
#[test]
fn a_sentence_only_the_original_dropped_is_not_counted_as_work() {
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    let ja = "令和9年2月3日\n見学会の開催\n\n見学会は庁舎内で行います。\n\n参加者には資料を配布します。\n";
    let en = "February 3, 2027\nSite Visit\n\nThe visit takes place inside the ministry building.\n\nMaterials will be handed out to participants.\n";
    project.write("source_texts/ja/k.txt", ja);
    project.write("source_texts/en/k.txt", en);
    project.ok(&["sync"]);
    let catalog = project.read("locales/fr/k.ftl");
    let id = id_of(
        &project.read("locales/ja/k.ftl"),
        "見学会は庁舎内で行います。",
    );
    project.write(
        "locales/fr/k.ftl",
        catalog.replace(
            &format!("# {id} =\n"),
            &format!("{id} = La visite a lieu dans le bâtiment.\n"),
        ),
    );
    project.ok(&["sync"]);
    project.write(
        "source_texts/ja/k.txt",
        ja.replace("見学会は庁舎内で行います。\n\n", ""),
    );
    project.ok(&["sync"]);
    let status = project.ok(&["status"]).stdout;
    let row: Vec<&str> = status
        .lines()
        .find(|l| l.starts_with("fr "))
        .unwrap()
        .split_whitespace()
        .collect();
    // locale, document, total, translated, stale, missing, obsolete, complete
    assert_eq!(row[4], "0", "{status}");
    assert_eq!(row[6], "1", "{status}");
    let build = project
        .ok(&["build", "--locale", "fr", "--min-complete", "0"])
        .stdout;
    let percent = |text: &str| text.trim_end_matches('%').parse::<f64>().unwrap();
    let built = build
        .lines()
        .find_map(|l| l.strip_prefix("fr/k: "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap();
    assert_eq!(percent(built), percent(row[7]), "{build}\n{status}");
}

/// A release renamed (its source texts moved to a new name) keeps its translations: the new
/// name's catalogs are made from the old name's, with the same ids, the changed sentence
/// stale with its previous source, a note saying where they came from; the old catalogs are
/// left as they are; a second sync changes nothing. A new release that shares too little with
/// the withdrawn one starts empty.
#[test]
fn a_renamed_release_carries_its_translations_over() {
    let project = TempProject::new();
    let release = |first: &str| {
        format!(
            "令和8年11月24日\n文化庁\n\n国立劇場の再開場に向けた意見交換会の開催について\n\n{first}\n当日は、関係団体の代表者から意見を伺います。\n傍聴を希望される方は、事前に登録してください。\n"
        )
    };
    project.write(
        "source_texts/ja/2026-11-24-notice.txt",
        release("文化庁は、12月10日に意見交換会を開催します。"),
    );
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let catalog = project.read("locales/fr/2026-11-24-notice.ftl");
    project.write(
        "locales/fr/2026-11-24-notice.ftl",
        translate_all(&catalog, "FR"),
    );
    project.ok(&["sync"]);
    let translated = messages(&project.read("locales/fr/2026-11-24-notice.ftl"));
    // Renamed, one sentence revised.
    fs::remove_file(project.path().join("source_texts/ja/2026-11-24-notice.txt")).unwrap();
    project.write(
        "source_texts/ja/2026-11-24-national-theatre-meeting.txt",
        release("文化庁は、12月11日に意見交換会を開催します。"),
    );
    let run = project.ok(&["sync"]);
    assert!(
        run.stderr
            .contains("holds the sentences of \"2026-11-24-notice\""),
        "{}",
        run.stderr
    );
    let carried = project.read("locales/fr/2026-11-24-national-theatre-meeting.ftl");
    assert!(
        carried
            .starts_with("### honyaku: fr translation of \"2026-11-24-national-theatre-meeting\"")
    );
    let now = messages(&carried);
    assert_eq!(
        now, translated,
        "every translation under its id:\n{carried}"
    );
    let stale: Vec<&str> = carried
        .lines()
        .filter_map(|l| l.strip_prefix("# was ja: "))
        .collect();
    assert_eq!(
        stale,
        ["文化庁は、12月10日に意見交換会を開催します。"],
        "{carried}"
    );
    assert!(
        project.exists("locales/fr/2026-11-24-notice.ftl"),
        "the old catalogs are kept"
    );
    let before = project.snapshot("locales");
    project.ok(&["sync"]);
    assert!(
        project.snapshot("locales") == before,
        "a second sync changed the catalogs"
    );
    // An unrelated release arriving while the old one is still withdrawn starts empty.
    project.write(
        "source_texts/ja/2026-11-25-grants.txt",
        "令和8年11月25日\n文化庁\n\n文化芸術振興費補助金の交付決定について\n\n本日、補助金の交付を決定しました。\n当日は、関係団体の代表者から意見を伺います。\n",
    );
    let run = project.ok(&["sync"]);
    assert!(
        !run.stderr.contains("2026-11-25-grants\" is new"),
        "{}",
        run.stderr
    );
    let fresh = messages(&project.read("locales/fr/2026-11-25-grants.ftl"));
    assert!(fresh.is_empty(), "{fresh:?}");
}
