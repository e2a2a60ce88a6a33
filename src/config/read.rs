//! Readers over `&serde_json::Value`: the [`FromJson`] trait, its implementations for the
//! building blocks (numbers, text, lists, options, maps) and the helpers the crate's config
//! and record types are read with.
//!
//! The loop over an object's members, the unknown-field check and the path bookkeeping are one
//! function ([`object`]); a type only says which member goes where. Errors keep serde's wording
//! ("invalid type: …, expected …", "missing field `x`", "unknown variant `x`, expected one of
//! …"), which [`super::from_json`] then puts in an admin's words. An error bubbling out of an
//! object member or array item adds its key or index, so the innermost location is recorded
//! once, on the way up, with no bookkeeping on the success path. A missing field is reported at
//! the object that lacks it, an unknown one at the member itself.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::Error as _;
use serde_json::{Map, Value};

use crate::path;
use crate::rules::number::Plain;

/// A type read from JSON by [`super::from_json`].
pub trait FromJson: Sized {
    /// Reads `value`; the error's path is relative to `value`.
    fn from_json(value: &Value) -> Result<Self, DeError>;
}

/// One step of a JSON path.
#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// A reading failure and where it happened. Boxed, so that passing it up through every level
/// of a reader costs one word.
#[derive(Debug)]
pub struct DeError(Box<Failure>);

#[derive(Debug)]
struct Failure {
    /// serde's description of what was wrong.
    message: String,
    /// Steps from the failing value up to the root (innermost first).
    segments: Vec<Segment>,
    /// The error is about the object being read (a repeated field), not the member at hand.
    about_object: bool,
}

impl DeError {
    /// serde's description of what was wrong ("invalid type: …, expected …").
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The error's location as a `$`-rooted JSON path.
    pub fn path(&self) -> String {
        self.0.segments.iter().rev().fold(String::from("$"), |out, segment| match segment {
            Segment::Key(k) => path::key(&out, k),
            Segment::Index(i) => path::index(&out, *i),
        })
    }

    /// The same error one step further from the root.
    fn within(mut self, segment: Segment) -> Self {
        self.0.segments.push(segment);
        self
    }

    /// `duplicate field `name``, at the object rather than the member that repeats it (a field
    /// written under both its name and an alias).
    pub(crate) fn duplicate(name: &'static str) -> Self {
        let mut e = DeError::duplicate_field(name);
        e.0.about_object = true;
        e
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl serde::de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(Box::new(Failure { message: msg.to_string(), segments: Vec::new(), about_object: false }))
    }
}

/// What a value is, in the words of serde's `Unexpected` (`unit value`, `boolean `true``,
/// `integer `5``, `floating point `1.5``, `string "x"`, `sequence`, `map`). Written here rather
/// than with `Unexpected`, whose `Display` links core's float formatting into the `.wasm`.
fn unexpected(value: &Value) -> String {
    match value {
        Value::Null => "unit value".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => format!("integer `{u}`"),
            (None, Some(i)) => format!("integer `{i}`"),
            _ => float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    }
}

/// serde's words for a fractional number: `floating point `1.5``, `floating point `2.0``.
fn float(f: f64) -> String {
    let shown = Plain(f).to_string();
    let point = if shown.contains('.') { "" } else { ".0" };
    format!("floating point `{shown}{point}`")
}

/// `invalid type: <what value is>, expected <expected>`.
pub(crate) fn mismatch(value: &Value, expected: &str) -> DeError {
    invalid("type", &unexpected(value), expected)
}

/// serde's `invalid type: …, expected …` or `invalid value: …, expected …`.
fn invalid(what: &str, found: &str, expected: &str) -> DeError {
    DeError::custom(format_args!("invalid {what}: {found}, expected {expected}"))
}

/// Reads an object the way a derived `Deserialize` does: member by member in the map's
/// (sorted) order, handing each member named `fields[i]` to `member(i, value)`. Any other
/// member is an `unknown field` error when `deny_unknown`, else skipped. Errors from a member
/// are stamped with its key. A value that is not an object is a mismatch with `expecting`
/// (`"struct ModelSpec"`). Required fields are checked by the caller afterwards, with [`need`].
pub(crate) fn object(
    value: &Value,
    expecting: &str,
    fields: &'static [&'static str],
    deny_unknown: bool,
    member: &mut dyn FnMut(usize, &Value) -> Result<(), DeError>,
) -> Result<(), DeError> {
    let Value::Object(map) = value else { return Err(mismatch(value, expecting)) };
    for (key, value) in map {
        let result = match fields.iter().position(|f| *f == key.as_str()) {
            Some(i) => member(i, value),
            None if deny_unknown => Err(DeError::unknown_field(key, fields)),
            None => Ok(()),
        };
        result.map_err(|mut e| match e.0.about_object {
            true => {
                e.0.about_object = false;
                e
            }
            false => e.within(Segment::Key(key.clone())),
        })?;
    }
    Ok(())
}

/// Reads an object whose members are exactly `names`, each a `T`, as a derived `Deserialize`
/// with unknown fields denied reads a struct of `N` fields of type `T`: the values in `names`
/// order. One small reader per `T` instead of one per struct.
pub(crate) fn members<T: FromJson, const N: usize>(
    value: &Value,
    expecting: &str,
    names: &'static [&'static str; N],
) -> Result<[T; N], DeError> {
    let mut slots: [Option<T>; N] = std::array::from_fn(|_| None);
    object(value, expecting, names, true, &mut |i, v| {
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(T::from_json(v)?);
        }
        Ok(())
    })?;
    let mut values = Vec::with_capacity(N);
    for (slot, name) in slots.into_iter().zip(names) {
        values.push(need(slot, name)?);
    }
    // Every slot was checked just above, so there are `N` values.
    values.try_into().map_err(|_| DeError::custom("a member is missing"))
}

/// A required field's value, or `missing field `name``.
pub(crate) fn need<T>(slot: Option<T>, name: &'static str) -> Result<T, DeError> {
    slot.ok_or_else(|| DeError::missing_field(name))
}

/// A unit variant, written as its name (`"won"`) or as `{ "won": null }`: its index in `names`.
pub(crate) fn variant(value: &Value, names: &'static [&'static str]) -> Result<usize, DeError> {
    let find = |name: &str| names.iter().position(|n| *n == name).ok_or_else(|| DeError::unknown_variant(name, names));
    match value {
        Value::String(name) => find(name),
        Value::Object(map) => match single_member(map) {
            Some((key, content)) => {
                let index = find(key)?;
                match content {
                    Value::Null => Ok(index),
                    other => Err(mismatch(other, "null").within(Segment::Key(key.clone()))),
                }
            }
            None => Err(invalid("value", "map", "an object with exactly one key")),
        },
        other => Err(mismatch(other, "a name or an object with one key")),
    }
}

/// The only member of `map`, if it has exactly one.
fn single_member(map: &Map<String, Value>) -> Option<(&String, &Value)> {
    let mut members = map.iter();
    match (members.next(), members.next()) {
        (Some(member), None) => Some(member),
        _ => None,
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<f64, DeError> {
        match value {
            Value::Number(n) => Ok(n.as_f64().unwrap_or_default()),
            other => Err(mismatch(other, "f64")),
        }
    }
}

/// Whole numbers as serde reads a `u32`: a negative or too large one is an invalid value, a
/// fractional one an invalid type.
impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<u32, DeError> {
        let Value::Number(n) = value else { return Err(mismatch(value, "u32")) };
        match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u32::try_from(u).map_err(|_| invalid("value", &format!("integer `{u}`"), "u32")),
            (None, Some(i)) => Err(invalid("value", &format!("integer `{i}`"), "u32")),
            _ => Err(mismatch(value, "u32")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<bool, DeError> {
        value.as_bool().ok_or_else(|| mismatch(value, "a boolean"))
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<String, DeError> {
        value.as_str().map(str::to_owned).ok_or_else(|| mismatch(value, "a string"))
    }
}

/// Any JSON, as it is.
impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Value, DeError> {
        Ok(value.clone())
    }
}

/// `null` is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Option<T>, DeError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Vec<T>, DeError> {
        let Value::Array(items) = value else { return Err(mismatch(value, "a sequence")) };
        let read = |(i, item): (usize, &Value)| T::from_json(item).map_err(|e| e.within(Segment::Index(i)));
        items.iter().enumerate().map(read).collect()
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<BTreeMap<String, T>, DeError> {
        let Value::Object(map) = value else { return Err(mismatch(value, "a map")) };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            out.insert(k.clone(), T::from_json(v).map_err(|e| e.within(Segment::Key(k.clone())))?);
        }
        Ok(out)
    }
}

/// Implements [`FromJson`] as `#[derive(Deserialize)]` with the same attributes would.
///
/// `impl_from_json!(struct Name, deny { field: "jsonName", … })` reads an object
/// (`deny`: unknown members are errors, `allow`: they are skipped). A field is required unless
/// it has a default: `field: "name" = default_expr`. `with reader` reads the member's value
/// with `reader(&Value)` instead of its type's [`FromJson`].
///
/// `impl_from_json!(record Name, allow { field: "jsonName", … })` is the same for a `Default`
/// struct whose fields all default, and also gives it `Name::set(&mut self, i, value)`, which
/// reads member `Name::FIELDS[i]`: what a reader that does not start from a tree calls.
///
/// `impl_from_json!(enum Name { "json" => Name::Variant, … })` reads a unit-only enum (see
/// [`variant`]); list aliases as further names of the same variant.
macro_rules! impl_from_json {
    (record $ty:ident, $unknown:ident { $($field:ident: $json:literal $(with $reader:path)?),* $(,)? }) => {
        impl $ty {
            /// The JSON member names, in declaration order.
            pub(crate) const FIELDS: &'static [&'static str] = &[$($json),*];

            /// The index in `Self::FIELDS` of the member named `key`.
            #[allow(dead_code)]
            pub(crate) fn index(key: &str) -> Option<usize> {
                #[allow(non_camel_case_types)]
                enum Field { $($field),* }
                match key {
                    $($json => Some(Field::$field as usize),)*
                    _ => None,
                }
            }

            /// Reads the member named `Self::FIELDS[i]` into its field.
            pub(crate) fn set(&mut self, i: usize, value: &serde_json::Value) -> Result<(), $crate::config::DeError> {
                #[allow(non_camel_case_types)]
                enum Field { $($field),* }
                match i {
                    $(i if i == Field::$field as usize => self.$field = $crate::config::impl_from_json!(@read value $(, $reader)?),)*
                    _ => {}
                }
                Ok(())
            }
        }

        impl $crate::config::FromJson for $ty {
            fn from_json(value: &serde_json::Value) -> Result<Self, $crate::config::DeError> {
                let mut record = <$ty>::default();
                let deny = $crate::config::impl_from_json!(@deny $unknown);
                $crate::config::object(value, concat!("struct ", stringify!($ty)), Self::FIELDS, deny, &mut |i, v| record.set(i, v))?;
                Ok(record)
            }
        }
    };
    (struct $ty:ident, $unknown:ident { $($field:ident: $json:literal $(with $reader:path)? $(= $default:expr)?),* $(,)? }) => {
        impl $ty {
            /// The JSON member names, in declaration order.
            #[allow(dead_code)]
            pub(crate) const FIELDS: &'static [&'static str] = &[$($json),*];
        }

        impl $crate::config::FromJson for $ty {
            fn from_json(value: &serde_json::Value) -> Result<Self, $crate::config::DeError> {
                const FIELDS: &[&str] = <$ty>::FIELDS;
                #[allow(non_camel_case_types)]
                enum Field { $($field),* }
                $(let mut $field = None;)*
                let deny = $crate::config::impl_from_json!(@deny $unknown);
                $crate::config::object(value, concat!("struct ", stringify!($ty)), FIELDS, deny, &mut |i, v| {
                    match i {
                        $(i if i == Field::$field as usize => $field = Some($crate::config::impl_from_json!(@read v $(, $reader)?)),)*
                        _ => {}
                    }
                    Ok(())
                })?;
                Ok($ty { $($field: $crate::config::impl_from_json!(@finish $field, $json $(, $default)?)),* })
            }
        }
    };
    (enum $ty:ident { $($json:literal => $variant:expr),* $(,)? }) => {
        impl $crate::config::FromJson for $ty {
            fn from_json(value: &serde_json::Value) -> Result<Self, $crate::config::DeError> {
                const NAMES: &[&str] = &[$($json),*];
                Ok([$($variant),*][$crate::config::variant(value, NAMES)?])
            }
        }
    };
    (@deny deny) => { true };
    (@deny allow) => { false };
    (@read $v:ident) => { $crate::config::FromJson::from_json($v)? };
    (@read $v:ident, $reader:path) => { $reader($v)? };
    (@finish $field:ident, $json:literal) => { $crate::config::need($field, $json)? };
    (@finish $field:ident, $json:literal, $default:expr) => { $field.unwrap_or_else(|| $default) };
}

pub(crate) use impl_from_json;

/// Implements serde's `Deserialize` for public types through their [`FromJson`] reader, so
/// native callers can still `serde_json::from_value` them and the JSON shape is defined once.
macro_rules! deserialize_via_from_json {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$ty as $crate::config::FromJson>::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

pub(crate) use deserialize_via_from_json;
