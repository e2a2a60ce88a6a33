//! Signals about the deal's plan and trajectory: a dated next step, amount decreases, and its
//! age against the typical sales cycle.

use serde::Serialize;

use super::{days, round2, Explanation, FactorDetail, Params, Signal, Skip};
use crate::error::{Error, ErrorCode, Result};
use crate::health::curve::{positive, Direction, Ramp};
use crate::health::facts::{Facts, NextStep as Step};
use crate::rules::number::Plain;

/// `next_step`: `{ weight, undatedScore, fullDaysOverdue, zeroDaysOverdue }` (`undatedScore`
/// in 0–1, `fullDaysOverdue < zeroDaysOverdue`).
pub(crate) fn next_step(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let undated = at.get("undatedScore", at.p.undated_score)?;
    if !(0.0..=1.0).contains(&undated.value) {
        let message = format!("must be a sub-score between 0 and 1, found {}", Plain(undated.value));
        return Err(Error::config(ErrorCode::InvalidThreshold, undated.path, message));
    }
    let overdue = Ramp::new(
        at.get("fullDaysOverdue", at.p.full_days_overdue)?,
        at.get("zeroDaysOverdue", at.p.zero_days_overdue)?,
        Direction::Falling,
    )?;
    Ok(Box::new(NextStep { undated: undated.value, overdue }))
}

/// Next step: none scores 0, one without a date `undatedScore`, one dated today or later 1,
/// an overdue one falls from 1 at `fullDaysOverdue` to 0 at `zeroDaysOverdue` whole days.
#[derive(Debug)]
struct NextStep {
    undated: f64,
    overdue: Ramp,
}

/// Numbers used by `next_step`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStepDetail {
    /// Whether a next step is recorded (`nextStep` or `nextStepDate`).
    pub defined: bool,
    /// Whole days until it is due (negative when overdue); `null` without a date.
    pub days_until_due: Option<i64>,
}

impl Signal for NextStep {
    fn id(&self) -> &'static str {
        "next_step"
    }
    fn label(&self) -> &'static str {
        "Next step"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(match facts.next_step {
            Step::Missing => 0.0,
            Step::Undated => self.undated,
            Step::Dated(d) => self.overdue.eval((-d).max(0) as f64),
        })
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let step = facts.next_step;
        let reason = match step {
            Step::Missing => "No next step".to_owned(),
            Step::Undated => "Next step has no date".to_owned(),
            Step::Dated(0) => "Next step due today".to_owned(),
            Step::Dated(d) if d > 0 => format!("Next step due in {}", days(d as f64)),
            Step::Dated(d) => format!("Next step overdue by {}", days((-d) as f64)),
        };
        Explanation::new(
            reason,
            sub,
            || {
                match step {
                    Step::Missing => "Agree a dated next step with the buyer",
                    Step::Undated => "Put a date on the next step",
                    Step::Dated(_) => "Update the next step and its date",
                }
                .to_owned()
            },
            FactorDetail::NextStep(NextStepDetail {
                defined: step != Step::Missing,
                days_until_due: match step {
                    Step::Dated(d) => Some(d),
                    _ => None,
                },
            }),
        )
    }
}

/// `amount_changes`: `{ weight, fullDecreasePercent, zeroDecreasePercent }`, how far the
/// amount is below its highest value (`fullDecreasePercent < zeroDecreasePercent`).
pub(crate) fn amount_changes(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let decrease = Ramp::new(
        at.get("fullDecreasePercent", at.p.full_decrease_percent)?,
        at.get("zeroDecreasePercent", at.p.zero_decrease_percent)?,
        Direction::Falling,
    )?;
    Ok(Box::new(AmountChanges { decrease }))
}

/// Amount decrease from the peak: full up to `fullDecreasePercent`, zero from
/// `zeroDecreasePercent`. No amount (or no history) means no decrease.
#[derive(Debug)]
struct AmountChanges {
    decrease: Ramp,
}

/// Numbers used by `amount_changes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AmountChangesDetail {
    /// The current amount.
    pub amount: Option<f64>,
    /// The highest amount in the history (or the current one).
    pub peak_amount: Option<f64>,
    /// `(peak − amount) / peak × 100`.
    pub decrease_percent: f64,
}

/// Percent the amount is below its peak (0 when unknown or not positive).
fn decrease_percent(facts: &Facts<'_>) -> f64 {
    match (facts.amount, facts.peak_amount) {
        (Some(amount), Some(peak)) if peak > 0.0 => ((peak - amount) / peak * 100.0).max(0.0),
        _ => 0.0,
    }
}

impl Signal for AmountChanges {
    fn id(&self) -> &'static str {
        "amount_changes"
    }
    fn label(&self) -> &'static str {
        "Amount changes"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(self.decrease.eval(decrease_percent(facts)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let percent = decrease_percent(facts);
        let reason = match facts.peak_amount {
            Some(peak) if percent > 0.0 => {
                format!("Amount down {}% from its peak of {}", Plain(percent.round()), amount_text(peak))
            }
            _ => "No amount decrease".to_owned(),
        };
        Explanation::new(
            reason,
            sub,
            || "Review scope and pricing with the champion before the amount slips further".to_owned(),
            FactorDetail::AmountChanges(AmountChangesDetail {
                amount: facts.amount,
                peak_amount: facts.peak_amount,
                decrease_percent: round2(percent),
            }),
        )
    }
}

/// An amount with thousands separators and at most two decimals: `48,000`, `1,234.5`.
fn amount_text(amount: f64) -> String {
    let cents = (amount.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc() as u64;
    let fraction = (cents % 100.0) as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if amount < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        0 => {}
        f if f % 10 == 0 => out.push_str(&format!(".{}", f / 10)),
        f => out.push_str(&format!(".{f:02}")),
    }
    out
}

/// `deal_age`: `{ weight, fullRatio, zeroRatio, cycleDays }`, days since creation divided by
/// the typical cycle: `cycleDays` (> 0), or when it is `null` the sum of the pipeline's
/// expected stage days (`fullRatio < zeroRatio`).
pub(crate) fn deal_age(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let cycle_days = at.p.cycle_days.map(|d| positive(&at.get("cycleDays", Some(d))?)).transpose()?;
    let ratio = Ramp::new(at.get("fullRatio", at.p.full_ratio)?, at.get("zeroRatio", at.p.zero_ratio)?, Direction::Falling)?;
    Ok(Box::new(DealAge { ratio, cycle_days }))
}

/// Age: full up to `fullRatio` × the cycle, zero from `zeroRatio` ×.
#[derive(Debug)]
struct DealAge {
    ratio: Ramp,
    cycle_days: Option<f64>,
}

/// Numbers used by `deal_age`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DealAgeDetail {
    /// Days since the deal was created.
    pub age_days: f64,
    /// The typical cycle in days.
    pub cycle_days: f64,
    /// `ageDays / cycleDays`.
    pub ratio: f64,
}

impl DealAge {
    fn inputs(&self, facts: &Facts<'_>) -> Result<(f64, f64), Skip> {
        let cycle = self
            .cycle_days
            .or(facts.cycle_days)
            .ok_or("No typical cycle: the pipeline sets no expected stage days and cycleDays is not set")?;
        let age = facts.age_days.ok_or("Unknown when the deal was created (set createdAt or stageHistory)")?;
        Ok((age, cycle))
    }
}

impl Signal for DealAge {
    fn id(&self) -> &'static str {
        "deal_age"
    }
    fn label(&self) -> &'static str {
        "Deal age"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        let (age, cycle) = self.inputs(facts)?;
        Ok(self.ratio.eval(age / cycle))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let (age, cycle) = self.inputs(facts).unwrap_or((0.0, 1.0));
        Explanation::new(
            format!("Open {} against a typical cycle of {}", days(age), days(cycle.round())),
            sub,
            || "Push for a decision: agree a mutual close plan with the buyer, or close the deal out".to_owned(),
            FactorDetail::DealAge(DealAgeDetail {
                age_days: round2(age),
                cycle_days: round2(cycle),
                ratio: round2(age / cycle),
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_money() {
        assert_eq!(amount_text(48000.0), "48,000");
        assert_eq!(amount_text(1234.5), "1,234.5");
        assert_eq!(amount_text(999.99), "999.99");
        assert_eq!(amount_text(1_000_000.0), "1,000,000");
        assert_eq!(amount_text(-1500.0), "-1,500");
    }
}
