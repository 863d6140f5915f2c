//! The page as blocks of text, for the structured formats (Markdown, HTML): each layout
//! block with its kind, marker and depth, and the runs of text placed in it, each with the
//! locale it is written in; rows of a table in the layout source are marked as such.

use std::borrow::Cow;

use super::fallback::Piece;
use crate::figures::Marker;
use crate::locale::{Locale, Writing};
use crate::segment::{BlockKind, Document};

/// A block of the output, for the structured formats.
#[derive(Debug)]
pub(super) struct OutBlock<'a> {
    pub(super) kind: BlockKind,
    /// The marker's text as written, and whether it is a bullet ([`Marker::Bullet`]), which
    /// the list of Markdown and HTML draws instead.
    pub(super) marker: Option<Cow<'a, str>>,
    pub(super) bullet: bool,
    pub(super) depth: usize,
    /// Runs of text, each with the locale it is written in.
    pub(super) runs: Vec<(String, Locale)>,
    /// The block is a row of a table in the layout source (see [`table_rows`]).
    pub(super) row: bool,
}

/// Turns each list's indentation (columns, as the segmenter measures it) into nesting
/// levels: the least indented items of a run of consecutive list items or notes are level
/// 0, the next indentation level 1, and so on. An English list indented by two spaces
/// (`  • …`) is a top-level list, as the Japanese `・` list it translates.
fn nesting_levels(blocks: &mut [OutBlock<'_>]) {
    let mut start = 0;
    while start < blocks.len() {
        let kind = blocks[start].kind;
        let listed = matches!(kind, BlockKind::ListItem | BlockKind::Note);
        let end = (start + 1..blocks.len())
            .find(|&k| !listed || blocks[k].kind != kind)
            .unwrap_or(blocks.len());
        if listed {
            let mut indents: Vec<usize> = blocks[start..end].iter().map(|b| b.depth).collect();
            indents.sort_unstable();
            indents.dedup();
            for block in &mut blocks[start..end] {
                block.depth = indents.iter().position(|&i| i == block.depth).unwrap_or(0);
            }
        } else {
            blocks[start].depth = 0;
        }
        start = end;
    }
}

/// Groups the filled segments by layout block; blocks left empty (covered by a unit placed
/// earlier) disappear.
pub(super) fn blocks<'a>(
    layout: &'a Document,
    layout_locale: &Locale,
    page_locale: &Locale,
    pieces: &[Piece<'_>],
) -> Vec<OutBlock<'a>> {
    let respaced = super::respaced(page_locale, layout_locale);
    let mut out: Vec<OutBlock<'a>> = layout
        .blocks
        .iter()
        .map(|b| OutBlock {
            kind: b.kind,
            marker: b
                .marker
                .as_ref()
                .and_then(|m| layout.source.get(m.span.clone()))
                .map(str::trim)
                .map(Cow::Borrowed),
            bullet: b.marker.as_ref().is_some_and(|m| m.kind == Marker::Bullet),
            depth: b.depth,
            runs: Vec::new(),
            row: false,
        })
        .collect();
    for (block, row) in out.iter_mut().zip(table_rows(layout)) {
        block.row = row;
    }
    nesting_levels(&mut out);
    for (segment, piece) in layout.segments.iter().zip(pieces) {
        let run = match piece {
            Piece::Source => (segment.text.clone(), layout_locale.clone()),
            Piece::Text { text, from } => ((*text).to_owned(), (*from).clone()),
            Piece::Covered => continue,
        };
        if let Some(block) = out.get_mut(segment.block) {
            block.runs.push(run);
        }
    }
    out.retain(|b| !b.runs.is_empty());
    // A block whose text is in the page's language writes its marker as that language
    // does; one left in the layout's words keeps it as written.
    if respaced {
        for block in &mut out {
            let translated = block.runs.first().is_some_and(|(_, l)| l != layout_locale);
            if let (true, Some(Cow::Borrowed(marker))) = (translated, &block.marker) {
                block.marker = Some(crate::figures::spaced_skeleton(marker));
            }
        }
    }
    out
}

/// Joins a block's runs: with a space when either side is written with spaces.
pub(super) fn joined(runs: &[(String, Locale)]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Locale> = None;
    for (text, locale) in runs {
        if previous
            .is_some_and(|p| p.writing() == Writing::Spaced || locale.writing() == Writing::Spaced)
        {
            out.push(' ');
        }
        out.push_str(text);
        previous = Some(locale);
    }
    out
}

/// For each layout block, whether it is a row of a table: two or more consecutive paragraph
/// lines of the source that split into the same number (two or more) of cells.
pub(super) fn table_rows(layout: &Document) -> Vec<bool> {
    let widths: Vec<usize> = layout
        .blocks
        .iter()
        .map(|b| match (b.kind, layout.source.get(b.span.clone())) {
            (BlockKind::Paragraph, Some(text)) if !text.contains('\n') && is_tabular(text) => {
                cells(text).len()
            }
            _ => 0,
        })
        .collect();
    let mut rows = vec![false; widths.len()];
    let mut start = 0;
    while start < widths.len() {
        let width = widths[start];
        let run = widths[start..].iter().take_while(|&&w| w == width).count();
        if width >= 2 && run >= 2 {
            rows[start..start + run].fill(true);
        }
        start += run;
    }
    rows
}

/// A line laid out in columns: tabs, full-width spaces or runs of spaces between cells, or
/// ` | ` as translators write columns in a catalog.
pub(super) fn is_tabular(text: &str) -> bool {
    text.contains('\t') || text.contains('\u{3000}') || text.contains("   ") || text.contains(" | ")
}

/// The cells of a table row, trimmed, empty ones dropped.
pub(super) fn cells(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [
            rest.find('\t').map(|at| (at, 1)),
            rest.find('\u{3000}').map(|at| (at, '\u{3000}'.len_utf8())),
            rest.find(" | ").map(|at| (at, 3)),
            rest.find("  ").map(|at| {
                let spaces = rest[at..].chars().take_while(|&c| c == ' ').count();
                (at, spaces)
            }),
        ]
        .into_iter()
        .flatten()
        .min();
        match next {
            Some((at, len)) => {
                out.push(&rest[..at]);
                rest = &rest[at + len..];
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out.into_iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A table row's cells, each with the locale of the run it came from.
pub(super) fn row_cells(block: &OutBlock<'_>) -> Vec<(String, Locale)> {
    block
        .runs
        .iter()
        .flat_map(|(text, locale)| {
            cells(text)
                .into_iter()
                .map(move |cell| (cell.to_owned(), locale.clone()))
        })
        .collect()
}

/// Whether a table's first row is its header: no cell holds a digit.
pub(super) fn has_header(rows: &[&OutBlock<'_>]) -> bool {
    rows.len() > 1
        && rows[0]
            .runs
            .iter()
            .all(|(text, _)| !text.chars().any(|c| c.is_numeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_indentation_becomes_nesting_levels_per_list() {
        let en = "Title\n\nIntro.\n\n  • First.\n    - Under it.\n  • Second.\n\nOutro.\n";
        let document = crate::segment::segment(en.to_owned(), &"en".parse().unwrap());
        let locale: Locale = "en".parse().unwrap();
        let pieces: Vec<Piece<'_>> = document.segments.iter().map(|_| Piece::Source).collect();
        let levels: Vec<(BlockKind, usize)> = blocks(&document, &locale, &locale, &pieces)
            .iter()
            .map(|b| (b.kind, b.depth))
            .collect();
        let items: Vec<usize> = levels
            .iter()
            .filter(|(kind, _)| *kind == BlockKind::ListItem)
            .map(|(_, depth)| *depth)
            .collect();
        assert_eq!(items, [0, 1, 0], "{levels:?}");
    }
}
