//! Deals read once and scored many times: a dashboard re-scores the same deals as `now`, the
//! config or the pipeline changes, without reading their JSON again.

use serde_json::Value;

use super::deal::Deal;
use crate::error::Result;

/// Deals read for scoring, independent of any config or pipeline: each deal's JSON (exit
/// criteria are rules over the whole deal) and what deal health reads from it, validated and
/// with its dates parsed. Score it with [`DealHealth::score_set`](super::DealHealth::score_set).
#[derive(Debug, Clone)]
pub struct DealSet {
    deals: Vec<(Value, Result<Deal<'static>>)>,
}

impl DealSet {
    /// Reads `deals`. A deal that can't be read is not an error here: scoring reports it at its
    /// index, as [`DealHealth::score_many`](super::DealHealth::score_many) does.
    pub fn new(deals: Vec<Value>) -> DealSet {
        let deals = deals
            .into_iter()
            .map(|json| {
                let deal = Deal::read(&json).map(Deal::into_owned);
                (json, deal)
            })
            .collect();
        DealSet { deals }
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
}
