//! Markdown (GitHub-flavoured): headings, list items with the list's own bullet, notes as
//! quotes, tables; text is escaped so that it stays text.

use std::fmt::Write as _;

use super::layout::{OutBlock, joined, row_cells};
use super::{Page, Render};
use crate::segment::BlockKind;

/// `--format md`.
pub(super) struct Markdown;

impl Render for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn page(&self, page: &Page<'_>) -> String {
        markdown(page.blocks)
    }
}

/// Escapes what Markdown would read as markup, so text stays text.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A line starting with `1.` or `-` would become a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    } else if out.starts_with(['-', '+']) {
        out.insert(0, '\\');
    }
    out
}

fn with_marker(block: &OutBlock<'_>, text: &str) -> String {
    match block.marker.as_deref() {
        Some(marker) if !marker.is_empty() => format!("{} {text}", md_escape(marker)),
        _ => text.to_owned(),
    }
}

fn markdown(blocks: &[OutBlock<'_>]) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    let mut at = 0;
    while at < blocks.len() {
        let block = &blocks[at];
        if block.row {
            let rows: Vec<&OutBlock<'_>> = blocks[at..].iter().take_while(|b| b.row).collect();
            if previous.is_some() {
                out.push_str("\n\n");
            }
            markdown_table(&mut out, &rows);
            at += rows.len();
            previous = Some(BlockKind::Paragraph);
            continue;
        }
        at += 1;
        let text = md_escape(&joined(&block.runs));
        let line = match block.kind {
            BlockKind::Title => format!("# {text}"),
            BlockKind::Heading => format!("## {}", with_marker(block, &text)),
            BlockKind::Date | BlockKind::Issuer => format!("*{text}*"),
            BlockKind::Label => format!("**{}**", with_marker(block, &text)),
            BlockKind::ListItem => {
                let indent = "  ".repeat(block.depth);
                match block.marker.as_deref() {
                    Some(m) if !block.bullet => format!("{indent}- {} {text}", md_escape(m)),
                    _ => format!("{indent}- {text}"),
                }
            }
            BlockKind::Note => format!("> {}", with_marker(block, &text)),
            BlockKind::Url => format!("<{}>", joined(&block.runs).replace(['<', '>', ' '], "")),
            BlockKind::Paragraph => with_marker(block, &text),
        };
        let tight = matches!(
            (previous, block.kind),
            (Some(BlockKind::ListItem), BlockKind::ListItem)
        );
        if previous.is_some() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&line);
        previous = Some(block.kind);
    }
    out.push('\n');
    out
}

/// A GitHub-flavoured Markdown table (its first row is the header row Markdown requires).
fn markdown_table(out: &mut String, rows: &[&OutBlock<'_>]) {
    let width = rows.iter().map(|r| row_cells(r).len()).max().unwrap_or(0);
    for (k, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row_cells(row)
            .iter()
            .map(|(text, _)| md_escape(text))
            .collect();
        cells.resize(width, String::new());
        if k > 0 {
            out.push('\n');
        }
        let _ = write!(out, "| {} |", cells.join(" | "));
        if k == 0 {
            let _ = write!(out, "\n|{}", " --- |".repeat(width));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use crate::publish::fallback::Piece;
    use crate::publish::layout::blocks;
    use crate::segment::segment;

    fn markdown_of(source: &str, lang: &str) -> String {
        let locale: Locale = lang.parse().unwrap();
        let layout = segment(source.to_owned(), &locale);
        let pieces = vec![Piece::Source; layout.segments.len()];
        markdown(&blocks(&layout, &locale, &locale, &pieces))
    }

    #[test]
    fn every_bullet_becomes_the_markdown_list_bullet() {
        for bullet in ['▪', '・', '•', '◯', '−'] {
            let source = format!("Title\n\n{bullet} First item\n{bullet} Second item\n");
            assert_eq!(
                markdown_of(&source, "en"),
                "# Title\n\n- First item\n- Second item\n",
                "{bullet}"
            );
        }
    }

    #[test]
    fn numbering_stays_in_the_markdown_list_item() {
        assert_eq!(
            markdown_of("Title\n\n(1) First item.\n(2) Second item.\n", "en"),
            "# Title\n\n- (1) First item.\n- (2) Second item.\n"
        );
    }
}
