//! gettext PO, as `msgfmt --check`, Poedit and Weblate read it: `msgctxt` is
//! `document/id`, `msgid` the source, `msgstr` the translation (empty when untranslated).
//! A stale unit is `#, fuzzy` with the source it was made from as `#| msgid`. The other source
//! language, the previous sources and changes of the other language, and the fingerprints are
//! extracted comments (`#. en: …`, `#. was en: …`, `#. change ja: …`,
//! `#. honyaku: ja=… en=…`); the translator's comments are translator comments (`# …`).
//! Strings are escaped as gettext does (`\n`, `\t`, `\"`, `\\`, octal for other controls) and
//! wrapped like msgcat: lines end after each `\n` and at spaces before 80 columns.

use std::borrow::Cow;

use super::FormatError;
use super::model::{
    Incoming, Languages, Previous, Unit, fingerprints_attr, parse_fingerprints, target_fingerprint,
};
use crate::catalog::notes;

/// The header field naming the language the msgids are in.
const SOURCE_FIELD: &str = "X-Honyaku-Source-Language";
const FINGERPRINTS: &str = "honyaku: ";
/// The comment carrying the fingerprint of the translation as exported
/// ([`super::model::target_fingerprint`]).
const TRANSLATION: &str = "honyaku translation: ";
/// The note of a stale unit whose msgid did not change (read back as no source text).
const STALE_NOTE: &str = "stale: ";
/// Longest line msgcat writes.
const WIDTH: usize = 79;

fn escape(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b < 0x20 || matches!(b, b'\\' | b'"')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{B}' => out.push_str("\\v"),
            '\u{C}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\{:03o}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `keyword "string"`, wrapped as msgcat wraps it; `prefix` starts every line (`#| `).
fn write_string(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let escaped = escape(text);
    let first = prefix.chars().count() + keyword.chars().count() + 3 + escaped.chars().count();
    let inner_break = escaped.find("\\n").is_some_and(|at| at + 2 < escaped.len());
    if first <= WIDTH && !inner_break {
        for part in [prefix, keyword, " \"", &escaped, "\"\n"] {
            out.push_str(part);
        }
        return;
    }
    for part in [prefix, keyword, " \"\"\n"] {
        out.push_str(part);
    }
    let room = WIDTH - prefix.chars().count() - 2;
    for line in split_after_newlines(&escaped) {
        for piece in wrap(line, room) {
            for part in [prefix, "\"", piece, "\"\n"] {
                out.push_str(part);
            }
        }
    }
}

/// Splits an escaped string after each `\n` escape.
fn split_after_newlines(escaped: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = escaped.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes.get(i + 1) == Some(&b'n') {
                parts.push(&escaped[start..i + 2]);
                start = i + 2;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    if start < escaped.len() {
        parts.push(&escaped[start..]);
    }
    parts
}

/// Breaks a line after spaces so that each piece fits `room` characters where it can.
fn wrap(line: &str, room: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while rest.chars().count() > room {
        let limit = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
        match rest[..limit].rfind(' ') {
            Some(space) if space > 0 => {
                pieces.push(&rest[..=space]);
                rest = &rest[space + 1..];
            }
            _ => break,
        }
    }
    pieces.push(rest);
    pieces
}

/// The header entry of a PO file.
pub(crate) fn head(from: &str, target: &str) -> String {
    let mut out = String::new();
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for field in [
        "Project-Id-Version: honyaku\\n".to_owned(),
        // Empty, as a fresh catalog has them: the translator's tool fills them in.
        "PO-Revision-Date: \\n".to_owned(),
        "Last-Translator: \\n".to_owned(),
        "Language-Team: \\n".to_owned(),
        format!("Language: {}\\n", target.replace('-', "_")),
        "MIME-Version: 1.0\\n".to_owned(),
        "Content-Type: text/plain; charset=UTF-8\\n".to_owned(),
        "Content-Transfer-Encoding: 8bit\\n".to_owned(),
        format!("{SOURCE_FIELD}: {from}\\n"),
    ] {
        out.push_str(&format!("\"{field}\"\n"));
    }
    out
}

/// The entries of one document.
pub(crate) fn document(from: &str, document: &str, units: &[Unit]) -> String {
    let mut out = String::new();
    for unit in units {
        out.push('\n');
        write_unit(&mut out, document, unit, from);
    }
    out
}

fn write_unit(out: &mut String, document: &str, unit: &Unit, from: &str) {
    for comment in &unit.comments {
        out.push_str(&format!("# {comment}\n"));
    }
    let source = unit.source(from);
    for other in unit.sources.iter().filter(|s| s.locale != source.locale) {
        out.push_str(&format!(
            "#. {}: {}\n",
            other.locale,
            notes::escape(&other.text)
        ));
    }
    for previous in unit.previous.iter().filter(|p| p.locale != source.locale) {
        out.push_str(&format!(
            "#. was {}: {}\n",
            previous.locale,
            notes::escape(&previous.text)
        ));
    }
    for change in &unit.changes {
        out.push_str(&format!(
            "#. change {}: {}\n",
            change.locale,
            notes::escape(&change.text)
        ));
    }
    out.push_str(&format!(
        "#. {FINGERPRINTS}{}\n",
        fingerprints_attr(&unit.sources)
    ));
    out.push_str(&format!(
        "#. {TRANSLATION}{}\n",
        target_fingerprint(unit.target.as_deref())
    ));
    // `#| msgid` only when the msgid's own text changed; a unit stale through the other
    // source alone (or marked for review) says so in a note instead.
    let previous = unit
        .previous
        .iter()
        .find(|p| p.locale == source.locale && p.text != source.text);
    if unit.state == super::State::Stale && previous.is_none() {
        let changed: Vec<&str> = unit
            .previous
            .iter()
            .filter(|p| {
                unit.sources
                    .iter()
                    .all(|s| s.locale != p.locale || s.text != p.text)
            })
            .map(|p| p.locale.as_str())
            .collect();
        let note = if changed.is_empty() {
            "marked as needing review; no source changed".to_owned()
        } else {
            format!(
                "the {} source changed since the translation (\"was\" above); this msgid did not",
                changed.join(" and ")
            )
        };
        out.push_str(&format!("#. {STALE_NOTE}{note}\n"));
    }
    if unit.state == super::State::Stale {
        out.push_str("#, fuzzy\n");
        if let Some(previous) = previous {
            write_string(out, "#| ", "msgid", &previous.text);
        }
    }
    write_string(out, "", "msgctxt", &format!("{document}/{}", unit.id));
    write_string(out, "", "msgid", &source.text);
    write_string(
        out,
        "",
        "msgstr",
        unit.target.as_deref().unwrap_or_default(),
    );
}

/// One entry as read.
#[derive(Debug, Default)]
struct Entry {
    line: usize,
    comments: Vec<String>,
    fuzzy: bool,
    previous: Option<String>,
    msgctxt: Option<String>,
    msgid: Option<String>,
    msgstr: Option<String>,
    obsolete: bool,
    plural: bool,
}

impl Entry {
    /// Whether the entry has both its strings: one that a piece of the file may end with.
    fn is_whole(&self) -> bool {
        self.msgid.is_some() && self.msgstr.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Previous,
    Context,
    Id,
    Str,
}

/// Reads a quoted PO string (`"…"`), returning its text; `column` is where it starts (the
/// opening quote). An error in it is reported at the character at fault (a bad escape at
/// its backslash).
fn unquote(text: &str, line: usize, column: usize) -> Result<String, FormatError> {
    let err = |column: usize, message: &str| FormatError {
        line,
        column,
        message: message.to_owned(),
    };
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .ok_or_else(|| err(column, "expected a string in double quotes"))?;
    let mut out = String::with_capacity(inner.len());
    // Characters are counted from the opening quote, at `column`.
    let mut chars = inner.chars().zip(column + 1..).peekable();
    while let Some((c, at)) = chars.next() {
        match c {
            '"' => return Err(err(at, "unescaped `\"` inside a string")),
            '\\' => match chars.next().map(|(c, _)| c) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('v') => out.push('\u{B}'),
                Some('f') => out.push('\u{C}'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some(d @ '0'..='7') => {
                    let mut value = d.to_digit(8).unwrap_or_default();
                    for _ in 0..2 {
                        match chars.peek().and_then(|(c, _)| c.to_digit(8)) {
                            Some(digit) => {
                                value = value * 8 + digit;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    out.push(char::from_u32(value).ok_or_else(|| err(at, "bad octal escape"))?);
                }
                _ => return Err(err(at, "unknown escape sequence")),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The column (1-based, in characters) where `part`, a slice of `line`, starts.
fn column_of(line: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(line.as_ptr() as usize)
        .min(line.len());
    line.get(..offset)
        .map_or(1, |before| before.chars().count() + 1)
}

/// Reads a PO file.
pub(crate) fn read(text: &str) -> Result<(Languages, Vec<Incoming>), FormatError> {
    read_in(text, CHUNK)
}

/// Bytes of a PO file below which it is read on one thread.
const CHUNK: usize = 1 << 20;

/// [`read`], the file cut into pieces of about `chunk` bytes read on all threads. A piece
/// starts only where the reader on its own would start a new entry: at a keyword or comment
/// line after blank lines, the line before them a string of an entry that has its
/// `msgstr`. Whatever a piece finds wrong (or a piece that ends in an unfinished entry), the
/// whole file is read again on one thread, so errors are exactly the one-thread reader's.
fn read_in(text: &str, chunk: usize) -> Result<(Languages, Vec<Incoming>), FormatError> {
    use rayon::prelude::*;
    let pieces = pieces(text, chunk);
    let read: Vec<Result<Vec<Entry>, FormatError>> = pieces
        .par_iter()
        .map(|&(start, end, line)| entries_of(&text[start..end], line))
        .collect();
    let whole = read
        .iter()
        .all(|r| r.as_ref().is_ok_and(|e| e.iter().all(Entry::is_whole)));
    let entries = if whole && pieces.len() > 1 {
        read.into_iter()
            .flat_map(|r| r.unwrap_or_default())
            .collect()
    } else if pieces.len() == 1 {
        read.into_iter().next().unwrap_or_else(|| Ok(Vec::new()))?
    } else {
        entries_of(text, 1)?
    };
    finish_reading(entries)
}

/// Where [`read_in`] may cut `text`: (start, end, first line number) of each piece.
fn pieces(text: &str, chunk: usize) -> Vec<(usize, usize, usize)> {
    let mut pieces = Vec::new();
    let (mut start, mut line) = (0, 1);
    while start < text.len() {
        let cut = (start + chunk < text.len())
            .then(|| next_cut(text, start + chunk))
            .flatten()
            .unwrap_or(text.len());
        pieces.push((start, cut, line));
        line += text.as_bytes()[start..cut]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        start = cut;
    }
    if pieces.is_empty() {
        pieces.push((0, 0, 1));
    }
    pieces
}

/// The first place at or after `from` where a piece may start (see [`read_in`]).
fn next_cut(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    while let Some(found) = text[at..].find("\n\n") {
        let blank = at + found + 1;
        // The next line with something on it opens an entry.
        let next = blank
            + bytes[blank..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        let opens = {
            let rest = &text[next..];
            rest.starts_with('#') && !rest.starts_with("#~")
                || rest.starts_with("msgctxt")
                || rest.starts_with("msgid ")
        };
        // The line before the blank one is a string of an entry with its `msgstr`.
        let before = text[..blank - 1]
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .trim();
        if opens && (before.starts_with("msgstr ") || before.starts_with('"')) {
            return Some(next);
        }
        at = blank;
    }
    None
}

/// The entries of `text`, whose first line is line `first_line` of the file.
fn entries_of(text: &str, first_line: usize) -> Result<Vec<Entry>, FormatError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current = Entry::default();
    let mut field: Option<Field> = None;
    let mut started = false;
    let finish = |entry: &mut Entry, entries: &mut Vec<Entry>, started: &mut bool| {
        if *started {
            entries.push(std::mem::take(entry));
        }
        *started = false;
    };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + first_line;
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim_start();
        let column = line.len() - trimmed.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        let (obsolete, body) = match trimmed.strip_prefix("#~") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        // A comment after the strings of an entry starts the next entry.
        let opens =
            body.starts_with('#') || body.starts_with("msgctxt") || body.starts_with("msgid ");
        if opens && current.msgid.is_some() && current.msgstr.is_some() {
            finish(&mut current, &mut entries, &mut started);
            field = None;
        }
        if !started {
            current.line = line_no;
            started = true;
        }
        current.obsolete |= obsolete;
        if let Some(flags) = body.strip_prefix("#,") {
            current.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
        } else if let Some(prev) = body.strip_prefix("#|") {
            let prev = prev.trim_start();
            if let Some(string) = prev.strip_prefix("msgid ") {
                let string = string.trim();
                current.previous = Some(unquote(string, line_no, column_of(line, string))?);
                field = Some(Field::Previous);
            } else if prev.starts_with('"') && field == Some(Field::Previous) {
                let string = prev.trim();
                let more = unquote(string, line_no, column_of(line, string))?;
                if let Some(p) = current.previous.as_mut() {
                    p.push_str(&more);
                }
            }
        } else if let Some(comment) = body.strip_prefix("#.") {
            current
                .comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
        } else if body.starts_with('#') {
            // Translator comments and references: not read back.
        } else if let Some(string) = body.strip_prefix("msgctxt ") {
            let string = string.trim();
            current.msgctxt = Some(unquote(string, line_no, column_of(line, string))?);
            field = Some(Field::Context);
        } else if let Some(string) = body.strip_prefix("msgid_plural ") {
            let string = string.trim();
            unquote(string, line_no, column_of(line, string))?;
            current.plural = true;
            field = None;
        } else if let Some(string) = body.strip_prefix("msgid ") {
            let string = string.trim();
            current.msgid = Some(unquote(string, line_no, column_of(line, string))?);
            field = Some(Field::Id);
        } else if body.starts_with("msgstr[") {
            current.plural = true;
            let string = body.split_once(' ').map(|(_, s)| s).unwrap_or_default();
            let string = string.trim();
            unquote(string, line_no, column_of(line, string))?;
            current.msgstr.get_or_insert_with(String::new);
            field = None;
        } else if let Some(string) = body.strip_prefix("msgstr ") {
            let string = string.trim();
            current.msgstr = Some(unquote(string, line_no, column_of(line, string))?);
            field = Some(Field::Str);
        } else if body.starts_with('"') {
            let string = body.trim();
            let more = unquote(string, line_no, column_of(line, string))?;
            let slot = match field {
                Some(Field::Context) => current.msgctxt.as_mut(),
                Some(Field::Id) => current.msgid.as_mut(),
                Some(Field::Str) => current.msgstr.as_mut(),
                _ => None,
            };
            slot.ok_or_else(|| FormatError {
                line: line_no,
                column,
                message: "a string continuation without a keyword before it".into(),
            })?
            .push_str(&more);
        } else {
            return Err(FormatError {
                line: line_no,
                column,
                message: format!("not PO syntax: {:?}", truncate(body)),
            });
        }
    }
    finish(&mut current, &mut entries, &mut started);
    Ok(entries)
}

/// The header and units of a file's entries.
fn finish_reading(entries: Vec<Entry>) -> Result<(Languages, Vec<Incoming>), FormatError> {
    let mut languages = None;
    let mut units = Vec::new();
    for entry in entries {
        let Some(msgid) = entry.msgid.clone() else {
            if entry.msgstr.is_some() || entry.msgctxt.is_some() {
                return Err(FormatError {
                    line: entry.line,
                    column: 1,
                    message: "an entry without msgid".into(),
                });
            }
            continue;
        };
        if entry.msgstr.is_none() {
            return Err(FormatError {
                line: entry.line,
                column: 1,
                message: "an entry without msgstr".into(),
            });
        }
        if msgid.is_empty() && entry.msgctxt.is_none() {
            languages = Some(header_languages(
                entry.msgstr.as_deref().unwrap_or_default(),
                entry.line,
            )?);
            continue;
        }
        if entry.obsolete {
            continue;
        }
        units.push(entry);
    }
    let languages = languages.ok_or_else(|| FormatError {
        line: 1,
        column: 1,
        message: format!("no header entry with `Language:` and `{SOURCE_FIELD}:`"),
    })?;
    let units = {
        use rayon::prelude::*;
        let units: Vec<Result<Incoming, FormatError>> = units
            .into_par_iter()
            .map(|entry| to_incoming(entry, &languages))
            .collect();
        // The first error in the file's order, as one thread would find it.
        units.into_iter().collect::<Result<_, _>>()?
    };
    Ok((languages, units))
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

fn header_languages(header: &str, line: usize) -> Result<Languages, FormatError> {
    let field = |name: &str| {
        header.lines().find_map(|l| {
            l.strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .map(|v| v.trim().replace('_', "-"))
        })
    };
    match (field(SOURCE_FIELD), field("Language")) {
        (Some(source), Some(target)) if !target.is_empty() => Ok(Languages { source, target }),
        _ => Err(FormatError {
            line,
            column: 1,
            message: format!("the header lacks `Language:` or `{SOURCE_FIELD}:`"),
        }),
    }
}

fn to_incoming(entry: Entry, languages: &Languages) -> Result<Incoming, FormatError> {
    let at = |message: String| FormatError {
        line: entry.line,
        column: 1,
        message,
    };
    if entry.plural {
        return Err(at(
            "a plural entry; honyaku's messages have no plural forms".into(),
        ));
    }
    let context = entry.msgctxt.clone().unwrap_or_default();
    let Some((document, id)) = context.rsplit_once('/') else {
        return Err(at(format!("msgctxt {context:?} is not `document/id`")));
    };
    let mut fingerprints = Vec::new();
    let mut texts = Vec::new();
    let mut previous = Vec::new();
    let mut exported_target = None;
    for comment in &entry.comments {
        if let Some(fp) = comment.strip_prefix(TRANSLATION) {
            exported_target = Some(
                crate::fingerprint::Fingerprint::parse(fp.trim())
                    .ok_or_else(|| at(format!("malformed translation fingerprint {fp:?}")))?,
            );
        } else if let Some(list) = comment.strip_prefix(FINGERPRINTS) {
            fingerprints = parse_fingerprints(list)
                .ok_or_else(|| at(format!("malformed fingerprints {list:?}")))?;
        } else if let Some(rest) = comment.strip_prefix("was ") {
            if let Some((locale, text)) = rest.split_once(": ") {
                previous.push(Previous {
                    locale: locale.to_owned(),
                    text: notes::unescape(text).unwrap_or_else(|| text.to_owned()),
                });
            }
        } else if let Some((locale, text)) = comment.split_once(": ") {
            texts.push((
                locale.to_owned(),
                notes::unescape(text).unwrap_or_else(|| text.to_owned()),
            ));
        }
    }
    texts.retain(|(l, _)| fingerprints.iter().any(|(f, _)| f == l));
    // The msgid's locale: the file's source language, or for a unit with no text in it, the
    // one fingerprinted locale not given in a comment.
    let msgid_locale =
        if fingerprints.iter().any(|(l, _)| *l == languages.source) || fingerprints.is_empty() {
            languages.source.clone()
        } else {
            fingerprints
                .iter()
                .find(|(l, _)| !texts.iter().any(|(t, _)| t == l))
                .map_or_else(|| languages.source.clone(), |(l, _)| l.clone())
        };
    texts.retain(|(l, _)| *l != msgid_locale);
    texts.push((
        msgid_locale.clone(),
        entry.msgid.clone().unwrap_or_default(),
    ));
    if let Some(text) = &entry.previous {
        previous.push(Previous {
            locale: msgid_locale,
            text: text.clone(),
        });
    }
    let target = entry.msgstr.clone().filter(|t| !t.is_empty());
    Ok(Incoming {
        document: document.to_owned(),
        id: id.to_owned(),
        exported: super::model::exported(&fingerprints, &texts),
        target,
        needs_review: entry.fuzzy,
        previous,
        exported_target,
        unreadable: None,
        line: entry.line,
        column: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_escaping_and_wrapping() {
        let text = "Line one \"quoted\" \\ back\nline two\twith tab \u{1} and a very long tail that must be wrapped because it is far longer than seventy-nine columns\n";
        let mut out = String::new();
        write_string(&mut out, "", "msgid", text);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        let mut read = String::new();
        for (i, line) in out.lines().enumerate() {
            let quoted = line.strip_prefix("msgid ").unwrap_or(line);
            read.push_str(&unquote(quoted, i + 1, 1).unwrap_or_default());
        }
        assert_eq!(read, text);
    }

    /// A PO file of `n` entries in the shape honyaku writes, with the shapes a translator's
    /// tool may add: a fuzzy one with its previous source, an obsolete one, a comment block
    /// standing alone before an entry, a string continued over lines.
    fn sample(n: usize, newline: &str) -> String {
        let mut po = String::from(
            "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"X-Honyaku-Source-Language: ja\\n\"\n",
        );
        for k in 0..n {
            po.push('\n');
            match k % 7 {
                1 => po.push_str("#, fuzzy\n#| msgid \"旧\"\n"),
                2 => po.push_str("#. a note standing alone\n\n"),
                3 => po.push_str("#~ msgctxt \"d/old\"\n#~ msgid \"古\"\n#~ msgstr \"vieux\"\n\n"),
                _ => {}
            }
            po.push_str(&format!(
                "#. en: Item {k}\n#. honyaku: ja=0123456789abcdef en=fedcba9876543210\nmsgctxt \"doc-{}/m-{k}\"\nmsgid \"項目{k}\"\n",
                k / 10
            ));
            if k % 5 == 0 {
                po.push_str(&format!("msgstr \"\"\n\"Article \"\n\"{k}\"\n"));
            } else {
                po.push_str(&format!("msgstr \"Article {k}\"\n"));
            }
        }
        po.replace('\n', newline)
    }

    #[test]
    fn read_in_pieces_is_read_whole() {
        for newline in ["\n", "\r\n"] {
            let good = sample(60, newline);
            let whole = read_in(&good, usize::MAX);
            assert!(
                whole.as_ref().is_ok_and(|(_, units)| units.len() == 60),
                "{whole:?}"
            );
            // Broken at a place of each kind, early and late: the same error, the same line.
            // (A msgstr taken out is read, by the one-thread reader too, as the entry running
            // on into the next one: a different text, but not an error.)
            let breaks = [
                ("msgid \"項目3\"", "msgid \"項目3\\q\""),
                ("msgstr \"Article 58\"", "msgstr \"Article 58"),
                ("msgstr \"Article 12\"", "gibberish"),
                ("msgstr \"Article 13\"", ""),
                ("msgctxt \"doc-5/m-51\"", "msgctxt \"doc-5-m-51\""),
                (
                    "#. honyaku: ja=0123456789abcdef en=fedcba9876543210\nmsgctxt \"doc-4/m-44\"",
                    "#. honyaku: ja=zz\nmsgctxt \"doc-4/m-44\"",
                ),
            ];
            let mut texts = vec![good.clone()];
            for (from, to) in breaks {
                let from = from.replace('\n', newline);
                assert!(good.contains(&from), "{from}");
                texts.push(good.replacen(&from, &to.replace('\n', newline), 1));
            }
            for (k, text) in texts.iter().enumerate() {
                let whole = read_in(text, usize::MAX);
                assert_eq!(whole.is_err(), k > 0 && k != 4, "text {k}");
                for chunk in (1..=400).step_by(3) {
                    assert_eq!(read_in(text, chunk), whole, "chunk {chunk}");
                }
            }
        }
        // The pieces really are several: cuts are found in a file of this shape.
        assert!(pieces(&sample(60, "\n"), 200).len() > 10);
    }

    #[test]
    fn a_bad_escape_has_a_position() {
        let po = "msgid \"\"\nmsgstr \"Language: fr\\nX-Honyaku-Source-Language: ja\\n\"\n\nmsgctxt \"d/a\"\nmsgid \"x\\q\"\nmsgstr \"\"\n";
        let error = read(po).err();
        assert_eq!(error.map(|e| (e.line, e.column)), Some((5, 9)));
        // Columns count characters, and a continuation line's string where it stands.
        let po = "msgid \"\"\nmsgstr \"Language: fr\\nX-Honyaku-Source-Language: ja\\n\"\n\nmsgctxt \"d/a\"\nmsgid \"\"\n  \"日本\\q\"\nmsgstr \"\"\n";
        let error = read(po).err();
        assert_eq!(error.map(|e| (e.line, e.column)), Some((6, 6)));
    }
}
