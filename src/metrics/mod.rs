//! Pipeline metrics and forecast, computed from the deals and leads a CRM extension already
//! holds: win rates, deal size, sales cycle, stage conversion and time in stage, the lead funnel,
//! pipeline by stage, pipeline created, weighted forecast with categories and scenarios,
//! velocity, coverage, quotas with ramp, source performance and the hot-lead response SLA.
//!
//! ```
//! use pipescore::metrics::compute_from_json;
//! use serde_json::json;
//!
//! let input = json!({"deals": [
//!     {"owner": "ana", "amount": 1200, "createdAt": "2024-01-05", "closeDate": "2024-02-04", "outcome": "won"},
//!     {"owner": "ana", "amount": "800.50", "createdAt": "2024-01-10", "closeDate": "2024-02-20", "stage": "Closed Lost"},
//!     {"owner": "bo", "amount": 5000, "createdAt": "2024-02-01", "closeDate": "2024-03-28", "stage": "negotiation"},
//! ]});
//! let options = json!({"period": "this_quarter", "groupBy": "owner"});
//! let now = 1_709_251_200_000; // 2024-03-01
//! let m = compute_from_json(&input, &options, now).unwrap();
//! assert_eq!(m.win_rate.by_count.value, Some(0.5));
//! assert_eq!(m.forecast.weighted, 4000.0); // 5000 × 0.8 (negotiation)
//! assert_eq!(m.groups.unwrap()[0].key.as_deref(), Some("ana"));
//! ```
//!
//! Every figure is deterministic: `now` is passed in, never read from the clock. Money is summed
//! in integer cents. A rate with a zero denominator is `null` with a reason, never NaN. The
//! definitions (what "in the period" means per metric, scenarios, ramp) are in
//! `docs/metrics.md` and on [`Metrics`], [`forecast`] and [`quota`].

pub mod columns;
mod conversion;
mod de;
mod deals;
mod engine;
mod filter;
pub mod forecast;
mod group;
mod input;
mod leads;
mod money;
mod options;
mod period;
mod pipeline;
pub mod quota;
mod rates;
mod report;
mod sources;
mod stages;
mod text;

use serde_json::Value;

pub use conversion::{StageConversion, StageTime, Step};
pub use deals::{Tally, WinRate};
pub use forecast::{Categories, Coverage, Forecast, Guideline, Scenarios, Velocity};
pub use filter::{Filter, OneOrMany};
pub use group::GroupBy;
pub use input::{Deal, Lead, MetricsInput, Outcome, Quotas, RepQuota, StageEntry};
pub use leads::{Funnel, FunnelStage, ResponseSla};
pub use money::MAX_AMOUNT;
pub use options::{CycleStart, MetricsOptions, DEFAULT_RESPONSE_SLA_MINUTES};
pub use period::{Period, PeriodInfo, PeriodSpec, Preset};
pub use pipeline::{Pipeline, StageRow, UnknownStage};
pub use quota::{QuotaReport, RepReport, DEFAULT_RAMP};
pub use rates::{Rate, Stat};
pub use report::{Group, Metrics};
pub use sources::SourceRow;
pub use stages::{default_stages, ForecastCategory, StageInfo};

use crate::{Error, ErrorCode, ErrorKind, Result, config};

/// Computes the metrics of `input` with `options`.
///
/// Errors (all [`ErrorKind::Input`]): `INVALID_STAGE` for a bad stage table (`$.stages[i]…`),
/// `INVALID_PERIOD` for a period that does not end after it starts, `INVALID_QUOTA` for bad
/// quotas (`$.quotas…`).
pub fn compute_metrics(input: &MetricsInput, options: &MetricsOptions) -> Result<Metrics> {
    engine::run(input, options)
}

/// Reads `{ deals, leads, quotas }` from JSON (`null` means no records). A value of the wrong
/// shape is an `INVALID_SHAPE` input error at its path, e.g. `$.deals[42].closeDate`.
pub fn parse_input(value: &Value) -> Result<MetricsInput> {
    if value.is_null() {
        return Ok(MetricsInput::default());
    }
    config::from_json(value, ErrorKind::Input)
}

/// [`parse_input`] from JSON text, without building a `serde_json::Value` first (faster on large
/// inputs; see docs/benchmarks.md). Results and errors are the same as [`parse_input`]'s; text that is
/// not JSON at all is an `INVALID_JSON` input error at `$`.
pub fn parse_input_str(text: &str) -> Result<MetricsInput> {
    text::read_input(text).map(Ok).unwrap_or_else(|| {
        // Slow path, only on failure: re-read as a tree to report the exact path and message.
        let value: Value = serde_json::from_str(text)
            .map_err(|err| Error::input(ErrorCode::InvalidJson, "$", format!("The input is not valid JSON: {err}")))?;
        parse_input(&value)
    })
}

/// [`parse_input`], [`MetricsOptions::from_json`] (where `options.now` overrides `now`) and
/// [`compute_metrics`] in one call, for the JS bindings.
pub fn compute_from_json(input: &Value, options: &Value, now: i64) -> Result<Metrics> {
    compute_metrics(&parse_input(input)?, &MetricsOptions::from_json(options, now)?)
}

/// [`compute_from_json`] with the input as JSON text (e.g. from `JSON.stringify`), read by
/// [`parse_input_str`].
pub fn compute_from_str(input: &str, options: &Value, now: i64) -> Result<Metrics> {
    compute_metrics(&parse_input_str(input)?, &MetricsOptions::from_json(options, now)?)
}
