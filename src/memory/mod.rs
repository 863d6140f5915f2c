//! The translation memory (issue 16): every translation a project has made comes back as a
//! suggestion for an untranslated or stale entry elsewhere, explained (score, origin, the
//! source difference, the figures replaced) and never written into a catalog by itself.
//!
//! The memory of a target locale is built from the typed catalog states
//! ([`crate::catalog::state`]), not from the comments: every current translation, keyed by
//! the original and the English pivot it was made from; every stale and obsolete one, keyed
//! by what it was made from (its previous source: a sentence moved and edited leaves its
//! translation there, stale or obsolete); and the TMX files a project keeps in
//! `memory/<locale>/*.tmx`. What each document contributes is kept in a binary record per
//! document under `.honyaku/memory/<locale>/` ([`store`]), keyed by the digests of the
//! document's files (read again only when their metadata changed), so only changed documents
//! are planned again and rewritten; deleting it is always safe.
//!
//! Scoring is in [`score`], figures in [`figures`]; the `# tm` lines sync writes above open
//! entries in [`notes`].

pub(crate) mod apply;
pub(crate) mod codec;
pub mod figures;
pub(crate) mod notes;
pub(crate) mod score;
pub(crate) mod store;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::state::{CatalogState, EntryState, inline_change};
use crate::locale::Locale;
use figures::Replaced;
use score::Index;

/// The default lowest score of a fuzzy suggestion, in percent.
pub(crate) const DEFAULT_THRESHOLD: u8 = 75;
/// The most suggestions given for one entry.
pub(crate) const MAX_SUGGESTIONS: usize = 3;
/// The lowest score of a near match; a suggestion whose translation keeps figures that
/// differ from the entry's scores below it.
const NEAR: u8 = 90;

/// Where a remembered translation comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The document (for a TMX file: its path in the project).
    pub document: String,
    /// The message id (for a TMX file: the unit's `tuid` or its line).
    pub id: String,
    /// The entry was in the obsolete section: its id left the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub obsolete: bool,
    /// The entry is stale: remembered with the source it was made from.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stale: bool,
}

/// One remembered translation and the source texts it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    /// In the project's source locale (`ja`).
    pub original: Option<String>,
    /// In the parallel locale (`en`).
    pub pivot: Option<String>,
    /// The translation, as its catalog holds it.
    pub translation: String,
    /// Where it was translated: document and message id.
    pub origin: Origin,
}

/// Why an entry wants a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Want {
    /// Not translated yet (or the translation is commented out).
    Missing,
    /// Translated from a source that changed since.
    Stale,
}

/// An entry of a target catalog that wants a translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open {
    /// The document whose catalog holds the entry.
    pub document: String,
    /// The entry's message id.
    pub id: String,
    /// Why it wants a translation.
    pub want: Want,
    /// Its text in the project's source locale.
    pub original: Option<String>,
    /// Its text in the parallel locale.
    pub pivot: Option<String>,
}

/// What one document's catalog in a locale brings to the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMemory {
    /// Its current translations.
    pub units: Vec<Unit>,
    /// Its entries that want one.
    pub open: Vec<Open>,
}

/// The project's source and parallel locales, which key the memory.
#[derive(Debug, Clone)]
pub struct Keys {
    /// The project's source locale (`ja`).
    pub original: Locale,
    /// The parallel locale (`en`), when the project has one.
    pub pivot: Option<Locale>,
}

impl DocumentMemory {
    /// The translations and open entries of one target catalog.
    pub fn of(state: &CatalogState, keys: &Keys) -> DocumentMemory {
        let mut memory = DocumentMemory::default();
        let text = |locale: Option<&Locale>, previous: bool, e: &crate::catalog::state::Entry| {
            let locale = locale?;
            let made_from = if previous { e.previous(locale) } else { None };
            made_from
                .or_else(|| e.source(locale))
                .map(|s| s.text.clone())
        };
        for entry in state.entries() {
            let pivot = keys.pivot.as_ref();
            match entry.state {
                EntryState::Translated | EntryState::Obsolete | EntryState::Stale => {
                    // A stale translation still translates what it was made from (its
                    // previous source): an edited sentence moved elsewhere leaves it here.
                    if let Some(translation) = entry.value.as_ref().and_then(|v| v.text.clone()) {
                        let unit = Unit {
                            original: text(Some(&keys.original), true, entry),
                            pivot: text(pivot, true, entry),
                            translation,
                            origin: Origin {
                                document: state.document.clone(),
                                id: entry.id.clone(),
                                obsolete: entry.state == EntryState::Obsolete,
                                stale: entry.state == EntryState::Stale,
                            },
                        };
                        if unit.original.is_some() || unit.pivot.is_some() {
                            memory.units.push(unit);
                        }
                    }
                    if entry.state == EntryState::Stale {
                        memory.open.push(Open {
                            document: state.document.clone(),
                            id: entry.id.clone(),
                            want: Want::Stale,
                            original: text(Some(&keys.original), false, entry),
                            pivot: text(pivot, false, entry),
                        });
                    }
                }
                EntryState::Missing | EntryState::CommentedTranslation => {
                    memory.open.push(Open {
                        document: state.document.clone(),
                        id: entry.id.clone(),
                        want: Want::Missing,
                        original: text(Some(&keys.original), false, entry),
                        pivot: text(pivot, false, entry),
                    });
                }
                EntryState::Source => {}
            }
        }
        memory
    }
}

/// Which source text a suggestion was matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Original,
    Pivot,
}

/// The texts of one side of the memory, indexed.
#[derive(Debug)]
struct SideIndex {
    locale: Locale,
    index: Index,
    /// (hash of a text, unit), sorted: the units whose text is a query's. A hash collision
    /// only adds a candidate, which is judged like any other.
    exact: Vec<Keyed>,
    /// (hash of the text with its figures masked ([`figures::mask`]), unit), sorted: the
    /// texts that differ from a query only in figures (leveraging compares the masks
    /// themselves).
    masked: Vec<Keyed>,
    /// The figures of text `i` (found once here, not again for every query it answers).
    figures: Vec<Vec<figures::Figure>>,
}

/// A unit filed under a hash, in [`SideIndex`]'s sorted lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Keyed {
    hash: u64,
    unit: u32,
}

/// What is known of a text before it is indexed: its figures, and its keys when they were
/// kept in the memory's cache.
#[derive(Debug, Clone)]
struct KnownText {
    figures: Vec<figures::Figure>,
    keys: Option<score::TextKeys>,
}

/// What one text brings to a [`SideIndex`], made in parallel.
#[derive(Debug)]
struct Prepared {
    found: Vec<figures::Figure>,
    tokens: score::Tokens,
    exact: u64,
    masked: Option<u64>,
}

/// The units filed under `hash` in a sorted list.
fn filed(list: &[Keyed], hash: u64) -> impl Iterator<Item = u32> + '_ {
    let start = list.partition_point(|k| k.hash < hash);
    list.get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(move |k| k.hash == hash)
        .map(|k| k.unit)
}

impl SideIndex {
    /// Indexes the texts of one side (`None`: the unit has none in this language), unit
    /// `i` being `texts[i]`, with what is known of it (`known[i]`: its figures, and its
    /// keys when they were kept; what is not known is found here).
    fn build(
        locale: &Locale,
        texts: &[Option<&str>],
        known: Vec<Option<KnownText>>,
        wanted: Option<&rustc_hash::FxHashSet<u64>>,
    ) -> SideIndex {
        let writing = locale.writing();
        let mut known = known;
        known.resize(texts.len(), None);
        let prepared: Vec<Option<Prepared>> = texts
            .par_iter()
            .zip(known.into_par_iter())
            .map(|(text, known)| {
                text.map(|text| {
                    let (found, keys) = match known {
                        Some(KnownText { figures, keys }) => (figures, keys),
                        None => (figures::figures(text, writing), None),
                    };
                    let keys = keys.unwrap_or_else(|| score::TextKeys::of(text, writing, &found));
                    Prepared {
                        exact: keys.exact,
                        masked: keys.masked,
                        tokens: score::Tokens::from_keys(keys, wanted),
                        found,
                    }
                })
            })
            .collect();
        let mut exact = Vec::with_capacity(prepared.len());
        let mut masked = Vec::new();
        let mut tokens = Vec::with_capacity(prepared.len());
        let mut found = Vec::with_capacity(prepared.len());
        for (unit, p) in prepared.into_iter().enumerate() {
            let unit = u32::try_from(unit).unwrap_or(u32::MAX);
            let Some(p) = p else {
                tokens.push(None);
                found.push(Vec::new());
                continue;
            };
            found.push(p.found);
            exact.push(Keyed {
                hash: p.exact,
                unit,
            });
            if let Some(hash) = p.masked {
                masked.push(Keyed { hash, unit });
            }
            tokens.push(Some(p.tokens));
        }
        exact.par_sort_unstable();
        masked.par_sort_unstable();
        SideIndex {
            locale: locale.clone(),
            index: Index::build(writing, &tokens),
            exact,
            masked,
            figures: found,
        }
    }

    /// Whether a text with these keys could be given any unit of this side at `threshold`
    /// (0–1): one filed under its hash or its masked hash, or one sharing enough tokens with
    /// it to reach the threshold ([`score::Index::could_reach`]). Every unit a lookup of the
    /// text returns ([`SideIndex::look_up`]) is one of these.
    fn could_match(&self, keys: &score::TextKeys, threshold: f64) -> bool {
        filed(&self.exact, keys.exact).next().is_some()
            || keys
                .masked
                .is_some_and(|hash| filed(&self.masked, hash).next().is_some())
            || self.index.could_reach(&keys.tokens, threshold)
    }

    /// Text `id` of this side with its figures.
    fn found<'a>(&'a self, text: &'a str, id: u32) -> figures::Figured<'a> {
        figures::Figured {
            text,
            figures: self.figures.get(id as usize).map_or(&[], Vec::as_slice),
        }
    }

    /// Looks a text up: the units whose text on this side is the query's, differs from it
    /// only in figures, or scores at least `threshold` (0–1). `known`: the text's figures,
    /// when they were found before.
    fn look_up(&self, text: &str, known: Option<&[figures::Figure]>, threshold: f64) -> Lookup {
        let found = known.map_or_else(
            || figures::figures(text, self.locale.writing()),
            <[figures::Figure]>::to_vec,
        );
        let query = self.index.query(text, &found);
        let mut ids: Vec<u32> = filed(&self.exact, score::stable_hash(text)).collect();
        let masked: Vec<u32> = if found.is_empty() {
            Vec::new()
        } else {
            filed(
                &self.masked,
                score::stable_hash(figures::mask(text, &found)),
            )
            .collect()
        };
        ids.extend(&masked);
        ids.extend(
            self.index
                .search(&query, threshold)
                .into_iter()
                .map(|h| h.text),
        );
        Lookup {
            query,
            ids,
            masked,
            found,
        }
    }
}

/// A text looked up on one side of the memory.
#[derive(Debug)]
struct Lookup {
    query: score::Query,
    ids: Vec<u32>,
    /// The units that differ from the text only in figures.
    masked: Vec<u32>,
    /// The text's figures.
    found: Vec<figures::Figure>,
}

/// A unit scored against an entry, before its leverage is tried and its score settled.
#[derive(Debug)]
struct Scored<'m> {
    /// Its index id.
    id: u32,
    unit: &'m Unit,
    side: Side,
    /// The similarity in percent (100: exact), the lower of the two sides' where the
    /// English differs.
    score: u8,
    exact: bool,
    pivots_agree: bool,
    /// It is the entry's own translation (suggested back only with figures replaced).
    own: bool,
    /// Its source differs from the entry's only in figures: its figures may be replaced.
    levers: bool,
}

impl Scored<'_> {
    /// How it ranks if its figures are replaced: among the leveraged candidates, by score.
    fn leveraged_key(&self) -> RankKey<'_> {
        RankKey {
            exact: self.exact,
            leveraged: true,
            score: self.score,
            similarity: self.score,
            origin: &self.unit.origin,
        }
    }
}

/// A unit that passed, before it is explained.
#[derive(Debug)]
struct Candidate<'m> {
    unit: &'m Unit,
    side: Side,
    score: u8,
    /// The score before a near match that needs an edit was kept below 90: it orders
    /// candidates of the same shown score.
    similarity: u8,
    exact: bool,
    leveraged: Option<figures::Leveraged>,
}

impl Candidate<'_> {
    fn translation(&self) -> &str {
        self.leveraged
            .as_ref()
            .map_or(&self.unit.translation, |l| &l.translation)
    }

    /// What orders it, borrowed.
    fn rank_key(&self) -> RankKey<'_> {
        RankKey {
            exact: self.exact,
            leveraged: self.leveraged.is_some(),
            score: self.score,
            similarity: self.similarity,
            origin: &self.unit.origin,
        }
    }

    fn rank(&self) -> Rank {
        Rank {
            exact: self.exact,
            leveraged: self.leveraged.is_some(),
            score: self.score,
            similarity: self.similarity,
            origin: self.unit.origin.clone(),
            translation: self.translation().to_owned(),
        }
    }
}

/// Where a suggestion stands among an entry's candidates, and the translation that makes it
/// one of a kind: a sync keeps it with the `# tm` lines, so that the candidates of new
/// remembered units can be merged into the shown ones without looking the entry up in the
/// whole memory again (whether a unit passes, and how it ranks, depends only on the unit
/// and the entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rank {
    pub exact: bool,
    pub leveraged: bool,
    pub score: u8,
    pub similarity: u8,
    pub origin: Origin,
    /// As suggested (figures replaced).
    pub translation: String,
}

/// The fields of a [`Rank`] that order candidates.
#[derive(Debug, Clone, Copy)]
struct RankKey<'a> {
    exact: bool,
    leveraged: bool,
    score: u8,
    similarity: u8,
    origin: &'a Origin,
}

impl Rank {
    fn key(&self) -> RankKey<'_> {
        RankKey {
            exact: self.exact,
            leveraged: self.leveraged,
            score: self.score,
            similarity: self.similarity,
            origin: &self.origin,
        }
    }

    /// Best first: exact matches, then translations with figures replaced, then by score
    /// and similarity; the origin settles ties.
    fn order(a: &RankKey, b: &RankKey) -> std::cmp::Ordering {
        (b.exact, b.leveraged, b.score, b.similarity)
            .cmp(&(a.exact, a.leveraged, a.score, a.similarity))
            .then_with(|| a.origin.cmp(b.origin))
    }

    /// The suggestions shown from two lists of them, each already chosen from a set of
    /// candidates ([`Memory::chosen`]): the same as choosing from the union of the two sets
    /// (a candidate one list left out is still beaten by what beat it there). Stable: of
    /// equal ranks, `a`'s come first.
    pub(crate) fn merge<T>(a: Vec<(Rank, T)>, b: Vec<(Rank, T)>, max: usize) -> Vec<(Rank, T)> {
        let mut all = a;
        all.extend(b);
        all.sort_by(|x, y| Rank::order(&x.0.key(), &y.0.key()));
        let mut seen = std::collections::HashSet::new();
        all.retain(|(rank, _)| seen.insert(rank.translation.clone()));
        all.truncate(max);
        all
    }
}

/// What makes two remembered units the same pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Pair<'a> {
    original: Option<&'a str>,
    pivot: Option<&'a str>,
    translation: &'a str,
}

impl Pair<'_> {
    fn of(unit: &Unit) -> Pair<'_> {
        Pair {
            original: unit.original.as_deref(),
            pivot: unit.pivot.as_deref(),
            translation: &unit.translation,
        }
    }
}

/// A value (a pair, a unit) with its hash made beforehand (in parallel): a set of them
/// hashes a `u64`, also when it grows.
#[derive(Debug, PartialEq, Eq)]
struct Hashed<T> {
    hash: u64,
    value: T,
}

impl<T: Eq> std::hash::Hash for Hashed<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// How the indexed units of a memory (the first of each distinct pair, in order) changed
/// between two unit lists: the lines a sync made from the first can be brought up to date
/// with these alone ([`Rank::merge`]).
#[derive(Debug, Default)]
pub(crate) struct Change {
    /// Indexed after, not before: their positions in the list after.
    pub added: Vec<usize>,
    /// The origins of the units indexed before, not after.
    pub removed: Vec<Origin>,
}

impl Change {
    pub(crate) fn between<'a>(before: impl Iterator<Item = &'a Unit>, after: &'a [Unit]) -> Change {
        /// The units indexed (the first of each pair), with their positions and the hashes
        /// of the whole units. Each unit's pair and whole are hashed once.
        fn indexed<'a>(units: &[&'a Unit]) -> Vec<(usize, Hashed<&'a Unit>)> {
            let hashes: Vec<(u64, u64)> = units
                .iter()
                .map(|u| (score::stable_hash(Pair::of(u)), score::stable_hash(u)))
                .collect();
            let mut seen = rustc_hash::FxHashSet::default();
            seen.reserve(units.len());
            units
                .iter()
                .zip(hashes)
                .enumerate()
                .filter(|&(_, (u, (pair, _)))| {
                    seen.insert(Hashed {
                        hash: pair,
                        value: Pair::of(u),
                    })
                })
                .map(|(at, (&u, (_, hash)))| (at, Hashed { hash, value: u }))
                .collect()
        }
        let before: Vec<&Unit> = before.collect();
        let after: Vec<&Unit> = after.iter().collect();
        let (before, after) = (indexed(&before), indexed(&after));
        let set = |units: &[(usize, Hashed<&'a Unit>)]| -> rustc_hash::FxHashSet<Hashed<&'a Unit>> {
            units
                .iter()
                .map(|(_, h)| Hashed {
                    hash: h.hash,
                    value: h.value,
                })
                .collect()
        };
        let (before_set, after_set) = (set(&before), set(&after));
        Change {
            added: after
                .iter()
                .filter(|(_, u)| !before_set.contains(u))
                .map(|&(at, _)| at)
                .collect(),
            removed: before
                .iter()
                .filter(|(_, u)| !after_set.contains(u))
                .map(|(_, u)| u.value.origin.clone())
                .collect(),
        }
    }
}

/// The memory of one target locale, indexed for suggestions.
#[derive(Debug)]
pub struct Memory {
    /// The target locale of the translations.
    pub locale: Locale,
    /// Every unit given, in order.
    units: Vec<Unit>,
    /// The units indexed, by index id: the first of each distinct pair.
    distinct: Vec<u32>,
    original: SideIndex,
    pivot: Option<SideIndex>,
    /// The figures of each indexed unit's translation, by index id, where they were kept
    /// (figure leverage reads them; the others are found when needed).
    translations: Vec<Option<Vec<figures::Figure>>>,
}

/// One suggestion for an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// 100 for an exact match; otherwise the similarity of the sources (see [`score`]).
    pub score: u8,
    /// Same original, and same English where both have one.
    pub exact: bool,
    /// The translation suggested (with figures replaced when `figures_replaced` is not
    /// empty).
    pub translation: String,
    /// Where the suggested translation was made: document and message id.
    pub from: Origin,
    /// The locale of the source texts compared, and the remembered source text.
    pub matched_on: String,
    /// The remembered source text, in the locale of `matched_on`.
    pub from_source: String,
    /// From the remembered source to the entry's: `[-removed-]{+added+}`.
    pub change: String,
    /// Figures the translation had from its own source, replaced by the entry's.
    pub figures_replaced: Vec<Replaced>,
    /// Figures of the two sources that differ (left as they are in the translation).
    pub figures_differ: Vec<String>,
}

impl Suggestion {
    /// What kind of match this is, for people: `exact`, `fuzzy` or
    /// `figures replaced: 2024 → 2025, …`.
    pub fn kind(&self) -> String {
        if self.exact {
            return "exact".to_owned();
        }
        if self.figures_replaced.is_empty() {
            return "fuzzy".to_owned();
        }
        let list: Vec<String> = self
            .figures_replaced
            .iter()
            .map(|r| format!("{} → {}", r.from, r.to))
            .collect();
        format!("figures replaced: {}", list.join(", "))
    }
}

/// The suggestions for one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestions {
    /// The document of the entry.
    pub document: String,
    /// The entry's message id.
    pub id: String,
    /// Why it wants a translation.
    pub want: Want,
    /// The entry's source text (the original, or the English for an English-only unit).
    pub source: String,
    /// Best first, at most `max` of [`Options`].
    pub suggestions: Vec<Suggestion>,
}

/// What a suggestion search asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Lowest fuzzy score, in percent; suggestions that only replace figures are given
    /// whatever their score.
    pub threshold: u8,
    /// Most suggestions per entry.
    pub max: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threshold: DEFAULT_THRESHOLD,
            max: MAX_SUGGESTIONS,
        }
    }
}

impl Memory {
    /// Indexes remembered translations (in order: the first origin of a pair is kept).
    pub fn new(locale: &Locale, keys: &Keys, units: Vec<Unit>) -> Memory {
        Memory::with_figures(locale, keys, units, Vec::new())
    }

    /// [`Memory::new`], given the figures of the units' source texts where they are known
    /// (`figures[i]` for `units[i]`; the others are found here).
    pub(crate) fn with_figures(
        locale: &Locale,
        keys: &Keys,
        units: Vec<Unit>,
        figures: Vec<Option<figures::SourceFigures>>,
    ) -> Memory {
        Memory::indexed(locale, keys, units, figures, Vec::new(), None)
    }

    /// [`Memory::with_figures`] for looking up only `queries` (each an entry with the
    /// figures of its source texts, when known): the index keeps the postings of their
    /// tokens alone, which gives these queries the suggestions of the whole index at a
    /// fraction of its cost. Any other query may miss suggestions. `text_keys[i]`: the
    /// keys of `units[i]`'s texts, where they were kept (the others are made here).
    pub(crate) fn for_queries(
        locale: &Locale,
        keys: &Keys,
        units: Vec<Unit>,
        figures: Vec<Option<figures::SourceFigures>>,
        text_keys: Vec<Option<score::SourceKeys>>,
        queries: &[(&Open, Option<&figures::SourceFigures>)],
    ) -> Memory {
        let tokens =
            |locale: &Locale,
             text: fn(&Open) -> Option<&str>,
             known: fn(&figures::SourceFigures) -> &[figures::Figure]| {
                let writing = locale.writing();
                queries
                    .par_iter()
                    .filter_map(|&(open, found)| {
                        let text = text(open)?;
                        let hashes = match found {
                            Some(found) => score::token_hashes(text, writing, known(found)),
                            None => {
                                score::token_hashes(text, writing, &figures::figures(text, writing))
                            }
                        };
                        Some(hashes)
                    })
                    .flatten_iter()
                    .collect::<rustc_hash::FxHashSet<u64>>()
            };
        let (original, pivot) = rayon::join(
            || tokens(&keys.original, |o| o.original.as_deref(), |f| &f.original),
            || {
                keys.pivot
                    .as_ref()
                    .map(|l| tokens(l, |o| o.pivot.as_deref(), |f| &f.pivot))
                    .unwrap_or_default()
            },
        );
        Memory::indexed(
            locale,
            keys,
            units,
            figures,
            text_keys,
            Some([&original, &pivot]),
        )
    }

    /// Indexes the units, with their figures and keys where known; with `wanted`, only the
    /// postings of those tokens (original side, pivot side) ([`score::Tokens::from_keys`]).
    fn indexed(
        locale: &Locale,
        keys: &Keys,
        units: Vec<Unit>,
        figures: Vec<Option<figures::SourceFigures>>,
        text_keys: Vec<Option<score::SourceKeys>>,
        wanted: Option<[&rustc_hash::FxHashSet<u64>; 2]>,
    ) -> Memory {
        // The same pair remembered in many documents (a contact block) is indexed once,
        // from its first origin; the others stay in `units`, unindexed (moving them out
        // would cost more than the index).
        let hashes: Vec<u64> = units
            .par_iter()
            .map(|u| score::stable_hash(Pair::of(u)))
            .collect();
        let mut seen = rustc_hash::FxHashSet::default();
        let distinct: Vec<u32> = units
            .iter()
            .zip(&hashes)
            .enumerate()
            .filter(|&(_, (unit, &hash))| {
                seen.insert(Hashed {
                    hash,
                    value: Pair::of(unit),
                })
            })
            .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        drop(seen);
        let texts = |side: fn(&Unit) -> Option<&str>| -> Vec<Option<&str>> {
            distinct
                .iter()
                .map(|&i| units.get(i as usize).and_then(side))
                .collect()
        };
        let (mut figures, mut text_keys) = (figures, text_keys);
        let (mut known_original, mut known_pivot) = (Vec::new(), Vec::new());
        let mut translations = Vec::with_capacity(distinct.len());
        for &i in &distinct {
            let i = i as usize;
            match figures.get_mut(i).and_then(Option::take) {
                Some(found) => {
                    translations.push(found.translation);
                    let kept = text_keys.get_mut(i).and_then(Option::take);
                    let (original, pivot) = kept.map_or((None, None), |k| (k.original, k.pivot));
                    known_original.push(Some(KnownText {
                        figures: found.original,
                        keys: original,
                    }));
                    known_pivot.push(Some(KnownText {
                        figures: found.pivot,
                        keys: pivot,
                    }));
                }
                None => {
                    translations.push(None);
                    known_original.push(None);
                    known_pivot.push(None);
                }
            }
        }
        drop((figures, text_keys));
        let (original, pivot) = rayon::join(
            || {
                SideIndex::build(
                    &keys.original,
                    &texts(|u| u.original.as_deref()),
                    known_original,
                    wanted.map(|[original, _]| original),
                )
            },
            || {
                keys.pivot.as_ref().map(|locale| {
                    SideIndex::build(
                        locale,
                        &texts(|u| u.pivot.as_deref()),
                        known_pivot,
                        wanted.map(|[_, pivot]| pivot),
                    )
                })
            },
        );
        Memory {
            locale: locale.clone(),
            units,
            distinct,
            original,
            pivot,
            translations,
        }
    }

    /// How many distinct remembered pairs the memory holds.
    pub fn units(&self) -> usize {
        self.distinct.len()
    }

    /// Indexed unit number `id`.
    fn unit(&self, id: u32) -> Option<&Unit> {
        self.units.get(*self.distinct.get(id as usize)? as usize)
    }

    /// The best suggestions for an entry, best first: exact matches, then translations with
    /// figures replaced, then by score; one per distinct translation.
    pub fn suggest(&self, open: &Open, options: &Options) -> Suggestions {
        Suggestions {
            document: open.document.clone(),
            id: open.id.clone(),
            want: open.want,
            source: open
                .original
                .clone()
                .or_else(|| open.pivot.clone())
                .unwrap_or_default(),
            suggestions: self
                .chosen(open, None, options)
                .into_iter()
                .map(|c| self.explain(open, c))
                .collect(),
        }
    }

    /// [`Memory::suggest`]'s suggestions, each with its [`Rank`]; `known`: the figures of the
    /// entry's source texts, when they were found before.
    pub(crate) fn ranked(
        &self,
        open: &Open,
        known: Option<&figures::SourceFigures>,
        options: &Options,
    ) -> Vec<(Rank, Suggestion)> {
        self.chosen(open, known, options)
            .into_iter()
            .map(|c| (c.rank(), self.explain(open, c)))
            .collect()
    }

    /// Whether this memory could have any suggestion for an entry whose texts have these keys
    /// (made with the entry's figures, as [`Memory::chosen`] looks it up): false only when no
    /// lookup of it could return a unit, so [`Memory::merge_into`] would leave it as it is.
    pub(crate) fn could_suggest(&self, keys: &score::SourceKeys, options: &Options) -> bool {
        let threshold = f64::from(options.threshold) / 100.0;
        keys.original
            .as_ref()
            .is_some_and(|k| self.original.could_match(k, threshold))
            || keys
                .pivot
                .as_ref()
                .zip(self.pivot.as_ref())
                .is_some_and(|(k, side)| side.could_match(k, threshold))
    }

    /// Merges this memory's suggestions for an entry ([`Rank::merge`]) into those it showed
    /// before (`shown`, chosen from another part of the memory), in place; false (and
    /// `shown` left as it is) when this memory has none for it. Only the candidates of this
    /// memory that are kept are explained (`as_shown` makes what the caller keeps of a
    /// suggestion): explaining (the source change) costs more than choosing, and most
    /// candidates of a few new units lose to what an entry already shows.
    pub(crate) fn merge_into<T>(
        &self,
        open: &Open,
        known: Option<&figures::SourceFigures>,
        options: &Options,
        shown: &mut Vec<(Rank, T)>,
        as_shown: impl Fn(Suggestion) -> T,
    ) -> bool {
        /// A suggestion of either list while they are merged.
        enum Either<'m, T> {
            Shown(T),
            New(Candidate<'m>),
        }
        let new: Vec<(Rank, Either<T>)> = self
            .chosen(open, known, options)
            .into_iter()
            .map(|c| (c.rank(), Either::New(c)))
            .collect();
        if new.is_empty() {
            return false;
        }
        let before = std::mem::take(shown)
            .into_iter()
            .map(|(rank, t)| (rank, Either::Shown(t)))
            .collect();
        *shown = Rank::merge(before, new, options.max)
            .into_iter()
            .map(|(rank, either)| match either {
                Either::Shown(t) => (rank, t),
                Either::New(c) => (rank, as_shown(self.explain(open, c))),
            })
            .collect();
        true
    }

    /// The candidates shown for an entry: every unit that passes ([`Memory::judge`]), in
    /// [`Rank`] order, the first of each translation, at most `options.max`.
    fn chosen<'m>(
        &'m self,
        open: &Open,
        known: Option<&figures::SourceFigures>,
        options: &Options,
    ) -> Vec<Candidate<'m>> {
        let threshold = f64::from(options.threshold) / 100.0;
        let original = open.original.as_deref().map(|text| {
            let known = known.map(|k| k.original.as_slice());
            self.original.look_up(text, known, threshold)
        });
        let pivot = match (&open.pivot, &self.pivot) {
            (Some(text), Some(side)) => {
                Some(side.look_up(text, known.map(|k| k.pivot.as_slice()), threshold))
            }
            _ => None,
        };
        let mut ids: Vec<u32> = original
            .iter()
            .chain(&pivot)
            .flat_map(|l| l.ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let lookups = [original.as_ref(), pivot.as_ref()];
        // Figure leverage is the costly part of judging, and only the best few candidates
        // are shown: the units that may be leveraged are tried best first (as a leveraged
        // candidate ranks), and no longer once `max` translations are chosen. The list is
        // the one judging every unit fully and sorting would give: ties are settled by the
        // unit's index, as the stable sort of units in index order settled them.
        let (mut levers, plain): (Vec<Scored>, Vec<Scored>) = ids
            .into_iter()
            .filter_map(|id| self.scored(open, id, lookups))
            .partition(|s| s.levers);
        let order = |a: &(Candidate, u32), b: &(Candidate, u32)| {
            Rank::order(&a.0.rank_key(), &b.0.rank_key()).then(a.1.cmp(&b.1))
        };
        let mut found: Vec<(Candidate, u32)> = plain
            .into_iter()
            .filter_map(|s| {
                let id = s.id;
                Some((self.settle(open, s, None, lookups, options)?, id))
            })
            .collect();
        found.sort_by(order);
        let exacts = found.iter().take_while(|(c, _)| c.exact).count();
        let rest = found.split_off(exacts);
        let mut chosen = Vec::with_capacity(options.max);
        let mut seen = rustc_hash::FxHashSet::default();
        let mut take = |c: Candidate<'m>, chosen: &mut Vec<Candidate<'m>>| {
            if chosen.len() < options.max && seen.insert(c.translation().to_owned()) {
                chosen.push(c);
            }
        };
        for (c, _) in found {
            take(c, &mut chosen);
        }
        levers.sort_by(|a, b| {
            Rank::order(&a.leveraged_key(), &b.leveraged_key()).then(a.id.cmp(&b.id))
        });
        let mut failed = Vec::new();
        for s in levers {
            if chosen.len() >= options.max {
                return chosen;
            }
            match self.leverage(open, &s, lookups) {
                Some(leveraged) => {
                    if let Some(c) = self.settle(open, s, Some(leveraged), lookups, options) {
                        take(c, &mut chosen);
                    }
                }
                None => failed.push(s),
            }
        }
        let mut rest = rest;
        rest.extend(failed.into_iter().filter_map(|s| {
            let id = s.id;
            Some((self.settle(open, s, None, lookups, options)?, id))
        }));
        rest.sort_by(order);
        for (c, _) in rest {
            if chosen.len() >= options.max {
                break;
            }
            take(c, &mut chosen);
        }
        chosen
    }

    /// Which side a unit is compared on with an entry: the original when both have one.
    fn side<'a>(&self, open: &'a Open, unit: &'a Unit) -> Option<(Side, &'a str, &'a str)> {
        match (&open.original, &unit.original) {
            (Some(q), Some(r)) => Some((Side::Original, q, r)),
            _ => match (&open.pivot, &unit.pivot) {
                (Some(q), Some(r)) => Some((Side::Pivot, q, r)),
                _ => None,
            },
        }
    }

    fn side_index(&self, side: Side) -> Option<&SideIndex> {
        match side {
            Side::Original => Some(&self.original),
            Side::Pivot => self.pivot.as_ref(),
        }
    }

    /// Scores one remembered unit against an entry, before figure leverage is tried
    /// ([`Memory::leverage`]) and the score settled ([`Memory::settle`]); `None` when it
    /// cannot be suggested to it at all.
    fn scored<'m>(
        &'m self,
        open: &Open,
        id: u32,
        lookups: [Option<&Lookup>; 2],
    ) -> Option<Scored<'m>> {
        let unit = self.unit(id)?;
        // An entry's own translation is not suggested back to it, except a stale one whose
        // source changed only in figures: then it comes back with them replaced.
        let own = unit.origin.document == open.document && unit.origin.id == open.id;
        if own && !(open.want == Want::Stale && unit.origin.stale) {
            return None;
        }
        let (side, query, remembered) = self.side(open, unit)?;
        let index = self.side_index(side)?;
        let lookup = match side {
            Side::Original => lookups[0],
            Side::Pivot => lookups[1],
        }?;
        let identical = query == remembered;
        let pivots_agree = match (&open.pivot, &unit.pivot) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        // Compared on the English alone while the entry has an original (a TMX pair of
        // English and the target language): the originals may differ, as when the Japanese
        // was revised and the English not yet; such a match is never exact (issue 16: exact
        // means the same original, and the same English where there is one).
        let original_unknown = matches!(side, Side::Pivot) && open.original.is_some();
        let exact = identical && pivots_agree && !original_unknown;
        let mut score = score::percent(index.index.similarity(&lookup.query, id), exact);
        // With the English on both sides, a match is only as good as its weaker side: the
        // same Japanese with different English is not the same segment.
        if let (Side::Original, Some(side), Some(pivot), false) =
            (side, &self.pivot, lookups[1], pivots_agree || exact)
        {
            let similarity = side.index.similarity(&pivot.query, id);
            score = score.min(score::percent(similarity, false));
        }
        Some(Scored {
            id,
            unit,
            side,
            score,
            exact,
            pivots_agree,
            own,
            levers: !identical && lookup.masked.contains(&id),
        })
    }

    /// The unit's translation with the entry's figures in place of its own, when the two
    /// sources differ only in figures ([`Scored::levers`]) and the translation allows it.
    fn leverage(
        &self,
        open: &Open,
        scored: &Scored,
        lookups: [Option<&Lookup>; 2],
    ) -> Option<figures::Leveraged> {
        let (_, query, remembered) = self.side(open, scored.unit)?;
        let index = self.side_index(scored.side)?;
        let lookup = match scored.side {
            Side::Original => lookups[0],
            Side::Pivot => lookups[1],
        }?;
        figures::leverage_found(
            index.found(remembered, scored.id),
            figures::Figured {
                text: query,
                figures: &lookup.found,
            },
            &scored.unit.translation,
            self.translations
                .get(scored.id as usize)
                .and_then(Option::as_deref),
            &self.locale,
        )
    }

    /// A scored unit as a candidate, with its leverage (if it was tried and worked); `None`
    /// below the threshold.
    fn settle<'m>(
        &'m self,
        open: &Open,
        scored: Scored<'m>,
        leveraged: Option<figures::Leveraged>,
        lookups: [Option<&Lookup>; 2],
        options: &Options,
    ) -> Option<Candidate<'m>> {
        let Scored {
            id,
            unit,
            side,
            mut score,
            exact,
            pivots_agree,
            own,
            ..
        } = scored;
        if own && leveraged.is_none() {
            return None;
        }
        let (_, query, remembered) = self.side(open, unit)?;
        let index = self.side_index(side)?;
        let lookup = match side {
            Side::Original => lookups[0],
            Side::Pivot => lookups[1],
        }?;
        // A near match (90–99) is a translation that can be taken as it is or with its
        // figures replaced: the sources read the same apart from punctuation, spacing and
        // case. Any other difference — figures left unreplaced (the translation states other
        // facts), a word, a name, a particle, on either side where the English differs —
        // needs an edit, so the score stays below 90 (the order keeps the similarity).
        let similarity = score;
        if !exact && leveraged.is_none() && score >= NEAR {
            let query = figures::Figured {
                text: query,
                figures: &lookup.found,
            };
            let mut differ = !reads_the_same(index.found(remembered, id), query, &index.locale);
            if let (false, Side::Original, Some(side), Some(a), Some(b)) = (
                differ || pivots_agree,
                side,
                &self.pivot,
                &unit.pivot,
                &open.pivot,
            ) {
                let found;
                let b = match lookups[1] {
                    Some(pivot) => figures::Figured {
                        text: b,
                        figures: &pivot.found,
                    },
                    None => {
                        found = figures::figures(b, side.locale.writing());
                        figures::Figured {
                            text: b,
                            figures: &found,
                        }
                    }
                };
                differ = !reads_the_same(side.found(a, id), b, &side.locale);
            }
            if differ {
                score = NEAR - 1;
            }
        }
        if !exact && leveraged.is_none() && score < options.threshold {
            return None;
        }
        Some(Candidate {
            unit,
            side,
            score,
            similarity,
            exact,
            leveraged,
        })
    }

    /// A chosen unit as a suggestion, with the source change and the figures.
    fn explain(&self, open: &Open, candidate: Candidate) -> Suggestion {
        let unit = candidate.unit;
        let (query, remembered) = match candidate.side {
            Side::Original => (open.original.as_deref(), unit.original.as_deref()),
            Side::Pivot => (open.pivot.as_deref(), unit.pivot.as_deref()),
        };
        let (query, remembered) = (query.unwrap_or_default(), remembered.unwrap_or_default());
        let locale = match candidate.side {
            Side::Original => &self.original.locale,
            Side::Pivot => self
                .pivot
                .as_ref()
                .map_or(&self.original.locale, |p| &p.locale),
        };
        let (translation, figures_replaced) = match candidate.leveraged {
            Some(l) => (l.translation, l.replaced),
            None => (unit.translation.clone(), Vec::new()),
        };
        Suggestion {
            score: candidate.score,
            exact: candidate.exact,
            translation,
            from: unit.origin.clone(),
            matched_on: locale.to_string(),
            from_source: remembered.to_owned(),
            change: if query == remembered {
                String::new()
            } else {
                inline_change(remembered, query, locale)
            },
            figures_replaced,
            figures_differ: figure_difference(remembered, query, locale.writing()),
        }
    }
}

/// What `honyaku suggest` found in a project.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Report {
    pub locale: String,
    /// How many translations the memory holds, and how it was loaded.
    pub memory_units: usize,
    pub memory: store::Stats,
    /// Entries that want a translation in the documents asked for.
    pub open: usize,
    /// Every suggestion, entry by entry, best first (the shape of issue 16).
    pub suggestions: Vec<Flat>,
    /// The same, grouped by entry: those with at least one suggestion, in document and
    /// catalog order.
    pub entries: Vec<Suggestions>,
    #[serde(skip)]
    pub diagnostics: Vec<crate::error::Diagnostic>,
    /// The `# tm` lines a sync writes (with the `[memory]` settings, which `--threshold` and
    /// `--max` do not change) above the open entries of the documents asked for: document
    /// → id → lines. Empty with `[memory] comments = false`.
    #[serde(skip)]
    pub sync_lines:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<String>>>,
}

/// One suggestion with the entry it is for.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Flat {
    pub document: String,
    pub id: String,
    pub want: Want,
    pub source: String,
    /// 1 for the best suggestion of the entry.
    pub rank: usize,
    #[serde(flatten)]
    pub suggestion: Suggestion,
}

/// Loads the memory of `locale` and suggests translations for the untranslated and stale
/// entries of `documents` (all when empty).
pub(crate) fn suggest_project(
    project: &crate::project::Project,
    locale: &Locale,
    documents: &[String],
    options: &Options,
    diagnostics: Vec<crate::error::Diagnostic>,
) -> crate::error::Result<Report> {
    crate::exchange::target_locale(project, locale)?;
    for doc in documents {
        if !project.documents.contains(doc) {
            return Err(crate::error::Error::Usage(format!(
                "no document named {doc:?} in this project (see `honyaku status`)"
            )));
        }
    }
    let mut report = Report {
        locale: locale.to_string(),
        diagnostics,
        ..Report::default()
    };
    let loaded = store::load(project, locale, &mut report.diagnostics)?;
    let memory = Memory::with_figures(
        locale,
        &store::keys(project),
        loaded.units,
        loaded.unit_figures,
    );
    report.memory_units = memory.units();
    report.memory = loaded.stats;
    let wanted: Vec<&Open> = loaded
        .open
        .iter()
        .filter(|o| documents.is_empty() || documents.contains(&o.document))
        .collect();
    report.open = wanted.len();
    use rayon::prelude::*;
    report.entries = wanted
        .par_iter()
        .map(|open| memory.suggest(open, options))
        .filter(|s| !s.suggestions.is_empty())
        .collect();
    if project.config.memory.comments {
        let configured = notes::options(project);
        let found = if configured == *options {
            report.entries.clone()
        } else {
            wanted
                .par_iter()
                .map(|open| memory.suggest(open, &configured))
                .filter(|s| !s.suggestions.is_empty())
                .collect()
        };
        for entry in &found {
            report
                .sync_lines
                .entry(entry.document.clone())
                .or_default()
                .insert(entry.id.clone(), notes::entry_lines(entry));
        }
    }
    report.suggestions = report
        .entries
        .iter()
        .flat_map(|e| {
            e.suggestions.iter().enumerate().map(|(n, s)| Flat {
                document: e.document.clone(),
                id: e.id.clone(),
                want: e.want,
                source: e.source.clone(),
                rank: n + 1,
                suggestion: s.clone(),
            })
        })
        .collect();
    Ok(report)
}

/// The figures of `a` missing from `b` and those of `b` missing from `a`, as written
/// (`令和6年 → 令和7年` for a pair in the same place, else `-x` and `+y`).
/// Whether two source texts read the same ([`score::reading`]): only punctuation, spacing
/// and case tell them apart.
fn reads_the_same(a: figures::Figured, b: figures::Figured, locale: &Locale) -> bool {
    let writing = locale.writing();
    score::reading(a.text, writing, a.figures) == score::reading(b.text, writing, b.figures)
}

fn figure_difference(a: &str, b: &str, writing: crate::locale::Writing) -> Vec<String> {
    let fa = figures::figures(a, writing);
    let fb = figures::figures(b, writing);
    if let Some(changes) = figures::figure_changes(a, &fa, b, &fb) {
        return changes
            .into_iter()
            .map(|(_, from, _, to)| format!("{from} → {to}"))
            .collect();
    }
    let mut out = Vec::new();
    let keys_b: Vec<&str> = fb.iter().map(|f| f.key.as_str()).collect();
    let keys_a: Vec<&str> = fa.iter().map(|f| f.key.as_str()).collect();
    for f in &fa {
        if !keys_b.contains(&f.key.as_str()) {
            out.push(format!("-{}", &a[f.span.clone()]));
        }
    }
    for f in &fb {
        if !keys_a.contains(&f.key.as_str()) {
            out.push(format!("+{}", &b[f.span.clone()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Writing;

    fn locale(tag: &str) -> Locale {
        tag.parse().unwrap()
    }

    fn unit(doc: &str, id: &str, ja: &str, en: Option<&str>, fr: &str) -> Unit {
        Unit {
            original: Some(ja.to_owned()),
            pivot: en.map(str::to_owned),
            translation: fr.to_owned(),
            origin: Origin {
                document: doc.to_owned(),
                id: id.to_owned(),
                obsolete: false,
                stale: false,
            },
        }
    }

    fn open(ja: &str, en: Option<&str>) -> Open {
        Open {
            document: "new".to_owned(),
            id: "x".to_owned(),
            want: Want::Missing,
            original: Some(ja.to_owned()),
            pivot: en.map(str::to_owned),
        }
    }

    fn memory(units: Vec<Unit>) -> Memory {
        let keys = Keys {
            original: locale("ja"),
            pivot: Some(locale("en")),
        };
        Memory::new(&locale("fr"), &keys, units)
    }

    /// A pair of English and the target language (a TMX unit) whose English is the entry's:
    /// the entry's original is not known to match (the Japanese may have been revised ahead
    /// of the English), so it is a near match, never an exact one that `--apply --min 100`
    /// would write. An entry without an original is matched exactly on the English.
    #[test]
    fn an_english_pair_is_never_exact_for_an_entry_with_an_original() {
        let mut english_only = unit(
            "memory/fr/tm.tmx",
            "u1",
            "",
            Some("Twelve projects were selected."),
            "Douze projets ont été retenus.",
        );
        english_only.original = None;
        let m = memory(vec![english_only]);
        let options = Options::default();
        let found = m.suggest(
            &open(
                "採択件数は13件です。",
                Some("Twelve projects were selected."),
            ),
            &options,
        );
        let s = &found.suggestions[0];
        assert!(!s.exact, "{s:?}");
        assert!(s.score < 100);
        let mut english_entry = open("", Some("Twelve projects were selected."));
        english_entry.original = None;
        let found = m.suggest(&english_entry, &options);
        assert!(found.suggestions[0].exact);
    }

    #[test]
    fn exact_fuzzy_leveraged_and_unrelated() {
        let m = memory(vec![
            unit(
                "a",
                "intro-1",
                "詳細は別紙のとおりです。",
                Some("Details are as shown in the attachment."),
                "Les détails figurent en annexe.",
            ),
            unit(
                "b",
                "date",
                "令和6年4月1日（月）に開催します。",
                None,
                "La réunion se tiendra le lundi 1er avril 2024.",
            ),
            unit(
                "c",
                "s1",
                "本件について意見を募集します。",
                None,
                "Nous sollicitons des commentaires à ce sujet.",
            ),
        ]);
        let options = Options::default();
        let exact = m.suggest(
            &open(
                "詳細は別紙のとおりです。",
                Some("Details are as shown in the attachment."),
            ),
            &options,
        );
        assert_eq!(exact.suggestions.len(), 1);
        let s = &exact.suggestions[0];
        assert!(s.exact);
        assert_eq!((s.score, s.from.document.as_str()), (100, "a"));

        // Same original, different English: not exact, and only as good as the English.
        let almost = m.suggest(
            &open(
                "詳細は別紙のとおりです。",
                Some("Details are shown in the attachment."),
            ),
            &options,
        );
        // One English word differs: similar (92), but not a near match, since any word
        // that differs may need an edit (the rule does not tell function words apart).
        assert_eq!(almost.suggestions[0].score, NEAR - 1);
        assert!(!almost.suggestions[0].exact);
        let other = m.suggest(
            &open("詳細は別紙のとおりです。", Some("See the attachment.")),
            &options,
        );
        assert!(other.suggestions.is_empty(), "{other:?}");

        let leveraged = m.suggest(&open("令和7年5月12日（月）に開催します。", None), &options);
        let s = &leveraged.suggestions[0];
        assert_eq!(s.translation, "La réunion se tiendra le lundi 12 mai 2025.");
        assert_eq!(s.figures_replaced.len(), 3);
        assert_eq!(
            s.figures_differ,
            vec!["令和6年 → 令和7年", "4月 → 5月", "1 → 12"]
        );

        let fuzzy = m.suggest(&open("本件について意見を募集しました。", None), &options);
        assert_eq!(fuzzy.suggestions.len(), 1);
        assert!((75..100).contains(&fuzzy.suggestions[0].score));
        assert!(fuzzy.suggestions[0].change.contains("[-"));

        let none = m.suggest(&open("電波利用料の見直しに関する検討会", None), &options);
        assert!(none.suggestions.is_empty());
    }

    #[test]
    fn figures_that_stay_wrong_keep_a_match_below_near_and_own_stale_translations_leverage() {
        let m = memory(vec![
            unit(
                "a",
                "s1",
                "本年度は、全国の地方公共団体のうち379の団体と連携して施策を実施します。",
                None,
                "Mesures avec 27 collectivités.",
            ),
            Unit {
                origin: Origin {
                    document: "new".to_owned(),
                    id: "x".to_owned(),
                    obsolete: false,
                    stale: true,
                },
                ..unit(
                    "new",
                    "x",
                    "令和6年4月1日（月）に開催します。",
                    None,
                    "La réunion se tiendra le lundi 1er avril 2024.",
                )
            },
        ]);
        // One figure differs and the translation does not hold it: below 90.
        let found = m.suggest(
            &open(
                "本年度は、全国の地方公共団体のうち380の団体と連携して施策を実施します。",
                None,
            ),
            &Options::default(),
        );
        assert_eq!(found.suggestions[0].score, NEAR - 1, "{found:?}");
        // A stale entry whose source changed only in figures gets its own translation back
        // with them replaced; its own translation is never suggested otherwise.
        let mut stale = open("令和7年5月12日（月）に開催します。", None);
        stale.want = Want::Stale;
        let found = m.suggest(&stale, &Options::default());
        assert_eq!(
            found.suggestions[0].translation,
            "La réunion se tiendra le lundi 12 mai 2025."
        );
        stale.original = Some("令和6年4月1日（月）に開催しました。".to_owned());
        assert!(
            m.suggest(&stale, &Options::default())
                .suggestions
                .is_empty()
        );
    }

    #[test]
    fn at_most_three_best_first_one_per_translation() {
        let units = (0..6)
            .map(|i| {
                unit(
                    &format!("d{i}"),
                    "s",
                    &format!("会議の資料を掲載しました{}", "。".repeat(i)),
                    None,
                    &format!("t{}", i.min(4)),
                )
            })
            .collect();
        let m = memory(units);
        let found = m.suggest(&open("会議の資料を掲載しました", None), &Options::default());
        let scores: Vec<u8> = found.suggestions.iter().map(|s| s.score).collect();
        assert_eq!(scores.len(), 3);
        assert_eq!(scores[0], 100);
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }

    #[test]
    fn a_near_match_needs_no_edit_but_its_figures() {
        let m = memory(vec![
            unit(
                "a",
                "s1",
                "会合には、183名の参加者がオンラインでも参加できるようにします。",
                Some("Up to 183 participants will also be able to join the meeting online."),
                "(fr) meeting",
            ),
            unit(
                "b",
                "s1",
                "開催日程等の詳細については、決まり次第、統計局のウェブサイトでお知らせします。",
                Some("Details of the briefing in Naha will be announced on the website."),
                "(fr) Naha",
            ),
        ]);
        let options = Options::default();
        let score_of = |ja: &str, en: Option<&str>| -> Vec<u8> {
            m.suggest(&open(ja, en), &options)
                .suggestions
                .iter()
                .map(|s| s.score)
                .collect()
        };
        // One word of the sentence differs: similar, but the translation names the other
        // event, so it is not a near match.
        let one_word = "調査には、183名の参加者がオンラインでも参加できるようにします。";
        let index = &m.original.index;
        let raw = score::percent(
            index.similarity(
                &index.query(one_word, &figures::figures(one_word, Writing::Unspaced)),
                0,
            ),
            false,
        );
        assert!(
            raw >= NEAR,
            "the case is one the Dice score alone calls near: {raw}"
        );
        assert_eq!(score_of(one_word, None), vec![NEAR - 1]);
        // Only punctuation differs: a near match.
        let near = score_of(
            "会合には183名の参加者がオンラインでも参加できるようにします",
            None,
        );
        assert!(near[0] >= NEAR, "{near:?}");
        // The same Japanese, English naming another city: the translation follows the
        // English, so it needs an edit too.
        let ja = "開催日程等の詳細については、決まり次第、統計局のウェブサイトでお知らせします。";
        let other_city = score_of(
            ja,
            Some("Details of the briefing in Sendai will be announced on the website."),
        );
        assert_eq!(other_city, vec![NEAR - 1]);
        let same_words = score_of(
            ja,
            Some("Details of the briefing in Naha will be announced on the website"),
        );
        assert!(same_words[0] >= NEAR, "{same_words:?}");
    }

    #[test]
    fn candidates_kept_below_near_stay_in_order_of_similarity() {
        let query = "本日、検討会の報告書を公表しました。なお、関係資料は後日掲載します。詳しくは総務省のウェブサイトに掲載されている資料をご覧ください。";
        let m = memory(vec![
            unit(
                "a",
                "s",
                "本日、作業部会の報告書を公表しました。なお、関係資料は明日掲載します。詳しくは総務省のウェブサイトに掲載されている資料をご覧ください。",
                None,
                "two words",
            ),
            unit(
                "b",
                "s",
                "本日、研究会の報告書を公表しました。なお、関係資料は後日掲載します。詳しくは総務省のウェブサイトに掲載されている資料をご覧ください。",
                None,
                "one word",
            ),
        ]);
        let index = &m.original.index;
        let q = index.query(query, &figures::figures(query, Writing::Unspaced));
        let raw: Vec<u8> = (0..2)
            .map(|id| score::percent(index.similarity(&q, id), false))
            .collect();
        assert!(raw[1] > raw[0] && raw[0] >= NEAR, "{raw:?}");
        let found = m.suggest(&open(query, None), &Options::default());
        let got: Vec<(&str, u8)> = found
            .suggestions
            .iter()
            .map(|s| (s.translation.as_str(), s.score))
            .collect();
        assert_eq!(got, vec![("one word", NEAR - 1), ("two words", NEAR - 1)]);
    }

    #[test]
    fn suggestions_merged_from_two_parts_of_a_memory_are_those_of_the_whole() {
        // Candidates of every kind (exact, figures replaced, fuzzy, capped below 90), two
        // with the same translation, more than `max`: however the units are split, merging
        // what each part shows gives what the whole memory shows.
        let units = vec![
            unit("a", "1", "会議の資料を掲載しました。", None, "t1"),
            unit("b", "1", "会議の資料を掲載しました", None, "t2"),
            unit("c", "1", "会議の資料を本日掲載しました。", None, "t1"),
            unit(
                "d",
                "1",
                "令和6年4月1日に会議の資料を掲載しました。",
                None,
                "le 1er avril 2024",
            ),
            unit(
                "e",
                "1",
                "令和6年4月2日に会議の資料を掲載しました。",
                None,
                "t3",
            ),
            unit("f", "1", "研究会の資料を掲載しました。", None, "t4"),
            unit("g", "1", "電波利用料の見直し", None, "t5"),
        ];
        let queries = [
            open("会議の資料を掲載しました。", None),
            open("令和7年5月12日に会議の資料を掲載しました。", None),
            open("研究会の資料を本日掲載しました。", None),
        ];
        let options = Options {
            threshold: 60,
            max: 2,
        };
        let whole = memory(units.clone());
        for query in &queries {
            let expected = whole.ranked(query, None, &options);
            assert!(!expected.is_empty());
            for mask in 0..(1u32 << units.len()) {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for (i, u) in units.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        a.push(u.clone());
                    } else {
                        b.push(u.clone());
                    }
                }
                let merged = Rank::merge(
                    memory(a).ranked(query, None, &options),
                    memory(b).ranked(query, None, &options),
                    options.max,
                );
                assert_eq!(merged, expected, "split {mask:b} of {query:?}");
            }
        }
    }

    /// Every unit judged in full (leverage tried on all that may take it), sorted, one per
    /// translation: what [`Memory::chosen`] must give although it tries leverage lazily.
    fn judged_in_full<'m>(m: &'m Memory, query: &Open, options: &Options) -> Vec<Rank> {
        let threshold = f64::from(options.threshold) / 100.0;
        let original = query
            .original
            .as_deref()
            .map(|t| m.original.look_up(t, None, threshold));
        let pivot = match (&query.pivot, &m.pivot) {
            (Some(t), Some(side)) => Some(side.look_up(t, None, threshold)),
            _ => None,
        };
        let lookups = [original.as_ref(), pivot.as_ref()];
        let mut ids: Vec<u32> = original
            .iter()
            .chain(&pivot)
            .flat_map(|l| l.ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut all: Vec<Candidate<'m>> = ids
            .into_iter()
            .filter_map(|id| {
                let scored = m.scored(query, id, lookups)?;
                let leveraged = if scored.levers {
                    m.leverage(query, &scored, lookups)
                } else {
                    None
                };
                m.settle(query, scored, leveraged, lookups, options)
            })
            .collect();
        all.sort_by(|a, b| Rank::order(&a.rank_key(), &b.rank_key()));
        let mut seen = std::collections::HashSet::new();
        all.retain(|c| seen.insert(c.translation().to_owned()));
        all.truncate(options.max);
        all.iter().map(Candidate::rank).collect()
    }

    #[test]
    fn leverage_tried_lazily_chooses_what_judging_every_unit_gives() {
        // Many units differ from the queries only in figures; some translations take the
        // new figures, some cannot (a figure the translation does not write), one is an
        // exact match, two share a translation.
        let mut units = Vec::new();
        for day in 1..=9 {
            units.push(unit(
                "a",
                &format!("d{day}"),
                &format!("令和6年4月{day}日に会議を開催します。"),
                None,
                &format!("Réunion {}: le {day} avril 2024.", char::from(b'a' + day)),
            ));
            units.push(unit(
                "b",
                &format!("d{day}"),
                &format!("令和6年5月{day}日に会議を開催します。"),
                None,
                "La réunion se tiendra au printemps.",
            ));
        }
        units.push(unit(
            "c",
            "s",
            "令和6年4月1日に会議を開催しました。",
            None,
            "La réunion s'est tenue le 1er avril 2024.",
        ));
        let m = memory(units);
        let queries = [
            open("令和6年4月12日に会議を開催します。", None),
            open("令和7年6月12日に会議を開催します。", None),
            open("令和6年4月1日に会議を開催しました。", None),
            open("令和6年4月1日に研究会を開催します。", None),
        ];
        for max in 1..=4 {
            for threshold in [50, 75, 90] {
                let options = Options { threshold, max };
                for query in &queries {
                    let lazy: Vec<Rank> = m
                        .chosen(query, None, &options)
                        .iter()
                        .map(Candidate::rank)
                        .collect();
                    assert_eq!(
                        lazy,
                        judged_in_full(&m, query, &options),
                        "{query:?} {options:?}"
                    );
                }
            }
        }
        // The case the laziness is for: leveraged suggestions fill the list.
        let options = Options::default();
        let top = m.chosen(&queries[0], None, &options);
        assert_eq!(top.len(), 3);
        assert!(top.iter().all(|c| c.leveraged.is_some()), "{top:?}");
    }

    #[test]
    fn kept_keys_index_as_the_texts_themselves() {
        let keys = Keys {
            original: locale("ja"),
            pivot: Some(locale("en")),
        };
        let units = vec![
            unit(
                "a",
                "1",
                "令和6年4月1日に会議の資料を掲載しました。",
                Some("The materials of the meeting of April 1, 2024 were posted."),
                "t1",
            ),
            unit(
                "b",
                "1",
                "会議の資料を掲載しました。",
                Some("Materials posted."),
                "t2",
            ),
            unit("c", "1", "電波利用料の見直し", None, "t3"),
        ];
        let found: Vec<figures::SourceFigures> = units
            .iter()
            .map(|u| figures::SourceFigures::of(u.original.as_deref(), u.pivot.as_deref(), &keys))
            .collect();
        let kept: Vec<Option<score::SourceKeys>> = units
            .iter()
            .zip(&found)
            .map(|(u, f)| {
                Some(score::SourceKeys::of(
                    u.original.as_deref(),
                    u.pivot.as_deref(),
                    f,
                    &keys,
                ))
            })
            .collect();
        let query = open(
            "令和7年5月1日に会議の資料を掲載しました。",
            Some("The materials of the meeting of May 1, 2025 were posted."),
        );
        let options = Options {
            threshold: 50,
            max: 3,
        };
        let queries = [(&query, None)];
        let with_kept = Memory::for_queries(
            &locale("fr"),
            &keys,
            units.clone(),
            found.iter().cloned().map(Some).collect(),
            kept,
            &queries,
        );
        let scanned = Memory::new(&locale("fr"), &keys, units);
        let expected = scanned.ranked(&query, None, &options);
        assert!(!expected.is_empty());
        assert_eq!(with_kept.ranked(&query, None, &options), expected);
    }

    #[test]
    fn an_entry_is_left_alone_only_when_no_lookup_could_return_a_unit() {
        let keys = Keys {
            original: locale("ja"),
            pivot: Some(locale("en")),
        };
        let units = vec![
            unit(
                "a",
                "1",
                "令和6年4月1日に会議の資料を掲載しました。",
                Some("The materials of the meeting of April 1, 2024 were posted."),
                "t1 le 1er avril 2024",
            ),
            unit("b", "1", "電波利用料の見直し", None, "t2"),
            unit("c", "1", "2024年", Some("2024"), "2024"),
        ];
        let added = Memory::new(&locale("fr"), &keys, units);
        let queries = [
            // Identical, fuzzy, figures only, figures alone (no token shared), English
            // only, unrelated in both languages.
            open(
                "令和6年4月1日に会議の資料を掲載しました。",
                Some("The materials of the meeting of April 1, 2024 were posted."),
            ),
            open("会議の資料を掲載しました。", Some("Materials posted.")),
            open(
                "令和7年5月1日に会議の資料を掲載しました。",
                Some("The materials of the meeting of May 1, 2025 were posted."),
            ),
            open("2025年", Some("2025")),
            Open {
                original: None,
                ..open("", Some("The materials of the meeting were posted."))
            },
            open("統計局の新しい調査", Some("Radio charges reviewed")),
        ];
        let mut left_alone = 0;
        for threshold in [1, 50, 75, 90] {
            let options = Options { threshold, max: 3 };
            for query in &queries {
                let found = figures::SourceFigures::of(
                    query.original.as_deref(),
                    query.pivot.as_deref(),
                    &keys,
                );
                let kept = score::SourceKeys::of(
                    query.original.as_deref(),
                    query.pivot.as_deref(),
                    &found,
                    &keys,
                );
                let chosen = added.chosen(query, Some(&found), &options);
                let could = added.could_suggest(&kept, &options);
                assert!(could || chosen.is_empty(), "{query:?} at {threshold}");
                left_alone += usize::from(!could);
            }
        }
        // The unrelated entry at every threshold: the filter does leave entries alone. (The
        // threshold-aware bound leaves no more here: the smallest unit, `2024`, has one token.)
        assert_eq!(left_alone, 4);
    }

    #[test]
    fn kept_translation_figures_leverage_as_figures_found_again() {
        let keys = Keys {
            original: locale("ja"),
            pivot: Some(locale("en")),
        };
        let units = vec![
            unit(
                "a",
                "1",
                "令和6年4月1日に会議の資料を掲載しました。",
                Some("The materials of the meeting of April 1, 2024 were posted."),
                "Les documents de la réunion du 1er avril 2024 ont été publiés.",
            ),
            unit(
                "b",
                "1",
                "令和6年4月3日に会議の資料を掲載しました。",
                Some("The materials of the meeting of April 3, 2024 were posted."),
                "Les documents de la réunion du 3 avril 2024 ont été publiés.",
            ),
        ];
        let target = locale("fr");
        let kept: Vec<Option<figures::SourceFigures>> = units
            .iter()
            .map(|u| Some(figures::SourceFigures::of_unit(u, &keys, &target)))
            .collect();
        assert!(kept.iter().flatten().all(|f| f.translation.is_some()));
        // Figures that do not fit the translation (a foreign cache) are found again.
        let mut misfit = kept.clone();
        for found in misfit.iter_mut().flatten() {
            if let Some(t) = &mut found.translation {
                t.reverse();
                t.push(figures::Figure::stored(500, 600, "n:1e0".to_owned()).unwrap());
            }
        }
        let query = open(
            "令和7年5月1日に会議の資料を掲載しました。",
            Some("The materials of the meeting of May 1, 2025 were posted."),
        );
        let options = Options {
            threshold: 50,
            max: 3,
        };
        let scanned = Memory::new(&target, &keys, units.clone());
        let expected = scanned.ranked(&query, None, &options);
        assert!(
            expected.iter().any(|(_, s)| !s.figures_replaced.is_empty()),
            "{expected:?}"
        );
        for figures in [kept, misfit] {
            let with_kept = Memory::with_figures(&target, &keys, units.clone(), figures);
            assert_eq!(with_kept.ranked(&query, None, &options), expected);
        }
    }

    /// Sentences made of a few shared pieces (so that texts overlap a lot, as on the
    /// template-made benchmark corpus), with figures.
    fn sentence(pieces: &[usize], figure: u8) -> (String, String) {
        const JA: [&str; 6] = [
            "会議の",
            "資料を",
            "掲載",
            "しました。",
            "電波利用料",
            "見直し",
        ];
        const EN: [&str; 6] = [
            "the meeting",
            "materials",
            "posted",
            "were",
            "radio",
            "fees",
        ];
        let ja: String = pieces.iter().map(|&p| JA[p % JA.len()]).collect();
        let en: Vec<&str> = pieces.iter().map(|&p| EN[p % EN.len()]).collect();
        (
            format!("{ja}{figure}件"),
            format!("{} {figure} items.", en.join(" ")),
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// The threshold-aware filter never leaves alone an entry a lookup would give a
        /// unit: whenever [`Memory::chosen`] finds a suggestion, [`Memory::could_suggest`]
        /// says it could.
        #[test]
        fn the_threshold_aware_filter_never_hides_a_suggestion(
            units in proptest::collection::vec((proptest::collection::vec(0usize..6, 0..6), 0u8..4, proptest::bool::ANY), 1..6),
            queries in proptest::collection::vec((proptest::collection::vec(0usize..6, 0..7), 0u8..4, proptest::bool::ANY), 1..4),
            threshold in proptest::prop_oneof![proptest::strategy::Just(50u8), proptest::strategy::Just(75u8), proptest::strategy::Just(90u8), 1u8..100],
        ) {
            let keys = Keys {
                original: locale("ja"),
                pivot: Some(locale("en")),
            };
            let units: Vec<Unit> = units
                .iter()
                .enumerate()
                .map(|(i, (pieces, figure, english))| {
                    let (ja, en) = sentence(pieces, *figure);
                    unit("d", &i.to_string(), &ja, english.then_some(en.as_str()), &format!("t{i} {figure}"))
                })
                .collect();
            let added = Memory::new(&locale("fr"), &keys, units);
            let options = Options { threshold, max: 3 };
            for (pieces, figure, english) in &queries {
                let (ja, en) = sentence(pieces, *figure);
                let query = open(&ja, english.then_some(en.as_str()));
                let found = figures::SourceFigures::of(
                    query.original.as_deref(),
                    query.pivot.as_deref(),
                    &keys,
                );
                let kept = score::SourceKeys::of(
                    query.original.as_deref(),
                    query.pivot.as_deref(),
                    &found,
                    &keys,
                );
                let chosen = added.chosen(&query, Some(&found), &options);
                proptest::prop_assert!(
                    chosen.is_empty() || added.could_suggest(&kept, &options),
                    "{:?} at {}", query, threshold
                );
            }
        }
    }
}
