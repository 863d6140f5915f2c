//! A deterministic generator for tests and benchmarks, so a run replays and measures the
//! same input every time. Benchmarks include this file directly (`#[path]`).

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
#[derive(Debug)]
pub struct Lcg(pub u64);

impl Lcg {
    /// A number in `0..below`.
    pub fn below(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}
