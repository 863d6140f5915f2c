//! What an alignment score means (issue 13): the precision of the beads scoring at or above
//! each candidate threshold, and of those below, measured on the hand-aligned tuned set
//! (`tests/fixtures/align/*.gold.json`) and, separately, on the held-out releases
//! (`tests/heldout/*/gold*.txt`, written before any tuning). `sync` warns below
//! [`honyaku::catalog::LOW_CONFIDENCE`]; the test fails when a wrong pairing of the tuned set
//! or of the held-out set scores at or above it, or when held-out bead accuracy drops below
//! 98%.
//! `cargo test --test align_calibration -- --nocapture` prints the curve written in
//! ARCHITECTURE.md.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::HashSet;
use std::path::PathBuf;

mod common;

use honyaku::align;
use honyaku::catalog::LOW_CONFIDENCE;
use honyaku::locale::Locale;
use honyaku::segment;

/// Held-out bead accuracy the issue asks for.
const MIN_HELD_OUT_ACCURACY: f64 = 0.98;

const THRESHOLDS: [f64; 9] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/// A bead as texts, normalised: runs of white space are one space.
type Texts = (Vec<String>, Vec<String>);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One aligned pair: the gold beads and the predicted ones with their scores.
struct Pair {
    name: String,
    gold: Vec<Texts>,
    predicted: Vec<(Texts, f64)>,
}

fn predict(ja: String, en: String) -> Vec<(Texts, f64)> {
    let (l_ja, l_en): (Locale, Locale) = ("ja".parse().unwrap(), "en".parse().unwrap());
    let (ja, en) = (segment::segment(ja, &l_ja), segment::segment(en, &l_en));
    align::align(&ja, &l_ja, &en, &l_en)
        .into_iter()
        .map(|bead| {
            let texts = |doc: &segment::Document, indices: &[usize]| {
                indices
                    .iter()
                    .map(|&i| normal(&doc.segments[i].text))
                    .collect()
            };
            ((texts(&ja, &bead.a), texts(&en, &bead.b)), bead.score)
        })
        .collect()
}

fn tuned() -> Vec<Pair> {
    #[derive(serde::Deserialize)]
    struct Gold {
        ja: String,
        en: String,
        beads: Vec<GoldBead>,
    }
    #[derive(serde::Deserialize)]
    struct GoldBead {
        ja: Vec<String>,
        en: Vec<String>,
    }
    let files = common::align_gold_files();
    files
        .iter()
        .map(|file| {
            let gold: Gold = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
            Pair {
                name: file.file_name().unwrap().to_string_lossy().into_owned(),
                gold: gold
                    .beads
                    .iter()
                    .map(|b| {
                        let n = |t: &[String]| t.iter().map(|s| normal(s)).collect();
                        (n(&b.ja), n(&b.en))
                    })
                    .collect(),
                predicted: predict(read(&gold.ja), read(&gold.en)),
            }
        })
        .collect()
}

/// Gold beads of a held-out file: blank-line separated groups of `ja: ` / `en: ` lines.
fn held_out_gold(text: &str) -> Vec<Texts> {
    text.split("\n\n")
        .map(|bead| {
            let lines: Vec<&str> = bead.lines().filter(|l| !l.starts_with('#')).collect();
            let side = |p: &str| -> Vec<String> {
                lines
                    .iter()
                    .filter_map(|l| l.strip_prefix(p))
                    .map(normal)
                    .collect()
            };
            (side("ja: "), side("en: "))
        })
        .filter(|(ja, en)| !ja.is_empty() || !en.is_empty())
        .collect()
}

fn held_out() -> Vec<Pair> {
    let dir = root().join("tests/heldout");
    let mut pairs = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    for path in names {
        let read = |f: &str| std::fs::read_to_string(path.join(f)).ok();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let versions = [
            ("", "ja.txt", "en.txt", "gold.txt"),
            (".v1", "ja.v1.txt", "en.v1.txt", "gold.v1.txt"),
            (".v3", "ja.v3.txt", "en.v3.txt", "gold.v3.txt"),
        ];
        for (suffix, ja, en, gold) in versions {
            if let (Some(ja), Some(en), Some(gold)) = (read(ja), read(en), read(gold)) {
                pairs.push(Pair {
                    name: format!("{name}{suffix}"),
                    gold: held_out_gold(&gold),
                    predicted: predict(ja, en),
                });
            }
        }
    }
    pairs
}

/// Counts per set. A predicted bead is *evaluable* when each of its texts is a gold segment
/// of its side: a bead holding a segment the segmenter got wrong (an ordinal lost to the
/// skeleton, a hard-wrapped line split) is a segmentation error, scored by
/// `tests/heldout.rs`, not an alignment one.
struct Curve {
    gold: usize,
    /// Gold beads predicted exactly.
    found: usize,
    /// Gold beads whose segments the segmenter all produced, and how many were predicted.
    gold_segmented: usize,
    found_segmented: usize,
    /// Predicted beads that are not evaluable.
    unevaluable: usize,
    /// Per threshold: (threshold, beads ≥, right ≥, beads <, right <), evaluable beads.
    rows: Vec<(f64, usize, usize, usize, usize)>,
    /// Wrong evaluable two-sided beads at or above the warning threshold.
    wrong_confident: Vec<String>,
}

fn curve(pairs: &[Pair]) -> Curve {
    let mut curve = Curve {
        gold: 0,
        found: 0,
        gold_segmented: 0,
        found_segmented: 0,
        unevaluable: 0,
        rows: THRESHOLDS.iter().map(|&t| (t, 0, 0, 0, 0)).collect(),
        wrong_confident: Vec::new(),
    };
    for pair in pairs {
        let gold: HashSet<&Texts> = pair.gold.iter().collect();
        let gold_ja: HashSet<&String> = pair.gold.iter().flat_map(|b| &b.0).collect();
        let gold_en: HashSet<&String> = pair.gold.iter().flat_map(|b| &b.1).collect();
        let made_ja: HashSet<&String> = pair.predicted.iter().flat_map(|(b, _)| &b.0).collect();
        let made_en: HashSet<&String> = pair.predicted.iter().flat_map(|(b, _)| &b.1).collect();
        let predicted: HashSet<&Texts> = pair.predicted.iter().map(|(b, _)| b).collect();
        curve.gold += pair.gold.len();
        for bead in &pair.gold {
            let found = predicted.contains(bead);
            curve.found += usize::from(found);
            if bead.0.iter().all(|t| made_ja.contains(t))
                && bead.1.iter().all(|t| made_en.contains(t))
            {
                curve.gold_segmented += 1;
                curve.found_segmented += usize::from(found);
            }
        }
        for (texts, score) in &pair.predicted {
            let evaluable = texts.0.iter().all(|t| gold_ja.contains(t))
                && texts.1.iter().all(|t| gold_en.contains(t));
            if !evaluable {
                curve.unevaluable += 1;
                continue;
            }
            let right = gold.contains(texts);
            for row in &mut curve.rows {
                if *score >= row.0 {
                    row.1 += 1;
                    row.2 += usize::from(right);
                } else {
                    row.3 += 1;
                    row.4 += usize::from(right);
                }
            }
            let two_sided = !texts.0.is_empty() && !texts.1.is_empty();
            if !right && two_sided && *score >= LOW_CONFIDENCE {
                curve
                    .wrong_confident
                    .push(format!("{}: {score:.2} {texts:?}", pair.name));
            }
        }
    }
    curve
}

fn print(title: &str, curve: &Curve) {
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "{title}: {}/{} gold beads found end to end ({:.1}%); {}/{} of those the segmenter \
         produced all segments of ({:.1}%); {} predicted beads hold a segment not in the gold",
        curve.found,
        curve.gold,
        percent(curve.found, curve.gold),
        curve.found_segmented,
        curve.gold_segmented,
        percent(curve.found_segmented, curve.gold_segmented),
        curve.unevaluable
    );
    println!("| threshold | beads ≥ | precision ≥ | beads < | precision < |");
    println!("|---|---|---|---|---|");
    for (t, above, right_above, below, right_below) in &curve.rows {
        let p = |r: &usize, n: &usize| {
            if *n == 0 {
                "–".to_owned()
            } else {
                format!("{:.1}%", 100.0 * *r as f64 / *n as f64)
            }
        };
        println!(
            "| {t:.2} | {above} | {} | {below} | {} |",
            p(right_above, above),
            p(right_below, below)
        );
    }
    for wrong in &curve.wrong_confident {
        println!("  wrong pairing at or above {LOW_CONFIDENCE}: {wrong}");
    }
}

#[test]
fn scores_are_calibrated_on_tuned_and_held_out_pairs() {
    let tuned = curve(&tuned());
    print("tuned set (tests/fixtures/align)", &tuned);
    let held = curve(&held_out());
    print("held-out set (tests/heldout)", &held);
    // Alignment accuracy: of the gold beads whose segments the segmenter produced (the
    // end-to-end figure, printed above, also counts segmentation errors).
    let accuracy = held.found_segmented as f64 / held.gold_segmented.max(1) as f64;
    // No wrong pairing may score at or above the threshold, on either set. (`survey`'s
    // office line glued to the person-in-charge line the English omits did, at 0.84, until
    // the block level priced bare label lines by their measured drop rate; the new held-out
    // `proposals` pair tests that rule on fresh text.)
    assert!(
        tuned.wrong_confident.is_empty(),
        "tuned: wrong pairings score at or above the warning threshold {LOW_CONFIDENCE}"
    );
    assert!(
        held.wrong_confident.is_empty(),
        "held-out: wrong pairings score at or above the warning threshold {LOW_CONFIDENCE}: {:?}",
        held.wrong_confident
    );
    assert!(
        accuracy >= MIN_HELD_OUT_ACCURACY,
        "held-out bead accuracy {:.1}% < {:.0}%",
        100.0 * accuracy,
        100.0 * MIN_HELD_OUT_ACCURACY
    );
}
