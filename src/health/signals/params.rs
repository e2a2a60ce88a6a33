//! Every signal's parameters as one type, read once for all thirteen signals. Which parameters a signal has is the default config's business:
//! reading a config over it rejects any parameter the signal's default entry lacks, so each
//! signal finds its own parameters set and never sees another's.

use crate::config::impl_from_json;
use crate::error::{Error, ErrorCode, Result};
use crate::health::curve::Threshold;
use crate::path::key;

/// The parameters of one signal (see each signal's module for which it reads).
#[derive(Debug)]
pub(crate) struct SignalParams {
    pub weight: f64,
    pub full_days: Option<f64>,
    pub zero_days: Option<f64>,
    pub full_ratio: Option<f64>,
    pub zero_ratio: Option<f64>,
    pub window_days: Option<f64>,
    pub full_count: Option<f64>,
    pub zero_count: Option<f64>,
    pub engaged_within_days: Option<f64>,
    pub roles: Option<Vec<String>>,
    pub full_days_overdue: Option<f64>,
    pub zero_days_overdue: Option<f64>,
    pub too_soon_zero_ratio: Option<f64>,
    pub too_soon_full_ratio: Option<f64>,
    pub too_far_full_ratio: Option<f64>,
    pub too_far_zero_ratio: Option<f64>,
    pub zero_percent: Option<f64>,
    pub full_percent: Option<f64>,
    pub undated_score: Option<f64>,
    pub full_decrease_percent: Option<f64>,
    pub zero_decrease_percent: Option<f64>,
    pub cycle_days: Option<f64>,
}

impl_from_json!(struct SignalParams, deny {
    weight: "weight",
    full_days: "fullDays" = None,
    zero_days: "zeroDays" = None,
    full_ratio: "fullRatio" = None,
    zero_ratio: "zeroRatio" = None,
    window_days: "windowDays" = None,
    full_count: "fullCount" = None,
    zero_count: "zeroCount" = None,
    engaged_within_days: "engagedWithinDays" = None,
    roles: "roles" = None,
    full_days_overdue: "fullDaysOverdue" = None,
    zero_days_overdue: "zeroDaysOverdue" = None,
    too_soon_zero_ratio: "tooSoonZeroRatio" = None,
    too_soon_full_ratio: "tooSoonFullRatio" = None,
    too_far_full_ratio: "tooFarFullRatio" = None,
    too_far_zero_ratio: "tooFarZeroRatio" = None,
    zero_percent: "zeroPercent" = None,
    full_percent: "fullPercent" = None,
    undated_score: "undatedScore" = None,
    full_decrease_percent: "fullDecreasePercent" = None,
    zero_decrease_percent: "zeroDecreasePercent" = None,
    cycle_days: "cycleDays" = None,
});

/// A signal's parameters with the JSON path of its config entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a> {
    /// The parameters.
    pub p: &'a SignalParams,
    /// `$.signals.<name>`.
    pub path: &'a str,
}

impl Params<'_> {
    /// The parameter `name` (camelCase) as a threshold; `INVALID_SHAPE` when it is not set.
    pub(crate) fn get(&self, name: &str, value: Option<f64>) -> Result<Threshold> {
        let value = value.ok_or_else(|| Error::config(ErrorCode::InvalidShape, key(self.path, name), format!("missing parameter {name}")))?;
        Ok(Threshold::at(self.path, name, value))
    }
}
