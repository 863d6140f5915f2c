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

/// One release revised Japanese-first: text replacements per step, and what they mean.
struct Revision {
    doc: &'static str,
    /// Japanese v1 → v2 and v2 → v3, English v1 → v3: (find, replace), each found once.
    ja_v2: &'static [(&'static str, &'static str)],
    ja_v3: &'static [(&'static str, &'static str)],
    en_v3: &'static [(&'static str, &'static str)],
    /// Japanese sentences new in v2 or v3 (each its own message until the English has them).
    added: &'static [&'static str],
    /// Japanese sentences edited in v3 (old text): their French becomes stale.
    edited: &'static [&'static str],
    /// Japanese sentences removed in v3 (English partner removed in en v3).
    removed: &'static [&'static str],
}

const RADIO: Revision = Revision {
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
    added: &[
        "前回の改定は令和元年に行われました。",
        "なお、提出された意見に対して個別に回答することはいたしかねます。",
    ],
    edited: &["改定後の料額は、令和5年10月1日から適用する予定です。"],
    removed: &[
        "提出された意見は、提出者の氏名（法人又は団体の場合は、その名称）を除き、公表する場合があります。",
    ],
};

const G20: Revision = Revision {
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
    added: &[
        "なお、次回の会合は本年秋に開催される予定です。",
        "各国のデジタル政策を相互に参照するための枠組みを設けることが有益である。",
    ],
    edited: &[],
    removed: &[
        "デジタル経済におけるセキュリティリスクに対処し、安全・安心なオンライン環境を確保するため、ベストプラクティスを共有することが不可欠である。",
    ],
};

const FIVE_G: Revision = Revision {
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
    added: &["本プランは、今後の進捗を踏まえて毎年見直します。"],
    edited: &[
        "5Gは、「超高速」「超低遅延」「多数同時接続」を特長とする次世代の移動通信システムであり、我が国では令和2年3月に携帯電話事業者による商用サービスが開始されました。",
    ],
    removed: &[],
};

/// `id -> value` of the single-line messages of a catalog (obsolete section included).
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

fn id_of(messages: &BTreeMap<String, String>, text: &str) -> String {
    messages
        .iter()
        .find(|(_, v)| *v == text)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no message reads {text:?} in {messages:#?}"))
}

/// Checks one Japanese-only step: the English catalog is exactly as before (same ids, same
/// texts: no English sentence re-paired), every unchanged Japanese message keeps its id, the
/// additions are Japanese-only messages, and only translations of changed sources are stale.
fn check_japanese_only_step(before: &Catalogs, after: &Catalogs, changed_ja: &[&str], step: &str) {
    assert_eq!(
        before.en, after.en,
        "{step}: the English did not change, so neither may its catalog"
    );
    for (id, text) in &before.ja {
        if changed_ja.contains(&text.as_str()) {
            continue;
        }
        assert_eq!(
            after.ja.get(id),
            Some(text),
            "{step}: unchanged Japanese message {id} lost its id"
        );
    }
    let stale_after = stale(&after.fr);
    for id in &stale_after {
        let source_changed = before.ja.get(id) != after.ja.get(id)
            || before.en.get(id) != after.en.get(id)
            || stale(&before.fr).contains(id);
        assert!(
            source_changed,
            "{step}: the French of {id} is stale but neither of its sources changed\n{}",
            after.fr
        );
    }
}

fn run(revision: &Revision) {
    let doc = revision.doc;
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::with_corpus();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    project.write(&fr_path, translate_all(&project.read(&fr_path), "FR"));
    project.ok(&["sync"]);
    let v1 = catalogs(&project, doc);
    let french: BTreeSet<String> = messages(&v1.fr).values().cloned().collect();
    assert!(stale(&v1.fr).is_empty());

    // Japanese v2 only.
    let ja_v1 = project.read(&ja_path);
    let ja_v2 = edit(&ja_v1, revision.ja_v2);
    project.write(&ja_path, &ja_v2);
    project.ok(&["sync"]);
    let v2 = catalogs(&project, doc);
    check_japanese_only_step(&v1, &v2, &[], "ja v2");
    assert!(stale(&v2.fr).is_empty(), "ja v2 only added:\n{}", v2.fr);

    // Japanese v3 only.
    project.write(&ja_path, edit(&ja_v2, revision.ja_v3));
    project.ok(&["sync"]);
    let v3 = catalogs(&project, doc);
    let changed: Vec<&str> = revision
        .edited
        .iter()
        .chain(revision.removed)
        .copied()
        .collect();
    check_japanese_only_step(&v2, &v3, &changed, "ja v3");
    for added in revision.added {
        let id = id_of(&v3.ja, added);
        assert!(
            !v1.ja.contains_key(&id) && !v3.en.contains_key(&id),
            "the addition {added:?} must be a new, Japanese-only message ({id})"
        );
    }
    let edited_ids: BTreeSet<String> = revision
        .edited
        .iter()
        .map(|text| id_of(&v1.ja, text))
        .collect();
    for id in &edited_ids {
        assert!(
            stale(&v3.fr).contains(id),
            "the Japanese of {id} changed: its French is stale\n{}",
            v3.fr
        );
    }
    for removed in revision.removed {
        let id = id_of(&v1.ja, removed);
        assert!(!v3.ja.contains_key(&id), "{id} left the Japanese");
        assert_eq!(
            v3.en.get(&id),
            v1.en.get(&id),
            "the English of {id}, whose Japanese was removed, stays in its message"
        );
    }
    // A second sync changes nothing.
    let before = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(
        before,
        project.snapshot("locales"),
        "second sync changed files"
    );

    // The English catches up.
    let en_v1 = project.read(&en_path);
    project.write(&en_path, edit(&en_v1, revision.en_v3));
    project.ok(&["sync"]);
    let caught_up = catalogs(&project, doc);
    assert_eq!(
        caught_up.ja, v3.ja,
        "the Japanese did not change: same ids, same texts"
    );
    for added in revision.added {
        let id = id_of(&caught_up.ja, added);
        assert!(
            caught_up.en.contains_key(&id),
            "the English now translates {added:?}: it joins message {id}\n{:#?}",
            caught_up.en
        );
    }
    for (id, text) in &v1.en {
        if caught_up.ja.get(id) == v1.ja.get(id) && en_v1.contains(text.as_str()) {
            let unchanged = !revision
                .en_v3
                .iter()
                .any(|(from, _)| from.contains(text.as_str()));
            if unchanged {
                assert_eq!(caught_up.en.get(id), Some(text), "{id} keeps its English");
            }
        }
    }
    assert_eq!(
        stale(&caught_up.fr),
        edited_ids,
        "exactly the translations of edited sentences are stale, once each\n{}",
        caught_up.fr
    );
    let kept: BTreeSet<String> = messages(&caught_up.fr).values().cloned().collect();
    let lost: Vec<&String> = french.difference(&kept).collect();
    assert!(lost.is_empty(), "French translations lost: {lost:?}");
}

#[test]
fn radio_fee_release_revised_japanese_first() {
    run(&RADIO);
}

#[test]
fn g20_release_revised_japanese_first() {
    run(&G20);
}

#[test]
fn five_g_release_revised_japanese_first() {
    run(&FIVE_G);
}
