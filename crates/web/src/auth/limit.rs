//! Login rate limiting, over the login attempts the store records.
//!
//! Before checking a password, the sign-in route counts the recent failures for the user
//! name (since its last successful login, from any address) and from the client address
//! (for any name). At [`LoginLimit::per_user`] or [`LoginLimit::per_ip`] failures within
//! [`LoginLimit::window`] it answers 429 with `Retry-After` without looking at the password,
//! so guessing costs an attacker a window per few tries. The price is that someone who
//! knows a user name can keep that user out for a window; an admin can still issue the
//! user a token, and the window is short.

use std::time::Duration;

use pledge_store::Store;

/// How many failed logins are allowed, and within what window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginLimit {
    /// Failures per user name (any address) before it is refused: default 5.
    pub per_user: u64,
    /// Failures per client address (any name) before it is refused: default 50, so an
    /// office behind one address is not shut out by a few mistyped passwords.
    pub per_ip: u64,
    /// The window: default 15 minutes.
    pub window: Duration,
}

impl Default for LoginLimit {
    fn default() -> LoginLimit {
        LoginLimit {
            per_user: 5,
            per_ip: 50,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl LoginLimit {
    /// `Ok` when a login for `user` from `ip` may be tried now; `Err(seconds)` to wait.
    pub fn check(&self, store: &dyn Store, user: &str, ip: &str) -> pledge_store::Result<Result<(), u64>> {
        let failures = store.recent_login_failures(user, ip, self.window)?;
        Ok(if failures.user >= self.per_user || failures.ip >= self.per_ip {
            Err(self.window.as_secs())
        } else {
            Ok(())
        })
    }
}
