//! Segment diffs: pairs the segments of two revisions (unchanged, modified, moved, split,
//! merged, added, removed) and computes inline word or character changes.
//!
//! # API
//! - [`diff`]`(old, new, locale) -> Vec<Change>`: one [`Change`] per segment of either
//!   revision, in reading order of the new revision, removed segments where they stood.
//! - [`inherit`]`(old, new, locale)`: for each new segment, the old one whose identity
//!   (message id) it takes over, for the sync stage. Same matcher as `diff`.
//! - [`render_text`], [`render_json`], [`render_html`]: the three report formats;
//!   [`render_project_text`], [`render_project_json`], [`render_project_html`] the same over
//!   [`Section`]s (one per document and locale).
//!
//! # Matching
//! A histogram diff over exact segment texts keeps what did not change; inside each gap
//! it leaves, segments are paired by similarity (shared characters over all characters of
//! the inline diff, see [`SIMILARITY_THRESHOLD`]), candidates coming from an n-gram index
//! (see `matching`). A verbatim or similar segment found in another gap, or out of order in
//! its own, is `moved`; edited on the way only within its passage (paragraph, list), or in
//! its figures alone past one neighbouring passage (a line), as an edited look-alike in
//! another passage is a new statement. One old sentence ≈ adjacent new sentences joined is
//! a `split`, the mirror a `merge`. Ids are carried, not matched on: a paired entry has the
//! old side's id (the identity it inherits), falling back to the new side's; only a segment
//! the matcher left removed and one it left added that carry the same id (the sync kept the
//! message, weighing every source language) are reported as that one segment, modified or
//! moved.
//!
//! # Layout of splits and merges
//! A split gives one entry per new piece, each with kind `split`, the whole old text in
//! `old`, the piece in `new`, the similarity of the old text to the joined pieces, and
//! `inline` holding that piece's share of the diff (old text vs pieces joined): all pieces'
//! `inline` ops in order spell out the whole old text and every piece. A merge gives one
//! entry per old piece, each with that piece in `old` and the whole merged text in `new`,
//! `inline` again cut per piece. Entries of one split (or merge) are adjacent and share
//! `old_index` (or `new_index`).
//!
//! # JSON
//! `{"summary": {...counts of entries by kind, "figures_changed", "total"},
//!   "changes": [{"kind", "id", "old", "new", "similarity", "inline": [{"op", "text",
//!   "kind"}], "figures": [{"old", "new"}]}]}`, see [`render_json`].

mod html;
mod inline;
mod matching;
mod render;

use serde::Serialize;

use crate::locale::Locale;
pub use html::{HtmlMeta, ProjectMeta, render_html, render_project_html};
pub use inline::same_wording;
pub(crate) use inline::similarity;
use inline::{Along, inline_diff, slice_ops};
pub use inline::{FigureChange, InlineOp, InlineTag, TokenKind, figure_changes};
pub use matching::Scores;
pub use matching::{IN_PLACE_THRESHOLD, SIMILARITY_THRESHOLD};
use matching::{Link, joiner, match_segments};
pub use render::{
    Section, SourceLists, Summary, render_json, render_project_json, render_project_text,
    render_text,
};

/// One segment of a revision: its text, its passage and, when known (from a catalog), its
/// message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side<'a> {
    /// The message id, when the segment comes from a catalog.
    pub id: Option<&'a str>,
    /// The segment's text.
    pub text: &'a str,
    /// The paragraph or list the segment belongs to (see
    /// [`crate::segment::Document::passages`]), numbered within its revision: a segment
    /// edited on its way to another passage is not believed to be the same one (see the
    /// module docs). Where passages are unknown, give each old segment its own and every new
    /// segment the same one.
    pub passage: usize,
}

impl<'a> Side<'a> {
    /// A segment without an id.
    pub fn new(text: &'a str, passage: usize) -> Self {
        Side {
            id: None,
            text,
            passage,
        }
    }
}

/// The texts and passages of a revision, as the matcher takes them.
fn columns<'a>(sides: &[Side<'a>]) -> (Vec<&'a str>, Vec<usize>) {
    sides.iter().map(|s| (s.text, s.passage)).unzip()
}

/// What happened to one segment between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The same text in the same place.
    Unchanged,
    /// Edited in place.
    Modified,
    /// New in this revision.
    Added,
    /// Gone from this revision.
    Removed,
    /// Taken elsewhere in the document, possibly edited too.
    Moved,
    /// One old segment cut into several new ones.
    Split,
    /// Several old segments joined into one new one.
    Merged,
}

impl ChangeKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Modified,
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Moved,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Unchanged,
    ];

    /// The kind as reports and JSON name it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Modified => "modified",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Moved => "moved",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
        }
    }
}

/// One entry of a diff report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What happened to the segment.
    pub kind: ChangeKind,
    /// The message id the segment is tracked under, when known.
    pub id: Option<String>,
    /// The old text; `None` for an addition.
    pub old: Option<String>,
    /// The new text; `None` for a removal.
    pub new: Option<String>,
    /// How alike old and new are, `0..=1`, for entries that pair two texts.
    pub similarity: Option<f64>,
    /// Inline ops for modified, moved-and-edited, split and merged entries; empty otherwise.
    pub inline: Vec<InlineOp>,
    /// Changed numbers, dates, times and URLs, so reports can list them apart: for a split
    /// or merge, those in this entry's share that are not merely moved within the group.
    pub figures: Vec<FigureChange>,
    /// Positions in the old and new revision, for the sync stage and for grouping.
    #[serde(skip)]
    pub old_index: Option<usize>,
    /// Position in the new revision (see `old_index`).
    #[serde(skip)]
    pub new_index: Option<usize>,
}

/// One segment against an earlier text of itself, as a single entry whatever their
/// similarity: how a translator sees the source change behind a stale translation, where the
/// id already says the two are the same segment.
pub fn revision(id: Option<&str>, old: &str, new: &str, locale: &Locale) -> Change {
    let (inline, similarity) = inline_diff(old, new, locale.writing());
    Change {
        kind: if old == new {
            ChangeKind::Unchanged
        } else {
            ChangeKind::Modified
        },
        id: id.map(str::to_owned),
        old: Some(old.to_owned()),
        new: Some(new.to_owned()),
        similarity: Some(similarity),
        figures: figure_changes(&inline, &inline),
        inline,
        old_index: Some(0),
        new_index: Some(0),
    }
}

/// A segment new in this revision, as `diff --locale` lists a sentence its translators have
/// still to translate.
pub fn addition(id: &str, new: &str) -> Change {
    Change {
        kind: ChangeKind::Added,
        id: Some(id.to_owned()),
        old: None,
        new: Some(new.to_owned()),
        similarity: None,
        inline: Vec::new(),
        figures: Vec::new(),
        old_index: None,
        new_index: Some(0),
    }
}

/// A tracked segment gone from this revision while its message stays (another source
/// language still has it), as `diff --locale` lists a stale translation whose source was
/// removed.
pub fn removal(id: &str, old: &str) -> Change {
    Change {
        kind: ChangeKind::Removed,
        id: Some(id.to_owned()),
        old: Some(old.to_owned()),
        new: None,
        similarity: None,
        inline: Vec::new(),
        figures: Vec::new(),
        old_index: Some(0),
        new_index: None,
    }
}

/// Diffs two revisions given as segments; see the module docs for what comes out.
pub fn diff(old: &[Side<'_>], new: &[Side<'_>], locale: &Locale) -> Vec<Change> {
    let writing = locale.writing();
    let (old_texts, old_passages) = columns(old);
    let (new_texts, new_passages) = columns(new);
    let matching = match_segments(
        &old_texts,
        &old_passages,
        &new_texts,
        &new_passages,
        writing,
        &Scores::default(),
    );

    // Sort key: new position, removed-before-present, old position.
    let mut entries: Vec<((usize, u8, usize), Change)> =
        Vec::with_capacity(old.len().max(new.len()));
    let mut linked_old = vec![false; old.len()];
    let mut linked_new = vec![false; new.len()];
    let entry = |kind, o: Option<usize>, n: Option<usize>| Change {
        kind,
        id: o
            .and_then(|o| old[o].id)
            .or(n.and_then(|n| new[n].id))
            .map(str::to_owned),
        old: o.map(|o| old[o].text.to_owned()),
        new: n.map(|n| new[n].text.to_owned()),
        similarity: None,
        inline: Vec::new(),
        figures: Vec::new(),
        old_index: o,
        new_index: n,
    };
    for link in &matching.links {
        match link {
            Link::Pair(pair) => {
                let (o, n) = (pair.old, pair.new);
                linked_old[o] = true;
                linked_new[n] = true;
                let same = old[o].text == new[n].text;
                let kind = match (pair.moved, same) {
                    (true, _) => ChangeKind::Moved,
                    (false, true) => ChangeKind::Unchanged,
                    (false, false) => ChangeKind::Modified,
                };
                let mut change = entry(kind, Some(o), Some(n));
                if !same {
                    change.inline = inline_diff(old[o].text, new[n].text, writing).0;
                    change.figures = figure_changes(&change.inline, &change.inline);
                }
                if kind != ChangeKind::Unchanged {
                    change.similarity = Some(pair.similarity);
                }
                entries.push(((n, 1, o), change));
            }
            Link::Split {
                old: o,
                new: pieces,
                similarity,
            } => {
                let texts: Vec<&str> = pieces.iter().map(|&n| new[n].text).collect();
                let ops = inline_diff(old[*o].text, &texts.join(joiner(writing)), writing).0;
                let shares = slice_ops(&ops, &texts, joiner(writing), Along::New);
                let heir = heir(old[*o].text, &texts, writing);
                linked_old[*o] = true;
                for (k, (&n, share)) in pieces.iter().zip(shares).enumerate() {
                    linked_new[n] = true;
                    // Only the heir piece keeps the old id; the others are new segments.
                    let mut change = entry(ChangeKind::Split, (k == heir).then_some(*o), Some(n));
                    change.old = Some(old[*o].text.to_owned());
                    change.old_index = Some(*o);
                    change.similarity = Some(*similarity);
                    change.figures = figure_changes(&share, &ops);
                    change.inline = share;
                    entries.push(((n, 1, *o), change));
                }
            }
            Link::Merge {
                old: pieces,
                new: n,
                similarity,
            } => {
                let texts: Vec<&str> = pieces.iter().map(|&o| old[o].text).collect();
                let ops = inline_diff(&texts.join(joiner(writing)), new[*n].text, writing).0;
                let shares = slice_ops(&ops, &texts, joiner(writing), Along::Old);
                linked_new[*n] = true;
                for (&o, share) in pieces.iter().zip(shares) {
                    linked_old[o] = true;
                    let mut change = entry(ChangeKind::Merged, Some(o), Some(*n));
                    change.similarity = Some(*similarity);
                    change.figures = figure_changes(&share, &ops);
                    change.inline = share;
                    entries.push(((*n, 1, o), change));
                }
            }
        }
    }
    let kept_new = linked_new.clone();
    // A removed and an added segment tracked under one id are one message revised: the id
    // is the sync's decision (its inheritance weighs every source language, where this
    // diff sees one), so the report says what the sync does rather than "removed" and
    // "added" under the same name.
    let mut unlinked_ids: Vec<(&str, usize)> = (0..old.len())
        .filter(|&o| !linked_old[o])
        .filter_map(|o| Some((old[o].id?, o)))
        .collect();
    unlinked_ids.sort_unstable();
    for n in 0..new.len() {
        let Some(id) = new[n].id.filter(|_| !linked_new[n]) else {
            continue;
        };
        let Ok(at) = unlinked_ids.binary_search_by(|&(i, _)| i.cmp(id)) else {
            continue;
        };
        let o = unlinked_ids[at].1;
        if linked_old[o] {
            continue;
        }
        linked_old[o] = true;
        linked_new[n] = true;
        // In place when nothing that stayed stands between where it was and where it is.
        let anchor = matching.removed_anchor[o];
        let in_place = anchor <= n && (anchor..n).all(|k| !kept_new[k]);
        let kind = match (in_place, old[o].text == new[n].text) {
            (false, _) => ChangeKind::Moved,
            (true, true) => ChangeKind::Unchanged,
            (true, false) => ChangeKind::Modified,
        };
        let mut change = entry(kind, Some(o), Some(n));
        let (inline, similarity) = inline_diff(old[o].text, new[n].text, writing);
        if old[o].text != new[n].text {
            change.figures = figure_changes(&inline, &inline);
            change.inline = inline;
        }
        if kind != ChangeKind::Unchanged {
            change.similarity = Some(similarity);
        }
        entries.push(((n, 1, o), change));
    }
    for (o, _) in linked_old
        .iter()
        .enumerate()
        .filter(|(_, linked)| !**linked)
    {
        entries.push((
            (matching.removed_anchor[o], 0, o),
            entry(ChangeKind::Removed, Some(o), None),
        ));
    }
    for (n, _) in linked_new
        .iter()
        .enumerate()
        .filter(|(_, linked)| !**linked)
    {
        entries.push(((n, 1, usize::MAX), entry(ChangeKind::Added, None, Some(n))));
    }
    entries.sort_by_key(|(key, _)| *key);
    entries.into_iter().map(|(_, change)| change).collect()
}

/// Which piece of a split takes over the old segment's identity: the most similar one
/// (the first on a tie).
fn heir(old: &str, pieces: &[&str], writing: crate::locale::Writing) -> usize {
    let mut best = (0, f64::MIN);
    for (k, piece) in pieces.iter().enumerate() {
        let similarity = inline_diff(old, piece, writing).1;
        if similarity > best.1 {
            best = (k, similarity);
        }
    }
    best.0
}

/// The old segment whose identity a new segment takes over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heir {
    /// Index of the old segment.
    pub old: usize,
    /// How alike the two texts are, `0..=1` (see [`inline::similarity`]).
    pub similarity: f64,
    /// The segment left its passage (paragraph, list): recognised by its unchanged wording
    /// alone, which the other source languages must confirm.
    pub far: bool,
}

/// For each new segment, the old segment whose identity it inherits, never the same old
/// segment twice. Unchanged, modified and moved segments inherit; of a split, the piece
/// most similar to the old sentence; of a merge, the merged sentence takes the most similar
/// old one. Anything scoring below [`SIMILARITY_THRESHOLD`] is new.
pub fn inherit(old: &[Side<'_>], new: &[Side<'_>], locale: &Locale) -> Vec<Option<Heir>> {
    inherit_with(old, new, locale, &Scores::default())
}

/// [`inherit`], looking up and keeping the pair scores in `scores`, which a later call on
/// texts of the same language may share (the answer is the same with or without it).
pub fn inherit_with(
    old: &[Side<'_>],
    new: &[Side<'_>],
    locale: &Locale,
    scores: &Scores,
) -> Vec<Option<Heir>> {
    let writing = locale.writing();
    let (old, old_passages) = columns(old);
    let (new, new_passages) = columns(new);
    let matching = match_segments(&old, &old_passages, &new, &new_passages, writing, scores);
    let mut out = vec![None; new.len()];
    let near = |old, similarity| Heir {
        old,
        similarity,
        far: false,
    };
    for link in &matching.links {
        match link {
            Link::Pair(pair) => {
                out[pair.new] = Some(Heir {
                    old: pair.old,
                    similarity: pair.similarity,
                    far: pair.far,
                });
            }
            Link::Split {
                old: o,
                new: pieces,
                ..
            } => {
                let texts: Vec<&str> = pieces.iter().map(|&n| new[n]).collect();
                let k = heir(old[*o], &texts, writing);
                out[pieces[k]] = Some(near(*o, inline_diff(old[*o], texts[k], writing).1));
            }
            Link::Merge {
                old: pieces,
                new: n,
                ..
            } => {
                out[*n] = pieces
                    .iter()
                    .map(|&o| near(o, inline_diff(old[o], new[*n], writing).1))
                    .reduce(|best, next| {
                        if best.similarity >= next.similarity {
                            best
                        } else {
                            next
                        }
                    });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
