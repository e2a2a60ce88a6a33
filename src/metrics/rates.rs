//! Rates and summary statistics that are never NaN or Infinity: a zero denominator or an empty
//! sample gives `null` with a reason an admin can read.

use serde::Serialize;

use super::money::{div_round, median_cents, to_money};
use crate::time::DAY_MS;

/// A ratio with its parts, e.g. a win rate: `{ value, numerator, denominator, reason? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    /// `numerator / denominator` (0.25 means 25%; for coverage, 3.2 means 3.2×), or `null`
    /// when it is undefined.
    pub value: Option<f64>,
    /// The part counted (deals, leads, or money in currency units).
    pub numerator: f64,
    /// The whole it is counted against, in the same unit.
    pub denominator: f64,
    /// Why `value` is `null`; absent when there is a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl Rate {
    /// `numerator / denominator`, or `null` with `reason` when the denominator is zero.
    pub fn of(numerator: f64, denominator: f64, reason: &'static str) -> Rate {
        let value = (denominator != 0.0).then(|| numerator / denominator).filter(|v| v.is_finite());
        Rate { value, numerator, denominator, reason: value.is_none().then_some(reason) }
    }

    /// A ratio of two counts.
    pub fn count(numerator: u64, denominator: u64, reason: &'static str) -> Rate {
        Rate::of(numerator as f64, denominator as f64, reason)
    }

    /// A ratio of two sums of cents; the parts are reported in currency units.
    pub fn money(numerator: i128, denominator: i128, reason: &'static str) -> Rate {
        let mut rate = Rate::of(numerator as f64, denominator as f64, reason);
        rate.numerator = to_money(numerator);
        rate.denominator = to_money(denominator);
        rate
    }

    /// A `null` rate with its parts and a reason (e.g. "quota already met").
    pub fn undefined(numerator: f64, denominator: f64, reason: &'static str) -> Rate {
        Rate { value: None, numerator, denominator, reason: Some(reason) }
    }
}

/// Mean and median of a sample: `{ count, mean, median, reason? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stat {
    /// How many values the statistics are over.
    pub count: u64,
    /// The arithmetic mean, or `null` for an empty sample.
    pub mean: Option<f64>,
    /// The median (mean of the two middle values for an even count), or `null`.
    pub median: Option<f64>,
    /// Why the sample is empty; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl Stat {
    /// Statistics of amounts in cents, reported in currency units rounded to the cent.
    /// `total` is the sum of `cents`. Reorders `cents`.
    pub fn money(cents: &mut [i64], total: i128, reason: &'static str) -> Stat {
        let count = cents.len() as u64;
        let mean = (count > 0).then(|| to_money(div_round(total, i128::from(count))));
        let median = median_cents(cents).map(|c| to_money(i128::from(c)));
        Stat { count, mean, median, reason: (count == 0).then_some(reason) }
    }

    /// Statistics of durations in milliseconds, reported in days rounded to 0.01. Reorders
    /// `millis`.
    pub fn days(millis: &mut [i64], reason: &'static str) -> Stat {
        let count = millis.len() as u64;
        let total: i128 = millis.iter().map(|&m| i128::from(m)).sum();
        let mean = (count > 0).then(|| round2(total as f64 / count as f64 / DAY_MS as f64));
        let median = median_millis(millis).map(|m| round2(m / DAY_MS as f64));
        Stat { count, mean, median, reason: (count == 0).then_some(reason) }
    }
}

/// Median of integer milliseconds as a float (an even count averages the two middle values).
fn median_millis(values: &mut [i64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (below, &mut hi, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(hi as f64);
    }
    let lo = below.iter().copied().max().unwrap_or(hi);
    Some((lo as f64 + hi as f64) / 2.0)
}

/// Rounds to two decimals (cents, or hundredths of a day).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominators_are_null_with_a_reason() {
        let r = Rate::count(0, 0, "no closed deals in the period");
        assert_eq!(r.value, None);
        assert_eq!(r.reason, Some("no closed deals in the period"));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json, serde_json::json!({"value": null, "numerator": 0.0, "denominator": 0.0,
            "reason": "no closed deals in the period"}));
        let ok = Rate::count(1, 4, "unused");
        assert_eq!((ok.value, ok.reason), (Some(0.25), None));
        assert!(serde_json::to_value(&ok).unwrap().get("reason").is_none());
    }

    #[test]
    fn money_rates_report_parts_in_units() {
        let r = Rate::money(30, 120, "x");
        assert_eq!((r.value, r.numerator, r.denominator), (Some(0.25), 0.3, 1.2));
    }

    #[test]
    fn stats_of_money_and_days() {
        let s = Stat::money(&mut [100, 300, 200, 401], 1001, "none");
        assert_eq!((s.count, s.mean, s.median), (4, Some(2.5), Some(2.5))); // 250.25 → 250; (200+300)/2
        let empty = Stat::days(&mut [], "no won deals");
        assert_eq!((empty.mean, empty.median, empty.reason), (None, None, Some("no won deals")));
        let d = Stat::days(&mut [DAY_MS, 2 * DAY_MS, 4 * DAY_MS], "x");
        assert_eq!((d.mean, d.median), (Some(2.33), Some(2.0)));
    }
}
