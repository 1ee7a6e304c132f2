//! A report for a meeting: a table with a title (plan, region, as-of date), headers in the
//! readers' language, shares written as percentages and each row's light as a light fill.
//!
//! The xlsx has the title on its first row, the header on the second (frozen, with an
//! autofilter), percentage columns as numbers formatted `0%`, and the cell of the light
//! column filled in a light tint of its colour. The CSV carries the same columns (no title
//! row, so that scripts read the header first), percentages as `81%`, through the same
//! formula neutralisation as every CSV export; JSON is [`write_table`]'s.

use rust_xlsxwriter::{Color, Format as CellFormat, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde_json::Value;

use crate::export::{Format, write_table};
use crate::template::clip;

/// The colour of a row's light, drawn as a light tint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// 绿灯.
    Green,
    /// 黄灯.
    Yellow,
    /// 橙灯.
    Orange,
    /// 红灯.
    Red,
    /// 灰灯 (no verdict).
    Grey,
}

impl Fill {
    /// Reads a light code (`green`, `yellow`, `orange`, `red`, `grey`).
    pub fn from_light(code: &str) -> Option<Fill> {
        Some(match code {
            "green" => Fill::Green,
            "yellow" => Fill::Yellow,
            "orange" => Fill::Orange,
            "red" => Fill::Red,
            "grey" | "gray" => Fill::Grey,
            _ => return None,
        })
    }

    /// The light tint: pale enough to print and to read black text on.
    fn tint(self) -> u32 {
        match self {
            Fill::Green => 0xC6EFCE,
            Fill::Yellow => 0xFFF2B3,
            Fill::Orange => 0xFCD5B4,
            Fill::Red => 0xFFC7CE,
            Fill::Grey => 0xE7E6E6,
        }
    }
}

/// A table with a title, ready to write as a meeting's report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The title row (`《…》 · 济南市 · 数据截至 2026-12-02`).
    pub title: String,
    /// The header, in the readers' language.
    pub columns: Vec<String>,
    /// One value per column per row; a share (0.81) in a [`Report::percent_columns`] column.
    pub rows: Vec<Vec<Value>>,
    /// Each row's light, drawn in [`Report::light_column`].
    pub fills: Vec<Option<Fill>>,
    /// The column whose cells take the light's tint.
    pub light_column: usize,
    /// Columns holding shares, written as percentages.
    pub percent_columns: Vec<usize>,
}

/// Writes the report in `format`.
pub fn write_report(format: Format, report: &Report) -> Vec<u8> {
    match format {
        Format::Xlsx => write_xlsx(report).unwrap_or_default(),
        Format::Csv | Format::Json => {
            let columns: Vec<&str> = report.columns.iter().map(String::as_str).collect();
            let rows = if format == Format::Csv {
                report.rows.iter().map(|row| percent_text(report, row)).collect()
            } else {
                report.rows.clone()
            };
            write_table(format, &columns, &rows)
        }
    }
}

/// A row with its shares written as `81%`.
fn percent_text(report: &Report, row: &[Value]) -> Vec<Value> {
    row.iter()
        .enumerate()
        .map(|(i, v)| match v.as_f64() {
            Some(share) if report.percent_columns.contains(&i) => {
                Value::String(format!("{}%", (share * 100.0).round()))
            }
            _ => v.clone(),
        })
        .collect()
}

fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("目标进度")?;
    let n = report.columns.len().max(1) as u16;
    let title = CellFormat::new().set_bold().set_font_size(14);
    sheet.merge_range(0, 0, 0, n - 1, clip(&report.title), &title)?;
    sheet.set_row_height(0, 24)?;
    let header = CellFormat::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let plain = CellFormat::new().set_border(FormatBorder::Thin);
    let percent = plain.clone().set_num_format("0%");
    for (i, column) in report.columns.iter().enumerate() {
        sheet.write_string_with_format(1, i as u16, clip(column), &header)?;
        sheet.set_column_width(i as u16, width(report, i))?;
    }
    for (r, row) in report.rows.iter().enumerate() {
        let at = r as u32 + 2;
        let fill = report.fills.get(r).copied().flatten();
        for (i, value) in row.iter().enumerate().take(report.columns.len()) {
            let c = i as u16;
            let mut format = if report.percent_columns.contains(&i) {
                percent.clone()
            } else {
                plain.clone()
            };
            if let Some(fill) = fill.filter(|_| i == report.light_column) {
                format = format.set_background_color(Color::RGB(fill.tint()));
            }
            match value {
                Value::Null => {
                    sheet.write_blank(at, c, &format)?;
                }
                Value::Number(x) => match x.as_f64() {
                    Some(f) if f.is_finite() => {
                        sheet.write_number_with_format(at, c, f, &format)?;
                    }
                    _ => {
                        sheet.write_string_with_format(at, c, x.to_string(), &format)?;
                    }
                },
                Value::String(s) => {
                    sheet.write_string_with_format(at, c, clip(s), &format)?;
                }
                other => {
                    sheet.write_string_with_format(at, c, clip(&other.to_string()), &format)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    sheet.autofilter(1, 0, report.rows.len() as u32 + 1, n - 1)?;
    workbook.save_to_buffer()
}

/// A column's width: its widest cell among the first rows, wide characters counted
/// double, between 6 and 50.
fn width(report: &Report, i: usize) -> f64 {
    let text_width = |s: &str| -> usize { s.chars().map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 }).sum() };
    let widest = report
        .rows
        .iter()
        .take(1000)
        .map(|row| match row.get(i) {
            Some(Value::String(s)) => text_width(s),
            Some(Value::Null) | None => 0,
            Some(other) => text_width(&other.to_string()),
        })
        .max()
        .unwrap_or(0)
        .max(text_width(&report.columns[i]));
    (widest as f64 + 2.0).clamp(6.0, 50.0)
}
