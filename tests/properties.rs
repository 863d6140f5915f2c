//! proptest versions of the four fuzz properties (segmentation rebuilds byte for byte, `.ftl`
//! entries round-trip, alignment covers every segment once, diffs account for every segment
//! with consistent kinds), on text cut from the shipped corpus and on arbitrary strings. The
//! checks themselves are the fuzz crate's (`fuzz/src/lib.rs`), included here so CI runs them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed property, not a crash on user data"
)]

mod common;
#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code, reason = "the fuzz entry points are for cargo-fuzz only")]
mod invariants;

use std::fs;
use std::sync::OnceLock;

use proptest::prelude::*;

use honyaku::locale::Locale;
use honyaku::segment;

/// The shipped source texts, Japanese and English.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut texts = Vec::new();
        for lang in ["ja", "en"] {
            let dir = common::repo().join("source_texts").join(lang);
            let mut paths: Vec<_> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            texts.extend(paths.iter().map(|p| fs::read_to_string(p).unwrap()));
        }
        assert!(texts.len() >= 2, "the corpus ships texts");
        texts
    })
}

/// The largest char boundary of `text` at or below `at`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A slice of a corpus text, with line endings switched to CRLF in part of it when `crlf`.
fn corpus_slice() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<usize>(),
        0usize..3000,
        any::<bool>(),
    )
        .prop_map(|(file, start, len, crlf)| {
            let text = file.get(corpus());
            let start = floor(text, start % (text.len() + 1));
            let end = floor(text, start + len);
            let slice = &text[start..end];
            if crlf {
                let half = floor(slice, slice.len() / 2);
                format!("{}{}", &slice[..half].replace('\n', "\r\n"), &slice[half..])
            } else {
                slice.to_owned()
            }
        })
}

/// Short texts dense in what the rules look at: terminators, brackets, markers, numbers,
/// blank lines, CR, full-width space, Fluent syntax.
fn tricky() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 。、．.!?！？「」『』（）()\n\r\t・※　第章1-9一二三*#{}\"\\\\\u{200B}\u{FEFF}\u{3000}:：/-]{0,120}"
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![corpus_slice(), tricky(), any::<String>()]
}

fn ja() -> Locale {
    "ja".parse().unwrap()
}

fn en() -> Locale {
    "en".parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn segmentation_rebuilds_byte_for_byte(text in text()) {
        invariants::check_segment(&text);
    }

    #[test]
    fn ftl_entries_round_trip(
        id in "[a-zA-Z][a-zA-Z0-9_-]{0,12}",
        text in prop_oneof![tricky(), any::<String>(), corpus_slice()],
    ) {
        invariants::check_ftl_round_trip(&id, &text);
    }

    #[test]
    fn alignment_puts_every_segment_in_one_bead(a in text(), b in text()) {
        let a = segment::segment(a, &ja());
        let b = segment::segment(b, &en());
        invariants::check_align(&a, &ja(), &b, &en());
    }

    #[test]
    fn diff_accounts_for_every_segment(
        old in prop::collection::vec("[a-e ]{0,12}|[あいう。]{1,6}|[0-9.,]{1,5}", 0..24),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[a-e0-9 ]{0,6}"), 0..8),
        japanese in any::<bool>(),
    ) {
        // The new revision is the old one edited, so unchanged, moved, split and merged
        // segments all occur, not only additions and removals.
        let mut new = old.clone();
        for (at, op, piece) in edits {
            if new.is_empty() {
                new.push(piece);
                continue;
            }
            let i = at.index(new.len());
            match op {
                0 => new[i].push_str(&piece),
                1 => { new.remove(i); }
                2 => new.insert(i, piece),
                _ => {
                    let moved = new.remove(i);
                    new.push(moved);
                }
            }
        }
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        invariants::check_diff(&old, &new, &if japanese { ja() } else { en() });
    }
}

proptest! {
    // Diffing two unrelated releases pairs every gap by similarity: slow in a debug build.
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn diff_of_segmented_corpus_slices(old in corpus_slice(), new in corpus_slice()) {
        let locale = ja();
        let old = segment::segment(old, &locale);
        let new = segment::segment(new, &locale);
        let texts = |d: &segment::Document| d.segments.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
        let (old, new) = (texts(&old), texts(&new));
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        invariants::check_diff(&old, &new, &locale);
    }
}

/// The properties hold on every shipped release as a whole, and the checks can fail:
/// a hand-made wrong answer is caught.
#[test]
fn whole_corpus_holds_and_a_broken_round_trip_is_caught() {
    for text in corpus() {
        invariants::check_segment(text);
    }
    let (ja_text, en_text) = (&corpus()[0], &corpus()[corpus().len() / 2]);
    let a = segment::segment(ja_text.clone(), &ja());
    let b = segment::segment(en_text.clone(), &en());
    invariants::check_align(&a, &ja(), &b, &en());
    let caught = std::panic::catch_unwind(|| {
        invariants::check_ftl_round_trip("a", "x");
        invariants::check_ftl_round_trip("1bad", "x");
    });
    assert!(
        caught.is_err(),
        "an id Fluent cannot read must fail the round trip"
    );
}

/// Regression inputs found by `scripts/fuzz.sh`, each once a panic.
#[test]
fn fuzz_regressions() {
    // segment: a long digit run where a list marker may start overflowed its value
    // (`attempt to multiply with overflow` in sentence::marker_at).
    for text in [
        "99999999999. Item\n",
        "本文です。(12345678901234567890) 続き。\n",
        "March 26, 2021\n\nThe plan. 4294967296 units were sold.\n",
    ] {
        invariants::check_segment(text);
    }
}
