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
pub(crate) use anchors::extract_without_lexicon as extract_anchors;
mod blocks;
mod dp;
mod lexicon;
mod model;
mod output;
mod pins;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::figures::Marker;
use crate::locale::{Locale, Writing};
use crate::segment::{BlockKind, Document};
use model::{Anchor, Scratch};

pub use model::{SPACED_PER_UNSPACED, VARIANCE, length};
pub use output::{render_text, to_json};
pub use pins::{History, Origin, Pin, align_pinned, align_with_history, load_pins};

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
    align_pinned(a, a_locale, b, b_locale, &[]).0
}

/// Aligns the segments `region_a` of `a` with `region_b` of `b` (increasing indices),
/// appending beads with document indices to `beads`. No bead pairs segments of two different
/// earlier messages (`origins`, indexed by document segment).
fn align_region(
    a: Region,
    b: Region,
    origins: &pins::Origins,
    scratch: &mut Scratch,
    beads: &mut Vec<Bead>,
) {
    let (region_a, region_b) = (a.2, b.2);
    // The same origins, indexed by position in the regions.
    let local = pins::Origins {
        a: region_a
            .iter()
            .map(|&s| origins.a.get(s).copied().unwrap_or_default())
            .collect(),
        b: region_b
            .iter()
            .map(|&s| origins.b.get(s).copied().unwrap_or_default())
            .collect(),
        was_a: origins.was_a.clone(),
        was_b: origins.was_b.clone(),
    };
    let (side_a, side_b) = Side::pair((a, &local.a), (b, &local.b));
    let first = beads.len();
    for (units_a, units_b) in blocks::align_units(&side_a, &side_b, scratch) {
        align_sentences(&side_a, &units_a, &side_b, &units_b, &local, scratch, beads);
    }
    for bead in &mut beads[first..] {
        bead.a.iter_mut().for_each(|i| *i = region_a[*i]);
        bead.b.iter_mut().for_each(|i| *i = region_b[*i]);
    }
}

/// A run of consecutive segments of one block: what the block level aligns. Built from the
/// segments rather than from `Document::blocks` so that every segment is covered even if a
/// block has none or a segment's block index is odd.
#[derive(Debug)]
struct Unit {
    kind: BlockKind,
    marker: Option<Marker>,
    depth: usize,
    segments: Range<usize>,
    len: f64,
    anchors: Vec<Anchor>,
    /// Messages of the last sync this unit's segments were in (unchanged or edited), and
    /// those of its unchanged segments whose message had text on the other side: the block
    /// level never pairs such a unit with another unit while its message's other-side
    /// segments are elsewhere in the region (see `blocks::history_conflict`).
    held: Vec<usize>,
    bound: Vec<usize>,
    /// The anchors of this unit together with the next one, and with the next two: block
    /// beads of two and three units are priced hundreds of thousands of times on a long
    /// release, and merging their sets each time dominated the aligner's running time.
    with_next: [Vec<Anchor>; 2],
}

/// The segments of one document taking part in an alignment: all of them, or those between
/// two pins. Indices inside a [`Side`] are positions in the region.
/// Segments in one region from which their anchors are found on all threads; below it,
/// handing work out costs more than it saves.
const PARALLEL_FROM: usize = 64;

type Region<'d> = (&'d Document, Writing, &'d [usize]);

/// One document prepared for alignment: per-segment lengths (in length units, see
/// [`model::length`]) and anchors, and its units.
#[derive(Debug)]
struct Side {
    len: Vec<f64>,
    anchors: Vec<Vec<Anchor>>,
    units: Vec<Unit>,
    /// Unit index of each segment.
    unit_of: Vec<usize>,
    /// Every message some segment of this side held at the last sync (sorted).
    held: Vec<usize>,
}

impl Side {
    /// Prepares both sides together: anchors are interned into one key space, and soft
    /// anchors that the other side never has are dropped (they could never match).
    fn pair(
        (a, origins_a): (Region, &[pins::Origin]),
        (b, origins_b): (Region, &[pins::Origin]),
    ) -> (Side, Side) {
        // Each segment's anchors are its own: a long release's are found on all threads.
        let raw = |(doc, writing, region): Region| -> Vec<Vec<anchors::RawAnchor>> {
            let extract = |&s: &usize| anchors::extract(&doc.segments[s].text, writing);
            if region.len() >= PARALLEL_FROM {
                region.par_iter().map(extract).collect()
            } else {
                region.iter().map(extract).collect()
            }
        };
        let (raw_a, raw_b) = rayon::join(|| raw(a), || raw(b));
        fn keys(raw: &[Vec<anchors::RawAnchor>]) -> HashSet<&str> {
            raw.iter().flatten().map(|r| r.key.as_str()).collect()
        }
        let (keys_a, keys_b) = (keys(&raw_a), keys(&raw_b));
        let mut interner = HashMap::new();
        let side_a = Side::new(a, origins_a, &raw_a, &keys_b, &mut interner);
        let side_b = Side::new(b, origins_b, &raw_b, &keys_a, &mut interner);
        (side_a, side_b)
    }

    fn new<'r>(
        (doc, writing, region): Region,
        origins: &[pins::Origin],
        raw: &'r [Vec<anchors::RawAnchor>],
        other_keys: &HashSet<&str>,
        interner: &mut HashMap<&'r str, u32>,
    ) -> Side {
        let len: Vec<f64> = region
            .iter()
            .map(|&s| model::length(&doc.segments[s].text, writing))
            .collect();
        let anchors: Vec<Vec<Anchor>> = raw
            .iter()
            .map(|segment| {
                let mut set: Vec<Anchor> = segment
                    .iter()
                    .filter(|r| !r.soft || other_keys.contains(r.key.as_str()))
                    .map(|r| {
                        let next = interner.len() as u32;
                        Anchor {
                            key: *interner.entry(r.key.as_str()).or_insert(next),
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
        let mut unit_of = Vec::with_capacity(region.len());
        for (index, &global) in region.iter().enumerate() {
            let segment = &doc.segments[global];
            let same_block = index > 0
                && region[index - 1] + 1 == global
                && doc.segments[global - 1].block == segment.block;
            match units.last_mut() {
                Some(last) if same_block => last.segments.end = index + 1,
                _ => {
                    let block = doc.blocks.get(segment.block);
                    let marker = block
                        .and_then(|b| b.marker.as_ref())
                        .map(|m| m.kind.clone());
                    units.push(Unit {
                        kind: block.map_or(segment.kind, |b| b.kind),
                        marker,
                        depth: block.map_or(0, |b| b.depth),
                        segments: index..index + 1,
                        len: 0.0,
                        anchors: Vec::new(),
                        held: Vec::new(),
                        bound: Vec::new(),
                        with_next: [Vec::new(), Vec::new()],
                    });
                }
            }
            unit_of.push(units.len() - 1);
        }
        let messages = |segments: Range<usize>, of: fn(pins::Origin) -> Option<usize>| {
            let mut found: Vec<usize> = segments
                .filter_map(|s| origins.get(s).copied().and_then(of))
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let held = messages(0..region.len(), pins::Origin::message);
        for unit in &mut units {
            unit.held = messages(unit.segments.clone(), pins::Origin::message);
            unit.bound = messages(unit.segments.clone(), pins::Origin::bound);
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
        for index in 0..units.len() {
            let merged = |end: usize| -> Vec<Anchor> {
                let mut set: Vec<Anchor> = units
                    .get(index..end)
                    .unwrap_or_default()
                    .iter()
                    .flat_map(|u| u.anchors.iter().copied())
                    .collect();
                set.sort_unstable();
                set.dedup_by_key(|anchor| anchor.key);
                set
            };
            let with_next = [merged(index + 2), merged(index + 3)];
            units[index].with_next = with_next;
        }
        Side {
            len,
            anchors,
            units,
            unit_of,
            held,
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
    origins: &pins::Origins,
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
    let mut cost = |sa: &[usize], sb: &[usize]| -> f64 {
        if origins.conflict(sa, sb, (&a.len, &b.len)) {
            return f64::INFINITY;
        }
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
    };
    let steps = dp::best_path(
        segs_a.len(),
        segs_b.len(),
        &moves,
        (&[], dp::SENTENCE_BAND),
        |ra, rb| cost(&segs_a[ra], &segs_b[rb]),
    );
    beads.extend(steps.into_iter().map(|step| Bead {
        a: segs_a[step.a].to_vec(),
        b: segs_b[step.b].to_vec(),
        score: model::confidence(step.cost),
    }));
}

#[cfg(test)]
pub(crate) mod tests;
