//! Move policy: which stages a move leaves, passes over and enters, and which of the
//! pipeline's move rules (skipping, moving back, reopening, creation stages) it breaks.
//!
//! A forward move is checked as if the deal walked the stages one by one: it leaves the current
//! stage and every stage it passes over (their exit criteria apply) and enters every stage it
//! passes over and the target (their entry criteria and required fields apply). Closed won sits
//! after the last open stage; closed lost is reachable from every open stage without leaving
//! it. Backward moves, reopenings and creation enter the target only.

use serde::Serialize;

use super::model::{Outcome, PipelineDefinition, Stage};
use super::report::{Reason, ReasonKind};

/// How a move relates the deal's current stage to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The deal has no stage yet: it is being created in the target.
    Create,
    /// The target is the current stage: nothing to do.
    Stay,
    /// To a later open stage.
    Forward,
    /// To an earlier open stage.
    Backward,
    /// From an open stage to a closed (won or lost) stage.
    Close,
    /// From a closed stage to any other stage.
    Reopen,
}

/// The stages a move touches and the move rules it breaks.
#[derive(Debug)]
pub(crate) struct MovePlan<'p> {
    pub direction: Direction,
    /// Stages whose exit criteria apply: the current stage and the stages passed over.
    pub leave: Vec<&'p Stage>,
    /// Stages whose entry criteria and required fields apply: the stages passed over and the target.
    pub enter: Vec<&'p Stage>,
    /// Open stages passed over.
    pub skipped: Vec<&'p Stage>,
    /// Broken move rules, each a blocking reason.
    pub policy: Vec<Reason>,
}

/// Plans the move of a deal in `from` (`None`: a new deal) to `to`, both stages of `pipeline`.
pub(crate) fn plan<'p>(pipeline: &'p PipelineDefinition, from: Option<&'p Stage>, to: &'p Stage) -> MovePlan<'p> {
    let rules = &pipeline.rules;
    let mut plan = MovePlan { direction: Direction::Stay, leave: Vec::new(), enter: vec![to], skipped: Vec::new(), policy: Vec::new() };
    let Some(from) = from else {
        plan.direction = Direction::Create;
        if !rules.creation_stages.contains(&to.id) {
            let allowed: Vec<&str> = pipeline.stages().iter().filter(|s| rules.creation_stages.contains(&s.id)).map(|s| s.label.as_str()).collect();
            let message = format!("Deals cannot be created in {}; create them in {}.", to.label, allowed.join(" or "));
            plan.policy.push(Reason::policy(ReasonKind::NotAllowedCreationStage, &to.id, message));
        }
        return plan;
    };
    if from.id == to.id {
        plan.enter.clear();
        return plan;
    }
    if from.is_terminal() {
        plan.direction = Direction::Reopen;
        if !rules.allow_reopen {
            let message = format!("{} is a closed stage and this pipeline does not allow reopening closed deals.", from.label);
            plan.policy.push(Reason::policy(ReasonKind::TerminalStage, &from.id, message));
        }
        return plan;
    }
    if to.order < from.order {
        plan.direction = Direction::Backward;
        if !rules.allow_backward {
            let message = format!("This pipeline does not allow moving deals back from {} to {}.", from.label, to.label);
            plan.policy.push(Reason::policy(ReasonKind::BackwardMove, &to.id, message));
        }
        return plan;
    }
    plan.direction = if to.is_terminal() { Direction::Close } else { Direction::Forward };
    if to.outcome == Some(Outcome::Lost) {
        return plan;
    }
    plan.skipped = pipeline.open_stages().filter(|s| s.order > from.order && s.order < to.order).collect();
    plan.leave = std::iter::once(from).chain(plan.skipped.iter().copied()).collect();
    plan.enter = plan.skipped.iter().copied().chain(std::iter::once(to)).collect();
    if !rules.allow_skip {
        for skipped in &plan.skipped {
            let message = format!(
                "Moving from {} to {} skips {}; this pipeline does not allow skipping stages.",
                from.label, to.label, skipped.label
            );
            plan.policy.push(Reason::policy(ReasonKind::SkippedStage, &skipped.id, message));
        }
    }
    plan
}
