//! Integration tests of pledge-web: routes over a seeded SQLite store (driven with
//! `tower::ServiceExt::oneshot`), and the browser test (headless Chromium over WebDriver).

mod api;
mod browser;
mod pages;
mod seed;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The router over a store, writing with [`seed::TOKEN`].
pub fn app(seeded: &seed::Seeded) -> Router {
    pledge_web::router(
        seeded.store.clone(),
        pledge_web::Options::default().with_token(seed::TOKEN),
    )
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
