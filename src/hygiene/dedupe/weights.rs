//! Fellegi-Sunter match weights: a field's agreement adds `log2(m / u)`, its disagreement
//! `log2((1 − m) / (1 − u))`, where `m` is the probability that the field agrees on a true
//! duplicate and `u` that it agrees on two different records.
//!
//! `log2` is computed here from additions, multiplications and divisions only (exactly
//! rounded in IEEE-754 on every platform), so that weights, and the pairs a threshold lets
//! through, are the same bit for bit natively and in WebAssembly, whose `log2` comes from a
//! different math library.

use std::f64::consts::{LOG2_E, SQRT_2};

/// The weights `(agree, disagree)` of probabilities with `0 < u < m < 1` (checked by the
/// caller).
pub(crate) fn fellegi_sunter(m: f64, u: f64) -> (f64, f64) {
    (log2(m / u), log2((1.0 - m) / (1.0 - u)))
}

/// Base-2 logarithm of a positive finite `x`, within a few units in the last place.
pub(crate) fn log2(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return f64::NAN;
    }
    // Subnormals: scale into the normal range first (by 2^54).
    let (x, shift) = if x < f64::MIN_POSITIVE { (x * 18_014_398_509_481_984.0, -54) } else { (x, 0) };
    let bits = x.to_bits();
    let mut exponent = ((bits >> 52) & 0x7ff) as i64 - 1023 + shift;
    // The mantissa in [1, 2), then moved into [√2/2, √2] so the series below converges fast.
    let mut mantissa = f64::from_bits((bits & ((1u64 << 52) - 1)) | (1023u64 << 52));
    if mantissa > SQRT_2 {
        mantissa /= 2.0;
        exponent += 1;
    }
    // ln m = 2 · atanh(s) = 2 · (s + s³/3 + s⁵/5 + …), s = (m − 1) / (m + 1), |s| ≤ 0.1716.
    let s = (mantissa - 1.0) / (mantissa + 1.0);
    let s2 = s * s;
    let (mut term, mut sum) = (s, 0.0);
    for k in 0..24 {
        sum += term / f64::from(2 * k + 1);
        term *= s2;
    }
    exponent as f64 + 2.0 * sum * LOG2_E
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log2_agrees_with_the_standard_library() {
        let mut x = 1e-310;
        while x < 1e300 {
            let (ours, std) = (log2(x), x.log2());
            assert!((ours - std).abs() <= 4.0 * f64::EPSILON * std.abs().max(1.0), "{x}: {ours} vs {std}");
            x *= 1.37;
        }
        assert_eq!(log2(1.0), 0.0);
        assert_eq!(log2(8.0), 3.0);
        assert_eq!(log2(0.5), -1.0);
        assert!(log2(0.0).is_nan() && log2(-1.0).is_nan() && log2(f64::INFINITY).is_nan());
    }

    #[test]
    fn weights_reward_agreement_and_penalise_disagreement() {
        let (agree, disagree) = fellegi_sunter(0.9, 0.01);
        assert!((agree - (90f64).log2()).abs() < 1e-12);
        assert!((disagree - (0.1f64 / 0.99).log2()).abs() < 1e-12);
        assert!(agree > 0.0 && disagree < 0.0);
    }
}
