//! The contract on SQLite files, and what only SQLite has: files, pragmas, migrations.

use std::ops::Deref;

use pledge_store::{SqliteStore, Store, StoreError};
use tempfile::TempDir;

use crate::contract::{many, seed};

/// A fresh SQLite store in its own temporary directory (removed on drop).
pub struct Fresh {
    store: Box<dyn Store>,
    _dir: TempDir,
}

impl Deref for Fresh {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        &*self.store
    }
}

/// Opens a new database through the public URL entry point.
pub fn fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("pledge.db").display());
    Fresh {
        store: pledge_store::open(&url).unwrap(),
        _dir: dir,
    }
}

contract_tests!(fresh);

#[test]
fn reopening_a_file_keeps_everything_and_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    let path = path.to_str().unwrap();
    let before = {
        let store = pledge_store::open(path).unwrap();
        let ids = seed(&*store);
        store.import_observations(&many(&ids, 50), "reporter").unwrap();
        store.counts().unwrap()
    };
    let store = pledge_store::open(&format!("sqlite://{path}")).unwrap();
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(
        store.schema_version().unwrap(),
        pledge_store::sqlite::MIGRATIONS.len() as i64
    );
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);
    let raw = rusqlite::Connection::open(path).unwrap();
    let applied: i64 = raw
        .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, pledge_store::sqlite::MIGRATIONS.len() as i64);
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "WAL is a property of the file and persists");
}

#[test]
fn the_audit_log_and_observations_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    {
        let store = SqliteStore::open(path.to_str().unwrap()).unwrap();
        let ids = seed(&store);
        store.import_observations(&many(&ids, 3), "reporter").unwrap();
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE audit SET actor = 'someone else'",
        "DELETE FROM audit",
        "DELETE FROM observations",
    ] {
        let err = raw.execute(sql, []).unwrap_err();
        assert!(
            err.to_string().contains("never") || err.to_string().contains("append-only"),
            "{sql}: {err}"
        );
    }
}

#[test]
fn a_database_from_a_newer_pledge_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    drop(SqliteStore::open(path.to_str().unwrap()).unwrap());
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
        [],
    )
    .unwrap();
    drop(raw);
    match SqliteStore::open(path.to_str().unwrap()) {
        Err(StoreError::SchemaTooNew { found: 999, .. }) => {}
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
}

#[test]
fn foreign_keys_are_on_in_the_schema_not_only_in_checks() {
    // A reference the store does not check itself (a target's plan) is refused by SQLite.
    let store = fresh();
    let ids = seed(&*store);
    let mut t = pledge_store::NewTarget::new(
        ids.jinan,
        ids.energy,
        pledge_model::Target {
            measure: pledge_model::Measure::Level,
            direction: None,
            bound: pledge_model::Bound::Eq,
            value: 1.0,
            value_max: None,
            unit: "%".into(),
            year: 2025,
            baseline_year: None,
            aspiration: false,
        },
        pledge_store::Source::default(),
    );
    t.plan = Some(5);
    let err = store.add_target(&t, "analyst").unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn unreadable_paths_and_unknown_urls_say_what_failed() {
    let err = pledge_store::open("/nonexistent-dir/sub/pledge.db").err().unwrap();
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    assert!(err.to_string().contains("/nonexistent-dir/sub/pledge.db"), "{err}");
    let err = pledge_store::open("mysql://localhost/pledge").err().unwrap();
    assert!(err.to_string().contains("mysql"), "{err}");
    // A postgres:// URL goes to the PostgreSQL backend; nothing listens on port 1.
    let err = pledge_store::open("postgres://pledge:hunter2@127.0.0.1:1/pledge")
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

#[test]
fn in_memory_databases_work_for_quick_use() {
    let store = SqliteStore::open(":memory:").unwrap();
    let ids = seed(&store);
    store.import_observations(&many(&ids, 10), "r").unwrap();
    assert_eq!(store.counts().unwrap().observations, 10);
}
