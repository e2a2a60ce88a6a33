//! Stage-to-stage conversion and average days in each stage, from stage history.
//!
//! Both use closed deals (won or lost, close date in the period) that have a stage history, so
//! deals still in flight never count as failures. A deal *enters* every path stage from the
//! first one it was seen in to the furthest one it reached (history, current stage, and the
//! closed-won stage when won) and *advances* from all but the furthest. Skipped stages count as
//! passed through; a deal created mid-way does not count in earlier stages. The path is the
//! stage table in order without omitted and lost stages (closed lost), ending at closed won.
//!
//! Time in a stage runs from entering it to entering the next one, or to the close date for
//! the last one; a deal's visits to one stage are added up, and the average is over the deals
//! that spent time there.

use serde::Serialize;

use super::deals::DealView;
use super::input::{Deal, Outcome};
use super::rates::{round2, Rate};
use super::stages::{StageLookup, StageTable};
use crate::sort::sort_by;
use crate::time::DAY_MS;

/// One closed deal's way through the stages.
pub(crate) struct Journey<'s> {
    /// First and furthest path positions reached.
    span: Option<(usize, usize)>,
    /// Milliseconds spent per stage-table index.
    times: &'s [(usize, i64)],
}

/// Reusable buffers for tracing journeys without allocating per deal.
#[derive(Debug, Default)]
pub(crate) struct Journeys {
    order: Vec<usize>,
    ms: Vec<i64>,
    seen: Vec<bool>,
    times: Vec<(usize, i64)>,
}

fn widen(span: &mut Option<(usize, usize)>, p: usize) {
    *span = Some(span.map_or((p, p), |(a, b)| (a.min(p), b.max(p))));
}

impl Journeys {
    /// The journey of a closed deal, or `None` when it has no stage history.
    pub fn trace<'a>(&mut self, deal: &'a Deal, view: &DealView, stages: &mut StageLookup<'a>) -> Option<Journey<'_>> {
        let table = stages.table;
        let history = &deal.stage_history;
        if history.is_empty() {
            return None;
        }
        self.order.clear();
        self.order.extend(0..history.len());
        if !history.windows(2).all(|w| w[0].entered_at <= w[1].entered_at) {
            sort_by(&mut self.order, |&a, &b| history[a].entered_at.cmp(&history[b].entered_at));
        }
        self.ms.resize(table.len(), 0);
        self.seen.resize(table.len(), false);
        let mut span = None;
        for (k, &i) in self.order.iter().enumerate() {
            let Some(s) = stages.get(&history[i].stage).index else { continue };
            if let Some(p) = table.position[s] {
                widen(&mut span, p);
            }
            if table.stages[s].is_terminal() {
                continue;
            }
            let end = match self.order.get(k + 1) {
                Some(&next) => Some(history[next].entered_at),
                None => deal.close_date,
            };
            if let Some(end) = end {
                self.ms[s] += (end - history[i].entered_at).max(0);
                self.seen[s] = true;
            }
        }
        if let Some(p) = view.stage.and_then(|s| table.position[s]) {
            widen(&mut span, p);
        }
        if view.outcome == Outcome::Won {
            if let Some(p) = table.won_position {
                widen(&mut span, p);
            }
        }
        self.times.clear();
        for s in 0..table.len() {
            if std::mem::take(&mut self.seen[s]) {
                self.times.push((s, std::mem::take(&mut self.ms[s])));
            }
        }
        Some(Journey { span, times: &self.times })
    }
}

/// Stage conversion and time in stage for one scope.
#[derive(Debug, Default)]
pub(crate) struct ConversionAcc {
    deals: u64,
    entered: Vec<u64>,
    advanced: Vec<u64>,
    stage_ms: Vec<i128>,
    stage_deals: Vec<u64>,
}

impl ConversionAcc {
    /// Counts one journey.
    pub fn add(&mut self, journey: &Journey, table: &StageTable) {
        if self.entered.is_empty() {
            self.entered = vec![0; table.path.len()];
            self.advanced = vec![0; table.path.len()];
            self.stage_ms = vec![0; table.len()];
            self.stage_deals = vec![0; table.len()];
        }
        self.deals += 1;
        if let Some((first, furthest)) = journey.span {
            for p in first..=furthest {
                self.entered[p] += 1;
                if p < furthest {
                    self.advanced[p] += 1;
                }
            }
        }
        for &(s, ms) in journey.times {
            self.stage_ms[s] += i128::from(ms);
            self.stage_deals[s] += 1;
        }
    }

    /// Conversion between consecutive path stages.
    pub fn report(&self, table: &StageTable) -> StageConversion {
        let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
        let steps = (table.path.windows(2).enumerate())
            .map(|(p, pair)| Step {
                from: table.stages[pair[0]].id.clone(),
                to: table.stages[pair[1]].id.clone(),
                rate: Rate::count(at(&self.advanced, p), at(&self.entered, p), "no closed deal with stage history entered this stage in the period"),
            })
            .collect();
        StageConversion { deals: self.deals, steps }
    }

    /// Average days in each stage that deals pass through (not terminal ones).
    pub fn days_in_stage(&self, table: &StageTable) -> Vec<StageTime> {
        (table.stages.iter().enumerate())
            .filter(|(_, s)| !s.is_terminal())
            .map(|(i, s)| {
                let deals = self.stage_deals.get(i).copied().unwrap_or(0);
                let ms = self.stage_ms.get(i).copied().unwrap_or(0);
                StageTime {
                    stage: s.id.clone(),
                    label: s.label.clone(),
                    deals,
                    average_days: (deals > 0).then(|| round2(ms as f64 / deals as f64 / DAY_MS as f64)),
                    expected_days: s.expected_days,
                }
            })
            .collect()
    }
}

/// A conversion step: `{ from, to, rate }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Stage converted from.
    pub from: String,
    /// Next stage.
    pub to: String,
    /// Share of those entering `from` that reached `to` or beyond.
    pub rate: Rate,
}

/// Stage-to-stage conversion: `{ deals, steps }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageConversion {
    /// Closed deals in the period with a stage history.
    pub deals: u64,
    /// One step per consecutive pair of path stages.
    pub steps: Vec<Step>,
}

/// Average time in one stage: `{ stage, label, deals, averageDays, expectedDays }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageTime {
    /// Stage id.
    pub stage: String,
    /// Stage label.
    pub label: String,
    /// Deals that spent time in it.
    pub deals: u64,
    /// Mean days per deal; `null` when no deal did.
    pub average_days: Option<f64>,
    /// The stage table's expected days, for comparison.
    pub expected_days: Option<u32>,
}
