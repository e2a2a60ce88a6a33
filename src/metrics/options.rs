//! Options of a metrics call: `{ now?, period?, groupBy?, stages?, cycleStart?, responseSlaMinutes? }`.

use serde_json::Value;

use super::de;
use super::filter::Filter;
use super::group::GroupBy;
use super::period::PeriodSpec;
use super::stages::StageInfo;
use crate::config::{deserialize_via_from_json, from_json, impl_from_json};
use crate::{Error, ErrorCode, ErrorKind, Result};

/// Default lead response SLA: first contact within 60 minutes of a hot lead's creation.
pub const DEFAULT_RESPONSE_SLA_MINUTES: f64 = 60.0;

/// Which date a sales cycle (and a deal's age) is counted from. The other date stands in when
/// the chosen one is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CycleStart {
    /// `createdAt` (default).
    #[default]
    Created,
    /// `engagedAt`.
    Engaged,
}

/// What to compute and how.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsOptions {
    /// The instant the figures are computed at (epoch ms): resolves period presets, ages open
    /// deals and decides pending SLAs. Never read from the clock.
    pub now: i64,
    /// The reporting period (default: all time).
    pub period: PeriodSpec,
    /// Breakdown to add as `groups`.
    pub group_by: Option<GroupBy>,
    /// Stage table; `None` uses [`default_stages`](super::default_stages).
    pub stages: Option<Vec<StageInfo>>,
    /// Date sales cycles and ages are counted from.
    pub cycle_start: CycleStart,
    /// Minutes a hot lead may wait for its first contact.
    pub response_sla_minutes: f64,
    /// Which deals and leads count (all when `None`).
    pub filter: Option<Filter>,
}

impl MetricsOptions {
    /// Defaults at `now`: all time, no grouping, default stages, cycles from creation, 60-minute SLA.
    pub fn new(now: i64) -> MetricsOptions {
        MetricsOptions {
            now,
            period: PeriodSpec::All,
            group_by: None,
            stages: None,
            cycle_start: CycleStart::Created,
            response_sla_minutes: DEFAULT_RESPONSE_SLA_MINUTES,
            filter: None,
        }
    }

    /// Reads options from JSON (`null` means defaults). `options.now` overrides `now`. Unknown
    /// keys are rejected so a misspelt option does not pass silently.
    pub fn from_json(value: &Value, now: i64) -> Result<MetricsOptions> {
        let json: OptionsJson = if value.is_null() { OptionsJson::default() } else { from_json(value, ErrorKind::Input)? };
        let sla = json.response_sla_minutes.unwrap_or(DEFAULT_RESPONSE_SLA_MINUTES);
        if !(sla.is_finite() && sla > 0.0) {
            return Err(Error::input(ErrorCode::InvalidOption, "$.responseSlaMinutes", "The response SLA must be a positive number of minutes."));
        }
        Ok(MetricsOptions {
            now: json.now.unwrap_or(now),
            period: json.period.unwrap_or_default(),
            group_by: json.group_by,
            stages: json.stages,
            cycle_start: json.cycle_start.unwrap_or_default(),
            response_sla_minutes: sla,
            filter: json.filter,
        })
    }
}

impl_from_json!(enum CycleStart { "created" => CycleStart::Created, "engaged" => CycleStart::Engaged });

deserialize_via_from_json!(CycleStart);

#[derive(Default)]
struct OptionsJson {
    now: Option<i64>,
    period: Option<PeriodSpec>,
    group_by: Option<GroupBy>,
    stages: Option<Vec<StageInfo>>,
    cycle_start: Option<CycleStart>,
    response_sla_minutes: Option<f64>,
    filter: Option<Filter>,
}

impl_from_json!(struct OptionsJson, deny {
    now: "now" with de::opt_time = None,
    period: "period" = None,
    group_by: "groupBy" = None,
    stages: "stages" = None,
    cycle_start: "cycleStart" = None,
    response_sla_minutes: "responseSlaMinutes" = None,
    filter: "filter" = None,
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_options_and_defaults() {
        let o = MetricsOptions::from_json(&Value::Null, 5).unwrap();
        assert_eq!(o, MetricsOptions::new(5));
        let o = MetricsOptions::from_json(&json!({"now": "1970-01-02", "groupBy": "quarter", "period": "this_year",
            "cycleStart": "engaged", "responseSlaMinutes": 5}), 5).unwrap();
        assert_eq!((o.now, o.group_by, o.cycle_start, o.response_sla_minutes), (86_400_000, Some(GroupBy::Quarter), CycleStart::Engaged, 5.0));
    }

    #[test]
    fn rejects_bad_options_with_a_path() {
        let e = MetricsOptions::from_json(&json!({"groupBy": "region"}), 0).unwrap_err();
        assert_eq!(e.path, "$.groupBy");
        let e = MetricsOptions::from_json(&json!({"groupby": "owner"}), 0).unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
        let e = MetricsOptions::from_json(&json!({"period": {"start": "2017-01-01", "end": "soon"}}), 0).unwrap_err();
        assert_eq!(e.path, "$.period.end");
        let e = MetricsOptions::from_json(&json!({"responseSlaMinutes": 0}), 0).unwrap_err();
        assert_eq!(e.path, "$.responseSlaMinutes");
        let e = MetricsOptions::from_json(&json!({"stages": [{"id": "a", "probability": 0.5, "category": "maybe"}]}), 0).unwrap_err();
        assert_eq!(e.path, "$.stages[0].category");
    }
}
