//! Every signal's parameters as one serde type, so the config reader is instantiated once for
//! all thirteen signals. Which parameters a signal has is the default config's business:
//! reading a config over it rejects any parameter the signal's default entry lacks, so each
//! signal finds its own parameters set and never sees another's.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::health::curve::Threshold;
use crate::path::key;

/// The parameters of one signal (see each signal's module for which it reads).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SignalParams {
    pub weight: f64,
    #[serde(default)]
    pub full_days: Option<f64>,
    #[serde(default)]
    pub zero_days: Option<f64>,
    #[serde(default)]
    pub full_ratio: Option<f64>,
    #[serde(default)]
    pub zero_ratio: Option<f64>,
    #[serde(default)]
    pub window_days: Option<f64>,
    #[serde(default)]
    pub full_count: Option<f64>,
    #[serde(default)]
    pub zero_count: Option<f64>,
    #[serde(default)]
    pub engaged_within_days: Option<f64>,
    #[serde(default)]
    pub roles: Option<Vec<String>>,
    #[serde(default)]
    pub full_days_overdue: Option<f64>,
    #[serde(default)]
    pub zero_days_overdue: Option<f64>,
    #[serde(default)]
    pub too_soon_zero_ratio: Option<f64>,
    #[serde(default)]
    pub too_soon_full_ratio: Option<f64>,
    #[serde(default)]
    pub too_far_full_ratio: Option<f64>,
    #[serde(default)]
    pub too_far_zero_ratio: Option<f64>,
    #[serde(default)]
    pub zero_percent: Option<f64>,
    #[serde(default)]
    pub full_percent: Option<f64>,
    #[serde(default)]
    pub undated_score: Option<f64>,
    #[serde(default)]
    pub full_decrease_percent: Option<f64>,
    #[serde(default)]
    pub zero_decrease_percent: Option<f64>,
    #[serde(default)]
    pub cycle_days: Option<f64>,
}

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
        let value = value.ok_or_else(|| Error::config("INVALID_SHAPE", key(self.path, name), format!("missing parameter {name}")))?;
        Ok(Threshold::at(self.path, name, value))
    }
}
