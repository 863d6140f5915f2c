//! Benchmark of `diff` on two synthetic 5,000-segment revisions (edits, inserts, deletes,
//! moves), so that matching stays far from quadratic. Run: `cargo bench --bench diff`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

#[path = "../tests/common/rng.rs"]
mod rng;

use rng::Lcg;
use std::time::{Duration, Instant};

use honyaku::diff::{Side, diff};
use honyaku::locale::Locale;

const SEGMENTS: usize = 5_000;
const RUNS: usize = 9;

const WORDS: [&str; 40] = [
    "ministry",
    "meeting",
    "digital",
    "economy",
    "statement",
    "countries",
    "regions",
    "cooperation",
    "infrastructure",
    "deployment",
    "regional",
    "plan",
    "comments",
    "draft",
    "measures",
    "support",
    "review",
    "regulations",
    "promotion",
    "utilization",
    "budget",
    "local",
    "government",
    "services",
    "network",
    "base",
    "stations",
    "coverage",
    "target",
    "prefecture",
    "schedule",
    "briefing",
    "sessions",
    "online",
    "telework",
    "education",
    "security",
    "privacy",
    "data",
    "communications",
];

fn sentence(rng: &mut Lcg) -> String {
    let len = 8 + rng.below(20);
    let mut words: Vec<String> = (0..len)
        .map(|_| WORDS[rng.below(WORDS.len())].to_owned())
        .collect();
    words.insert(rng.below(len), rng.below(100_000).to_string());
    let mut text = words.join(" ");
    text.push('.');
    text
}

fn revisions() -> (Vec<String>, Vec<String>) {
    let mut rng = Lcg(0x5eed);
    let old: Vec<String> = (0..SEGMENTS).map(|_| sentence(&mut rng)).collect();
    let mut new = Vec::with_capacity(SEGMENTS + SEGMENTS / 20);
    let mut moved = Vec::new();
    for text in &old {
        match rng.below(100) {
            0..=4 => {
                // Edit: change one word and the number.
                let mut words: Vec<&str> = text.split(' ').collect();
                let at = rng.below(words.len());
                words[at] = WORDS[rng.below(WORDS.len())];
                new.push(words.join(" ").replace(char::is_numeric, "7"));
            }
            5..=6 => {}
            7..=8 => {
                new.push(text.clone());
                new.push(sentence(&mut rng));
            }
            9 => moved.push(text.clone()),
            _ => new.push(text.clone()),
        }
        if !moved.is_empty() && rng.below(50) == 0 {
            let at = rng.below(new.len());
            new.insert(at, moved.remove(0));
        }
    }
    new.extend(moved);
    (old, new)
}

fn sides(texts: &[String]) -> Vec<Side<'_>> {
    // Sentences without paragraphs: one passage, where any move may come with an edit.
    texts.iter().map(|text| Side::new(text, 0)).collect()
}

fn main() {
    let (old, new) = revisions();
    let (old_sides, new_sides) = (sides(&old), sides(&new));
    let Ok(locale) = "en".parse::<Locale>() else {
        return;
    };
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut entries = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        entries = diff(&old_sides, &new_sides, &locale).len();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "diff: {} old / {} new segments → {entries} entries; median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs",
        old.len(),
        new.len(),
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
    );
}
