//! The scoring model as written in JSON, read with `crate::config::read`, so a shape mismatch
//! carries its path. Meaning is checked when the model is compiled
//! (`compile.rs`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::config::impl_from_json;

/// The whole model.
#[derive(Debug)]
pub(crate) struct ModelSpec {
    /// A name for people; not used in scoring.
    #[allow(dead_code)]
    pub name: Option<String>,
    /// A description for people; not used in scoring.
    #[allow(dead_code)]
    pub description: Option<String>,
    /// Expected types of lead fields, checked in strict mode.
    pub fields: BTreeMap<String, FieldType>,
    /// The rule groups, each of type `fit` or `engagement`.
    pub groups: Vec<GroupSpec>,
    /// Weights of fit and engagement in the combined score (both 1 when absent).
    pub weights: Option<WeightsSpec>,
    /// Bounds of the combined score.
    pub cap: Option<CapSpec>,
    /// Fit letter and engagement number thresholds.
    pub grades: GradesSpec,
    /// Recommended lifecycle stages.
    pub lifecycle: Option<LifecycleSpec>,
}

/// A lead field's expected JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug)]
pub(crate) struct GroupSpec {
    /// Unique id.
    pub id: String,
    /// `fit` or `engagement` (checked when compiling, for a precise error code).
    pub kind: String,
    /// Human label.
    pub label: Option<String>,
    /// Bounds of the group's sum.
    pub cap: Option<CapSpec>,
    /// Engagement only: count events of the last N days.
    pub timeframe_days: Option<f64>,
    /// Engagement only: how an event's points fade with its age.
    pub decay: Option<DecaySpec>,
    /// The rules.
    pub rules: Vec<RuleSpec>,
}

/// Lower and upper bound of a sum; either may be absent.
#[derive(Debug, Default)]
pub(crate) struct CapSpec {
    /// Lowest allowed sum (≤ 0).
    pub min: Option<f64>,
    /// Highest allowed sum (≥ 0).
    pub max: Option<f64>,
}

/// Decay of an event's points with its age, as written; which members apply depends on
/// `type` (checked when compiling, so each problem has its own path).
#[derive(Debug)]
pub(crate) struct DecaySpec {
    /// `exponential` or `stepwise`.
    pub kind: String,
    /// Exponential: days after which an event is worth half.
    pub half_life_days: Option<f64>,
    /// Stepwise: share lost at the end of each period, in (0, 1].
    pub rate: Option<f64>,
    /// Stepwise: length of a period in days.
    pub period_days: Option<f64>,
}

/// One scoring rule.
#[derive(Debug)]
pub(crate) struct RuleSpec {
    /// Unique id across the model.
    pub id: String,
    /// Human label shown in contributions (the id when absent).
    pub label: Option<String>,
    /// Points added (negative: subtracted) when the rule fires, per occurrence for
    /// per-occurrence rules.
    pub points: f64,
    /// A rule-language criterion on the lead (lead rules).
    pub when: Option<Value>,
    /// Event type(s) matched: a string or a list of strings (event rules).
    pub event: Option<Value>,
    /// A rule-language criterion on each event (event rules).
    pub where_: Option<Value>,
    /// `once` (default) or `perOccurrence`.
    pub frequency: Option<Frequency>,
    /// Per-occurrence rules: count at most this many (the most recent) events.
    pub max_occurrences: Option<u32>,
}

/// How often an event rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frequency {
    /// Once, from the most recent matching event.
    Once,
    /// Once per matching event.
    PerOccurrence,
}

/// Weights of the two components in the combined score.
#[derive(Debug)]
pub(crate) struct WeightsSpec {
    /// Weight of fit (1 when absent).
    pub fit: f64,
    /// Weight of engagement (1 when absent).
    pub engagement: f64,
}


/// Grade thresholds: a fit of at least `A` is grade A, and so on; below `C` is D. Engagement
/// `1` is the best, below `3` is 4.
#[derive(Debug)]
pub(crate) struct GradesSpec {
    /// Fit thresholds.
    pub fit: FitThresholds,
    /// Engagement thresholds.
    pub engagement: EngagementThresholds,
}

/// Lowest fit of grades A, B and C.
#[derive(Debug)]
pub(crate) struct FitThresholds {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

/// Lowest engagement of numbers 1, 2 and 3.
#[derive(Debug)]
pub(crate) struct EngagementThresholds {
    pub one: f64,
    pub two: f64,
    pub three: f64,
}

/// Lifecycle stage recommendation.
#[derive(Debug)]
pub(crate) struct LifecycleSpec {
    /// The stage when no listed stage holds (`"lead"` when absent).
    pub default: Option<String>,
    /// Stages from lowest to highest.
    pub stages: Vec<StageSpec>,
}

/// One lifecycle stage and the conditions that all must hold for it.
#[derive(Debug)]
pub(crate) struct StageSpec {
    /// Stage name, e.g. `"mql"`.
    pub stage: String,
    /// Lowest combined score.
    pub min_score: Option<f64>,
    /// Lowest fit.
    pub min_fit: Option<f64>,
    /// Lowest engagement.
    pub min_engagement: Option<f64>,
    /// A rule-language criterion on the lead.
    pub when: Option<Value>,
}

impl_from_json!(struct ModelSpec, deny {
    name: "name" = None,
    description: "description" = None,
    fields: "fields" = BTreeMap::new(),
    groups: "groups",
    weights: "weights" = None,
    cap: "cap" = None,
    grades: "grades",
    lifecycle: "lifecycle" = None,
});

impl_from_json!(enum FieldType {
    "string" => FieldType::String,
    "number" => FieldType::Number,
    "boolean" => FieldType::Boolean,
    "date" => FieldType::Date,
    "list" => FieldType::List,
});

impl_from_json!(struct GroupSpec, deny {
    id: "id",
    kind: "type",
    label: "label" = None,
    cap: "cap" = None,
    timeframe_days: "timeframeDays" = None,
    decay: "decay" = None,
    rules: "rules",
});

impl_from_json!(struct CapSpec, deny { min: "min" = None, max: "max" = None });

impl_from_json!(struct DecaySpec, deny {
    kind: "type",
    half_life_days: "halfLifeDays" = None,
    rate: "rate" = None,
    period_days: "periodDays" = None,
});

impl_from_json!(struct RuleSpec, deny {
    id: "id",
    label: "label" = None,
    points: "points",
    when: "when" = None,
    event: "event" = None,
    where_: "where" = None,
    frequency: "frequency" = None,
    max_occurrences: "maxOccurrences" = None,
});

impl_from_json!(enum Frequency { "once" => Frequency::Once, "perOccurrence" => Frequency::PerOccurrence });

impl_from_json!(struct WeightsSpec, deny { fit: "fit" = 1.0, engagement: "engagement" = 1.0 });

impl_from_json!(struct GradesSpec, deny { fit: "fit", engagement: "engagement" });

impl_from_json!(struct FitThresholds, deny { a: "A", b: "B", c: "C" });

impl_from_json!(struct EngagementThresholds, deny { one: "1", two: "2", three: "3" });

impl_from_json!(struct LifecycleSpec, deny { default: "default" = None, stages: "stages" = Vec::new() });

impl_from_json!(struct StageSpec, deny {
    stage: "stage",
    min_score: "minScore" = None,
    min_fit: "minFit" = None,
    min_engagement: "minEngagement" = None,
    when: "when" = None,
});
