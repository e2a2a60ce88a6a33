//! The compiled pipeline: stages with their gates, move rules and handoffs.

use serde::Serialize;
use serde_json::Value;

pub use crate::metrics::ForecastCategory;
use super::fields::{FieldTest, InstantField};
use crate::read::StageNames;
use crate::config::{deserialize_via_from_json, impl_from_json};
use crate::rules::{Criterion, EvalContext, Rule};

/// How a terminal stage ends a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
}

/// Whether an unmet criterion blocks a move (`required`) or is only a warning (`recommended`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the move while unmet; counts towards completeness.
    #[default]
    Required,
    /// Reported as a warning; never blocks, not counted in completeness.
    Recommended,
}

impl Severity {
    /// The JSON name: `required` or `recommended`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Required => "required",
            Severity::Recommended => "recommended",
        }
    }
}

impl_from_json!(enum Outcome { "won" => Outcome::Won, "lost" => Outcome::Lost });
impl_from_json!(enum Severity { "required" => Severity::Required, "recommended" => Severity::Recommended });
deserialize_via_from_json!(Outcome, Severity);

/// A compiled gate criterion (stage entry or exit, or a handoff checklist item): a rules-engine
/// [`Criterion`] whose `id`, `label` and `severity` are always set.
#[derive(Debug, Clone)]
pub struct GateCriterion {
    /// Unique within its stage or handoff.
    pub id: String,
    /// Whether it blocks.
    pub severity: Severity,
    /// The criterion: its rule, label (the id when the config gives none), message and fields.
    pub criterion: Criterion,
}

/// One stage of a pipeline. Serializes as its summary (`id`, `label`, `probability`,
/// `forecastCategory`, `order`, `expectedDays`, `outcome`), the table the metrics and health
/// engines read.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    /// Stage id, unique within the pipeline.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Win probability, 0–1.
    pub probability: f64,
    /// Forecast category.
    #[serde(rename = "forecastCategory")]
    pub category: ForecastCategory,
    /// Position in the pipeline, from 0.
    pub order: usize,
    /// Expected days in the stage (open stages), if set.
    pub expected_days: Option<u32>,
    /// `won` / `lost` for terminal stages, `None` for open ones.
    pub outcome: Option<Outcome>,
    #[serde(skip)]
    pub(crate) guidance: String,
    #[serde(skip)]
    pub(crate) key_fields: Vec<FieldTest>,
    #[serde(skip)]
    pub(crate) required_fields: Vec<FieldTest>,
    #[serde(skip)]
    pub(crate) entry: Vec<GateCriterion>,
    #[serde(skip)]
    pub(crate) exit: Vec<GateCriterion>,
}

impl Stage {
    /// Whether the stage closes a deal (won or lost).
    pub fn is_terminal(&self) -> bool {
        self.outcome.is_some()
    }
    /// Guidance text for reps working a deal in this stage.
    pub fn guidance(&self) -> &str {
        &self.guidance
    }
    /// Fields to highlight while a deal is in this stage.
    pub fn key_fields(&self) -> impl Iterator<Item = &str> {
        self.key_fields.iter().map(|f| f.field.as_str())
    }
    /// Fields that must be filled to enter (and stay in) this stage.
    pub fn required_fields(&self) -> impl Iterator<Item = &str> {
        self.required_fields.iter().map(|f| f.field.as_str())
    }
    /// The required fields that are empty in `record` (missing, null, blank text, `[]` or
    /// `{}`, as the rules engine's `filled` reads them), in config order.
    pub fn missing_required_fields(&self, record: &Value, ctx: &EvalContext) -> Vec<&str> {
        self.required_fields.iter().filter(|f| !f.is_filled_json(record, ctx)).map(|f| f.field.as_str()).collect()
    }
    /// Criteria a deal must meet to enter this stage.
    pub fn entry(&self) -> &[GateCriterion] {
        &self.entry
    }
    /// Criteria a deal must meet to leave this stage forwards.
    pub fn exit(&self) -> &[GateCriterion] {
        &self.exit
    }
}

/// Which moves between stages a pipeline allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRules {
    /// Whether a forward move may pass over open stages.
    pub allow_skip: bool,
    /// Whether a deal may move to an earlier open stage.
    pub allow_backward: bool,
    /// Whether a deal may leave a terminal (closed) stage.
    pub allow_reopen: bool,
    /// Stages a deal may be created in (every open stage when the config names none).
    pub creation_stages: Vec<String>,
}

/// A handoff SLA: `done` must be set within `within_ms` of `start`.
#[derive(Debug, Clone)]
pub struct Sla {
    /// Allowed time, in milliseconds.
    pub within_ms: i64,
    /// The field holding the instant the clock starts.
    pub(crate) start: InstantField,
    /// The field holding the instant the handoff was completed.
    pub(crate) done: InstantField,
}

/// A handoff between teams (marketing → SDR, SDR → AE, AE → customer success).
#[derive(Debug, Clone)]
pub struct Handoff {
    /// Handoff id, unique within the pipeline.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Team handing over.
    pub from: String,
    /// Team receiving.
    pub to: String,
    /// Checklist criteria.
    pub checklist: Vec<GateCriterion>,
    /// The SLA, if any.
    pub sla: Option<Sla>,
    /// Fields that must transfer.
    pub(crate) required_fields: Vec<FieldTest>,
    /// When the handoff applies; always when absent.
    pub(crate) trigger: Option<Rule>,
}

impl Handoff {
    /// Fields that must transfer.
    pub fn required_fields(&self) -> impl Iterator<Item = &str> {
        self.required_fields.iter().map(|f| f.field.as_str())
    }
}

impl Sla {
    /// The field holding the instant the clock starts.
    pub fn start_field(&self) -> &str {
        &self.start.field
    }
    /// The field holding the instant the handoff was completed.
    pub fn done_field(&self) -> &str {
        &self.done.field
    }
}

/// One compiled pipeline.
#[derive(Debug, Clone)]
pub struct PipelineDefinition {
    /// Pipeline id, unique within the config.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Allowed moves.
    pub rules: MoveRules,
    pub(crate) stages: Vec<Stage>,
    pub(crate) handoffs: Vec<Handoff>,
    /// The stages' ids and labels, for finding a stage by either in any case.
    pub(crate) names: StageNames,
}

impl PipelineDefinition {
    /// The stages in order.
    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }
    /// The stage `name` refers to: its id, else its id or label in any case, ignoring
    /// spaces, `_` and `-` (the reading contract's stage names).
    pub fn stage(&self, name: &str) -> Option<&Stage> {
        self.names.find(name).and_then(|at| self.stages.get(at))
    }
    /// The handoffs.
    pub fn handoffs(&self) -> &[Handoff] {
        &self.handoffs
    }
    /// The open stages, in order (terminal stages come after all of them).
    pub fn open_stages(&self) -> impl Iterator<Item = &Stage> {
        self.stages.iter().filter(|s| !s.is_terminal())
    }
}
