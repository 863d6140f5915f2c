//! The segment matcher behind both `diff` and `inherit`: a sequence diff over exact texts
//! finds what stayed put, then the gaps it leaves are searched for edited, moved, split and
//! merged segments. Work stays near-linear on big revisions because edited pairs are only
//! scored for the few candidates an n-gram index proposes, never for every old×new pair.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError, RwLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::inline::{
    Interner, Token, Tokenized, bag_similarity, bag_similarity_of, figures_only, pair_score_of,
    same_wording, similarity, states_otherwise, tokenize,
};
use crate::locale::Writing;

/// Least similarity (see [`super::inline`]: shared characters over all characters) for two
/// different segments to count as one segment edited, moved or re-cut. Below it, a new
/// segment is an insertion even if an old one was removed right there, unlike gettext's
/// msgmerge, which fuzzily pairs unrelated neighbours. Measured on the seed release and the
/// revision fixtures: unrelated sentences of the same release score at most 0.43 (English,
/// word tokens) and 0.41 (Japanese, graphemes), while genuine edits (a figure, a phrase, a
/// clause rewritten) score 0.6 and up; 0.5 sits in that gap.
pub const SIMILARITY_THRESHOLD: f64 = 0.5;

/// Lower bar for the one case where position is evidence too: a gap left with exactly one
/// unpaired old and one unpaired new segment, standing in the same place among their paired
/// neighbours (a sentence reworded in place). Reworded sentences of the fixtures score 0.40
/// at word level; unrelated sentences of the same release score below 0.26–0.37 in 99% of
/// pairs, so an unrelated replacement is still reported as removed plus added.
pub const IN_PLACE_THRESHOLD: f64 = 0.35;

/// Prefilter on n-gram sets (Dice coefficient) before a real diff is run; far below the
/// threshold because n-gram overlap and token similarity disagree on short texts.
const DICE_FLOOR: f64 = 0.2;
/// How many best n-gram candidates of each old segment get a real diff.
const CANDIDATES: usize = 4;
/// n-grams shared by more segments than this say nothing about which one matches and
/// would make the index quadratic, so they are skipped when collecting candidates.
const POSTING_CAP: usize = 64;
/// Old segments in one call of [`Matcher::candidates`] from which their scoring is shared
/// among threads; below it, handing work out costs more than it saves.
const PARALLEL_FROM: usize = 64;

/// A segment's n-grams ([`grams`]) and tokens, before the tokens are numbered.
struct Scanned<'t> {
    grams: Vec<u64>,
    tokens: Vec<Token<'t>>,
}

/// Per-thread counters of [`Matcher::candidates`]: n-grams each new segment shares with the
/// old segment at hand, and which counters are set.
struct Scratch {
    shared: Vec<u32>,
    touched: Vec<usize>,
    /// The buffer of [`Scores::get_or`].
    key: String,
}

/// Scores the matcher gave pairs of texts, kept for every later matching that meets the same
/// pair: a sync matches each language's segments with the catalog twice (the alignment's
/// history, then the ids), mostly on the same pairs, and one matching scores some pairs more
/// than once (a gap's leftovers are scored again with every other gap's). A score is a pure
/// function of its kind, the two texts and the writing, all of which make its key, so a
/// remembered score is the one scoring again would give: results are the same with or
/// without this table, and in any order the threads fill it.
///
/// It also keeps whole matchings by their inputs: the alignment's history and the ids of a
/// language often diff the very same texts (a message per segment), and then the second
/// matching is the first one again.
#[derive(Debug, Default)]
pub struct Scores {
    known: RwLock<FxHashMap<Box<str>, f64>>,
    matchings: Mutex<Vec<Remembered>>,
}

/// A matching [`Scores`] keeps, with every input it is a function of.
#[derive(Debug)]
struct Remembered {
    old: Vec<Box<str>>,
    old_passage: Vec<usize>,
    new: Vec<Box<str>>,
    new_passage: Vec<usize>,
    writing: Writing,
    matching: Matching,
}

impl Remembered {
    fn is_for(&self, inputs: &Inputs<'_>) -> bool {
        self.writing == inputs.writing
            && self.old_passage == inputs.old_passage
            && self.new_passage == inputs.new_passage
            && self.old.iter().map(|t| &**t).eq(inputs.old.iter().copied())
            && self.new.iter().map(|t| &**t).eq(inputs.new.iter().copied())
    }
}

/// What a matching is a function of: the segments of both revisions, the passage of each,
/// and the writing.
#[derive(Clone, Copy)]
struct Inputs<'t> {
    old: &'t [&'t str],
    old_passage: &'t [usize],
    new: &'t [&'t str],
    new_passage: &'t [usize],
    writing: Writing,
}

/// The kinds of score [`Scores`] keeps apart.
#[derive(Debug, Clone, Copy)]
enum Score {
    /// [`Matcher::pair_similarity`].
    Pair,
    /// The order-free score of a single pair, the bar a split or merge must beat.
    Bag,
    /// [`Matcher::group_similarity`].
    Group,
}

impl Scores {
    /// The score of this kind for `old` and `new`, computed by `compute` unless it is known;
    /// `key` is a buffer for the lookup.
    fn get_or(
        &self,
        (score, writing): (Score, Writing),
        (old, new): (&str, &str),
        key: &mut String,
        compute: impl FnOnce() -> f64,
    ) -> f64 {
        key.clear();
        // The length of `old` makes the key unambiguous whatever the texts hold.
        let _ = write!(key, "{score:?} {writing:?} {}:", old.len());
        key.push_str(old);
        key.push_str(new);
        let known = self
            .known
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key.as_str())
            .copied();
        known.unwrap_or_else(|| {
            let value = compute();
            self.known
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key.as_str().into(), value);
            value
        })
    }
}

/// How one or more old segments continue in the new revision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Link {
    /// Same segment, possibly edited.
    Pair(Pair),
    /// One old segment cut into adjacent new ones.
    Split {
        old: usize,
        new: Vec<usize>,
        similarity: f64,
    },
    /// Adjacent old segments joined into one new one.
    Merge {
        old: Vec<usize>,
        new: usize,
        similarity: f64,
    },
}

/// An old segment and the new segment it became.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pair {
    pub(crate) old: usize,
    pub(crate) new: usize,
    pub(crate) similarity: f64,
    /// It left its place in reading order.
    pub(crate) moved: bool,
    /// It left its passage too (see [`Matcher::far_apart`]).
    pub(crate) far: bool,
}

impl Link {
    fn similarity(&self) -> f64 {
        match self {
            Link::Pair(Pair { similarity, .. })
            | Link::Split { similarity, .. }
            | Link::Merge { similarity, .. } => *similarity,
        }
    }

    fn olds(&self) -> &[usize] {
        match self {
            Link::Pair(Pair { old, .. }) | Link::Split { old, .. } => std::slice::from_ref(old),
            Link::Merge { old, .. } => old,
        }
    }

    fn news(&self) -> &[usize] {
        match self {
            Link::Pair(Pair { new, .. }) | Link::Merge { new, .. } => std::slice::from_ref(new),
            Link::Split { new, .. } => new,
        }
    }
}

/// The matcher's answer.
#[derive(Debug, Clone)]
pub(crate) struct Matching {
    pub links: Vec<Link>,
    /// For each old segment, the new position before which it is shown if it was removed:
    /// where it stood, relative to its neighbours that stayed.
    pub removed_anchor: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Gap {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// The side of a [`Matcher::group_around`] whose several segments match one of the other.
#[derive(Clone, Copy)]
enum Many {
    /// Several old segments merged into one new one.
    Old,
    /// One old segment split into several new ones.
    New,
}

struct Matcher<'t> {
    old: &'t [&'t str],
    new: &'t [&'t str],
    writing: Writing,
    joiner: &'static str,
    old_grams: Vec<Vec<u64>>,
    new_grams: Vec<Vec<u64>>,
    old_weight: Vec<usize>,
    new_weight: Vec<usize>,
    /// Tokens of the segments in gaps (empty elsewhere), made once: each is scored against
    /// several candidates.
    old_tokens: Vec<Tokenized<'t>>,
    new_tokens: Vec<Tokenized<'t>>,
    old_gap: Vec<Option<usize>>,
    new_gap: Vec<Option<usize>>,
    /// Passage of each old and new segment (see [`crate::segment::Document::passages`]).
    old_passage: &'t [usize],
    new_passage: &'t [usize],
    /// Per old passage, the new passages of its segments that stayed in place: where the
    /// passage went.
    home: FxHashMap<usize, Vec<usize>>,
    /// Per old passage, the new passages its segments moved to verbatim
    /// ([`Self::exact_moves`]): where a passage that moved as a whole went.
    moved_to: FxHashMap<usize, Vec<usize>>,
    /// Per gap, the new positions of the segments that stayed right before and after it:
    /// where its old segments stood in the new revision.
    kept_around: Vec<[Option<usize>; 2]>,
    old_link: Vec<Option<usize>>,
    new_link: Vec<Option<usize>>,
    links: Vec<Link>,
    /// Scores already given, by this matching or an earlier one.
    scores: &'t Scores,
}

pub(crate) fn joiner(writing: Writing) -> &'static str {
    match writing {
        Writing::Spaced => " ",
        Writing::Unspaced => "",
    }
}

/// Pairs old and new segments; `old_passage` and `new_passage` hold the passage of each
/// (each segment a passage of its own when unknown on the old side, all in one when unknown
/// on the new side, which lets an edited segment move anywhere).
pub(crate) fn match_segments<'t>(
    old: &'t [&'t str],
    old_passage: &'t [usize],
    new: &'t [&'t str],
    new_passage: &'t [usize],
    writing: Writing,
    scores: &'t Scores,
) -> Matching {
    let inputs = Inputs {
        old,
        old_passage,
        new,
        new_passage,
        writing,
    };
    let remembered = |matchings: &[Remembered]| {
        matchings
            .iter()
            .find(|r| r.is_for(&inputs))
            .map(|r| r.matching.clone())
    };
    let lock = || {
        scores
            .matchings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    };
    if let Some(matching) = remembered(&lock()) {
        return matching;
    }
    let matching = match_anew(inputs, scores);
    lock().push(Remembered {
        old: old.iter().map(|&t| t.into()).collect(),
        old_passage: old_passage.to_vec(),
        new: new.iter().map(|&t| t.into()).collect(),
        new_passage: new_passage.to_vec(),
        writing,
        matching: matching.clone(),
    });
    matching
}

/// [`match_segments`], computed.
fn match_anew<'t>(inputs: Inputs<'t>, scores: &'t Scores) -> Matching {
    let Inputs {
        old,
        old_passage,
        new,
        new_passage,
        writing,
    } = inputs;
    let mut interned: FxHashMap<&'t str, u32> = FxHashMap::default();
    interned.reserve(old.len() + new.len());
    let mut key = |text: &'t str| {
        let next = u32::try_from(interned.len()).unwrap_or(u32::MAX);
        *interned.entry(text).or_insert(next)
    };
    let old_keys: Vec<u32> = old.iter().map(|&t| key(t)).collect();
    let new_keys: Vec<u32> = new.iter().map(|&t| key(t)).collect();
    let ops = capture_diff_slices(Algorithm::Histogram, &old_keys, &new_keys);

    // Adjacent delete and insert ops are one gap: the matcher looks inside it as a whole.
    let mut gaps: Vec<Gap> = Vec::new();
    let mut equal = Vec::new();
    let mut previous_equal = true;
    for op in &ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = *op
        {
            equal.extend((0..len).map(|k| (old_index + k, new_index + k)));
            previous_equal = true;
            continue;
        }
        match gaps.last_mut() {
            Some(gap) if !previous_equal => {
                gap.old.end = op.old_range().end;
                gap.new.end = op.new_range().end;
            }
            _ => gaps.push(Gap {
                old: op.old_range(),
                new: op.new_range(),
            }),
        }
        previous_equal = false;
    }

    let mut matcher = Matcher::new(
        (old, old_passage),
        (new, new_passage),
        (writing, scores),
        &gaps,
    );
    for &(o, n) in &equal {
        let home = matcher.home.entry(old_passage[o]).or_default();
        if !home.contains(&new_passage[n]) {
            home.push(new_passage[n]);
        }
    }
    for (o, n) in equal {
        matcher.link(Link::Pair(Pair {
            old: o,
            new: n,
            similarity: 1.0,
            moved: false,
            far: false,
        }));
    }
    matcher.exact_moves(&gaps);
    for gap in &gaps {
        let (olds, news) = matcher.unlinked(std::slice::from_ref(gap));
        let candidates = matcher.candidates(&olds, &news, true);
        matcher.take_greedily(candidates);
    }
    let (olds, news) = matcher.unlinked(&gaps);
    let candidates = matcher.candidates(&olds, &news, true);
    matcher.take_greedily(candidates);
    for gap in &gaps {
        matcher.pair_in_place(gap);
    }
    matcher.mark_moves(&gaps);
    let removed_anchor = matcher.removed_anchors(&gaps);
    Matching {
        links: matcher.links,
        removed_anchor,
    }
}

/// Character n-grams (lowercased, whitespace ignored) packed into one integer each: trigrams
/// for spaced languages, where bigrams are too common, bigrams for Japanese and Chinese.
fn grams(text: &str, writing: Writing) -> Vec<u64> {
    let n = match writing {
        Writing::Spaced => 3,
        Writing::Unspaced => 2,
    };
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let pack = |window: &[char]| {
        window
            .iter()
            .fold(0u64, |acc, &c| (acc << 21) | u64::from(c))
    };
    let mut grams: Vec<u64> = if chars.len() < n {
        vec![pack(&chars)]
    } else {
        chars.windows(n).map(pack).collect()
    };
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn weight(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether two texts of these weights could reach the threshold at all: similarity is at
/// most twice the shorter over the sum.
fn lengths_allow(a: usize, b: usize) -> bool {
    a + b == 0 || 2.0 * a.min(b) as f64 / (a + b) as f64 >= SIMILARITY_THRESHOLD
}

impl<'t> Matcher<'t> {
    fn new(
        (old, old_passage): (&'t [&'t str], &'t [usize]),
        (new, new_passage): (&'t [&'t str], &'t [usize]),
        (writing, scores): (Writing, &'t Scores),
        gaps: &[Gap],
    ) -> Self {
        let mut old_gap = vec![None; old.len()];
        let mut new_gap = vec![None; new.len()];
        for (g, gap) in gaps.iter().enumerate() {
            gap.old.clone().for_each(|o| old_gap[o] = Some(g));
            gap.new.clone().for_each(|n| new_gap[n] = Some(g));
        }
        // The n-grams and tokens of each segment in a gap, found on all threads when there
        // are many (a long release in which everything changed), then numbered in order, so
        // the numbers are the same as one thread would give.
        let prepare = |texts: &'t [&'t str], gap: &[Option<usize>]| -> Vec<Option<Scanned<'t>>> {
            let one = |(t, g): (&&'t str, &Option<usize>)| {
                g.map(|_| Scanned {
                    grams: grams(t, writing),
                    tokens: tokenize(t, writing),
                })
            };
            if gap.iter().filter(|g| g.is_some()).count() >= PARALLEL_FROM {
                texts.par_iter().zip(gap).map(one).collect()
            } else {
                texts.iter().zip(gap).map(one).collect()
            }
        };
        let mut interner = Interner::default();
        let mut split = |scanned: Vec<Option<Scanned<'t>>>| -> (Vec<Vec<u64>>, Vec<Tokenized<'t>>) {
            scanned
                .into_iter()
                .map(|scanned| match scanned {
                    Some(Scanned { grams, tokens }) => (grams, interner.numbered(tokens)),
                    None => (Vec::new(), Tokenized::default()),
                })
                .unzip()
        };
        let (old_grams, old_tokens) = split(prepare(old, &old_gap));
        let (new_grams, new_tokens) = split(prepare(new, &new_gap));
        let kept_around = gaps
            .iter()
            .map(|gap| {
                [
                    gap.new.start.checked_sub(1),
                    Some(gap.new.end).filter(|&k| k < new.len()),
                ]
            })
            .collect();
        Matcher {
            old,
            new,
            writing,
            joiner: joiner(writing),
            old_grams,
            new_grams,
            old_weight: old.iter().map(|t| weight(t)).collect(),
            new_weight: new.iter().map(|t| weight(t)).collect(),
            old_tokens,
            new_tokens,
            old_gap,
            new_gap,
            old_passage,
            new_passage,
            home: FxHashMap::default(),
            moved_to: FxHashMap::default(),
            kept_around,
            old_link: vec![None; old.len()],
            new_link: vec![None; new.len()],
            links: Vec::new(),
            scores,
        }
    }

    fn link(&mut self, link: Link) {
        let index = self.links.len();
        link.olds()
            .iter()
            .for_each(|&o| self.old_link[o] = Some(index));
        link.news()
            .iter()
            .for_each(|&n| self.new_link[n] = Some(index));
        self.links.push(link);
    }

    /// The old and the new segments of `gaps` that no link holds yet, in order.
    fn unlinked(&self, gaps: &[Gap]) -> (Vec<usize>, Vec<usize>) {
        let olds = gaps
            .iter()
            .flat_map(|g| g.old.clone())
            .filter(|&o| self.old_link[o].is_none())
            .collect();
        let news = gaps
            .iter()
            .flat_map(|g| g.new.clone())
            .filter(|&n| self.new_link[n].is_none())
            .collect();
        (olds, news)
    }

    fn is_free(&self, link: &Link) -> bool {
        link.olds().iter().all(|&o| self.old_link[o].is_none())
            && link.news().iter().all(|&n| self.new_link[n].is_none())
    }

    /// Whether old segment `o` turns up as new segment `n` in another passage (paragraph,
    /// list) than the one it stood in: the new passage where the rest of its old passage
    /// stayed, or, when none of it did or old passages are unknown, the passages of the
    /// segments that stayed right around its old place. Such a segment is the same one only
    /// with its wording intact (see [`same_wording`]): a release repeats its sentence
    /// patterns ("Details such as the schedule for the survey in Sendai will be
    /// announced…"), so a look-alike sentence in another paragraph than the one a sentence
    /// left is far likelier a new statement than the old one moved and rewritten at once.
    /// A move past one neighbouring passage with the figures alone updated is believed
    /// ([`Self::figures_updated_beside`]).
    /// Within its passage (a list item moved to the end of its list and updated) an edit on
    /// the way is believed. The old translation is not lost either way: the catalog keeps it
    /// with the retired message.
    fn far_apart(&self, o: usize, n: usize) -> bool {
        let (Some(a), Some(b)) = (self.old_gap[o], self.new_gap[n]) else {
            return false;
        };
        if a == b {
            return false;
        }
        let there = self.new_passage[n];
        match self.home.get(&self.old_passage[o]) {
            Some(home) => !home.contains(&there),
            None => !self.kept_around[a]
                .iter()
                .flatten()
                .any(|&k| self.new_passage[k] == there),
        }
    }

    /// Whether new segment `n`, in another passage than the one old segment `o` left, is `o`
    /// with its figures updated ([`figures_only`]: the same words, punctuation and order
    /// around another amount or date) and moved past at most one passage: every segment
    /// between where `o` stood (among the segments that stayed) and `n`, `n`'s own passage
    /// aside, belongs to one passage. A release that writes one sentence per line makes each
    /// line a passage, so a sentence moved one line up (or down) with its amount updated
    /// left its passage without going anywhere else; its translation needs only the new
    /// figures, and stays with it, stale. So does one whose whole passage moved: `n` stands
    /// in a passage where another segment of `o`'s old passage moved verbatim (a section
    /// moved above another with one item's ordinal updated), however far it went. A
    /// look-alike with other figures further off (in another section: "本会合には、計35件…"
    /// removed there, "計42件" written here) is a new statement, as in [`Self::far_apart`].
    fn figures_updated_beside(&self, o: usize, n: usize) -> bool {
        let Some(a) = self.old_gap[o] else {
            return false;
        };
        if !figures_only(&self.old_tokens[o].tokens, &self.new_tokens[n].tokens) {
            return false;
        }
        let own = self.new_passage[n];
        if self
            .moved_to
            .get(&self.old_passage[o])
            .is_some_and(|went| went.contains(&own))
        {
            // Its passage moved, and it went along (a section or a list moved above another,
            // one item's date or ordinal updated on the way).
            return true;
        }
        let between = match self.kept_around[a] {
            [Some(before), _] if n < before => n + 1..before + 1,
            [_, Some(after)] if n > after => after..n,
            _ => return false,
        };
        let mut crossed = between
            .map(|k| self.new_passage[k])
            .filter(|&passage| passage != own);
        match crossed.next() {
            None => true,
            Some(first) => crossed.all(|passage| passage == first),
        }
    }

    /// A segment removed in one gap and inserted verbatim in another moved.
    fn exact_moves(&mut self, gaps: &[Gap]) {
        let mut inserted: FxHashMap<&str, VecDeque<usize>> = FxHashMap::default();
        for n in gaps.iter().flat_map(|g| g.new.clone()) {
            inserted.entry(self.new[n]).or_default().push_back(n);
        }
        for o in gaps.iter().flat_map(|g| g.old.clone()).collect::<Vec<_>>() {
            if let Some(n) = inserted.get_mut(self.old[o]).and_then(VecDeque::pop_front) {
                let went = self.moved_to.entry(self.old_passage[o]).or_default();
                if !went.contains(&self.new_passage[n]) {
                    went.push(self.new_passage[n]);
                }
                self.link(Link::Pair(Pair {
                    old: o,
                    new: n,
                    similarity: 1.0,
                    moved: true,
                    far: self.far_apart(o, n),
                }));
            }
        }
    }

    fn similarity(&self, old: &str, new: &str) -> f64 {
        similarity(old, new, self.writing)
    }

    /// How well `new` continues `old` as one segment edited: 0 when it states something else
    /// (see [`states_otherwise`]), however alike the two read. `key` is a buffer for
    /// [`Scores`].
    fn pair_similarity(&self, o: usize, n: usize, key: &mut String) -> f64 {
        let (old, new) = (self.old[o], self.new[n]);
        self.scores
            .get_or((Score::Pair, self.writing), (old, new), key, || {
                if self.old_gap[o].is_none() || self.new_gap[n].is_none() {
                    // Not tokenized in advance (only segments in gaps are).
                    return if states_otherwise(old, new, self.writing) {
                        0.0
                    } else {
                        self.similarity(old, new)
                    };
                }
                pair_score_of(&self.old_tokens[o], &self.new_tokens[n], old == new)
            })
    }

    /// How well a split or merge fits, and the bar it must beat as a single pair: the better
    /// of the ordered and the order-free score, which is always the order-free one
    /// ([`bag_similarity`]): the tokens an ordered diff keeps are among those the multisets
    /// share, so no ordered diff is run for it (equal texts aside, which score 1 either way).
    /// Each side is a text and, when it was tokenized in advance (a segment in a gap), its
    /// tokens; a joined text is tokenized here. `key` is a buffer for [`Scores`].
    fn group_similarity<'a>(
        &self,
        old: (&'a str, Option<&'a Tokenized<'a>>),
        new: (&'a str, Option<&'a Tokenized<'a>>),
        key: &mut String,
    ) -> f64 {
        if old.0 == new.0 {
            return 1.0;
        }
        let tokens = |(text, given): (&'a str, Option<&'a Tokenized<'a>>)| -> Cow<'a, [Token<'a>]> {
            match given {
                Some(given) => Cow::Borrowed(given.tokens.as_slice()),
                None => Cow::Owned(tokenize(text, self.writing)),
            }
        };
        self.scores
            .get_or((Score::Group, self.writing), (old.0, new.0), key, || {
                bag_similarity_of(&tokens(old), &tokens(new))
            })
    }

    /// The tokens of old segment `o` when it was tokenized in advance (it is in a gap).
    fn old_tokenized(&self, o: usize) -> Option<&Tokenized<'t>> {
        self.old_gap[o].map(|_| &self.old_tokens[o])
    }

    /// The tokens of new segment `n` when it was tokenized in advance (it is in a gap).
    fn new_tokenized(&self, n: usize) -> Option<&Tokenized<'t>> {
        self.new_gap[n].map(|_| &self.new_tokens[n])
    }

    /// Scored links between these free old and new segments, all at or above the threshold:
    /// pairs, and when `groups`, splits and merges of adjacent segments.
    fn candidates(&self, olds: &[usize], news: &[usize], groups: bool) -> Vec<Link> {
        if olds.is_empty() || news.is_empty() {
            return Vec::new();
        }
        let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (k, &n) in news.iter().enumerate() {
            for &g in &self.new_grams[n] {
                index.entry(g).or_default().push(k);
            }
        }
        let scratch = || Scratch {
            shared: vec![0; news.len()],
            touched: Vec::new(),
            key: String::new(),
        };
        let of_old = |scratch: &mut Scratch, &o: &usize| {
            self.candidates_of(o, news, &index, scratch, olds, groups)
        };
        // Each old segment is scored on its own and `take_greedily` orders the links by
        // score, so a big gap (a release in which every figure changed is one gap of
        // thousands) is shared among threads without changing the result.
        if olds.len() >= PARALLEL_FROM {
            olds.par_iter()
                .map_init(scratch, of_old)
                .flatten_iter()
                .collect()
        } else {
            let mut scratch = scratch();
            olds.iter().flat_map(|o| of_old(&mut scratch, o)).collect()
        }
    }

    /// The links [`Self::candidates`] proposes for old segment `o`: its best n-gram
    /// candidates among `news` (positions into it in `index`), each scored as a pair and,
    /// with `groups`, as part of a split or merge.
    fn candidates_of(
        &self,
        o: usize,
        news: &[usize],
        index: &FxHashMap<u64, Vec<usize>>,
        scratch: &mut Scratch,
        olds: &[usize],
        groups: bool,
    ) -> Vec<Link> {
        let free_new = |n: usize| news.binary_search(&n).is_ok();
        let free_old = |o: usize| olds.binary_search(&o).is_ok();
        let Scratch {
            shared,
            touched,
            key,
        } = scratch;
        for g in &self.old_grams[o] {
            match index.get(g) {
                Some(postings) if postings.len() <= POSTING_CAP => {
                    for &k in postings {
                        if shared[k] == 0 {
                            touched.push(k);
                        }
                        shared[k] += 1;
                    }
                }
                _ => {}
            }
        }
        let old_grams = self.old_grams[o].len();
        let mut ranked: Vec<(f64, usize)> = touched
            .drain(..)
            .map(|k| {
                let dice =
                    2.0 * f64::from(shared[k]) / (old_grams + self.new_grams[news[k]].len()) as f64;
                shared[k] = 0;
                (dice, news[k])
            })
            .filter(|&(dice, n)| {
                dice >= DICE_FLOOR
                    && (groups || lengths_allow(self.old_weight[o], self.new_weight[n]))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(CANDIDATES);
        let mut out = Vec::new();
        for (_, n) in ranked {
            let pair = if lengths_allow(self.old_weight[o], self.new_weight[n]) {
                self.pair_similarity(o, n, key)
            } else {
                0.0
            };
            let far = self.far_apart(o, n) && !self.figures_updated_beside(o, n);
            if pair >= SIMILARITY_THRESHOLD && (!far || same_wording(self.old[o], self.new[n])) {
                out.push(Link::Pair(Pair {
                    old: o,
                    new: n,
                    similarity: pair,
                    moved: false,
                    far,
                }));
            }
            if groups && !far {
                let texts = (self.old[o], self.new[n]);
                let bag = self
                    .scores
                    .get_or((Score::Bag, self.writing), texts, key, || {
                        if self.old_gap[o].is_some() && self.new_gap[n].is_some() {
                            bag_similarity_of(
                                &self.old_tokens[o].tokens,
                                &self.new_tokens[n].tokens,
                            )
                        } else {
                            bag_similarity(self.old[o], self.new[n], self.writing)
                        }
                    });
                let single = pair.max(bag);
                out.extend(self.group_around(Many::New, o, n, single, &free_new, key));
                out.extend(self.group_around(Many::Old, n, o, single, &free_old, key));
            }
        }
        out
    }

    fn joined(&self, texts: &[&str]) -> String {
        texts.join(self.joiner)
    }

    /// The best group of free segments on the `many` side, adjacent to and including `seed`,
    /// that together match the single segment `one` of the other side: an old segment split
    /// into new pieces ([`Many::New`]) or old segments merged into one new ([`Many::Old`]),
    /// grown one neighbour at a time while the joined pieces get closer to `one`.
    fn group_around(
        &self,
        many: Many,
        one: usize,
        seed: usize,
        pair: f64,
        free: &dyn Fn(usize) -> bool,
        key: &mut String,
    ) -> Option<Link> {
        let (texts, weights, gaps, one_weight) = match many {
            Many::New => (
                self.new,
                &self.new_weight,
                &self.new_gap,
                self.old_weight[one],
            ),
            Many::Old => (
                self.old,
                &self.old_weight,
                &self.old_gap,
                self.new_weight[one],
            ),
        };
        let score = |range: &std::ops::Range<usize>, best: f64| {
            let weight: usize = range.clone().map(|k| weights[k]).sum();
            let (old_weight, new_weight) = match many {
                Many::New => (one_weight, weight),
                Many::Old => (weight, one_weight),
            };
            if !could_beat(old_weight, new_weight, best) {
                return 0.0;
            }
            let pieces: Vec<&str> = range.clone().map(|k| texts[k]).collect();
            let joined = self.joined(&pieces);
            let (old, new) = match many {
                Many::New => (
                    (self.old[one], self.old_tokenized(one)),
                    (joined.as_str(), None),
                ),
                Many::Old => (
                    (joined.as_str(), None),
                    (self.new[one], self.new_tokenized(one)),
                ),
            };
            self.group_similarity(old, new, key)
        };
        let fits =
            |k: Option<usize>| k.filter(|&k| k < texts.len() && free(k) && gaps[k] == gaps[seed]);
        grow(seed, pair, score, fits).map(|(range, similarity)| match many {
            Many::New => Link::Split {
                old: one,
                new: range.collect(),
                similarity,
            },
            Many::Old => Link::Merge {
                old: range.collect(),
                new: one,
                similarity,
            },
        })
    }

    /// Takes the best-scoring links first; a link whose segments are already taken is dropped.
    fn take_greedily(&mut self, mut candidates: Vec<Link>) {
        candidates.sort_by(|a, b| {
            b.similarity()
                .total_cmp(&a.similarity())
                .then_with(|| a.olds().cmp(b.olds()))
                .then_with(|| a.news().cmp(b.news()))
        });
        for link in candidates {
            if self.is_free(&link) {
                self.link(link);
            }
        }
    }

    /// See [`IN_PLACE_THRESHOLD`].
    fn pair_in_place(&mut self, gap: &Gap) {
        let (olds, news) = self.unlinked(std::slice::from_ref(gap));
        let (&[o], &[n]) = (olds.as_slice(), news.as_slice()) else {
            return;
        };
        // The links inside this gap: each holds an old segment of it (only those are
        // looked at, not every link of the document, which made this quadratic in gaps).
        let mut inside: Vec<usize> = gap.old.clone().filter_map(|k| self.old_link[k]).collect();
        inside.sort_unstable();
        inside.dedup();
        let before = |old_side: bool| {
            inside
                .iter()
                .map(|&index| &self.links[index])
                .filter(|link| {
                    link.olds()
                        .iter()
                        .all(|&k| self.old_gap[k] == self.old_gap[o])
                })
                .filter(|link| {
                    link.news()
                        .iter()
                        .all(|&k| self.new_gap[k] == self.new_gap[n])
                })
                .filter(|link| {
                    if old_side {
                        link.olds()[0] < o
                    } else {
                        link.news()[0] < n
                    }
                })
                .count()
        };
        if before(true) != before(false) {
            return;
        }
        let similarity = self.pair_similarity(o, n, &mut String::new());
        if similarity >= IN_PLACE_THRESHOLD {
            self.link(Link::Pair(Pair {
                old: o,
                new: n,
                similarity,
                moved: false,
                far: false,
            }));
        }
    }

    /// Within a gap, links that keep reading order are edits in place; a pair that crosses
    /// them (or that crosses gaps) moved.
    fn mark_moves(&mut self, gaps: &[Gap]) {
        let mut in_gap: Vec<Vec<usize>> = vec![Vec::new(); gaps.len()];
        for (index, link) in self.links.iter_mut().enumerate() {
            let (first_old, first_new) = (link.olds()[0], link.news()[0]);
            match (self.old_gap[first_old], self.new_gap[first_new]) {
                (Some(a), Some(b)) if a == b => in_gap[a].push(index),
                (Some(_), _) | (_, Some(_)) => {
                    if let Link::Pair(Pair { moved, .. }) = link {
                        *moved = true;
                    }
                }
                (None, None) => {}
            }
        }
        for mut members in in_gap {
            members.sort_by_key(|&index| self.links[index].news()[0]);
            let olds: Vec<usize> = members
                .iter()
                .map(|&index| self.links[index].olds()[0])
                .collect();
            let keep = longest_increasing(&olds);
            for (position, &index) in members.iter().enumerate() {
                if let Link::Pair(Pair { moved, .. }) = &mut self.links[index] {
                    *moved = !keep[position];
                }
            }
        }
    }

    /// A removed segment is shown right after the nearest earlier segment of its gap that
    /// stayed in place (so before whatever was inserted there), or at the gap's start.
    fn removed_anchors(&self, gaps: &[Gap]) -> Vec<usize> {
        let mut anchor = vec![0; self.old.len()];
        for gap in gaps {
            let mut next = gap.new.start;
            for o in gap.old.clone() {
                anchor[o] = next;
                if let Some(link) = self.old_link[o].map(|index| &self.links[index]) {
                    let moved = matches!(link, Link::Pair(Pair { moved: true, .. }));
                    let last_new = link.news()[link.news().len() - 1];
                    if !moved && self.new_gap[last_new] == self.old_gap[o] {
                        next = last_new + 1;
                    }
                }
            }
        }
        anchor
    }
}

/// Whether texts of these weights could score above `best` (and reach the threshold): the
/// bound of [`lengths_allow`]. Growing a split or merge around an edited pair (a figure
/// changed in every sentence of a long release) scored every neighbour's join with a full
/// diff; most joins are too long to beat the pair, and this bound, exact for the scores
/// used, skips them without changing any result.
fn could_beat(a: usize, b: usize, best: f64) -> bool {
    a + b == 0 || 2.0 * a.min(b) as f64 / (a + b) as f64 > best.max(SIMILARITY_THRESHOLD) - 1e-9
}

/// Grows a window around `start` one neighbour at a time while the score improves, starting
/// from the single-segment score `single`; returns the window only if it has at least two
/// members and reaches the threshold. `score` gets the best score so far, which a window
/// must beat (it may return 0 for one that cannot).
fn grow(
    start: usize,
    single: f64,
    mut score: impl FnMut(&std::ops::Range<usize>, f64) -> f64,
    fits: impl Fn(Option<usize>) -> Option<usize>,
) -> Option<(std::ops::Range<usize>, f64)> {
    let mut range = start..start + 1;
    let mut best = single;
    loop {
        let left = fits(range.start.checked_sub(1)).map(|k| k..range.end);
        let right = fits(Some(range.end)).map(|k| range.start..k + 1);
        let step = [left, right]
            .into_iter()
            .flatten()
            .map(|r| {
                let s = score(&r, best);
                (r, s)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match step {
            Some((r, s)) if s > best => {
                range = r;
                best = s;
            }
            _ => break,
        }
    }
    (range.len() > 1 && best >= SIMILARITY_THRESHOLD).then_some((range, best))
}

/// Marks the members of one longest strictly increasing subsequence (patience sorting).
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; values.len()];
    let mut cursor = tails.last().copied();
    while let Some(i) = cursor {
        keep[i] = true;
        cursor = previous[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A score is remembered under its kind, writing and both texts, told apart wherever one
    /// text ends and the other begins; anything else is scored anew.
    #[test]
    fn scores_are_remembered_under_their_whole_key() {
        let scores = Scores::default();
        let mut key = String::new();
        let mut computed = 0;
        let mut get = |kind, writing, texts, value| {
            scores.get_or((kind, writing), texts, &mut key, || {
                computed += 1;
                value
            })
        };
        assert_eq!(get(Score::Pair, Writing::Spaced, ("ab", "c"), 0.1), 0.1);
        assert_eq!(get(Score::Pair, Writing::Spaced, ("ab", "c"), 0.9), 0.1);
        assert_eq!(get(Score::Pair, Writing::Spaced, ("a", "bc"), 0.2), 0.2);
        assert_eq!(get(Score::Pair, Writing::Spaced, ("c", "ab"), 0.3), 0.3);
        assert_eq!(get(Score::Bag, Writing::Spaced, ("ab", "c"), 0.4), 0.4);
        assert_eq!(get(Score::Group, Writing::Spaced, ("ab", "c"), 0.5), 0.5);
        assert_eq!(get(Score::Pair, Writing::Unspaced, ("ab", "c"), 0.6), 0.6);
        assert_eq!(get(Score::Bag, Writing::Spaced, ("ab", "c"), 0.9), 0.4);
        assert_eq!(computed, 6);
    }
}
