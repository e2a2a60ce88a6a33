//! What scoring a deal returns.

use serde::Serialize;
use serde_json::Value;

use super::signals::FactorDetail;
use super::warnings::HealthWarning;

/// The health of one deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DealHealthReport {
    /// The deal's `id`, when it has a text or number one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// 0–100, rounded half up; `None` for a closed deal or when no signal applies.
    pub score: Option<u32>,
    /// The band of the score.
    pub band: Band,
    /// The applicable signals, most points lost first (ties in config order); at most
    /// `topFactors` of them when that option is set.
    pub factors: Vec<HealthFactor>,
    /// Warnings raised, most severe first.
    pub warnings: Vec<HealthWarning>,
    /// Signals that did not apply to this deal, with why; they count in neither the points
    /// nor the total.
    pub skipped: Vec<SkippedSignal>,
}

/// Where a score falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// At or above `bands.healthy`.
    Healthy,
    /// At or above `bands.atRisk`, below `bands.healthy`.
    AtRisk,
    /// Below `bands.atRisk`.
    Critical,
    /// The deal is in a closed (won or lost) stage: it is not scored.
    Closed,
    /// No signal applies to the deal (possible only with a custom config).
    Unscored,
}

impl Band {
    /// The band's name, as results write it (`at_risk`).
    pub fn name(self) -> &'static str {
        match self {
            Band::Healthy => "healthy",
            Band::AtRisk => "at_risk",
            Band::Critical => "critical",
            Band::Closed => "closed",
            Band::Unscored => "unscored",
        }
    }
}

/// One signal's part in the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthFactor {
    /// Signal id, e.g. `last_activity`.
    pub signal: &'static str,
    /// Display label, e.g. "Recent activity".
    pub label: &'static str,
    /// 0–1, rounded to 3 decimals.
    pub sub_score: f64,
    /// The signal's configured weight.
    pub weight: f64,
    /// Score points lost to this signal, `100 × weight × (1 − subScore) / total weight`,
    /// rounded to 1 decimal; the impacts add up to 100 minus the unrounded score.
    pub impact: f64,
    /// Plain-language reason, e.g. "No activity in 21 days".
    pub reason: String,
    /// Suggested action; `null` when the sub-score is full.
    pub action: Option<String>,
    /// The numbers the signal used.
    pub detail: FactorDetail,
}

/// A signal that did not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedSignal {
    /// Signal id.
    pub signal: &'static str,
    /// Display label.
    pub label: &'static str,
    /// Why it did not apply.
    pub reason: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_names_are_the_serialized_ones() {
        for band in [Band::Healthy, Band::AtRisk, Band::Critical, Band::Closed, Band::Unscored] {
            assert_eq!(serde_json::to_value(band).unwrap(), band.name());
        }
    }
}
