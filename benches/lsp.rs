//! Benchmark of `honyaku lsp` on a 2,000-message French catalog: the time from a change
//! (one character typed in a translation) to its diagnostics, and the time to answer a
//! hover, each over many samples with the median, 95th percentile and maximum printed.
//! Figures go into BENCHMARKS.md; nothing here asserts a time.
//! Run: `cargo bench --bench lsp`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

mod common;
#[path = "../tests/common/rng.rs"]
mod rng;

use std::fmt::Write as _;
use std::fs;
use std::time::{Duration, Instant};

use common::percentile;
use lsp_server::{Message, Notification, Request};
use rng::Lcg;
use serde_json::json;

use honyaku::figures::MONTHS;
use honyaku::lsp::Server;

const MESSAGES: usize = 2_000;
const CHANGES: usize = 200;
const HOVERS: usize = 1_000;

/// A release of `MESSAGES` one-sentence paragraphs in Japanese and English.
fn sources() -> (String, String) {
    let (mut ja, mut en) = (String::new(), String::new());
    for i in 0..MESSAGES {
        let (month, day, count) = (i % 12 + 1, i % 28 + 1, i * 7 % 900 + 3);
        let _ = writeln!(
            ja,
            "第{i}回の検討会は令和3年{month}月{day}日に開催され、{count}件の意見が提出されました。\n"
        );
        let _ = writeln!(
            en,
            "Meeting {i} of the study group was held on {} {day}, 2021, and {count} comments were submitted.\n",
            MONTHS[month - 1]
        );
    }
    (ja, en)
}

fn show(name: &str, samples: &mut [Duration]) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: n={} median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        samples.len(),
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.95)),
        ms(percentile(samples, 1.0)),
    );
}

fn notification(method: &str, params: serde_json::Value) -> Message {
    Message::Notification(Notification {
        method: method.to_owned(),
        params,
    })
}

fn request(id: i32, method: &str, params: serde_json::Value) -> Message {
    Message::Request(Request {
        id: id.into(),
        method: method.to_owned(),
        params,
    })
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (ja, en) = sources();
    for (locale, text) in [("ja", &ja), ("en", &en)] {
        fs::create_dir_all(root.join("source_texts").join(locale)).unwrap();
        fs::write(root.join(format!("source_texts/{locale}/big.txt")), text).unwrap();
    }
    fs::create_dir_all(root.join("locales/fr")).unwrap();
    let started = Instant::now();
    let (project, _) = honyaku::project::Project::open(root).unwrap();
    honyaku::catalog::sync(&project, true).unwrap();
    println!(
        "setup: sync of the 2,000-message document took {:.2?}",
        started.elapsed()
    );
    // Translate every slot: the English with a few words in French, figures kept.
    let catalog = root.join("locales/fr/big.ftl");
    let mut translated = String::new();
    let mut english = String::new();
    for line in fs::read_to_string(&catalog).unwrap().lines() {
        if let Some(text) = line.strip_prefix("# en: ") {
            english = text.to_owned();
        }
        match line.strip_prefix("# ").and_then(|l| l.strip_suffix(" =")) {
            Some(id) if !id.contains(' ') => {
                let french = english
                    .replace("Meeting", "La réunion")
                    .replace(
                        "of the study group was held on",
                        "du groupe d'étude s'est tenue le",
                    )
                    .replace("and", "et")
                    .replace("comments were submitted", "commentaires ont été soumis");
                let _ = writeln!(translated, "{id} = {french}");
            }
            _ => {
                translated.push_str(line);
                translated.push('\n');
            }
        }
    }
    fs::write(&catalog, &translated).unwrap();
    let uri = format!("file://{}", catalog.display());
    let value_lines: Vec<usize> = translated
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(" = La réunion"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(value_lines.len(), MESSAGES, "every message translated");

    let mut server = Server::new();
    server.handle(request(0, "initialize", json!({ "capabilities": {} })));
    server.handle(notification("initialized", json!({})));
    let started = Instant::now();
    let step = server.handle(notification(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "fluent", "version": 1, "text": translated } }),
    ));
    println!(
        "first open (plans the document: segmentation, alignment): {:.2?}",
        started.elapsed()
    );
    let diagnostics = step.out[0]["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    println!("diagnostics after open: {diagnostics}");

    let mut rng = Lcg(7);
    let mut changes = Vec::with_capacity(CHANGES);
    let mut last = 0;
    for version in 0..CHANGES {
        let line = if version % 2 == 0 {
            value_lines[rng.below(value_lines.len())]
        } else {
            last
        };
        last = line;
        // Type a letter at the start of a translation, and delete it on the next change.
        let at = translated.lines().nth(line).unwrap().find(" = ").unwrap() + 3;
        let (end, typed) = if version % 2 == 0 {
            (at, "x")
        } else {
            (at + 1, "")
        };
        let range = json!({
            "start": { "line": line, "character": at },
            "end": { "line": line, "character": end },
        });
        let started = Instant::now();
        let step = server.handle(notification(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version + 2 },
                "contentChanges": [{ "range": range, "text": typed }],
            }),
        ));
        changes.push(started.elapsed());
        assert_eq!(step.out[0]["method"], "textDocument/publishDiagnostics");
        if version % 2 == 1 {
            // Back to the translated text: no new diagnostics.
            let now = step.out[0]["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .len();
            assert_eq!(now, diagnostics, "diagnostics back to the start");
        }
    }
    show("diagnostics after a change (2,000 messages)", &mut changes);

    let mut hovers = Vec::with_capacity(HOVERS);
    for id in 0..HOVERS {
        let line = value_lines[rng.below(value_lines.len())];
        let started = Instant::now();
        let step = server.handle(request(
            i32::try_from(id).unwrap() + 1,
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": 2 } }),
        ));
        hovers.push(started.elapsed());
        assert!(step.out[0]["result"]["contents"]["value"].is_string());
    }
    show("hover", &mut hovers);
}
