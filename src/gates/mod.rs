//! Stage gates: pipeline definitions with entry and exit criteria per stage, move rules and
//! team handoffs with SLAs, checked against deals in the browser.
//!
//! ```
//! use pipescore::gates::Pipeline;
//! use serde_json::json;
//!
//! let pipeline = Pipeline::compile(&Pipeline::default_config()).unwrap();
//! let deal = json!({
//!     "stage": "discovery", "company": "Acme",
//!     "painPoints": "Manual forecasting", "budgetRange": "20-40k",
//!     "contacts": [{ "name": "Ada", "role": "decision_maker" }]
//! });
//! let now = 1_764_000_000_000; // 2025-11-24T16:00:00Z
//! let check = pipeline.check(&deal, now).unwrap();
//! assert_eq!(check.exit.completeness, 75); // timeline is missing
//! let verdict = pipeline.check_move(&deal, "demo", now).unwrap();
//! assert!(!verdict.allowed);
//! let unmet: Vec<_> = verdict.reasons.iter().map(|r| r.criterion.as_deref()).collect();
//! assert_eq!(unmet, [Some("timeline"), Some("demo_scheduled")]);
//! ```
//!
//! # Config
//!
//! Either one pipeline `{ id, label, stages, rules?, handoffs? }` or `{ pipelines: [...] }`; a
//! deal names its pipeline in `pipeline` (the first one when absent). Stages are ordered, open
//! stages first, then at least one closed stage with `"outcome": "won"` (probability 1) and one
//! with `"outcome": "lost"` (probability 0). A stage has `id`, `label`, `probability` (0–1),
//! `forecastCategory` (`pipeline`, `best_case`, `commit`, `closed`, `omitted`),
//! `expectedDays` (open stages), `guidance`, `keyFields`, `requiredFields`, and `entry` and
//! `exit` criteria (`exit` on open stages only). A criterion is the rules engine's object form
//! `{ id, rule, label?, message?, fields?, severity? }` with `severity` `required` (the
//! default: it blocks) or `recommended` (a warning). `rules` holds `allowSkip`,
//! `allowBackward`, `allowReopen` (each `true` when omitted) and `creationStages` (every open
//! stage when omitted).
//!
//! # Moves
//!
//! A forward move is checked as if the deal walked the stages one by one: the exit criteria of
//! the current stage and of every stage passed over, then the required fields and entry
//! criteria of every stage passed over and of the target. Closed won comes after the last open
//! stage; closed lost is reachable from every open stage and checks only its own entry gates.
//! Backward moves, reopenings (leaving a closed stage) and creation (a deal without `stage`)
//! check the target's required fields and entry criteria. A move to the current stage is
//! allowed with nothing to do (`direction: "stay"`).

mod check;
mod compile;
mod config;
mod criteria;
mod fields;
mod handoff;
mod model;
mod moves;
mod plan;
mod report;
mod sla;

use serde_json::Value;

pub(crate) use config::DurationConfig;
pub(crate) use fields::{id_value, record_path, require_object, FieldTest};
use fields::id_cell;
pub(crate) use handoff::duration_ms;
pub use check::{DealCheck, StageProgress};
pub use criteria::CriteriaReport;
pub use handoff::HandoffCheck;
pub use model::{ForecastCategory, GateCriterion, Handoff, MoveRules, Outcome, PipelineDefinition, Severity, Sla, Stage};
pub use moves::MoveCheck;
pub use plan::Direction;
pub use report::{FieldStatus, Reason, ReasonKind};
pub use sla::{SlaReport, SlaState};

use crate::error::{Error, ErrorCode, Result};
use crate::path;
use crate::read;
use crate::record::{Plan, PlanBuilder, Records, RowRef, Shape, SlotId, ROOT};
use crate::rules::EvalContext;
pub(crate) use compile::unknown_stage_message;

/// The embedded default B2B pipeline (see `default.json`).
const DEFAULT_CONFIG: &str = crate::config::minified_json!(include_str!("default.json"));

/// One or more compiled pipelines: compile once, check many deals.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// At least one; the first is the default for records that name none.
    pipelines: Vec<PipelineDefinition>,
    /// What the pipelines read of a record: its pipeline and stage, and every gate's fields.
    plan: Plan,
    /// The record's `pipeline` and `stage`.
    pipeline_slot: SlotId,
    stage_slot: SlotId,
}

impl Pipeline {
    /// Compiles a pipeline config (see the module docs). Errors are config errors whose path
    /// points at the offending value, e.g. `$.stages[3].exit[0].rule`.
    pub fn compile(config: &Value) -> Result<Pipeline> {
        let mut pipelines = compile::compile(config)?;
        let mut plan = PlanBuilder::new();
        let (pipeline_slot, stage_slot) = (plan.path(ROOT, "pipeline"), plan.path(ROOT, "stage"));
        compile::bind(&mut pipelines, &mut plan);
        Ok(Pipeline { pipelines, plan: plan.finish(), pipeline_slot, stage_slot })
    }

    /// What the pipelines read of a record ([`Records`] read with it can be checked with
    /// [`Pipeline::check_records`]).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The default B2B pipeline config, as JSON.
    pub fn default_config() -> Value {
        serde_json::from_str(DEFAULT_CONFIG).unwrap_or_default()
    }

    /// The compiled pipelines, in config order.
    pub fn pipelines(&self) -> &[PipelineDefinition] {
        &self.pipelines
    }

    /// The stages of the default (first) pipeline: id, label, probability, forecast category,
    /// order, expected days and outcome of each.
    pub fn stages(&self) -> &[Stage] {
        self.pipelines.first().map_or(&[], |p| p.stages())
    }

    /// The pipeline with `id`, or the default (first) one for `None`.
    pub fn pipeline(&self, id: Option<&str>) -> Option<&PipelineDefinition> {
        match id {
            Some(id) => self.pipelines.iter().find(|p| p.id == id),
            None => self.pipelines.first(),
        }
    }

    /// The pipeline a record names in `pipeline` (the default one when it names none).
    /// Input errors: `INVALID_RECORD` (not an object, or `pipeline` not a string),
    /// `UNKNOWN_PIPELINE`.
    pub fn pipeline_of(&self, record: &Value) -> Result<&PipelineDefinition> {
        let records = Records::from_json(&self.plan, [record]);
        self.pipeline_of_row(first(&records)?)
    }

    /// [`Pipeline::pipeline_of`] for a row of [`Pipeline::plan`]. A record that holds nothing
    /// the pipelines read is an `INVALID_RECORD` error (naming the CRM adapter to use when it
    /// is a CRM's own record).
    pub fn pipeline_of_row(&self, record: RowRef<'_>) -> Result<&PipelineDefinition> {
        if record.shape() != Shape::Object {
            let message = format!("the record must be an object of fields, e.g. {{ \"stage\": \"discovery\", \"amount\": 12000 }}, found {}", record.shape().name());
            return Err(Error::input(ErrorCode::InvalidRecord, "$", message));
        }
        if record.holds_nothing() {
            let fields: Vec<&str> = self.plan.paths(ROOT).collect();
            return Err(read::no_known_fields(record.doc().unwrap_or(&Value::Null), "$", "The record", &fields));
        }
        let id = id_cell(record.raw(self.pipeline_slot), "pipeline")?;
        self.pipeline_with_id(id.as_deref())
    }

    /// The pipeline with `id` (the record's `pipeline`, read already), or the default one for
    /// `None`. Input error: `UNKNOWN_PIPELINE` at `$.pipeline`.
    pub(crate) fn pipeline_with_id(&self, id: Option<&str>) -> Result<&PipelineDefinition> {
        self.pipeline(id).ok_or_else(|| self.unknown_pipeline(id.unwrap_or_default(), "$.pipeline"))
    }

    /// The stages of pipeline `pipeline_id` (the default pipeline for `None`), in order. Input
    /// error: `UNKNOWN_PIPELINE` at `$.pipelineId`.
    pub fn stages_of(&self, pipeline_id: Option<&str>) -> Result<&[Stage]> {
        let pipeline = self.pipeline(pipeline_id).ok_or_else(|| self.unknown_pipeline(pipeline_id.unwrap_or_default(), "$.pipelineId"))?;
        Ok(pipeline.stages())
    }

    /// The `UNKNOWN_PIPELINE` input error for `id`, at `path`, listing the known pipelines.
    pub(crate) fn unknown_pipeline(&self, id: &str, path: &str) -> Error {
        let known: Vec<&str> = self.pipelines.iter().map(|p| p.id.as_str()).collect();
        Error::input(ErrorCode::UnknownPipeline, path, format!("unknown pipeline \"{id}\"; the pipelines are: {}", known.join(", ")))
    }

    /// Checks a deal in its current stage at `now` (epoch ms): exit criteria met and unmet,
    /// required and key fields, guidance and per-stage completeness. Input errors:
    /// `MISSING_STAGE`, `UNKNOWN_STAGE` (path `$.stage`), and those of [`Pipeline::pipeline_of`].
    pub fn check(&self, deal: &Value, now: i64) -> Result<DealCheck<'_>> {
        let records = Records::from_json(&self.plan, [deal]);
        self.check_row(first(&records)?, now)
    }

    /// [`Pipeline::check`] for a row of [`Pipeline::plan`].
    pub fn check_row(&self, deal: RowRef<'_>, now: i64) -> Result<DealCheck<'_>> {
        let pipeline = self.pipeline_of_row(deal)?;
        let Some(stage) = self.current_stage(pipeline, deal)? else {
            return Err(Error::input(ErrorCode::MissingStage, "$.stage", "the deal has no stage; set stage to one of the pipeline's stages"));
        };
        Ok(check::check(pipeline, stage, deal, &EvalContext::new(now)))
    }

    /// Checks every deal of `deals` (read with [`Pipeline::plan`]) as [`Pipeline::check`]
    /// does; a bad deal's error path starts with its index (`$[3].stage`).
    pub fn check_records(&self, deals: &Records, now: i64) -> Vec<Result<DealCheck<'_>>> {
        if !deals.fits(&self.plan) {
            return vec![Err(Error::internal("the deals were read with another pipeline's plan"))];
        }
        deals.iter().map(|deal| self.check_row(deal, now).map_err(|e| e.within(&path::index("$", deal.index())))).collect()
    }

    /// Checks moving a deal to `target` at `now`: allowed or not, with every reason. A deal
    /// without `stage` is being created in `target`. Input errors: `UNKNOWN_STAGE` for the
    /// target (path `$.targetStageId`) or the deal's stage (`$.stage`), and those of
    /// [`Pipeline::pipeline_of`].
    pub fn check_move(&self, deal: &Value, target: &str, now: i64) -> Result<MoveCheck<'_>> {
        let records = Records::from_json(&self.plan, [deal]);
        self.check_move_row(first(&records)?, target, now)
    }

    /// [`Pipeline::check_move`] for a row of [`Pipeline::plan`].
    pub fn check_move_row(&self, deal: RowRef<'_>, target: &str, now: i64) -> Result<MoveCheck<'_>> {
        let pipeline = self.pipeline_of_row(deal)?;
        let from = self.current_stage(pipeline, deal)?;
        let to = pipeline
            .stage(target)
            .ok_or_else(|| Error::input(ErrorCode::UnknownStage, "$.targetStageId", unknown_stage_message(target, &pipeline.stages)))?;
        Ok(moves::check_move(pipeline, from, to, deal, &EvalContext::new(now)))
    }

    /// Checks a record against handoff `handoff_id` of the record's pipeline at `now`:
    /// required fields, checklist, completeness and SLA status. Input errors:
    /// `UNKNOWN_HANDOFF` (path `$.handoffId`), `INVALID_DATE` (an SLA field that is not a date),
    /// and those of [`Pipeline::pipeline_of`].
    pub fn check_handoff(&self, handoff_id: &str, record: &Value, now: i64) -> Result<HandoffCheck<'_>> {
        let records = Records::from_json(&self.plan, [record]);
        self.check_handoff_row(handoff_id, first(&records)?, now)
    }

    /// [`Pipeline::check_handoff`] for a row of [`Pipeline::plan`].
    pub fn check_handoff_row(&self, handoff_id: &str, record: RowRef<'_>, now: i64) -> Result<HandoffCheck<'_>> {
        let pipeline = self.pipeline_of_row(record)?;
        let handoff = pipeline.handoffs.iter().find(|h| h.id == handoff_id).ok_or_else(|| {
            let known: Vec<&str> = pipeline.handoffs.iter().map(|h| h.id.as_str()).collect();
            Error::input(
                ErrorCode::UnknownHandoff,
                "$.handoffId",
                format!("unknown handoff \"{handoff_id}\"; the handoffs of pipeline \"{}\" are: {}", pipeline.id, known.join(", ")),
            )
        })?;
        handoff.check(&pipeline.id, record, &EvalContext::new(now))
    }
}

impl Pipeline {
    /// The deal's current stage: `None` when it has none; `UNKNOWN_STAGE` when it is not one
    /// of the pipeline's (by id or label, in any case).
    fn current_stage<'p>(&self, pipeline: &'p PipelineDefinition, deal: RowRef<'_>) -> Result<Option<&'p Stage>> {
        let Some(id) = id_cell(deal.raw(self.stage_slot), "stage")? else {
            return Ok(None);
        };
        match pipeline.stage(&id) {
            Some(stage) => Ok(Some(stage)),
            None => Err(Error::input(ErrorCode::UnknownStage, "$.stage", unknown_stage_message(&id, &pipeline.stages))),
        }
    }
}

/// The one record of a batch read from one JSON record.
fn first(records: &Records) -> Result<RowRef<'_>> {
    records.record(0).ok_or_else(|| Error::internal("the record could not be read"))
}
