//! A sentence of the original moved AND edited by a revision that arrives before the English
//! release is revised (issue: review 15). A release writes one sentence per line, and each
//! such line is a block (and a passage) of its own, so moving a sentence one line up takes it
//! to another passage. Where only its figures changed on the way, it is the same sentence:
//! it keeps its id and its English (now behind), and its French translation stays in place,
//! stale, showing the old and the new figures, exactly as the same edit without the move
//! gives. A look-alike with other figures in another section, or with other words in another
//! paragraph, stays a new sentence; and `diff` describes a revision as `sync` does.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::{TempProject, current, translate_all};

const DOC: &str = "2026-11-18-telework-chosa";

const JA_V1: &str = "令和8年11月18日
総務省

「テレワーク導入実態調査」の結果の公表

１．調査結果
調査は、令和8年9月に全国の事業者を対象に実施しました。
回答した事業者のうち、テレワークを導入している割合は47.3％でした。
詳しい集計結果は、別添資料をご覧ください。

２．説明会
結果の説明会を、令和8年12月10日に東京で開催します。
東京会場の詳細は決まり次第お知らせします。
参加には事前の登録が必要です。

３．連絡先
総務省情報流通行政局情報流通振興課
";

const EN_V1: &str = "November 18, 2026
Ministry of Internal Affairs and Communications

Publication of the Results of the Survey on Telework Adoption

1. Results
The survey covered businesses across Japan in September 2026.
Of the businesses that responded, 47.3% have adopted telework.
For detailed tables, see the attachment.

2. Briefing session
A briefing session on the results will be held in Tokyo on December 10, 2026.
Details of the Tokyo venue will be announced when decided.
Registration in advance is required.

3. Contact
Information Flow Promotion Division, Information and Communications Bureau, MIC
";

fn ja_path() -> String {
    format!("source_texts/ja/{DOC}.txt")
}

fn catalog(lang: &str) -> String {
    format!("locales/{lang}/{DOC}.ftl")
}

/// The release in both languages, synced, every message translated into French.
fn translated() -> TempProject {
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path(), JA_V1);
    project.write(&format!("source_texts/en/{DOC}.txt"), EN_V1);
    project.ok(&["sync"]);
    project.write(
        &catalog("fr"),
        translate_all(&project.read(&catalog("fr")), "FR"),
    );
    project.ok(&["sync"]);
    project
}

fn id_of(messages: &BTreeMap<String, String>, text: &str) -> String {
    messages
        .iter()
        .find(|(_, t)| *t == text)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no message {text:?} in {messages:#?}"))
}

/// The comment lines right above the French message `id`.
fn comments_of(fr: &str, id: &str) -> Vec<String> {
    let lines: Vec<&str> = fr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{id} = ")))
        .unwrap_or_else(|| panic!("no French message {id}:\n{fr}"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with('#'))
        .map(|l| (*l).to_owned())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

/// The `sources.en.<doc>.behind` list of `status --format json`.
fn behind(project: &TempProject) -> BTreeSet<String> {
    let run = project.ok(&["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["sources"]["en"][DOC]["behind"]
        .as_array()
        .unwrap_or_else(|| panic!("no behind list in {json}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Moves `line` of the Japanese release before the line `before` with `edited` as its
/// new text, syncs, and checks what a revision of the figures alone gives: same id, same
/// English (behind), the French kept in place and stale with its `# was ja:` and
/// `# change ja:` lines; the English catalog and `diff` report no move of the English, and a
/// second sync changes nothing.
fn moved_with_new_figures(line: &str, edited: &str, before: &str, figure: (&str, &str)) {
    let project = translated();
    let v1_ja = current(&project.read(&catalog("ja")));
    let v1_en = current(&project.read(&catalog("en")));
    let v1_fr = current(&project.read(&catalog("fr")));
    let id = id_of(&v1_ja, line);
    let english = v1_en[&id].clone();
    let french = v1_fr[&id].clone();

    let without = JA_V1.replacen(&format!("{line}\n"), "", 1);
    assert_ne!(without, JA_V1);
    let revised = without.replacen(&format!("{before}\n"), &format!("{edited}\n{before}\n"), 1);
    assert_ne!(revised, without);
    project.write(&ja_path(), &revised);

    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains(&format!("> moved {id} ")), "{diff}");
    assert!(
        diff.contains(&format!("[-{}-]", figure.0))
            && diff.contains(&format!("{{+{}+}}", figure.1)),
        "the move shows its figure change: {diff}"
    );
    assert!(
        !diff.contains("+ added") && !diff.contains("- removed"),
        "{diff}"
    );
    assert!(
        !diff.contains(&format!("== {DOC} (en)")),
        "the English text did not change: {diff}"
    );
    assert!(
        diff.contains("en behind ja: 0 added, 1 changed, 0 extra"),
        "{diff}"
    );

    let synced = project.ok(&["sync"]).stdout;
    assert!(
        synced.contains("(0 added, 1 modified, 0 retired)"),
        "{synced}"
    );
    assert!(synced.contains(&format!("newly stale: {id}")), "{synced}");
    let ja = current(&project.read(&catalog("ja")));
    let en = current(&project.read(&catalog("en")));
    let fr_text = project.read(&catalog("fr"));
    let fr = current(&fr_text);
    assert_eq!(ja.get(&id).map(String::as_str), Some(edited), "{ja:#?}");
    assert_eq!(en.get(&id), Some(&english), "{en:#?}");
    assert_eq!(
        ja.keys().collect::<Vec<_>>(),
        v1_ja.keys().collect::<Vec<_>>(),
        "no id given out or retired"
    );
    assert_eq!(fr.get(&id), Some(&french), "{fr_text}");
    assert!(
        !fr_text.contains("## honyaku: obsolete"),
        "nothing obsolete:\n{fr_text}"
    );
    let comments = comments_of(&fr_text, &id);
    let has = |prefix: &str, needle: &str| {
        comments
            .iter()
            .any(|c| c.starts_with(prefix) && c.contains(needle))
    };
    assert!(has("# stale:", ""), "{comments:#?}");
    assert!(has("# was ja: ", line), "{comments:#?}");
    assert!(has("# ja: ", edited), "{comments:#?}");
    assert!(
        has(
            "# change ja: ",
            &format!("[-{}-]{{+{}+}}", figure.0, figure.1)
        ),
        "{comments:#?}"
    );
    assert_eq!(behind(&project), BTreeSet::from([id.clone()]));
    let status = project.ok(&["status"]).stdout;
    assert!(
        status.contains("en behind ja: 0 added, 1 changed, 0 extra"),
        "{status}"
    );

    let locales = project.snapshot("locales");
    let again = project.ok(&["sync"]).stdout;
    assert_eq!(project.snapshot("locales"), locales, "{again}");
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(
        !diff.contains("> moved") && !diff.contains("+ added"),
        "{diff}"
    );
}

#[test]
fn a_sentence_moved_up_a_line_with_a_new_figure_keeps_its_id_and_translation() {
    moved_with_new_figures(
        "回答した事業者のうち、テレワークを導入している割合は47.3％でした。",
        "回答した事業者のうち、テレワークを導入している割合は51.6％でした。",
        "調査は、令和8年9月に全国の事業者を対象に実施しました。",
        ("47.3", "51.6"),
    );
}

#[test]
fn a_sentence_moved_down_a_line_with_a_new_date_keeps_its_id_and_translation() {
    moved_with_new_figures(
        "結果の説明会を、令和8年12月10日に東京で開催します。",
        "結果の説明会を、令和8年12月17日に東京で開催します。",
        "参加には事前の登録が必要です。",
        ("12月10日", "12月17日"),
    );
}

/// What the rule must not pair: a sentence removed from one section and a look-alike with
/// other figures written into another: a release repeats its sentence patterns, and so far
/// off it is far likelier a new statement than the old one moved and updated at once.
#[test]
fn a_look_alike_with_other_figures_in_another_section_is_a_new_sentence() {
    let project = translated();
    let v1_ja = current(&project.read(&catalog("ja")));
    let old = "回答した事業者のうち、テレワークを導入している割合は47.3％でした。";
    let gone = id_of(&v1_ja, old);
    let other = "回答した事業者のうち、テレワークを導入している割合は51.6％でした。";
    let revised = JA_V1.replacen(&format!("{old}\n"), "", 1).replacen(
        "参加には事前の登録が必要です。\n",
        &format!("参加には事前の登録が必要です。\n{other}\n"),
        1,
    );
    project.write(&ja_path(), &revised);
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains(&format!("- removed {gone} ")), "{diff}");
    assert!(diff.contains("+ added"), "{diff}");
    project.ok(&["sync"]);
    let ja = current(&project.read(&catalog("ja")));
    assert!(!v1_ja.contains_key(&id_of(&ja, other)), "{ja:#?}");
    let fr = project.read(&catalog("fr"));
    let (_, obsolete) = fr.split_once("## honyaku: obsolete").unwrap();
    assert!(
        obsolete.contains(&format!("{gone} = FR {gone}")),
        "the removed sentence's translation is kept, obsolete:\n{fr}"
    );
}

/// Nor a look-alike with other words written into another paragraph (another city), or an
/// unrelated sentence.
#[test]
fn a_look_alike_with_other_words_in_another_paragraph_is_a_new_sentence() {
    let project = translated();
    let v1_ja = current(&project.read(&catalog("ja")));
    let tokyo = "東京会場の詳細は決まり次第お知らせします。";
    let gone = id_of(&v1_ja, tokyo);
    let osaka = "大阪会場の詳細は決まり次第お知らせします。";
    let unrelated = "本調査の調査票は、総務省のウェブサイトに掲載しています。";
    let revised = JA_V1.replacen(&format!("{tokyo}\n"), "", 1).replacen(
        "詳しい集計結果は、別添資料をご覧ください。\n",
        &format!("{osaka}\n詳しい集計結果は、別添資料をご覧ください。\n{unrelated}\n"),
        1,
    );
    project.write(&ja_path(), &revised);
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(diff.contains(&format!("- removed {gone} ")), "{diff}");
    assert_eq!(diff.matches("+ added").count(), 2, "{diff}");
    project.ok(&["sync"]);
    let ja = current(&project.read(&catalog("ja")));
    for text in [osaka, unrelated] {
        let id = id_of(&ja, text);
        assert!(!v1_ja.contains_key(&id), "{text} took the id {id}");
    }
    let fr = project.read(&catalog("fr"));
    let (_, obsolete) = fr.split_once("## honyaku: obsolete").unwrap();
    assert!(
        obsolete.contains(&format!("{gone} = FR {gone}")),
        "the removed sentence's translation is kept, obsolete:\n{fr}"
    );
}

/// One sentence cut in two while its date changed: `sync` keeps the message (modified, its
/// French stale); `diff` says the same, not "removed" and "added" under one id.
#[test]
fn diff_and_sync_describe_a_split_with_a_new_date_alike() {
    let old = "参加には事前の登録が必要です。";
    let one = "説明会への参加を希望される方は、令和8年12月4日（金）正午までに、別紙2の登録フォームによりお申し込みください。";
    let project = TempProject::new();
    fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    let ja_v1 = JA_V1.replacen(&format!("{old}\n"), &format!("{one}\n"), 1);
    let en_v1 = EN_V1.replacen(
        "Registration in advance is required.",
        "Those wishing to attend the briefing session should apply using the registration form in Attachment 2 by Friday, December 4, 2026.",
        1,
    );
    project.write(&ja_path(), &ja_v1);
    project.write(&format!("source_texts/en/{DOC}.txt"), &en_v1);
    project.ok(&["sync"]);
    project.write(
        &catalog("fr"),
        translate_all(&project.read(&catalog("fr")), "FR"),
    );
    project.ok(&["sync"]);
    let id = id_of(&current(&project.read(&catalog("ja"))), one);

    let two = "説明会への参加を希望される方は、令和8年12月11日（金）正午までにお申し込みください。申込みは、別紙2の登録フォームにより行ってください。";
    project.write(&ja_path(), ja_v1.replacen(one, two, 1));
    let diff = project.ok(&["diff", "--color", "never"]).stdout;
    assert!(
        !diff.contains(&format!("removed {id} ")) && !diff.contains(&format!("added {id} ")),
        "one message, not a removal and an addition: {diff}"
    );
    assert!(diff.contains(&format!("~ modified {id} ")), "{diff}");
    assert!(
        diff.contains("12月4日") && diff.contains("12月11日"),
        "{diff}"
    );
    let synced = project.ok(&["sync"]).stdout;
    assert!(
        synced.contains("(0 added, 1 modified, 0 retired)")
            && synced.contains(&format!("newly stale: {id}")),
        "{synced}"
    );
    let ja = current(&project.read(&catalog("ja")));
    assert_eq!(
        ja.get(&id).map(String::as_str),
        Some(two),
        "one message: {ja:#?}"
    );
}
