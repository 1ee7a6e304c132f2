//! Who is calling: the seam between the web layer and accounts.
//!
//! Every write route asks an [`Authenticator`] to turn the caller's token into a
//! [`Principal`] (a name, a role and the regions it may write), then asks the principal
//! whether it may do the write. Today the only authenticator is [`StaticToken`], one
//! token configured at startup (`PLEDGE_API_TOKEN`) that acts as an analyst; the accounts,
//! roles and hashed tokens of issue 7 plug in by implementing [`Authenticator`] over the
//! store, without changing a route.
//!
//! The token comes from `Authorization: Bearer TOKEN` (the API) or from the `pledge_token`
//! cookie set by the sign-in form (the HTML pages; `HttpOnly`, `SameSite=Strict`).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use serde::Serialize;

use crate::state::AppState;

/// The cookie the sign-in form sets.
pub const TOKEN_COOKIE: &str = "pledge_token";

/// What an account may do (issue 7's roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Users and plans, and everything an analyst may do.
    Admin,
    /// Targets, review of extracted facts, all data.
    Analyst,
    /// Observations for the assigned regions only.
    Reporter,
    /// Reads only.
    Viewer,
}

impl Role {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Reporter => "reporter",
            Role::Viewer => "viewer",
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// The account name, written to the audit log as the actor.
    pub name: String,
    /// What the account may do.
    pub role: Role,
    /// For a reporter: the regions (by id) it may write; empty means no restriction for
    /// the other roles and nothing for a reporter.
    pub regions: Vec<i64>,
}

/// Why a principal may not do something (the route answers 403).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Forbidden(pub String);

impl Principal {
    /// May this caller record an observation for `region`?
    pub fn may_write_observation(&self, region: i64) -> Result<(), Forbidden> {
        match self.role {
            Role::Admin | Role::Analyst => Ok(()),
            Role::Reporter if self.regions.contains(&region) => Ok(()),
            Role::Reporter => Err(Forbidden(format!(
                "{} may report for its assigned regions only",
                self.name
            ))),
            Role::Viewer => Err(Forbidden(format!("{} may only read", self.name))),
        }
    }

    /// May this caller accept or reject extracted facts?
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
}

/// Why authentication could not be decided (the backing store failed); distinct from a
/// wrong token, which is `Ok(None)`.
#[derive(Debug, thiserror::Error)]
#[error("authentication failed: {0}")]
pub struct AuthError(pub String);

/// Turns a presented token into a principal. Implementations must compare secrets in
/// constant time and never log them.
pub trait Authenticator: Send + Sync {
    /// The principal of `token`, or `None` when the token is unknown or revoked.
    fn authenticate(&self, token: &str) -> Result<Option<Principal>, AuthError>;

    /// Whether any credential can succeed (false: the sign-in page says writing is off).
    fn enabled(&self) -> bool {
        true
    }
}

/// One token configured at startup, standing for one principal (an analyst named
/// `api` by default): the authenticator until accounts exist.
pub struct StaticToken {
    token: Option<String>,
    principal: Principal,
}

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticToken")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("principal", &self.principal)
            .finish()
    }
}

impl StaticToken {
    /// A token acting as the analyst `api`; `None` (or an empty token) refuses everyone.
    pub fn new(token: Option<String>) -> StaticToken {
        StaticToken::with_principal(
            token,
            Principal {
                name: "api".into(),
                role: Role::Analyst,
                regions: Vec::new(),
            },
        )
    }

    /// A token acting as `principal`.
    pub fn with_principal(token: Option<String>, principal: Principal) -> StaticToken {
        StaticToken {
            token: token.filter(|t| !t.trim().is_empty()),
            principal,
        }
    }
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Authenticator for StaticToken {
    fn authenticate(&self, token: &str) -> Result<Option<Principal>, AuthError> {
        Ok(match &self.token {
            Some(expected) if constant_time_eq(expected.as_bytes(), token.as_bytes()) => Some(self.principal.clone()),
            _ => None,
        })
    }

    fn enabled(&self) -> bool {
        self.token.is_some()
    }
}

/// The token a request presents: the bearer token, else the sign-in cookie.
pub fn presented_token(headers: &HeaderMap) -> Option<String> {
    if let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        let value = value.trim();
        if let Some((scheme, token)) = value.split_once(' ') {
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
                return Some(token.trim().to_owned());
            }
        }
        return None;
    }
    cookie(headers, TOKEN_COOKIE).filter(|t| !t.is_empty())
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

/// The caller of a request: `Some` principal when a valid token was presented. Never
/// rejects; routes decide whether they need a principal (see [`Authenticated`]).
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl FromRequestParts<AppState> for Caller {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, Self::Rejection> {
        let Some(token) = presented_token(&parts.headers) else {
            return Ok(Caller(None));
        };
        let auth: Arc<dyn Authenticator> = state.auth.clone();
        let principal = tokio::task::spawn_blocking(move || auth.authenticate(&token))
            .await
            .map_err(|e| crate::error::ApiError::internal(e.to_string()))?
            .map_err(|e| crate::error::ApiError::internal(e.to_string()))?;
        Ok(Caller(principal))
    }
}

/// A caller with valid credentials; the API route answers 401 (with
/// `WWW-Authenticate: Bearer`) otherwise.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Principal);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Authenticated, Self::Rejection> {
        match Caller::from_request_parts(parts, state).await? {
            Caller(Some(principal)) => Ok(Authenticated(principal)),
            Caller(None) => Err(crate::error::ApiError::unauthorized()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn static_token_accepts_only_its_token() {
        let auth = StaticToken::new(Some("s3cret".into()));
        assert_eq!(auth.authenticate("s3cret").unwrap().unwrap().role, Role::Analyst);
        assert!(auth.authenticate("s3cre").unwrap().is_none());
        assert!(auth.authenticate("").unwrap().is_none());
        let off = StaticToken::new(Some("  ".into()));
        assert!(!off.enabled());
        assert!(off.authenticate("  ").unwrap().is_none());
        assert!(!format!("{auth:?}").contains("s3cret"));
    }

    #[test]
    fn tokens_come_from_bearer_or_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(presented_token(&h), None);
        h.insert(header::COOKIE, HeaderValue::from_static("lang=en; pledge_token=abc"));
        assert_eq!(presented_token(&h).as_deref(), Some("abc"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer xyz"));
        assert_eq!(presented_token(&h).as_deref(), Some("xyz"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic xyz"));
        assert_eq!(
            presented_token(&h),
            None,
            "a wrong scheme is not a fallback to the cookie"
        );
    }

    #[test]
    fn reporters_write_their_regions_only() {
        let reporter = Principal {
            name: "r".into(),
            role: Role::Reporter,
            regions: vec![7],
        };
        assert!(reporter.may_write_observation(7).is_ok());
        assert!(reporter.may_write_observation(8).is_err());
        assert!(reporter.may_review().is_err());
        let viewer = Principal {
            name: "v".into(),
            role: Role::Viewer,
            regions: vec![],
        };
        assert!(viewer.may_write_observation(7).is_err());
        let analyst = Principal {
            name: "a".into(),
            role: Role::Analyst,
            regions: vec![],
        };
        assert!(analyst.may_write_observation(8).is_ok() && analyst.may_review().is_ok());
    }
}
