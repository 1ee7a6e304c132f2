//! Errors of the library: a lexicon that cannot be read, a corpus line that cannot be parsed.

/// A lexicon folder or file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The folder does not exist or is not a folder.
    #[error("{0}: not a lexicon folder")]
    NotADirectory(String),
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line does not follow the file's format (see `data/README.md`).
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A line of a corpus (`--jsonl`) that cannot be used; the run goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// Not a JSON object with a string `text`.
    #[error("line {line}: {message}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Reading the input or writing the output failed.
    #[error("corpus I/O: {0}")]
    Io(#[from] std::io::Error),
}

/// A date given as `YYYY-MM-DD` that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a date (YYYY-MM-DD)")]
pub struct DateError(pub String);
