//! Closed-deal metrics: won and lost totals, win rate by count and by value, deal size and sales
//! cycle. "In the period" means closed (won or lost) with a close date in the period.

use serde::Serialize;

use super::input::{Deal, Outcome};
use super::money::to_money;
use super::options::CycleStart;
use super::rates::{Rate, Stat};
use super::stages::StageLookup;

/// What the engine needs of a deal, worked out once per deal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DealView {
    /// Explicit or derived outcome.
    pub outcome: Outcome,
    /// Index of the current stage in the stage table.
    pub stage: Option<usize>,
    /// Amount in cents, 0 when missing.
    pub cents: i64,
    /// Whether the amount was given.
    pub has_amount: bool,
    /// Where the sales cycle and the deal's age start (see [`CycleStart`]).
    pub start: Option<i64>,
    /// Creation date, else engagement date: when the deal entered the pipeline.
    pub created: Option<i64>,
}

impl DealView {
    /// Classifies `deal` against the stage table.
    pub fn new<'a>(deal: &'a Deal, stages: &mut StageLookup<'a>, cycle_start: CycleStart) -> DealView {
        let matched = deal.stage.as_deref().map(|s| stages.get(s));
        let created = deal.created_at.or(deal.engaged_at);
        let start = match cycle_start {
            CycleStart::Created => created,
            CycleStart::Engaged => deal.engaged_at.or(deal.created_at),
        };
        DealView {
            outcome: deal.outcome.unwrap_or(matched.map_or(Outcome::Open, |m| m.outcome)),
            stage: matched.and_then(|m| m.index),
            cents: deal.amount_cents.unwrap_or(0),
            has_amount: deal.amount_cents.is_some(),
            start,
            created,
        }
    }
}

/// A count and a money total: `{ count, value }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Number of deals.
    pub count: u64,
    /// Sum of their amounts (missing amounts count as 0), exact to the cent.
    pub value: f64,
}

/// Running count and cents total.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sum {
    pub count: u64,
    pub cents: i128,
}

impl Sum {
    /// Adds one deal's amount.
    pub fn add(&mut self, cents: i64) {
        self.count += 1;
        self.cents += i128::from(cents);
    }

    /// As a serializable tally.
    pub fn tally(&self) -> Tally {
        Tally { count: self.count, value: to_money(self.cents) }
    }
}

/// Win rate two ways: `{ byCount, byValue }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WinRate {
    /// Won deals / closed (won + lost) deals.
    pub by_count: Rate,
    /// Won value / closed value.
    pub by_value: Rate,
}

/// Won and lost deals, for win rates (also used per lead source).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WinTally {
    pub won: Sum,
    pub lost: Sum,
}

impl WinTally {
    /// Counts a closed deal.
    pub fn add(&mut self, view: &DealView) {
        match view.outcome {
            Outcome::Won => self.won.add(view.cents),
            Outcome::Lost => self.lost.add(view.cents),
            Outcome::Open => {}
        }
    }

    /// Win rate by count and by value.
    pub fn win_rate(&self) -> WinRate {
        WinRate {
            by_count: Rate::count(self.won.count, self.won.count + self.lost.count, "no closed deals in the period"),
            by_value: Rate::money(self.won.cents, self.won.cents + self.lost.cents, "closed deals in the period have no value"),
        }
    }
}

/// Closed deals in one scope.
#[derive(Debug, Default)]
pub(crate) struct ClosedAcc {
    pub tally: WinTally,
    sizes: Vec<i64>,
    cycles: Vec<i64>,
}

/// Closed-deal figures of one scope.
pub(crate) struct ClosedReport {
    pub win_rate: WinRate,
    pub deal_size: Stat,
    pub sales_cycle: Stat,
}

impl ClosedAcc {
    /// Room for `deals` closed deals without reallocating.
    pub fn with_capacity(deals: usize) -> ClosedAcc {
        ClosedAcc { tally: WinTally::default(), sizes: Vec::with_capacity(deals), cycles: Vec::with_capacity(deals) }
    }

    /// Counts a deal closed in the period.
    pub fn add(&mut self, deal: &Deal, view: &DealView) {
        self.tally.add(view);
        if view.outcome != Outcome::Won {
            return;
        }
        if view.has_amount {
            self.sizes.push(view.cents);
        }
        if let (Some(start), Some(close)) = (view.start, deal.close_date) {
            self.cycles.push(close - start);
        }
    }

    /// Win rates, won deal size and sales cycle (won deals, start to close).
    pub fn report(&mut self) -> ClosedReport {
        let sized: i128 = self.sizes.iter().map(|&c| i128::from(c)).sum();
        ClosedReport {
            win_rate: self.tally.win_rate(),
            deal_size: Stat::money(&mut self.sizes, sized, "no won deals with an amount in the period"),
            sales_cycle: Stat::days(&mut self.cycles, "no won deals with a start and close date in the period"),
        }
    }
}
