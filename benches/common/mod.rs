//! What the benchmarks share: how a figure is read off a set of timed samples, so that every
//! median and percentile in BENCHMARKS.md means the same.

use std::time::Duration;

/// The `p` quantile (`0.5` the median, `1.0` the maximum) of samples sorted in ascending
/// order, by nearest rank: the sample at `p` of the way from the first to the last.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    debug_assert!(sorted.is_sorted(), "samples are sorted first");
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}
