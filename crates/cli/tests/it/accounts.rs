//! `pledge user …`, the server's logs, and `pledge demo` on PostgreSQL.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{pledge, stderr, stdout};

/// Runs `pledge` with `input` on standard input.
fn pledge_with_input(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledge"))
        .args(args)
        .current_dir(dir)
        .env_remove("PLEDGE_DB")
        .env("PLEDGE_USER", "tester")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The last word of the last line of standard output.
fn last_word(o: &std::process::Output) -> String {
    stdout(o)
        .lines()
        .last()
        .and_then(|l| l.split_whitespace().last())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn user_commands_add_list_token_revoke_disable_and_audit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = pledge_with_input(
        d,
        &["user", "add", "ana", "--role", "analyst", "--password-stdin"],
        "s3cret-passw0rd\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("s3cret"), "a given password is not echoed");
    // Without a terminal and without --password-stdin, a password is generated and
    // printed once.
    let o = pledge_with_input(
        d,
        &[
            "user",
            "add",
            "tq",
            "--role",
            "reporter",
            "--region",
            "天桥区",
            "--department",
            "区生态环境分局",
        ],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let generated = last_word(&o);
    assert!(
        stdout(&o).contains("password") && generated.len() >= 16,
        "{}",
        stdout(&o)
    );
    let o = pledge(d, &["user", "add", "bad", "--role", "root"]);
    assert!(!o.status.success());
    let o = pledge(d, &["user", "add", "x", "--role", "reporter", "--region", "火星市"]);
    assert!(!o.status.success() && stderr(&o).contains("火星市"));

    let o = pledge(d, &["user", "list"]);
    let list = stdout(&o);
    assert!(
        list.contains("ana\tanalyst") && list.contains("tq\treporter\t天桥区\t区生态环境分局\tenabled"),
        "{list}"
    );

    let o = pledge(d, &["user", "token", "tq", "--name", "upload script"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let token = last_word(&o);
    assert!(token.starts_with("pledge_") && token.len() > 60, "{token}");
    let store = pledge_store::open(d.join("pledge.db").to_str().unwrap()).unwrap();
    let principal = store
        .authenticate_token(&token)
        .unwrap()
        .expect("the printed token works");
    assert_eq!(principal.user_name, "tq");
    let tq = store.find_region("天桥区", None).unwrap().unwrap().id;
    assert_eq!(principal.regions, Some(vec![tq]));
    assert!(
        store.verify_password("tq", &generated).unwrap().is_some(),
        "the printed password works"
    );
    assert!(store.verify_password("ana", "s3cret-passw0rd").unwrap().is_some());

    let o = pledge(d, &["user", "tokens", "tq"]);
    let id = stdout(&o).split('\t').next().unwrap().trim().to_owned();
    assert!(stdout(&o).contains("upload script") && stdout(&o).contains("active"));
    assert!(!stdout(&o).contains(&token));
    let o = pledge(d, &["user", "revoke", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(store.authenticate_token(&token).unwrap().is_none(), "revoked at once");

    let o = pledge(d, &["user", "token", "ana"]);
    let ana = last_word(&o);
    assert!(pledge(d, &["user", "disable", "ana"]).status.success());
    assert!(
        store.authenticate_token(&ana).unwrap().is_none(),
        "disabled: tokens stop"
    );
    assert!(stdout(&pledge(d, &["user", "list"])).contains("analyst\t\t\tdisabled"));

    for format in ["json", "csv"] {
        let o = pledge(d, &["user", "audit", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(
            text.contains("users") && text.contains("tester"),
            "{format}: who and what"
        );
        for secret in [
            "s3cret-passw0rd",
            generated.as_str(),
            token.as_str(),
            ana.as_str(),
            "$argon2",
        ] {
            assert!(!text.contains(secret), "{format} audit leaks a secret");
        }
    }
    let out = d.join("audit.xlsx");
    let o = pledge(
        d,
        &["user", "audit", "--format", "xlsx", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success() && std::fs::read(&out).unwrap().starts_with(b"PK"));
}

/// One HTTP/1.1 exchange over a fresh connection: the status line and headers, and body.
fn http(port: u16, request: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_owned(), body.to_owned())
}

fn cookie_of(head: &str, name: &str) -> Option<String> {
    head.lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// The server's own output (stderr, stdout) carries no password, token or session id,
/// whatever requests it served.
#[test]
fn the_server_logs_no_passwords_or_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let password = "log-test-passw0rd";
    assert!(
        pledge_with_input(
            d,
            &["user", "add", "ana", "--role", "analyst", "--password-stdin"],
            &format!("{password}\n")
        )
        .status
        .success()
    );
    let token = last_word(&pledge(d, &["user", "token", "ana"]));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = std::fs::File::create(d.join("server.log")).unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_pledge"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .current_dir(d)
        .env_remove("PLEDGE_DB")
        .env("PLEDGE_API_TOKEN", "bootstrap-log-secret")
        .env("RUST_LOG", "trace")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..200 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(up, "the server listens");
    let body = r#"{"region":"济南市","indicator":"PM2.5年均浓度","year":2024,"value":30,"unit":"微克/立方米","source_url":"https://example.invalid/l","quote":"l"}"#;
    for t in [token.as_str(), "bootstrap-log-secret", "pledge_wrong"] {
        let (head, _) = http(
            port,
            &format!(
                "POST /api/observations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {t}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ),
        );
        // The second valid caller sends the same figure: unchanged, 200.
        let expected = match t {
            "pledge_wrong" => " 401 ",
            "bootstrap-log-secret" => " 200 ",
            _ => " 201 ",
        };
        assert!(head.contains(expected), "{head}");
    }
    let (head, page) = http(port, "GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let pre = cookie_of(&head, "pledge_signin").unwrap();
    let at = page.find(r#"name="csrf" value=""#).unwrap() + r#"name="csrf" value=""#.len();
    let csrf = page[at..].split('"').next().unwrap().to_owned();
    let mut session = String::new();
    for pw in ["wrong-password", password] {
        let form = format!("name=ana&password={pw}&csrf={csrf}&next=%2F");
        let (head, _) = http(
            port,
            &format!(
                "POST /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: pledge_signin={pre}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
                form.len()
            ),
        );
        if let Some(s) = cookie_of(&head, "pledge_session").filter(|s| !s.is_empty()) {
            session = s;
        }
    }
    assert!(!session.is_empty(), "signed in");
    let _ = server.kill();
    let _ = server.wait();
    let log = std::fs::read_to_string(d.join("server.log")).unwrap();
    assert!(log.contains("serving"), "the log was captured: {log}");
    for secret in [
        password,
        "wrong-password",
        token.as_str(),
        "bootstrap-log-secret",
        session.as_str(),
        csrf.as_str(),
    ] {
        assert!(!log.contains(secret), "the server log holds a secret:\n{log}");
    }
}

/// The scoreboard rows without ids (which differ between databases).
fn scoreboard(d: &Path, db: &str) -> Vec<serde_json::Value> {
    let o = pledge(d, &["assess", "--json", "--db", db]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    for r in &mut rows {
        if let Some(m) = r.as_object_mut() {
            m.remove("id");
        }
    }
    rows
}

#[test]
fn demo_on_postgres_gives_the_same_scoreboard_as_on_sqlite() {
    let Some((name, url)) = pledge_testpg::new_database() else {
        eprintln!("demo on PostgreSQL DID NOT RUN: no PostgreSQL (see pledge_testpg)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sqlite = d.join("demo.db");
    let o = pledge(d, &["demo", "--no-serve", "--db", sqlite.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = pledge(d, &["demo", "--no-serve", "--db", &url]);
    assert!(o.status.success(), "{}", stderr(&o));
    let on_sqlite = scoreboard(d, sqlite.to_str().unwrap());
    let on_postgres = scoreboard(d, &url);
    assert!(on_sqlite.len() >= 20, "{} rows", on_sqlite.len());
    assert_eq!(on_postgres.len(), on_sqlite.len());
    for (p, s) in on_postgres.iter().zip(&on_sqlite) {
        assert_eq!(p, s);
    }
    // A second run refuses the now non-empty database instead of wiping or doubling it.
    let o = pledge(d, &["demo", "--no-serve", "--db", &url]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    if let Some((creds, _)) = url.split_once('@') {
        let password = creds.rsplit(':').next().unwrap();
        assert!(!stderr(&o).contains(password), "no password in the message");
    }
    assert_eq!(scoreboard(d, &url), on_postgres, "untouched");
    pledge_testpg::drop_database(&name);
}

#[test]
fn a_reporter_imports_own_figures_without_source_but_not_impossible_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pledge(d, &["--db", "t.db", "init"]).status.success());
    let o = pledge_with_input(
        d,
        &[
            "--db",
            "t.db",
            "user",
            "add",
            "tianqiao",
            "--role",
            "reporter",
            "--region",
            "天桥区",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(
        d.join("own.csv"),
        "region,indicator,year,value,unit\n天桥区,空气质量优良率,2023,68.2,%\n",
    )
    .unwrap();
    // Not an account: the source columns are required.
    let o = pledge(d, &["--db", "t.db", "import", "own.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("source_url"), "{}", stderr(&o));
    // The reporter's account and the time are the source.
    let o = pledge(d, &["--db", "t.db", "import", "--reporter", "tianqiao", "own.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 new"), "{}", stdout(&o));
    std::fs::write(
        d.join("share.csv"),
        "region,indicator,year,value,unit\n天桥区,空气质量优良天数比例,2021,1234.5,%\n",
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "--reporter", "tianqiao", "share.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("row 2, column value"), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 to 100"), "{}", stderr(&o));
}

/// `pledge import --reporter ACCOUNT` holds the account to its regions as the API and
/// the form do (issue 16, defect 6): a 天桥区 analyst's file with a 历下区 row is refused
/// whole, naming the row, and its own rows import.
#[test]
fn an_import_as_an_account_stays_within_its_regions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pledge(d, &["--db", "t.db", "init"]).status.success());
    let o = pledge_with_input(
        d,
        &[
            "--db",
            "t.db",
            "user",
            "add",
            "tq-analyst",
            "--role",
            "analyst",
            "--region",
            "天桥区",
            "--password-stdin",
        ],
        "correct horse battery\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(
        d.join("mixed.csv"),
        "region,indicator,year,value,unit\n天桥区,空气质量优良率,2023,68.2,%\n历下区,空气质量优良率,2023,70.1,%\n",
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "--reporter", "tq-analyst", "mixed.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("row 3, column region") && stderr(&o).contains("outside the regions of tq-analyst"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("nothing imported"), "{}", stderr(&o));
    std::fs::write(
        d.join("own.csv"),
        "region,indicator,year,value,unit\n天桥区,空气质量优良率,2023,68.2,%\n",
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "--reporter", "tq-analyst", "own.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `pledge import` prints a bounded error list (issue 16, defect 11): 100,000 unknown
/// columns and a 10 MB cell give the first errors, a count of the rest and the cell cut
/// with `…`, not megabytes of stderr.
#[test]
fn import_errors_on_stderr_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pledge(d, &["--db", "t.db", "init"]).status.success());
    let mut header = "region,indicator,year,value,unit,source_url,quote".to_owned();
    for i in 0..100_000 {
        header.push_str(&format!(",extra{i}"));
    }
    let huge = "x".repeat(10 * 1024 * 1024);
    let row = format!("历下区,空气质量优良率,2023,{huge},%,https://example.invalid/a,a");
    std::fs::write(d.join("wide.csv"), format!("{header}\n{row}\n")).unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "wide.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.len() < 100_000, "{} bytes", err.len());
    assert!(
        err.contains("more error(s), not listed"),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    std::fs::write(
        d.join("big.csv"),
        format!("region,indicator,year,value,unit,source_url,quote\n{row}\n"),
    )
    .unwrap();
    let o = pledge(d, &["--db", "t.db", "import", "big.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).len() < 5_000 && stderr(&o).contains('…'),
        "{}",
        stderr(&o).len()
    );
}

/// An empty file is not ingested as a document (issue 16, item 12): it is named on
/// stderr, the exit status is 1, and no document is stored.
#[test]
fn an_empty_file_is_not_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(pledge(d, &["--db", "t.db", "init"]).status.success());
    std::fs::write(d.join("empty.txt"), " \n\n").unwrap();
    let o = pledge(d, &["--db", "t.db", "ingest", "empty.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("empty.txt: the file is empty"), "{}", stderr(&o));
    let store = pledge_store::open(d.join("t.db").to_str().unwrap()).unwrap();
    assert!(store.documents().unwrap().is_empty());
}
