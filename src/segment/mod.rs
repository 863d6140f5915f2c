//! Segmentation: turns a release into blocks (title, date, headings, paragraphs, list items,
//! notes, labels, URLs) and blocks into sentences, keeping everything else as a skeleton so
//! the file can always be rebuilt byte for byte.
//!
//! Entry point: [`segment`]. The [`Document`] it returns is what every later stage works on.

mod blocks;
pub mod sentence;

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use crate::figures::Marker;
use crate::locale::Locale;

/// What a block is in the release's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The release's title.
    Title,
    /// The release date line.
    Date,
    /// The body issuing the release, on its own line in the header (`国土交通省`,
    /// `Ministry of Health, Labour and Welfare`).
    Issuer,
    /// A section heading.
    Heading,
    /// Running text.
    Paragraph,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// A note (`※`, `(*)`, `（注）`).
    Note,
    /// A label line (`（問合せ先）`, `Contact:`).
    Label,
    /// A line holding a URL.
    Url,
}

impl BlockKind {
    /// The kind's name in reports (`list_item`).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Date => "date",
            BlockKind::Issuer => "issuer",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Note => "note",
            BlockKind::Label => "label",
            BlockKind::Url => "url",
        }
    }

    /// Whether text of this kind is prose that is split into sentences; titles, headings,
    /// labels and URLs stay whole.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Note
        )
    }
}

/// One structural block. Its marker (list bullet, heading number, note mark) belongs to the
/// skeleton, not to the translatable text: see ARCHITECTURE.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte range of the block's text in the source, without its marker and outer whitespace.
    pub span: Range<usize>,
    /// The marker (`1.`, `（1）`, `・`, `※` …), if any, read once here.
    pub marker: Option<BlockMarker>,
    /// Indentation depth of nested lists and notes (0 for top level).
    pub depth: usize,
    /// 1-based line on which the block starts, for diagnostics.
    pub line: usize,
}

/// A block's marker: where it stands in the source and what it is, parsed once by the
/// segmenter so that no later stage reads the marker's text again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockMarker {
    /// Byte range of the marker in the source.
    pub span: Range<usize>,
    /// What the marker is, comparable across languages ([`Marker::parse`]).
    pub kind: Marker,
}

/// One translatable unit: a sentence, or a whole block for kinds that are not prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text a translator sees: hard-wrapped lines joined, no surrounding whitespace.
    pub text: String,
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// The kind of its block.
    pub kind: BlockKind,
    /// Byte range of the segment in the source, exactly as written (wraps included).
    pub span: Range<usize>,
}

/// A segmented release: the source bytes, its blocks and its segments in reading order.
/// Everything outside the segments' spans is skeleton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The source text, byte for byte.
    pub source: String,
    /// Its blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Its segments, in reading order.
    pub segments: Vec<Segment>,
}

/// What to put in a segment's place when rendering a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fill<'a> {
    /// The segment's own source bytes, wraps and all.
    Source,
    /// Another text (a translation).
    Text(Cow<'a, str>),
    /// Nothing: the previous segment's text already covers this one (an aligned bead that
    /// spans several source sentences). The skeleton between the two is dropped too.
    Covered,
}

impl Document {
    /// For each segment, the passage it belongs to, numbered in reading order: a paragraph
    /// (or title, heading, label…) is a passage of its own, while consecutive list items
    /// form one passage, the list, and so do consecutive notes. The diff believes a segment
    /// edited while it moved within its passage, not on its way to another one.
    pub fn passages(&self) -> Vec<usize> {
        let mut passage_of_block = Vec::with_capacity(self.blocks.len());
        let mut passage = 0;
        for (index, block) in self.blocks.iter().enumerate() {
            let continues = index > 0
                && matches!(block.kind, BlockKind::ListItem | BlockKind::Note)
                && self.blocks[index - 1].kind == block.kind;
            if index > 0 && !continues {
                passage += 1;
            }
            passage_of_block.push(passage);
        }
        self.segments
            .iter()
            .map(|segment| passage_of_block[segment.block])
            .collect()
    }

    /// The skeleton around and between segments, `segments.len() + 1` pieces.
    pub fn skeleton(&self) -> Vec<&str> {
        let mut pieces = Vec::with_capacity(self.segments.len() + 1);
        let mut at = 0;
        for segment in &self.segments {
            pieces.push(&self.source[at..segment.span.start]);
            at = segment.span.end;
        }
        pieces.push(&self.source[at..]);
        pieces
    }

    /// Renders the document with each segment replaced as `fill` decides.
    pub fn render<'a>(&self, fill: impl FnMut(usize, &Segment) -> Fill<'a>) -> String {
        self.render_joined(fill, "")
    }

    /// [`render`](Self::render), with `joiner` between two sentences that nothing separates
    /// in the source (a Japanese paragraph) where either was replaced: a space when the
    /// page is in a language written with spaces, so that a French page laid out on the
    /// Japanese original does not run its sentences together.
    pub fn render_joined<'a>(
        &self,
        fill: impl FnMut(usize, &Segment) -> Fill<'a>,
        joiner: &str,
    ) -> String {
        self.render_with(fill, joiner, Cow::Borrowed)
    }

    /// [`render_joined`](Self::render_joined), with the skeleton before each replaced
    /// segment (its marker and indentation) written as `skeleton` makes it: a page in
    /// another language than its layout's (see
    /// [`figures::spaced_skeleton`](crate::figures::spaced_skeleton)). The skeleton before a
    /// segment left in the source's words, and after the last, stays as it is.
    pub fn render_with<'a, 's>(
        &'s self,
        mut fill: impl FnMut(usize, &Segment) -> Fill<'a>,
        joiner: &str,
        skeleton: impl Fn(&'s str) -> Cow<'s, str>,
    ) -> String {
        let mut out = String::with_capacity(self.source.len());
        let mut at = 0;
        // Whether the segment written last was replaced, if one was written.
        let mut last: Option<bool> = None;
        for (index, segment) in self.segments.iter().enumerate() {
            let gap = &self.source[at..segment.span.start];
            let fill = fill(index, segment);
            let replaced = matches!(fill, Fill::Text(_));
            if gap.is_empty()
                && !joiner.is_empty()
                && !matches!(fill, Fill::Covered)
                && last.is_some_and(|was| was || replaced)
                && !out.ends_with(char::is_whitespace)
            {
                out.push_str(joiner);
            }
            match fill {
                Fill::Source => {
                    out.push_str(gap);
                    out.push_str(&self.source[segment.span.clone()]);
                    last = Some(false);
                }
                Fill::Text(text) => {
                    out.push_str(&skeleton(gap));
                    self.push_lines(&mut out, &text, segment);
                    last = Some(true);
                }
                Fill::Covered => {}
            }
            at = segment.span.end;
        }
        out.push_str(&self.source[at..]);
        out
    }

    /// Writes `text` in `segment`'s place. A text of several lines (a translator's line
    /// break) goes on with the file's line ending and, on each further line, the hanging
    /// indentation of the segment's block: the width of what precedes the block's text on its
    /// first line (indentation and marker), so a list item or note stays one item.
    fn push_lines(&self, out: &mut String, text: &str, segment: &Segment) {
        if !text.contains('\n') {
            out.push_str(text);
            return;
        }
        let start = self
            .blocks
            .get(segment.block)
            .map_or(segment.span.start, |block| block.span.start);
        let line_start = self.source[..start].rfind('\n').map_or(0, |at| at + 1);
        let indent = blocks::hanging_indent(&self.source[line_start..start]);
        let ending = blocks::line_ending_at(&self.source, segment.span.end);
        for (k, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if k > 0 {
                out.push_str(ending);
                if !line.is_empty() {
                    out.push_str(&indent);
                }
            }
            out.push_str(line);
        }
    }

    /// Rebuilds the source from skeleton and segments; always equal to `source`.
    pub fn rebuild(&self) -> String {
        self.render(|_, _| Fill::Source)
    }
}

/// Segments a release written in `locale`.
pub fn segment(source: String, locale: &Locale) -> Document {
    blocks::read(source, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_sentences_of_a_japanese_paragraph_are_joined_by_the_joiner() {
        let ja: Locale = "ja".parse().unwrap();
        let doc = segment("　一文目です。二文目です。三文目です。\n".to_owned(), &ja);
        assert_eq!(doc.segments.len(), 3);
        let french = ["Première phrase.", "Deuxième phrase."];
        let page = doc.render_joined(
            |i, _| match french.get(i) {
                Some(text) => Fill::Text(Cow::Borrowed(text)),
                None => Fill::Source,
            },
            " ",
        );
        assert_eq!(page, "　Première phrase. Deuxième phrase. 三文目です。\n");
        // Nothing replaced: the source, byte for byte, whatever the joiner.
        assert_eq!(doc.render_joined(|_, _| Fill::Source, " "), doc.source);
        // A sentence another covers: no joiner for it.
        let covered = doc.render_joined(
            |i, _| match i {
                0 => Fill::Text(Cow::Borrowed("Les deux premières.")),
                1 => Fill::Covered,
                _ => Fill::Source,
            },
            " ",
        );
        assert_eq!(covered, "　Les deux premières. 三文目です。\n");
    }
}
