//! Source performance: per lead source, the leads of the period and how far they converted, and
//! the deals of that source closed in the period (won revenue, win rate), with the response SLA.

use serde::Serialize;

use super::deals::WinTally;
use super::group::{GroupBy, Grouped};
use super::leads::{FunnelAcc, ResponseSla, SlaAcc};
use super::money::to_money;
use super::rates::Rate;

/// Everything counted for one source.
#[derive(Debug, Default)]
pub(crate) struct SourceAcc {
    /// Deals of the source closed in the period.
    pub deals: WinTally,
    /// Leads of the source created in the period.
    pub funnel: FunnelAcc,
    /// Their response SLA.
    pub sla: SlaAcc,
}

/// One row of the source table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRow {
    /// Lead source; `null` for records without one.
    pub source: Option<String>,
    /// Leads created in the period.
    pub leads: u64,
    /// Of those, leads that became opportunities.
    pub opportunities: u64,
    /// Of those, leads that became customers.
    pub won_leads: u64,
    /// opportunities ÷ leads.
    pub lead_to_opportunity: Rate,
    /// wonLeads ÷ leads.
    pub lead_to_won: Rate,
    /// Deals of this source won in the period.
    pub won_deals: u64,
    /// Deals of this source lost in the period.
    pub lost_deals: u64,
    /// Amount of the deals won.
    pub won_revenue: f64,
    /// wonDeals ÷ (wonDeals + lostDeals).
    pub win_rate: Rate,
    /// Hot-lead response SLA of this source's leads.
    pub response_sla: ResponseSla,
}

/// The source table, sorted by source (no source last).
pub(crate) fn rows(sources: Grouped<'_, SourceAcc>, sla_minutes: f64) -> Vec<SourceRow> {
    sources
        .into_sorted()
        .into_iter()
        .map(|(key, acc)| {
            let [leads, _, _, opportunities, won_leads] = acc.funnel.counts;
            SourceRow {
                source: GroupBy::Source.label(key),
                leads,
                opportunities,
                won_leads,
                lead_to_opportunity: Rate::count(opportunities, leads, "no leads from this source in the period"),
                lead_to_won: Rate::count(won_leads, leads, "no leads from this source in the period"),
                won_deals: acc.deals.won.count,
                lost_deals: acc.deals.lost.count,
                won_revenue: to_money(acc.deals.won.cents),
                win_rate: acc.deals.win_rate().by_count,
                response_sla: acc.sla.report(sla_minutes),
            }
        })
        .collect()
}
