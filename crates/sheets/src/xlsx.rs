//! Reading observation workbooks (`.xlsx`) with calamine.
//!
//! The data sheet is the one named `observations` (or `数据`) when there is one, else the
//! first visible worksheet; other sheets (the template's notes and hidden lists) are not
//! read. Numeric cells are taken as numbers, so `2021` typed as a number is a year and
//! `1234.5` formatted as `1,234.5` is a value. Rows are the sheet's own row numbers.

use std::io::Cursor;

use calamine::{Data, Reader, SheetType, SheetVisible, Xlsx};

use crate::columns::Header;
use crate::errors::{ErrorKind, SheetErrors};
use crate::registry::Registry;
use crate::validate::{Cell, ObservationRow, Validator};

/// Sheet names read in preference to the first sheet.
pub const DATA_SHEET_NAMES: [&str; 2] = ["observations", "数据"];

/// Reads observation rows from the bytes of an `.xlsx` workbook. A truncated or corrupt
/// workbook is refused with one file-level error.
pub fn read_xlsx(file: &str, bytes: &[u8], registry: &dyn Registry) -> Result<Vec<ObservationRow>, SheetErrors> {
    let unreadable = |detail: String| {
        SheetErrors::file_error(
            file,
            ErrorKind::Unreadable,
            format!("is not a readable xlsx workbook (truncated, corrupt or another format): {detail}"),
        )
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let chosen = sheets
        .iter()
        .find(|sheet| {
            DATA_SHEET_NAMES
                .iter()
                .any(|name| sheet.name.eq_ignore_ascii_case(name))
        })
        .or_else(|| {
            sheets
                .iter()
                .find(|sheet| sheet.visible == SheetVisible::Visible && sheet.typ == SheetType::WorkSheet)
        })
        .or_else(|| sheets.first())
        .map(|sheet| sheet.name.clone());
    let Some(name) = chosen else {
        return Err(SheetErrors::file_error(
            file,
            ErrorKind::Empty,
            "is empty: the workbook has no worksheet",
        ));
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
    let Some((first_row, first_column)) = range.start() else {
        return Err(empty(file, &name));
    };

    let mut validator: Option<Validator<'_>> = None;
    let mut texts: Vec<String> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = first_row as usize + i + 1;
        // Cells that are not strings or numbers become text first, so that `Cell` can
        // borrow them.
        texts.clear();
        texts.extend(cells.iter().map(other_as_text));
        let row_cells: Vec<Cell<'_>> = cells
            .iter()
            .zip(&texts)
            .map(|(cell, text)| match cell {
                Data::Float(n) => Cell::Number(*n),
                Data::Int(n) => Cell::Number(*n as f64),
                Data::String(s) => Cell::Text(s),
                _ => Cell::Text(text),
            })
            .collect();
        match validator.as_mut() {
            Some(validator) => validator.row(row, &row_cells),
            None => {
                if cells
                    .iter()
                    .all(|cell| other_as_text(cell).trim().is_empty() && !is_value(cell))
                {
                    continue;
                }
                let header_texts: Vec<String> = cells.iter().map(|cell| cell.to_string()).collect();
                let (header, errors) = Header::parse(row, &header_texts);
                match header {
                    Some(header) => {
                        validator = Some(Validator::new(file, registry, header, first_column as usize, errors));
                    }
                    None => {
                        return Err(SheetErrors {
                            file: file.to_owned(),
                            errors,
                        });
                    }
                }
            }
        }
    }
    match validator {
        Some(validator) => validator.finish(),
        None => Err(empty(file, &name)),
    }
}

fn empty(file: &str, sheet: &str) -> SheetErrors {
    SheetErrors::file_error(
        file,
        ErrorKind::Empty,
        format!("is empty: sheet {sheet} has no header row and no data rows"),
    )
}

/// True for a cell that holds a string or a number.
fn is_value(cell: &Data) -> bool {
    matches!(cell, Data::Float(_) | Data::Int(_)) || matches!(cell, Data::String(s) if !s.trim().is_empty())
}

/// The text of a cell that is neither a string nor a number (a boolean, a date, an
/// error such as `#N/A`); empty for the others, which are read as they are.
fn other_as_text(cell: &Data) -> String {
    match cell {
        Data::Float(_) | Data::Int(_) | Data::String(_) | Data::Empty => String::new(),
        other => other.to_string(),
    }
}
