//! Export writers: any table (facts, targets, observations, the scoreboard) as JSON, CSV
//! or xlsx, for `pledge export` and the web's download buttons.

use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};
use serde_json::Value;

use crate::template::clip;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON array of objects, keys in column order.
    Json,
    /// CSV in UTF-8 with a byte order mark, CRLF line ends.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// Parses `json`, `csv` or `xlsx` (any case), as `--format` and `?format=` give them.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The media type to serve the bytes with.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Rows of one xlsx sheet at most, header included (Excel's limit).
const XLSX_MAX_ROWS: usize = 1_048_576;
/// Columns of one xlsx sheet at most (Excel's limit).
const XLSX_MAX_COLUMNS: usize = 16_384;
/// How many rows are looked at to size the xlsx columns.
const WIDTH_SAMPLE_ROWS: usize = 1000;

/// Writes a table. Each row gives one value per column, in column order; a short row is
/// padded with nulls and cells past the last column are dropped.
///
/// - JSON: one array of objects whose keys are the columns, in column order.
/// - CSV: UTF-8 **with a byte order mark**, because Excel opens BOM-less UTF-8 CSV in the
///   locale's code page and garbles Chinese; strings are written as is except that text a
///   spreadsheet would run as a formula gets a leading `'` ([`neutralize_formula`]), numbers and
///   booleans as JSON writes them, null as an empty cell, arrays and objects as JSON text.
/// - xlsx: one sheet `data` with a bold header, the first row frozen, an autofilter, column
///   widths sized to the content (CJK counted double), numbers as numbers and booleans as
///   booleans. Past Excel's 1,048,576 rows the table continues on `data 2`, `data 3`, …
///   with the header repeated; strings are cut at Excel's 32,767 characters and columns
///   past 16,384 dropped.
pub fn write_table(format: Format, columns: &[&str], rows: &[Vec<Value>]) -> Vec<u8> {
    match format {
        Format::Json => write_json(columns, rows),
        Format::Csv => write_csv(columns, rows),
        // The limits rust_xlsxwriter checks are enforced above it, so it does not fail.
        Format::Xlsx => write_xlsx(columns, rows).unwrap_or_default(),
    }
}

fn cell(row: &[Value], i: usize) -> &Value {
    row.get(i).unwrap_or(&Value::Null)
}

fn write_json(columns: &[&str], rows: &[Vec<Value>]) -> Vec<u8> {
    // Written by hand so that keys keep the column order (serde_json's map sorts them).
    let mut out = Vec::with_capacity(64 * rows.len() + 2);
    out.push(b'[');
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push(b',');
        }
        out.push(b'{');
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Serializing a str or a Value into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut out, column);
            out.push(b':');
            let _ = serde_json::to_writer(&mut out, cell(row, i));
        }
        out.push(b'}');
    }
    out.push(b']');
    out
}

fn write_csv(columns: &[&str], rows: &[Vec<Value>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(columns);
        let mut record: Vec<String> = Vec::with_capacity(columns.len());
        for row in rows {
            record.clear();
            record.extend((0..columns.len()).map(|i| csv_text(cell(row, i))));
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    out
}

fn csv_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => neutralize_formula(s).into_owned(),
        other => other.to_string(),
    }
}

/// Text as a spreadsheet may show it but never runs it as a formula (OWASP's rule for CSV
/// injection): text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`. Text that is a plain decimal number (`-3.5`, `+2`, `1e-3`) is left as it is:
/// a spreadsheet reads it as the number it is, not as a formula.
///
/// Every CSV export goes through [`write_table`], which applies this to each string cell;
/// JSON and xlsx exports need it not (xlsx cells are typed as strings).
pub fn neutralize_formula(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    if risky && !is_plain_number(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// True for `[+-]digits[.digits][e[+-]digits]` and nothing else.
fn is_plain_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

fn write_xlsx(columns: &[&str], rows: &[Vec<Value>]) -> Result<Vec<u8>, XlsxError> {
    let columns = &columns[..columns.len().min(XLSX_MAX_COLUMNS)];
    let widths = column_widths(columns, rows);
    let bold = CellFormat::new().set_bold();
    let mut workbook = Workbook::new();
    let per_sheet = XLSX_MAX_ROWS - 1;
    let chunks: Vec<&[Vec<Value>]> = if rows.is_empty() {
        vec![rows]
    } else {
        rows.chunks(per_sheet).collect()
    };
    for (n, chunk) in chunks.into_iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(if n == 0 {
            "data".to_owned()
        } else {
            format!("data {}", n + 1)
        })?;
        for (i, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, clip(column), &bold)?;
            sheet.set_column_width(i as u16, widths[i])?;
        }
        for (r, row) in chunk.iter().enumerate() {
            let r = r as u32 + 1;
            for i in 0..columns.len() {
                let c = i as u16;
                match cell(row, i) {
                    Value::Null => {}
                    Value::Bool(b) => {
                        sheet.write_boolean(r, c, *b)?;
                    }
                    Value::Number(n) => match n.as_f64() {
                        Some(f) if f.is_finite() => {
                            sheet.write_number(r, c, f)?;
                        }
                        _ => {
                            sheet.write_string(r, c, n.to_string())?;
                        }
                    },
                    Value::String(s) => {
                        sheet.write_string(r, c, clip(s))?;
                    }
                    other => {
                        sheet.write_string(r, c, clip(&other.to_string()))?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        if !columns.is_empty() {
            sheet.autofilter(0, 0, chunk.len() as u32, columns.len() as u16 - 1)?;
        }
    }
    workbook.save_to_buffer()
}

/// Column widths in Excel's character units: the widest of the header and the first
/// rows, CJK and other wide characters counted double, between 6 and 60.
fn column_widths(columns: &[&str], rows: &[Vec<Value>]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest = rows
                .iter()
                .take(WIDTH_SAMPLE_ROWS)
                .map(|row| match cell(row, i) {
                    Value::Null => 0,
                    Value::String(s) => display_width(s),
                    other => display_width(&other.to_string()),
                })
                .max()
                .unwrap_or(0)
                .max(display_width(column));
            (widest as f64 + 2.0).clamp(6.0, 60.0)
        })
        .collect()
}

/// Display width: 2 for wide (CJK, full-width) characters, 1 for the others.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("济南市"), 6);
        assert_eq!(display_width("PM2.5年均浓度"), 13);
    }
}
