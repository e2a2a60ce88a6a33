//! Forecast, velocity and coverage of a scope.
//!
//! Forecast categories follow Salesforce's cumulative roll-ups (Closed ⊂ Commit ⊂ Best Case ⊂
//! Pipeline). The scenarios are:
//! - **worst** = closed won + commit — what the reps have committed to;
//! - **likely** = closed won + commit + best case × stage probability — commit plus the
//!   probable share of the upside;
//! - **best** = closed won + commit + best case — every deal that could close does.
//!
//! Pipeline-category deals (early stages) are in none of them; they are in `byCategory` and the
//! weighted pipeline. Open deals in stages the table does not know are left out and listed in
//! `unknownStages`.

use serde::Serialize;

use super::deals::ClosedReport;
use super::money::to_money;
use super::pipeline::{OpenAcc, UnknownStage};
use super::rates::{round2, Rate};
use super::stages::ForecastCategory::{self, BestCase, Closed, Commit, Omitted, Pipeline};

/// Forecast of a scope: `{ weighted, byCategory, scenarios, unknownStages }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// Weighted pipeline: Σ amount × stage probability over open deals in the period (known
    /// stages). Closed-won revenue is not in it; add `byCategory.closed` for a total.
    pub weighted: f64,
    /// Amount by forecast category.
    pub by_category: Categories,
    /// Worst / likely / best outcomes for the period.
    pub scenarios: Scenarios,
    /// Open deals in stages the table does not know, left out of the three fields above.
    pub unknown_stages: Vec<UnknownStage>,
}

/// Amount per forecast category: `{ closed, commit, bestCase, pipeline, omitted }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Categories {
    /// Won in the period (plus any open deal sitting in a closed-category stage).
    pub closed: f64,
    /// Open deals in commit stages.
    pub commit: f64,
    /// Open deals in best-case stages.
    pub best_case: f64,
    /// Open deals in pipeline stages.
    pub pipeline: f64,
    /// Open deals in omitted stages.
    pub omitted: f64,
}

/// Forecast scenarios (see the module docs): `{ worst, likely, best }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenarios {
    /// Closed won + commit.
    pub worst: f64,
    /// Closed won + commit + best case weighted by stage probability.
    pub likely: f64,
    /// Closed won + commit + best case.
    pub best: f64,
}

/// The forecast of `open` deals plus `won_cents` closed won in the period.
pub(crate) fn forecast(open: &OpenAcc, won_cents: i128, unknown_stages: Vec<UnknownStage>) -> Forecast {
    let cat = |c: ForecastCategory| open.categories[c.index()];
    let closed = won_cents + cat(Closed);
    let weighted_cents = |w: f64| w.round() as i128;
    let worst = closed + cat(Commit);
    Forecast {
        weighted: to_money(weighted_cents(open.weighted.iter().sum())),
        by_category: Categories {
            closed: to_money(closed),
            commit: to_money(cat(Commit)),
            best_case: to_money(cat(BestCase)),
            pipeline: to_money(cat(Pipeline)),
            omitted: to_money(cat(Omitted)),
        },
        scenarios: Scenarios {
            worst: to_money(worst),
            likely: to_money(worst + weighted_cents(open.weighted[BestCase.index()])),
            best: to_money(worst + cat(BestCase)),
        },
        unknown_stages,
    }
}

/// Pipeline velocity: `{ openDeals, winRate, averageDealSize, cycleDays, perDay, perPeriod, reason? }`.
///
/// perDay = open deals × win rate (by count) × average won deal size ÷ mean sales cycle in days,
/// from the figures shown next to it, so it can be checked by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Velocity {
    /// Open deals in the period.
    pub open_deals: u64,
    /// Win rate by count.
    pub win_rate: Option<f64>,
    /// Mean won deal size.
    pub average_deal_size: Option<f64>,
    /// Mean sales cycle in days.
    pub cycle_days: Option<f64>,
    /// Expected revenue per day through the pipeline, rounded to the cent.
    pub per_day: Option<f64>,
    /// `perDay` × days in the period; `null` for all time.
    pub per_period: Option<f64>,
    /// Why `perDay` is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// Velocity from a scope's open-deal count and closed-deal figures.
pub(crate) fn velocity(open_deals: u64, closed: &ClosedReport, period_days: Option<f64>) -> Velocity {
    let win_rate = closed.win_rate.by_count.value;
    let size = closed.deal_size.mean;
    let cycle = closed.sales_cycle.mean;
    let per_day = match (win_rate, size, cycle) {
        (Some(w), Some(s), Some(c)) if c > 0.0 => Ok(open_deals as f64 * w * s / c),
        (None, _, _) => Err("no closed deals in the period"),
        (_, None, _) => Err("no won deals with an amount in the period"),
        (_, _, None) => Err("no won deals with a start and close date in the period"),
        _ => Err("the average sales cycle is not positive"),
    };
    Velocity {
        open_deals,
        win_rate,
        average_deal_size: size,
        cycle_days: cycle,
        per_day: per_day.ok().map(round2),
        per_period: per_day.ok().zip(period_days).map(|(d, days)| round2(d * days)),
        reason: per_day.err(),
    }
}

/// Where coverage stands against the 3–4× guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Guideline {
    /// Below 3×: not enough pipeline to make the number.
    BelowGuideline,
    /// 3× to 4× inclusive.
    WithinGuideline,
    /// Above 4×: plenty, or a pipeline that needs qualifying out.
    AboveGuideline,
}

/// Pipeline coverage: `{ openPipeline, quota, won, remainingQuota, ratio, guideline }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Open pipeline in the period (open deals with a close date in it).
    pub open_pipeline: f64,
    /// Quota of the scope: ramped capacity overall, the rep's ramped quota in an owner group;
    /// `null` when none applies.
    pub quota: Option<f64>,
    /// Won in the period.
    pub won: f64,
    /// quota − won; `null` without a quota.
    pub remaining_quota: Option<f64>,
    /// openPipeline / remainingQuota (3.0 means 3×); `null` with a reason without a quota or
    /// when the quota is already met.
    pub ratio: Rate,
    /// The ratio against the 3–4× guideline; `null` when the ratio is.
    pub guideline: Option<Guideline>,
}

/// Coverage of `open_cents` against `quota` less `won_cents`.
pub(crate) fn coverage(open_cents: i128, won_cents: i128, quota: Option<i128>) -> Coverage {
    let open = to_money(open_cents);
    let remaining = quota.map(|q| q - won_cents);
    let ratio = match remaining {
        None => Rate::undefined(open, 0.0, "no quota for this scope"),
        Some(r) if r <= 0 => Rate::undefined(open, to_money(r), "quota already met"),
        Some(r) => Rate::money(open_cents, r, "quota already met"),
    };
    let guideline = ratio.value.map(|v| match v {
        v if v < 3.0 => Guideline::BelowGuideline,
        v if v <= 4.0 => Guideline::WithinGuideline,
        _ => Guideline::AboveGuideline,
    });
    Coverage { open_pipeline: open, quota: quota.map(to_money), won: to_money(won_cents), remaining_quota: remaining.map(to_money), ratio, guideline }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_flags_the_guideline() {
        let c = coverage(35000, 0, Some(10000));
        assert_eq!((c.ratio.value, c.guideline), (Some(3.5), Some(Guideline::WithinGuideline)));
        assert_eq!(coverage(29900, 0, Some(10000)).guideline, Some(Guideline::BelowGuideline));
        assert_eq!(coverage(30000, 0, Some(10000)).guideline, Some(Guideline::WithinGuideline));
        assert_eq!(coverage(40000, 0, Some(10000)).guideline, Some(Guideline::WithinGuideline));
        assert_eq!(coverage(40100, 0, Some(10000)).guideline, Some(Guideline::AboveGuideline));
        let c = coverage(30000, 5000, Some(15000));
        assert_eq!((c.ratio.value, c.remaining_quota), (Some(3.0), Some(100.0)));
        let met = coverage(30000, 15000, Some(15000));
        assert_eq!((met.ratio.value, met.ratio.reason, met.guideline), (None, Some("quota already met"), None));
        let none = coverage(30000, 0, None);
        assert_eq!((none.ratio.reason, none.quota), (Some("no quota for this scope"), None));
    }
}
