//! Review 17: what the English release does to the catalogs when it arrives days after the
//! Japanese (the usual order), and what the aligner tells about pairings whose figures
//! disagree.
//!
//! - The English joins two Japanese sentences that were synced alone: the two messages
//!   become one, as a sync of both releases at once makes them (one id inherits, its
//!   translation stale; the other id's translation is kept in the obsolete section), instead
//!   of one id holding the whole English and the other none, "behind" forever.
//! - A pairing whose two sides disagree on a figure (a number one states and the other
//!   lacks) is listed for review by `sync`, never passed silently.
//! - A section moved above another with one item's ordinal updated on the way: the item is
//!   moved and edited (its translation stale), not removed and added.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{TempProject, current, translate_all};

/// The obsolete section of a catalog.
fn obsolete(catalog: &str) -> String {
    catalog
        .split_once("## honyaku: obsolete")
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_default()
}

fn project_with_fr() -> TempProject {
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project
}

const VACCINE_JA: &str = "2026年12月2日

１　接種率の概要
全国の接種率は、65歳以上で52.8％、全年齢で28.7％となりました。なお、医療従事者の接種率は74.0％でした。都道府県別の接種率は、18.2％～41.5％の範囲にあります。
";

const VACCINE_EN: &str = "December 2, 2026

1. Overview of vaccination rates
Nationwide, 52.8% of people aged 65 and over and 28.7% of people of all ages have been vaccinated, while the rate among healthcare workers was 74.0%. By prefecture, rates range from 18.2% to 41.5%.
";

/// The Japanese synced alone and translated into French; the English, arriving later, joins
/// its first two sentences into one. The two messages become one message holding both
/// Japanese sentences and the English sentence; its translation is stale (the original it
/// was made from is now half of the message), the other sentence's translation is kept in
/// the obsolete section, the English is not behind, and the French page states each fact
/// once. The result has the units a sync of both releases at once gives.
#[test]
fn english_joining_two_japanese_only_sentences_merges_their_messages() {
    let project = project_with_fr();
    project.write("source_texts/ja/doc.txt", VACCINE_JA);
    project.ok(&["sync"]);
    let fr = translate_all(&project.read("locales/fr/doc.ftl"), "FR");
    project.write("locales/fr/doc.ftl", fr);
    project.ok(&["sync"]);
    let before = current(&project.read("locales/ja/doc.ftl"));
    let first = before
        .iter()
        .find(|(_, t)| t.starts_with("全国の"))
        .map(|(id, _)| id.clone())
        .unwrap();
    let second = before
        .iter()
        .find(|(_, t)| t.starts_with("なお"))
        .map(|(id, _)| id.clone())
        .unwrap();

    project.write("source_texts/en/doc.txt", VACCINE_EN);
    let synced = project.ok(&["sync"]).stdout;
    let ja = current(&project.read("locales/ja/doc.ftl"));
    let en = current(&project.read("locales/en/doc.ftl"));
    let merged: Vec<&String> = ja
        .iter()
        .filter(|(_, t)| t.contains("全国の") && t.contains("なお"))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(merged.len(), 1, "one message holds both sentences: {ja:#?}");
    let id = merged[0].clone();
    assert!(id == first || id == second, "{id}");
    let gone = if id == first { &second } else { &first };
    assert!(!ja.contains_key(gone), "{ja:#?}");
    assert!(
        en[&id].starts_with("Nationwide") && en[&id].contains("74.0%"),
        "{en:#?}"
    );
    assert!(synced.contains(&format!("newly stale: {id}")), "{synced}");

    let fr_text = project.read("locales/fr/doc.ftl");
    let fr = current(&fr_text);
    assert_eq!(fr.get(&id), Some(&format!("FR {id}")), "{fr_text}");
    assert!(
        obsolete(&fr_text).contains(&format!("{gone} = FR {gone}")),
        "the other translation is kept: {fr_text}"
    );

    let status = project.ok(&["status"]).stdout;
    assert!(!status.contains("en behind ja"), "{status}");
    let page_dir = project.path().join("dist");
    project.run(&[
        "build",
        "--out",
        page_dir.to_str().unwrap(),
        "--format",
        "txt",
    ]);
    let page = fs::read_to_string(page_dir.join("fr/doc.txt")).unwrap();
    assert!(!page.contains("なお"), "the fact is stated once: {page}");

    // Deterministic: a second sync changes nothing.
    let files = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(files, project.snapshot("locales"));

    // The same units as a sync of both releases at once.
    let both = project_with_fr();
    both.write("source_texts/ja/doc.txt", VACCINE_JA);
    both.write("source_texts/en/doc.txt", VACCINE_EN);
    both.ok(&["sync"]);
    let at_once: Vec<String> = current(&both.read("locales/ja/doc.ftl"))
        .into_values()
        .collect();
    let mut late: Vec<String> = ja.into_values().collect();
    let mut at_once = at_once;
    late.sort();
    at_once.sort();
    assert_eq!(late, at_once);
}

const MAFF_JA: &str = "令和８年１２月４日

１０月の輸出額は1,312億円で、前年同月比8.4％の増加となりました。品目別では、牛肉が前年同月比21.3％増と大きく伸びました。一方、ホタテ貝は同12.7％減となりました。
";

const MAFF_EN: &str = "December 4, 2026

Exports in October totaled 131.2 billion yen, up 8.4% year on year. Beef grew strongly, up 21.3% year on year, while scallops fell 12.7%. These figures are preliminary.
";

/// A pairing whose sides disagree on a figure (the Japanese `12.7` paired with an
/// English-only remark; a Japanese sentence the English drops, `100`, glued to its
/// neighbour) is listed by `sync` for review.
#[test]
fn a_pairing_whose_figures_disagree_is_listed_for_review() {
    let project = project_with_fr();
    project.write("source_texts/ja/maff.txt", MAFF_JA);
    project.write("source_texts/en/maff.txt", MAFF_EN);
    let synced = project.ok(&["sync"]).stdout;
    let listed = |synced: &str, ja: &BTreeMap<String, String>, figure: &str| {
        let (id, _) = ja.iter().find(|(_, t)| t.contains(figure)).unwrap();
        (
            id.clone(),
            synced.contains(&format!("check alignment of {id} ")),
        )
    };
    let ja = current(&project.read("locales/ja/maff.ftl"));
    let en = current(&project.read("locales/en/maff.ftl"));
    let (id, flagged) = listed(&synced, &ja, "12.7");
    assert!(
        en.get(&id).is_some_and(|e| e.contains("12.7")) || flagged,
        "{id} paired with {:?} and not listed:\n{synced}",
        en.get(&id)
    );

    let dropped = project_with_fr();
    dropped.write(
        "source_texts/ja/d.txt",
        "令和８年１２月３日

第３回オンライン説明会を12月15日（火）14:00～16:30に開催します。参加を希望する方は、12月11日（金）までにお申し込みください。定員は先着100名です。
",
    );
    dropped.write(
        "source_texts/en/d.txt",
        "December 3, 2026

The 3rd online briefing session will be held on Tuesday, December 15, from 14:00 to 16:30. Those wishing to participate should apply by Friday, December 11.
",
    );
    let synced = dropped.ok(&["sync"]).stdout;
    let ja = current(&dropped.read("locales/ja/d.ftl"));
    let en = current(&dropped.read("locales/en/d.ftl"));
    let (id, flagged) = listed(&synced, &ja, "100名");
    assert!(!en.contains_key(&id) || flagged, "{synced}");
    let (first, flagged) = listed(&synced, &ja, "第３回");
    assert!(!flagged, "{first}:\n{synced}");
    // Listing is not a change: a second sync lists nothing and writes nothing.
    let files = dropped.snapshot("locales");
    let again = dropped.ok(&["sync"]).stdout;
    assert!(!again.contains("check alignment"), "{again}");
    assert_eq!(files, dropped.snapshot("locales"));

    // `sync --quiet`, as CI runs it, still lists them (named with their document), and
    // nothing else but its summary line.
    let doubts = |quiet: bool| {
        let fresh = project_with_fr();
        for lang in ["ja", "en"] {
            let path = format!("source_texts/{lang}/d.txt");
            fresh.write(&path, dropped.read(&path));
        }
        let args: &[&str] = if quiet {
            &["sync", "--quiet"]
        } else {
            &["sync"]
        };
        let synced = fresh.ok(args).stdout;
        let lines: Vec<String> = synced.lines().map(str::to_owned).collect();
        assert!(lines.last().unwrap().starts_with("1 document; files: "));
        lines
    };
    let (quiet, full) = (doubts(true), doubts(false));
    let listed: Vec<String> = full
        .iter()
        .filter_map(|l| l.strip_prefix("  check alignment of "))
        .map(|l| format!("d: check alignment of {l}"))
        .collect();
    assert!(!listed.is_empty(), "{full:#?}");
    assert_eq!(quiet[..quiet.len() - 1], listed[..], "{quiet:#?}");
}

const MOVED_V1: &str = "2026年12月2日

１　副反応疑い報告
副反応疑い報告は計1,234件です。

２　今後の予定
ア　次回（第４回）の集計は、令和９年１月上旬に公表予定です。
イ　説明会を12月10日（木）14:00～16:30に開催します。
";

const MOVED_V2: &str = "2026年12月2日

１　今後の予定
ア　次回（第５回）の集計は、令和９年１月上旬に公表予定です。
イ　説明会を12月10日（木）14:00～16:30に開催します。

２　副反応疑い報告
副反応疑い報告は計1,234件です。
";

/// A section (heading and list) moved above another, one item's ordinal updated on the way
/// (第４回 → 第５回): the item moved with its list and keeps its id and its translation,
/// stale, like its neighbours that moved unchanged.
#[test]
fn a_figure_edited_inside_a_moved_section_is_moved_and_stale() {
    let project = project_with_fr();
    project.write("source_texts/ja/doc.txt", MOVED_V1);
    project.ok(&["sync"]);
    let fr = translate_all(&project.read("locales/fr/doc.ftl"), "FR");
    project.write("locales/fr/doc.ftl", fr);
    project.ok(&["sync"]);
    let v1 = current(&project.read("locales/ja/doc.ftl"));
    let id = v1
        .iter()
        .find(|(_, t)| t.contains("第４回"))
        .map(|(id, _)| id.clone())
        .unwrap();

    project.write("source_texts/ja/doc.txt", MOVED_V2);
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains(&format!("> moved {id} ")), "{diff}");
    assert!(
        !diff.contains("+ added") && !diff.contains("- removed"),
        "{diff}"
    );
    let synced = project.ok(&["sync"]).stdout;
    assert!(synced.contains(&format!("newly stale: {id}")), "{synced}");
    let ja = current(&project.read("locales/ja/doc.ftl"));
    assert!(ja[&id].contains("第５回"), "{ja:#?}");
    assert_eq!(
        ja.keys().collect::<Vec<_>>(),
        v1.keys().collect::<Vec<_>>(),
        "no id given out or retired"
    );
    let fr_text = project.read("locales/fr/doc.ftl");
    assert_eq!(
        current(&fr_text).get(&id),
        Some(&format!("FR {id}")),
        "{fr_text}"
    );
    assert!(!fr_text.contains("## honyaku: obsolete"), "{fr_text}");
    let files = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(files, project.snapshot("locales"));
}

const HEAT_JA: &str = "令和8年7月3日
熱中症による救急搬送状況（速報値）

　6月の熱中症による救急搬送人員は、全国で1万2,345人でした。
　このうち、65歳以上の高齢者は6,789人でした。
";

const HEAT_EN: &str = "July 3, 2026
Emergency Transports due to Heatstroke (Preliminary Figures)

In June, 12,345 people were transported to hospital by ambulance due to heatstroke nationwide.
Of these, 6,789 were aged 65 or older.
";

/// The English corrected after the Japanese, with a typo in the new figure: the message stays
/// behind (the revision lacks the original's new figure), and `check` says that its figures
/// agree neither with the original as it is nor with the one the English last matched. An
/// English not revised yet, or revised right, is not reported.
#[test]
fn a_wrong_figure_in_the_english_correction_is_reported_while_it_is_behind() {
    let project = project_with_fr();
    let doc = "2026-07-03-heatstroke";
    project.write(&format!("source_texts/ja/{doc}.txt"), HEAT_JA);
    project.write(&format!("source_texts/en/{doc}.txt"), HEAT_EN);
    project.ok(&["sync"]);
    project.write(
        &format!("source_texts/ja/{doc}.txt"),
        HEAT_JA.replace("1万2,345人", "1万2,543人"),
    );
    project.ok(&["sync"]);
    let release_numbers = |project: &TempProject| -> Vec<String> {
        let run = project.run(&["check"]);
        run.stdout
            .lines()
            .filter(|l| l.contains("[release-numbers]"))
            .map(str::to_owned)
            .collect()
    };
    // Not revised yet: behind, and its figures are the ones it matched.
    assert_eq!(release_numbers(&project), Vec::<String>::new());

    let en = format!("source_texts/en/{doc}.txt");
    project.write(&en, HEAT_EN.replace("12,345 people", "12,453 people"));
    project.ok(&["sync"]);
    let status = project.ok(&["status"]).stdout;
    assert!(status.contains("en behind ja"), "{status}");
    let found = release_numbers(&project);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("12543")
            && found[0].contains("12453")
            && found[0].contains("when the English last matched it"),
        "{found:?}"
    );

    project.write(&en, HEAT_EN.replace("12,345 people", "12,543 people"));
    project.ok(&["sync"]);
    assert_eq!(release_numbers(&project), Vec::<String>::new());
    let status = project.ok(&["status"]).stdout;
    assert!(!status.contains("en behind ja"), "{status}");
}

/// The original drops a sentence the English release still has: a translation of it counts
/// as obsolete in `status` (kept, nothing to revise), an untranslated one counts nowhere.
#[test]
fn a_sentence_only_the_english_still_has_counts_as_obsolete_only_when_translated() {
    let project = project_with_fr();
    fs::create_dir_all(project.path().join("locales/de")).unwrap();
    let doc = "2026-07-03-heatstroke";
    project.write(&format!("source_texts/ja/{doc}.txt"), HEAT_JA);
    project.write(&format!("source_texts/en/{doc}.txt"), HEAT_EN);
    project.ok(&["sync"]);
    let fr = format!("locales/fr/{doc}.ftl");
    project.write(&fr, translate_all(&project.read(&fr), "FR"));
    project.ok(&["sync"]);
    project.write(
        &format!("source_texts/ja/{doc}.txt"),
        HEAT_JA.replace("　このうち、65歳以上の高齢者は6,789人でした。\n", ""),
    );
    project.ok(&["sync"]);
    let status = project.ok(&["status", "--format", "json"]).stdout;
    let json: serde_json::Value = serde_json::from_str(&status).unwrap();
    let counts = |locale: &str| &json["locales"][locale][doc];
    assert_eq!(counts("fr")["obsolete"], 1, "{status}");
    assert_eq!(counts("fr")["stale"], 0, "{status}");
    assert_eq!(counts("de")["obsolete"], 0, "{status}");
    assert_eq!(counts("de")["total"], counts("fr")["total"], "{status}");
}
