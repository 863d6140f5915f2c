//! Entry states as data: a typed model of one catalog as the merge produces it, so that
//! `status`, `check`, `build`, export, import and the language server read each message's
//! state, sources and value directly instead of parsing honyaku's comments again.
//!
//! [`merge::merge`](super::merge::merge) builds a [`CatalogState`] from the plan and the file
//! on disk; [`CatalogState::render`] is the one function that turns the model into the `.ftl`
//! bytes a sync writes. Get one with [`Prepared::state`](super::Prepared::state).
//!
//! The model keeps everything the file will hold, in order: honyaku's header, the entries of
//! the current source units, the chunks people wrote that belong to no entry (kept verbatim),
//! and the obsolete entries at the end.

use crate::catalog::ledger::{Ledger, Record};
use crate::catalog::notes::{self, Note, ORIGINAL_REMOVED_MARK, REVIEW_MARK, STALE_MARK};
use crate::diff::{self, InlineTag};
use crate::fingerprint::Fingerprint;
use crate::locale::Locale;

/// Heading of the obsolete section.
pub const OBSOLETE_HEADING: &str = "## honyaku: obsolete: the source no longer has these messages; they are kept so that no translation is lost.";

/// The state of one entry of a catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    /// A translation made from the current source texts.
    Translated,
    /// A translation made from source texts that changed since.
    Stale,
    /// No translation yet (a `# id =` placeholder).
    Missing,
    /// A translation written into the placeholder but left commented out (`# id = text`):
    /// Fluent ignores it, so it counts as missing.
    CommentedTranslation,
    /// A translation whose id left the source; kept in the obsolete section.
    Obsolete,
    /// An entry of a source catalog, regenerated from the source text.
    Source,
}

impl EntryState {
    /// Whether the entry holds a translation a build may use (current or stale).
    pub fn has_translation(self) -> bool {
        matches!(self, EntryState::Translated | EntryState::Stale)
    }
}

/// Which kind of catalog this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    /// The catalog of a source text; `original` for the locale that owns the ids.
    Source { original: bool },
    /// A translation catalog.
    Target,
}

/// The line ending of the lines honyaku writes in a catalog (people's lines keep their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    #[default]
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    /// `text`, written with `\n` line endings, with this line ending instead.
    pub fn apply(self, text: &str) -> String {
        match self {
            LineEnding::Lf => text.to_owned(),
            LineEnding::CrLf => text.replace('\n', "\r\n"),
        }
    }
}

/// One source text of an entry, in one source locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub locale: Locale,
    pub text: String,
    pub fingerprint: Fingerprint,
}

impl SourceText {
    pub fn new(locale: &Locale, text: &str) -> SourceText {
        SourceText {
            locale: locale.clone(),
            text: text.to_owned(),
            fingerprint: Fingerprint::of(locale.tag(), text),
        }
    }
}

/// The value of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The message's Fluent source from the `id =` line on, attributes included, exactly as
    /// it will be written.
    pub raw: String,
    /// The text of the value when it holds only text and string literals (no placeables to
    /// resolve); `None` otherwise (format it with fluent-bundle, as `build` does).
    pub text: Option<String>,
}

/// A range of 1-based lines, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

/// One message of a catalog, with everything known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub state: EntryState,
    /// The current source texts, one per source locale that has this unit, in the order of
    /// the document's source locales. For an obsolete entry: the sources its comments showed.
    pub sources: Vec<SourceText>,
    /// For a stale (or obsolete) entry: the source texts the translation was made from, for
    /// each source locale that changed since.
    pub previous: Vec<SourceText>,
    /// The translation (target catalogs) or the source message (source catalogs); `None`
    /// when missing or commented out.
    pub value: Option<Value>,
    /// Comment lines people wrote above honyaku's lines (without line endings).
    pub comments_above: Vec<String>,
    /// Comment lines people wrote between honyaku's lines and the value.
    pub comments_below: Vec<String>,
    /// Turned stale in this merge (it was not marked stale in the file on disk).
    pub newly_stale: bool,
    /// Still stale although someone deleted its stale mark without revising the value:
    /// this merge puts the mark back.
    pub mark_restored: bool,
    /// Where the entry stands in the rendered catalog (what a sync writes).
    pub lines: LineRange,
    /// Where the entry stood in the file on disk, if it was there.
    pub on_disk: Option<LineRange>,
    /// For a commented-out translation: its line in the file on disk.
    pub commented_line: Option<usize>,
    /// What the ledger records for this translation after the merge: the fingerprints of
    /// the sources it was made from (see [`crate::catalog::ledger`]). `None` for a missing
    /// translation and in source catalogs.
    pub record: Option<Record>,
    /// Written right below the previous entry, with no blank line (same paragraph).
    pub(crate) joined: bool,
    /// An obsolete entry's `# ja:` and `# was ja:` lines, in the order they were found.
    pub(crate) kept_notes: Vec<Note>,
    /// The translation memory's suggestion lines (`# tm …`) written below the source lines of
    /// an untranslated or stale entry; set by [`CatalogState::with_memory_notes`].
    pub(crate) memory: Vec<String>,
}

impl Entry {
    /// The current source text in `locale`, if the unit has one.
    pub fn source(&self, locale: &Locale) -> Option<&SourceText> {
        self.sources.iter().find(|s| &s.locale == locale)
    }

    /// What the translation was made from in `locale`, if that source changed since.
    pub fn previous(&self, locale: &Locale) -> Option<&SourceText> {
        self.previous.iter().find(|s| &s.locale == locale)
    }
}

/// One part of a catalog, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Lines people wrote that belong to no message (a standalone comment, a term, a
    /// message of their own), kept byte for byte.
    Kept(String),
    Entry(Box<Entry>),
}

/// One source change behind a stale translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSource {
    pub id: String,
    pub locale: Locale,
    pub was: String,
    pub now: Option<String>,
}

/// A catalog as the next sync will write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogState {
    pub document: String,
    pub locale: Locale,
    pub kind: CatalogKind,
    /// The document's source locales, the original first.
    pub source_locales: Vec<Locale>,
    /// The header lines (honyaku's, then any a person added), each ending in a line break.
    pub header: String,
    pub items: Vec<Item>,
    /// The line ending of honyaku's lines: the one most lines of the file on disk had.
    pub ending: LineEnding,
    /// The rendered file ([`CatalogState::render`]), kept from when the model was built.
    rendered: String,
    /// Translations written before this catalog became a source catalog, kept as
    /// `# draft before the … release:` comments by this merge.
    pub drafts: usize,
}

impl CatalogState {
    /// Builds the model and renders it once, recording each entry's lines.
    pub(crate) fn new(
        document: &str,
        locale: &Locale,
        kind: CatalogKind,
        source_locales: Vec<Locale>,
        header: String,
        items: Vec<Item>,
        ending: LineEnding,
    ) -> CatalogState {
        let mut state = CatalogState {
            document: document.to_owned(),
            locale: locale.clone(),
            kind,
            source_locales,
            header,
            items,
            ending,
            rendered: String::new(),
            drafts: 0,
        };
        let (text, ranges) = state.render_with_lines();
        for (entry, range) in state.items.iter_mut().filter_map(as_entry_mut).zip(ranges) {
            entry.lines = range;
        }
        state.rendered = text;
        state
    }

    /// The same catalog with the translation memory's lines (`# tm …`, see
    /// `memory::notes`) above the untranslated and stale entries named in `notes` (by id),
    /// and none above any other entry.
    pub(crate) fn with_memory_notes(
        self,
        notes: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> CatalogState {
        let CatalogState {
            document,
            locale,
            kind,
            source_locales,
            header,
            mut items,
            ending,
            ..
        } = self;
        for entry in items.iter_mut().filter_map(as_entry_mut) {
            let open = matches!(
                entry.state,
                EntryState::Missing | EntryState::CommentedTranslation | EntryState::Stale
            );
            entry.memory = notes
                .get(&entry.id)
                .filter(|_| open)
                .cloned()
                .unwrap_or_default();
        }
        CatalogState::new(
            &document,
            &locale,
            kind,
            source_locales,
            header,
            items,
            ending,
        )
    }

    /// Every entry in file order (current ones, then obsolete ones).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.items.iter().filter_map(|item| match item {
            Item::Entry(entry) => Some(&**entry),
            Item::Kept(_) => None,
        })
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries().find(|e| e.id == id)
    }

    /// The entries of the current source units (not obsolete), in order.
    pub fn current(&self) -> impl Iterator<Item = &Entry> {
        self.entries().filter(|e| e.state != EntryState::Obsolete)
    }

    /// The catalog's bytes as a sync writes them.
    pub fn text(&self) -> &str {
        &self.rendered
    }

    /// The ledger a sync writes beside this catalog: the record of every translation.
    pub fn ledger(&self) -> Ledger {
        Ledger {
            records: self
                .entries()
                .filter_map(|e| Some((e.id.clone(), e.record.clone()?)))
                .collect(),
        }
    }

    /// Ids that turned stale in this merge.
    pub fn newly_stale(&self) -> Vec<String> {
        self.entries()
            .filter(|e| e.newly_stale)
            .map(|e| e.id.clone())
            .collect()
    }

    /// For each stale entry and each source locale that changed: what the translation was
    /// made from and what the source says now.
    pub fn stale_sources(&self) -> Vec<StaleSource> {
        self.entries()
            .filter(|e| e.state == EntryState::Stale)
            .flat_map(|e| {
                e.previous.iter().map(|was| StaleSource {
                    id: e.id.clone(),
                    locale: was.locale.clone(),
                    was: was.text.clone(),
                    now: e.source(&was.locale).map(|s| s.text.clone()),
                })
            })
            .collect()
    }

    /// Renders the model to the `.ftl` bytes: the one place a catalog's layout is decided.
    pub fn render(&self) -> String {
        self.render_with_lines().0
    }

    /// The rendered file and the line range of each entry, in the order of [`entries`].
    ///
    /// [`entries`]: CatalogState::entries
    fn render_with_lines(&self) -> (String, Vec<LineRange>) {
        let mut out = Writer {
            newline: self.ending.as_str(),
            ..Writer::default()
        };
        out.text.push_str(&self.header);
        out.lines = self.header.matches('\n').count();
        let mut ranges = Vec::new();
        let mut obsolete_started = false;
        for item in &self.items {
            match item {
                Item::Kept(chunk) => {
                    out.block(chunk);
                }
                Item::Entry(entry) => {
                    if entry.state == EntryState::Obsolete && !obsolete_started {
                        out.block(OBSOLETE_HEADING);
                        obsolete_started = true;
                    }
                    let text = self.render_entry(entry);
                    let range = if entry.joined {
                        out.line(&text)
                    } else {
                        out.block(&text)
                    };
                    ranges.push(range);
                }
            }
        }
        (out.text, ranges)
    }

    fn render_entry(&self, entry: &Entry) -> String {
        let newline = self.ending.as_str();
        let mut out = String::new();
        // People's lines keep a `\r` of their own; honyaku's lines take the file's ending.
        let people = |out: &mut String, lines: &[String]| {
            for line in lines {
                out.push_str(line);
                out.push('\n');
            }
        };
        people(&mut out, &entry.comments_above);
        let mut push = |line: &str| {
            out.push_str(line);
            out.push_str(newline);
        };
        match entry.state {
            EntryState::Source => {}
            EntryState::Obsolete => {
                for note in &entry.kept_notes {
                    push(&notes::render(note));
                }
            }
            _ => {
                if entry.state == EntryState::Stale {
                    // Stale with no source changed: marked as needing review.
                    let review = !entry.previous.is_empty()
                        && entry.previous.iter().all(|was| {
                            entry
                                .source(&was.locale)
                                .is_some_and(|now| now.text == was.text)
                        });
                    // The original's sentence gone, the parallel release's still there.
                    let removed = self.source_locales.first().is_some_and(|original| {
                        entry.source(original).is_none() && entry.previous(original).is_some()
                    }) && !entry.sources.is_empty();
                    push(if review {
                        REVIEW_MARK
                    } else if removed {
                        ORIGINAL_REMOVED_MARK
                    } else {
                        STALE_MARK
                    });
                }
                for locale in &self.source_locales {
                    let current = entry.source(locale);
                    let before = entry.previous(locale);
                    if let Some(before) = before {
                        push(&notes::render(&Note::Was {
                            locale: locale.to_string(),
                            text: before.text.clone(),
                        }));
                    }
                    if let Some(current) = current {
                        push(&notes::render(&Note::Source {
                            locale: locale.to_string(),
                            text: current.text.clone(),
                        }));
                        if let Some(before) = before.filter(|b| b.text != current.text) {
                            push(&format!(
                                "# change {locale}: {}",
                                inline_change(&before.text, &current.text, locale)
                            ));
                        }
                    }
                }
            }
        }
        for line in &entry.memory {
            push(line);
        }
        people(&mut out, &entry.comments_below);
        let mut push = |line: &str| {
            out.push_str(line);
            out.push_str(newline);
        };
        match (&entry.value, entry.state) {
            (Some(value), _) => out.push_str(&value.raw),
            (None, EntryState::Missing) => push(&notes::render(&Note::Placeholder {
                id: entry.id.clone(),
            })),
            // A commented-out translation is among the translator's lines already.
            (None, _) => {}
        }
        out
    }
}

fn as_entry_mut(item: &mut Item) -> Option<&mut Entry> {
    match item {
        Item::Entry(entry) => Some(&mut **entry),
        Item::Kept(_) => None,
    }
}

/// The rendered file so far and how many lines it holds.
#[derive(Default)]
struct Writer {
    text: String,
    lines: usize,
    /// The line ending of the blank lines and line ends the writer adds.
    newline: &'static str,
}

impl Writer {
    /// Appends a chunk right below the previous one, with no blank line between.
    fn line(&mut self, chunk: &str) -> LineRange {
        let first = self.lines + 1;
        self.text.push_str(chunk);
        if !chunk.ends_with('\n') {
            self.text.push_str(self.newline);
        }
        self.lines += chunk.matches('\n').count() + usize::from(!chunk.ends_with('\n'));
        LineRange {
            first,
            last: self.lines,
        }
    }

    /// Appends a chunk after one blank line.
    fn block(&mut self, chunk: &str) -> LineRange {
        let blank = self.text.ends_with("\n\n") || self.text.ends_with("\n\r\n");
        if !self.text.is_empty() && !blank {
            self.text.push_str(self.newline);
            self.lines += 1;
        }
        self.line(chunk)
    }
}

/// The change from `old` to `new` on one line, wdiff style: `[-removed-]{+added+}`.
pub(crate) fn inline_change(old: &str, new: &str, locale: &Locale) -> String {
    let ops = diff::revision(None, old, new, locale).inline;
    if ops.is_empty() {
        return format!("[-{}-]{{+{}+}}", notes::escape(old), notes::escape(new));
    }
    // A run of changes between two unchanged pieces reads as one replacement: what it
    // removed, then what it added (`{+台風第25号が上陸し、+}`, not one bracket per figure).
    let mut out = String::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut String, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push_str(&format!("[-{}-]", notes::escape(removed)));
        }
        if !added.is_empty() {
            out.push_str(&format!("{{+{}+}}", notes::escape(added)));
        }
        removed.clear();
        added.clear();
    };
    for op in ops {
        match op.op {
            InlineTag::Equal => {
                flush(&mut out, &mut removed, &mut added);
                out.push_str(&notes::escape(&op.text));
            }
            InlineTag::Delete => removed.push_str(&op.text),
            InlineTag::Insert => added.push_str(&op.text),
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(tag: &str) -> Locale {
        tag.parse().unwrap()
    }

    fn entry(id: &str, state: EntryState, value: Option<&str>) -> Entry {
        Entry {
            id: id.to_owned(),
            state,
            sources: vec![SourceText::new(&locale("ja"), "本文です。")],
            previous: Vec::new(),
            value: value.map(|raw| Value {
                raw: raw.to_owned(),
                text: None,
            }),
            comments_above: Vec::new(),
            comments_below: Vec::new(),
            newly_stale: false,
            mark_restored: false,
            lines: LineRange::default(),
            on_disk: None,
            commented_line: None,
            record: None,
            joined: false,
            kept_notes: Vec::new(),
            memory: Vec::new(),
        }
    }

    #[test]
    fn a_run_of_changes_reads_as_one_replacement() {
        let ja = locale("ja");
        assert_eq!(
            inline_change(
                "各地で被害が発生しています。",
                "台風第25号が上陸し、各地で被害が発生しています。",
                &ja
            ),
            "{+台風第25号が上陸し、+}各地で被害が発生しています。"
        );
        assert_eq!(
            inline_change("令和8年7月21日（火）から", "令和8年7月28日（火）から", &ja),
            "令和8年[-7月21日-]{+7月28日+}（火）から"
        );
    }

    #[test]
    fn renders_entries_in_order_and_records_their_lines() {
        let mut stale = entry("b", EntryState::Stale, Some("b = Texte\n"));
        stale.previous = vec![SourceText::new(&locale("ja"), "本文でした。")];
        stale.comments_above = vec![String::from("# my note")];
        let mut joined = entry("c", EntryState::Missing, None);
        joined.joined = true;
        let state = CatalogState::new(
            "doc",
            &locale("fr"),
            CatalogKind::Target,
            vec![locale("ja")],
            String::from("### honyaku: header\n"),
            vec![
                Item::Entry(Box::new(entry(
                    "a",
                    EntryState::Translated,
                    Some("a = Bonjour\n"),
                ))),
                Item::Kept(String::from("# a standalone comment\n")),
                Item::Entry(Box::new(stale)),
                Item::Entry(Box::new(joined)),
                Item::Entry(Box::new(entry(
                    "d",
                    EntryState::Obsolete,
                    Some("d = Vieux\n"),
                ))),
            ],
            LineEnding::Lf,
        );
        let text = state.text();
        assert_eq!(text, state.render());
        let lines: Vec<&str> = text.lines().collect();
        for entry in state.entries() {
            let shown = &lines[entry.lines.first - 1..entry.lines.last];
            assert!(
                shown
                    .last()
                    .unwrap()
                    .starts_with(&format!("{} =", entry.id))
                    || shown
                        .last()
                        .unwrap()
                        .starts_with(&format!("# {} =", entry.id)),
                "{}: {shown:?}",
                entry.id
            );
        }
        let b = state.entry("b").unwrap();
        assert_eq!(lines[b.lines.first - 1], "# my note");
        assert_eq!(lines[b.lines.first], STALE_MARK);
        assert_eq!(lines[b.lines.first + 1], "# was ja: 本文でした。");
        assert_eq!(state.entry("c").unwrap().lines.first, b.lines.last + 1);
        let d = state.entry("d").unwrap();
        assert_eq!(lines[d.lines.first - 3], OBSOLETE_HEADING);
        assert_eq!(state.current().count(), 3);
        assert_eq!(
            state.stale_sources(),
            vec![StaleSource {
                id: String::from("b"),
                locale: locale("ja"),
                was: String::from("本文でした。"),
                now: Some(String::from("本文です。")),
            }]
        );
    }
}
