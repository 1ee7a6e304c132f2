//! The import columns and their header names, in English and in Chinese.
//!
//! The columns are those of `spec/cli.md`: `region,indicator,year,value,unit,source_url,quote`
//! are required, `measure,baseline_year,period,note` optional, in any order. Headers match
//! case-insensitively, ignoring surrounding spaces, a trailing `*` (a "required" marker some
//! templates add) and the difference between `_`, `-` and a space.
//!
//! **Unknown columns are refused**, not ignored: a misspelt optional column (`baseline year`
//! typed as `base year`) would otherwise drop its data without a word, and an import is
//! all-or-nothing precisely so that nothing is lost silently. A column whose header cell is
//! empty is ignored as long as its cells are empty too (spreadsheets often save trailing
//! empty columns).

use crate::errors::{ErrorKind, RowError};

/// One import column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `region`: where the value was observed (required).
    Region,
    /// `indicator`: what was observed (required).
    Indicator,
    /// `year`: the year the value refers to (required).
    Year,
    /// `value`: the number (required).
    Value,
    /// `unit`: the unit of the value (required column; an empty cell means dimensionless).
    Unit,
    /// `source_url`: where the value was published (required).
    SourceUrl,
    /// `quote`: the sentence the value was read in (required).
    Quote,
    /// `measure`: level (default), change or increment.
    Measure,
    /// `baseline_year`: the year a change or increment counts from.
    BaselineYear,
    /// `period`: a part of the year (`Q1`, `H1`, `1-9月`); empty for a whole year.
    Period,
    /// `note`: qualifiers such as the accounting basis.
    Note,
}

impl Column {
    /// All columns, required ones first, in the order of `spec/cli.md`.
    pub const ALL: [Column; 11] = [
        Column::Region,
        Column::Indicator,
        Column::Year,
        Column::Value,
        Column::Unit,
        Column::SourceUrl,
        Column::Quote,
        Column::Measure,
        Column::BaselineYear,
        Column::Period,
        Column::Note,
    ];

    /// The canonical (English) name, used in headers we write and in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Column::Region => "region",
            Column::Indicator => "indicator",
            Column::Year => "year",
            Column::Value => "value",
            Column::Unit => "unit",
            Column::SourceUrl => "source_url",
            Column::Quote => "quote",
            Column::Measure => "measure",
            Column::BaselineYear => "baseline_year",
            Column::Period => "period",
            Column::Note => "note",
        }
    }

    /// The Chinese header names accepted for this column (the first is the one templates show).
    pub fn chinese_names(self) -> &'static [&'static str] {
        match self {
            Column::Region => &["地区", "区域"],
            Column::Indicator => &["指标"],
            Column::Year => &["年份", "年度"],
            Column::Value => &["数值", "值"],
            Column::Unit => &["单位"],
            Column::SourceUrl => &["来源", "来源链接", "来源网址"],
            Column::Quote => &["原文", "引文"],
            Column::Measure => &["口径", "度量"],
            Column::BaselineYear => &["基期", "基准年"],
            Column::Period => &["期间"],
            Column::Note => &["备注"],
        }
    }

    /// True for the columns a file must have.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Column::Region
                | Column::Indicator
                | Column::Year
                | Column::Value
                | Column::Unit
                | Column::SourceUrl
                | Column::Quote
        )
    }

    /// True for `source_url` and `quote`, which a reporter's own figure may leave out.
    pub fn is_source(self) -> bool {
        matches!(self, Column::SourceUrl | Column::Quote)
    }

    /// Index of this column in [`Column::ALL`].
    fn index(self) -> usize {
        self as usize
    }

    /// Recognises a header cell, in English or Chinese; `None` for an unknown header.
    pub fn from_header(text: &str) -> Option<Column> {
        let key = normalize_header(text);
        Column::ALL
            .into_iter()
            .find(|column| column.name() == key || column.chinese_names().iter().any(|name| *name == key))
    }
}

/// Lower-cases ASCII, trims spaces (also U+3000 and a stray BOM), drops a trailing `*`
/// and turns `-` and inner spaces into `_`.
fn normalize_header(text: &str) -> String {
    let trimmed = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .trim_end_matches(['*', '＊'])
        .trim();
    trimmed
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Where each column sits in a file, read from its header row.
#[derive(Debug, Clone)]
pub struct Header {
    /// Position of each column of [`Column::ALL`] in the file, when present.
    positions: [Option<usize>; 11],
    /// For each position in the file: the column it holds (`None` for an empty header cell).
    by_position: Vec<Option<Column>>,
}

impl Header {
    /// Reads a header row (`row` is its spreadsheet row number, normally 1). Returns the
    /// header and the header errors; the header is unusable (`None`) when a required
    /// column is missing.
    ///
    /// With `source_required` false (a signed-in reporter's own figures, whose account
    /// and time are the source), `source_url` and `quote` may be left out.
    pub fn parse<S: AsRef<str>>(row: usize, cells: &[S], source_required: bool) -> (Option<Header>, Vec<RowError>) {
        let mut errors = Vec::new();
        let mut positions = [None; 11];
        let mut by_position = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            let text = cell.as_ref();
            if text.trim().is_empty() {
                by_position.push(None);
                continue;
            }
            match Column::from_header(text) {
                Some(column) => {
                    if positions[column.index()].is_some() {
                        errors.push(RowError::cell(
                            ErrorKind::DuplicateColumn,
                            row,
                            text.trim(),
                            "",
                            format!("names the column {} a second time", column.name()),
                        ));
                        by_position.push(None);
                    } else {
                        positions[column.index()] = Some(i);
                        by_position.push(Some(column));
                    }
                }
                None => {
                    errors.push(RowError::cell(
                        ErrorKind::UnknownColumn,
                        row,
                        text.trim(),
                        "",
                        format!(
                            "is not an import column; use {} (or their Chinese names)",
                            Column::ALL.map(Column::name).join(", ")
                        ),
                    ));
                    by_position.push(None);
                }
            }
        }
        let mut usable = true;
        for column in Column::ALL {
            let required = column.is_required() && (source_required || !column.is_source());
            if required && positions[column.index()].is_none() {
                usable = false;
                errors.push(RowError::cell(
                    ErrorKind::MissingColumn,
                    row,
                    column.name(),
                    "",
                    format!(
                        "required column is missing from the header (row {row}); it may also be called {}",
                        column.chinese_names().join(" or ")
                    ),
                ));
            }
        }
        let header = usable.then_some(Header { positions, by_position });
        (header, errors)
    }

    /// True for a title row above the header (`历城区2024年节能减排指标完成情况表`): a
    /// single filled cell that names no column.
    pub fn is_title<S: AsRef<str>>(cells: &[S]) -> bool {
        let mut filled = cells.iter().map(AsRef::as_ref).filter(|c| !c.trim().is_empty());
        match (filled.next(), filled.next()) {
            (Some(only), None) => Column::from_header(only).is_none(),
            _ => false,
        }
    }

    /// Position of `column` in the file, when the header has it.
    pub fn position(&self, column: Column) -> Option<usize> {
        self.positions[column.index()]
    }

    /// Position of every column of [`Column::ALL`], indexed by `column as usize`.
    pub fn positions(&self) -> [Option<usize>; 11] {
        self.positions
    }

    /// The column at file position `i` (`None` past the header or under an empty or
    /// refused header cell).
    pub fn column_at(&self, i: usize) -> Option<Column> {
        self.by_position.get(i).copied().flatten()
    }

    /// Number of cells in the header row.
    pub fn width(&self) -> usize {
        self.by_position.len()
    }
}
