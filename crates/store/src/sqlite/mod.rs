//! The SQLite backend: one file, WAL journal, foreign keys on, embedded migrations.
//!
//! One connection behind a mutex serves all threads: SQLite has one writer at a time
//! anyway, and the work per call is short. Every write method runs in one `BEGIN IMMEDIATE`
//! transaction (so it never fails half-way on a lock upgrade) and writes its audit entry
//! inside it; `synchronous = FULL` makes a commit durable, and an uncommitted transaction
//! of a killed process is rolled back when the file is next opened.

mod audit;
mod documents;
mod facts;
mod indicators;
mod migrate;
mod observations;
mod plans;
mod regions;
mod targets;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use serde::Serialize;

use crate::{
    Acceptance, Accepted, Added, AuditEntry, AuditFilter, Backend, Counts, Document, DocumentId, DocumentInfo,
    FactFilter, FactId, FactRecord, ImportSummary, Indicator, IndicatorId, NewDocument, NewFact, NewIndicator,
    NewObservation, NewPlan, NewRegion, NewTarget, ObservationFilter, ObservationId, ObservationRecord, Plan, PlanId,
    Recorded, Region, RegionId, Result, Store, StoreError, TargetFilter, TargetId, TargetRecord,
    TargetWithObservations, UpsertSummary,
};

pub use migrate::MIGRATIONS;

/// How long a write waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A [`Store`] in an SQLite file.
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
        // A 64 MiB page cache keeps the indexes of a large import in memory.
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;")
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
        conn.set_prepared_statement_cache_capacity(64);
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

    /// Runs `f` in one immediate transaction, committed when `f` returns `Ok`.
    fn write<T>(&self, what: &'static str, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(what)?;
        let out = f(&tx)?;
        tx.commit().ctx(what)?;
        Ok(out)
    }

    /// Runs `f` on the connection (reads; a read sees one consistent snapshot when `f`
    /// runs a single statement, and `read_tx` gives several statements one snapshot).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&conn)
    }

    /// Runs `f` in a deferred (read) transaction so several statements see one snapshot.
    fn read_tx<T>(&self, what: &'static str, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .ctx(what)?;
        let out = f(&tx)?;
        tx.commit().ctx(what)?;
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

/// A conversion failure for a stored code, as a rusqlite error (for row mappers).
pub(crate) fn bad_code(idx: usize, what: &str, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        format!("unknown {what} code {code:?}").into(),
    )
}

/// Reads column `idx` as text and parses it with `parse`.
pub(crate) fn code<T>(
    row: &rusqlite::Row<'_>,
    idx: usize,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| bad_code(idx, what, &s))
}

/// Reads an optional code column.
pub(crate) fn opt_code<T>(
    row: &rusqlite::Row<'_>,
    idx: usize,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let s: Option<String> = row.get(idx)?;
    match s {
        None => Ok(None),
        Some(s) => parse(&s).map(Some).ok_or_else(|| bad_code(idx, what, &s)),
    }
}

/// Reads a span from two nullable integer columns.
pub(crate) fn span(row: &rusqlite::Row<'_>, start: usize) -> rusqlite::Result<Option<[usize; 2]>> {
    let a: Option<i64> = row.get(start)?;
    let b: Option<i64> = row.get(start + 1)?;
    Ok(match (a, b) {
        (Some(a), Some(b)) => Some([a as usize, b as usize]),
        _ => None,
    })
}

/// Writes one audit entry.
pub(crate) fn write_audit(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&dyn ErasedJson>,
    after: Option<&dyn ErasedJson>,
) -> Result<()> {
    let before = before.map(|b| b.json()).transpose()?;
    let after = after.map(|a| a.json()).transpose()?;
    conn.prepare_cached(
        "INSERT INTO audit (at, actor, action, entity, entity_id, before_json, after_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut st| {
        st.execute(rusqlite::params![
            crate::time::now(),
            actor,
            action,
            entity,
            entity_id,
            before,
            after
        ])
    })
    .ctx("writing the audit log")?;
    Ok(())
}

/// Anything that serializes to JSON, as a trait object (for [`write_audit`]).
pub(crate) trait ErasedJson {
    /// The value as JSON text.
    fn json(&self) -> Result<String>;
}

impl<T: Serialize> ErasedJson for T {
    fn json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| StoreError::Backend {
            what: "serializing an audit record",
            message: e.to_string(),
        })
    }
}

/// Refuses an empty actor: every write must say who made it.
pub(crate) fn check_actor(actor: &str) -> Result<()> {
    if actor.trim().is_empty() {
        Err(StoreError::Invalid(
            "every write needs an actor (who is making it)".into(),
        ))
    } else {
        Ok(())
    }
}

impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn schema_version(&self) -> Result<i64> {
        self.read(migrate::version)
    }

    fn integrity_check(&self) -> Result<Vec<String>> {
        self.read(|c| {
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
            Ok(problems)
        })
    }

    fn counts(&self) -> Result<Counts> {
        self.read_tx("counting rows", |c| {
            let n = |sql: &str| -> Result<u64> {
                c.query_row(sql, [], |r| r.get::<_, i64>(0))
                    .map(|n| n as u64)
                    .ctx("counting rows")
            };
            Ok(Counts {
                regions: n("SELECT COUNT(*) FROM regions")?,
                indicators: n("SELECT COUNT(*) FROM indicators")?,
                indicator_aliases: n("SELECT COUNT(*) FROM indicator_aliases")?,
                documents: n("SELECT COUNT(*) FROM documents")?,
                plans: n("SELECT COUNT(*) FROM plans")?,
                targets: n("SELECT COUNT(*) FROM targets")?,
                observations: n("SELECT COUNT(*) FROM observations")?,
                current_observations: n("SELECT COUNT(*) FROM observations WHERE is_current = 1")?,
                imports: n("SELECT COUNT(*) FROM imports")?,
                facts: n("SELECT COUNT(*) FROM facts")?,
                audit: n("SELECT COUNT(*) FROM audit")?,
            })
        })
    }

    fn upsert_regions(&self, rows: &[NewRegion], actor: &str) -> Result<UpsertSummary> {
        check_actor(actor)?;
        self.write("upserting regions", |c| regions::upsert(c, rows, actor))
    }

    fn region(&self, id: RegionId) -> Result<Option<Region>> {
        self.read_tx("reading a region", |c| regions::get(c, id))
    }

    fn regions(&self) -> Result<Vec<Region>> {
        self.read_tx("listing regions", regions::all)
    }

    fn find_regions(&self, name: &str) -> Result<Vec<Region>> {
        self.read_tx("finding regions", |c| regions::find(c, name))
    }

    fn region_ancestors(&self, id: RegionId) -> Result<Vec<Region>> {
        self.read_tx("reading region ancestors", |c| regions::ancestors(c, id))
    }

    fn upsert_indicators(&self, rows: &[NewIndicator], actor: &str) -> Result<UpsertSummary> {
        check_actor(actor)?;
        self.write("upserting indicators", |c| indicators::upsert(c, rows, actor))
    }

    fn indicator(&self, id: IndicatorId) -> Result<Option<Indicator>> {
        self.read_tx("reading an indicator", |c| indicators::get(c, id))
    }

    fn indicators(&self) -> Result<Vec<Indicator>> {
        self.read_tx("listing indicators", indicators::all)
    }

    fn find_indicator(&self, name: &str) -> Result<Option<Indicator>> {
        self.read_tx("finding an indicator", |c| indicators::find(c, name))
    }

    fn add_document(&self, document: &NewDocument, actor: &str) -> Result<Added<DocumentId>> {
        check_actor(actor)?;
        self.write("adding a document", |c| documents::add(c, document, actor))
    }

    fn document(&self, id: DocumentId) -> Result<Option<Document>> {
        self.read(|c| documents::get(c, "id", &id))
    }

    fn document_by_sha256(&self, sha256: &str) -> Result<Option<Document>> {
        self.read(|c| documents::get(c, "sha256", &sha256.to_ascii_lowercase()))
    }

    fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.read(documents::all)
    }

    fn add_plan(&self, plan: &NewPlan, actor: &str) -> Result<PlanId> {
        check_actor(actor)?;
        self.write("adding a plan", |c| plans::add(c, plan, actor))
    }

    fn plan(&self, id: PlanId) -> Result<Option<Plan>> {
        self.read(|c| plans::get(c, id))
    }

    fn plans(&self) -> Result<Vec<Plan>> {
        self.read(plans::all)
    }

    fn add_target(&self, target: &NewTarget, actor: &str) -> Result<TargetId> {
        check_actor(actor)?;
        self.write("adding a target", |c| targets::add(c, target, actor))
    }

    fn update_target(&self, id: TargetId, target: &NewTarget, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("updating a target", |c| targets::update(c, id, target, actor))
    }

    fn delete_target(&self, id: TargetId, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("deleting a target", |c| targets::delete(c, id, actor))
    }

    fn target(&self, id: TargetId) -> Result<Option<TargetRecord>> {
        self.read_tx("reading a target", |c| targets::get(c, id))
    }

    fn targets(&self, filter: &TargetFilter) -> Result<Vec<TargetRecord>> {
        self.read_tx("listing targets", |c| targets::list(c, filter))
    }

    fn record_observation(&self, observation: &NewObservation, actor: &str) -> Result<Recorded> {
        check_actor(actor)?;
        self.write("recording an observation", |c| {
            observations::record_alone(c, observation, actor)
        })
    }

    fn import_observations_with_progress(
        &self,
        rows: &[NewObservation],
        actor: &str,
        progress: &dyn Fn(usize),
    ) -> Result<ImportSummary> {
        check_actor(actor)?;
        if rows.is_empty() {
            return Ok(ImportSummary::default());
        }
        self.write("importing observations", |c| {
            observations::import(c, rows, actor, progress)
        })
    }

    fn observation(&self, id: ObservationId) -> Result<Option<ObservationRecord>> {
        self.read(|c| observations::get(c, id))
    }

    fn observations(&self, filter: &ObservationFilter) -> Result<Vec<ObservationRecord>> {
        self.read(|c| observations::list(c, filter))
    }

    fn observation_history(&self, id: ObservationId) -> Result<Vec<ObservationRecord>> {
        self.read_tx("reading observation history", |c| observations::history(c, id))
    }

    fn add_facts(&self, document: DocumentId, facts: &[NewFact], actor: &str) -> Result<Vec<FactId>> {
        check_actor(actor)?;
        self.write("adding facts", |c| facts::add(c, document, facts, actor))
    }

    fn fact(&self, id: FactId) -> Result<Option<FactRecord>> {
        self.read(|c| facts::get(c, id))
    }

    fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRecord>> {
        self.read(|c| facts::list(c, filter))
    }

    fn accept_fact(&self, id: FactId, how: &Acceptance, actor: &str) -> Result<Accepted> {
        check_actor(actor)?;
        self.write("accepting a fact", |c| facts::accept(c, id, how, actor))
    }

    fn reject_fact(&self, id: FactId, note: &str, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("rejecting a fact", |c| facts::reject(c, id, note, actor))
    }

    fn targets_with_observations(&self, filter: &TargetFilter) -> Result<Vec<TargetWithObservations>> {
        self.read_tx("reading targets with observations", |c| {
            let targets = targets::list(c, filter)?;
            let mut out = Vec::with_capacity(targets.len());
            for target in targets {
                let observations = observations::list(
                    c,
                    &ObservationFilter {
                        region: Some(target.region),
                        indicator: Some(target.indicator),
                        year: None,
                        include_history: false,
                    },
                )?;
                out.push(TargetWithObservations { target, observations });
            }
            Ok(out)
        })
    }

    fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.read(|c| audit::list(c, filter))
    }
}
