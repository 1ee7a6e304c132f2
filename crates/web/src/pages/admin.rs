//! The admin pages: accounts (`/admin/users`: list, create, disable) and the audit log
//! (`/admin/audit`, with `/admin/audit/audit.{csv,xlsx,json}` downloads). Admins only
//! (the route table's `Admin` rule); every form carries the session's CSRF token.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_store::{AuditEntry, User};

use crate::api::accounts::{CreateUser, create_account};
use crate::auth::csrf;
use crate::error::ApiError;
use crate::pages::Ctx;
use crate::state::AppState;
use crate::views::audit::{self, AuditQuery};

/// An account as the table shows it.
#[derive(Debug, Clone)]
pub struct UserLine {
    /// The account.
    pub user: User,
    /// Its regions' names, joined.
    pub regions: String,
}

/// The accounts page.
#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    /// Context.
    pub c: Ctx,
    /// Every account.
    pub users: Vec<UserLine>,
    /// The account just created.
    pub created: Option<String>,
    /// Why the last form was refused.
    pub error: Option<String>,
}

/// `None` for an admin; else the refusal to send (sign-in page or 403).
fn is_admin(c: &Ctx) -> Option<Response> {
    match &c.user {
        None => Some(crate::pages::signin::needed(c)),
        Some(u) => u.may_administer().err().map(|e| c.error(&ApiError::forbidden(e.0))),
    }
}

/// The refusal of an administration form: a missing or wrong CSRF token first, then a
/// user who may not administer; `None` lets the form through.
fn admin_form(c: &Ctx, form: &BTreeMap<String, String>) -> Option<Response> {
    csrf::check(c, form.get(csrf::FIELD).map(String::as_str)).or_else(|| is_admin(c))
}

async fn users_page(
    state: &AppState,
    mut c: Ctx,
    created: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    c.nav = "users";
    let lines = state
        .blocking(|store| {
            let regions = store.regions()?;
            let name = |id: &i64| {
                regions
                    .iter()
                    .find(|r| r.id == *id)
                    .map_or_else(|| format!("#{id}"), |r| r.name.clone())
            };
            Ok(store
                .users()?
                .into_iter()
                .map(|u| UserLine {
                    regions: u.regions.iter().map(name).collect::<Vec<_>>().join("、"),
                    user: u,
                })
                .collect())
        })
        .await;
    match lines {
        Ok(users) => {
            let page = UsersPage {
                c,
                users,
                created,
                error,
            };
            page.c.render(status, &page)
        }
        Err(e) => c.error(&e),
    }
}

/// `GET /admin/users`.
pub async fn users(State(state): State<AppState>, c: Ctx) -> Response {
    if let Some(r) = is_admin(&c) {
        return r;
    }
    users_page(&state, c, None, None, StatusCode::OK).await
}

fn list(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `POST /admin/users`: creates an account from the form.
pub async fn create_user(
    State(state): State<AppState>,
    c: Ctx,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    if let Some(r) = admin_form(&c, &form) {
        return r;
    }
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let body = CreateUser {
        name: get("name"),
        role: get("role"),
        regions: list(&get("regions")),
        departments: list(&get("departments")),
        password: get("password"),
    };
    let actor = c.user_name().to_owned();
    let result = state.blocking(move |store| create_account(store, &body, &actor)).await;
    match result {
        Ok(u) => users_page(&state, c, Some(u.name), None, StatusCode::CREATED).await,
        Err(e) => {
            let message = e
                .errors
                .first()
                .map_or(e.message.clone(), |f| format!("{}: {}", f.field, f.message));
            users_page(&state, c, None, Some(message), e.status).await
        }
    }
}

/// `POST /admin/users/{name}/disable` (field `disabled=false` re-enables): 303 back.
pub async fn disable_user(
    State(state): State<AppState>,
    c: Ctx,
    Path(name): Path<String>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    if let Some(r) = admin_form(&c, &form) {
        return r;
    }
    let disabled = form.get("disabled").is_none_or(|v| v != "false");
    let actor = c.user_name().to_owned();
    match state
        .blocking(move |store| Ok(store.set_user_disabled(&name, disabled, &actor)?))
        .await
    {
        Ok(()) => (StatusCode::SEE_OTHER, [(header::LOCATION, c.href("/admin/users"))]).into_response(),
        Err(e) => c.error(&e),
    }
}

/// The audit page.
#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    /// Context.
    pub c: Ctx,
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// The filter as given.
    pub q: AuditQuery,
    /// The filter as a query string (for the download links).
    pub query: String,
}

impl AuditPage {
    /// Before/after as text.
    pub fn text(&self, v: &Option<serde_json::Value>) -> String {
        audit::json_text(v)
    }
}

fn filter_query(q: &AuditQuery) -> String {
    let mut pairs = Vec::new();
    for (k, v) in [("entity", &q.entity), ("actor", &q.actor)] {
        if let Some(v) = v.as_ref().filter(|v| !v.trim().is_empty()) {
            pairs.push((k.to_owned(), v.clone()));
        }
    }
    if let Some(id) = q.entity_id {
        pairs.push(("entity_id".into(), id.to_string()));
    }
    crate::pages::encode_query(&pairs)
}

/// `GET /admin/audit`: the newest 500 entries (filtered by `entity`, `actor`, `entity_id`).
pub async fn audit(State(state): State<AppState>, mut c: Ctx, Query(q): Query<AuditQuery>) -> Response {
    if let Some(r) = is_admin(&c) {
        return r;
    }
    c.nav = "audit";
    let filter = q.filter(Some(500));
    match state.blocking(move |store| audit::entries(store, &filter)).await {
        Ok(entries) => {
            let page = AuditPage {
                query: filter_query(&q),
                c,
                entries,
                q,
            };
            page.c.render(StatusCode::OK, &page)
        }
        Err(e) => c.error(&e),
    }
}

/// `GET /admin/audit/audit.{csv,xlsx,json}`: every entry the filter selects.
pub async fn audit_file(
    State(state): State<AppState>,
    c: Ctx,
    Path(file): Path<String>,
    Query(q): Query<AuditQuery>,
) -> Response {
    if let Some(r) = is_admin(&c) {
        return r;
    }
    let Some(format) = file.strip_prefix("audit.").and_then(pledge_sheets::Format::parse) else {
        return c.error(&ApiError::not_found(
            "the audit files are audit.csv, audit.xlsx and audit.json",
        ));
    };
    let filter = q.filter(None);
    match state.blocking(move |store| audit::entries(store, &filter)).await {
        Ok(entries) => crate::api::export::download(
            audit::export(&entries, format),
            format.content_type(),
            &format!("pledge-audit.{}", format.extension()),
        ),
        Err(e) => c.error(&e),
    }
}
