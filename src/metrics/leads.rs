//! Lead funnel (Lead → MQL → SQL → Opportunity → Won) and the hot-lead response SLA.
//!
//! Leads are a cohort: those created in the period (the earliest lifecycle date stands in for a
//! missing `createdAt`). Each lead counts in every stage up to the furthest it reached, so a
//! skipped stage counts as passed. SLA: a hot lead is within the SLA when its first contact came
//! at most `responseSlaMinutes` after creation; breached when it came later, or has not come and
//! the SLA has run out by `now`; pending while not contacted and the SLA is still running;
//! unmeasured without a creation date. Compliance = within ÷ (within + breached).

use serde::Serialize;

use super::conversion::Step;
use super::input::Lead;
use super::rates::Rate;

/// Funnel stage names, in order.
pub(crate) const FUNNEL: [&str; 5] = ["lead", "mql", "sql", "opportunity", "won"];

/// How a hot lead fared against the SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlaOutcome {
    Within,
    Breached,
    Pending,
    Unmeasured,
}

/// What the engine needs of a lead, worked out once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LeadView {
    /// The date that places the lead in a period.
    pub cohort: Option<i64>,
    /// Furthest funnel stage reached (index into [`FUNNEL`]).
    pub reach: usize,
    /// SLA result for a hot lead; `None` for others.
    pub sla: Option<SlaOutcome>,
}

impl LeadView {
    /// Classifies `lead` at `now` against an SLA of `sla_ms`.
    pub fn new(lead: &Lead, now: i64, sla_ms: i64) -> LeadView {
        let stamps = [lead.mql_at, lead.sql_at, lead.opportunity_at, lead.won_at];
        let reach = stamps.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        let cohort = lead.created_at.or_else(|| stamps.iter().flatten().min().copied());
        let sla = lead.hot.unwrap_or(false).then_some(match (lead.created_at, lead.first_contact_at) {
            (None, _) => SlaOutcome::Unmeasured,
            (Some(c), Some(f)) if f - c <= sla_ms => SlaOutcome::Within,
            (Some(_), Some(_)) => SlaOutcome::Breached,
            (Some(c), None) if now - c > sla_ms => SlaOutcome::Breached,
            (Some(_), None) => SlaOutcome::Pending,
        });
        LeadView { cohort, reach, sla }
    }
}

/// Leads per funnel stage in one scope.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FunnelAcc {
    /// Leads that reached each stage of [`FUNNEL`].
    pub counts: [u64; 5],
}

impl FunnelAcc {
    /// Counts a lead.
    pub fn add(&mut self, lead: &LeadView) {
        for c in &mut self.counts[..=lead.reach] {
            *c += 1;
        }
    }

    /// The funnel with its step and overall conversion.
    pub fn report(&self) -> Funnel {
        let c = self.counts;
        Funnel {
            stages: FUNNEL.iter().zip(c).map(|(&stage, count)| FunnelStage { stage, count }).collect(),
            steps: (0..4)
                .map(|i| Step {
                    from: FUNNEL[i].to_owned(),
                    to: FUNNEL[i + 1].to_owned(),
                    rate: Rate::count(c[i + 1], c[i], "no lead in the period reached the earlier stage"),
                })
                .collect(),
            overall: Rate::count(c[4], c[0], "no leads in the period"),
        }
    }
}

/// Lead funnel: `{ stages: [{ stage, count }], steps: [{ from, to, rate }], overall }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    /// Leads reaching each stage: lead, mql, sql, opportunity, won.
    pub stages: Vec<FunnelStage>,
    /// Conversion from each stage to the next.
    pub steps: Vec<Step>,
    /// Lead → won.
    pub overall: Rate,
}

/// Leads that reached one funnel stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStage {
    /// `"lead" | "mql" | "sql" | "opportunity" | "won"`.
    pub stage: &'static str,
    /// Leads of the period that reached it.
    pub count: u64,
}

/// Hot-lead SLA counts in one scope.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SlaAcc {
    hot: u64,
    within: u64,
    breached: u64,
    pending: u64,
    unmeasured: u64,
}

impl SlaAcc {
    /// Counts a lead (only hot ones matter).
    pub fn add(&mut self, lead: &LeadView) {
        let Some(outcome) = lead.sla else { return };
        self.hot += 1;
        *match outcome {
            SlaOutcome::Within => &mut self.within,
            SlaOutcome::Breached => &mut self.breached,
            SlaOutcome::Pending => &mut self.pending,
            SlaOutcome::Unmeasured => &mut self.unmeasured,
        } += 1;
    }

    /// SLA compliance for an SLA of `sla_minutes`.
    pub fn report(&self, sla_minutes: f64) -> ResponseSla {
        ResponseSla {
            sla_minutes,
            hot_leads: self.hot,
            within_sla: self.within,
            breached: self.breached,
            pending: self.pending,
            unmeasured: self.unmeasured,
            compliance: Rate::count(self.within, self.within + self.breached, "no hot lead in the period has a measurable response"),
        }
    }
}

/// Lead response SLA: `{ slaMinutes, hotLeads, withinSla, breached, pending, unmeasured, compliance }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseSla {
    /// The SLA: minutes from creation to first contact.
    pub sla_minutes: f64,
    /// Hot leads of the period.
    pub hot_leads: u64,
    /// Contacted within the SLA.
    pub within_sla: u64,
    /// Contacted late, or not contacted with the SLA run out.
    pub breached: u64,
    /// Not contacted yet, SLA still running at `now`.
    pub pending: u64,
    /// Without a creation date, so not measurable.
    pub unmeasured: u64,
    /// withinSla ÷ (withinSla + breached).
    pub compliance: Rate,
}
