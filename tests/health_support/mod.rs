//! Shared helpers of the deal health tests (`tests/health_*.rs`).
#![allow(dead_code)]

use pipescore::health::{DealHealth, DealHealthReport, HealthFactor, ScoreOptions};
use pipescore::time::{format_datetime, DAY_MS};
use serde_json::{json, Value};

/// 2026-11-24T12:00:00Z: noon, so whole-day and fractional-day readings differ visibly.
pub const NOW: i64 = 1_795_521_600_000;

/// The instant `days` days before [`NOW`], as ISO-8601 text.
pub fn ago(days: f64) -> String {
    format_datetime(NOW - (days * DAY_MS as f64).round() as i64)
}

/// The UTC date `days` whole days after [`NOW`]'s (before when negative), as `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    format_datetime(NOW + days * DAY_MS)[..10].to_owned()
}

/// The default config with every signal's weight 0 except `signal`'s (1), merged with `extra`.
pub fn only(signal: &str, extra: Value) -> Value {
    let mut signals = serde_json::Map::new();
    for name in DealHealth::default_config()["signals"].as_object().unwrap().keys() {
        signals.insert(name.clone(), json!({ "weight": if name == signal { 1 } else { 0 } }));
    }
    if let Some(params) = extra.as_object() {
        signals[signal].as_object_mut().unwrap().extend(params.clone());
    }
    json!({ "signals": signals })
}

/// Compiles `config` with the default pipeline.
pub fn engine(config: Value) -> DealHealth {
    DealHealth::compile(&config).unwrap_or_else(|e| panic!("{e}"))
}

/// Scores `deal` at [`NOW`] with every factor explained.
pub fn score(health: &DealHealth, deal: &Value) -> DealHealthReport {
    health.score(deal, NOW, &ScoreOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The factor of `signal`, if it applied.
pub fn factor<'r>(report: &'r DealHealthReport, signal: &str) -> Option<&'r HealthFactor> {
    report.factors.iter().find(|f| f.signal == signal)
}

/// The sub-score of the only weighted signal (`None` when it was skipped), checking that the
/// score is 100 × it, rounded.
pub fn sub(health: &DealHealth, deal: &Value) -> Option<f64> {
    let report = score(health, deal);
    let f = report.factors.first()?;
    assert_eq!(report.score, Some((f.sub_score * 100.0).round() as u32), "{report:?}");
    Some(f.sub_score)
}

/// Asserts two sub-scores agree to the 3 decimals results carry.
pub fn assert_sub(actual: Option<f64>, expected: f64, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: signal skipped"));
    assert!((actual - expected).abs() < 0.0005, "{what}: sub-score {actual}, expected {expected}");
}
