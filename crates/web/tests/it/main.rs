//! Integration tests of pledge-web: routes over a seeded SQLite store (driven with
//! `tower::ServiceExt::oneshot`), and the browser test (headless Chromium over WebDriver).

mod api;
mod assign;
mod authz;
mod browser;
mod load;
mod pages;
mod schema;
mod security;
mod seed;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The router over a store, writing with [`seed::TOKEN`].
pub fn app(seeded: &seed::Seeded) -> Router {
    pledge_web::router(seeded.store.clone(), options().with_token(seed::TOKEN))
}

/// The day the tests' servers assess as of unless a request says `?as_of=`: fixed, so
/// that no test depends on the clock.
pub const AS_OF: &str = "2026-12-02";

/// Default server options, assessing as of [`AS_OF`].
pub fn options() -> pledge_web::Options {
    let mut options = pledge_web::Options::default();
    options.assess.as_of = pledge_assess::Date::parse(AS_OF);
    options
}

/// The password of every test account.
pub const PASSWORD: &str = "correct-horse-battery";

/// Creates an account (regions by name) and issues it a token; returns the token.
pub fn add_user(store: &dyn pledge_store::Store, name: &str, role: pledge_store::Role, regions: &[&str]) -> String {
    let regions = regions
        .iter()
        .map(|r| {
            let found = store.find_regions(r).unwrap();
            let with_targets = store.targets(&Default::default()).unwrap();
            found
                .iter()
                .find(|c| with_targets.iter().any(|t| t.region == c.id))
                .or(found.first())
                .unwrap_or_else(|| panic!("region {r}"))
                .id
        })
        .collect();
    let user = pledge_store::NewUser {
        name: name.into(),
        role,
        regions,
        departments: Vec::new(),
    };
    store.create_user(&user, PASSWORD, "test").unwrap();
    store
        .create_token(name, &pledge_store::NewToken::default(), "test")
        .unwrap()
        .secret
        .expose()
        .to_owned()
}

/// A signed-in browser: its cookie header and the session's CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    /// `pledge_session=…`.
    pub cookie: String,
    /// The token the session's forms carry.
    pub csrf: String,
}

/// The value of `<input type="hidden" name="csrf" value="…">` in a page.
pub fn csrf_of(html: &str) -> Option<String> {
    let at = html.find(r#"name="csrf" value=""#)? + r#"name="csrf" value=""#.len();
    Some(html[at..].split('"').next()?.to_owned())
}

/// The value a `Set-Cookie` header of a reply gives cookie `name`.
pub fn set_cookie_value(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
        })
}

/// `POST /signin` as a browser would (the form's token from `GET /signin`); the reply.
pub async fn sign_in_reply(app: &Router, name: &str, password: &str) -> Reply {
    sign_in_on(app, name, password, None).await
}

/// `POST /signin` from a browser that holds the `pledge_device` cookie `device` (if any).
pub async fn sign_in_on(app: &Router, name: &str, password: &str, device: Option<&str>) -> Reply {
    let form = get(app, "/signin").await;
    let pre = set_cookie_value(&form, "pledge_signin").expect("the sign-in form sets its token cookie");
    let csrf = csrf_of(&form.text()).expect("the sign-in form has a csrf field");
    let body = serde_urlencoded::to_string([
        ("name", name),
        ("password", password),
        ("next", "/entry"),
        ("csrf", &csrf),
    ])
    .unwrap();
    send(
        app,
        Request::post("/signin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(
                header::COOKIE,
                match device {
                    Some(d) => format!("pledge_signin={pre}; pledge_device={d}"),
                    None => format!("pledge_signin={pre}"),
                },
            )
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

/// Signs in; panics unless it works.
pub async fn sign_in(app: &Router, name: &str) -> Session {
    let r = sign_in_reply(app, name, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "sign-in of {name}: {}", r.text());
    let id = set_cookie_value(&r, "pledge_session").expect("a session cookie");
    let cookie = format!("pledge_session={id}");
    let page = get_with_cookie(app, "/entry", &cookie).await;
    let csrf = csrf_of(&page.text()).expect("forms carry the session's csrf");
    Session { cookie, csrf }
}

/// `POST uri` as a form (urlencoded pairs) with a session cookie (or none).
pub async fn post_form(app: &Router, uri: &str, session: Option<&Session>, pairs: &[(&str, &str)]) -> Reply {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(s) = session {
        request = request.header(header::COOKIE, &s.cookie);
    }
    send(
        app,
        request
            .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
            .unwrap(),
    )
    .await
}

/// A multipart body with the fields and one file field `file`.
pub fn multipart(fields: &[(&str, &str)], file_name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "XBOUNDARYX";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").into_bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes(),
    );
    body.extend_from_slice(file);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A response, read whole.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (panics with the body otherwise).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Sends one request.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, body }
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// `GET uri` with a cookie header.
pub async fn get_with_cookie(app: &Router, uri: &str, cookie: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// `GET uri` with a bearer token.
pub async fn get_bearer(app: &Router, uri: &str, token: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

/// `POST uri` with a JSON body and an optional bearer token.
pub async fn post_json(app: &Router, uri: &str, token: Option<&str>, body: &serde_json::Value) -> Reply {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, request.body(Body::from(body.to_string())).unwrap()).await
}

/// A spreadsheet with the import header and these rows, as xlsx bytes.
pub fn xlsx(rows: &[[&str; 7]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = ["region", "indicator", "year", "value", "unit", "source_url", "quote"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// A broken upload: an unknown region on row 2 and a value that is not a number on row 3.
pub fn broken_xlsx() -> Vec<u8> {
    xlsx(&[
        [
            "火星市",
            "PM2.5年均浓度",
            "2023",
            "37",
            "微克/立方米",
            "https://example.invalid/a",
            "PM2.5年均浓度37微克/立方米",
        ],
        [
            "济南市",
            "PM2.5年均浓度",
            "2023",
            "三十七",
            "微克/立方米",
            "https://example.invalid/b",
            "PM2.5年均浓度三十七",
        ],
    ])
}
