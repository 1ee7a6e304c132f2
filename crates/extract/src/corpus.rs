//! Corpus mode: JSON Lines of documents (`{"id","text","date"?,"place"?}`) in, the facts of all of
//! them out, in input order. Lines are read in bounded chunks, each chunk is extracted on
//! every core (rayon) and written before the next is read, so memory stays flat however
//! long the corpus. A bad line is reported with its number and skipped.

use std::io::{BufRead, Write};

use serde::Deserialize;

use crate::error::{CorpusError, DateError};
use crate::{Date, Extractor, Options};

/// One input line.
#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    place: Option<String>,
}

/// How a corpus run went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Facts written.
    pub facts: usize,
    /// Lines skipped because they could not be read.
    pub bad_lines: usize,
}

/// Limits of one chunk: at most this many lines or bytes are held at once.
#[derive(Debug, Clone, Copy)]
pub struct Chunking {
    /// Lines per chunk.
    pub lines: usize,
    /// Bytes per chunk (a longer single line is still read whole).
    pub bytes: usize,
}

impl Default for Chunking {
    fn default() -> Self {
        Self {
            lines: 512,
            bytes: 16 << 20,
        }
    }
}

/// How to read one corpus document from its fields, as corpus mode reads a line: a blank
/// date or place counts as none, a date must be `YYYY-MM-DD`. Other surfaces that take
/// documents as records (the Python package) call this so they read them alike.
pub fn options(id: String, date: Option<&str>, place: Option<String>) -> Result<Options, DateError> {
    let date = match date.filter(|d| !d.trim().is_empty()) {
        Some(d) => Some(d.parse::<Date>()?),
        None => None,
    };
    Ok(Options {
        doc_id: id,
        date,
        place: place.filter(|p| !p.trim().is_empty()),
    })
}

/// The facts of one line as JSON Lines bytes, or why the line is bad.
fn one(ex: &Extractor, number: usize, raw: &str) -> Result<(Vec<u8>, usize), CorpusError> {
    let bad = |message: String| CorpusError::BadLine { line: number, message };
    let line: Line = serde_json::from_str(raw).map_err(|e| bad(format!("not a document object: {e}")))?;
    let opts = options(line.id, line.date.as_deref(), line.place).map_err(|e| bad(e.to_string()))?;
    let facts = ex.text(&line.text, &opts);
    // Written straight into one buffer: no string per fact.
    let mut out = Vec::with_capacity(facts.len() * 320);
    for f in &facts {
        serde_json::to_writer(&mut out, f).map_err(|e| bad(e.to_string()))?;
        out.push(b'\n');
    }
    Ok((out, facts.len()))
}

/// Runs corpus mode from `input` to `output` on `pool` (or the global rayon pool);
/// `on_error` hears of each bad line (the run goes on). Fails only when reading or
/// writing fails.
pub fn run(
    ex: &Extractor,
    mut input: impl BufRead,
    mut output: impl Write,
    chunking: Chunking,
    pool: Option<&rayon::ThreadPool>,
    mut on_error: impl FnMut(&CorpusError),
) -> Result<Summary, CorpusError> {
    use rayon::prelude::*;
    let mut summary = Summary::default();
    let mut number = 0usize;
    loop {
        let mut chunk: Vec<(usize, String)> = Vec::new();
        let mut bytes = 0;
        while chunk.len() < chunking.lines.max(1) && bytes < chunking.bytes {
            let mut line = String::new();
            let n = input.read_line(&mut line)?;
            if n == 0 {
                break;
            }
            number += 1;
            bytes += n;
            if !line.trim().is_empty() {
                chunk.push((number, line));
            }
        }
        if chunk.is_empty() {
            break;
        }
        let work = || -> Vec<Result<(Vec<u8>, usize), CorpusError>> {
            chunk.par_iter().map(|(n, raw)| one(ex, *n, raw)).collect()
        };
        let results = match pool {
            Some(p) => p.install(work),
            None => work(),
        };
        for r in results {
            match r {
                Ok((text, count)) => {
                    summary.documents += 1;
                    summary.facts += count;
                    output.write_all(&text)?;
                }
                Err(e) => {
                    summary.bad_lines += 1;
                    on_error(&e);
                }
            }
        }
        output.flush()?;
    }
    Ok(summary)
}
