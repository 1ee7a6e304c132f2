//! Every `/api/` answer of the demo-like store checked against `/api/openapi.json` with a
//! JSON-schema validator: each GET route (as an admin, so that every route answers), its
//! errors (a refused path, an unknown filter value, an unknown route), and no object with a
//! key twice (`serde_json` keeps the last of two, so a parse alone would not see it); and
//! every write route's success and error answers.

use std::collections::HashSet;
use std::fmt;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};

use crate::{Reply, add_user, app, broken_xlsx, get_bearer, seed, send, xlsx};

/// Parses JSON, failing on an object that holds a key twice.
struct NoDuplicateKeys;

impl<'de> Deserialize<'de> for NoDuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicateKeys)
    }
}

impl<'de> Visitor<'de> for NoDuplicateKeys {
    type Value = NoDuplicateKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E>(self) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<NoDuplicateKeys>()?.is_some() {}
        Ok(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(de::Error::custom(format!("the key {key:?} twice in one object")));
            }
            map.next_value::<NoDuplicateKeys>()?;
        }
        Ok(self)
    }
}

/// The schema of `status`'s JSON answer of `method path` in the document, its components
/// beside it so that `$ref`s resolve.
fn response_schema(doc: &Value, method: &str, path: &str, status: u16) -> Value {
    let responses = &doc["paths"][path][method]["responses"];
    let mut schema = responses[status.to_string()]["content"]["application/json"]["schema"].clone();
    assert!(
        schema.is_object(),
        "{method} {path} {status}: no JSON schema in the document"
    );
    schema["components"] = doc["components"].clone();
    schema
}

/// Checks one answer: JSON, no key twice, valid against `schema`; panics naming every
/// fault of the answer.
fn check(what: &str, body: &[u8], schema: &Value) {
    let faults = faults(what, body, schema);
    assert!(faults.is_empty(), "{faults:#?}");
}

/// What is wrong with one answer (empty when nothing).
fn faults(what: &str, body: &[u8], schema: &Value) -> Vec<String> {
    let text = std::str::from_utf8(body).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    if let Err(e) = serde_json::from_str::<NoDuplicateKeys>(text) {
        return vec![format!("{what}: {e}")];
    }
    let value: Value = serde_json::from_str(text).unwrap();
    let validator = jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("{what}: schema: {e}"));
    validator
        .iter_errors(&value)
        .take(3)
        .map(|e| {
            let mut text = format!("{what}: {} at {}", e, e.instance_path);
            text.truncate(400);
            text
        })
        .collect()
}

#[test]
fn duplicate_keys_fail_the_check() {
    assert!(serde_json::from_str::<NoDuplicateKeys>(r#"[{"a":1,"b":{"c":1}}]"#).is_ok());
    assert!(serde_json::from_str::<NoDuplicateKeys>(r#"[{"indicator":"x","indicator":2}]"#).is_err());
}

#[tokio::test]
async fn every_api_answer_matches_the_openapi_document() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let admin = add_user(seeded.store.as_ref(), "schema-admin", pledge_store::Role::Admin, &[]);
    let doc = get_bearer(&app, "/api/openapi.json", &admin).await.json();
    let target = seeded.store.targets(&Default::default()).unwrap()[0].id;
    let document = get_bearer(&app, "/api/documents", &admin).await.json()[0]["id"].clone();
    let mut checked = 0;
    let mut found = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let Some(op) = ops.get("get") else { continue };
        let uri = path
            .replace(
                "{id}",
                &if path.contains("documents") {
                    document.to_string()
                } else {
                    target.to_string()
                },
            )
            .replace("{what}", "scoreboard");
        let reply = get_bearer(&app, &uri, &admin).await;
        assert_eq!(reply.status, StatusCode::OK, "GET {uri}: {}", reply.text());
        let json_answer = reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json");
        if json_answer && op["responses"]["200"]["content"]["application/json"].is_object() {
            found.extend(faults(
                &format!("GET {uri}"),
                &reply.body,
                &response_schema(&doc, "get", path, 200),
            ));
            checked += 1;
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    assert!(checked >= 12, "{checked} routes checked");
    // The errors: JSON with a field and a message, as the document's Error says.
    let error = {
        let mut s = json!({"$ref": "#/components/schemas/Error"});
        s["components"] = doc["components"].clone();
        s
    };
    for (uri, status, field) in [
        (
            "/api/scoreboard?status=foo",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("status"),
        ),
        (
            "/api/scoreboard?gap=late",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("gap"),
        ),
        (
            "/api/scoreboard?ndrc=%E5%9B%9B%E7%BA%A7",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("ndrc"),
        ),
        (
            "/api/scoreboard?as_of=soon",
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("as_of"),
        ),
        ("/api/targets/abc", StatusCode::BAD_REQUEST, Some("id")),
        ("/api/targets/987654", StatusCode::NOT_FOUND, None),
        ("/api/nothing", StatusCode::NOT_FOUND, None),
    ] {
        let reply = get_bearer(&app, uri, &admin).await;
        assert_eq!(reply.status, status, "{uri}: {}", reply.text());
        check(uri, &reply.body, &error);
        let body = reply.json();
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{uri}: {body}");
        assert_eq!(body["field"].as_str(), field, "{uri}: {body}");
    }
    // A page of a target's observations that is no page number.
    let uri = format!("/api/targets/{target}?page=0");
    let reply = get_bearer(&app, &uri, &admin).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{uri}: {}",
        reply.text()
    );
    check(&uri, &reply.body, &error);
    assert_eq!(reply.json()["field"], "page");
}

#[tokio::test]
async fn the_assignment_route_answers_as_the_document_says() {
    let seeded = seed::demo();
    let app = app(&seeded);
    let analyst = add_user(
        seeded.store.as_ref(),
        "schema-analyst",
        pledge_store::Role::Analyst,
        &[],
    );
    let doc = get_bearer(&app, "/api/openapi.json", &analyst).await.json();
    let target = seeded.store.targets(&Default::default()).unwrap()[0].id;
    let uri = format!("/api/targets/{target}");
    let op = &doc["paths"]["/api/targets/{id}"]["post"];
    let schema = |status: u16| {
        let mut s = op["responses"][status.to_string()]["content"]["application/json"]["schema"].clone();
        assert!(s.is_object(), "POST {uri} {status}: no JSON schema");
        s["components"] = doc["components"].clone();
        s
    };
    let mut request = op["requestBody"]["content"]["application/json"]["schema"].clone();
    request["components"] = doc["components"].clone();
    let send = json!({"binding": "expected", "lead_departments": ["市生态环境局"]});
    check("the request", send.to_string().as_bytes(), &request);
    assert!(!faults("a bad request", br#"{"binding":"mandatory"}"#, &request).is_empty());
    for (body, status) in [
        (send, StatusCode::OK),
        (json!({"binding": "mandatory"}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({}), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let reply = crate::post_json(&app, &uri, Some(&analyst), &body).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.text());
        check(&format!("POST {uri} {body}"), &reply.body, &schema(status.as_u16()));
    }
    for status in [400, 401, 403, 404] {
        schema(status);
    }
}

/// A `POST` with a body of `content_type`, with a bearer token or none.
fn post(uri: &str, token: Option<&str>, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    request.body(Body::from(body)).unwrap()
}

/// A `POST` of a JSON body.
fn post_value(uri: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    post(uri, token, "application/json", body.to_string().into_bytes())
}

/// The write routes' answers, each checked against the document as it comes, and which
/// routes answered a success and an error.
struct Writes<'a> {
    app: &'a axum::Router,
    doc: &'a Value,
    /// `(path pattern, success)` of every answer checked.
    seen: HashSet<(String, bool)>,
}

impl Writes<'_> {
    /// Sends `request` to the document's route `path` and checks the answer: the status
    /// is `status` and the document lists it for the route, and the body is what the
    /// document says: JSON with no key twice, valid against its schema, or nothing where
    /// the document gives no content.
    async fn answer(&mut self, path: &str, request: Request<Body>, status: StatusCode) -> Reply {
        let what = format!("POST {} ({path})", request.uri());
        let reply = send(self.app, request).await;
        assert_eq!(reply.status, status, "{what}: {}", reply.text());
        let documented = &self.doc["paths"][path]["post"]["responses"][status.as_str()];
        assert!(documented.is_object(), "{what}: the document lists no {status}");
        if documented["content"].is_null() {
            assert!(
                reply.body.is_empty(),
                "{what}: {status} has a body the document does not give: {}",
                reply.text()
            );
        } else {
            let content_type = reply.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
            assert!(
                content_type.is_some_and(|v| v.starts_with("application/json")),
                "{what}: {content_type:?}, not JSON"
            );
            check(
                &what,
                &reply.body,
                &response_schema(self.doc, "post", path, status.as_u16()),
            );
        }
        self.seen.insert((path.to_owned(), status.is_success()));
        reply
    }
}

/// Every write route's success answer and error answers (422, 409, 404, 403, 401, 400),
/// as an admin on the demo-like store, checked against the document; a route of the
/// document whose success and an error were not both checked fails the test.
#[tokio::test]
async fn every_write_answer_matches_the_openapi_document() {
    use StatusCode as S;
    let seeded = seed::demo();
    let app = app(&seeded);
    let store = seeded.store.as_ref();
    let admin = add_user(store, "schema-writer", pledge_store::Role::Admin, &[]);
    let viewer = add_user(store, "schema-viewer", pledge_store::Role::Viewer, &[]);
    let doc = get_bearer(&app, "/api/openapi.json", &admin).await.json();
    // The check fails on a key twice and on a field the schema does not allow.
    let error = {
        let mut s = json!({"$ref": "#/components/schemas/Error"});
        s["components"] = doc["components"].clone();
        s
    };
    assert!(faults("an error", br#"{"error":"invalid","message":"m"}"#, &error).is_empty());
    assert!(!faults("twice", br#"{"error":"invalid","error":"x","message":"m"}"#, &error).is_empty());
    assert!(!faults("more", br#"{"error":"invalid","message":"m","hint":"h"}"#, &error).is_empty());
    let mut w = Writes {
        app: &app,
        doc: &doc,
        seen: HashSet::new(),
    };
    let admin = Some(admin.as_str());
    let viewer = Some(viewer.as_str());

    // Review: many at once, then one by one.
    let bulk = "/api/review/bulk";
    let ids = seed::bulk_facts(&seeded);
    let r = w
        .answer(
            bulk,
            post_value(bulk, admin, &json!({"ids": ids, "action": "accept"})),
            S::OK,
        )
        .await;
    let answer = r.json();
    assert_eq!(answer["accepted"].as_array().map(Vec::len), Some(1), "{answer}");
    assert_eq!(answer["left"].as_array().map(Vec::len), Some(2), "{answer}");
    for body in [
        json!({"ids": ids, "action": "maybe"}),
        json!({"ids": ids, "action": "reject"}),
        json!({"ids": ids, "action": "accept", "all": true}),
    ] {
        w.answer(bulk, post_value(bulk, admin, &body), S::UNPROCESSABLE_ENTITY)
            .await;
    }
    let reject = "/api/facts/{id}/reject";
    let reject_uri = |id: i64| format!("/api/facts/{id}/reject");
    w.answer(
        reject,
        post_value(&reject_uri(ids[2]), admin, &json!({"note": "不可能的比例"})),
        S::NO_CONTENT,
    )
    .await;
    for (id, body, status) in [
        (ids[1], json!({"note": 5}), S::UNPROCESSABLE_ENTITY),
        (ids[1], json!({}), S::FORBIDDEN),
        (987_654, json!({}), S::NOT_FOUND),
    ] {
        let token = if status == S::FORBIDDEN { viewer } else { admin };
        w.answer(reject, post_value(&reject_uri(id), token, &body), status)
            .await;
    }
    let accept = "/api/facts/{id}/accept";
    let accept_uri = |id: i64| format!("/api/facts/{id}/accept");
    // The matcher's guess, accepted by a person.
    let r = w
        .answer(accept, post_value(&accept_uri(ids[1]), admin, &json!({})), S::OK)
        .await;
    assert!(r.json()["observation"].is_i64(), "{}", r.text());
    // Another value of a stored figure: refused with what it contradicts.
    let contradicting = seed::share_fact(&seeded, "空气质量优良天数比例", 70.0, 2019);
    let r = w
        .answer(
            accept,
            post_value(&accept_uri(contradicting), admin, &json!({})),
            S::CONFLICT,
        )
        .await;
    assert_eq!(r.json()["conflicts"][0]["with"], "observation", "{}", r.text());
    for (id, body, status) in [
        (ids[0], json!({}), S::CONFLICT),
        (contradicting, json!({"replace": "yes"}), S::UNPROCESSABLE_ENTITY),
        (contradicting, json!({"replace": true}), S::FORBIDDEN),
        (987_654, json!({}), S::NOT_FOUND),
    ] {
        let token = if status == S::FORBIDDEN { viewer } else { admin };
        w.answer(accept, post_value(&accept_uri(id), token, &body), status)
            .await;
    }

    // Observations: stored, unchanged, corrected, refused.
    let observations = "/api/observations";
    let mut observation = json!({
        "region": "济南市", "indicator": "PM2.5年均浓度", "year": 2023, "value": 37,
        "unit": "微克/立方米", "source_url": "https://example.invalid/pm25",
        "quote": "2023年济南市PM2.5年均浓度37微克/立方米"
    });
    for status in [S::CREATED, S::OK] {
        w.answer(observations, post_value(observations, admin, &observation), status)
            .await;
    }
    observation["value"] = json!("36.5");
    let r = w
        .answer(observations, post_value(observations, admin, &observation), S::CREATED)
        .await;
    assert!(r.json()["supersedes"].is_i64(), "{}", r.text());
    let mut bad = observation.clone();
    bad["region"] = json!("火星市");
    bad["value"] = json!("三十七");
    let r = w
        .answer(
            observations,
            post_value(observations, admin, &bad),
            S::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(r.json()["errors"].as_array().map(Vec::len), Some(2), "{}", r.text());
    for (request, status) in [
        (post_value(observations, admin, &json!([1, 2])), S::UNPROCESSABLE_ENTITY),
        (
            post(observations, admin, "application/json", b"{not json".to_vec()),
            S::BAD_REQUEST,
        ),
        (post_value(observations, viewer, &observation), S::FORBIDDEN),
        (post_value(observations, None, &observation), S::UNAUTHORIZED),
    ] {
        w.answer(observations, request, status).await;
    }

    // A whole file: imported, or refused with every error by row and column.
    let imports = "/api/imports";
    let uri = "/api/imports?name=upload.xlsx";
    let good = xlsx(&[[
        "历下区",
        "PM2.5年均浓度",
        "2023",
        "36",
        "微克/立方米",
        "https://example.invalid/x",
        "历下区PM2.5 36",
    ]]);
    let octets = "application/octet-stream";
    w.answer(imports, post(uri, admin, octets, good), S::CREATED).await;
    let r = w
        .answer(
            imports,
            post(uri, admin, octets, broken_xlsx()),
            S::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert!(r.json()["errors"][0]["row"].is_u64(), "{}", r.text());
    w.answer(imports, post(uri, viewer, octets, broken_xlsx()), S::FORBIDDEN)
        .await;

    // Accounts and tokens.
    let users = "/api/users";
    let new_user = json!({"name": "schema-new", "role": "reporter", "regions": ["历下区"],
                          "password": crate::PASSWORD});
    w.answer(users, post_value(users, admin, &new_user), S::CREATED).await;
    w.answer(users, post_value(users, admin, &new_user), S::CONFLICT).await;
    for body in [
        json!({"name": "schema-boss", "role": "boss", "password": crate::PASSWORD}),
        json!({"name": "schema-far", "role": "viewer", "regions": ["火星市"], "password": crate::PASSWORD}),
        json!({"name": "schema-more", "role": "viewer", "password": crate::PASSWORD, "email": "x"}),
    ] {
        w.answer(users, post_value(users, admin, &body), S::UNPROCESSABLE_ENTITY)
            .await;
    }
    w.answer(users, post_value(users, viewer, &new_user), S::FORBIDDEN)
        .await;
    let disable = "/api/users/{name}/disable";
    for (uri, body, status) in [
        ("/api/users/schema-new/disable", json!({}), S::OK),
        ("/api/users/schema-new/disable", json!({"disabled": false}), S::OK),
        (
            "/api/users/schema-new/disable",
            json!({"disabled": "no"}),
            S::UNPROCESSABLE_ENTITY,
        ),
        ("/api/users/nobody/disable", json!({}), S::NOT_FOUND),
    ] {
        w.answer(disable, post_value(uri, admin, &body), status).await;
    }
    let tokens = "/api/users/{name}/tokens";
    let r = w
        .answer(
            tokens,
            post_value("/api/users/schema-new/tokens", admin, &json!({"name": "laptop"})),
            S::CREATED,
        )
        .await;
    let token = r.json()["token"]["id"].as_i64().unwrap();
    for (uri, body, status) in [
        (
            "/api/users/schema-new/tokens",
            json!({"role": "admin"}),
            S::UNPROCESSABLE_ENTITY,
        ),
        ("/api/users/nobody/tokens", json!({}), S::NOT_FOUND),
    ] {
        w.answer(tokens, post_value(uri, admin, &body), status).await;
    }
    let revoke = "/api/tokens/{id}/revoke";
    for (id, token_of, status) in [
        (token, admin, S::NO_CONTENT),
        (987_654, admin, S::NOT_FOUND),
        (token, viewer, S::FORBIDDEN),
    ] {
        let uri = format!("/api/tokens/{id}/revoke");
        w.answer(revoke, post(&uri, token_of, "application/json", Vec::new()), status)
            .await;
    }

    // A target's kind and lead units (more of it in the_assignment_route_answers_as_the_document_says).
    let target = store.targets(&Default::default()).unwrap()[0].id;
    let uri = format!("/api/targets/{target}");
    for (body, status) in [
        (json!({"binding": "expected"}), S::OK),
        (json!({"binding": "mandatory"}), S::UNPROCESSABLE_ENTITY),
    ] {
        w.answer("/api/targets/{id}", post_value(&uri, admin, &body), status)
            .await;
    }

    for (path, ops) in doc["paths"].as_object().unwrap() {
        if ops.get("post").is_some() {
            for success in [true, false] {
                assert!(
                    w.seen.contains(&(path.clone(), success)),
                    "POST {path}: no {} answer checked",
                    if success { "success" } else { "error" }
                );
            }
        }
    }
}
