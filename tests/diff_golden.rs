//! Golden files for the diff reports (text, JSON, HTML), so that any change in matching or
//! rendering shows up as a reviewable file diff. Regenerate with
//! `HONYAKU_BLESS=1 cargo test --test diff_golden`; never edit the expected files by hand.
//!
//! Cases: every `tests/golden/diff/<case>/` with `old.txt` and `new.txt` (one segment per
//! line, locale from the case name's prefix), and `revisions-<ja|en>` built from
//! `tests/fixtures/revisions/<lang>/{v1,v2}.txt` through the real segmenter.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

use std::fs;
use std::path::{Path, PathBuf};

use honyaku::diff::{HtmlMeta, Side, diff, render_html, render_json, render_text};
use honyaku::locale::Locale;
use similar::TextDiff;

const ROOT: &str = "tests/golden/diff";

struct Case {
    name: String,
    locale: Locale,
    old: Vec<String>,
    new: Vec<String>,
    /// Passage of each old and new segment.
    passages: (Vec<usize>, Vec<usize>),
    labels: (String, String),
}

fn line_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for entry in fs::read_dir(ROOT).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("old.txt").exists() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let tag = name.split('-').next().unwrap();
        let lines = |file: &str| -> Vec<String> {
            fs::read_to_string(dir.join(file))
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect()
        };
        let (old, new) = (lines("old.txt"), lines("new.txt"));
        cases.push(Case {
            locale: tag.parse().unwrap(),
            // One segment per line, no paragraphs: one passage, where any move may come
            // with an edit.
            passages: (vec![0; old.len()], vec![0; new.len()]),
            old,
            new,
            labels: ("old.txt".into(), "new.txt".into()),
            name,
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn revision_cases() -> Vec<Case> {
    ["en", "ja"]
        .into_iter()
        .map(|tag| {
            let locale: Locale = tag.parse().unwrap();
            let segments = |version: &str| -> (Vec<String>, Vec<usize>) {
                let path = format!("tests/fixtures/revisions/{tag}/{version}.txt");
                let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                let document = honyaku::segment::segment(source, &locale);
                let texts = document.segments.iter().map(|s| s.text.clone()).collect();
                (texts, document.passages())
            };
            let ((old, old_passages), (new, new_passages)) = (segments("v1"), segments("v2"));
            Case {
                name: format!("revisions-{tag}"),
                old,
                new,
                passages: (old_passages, new_passages),
                labels: (format!("{tag}/v1.txt"), format!("{tag}/v2.txt")),
                locale,
            }
        })
        .collect()
}

fn sides<'a>(texts: &'a [String], passages: &[usize]) -> Vec<Side<'a>> {
    texts
        .iter()
        .zip(passages)
        .map(|(t, &p)| Side::new(t, p))
        .collect()
}

fn outputs(case: &Case) -> Vec<(&'static str, String)> {
    let changes = diff(
        &sides(&case.old, &case.passages.0),
        &sides(&case.new, &case.passages.1),
        &case.locale,
    );
    let meta = HtmlMeta {
        title: format!("Diff: {}", case.name),
        old_label: case.labels.0.clone(),
        new_label: case.labels.1.clone(),
        old_lang: case.locale.tag().to_owned(),
        new_lang: case.locale.tag().to_owned(),
    };
    vec![
        ("expected.txt", render_text(&changes, false)),
        ("expected.color.txt", render_text(&changes, true)),
        ("expected.json", render_json(&changes)),
        (
            "expected.html",
            without_assets(&render_html(&changes, &meta)),
        ),
    ]
}

/// The page without its stylesheet and script, which are the same in every report: the
/// golden files hold what differs per case, and a style change does not touch them all.
fn without_assets(html: &str) -> String {
    let mut out = html.to_owned();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(start), Some(end)) = (out.find(open), out.find(close)) {
            out.replace_range(start + open.len()..end, "…");
        }
    }
    out
}

#[test]
fn diff_reports_match_golden_files() {
    let bless = std::env::var_os("HONYAKU_BLESS").is_some();
    let mut failures = Vec::new();
    let cases: Vec<Case> = line_cases().into_iter().chain(revision_cases()).collect();
    assert!(
        cases.len() >= 6,
        "expected the line cases and both revision cases"
    );
    for case in &cases {
        let dir = PathBuf::from(ROOT).join(&case.name);
        for (file, actual) in outputs(case) {
            let path = dir.join(file);
            if bless {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                failures.push(report(&path, &expected, &actual));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (rerun with HONYAKU_BLESS=1 if the change is intended):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn report(path: &Path, expected: &str, actual: &str) -> String {
    let diff = TextDiff::from_lines(expected, actual);
    let body = diff
        .unified_diff()
        .context_radius(2)
        .header("expected", "actual")
        .to_string();
    format!("--- {}\n{}", path.display(), body)
}

/// The revision fixtures document their changes in CHANGES.md; the diff must find each kind.
#[test]
fn revision_fixtures_show_every_documented_change() {
    for case in revision_cases() {
        let changes = diff(
            &sides(&case.old, &case.passages.0),
            &sides(&case.new, &case.passages.1),
            &case.locale,
        );
        let count = |kind: &str| {
            changes
                .iter()
                .filter(|c| serde_json::to_value(c.kind).unwrap() == kind)
                .count()
        };
        let name = &case.name;
        assert_eq!(
            count("modified"),
            2,
            "{name}: the wording edit and the changed number"
        );
        assert_eq!(
            count("added"),
            3,
            "{name}: one inserted sentence and a two-sentence paragraph"
        );
        assert_eq!(count("removed"), 1, "{name}");
        assert_eq!(count("moved"), 1, "{name}");
        assert_eq!(count("split"), 2, "{name}: one sentence into two entries");
        assert_eq!(
            count("merged"),
            2,
            "{name}: two sentences into one, one entry each"
        );
        let figures: Vec<_> = changes.iter().flat_map(|c| c.figures.clone()).collect();
        assert_eq!(figures.len(), 1, "{name}: {figures:?}");
        assert_eq!(
            (figures[0].old.as_deref(), figures[0].new.as_deref()),
            (Some("45"), Some("47")),
            "{name}"
        );
    }
}
