//! Reading `{ deals, leads, quotas }` straight from JSON text, with no `serde_json::Value` tree
//! for the records: each deal and lead is filled member by member, members no metric reads
//! (activities, contacts, custom fields) are skipped as they are parsed, and each scalar is
//! read by the same `set` the tree reader uses, so both read the same records.
//!
//! Only the usual shape is read here; anything else (`null`, a record that is not an object, a
//! bad value) makes [`read_input`] give up, and the caller reads the text as a tree, which
//! reports the error with its path. Every value is read with `deserialize_any` and every visit
//! method a visitor is not for gives up explicitly (`give_up_on!`): serde's default ones, and
//! serde_json's typed entry points, report a wrong type through serde's `Unexpected`, whose
//! `Display` would link core's float formatting into the `.wasm` for an error never shown.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::input::{Deal, EntryParts, Lead, MetricsInput, StageEntry};
use crate::config::{DeError, FromJson};

/// The input in `text`, or `None` when the text is not JSON shaped
/// `{ deals: [{…}], leads: [{…}], quotas: {…} }` or a value in it is not valid.
pub(super) fn read_input(text: &str) -> Option<MetricsInput> {
    let mut de = serde_json::Deserializer::from_str(text);
    let input = de.deserialize_any(Input).ok()?;
    de.end().ok()?;
    Some(input)
}

/// Something whose members are found by name.
pub(super) trait Members {
    /// The index of the member named `key`, if it is one.
    fn index(key: &str) -> Option<usize>;
}

/// A record read member by member (here and from columns, in [`super::columns`]).
pub(super) trait Record: Default + Members {
    /// What the record is once read.
    type Read;
    /// The record, once every member is read.
    fn finish(self) -> Result<Self::Read, DeError>;
    /// Reads member `FIELDS[i]` from its (scalar) value.
    fn set(&mut self, i: usize, value: &Value) -> Result<(), DeError>;
    /// The index of the stage history member, read entry by entry rather than as a value.
    const HISTORY: usize = usize::MAX;
    /// The stage history.
    fn history(&mut self) -> Option<&mut Vec<StageEntry>> {
        None
    }
}

impl Record for Deal {
    type Read = Deal;
    fn finish(self) -> Result<Deal, DeError> {
        Ok(self)
    }
    fn set(&mut self, i: usize, value: &Value) -> Result<(), DeError> {
        Deal::set(self, i, value)
    }
    const HISTORY: usize = position(Deal::FIELDS, "stageHistory");
    fn history(&mut self) -> Option<&mut Vec<StageEntry>> {
        Some(&mut self.stage_history)
    }
}

impl Record for Lead {
    type Read = Lead;
    fn finish(self) -> Result<Lead, DeError> {
        Ok(self)
    }
    fn set(&mut self, i: usize, value: &Value) -> Result<(), DeError> {
        Lead::set(self, i, value)
    }
}

impl Record for EntryParts {
    type Read = StageEntry;
    fn finish(self) -> Result<StageEntry, DeError> {
        self.build()
    }
    fn set(&mut self, i: usize, value: &Value) -> Result<(), DeError> {
        EntryParts::set(self, i, value)
    }
}

/// The index of `name` in `names` (at compile time).
const fn position(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        let mut same = a.len() == b.len();
        let mut k = 0;
        while same && k < a.len() {
            same = a[k] == b[k];
            k += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("no such member")
}

/// Implements [`Members`] with the types' own `index`.
macro_rules! members {
    ($($ty:ty),*) => {$(
        impl Members for $ty {
            fn index(key: &str) -> Option<usize> {
                <$ty>::index(key)
            }
        }
    )*};
}

members!(MetricsInput, Deal, Lead, EntryParts);

/// A reader failure of the text path (the caller then reads the tree).
fn give_up<E: serde::de::Error>(err: DeError) -> E {
    E::custom(err)
}

/// The message of a value of a kind a visitor is not for (never shown: the caller reads the
/// tree, which says what is wrong and where).
const UNEXPECTED: &str = "not read here";

/// Visit methods that give up on the kinds of JSON value a visitor is not for.
macro_rules! give_up_on {
    ($($kind:ident),*) => {$(give_up_on!(@ $kind);)*};
    (@ unit) => {
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
    };
    (@ bool) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
    };
    (@ numbers) => {
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
    };
    (@ text) => {
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(E::custom(UNEXPECTED))
        }
    };
    (@ list) => {
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(serde::de::Error::custom(UNEXPECTED))
        }
    };
    (@ object) => {
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(serde::de::Error::custom(UNEXPECTED))
        }
    };
}

/// The top-level object.
struct Input;

impl<'de> Visitor<'de> for Input {
    type Value = MetricsInput;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    give_up_on!(unit, bool, numbers, text, list);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MetricsInput, A::Error> {
        let mut input = MetricsInput::default();
        let mut text = String::new();
        while let Some(key) = map.next_key_seed(Key::<MetricsInput>(PhantomData))? {
            match key.map(|i| MetricsInput::FIELDS[i]) {
                Some("deals") => input.deals = map.next_value_seed(Records::<Deal>(&mut text, PhantomData))?,
                Some("leads") => input.leads = map.next_value_seed(Records::<Lead>(&mut text, PhantomData))?,
                Some(_) => input.quotas = FromJson::from_json(&map.next_value::<Value>()?).map_err(give_up)?,
                None => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        Ok(input)
    }
}

/// An object key: its index among the members of `M`, `None` for any other.
struct Key<M>(PhantomData<M>);

impl<'de, M: Members> DeserializeSeed<'de> for Key<M> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, M: Members> Visitor<'de> for Key<M> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    give_up_on!(unit, bool, numbers, list, object);

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(M::index(key))
    }
}

/// A list of records (`null` is empty), with a text buffer to reuse for string members.
struct Records<'b, R>(&'b mut String, PhantomData<R>);

impl<'de, R: Record> DeserializeSeed<'de> for Records<'_, R> {
    type Value = Vec<R::Read>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<R::Read>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R: Record> Visitor<'de> for Records<'_, R> {
    type Value = Vec<R::Read>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of records")
    }

    give_up_on!(bool, numbers, text, object);

    fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<R::Read>, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<R::Read>, A::Error> {
        let mut records = Vec::new();
        while let Some(record) = seq.next_element_seed(One(&mut *self.0, R::default()))? {
            records.push(record.finish().map_err(give_up)?);
        }
        Ok(records)
    }
}

/// One record, an object.
struct One<'b, R>(&'b mut String, R);

impl<'de, R: Record> DeserializeSeed<'de> for One<'_, R> {
    type Value = R;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<R, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R: Record> Visitor<'de> for One<'_, R> {
    type Value = R;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    give_up_on!(unit, bool, numbers, text, list);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<R, A::Error> {
        let One(text, mut record) = self;
        while let Some(key) = map.next_key_seed(Key::<R>(PhantomData))? {
            let Some(i) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if let Some(history) = record.history().filter(|_| i == R::HISTORY) {
                *history = map.next_value_seed(Records::<EntryParts>(&mut *text, PhantomData))?;
                continue;
            }
            let value = map.next_value_seed(Scalar(&mut *text))?;
            record.set(i, &value).map_err(give_up)?;
            if let Value::String(buffer) = value {
                *text = buffer;
            }
        }
        Ok(record)
    }
}

/// A scalar member as a `Value`; a string reuses the buffer's allocation.
struct Scalar<'b>(&'b mut String);

impl<'de> DeserializeSeed<'de> for Scalar<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scalar<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar")
    }

    give_up_on!(list, object);

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        let mut text = std::mem::take(self.0);
        text.clear();
        text.push_str(v);
        Ok(Value::String(text))
    }
}
