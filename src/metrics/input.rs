//! The records the metrics are computed from: deals, leads and quotas, as a CRM extension holds
//! them. JSON names are camelCase; every field but a stage-history entry's is optional.
//!
//! Dates are ISO-8601 text or epoch milliseconds; amounts are numbers or numeric text (HubSpot
//! sends `"amount": "500"`) and are rounded to whole cents on reading; `null`, a missing field
//! and empty text all mean "not set". Fields not listed here are ignored.

use serde::Serialize;

use super::de;
use serde_json::Value;

use crate::config::{deserialize_via_from_json, impl_from_json, need, object, DeError, FromJson};

/// Everything [`compute_metrics`](super::compute_metrics) reads: `{ deals, leads, quotas }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricsInput {
    /// Opportunities, open and closed.
    pub deals: Vec<Deal>,
    /// Leads with their lifecycle timestamps, for the funnel, source table and response SLA.
    pub leads: Vec<Lead>,
    /// Targets and reps, for quota capacity, attainment and coverage.
    pub quotas: Option<Quotas>,
}

/// How a deal ended, or that it has not. JSON: `"won" | "lost" | "open"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
    /// Still in the pipeline.
    Open,
}

/// One opportunity.
///
/// When `outcome` is absent it is derived from `stage`: the matched stage's own `outcome`
/// (`closed_won` → won, `closed_lost` → lost in the default table); else the name: "Won" or
/// "Closed Won" (any case, spaces, `_` or `-` ignored, so HubSpot's `closedwon` too) is won,
/// "Lost"/"Closed Lost" lost; else a stage in the `closed` forecast category is won; anything
/// else is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deal {
    /// Owning rep; the key for `groupBy: "owner"` and for matching quota reps.
    pub owner: Option<String>,
    /// Lead source (e.g. "Webinar", "Paid search").
    pub source: Option<String>,
    /// Market segment, region or team.
    pub segment: Option<String>,
    /// Product line.
    pub product: Option<String>,
    /// Deal value in whole cents (JSON `amount`, in currency units). Missing counts as 0 in
    /// sums and is left out of deal-size statistics.
    pub amount_cents: Option<i64>,
    /// When the deal was created (epoch ms).
    pub created_at: Option<i64>,
    /// When the buyer first engaged (epoch ms); stands in for `createdAt` when that is missing.
    pub engaged_at: Option<i64>,
    /// Actual close date for closed deals, expected close date for open ones (epoch ms).
    pub close_date: Option<i64>,
    /// Current stage, matched to the stage table by id or case-insensitive label.
    pub stage: Option<String>,
    /// `"won"`, `"lost"` or `"open"` (any case); derived from `stage` when absent.
    pub outcome: Option<Outcome>,
    /// Stage changes, in any order; used for stage conversion and days in stage.
    pub stage_history: Vec<StageEntry>,
}

/// A deal entering a stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageEntry {
    /// The stage entered (id or label).
    pub stage: String,
    /// When it was entered (epoch ms).
    pub entered_at: i64,
}

/// One lead and the lifecycle stages it reached. A later stage implies the earlier ones (a lead
/// with `sqlAt` but no `mqlAt` counts as an MQL too).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lead {
    /// Owning rep, for `groupBy: "owner"`.
    pub owner: Option<String>,
    /// Lead source, for the source table and `groupBy: "source"`.
    pub source: Option<String>,
    /// Segment, for `groupBy: "segment"`.
    pub segment: Option<String>,
    /// When the lead was created (epoch ms); the earliest lifecycle date stands in when absent.
    pub created_at: Option<i64>,
    /// Became a marketing-qualified lead.
    pub mql_at: Option<i64>,
    /// Became a sales-qualified lead.
    pub sql_at: Option<i64>,
    /// Became an opportunity.
    pub opportunity_at: Option<i64>,
    /// Became a customer (won).
    pub won_at: Option<i64>,
    /// A hot lead, subject to the response SLA.
    pub hot: Option<bool>,
    /// First sales touch (call, email, meeting), for the response SLA.
    pub first_contact_at: Option<i64>,
}

/// Targets for the period being reported (e.g. the quarter's numbers when the period is a
/// quarter).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quotas {
    /// Company revenue target for the period, in cents (JSON `companyTarget`, in units).
    pub company_target_cents: Option<i64>,
    /// Share of the company target carried by the sales team, 0–1 (default 1).
    pub sales_share: Option<f64>,
    /// Quota-carrying reps.
    pub reps: Vec<RepQuota>,
    /// Ramp factors for tenure months 1, 2, 3, …, each 0–1; from the month after the last one
    /// a rep is fully ramped (1.0). Default `[0,0,0,0.5,0.5,0.5,0.75,0.75,0.75]`.
    pub ramp: Option<Vec<f64>>,
}

/// One rep's quota.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RepQuota {
    /// The rep, as it appears in deals' `owner`.
    pub owner: String,
    /// Fully ramped quota for the period in cents (JSON `quota`, in units). When absent the
    /// rep gets a top-down share of the sales target.
    pub quota_cents: Option<i64>,
    /// First day on the job (epoch ms); absent means fully ramped.
    pub start_date: Option<i64>,
    /// This rep's share of the sales target, 0–1; absent means an equal split.
    pub sales_share: Option<f64>,
}

impl_from_json!(record MetricsInput, allow {
    deals: "deals" with de::list,
    leads: "leads" with de::list,
    quotas: "quotas",
});

impl_from_json!(record Deal, allow {
    owner: "owner" with de::opt_text,
    source: "source" with de::opt_text,
    segment: "segment" with de::opt_text,
    product: "product" with de::opt_text,
    amount_cents: "amount" with de::opt_cents,
    created_at: "createdAt" with de::opt_time,
    engaged_at: "engagedAt" with de::opt_time,
    close_date: "closeDate" with de::opt_time,
    stage: "stage" with de::opt_text,
    outcome: "outcome" with de::opt_outcome,
    stage_history: "stageHistory" with de::list,
});

/// A [`StageEntry`] being read: its members as they come.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct EntryParts {
    stage: Option<String>,
    entered_at: Option<i64>,
}

impl EntryParts {
    /// The JSON member names.
    pub(crate) const FIELDS: &'static [&'static str] = &["stage", "enteredAt"];

    /// The index in `Self::FIELDS` of the member named `key`.
    pub(crate) fn index(key: &str) -> Option<usize> {
        match key {
            "stage" => Some(0),
            "enteredAt" => Some(1),
            _ => None,
        }
    }

    /// Reads the member named `Self::FIELDS[i]`.
    pub(crate) fn set(&mut self, i: usize, value: &Value) -> Result<(), DeError> {
        match i {
            0 => self.stage = Some(de::text(value)?),
            _ => self.entered_at = Some(de::time(value)?),
        }
        Ok(())
    }

    /// The entry, once its members are read: both are required.
    pub(crate) fn build(self) -> Result<StageEntry, DeError> {
        Ok(StageEntry { stage: need(self.stage, "stage")?, entered_at: need(self.entered_at, "enteredAt")? })
    }
}

impl FromJson for StageEntry {
    fn from_json(value: &Value) -> Result<StageEntry, DeError> {
        let mut parts = EntryParts::default();
        object(value, "struct StageEntry", EntryParts::FIELDS, false, &mut |i, v| parts.set(i, v))?;
        parts.build()
    }
}

impl_from_json!(record Lead, allow {
    owner: "owner" with de::opt_text,
    source: "source" with de::opt_text,
    segment: "segment" with de::opt_text,
    created_at: "createdAt" with de::opt_time,
    mql_at: "mqlAt" with de::opt_time,
    sql_at: "sqlAt" with de::opt_time,
    opportunity_at: "opportunityAt" with de::opt_time,
    won_at: "wonAt" with de::opt_time,
    hot: "hot",
    first_contact_at: "firstContactAt" with de::opt_time,
});

impl_from_json!(record Quotas, allow {
    company_target_cents: "companyTarget" with de::opt_cents,
    sales_share: "salesShare",
    reps: "reps" with de::list,
    ramp: "ramp",
});

impl_from_json!(struct RepQuota, allow {
    owner: "owner" with de::text,
    quota_cents: "quota" with de::opt_cents = None,
    start_date: "startDate" with de::opt_time = None,
    sales_share: "salesShare" = None,
});

deserialize_via_from_json!(MetricsInput, Deal, StageEntry, Lead, Quotas, RepQuota);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::from_json;
    use crate::ErrorKind;
    use serde_json::json;

    fn input(v: serde_json::Value) -> crate::Result<MetricsInput> {
        from_json(&v, ErrorKind::Input)
    }

    #[test]
    fn reads_dates_amounts_and_text_leniently() {
        let i = input(json!({"deals": [{"owner": 42, "amount": "1250.5", "createdAt": "2017-01-02",
            "closeDate": 1_483_401_600_000u64, "engagedAt": "", "outcome": "WON", "stage": null,
            "stageHistory": [{"stage": "demo", "enteredAt": "2017-01-02T10:00:00Z"}]}],
            "leads": null})).unwrap();
        let d = &i.deals[0];
        assert_eq!(d.owner.as_deref(), Some("42"));
        assert_eq!(d.amount_cents, Some(125_050));
        assert_eq!(d.created_at, Some(1_483_315_200_000));
        assert_eq!(d.close_date, Some(1_483_401_600_000));
        assert_eq!((d.engaged_at, d.stage.as_deref(), d.outcome), (None, None, Some(Outcome::Won)));
        assert_eq!(d.stage_history[0].entered_at, 1_483_315_200_000 + 10 * 3_600_000);
        assert!(i.leads.is_empty() && i.quotas.is_none());
    }

    #[test]
    fn bad_values_name_their_path() {
        let e = input(json!({"deals": [{}, {"closeDate": "next week"}]})).unwrap_err();
        assert_eq!((e.kind, e.path.as_str()), (ErrorKind::Input, "$.deals[1].closeDate"));
        assert!(e.message.contains("expected a date"), "{}", e.message);
        let e = input(json!({"deals": [{"amount": {"value": 3}}]})).unwrap_err();
        assert_eq!(e.path, "$.deals[0].amount");
        assert!(e.message.contains("found an object") && e.message.contains("amount"), "{}", e.message);
        let e = input(json!({"deals": [{"outcome": "pending"}]})).unwrap_err();
        assert_eq!(e.path, "$.deals[0].outcome");
        let e = input(json!({"deals": [{"stageHistory": [{"stage": "demo"}]}]})).unwrap_err();
        assert_eq!(e.path, "$.deals[0].stageHistory[0]");
        let e = input(json!({"quotas": {"reps": [{"owner": ""}]}})).unwrap_err();
        assert_eq!(e.path, "$.quotas.reps[0].owner");
        let e = input(json!({"leads": [{"mqlAt": true}]})).unwrap_err();
        assert_eq!(e.path, "$.leads[0].mqlAt");
    }
}
