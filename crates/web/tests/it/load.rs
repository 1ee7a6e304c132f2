//! The load test on PostgreSQL: 50 reporters, each with its own token and region, submit
//! observations over HTTP to a server on 127.0.0.1 for 60 seconds (`PLEDGE_LOAD_SECS`
//! changes the length). Every submission must be accepted (201), every accepted one must
//! be in the database afterwards, and the counts must match. It prints submissions per
//! second but asserts only correctness. Without PostgreSQL binaries it says it did not run
//! (and fails under `CI=true`), as `pledge_testpg` does.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use pledge_store::{NewToken, NewUser, ObservationFilter, Role, Store};
use serde_json::json;

const REPORTERS: usize = 50;

/// What one reporter did.
#[derive(Debug, Default)]
struct Tally {
    /// Ids of the observations accepted (201).
    accepted: Vec<i64>,
    /// Anything else: status and body.
    errors: Vec<String>,
}

/// The synchronous store (its PostgreSQL client blocks) is set up and checked outside the
/// async runtime; the server and the 50 clients run inside one.
#[test]
fn fifty_reporters_submit_concurrently_on_postgres() {
    let Some((name, url)) = pledge_testpg::new_database() else {
        eprintln!("load test DID NOT RUN: no PostgreSQL (see pledge_testpg)");
        return;
    };
    let seconds: u64 = std::env::var("PLEDGE_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let store: Arc<dyn Store> = Arc::from(pledge_store::open(&url).unwrap());
    store
        .upsert_regions(&pledge_store::gazetteer_regions(), "system")
        .unwrap();
    store
        .upsert_indicators(&pledge_store::starter_indicators(), "system")
        .unwrap();
    // 50 regions whose names are unique, so that a name means one region.
    let regions: Vec<pledge_store::Region> = store
        .regions()
        .unwrap()
        .into_iter()
        .filter(|r| r.name.ends_with('区') || r.name.ends_with('县'))
        .filter(|r| store.find_regions(&r.name).unwrap().len() == 1)
        .take(REPORTERS)
        .collect();
    assert_eq!(regions.len(), REPORTERS);
    let indicators: Vec<(String, String)> = store
        .indicators()
        .unwrap()
        .into_iter()
        .filter(|i| !i.unit.is_empty())
        .take(8)
        .map(|i| (i.name, i.unit))
        .collect();
    let mut reporters = Vec::new();
    for (i, region) in regions.iter().enumerate() {
        let user = format!("reporter{i:02}");
        let mut new = NewUser::new(&user, Role::Reporter);
        new.regions = vec![region.id];
        store.create_user(&new, "load-test-password", "test").unwrap();
        let token = store.create_token(&user, &NewToken::default(), "test").unwrap().secret;
        reporters.push((region.clone(), token.expose().to_owned()));
    }
    let before = store.counts().unwrap().observations;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let served = store.clone();
    let (results, elapsed) = runtime.block_on(async move { submit(served, reporters, indicators, seconds).await });
    drop(runtime);
    check(store.as_ref(), &results, elapsed, before);
    drop(store);
    pledge_testpg::drop_database(&name);
}

/// Serves `store` on 127.0.0.1 and has every reporter submit until the deadline.
async fn submit(
    store: Arc<dyn Store>,
    reporters: Vec<(pledge_store::Region, String)>,
    indicators: Vec<(String, String)>,
    seconds: u64,
) -> (Vec<(i64, Tally)>, f64) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = pledge_web::router(store.clone(), crate::options());
    let server =
        tokio::spawn(
            async move { axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await },
        );

    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let indicators = Arc::new(indicators);
    let mut tasks = Vec::new();
    for (region, token) in reporters {
        let client = client.clone();
        let indicators = indicators.clone();
        tasks.push(tokio::spawn(async move {
            let mut tally = Tally::default();
            // Bounded: one series per indicator and year, at most 8 × 199 per reporter.
            'outer: for year in 1901..2100 {
                for (indicator, unit) in indicators.iter() {
                    if Instant::now() >= deadline {
                        break 'outer;
                    }
                    let body = json!({
                        "region": region.name, "indicator": indicator, "year": year,
                        "value": f64::from(year - 1900) + 0.5, "unit": unit,
                        "source_url": format!("https://example.invalid/load/{}", region.id),
                        "quote": format!("{} {indicator} {year}", region.name),
                    });
                    let request = Request::post(format!("http://{addr}/api/observations"))
                        .header(header::AUTHORIZATION, format!("Bearer {token}"))
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(Full::new(Bytes::from(body.to_string())))
                        .unwrap();
                    match client.request(request).await {
                        Ok(response) => {
                            let status = response.status();
                            let bytes = response.into_body().collect().await.map(|b| b.to_bytes());
                            match (status, bytes) {
                                (StatusCode::CREATED, Ok(b)) => {
                                    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
                                    tally.accepted.push(v["id"].as_i64().unwrap());
                                }
                                (s, b) => tally.errors.push(format!(
                                    "{s}: {}",
                                    b.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
                                )),
                            }
                        }
                        Err(e) => tally.errors.push(format!("transport: {e}")),
                    }
                }
            }
            (region.id, tally)
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    server.abort();
    (results, elapsed)
}

/// Every submission accepted, every accepted one stored, counts equal.
fn check(store: &dyn Store, results: &[(i64, Tally)], elapsed: f64, before: u64) {
    let total: usize = results.iter().map(|(_, t)| t.accepted.len()).sum();
    let errors: Vec<&String> = results.iter().flat_map(|(_, t)| &t.errors).collect();
    eprintln!(
        "load test: {REPORTERS} reporters, {total} observations accepted in {elapsed:.1} s = {:.0} submissions/s, {} errors",
        total as f64 / elapsed,
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    assert!(total > 0);
    for (region, tally) in results {
        let stored = store
            .observations(&ObservationFilter {
                region: Some(*region),
                include_history: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(stored.len(), tally.accepted.len(), "region {region}: stored = accepted");
        let mut ids: Vec<i64> = stored.iter().map(|o| o.id).collect();
        let mut accepted = tally.accepted.clone();
        ids.sort_unstable();
        accepted.sort_unstable();
        assert_eq!(ids, accepted, "region {region}: the very rows accepted");
    }
    assert_eq!(
        store.counts().unwrap().observations - before,
        total as u64,
        "counts match"
    );
}
