//! Close-date signals: whether it is set and not past, how often it was pushed, and whether
//! its distance fits what the pipeline expects from the current stage.

use serde::Serialize;

use super::{count, days, round2, Explanation, FactorDetail, Params, Signal, Skip};
use crate::error::Result;
use crate::health::curve::{Direction, Plateau, Ramp};
use crate::health::facts::Facts;

/// `close_date`: `{ weight, fullDaysOverdue, zeroDaysOverdue }`, whole days the close date
/// has passed (`fullDaysOverdue < zeroDaysOverdue`). A deal without a close date scores zero.
pub(crate) fn close_date(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let overdue = Ramp::new(
        at.get("fullDaysOverdue", at.p.full_days_overdue)?,
        at.get("zeroDaysOverdue", at.p.zero_days_overdue)?,
        Direction::Falling,
    )?;
    Ok(Box::new(CloseDate { overdue }))
}

/// Close date set and not overdue: full up to `fullDaysOverdue`, zero from `zeroDaysOverdue`.
#[derive(Debug)]
struct CloseDate {
    overdue: Ramp,
}

/// Numbers used by `close_date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseDateDetail {
    /// Whole days from today to the close date (negative when past); `null` without one.
    pub days_to_close: Option<i64>,
}

impl Signal for CloseDate {
    fn id(&self) -> &'static str {
        "close_date"
    }
    fn label(&self) -> &'static str {
        "Close date"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(facts.days_to_close.map_or(0.0, |d| self.overdue.eval((-d).max(0) as f64)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let d = facts.days_to_close;
        let reason = match d {
            None => "No close date set".to_owned(),
            Some(d) if d < 0 => format!("Close date passed {} ago", days((-d) as f64)),
            Some(0) => "Close date is today".to_owned(),
            Some(d) => format!("Close date in {}", days(d as f64)),
        };
        Explanation::new(
            reason,
            sub,
            || match d {
                None => "Agree a target close date with the buyer".to_owned(),
                Some(_) => "Confirm a realistic close date with the buyer and update it".to_owned(),
            },
            FactorDetail::CloseDate(CloseDateDetail { days_to_close: d }),
        )
    }
}

/// `close_date_pushes`: `{ weight, fullCount, zeroCount }`, times the close date moved later
/// (`fullCount < zeroCount`).
pub(crate) fn close_date_pushes(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let pushes = Ramp::new(at.get("fullCount", at.p.full_count)?, at.get("zeroCount", at.p.zero_count)?, Direction::Falling)?;
    Ok(Box::new(CloseDatePushes { pushes }))
}

/// Pushes: full at `fullCount`, zero from `zeroCount`.
#[derive(Debug)]
struct CloseDatePushes {
    pushes: Ramp,
}

/// Numbers used by `close_date_pushes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseDatePushesDetail {
    /// Times the close date moved to a later day.
    pub pushes: u32,
}

impl Signal for CloseDatePushes {
    fn id(&self) -> &'static str {
        "close_date_pushes"
    }
    fn label(&self) -> &'static str {
        "Close date pushes"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(self.pushes.eval(f64::from(facts.pushes)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let n = facts.pushes;
        Explanation::new(
            match n {
                0 => "Close date never pushed".to_owned(),
                n => format!("Close date pushed {}", count(n.into(), "time", "times")),
            },
            sub,
            || "Re-validate the timeline and what drives it with the economic buyer".to_owned(),
            FactorDetail::CloseDatePushes(CloseDatePushesDetail { pushes: n }),
        )
    }
}

/// `close_date_distance`: `{ weight, tooSoonZeroRatio, tooSoonFullRatio, tooFarFullRatio,
/// tooFarZeroRatio }`, days to close against the days the pipeline expects the rest of the
/// deal to take (`tooSoonZeroRatio < tooSoonFullRatio ≤ tooFarFullRatio < tooFarZeroRatio`).
pub(crate) fn close_date_distance(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let ratio = Plateau::new(
        at.get("tooSoonZeroRatio", at.p.too_soon_zero_ratio)?,
        at.get("tooSoonFullRatio", at.p.too_soon_full_ratio)?,
        at.get("tooFarFullRatio", at.p.too_far_full_ratio)?,
        at.get("tooFarZeroRatio", at.p.too_far_zero_ratio)?,
    )?;
    Ok(Box::new(CloseDateDistance { ratio }))
}

/// Close-date realism: the close date should leave about the time the pipeline expects the
/// rest of the deal to take. Too soon is judged against the days left (what remains of the
/// current stage's expected days, plus the expected days of the open stages after it): zero
/// at `tooSoonZeroRatio` ×, full from `tooSoonFullRatio` ×. Too far is judged against the days
/// from the start of the current stage (its full expected days plus the later stages'), so
/// lingering in a stage (which `stage_duration` scores) does not make a near close date look
/// far: full up to `tooFarFullRatio` ×, zero from `tooFarZeroRatio` ×. Day counts include
/// today (one is added to each side), so a deal due today with nothing left fits; a past
/// close date counts as due today.
#[derive(Debug)]
struct CloseDateDistance {
    ratio: Plateau,
}

/// Numbers used by `close_date_distance`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseDateDistanceDetail {
    /// Whole days to the close date (negative when past).
    pub days_to_close: i64,
    /// Days the pipeline expects the deal still needs, given the time spent in the stage.
    pub expected_days_left: f64,
    /// Days the pipeline expects from the start of the current stage to the close.
    pub expected_days_from_stage_start: f64,
}

/// The inputs of [`CloseDateDistance`].
struct Distance {
    days_to_close: i64,
    left: f64,
    from_stage_start: f64,
}

impl Distance {
    fn soon_ratio(&self) -> f64 {
        (self.days_to_close.max(0) as f64 + 1.0) / (self.left + 1.0)
    }
    fn far_ratio(&self) -> f64 {
        (self.days_to_close.max(0) as f64 + 1.0) / (self.from_stage_start + 1.0)
    }
}

impl CloseDateDistance {
    fn inputs(facts: &Facts<'_>) -> Result<Distance, Skip> {
        let days_to_close = facts.days_to_close.ok_or("No close date set (scored by the close date signal)")?;
        let expected = facts.stage.expected_days.ok_or("The stage has no expected duration in the pipeline")?;
        let after = facts.stage.days_after;
        let left = (expected - facts.days_in_stage.unwrap_or(0.0)).max(0.0) + after;
        Ok(Distance { days_to_close, left, from_stage_start: expected + after })
    }
}

impl Signal for CloseDateDistance {
    fn id(&self) -> &'static str {
        "close_date_distance"
    }
    fn label(&self) -> &'static str {
        "Close date realism"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        let d = Self::inputs(facts)?;
        Ok(self.ratio.low.eval(d.soon_ratio()).min(self.ratio.high.eval(d.far_ratio())))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let d = Self::inputs(facts).unwrap_or(Distance { days_to_close: 0, left: 0.0, from_stage_start: 0.0 });
        let too_soon = self.ratio.low.eval(d.soon_ratio()) < 1.0;
        let stage = &facts.stage.label;
        let when = match d.days_to_close {
            n if n < 0 => "Close date has passed".to_owned(),
            0 => "Close date is today".to_owned(),
            n => format!("Close date in {}", days(n as f64)),
        };
        let reason = if too_soon {
            format!("{when}, but the pipeline expects ~{} more from {stage}", days(d.left.round()))
        } else if sub < 1.0 {
            format!(
                "{when}, but the pipeline expects ~{} from the start of {stage} to the close",
                days(d.from_stage_start.round())
            )
        } else if d.left < 0.5 {
            format!("{when}; the pipeline's time for {stage} is used up")
        } else {
            format!("{when}; the pipeline expects ~{} more from {stage}", days(d.left.round()))
        };
        Explanation::new(
            reason,
            sub,
            || {
                if too_soon {
                    "Confirm the buyer can really sign by then, or move the close date".to_owned()
                } else {
                    "Check the deal is not stalling: agree a mutual plan that brings the close date in".to_owned()
                }
            },
            FactorDetail::CloseDateDistance(CloseDateDistanceDetail {
                days_to_close: d.days_to_close,
                expected_days_left: round2(d.left),
                expected_days_from_stage_start: round2(d.from_stage_start),
            }),
        )
    }
}
