//! Every `/api/` answer of the demo-like store checked against `/api/openapi.json` with a
//! JSON-schema validator: each GET route (as an admin, so that every route answers), its
//! errors (a refused path, an unknown filter value, an unknown route), and no object with a
//! key twice (`serde_json` keeps the last of two, so a parse alone would not see it).

use std::collections::HashSet;
use std::fmt;

use axum::http::StatusCode;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};

use crate::{add_user, app, get_bearer, seed};

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

/// The schema of `status`'s JSON answer of `GET path` in the document, its components
/// beside it so that `$ref`s resolve.
fn response_schema(doc: &Value, path: &str, status: u16) -> Value {
    let responses = &doc["paths"][path]["get"]["responses"];
    let mut schema = responses[status.to_string()]["content"]["application/json"]["schema"].clone();
    assert!(
        schema.is_object(),
        "GET {path} {status}: no JSON schema in the document"
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
        let json_answer = reply.headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json");
        if json_answer && op["responses"]["200"]["content"]["application/json"].is_object() {
            found.extend(faults(
                &format!("GET {uri}"),
                &reply.body,
                &response_schema(&doc, path, 200),
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
