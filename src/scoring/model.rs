//! The scoring model as written in JSON: serde types read with `crate::config::from_json`, so a
//! shape mismatch carries its path. Meaning is checked when the model is compiled
//! (`compile.rs`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// The whole model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct ModelSpec {
    /// A name for people; not used in scoring.
    #[serde(default)]
    #[allow(dead_code)]
    pub name: Option<String>,
    /// A description for people; not used in scoring.
    #[serde(default)]
    #[allow(dead_code)]
    pub description: Option<String>,
    /// Expected types of lead fields, checked in strict mode.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldType>,
    /// The rule groups, each of type `fit` or `engagement`.
    pub groups: Vec<GroupSpec>,
    /// Weights of fit and engagement in the combined score (both 1 when absent).
    #[serde(default)]
    pub weights: Option<WeightsSpec>,
    /// Bounds of the combined score.
    #[serde(default)]
    pub cap: Option<CapSpec>,
    /// Fit letter and engagement number thresholds.
    pub grades: GradesSpec,
    /// Recommended lifecycle stages.
    #[serde(default)]
    pub lifecycle: Option<LifecycleSpec>,
}

/// A lead field's expected JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum FieldType {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An ISO-8601 string or epoch milliseconds.
    Date,
    /// A JSON array.
    List,
}

/// One group of rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct GroupSpec {
    /// Unique id.
    pub id: String,
    /// `fit` or `engagement` (checked when compiling, for a precise error code).
    #[serde(rename = "type")]
    pub kind: String,
    /// Human label.
    #[serde(default)]
    pub label: Option<String>,
    /// Bounds of the group's sum.
    #[serde(default)]
    pub cap: Option<CapSpec>,
    /// Engagement only: count events of the last N days.
    #[serde(default)]
    pub timeframe_days: Option<f64>,
    /// Engagement only: how an event's points fade with its age.
    #[serde(default)]
    pub decay: Option<DecaySpec>,
    /// The rules.
    pub rules: Vec<RuleSpec>,
}

/// Lower and upper bound of a sum; either may be absent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CapSpec {
    /// Lowest allowed sum (≤ 0).
    #[serde(default)]
    pub min: Option<f64>,
    /// Highest allowed sum (≥ 0).
    #[serde(default)]
    pub max: Option<f64>,
}

/// Decay of an event's points with its age, as written; which members apply depends on
/// `type` (checked when compiling, so each problem has its own path).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct DecaySpec {
    /// `exponential` or `stepwise`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Exponential: days after which an event is worth half.
    #[serde(default)]
    pub half_life_days: Option<f64>,
    /// Stepwise: share lost at the end of each period, in (0, 1].
    #[serde(default)]
    pub rate: Option<f64>,
    /// Stepwise: length of a period in days.
    #[serde(default)]
    pub period_days: Option<f64>,
}

/// One scoring rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct RuleSpec {
    /// Unique id across the model.
    pub id: String,
    /// Human label shown in contributions (the id when absent).
    #[serde(default)]
    pub label: Option<String>,
    /// Points added (negative: subtracted) when the rule fires, per occurrence for
    /// per-occurrence rules.
    pub points: f64,
    /// A rule-language criterion on the lead (lead rules).
    #[serde(default)]
    pub when: Option<Value>,
    /// Event type(s) matched: a string or a list of strings (event rules).
    #[serde(default)]
    pub event: Option<Value>,
    /// A rule-language criterion on each event (event rules).
    #[serde(default, rename = "where")]
    pub where_: Option<Value>,
    /// `once` (default) or `perOccurrence`.
    #[serde(default)]
    pub frequency: Option<Frequency>,
    /// Per-occurrence rules: count at most this many (the most recent) events.
    #[serde(default)]
    pub max_occurrences: Option<u32>,
}

/// How often an event rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Frequency {
    /// Once, from the most recent matching event.
    Once,
    /// Once per matching event.
    PerOccurrence,
}

/// Weights of the two components in the combined score.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeightsSpec {
    /// Weight of fit (1 when absent).
    #[serde(default = "one")]
    pub fit: f64,
    /// Weight of engagement (1 when absent).
    #[serde(default = "one")]
    pub engagement: f64,
}

fn one() -> f64 {
    1.0
}

/// Grade thresholds: a fit of at least `A` is grade A, and so on; below `C` is D. Engagement
/// `1` is the best, below `3` is 4.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GradesSpec {
    /// Fit thresholds.
    pub fit: FitThresholds,
    /// Engagement thresholds.
    pub engagement: EngagementThresholds,
}

/// Lowest fit of grades A, B and C.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FitThresholds {
    #[serde(rename = "A")]
    pub a: f64,
    #[serde(rename = "B")]
    pub b: f64,
    #[serde(rename = "C")]
    pub c: f64,
}

/// Lowest engagement of numbers 1, 2 and 3.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EngagementThresholds {
    #[serde(rename = "1")]
    pub one: f64,
    #[serde(rename = "2")]
    pub two: f64,
    #[serde(rename = "3")]
    pub three: f64,
}

/// Lifecycle stage recommendation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct LifecycleSpec {
    /// The stage when no listed stage holds (`"lead"` when absent).
    #[serde(default)]
    pub default: Option<String>,
    /// Stages from lowest to highest.
    #[serde(default)]
    pub stages: Vec<StageSpec>,
}

/// One lifecycle stage and the conditions that all must hold for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct StageSpec {
    /// Stage name, e.g. `"mql"`.
    pub stage: String,
    /// Lowest combined score.
    #[serde(default)]
    pub min_score: Option<f64>,
    /// Lowest fit.
    #[serde(default)]
    pub min_fit: Option<f64>,
    /// Lowest engagement.
    #[serde(default)]
    pub min_engagement: Option<f64>,
    /// A rule-language criterion on the lead.
    #[serde(default)]
    pub when: Option<Value>,
}
