//! The held-out corpus in `tests/heldout/` (see its README): reads the gold beads, gold
//! segments and gold revision changes, and the one normalisation under which segments are
//! compared with gold, so every test that scores against held-out text reads it the same way.

use std::fs;
use std::path::{Path, PathBuf};

use super::repo;

/// One gold bead: Japanese segments paired with English ones (either side may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bead {
    pub ja: Vec<String>,
    pub en: Vec<String>,
}

/// One gold file: a genre folder, a version (`""` for an unrevised pair, `"v1"` …), the
/// source texts it describes and its beads.
#[derive(Debug, Clone)]
pub struct Gold {
    pub genre: String,
    pub version: String,
    pub ja: PathBuf,
    /// `None` when no English release exists for this version (`revised/gold.v2.txt`).
    pub en: Option<PathBuf>,
    pub beads: Vec<Bead>,
}

impl Gold {
    /// `genre` or `genre@v2`, for tables and messages.
    pub fn name(&self) -> String {
        if self.version.is_empty() {
            self.genre.clone()
        } else {
            format!("{}@{}", self.genre, self.version)
        }
    }

    /// The gold segments of one language, in document order.
    pub fn segments(&self, locale: &str) -> Vec<String> {
        self.beads
            .iter()
            .flat_map(|bead| if locale == "ja" { &bead.ja } else { &bead.en })
            .cloned()
            .collect()
    }
}

/// The held-out corpus folder.
pub fn dir() -> PathBuf {
    repo().join("tests/heldout")
}

/// Every gold file of the held-out corpus, sorted by genre and version.
pub fn golds() -> Vec<Gold> {
    let mut golds = Vec::new();
    let mut genres: Vec<PathBuf> = fs::read_dir(dir())
        .expect("tests/heldout")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    genres.sort();
    for genre_dir in genres {
        let genre = genre_dir
            .file_name()
            .and_then(|name| name.to_str())
            .expect("utf-8 folder name")
            .to_owned();
        let mut files: Vec<String> = fs::read_dir(&genre_dir)
            .expect("genre folder")
            .flatten()
            .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
            .filter(|name| name.starts_with("gold") && name.ends_with(".txt"))
            .collect();
        files.sort();
        for file in files {
            // gold.txt → "", gold.v1.txt → "v1"
            let version = file
                .trim_start_matches("gold")
                .trim_end_matches(".txt")
                .trim_start_matches('.')
                .to_owned();
            let source = |locale: &str| {
                let name = if version.is_empty() {
                    format!("{locale}.txt")
                } else {
                    format!("{locale}.{version}.txt")
                };
                let path = genre_dir.join(name);
                path.exists().then_some(path)
            };
            let ja = source("ja").unwrap_or_else(|| panic!("{genre}/{file}: no ja source"));
            let beads = parse_beads(&genre_dir.join(&file));
            let en = source("en");
            let has_en = beads.iter().any(|bead| !bead.en.is_empty());
            assert_eq!(
                en.is_some(),
                has_en,
                "{genre}/{file}: English gold and English source must go together"
            );
            golds.push(Gold {
                genre: genre.clone(),
                version,
                ja,
                en,
                beads,
            });
        }
    }
    golds
}

/// Parses a gold bead file (format: tests/heldout/README.md).
pub fn parse_beads(path: &Path) -> Vec<Bead> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut beads = Vec::new();
    let mut current: Option<Bead> = None;
    for (index, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            beads.extend(current.take());
            continue;
        }
        let bead = current.get_or_insert_with(Bead::default);
        if let Some(text) = line.strip_prefix("ja: ") {
            assert!(
                bead.en.is_empty(),
                "{}:{}: a bead lists its ja lines before its en lines",
                path.display(),
                index + 1
            );
            bead.ja.push(text.to_owned());
        } else if let Some(text) = line.strip_prefix("en: ") {
            bead.en.push(text.to_owned());
        } else {
            panic!(
                "{}:{}: expected `ja: …`, `en: …`, `#…` or a blank line",
                path.display(),
                index + 1
            );
        }
    }
    beads.extend(current);
    beads
}

/// One line of a `revisions.txt` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Added(String),
    Removed(String),
    Modified { from: String, to: String },
    Behind(String),
    Extra(String),
}

/// One `[…]` section of a `revisions.txt`: `ja v1 -> v2` or `status ja v2, en v1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub entries: Vec<Entry>,
}

/// Parses a gold revision file (format: tests/heldout/README.md).
pub fn parse_revisions(path: &Path) -> Vec<Section> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut sections: Vec<Section> = Vec::new();
    let mut pending_from: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let at = || format!("{}:{}", path.display(), index + 1);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(title) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(
                pending_from.is_none(),
                "{}: `modified:` without `to:`",
                at()
            );
            sections.push(Section {
                title: title.to_owned(),
                entries: Vec::new(),
            });
            continue;
        }
        let section = sections
            .last_mut()
            .unwrap_or_else(|| panic!("{}: entry before the first [section]", at()));
        let (key, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("{}: expected `key: text`", at()));
        let value = value.to_owned();
        if key != "to" {
            assert!(
                pending_from.is_none(),
                "{}: `modified:` without `to:`",
                at()
            );
        }
        match key {
            "added" => section.entries.push(Entry::Added(value)),
            "removed" => section.entries.push(Entry::Removed(value)),
            "modified" => pending_from = Some(value),
            "to" => {
                let from = pending_from
                    .take()
                    .unwrap_or_else(|| panic!("{}: `to:` without `modified:`", at()));
                section.entries.push(Entry::Modified { from, to: value });
            }
            "behind" => section.entries.push(Entry::Behind(value)),
            "extra" => section.entries.push(Entry::Extra(value)),
            other => panic!("{}: unknown key `{other}`", at()),
        }
    }
    assert!(
        pending_from.is_none(),
        "{}: `modified:` without `to:`",
        path.display()
    );
    sections
}

/// A segment text as it is compared with gold: a leading list, heading or note marker
/// removed (markers may live in the text or in the skeleton) and runs of spaces and tabs
/// made one space. Nothing else changes: a lost ordinal or a split sentence still differs.
pub fn normalize(text: &str) -> String {
    let text = text.trim();
    let rest = strip_marker(text).unwrap_or(text).trim_start();
    let mut out = String::with_capacity(rest.len());
    let mut in_space = false;
    for c in rest.chars() {
        if c == ' ' || c == '\t' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The text after a leading marker followed by white space (or, for bracketed and
/// full-width markers, directly by text); `None` when `text` does not start with one.
fn strip_marker(text: &str) -> Option<&str> {
    let spaced = |rest: &str| -> Option<usize> {
        let trimmed = rest.trim_start_matches([' ', '\t', '\u{3000}']);
        (trimmed.len() < rest.len()).then_some(rest.len() - trimmed.len())
    };
    let digits = |s: &str, full_width: bool| -> usize {
        s.char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || (full_width && ('０'..='９').contains(&c))))
            .map_or(s.len(), |(i, _)| i)
    };
    // Full-width bullets, directly followed by text or not.
    for bullet in ['・', '○', '●', '◦', '■', '□', '◆', '◇', '＊'] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Some(rest);
        }
    }
    // Narrow bullets, the "  . " dot and footnote marks (*1): need a space after them.
    for bullet in ['•', '-', '.', '*'] {
        if let Some(rest) = text.strip_prefix(bullet) {
            let n = digits(rest, false);
            let after = &rest[n..];
            if let Some(gap) = spaced(after) {
                return Some(&after[gap..]);
            }
        }
    }
    // English note marks, the counterpart of （注） and （注1）: "Note:", "Note 1:".
    if let Some(rest) = text.strip_prefix("Note") {
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let n = digits(rest, false);
        if let Some(after) = rest[n..].strip_prefix(':') {
            return Some(after);
        }
    }
    // ※, ※1: a space is optional after them (※ 表中の…, ※1　会場の…).
    if let Some(rest) = text.strip_prefix('※') {
        let n = digits(rest, true);
        return Some(&rest[n..]);
    }
    // Bracketed numbers and notes: (1) （１） （注） （注1） (*)
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(rest) = text.strip_prefix(open) {
            let inner_end = rest.find(close)?;
            let inner = &rest[..inner_end];
            let note = inner.strip_prefix('注').unwrap_or(inner);
            let numeric = !inner.is_empty()
                && (inner == "*"
                    || digits(note, true) == note.len()
                    || (inner.chars().count() == 1 && inner.chars().all(char::is_alphabetic)));
            if numeric {
                return Some(&rest[inner_end + close.len()..]);
            }
            return None;
        }
    }
    // Circled numbers ①…⑳.
    if let Some(c) = text.chars().next() {
        if ('①'..='⑳').contains(&c) {
            return Some(&text[c.len_utf8()..]);
        }
    }
    // 第1章　 第2部　 第１　 (an ordinal followed by a separator, not 第1章で…)
    if let Some(rest) = text.strip_prefix('第') {
        let n = digits(rest, true);
        if n > 0 {
            let mut after = &rest[n..];
            if let Some(c) = after.chars().next() {
                if "章部節編款条".contains(c) {
                    after = &after[c.len_utf8()..];
                }
            }
            if let Some(gap) = spaced(after) {
                return Some(&after[gap..]);
            }
        }
        return None;
    }
    // Numbers: 1. 1.1 1) followed by a space, １． １） followed by anything, and a bare
    // number only when full-width or followed by a full-width space (１　移動系…, not
    // "2024 White Paper").
    let n = digits(text, true);
    if n > 0 {
        let bare = &text[n..];
        if bare.starts_with('\u{3000}') || !text[..n].chars().any(|c| c.is_ascii_digit()) {
            if let Some(gap) = spaced(bare) {
                return Some(&bare[gap..]);
            }
        }
        if let Some(rest) = bare.strip_prefix('．').or_else(|| bare.strip_prefix('）')) {
            return Some(rest);
        }
        let mut after = bare;
        while let Some(rest) = after.strip_prefix('.') {
            let m = digits(rest, false);
            after = &rest[m..];
            if m == 0 {
                break;
            }
        }
        let after = after.strip_prefix(')').unwrap_or(after);
        if after.len() < bare.len() {
            if let Some(gap) = spaced(after) {
                return Some(&after[gap..]);
            }
        }
    }
    None
}
