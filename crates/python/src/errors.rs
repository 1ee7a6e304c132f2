//! Library errors as Python exceptions, and panics kept on this side of the boundary.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::PyErr;
use pyo3::exceptions::{PyRuntimeError, PyValueError};

/// A bad argument (a date that is no `YYYY-MM-DD`, undecodable bytes): `ValueError` with
/// the library's own message, the one the CLI prints after the file name.
pub fn value_error(err: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(err.to_string())
}

/// A panic inside the library, caught: which document, and what it said.
#[derive(Debug, Clone)]
pub struct Panicked {
    /// The document being read.
    pub doc: String,
    /// The panic's message.
    pub message: String,
}

impl From<Panicked> for PyErr {
    fn from(p: Panicked) -> PyErr {
        PyRuntimeError::new_err(format!(
            "pledge: internal error on document {:?}: {}; please report it with the text",
            p.doc, p.message
        ))
    }
}

/// Runs `work` for document `doc`, turning a panic into [`Panicked`] so that it reaches
/// Python as `RuntimeError` naming the document (a panic must never cross into the
/// interpreter, and one bad document of a corpus should say which it is).
pub fn guard<T>(doc: &str, work: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| Panicked {
        doc: doc.to_owned(),
        message: payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into()),
    })
}
