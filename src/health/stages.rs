//! What the health engine needs from a pipeline, looked up once at compile time: each stage's
//! order, expected days, the expected days of the open stages after it, and whether it closes
//! the deal.

use super::evaluate::required_exit;
use crate::gates::PipelineDefinition;

/// One stage of a pipeline, as the health signals see it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StageInfo {
    /// Stage id.
    pub id: String,
    /// Display label, for reasons.
    pub label: String,
    /// Position in the pipeline, from 0.
    pub order: usize,
    /// Expected days in the stage; `None` when the pipeline sets none.
    pub expected_days: Option<f64>,
    /// Whether the stage closes the deal (won or lost).
    pub terminal: bool,
    /// Expected days of the open stages after this one (those without expected days count 0).
    pub days_after: f64,
    /// Whether a required exit criterion of the stage reads the evaluation's now (else a deal's
    /// exit criteria come out the same at any now).
    pub exit_reads_now: bool,
}

/// One pipeline's stages, in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StageTable {
    /// Pipeline id.
    pub id: String,
    /// The stages, in pipeline order.
    pub stages: Vec<StageInfo>,
    /// The typical cycle: the sum of the open stages' expected days (`None` when none are set).
    pub cycle_days: Option<f64>,
}

impl StageTable {
    /// Builds the table from `(id, label, expected days, terminal)` in pipeline order.
    pub(crate) fn new<'s>(
        id: &str,
        stages: impl IntoIterator<Item = (&'s str, &'s str, Option<f64>, bool)>,
    ) -> StageTable {
        let mut stages: Vec<StageInfo> = stages
            .into_iter()
            .enumerate()
            .map(|(order, (id, label, expected_days, terminal))| StageInfo {
                id: id.to_owned(),
                label: label.to_owned(),
                order,
                expected_days: expected_days.filter(|_| !terminal),
                terminal,
                days_after: 0.0,
                exit_reads_now: false,
            })
            .collect();
        let mut after = 0.0;
        for stage in stages.iter_mut().rev() {
            stage.days_after = after;
            after += stage.expected_days.unwrap_or(0.0);
        }
        let cycle_days = (after > 0.0).then_some(after);
        StageTable { id: id.to_owned(), stages, cycle_days }
    }

    /// The table of a compiled pipeline.
    pub(crate) fn of(pipeline: &PipelineDefinition) -> StageTable {
        let mut table = StageTable::new(
            &pipeline.id,
            pipeline
                .stages()
                .iter()
                .map(|s| (s.id.as_str(), s.label.as_str(), s.expected_days.map(f64::from), s.is_terminal())),
        );
        for (info, stage) in table.stages.iter_mut().zip(pipeline.stages()) {
            info.exit_reads_now = required_exit(stage).any(|g| g.criterion.rule.reads_now());
        }
        table
    }

    /// The stage with `id`.
    pub(crate) fn stage(&self, id: &str) -> Option<&StageInfo> {
        self.stages.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_the_days_of_later_open_stages() {
        let t = StageTable::new(
            "b2b",
            [
                ("a", "A", Some(7.0), false),
                ("b", "B", None, false),
                ("c", "C", Some(10.0), false),
                ("won", "Won", Some(3.0), true),
            ],
        );
        let after: Vec<f64> = t.stages.iter().map(|s| s.days_after).collect();
        assert_eq!(after, [10.0, 10.0, 0.0, 0.0]);
        assert_eq!(t.cycle_days, Some(17.0));
        assert_eq!(t.stage("won").map(|s| (s.terminal, s.expected_days)), Some((true, None)));
        assert_eq!(t.stage("nope"), None);
    }
}
