//! `honyaku build` and `honyaku check` end to end: the real binary on temporary copies of the
//! shipped source texts, with translations written the way a translator would.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers: a failure here is a failed test"
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = "2020-05-01-g20-digital-economy";

fn honyaku(dir: &Path, args: &[&str]) -> Output {
    let (command, rest) = args.split_first().unwrap();
    Command::new(env!("CARGO_BIN_EXE_honyaku"))
        .arg(command)
        .arg("-C")
        .arg(dir)
        .args(rest)
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A synced project with the shipped sources and empty catalogs for `targets`.
fn project(targets: &[&str], config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("source_texts"),
        &dir.path().join("source_texts"),
    );
    for target in targets {
        fs::create_dir_all(dir.path().join("locales").join(target)).unwrap();
    }
    fs::write(dir.path().join("honyaku.toml"), config).unwrap();
    let sync = honyaku(dir.path(), &["sync"]);
    assert_eq!(code(&sync), 0, "{}", String::from_utf8_lossy(&sync.stderr));
    dir
}

fn catalog(dir: &Path, locale: &str) -> PathBuf {
    dir.join("locales").join(locale).join(format!("{DOC}.ftl"))
}

/// Translates the placeholder `# id =` as `id = text`.
fn translate(dir: &Path, locale: &str, id: &str, text: &str) {
    let path = catalog(dir, locale);
    let old = fs::read_to_string(&path).unwrap();
    let placeholder = format!("# {id} =\n");
    assert!(
        old.contains(&placeholder),
        "no placeholder for {id} in {locale}"
    );
    fs::write(
        &path,
        old.replace(&placeholder, &format!("{id} = {text}\n")),
    )
    .unwrap();
}

/// Replaces a line of a catalog (to edit a translation or a source note).
fn edit(dir: &Path, locale: &str, from: &str, to: &str) {
    let path = catalog(dir, locale);
    let old = fs::read_to_string(&path).unwrap();
    assert!(old.contains(from), "{from} not in {locale}");
    fs::write(&path, old.replacen(from, to, 1)).unwrap();
}

fn built(dir: &Path, locale: &str, ext: &str) -> String {
    fs::read_to_string(dir.join("dist").join(locale).join(format!("{DOC}.{ext}"))).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The en source text of the release's first paragraph sentence, to see fallbacks.
const EN_INTRO_2: &str = "In addition to leaders of G20 member countries and regions";

#[test]
fn source_locales_build_byte_identical_to_every_shipped_text() {
    let dir = project(&[], "");
    let out = honyaku(
        dir.path(),
        &[
            "build", "--format", "txt", "--format", "md", "--format", "html",
        ],
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let mut compared = 0;
    for locale in ["ja", "en"] {
        for entry in fs::read_dir(dir.path().join("source_texts").join(locale)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap();
            let built = fs::read(dir.path().join("dist").join(locale).join(name)).unwrap();
            assert!(
                built == fs::read(&path).unwrap(),
                "{} differs",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= 6);
    let html = built(dir.path(), "ja", "html");
    assert!(html.contains("<html lang=\"ja\" dir=\"ltr\">"));
    assert!(html.contains("<h1>"));
    assert!(built(dir.path(), "en", "md").contains("\n# Results"));
}

#[test]
fn fallback_chains_and_fluent_terms() {
    let dir = project(&["fr", "fr-CA"], "");
    translate(
        dir.path(),
        "fr",
        "intro-2",
        "Des organisations { -itu } ont participé.",
    );
    edit(
        dir.path(),
        "fr",
        "### honyaku: and the",
        "-itu = UIT\n\n### honyaku: and the",
    );
    translate(dir.path(), "fr-CA", "release-date", "1er mai 2020");
    let out = honyaku(dir.path(), &["build", "--report", "json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));

    let fr = built(dir.path(), "fr", "txt");
    assert!(fr.contains("Des organisations UIT ont participé."), "{fr}");
    assert!(!fr.contains(EN_INTRO_2));
    assert!(
        fr.contains("An extraordinary G20 digital economy ministerial meeting"),
        "fr falls back to en: {fr}"
    );
    // fr-CA: own date, fr's intro-2, en for the rest.
    let fr_ca = built(dir.path(), "fr-CA", "txt");
    assert!(fr_ca.starts_with("1er mai 2020 Results"), "{fr_ca}");
    assert!(fr_ca.contains("Des organisations UIT ont participé."));

    let report = json(&out);
    let builds = report["builds"].as_array().unwrap();
    let fr_ca = builds
        .iter()
        .find(|b| b["locale"] == "fr-CA" && b["document"] == DOC)
        .unwrap();
    let fallback = |id: &str| {
        fr_ca["fallbacks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
    };
    assert_eq!(fallback("intro-2").unwrap()["from"], "fr");
    assert_eq!(fallback("intro-1").unwrap()["from"], "en");
    assert_eq!(fallback("intro-1").unwrap()["reason"], "missing");
    assert!(fallback("release-date").is_none());
    assert_eq!(fr_ca["layout"], "en");
}

#[test]
fn configured_chain_goes_to_the_original() {
    let dir = project(&["zh-Hans"], "[fallback]\nzh-Hans = [\"ja\"]\n");
    // Built although nothing is translated yet: asked for with `--min-complete 0`.
    let out = honyaku(
        dir.path(),
        &["build", "--locale", "zh-Hans", "--min-complete", "0"],
    );
    assert_eq!(code(&out), 0);
    let zh = built(dir.path(), "zh-Hans", "txt");
    let ja = fs::read_to_string(
        dir.path()
            .join("source_texts/ja")
            .join(format!("{DOC}.txt")),
    )
    .unwrap();
    assert_eq!(zh, ja, "an untranslated zh-Hans build is the ja original");
}

#[test]
fn stale_translations_fall_back_by_default_and_are_used_when_configured() {
    let dir = project(&["fr"], "");
    translate(
        dir.path(),
        "fr",
        "intro-2",
        "Des organisations ont participé.",
    );
    // The translation now claims an older source: the next sync sees it as stale.
    edit(
        dir.path(),
        "fr",
        "# en: In addition to leaders",
        "# en: Formerly, in addition to leaders",
    );
    let out = honyaku(dir.path(), &["build", "--locale", "fr", "--report", "json"]);
    assert!(built(dir.path(), "fr", "txt").contains(EN_INTRO_2));
    let report = json(&out);
    let fallbacks = report["builds"][0]["fallbacks"].as_array().unwrap().clone();
    let intro = fallbacks.iter().find(|f| f["id"] == "intro-2").unwrap();
    assert_eq!(intro["reason"], "stale");

    fs::write(
        dir.path().join("honyaku.toml"),
        "[build]\nstale = \"use\"\n",
    )
    .unwrap();
    let out = honyaku(dir.path(), &["build", "--locale", "fr", "--report", "json"]);
    assert!(built(dir.path(), "fr", "txt").contains("Des organisations ont participé."));
    let report = json(&out);
    let build = report["builds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["document"] == DOC)
        .unwrap()
        .clone();
    assert_eq!(build["stale_used"][0], "intro-2");
}

#[test]
fn strict_fails_on_fallbacks_and_min_complete_skips() {
    let dir = project(&["fr"], "");
    // A page with a translation of its own (one with none is not built at all).
    translate(dir.path(), "fr", "release-date", "1er mai 2020");
    assert_eq!(
        code(&honyaku(
            dir.path(),
            &["build", "--locale", "en", "--strict"]
        )),
        0
    );
    let strict = honyaku(dir.path(), &["build", "--locale", "fr", "--strict"]);
    assert_eq!(code(&strict), 1);
    // A non-zero exit says why.
    let why = String::from_utf8_lossy(&strict.stderr);
    assert!(
        why.contains("--strict: some pages use text from another locale"),
        "{why}"
    );

    // An earlier build left an HTML page; a txt-only build below the threshold removes it too.
    fs::remove_dir_all(dir.path().join("dist")).unwrap();
    assert_eq!(
        code(&honyaku(dir.path(), &["build", "--format", "html"])),
        0
    );
    assert!(
        dir.path()
            .join("dist/fr")
            .join(format!("{DOC}.html"))
            .exists()
    );
    let skip = honyaku(dir.path(), &["build", "--min-complete", "50.5"]);
    assert_eq!(code(&skip), 0);
    assert!(stdout(&skip).contains("skipped"), "{}", stdout(&skip));
    // The reason is printed once, in the report, not again on stderr.
    let both = format!("{}{}", stdout(&skip), String::from_utf8_lossy(&skip.stderr));
    assert_eq!(
        both.matches(&format!("{DOC} not built in fr")).count(),
        1,
        "{both}"
    );
    let bad = honyaku(dir.path(), &["build", "--min-complete", "100.5"]);
    assert_eq!(code(&bad), 2);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a percentage from 0 to 100"));
    assert!(
        !dir.path()
            .join("dist/fr")
            .join(format!("{DOC}.txt"))
            .exists()
    );
    assert!(
        !dir.path()
            .join("dist/fr")
            .join(format!("{DOC}.html"))
            .exists(),
        "a stale page of a skipped document stayed behind"
    );
    assert!(
        dir.path()
            .join("dist/ja")
            .join(format!("{DOC}.txt"))
            .exists()
    );
}

#[test]
fn unchanged_outputs_are_left_alone_and_listed_in_the_manifest() {
    let dir = project(&["fr"], "");
    translate(dir.path(), "fr", "release-date", "1er mai 2020");
    assert_eq!(
        code(&honyaku(
            dir.path(),
            &["build", "--format", "txt", "--format", "html"]
        )),
        0
    );
    let path = dir.path().join("dist/fr").join(format!("{DOC}.txt"));
    let other = dir.path().join("dist/ja").join(format!("{DOC}.txt"));
    // A marker the build would overwrite if it rewrote the file.
    let before = fs::metadata(&other).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    translate(dir.path(), "fr", "title", "Résultats de la réunion");
    let second = honyaku(
        dir.path(),
        &["build", "--format", "txt", "--format", "html"],
    );
    assert_eq!(code(&second), 0);
    assert_eq!(
        fs::metadata(&other).unwrap().modified().unwrap(),
        before,
        "unchanged file rewritten"
    );
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("Résultats de la réunion")
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("dist/manifest.json")).unwrap())
            .unwrap();
    let outputs = manifest["outputs"].as_array().unwrap();
    // Three documents in ja and en, and the one translated into fr, in two formats (the
    // other two have nothing in fr, so they are not built there).
    assert_eq!(outputs.len(), (3 * 2 + 1) * 2);
    let entry = outputs
        .iter()
        .find(|o| o["locale"] == "fr" && o["document"] == DOC && o["format"] == "txt")
        .unwrap();
    assert_eq!(
        entry["blake3"],
        blake3::hash(&fs::read(&path).unwrap()).to_hex().to_string()
    );
    assert!(entry["fallbacks"].as_u64().unwrap() > 0);
    assert!(entry["completeness"].as_f64().unwrap() > 0.0);
    let html = built(dir.path(), "fr", "html");
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(html.contains("<span class=\"fallback\" lang=\"en\">"));
}

/// Runs check on a project where `intro-2` (fr) is translated as `text`; the findings.
fn check_one(id: &str, text: &str, comment: Option<&str>) -> Vec<serde_json::Value> {
    let dir = project(&["fr"], "");
    translate(dir.path(), "fr", id, text);
    if let Some(comment) = comment {
        edit(
            dir.path(),
            "fr",
            &format!("\n{id} = "),
            &format!("\n{comment}\n{id} = "),
        );
    }
    let out = honyaku(dir.path(), &["check", "--format", "json"]);
    let report = json(&out);
    let findings = report["findings"].as_array().unwrap().clone();
    let errors = findings.iter().any(|f| f["severity"] == "error");
    assert_eq!(code(&out), i32::from(errors), "{findings:?}");
    findings
}

fn checks(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["check"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn correct_translations_pass_every_check() {
    for (id, text) in [
        ("release-date", "1er mai 2020"),
        ("date-1", "Jeudi 30 avril 2020 *Par visioconférence"),
        (
            "intro-2",
            "Outre les pays et régions membres du G20, des pays invités et des organisations (l’UIT et l’OCDE) ont participé.",
        ),
    ] {
        let findings = check_one(id, text, None);
        assert!(findings.is_empty(), "{id}: {findings:?}");
    }
}

#[test]
fn each_check_fires_on_a_wrong_translation() {
    let cases = [
        ("release-date", "2 mai 2020", "numbers"),
        ("release-date", "1er mai 2021", "numbers"),
        (
            "intro-2",
            "Des organisations (UIT et OCDE ont participé.",
            "brackets",
        ),
        (
            "intro-2",
            "Des organisations « UIT et OCDE ont participé.",
            "quotes",
        ),
        (
            "intro-2",
            "Des organisations ont participé ({ $count }).",
            "placeables",
        ),
        (
            "intro-2",
            "Des organisations ({ -itu }) ont participé.",
            "unknown-term",
        ),
        ("intro-2", "Voir https://www.soumu.go.jp/.", "urls"),
        ("intro-2", "Écrire à info@soumu.go.jp.", "emails"),
        ("intro-2", "Appeler le 03-5253-5111.", "phones"),
        ("intro-2", "{ \"\" }", "empty"),
        (
            "intro-2",
            "{ \" \" }Des organisations ont participé.",
            "whitespace",
        ),
        (
            "intro-2",
            "In addition to leaders of G20 member countries and regions, invited countries and related international organizations (the ITU and OECD) participated.",
            "untranslated",
        ),
    ];
    for (id, text, check) in cases {
        let findings = check_one(id, text, None);
        assert!(
            checks(&findings).contains(&check.to_owned()),
            "{check} did not fire on {text:?}: {findings:?}"
        );
        let finding = findings.iter().find(|f| f["check"] == check).unwrap();
        assert_eq!(finding["locale"], "fr");
        assert_eq!(finding["id"], id);
        assert!(finding["line"].as_u64().unwrap() > 5);
        assert!(
            finding["file"]
                .as_str()
                .unwrap()
                .ends_with(&format!("fr/{DOC}.ftl"))
        );
        // The translator's comment silences exactly this check.
        let silenced = check_one(id, text, Some(&format!("# honyaku-ignore: {check}")));
        assert!(
            !checks(&silenced).contains(&check.to_owned()),
            "{check} not silenced: {silenced:?}"
        );
    }
}

#[test]
fn catalog_problems_are_findings() {
    let dir = project(&["fr"], "");
    translate(
        dir.path(),
        "fr",
        "intro-2",
        "Les pays du G20 et des organisations ont participé.",
    );
    let path = catalog(dir.path(), "fr");
    let good = fs::read_to_string(&path).unwrap();

    fs::write(&path, format!("{good}\nmade-up-id = Un message inventé.\n")).unwrap();
    let out = honyaku(dir.path(), &["check"]);
    assert!(
        stdout(&out).contains("warning[unknown-id] made-up-id"),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&out), 0, "an unknown id is a warning");

    fs::write(&path, format!("{good}\nintro-2 = Encore.\n")).unwrap();
    let out = honyaku(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code(&out), 1);
    assert!(
        checks(json(&out)["findings"].as_array().unwrap()).contains(&"duplicate-id".to_owned())
    );

    fs::write(&path, format!("{good}\nbroken = {{ oops\n")).unwrap();
    let out = honyaku(dir.path(), &["check"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("error[syntax]"), "{}", stdout(&out));

    let out = honyaku(&dir.path().join("nowhere"), &["check"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn a_catalog_that_does_not_parse_leaves_its_last_build_alone() {
    let dir = project(&["fr"], "");
    translate(dir.path(), "fr", "title", "Résultats de la réunion");
    assert_eq!(code(&honyaku(dir.path(), &["build"])), 0);
    let good = built(dir.path(), "fr", "txt");
    let path = catalog(dir.path(), "fr");
    let broken = fs::read_to_string(&path).unwrap() + "oops\n";
    fs::write(&path, &broken).unwrap();
    let run = honyaku(dir.path(), &["build"]);
    assert_eq!(code(&run), 1, "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stderr).contains(&format!("locales/fr/{DOC}.ftl:")));
    assert_eq!(
        built(dir.path(), "fr", "txt"),
        good,
        "a page of fallbacks replaced the good build"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

/// `--quiet`, as CI runs them: `check` lists the errors and counts the warnings; `build` prints
/// the pages it did not publish and its summary line, not each page's fallbacks.
#[test]
fn quiet_check_and_build_print_what_ci_needs() {
    let dir = project(&["fr"], "");
    // An error (the year is wrong) and a warning (the English title copied as it is).
    translate(dir.path(), "fr", "release-date", "1er mai 2021");
    let title = fs::read_to_string(catalog(dir.path(), "en")).unwrap();
    let title = title
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .unwrap()
        .to_owned();
    translate(dir.path(), "fr", "title", &title);

    let full = honyaku(dir.path(), &["check"]);
    let quiet = honyaku(dir.path(), &["check", "--quiet"]);
    assert_eq!(code(&full), 1);
    assert_eq!(code(&quiet), 1);
    let (full, quiet) = (stdout(&full), stdout(&quiet));
    assert!(full.contains(": warning["), "{full}");
    let errors: Vec<&str> = full.lines().filter(|l| !l.contains(": warning[")).collect();
    assert_eq!(quiet.lines().collect::<Vec<_>>(), errors, "{quiet}");
    assert!(quiet.contains("release-date"), "{quiet}");
    assert_eq!(full.lines().last(), quiet.lines().last());

    let built = honyaku(dir.path(), &["build", "--check", "--quiet"]);
    assert_eq!(code(&built), 1);
    let report = stdout(&built);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        lines[0].starts_with(&format!("fr/{DOC}: not published: ")),
        "{report}"
    );
    assert!(lines[1].contains(", 1 not published; files: "), "{report}");
}
