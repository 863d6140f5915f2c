//! Benchmark of the translation memory at the 5,000-document scale (about 300,000 remembered
//! segments in one locale), without the documents: the remembered units are generated from
//! ministry phrasing (a few hundred patterns, numbers, dates and era years varied), so the
//! figures measure the index, not segmentation or alignment. Prints the time to index the
//! memory from scratch and the median, 99th percentile and maximum of a lookup, for queries
//! that are exact repeats, figure changes, one-word edits and new sentences, and the
//! incremental update a sync makes when 10% of the units are new (see `memory::notes`).
//! Figures go into BENCHMARKS.md; nothing here asserts a time.
//! Run: `cargo bench --bench memory` (or `cargo bench --profile dev --bench memory` for a
//! debug build; say which in BENCHMARKS.md).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

mod common;
#[path = "../tests/common/rng.rs"]
mod rng;

use std::time::Instant;

use common::percentile;
use rng::Lcg;

use honyaku::locale::Locale;
use honyaku::memory::{Keys, Memory, Open, Options, Origin, Unit, Want};

const UNITS: usize = 300_000;
const QUERIES: usize = 300;

const SUBJECTS: [&str; 24] = [
    "情報通信審議会",
    "電波政策懇談会",
    "有識者会議",
    "検討会",
    "作業部会",
    "研究会",
    "地方公共団体",
    "関係省庁",
    "事業者",
    "利用者",
    "総務大臣",
    "総務副大臣",
    "大臣政務官",
    "消防庁",
    "統計局",
    "行政評価局",
    "郵政行政部",
    "電気通信事業者協会",
    "放送事業者",
    "国際機関",
    "自治体",
    "委員会",
    "審査会",
    "分科会",
];
const OBJECTS: [&str; 20] = [
    "報告書",
    "答申",
    "意見",
    "資料",
    "議事概要",
    "調査結果",
    "基本方針",
    "実施要領",
    "予算案",
    "改正案",
    "ガイドライン",
    "行動計画",
    "統計表",
    "評価結果",
    "審議状況",
    "募集要項",
    "交付要綱",
    "工程表",
    "中間取りまとめ",
    "最終報告",
];
const VERBS: [&str; 12] = [
    "公表します",
    "取りまとめました",
    "決定しました",
    "募集します",
    "掲載しました",
    "提出しました",
    "開始します",
    "改定しました",
    "策定しました",
    "公開しました",
    "受け付けます",
    "実施します",
];
const FRAMES: [&str; 8] = [
    "令和{y}年{m}月{d}日、{s}は{o}を{v}。",
    "第{n}回{s}において、{o}を{v}。",
    "{s}の{o}について、{c}件の意見が寄せられました。",
    "令和{y}年度の{o}を{v}。",
    "{s}は、{o}に関し、令和{y}年{m}月{d}日まで{v}。",
    "{o}の詳細は別紙のとおりです（{s}）。",
    "{s}が{o}を{v}（第{n}回）。",
    "本件の{o}は、{s}のホームページに掲載しています。",
];

fn sentence(rng: &mut Lcg) -> String {
    let frame = FRAMES[rng.below(FRAMES.len())];
    frame
        .replace("{y}", &(rng.below(7) + 1).to_string())
        .replace("{m}", &(rng.below(12) + 1).to_string())
        .replace("{d}", &(rng.below(28) + 1).to_string())
        .replace("{n}", &(rng.below(60) + 1).to_string())
        .replace("{c}", &(rng.below(5000) + 1).to_string())
        .replace("{s}", SUBJECTS[rng.below(SUBJECTS.len())])
        .replace("{o}", OBJECTS[rng.below(OBJECTS.len())])
        .replace("{v}", VERBS[rng.below(VERBS.len())])
}

/// The CPU time this process has used (user and system, all threads), from
/// `/proc/self/stat` (Linux; clock ticks of 1/100 s): tells the work apart from the wait on
/// a loaded machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let locale: Locale = "fr".parse().unwrap();
    let keys = Keys {
        original: "ja".parse().unwrap(),
        pivot: None,
    };
    let mut rng = Lcg(2026);
    let units: Vec<Unit> = (0..UNITS)
        .map(|i| {
            let original = sentence(&mut rng);
            Unit {
                translation: format!("traduction de « {original} »"),
                original: Some(original),
                pivot: None,
                origin: Origin {
                    document: format!("doc-{}", i / 60),
                    id: format!("s{}", i % 60),
                    obsolete: false,
                    stale: false,
                },
            }
        })
        .collect();
    let distinct: std::collections::HashSet<&str> =
        units.iter().filter_map(|u| u.original.as_deref()).collect();
    // The units are handed over as a sync hands them (owned); copying them is not indexing.
    let input = units.clone();
    let cpu = cpu_seconds();
    let started = Instant::now();
    let memory = Memory::new(&locale, &keys, input);
    let build = started.elapsed();
    let cpu = cpu_seconds().zip(cpu).map(|(after, before)| after - before);
    println!(
        "memory: {UNITS} units, {} distinct pairs ({} distinct sources), indexed from scratch in {:.3} s ({} threads; CPU time {})",
        memory.units(),
        distinct.len(),
        build.as_secs_f64(),
        rayon::current_num_threads(),
        cpu.map_or("unknown".to_owned(), |c| format!("{c:.2} s")),
    );
    let options = Options::default();
    for (kind, make) in [
        ("exact repeat", 0usize),
        ("figures changed", 1),
        ("new sentence", 2),
    ] {
        let mut times = Vec::with_capacity(QUERIES);
        let mut with = 0;
        let mut rng = Lcg(7 + make as u64);
        for q in 0..QUERIES {
            let text = match make {
                0 => units[rng.below(UNITS)].original.clone().unwrap(),
                1 => {
                    let base = units[rng.below(UNITS)].original.clone().unwrap();
                    base.replacen(char::is_numeric, "9", 1)
                }
                _ => format!("{}、{}", sentence(&mut rng), sentence(&mut rng)),
            };
            let open = Open {
                document: "new".to_owned(),
                id: format!("q{q}"),
                want: Want::Missing,
                original: Some(text),
                pivot: None,
            };
            let started = Instant::now();
            let found = memory.suggest(&open, &options);
            times.push(started.elapsed());
            with += usize::from(!found.suggestions.is_empty());
        }
        times.sort();
        println!(
            "lookup, {kind}: {QUERIES} queries, {with} with suggestions: median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3
        );
    }
    // The incremental update a sync does after 10% of the documents changed: the new units
    // alone are indexed, and every cached open entry is looked up there (an entry that finds
    // nothing keeps its lines; see memory::notes). Open entries: one in ten units' sources.
    let added: Vec<Unit> = units
        .iter()
        .take(UNITS / 10)
        .map(|u| Unit {
            translation: format!("{} (révisée)", u.translation),
            ..u.clone()
        })
        .collect();
    let started = Instant::now();
    let delta = Memory::new(&locale, &keys, added);
    let indexed = started.elapsed();
    let opens: Vec<Open> = units
        .iter()
        .step_by(10)
        .enumerate()
        .map(|(k, u)| Open {
            document: "open".to_owned(),
            id: format!("o{k}"),
            want: Want::Missing,
            original: u.original.clone(),
            pivot: None,
        })
        .collect();
    let mut times = Vec::with_capacity(QUERIES);
    let mut touched = 0;
    for open in opens.iter().take(QUERIES) {
        let started = Instant::now();
        touched += usize::from(!delta.suggest(open, &options).suggestions.is_empty());
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "incremental update: {} new units indexed in {:.3} s; {QUERIES} of {} open entries checked against them: median {:.3} ms, p99 {:.3} ms ({touched} need a new lookup)",
        UNITS / 10,
        indexed.as_secs_f64(),
        opens.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
    );
}
