//! Row-by-row validation of observation rows: numbers, years, measures, regions,
//! indicators, units and duplicates, collecting every error instead of stopping at the
//! first, so that an office fixes its whole file in one pass.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use pledge_indicators::{Implausible, Value};
use pledge_model::{Measure, Observation, Unit};
use serde::Serialize;

use crate::columns::{Column, Header};
use crate::errors::{ErrorKind, RowError, SheetErrors};
use crate::registry::{IndicatorInfo, IndicatorLookup, Registry};

/// The earliest year accepted in `year` and `baseline_year`.
pub const MIN_YEAR: i32 = 1900;
/// The latest year accepted in `year` and `baseline_year`.
pub const MAX_YEAR: i32 = 2100;

/// One valid observation row, with names made canonical and the value converted to the
/// indicator's unit (the value and unit as written are kept too).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationRow {
    /// The spreadsheet row it came from (header = 1).
    pub row: usize,
    /// The region's canonical name.
    pub region: String,
    /// The indicator's canonical name.
    pub indicator: String,
    /// The year the value refers to.
    pub year: i32,
    /// The value in [`ObservationRow::unit`]: converted to the indicator's unit where one
    /// is known and the measure is not a relative (`%`) change.
    pub value: f64,
    /// The unit of [`ObservationRow::value`].
    pub unit: String,
    /// The value as written in the file.
    pub original_value: f64,
    /// The unit as written in the file (trimmed; empty for dimensionless).
    pub original_unit: String,
    /// Level, change or increment.
    pub measure: Measure,
    /// For a change or increment, the year it counts from.
    pub baseline_year: Option<i32>,
    /// Part of the year (`Q1`, `1-9月`), `None` for a whole year.
    pub period: Option<String>,
    /// Qualifiers such as the accounting basis.
    pub note: Option<String>,
    /// Where the value was published.
    pub source_url: String,
    /// The sentence it was read in.
    pub quote: String,
}

impl ObservationRow {
    /// The model's observation (converted value and unit), for the assessment engine.
    pub fn observation(&self) -> Observation {
        Observation {
            year: self.year,
            period: self.period.clone(),
            value: self.value,
            unit: self.unit.clone(),
            measure: self.measure,
            baseline_year: self.baseline_year,
        }
    }
}

/// One cell as a reader hands it over: text (CSV, xlsx strings) or a number (xlsx).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// Text as written; an empty string for an empty cell.
    Text(&'a str),
    /// A numeric cell of a workbook.
    Number(f64),
}

impl Cell<'_> {
    /// The cell as text, for messages and text columns.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(text) => std::borrow::Cow::Borrowed(text.trim()),
            Cell::Number(n) => std::borrow::Cow::Owned(format_number(*n)),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Cell::Text(text) if text.trim().is_empty())
    }
}

/// Formats a number without a spurious `.0` (`2021`, not `2021.0`).
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses a number as offices write it: `1,234.5`, full-width digits (`１２３`), a
/// leading `+`, `-`, `−` (U+2212) or `－`, and an exponent (`1.14367E+14`, as Excel saves
/// large numbers to CSV). Thousands separators must group by three. A `%` or any other
/// text is refused: the unit belongs in its own column.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut clean = String::with_capacity(text.len());
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut chars = trimmed.chars().map(fold_width).peekable();
    match chars.peek() {
        Some('+') => {
            chars.next();
        }
        Some('-') => {
            chars.next();
            clean.push('-');
        }
        _ => {}
    }
    let rest: String = chars.collect();
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (rest.as_str(), None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !all_digits(first) {
            return None;
        }
        clean.push_str(first);
        for group in groups {
            if group.len() != 3 || !all_digits(group) {
                return None;
            }
            clean.push_str(group);
        }
    } else {
        if !all_digits(int) {
            return None;
        }
        clean.push_str(int);
    }
    if let Some(frac) = frac {
        if !all_digits(frac) {
            return None;
        }
        clean.push('.');
        clean.push_str(frac);
    }
    if let Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
        clean.push('e');
        clean.push_str(exponent);
    }
    let value: f64 = clean.parse().ok()?;
    value.is_finite().then_some(value)
}

/// Maps full-width digits, signs, separators and the Unicode minus to ASCII.
fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
        '．' => '.',
        '，' => ',',
        '＋' => '+',
        '−' | '－' => '-',
        'ｅ' => 'e',
        'Ｅ' => 'E',
        c => c,
    }
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a year: a whole number from [`MIN_YEAR`] to [`MAX_YEAR`], in ASCII or
/// full-width digits, optionally followed by `年` (`2021`, `２０２１`, `2021年`, `2021.0`).
fn parse_year(cell: Cell<'_>) -> Option<i32> {
    let year = match cell {
        Cell::Number(n) => {
            if n.fract() != 0.0 {
                return None;
            }
            n
        }
        Cell::Text(text) => {
            let folded: String = text.trim().chars().map(fold_width).collect();
            let bare = folded.strip_suffix('年').unwrap_or(&folded);
            let whole = match bare.split_once('.') {
                Some((whole, zeros)) if zeros.bytes().all(|b| b == b'0') => whole,
                Some(_) => return None,
                None => bare,
            };
            if whole.is_empty() || whole.len() > 4 || !all_digits(whole) {
                return None;
            }
            whole.parse::<f64>().ok()?
        }
    };
    let year = year as i32;
    (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(year)
}

/// Parses a measure: `level` (also empty, `水平`, `绝对值`), `change` (`变化`, `增减`,
/// `增幅`, `变化率`) or `increment` (`增量`, `新增`), case-insensitively.
pub fn parse_measure(text: &str) -> Option<Measure> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "level" | "水平" | "绝对值" => Some(Measure::Level),
        "change" | "变化" | "增减" | "增幅" | "变化率" => Some(Measure::Change),
        "increment" | "增量" | "新增" => Some(Measure::Increment),
        _ => None,
    }
}

/// Checks rows one by one against a header and a registry, keeping the valid rows
/// while there is no error and every error once there is one.
pub(crate) struct Validator<'r> {
    file: String,
    registry: &'r dyn Registry,
    header: Header,
    /// Spreadsheet column index of the header's first cell (0 for column A).
    first_column: usize,
    rows: Vec<ObservationRow>,
    errors: Vec<RowError>,
    /// Errors past [`crate::errors::MAX_LISTED`], counted rather than kept.
    omitted: usize,
    data_rows: usize,
    /// Duplicate detection: a 128-bit hash of each row's key → its row number. Two
    /// 64-bit SipHashes with different salts make an accidental collision (a false
    /// "duplicate") practically impossible, while keeping memory at a few words per row.
    seen: HashMap<u128, usize>,
    regions: HashMap<String, Option<String>>,
    indicators: HashMap<(String, String, Measure), IndicatorLookup>,
}

impl<'r> Validator<'r> {
    /// A validator for the rows under `header`; `header_errors` are kept as the first
    /// errors (an unknown extra column, say), so that the file is refused with them.
    pub(crate) fn new(
        file: &str,
        registry: &'r dyn Registry,
        header: Header,
        first_column: usize,
        header_errors: Vec<RowError>,
    ) -> Validator<'r> {
        Validator {
            file: file.to_owned(),
            registry,
            header,
            first_column,
            rows: Vec::new(),
            errors: header_errors,
            omitted: 0,
            data_rows: 0,
            seen: HashMap::new(),
            regions: HashMap::new(),
            indicators: HashMap::new(),
        }
    }

    /// Validates one row (`row` numbered as a spreadsheet shows it). Rows whose cells are
    /// all empty are skipped, as spreadsheets leave them.
    pub(crate) fn row(&mut self, row: usize, cells: &[Cell<'_>]) {
        if cells.iter().all(Cell::is_empty) {
            return;
        }
        self.data_rows += 1;
        for (i, cell) in cells.iter().enumerate() {
            if self.header.column_at(i).is_none() && !cell.is_empty() {
                let letter = column_letter(self.first_column + i);
                let what = if i < self.header.width() {
                    "is in a column whose header is empty or refused"
                } else {
                    "is past the last column of the header"
                };
                self.errors
                    .push(RowError::cell(ErrorKind::ExtraCell, row, letter, cell.text(), what));
            }
        }
        let positions = self.header.positions();
        let get = |column: Column| -> Cell<'_> {
            positions[column as usize]
                .and_then(|p| cells.get(p).copied())
                .unwrap_or(Cell::Text(""))
        };
        let mut errors = Vec::new();
        let mut required = |column: Column| -> Option<Cell<'_>> {
            let cell = get(column);
            if cell.is_empty() {
                errors.push(RowError::cell(
                    ErrorKind::MissingCell,
                    row,
                    column.name(),
                    "",
                    "required cell is empty",
                ));
                None
            } else {
                Some(cell)
            }
        };
        let region_cell = required(Column::Region);
        let indicator_cell = required(Column::Indicator);
        let year_cell = required(Column::Year);
        let value_cell = required(Column::Value);
        let (source_cell, quote_cell) = if self.registry.requires_source() {
            (required(Column::SourceUrl), required(Column::Quote))
        } else {
            (Some(get(Column::SourceUrl)), Some(get(Column::Quote)))
        };
        let source_cell = source_cell.filter(|cell| {
            if cell.is_empty() {
                return true;
            }
            let ok = pledge_model::is_web_address(&cell.text());
            if !ok {
                errors.push(RowError::cell(
                    ErrorKind::BadUrl,
                    row,
                    Column::SourceUrl.name(),
                    cell.text(),
                    "is not a web address: it must start with http:// or https://",
                ));
            }
            ok
        });
        let unit_text = get(Column::Unit).text().into_owned();

        let region = region_cell.and_then(|cell| {
            let name = cell.text();
            let found = self.lookup_region(&name);
            if found.is_none() {
                let message = match self.registry.suggest_region(&name) {
                    Some(s) => format!("is not a known region; did you mean {s}?"),
                    None => "is not a known region".to_owned(),
                };
                errors.push(RowError::cell(
                    ErrorKind::UnknownRegion,
                    row,
                    Column::Region.name(),
                    name,
                    message,
                ));
            }
            found
        });
        let measure_cell = get(Column::Measure);
        let measure = parse_measure(&measure_cell.text());
        let indicator = indicator_cell.and_then(|cell| {
            let name = cell.text();
            match self.lookup_indicator(&name, &unit_text, measure.unwrap_or(Measure::Level)) {
                IndicatorLookup::Known(info) => Some(info),
                IndicatorLookup::Unknown { suggestion } => {
                    let message = match suggestion {
                        Some(s) => format!("is not a known indicator; did you mean {s}?"),
                        None => "is not a known indicator".to_owned(),
                    };
                    errors.push(RowError::cell(
                        ErrorKind::UnknownIndicator,
                        row,
                        Column::Indicator.name(),
                        name,
                        message,
                    ));
                    None
                }
            }
        });
        let year = year_cell.and_then(|cell| {
            let year = parse_year(cell);
            if year.is_none() {
                errors.push(RowError::cell(
                    ErrorKind::BadYear,
                    row,
                    Column::Year.name(),
                    cell.text(),
                    format!("is not a year (a whole number from {MIN_YEAR} to {MAX_YEAR})"),
                ));
            }
            year
        });
        let value = value_cell.and_then(|cell| {
            let value = match cell {
                Cell::Number(n) => n.is_finite().then_some(n),
                Cell::Text(text) => parse_number(text),
            };
            if value.is_none() {
                errors.push(RowError::cell(
                    ErrorKind::NotANumber,
                    row,
                    Column::Value.name(),
                    cell.text(),
                    "is not a number",
                ));
            }
            value
        });
        if measure.is_none() {
            errors.push(RowError::cell(
                ErrorKind::UnknownMeasure,
                row,
                Column::Measure.name(),
                measure_cell.text(),
                "is not a measure; use level, change or increment",
            ));
        }
        let baseline_cell = get(Column::BaselineYear);
        let baseline_year = match measure {
            Some(Measure::Change | Measure::Increment) if baseline_cell.is_empty() => {
                errors.push(RowError::cell(
                    ErrorKind::BaselineYear,
                    row,
                    Column::BaselineYear.name(),
                    "",
                    "is required for a change or an increment (the year it counts from)",
                ));
                None
            }
            Some(Measure::Level) if !baseline_cell.is_empty() => {
                errors.push(RowError::cell(
                    ErrorKind::BaselineYear,
                    row,
                    Column::BaselineYear.name(),
                    baseline_cell.text(),
                    "is only used with measure change or increment",
                ));
                None
            }
            _ if baseline_cell.is_empty() => None,
            _ => match parse_year(baseline_cell) {
                None => {
                    errors.push(RowError::cell(
                        ErrorKind::BadYear,
                        row,
                        Column::BaselineYear.name(),
                        baseline_cell.text(),
                        format!("is not a year (a whole number from {MIN_YEAR} to {MAX_YEAR})"),
                    ));
                    None
                }
                Some(baseline) if year.is_some_and(|year| baseline >= year) => {
                    errors.push(RowError::cell(
                        ErrorKind::BaselineYear,
                        row,
                        Column::BaselineYear.name(),
                        baseline_cell.text(),
                        format!("must be before the year ({})", year.unwrap_or_default()),
                    ));
                    None
                }
                Some(baseline) => Some(baseline),
            },
        };
        let converted = match (&indicator, value, measure) {
            (Some(info), Some(value), Some(measure)) => match convert(info, &unit_text, value, measure) {
                Ok(converted) => match plausible(info, &converted, measure) {
                    Ok(()) => Some(converted),
                    Err(e) => {
                        let written = value_cell.map(|c| c.text().into_owned()).unwrap_or_default();
                        errors.push(RowError::cell(
                            ErrorKind::Implausible,
                            row,
                            Column::Value.name(),
                            written,
                            format!("is not plausible for {}: {e}", info.name),
                        ));
                        None
                    }
                },
                Err(message) => {
                    errors.push(RowError::cell(
                        ErrorKind::UnconvertibleUnit,
                        row,
                        Column::Unit.name(),
                        unit_text.as_str(),
                        message,
                    ));
                    None
                }
            },
            _ => None,
        };
        let period = non_empty(get(Column::Period).text().into_owned());
        let note = non_empty(get(Column::Note).text().into_owned());

        // Duplicates: only rows whose key is fully valid can be compared.
        if let (Some(region), Some(indicator), Some(year), Some(measure)) = (&region, &indicator, year, measure) {
            let baseline_ok = baseline_cell.is_empty() || baseline_year.is_some();
            if baseline_ok {
                let key = key_hash(
                    region,
                    &indicator.name,
                    year,
                    period.as_deref(),
                    measure,
                    baseline_year,
                    note.as_deref(),
                );
                if let Some(first) = self.seen.get(&key) {
                    errors.push(RowError {
                        row: Some(row),
                        column: None,
                        value: String::new(),
                        message: format!(
                            "duplicates row {first}: rows {first} and {row} have the same region, indicator, year, period, measure, baseline_year and note"
                        ),
                        kind: ErrorKind::Duplicate,
                    });
                } else {
                    self.seen.insert(key, row);
                }
            }
        }

        // Errors are pushed per column in a fixed order; sort this row's by column order
        // of the file so that they read left to right.
        errors.sort_by_key(|e| {
            e.column
                .as_deref()
                .and_then(|c| Column::ALL.into_iter().find(|col| col.name() == c))
                .and_then(|col| self.header.position(col))
                .unwrap_or(usize::MAX)
        });
        let room = crate::errors::MAX_LISTED.saturating_sub(self.errors.len());
        self.omitted += errors.len().saturating_sub(room);
        self.errors.extend(errors.into_iter().take(room));
        if !self.errors.is_empty() {
            // The file is refused: stop keeping rows, free what was kept.
            self.rows = Vec::new();
            return;
        }
        if let (
            Some(region),
            Some(indicator),
            Some(year),
            Some(original_value),
            Some(measure),
            Some((value, unit)),
            Some(source),
            Some(quote),
        ) = (
            region,
            indicator,
            year,
            value,
            measure,
            converted,
            source_cell,
            quote_cell,
        ) {
            self.rows.push(ObservationRow {
                row,
                region,
                indicator: indicator.name,
                year,
                value,
                unit,
                original_value,
                original_unit: unit_text,
                measure,
                baseline_year,
                period,
                note,
                source_url: source.text().into_owned(),
                quote: quote.text().into_owned(),
            });
        }
    }

    /// The rows when every row is valid and there is at least one; every error otherwise.
    pub(crate) fn finish(mut self) -> Result<Vec<ObservationRow>, SheetErrors> {
        if self.data_rows == 0 {
            self.errors
                .push(RowError::file(ErrorKind::Empty, "has a header but no data rows"));
        }
        if self.errors.is_empty() {
            Ok(self.rows)
        } else {
            Err(SheetErrors::new(&self.file, self.errors, self.omitted))
        }
    }

    fn lookup_region(&mut self, name: &str) -> Option<String> {
        if let Some(found) = self.regions.get(name) {
            return found.clone();
        }
        let found = self.registry.region(name);
        self.regions.insert(name.to_owned(), found.clone());
        found
    }

    fn lookup_indicator(&mut self, name: &str, unit: &str, measure: Measure) -> IndicatorLookup {
        let key = (name.to_owned(), unit.to_owned(), measure);
        if let Some(found) = self.indicators.get(&key) {
            return found.clone();
        }
        let found = self.registry.lookup_indicator(name, unit, measure);
        self.indicators.insert(key, found.clone());
        found
    }
}

/// Converts `value` written in `unit` to the indicator's unit. A change in `%` is a
/// relative change and keeps its unit; so does a change in `百分点` of a `%` indicator.
/// Returns the value and its unit, or the error message.
fn convert(info: &IndicatorInfo, unit: &str, value: f64, measure: Measure) -> Result<(f64, String), String> {
    let Some(target) = info.unit.as_deref() else {
        return Ok((value, unit.to_owned()));
    };
    let from = Unit::parse(unit);
    let to = Unit::parse(target);
    if measure == Measure::Change && (from.is_percent() || (from.is_percentage_point() && to.is_percent())) {
        return Ok((value, unit.to_owned()));
    }
    if unit == target {
        return Ok((value, unit.to_owned()));
    }
    match from.factor_to(&to) {
        Some(1.0) => Ok((value, target.to_owned())),
        Some(factor) => Ok((value * factor, target.to_owned())),
        None if unit.is_empty() => Err(format!(
            "is empty, but the indicator {} is measured in {target}",
            info.name
        )),
        None if target.is_empty() => Err(format!(
            "cannot be converted: the indicator {} has no unit (it is an index or a ratio)",
            info.name
        )),
        None => Err(format!(
            "cannot be converted to {target}, the unit of the indicator {}",
            info.name
        )),
    }
}

/// Refuses a converted value the plausibility rules call impossible (a share above
/// 100 %, a negative count); an unlikely one (a change beyond +100 %) is let through, for
/// an office's own figure is its own to state.
fn plausible(info: &IndicatorInfo, (value, unit): &(f64, String), measure: Measure) -> Result<(), Implausible> {
    let checked = pledge_indicators::check_value(&Value {
        indicator: &info.name,
        indicator_unit: info.unit.as_deref(),
        value: *value,
        unit,
        measure,
    });
    match checked {
        Err(e) if e.is_impossible() => Err(e),
        _ => Ok(()),
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// 128-bit hash of a duplicate key (two SipHash-1-3 runs with different salts).
fn key_hash(
    region: &str,
    indicator: &str,
    year: i32,
    period: Option<&str>,
    measure: Measure,
    baseline_year: Option<i32>,
    note: Option<&str>,
) -> u128 {
    let half = |salt: u8| {
        let mut hasher = DefaultHasher::new();
        salt.hash(&mut hasher);
        (region, indicator, year, period, measure, baseline_year, note).hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// The spreadsheet letter of a 0-based column index (`0` → `A`, `26` → `AA`).
pub(crate) fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_offices_write_them() {
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("１２３．５"), Some(123.5));
        assert_eq!(parse_number("+7"), Some(7.0));
        assert_eq!(parse_number("−2.7"), Some(-2.7));
        assert_eq!(parse_number("－2.7"), Some(-2.7));
        assert_eq!(parse_number(" 12,345,678 "), Some(12_345_678.0));
        assert_eq!(parse_number("1.14367E+14"), Some(1.14367e14));
        assert_eq!(parse_number(".5"), Some(0.5));
        for bad in [
            "12,3x", "12,3", "1,2345", ",123", "", "-", "5%", "NaN", "inf", "1e", "1..2", "8。1",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn years() {
        assert_eq!(parse_year(Cell::Text("2021")), Some(2021));
        assert_eq!(parse_year(Cell::Text("２０２１年")), Some(2021));
        assert_eq!(parse_year(Cell::Text("2021.0")), Some(2021));
        assert_eq!(parse_year(Cell::Number(2021.0)), Some(2021));
        for bad in ["2021.5", "21", "3021", "1899", "二〇二一", "2021-01"] {
            assert_eq!(parse_year(Cell::Text(bad)), None, "{bad}");
        }
        assert_eq!(parse_year(Cell::Number(2021.5)), None);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
