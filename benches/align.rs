//! Times `honyaku::align::align` on a synthetic, deterministic 2,000-sentence ja/en pair
//! (headings, numbered list items, paragraphs with splits and merges, one-sided notes), to
//! hold the aligner to its budget of 100 ms in a release build. Prints the median of the runs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

#[path = "../tests/common/rng.rs"]
mod rng;

use rng::Lcg;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use honyaku::align;
use honyaku::locale::Locale;
use honyaku::segment;

const SENTENCES: usize = 2_000;
const RUNS: usize = 15;

fn ja_sentence(rng: &mut Lcg, n: usize) -> String {
    let body = "情報通信の利活用を推進するための施策を関係機関と連携して実施"
        .chars()
        .cycle();
    let len = 15 + rng.below(50);
    format!(
        "令和{}年度に{}件の{}しました。",
        n % 5 + 1,
        n,
        body.take(len).collect::<String>()
    )
}

fn en_sentence(rng: &mut Lcg, n: usize) -> String {
    let words = [
        "measures",
        "promote",
        "the",
        "use",
        "of",
        "information",
        "and",
        "communications",
        "with",
        "partners",
    ];
    let count = 8 + rng.below(20);
    let body: Vec<&str> = (0..count).map(|i| words[(i + n) % words.len()]).collect();
    format!(
        "In FY{}, {} cases of {} were handled.",
        2018 + n % 5 + 1,
        n,
        body.join(" ")
    )
}

/// Builds both texts: sections of a heading, a paragraph and a few list items.
fn pair() -> (String, String) {
    let mut rng = Lcg(2020);
    let (mut ja, mut en) = (String::new(), String::new());
    let mut n = 0;
    let mut section = 0;
    while n < SENTENCES {
        section += 1;
        let _ = writeln!(ja, "{section}．第{section}節の概要\n");
        let _ = writeln!(en, "{section}. Overview of section {section}\n");
        ja.push('　');
        en.push_str("  ");
        for _ in 0..6 {
            n += 1;
            let mut pair_rng = Lcg(n as u64);
            ja.push_str(&ja_sentence(&mut pair_rng, n));
            en.push_str(&en_sentence(&mut pair_rng, n));
            en.push(' ');
            if rng.below(10) == 0 {
                // A split: one Japanese sentence, two English ones.
                en.push_str("This was reported to the council. ");
            }
        }
        ja.push_str("\n\n");
        en.push_str("\n\n");
        if rng.below(8) == 0 {
            ja.push_str("※この節の数値は速報値です。\n\n");
        }
        for item in 1..=3 {
            n += 1;
            let mut pair_rng = Lcg(n as u64);
            let _ = writeln!(ja, "（{item}）{}", ja_sentence(&mut pair_rng, n));
            let _ = writeln!(en, "({item}) {}", en_sentence(&mut pair_rng, n));
        }
        ja.push('\n');
        en.push('\n');
    }
    (ja, en)
}

fn main() {
    let (ja_locale, en_locale): (Locale, Locale) = match ("ja".parse(), "en".parse()) {
        (Ok(ja), Ok(en)) => (ja, en),
        _ => return,
    };
    let (ja_text, en_text) = pair();
    let ja = segment::segment(ja_text, &ja_locale);
    let en = segment::segment(en_text, &en_locale);
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut beads = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        beads = align::align(&ja, &ja_locale, &en, &en_locale).len();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "align: {} ja / {} en segments -> {beads} beads, median {:.1} ms over {RUNS} runs (min {:.1} ms)",
        ja.segments.len(),
        en.segments.len(),
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
    );
}
