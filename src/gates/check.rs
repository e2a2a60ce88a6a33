//! Checking a deal in its current stage: exit criteria met and unmet, required and key fields,
//! guidance, and how complete every stage's gates are for it.

use serde::Serialize;

use super::criteria::{self, CriteriaReport};
use super::fields::FieldTest;
use super::model::{Outcome, PipelineDefinition, Severity, Stage};
use super::report::{FieldStatus, Tally};
use crate::record::RowRef;
use crate::rules::EvalContext;

/// A deal checked in its current stage.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DealCheck<'p> {
    /// The deal's pipeline.
    pub pipeline: &'p str,
    /// The current stage: id, label, probability, forecast category, order, expected days,
    /// outcome.
    pub stage: &'p Stage,
    /// Guidance for reps in this stage.
    pub guidance: &'p str,
    /// The stage's key fields, each filled or not.
    pub key_fields: Vec<FieldStatus>,
    /// The stage's required fields, each filled or not.
    pub required_fields: Vec<FieldStatus>,
    /// The stage's entry criteria, met and unmet.
    pub entry: CriteriaReport,
    /// The stage's exit criteria, met and unmet; `completeness` counts the required ones.
    pub exit: CriteriaReport,
    /// Whole percent of the stage's gates done: required fields and required entry and exit
    /// criteria (the same figure as this stage's entry in `stages`).
    pub completeness: u8,
    /// Whether the stage is open and its required fields and required exit criteria are all
    /// met (a move may still be refused by the next stage's own gates or the move rules).
    pub ready_to_advance: bool,
    /// The stage a forward move goes to next: the next open stage, or the won stage after the
    /// last open one; `null` in a closed stage.
    pub next_stage: Option<&'p str>,
    /// Every stage of the pipeline with the completeness of its gates for this deal.
    pub stages: Vec<StageProgress<'p>>,
}

/// How complete one stage's gates are for a deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageProgress<'p> {
    /// Stage id.
    pub id: &'p str,
    /// Stage label.
    pub label: &'p str,
    /// Required fields and required entry and exit criteria met.
    pub done: usize,
    /// Required fields and required entry and exit criteria in all.
    pub total: usize,
    /// Whole percent of `done` out of `total`, rounded down; 100 when the stage has none.
    pub completeness: u8,
}

/// Checks `deal` in `stage` of `pipeline`.
pub(crate) fn check<'p>(pipeline: &'p PipelineDefinition, stage: &'p Stage, deal: RowRef<'_>, ctx: &EvalContext) -> DealCheck<'p> {
    let mut fields_tally = Tally::default();
    let required_fields = field_statuses(&stage.required_fields, deal, ctx, Some(&mut fields_tally));
    let key_fields = field_statuses(&stage.key_fields, deal, ctx, None);
    let mut exit_tally = Tally::default();
    let exit = criteria::report(&stage.exit, deal, ctx, &mut exit_tally);
    let mut tally = fields_tally;
    tally.merge(exit_tally);
    let entry = criteria::report(&stage.entry, deal, ctx, &mut tally);
    let stages = pipeline
        .stages
        .iter()
        .map(|s| if s.id == stage.id { progress(s, tally) } else { progress(s, stage_tally(s, deal, ctx)) })
        .collect();
    let ready = !stage.is_terminal() && fields_tally.done == fields_tally.total && exit_tally.done == exit_tally.total;
    DealCheck {
        pipeline: &pipeline.id,
        stage,
        guidance: &stage.guidance,
        key_fields,
        required_fields,
        entry,
        exit,
        completeness: tally.percent(),
        ready_to_advance: ready,
        next_stage: next_stage(pipeline, stage).map(|s| s.id.as_str()),
        stages,
    }
}

/// The stage a forward move from `stage` goes to next.
pub(crate) fn next_stage<'p>(pipeline: &'p PipelineDefinition, stage: &Stage) -> Option<&'p Stage> {
    if stage.is_terminal() {
        return None;
    }
    pipeline.stages.iter().find(|s| s.order > stage.order && (!s.is_terminal() || s.outcome == Some(Outcome::Won)))
}

/// The filled status of each field; `tally` counts them when given.
fn field_statuses(fields: &[FieldTest], deal: RowRef<'_>, ctx: &EvalContext, mut tally: Option<&mut Tally>) -> Vec<FieldStatus> {
    fields
        .iter()
        .map(|f| {
            let filled = f.is_filled(deal, ctx);
            if let Some(t) = tally.as_deref_mut() {
                t.add(filled);
            }
            FieldStatus { field: f.field.clone(), filled }
        })
        .collect()
}

/// Counts a stage's required fields and required criteria met, without explaining failures.
fn stage_tally(stage: &Stage, deal: RowRef<'_>, ctx: &EvalContext) -> Tally {
    let mut tally = Tally::default();
    for field in &stage.required_fields {
        tally.add(field.is_filled(deal, ctx));
    }
    for criterion in stage.entry.iter().chain(&stage.exit).filter(|c| c.severity == Severity::Required) {
        tally.add(criterion.criterion.rule.is_truthy_row(deal, ctx));
    }
    tally
}

fn progress(stage: &Stage, tally: Tally) -> StageProgress<'_> {
    StageProgress { id: &stage.id, label: &stage.label, done: tally.done, total: tally.total, completeness: tally.percent() }
}
