//! The four invariants honyaku's fuzz targets and its proptest suite (`tests/properties.rs`,
//! which includes this file) both check, so the two can never drift apart: each `check_*`
//! panics with a message naming the broken property, and each `fuzz_*` turns raw fuzzer
//! bytes into that check's input.

use std::collections::BTreeMap;

use honyaku::catalog::ftl::{self, EntryKind};
use honyaku::catalog::value::write_message;
use honyaku::diff::{self, ChangeKind, Side};
use honyaku::locale::Locale;
use honyaku::segment::{self, Document};

/// The two writing systems the segmenter has rules for.
pub const LOCALES: [&str; 2] = ["ja", "en"];

fn locale(tag: &str) -> Locale {
    tag.parse()
        .unwrap_or_else(|e| panic!("locale {tag}: {e:?}"))
}

/// Segmentation is lossless: skeleton plus segments rebuild the input byte for byte, and the
/// segments are in order, inside the text, on character boundaries and never overlap.
pub fn check_segment(text: &str) {
    for tag in LOCALES {
        let doc = segment::segment(text.to_owned(), &locale(tag));
        assert_eq!(doc.source, text, "{tag}: source kept");
        assert_eq!(doc.rebuild(), text, "{tag}: rebuild is byte-exact");
        let mut at = 0;
        for (index, seg) in doc.segments.iter().enumerate() {
            assert!(
                at <= seg.span.start && seg.span.start <= seg.span.end,
                "{tag}: segment {index} span {:?} overlaps or runs backwards (previous end {at})",
                seg.span
            );
            assert!(
                text.get(seg.span.clone()).is_some(),
                "{tag}: segment {index} span {:?} is not a char-boundary range of the text",
                seg.span
            );
            assert!(
                seg.block < doc.blocks.len(),
                "{tag}: segment {index} points at block {} of {}",
                seg.block,
                doc.blocks.len()
            );
            at = seg.span.end;
        }
    }
}

/// A Fluent identifier built from arbitrary bytes: `[a-zA-Z][a-zA-Z0-9_-]*`.
pub fn identifier(bytes: &[u8]) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    let mut id = String::new();
    id.push(char::from(
        FIRST[usize::from(bytes.first().copied().unwrap_or(0)) % FIRST.len()],
    ));
    for &b in bytes.iter().skip(1).take(32) {
        id.push(char::from(REST[usize::from(b) % REST.len()]));
    }
    id
}

/// What honyaku writes for a segment reads back as exactly that segment: one message, with
/// this id, whose value is the text.
pub fn check_ftl_round_trip(id: &str, text: &str) {
    let written = write_message(id, text);
    let file = match ftl::parse(&written) {
        Ok(file) => file,
        Err(errors) => panic!("written entry does not parse: {errors:?}\n{written}"),
    };
    assert_eq!(
        file.to_string(),
        written,
        "the parsed file writes back its bytes"
    );
    let messages: Vec<(&str, Option<&str>)> = file
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Message { id, value, .. } => Some((id.as_str(), value.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        messages,
        [(id, Some(text))],
        "round trip of {text:?} through\n{written}"
    );
}

/// Alignment never loses or duplicates a segment: every segment of either side is in exactly
/// one bead, indices inside a bead increase, no bead is empty and scores are in 0..=1.
pub fn check_align(a: &Document, a_locale: &Locale, b: &Document, b_locale: &Locale) {
    let beads = honyaku::align::align(a, a_locale, b, b_locale);
    let mut seen_a = vec![0usize; a.segments.len()];
    let mut seen_b = vec![0usize; b.segments.len()];
    for bead in &beads {
        assert!(
            !(bead.a.is_empty() && bead.b.is_empty()),
            "empty bead in {beads:?}"
        );
        assert!(
            bead.a.windows(2).all(|w| w[0] < w[1]) && bead.b.windows(2).all(|w| w[0] < w[1]),
            "bead indices not increasing: {bead:?}"
        );
        assert!(
            (0.0..=1.0).contains(&bead.score),
            "score out of range: {bead:?}"
        );
        for &i in &bead.a {
            *seen_a
                .get_mut(i)
                .unwrap_or_else(|| panic!("a index {i} out of range: {bead:?}")) += 1;
        }
        for &i in &bead.b {
            *seen_b
                .get_mut(i)
                .unwrap_or_else(|| panic!("b index {i} out of range: {bead:?}")) += 1;
        }
    }
    assert!(
        seen_a.iter().all(|&n| n == 1),
        "side a coverage {seen_a:?} in {beads:?}"
    );
    assert!(
        seen_b.iter().all(|&n| n == 1),
        "side b coverage {seen_b:?} in {beads:?}"
    );
}

/// The diff accounts for every segment of both revisions, and each entry's kind agrees with
/// the sides it has: only splits repeat an old segment, only merges repeat a new one, texts
/// are those at the entry's indices, unchanged means equal.
pub fn check_diff<'a>(old: &[&'a str], new: &[&'a str], locale: &Locale) {
    let sides = |texts: &[&'a str]| -> Vec<Side<'a>> {
        // Bare texts have no paragraphs: one passage, where any move may come with an edit.
        texts.iter().map(|&text| Side::new(text, 0)).collect()
    };
    let changes = diff::diff(&sides(old), &sides(new), locale);
    let mut old_kinds: BTreeMap<usize, Vec<ChangeKind>> = BTreeMap::new();
    let mut new_kinds: BTreeMap<usize, Vec<ChangeKind>> = BTreeMap::new();
    for change in &changes {
        let (o, n) = (change.old_index, change.new_index);
        match change.kind {
            ChangeKind::Added => assert!(o.is_none() && n.is_some(), "{change:?}"),
            ChangeKind::Removed => assert!(o.is_some() && n.is_none(), "{change:?}"),
            _ => assert!(o.is_some() && n.is_some(), "{change:?}"),
        }
        if let Some(o) = o {
            assert!(o < old.len(), "old index out of range: {change:?}");
            assert_eq!(change.old.as_deref(), Some(old[o]), "old text: {change:?}");
            old_kinds.entry(o).or_default().push(change.kind);
        } else {
            assert!(change.old.is_none(), "{change:?}");
        }
        if let Some(n) = n {
            assert!(n < new.len(), "new index out of range: {change:?}");
            assert_eq!(change.new.as_deref(), Some(new[n]), "new text: {change:?}");
            new_kinds.entry(n).or_default().push(change.kind);
        } else {
            assert!(change.new.is_none(), "{change:?}");
        }
        if change.kind == ChangeKind::Unchanged {
            assert_eq!(
                change.old, change.new,
                "unchanged but different: {change:?}"
            );
        }
        if let Some(s) = change.similarity {
            assert!(
                (0.0..=1.0).contains(&s),
                "similarity out of range: {change:?}"
            );
        }
    }
    for (which, len, kinds, repeatable) in [
        ("old", old.len(), &old_kinds, ChangeKind::Split),
        ("new", new.len(), &new_kinds, ChangeKind::Merged),
    ] {
        for index in 0..len {
            let found = kinds.get(&index).map(Vec::as_slice).unwrap_or_default();
            assert!(
                !found.is_empty(),
                "{which} segment {index} missing from {changes:?}"
            );
            assert!(
                found.len() == 1 || found.iter().all(|&k| k == repeatable),
                "{which} segment {index} appears as {found:?}"
            );
        }
    }
}

/// Splits fuzzer bytes into a locale choice and the text after it, if the text is UTF-8.
fn split_input(data: &[u8]) -> Option<(Locale, &str)> {
    let (&first, rest) = data.split_first()?;
    let text = std::str::from_utf8(rest).ok()?;
    Some((locale(LOCALES[usize::from(first) % 2]), text))
}

pub fn fuzz_segment(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check_segment(text);
    }
}

/// The first byte sets the id length; id bytes follow, the rest is the text.
pub fn fuzz_ftl_round_trip(data: &[u8]) {
    let Some((&len, rest)) = data.split_first() else {
        return;
    };
    let len = usize::from(len % 16).min(rest.len());
    let (id, text) = rest.split_at(len);
    if let Ok(text) = std::str::from_utf8(text) {
        check_ftl_round_trip(&identifier(id), text);
    }
}

/// Japanese text, a form feed, English text: the shape of the shipped pairs.
pub fn fuzz_align(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\u{c}').unwrap_or((text, ""));
    let (ja, en) = (locale("ja"), locale("en"));
    let a = segment::segment(a.to_owned(), &ja);
    let b = segment::segment(b.to_owned(), &en);
    check_align(&a, &ja, &b, &en);
}

/// A locale byte, then old and new revisions separated by a form feed, one segment a line.
pub fn fuzz_diff(data: &[u8]) {
    let Some((locale, text)) = split_input(data) else {
        return;
    };
    let (old, new) = text.split_once('\u{c}').unwrap_or((text, ""));
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    check_diff(&old, &new, &locale);
}
