//! Deal health: is a deal healthy, and why? A JSON config of weighted signals, compiled once
//! into a [`DealHealth`] together with a [`Pipeline`] (for stage durations and exit criteria),
//! scores deals from their CRM data alone, relative to an explicit `now`.
//!
//! ```
//! use pipescore::health::{Band, DealHealth, ScoreOptions};
//! use serde_json::json;
//!
//! let health = DealHealth::compile(&json!(null)).unwrap(); // default config and pipeline
//! let now = pipescore::time::parse_iso8601("2026-11-24").unwrap();
//! let deal = json!({
//!     "stage": "proposal", "amount": 48000, "stageEnteredAt": "2026-11-10",
//!     "createdAt": "2026-10-01", "closeDate": "2026-12-15",
//!     "activities": [{ "type": "email", "at": "2026-11-03" }],
//!     "contacts": [{ "name": "Dana", "role": "champion" }]
//! });
//! let report = health.score(&deal, now, &ScoreOptions::default()).unwrap();
//! assert_eq!(report.band, Band::AtRisk);
//! assert_eq!(report.factors[0].reason, "No activity in 21 days");
//! assert_eq!(report.factors[0].action.as_deref(), Some("Schedule a follow-up with Dana, the champion"));
//! ```
//!
//! # Scoring
//!
//! Each signal maps what it measures to a sub-score in 0–1 through a monotone
//! piecewise-linear curve with configurable thresholds (e.g. days without activity: 1 up to
//! `fullDays`, 0 from `zeroDays`). The score is
//! `100 × Σ(weight × subScore) / Σ(weight)` over the signals that apply, rounded half up to
//! a whole number; its band is `healthy` from `bands.healthy`, `at_risk` from `bands.atRisk`,
//! `critical` below. Factors are sorted by impact, the points each signal lost
//! (`100 × weight × (1 − subScore) / Σ weight`).
//!
//! Missing data is a signal, not an error: no activities, no contacts, no close date or no
//! next step score 0 on their signals and say so. A signal is skipped (listed in `skipped`,
//! counted in neither sum) only when it cannot be judged: time in stage without the stage's
//! expected days or entry date, the activity trend for a deal younger than its two windows,
//! close-date realism without a close date (the close-date signal already scores that),
//! exit criteria for a stage without required ones, deal age without a creation date. A deal
//! in a closed (won or lost) stage is not scored: `score` is `None`, band `closed`.
//!
//! Only structurally invalid input is an error: a deal that is not an object, a missing or
//! unknown stage, a field of the wrong kind or an unparseable date (path e.g.
//! `$.activities[2].at`).
//!
//! # Signals (default weights, which add up to 100)
//!
//! | signal | measures | default curve |
//! |---|---|---|
//! | `stage_duration` (12) | days in stage ÷ the stage's expected days | 1 up to 1×, 0 from 2.5× |
//! | `last_activity` (15) | days since the last activity (since creation without any) | 1 up to 3 days, 0 from 21 |
//! | `activity_trend` (5) | activities in the last 14 days ÷ the 14 before | 0 at 0.25, 1 from 1 |
//! | `engaged_contacts` (10) | contacts engaged (flag, or activity within 30 days) | 0 at 0, 1 from 3 |
//! | `buyer_roles` (10) | share of decision maker, champion, economic buyer present | linear |
//! | `close_date` (10) | whole days the close date has passed (0 without one) | 1 up to 0, 0 from 14 |
//! | `close_date_pushes` (5) | times the close date moved later | 1 at 0, 0 from 3 |
//! | `close_date_distance` (5) | days to close ÷ days the pipeline expects to remain | 1 in 0.75–2×, 0 at 0.25× and 4× |
//! | `exit_criteria` (10) | required exit criteria met, % (from the stage gates) | linear 0–100 |
//! | `next_step` (8) | next step defined and dated | 0 none, 0.5 undated, 1 due today or later, 0 at 7 days overdue |
//! | `amount_changes` (3) | % the amount is below its peak | 1 at 0 %, 0 from 50 % |
//! | `stage_regressions` (3) | moves back to an earlier stage | 1 at 0, 0 from 2 |
//! | `deal_age` (4) | days since creation ÷ the typical cycle (sum of expected stage days) | 1 up to 1×, 0 from 2× |
//!
//! How a config overrides the default, and its errors: [`DealHealth::compile`]. The deal
//! record fields: docs/health.md.
//!
//! # Reading once, scoring many times
//!
//! Scoring reads each deal once into typed data (fields found in one pass, values validated,
//! dates parsed), then computes its facts for `now` and the config. A [`DealSet`] keeps that
//! data, so [`DealHealth::score_set`] re-scores the same deals (at another now, with another
//! config or pipeline) without reading their JSON again, with the same results as
//! [`DealHealth::score_many`].

mod config;
mod curve;
mod deal;
mod evaluate;
mod facts;
mod record;
mod result;
mod roles;
mod set;
mod signals;
mod stages;
mod warnings;

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

pub use result::{Band, DealHealthReport, HealthFactor, SkippedSignal};
pub use set::DealSet;
pub use signals::{
    ActivityTrendDetail, AmountChangesDetail, BuyerRolesDetail, CloseDateDetail, CloseDateDistanceDetail,
    CloseDatePushesDetail, DealAgeDetail, EngagedContactsDetail, ExitCriteriaDetail, FactorDetail, LastActivityDetail,
    NextStepDetail, StageDurationDetail, StageRegressionsDetail,
};
pub use warnings::{HealthWarning, Severity};

use crate::error::{Error, ErrorCode, Result};
use crate::gates::Pipeline;
use crate::path;
use deal::Deal;
use stages::StageTable;

/// A compiled health config with its pipeline: compile once, score many deals.
#[derive(Debug)]
pub struct DealHealth {
    settings: config::Settings,
    pipeline: Pipeline,
    /// One per pipeline of `pipeline`, in the same order.
    tables: Vec<StageTable>,
    /// Unique among the engines of the process: a [`DealSet`] keeps exit-criteria outcomes
    /// per engine.
    id: u64,
}

/// The id of the next engine compiled.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

impl DealHealth {
    /// Compiles a health config with the default pipeline. `null` (or `{}`) is the default
    /// config; any other config overrides it: sections, signals, warnings and parameters left
    /// out keep their default values, and a signal is switched off with `weight: 0`.
    ///
    /// Config errors, each at the path of the offending value: `INVALID_SHAPE` (wrong type or
    /// unknown parameter), `UNKNOWN_SIGNAL`, `UNKNOWN_WARNING`, `INVALID_WEIGHT` (below 0 or
    /// above 1,000,000), `NO_WEIGHT` (every weight 0), `THRESHOLDS_NOT_ORDERED`,
    /// `INVALID_THRESHOLD`, `INVALID_BANDS`, `INVALID_ROLES`, `INVALID_RESPONSE_TYPES`.
    pub fn compile(config: &Value) -> Result<DealHealth> {
        DealHealth::with_pipeline(config, Pipeline::compile(&Pipeline::default_config())?)
    }

    /// Compiles a health config (see [`DealHealth::compile`]) for deals of `pipeline`.
    pub fn with_pipeline(config: &Value, pipeline: Pipeline) -> Result<DealHealth> {
        let settings = config::compile(config)?;
        let tables = pipeline.pipelines().iter().map(StageTable::of).collect();
        Ok(DealHealth { settings, pipeline, tables, id: NEXT_ID.fetch_add(1, Ordering::Relaxed) })
    }

    /// The embedded default config as JSON, a starting point for custom configs.
    pub fn default_config() -> Value {
        config::default_config()
    }

    /// The pipeline deals are read against.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Scores one deal at `now` (epoch ms). Input errors: `INVALID_RECORD`, `MISSING_STAGE`,
    /// `UNKNOWN_STAGE`, `UNKNOWN_PIPELINE`, `INVALID_DATE`, each with the path of the value.
    pub fn score(&self, deal: &Value, now: i64, options: &ScoreOptions) -> Result<DealHealthReport> {
        evaluate::score(self, &Deal::read(deal)?, deal, now, options, None)
    }

    /// Scores many deals at `now`; a bad deal's error path starts with its index
    /// (`$[3].activities[0].at`) and does not affect the others.
    pub fn score_many(&self, deals: &[Value], now: i64, options: &ScoreOptions) -> Vec<Result<DealHealthReport>> {
        let score = |deal| self.score(deal, now, options);
        deals.iter().enumerate().map(|(i, deal)| at_index(i, score(deal))).collect()
    }

    /// Scores the deals of a [`DealSet`] at `now`: the same results as [`DealHealth::score_many`]
    /// over the deals the set was read from, without reading them again.
    pub fn score_set(&self, set: &DealSet, now: i64, options: &ScoreOptions) -> Vec<Result<DealHealthReport>> {
        set.with_exits(self.id, |exits| {
            let score = |json, deal: &Result<Deal<'_>>, exit| {
                evaluate::score(self, deal.as_ref().map_err(Clone::clone)?, json, now, options, Some(exit))
            };
            let deals = set.deals().zip(exits.iter_mut()).enumerate();
            deals.map(|(i, ((json, deal), exit))| at_index(i, score(json, deal, exit))).collect()
        })
    }
}

/// A batch item's result, its error path under its index.
fn at_index(i: usize, result: Result<DealHealthReport>) -> Result<DealHealthReport> {
    result.map_err(|e| e.within(&path::index("$", i)))
}

/// Options of [`DealHealth::score`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Explain only this many factors, the most costly first (all when `None`). The score,
    /// band, warnings and skipped signals do not change; fewer explanations make big batches
    /// faster.
    pub top_factors: Option<usize>,
}

impl ScoreOptions {
    /// Reads `{ topFactors?, explain? }` from evaluation options (other keys, such as `now`,
    /// are left to the caller); `explain: false` is `topFactors: 0`, as in lead scoring.
    /// Input error: `INVALID_OPTION` at `$.topFactors` or `$.explain`.
    pub fn from_json(options: &Value) -> Result<ScoreOptions> {
        let top_factors = match options.get("topFactors") {
            None | Some(Value::Null) => None,
            Some(n) => Some(n.as_u64().and_then(|n| usize::try_from(n).ok()).ok_or_else(|| {
                Error::input(
                    ErrorCode::InvalidOption,
                    "$.topFactors",
                    format!("topFactors must be a whole number of at least 0, found {n}"),
                )
            })?),
        };
        match options.get("explain") {
            None | Some(Value::Null | Value::Bool(true)) => Ok(ScoreOptions { top_factors }),
            Some(Value::Bool(false)) => Ok(ScoreOptions { top_factors: Some(0) }),
            Some(other) => Err(Error::input(
                ErrorCode::InvalidOption,
                "$.explain",
                format!("explain is true (the default: explain the factors) or false, found {other}"),
            )),
        }
    }
}
