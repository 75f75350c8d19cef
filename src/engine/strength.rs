//! Exact strengths: a fixed-point −ln of the product of a derivation's factors.
//!
//! Multiplying `f64` confidences makes the result depend on the order of the factors
//! (`0.9 × 0.7 × 0.7` and `0.7 × 0.9 × 0.7` may differ in the last bit) and underflows to
//! 0 after a few hundred weak steps. Instead each confidence maps to an integer weight,
//! `round(−ln(c) · 2^32)`, and a derivation's cost is the sum of its weights: equal
//! multisets of factors give equal costs whatever the order, comparisons are exact and
//! transitive, costs key the radix heap as integers, and nothing underflows. A number is
//! made only for output.

/// Fixed-point scale of a cost: 32 fractional bits of −ln.
const SCALE: f64 = 4_294_967_296.0;

/// Costs saturate here (−ln ≈ 2^30, far beyond any real chain) so sums never overflow
/// and every cost fits an `i64`.
const MAX: u64 = 1 << 62;

/// The exact strength of a derivation: lower cost is stronger; 0 is strength 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cost(u64);

impl Cost {
    /// Strength 1: a clamp, or a factor of confidence 1.
    pub const ONE: Cost = Cost(0);

    /// Strength 0: a factor of confidence 0 derives nothing, and neither does any product
    /// with it.
    pub const NEVER: Cost = Cost(u64::MAX);

    /// The cost of one factor (`NEVER` for a confidence ≤ 0 or NaN; above 1 counts as 1).
    pub fn of_confidence(confidence: f64) -> Cost {
        if confidence.is_nan() || confidence <= 0.0 {
            return Cost::NEVER;
        }
        let c = confidence.min(1.0);
        let w = (-c.ln() * SCALE).round();
        Cost(if w >= MAX as f64 { MAX } else { w as u64 })
    }

    /// Whether a derivation of this cost holds at all.
    #[inline]
    pub fn holds(self) -> bool {
        self != Cost::NEVER
    }

    /// The cost of a product: the sum of the costs (`NEVER` absorbs).
    #[inline]
    pub fn times(self, other: Cost) -> Cost {
        if self == Cost::NEVER || other == Cost::NEVER {
            Cost::NEVER
        } else {
            Cost((self.0 + other.0).min(MAX))
        }
    }

    /// [`Cost::times`] for the engine's hot loops, where neither side is `NEVER` (facts
    /// that hold, and rules compiled only when their confidence derives something).
    #[inline]
    pub(crate) fn plus(self, other: Cost) -> Cost {
        debug_assert!(self.holds() && other.holds());
        Cost((self.0 + other.0).min(MAX))
    }

    /// The raw fixed-point value (−ln strength · 2^32), for keys and exact comparisons.
    #[inline]
    pub fn fixed(self) -> u64 {
        self.0
    }

    /// The cost whose [`Cost::fixed`] is `fixed` (for the engine's dense tables).
    #[inline]
    pub(crate) fn from_fixed(fixed: u64) -> Cost {
        Cost(fixed)
    }

    /// `ln` of the strength.
    pub fn ln(self) -> f64 {
        -(self.0 as f64) / SCALE
    }

    /// `stronger / weaker` for two costs: exactly 1 when they are equal.
    pub fn ratio(stronger: Cost, weaker: Cost) -> f64 {
        if stronger == weaker {
            1.0
        } else {
            ((weaker.0 as f64 - stronger.0 as f64) / SCALE).exp()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cost;

    #[test]
    fn equal_multisets_are_equal_in_any_order() {
        let c = Cost::of_confidence;
        let a = c(0.9).times(c(0.7)).times(c(0.7)).times(c(0.4));
        let b = c(0.4).times(c(0.7)).times(c(0.9)).times(c(0.7));
        assert_eq!(a, b);
        assert!(c(0.9) < c(0.7));
        assert_eq!(Cost::ratio(a, b), 1.0);
    }

    #[test]
    fn long_weak_chains_do_not_vanish() {
        let w = Cost::of_confidence(0.05);
        let mut total = Cost::ONE;
        for _ in 0..1000 {
            total = total.times(w);
        }
        assert!(total > w && total.ln() < -2900.0);
        assert!(!Cost::of_confidence(0.0).holds());
        assert_eq!(Cost::of_confidence(1.0), Cost::ONE);
    }
}
