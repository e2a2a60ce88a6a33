//! The result object of a metrics call.

use serde::Serialize;

use super::conversion::{StageConversion, StageTime};
use super::deals::{Tally, WinRate};
use super::forecast::{Coverage, Forecast, Velocity};
use super::group::GroupBy;
use super::leads::{Funnel, ResponseSla};
use super::period::PeriodInfo;
use super::pipeline::Pipeline;
use super::quota::QuotaReport;
use super::rates::Stat;
use super::sources::SourceRow;

/// Pipeline metrics for a period: the overall figures, plus `quotas`, `sources` and `groups` at
/// the top level. Each group holds the same figures for its slice (without those three).
///
/// What "in the period" means: won/lost figures, win rates, deal size, sales cycle, stage
/// conversion and days in stage use deals *closed* in the period (by close date); the open
/// pipeline, forecast, velocity and coverage use *open* deals whose expected close date is in
/// the period; pipeline created uses the creation date (else engagement date); the funnel and
/// SLA use leads *created* in the period. With all time every record counts, dated or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// The period covered (a month or quarter group's own slice of it).
    pub period: PeriodInfo,
    /// The grouping of `groups` (top level only; absent without grouping).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_by: Option<GroupBy>,
    /// Deals won in the period.
    pub won: Tally,
    /// Deals lost in the period.
    pub lost: Tally,
    /// Win rate by count and by value.
    pub win_rate: WinRate,
    /// Size of won deals (those with an amount).
    pub deal_size: Stat,
    /// Days from start (`cycleStart`) to close of won deals.
    pub sales_cycle: Stat,
    /// Stage-to-stage conversion from stage history.
    pub stage_conversion: StageConversion,
    /// Average days in each stage, from stage history.
    pub days_in_stage: Vec<StageTime>,
    /// Lead → MQL → SQL → Opportunity → Won.
    pub funnel: Funnel,
    /// Open pipeline by stage.
    pub pipeline: Pipeline,
    /// Deals created in the period.
    pub pipeline_created: Tally,
    /// Weighted forecast, categories and scenarios.
    pub forecast: Forecast,
    /// Pipeline velocity.
    pub velocity: Velocity,
    /// Pipeline coverage against the remaining quota.
    pub coverage: Coverage,
    /// Hot-lead response SLA.
    pub response_sla: ResponseSla,
    /// Quotas, capacity and attainment (top level, when quotas are given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotas: Option<QuotaReport>,
    /// Performance per lead source (top level only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceRow>>,
    /// Per-group figures sorted by key, `null` key last (top level; empty without `groupBy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Group>>,
}

/// One group of a grouped result: `{ key, metrics }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The owner, source, segment or product; `2017-03` for a month, `2017-Q1` for a quarter;
    /// `null` for records without one. Only keys with at least one record appear.
    pub key: Option<String>,
    /// The figures of this group.
    pub metrics: Metrics,
}
