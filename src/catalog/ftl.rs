//! A lossless view of a `.ftl` file: entries with their exact bytes, so honyaku can reorder
//! and regenerate its own comments while every byte a translator wrote survives.
//!
//! fluent-syntax 0.12 keeps no spans, but its AST borrows every identifier and comment line
//! from the source, so each entry's start is recovered from where those slices point. The
//! parser stays the only judge of where entries begin: a line-by-line splitter would have to
//! re-implement Fluent's grammar, because a placeable may span lines that start at column 0
//! with `}`, `[`, `*[` or `$`. Each entry runs to the next one's start, less the blank lines
//! in between, which become [`EntryKind::Blank`] entries; concatenating every `raw` gives the
//! file back, byte for byte.
//!
//! A file is accepted only if fluent-rs reads every byte of it as intended, so whatever
//! Fluent would silently turn into Junk is an error with a line and a column.
//! A byte order mark is an error, not something to accept and preserve: fluent-rs and
//! python-fluent both read it as the start of Junk and drop the first entry, so a file with
//! one means something else to every other Fluent tool.

use std::collections::HashMap;
use std::fmt;

use fluent_syntax::ast;
use fluent_syntax::parser::{ErrorKind, ParserError};

use super::value::read_pattern;

/// A parsed `.ftl` file; its [`Display`](fmt::Display) writes the exact source back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtlFile {
    /// Every entry of the file, in order: together they are the file's bytes.
    pub entries: Vec<Entry>,
}

/// One entry and the exact bytes it was read from, line ending included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The bytes the entry was read from.
    pub raw: String,
    /// 1-based line of the entry's first line (its comment's, when one is attached).
    pub line: usize,
    /// What the entry is.
    pub kind: EntryKind,
}

/// What an entry of a `.ftl` file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// `raw` is `comment` (if any) followed by `body`.
    Message {
        /// The message's id.
        id: String,
        /// The `#` lines directly above, which Fluent attaches to the message.
        comment: Option<String>,
        /// From the `id =` line on, attributes included.
        body: String,
        /// The value when it holds only text and string literals (see
        /// [`read_pattern`](super::value::read_pattern)).
        value: Option<String>,
    },
    /// Like a message; `id` is written without the leading `-`.
    Term {
        /// The term's id, without its `-`.
        id: String,
        /// The `#` lines directly above.
        comment: Option<String>,
        /// From the `-id =` line on, attributes included.
        body: String,
        /// The value when it holds only text and string literals.
        value: Option<String>,
    },
    /// A standalone comment: level 1 `#` (not attached to an entry), 2 `##`, 3 `###`.
    Comment {
        /// 1, 2 or 3: the number of `#`.
        level: u8,
    },
    /// Blank lines (possibly holding spaces) between entries.
    Blank,
}

/// Why a `.ftl` file cannot be read as it is, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtlError {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// What is wrong.
    pub kind: FtlErrorKind,
    /// What is wrong, in words for the user.
    pub message: String,
}

/// The kinds of [`FtlError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FtlErrorKind {
    /// Text Fluent cannot read; fluent-rs would skip the whole entry as Junk.
    Syntax,
    /// A git conflict marker: the file is mid-merge and nothing in it can be trusted.
    MergeConflict,
    /// A message or term id defined twice; fluent-bundle would keep only the first.
    DuplicateId {
        /// The line of the first definition.
        first_line: usize,
    },
    /// U+FEFF at the start of the file.
    ByteOrderMark,
    /// A NUL byte, which marks a corrupt or binary file.
    NulByte,
    /// Placeables nested deeper than [`MAX_NESTING`].
    TooDeep,
}

impl fmt::Display for FtlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FtlError {}

impl fmt::Display for FtlFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entries.iter().try_for_each(|e| f.write_str(&e.raw))
    }
}

/// Byte offsets of line starts, to turn parser offsets into lines and columns.
struct Lines<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn new(source: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines { source, starts }
    }

    /// 0-based index of the line holding `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    fn start_of_line_at(&self, offset: usize) -> usize {
        self.starts[self.index(offset)]
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index(offset);
        let column = self.source[self.starts[index]..offset].chars().count() + 1;
        (index + 1, column)
    }

    fn error(&self, offset: usize, kind: FtlErrorKind, message: String) -> FtlError {
        let (line, column) = self.line_col(offset);
        FtlError {
            line,
            column,
            kind,
            message,
        }
    }
}

/// Where `part`, a slice the parser borrowed from `source`, starts in it.
fn offset_in(source: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(source.as_ptr() as usize)
}

/// Git's markers, at any `conflict-marker-size` of at least the default 7.
fn is_conflict_marker(rest_of_file: &str) -> bool {
    let line = rest_of_file.split('\n').next().unwrap_or("").trim_end();
    ["<<<<<<<", "|||||||", ">>>>>>>"]
        .iter()
        .any(|marker| line.starts_with(marker))
        || (line.len() >= 7 && line.bytes().all(|b| b == b'='))
}

/// A line holding nothing but spaces, which Fluent skips between entries.
fn is_blank_line(line: &str) -> bool {
    line.trim_end_matches('\n')
        .trim_end_matches('\r')
        .bytes()
        .all(|b| b == b' ')
}

fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpectedToken(c) => format!("expected \"{c}\""),
        ErrorKind::ExpectedCharRange { range } if range == "a-zA-Z" => {
            "expected an id starting with a letter a-z or A-Z".to_string()
        }
        ErrorKind::ExpectedCharRange { range } if range.contains('\n') => {
            "expected a line break after \"->\"".to_string()
        }
        ErrorKind::ExpectedCharRange { range } => format!("expected one of \"{range}\""),
        ErrorKind::ExpectedMessageField { entry_id } => {
            format!("message \"{entry_id}\" has neither a value nor attributes")
        }
        ErrorKind::ExpectedTermField { entry_id } => {
            format!("term \"-{entry_id}\" has no value")
        }
        ErrorKind::ForbiddenCallee => "a function call is not allowed here".to_string(),
        ErrorKind::MissingDefaultVariant => {
            "the select expression has no default variant (mark one with *)".to_string()
        }
        ErrorKind::MissingValue => "expected a value".to_string(),
        ErrorKind::MultipleDefaultVariants => {
            "the select expression has more than one default variant".to_string()
        }
        ErrorKind::MessageReferenceAsSelector => {
            "a message reference cannot be a selector".to_string()
        }
        ErrorKind::TermReferenceAsSelector => "a term reference cannot be a selector".to_string(),
        ErrorKind::MessageAttributeAsSelector => {
            "a message attribute cannot be a selector".to_string()
        }
        ErrorKind::TermAttributeAsPlaceable => {
            "a term attribute cannot be used as a placeable".to_string()
        }
        ErrorKind::UnterminatedStringLiteral => {
            "the string literal is not closed before the end of the line".to_string()
        }
        ErrorKind::PositionalArgumentFollowsNamed => {
            "positional arguments must come before named arguments".to_string()
        }
        ErrorKind::DuplicatedNamedArgument(name) => {
            format!("the named argument \"{name}\" appears twice")
        }
        ErrorKind::UnknownEscapeSequence(seq) => {
            // fluent-syntax reports the byte after the backslash as a decimal number.
            let shown = seq
                .parse::<u8>()
                .map_or_else(|_| seq.clone(), |b| char::from(b).to_string());
            format!(
                "unknown escape sequence \"\\{shown}\" in a string literal \
                 (only \\\\, \\\", \\uXXXX and \\UXXXXXX are allowed)"
            )
        }
        ErrorKind::InvalidUnicodeEscapeSequence(seq) => {
            format!("invalid unicode escape sequence \"{seq}\"")
        }
        ErrorKind::UnbalancedClosingBrace => {
            "unbalanced closing brace (write { \"}\" } for a literal brace)".to_string()
        }
        ErrorKind::ExpectedInlineExpression => {
            "expected an expression inside the braces".to_string()
        }
        ErrorKind::ExpectedSimpleExpressionAsSelector => {
            "expected a variable, a literal or a function call as selector".to_string()
        }
        ErrorKind::ExpectedLiteral => "expected a string or number literal".to_string(),
    }
}

fn syntax_error(lines: &Lines<'_>, error: &ParserError) -> FtlError {
    let line_start = lines.start_of_line_at(error.pos.start);
    let line = &lines.source[line_start..];
    // `#id = …`: a translation slot uncommented halfway, the commonest slip in honyaku files.
    let after_hashes = line
        .strip_prefix('#')
        .map(|rest| rest.trim_start_matches('#'));
    let message = match after_hashes {
        Some(rest) if !rest.is_empty() && !rest.starts_with([' ', '\n', '\r']) => String::from(
            "a comment line needs a space after \"#\"; to translate an entry shown as \"# some-id =\", delete the \"#\" and the space",
        ),
        _ => describe(&error.kind),
    };
    // The parser notices an unclosed `{` only where the placeable cannot go on, often lines
    // later: point at the brace itself.
    if let Some(brace) = unclosed_brace(lines, error) {
        return lines.error(
            brace,
            FtlErrorKind::Syntax,
            String::from(
                "this \"{\" is never closed: end the placeable with \"}\", or write a literal brace as {\"{\"}",
            ),
        );
    }
    lines.error(error.pos.start, FtlErrorKind::Syntax, message)
}

/// The first `{` of the failed entry that is still open where the parser gave up, if any.
fn unclosed_brace(lines: &Lines<'_>, error: &ParserError) -> Option<usize> {
    let end = error.pos.start.min(lines.source.len());
    let start = error
        .slice
        .as_ref()
        .map_or_else(|| lines.start_of_line_at(end), |slice| slice.start)
        .min(end);
    let region = lines.source.get(start..end)?;
    let mut open = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut line_start = true;
    for (at, c) in region.char_indices() {
        // Comment lines (`# ja: …`) may quote braces of the source.
        if line_start {
            in_comment = c == '#';
        }
        line_start = c == '\n';
        if in_comment {
            continue;
        }
        match c {
            '"' if !open.is_empty() => in_string = !in_string,
            '{' if !in_string => open.push(start + at),
            '}' if !in_string => {
                open.pop();
            }
            '\n' if in_string => in_string = false,
            _ => {}
        }
    }
    // On the error's own line the parser's position is already the right one (a bad escape
    // inside a placeable).
    open.first()
        .copied()
        .filter(|&brace| lines.start_of_line_at(brace) != lines.start_of_line_at(end))
}

/// What the parser found at one entry start.
struct Found {
    start: usize,
    what: FoundKind,
}

/// The parts of an [`EntryKind`] the AST gives; comment and body come from the offsets.
enum FoundKind {
    Named {
        is_term: bool,
        id: String,
        /// Start of the `id =` line.
        id_start: usize,
        value: Option<String>,
    },
    Comment {
        level: u8,
    },
}

fn found_entry(source: &str, lines: &Lines<'_>, entry: &ast::Entry<&str>) -> Option<Found> {
    let line_of = |part: &str| lines.start_of_line_at(offset_in(source, part));
    let named = |is_term: bool,
                 id: &ast::Identifier<&str>,
                 comment: &Option<ast::Comment<&str>>,
                 value: Option<String>| {
        let id_start = line_of(id.name);
        Found {
            start: comment
                .as_ref()
                .and_then(|c| c.content.first())
                .map_or(id_start, |first| line_of(first)),
            what: FoundKind::Named {
                is_term,
                id: id.name.to_string(),
                id_start,
                value,
            },
        }
    };
    let standalone = |comment: &ast::Comment<&str>, level: u8| Found {
        // Only a lone `#` at the very end of the file has no content line to point at.
        start: comment.content.first().map_or_else(
            || lines.starts.last().copied().unwrap_or(0),
            |first| line_of(first),
        ),
        what: FoundKind::Comment { level },
    };
    Some(match entry {
        ast::Entry::Message(m) => named(
            false,
            &m.id,
            &m.comment,
            m.value.as_ref().and_then(read_pattern),
        ),
        ast::Entry::Term(t) => named(true, &t.id, &t.comment, read_pattern(&t.value)),
        ast::Entry::Comment(comment) => standalone(comment, 1),
        ast::Entry::GroupComment(comment) => standalone(comment, 2),
        ast::Entry::ResourceComment(comment) => standalone(comment, 3),
        // Junk is already an error; the file is not returned.
        ast::Entry::Junk { .. } => return None,
    })
}

fn duplicate_errors(lines: &Lines<'_>, found: &[Found]) -> Vec<FtlError> {
    let mut seen: HashMap<(bool, &str), usize> = HashMap::new();
    let mut errors = Vec::new();
    for entry in found {
        let FoundKind::Named {
            is_term,
            id,
            id_start,
            ..
        } = &entry.what
        else {
            continue;
        };
        let line = lines.index(*id_start) + 1;
        match seen.get(&(*is_term, id.as_str())) {
            Some(&first_line) => {
                let dash = if *is_term { "-" } else { "" };
                errors.push(lines.error(
                    *id_start,
                    FtlErrorKind::DuplicateId { first_line },
                    format!(
                        "duplicate id \"{dash}{id}\": defined on line {first_line} and again \
                         on line {line}; Fluent uses only the first"
                    ),
                ));
            }
            None => {
                seen.insert((*is_term, id.as_str()), line);
            }
        }
    }
    errors
}

/// What fluent-syntax does not name: a BOM (which it reports only as a missing id) and NUL
/// bytes (which it takes as text).
fn file_errors(source: &str, lines: &Lines<'_>) -> Vec<FtlError> {
    const BOM: &str = "the file starts with a byte order mark (U+FEFF), which hides the first \
                       entry from Fluent: save it as UTF-8 without one";
    const NUL: &str = "NUL byte in the file: remove it (write { \"\\u0000\" } in a value)";
    let bom = source
        .starts_with('\u{FEFF}')
        .then(|| lines.error(0, FtlErrorKind::ByteOrderMark, BOM.to_string()));
    let nuls = source
        .match_indices('\0')
        .map(|(offset, _)| lines.error(offset, FtlErrorKind::NulByte, NUL.to_string()));
    bom.into_iter().chain(nuls).collect()
}

/// The deepest nesting of placeables (`{ { … } }`) honyaku reads. Real catalogs nest two or
/// three levels (a select expression in a placeable); thousands overflow the parser's stack.
pub const MAX_NESTING: usize = 64;

/// The first placeable nested deeper than [`MAX_NESTING`], found without parsing: braces
/// counted outside comments and string literals.
fn depth_error(source: &str, lines: &Lines<'_>) -> Option<FtlError> {
    // Most catalogs hold text only: without a brace there is no placeable to count.
    if !source.contains('{') {
        return None;
    }
    let mut depth = 0usize;
    for &start in &lines.starts {
        let rest = &source[start..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        if depth == 0 && line.starts_with('#') {
            continue;
        }
        let mut in_string = false;
        let mut escaped = false;
        for (at, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let message = format!(
                            "placeables nested more than {MAX_NESTING} deep: honyaku does not read this catalog"
                        );
                        return Some(lines.error(start + at, FtlErrorKind::TooDeep, message));
                    }
                }
                '}' => depth = depth.saturating_sub(1),
                '"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
    }
    None
}

fn conflict_errors(source: &str, lines: &Lines<'_>) -> Vec<FtlError> {
    lines
        .starts
        .iter()
        // Every marker starts with one of these bytes: most lines are looked at no further.
        .filter(|&&start| {
            matches!(
                source.as_bytes().get(start),
                Some(b'<' | b'|' | b'>' | b'=')
            )
        })
        .filter(|&&start| is_conflict_marker(&source[start..]))
        .map(|&start| {
            lines.error(
                start,
                FtlErrorKind::MergeConflict,
                "merge conflict: resolve it and run again".to_string(),
            )
        })
        .collect()
}

/// Splits `source[start..end]`, one entry followed by blank lines, into those two parts.
fn split_trailing_blank(source: &str, start: usize, end: usize) -> usize {
    let mut split = end;
    while split > start {
        let line = &source[start..split];
        let line_start = line
            .strip_suffix('\n')
            .unwrap_or(line)
            .rfind('\n')
            .map_or(start, |i| start + i + 1);
        if !is_blank_line(&source[line_start..split]) {
            break;
        }
        split = line_start;
    }
    split
}

fn blank(source: &str, lines: &Lines<'_>, start: usize, end: usize) -> Entry {
    Entry {
        raw: source[start..end].to_string(),
        line: lines.index(start) + 1,
        kind: EntryKind::Blank,
    }
}

/// Reads a whole `.ftl` file; every error is returned, sorted by position, at most one per
/// line (the most specific), so a translator can fix them all in one pass.
pub fn parse(source: &str) -> Result<FtlFile, Vec<FtlError>> {
    match parse_plain(source) {
        Some(file) => Ok(file),
        None => parse_full(source),
    }
}

/// One line of a file [`parse_plain`] reads: what it is, and where it starts and ends.
#[derive(Clone, Copy)]
struct PlainLine<'s> {
    start: usize,
    /// Where the next line starts (after the line ending).
    end: usize,
    /// Its line number (1-based).
    number: usize,
    kind: PlainKind<'s>,
}

/// The only lines [`parse_plain`] reads; anything else sends the file to the full parser.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlainKind<'s> {
    /// Spaces only.
    Blank,
    /// `#`, `##` or `###`, then nothing or a space and any text.
    Comment(u8),
    /// `id = text` on one line: text without braces, not starting with a character that
    /// would make it something else, nor starting or ending with white space.
    Message { id: &'s str, value: &'s str },
}

/// Classifies one line (without its line ending); `None` for a line only the full parser may
/// judge.
fn plain_line(line: &str) -> Option<PlainKind<'_>> {
    let bytes = line.as_bytes();
    match bytes.first() {
        None | Some(b' ') => bytes.iter().all(|&b| b == b' ').then_some(PlainKind::Blank),
        Some(b'#') => {
            let level = bytes.iter().take_while(|&&b| b == b'#').count();
            let rest = &bytes[level..];
            (level <= 3 && (rest.is_empty() || rest[0] == b' '))
                .then_some(PlainKind::Comment(level as u8))
        }
        Some(b) if b.is_ascii_alphabetic() => {
            let id_len = bytes
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                .count();
            let id = &line[..id_len];
            let rest = line[id_len..].trim_start_matches(' ').strip_prefix('=')?;
            let value = rest.trim_start_matches(' ');
            let first = value.chars().next()?;
            let last = value.chars().next_back()?;
            let plain = !first.is_whitespace()
                && !last.is_whitespace()
                && !matches!(first, '[' | '*' | '.')
                && !value.contains(['{', '}']);
            plain.then_some(PlainKind::Message { id, value })
        }
        Some(_) => None,
    }
}

/// [`parse_full`]'s result for the files honyaku writes and most people keep: comments,
/// blank lines and one-line messages of plain text, read line by line without building
/// fluent-syntax's tree (the largest part of reading a project for `check` and `build`,
/// issue 19). `None` for anything else (a term, a placeable, a second line of a pattern, a
/// duplicate id, a byte order mark, a NUL, a lone carriage return…): the full parser reads
/// it. `tests::plain_files_read_as_the_full_parser_reads_them` holds the two equal.
fn parse_plain(source: &str) -> Option<FtlFile> {
    if source.starts_with('\u{FEFF}') || source.contains('\0') {
        return None;
    }
    // A last line of spaces without a line break is Junk to fluent-rs after most entries.
    if !source.is_empty() && !source.ends_with('\n') {
        let last = &source[source.rfind('\n').map_or(0, |at| at + 1)..];
        if plain_line(last.strip_suffix('\r').unwrap_or(last)) == Some(PlainKind::Blank) {
            return None;
        }
    }
    // The lines are read as the entries need them, one ahead: no list of every line.
    let mut lines = PlainLines {
        source,
        start: 0,
        number: 0,
    };
    let mut ids: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut entries = Vec::new();
    let mut next = lines.read().ok()?;
    while let Some(first) = next {
        next = lines.read().ok()?;
        let mut end = first.end;
        let kind = match first.kind {
            PlainKind::Blank => {
                while let Some(line) = next.filter(|line| line.kind == PlainKind::Blank) {
                    end = line.end;
                    next = lines.read().ok()?;
                }
                EntryKind::Blank
            }
            PlainKind::Comment(level) => {
                while let Some(line) = next.filter(|line| line.kind == PlainKind::Comment(level)) {
                    end = line.end;
                    next = lines.read().ok()?;
                }
                match next {
                    // A comment directly above a message is the message's.
                    Some(
                        line @ PlainLine {
                            kind: PlainKind::Message { id, value },
                            ..
                        },
                    ) if level == 1 => {
                        end = line.end;
                        next = lines.read().ok()?;
                        message(source, &mut ids, id, value, first.start, line.start, end)?
                    }
                    _ => EntryKind::Comment { level },
                }
            }
            PlainKind::Message { id, value } => {
                message(source, &mut ids, id, value, first.start, first.start, end)?
            }
        };
        entries.push(Entry {
            raw: source[first.start..end].to_owned(),
            line: first.number,
            kind,
        });
    }
    Some(FtlFile { entries })
}

/// The lines of a file for [`parse_plain`], read one at a time.
struct PlainLines<'s> {
    source: &'s str,
    /// Where the next line starts.
    start: usize,
    /// The number of lines read.
    number: usize,
}

impl<'s> PlainLines<'s> {
    /// The next line (`None` at the end of the file), or `Err` for a line only the full
    /// parser may read (one with a lone carriage return, or not of a [`PlainKind`]).
    fn read(&mut self) -> Result<Option<PlainLine<'s>>, ()> {
        let (source, start) = (self.source, self.start);
        if start >= source.len() {
            return Ok(None);
        }
        let (end, text) = match source[start..].find('\n') {
            Some(at) => (start + at + 1, &source[start..start + at]),
            None => (source.len(), &source[start..]),
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.contains('\r') {
            return Err(());
        }
        let kind = plain_line(text).ok_or(())?;
        self.start = end;
        self.number += 1;
        Ok(Some(PlainLine {
            start,
            end,
            number: self.number,
            kind,
        }))
    }
}

/// A message of [`parse_plain`]: its comment runs from `start` to `id_start`, its body from
/// there to `end`. `None` for an id seen before (the full parser names both lines).
fn message<'s>(
    source: &'s str,
    ids: &mut rustc_hash::FxHashSet<&'s str>,
    id: &'s str,
    value: &str,
    start: usize,
    id_start: usize,
    end: usize,
) -> Option<EntryKind> {
    if !ids.insert(id) {
        return None;
    }
    Some(EntryKind::Message {
        id: id.to_owned(),
        comment: (id_start > start).then(|| source[start..id_start].to_owned()),
        body: source[id_start..end].to_owned(),
        value: Some(value.to_owned()),
    })
}

/// [`parse`] by fluent-syntax: any file, with every error.
fn parse_full(source: &str) -> Result<FtlFile, Vec<FtlError>> {
    let lines = Lines::new(source);
    let conflicts = conflict_errors(source, &lines);
    if !conflicts.is_empty() {
        // Both sides of every conflict are in the file: any other finding is noise.
        return Err(conflicts);
    }
    if let Some(too_deep) = depth_error(source, &lines) {
        // The parser recurses once per nesting level: deeper than this, it is refused before
        // it can overflow the stack.
        return Err(vec![too_deep]);
    }
    let mut errors = file_errors(source, &lines);
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, parse_errors)) => {
            errors.extend(parse_errors.iter().map(|e| syntax_error(&lines, e)));
            resource
        }
    };
    let found: Vec<Found> = resource
        .body
        .iter()
        .filter_map(|entry| found_entry(source, &lines, entry))
        .collect();
    errors.extend(duplicate_errors(&lines, &found));
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.line, e.kind == FtlErrorKind::Syntax, e.column));
        errors.dedup_by_key(|e| e.line);
        return Err(errors);
    }

    let mut entries = Vec::new();
    let first_start = found.first().map_or(source.len(), |f| f.start);
    if first_start > 0 {
        entries.push(blank(source, &lines, 0, first_start));
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|f| f.start)
        .chain(std::iter::once(source.len()))
        .collect();
    for (entry, end) in found.into_iter().zip(ends) {
        let split = split_trailing_blank(source, entry.start, end);
        let raw = source[entry.start..split].to_string();
        let kind = match entry.what {
            FoundKind::Named {
                is_term,
                id,
                id_start,
                value,
            } => {
                let comment =
                    (id_start > entry.start).then(|| source[entry.start..id_start].to_string());
                let body = source[id_start..split].to_string();
                if is_term {
                    EntryKind::Term {
                        id,
                        comment,
                        body,
                        value,
                    }
                } else {
                    EntryKind::Message {
                        id,
                        comment,
                        body,
                        value,
                    }
                }
            }
            FoundKind::Comment { level } => EntryKind::Comment { level },
        };
        entries.push(Entry {
            raw,
            line: lines.index(entry.start) + 1,
            kind,
        });
        if split < end {
            entries.push(blank(source, &lines, split, end));
        }
    }
    Ok(FtlFile { entries })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::value::write_message;
    use proptest::prelude::*;

    fn ok(source: &str) -> FtlFile {
        let file = parse(source).unwrap_or_else(|e| panic!("{e:?} in {source:?}"));
        assert_eq!(file.to_string(), source, "lossless");
        file
    }

    fn err(source: &str) -> Vec<FtlError> {
        match parse(source) {
            Ok(file) => panic!("accepted {source:?}: {file:?}"),
            Err(errors) => errors,
        }
    }

    /// A compact picture of the entries: kind, id, whether a comment is attached.
    fn shape(file: &FtlFile) -> Vec<String> {
        file.entries
            .iter()
            .map(|e| match &e.kind {
                EntryKind::Message { id, comment, .. } => {
                    format!(
                        "{}{id}@{}",
                        if comment.is_some() { "#" } else { "" },
                        e.line
                    )
                }
                EntryKind::Term { id, comment, .. } => {
                    format!(
                        "{}-{id}@{}",
                        if comment.is_some() { "#" } else { "" },
                        e.line
                    )
                }
                EntryKind::Comment { level } => format!("c{level}@{}", e.line),
                EntryKind::Blank => format!("_@{}", e.line),
            })
            .collect()
    }

    const TRICKY: &str = "\
### Resource comment

## Group
# attached
hello = Hello
    .title = Title

# separated by a blank line

-brand = Honyaku
# also attached
emails = { $n ->
    [one] one email
   *[other] { $n } emails
}
multi =
    first line

    third line
  \n\
# last
";

    #[test]
    fn tricky_layout_entries() {
        let file = ok(TRICKY);
        assert_eq!(
            shape(&file),
            [
                "c3@1",
                "_@2",
                "c2@3",
                "#hello@4",
                "_@7",
                "c1@8",
                "_@9",
                "-brand@10",
                "#emails@11",
                "multi@16",
                "_@20",
                "c1@21"
            ]
        );
        let EntryKind::Message {
            comment,
            body,
            value,
            ..
        } = &file.entries[3].kind
        else {
            panic!("message expected")
        };
        assert_eq!(comment.as_deref(), Some("# attached\n"));
        assert_eq!(body, "hello = Hello\n    .title = Title\n");
        assert_eq!(value.as_deref(), Some("Hello"));
        let EntryKind::Message { body, value, .. } = &file.entries[8].kind else {
            panic!("message expected")
        };
        assert!(body.ends_with("emails\n}\n"), "{body:?}");
        assert_eq!(value, &None, "a select expression is not plain");
        let EntryKind::Message { value, .. } = &file.entries[9].kind else {
            panic!("message expected")
        };
        assert_eq!(value.as_deref(), Some("first line\n\nthird line"));
        assert_eq!(file.entries[10].raw, "  \n");
    }

    #[test]
    fn crlf_and_missing_final_newline() {
        let source = TRICKY.replace('\n', "\r\n");
        let file = ok(&source);
        assert_eq!(shape(&file), shape(&ok(TRICKY)));
        let file = ok("a = b\r\n\r\n# c\r\nd = e");
        assert_eq!(shape(&file), ["a@1", "_@2", "#d@3"]);
        ok("");
        assert_eq!(shape(&ok("\n  \n")), ["_@1"]);
        assert_eq!(shape(&ok("a = b\n   ")), ["a@1", "_@2"]);
        // After a comment, fluent-rs reads a last line of spaces without a line break as
        // Junk (python-fluent does not); honyaku reports what fluent-rs would skip.
        assert_eq!(err("# c\n   ")[0].line, 2);
        assert_eq!(shape(&ok("a = b\n#")), ["a@1", "c1@2"]);
    }

    #[test]
    fn placeables_may_start_lines_at_column_zero() {
        let file = ok("a =\n{ \"x\" }\nb = { $n ->\n*[other] x\n}\n");
        assert_eq!(shape(&file), ["a@1", "b@3"]);
        let EntryKind::Message { value, .. } = &file.entries[0].kind else {
            panic!("message expected")
        };
        assert_eq!(value.as_deref(), Some("x"));
    }

    #[test]
    fn junk_is_reported_with_line_and_column() {
        // Junk runs to the next line that starts like an entry, so line 4 is part of it.
        let errors = err("ok = fine\n\nbad = a } b\n日本 = x\nc\n");
        let found: Vec<(usize, usize, FtlErrorKind)> =
            errors.iter().map(|e| (e.line, e.column, e.kind)).collect();
        assert_eq!(
            found,
            [(3, 9, FtlErrorKind::Syntax), (5, 2, FtlErrorKind::Syntax)]
        );
        assert_eq!(
            errors[0].to_string(),
            "unbalanced closing brace (write { \"}\" } for a literal brace)"
        );
        assert_eq!(errors[1].to_string(), "expected \"=\"");
        // Columns count characters, not bytes.
        let errors = err("m = 日本語 }\n");
        assert_eq!((errors[0].line, errors[0].column), (1, 9));
        let errors = err("m = { \"\\{\" }\nn = { \"\\q\" }\n");
        assert_eq!(
            errors.len(),
            1,
            "python-fluent rejects what fluent-rs accepts here"
        );
        assert!(errors[0].message.contains("\"\\q\""), "{}", errors[0]);
    }

    #[test]
    fn merge_conflicts_are_reported_alone() {
        let source = "a = x\n<<<<<<< HEAD\nb = 1\n=======\nb = 2\n>>>>>>> topic\n";
        let errors = err(source);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert!(errors.iter().all(|e| e.kind == FtlErrorKind::MergeConflict));
        assert_eq!(
            errors[0].to_string(),
            "merge conflict: resolve it and run again"
        );
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let errors = err("a = 1\n-a = term\n\n# c\na = 2\n-a = again\n");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].kind, FtlErrorKind::DuplicateId { first_line: 1 });
        assert_eq!(errors[0].line, 5);
        assert!(errors[0].message.contains("line 1") && errors[0].message.contains("line 5"));
        assert_eq!(errors[1].kind, FtlErrorKind::DuplicateId { first_line: 2 });
        assert!(errors[1].message.contains("\"-a\""), "{}", errors[1]);
    }

    #[test]
    fn bom_and_nul_are_errors() {
        let errors = err("\u{FEFF}a = b\nc = d\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, FtlErrorKind::ByteOrderMark);
        assert_eq!((errors[0].line, errors[0].column), (1, 1));
        let errors = err("a = b\nc = x\0y\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, FtlErrorKind::NulByte);
        assert_eq!((errors[0].line, errors[0].column), (2, 6));
    }

    #[test]
    fn a_half_uncommented_slot_says_what_to_do() {
        let errors = parse("# ja: 本文\n#contact-2 = Contact\n").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.contains("needs a space after \"#\""),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn messages_are_lowercase_without_a_path() {
        let errors = err("\u{FEFF}a\n<x\nb = { -t.a }\nc = {\n");
        for e in &errors {
            let first = e.message.chars().next().unwrap_or(' ');
            assert!(first.is_lowercase(), "{e}");
        }
    }

    /// One generated entry and the blank lines after it.
    #[derive(Debug, Clone)]
    enum Item {
        Message {
            comment: bool,
            text: String,
            attribute: bool,
        },
        Term {
            text: String,
        },
        Select,
        Comment {
            level: u8,
        },
        Blank {
            spaces: usize,
        },
    }

    fn item() -> impl Strategy<Value = Item> {
        let text = prop_oneof![
            "[a-zA-Z0-9 .,]{0,20}",
            "[ \n\r\t{}\\[\\]*.\"\\\\#=\u{3000}本😀\u{2028}\u{FEFF}-]{0,20}",
        ];
        prop_oneof![
            (any::<bool>(), text.clone(), any::<bool>()).prop_map(|(comment, text, attribute)| {
                Item::Message {
                    comment,
                    text,
                    attribute,
                }
            }),
            text.prop_map(|text| Item::Term { text }),
            Just(Item::Select),
            (1u8..=3).prop_map(|level| Item::Comment { level }),
            (0usize..3).prop_map(|spaces| Item::Blank { spaces }),
        ]
    }

    /// The lines [`parse_plain`] may meet, plain and not.
    fn plain_or_not_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[ ]{1,3}",
            "#{1,4}",
            "#{1,4} [a-z{}=#]{0,6}",
            "#[a-z]{1,3}",
            "[a-c]{1,2}[ ]{0,2}=[ ]{0,2}[a-z ]{0,6}",
            "[a-c]{1,2} = [a-z\\[*.{}\"\t\u{3000}\u{2028}]{1,6}",
            "-[a-c] = [a-z]{1,3}",
            "[ ]{1,4}[.a-z]{1,3}( = [a-z]{1,3})?",
            "[ ]{0,2}[\\[*][a-z]{1,2}\\]? [a-z]",
            "[}<>=|]{1,8}",
            "[a-c]{1,2} = [a-z]{1,3}\r[a-z]",
            "[a-c]{1,2} = [a-z]{1,3}\u{0}",
            "\u{FEFF}[a-c] = x",
        ]
    }

    /// A catalog as honyaku writes it, which the plain reader takes without the full parser.
    const WRITTEN: &str = "\
### honyaku: fr translation of \"doc\"; sources: ja, en.
### honyaku: each entry shows its source above it.

# ja: 令和1年1月1日
# en: January 1, 2019
release-date = (fr) 1er janvier 2019

# ja: 結果
# en: Results
# intro-1 =

## Notes
# a translator's own note

venue = Lieu
";

    #[test]
    fn honyaku_catalogs_are_read_plain() {
        for source in [WRITTEN.to_owned(), WRITTEN.replace('\n', "\r\n")] {
            let plain = parse_plain(&source);
            assert!(plain.is_some(), "{source:?}");
            assert_eq!(plain.map(Ok), Some(parse_full(&source)));
        }
        for other in [
            "a = { $n }\n",
            "a = b\n    c\n",
            "-t = x\n",
            "a = x\na = y\n",
            "a = x\n  ",
            "#x\n",
        ] {
            assert!(parse_plain(other).is_none(), "{other:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Whatever the plain reader takes, it reads as the full parser does: the same
        /// entries, kinds, lines, comments, bodies and values.
        #[test]
        fn plain_files_read_as_the_full_parser_reads_them(
            lines in prop::collection::vec(plain_or_not_line(), 0..10),
            crlf in any::<bool>(),
            final_newline in any::<bool>(),
        ) {
            let ending = if crlf { "\r\n" } else { "\n" };
            let mut source = lines.join(ending);
            if final_newline && !source.is_empty() {
                source.push_str(ending);
            }
            if let Some(plain) = parse_plain(&source) {
                prop_assert_eq!(Ok(plain), parse_full(&source), "{:?}", source);
            }
        }
    }

    /// The plain reader as it was first written, every line listed before the entries are
    /// made: [`parse_plain`] reads one line ahead instead, and must take and read the same
    /// files.
    fn listed(source: &str) -> Option<FtlFile> {
        if source.starts_with('\u{FEFF}') || source.contains('\0') {
            return None;
        }
        // Catalog lines run to a few dozen bytes: room for most without growing.
        let mut lines: Vec<PlainLine<'_>> = Vec::with_capacity(source.len() / 32 + 1);
        let mut start = 0;
        while start < source.len() {
            let (end, text) = match source[start..].find('\n') {
                Some(at) => (start + at + 1, &source[start..start + at]),
                None => (source.len(), &source[start..]),
            };
            let text = text.strip_suffix('\r').unwrap_or(text);
            if text.contains('\r') {
                return None;
            }
            let kind = plain_line(text)?;
            lines.push(PlainLine {
                start,
                end,
                number: lines.len() + 1,
                kind,
            });
            start = end;
        }
        // A last line of spaces without a line break is Junk to fluent-rs after most entries.
        if !source.ends_with('\n') && lines.last().is_some_and(|l| l.kind == PlainKind::Blank) {
            return None;
        }
        let mut ids: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        let mut entries = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let first = i;
            let kind = match lines[i].kind {
                PlainKind::Blank => {
                    while i < lines.len() && lines[i].kind == PlainKind::Blank {
                        i += 1;
                    }
                    EntryKind::Blank
                }
                PlainKind::Comment(level) => {
                    while i < lines.len() && lines[i].kind == PlainKind::Comment(level) {
                        i += 1;
                    }
                    match lines.get(i).map(|line| line.kind) {
                        // A comment directly above a message is the message's.
                        Some(PlainKind::Message { id, value }) if level == 1 => {
                            i += 1;
                            let id_start = lines[i - 1].start;
                            message(
                                source,
                                &mut ids,
                                id,
                                value,
                                lines[first].start,
                                id_start,
                                lines[i - 1].end,
                            )?
                        }
                        _ => EntryKind::Comment { level },
                    }
                }
                PlainKind::Message { id, value } => {
                    i += 1;
                    message(
                        source,
                        &mut ids,
                        id,
                        value,
                        lines[first].start,
                        lines[first].start,
                        lines[i - 1].end,
                    )?
                }
            };
            let (start, end) = (lines[first].start, lines[i - 1].end);
            entries.push(Entry {
                raw: source[start..end].to_owned(),
                line: first + 1,
                kind,
            });
        }
        Some(FtlFile { entries })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The plain reader takes the files the listing reader took, and reads them alike.
        #[test]
        fn plain_reader_reads_as_the_listing_reader(
            lines in prop::collection::vec(plain_or_not_line(), 0..10),
            crlf in any::<bool>(),
            final_newline in any::<bool>(),
            blank_tail in any::<bool>(),
        ) {
            let ending = if crlf { "\r\n" } else { "\n" };
            let mut source = lines.join(ending);
            if final_newline && !source.is_empty() {
                source.push_str(ending);
            }
            if blank_tail {
                source.push_str("  ");
            }
            prop_assert_eq!(parse_plain(&source), listed(&source), "{:?}", source);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn generated_files_are_lossless(
            items in prop::collection::vec(item(), 0..12),
            crlf in any::<bool>(),
            strip_final_newline in any::<bool>(),
        ) {
            let mut source = String::new();
            let mut expected: Vec<(String, Option<String>)> = Vec::new();
            for (n, item) in items.iter().enumerate() {
                match item {
                    Item::Message { comment, text, attribute } => {
                        let id = format!("m{n}");
                        if *comment {
                            source.push_str("# about it\n");
                        }
                        source.push_str(&write_message(&id, text));
                        if *attribute {
                            source.push_str("    .title = t\n");
                        }
                        expected.push((id, Some(text.clone())));
                    }
                    Item::Term { text } => {
                        let id = format!("t{n}");
                        source.push('-');
                        source.push_str(&write_message(&id, text));
                        expected.push((format!("-{id}"), Some(text.clone())));
                    }
                    Item::Select => {
                        let id = format!("s{n}");
                        source.push_str(&format!("{id} = {{ $n ->\n   *[a] A\n}}\n"));
                        expected.push((id, None));
                    }
                    Item::Comment { level } => {
                        source.push_str(&"#".repeat(usize::from(*level)));
                        source.push_str(" note\n");
                    }
                    Item::Blank { spaces } => {
                        source.push_str(&" ".repeat(*spaces));
                        source.push('\n');
                    }
                }
            }
            // fluent-rs reads a last line of spaces without a line break as Junk unless it
            // follows a pattern (see `crlf_and_missing_final_newline`).
            if strip_final_newline && !source.ends_with(" \n") {
                source.pop();
            }
            if crlf {
                source = source.replace('\n', "\r\n");
            }
            let file = parse(&source);
            prop_assert!(file.is_ok(), "{:?} in {:?}", file, source);
            let file = file.unwrap_or_else(|_| FtlFile { entries: vec![] });
            prop_assert_eq!(file.to_string(), source.clone());
            let got: Vec<(String, Option<String>)> = file
                .entries
                .iter()
                .filter_map(|e| match &e.kind {
                    EntryKind::Message { id, value, .. } => Some((id.clone(), value.clone())),
                    EntryKind::Term { id, value, .. } => Some((format!("-{id}"), value.clone())),
                    _ => None,
                })
                .collect();
            prop_assert_eq!(got, expected);
            for entry in &file.entries {
                // Every entry stands on its own: parsed alone it is the same entry.
                let alone = parse(&entry.raw);
                prop_assert!(alone.is_ok(), "{:?}", entry);
                let alone = alone.unwrap_or_else(|_| FtlFile { entries: vec![] });
                prop_assert_eq!(alone.entries.len(), 1, "{:?}", entry);
                prop_assert_eq!(&alone.entries[0].kind, &entry.kind);
                if let EntryKind::Message { comment, body, .. } | EntryKind::Term { comment, body, .. } = &entry.kind {
                    prop_assert_eq!(format!("{}{body}", comment.as_deref().unwrap_or("")), entry.raw.clone());
                }
            }
        }
    }
}
