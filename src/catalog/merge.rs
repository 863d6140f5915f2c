//! Writes a catalog anew from the plan while keeping every byte people wrote in the old one.
//!
//! The old file is read entry by entry. honyaku's own lines (the header, `# ja:` source lines,
//! stale marks, placeholders) are regenerated; everything else — a translation's value and
//! layout, comments, terms, messages a translator added — is carried over verbatim. A
//! translator's standalone comment or term travels with the entry that follows it, so
//! reordering the source never separates a note from what it is about. Translations whose id
//! left the source move to an obsolete section at the end, never deleted.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::catalog::ftl::{EntryKind, FtlFile};
use crate::catalog::ledger::{Ledger, Record, value_digest};
use crate::catalog::notes::{self, Note};
use crate::catalog::plan::{self, Plan, RETIRED_PREFIX, Tracked, Unit};
use crate::catalog::state::{
    CatalogKind, CatalogState, Entry, Item, LineEnding, LineRange, SourceText, Value,
};
pub use crate::catalog::state::{EntryState, OBSOLETE_HEADING};
use crate::catalog::value::write_message;
use crate::fingerprint::Fingerprint;
use crate::locale::Locale;

const OBSOLETE_PREFIX: &str = "## honyaku: obsolete";
const HEADER_PREFIX: &str = "### honyaku";
/// Longest retired-ids line before it wraps onto another.
const RETIRED_LINE_WIDTH: usize = 100;

/// Which kind of catalog is being written.
#[derive(Debug, Clone, Copy)]
pub enum Role<'a> {
    /// The catalog of a source text, regenerated from it; `original` for the locale that
    /// owns the ids (its header keeps the retired ids).
    Source { locale: &'a Locale, original: bool },
    /// A translation into this locale.
    Target { locale: &'a Locale },
}

/// What a translation catalog's merge knows beyond the file itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct History<'a> {
    /// The ledger beside the catalog: which source each translation was made from.
    pub ledger: Option<&'a Ledger>,
    /// Ids whose translations are accepted as made from the current sources
    /// (`honyaku sync --accept`).
    pub accepted: Option<&'a BTreeSet<String>>,
    /// The source catalogs as the last sync wrote them, where a previous source text can be
    /// found when a tool stripped it from the comments.
    pub tracked: Option<&'a Tracked>,
    /// The messages on which the parallel release caught up with the original in this sync.
    pub caught_up: Option<&'a CaughtUp>,
}

/// The messages whose parallel text (the English release) changed in this sync to match the
/// original as it now is, after being behind it. A translation already made from that
/// original is not made stale by the English catching up: the translator worked from the
/// original, which is what the English now says too (a source change marks a translation
/// stale once).
#[derive(Debug, Clone)]
pub struct CaughtUp {
    pub original: Locale,
    pub parallel: Locale,
    pub ids: BTreeSet<String>,
}

/// What the old file held for one id.
#[derive(Debug, Default)]
struct Slot {
    /// Foreign entries (comments, terms, a translator's own messages) that stood before it.
    anchored: Vec<String>,
    notes: Vec<Note>,
    /// The message's raw lines from `id =` on, when there is a message.
    body: Option<String>,
    /// The message's value as text, when it holds only text and string literals.
    value: Option<String>,
    /// Where the entry stood in the old file.
    lines: Option<LineRange>,
    /// Position in the old file, for ordering the obsolete section.
    position: usize,
    /// Line of a translation left commented out in the slot (`# id = text`).
    commented_line: Option<usize>,
    /// It stood in the old file's obsolete section.
    was_obsolete: bool,
}

/// The old file, sorted into what honyaku regenerates and what it keeps.
#[derive(Debug, Default)]
struct Old {
    slots: BTreeMap<String, Slot>,
    header_extra: Vec<String>,
    trailing: Vec<String>,
    /// Its header says it was a translation catalog (`### honyaku: en translation of …`).
    translation: bool,
}

/// Builds the catalog of `doc` for `role` as the next sync will write it, merging the old
/// file if there is one. [`CatalogState::text`] gives its bytes.
pub fn merge(
    doc: &str,
    plan: &Plan,
    role: Role<'_>,
    old_file: Option<&FtlFile>,
    history: History<'_>,
) -> CatalogState {
    let source_locales: Vec<Locale> = plan.documents.iter().map(|(l, _)| l.clone()).collect();
    let source_tags: Vec<String> = source_locales.iter().map(Locale::to_string).collect();
    let tag_refs: Vec<&str> = source_tags.iter().map(String::as_str).collect();
    let mut old = old_file
        .map(|file| sort_old(file, plan, &tag_refs))
        .unwrap_or_default();
    let ending = old_file.map_or(LineEnding::Lf, |file| line_ending(&file.to_string()));
    let mut header = ending.apply(&header(doc, plan, role, &source_tags));
    for line in &old.header_extra {
        header.push_str(line);
        header.push('\n');
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
    // A translation catalog that has become a source catalog (the English release arrived
    // for a release whose `en` catalog someone had drafted in): its drafts are kept.
    let drafts_of = match role {
        Role::Source { locale, .. } if old.translation => Some(locale),
        _ => None,
    };
    let mut drafts = 0;
    let mut items = Vec::new();
    let mut last_passage = None;
    for (unit, passage) in plan.units.iter().zip(passages) {
        let slot = old.slots.remove(&unit.id).unwrap_or_default();
        if let Some(locale) = drafts_of {
            if let Some(draft) = draft(&slot, locale, unit.text(locale), ending) {
                items.push(Item::Kept(draft));
                drafts += 1;
                last_passage = None;
            }
        }
        let entry = match role {
            Role::Source { locale, .. } => unit
                .text(locale)
                .map(|text| source_entry(unit, text, &slot, &source_locales, ending)),
            Role::Target { locale } => {
                Some(target_entry(unit, &slot, locale, &source_locales, history))
            }
        };
        for chunk in &slot.anchored {
            items.push(Item::Kept(chunk.clone()));
            last_passage = None;
        }
        if let Some(mut entry) = entry {
            entry.joined = passage.is_some() && passage == last_passage;
            items.push(Item::Entry(Box::new(entry)));
            last_passage = passage;
        } else {
            let kept = foreign_lines(&slot.notes);
            if !kept.is_empty() {
                items.push(Item::Kept(kept));
            }
        }
    }
    for chunk in std::mem::take(&mut old.trailing) {
        items.push(Item::Kept(chunk));
    }
    let mut leftovers: Vec<(String, Slot)> = std::mem::take(&mut old.slots).into_iter().collect();
    leftovers.sort_by_key(|(_, slot)| slot.position);
    for (id, slot) in leftovers {
        for chunk in &slot.anchored {
            items.push(Item::Kept(chunk.clone()));
        }
        match (&slot.body, role) {
            (Some(_), Role::Target { .. }) => {
                items.push(Item::Entry(Box::new(obsolete_entry(id, slot))))
            }
            _ => {
                if let Some(draft) = drafts_of.and_then(|l| draft(&slot, l, None, ending)) {
                    items.push(Item::Kept(draft));
                    drafts += 1;
                }
                let kept = foreign_lines(&slot.notes);
                if !kept.is_empty() {
                    items.push(Item::Kept(kept));
                }
            }
        }
    }
    let (locale, kind) = match role {
        Role::Source { locale, original } => (locale, CatalogKind::Source { original }),
        Role::Target { locale } => (locale, CatalogKind::Target),
    };
    let mut state = CatalogState::new(doc, locale, kind, source_locales, header, items, ending);
    state.drafts = drafts;
    state
}

/// The translation a slot held in a catalog that is now a source catalog, as comment lines
/// a person could have written (so later syncs keep them): `# draft before the en release:
/// s1 = …`. `None` without a translation, or when it is the release's text word for word.
fn draft(slot: &Slot, locale: &Locale, now: Option<&str>, ending: LineEnding) -> Option<String> {
    let body = slot.body.as_deref()?;
    if now.is_some() && slot.value.as_deref() == now {
        return None;
    }
    let mut out = String::new();
    for (k, line) in body.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if k == 0 {
            out.push_str(&format!("# draft before the {locale} release: {line}\n"));
        } else {
            out.push_str(&format!("# {line}\n"));
        }
    }
    Some(ending.apply(&out))
}

/// An entry with nothing filled in but its id and state.
fn bare_entry(id: String, state: EntryState, slot: &Slot) -> Entry {
    Entry {
        id,
        state,
        sources: Vec::new(),
        previous: Vec::new(),
        value: None,
        comments_above: Vec::new(),
        comments_below: Vec::new(),
        newly_stale: false,
        mark_restored: false,
        lines: LineRange::default(),
        on_disk: slot.lines,
        commented_line: None,
        record: None,
        joined: false,
        kept_notes: Vec::new(),
        memory: Vec::new(),
    }
}

/// The current source texts of a unit, one per source locale that has it.
fn unit_sources(unit: &Unit, source_locales: &[Locale]) -> Vec<SourceText> {
    source_locales
        .iter()
        .filter_map(|l| unit.text(l).map(|text| SourceText::new(l, text)))
        .collect()
}

/// A translation whose id left the source: people's lines, the source lines it showed, and
/// its value, kept in the obsolete section.
fn obsolete_entry(id: String, slot: Slot) -> Entry {
    let mut entry = bare_entry(id, EntryState::Obsolete, &slot);
    entry.comments_above = foreign_list(&slot.notes);
    for note in &slot.notes {
        match note {
            Note::Source { locale, text } | Note::Was { locale, text } => {
                if let Ok(parsed) = locale.parse::<Locale>() {
                    let list = if matches!(note, Note::Source { .. }) {
                        &mut entry.sources
                    } else {
                        &mut entry.previous
                    };
                    list.push(SourceText::new(&parsed, text));
                }
                entry.kept_notes.push(note.clone());
            }
            _ => {}
        }
    }
    entry.value = slot.body.map(|raw| Value {
        raw,
        text: slot.value,
    });
    entry
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
    // honyaku's own lines cut off from their message (a group comment or a blank line put
    // between them), waiting for the slot that follows.
    let mut detached: Option<Vec<Note>> = None;
    let mut in_obsolete = false;
    for (position, entry) in file.entries.iter().enumerate() {
        match &entry.kind {
            EntryKind::Blank => {}
            EntryKind::Comment { level: 3 } if entry.raw.starts_with(HEADER_PREFIX) => {
                old.translation |= raw_lines(&entry.raw).any(|line| {
                    line.starts_with(HEADER_PREFIX) && line.contains(" translation of \"")
                });
                let extra = raw_lines(&entry.raw).filter(|line| {
                    let bare = bare(line);
                    !bare.starts_with(HEADER_PREFIX) && !bare.is_empty()
                });
                old.header_extra.extend(extra.map(str::to_owned));
            }
            EntryKind::Comment { level: 2 } if entry.raw.starts_with(OBSOLETE_PREFIX) => {
                detached = None;
                in_obsolete = true;
                let extra = raw_lines(&entry.raw)
                    .skip(1)
                    .filter(|line| !bare(line).is_empty());
                let extra: Vec<&str> = extra.collect();
                if !extra.is_empty() {
                    pending.push(extra.join("\n") + "\n");
                }
            }
            EntryKind::Comment { level: 1 } => {
                let lines: Vec<Note> = raw_lines(&entry.raw)
                    .map(|line| classify(line, source_tags))
                    .collect();
                match lines.last() {
                    Some(Note::Placeholder { id }) if is_known(id) => {
                        let slot = old.slots.entry(id.clone()).or_default();
                        slot.position = position;
                        slot.was_obsolete = in_obsolete;
                        slot.anchored.append(&mut pending);
                        slot.notes.extend(lines[..lines.len() - 1].iter().cloned());
                        adopt(&mut slot.notes, detached.take(), is_managed);
                        slot.lines = Some(span(entry));
                    }
                    Some(Note::CommentedTranslation { id, .. }) if is_known(id) => {
                        let slot = old.slots.entry(id.clone()).or_default();
                        slot.position = position;
                        slot.was_obsolete = in_obsolete;
                        slot.anchored.append(&mut pending);
                        slot.commented_line = Some(entry.line + lines.len() - 1);
                        slot.notes.extend(lines.iter().cloned());
                        adopt(&mut slot.notes, detached.take(), is_managed);
                        slot.lines = Some(span(entry));
                    }
                    _ if lines.iter().any(is_managed) => {
                        let (managed, people): (Vec<Note>, Vec<Note>) =
                            lines.into_iter().partition(is_managed);
                        if !people.is_empty() {
                            pending.push(foreign_lines(&people));
                        }
                        detached = Some(managed);
                    }
                    _ => pending.push(entry.raw.clone()),
                }
            }
            EntryKind::Message {
                id,
                comment,
                body,
                value,
            } if is_known(id) => {
                let slot = old.slots.entry(id.clone()).or_default();
                slot.position = position;
                slot.was_obsolete = in_obsolete;
                slot.anchored.append(&mut pending);
                let comment_lines = raw_lines(comment.as_deref().unwrap_or_default());
                slot.notes
                    .extend(comment_lines.map(|line| classify(line, source_tags)));
                adopt(&mut slot.notes, detached.take(), is_managed);
                slot.body = Some(body.clone());
                slot.value = value.clone();
                slot.lines = Some(span(entry));
            }
            EntryKind::Message { .. } | EntryKind::Term { .. } => {
                detached = None;
                pending.push(entry.raw.clone());
            }
            _ => pending.push(entry.raw.clone()),
        }
    }
    old.trailing = pending;
    keep_in_place(&mut old, &current);
    old
}

/// A person's standalone lines (a `## group` comment, a comment set apart by a blank line, a
/// term, a message of their own) travel with the entry below them. When that entry leaves the
/// live section (its sentence left the source), they are not taken along to the obsolete
/// section: they stay where they stood, above the next entry that remains (at the end of the
/// live section when none does). Comments attached to the message itself go with it.
fn keep_in_place(old: &mut Old, current: &std::collections::HashSet<&str>) {
    let mut order: Vec<(usize, String)> = old
        .slots
        .iter()
        .filter(|(_, slot)| !slot.was_obsolete)
        .map(|(id, slot)| (slot.position, id.clone()))
        .collect();
    order.sort();
    let mut carried: Vec<String> = Vec::new();
    for (_, id) in order {
        let Some(slot) = old.slots.get_mut(&id) else {
            continue;
        };
        if current.contains(id.as_str()) {
            if !carried.is_empty() {
                carried.append(&mut slot.anchored);
                slot.anchored = std::mem::take(&mut carried);
            }
        } else {
            carried.append(&mut slot.anchored);
        }
    }
    if !carried.is_empty() {
        carried.append(&mut old.trailing);
        old.trailing = carried;
    }
}

/// Whether a comment line is one of honyaku's own lines about an entry (its sources, stale
/// mark, previous sources, change, memory suggestions), which it regenerates.
fn is_managed(note: &Note) -> bool {
    matches!(
        note,
        Note::Source { .. } | Note::Was { .. } | Note::Change | Note::Stale | Note::Memory
    )
}

/// Gives a slot the lines of honyaku's that a translator cut off from it (a `## group`
/// comment or a blank line put between them and the id, which makes them a standalone
/// comment to Fluent), unless the slot has its own: they are read as if still attached, and
/// written back in place, so the stale state and the shown sources hold and no copy is left
/// behind. People's lines of such a comment stay before the entry, as written.
fn adopt<T>(notes: &mut Vec<T>, detached: Option<Vec<T>>, managed: impl Fn(&T) -> bool) {
    if let Some(detached) = detached {
        if !notes.iter().any(&managed) {
            notes.splice(0..0, detached);
        }
    }
}

/// The lines of a raw chunk without their `\n`, each keeping a `\r` it ends with (a
/// translator's line keeps its own line ending).
fn raw_lines(raw: &str) -> impl Iterator<Item = &str> {
    raw.split_inclusive('\n')
        .map(|line| line.strip_suffix('\n').unwrap_or(line))
}

/// A line without the `\r` of a CRLF ending.
fn bare(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// Classifies a comment line read with [`raw_lines`]: honyaku's lines by their text alone,
/// people's lines kept with their `\r`.
fn classify(line: &str, source_tags: &[&str]) -> Note {
    match notes::classify(bare(line), source_tags) {
        Note::Foreign(_) => Note::Foreign(line.to_owned()),
        Note::CommentedTranslation { id, .. } => Note::CommentedTranslation {
            id,
            line: line.to_owned(),
        },
        note => note,
    }
}

/// The line ending honyaku writes in a catalog: CRLF when most lines of the old file end so
/// (a Windows checkout with git's autocrlf), else LF.
pub(crate) fn line_ending(text: &str) -> LineEnding {
    let crlf = text.matches("\r\n").count();
    if crlf * 2 > text.matches('\n').count() {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

/// The lines an entry of the old file covers.
fn span(entry: &crate::catalog::ftl::Entry) -> LineRange {
    let lines = entry.raw.matches('\n').count() + usize::from(!entry.raw.ends_with('\n'));
    LineRange {
        first: entry.line,
        last: entry.line + lines.max(1) - 1,
    }
}

/// The comment lines people wrote, in their order, one per line.
fn foreign_lines(notes: &[Note]) -> String {
    let mut out = String::new();
    for line in foreign_list(notes) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The comment lines people wrote, in their order, without line endings.
fn foreign_list(notes: &[Note]) -> Vec<String> {
    notes
        .iter()
        .filter_map(|note| match note {
            Note::Foreign(line) | Note::CommentedTranslation { line, .. } => Some(line.clone()),
            _ => None,
        })
        .collect()
}

/// A source catalog entry: regenerated from the source text, with people's comments kept.
fn source_entry(
    unit: &Unit,
    text: &str,
    slot: &Slot,
    source_locales: &[Locale],
    ending: LineEnding,
) -> Entry {
    let mut entry = bare_entry(unit.id.clone(), EntryState::Source, slot);
    entry.comments_above = foreign_list(&slot.notes);
    entry.sources = unit_sources(unit, source_locales);
    entry.value = Some(Value {
        raw: ending.apply(&write_message(&unit.id, text)),
        text: Some(text.to_owned()),
    });
    entry
}

/// A translation entry: people's comment lines, the current sources, what changed since the
/// translation was made, then the translation (or nothing: a placeholder).
///
/// What the translation was made from comes from the ledger when it has the id, else (a
/// catalog from before ledgers, or a translation new since the last sync) from the source
/// lines honyaku wrote above it: the `# was ja:` line while marked stale, else the `# ja:`
/// line. A stale translation becomes current only when revised (its value changed and the
/// stale mark deleted) or accepted.
fn target_entry(
    unit: &Unit,
    slot: &Slot,
    target: &Locale,
    source_locales: &[Locale],
    history: History<'_>,
) -> Entry {
    // People's lines keep their side of honyaku's: those written above the source lines stay
    // above them, those written below (next to the translation) stay below.
    let first_managed = slot
        .notes
        .iter()
        .position(|n| !matches!(n, Note::Foreign(_) | Note::CommentedTranslation { .. }));
    let (above, below) = slot
        .notes
        .split_at(first_managed.unwrap_or(slot.notes.len()));
    let marked = slot.notes.contains(&Note::Stale);
    let mut entry = bare_entry(unit.id.clone(), EntryState::Missing, slot);
    entry.comments_above = foreign_list(above);
    entry.comments_below = foreign_list(below);
    entry.sources = unit_sources(unit, source_locales);
    let Some(body) = &slot.body else {
        entry.state = untranslated_state(slot);
        if entry.state == EntryState::CommentedTranslation {
            // A translation written into the slot but left commented out takes the slot's
            // place (it is kept with the translator's lines); it counts as missing.
            entry.commented_line = slot.commented_line;
        }
        return entry;
    };
    let value = value_digest(target, body);
    let judged = Judged::new(unit, slot, history, || value);
    let recorded = judged.recorded;
    let mut record = Record {
        value,
        basis: BTreeMap::new(),
        previous: BTreeMap::new(),
        review: false,
    };
    // Whether a source changed since the translation was made (else it is stale, if at all,
    // only as marked for review).
    let mut changed = false;
    for locale in source_locales {
        let current = unit.text(locale);
        let tag = locale.tag();
        // The fingerprint and, where known, the text of the source it was made from.
        let made_from: Option<(Fingerprint, Option<String>)> =
            judged.made_from(slot, locale).map(|fingerprint| {
                let text = match recorded {
                    Some(r) => {
                        let candidates = [
                            r.previous.get(tag).map(String::as_str),
                            shown(slot, locale, true),
                            shown(slot, locale, false),
                            history.tracked.and_then(|t| t.text(&unit.id, locale)),
                        ];
                        candidates
                            .into_iter()
                            .flatten()
                            .find(|text| Fingerprint::of(tag, text) == fingerprint)
                            .map(Cow::Borrowed)
                    }
                    None => shown_before(slot, locale, marked),
                };
                (fingerprint, text.map(Cow::into_owned))
            });
        let now = current.map(|text| Fingerprint::of(tag, text));
        match made_from {
            Some((fingerprint, text)) if Some(fingerprint) != now => {
                changed = true;
                record.basis.insert(tag.to_owned(), fingerprint);
                let text = text.unwrap_or_default();
                record.previous.insert(tag.to_owned(), text.clone());
                entry.previous.push(SourceText {
                    locale: locale.clone(),
                    text,
                    fingerprint,
                });
            }
            _ => {
                if let Some(now) = now {
                    record.basis.insert(tag.to_owned(), now);
                }
                let review = current
                    .zip(now)
                    .filter(|(text, _)| judged.review(slot, locale, text));
                if let Some((text, fingerprint)) = review {
                    // Marked as needing review, its source unchanged: stale, with the
                    // source it was exported with (the current one) as the previous source.
                    record.review = true;
                    record.previous.insert(tag.to_owned(), text.to_owned());
                    entry.previous.push(SourceText {
                        locale: locale.clone(),
                        text: text.to_owned(),
                        fingerprint,
                    });
                }
            }
        }
    }
    // A source absent from this run (its text missing) keeps what the ledger says of it.
    if let Some(r) = recorded.filter(|_| !judged.fresh) {
        for (tag, fingerprint) in &r.basis {
            if !source_locales.iter().any(|l| l.tag() == tag) {
                record.basis.insert(tag.clone(), *fingerprint);
                if let Some(text) = r.previous.get(tag) {
                    record.previous.insert(tag.clone(), text.clone());
                    record.review |= r.review;
                }
            }
        }
    }
    let stale = !entry.previous.is_empty();
    let was_stale = marked || recorded.is_some_and(Record::is_stale);
    entry.newly_stale = stale && !was_stale;
    entry.mark_restored = stale && !marked && recorded.is_some_and(Record::is_stale);
    if stale {
        // The value the translation had when last current, so a later revision shows (for
        // one newly marked for review, the value it was marked with).
        if let Some(r) = recorded.filter(|r| !judged.fresh && (changed || r.review)) {
            record.value = r.value;
        }
    }
    entry.value = Some(Value {
        raw: body.clone(),
        text: slot.value.clone(),
    });
    entry.state = if stale {
        EntryState::Stale
    } else {
        EntryState::Translated
    };
    entry.record = Some(record);
    entry
}

/// The state of an entry whose slot holds no translation.
fn untranslated_state(slot: &Slot) -> EntryState {
    match slot.commented_line {
        Some(_) => EntryState::CommentedTranslation,
        None => EntryState::Missing,
    }
}

/// The source line honyaku showed above a translation: `# ja:` (or `# was ja:` with `was`).
fn shown<'s>(slot: &'s Slot, wanted: &Locale, was: bool) -> Option<&'s str> {
    slot.notes.iter().find_map(|note| match note {
        Note::Source { locale, text } if !was && locale == wanted.tag() => Some(text.as_str()),
        Note::Was { locale, text } if was && locale == wanted.tag() => Some(text.as_str()),
        _ => None,
    })
}

/// The source text shown above a translation without a ledger record: the `# was` line
/// while it is marked stale, else the current one.
fn shown_before<'s>(slot: &'s impl Notes, locale: &Locale, marked: bool) -> Option<Cow<'s, str>> {
    if marked {
        slot.shown(locale, true)
            .or_else(|| slot.shown(locale, false))
    } else {
        slot.shown(locale, false)
    }
}

/// What judging a translation reads of the comment lines of its slot: a [`Slot`] of the
/// merge, or a [`StateSlot`] of [`target_states`], which classifies its lines only when asked.
trait Notes {
    /// Whether the stale mark is among them.
    fn marked(&self) -> bool;
    /// The first `# <tag>:` line's text for `locale` (`# was <tag>:` with `was`).
    fn shown(&self, locale: &Locale, was: bool) -> Option<Cow<'_, str>>;
}

impl Notes for Slot {
    fn marked(&self) -> bool {
        self.notes.contains(&Note::Stale)
    }

    fn shown(&self, locale: &Locale, was: bool) -> Option<Cow<'_, str>> {
        shown(self, locale, was).map(Cow::Borrowed)
    }
}

/// What [`target_states`] needs of the old file for one id: what [`sort_old`] puts in a
/// [`Slot`], borrowed from the file, with its comment lines as they are (each is what
/// [`classify`] would make one of the slot's notes of).
#[derive(Debug, Default)]
struct StateSlot<'f> {
    lines: Vec<&'f str>,
    body: Option<&'f str>,
    /// A translation left commented out in the slot.
    commented: bool,
    source_tags: &'f [&'f str],
}

impl Notes for StateSlot<'_> {
    fn marked(&self) -> bool {
        self.lines
            .iter()
            .any(|line| notes::is_stale_mark(bare(line)))
    }

    fn shown(&self, locale: &Locale, was: bool) -> Option<Cow<'_, str>> {
        self.lines
            .iter()
            .find_map(|line| match classify(line, self.source_tags) {
                Note::Source { locale: tag, text } if !was && tag == locale.tag() => Some(text),
                Note::Was { locale: tag, text } if was && tag == locale.tag() => Some(text),
                _ => None,
            })
            .map(Cow::Owned)
    }
}

/// [`sort_old`] for [`target_states`]: the slots alone, by id, borrowed from the file (the
/// same entries go to the same ids, with the same lines in the same order).
fn sort_states<'f>(
    file: &'f FtlFile,
    plan: &Plan,
    source_tags: &'f [&'f str],
) -> FxHashMap<&'f str, StateSlot<'f>> {
    let mut slots: FxHashMap<&str, StateSlot<'_>> = FxHashMap::default();
    let current: rustc_hash::FxHashSet<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
    let is_known = |id: &str| plan.known.contains(id) || current.contains(id);
    let new_slot = || StateSlot {
        source_tags,
        ..StateSlot::default()
    };
    let managed = |line: &&str| is_managed(&classify(line, source_tags));
    let mut detached: Option<Vec<&str>> = None;
    for entry in &file.entries {
        match &entry.kind {
            EntryKind::Comment { level: 1 } => {
                let lines: Vec<&str> = raw_lines(&entry.raw).collect();
                let Some(last) = lines.last() else {
                    continue;
                };
                match classify(last, source_tags) {
                    Note::Placeholder { id } if is_known(&id) => {
                        let id = id_in(last, &id);
                        let slot = slots.entry(id).or_insert_with(new_slot);
                        slot.lines.extend(&lines[..lines.len() - 1]);
                        adopt(&mut slot.lines, detached.take(), managed);
                    }
                    Note::CommentedTranslation { id, .. } if is_known(&id) => {
                        let slot = slots.entry(id_in(last, &id)).or_insert_with(new_slot);
                        slot.commented = true;
                        slot.lines.extend(&lines);
                        adopt(&mut slot.lines, detached.take(), managed);
                    }
                    _ if lines.iter().any(managed) => {
                        detached = Some(lines.into_iter().filter(managed).collect());
                    }
                    _ => {}
                }
            }
            EntryKind::Comment { level: 2 } if entry.raw.starts_with(OBSOLETE_PREFIX) => {
                detached = None;
            }
            EntryKind::Message {
                id, comment, body, ..
            } if is_known(id) => {
                let slot = slots.entry(id).or_insert_with(new_slot);
                slot.lines
                    .extend(raw_lines(comment.as_deref().unwrap_or_default()));
                adopt(&mut slot.lines, detached.take(), managed);
                slot.body = Some(body);
            }
            EntryKind::Message { .. } | EntryKind::Term { .. } => detached = None,
            _ => {}
        }
    }
    slots
}

/// The id of a placeholder or commented translation line (`# id =`, `# id = text`), as it
/// stands in the line (so that it borrows from the file).
fn id_in<'l>(line: &'l str, id: &str) -> &'l str {
    let named = line.get(2..2 + id.len());
    debug_assert_eq!(named, Some(id));
    named.unwrap_or_default()
}

/// What decides whether a translation is current: its ledger record, whether it was accepted
/// or revised since it went stale, and its stale mark.
struct Judged<'h> {
    recorded: Option<&'h Record>,
    /// Accepted (`sync --accept`) or revised (its value changed and its stale mark deleted):
    /// made from the current sources, whatever it was made from before.
    fresh: bool,
    /// The `# stale` mark above it.
    marked: bool,
    /// Still marked stale, but its value is no longer the one its stale record was made with:
    /// it was re-made, by hand or by `honyaku import`, from the source its `# was` lines show,
    /// which then say what it was made from (a tool that strips comments leaves none, and the
    /// record holds).
    remade: bool,
    /// For a `remade` translation, the fingerprints of its current sources: a `# was` line
    /// holding the current text says nothing of what it was re-made from (the ledger does).
    remade_now: BTreeMap<String, Fingerprint>,
    /// The parallel locale, when the translation counts as made from its current text: it
    /// was made from the current original, and the parallel release just caught up with it.
    parallel_current: Option<&'h Locale>,
}

impl<'h> Judged<'h> {
    /// Judges the translation in `slot`; `value` is its [`value_digest`], asked for only when
    /// a stale record needs it.
    fn new(
        unit: &Unit,
        slot: &impl Notes,
        history: History<'h>,
        value: impl FnOnce() -> Fingerprint,
    ) -> Judged<'h> {
        let marked = slot.marked();
        let recorded = history.ledger.and_then(|l| l.records.get(&unit.id));
        let accepted = history.accepted.is_some_and(|ids| ids.contains(&unit.id));
        let edited = recorded.is_some_and(|r| r.is_stale() && r.value != value());
        let mut judged = Judged {
            recorded,
            fresh: accepted || (edited && !marked),
            marked,
            remade: edited && marked,
            remade_now: BTreeMap::new(),
            parallel_current: None,
        };
        if judged.remade {
            judged.remade_now = unit
                .texts
                .iter()
                .map(|(locale, text)| {
                    (locale.tag().to_owned(), Fingerprint::of(locale.tag(), text))
                })
                .collect();
        }
        if let Some(caught_up) = history.caught_up.filter(|c| c.ids.contains(&unit.id)) {
            let original = &caught_up.original;
            let now = unit
                .text(original)
                .map(|text| Fingerprint::of(original.tag(), text));
            if now.is_some() && judged.made_from(slot, original) == now {
                judged.parallel_current = Some(&caught_up.parallel);
            }
        }
        judged
    }

    /// Whether the translation is marked as needing review in `locale` although that source,
    /// `current`, is unchanged: by its ledger record, else (not stale there) by a stale mark
    /// with a `# was` line holding the current text, as `honyaku import` writes for a unit
    /// a translator's tool marked as needing review. A record stale through a source change
    /// that was since undone is not such a mark: that translation is current again.
    fn review(&self, slot: &impl Notes, locale: &Locale, current: &str) -> bool {
        match self.recorded {
            _ if self.fresh => false,
            Some(r) if r.review => r.previous.get(locale.tag()).is_some_and(|t| t == current),
            Some(r) if r.is_stale() => false,
            _ => self.marked && slot.shown(locale, true).is_some_and(|t| t == current),
        }
    }

    /// The fingerprint of the source in `locale` the translation was made from, where one is
    /// known and it is not simply the current one.
    fn made_from(&self, slot: &impl Notes, locale: &Locale) -> Option<Fingerprint> {
        let tag = locale.tag();
        match self.recorded {
            _ if self.fresh => None,
            _ if self.parallel_current == Some(locale) => None,
            Some(r) if self.remade => slot
                .shown(locale, true)
                .map(|text| Fingerprint::of(tag, &text))
                .filter(|shown| self.remade_now.get(tag) != Some(shown))
                .or_else(|| r.basis.get(tag).copied()),
            Some(r) => r.basis.get(tag).copied(),
            None => shown_before(slot, locale, self.marked).map(|text| Fingerprint::of(tag, &text)),
        }
    }
}

/// The fingerprints of a plan's source texts as they are now ([`Fingerprint::of`] of each
/// of a unit's texts), each made on first use and kept: the entry states of every target
/// catalog of a document compare their translations' records with the same ones. It borrows
/// the plan, which therefore cannot change while it lives.
#[derive(Debug)]
pub(crate) struct SourcePrints<'p> {
    plan: &'p Plan,
    /// Where each unit's texts start in `prints`.
    starts: Vec<usize>,
    prints: Vec<std::sync::OnceLock<Fingerprint>>,
}

impl<'p> SourcePrints<'p> {
    /// Room for the fingerprints of every text of `plan`'s units, none made yet.
    pub(crate) fn new(plan: &'p Plan) -> SourcePrints<'p> {
        let mut starts = Vec::with_capacity(plan.units.len());
        let mut total = 0;
        for unit in &plan.units {
            starts.push(total);
            total += unit.texts.len();
        }
        let prints = std::iter::repeat_with(std::sync::OnceLock::new)
            .take(total)
            .collect();
        SourcePrints {
            plan,
            starts,
            prints,
        }
    }

    /// The fingerprint of the text in `locale` of the plan's unit at `index`, as
    /// [`Unit::text`] finds it; `None` when it has none.
    fn now(&self, index: usize, locale: &Locale) -> Option<Fingerprint> {
        let unit = self.plan.units.get(index)?;
        let at = unit.texts.iter().position(|(l, _)| l == locale)?;
        let cell = self
            .starts
            .get(index)
            .and_then(|start| self.prints.get(start + at));
        let of = || Fingerprint::of(locale.tag(), &unit.texts[at].1);
        Some(cell.map_or_else(of, |cell| *cell.get_or_init(of)))
    }
}

/// The state of every current entry of a target catalog, by id, as [`merge`] gives it (the
/// same decisions, made by the same code), without building or rendering the catalog: what
/// `check` and `build` need to know of each message (issue 19).
pub(crate) fn target_states(
    plan: &Plan,
    old_file: Option<&FtlFile>,
    target: &Locale,
    history: History<'_>,
    prints: &SourcePrints<'_>,
) -> BTreeMap<String, EntryState> {
    debug_assert!(
        std::ptr::eq(plan, prints.plan),
        "the plan's own fingerprints"
    );
    let source_locales: Vec<&Locale> = plan.documents.iter().map(|(l, _)| l).collect();
    let source_tags: Vec<&str> = source_locales.iter().map(|l| l.tag()).collect();
    let mut old = old_file
        .map(|file| sort_states(file, plan, &source_tags))
        .unwrap_or_default();
    let mut states = BTreeMap::new();
    for (index, unit) in plan.units.iter().enumerate() {
        let slot = old.remove(unit.id.as_str()).unwrap_or_default();
        let state = match slot.body {
            None if slot.commented => EntryState::CommentedTranslation,
            None => EntryState::Missing,
            Some(body) => {
                let judged = Judged::new(unit, &slot, history, || value_digest(target, body));
                let stale = source_locales.iter().any(|locale| {
                    let text = unit.text(locale);
                    let now = prints.now(index, locale);
                    let changed = judged
                        .made_from(&slot, locale)
                        .is_some_and(|fingerprint| Some(fingerprint) != now);
                    changed || text.is_some_and(|text| judged.review(&slot, locale, text))
                });
                if stale {
                    EntryState::Stale
                } else {
                    EntryState::Translated
                }
            }
        };
        states.insert(unit.id.clone(), state);
    }
    states
}

/// [`target_states`] of a prepared document's catalog in `locale`, with the history
/// [`Prepared::state`](crate::catalog::Prepared::state) merges it with; `None` when the
/// catalog could not be parsed (as there). A source locale's catalog gets its states from a
/// full merge.
pub(crate) fn entry_states(
    prepared: &crate::catalog::Prepared,
    locale: &Locale,
    prints: &SourcePrints<'_>,
) -> Option<BTreeMap<String, EntryState>> {
    if prepared.broken(locale).is_some() {
        return None;
    }
    if !matches!(prepared.role(locale), Role::Target { .. }) {
        let state = prepared.state(locale)?;
        return Some(state.current().map(|e| (e.id.clone(), e.state)).collect());
    }
    // The states never read what the source catalogs tracked (only a merge's texts do).
    Some(target_states(
        &prepared.plan,
        prepared.catalog(locale),
        locale,
        prepared.history_without_tracked(locale),
        prints,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ftl;
    use proptest::prelude::*;

    fn locale(tag: &str) -> Locale {
        tag.parse().unwrap()
    }

    fn plan_of(ja: &str) -> Plan {
        let ja_locale = locale("ja");
        let document = crate::segment::segment(ja.to_owned(), &ja_locale);
        plan::plan(vec![(ja_locale, document)], &Tracked::default(), &[])
    }

    /// The kept fingerprints are those of the texts, each unit's in each locale, whatever
    /// order they are asked in, and none where a unit has no text.
    #[test]
    fn source_prints_are_the_fingerprints_of_the_texts() {
        let plan = plan_of("総務省は会議を開催した。\n\n第2回は5月1日です。資料は別紙のとおり。\n");
        assert!(plan.units.len() >= 2);
        let prints = SourcePrints::new(&plan);
        let (ja, en) = (locale("ja"), locale("en"));
        for index in (0..plan.units.len()).rev().chain(0..plan.units.len()) {
            let unit = &plan.units[index];
            let expected = unit.text(&ja).map(|text| Fingerprint::of("ja", text));
            assert!(expected.is_some());
            assert_eq!(prints.now(index, &ja), expected);
            assert_eq!(prints.now(index, &en), None);
        }
        assert_eq!(prints.now(plan.units.len(), &ja), None);
    }

    fn merged(plan: &Plan, old: &str) -> String {
        let fr = locale("fr");
        let file = ftl::parse(old).unwrap_or_else(|e| panic!("{e:?}\n{old:?}"));
        let role = Role::Target { locale: &fr };
        merge("doc", plan, role, Some(&file), History::default())
            .text()
            .to_owned()
    }

    /// A French catalog with translations, a stale entry, a placeholder and people's lines.
    fn translated(plan: &Plan) -> String {
        let fr = locale("fr");
        let role = Role::Target { locale: &fr };
        let fresh = merge("doc", plan, role, None, History::default());
        let mut out = String::new();
        for (n, line) in fresh.text().lines().enumerate() {
            match line.strip_prefix("# ").and_then(|l| l.strip_suffix(" =")) {
                Some(id) if n % 3 != 0 => {
                    out.push_str(&format!("# note of mine {n}\n{id} = FR {id}\n"));
                }
                _ => out.push_str(&format!("{line}\n")),
            }
        }
        out.push_str("\n# my closing remark\n");
        out
    }

    /// The line ending of each line of `text`, by line content.
    fn endings(text: &str) -> Vec<(String, bool)> {
        text.split_inclusive('\n')
            .map(|l| {
                let crlf = l.ends_with("\r\n");
                (
                    l.trim_end_matches('\n').trim_end_matches('\r').to_owned(),
                    crlf,
                )
            })
            .collect()
    }

    /// The states alone are those of the full merge, whatever the ledger, the stale marks and
    /// `--accept` say: current, stale, revised, accepted, missing and commented out.
    #[test]
    fn states_alone_are_those_of_the_merge() {
        let fr = locale("fr");
        let role = Role::Target { locale: &fr };
        let plan = plan_of(
            "総務省は計画を公表しました。本計画は三つの柱からなります。\n\n目標は九割です。期限は五年です。\n予算は十億円です。\n",
        );
        let text = merged(&plan, &translated(&plan));
        // One entry marked stale by hand, one translation left commented out.
        let ids: Vec<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
        let (stale, commented) = (ids[1], ids[3]);
        assert!(
            text.contains(&format!("\n{stale} = FR"))
                && text.contains(&format!("\n{commented} = FR"))
        );
        let text = text
            .replacen(
                &format!("\n{stale} = FR"),
                &format!("\n# stale\n{stale} = FR"),
                1,
            )
            .replacen(
                &format!("\n{commented} = FR"),
                &format!("\n# {commented} = FR"),
                1,
            );
        // And one translation deleted: a placeholder again.
        let missing = ids[0];
        let text = text.replacen(
            &format!("\n{missing} = FR {missing}\n"),
            &format!("\n# {missing} =\n"),
            1,
        );
        let file = ftl::parse(&text).unwrap();
        let mut ledger = merge("doc", &plan, role, Some(&file), History::default()).ledger();
        let elsewhere = Fingerprint::of("ja", "another text");
        for (n, record) in ledger.records.values_mut().enumerate() {
            if n % 2 == 0 {
                record.basis.insert("ja".to_owned(), elsewhere);
            }
            if n % 3 == 0 {
                record
                    .previous
                    .insert("ja".to_owned(), "another text".to_owned());
            }
            if n % 4 == 0 {
                record.value = elsewhere;
            }
        }
        let accepted = BTreeSet::from([ids[2].to_owned()]);
        let mut seen = BTreeSet::new();
        for ledger in [None, Some(&ledger)] {
            for accepted in [None, Some(&accepted)] {
                let history = History {
                    ledger,
                    accepted,
                    tracked: None,
                    caught_up: None,
                };
                let full: BTreeMap<String, EntryState> =
                    merge("doc", &plan, role, Some(&file), history)
                        .current()
                        .map(|e| (e.id.clone(), e.state))
                        .collect();
                let alone =
                    target_states(&plan, Some(&file), &fr, history, &SourcePrints::new(&plan));
                assert_eq!(alone, full);
                seen.extend(alone.into_values().map(|state| format!("{state:?}")));
            }
        }
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            ["CommentedTranslation", "Missing", "Stale", "Translated"]
        );
        assert!(
            target_states(
                &plan,
                None,
                &fr,
                History::default(),
                &SourcePrints::new(&plan)
            )
            .values()
            .all(|&state| state == EntryState::Missing)
        );
    }

    /// A translator's `## group` comment or blank line between honyaku's lines and the id cuts
    /// them off (Fluent reads them as a standalone comment): the merge reads them as the
    /// entry's, writes them back at the id once, keeps the group comment before the entry, and
    /// a stale mark cut off this way still counts, in the merge and in the states alone.
    #[test]
    fn lines_cut_off_from_their_id_are_read_as_its_own() {
        let fr = locale("fr");
        let plan = plan_of(
            "総務省は計画を公表しました。本計画は三つの柱からなります。\n\n目標は九割です。\n",
        );
        let base = merged(&plan, &translated(&plan));
        let ids: Vec<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
        let (grouped, spaced) = (ids[1], ids[2]);
        let cut = base
            .replacen(
                &format!("\n{grouped} = FR"),
                &format!("\n\n## Section of mine\n\n{grouped} = FR"),
                1,
            )
            .replacen(
                &format!("\n{spaced} = FR"),
                &format!(
                    "\n{}\n# was ja: 目標は八割です。\n\n{spaced} = FR",
                    notes::STALE_MARK
                ),
                1,
            );
        let file = ftl::parse(&cut).unwrap();
        let detached = file
            .entries
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Comment { level: 1 }))
            .count();
        assert!(detached >= 2, "the lines are standalone comments:\n{cut}");
        let text = merged(&plan, &cut);
        for id in [grouped, spaced] {
            let unit = plan.units.iter().find(|u| u.id == id).unwrap();
            let shown = format!("# ja: {}", unit.text(&locale("ja")).unwrap());
            assert_eq!(text.matches(&shown).count(), 1, "{id} shown once:\n{text}");
            let at = text.find(&shown).unwrap();
            let to_id = text[at..].find(&format!("\n{id} = FR")).unwrap();
            assert!(
                !text[at..at + to_id].contains("\n\n"),
                "{id}'s source is attached to it:\n{text}"
            );
        }
        let group = text
            .find("## Section of mine")
            .expect("the group comment is kept");
        assert!(group < text.find(&format!("\n{grouped} = FR")).unwrap());
        let states = target_states(
            &plan,
            Some(&file),
            &fr,
            History::default(),
            &SourcePrints::new(&plan),
        );
        let role = Role::Target { locale: &fr };
        let full: BTreeMap<String, EntryState> =
            merge("doc", &plan, role, Some(&file), History::default())
                .current()
                .map(|e| (e.id.clone(), e.state))
                .collect();
        assert_eq!(states, full);
        assert_eq!(states[spaced], EntryState::Stale, "{text}");
        assert_eq!(states[grouped], EntryState::Translated);
        assert_eq!(merged(&plan, &text), text, "a second merge changes nothing");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn line_endings_survive_a_merge(crlf in proptest::collection::vec(any::<bool>(), 64), all in 0..3u8) {
            let plan = plan_of("総務省は計画を公表しました。本計画は三つの柱からなります。\n\n目標は九割です。期限は五年です。\n");
            let base = merged(&plan, &translated(&plan));
            // LF, CRLF, or a mix, line by line.
            let file: String = base
                .split_inclusive('\n')
                .enumerate()
                .map(|(i, line)| {
                    let crlf = match all { 0 => false, 1 => true, _ => crlf[i % crlf.len()] };
                    if crlf { line.replace('\n', "\r\n") } else { line.to_owned() }
                })
                .collect();
            let out = merged(&plan, &file);
            let dominant = line_ending(&file) == LineEnding::CrLf;
            let before = endings(&file);
            for (line, crlf) in endings(&out) {
                let people = line.starts_with("# note") || line.contains(" = FR ") || line.starts_with("# my");
                if people {
                    let had = before.iter().find(|(l, _)| *l == line).map(|(_, c)| *c);
                    prop_assert_eq!(Some(crlf), had, "{}", line);
                } else {
                    prop_assert_eq!(crlf, dominant, "honyaku's line {:?} in\n{:?}", line, out);
                }
            }
            prop_assert_eq!(merged(&plan, &out), out.clone(), "a second merge changes nothing");
            if all < 2 {
                prop_assert_eq!(out, file, "an all-LF or all-CRLF file is current as it is");
            }
        }
    }
}
