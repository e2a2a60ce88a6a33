//! Readers for CRM fields: dates as ISO-8601 text or epoch milliseconds, amounts as numbers or
//! numeric text, and text that may arrive as a number. `null`, a missing field and empty text
//! all mean "not set". Errors read "found …, expected …" and carry the field's JSON path once
//! they pass through [`crate::config::read`].

use std::fmt;

use serde::de::Error as _;
use serde_json::Value;

use super::input::Outcome;
use super::money;
use crate::config::{mismatch, DeError, FromJson};
use crate::rules::number::Plain;
use crate::time;

const DATE: &str = "a date (ISO-8601 text such as 2017-03-01 or 2017-03-01T09:30:00Z, or epoch milliseconds)";
const AMOUNT: &str = "an amount (a number, or numeric text such as \"1250.50\", below 10 trillion)";
const TEXT: &str = "text";
const OUTCOME: &str = "\"won\", \"lost\" or \"open\"";

fn invalid(found: impl fmt::Display, expected: &str) -> DeError {
    DeError::custom(format_args!("found {found}, expected {expected}"))
}

/// A scalar as written.
enum Scalar<'a> {
    Number(f64),
    Text(&'a str),
}

/// The scalar in `value`: `None` for `null` and blank text; a boolean, list or object is a
/// mismatch with `expecting`.
fn scalar<'a>(value: &'a Value, expecting: &str) -> Result<Option<Scalar<'a>>, DeError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(Some(Scalar::Number(n.as_f64().unwrap_or_default()))),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(Scalar::Text(s))),
        other => Err(mismatch(other, expecting)),
    }
}

fn required<T>(value: Option<T>, expected: &str) -> Result<T, DeError> {
    value.ok_or_else(|| invalid("nothing (null or empty)", expected))
}

/// An optional date (`Option<i64>` epoch ms).
pub fn opt_time(value: &Value) -> Result<Option<i64>, DeError> {
    match scalar(value, DATE)? {
        None => Ok(None),
        Some(Scalar::Number(v)) => time::timestamp_from_millis(v).map(Some).ok_or_else(|| invalid(Plain(v), DATE)),
        Some(Scalar::Text(v)) => time::parse_iso8601(v).map(Some).ok_or_else(|| invalid(format_args!("{v:?}"), DATE)),
    }
}

/// A required date (epoch ms).
pub fn time(value: &Value) -> Result<i64, DeError> {
    required(opt_time(value)?, DATE)
}

/// An optional amount in whole cents.
pub fn opt_cents(value: &Value) -> Result<Option<i64>, DeError> {
    match scalar(value, AMOUNT)? {
        None => Ok(None),
        Some(Scalar::Number(v)) => money::cents_from_number(v).map(Some).ok_or_else(|| invalid(Plain(v), AMOUNT)),
        Some(Scalar::Text(v)) => money::cents_from_text(v).map(Some).ok_or_else(|| invalid(format_args!("{v:?}"), AMOUNT)),
    }
}

/// Optional non-empty text; whole numbers (CRM ids) are accepted and written in decimal.
pub fn opt_text(value: &Value) -> Result<Option<String>, DeError> {
    match scalar(value, TEXT)? {
        None => Ok(None),
        Some(Scalar::Number(v)) if v.fract() == 0.0 && v.abs() < 9.0e15 => Ok(Some(format!("{}", v as i64))),
        Some(Scalar::Number(v)) => Err(invalid(Plain(v), "text or a whole number")),
        Some(Scalar::Text(v)) => Ok(Some(v.to_owned())),
    }
}

/// Required, non-empty text.
pub fn text(value: &Value) -> Result<String, DeError> {
    required(opt_text(value)?, TEXT)
}

/// An optional outcome, case-insensitive.
pub fn opt_outcome(value: &Value) -> Result<Option<Outcome>, DeError> {
    match scalar(value, OUTCOME)? {
        None => Ok(None),
        Some(Scalar::Number(v)) => Err(invalid(Plain(v), OUTCOME)),
        Some(Scalar::Text(v)) => {
            let v = v.trim();
            [("won", Outcome::Won), ("lost", Outcome::Lost), ("open", Outcome::Open)]
                .into_iter()
                .find(|(name, _)| v.eq_ignore_ascii_case(name))
                .map(|(_, o)| Some(o))
                .ok_or_else(|| invalid(format_args!("{v:?}"), OUTCOME))
        }
    }
}

/// A list where `null` means empty.
pub fn list<T: FromJson>(value: &Value) -> Result<Vec<T>, DeError> {
    Ok(Option::<Vec<T>>::from_json(value)?.unwrap_or_default())
}
