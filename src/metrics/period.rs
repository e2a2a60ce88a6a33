//! The reporting period: `[start, end)` in epoch ms (start inclusive, end exclusive), or all
//! time. Presets are calendar months, quarters and years in UTC, resolved against `now`.

use serde::de::Error as _;
use serde::Serialize;
use serde_json::Value;

use super::de as field;
use crate::config::{deserialize_via_from_json, impl_from_json, mismatch, DeError, FromJson};
use crate::time::{civil_from_millis, days_from_civil, format_datetime, DAY_MS};
use crate::{Error, ErrorCode, Result};

/// A resolved period. Both bounds are set, or neither (all time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First instant in the period, or `None` for all time.
    pub start: Option<i64>,
    /// First instant after the period, or `None` for all time.
    pub end: Option<i64>,
}

impl Period {
    /// All time: every record counts, dated or not.
    pub const ALL: Period = Period { start: None, end: None };

    /// `[start, end)`.
    pub fn range(start: i64, end: i64) -> Period {
        Period { start: Some(start), end: Some(end) }
    }

    /// Whether an instant is in the period. An undated record is only in an all-time period.
    pub fn contains(&self, t: Option<i64>) -> bool {
        match t {
            None => self.start.is_none() && self.end.is_none(),
            Some(t) => self.start.map_or(true, |s| s <= t) && self.end.map_or(true, |e| t < e),
        }
    }

    /// Length in days, `None` for all time.
    pub fn days(&self) -> Option<f64> {
        Some((self.end? - self.start?) as f64 / DAY_MS as f64)
    }

    /// The part of `[start, end)` inside this period.
    pub fn clip(&self, start: i64, end: i64) -> Period {
        Period::range(self.start.map_or(start, |s| s.max(start)), self.end.map_or(end, |e| e.min(end)))
    }

    /// Serializable description.
    pub fn info(&self) -> PeriodInfo {
        PeriodInfo { start: self.start.map(format_datetime), end: self.end.map(format_datetime), days: self.days() }
    }
}

/// The period a result covers: `{ start, end, days }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodInfo {
    /// First instant in the period (ISO-8601, UTC), `null` for all time.
    pub start: Option<String>,
    /// First instant after the period (exclusive), `null` for all time.
    pub end: Option<String>,
    /// Length in days, `null` for all time.
    pub days: Option<f64>,
}

/// Epoch ms of the first day of month number `index` (`year * 12 + month - 1`).
pub fn month_start(index: i64) -> i64 {
    days_from_civil(index.div_euclid(12), index.rem_euclid(12) + 1, 1) * DAY_MS
}

/// Month number (`year * 12 + month - 1`) of an instant.
pub fn month_index(t: i64) -> i64 {
    let (y, m, _) = civil_from_millis(t);
    y * 12 + m - 1
}

/// A named period relative to `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// The calendar month containing `now`.
    ThisMonth,
    /// The month before.
    LastMonth,
    /// The month after.
    NextMonth,
    /// The calendar quarter containing `now`.
    ThisQuarter,
    /// The quarter before.
    LastQuarter,
    /// The quarter after.
    NextQuarter,
    /// The calendar year containing `now`.
    ThisYear,
    /// The year before.
    LastYear,
}

const PRESETS: [(&str, Option<Preset>); 9] = [
    ("all", None),
    ("this_month", Some(Preset::ThisMonth)),
    ("last_month", Some(Preset::LastMonth)),
    ("next_month", Some(Preset::NextMonth)),
    ("this_quarter", Some(Preset::ThisQuarter)),
    ("last_quarter", Some(Preset::LastQuarter)),
    ("next_quarter", Some(Preset::NextQuarter)),
    ("this_year", Some(Preset::ThisYear)),
    ("last_year", Some(Preset::LastYear)),
];

/// The period option: a preset name, `{ start, end }`, or all time (the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodSpec {
    /// All time (`"all"`, or no period given).
    #[default]
    All,
    /// A preset such as `"this_quarter"`.
    Preset(Preset),
    /// `{ start, end }`: start inclusive, end exclusive.
    Range {
        /// First instant (epoch ms).
        start: i64,
        /// First instant after the period (epoch ms).
        end: i64,
    },
}

impl PeriodSpec {
    /// The period this spec names at `now`; a range must end after it starts.
    pub fn resolve(&self, now: i64) -> Result<Period> {
        let months = |from: i64, count: i64| Period::range(month_start(from), month_start(from + count));
        let month = month_index(now);
        let quarter = month - month.rem_euclid(3);
        let year = month - month.rem_euclid(12);
        Ok(match *self {
            PeriodSpec::All => Period::ALL,
            PeriodSpec::Range { start, end } if end <= start => {
                return Err(Error::input(ErrorCode::InvalidPeriod, "$.period.end", "The period must end after it starts (the end is exclusive)."))
            }
            PeriodSpec::Range { start, end } => Period::range(start, end),
            PeriodSpec::Preset(p) => match p {
                Preset::ThisMonth => months(month, 1),
                Preset::LastMonth => months(month - 1, 1),
                Preset::NextMonth => months(month + 1, 1),
                Preset::ThisQuarter => months(quarter, 3),
                Preset::LastQuarter => months(quarter - 3, 3),
                Preset::NextQuarter => months(quarter + 3, 3),
                Preset::ThisYear => months(year, 12),
                Preset::LastYear => months(year - 12, 12),
            },
        })
    }
}

/// `{ start, end }`.
struct RangeJson {
    start: i64,
    end: i64,
}

impl_from_json!(struct RangeJson, deny { start: "start" with field::time, end: "end" with field::time });

impl FromJson for PeriodSpec {
    fn from_json(value: &Value) -> std::result::Result<PeriodSpec, DeError> {
        match value {
            Value::Null => Ok(PeriodSpec::All),
            Value::String(v) => {
                // "this_quarter", "thisQuarter" and "This quarter" all name the same preset.
                let squash = |s: &str| s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).collect::<Vec<_>>();
                let wanted = squash(v);
                PRESETS.iter().find(|(name, _)| squash(name) == wanted).map(|(_, p)| p.map_or(PeriodSpec::All, PeriodSpec::Preset)).ok_or_else(|| {
                    let names: Vec<_> = PRESETS.iter().map(|(n, _)| *n).collect();
                    DeError::custom(format_args!("found {v:?}, expected one of {} or {{ start, end }}", names.join(", ")))
                })
            }
            Value::Object(_) => RangeJson::from_json(value).map(|r| PeriodSpec::Range { start: r.start, end: r.end }),
            other => Err(mismatch(other, "a period: \"this_quarter\", \"last_month\", \"all\", … or { start, end }")),
        }
    }
}

deserialize_via_from_json!(PeriodSpec);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    fn at(s: &str) -> i64 {
        parse_iso8601(s).unwrap()
    }

    #[test]
    fn presets_resolve_against_now() {
        let now = at("2017-05-15T13:00:00Z");
        let r = |p| PeriodSpec::Preset(p).resolve(now).unwrap();
        assert_eq!(r(Preset::ThisMonth), Period::range(at("2017-05-01"), at("2017-06-01")));
        assert_eq!(r(Preset::LastMonth), Period::range(at("2017-04-01"), at("2017-05-01")));
        assert_eq!(r(Preset::NextMonth), Period::range(at("2017-06-01"), at("2017-07-01")));
        assert_eq!(r(Preset::ThisQuarter), Period::range(at("2017-04-01"), at("2017-07-01")));
        assert_eq!(r(Preset::LastQuarter), Period::range(at("2017-01-01"), at("2017-04-01")));
        assert_eq!(r(Preset::NextQuarter), Period::range(at("2017-07-01"), at("2017-10-01")));
        assert_eq!(r(Preset::ThisYear), Period::range(at("2017-01-01"), at("2018-01-01")));
        assert_eq!(r(Preset::LastYear), Period::range(at("2016-01-01"), at("2017-01-01")));
        let jan = at("2017-01-10");
        assert_eq!(PeriodSpec::Preset(Preset::LastQuarter).resolve(jan).unwrap(), Period::range(at("2016-10-01"), at("2017-01-01")));
    }

    #[test]
    fn start_is_inclusive_and_end_exclusive() {
        let q1 = Period::range(at("2017-01-01"), at("2017-04-01"));
        assert!(q1.contains(Some(at("2017-01-01"))));
        assert!(q1.contains(Some(at("2017-03-31T23:59:59.999Z"))));
        assert!(!q1.contains(Some(at("2017-04-01"))));
        assert!(!q1.contains(None));
        assert!(Period::ALL.contains(None));
        assert_eq!(q1.days(), Some(90.0));
        assert_eq!(q1.info().start.as_deref(), Some("2017-01-01T00:00:00.000Z"));
    }

    #[test]
    fn reads_presets_and_ranges_from_json() {
        let spec: PeriodSpec = serde_json::from_value(serde_json::json!("thisQuarter")).unwrap();
        assert_eq!(spec, PeriodSpec::Preset(Preset::ThisQuarter));
        let spec: PeriodSpec = serde_json::from_value(serde_json::json!({"start": "2017-01-01", "end": 1_491_004_800_000i64})).unwrap();
        assert_eq!(spec, PeriodSpec::Range { start: at("2017-01-01"), end: at("2017-04-01") });
        assert!(serde_json::from_value::<PeriodSpec>(serde_json::json!("fortnight")).is_err());
        let backwards = PeriodSpec::Range { start: 10, end: 10 }.resolve(0).unwrap_err();
        assert_eq!((backwards.code.as_str(), backwards.path.as_str()), ("INVALID_PERIOD", "$.period.end"));
    }
}
