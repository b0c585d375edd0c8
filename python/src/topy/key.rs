//! The serializer of map keys: strings as themselves, integers and unit variants as their text,
//! as serde_json writes keys.

use pyo3::prelude::*;
use serde::Serialize;
use serde::ser::{self, Impossible};

use super::{Error, Out, Strings};

/// A map key, as serde_json writes it: a string as itself, an integer or a unit variant as its
/// text; anything else is refused (a record's maps have string keys only).
pub(super) struct Key<'a, 'py> {
    pub(super) py: Python<'py>,
    pub(super) strings: &'a mut Strings,
}

impl<'py> Key<'_, 'py> {
    fn text(self, s: &str) -> Out<'py> {
        Ok(self.strings.string(self.py, s).into_any())
    }
}

fn not_a_key<'py>() -> Out<'py> {
    Err(ser::Error::custom("a map key that is not a string"))
}

impl<'a, 'py> ser::Serializer for Key<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTuple = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleStruct = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeTupleVariant = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeMap = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStruct = Impossible<Bound<'py, PyAny>, Error>;
    type SerializeStructVariant = Impossible<Bound<'py, PyAny>, Error>;

    fn serialize_str(self, v: &str) -> Out<'py> {
        self.text(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.text(&v.to_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(self.strings.field(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }

    fn serialize_bool(self, _v: bool) -> Out<'py> {
        not_a_key()
    }
    fn serialize_f32(self, _v: f32) -> Out<'py> {
        not_a_key()
    }
    fn serialize_f64(self, _v: f64) -> Out<'py> {
        not_a_key()
    }
    fn serialize_bytes(self, _v: &[u8]) -> Out<'py> {
        not_a_key()
    }
    fn serialize_none(self) -> Out<'py> {
        not_a_key()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Out<'py> {
        not_a_key()
    }
    fn serialize_unit(self) -> Out<'py> {
        not_a_key()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        not_a_key()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Out<'py> {
        not_a_key()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("a map key that is not a string"))
    }
}
