//! Accuracy harness: the pragmatic-segmenter golden rules (English and Japanese) run through
//! the full segmenter, scored against pySBD's published results, so a rule change that
//! loses a case fails CI.
//!
//! Reads `bench/golden_{en,ja}.json` from the shared data (`../shared` relative to the crate
//! root, or `$HONYAKU_SHARED`) and skips (with a message) when they are absent, except under
//! `CI=true`, where that fails (`common::shared`). Run with
//! `HONYAKU_SHARED=/work/shared cargo test --test golden_rules -- --nocapture` to see the table.

#![allow(
    clippy::panic,
    reason = "test helpers: a failure here is a failed test"
)]

mod common;

use std::fs;

use honyaku::locale::Locale;
use honyaku::segment::{Document, segment, sentence};
use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    name: String,
    text: String,
    expected: Vec<String>,
    #[serde(default)]
    in_pysbd48: bool,
}

/// Scores this code must keep: passes on the full segmenter and on `split` alone.
/// Raise them when a change gains a case; never lower them to make a change pass.
const FLOOR_EN_PYSBD48: usize = 48;
const FLOOR_EN_ALL: usize = 52;
const FLOOR_JA_ALL: usize = 9;
const FLOOR_SPLIT_EN: usize = 49;
const FLOOR_SPLIT_JA: usize = 4;

fn load(name: &str) -> Option<Vec<Case>> {
    let path = common::shared(&format!("bench/{name}"))?;
    let json = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The sentences a reader sees, each as pySBD would print it. The segmenter moves list and
/// note markers (`1.）`, `※1`, `•`) into the skeleton, but the golden rules keep them in the
/// sentence, so a block's first segment gets its marker back, with the source bytes between.
fn pipeline_sentences(text: &str, locale: &Locale) -> Vec<String> {
    let document: Document = segment(text.to_owned(), locale);
    let mut sentences = Vec::new();
    for (index, seg) in document.segments.iter().enumerate() {
        let first_in_block = index == 0 || document.segments[index - 1].block != seg.block;
        let marker = document.blocks[seg.block].marker.clone().map(|m| m.span);
        let sentence = match marker {
            Some(marker) if first_in_block && marker.end <= seg.span.start => {
                format!(
                    "{}{}",
                    &document.source[marker.start..seg.span.start],
                    seg.text
                )
            }
            _ => seg.text.clone(),
        };
        let trimmed = sentence.trim();
        if !trimmed.is_empty() {
            sentences.push(trimmed.to_owned());
        }
    }
    sentences
}

/// Plain UAX #29 sentence breaks, for comparison only.
fn uax29_sentences(text: &str) -> Vec<String> {
    let breaks: Vec<usize> = SentenceSegmenter::new(SentenceBreakInvariantOptions::default())
        .segment_str(text)
        .collect();
    breaks
        .windows(2)
        .map(|w| text[w[0]..w[1]].trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn split_sentences(text: &str, locale: &Locale) -> Vec<String> {
    sentence::split(text, locale)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

struct Score {
    passed: usize,
    total: usize,
}

fn score<'c>(
    cases: impl Iterator<Item = &'c Case>,
    run: impl Fn(&str) -> Vec<String>,
    failures: &mut Vec<String>,
) -> Score {
    let mut score = Score {
        passed: 0,
        total: 0,
    };
    for case in cases {
        score.total += 1;
        let got = run(&case.text);
        if got == case.expected {
            score.passed += 1;
        } else {
            let failure = format!(
                "{} {}\n    text:     {:?}\n    expected: {:?}\n    got:      {:?}",
                case.id, case.name, case.text, case.expected, got
            );
            if !failures.contains(&failure) {
                failures.push(failure);
            }
        }
    }
    score
}

#[test]
fn golden_rules_scores() {
    let (Some(en_cases), Some(ja_cases)) = (load("golden_en.json"), load("golden_ja.json")) else {
        return;
    };
    let en: Locale = "en".parse().unwrap();
    let ja: Locale = "ja".parse().unwrap();
    let single_line = |case: &&Case| !case.text.trim_end().contains('\n');
    let mut failures = Vec::new();
    let rows = [
        (
            "English, pySBD 48 set (segment)",
            score(
                en_cases.iter().filter(|c| c.in_pysbd48),
                |t| pipeline_sentences(t, &en),
                &mut failures,
            ),
            "47",
            FLOOR_EN_PYSBD48,
        ),
        (
            "English, all cases (segment)",
            score(
                en_cases.iter(),
                |t| pipeline_sentences(t, &en),
                &mut failures,
            ),
            "-",
            FLOOR_EN_ALL,
        ),
        (
            "Japanese, all cases (segment)",
            score(
                ja_cases.iter(),
                |t| pipeline_sentences(t, &ja),
                &mut failures,
            ),
            "7",
            FLOOR_JA_ALL,
        ),
        (
            "English, one-line cases (split)",
            score(
                en_cases.iter().filter(single_line),
                |t| split_sentences(t, &en),
                &mut failures,
            ),
            "-",
            FLOOR_SPLIT_EN,
        ),
        (
            "Japanese, one-line cases (split)",
            score(
                ja_cases.iter().filter(single_line),
                |t| split_sentences(t, &ja),
                &mut failures,
            ),
            "-",
            FLOOR_SPLIT_JA,
        ),
    ];
    let mut ignored = Vec::new();
    let uax29 = [
        score(
            en_cases.iter().filter(single_line),
            uax29_sentences,
            &mut ignored,
        ),
        score(
            ja_cases.iter().filter(single_line),
            uax29_sentences,
            &mut ignored,
        ),
    ];
    println!(
        "\n{:<36} {:>9} {:>7} {:>7}",
        "golden rules", "honyaku", "pySBD", "floor"
    );
    for (label, score, pysbd, floor) in &rows {
        let ours = format!("{}/{}", score.passed, score.total);
        println!("{label:<36} {ours:>9} {pysbd:>7} {floor:>7}");
    }
    println!(
        "(plain UAX #29 on the one-line cases: English {}/{}, Japanese {}/{})",
        uax29[0].passed, uax29[0].total, uax29[1].passed, uax29[1].total
    );
    if !failures.is_empty() {
        println!("\nfailures:");
        for failure in &failures {
            println!("  {failure}");
        }
    }
    for (label, score, _, floor) in &rows {
        assert!(
            score.passed >= *floor,
            "{label}: {}/{} is below the floor {floor}",
            score.passed,
            score.total
        );
    }
}
