//! How an engagement event's points depend on its age: a timeframe (only events of the last
//! N days count) and/or a decay (exponential half-life or HubSpot-style stepwise).
//!
//! An event's age is `now − at` in days; an event dated after `now` has age 0, so it counts in
//! full (clock skew between a browser and a CRM must not make points grow or vanish).

use crate::time::DAY_MS;

/// How points fade with age.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Decay {
    /// Points never fade.
    None,
    /// `points × 0.5^(age / half_life_days)`.
    Exponential {
        /// Days after which an event is worth half.
        half_life_days: f64,
    },
    /// `points × (1 − rate)^floor(age / period_days)`.
    Stepwise {
        /// Share lost at the end of each period, in (0, 1].
        rate: f64,
        /// Length of a period in days.
        period_days: f64,
    },
}

impl Decay {
    /// The share of an event's points left at `age_days` (≥ 0), in [0, 1].
    pub(crate) fn factor(self, age_days: f64) -> f64 {
        match self {
            Decay::None => 1.0,
            Decay::Exponential { half_life_days } => (-age_days / half_life_days).exp2(),
            Decay::Stepwise { rate, period_days } => {
                let steps = (age_days / period_days).floor();
                // Past ~2^31 periods every rate left is 0 anyway; the clamp keeps powi's exponent valid.
                (1.0 - rate).powi(steps.min(i32::MAX as f64) as i32)
            }
        }
    }
}

/// An engagement group's time handling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Window {
    /// Only events at most this many milliseconds old count; `None` counts all.
    pub timeframe_ms: Option<f64>,
    /// How the counted events fade.
    pub decay: Decay,
}

impl Window {
    /// A window counting the last `days` days (if any) with `decay`.
    pub(crate) fn new(timeframe_days: Option<f64>, decay: Decay) -> Self {
        Window { timeframe_ms: timeframe_days.map(|d| d * DAY_MS as f64), decay }
    }

    /// The share of the points of an event at `at` that counts at `now`; `None` when the
    /// event is outside the timeframe.
    pub(crate) fn weight(&self, at: i64, now: i64) -> Option<f64> {
        let age_ms = now.saturating_sub(at).max(0);
        if self.timeframe_ms.is_some_and(|limit| age_ms as f64 > limit) {
            return None;
        }
        Some(self.decay.factor(age_ms as f64 / DAY_MS as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn exponential_halves_every_half_life() {
        let d = Decay::Exponential { half_life_days: 30.0 };
        assert_eq!(d.factor(0.0), 1.0);
        assert!(close(d.factor(30.0), 0.5));
        assert!(close(d.factor(90.0), 0.125));
        assert!(close(d.factor(15.0), std::f64::consts::FRAC_1_SQRT_2));
    }

    #[test]
    fn stepwise_drops_at_each_period_end() {
        let d = Decay::Stepwise { rate: 0.5, period_days: 30.0 };
        assert_eq!(d.factor(29.999), 1.0);
        assert_eq!(d.factor(30.0), 0.5);
        assert_eq!(d.factor(89.0), 0.25);
        let all = Decay::Stepwise { rate: 1.0, period_days: 7.0 };
        assert_eq!(all.factor(6.0), 1.0);
        assert_eq!(all.factor(7.0), 0.0);
        assert_eq!(Decay::Stepwise { rate: 0.1, period_days: 1e-9 }.factor(1e300), 0.0);
    }

    #[test]
    fn timeframe_includes_its_last_day_and_future_events_count_in_full() {
        let w = Window::new(Some(30.0), Decay::None);
        assert_eq!(w.weight(NOW - 30 * DAY_MS, NOW), Some(1.0));
        assert_eq!(w.weight(NOW - 30 * DAY_MS - 1, NOW), None);
        let decaying = Window::new(None, Decay::Exponential { half_life_days: 1.0 });
        assert_eq!(decaying.weight(NOW + 5 * DAY_MS, NOW), Some(1.0));
        assert_eq!(decaying.weight(i64::MIN, i64::MAX), Some(0.0));
    }
}
