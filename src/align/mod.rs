//! Alignment of a Japanese original with its English release into beads (1:1, 1:2, 2:1, …)
//! so both locales share message ids.
//!
//! Two levels, both running the banded dynamic program of [`dp`] with the costs of
//! [`model`]:
//!
//! 1. **Blocks** ([`blocks`]): the block sequences are aligned first, because headings,
//!    numbering, list items and label/URL lines survive translation almost unchanged and
//!    are the strongest evidence a release has. One-sided blocks (a `※` note only in
//!    Japanese) and reordered list items are found here.
//! 2. **Sentences**: inside each aligned block group, sentences are aligned with beads
//!    1:1, 1:2, 2:1, 2:2, 1:3, 3:1, 1:0 and 0:1, priced by length fit, shared anchors
//!    ([`anchors`]) and a penalty for crossing a block boundary.
//!
//! Beads come out in the order of side a. Where list items were reordered, the b indices of
//! consecutive beads go backwards; b-only items of a reordered list follow that list's
//! last bead. Everywhere else both sides' indices increase.

mod anchors;
mod blocks;
mod dp;
mod model;
mod output;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::locale::{Locale, Writing};
use crate::segment::{BlockKind, Document};
use model::{Anchor, Scratch};

pub use model::{SPACED_PER_UNSPACED, VARIANCE};
pub use output::{render_text, to_json};

/// A group of segments of side a that translates a group of segments of side b.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Indices into side a's `segments`, increasing; empty for a b-only bead.
    pub a: Vec<usize>,
    /// Indices into side b's `segments`, increasing; empty for an a-only bead.
    pub b: Vec<usize>,
    /// Confidence 0..1 (see [`model::confidence`]); below 0.5 deserves a look.
    pub score: f64,
}

/// Aligns two releases. Every segment of both documents is in exactly one bead.
pub fn align(a: &Document, a_locale: &Locale, b: &Document, b_locale: &Locale) -> Vec<Bead> {
    let (a, b) = Side::pair(a, a_locale.writing(), b, b_locale.writing());
    let mut scratch = Scratch::default();
    let mut beads = Vec::with_capacity(a.len.len().max(b.len.len()));
    for (units_a, units_b) in blocks::align_units(&a, &b, &mut scratch) {
        align_sentences(&a, &units_a, &b, &units_b, &mut scratch, &mut beads);
    }
    beads
}

/// A run of consecutive segments of one block: what the block level aligns. Built from the
/// segments rather than from `Document::blocks` so that every segment is covered even if a
/// block has none or a segment's block index is odd.
#[derive(Debug)]
struct Unit {
    kind: BlockKind,
    marker: blocks::Marker,
    depth: usize,
    segments: Range<usize>,
    len: f64,
    anchors: Vec<Anchor>,
}

/// One document prepared for alignment: per-segment lengths (in length units, see
/// [`model::unit`]) and anchors, and its units.
#[derive(Debug)]
struct Side {
    len: Vec<f64>,
    anchors: Vec<Vec<Anchor>>,
    units: Vec<Unit>,
    /// Unit index of each segment.
    unit_of: Vec<usize>,
}

impl Side {
    /// Prepares both sides together: anchors are interned into one key space, and soft
    /// anchors that the other side never has are dropped (they could never match).
    fn pair(a: &Document, a_writing: Writing, b: &Document, b_writing: Writing) -> (Side, Side) {
        let raw = |doc: &Document, writing| -> Vec<Vec<anchors::RawAnchor>> {
            doc.segments
                .iter()
                .map(|s| anchors::extract(&s.text, writing))
                .collect()
        };
        let (raw_a, raw_b) = (raw(a, a_writing), raw(b, b_writing));
        let keys = |raw: &[Vec<anchors::RawAnchor>]| -> HashSet<String> {
            raw.iter().flatten().map(|r| r.key.clone()).collect()
        };
        let (keys_a, keys_b) = (keys(&raw_a), keys(&raw_b));
        let mut interner = HashMap::new();
        let side_a = Side::new(a, a_writing, raw_a, &keys_b, &mut interner);
        let side_b = Side::new(b, b_writing, raw_b, &keys_a, &mut interner);
        (side_a, side_b)
    }

    fn new(
        doc: &Document,
        writing: Writing,
        raw: Vec<Vec<anchors::RawAnchor>>,
        other_keys: &HashSet<String>,
        interner: &mut HashMap<String, u32>,
    ) -> Side {
        let unit = model::unit(writing);
        let len: Vec<f64> = doc
            .segments
            .iter()
            .map(|s| s.text.chars().count() as f64 / unit)
            .collect();
        let anchors: Vec<Vec<Anchor>> = raw
            .into_iter()
            .map(|segment| {
                let mut set: Vec<Anchor> = segment
                    .into_iter()
                    .filter(|r| !r.soft || other_keys.contains(&r.key))
                    .map(|r| {
                        let next = interner.len() as u32;
                        Anchor {
                            key: *interner.entry(r.key).or_insert(next),
                            soft: r.soft,
                        }
                    })
                    .collect();
                set.sort_unstable();
                set.dedup_by_key(|anchor| anchor.key);
                set
            })
            .collect();
        let mut units: Vec<Unit> = Vec::new();
        let mut unit_of = Vec::with_capacity(doc.segments.len());
        for (index, segment) in doc.segments.iter().enumerate() {
            let same_block = index > 0 && doc.segments[index - 1].block == segment.block;
            match units.last_mut() {
                Some(last) if same_block => last.segments.end = index + 1,
                _ => {
                    let block = doc.blocks.get(segment.block);
                    let marker = block
                        .and_then(|b| b.marker.clone())
                        .and_then(|range| doc.source.get(range))
                        .map_or(blocks::Marker::None, blocks::Marker::parse);
                    units.push(Unit {
                        kind: block.map_or(segment.kind, |b| b.kind),
                        marker,
                        depth: block.map_or(0, |b| b.depth),
                        segments: index..index + 1,
                        len: 0.0,
                        anchors: Vec::new(),
                    });
                }
            }
            unit_of.push(units.len() - 1);
        }
        for unit in &mut units {
            unit.len = len[unit.segments.clone()].iter().sum();
            let mut set: Vec<Anchor> = anchors[unit.segments.clone()]
                .iter()
                .flatten()
                .copied()
                .collect();
            set.sort_unstable();
            set.dedup_by_key(|anchor| anchor.key);
            unit.anchors = set;
        }
        Side {
            len,
            anchors,
            units,
            unit_of,
        }
    }

    /// How many block boundaries the given consecutive segments cross.
    fn boundaries(&self, segments: &[usize]) -> usize {
        segments
            .windows(2)
            .filter(|w| self.unit_of[w[0]] != self.unit_of[w[1]])
            .count()
    }
}

/// −ln of the prior of a bead shape, infinite for shapes not in `moves`.
fn prior_cost(moves: &[(usize, usize, f64)], a: usize, b: usize) -> f64 {
    moves
        .iter()
        .find(|m| m.0 == a && m.1 == b)
        .map_or(f64::INFINITY, |m| -m.2.ln())
}

/// Sentence alignment inside one block group (units of a and of b aligned together).
fn align_sentences(
    a: &Side,
    units_a: &[usize],
    b: &Side,
    units_b: &[usize],
    scratch: &mut Scratch,
    beads: &mut Vec<Bead>,
) {
    let segments = |side: &Side, units: &[usize]| -> Vec<usize> {
        units
            .iter()
            .flat_map(|&u| side.units[u].segments.clone())
            .collect()
    };
    let (segs_a, segs_b) = (segments(a, units_a), segments(b, units_b));
    let moves: Vec<(usize, usize)> = model::SENTENCE_MOVES.iter().map(|m| (m.0, m.1)).collect();
    let steps = dp::best_path(segs_a.len(), segs_b.len(), &moves, |ra, rb| {
        let (sa, sb) = (&segs_a[ra], &segs_b[rb]);
        let la: f64 = sa.iter().map(|&s| a.len[s]).sum();
        let lb: f64 = sb.iter().map(|&s| b.len[s]).sum();
        let fit = scratch.fit(
            sa.iter().map(|&s| a.anchors[s].as_slice()),
            sb.iter().map(|&s| b.anchors[s].as_slice()),
        );
        let crossings = (a.boundaries(sa) + b.boundaries(sb)) as f64;
        let length = if sa.is_empty() || sb.is_empty() {
            model::one_sided_cost(la + lb)
        } else {
            model::length_cost(la, lb)
        };
        prior_cost(&model::SENTENCE_MOVES, sa.len(), sb.len())
            + length
            + fit.cost()
            + crossings * model::BLOCK_BOUNDARY
    });
    beads.extend(steps.into_iter().map(|step| Bead {
        a: segs_a[step.a].to_vec(),
        b: segs_b[step.b].to_vec(),
        score: model::confidence(step.cost),
    }));
}

#[cfg(test)]
pub(crate) mod tests;
