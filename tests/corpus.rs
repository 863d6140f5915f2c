//! The shipped corpus is a test: every source text segments and rebuilds byte for byte, and the
//! seed release is shipped verbatim.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and benchmarks: a failure here is a failed run, not a crash on user data"
)]

mod common;

use std::fs;

use common::repo;
use honyaku::locale::Locale;
use honyaku::segment::segment;

#[test]
fn every_shipped_document_rebuilds_byte_for_byte() {
    let mut checked = 0;
    for locale_dir in fs::read_dir(repo().join("source_texts")).unwrap().flatten() {
        let locale: Locale = locale_dir.file_name().to_str().unwrap().parse().unwrap();
        for file in fs::read_dir(locale_dir.path()).unwrap().flatten() {
            let text = fs::read_to_string(file.path()).unwrap();
            let document = segment(text.clone(), &locale);
            assert_eq!(document.rebuild(), text, "{}", file.path().display());
            assert!(!document.segments.is_empty(), "{}", file.path().display());
            for s in &document.segments {
                assert_eq!(
                    s.text.trim(),
                    s.text,
                    "untrimmed segment in {}",
                    file.path().display()
                );
                assert!(
                    !s.text.contains('\n'),
                    "unjoined wrap in {}",
                    file.path().display()
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 6,
        "expected the three bilingual releases, found {checked} files"
    );
}

#[test]
fn the_seed_is_shipped_verbatim() {
    let Some(seed) = common::shared("seeds/000_983929923979ac59.txt") else {
        return;
    };
    let expected = fs::read(&seed).unwrap();
    let shipped =
        fs::read(repo().join("source_texts/en/2020-05-01-g20-digital-economy.txt")).unwrap();
    assert_eq!(shipped, expected);
}
