//! `extract` (one text) and `extract_many` (a corpus of records, on every core): the facts
//! `pledge extract` and `pledge extract --jsonl` print, as dicts.

use std::collections::VecDeque;
use std::sync::OnceLock;

use pledge_extract::{Extractor, Lexicon, Options};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};

use crate::args::{self, Text};
use crate::errors::{guard, value_error};
use crate::json;
use crate::threads::Threads;

/// The extractor every call uses: the embedded lexicon, extended from `PLEDGE_LEXICON`
/// as the CLI extends it; a folder that cannot be read is the error of every call.
pub fn extractor() -> PyResult<&'static Extractor> {
    static E: OnceLock<Result<Extractor, String>> = OnceLock::new();
    E.get_or_init(|| Lexicon::from_env().map(Extractor::new).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| PyValueError::new_err(format!("PLEDGE_LEXICON: {e}")))
}

/// The facts of one document, read as the CLI reads it (`bytes` as a file, `str` as a
/// corpus line's text), appended to `out` as JSON objects separated by commas.
fn facts_json(ex: &Extractor, text: &Text, opts: &Options, out: &mut Vec<u8>) -> Result<usize, String> {
    let facts = match text {
        Text::Str(s) => ex.text(s, opts),
        Text::Bytes(_) => {
            let doc = text.document().map_err(|e| e.to_string())?;
            ex.document(&doc, &pledge_text::segment(&doc), opts)
        }
    };
    for (i, f) in facts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, f).map_err(|e| e.to_string())?;
    }
    Ok(facts.len())
}

/// Extract the facts of one document: a list of dicts, each exactly a line that
/// `pledge extract --date DATE --doc DOC --place PLACE FILE` prints (spec facts.md;
/// `span` holds byte offsets into the UTF-8 text, or into the bytes given).
///
/// `text` is a `str`, or `bytes` decoded as the CLI decodes a file (UTF-8, UTF-16 or
/// GB18030). `date` ('YYYY-MM-DD' or a `datetime.date`) resolves 今年/去年 and the year
/// of undated facts; `doc` is every fact's `doc` ("text" if not given); `place` is the
/// document's place when its text names none. A bad date or undecodable bytes raise
/// `ValueError` with the CLI's message. The GIL is released while extracting.
#[pyfunction]
#[pyo3(signature = (text, *, date = None, doc = None, place = None))]
pub fn extract<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    date: Option<&Bound<'py, PyAny>>,
    doc: Option<String>,
    place: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let ex = extractor()?;
    let text = Text::from_py(text)?;
    let opts = Options {
        doc_id: doc.unwrap_or_else(|| "text".into()),
        date: args::date(date)?,
        place,
    };
    let out = py.detach(|| {
        guard(&opts.doc_id, || {
            let mut out = vec![b'['];
            facts_json(ex, &text, &opts, &mut out).map(|_| {
                out.push(b']');
                out
            })
        })
    })?;
    json::loads(py, &out.map_err(value_error)?)
}

/// What to do with a document that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnError {
    /// Raise `ValueError` (after the facts of the documents before it).
    Raise,
    /// Skip it with a `RuntimeWarning`, as the CLI's corpus mode skips a bad line.
    Skip,
}

/// One document of a corpus, read from its record.
struct Doc {
    text: Text,
    opts: Options,
}

/// A record's optional string field; `None` and a missing key are none.
fn optional_str(record: &Bound<'_, PyDict>, key: &str, n: usize) -> PyResult<Option<String>> {
    match record.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) if v.is_instance_of::<PyString>() => Ok(Some(v.extract()?)),
        Some(v) => Err(PyTypeError::new_err(format!(
            "document {n}: `{key}` must be a str, not {}",
            v.get_type().name()?
        ))),
    }
}

/// Reads record number `n` (1-based) as corpus mode reads a line: `id` and `text`
/// required, a blank `date` or `place` none. The error is the CLI's message after
/// `document N: `.
fn read_doc(record: &Bound<'_, PyAny>, n: usize) -> PyResult<Doc> {
    let record = record.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "document {n}: expected a dict {{\"id\", \"text\", \"date\"?, \"place\"?}}"
        ))
    })?;
    let id = optional_str(record, "id", n)?
        .ok_or_else(|| PyValueError::new_err(format!("document {n}: missing field `id`")))?;
    let text = match record.get_item("text")? {
        Some(t) if !t.is_none() => Text::from_py(&t)
            .map_err(|e| PyTypeError::new_err(format!("document {n} ({id}): {}", e.value(record.py()))))?,
        _ => {
            return Err(PyValueError::new_err(format!(
                "document {n} ({id}): missing field `text`"
            )));
        }
    };
    let date = args::date_text(record.get_item("date")?.as_ref())?;
    let place = optional_str(record, "place", n)?;
    let opts = pledge_extract::corpus::options(id, date.as_deref(), place)
        .map_err(|e| PyValueError::new_err(format!("document {n}: {e}")))?;
    Ok(Doc { text, opts })
}

/// The facts of a corpus, in input order, extracted a chunk at a time on every core.
#[pyclass(module = "pledge._pledge")]
pub struct Facts {
    docs: Option<Py<PyIterator>>,
    threads: Threads,
    chunk: usize,
    on_error: OnError,
    read: usize,
    pending: VecDeque<Py<PyAny>>,
    failed: Option<PyErr>,
}

/// Extract the facts of many documents, as `pledge extract --jsonl` does: `docs` is an
/// iterable of dicts {"id", "text", "date"?, "place"?} (`text` a str, or bytes decoded
/// as a file); the result is an iterator of fact dicts in input order, the same records
/// the CLI prints for the same lines.
///
/// Documents are read `chunk` at a time and extracted with the GIL released on
/// `threads` threads (all cores by default, 1 for the calling thread only). A document
/// that cannot be read (no `id`, a bad date) raises `ValueError` once the facts before
/// it are out (`errors="raise"`), or is skipped with a `RuntimeWarning` (`errors="skip"`,
/// the CLI's behaviour).
#[pyfunction]
#[pyo3(signature = (docs, *, threads = None, chunk = 512, errors = "raise"))]
pub fn extract_many(docs: &Bound<'_, PyAny>, threads: Option<usize>, chunk: usize, errors: &str) -> PyResult<Facts> {
    let on_error = match errors {
        "raise" => OnError::Raise,
        "skip" => OnError::Skip,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors={other:?}: expected \"raise\" or \"skip\""
            )));
        }
    };
    extractor()?;
    Ok(Facts {
        docs: Some(docs.try_iter()?.unbind()),
        threads: Threads::new(threads)?,
        chunk: chunk.max(1),
        on_error,
        read: 0,
        pending: VecDeque::new(),
        failed: None,
    })
}

/// Bytes of text held in one chunk at most (as corpus mode's chunking).
const CHUNK_BYTES: usize = 16 << 20;

impl Facts {
    /// Reads the next chunk of documents, extracts it and queues its facts; a document
    /// that cannot be read stops the queue there (raise) or is skipped with a warning.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(docs) = &self.docs else {
            return Ok(());
        };
        let mut iter = docs.bind(py).clone();
        let mut chunk: Vec<(usize, Doc)> = Vec::new();
        let mut bytes = 0;
        let mut bad: Option<PyErr> = None;
        while chunk.len() < self.chunk && bytes < CHUNK_BYTES {
            let Some(record) = iter.next() else {
                self.docs = None;
                break;
            };
            self.read += 1;
            match read_doc(&record?, self.read) {
                Ok(doc) => {
                    bytes += match &doc.text {
                        Text::Str(s) => s.len(),
                        Text::Bytes(b) => b.len(),
                    };
                    chunk.push((self.read, doc));
                }
                Err(e) if self.on_error == OnError::Skip => warn(py, &e)?,
                Err(e) => {
                    bad = Some(e);
                    self.docs = None;
                    break;
                }
            }
        }
        let ex = extractor()?;
        let threads = &self.threads;
        let results = py.detach(|| {
            threads.map(&chunk, |(_, d)| {
                guard(&d.opts.doc_id, || {
                    let mut out = Vec::new();
                    facts_json(ex, &d.text, &d.opts, &mut out).map(|n| (out, n))
                })
            })
        });
        let mut array = vec![b'['];
        let mut any = false;
        for ((n, _), result) in chunk.iter().zip(results) {
            match result? {
                Ok((_, 0)) => {}
                Ok((json, _)) => {
                    if any {
                        array.push(b',');
                    }
                    array.extend_from_slice(&json);
                    any = true;
                }
                Err(message) => {
                    let e = PyValueError::new_err(format!("document {n}: {message}"));
                    if self.on_error == OnError::Skip {
                        warn(py, &e)?;
                    } else {
                        bad = Some(e);
                        self.docs = None;
                        break;
                    }
                }
            }
        }
        array.push(b']');
        let list = json::loads(py, &array)?;
        let list = list.cast::<PyList>()?;
        self.pending.extend(list.iter().map(Bound::unbind));
        self.failed = bad;
        Ok(())
    }
}

/// A skipped document, told as a `RuntimeWarning`.
fn warn(py: Python<'_>, e: &PyErr) -> PyResult<()> {
    let message = e.value(py).str()?.to_string();
    let category = py.get_type::<pyo3::exceptions::PyRuntimeWarning>();
    PyErr::warn(py, &category, &std::ffi::CString::new(message).unwrap_or_default(), 1)
}

#[pymethods]
impl Facts {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(fact) = self.pending.pop_front() {
                return Ok(Some(fact));
            }
            if let Some(e) = self.failed.take() {
                return Err(e);
            }
            if self.docs.is_none() {
                return Ok(None);
            }
            self.fill(py)?;
        }
    }
}
