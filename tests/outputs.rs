//! What editors and readers see (issue 17): published pages (tables, page chrome from
//! honyaku's own Fluent messages, language switcher, index, preview highlighting), `build
//! --check`, and the smaller things: language of `diff FILE FILE`, invented tags, skip
//! reasons in `sync --format json`, the position of an unclosed brace, text left in the
//! source script, and `diff --locale` headings.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed run"
)]

mod common;

use common::TempProject;

const G20: &str = "2020-05-01-g20-digital-economy";
const FEES: &str = "2022-07-15-radio-usage-fee-public-comment";
const LOCALES: [&str; 4] = ["ja", "en", "fr", "zh-Hans"];

/// The shipped corpus with its catalogs, synced.
fn corpus() -> TempProject {
    TempProject::synced_corpus()
}

fn replace_in(project: &TempProject, path: &str, from: &str, to: &str) {
    let text = project.read(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    project.write(path, text.replacen(from, to, 1));
}

#[test]
fn published_pages_have_tables_their_own_chrome_a_switcher_and_an_index() {
    let project = corpus();
    project.ok(&["build", "--format", "html", "--format", "md"]);
    let labels = [
        ("ja", "報道資料"),
        ("en", "Press release"),
        ("fr", "Communiqué de presse"),
        ("zh-Hans", "新闻稿"),
    ];
    for (locale, label) in labels {
        let page = project.read(&format!("dist/{locale}/{FEES}.html"));
        assert!(
            page.contains(&format!("<p class=\"kind\">{label}</p>")),
            "{locale}: {page}"
        );
        // The fee table: a header row and six rows of four cells, in every locale.
        assert_eq!(page.matches("<table>").count(), 1, "{locale}");
        assert_eq!(page.matches("<tr>").count(), 7, "{locale}");
        assert_eq!(page.matches("<th scope=\"col\">").count(), 4, "{locale}");
        assert!(!page.contains('\t'), "{locale}: a tab left in the page");
        let markdown = project.read(&format!("dist/{locale}/{FEES}.md"));
        assert!(
            markdown.contains("\n| --- | --- | --- | --- |\n"),
            "{locale}: {markdown}"
        );
        // Every other locale is linked, and each link resolves to a built page.
        for other in LOCALES.iter().filter(|l| **l != locale) {
            let link = format!("href=\"../{other}/{FEES}.html\" hreflang=\"{other}\"");
            assert!(page.contains(&link), "{locale}: no link to {other}");
            assert!(project.exists(&format!("dist/{other}/{FEES}.html")));
        }
        let index = project.read(&format!("dist/{locale}/index.html"));
        for doc in [G20, FEES] {
            assert!(
                index.contains(&format!("<a href=\"{doc}.html\">")),
                "{index}"
            );
        }
    }
    let fr = project.read(&format!("dist/fr/{FEES}.html"));
    assert!(fr.contains("<td>140 yens</td>"), "translated cells: {fr}");
    assert!(fr.contains("<p class=\"notice\" role=\"note\">Une partie de cette page"));
    // Fallback text says its language, and is not highlighted on a published page.
    assert!(fr.contains("<span class=\"fallback\" lang=\"en\">"));
    assert!(!fr.contains(".fallback{background"));
    project.ok(&["build", "--format", "html", "--preview", "--locale", "fr"]);
    let preview = project.read(&format!("dist/fr/{FEES}.html"));
    assert!(preview.contains(".fallback{background"));
    // A page without fallbacks carries no notice.
    let ja = project.read(&format!("dist/ja/{FEES}.html"));
    assert!(!ja.contains("class=\"notice\""));
}

#[test]
fn build_check_withholds_a_translation_with_qa_errors_and_keeps_the_old_page() {
    let project = corpus();
    project.ok(&["build", "--format", "html"]);
    let page = format!("dist/fr/{G20}.html");
    let before = project.read(&page);
    // Japanese left in the French translation: a QA error.
    replace_in(
        &project,
        &format!("locales/fr/{G20}.ftl"),
        "title = Résultats",
        "title = 会合の結果 Résultats",
    );
    let unchecked = project.run(&["build", "--format", "html"]);
    assert_eq!(unchecked.code, 0, "without --check the page is published");
    assert!(project.read(&page).contains("会合の結果"));
    project.write(&page, &before);

    let checked = project.run(&["build", "--format", "html", "--check"]);
    assert_eq!(checked.code, 1, "{}{}", checked.stdout, checked.stderr);
    assert!(
        checked
            .stdout
            .contains(&format!("fr/{G20}: not published: 1 QA error")),
        "{}",
        checked.stdout
    );
    assert!(
        checked.stdout.contains("[source-script]"),
        "{}",
        checked.stdout
    );
    assert_eq!(project.read(&page), before, "the previous page stays");
    // Other locales and documents are published as usual.
    assert!(checked.stdout.contains(&format!("zh-Hans/{G20}: ")));
    // --strict checks too.
    let strict = project.run(&["build", "--format", "html", "--strict"]);
    assert!(strict.stdout.contains("not published"), "{}", strict.stdout);
}

#[test]
fn check_finds_text_left_in_the_source_script() {
    let project = corpus();
    let catalog = format!("locales/fr/{G20}.ftl");
    replace_in(
        &project,
        &catalog,
        "title = Résultats",
        "title = 会合の結果 Résultats",
    );
    replace_in(
        &project,
        &catalog,
        "release-date = 1er mai 2020",
        "release-date = 1er mai 2020. The meeting was held in the form of a video conference.",
    );
    let run = project.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "source-script")
        .map(|f| {
            (
                f["id"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&(
            "title",
            "error",
            "Japanese text left in the fr translation: «会合の結果»"
        )),
        "{found:?}"
    );
    // Only the Japanese is reported for the release date; its English sentence is not in
    // the English source, so nothing was copied there. The intro's own English is.
    assert_eq!(found.len(), 1, "{found:?}");
    let en = "An extraordinary G20 digital economy ministerial meeting was held in the form of a video conference on April 30, 2020, which TERADA Minoru, State Minister for Internal Affairs and Communications attended.";
    replace_in(
        &project,
        &catalog,
        "intro-1 = Le jeudi 30 avril 2020,",
        &format!("intro-1 = {en} Le jeudi 30 avril 2020,"),
    );
    let run = project.run(&["check"]);
    assert!(
        run.stdout
            .contains("warning[source-script] intro-1: a en sentence copied untranslated"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_of_two_files_tells_their_language_from_the_script() {
    let project = TempProject::new();
    project.write("notes/old.txt", "会合がテレビ会議形式で開催されました。\n");
    project.write(
        "notes/new.txt",
        "会合が午後にテレビ会議形式で開催されました。\n",
    );
    let detected = project.ok(&["diff", "notes/old.txt", "notes/new.txt"]);
    assert!(
        detected.stdout.contains("会合が{+午後に+}テレビ"),
        "{}",
        detected.stdout
    );
    assert_eq!(detected.stderr, "");
    // `--lang fr` on Japanese: done as asked, with a warning that says why it looks wrong.
    let contradicted = project.ok(&["diff", "notes/old.txt", "notes/new.txt", "--lang", "fr"]);
    assert!(
        contradicted
            .stderr
            .contains("--lang fr does not match the text, which reads as ja"),
        "{}",
        contradicted.stderr
    );
    for invented in ["zz", "klingon"] {
        let run = project.run(&["diff", "notes/old.txt", "notes/new.txt", "--lang", invented]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("is not a known language"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn sync_json_says_why_a_file_was_skipped() {
    let project = corpus();
    project.write(
        &format!("locales/fr/{G20}.ftl"),
        "title = Résultats\n\nrelease-date = Le { $jour\n\nintro-1 = Texte\nintro-2 = Autre\n",
    );
    let run = project.run(&["sync", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let skipped: Vec<&serde_json::Value> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["files"].as_array().unwrap())
        .filter(|f| f["status"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{json}");
    // The unclosed brace is reported where it opens (line 3, column 19), not where the
    // parser gave up two lines later.
    assert_eq!(
        skipped[0]["reason"],
        "3:19: this \"{\" is never closed: end the placeable with \"}\", or write a literal brace as {\"{\"}"
    );
    assert!(
        run.stderr.contains(&format!(
            "locales/fr/{G20}.ftl:3:19: this \"{{\" is never closed"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_locale_headings_name_the_source_that_changed() {
    let project = corpus();
    replace_in(
        &project,
        &format!("source_texts/ja/{G20}.txt"),
        "令和2年4月30日（木）、G20",
        "令和2年4月30日（木）午後、G20",
    );
    // And an English change in another message of the same release.
    replace_in(
        &project,
        &format!("source_texts/en/{G20}.txt"),
        "(Virtual Meeting)",
        "(Video Conference)",
    );
    let run = project.ok(&["diff", "--locale", "fr"]);
    let english = format!("== {G20} (en → fr)\n1 modified\n\n~ modified title ");
    assert!(run.stdout.contains(&english), "{}", run.stdout);
    assert!(
        run.stdout.starts_with(&format!(
            "== {G20} (ja → fr)\n1 modified\n\n~ modified intro-1 "
        )),
        "{}",
        run.stdout
    );
    // The shipped 5G release has stale entries behind English changes: headed as such.
    assert!(
        run.stdout
            .contains("== 2021-03-26-5g-regional-deployment-plan (en → fr)\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("{+午後+}"), "{}", run.stdout);
    // Positions are the entries' places in the catalog: the title is its second message,
    // intro-1 its third.
    assert!(
        run.stdout.contains("~ modified title (old 2 → new 2,")
            && run.stdout.contains("~ modified intro-1 (old 3 → new 3,"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_locale_lists_sentences_added_since_the_last_sync_that_are_not_translated() {
    let project = corpus();
    replace_in(
        &project,
        &format!("source_texts/ja/{G20}.txt"),
        "大臣声明を採択しました。",
        "大臣声明を採択しました。次回会合は本年秋に開催される予定です。",
    );
    let run = project.ok(&["diff", "--locale", "fr"]);
    assert!(
        run.stdout
            .contains(&format!("== {G20} (ja → fr)\n1 added\n\n+ added ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  + 次回会合は本年秋に開催される予定です。\n"),
        "{}",
        run.stdout
    );
    // Once synced, the sentence is no longer new: what is left to translate is `status`'s.
    project.ok(&["sync"]);
    let run = project.ok(&["diff", "--locale", "fr"]);
    assert!(!run.stdout.contains("次回会合"), "{}", run.stdout);
}

#[test]
fn diff_locale_lists_a_japanese_sentence_removed_while_the_english_keeps_it_as_removed() {
    let project = corpus();
    replace_in(
        &project,
        &format!("source_texts/ja/{G20}.txt"),
        "G20メンバーのうち、インドネシアは本会合を欠席。",
        "",
    );
    let run = project.ok(&["diff", "--locale", "fr"]);
    let section = format!("== {G20} (ja → fr)\n1 removed\n\n- removed ");
    assert!(run.stdout.contains(&section), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("  - G20メンバーのうち、インドネシアは本会合を欠席。\n"),
        "{}",
        run.stdout
    );
    // Not an edit to an empty text.
    let g20 = run.stdout.split("\n== ").next().unwrap_or_default();
    assert!(!g20.contains("modified"), "{}", run.stdout);
}

/// The English joins two Japanese notes (each a line of its own) in one line: the second
/// note's message has no place in the English layout the French page is built on. Its
/// French translation still follows the first note's on the page; untranslated, its
/// fallback does, and the build reports it: never a sentence dropped silently.
#[test]
fn a_note_the_english_joins_to_the_one_before_stays_on_translated_pages() {
    let doc = "2026-06-03-tokei-kohyo";
    let ja = "令和8年6月3日\n通信利用動向調査の結果の公表\n\n　総務省は、令和7年の通信利用動向調査の結果を取りまとめましたので公表します。\n\n（注）利用率は、世帯単位で集計しています。\n（注）数値は、いずれも速報値です。\n";
    let en = "June 3, 2026\nPublication of the Results of the Communications Usage Trend Survey\n\n　MIC has compiled and hereby publishes the results of the 2025 Communications Usage Trend Survey.\n\nNote: Usage rates are tallied by household. All figures are preliminary.\n";
    let project = TempProject::new();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.ok(&["sync"]);
    let fr_path = format!("locales/fr/{doc}.ftl");
    let catalog = project.read(&fr_path);
    let id_of = |text: &str| -> String {
        let at = catalog.find(&format!("# ja: {text}\n")).unwrap();
        let rest = &catalog[at..];
        let line = rest
            .lines()
            .find(|l| l.starts_with("# ") && l.ends_with(" ="))
            .unwrap();
        line.trim_start_matches("# ")
            .trim_end_matches(" =")
            .to_owned()
    };
    let (first, second) = (
        id_of("利用率は、世帯単位で集計しています。"),
        id_of("数値は、いずれも速報値です。"),
    );
    let translated = catalog.replacen(
        &format!("# {first} =\n"),
        &format!("{first} = Les taux sont calculés par ménage.\n"),
        1,
    );
    project.write(&fr_path, &translated);
    project.ok(&["build", "--format", "txt", "--locale", "fr"]);
    let page = project.read(&format!("dist/fr/{doc}.txt"));
    assert!(
        page.contains("Les taux sont calculés par ménage."),
        "{page}"
    );
    assert!(
        page.contains("数値は、いずれも速報値です。"),
        "the untranslated note falls back, not dropped: {page}"
    );
    let report = project.ok(&[
        "build", "--format", "txt", "--locale", "fr", "--report", "json",
    ]);
    assert!(
        report.stdout.contains(&format!("\"{second}\"")),
        "{}",
        report.stdout
    );

    project.write(
        &fr_path,
        translated.replacen(
            &format!("# {second} =\n"),
            &format!("{second} = Les chiffres sont provisoires.\n"),
            1,
        ),
    );
    project.ok(&["build", "--format", "txt", "--locale", "fr"]);
    let page = project.read(&format!("dist/fr/{doc}.txt"));
    assert!(
        page.contains("Les taux sont calculés par ménage. Les chiffres sont provisoires."),
        "{page}"
    );
}

/// The Japanese is revised before the English (a date and an ordinal changed, a sentence
/// replaced, a list item added): the French page never publishes the old English facts or
/// the replaced sentence; where its own translation is stale or missing it falls back to the
/// original, laid out in the original's order, and every new sentence is on it. A fresh
/// clone builds the same page.
#[test]
fn a_translated_page_never_falls_back_to_english_that_is_behind_the_japanese() {
    let doc = "2026-07-06-kondankai";
    let ja_v1 = "令和8年7月6日\n「地域デジタル人材育成懇談会」（第2回）の開催\n\n　総務省は、令和8年7月14日（火）に「地域デジタル人材育成懇談会」（第2回）を開催します。会議は非公開で行います。傍聴の受付は行いません。\n\n議題\n（1）第1回会合の議事要旨について\n（2）その他\n";
    let en_v1 = "July 6, 2026\nSecond Meeting of the Council on Regional Digital Human Resources\n\n　On Tuesday, July 14, 2026, MIC will hold the second meeting of the Council on Regional Digital Human Resources. The meeting will be closed to the public. No observers will be admitted.\n\nAgenda\n(1) Summary of the proceedings of the first meeting\n(2) Other matters\n";
    let ja_v2 = ja_v1
        .replace("（第2回）", "（第3回）")
        .replace("令和8年7月14日（火）", "令和8年7月21日（火）")
        .replace(
            "傍聴の受付は行いません。",
            "会議資料は終了後に当省ホームページで公開します。",
        )
        .replace(
            "（2）その他",
            "（2）育成プログラムの試行結果について\n（3）その他",
        );
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path, ja_v1);
    project.ok(&["sync"]);
    project.write(&en_path, en_v1);
    project.ok(&["sync"]);
    project.write(
        &fr_path,
        common::translate_all(&project.read(&fr_path), "FR"),
    );
    project.ok(&["sync"]);
    project.write(&ja_path, &ja_v2);
    project.ok(&["sync"]);
    project.ok(&["build", "--format", "txt", "--locale", "fr"]);
    let page = project.read(&format!("dist/fr/{doc}.txt"));
    for old in [
        "July 14",
        "second meeting",
        "No observers",
        "第2回）を",
        "7月14日",
    ] {
        assert!(!page.contains(old), "{old:?} is out of date: {page}");
    }
    for new in [
        "令和8年7月21日（火）に「地域デジタル人材育成懇談会」（第3回）を開催します。",
        "会議資料は終了後に当省ホームページで公開します。",
        "育成プログラムの試行結果について",
    ] {
        assert!(page.contains(new), "{new:?} missing: {page}");
    }
    // In the original's layout and order: the new item is (2), the translated one (3); the
    // translated item's marker is written as French writes it, the fallback's as the
    // original does.
    let item = page.find("（2）育成プログラムの試行結果について").unwrap();
    let other = page.find("\n(3) FR ").unwrap();
    assert!(!page.contains("（3）"), "{page}");
    assert!(item < other, "the original's order: {page}");

    std::fs::remove_dir_all(project.path().join(".honyaku")).unwrap();
    std::fs::remove_dir_all(project.path().join("dist")).unwrap();
    project.ok(&["build", "--format", "txt", "--locale", "fr"]);
    assert_eq!(project.read(&format!("dist/fr/{doc}.txt")), page);
}

/// A stale translation is checked where the build publishes it and only there: with the
/// default fallback its figures, made from the old source, are not errors (the stale mark
/// asks for the revision), whether or not the English has caught up; with `[build] stale =
/// "use"` the page shows it, so `check` and `build --check` hold it to the sources.
#[test]
fn stale_translations_are_checked_only_where_the_build_publishes_them() {
    let doc = "2026-08-03-setsumeikai";
    let ja = "令和8年8月3日\n説明会の開催\n\n　総務省は、令和8年8月20日に説明会を開催します。定員は120名です。\n";
    let en = "August 3, 2026\nBriefing Session\n\n　MIC will hold a briefing session on August 20, 2026. Capacity is 120 people.\n";
    let ja_path = format!("source_texts/ja/{doc}.txt");
    let en_path = format!("source_texts/en/{doc}.txt");
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&ja_path, ja);
    project.write(&en_path, en);
    project.ok(&["sync"]);
    let catalog = project.read(&fr_path);
    let slot = catalog
        .lines()
        .skip_while(|l| *l != "# ja: 定員は120名です。")
        .find(|l| l.starts_with("# ") && l.ends_with(" ="))
        .unwrap()
        .to_owned();
    let id = slot
        .trim_start_matches("# ")
        .trim_end_matches(" =")
        .to_owned();
    project.write(
        &fr_path,
        catalog.replacen(
            &slot,
            &format!("{id} = La capacité est de 120 personnes."),
            1,
        ),
    );
    project.ok(&["sync"]);
    assert!(project.ok(&["check"]).stdout.contains("0 errors"));

    project.write(&ja_path, ja.replace("120名", "150名"));
    project.ok(&["sync"]);
    let behind = project.ok(&["check"]);
    project.write(&en_path, en.replace("120 people", "150 people"));
    project.ok(&["sync"]);
    let caught_up = project.ok(&["check"]);
    for run in [&behind, &caught_up] {
        assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    }
    project.ok(&["build", "--check", "--locale", "fr"]);

    project.write("honyaku.toml", "[build]\nstale = \"use\"\n");
    let published = project.run(&["check"]);
    assert_eq!(published.code, 1, "{}", published.stdout);
    assert!(published.stdout.contains(&id), "{}", published.stdout);
    assert_eq!(project.run(&["build", "--check", "--locale", "fr"]).code, 1);
}

#[test]
fn a_page_with_nothing_of_its_own_is_not_published_until_its_language_arrives() {
    let doc = "2026-12-01-hoso-kaigi";
    let ja = "令和8年12月1日\n第4回放送制度検討会の開催\n\n　総務省は、令和8年12月8日（火）に第4回放送制度検討会を開催します。\n";
    let en = "December 1, 2026\nHolding of the 4th Meeting of the Study Group on the Broadcasting System\n\n　MIC will hold the 4th meeting of the Study Group on the Broadcasting System on Tuesday, December 8, 2026.\n";
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/en")).unwrap();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.ok(&["sync"]);
    let page = |locale: &str| format!("dist/{locale}/{doc}.txt");

    // Only the Japanese is out: no English or French page that would be all Japanese.
    let built = project.ok(&["build"]).stdout;
    assert!(project.exists(&page("ja")), "{built}");
    assert!(
        !project.exists(&page("en")) && !project.exists(&page("fr")),
        "{built}"
    );
    assert!(built.contains("nothing in en yet"), "{built}");
    // Asked for, it is built with every segment a reported fallback.
    project.ok(&["build", "--min-complete", "0"]);
    assert_eq!(project.read(&page("en")), ja);
    // The default removes it again, as --min-complete does with a page below its threshold.
    project.ok(&["build"]);
    assert!(!project.exists(&page("en")));

    // The English release arrives: its page is published, the French page still is not.
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);
    let built = project.ok(&["build"]).stdout;
    assert_eq!(project.read(&page("en")), en, "{built}");
    assert!(!project.exists(&page("fr")), "{built}");
    assert!(built.contains("nothing in fr yet"), "{built}");
}

#[test]
fn the_english_page_says_when_the_english_release_is_behind_the_original() {
    let doc = "2026-12-05-kokusei";
    let ja = "令和8年12月5日\n統計調査の実施\n\n　総務省は、令和9年1月に統計調査を実施します。対象は全国約4万世帯です。\n";
    let en = "December 5, 2026\nConducting a Statistical Survey\n\n　MIC will conduct a statistical survey in January 2027. It will cover about 40,000 households nationwide.\n";
    let project = TempProject::new();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);
    let built = project.ok(&["build"]).stdout;
    assert!(!built.contains("behind"), "{built}");

    project.write(
        &format!("source_texts/ja/{doc}.txt"),
        ja.replace("約4万世帯", "約5万世帯"),
    );
    project.ok(&["sync"]);
    for _ in 0..2 {
        // The first build, then one reported from the build record.
        let built = project.ok(&["build"]).stdout;
        let line = built
            .lines()
            .find(|l| l.starts_with(&format!("en/{doc}:")))
            .unwrap();
        assert!(
            line.ends_with("; en behind ja: 0 added, 1 changed, 0 extra"),
            "{built}"
        );
    }
    let json = project.ok(&["build", "--report", "json"]).stdout;
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let english = report["builds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["locale"] == "en")
        .unwrap();
    assert_eq!(
        english["behind"]["changed"].as_array().unwrap().len(),
        1,
        "{json}"
    );
}

#[test]
fn a_translation_is_not_checked_against_english_that_is_behind_the_original() {
    let doc = "2026-12-08-yubin";
    let ja = "令和8年12月8日\n郵便法施行規則の改正\n\n　改正により、年間約12億円の事務費用の削減が見込まれます。\n";
    let en = "December 8, 2026\nAmendment of the Ordinance for Enforcement of the Postal Act\n\n　The amendment is expected to reduce administrative costs by approximately 1.2 billion yen per year.\n";
    let fr_path = format!("locales/fr/{doc}.ftl");
    let project = TempProject::new();
    std::fs::create_dir_all(project.path().join("locales/fr")).unwrap();
    project.write(&format!("source_texts/ja/{doc}.txt"), ja);
    project.write(&format!("source_texts/en/{doc}.txt"), en);
    project.ok(&["sync"]);
    let catalog = project.read(&fr_path);
    let id = catalog
        .lines()
        .find_map(|l| {
            l.strip_prefix("# ")?
                .strip_suffix(" =")
                .filter(|id| id.starts_with("intro"))
        })
        .unwrap()
        .to_owned();
    let old = "La modification devrait réduire les frais administratifs d'environ 1,2 milliard de yens par an.";
    project.write(
        &fr_path,
        catalog.replace(&format!("# {id} =\n"), &format!("{id} = {old}\n")),
    );
    project.ok(&["sync"]);
    assert!(project.ok(&["check"]).stdout.contains("0 errors"));

    // The original changes the amount; the English release has not caught up.
    project.write(
        &format!("source_texts/ja/{doc}.txt"),
        ja.replace("約12億円", "約15億円"),
    );
    project.ok(&["sync"]);
    // The translator revises the sentence but keeps the English's old figure.
    let revised = common::revise(
        &project.read(&fr_path),
        &id,
        &old.replace("devrait réduire", "devrait permettre de réduire"),
    );
    project.write(&fr_path, revised);
    let check = project.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.contains("numbers missing: `1500000000`; not in the source: `1200000000` (compared with the ja source)"),
        "{}",
        check.stdout
    );
}

/// A release withdrawn (its source texts deleted) is no longer published: `build` removes
/// the pages it published for it and says so, and the index no longer links them.
#[test]
fn a_withdrawn_release_is_unpublished_by_the_next_build() {
    let project = TempProject::new();
    project.write(
        "source_texts/ja/kisha.txt",
        "令和9年3月2日\n記者会見の開催\n\n大臣の記者会見を開催します。\n",
    );
    project.write(
        "source_texts/ja/chosa.txt",
        "令和9年3月2日\n調査結果の公表\n\n調査の結果を公表します。\n",
    );
    project.ok(&["sync"]);
    project.ok(&["build", "--format", "html"]);
    assert!(project.exists("dist/ja/kisha.html"));
    assert!(project.read("dist/ja/index.html").contains("kisha.html"));

    std::fs::remove_file(project.path().join("source_texts/ja/kisha.txt")).unwrap();
    // The diff says what the withdrawal removes.
    let diff = project.run(&["diff", "--color", "never"]);
    assert!(
        diff.stdout.contains("== kisha (ja)\n3 removed"),
        "{}",
        diff.stdout
    );
    let run = project.ok(&["build", "--format", "html"]);
    assert!(!project.exists("dist/ja/kisha.html"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "dist/ja/kisha.html: removed: \"kisha\" has no source text any more (withdrawn)"
        ),
        "{}",
        run.stderr
    );
    assert!(!project.read("dist/ja/index.html").contains("kisha.html"));
    assert!(project.exists("dist/ja/chosa.html"));
    assert!(!project.read("dist/manifest.json").contains("kisha"));
}

/// A project with one Japanese release `doc` and empty catalogs for `targets`, synced.
fn japanese_release(text: &str, targets: &[&str]) -> TempProject {
    let project = TempProject::new();
    project.write("source_texts/ja/doc.txt", text);
    for target in targets {
        std::fs::create_dir_all(project.path().join("locales").join(target)).unwrap();
    }
    project.ok(&["sync"]);
    project
}

/// Fills the placeholder `# id =` of `locales/<locale>/doc.ftl`.
fn fill(project: &TempProject, locale: &str, id: &str, text: &str) {
    replace_in(
        project,
        &format!("locales/{locale}/doc.ftl"),
        &format!("# {id} =\n"),
        &format!("{id} = {text}\n"),
    );
}

#[test]
fn numbers_written_as_words_and_hours_opening_a_range_are_no_errors() {
    let project = japanese_release(
        "2026年12月2日\n\n報告頻度は接種100万回あたり約12.5件です。第２次公募を開始します。\
         説明会を12月10日（木）14:00～16:30に開催します。\n",
        &["fr", "de", "zh-Hans"],
    );
    for (locale, date, texts) in [
        (
            "fr",
            "2 décembre 2026",
            [
                "La fréquence est d’environ 12,5 signalements par million de doses.",
                "Le deuxième appel à candidatures est ouvert.",
                "Une réunion aura lieu le jeudi 10 décembre de 14 à 16 h 30.",
            ],
        ),
        (
            "de",
            "2. Dezember 2026",
            [
                "Die Meldehäufigkeit liegt bei etwa 12,5 pro eine Million Dosen.",
                "Die zweite Ausschreibung beginnt.",
                "Die Veranstaltung findet am Donnerstag, 10. Dezember, von 14 bis 16:30 Uhr statt.",
            ],
        ),
        (
            "zh-Hans",
            "2026年12月2日",
            [
                "报告频率约为每百万剂12.5件。",
                "开始第二次公开招募。",
                "说明会将于12月10日（周四）14:00～16:30举行。",
            ],
        ),
    ] {
        fill(&project, locale, "release-date", date);
        for (n, text) in texts.iter().enumerate() {
            fill(&project, locale, &format!("intro-{}", n + 1), text);
        }
    }
    let check = project.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let build = project.run(&["build", "--format", "txt", "--check"]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    // A wrong ordinal or hour is still an error.
    replace_in(&project, "locales/fr/doc.ftl", "deuxième", "troisième");
    replace_in(&project, "locales/de/doc.ftl", "von 14 bis", "von 15 bis");
    let wrong = project.run(&["check"]);
    assert!(
        wrong.stdout.contains("intro-2: numbers missing: `2`"),
        "{}",
        wrong.stdout
    );
    assert!(
        wrong.stdout.contains("not in the source: `15:00`"),
        "{}",
        wrong.stdout
    );
}

#[test]
fn katakana_list_markers_are_lettered_on_a_translated_page() {
    let project = japanese_release(
        "2026年12月2日\n\n３　今後の予定\nア　次回の集計は、令和９年１月上旬に公表予定です。\n\
         イ　説明会をオンラインで開催します。\n",
        &["fr"],
    );
    fill(&project, "fr", "release-date", "2 décembre 2026");
    fill(&project, "fr", "s1", "Calendrier");
    fill(
        &project,
        "fr",
        "s1-1",
        "Le prochain bilan sera publié début janvier 2027.",
    );
    fill(&project, "fr", "s1-2", "Une réunion en ligne aura lieu.");
    project.ok(&["build", "--format", "txt", "--format", "html"]);
    let text = project.read("dist/fr/doc.txt");
    assert!(text.contains("\n(a) Le prochain bilan"), "{text}");
    assert!(text.contains("\n(b) Une réunion"), "{text}");
    let html = project.read("dist/fr/doc.html");
    assert!(
        html.contains("<span class=\"marker\">(a)</span>Le prochain"),
        "{html}"
    );
    // The Japanese page keeps its own markers.
    assert!(project.read("dist/ja/doc.txt").contains("\nア　次回"));
}

#[test]
fn abbreviations_before_figures_end_no_sentence_in_english_and_german() {
    let project = TempProject::new();
    project.write(
        "notes/en.txt",
        "December 3, 2026\n\nThe total budget is approx. JPY 250 billion, of which JPY 120 \
         billion is for the second round. Form No. B-7 is attached.\n",
    );
    let en = project
        .ok(&["segment", "notes/en.txt", "--lang", "en"])
        .stdout;
    assert!(
        en.contains("paragraph  The total budget is approx. JPY 250 billion, of which"),
        "{en}"
    );
    assert!(en.contains("paragraph  Form No. B-7 is attached."), "{en}");
    project.write(
        "notes/de.txt",
        "Haushalt\n\nDie Kosten betragen ca. 1,2 Mrd. Yen, z. B. für Schulen bzw. Kitas nach Nr. 3. \
         Anträge sind bis zum 1. April zu stellen.\n",
    );
    let de = project
        .ok(&["segment", "notes/de.txt", "--lang", "de"])
        .stdout;
    let sentences: Vec<&str> = de.lines().filter(|l| l.contains("paragraph")).collect();
    assert_eq!(sentences.len(), 2, "{de}");
    assert!(
        de.contains("paragraph  Die Kosten betragen ca. 1,2 Mrd. Yen, z. B. für Schulen bzw. Kitas nach Nr. 3."),
        "{de}"
    );
}
