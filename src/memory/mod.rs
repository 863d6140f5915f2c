//! The translation memory (issue 16): every translation a project has made comes back as a
//! suggestion for an untranslated or stale entry elsewhere, explained (score, origin, the
//! source difference, the figures replaced) and never written into a catalog by itself.
//!
//! The memory of a target locale is built from the typed catalog states
//! ([`crate::catalog::state`]), not from the comments: every current translation, keyed by
//! the original and the English pivot it was made from; every stale and obsolete one, keyed
//! by what it was made from (its previous source: a sentence moved and edited leaves its
//! translation there, stale or obsolete); and the TMX files a project keeps in
//! `memory/<locale>/*.tmx`. What each document contributes is kept
//! in `.honyaku/memory/<locale>.json` ([`store`]), keyed by the digests of the document's
//! files, so only changed documents are planned again; deleting it is always safe.
//!
//! Scoring is in [`score`], figures in [`figures`]; the `# tm` lines sync writes above open
//! entries in [`notes`].

pub(crate) mod apply;
pub mod figures;
pub(crate) mod notes;
pub(crate) mod score;
pub(crate) mod store;

use std::collections::HashMap;

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
    pub translation: String,
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
    pub document: String,
    pub id: String,
    pub want: Want,
    pub original: Option<String>,
    pub pivot: Option<String>,
}

/// What one document's catalog in a locale brings to the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMemory {
    pub units: Vec<Unit>,
    pub open: Vec<Open>,
}

/// The project's source and parallel locales, which key the memory.
#[derive(Debug, Clone)]
pub struct Keys {
    pub original: Locale,
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
    exact: HashMap<String, Vec<u32>>,
    /// By the text with its figures masked ([`figures::mask`]): the texts that differ from a
    /// query only in figures.
    masked: HashMap<String, Vec<u32>>,
}

impl SideIndex {
    fn new(locale: &Locale) -> SideIndex {
        SideIndex {
            locale: locale.clone(),
            index: Index::new(locale.writing()),
            exact: HashMap::new(),
            masked: HashMap::new(),
        }
    }

    fn push(&mut self, id: u32, text: Option<&str>) {
        let Some(text) = text else {
            self.index.push(None);
            return;
        };
        let found = figures::figures(text, self.locale.writing());
        self.index.push(Some((text, &found)));
        {
            self.exact.entry(text.to_owned()).or_default().push(id);
            if !found.is_empty() {
                self.masked
                    .entry(figures::mask(text, &found))
                    .or_default()
                    .push(id);
            }
        }
    }

    /// Looks a text up: the units whose text on this side is the query's, differs from it
    /// only in figures, or scores at least `threshold` (0–1).
    fn look_up(&self, text: &str, threshold: f64) -> Lookup {
        let found = figures::figures(text, self.locale.writing());
        let query = self.index.query(text, &found);
        let mut ids: Vec<u32> = self.exact.get(text).cloned().unwrap_or_default();
        let masked: Vec<u32> = if found.is_empty() {
            Vec::new()
        } else {
            self.masked
                .get(&figures::mask(text, &found))
                .cloned()
                .unwrap_or_default()
        };
        ids.extend(&masked);
        ids.extend(
            self.index
                .search(&query, threshold)
                .into_iter()
                .map(|h| h.text),
        );
        Lookup { query, ids, masked }
    }
}

/// A text looked up on one side of the memory.
#[derive(Debug)]
struct Lookup {
    query: score::Query,
    ids: Vec<u32>,
    /// The units that differ from the text only in figures.
    masked: Vec<u32>,
}

/// A unit that passed, before it is explained.
#[derive(Debug)]
struct Candidate<'m> {
    unit: &'m Unit,
    side: Side,
    score: u8,
    exact: bool,
    leveraged: Option<figures::Leveraged>,
}

impl Candidate<'_> {
    fn translation(&self) -> &str {
        self.leveraged
            .as_ref()
            .map_or(&self.unit.translation, |l| &l.translation)
    }
}

/// The memory of one target locale, indexed for suggestions.
#[derive(Debug)]
pub struct Memory {
    pub locale: Locale,
    units: Vec<Unit>,
    original: SideIndex,
    pivot: Option<SideIndex>,
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
    pub from: Origin,
    /// The locale of the source texts compared, and the remembered source text.
    pub matched_on: String,
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
    pub document: String,
    pub id: String,
    pub want: Want,
    /// The entry's source text (the original, or the English for an English-only unit).
    pub source: String,
    pub suggestions: Vec<Suggestion>,
}

/// What a suggestion search asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Lowest fuzzy score, in percent; suggestions that only replace figures are given
    /// whatever their score.
    pub threshold: u8,
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
        let mut original = SideIndex::new(&keys.original);
        let mut pivot = keys.pivot.as_ref().map(SideIndex::new);
        // The same pair remembered in many documents (a contact block) is indexed once,
        // from its first origin.
        let mut seen = std::collections::HashSet::new();
        let units: Vec<Unit> = units
            .into_iter()
            .filter(|u| seen.insert((u.original.clone(), u.pivot.clone(), u.translation.clone())))
            .collect();
        for (id, unit) in units.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            original.push(id, unit.original.as_deref());
            if let Some(pivot) = &mut pivot {
                pivot.push(id, unit.pivot.as_deref());
            }
        }
        Memory {
            locale: locale.clone(),
            units,
            original,
            pivot,
        }
    }

    /// How many distinct remembered pairs the memory holds.
    pub fn units(&self) -> usize {
        self.units.len()
    }

    /// The best suggestions for an entry, best first: exact matches, then translations with
    /// figures replaced, then by score; one per distinct translation.
    pub fn suggest(&self, open: &Open, options: &Options) -> Suggestions {
        let threshold = f64::from(options.threshold) / 100.0;
        let original = open
            .original
            .as_deref()
            .map(|text| self.original.look_up(text, threshold));
        let pivot = match (&open.pivot, &self.pivot) {
            (Some(text), Some(side)) => Some(side.look_up(text, threshold)),
            _ => None,
        };
        let mut ids: Vec<u32> = original
            .iter()
            .chain(&pivot)
            .flat_map(|l| l.ids.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut found: Vec<Candidate> = ids
            .into_iter()
            .filter_map(|id| self.judge(open, id, [original.as_ref(), pivot.as_ref()], options))
            .collect();
        found.sort_by(|a, b| {
            (b.exact, b.leveraged.is_some(), b.score)
                .cmp(&(a.exact, a.leveraged.is_some(), a.score))
                .then_with(|| a.unit.origin.cmp(&b.unit.origin))
        });
        let mut seen = std::collections::HashSet::new();
        found.retain(|c| seen.insert(c.translation().to_owned()));
        found.truncate(options.max);
        Suggestions {
            document: open.document.clone(),
            id: open.id.clone(),
            want: open.want,
            source: open
                .original
                .clone()
                .or_else(|| open.pivot.clone())
                .unwrap_or_default(),
            suggestions: found.into_iter().map(|c| self.explain(open, c)).collect(),
        }
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

    /// Scores one remembered unit against an entry; `None` below the threshold.
    fn judge(
        &self,
        open: &Open,
        id: u32,
        lookups: [Option<&Lookup>; 2],
        options: &Options,
    ) -> Option<Candidate<'_>> {
        let unit = self.units.get(id as usize)?;
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
        let exact = identical && pivots_agree;
        let mut score = score::percent(index.index.similarity(&lookup.query, id), exact);
        // With the English on both sides, a match is only as good as its weaker side: the
        // same Japanese with different English is not the same segment.
        if let (Side::Original, Some(side), Some(pivot), false) =
            (side, &self.pivot, lookups[1], pivots_agree || exact)
        {
            let similarity = side.index.similarity(&pivot.query, id);
            score = score.min(score::percent(similarity, false));
        }
        let leveraged = if identical || !lookup.masked.contains(&id) {
            None
        } else {
            figures::leverage(
                remembered,
                query,
                index.locale.writing(),
                &unit.translation,
                &self.locale,
            )
        };
        if own && leveraged.is_none() {
            return None;
        }
        // A translation whose figures differ from the entry's and could not be replaced
        // states other facts: never shown as a near match.
        if !exact
            && leveraged.is_none()
            && score >= NEAR
            && !figure_difference(remembered, query, index.locale.writing()).is_empty()
        {
            score = NEAR - 1;
        }
        if !exact && leveraged.is_none() && score < options.threshold {
            return None;
        }
        Some(Candidate {
            unit,
            side,
            score,
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
    let memory = Memory::new(locale, &store::keys(project), loaded.units);
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
        assert_eq!(almost.suggestions[0].score, 92);
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
}
