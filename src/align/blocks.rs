//! Block-level alignment: pairs the two documents' blocks (as [`Unit`]s) before any sentence
//! is looked at, using kinds, list/heading markers, lengths and anchors, then repairs list
//! items that the translation put in another order.

use std::collections::HashMap;
use std::ops::Range;

use super::model::{self, Anchor, Scratch};
use super::{Side, Unit, dp, prior_cost};
use crate::figures::Marker;
use crate::segment::BlockKind;

/// What two blocks' markers (read by the segmenter, [`Marker`]) say about pairing them.
fn marker_cost(a: Option<&Marker>, b: Option<&Marker>) -> f64 {
    let (Some(a), Some(b)) = (a, b) else {
        return match (a, b) {
            (None, None) => 0.0,
            (Some(Marker::Seq(_)), _) | (_, Some(Marker::Seq(_))) => 1.0,
            _ => 0.5,
        };
    };
    match (a, b) {
        (Marker::Seq(x), Marker::Seq(y)) => {
            if x == y {
                -2.0
            } else {
                3.0
            }
        }
        (Marker::Bullet, Marker::Bullet) => -0.5,
        (Marker::Note, Marker::Note) => -1.0,
        (Marker::Other(x), Marker::Other(y)) if x == y => -1.0,
        (Marker::Seq(_), _) | (_, Marker::Seq(_)) => 1.0,
        _ => 0.5,
    }
}

fn kind_cost(a: BlockKind, b: BlockKind) -> f64 {
    use BlockKind::*;
    if a == b {
        return 0.0;
    }
    if a.is_prose() && b.is_prose() {
        return 1.0;
    }
    // The block reader guesses titles and headings from layout, so a title on one side may
    // be a paragraph on the other: such mismatches cost little, only really different
    // kinds (a URL against a date) cost much.
    match (a, b) {
        (Title | Heading, Title | Heading | Paragraph) | (Paragraph, Title | Heading) => 1.0,
        (Label, Url | Paragraph) | (Url | Paragraph, Label) => 1.5,
        (Date, Title | Paragraph) | (Title | Paragraph, Date) => 2.0,
        _ => 3.0,
    }
}

/// Cost of leaving one unit without counterpart. Notes are the usual one-sided blocks
/// (supplementary remarks written for the domestic audience), so they are cheaper to drop;
/// so is a label line with no figure in it (a person-in-charge line, `担当：…`), whose
/// prior of being one-sided is measured ([`model::BARE_LABEL_ONE_SIDED`]) rather than
/// the block average. A label line with a phone number or an address keeps the average:
/// its figures pair it.
fn skip_cost(unit: &Unit) -> f64 {
    let hard = unit.anchors.iter().filter(|a| !a.soft).count();
    let prior = if unit.kind == BlockKind::Label && hard == 0 {
        -model::BARE_LABEL_ONE_SIDED.ln()
    } else {
        prior_cost(&model::BLOCK_MOVES, 1, 0)
    };
    let base = prior + model::one_sided_cost(unit.len);
    let missed = hard as f64 * model::ANCHOR_MISS * 0.5;
    if unit.kind == BlockKind::Note || unit.marker == Some(Marker::Note) {
        base + missed - 2.0
    } else {
        base + missed
    }
}

/// Whether pairing units `ours` with units `theirs` of side `they` would take an
/// unchanged segment away from its partner: a segment unchanged since the last sync whose
/// message still has a segment (unchanged or edited) on the other side, in this region,
/// outside `theirs`. The previous sync already knows which sentences translate each other;
/// a new paragraph next to an edited one must not take the edited one's partner (the
/// sentence level then could only leave all three one-sided).
fn history_conflict(ours: &[Unit], they: &Side, theirs: &[Unit]) -> bool {
    ours.iter().flat_map(|u| &u.bound).any(|message| {
        they.held.binary_search(message).is_ok()
            && !theirs.iter().any(|u| u.held.binary_search(message).is_ok())
    })
}

/// Cost per change of kind between consecutive blocks on one side of a block bead.
const MIXED_KINDS: f64 = 1.5;

/// The merged anchor set of up to three consecutive units, precomputed in [`Unit`].
fn window_anchors(units: &[Unit]) -> Option<&[Anchor]> {
    match units {
        [unit] => Some(&unit.anchors),
        [unit, _] => Some(&unit.with_next[0]),
        [unit, _, _] => Some(&unit.with_next[1]),
        _ => None,
    }
}

/// Cost of a block bead taking units `ra` of a and `rb` of b.
fn bead_cost(a: &Side, ra: Range<usize>, b: &Side, rb: Range<usize>, scratch: &mut Scratch) -> f64 {
    let (ua, ub) = (&a.units[ra], &b.units[rb]);
    match (ua, ub) {
        ([], []) => 0.0,
        ([unit], []) | ([], [unit]) => skip_cost(unit),
        _ if history_conflict(ua, b, ub) || history_conflict(ub, a, ua) => f64::INFINITY,
        ([first_a, ..], [first_b, ..]) => {
            let la: f64 = ua.iter().map(|u| u.len).sum();
            let lb: f64 = ub.iter().map(|u| u.len).sum();
            let fit = match (window_anchors(ua), window_anchors(ub)) {
                (Some(x), Some(y)) => model::compare(x, y),
                _ => scratch.fit(
                    ua.iter().map(|u| u.anchors.as_slice()),
                    ub.iter().map(|u| u.anchors.as_slice()),
                ),
            };
            let kinds = ua
                .iter()
                .flat_map(|x| ub.iter().map(move |y| kind_cost(x.kind, y.kind)))
                .fold(0.0, f64::max);
            // Blocks glued into one bead are normally pieces of one kind (a paragraph split
            // in two); a paragraph plus a label line is a one-sided line looking for a home.
            let mixed =
                |units: &[Unit]| units.windows(2).filter(|w| w[0].kind != w[1].kind).count() as f64;
            prior_cost(&model::BLOCK_MOVES, ua.len(), ub.len())
                + MIXED_KINDS * (mixed(ua) + mixed(ub))
                + model::length_cost(la, lb)
                + fit.cost()
                + kinds
                + marker_cost(first_a.marker.as_ref(), first_b.marker.as_ref())
                + 0.5 * first_a.depth.abs_diff(first_b.depth) as f64
        }
        _ => f64::INFINITY,
    }
}

/// Half-width of the block level's band (see [`dp`]) on top of the length difference
/// between guide points: blocks are few and long, and the guide of unique anchors pins
/// most of them, so the sentence level's band would price nearly every pair of blocks.
const BLOCK_BAND: usize = 6;

/// Block groups: units of a and units of b that translate each other, in the order of a.
pub(super) type Group = (Vec<usize>, Vec<usize>);

/// Aligns the units of both sides into groups.
pub(super) fn align_units(a: &Side, b: &Side, scratch: &mut Scratch) -> Vec<Group> {
    let moves: Vec<(usize, usize)> = model::BLOCK_MOVES.iter().map(|m| (m.0, m.1)).collect();
    let steps = dp::best_path(
        a.units.len(),
        b.units.len(),
        &moves,
        (&guide(a, b), BLOCK_BAND),
        |ra, rb| bead_cost(a, ra, b, rb, scratch),
    );
    let mut groups = Vec::with_capacity(steps.len());
    let mut at = 0;
    while at < steps.len() {
        let list = list_run(a, b, &steps[at..]);
        if list >= 2 {
            groups.extend(reorder_list(a, b, &steps[at..at + list], scratch));
            at += list;
        } else {
            let step = &steps[at];
            groups.push((step.a.clone().collect(), step.b.clone().collect()));
            at += 1;
        }
    }
    groups
}

/// Units that surely correspond, to steer the DP's band: pairs of units sharing a hard
/// anchor (a date, an amount, a URL) that no other unit of either side has, reduced to the
/// longest chain in the same order on both sides, since a stray coincidence would cross it.
fn guide(a: &Side, b: &Side) -> Vec<(usize, usize)> {
    let mut seen: HashMap<u32, [(u32, usize); 2]> = HashMap::new();
    for (side, units) in [&a.units, &b.units].into_iter().enumerate() {
        for (index, unit) in units.iter().enumerate() {
            for anchor in unit.anchors.iter().filter(|anchor| !anchor.soft) {
                let entry = seen.entry(anchor.key).or_insert([(0, 0); 2]);
                entry[side] = (entry[side].0 + 1, index);
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|[(count_a, _), (count_b, _)]| *count_a == 1 && *count_b == 1)
        .map(|[(_, i), (_, j)]| (i, j))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    longest_chain(&pairs)
}

/// The longest subsequence of `pairs` (sorted) increasing strictly in both coordinates,
/// by patience sorting: O(k log k).
fn longest_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l]: index into pairs of the chain of length l + 1 ending lowest in b.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut row_start = 0;
    while row_start < pairs.len() {
        // Pairs with the same a index must not chain with each other: place them all
        // against the tails as they were before this row.
        let row_end = pairs[row_start..]
            .iter()
            .position(|p| p.0 != pairs[row_start].0)
            .map_or(pairs.len(), |k| row_start + k);
        let mut placed = Vec::with_capacity(row_end - row_start);
        for k in row_start..row_end {
            let length = tails.partition_point(|&t| pairs[t].1 < pairs[k].1);
            previous[k] = length.checked_sub(1).map(|l| tails[l]);
            placed.push((length, k));
        }
        for (length, k) in placed {
            if length == tails.len() {
                tails.push(k);
            } else if pairs[tails[length]].1 > pairs[k].1 {
                tails[length] = k;
            }
        }
        row_start = row_end;
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(pairs[k]);
        at = previous[k];
    }
    chain.reverse();
    chain
}

/// Length of the run of steps at the start of `steps` made only of list items: the stretch
/// where reordering is looked for (the in-order DP may have glued crossed items into 1:2 and
/// 2:1 beads, so any shape counts).
fn list_run(a: &Side, b: &Side, steps: &[dp::Step]) -> usize {
    let is_item = |side: &Side, r: &Range<usize>| {
        side.units[r.clone()]
            .iter()
            .all(|u| u.kind == BlockKind::ListItem)
    };
    steps
        .iter()
        .take_while(|s| is_item(a, &s.a) && is_item(b, &s.b) && !(s.a.is_empty() && s.b.is_empty()))
        .count()
}

/// Lists longer than this keep the DP's order: pairing every item with every other costs
/// O(n²), and translators reorder short lists, not long ones.
const MAX_REORDER: usize = 64;
/// How much cheaper a reordered pairing must be before it replaces the in-order one.
const REORDER_MARGIN: f64 = 2.0;

/// Re-pairs the items of one list stretch greedily by cost, ignoring order, and keeps the
/// result if it crosses (not monotone) and is clearly cheaper than the DP's in-order path.
fn reorder_list(a: &Side, b: &Side, steps: &[dp::Step], scratch: &mut Scratch) -> Vec<Group> {
    let in_order: Vec<Group> = steps
        .iter()
        .map(|s| (s.a.clone().collect(), s.b.clone().collect()))
        .collect();
    let items_a: Vec<usize> = steps.iter().flat_map(|s| s.a.clone()).collect();
    let items_b: Vec<usize> = steps.iter().flat_map(|s| s.b.clone()).collect();
    if items_a.len() < 2
        || items_b.len() < 2
        || items_a.len() > MAX_REORDER
        || items_b.len() > MAX_REORDER
    {
        return in_order;
    }
    let in_order_cost: f64 = steps.iter().map(|s| s.cost).sum();
    let skip_a: Vec<f64> = items_a.iter().map(|&u| skip_cost(&a.units[u])).collect();
    let skip_b: Vec<f64> = items_b.iter().map(|&u| skip_cost(&b.units[u])).collect();
    let mut candidates = Vec::with_capacity(items_a.len() * items_b.len());
    for (i, &ua) in items_a.iter().enumerate() {
        for (j, &ub) in items_b.iter().enumerate() {
            let cost = bead_cost(a, ua..ua + 1, b, ub..ub + 1, scratch);
            candidates.push((cost - skip_a[i] - skip_b[j], cost, i, j));
        }
    }
    candidates.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut partner_a: Vec<Option<usize>> = vec![None; items_a.len()];
    let mut taken_b = vec![false; items_b.len()];
    let mut total: f64 = skip_a.iter().chain(&skip_b).sum();
    for &(gain, _, i, j) in &candidates {
        if gain < 0.0 && partner_a[i].is_none() && !taken_b[j] {
            partner_a[i] = Some(j);
            taken_b[j] = true;
            total += gain;
        }
    }
    let pairs: Vec<usize> = partner_a.iter().flatten().copied().collect();
    let crossing = pairs.windows(2).any(|w| w[1] < w[0]);
    if !crossing || total >= in_order_cost - REORDER_MARGIN {
        return in_order;
    }
    let mut groups: Vec<Group> = items_a
        .iter()
        .zip(&partner_a)
        .map(|(&ua, partner)| {
            (
                vec![ua],
                partner.map(|j| vec![items_b[j]]).unwrap_or_default(),
            )
        })
        .collect();
    groups.extend(
        items_b
            .iter()
            .zip(&taken_b)
            .filter(|(_, taken)| !**taken)
            .map(|(&ub, _)| (Vec::new(), vec![ub])),
    );
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_is_the_longest_chain_increasing_on_both_sides() {
        let pairs = [(0, 0), (1, 5), (2, 2), (2, 3), (3, 4), (4, 1), (6, 6)];
        assert_eq!(longest_chain(&pairs), vec![(0, 0), (2, 2), (3, 4), (6, 6)]);
        assert!(longest_chain(&[]).is_empty());
        assert_eq!(longest_chain(&[(1, 1), (1, 2)]).len(), 1);
    }
}
