//! The small SQL interface the backend-neutral store logic is written against.
//!
//! Every operation of the store (regions, targets, observations, accounts…) is written once,
//! in `crate::ops`, against [`Db`]: run a statement with parameters, get rows of plain
//! values back. SQLite and PostgreSQL each implement it over one open transaction, so the
//! two backends run the very same logic and the very same SQL, and behave identically.
//!
//! The SQL is the common subset both databases understand: `?N` placeholders (turned into
//! `$N` for PostgreSQL), `IS NOT DISTINCT FROM`, `INSERT … RETURNING id`,
//! `INSERT … SELECT … WHERE NOT EXISTS` (not `ON CONFLICT`, which some compatible servers
//! spell differently), `CAST(?N AS BIGINT) IS NULL OR …` for optional filters (so
//! PostgreSQL knows the parameter's type), flags as 0/1 integers and times as text.

use crate::{Result, StoreError};

/// A statement parameter, borrowed from the caller (no copies of texts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum P<'a> {
    /// SQL NULL (of whatever type the statement expects).
    Null,
    /// An integer (written as the column's integer width; range-checked).
    I(i64),
    /// A floating-point number.
    F(f64),
    /// Text.
    T(&'a str),
}

impl From<i64> for P<'_> {
    fn from(v: i64) -> Self {
        P::I(v)
    }
}

impl From<i32> for P<'_> {
    fn from(v: i32) -> Self {
        P::I(i64::from(v))
    }
}

impl From<usize> for P<'_> {
    fn from(v: usize) -> Self {
        P::I(v as i64)
    }
}

impl From<bool> for P<'_> {
    fn from(v: bool) -> Self {
        P::I(i64::from(v))
    }
}

impl From<f64> for P<'_> {
    fn from(v: f64) -> Self {
        P::F(v)
    }
}

impl<'a> From<&'a str> for P<'a> {
    fn from(v: &'a str) -> Self {
        P::T(v)
    }
}

impl<'a> From<&'a String> for P<'a> {
    fn from(v: &'a String) -> Self {
        P::T(v)
    }
}

impl<'a> From<&'a std::sync::Arc<str>> for P<'a> {
    fn from(v: &'a std::sync::Arc<str>) -> Self {
        P::T(v)
    }
}

impl<'a, T: Into<P<'a>>> From<Option<T>> for P<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(P::Null, Into::into)
    }
}

/// Builds a parameter slice: `p![a, b, c]` is `&[P::from(a), P::from(b), P::from(c)]`.
macro_rules! p {
    ($($x:expr),* $(,)?) => {
        &[$($crate::sql::P::from($x)),*][..]
    };
}
pub(crate) use p;

/// A value read back from the database.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    /// NULL.
    Null,
    /// Any integer column.
    I(i64),
    /// A floating-point column.
    F(f64),
    /// A text column.
    T(String),
}

/// One result row: its values in column order, with typed accessors that fail with
/// [`StoreError::Corrupt`] instead of panicking on an unexpected type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(pub(crate) Vec<V>);

impl Row {
    /// The value at `i`.
    fn at(&self, i: usize) -> Result<&V> {
        self.0.get(i).ok_or_else(|| StoreError::Corrupt {
            what: "a result row",
            message: format!("no column {i}"),
        })
    }

    /// A type mismatch at column `i`.
    fn mismatch(&self, i: usize, want: &str) -> StoreError {
        StoreError::Corrupt {
            what: "a result row",
            message: format!("column {i}: expected {want}, found {:?}", self.0.get(i)),
        }
    }

    /// A nullable integer.
    pub(crate) fn opt_i64(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            V::Null => Ok(None),
            V::I(v) => Ok(Some(*v)),
            _ => Err(self.mismatch(i, "an integer")),
        }
    }

    /// An integer.
    pub(crate) fn i64(&self, i: usize) -> Result<i64> {
        self.opt_i64(i)?.ok_or_else(|| self.mismatch(i, "an integer"))
    }

    /// A nullable 32-bit integer (years).
    pub(crate) fn opt_i32(&self, i: usize) -> Result<Option<i32>> {
        match self.opt_i64(i)? {
            None => Ok(None),
            Some(v) => i32::try_from(v)
                .map(Some)
                .map_err(|_| self.mismatch(i, "a 32-bit integer")),
        }
    }

    /// A 32-bit integer.
    pub(crate) fn i32(&self, i: usize) -> Result<i32> {
        self.opt_i32(i)?.ok_or_else(|| self.mismatch(i, "an integer"))
    }

    /// A non-negative integer as `usize`.
    pub(crate) fn usize(&self, i: usize) -> Result<usize> {
        usize::try_from(self.i64(i)?).map_err(|_| self.mismatch(i, "a non-negative integer"))
    }

    /// A 0/1 flag.
    pub(crate) fn flag(&self, i: usize) -> Result<bool> {
        Ok(self.i64(i)? != 0)
    }

    /// A nullable number (integers read as numbers too).
    pub(crate) fn opt_f64(&self, i: usize) -> Result<Option<f64>> {
        match self.at(i)? {
            V::Null => Ok(None),
            V::F(v) => Ok(Some(*v)),
            V::I(v) => Ok(Some(*v as f64)),
            _ => Err(self.mismatch(i, "a number")),
        }
    }

    /// A number.
    pub(crate) fn f64(&self, i: usize) -> Result<f64> {
        self.opt_f64(i)?.ok_or_else(|| self.mismatch(i, "a number"))
    }

    /// Nullable text.
    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            V::Null => Ok(None),
            V::T(s) => Ok(Some(s.clone())),
            _ => Err(self.mismatch(i, "text")),
        }
    }

    /// Text.
    pub(crate) fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?.ok_or_else(|| self.mismatch(i, "text"))
    }

    /// Text parsed as a code of an enumeration.
    pub(crate) fn code<T>(&self, i: usize, what: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
        let s = self.text(i)?;
        parse(&s).ok_or_else(|| StoreError::Corrupt {
            what: "a stored code",
            message: format!("unknown {what} code {s:?}"),
        })
    }

    /// Nullable text parsed as a code of an enumeration.
    pub(crate) fn opt_code<T>(&self, i: usize, what: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>> {
        match self.opt_text(i)? {
            None => Ok(None),
            Some(s) => parse(&s).map(Some).ok_or_else(|| StoreError::Corrupt {
                what: "a stored code",
                message: format!("unknown {what} code {s:?}"),
            }),
        }
    }

    /// A byte span from two nullable integer columns.
    pub(crate) fn span(&self, start: usize) -> Result<Option<[usize; 2]>> {
        Ok(match (self.opt_i64(start)?, self.opt_i64(start + 1)?) {
            (Some(a), Some(b)) => Some([a as usize, b as usize]),
            _ => None,
        })
    }
}

/// One open transaction of a backend: statements with `?N` placeholders and [`P`]
/// parameters. `what` names the operation for error messages.
pub(crate) trait Db {
    /// Runs a statement, returning the number of rows it changed.
    fn exec(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<u64>;

    /// Runs a query, returning every row.
    fn query(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<Vec<Row>>;

    /// The first row of a query, if any.
    fn query_opt(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<Option<Row>> {
        Ok(self.query(what, sql, params)?.into_iter().next())
    }

    /// The first row of a query; none is an error (for `COUNT(*)` and the like).
    fn query_one(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<Row> {
        self.query_opt(what, sql, params)?.ok_or_else(|| StoreError::Backend {
            what,
            message: "the query returned no row".into(),
        })
    }

    /// Runs an `INSERT … RETURNING id` and returns the id.
    fn insert(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<i64> {
        self.query_one(what, sql, params)?.i64(0)
    }

    /// Whether a query returns any row.
    fn exists(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<bool> {
        Ok(self.query_opt(what, sql, params)?.is_some())
    }

    /// Writes many rows into `table` by the backend's bulk path, in order, each row the
    /// values of `columns`: `Ok(false)` when the backend has none (SQLite, whose
    /// multi-row INSERTs the caller then runs) and nothing was written. The table's
    /// constraints hold as for an INSERT.
    fn copy_rows(
        &mut self,
        _what: &'static str,
        _table: &str,
        _columns: &[&str],
        _rows: &mut dyn Iterator<Item = Vec<P<'_>>>,
    ) -> Result<bool> {
        Ok(false)
    }
}

/// One value in PostgreSQL's COPY text format: `\N` for NULL, text with backslash, tab,
/// line feed and carriage return escaped.
pub(crate) fn copy_text(value: &P<'_>, out: &mut String) {
    use std::fmt::Write as _;
    match value {
        P::Null => out.push_str("\\N"),
        P::I(i) => {
            let _ = write!(out, "{i}");
        }
        // Rust writes the shortest text that reads back as the same number.
        P::F(f) => {
            let _ = write!(out, "{f}");
        }
        P::T(t) => {
            for ch in t.chars() {
                match ch {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

/// Turns `?N` placeholders into PostgreSQL's `$N` (the SQL of this crate has no `?` inside
/// string literals).
pub(crate) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_renumbered_for_postgres() {
        assert_eq!(
            dollar_placeholders("SELECT a FROM t WHERE b = ?1 AND (CAST(?12 AS TEXT) IS NULL OR c = ?12)"),
            "SELECT a FROM t WHERE b = $1 AND (CAST($12 AS TEXT) IS NULL OR c = $12)"
        );
    }

    #[test]
    fn rows_refuse_wrong_types_instead_of_panicking() {
        let r = Row(vec![V::I(3), V::T("x".into()), V::Null, V::F(1.5)]);
        assert_eq!(r.i64(0).unwrap(), 3);
        assert_eq!(r.f64(0).unwrap(), 3.0);
        assert!(r.text(0).is_err());
        assert_eq!(r.opt_i64(2).unwrap(), None);
        assert!(r.i64(2).is_err());
        assert!(r.i64(9).is_err());
        assert_eq!(r.f64(3).unwrap(), 1.5);
        assert!(r.code(1, "kind", |_| None::<u8>).is_err());
    }
}
