//! Signals about the deal's stage: time in the current stage against its expected duration,
//! completeness of its exit criteria, and moves back to earlier stages.

use serde::Serialize;

use super::{count, days, round2, Explanation, FactorDetail, Params, Signal, Skip};
use crate::error::Result;
use crate::health::curve::{Direction, Ramp};
use crate::health::facts::Facts;

/// `stage_duration`: `{ weight, fullRatio, zeroRatio }`, ratios of days in the stage to the
/// stage's expected days (`fullRatio < zeroRatio`).
pub(crate) fn stage_duration(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let ratio = Ramp::new(at.get("fullRatio", at.p.full_ratio)?, at.get("zeroRatio", at.p.zero_ratio)?, Direction::Falling)?;
    Ok(Box::new(StageDuration { ratio }))
}

/// Time in stage: full up to `fullRatio` × the expected days, zero from `zeroRatio` ×.
#[derive(Debug)]
struct StageDuration {
    ratio: Ramp,
}

/// Numbers used by `stage_duration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageDurationDetail {
    /// Days since the deal entered its stage.
    pub days_in_stage: f64,
    /// The stage's expected days.
    pub expected_days: f64,
    /// `daysInStage / expectedDays`.
    pub ratio: f64,
}

impl StageDuration {
    fn inputs(facts: &Facts<'_>) -> Result<(f64, f64), Skip> {
        let expected = facts
            .stage
            .expected_days
            .filter(|&d| d > 0.0)
            .ok_or("The stage has no expected duration in the pipeline")?;
        let days = facts
            .days_in_stage
            .ok_or("Unknown when the deal entered its stage (set stageEnteredAt or stageHistory)")?;
        Ok((days, expected))
    }
}

impl Signal for StageDuration {
    fn id(&self) -> &'static str {
        "stage_duration"
    }
    fn label(&self) -> &'static str {
        "Time in stage"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        let (days, expected) = Self::inputs(facts)?;
        Ok(self.ratio.eval(days / expected))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let (days_in_stage, expected) = Self::inputs(facts).unwrap_or((0.0, 1.0));
        let label = &facts.stage.label;
        Explanation::new(
            format!("{} in {label} (expected {})", days(days_in_stage), days(expected)),
            sub,
            || format!("Agree with the buyer what it takes to move past {label}, or re-qualify the deal"),
            FactorDetail::StageDuration(StageDurationDetail {
                days_in_stage: round2(days_in_stage),
                expected_days: expected,
                ratio: round2(days_in_stage / expected),
            }),
        )
    }
}

/// `exit_criteria`: `{ weight, zeroPercent, fullPercent }`, completeness of the current
/// stage's required exit criteria, from the stage-gate engine (`zeroPercent < fullPercent`).
pub(crate) fn exit_criteria(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let percent = Ramp::new(at.get("fullPercent", at.p.full_percent)?, at.get("zeroPercent", at.p.zero_percent)?, Direction::Rising)?;
    Ok(Box::new(ExitCriteria { percent }))
}

/// Exit-criteria completeness: zero at `zeroPercent`, full at `fullPercent`.
#[derive(Debug)]
struct ExitCriteria {
    percent: Ramp,
}

/// Numbers used by `exit_criteria`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExitCriteriaDetail {
    /// Required exit criteria met.
    pub met: usize,
    /// Required exit criteria of the stage.
    pub total: usize,
    /// Completeness, 0–100.
    pub percent: f64,
}

impl Signal for ExitCriteria {
    fn id(&self) -> &'static str {
        "exit_criteria"
    }
    fn label(&self) -> &'static str {
        "Exit criteria"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        match &facts.exit {
            Some(exit) if exit.total > 0 => Ok(self.percent.eval(exit.percent)),
            _ => Err("The stage has no required exit criteria"),
        }
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let (met, total, percent) = facts.exit.as_ref().map_or((0, 0, 0.0), |e| (e.met, e.total, e.percent));
        Explanation {
            reason: format!(
                "{met} of {} for {} met",
                count(total as u64, "exit criterion", "exit criteria"),
                facts.stage.label
            ),
            action: facts.exit.as_ref().filter(|_| sub < 1.0).and_then(|e| e.next_action()),
            detail: FactorDetail::ExitCriteria(ExitCriteriaDetail { met, total, percent }),
        }
    }
}

/// `stage_regressions`: `{ weight, fullCount, zeroCount }`, moves back to an earlier stage
/// (`fullCount < zeroCount`).
pub(crate) fn stage_regressions(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let moves = Ramp::new(at.get("fullCount", at.p.full_count)?, at.get("zeroCount", at.p.zero_count)?, Direction::Falling)?;
    Ok(Box::new(StageRegressions { moves }))
}

/// Backward stage moves: full at `fullCount`, zero from `zeroCount`.
#[derive(Debug)]
struct StageRegressions {
    moves: Ramp,
}

/// Numbers used by `stage_regressions`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageRegressionsDetail {
    /// Moves to an earlier stage in the stage history.
    pub backward_moves: u32,
}

impl Signal for StageRegressions {
    fn id(&self) -> &'static str {
        "stage_regressions"
    }
    fn label(&self) -> &'static str {
        "Backward stage moves"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(self.moves.eval(f64::from(facts.backward_moves)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let n = facts.backward_moves;
        Explanation::new(
            match n {
                0 => "No backward stage moves".to_owned(),
                n => format!("Moved back to an earlier stage {}", count(n.into(), "time", "times")),
            },
            sub,
            || "Re-qualify the deal: confirm the need, budget, decision process and timeline".to_owned(),
            FactorDetail::StageRegressions(StageRegressionsDetail { backward_moves: n }),
        )
    }
}
