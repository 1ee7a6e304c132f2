//! The `pledge` Python package (`pledge._pledge`): the library's extraction, text
//! reading and assessment for Python, answering exactly as the `pledge` CLI does.
//!
//! Each function turns its Python arguments into the library's types, releases the GIL
//! for the work and hands back what the CLI would print: facts and articles are
//! serialized by the same serde code as `pledge extract` and `pledge segment --json` and
//! parsed by Python's `json`, so a dict here is a parsed CLI line. The Arrow path
//! ([`arrow`]) writes the same facts as columns without any per-row Python work.

mod args;
mod arrow;
mod assess;
mod errors;
mod facts;
mod json;
mod text;
mod threads;

use pyo3::prelude::*;

/// Extraction allocates a few small strings per fact; mimalloc serves them faster than
/// the system allocator, as in the CLI (so the two are measured alike).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The native module; `pledge/__init__.py` re-exports it.
#[pymodule]
fn _pledge(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(facts::extract, m)?)?;
    m.add_function(wrap_pyfunction!(facts::extract_many, m)?)?;
    m.add_class::<facts::Facts>()?;
    m.add_function(wrap_pyfunction!(text::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(text::segment, m)?)?;
    m.add_function(wrap_pyfunction!(assess::assess, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::facts_schema, m)?)?;
    Ok(())
}
