//! The translation memory's suggestions written into the target catalogs by sync: above each
//! untranslated or stale entry, one `# tm` line per suggestion (score, kind, origin, the
//! translation) and, when the sources differ, a `# tm change <tag>:` line with the source
//! difference. They are honyaku's lines ([`crate::catalog::notes::Note::Memory`]): every sync
//! drops and regenerates them, so they vanish once the entry is translated, and export,
//! import and check never take them for a translator's comments.
//!
//! Determinism: the lines of a document depend on its own open entries and on the memory of
//! the locale, which is built from every document's catalog *as the sync writes it* (its
//! [`super::DocumentMemory`], which never reads `# tm` lines) and the TMX files. So a sync
//! gives the same bytes whichever documents it had to plan again, and a second sync changes
//! nothing. A document whose files did not change but whose lines would (another document's
//! translation changed the memory) is synced anyway ([`MemoryNotes::refresh`]).

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::store::{CachedLines, CachedSuggestion, NotesCache};
use super::{Memory, Open, Options, Origin, Rank, Suggestion, Suggestions, store};
use crate::catalog::MemoryNotes;
use crate::catalog::notes::{MEMORY_PREFIX, escape};
use crate::error::{Diagnostic, Result};
use crate::project::Project;

/// The comment lines of one suggestion: `# tm 92% fuzzy (doc/id): translation`, then the
/// source change when the sources differ.
pub(crate) fn lines(suggestion: &Suggestion) -> Vec<String> {
    let from = &suggestion.from;
    let mut origin = format!("{}/{}", from.document, from.id);
    if from.obsolete {
        origin.push_str(", obsolete");
    }
    if from.stale {
        origin.push_str(", stale");
    }
    let mut lines = vec![format!(
        "{MEMORY_PREFIX}{}% {} ({origin}): {}",
        suggestion.score,
        suggestion.kind(),
        escape(&suggestion.translation)
    )];
    if !suggestion.change.is_empty() {
        // Written escaped already, as every `# change` line (`catalog::state::inline_change`).
        lines.push(format!(
            "{MEMORY_PREFIX}change {}: {}",
            suggestion.matched_on, suggestion.change
        ));
    }
    // A line the next sync would not recognise as its own would be kept as a person's, and
    // another written below it on every sync: only lines of the recognised shape are written
    // (a document or id holding "): ", a change without a mark, never occur in practice).
    lines.retain(|line| crate::catalog::notes::is_memory_line(line));
    lines
}

/// The lines of every suggestion of an entry, best first.
pub(crate) fn entry_lines(found: &Suggestions) -> Vec<String> {
    found.suggestions.iter().flat_map(lines).collect()
}

/// The search a sync's lines are made with: `[memory]` of `honyaku.toml`.
pub(crate) fn options(project: &Project) -> Options {
    Options {
        threshold: project.config.memory.threshold,
        max: project.config.memory.max,
    }
}

/// A digest of remembered units (in order): the TMX units' part of what the lines of a
/// locale are made from.
pub(crate) fn memory_digest(units: &[super::Unit]) -> String {
    let mut hasher = blake3::Hasher::new();
    for unit in units {
        let fields = [
            unit.original.as_deref(),
            unit.pivot.as_deref(),
            Some(unit.translation.as_str()),
            Some(unit.origin.document.as_str()),
            Some(unit.origin.id.as_str()),
        ];
        for field in fields {
            hash_field(&mut hasher, field);
        }
        hasher.update(&[u8::from(unit.origin.obsolete), u8::from(unit.origin.stale)]);
    }
    hasher.finalize().to_hex().to_string()
}

/// Adds one optional text to a digest: a presence byte, then the length and the bytes, so
/// that no two different field lists hash alike.
fn hash_field(hasher: &mut blake3::Hasher, field: Option<&str>) {
    match field {
        Some(text) => {
            hasher.update(&[1]);
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        }
        None => {
            hasher.update(&[0]);
        }
    }
}

/// The digest of an open entry: what its lines are made for.
fn open_digest(open: &Open) -> String {
    let mut hasher = blake3::Hasher::new();
    let want = match open.want {
        super::Want::Missing => "missing",
        super::Want::Stale => "stale",
    };
    for field in [
        Some(open.document.as_str()),
        Some(open.id.as_str()),
        Some(want),
        open.original.as_deref(),
        open.pivot.as_deref(),
    ] {
        hash_field(&mut hasher, field);
    }
    hasher.finalize().to_hex().to_string()
}

/// What the lines of a locale depend on besides the documents' memory: the TMX units and
/// the settings.
fn basis(tmx_units: &[super::Unit], options: &Options) -> String {
    format!(
        "{} {} {}",
        memory_digest(tmx_units),
        options.threshold,
        options.max
    )
}

/// How an open entry's lines of the last sync serve this one.
enum Reuse {
    /// As they are: no suggestion of theirs is gone and no new unit matches the entry.
    Same(CachedLines),
    /// With the suggestions of new units merged in ([`Rank::merge`]).
    Merged(CachedLines),
    /// Not at all: the entry is new or changed, or one of its suggestions is gone (what it
    /// hid is not known), so it is looked up in the whole memory.
    Lookup,
}

/// An entry's suggestions as the cache keeps them.
fn cached(open: &Open, ranked: Vec<(Rank, Vec<String>)>) -> CachedLines {
    CachedLines {
        open: open_digest(open),
        suggestions: ranked
            .into_iter()
            .map(|(rank, lines)| CachedSuggestion { rank, lines })
            .collect(),
    }
}

/// The `# tm` lines of every open entry of one locale, brought up to date from those of the
/// last sync where the memory's change allows: an unchanged entry none of whose suggestions
/// is gone keeps them, merged with the suggestions of the units the memory gained (looked
/// up in an index of those alone; see [`Rank::merge`]). Only new and changed entries, and
/// those that lost a suggestion, are looked up in the whole memory, which is indexed only
/// when one needs it.
fn locale_lines(
    project: &Project,
    locale: &crate::locale::Locale,
    loaded: &mut store::Loaded,
    options: &Options,
) -> LocaleLines {
    let keys = store::keys(project);
    let basis = basis(&loaded.tmx_units, options);
    let previous = loaded
        .previous_notes
        .take()
        .filter(|notes| notes.basis == basis);
    let all_cached = previous
        .as_ref()
        .is_some_and(|p| p.entries.len() == loaded.open.len());
    // Each open entry's lines of the last sync, taken out of the cache (not copied).
    let mut previous = previous.map(|p| p.entries).unwrap_or_default();
    let previous: Vec<Option<CachedLines>> = loaded
        .open
        .iter()
        .map(|open| previous.remove(&entry_key(open)))
        .collect();
    let change = std::mem::take(&mut loaded.change);
    let gone: HashSet<&Origin> = change.removed.iter().collect();
    let added = Memory::with_figures(
        locale,
        &keys,
        change
            .added
            .iter()
            .filter_map(|&at| loaded.units.get(at).cloned())
            .collect(),
        change
            .added
            .iter()
            .filter(|&&at| at < loaded.units.len())
            .map(|&at| loaded.unit_figures.get(at).cloned().flatten())
            .collect(),
    );
    let open_figures = |k: usize| loaded.open_figures.get(k);
    let reuse: Vec<Reuse> = loaded
        .open
        .par_iter()
        .enumerate()
        .zip(previous)
        .map(|((k, open), cached)| {
            let Some(cached) = cached.filter(|c| c.open == open_digest(open)) else {
                return Reuse::Lookup;
            };
            if cached
                .suggestions
                .iter()
                .any(|s| gone.contains(&s.rank.origin))
            {
                return Reuse::Lookup;
            }
            // An entry no new unit could be suggested to keeps its lines as they are: most
            // entries, told from their kept keys without tokenising them.
            if loaded
                .open_keys
                .get(k)
                .is_some_and(|keys| !added.could_suggest(keys, options))
            {
                return Reuse::Same(cached);
            }
            let mut shown: Vec<(Rank, Vec<String>)> = cached
                .suggestions
                .into_iter()
                .map(|s| (s.rank, s.lines))
                .collect();
            let merged =
                added.merge_into(open, open_figures(k), options, &mut shown, |s| lines(&s));
            let lines = CachedLines {
                open: cached.open,
                suggestions: shown
                    .into_iter()
                    .map(|(rank, lines)| CachedSuggestion { rank, lines })
                    .collect(),
            };
            if merged {
                Reuse::Merged(lines)
            } else {
                Reuse::Same(lines)
            }
        })
        .collect();
    let wanted: Vec<usize> = reuse
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Reuse::Lookup))
        .map(|(k, _)| k)
        .collect();
    let unchanged = all_cached && reuse.iter().all(|r| matches!(r, Reuse::Same(_)));
    // Indexed for the entries that need a full lookup only: the postings of their tokens.
    let memory = (!wanted.is_empty()).then(|| {
        let queries: Vec<(&Open, Option<&super::figures::SourceFigures>)> = wanted
            .iter()
            .filter_map(|&k| Some((loaded.open.get(k)?, open_figures(k))))
            .collect();
        Memory::for_queries(
            locale,
            &keys,
            std::mem::take(&mut loaded.units),
            std::mem::take(&mut loaded.unit_figures),
            std::mem::take(&mut loaded.unit_keys),
            &queries,
        )
    });
    let made: Vec<CachedLines> = loaded
        .open
        .par_iter()
        .enumerate()
        .zip(reuse)
        .map(|((k, open), reuse)| match (reuse, &memory) {
            (Reuse::Same(lines) | Reuse::Merged(lines), _) => lines,
            (Reuse::Lookup, Some(memory)) => {
                let ranked = memory.ranked(open, open_figures(k), options);
                cached(
                    open,
                    ranked.into_iter().map(|(r, s)| (r, lines(&s))).collect(),
                )
            }
            (Reuse::Lookup, None) => cached(open, Vec::new()),
        })
        .collect();
    let mut cache = NotesCache {
        basis,
        entries: BTreeMap::new(),
    };
    let mut lines = Vec::new();
    for (k, (open, made)) in loaded.open.iter().zip(made).enumerate() {
        if !made.suggestions.is_empty() {
            lines.push((
                k,
                made.suggestions
                    .iter()
                    .flat_map(|s| s.lines.iter().cloned())
                    .collect(),
            ));
        }
        cache.entries.insert(entry_key(open), made);
    }
    LocaleLines {
        lines,
        cache,
        unchanged,
    }
}

/// The lines of a locale's open entries (by their index in [`store::Loaded::open`]), and
/// the cache of them to save unless `unchanged`.
struct LocaleLines {
    lines: Vec<(usize, Vec<String>)>,
    cache: NotesCache,
    unchanged: bool,
}

fn entry_key(open: &Open) -> String {
    format!("{}\n{}", open.document, open.id)
}

/// The translation memory's lines for the next sync of every target catalog (none when
/// `[memory] comments = false`), and the documents that must be synced for them. Saves each
/// locale's memory cache with the lines.
pub(crate) fn for_sync(
    project: &Project,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<MemoryNotes> {
    let mut notes = MemoryNotes::default();
    if !project.config.memory.comments || project.config.targets.is_empty() {
        return Ok(notes);
    }
    let options = options(project);
    let locales = &project.config.targets;
    let all = store::load_all(project, locales, false, Some(&notes.planned), diagnostics)?;
    for (locale, mut loaded) in locales.iter().zip(all) {
        let LocaleLines {
            lines: found,
            cache,
            unchanged,
        } = locale_lines(project, locale, &mut loaded, &options);
        let mut by_document: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        // In catalog order (the order of the open entries), for comparing with the file.
        let mut shown_now: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, lines) in &found {
            let Some(open) = loaded.open.get(*k) else {
                continue;
            };
            shown_now
                .entry(open.document.as_str())
                .or_default()
                .extend(lines.iter().map(String::as_str));
            by_document
                .entry(open.document.clone())
                .or_default()
                .insert(open.id.clone(), lines.clone());
        }
        for (doc, shown) in &loaded.shown {
            let now = shown_now.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
            if store::lines_digest(now.iter().copied()) != *shown {
                notes.refresh.insert(doc.clone());
            }
        }
        for (doc, ids) in by_document {
            notes
                .catalogs
                .entry(doc)
                .or_default()
                .insert(locale.clone(), ids);
        }
        if loaded.store_changed || !unchanged {
            let store = std::mem::take(&mut loaded.store);
            store::save_store(project, locale, store, Some(cache), diagnostics);
        }
    }
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::notes::{Note, classify};
    use crate::memory::Origin;

    #[test]
    fn suggestion_lines_are_memory_notes_on_one_line_each() {
        let suggestion = Suggestion {
            score: 88,
            exact: false,
            translation: "Deux\nlignes".to_owned(),
            from: Origin {
                document: "2024-05-radio".to_owned(),
                id: "overview-3".to_owned(),
                obsolete: true,
                stale: false,
            },
            matched_on: "ja".to_owned(),
            from_source: "会議を開催します。".to_owned(),
            change: "会議を[-開催-]{+延期+}します。".to_owned(),
            figures_replaced: Vec::new(),
            figures_differ: Vec::new(),
        };
        let lines = lines(&suggestion);
        assert_eq!(
            lines,
            [
                "# tm 88% fuzzy (2024-05-radio/overview-3, obsolete): Deux\\nlignes",
                "# tm change ja: 会議を[-開催-]{+延期+}します。",
            ]
        );
        for line in &lines {
            assert_eq!(classify(line, &["ja", "en"]), Note::Memory, "{line}");
        }
    }

    /// The change of a suggestion is escaped once, as the entry's own `# change` line is (a
    /// tab in a schedule row is `\u{9}` on both).
    #[test]
    fn the_change_line_is_escaped_once() {
        let ja: crate::locale::Locale = "ja".parse().unwrap();
        let (old, new) = ("令和9年5月\t新手法", "令和9年6月\t新手法");
        let change = crate::catalog::state::inline_change(old, new, &ja);
        assert!(
            change.contains("\\u{9}") && !change.contains("\\\\u"),
            "{change}"
        );
        let suggestion = Suggestion {
            score: 90,
            exact: false,
            translation: "Mai\tnouvelle méthode".to_owned(),
            from: Origin {
                document: "d".to_owned(),
                id: "s-1".to_owned(),
                obsolete: false,
                stale: false,
            },
            matched_on: "ja".to_owned(),
            from_source: old.to_owned(),
            change: change.clone(),
            figures_replaced: Vec::new(),
            figures_differ: Vec::new(),
        };
        let lines = lines(&suggestion);
        assert_eq!(lines[1], format!("# tm change ja: {change}"));
    }
}
