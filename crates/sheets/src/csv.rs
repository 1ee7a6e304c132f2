//! Reading observation CSV files in the encodings offices save them in (UTF-8 with or
//! without a BOM, GBK/GB18030 from Chinese Excel, UTF-16 from "Unicode text").
//!
//! The reader streams: it holds the decoded text (borrowed, not copied, when the input
//! is already UTF-8) and the valid rows, never a table of raw records. Rows are numbered
//! as a spreadsheet shows them: a record with a line break inside a quoted cell is one
//! row, and a blank line is a row of its own.

use std::borrow::Cow;

use crate::columns::Header;
use crate::errors::{ErrorKind, SheetErrors};
use crate::registry::Registry;
use crate::validate::{Cell, ObservationRow, Validator};

/// Reads observation rows from CSV bytes in any supported encoding. `file` names the
/// file in messages. The delimiter is `,` unless the header line has none and has tabs
/// or semicolons instead (as some exports do).
pub fn read_csv(file: &str, bytes: &[u8], registry: &dyn Registry) -> Result<Vec<ObservationRow>, SheetErrors> {
    let text = decode(bytes).map_err(|message| SheetErrors::file_error(file, ErrorKind::Unreadable, message))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());

    let mut record = csv::StringRecord::new();
    // The spreadsheet row at which the reader stands (the start of the next record).
    let mut next_row = 1usize;
    let mut validator: Option<Validator<'_>> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                return Err(SheetErrors::file_error(
                    file,
                    ErrorKind::Unreadable,
                    format!("is not a readable CSV file near row {next_row}: {error}"),
                ));
            }
        }
        // The reader skips blank lines before a record; they are rows in a spreadsheet.
        // What was read since the last record is: those blank lines, the record (whose
        // quoted cells may hold line breaks, all in one row) and its line end.
        let bytes = text.as_bytes();
        let end = (reader.position().byte() as usize).min(bytes.len());
        let start = (record.position().map_or(0, csv::Position::byte) as usize).min(end);
        let breaks = line_breaks(bytes, start, end);
        let inner: usize = record
            .iter()
            .map(|field| line_breaks(field.as_bytes(), 0, field.len()))
            .sum();
        let terminator = usize::from(matches!(bytes[start..end].last(), Some(b'\n' | b'\r')));
        let row = next_row + breaks.saturating_sub(inner + terminator);
        next_row = row + 1;

        match validator.as_mut() {
            Some(validator) => {
                let cells: Vec<Cell<'_>> = record.iter().map(Cell::Text).collect();
                validator.row(row, &cells);
            }
            None => {
                if record.iter().all(|field| field.trim().is_empty()) {
                    continue;
                }
                let fields: Vec<&str> = record.iter().collect();
                if Header::is_title(&fields) {
                    continue;
                }
                let (header, errors) = Header::parse(row, &fields, registry.requires_source());
                match header {
                    Some(header) => {
                        validator = Some(Validator::new(file, registry, header, 0, errors));
                    }
                    None => {
                        return Err(SheetErrors::new(file, errors, 0));
                    }
                }
            }
        }
    }
    match validator {
        Some(validator) => validator.finish(),
        None => Err(SheetErrors::file_error(
            file,
            ErrorKind::Empty,
            "is empty: no header row and no data rows",
        )),
    }
}

/// Decodes CSV bytes. Valid UTF-8 without NUL bytes is borrowed as is (a 100 MB file is
/// not copied); anything else goes through [`pledge_text::decode`], which detects a BOM,
/// UTF-16 and GB18030/GBK.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if memchr::memchr(0, bytes).is_none() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok(Cow::Borrowed(text));
        }
    }
    pledge_text::decode(bytes)
        .map(|decoded| Cow::Owned(decoded.text))
        .map_err(|error| format!("cannot be read as text (UTF-8, GBK/GB18030 or UTF-16): {error}"))
}

/// Line breaks in `text[start..end]`: `\n`, `\r\n` and a lone `\r`, a `\r\n` counted
/// once, at its `\r`. The byte before `start` is looked at, so that a `\r\n` split
/// between two spans (the reader stops after the `\r`) counts once.
fn line_breaks(text: &[u8], start: usize, end: usize) -> usize {
    memchr::memchr2_iter(b'\n', b'\r', &text[start..end])
        .filter(|&i| {
            let at = start + i;
            text[at] == b'\r' || at == 0 || text[at - 1] != b'\r'
        })
        .count()
}

/// `,` unless the first non-blank line has no comma but a tab or a semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    }
}
