//! Embedded, versioned migrations of the PostgreSQL schema, each in its own transaction.

use postgres::Client;

use super::pg_err;
use crate::{Result, StoreError};

/// The migrations of the PostgreSQL schema: (version, name, SQL), in order, the same
/// versions and names as [`crate::sqlite::MIGRATIONS`]. New versions are appended, never
/// edited.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../../migrations/postgres/0001_init.sql")),
    (
        2,
        "accounts",
        include_str!("../../migrations/postgres/0002_accounts.sql"),
    ),
    (
        3,
        "commitments",
        include_str!("../../migrations/postgres/0003_commitments.sql"),
    ),
    (4, "devices", include_str!("../../migrations/postgres/0004_devices.sql")),
];

/// The newest version this build knows.
fn known() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// The version recorded in `schema_migrations`.
fn version(c: &mut impl postgres::GenericClient) -> Result<i64> {
    c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])
        .map_err(|e| pg_err("reading the schema version", e))?
        .try_get::<_, i64>(0)
        .map_err(|e| pg_err("reading the schema version", e))
}

/// Applies every migration newer than the database's version. Each runs in one
/// transaction holding an exclusive lock on `schema_migrations`, so two processes starting
/// on a new database at once apply each migration once.
pub(super) fn migrate(client: &mut Client) -> Result<()> {
    let create = "CREATE TABLE IF NOT EXISTS schema_migrations (
        version    BIGINT PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )";
    // Two processes creating the table at the very same moment can collide in the catalog;
    // the loser finds it made on its second try.
    if client.batch_execute(create).is_err() {
        client
            .batch_execute(create)
            .map_err(|e| pg_err("creating schema_migrations", e))?;
    }
    for &(number, name, sql) in MIGRATIONS {
        let fail = |e: postgres::Error| StoreError::Migration {
            version: number,
            name: name.to_owned(),
            message: pg_err("migrating", e).to_string(),
        };
        let mut tx = client.transaction().map_err(fail)?;
        tx.batch_execute("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            .map_err(fail)?;
        if version(&mut tx)? >= number {
            tx.commit().map_err(fail)?;
            continue;
        }
        tx.batch_execute(sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[&number, &name, &crate::time::now()],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    let found = version(client)?;
    if found > known() {
        return Err(StoreError::SchemaTooNew { found, known: known() });
    }
    Ok(())
}
