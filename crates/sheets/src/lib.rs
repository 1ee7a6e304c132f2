//! Read and write the spreadsheets offices exchange — CSV in UTF-8 or GBK/GB18030 and
//! xlsx — validated row by row.
//!
//! - [`read_observations`] reads the import columns of `spec/cli.md` from a `.csv` or
//!   `.xlsx` file. Imports are **all-or-nothing**: every row is checked and every error
//!   is returned, each with the row (numbered as a spreadsheet shows it, header = row 1)
//!   and the column, so one bad row refuses the file and the office fixes it in one pass.
//! - [`template_csv`] and [`template_xlsx`] give offices a file to fill in (the xlsx with
//!   drop-down lists of regions, indicators and measures).
//! - [`write_table`] exports any table as JSON, CSV (UTF-8 with a BOM, so that Excel
//!   shows Chinese correctly) or xlsx; [`write_report`] writes a titled report for a
//!   meeting (Chinese headers, percentages, light fills).
//!
//! Header names are accepted in English or Chinese and in any order; columns pledge does
//! not know are refused rather than ignored (see [`columns`]), so that a misspelt
//! optional column never drops its data silently.
//!
//! Regions and indicators are checked against a [`Registry`], which the store implements;
//! values are converted to the indicator's unit with [`pledge_model::Unit`].

pub mod columns;
pub mod csv;
pub mod errors;
pub mod export;
pub mod registry;
pub mod report;
pub mod sniff;
pub mod template;
pub mod validate;
pub mod xlsx;

pub use columns::Column;
pub use errors::{ErrorKind, RowError, SheetErrors};
pub use export::{Format, neutralize_formula, write_table};
pub use registry::{
    IndicatorInfo, IndicatorLookup, MemoryRegistry, OwnFigures, PermissiveRegistry, Registry, lookup_in_library,
};
pub use report::{Fill, Report, write_report};
pub use template::{template_csv, template_xlsx};
pub use validate::{ObservationRow, parse_number};
pub use xlsx::Limits;

/// Reads observation rows from a file's bytes; `path_or_name` decides the format by its
/// extension (`.csv` or `.txt` as CSV, `.xlsx` or `.xlsm` as a workbook, any case) and
/// names the file, as given, in every message.
///
/// On success every data row is returned, in file order; on failure nothing is, and the
/// [`SheetErrors`] hold every error of every row. CSV is read from the decoded text
/// without building a table of records; an xlsx sheet is streamed one row at a time
/// within [`xlsx::Limits::DEFAULT`], so a hostile workbook is refused (with
/// [`ErrorKind::TooLarge`] naming the limit) rather than filling memory.
///
/// A name without a known extension is read as xlsx when the bytes start like a zip
/// archive and as CSV otherwise; `.xls` (the old binary format) and other extensions are
/// refused with a file-level error asking for `.xlsx` or `.csv`. A file whose first bytes
/// show it is no spreadsheet (a PDF, a Word document, a picture; [`sniff`]) is refused
/// saying so, in Chinese and English, whatever its name.
pub fn read_observations(
    path_or_name: &str,
    bytes: &[u8],
    registry: &dyn Registry,
) -> Result<Vec<ObservationRow>, SheetErrors> {
    let extension = std::path::Path::new(path_or_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(kind) = sniff::not_a_spreadsheet(bytes) {
        return Err(SheetErrors::file_error(
            path_or_name,
            ErrorKind::Unreadable,
            sniff::message(kind),
        ));
    }
    match extension.as_deref() {
        Some("csv") | Some("txt") => csv::read_csv(path_or_name, bytes, registry),
        Some("xlsx") | Some("xlsm") => xlsx::read_xlsx(path_or_name, bytes, registry),
        None if bytes.starts_with(b"PK\x03\x04") => xlsx::read_xlsx(path_or_name, bytes, registry),
        None => csv::read_csv(path_or_name, bytes, registry),
        Some(other) => Err(SheetErrors::file_error(
            path_or_name,
            ErrorKind::Unreadable,
            format!(
                "不是可导入的表格类型 .{other}：请另存为 .xlsx 或 .csv (has the unsupported type .{other}: save it as .xlsx or .csv)"
            ),
        )),
    }
}
