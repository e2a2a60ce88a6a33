//! The rotation state: plain data the caller keeps between calls and passes back, so that a
//! page, a server and a test all pick the same next rep.
//!
//! ```json
//! {
//!   "pools": { "inbound": { "current": { "ana": -200, "ben": 100, "cara": 100 }, "assigned": 1, "last": "ana" } },
//!   "reps": { "ana": { "day": "2026-03-09", "today": 1, "month": "2026-03", "thisMonth": 1, "total": 1 } }
//! }
//! ```
//!
//! `current` holds each member's smooth-weighted-round-robin counter, in hundredths of a
//! weight. A rep's `today` counts the leads routed to them on the local `day` in their time
//! zone, `thisMonth` those of the local `month`: on another day or month the count starts from
//! 0 again. Pools and reps the config does not (or no longer) name are kept as they are.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::config::{deserialize_via_from_json, from_json, impl_from_json, mismatch, DeError};
use crate::error::{ErrorKind, Result};

/// The rotation state of every pool and the assignment counts of every rep.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoutingState {
    /// By pool id.
    pub pools: BTreeMap<String, PoolState>,
    /// By rep id.
    pub reps: BTreeMap<String, RepCounts>,
}

/// Where a pool's rotation stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolState {
    /// Each member's smooth-weighted-round-robin counter, in hundredths of a weight.
    pub current: BTreeMap<String, i64>,
    /// Leads the pool has assigned.
    pub assigned: u64,
    /// The rep it assigned last.
    pub last: Option<String>,
}

/// How many leads a rep was routed, for caps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepCounts {
    /// The local date `today` counts for, `YYYY-MM-DD`.
    pub day: Option<String>,
    /// Leads routed on `day`.
    pub today: u32,
    /// The local month `thisMonth` counts for, `YYYY-MM`.
    pub month: Option<String>,
    /// Leads routed in `month`.
    pub this_month: u32,
    /// Leads routed in all.
    pub total: u64,
}

impl_from_json!(struct RoutingState, deny { pools: "pools" = BTreeMap::new(), reps: "reps" = BTreeMap::new() });

impl_from_json!(struct PoolState, deny {
    current: "current" with counters = BTreeMap::new(),
    assigned: "assigned" with count = 0,
    last: "last" = None,
});

impl_from_json!(struct RepCounts, deny {
    day: "day" with day_text = None,
    today: "today" = 0,
    month: "month" with month_text = None,
    this_month: "thisMonth" = 0,
    total: "total" with count = 0,
});

deserialize_via_from_json!(RoutingState);

/// Whole numbers up to 2^53, as JSON carries them exactly.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

fn whole(value: &Value) -> Result<f64, DeError> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_EXACT => Ok(n),
        _ => Err(mismatch(value, "a whole number")),
    }
}

fn count(value: &Value) -> Result<u64, DeError> {
    let n = whole(value)?;
    if n < 0.0 {
        return Err(mismatch(value, "a whole number of at least 0"));
    }
    Ok(n as u64)
}

fn counters(value: &Value) -> Result<BTreeMap<String, i64>, DeError> {
    let Value::Object(map) = value else { return Err(mismatch(value, "an object of whole numbers by rep id")) };
    let mut out = BTreeMap::new();
    for (rep, n) in map {
        let read: f64 = whole(n).map_err(|_| mismatch(n, &format!("a whole number for {rep}")))?;
        out.insert(rep.clone(), read as i64);
    }
    Ok(out)
}

fn day_text(value: &Value) -> Result<Option<String>, DeError> {
    period(value, 10, "a date written YYYY-MM-DD")
}

fn month_text(value: &Value) -> Result<Option<String>, DeError> {
    period(value, 7, "a month written YYYY-MM")
}

fn period(value: &Value, len: usize, expected: &str) -> Result<Option<String>, DeError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => {
            let full = if len == 7 { format!("{s}-01") } else { s.clone() };
            match super::tz::day_of_date(&full) {
                Some(_) if s.len() == len => Ok(Some(s.clone())),
                _ => Err(mismatch(value, expected)),
            }
        }
        other => Err(mismatch(other, expected)),
    }
}

impl RoutingState {
    /// No rotation yet: every pool starts with its first member.
    pub fn new() -> RoutingState {
        RoutingState::default()
    }

    /// Reads a state the caller kept (`null` is a new state). Input errors (`INVALID_SHAPE`)
    /// point at the offending member, e.g. `$.reps.ana.today`.
    pub fn from_json(value: &Value) -> Result<RoutingState> {
        if value.is_null() {
            return Ok(RoutingState::new());
        }
        from_json(value, ErrorKind::Input)
    }

    /// The state as JSON, to keep for the next call.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The counts of `rep` for local `day`/`month`: 0 for a period the state does not count.
    pub(crate) fn counts(&self, rep: &str, day: &str, month: &str) -> (u32, u32) {
        self.reps.get(rep).map_or((0, 0), |c| {
            let today = if c.day.as_deref() == Some(day) { c.today } else { 0 };
            let this_month = if c.month.as_deref() == Some(month) { c.this_month } else { 0 };
            (today, this_month)
        })
    }

    /// Counts one more lead for `rep` on local `day` of `month` (counts stop at their
    /// largest value rather than wrap).
    pub(crate) fn count(&mut self, rep: &str, day: String, month: String) {
        let (today, this_month) = self.counts(rep, &day, &month);
        let entry = self.reps.entry(rep.to_owned()).or_default();
        entry.today = today.saturating_add(1);
        entry.this_month = this_month.saturating_add(1);
        entry.total = entry.total.saturating_add(1);
        entry.day = Some(day);
        entry.month = Some(month);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_as_json() {
        let value = json!({
            "pools": {"inbound": {"current": {"ana": -200, "ben": 100}, "assigned": 3, "last": "ana"}},
            "reps": {"ana": {"day": "2026-03-09", "today": 2, "month": "2026-03", "thisMonth": 7, "total": 40}}
        });
        let state = RoutingState::from_json(&value).unwrap();
        assert_eq!(state.to_json(), value);
        assert_eq!(state.counts("ana", "2026-03-09", "2026-03"), (2, 7));
        assert_eq!(state.counts("ana", "2026-03-10", "2026-03"), (0, 7), "a new day starts from 0");
        assert_eq!(state.counts("ana", "2026-04-01", "2026-04"), (0, 0));
        assert_eq!(RoutingState::from_json(&Value::Null).unwrap(), RoutingState::new());
        assert_eq!(serde_json::from_value::<RoutingState>(value).unwrap(), state);
    }

    #[test]
    fn bad_states_are_input_errors_with_paths() {
        let err = |value: Value| RoutingState::from_json(&value).unwrap_err();
        let e = err(json!({"reps": {"ana": {"today": -1}}}));
        assert_eq!((e.path.as_str(), e.kind), ("$.reps.ana.today", ErrorKind::Input));
        assert_eq!(err(json!({"reps": {"ana": {"day": "yesterday"}}})).path, "$.reps.ana.day");
        assert_eq!(err(json!({"reps": {"ana": {"month": "2026-13"}}})).path, "$.reps.ana.month");
        assert_eq!(err(json!({"pools": {"p": {"current": {"ana": 1.5}}}})).path, "$.pools.p.current");
        assert_eq!(err(json!({"pool": {}})).path, "$.pool");
    }

    #[test]
    fn counting_rolls_periods_over() {
        let mut state = RoutingState::new();
        state.count("ana", "2026-03-31".into(), "2026-03".into());
        state.count("ana", "2026-03-31".into(), "2026-03".into());
        state.count("ana", "2026-04-01".into(), "2026-04".into());
        let ana = &state.reps["ana"];
        assert_eq!((ana.today, ana.this_month, ana.total, ana.day.as_deref()), (1, 1, 3, Some("2026-04-01")));
    }
}
