//! The SQLite backend: one file, WAL journal, foreign keys on, embedded migrations.
//!
//! One connection behind a mutex serves all threads: SQLite has one writer at a time
//! anyway, and the work per call is short. Every write method runs in one `BEGIN IMMEDIATE`
//! transaction (so it never fails half-way on a lock upgrade) and writes its audit entry
//! inside it; `synchronous = FULL` makes a commit durable, and an uncommitted transaction
//! of a killed process is rolled back when the file is next opened.

mod migrate;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::ops::{self, Engine};
use crate::sql::{Db, P, Row, V};
use crate::{Backend, Result, StoreError};

pub use migrate::MIGRATIONS;

/// How long a write waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A [`Store`](crate::Store) in an SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    /// The path as given (for messages).
    path: String,
    /// The one connection.
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (creating if missing) the SQLite file at `path`, configures it (WAL, foreign
    /// keys, busy timeout, `synchronous = FULL`, a 64 MiB page cache) and applies pending migrations.
    /// `:memory:` gives a private in-memory database (for quick tests).
    pub fn open(path: &str) -> Result<SqliteStore> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_owned(),
            message: e.to_string(),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        if path != ":memory:" {
            let mode: String = conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(open_err)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Open {
                    path: path.to_owned(),
                    message: format!("could not switch to WAL journal (got {mode})"),
                });
            }
        }
        // A 64 MiB page cache keeps the indexes of a large import in memory, and the
        // statement journals of its many-row inserts stay in memory too (in a temporary
        // file they were a quarter of a million-row import's time).
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; \
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(open_err)?;
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .map_err(open_err)?;
        if fk != 1 {
            return Err(StoreError::Open {
                path: path.to_owned(),
                message: "this SQLite build cannot enforce foreign keys".into(),
            });
        }
        conn.set_prepared_statement_cache_capacity(256);
        migrate::migrate(&mut conn)?;
        Ok(SqliteStore {
            path: path.to_owned(),
            conn: Mutex::new(conn),
        })
    }

    /// Sets the page cache to `kib` KiB (default 64 MiB): less memory on a small machine,
    /// or (in tests) a cache small enough that a large transaction spills to the WAL file
    /// before it commits.
    pub fn set_cache_size_kib(&self, kib: u32) -> Result<()> {
        self.lock()?
            .execute_batch(&format!("PRAGMA cache_size = -{kib}"))
            .ctx("setting the cache size")
    }

    /// The path the store was opened with.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The connection, for this module's functions.
    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| StoreError::Backend {
            what: "locking the connection",
            message: "a thread panicked while holding it".into(),
        })
    }

    /// Runs `f` in one transaction of the given behaviour, committed when `f` returns `Ok`.
    fn transaction<T>(
        &self,
        what: &'static str,
        behavior: TransactionBehavior,
        f: impl FnOnce(&mut dyn Db) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(behavior).ctx(what)?;
        let out = f(&mut SqliteDb(&tx))?;
        tx.commit().ctx(what)?;
        Ok(out)
    }
}

/// One open SQLite transaction, as the shared logic sees it.
struct SqliteDb<'a>(&'a Connection);

impl rusqlite::ToSql for P<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            P::Null => ToSqlOutput::Owned(Value::Null),
            P::I(v) => ToSqlOutput::Owned(Value::Integer(v)),
            P::F(v) => ToSqlOutput::Owned(Value::Real(v)),
            P::T(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl Db for SqliteDb<'_> {
    fn exec(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<u64> {
        let mut st = self.0.prepare_cached(sql).ctx(what)?;
        let n = st.execute(rusqlite::params_from_iter(params)).ctx(what)?;
        Ok(n as u64)
    }

    fn query(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<Vec<Row>> {
        let mut st = self.0.prepare_cached(sql).ctx(what)?;
        let width = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(params)).ctx(what)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().ctx(what)? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(match r.get_ref(i).ctx(what)? {
                    ValueRef::Null => V::Null,
                    ValueRef::Integer(v) => V::I(v),
                    ValueRef::Real(v) => V::F(v),
                    ValueRef::Text(t) => V::T(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(_) => {
                        return Err(StoreError::Corrupt {
                            what,
                            message: format!("column {i} holds a blob"),
                        });
                    }
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }
}

/// Adds the operation's name to rusqlite errors, and sorts out constraint violations.
pub(crate) trait Ctx<T> {
    /// Maps the error to a [`StoreError`] naming `what` failed.
    fn ctx(self, what: &'static str) -> Result<T>;
}

impl<T> Ctx<T> for rusqlite::Result<T> {
    fn ctx(self, what: &'static str) -> Result<T> {
        self.map_err(|e| map_err(what, e))
    }
}

/// Maps a rusqlite error to a [`StoreError`].
pub(crate) fn map_err(what: &'static str, e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) if f.code == ErrorCode::ConstraintViolation => StoreError::Constraint {
            what,
            message: msg.clone().unwrap_or_else(|| e.to_string()),
        },
        _ => StoreError::Backend {
            what,
            message: e.to_string(),
        },
    }
}

impl Engine for SqliteStore {
    fn engine_backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn engine_schema_version(&self) -> Result<i64> {
        migrate::version(&*self.lock()?)
    }

    fn engine_integrity_check(&self) -> Result<Vec<String>> {
        let mut problems = {
            let c = self.lock()?;
            let mut problems = Vec::new();
            let mut st = c.prepare("PRAGMA integrity_check").ctx("integrity check")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0)).ctx("integrity check")?;
            for r in rows {
                let r = r.ctx("integrity check")?;
                if r != "ok" {
                    problems.push(r);
                }
            }
            let mut st = c.prepare("PRAGMA foreign_key_check").ctx("foreign key check")?;
            let rows = st
                .query_map([], |r| {
                    Ok(format!(
                        "{} row {} refers to a missing {} row",
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?.unwrap_or(-1),
                        r.get::<_, String>(2)?
                    ))
                })
                .ctx("foreign key check")?;
            for r in rows {
                problems.push(r.ctx("foreign key check")?);
            }
            problems
        };
        problems.extend(self.read("integrity check", ops::logical_checks)?);
        Ok(problems)
    }

    fn write<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.transaction(what, TransactionBehavior::Immediate, f)
    }

    fn read<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.transaction(what, TransactionBehavior::Deferred, f)
    }
}
