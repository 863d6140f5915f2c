//! A lighter read of the catalogs honyaku writes, for export and import. A file made only of
//! empty lines, `#`/`##`/`###` comment lines and one-line `id = text` messages (every source
//! catalog, and a target catalog unless a translator used Fluent syntax in it) is split into
//! entries by its lines, without the Fluent parser and its checks, which such a file cannot
//! fail. The result is exactly the [`FtlFile`] [`ftl::parse`] gives (a property test holds
//! them together); any other file, or anything this reader is unsure of, goes to
//! [`ftl::parse`], errors and all.

use crate::catalog::ftl::{self, Entry, EntryKind, FtlError, FtlFile};

/// Reads a catalog: by lines when it has the plain shape, else with [`ftl::parse`].
pub(crate) fn parse(text: &str) -> Result<FtlFile, Vec<FtlError>> {
    match plain(text) {
        Some(file) => Ok(file),
        None => ftl::parse(text),
    }
}

/// One line of a plain catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'t> {
    Empty,
    /// A comment line with text, at level 1, 2 or 3.
    Comment(u8),
    /// `id = value`, the value plain text.
    Message {
        id: &'t str,
        value: &'t str,
    },
}

/// What a line is, when it is one of the plain shapes (`line` without its `\n`).
fn classify(line: &str) -> Option<Line<'_>> {
    let bytes = line.as_bytes();
    match bytes.first() {
        None => Some(Line::Empty),
        Some(b'#') => {
            let level = bytes.iter().take_while(|&&b| b == b'#').count();
            // A bare `#` (no text) is left to the parser, as is `####` or `#text`.
            (level <= 3 && bytes.get(level) == Some(&b' ')).then_some(Line::Comment(level as u8))
        }
        Some(b) if b.is_ascii_alphabetic() => {
            let id_len = bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                .count();
            let value = line[id_len..].strip_prefix(" = ")?;
            // (`contains` of a byte is memchr: much faster than a loop over the bytes.)
            let plain = !value.is_empty()
                && !value.starts_with(' ')
                && !value.ends_with(' ')
                && !value.as_bytes().contains(&b'{')
                && !value.as_bytes().contains(&b'}');
            plain.then_some(Line::Message {
                id: &line[..id_len],
                value,
            })
        }
        Some(_) => None,
    }
}

/// An entry found: where it starts and ends (after its last line) and what it is.
#[derive(Debug)]
struct Found<'t> {
    start: usize,
    /// 0-based line of `start`.
    line: usize,
    end: usize,
    what: FoundKind<'t>,
}

#[derive(Debug)]
enum FoundKind<'t> {
    Comment(u8),
    Message {
        /// Where the `id =` line starts (after an attached comment).
        id_start: usize,
        id: &'t str,
        value: &'t str,
    },
}

/// The messages of a source catalog (id → value, in file order) read by lines, without
/// building its entries: `None` when `text` does not have the plain shape (then
/// [`ftl::parse`] decides, errors and all). For a plain catalog this is exactly what the
/// messages of [`parse`] hold (a property test holds them together).
pub(crate) fn messages(text: &str) -> Option<Vec<Message<'_>>> {
    let found = scan(text)?;
    Some(
        found
            .into_iter()
            .filter_map(|f| match f.what {
                FoundKind::Message { id, value, .. } => Some(Message { id, value }),
                FoundKind::Comment(_) => None,
            })
            .collect(),
    )
}

/// One message of a plain catalog: its id and its value, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Message<'t> {
    pub id: &'t str,
    pub value: &'t str,
}

/// The messages and comments of a plain catalog, borrowed from the text, each with the
/// index [`parse`] gives its entry: `None` when `text` does not have the plain shape (then
/// [`ftl::parse`] decides, errors and all). What a target catalog says about its units
/// ([`model::read_target_text`](super::model::read_target_text)) is read from these without
/// building the file's entries; a property test holds them to the parsed file's entries.
pub(crate) fn entry_refs(text: &str) -> Option<Vec<EntryRef<'_>>> {
    let found = scan(text)?;
    let mut refs = Vec::with_capacity(found.len());
    // As [`entries`] lays them out: a blank entry before the first and after each entry
    // that empty lines follow.
    let mut index = usize::from(found.first().is_some_and(|f| f.start > 0));
    for (at, entry) in found.iter().enumerate() {
        let kind = match entry.what {
            FoundKind::Comment(level) => EntryRefKind::Comment {
                level,
                raw: &text[entry.start..entry.end],
            },
            FoundKind::Message {
                id_start,
                id,
                value,
            } => EntryRefKind::Message {
                id,
                comment: (id_start > entry.start).then(|| &text[entry.start..id_start]),
                value: Some(value),
            },
        };
        refs.push(EntryRef { index, kind });
        let next = found.get(at + 1).map_or(text.len(), |f| f.start);
        index += 1 + usize::from(next > entry.end);
    }
    Some(refs)
}

/// A message or comment entry of a catalog, borrowed: see [`entry_refs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntryRef<'t> {
    /// The index of the entry in the parsed file's entries.
    pub index: usize,
    pub kind: EntryRefKind<'t>,
}

/// What an [`EntryRef`] is: the parts of [`EntryKind::Message`] and [`EntryKind::Comment`]
/// that reading a target catalog needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryRefKind<'t> {
    Message {
        id: &'t str,
        comment: Option<&'t str>,
        value: Option<&'t str>,
    },
    Comment {
        level: u8,
        raw: &'t str,
    },
}

impl<'t> EntryRef<'t> {
    /// Entry `index` of a parsed file, when it is a message or a comment.
    pub fn of(file: &'t FtlFile, index: usize) -> Option<EntryRef<'t>> {
        let entry = file.entries.get(index)?;
        let kind = match &entry.kind {
            EntryKind::Message {
                id, comment, value, ..
            } => EntryRefKind::Message {
                id,
                comment: comment.as_deref(),
                value: value.as_deref(),
            },
            EntryKind::Comment { level } => EntryRefKind::Comment {
                level: *level,
                raw: &entry.raw,
            },
            _ => return None,
        };
        Some(EntryRef { index, kind })
    }
}

/// The entries of a plain catalog, or `None` when `text` is not one.
fn plain(text: &str) -> Option<FtlFile> {
    let found = scan(text)?;
    Some(FtlFile {
        entries: entries(text, &found),
    })
}

/// What a plain catalog is made of, or `None` when `text` is not one.
fn scan(text: &str) -> Option<Vec<Found<'_>>> {
    let bytes = text.as_bytes();
    if text.starts_with('\u{feff}') || bytes.contains(&b'\r') || bytes.contains(&b'\0') {
        return None;
    }
    let mut found: Vec<Found<'_>> = Vec::new();
    // The line before, when it was a comment line: the open comment block's level.
    let mut open_comment: Option<u8> = None;
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        match classify(raw.strip_suffix('\n').unwrap_or(raw))? {
            Line::Empty => open_comment = None,
            Line::Comment(level) => {
                match open_comment {
                    Some(open) if open == level => {
                        if let Some(last) = found.last_mut() {
                            last.end = offset;
                        }
                    }
                    // Comment blocks of different levels touching: left to the parser.
                    Some(_) => return None,
                    None => found.push(Found {
                        start,
                        line: index,
                        end: offset,
                        what: FoundKind::Comment(level),
                    }),
                }
                open_comment = Some(level);
            }
            Line::Message { id, value } => {
                let what = FoundKind::Message {
                    id_start: start,
                    id,
                    value,
                };
                match (open_comment, found.last_mut()) {
                    // A `#` block right above a message is its comment.
                    (Some(1), Some(last)) => {
                        last.end = offset;
                        last.what = what;
                    }
                    _ => found.push(Found {
                        start,
                        line: index,
                        end: offset,
                        what,
                    }),
                }
                open_comment = None;
            }
        }
    }
    let mut ids: Vec<&str> = found
        .iter()
        .filter_map(|f| match f.what {
            FoundKind::Message { id, .. } => Some(id),
            FoundKind::Comment(_) => None,
        })
        .collect();
    ids.sort_unstable();
    if ids.windows(2).any(|pair| pair[0] == pair[1]) {
        // A duplicate id is an error the parser reports.
        return None;
    }
    Some(found)
}

/// The entries of `text` from what was found in it, as [`ftl::parse`] lays them out: each
/// entry up to its last line, the empty lines after it as a blank entry.
fn entries(text: &str, found: &[Found<'_>]) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(found.len() * 2 + 1);
    let blank = |start: usize, end: usize, line: usize| Entry {
        raw: text[start..end].to_owned(),
        line: line + 1,
        kind: EntryKind::Blank,
    };
    let first = found.first().map_or(text.len(), |f| f.start);
    if first > 0 {
        entries.push(blank(0, first, 0));
    }
    for (at, entry) in found.iter().enumerate() {
        let kind = match entry.what {
            FoundKind::Comment(level) => EntryKind::Comment { level },
            FoundKind::Message {
                id_start,
                id,
                value,
            } => EntryKind::Message {
                id: id.to_owned(),
                comment: (id_start > entry.start).then(|| text[entry.start..id_start].to_owned()),
                body: text[id_start..entry.end].to_owned(),
                value: Some(value.to_owned()),
            },
        };
        entries.push(Entry {
            raw: text[entry.start..entry.end].to_owned(),
            line: entry.line + 1,
            kind,
        });
        let next = found.get(at + 1).map_or(text.len(), |f| f.start);
        if next > entry.end {
            let lines = text[entry.start..entry.end].matches('\n').count();
            entries.push(blank(entry.end, next, entry.line + lines));
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Lines of the plain shapes.
    const PLAIN: [&str; 11] = [
        "",
        "# ja: 日時",
        "# en: Date and time",
        "## group",
        "### honyaku: header",
        "# stale",
        "# intro-2 =",
        "intro-1 = Bonjour",
        "intro-2 = [x] *y .z",
        "a = b = c",
        "b-1_x = \u{3000}全角\u{3000}",
    ];

    /// Lines of every shape, plain or not, to mix into catalogs: half the catalogs are made
    /// of plain lines only.
    fn lines() -> impl Strategy<Value = Vec<String>> {
        let plain = prop::sample::select(PLAIN.to_vec()).prop_map(str::to_owned);
        prop_oneof![
            prop::collection::vec(plain, 0..16),
            prop::collection::vec(line(), 0..12),
        ]
    }

    fn line() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "# ja: 日時",
            "# en: Date and time",
            "#",
            "# ",
            "## group",
            "### honyaku: header",
            "####",
            "#x",
            "# stale",
            "# was ja: 前の文",
            "# intro-2 =",
            "intro-1 = Bonjour",
            "intro-1 = encore",
            "intro-2 = [x] *y .z",
            "a = b = c",
            "b-1_x = \u{3000}全角\u{3000}",
            "c =  two spaces",
            "d = trailing ",
            "e = { \"[\" }Note",
            "f = }",
            "g=tight",
            "h =",
            "-term = Honyaku",
            "    .attr = x",
            "    continued",
            " ",
            "=======",
            "<<<<<<< HEAD",
            ".attr = x",
            "[x] = y",
            "i = tab\t",
            "j = \\u0009",
        ])
        .prop_map(str::to_owned)
    }

    proptest! {
        /// Whenever the plain reader takes a file, it reads what the Fluent parser reads.
        #[test]
        fn plain_reading_is_the_parsers(
            lines in lines(),
            newline_at_end in any::<bool>(),
        ) {
            let mut text = lines.join("\n");
            if newline_at_end {
                text.push('\n');
            }
            if let Some(file) = plain(&text) {
                prop_assert_eq!(Ok(file.clone()), ftl::parse(&text), "{:?}", text);
                prop_assert_eq!(file.to_string(), text.as_str());
            }
            prop_assert_eq!(parse(&text), ftl::parse(&text));
            // The messages read without entries are those of the parsed file, and are read
            // exactly when the file has the plain shape.
            let messages = messages(&text);
            prop_assert_eq!(messages.is_some(), plain(&text).is_some());
            if let Some(messages) = messages {
                let read: Vec<(String, String)> = messages
                    .iter()
                    .map(|m| (m.id.to_owned(), m.value.to_owned()))
                    .collect();
                let parsed = ftl::parse(&text).expect("a plain file parses");
                prop_assert_eq!(read, super::super::model::source_texts(&parsed));
            }
            // The entries read without building them are the parsed file's messages and
            // comments, at their indices.
            let refs = entry_refs(&text);
            prop_assert_eq!(refs.is_some(), plain(&text).is_some());
            if let Some(refs) = refs {
                let parsed = ftl::parse(&text).expect("a plain file parses");
                let expected: Vec<EntryRef<'_>> = (0..parsed.entries.len())
                    .filter_map(|index| EntryRef::of(&parsed, index))
                    .collect();
                prop_assert_eq!(refs, expected);
            }
        }
    }

    #[test]
    fn a_catalog_honyaku_writes_is_read_by_lines() {
        let text = "\
### honyaku: fr translation of \"doc\"; sources: ja, en.

# ja: 日時
# en: Date and time
date-time = Date et heure

# ja: 概要
# en: Overview
# stale
# was ja: 概略
overview = Aperçu
# ja: 会場
# en: Venue
# venue =

## a group

# a standalone note
";
        let file = plain(text).expect("the plain shape");
        assert_eq!(Ok(file.clone()), ftl::parse(text));
        // Each entry's first line, and what it is: a message with its attached comment
        // lines counted, a comment by its level, or blank.
        let shape: Vec<(usize, String)> = file
            .entries
            .iter()
            .map(|e| {
                let what = match &e.kind {
                    EntryKind::Message { id, comment, .. } => {
                        let attached = comment.as_deref().map_or(0, |c| c.lines().count());
                        format!("{id} +{attached}")
                    }
                    EntryKind::Comment { level } => "#".repeat(usize::from(*level)),
                    EntryKind::Blank => String::new(),
                    EntryKind::Term { .. } => "-".to_owned(),
                };
                (e.line, what)
            })
            .collect();
        let expected = [
            (1, "###"),
            (2, ""),
            (3, "date-time +2"),
            (6, ""),
            (7, "overview +4"),
            (12, "#"),
            (15, ""),
            (16, "##"),
            (17, ""),
            (18, "#"),
        ]
        .map(|(line, what)| (line, what.to_owned()));
        assert_eq!(shape, expected);
    }

    #[test]
    fn the_shipped_catalogs_read_as_the_parser_reads_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut plain_files = 0;
        let mut files = 0;
        for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "ftl") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files += 1;
                if let Some(read) = plain(&text) {
                    plain_files += 1;
                    assert_eq!(Ok(read), ftl::parse(&text), "{}", path.display());
                }
            }
        }
        assert!(files > 0, "no catalogs under {}", root.display());
        assert!(
            plain_files * 2 > files,
            "only {plain_files} of {files} catalogs read by lines"
        );
    }

    #[test]
    fn what_is_not_plain_goes_to_the_parser() {
        for text in [
            "a = { $n }\n",
            "a = x\na = y\n",
            "a = x\r\n",
            "\u{feff}a = x\n",
            "a = x\n    more\n",
            "# a\n## b\n",
        ] {
            assert_eq!(plain(text), None, "{text:?}");
        }
        assert!(
            parse("a = x\na = y\n").is_err(),
            "the duplicate is reported"
        );
    }
}
