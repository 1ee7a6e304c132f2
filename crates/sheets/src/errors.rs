//! What went wrong with a file: every error, each tied to the row and column a
//! spreadsheet shows, so an office can fix its file in one pass.

use std::fmt;

use serde::Serialize;

/// The kind of an error, stable and machine-readable, so that a user interface can
/// translate the message (the web shows Chinese by default) or group errors by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be read at all (not text, a corrupt or truncated xlsx, an
    /// unsupported file type).
    Unreadable,
    /// The file has no header row or no data rows.
    Empty,
    /// A required column is absent from the header.
    MissingColumn,
    /// The header holds a column pledge does not know.
    UnknownColumn,
    /// Two header cells name the same column.
    DuplicateColumn,
    /// A row has more cells than the header has columns.
    ExtraCell,
    /// A required cell is empty.
    MissingCell,
    /// A value that is not a number.
    NotANumber,
    /// A year (or baseline year) that is not an integer in the accepted range.
    BadYear,
    /// A measure other than level, change or increment.
    UnknownMeasure,
    /// A change or increment without its baseline year, or a baseline year where none belongs.
    BaselineYear,
    /// A region the registry does not know.
    UnknownRegion,
    /// An indicator the registry does not know.
    UnknownIndicator,
    /// A unit that cannot be converted to the indicator's unit.
    UnconvertibleUnit,
    /// A value the plausibility rules call impossible (a share above 100 %, a negative
    /// count); the message names the rule.
    Implausible,
    /// The same observation appears twice in the file.
    Duplicate,
    /// A source address that is not an `http://` or `https://` web address.
    BadUrl,
    /// The file passes one of the reader's limits (rows, columns, cells, shared strings,
    /// uncompressed bytes); the message names the limit.
    TooLarge,
    /// The last entry of a refusal with more than [`MAX_LISTED`] errors: how many more
    /// there were, not listed.
    Omitted,
}

/// How many errors a refusal lists (stderr, the upload page, the JSON answer); the rest
/// are counted in one [`ErrorKind::Omitted`] entry, so 100,000 unknown columns answer in
/// a page, not megabytes.
pub const MAX_LISTED: usize = 100;

/// The most characters of a cell, header or message an error quotes; longer text is cut
/// and ends in `…` (a 10 MB cell is not echoed back).
pub const MAX_QUOTED: usize = 200;

/// `text` cut to [`MAX_QUOTED`] characters, ending in `…` when cut.
pub fn cut(text: String) -> String {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((at, _)) => {
            let mut short = text[..at].to_owned();
            short.push('…');
            short
        }
        None => text,
    }
}

/// One error in one cell (or one row, or the whole file), numbered as a spreadsheet
/// shows it: the header is row 1.
///
/// `row` and `column` are `None` for an error about the whole file (an empty file, a
/// corrupt xlsx). Messages are short English phrases that read after the quoted value
/// (`is not a number`); [`ErrorKind`] is there for translation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    /// The spreadsheet row (header = 1); `None` for a file-level error.
    pub row: Option<usize>,
    /// The column's canonical name (`value`), or the header text for a header error;
    /// `None` for a file-level or whole-row error.
    pub column: Option<String>,
    /// The offending cell as written (empty when the cell is missing).
    pub value: String,
    /// What is wrong, as a phrase that follows the quoted value.
    pub message: String,
    /// The kind of error.
    pub kind: ErrorKind,
}

impl RowError {
    /// An error about the file as a whole.
    pub fn file(kind: ErrorKind, message: impl Into<String>) -> RowError {
        RowError {
            row: None,
            column: None,
            value: String::new(),
            message: cut(message.into()),
            kind,
        }
    }

    /// An error in one cell.
    pub fn cell(
        kind: ErrorKind,
        row: usize,
        column: impl Into<String>,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> RowError {
        RowError {
            row: Some(row),
            column: Some(cut(column.into())),
            value: cut(value.into()),
            message: cut(message.into()),
            kind,
        }
    }
}

impl fmt::Display for RowError {
    /// `row 7, column value: "12,3x" is not a number`; a file-level error is its message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (Some(row), Some(column)) => write!(f, "row {row}, column {column}: ")?,
            (Some(row), None) => write!(f, "row {row}: ")?,
            (None, Some(column)) => write!(f, "column {column}: ")?,
            (None, None) => {}
        }
        if !self.value.is_empty() {
            write!(f, "\"{}\" ", self.value)?;
        }
        f.write_str(&self.message)
    }
}

/// Every error of one file: the file is refused as a whole (imports are all-or-nothing).
///
/// Errors are in file order (row errors in row order, header errors first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetErrors {
    /// The file's name as given by the caller (used as the prefix of every message).
    pub file: String,
    /// All errors found; never empty.
    pub errors: Vec<RowError>,
}

impl SheetErrors {
    /// A refusal listing at most [`MAX_LISTED`] of `errors` (and `omitted` more already
    /// left out by the caller), the rest counted in a last [`ErrorKind::Omitted`] entry.
    pub fn new(file: &str, mut errors: Vec<RowError>, omitted: usize) -> SheetErrors {
        let omitted = omitted + errors.len().saturating_sub(MAX_LISTED);
        errors.truncate(MAX_LISTED);
        if omitted > 0 {
            errors.push(RowError::file(
                ErrorKind::Omitted,
                format!("and {omitted} more error(s), not listed: fix the first {MAX_LISTED} and try again"),
            ));
        }
        SheetErrors {
            file: file.to_owned(),
            errors,
        }
    }

    /// How many errors the refusal stands for: those listed and those counted.
    pub fn total(&self) -> usize {
        self.errors
            .iter()
            .map(|e| match e.kind {
                ErrorKind::Omitted => e
                    .message
                    .split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                _ => 1,
            })
            .sum()
    }

    /// A refusal with a single file-level error.
    pub fn file_error(file: &str, kind: ErrorKind, message: impl Into<String>) -> SheetErrors {
        SheetErrors {
            file: file.to_owned(),
            errors: vec![RowError::file(kind, message)],
        }
    }

    /// The number of errors.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// True when there is no error (never the case for a returned refusal).
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// True when some error has this kind.
    pub fn has(&self, kind: ErrorKind) -> bool {
        self.errors.iter().any(|e| e.kind == kind)
    }
}

impl fmt::Display for SheetErrors {
    /// One line per error, each prefixed with the file name:
    /// `observations.csv: row 7, column value: "12,3x" is not a number`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}: {error}", self.file)?;
        }
        Ok(())
    }
}

impl std::error::Error for SheetErrors {}
