//! Deals read once and scored many times: a dashboard re-scores the same deals as `now`, the
//! config or the pipeline changes, without reading their JSON again; when a deal changes, only
//! that deal is read again.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use serde_json::Value;

use super::deal::Deal;
use super::evaluate::ExitOutcome;
use crate::error::{check_range, Result};

/// How many engines' exit-criteria outcomes a set keeps (the most recent ones).
const KEPT_ENGINES: usize = 4;

/// Deals read for scoring, independent of any config or pipeline: each deal's JSON (exit
/// criteria are rules over the whole deal) and what deal health reads from it, validated and
/// with its dates parsed. Score it with [`DealHealth::score_set`](super::DealHealth::score_set).
///
/// A set also remembers, for the last few engines that scored it, how each deal's exit criteria
/// came out when they do not read `now` (the deals never change, so neither does that), and
/// evaluates them only once per engine.
#[derive(Debug)]
pub struct DealSet {
    deals: Vec<(Value, Result<Deal<'static>>)>,
    /// Per engine (its id), each deal's exit-criteria outcome once evaluated; most recent first.
    exits: Mutex<Vec<(u64, Vec<Option<ExitOutcome>>)>>,
}

impl DealSet {
    /// Reads `deals`. A deal that can't be read is not an error here: scoring reports it at its
    /// index, as [`DealHealth::score_many`](super::DealHealth::score_many) does.
    pub fn new(deals: Vec<Value>) -> DealSet {
        DealSet { deals: deals.into_iter().map(read).collect(), exits: Mutex::new(Vec::new()) }
    }

    /// Replaces the deal at `index` with `deal`, read as [`DealSet::new`] reads deals; the other
    /// deals keep what was read from them. Input error `INVALID_INDEX` when `index` is not
    /// below [`DealSet::len`].
    pub fn set(&mut self, index: usize, deal: Value) -> Result<()> {
        check_range(index..index.saturating_add(1), self.len(), "The set", "deal")?;
        self.splice(index..index + 1, vec![deal]);
        Ok(())
    }

    /// Adds `deals` after the last one; returns the new length.
    pub fn append(&mut self, deals: Vec<Value>) -> usize {
        self.splice(self.len()..self.len(), deals);
        self.len()
    }

    /// Removes `count` deals from `index` on; the deals after them move down. Input error
    /// `INVALID_INDEX` when they are not all in the set.
    pub fn remove(&mut self, index: usize, count: usize) -> Result<()> {
        let range = index..index.saturating_add(count);
        check_range(range.clone(), self.len(), "The set", "deal")?;
        self.splice(range, Vec::new());
        Ok(())
    }

    /// Replaces the deals in `range` (within the set) with `deals`, and their kept
    /// exit-criteria outcomes with none.
    fn splice(&mut self, range: Range<usize>, deals: Vec<Value>) {
        let added = deals.len();
        self.deals.splice(range.clone(), deals.into_iter().map(read));
        let kept = self.exits.get_mut().unwrap_or_else(PoisonError::into_inner);
        for (_, exits) in kept {
            exits.splice(range.clone(), std::iter::repeat(None).take(added));
        }
    }

    /// How many deals the set holds.
    pub fn len(&self) -> usize {
        self.deals.len()
    }

    /// Whether the set holds no deal.
    pub fn is_empty(&self) -> bool {
        self.deals.is_empty()
    }

    /// Each deal's JSON and what was read from it.
    pub(crate) fn deals(&self) -> impl Iterator<Item = (&Value, &Result<Deal<'static>>)> {
        self.deals.iter().map(|(json, deal)| (json, deal))
    }

    /// Calls `f` with the exit-criteria outcomes kept for `engine` (one slot per deal).
    pub(crate) fn with_exits<R>(&self, engine: u64, f: impl FnOnce(&mut [Option<ExitOutcome>]) -> R) -> R {
        let mut kept = self.exits.lock().unwrap_or_else(PoisonError::into_inner);
        let at = match kept.iter().position(|(id, _)| *id == engine) {
            Some(at) => at,
            None => {
                kept.truncate(KEPT_ENGINES - 1);
                kept.push((engine, vec![None; self.deals.len()]));
                kept.len() - 1
            }
        };
        kept[..=at].rotate_right(1);
        f(&mut kept[0].1)
    }
}

/// A deal's JSON with what was read from it.
fn read(json: Value) -> (Value, Result<Deal<'static>>) {
    let deal = Deal::read(&json).map(Deal::into_owned);
    (json, deal)
}
