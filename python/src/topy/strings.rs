//! The Python strings kept across records, so that the keys that recur in every record are
//! made once: field and variant names by the address of their `&'static str`, other short
//! strings (row and column keys, codes, dotted cell keys) by content, in a foldhash map (std's
//! SipHash took a fifth of a conversion).

use foldhash::HashMap;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Strings longer than this are not kept (messages, quotes, section texts: rarely repeated).
const SHORT: usize = 64;
/// At most this many kept strings of content (field names are bounded by the types).
const KEPT: usize = 16_384;

/// Python strings kept across records: field names by their static address, short strings by
/// content.
#[derive(Default)]
pub struct Strings {
    fields: HashMap<(usize, usize), Py<PyString>>,
    short: HashMap<Box<str>, Py<PyString>>,
}

impl Strings {
    /// A field or variant name (a `&'static str` of the derive): looked up by address.
    pub(super) fn field<'py>(
        &mut self,
        py: Python<'py>,
        name: &'static str,
    ) -> Bound<'py, PyString> {
        let at = (name.as_ptr() as usize, name.len());
        self.fields
            .entry(at)
            .or_insert_with(|| PyString::intern(py, name).unbind())
            .bind(py)
            .clone()
    }

    /// Any string: a kept one when short, else a new one.
    pub(super) fn string<'py>(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if s.len() > SHORT {
            return PyString::new(py, s);
        }
        if let Some(kept) = self.short.get(s) {
            return kept.bind(py).clone();
        }
        let new = PyString::new(py, s);
        if self.short.len() < KEPT {
            self.short.insert(s.into(), new.clone().unbind());
        }
        new
    }
}
