//! Embedded, versioned migrations, each applied in its own transaction.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::Ctx;
use crate::{Result, StoreError};

/// The migrations of the SQLite schema: (version, name, SQL), in order. A database records
/// the versions applied in `schema_migrations`; new versions are appended, never edited.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../../migrations/sqlite/0001_init.sql")),
    (2, "accounts", include_str!("../../migrations/sqlite/0002_accounts.sql")),
    (
        3,
        "commitments",
        include_str!("../../migrations/sqlite/0003_commitments.sql"),
    ),
    (4, "devices", include_str!("../../migrations/sqlite/0004_devices.sql")),
];

/// The newest version this build knows.
fn known() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// The version of the schema in the database (0 for a new file).
pub(super) fn version(conn: &Connection) -> Result<i64> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ctx("reading the schema version")?;
    if has_table.is_none() {
        return Ok(0);
    }
    conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| {
        r.get(0)
    })
    .ctx("reading the schema version")
}

/// Applies every migration newer than the database's version, each in one immediate
/// transaction (two processes opening a new file at once apply each migration once).
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    for &(number, name, sql) in MIGRATIONS {
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version: number,
            name: name.to_owned(),
            message: e.to_string(),
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let current = version(&tx)?;
        if current >= number {
            tx.commit().map_err(fail)?;
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TEXT NOT NULL
             )",
        )
        .map_err(fail)?;
        tx.execute_batch(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![number, name, crate::time::now()],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    let found = version(conn)?;
    if found > known() {
        return Err(StoreError::SchemaTooNew { found, known: known() });
    }
    Ok(())
}
