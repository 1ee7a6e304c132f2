//! Accounts, API tokens and the audit log over the JSON API (admins only, except
//! `GET /api/me`). The route table's `Admin` rule refuses everyone else before these run;
//! each handler checks again, so a handler moved to another rule stays safe.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pledge_store::{NewToken, NewUser, Role, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::auth::{Caller, Principal};
use crate::error::{ApiError, FieldError};
use crate::state::AppState;
use crate::views::audit::{self, AuditQuery};
use crate::views::entry::StoreRegistry;

fn admin(caller: &Caller) -> Result<Principal, ApiError> {
    let p = caller.0.clone().ok_or_else(ApiError::unauthorized)?;
    p.may_administer().map_err(|e| ApiError::forbidden(e.0))?;
    Ok(p)
}

fn field_error(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::unprocessable(vec![FieldError {
        field: field.into(),
        message: message.into(),
        row: None,
        value: None,
    }])
}

fn parse_body<T: for<'de> Deserialize<'de> + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| field_error("body", e.to_string()))
}

/// Region names → ids (the region with targets first for a repeated name); 422 for an
/// unknown one.
pub fn region_ids(store: &dyn Store, names: &[String], field: &str) -> Result<Vec<i64>, ApiError> {
    let registry = StoreRegistry::new(store)?;
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            registry
                .resolve_region(n)
                .map(|r| r.id)
                .ok_or_else(|| field_error(field, format!("{n:?} is not a known region")))
        })
        .collect()
}

/// A store refusal of an account change as 422 (bad values) or the usual mapping.
fn account_error(e: StoreError, field: &str) -> ApiError {
    match e {
        StoreError::Invalid(m) => field_error(field, m),
        other => other.into(),
    }
}

/// The answer of `GET /api/me`.
#[derive(Debug, Serialize)]
pub struct Me {
    /// Who.
    pub principal: Principal,
}

/// `GET /api/me`: who the credentials stand for (role, regions, departments).
pub async fn me(caller: Caller) -> Result<Json<Me>, ApiError> {
    let principal = caller.0.ok_or_else(ApiError::unauthorized)?;
    Ok(Json(Me { principal }))
}

/// `GET /api/users`: every account (no password hashes: the store never returns them).
pub async fn users(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<pledge_store::User>>, ApiError> {
    admin(&caller)?;
    Ok(Json(state.blocking(|store| Ok(store.users()?)).await?))
}

/// Body of `POST /api/users`. `Debug` leaves the password out.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// The login name.
    pub name: String,
    /// `admin`, `analyst`, `reporter` or `viewer`.
    pub role: String,
    /// Assigned regions, by name.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Assigned departments.
    #[serde(default)]
    pub departments: Vec<String>,
    /// The initial password (8 characters or more).
    pub password: String,
}

impl std::fmt::Debug for CreateUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateUser")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("regions", &self.regions)
            .field("departments", &self.departments)
            .finish_non_exhaustive()
    }
}

/// Creates an account for an admin: role parsed, regions resolved, password hashed.
pub fn create_account(store: &dyn Store, body: &CreateUser, actor: &str) -> Result<pledge_store::User, ApiError> {
    let role = Role::parse(body.role.trim())
        .ok_or_else(|| field_error("role", "must be admin, analyst, reporter or viewer"))?;
    let new = NewUser {
        name: body.name.trim().to_owned(),
        role,
        regions: region_ids(store, &body.regions, "regions")?,
        departments: body
            .departments
            .iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect(),
    };
    pledge_store::account::check_user_name(&new.name).map_err(|e| account_error(e, "name"))?;
    store
        .create_user(&new, &body.password, actor)
        .map_err(|e| account_error(e, "password"))?;
    store
        .user(&new.name)?
        .ok_or_else(|| ApiError::internal("the account vanished after creation"))
}

/// `POST /api/users`: creates an account; 201 with it.
pub async fn create_user(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<Response, ApiError> {
    let who = admin(&caller)?;
    let body: CreateUser = parse_body(&body)?;
    let user = state
        .blocking(move |store| create_account(store, &body, &who.name))
        .await?;
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

/// Body of `POST /api/users/{name}/disable`.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub struct Disable {
    /// `true` (default) disables; `false` enables again.
    pub disabled: bool,
}

impl Default for Disable {
    fn default() -> Disable {
        Disable { disabled: true }
    }
}

/// `POST /api/users/{name}/disable`: disables (or re-enables) an account; its sessions
/// and tokens stop working at once.
pub async fn disable_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let who = admin(&caller)?;
    let Disable { disabled } = parse_body(&body)?;
    let user = state
        .blocking(move |store| {
            store.set_user_disabled(&name, disabled, &who.name)?;
            Ok(store.user(&name)?)
        })
        .await?;
    Ok(Json(user).into_response())
}

/// Body of `POST /api/users/{name}/tokens`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IssueToken {
    /// What it is for.
    pub name: String,
    /// Its role (at most the user's); default: the user's.
    pub role: Option<String>,
    /// Regions it is confined to (within the user's), by name; default: the user's.
    pub regions: Vec<String>,
}

/// The answer of `POST /api/users/{name}/tokens`: the record and, this once, the secret.
#[derive(Debug, Serialize)]
pub struct Issued {
    /// The stored record (no secret).
    pub token: pledge_store::ApiToken,
    /// The plaintext token, shown only here.
    pub secret: String,
}

/// `POST /api/users/{name}/tokens`: issues an API token; 201 with the plaintext once.
pub async fn issue_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(user): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let who = admin(&caller)?;
    let body: IssueToken = parse_body(&body)?;
    let issued = state
        .blocking(move |store| {
            let role = match body.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(r) => Some(
                    Role::parse(r).ok_or_else(|| field_error("role", "must be admin, analyst, reporter or viewer"))?,
                ),
                None => None,
            };
            let new = NewToken {
                name: body.name.trim().to_owned(),
                role,
                regions: region_ids(store, &body.regions, "regions")?,
            };
            store
                .create_token(&user, &new, &who.name)
                .map_err(|e| account_error(e, "role"))
        })
        .await?;
    let body = Issued {
        secret: issued.secret.expose().to_owned(),
        token: issued.token,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Query of `GET /api/tokens`.
#[derive(Debug, Default, Deserialize)]
pub struct TokensQuery {
    /// Only this user's tokens.
    pub user: Option<String>,
}

/// `GET /api/tokens`: tokens (never their secrets), revoked ones included.
pub async fn tokens(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<TokensQuery>,
) -> Result<Json<Vec<pledge_store::ApiToken>>, ApiError> {
    admin(&caller)?;
    Ok(Json(
        state
            .blocking(move |store| Ok(store.tokens(q.user.as_deref())?))
            .await?,
    ))
}

/// `POST /api/tokens/{id}/revoke`: refused from the next call on; 204.
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let who = admin(&caller)?;
    state
        .blocking(move |store| Ok(store.revoke_token(id, &who.name)?))
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/audit`: audit entries, newest first, filtered; with `format=csv|xlsx|json`
/// a download of them (all of them unless `limit` is given).
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    admin(&caller)?;
    let format = match q.format.as_deref() {
        None => None,
        Some(f) => Some(
            pledge_sheets::Format::parse(f)
                .ok_or_else(|| ApiError::bad_request(format!("format must be json, csv or xlsx, not {f:?}")))?,
        ),
    };
    let filter = q.filter(if format.is_some() { None } else { Some(500) });
    let entries = state.blocking(move |store| audit::entries(store, &filter)).await?;
    Ok(match format {
        Some(f) => crate::api::export::download(
            audit::export(&entries, f),
            f.content_type(),
            &format!("pledge-audit.{}", f.extension()),
        ),
        None => Json(entries).into_response(),
    })
}
