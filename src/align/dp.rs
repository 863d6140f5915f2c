//! The banded dynamic program both alignment levels run: the cheapest monotone path of
//! beads through two sequences, each bead taking a few items from each side.
//!
//! Only cells within a band around a guide line are filled, so the work is
//! O(n · band · moves) instead of O(n · m · moves): a 2,000-sentence pair costs about as much
//! as 2,000 short rows. The guide runs through points known to correspond (pairs of items
//! sharing an anchor found nowhere else, see [`super::blocks`]), or along the diagonal when
//! there are none. Between two guide points the band is widened by the difference of the
//! steps both sides take, so a run of one-sided items as long as that difference always fits
//! while a long document with a few notes missing does not pay for them everywhere.

use std::ops::Range;

/// Half-width of the band on top of the length difference between guide points, for
/// sentences.
pub(super) const SENTENCE_BAND: usize = 12;

/// The most cells a band may hold before the length differences stop widening it (about
/// 36 bytes of memory each with the bookkeeping; 32 Mi cells is about 1.2 GB). Two sides that
/// differ wildly in length (a million lines against ten thousand) would otherwise fill a
/// band as wide as the difference on every row, O(n · |n − m|) cells; past this budget the
/// band keeps its base half-width around the guide, which still connects (0, 0) to (n, m)
/// since the guide is monotone, so memory and time stay linear in n + m.
const MAX_BAND_CELLS: usize = 32 << 20;

/// One bead of the cheapest path, with its own cost.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub cost: f64,
}

/// Per row of the grid, the first and last column inside the band around the guide: the
/// polyline through (0, 0), the `guide` points (strictly increasing on both sides) and
/// (n, m).
fn band(n: usize, m: usize, guide: &[(usize, usize)], half: usize) -> (Vec<usize>, Vec<usize>) {
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0; n + 1];
    let points: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(guide.iter().copied().filter(|&(i, j)| i <= n && j <= m))
        .chain(std::iter::once((n, m)))
        .collect();
    let spans = || {
        points.windows(2).filter_map(|w| {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            (i1 >= i0 && j1 >= j0).then_some((i1 - i0, j1 - j0))
        })
    };
    // Cells the band would hold widened by the length differences, against the budget.
    let wide: usize = spans()
        .map(|(di, dj)| (di + 1).saturating_mul(2 * (half + di.abs_diff(dj)) + 1))
        .fold(0, usize::saturating_add);
    let widen = wide <= MAX_BAND_CELLS;
    for w in points.windows(2) {
        let ((i0, j0), (i1, j1)) = (w[0], w[1]);
        if i1 < i0 || j1 < j0 {
            continue;
        }
        let (di, dj) = (i1 - i0, j1 - j0);
        let width = if widen { half + di.abs_diff(dj) } else { half };
        for i in i0..=i1 {
            let center = j0 + ((i - i0) * dj + di / 2).checked_div(di).unwrap_or(dj);
            lo[i] = lo[i].min(center.saturating_sub(width));
            hi[i] = hi[i].max((center + width).min(m));
        }
    }
    for (lo, hi) in lo.iter_mut().zip(&mut hi) {
        if lo > hi {
            // Only reachable with a guide that goes backwards: open the row entirely.
            (*lo, *hi) = (0, m);
        }
    }
    (lo, hi)
}

/// Finds the cheapest path from (0, 0) to (n, m) using `moves` (items taken from a and b;
/// must include (1, 0) and (0, 1) so a path always exists), within a band of half-width
/// `half` (plus the length difference) around `guide`. `cost` prices one bead and may
/// return infinity to forbid it.
pub(super) fn best_path(
    n: usize,
    m: usize,
    moves: &[(usize, usize)],
    (guide, half): (&[(usize, usize)], usize),
    mut cost: impl FnMut(Range<usize>, Range<usize>) -> f64,
) -> Vec<Step> {
    let (lo, hi) = band(n, m, guide, half);
    let mut start = Vec::with_capacity(n + 2);
    start.push(0);
    for i in 0..=n {
        start.push(start[i] + hi[i] + 1 - lo[i]);
    }
    let cells = start[n + 1];
    let mut total = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let index = |i: usize, j: usize| -> Option<usize> {
        (j >= lo[i] && j <= hi[i]).then(|| start[i] + j - lo[i])
    };
    total[0] = 0.0;
    for i in 0..=n {
        for j in lo[i]..=hi[i] {
            let here = start[i] + j - lo[i];
            for (k, &(da, db)) in moves.iter().enumerate() {
                if da > i || db > j {
                    continue;
                }
                let Some(from) = index(i - da, j - db) else {
                    continue;
                };
                if !total[from].is_finite() {
                    continue;
                }
                let candidate = total[from] + cost(i - da..i, j - db..j);
                if candidate < total[here] {
                    total[here] = candidate;
                    back[here] = k as u8;
                }
            }
        }
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(here) = index(i, j) else { break };
        let Some(&(da, db)) = moves.get(usize::from(back[here])) else {
            break;
        };
        let from = index(i - da, j - db).map_or(0.0, |f| total[f]);
        steps.push(Step {
            a: i - da..i,
            b: j - db..j,
            cost: total[here] - from,
        });
        i -= da;
        j -= db;
    }
    steps.reverse();
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOVES: [(usize, usize); 4] = [(1, 1), (1, 0), (0, 1), (1, 2)];

    fn covers(steps: &[Step], n: usize, m: usize) -> bool {
        let mut at = (0, 0);
        for step in steps {
            if step.a.start != at.0 || step.b.start != at.1 {
                return false;
            }
            at = (step.a.end, step.b.end);
        }
        at == (n, m)
    }

    #[test]
    fn finds_the_cheap_split_and_covers_both_sides() {
        // b[1] and b[2] together match a[1]; everything else is 1:1.
        let a = [10, 20, 5];
        let b = [10, 9, 11, 5];
        let steps = best_path(3, 4, &MOVES, (&[], SENTENCE_BAND), |ra, rb| {
            let la: i32 = a[ra].iter().sum();
            let lb: i32 = b[rb.clone()].iter().sum();
            f64::from((la - lb).abs()) + if rb.len() == 1 && la > 0 { 0.0 } else { 1.0 }
        });
        assert!(covers(&steps, 3, 4));
        assert_eq!(steps[1].a, 1..2);
        assert_eq!(steps[1].b, 1..3);
    }

    #[test]
    fn long_one_sided_runs_fit_in_the_band() {
        let steps = best_path(3, 300, &MOVES, (&[], SENTENCE_BAND), |ra, rb| {
            if ra.is_empty() || rb.is_empty() {
                1.0
            } else {
                0.5
            }
        });
        assert!(covers(&steps, 3, 300));
        let steps = best_path(0, 5, &MOVES, (&[], SENTENCE_BAND), |_, _| 1.0);
        assert!(covers(&steps, 0, 5));
        assert!(best_path(0, 0, &MOVES, (&[], SENTENCE_BAND), |_, _| 1.0).is_empty());
    }

    #[test]
    fn wildly_lopsided_sides_keep_the_band_bounded() {
        // Widened by the length difference, this band would hold 200,001 × 400,001 cells
        // (hundreds of gigabytes); within the budget it keeps its base width.
        let (n, m) = (200_000, 2_000);
        let (lo, hi) = band(n, m, &[], SENTENCE_BAND);
        let cells: usize = lo.iter().zip(&hi).map(|(l, h)| h + 1 - l).sum();
        assert!(cells <= (n + 1) * (4 * SENTENCE_BAND + 2), "{cells} cells");
        let steps = best_path(n, m, &MOVES, (&[], SENTENCE_BAND), |ra, rb| {
            if ra.is_empty() || rb.is_empty() {
                1.0
            } else {
                0.5
            }
        });
        assert!(covers(&steps, n, m));
        // A modest difference still widens the band so a long one-sided run fits.
        let (lo, hi) = band(3, 300, &[], SENTENCE_BAND);
        assert_eq!((lo[0], hi[3]), (0, 300));
    }
}
