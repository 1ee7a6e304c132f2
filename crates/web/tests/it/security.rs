//! Security: CSRF tokens on every form, SQL-injection strings stored verbatim, body
//! limits (413), revoked tokens, secrets kept out of audit and exports, login rate limits.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pledge_store::{Role, Store};
use serde_json::json;

use crate::{PASSWORD, add_user, get, multipart, post_json, seed, send, sign_in, sign_in_reply, xlsx};

/// Strings that would hurt if anything pasted them into SQL.
const INJECTIONS: [&str; 5] = [
    "'; DROP TABLE observations; --",
    "\" OR 1=1 --",
    "1); DELETE FROM users; --",
    "x' UNION SELECT password_hash FROM users --",
    "Robert'); DROP TABLE audit_log;--",
];

fn app_of(store: &std::sync::Arc<dyn Store>) -> Router {
    pledge_web::router(store.clone(), pledge_web::Options::default())
}

/// Every page form without its token, or with a wrong one, gets 403 and writes nothing.
#[tokio::test]
async fn forms_without_the_right_csrf_token_get_403() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    add_user(s, "root", Role::Admin, &[]);
    add_user(s, "spare", Role::Viewer, &[]);
    let session = sign_in(&app, "root").await;
    let fact = s
        .facts(&pledge_store::FactFilter {
            document: None,
            review: Some(pledge_store::Review::Pending),
        })
        .unwrap()[0]
        .id;
    let entry = [
        ("region", "济南市"),
        ("indicator", "PM2.5年均浓度"),
        ("year", "2024"),
        ("value", "30"),
        ("unit", "微克/立方米"),
        ("source_url", "https://example.invalid/c"),
        ("quote", "c"),
    ];
    let accept = format!("/facts/{fact}/accept");
    let forms: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/entry", entry.to_vec()),
        (accept.as_str(), vec![("note", "")]),
        (
            "/admin/users",
            vec![("name", "evil"), ("role", "admin"), ("password", PASSWORD)],
        ),
        ("/admin/users/spare/disable", vec![]),
        ("/signout", vec![]),
    ];
    let other = sign_in(&app, "spare").await;
    for (path, fields) in &forms {
        for token in [None, Some("0123"), Some(other.csrf.as_str())] {
            let mut pairs = fields.clone();
            if let Some(t) = token {
                pairs.push(("csrf", t));
            }
            let before = s.counts().unwrap().audit;
            let r = crate::post_form(&app, path, Some(&session), &pairs).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} with csrf {token:?}");
            assert_eq!(s.counts().unwrap().audit, before, "{path}: nothing written");
        }
    }
    // The upload form (multipart).
    for token in ["", "0123"] {
        let (content_type, body) = multipart(&[("csrf", token)], "a.xlsx", &xlsx(&[]));
        let r = send(
            &app,
            Request::post("/entry/upload")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, &session.cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "upload with csrf {token:?}");
    }
    // The sign-in form: its token must match its cookie.
    let r = send(
        &app,
        Request::post("/signin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, "pledge_signin=abc")
            .body(Body::from(format!("name=root&password={PASSWORD}&csrf=abd")))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(
        &app,
        Request::post("/signin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("name=root&password={PASSWORD}")))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // With the token, the same form works (so the 403s above are about the token).
    let mut pairs = entry.to_vec();
    pairs.push(("csrf", &session.csrf));
    let r = crate::post_form(&app, "/entry", Some(&session), &pairs).await;
    assert_eq!(r.status, StatusCode::CREATED);
    // A bearer call to the API needs no CSRF token.
    let token = add_user(s, "ana", Role::Analyst, &[]);
    let body = json!({"region": "济南市", "indicator": "PM2.5年均浓度", "year": 2024, "value": 31, "unit": "微克/立方米",
                      "source_url": "https://example.invalid/c", "quote": "c"});
    assert_eq!(
        post_json(&app, "/api/observations", Some(&token), &body).await.status,
        StatusCode::CREATED
    );
    // …and a session cookie alone cannot drive the API (it has no CSRF check).
    let r = send(
        &app,
        Request::post("/api/observations")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

fn table_counts(s: &dyn Store) -> (u64, u64, u64, u64, u64) {
    let c = s.counts().unwrap();
    (c.regions, c.indicators, c.targets, c.documents, c.facts)
}

/// Injection strings in every text field of the API, the upload and the forms are either
/// stored verbatim (free text) or refused as unknown names (422); nothing else happens.
#[tokio::test]
async fn sql_injection_strings_are_stored_verbatim_and_harm_nothing() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    let token = add_user(s, "ana", Role::Analyst, &[]);
    add_user(s, "root", Role::Admin, &[]);
    let session = sign_in(&app, "ana").await;
    let tables = table_counts(s);
    let users = s.users().unwrap().len();
    let fields = [
        "region",
        "indicator",
        "year",
        "value",
        "unit",
        "source_url",
        "quote",
        "note",
        "period",
        "measure",
    ];
    let base = |year: i32| {
        json!({"region": "济南市", "indicator": "PM2.5年均浓度", "year": year, "value": 30, "unit": "微克/立方米",
               "source_url": "https://example.invalid/i", "quote": "q"})
    };
    let mut year = 1900;
    for evil in INJECTIONS {
        for field in fields {
            year += 1;
            let mut body = base(year);
            body[field] = json!(evil);
            let r = post_json(&app, "/api/observations", Some(&token), &body).await;
            assert!(
                matches!(r.status, StatusCode::CREATED | StatusCode::UNPROCESSABLE_ENTITY),
                "{field}={evil}: {} {}",
                r.status,
                r.text()
            );
            if r.status == StatusCode::CREATED {
                let id = r.json()["id"].as_i64().unwrap();
                let stored = s.observation(id).unwrap().unwrap();
                let verbatim = match field {
                    "quote" => stored.source.quote.clone(),
                    "source_url" => stored.source.url.clone(),
                    "note" => stored.note.clone(),
                    "period" => stored.observation.period.clone().unwrap_or_default(),
                    other => panic!("{other} took an injection string as a value"),
                };
                assert_eq!(verbatim, evil, "{field} stored verbatim");
            }
        }
        // The upload: the string in the quote column, stored verbatim.
        year += 1;
        let y = year.to_string();
        let file = xlsx(&[[
            "济南市",
            "PM2.5年均浓度",
            &y,
            "30",
            "微克/立方米",
            "https://example.invalid/u",
            evil,
        ]]);
        let r = send(
            &app,
            Request::post("/api/imports?name=i.xlsx")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from(file))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // The upload: the string as a region name: refused by row and column.
        let file = xlsx(&[[
            evil,
            "PM2.5年均浓度",
            &y,
            "30",
            "微克/立方米",
            "https://example.invalid/u",
            "q",
        ]]);
        let (content_type, body) = multipart(&[("csrf", &session.csrf)], "i.xlsx", &file);
        let r = send(
            &app,
            Request::post("/entry/upload")
                .header(header::CONTENT_TYPE, content_type)
                .header(header::COOKIE, &session.cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The form: the string as the note and the quote.
        year += 1;
        let y = year.to_string();
        let pairs = [
            ("region", "济南市"),
            ("indicator", "PM2.5年均浓度"),
            ("year", y.as_str()),
            ("value", "30"),
            ("unit", "微克/立方米"),
            ("source_url", "https://example.invalid/f"),
            ("quote", evil),
            ("note", evil),
            ("csrf", session.csrf.as_str()),
        ];
        let r = crate::post_form(&app, "/entry", Some(&session), &pairs).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    // Account forms: names and departments.
    let admin = sign_in(&app, "root").await;
    let depts = INJECTIONS.join(",");
    let pairs = [
        ("name", "x';DROP/**/TABLE/**/users;--"),
        ("role", "reporter"),
        ("departments", depts.as_str()),
        ("password", PASSWORD),
        ("csrf", admin.csrf.as_str()),
    ];
    let r = crate::post_form(&app, "/admin/users", Some(&admin), &pairs).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let u = s.user("x';DROP/**/TABLE/**/users;--").unwrap().unwrap();
    let mut want: Vec<String> = INJECTIONS.iter().map(|d| (*d).to_owned()).collect();
    want.sort();
    assert_eq!(u.departments, want);
    // Everything is still there.
    assert_eq!(
        table_counts(s),
        tables,
        "regions, indicators, targets, documents, facts intact"
    );
    assert_eq!(s.users().unwrap().len(), users + 1);
    let quotes = s
        .observations(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|o| INJECTIONS.contains(&o.source.quote.as_str()))
        .count();
    assert_eq!(quotes, INJECTIONS.len() * 3, "api, upload and form rows, verbatim");
    assert!(s.integrity_check().unwrap().is_empty());
    assert_eq!(get(&app, "/api/scoreboard").await.status, StatusCode::OK);
}

/// Bodies over the limits get 413 and write nothing.
#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let options = pledge_web::Options {
        max_upload_bytes: 4096,
        ..pledge_web::Options::default()
    };
    let app = pledge_web::router(seeded.store.clone(), options);
    let token = add_user(s, "ana", Role::Analyst, &[]);
    let session = sign_in(&app, "ana").await;
    let before = s.counts().unwrap().audit;
    let big = vec![b'x'; 5000];
    let r = send(
        &app,
        Request::post("/api/imports?name=big.csv")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::from(big.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let (content_type, body) = multipart(&[("csrf", &session.csrf)], "big.csv", &big);
    let r = send(
        &app,
        Request::post("/entry/upload")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let mut obs = json!({"region": "济南市", "indicator": "PM2.5年均浓度", "year": 2024, "value": 30,
                         "unit": "微克/立方米", "source_url": "https://example.invalid/b"});
    obs["quote"] = json!("长".repeat(2000));
    assert_eq!(
        post_json(&app, "/api/observations", Some(&token), &obs).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let long_note = "x".repeat(5000);
    let r = crate::post_form(
        &app,
        "/entry",
        Some(&session),
        &[("note", &long_note), ("csrf", &session.csrf)],
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(s.counts().unwrap().audit, before, "nothing written");
}

#[tokio::test]
async fn a_revoked_token_is_refused_at_once() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    let admin = add_user(s, "root", Role::Admin, &[]);
    add_user(s, "ana", Role::Analyst, &[]);
    let r = post_json(&app, "/api/users/ana/tokens", Some(&admin), &json!({"name": "script"})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let issued = r.json();
    let secret = issued["secret"].as_str().unwrap().to_owned();
    let id = issued["token"]["id"].as_i64().unwrap();
    let me = |t: String| {
        let app = app.clone();
        async move {
            send(
                &app,
                Request::get("/api/me")
                    .header(header::AUTHORIZATION, format!("Bearer {t}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    let r = me(secret.clone()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["principal"]["name"], "ana");
    let listed = crate::get_bearer(&app, "/api/tokens?user=ana", &admin).await.json();
    let mine = listed.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap();
    assert!(mine["last_used_at"].is_string(), "last use recorded: {mine}");
    let r = post_json(&app, &format!("/api/tokens/{id}/revoke"), Some(&admin), &json!({})).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(me(secret.clone()).await.status, StatusCode::UNAUTHORIZED);
    let body = json!({"region": "济南市", "indicator": "PM2.5年均浓度", "year": 2024, "value": 30, "unit": "微克/立方米",
                      "source_url": "https://example.invalid/r", "quote": "r"});
    assert_eq!(
        post_json(&app, "/api/observations", Some(&secret), &body).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Disabling a user ends its tokens and sessions at once too.
    let other = add_user(s, "rep", Role::Reporter, &["天桥区"]);
    let session = sign_in(&app, "rep").await;
    s.set_user_disabled("rep", true, "test").unwrap();
    assert_eq!(me(other).await.status, StatusCode::UNAUTHORIZED);
    let page = crate::get_with_cookie(&app, "/entry", &session.cookie).await.text();
    assert!(page.contains(r#"id="signin-link""#), "the session ended");
}

/// Passwords, tokens, session ids and CSRF tokens appear in no audit entry, no export of
/// it or of the data, and no `Debug` output.
#[tokio::test]
async fn secrets_never_appear_in_audit_exports_or_debug() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    let admin = add_user(s, "root", Role::Admin, &[]);
    let created = post_json(
        &app,
        "/api/users",
        Some(&admin),
        &json!({"name": "newbie", "role": "reporter", "regions": ["天桥区"], "password": "Sup3r-s3cret-pw"}),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert!(!created.text().contains("Sup3r"));
    let issued = post_json(&app, "/api/users/newbie/tokens", Some(&admin), &json!({}))
        .await
        .json();
    let token = issued["secret"].as_str().unwrap().to_owned();
    let obs = json!({"region": "天桥区", "indicator": "PM2.5年均浓度", "year": 2024, "value": 30, "unit": "微克/立方米",
                     "source_url": "https://example.invalid/s", "quote": "s"});
    assert_eq!(
        post_json(&app, "/api/observations", Some(&token), &obs).await.status,
        StatusCode::CREATED
    );
    let r = sign_in_reply(&app, "newbie", "Sup3r-s3cret-pw").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let session_id = crate::set_cookie_value(&r, "pledge_session").unwrap();
    let session = sign_in(&app, "root").await;
    let ana = sign_in(&app, "root").await;
    let _ = crate::post_form(&app, "/signout", Some(&ana), &[("csrf", &ana.csrf)]).await;
    let secrets = [
        "Sup3r-s3cret-pw",
        PASSWORD,
        token.as_str(),
        admin.as_str(),
        session_id.as_str(),
        session.cookie.trim_start_matches("pledge_session="),
        session.csrf.as_str(),
        ana.csrf.as_str(),
    ];
    let mut texts = Vec::new();
    for uri in [
        "/api/audit",
        "/api/audit?format=csv",
        "/api/audit?format=json",
        "/api/users",
        "/api/tokens",
        "/api/export/observations?format=csv",
    ] {
        let r = crate::get_bearer(&app, uri, &admin).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        texts.push((uri.to_owned(), r.text()));
    }
    for uri in [
        "/admin/audit",
        "/admin/audit/audit.csv",
        "/admin/audit/audit.json",
        "/admin/users",
    ] {
        let r = crate::get_with_cookie(&app, uri, &session.cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        texts.push((uri.to_owned(), r.text()));
    }
    let audit_json = &texts[0].1;
    assert!(
        audit_json.contains("\"users\"") && audit_json.contains("newbie"),
        "accounts are audited"
    );
    assert!(audit_json.contains("api_tokens"), "tokens are audited");
    let xlsx = crate::get_bearer(&app, "/api/audit?format=xlsx", &admin).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with(b"PK"), "an xlsx (zip) file");
    let entries = s.audit(&Default::default()).unwrap();
    texts.push(("store audit".into(), format!("{entries:?}")));
    texts.push((
        "Debug of options".into(),
        format!("{:?}", pledge_web::Options::default().with_token("bootstrap-secret-1")),
    ));
    for (what, text) in &texts {
        for secret in secrets.iter().chain(&["bootstrap-secret-1", "$argon2"]) {
            // An admin page carries its own session's CSRF token in its forms, as it must.
            let own_form_token = what.starts_with("/admin/users") || what == "/admin/audit";
            if own_form_token && *secret == session.csrf {
                continue;
            }
            assert!(
                !text.contains(secret),
                "{what} contains a secret ({} chars)",
                secret.len()
            );
        }
    }
}

#[tokio::test]
async fn repeated_failed_logins_get_429() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    add_user(s, "ana", Role::Analyst, &[]);
    add_user(s, "bob", Role::Analyst, &[]);
    for i in 0..5 {
        let r = sign_in_reply(&app, "ana", "wrong-password").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "failure {i}");
    }
    // The sixth try is refused before the password is looked at, even the right one.
    let r = sign_in_reply(&app, "ana", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(crate::set_cookie_value(&r, "pledge_session").is_none());
    // Another user is not locked out by ana's failures.
    assert_eq!(sign_in_reply(&app, "bob", PASSWORD).await.status, StatusCode::SEE_OTHER);
}

/// Lock-out is no weapon against the owner (issue 16, defect 10): while someone types wrong
/// passwords for ana's name, an unknown browser is refused even with the right password,
/// but ana's own browser (the device cookie of an earlier sign-in) still signs in with it.
/// A wrong password typed on that browser while the name is limited forgets the device.
#[tokio::test]
async fn a_known_browser_still_signs_in_while_the_name_is_attacked() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    add_user(s, "ana", Role::Analyst, &[]);
    let first = sign_in_reply(&app, "ana", PASSWORD).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let device = crate::set_cookie_value(&first, "pledge_device").expect("a sign-in leaves a device cookie");
    for i in 0..6 {
        let r = crate::sign_in_on(&app, "ana", "wrong-password", None).await;
        assert!(
            matches!(r.status, StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS),
            "attempt {i}"
        );
    }
    let stranger = crate::sign_in_on(&app, "ana", PASSWORD, None).await;
    assert_eq!(
        stranger.status,
        StatusCode::TOO_MANY_REQUESTS,
        "an unknown browser waits"
    );
    let forged = crate::sign_in_on(&app, "ana", PASSWORD, Some("0123abcd")).await;
    assert_eq!(
        forged.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a made-up device is unknown"
    );
    let owner = crate::sign_in_on(&app, "ana", PASSWORD, Some(&device)).await;
    assert_eq!(owner.status, StatusCode::SEE_OTHER, "the owner's browser passes");
    assert!(crate::set_cookie_value(&owner, "pledge_session").is_some());
    assert!(
        crate::set_cookie_value(&owner, "pledge_device").is_none(),
        "a known device keeps its cookie"
    );
    // The owner's success reset the name's count; the attack starts over.
    for _ in 0..5 {
        crate::sign_in_on(&app, "ana", "wrong-password", None).await;
    }
    let r = crate::sign_in_on(&app, "ana", "wrong-password", Some(&device)).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "a known device's password is checked"
    );
    let r = crate::sign_in_on(&app, "ana", PASSWORD, Some(&device)).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a wrong password on it while limited forgot the device"
    );
}

/// With public reads off, anonymous callers must sign in; accounts of any role may read.
#[tokio::test]
async fn private_mode_needs_an_account_to_read() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let options = pledge_web::Options {
        public_read: false,
        ..pledge_web::Options::default()
    };
    let app = pledge_web::router(seeded.store.clone(), options);
    let viewer = add_user(s, "v", Role::Viewer, &[]);
    assert_eq!(get(&app, "/api/scoreboard").await.status, StatusCode::UNAUTHORIZED);
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/signin?next=")
    );
    assert_eq!(get(&app, "/signin").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/static/style.css").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/api/openapi.json").await.status, StatusCode::OK);
    assert_eq!(
        crate::get_bearer(&app, "/api/scoreboard", &viewer).await.status,
        StatusCode::OK
    );
    let session = sign_in(&app, "v").await;
    assert_eq!(
        crate::get_with_cookie(&app, "/", &session.cookie).await.status,
        StatusCode::OK
    );
    // Default: public.
    let public = app_of(&seeded.store);
    assert_eq!(get(&public, "/api/scoreboard").await.status, StatusCode::OK);
}

/// Pages, the API, static files, errors and denials all carry the security headers, and
/// the CSP allows what the pages load: their own stylesheet, nothing inline.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let seeded = seed::demo();
    let app = app_of(&seeded.store);
    let scoreboard = get(&app, "/").await;
    assert_eq!(scoreboard.status, StatusCode::OK);
    let html = scoreboard.text();
    assert!(html.contains(r#"<link rel="stylesheet" href="/static/style.css">"#));
    for inline in ["<script", "style=", "<style", " onclick=", " onload="] {
        assert!(!html.contains(inline), "the CSP would block {inline}");
    }
    let denied = post_json(&app, "/api/observations", None, &json!({})).await;
    assert!(denied.status.is_client_error(), "{}", denied.status);
    for reply in [
        scoreboard,
        get(&app, "/api/openapi.json").await,
        get(&app, "/static/style.css").await,
        get(&app, "/no/such/page").await,
        get(&app, "/api/no-such-route").await,
        denied,
    ] {
        let header = |name: &str| {
            reply
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(csp.contains("style-src 'self'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("x-frame-options"), "DENY");
        assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin");
    }
}

/// A `javascript:` or bare-word source address is refused by the API, named by field.
#[tokio::test]
async fn a_source_url_that_is_not_a_web_address_is_refused() {
    let seeded = seed::demo();
    let s = seeded.store.as_ref();
    let app = app_of(&seeded.store);
    let token = add_user(s, "rep", Role::Reporter, &[]);
    let before = s.counts().unwrap().current_observations;
    for url in ["javascript:alert(1)//", "notaurl"] {
        let body = json!({"region": "济南市", "indicator": "PM2.5年均浓度", "year": 2024, "value": 30,
                          "unit": "微克/立方米", "source_url": url, "quote": "q"});
        let r = post_json(&app, "/api/observations", Some(&token), &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {}", r.text());
        assert!(r.text().contains("source_url"), "{}", r.text());
    }
    assert_eq!(s.counts().unwrap().current_observations, before);
}

/// Slow clients: 300 connections that sent half a header do not stop the server —
/// `/api/openapi.json` still answers with a connection cap below their number — and a
/// half-sent header is closed once the (here short) header timeout passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_connections_are_timed_out_and_capped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let seeded = seed::demo();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = pledge_web::Options {
        header_read_timeout: std::time::Duration::from_millis(200),
        max_connections: 50,
        ..pledge_web::Options::default()
    };
    tokio::spawn(pledge_web::serve_on(listener, seeded.store.clone(), options));
    let mut slow = Vec::new();
    for _ in 0..300 {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        slow.push(s);
    }
    let mut client = tokio::net::TcpStream::connect(addr).await.unwrap();
    client
        .write_all(b"GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut reply = Vec::new();
    // The guard only keeps a broken server from hanging the test; it measures nothing.
    tokio::time::timeout(std::time::Duration::from_secs(60), client.read_to_end(&mut reply))
        .await
        .expect("the server answers despite the half-open connections")
        .unwrap();
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 200"), "{}", &reply[..reply.len().min(200)]);
    assert!(reply.contains("\"openapi\""));
    // Every half-sent request is closed by the server: reading reaches the end.
    for s in &mut slow[..5] {
        let mut rest = Vec::new();
        let read = tokio::time::timeout(std::time::Duration::from_secs(60), s.read_to_end(&mut rest)).await;
        assert!(read.is_ok(), "a half-sent header stays open");
        assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
    }
}

/// A file with 100,000 unknown columns and a 10 MB cell is answered with a bounded error
/// list (issue 16, defect 11): the JSON answer and the upload page list the first errors,
/// count the rest and quote the cell cut with `…`, in kilobytes rather than megabytes.
#[tokio::test]
async fn error_answers_are_bounded() {
    let seeded = seed::demo();
    let app = crate::app(&seeded);
    let mut header = "region,indicator,year,value,unit,source_url,quote".to_owned();
    for i in 0..100_000 {
        header.push_str(&format!(",extra{i}"));
    }
    let huge = "x".repeat(10 * 1024 * 1024);
    let file = format!("{header}\n历下区,PM2.5年均浓度,2024,{huge},微克/立方米,https://example.invalid/a,a\n");
    let request = Request::post("/api/imports?name=wide.csv")
        .header(header::AUTHORIZATION, format!("Bearer {}", seed::TOKEN))
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(file.clone()))
        .unwrap();
    let r = send(&app, request).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = r.text();
    assert!(text.len() < 100_000, "{} bytes", text.len());
    assert!(
        text.contains("more error(s), not listed"),
        "{}",
        &text[text.len() - 300..]
    );
    let only_cell = format!(
        "region,indicator,year,value,unit,source_url,quote\n历下区,PM2.5年均浓度,2024,{huge},微克/立方米,https://example.invalid/a,a\n"
    );
    let request = Request::post("/api/imports?name=big.csv")
        .header(header::AUTHORIZATION, format!("Bearer {}", seed::TOKEN))
        .body(Body::from(only_cell))
        .unwrap();
    let r = send(&app, request).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text().len() < 5_000 && r.text().contains('…'),
        "{} bytes",
        r.text().len()
    );
    // The upload page, signed in.
    add_user(seeded.store.as_ref(), "up", Role::Analyst, &[]);
    let session = sign_in(&app, "up").await;
    let (content_type, body) = multipart(&[("csrf", &session.csrf)], "wide.csv", file.as_bytes());
    let r = send(
        &app,
        Request::post("/entry/upload")
            .header(header::CONTENT_TYPE, content_type)
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(r.text().len() < 200_000, "{} bytes", r.text().len());
}
