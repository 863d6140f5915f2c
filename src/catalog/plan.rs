//! The sync plan of one document: segment each source text, align the original with the
//! parallel release into units (one message each), and give every unit its id — the one it
//! had at the last sync when it is the same or an edited segment, a fresh one otherwise.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::align;
use crate::catalog::ftl::{EntryKind, FtlFile};
use crate::catalog::ids::{IdAllocator, section_slug};
use crate::catalog::notes;
use crate::diff;
use crate::locale::{Locale, Writing};
use crate::segment::{BlockKind, Document};

/// Prefix of the header line in the original's catalog that lists retired ids.
pub const RETIRED_PREFIX: &str = "### honyaku-retired:";

/// One message: a segment of the original and its counterpart in the parallel release (or a
/// segment found in only one of them), with a stable id.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub kind: BlockKind,
    /// Text per source locale, in authority order; a locale is absent where the unit exists
    /// in the other language only.
    pub texts: Vec<(Locale, String)>,
    /// Segment indices per source document, parallel to `texts`.
    pub segments: Vec<(Locale, Vec<usize>)>,
    /// Alignment confidence, when two source texts were aligned by this sync; `None` also
    /// where the pairing is the one the last sync made (nothing new to confirm).
    pub score: Option<f64>,
}

impl Unit {
    pub fn text(&self, locale: &Locale) -> Option<&str> {
        self.texts
            .iter()
            .find(|(l, _)| l == locale)
            .map(|(_, t)| t.as_str())
    }
}

/// What changed in a document since the last sync, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<String>,
    pub modified: Vec<String>,
    /// Messages that only gained a source locale's text, every text they had unchanged: the
    /// English release arriving for a Japanese sentence already tracked.
    pub paired: Vec<String>,
    pub retired: Vec<String>,
}

/// Units of a document and the id bookkeeping the catalogs must keep.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Source documents, in authority order (original first).
    pub documents: Vec<(Locale, Document)>,
    pub units: Vec<Unit>,
    /// Every id retired in this document, ever: never to be handed out again.
    pub retired: BTreeSet<String>,
    /// Ids the source catalogs tracked before this sync, current or retired: honyaku's
    /// messages, told apart from a translator's own.
    pub known: BTreeSet<String>,
    pub changes: Changes,
    /// One message per editor pin that matched no sentence (see [`align::align_pinned`]).
    pub unmatched_pins: Vec<String>,
}

/// The ids a `###` comment of a source catalog lists as retired (its `### honyaku-retired:`
/// lines).
pub(super) fn retired_in(comment: &str) -> impl Iterator<Item = String> + '_ {
    comment
        .lines()
        .filter_map(|line| line.strip_prefix(RETIRED_PREFIX))
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
}

/// The units the source catalogs held at the last sync.
#[derive(Debug, Default)]
pub struct Tracked {
    units: Vec<(String, BTreeMap<Locale, String>)>,
    /// Each source catalog's own message order, as indices into `units`, with the passage
    /// of each (messages of one paragraph or list are written on consecutive lines).
    order: BTreeMap<Locale, Vec<(usize, usize)>>,
    retired: BTreeSet<String>,
    seen: BTreeSet<String>,
    /// The source texts of retired messages, as translation catalogs still show them above
    /// the translation (`# ja: …`), so that a sentence restored verbatim gets its id back.
    retired_texts: BTreeMap<String, BTreeMap<Locale, String>>,
}

impl Tracked {
    /// Reads the source catalogs of a document (original first); `catalogs` may be empty on
    /// a first sync. Every id found in any catalog of the document goes into `seen`.
    pub fn read(sources: &[(Locale, &FtlFile)], others: &[&FtlFile]) -> Tracked {
        let mut tracked = Tracked::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (locale, file) in sources {
            let mut passage = 0;
            let mut apart = false;
            for entry in &file.entries {
                match &entry.kind {
                    EntryKind::Message {
                        id,
                        value: Some(value),
                        ..
                    } => {
                        let at = *index.entry(id.clone()).or_insert_with(|| {
                            tracked.units.push((id.clone(), BTreeMap::new()));
                            tracked.units.len() - 1
                        });
                        tracked.units[at].1.insert(locale.clone(), value.clone());
                        let order = tracked.order.entry(locale.clone()).or_default();
                        if apart && !order.is_empty() {
                            passage += 1;
                        }
                        apart = false;
                        order.push((at, passage));
                        tracked.seen.insert(id.clone());
                    }
                    EntryKind::Comment { level: 3 } => {
                        apart = true;
                        tracked.retired.extend(retired_in(&entry.raw));
                    }
                    _ => apart = true,
                }
            }
        }
        let tags: Vec<&str> = sources.iter().map(|(locale, _)| locale.tag()).collect();
        for file in others {
            for entry in &file.entries {
                if let EntryKind::Message { id, comment, .. } = &entry.kind {
                    tracked.seen.insert(id.clone());
                    if tracked.retired.contains(id) && !index.contains_key(id) {
                        let texts =
                            source_notes(comment.as_deref().unwrap_or_default(), sources, &tags);
                        if !texts.is_empty() {
                            tracked.retired_texts.entry(id.clone()).or_insert(texts);
                        }
                    }
                }
            }
        }
        tracked.seen.extend(tracked.retired.iter().cloned());
        tracked
    }

    /// The retired message whose text in the unit's first source language (the original,
    /// unless the unit exists only in the parallel release) was the unit's, if any: a
    /// sentence removed and later restored verbatim. Its translation comes back, stale if a
    /// source differs from the one it was made from (merge compares them).
    fn retired_like(&self, unit: &Unit, taken: &BTreeSet<String>) -> Option<&str> {
        let (locale, text) = unit.texts.first()?;
        self.retired_texts
            .iter()
            .find(|(id, texts)| !taken.contains(*id) && texts.get(locale) == Some(text))
            .map(|(id, _)| id.as_str())
    }

    /// The text the source catalog of `locale` held for `id` at the last sync.
    pub fn text(&self, id: &str, locale: &Locale) -> Option<&str> {
        let (_, texts) = self.units.iter().find(|(i, _)| i == id)?;
        texts.get(locale).map(String::as_str)
    }

    /// The tracked units that have text in `locale`, in that locale's catalog order, as the
    /// old side of a diff; `at` gives each one's index into the tracked units.
    pub fn entries(&self, locale: &Locale) -> (Vec<diff::Side<'_>>, Vec<usize>) {
        let order = self
            .order
            .get(locale)
            .map(Vec::as_slice)
            .unwrap_or_default();
        order
            .iter()
            .filter_map(|&(at, passage)| {
                let (id, texts) = &self.units[at];
                let text = texts.get(locale)?;
                let side = diff::Side {
                    id: Some(id),
                    text,
                    passage,
                };
                Some((side, at))
            })
            .unzip()
    }
}

/// Builds the plan for a document from its segmented source texts (original first) and what
/// the catalogs tracked.
pub fn plan(documents: Vec<(Locale, Document)>, tracked: &Tracked, pins: &[align::Pin]) -> Plan {
    // Per source locale, the pair scores its matchings share (see `diff::Scores`).
    let scores: Vec<diff::Scores> = documents.iter().map(|_| diff::Scores::default()).collect();
    let (mut units, unmatched_pins) = group_units(&documents, pins, tracked, &scores);
    let inherited = inherit_ids(&units, tracked, &documents, &scores);

    let mut allocator = IdAllocator::new(tracked.seen.clone());
    let mut changes = Changes::default();
    let mut section: Option<String> = None;
    let mut ordinal = 0;
    let mut claimed = BTreeSet::new();
    let mut reattached = BTreeSet::new();
    for (unit, inherited) in units.iter_mut().zip(inherited) {
        if unit.kind == BlockKind::Heading {
            ordinal += 1;
            let spaced = unit
                .texts
                .iter()
                .find(|(l, _)| l.writing() == Writing::Spaced);
            section = Some(section_slug(spaced.map(|(_, t)| t.as_str()), ordinal));
        }
        match inherited {
            Some(old) => {
                let (id, old_texts) = &tracked.units[old];
                let kept = old_texts
                    .iter()
                    .all(|(l, t)| unit.texts.iter().any(|(ul, ut)| ul == l && ut == t));
                if kept && old_texts.len() < unit.texts.len() {
                    changes.paired.push(id.clone());
                } else if !kept || old_texts.len() != unit.texts.len() {
                    changes.modified.push(id.clone());
                }
                unit.id = id.clone();
                claimed.insert(old);
                if same_texts(unit, old_texts) {
                    // The pairing the last sync made: not new, nothing to confirm again.
                    unit.score = None;
                }
            }
            None => {
                unit.id = match tracked.retired_like(unit, &reattached) {
                    Some(id) => {
                        reattached.insert(id.to_owned());
                        id.to_owned()
                    }
                    None => allocator.allocate(unit.kind, section.as_deref()),
                };
                changes.added.push(unit.id.clone());
            }
        }
    }
    let mut retired: BTreeSet<String> = tracked.retired.difference(&reattached).cloned().collect();
    for (index, (id, _)) in tracked.units.iter().enumerate() {
        if !claimed.contains(&index) {
            retired.insert(id.clone());
            changes.retired.push(id.clone());
        }
    }
    Plan {
        documents,
        units,
        retired,
        // Honyaku's own ids: a translator's message keeps its place even though its id is
        // in `seen` (so that no unit is ever given it).
        known: tracked
            .units
            .iter()
            .map(|(id, _)| id.clone())
            .chain(tracked.retired.iter().cloned())
            .collect(),
        changes,
        unmatched_pins,
    }
}

/// Groups segments into units: the original's segments paired with the parallel release's by
/// the aligner, or one unit per segment when there is a single source text.
fn group_units(
    documents: &[(Locale, Document)],
    pins: &[align::Pin],
    tracked: &Tracked,
    scores: &[diff::Scores],
) -> (Vec<Unit>, Vec<String>) {
    let unit = |parts: Vec<(&Locale, &Document, Vec<usize>)>, score| {
        let parts: Vec<_> = parts
            .into_iter()
            .filter(|(_, _, segs)| !segs.is_empty())
            .collect();
        let (_, first_doc, first_segs) = &parts[0];
        Unit {
            id: String::new(),
            kind: first_doc.segments[first_segs[0]].kind,
            texts: parts
                .iter()
                .map(|(l, d, segs)| ((*l).clone(), join_texts(d, segs, l)))
                .collect(),
            segments: parts
                .iter()
                .map(|(l, _, segs)| ((*l).clone(), segs.clone()))
                .collect(),
            score,
        }
    };
    match documents {
        [(a_locale, a), (b_locale, b), ..] => {
            // Each language's history is its own diff against the catalog: one per thread.
            let (mut a_origins, mut b_origins) = rayon::join(
                || origins(tracked, (a_locale, a), b_locale, &scores[0]),
                || origins(tracked, (b_locale, b), a_locale, &scores[1]),
            );
            rewritten(tracked, (a_locale, a, &mut a_origins), &b_origins);
            rewritten(tracked, (b_locale, b, &mut b_origins), &a_origins);
            let history = align::History {
                was_a: edited_texts(tracked, a_locale, &a_origins),
                was_b: edited_texts(tracked, b_locale, &b_origins),
                a: a_origins,
                b: b_origins,
            };
            let (beads, unmatched) =
                align::align_with_history(a, a_locale, b, b_locale, pins, &history);
            let units = beads
                .into_iter()
                .filter(|bead| !bead.a.is_empty() || !bead.b.is_empty())
                .map(|bead| {
                    unit(
                        vec![(a_locale, a, bead.a), (b_locale, b, bead.b)],
                        Some(bead.score),
                    )
                })
                .collect();
            (units, unmatched)
        }
        [(locale, document)] => (
            (0..document.segments.len())
                .map(|i| unit(vec![(locale, document, vec![i])], None))
                .collect(),
            Vec::new(),
        ),
        [] => (Vec::new(), Vec::new()),
    }
}

/// The text in `locale` at the last sync of every message an edited segment of `origins`
/// comes from: the aligner compares an edit with it to tell a sentence added next to the
/// edit from the other piece of a split (see [`align::History`]).
fn edited_texts(
    tracked: &Tracked,
    locale: &Locale,
    origins: &[align::Origin],
) -> BTreeMap<usize, String> {
    origins
        .iter()
        .filter_map(|origin| match origin {
            align::Origin::Edited { message } => {
                let text = tracked.units.get(*message)?.1.get(locale)?;
                Some((*message, text.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The longest run of segments a message may hold for [`origins`] to find it: the
/// aligner's largest bead takes three, a pin may take more.
const LONGEST_KEPT_RUN: usize = 6;

/// For each segment of `document` (the source text of `locale`), where it stands with
/// respect to the last sync: unchanged in a tracked message (the catalog's messages in that
/// locale diffed with the document's segments, runs of segments whose joined text was one
/// message taken together), an edited form of one ([`diff::inherit`]), or new. This is the
/// alignment history: the aligner keeps a message whose segments are unchanged in both
/// languages, and pairs only what changed (see [`align::Origin`]).
fn origins(
    tracked: &Tracked,
    (locale, document): (&Locale, &Document),
    other: &Locale,
    scores: &diff::Scores,
) -> Vec<align::Origin> {
    let mut origins = vec![align::Origin::New; document.segments.len()];
    let (old_sides, old_at) = tracked.entries(locale);
    if old_sides.is_empty() {
        return origins;
    }
    let old_texts: Vec<&str> = old_sides.iter().map(|side| side.text).collect();
    let known: HashSet<&str> = old_texts.iter().copied().collect();
    let count = document.segments.len();
    let mut runs: Vec<(std::ops::Range<usize>, String)> = Vec::with_capacity(count);
    let mut start = 0;
    while start < count {
        let longest = LONGEST_KEPT_RUN.min(count - start);
        let run = (2..=longest)
            .rev()
            .map(|len| {
                let segments: Vec<usize> = (start..start + len).collect();
                (start..start + len, join_texts(document, &segments, locale))
            })
            .find(|(_, text)| known.contains(text.as_str()))
            .unwrap_or_else(|| (start..start + 1, document.segments[start].text.clone()));
        start = run.0.end;
        runs.push(run);
    }
    let new_texts: Vec<&str> = runs.iter().map(|(_, text)| text.as_str()).collect();
    let mut matched: Vec<(usize, usize)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Histogram, &old_texts, &new_texts) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                matched.push((old_index + k, new_index + k));
            }
        }
    }
    // What the diff left: a text found among the unmatched on both sides moved (list items
    // the English release orders differently from the catalog); pairs of equal texts are
    // taken in order.
    let mut old_left: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let (old_done, new_done): (HashSet<usize>, HashSet<usize>) = matched.iter().copied().unzip();
    for (index, text) in old_texts.iter().enumerate() {
        if !old_done.contains(&index) {
            old_left.entry(text).or_default().push(index);
        }
    }
    for (index, text) in new_texts.iter().enumerate() {
        if new_done.contains(&index) {
            continue;
        }
        if let Some(candidates) = old_left.get_mut(text).filter(|c| !c.is_empty()) {
            matched.push((candidates.remove(0), index));
        }
    }
    let passages = document.passages();
    let new_sides: Vec<diff::Side> = runs
        .iter()
        .map(|(range, text)| diff::Side::new(text, passages[range.start]))
        .collect();
    let (old_done, new_done): (HashSet<usize>, HashSet<usize>) = matched.iter().copied().unzip();
    for (new, heir) in diff::inherit_with(&old_sides, &new_sides, locale, scores)
        .into_iter()
        .enumerate()
    {
        let Some(heir) = heir.filter(|h| !h.far && !old_done.contains(&h.old)) else {
            continue;
        };
        if new_done.contains(&new) {
            continue;
        }
        let message = old_at[heir.old];
        for segment in runs[new].0.clone() {
            origins[segment] = align::Origin::Edited { message };
        }
    }
    // A new segment that is part of a message of several segments whose other part changed
    // (a date and a title the English writes on one line) is an edited piece of it: the
    // first free old message longer than it that contains it.
    let pieces: Vec<usize> = (0..runs.len())
        .filter(|&new| !new_done.contains(&new) && origins[runs[new].0.start] == align::Origin::New)
        .collect();
    let wholes = first_containing(
        &old_texts,
        |old| !old_done.contains(&old),
        pieces.iter().map(|&new| runs[new].1.as_str()),
    );
    for (&new, whole) in pieces.iter().zip(wholes) {
        if let Some(old) = whole {
            let message = old_at[old];
            for segment in runs[new].0.clone() {
                origins[segment] = align::Origin::Edited { message };
            }
        }
    }
    for (old, new) in matched {
        let message = old_at[old];
        let alone = !tracked.units[message].1.contains_key(other);
        for segment in runs[new].0.clone() {
            origins[segment] = align::Origin::Kept { message, alone };
        }
    }
    origins
}

/// A sentence rewritten in one language only, while its message's text in the other
/// language is unchanged: the diff calls it a new statement when a figure changed along with
/// wording (`5年間` → `4年間` with `令和13年度` → `令和12年度`), but the unchanged other side
/// still stands for the message, so the revision is an edit of it whose translation is now
/// behind. A new segment of `locale` becomes [`align::Origin::Edited`] of a message that no
/// segment of `locale` carries any more, whose every segment on the other side is kept,
/// when its text is similar to the message's old text (at least
/// [`diff::SIMILARITY_THRESHOLD`]); the most similar pairs first, each segment and message
/// once, ties in document order.
fn rewritten(
    tracked: &Tracked,
    (locale, document, origins): (&Locale, &Document, &mut [align::Origin]),
    other: &[align::Origin],
) {
    let carried: HashSet<usize> = origins.iter().filter_map(|o| o.message()).collect();
    let mut orphans: BTreeMap<usize, bool> = BTreeMap::new();
    for origin in other {
        if let Some(message) = origin.message() {
            let kept = matches!(origin, align::Origin::Kept { .. });
            *orphans.entry(message).or_insert(true) &= kept;
        }
    }
    let orphans: Vec<(usize, &str)> = orphans
        .into_iter()
        .filter(|&(message, kept)| kept && !carried.contains(&message))
        .filter_map(|(message, _)| {
            let text = tracked.units.get(message)?.1.get(locale)?;
            Some((message, text.as_str()))
        })
        .collect();
    if orphans.is_empty() {
        return;
    }
    let writing = locale.writing();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (segment, origin) in origins.iter().enumerate() {
        if *origin != align::Origin::New {
            continue;
        }
        let text = &document.segments[segment].text;
        for &(message, old) in &orphans {
            let similarity = diff::similarity(old, text, writing);
            if similarity >= diff::SIMILARITY_THRESHOLD {
                candidates.push((similarity, segment, message));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut taken: HashSet<usize> = HashSet::new();
    for (_, segment, message) in candidates {
        if origins[segment] == align::Origin::New && taken.insert(message) {
            origins[segment] = align::Origin::Edited { message };
        }
    }
}

/// For each needle, the first haystack (by index, among those `free`) strictly longer than
/// it that contains it. One Aho–Corasick pass over the haystacks finds every needle at once:
/// searching each needle in each haystack was quadratic, and on a long release in which every
/// figure changed it took a quarter of the sync.
fn first_containing<'n>(
    haystacks: &[&str],
    free: impl Fn(usize) -> bool,
    needles: impl Iterator<Item = &'n str>,
) -> Vec<Option<usize>> {
    let needles: Vec<&str> = needles.collect();
    // Equal needles share one pattern (and so one answer).
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let slot: Vec<usize> = needles
        .iter()
        .map(|&needle| {
            *pattern_of.entry(needle).or_insert_with(|| {
                patterns.push(needle);
                patterns.len() - 1
            })
        })
        .collect();
    let mut first: Vec<Option<usize>> = vec![None; patterns.len()];
    if patterns.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(&patterns) else {
        // Only a pattern set too large for the automaton gets here: search one by one.
        return needles
            .iter()
            .map(|needle| {
                (0..haystacks.len()).find(|&h| {
                    free(h) && haystacks[h].len() > needle.len() && haystacks[h].contains(needle)
                })
            })
            .collect();
    };
    let mut unanswered = patterns.len();
    for (h, haystack) in haystacks.iter().enumerate() {
        if unanswered == 0 {
            break;
        }
        if !free(h) {
            continue;
        }
        for found in automaton.find_overlapping_iter(*haystack) {
            let p = found.pattern().as_usize();
            if first[p].is_none() && haystack.len() > patterns[p].len() {
                first[p] = Some(h);
                unanswered -= 1;
            }
        }
    }
    slot.into_iter().map(|p| first[p]).collect()
}

/// The source texts a translation catalog's comment shows above a translation (`# ja: …`),
/// per source locale.
fn source_notes(
    comment: &str,
    sources: &[(Locale, &FtlFile)],
    tags: &[&str],
) -> BTreeMap<Locale, String> {
    comment
        .lines()
        .filter_map(|line| match notes::classify(line, tags) {
            notes::Note::Source { locale, text } => sources
                .iter()
                .find(|(l, _)| l.tag() == locale)
                .map(|(l, _)| (l.clone(), text)),
            _ => None,
        })
        .collect()
}

/// Whether a unit has exactly the texts of a tracked message, in the same source locales.
fn same_texts(unit: &Unit, tracked: &BTreeMap<Locale, String>) -> bool {
    unit.texts.len() == tracked.len()
        && unit
            .texts
            .iter()
            .all(|(locale, text)| tracked.get(locale) == Some(text))
}

/// The text of several segments as one message: joined by a space, or by nothing in
/// Japanese and Chinese.
pub fn join_texts(document: &Document, segments: &[usize], locale: &Locale) -> String {
    let joiner = if locale.writing() == Writing::Spaced {
        " "
    } else {
        ""
    };
    segments
        .iter()
        .map(|&i| document.segments[i].text.as_str())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// For each new unit, the tracked unit whose id it inherits: first the units unchanged in
/// every source text, then by the original's text, then, for what is left, by the parallel
/// release's text (which also pairs a sentence the original gained with the English-only
/// unit it used to be). Each pass matches the whole document in its language, so that it
/// sees where a leftover unit stood among the others.
fn inherit_ids(
    units: &[Unit],
    tracked: &Tracked,
    documents: &[(Locale, Document)],
    scores: &[diff::Scores],
) -> Vec<Option<usize>> {
    let mut result = vec![None; units.len()];
    let mut claimed = vec![false; tracked.units.len()];
    if documents.len() > 1 {
        for (new, old) in unchanged_units(units, tracked, documents) {
            result[new] = Some(old);
            claimed[old] = true;
        }
    }
    for ((locale, document), scores) in documents.iter().zip(scores) {
        let (new_sides, new) = sides(units, locale, document);
        let (old_sides, old) = tracked.entries(locale);
        if new.iter().all(|&i| result[i].is_some()) || old.iter().all(|&i| claimed[i]) {
            continue;
        }
        let heirs = diff::inherit_with(&old_sides, &new_sides, locale, scores);
        for (&unit, heir) in new.iter().zip(heirs) {
            let Some(heir) = heir else { continue };
            let was = old[heir.old];
            if result[unit].is_some()
                || claimed[was]
                || (heir.far && !same_wording_everywhere(&units[unit], &tracked.units[was].1))
            {
                continue;
            }
            result[unit] = Some(was);
            claimed[was] = true;
        }
    }
    result
}

/// The units that have text in `locale`, as the new side of a diff, each in the passage
/// (paragraph, list) of `document`, the source text of `locale`, where it starts; with each
/// one's index into `units`.
pub fn sides<'u>(
    units: &'u [Unit],
    locale: &Locale,
    document: &Document,
) -> (Vec<diff::Side<'u>>, Vec<usize>) {
    let passages = document.passages();
    units
        .iter()
        .enumerate()
        .filter_map(|(at, unit)| {
            let (_, segments) = unit.segments.iter().find(|(l, _)| l == locale)?;
            let side = diff::Side {
                id: Some(&unit.id),
                text: unit.text(locale)?,
                passage: passages[*segments.first()?],
            };
            Some((side, at))
        })
        .unzip()
}

/// Units whose texts are the same in every source language as a tracked unit's, paired by a
/// sequence diff over all their texts at once: where the original says the same thing twice
/// ("詳細は決まり次第お知らせします。" after two events) and only the translation tells the
/// two apart, the translation decides which one stayed and which one is new.
fn unchanged_units(
    units: &[Unit],
    tracked: &Tracked,
    documents: &[(Locale, Document)],
) -> Vec<(usize, usize)> {
    // Texts joined per locale, an absent text marked apart from an empty one.
    let key = |texts: &mut dyn Iterator<Item = Option<&str>>| -> String {
        texts.fold(String::new(), |mut key, text| {
            key.push_str(text.unwrap_or("\u{1}"));
            key.push('\u{0}');
            key
        })
    };
    let new_keys: Vec<String> = units
        .iter()
        .map(|u| key(&mut documents.iter().map(|(l, _)| u.text(l))))
        .collect();
    let old_keys: Vec<String> = tracked
        .units
        .iter()
        .map(|(_, texts)| {
            key(&mut documents
                .iter()
                .map(|(l, _)| texts.get(l).map(String::as_str)))
        })
        .collect();
    capture_diff_slices(Algorithm::Histogram, &old_keys, &new_keys)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => Some((0..len).map(move |k| (new_index + k, old_index + k))),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Whether a unit says the same words as its tracked self in every source language both
/// have: the test a unit found far from its old place must pass (see [`diff::Heir::far`]),
/// so that a sentence the original repeats verbatim ("詳細は決まり次第お知らせします。")
/// does not carry off a translation whose English named another city or bureau.
fn same_wording_everywhere(unit: &Unit, tracked: &BTreeMap<Locale, String>) -> bool {
    unit.texts.iter().all(|(locale, text)| {
        tracked
            .get(locale)
            .is_none_or(|old| diff::same_wording(old, text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    proptest::proptest! {
        /// The one-pass search answers exactly what searching each needle in each haystack,
        /// in order, does (overlaps, repeats, equal needles, needles as long as a haystack).
        #[test]
        fn first_containing_is_the_naive_search(
            haystacks in proptest::collection::vec("[ab。あ]{0,8}", 0..8),
            needles in proptest::collection::vec("[ab。あ]{0,4}", 0..6),
            busy in proptest::collection::vec(proptest::bool::ANY, 8),
        ) {
            let haystacks: Vec<&str> = haystacks.iter().map(String::as_str).collect();
            let free = |h: usize| !busy[h];
            let naive: Vec<Option<usize>> = needles
                .iter()
                .map(|needle| {
                    (0..haystacks.len()).find(|&h| {
                        free(h) && haystacks[h].len() > needle.len() && haystacks[h].contains(needle.as_str())
                    })
                })
                .collect();
            let fast = first_containing(&haystacks, free, needles.iter().map(String::as_str));
            proptest::prop_assert_eq!(fast, naive);
        }
    }

    fn ja() -> Locale {
        "ja".parse().unwrap()
    }

    fn tracked_from(plan: &Plan) -> Tracked {
        let mut t = Tracked::default();
        for u in &plan.units {
            t.units
                .push((u.id.clone(), u.texts.iter().cloned().collect()));
            t.seen.insert(u.id.clone());
        }
        // As the source catalogs of the plan would be read back.
        for (locale, document) in &plan.documents {
            let (sides, at) = sides(&plan.units, locale, document);
            let order = sides.iter().zip(at).map(|(side, at)| (at, side.passage));
            t.order.insert(locale.clone(), order.collect());
        }
        t.retired = plan.retired.clone();
        t.seen.extend(plan.retired.iter().cloned());
        t
    }

    fn en() -> Locale {
        "en".parse().unwrap()
    }

    /// The plan of a Japanese original and its English release.
    fn plan_both(ja_text: &str, en_text: &str, tracked: &Tracked) -> Plan {
        plan(
            vec![
                (ja(), segment(ja_text.to_owned(), &ja())),
                (en(), segment(en_text.to_owned(), &en())),
            ],
            tracked,
            &[],
        )
    }

    /// The id of the unit whose English is `en_text`.
    fn id_of(plan: &Plan, en_text: &str) -> String {
        plan.units
            .iter()
            .find(|u| u.text(&en()) == Some(en_text))
            .map(|u| u.id.clone())
            .unwrap()
    }

    fn plan_ja(text: &str, tracked: &Tracked) -> Plan {
        plan(vec![(ja(), segment(text.to_owned(), &ja()))], tracked, &[])
    }

    #[test]
    fn ids_follow_sections_and_survive_edits_and_insertions() {
        let v1 = "令和2年5月1日\n会合の結果\n\n１．概要\n\n会合が開催された。声明が採択された。\n";
        let p1 = plan_ja(v1, &Tracked::default());
        let ids: Vec<_> = p1.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids[0], "release-date");
        assert_eq!(ids[1], "title");
        assert_eq!(ids[2], "s1");
        assert!(ids[3..].iter().all(|id| id.starts_with("s1-")), "{ids:?}");

        let v2 = "令和2年5月1日\n会合の結果\n\n１．概要\n\n新たな文が入った。会合が開催された。声明が正式に採択された。\n";
        let p2 = plan_ja(v2, &tracked_from(&p1));
        let old: BTreeMap<_, _> = p1
            .units
            .iter()
            .map(|u| (u.texts[0].1.clone(), u.id.clone()))
            .collect();
        let by_text = |t: &str| {
            p2.units
                .iter()
                .find(|u| u.texts[0].1 == t)
                .map(|u| u.id.clone())
        };
        assert_eq!(
            by_text("会合が開催された。"),
            old.get("会合が開催された。").cloned()
        );
        assert_eq!(
            by_text("声明が正式に採択された。"),
            old.get("声明が採択された。").cloned()
        );
        let fresh = by_text("新たな文が入った。").unwrap();
        assert!(
            !old.values().any(|id| *id == fresh),
            "new sentence got a fresh id"
        );
        assert_eq!(p2.changes.added, [fresh]);
        assert_eq!(p2.changes.modified.len(), 1);
    }

    #[test]
    fn removed_ids_are_retired_and_never_reused() {
        let p1 = plan_ja(
            "題名\n\n一つ目の文です。二つ目の文です。\n",
            &Tracked::default(),
        );
        let gone = p1.units[2].id.clone();
        let p2 = plan_ja("題名\n\n一つ目の文です。\n", &tracked_from(&p1));
        assert!(p2.retired.contains(&gone));
        let p3 = plan_ja(
            "題名\n\n一つ目の文です。全く別の内容が加わりました。\n",
            &tracked_from(&p2),
        );
        assert!(
            p3.units.iter().all(|u| u.id != gone),
            "retired id {gone} reused"
        );
    }

    #[test]
    fn a_verbatim_original_in_another_paragraph_keeps_no_id_if_its_translation_changed() {
        let ja_sentences = [
            "総務省は会合を開催しました。",
            "詳細は決まり次第お知らせします。",
            "参加者は声明を採択しました。",
            "次回の会合は秋に開催されます。",
            "会合には二十か国が参加しました。",
            "問い合わせ先は国際政策課です。",
        ];
        let en_sentences = [
            "The ministry held a meeting.",
            "Details of the hearing in Sendai will be announced when decided.",
            "The participants adopted a statement.",
            "The next meeting will be held in autumn.",
            "Twenty countries took part in the meeting.",
            "For inquiries, contact the International Policy Division.",
        ];
        // Two paragraphs of three sentences each.
        let text = |sentences: Vec<&str>, joiner: &str| {
            let (first, second) = sentences.split_at(3);
            format!("題\n\n{}\n\n{}\n", first.join(joiner), second.join(joiner))
        };
        let v1 = plan_both(
            &text(ja_sentences.to_vec(), ""),
            &text(en_sentences.to_vec(), " "),
            &Tracked::default(),
        );
        let old_id = id_of(&v1, en_sentences[1]);
        let moved = |en_moved: &'static str| {
            let mut ja_v2 = ja_sentences.to_vec();
            let mut en_v2 = en_sentences.to_vec();
            let verbatim = ja_v2.remove(1);
            ja_v2.push(verbatim);
            en_v2.remove(1);
            en_v2.push(en_moved);
            plan_both(&text(ja_v2, ""), &text(en_v2, " "), &tracked_from(&v1))
        };
        let v2 = moved(en_sentences[1]);
        assert_eq!(
            id_of(&v2, en_sentences[1]),
            old_id,
            "a verbatim move keeps its id"
        );
        let renamed = "Details of the hearing in Osaka will be announced when decided.";
        let v2 = moved(renamed);
        assert_ne!(
            id_of(&v2, renamed),
            old_id,
            "the English names another city: a new statement, not the old one moved"
        );

        // Within its paragraph, a move with an edit keeps the id.
        let mut ja_v2 = ja_sentences.to_vec();
        let mut en_v2 = en_sentences.to_vec();
        ja_v2.swap(4, 5);
        en_v2.swap(4, 5);
        let renamed = "Twenty-one countries took part in the meeting.";
        en_v2[5] = renamed;
        let v2 = plan_both(&text(ja_v2, ""), &text(en_v2, " "), &tracked_from(&v1));
        assert_eq!(id_of(&v2, renamed), id_of(&v1, en_sentences[4]));
    }

    #[test]
    fn the_translation_tells_apart_two_sentences_the_original_says_alike() {
        let tokyo = "Details of the hearing in Tokyo will be announced when decided.";
        let sapporo = "Details of the hearing in Sapporo will be announced when decided.";
        let v1 = plan_both(
            "題\n\n会合を開催しました。詳細は決まり次第お知らせします。声明を採択しました。\n",
            &format!("Title\n\nA meeting was held. {tokyo} A statement was adopted.\n"),
            &Tracked::default(),
        );
        let v2 = plan_both(
            "題\n\n会合を開催しました。詳細は決まり次第お知らせします。詳細は決まり次第お知らせします。声明を採択しました。\n",
            &format!("Title\n\nA meeting was held. {sapporo} {tokyo} A statement was adopted.\n"),
            &tracked_from(&v1),
        );
        assert_eq!(id_of(&v2, tokyo), id_of(&v1, tokyo));
        assert!(
            v2.changes.added.contains(&id_of(&v2, sapporo)),
            "{:?}",
            v2.changes
        );
        assert!(v2.changes.modified.is_empty(), "{:?}", v2.changes);
    }

    #[test]
    fn a_source_catalog_tells_its_passages_by_blank_lines() {
        let file = crate::catalog::ftl::parse(
            "### header\n\nintro-1 = A.\nintro-2 = B.\n\nlist-1 = C.\nlist-2 = D.\n\n# note\nlast = E.\n",
        )
        .unwrap();
        let tracked = Tracked::read(&[(ja(), &file)], &[]);
        let (sides, _) = tracked.entries(&ja());
        let passages: Vec<usize> = sides.iter().map(|s| s.passage).collect();
        assert_eq!(passages, [0, 0, 1, 1, 2]);
    }
}
