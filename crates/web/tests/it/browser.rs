//! The browser test of issue 6: headless Chromium, driven over WebDriver (chromedriver),
//! walks the demo-like dashboard as a person would — opens it, opens a target, follows a
//! source to its highlighted quote, switches language, signs in with an account name and
//! password, uploads a broken xlsx and sees the row errors, opens the audit log — and saves
//! screenshots to `target/screenshots/*.png`.
//!
//! Without `/usr/bin/chromium` and `/usr/bin/chromedriver` the test fails under
//! `CI=true` and otherwise says plainly that the browser test did not run.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{broken_xlsx, seed};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the screenshots go: `target/screenshots` of the workspace.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Kills chromedriver (the child this test started) when dropped, even on a panic.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts chromedriver on a free port and waits (a bounded number of tries) until it
/// accepts connections.
fn start_driver() -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (driver, port);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("chromedriver did not listen on port {port}");
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    let path = screenshot_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    eprintln!("browser test: saved {}", path.display());
}

async fn html_lang(client: &Client) -> String {
    client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_walks_the_dashboard() {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "browser test: {CHROMIUM} or {CHROMEDRIVER} is missing under CI=true (apt-get install chromium chromium-driver fonts-wqy-microhei)"
            );
        }
        eprintln!(
            "browser test DID NOT RUN: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver fonts-wqy-microhei)"
        );
        return;
    }
    // The server over a demo-like database, on a random local port.
    let seeded = seed::demo();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    crate::add_user(seeded.store.as_ref(), "wang", pledge_store::Role::Admin, &[]);
    let app = pledge_web::router(seeded.store.clone(), crate::options());
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });

    let (driver, port) = start_driver();
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session with headless Chromium");

    // 1. The dashboard, in Chinese.
    client.goto(&format!("{base}/")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("table.scoreboard"))
        .await
        .unwrap();
    assert_eq!(html_lang(&client).await, "zh-CN");
    let summary = client
        .find(Locator::Css(".summary-bar"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        summary.contains("进度正常") && summary.contains("数据不足"),
        "{summary}"
    );
    client.set_window_size(1280, 1600).await.unwrap();
    shot(&client, "01-dashboard-zh").await;

    // 2. A target read from the page (its source is a span of the stored document).
    let link = client
        .find(Locator::XPath(
            "//table[contains(@class,'scoreboard')]//a[contains(., '充换电设施保有量')]",
        ))
        .await
        .unwrap();
    link.click().await.unwrap();
    client.wait().for_element(Locator::Css("svg.chart")).await.unwrap();
    assert!(
        client.find(Locator::Css("table#chart-data")).await.is_ok(),
        "a table for the chart"
    );
    shot(&client, "02-target").await;

    // 2b. A target with observations: the chart with data, gaps and expected path.
    client
        .goto(&format!("{base}/?region=%E6%B5%8E%E5%8D%97%E5%B8%82"))
        .await
        .unwrap();
    let link = client
        .find(Locator::XPath(
            "//table[contains(@class,'scoreboard')]//a[contains(., '优良天数')]",
        ))
        .await
        .unwrap();
    link.click().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("svg.chart circle.obs"))
        .await
        .unwrap();
    shot(&client, "03-target-with-data").await;

    // 3. Follow the charging target's source to its highlighted quote.
    client.goto(&format!("{base}/")).await.unwrap();
    client
        .find(Locator::XPath(
            "//table[contains(@class,'scoreboard')]//a[contains(., '充换电设施保有量')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let source = client.wait().for_element(Locator::Css("a.source-link")).await.unwrap();
    source.click().await.unwrap();
    let current = client.wait().for_element(Locator::Css("mark.current")).await.unwrap();
    let quoted = current.text().await.unwrap();
    assert!(
        quoted.contains("8万个") || quoted.contains("保有量"),
        "highlighted quote: {quoted}"
    );
    let url = client.current_url().await.unwrap();
    assert!(
        url.path().starts_with("/documents/") && url.fragment() == Some("hl"),
        "{url}"
    );
    client.set_window_size(1280, 1000).await.unwrap();
    shot(&client, "04-document-quote").await;

    // 4. Switch language with the link; the choice sticks on the next page.
    client
        .find(Locator::Id("lang-switch"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("html[lang='en']"))
        .await
        .unwrap();
    client.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(html_lang(&client).await, "en");
    let heading = client.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(heading, "Progress on every target");
    client.set_window_size(1280, 1600).await.unwrap();
    shot(&client, "05-dashboard-en").await;
    client
        .find(Locator::Id("lang-switch"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("html[lang='zh-CN']"))
        .await
        .unwrap();

    // 5. Sign in, upload a broken xlsx, see every error by row and column.
    client.set_window_size(1280, 1200).await.unwrap();
    client.goto(&format!("{base}/entry")).await.unwrap();
    client
        .find(Locator::Id("signin-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let name = client.wait().for_element(Locator::Id("name")).await.unwrap();
    name.send_keys("wang").await.unwrap();
    client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(crate::PASSWORD)
        .await
        .unwrap();
    shot(&client, "05b-signin").await;
    client
        .find(Locator::Id("signin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let file_input = client.wait().for_element(Locator::Id("file")).await.unwrap();
    let upload_dir = tempfile::tempdir().unwrap();
    let broken = upload_dir.path().join("broken.xlsx");
    std::fs::write(&broken, broken_xlsx()).unwrap();
    file_input.send_keys(broken.to_str().unwrap()).await.unwrap();
    client
        .find(Locator::Id("upload-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let errors = client.wait().for_element(Locator::Id("upload-errors")).await.unwrap();
    let text = errors.text().await.unwrap();
    assert!(text.contains("火星市") && text.contains("未知地区"), "{text}");
    assert!(text.contains("三十七") && text.contains("不是数字"), "{text}");
    shot(&client, "06-upload-errors").await;

    // 5b. The admin's audit log shows who signed in (the session) and nothing secret.
    client.goto(&format!("{base}/admin/audit")).await.unwrap();
    let audit = client.wait().for_element(Locator::Id("audit")).await.unwrap();
    let text = audit.text().await.unwrap();
    assert!(text.contains("sessions") && text.contains("wang"), "{text}");
    assert!(!text.contains(crate::PASSWORD));
    shot(&client, "06b-audit").await;

    // 6. The regions matrix, and the dashboard on a phone-sized window.
    client.goto(&format!("{base}/regions")).await.unwrap();
    client.wait().for_element(Locator::Css("table.matrix")).await.unwrap();
    shot(&client, "07-regions").await;
    client.set_window_size(390, 844).await.unwrap();
    client.goto(&format!("{base}/")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("table.scoreboard"))
        .await
        .unwrap();
    shot(&client, "08-phone").await;

    client.close().await.unwrap();
    drop(driver);
    server.abort();
}
