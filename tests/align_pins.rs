//! Editor pins end to end: a pin file in `alignments/<doc>.toml` changes how `honyaku sync`
//! groups the English release into messages, keeps doing so after the source is edited
//! elsewhere, and a pin that matches nothing or a malformed pin file is reported.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test"
)]

mod common;

use std::collections::BTreeMap;

use common::TempProject;

const DOC: &str = "2021-04-01-briefing";
const JA_TEXT: &str = "令和3年4月1日\n地方公共団体向け説明会の開催\n\n\
総務省は、令和3年4月12日（月）に、地方公共団体の職員を対象としたオンライン説明会を開催し、約1,200名が参加しました。\
説明会の資料は当省ホームページに掲載しています。\n\n\
連絡先\n総務省自治行政局\n電話：03-5253-5111\n";
const EN_TEXT: &str = "April 1, 2021\nBriefing Session for Local Governments\n\n\
On Monday, April 12, 2021, MIC held an online briefing session for officials of local governments. \
About 1,200 people took part. \
The materials of the session are available on the MIC website.\n\n\
Contact\nLocal Administration Bureau, MIC\nTEL: +81 3 5253 5111\n";

const FIRST_EN: &str = "On Monday, April 12, 2021, MIC held an online briefing session for officials of local governments.";
const SECOND_EN: &str = "About 1,200 people took part.";
const FIRST_JA: &str = "総務省は、令和3年4月12日（月）に、地方公共団体の職員を対象としたオンライン説明会を開催し、約1,200名が参加しました。";

/// `id -> value` of the messages of a catalog.
fn messages(catalog: &str) -> BTreeMap<String, String> {
    catalog
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

fn id_of(catalog: &str, text: &str) -> Option<String> {
    messages(catalog)
        .into_iter()
        .find(|(_, v)| v == text)
        .map(|(id, _)| id)
}

fn project() -> TempProject {
    let project = TempProject::new();
    project.write(&format!("source_texts/ja/{DOC}.txt"), JA_TEXT);
    project.write(&format!("source_texts/en/{DOC}.txt"), EN_TEXT);
    project
}

fn catalogs(project: &TempProject) -> (String, String) {
    (
        project.read(&format!("locales/ja/{DOC}.ftl")),
        project.read(&format!("locales/en/{DOC}.ftl")),
    )
}

const PIN: &str = "# The English release splits the first sentence; keep only its first half with it.\n\
[[pin]]\n\
ja = [\"総務省は、令和3年4月12日（月）に、地方公共団体の職員を対象としたオンライン説明会を開催し、約1,200名が参加しました。\"]\n\
en = [\"On Monday, April 12, 2021, MIC held an online briefing session for officials of local governments.\"]\n";

#[test]
fn a_pin_regroups_english_messages_and_survives_later_syncs() {
    let project = project();
    project.ok(&["sync"]);
    let (ja, en) = catalogs(&project);
    let id = id_of(&ja, FIRST_JA).expect("first ja sentence has a message");
    // Unpinned, the aligner pairs the Japanese sentence with both English ones.
    assert_eq!(
        messages(&en).get(&id).map(String::as_str),
        Some(format!("{FIRST_EN} {SECOND_EN}").as_str()),
        "{en}"
    );

    project.write(&format!("alignments/{DOC}.toml"), PIN);
    let run = project.ok(&["sync"]);
    assert!(!run.stderr.contains("pin 1"), "{}", run.stderr);
    let (ja, en) = catalogs(&project);
    assert_eq!(id_of(&ja, FIRST_JA).as_deref(), Some(id.as_str()), "{ja}");
    assert_eq!(
        messages(&en).get(&id).map(String::as_str),
        Some(FIRST_EN),
        "{en}"
    );
    assert!(
        messages(&en).values().any(|v| v.contains(SECOND_EN)),
        "the unpinned sentence still has a message: {en}"
    );

    // An edit elsewhere in both releases: the pin still holds.
    project.write(
        &format!("source_texts/ja/{DOC}.txt"),
        JA_TEXT.replace("電話：03-5253-5111", "電話：03-5253-5112"),
    );
    project.write(
        &format!("source_texts/en/{DOC}.txt"),
        EN_TEXT.replace("+81 3 5253 5111", "+81 3 5253 5112"),
    );
    project.ok(&["sync"]);
    let (ja, en) = catalogs(&project);
    assert!(ja.contains("03-5253-5112"), "{ja}");
    assert_eq!(id_of(&ja, FIRST_JA).as_deref(), Some(id.as_str()), "{ja}");
    assert_eq!(
        messages(&en).get(&id).map(String::as_str),
        Some(FIRST_EN),
        "{en}"
    );

    // Without the pin, the pairing the last sync made stays (alignment history, issue 13):
    // unchanged sentences keep their partners ...
    std::fs::remove_file(project.path().join(format!("alignments/{DOC}.toml"))).unwrap();
    project.ok(&["sync"]);
    let (_, en) = catalogs(&project);
    assert_eq!(
        messages(&en).get(&id).map(String::as_str),
        Some(FIRST_EN),
        "{en}"
    );
    // ... until they change: then the aligner groups them afresh.
    let first_ja = FIRST_JA.replace("約1,200名", "約1,300名");
    let second_en = SECOND_EN.replace("1,200", "1,300");
    project.write(
        &format!("source_texts/ja/{DOC}.txt"),
        JA_TEXT
            .replace("電話：03-5253-5111", "電話：03-5253-5112")
            .replace(FIRST_JA, &first_ja),
    );
    project.write(
        &format!("source_texts/en/{DOC}.txt"),
        EN_TEXT
            .replace("+81 3 5253 5111", "+81 3 5253 5112")
            .replace(SECOND_EN, &second_en),
    );
    project.ok(&["sync"]);
    let (ja, en) = catalogs(&project);
    assert_eq!(id_of(&ja, &first_ja).as_deref(), Some(id.as_str()), "{ja}");
    assert_eq!(
        messages(&en).get(&id).map(String::as_str),
        Some(format!("{FIRST_EN} {second_en}").as_str()),
        "{en}"
    );
}

#[test]
fn stale_pins_warn_and_broken_pin_files_stop_the_document() {
    let project = project();
    project.write(
        &format!("alignments/{DOC}.toml"),
        "[[pin]]\nja = [\"連絡先\"]\nen = [\"Contacts\"]\n",
    );
    let run = project.run(&["sync"]);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(output.contains("pin 1 matches no sentence"), "{output}");
    assert!(
        output.contains(&format!("alignments/{DOC}.toml")),
        "{output}"
    );
    assert!(project.exists(&format!("locales/en/{DOC}.ftl")));

    let project = self::project();
    project.write(
        &format!("alignments/{DOC}.toml"),
        "[[pin]]\nja = [\"連絡先\"]\nfr = [\"Contact\"]\n",
    );
    let run = project.run(&["sync"]);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(output.contains("unknown key `fr`"), "{output}");
    assert!(
        output.contains(&format!("alignments/{DOC}.toml:")),
        "{output}"
    );
    assert!(
        !project.exists(&format!("locales/en/{DOC}.ftl")),
        "{output}"
    );
}
