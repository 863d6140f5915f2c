//! The held-out evaluation (issue 13): segmentation of the releases in `tests/heldout/`,
//! written before any rule was tuned and never tuned against, scored against their
//! hand-written gold segments. Prints precision and recall per genre and language with
//! `cargo test --test heldout -- --nocapture`, and holds every pair to the bar.
//! Also checks that the gold itself is consistent with the texts it describes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test"
)]

mod common;

use std::collections::BTreeMap;

use common::heldout::{self, Entry, Gold, normalize};
use honyaku::locale::Locale;
use honyaku::segment;

/// The bar: at least 98% of each pair's gold segments found, and at least 98% of
/// the segments produced are gold (no pair may be over-split either).
const MIN_RECALL: f64 = 0.98;
const MIN_PRECISION: f64 = 0.98;

/// How one source text's segmentation compares with its gold segments.
#[derive(Debug)]
struct Score {
    name: String,
    locale: &'static str,
    gold: usize,
    produced: usize,
    matched: usize,
    /// Gold segments not produced, and produced segments not gold, for the failure message.
    missed: Vec<String>,
    spurious: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn precision(&self) -> f64 {
        ratio(self.matched, self.produced)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Which items of `a` and `b` a longest common subsequence pairs, as flags per item.
fn lcs_flags(a: &[String], b: &[String]) -> (Vec<bool>, Vec<bool>) {
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            in_a[i] = true;
            in_b[j] = true;
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (in_a, in_b)
}

fn score(gold: &Gold, locale: &'static str) -> Option<Score> {
    let path = if locale == "ja" {
        gold.ja.clone()
    } else {
        gold.en.clone()?
    };
    let source = std::fs::read_to_string(&path).unwrap();
    let document = segment::segment(source, &locale.parse::<Locale>().unwrap());
    let produced: Vec<String> = document
        .segments
        .iter()
        .map(|s| normalize(&s.text))
        .collect();
    let expected: Vec<String> = gold.segments(locale).iter().map(|s| normalize(s)).collect();
    let (found, genuine) = lcs_flags(&expected, &produced);
    let pick = |items: &[String], flags: &[bool]| -> Vec<String> {
        items
            .iter()
            .zip(flags)
            .filter(|(_, hit)| !**hit)
            .map(|(item, _)| item.clone())
            .collect()
    };
    Some(Score {
        name: gold.name(),
        locale,
        gold: expected.len(),
        produced: produced.len(),
        matched: found.iter().filter(|hit| **hit).count(),
        missed: pick(&expected, &found),
        spurious: pick(&produced, &genuine),
    })
}

fn scores() -> Vec<Score> {
    heldout::golds()
        .iter()
        .flat_map(|gold| [score(gold, "ja"), score(gold, "en")])
        .flatten()
        .collect()
}

#[test]
fn heldout_segmentation_meets_the_bar_on_every_pair() {
    let scores = scores();
    assert!(
        scores.len() >= 16,
        "the held-out corpus has at least eight pairs"
    );
    println!("held-out segmentation (tests/heldout/), matched / gold segments:");
    println!(
        "{:<18} {:<3} {:>5} {:>9} {:>8} {:>10}",
        "pair", "", "gold", "produced", "recall", "precision"
    );
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for s in &scores {
        println!(
            "{:<18} {:<3} {:>5} {:>9} {:>7.1}% {:>9.1}%",
            s.name,
            s.locale,
            s.gold,
            s.produced,
            100.0 * s.recall(),
            100.0 * s.precision()
        );
        let total = totals.entry(s.locale).or_default();
        total.0 += s.gold;
        total.1 += s.produced;
        total.2 += s.matched;
    }
    for (locale, (gold, produced, matched)) in &totals {
        println!(
            "{:<18} {:<3} {:>5} {:>9} {:>7.1}% {:>9.1}%",
            "all",
            locale,
            gold,
            produced,
            100.0 * ratio(*matched, *gold),
            100.0 * ratio(*matched, *produced)
        );
    }
    let failures: Vec<String> = scores
        .iter()
        .filter(|s| s.recall() < MIN_RECALL || s.precision() < MIN_PRECISION)
        .map(|s| {
            format!(
                "{} {}: recall {:.1}%, precision {:.1}%\n  missed: {:?}\n  produced instead: {:?}",
                s.name,
                s.locale,
                100.0 * s.recall(),
                100.0 * s.precision(),
                s.missed,
                s.spurious
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "held-out segmentation below the bar (fix the general rule, never the case):\n{}",
        failures.join("\n")
    );
}

/// Each gold segment must be text of its source, in order: the source with every line
/// break (and the indentation after it) dropped, or made one space, as the gold joins
/// hard-wrapped lines. A typo in the gold would otherwise score as a segmentation miss.
#[test]
fn gold_segments_are_text_of_their_sources_in_order() {
    let mut checked = 0;
    for gold in heldout::golds() {
        for locale in ["ja", "en"] {
            let path = if locale == "ja" {
                Some(&gold.ja)
            } else {
                gold.en.as_ref()
            };
            let Some(path) = path else { continue };
            let source = std::fs::read_to_string(path).unwrap();
            let flattened: Vec<String> = ["", " "]
                .iter()
                .map(|joint| {
                    let lines: Vec<&str> = source
                        .lines()
                        .map(|line| line.trim_start_matches([' ', '\t', '\u{3000}']))
                        .collect();
                    lines.join(joint)
                })
                .collect();
            let mut positions = vec![0usize; flattened.len()];
            for text in gold.segments(locale) {
                let mut found = false;
                for (flat, position) in flattened.iter().zip(positions.iter_mut()) {
                    if let Some(at) = flat[*position..].find(text.as_str()) {
                        *position += at + text.len();
                        found = true;
                    }
                }
                assert!(
                    found,
                    "{} {locale}: gold segment not in {} (in this order): {text:?}",
                    gold.name(),
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "only {checked} gold segments checked");
}

/// The revised release's gold changes must turn each version's gold segments into the
/// next one's, and the behind / extra lists must name segments of the versions they
/// describe.
#[test]
fn revision_gold_is_consistent_with_the_gold_segments() {
    let golds = heldout::golds();
    let segments = |version: &str, locale: &str| -> Vec<String> {
        golds
            .iter()
            .find(|g| g.genre == "revised" && g.version == version)
            .unwrap_or_else(|| panic!("revised/gold.{version}.txt"))
            .segments(locale)
    };
    let sections = heldout::parse_revisions(&heldout::dir().join("revised/revisions.txt"));
    let mut transitions = 0;
    let mut statuses = 0;
    for section in &sections {
        let words: Vec<&str> = section
            .title
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            [locale, from, "->", to] => {
                let mut text = segments(from, locale);
                for entry in &section.entries {
                    match entry {
                        Entry::Removed(old) | Entry::Modified { from: old, .. } => {
                            let at = text.iter().position(|t| t == old).unwrap_or_else(|| {
                                panic!("[{}]: {old:?} is not in {from}", section.title)
                            });
                            match entry {
                                Entry::Modified { to: new, .. } => text[at] = new.clone(),
                                _ => {
                                    text.remove(at);
                                }
                            }
                        }
                        Entry::Added(_) => {}
                        Entry::Behind(_) | Entry::Extra(_) => {
                            panic!("[{}]: behind/extra in a change section", section.title)
                        }
                    }
                }
                let mut next = segments(to, locale);
                for entry in &section.entries {
                    if let Entry::Added(new) = entry {
                        let at = next.iter().position(|t| t == new).unwrap_or_else(|| {
                            panic!("[{}]: added {new:?} is not in {to}", section.title)
                        });
                        next.remove(at);
                    }
                }
                assert_eq!(
                    text, next,
                    "[{}]: the listed changes do not turn {from} into {to}",
                    section.title
                );
                transitions += 1;
            }
            ["status", "ja", ja, "en", en] => {
                let (ja, en) = (segments(ja, "ja"), segments(en, "en"));
                for entry in &section.entries {
                    match entry {
                        Entry::Behind(text) => assert!(ja.contains(text), "behind {text:?}"),
                        Entry::Extra(text) => assert!(en.contains(text), "extra {text:?}"),
                        other => panic!("[{}]: {other:?} in a status section", section.title),
                    }
                }
                statuses += 1;
            }
            _ => panic!("unknown section [{}]", section.title),
        }
    }
    assert_eq!((transitions, statuses), (3, 4));
}

mod normalize_tests {
    use super::normalize;

    #[test]
    fn markers_are_removed_and_ordinals_kept() {
        assert_eq!(
            normalize("・申込期限：令和7年2月7日"),
            "申込期限：令和7年2月7日"
        );
        assert_eq!(normalize(". Registration form: x"), "Registration form: x");
        assert_eq!(normalize("  • We support it."), "We support it.");
        assert_eq!(normalize("（１）固定電話"), "固定電話");
        assert_eq!(normalize("(2) Mobile phones"), "Mobile phones");
        assert_eq!(normalize("（注1）BWAは、"), "BWAは、");
        assert_eq!(normalize("Note 1: BWA refers"), "BWA refers");
        assert_eq!(normalize("Note: The Council"), "The Council");
        assert_eq!(normalize("Notes on the data"), "Notes on the data");
        assert_eq!(normalize("※1　会場の都合"), "会場の都合");
        assert_eq!(normalize("*1 Due to"), "Due to");
        assert_eq!(normalize("1.1　ネットワーク"), "ネットワーク");
        assert_eq!(normalize("1. Overview"), "Overview");
        assert_eq!(normalize("１．日時"), "日時");
        assert_eq!(normalize("第1章　データ流通"), "データ流通");
        assert_eq!(normalize("第1章で整理した"), "第1章で整理した");
        assert_eq!(normalize("第12回デジタル"), "第12回デジタル");
        assert_eq!(normalize("第2条第3項の"), "第2条第3項の");
        assert_eq!(normalize("（問合せ先）"), "（問合せ先）");
        assert_eq!(normalize("（参考）災害用"), "（参考）災害用");
        assert_eq!(normalize("1st Special"), "1st Special");
        assert_eq!(normalize("13:30-13:40  Opening"), "13:30-13:40 Opening");
        assert_eq!(normalize("2024 White Paper"), "2024 White Paper");
    }
}
