//! The authorization walk: every write route of the route table (API and pages), for
//! every role — admin, analyst, reporter of 天桥区, viewer, anonymous — must allow or deny
//! as this file says, and a denied request must write nothing (the audit log, which every
//! write extends, stays as it was). The write routes come from `pledge_web::routes::table()`:
//! a new one without an entry below fails the test.

use std::collections::BTreeSet;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pledge_store::{Role, Store};
use serde_json::json;

use crate::{PASSWORD, Session, add_user, multipart, seed, send, sign_in, xlsx};

/// Who is calling.
struct Actor {
    role: &'static str,
    token: Option<String>,
    session: Option<Session>,
}

fn observation(region: &str, value: &str) -> serde_json::Value {
    json!({
        "region": region, "indicator": "PM2.5年均浓度", "year": 2024, "value": value,
        "unit": "微克/立方米", "source_url": "https://example.invalid/authz", "quote": "authz"
    })
}

fn api_post(actor: &Actor, uri: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = &actor.token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body)).unwrap()
}

fn page_post(actor: &Actor, uri: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    let mut pairs: Vec<(&str, &str)> = pairs.to_vec();
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(s) = &actor.session {
        r = r.header(header::COOKIE, &s.cookie);
        pairs.push(("csrf", &s.csrf));
    }
    r.body(Body::from(serde_urlencoded::to_string(&pairs).unwrap()))
        .unwrap()
}

fn page_upload(actor: &Actor, file: &[u8]) -> Request<Body> {
    let csrf = actor.session.as_ref().map_or(String::new(), |s| s.csrf.clone());
    let (content_type, body) = multipart(&[("csrf", &csrf)], "rows.xlsx", file);
    let mut r = Request::post("/entry/upload").header(header::CONTENT_TYPE, content_type);
    if let Some(s) = &actor.session {
        r = r.header(header::COOKIE, &s.cookie);
    }
    r.body(Body::from(body)).unwrap()
}

fn row<'a>(region: &'a str, value: &'a str) -> [&'a str; 7] {
    [
        region,
        "PM2.5年均浓度",
        "2024",
        value,
        "微克/立方米",
        "https://example.invalid/authz",
        "authz",
    ]
}

/// Sends a request and checks its status and whether it wrote (the audit log grew).
async fn check(app: &Router, store: &dyn Store, label: &str, request: Request<Body>, expected: StatusCode) {
    let before = store.counts().unwrap().audit;
    let r = send(app, request).await;
    let after = store.counts().unwrap().audit;
    assert_eq!(
        r.status,
        expected,
        "{label}: {}",
        r.text().chars().take(400).collect::<String>()
    );
    if expected.is_success() || expected.is_redirection() {
        assert!(after > before, "{label}: allowed but nothing was written");
    } else {
        assert_eq!(after, before, "{label}: refused but something was written");
    }
}

/// 401 for anonymous, 403 for the roles not in `allowed`, `ok` for those in it.
fn by_role(role: &str, allowed: &[&str], ok: StatusCode) -> StatusCode {
    match role {
        "anonymous" => StatusCode::UNAUTHORIZED,
        r if allowed.contains(&r) => ok,
        _ => StatusCode::FORBIDDEN,
    }
}

/// Adds `n` pending facts (actual values of 历下区 PM2.5, one year each) that can be
/// accepted; returns their ids.
fn reviewable(store: &dyn Store, document: i64, n: i32) -> Vec<i64> {
    reviewable_in(store, document, "历下区", n)
}

/// Adds `n` pending facts of `region`'s PM2.5 (one year each); returns their ids.
fn reviewable_in(store: &dyn Store, document: i64, region: &str, n: i32) -> Vec<i64> {
    let lixia = store.find_region(region, None).unwrap().unwrap().id;
    let pm = store.find_indicator("PM2.5年均浓度").unwrap().unwrap();
    let facts: Vec<pledge_store::NewFact> = (0..n)
        .map(|i| pledge_store::NewFact {
            fact: pledge_model::Fact {
                doc: "".into(),
                article: 0,
                kind: pledge_model::Kind::Actual,
                scope: region.into(),
                indicator: pm.name.clone(),
                year: Some(1990 + i),
                period: None,
                baseline_year: None,
                measure: pledge_model::Measure::Level,
                direction: None,
                bound: pledge_model::Bound::Eq,
                value: 40.0 + f64::from(i),
                value_max: None,
                unit: pm.unit.as_str().into(),
                quote: format!("{}年{region}PM2.5年均浓度{}", 1990 + i, 40 + i),
                span: [0, 0],
            },
            region: Some(lixia),
            indicator: Some(pm.id),
        })
        .collect();
    store.add_facts(document, &facts, "test").unwrap()
}

#[tokio::test]
async fn every_write_route_allows_or_denies_every_role() {
    let seeded = seed::demo();
    let store = seeded.store.clone();
    let s = store.as_ref();
    let app = pledge_web::router(store.clone(), crate::options());

    let mut actors = Vec::new();
    for (role, r, regions) in [
        ("admin", Role::Admin, &[][..]),
        ("analyst", Role::Analyst, &[][..]),
        ("reporter", Role::Reporter, &["天桥区"][..]),
        ("viewer", Role::Viewer, &[][..]),
    ] {
        let token = add_user(s, role, r, regions);
        let session = sign_in(&app, role).await;
        actors.push(Actor {
            role,
            token: Some(token),
            session: Some(session),
        });
    }
    actors.push(Actor {
        role: "anonymous",
        token: None,
        session: None,
    });

    // Facts are used up only by reviews that succeed.
    let mut facts = reviewable(s, seeded.document, 24);
    let mut walked: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut n = 0;
    for a in &actors {
        let role = a.role;
        n += 1;
        // ---- API ----
        for action in ["accept", "reject"] {
            let id = *facts.last().expect("enough pending facts");
            let path = format!("/api/facts/{id}/{action}");
            let ok = if action == "accept" {
                StatusCode::OK
            } else {
                StatusCode::NO_CONTENT
            };
            let req = api_post(a, &path, "application/json", b"{}".to_vec());
            let expected = by_role(role, &["admin", "analyst"], ok);
            check(&app, s, &format!("{role} {path}"), req, expected).await;
            if expected.is_success() {
                facts.pop();
            }
        }
        walked.insert(("post", "/api/facts/{id}/accept"));
        walked.insert(("post", "/api/facts/{id}/reject"));

        let id = *facts.last().expect("enough pending facts");
        let body = json!({"ids": [id], "action": "reject", "reason": "authz"}).to_string();
        let req = api_post(a, "/api/review/bulk", "application/json", body.into_bytes());
        let expected = by_role(role, &["admin", "analyst"], StatusCode::OK);
        check(&app, s, &format!("{role} POST /api/review/bulk"), req, expected).await;
        if expected.is_success() {
            facts.pop();
        }
        walked.insert(("post", "/api/review/bulk"));

        for (region, mine) in [("天桥区", true), ("历下区", false)] {
            let value = format!("{}", 30 + n);
            let body = observation(region, &value).to_string().into_bytes();
            let req = api_post(a, "/api/observations", "application/json", body);
            let expected = match role {
                "reporter" if mine => StatusCode::CREATED,
                _ => by_role(role, &["admin", "analyst"], StatusCode::CREATED),
            };
            check(
                &app,
                s,
                &format!("{role} POST /api/observations {region}"),
                req,
                expected,
            )
            .await;

            let value = format!("{}", 60 + n);
            let file = xlsx(&[row(region, &value)]);
            let req = api_post(a, "/api/imports?name=rows.xlsx", "application/octet-stream", file);
            check(&app, s, &format!("{role} POST /api/imports {region}"), req, expected).await;
        }
        walked.insert(("post", "/api/observations"));
        walked.insert(("post", "/api/imports"));

        let admin_only = |ok| by_role(role, &["admin"], ok);
        let victim = format!("victim-{role}");
        let body = json!({"name": victim, "role": "viewer", "password": PASSWORD}).to_string();
        let req = api_post(a, "/api/users", "application/json", body.into_bytes());
        check(
            &app,
            s,
            &format!("{role} POST /api/users"),
            req,
            admin_only(StatusCode::CREATED),
        )
        .await;
        walked.insert(("post", "/api/users"));
        // The remaining account routes act on an account that surely exists.
        let spare = format!("spare-{role}");
        s.create_user(&pledge_store::NewUser::new(&spare, Role::Viewer), PASSWORD, "test")
            .unwrap();
        let req = api_post(
            a,
            &format!("/api/users/{spare}/tokens"),
            "application/json",
            b"{}".to_vec(),
        );
        check(
            &app,
            s,
            &format!("{role} POST tokens"),
            req,
            admin_only(StatusCode::CREATED),
        )
        .await;
        walked.insert(("post", "/api/users/{name}/tokens"));
        let id = s.create_token(&spare, &Default::default(), "test").unwrap().token.id;
        let req = api_post(a, &format!("/api/tokens/{id}/revoke"), "application/json", Vec::new());
        check(
            &app,
            s,
            &format!("{role} POST revoke"),
            req,
            admin_only(StatusCode::NO_CONTENT),
        )
        .await;
        walked.insert(("post", "/api/tokens/{id}/revoke"));
        let req = api_post(
            a,
            &format!("/api/users/{spare}/disable"),
            "application/json",
            Vec::new(),
        );
        check(
            &app,
            s,
            &format!("{role} POST disable"),
            req,
            admin_only(StatusCode::OK),
        )
        .await;
        walked.insert(("post", "/api/users/{name}/disable"));

        // Assigning a target's kind and lead units: analysts and admins.
        let target = s.targets(&Default::default()).unwrap()[0].id;
        let lead = format!("{role}-api");
        let req = api_post(
            a,
            &format!("/api/targets/{target}"),
            "application/json",
            json!({"lead_departments": [lead]}).to_string().into_bytes(),
        );
        let expected = by_role(role, &["admin", "analyst"], StatusCode::OK);
        check(&app, s, &format!("{role} POST /api/targets/{{id}}"), req, expected).await;
        walked.insert(("post", "/api/targets/{id}"));
        let lead = format!("{role}-page");
        let req = page_post(
            a,
            &format!("/targets/{target}/assign"),
            &[("binding", "binding"), ("lead", &lead)],
        );
        let expected = by_role(role, &["admin", "analyst"], StatusCode::SEE_OTHER);
        check(&app, s, &format!("{role} POST /targets/{{id}}/assign"), req, expected).await;
        walked.insert(("post", "/targets/{id}/assign"));

        // ---- pages ----
        for action in ["accept", "reject"] {
            let id = *facts.last().expect("enough pending facts");
            let path = format!("/facts/{id}/{action}");
            let req = page_post(a, &path, &[("note", "")]);
            let expected = by_role(role, &["admin", "analyst"], StatusCode::SEE_OTHER);
            check(&app, s, &format!("{role} {path}"), req, expected).await;
            if expected.is_redirection() {
                facts.pop();
            }
        }
        walked.insert(("post", "/facts/{id}/{action}"));

        for action in ["accept", "reject"] {
            let id = *facts.last().expect("enough pending facts");
            let path = format!("/review/{id}/{action}");
            let req = page_post(a, &path, &[("reason", "authz")]);
            let expected = by_role(role, &["admin", "analyst"], StatusCode::SEE_OTHER);
            check(&app, s, &format!("{role} {path}"), req, expected).await;
            if expected.is_redirection() {
                facts.pop();
            }
        }
        walked.insert(("post", "/review/{id}/accept"));
        walked.insert(("post", "/review/{id}/reject"));
        let id = *facts.last().expect("enough pending facts");
        let id_text = id.to_string();
        let req = page_post(
            a,
            "/review/bulk",
            &[("ids", id_text.as_str()), ("action", "reject"), ("reason", "authz")],
        );
        let expected = by_role(role, &["admin", "analyst"], StatusCode::SEE_OTHER);
        check(&app, s, &format!("{role} POST /review/bulk"), req, expected).await;
        if expected.is_redirection() {
            facts.pop();
        }
        walked.insert(("post", "/review/bulk"));

        for (region, mine) in [("天桥区", true), ("历下区", false)] {
            let value = format!("{}", 90 + n);
            let fields = [
                ("region", region),
                ("indicator", "PM2.5年均浓度"),
                ("year", "2024"),
                ("value", value.as_str()),
                ("unit", "微克/立方米"),
                ("measure", "level"),
                ("source_url", "https://example.invalid/authz"),
                ("quote", "authz"),
            ];
            let expected = match role {
                "reporter" if mine => StatusCode::CREATED,
                _ => by_role(role, &["admin", "analyst"], StatusCode::CREATED),
            };
            check(
                &app,
                s,
                &format!("{role} POST /entry {region}"),
                page_post(a, "/entry", &fields),
                expected,
            )
            .await;
            let value = format!("{}", 120 + n);
            let file = xlsx(&[row(region, &value)]);
            check(
                &app,
                s,
                &format!("{role} POST /entry/upload {region}"),
                page_upload(a, &file),
                expected,
            )
            .await;
        }
        walked.insert(("post", "/entry"));
        walked.insert(("post", "/entry/upload"));

        let victim = format!("pagevictim-{role}");
        let fields = [
            ("name", victim.as_str()),
            ("role", "viewer"),
            ("regions", ""),
            ("departments", ""),
            ("password", PASSWORD),
        ];
        let req = page_post(a, "/admin/users", &fields);
        check(
            &app,
            s,
            &format!("{role} POST /admin/users"),
            req,
            admin_only(StatusCode::CREATED),
        )
        .await;
        walked.insert(("post", "/admin/users"));
        let req = page_post(a, &format!("/admin/users/{spare}/disable"), &[("disabled", "false")]);
        check(
            &app,
            s,
            &format!("{role} POST /admin/users/…/disable"),
            req,
            admin_only(StatusCode::SEE_OTHER),
        )
        .await;
        walked.insert(("post", "/admin/users/{name}/disable"));
    }

    // Signing in is open to all (a wrong password is 401); signing out needs a session.
    for a in &actors {
        let name = if a.role == "anonymous" { "nobody" } else { a.role };
        let r = crate::sign_in_reply(&app, name, PASSWORD).await;
        let expected = if a.role == "anonymous" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::SEE_OTHER
        };
        assert_eq!(r.status, expected, "{} POST /signin", a.role);
        let req = page_post(a, "/signout", &[]);
        let expected = if a.role == "anonymous" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::SEE_OTHER
        };
        check(&app, s, &format!("{} POST /signout", a.role), req, expected).await;
    }
    walked.insert(("post", "/signin"));
    walked.insert(("post", "/signout"));

    let writes: BTreeSet<(&str, &str)> = pledge_web::routes::table()
        .into_iter()
        .filter(|r| r.method != "get")
        .map(|r| (r.method, r.path))
        .collect();
    let missing: Vec<_> = writes.difference(&walked).collect();
    assert!(
        missing.is_empty(),
        "write routes without an authorization rule in this test: {missing:?}"
    );
}

/// A 天桥区 reporter cannot write 历下区 data by any trick: edited form fields, extra id
/// fields, a file mixing its region with another, an alias of another region.
#[tokio::test]
async fn a_tianqiao_reporter_cannot_write_lixia_data_by_any_route() {
    let seeded = seed::demo();
    let store = seeded.store.clone();
    let s = store.as_ref();
    let app = pledge_web::router(store.clone(), crate::options());
    let tianqiao = s.find_region("天桥区", None).unwrap().unwrap().id;
    let lixia = s.find_region("历下区", None).unwrap().unwrap().id;
    let token = add_user(s, "tq", Role::Reporter, &["天桥区"]);
    let session = sign_in(&app, "tq").await;
    let reporter = Actor {
        role: "reporter",
        token: Some(token),
        session: Some(session),
    };
    let lixia_obs = |store: &dyn Store| {
        store
            .observations(&pledge_store::ObservationFilter {
                region: Some(lixia),
                include_history: true,
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    let before = lixia_obs(s);
    // A form whose region was edited to 历下区, with the reporter's own region id smuggled
    // in hidden fields; the server resolves the region from the row and refuses.
    let tq = tianqiao.to_string();
    for (label, fields) in [
        ("edited region", vec![("region", "历下区")]),
        (
            "hidden region id",
            vec![("region", "历下区"), ("region_id", tq.as_str())],
        ),
        ("official name", vec![("region", "济南市历下区")]),
    ] {
        let mut all = fields.clone();
        all.extend([
            ("indicator", "PM2.5年均浓度"),
            ("year", "2024"),
            ("value", "33"),
            ("unit", "微克/立方米"),
            ("source_url", "https://example.invalid/x"),
            ("quote", "x"),
        ]);
        let r = send(&app, page_post(&reporter, "/entry", &all)).await;
        assert!(
            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY),
            "{label}: {}",
            r.status
        );
        let mut body = serde_json::Map::new();
        for (k, v) in &all {
            body.insert((*k).into(), json!(v));
        }
        let req = api_post(
            &reporter,
            "/api/observations",
            "application/json",
            serde_json::to_vec(&body).unwrap(),
        );
        let r = send(&app, req).await;
        assert!(
            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY),
            "API {label}: {}",
            r.status
        );
    }
    // A file with one row of its own and one of 历下区: refused whole.
    let file = xlsx(&[row("天桥区", "31"), row("历下区", "32")]);
    assert_eq!(
        send(&app, page_upload(&reporter, &file)).await.status,
        StatusCode::FORBIDDEN
    );
    let req = api_post(&reporter, "/api/imports?name=x.xlsx", "application/octet-stream", file);
    assert_eq!(send(&app, req).await.status, StatusCode::FORBIDDEN);
    // Reviewing a 历下区 fact: refused by role, whatever the form says.
    let fact = reviewable(s, seeded.document, 1)[0];
    let r = send(
        &app,
        page_post(&reporter, &format!("/facts/{fact}/accept"), &[("region", &tq)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let body = json!({"region": tianqiao}).to_string().into_bytes();
    let r = send(
        &app,
        api_post(
            &reporter,
            &format!("/api/facts/{fact}/accept"),
            "application/json",
            body,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(lixia_obs(s), before, "nothing written for 历下区");
    // Its own region works, so the refusals above are about the region.
    let r = send(
        &app,
        api_post(
            &reporter,
            "/api/observations",
            "application/json",
            observation("天桥区", "31").to_string().into_bytes(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

/// A region given to an analyst is honoured for every write (issue 16, defect 6): a
/// 天桥区 analyst can neither reject nor accept a 莱芜区 fact by any route (a region in the
/// request body opens nothing, and its own fact cannot be moved out), nor record 历下区
/// figures through the API, the form, an upload or an import; its own region works.
#[tokio::test]
async fn a_tianqiao_analyst_reviews_and_writes_its_region_only() {
    let seeded = seed::demo();
    let store = seeded.store.clone();
    let s = store.as_ref();
    let app = pledge_web::router(store.clone(), crate::options());
    let tianqiao = s.find_region("天桥区", None).unwrap().unwrap().id;
    let lixia = s.find_region("历下区", None).unwrap().unwrap().id;
    let analyst = Actor {
        role: "analyst",
        token: Some(add_user(s, "tq-analyst", Role::Analyst, &["天桥区"])),
        session: Some(sign_in(&app, "tq-analyst").await),
    };
    let laiwu = reviewable_in(s, seeded.document, "莱芜区", 1)[0];
    let own = reviewable_in(s, seeded.document, "天桥区", 2);
    let json = |v: serde_json::Value| v.to_string().into_bytes();
    let api = |uri: String, body: Vec<u8>| api_post(&analyst, &uri, "application/json", body);
    let tq = tianqiao.to_string();
    let refused = [
        (
            "API reject",
            api(format!("/api/facts/{laiwu}/reject"), json(json!({"note": "x"}))),
        ),
        (
            "API accept into its own region",
            api(format!("/api/facts/{laiwu}/accept"), json(json!({"region": tianqiao}))),
        ),
        (
            "API accept of its own fact moved to 历下区",
            api(format!("/api/facts/{}/accept", own[0]), json(json!({"region": lixia}))),
        ),
        (
            "page reject",
            page_post(&analyst, &format!("/facts/{laiwu}/reject"), &[("note", "x")]),
        ),
        (
            "queue reject",
            page_post(&analyst, &format!("/review/{laiwu}/reject"), &[("reason", "x")]),
        ),
        (
            "queue accept naming its own region",
            page_post(
                &analyst,
                &format!("/review/{laiwu}/accept"),
                &[("region", "天桥区"), ("region_id", tq.as_str())],
            ),
        ),
        (
            "queue accept of its own fact moved to 历下区",
            page_post(&analyst, &format!("/review/{}/accept", own[0]), &[("region", "历下区")]),
        ),
        (
            "API observation",
            api("/api/observations".into(), json(observation("历下区", "33"))),
        ),
        (
            "entry form",
            page_post(
                &analyst,
                "/entry",
                &[
                    ("region", "历下区"),
                    ("indicator", "PM2.5年均浓度"),
                    ("year", "2024"),
                    ("value", "33"),
                    ("unit", "微克/立方米"),
                    ("source_url", "https://example.invalid/x"),
                    ("quote", "x"),
                ],
            ),
        ),
        (
            "upload",
            page_upload(&analyst, &xlsx(&[row("天桥区", "31"), row("历下区", "32")])),
        ),
        (
            "API import",
            api_post(
                &analyst,
                "/api/imports?name=x.xlsx",
                "application/octet-stream",
                xlsx(&[row("历下区", "32")]),
            ),
        ),
    ];
    for (label, request) in refused {
        check(&app, s, label, request, StatusCode::FORBIDDEN).await;
    }
    // Bulk: the 莱芜区 fact is left pending and named, the 天桥区 one decided.
    let r = send(
        &app,
        api(
            "/api/review/bulk".into(),
            json(json!({"ids": [laiwu, own[1]], "action": "reject", "reason": "x"})),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let answer = r.json();
    assert_eq!(answer["rejected"], json!([own[1]]), "{answer}");
    assert_eq!(answer["left"][0]["id"], json!(laiwu), "{answer}");
    let ids = laiwu.to_string();
    let csrf = analyst.session.as_ref().unwrap().csrf.clone();
    let form = serde_urlencoded::to_string([
        ("ids", ids.as_str()),
        ("action", "reject"),
        ("reason", "x"),
        ("csrf", &csrf),
    ])
    .unwrap();
    let r = send(
        &app,
        Request::post("/review/bulk")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &analyst.session.as_ref().unwrap().cookie)
            .body(Body::from(form))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let fact = s.fact(laiwu).unwrap().unwrap();
    assert_eq!(
        fact.review,
        pledge_store::Review::Pending,
        "the 莱芜区 fact is untouched"
    );
    // Its own region works, so the refusals above are about the region.
    check(
        &app,
        s,
        "API accept of its own fact",
        api(format!("/api/facts/{}/accept", own[0]), Vec::new()),
        StatusCode::OK,
    )
    .await;
    check(
        &app,
        s,
        "API observation of its own region",
        api("/api/observations".into(), json(observation("天桥区", "31"))),
        StatusCode::CREATED,
    )
    .await;
}

/// The review queue lists to a confined analyst only the facts of its regions (issue 16):
/// a 天桥区 analyst saw every region's facts on `GET /api/review` and `/review`, though it
/// could decide none of them; an analyst without regions still sees them all.
#[tokio::test]
async fn a_tianqiao_analyst_lists_only_its_regions_facts_for_review() {
    let seeded = seed::demo();
    let store = seeded.store.clone();
    let s = store.as_ref();
    let app = pledge_web::router(store.clone(), crate::options());
    let tianqiao = s.find_region("天桥区", None).unwrap().unwrap().id;
    let laiwu = reviewable_in(s, seeded.document, "莱芜区", 1)[0];
    let own = reviewable_in(s, seeded.document, "天桥区", 2);
    let confined = add_user(s, "tq-lister", Role::Analyst, &["天桥区"]);
    let everywhere = add_user(s, "all-lister", Role::Analyst, &[]);
    let ids = |token: &str| {
        let app = app.clone();
        let token = token.to_owned();
        async move {
            let reply = crate::get_bearer(&app, "/api/review", &token).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
            reply
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(|i| (i["fact"]["id"].as_i64().unwrap(), i["fact"]["region"].as_i64()))
                .collect::<Vec<_>>()
        }
    };
    let seen = ids(&confined).await;
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|(_, region)| *region == Some(tianqiao)),
        "only 天桥区 facts: {seen:?}"
    );
    assert!(
        own.iter().all(|id| seen.iter().any(|(s, _)| s == id)),
        "its own facts are listed"
    );
    let all = ids(&everywhere).await;
    assert!(
        all.iter().any(|(id, _)| *id == laiwu),
        "an unconfined analyst sees the 莱芜区 fact"
    );
    assert!(all.len() > seen.len());

    let session = sign_in(&app, "tq-lister").await;
    let page = crate::get_with_cookie(&app, "/review", &session.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains(&format!("/review/{}/accept", own[0])),
        "its own fact is on the page"
    );
    assert!(
        !html.contains(&format!("/review/{laiwu}/")),
        "the 莱芜区 fact is not on the page"
    );
}

/// A reporter with departments reports only on the series their targets belong to.
#[tokio::test]
async fn reporters_with_departments_report_for_their_targets_only() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = pledge_web::router(seeded.store.clone(), crate::options());
    let jinan = s.find_region("济南市", None).unwrap().unwrap();
    let mut user = pledge_store::NewUser::new("dept", Role::Reporter);
    user.regions = vec![jinan.id];
    user.departments = vec!["某不相干局".into()];
    s.create_user(&user, PASSWORD, "test").unwrap();
    let token = s.create_token("dept", &Default::default(), "test").unwrap().secret;
    let actor = Actor {
        role: "reporter",
        token: Some(token.expose().to_owned()),
        session: None,
    };
    let body = observation("济南市", "35").to_string().into_bytes();
    let r = send(
        &app,
        api_post(&actor, "/api/observations", "application/json", body.clone()),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    // With the department that leads the PM2.5 target it may.
    s.set_user_scope("dept", Role::Reporter, &[jinan.id], &["市生态环境局".into()], "test")
        .unwrap();
    let r = send(&app, api_post(&actor, "/api/observations", "application/json", body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}
