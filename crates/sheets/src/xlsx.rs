//! Reading observation workbooks (`.xlsx`) with calamine, within [`Limits`].
//!
//! The data sheet is the one named `observations` (or `数据`) when there is one, else the
//! first visible worksheet; other sheets (the template's notes and hidden lists) are not
//! read. Numeric cells are taken as numbers, so `2021` typed as a number is a year and
//! `1234.5` formatted as `1,234.5` is a value. Rows are the sheet's own row numbers.
//!
//! A workbook is a zip of XML, so a small upload can claim anything: a cell at
//! `XFD1048576`, or a gigabyte of whitespace deflated to a megabyte. The reader therefore
//! never builds a grid sized by the highest cell reference: it streams the sheet's cells,
//! keeping one row at a time, and counts rows, columns and cells as it reads them. Before
//! calamine sees the package, the sizes its entries declare are summed against
//! [`Limits::uncompressed_bytes`], and every entry is inflated once into a small buffer,
//! counting bytes (an entry inflating past its declared size is refused as corrupt) and
//! scanning its XML for runs the XML reader would buffer whole and for shared strings;
//! so a decompression bomb is refused with nothing kept.

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use crate::columns::Header;
use crate::errors::{ErrorKind, SheetErrors};
use crate::registry::Registry;
use crate::validate::{Cell, ObservationRow, Validator, column_letter};

/// Sheet names read in preference to the first sheet.
pub const DATA_SHEET_NAMES: [&str; 2] = ["observations", "数据"];

/// The most a workbook may hold before it is refused with [`ErrorKind::TooLarge`].
///
/// Cells count only when they hold something (a styled but empty cell costs nothing), and
/// every count is taken as the file is read, never from what the file declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Rows that hold at least one value.
    pub rows: usize,
    /// Columns: a value in a column past this many (counted from A) refuses the file.
    pub columns: usize,
    /// Cells that hold a value, over the whole data sheet.
    pub cells: usize,
    /// Shared strings (`<si>` entries) of the workbook, which calamine keeps in memory.
    pub shared_strings: usize,
    /// Bytes of the whole package once inflated, counted while inflating.
    pub uncompressed_bytes: u64,
    /// Bytes of text or markup between two tag boundaries (`<`, `>`) in an XML part: the
    /// XML reader buffers such a run whole. Excel's longest cell is 32,767 characters.
    pub xml_run_bytes: usize,
}

impl Limits {
    /// The limits of every import: far above any office's workbook (Excel itself stops at
    /// 1,048,576 rows) and low enough that a hostile file cannot take the server's memory.
    pub const DEFAULT: Limits = Limits {
        rows: 1_048_576,
        columns: 256,
        cells: 16_000_000,
        shared_strings: 2_000_000,
        uncompressed_bytes: 256 * 1024 * 1024,
        xml_run_bytes: 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// Reads observation rows from the bytes of an `.xlsx` workbook within [`Limits::DEFAULT`].
/// A truncated or corrupt workbook is refused with one file-level error, and so is one
/// over a limit.
pub fn read_xlsx(file: &str, bytes: &[u8], registry: &dyn Registry) -> Result<Vec<ObservationRow>, SheetErrors> {
    read_xlsx_within(file, bytes, registry, &Limits::DEFAULT)
}

/// Reads observation rows from the bytes of an `.xlsx` workbook, refusing it with one
/// [`ErrorKind::TooLarge`] error naming the limit as soon as it passes one of `limits`.
pub fn read_xlsx_within(
    file: &str,
    bytes: &[u8],
    registry: &dyn Registry,
    limits: &Limits,
) -> Result<Vec<ObservationRow>, SheetErrors> {
    let unreadable = |detail: String| {
        SheetErrors::file_error(
            file,
            ErrorKind::Unreadable,
            format!("is not a readable xlsx workbook (truncated, corrupt or another format): {detail}"),
        )
    };
    let too_large = |detail: String| {
        SheetErrors::file_error(file, ErrorKind::TooLarge, format!("is too large to import: {detail}"))
    };
    let refusal = |refusal: Refusal| match refusal {
        Refusal::Unreadable(detail) => unreadable(detail),
        Refusal::TooLarge(detail) => too_large(detail),
    };
    inspect_package(bytes, limits).map_err(refusal)?;

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

    // First pass: count what the sheet holds and find its columns, keeping nothing.
    let Some((first_column, last_column)) = measure_sheet(&mut workbook, &name, limits).map_err(refusal)? else {
        return Err(empty(file, &name));
    };
    let width = (last_column - first_column) as usize + 1;

    // Second pass: one row at a time, each as wide as the sheet's used columns.
    let mut reader = match workbook.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        Err(e) => return Err(unreadable(format!("sheet {name}: {e}"))),
    };
    let mut rows = Rows {
        file,
        registry,
        first_column: first_column as usize,
        validator: None,
        texts: Vec::new(),
    };
    let mut current: Option<u32> = None;
    let mut cells: Vec<Data> = vec![Data::Empty; width];
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(unreadable(format!("sheet {name}: {e}"))),
        };
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        if current != Some(row) {
            if let Some(previous) = current {
                rows.row(previous as usize + 1, &cells)?;
                cells.fill(Data::Empty);
            }
            current = Some(row);
        }
        cells[(column - first_column) as usize] = cell.get_value().clone().into();
    }
    if let Some(previous) = current {
        rows.row(previous as usize + 1, &cells)?;
    }
    match rows.validator {
        Some(validator) => validator.finish(),
        None => Err(empty(file, &name)),
    }
}

/// Why a workbook is refused before its rows are read.
enum Refusal {
    Unreadable(String),
    TooLarge(String),
}

/// Inflates every entry of the package once, counting bytes as they come, and refuses it
/// as soon as it passes the uncompressed-size, XML-run or shared-string limit; declared
/// sizes are checked first, so an honest bomb is refused without inflating anything.
fn inspect_package(bytes: &[u8], limits: &Limits) -> Result<(), Refusal> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    let past_size = |name: &str| {
        Refusal::TooLarge(format!(
            "it inflates past the limit of {} of uncompressed data (at {name})",
            size(limits.uncompressed_bytes)
        ))
    };
    let declared = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|entry| entry.size()))
        .fold(0u64, u64::saturating_add);
    if declared > limits.uncompressed_bytes {
        return Err(Refusal::TooLarge(format!(
            "it declares {} of uncompressed data, past the limit of {}",
            size(declared),
            size(limits.uncompressed_bytes)
        )));
    }
    let mut total: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| Refusal::Unreadable(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let lower = name.to_ascii_lowercase();
        let xml = [".xml", ".rels", ".vml"].iter().any(|ext| lower.ends_with(ext));
        let mut scanner = XmlScanner::new(lower.ends_with("sharedstrings.xml"));
        loop {
            let n = match entry.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Refusal::Unreadable(format!("{name}: {e}"))),
            };
            total += n as u64;
            if total > limits.uncompressed_bytes {
                return Err(past_size(&name));
            }
            if xml {
                scanner.feed(&buffer[..n]);
                if scanner.longest_run > limits.xml_run_bytes {
                    return Err(Refusal::TooLarge(format!(
                        "{name} holds a run of more than {} of text or markup between two tags, past the limit",
                        size(limits.xml_run_bytes as u64)
                    )));
                }
                if scanner.shared_strings > limits.shared_strings {
                    return Err(Refusal::TooLarge(format!(
                        "it holds more than {} shared strings, the limit",
                        limits.shared_strings
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Reads an XML part in chunks for what the XML reader would buffer: the longest run of
/// bytes between tag boundaries, and (in the shared-strings part) the `si` elements.
struct XmlScanner {
    /// Bytes since the last `<` or `>`.
    run: usize,
    longest_run: usize,
    /// Whether `si` start tags are counted.
    count_strings: bool,
    /// The start of a tag name cut by the end of the previous chunk.
    pending_name: Option<Vec<u8>>,
    shared_strings: usize,
}

impl XmlScanner {
    /// The longest tag name looked at; longer names are not `si` (with any prefix).
    const NAME: usize = 64;

    fn new(count_strings: bool) -> XmlScanner {
        XmlScanner {
            run: 0,
            longest_run: 0,
            count_strings,
            pending_name: None,
            shared_strings: 0,
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        let mut from = 0;
        if let Some(mut name) = self.pending_name.take() {
            match chunk.iter().position(|&b| ends_name(b)) {
                Some(end) => {
                    name.extend_from_slice(&chunk[..end.min(Self::NAME)]);
                    self.count_name(&name);
                }
                None if name.len() + chunk.len() <= Self::NAME => {
                    name.extend_from_slice(chunk);
                    self.pending_name = Some(name);
                }
                None => {}
            }
        }
        for at in memchr::memchr2_iter(b'<', b'>', chunk) {
            self.run += at - from;
            self.longest_run = self.longest_run.max(self.run);
            self.run = 0;
            from = at + 1;
            if self.count_strings && chunk[at] == b'<' {
                let rest = &chunk[at + 1..];
                match rest.iter().position(|&b| ends_name(b)) {
                    Some(end) => self.count_name(&rest[..end]),
                    None if rest.len() <= Self::NAME => self.pending_name = Some(rest.to_vec()),
                    None => {}
                }
            }
        }
        self.run += chunk.len() - from;
        self.longest_run = self.longest_run.max(self.run);
    }

    /// Counts a start tag named `si` or `prefix:si`.
    fn count_name(&mut self, name: &[u8]) {
        let local = match memchr::memchr(b':', name) {
            Some(colon) => &name[colon + 1..],
            None => name,
        };
        if local == b"si" {
            self.shared_strings += 1;
        }
    }
}

/// True for a byte that ends an XML tag name.
fn ends_name(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'<')
}

/// Reads the sheet's cells once without keeping them, refusing it past a row, column or
/// cell limit; gives the first and last column that hold a value, `None` for a sheet with
/// none.
fn measure_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<(u32, u32)>, Refusal> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(Refusal::Unreadable(format!("sheet {name}: {e}"))),
    };
    let (mut cells, mut rows) = (0usize, 0usize);
    let mut last_row: Option<u32> = None;
    let mut columns: Option<(u32, u32)> = None;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(Refusal::Unreadable(format!("sheet {name}: {e}"))),
        };
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        if column as usize >= limits.columns {
            return Err(Refusal::TooLarge(format!(
                "sheet {name} has a value in cell {}{}, past the limit of {} columns",
                column_letter(column as usize),
                row as u64 + 1,
                limits.columns
            )));
        }
        cells += 1;
        if cells > limits.cells {
            return Err(Refusal::TooLarge(format!(
                "sheet {name} holds more than {} cells with values, the limit",
                limits.cells
            )));
        }
        if last_row != Some(row) {
            if let Some(last) = last_row
                && row < last
            {
                return Err(Refusal::Unreadable(format!(
                    "sheet {name}: row {} comes after row {}; rows must be in order",
                    row as u64 + 1,
                    last as u64 + 1
                )));
            }
            rows += 1;
            if rows > limits.rows {
                return Err(Refusal::TooLarge(format!(
                    "sheet {name} holds more than {} rows with values, the limit",
                    limits.rows
                )));
            }
            last_row = Some(row);
        }
        columns = Some(match columns {
            Some((first, last)) => (first.min(column), last.max(column)),
            None => (column, column),
        });
    }
    Ok(columns)
}

/// `256 MiB`, `1 MiB`, `1.5 KiB` or `300 bytes`.
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let unit = |n: u64, unit: u64, name: &str| {
        if n % unit == 0 {
            format!("{} {name}", n / unit)
        } else {
            format!("{:.1} {name}", n as f64 / unit as f64)
        }
    };
    match bytes {
        b if b >= MIB => unit(b, MIB, "MiB"),
        b if b >= KIB => unit(b, KIB, "KiB"),
        b => format!("{b} bytes"),
    }
}

/// The rows of the data sheet as they come: blank rows and title rows (one cell naming
/// no column) before the header skipped, the first other row parsed as the header, every
/// later row validated.
struct Rows<'f, 'r> {
    file: &'f str,
    registry: &'r dyn Registry,
    /// Spreadsheet column index of every row's first cell.
    first_column: usize,
    validator: Option<Validator<'r>>,
    /// Cells that are not strings or numbers, as text, so that `Cell` can borrow them.
    texts: Vec<String>,
}

impl Rows<'_, '_> {
    /// Takes one row (numbered as a spreadsheet shows it); an unusable header refuses the
    /// file at once.
    fn row(&mut self, row: usize, cells: &[Data]) -> Result<(), SheetErrors> {
        match self.validator.as_mut() {
            Some(validator) => {
                self.texts.clear();
                self.texts.extend(cells.iter().map(other_as_text));
                let row_cells: Vec<Cell<'_>> = cells
                    .iter()
                    .zip(&self.texts)
                    .map(|(cell, text)| match cell {
                        Data::Float(n) => Cell::Number(*n),
                        Data::Int(n) => Cell::Number(*n as f64),
                        Data::String(s) => Cell::Text(s),
                        _ => Cell::Text(text),
                    })
                    .collect();
                validator.row(row, &row_cells);
            }
            None => {
                if cells
                    .iter()
                    .all(|cell| other_as_text(cell).trim().is_empty() && !is_value(cell))
                {
                    return Ok(());
                }
                let header_texts: Vec<String> = cells.iter().map(|cell| cell.to_string()).collect();
                if Header::is_title(&header_texts) {
                    return Ok(());
                }
                let (header, errors) = Header::parse(row, &header_texts, self.registry.requires_source());
                match header {
                    Some(header) => {
                        self.validator = Some(Validator::new(
                            self.file,
                            self.registry,
                            header,
                            self.first_column,
                            errors,
                        ));
                    }
                    None => {
                        return Err(SheetErrors::new(self.file, errors, 0));
                    }
                }
            }
        }
        Ok(())
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
