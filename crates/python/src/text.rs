//! `normalize` and `segment`: what `pledge normalize` and `pledge segment --json` print.

use pyo3::prelude::*;

use crate::args::Text;
use crate::errors::{guard, value_error};
use crate::json;

/// The normalized text of a document, as `pledge normalize FILE` prints it (without the
/// final newline): `bytes` decoded as a file is (UTF-8, UTF-16, GB18030), column layout
/// and noise undone, traditional script kept. Undecodable bytes raise `ValueError`
/// naming the byte offset.
#[pyfunction]
pub fn normalize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = Text::from_py(text)?;
    let doc = py.detach(|| guard("text", || text.document()))?;
    Ok(doc.map_err(value_error)?.norm.text)
}

/// The articles of a page, as `pledge segment --json FILE` prints them: a list of dicts
/// with `article`, `headline`, `kicker`?, `subtitle`?, `reporters`, `correspondents`,
/// `dateline`, `scope`, `body` and `body_span` (byte offsets in the input).
#[pyfunction]
pub fn segment<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = Text::from_py(text)?;
    let out = py.detach(|| {
        guard("text", || -> Result<Vec<u8>, String> {
            let doc = text.document().map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            json::write_array(&mut out, &pledge_text::segment(&doc)).map_err(|e| e.to_string())?;
            Ok(out)
        })
    })?;
    json::loads(py, &out.map_err(value_error)?)
}
