//! A `serde::Deserializer` over `&serde_json::Value` whose errors carry their JSON path.
//!
//! Each object member and array item that an error bubbles out of adds its key or index to
//! the error, so the innermost location is recorded once, on the way up, with no bookkeeping
//! on the success path. A missing field is reported at the object that lacks it, an unknown
//! one at the member itself.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

use crate::path;

/// One step of a JSON path.
#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// A deserialization failure and where it happened.
#[derive(Debug)]
pub struct DeError {
    /// serde's description of what was wrong.
    pub message: String,
    /// Steps from the failing value up to the root (innermost first).
    segments: Vec<Segment>,
}

impl DeError {
    /// The error's location as a `$`-rooted JSON path.
    pub fn path(&self) -> String {
        self.segments.iter().rev().fold(String::from("$"), |out, segment| match segment {
            Segment::Key(k) => path::key(&out, k),
            Segment::Index(i) => path::index(&out, *i),
        })
    }

    fn within(mut self, segment: Segment) -> Self {
        self.segments.push(segment);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), segments: Vec::new() }
    }
}

/// Deserializes from a borrowed JSON value.
pub struct ValueDeserializer<'a> {
    value: &'a Value,
}

impl<'a> ValueDeserializer<'a> {
    /// A deserializer reading `value`.
    pub fn new(value: &'a Value) -> Self {
        ValueDeserializer { value }
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// Implements integer entry points by delegating to one method.
macro_rules! integers_via {
    ($target:ident: $($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.$target(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, Some(f)) => visitor.visit_f64(f),
                (None, None, None) => visitor.visit_unit(),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_items(items, visitor),
            Value::Object(map) => visitor.visit_map(Members { iter: map.iter(), pending: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Value::String(name) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
            Value::Object(map) => match single_member(map) {
                Some((key, value)) => visitor.visit_enum(Variant { key, value }),
                None => Err(de::Error::invalid_value(Unexpected::Map, &"an object with exactly one key")),
            },
            other => Err(de::Error::invalid_type(unexpected(other), &"a name or an object with one key")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    // The typed entry points below call only the one `visit_*` method that fits and report
    // anything else as a type mismatch. Unlike `deserialize_any`, they leave a derived type's
    // other visit methods (a struct's `visit_seq`, …) unused, so the compiler drops them:
    // this keeps each config type's parsing code to what it needs.

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Number(n) => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    integers_via!(integer: deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64);

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Array(items) => visit_items(items, visitor),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Object(map) => visitor.visit_map(Members { iter: map.iter(), pending: None }),
            other => Err(mismatch(other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

impl<'de> ValueDeserializer<'de> {
    /// Integers go to the visitor as they are stored; a fractional number is offered as f64,
    /// which integer visitors refuse with "found floating point …, expected …".
    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            },
            other => Err(mismatch(other, &visitor)),
        }
    }
}

fn mismatch(value: &Value, expected: &dyn de::Expected) -> DeError {
    de::Error::invalid_type(unexpected(value), expected)
}

/// Feeds an array to a visitor and checks that it took every item.
fn visit_items<'de, V: Visitor<'de>>(items: &'de [Value], visitor: V) -> Result<V::Value, DeError> {
    let mut seq = Seq { items: items.iter(), index: 0 };
    let value = visitor.visit_seq(&mut seq)?;
    match seq.items.len() {
        0 => Ok(value),
        _ => Err(de::Error::invalid_length(items.len(), &"fewer items")),
    }
}

fn single_member(map: &Map<String, Value>) -> Option<(&String, &Value)> {
    let mut members = map.iter();
    match (members.next(), members.next()) {
        (Some(member), None) => Some(member),
        _ => None,
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for &mut Seq<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDeserializer { value }).map(Some).map_err(|e| e.within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Members<'a> {
    iter: serde_json::map::Iter<'a>,
    pending: Option<(&'a String, &'a Value)>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.pending = Some((key, value));
        // An unknown (e.g. misspelt) field is reported at the member itself.
        seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some).map_err(|e: DeError| e.within(Segment::Key(key.clone())))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        seed.deserialize(ValueDeserializer { value }).map_err(|e| e.within(Segment::Key(key.clone())))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written as `{ "variant": content }`.
struct Variant<'a> {
    key: &'a String,
    value: &'a Value,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.key))?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            Value::Null => Ok(()),
            other => Err(de::Error::invalid_type(unexpected(other), &"null")),
        }
        .map_err(|e: DeError| e.within(Segment::Key(self.key.clone())))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(ValueDeserializer { value: self.value }).map_err(|e| e.within(Segment::Key(self.key.clone())))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        ValueDeserializer { value: self.value }.deserialize_any(visitor).map_err(|e| e.within(Segment::Key(self.key.clone())))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, DeError> {
        ValueDeserializer { value: self.value }.deserialize_any(visitor).map_err(|e| e.within(Segment::Key(self.key.clone())))
    }
}
