//! A throwaway PostgreSQL server for the tests of every crate that needs one.
//!
//! Where the tests find a server:
//! - `PLEDGE_TEST_PG_URL` (a `postgres://` URL of a role allowed to create databases):
//!   each test gets a database of its own on that server.
//! - Otherwise a throwaway server is started from the PostgreSQL binaries
//!   (`/usr/lib/postgresql/*/bin/initdb`): `initdb` into a temporary directory as the OS
//!   user `postgres` (via `runuser` when we are root), a private port on 127.0.0.1 and a
//!   private Unix socket directory. It is shared by every test of the test binary and torn
//!   down with it: a supervising shell holds the server and waits on a pipe whose other end
//!   only this process holds; when this process exits, however it exits, the pipe closes,
//!   and the shell stops the server (immediate shutdown) and deletes the directory.
//! - Without binaries nothing runs, and it says so: under `CI=true` [`new_database`]
//!   panics with the reason; elsewhere it prints "PostgreSQL suite did not run: no initdb
//!   found" to stderr and returns `None`. (`PLEDGE_TEST_PG_ROOT=/nowhere` shows this.)

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Where the tests' databases live.
enum Server {
    /// A server given by `PLEDGE_TEST_PG_URL`.
    External {
        /// The URL as given.
        url: String,
    },
    /// The throwaway server this process started.
    Local(Local),
}

/// The throwaway server this process started: what tests of authentication and of the
/// Unix socket need to know about it.
#[derive(Debug)]
pub struct Local {
    /// The superuser's password (host connections need it; the socket trusts).
    pub password: String,
    /// The TCP port on 127.0.0.1.
    pub port: u16,
    /// The directory of its Unix socket.
    pub socket_dir: PathBuf,
    /// The supervising shell; kept so that its stdin stays open while we live.
    _supervisor: Child,
    /// Its stdin: when this process exits, the pipe closes and the server is stopped.
    _lifeline: ChildStdin,
}

impl Server {
    /// The URL of database `db` on this server.
    fn url(&self, db: &str) -> String {
        match self {
            Server::External { url } => with_dbname(url, db),
            Server::Local(l) => format!("postgres://postgres:{}@127.0.0.1:{}/{db}", l.password, l.port),
        }
    }
}

/// `url` naming database `db` instead of its own.
pub fn with_dbname(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{db}", &base[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Why there is no server.
enum NoServer {
    /// No PostgreSQL binaries here: the suite cannot run (fatal only under `CI=true`).
    Missing,
    /// The binaries are here but the server would not start: always a failure.
    Failed(String),
}

/// The server of this test binary, started on first use; `Err` says why there is none.
fn server() -> &'static Result<Server, NoServer> {
    static SERVER: OnceLock<Result<Server, NoServer>> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("PLEDGE_TEST_PG_URL") {
            if !url.trim().is_empty() {
                return Ok(Server::External { url });
            }
        }
        match find_initdb() {
            None => Err(NoServer::Missing),
            Some(initdb) => start_local(&initdb).map(Server::Local).map_err(NoServer::Failed),
        }
    })
}

/// The newest `/usr/lib/postgresql/*/bin/initdb` (`PLEDGE_TEST_PG_ROOT` replaces
/// `/usr/lib/postgresql`, to check what happens without binaries).
fn find_initdb() -> Option<PathBuf> {
    let root = std::env::var("PLEDGE_TEST_PG_ROOT").unwrap_or_else(|_| "/usr/lib/postgresql".to_owned());
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version: u32 = e.file_name().to_str()?.split('.').next()?.parse().ok()?;
            let initdb = e.path().join("bin/initdb");
            initdb.is_file().then_some((version, initdb))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, p)| p)
}

/// Whether this process runs as root (PostgreSQL refuses to, so it then runs as `postgres`).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A command that runs `program` as the server's OS user.
fn as_server_user(program: &Path, root: bool) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// A random hex string (the server's password) from the OS generator.
fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .expect("reading /dev/urandom");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs a command to completion, turning failure into a message with its output.
fn run(mut cmd: Command, what: &str) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{what}: cannot run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// initdb, start and wait for the throwaway server.
fn start_local(initdb: &Path) -> Result<Local, String> {
    let bin = initdb.parent().expect("initdb lies in a bin directory");
    let root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("pledge-pg-")
        .tempdir()
        .map_err(|e| format!("creating a temporary directory: {e}"))?
        .keep();
    let data = dir.join("data");
    let socket_dir = dir.join("socket");
    std::fs::create_dir(&socket_dir).map_err(|e| e.to_string())?;
    let password = random_hex();
    let pwfile = dir.join("pwfile");
    std::fs::write(&pwfile, format!("{password}\n")).map_err(|e| e.to_string())?;
    if root {
        let mut chown = Command::new("chown");
        chown.arg("-R").arg("postgres:").arg(&dir);
        run(chown, "chown of the server directory to postgres")?;
    }

    let mut cmd = as_server_user(initdb, root);
    cmd.current_dir(&dir)
        .arg("-D")
        .arg(&data)
        .args(["-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
        .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
        .arg(format!("--pwfile={}", pwfile.display()));
    run(cmd, "initdb")?;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("finding a free port: {e}"))?
        .port();
    // The supervisor: start the server, wait for stdin to close (this process exiting),
    // then stop the server at once and remove its directory.
    let script = r#"
        "$1" -D "$2" -p "$3" -k "$4" -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
             >"$5/server.log" 2>&1 &
        pid=$!
        cat >/dev/null
        kill -QUIT "$pid" 2>/dev/null
        wait "$pid"
        rm -rf "$5"
    "#;
    let mut sh = as_server_user(Path::new("/bin/sh"), root);
    sh.current_dir(&dir)
        .args(["-c", script, "pledge-pg-supervisor"])
        .arg(bin.join("postgres"))
        .arg(&data)
        .arg(port.to_string())
        .arg(&socket_dir)
        .arg(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let mut supervisor = sh.spawn().map_err(|e| format!("starting the server: {e}"))?;
    let lifeline = supervisor.stdin.take().expect("stdin is piped");

    // Wait until it accepts connections (bounded; the server log says why when it does not).
    let url = format!("postgres://postgres:{password}@127.0.0.1:{port}/postgres");
    let started = Instant::now();
    loop {
        match postgres::Client::connect(&url, postgres::NoTls) {
            Ok(_) => break,
            Err(e) => {
                let exited = supervisor.try_wait().ok().flatten();
                if exited.is_some() || started.elapsed() > Duration::from_secs(60) {
                    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
                    return Err(format!("the test server did not start ({e}):\n{log}"));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    Ok(Local {
        password,
        port,
        socket_dir,
        _supervisor: supervisor,
        _lifeline: lifeline,
    })
}

/// The superuser connection that creates and drops the tests' databases.
fn admin() -> &'static Mutex<postgres::Client> {
    static ADMIN: OnceLock<Mutex<postgres::Client>> = OnceLock::new();
    ADMIN.get_or_init(|| {
        let Ok(server) = server() else {
            unreachable!("admin() is called only once a server is known")
        };
        let url = match server {
            Server::External { url } => url.clone(),
            Server::Local(_) => server.url("postgres"),
        };
        Mutex::new(postgres::Client::connect(&url, postgres::NoTls).expect("connecting to the test server"))
    })
}

/// Runs one statement on the admin connection.
fn admin_exec(sql: &str) -> Result<(), postgres::Error> {
    admin().lock().unwrap_or_else(|e| e.into_inner()).batch_execute(sql)
}

/// A new, empty database on the test server; its name and URL. `None` (after saying so)
/// when the suite cannot run here; a panic under `CI=true`.
pub fn new_database() -> Option<(String, String)> {
    let server = match server() {
        Ok(s) => s,
        Err(NoServer::Failed(why)) => panic!("PostgreSQL suite failed to start its server: {why}"),
        Err(NoServer::Missing) => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "PostgreSQL suite cannot run under CI=true: no initdb found in /usr/lib/postgresql/*/bin \
                     (install PostgreSQL, or set PLEDGE_TEST_PG_URL)"
                );
            }
            eprintln!("PostgreSQL suite did not run: no initdb found");
            return None;
        }
    };
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "pledge_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    admin_exec(&format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"))
        .expect("creating a test database");
    let url = server.url(&name);
    Some((name, url))
}

/// Drops a database made by [`new_database`] (its connections are ended first).
pub fn drop_database(name: &str) {
    // WITH (FORCE) (PostgreSQL 13+) ends connections still closing; an older server
    // keeps the database until the throwaway server goes, which is fine.
    let _ = admin_exec(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}

/// The throwaway server, when this process started one (not for `PLEDGE_TEST_PG_URL`).
pub fn local_server() -> Option<&'static Local> {
    match server() {
        Ok(Server::Local(l)) => Some(l),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::with_dbname;

    #[test]
    fn test_urls_name_the_test_database() {
        assert_eq!(
            with_dbname("postgres://u:p@h:5432/main?sslmode=disable", "t1"),
            "postgres://u:p@h:5432/t1?sslmode=disable"
        );
        assert_eq!(with_dbname("postgresql://u@h", "t1"), "postgresql://u@h/t1");
        assert_eq!(
            with_dbname("postgres://u@/main?host=/run/pg&port=5433", "t1"),
            "postgres://u@/t1?host=/run/pg&port=5433"
        );
    }
}
