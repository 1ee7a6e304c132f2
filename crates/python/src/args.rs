//! Python arguments read into the library's types: a text given as `str` or `bytes`, a
//! date given as `'YYYY-MM-DD'` or a `datetime.date`.

use pledge_extract::Date;
use pledge_text::Document;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::errors::value_error;

/// A document's text as Python gave it.
pub enum Text {
    /// Already decoded (`str`): read as it is, as corpus mode reads a line's `text`.
    Str(String),
    /// Raw bytes (a file's content): decoded as `pledge extract FILE` decodes a file
    /// (UTF-8, UTF-16, GB18030 detected; binary and undecodable input refused).
    Bytes(Vec<u8>),
}

impl Text {
    /// Reads a `str` or `bytes` argument.
    pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyString>() {
            return Ok(Text::Str(obj.extract()?));
        }
        if let Ok(bytes) = obj.cast::<PyBytes>() {
            return Ok(Text::Bytes(bytes.as_bytes().to_vec()));
        }
        Err(PyTypeError::new_err(format!(
            "text must be str or bytes, not {}",
            obj.get_type().name()?
        )))
    }

    /// The normalized document, or the CLI's decoding error (`undecodable input at byte
    /// offset N: …`).
    pub fn document(&self) -> Result<Document, pledge_text::DecodeError> {
        match self {
            Text::Str(s) => Ok(pledge_text::normalize(pledge_text::Decoded::from_text(s.as_str()))),
            Text::Bytes(b) => pledge_text::read(b),
        }
    }
}

/// A date argument as text: a `str` as it is, a `datetime.date` (or `datetime`) as its
/// ISO day, `None` as none.
pub fn date_text(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.is_instance_of::<PyString>() {
        return Ok(Some(obj.extract()?));
    }
    let datetime = obj.py().import("datetime")?;
    if obj.is_instance(&datetime.getattr("datetime")?)? {
        return Ok(Some(obj.call_method0("date")?.call_method0("isoformat")?.extract()?));
    }
    if obj.is_instance(&datetime.getattr("date")?)? {
        return Ok(Some(obj.call_method0("isoformat")?.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "date must be a 'YYYY-MM-DD' str or a datetime.date, not {}",
        obj.get_type().name()?
    )))
}

/// A date argument parsed as `--date` parses it: `ValueError` with the CLI's message
/// (`` `2023-13-01` is not a date (YYYY-MM-DD) ``) when it is none.
pub fn date(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    date_text(obj)?
        .map(|d| d.parse::<Date>().map_err(value_error))
        .transpose()
}
