//! Writes a catalog anew from the plan while keeping every byte people wrote in the old one.
//!
//! The old file is read entry by entry. honyaku's own lines (the header, `# ja:` source lines,
//! stale marks, placeholders) are regenerated; everything else — a translation's value and
//! layout, comments, terms, messages a translator added — is carried over verbatim. A
//! translator's standalone comment or term travels with the entry that follows it, so
//! reordering the source never separates a note from what it is about. Translations whose id
//! left the source move to an obsolete section at the end, never deleted.

use std::collections::BTreeMap;

use crate::catalog::ftl::{EntryKind, FtlFile};
use crate::catalog::notes::{self, Note, STALE_MARK};
use crate::catalog::plan::{self, Plan, RETIRED_PREFIX, Unit};
use crate::catalog::value::write_message;
use crate::diff::{self, InlineTag};
use crate::locale::Locale;

/// Heading of the obsolete section.
pub const OBSOLETE_HEADING: &str = "## honyaku: obsolete: the source no longer has these messages; they are kept so that no translation is lost.";
const OBSOLETE_PREFIX: &str = "## honyaku: obsolete";
const HEADER_PREFIX: &str = "### honyaku";
/// Longest retired-ids line before it wraps onto another.
const RETIRED_LINE_WIDTH: usize = 100;

/// The state of one translation entry after the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Translated,
    Stale,
    Missing,
}

/// Counts for status and the sync report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub states: Vec<(String, EntryState)>,
    /// Ids that turned stale in this merge.
    pub newly_stale: Vec<String>,
    pub obsolete: Vec<String>,
    /// For each stale entry and each source locale that changed: what the translation was
    /// made from and what the source says now.
    pub stale_sources: Vec<StaleSource>,
    /// Translations left commented out (`# id = text`), with their line in the old file.
    pub commented_translations: Vec<(String, usize)>,
}

/// One source change behind a stale translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSource {
    pub id: String,
    pub locale: Locale,
    pub was: String,
    pub now: Option<String>,
}

/// Which kind of catalog is being written.
#[derive(Debug, Clone, Copy)]
pub enum Role<'a> {
    /// The catalog of a source text, regenerated from it; `original` for the locale that
    /// owns the ids (its header keeps the retired ids).
    Source { locale: &'a Locale, original: bool },
    /// A translation into this locale.
    Target { locale: &'a Locale },
}

/// What the old file held for one id.
#[derive(Debug, Default)]
struct Slot {
    /// Foreign entries (comments, terms, a translator's own messages) that stood before it.
    anchored: Vec<String>,
    notes: Vec<Note>,
    /// The message's raw lines from `id =` on, when there is a message.
    body: Option<String>,
    /// Position in the old file, for ordering the obsolete section.
    position: usize,
    /// Line of a translation left commented out in the slot (`# id = text`).
    commented_line: Option<usize>,
}

/// The old file, sorted into what honyaku regenerates and what it keeps.
#[derive(Debug, Default)]
struct Old {
    slots: BTreeMap<String, Slot>,
    header_extra: Vec<String>,
    trailing: Vec<String>,
}

/// Renders the catalog of `doc` for `role`, merging the old file if there is one.
pub fn merge(
    doc: &str,
    plan: &Plan,
    role: Role<'_>,
    old: Option<&FtlFile>,
) -> (String, MergeStats) {
    let source_tags: Vec<String> = plan.documents.iter().map(|(l, _)| l.to_string()).collect();
    let tag_refs: Vec<&str> = source_tags.iter().map(String::as_str).collect();
    let mut old = old
        .map(|file| sort_old(file, plan, &tag_refs))
        .unwrap_or_default();
    let mut stats = MergeStats::default();
    let mut out = header(doc, plan, role, &source_tags);
    for line in &old.header_extra {
        out.push_str(line);
        out.push('\n');
    }
    // A source catalog writes the messages of one paragraph or list on consecutive lines,
    // which is how the next sync knows where each sentence stood (see `Tracked::read`).
    let mut passages = vec![None; plan.units.len()];
    if let Role::Source { locale, .. } = role {
        if let Some((_, document)) = plan.documents.iter().find(|(l, _)| l == locale) {
            let (sides, at) = plan::sides(&plan.units, locale, document);
            for (side, at) in sides.iter().zip(at) {
                passages[at] = Some(side.passage);
            }
        }
    }
    let mut last_passage = None;
    for (unit, passage) in plan.units.iter().zip(passages) {
        let slot = old.slots.remove(&unit.id).unwrap_or_default();
        let entry = match role {
            Role::Source { locale, .. } => unit
                .text(locale)
                .map(|text| source_entry(unit, text, &slot)),
            Role::Target { .. } => Some(target_entry(unit, &slot, plan, &mut stats)),
        };
        for chunk in &slot.anchored {
            push_block(&mut out, chunk);
            last_passage = None;
        }
        if let Some(entry) = entry {
            if passage.is_some() && passage == last_passage {
                push_line(&mut out, &entry);
            } else {
                push_block(&mut out, &entry);
            }
            last_passage = passage;
        } else {
            let kept = foreign_lines(&slot.notes);
            if !kept.is_empty() {
                push_block(&mut out, &kept);
            }
        }
    }
    for chunk in &old.trailing {
        push_block(&mut out, chunk);
    }
    let mut leftovers: Vec<(String, Slot)> = std::mem::take(&mut old.slots).into_iter().collect();
    leftovers.sort_by_key(|(_, slot)| slot.position);
    let mut obsolete_started = false;
    for (id, slot) in leftovers {
        for chunk in &slot.anchored {
            push_block(&mut out, chunk);
        }
        let mut entry = foreign_lines(&slot.notes);
        if let (Some(body), Role::Target { .. }) = (&slot.body, role) {
            if !obsolete_started {
                push_block(&mut out, OBSOLETE_HEADING);
                obsolete_started = true;
            }
            for note in &slot.notes {
                if let Note::Source { .. } | Note::Was { .. } = note {
                    entry.push_str(&notes::render(note));
                    entry.push('\n');
                }
            }
            entry.push_str(body);
            stats.obsolete.push(id);
        }
        if !entry.is_empty() {
            push_block(&mut out, &entry);
        }
    }
    (out, stats)
}

/// Appends an entry right below the previous one, with no blank line between.
fn push_line(out: &mut String, entry: &str) {
    out.push_str(entry);
    if !entry.ends_with('\n') {
        out.push('\n');
    }
}

/// Appends an entry (or a kept chunk) followed by one blank line.
fn push_block(out: &mut String, block: &str) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(block);
    if !block.ends_with('\n') {
        out.push('\n');
    }
}

fn header(doc: &str, plan: &Plan, role: Role<'_>, source_tags: &[String]) -> String {
    let mut out = String::new();
    match role {
        Role::Source { locale, original } => {
            out.push_str(&format!(
                "### honyaku: source catalog of \"{doc}\" in {locale}, generated from source_texts/{locale}/{doc}.txt.\n"
            ));
            out.push_str("### honyaku: edit the source text and run `honyaku sync`; this file is rewritten from it.\n");
            if original && !plan.retired.is_empty() {
                let mut line = String::from(RETIRED_PREFIX);
                for id in &plan.retired {
                    if line.len() + id.len() + 1 > RETIRED_LINE_WIDTH
                        && line.len() > RETIRED_PREFIX.len()
                    {
                        out.push_str(&line);
                        out.push('\n');
                        line = String::from(RETIRED_PREFIX);
                    }
                    line.push(' ');
                    line.push_str(id);
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        Role::Target { locale } => {
            out.push_str(&format!(
                "### honyaku: {locale} translation of \"{doc}\"; sources: {}.\n",
                source_tags.join(", ")
            ));
            out.push_str("### honyaku: each entry shows its source above it. To translate an entry shown as `# some-id =`,\n");
            out.push_str("### honyaku: delete the \"# \" before the id and write the translation after \"=\".\n");
            out.push_str("### honyaku: \"# stale\" marks a translation whose source changed: revise it, then delete the mark\n");
            out.push_str("### honyaku: and the \"was\" and \"change\" lines. Your own comments and messages are kept as written.\n");
        }
    }
    out
}

/// Sorts the old file's entries into slots by id, header lines and foreign chunks.
fn sort_old(file: &FtlFile, plan: &Plan, source_tags: &[&str]) -> Old {
    let mut old = Old::default();
    let mut pending: Vec<String> = Vec::new();
    let current: std::collections::HashSet<&str> =
        plan.units.iter().map(|u| u.id.as_str()).collect();
    let is_known = |id: &str| plan.known.contains(id) || current.contains(id);
    for (position, entry) in file.entries.iter().enumerate() {
        match &entry.kind {
            EntryKind::Blank => {}
            EntryKind::Comment { level: 3 } if entry.raw.starts_with(HEADER_PREFIX) => {
                let extra = entry
                    .raw
                    .lines()
                    .filter(|line| !line.starts_with(HEADER_PREFIX) && !line.is_empty());
                old.header_extra.extend(extra.map(str::to_owned));
            }
            EntryKind::Comment { level: 2 } if entry.raw.starts_with(OBSOLETE_PREFIX) => {
                let extra = entry.raw.lines().skip(1).filter(|line| !line.is_empty());
                let extra: Vec<&str> = extra.collect();
                if !extra.is_empty() {
                    pending.push(extra.join("\n") + "\n");
                }
            }
            EntryKind::Comment { level: 1 } => {
                let lines: Vec<Note> = entry
                    .raw
                    .lines()
                    .map(|line| notes::classify(line, source_tags))
                    .collect();
                match lines.last() {
                    Some(Note::Placeholder { id }) if is_known(id) => {
                        let slot = old.slots.entry(id.clone()).or_default();
                        slot.position = position;
                        slot.anchored.append(&mut pending);
                        slot.notes.extend(lines[..lines.len() - 1].iter().cloned());
                    }
                    Some(Note::CommentedTranslation { id, .. }) if is_known(id) => {
                        let slot = old.slots.entry(id.clone()).or_default();
                        slot.position = position;
                        slot.anchored.append(&mut pending);
                        slot.commented_line = Some(entry.line + lines.len() - 1);
                        slot.notes.extend(lines.iter().cloned());
                    }
                    _ => pending.push(entry.raw.clone()),
                }
            }
            EntryKind::Message {
                id, comment, body, ..
            } if is_known(id) => {
                let slot = old.slots.entry(id.clone()).or_default();
                slot.position = position;
                slot.anchored.append(&mut pending);
                let comment_lines = comment.as_deref().unwrap_or_default().lines();
                slot.notes
                    .extend(comment_lines.map(|line| notes::classify(line, source_tags)));
                slot.body = Some(body.clone());
            }
            _ => pending.push(entry.raw.clone()),
        }
    }
    old.trailing = pending;
    old
}

/// The comment lines people wrote, in their order, one per line.
fn foreign_lines(notes: &[Note]) -> String {
    let mut out = String::new();
    for note in notes {
        if let Note::Foreign(line) | Note::CommentedTranslation { line, .. } = note {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A source catalog entry: regenerated from the source text, with people's comments kept.
fn source_entry(unit: &Unit, text: &str, slot: &Slot) -> String {
    let mut out = foreign_lines(&slot.notes);
    out.push_str(&write_message(&unit.id, text));
    out
}

/// A translation entry: people's comment lines, the current sources, a stale mark with the
/// previous source where the source changed, then the translation or a placeholder.
fn target_entry(unit: &Unit, slot: &Slot, plan: &Plan, stats: &mut MergeStats) -> String {
    // People's lines keep their side of honyaku's: those written above the source lines stay
    // above them, those written below (next to the translation) stay below.
    let first_managed = slot
        .notes
        .iter()
        .position(|n| !matches!(n, Note::Foreign(_) | Note::CommentedTranslation { .. }));
    let (above, below) = slot
        .notes
        .split_at(first_managed.unwrap_or(slot.notes.len()));
    let mut out = foreign_lines(above);
    let marked = slot.notes.contains(&Note::Stale);
    let shown = |wanted: &Locale, was: bool| {
        slot.notes.iter().find_map(|note| match note {
            Note::Source { locale, text } if !was && locale == wanted.tag() => Some(text.as_str()),
            Note::Was { locale, text } if was && locale == wanted.tag() => Some(text.as_str()),
            _ => None,
        })
    };
    // The source a translation was made from: the "was" line while marked stale, else the
    // source line honyaku wrote last time. A message with no source lines has no known basis.
    let basis = |locale: &Locale| {
        if marked {
            shown(locale, true).or_else(|| shown(locale, false))
        } else {
            shown(locale, false)
        }
    };
    let translated = slot.body.is_some();
    let mut lines = Vec::new();
    let mut stale = false;
    for (locale, _) in &plan.documents {
        let current = unit.text(locale);
        let before = basis(locale).filter(|_| translated);
        let changed = before.is_some_and(|b| Some(b) != current);
        stale |= changed;
        if changed {
            stats.stale_sources.push(StaleSource {
                id: unit.id.clone(),
                locale: locale.clone(),
                was: before.unwrap_or_default().to_owned(),
                now: current.map(str::to_owned),
            });
            lines.push(notes::render(&Note::Was {
                locale: locale.to_string(),
                text: before.unwrap_or_default().to_owned(),
            }));
        }
        if let Some(current) = current {
            lines.push(notes::render(&Note::Source {
                locale: locale.to_string(),
                text: current.to_owned(),
            }));
            if let (true, Some(before)) = (changed, before) {
                lines.push(format!(
                    "# change {locale}: {}",
                    inline_change(before, current, locale)
                ));
            }
        }
    }
    if stale {
        out.push_str(STALE_MARK);
        out.push('\n');
        if !marked {
            stats.newly_stale.push(unit.id.clone());
        }
    }
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&foreign_lines(below));
    let state = match &slot.body {
        Some(body) => {
            out.push_str(body);
            if stale {
                EntryState::Stale
            } else {
                EntryState::Translated
            }
        }
        None => {
            // A translation written into the slot but left commented out takes the slot's
            // place (it is kept above, with the translator's lines); it still counts as
            // missing, and sync says so.
            if let Some(line) = slot.commented_line {
                stats.commented_translations.push((unit.id.clone(), line));
            } else {
                out.push_str(&notes::render(&Note::Placeholder {
                    id: unit.id.clone(),
                }));
                out.push('\n');
            }
            EntryState::Missing
        }
    };
    stats.states.push((unit.id.clone(), state));
    out
}

/// The change from `old` to `new` on one line, wdiff style: `[-removed-]{+added+}`.
pub(crate) fn inline_change(old: &str, new: &str, locale: &Locale) -> String {
    let ops = diff::revision(None, old, new, locale).inline;
    if ops.is_empty() {
        return format!("[-{}-]{{+{}+}}", notes::escape(old), notes::escape(new));
    }
    let mut out = String::new();
    for op in ops {
        let text = notes::escape(&op.text);
        match op.op {
            InlineTag::Equal => out.push_str(&text),
            InlineTag::Delete => out.push_str(&format!("[-{text}-]")),
            InlineTag::Insert => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}
