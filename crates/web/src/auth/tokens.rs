//! Bearer-token authenticators: one token configured at startup ([`StaticToken`], the
//! bootstrap token of `PLEDGE_API_TOKEN`), and the store's hashed, scoped, revocable API
//! tokens behind it ([`StoreTokens`], the default).

use std::sync::Arc;

use pledge_store::Store;

use super::{AuthError, Authenticator, Principal, Role, constant_time_eq};

/// One token configured at startup, standing for one principal (an analyst named `api`
/// by default): the bootstrap credential before any account exists.
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
        StaticToken::with_principal(token, Principal::new("api", Role::Analyst))
    }

    /// A token acting as `principal`.
    pub fn with_principal(token: Option<String>, principal: Principal) -> StaticToken {
        StaticToken {
            token: token.filter(|t| !t.trim().is_empty()),
            principal,
        }
    }
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

/// The default authenticator: the bootstrap token first (when configured), then the
/// store's API tokens (`pledge user token NAME`), which the store looks up by hash,
/// refuses once revoked or once their user is disabled, and stamps with their last use.
pub struct StoreTokens {
    store: Arc<dyn Store>,
    bootstrap: StaticToken,
}

impl std::fmt::Debug for StoreTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreTokens")
            .field("bootstrap", &self.bootstrap)
            .finish_non_exhaustive()
    }
}

impl StoreTokens {
    /// Tokens of `store`, plus `bootstrap` acting as the analyst `api` when given.
    pub fn new(store: Arc<dyn Store>, bootstrap: Option<String>) -> StoreTokens {
        StoreTokens {
            store,
            bootstrap: StaticToken::new(bootstrap),
        }
    }
}

impl Authenticator for StoreTokens {
    fn authenticate(&self, token: &str) -> Result<Option<Principal>, AuthError> {
        if let Some(p) = self.bootstrap.authenticate(token)? {
            return Ok(Some(p));
        }
        // Only the store's own tokens are worth a database round trip.
        if !token.starts_with("pledge_") || token.len() > 200 {
            return Ok(None);
        }
        self.store
            .authenticate_token(token)
            .map(|p| p.map(Principal::from))
            .map_err(|e| AuthError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
