//! Text and JSON reports of a diff, plus the grouping and side-by-side line building the
//! HTML report shares, so that all three formats show a split or merge the same way.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Change, ChangeKind, FigureChange, InlineOp, InlineTag, TokenKind};
use crate::locale::Locale;

/// One document's changes in one language, as the project-wide reports show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The document's name (its file stem).
    pub document: String,
    /// The language of the texts compared (the `lang` of every row).
    pub locale: Locale,
    /// For `diff --locale`: the translation locale whose entries the changes affect.
    pub target: Option<Locale>,
    /// The document's changes, in reading order.
    pub changes: Vec<Change>,
}

impl Section {
    /// `ja`, or `ja → fr` when the changes are sources of another locale's translations.
    pub fn locales_label(&self) -> String {
        match &self.target {
            Some(target) if *target != self.locale => format!("{} → {target}", self.locale),
            _ => self.locale.to_string(),
        }
    }

    /// `document (ja)`, or `document (ja → fr)`.
    pub fn heading(&self) -> String {
        format!("{} ({})", self.document, self.locales_label())
    }

    /// A stable HTML anchor, unique per document and locales.
    pub fn anchor(&self) -> String {
        let mut anchor = format!("doc-{}-{}", self.document, self.locale);
        if let Some(target) = &self.target {
            let _ = write!(anchor, "-{target}");
        }
        anchor
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect()
    }
}

/// The project text report: `== document (locale)` and that section's report, per section.
pub fn render_project_text(sections: &[Section], color: bool) -> String {
    let mut out = String::new();
    for section in sections {
        let _ = writeln!(out, "== {}", section.heading());
        out.push_str(&render_text(&section.changes, color));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonSection<'a> {
    document: &'a str,
    locale: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(flatten)]
    report: JsonReport<'a>,
}

/// What the parallel source lacks against the original (`status`'s "behind" and "extra"
/// message ids), one entry of the project JSON report's `sources`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SourceLists<'a> {
    /// Ids the original has and the parallel source does not yet.
    pub behind: &'a [String],
    /// Ids only the parallel source has.
    pub extra: &'a [String],
}

/// The project JSON report: `{"documents": [{"document", "locale", "target"?, "summary",
/// "changes"}], "sources": {locale: {document: {"behind", "extra"}}}}`, each entry's report
/// as [`render_json`] writes it; keys in sorted order.
pub fn render_project_json(
    sections: &[Section],
    sources: &BTreeMap<&str, BTreeMap<&str, SourceLists<'_>>>,
) -> String {
    let documents: Vec<JsonSection<'_>> = sections
        .iter()
        .map(|s| JsonSection {
            document: &s.document,
            locale: s.locale.to_string(),
            target: s.target.as_ref().map(Locale::to_string),
            report: json_report(&s.changes),
        })
        .collect();
    let report = serde_json::json!({ "documents": documents, "sources": sources });
    let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
    json.push('\n');
    json
}

/// Counts of entries by kind (a split into two pieces counts two `split` entries), and how
/// many entries change a number, date, time or URL.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every entry.
    pub total: usize,
    /// Entries of kind `unchanged`.
    pub unchanged: usize,
    /// Entries of kind `modified`.
    pub modified: usize,
    /// Entries of kind `added`.
    pub added: usize,
    /// Entries of kind `removed`.
    pub removed: usize,
    /// Entries of kind `moved`.
    pub moved: usize,
    /// Entries of kind `split`.
    pub split: usize,
    /// Entries of kind `merged`.
    pub merged: usize,
    /// Entries that change a number, date, time or URL.
    pub figures_changed: usize,
}

impl Summary {
    /// The counts of these changes.
    pub fn of(changes: &[Change]) -> Self {
        let mut summary = Summary {
            total: changes.len(),
            ..Summary::default()
        };
        for change in changes {
            *summary.count_mut(change.kind) += 1;
            if !change.figures.is_empty() {
                summary.figures_changed += 1;
            }
        }
        summary
    }

    /// How many entries are of this kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        let mut copy = *self;
        *copy.count_mut(kind)
    }

    fn count_mut(&mut self, kind: ChangeKind) -> &mut usize {
        match kind {
            ChangeKind::Unchanged => &mut self.unchanged,
            ChangeKind::Modified => &mut self.modified,
            ChangeKind::Added => &mut self.added,
            ChangeKind::Removed => &mut self.removed,
            ChangeKind::Moved => &mut self.moved,
            ChangeKind::Split => &mut self.split,
            ChangeKind::Merged => &mut self.merged,
        }
    }

    /// `3 modified, 1 added, …`, kinds with no entries left out.
    pub fn line(&self) -> String {
        let parts: Vec<String> = ChangeKind::ALL
            .iter()
            .filter(|&&kind| self.count(kind) > 0)
            .map(|&kind| format!("{} {}", self.count(kind), kind.as_str()))
            .collect();
        let mut line = if parts.is_empty() {
            "no segments".to_owned()
        } else {
            parts.join(", ")
        };
        if self.figures_changed > 0 {
            let _ = write!(line, "; figures changed in {}", self.figures_changed);
        }
        line
    }
}

/// How a piece of a side's line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Same,
    Changed,
    Figure,
}

pub(super) type Line<'a> = Vec<(Mark, &'a str)>;

/// Splits the entries into what a report shows as one item: the entries of one split (same
/// old segment) or one merge (same new segment), or a single entry.
pub(super) fn groups(changes: &[Change]) -> Vec<&[Change]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < changes.len() {
        let first = &changes[start];
        let len = changes[start..]
            .iter()
            .take_while(|c| {
                c.kind == first.kind
                    && match first.kind {
                        ChangeKind::Split => c.old_index == first.old_index,
                        ChangeKind::Merged => c.new_index == first.new_index,
                        _ => std::ptr::eq(*c, first),
                    }
            })
            .count()
            .max(1);
        out.push(&changes[start..start + len]);
        start += len;
    }
    out
}

fn marked(ops: &[InlineOp], keep: InlineTag) -> Line<'_> {
    ops.iter()
        .filter(|op| op.op == InlineTag::Equal || op.op == keep)
        .map(|op| {
            let mark = match (op.op, op.kind) {
                (InlineTag::Equal, _) => Mark::Same,
                (_, TokenKind::Text) => Mark::Changed,
                _ => Mark::Figure,
            };
            (mark, op.text.as_str())
        })
        .collect()
}

/// The lines of one side of a group: the old side of a split (or new side of a merge) is
/// one line made of all entries' shares; otherwise one line per entry that has that side.
pub(super) fn side_lines(group: &[Change], old_side: bool) -> Vec<Line<'_>> {
    let keep = if old_side {
        InlineTag::Delete
    } else {
        InlineTag::Insert
    };
    fn text(c: &Change, old_side: bool) -> Option<&str> {
        if old_side {
            c.old.as_deref()
        } else {
            c.new.as_deref()
        }
    }
    let kind = group.first().map(|c| c.kind);
    let joined = (old_side && kind == Some(ChangeKind::Split))
        || (!old_side && kind == Some(ChangeKind::Merged));
    if joined && group.iter().all(|c| !c.inline.is_empty()) {
        return vec![group.iter().flat_map(|c| marked(&c.inline, keep)).collect()];
    }
    let members = if joined {
        &group[..group.len().min(1)]
    } else {
        group
    };
    members
        .iter()
        .filter_map(|c| match (c.inline.is_empty(), text(c, old_side)) {
            (_, None) => None,
            (true, Some(text)) => Some(vec![(Mark::Same, text)]),
            (false, Some(_)) => Some(marked(&c.inline, keep)),
        })
        .collect()
}

pub(super) fn group_figures(group: &[Change]) -> impl Iterator<Item = &FigureChange> {
    group.iter().flat_map(|c| &c.figures)
}

/// A human label of where a group sits: `old 3 → new 4`, 1-based.
pub(super) fn positions(group: &[Change]) -> String {
    let list = |indices: Vec<usize>| {
        let mut indices: Vec<String> = indices.into_iter().map(|i| (i + 1).to_string()).collect();
        indices.dedup();
        indices.join("+")
    };
    let olds = list(group.iter().filter_map(|c| c.old_index).collect());
    let news = list(group.iter().filter_map(|c| c.new_index).collect());
    match (olds.is_empty(), news.is_empty()) {
        (false, false) => format!("old {olds} → new {news}"),
        (false, true) => format!("old {olds}"),
        (true, _) => format!("new {news}"),
    }
}

const RESET: &str = "\x1b[0m";

fn sigil(kind: ChangeKind) -> (&'static str, &'static str) {
    match kind {
        ChangeKind::Unchanged => ("=", "\x1b[2m"),
        ChangeKind::Modified => ("~", "\x1b[1;33m"),
        ChangeKind::Added => ("+", "\x1b[1;32m"),
        ChangeKind::Removed => ("-", "\x1b[1;31m"),
        ChangeKind::Moved => (">", "\x1b[1;36m"),
        ChangeKind::Split => ("<", "\x1b[1;35m"),
        ChangeKind::Merged => ("<", "\x1b[1;35m"),
    }
}

fn write_line(out: &mut String, line: &Line<'_>, old_side: bool, color: bool) {
    let (prefix, tint, open, close) = if old_side {
        ("  - ", "\x1b[31m", "[-", "-]")
    } else {
        ("  + ", "\x1b[32m", "{+", "+}")
    };
    if color {
        out.push_str(tint);
    }
    out.push_str(prefix);
    for (k, &(mark, text)) in line.iter().enumerate() {
        let changed = |at: usize| line.get(at).is_some_and(|&(m, _)| m != Mark::Same);
        match (mark, color) {
            (Mark::Same, _) => out.push_str(text),
            // Adjacent changed pieces (a figure inside a changed phrase) read as one change.
            (_, false) => {
                if k == 0 || !changed(k - 1) {
                    out.push_str(open);
                }
                out.push_str(text);
                if !changed(k + 1) {
                    out.push_str(close);
                }
            }
            (_, true) => {
                let highlight = match (mark, old_side) {
                    (Mark::Figure, true) => "\x1b[1;4;97;41m",
                    (Mark::Figure, false) => "\x1b[1;4;30;42m",
                    (_, true) => "\x1b[97;41m",
                    (_, false) => "\x1b[30;42m",
                };
                let _ = write!(out, "{highlight}{text}{RESET}{tint}");
            }
        }
    }
    if color {
        out.push_str(RESET);
    }
    out.push('\n');
}

/// A terse review listing: changed items with both sides and inline marks (`[-…-]`, `{+…+}`
/// without colour; red and green highlights with it), changed figures on a `#` line of their
/// own so that they cannot be missed, and runs of unchanged segments counted, not shown.
pub fn render_text(changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    let summary = Summary::of(changes);
    let _ = writeln!(out, "{}", summary.line());
    let mut unchanged = 0;
    let flush = |out: &mut String, unchanged: &mut usize| {
        if *unchanged > 0 {
            let (dim, reset) = if color { ("\x1b[2m", RESET) } else { ("", "") };
            let plural = if *unchanged == 1 { "" } else { "s" };
            let _ = writeln!(out, "{dim}  … {unchanged} unchanged segment{plural}{reset}");
            *unchanged = 0;
        }
    };
    for group in groups(changes) {
        let Some(first) = group.first() else { continue };
        if first.kind == ChangeKind::Unchanged {
            unchanged += 1;
            continue;
        }
        flush(&mut out, &mut unchanged);
        out.push('\n');
        let (sigil, tint) = sigil(first.kind);
        if color {
            out.push_str(tint);
        }
        let _ = write!(out, "{sigil} {}", first.kind.as_str());
        let ids: Vec<&str> = group.iter().filter_map(|c| c.id.as_deref()).collect();
        if !ids.is_empty() {
            let _ = write!(out, " {}", ids.join(" "));
        }
        let _ = write!(out, " ({}", positions(group));
        if let Some(similarity) = first.similarity {
            let _ = write!(out, ", similarity {similarity:.2}");
        }
        out.push(')');
        if color {
            out.push_str(RESET);
        }
        out.push('\n');
        let olds = side_lines(group, true);
        let news = side_lines(group, false);
        if first.kind == ChangeKind::Moved && first.inline.is_empty() {
            // Moved verbatim: one line says it all.
            news.iter()
                .for_each(|line| write_line(&mut out, line, false, color));
        } else {
            olds.iter()
                .for_each(|line| write_line(&mut out, line, true, color));
            news.iter()
                .for_each(|line| write_line(&mut out, line, false, color));
        }
        for figure in group_figures(group) {
            let show = |side: &Option<String>| side.clone().unwrap_or_else(|| "∅".to_owned());
            let (bold, reset) = if color { ("\x1b[1m", RESET) } else { ("", "") };
            let _ = writeln!(
                out,
                "  {bold}# {} → {}{reset}",
                show(&figure.old),
                show(&figure.new)
            );
        }
    }
    flush(&mut out, &mut unchanged);
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: Summary,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    kind: ChangeKind,
    id: Option<&'a str>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    similarity: Option<f64>,
    inline: &'a [InlineOp],
    figures: &'a [FigureChange],
}

/// The JSON report described in the module docs; similarities rounded to four places so
/// that reports are stable across platforms.
pub fn render_json(changes: &[Change]) -> String {
    // Plain structs of strings and finite numbers: serialization cannot fail.
    let mut json = serde_json::to_string_pretty(&json_report(changes)).unwrap_or_default();
    json.push('\n');
    json
}

fn json_report(changes: &[Change]) -> JsonReport<'_> {
    JsonReport {
        summary: Summary::of(changes),
        changes: changes
            .iter()
            .map(|c| JsonChange {
                kind: c.kind,
                id: c.id.as_deref(),
                old: c.old.as_deref(),
                new: c.new.as_deref(),
                similarity: c.similarity.map(|s| (s * 10_000.0).round() / 10_000.0),
                inline: &c.inline,
                figures: &c.figures,
            })
            .collect(),
    }
}
