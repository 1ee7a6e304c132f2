//! A process killed in the middle of an import leaves the database as it was.
//!
//! The parent test re-runs this test binary as a child (`import_child`, enabled by an
//! environment variable). The child imports rows and, half-way through, inside the open
//! transaction, prints `started` and waits; the parent then SIGKILLs it. No timing is
//! involved: the kill always lands mid-transaction.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use pledge_store::Store;

use crate::contract::{Ids, many, seed};

/// The variable that turns `import_child` into the child process.
const CHILD_DB: &str = "PLEDGE_STORE_KILL_CHILD_DB";
/// Rows the child tries to import.
const CHILD_ROWS: usize = 120_000;
/// Rows after which the child says it started and waits to be killed.
const KILL_AT: usize = 60_000;

#[test]
fn killed_import_leaves_the_database_intact_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    let before = {
        let store = pledge_store::open(path.to_str().unwrap()).unwrap();
        let ids = seed(&*store);
        store.import_observations(&many(&ids, 1000), "reporter").unwrap();
        store.counts().unwrap()
    };
    let wal = path.with_extension("db-wal");
    let wal_before = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["kill::import_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).unwrap();
        assert!(n > 0, "the child ended without starting its import:\n{seen}");
        seen.push_str(&line);
        if line.trim_end().ends_with("started") {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "the child was killed, not finished");

    let wal_after = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert!(
        wal_after > wal_before,
        "the child wrote uncommitted pages before dying ({wal_before} → {wal_after} bytes of WAL)"
    );

    let raw = rusqlite::Connection::open(&path).unwrap();
    let check: String = raw.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(raw);
    let store = pledge_store::open(path.to_str().unwrap()).unwrap();
    assert!(store.integrity_check().unwrap().is_empty());
    assert_eq!(store.counts().unwrap(), before);
}

/// The child: does nothing unless run by the test above.
#[test]
fn import_child() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let store = pledge_store::SqliteStore::open(&path).unwrap();
    // A small page cache makes the open transaction spill pages into the WAL file, so
    // the kill lands on a file holding uncommitted data, not only on memory.
    store.set_cache_size_kib(1024).unwrap();
    let ids: Ids = ids_of(&store);
    let mut rows = many(&ids, CHILD_ROWS);
    for o in &mut rows {
        o.observation.value += 1.0; // the first 1000 are corrections, the rest new
    }
    store
        .import_observations_with_progress(&rows, "child", &|done| {
            if done >= KILL_AT {
                println!("started");
                std::io::stdout().flush().unwrap();
                // Wait inside the open transaction until killed (stdin stays open while
                // the parent lives; if it dies, EOF ends the wait and the panic below
                // rolls the transaction back).
                let mut buf = String::new();
                let _ = std::io::stdin().read_line(&mut buf);
                panic!("the parent should have killed this process");
            }
        })
        .unwrap();
    panic!("the import finished before the parent could kill it");
}

/// The ids `seed` made, looked up again.
fn ids_of(store: &dyn Store) -> Ids {
    let r = |n: &str| store.find_region(n, None).unwrap().unwrap().id;
    let i = |n: &str| store.find_indicator(n).unwrap().unwrap().id;
    Ids {
        china: r("中国"),
        shandong: r("山东省"),
        jinan: r("济南市"),
        lixia: r("历下区"),
        tianqiao: r("天桥区"),
        energy: i("单位地区生产总值能耗"),
        pm25: i("PM2.5年均浓度"),
        nev: i("新能源汽车保有量"),
    }
}
