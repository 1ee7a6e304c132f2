//! The PostgreSQL backend: a shared server for a city's many users.
//!
//! The same logic and SQL as SQLite run here (`crate::ops` over the crate's small SQL interface); this module
//! only supplies connections, transactions and migrations. Plain PostgreSQL without
//! extensions, so compatible servers (openGauss, KingbaseES) serve too.
//!
//! - A small pool of connections (each a `postgres::Client` with its own prepared
//!   statements) serves the web's concurrent requests; a call borrows one connection for
//!   one transaction.
//! - Every write is one `READ COMMITTED` transaction that first takes
//!   `LOCK TABLE pledge_writer IN EXCLUSIVE MODE`: writers run one at a time, as on SQLite,
//!   so check-then-write logic (is this observation new or a correction?) never races, and
//!   each statement of a writer sees everything committed before it. Readers are never
//!   blocked: every read is one `REPEATABLE READ, READ ONLY` transaction, one snapshot.
//! - Bookkeeping that is one statement on one row (a token's last use, a session's last
//!   sight, a login attempt) skips the writer lock, so authentication never waits for an
//!   import.
//! - Connection errors name the server with any password masked.

mod migrate;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Condvar, Mutex, MutexGuard};

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Config, IsolationLevel, NoTls, Statement, Transaction};

use crate::ops::{self, Engine};
use crate::sql::{Db, P, Row, V, dollar_placeholders};
use crate::{Backend, Result, StoreError, mask_password};

pub use migrate::MIGRATIONS;

/// Connections a store opens at most, unless told otherwise.
pub const DEFAULT_POOL_SIZE: usize = 8;

/// A [`Store`](crate::Store) on a PostgreSQL (or compatible) server.
pub struct PostgresStore {
    /// The URL with any password masked (for messages).
    url: String,
    /// The connection pool.
    pool: Pool,
}

impl fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresStore")
            .field("url", &self.url)
            .field("pool_size", &self.pool.max)
            .finish()
    }
}

impl PostgresStore {
    /// Connects to the database a `postgres://` URL names (libpq URL syntax:
    /// `postgres://user:password@host:port/dbname?sslmode=disable`, or `host=/socket/dir`
    /// for a Unix socket), applies pending migrations, and keeps up to
    /// [`DEFAULT_POOL_SIZE`] connections. TLS is not supported: use a local or tunnelled
    /// connection.
    pub fn open(url: &str) -> Result<PostgresStore> {
        PostgresStore::open_with_pool_size(url, DEFAULT_POOL_SIZE)
    }

    /// [`PostgresStore::open`] with at most `max_connections` connections (at least one).
    pub fn open_with_pool_size(url: &str, max_connections: usize) -> Result<PostgresStore> {
        let masked = mask_password(url);
        let config: Config = url.parse().map_err(|e: postgres::Error| StoreError::Open {
            path: masked.clone(),
            message: e.to_string(),
        })?;
        let pool = Pool {
            config,
            url: masked.clone(),
            max: max_connections.max(1),
            state: Mutex::new(PoolState::default()),
            available: Condvar::new(),
        };
        {
            let mut lease = pool.get()?;
            let migrated = migrate::migrate(&mut lease.conn().client);
            if migrated.is_err() {
                lease.discard();
            }
            migrated?;
            // The migration may have changed the tables the cached statements describe.
            lease.conn().statements.clear();
        }
        Ok(PostgresStore { url: masked, pool })
    }

    /// The URL the store was opened with, password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs `f` in one transaction on a pooled connection; `lock` takes the writer lock
    /// first.
    fn transaction<T>(
        &self,
        what: &'static str,
        isolation: IsolationLevel,
        read_only: bool,
        lock: bool,
        f: impl FnOnce(&mut dyn Db) -> Result<T>,
    ) -> Result<T> {
        let mut lease = self.pool.get()?;
        let result = {
            let conn = lease.conn();
            run(conn, what, isolation, read_only, lock, f)
        };
        if result.is_err() && lease.conn().client.is_closed() {
            lease.discard();
        }
        result
    }
}

/// The body of [`PostgresStore::transaction`] on one connection.
fn run<T>(
    conn: &mut Conn,
    what: &'static str,
    isolation: IsolationLevel,
    read_only: bool,
    lock: bool,
    f: impl FnOnce(&mut dyn Db) -> Result<T>,
) -> Result<T> {
    let mut tx = conn
        .client
        .build_transaction()
        .isolation_level(isolation)
        .read_only(read_only)
        .start()
        .map_err(|e| pg_err(what, e))?;
    if lock {
        tx.batch_execute("LOCK TABLE pledge_writer IN EXCLUSIVE MODE")
            .map_err(|e| pg_err(what, e))?;
    }
    let out = f(&mut PgDb {
        tx: &mut tx,
        statements: &mut conn.statements,
    })?;
    tx.commit().map_err(|e| pg_err(what, e))?;
    Ok(out)
}

impl Engine for PostgresStore {
    fn engine_backend(&self) -> Backend {
        Backend::Postgres
    }

    fn engine_schema_version(&self) -> Result<i64> {
        self.read("reading the schema version", |c| {
            c.query_one(
                "reading the schema version",
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )?
            .i64(0)
        })
    }

    fn engine_integrity_check(&self) -> Result<Vec<String>> {
        // PostgreSQL enforces foreign keys and checks pages itself; what is left are the
        // rules the schema cannot express.
        self.read("integrity check", ops::logical_checks)
    }

    fn write<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.transaction(what, IsolationLevel::ReadCommitted, false, true, f)
    }

    fn write_light<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.transaction(what, IsolationLevel::ReadCommitted, false, false, f)
    }

    fn read<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.transaction(what, IsolationLevel::RepeatableRead, true, false, f)
    }
}

/// Maps a PostgreSQL error to a [`StoreError`]: integrity violations (SQLSTATE class 23)
/// are [`StoreError::Constraint`], like SQLite's constraint errors.
pub(crate) fn pg_err(what: &'static str, e: postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => {
            let mut message = db.message().to_owned();
            if let Some(detail) = db.detail() {
                message.push_str(" (");
                message.push_str(detail);
                message.push(')');
            }
            if db.code().code().starts_with("23") {
                StoreError::Constraint { what, message }
            } else {
                StoreError::Backend { what, message }
            }
        }
        None => StoreError::Backend {
            what,
            message: e.to_string(),
        },
    }
}

/// One pooled connection and the statements prepared on it (by the crate's `?N` SQL).
struct Conn {
    /// The connection.
    client: Client,
    /// Prepared statements, by the SQL text the shared logic passes.
    statements: HashMap<String, Statement>,
}

/// Idle connections and how many are open.
#[derive(Default)]
struct PoolState {
    /// Connections ready for use.
    idle: Vec<Conn>,
    /// Connections open (idle or leased, plus ones being opened).
    open: usize,
}

/// A small blocking connection pool: at most `max` connections, opened on demand and
/// reused; a caller waits when all are in use.
struct Pool {
    /// Where to connect.
    config: Config,
    /// The masked URL, for messages.
    url: String,
    /// The most connections to open.
    max: usize,
    /// Idle connections and the count.
    state: Mutex<PoolState>,
    /// Signalled when a connection is returned or closed.
    available: Condvar,
}

impl Pool {
    /// The pool state, even if a thread panicked while holding it (the state stays
    /// consistent: every change is one assignment).
    fn state(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Borrows a connection, opening one if none is idle and fewer than `max` are open,
    /// else waiting for one to be returned.
    fn get(&self) -> Result<Lease<'_>> {
        let mut state = self.state();
        loop {
            if let Some(conn) = state.idle.pop() {
                if conn.client.is_closed() {
                    state.open -= 1;
                    continue;
                }
                return Ok(Lease {
                    pool: self,
                    conn: Some(conn),
                });
            }
            if state.open < self.max {
                state.open += 1;
                drop(state);
                return match self.config.connect(NoTls) {
                    Ok(client) => Ok(Lease {
                        pool: self,
                        conn: Some(Conn {
                            client,
                            statements: HashMap::new(),
                        }),
                    }),
                    Err(e) => {
                        self.state().open -= 1;
                        self.available.notify_one();
                        Err(StoreError::Open {
                            path: self.url.clone(),
                            message: e.to_string(),
                        })
                    }
                };
            }
            state = self.available.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// A connection borrowed from the pool, returned when dropped.
struct Lease<'a> {
    /// The pool it goes back to.
    pool: &'a Pool,
    /// The connection (taken out by [`Lease::discard`]).
    conn: Option<Conn>,
}

impl Lease<'_> {
    /// The connection.
    fn conn(&mut self) -> &mut Conn {
        self.conn.as_mut().expect("a lease holds its connection until dropped")
    }

    /// Closes the connection instead of returning it (after a failure that may have left
    /// it unusable).
    fn discard(&mut self) {
        if self.conn.take().is_some() {
            self.pool.state().open -= 1;
            self.pool.available.notify_one();
        }
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut state = self.pool.state();
            if conn.client.is_closed() {
                state.open -= 1;
            } else {
                state.idle.push(conn);
            }
            drop(state);
            self.pool.available.notify_one();
        }
    }
}

/// One open PostgreSQL transaction, as the shared logic sees it.
struct PgDb<'a, 'c> {
    /// The transaction.
    tx: &'a mut Transaction<'c>,
    /// The connection's prepared statements.
    statements: &'a mut HashMap<String, Statement>,
}

impl PgDb<'_, '_> {
    /// The prepared statement for `sql`, preparing it on first use.
    fn statement(&mut self, what: &'static str, sql: &str) -> Result<Statement> {
        if let Some(st) = self.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = self
            .tx
            .prepare(&dollar_placeholders(sql))
            .map_err(|e| pg_err(what, e))?;
        self.statements.insert(sql.to_owned(), st.clone());
        Ok(st)
    }
}

/// Parameters as the `postgres` crate takes them.
fn refs<'a>(params: &'a [P<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Db for PgDb<'_, '_> {
    fn exec(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<u64> {
        let st = self.statement(what, sql)?;
        self.tx.execute(&st, &refs(params)).map_err(|e| pg_err(what, e))
    }

    fn query(&mut self, what: &'static str, sql: &str, params: &[P<'_>]) -> Result<Vec<Row>> {
        let st = self.statement(what, sql)?;
        let rows = self.tx.query(&st, &refs(params)).map_err(|e| pg_err(what, e))?;
        rows.iter().map(|r| read_row(what, r)).collect()
    }

    /// `COPY … FROM STDIN` in text format, a buffer of lines at a time: a million rows as
    /// 256-row INSERTs took 35 s against 2.5 s for COPY of the same CSV.
    fn copy_rows(
        &mut self,
        what: &'static str,
        table: &str,
        columns: &[&str],
        rows: &mut dyn Iterator<Item = Vec<P<'_>>>,
    ) -> Result<bool> {
        use std::io::Write as _;
        let io = |e: std::io::Error| StoreError::Backend {
            what,
            message: e.to_string(),
        };
        let mut writer = self
            .tx
            .copy_in(format!("COPY {table} ({}) FROM STDIN", columns.join(", ")).as_str())
            .map_err(|e| pg_err(what, e))?;
        let mut buffer = String::with_capacity(1 << 16);
        for row in rows {
            for (k, value) in row.iter().enumerate() {
                if k > 0 {
                    buffer.push('\t');
                }
                crate::sql::copy_text(value, &mut buffer);
            }
            buffer.push('\n');
            if buffer.len() >= 1 << 16 {
                writer.write_all(buffer.as_bytes()).map_err(io)?;
                buffer.clear();
            }
        }
        writer.write_all(buffer.as_bytes()).map_err(io)?;
        writer.finish().map_err(|e| pg_err(what, e))?;
        Ok(true)
    }
}

/// Converts a result row into plain values.
fn read_row(what: &'static str, r: &postgres::Row) -> Result<Row> {
    let get_err = |e: postgres::Error| StoreError::Corrupt {
        what,
        message: e.to_string(),
    };
    let mut values = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            r.try_get::<_, Option<i64>>(i).map_err(get_err)?.map(V::I)
        } else if *ty == Type::INT4 {
            r.try_get::<_, Option<i32>>(i).map_err(get_err)?.map(|v| V::I(v.into()))
        } else if *ty == Type::INT2 {
            r.try_get::<_, Option<i16>>(i).map_err(get_err)?.map(|v| V::I(v.into()))
        } else if *ty == Type::FLOAT8 {
            r.try_get::<_, Option<f64>>(i).map_err(get_err)?.map(V::F)
        } else if *ty == Type::FLOAT4 {
            r.try_get::<_, Option<f32>>(i).map_err(get_err)?.map(|v| V::F(v.into()))
        } else if *ty == Type::BOOL {
            r.try_get::<_, Option<bool>>(i)
                .map_err(get_err)?
                .map(|v| V::I(v.into()))
        } else if <String as postgres::types::FromSql>::accepts(ty) {
            r.try_get::<_, Option<String>>(i).map_err(get_err)?.map(V::T)
        } else {
            return Err(StoreError::Corrupt {
                what,
                message: format!("column {} has the unexpected type {ty}", col.name()),
            });
        };
        values.push(v.unwrap_or(V::Null));
    }
    Ok(Row(values))
}

impl ToSql for P<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            P::Null => Ok(IsNull::Yes),
            P::I(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::FLOAT8 => (v as f64).to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                _ => Err(format!("cannot pass an integer as {ty}").into()),
            },
            P::F(v) => match *ty {
                Type::FLOAT8 => v.to_sql(ty, out),
                _ => Err(format!("cannot pass a number as {ty}").into()),
            },
            P::T(s) => {
                if <&str as ToSql>::accepts(ty) {
                    s.to_sql(ty, out)
                } else {
                    Err(format!("cannot pass text as {ty}").into())
                }
            }
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}
