//! Building pipescore records from CRM values: every value is read through [`crate::read`],
//! and a value that can't be read is an error at its path in the CRM payload
//! (`$.results[3].properties.amount`).

use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::read::{self, Raw};
use crate::time;

/// A pipescore record being built: its fields, the fields carried through under `custom`, and
/// when each field last changed (`fieldUpdatedAt`).
#[derive(Debug, Default)]
pub(crate) struct Record {
    fields: Map<String, Value>,
    custom: Map<String, Value>,
    updated: Map<String, Value>,
}

impl Record {
    /// Sets `name` to `value`; `null` leaves the field absent.
    pub(crate) fn set(&mut self, name: &str, value: Value) {
        if !value.is_null() {
            self.fields.insert(name.to_owned(), value);
        }
    }

    /// Sets `name` when it is not set yet.
    pub(crate) fn set_default(&mut self, name: &str, value: Value) {
        if !self.has(name) {
            self.set(name, value);
        }
    }

    /// Whether `name` is set.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }

    /// The value of `name`, if set.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.fields.get(name)
    }

    /// Carries a CRM field pipescore does not map, under `custom.<name>`, as the CRM sent it
    /// (blank values are left out).
    pub(crate) fn custom(&mut self, name: &str, value: Value) {
        if !Raw::from(&value).is_blank() {
            self.custom.insert(name.to_owned(), value);
        }
    }

    /// Records that `field` (a pipescore field, or `custom.<name>`) changed at `at`; the latest
    /// instant wins.
    pub(crate) fn updated(&mut self, field: &str, at: i64) {
        let later = match self.updated.get(field).and_then(|v| v.as_str()).and_then(time::parse_iso8601) {
            Some(known) => at > known,
            None => true,
        };
        if later {
            self.updated.insert(field.to_owned(), instant(at));
        }
    }

    /// The record as JSON, with `custom` and `fieldUpdatedAt` when they hold anything.
    pub(crate) fn finish(mut self) -> Value {
        if !self.custom.is_empty() {
            self.fields.insert("custom".to_owned(), Value::Object(self.custom));
        }
        if !self.updated.is_empty() {
            self.fields.insert("fieldUpdatedAt".to_owned(), Value::Object(self.updated));
        }
        Value::Object(self.fields)
    }
}

/// What a CRM value is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum As {
    /// Text.
    Text,
    /// A number.
    Number,
    /// A date (kept as a date when the CRM sends one, else an ISO-8601 instant).
    Date,
    /// true or false.
    Boolean,
    /// A head count or revenue: a number, or a range such as `"25-50"` or `"1000+"` read as its
    /// lower bound.
    AtLeast,
    /// A percentage 0–100, given as a share 0–1.
    Percent,
}

/// `raw` read as `kind`, as JSON: `Ok(None)` when it is not set, an input error at `path` when
/// it can't be read.
pub(crate) fn value(raw: &Value, kind: As, path: impl Fn() -> String) -> Result<Option<Value>> {
    Ok(match kind {
        As::Text => text(raw, path)?.map(Value::String),
        As::Number => number(raw, path)?.map(num),
        As::Date => date_value(raw, path)?,
        As::Boolean => boolean(raw, path)?.map(Value::Bool),
        As::AtLeast => at_least(raw, path)?.map(num),
        As::Percent => percent(raw, path)?.map(num),
    })
}

/// A number, through [`read::number`].
pub(crate) fn number(raw: &Value, path: impl Fn() -> String) -> Result<Option<f64>> {
    read::number(raw).map_err(|e| e.at(&path()))
}

/// A date as epoch milliseconds, through [`read::date`].
pub(crate) fn date(raw: &Value, path: impl Fn() -> String) -> Result<Option<i64>> {
    read::date(raw).map_err(|e| e.at(&path()))
}

/// Text, through [`read::text`].
pub(crate) fn text(raw: &Value, path: impl Fn() -> String) -> Result<Option<String>> {
    read::text(raw).map(|t| t.map(|t| t.into_owned())).map_err(|e| e.at(&path()))
}

/// true or false, through [`read::boolean`].
pub(crate) fn boolean(raw: &Value, path: impl Fn() -> String) -> Result<Option<bool>> {
    read::boolean(raw).map_err(|e| e.at(&path()))
}

/// A date, as pipescore writes it: `YYYY-MM-DD` when the CRM sent a date, else the instant as
/// `YYYY-MM-DDTHH:MM:SS.sssZ`.
pub(crate) fn date_value(raw: &Value, path: impl Fn() -> String) -> Result<Option<Value>> {
    let Some(ms) = date(raw, path)? else { return Ok(None) };
    let date_only = raw.as_str().is_some_and(|s| s.trim().len() == 10);
    Ok(Some(Value::String(if date_only { time::format_date(ms) } else { time::format_datetime(ms) })))
}

/// An instant as ISO-8601 text.
pub(crate) fn instant(ms: i64) -> Value {
    Value::String(time::format_datetime(ms))
}

/// A number as JSON: a whole number within ±2^53 is written without a fraction (`500`, not
/// `500.0`).
pub(crate) fn num(n: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() < SAFE {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A percentage 0–100 as a share 0–1; a value outside 0–100 is an `INVALID_NUMBER` error.
pub(crate) fn percent(raw: &Value, path: impl Fn() -> String) -> Result<Option<f64>> {
    let Some(p) = number(raw, &path)? else { return Ok(None) };
    if !(0.0..=100.0).contains(&p) {
        let path = path();
        let field = read::field_name(&path).into_owned();
        let shown = read::describe(raw.into());
        return Err(Error::input(ErrorCode::InvalidNumber, path, format!("{field} must be a percentage from 0 to 100, found {shown}")));
    }
    Ok(Some(p / 100.0))
}

/// A head count or an amount that CRMs send either as a number or as a range of a picklist
/// (`"25-50"`, `"25 - 50"`, `"1000+"`): the number, or the range's lower bound (the company
/// has at least that many). Anything else is an `INVALID_NUMBER` error.
pub(crate) fn at_least(raw: &Value, path: impl Fn() -> String) -> Result<Option<f64>> {
    if let Some(text) = raw.as_str() {
        let t = text.trim();
        let lower = t.strip_suffix('+').or_else(|| t.split_once(['-', '–']).map(|(low, _)| low)).map(str::trim);
        if let Some(low) = lower.filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())) {
            let high = t.split_once(['-', '–']).map(|(_, high)| high.trim());
            if high.map_or(true, |h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit())) {
                return Ok(low.parse::<f64>().ok());
            }
        }
    }
    number(raw, path)
}

/// A forecast category in a CRM's spelling (`Pipeline`, `Best Case`, `BestCase`, `Commit`,
/// `Forecast`, `Most Likely`, `Closed`, `Omitted`, HubSpot's `BEST_CASE`, `OMIT`…) as
/// pipescore's (`pipeline`, `best_case`, `commit`, `closed`, `omitted`). Salesforce's Most
/// Likely, which lies between Commit and Best Case, counts as `best_case`, so that the Best
/// Case roll-up matches Salesforce's. Another value is an `UNKNOWN_VALUE` error of `kind`.
pub(crate) fn forecast_category(raw: &Value, kind: ErrorKind, path: impl Fn() -> String) -> Result<Option<&'static str>> {
    let Some(name) = text(raw, &path)? else { return Ok(None) };
    let category = match read::stage_key(&name).as_str() {
        "pipeline" => "pipeline",
        "bestcase" | "mostlikely" | "upside" => "best_case",
        "commit" | "forecast" => "commit",
        "closed" | "closedwon" | "won" => "closed",
        "omitted" | "omit" | "notforecasted" | "closedlost" | "lost" => "omitted",
        _ => {
            let path = path();
            let message = format!(
                "{} must be a forecast category (Pipeline, Best Case, Commit, Closed or Omitted), found {}",
                read::field_name(&path),
                read::describe(raw.into())
            );
            return Err(Error::new(kind, ErrorCode::UnknownValue, path, message));
        }
    };
    Ok(Some(category))
}

/// The `INVALID_RECORD` error for a record at `path` that is `found` (e.g. "a HubSpot
/// contact") where `expected` was asked for, ending with what to do instead.
pub(crate) fn wrong_kind(path: &str, found: &str, expected: &str, advice: &str) -> Error {
    let mut message = format!("this is {found}, not {expected}");
    if !advice.is_empty() {
        message.push_str(": ");
        message.push_str(advice);
    }
    Error::input(ErrorCode::InvalidRecord, path, message)
}

/// Whether two record ids are the same: equal, or a Salesforce 15-character id and the
/// 18-character form of it.
pub(crate) fn same_id(a: &str, b: &str) -> bool {
    a == b || matches!((a.len(), b.len()), (15, 18) | (18, 15)) && a.get(..15) == b.get(..15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at() -> String {
        "$.properties.numemployees".to_owned()
    }

    #[test]
    fn ranges_read_as_their_lower_bound() {
        assert_eq!(at_least(&json!("25-50"), at), Ok(Some(25.0)));
        assert_eq!(at_least(&json!(" 100 - 500 "), at), Ok(Some(100.0)));
        assert_eq!(at_least(&json!("1000+"), at), Ok(Some(1000.0)));
        assert_eq!(at_least(&json!("240"), at), Ok(Some(240.0)));
        assert_eq!(at_least(&json!(240), at), Ok(Some(240.0)));
        assert_eq!(at_least(&json!(""), at), Ok(None));
        for bad in ["lots", "5-", "a-b", "1,000+"] {
            let e = at_least(&json!(bad), at).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.properties.numemployees"), "{bad}");
        }
    }

    #[test]
    fn numbers_dates_and_percentages() {
        assert_eq!(num(500.0), json!(500));
        assert_eq!(num(0.25), json!(0.25));
        assert_eq!(value(&json!("50000.00"), As::Number, at), Ok(Some(json!(50000))));
        assert_eq!(value(&json!("2018-08-22"), As::Date, at), Ok(Some(json!("2018-08-22"))));
        assert_eq!(value(&json!("2018-10-13T17:16:45.000+0000"), As::Date, at), Ok(Some(json!("2018-10-13T17:16:45.000Z"))));
        assert_eq!(value(&json!(90.0), As::Percent, at), Ok(Some(json!(0.9))));
        let e = value(&json!(120), As::Percent, at).unwrap_err();
        assert!(e.message.contains("percentage from 0 to 100, found 120"), "{}", e.message);
        assert_eq!(value(&json!(null), As::Text, at), Ok(None));
    }

    #[test]
    fn forecast_categories_in_crm_spellings() {
        let read = |v: Value| forecast_category(&v, ErrorKind::Input, at);
        for (name, category) in [("Pipeline", "pipeline"), ("Best Case", "best_case"), ("BestCase", "best_case"), ("BEST_CASE", "best_case"),
            ("Most Likely", "best_case"), ("Commit", "commit"), ("Forecast", "commit"), ("Closed", "closed"), ("Omitted", "omitted"), ("OMIT", "omitted")] {
            assert_eq!(read(json!(name)), Ok(Some(category)), "{name}");
        }
        assert_eq!(read(json!("Maybe")).unwrap_err().code, ErrorCode::UnknownValue);
    }

    #[test]
    fn salesforce_ids_in_both_lengths() {
        assert!(same_id("0064600000J5S5TAAV", "0064600000J5S5T"));
        assert!(same_id("0064600000J5S5T", "0064600000J5S5TAAV"));
        assert!(!same_id("0064600000J5S5U", "0064600000J5S5TAAV"));
        assert!(same_id("abc", "abc") && !same_id("abc", "abd"));
    }

    #[test]
    fn records_keep_the_latest_change() {
        let mut r = Record::default();
        r.set("stage", json!("demo"));
        r.set("amount", Value::Null);
        r.custom("hs_lead_status", json!(""));
        r.custom("budget", json!("40000"));
        r.updated("stage", 2_000);
        r.updated("stage", 1_000);
        assert_eq!(
            r.finish(),
            json!({"stage": "demo", "custom": {"budget": "40000"}, "fieldUpdatedAt": {"stage": "1970-01-01T00:00:02.000Z"}})
        );
    }
}
