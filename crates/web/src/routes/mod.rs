//! The route table: every path, page and API, in one place.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;
use crate::{api, pages};

/// Every JSON API route as `(method, OpenAPI path)`; the OpenAPI document must describe
/// exactly these (a test checks it).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/openapi.json"),
    ("get", "/api/scoreboard"),
    ("get", "/api/targets/{id}"),
    ("get", "/api/regions"),
    ("get", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/facts"),
    ("post", "/api/facts/{id}/accept"),
    ("post", "/api/facts/{id}/reject"),
    ("post", "/api/observations"),
    ("post", "/api/imports"),
    ("get", "/api/template"),
    ("get", "/api/export/{what}"),
];

/// Every page route as `(method, path)`.
pub const PAGE_ROUTES: &[(&str, &str)] = &[
    ("get", "/"),
    ("get", "/targets/{id}"),
    ("get", "/documents"),
    ("get", "/documents/{id}"),
    ("post", "/facts/{id}/{action}"),
    ("get", "/regions"),
    ("get", "/entry"),
    ("post", "/entry"),
    ("post", "/entry/upload"),
    ("get", "/entry/{file}"),
    ("get", "/export"),
    ("get", "/export/{file}"),
    ("get", "/signin"),
    ("post", "/signin"),
    ("post", "/signout"),
    ("get", "/static/style.css"),
    ("get", "/static/scoreboard.json"),
];

/// Builds the router over `state`.
pub fn build(state: AppState) -> Router {
    let limit = state.options.max_upload_bytes;
    let api = Router::new()
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/scoreboard", get(api::scoreboard))
        .route("/api/targets/{id}", get(api::target))
        .route("/api/regions", get(api::regions))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/facts", get(api::facts))
        .route("/api/facts/{id}/accept", post(api::accept_fact))
        .route("/api/facts/{id}/reject", post(api::reject_fact))
        .route("/api/observations", post(api::post_observation))
        .route("/api/imports", post(api::post_import))
        .route("/api/template", get(api::export::template_api))
        .route("/api/export/{what}", get(api::export::export_api));
    let pages = Router::new()
        .route("/", get(pages::scoreboard::page))
        .route("/targets/{id}", get(pages::target::page))
        .route("/documents", get(pages::document::list))
        .route("/documents/{id}", get(pages::document::page))
        .route("/facts/{id}/{action}", post(pages::document::review))
        .route("/regions", get(pages::regions::page))
        .route("/entry", get(pages::entry::page).post(pages::entry::submit))
        .route("/entry/upload", post(pages::entry::upload))
        .route("/entry/{file}", get(api::export::template_file))
        .route("/export", get(pages::entry::export_page))
        .route("/export/{file}", get(api::export::export_file))
        .route("/signin", get(pages::signin::form).post(pages::signin::submit))
        .route("/signout", post(pages::signin::signout))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/static/scoreboard.json", get(api::scoreboard_snapshot));
    api.merge(pages)
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}
