//! Result pieces shared by stage, move and handoff checks.

use serde::Serialize;

use super::model::{GateCriterion, Severity};
use crate::rules::{CriterionOutcome, FailedCondition};

/// Why a move is refused (or, with `recommended` severity, what it should still do).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// What kind of problem this is.
    pub kind: ReasonKind,
    /// The stage it concerns: the stage whose criterion or field is unmet, the skipped stage,
    /// the target of a backward move or creation, the closed stage left by a reopening.
    pub stage: String,
    /// The unmet criterion's id (criterion kinds only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The missing field (`missing_required_field` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Fields to fill to resolve it (empty for move-policy reasons).
    pub fields: Vec<String>,
    /// `required` blocks the move; `recommended` is a warning.
    pub severity: Severity,
    /// What the rep should do, in plain language.
    pub message: String,
    /// For an unmet criterion, the conditions of its rule that failed (empty otherwise).
    pub failures: Vec<FailedCondition>,
}

/// The kinds of [`Reason`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// An exit criterion of the current stage, or of a stage the move passes over, is unmet.
    UnmetExitCriterion,
    /// An entry criterion of a stage the move enters is unmet.
    UnmetEntryCriterion,
    /// A required field of a stage the move enters is empty.
    MissingRequiredField,
    /// The move passes over this open stage and the pipeline forbids skipping.
    SkippedStage,
    /// The move goes back to an earlier stage and the pipeline forbids it.
    BackwardMove,
    /// The pipeline does not allow creating deals in this stage.
    NotAllowedCreationStage,
    /// The deal is closed in this stage and the pipeline does not allow reopening.
    TerminalStage,
}

impl Reason {
    /// A reason without criterion or field, for a move-policy rule.
    pub(crate) fn policy(kind: ReasonKind, stage: &str, message: String) -> Self {
        Reason {
            kind,
            stage: stage.to_owned(),
            criterion: None,
            field: None,
            fields: Vec::new(),
            severity: Severity::Required,
            message,
            failures: Vec::new(),
        }
    }

    /// An unmet criterion of `stage`, from its outcome.
    pub(crate) fn unmet(kind: ReasonKind, stage: &str, criterion: &GateCriterion, outcome: CriterionOutcome) -> Self {
        Reason {
            kind,
            stage: stage.to_owned(),
            criterion: Some(criterion.id.clone()),
            field: None,
            fields: outcome.fields,
            severity: criterion.severity,
            message: outcome.message.unwrap_or_default(),
            failures: outcome.failures,
        }
    }

    /// An empty required field of `stage` (labelled `stage_label`).
    pub(crate) fn missing_field(stage: &str, stage_label: &str, field: &str) -> Self {
        Reason {
            kind: ReasonKind::MissingRequiredField,
            stage: stage.to_owned(),
            criterion: None,
            field: Some(field.to_owned()),
            fields: vec![field.to_owned()],
            severity: Severity::Required,
            message: format!("Fill in {field}: {stage_label} requires it."),
            failures: Vec::new(),
        }
    }
}

/// Whether a field of the record is filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldStatus {
    /// The field name (a dotted path reaches into objects).
    pub field: String,
    /// `false` when missing, null, blank text or an empty list.
    pub filled: bool,
}

/// A count of required items done out of a total, for completeness percentages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Items met.
    pub done: usize,
    /// Items counted.
    pub total: usize,
}

impl Tally {
    /// Counts one item.
    pub(crate) fn add(&mut self, done: bool) {
        self.total += 1;
        self.done += usize::from(done);
    }

    /// Adds another tally's counts.
    pub(crate) fn merge(&mut self, other: Tally) {
        self.total += other.total;
        self.done += other.done;
    }

    /// Whole percent done, rounded down (so 100 means nothing is missing); 100 when nothing
    /// is counted.
    pub(crate) fn percent(self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        u8::try_from(self.done.min(self.total) * 100 / self.total).unwrap_or(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down_and_treats_nothing_as_done() {
        let percent = |done, total| Tally { done, total }.percent();
        assert_eq!(percent(0, 0), 100);
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(199, 200), 99);
        assert_eq!(percent(4, 4), 100);
        assert_eq!(percent(0, 5), 0);
        let mut t = Tally::default();
        t.add(true);
        t.add(false);
        t.merge(Tally { done: 1, total: 1 });
        assert_eq!((t.done, t.total, t.percent()), (2, 3, 66));
    }
}
