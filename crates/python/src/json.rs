//! Serde output handed to Python as parsed JSON: a dict here is exactly a parsed line of
//! the CLI's output (same fields, same order, same numbers).

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// Appends `items` to `out` as one JSON array, each item written by the serde code the
/// CLI writes its lines with.
pub fn write_array<'a, T: serde::Serialize + 'a>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = &'a T>,
) -> serde_json::Result<()> {
    out.push(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, item)?;
    }
    out.push(b']');
    Ok(())
}

/// Parses JSON bytes with Python's `json.loads` (dicts keep the written key order).
pub fn loads<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let loads = py.import("json")?.getattr("loads")?;
    loads.call1((PyBytes::new(py, bytes),))
}
