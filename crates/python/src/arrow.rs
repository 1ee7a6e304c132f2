//! The Arrow path: a table of documents in, a table of facts out, built column by column
//! in Rust from the Arrow buffers Python holds (the C data interface), so that pandas,
//! polars, Spark's `mapInArrow` and Dask's `map_partitions` do no work per row.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::types::{Int32Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, Date32Array, LargeStringArray, PrimitiveArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, Table, ToPyArrow};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use pledge_extract::Options;
use pledge_model::Fact;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::errors::guard;
use crate::facts::extractor;
use crate::threads::Threads;

/// The facts table's columns: facts.md's fields in its order, `span` as `span_start` and
/// `span_end` (byte offsets in the UTF-8 text).
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("doc", false),
        Field::new("article", DataType::Int64, false),
        text("kind", false),
        text("scope", false),
        text("indicator", false),
        Field::new("year", DataType::Int32, true),
        text("period", true),
        Field::new("baseline_year", DataType::Int32, true),
        text("measure", false),
        text("direction", true),
        text("bound", false),
        Field::new("value", DataType::Float64, false),
        Field::new("value_max", DataType::Float64, true),
        text("unit", false),
        text("quote", false),
        Field::new("span_start", DataType::Int64, false),
        Field::new("span_end", DataType::Int64, false),
    ]))
}

/// The schema of `extract_arrow`'s result, as a `pyarrow.Schema` (for Spark's
/// `mapInArrow` and Dask's `meta`): doc, article, kind, scope, indicator, year, period,
/// baseline_year, measure, direction, bound, value, value_max, unit, quote, span_start,
/// span_end.
#[pyfunction]
pub fn facts_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    schema().as_ref().to_pyarrow(py)
}

/// A string column of any of Arrow's string layouts, or one that is all null.
enum Strs<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Null,
}

impl<'a> Strs<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strs::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strs::View(a) => a.is_valid(i).then(|| a.value(i)),
            Strs::Null => None,
        }
    }
}

/// A document column: strings, or integers (an `id` column of numbers), or days (a
/// `date` column of Arrow dates).
enum Column<'a> {
    Strs(Strs<'a>),
    Int64(&'a PrimitiveArray<Int64Type>),
    Int32(&'a PrimitiveArray<Int32Type>),
    Date32(&'a Date32Array),
    /// A timestamp (pandas' datetime64, Date64) as integers, and how many make a day.
    Timestamp(PrimitiveArray<Int64Type>, i64),
}

impl Column<'_> {
    fn get(&self, i: usize) -> Option<String> {
        match self {
            Column::Strs(s) => s.get(i).map(str::to_owned),
            Column::Int64(a) => a.is_valid(i).then(|| a.value(i).to_string()),
            Column::Int32(a) => a.is_valid(i).then(|| a.value(i).to_string()),
            Column::Date32(a) => a.is_valid(i).then(|| iso_day(a.value(i))),
            Column::Timestamp(a, per_day) => a
                .is_valid(i)
                .then(|| iso_day(i32::try_from(a.value(i).div_euclid(*per_day)).unwrap_or(i32::MAX))),
        }
    }
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (the proleptic Gregorian calendar).
fn iso_day(days: i32) -> String {
    // Howard Hinnant's civil_from_days.
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Column `name` of `batch` as a string column, if there is one.
fn strs<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<Option<Strs<'a>>> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let any = col.as_any();
    let s = match col.data_type() {
        DataType::Utf8 => any.downcast_ref().map(Strs::Utf8),
        DataType::LargeUtf8 => any.downcast_ref().map(Strs::Large),
        DataType::Utf8View => any.downcast_ref().map(Strs::View),
        DataType::Null => Some(Strs::Null),
        _ => None,
    };
    s.map(Some)
        .ok_or_else(|| PyTypeError::new_err(format!("column `{name}` must hold strings, not {}", col.data_type())))
}

/// Column `name` as strings, integers or dates (`id`, `date`).
fn column<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<Option<Column<'a>>> {
    let Some(col) = batch.column_by_name(name) else {
        return Ok(None);
    };
    let any = col.as_any();
    let c = match col.data_type() {
        DataType::Int64 => any.downcast_ref().map(Column::Int64),
        DataType::Int32 => any.downcast_ref().map(Column::Int32),
        DataType::Date32 => any.downcast_ref().map(Column::Date32),
        DataType::Date64 => Some(timestamp(col, 86_400_000)?),
        DataType::Timestamp(unit, _) => {
            let per_second = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            Some(timestamp(col, 86_400 * per_second)?)
        }
        _ => return Ok(strs(batch, name)?.map(Column::Strs)),
    };
    Ok(c)
}

/// A timestamp or Date64 column read as its 64-bit integers (the same buffers).
fn timestamp<'a>(col: &ArrayRef, per_day: i64) -> PyResult<Column<'a>> {
    let data = col
        .to_data()
        .into_builder()
        .data_type(DataType::Int64)
        .build()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(Column::Timestamp(PrimitiveArray::<Int64Type>::from(data), per_day))
}

/// One row to read: its text (borrowed from the Arrow buffer) and how to read it.
struct Row<'a> {
    text: &'a str,
    opts: Options,
}

/// The rows of one batch, read as corpus mode reads lines: `id` and `text` required,
/// `date` and `place` optional (blank is none). A bad row is an error naming it, or is
/// left out when `skip`.
fn rows<'a>(batch: &'a RecordBatch, first_row: usize, skip: bool) -> PyResult<Vec<Row<'a>>> {
    let need =
        |name: &str| PyValueError::new_err(format!("the table has no `{name}` column (id, text, date?, place?)"));
    let ids = column(batch, "id")?.ok_or_else(|| need("id"))?;
    let texts = strs(batch, "text")?.ok_or_else(|| need("text"))?;
    let dates = column(batch, "date")?;
    let places = strs(batch, "place")?;
    let mut rows = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let n = first_row + i + 1;
        let read = || -> Result<Row<'a>, String> {
            let id = ids.get(i).ok_or("`id` is null")?;
            let text = texts.get(i).ok_or_else(|| format!("({id}): `text` is null"))?;
            let date = dates.as_ref().and_then(|d| d.get(i));
            let place = places.as_ref().and_then(|p| p.get(i)).map(str::to_owned);
            let opts = pledge_extract::corpus::options(id, date.as_deref(), place).map_err(|e| e.to_string())?;
            Ok(Row { text, opts })
        };
        match read() {
            Ok(row) => rows.push(row),
            Err(_) if skip => {}
            Err(message) => return Err(PyValueError::new_err(format!("row {n}: {message}"))),
        }
    }
    Ok(rows)
}

/// The facts table's columns being built.
struct Builders {
    doc: StringBuilder,
    article: Int64Builder,
    kind: StringBuilder,
    scope: StringBuilder,
    indicator: StringBuilder,
    year: Int32Builder,
    period: StringBuilder,
    baseline_year: Int32Builder,
    measure: StringBuilder,
    direction: StringBuilder,
    bound: StringBuilder,
    value: Float64Builder,
    value_max: Float64Builder,
    unit: StringBuilder,
    quote: StringBuilder,
    span_start: Int64Builder,
    span_end: Int64Builder,
}

impl Builders {
    fn new(rows: usize) -> Self {
        let s = || StringBuilder::with_capacity(rows, rows * 8);
        Self {
            doc: s(),
            article: Int64Builder::with_capacity(rows),
            kind: s(),
            scope: s(),
            indicator: s(),
            year: Int32Builder::with_capacity(rows),
            period: s(),
            baseline_year: Int32Builder::with_capacity(rows),
            measure: s(),
            direction: s(),
            bound: s(),
            value: Float64Builder::with_capacity(rows),
            value_max: Float64Builder::with_capacity(rows),
            unit: s(),
            quote: StringBuilder::with_capacity(rows, rows * 48),
            span_start: Int64Builder::with_capacity(rows),
            span_end: Int64Builder::with_capacity(rows),
        }
    }

    /// Appends one fact (its fields as facts.md writes them).
    fn push(&mut self, f: &Fact) {
        let int = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.doc.append_value(&f.doc);
        self.article.append_value(int(f.article));
        self.kind.append_value(f.kind.as_str());
        self.scope.append_value(&f.scope);
        self.indicator.append_value(&f.indicator);
        self.year.append_option(f.year);
        self.period.append_option(f.period.as_deref());
        self.baseline_year.append_option(f.baseline_year);
        self.measure.append_value(f.measure.as_str());
        self.direction.append_option(f.direction.map(|d| d.as_str()));
        self.bound.append_value(f.bound.as_str());
        self.value.append_value(f.value);
        self.value_max.append_option(f.value_max);
        self.unit.append_value(&f.unit);
        self.quote.append_value(&f.quote);
        self.span_start.append_value(int(f.span[0]));
        self.span_end.append_value(int(f.span[1]));
    }

    fn finish(mut self) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc.finish()),
            Arc::new(self.article.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.scope.finish()),
            Arc::new(self.indicator.finish()),
            Arc::new(self.year.finish()),
            Arc::new(self.period.finish()),
            Arc::new(self.baseline_year.finish()),
            Arc::new(self.measure.finish()),
            Arc::new(self.direction.finish()),
            Arc::new(self.bound.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.value_max.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.quote.finish()),
            Arc::new(self.span_start.finish()),
            Arc::new(self.span_end.finish()),
        ];
        RecordBatch::try_new(schema(), columns)
    }
}

/// The documents as record batches: a `pyarrow.Table`, `RecordBatch` or
/// `RecordBatchReader`, or anything else that exports an Arrow stream or array
/// (a polars DataFrame, …).
fn input_batches(data: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if data.hasattr("__arrow_c_stream__")? {
        return Ok(Table::from_pyarrow_bound(data)?.into_inner().0);
    }
    if data.hasattr("__arrow_c_array__")? || data.hasattr("_export_to_c")? {
        return Ok(vec![RecordBatch::from_pyarrow_bound(data)?]);
    }
    Err(PyTypeError::new_err(format!(
        "expected a pyarrow.Table or RecordBatch (or an Arrow stream), not {}",
        data.get_type().name()?
    )))
}

/// Extract the facts of a table of documents: columns `id` (str or int), `text` (str),
/// `date` (str 'YYYY-MM-DD' or date32, optional) and `place` (str, optional), as the
/// records of `extract_many`; the result is a `pyarrow.Table` of `facts_schema()`, one
/// row per fact in input order (the same facts `pledge extract --jsonl` prints, `span`
/// as `span_start`, `span_end`).
///
/// The work is done in Rust on the Arrow buffers with the GIL released, on `threads`
/// threads (all cores by default; 1 in a Spark or Dask worker that has one core). A row
/// that cannot be read (a null id or text, a bad date) raises `ValueError` naming it
/// (`errors="raise"`) or is left out (`errors="skip"`).
#[pyfunction]
#[pyo3(signature = (table, *, threads = None, errors = "raise"))]
pub fn extract_arrow<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    threads: Option<usize>,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let skip = match errors {
        "raise" => false,
        "skip" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors={other:?}: expected \"raise\" or \"skip\""
            )));
        }
    };
    let ex = extractor()?;
    let threads = Threads::new(threads)?;
    let batches = input_batches(table)?;
    let out = py.detach(|| -> PyResult<Vec<RecordBatch>> {
        let mut out = Vec::with_capacity(batches.len());
        let mut first_row = 0;
        for batch in &batches {
            let rows = rows(batch, first_row, skip)?;
            first_row += batch.num_rows();
            let facts = threads.map(&rows, |r| guard(&r.opts.doc_id, || ex.text(r.text, &r.opts)));
            let count = facts.iter().map(|f| f.as_ref().map_or(0, Vec::len)).sum();
            let mut builders = Builders::new(count);
            for f in facts {
                for fact in &f? {
                    builders.push(fact);
                }
            }
            out.push(builders.finish().map_err(|e| PyValueError::new_err(e.to_string()))?);
        }
        Ok(out)
    })?;
    let table = Table::try_new(out, schema()).map_err(|e| PyValueError::new_err(e.to_string()))?;
    table.into_pyarrow(py)
}
