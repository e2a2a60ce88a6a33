//! Checking a proposed move of a deal to a target stage: whether it is allowed, with every
//! reason it is not, and the warnings of unmet recommended criteria.

use serde::Serialize;

use super::model::{PipelineDefinition, Severity, Stage};
use super::plan::{plan, Direction};
use super::report::{Reason, ReasonKind, Tally};
use crate::record::RowRef;
use crate::rules::EvalContext;

/// A proposed move checked against the pipeline's gates and move rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveCheck<'p> {
    /// Whether the move may be made: no blocking reason.
    pub allowed: bool,
    /// The deal's pipeline.
    pub pipeline: &'p str,
    /// The current stage (`null` for a deal being created).
    pub from: Option<&'p str>,
    /// The target stage.
    pub to: &'p str,
    /// How the move relates the two stages.
    pub direction: Direction,
    /// Open stages the move passes over.
    pub skipped: Vec<&'p str>,
    /// Everything blocking the move: unmet required criteria and fields, broken move rules.
    pub reasons: Vec<Reason>,
    /// Unmet `recommended` criteria of the same stages: shown, never blocking.
    pub warnings: Vec<Reason>,
    /// Whole percent of the required criteria and fields the move checks that are met,
    /// rounded down; 100 when it checks none.
    pub completeness: u8,
    /// Guidance for the target stage.
    pub guidance: &'p str,
}

/// Checks moving `deal` from `from` (`None`: creating it) to `to`.
pub(crate) fn check_move<'p>(
    pipeline: &'p PipelineDefinition,
    from: Option<&'p Stage>,
    to: &'p Stage,
    deal: RowRef<'_>,
    ctx: &EvalContext,
) -> MoveCheck<'p> {
    let plan = plan(pipeline, from, to);
    let mut reasons = plan.policy;
    let mut warnings = Vec::new();
    let mut tally = Tally::default();
    let mut push = |reason: Reason| match reason.severity {
        Severity::Required => reasons.push(reason),
        Severity::Recommended => warnings.push(reason),
    };
    let mut missing: Vec<&str> = Vec::new();
    for stage in &plan.leave {
        criteria(stage, ReasonKind::UnmetExitCriterion, deal, ctx, &mut tally, &mut push);
    }
    for stage in &plan.enter {
        for field in &stage.required_fields {
            if missing.contains(&field.field.as_str()) {
                continue;
            }
            let filled = field.is_filled(deal, ctx);
            tally.add(filled);
            if !filled {
                missing.push(&field.field);
                push(Reason::missing_field(&stage.id, &stage.label, &field.field));
            }
        }
        criteria(stage, ReasonKind::UnmetEntryCriterion, deal, ctx, &mut tally, &mut push);
    }
    MoveCheck {
        allowed: reasons.is_empty(),
        pipeline: &pipeline.id,
        from: from.map(|s| s.id.as_str()),
        to: &to.id,
        direction: plan.direction,
        skipped: plan.skipped.iter().map(|s| s.id.as_str()).collect(),
        reasons,
        warnings,
        completeness: tally.percent(),
        guidance: &to.guidance,
    }
}

/// Checks a stage's exit or entry criteria, pushing a reason for each unmet one.
fn criteria(stage: &Stage, kind: ReasonKind, deal: RowRef<'_>, ctx: &EvalContext, tally: &mut Tally, push: &mut impl FnMut(Reason)) {
    let list = if kind == ReasonKind::UnmetExitCriterion { &stage.exit } else { &stage.entry };
    for criterion in list {
        let outcome = criterion.check_row(deal, ctx);
        if criterion.severity == Severity::Required {
            tally.add(outcome.passed);
        }
        if !outcome.passed {
            push(Reason::unmet(kind, &stage.id, criterion, outcome));
        }
    }
}
