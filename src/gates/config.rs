//! The pipeline config as written by sales ops: types read with path-precise errors.
//! [`super::compile`] validates them and builds the engine's model.

use serde_json::Value;

use super::model::{Outcome, Severity};
use crate::config::{impl_from_json, need, object, DeError, FromJson};
use crate::metrics::ForecastCategory;

/// `{ pipelines: [...] }`: several pipelines in one config.
#[derive(Debug)]
pub(crate) struct PipelinesConfig {
    pub pipelines: Vec<PipelineConfig>,
}

/// One pipeline: its ordered stages, move rules and handoffs.
#[derive(Debug)]
pub(crate) struct PipelineConfig {
    pub id: String,
    pub label: String,
    pub stages: Vec<StageConfig>,
    pub rules: MoveRulesConfig,
    pub handoffs: Vec<HandoffConfig>,
}

/// One stage of a pipeline.
#[derive(Debug)]
pub(crate) struct StageConfig {
    pub id: String,
    pub label: String,
    pub probability: f64,
    pub forecast_category: ForecastCategory,
    pub expected_days: Option<u32>,
    pub outcome: Option<Outcome>,
    pub guidance: String,
    pub key_fields: Vec<String>,
    pub required_fields: Vec<String>,
    pub entry: Vec<Value>,
    pub exit: Vec<Value>,
}

/// The shape a gate criterion must have: the rules engine's criterion object form
/// ([`crate::rules::Criterion`]) with `id` and `rule` required and `severity` one of
/// `required` / `recommended`. Only `id` and `severity` are read here; `Criterion::compile`
/// reads the rest from the same value.
#[derive(Debug)]
pub(crate) struct CriterionShape {
    pub id: String,
    pub severity: Severity,
}

/// Which moves a pipeline allows. Omitted flags allow the move.
#[derive(Debug)]
pub(crate) struct MoveRulesConfig {
    pub allow_skip: bool,
    pub allow_backward: bool,
    pub allow_reopen: bool,
    pub creation_stages: Option<Vec<String>>,
}

impl Default for MoveRulesConfig {
    fn default() -> Self {
        MoveRulesConfig { allow_skip: true, allow_backward: true, allow_reopen: true, creation_stages: None }
    }
}

/// A handoff between teams: when it applies, what must transfer, and its SLA.
#[derive(Debug)]
pub(crate) struct HandoffConfig {
    pub id: String,
    pub label: String,
    pub from: String,
    pub to: String,
    pub trigger: Option<Value>,
    pub required_fields: Vec<String>,
    pub checklist: Vec<Value>,
    pub sla: Option<SlaConfig>,
}

/// A handoff SLA: `doneField` must be set within `within` of `startField`.
#[derive(Debug)]
pub(crate) struct SlaConfig {
    pub start_field: String,
    pub done_field: String,
    pub within: DurationConfig,
}

/// A duration as any sum of minutes, hours and days (fractions allowed).
#[derive(Debug)]
pub(crate) struct DurationConfig {
    pub minutes: Option<f64>,
    pub hours: Option<f64>,
    pub days: Option<f64>,
}

impl_from_json!(struct PipelinesConfig, deny { pipelines: "pipelines" });

impl_from_json!(struct PipelineConfig, deny {
    id: "id",
    label: "label",
    stages: "stages",
    rules: "rules" = MoveRulesConfig::default(),
    handoffs: "handoffs" = Vec::new(),
});

impl_from_json!(struct StageConfig, deny {
    id: "id",
    label: "label",
    probability: "probability",
    forecast_category: "forecastCategory",
    expected_days: "expectedDays" = None,
    outcome: "outcome" = None,
    guidance: "guidance" = String::new(),
    key_fields: "keyFields" = Vec::new(),
    required_fields: "requiredFields" = Vec::new(),
    entry: "entry" = Vec::new(),
    exit: "exit" = Vec::new(),
});

impl FromJson for CriterionShape {
    /// Checks the members `Criterion::compile` reads too (`rule` present; `label`, `message`
    /// text; `fields` a list of text) but keeps only `id` and `severity`.
    fn from_json(value: &Value) -> Result<Self, DeError> {
        const FIELDS: &[&str] = &["id", "severity", "rule", "label", "message", "fields"];
        let (mut id, mut severity, mut rule) = (None, None, None);
        object(value, "struct CriterionShape", FIELDS, true, &mut |i, v| {
            match i {
                0 => id = Some(String::from_json(v)?),
                1 => severity = Some(Severity::from_json(v)?),
                2 => rule = Some(()),
                3 | 4 => drop(Option::<String>::from_json(v)?),
                _ => drop(Option::<Vec<String>>::from_json(v)?),
            }
            Ok(())
        })?;
        let id = need(id, "id")?;
        let severity = severity.unwrap_or_default();
        need(rule, "rule")?;
        Ok(CriterionShape { id, severity })
    }
}

impl_from_json!(struct MoveRulesConfig, deny {
    allow_skip: "allowSkip" = true,
    allow_backward: "allowBackward" = true,
    allow_reopen: "allowReopen" = true,
    creation_stages: "creationStages" = None,
});

impl_from_json!(struct HandoffConfig, deny {
    id: "id",
    label: "label",
    from: "from",
    to: "to",
    trigger: "trigger" = None,
    required_fields: "requiredFields" = Vec::new(),
    checklist: "checklist" = Vec::new(),
    sla: "sla" = None,
});

impl_from_json!(struct SlaConfig, deny { start_field: "startField", done_field: "doneField", within: "within" });

impl_from_json!(struct DurationConfig, deny { minutes: "minutes" = None, hours: "hours" = None, days: "days" = None });
