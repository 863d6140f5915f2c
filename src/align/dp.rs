//! The banded dynamic program both alignment levels run: the cheapest monotone path of
//! beads through two sequences, each bead taking a few items from each side.
//!
//! Only cells within a band around the diagonal are filled, so the work is
//! O(n · band · moves) instead of O(n · m · moves): a 2,000-sentence pair costs about as much
//! as 2,000 short rows. The band is widened by the length difference of the two sides, so a
//! run of one-sided items as long as that difference always fits.

use std::ops::Range;

/// Half-width of the band on top of the length difference.
const BAND: usize = 24;

/// One bead of the cheapest path, with its own cost.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub cost: f64,
}

/// Finds the cheapest path from (0, 0) to (n, m) using `moves` (items taken from a and b;
/// must include (1, 0) and (0, 1) so a path always exists). `cost` prices one bead and may
/// return infinity to forbid it.
pub(super) fn best_path(
    n: usize,
    m: usize,
    moves: &[(usize, usize)],
    mut cost: impl FnMut(Range<usize>, Range<usize>) -> f64,
) -> Vec<Step> {
    let width = BAND + n.abs_diff(m);
    let center = |i: usize| (i * m + n / 2).checked_div(n).unwrap_or(0);
    let lo: Vec<usize> = (0..=n).map(|i| center(i).saturating_sub(width)).collect();
    let hi: Vec<usize> = (0..=n).map(|i| (center(i) + width).min(m)).collect();
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
        let steps = best_path(3, 4, &MOVES, |ra, rb| {
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
        let steps = best_path(3, 300, &MOVES, |ra, rb| {
            if ra.is_empty() || rb.is_empty() {
                1.0
            } else {
                0.5
            }
        });
        assert!(covers(&steps, 3, 300));
        let steps = best_path(0, 5, &MOVES, |_, _| 1.0);
        assert!(covers(&steps, 0, 5));
        assert!(best_path(0, 0, &MOVES, |_, _| 1.0).is_empty());
    }
}
