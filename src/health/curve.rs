//! The sub-score curves: monotone piecewise-linear ramps between two thresholds, and a
//! two-sided plateau built from two of them.

use crate::error::{Error, ErrorCode, Result};
use crate::rules::number::Plain;

/// 1.0 at or beyond `full`, 0.0 at or beyond `zero`, linear in between. Falling when
/// `full < zero` (more is worse: days, pushes), rising when `zero < full` (more is better:
/// contacts, completeness).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ramp {
    full: f64,
    zero: f64,
}

/// Which way a signal's ramp must go; the config's thresholds are checked against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// More is worse: the full threshold must be below the zero threshold.
    Falling,
    /// More is better: the zero threshold must be below the full threshold.
    Rising,
}

/// A threshold from the config with the JSON path it came from.
#[derive(Debug, Clone)]
pub(crate) struct Threshold {
    /// The configured value.
    pub value: f64,
    /// Its JSON path, for errors.
    pub path: String,
}

impl Threshold {
    /// The threshold `name` (a camelCase key) of the config object at `base`.
    pub(crate) fn at(base: &str, name: &str, value: f64) -> Threshold {
        Threshold { value, path: crate::path::key(base, name) }
    }
}

impl Ramp {
    /// Validates two thresholds (each ≥ 0, in the order `direction` requires) into a ramp.
    pub(crate) fn new(full: Threshold, zero: Threshold, direction: Direction) -> Result<Ramp> {
        non_negative(&full)?;
        non_negative(&zero)?;
        let (ordered, relation) = match direction {
            Direction::Falling => (full.value < zero.value, "greater"),
            Direction::Rising => (zero.value < full.value, "less"),
        };
        if !ordered {
            return Err(Error::config(
                ErrorCode::ThresholdsNotOrdered,
                &*zero.path,
                format!(
                    "the zero-score threshold ({}) must be {relation} than the full-score threshold ({}, at {})",
                    Plain(zero.value),
                    Plain(full.value),
                    full.path
                ),
            ));
        }
        Ok(Ramp { full: full.value, zero: zero.value })
    }

    /// The sub-score of `x`, in 0–1.
    pub(crate) fn eval(&self, x: f64) -> f64 {
        let t = (x - self.zero) / (self.full - self.zero);
        if t.is_nan() {
            return 0.0;
        }
        // `+ 0.0` turns a -0.0 into 0.0.
        t.clamp(0.0, 1.0) + 0.0
    }

    /// The threshold where the sub-score reaches 1.
    pub(crate) fn full(&self) -> f64 {
        self.full
    }
}

/// A rising and a falling ramp whose full ranges overlap: a value is best in a middle range
/// (e.g. a close date neither too soon nor too far). The two sides may be applied to
/// different measures of the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plateau {
    /// The rising side (too low).
    pub low: Ramp,
    /// The falling side (too high).
    pub high: Ramp,
}

impl Plateau {
    /// Validates the four thresholds `low_zero < low_full ≤ high_full < high_zero`.
    pub(crate) fn new(
        low_zero: Threshold,
        low_full: Threshold,
        high_full: Threshold,
        high_zero: Threshold,
    ) -> Result<Plateau> {
        if high_full.value < low_full.value {
            return Err(Error::config(
                ErrorCode::ThresholdsNotOrdered,
                high_full.path,
                format!(
                    "the upper full-score threshold ({}) must be at least the lower one ({}, at {})",
                    Plain(high_full.value),
                    Plain(low_full.value),
                    low_full.path
                ),
            ));
        }
        Ok(Plateau {
            low: Ramp::new(low_full, low_zero, Direction::Rising)?,
            high: Ramp::new(high_full, high_zero, Direction::Falling)?,
        })
    }
}

/// Checks a single threshold is at least 0.
pub(crate) fn non_negative(t: &Threshold) -> Result<f64> {
    if t.value < 0.0 {
        return Err(Error::config(
            ErrorCode::InvalidThreshold,
            t.path.as_str(),
            format!("must be 0 or more, found {}", Plain(t.value)),
        ));
    }
    Ok(t.value)
}

/// Checks a single threshold is greater than 0.
pub(crate) fn positive(t: &Threshold) -> Result<f64> {
    if t.value <= 0.0 {
        return Err(Error::config(
            ErrorCode::InvalidThreshold,
            t.path.as_str(),
            format!("must be greater than 0, found {}", Plain(t.value)),
        ));
    }
    Ok(t.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(value: f64) -> Threshold {
        Threshold { value, path: "$.x".into() }
    }

    #[test]
    fn falling_ramp_is_one_up_to_full_and_zero_from_zero() {
        let r = Ramp::new(t(3.0), t(21.0), Direction::Falling).unwrap();
        assert_eq!(r.eval(0.0), 1.0);
        assert_eq!(r.eval(3.0), 1.0);
        assert_eq!(r.eval(12.0), 0.5);
        assert_eq!(r.eval(21.0), 0.0);
        assert_eq!(r.eval(400.0), 0.0);
    }

    #[test]
    fn rising_ramp_mirrors_it() {
        let r = Ramp::new(t(3.0), t(1.0), Direction::Rising).unwrap();
        assert_eq!(r.eval(0.0), 0.0);
        assert_eq!(r.eval(1.0), 0.0);
        assert_eq!(r.eval(2.0), 0.5);
        assert_eq!(r.eval(3.0), 1.0);
        assert_eq!(r.eval(9.0), 1.0);
    }

    #[test]
    fn thresholds_must_be_ordered_and_non_negative() {
        let e =
            Ramp::new(t(21.0), Threshold { value: 3.0, path: "$.zeroDays".into() }, Direction::Falling).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("THRESHOLDS_NOT_ORDERED", "$.zeroDays"));
        assert!(e.message.contains("must be greater than the full-score threshold (21"), "{}", e.message);
        let e = Ramp::new(t(3.0), t(3.0), Direction::Falling).unwrap_err();
        assert_eq!(e.code, "THRESHOLDS_NOT_ORDERED");
        let e = Ramp::new(Threshold { value: -1.0, path: "$.full".into() }, t(3.0), Direction::Falling).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_THRESHOLD", "$.full"));
        assert_eq!(positive(&t(0.0)).unwrap_err().code, "INVALID_THRESHOLD");
    }

    #[test]
    fn plateau_is_best_in_the_middle() {
        let p = Plateau::new(t(0.25), t(0.75), t(2.0), t(4.0)).unwrap();
        let both = |x: f64| p.low.eval(x).min(p.high.eval(x));
        assert_eq!(both(0.0), 0.0);
        assert_eq!(both(0.5), 0.5);
        assert_eq!(both(1.0), 1.0);
        assert_eq!(both(2.0), 1.0);
        assert_eq!(both(3.0), 0.5);
        assert_eq!(both(10.0), 0.0);
        let e = Plateau::new(t(0.25), t(3.0), Threshold { value: 2.0, path: "$.hf".into() }, t(4.0)).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("THRESHOLDS_NOT_ORDERED", "$.hf"));
    }
}
