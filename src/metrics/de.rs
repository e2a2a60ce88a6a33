//! Serde readers for CRM fields: dates as ISO-8601 text or epoch milliseconds, amounts as numbers
//! or numeric text, and text that may arrive as a number. `null`, a missing field and empty
//! text all mean "not set". Errors read "found …, expected …" and carry the field's JSON path
//! once they pass through [`crate::config::from_json`].

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::input::Outcome;
use super::money;
use crate::time;

const DATE: &str = "a date (ISO-8601 text such as 2017-03-01 or 2017-03-01T09:30:00Z, or epoch milliseconds)";
const AMOUNT: &str = "an amount (a number, or numeric text such as \"1250.50\", below 10 trillion)";
const TEXT: &str = "text";
const OUTCOME: &str = "\"won\", \"lost\" or \"open\"";

fn invalid<E: de::Error>(found: impl fmt::Display, expected: &str) -> E {
    E::custom(format_args!("found {found}, expected {expected}"))
}

/// Visits a scalar; `null`, unit and empty text become `None`.
trait Scalar: Sized {
    const EXPECTING: &'static str;
    fn number<E: de::Error>(v: f64) -> Result<Option<Self>, E>;
    fn text<E: de::Error>(v: &str) -> Result<Option<Self>, E>;
    fn owned_text<E: de::Error>(v: String) -> Result<Option<Self>, E> {
        Self::text(&v)
    }
}

struct ScalarVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::number(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::number(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::number(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        T::text(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        T::owned_text(v)
    }
}

fn scalar<'de, T: Scalar, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ScalarVisitor::<T>(std::marker::PhantomData))
}

/// An instant in epoch milliseconds.
struct Instant(i64);

impl Scalar for Instant {
    const EXPECTING: &'static str = DATE;
    fn number<E: de::Error>(v: f64) -> Result<Option<Self>, E> {
        time::timestamp_from_millis(v).map(|t| Some(Instant(t))).ok_or_else(|| invalid(v, DATE))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        time::parse_iso8601(v).map(|t| Some(Instant(t))).ok_or_else(|| invalid(format_args!("{v:?}"), DATE))
    }
}

/// An amount in whole cents.
struct Cents(i64);

impl Scalar for Cents {
    const EXPECTING: &'static str = AMOUNT;
    fn number<E: de::Error>(v: f64) -> Result<Option<Self>, E> {
        money::cents_from_number(v).map(|c| Some(Cents(c))).ok_or_else(|| invalid(v, AMOUNT))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        money::cents_from_text(v).map(|c| Some(Cents(c))).ok_or_else(|| invalid(format_args!("{v:?}"), AMOUNT))
    }
}

/// Non-empty text; whole numbers (CRM ids) are accepted and written in decimal.
struct Text(String);

impl Scalar for Text {
    const EXPECTING: &'static str = TEXT;
    fn number<E: de::Error>(v: f64) -> Result<Option<Self>, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(Some(Text(format!("{}", v as i64))))
        } else {
            Err(invalid(v, "text or a whole number"))
        }
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        Ok(Some(Text(v.to_owned())))
    }
    fn owned_text<E: de::Error>(v: String) -> Result<Option<Self>, E> {
        Ok(Some(Text(v)))
    }
}

impl Scalar for Outcome {
    const EXPECTING: &'static str = OUTCOME;
    fn number<E: de::Error>(v: f64) -> Result<Option<Self>, E> {
        Err(invalid(v, OUTCOME))
    }
    fn text<E: de::Error>(v: &str) -> Result<Option<Self>, E> {
        let v = v.trim();
        [("won", Outcome::Won), ("lost", Outcome::Lost), ("open", Outcome::Open)]
            .into_iter()
            .find(|(name, _)| v.eq_ignore_ascii_case(name))
            .map(|(_, o)| Some(o))
            .ok_or_else(|| invalid(format_args!("{v:?}"), OUTCOME))
    }
}

fn required<E: de::Error, T>(value: Option<T>, expected: &str) -> Result<T, E> {
    value.ok_or_else(|| invalid("nothing (null or empty)", expected))
}

/// An optional date (`Option<i64>` epoch ms).
pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(scalar::<Instant, D>(d)?.map(|t| t.0))
}

/// A required date (epoch ms).
pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    required(opt_time(d)?, DATE)
}

/// An optional amount in whole cents.
pub fn opt_cents<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(scalar::<Cents, D>(d)?.map(|c| c.0))
}

/// Optional text.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(scalar::<Text, D>(d)?.map(|t| t.0))
}

/// Required, non-empty text.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    required(opt_text(d)?, TEXT)
}

/// An optional outcome, case-insensitive.
pub fn opt_outcome<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Outcome>, D::Error> {
    scalar::<Outcome, D>(d)
}

/// A list where `null` means empty.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
