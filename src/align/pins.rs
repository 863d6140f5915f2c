//! Editor pins: alignments fixed by hand in `alignments/<doc>.toml`, which every later
//! alignment of the document obeys. A pin names segments by their exact text rather than by
//! position, so it keeps holding when sentences elsewhere in the document are added,
//! removed or edited; a pin whose sentences are gone is reported instead of silently
//! applied somewhere else.
//!
//! Pinned segments form exactly their bead. Pins that follow each other in both documents
//! also cut the alignment into independent stretches, so a fixed bead cannot drag its
//! neighbours' alignment astray.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use super::model::{self, Scratch};
use super::{Bead, align_region};
use crate::error::{Diagnostic, line_col};
use crate::locale::{Locale, Writing};
use crate::segment::Document;

/// Segments an editor declared to be one bead: texts of side a and of side b, each a run of
/// consecutive segments (either may be empty for a one-sided bead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The texts of side a's segments, in order.
    pub a: Vec<String>,
    /// The texts of side b's segments, in order.
    pub b: Vec<String>,
}

/// Where a mistake in a pin file is explained.
const HELP: &str = "see \"Fixing an alignment\" in README.md for the form of alignments/<doc>.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinFile {
    #[serde(default)]
    pin: Vec<toml::Spanned<BTreeMap<String, Vec<String>>>>,
}

/// Reads a pin file whose `[[pin]]` tables are keyed by the locale tags of the two sides
/// (`ja = [...]`, `en = [...]`); any other key is an error, so a misspelt tag never turns a
/// pin into a silent one-sided bead.
pub fn load_pins(
    path: &Path,
    a_locale: &Locale,
    b_locale: &Locale,
) -> Result<Vec<Pin>, Diagnostic> {
    let text = match crate::fsio::read_regular(path) {
        Ok(Some(bytes)) => crate::fsio::decode_text(path, bytes)?,
        Ok(None) => return Err(crate::fsio::not_regular(path)),
        Err(error) => {
            let message = format!("cannot read the pin file: {error}");
            return Err(Diagnostic::error(path, message));
        }
    };
    parse_pins(&text, path, a_locale, b_locale)
}

fn parse_pins(
    text: &str,
    path: &Path,
    a_locale: &Locale,
    b_locale: &Locale,
) -> Result<Vec<Pin>, Diagnostic> {
    let invalid = |message: String, offset: usize| {
        let (line, column) = line_col(text, offset);
        Diagnostic::error(path, message).at(line, column).help(HELP)
    };
    let file: PinFile = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        invalid(error.message().to_lowercase(), offset)
    })?;
    file.pin
        .into_iter()
        .map(|spanned| {
            let offset = spanned.span().start;
            let mut sides = spanned.into_inner();
            let a = sides.remove(a_locale.tag()).unwrap_or_default();
            let b = sides.remove(b_locale.tag()).unwrap_or_default();
            match sides.keys().next() {
                Some(key) => Err(invalid(
                    format!(
                        "unknown key `{key}` in a pin, expected `{}` or `{}`",
                        a_locale.tag(),
                        b_locale.tag()
                    ),
                    offset,
                )),
                None => Ok(Pin { a, b }),
            }
        })
        .collect()
}

/// The first run of unclaimed consecutive segments reading `texts`: `Some(None)` for an
/// empty side, `None` when there is no such run.
fn find(doc: &Document, texts: &[String], claimed: &[bool]) -> Option<Option<Range<usize>>> {
    if texts.is_empty() {
        return Some(None);
    }
    let last_start = doc.segments.len().checked_sub(texts.len())?;
    (0..=last_start)
        .find(|&start| {
            texts
                .iter()
                .enumerate()
                .all(|(k, text)| !claimed[start + k] && doc.segments[start + k].text == *text)
        })
        .map(|start| Some(start..start + texts.len()))
}

/// A pin found in both documents.
#[derive(Debug, Clone)]
struct Forced {
    a: Option<Range<usize>>,
    b: Option<Range<usize>>,
}

impl Forced {
    fn bead(&self) -> Bead {
        let indices =
            |r: &Option<Range<usize>>| r.clone().map(Iterator::collect).unwrap_or_default();
        Bead {
            a: indices(&self.a),
            b: indices(&self.b),
            score: 1.0,
        }
    }
}

/// Finds every pin in the documents, claiming its segments; the messages describe pins that
/// match nothing (texts not found, or already taken by an earlier pin).
fn resolve(
    a: &Document,
    a_locale: &Locale,
    b: &Document,
    b_locale: &Locale,
    pins: &[Pin],
) -> (Vec<Forced>, Vec<bool>, Vec<bool>, Vec<String>) {
    let mut claimed_a = vec![false; a.segments.len()];
    let mut claimed_b = vec![false; b.segments.len()];
    let mut forced = Vec::new();
    let mut unmatched = Vec::new();
    for (number, pin) in pins.iter().enumerate() {
        let found_a = find(a, &pin.a, &claimed_a);
        let found_b = find(b, &pin.b, &claimed_b);
        let missing: Vec<String> = [
            (a_locale, &pin.a, found_a.is_none()),
            (b_locale, &pin.b, found_b.is_none()),
        ]
        .into_iter()
        .filter(|(_, _, missing)| *missing)
        .map(|(locale, texts, _)| format!("{} {texts:?}", locale.tag()))
        .collect();
        match (found_a, found_b) {
            (Some(None), Some(None)) => unmatched.push(format!(
                "pin {} matches no sentence: both sides are empty",
                number + 1
            )),
            (Some(ra), Some(rb)) => {
                for (claimed, range) in [(&mut claimed_a, &ra), (&mut claimed_b, &rb)] {
                    range
                        .iter()
                        .flat_map(Range::clone)
                        .for_each(|i| claimed[i] = true);
                }
                forced.push(Forced { a: ra, b: rb });
            }
            _ => unmatched.push(format!(
                "pin {} matches no sentence: no run of unpinned segments reads {}",
                number + 1,
                missing.join(" nor ")
            )),
        }
    }
    (forced, claimed_a, claimed_b, unmatched)
}

/// Aligns two releases obeying `pins`: each pin found becomes exactly one bead (score 1.0)
/// and the rest is aligned around them. Returns the beads in the order of side a and a
/// message for every pin that matched nothing.
pub fn align_pinned(
    a: &Document,
    a_locale: &Locale,
    b: &Document,
    b_locale: &Locale,
    pins: &[Pin],
) -> (Vec<Bead>, Vec<String>) {
    align_with_history(a, a_locale, b, b_locale, pins, &History::default())
}

/// Like [`align_pinned`], keeping what the previous sync paired (see [`History`]): a message
/// whose segments are unchanged on both sides is kept as it was (score 1.0) and cuts the
/// problem as a pin does, and segments unchanged on one side are never paired with segments
/// of another message unchanged on the other side. Pins win over history.
pub fn align_with_history(
    a: &Document,
    a_locale: &Locale,
    b: &Document,
    b_locale: &Locale,
    pins: &[Pin],
    history: &History,
) -> (Vec<Bead>, Vec<String>) {
    let (mut forced, mut claimed_a, mut claimed_b, unmatched) =
        resolve(a, a_locale, b, b_locale, pins);
    forced.extend(history.kept(&mut claimed_a, &mut claimed_b));
    // Two-sided fixed beads in the same order on both sides cut the documents into
    // stretches: the longest such chain.
    let mut cuts: Vec<(Range<usize>, Range<usize>)> = forced
        .iter()
        .filter_map(|f| f.a.clone().zip(f.b.clone()))
        .collect();
    cuts.sort_by_key(|(ra, _)| ra.start);
    let chain = longest_chain(cuts);
    forced.extend(history.across(&chain, &mut claimed_a, &mut claimed_b));
    let free = |claimed: &[bool], range: Range<usize>| -> Vec<usize> {
        range.filter(|&i| !claimed[i]).collect()
    };
    let origins = history.origins(
        (a.segments.len(), a_locale.writing()),
        (b.segments.len(), b_locale.writing()),
    );
    let mut scratch = Scratch::default();
    let mut beads = Vec::with_capacity(a.segments.len().max(b.segments.len()));
    let (mut from_a, mut from_b) = (0, 0);
    let ends = chain
        .iter()
        .map(|(ra, rb)| (ra.start, rb.start, Some((ra, rb))))
        .chain([(a.segments.len(), b.segments.len(), None)]);
    for (to_a, to_b, cut) in ends {
        let region_a = free(&claimed_a, from_a..to_a);
        let region_b = free(&claimed_b, from_b..to_b);
        align_region(
            (a, a_locale.writing(), &region_a),
            (b, b_locale.writing(), &region_b),
            &origins,
            &mut scratch,
            &mut beads,
        );
        if let Some((ra, rb)) = cut {
            beads.push(Bead {
                a: ra.clone().collect(),
                b: rb.clone().collect(),
                score: 1.0,
            });
            (from_a, from_b) = (ra.end, rb.end);
        }
    }
    // The other fixed beads go after the last bead holding an earlier segment of their side.
    for pin in forced.iter().filter(|f| {
        !chain
            .iter()
            .any(|(ra, rb)| f.a.as_ref() == Some(ra) && f.b.as_ref() == Some(rb))
    }) {
        let before = |bead: &Bead| match (&pin.a, &pin.b) {
            (Some(ra), _) => bead.a.iter().any(|&i| i < ra.start),
            (None, Some(rb)) => bead.b.iter().any(|&i| i < rb.start),
            (None, None) => false,
        };
        let at = beads.iter().rposition(before).map_or(0, |i| i + 1);
        beads.insert(at, pin.bead());
    }
    doubt_disagreeing_figures(a, b, &mut beads);
    (beads, unmatched)
}

/// Lowers the confidence of every two-sided bead the aligner chose (pinned and kept beads,
/// 1.0, are people's and history's word) by [`model::FIGURE_DISAGREEMENT`] per figure its
/// two sides disagree on ([`model::figures_disagree`]), so that such a pairing is listed for
/// review instead of passing silently.
fn doubt_disagreeing_figures(a: &Document, b: &Document, beads: &mut [Bead]) {
    let joined = |doc: &Document, segments: &[usize]| -> String {
        segments
            .iter()
            .filter_map(|&s| doc.segments.get(s))
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for bead in beads.iter_mut() {
        if bead.a.is_empty() || bead.b.is_empty() || bead.score >= 1.0 {
            continue;
        }
        let count = model::figures_disagree(&joined(a, &bead.a), &joined(b, &bead.b));
        if count > 0 {
            let exponent = i32::try_from(count).unwrap_or(i32::MAX);
            bead.score *= model::FIGURE_DISAGREEMENT.powi(exponent);
        }
    }
}

/// The longest subsequence of `cuts` (sorted by side a) whose side b also increases: the
/// fixed beads that can cut both documents into stretches. Patience sorting, O(n log n).
fn longest_chain(cuts: Vec<(Range<usize>, Range<usize>)>) -> Vec<(Range<usize>, Range<usize>)> {
    // tails[k]: index of the cut ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; cuts.len()];
    for (index, (_, rb)) in cuts.iter().enumerate() {
        let k = tails.partition_point(|&t| cuts[t].1.end <= rb.start);
        previous[index] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(index);
        } else if cuts[tails[k]].1.end > rb.end {
            tails[k] = index;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(index) = at {
        chain.push(cuts[index].clone());
        at = previous[index];
    }
    chain.reverse();
    chain
}

/// Where a segment stands with respect to the previous sync (see [`History`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Origin {
    /// Not in the last sync, as far as its language tells.
    #[default]
    New,
    /// Unchanged in its own language since the last sync, in `message` (any number standing
    /// for one message); `alone` when that message had no text on the other side.
    Kept {
        /// The message it was in.
        message: usize,
        /// That message had no text on the other side.
        alone: bool,
    },
    /// An edited form of its text in `message`.
    Edited {
        /// The message it was in.
        message: usize,
    },
}

impl Origin {
    /// The message this segment was (unchanged or edited) in at the last sync.
    pub(crate) fn message(self) -> Option<usize> {
        match self {
            Origin::New => None,
            Origin::Kept { message, .. } | Origin::Edited { message } => Some(message),
        }
    }

    /// The message an unchanged segment is bound to keep its partner in: its message, when
    /// that message had text on the other side.
    pub(super) fn bound(self) -> Option<usize> {
        match self {
            Origin::Kept {
                message,
                alone: false,
            } => Some(message),
            _ => None,
        }
    }

    /// Whether a segment of this origin may be in one bead with the segments `others` of
    /// the other side: an unchanged segment only with its own message's segments (and new
    /// ones along with them, such as the piece a split left), never with another message's,
    /// and with new segments alone only when its message had nothing on that side (the
    /// English catching up with a Japanese-only addition).
    fn may_pair(self, others: &[Origin]) -> bool {
        let Origin::Kept { message, alone } = self else {
            return true;
        };
        let messages: Vec<usize> = others.iter().filter_map(|o| o.message()).collect();
        messages.iter().all(|&m| m == message)
            && (alone || others.is_empty() || messages.contains(&message))
    }
}

/// What the previous sync paired, per side and indexed like the documents' segments: for
/// each segment, whether it is unchanged, edited or new, and in which message it was. Built
/// by the caller from the source catalogs (see `catalog::plan`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Side a's segments (the original's: `ja`), indexed like its document's.
    pub a: Vec<Origin>,
    /// Side b's segments, indexed like its document's.
    pub b: Vec<Origin>,
    /// Side a's text at the last sync of each message an edited segment of side a comes
    /// from: its length tells a sentence added next to an edit from the second piece of a
    /// split (see `Origins::conflict`).
    pub was_a: BTreeMap<usize, String>,
    /// The same for side b.
    pub was_b: BTreeMap<usize, String>,
}

impl History {
    /// The messages unchanged on both sides, as fixed beads, claiming their segments (those
    /// already claimed by a pin are left to the pin).
    fn kept(&self, claimed_a: &mut [bool], claimed_b: &mut [bool]) -> Vec<Forced> {
        let runs = |origins: &[Origin]| -> BTreeMap<usize, Range<usize>> {
            let mut runs: BTreeMap<usize, Range<usize>> = BTreeMap::new();
            for (index, origin) in origins.iter().enumerate() {
                if let Origin::Kept { message, .. } = origin {
                    let run = runs.entry(*message).or_insert(index..index);
                    run.start = run.start.min(index);
                    run.end = run.end.max(index + 1);
                }
            }
            runs
        };
        let (runs_a, runs_b) = (runs(&self.a), runs(&self.b));
        let mut kept = Vec::new();
        for (message, ra) in runs_a {
            let Some(rb) = runs_b.get(&message).cloned() else {
                continue;
            };
            kept.extend(claim(claimed_a, claimed_b, ra, rb));
        }
        kept
    }

    /// The messages unchanged on one side and edited on the other whose segments lie in
    /// different stretches of `chain` (a list item the English orders differently, edited in
    /// the Japanese only), as fixed beads claiming their segments: the sentence aligner,
    /// which pairs in order within one stretch, could never pair them, and an edited
    /// sentence keeps its unchanged partner. Within one stretch the aligner pairs them (new
    /// segments may come along, such as the other piece of a split).
    fn across(
        &self,
        chain: &[(Range<usize>, Range<usize>)],
        claimed_a: &mut [bool],
        claimed_b: &mut [bool],
    ) -> Vec<Forced> {
        // message -> (segments, all kept, all edited) on one side.
        let runs = |origins: &[Origin]| -> BTreeMap<usize, (Vec<usize>, bool, bool)> {
            let mut runs: BTreeMap<usize, (Vec<usize>, bool, bool)> = BTreeMap::new();
            for (index, origin) in origins.iter().enumerate() {
                if let Some(message) = origin.message() {
                    let run = runs.entry(message).or_insert((Vec::new(), true, true));
                    run.0.push(index);
                    run.1 &= matches!(origin, Origin::Kept { .. });
                    run.2 &= matches!(origin, Origin::Edited { .. });
                }
            }
            runs
        };
        let (runs_a, runs_b) = (runs(&self.a), runs(&self.b));
        let stretch = |at: usize, side_a: bool| {
            chain
                .iter()
                .filter(|(ra, rb)| if side_a { ra.end <= at } else { rb.end <= at })
                .count()
        };
        let mut across = Vec::new();
        for (message, (sa, kept_a, edited_a)) in runs_a {
            let Some((sb, kept_b, edited_b)) = runs_b.get(&message) else {
                continue;
            };
            if !((kept_a && *edited_b) || (edited_a && *kept_b)) {
                continue;
            }
            let contiguous = |segments: &[usize]| segments.windows(2).all(|w| w[1] == w[0] + 1);
            if !contiguous(&sa) || !contiguous(sb) {
                continue;
            }
            let (ra, rb) = (sa[0]..sa[sa.len() - 1] + 1, sb[0]..sb[sb.len() - 1] + 1);
            if stretch(ra.start, true) == stretch(rb.start, false) {
                continue;
            }
            across.extend(claim(claimed_a, claimed_b, ra, rb));
        }
        across
    }

    /// The origins of both sides, padded to the documents' lengths. An unchanged segment
    /// of the original (side a) whose message has no segment left in the translation (its
    /// English was removed, or rewritten so much that it is a new statement there) is bound
    /// to nothing: the new English contradicts the old pairing, so the original pairs as
    /// freely as a one-sided message's. Not so the other way round: an unchanged English
    /// sentence whose Japanese was removed still translates the removed sentence, so it stays
    /// bound to its message and is never paired with a new Japanese statement (one the diff
    /// does not read as an edit of the removed one, see `catalog::plan::rewritten`); the
    /// English is behind until it drops the sentence.
    fn origins(
        &self,
        (len_a, writing_a): (usize, Writing),
        (len_b, writing_b): (usize, Writing),
    ) -> Origins {
        let carried = |origins: &[Origin]| -> BTreeSet<usize> {
            origins.iter().filter_map(|o| o.message()).collect()
        };
        let in_b = carried(&self.b);
        let pad = |origins: &[Origin], len: usize, other: Option<&BTreeSet<usize>>| {
            let mut padded: Vec<Origin> = origins
                .iter()
                .map(|&origin| match origin {
                    Origin::Kept {
                        message,
                        alone: false,
                    } if other.is_some_and(|other| !other.contains(&message)) => Origin::Kept {
                        message,
                        alone: true,
                    },
                    origin => origin,
                })
                .collect();
            padded.resize(len, Origin::New);
            padded
        };
        let lengths = |was: &BTreeMap<usize, String>, writing: Writing| {
            was.iter()
                .map(|(&message, text)| (message, model::length(text, writing)))
                .collect()
        };
        Origins {
            a: pad(&self.a, len_a, Some(&in_b)),
            b: pad(&self.b, len_b, None),
            was_a: lengths(&self.was_a, writing_a),
            was_b: lengths(&self.was_b, writing_b),
        }
    }
}

/// [`History`] padded to the documents (or to a region): what the sentence aligner consults
/// to keep an unchanged segment from being paired with another message's segments.
#[derive(Debug, Default)]
pub(super) struct Origins {
    pub a: Vec<Origin>,
    pub b: Vec<Origin>,
    /// The length (see [`model::length`]) of side a's text at the last sync of each message
    /// edited on side a.
    pub was_a: BTreeMap<usize, f64>,
    /// The same for side b.
    pub was_b: BTreeMap<usize, f64>,
}

impl Origins {
    /// Whether a bead of these segments (indices into `self.a` and `self.b`, whose lengths
    /// are `len.0` and `len.1`) would pair an unchanged segment with what is not its
    /// message's (see [`Origin::may_pair`]), or with a sentence its release was revised
    /// after (see [`added_to`]).
    pub fn conflict(&self, a: &[usize], b: &[usize], len: (&[f64], &[f64])) -> bool {
        let of = |origins: &[Origin], segments: &[usize]| -> Vec<Origin> {
            segments
                .iter()
                .map(|&i| origins.get(i).copied().unwrap_or_default())
                .collect()
        };
        let (from_a, from_b) = (of(&self.a, a), of(&self.b, b));
        if from_a.is_empty() || from_b.is_empty() {
            return false;
        }
        // A revision of a translation never re-cuts the original: unchanged segments of two
        // messages of one side stay in two messages, however the other side joins them. Its
        // first arrival may: messages that had nothing on the other side (`alone`), joined
        // by new text there (the English release, synced days after the Japanese, renders
        // two sentences as one), become one message, as a sync of both releases at once
        // would have made them (the catalogs then merge the messages as they merge two
        // sentences the original joined: one id inherits, its translation stale, the other
        // id's translation kept in the obsolete section). Otherwise the first message would
        // hold the whole translation and the second none, forever "behind".
        let joins = |origins: &[Origin], others: &[Origin]| {
            let mut kept = origins.iter().filter_map(|o| match o {
                Origin::Kept { message, .. } => Some(*message),
                _ => None,
            });
            let several = kept
                .next()
                .is_some_and(|first| kept.any(|other| other != first));
            let first_arrival = origins
                .iter()
                .all(|o| matches!(o, Origin::Kept { alone: true, .. }))
                && others.iter().all(|o| *o == Origin::New);
            several && !first_arrival
        };
        if joins(&from_a, &from_b) || joins(&from_b, &from_a) {
            return true;
        }
        !from_a.iter().all(|x| x.may_pair(&from_b))
            || !from_b.iter().all(|y| y.may_pair(&from_a))
            || added_to(&from_b, (&from_a, a, len.0), &self.was_a)
            || added_to(&from_a, (&from_b, b, len.1), &self.was_b)
    }
}

/// Whether `ours` (the origins of `segments`, of lengths `len` by segment) holds a sentence
/// added since the last sync next to an edit of the message whose unchanged text `theirs`
/// is: a release that did not change cannot have gained a sentence, so the other release's
/// unchanged translation cannot hold the addition's, and the addition waits alone for it
/// ("the other release is behind"; revised Japanese-first, the usual order, or English-first).
///
/// A new segment next to an edited one is not always an addition: an editor who splits a
/// sentence in two leaves an edited piece and a new one, and the unchanged translation
/// translates both. The old text of the edited message (`was`, lengths by message) tells
/// them apart with the length model: when the edited segments alone are at least as close
/// to its length as the edited and new ones together, the new ones were added; when the
/// pieces together are closer, it was split, and the pieces may stay together with the
/// unchanged translation. The comparison is between two texts of one language, so the
/// model's variance is generous there, but both readings are priced by it alike.
fn added_to(
    theirs: &[Origin],
    (ours, segments, len): (&[Origin], &[usize], &[f64]),
    was: &BTreeMap<usize, f64>,
) -> bool {
    let Some(message) = theirs.first().and_then(|o| o.bound()) else {
        return false;
    };
    if theirs.iter().any(|o| o.bound() != Some(message)) {
        return false;
    }
    let (mut edited, mut added) = (0.0, 0.0);
    for (origin, &segment) in ours.iter().zip(segments) {
        let length = len.get(segment).copied().unwrap_or_default();
        match origin {
            Origin::Edited { message: m } if *m == message => edited += length,
            Origin::New => added += length,
            _ => return false,
        }
    }
    let Some(&old) = was.get(&message) else {
        return false;
    };
    edited > 0.0
        && added > 0.0
        && model::length_cost(old, edited) <= model::length_cost(old, edited + added)
}

/// The pair of segment ranges as a [`Forced`] bead, claiming their segments, if none of them
/// is claimed yet.
fn claim(
    claimed_a: &mut [bool],
    claimed_b: &mut [bool],
    ra: Range<usize>,
    rb: Range<usize>,
) -> Option<Forced> {
    let free = |claimed: &[bool], range: &Range<usize>| {
        range.clone().all(|i| claimed.get(i) == Some(&false))
    };
    if !free(claimed_a, &ra) || !free(claimed_b, &rb) {
        return None;
    }
    ra.clone().for_each(|i| claimed_a[i] = true);
    rb.clone().for_each(|i| claimed_b[i] = true);
    Some(Forced {
        a: Some(ra),
        b: Some(rb),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tests::document;
    use crate::segment::BlockKind::{Heading, Label, Paragraph, Url};

    fn locales() -> (Locale, Locale) {
        ("ja".parse().unwrap(), "en".parse().unwrap())
    }

    fn pin(a: &[&str], b: &[&str]) -> Pin {
        let owned = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect();
        Pin {
            a: owned(a),
            b: owned(b),
        }
    }

    fn contact() -> (Document, Document) {
        let ja = document(&[
            (Heading, "", &["連絡先"]),
            (Paragraph, "", &["総務省国際戦略局国際政策課"]),
            (Label, "", &["担当：山本課長補佐"]),
            (Label, "電話：", &["03-5253-5920"]),
        ]);
        let en = document(&[
            (Heading, "", &["Contact"]),
            (
                Paragraph,
                "",
                &["For further information, please use the inquiry form"],
            ),
            (
                Url,
                "",
                &["https://www.soumu.go.jp/common/english_opinions.html"],
            ),
            (Paragraph, "", &["International Policy Division, MIC"]),
            (Label, "TEL:", &["+81 3 5253 5920"]),
        ]);
        (ja, en)
    }

    fn shapes(beads: &[Bead]) -> Vec<(Vec<usize>, Vec<usize>)> {
        beads.iter().map(|b| (b.a.clone(), b.b.clone())).collect()
    }

    #[test]
    fn pinned_segments_form_exactly_their_bead_and_the_rest_aligns_around() {
        let (ja, en) = contact();
        let (l_ja, l_en) = locales();
        let pins = [
            pin(
                &["総務省国際戦略局国際政策課"],
                &["International Policy Division, MIC"],
            ),
            pin(&["担当：山本課長補佐"], &[]),
            pin(
                &[],
                &["For further information, please use the inquiry form"],
            ),
        ];
        let (beads, unmatched) = align_pinned(&ja, &l_ja, &en, &l_en, &pins);
        assert!(unmatched.is_empty(), "{unmatched:?}");
        let got = shapes(&beads);
        assert!(got.contains(&(vec![1], vec![3])), "{got:?}");
        assert!(got.contains(&(vec![2], vec![])), "{got:?}");
        assert!(got.contains(&(vec![], vec![1])), "{got:?}");
        assert!(got.contains(&(vec![0], vec![0])), "{got:?}");
        assert!(got.contains(&(vec![3], vec![4])), "{got:?}");
        let mut seen_a: Vec<usize> = beads.iter().flat_map(|b| b.a.clone()).collect();
        let mut seen_b: Vec<usize> = beads.iter().flat_map(|b| b.b.clone()).collect();
        seen_a.sort_unstable();
        seen_b.sort_unstable();
        assert_eq!(seen_a, vec![0, 1, 2, 3]);
        assert_eq!(seen_b, vec![0, 1, 2, 3, 4]);
        let pinned = beads.iter().find(|b| b.a == vec![1]).unwrap();
        assert_eq!(pinned.score, 1.0);
        // Side a's order is kept.
        let firsts: Vec<usize> = beads.iter().filter_map(|b| b.a.first().copied()).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{got:?}");
    }

    #[test]
    fn pins_that_match_nothing_are_reported_and_ignored() {
        let (ja, en) = contact();
        let (l_ja, l_en) = locales();
        let pins = [
            pin(&["連絡先"], &["Contacts"]),
            pin(&[], &[]),
            pin(&["連絡先"], &["Contact"]),
            pin(&["連絡先"], &[]),
        ];
        let (beads, unmatched) = align_pinned(&ja, &l_ja, &en, &l_en, &pins);
        assert_eq!(unmatched.len(), 3, "{unmatched:?}");
        assert!(unmatched[0].starts_with("pin 1 matches no sentence"));
        assert!(
            unmatched[0].contains("en [\"Contacts\"]"),
            "{}",
            unmatched[0]
        );
        assert!(unmatched[2].starts_with("pin 4 "), "{}", unmatched[2]);
        assert_eq!(beads, align_pinned(&ja, &l_ja, &en, &l_en, &pins[2..3]).0);
    }

    #[test]
    fn a_new_segment_joins_an_unchanged_partner_only_as_a_piece_of_a_split() {
        // One side: an edit of message 0 (30 units) and a new segment (15); the other: the
        // message's unchanged translation (31). `old`: the edited side's text at the last
        // sync.
        let edited_first = |old: f64| Origins {
            a: vec![Origin::Edited { message: 0 }, Origin::New],
            b: vec![Origin::Kept {
                message: 0,
                alone: false,
            }],
            was_a: BTreeMap::from([(0, old)]),
            was_b: BTreeMap::new(),
        };
        let len: (&[f64], &[f64]) = (&[30.0, 15.0], &[31.0]);
        // The edit alone is about as long as the old text: the new segment was added.
        assert!(edited_first(32.0).conflict(&[0, 1], &[0], len));
        assert!(!edited_first(32.0).conflict(&[0], &[0], len));
        // The pieces together are: the old sentence was split, they may stay together.
        assert!(!edited_first(44.0).conflict(&[0, 1], &[0], len));
        // The same with the sides swapped (the English revised first).
        let english_first = Origins {
            a: vec![Origin::Kept {
                message: 0,
                alone: false,
            }],
            b: vec![Origin::New, Origin::Edited { message: 0 }],
            was_a: BTreeMap::new(),
            was_b: BTreeMap::from([(0, 32.0)]),
        };
        let len: (&[f64], &[f64]) = (&[31.0], &[15.0, 30.0]);
        assert!(english_first.conflict(&[0], &[0, 1], len));
        assert!(!english_first.conflict(&[0], &[1], len));
        // Without an unchanged partner (both sides changed) the cost model decides alone.
        let both_changed = Origins {
            b: vec![Origin::Edited { message: 0 }],
            ..edited_first(32.0)
        };
        assert!(!both_changed.conflict(&[0, 1], &[0], (&[30.0, 15.0], &[31.0])));
    }

    #[test]
    fn pin_files_take_the_two_locale_tags_only() {
        let (l_ja, l_en) = locales();
        let path = Path::new("alignments/doc.toml");
        let good = "# comment\n[[pin]]\nja = [\"連絡先\"]\nen = [\"Contact\"]\n\n[[pin]]\nen = [\"Only English\"]\n";
        assert_eq!(
            parse_pins(good, path, &l_ja, &l_en).unwrap(),
            vec![pin(&["連絡先"], &["Contact"]), pin(&[], &["Only English"])]
        );
        let typo = "[[pin]]\nja = [\"連絡先\"]\n\n[[pin]]\nja = []\nfr = [\"Contact\"]\n";
        let error = parse_pins(typo, path, &l_ja, &l_en).unwrap_err();
        assert!(error.to_string().contains("unknown key `fr`"), "{error}");
        assert!(
            error.to_string().contains(":4:") || error.to_string().contains(":5:"),
            "{error}"
        );
        let top = "pins = []\n";
        let error = parse_pins(top, path, &l_ja, &l_en).unwrap_err();
        assert!(error.to_string().contains(":1:1"), "{error}");
        assert!(parse_pins("", path, &l_ja, &l_en).unwrap().is_empty());
    }
}
