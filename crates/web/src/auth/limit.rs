//! Login rate limiting, over the login attempts the store records, that does not lock out
//! the owner.
//!
//! Before checking a password, the sign-in route counts the recent failures for the user
//! name (since its last successful login, from any address) and from the client address
//! (for any name). At [`LoginLimit::per_user`] or [`LoginLimit::per_ip`] failures within
//! [`LoginLimit::window`] an attempt from an unknown browser is answered 429 with
//! `Retry-After` without looking at the password, so guessing costs an attacker a window
//! per few tries. A browser the account signed in from before (its `pledge_device`
//! cookie, [`Store::known_device`]) is let through to the password check, so whoever types
//! wrong passwords for a name keeps out only browsers its owner never used: lock-out is no
//! weapon against the owner at their usual desk. A wrong password typed on such a device
//! while the name is limited forgets the device, so a stolen device cookie buys one guess.

use std::time::Duration;

use pledge_store::Store;

/// The cookie that names a browser an account signed in from (only its hash is stored).
pub const DEVICE_COOKIE: &str = "pledge_device";

/// How long a browser stays known after signing in: 180 days.
pub const DEVICE_MAX_AGE: u64 = 180 * 24 * 3600;

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

/// What the limit decided for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Under the limit: check the password.
    Open,
    /// Over the limit, but from a browser the account signed in from: check the password;
    /// a wrong one forgets the device.
    KnownDevice,
    /// Over the limit from an unknown browser: wait this many seconds.
    Wait(u64),
}

impl LoginLimit {
    /// Whether a login for `user` from `ip`, on the browser whose device cookie is
    /// `device`, may be tried now.
    pub fn check(&self, store: &dyn Store, user: &str, ip: &str, device: Option<&str>) -> pledge_store::Result<Gate> {
        let failures = store.recent_login_failures(user, ip, self.window)?;
        if failures.user < self.per_user && failures.ip < self.per_ip {
            return Ok(Gate::Open);
        }
        match device {
            Some(d) if store.known_device(user, d)? => Ok(Gate::KnownDevice),
            _ => Ok(Gate::Wait(self.window.as_secs())),
        }
    }
}
