//! The health config: read over the embedded default, validated and compiled into
//! [`Settings`].
//!
//! A config overrides the default: every section, signal, warning and parameter it leaves out
//! keeps its default value, so `{}` is the default config and
//! `{ "signals": { "next_step": { "weight": 0 } } }` the default without the next-step signal.
//! Unknown signal or warning names are errors (`UNKNOWN_SIGNAL`, `UNKNOWN_WARNING`), as are
//! unknown parameters (`INVALID_SHAPE`).

use serde_json::{Map, Value};

use super::facts::FactParams;
use super::roles::RoleTable;
use super::signals::{self, Params, Signal, SignalParams};
use super::warnings::{WarningRule, WarningsConfig};
use crate::config::{from_json, impl_from_json, members, DeError, FromJson};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::path::key;
use crate::rules::number::Plain;
use crate::time::DAY_MS;

/// The embedded default config, as JSON text.
pub(crate) const DEFAULT_CONFIG: &str = crate::config::minified_json!(include_str!("default_config.json"));

/// A compiled health config.
#[derive(Debug)]
pub(crate) struct Settings {
    /// Signals with a weight above 0, in config order.
    pub signals: Vec<Weighted>,
    /// Score thresholds of the bands.
    pub bands: Bands,
    /// Enabled warnings, in config order.
    pub warnings: Vec<WarningRule>,
    /// What fact gathering needs.
    pub facts: FactParams,
}

/// A signal with its weight.
pub(crate) struct Weighted {
    /// The signal.
    pub signal: Box<dyn Signal>,
    /// Its weight, above 0.
    pub weight: f64,
}

/// Shows the signal by its id (signals are not `Debug`, see [`Signal`]).
impl std::fmt::Debug for Weighted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Weighted").field("signal", &self.signal.id()).field("weight", &self.weight).finish()
    }
}

/// `bands: { healthy, atRisk }`: a score at or above `healthy` is healthy, at or above
/// `atRisk` at risk, below it critical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bands {
    /// Lowest healthy score.
    pub healthy: f64,
    /// Lowest at-risk score.
    pub at_risk: f64,
}

#[derive(Debug)]
struct HealthConfig {
    signals: SignalsConfig,
    bands: Bands,
    warnings: WarningsConfig,
}

/// `signals`, one entry per signal (all present once merged over the default).
#[derive(Debug)]
struct SignalsConfig {
    stage_duration: SignalParams,
    last_activity: SignalParams,
    activity_trend: SignalParams,
    engaged_contacts: SignalParams,
    buyer_roles: SignalParams,
    close_date: SignalParams,
    close_date_pushes: SignalParams,
    close_date_distance: SignalParams,
    exit_criteria: SignalParams,
    next_step: SignalParams,
    amount_changes: SignalParams,
    stage_regressions: SignalParams,
    deal_age: SignalParams,
}

impl_from_json!(struct Bands, deny { healthy: "healthy", at_risk: "atRisk" });

impl_from_json!(struct HealthConfig, deny { signals: "signals", bands: "bands", warnings: "warnings" });

impl FromJson for SignalsConfig {
    fn from_json(value: &Value) -> std::result::Result<SignalsConfig, DeError> {
        const NAMES: [&str; 13] = [
            "stage_duration", "last_activity", "activity_trend", "engaged_contacts", "buyer_roles", "close_date",
            "close_date_pushes", "close_date_distance", "exit_criteria", "next_step", "amount_changes",
            "stage_regressions", "deal_age",
        ];
        let [stage_duration, last_activity, activity_trend, engaged_contacts, buyer_roles, close_date, close_date_pushes, close_date_distance, exit_criteria, next_step, amount_changes, stage_regressions, deal_age] =
            members(value, "struct SignalsConfig", &NAMES)?;
        Ok(SignalsConfig {
            stage_duration,
            last_activity,
            activity_trend,
            engaged_contacts,
            buyer_roles,
            close_date,
            close_date_pushes,
            close_date_distance,
            exit_criteria,
            next_step,
            amount_changes,
            stage_regressions,
            deal_age,
        })
    }
}

/// Builds a signal from its parameters.
type Build = fn(Params<'_>) -> Result<Box<dyn Signal>>;

/// The default config as JSON.
pub(crate) fn default_config() -> Value {
    serde_json::from_str(DEFAULT_CONFIG).unwrap_or(Value::Null)
}

/// Reads `config` over the default, validates and compiles it. `null` is the default.
pub(crate) fn compile(config: &Value) -> Result<Settings> {
    let merged = merge(config, default_config())?;
    let cfg: HealthConfig = from_json(&merged, ErrorKind::Config)?;
    let mut roles = RoleTable::default();
    let s = &cfg.signals;
    // In config order; `buyer_roles` (no builder) is resolved against the role table.
    let entries: [(&str, &SignalParams, Option<Build>); 13] = [
        ("stage_duration", &s.stage_duration, Some(signals::stage_duration)),
        ("last_activity", &s.last_activity, Some(signals::last_activity)),
        ("activity_trend", &s.activity_trend, Some(signals::activity_trend)),
        ("engaged_contacts", &s.engaged_contacts, Some(signals::engaged_contacts)),
        ("buyer_roles", &s.buyer_roles, None),
        ("close_date", &s.close_date, Some(signals::close_date)),
        ("close_date_pushes", &s.close_date_pushes, Some(signals::close_date_pushes)),
        ("close_date_distance", &s.close_date_distance, Some(signals::close_date_distance)),
        ("exit_criteria", &s.exit_criteria, Some(signals::exit_criteria)),
        ("next_step", &s.next_step, Some(signals::next_step)),
        ("amount_changes", &s.amount_changes, Some(signals::amount_changes)),
        ("stage_regressions", &s.stage_regressions, Some(signals::stage_regressions)),
        ("deal_age", &s.deal_age, Some(signals::deal_age)),
    ];
    let mut weighted = Vec::with_capacity(entries.len());
    for (name, p, build) in entries {
        let path = key("$.signals", name);
        let signal = match build {
            Some(build) => build(Params { p, path: &path })?,
            None => signals::buyer_roles(roles.add(p.roles.as_deref().unwrap_or_default(), &key(&path, "roles"))?),
        };
        if !(0.0..=1e6).contains(&p.weight) {
            let message = format!("a weight is a number from 0 to 1000000, found {}", Plain(p.weight));
            return Err(Error::config(ErrorCode::InvalidWeight, key(&path, "weight"), message));
        }
        if p.weight > 0.0 {
            weighted.push(Weighted { signal, weight: p.weight });
        }
    }
    if weighted.is_empty() {
        return Err(Error::config(ErrorCode::NoWeight, "$.signals", "give at least one signal a weight above 0"));
    }
    let bands = check_bands(cfg.bands)?;
    let warnings = cfg.warnings.compile(&mut roles)?;
    // Both were checked present and positive when their signals compiled.
    let facts = FactParams {
        trend_window_ms: days_ms(s.activity_trend.window_days.unwrap_or_default()),
        engaged_within_ms: days_ms(s.engaged_contacts.engaged_within_days.unwrap_or_default()),
        response_types: cfg.warnings.response_types()?,
        roles: roles.names,
    };
    Ok(Settings { signals: weighted, bands, warnings, facts })
}

/// Days as whole milliseconds (the day counts were validated positive and finite).
fn days_ms(days: f64) -> i64 {
    (days * DAY_MS as f64).round() as i64
}

fn check_bands(bands: Bands) -> Result<Bands> {
    for (value, name) in [(bands.healthy, "healthy"), (bands.at_risk, "atRisk")] {
        if !(0.0..=100.0).contains(&value) {
            return Err(Error::config(
                ErrorCode::InvalidBands,
                key("$.bands", name),
                format!("a band threshold is a score from 0 to 100, found {}", Plain(value)),
            ));
        }
    }
    if bands.at_risk > bands.healthy {
        return Err(Error::config(
            ErrorCode::InvalidBands,
            "$.bands.atRisk",
            format!("atRisk ({}) must not be above healthy ({})", Plain(bands.at_risk), Plain(bands.healthy)),
        ));
    }
    Ok(bands)
}

/// `config` laid over `defaults`: sections `signals` and `warnings` per entry and parameter,
/// `bands` per threshold. Other keys are copied for the typed read to reject.
fn merge(config: &Value, mut defaults: Value) -> Result<Value> {
    let user = match config {
        Value::Null => return Ok(defaults),
        Value::Object(user) => user,
        _ => {
            return Err(Error::config(
                ErrorCode::InvalidShape,
                "$",
                "a health config must be an object: { signals, bands, warnings }",
            ))
        }
    };
    let Some(out) = defaults.as_object_mut() else {
        return Ok(config.clone());
    };
    for (name, value) in user {
        match (name.as_str(), out.get_mut(name)) {
            (section @ ("signals" | "warnings"), Some(Value::Object(known))) => {
                let path = key("$", section);
                for (entry, params) in as_object(value, &path, section)? {
                    let entry_path = key(&path, entry);
                    let Some(Value::Object(target)) = known.get_mut(entry) else {
                        return Err(unknown(section, entry, entry_path, known));
                    };
                    overlay(target, as_object(params, &entry_path, "a signal or warning")?, &entry_path, entry)?;
                }
            }
            ("bands", Some(Value::Object(target))) => overlay(target, as_object(value, "$.bands", "bands")?, "$.bands", "bands")?,
            _ => {
                out.insert(name.clone(), value.clone());
            }
        }
    }
    Ok(defaults)
}

/// Sets `params` over the default entry `target` (at `path`, named `what`); a parameter the
/// default entry does not have is unknown.
fn overlay(target: &mut Map<String, Value>, params: &Map<String, Value>, path: &str, what: &str) -> Result<()> {
    for (k, v) in params {
        let Some(slot) = target.get_mut(k) else {
            let known: Vec<&str> = target.keys().map(String::as_str).collect();
            let message = format!("unknown parameter \"{k}\" of {what}; its parameters are {}", known.join(", "));
            return Err(Error::config(ErrorCode::InvalidShape, key(path, k), message));
        };
        *slot = v.clone();
    }
    Ok(())
}

fn as_object<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| Error::config(ErrorCode::InvalidShape, path, format!("{what} must be an object")))
}

fn unknown(section: &str, name: &str, path: String, known: &Map<String, Value>) -> Error {
    let (code, what) = if section == "signals" { (ErrorCode::UnknownSignal, "signal") } else { (ErrorCode::UnknownWarning, "warning") };
    let names: Vec<&str> = known.keys().map(String::as_str).collect();
    Error::config(code, path, format!("unknown {what} \"{name}\"; the {what}s are {}", names.join(", ")))
}
