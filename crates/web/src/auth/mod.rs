//! Who is calling, and what they may do: the seam between the web layer and accounts.
//!
//! A request is resolved once, by the [`resolve`] middleware, into a [`Resolved`] caller:
//!
//! - `Authorization: Bearer TOKEN` → an [`Authenticator`] ([`StoreTokens`] by default:
//!   the bootstrap token of `PLEDGE_API_TOKEN`, then the store's hashed API tokens). Bearer
//!   calls need no CSRF token: browsers never attach them on their own.
//! - else the `pledge_session` cookie → the store's session ([`session`]), which carries the
//!   CSRF token every form of that session must send back ([`csrf`]).
//!
//! The middleware then applies the route's [`Rule`] from the route
//! table (401 without credentials, 403 for the wrong role, and the public-read switch);
//! handlers check the row-level part (regions, departments) against the row they write,
//! never against an id the client chose to send.

pub mod csrf;
pub mod limit;
pub mod session;
pub mod tokens;

use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
pub use pledge_store::Role;
use pledge_store::Secret;
use serde::Serialize;

pub use tokens::{StaticToken, StoreTokens};

use crate::error::ApiError;
use crate::routes::{Kind, Rule};
use crate::state::AppState;

/// An authenticated caller: what every authorization decision looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// The account name, written to the audit log as the actor.
    pub name: String,
    /// What the account (or the token's scope of it) may do.
    pub role: Role,
    /// The regions (by id) it is confined to: `None` = any region (an account given no
    /// regions); `Some(list)` = only these (an account given regions, whatever its role,
    /// and always a reporter; empty = none).
    pub regions: Option<Vec<i64>>,
    /// The departments it is assigned to: a reporter with departments may only report on
    /// indicators whose targets in that region one of them leads or cooperates on.
    pub departments: Vec<String>,
}

/// Why a principal may not do something (the route answers 403).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Forbidden(pub String);

impl From<pledge_store::Principal> for Principal {
    fn from(p: pledge_store::Principal) -> Principal {
        Principal {
            name: p.user_name,
            role: p.role,
            regions: p.regions,
            departments: p.departments,
        }
    }
}

impl Principal {
    /// A principal of `role` confined to nothing but its role.
    pub fn new(name: &str, role: Role) -> Principal {
        Principal {
            name: name.to_owned(),
            role,
            regions: (role == Role::Reporter).then(Vec::new),
            departments: Vec::new(),
        }
    }

    /// Whether its region confinement admits `region`.
    pub fn covers_region(&self, region: i64) -> bool {
        self.regions.as_ref().is_none_or(|r| r.contains(&region))
    }

    fn outside(&self) -> Forbidden {
        Forbidden(format!("{} may write for its assigned regions only", self.name))
    }

    /// May this caller record an observation for `region` (role and regions; the
    /// departments are checked by [`Principal::may_report_for`])?
    pub fn may_write_observation(&self, region: i64) -> Result<(), Forbidden> {
        match self.role {
            Role::Viewer => Err(Forbidden(format!("{} may only read", self.name))),
            Role::Admin | Role::Analyst | Role::Reporter if self.covers_region(region) => Ok(()),
            _ => Err(self.outside()),
        }
    }

    /// May a reporter with departments report on a series whose targets are led or
    /// cooperated on by `departments`? Other roles, and reporters without departments, may.
    pub fn may_report_for(&self, departments: &[String]) -> Result<(), Forbidden> {
        if self.role != Role::Reporter || self.departments.is_empty() {
            return Ok(());
        }
        if departments.iter().any(|d| self.departments.contains(d)) {
            Ok(())
        } else {
            Err(Forbidden(format!(
                "{} may report only for the targets of its departments ({})",
                self.name,
                self.departments.join("、")
            )))
        }
    }

    /// May this caller accept or reject extracted facts (of `region`, when known)?
    pub fn may_review(&self) -> Result<(), Forbidden> {
        match self.role {
            Role::Admin | Role::Analyst => Ok(()),
            Role::Reporter | Role::Viewer => Err(Forbidden(format!(
                "reviewing facts needs the analyst role; {} is a {}",
                self.name,
                self.role.as_str()
            ))),
        }
    }

    /// May this caller review a fact whose stored region is `region`? A confined caller
    /// may not review a fact without one (it belongs to no region of theirs).
    pub fn may_review_in(&self, region: Option<i64>) -> Result<(), Forbidden> {
        self.may_review()?;
        match region {
            Some(r) if !self.covers_region(r) => Err(self.outside()),
            None if self.regions.is_some() => Err(self.outside()),
            _ => Ok(()),
        }
    }

    /// May this caller accept the fact stored under `stored`, into `moved_to` when the
    /// reviewer edits its region? The stored fact decides first, so a region sent in the
    /// request can never open a fact of another region; a fact moved must also land
    /// inside the caller's regions.
    pub fn may_accept_into(&self, stored: Option<i64>, moved_to: Option<i64>) -> Result<(), Forbidden> {
        self.may_review_in(stored)?;
        match moved_to {
            Some(r) if !self.covers_region(r) => Err(self.outside()),
            _ => Ok(()),
        }
    }

    /// May this caller manage accounts and read the audit log?
    pub fn may_administer(&self) -> Result<(), Forbidden> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(Forbidden(format!(
                "this needs the admin role; {} is a {}",
                self.name,
                self.role.as_str()
            )))
        }
    }
}

/// Why authentication could not be decided (the backing store failed); distinct from a
/// wrong token, which is `Ok(None)`.
#[derive(Debug, thiserror::Error)]
#[error("authentication failed: {0}")]
pub struct AuthError(pub String);

/// Turns a presented bearer token into a principal. Implementations must compare secrets
/// in constant time and never log them.
pub trait Authenticator: Send + Sync {
    /// The principal of `token`, or `None` when the token is unknown or revoked.
    fn authenticate(&self, token: &str) -> Result<Option<Principal>, AuthError>;

    /// Whether any credential can succeed (false: the sign-in page says writing is off).
    fn enabled(&self) -> bool {
        true
    }
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What `Authorization` says: no header, a bearer token, or something else (refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presented {
    /// No `Authorization` header.
    Nothing,
    /// `Bearer TOKEN` (the token itself kept out of `Debug`).
    Bearer(Secret),
    /// Another scheme or an empty token: never a fallback to the cookie.
    Malformed,
}

/// The bearer token a request presents.
pub fn presented_token(headers: &HeaderMap) -> Presented {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Presented::Nothing;
    };
    let Ok(value) = value.to_str() else {
        return Presented::Malformed;
    };
    match value.trim().split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Presented::Bearer(Secret::new(token.trim().to_owned()))
        }
        _ => Presented::Malformed,
    }
}

/// The value of cookie `name`, if the request sent it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
}

/// How a caller proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Via {
    /// It did not (anonymous), or its credentials were not valid.
    #[default]
    Nothing,
    /// A bearer token (API clients; no CSRF token needed).
    Bearer,
    /// A session cookie (browsers; every form needs the session's CSRF token).
    Session,
}

/// The caller of a request as the [`resolve`] middleware found it.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The principal, when valid credentials were presented.
    pub principal: Option<Principal>,
    /// How (bearer, session or nothing). `Bearer` with no principal: a bad token.
    pub via: Via,
    /// The session's CSRF token (sessions only).
    pub csrf: Option<Secret>,
    /// The session id of the cookie (sessions only), for signing out.
    pub session: Option<Secret>,
}

impl Resolved {
    /// Resolves the credentials of a request: the bearer token, else the session cookie.
    pub async fn from_headers(headers: &HeaderMap, state: &AppState) -> Result<Resolved, ApiError> {
        match presented_token(headers) {
            Presented::Bearer(token) => {
                let auth: Arc<dyn Authenticator> = state.auth.clone();
                let principal = tokio::task::spawn_blocking(move || auth.authenticate(token.expose()))
                    .await
                    .map_err(|e| ApiError::internal(e.to_string()))?
                    .map_err(|e| ApiError::internal(e.to_string()))?;
                Ok(Resolved {
                    principal,
                    via: Via::Bearer,
                    ..Resolved::default()
                })
            }
            Presented::Malformed => Ok(Resolved {
                via: Via::Bearer,
                ..Resolved::default()
            }),
            Presented::Nothing => match cookie(headers, session::SESSION_COOKIE).filter(|v| !v.is_empty()) {
                Some(id) => session::resolve(state, Secret::new(id)).await,
                None => Ok(Resolved::default()),
            },
        }
    }
}

/// The middleware every route runs behind: resolves the caller once (into the request's
/// extensions, for [`Caller`]) and applies the route's rule from the route table.
pub async fn resolve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let resolved = match Resolved::from_headers(&parts.headers, &state).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    parts.extensions.insert(resolved.clone());
    let route = parts
        .extensions
        .get::<MatchedPath>()
        .and_then(|p| state.rules.get(&(parts.method.clone(), p.as_str().to_owned())))
        .copied();
    if let Some((rule, kind)) = route {
        if let Err(denied) = allowed(rule, &resolved, state.options.public_read) {
            return deny(denied, kind, &mut parts, &state).await;
        }
    }
    next.run(Request::from_parts(parts, body)).await
}

/// Why the rule refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// No valid credentials: 401 (the sign-in page for pages).
    Unauthenticated,
    /// Valid credentials, wrong role: 403.
    Forbidden(String),
}

/// Whether `rule` admits the caller (role level; rows are checked by the handlers).
pub fn allowed(rule: Rule, caller: &Resolved, public_read: bool) -> Result<(), Denied> {
    let who = caller.principal.as_ref();
    let need = |check: fn(&Principal) -> Result<(), Forbidden>| match who {
        None => Err(Denied::Unauthenticated),
        Some(p) => check(p).map_err(|f| Denied::Forbidden(f.0)),
    };
    match rule {
        Rule::Open => Ok(()),
        Rule::Read if public_read => Ok(()),
        Rule::Read | Rule::SignedIn => need(|_| Ok(())),
        Rule::Observe => need(|p| {
            if p.role == Role::Viewer {
                Err(Forbidden(format!("{} may only read", p.name)))
            } else {
                Ok(())
            }
        }),
        Rule::Review => need(Principal::may_review),
        Rule::Admin => need(Principal::may_administer),
    }
}

async fn deny(denied: Denied, kind: Kind, parts: &mut Parts, state: &AppState) -> Response {
    match (denied, kind) {
        (Denied::Unauthenticated, Kind::Api) => ApiError::unauthorized().into_response(),
        (Denied::Forbidden(m), Kind::Api) => ApiError::forbidden(m).into_response(),
        (denied, Kind::Page) => {
            let c = match crate::pages::Ctx::from_request_parts(parts, state).await {
                Ok(c) => c,
                Err(e) => return e.into_response(),
            };
            match denied {
                Denied::Unauthenticated if parts.method == Method::GET => {
                    Redirect::to(&format!("/signin?next={}", crate::pages::encode_component(&c.here))).into_response()
                }
                Denied::Unauthenticated => crate::pages::signin::needed(&c),
                Denied::Forbidden(m) => c.error(&ApiError::forbidden(m)),
            }
        }
    }
}

/// The caller of a request: `Some` principal when valid credentials were presented.
/// Never rejects; the route table's rules and the handlers decide.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        Ok(Caller(resolved(parts, state).await?.principal))
    }
}

/// The [`Resolved`] caller of a request (resolved again when the middleware did not run).
pub async fn resolved(parts: &mut Parts, state: &AppState) -> Result<Resolved, ApiError> {
    if let Some(r) = parts.extensions.get::<Resolved>() {
        return Ok(r.clone());
    }
    let r = Resolved::from_headers(&parts.headers, state).await?;
    parts.extensions.insert(r.clone());
    Ok(r)
}

/// An API caller with a valid bearer token; 401 (with `WWW-Authenticate: Bearer`)
/// otherwise. The session cookie does not count: API writes carry no CSRF token, so a
/// browser's ambient cookie must not be able to drive them.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Principal);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Authenticated, ApiError> {
        match resolved(parts, state).await? {
            Resolved {
                principal: Some(p),
                via: Via::Bearer,
                ..
            } => Ok(Authenticated(p)),
            _ => Err(ApiError::unauthorized()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_come_from_bearer_only() {
        let mut h = HeaderMap::new();
        assert_eq!(presented_token(&h), Presented::Nothing);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer xyz"));
        assert_eq!(presented_token(&h), Presented::Bearer(Secret::new("xyz".into())));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic xyz"));
        assert_eq!(presented_token(&h), Presented::Malformed);
        assert!(!format!("{:?}", Presented::Bearer(Secret::new("xyz".into()))).contains("xyz"));
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("lang=en; pledge_session=abc"));
        assert_eq!(cookie(&h, "pledge_session").as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "session"), None);
    }

    #[test]
    fn reporters_write_their_regions_only() {
        let mut reporter = Principal::new("r", Role::Reporter);
        assert!(
            reporter.may_write_observation(7).is_err(),
            "a reporter without regions writes nothing"
        );
        reporter.regions = Some(vec![7]);
        assert!(reporter.may_write_observation(7).is_ok());
        assert!(reporter.may_write_observation(8).is_err());
        assert!(reporter.may_review().is_err());
        assert!(reporter.may_report_for(&[]).is_ok(), "no departments: regions decide");
        reporter.departments = vec!["市生态环境局".into()];
        assert!(reporter.may_report_for(&["市生态环境局".into()]).is_ok());
        assert!(reporter.may_report_for(&["市发展改革委".into()]).is_err());
        let viewer = Principal::new("v", Role::Viewer);
        assert!(viewer.may_write_observation(7).is_err());
        let analyst = Principal::new("a", Role::Analyst);
        assert!(analyst.may_write_observation(8).is_ok() && analyst.may_review().is_ok());
        assert!(analyst.may_administer().is_err());
        let mut scoped = Principal::new("a", Role::Analyst);
        scoped.regions = Some(vec![7]);
        assert!(scoped.may_review_in(Some(8)).is_err() && scoped.may_review_in(Some(7)).is_ok());
        assert!(
            scoped.may_accept_into(Some(8), Some(7)).is_err(),
            "the stored region decides"
        );
        assert!(scoped.may_accept_into(Some(7), Some(8)).is_err(), "nor moved out");
        assert!(scoped.may_accept_into(None, Some(7)).is_err() && scoped.may_accept_into(Some(7), None).is_ok());
        assert!(Principal::new("root", Role::Admin).may_administer().is_ok());
    }

    #[test]
    fn rules_refuse_by_role() {
        let as_ = |role| Resolved {
            principal: Some(Principal::new("x", role)),
            via: Via::Bearer,
            ..Resolved::default()
        };
        let anon = Resolved::default();
        assert_eq!(allowed(Rule::Read, &anon, true), Ok(()));
        assert_eq!(allowed(Rule::Read, &anon, false), Err(Denied::Unauthenticated));
        assert_eq!(allowed(Rule::Read, &as_(Role::Viewer), false), Ok(()));
        assert!(allowed(Rule::Observe, &as_(Role::Viewer), true).is_err());
        assert!(allowed(Rule::Observe, &as_(Role::Reporter), true).is_ok());
        assert!(allowed(Rule::Review, &as_(Role::Reporter), true).is_err());
        assert!(allowed(Rule::Admin, &as_(Role::Analyst), true).is_err());
        assert!(allowed(Rule::Admin, &as_(Role::Admin), true).is_ok());
        assert_eq!(allowed(Rule::Open, &anon, false), Ok(()));
    }
}
