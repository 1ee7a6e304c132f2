//! Signing in with an account name and password, and out: `GET/POST /signin`,
//! `POST /signout`.
//!
//! A successful sign-in starts a session in the database and sets its id in the
//! `pledge_session` cookie (see [`crate::auth::session`]); signing out deletes the
//! session. The sign-in form carries its own CSRF token (double submit with the
//! `pledge_signin` cookie), and failures are rate-limited ([`crate::auth::limit`]): 429,
//! except on a browser the account signed in from before (its `pledge_device` cookie).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::csrf::{self, SIGNIN_COOKIE};
use crate::auth::limit::{DEVICE_COOKIE, DEVICE_MAX_AGE, Gate};
use crate::auth::session::{self, ClientIp, SESSION_COOKIE, cookie_value, set_cookie};
use crate::auth::{Via, cookie};
use crate::error::ApiError;
use crate::pages::Ctx;
use crate::state::AppState;

/// The sign-in page.
#[derive(Template)]
#[template(path = "signin.html")]
pub struct SigninPage {
    /// Context (its `csrf` is the sign-in form's own token).
    pub c: Ctx,
    /// Where to go after signing in.
    pub next: String,
    /// The name typed last time (refilled after a failure).
    pub name: String,
    /// Whether the last attempt failed.
    pub failed: bool,
    /// Whether too many attempts failed (429).
    pub limited: bool,
}

/// Query of the sign-in page.
#[derive(Debug, Default, Deserialize)]
pub struct SigninQuery {
    /// Where to go after.
    #[serde(default)]
    pub next: String,
}

/// The sign-in form. `Debug` leaves the password and token out.
#[derive(Default, Deserialize)]
pub struct SigninForm {
    /// The account name.
    #[serde(default)]
    pub name: String,
    /// The password.
    #[serde(default)]
    pub password: String,
    /// Where to go after.
    #[serde(default)]
    pub next: String,
    /// The form's CSRF token.
    #[serde(default)]
    pub csrf: Option<String>,
}

impl std::fmt::Debug for SigninForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigninForm")
            .field("name", &self.name)
            .field("password", &"***")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

/// Only local paths are followed after signing in.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/entry".to_owned()
    }
}

/// Renders the sign-in page with `status`, with a fresh form token in the page and in the
/// `pledge_signin` cookie.
fn render(mut page: SigninPage, status: StatusCode, headers: &HeaderMap, state: &AppState) -> Response {
    let token = session::random_secret();
    page.c.csrf = token.expose().to_owned();
    let mut response = page.c.render(status, &page);
    let secure = session::secure(headers, &state.options);
    set_cookie(
        &mut response,
        &cookie_value(SIGNIN_COOKIE, token.expose(), Some(3600), secure),
    );
    response
}

/// The sign-in page with 401: what a write form answers when nobody is signed in.
pub fn needed(c: &Ctx) -> Response {
    let mut c = c.clone();
    let token = session::random_secret();
    c.csrf = token.expose().to_owned();
    let page = SigninPage {
        next: safe_next(&c.here),
        name: String::new(),
        failed: false,
        limited: false,
        c,
    };
    let mut response = page.c.render(StatusCode::UNAUTHORIZED, &page);
    set_cookie(
        &mut response,
        &cookie_value(SIGNIN_COOKIE, token.expose(), Some(3600), false),
    );
    response
}

/// `GET /signin`.
pub async fn form(State(state): State<AppState>, headers: HeaderMap, c: Ctx, Query(q): Query<SigninQuery>) -> Response {
    let page = SigninPage {
        next: safe_next(&q.next),
        name: String::new(),
        failed: false,
        limited: false,
        c,
    };
    render(page, StatusCode::OK, &headers, &state)
}

/// What checking a password found.
enum Outcome {
    /// Too many failures: wait this many seconds.
    Limited(u64),
    /// Wrong name or password, or a disabled account.
    Failed,
    /// A session started: its id, and the new device cookie when the browser was not yet
    /// known for the account.
    Started(pledge_store::Secret, Option<pledge_store::Secret>),
}

/// `POST /signin`: checks the form token, the rate limit and the password; starts a
/// session, sets its cookie, 303 to `next`.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    c: Ctx,
    Form(f): Form<SigninForm>,
) -> Response {
    if !csrf::matches(cookie(&headers, SIGNIN_COOKIE).as_deref(), f.csrf.as_deref()) {
        return c.error(&csrf::refused());
    }
    let name = f.name.trim().to_owned();
    let password = f.password;
    let limit = state.options.login_limit;
    let ttl = state.options.session_ttl;
    let who = name.clone();
    let device = cookie(&headers, DEVICE_COOKIE).filter(|d| !d.is_empty());
    let outcome = state
        .blocking(move |store| {
            let gate = limit.check(store, &who, &ip, device.as_deref())?;
            if let Gate::Wait(wait) = gate {
                return Ok(Outcome::Limited(wait));
            }
            let user = store.verify_password(&who, &password)?;
            store.record_login_attempt(&who, &ip, user.is_some())?;
            let Some(u) = user else {
                if let (Gate::KnownDevice, Some(d)) = (gate, &device) {
                    store.forget_device(d)?;
                }
                return Ok(Outcome::Failed);
            };
            let known = match (gate, &device) {
                (Gate::KnownDevice, _) => true,
                (_, Some(d)) => store.known_device(&u.name, d)?,
                _ => false,
            };
            let new_device = if known {
                None
            } else {
                Some(store.remember_device(u.id)?)
            };
            Ok(Outcome::Started(store.create_session(u.id, ttl)?.id, new_device))
        })
        .await;
    let page = |failed, limited| SigninPage {
        next: safe_next(&f.next),
        name: name.clone(),
        failed,
        limited,
        c: c.clone(),
    };
    match outcome {
        Ok(Outcome::Started(id, new_device)) => {
            let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, safe_next(&f.next))]).into_response();
            let secure = session::secure(&headers, &state.options);
            set_cookie(&mut response, &cookie_value(SESSION_COOKIE, id.expose(), None, secure));
            if let Some(d) = new_device {
                set_cookie(
                    &mut response,
                    &cookie_value(DEVICE_COOKIE, d.expose(), Some(DEVICE_MAX_AGE), secure),
                );
            }
            set_cookie(&mut response, &cookie_value(SIGNIN_COOKIE, "", Some(0), secure));
            response
        }
        Ok(Outcome::Failed) => render(page(true, false), StatusCode::UNAUTHORIZED, &headers, &state),
        Ok(Outcome::Limited(wait)) => {
            let mut response = render(page(false, true), StatusCode::TOO_MANY_REQUESTS, &headers, &state);
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
        Err(e) => c.error(&e),
    }
}

/// The sign-out form.
#[derive(Debug, Default, Deserialize)]
pub struct SignoutForm {
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: Option<String>,
}

/// `POST /signout`: deletes the session in the database, clears the cookie, 303 to `/`.
pub async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    c: Ctx,
    Form(f): Form<SignoutForm>,
) -> Response {
    if let Some(refused) = csrf::check(&c, f.csrf.as_deref()) {
        return refused;
    }
    if let (Via::Session, Some(id)) = (c.via, c.session.clone()) {
        if let Err(e) = state
            .blocking(move |store| Ok(store.delete_session(id.expose())?))
            .await
        {
            return c.error(&ApiError::internal(e.message));
        }
    }
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    let secure = session::secure(&headers, &state.options);
    set_cookie(&mut response, &cookie_value(SESSION_COOKIE, "", Some(0), secure));
    response
}
