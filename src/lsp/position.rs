//! LSP positions ↔ byte offsets. A position counts lines and, within a line, code units of
//! the negotiated encoding: UTF-16 (the protocol's default, where an emoji outside the BMP is
//! two units) or UTF-8 (bytes, when the client offers it). Everything inside the server works
//! on byte offsets into the document's text; only the edges convert.

use std::ops::Range;

use lsp_types::Position;

/// How the client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, for turning offsets into positions and back.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Byte offset of the start of a 0-based line (the end of the text past the last line).
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte offset of the end of a 0-based line, before its `\n` or `\r\n`.
    pub(crate) fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.len, |next| next.saturating_sub(1));
        let start = self.line_start(line).min(end);
        if text.get(start..end).is_some_and(|l| l.ends_with('\r')) {
            end - 1
        } else {
            end
        }
    }

    /// 0-based line holding a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The position of a byte offset (rounded down to a character boundary).
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let character: usize = text
            .get(start..offset)
            .unwrap_or_default()
            .chars()
            .map(|c| encoding.width(c))
            .sum();
        Position {
            line: clamp_u32(line),
            character: clamp_u32(character),
        }
    }

    /// The byte offset of a position. A line past the end means the end of the text; a
    /// character past the end of its line means the line's end; a position inside a
    /// character (half a surrogate pair, a byte inside a UTF-8 sequence) means its start.
    pub(crate) fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.line_start(line);
        let end = self.line_end(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in text.get(start..end).unwrap_or_default().char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + at;
            }
            units = next;
        }
        end
    }

    pub(crate) fn range(
        &self,
        text: &str,
        range: Range<usize>,
        encoding: Encoding,
    ) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(text, range.start, encoding),
            end: self.position(text, range.end, encoding),
        }
    }

    pub(crate) fn offsets(
        &self,
        text: &str,
        range: lsp_types::Range,
        encoding: Encoding,
    ) -> Range<usize> {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding);
        start.min(end)..end.max(start)
    }

    /// Byte range of a 1-based line and 1-based character column (as parse errors give
    /// them) to the end of that line, never empty unless the line is.
    pub(crate) fn at_line_column(&self, text: &str, line: usize, column: usize) -> Range<usize> {
        let line = line.saturating_sub(1);
        let start = self.line_start(line);
        let end = self.line_end(text, line).max(start);
        let line_text = text.get(start..end).unwrap_or_default();
        let at = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        if start + at < end {
            start + at..end
        } else {
            // Past the end of the line (an unexpected end of line): the last character.
            let last = line_text.char_indices().last().map_or(0, |(i, _)| i);
            start + last..end
        }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_astral_characters_twice() {
        let text = "a😀b\n日本語";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1, Encoding::Utf16), pos(0, 1));
        assert_eq!(index.position(text, 5, Encoding::Utf16), pos(0, 3));
        assert_eq!(index.position(text, 5, Encoding::Utf8), pos(0, 5));
        assert_eq!(index.offset(text, pos(1, 2), Encoding::Utf16), 7 + 6);
        assert_eq!(index.offset(text, pos(1, 6), Encoding::Utf8), 7 + 6);
        // Half a surrogate pair is the start of the emoji.
        assert_eq!(index.offset(text, pos(0, 2), Encoding::Utf16), 1);
        // Past the line's end is the line's end; past the last line is the text's end.
        assert_eq!(index.offset(text, pos(0, 99), Encoding::Utf16), 6);
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_end(text, 0), 2);
        assert_eq!(index.offset(text, pos(0, 5), Encoding::Utf16), 2);
        assert_eq!(index.at_line_column(text, 1, 2), 1..2);
    }

    /// Characters where the encodings disagree: Japanese and Chinese (3 UTF-8 bytes, one
    /// UTF-16 unit), astral emoji (4 bytes, two units), combining marks, and ASCII.
    fn hard_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a"),
            Just(" "),
            Just("\n"),
            Just("\r\n"),
            Just("日本語"),
            Just("汉字"),
            Just("😀"),
            Just("👩‍👩‍👧"),
            Just("e\u{301}"),
            Just("\u{0308}"),
            Just("é"),
            Just("{ -brand }"),
        ];
        proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        /// Every character boundary survives offset → position → offset in both encodings,
        /// and the position counts exactly the code units of the characters before it.
        #[test]
        fn positions_round_trip(text in hard_text()) {
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                for (offset, c) in text.char_indices().chain([(text.len(), ' ')]) {
                    if c == '\n' && text[..offset].ends_with('\r') {
                        continue; // between the two bytes of a line break: no position
                    }
                    let position = index.position(&text, offset, encoding);
                    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                    let expected: usize = text[line_start..offset]
                        .chars()
                        .map(|c| match encoding {
                            Encoding::Utf8 => c.len_utf8(),
                            Encoding::Utf16 => c.len_utf16(),
                        })
                        .sum();
                    prop_assert_eq!(position.character as usize, expected);
                    prop_assert_eq!(position.line as usize, text[..offset].matches('\n').count());
                    prop_assert_eq!(index.offset(&text, position, encoding), offset);
                }
            }
        }

        /// A range built from a substring's byte range selects exactly that substring again.
        #[test]
        fn ranges_land_on_the_right_characters(text in hard_text(), a in 0usize..200, b in 0usize..200) {
            let boundaries: Vec<usize> = text
                .char_indices()
                .filter(|&(i, c)| !(c == '\n' && text[..i].ends_with('\r')))
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let start = boundaries[a % boundaries.len()];
            let end = boundaries[b % boundaries.len()].max(start);
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let range = index.range(&text, start..end, encoding);
                let back = index.offsets(&text, range, encoding);
                prop_assert_eq!(&text[back], &text[start..end]);
            }
        }
    }
}
