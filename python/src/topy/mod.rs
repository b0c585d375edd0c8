//! Records as Python objects, built straight from their serde data model: the dict that
//! `json.loads` gives for the CLI's JSON line, without the line.
//!
//! A serde `Serializer` whose output is a Python object, following serde_json's writer rule
//! for rule: structs and maps are dicts in the order serde writes them (fields skipped by
//! `skip_serializing_if` are absent), sequences and tuples lists, `None` and unit `None`,
//! integers ints, `f64` the float its shortest text reads back as, `f32` the float of
//! serde_json's own text for it (its shortest `f32` digits, read as `f64`, as `json.loads`
//! does), non-finite floats `None`, unit variants their names, other variants one-key dicts.
//! Nothing here knows the record's fields: a field added to `record.rs` appears in Python with
//! no change here.
//!
//! The same few hundred strings recur in every record (field names, row and column keys,
//! `"value"`, `"raw"`, issue codes, dotted cell keys): [`Strings`] keeps one Python string for
//! each, so a record costs a reference count per key instead of a new string and its hash.

mod key;
mod strings;
mod value;

use std::fmt::Display;
use std::sync::Mutex;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use serde::Serialize;
use serde::ser;

pub use strings::Strings;
use value::ToPy;

/// The strings kept for every conversion of this process (the GIL serialises their use).
static KEPT_STRINGS: Mutex<Option<Strings>> = Mutex::new(None);

/// `value` as the Python object `json.loads` gives for its JSON text, with the process's kept
/// strings. A conversion started while another holds them (a finalizer run by the garbage
/// collector in the middle of one) keeps its own for the time of the call.
pub fn to_py_kept<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    match KEPT_STRINGS.try_lock() {
        Ok(mut guard) => to_py(py, value, guard.get_or_insert_with(Strings::default)),
        Err(std::sync::TryLockError::Poisoned(e)) => to_py(
            py,
            value,
            e.into_inner().get_or_insert_with(Strings::default),
        ),
        Err(std::sync::TryLockError::WouldBlock) => to_py(py, value, &mut Strings::default()),
    }
}

/// `value` as the Python object `json.loads(serde_json::to_string(value))` gives.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    strings: &mut Strings,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPy { py, strings }).map_err(|e| e.0)
}

/// A Python error, or a value serde could not write (its message says which).
pub struct Error(PyErr);

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(PyRuntimeError::new_err(format!(
            "a record could not be converted: {msg}"
        )))
    }
}

pub(crate) type Out<'py> = Result<Bound<'py, PyAny>, Error>;
