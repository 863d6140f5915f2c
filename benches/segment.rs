//! Segmentation throughput: `sentence::split` over ~10 MB of English and of Japanese
//! press-release paragraphs, the full `segment::segment` (block reader, markers, wraps and
//! sentences) over the same text laid out as documents, and beside them a plain UAX #29 pass
//! (`icu_segmenter`) on the same text, so a rule change that slows either shows up as MB/s.
//!
//! Run with `cargo bench --bench segment`; the headline figure is the median of the runs. Paragraphs are the non-empty lines of
//! `source_texts/<locale>/*.txt` (one paragraph per line there), repeated up to the target
//! size; built-in sample paragraphs stand in when a directory has no texts.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use honyaku::locale::Locale;
use honyaku::segment::{segment, sentence};
use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;

const TARGET_BYTES: usize = 10 * 1024 * 1024;
const RUNS: usize = 9;

const SAMPLE_EN: &[&str] = &[
    "An extraordinary G20 digital economy ministerial meeting was held in the form of a video \
     conference on April 30, 2020. In addition to leaders of G20 member countries, invited \
     countries and related international organizations (the ITU and OECD) participated.",
    "He pointed out: (1) It would be important to promote data utilization after ensuring \
     privacy. (2) Security should be ensured. (3) Effective measures should be taken.",
    "A total of approx. 36.5 billion yen was appropriated (MIC Ordinance No. 23 of 2021). \
     Comments must arrive by 5:00 p.m. on Monday. E-mail: info@example.go.jp.",
];

const SAMPLE_JA: &[&str] = &[
    "令和2年4月30日（木）、G20デジタル経済大臣臨時会合がテレビ会議形式で開催されました。\
     我が国からは、寺田稔総務副大臣が出席しました。",
    "総務省は、「5G地域展開推進プラン」（以下「本プラン」といいます。）を策定しました。\
     5G人口カバー率は約３．２９％です。詳細はhttps://www.soumu.go.jp/を参照してください。",
    "寺田副大臣からは、（１）データの利活用を推進することが重要であること、\
     （２）セキュリティを確保すべきであることを指摘しました。",
];

/// Paragraphs of one locale's source texts, repeated to about `TARGET_BYTES`.
fn corpus(tag: &str, samples: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("source_texts")
        .join(tag);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut base: Vec<String> = files
        .iter()
        .filter_map(|path| fs::read_to_string(path).ok())
        .flat_map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    if base.is_empty() {
        println!(
            "{tag}: no texts in {}, using built-in samples",
            dir.display()
        );
        base = samples.iter().map(|s| (*s).to_owned()).collect();
    }
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < TARGET_BYTES {
        for paragraph in &base {
            size += paragraph.len();
            paragraphs.push(paragraph.clone());
        }
    }
    paragraphs
}

/// Wall times of `pass` over all paragraphs, one per run.
fn time(paragraphs: &[String], pass: impl Fn(&str) -> usize) -> Duration {
    let started = Instant::now();
    let count: usize = paragraphs.iter().map(|p| pass(black_box(p))).sum();
    black_box(count);
    started.elapsed()
}

/// Median and best of `times`, as MB/s. The best run is the one least disturbed by other
/// processes on a shared machine; the median is the headline figure.
fn rates(megabytes: f64, mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let rate = |t: Duration| megabytes / t.as_secs_f64();
    (rate(times[times.len() / 2]), rate(times[0]))
}

fn main() {
    let icu = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    println!(
        "{:<7} {:>6} {:>10} {:>24} {:>26} {:>24}",
        "locale",
        "MB",
        "sentences",
        "split MB/s median (best)",
        "segment MB/s median (best)",
        "UAX #29 MB/s median (best)"
    );
    for (tag, samples) in [("en", SAMPLE_EN), ("ja", SAMPLE_JA)] {
        let Ok(locale) = tag.parse::<Locale>() else {
            eprintln!("{tag}: not a locale tag");
            continue;
        };
        let paragraphs = corpus(tag, samples);
        let megabytes = paragraphs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let sentences: usize = paragraphs
            .iter()
            .map(|p| sentence::split(p, &locale).len())
            .sum();
        // Releases of about forty paragraphs, blank lines between them.
        let documents: Vec<String> = paragraphs.chunks(40).map(|c| c.join("\n\n")).collect();
        // Interleaved, so that load from other processes hits all three alike.
        let (mut ours, mut full, mut uax29) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            ours.push(time(&paragraphs, |p| sentence::split(p, &locale).len()));
            full.push(time(&documents, |d| {
                segment(d.to_owned(), &locale).segments.len()
            }));
            uax29.push(time(&paragraphs, |p| icu.segment_str(p).count()));
        }
        let (ours, ours_best) = rates(megabytes, ours);
        let (full, full_best) = rates(megabytes, full);
        let (uax29, uax29_best) = rates(megabytes, uax29);
        println!(
            "{tag:<7} {megabytes:>6.1} {sentences:>10} {:>24} {:>26} {:>24}",
            format!("{ours:.1} ({ours_best:.1})"),
            format!("{full:.1} ({full_best:.1})"),
            format!("{uax29:.1} ({uax29_best:.1})"),
        );
    }
}
