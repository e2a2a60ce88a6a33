//! One pass over the deals and leads, feeding the overall accumulators, the group's, the source
//! table and won-per-owner; then the result.

use super::conversion::{ConversionAcc, Journeys};
use super::deals::{ClosedAcc, DealView, Sum};
use super::forecast::{coverage, forecast, velocity};
use super::group::{FastMap, GroupBy, Grouped, Key, MonthCache};
use super::input::{Deal, Lead, MetricsInput, Outcome};
use super::leads::{FunnelAcc, LeadView, SlaAcc};
use super::options::MetricsOptions;
use super::period::Period;
use super::pipeline::OpenAcc;
use super::quota::QuotaPlan;
use super::report::{Group, Metrics};
use super::sources::{self, SourceAcc};
use super::stages::{default_stages, StageLookup, StageTable};
use crate::time::MINUTE_MS;
use crate::Result;

/// Everything counted for one scope (overall or a group).
#[derive(Debug, Default)]
struct Acc {
    closed: ClosedAcc,
    created: Sum,
    open: OpenAcc,
    conversion: ConversionAcc,
    funnel: FunnelAcc,
    sla: SlaAcc,
}

/// Computes the metrics (see [`compute_metrics`](super::compute_metrics)).
pub(crate) fn run(input: &MetricsInput, options: &MetricsOptions) -> Result<Metrics> {
    let table = match &options.stages {
        Some(stages) => StageTable::new(stages)?,
        None => StageTable::new(&default_stages())?,
    };
    let period = options.period.resolve(options.now)?;
    let plan = input.quotas.as_ref().map(|q| QuotaPlan::new(q, &period, options.now)).transpose()?;
    let mut pass = Pass {
        table: &table,
        stages: StageLookup::new(&table),
        months: MonthCache::default(),
        options,
        period,
        sla_ms: (options.response_sla_minutes * MINUTE_MS as f64).round() as i64,
        unknown: Vec::new(),
        unknown_index: FastMap::default(),
        overall: Acc { closed: ClosedAcc::with_capacity(input.deals.len()), ..Acc::default() },
        groups: options.group_by.map(|by| (by, Grouped::new())),
        sources: Grouped::new(),
        won_by_owner: FastMap::default(),
        journeys: Journeys::default(),
    };
    let filter = options.filter.as_ref();
    for deal in input.deals.iter().filter(|d| filter.map_or(true, |f| f.keeps_deal(d))) {
        pass.deal(deal);
    }
    for lead in input.leads.iter().filter(|l| filter.map_or(true, |f| f.keeps_lead(l))) {
        pass.lead(lead);
    }
    Ok(pass.finish(plan.as_ref()))
}

struct Pass<'a> {
    table: &'a StageTable,
    stages: StageLookup<'a>,
    months: MonthCache,
    options: &'a MetricsOptions,
    period: Period,
    sla_ms: i64,
    /// Stage names of open deals the table does not know, in order of first sight.
    unknown: Vec<&'a str>,
    unknown_index: FastMap<&'a str, usize>,
    overall: Acc,
    groups: Option<(GroupBy, Grouped<'a, Acc>)>,
    sources: Grouped<'a, SourceAcc>,
    won_by_owner: FastMap<&'a str, i128>,
    journeys: Journeys,
}

/// Applies `f` to the overall accumulator and to the group `key` picks.
fn route<'a>(overall: &mut Acc, groups: &mut Option<(GroupBy, Grouped<'a, Acc>)>, key: impl FnOnce(GroupBy) -> Key<'a>, mut f: impl FnMut(&mut Acc)) {
    f(overall);
    if let Some((by, g)) = groups {
        f(g.get(key(*by)));
    }
}

impl<'a> Pass<'a> {
    fn deal(&mut self, deal: &'a Deal) {
        let table = self.table;
        let view = DealView::new(deal, &mut self.stages, self.options.cycle_start);
        let close = deal.close_date;
        let months = &mut self.months;
        if view.outcome != Outcome::Open && self.period.contains(close) {
            let journey = self.journeys.trace(deal, &view, &mut self.stages);
            route(&mut self.overall, &mut self.groups, |by| by.deal_key(deal, close, months), |acc| {
                acc.closed.add(deal, &view);
                if let Some(j) = &journey {
                    acc.conversion.add(j, table);
                }
            });
            self.sources.get(GroupBy::Source.deal_key(deal, None, months)).deals.add(&view);
            if let (Outcome::Won, Some(owner)) = (view.outcome, deal.owner.as_deref()) {
                *self.won_by_owner.entry(owner).or_default() += i128::from(view.cents);
            }
        }
        if self.period.contains(view.created) {
            route(&mut self.overall, &mut self.groups, |by| by.deal_key(deal, view.created, months), |acc| acc.created.add(view.cents));
        }
        if view.outcome == Outcome::Open && self.period.contains(close) {
            let slot = self.slot(deal.stage.as_deref(), view.stage);
            let now = self.options.now;
            route(&mut self.overall, &mut self.groups, |by| by.deal_key(deal, close, &mut self.months), |acc| acc.open.add(&view, slot, table, now));
        }
    }

    /// Stage slot of an open deal: its table index, or a slot for a stage the table lacks.
    fn slot(&mut self, name: Option<&'a str>, known: Option<usize>) -> Option<usize> {
        if known.is_some() {
            return known;
        }
        let name = name?;
        let unknown = &mut self.unknown;
        let k = *self.unknown_index.entry(name).or_insert_with(|| {
            unknown.push(name);
            unknown.len() - 1
        });
        Some(self.table.len() + k)
    }

    fn lead(&mut self, lead: &'a Lead) {
        let view = LeadView::new(lead, self.options.now, self.sla_ms);
        if !self.period.contains(view.cohort) {
            return;
        }
        let months = &mut self.months;
        route(&mut self.overall, &mut self.groups, |by| by.lead_key(lead, view.cohort, months), |acc| {
            acc.funnel.add(&view);
            acc.sla.add(&view);
        });
        let source = self.sources.get(GroupBy::Source.lead_key(lead, None, months));
        source.funnel.add(&view);
        source.sla.add(&view);
    }

    fn finish(self, plan: Option<&QuotaPlan>) -> Metrics {
        let Pass { table, options, period, unknown, mut overall, groups, sources, won_by_owner, .. } = self;
        let scope = Scope { table, unknown: &unknown, sla_minutes: options.response_sla_minutes };
        let mut result = scope.summarize(&mut overall, period, plan.and_then(QuotaPlan::coverage_quota));
        result.group_by = groups.as_ref().map(|(by, _)| *by);
        result.quotas = plan.map(|p| p.report(&won_by_owner));
        result.sources = Some(sources::rows(sources, options.response_sla_minutes));
        result.groups = Some(match groups {
            None => Vec::new(),
            Some((by, groups)) => (groups.into_sorted().into_iter())
                .map(|(key, mut acc)| {
                    let slice = by.span(key).map_or(period, |(s, e)| period.clip(s, e));
                    let quota = match (by, key) {
                        (GroupBy::Owner, Key::Text(owner)) => plan.and_then(|p| p.rep_quota(owner)),
                        _ => None,
                    };
                    Group { key: by.label(key), metrics: scope.summarize(&mut acc, slice, quota) }
                })
                .collect(),
        });
        result
    }
}

/// What every scope's figures are read against.
struct Scope<'s> {
    table: &'s StageTable,
    unknown: &'s [&'s str],
    sla_minutes: f64,
}

impl Scope<'_> {
    /// The figures of one scope over `period`, with coverage against `quota`.
    fn summarize(&self, acc: &mut Acc, period: Period, quota: Option<i128>) -> Metrics {
        let closed = acc.closed.report();
        let won = acc.closed.tally.won;
        Metrics {
            period: period.info(),
            group_by: None,
            won: won.tally(),
            lost: acc.closed.tally.lost.tally(),
            velocity: velocity(acc.open.total.count, &closed, period.days()),
            win_rate: closed.win_rate,
            deal_size: closed.deal_size,
            sales_cycle: closed.sales_cycle,
            stage_conversion: acc.conversion.report(self.table),
            days_in_stage: acc.conversion.days_in_stage(self.table),
            funnel: acc.funnel.report(),
            pipeline: acc.open.report(self.table, self.unknown),
            pipeline_created: acc.created.tally(),
            forecast: forecast(&acc.open, won.cents, acc.open.unknown_stages(self.table, self.unknown)),
            coverage: coverage(acc.open.total.cents, won.cents, quota),
            response_sla: acc.sla.report(self.sla_minutes),
            quotas: None,
            sources: None,
            groups: None,
        }
    }
}
