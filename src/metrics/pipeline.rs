//! Open pipeline: open deals whose expected close date is in the period (every open deal for
//! all time), by stage and by forecast category.

use serde::Serialize;

use super::deals::{DealView, Sum};
use super::money::to_money;
use super::rates::round2;
use super::stages::StageTable;
use crate::sort::sort_by;
use crate::time::DAY_MS;

/// Open deals of one stage slot.
#[derive(Debug, Clone, Copy, Default)]
struct SlotAcc {
    sum: Sum,
    age_ms: i128,
    aged: u64,
}

/// Open deals in one scope. Stage slots are stage-table indices, then stages the table does not
/// know (`table.len() + k` for the k-th unknown name), then deals without a stage.
#[derive(Debug, Default)]
pub(crate) struct OpenAcc {
    /// All open deals.
    pub total: Sum,
    slots: Vec<SlotAcc>,
    no_stage: SlotAcc,
    /// Amount by forecast category (known stages only), indexed by [`ForecastCategory::index`].
    pub categories: [i128; 5],
    /// Amount × stage probability by forecast category, in cents.
    pub weighted: [f64; 5],
}

impl OpenAcc {
    /// Counts an open deal in stage `slot`, aged from its start to `now`.
    pub fn add(&mut self, view: &DealView, slot: Option<usize>, table: &StageTable, now: i64) {
        self.total.add(view.cents);
        let acc = match slot {
            Some(i) => {
                if i >= self.slots.len() {
                    self.slots.resize(i + 1, SlotAcc::default());
                }
                &mut self.slots[i]
            }
            None => &mut self.no_stage,
        };
        acc.sum.add(view.cents);
        if let Some(start) = view.start {
            acc.age_ms += i128::from(now - start);
            acc.aged += 1;
        }
        if let Some(stage) = view.stage.map(|i| &table.stages[i]) {
            let c = stage.category.index();
            self.categories[c] += i128::from(view.cents);
            self.weighted[c] += view.cents as f64 * stage.probability;
        }
    }

    fn slot(&self, i: usize) -> SlotAcc {
        self.slots.get(i).copied().unwrap_or_default()
    }

    /// Pipeline by stage: every stage of the table in order (terminal stages only when they
    /// hold open deals), then unknown stages by name, then deals without a stage.
    pub fn report(&self, table: &StageTable, unknown: &[&str]) -> Pipeline {
        let mut by_stage = Vec::with_capacity(table.len() + unknown.len() + 1);
        for (i, s) in table.stages.iter().enumerate() {
            let acc = self.slot(i);
            if !s.is_terminal() || acc.sum.count > 0 {
                by_stage.push(StageRow::new(Some(&s.id), Some(&s.label), &acc));
            }
        }
        for (name, acc) in self.unknown_slots(table, unknown) {
            by_stage.push(StageRow::new(Some(name), Some(name), &acc));
        }
        if self.no_stage.sum.count > 0 {
            by_stage.push(StageRow::new(None, None, &self.no_stage));
        }
        Pipeline { count: self.total.count, value: to_money(self.total.cents), by_stage }
    }

    /// Open deals whose stage the table does not know (or that have none), left out of the
    /// weighted forecast and categories.
    pub fn unknown_stages(&self, table: &StageTable, unknown: &[&str]) -> Vec<UnknownStage> {
        let mut rows: Vec<_> = self
            .unknown_slots(table, unknown)
            .map(|(name, acc)| UnknownStage { stage: Some(name.to_owned()), count: acc.sum.count, value: to_money(acc.sum.cents) })
            .collect();
        if self.no_stage.sum.count > 0 {
            let acc = self.no_stage.sum;
            rows.push(UnknownStage { stage: None, count: acc.count, value: to_money(acc.cents) });
        }
        rows
    }

    /// Unknown stages holding deals in this scope, sorted by name.
    fn unknown_slots<'n>(&self, table: &StageTable, unknown: &[&'n str]) -> impl Iterator<Item = (&'n str, SlotAcc)> {
        let mut named: Vec<_> = (unknown.iter().enumerate())
            .map(|(k, &name)| (name, self.slot(table.len() + k)))
            .filter(|(_, acc)| acc.sum.count > 0)
            .collect();
        sort_by(&mut named, |a, b| a.0.cmp(b.0));
        named.into_iter()
    }
}

/// Open pipeline of a scope: `{ count, value, byStage }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pipeline {
    /// Open deals.
    pub count: u64,
    /// Their total amount.
    pub value: f64,
    /// Breakdown by current stage.
    pub by_stage: Vec<StageRow>,
}

/// Open deals in one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageRow {
    /// Stage id (the deal's own text for a stage the table does not know); `null` for deals
    /// without a stage.
    pub stage: Option<String>,
    /// Stage label.
    pub label: Option<String>,
    /// Open deals in the stage.
    pub count: u64,
    /// Their total amount.
    pub value: f64,
    /// Mean days from their start (see `cycleStart`) to `now`; `null` when none has a date.
    pub average_age_days: Option<f64>,
}

impl StageRow {
    fn new(stage: Option<&str>, label: Option<&str>, acc: &SlotAcc) -> StageRow {
        StageRow {
            stage: stage.map(str::to_owned),
            label: label.map(str::to_owned),
            count: acc.sum.count,
            value: to_money(acc.sum.cents),
            average_age_days: (acc.aged > 0).then(|| round2(acc.age_ms as f64 / acc.aged as f64 / DAY_MS as f64)),
        }
    }
}

/// Open deals in a stage the stage table does not know: `{ stage, count, value }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnknownStage {
    /// The stage as the deals name it; `null` for deals without a stage.
    pub stage: Option<String>,
    /// Open deals in it.
    pub count: u64,
    /// Their total amount.
    pub value: f64,
}
