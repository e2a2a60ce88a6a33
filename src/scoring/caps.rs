//! Caps and the exact split of a score into whole-point contributions.
//!
//! A cap bounds a sum. When a sum is over its cap, the excess is taken from the contributions
//! of the same sign as the excess, in proportion to their size (a group over its maximum
//! scales its positive contributions down; one under its minimum scales its negative ones).
//! Because caps satisfy `min ≤ 0 ≤ max`, the same-sign contributions always cover the excess.

use crate::rules::number::clamp;
use crate::sort::sort_by;

/// Bounds of a sum; infinite when absent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cap {
    /// Lowest allowed sum, ≤ 0.
    pub min: f64,
    /// Highest allowed sum, ≥ 0.
    pub max: f64,
}

impl Cap {
    /// No bounds.
    pub(crate) const NONE: Cap = Cap { min: f64::NEG_INFINITY, max: f64::INFINITY };

    /// Clamps `raw` into the bounds, scales `values` (whose sum is `raw`) so they add up to
    /// the result, and returns it.
    pub(crate) fn apply(self, values: &mut [f64], raw: f64) -> f64 {
        // min ≤ 0 ≤ max (checked when the model is compiled).
        let capped = clamp(raw, self.min, self.max);
        let excess = raw - capped;
        if excess != 0.0 {
            let same_sign = |v: &f64| (*v > 0.0) == (excess > 0.0) && *v != 0.0;
            let total: f64 = values.iter().filter(|v| same_sign(v)).sum();
            let keep = if total == 0.0 { 0.0 } else { 1.0 - excess / total };
            for v in values.iter_mut().filter(|v| same_sign(v)) {
                *v *= keep;
            }
        }
        capped
    }
}

/// Rounds half away from zero to a whole number of points.
pub(crate) fn round_points(x: f64) -> i64 {
    x.round() as i64
}

/// Splits `target` whole points across `exact` (whose sum is within rounding of `target`) by
/// the largest-remainder method: each value gets its floor, and the points still missing go
/// one each to the values with the largest fractional parts (ties to the earlier value).
/// The result sums exactly to `target`; a whole value is never changed. `order` is scratch
/// space, reused between calls.
pub(crate) fn apportion(exact: &[f64], target: i64, out: &mut Vec<i64>, order: &mut Vec<usize>) {
    out.clear();
    // Snap float noise (49.99999999999999 is 50) before taking floors.
    let snapped = |x: f64| (x * 1e9).round() / 1e9;
    out.extend(exact.iter().map(|&x| snapped(x).floor() as i64));
    let mut missing = target - out.iter().sum::<i64>();
    if missing == 0 {
        return;
    }
    let remainder = |i: usize| exact.get(i).map_or(0.0, |&x| snapped(x) - snapped(x).floor());
    order.clear();
    order.extend(0..exact.len());
    sort_by(order, |&a, &b| remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b)));
    // In theory float noise could leave the floors above the target: then the excess is taken
    // back from the smallest remainders, so the sum is exact whatever happens.
    if missing < 0 {
        order.reverse();
    }
    let step = missing.signum();
    for &i in order.iter().cycle() {
        if missing == 0 {
            break;
        }
        if let Some(v) = out.get_mut(i) {
            *v += step;
            missing -= step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_the_max_scales_positives_only() {
        let mut v = [30.0, 20.0, -10.0];
        let capped = Cap { min: -50.0, max: 25.0 }.apply(&mut v, 40.0);
        assert_eq!(capped, 25.0);
        assert_eq!(v, [21.0, 14.0, -10.0]);
    }

    #[test]
    fn under_the_min_scales_negatives_only() {
        let mut v = [-30.0, 5.0, -10.0];
        let capped = Cap { min: -20.0, max: 100.0 }.apply(&mut v, -35.0);
        assert_eq!(capped, -20.0);
        assert!((v[0] + v[2] - -25.0).abs() < 1e-12 && v[1] == 5.0);
        assert!((v[0] / v[2] - 3.0).abs() < 1e-12);
    }

    #[test]
    fn within_bounds_changes_nothing() {
        let mut v = [3.0, -1.0];
        assert_eq!(Cap::NONE.apply(&mut v, 2.0), 2.0);
        assert_eq!(v, [3.0, -1.0]);
    }

    #[test]
    fn apportion_sums_exactly_and_keeps_whole_values() {
        let mut out = Vec::new();
        let exact = [50.0 * 15.0 / 65.0, 50.0 * 20.0 / 65.0, 50.0 * 30.0 / 65.0];
        apportion(&exact, 50, &mut out, &mut Vec::new());
        assert_eq!(out, [12, 15, 23]);
        apportion(&[7.0, 0.4, 0.4, 0.4, -2.0], 6, &mut out, &mut Vec::new());
        assert_eq!(out, [7, 1, 0, 0, -2]);
        apportion(&[-0.6, -0.6], -1, &mut out, &mut Vec::new());
        assert_eq!(out, [0, -1]);
        apportion(&[], 0, &mut out, &mut Vec::new());
        assert!(out.is_empty());
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_points(2.5), 3);
        assert_eq!(round_points(-2.5), -3);
        assert_eq!(round_points(59.4999), 59);
    }
}
