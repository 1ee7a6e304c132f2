//! `assess`: one batch line of `pledge assess --input` (spec assess-io.md), as a dict.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::errors::guard;
use crate::json;

/// Assess one target with its observations, as one line of `pledge assess --input`:
/// `line` is the input object of assess-io.md (`id`, `target`, `observations`,
/// `desirable`?, `options`?), the result the output object (`id`, `status`, `light`,
/// `progress`, `forecast`, …). An input that cannot be assessed raises `ValueError` with
/// the batch's message without its line number (`field target.unit: …`).
#[pyfunction]
pub fn assess<'py>(py: Python<'py>, line: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text: String = py.import("json")?.getattr("dumps")?.call1((line,))?.extract()?;
    let out = py.detach(|| {
        guard("assess", || {
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("invalid JSON: {e}"))?;
            pledge_assess::batch::assess_value(value).map_err(|e| e.message)
        })
    })?;
    json::loads(py, &out.map_err(PyValueError::new_err)?)
}
