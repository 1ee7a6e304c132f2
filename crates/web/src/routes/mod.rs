//! The route table: every path, page and API, with who may call it, in one place.
//!
//! [`entries`] is the single list the router is built from ([`build`]), the OpenAPI
//! document is checked against ([`api_routes`]) and the authorization test walks
//! ([`table`]): a route added here without a [`Rule`] does not compile, and a write route
//! the test does not know fails it.

use std::collections::HashMap;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

use crate::state::AppState;
use crate::{api, pages};

/// Largest body of a non-upload route (forms, JSON): 1 MiB.
pub const FORM_LIMIT: usize = 1024 * 1024;

/// Who may call a route, checked before its handler (by [`crate::auth::resolve`]).
///
/// Role-level only: the handlers of `Observe` and `Review` routes check the regions (and
/// a reporter's departments) of the row they are about to write, resolved on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Anyone, always (sign-in, the stylesheet, the OpenAPI document).
    Open,
    /// Anyone while reads are public ([`crate::Options::public_read`]); else any account.
    Read,
    /// Any signed-in account (signing out, `GET /api/me`).
    SignedIn,
    /// Observations: reporters (own regions and departments), analysts, admins.
    Observe,
    /// Reviewing facts: analysts and admins.
    Review,
    /// Accounts, tokens and the audit log: admins.
    Admin,
}

/// Whether a route is part of the JSON API or a page (decides how refusals look).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// JSON errors; 401 with `WWW-Authenticate: Bearer`.
    Api,
    /// HTML: the sign-in page (or a redirect to it) for 401, the error page for 403.
    Page,
}

/// One route of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// `get` or `post`.
    pub method: &'static str,
    /// The path pattern (`/api/targets/{id}`).
    pub path: &'static str,
    /// API or page.
    pub kind: Kind,
    /// Who may call it.
    pub rule: Rule,
    /// Whether it takes whole files (body limit [`crate::Options::max_upload_bytes`]
    /// instead of [`FORM_LIMIT`]).
    pub upload: bool,
}

/// A route and its handler.
pub struct Entry {
    /// The route.
    pub route: Route,
    /// Its handler.
    pub handler: MethodRouter<AppState>,
}

/// The rule and kind of each route, by method and path pattern.
pub type Rules = HashMap<(Method, String), (Rule, Kind)>;

fn api(method: &'static str, path: &'static str, rule: Rule, handler: MethodRouter<AppState>) -> Entry {
    Entry {
        route: Route {
            method,
            path,
            kind: Kind::Api,
            rule,
            upload: false,
        },
        handler,
    }
}

fn page(method: &'static str, path: &'static str, rule: Rule, handler: MethodRouter<AppState>) -> Entry {
    Entry {
        route: Route {
            method,
            path,
            kind: Kind::Page,
            rule,
            upload: false,
        },
        handler,
    }
}

fn upload(mut e: Entry) -> Entry {
    e.route.upload = true;
    e
}

/// Every route with its handler.
pub fn entries() -> Vec<Entry> {
    use Rule::*;
    vec![
        api("get", "/api/openapi.json", Open, get(api::openapi)),
        api("get", "/api/scoreboard", Read, get(api::scoreboard)),
        api("get", "/api/targets/{id}", Read, get(api::target)),
        api("post", "/api/targets/{id}", Review, post(api::targets::assign_target)),
        api("get", "/api/regions", Read, get(api::regions)),
        api("get", "/api/documents", Read, get(api::documents)),
        api("get", "/api/documents/{id}", Read, get(api::document)),
        api("get", "/api/facts", Read, get(api::facts)),
        api("post", "/api/facts/{id}/accept", Review, post(api::accept_fact)),
        api("post", "/api/facts/{id}/reject", Review, post(api::reject_fact)),
        api("get", "/api/review", Review, get(api::review::queue)),
        api("post", "/api/review/bulk", Review, post(api::review::bulk)),
        api("post", "/api/observations", Observe, post(api::post_observation)),
        upload(api("post", "/api/imports", Observe, post(api::post_import))),
        api("get", "/api/template", Read, get(api::export::template_api)),
        api("get", "/api/export/{what}", Read, get(api::export::export_api)),
        api("get", "/api/me", SignedIn, get(api::accounts::me)),
        api("get", "/api/users", Admin, get(api::accounts::users)),
        api("post", "/api/users", Admin, post(api::accounts::create_user)),
        api(
            "post",
            "/api/users/{name}/disable",
            Admin,
            post(api::accounts::disable_user),
        ),
        api(
            "post",
            "/api/users/{name}/tokens",
            Admin,
            post(api::accounts::issue_token),
        ),
        api("get", "/api/tokens", Admin, get(api::accounts::tokens)),
        api(
            "post",
            "/api/tokens/{id}/revoke",
            Admin,
            post(api::accounts::revoke_token),
        ),
        api("get", "/api/audit", Admin, get(api::accounts::audit)),
        page("get", "/", Read, get(pages::scoreboard::page)),
        page("get", "/targets/{id}", Read, get(pages::target::page)),
        page("get", "/documents", Read, get(pages::document::list)),
        page("get", "/documents/{id}", Read, get(pages::document::page)),
        page("post", "/facts/{id}/{action}", Review, post(pages::document::review)),
        page("get", "/review", Review, get(pages::review::page)),
        page("post", "/review/bulk", Review, post(pages::review::bulk)),
        page("post", "/review/{id}/accept", Review, post(pages::review::accept)),
        page("post", "/review/{id}/reject", Review, post(pages::review::reject)),
        page("get", "/regions", Read, get(pages::regions::page)),
        page("get", "/plans/{id}", Read, get(pages::plan::page)),
        page("post", "/targets/{id}/assign", Review, post(pages::plan::assign)),
        page("get", "/entry", Read, get(pages::entry::page)),
        page("post", "/entry", Observe, post(pages::entry::submit)),
        upload(page("post", "/entry/upload", Observe, post(pages::entry::upload))),
        page("get", "/entry/{file}", Read, get(api::export::template_file)),
        page("get", "/export", Read, get(pages::entry::export_page)),
        page("get", "/export/{file}", Read, get(api::export::export_file)),
        page("get", "/signin", Open, get(pages::signin::form)),
        page("post", "/signin", Open, post(pages::signin::submit)),
        page("post", "/signout", SignedIn, post(pages::signin::signout)),
        page("get", "/admin/users", Admin, get(pages::admin::users)),
        page("post", "/admin/users", Admin, post(pages::admin::create_user)),
        page(
            "post",
            "/admin/users/{name}/disable",
            Admin,
            post(pages::admin::disable_user),
        ),
        page("get", "/admin/audit", Admin, get(pages::admin::audit)),
        page("get", "/admin/audit/{file}", Admin, get(pages::admin::audit_file)),
        page("get", "/static/style.css", Open, get(pages::stylesheet)),
        page("get", "/static/scoreboard.json", Read, get(api::scoreboard_snapshot)),
    ]
}

/// Every route (without handlers).
pub fn table() -> Vec<Route> {
    entries().into_iter().map(|e| e.route).collect()
}

/// Every JSON API route as `(method, OpenAPI path)`; the OpenAPI document must describe
/// exactly these (a test checks it).
pub fn api_routes() -> Vec<(&'static str, &'static str)> {
    table()
        .into_iter()
        .filter(|r| r.kind == Kind::Api)
        .map(|r| (r.method, r.path))
        .collect()
}

/// The rules of [`table`], for the middleware.
pub fn rules() -> Rules {
    table()
        .into_iter()
        .map(|r| {
            let method = if r.method == "post" { Method::POST } else { Method::GET };
            ((method, r.path.to_owned()), (r.rule, r.kind))
        })
        .collect()
}

/// Builds the router over `state`: every route of [`entries`] with its body limit, the
/// 404 page, and the [`crate::auth::resolve`] middleware in front of all of them.
pub fn build(state: AppState) -> Router {
    let upload_limit = state.options.max_upload_bytes;
    let form_limit = FORM_LIMIT.min(upload_limit);
    let mut router = Router::new();
    for Entry { route, handler } in entries() {
        let limit = if route.upload { upload_limit } else { form_limit };
        router = router.route(route.path, handler.layer(DefaultBodyLimit::max(limit)));
    }
    router
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(form_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::resolve,
        ))
        .layer(axum::middleware::from_fn(api_errors_as_json))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Every error under `/api/` answers JSON (`{"error","field"?,"message"}`, as
/// `/api/openapi.json` says): a path or query the extractors refuse (axum writes those as
/// plain text) or a route that does not exist (the fallback writes the HTML 404 page) is
/// rewritten here; the JSON errors of the handlers pass as they are.
async fn api_errors_as_json(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !path.starts_with("/api/") || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = if status == axum::http::StatusCode::NOT_FOUND {
        crate::error::ApiError::not_found(format!("no API route {method} {path}; /api/openapi.json lists them"))
    } else {
        let limit = 4096;
        let body = axum::body::to_bytes(response.into_body(), limit)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&body).into_owned();
        let field = if text.starts_with("Invalid URL") || text.contains("path parameter") {
            Some("id")
        } else if text.contains("query string") {
            Some("query")
        } else {
            None
        };
        let (code, text) = if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            (
                "payload_too_large",
                format!(
                    "the body is larger than this route takes ({FORM_LIMIT} bytes for JSON, the upload limit for files)"
                ),
            )
        } else {
            ("bad_request", text)
        };
        let mut e = crate::error::ApiError::new(status, code, text);
        if let Some(field) = field {
            e = e.with_field(field);
        }
        e
    };
    error.into_response()
}

/// The Content-Security-Policy of every response. The dashboard loads only its own
/// stylesheet (`/static/style.css`), has no script, no inline style and no frame, and its
/// forms post to itself; charts are inline SVG. So nothing else may load or run: a
/// `javascript:` link or an injected `<script>` is refused by the browser even if one
/// got into a page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The headers [`build`] puts on every response, pages, API, errors and denials alike
/// (a handler that set one keeps its own): the CSP, no MIME sniffing, no framing (for
/// browsers without `frame-ancestors`), and no full URL in the `Referer` sent to other
/// sites. A constant map over the response; written here rather than with tower-http's
/// `SetResponseHeader`, which the workspace does not otherwise need.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
];

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers
            .entry(axum::http::HeaderName::from_static(name))
            .or_insert(axum::http::HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for r in table() {
            assert!(seen.insert((r.method, r.path)), "{} {} twice", r.method, r.path);
            assert!(r.method == "get" || r.method == "post");
        }
        assert_eq!(rules().len(), seen.len());
    }

    #[test]
    fn every_write_needs_more_than_public_read() {
        for r in table().into_iter().filter(|r| r.method == "post") {
            let open_ok = r.path == "/signin";
            assert!(
                open_ok || !matches!(r.rule, Rule::Open | Rule::Read),
                "{} {} writes without a rule",
                r.method,
                r.path
            );
        }
    }
}
