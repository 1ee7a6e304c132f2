//! The contract on PostgreSQL, and what only PostgreSQL has: a server, pooled connections,
//! plpgsql triggers.
//!
//! Where the tests find a server:
//! - `PLEDGE_TEST_PG_URL` (a `postgres://` URL of a role allowed to create databases):
//!   each test gets a database of its own on that server, dropped afterwards.
//! - Otherwise the tests start a throwaway server themselves from the PostgreSQL binaries
//!   (`/usr/lib/postgresql/*/bin/initdb`): `initdb` into a temporary directory as the OS
//!   user `postgres` (via `runuser` when we are root), a private port on 127.0.0.1 and a
//!   private Unix socket directory. It is shared by every test of this binary and torn
//!   down with it: a supervising shell holds the server and waits on a pipe whose other end
//!   only this process holds; when this process exits, however it exits, the pipe closes,
//!   and the shell stops the server (immediate shutdown) and deletes the directory.
//! - Without binaries the suite does not run, and says so: under `CI=true` every test
//!   fails with the reason; elsewhere each prints "PostgreSQL suite did not run: no initdb
//!   found" to stderr and returns. (`PLEDGE_TEST_PG_ROOT=/nowhere` shows this here.)

use std::ops::Deref;

use pledge_store::{PostgresStore, Store, StoreError};
use pledge_testpg::{drop_database, local_server, new_database};

use crate::contract::{many, obs, seed};

/// A store on a database of its own, dropped with it.
pub struct Fresh {
    /// The store (dropped first, closing its connections).
    store: Option<Box<dyn Store>>,
    /// The database's name.
    name: String,
}

impl Deref for Fresh {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        &**self.store.as_ref().expect("the store lives until drop")
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        drop(self.store.take());
        drop_database(&self.name);
    }
}

/// A fresh PostgreSQL store through the public URL entry point, or `None` when the suite
/// cannot run here.
pub fn pg_fresh() -> Option<Fresh> {
    let (name, url) = new_database()?;
    Some(Fresh {
        store: Some(pledge_store::open(&url).expect("opening the test database")),
        name,
    })
}

contract_tests!(optional pg_fresh);

/// A raw client on a test database (for what the store itself never does).
fn raw(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}

#[test]
fn reopening_keeps_everything_and_migrates_once() {
    let Some((name, url)) = new_database() else { return };
    let before = {
        let store = pledge_store::open(&url).unwrap();
        assert_eq!(store.backend(), pledge_store::Backend::Postgres);
        let ids = seed(&*store);
        store.import_observations(&many(&ids, 50), "reporter").unwrap();
        store.counts().unwrap()
    };
    let store = pledge_store::open(&url).unwrap();
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(
        store.schema_version().unwrap(),
        pledge_store::postgres::MIGRATIONS.len() as i64
    );
    assert_eq!(
        pledge_store::postgres::MIGRATIONS
            .iter()
            .map(|m| (m.0, m.1))
            .collect::<Vec<_>>(),
        pledge_store::sqlite::MIGRATIONS
            .iter()
            .map(|m| (m.0, m.1))
            .collect::<Vec<_>>(),
        "both backends know the same schema versions"
    );
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);
    let applied: i64 = raw(&url)
        .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(applied, pledge_store::postgres::MIGRATIONS.len() as i64);
    drop(Fresh { store: None, name });
}

#[test]
fn processes_opening_a_new_database_at_once_migrate_it_once() {
    let Some((name, url)) = new_database() else { return };
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| pledge_store::open(&url).unwrap());
        }
    });
    let applied: i64 = raw(&url)
        .query_one("SELECT COUNT(*) FROM schema_migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(applied, pledge_store::postgres::MIGRATIONS.len() as i64);
    drop(Fresh { store: None, name });
}

#[test]
fn the_audit_log_and_observations_cannot_be_rewritten() {
    let Some((name, url)) = new_database() else { return };
    {
        let store = PostgresStore::open(&url).unwrap();
        let ids = seed(&store);
        store.import_observations(&many(&ids, 3), "reporter").unwrap();
    }
    let mut raw = raw(&url);
    for sql in [
        "UPDATE audit SET actor = 'someone else'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "DELETE FROM observations",
        "TRUNCATE observations CASCADE",
    ] {
        let err = raw.batch_execute(sql).unwrap_err();
        let msg = err.as_db_error().map(|e| e.message().to_owned()).unwrap_or_default();
        assert!(msg.contains("never") || msg.contains("append-only"), "{sql}: {err}");
    }
    let n: i64 = raw.query_one("SELECT COUNT(*) FROM observations", &[]).unwrap().get(0);
    assert_eq!(n, 3);
    drop(Fresh { store: None, name });
}

#[test]
fn a_database_from_a_newer_pledge_is_refused() {
    let Some((name, url)) = new_database() else { return };
    drop(PostgresStore::open(&url).unwrap());
    raw(&url)
        .batch_execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')")
        .unwrap();
    match PostgresStore::open(&url) {
        Err(StoreError::SchemaTooNew { found: 999, .. }) => {}
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    drop(Fresh { store: None, name });
}

#[test]
fn a_wrong_password_is_refused_without_being_echoed() {
    let Some((name, url)) = new_database() else { return };
    let Some(local) = local_server() else {
        // An external server's authentication is not ours to test.
        drop(Fresh { store: None, name });
        return;
    };
    let bad = url.replace(&local.password, "not-the-password-4711");
    let err = pledge_store::open(&bad).err().expect("a wrong password is refused");
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Open { .. }), "{msg}");
    assert!(!msg.contains("not-the-password-4711"), "{msg}");
    assert!(!msg.contains(&local.password), "{msg}");
    assert!(msg.contains("127.0.0.1"), "{msg}");
    // The right password opens it, and the store never shows it either.
    let store = PostgresStore::open(&url).unwrap();
    assert!(!format!("{store:?}").contains(&local.password), "{store:?}");
    assert!(!store.url().contains(&local.password), "{}", store.url());
    assert!(store.url().contains(":***@127.0.0.1"), "{}", store.url());
    drop(store);
    drop(Fresh { store: None, name });
}

#[test]
fn the_unix_socket_works_too() {
    let Some((name, _)) = new_database() else { return };
    let Some(local) = local_server() else {
        drop(Fresh { store: None, name });
        return;
    };
    let url = format!(
        "postgres://postgres@localhost/{name}?host={}&port={}",
        local.socket_dir.display(),
        local.port
    );
    let store = pledge_store::open(&url).unwrap();
    let ids = seed(&*store);
    store
        .record_observation(&obs(ids.jinan, ids.pm25, 2021, 41.0, "μg/m3"), "reporter")
        .unwrap();
    assert_eq!(store.counts().unwrap().observations, 1);
    drop(store);
    drop(Fresh { store: None, name });
}

#[test]
fn a_small_pool_serves_more_threads_than_connections() {
    let Some((name, url)) = new_database() else { return };
    let store = PostgresStore::open_with_pool_size(&url, 2).unwrap();
    let ids = seed(&store);
    std::thread::scope(|s| {
        for worker in 0..6 {
            let store = &store;
            let (lixia, nev) = (ids.lixia, ids.nev);
            s.spawn(move || {
                for k in 0..10 {
                    let mut o = obs(lixia, nev, 2000 + k, f64::from(k), "辆");
                    o.note = format!("worker {worker}");
                    store.record_observation(&o, "reporter").unwrap();
                    assert!(!store.observations(&Default::default()).unwrap().is_empty());
                }
            });
        }
    });
    assert_eq!(store.counts().unwrap().observations, 60);
    drop(store);
    drop(Fresh { store: None, name });
}
