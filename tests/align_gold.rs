//! Gold-standard accuracy of `honyaku::align` on hand-aligned ja/en release pairs in
//! `tests/fixtures/align/*.gold.json` (fixtures written for this test, and the shipped
//! corpus in `source_texts/`), plus the measurement that calibrates the length model.
//!
//! A gold file: `{"ja": "<path>", "en": "<path>", "beads": [{"ja": [texts], "en": [texts]}]}`,
//! paths relative to the crate root, texts as the segmenter produces them. A bead is right
//! when exactly the same ja and en texts are grouped. Run with `-- --nocapture` for figures;
//! set `ALIGN_GOLD_DUMP=1` to also print the segmenter's texts and the predicted beads.

// Helpers outside #[test] functions: a panic here is a failed test, not a crash on user data.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

mod common;

use honyaku::align::{self, Bead};
use honyaku::locale::Locale;
use honyaku::segment::{self, Document};
use serde::Deserialize;

/// The accuracy the issue asks for; the set reaches 245/245 since the administrative
/// lexicon (`src/align/lexicon.rs`) pairs the alphabetically re-sorted 5G list and the
/// office line of the G20 contact block.
const MIN_ACCURACY: f64 = 0.98;

#[derive(Debug, Deserialize)]
struct Gold {
    ja: String,
    en: String,
    beads: Vec<GoldBead>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct GoldBead {
    ja: Vec<String>,
    en: Vec<String>,
}

struct Case {
    name: String,
    gold: Gold,
    ja: Document,
    en: Document,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn locales() -> (Locale, Locale) {
    ("ja".parse().unwrap(), "en".parse().unwrap())
}

fn cases() -> Vec<Case> {
    let files = common::align_gold_files();
    let (l_ja, l_en) = locales();
    let read = |path: &str| {
        std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    files
        .iter()
        .map(|file| {
            let gold: Gold = serde_json::from_str(&std::fs::read_to_string(file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let ja = segment::segment(read(&gold.ja), &l_ja);
            let en = segment::segment(read(&gold.en), &l_en);
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .trim_end_matches(".gold.json")
                .to_owned();
            Case { name, gold, ja, en }
        })
        .collect()
}

fn texts(doc: &Document, indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .map(|&i| doc.segments[i].text.clone())
        .collect()
}

/// Sorted segment texts of one side, to check that the gold still matches the segmenter.
fn sorted(texts: impl Iterator<Item = String>) -> Vec<String> {
    let mut all: Vec<String> = texts.collect();
    all.sort();
    all
}

/// Differences between the gold's texts and the segmenter's, per side.
fn stale(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    for (side, doc, gold) in [
        (
            "ja",
            &case.ja,
            sorted(case.gold.beads.iter().flat_map(|b| b.ja.clone())),
        ),
        (
            "en",
            &case.en,
            sorted(case.gold.beads.iter().flat_map(|b| b.en.clone())),
        ),
    ] {
        let produced = sorted(doc.segments.iter().map(|s| s.text.clone()));
        for text in gold.iter().filter(|t| !produced.contains(t)) {
            problems.push(format!(
                "{}: gold {side} text not produced by the segmenter: {text:?}",
                case.name
            ));
        }
        for text in produced.iter().filter(|t| !gold.contains(t)) {
            problems.push(format!(
                "{}: {side} segment missing from the gold: {text:?}",
                case.name
            ));
        }
    }
    problems
}

fn predicted(case: &Case) -> Vec<GoldBead> {
    let (l_ja, l_en) = locales();
    let beads: Vec<Bead> = align::align(&case.ja, &l_ja, &case.en, &l_en);
    beads
        .iter()
        .map(|b| GoldBead {
            ja: texts(&case.ja, &b.a),
            en: texts(&case.en, &b.b),
        })
        .collect()
}

#[test]
fn gold_accuracy() {
    let cases = cases();
    assert!(
        cases.len() >= 4,
        "expected the fixture pairs and the corpus pairs"
    );
    let dump = std::env::var_os("ALIGN_GOLD_DUMP").is_some();
    let (mut right, mut total) = (0usize, 0usize);
    let mut problems = Vec::new();
    for case in &cases {
        problems.extend(stale(case));
        let mut predicted = predicted(case);
        let mut case_right = 0;
        for bead in &case.gold.beads {
            if let Some(at) = predicted.iter().position(|p| p == bead) {
                predicted.swap_remove(at);
                case_right += 1;
            } else {
                println!(
                    "  {} missed gold bead {:?} ↔ {:?}",
                    case.name, bead.ja, bead.en
                );
            }
        }
        if dump {
            let (l_ja, l_en) = locales();
            let beads = align::align(&case.ja, &l_ja, &case.en, &l_en);
            for (side, doc) in [("ja", &case.ja), ("en", &case.en)] {
                for s in &doc.segments {
                    let marker = doc.blocks[s.block]
                        .marker
                        .clone()
                        .map(|m| &doc.source[m.span]);
                    println!(
                        "  {side} block {} {:?} {marker:?}: {}",
                        s.block, s.kind, s.text
                    );
                }
            }
            println!(
                "{}",
                align::render_text(&beads, &case.ja, &l_ja, &case.en, &l_en)
            );
        }
        let n = case.gold.beads.len();
        println!(
            "{}: {case_right}/{n} beads right ({:.1}%)",
            case.name,
            100.0 * case_right as f64 / n.max(1) as f64
        );
        right += case_right;
        total += n;
    }
    let accuracy = right as f64 / total.max(1) as f64;
    println!(
        "total: {right}/{total} beads right ({:.1}%)",
        100.0 * accuracy
    );
    assert!(
        problems.is_empty(),
        "gold out of date with the segmenter:\n{}",
        problems.join("\n")
    );
    assert!(
        accuracy >= MIN_ACCURACY,
        "accuracy {accuracy:.3} below {MIN_ACCURACY}"
    );
}

/// Measures the English/Japanese length ratio and the variance of the length model on the
/// gold beads with both sides, and checks the shipped constants still describe them. The
/// Japanese side's ASCII characters count as English ones ([`align::length`]): the ratio is
/// (English chars − Japanese ASCII chars) / other Japanese chars, and the variance is taken
/// of the lengths [`align::length`] gives with the shipped ratio.
#[test]
fn length_model_matches_the_corpus() {
    use honyaku::locale::Writing;
    struct Sizes {
        corpus: bool,
        ja_ascii: f64,
        ja_other: f64,
        en: f64,
        ja_len: f64,
        en_len: f64,
    }
    let count = |texts: &[String], ascii: bool| {
        texts
            .iter()
            .flat_map(|t| t.chars())
            .filter(|c| c.is_ascii() == ascii)
            .count() as f64
    };
    let length =
        |texts: &[String], writing| texts.iter().map(|t| align::length(t, writing)).sum::<f64>();
    let mut sizes = Vec::new();
    for case in cases() {
        let corpus = Path::new(&case.gold.ja).starts_with("source_texts");
        for bead in case
            .gold
            .beads
            .iter()
            .filter(|b| !b.ja.is_empty() && !b.en.is_empty())
        {
            sizes.push(Sizes {
                corpus,
                ja_ascii: count(&bead.ja, true),
                ja_other: count(&bead.ja, false),
                en: count(&bead.en, true) + count(&bead.en, false),
                ja_len: length(&bead.ja, Writing::Unspaced),
                en_len: length(&bead.en, Writing::Spaced),
            });
        }
    }
    for (label, only_corpus) in [("source_texts", true), ("all gold", false)] {
        let set: Vec<&Sizes> = sizes.iter().filter(|s| s.corpus || !only_corpus).collect();
        let sum = |f: fn(&Sizes) -> f64| set.iter().map(|s| f(s)).sum::<f64>();
        let ratio = (sum(|s| s.en) - sum(|s| s.ja_ascii)) / sum(|s| s.ja_other);
        let variance = set
            .iter()
            .map(|s| (s.en_len - s.ja_len).powi(2) / ((s.ja_len + s.en_len) / 2.0))
            .sum::<f64>()
            / set.len() as f64;
        println!(
            "{label}: {} beads, en/ja chars {ratio:.3} (ja ASCII as en), variance per ja char {variance:.2}",
            set.len()
        );
        if only_corpus {
            assert!(
                (ratio / align::SPACED_PER_UNSPACED - 1.0).abs() < 0.1,
                "ratio {ratio:.3} drifted: recalibrate"
            );
            assert!(
                (variance / align::VARIANCE - 1.0).abs() < 0.35,
                "variance {variance:.2} drifted: recalibrate"
            );
        }
    }
}
