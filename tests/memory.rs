//! The translation memory end to end (issue 16), through the real binary: an identical
//! sentence in a new release gets a 100% suggestion from the right document, a sentence that
//! differs only in figures gets the translation with its figures replaced (era year to the
//! Gregorian year, month and weekday names in French), a sentence moved and edited across
//! paragraphs gets its old translation from the obsolete section, an unrelated sentence gets
//! none, TMX files in `memory/<locale>/` count, and no catalog byte changes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test"
)]

mod common;

use common::{TempProject, repo};
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/memory").join(name)).unwrap()
}

/// Writes document `doc` from the fixtures `<name>.ja.txt` and `<name>.en.txt`.
fn put(project: &TempProject, doc: &str, name: &str) {
    for lang in ["ja", "en"] {
        project.write(
            &format!("source_texts/{lang}/{doc}.txt"),
            fixture(&format!("{name}.{lang}.txt")),
        );
    }
}

/// Fills the French placeholders `# id =` of a catalog with these translations.
fn translate(project: &TempProject, doc: &str, translations: &[(&str, &str)]) {
    let path = format!("locales/fr/{doc}.ftl");
    let mut text = project.read(&path);
    for (id, translation) in translations {
        let slot = format!("# {id} =\n");
        assert!(text.contains(&slot), "no slot {id} in {text}");
        text = text.replace(&slot, &format!("{id} = {translation}\n"));
    }
    project.write(&path, text);
}

/// Fills the French slot of the entry whose original is `ja`.
fn translate_source(project: &TempProject, doc: &str, ja: &str, translation: &str) {
    let path = format!("locales/fr/{doc}.ftl");
    let text = project.read(&path);
    let at = text.find(&format!("# ja: {ja}\n")).expect("source line");
    let id = text[at..]
        .lines()
        .find_map(|line| {
            line.strip_prefix("# ")
                .and_then(|l| l.strip_suffix(" ="))
                .filter(|id| !id.contains(':'))
        })
        .unwrap_or_else(|| panic!("no slot after {ja}"));
    translate(project, doc, &[(id, translation)]);
}

/// Document `a` synced and translated into French, and document `b`, a later release
/// repeating its phrasing, synced and untranslated.
/// The `# tm` lines are opt-in (their cost on an incremental sync is in BENCHMARKS.md).
const COMMENTS_ON: &str = "[memory]\ncomments = true\n";

fn project() -> TempProject {
    let project = TempProject::new();
    project.write("honyaku.toml", COMMENTS_ON);
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    put(&project, "a", "a");
    project.ok(&["sync"]);
    translate(
        &project,
        "a",
        &[
            ("release-date", "1er avril 2024"),
            (
                "issuer",
                "Ministère des Affaires intérieures et des Communications",
            ),
            (
                "title",
                "Réunion du Conseil de l'information et des communications",
            ),
            (
                "intro-1",
                "La 3e réunion du groupe d'étude se tiendra le mercredi 10 avril 2024.",
            ),
            ("intro-2", "Les détails figurent en annexe."),
            (
                "intro-3",
                "Pour toute question à ce sujet, veuillez contacter le service ci-dessous.",
            ),
            (
                "intro-4",
                "Le ministère sollicite les commentaires du public sur la révision des redevances d'utilisation des fréquences.",
            ),
        ],
    );
    put(&project, "b", "b");
    project.ok(&["sync"]);
    project
}

fn suggest(project: &TempProject, args: &[&str]) -> Value {
    let mut all = vec!["suggest", "--locale", "fr", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&project.ok(&all).stdout).unwrap()
}

/// The suggestions for the entry of `b` whose original is `source`.
fn for_source<'a>(json: &'a Value, source: &str) -> Option<&'a Vec<Value>> {
    json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == source)
        .map(|e| e["suggestions"].as_array().unwrap())
}

#[test]
fn identical_sentences_come_back_exact_from_the_right_document() {
    let project = project();
    let json = suggest(&project, &["b"]);
    for (source, id, translation) in [
        (
            "総務省",
            "issuer",
            "Ministère des Affaires intérieures et des Communications",
        ),
        (
            "詳細は別紙のとおりです。",
            "intro-2",
            "Les détails figurent en annexe.",
        ),
        (
            "本件に関する問い合わせは、下記の連絡先までお願いします。",
            "intro-3",
            "Pour toute question à ce sujet, veuillez contacter le service ci-dessous.",
        ),
    ] {
        let found = for_source(&json, source).unwrap_or_else(|| panic!("none for {source}"));
        let best = &found[0];
        assert_eq!(best["score"], 100, "{best}");
        assert_eq!(best["exact"], true);
        assert_eq!(best["from"]["document"], "a");
        assert_eq!(best["from"]["id"], id);
        assert_eq!(best["translation"], translation);
    }
}

#[test]
fn a_sentence_differing_in_figures_gets_them_replaced() {
    let project = project();
    let json = suggest(&project, &["b"]);
    let found = for_source(&json, "令和7年5月20日（火）に第4回検討会を開催します。").unwrap();
    let best = &found[0];
    assert_eq!(
        best["translation"], "La 4e réunion du groupe d'étude se tiendra le mardi 20 mai 2025.",
        "{best}"
    );
    assert_eq!(best["from"]["id"], "intro-1");
    let replaced: Vec<(String, String)> = best["figures_replaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap().to_owned(),
                r["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        replaced,
        vec![
            pair("3e", "4e"),
            pair("mercredi", "mardi"),
            pair("10", "20"),
            pair("avril", "mai"),
            pair("2024", "2025"),
        ]
    );
    // The release date: the era year becomes the Gregorian year, `1er` a plain day.
    let date = for_source(&json, "令和7年5月12日").unwrap();
    assert_eq!(date[0]["translation"], "12 mai 2025");
    assert_eq!(date[0]["from"]["id"], "release-date");
    // The text report says what was replaced.
    let text = project.ok(&["suggest", "--locale", "fr", "b"]).stdout;
    assert!(
        text.contains("figures replaced: 1er → 12, avril → mai, 2024 → 2025"),
        "{text}"
    );
}

#[test]
fn an_unrelated_sentence_gets_nothing_and_no_catalog_changes() {
    let project = project();
    let before = project.snapshot("locales");
    let json = suggest(&project, &[]);
    assert!(for_source(&json, "来年度の予算案を閣議決定しました。").is_none());
    assert!(for_source(&json, "検討会の開催予定").is_none());
    assert_eq!(project.snapshot("locales"), before);
    // Suggestions never leave the memory: a second sync changes nothing either.
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), before);
}

#[test]
fn a_sentence_moved_and_edited_gets_its_old_translation() {
    let project = project();
    put(&project, "a", "a2");
    project.ok(&["sync"]);
    let catalog = project.read("locales/fr/a.ftl");
    let json = suggest(&project, &["a"]);
    let found = for_source(
        &json,
        "電波利用料の見直しについて、広く国民の皆様から御意見を募集いたします。",
    )
    .unwrap_or_else(|| panic!("no suggestion in {json:#}\n{catalog}"));
    let best = &found[0];
    assert_eq!(best["exact"], false);
    assert!(best["score"].as_u64().unwrap() >= 75, "{best}");
    assert_eq!(best["from"]["document"], "a");
    assert_eq!(best["from"]["id"], "intro-4");
    assert_eq!(
        best["translation"],
        "Le ministère sollicite les commentaires du public sur la révision des redevances d'utilisation des fréquences."
    );
    assert!(
        best["change"].as_str().unwrap().contains("{+御+}"),
        "{best}"
    );
}

#[test]
fn the_memory_cache_is_reused_and_deleting_it_is_safe() {
    let project = project();
    let first = suggest(&project, &[]);
    assert_eq!(first["memory"]["planned"], 2);
    let second = suggest(&project, &[]);
    assert_eq!(second["memory"]["planned"], 0);
    assert_eq!(second["memory"]["reused"], 2);
    assert_eq!(first["entries"], second["entries"]);
    // A translated entry joins the memory on the next run (its document is planned again).
    translate_source(
        &project,
        "b",
        "来年度の予算案を閣議決定しました。",
        "Le Conseil des ministres a approuvé le projet de budget.",
    );
    let third = suggest(&project, &[]);
    assert_eq!(third["memory"]["planned"], 1);
    assert_eq!(
        third["memory_units"].as_u64().unwrap(),
        first["memory_units"].as_u64().unwrap() + 1
    );
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    let fourth = suggest(&project, &[]);
    assert_eq!(fourth["memory"]["planned"], 2);
    assert_eq!(fourth["entries"], third["entries"]);
}

#[test]
fn tmx_files_in_the_memory_folder_are_suggested_from() {
    let project = project();
    project.write(
        "memory/fr/old.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ja" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body>
  <tu tuid="budget-1">
    <tuv xml:lang="ja"><seg>来年度の予算案を閣議決定しました。</seg></tuv>
    <tuv xml:lang="fr-FR"><seg>Le Conseil des ministres a approuvé le projet de budget pour l'exercice suivant.</seg></tuv>
  </tu>
</body></tmx>"#,
    );
    let json = suggest(&project, &["b"]);
    let found = for_source(&json, "来年度の予算案を閣議決定しました。").unwrap();
    assert_eq!(found[0]["from"]["document"], "memory/fr/old.tmx");
    assert_eq!(found[0]["from"]["id"], "budget-1");
    assert_eq!(found[0]["score"], 100);
    // A malformed TMX file is reported with its position and left out.
    project.write("memory/fr/bad.tmx", "<tmx version=\"1.4\"><body>");
    let run = project.ok(&["suggest", "--locale", "fr", "b"]);
    assert!(
        run.stderr.contains("memory/fr/bad.tmx:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_locales_and_documents_are_usage_errors() {
    let project = project();
    let run = project.run(&["suggest", "--locale", "de"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a translation locale"),
        "{}",
        run.stderr
    );
    let run = project.run(&["suggest", "--locale", "fr", "nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no document named"), "{}", run.stderr);
}

/// The held-out check (`tests/fixtures/memory/heldout.tsv`, written before the memory ran
/// on it): remembered pairs in a TMX file, new sentences in a release. Prints how often the
/// top suggestion comes from the right remembered unit, how often a figures case gets the
/// exactly right translation, and what unrelated sentences get; fails on a suggestion of
/// 90% or more for an unrelated sentence.
#[test]
fn heldout_ministry_phrasing() {
    let table = fixture("heldout.tsv");
    let cases: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(cases.len() >= 20 && cases.iter().all(|c| c.len() == 5));
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"ja\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"test\" creationtoolversion=\"1\" o-tmf=\"test\"/><body>\n",
    );
    // A title first: a release's first line that starts with a date is its date line.
    let mut release = String::from("評価用の報道発表\n\n");
    for (n, case) in cases.iter().enumerate() {
        if case[1] != "-" {
            tmx.push_str(&format!(
                "<tu tuid=\"case-{n}\"><tuv xml:lang=\"ja\"><seg>{}</seg></tuv><tuv xml:lang=\"fr\"><seg>{}</seg></tuv></tu>\n",
                escape(case[1]),
                escape(case[2])
            ));
        }
        release.push_str(case[3]);
        release.push_str("\n\n");
    }
    tmx.push_str("</body></tmx>\n");
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write("memory/fr/heldout.tmx", tmx);
    project.write("source_texts/ja/new.txt", release);
    project.ok(&["sync"]);
    let json = suggest(&project, &[]);
    let (mut given, mut right_unit, mut not_segmented) = (0, 0, 0);
    let (mut figures, mut figures_exact) = (0, 0);
    let (mut unrelated_given, mut unrelated_high) = (0, 0);
    for (n, case) in cases.iter().enumerate() {
        let kind = case[0];
        let entry = json["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == case[3]);
        let catalog = project.read("locales/fr/new.ftl");
        if !catalog.contains(&format!("# ja: {}\n", case[3])) {
            not_segmented += 1;
            println!("case {n}: not one segment");
            continue;
        }
        let top = entry.map(|e| &e["suggestions"][0]);
        let score = top.map_or(0, |t| t["score"].as_u64().unwrap());
        let from = top.map(|t| t["from"]["id"].as_str().unwrap().to_owned());
        let translation = top.map(|t| t["translation"].as_str().unwrap().to_owned());
        if top.is_some() {
            given += 1;
        }
        let right = from.as_deref() == Some(&format!("case-{n}"));
        right_unit += usize::from(right);
        match kind {
            "figures" => {
                figures += 1;
                let exact = translation.as_deref() == Some(case[4]);
                figures_exact += usize::from(exact);
                println!(
                    "case {n} figures: {score}% right unit {right}, translation right {exact}: {translation:?}"
                );
            }
            "edited" => println!("case {n} edited: {score}% right unit {right}"),
            _ => {
                unrelated_given += usize::from(top.is_some());
                unrelated_high += usize::from(score >= 90);
                println!("case {n} unrelated: {score}% from {from:?}");
            }
        }
    }
    let expecting = cases.iter().filter(|c| c[0] != "unrelated").count();
    println!(
        "held-out memory: {} cases ({expecting} with a remembered unit), {not_segmented} not one segment; top suggestions given {given}, from the right unit {right_unit} (precision {:.1}%, recall {:.1}%); figures cases translated exactly right {figures_exact}/{figures}; unrelated: {unrelated_given} given, {unrelated_high} at 90% or more",
        cases.len(),
        100.0 * right_unit as f64 / given.max(1) as f64,
        100.0 * right_unit as f64 / expecting as f64,
    );
    assert_eq!(
        unrelated_high, 0,
        "a suggestion of 90% or more for an unrelated sentence"
    );
}

#[test]
fn import_puts_a_tmx_file_into_the_memory_and_never_overwrites_one() {
    let old = project();
    old.ok(&[
        "export", "--locale", "fr", "a", "--format", "tmx", "-o", "a.tmx",
    ]);
    let tmx = old.read("a.tmx");
    // A new project with only release b: its memory starts empty.
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    put(&project, "b", "b");
    project.ok(&["sync"]);
    assert!(
        suggest(&project, &[])["entries"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    project.write("a.tmx", &tmx);
    let before = project.snapshot("locales");
    let dry = project.ok(&["import", "a.tmx", "--dry-run"]);
    assert!(
        dry.stdout.contains("would add memory/fr/a.tmx"),
        "{}",
        dry.stdout
    );
    assert!(!project.exists("memory/fr/a.tmx"));
    let run = project.ok(&["import", "a.tmx"]);
    assert!(
        run.stdout
            .contains("added memory/fr/a.tmx to the translation memory"),
        "{}",
        run.stdout
    );
    assert_eq!(project.read("memory/fr/a.tmx"), tmx);
    assert_eq!(
        project.snapshot("locales"),
        before,
        "import of TMX touched a catalog"
    );
    let json = suggest(&project, &["b"]);
    let found = for_source(&json, "詳細は別紙のとおりです。").unwrap();
    assert_eq!(found[0]["translation"], "Les détails figurent en annexe.");
    assert_eq!(found[0]["from"]["document"], "memory/fr/a.tmx");
    assert_eq!(found[0]["from"]["id"], "a/intro-2");
    // The same file again changes nothing; another file of that name is refused.
    project.ok(&["import", "a.tmx"]);
    project.write("a.tmx", tmx.replace("annexe", "pièce jointe"));
    let run = project.run(&["import", "a.tmx"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not overwritten"), "{}", run.stderr);
    assert_eq!(project.read("memory/fr/a.tmx"), tmx);
}

/// Drives the language server on catalog `b` of the project: returns the hover text and the
/// code actions offered for the entry on `line` (0-based).
fn lsp_hover_and_actions(project: &TempProject, line: u32) -> (String, Vec<Value>) {
    use lsp_server::{Message, Notification, Request};
    use serde_json::json;
    let path = project.path().join("locales/fr/b.ftl");
    let uri = format!("file://{}", path.display());
    let text = project.read("locales/fr/b.ftl");
    let mut server = honyaku::lsp::Server::new();
    let request = |id: i32, method: &str, params: Value| {
        Message::Request(Request {
            id: id.into(),
            method: method.to_owned(),
            params,
        })
    };
    server.handle(request(0, "initialize", json!({ "capabilities": {} })));
    server.handle(Message::Notification(Notification {
        method: "initialized".to_owned(),
        params: json!({}),
    }));
    server.handle(Message::Notification(Notification {
        method: "textDocument/didOpen".to_owned(),
        params: json!({ "textDocument": { "uri": uri, "languageId": "fluent", "version": 1, "text": text } }),
    }));
    let position = json!({ "line": line, "character": 2 });
    let step = server.handle(request(
        1,
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position }),
    ));
    let hover = step.out[0]["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let step = server.handle(request(
        2,
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": position, "end": position }, "context": { "diagnostics": [] } }),
    ));
    let actions = step.out[0]["result"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (hover, actions)
}

#[test]
fn the_language_server_shows_suggestions_and_applies_one_as_an_edit() {
    let project = project();
    let text = project.read("locales/fr/b.ftl");
    let source_line = text
        .lines()
        .position(|l| l.starts_with("# ja: 令和7年5月20日"))
        .unwrap();
    // The slot: the first `# id =` line below the source line (past the `# tm` lines).
    let slot_line = text
        .lines()
        .enumerate()
        .skip(source_line)
        .find(|(_, l)| l.ends_with(" =") && !l.contains(':'))
        .unwrap()
        .0 as u32;
    let before = project.snapshot("locales");
    let (hover, actions) = lsp_hover_and_actions(&project, slot_line);
    assert!(hover.contains("**translation memory**"), "{hover}");
    assert!(
        hover.contains("La 4e réunion du groupe d'étude se tiendra le mardi 20 mai 2025.\n"),
        "{hover}"
    );
    assert!(hover.contains("(a/intro-1)"), "{hover}");
    let apply = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Apply suggestion 1")
        })
        .unwrap_or_else(|| panic!("no apply action in {actions:?}"));
    let edits = apply["edit"]["changes"].as_object().unwrap();
    let edits = edits.values().next().unwrap().as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let id = text.lines().nth(slot_line as usize).unwrap();
    let id = id.trim_start_matches("# ").trim_end_matches(" =");
    assert_eq!(
        edits[0]["newText"],
        format!("{id} = La 4e réunion du groupe d'étude se tiendra le mardi 20 mai 2025.")
    );
    assert_eq!(edits[0]["range"]["start"]["line"], slot_line);
    // The server only proposes: the files are as they were.
    assert_eq!(project.snapshot("locales"), before);
    // A translated entry gets no suggestions.
    let (hover, actions) = lsp_hover_and_actions(&project, 0);
    assert!(!hover.contains("translation memory"), "{hover}");
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Apply"))
    );
}

#[test]
fn apply_min_100_fills_only_exact_matches_and_a_second_sync_changes_nothing() {
    let project = project();
    let before = project.snapshot("locales");
    let dry = project.ok(&[
        "suggest",
        "--locale",
        "fr",
        "--apply",
        "--min",
        "100",
        "--dry-run",
    ]);
    assert!(
        dry.stdout
            .contains("would fill 3 entries at 100% or more in 1 catalog"),
        "{}",
        dry.stdout
    );
    assert_eq!(project.snapshot("locales"), before, "a dry run wrote");
    let run = project.ok(&["suggest", "--locale", "fr", "--apply", "--min", "100"]);
    assert!(run.stdout.contains("filled 3 entries"), "{}", run.stdout);
    let catalog = project.read("locales/fr/b.ftl");
    assert!(
        catalog.contains("# from memory: 100% exact, a/intro-2; review the translation, then delete this line\nintro-2 = Les détails figurent en annexe.\n"),
        "{catalog}"
    );
    // Nothing below 100 was written into a value (only into `# tm` lines): the figures case
    // and the date are still slots.
    let values: Vec<&str> = catalog.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        !values.iter().any(|l| l.contains("20 mai 2025")),
        "{catalog}"
    );
    assert!(
        !values.iter().any(|l| l.contains("12 mai 2025")),
        "{catalog}"
    );
    // Every other line is as it was.
    let old = String::from_utf8(
        before
            .iter()
            .find(|(p, _)| p.ends_with("locales/fr/b.ftl"))
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let removed: Vec<&str> = old
        .lines()
        .filter(|l| !catalog.lines().any(|n| n == *l))
        .collect();
    // The three slots went, and the memory's lines above them (the entries are translated).
    let (memory, slots): (Vec<&str>, Vec<&str>) =
        removed.iter().partition(|l| l.starts_with("# tm "));
    assert_eq!(slots.len(), 3, "only the three slots went: {removed:?}");
    assert!(
        slots
            .iter()
            .all(|l| l.starts_with("# ") && l.ends_with(" ="))
    );
    assert!(!memory.is_empty(), "{old}");
    assert!(
        catalog.contains("# tm "),
        "other entries keep theirs: {catalog}"
    );
    // The next sync changes nothing: apply wrote what a sync writes.
    project.ok(&["sync"]);
    let synced = project.snapshot("locales");
    assert_eq!(project.read("locales/fr/b.ftl"), catalog);
    assert!(
        project
            .read("locales/fr/b.ftl")
            .contains("# from memory: 100% exact, a/intro-2")
    );
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced);
    // Applying again finds nothing more to fill.
    let again = project.ok(&["suggest", "--locale", "fr", "--apply", "--min", "100"]);
    assert!(
        again.stdout.contains("filled 0 entries"),
        "{}",
        again.stdout
    );
}

#[test]
fn apply_leaves_a_catalog_that_is_not_in_sync() {
    let project = project();
    // The source changed since the last sync: the catalog is not what a sync would write.
    let text = fixture("b.ja.txt").replace("来年度の予算案", "今年度の補正予算案");
    project.write("source_texts/ja/b.txt", text);
    let before = project.snapshot("locales");
    let run = project.ok(&["suggest", "--locale", "fr", "--apply"]);
    assert!(
        run.stderr.contains("run `honyaku sync` first"),
        "{}",
        run.stderr
    );
    assert_eq!(project.snapshot("locales"), before);
}

/// The block of catalog lines from the `# ja:` line of `source` to the end of its entry.
fn entry_block(catalog: &str, source: &str) -> String {
    let at = catalog
        .find(&format!("# ja: {source}\n"))
        .unwrap_or_else(|| panic!("no entry for {source} in {catalog}"));
    let rest = &catalog[at..];
    rest[..rest.find("\n\n").unwrap_or(rest.len())].to_owned()
}

#[test]
fn sync_writes_suggestions_above_open_entries_and_keeps_them_current() {
    let project = project();
    let catalog = project.read("locales/fr/b.ftl");
    // An identical sentence: exact, from the right document, right above the slot.
    let exact = entry_block(&catalog, "詳細は別紙のとおりです。");
    assert!(
        exact.contains("# tm 100% exact (a/intro-2): Les détails figurent en annexe.\n# intro-2 ="),
        "{exact}"
    );
    // Figures only: the translation with the date converted, and the source change.
    let figures = entry_block(&catalog, "令和7年5月20日（火）に第4回検討会を開催します。");
    assert!(
        figures.contains("figures replaced: 3e → 4e, mercredi → mardi, 10 → 20, avril → mai, 2024 → 2025 (a/intro-1): La 4e réunion du groupe d'étude se tiendra le mardi 20 mai 2025.\n# tm change ja: 令和[-6-]{+7+}年"),
        "{figures}"
    );
    // An unrelated sentence gets no line.
    let unrelated = entry_block(&catalog, "来年度の予算案を閣議決定しました。");
    assert!(!unrelated.contains("# tm"), "{unrelated}");
    // A second sync changes nothing.
    let synced = project.snapshot("locales");
    let second = project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced, "{}", second.stdout);

    // A translator's comments, one of them starting like a memory line, stay byte for byte;
    // translating the entry removes its memory lines, and only its.
    let mine = "# tm: check the glossary first\n# Note: the annex is PDF\n";
    let text = catalog
        .replace(
            "# ja: 詳細は別紙のとおりです。\n",
            &format!("{mine}# ja: 詳細は別紙のとおりです。\n"),
        )
        .replace("# intro-2 =\n", "intro-2 = Les détails sont en annexe.\n");
    project.write("locales/fr/b.ftl", &text);
    project.ok(&["sync"]);
    let after = project.read("locales/fr/b.ftl");
    let translated = entry_block(&after, "詳細は別紙のとおりです。");
    assert!(!translated.contains("# tm 100%"), "{translated}");
    assert!(after.contains(mine), "{after}");
    assert!(after.contains("intro-2 = Les détails sont en annexe.\n"));
    assert_eq!(
        entry_block(&after, "令和7年5月20日（火）に第4回検討会を開催します。"),
        figures
    );
}

#[test]
fn memory_lines_follow_other_documents_translations() {
    let project = project();
    let before = project.read("locales/fr/b.ftl");
    // Only document a changes: its translation of the repeated sentence is revised.
    let a = project.read("locales/fr/a.ftl").replace(
        "intro-2 = Les détails figurent en annexe.",
        "intro-2 = Les détails figurent dans l'annexe.",
    );
    project.write("locales/fr/a.ftl", a);
    project.ok(&["sync"]);
    let after = project.read("locales/fr/b.ftl");
    assert!(
        after.contains("# tm 100% exact (a/intro-2): Les détails figurent dans l'annexe.\n"),
        "{after}"
    );
    // Nothing else in b changed.
    assert_eq!(
        after.replace("dans l'annexe", "en annexe"),
        before,
        "only the suggestion changed"
    );
    // The same bytes whatever was cached: a sync without `.honyaku/` writes nothing new,
    // and the committed seals (b was synced past the cache) do not change either.
    let synced = project.snapshot("locales");
    let seals = project.read("honyaku.seals");
    project.ok(&["sync"]);
    assert_eq!(project.read("honyaku.seals"), seals);
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced);
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced);
    assert_eq!(project.read("honyaku.seals"), seals);
}

#[test]
fn memory_comments_can_be_switched_off_and_thresholds_come_from_the_config() {
    let project = project();
    assert!(project.read("locales/fr/b.ftl").contains("# tm "));
    // A higher threshold: the 70% figures suggestion stays (figures are always given), the
    // fuzzy ones below 95 go, in the file and in `suggest`.
    project.write(
        "honyaku.toml",
        "[memory]\ncomments = true\nthreshold = 95\nmax = 1\n",
    );
    project.ok(&["sync"]);
    let catalog = project.read("locales/fr/b.ftl");
    let scores: Vec<u8> = catalog
        .lines()
        .filter_map(|l| l.strip_prefix("# tm "))
        .filter_map(|l| l.split_once('%'))
        .map(|(n, _)| n.parse().unwrap())
        .collect();
    assert!(!scores.is_empty(), "{catalog}");
    let json = suggest(&project, &[]);
    for s in json["suggestions"].as_array().unwrap() {
        assert!(
            s["score"].as_u64().unwrap() >= 95
                || !s["figures_replaced"].as_array().unwrap().is_empty(),
            "{s}"
        );
        assert_eq!(s["rank"], 1, "max = 1: {s}");
    }
    // Switched off: the lines go, nothing else changes.
    let with = catalog;
    project.write("honyaku.toml", "[memory]\ncomments = false\n");
    project.ok(&["sync"]);
    let without = project.read("locales/fr/b.ftl");
    assert!(!without.contains("# tm "), "{without}");
    let kept: Vec<&str> = with.lines().filter(|l| !l.starts_with("# tm ")).collect();
    assert_eq!(without.lines().collect::<Vec<_>>(), kept);
}

#[test]
fn a_bad_memory_setting_is_an_error_with_its_place() {
    let project = project();
    let before = project.snapshot("locales");
    project.write("honyaku.toml", "[memory]\nthreshold = 120\n");
    let run = project.run(&["sync"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("honyaku.toml:2:13")
            && run
                .stderr
                .contains("`[memory] threshold = 120` is out of range"),
        "{}",
        run.stderr
    );
    project.write("honyaku.toml", "[memory]\nmax = 0\n");
    let run = project.run(&["suggest", "--locale", "fr"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("honyaku.toml:2:7"), "{}", run.stderr);
    project.write("honyaku.toml", "[memory]\ncomment = false\n");
    let run = project.run(&["sync"]);
    assert!(run.stderr.contains("honyaku.toml:2:1"), "{}", run.stderr);
    assert_eq!(project.snapshot("locales"), before);
}

#[test]
fn an_unparsable_catalog_is_never_rewritten_for_its_memory_lines() {
    let project = project();
    let broken = format!(
        "{}\nthis is = {{ not fluent\n",
        project.read("locales/fr/b.ftl")
    );
    project.write("locales/fr/b.ftl", &broken);
    // The memory changes (a's translation), so b's lines would change if it parsed.
    let a = project
        .read("locales/fr/a.ftl")
        .replace("figurent en annexe", "figurent dans l'annexe");
    project.write("locales/fr/a.ftl", a);
    project.run(&["sync"]);
    assert_eq!(project.read("locales/fr/b.ftl"), broken);
}

#[test]
fn exports_and_checks_do_not_take_memory_lines_for_translators_notes() {
    let project = project();
    assert!(project.read("locales/fr/b.ftl").contains("# tm "));
    project.ok(&[
        "export", "--locale", "fr", "--format", "po", "b", "-o", "b.po",
    ]);
    let po = project.read("b.po");
    assert!(!po.contains("tm "), "{po}");
    let xliff = project.ok(&[
        "export", "--locale", "fr", "--format", "xliff2", "b", "-o", "b.xlf",
    ]);
    assert_eq!(xliff.code, 0);
    assert!(
        !project.read("b.xlf").contains("# tm"),
        "the notes stay out"
    );
    let check = project.run(&["check"]);
    assert!(!check.stdout.contains("tm "), "{}", check.stdout);
}

#[test]
fn a_translation_in_a_new_document_reaches_unchanged_ones() {
    let project = project();
    let unrelated = "来年度の予算案を閣議決定しました。";
    assert!(!entry_block(&project.read("locales/fr/b.ftl"), unrelated).contains("# tm"));
    // Document c repeats b; once its sentence is translated, b (whose files did not change)
    // gets it as an exact suggestion, and c's own lines stay in step.
    put(&project, "c", "b");
    project.ok(&["sync"]);
    assert!(!entry_block(&project.read("locales/fr/b.ftl"), unrelated).contains("# tm"));
    translate_source(
        &project,
        "c",
        unrelated,
        "Le projet de budget a été approuvé.",
    );
    project.ok(&["sync"]);
    let b = project.read("locales/fr/b.ftl");
    assert!(
        entry_block(&b, unrelated)
            .contains("# tm 100% exact (c/intro-4): Le projet de budget a été approuvé.\n"),
        "{b}"
    );
    let synced = project.snapshot("locales");
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced);
    // The same bytes from scratch.
    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    project.ok(&["sync"]);
    assert_eq!(project.snapshot("locales"), synced);
}

/// A project with two Japanese releases `a` (translated into French by `translations`) and
/// `b`, synced.
fn two_releases(a: &str, b: &str, translations: &[(&str, &str)]) -> TempProject {
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write("source_texts/ja/a.txt", a);
    project.write("source_texts/ja/b.txt", b);
    project.ok(&["sync"]);
    translate(&project, "a", translations);
    project.ok(&["sync"]);
    project
}

#[test]
fn a_replaced_figure_keeps_the_precision_and_the_french_ordinal_its_gender() {
    let project = two_releases(
        "令和8年4月10日\n総務省\n\n第2回検討会の開催\n\n人口カバー率は94.2％です。\n",
        "令和8年5月10日\n総務省\n\n第1回検討会の開催\n\n人口カバー率は98.0％です。\n",
        &[
            ("title", "Tenue de la 2e réunion du groupe d’étude"),
            (
                "intro-1",
                "Le taux de couverture de la population est de 94,2 %.",
            ),
        ],
    );
    let json = suggest(&project, &["b"]);
    let coverage = for_source(&json, "人口カバー率は98.0％です。").unwrap();
    assert_eq!(
        coverage[0]["translation"],
        "Le taux de couverture de la population est de 98,0 %."
    );
    let title = for_source(&json, "第1回検討会の開催").unwrap();
    assert_eq!(
        title[0]["translation"],
        "Tenue de la 1re réunion du groupe d’étude"
    );
    project.ok(&["suggest", "--locale", "fr", "b", "--apply", "--min", "80"]);
    let written = project.read("locales/fr/b.ftl");
    assert!(
        written.contains("\nintro-1 = Le taux de couverture de la population est de 98,0 %.\n"),
        "{written}"
    );
    assert!(
        written.contains("\ntitle = Tenue de la 1re réunion du groupe d’étude\n"),
        "{written}"
    );
}
