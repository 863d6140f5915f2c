//! Revisions in the order they really arrive (issue 13): a release synced and translated
//! into French with both languages at v1, then the Japanese original revised twice (v2, v3)
//! while the English release stays at v1, then the English catching up (v3). At every step
//! the ids of unchanged segments are kept, an English sentence is never re-paired with a new
//! Japanese one, a Japanese-only addition is its own message, and a French translation is
//! stale only where a source it was made from changed; when the English catches up, every
//! French translation is still in the catalog.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::{TempProject, translate_all};

/// One release revised Japanese-first, as edits of the shipped texts: (find, replace)
/// pairs, each found exactly once.
struct Edits {
    doc: &'static str,
    ja_v2: &'static [(&'static str, &'static str)],
    ja_v3: &'static [(&'static str, &'static str)],
    en_v3: &'static [(&'static str, &'static str)],
}

/// The texts of one release at each step: Japanese v1, v2, v3; English v1, v3.
struct Texts {
    doc: String,
    ja: [String; 3],
    en: [String; 2],
}

impl Edits {
    fn texts(&self) -> Texts {
        let read = |lang: &str| {
            fs::read_to_string(common::repo().join(format!("source_texts/{lang}/{}.txt", self.doc)))
                .unwrap()
        };
        let (ja_v1, en_v1) = (read("ja"), read("en"));
        let ja_v2 = edit(&ja_v1, self.ja_v2);
        let ja_v3 = edit(&ja_v2, self.ja_v3);
        let en_v3 = edit(&en_v1, self.en_v3);
        Texts {
            doc: self.doc.to_owned(),
            ja: [ja_v1, ja_v2, ja_v3],
            en: [en_v1, en_v3],
        }
    }
}

const RADIO: Edits = Edits {
    doc: "2022-07-15-radio-usage-fee-public-comment",
    ja_v2: &[(
        "その料額は、3年ごとに見直すこととされています。",
        "その料額は、3年ごとに見直すこととされています。前回の改定は令和元年に行われました。",
    )],
    ja_v3: &[
        (
            "改定後の料額は、令和5年10月1日から適用する予定です。",
            "改定後の料額は、令和6年4月1日から適用する予定です。",
        ),
        (
            // The last line of its section (the file has CRLF line ends): the line is left empty.
            "　提出された意見は、提出者の氏名（法人又は団体の場合は、その名称）を除き、公表する場合があります。",
            "",
        ),
        (
            "政令等の制定を行う予定です。",
            "政令等の制定を行う予定です。なお、提出された意見に対して個別に回答することはいたしかねます。",
        ),
    ],
    en_v3: &[
        (
            "The amounts of the fees are to be reviewed every three years.",
            "The amounts of the fees are to be reviewed every three years. They were last revised in 2019.",
        ),
        (
            "The revised fees are scheduled to apply from October 1, 2023.",
            "The revised fees are scheduled to apply from April 1, 2024.",
        ),
        (
            "Comments submitted may be published, excluding the names of the submitters (or, in the case of corporations or organizations, their names).\n",
            "",
        ),
        (
            "after giving due consideration to the comments submitted.",
            "after giving due consideration to the comments submitted. Please note that MIC will not reply individually to the comments submitted.",
        ),
    ],
};

const G20: Edits = Edits {
    doc: "2020-05-01-g20-digital-economy",
    // A closing remark just before the "(Reference)" line.
    ja_v2: &[(
        "\n（参考）",
        "　なお、次回の会合は本年秋に開催される予定です。\n\n（参考）",
    )],
    ja_v3: &[
        (
            "ベストプラクティスを共有することが不可欠である。\n・",
            "ベストプラクティスを共有することが不可欠である。\n・各国のデジタル政策を相互に参照するための枠組みを設けることが有益である。\n・",
        ),
        (
            "・デジタル経済におけるセキュリティリスクに対処し、安全・安心なオンライン環境を確保するため、ベストプラクティスを共有することが不可欠である。\n",
            "",
        ),
    ],
    en_v3: &[
        (
            "\nCOVID-19 Response Statement",
            "The next meeting is scheduled to be held this autumn.\n\nCOVID-19 Response Statement",
        ),
        (
            "  • It is essential to share best practices to counter the security risks of the digital economy and ensure a safe and secure online environment.\n",
            "  • It would be beneficial to establish a framework for countries to refer to each other's digital policies.\n",
        ),
    ],
};

const FIVE_G: Edits = Edits {
    doc: "2021-03-26-5g-regional-deployment-plan",
    ja_v2: &[(
        "主なポイントは以下のとおりです。",
        "主なポイントは以下のとおりです。本プランは、今後の進捗を踏まえて毎年見直します。",
    )],
    ja_v3: &[(
        "5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする次世代の移動通信システムであり、",
        "5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする第5世代の移動通信システムであり、",
    )],
    en_v3: &[
        (
            "Its key points are as follows.",
            "Its key points are as follows. The Plan will be reviewed every year in light of progress.",
        ),
        (
            "5G is a next-generation mobile communications system",
            "5G is the fifth-generation mobile communications system",
        ),
    ],
};

/// `id -> value` of the single-line messages of a catalog (obsolete section included).
/// A release in both languages, synced, with every message translated into French
/// (`FR <id>`) and synced again: where the revision-order cases start.
fn translated_release(doc: &str, ja: &str, en: &str) -> TempProject {
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);
    let fr_path = format!("locales/fr/{doc}.ftl");
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    project
}

fn messages(catalog: &str) -> BTreeMap<String, String> {
    catalog
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

/// Ids of the messages of a translation catalog marked stale.
fn stale(catalog: &str) -> BTreeSet<String> {
    let mut marked = false;
    let mut ids = BTreeSet::new();
    for line in catalog.lines() {
        if line.starts_with("# stale:") {
            marked = true;
        } else if line.is_empty() {
            marked = false;
        } else if let Some((id, _)) = line.split_once(" = ").filter(|_| !line.starts_with('#')) {
            if marked {
                ids.insert(id.to_owned());
            }
            marked = false;
        }
    }
    ids
}

fn edit(text: &str, replacements: &[(&str, &str)]) -> String {
    replacements
        .iter()
        .fold(text.to_owned(), |text, (from, to)| {
            assert_eq!(
                text.matches(from).count(),
                1,
                "the revision's text {from:?} must occur exactly once in\n{text}"
            );
            text.replacen(from, to, 1)
        })
}

/// The source catalogs and the French one of a document.
struct Catalogs {
    ja: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
    fr: String,
}

fn catalogs(project: &TempProject, doc: &str) -> Catalogs {
    Catalogs {
        ja: messages(&project.read(&format!("locales/ja/{doc}.ftl"))),
        en: messages(&project.read(&format!("locales/en/{doc}.ftl"))),
        fr: project.read(&format!("locales/fr/{doc}.ftl")),
    }
}

/// `text -> id` for the texts found in exactly one message.
fn unique_texts(messages: &BTreeMap<String, String>) -> BTreeMap<&str, &str> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for text in messages.values() {
        *count.entry(text).or_default() += 1;
    }
    messages
        .iter()
        .filter(|(_, text)| count[text.as_str()] == 1)
        .map(|(id, text)| (text.as_str(), id.as_str()))
        .collect()
}

/// Every message whose text is in both catalogs (once in each) has the same id in both.
fn assert_unchanged_keep_ids(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
    what: &str,
) {
    let after_ids = unique_texts(after);
    for (text, id) in unique_texts(before) {
        if let Some(now) = after_ids.get(text) {
            assert_eq!(
                now, &id,
                "{what}: the unchanged message {text:?} changed its id"
            );
        }
    }
}

/// Ids of French translations whose Japanese or English source changed between the
/// catalogs, or that were stale already.
fn changed_sources(before: &Catalogs, after: &Catalogs) -> BTreeSet<String> {
    messages(&after.fr)
        .into_keys()
        .filter(|id| {
            before.ja.get(id) != after.ja.get(id)
                || before.en.get(id) != after.en.get(id)
                || stale(&before.fr).contains(id)
        })
        .collect()
}

/// Checks one Japanese-only step: the English catalog is exactly as before (same ids, same
/// texts: no English sentence re-paired, one whose Japanese was removed stays in its
/// message), unchanged Japanese messages keep their ids, additions are Japanese-only
/// messages, and a French translation is stale exactly where its source changed.
fn check_japanese_only_step(before: &Catalogs, after: &Catalogs, step: &str) {
    assert_eq!(
        before.en, after.en,
        "{step}: the English did not change, so neither may its catalog"
    );
    assert_unchanged_keep_ids(&before.ja, &after.ja, step);
    for id in after.ja.keys().filter(|id| !before.ja.contains_key(*id)) {
        assert!(
            !after.en.contains_key(id),
            "{step}: the new message {id} ({:?}) must be Japanese-only, not paired with an unchanged English sentence",
            after.ja[id]
        );
    }
    let translated = messages(&after.fr);
    let expected: BTreeSet<String> = changed_sources(before, after)
        .into_iter()
        .filter(|id| after.ja.contains_key(id) && translated.contains_key(id))
        .collect();
    let got: BTreeSet<String> = stale(&after.fr)
        .into_iter()
        .filter(|id| after.ja.contains_key(id))
        .collect();
    assert_eq!(
        got, expected,
        "{step}: stale French translations are exactly those whose source changed\n{}",
        after.fr
    );
}

/// The `sources.en.<doc>` lists of `status --format json`.
fn behind_and_extra(project: &TempProject, doc: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let run = project.ok(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let list = |key: &str| -> BTreeSet<String> {
        json["sources"]["en"][doc][key]
            .as_array()
            .unwrap_or_else(|| panic!("no sources.en.{doc}.{key} in {json}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    (list("behind"), list("extra"))
}

/// Checks `status --format json` against what the catalogs say since the English last
/// matched the original (v1): `behind` lists the messages whose Japanese was added or
/// changed since then, `extra` the English messages whose Japanese was removed.
fn check_sources(project: &TempProject, doc: &str, v1: &Catalogs, now: &Catalogs, step: &str) {
    let behind: BTreeSet<String> = now
        .ja
        .iter()
        .filter(|(id, text)| v1.ja.get(*id) != Some(*text))
        .map(|(id, _)| id.clone())
        .collect();
    let extra: BTreeSet<String> = now
        .en
        .keys()
        .filter(|id| v1.ja.contains_key(*id) && !now.ja.contains_key(*id))
        .cloned()
        .collect();
    assert_eq!(
        behind_and_extra(project, doc),
        (behind, extra),
        "{step}: status lists the messages the English is behind on, and its extra ones"
    );
}

fn run(texts: &Texts) {
    let doc = &texts.doc;
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    project.write(&ja_path, &texts.ja[0]);
    project.write(&en_path, &texts.en[0]);
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let v1 = catalogs(&project, doc);
    let french: BTreeSet<String> = messages(&v1.fr).values().cloned().collect();
    assert!(stale(&v1.fr).is_empty());
    check_sources(&project, doc, &v1, &v1, "v1");

    // The Japanese revised twice, the English left at v1.
    let v1_ja: BTreeSet<String> = v1.ja.keys().cloned().collect();
    let mut before = catalogs(&project, doc);
    for (step, ja) in [("ja v2", &texts.ja[1]), ("ja v3", &texts.ja[2])] {
        project.write(&ja_path, ja);
        project.ok(&["sync"]);
        let after = catalogs(&project, doc);
        check_japanese_only_step(&before, &after, step);
        check_sources(&project, doc, &v1, &after, step);
        let files = project.snapshot("locales");
        project.ok(&["sync"]);
        assert_eq!(
            files,
            project.snapshot("locales"),
            "{step}: a second sync changed files"
        );
        before = after;
    }
    let v1_translated = catalogs_at_v1(&french, &before);

    // The English catches up.
    project.write(&en_path, &texts.en[1]);
    project.ok(&["sync"]);
    let caught_up = catalogs(&project, doc);
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::new(), BTreeSet::new()),
        "the English caught up: nothing behind, nothing extra"
    );
    assert_eq!(
        caught_up.ja, before.ja,
        "the Japanese did not change: same ids, same texts"
    );
    assert_unchanged_keep_ids(&before.en, &caught_up.en, "en v3");
    for id in before.ja.keys().filter(|id| !v1_ja.contains(*id)) {
        assert!(
            caught_up.en.contains_key(id),
            "the English now translates {:?}: it joins message {id}\n{:#?}",
            before.ja[id],
            caught_up.en
        );
    }
    let expected: BTreeSet<String> = messages(&caught_up.fr)
        .into_keys()
        .filter(|id| v1_translated.contains(id))
        .filter(|id| caught_up.ja.contains_key(id))
        .filter(|id| {
            !before.ja.contains_key(id)
                || changed_sources(&before, &caught_up).contains(id)
                || stale(&before.fr).contains(id)
        })
        .collect();
    let got: BTreeSet<String> = stale(&caught_up.fr)
        .into_iter()
        .filter(|id| caught_up.ja.contains_key(id))
        .collect();
    assert_eq!(
        got, expected,
        "stale French translations are exactly those whose source changed, once each\n{}",
        caught_up.fr
    );
    let kept: BTreeSet<String> = messages(&caught_up.fr).values().cloned().collect();
    let lost: Vec<&String> = french.difference(&kept).collect();
    assert!(lost.is_empty(), "French translations lost: {lost:?}");
}

/// The ids translated into French at v1 (`FR <id>` values) that are still messages.
fn catalogs_at_v1(french: &BTreeSet<String>, _now: &Catalogs) -> BTreeSet<String> {
    french
        .iter()
        .filter_map(|value| value.strip_prefix("FR "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn radio_fee_release_revised_japanese_first() {
    run(&RADIO.texts());
}

#[test]
fn g20_release_revised_japanese_first() {
    run(&G20.texts());
}

#[test]
fn five_g_release_revised_japanese_first() {
    run(&FIVE_G.texts());
}

/// The held-out release revised twice in Japanese before the English catches up, as its
/// author wrote it (tests/heldout/revised).
#[test]
fn held_out_revised_release_japanese_first() {
    let read = |name: &str| {
        fs::read_to_string(common::repo().join("tests/heldout/revised").join(name)).unwrap()
    };
    run(&Texts {
        doc: "revised".to_owned(),
        ja: [read("ja.v1.txt"), read("ja.v2.txt"), read("ja.v3.txt")],
        en: [read("en.v1.txt"), read("en.v3.txt")],
    });
}

/// A held-out pair revised Japanese-first by rule: a closing sentence added after one 1:1
/// gold bead's Japanese (v2), another 1:1 bead's Japanese removed (v3), and the English
/// doing both (v3). The beads are the first and last gold 1:1 beads whose two sentences
/// stand once each in their texts, followed on the same line by more text.
fn held_out_by_rule(name: &str) -> Texts {
    let dir = common::repo().join("tests/heldout").join(name);
    let read = |file: &str| fs::read_to_string(dir.join(file)).unwrap();
    let (ja, en, gold) = (read("ja.txt"), read("en.txt"), read("gold.txt"));
    let beads: Vec<(Vec<&str>, Vec<&str>)> = gold
        .split("\n\n")
        .map(|bead| {
            let lines: Vec<&str> = bead.lines().filter(|l| !l.starts_with('#')).collect();
            let side = |p: &str| lines.iter().filter_map(|l| l.strip_prefix(p)).collect();
            (side("ja: "), side("en: "))
        })
        .collect();
    let one_to_one: Vec<(&str, &str)> = beads
        .iter()
        .filter(|(j, e)| j.len() == 1 && e.len() == 1)
        .map(|(j, e)| (j[0], e[0]))
        .filter(|(j, e)| {
            j.ends_with('。') && ja.matches(j).count() == 1 && en.matches(e).count() == 1
        })
        .collect();
    let add_after = *one_to_one
        .first()
        .unwrap_or_else(|| panic!("{name}: the rule needs a 1:1 bead of one sentence"));
    let inside = |text: &str, sentence: &str, after: &str| {
        text.split_once(sentence).is_some_and(|(_, rest)| {
            rest.starts_with(after) && !rest[after.len()..].starts_with(['\n', '\r'])
        })
    };
    let remove = one_to_one
        .iter()
        .rev()
        .find(|(j, e)| *j != add_after.0 && inside(&ja, j, "") && inside(&en, e, " "));
    let ja_v2 = ja.replacen(
        add_after.0,
        &format!("{}なお、詳細については追ってお知らせします。", add_after.0),
        1,
    );
    let en_v3 = en.replacen(
        add_after.1,
        &format!("{} Further details will be announced later.", add_after.1),
        1,
    );
    eprintln!("{name}: added after {:?}, removed {remove:?}", add_after.0);
    let (ja_v3, en_v3) = match remove {
        Some((j, e)) => (
            ja_v2.replacen(j, "", 1),
            en_v3.replacen(&format!("{e} "), "", 1),
        ),
        None => (ja_v2.clone(), en_v3),
    };
    Texts {
        doc: name.to_owned(),
        ja: [ja, ja_v2, ja_v3],
        en: [en, en_v3],
    }
}

#[test]
fn held_out_pairs_revised_japanese_first_by_rule() {
    for name in [
        "council",
        "disaster",
        "consultation",
        "event",
        "personnel",
        "statistics",
        "whitepaper",
    ] {
        let texts = held_out_by_rule(name);
        run(&texts);
    }
}

/// An alignment warning is given when a pairing is new, not again on every sync of an
/// unchanged document; `--quiet` prints the summary line only.
#[test]
fn alignment_warnings_come_once_and_quiet_keeps_only_the_summary() {
    let project = TempProject::with_corpus();
    let first = project.ok(&["sync"]).stdout;
    assert!(first.contains("check alignment of "), "{first}");
    let second = project.ok(&["sync"]).stdout;
    assert!(!second.contains("check alignment"), "{second}");
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    let uncached = project.ok(&["sync"]).stdout;
    assert_eq!(second, uncached, "the cache gives the same report");

    let doc = RADIO.doc;
    let texts = RADIO.texts();
    project.write(&format!("source_texts/ja/{doc}.txt"), &texts.ja[1]);
    let quiet = project.ok(&["sync", "--quiet"]).stdout;
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert!(quiet.contains("3 documents; files:"), "{quiet}");
    assert!(quiet.contains("updated"), "{quiet}");
}

/// Issue 20 item 7: a sentence removed from both releases and later restored verbatim gets
/// its id and its translation back from the obsolete section; restored with a source that
/// differs from the one it was translated from, it comes back stale.
#[test]
fn a_restored_sentence_gets_its_id_and_translation_back() {
    let doc = RADIO.doc;
    let (ja_path, en_path) = (
        format!("source_texts/ja/{doc}.txt"),
        format!("source_texts/en/{doc}.txt"),
    );
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let v1 = catalogs(&project, doc);
    let (ja_v1, en_v1) = (project.read(&ja_path), project.read(&en_path));
    let ja_sentence = "提出された意見は、提出者の氏名（法人又は団体の場合は、その名称）を除き、公表する場合があります。";
    let en_sentence = "Comments submitted may be published, excluding the names of the submitters (or, in the case of corporations or organizations, their names).";
    let id = v1
        .ja
        .iter()
        .find(|(_, text)| *text == ja_sentence)
        .map(|(id, _)| id.clone())
        .unwrap();
    let removed = |project: &TempProject| {
        project.write(&ja_path, edit(&ja_v1, &[(ja_sentence, "")]));
        project.write(&en_path, edit(&en_v1, &[(&format!("{en_sentence}\n"), "")]));
        project.ok(&["sync"]);
        let gone = catalogs(project, doc);
        assert!(!gone.ja.contains_key(&id) && !gone.en.contains_key(&id));
        let obsolete = gone
            .fr
            .split("## honyaku: obsolete")
            .nth(1)
            .unwrap_or_default();
        assert!(obsolete.contains(&format!("{id} = FR {id}")), "{}", gone.fr);
    };

    removed(&project);
    project.write(&ja_path, &ja_v1);
    project.write(&en_path, &en_v1);
    project.ok(&["sync"]);
    let back = catalogs(&project, doc);
    assert_eq!(back.ja, v1.ja, "every id as before the removal");
    assert_eq!(back.en, v1.en);
    assert_eq!(
        back.fr, v1.fr,
        "the translation is back in its place, current"
    );

    // Restored with the English reworded: back, but stale.
    removed(&project);
    project.write(&ja_path, &ja_v1);
    let reworded = "Submitted comments may be made public, except for the names of the submitters.";
    project.write(&en_path, edit(&en_v1, &[(en_sentence, reworded)]));
    project.ok(&["sync"]);
    let back = catalogs(&project, doc);
    assert_eq!(back.ja, v1.ja, "every id as before the removal");
    assert_eq!(back.en.get(&id).map(String::as_str), Some(reworded));
    assert_eq!(stale(&back.fr), BTreeSet::from([id.clone()]), "{}", back.fr);
    assert!(!back.fr.contains("## honyaku: obsolete"), "{}", back.fr);
}

/// `ja text -> en text` of the messages holding both.
fn pairs(project: &TempProject, doc: &str) -> BTreeMap<String, String> {
    let now = catalogs(project, doc);
    now.ja
        .iter()
        .filter_map(|(id, ja)| now.en.get(id).map(|en| (ja.clone(), en.clone())))
        .collect()
}

/// A meeting notice synced sentence by sentence as it really arrives: Japanese v1, its
/// English days later, the Japanese v2 (a new date and meeting number, and a new sentence),
/// then its English. The English date sentence is rewritten beyond an edit (a weekday, a
/// date and an ordinal word change: a new statement to the diff), so the history's pairing
/// of the Japanese sentence with the old English one no longer holds; the new English must
/// pair with it as a fresh sync of v2 pairs them, not be left one-sided next to it.
#[test]
fn an_english_rewrite_of_an_edited_sentence_pairs_as_a_fresh_sync() {
    let doc = "2026-03-02-kaigi-notice";
    let ja_v1 = "令和8年3月2日\n「公共データ連携に関する懇談会」（第2回）の開催\n\n　総務省は、令和8年3月10日（火）に「公共データ連携に関する懇談会」（第2回）を開催します。本懇談会は、自治体間のデータ連携の推進方策について検討するものです。会議は非公開で行います。\n\n１．日時\n令和8年3月10日（火）10時00分～12時00分\n\n２．議題\n（１）データ連携基盤の整備状況について\n（２）意見交換\n";
    let en_v1 = "March 2, 2026\nSecond Meeting of the Council on Public Data Linkage\n\n　On Tuesday, March 10, 2026, the Ministry of Internal Affairs and Communications (MIC) will hold the second meeting of the Council on Public Data Linkage. The Council examines measures to promote data linkage among local governments. The meeting will be closed to the public.\n\n1. Date and time\nTuesday, March 10, 2026, 10:00-12:00\n\n2. Agenda\n(1) Status of the data linkage platform\n(2) Exchange of views\n";
    let ja_v2 = ja_v1
        .replace("（第2回）", "（第3回）")
        .replace("令和8年3月10日（火）", "令和8年4月16日（木）")
        .replace(
            "検討するものです。",
            "検討するものです。前回の会合では、標準仕様の策定手順について議論しました。",
        );
    let en_v2 = en_v1
        .replace("Second Meeting", "Third Meeting")
        .replace("the second meeting", "the third meeting")
        .replace("Tuesday, March 10, 2026", "Thursday, April 16, 2026")
        .replace(
            "among local governments.",
            "among local governments. At the previous meeting, members discussed the procedure for drawing up standard specifications.",
        );
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");

    let fresh = TempProject::new();
    fs::create_dir_all(fresh.path().join("locales/fr")).unwrap();
    fresh.write(&ja_path, &ja_v2);
    fresh.write(&en_path, &en_v2);
    fresh.ok(&["sync"]);
    let expected = pairs(&fresh, doc);
    assert!(
        expected
            .keys()
            .any(|ja| ja.starts_with("総務省は、令和8年4月16日")),
        "{expected:#?}"
    );

    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path, ja_v1);
    project.ok(&["sync"]);
    project.write(&en_path, en_v1);
    project.ok(&["sync"]);
    project.write(&ja_path, &ja_v2);
    project.ok(&["sync"]);
    project.write(&en_path, &en_v2);
    project.ok(&["sync"]);
    let now = catalogs(&project, doc);
    assert_eq!(
        pairs(&project, doc),
        expected,
        "{:#?}\n{:#?}",
        now.ja,
        now.en
    );
    let one_sided: Vec<&String> = now
        .ja
        .keys()
        .filter(|id| !now.en.contains_key(*id))
        .chain(now.en.keys().filter(|id| !now.ja.contains_key(*id)))
        .collect();
    assert!(one_sided.is_empty(), "one-sided messages: {one_sided:?}");
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::new(), BTreeSet::new()),
        "the English caught up: nothing behind, nothing extra"
    );
}

/// A figure revised in the Japanese only, in a list item the English orders differently: the
/// diff reads the revised item as a new statement (two figures and a word changed), but its
/// English partner is unchanged, so the item keeps its message and its English, which is
/// now behind; the French made from it goes stale rather than off the page.
#[test]
fn a_japanese_only_figure_revision_in_a_reordered_list_keeps_its_english() {
    let doc = "2026-05-12-kyoten-seibi";
    let ja = "令和8年5月12日\n「地域防災拠点整備事業」の実施方針の公表\n\n　総務省は、「地域防災拠点整備事業」の実施方針を取りまとめましたので公表します。\n\n１．主な内容\n①避難所の非常用電源の整備率は62.5％にとどまっています。\n②整備費用は総額845億円と見込まれています。\n・補助対象には、衛星通信設備の整備を含みます。\n・対象期間は令和8年度から令和11年度までの4年間とします。\n\n２．連絡先\n総務省自治行政局地域防災課\n電話：03-5253-5111\n";
    let en = "May 12, 2026\nPublication of the Implementation Policy of the Regional Disaster Base Development Project\n\n　MIC has compiled and hereby publishes the implementation policy of the Regional Disaster Base Development Project.\n\n1. Main points\n1) Emergency power at evacuation shelters has been installed at only 62.5% of them.\n2) Total costs are estimated at 84.5 billion yen.\n- The project will run for the four years from FY2026 to FY2029.\n- Subsidies will also cover satellite communication equipment.\n\n2. Contact\nRegional Disaster Prevention Division, Local Administration Bureau, MIC\nTel: +81-3-5253-5111\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    project.write(&ja_path, ja);
    project.write(&en_path, en);
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let v1 = catalogs(&project, doc);
    let en_item = "The project will run for the four years from FY2026 to FY2029.";
    let id = v1
        .en
        .iter()
        .find(|(_, text)| *text == en_item)
        .map(|(id, _)| id.clone())
        .unwrap();
    assert!(v1.ja[&id].starts_with("対象期間は"), "{:#?}", v1.ja);

    let revised = "対象期間は令和8年度から令和10年度までの3年間とします。";
    project.write(
        &ja_path,
        edit(
            ja,
            &[(
                "対象期間は令和8年度から令和11年度までの4年間とします。",
                revised,
            )],
        ),
    );
    project.ok(&["sync"]);
    let now = catalogs(&project, doc);
    assert_eq!(
        now.ja.get(&id).map(String::as_str),
        Some(revised),
        "{:#?}",
        now.ja
    );
    assert_eq!(
        now.en.get(&id).map(String::as_str),
        Some(en_item),
        "{:#?}",
        now.en
    );
    assert_eq!(
        now.en.len(),
        v1.en.len(),
        "no English-only message: {:#?}",
        now.en
    );
    assert_eq!(
        now.ja.len(),
        v1.ja.len(),
        "no new Japanese message: {:#?}",
        now.ja
    );
    assert_eq!(stale(&now.fr), BTreeSet::from([id.clone()]), "{}", now.fr);
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::from([id]), BTreeSet::new()),
        "the English is behind the revised item"
    );
}

/// The Japanese revision deletes a sentence and writes an unrelated one in its place while
/// the English is still the old release: the English sentence still translates the deleted
/// one, so it stays in its message (the English is behind: "extra"), the new Japanese
/// sentence gets a new message, and the French made from the deleted sentence never sits
/// under the new one. When the English catches up, the old message retires.
#[test]
fn a_sentence_replaced_in_the_japanese_never_inherits_the_old_translation() {
    let doc = "2026-06-08-tokei-kohyo";
    let ja_v1 = "令和8年6月8日\n「地域通信インフラ実態調査」結果の公表\n\n　総務省は、令和7年度の「地域通信インフラ実態調査」の結果を取りまとめましたので公表します。本調査は、全国1,741市区町村を対象に実施しました。回答率は98.2％でした。\n\n（問合せ先）\n総務省総合通信基盤局　電話：03-5253-5111\n";
    let en_v1 = "June 8, 2026\nPublication of the Results of the Survey on Regional Communications Infrastructure\n\n　MIC has compiled and hereby publishes the results of the FY2025 Survey on Regional Communications Infrastructure. The survey covered all 1,741 municipalities in Japan. The response rate was 98.2%.\n\n(Contact)\nTelecommunications Bureau, MIC Tel: +81-3-5253-5111\n";
    let removed = "本調査は、全国1,741市区町村を対象に実施しました。";
    let written = "詳細な集計表は、政府統計の総合窓口に掲載しています。";
    let ja_v2 = edit(ja_v1, &[(removed, written)]);
    let en_old = "The survey covered all 1,741 municipalities in Japan.";
    let en_v2 = edit(
        en_v1,
        &[(
            en_old,
            "Detailed tables are available on the Portal Site of Official Statistics of Japan.",
        )],
    );
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path, ja_v1);
    project.ok(&["sync"]);
    project.write(&en_path, en_v1);
    project.ok(&["sync"]);
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let v1 = catalogs(&project, doc);
    let id = v1.ja.iter().find(|(_, t)| *t == removed).unwrap().0.clone();
    assert_eq!(v1.en[&id], en_old);
    let translated = messages(&v1.fr)[&id].clone();

    project.write(&ja_path, &ja_v2);
    let synced = project.ok(&["sync"]).stdout;
    assert!(!synced.contains("check alignment"), "{synced}");
    let now = catalogs(&project, doc);
    assert!(!now.ja.contains_key(&id), "{:#?}", now.ja);
    assert_eq!(now.en.get(&id).map(String::as_str), Some(en_old));
    let new_id = now
        .ja
        .iter()
        .find(|(_, t)| *t == written)
        .unwrap()
        .0
        .clone();
    assert_ne!(new_id, id);
    assert!(!now.en.contains_key(&new_id), "{:#?}", now.en);
    let fr = messages(&now.fr);
    assert_ne!(fr.get(&new_id), Some(&translated), "{}", now.fr);
    assert_eq!(
        behind_and_extra(&project, doc),
        (
            BTreeSet::from([new_id.clone()]),
            BTreeSet::from([id.clone()])
        )
    );

    project.write(&en_path, &en_v2);
    project.ok(&["sync"]);
    let caught_up = catalogs(&project, doc);
    assert!(!caught_up.ja.contains_key(&id) && !caught_up.en.contains_key(&id));
    assert_eq!(caught_up.ja.get(&new_id).map(String::as_str), Some(written));
    assert!(caught_up.en.contains_key(&new_id), "{:#?}", caught_up.en);
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::new(), BTreeSet::new())
    );
}

#[test]
fn an_english_release_arriving_later_reports_its_sentences_as_paired_not_modified() {
    let doc = "2026-09-14-denpa-riyo";
    let ja = "令和8年9月14日\n電波利用状況調査の結果の公表\n\n　総務省は、令和7年度の電波利用状況調査の結果を取りまとめました。本調査では、714MHzを超える周波数帯の無線局を対象としました。\n\n（連絡先）\n総務省総合通信基盤局電波部　電話：03-5253-5111\n";
    let en = "September 14, 2026\nPublication of the Results of the Survey on the Status of Radio Use\n\n　MIC has compiled the results of the FY2025 Survey on the Status of Radio Use. The survey covered radio stations in frequency bands above 714 MHz.\n\n(Contact)\nRadio Department, Telecommunications Bureau, MIC Tel: +81-3-5253-5111\n";
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    let first = project.ok(&["sync"]).stdout;
    let units = catalogs(&project, doc).ja.len();
    assert!(
        first.contains(&format!(
            "{doc}: {units} units ({units} added, 0 modified, 0 retired)"
        )),
        "{first}"
    );
    assert!(first.contains("; ledgers: "), "{first}");

    project.write(&format!("source_texts/en/{doc}.txt"), en);
    let arrived = project.ok(&["sync"]);
    let line = arrived.stdout.lines().find(|l| l.starts_with(doc)).unwrap();
    assert_eq!(
        line,
        format!("{doc}: {units} units (0 added, 0 modified, {units} paired, 0 retired)"),
        "{}",
        arrived.stdout
    );
    let json = project
        .ok(&["sync", "--dry-run", "--format", "json"])
        .stdout;
    assert!(
        !json.contains("\"paired\""),
        "a no-op sync pairs nothing: {json}"
    );

    // An English sentence edited afterwards is a modification, not a pairing.
    let en_v2 = edit(en, &[("above 714 MHz", "above 714 MHz and up to 275 GHz")]);
    project.write(&format!("source_texts/en/{doc}.txt"), &en_v2);
    let edited = project.ok(&["sync"]).stdout;
    assert!(
        edited.contains(&format!(
            "{doc}: {units} units (0 added, 1 modified, 0 retired)"
        )),
        "{edited}"
    );
    let again = project.ok(&["sync"]).stdout;
    assert!(!again.contains("ledgers"), "{again}");
}

#[test]
fn a_move_in_the_japanese_alone_is_not_reported_as_a_move_of_the_english() {
    let doc = "2026-10-02-kokusai-renkei";
    let first = "・令和8年11月に、東京で第2回日ASEANデジタル大臣会合を開催する。";
    let second = "・令和9年3月までに、共同研究プロジェクトを5件以上立ち上げる。";
    let ja = format!(
        "令和8年10月2日\n日ASEANデジタル協力の推進\n\n　総務省は、日ASEANデジタル協力に関する行動計画を取りまとめました。主な内容は以下のとおりです。\n{first}\n{second}\n"
    );
    let en = "October 2, 2026\nPromotion of Japan-ASEAN Digital Cooperation\n\n　MIC has compiled an action plan on Japan-ASEAN digital cooperation. Its main points are as follows.\n- Hold the 2nd Japan-ASEAN Digital Ministers' Meeting in Tokyo in November 2026.\n- Launch five or more joint research projects by March 2027.\n";
    let project = TempProject::new();
    project.write(&format!("source_texts/ja/{doc}.txt"), &ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);

    let swapped = edit(
        &ja,
        &[(&format!("{first}\n{second}"), &format!("{second}\n{first}"))],
    );
    project.write(&format!("source_texts/ja/{doc}.txt"), &swapped);
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains(&format!("== {doc} (ja)")), "{diff}");
    assert!(
        diff.contains("> moved"),
        "the original's move is shown: {diff}"
    );
    assert!(
        !diff.contains(&format!("== {doc} (en)")),
        "the English text did not change: {diff}"
    );
    let json = project.ok(&["diff", "--format", "json"]).stdout;
    assert_eq!(json.matches("\"kind\": \"moved\"").count(), 1, "{json}");
    assert!(!json.contains("\"locale\": \"en\""), "{json}");
}

#[test]
fn an_english_revision_that_follows_the_original_in_part_stays_behind_it() {
    let doc = "2026-11-20-chiiki-dx";
    let ja = "令和8年11月20日\n地域DX推進事業の採択結果\n\n　総務省は、令和8年度地域DX推進事業について、応募のあった152件の中から48件を採択しました。採択額の総額は約12億円です。\n";
    let en = "November 20, 2026\nResults of the Selection for the Regional DX Promotion Project\n\n　MIC has selected 48 of the 152 applications for the FY2026 Regional DX Promotion Project. The total amount granted is approximately 1.2 billion yen.\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path, ja);
    project.write(&en_path, en);
    project.ok(&["sync"]);
    let clean = project.ok(&["check"]).stdout;
    assert!(clean.contains("0 errors, 0 warnings"), "{clean}");
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let id = catalogs(&project, doc)
        .ja
        .iter()
        .find(|(_, t)| t.contains("152件"))
        .unwrap()
        .0
        .clone();

    // The original corrects two figures; the English release follows only one of them.
    let ja_v2 = edit(ja, &[("152件の中から48件", "157件の中から51件")]);
    project.write(&ja_path, &ja_v2);
    project.ok(&["sync"]);
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::from([id.clone()]), BTreeSet::new())
    );
    let en_v2 = edit(en, &[("selected 48 of the 152", "selected 51 of the 152")]);
    project.write(&en_path, &en_v2);
    project.ok(&["sync"]);
    // Still behind on that sentence: status and diff say so, and the ledger keeps the
    // Japanese the English last matched, for the next English revision.
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::from([id.clone()]), BTreeSet::new())
    );
    let ledger = project.read(&format!("locales/en/{doc}.ledger"));
    assert!(
        ledger.contains(
            "was ja=総務省は、令和8年度地域DX推進事業について、応募のあった152件の中から48件"
        ),
        "{ledger}"
    );
    // The French page does not take the English's 152 for its stale sentence.
    let built = project.ok(&["build"]).stdout;
    let page = project.read(&format!("dist/fr/{doc}.txt"));
    assert!(!page.contains("of the 152"), "{built}\n{page}");
    assert!(page.contains("157件の中から51件"), "{page}");

    // The English catches up: nothing behind, nothing to report.
    project.write(&en_path, edit(&en_v2, &[("of the 152", "of the 157")]));
    project.ok(&["sync"]);
    assert_eq!(
        behind_and_extra(&project, doc),
        (BTreeSet::new(), BTreeSet::new())
    );
    // (The pseudo-translations' own findings aside.)
    let fixed = project.run(&["check"]).stdout;
    assert!(!fixed.contains("release-numbers"), "{fixed}");
    assert!(
        !project
            .read(&format!("locales/en/{doc}.ledger"))
            .contains("was ja=")
    );
}

#[test]
fn an_english_release_lacking_a_figure_of_the_original_is_a_check_warning() {
    let doc = "2026-11-27-denpa-ihan";
    let ja = "令和8年11月27日\n不法無線局の取締り結果\n\n　総務省は、令和8年度上半期に不法無線局237局を摘発しました。\n";
    // The English release says 273 where the original says 237.
    let en = "November 27, 2026\nResults of the Crackdown on Illegal Radio Stations\n\n　MIC cracked down on 273 illegal radio stations in the first half of FY2026.\n";
    let project = TempProject::new();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);
    let json = project.ok(&["check", "--format", "json"]).stdout;
    let findings: serde_json::Value = serde_json::from_str(&json).unwrap();
    let found: Vec<&serde_json::Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "release-numbers")
        .collect();
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["locale"], "en");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`237`") && message.contains("`273`"),
        "{message}"
    );
}

#[test]
fn english_drafted_before_the_english_release_arrives_is_kept() {
    let doc = "2026-12-03-teleworking";
    let ja = "令和8年12月3日\nテレワーク推進月間の実施\n\n　総務省は、令和9年1月をテレワーク推進月間とします。期間中、全国12か所でセミナーを開催します。\n";
    let en = "December 3, 2026\nTelework Promotion Month\n\n　MIC designates January 2027 as Telework Promotion Month. During the month, seminars will be held at 12 locations nationwide.\n";
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/en")).unwrap();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.ok(&["sync"]);
    let en_path = format!("locales/en/{doc}.ftl");
    let catalog = project.read(&en_path);
    let draft = "Telework Month (draft by the English desk)";
    assert!(catalog.contains("# title =\n"), "{catalog}");
    project.write(
        &en_path,
        catalog.replace("# title =\n", &format!("title = {draft}\n")),
    );
    project.ok(&["sync"]);

    project.write(&format!("source_texts/en/{doc}.txt"), en);
    let arrived = project.ok(&["sync"]);
    assert!(
        arrived.stderr.contains(
            "1 translation written in this catalog before the en release arrived is kept"
        ),
        "{}",
        arrived.stderr
    );
    let now = project.read(&en_path);
    assert!(
        now.contains(&format!("# draft before the en release: title = {draft}\n")),
        "{now}"
    );
    assert!(now.contains("title = Telework Promotion Month\n"), "{now}");
    let again = project.ok(&["sync"]);
    assert!(!again.stderr.contains("draft"), "{}", again.stderr);
    assert_eq!(project.read(&en_path), now);
}

#[test]
fn a_sentence_only_the_original_removed_says_there_is_nothing_to_revise_yet() {
    let doc = "2026-12-07-denshi-shinsei";
    let ja = "令和8年12月7日\n電子申請システムの更新\n\n　総務省は、電子申請システムを更新します。更新作業のため、12月12日は終日停止します。ご不便をおかけします。\n";
    let en = "December 7, 2026\nUpdate of the Online Application System\n\n　MIC will update its online application system. The system will be unavailable all day on December 12 for the update. We apologize for any inconvenience.\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = translated_release(doc, ja, en);
    let removed = "ご不便をおかけします。";
    let id = catalogs(&project, doc)
        .ja
        .iter()
        .find(|(_, t)| *t == removed)
        .unwrap()
        .0
        .clone();

    project.write(&ja_path, ja.replace(removed, ""));
    project.ok(&["sync"]);
    let fr = project.read(&fr_path);
    let entry = fr
        .split("\n\n")
        .find(|e| e.lines().any(|l| l.starts_with(&format!("{id} = "))))
        .unwrap();
    assert!(
        entry.starts_with("# stale: the original no longer has this sentence; nothing to revise"),
        "{entry}"
    );
    // When the English drops it too, the translation goes to the obsolete section.
    project.write(
        &format!("source_texts/en/{doc}.txt"),
        en.replace(" We apologize for any inconvenience.", ""),
    );
    project.ok(&["sync"]);
    let fr = project.read(&fr_path);
    let obsolete = fr.split("## honyaku: obsolete").nth(1).unwrap_or_default();
    assert!(obsolete.contains(&format!("{id} = FR {id}")), "{fr}");
}

#[test]
fn a_translation_revised_for_the_original_stays_current_when_the_english_catches_up() {
    let doc = "2026-12-09-kansa";
    let ja = "令和8年12月9日\n行政評価の結果\n\n　総務省は、行政評価の結果を取りまとめました。対象は全国約1,200機関です。\n";
    let en = "December 9, 2026\nResults of the Administrative Evaluation\n\n　MIC has compiled the results of the administrative evaluation. It covered about 1,200 bodies nationwide.\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = translated_release(doc, ja, en);
    let id = catalogs(&project, doc)
        .ja
        .iter()
        .find(|(_, t)| t.contains("1,200機関"))
        .unwrap()
        .0
        .clone();

    // The original changes; the translator revises the stale translation from it.
    project.write(&ja_path, ja.replace("約1,200機関", "約1,300機関"));
    assert!(
        project
            .ok(&["sync"])
            .stdout
            .contains(&format!("newly stale: {id}"))
    );
    let revised = common::revise(
        &project.read(&fr_path),
        &id,
        "FR révisé : environ 1 300 organismes.",
    );
    project.write(&fr_path, revised);
    project.ok(&["sync"]);
    assert!(stale(&project.read(&fr_path)).is_empty());

    // Days later the English catches up with the same change: nothing new to revise.
    project.write(&en_path, en.replace("about 1,200", "about 1,300"));
    let synced = project.ok(&["sync"]).stdout;
    assert!(!synced.contains("newly stale"), "{synced}");
    let fr = project.read(&fr_path);
    assert!(stale(&fr).is_empty(), "{fr}");
    assert!(
        fr.contains("# en: It covered about 1,300 bodies nationwide."),
        "{fr}"
    );
    // And the English changing on its own later still marks it stale, as any source change.
    project.write(
        &en_path,
        en.replace("about 1,200 bodies", "around 1,300 bodies"),
    );
    let synced = project.ok(&["sync"]).stdout;
    assert!(synced.contains(&format!("newly stale: {id}")), "{synced}");
}

/// Figures corrected in the original alone (a phone number, an extension, the dates and the
/// length of a works section) keep every message's id: the French translations made from the
/// old figures are stale, nothing is set aside as obsolete or re-added as new, and the diff
/// says modified, listing the figures.
#[test]
fn figures_corrected_in_the_original_alone_keep_their_ids_and_mark_translations_stale() {
    let doc = "2026-10-02-douro";
    let ja = "令和8年10月2日\n国土交通省\n\n国道の舗装補修工事について\n　国土交通省は、令和8年10月19日（月）から同年11月6日（金）までの間、国道20号の延長約12.8km区間において舗装補修工事を実施します。\n\n＜問合せ先＞\n道路局国道・技術課\n電話：03-5253-8111\n内線：37862\n";
    let en = "October 2, 2026\nMinistry of Land, Infrastructure, Transport and Tourism\n\nRoad Pavement Repair Works\nMLIT will carry out pavement repair works on a section of approximately 12.8km of National Route 20 from Monday, October 19, 2026 to Friday, November 6, 2026.\n\n<Contact>\nNational Highway and Risk Management Division, Road Bureau\nTel: 03-5253-8111\nExt.: 37862\n";
    let project = translated_release(doc, ja, en);
    let before = catalogs(&project, doc);
    let ids: BTreeSet<String> = before.ja.keys().cloned().collect();
    let id_of = |needle: &str| {
        before
            .ja
            .iter()
            .find(|(_, t)| t.contains(needle))
            .unwrap()
            .0
            .clone()
    };
    let expected: BTreeSet<String> = [id_of("12.8km"), id_of("5253-8111"), id_of("37862")]
        .into_iter()
        .collect();

    project.write(
        &format!("source_texts/ja/{doc}.txt"),
        edit(
            ja,
            &[
                (
                    "10月19日（月）から同年11月6日",
                    "10月26日（月）から同年11月13日",
                ),
                ("約12.8km", "約13.4km"),
                ("03-5253-8111", "03-5253-8112"),
                ("37862", "37863"),
            ],
        ),
    );
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains("3 modified"), "{diff}");
    assert!(
        !diff.contains("- removed") && !diff.contains("+ added"),
        "{diff}"
    );
    assert!(diff.contains("# 12.8km → 13.4km"), "{diff}");
    project.ok(&["sync"]);
    let after = catalogs(&project, doc);
    assert_eq!(after.ja.keys().cloned().collect::<BTreeSet<_>>(), ids);
    let fr = project.read(&format!("locales/fr/{doc}.ftl"));
    assert_eq!(stale(&fr), expected, "{fr}");
    assert!(!fr.contains("obsolete"), "{fr}");
    assert!(!fr.contains("no longer has this sentence"), "{fr}");
}

/// An amount written with 億 and 千万 is read as the English writes it (`3億6千万円`, `360
/// million yen`): a French translation revised for the original's new amount stays current
/// when the English catches up with it, and the English is no longer behind.
#[test]
fn an_amount_in_oku_and_sen_man_is_caught_up_by_the_english() {
    let doc = "2026-11-04-hojo";
    let ja = "令和8年11月4日\n補助金の交付決定\n\n　総務省は、地域の通信基盤整備に対し、総額約3億6千万円の補助金の交付を決定しました。\n";
    let en = "November 4, 2026\nGrant Decisions\n\n　MIC has decided to award grants totaling approximately 360 million yen for regional communications infrastructure.\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = translated_release(doc, ja, en);
    let id = catalogs(&project, doc)
        .ja
        .iter()
        .find(|(_, t)| t.contains("億"))
        .unwrap()
        .0
        .clone();
    project.write(&ja_path, ja.replace("3億6千万円", "3億9千万円"));
    project.ok(&["sync"]);
    let revised = common::revise(
        &project.read(&fr_path),
        &id,
        "FR : environ 390 millions de yens.",
    );
    project.write(&fr_path, revised);
    project.ok(&["sync"]);
    project.write(&en_path, en.replace("360 million", "390 million"));
    let synced = project.ok(&["sync"]).stdout;
    assert!(!synced.contains("newly stale"), "{synced}");
    assert!(stale(&project.read(&fr_path)).is_empty());
    let status = project.ok(&["status"]).stdout;
    assert!(!status.contains("behind"), "{status}");
}

/// A release whose two languages are revised one after the other (issue 13): v1 of both
/// synced and translated into French, then `first` (`"ja"` or `"en"`) revised to v2 and
/// synced, then the other language. Checks what every such arrival order promises: a second
/// sync changes nothing, and once both languages are at v2 the messages pair the same
/// texts as a fresh sync of the v2 texts (the unit a translator gets does not depend on
/// which release came first), and, when the original came first, with nothing behind or
/// extra (an English revised ahead of the original is read as behind the original's later
/// revision: the ledger cannot tell that it anticipated it). Returns the catalogs before the
/// first revision, after it, and at the end.
fn revised_one_language_first(
    doc: &str,
    first: &str,
    v1: (&str, &str),
    v2: (&str, &str),
) -> (Catalogs, Catalogs, Catalogs) {
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let project = translated_release(doc, v1.0, v1.1);
    let before = catalogs(&project, doc);
    let [(path_first, text_first), (path_then, text_then)] = match first {
        "ja" => [(&ja_path, v2.0), (&en_path, v2.1)],
        _ => [(&en_path, v2.1), (&ja_path, v2.0)],
    };
    project.write(path_first, text_first);
    project.ok(&["sync"]);
    let revised = catalogs(&project, doc);
    let files = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(
        files,
        project.snapshot("locales"),
        "{first} v2: a second sync changed files"
    );
    project.write(path_then, text_then);
    project.ok(&["sync"]);
    let caught_up = catalogs(&project, doc);

    let fresh = TempProject::new();
    fs::create_dir_all(fresh.path().join("locales/fr")).unwrap();
    fresh.write(&ja_path, v2.0);
    fresh.write(&en_path, v2.1);
    fresh.ok(&["sync"]);
    assert_eq!(
        pairs(&project, doc),
        pairs(&fresh, doc),
        "both at v2: the same units as a fresh sync\n{:#?}\n{:#?}",
        caught_up.ja,
        caught_up.en
    );
    if first == "ja" {
        assert_eq!(
            behind_and_extra(&project, doc),
            (BTreeSet::new(), BTreeSet::new()),
            "both at v2: nothing behind, nothing extra"
        );
    }
    (before, revised, caught_up)
}

/// The id of the message reading exactly `text` in `messages`, which must have one.
fn id_reading(messages: &BTreeMap<String, String>, text: &str) -> String {
    messages
        .iter()
        .find(|(_, value)| *value == text)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no message reads {text:?}: {messages:#?}"))
}

/// After one language's revision: `edited` is a message of its own, still paired with its
/// unchanged translation `partner`, and `added` a message of its own that the other
/// language, which is behind, has nothing in yet.
fn assert_edit_keeps_partner_and_addition_stands_alone(
    revised: &BTreeMap<String, String>,
    other: &BTreeMap<String, String>,
    (edited, partner): (&str, &str),
    added: &str,
) {
    let id = id_reading(revised, edited);
    assert_eq!(
        other.get(&id).map(String::as_str),
        Some(partner),
        "the edited sentence keeps its unchanged translation\n{revised:#?}\n{other:#?}"
    );
    let new = id_reading(revised, added);
    assert!(
        !other.contains_key(&new),
        "the added sentence waits for the other release: {other:#?}"
    );
}

/// Issue 13, the case the previous pairing got wrong: the Japanese edits one sentence and
/// adds one right after it while the English is still v1. An unchanged English sentence
/// cannot translate a sentence written after it, so the addition is its own Japanese-only
/// message, not glued to the edited one; when the English follows, every sentence is its
/// own message, as in a fresh sync.
#[test]
fn a_japanese_edit_followed_by_an_added_sentence_keeps_one_sentence_per_message() {
    let doc = "2026-10-06-datsutanso-senkou";
    let ja = "令和8年10月6日\n環境省\n\n「脱炭素先行地域」第7回募集の選定結果について\n\n　環境省は、「脱炭素先行地域」の第7回募集の選定結果を公表します。今回の募集には、全国から46件の提案がありました。評価委員会による審査の結果、12件を脱炭素先行地域として選定しました。\n";
    let en = "October 6, 2026\nMinistry of the Environment\n\nResults of the Seventh Call for Decarbonization Leading Areas\n\nThe Ministry of the Environment announces the results of the seventh call for Decarbonization Leading Areas. In this call, 46 proposals were submitted by local governments from all parts of the country. Following review by the evaluation committee, 12 proposals were selected as Decarbonization Leading Areas.\n";
    let (ja_edited, ja_added) = (
        "今回の募集には、全国から計46件の計画提案がありました。",
        "前回を上回る件数です。",
    );
    let ja_v2 = edit(
        ja,
        &[(
            "今回の募集には、全国から46件の提案がありました。",
            &format!("{ja_edited}{ja_added}"),
        )],
    );
    let en_v2 = edit(
        en,
        &[(
            "In this call, 46 proposals were submitted by local governments from all parts of the country.",
            "In this call, a total of 46 proposals were submitted by local governments from all parts of the country. This is more than in the previous call.",
        )],
    );
    let (before, revised, _) = revised_one_language_first(doc, "ja", (ja, en), (&ja_v2, &en_v2));
    check_japanese_only_step(&before, &revised, "ja v2");
    assert_edit_keeps_partner_and_addition_stands_alone(
        &revised.ja,
        &revised.en,
        (
            ja_edited,
            "In this call, 46 proposals were submitted by local governments from all parts of the country.",
        ),
        ja_added,
    );
}

/// The same with the addition written before the edited sentence (and after an unchanged
/// one, which keeps its own partner).
#[test]
fn a_sentence_added_before_a_japanese_edit_stands_alone_until_the_english_follows() {
    let doc = "2026-09-14-koukyou-koutsuu";
    let ja = "令和8年9月14日\n国土交通省\n\n「地域公共交通再構築事業」の補助対象事業の決定\n\n　国土交通省は、令和8年度「地域公共交通再構築事業」の補助対象事業を決定しました。本事業は、鉄道やバスの路線を地域の実情に合わせて見直す取組を支援するものです。補助対象事業の一覧は別紙のとおりです。\n";
    let en = "September 14, 2026\nMinistry of Land, Infrastructure, Transport and Tourism\n\nSelection of Projects for the Regional Public Transport Restructuring Program\n\nThe Ministry of Land, Infrastructure, Transport and Tourism (MLIT) has selected the projects to be subsidized under the FY2026 Regional Public Transport Restructuring Program. The program supports efforts to review railway and bus routes in line with local circumstances. Please see the attachment for the list of projects selected for subsidies.\n";
    let (ja_added, ja_edited) = (
        "申請件数は過去最多でした。",
        "補助対象事業の一覧と各事業の概要は別紙のとおりです。",
    );
    let ja_v2 = edit(
        ja,
        &[(
            "補助対象事業の一覧は別紙のとおりです。",
            &format!("{ja_added}{ja_edited}"),
        )],
    );
    let en_v2 = edit(
        en,
        &[(
            "circumstances. Please see the attachment for the list of projects selected for subsidies.",
            "circumstances. The number of applications was the highest ever. Please see the attachment for the list of projects selected for subsidies and an outline of each.",
        )],
    );
    let (before, revised, _) = revised_one_language_first(doc, "ja", (ja, en), (&ja_v2, &en_v2));
    check_japanese_only_step(&before, &revised, "ja v2");
    assert_edit_keeps_partner_and_addition_stands_alone(
        &revised.ja,
        &revised.en,
        (
            ja_edited,
            "Please see the attachment for the list of projects selected for subsidies.",
        ),
        ja_added,
    );
}

/// A near miss: the sentence is added after an unchanged one (nothing edited next to it),
/// which keeps its message and partner.
#[test]
fn a_sentence_added_after_an_unchanged_one_stands_alone_until_the_english_follows() {
    let doc = "2026-08-03-sakutsuke-ikou";
    let ja = "令和8年8月3日\n農林水産省\n\n令和8年産米の作付意向調査の結果\n\n　農林水産省は、令和8年産米の作付意向について、都道府県への聞き取り調査の結果を取りまとめました。主食用米の作付面積は、前年並みとなる見込みです。飼料用米への転換は、引き続き進む傾向にあります。\n";
    let en = "August 3, 2026\nMinistry of Agriculture, Forestry and Fisheries\n\nResults of the Survey on Planting Intentions for 2026 Rice\n\nThe Ministry of Agriculture, Forestry and Fisheries has compiled the results of its interviews with prefectures on planting intentions for 2026 rice. The area planted with rice for staple food is expected to be at the same level as the previous year. The shift to rice for animal feed is likely to continue.\n";
    let (ja_kept, ja_added) = (
        "主食用米の作付面積は、前年並みとなる見込みです。",
        "麦や大豆への転換を検討している産地もあります。",
    );
    let ja_v2 = edit(ja, &[(ja_kept, &format!("{ja_kept}{ja_added}"))]);
    let en_v2 = edit(
        en,
        &[(
            "the same level as the previous year.",
            "the same level as the previous year. Some production areas are considering a shift to wheat or soybeans.",
        )],
    );
    let (before, revised, _) = revised_one_language_first(doc, "ja", (ja, en), (&ja_v2, &en_v2));
    check_japanese_only_step(&before, &revised, "ja v2");
    assert_edit_keeps_partner_and_addition_stands_alone(
        &revised.ja,
        &revised.en,
        (
            ja_kept,
            "The area planted with rice for staple food is expected to be at the same level as the previous year.",
        ),
        ja_added,
    );
}

/// The symmetric case, rarer but possible: the English release is revised first (an edit
/// and a sentence added after it) while the Japanese is unchanged. The edited English keeps
/// its Japanese, the added sentence is an English-only message until the original has it.
#[test]
fn an_english_edit_followed_by_an_added_sentence_stands_alone_until_the_original_follows() {
    let doc = "2026-06-18-gakkou-ict";
    let ja = "令和8年6月18日\n文部科学省\n\n学校におけるICT環境の整備状況調査の結果\n\n　文部科学省は、令和8年3月1日時点の学校におけるICT環境の整備状況について調査結果を公表します。普通教室の無線LAN整備率は、前年度から更に上昇しました。調査結果の詳細は、別添の資料を御覧ください。\n";
    let en = "June 18, 2026\nMinistry of Education, Culture, Sports, Science and Technology\n\nResults of the Survey on the ICT Environment in Schools\n\nThe Ministry of Education, Culture, Sports, Science and Technology (MEXT) publishes the results of its survey on the ICT environment in schools as of March 1, 2026. The rate of wireless LAN installation in regular classrooms rose. For details of the results, please see the attached material.\n";
    let (en_edited, en_added) = (
        "The rate of wireless LAN installation in regular classrooms rose again.",
        "It is now nearly universal.",
    );
    let en_v2 = edit(
        en,
        &[(
            "The rate of wireless LAN installation in regular classrooms rose.",
            &format!("{en_edited} {en_added}"),
        )],
    );
    let ja_v2 = edit(
        ja,
        &[(
            "前年度から更に上昇しました。",
            "前年度から更に上昇しました。現在はほぼ全ての教室で整備されています。",
        )],
    );
    let (before, revised, _) = revised_one_language_first(doc, "en", (ja, en), (&ja_v2, &en_v2));
    assert_eq!(
        before.ja, revised.ja,
        "the Japanese did not change, so neither may its catalog"
    );
    assert_edit_keeps_partner_and_addition_stands_alone(
        &revised.en,
        &revised.ja,
        (
            en_edited,
            "普通教室の無線LAN整備率は、前年度から更に上昇しました。",
        ),
        en_added,
    );
}

/// A near miss of the other side: the Japanese editor splits one sentence in two (the second
/// piece lightly reworded, so the diff calls it new) while the English is unchanged. The
/// pieces together are what the old sentence said, and its English translates both, so
/// they stay one message with it rather than leaving the second piece untranslated; the
/// length of the old Japanese sentence tells a split from an addition.
#[test]
fn a_japanese_sentence_split_in_two_stays_with_its_unchanged_english() {
    let doc = "2026-07-22-shouryokuka-hojokin";
    let ja = "令和8年7月22日\n経済産業省\n\n「中小企業省力化投資補助金」の第3回公募を開始します\n\n　経済産業省は、人手不足に悩む中小企業の省力化投資を支援するため、「中小企業省力化投資補助金」の第3回公募を本日から開始し、申請は専用の電子申請システムで受け付けます。公募要領は事務局のホームページに掲載しています。\n";
    let en = "July 22, 2026\nMinistry of Economy, Trade and Industry\n\nThird Call for Applications for the SME Labor-Saving Investment Subsidy\n\nTo support labor-saving investment by small and medium-sized enterprises facing labor shortages, the Ministry of Economy, Trade and Industry (METI) today opens the third call for applications for the SME Labor-Saving Investment Subsidy, and applications will be accepted through a dedicated electronic application system. The application guidelines are available on the secretariat's website.\n";
    let (first, second) = (
        "経済産業省は、人手不足に悩む中小企業の省力化投資を支援するため、「中小企業省力化投資補助金」の第3回公募を本日から開始します。",
        "申請は、専用の電子申請システムで受け付けます。",
    );
    let ja_v2 = edit(
        ja,
        &[(
            "経済産業省は、人手不足に悩む中小企業の省力化投資を支援するため、「中小企業省力化投資補助金」の第3回公募を本日から開始し、申請は専用の電子申請システムで受け付けます。",
            &format!("{first}{second}"),
        )],
    );
    let project = translated_release(doc, ja, en);
    let before = catalogs(&project, doc);
    project.write(&format!("source_texts/ja/{doc}.txt"), &ja_v2);
    project.ok(&["sync"]);
    let revised = catalogs(&project, doc);
    check_japanese_only_step(&before, &revised, "ja v2");
    let id = id_reading(&revised.ja, &format!("{first}{second}"));
    assert!(
        revised.en[&id].starts_with("To support labor-saving investment"),
        "{:#?}",
        revised.en
    );
    let files = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(
        files,
        project.snapshot("locales"),
        "a second sync changed files"
    );
}
