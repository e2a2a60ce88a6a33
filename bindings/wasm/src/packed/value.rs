//! Any small serde value (null, booleans, numbers, text, lists, structs) into a [`Packer`], as
//! JSON would carry it: `Option::None` and non-finite numbers are `null`, struct fields keep
//! their serialized names and order. Maps, enums with variants and bytes are not supported
//! (the caller falls back to JSON).
//!
//! In `ints`: a tag (`NULL`, `FALSE`, `TRUE`, `NUMBER` with the number in `nums`, `TEXT` with its
//! length, `LIST` with its length and items, `OBJECT` with its field count and, per field, its
//! name's word and value).

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeSeq, SerializeStruct, SerializeTuple};

use super::Packer;

/// Tags of a packed value (`pkg-template/health.js` reads them).
const NULL: usize = 0;
const FALSE: usize = 1;
const TRUE: usize = 2;
const NUMBER: usize = 3;
const TEXT: usize = 4;
const LIST: usize = 5;
const OBJECT: usize = 6;

/// A value a packed result can't carry.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value packed results can't carry")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

impl Packer {
    /// A value, as JSON would carry it.
    pub(crate) fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn number(&mut self, n: f64) {
        if n.is_finite() {
            self.int(NUMBER);
            self.num(n);
        } else {
            self.int(NULL);
        }
    }

    /// A list or object header: its tag and a length slot filled in by [`Packer::end`].
    fn open(&mut self, tag: usize) -> usize {
        self.int(tag);
        self.int(0);
        self.ints.len() - 1
    }

    fn end(&mut self, slot: usize, items: usize) {
        if let Some(n) = self.ints.get_mut(slot) {
            *n = u32::try_from(items).unwrap_or(u32::MAX);
        }
    }
}

/// A list or struct being packed.
pub(crate) struct Compound<'p> {
    packer: &'p mut Packer,
    slot: usize,
    items: usize,
}

impl<'p> ser::Serializer for &'p mut Packer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'p>;
    type SerializeTuple = Compound<'p>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'p>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.int(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        // JSON writes the digits and JS reads the nearest double: the same as this conversion.
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_f64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        // serde_json writes an f32 with its own shortest digits, which a double would not match.
        Err(Unsupported)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.int(TEXT);
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.int(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'p>, Unsupported> {
        let slot = self.open(LIST);
        Ok(Compound { packer: self, slot, items: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'p>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'p>, Unsupported> {
        let slot = self.open(OBJECT);
        Ok(Compound { packer: self, slot, items: 0 })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.items += 1;
        value.serialize(&mut *self.packer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.packer.end(self.slot, self.items);
        Ok(())
    }
}

impl SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        SerializeSeq::end(self)
    }
}

impl SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        self.items += 1;
        self.packer.word(key);
        value.serialize(&mut *self.packer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.packer.end(self.slot, self.items);
        Ok(())
    }
}
