//! CSRF tokens: every HTML form carries one in a hidden `csrf` field, and every POST of a
//! page checks it (missing or wrong → 403) before doing anything.
//!
//! - Signed in: the token is the session's own (made by the store with the session, the
//!   same for all its forms, gone with it).
//! - The sign-in form, before any session: a random token in the `pledge_signin` cookie
//!   (`HttpOnly`, `SameSite=Strict`) that the form must repeat (double submit), so
//!   another site cannot sign a browser in to an account of its choosing.
//!
//! Calls with a bearer token need none: browsers never attach one on their own.

use axum::response::Response;

use super::{Via, constant_time_eq};
use crate::error::ApiError;
use crate::pages::Ctx;

/// The form field holding the token.
pub const FIELD: &str = "csrf";

/// The cookie holding the sign-in form's token.
pub const SIGNIN_COOKIE: &str = "pledge_signin";

/// Whether `submitted` is the expected token (both present and equal, compared in
/// constant time).
pub fn matches(expected: Option<&str>, submitted: Option<&str>) -> bool {
    match (expected, submitted) {
        (Some(e), Some(s)) if !e.is_empty() => constant_time_eq(e.as_bytes(), s.as_bytes()),
        _ => false,
    }
}

/// The refusal of a form without the right token.
pub fn refused() -> ApiError {
    ApiError::forbidden("the form's security token (csrf) is missing or wrong: reload the page and submit it again")
}

/// Checks a page POST: signed in with a session and the session's token submitted, or
/// a bearer token (`None`: go on). Otherwise the refusal to send: the sign-in page (401,
/// nobody signed in) or 403.
pub fn check(c: &Ctx, submitted: Option<&str>) -> Option<Response> {
    match (&c.user, c.via) {
        (None, _) => Some(crate::pages::signin::needed(c)),
        (Some(_), Via::Bearer) => None,
        (Some(_), _) if matches(Some(c.csrf.as_str()), submitted) => None,
        (Some(_), _) => Some(c.error(&refused())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_must_be_present_and_equal() {
        assert!(matches(Some("abc"), Some("abc")));
        assert!(!matches(Some("abc"), Some("abd")));
        assert!(!matches(Some("abc"), None));
        assert!(!matches(Some(""), Some("")));
        assert!(!matches(None, Some("abc")));
    }
}
