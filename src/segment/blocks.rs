//! The block reader: lines → structural blocks → sentence segments. Whatever is not a
//! segment (markers, indentation, blank lines, line endings, a BOM) stays in the source as
//! skeleton, so [`Document::rebuild`](super::Document::rebuild) is exact by construction.
//!
//! Releases are line-oriented. A line is structure (a heading, a list item, a label, a row of a
//! flattened table) unless the hard-wrap rule in [`is_hard_wrap`] says it continues the line
//! before it.

use std::ops::Range;

use super::{Block, BlockKind, BlockMarker, Document, Segment, sentence};
use crate::figures::{self, BULLETS, Marker, is_digit};
use crate::locale::{Locale, Writing};

/// Characters that end a sentence or a clause, after which a line break is never a wrap.
const TERMINALS: &[char] = &[
    '.', '!', '?', ':', ';', '。', '．', '！', '？', '：', '；', '」', '』', '）', ')', '】', '"',
    '”',
];

/// Headings made of a known word alone on a line: the contact block and similar.
const HEADING_WORDS: &[&str] = &[
    "Contact",
    "Contacts",
    "Inquiries",
    "Contact information",
    "連絡先",
    "問い合わせ先",
    "問合せ先",
    "お問い合わせ先",
    "照会先",
    "（連絡先）",
    "【連絡先】",
    "＜連絡先＞",
];

/// Label words that start a contact or reference line (`TEL: …`, `電話：…`), matched
/// without regard to ASCII case and with an optional plural `s` (`phone:`, `Contact persons:`).
const LABELS: &[&str] = &[
    "Tel",
    "Telephone",
    "Phone",
    "Fax",
    "E-mail",
    "Email",
    "Mail",
    "URL",
    "ＴＥＬ",
    "ＦＡＸ",
    "電話",
    "ファクシミリ",
    "メール",
    "Ｅメール",
    "Ｅ－ｍａｉｌ",
    "担当",
    "Contact person",
];

/// Longest numbered line (in chars) still taken as a heading rather than a list item.
const HEADING_MAX_CHARS: usize = 90;

/// Fewest words an English line needs before a break after it can be a hard wrap: wrapping
/// happens at a fill width, so one- or two-word lines are labels or list entries.
const WRAP_MIN_WORDS: usize = 3;

/// One physical line of the source.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based line number.
    number: usize,
    /// Start of the line's text after indentation (and after a BOM on line 1).
    text_start: usize,
    /// End of the line's text before trailing whitespace and the line ending.
    text_end: usize,
    /// Whether whitespace stands between the text and the line ending.
    trailing_space: bool,
    /// Leading whitespace width in columns.
    indent: usize,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.text_start >= self.text_end
    }
}

/// How a line opens, decided from its first characters alone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opening {
    /// Starts a block of this kind; the marker (if any) and where the text starts.
    Block {
        kind: BlockKind,
        marker: Option<Range<usize>>,
        text_start: usize,
    },
    /// An ordinary line of prose.
    Plain,
}

pub(super) fn read(source: String, locale: &Locale) -> Document {
    let lines = split_lines(&source);
    // How each line opens, decided once: the wrap rule asks it of every next line.
    let openings: Vec<Opening> = lines.iter().map(|line| classify(&source, line)).collect();
    let opens_block: Vec<bool> = openings.iter().map(|o| *o != Opening::Plain).collect();
    let fill = fill_widths(&source, &lines, &opens_block);
    // Whether line `index + 1` continues line `index`, in a block whose text starts at
    // column `text_column` of its first line.
    let wraps = |index: usize, text_column: usize| {
        lines.get(index + 1).is_some_and(|next| {
            openings[index + 1] == Opening::Plain
                && is_hard_wrap(
                    &source,
                    Wrap {
                        line: &lines[index],
                        next,
                        text_column,
                        fill: fill[index],
                    },
                    locale,
                )
        })
    };
    let mut blocks: Vec<Block> = Vec::new();
    let mut index = 0;
    // The header is the first run of lines: date lines and the title, in either order.
    let mut in_header = true;
    let mut has_title = false;
    while index < lines.len() {
        let line = &lines[index];
        if line.is_blank() {
            // A blank line ends the header, unless only the date and the issuer were read:
            // the title may stand apart from them.
            in_header &= blocks.is_empty()
                || (!has_title
                    && blocks
                        .iter()
                        .all(|b| matches!(b.kind, BlockKind::Date | BlockKind::Issuer)));
            index += 1;
            continue;
        }
        if in_header && !has_title {
            let plain = openings[index] == Opening::Plain;
            let wrapped = wraps(index, column(&source, line, line.text_start));
            if let Some(header) = read_header_line(&source, line, plain, wrapped, locale) {
                has_title = header.iter().any(|b| b.kind == BlockKind::Title);
                blocks.extend(header);
                index += 1;
                continue;
            }
        }
        in_header = false;
        let (kind, marker, text_start) = match openings[index].clone() {
            Opening::Block {
                kind,
                marker,
                text_start,
            } => (kind, marker, text_start),
            Opening::Plain => (BlockKind::Paragraph, None, line.text_start),
        };
        let mut last = index;
        if kind.is_prose() {
            let text_column = column(&source, line, text_start);
            while wraps(last, text_column) {
                last += 1;
            }
        }
        let kind = match kind {
            // A numbered line that reads like a sentence is an ordered list item, not a heading;
            // so is one next to its predecessor or successor in the same numbering, with no
            // text between them: `（１）…` `（２）…` on consecutive lines are a list.
            BlockKind::Heading if marker.is_some() && last == index => {
                if in_numbered_run(&source, &lines, &openings, index) {
                    BlockKind::ListItem
                } else {
                    heading_or_item(&source[text_start..line.text_end], locale)
                }
            }
            other => other,
        };
        blocks.push(Block {
            kind,
            span: text_start..lines[last].text_end,
            marker: marker.map(|span| BlockMarker {
                kind: Marker::parse(&source[span.clone()]),
                span,
            }),
            depth: line.indent,
            line: line.number,
        });
        index = last + 1;
    }
    let segments = blocks
        .iter()
        .enumerate()
        .flat_map(|(block_index, block)| segments_of(&source, block_index, block, locale))
        .collect();
    Document {
        source,
        blocks,
        segments,
    }
}

/// Splits the source into lines, measuring indentation and trimming; line endings (LF or
/// CRLF) and a leading BOM stay outside every line's text.
fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut number = 1;
    while start <= source.len() {
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |at| start + at);
        let mut content_start = start;
        if start == 0 && source.starts_with('\u{feff}') {
            content_start = '\u{feff}'.len_utf8();
        }
        let content = &source[content_start..end];
        let trimmed_start = content.trim_start();
        let text_start = content_start + (content.len() - trimmed_start.len());
        let text_end = text_start + trimmed_start.trim_end().len();
        let indent = content[..text_start - content_start]
            .chars()
            .map(|c| match c {
                '\t' => 4,
                '\u{3000}' => 2,
                _ => 1,
            })
            .sum();
        let line_end = if source[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        lines.push(Line {
            number,
            text_start,
            text_end: text_end.max(text_start),
            trailing_space: text_end < line_end,
            indent,
        });
        if end == source.len() {
            break;
        }
        start = end + 1;
        number += 1;
    }
    lines
}

/// Reads the first line of text as the release's header: a date line, a title, or a date
/// glued to a title (`May 1, 2020 Results of …`). `None` when the line is prose or structure
/// (`plain`: it opens as prose; `wrapped`: the next line continues it, so it is a paragraph).
fn read_header_line(
    source: &str,
    line: &Line,
    plain: bool,
    wrapped: bool,
    locale: &Locale,
) -> Option<Vec<Block>> {
    let text = &source[line.text_start..line.text_end];
    let block = |kind, span: Range<usize>| Block {
        kind,
        span,
        marker: None,
        depth: line.indent,
        line: line.number,
    };
    if let Some(date_len) = leading_date(text) {
        let rest = &text[date_len..];
        let title = rest.trim_start();
        let date = block(BlockKind::Date, line.text_start..line.text_start + date_len);
        if title.is_empty() {
            return Some(vec![date]);
        }
        // A sentence that opens with a date (`令和9年2月4日（木）に開催します。`) is prose.
        if wrapped || ends_sentence(title) || title.contains(['。', '．', '！', '？']) {
            return None;
        }
        let title_start = line.text_end - title.len();
        return Some(vec![
            date,
            block(BlockKind::Title, title_start..line.text_end),
        ]);
    }
    // The body issuing the release, on its own line before the title.
    if plain && !wrapped && is_issuer(text) {
        return Some(vec![block(
            BlockKind::Issuer,
            line.text_start..line.text_end,
        )]);
    }
    // A title may end in a closing bracket or quote (`…の受付状況（令和8年度上半期）`,
    // `… on the "Draft Ordinance"`): only a sentence's end, closers aside, makes it prose.
    // A Japanese title holds no full stop: `…公表します。（別紙参照）` is prose.
    if wrapped || !plain || ends_sentence(text) || text.contains(['。', '．', '！', '？']) {
        return None;
    }
    // A first line that holds several sentences is prose, not a title.
    if sentence::split(text, locale).len() > 1 {
        return None;
    }
    Some(vec![block(
        BlockKind::Title,
        line.text_start..line.text_end,
    )])
}

/// Whether a header line names the body issuing the release rather than being its title: in
/// Japanese, names of bodies, each ending like one (`国土交通省`, `厚生労働省　医薬局`,
/// `内閣府政策統括官（防災担当）`: a bracketed remark aside); in English, a body's name or a
/// list of them (`Ministry of …`, `Pharmaceutical Safety Bureau, Ministry of …`, `… Agency`).
/// A title says what happened or what is announced, so it never ends on a body's name alone.
fn is_issuer(text: &str) -> bool {
    const JAPANESE: &[&str] = &[
        "省",
        "庁",
        "府",
        "局",
        "部",
        "課",
        "室",
        "官",
        "委員会",
        "本部",
        "院",
        "センター",
    ];
    const ENGLISH: &[&str] = &[
        "Agency",
        "Bureau",
        "Office",
        "Ministry",
        "Commission",
        "Secretariat",
    ];
    let text = text.trim();
    // A bracketed remark after the name (`（防災担当）`) says which part of the body it is.
    let name = match text.strip_suffix(['）', ')']) {
        Some(inner) => inner
            .rfind(['（', '('])
            .map_or(text, |open| text[..open].trim_end()),
        None => text,
    };
    let japanese = !name.is_empty()
        && name.chars().count() <= 30
        && !name.contains(['、', '。', '「', 'の', 'を', 'に', 'が', 'は'])
        && name
            .split([' ', '\u{3000}'])
            .filter(|part| !part.is_empty())
            .all(|part| JAPANESE.iter().any(|end| part.ends_with(end)));
    let english = text.len() <= 120
        && !text.contains([':', '"', '“', '.'])
        && !text.chars().any(|c| c.is_ascii_digit())
        // A ministry's name (which may hold commas: `Ministry of Land, Infrastructure, …`),
        // after a bureau's (`… Bureau, Ministry of …`), or a body's name alone.
        && (text.starts_with("Ministry of ")
            || text.contains(", Ministry of ")
            || text == "Cabinet Office"
            || ENGLISH.iter().any(|end| text.ends_with(&format!(" {end}"))));
    japanese || english
}

/// Decides how a line opens: heading, list item, note, label, URL or plain prose.
fn classify(source: &str, line: &Line) -> Opening {
    let start = line.text_start;
    let text = &source[start..line.text_end];
    let block = |kind, marker_len: usize| {
        let after = &text[marker_len..];
        let text_start = start + marker_len + (after.len() - after.trim_start().len());
        Opening::Block {
            kind,
            marker: (marker_len > 0).then(|| start..start + marker_len),
            text_start,
        }
    };
    if text.starts_with("http://") || text.starts_with("https://") {
        return block(BlockKind::Url, 0);
    }
    if HEADING_WORDS.contains(&text) || is_bracketed_heading(text) {
        return block(BlockKind::Heading, 0);
    }
    if let Some(len) = note_marker(text) {
        return block(BlockKind::Note, len);
    }
    if let Some(len) = number_marker(text) {
        if enumerates_inline(text, len) {
            // `1) The first item 2) The second item`: one line holding a whole enumeration is
            // prose, numbers and all, and the sentence rules split it.
            return Opening::Plain;
        }
        return block(BlockKind::Heading, len);
    }
    if let Some(first) = text.chars().next() {
        if BULLETS.contains(&first) && followed_by_text(&text[first.len_utf8()..], first) {
            return block(BlockKind::ListItem, first.len_utf8());
        }
        if figures::circled_value(first).is_some() && !refers_to_item(&text[first.len_utf8()..]) {
            return block(BlockKind::ListItem, first.len_utf8());
        }
    }
    if is_label_line(text) {
        return block(BlockKind::Label, 0);
    }
    if let Some(len) = leading_date(text) {
        if len == text.len() {
            return block(BlockKind::Date, 0);
        }
    }
    Opening::Plain
}

/// A line break inside prose, as [`is_hard_wrap`] judges it.
#[derive(Debug, Clone, Copy)]
struct Wrap<'a> {
    /// The line before the break, and the one after it (which opens as plain prose: the
    /// caller checks).
    line: &'a Line,
    next: &'a Line,
    /// Column where the text of the block's first line starts (after indentation and marker).
    text_column: usize,
    /// The fill width of the run of lines around the break (see [`fill_widths`]).
    fill: Option<usize>,
}

/// Whether a line break inside prose is a hard wrap, so that the next line continues the
/// block, rather than the start of new structure. One rule for every language (ARCHITECTURE.md,
/// "Line breaks"): the break is a wrap when nothing marks it as structure and the text shows
/// the sentence goes on:
///
/// - structure: the line before ends a sentence or clause (a terminal, colon or semicolon,
///   closing brackets aside), is a bracketed line of its own (`（問合せ先）`), is a table row,
///   or holds fewer than [`WRAP_MIN_WORDS`] words in a script written with spaces; the next
///   line is a table row or is indented deeper than the block's text (a hanging indent under
///   a bullet is fine, a new indented paragraph is not);
/// - the sentence goes on: the next line starts with a lower-case letter (no sentence or item
///   does); or, with no space left at the end of the line before, that line ends in a
///   character that continues a sentence in its language (a comma, a Japanese particle: the
///   rule table's `continuations`), or it is full: the next line's first word (its first
///   character in Japanese or Chinese, which break anywhere) would not have fitted after it
///   within the fill width of the lines around it ([`fill_widths`]).
///
/// The rebuilt file keeps the original bytes either way; this only decides whether the two
/// lines form one block (and so may share a sentence).
fn is_hard_wrap(source: &str, wrap: Wrap<'_>, locale: &Locale) -> bool {
    let Wrap {
        line,
        next,
        text_column,
        fill,
    } = wrap;
    if line.is_blank() || next.is_blank() {
        return false;
    }
    let before = &source[line.text_start..line.text_end];
    let after = &source[next.text_start..next.text_end];
    let structure = next.indent > text_column
        || (locale.writing() == Writing::Spaced
            && before.split_whitespace().count() < WRAP_MIN_WORDS)
        || is_bracketed_line(before)
        || is_tabular(before)
        || is_tabular(after)
        || opens_with_item_label(after)
        || ends_sentence_at_break(before, after, locale);
    if structure {
        return false;
    }
    let Some(first) = after.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    if line.trailing_space {
        return false;
    }
    let continues = before.chars().next_back().is_some_and(|last| {
        sentence::rules_for(locale).is_some_and(|rules| {
            rules
                .continuations
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&last))
        })
    });
    let reach = reach(source, line);
    let full = fill
        .is_some_and(|fill| reach + FILL_SLACK >= fill && reach + first_word(source, next) > fill);
    continues || full
}

/// Widest line (in columns) that text filled to a width still has: plain-text releases are
/// wrapped at 60 to 80 columns (30 to 40 Japanese characters); a run of lines wider than this
/// was not filled, so how wide its lines are says nothing about its breaks.
const MAX_FILL_COLUMNS: usize = 100;

/// How far (in columns) a filled line may fall short of the fill width: a word and its
/// space, which did not fit at its end.
const FILL_SLACK: usize = 20;

/// For each line, the fill width of its run (a line that opens a block, or follows a blank
/// line, and the plain lines after it), in columns, or `None` when the run does not look
/// filled. A paragraph filled to some width has every
/// line but the last full (the next line's first word would not have fitted after it); the
/// lines of a list or a contact block vary too much for that. A run with at least two full
/// lines attests its widest line as its fill width (at most [`MAX_FILL_COLUMNS`]); a text is
/// filled by one tool at one width, so a run too short to attest one (a two-line paragraph)
/// takes the document's, the widest attested, if none of its lines is wider.
fn fill_widths(source: &str, lines: &[Line], opens_block: &[bool]) -> Vec<Option<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let end = (start + 1..lines.len())
            .find(|&i| lines[i].is_blank() || opens_block[i])
            .unwrap_or(lines.len());
        if lines[start].is_blank() {
            start += 1;
            continue;
        }
        let reach = |i: usize| reach(source, &lines[i]);
        let widest = (start..end).map(reach).max().unwrap_or(0);
        let full = (start..end.saturating_sub(1))
            .filter(|&i| reach(i) + first_word(source, &lines[i + 1]) > widest)
            .count();
        let attested = widest <= MAX_FILL_COLUMNS && full >= 2;
        runs.push((start..end, widest, attested));
        start = end;
    }
    let document = runs
        .iter()
        .filter(|(_, _, attested)| *attested)
        .map(|(_, widest, _)| *widest)
        .max();
    let mut fill = vec![None; lines.len()];
    for (range, widest, attested) in runs {
        let width = if attested {
            Some(widest)
        } else {
            document.filter(|&document| widest <= document)
        };
        fill[range].fill(width);
    }
    fill
}

/// The column where a line's text ends, not counting a full-width comma, full stop or
/// closing bracket at its end, which Japanese line breaking lets hang past the fill width
/// (burasage) rather than start the next line with it.
fn reach(source: &str, line: &Line) -> usize {
    let text = &source[line.text_start..line.text_end];
    let text = text
        .strip_suffix(['、', '。', '，', '．', '）', '」', '』', '】', '〕'])
        .unwrap_or(text);
    line.indent + width(text)
}

/// The columns a line's first word would take at the end of the line before: the word and
/// a space before it, or, for Japanese and Chinese text, which breaks anywhere, the first
/// character alone.
fn first_word(source: &str, line: &Line) -> usize {
    let text = &source[line.text_start..line.text_end];
    match text.chars().next() {
        None => 0,
        Some(first) if is_wide(first) => width(&text[..first.len_utf8()]),
        Some(_) => {
            let end = text
                .find(|c: char| c.is_whitespace() || is_wide(c))
                .unwrap_or(text.len());
            1 + width(&text[..end])
        }
    }
}

/// The display column of byte `at` on `line` (indentation counted as in [`Line::indent`]).
fn column(source: &str, line: &Line, at: usize) -> usize {
    line.indent + width(&source[line.text_start..at.max(line.text_start)])
}

/// Display width in columns: two for East Asian wide and full-width characters, one for the
/// rest.
/// The blank prefix that lines up a continuation line under text preceded by `prefix` on its
/// line (indentation and a marker): tabs and ideographic spaces kept, every other character
/// blanked to its width (a wide one to an ideographic space).
pub(super) fn hanging_indent(prefix: &str) -> String {
    prefix
        .chars()
        .map(|c| match c {
            '\t' | '\u{3000}' => c,
            c if is_wide(c) => '\u{3000}',
            _ => ' ',
        })
        .collect()
}

/// The line ending of the line holding byte `at` (`\r\n` or `\n`); for a last line without
/// one, that of the line before, else `\n`.
pub(super) fn line_ending_at(source: &str, at: usize) -> &'static str {
    let at = at.min(source.len());
    let crlf = |end: usize| end > 0 && source.as_bytes().get(end - 1) == Some(&b'\r');
    match source[at..].find('\n').map(|k| at + k) {
        Some(end) if crlf(end) => "\r\n",
        Some(_) => "\n",
        None => match source[..at].rfind('\n') {
            Some(end) if crlf(end) => "\r\n",
            _ => "\n",
        },
    }
}

fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Turns a block into segments: prose is split into sentences, anything else is one segment.
fn segments_of<'a>(
    source: &'a str,
    block_index: usize,
    block: &'a Block,
    locale: &'a Locale,
) -> impl Iterator<Item = Segment> + 'a {
    let text = &source[block.span.clone()];
    let ranges = if block.kind.is_prose() {
        sentence::split(text, locale)
    } else if text.is_empty() {
        Vec::new()
    } else {
        std::iter::once(0..text.len()).collect()
    };
    ranges.into_iter().map(move |range| {
        let span = block.span.start + range.start..block.span.start + range.end;
        Segment {
            text: join_wraps(&source[span.clone()], locale),
            block: block_index,
            kind: block.kind,
            span,
        }
    })
}

/// The text a translator sees for a segment: every line break, with the whitespace around it,
/// becomes one space in spaced languages and nothing in Japanese or Chinese (unless it stands
/// between two Latin letters or digits, where a space is needed there too).
fn join_wraps(raw: &str, locale: &Locale) -> String {
    if !raw.contains('\n') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('\n') {
        let before = rest[..at].trim_end();
        out.push_str(before);
        let after = rest[at + 1..].trim_start();
        let needs_space = match locale.writing() {
            Writing::Spaced => true,
            Writing::Unspaced => {
                let left = before.chars().next_back();
                let right = after.chars().next();
                left.is_some_and(|c| c.is_ascii_alphanumeric())
                    && right.is_some_and(|c| c.is_ascii_alphanumeric())
            }
        };
        if needs_space && !out.is_empty() && !after.is_empty() {
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether the numbered line `index` has, on the line right before or after it, the number
/// before or after its own written the same way (`（２）` beside `（１）` or `（３）`, not
/// beside `２．`).
fn in_numbered_run(source: &str, lines: &[Line], openings: &[Opening], index: usize) -> bool {
    let numbered = |at: usize| match openings.get(at) {
        Some(Opening::Block {
            kind: BlockKind::Heading,
            marker: Some(span),
            ..
        }) if !lines[at].is_blank() => {
            let raw = &source[span.clone()];
            match Marker::parse(raw) {
                Marker::Seq(n) => Some((n, numbering_shape(raw))),
                _ => None,
            }
        }
        _ => None,
    };
    let Some((n, shape)) = numbered(index) else {
        return false;
    };
    let sibling = |at: usize, expected: u32| {
        numbered(at).is_some_and(|(m, other)| m == expected && other == shape)
    };
    (index > 0 && n > 1 && sibling(index - 1, n - 1)) || sibling(index + 1, n + 1)
}

/// A numbering marker without its digits, width-folded: `（１）` and `(3)` are both `()`.
fn numbering_shape(raw: &str) -> String {
    raw.chars()
        .map(figures::fold_char)
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// A numbered line whose text reads like a short title is a heading; one that ends like a
/// sentence, or runs long, is an ordered list item.
fn heading_or_item(text: &str, locale: &Locale) -> BlockKind {
    let too_long = match locale.writing() {
        Writing::Spaced => text.chars().count() > HEADING_MAX_CHARS,
        Writing::Unspaced => text.chars().count() > HEADING_MAX_CHARS / 2,
    };
    let sentence_end = text.ends_with(['.', '。', '．', '!', '?', '！', '？']);
    if too_long || sentence_end {
        BlockKind::ListItem
    } else {
        BlockKind::Heading
    }
}

/// Length of a numbering marker at the start: `1.`, `１．`, `1)`, `(1)`, `（１）`, `第1`, `1　`.
fn number_marker(text: &str) -> Option<usize> {
    let digits_len = |s: &str| {
        s.chars()
            .take_while(|c| is_digit(*c))
            .map(char::len_utf8)
            .sum::<usize>()
    };
    if let Some(rest) = text.strip_prefix('第') {
        return section_ordinal(rest).map(|len| '第'.len_utf8() + len);
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = text.strip_prefix(open) {
            let len = match digits_len(rest) {
                0 => figures::item_label_len(rest, close).unwrap_or(0),
                len => len,
            };
            if len > 0 && rest[len..].starts_with(close) {
                let marker = open.len_utf8() + len + close.len_utf8();
                return followed_by_text(&text[marker..], close).then_some(marker);
            }
            return None;
        }
    }
    // `ア　通信量の…`: a third-level item numbered in katakana.
    if let Some(first) = text
        .chars()
        .next()
        .filter(|c| figures::is_item_katakana(*c))
    {
        let after = &text[first.len_utf8()..];
        return (after.starts_with('\u{3000}') && !after.trim().is_empty())
            .then_some(first.len_utf8());
    }
    let len = digits_len(text);
    if len == 0 || len > 3 * 3 {
        return None;
    }
    let rest = &text[len..];
    let mark = rest.chars().next()?;
    match mark {
        '.' | '．' | ')' | '）' => {
            let marker = len + mark.len_utf8();
            followed_by_text(&text[marker..], mark).then_some(marker)
        }
        '\u{3000}' => Some(len),
        _ => None,
    }
}

/// Units of a document's own structure that a `第N` heading may name (`第1部`, `第2章`).
const SECTION_UNITS: &[char] = &['編', '部', '章', '節', '款'];

/// The length of a section number after `第` (`1`, `１`, `一`, `1章`, `2部`) when it has the
/// shape of a heading marker: followed by a space or a full stop and then text (`第1章　概要`,
/// `第１　総則`, `第3. 目的`). Anything else is an ordinal inside text (`第3回…の開催`,
/// `第2四半期の…`, `第2条第3項の規定に…`, `第1章で整理した…`), which a translator must see.
fn section_ordinal(rest: &str) -> Option<usize> {
    let number = rest
        .chars()
        .take_while(|c| is_digit(*c) || "一二三四五六七八九十百".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if number == 0 {
        return None;
    }
    let unit = rest[number..]
        .chars()
        .next()
        .filter(|c| SECTION_UNITS.contains(c))
        .map_or(0, char::len_utf8);
    let len = number + unit;
    let after = &rest[len..];
    let marker = match after.chars().next()? {
        c if c.is_whitespace() => len,
        dot @ ('．' | '.') if !after[dot.len_utf8()..].starts_with(is_digit) => {
            len + dot.len_utf8()
        }
        _ => return None,
    };
    (!rest[marker..].trim().is_empty()).then_some(marker)
}

/// Whether a numbered line goes on to the next number with the same marker style later in the
/// line (`1. … 2. …`), so that the line is an inline enumeration rather than one item.
fn enumerates_inline(text: &str, marker_len: usize) -> bool {
    let marker = &text[..marker_len];
    let digits: String = marker.chars().filter(char::is_ascii_digit).collect();
    let Ok(number) = digits.parse::<u32>() else {
        return false;
    };
    if digits.chars().count() != marker.chars().filter(|c| is_digit(*c)).count() {
        return false;
    }
    let next = marker.replacen(&digits, &(number + 1).to_string(), 1);
    text[marker_len..].contains(&format!(" {next} "))
}

/// Length of a note marker at the start: `(*)`, `（*）`, `*`, `※`, `※1`, `（注）`, `(注1)`, `注）`,
/// `Note:`.
fn note_marker(text: &str) -> Option<usize> {
    const FIXED: &[&str] = &[
        "(*)",
        "（*）",
        "（＊）",
        "(Note)",
        "Note:",
        "NOTE:",
        "Notes:",
    ];
    if let Some(marker) = FIXED.iter().find(|m| text.starts_with(**m)) {
        return Some(marker.len());
    }
    for (open, close) in [("（注", '）'), ("(注", ')'), ("注", '）')] {
        if let Some(rest) = text.strip_prefix(open) {
            let digits = rest
                .chars()
                .take_while(|c| is_digit(*c))
                .map(char::len_utf8)
                .sum::<usize>();
            if rest[digits..].starts_with(close) {
                return Some(open.len() + digits + close.len_utf8());
            }
        }
    }
    let first = text.chars().next()?;
    if matches!(first, '※' | '*' | '＊') {
        let digits = text[first.len_utf8()..]
            .chars()
            .take_while(|c| is_digit(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        let len = first.len_utf8() + digits;
        return (len < text.len()).then_some(len);
    }
    None
}

/// Whether a marker is followed by the block's text (after optional spaces) rather than being
/// part of a word, a number or a formula: `- item` is a list item, `-5%` is not; `1. Date` and
/// `1．日時` are numbered, `1.5 million` is not.
fn followed_by_text(rest: &str, marker: char) -> bool {
    let Some(next) = rest.chars().next() else {
        return false;
    };
    if next.is_whitespace() {
        return !rest.trim_start().is_empty();
    }
    // A digit after a full stop makes a decimal (`３．５％`, `1.5 million`) or a deeper
    // number (`1.2`), which the sentence holds: the line is not numbered by it.
    if matches!(marker, '.' | '．') && is_digit(next) {
        return false;
    }
    // Full-width markers and bullets are followed directly by text in Japanese.
    let wide_marker = !marker.is_ascii() && marker != '−' && marker != '–';
    let wide_text = !next.is_ascii();
    wide_marker || (wide_text && !next.is_numeric()) || (marker == ')' && next.is_alphabetic())
}

/// Whether what follows a circled number at the start of a line shows the number is named by
/// the sentence (`①から③までの書類`, `①及び②`, `①は、…`, `①に掲げる`) rather than marking an item
/// (`①申請書の提出`, `①はじめに`): a range or conjunction, or a particle. No item opens with a
/// particle; a one-kana particle counts when a word of another script or a comma follows it,
/// since an item may open with a word that starts with that kana.
fn refers_to_item(rest: &str) -> bool {
    const WORDS: &[&str] = &[
        "から",
        "まで",
        "及び",
        "並びに",
        "又は",
        "または",
        "ないし",
        "より",
    ];
    const RANGES: &[char] = &['、', '，', '～', '〜', '~', '-', '−', '–', '—', 'ー'];
    const PARTICLES: &[char] = &['の', 'は', 'が', 'を', 'に', 'で', 'も', 'へ'];
    const JOINS: &[char] = &['と', 'や', '・'];
    let circled = |c: char| figures::circled_value(c).is_some();
    let mut chars = rest.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return false;
    };
    let hiragana = |c: char| ('\u{3041}'..='\u{309f}').contains(&c);
    WORDS.iter().any(|w| rest.starts_with(w))
        || RANGES.contains(&first)
        || (JOINS.contains(&first) && second.is_some_and(circled))
        || (PARTICLES.contains(&first) && second.is_some_and(|c| !hiragana(c)))
}

/// `TEL: …`, `電話：…`, `担当：…`: a label word followed by a colon.
fn is_label_line(text: &str) -> bool {
    LABELS.iter().any(|label| {
        text.get(..label.len())
            .filter(|head| head.eq_ignore_ascii_case(label))
            .map(|_| &text[label.len()..])
            .map(|rest| rest.strip_prefix('s').unwrap_or(rest))
            .map(|rest| rest.trim_start_matches([' ', '\u{3000}']))
            .is_some_and(|rest| rest.starts_with([':', '：']))
    })
}

/// Longest label (in chars) of an `item: value` line: `日時`, `Date and time`, `提出先`.
const ITEM_LABEL_MAX_CHARS: usize = 16;

/// Whether a line has the shape of an item of a form or a schedule, `日時：7月30日…`,
/// `形式：オンライン`, `Format: Online`: a short label, a colon, then the value. A sentence
/// does not go on across a line break with a label and a colon, so such a line is never the
/// continuation of the line before, whatever that line ends in (a date ending in 「まで」
/// ends in a particle). The label: at most [`ITEM_LABEL_MAX_CHARS`] characters and three
/// words, no digit (so `14:00` is a time, not a label), no sentence punctuation or bracket,
/// not starting in lower case (`however: …` continues a sentence); the value: not empty.
/// The lexicon labels of [`is_label_line`] are kept whole as a block of their own; this
/// shape only stops a wrap, so a long `概要：…。…。` line is still split into sentences.
fn opens_with_item_label(text: &str) -> bool {
    let Some(colon) = text.find([':', '：']) else {
        return false;
    };
    let label = &text[..colon];
    let colon_len = text[colon..].chars().next().map_or(1, char::len_utf8);
    let value = text[colon + colon_len..].trim_start_matches([' ', '\u{3000}']);
    let fits = label.chars().count() <= ITEM_LABEL_MAX_CHARS
        && label.split_whitespace().count() <= 3
        && label
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() && !c.is_whitespace());
    let plain = label.chars().all(|c| {
        !c.is_numeric()
            && !TERMINALS.contains(&c)
            && !matches!(c, ',' | '、' | '，' | '(' | '（' | '「' | '"' | '“')
    });
    fits && plain && !value.is_empty()
}

/// `【…】` or `＜…＞` alone on a line: a bracketed Japanese heading.
fn is_bracketed_heading(text: &str) -> bool {
    bracketed_by(
        text,
        &[('【', '】'), ('＜', '＞'), ('〈', '〉'), ('［', '］')],
    )
}

/// Whether `text` is one phrase in one of these bracket pairs, opened at its start and closed
/// at its end.
fn bracketed_by(text: &str, pairs: &[(char, char)]) -> bool {
    pairs.iter().any(|&(open, close)| {
        text.starts_with(open) && text.ends_with(close) && text.matches(close).count() == 1
    })
}

/// Closing brackets and quotes, which stay with the sentence or phrase they close.
const CLOSERS: &[char] = &[
    '」', '』', '）', ')', '】', '］', ']', '〕', '〉', '》', '"', '”', '’', '\'',
];

/// Whether a line ends a sentence or a clause: its last character, closing brackets and
/// quotes aside, is a terminal, a colon or a semicolon (`…です。`, `…agreed.)`, `as follows:`).
/// A line ending in a bracket after a word (`… Inc. (TSE: 9999)`) stops mid-sentence.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().trim_end_matches(CLOSERS).ends_with([
        '.', '!', '?', ':', ';', '。', '．', '！', '？', '：', '；', '…',
    ])
}

/// Whether the break after `before` ends a sentence or clause: `before` ends in a terminal,
/// a colon or a semicolon (closing brackets aside), except for a full stop at which the
/// language's sentence rules do not end the sentence when `after` follows: an abbreviation
/// (`… Holdings Inc.` before `(Prime: …`, `… approx.` before `36.5`).
fn ends_sentence_at_break(before: &str, after: &str, locale: &Locale) -> bool {
    if !ends_sentence(before) {
        return false;
    }
    if !before.trim_end_matches(CLOSERS).ends_with('.') {
        return true;
    }
    let joined = format!("{before} {after}");
    sentence::split(&joined, locale)
        .iter()
        .any(|range| range.end == before.len())
}

/// A line that is one bracketed phrase (`（問合せ先）`, `(As of 14:00, August 30)`): a
/// heading or a qualifier of its own, never the start of a wrapped sentence.
fn is_bracketed_line(text: &str) -> bool {
    bracketed_by(
        text,
        &[
            ('（', '）'),
            ('(', ')'),
            ('【', '】'),
            ('［', '］'),
            ('＜', '＞'),
            ('〔', '〕'),
        ],
    )
}

/// A row of a flattened table: cells separated by tabs, full-width spaces or runs of spaces
/// (three, or two anywhere but after the end of a sentence, where some typists put two).
fn is_tabular(text: &str) -> bool {
    text.contains('\t')
        || text.contains('\u{3000}')
        || text.contains("   ")
        || text
            .match_indices("  ")
            .any(|(at, _)| !ends_sentence(&text[..at]))
}

/// Length in bytes of a full date at the start of `text`: `May 1, 2020`, `令和2年5月1日`,
/// `2020年5月1日`, with an optional weekday in brackets after a Japanese date.
fn leading_date(text: &str) -> Option<usize> {
    english_date(text).or_else(|| japanese_date(text))
}

fn english_date(text: &str) -> Option<usize> {
    let month = figures::MONTHS.iter().find(|m| text.starts_with(**m))?;
    let rest = text[month.len()..].strip_prefix(' ')?;
    let day = rest.chars().take_while(char::is_ascii_digit).count();
    if !(1..=2).contains(&day) {
        return None;
    }
    let rest = rest[day..].strip_prefix(", ")?;
    let year = rest.chars().take_while(char::is_ascii_digit).count();
    if year != 4 {
        return None;
    }
    let end = text.len() - rest.len() + year;
    let boundary = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(end)
}

fn japanese_date(text: &str) -> Option<usize> {
    let mut rest = text;
    let take_number = |rest: &mut &str, unit: char| -> Option<()> {
        let len = rest
            .chars()
            .take_while(|c| is_digit(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        if len == 0 {
            return None;
        }
        *rest = rest[len..].strip_prefix(unit)?;
        Some(())
    };
    match figures::era_year_in(text) {
        Some((_, era_year_len)) => rest = &rest[era_year_len..],
        None => take_number(&mut rest, '年')?,
    }
    take_number(&mut rest, '月')?;
    take_number(&mut rest, '日')?;
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(after) = rest.strip_prefix(open) {
            if let Some(at) = after.find(close) {
                if after[..at].chars().count() == 1 {
                    rest = &after[at + close.len_utf8()..];
                }
            }
        }
    }
    Some(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, tag: &str) -> Document {
        read(text.to_owned(), &tag.parse().unwrap())
    }

    fn kinds(document: &Document) -> Vec<(BlockKind, &str)> {
        document
            .blocks
            .iter()
            .map(|b| (b.kind, &document.source[b.span.clone()]))
            .collect()
    }

    #[test]
    fn a_translation_of_several_lines_stays_in_its_list_item_with_the_files_line_endings() {
        use crate::segment::Fill;
        use std::borrow::Cow;
        let d = doc(
            "Title line\r\n\r\n  1. First item of the list.\r\n  2. Second item.\r\n",
            "en",
        );
        let items: Vec<usize> = (0..d.segments.len())
            .filter(|&k| d.segments[k].kind == BlockKind::ListItem)
            .collect();
        assert_eq!(items.len(), 2, "{:?}", d.segments);
        let out = d.render(|k, _| {
            if k == items[0] {
                Fill::Text(Cow::Borrowed(
                    "Premier point,\nsur deux lignes.\n\nEt un autre.",
                ))
            } else {
                Fill::Source
            }
        });
        assert_eq!(
            out,
            "Title line\r\n\r\n  1. Premier point,\r\n     sur deux lignes.\r\n\r\n     Et un autre.\r\n  2. Second item.\r\n"
        );
        let ja = doc("・第一の項目です。\n・第二の項目です。\n", "ja");
        let out = ja.render(|k, _| {
            Fill::Text(Cow::Owned(if k == 0 {
                "一行目\n二行目".into()
            } else {
                "次".into()
            }))
        });
        assert_eq!(out, "・一行目\n\u{3000}二行目\n・次\n");
        assert_eq!(hanging_indent("\t（1）"), "\t\u{3000} \u{3000}");
        assert_eq!(line_ending_at("a\r\nb", 4), "\r\n");
        assert_eq!(line_ending_at("a\nb", 3), "\n");
    }

    #[test]
    fn date_glued_to_title_becomes_two_blocks() {
        let d = doc(
            "May 1, 2020 Results of the Meeting (Virtual Meeting)\n\nText here.\n",
            "en",
        );
        assert_eq!(
            kinds(&d)[..2],
            [
                (BlockKind::Date, "May 1, 2020"),
                (BlockKind::Title, "Results of the Meeting (Virtual Meeting)")
            ]
        );
        assert_eq!(d.rebuild(), d.source);
    }

    #[test]
    fn a_list_is_one_passage_and_each_paragraph_its_own() {
        let d = super::super::segment(
            "令和2年5月1日\n題\n\n一文目です。二文目です。\n\n・項目一です。\n・項目二です。\n\n次の段落です。\n\n最後の段落です。\n"
                .to_owned(),
            &"ja".parse().unwrap(),
        );
        let texts: Vec<&str> = d.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts[2..],
            [
                "一文目です。",
                "二文目です。",
                "項目一です。",
                "項目二です。",
                "次の段落です。",
                "最後の段落です。"
            ]
        );
        let passages = d.passages();
        assert_eq!(passages[2], passages[3], "sentences of one paragraph");
        assert_eq!(passages[4], passages[5], "items of one list");
        assert!(
            passages[3] < passages[4] && passages[5] < passages[6] && passages[6] < passages[7]
        );
    }

    #[test]
    fn date_then_issuer_then_title() {
        let ja = "令和8年12月1日\n国土交通省\n\n台風第25号による被害状況等について（第2報）\n\n被害状況の把握に努めます。\n";
        let d = doc(ja, "ja");
        assert_eq!(
            kinds(&d)[..3],
            [
                (BlockKind::Date, "令和8年12月1日"),
                (BlockKind::Issuer, "国土交通省"),
                (
                    BlockKind::Title,
                    "台風第25号による被害状況等について（第2報）"
                ),
            ]
        );
        let en = "December 1, 2026\nMinistry of Land, Infrastructure, Transport and Tourism\n\nDamage Caused by Typhoon No. 25 (2nd Report)\n";
        let d = doc(en, "en");
        assert_eq!(kinds(&d)[1].0, BlockKind::Issuer);
        assert_eq!(kinds(&d)[2].0, BlockKind::Title);
        // A title naming a body among other words is a title.
        for title in [
            "デジタル庁の発足について",
            "総務省における取組の公表",
            "Report of the Study Group",
            "Results of the Survey by the Ministry of Health",
            "第3回検討会の開催",
        ] {
            assert!(!is_issuer(title), "{title}");
        }
        for issuer in [
            "厚生労働省　医薬局",
            "内閣府政策統括官（防災担当）",
            "Pharmaceutical Safety Bureau, Ministry of Health, Labour and Welfare",
            "Cabinet Office",
        ] {
            assert!(is_issuer(issuer), "{issuer}");
        }
        // A sentence opening with a date after the header is prose, not a date and a title.
        let d = doc("総務省\n\n令和9年2月4日（木）に開催します。\n", "ja");
        assert_eq!(
            kinds(&d)[1],
            (BlockKind::Paragraph, "令和9年2月4日（木）に開催します。")
        );
        // The title after a blank line that follows the date alone.
        let d = doc(
            "令和8年12月6日\n\n新型インフルエンザ対策会議の開催について\n\n会議を開催します。\n",
            "ja",
        );
        assert_eq!(
            kinds(&d)[1],
            (BlockKind::Title, "新型インフルエンザ対策会議の開催について")
        );
    }

    #[test]
    fn date_line_then_title_line() {
        let d = doc(
            "March 26, 2021\nFormulation of the Plan\n\nBody text here.\n",
            "en",
        );
        assert_eq!(
            kinds(&d)[..2],
            [
                (BlockKind::Date, "March 26, 2021"),
                (BlockKind::Title, "Formulation of the Plan")
            ]
        );
        let d = doc("令和3年3月26日\n「5G」の公表\n\n本文です。\n", "ja");
        assert_eq!(kinds(&d)[1], (BlockKind::Title, "「5G」の公表"));
        assert_eq!(kinds(&d)[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn a_title_may_end_in_a_bracket_or_quote_but_not_hold_a_sentence() {
        let d = doc(
            "令和8年11月10日\n苦情・相談の受付状況（令和8年度上半期）\n\n　本文です。\n",
            "ja",
        );
        assert_eq!(
            kinds(&d)[1],
            (BlockKind::Title, "苦情・相談の受付状況（令和8年度上半期）")
        );
        let d = doc(
            "November 10, 2026\nCall for Comments on the \"Draft Ordinance\"\n\nBody.\n",
            "en",
        );
        assert_eq!(
            kinds(&d)[1],
            (
                BlockKind::Title,
                "Call for Comments on the \"Draft Ordinance\""
            )
        );
        let d = doc("令和8年11月10日\n結果を公表します。（別紙参照）\n", "ja");
        assert_eq!(kinds(&d)[1].0, BlockKind::Paragraph);
        let d = doc(
            "November 10, 2026\nThe results are published (see annex).\n",
            "en",
        );
        assert_eq!(kinds(&d)[1].0, BlockKind::Paragraph);
    }

    #[test]
    fn japanese_header_lines() {
        let d = doc(
            "令和2年5月1日\n総務省\n\n１．日時\n\n令和2年4月30日（木）\n",
            "ja",
        );
        let k = kinds(&d);
        assert_eq!(k[0], (BlockKind::Date, "令和2年5月1日"));
        assert_eq!(k[2], (BlockKind::Heading, "日時"));
        assert_eq!(k[3], (BlockKind::Date, "令和2年4月30日（木）"));
    }

    #[test]
    fn consecutive_numbered_lines_are_a_list_not_headings() {
        // Agenda items without a full stop: short like titles, but a run of one numbering.
        let d = doc(
            "２．議題\n（１）基本方針について\n（２）現状について\n（３）意見交換\n\n３．論点\n本文です。\n",
            "ja",
        );
        let k = kinds(&d);
        assert_eq!(k[0], (BlockKind::Heading, "議題"));
        assert_eq!(k[1], (BlockKind::ListItem, "基本方針について"));
        assert_eq!(k[2], (BlockKind::ListItem, "現状について"));
        assert_eq!(k[3], (BlockKind::ListItem, "意見交換"));
        assert_eq!(k[4], (BlockKind::Heading, "論点"));
        let d = doc(
            "2. Agenda\n(1) Basic policy\n(2) Current state\n(3) Exchange of views\n",
            "en",
        );
        assert_eq!(kinds(&d)[1], (BlockKind::ListItem, "Basic policy"));
        assert_eq!(kinds(&d)[3], (BlockKind::ListItem, "Exchange of views"));
        // Another numbering or a gap in the sequence does not make a run: still headings.
        let d = doc("１．日時\n（１）概要\n\n（２）背景\n本文です。\n", "ja");
        let k = kinds(&d);
        assert_eq!(k[0], (BlockKind::Heading, "日時"));
        assert_eq!(k[1], (BlockKind::Heading, "概要"));
        assert_eq!(k[2], (BlockKind::Heading, "背景"));
    }

    #[test]
    fn markers_go_to_the_skeleton() {
        let text = "Title\n\n1. Date\n  • First item.\n（1）概要\n・項目です。\n(*) A note.\n※ 注記。\nTEL: +81 3\n電話：03-5253\nhttps://example.jp/a.pdf PDF)\n";
        let d = doc(text, "en");
        let k = kinds(&d);
        assert_eq!(
            k,
            [
                (BlockKind::Title, "Title"),
                (BlockKind::Heading, "Date"),
                (BlockKind::ListItem, "First item."),
                (BlockKind::Heading, "概要"),
                (BlockKind::ListItem, "項目です。"),
                (BlockKind::Note, "A note."),
                (BlockKind::Note, "注記。"),
                (BlockKind::Label, "TEL: +81 3"),
                (BlockKind::Label, "電話：03-5253"),
                (BlockKind::Url, "https://example.jp/a.pdf PDF)"),
            ]
        );
        assert_eq!(d.blocks[2].depth, 2);
        assert_eq!(d.rebuild(), text);
    }

    #[test]
    fn numbered_sentence_is_a_list_item() {
        let d = doc(
            "x.\n\n1. The participants agreed on the statement.\n\n2. Next steps\n",
            "en",
        );
        let k = kinds(&d);
        assert_eq!(k[1].0, BlockKind::ListItem);
        assert_eq!(k[2].0, BlockKind::Heading);
    }

    #[test]
    fn inline_enumerations_stay_prose() {
        let d = doc(
            "x.\n\n1) The first item 2) The second item\n1. Date\n",
            "en",
        );
        assert_eq!(
            kinds(&d)[1],
            (BlockKind::Paragraph, "1) The first item 2) The second item")
        );
        assert_eq!(kinds(&d)[2], (BlockKind::Heading, "Date"));
    }

    #[test]
    fn not_markers() {
        for text in [
            "-5% growth was seen.",
            "1.5 million users.",
            "2020 was a year.",
        ] {
            let d = doc(&format!("x.\n\n{text}\n"), "en");
            assert_eq!(kinds(&d)[1], (BlockKind::Paragraph, text), "{text}");
        }
    }

    #[test]
    fn lettered_roman_and_katakana_items_are_markers() {
        let en = "x.\n\n(i) Schools will be connected.\n(ii) Networks will be assessed.\n(a) Traffic will be measured.\n(B) Plans will be published.\n";
        let d = doc(en, "en");
        let markers: Vec<&str> = d.blocks[1..]
            .iter()
            .map(|b| &en[b.marker.clone().unwrap().span])
            .collect();
        assert_eq!(markers, ["(i)", "(ii)", "(a)", "(B)"]);
        assert_eq!(
            kinds(&d)[2],
            (BlockKind::ListItem, "Networks will be assessed.")
        );
        let ja = "x。\n\n　　ア　通信量を把握します。\n　　（イ）計画を公表します。\nアジアの動向を注視します。\n";
        let d = doc(ja, "ja");
        let k = kinds(&d);
        assert_eq!(k[1], (BlockKind::ListItem, "通信量を把握します。"));
        assert_eq!(k[2], (BlockKind::ListItem, "計画を公表します。"));
        assert_eq!(
            k[3].1, "アジアの動向を注視します。",
            "a word opening with ア is text"
        );
        assert_eq!(d.rebuild(), ja);
        for (raw, n) in [
            ("(i)", 1),
            ("(iv)", 4),
            ("(xii)", 12),
            ("(b)", 2),
            ("ア", 1),
            ("（ウ）", 3),
        ] {
            assert_eq!(Marker::parse(raw), Marker::Seq(n), "{raw}");
        }
    }

    #[test]
    fn figures_opening_a_japanese_sentence_are_text() {
        for text in [
            "１．５倍に増えました。",
            "2.4％の減少となりました。",
            "①から③までの書類を提出してください。",
            "②及び③の場合は、この限りではありません。",
            "①と②を比較しました。",
            "①は、令和9年度から実施します。",
            "③に掲げる者が対象です。",
        ] {
            let d = doc(&format!("x。\n\n{text}\n"), "ja");
            assert_eq!(kinds(&d)[1], (BlockKind::Paragraph, text), "{text}");
        }
        for (text, item) in [
            ("①申請書の提出", "申請書の提出"),
            ("②はじめに", "はじめに"),
            ("③とりまとめの公表", "とりまとめの公表"),
            ("１．日時", "日時"),
        ] {
            let d = doc(&format!("x。\n\n{text}\n"), "ja");
            assert_eq!(kinds(&d)[1].1, item, "{text}");
            assert!(d.blocks[1].marker.is_some(), "{text}");
        }
    }

    #[test]
    fn ordinals_are_text_and_section_numbers_markers() {
        let text = "x。\n\n第4回検討会の開催\n第3四半期の実績は好調でした。\n第5条第1項の規定による。\n\
                    第2章で述べたとおり。\n第2章　調査の方法\n第１　総則\n第3部 資料編\n第2.目的\n";
        let d = doc(text, "ja");
        let k = kinds(&d);
        assert_eq!(k[1].1, "第4回検討会の開催");
        assert_eq!(k[2].1, "第3四半期の実績は好調でした。");
        assert_eq!(k[3].1, "第5条第1項の規定による。");
        assert_eq!(k[4].1, "第2章で述べたとおり。");
        let markers: Vec<&str> = d.blocks[5..]
            .iter()
            .map(|b| &text[b.marker.clone().unwrap().span])
            .collect();
        assert_eq!(markers, ["第2章", "第１", "第3部", "第2."]);
        assert_eq!(
            k[5..].iter().map(|(_, t)| *t).collect::<Vec<_>>(),
            ["調査の方法", "総則", "資料編", "目的"]
        );
        assert_eq!(d.rebuild(), text);
    }

    #[test]
    fn contact_lines_and_dot_bullets_stay_lines() {
        let text = "x.\n\nContact\nPlanning Office, Example Bureau, Ministry of Examples\n\
                    Officials in charge: Ms. ONO, Mr. SATO\nphone: +81 3 0000 0000\n\
                    telephone: +81 3 0000 0001\nfax: +81 3 0000 0002\ne-mail: x@example.go.jp\n\n\
                    Schedule\n  . Opening address by the chair\n  . Report from the secretariat\n";
        let d = doc(text, "en");
        let k = kinds(&d);
        assert_eq!(
            k[3],
            (
                BlockKind::Paragraph,
                "Officials in charge: Ms. ONO, Mr. SATO"
            )
        );
        assert_eq!(k[4], (BlockKind::Label, "phone: +81 3 0000 0000"));
        assert_eq!(k[5].0, BlockKind::Label);
        assert_eq!(k[6].0, BlockKind::Label);
        assert_eq!(k[7].0, BlockKind::Label);
        assert_eq!(k[9], (BlockKind::ListItem, "Opening address by the chair"));
        assert_eq!(k[10], (BlockKind::ListItem, "Report from the secretariat"));
        assert_eq!(d.rebuild(), text);
    }

    #[test]
    fn item_label_lines_are_never_a_wrap() {
        // A schedule's lines: the first ends in a particle (まで), which would otherwise
        // continue the sentence on the next line.
        let text = "x。\n\n日時：令和7年7月30日（水）14時から15時30分まで\n\
                    形式：オンライン（Web会議システム）\n会場：中央合同庁舎第2号館\n";
        let d = doc(text, "ja");
        let k = kinds(&d);
        assert_eq!(k[1].1, "日時：令和7年7月30日（水）14時から15時30分まで");
        assert_eq!(k[2].1, "形式：オンライン（Web会議システム）");
        assert_eq!(k[3].1, "会場：中央合同庁舎第2号館");
        assert_eq!(d.rebuild(), text);
        for (line, label) in [
            ("Date and time: July 30, 14:00", true),
            ("形式：オンライン", true),
            ("14:00 to 15:30 in the main hall", false),
            ("however: the plan goes on", false),
            ("第2条：規定", false),
            ("The meeting, which was held in Tokyo: yes", false),
            ("形式：", false),
        ] {
            assert_eq!(opens_with_item_label(line), label, "{line}");
        }
    }

    #[test]
    fn one_wrap_rule_for_both_languages() {
        // Filled to 40 columns: a wrap before a capital, a digit or a bracket joins in English
        // as it does in Japanese.
        let en = "x.\n\nThe council met on Monday to discuss the\nDraft Budget for FY2026, approved on 30 June\n\
                  by the board of Example Holdings Inc.\n(Prime: 1234) and its auditors.\n";
        let d = doc(en, "en");
        assert_eq!(
            d.segments[1].text,
            "The council met on Monday to discuss the Draft Budget for FY2026, approved on 30 June \
             by the board of Example Holdings Inc. (Prime: 1234) and its auditors."
        );
        let ja = "x。\n\n　委員会は、令和8年度予算案について審議し、\n理事会の承認を経て、第2四半期から執行す\nることとしました。\n";
        let d = doc(ja, "ja");
        assert_eq!(
            d.segments[1].text,
            "委員会は、令和8年度予算案について審議し、理事会の承認を経て、第2四半期から執行することとしました。"
        );
        // A two-line paragraph is full by the width the document's other paragraphs attest.
        let en2 = format!(
            "{en}\nThe board will meet again in the autumn to\nReview the spending of the first half.\n"
        );
        assert_eq!(
            doc(&en2, "en").segments.last().unwrap().text,
            "The board will meet again in the autumn to Review the spending of the first half."
        );
        // The lines of a list just above a wrapped paragraph do not set its width; a remark
        // after its last sentence stays with that sentence.
        let ja = "x。\n\n見出し\n・例示の項目その一について説明する文\n\
                  \u{3000}委員会は、令和8年度予算案について審議し、理事会の承認を経て執行す\n\
                  ることとしました。第2四半期以降の執行状況は、年度末に改めて報告しま\n\
                  す。（予定）\n";
        let d = doc(ja, "ja");
        assert_eq!(
            d.segments.last().unwrap().text,
            "第2四半期以降の執行状況は、年度末に改めて報告します。（予定）"
        );
        // Lines of a list are not full: each stands alone, in both languages.
        let en = "x.\n\nMembers of the Example Council\nChair of the Board of Example University\nPresident of the Example Institute\n";
        assert_eq!(doc(en, "en").segments.len(), 4);
        let ja = "x。\n\n委員名簿\n例示大学理事長\n例示研究所所長\n";
        assert_eq!(doc(ja, "ja").segments.len(), 4);
        // A line that is one bracketed phrase, or a new indented paragraph, is not wrapped.
        let ja = "x。\n\n（お問い合わせ先）\n例示省例示局例示課\n";
        assert_eq!(doc(ja, "ja").segments.len(), 3);
        let ja = "x。\n\n例示の取組について\n　本年度は例示の取組を進めています。\n";
        assert_eq!(doc(ja, "ja").segments.len(), 3);
    }

    #[test]
    fn english_hard_wraps_join_with_one_space() {
        let d = doc(
            "This is a sentence\ncut off in the middle.\nNext line\nstays apart\n",
            "en",
        );
        assert_eq!(
            d.segments[0].text,
            "This is a sentence cut off in the middle."
        );
        assert_eq!(d.segments[1].text, "Next line");
        assert_eq!(d.segments[2].text, "stays apart");
    }

    #[test]
    fn japanese_wraps_join_without_space() {
        let d = doc("本日、会議が\n開催されました。\n連絡先 \n総務省\n", "ja");
        let texts: Vec<_> = d.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["本日、会議が開催されました。", "連絡先", "総務省"]);
    }

    #[test]
    fn japanese_wrap_between_latin_words_keeps_a_space() {
        assert_eq!(
            join_wraps("G20 Digital\nEconomy会合", &"ja".parse().unwrap()),
            "G20 Digital Economy会合"
        );
        assert_eq!(
            join_wraps("データの\n利活用", &"ja".parse().unwrap()),
            "データの利活用"
        );
    }

    #[test]
    fn crlf_bom_and_missing_newline_rebuild() {
        let text = "\u{feff}Title\r\n\r\n\u{a0} Para one. Two.\r\n\tIndented\r\nlast";
        let d = doc(text, "en");
        assert_eq!(d.rebuild(), text);
        assert_eq!(d.segments[0].text, "Title");
        assert!(d.segments.iter().all(|s| !s.text.contains('\r')));
    }

    #[test]
    fn empty_and_blank_documents() {
        assert!(doc("", "en").segments.is_empty());
        assert!(doc("\n \u{3000}\n", "ja").segments.is_empty());
        assert_eq!(doc("\n \u{3000}\n", "ja").rebuild(), "\n \u{3000}\n");
    }

    proptest::proptest! {
        #[test]
        fn any_text_rebuilds_byte_for_byte(
            text in "([a-zA-Z .,!?()・「」。、\u{3000}\u{a0}\t\r\n*※1１.．（）-]|[\u{3040}-\u{30ff}]|[\u{1f600}-\u{1f64f}]|\\PC){0,200}",
            bom in proptest::bool::ANY,
            ja in proptest::bool::ANY,
        ) {
            let text = if bom { format!("\u{feff}{text}") } else { text };
            let d = doc(&text, if ja { "ja" } else { "en" });
            proptest::prop_assert_eq!(d.rebuild(), text.clone());
            let mut end = 0;
            for s in &d.segments {
                proptest::prop_assert!(s.span.start >= end && s.span.end > s.span.start);
                proptest::prop_assert!(!s.text.is_empty() && s.text.trim() == s.text);
                end = s.span.end;
            }
        }
    }
}
