//! Quotas: top-down quota per rep, ramp for new reps, ramped capacity and attainment.
//!
//! Quotas are targets for the reporting period. A rep's full quota is their own `quota`, else
//! sales target × their `salesShare`, else sales target ÷ number of reps, where the sales target
//! is company target × team `salesShare` (default 1).
//!
//! Ramp: tenure month 1 is the calendar month (UTC) the rep starts in. The factor for tenure
//! month n is `ramp[n - 1]`, 1.0 after the list ends, 0 before the start date. A period's ramp
//! factor is the day-weighted mean over the period; for all time it is the factor of the month
//! containing `now`. Ramped quota = full quota × ramp factor; ramped capacity is their sum.
//! Attainment = won in the period ÷ ramped quota.

use serde::Serialize;

use super::group::FastMap;
use super::input::Quotas;
use super::money::{div_round, to_money};
use super::period::{month_index, month_start, Period};
use super::rates::Rate;
use crate::rules::number::Plain;
use crate::time::format_datetime;
use crate::{Error, ErrorCode, Result, path};

/// Default ramp: 0% in months 1–3, 50% in 4–6, 75% in 7–9, 100% from month 10.
pub const DEFAULT_RAMP: [f64; 9] = [0.0, 0.0, 0.0, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75];

/// The share of a full quota a rep who started at `start` carries over `period`.
pub fn ramp_factor(start: Option<i64>, period: &Period, now: i64, ramp: &[f64]) -> f64 {
    let Some(start) = start else { return 1.0 };
    let first = month_index(start);
    let month_factor = |m: i64| usize::try_from(m - first).map_or(0.0, |n| ramp.get(n).copied().unwrap_or(1.0));
    let (Some(s), Some(e)) = (period.start, period.end) else {
        return if now < start { 0.0 } else { month_factor(month_index(now)) };
    };
    let mut from = s.max(start);
    let mut weighted = 0.0;
    while from < e {
        let month = month_index(from);
        let to = month_start(month + 1).min(e);
        weighted += (to - from) as f64 * month_factor(month);
        from = to;
    }
    weighted / (e - s) as f64
}

fn invalid(at: String, message: String) -> Error {
    Error::input(ErrorCode::InvalidQuota, at, message)
}

fn share(value: Option<f64>, at: impl FnOnce() -> String) -> Result<Option<f64>> {
    match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(invalid(at(), format!("A sales share is a fraction from 0 to 1 (0.25 for 25%), not {}.", Plain(v)))),
        v => Ok(v),
    }
}

/// One rep's quota for the period.
#[derive(Debug, Clone)]
struct RepPlan<'a> {
    owner: &'a str,
    start: Option<i64>,
    quota: i128,
    factor: f64,
    ramped: i128,
}

/// Validated quotas resolved for a period.
#[derive(Debug, Clone)]
pub(crate) struct QuotaPlan<'a> {
    company_target: Option<i128>,
    sales_share: f64,
    sales_target: Option<i128>,
    per_rep: Option<i128>,
    ramp: Vec<f64>,
    reps: Vec<RepPlan<'a>>,
}

impl<'a> QuotaPlan<'a> {
    /// Validates `quotas` (errors point into `$.quotas`) and resolves them for `period`.
    pub fn new(quotas: &'a Quotas, period: &Period, now: i64) -> Result<QuotaPlan<'a>> {
        let sales_share = share(quotas.sales_share, || "$.quotas.salesShare".into())?.unwrap_or(1.0);
        if quotas.company_target_cents.is_some_and(|t| t < 0) {
            return Err(invalid("$.quotas.companyTarget".into(), "The company target cannot be negative.".into()));
        }
        let ramp = quotas.ramp.clone().unwrap_or_else(|| DEFAULT_RAMP.to_vec());
        if let Some(i) = ramp.iter().position(|f| !(0.0..=1.0).contains(f)) {
            return Err(invalid(path::index("$.quotas.ramp", i), format!("Ramp factors are fractions from 0 to 1 (0.5 for 50%), not {}.", Plain(ramp[i]))));
        }
        let company_target = quotas.company_target_cents.map(i128::from);
        let sales_target = company_target.map(|t| (t as f64 * sales_share).round() as i128);
        let per_rep = sales_target.filter(|_| !quotas.reps.is_empty()).map(|t| div_round(t, quotas.reps.len() as i128));
        let mut reps = Vec::with_capacity(quotas.reps.len());
        for (i, rep) in quotas.reps.iter().enumerate() {
            let at = |field: &str| path::key(&path::index("$.quotas.reps", i), field);
            if quotas.reps[..i].iter().any(|r| r.owner == rep.owner) {
                return Err(invalid(at("owner"), format!("Rep \"{}\" is listed twice.", rep.owner)));
            }
            let own_share = share(rep.sales_share, || at("salesShare"))?;
            let quota = match (rep.quota_cents, own_share, sales_target) {
                (Some(q), _, _) if q < 0 => return Err(invalid(at("quota"), "A quota cannot be negative.".into())),
                (Some(q), _, _) => i128::from(q),
                (None, Some(s), Some(t)) => (t as f64 * s).round() as i128,
                (None, None, Some(_)) => per_rep.unwrap_or(0),
                (None, _, None) => {
                    return Err(invalid(at("quota"), format!("Rep \"{}\" has no quota and there is no companyTarget to split.", rep.owner)))
                }
            };
            let factor = ramp_factor(rep.start_date, period, now, &ramp);
            let ramped = (quota as f64 * factor).round() as i128;
            reps.push(RepPlan { owner: &rep.owner, start: rep.start_date, quota, factor, ramped });
        }
        Ok(QuotaPlan { company_target, sales_share, sales_target, per_rep, ramp, reps })
    }

    /// The quota coverage is measured against: ramped capacity, or the sales target when no
    /// reps are listed.
    pub fn coverage_quota(&self) -> Option<i128> {
        if self.reps.is_empty() {
            self.sales_target
        } else {
            Some(self.reps.iter().map(|r| r.ramped).sum())
        }
    }

    /// A rep's ramped quota.
    pub fn rep_quota(&self, owner: &str) -> Option<i128> {
        self.reps.iter().find(|r| r.owner == owner).map(|r| r.ramped)
    }

    /// The quota report, given won cents per owner in the period.
    pub fn report(&self, won_by_owner: &FastMap<&str, i128>) -> QuotaReport {
        let reason = "ramped quota is zero for this period (rep not started yet, or still ramping)";
        let reps: Vec<RepReport> = (self.reps.iter())
            .map(|r| {
                let won = won_by_owner.get(r.owner).copied().unwrap_or(0);
                RepReport {
                    owner: r.owner.to_owned(),
                    start_date: r.start.map(format_datetime),
                    quota: to_money(r.quota),
                    ramp_factor: r.factor,
                    ramped_quota: to_money(r.ramped),
                    won: to_money(won),
                    attainment: Rate::money(won, r.ramped, reason),
                }
            })
            .collect();
        let capacity: i128 = self.reps.iter().map(|r| r.ramped).sum();
        let won: i128 = self.reps.iter().map(|r| won_by_owner.get(r.owner).copied().unwrap_or(0)).sum();
        QuotaReport {
            company_target: self.company_target.map(to_money),
            sales_share: self.sales_share,
            sales_target: self.sales_target.map(to_money),
            top_down_quota_per_rep: self.per_rep.map(to_money),
            ramp: self.ramp.clone(),
            full_quota: to_money(self.reps.iter().map(|r| r.quota).sum()),
            ramped_capacity: to_money(capacity),
            capacity_gap: self.sales_target.map(|t| to_money(t - capacity)),
            won: to_money(won),
            attainment: Rate::money(won, capacity, "ramped capacity is zero for this period"),
            reps,
        }
    }
}

/// Quota report of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuotaReport {
    /// Company target, if given.
    pub company_target: Option<f64>,
    /// Share of it carried by sales.
    pub sales_share: f64,
    /// companyTarget × salesShare.
    pub sales_target: Option<f64>,
    /// salesTarget ÷ number of reps (the top-down quota).
    pub top_down_quota_per_rep: Option<f64>,
    /// Ramp factors used, by tenure month.
    pub ramp: Vec<f64>,
    /// Sum of full (ramped-up) quotas.
    pub full_quota: f64,
    /// Sum of ramped quotas: what the team can carry this period.
    pub ramped_capacity: f64,
    /// salesTarget − rampedCapacity (positive: the team cannot carry the target).
    pub capacity_gap: Option<f64>,
    /// Won in the period by the listed reps.
    pub won: f64,
    /// won ÷ rampedCapacity.
    pub attainment: Rate,
    /// Per rep, in input order.
    pub reps: Vec<RepReport>,
}

/// One rep's quota and attainment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepReport {
    /// The rep.
    pub owner: String,
    /// Start date (ISO-8601), if given.
    pub start_date: Option<String>,
    /// Full quota.
    pub quota: f64,
    /// Share of the full quota carried this period (0–1).
    pub ramp_factor: f64,
    /// quota × rampFactor.
    pub ramped_quota: f64,
    /// Won in the period (deals owned by the rep, closed won with a close date in the period).
    pub won: f64,
    /// won ÷ rampedQuota; `null` with a reason when the ramped quota is 0.
    pub attainment: Rate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    fn at(s: &str) -> i64 {
        parse_iso8601(s).unwrap()
    }

    #[test]
    fn default_ramp_by_tenure_month() {
        let start = Some(at("2017-01-10"));
        let month = |m: &str, end: &str| ramp_factor(start, &Period::range(at(m), at(end)), 0, &DEFAULT_RAMP);
        assert_eq!(month("2017-03-01", "2017-04-01"), 0.0); // month 3
        assert_eq!(month("2017-04-01", "2017-05-01"), 0.5); // month 4
        assert_eq!(month("2017-07-01", "2017-08-01"), 0.75); // month 7
        assert_eq!(month("2017-10-01", "2017-11-01"), 1.0); // month 10
        // Q2 2017 = months 4–6 → 0.5; Q1 2017: Jan 1–9 before start, all months at 0 anyway.
        assert_eq!(month("2017-04-01", "2017-07-01"), 0.5);
        // Q3 2017: Jul, Aug, Sep are months 7–9 → 0.75.
        assert_eq!(month("2017-07-01", "2017-10-01"), 0.75);
        // Q4 2016: not started.
        assert_eq!(month("2016-10-01", "2017-01-01"), 0.0);
        // Mar–Apr 2017 (31 + 30 days): month 3 at 0, month 4 at 0.5 → 15/61.
        assert!((month("2017-03-01", "2017-05-01") - 15.0 / 61.0).abs() < 1e-12);
        // All time: the month containing now.
        assert_eq!(ramp_factor(start, &Period::ALL, at("2017-05-20"), &DEFAULT_RAMP), 0.5);
        assert_eq!(ramp_factor(start, &Period::ALL, at("2016-12-20"), &DEFAULT_RAMP), 0.0);
        assert_eq!(ramp_factor(None, &Period::ALL, 0, &DEFAULT_RAMP), 1.0);
    }

    #[test]
    fn a_start_mid_period_counts_only_the_days_after_it() {
        // Month 1 at 100% with a custom ramp: Jan 2017, start Jan 11 → 21 of 31 days.
        let f = ramp_factor(Some(at("2017-01-11")), &Period::range(at("2017-01-01"), at("2017-02-01")), 0, &[1.0]);
        assert!((f - 21.0 / 31.0).abs() < 1e-12);
    }
}
