//! The pipeline config as written by sales ops: serde types read with path-precise errors.
//! [`super::compile`] validates them and builds the engine's model.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use super::model::{Outcome, Severity};
use crate::metrics::ForecastCategory;

/// `{ pipelines: [...] }`: several pipelines in one config.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PipelinesConfig {
    pub pipelines: Vec<PipelineConfig>,
}

/// One pipeline: its ordered stages, move rules and handoffs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct PipelineConfig {
    pub id: String,
    pub label: String,
    pub stages: Vec<StageConfig>,
    #[serde(default)]
    pub rules: MoveRulesConfig,
    #[serde(default)]
    pub handoffs: Vec<HandoffConfig>,
}

/// One stage of a pipeline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct StageConfig {
    pub id: String,
    pub label: String,
    pub probability: f64,
    pub forecast_category: ForecastCategory,
    #[serde(default)]
    pub expected_days: Option<u32>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub key_fields: Vec<String>,
    #[serde(default)]
    pub required_fields: Vec<String>,
    #[serde(default)]
    pub entry: Vec<Value>,
    #[serde(default)]
    pub exit: Vec<Value>,
}

/// The shape a gate criterion must have: the rules engine's criterion object form
/// ([`crate::rules::Criterion`]) with `id` and `rule` required and `severity` one of
/// `required` / `recommended`. Only `id` and `severity` are read here; `Criterion::compile`
/// reads the rest from the same value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CriterionShape {
    pub id: String,
    #[serde(default)]
    pub severity: Severity,
    #[serde(rename = "rule")]
    _rule: IgnoredAny,
    #[serde(default, rename = "label")]
    _label: Option<String>,
    #[serde(default, rename = "message")]
    _message: Option<String>,
    #[serde(default, rename = "fields")]
    _fields: Option<Vec<String>>,
}

/// Which moves a pipeline allows. Omitted flags allow the move.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct MoveRulesConfig {
    #[serde(default = "yes")]
    pub allow_skip: bool,
    #[serde(default = "yes")]
    pub allow_backward: bool,
    #[serde(default = "yes")]
    pub allow_reopen: bool,
    #[serde(default)]
    pub creation_stages: Option<Vec<String>>,
}

impl Default for MoveRulesConfig {
    fn default() -> Self {
        MoveRulesConfig { allow_skip: true, allow_backward: true, allow_reopen: true, creation_stages: None }
    }
}

fn yes() -> bool {
    true
}

/// A handoff between teams: when it applies, what must transfer, and its SLA.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct HandoffConfig {
    pub id: String,
    pub label: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub trigger: Option<Value>,
    #[serde(default)]
    pub required_fields: Vec<String>,
    #[serde(default)]
    pub checklist: Vec<Value>,
    #[serde(default)]
    pub sla: Option<SlaConfig>,
}

/// A handoff SLA: `doneField` must be set within `within` of `startField`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SlaConfig {
    pub start_field: String,
    pub done_field: String,
    pub within: DurationConfig,
}

/// A duration as any sum of minutes, hours and days (fractions allowed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DurationConfig {
    #[serde(default)]
    pub minutes: Option<f64>,
    #[serde(default)]
    pub hours: Option<f64>,
    #[serde(default)]
    pub days: Option<f64>,
}
