//! CRM date and emptiness operators (pipescore extensions to JsonLogic).
//!
//! Dates are ISO-8601 dates or date-times, or epoch milliseconds, read with
//! [`crate::time`]; anything else is "no date", which makes every date test false and
//! `days_since`/`days_until` `null`.

use serde_json::Value;

use super::coerce::to_number;
use super::eval::{arg, Env};
use super::node::Node;
use super::ops::Op;
use super::value::Val;
use crate::time;

/// Largest instant `now` is clamped to (the range of JS `Date`), so day arithmetic can't
/// overflow.
const MAX_INSTANT: i64 = 8_640_000_000_000_000;

/// Evaluates a CRM date or emptiness operator.
pub(crate) fn eval<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let date = |i: usize| timestamp(&arg(args, i, data, env));
    let now = now(env);
    match op {
        Op::Now => Val::Num(now as f64),
        Op::DaysSince => date(0).map_or(Val::Null, |t| Val::Num(time::days_between(t, now))),
        Op::DaysUntil => date(0).map_or(Val::Null, |t| Val::Num(time::days_between(now, t))),
        Op::IsEmpty => Val::Bool(is_empty(&arg(args, 0, data, env))),
        Op::Filled => Val::Bool(!is_empty(&arg(args, 0, data, env))),
        _ => Val::Bool(date_test(op, args, data, env, now).unwrap_or(false)),
    }
}

/// The evaluation's `now`, clamped to the range of JS `Date`.
pub(crate) fn now(env: &Env) -> i64 {
    env.now.clamp(-MAX_INSTANT, MAX_INSTANT)
}

/// The date comparisons; `None` when a date (or the day count) is missing.
fn date_test<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env, now: i64) -> Option<bool> {
    let date = |i: usize| timestamp(&arg(args, i, data, env));
    let days = || Some(to_number(&arg(args, 1, data, env))).filter(|n| !n.is_nan());
    Some(match op {
        Op::DateBefore => date(0)? < date(1)?,
        Op::DateAfter => date(0)? > date(1)?,
        Op::DateBetween => (date(1)?..=date(2)?).contains(&date(0)?),
        Op::WithinLastDays => within(time::days_between(date(0)?, now), days()?),
        _ => within(time::days_between(now, date(0)?), days()?),
    })
}

/// Whether an elapsed day count is in `0..=limit`.
fn within(elapsed: f64, limit: f64) -> bool {
    (0.0..=limit).contains(&elapsed)
}

/// An instant from a value: epoch milliseconds or an ISO-8601 string.
pub(crate) fn timestamp(v: &Val<'_>) -> Option<i64> {
    match v {
        Val::Num(n) => time::timestamp_from_millis(*n),
        Val::Str(s) => time::parse_iso8601(s),
        _ => None,
    }
}

/// Whether a value is empty: null, missing, blank text, an empty array or an empty object.
pub(crate) fn is_empty(v: &Val<'_>) -> bool {
    match v {
        Val::Undef | Val::Null => true,
        Val::Str(s) => s.trim().is_empty(),
        Val::Json(Value::Object(map), _) => map.is_empty(),
        Val::Obj(entries) => entries.is_empty(),
        _ => v.as_list().is_some_and(|l| l.len() == 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn emptiness() {
        let empties = json!([null, "", "  \t", [], {}]);
        let filled = json!([0, false, "x", [null], {"a": null}]);
        for v in empties.as_array().into_iter().flatten() {
            assert!(is_empty(&Val::from_json(v, 0)), "{v}");
        }
        for v in filled.as_array().into_iter().flatten() {
            assert!(!is_empty(&Val::from_json(v, 0)), "{v}");
        }
        assert!(is_empty(&Val::Undef));
    }

    #[test]
    fn reads_instants() {
        assert_eq!(timestamp(&Val::string("1970-01-02")), Some(time::DAY_MS));
        assert_eq!(timestamp(&Val::Num(5.0)), Some(5));
        assert_eq!(timestamp(&Val::string("soon")), None);
        assert_eq!(timestamp(&Val::Bool(true)), None);
        assert!(within(0.0, 0.0) && within(14.0, 14.0) && !within(-0.1, 14.0) && !within(14.01, 14.0));
    }
}
