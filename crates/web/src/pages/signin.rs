//! Sign-in with an API token for the HTML forms (until accounts and passwords exist):
//! `GET/POST /signin`, `POST /signout`. The token is kept in an `HttpOnly`,
//! `SameSite=Strict` cookie, so other sites cannot post forms with it.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::TOKEN_COOKIE;
use crate::pages::Ctx;
use crate::state::AppState;

/// The sign-in page.
#[derive(Template)]
#[template(path = "signin.html")]
pub struct SigninPage {
    /// Context.
    pub c: Ctx,
    /// Where to go after signing in.
    pub next: String,
    /// Whether the last attempt failed.
    pub failed: bool,
}

/// Query/form of the sign-in page.
#[derive(Debug, Default, Deserialize)]
pub struct SigninForm {
    /// The token (POST only).
    #[serde(default)]
    pub token: String,
    /// Where to go after.
    #[serde(default)]
    pub next: String,
}

/// Only local paths are followed after signing in.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/entry".to_owned()
    }
}

/// The sign-in page with 401: what a write form answers when nobody is signed in.
pub fn needed(c: &Ctx) -> Response {
    let page = SigninPage {
        c: c.clone(),
        next: safe_next(&c.here),
        failed: false,
    };
    c.render(StatusCode::UNAUTHORIZED, &page)
}

/// `GET /signin`.
pub async fn form(c: Ctx, Query(q): Query<SigninForm>) -> Response {
    let page = SigninPage {
        next: safe_next(&q.next),
        failed: false,
        c,
    };
    page.c.render(StatusCode::OK, &page)
}

/// `POST /signin`: checks the token, sets the cookie, 303 to `next`.
pub async fn submit(State(state): State<AppState>, c: Ctx, Form(f): Form<SigninForm>) -> Response {
    let token = f.token.trim().to_owned();
    let cookie_safe = !token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
    let auth = state.auth.clone();
    let check = token.clone();
    let ok = cookie_safe
        && tokio::task::spawn_blocking(move || auth.authenticate(&check))
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
            .is_some();
    if !ok {
        let page = SigninPage {
            next: safe_next(&f.next),
            failed: true,
            c,
        };
        return page.c.render(StatusCode::UNAUTHORIZED, &page);
    }
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, safe_next(&f.next))]).into_response();
    let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `POST /signout`: clears the cookie, 303 to `/`.
pub async fn signout() -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    let cookie = format!("{TOKEN_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
