//! Browser sessions kept in the database, and their cookie.
//!
//! Signing in with a name and password (checked by the store against its argon2 hash)
//! starts a session: the store keeps the SHA-256 of a random id, the browser keeps the id
//! in the `pledge_session` cookie — `HttpOnly` (no script reads it), `SameSite=Strict`
//! (no other site's page sends it), `Path=/`, and `Secure` when the site is served over
//! HTTPS (see [`secure`]). Each request extends the session by [`crate::Options::session_ttl`];
//! signing out deletes it in the database, so a copied cookie dies with it. Disabling the
//! user ends its sessions at once (the store checks the user on every lookup).

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use pledge_store::Secret;

use super::{Resolved, Via};
use crate::Options;
use crate::error::ApiError;
use crate::state::AppState;

/// The cookie holding the session id.
pub const SESSION_COOKIE: &str = "pledge_session";

/// The caller of a session cookie: the session's principal and CSRF token, or anonymous
/// when the session is unknown, expired or its user disabled. A live session is touched
/// (extended) on every request.
pub async fn resolve(state: &AppState, id: Secret) -> Result<Resolved, ApiError> {
    let ttl = state.options.session_ttl;
    let found = state
        .blocking(move |store| {
            let session = store.session(id.expose())?;
            if session.is_some() {
                store.touch_session(id.expose(), ttl)?;
            }
            Ok(session.map(|s| (s, id)))
        })
        .await?;
    Ok(match found {
        Some((s, id)) => Resolved {
            principal: Some(s.principal.into()),
            via: Via::Session,
            csrf: Some(s.csrf_token),
            session: Some(id),
        },
        None => Resolved::default(),
    })
}

/// Whether cookies get the `Secure` attribute: as [`Options::secure_cookies`] says when
/// set; otherwise (auto) only when [`Options::trust_proxy`] is on and the proxy says the
/// request came over HTTPS (`X-Forwarded-Proto: https`). pledge itself speaks plain HTTP,
/// so behind a TLS-terminating proxy set `PLEDGE_TRUST_PROXY=1` (or force
/// `PLEDGE_SECURE_COOKIES=1`).
pub fn secure(headers: &HeaderMap, options: &Options) -> bool {
    options.secure_cookies.unwrap_or_else(|| {
        options.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| {
                    v.split(',')
                        .next()
                        .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
                })
    })
}

/// A `Set-Cookie` value for an `HttpOnly`, `SameSite=Strict` cookie (`Max-Age=0`: delete).
pub fn cookie_value(name: &str, value: &str, max_age: Option<u64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// Appends a `Set-Cookie` header.
pub fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// The client's address for rate limiting: the connection's peer, or with
/// [`Options::trust_proxy`] the last address of `X-Forwarded-For` (the one our proxy added).
pub fn client_ip(headers: &HeaderMap, peer: Option<std::net::SocketAddr>, options: &Options) -> String {
    if options.trust_proxy {
        if let Some(last) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return last.chars().take(64).collect();
        }
    }
    peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string())
}

/// The client address of a request ([`client_ip`]), as an extractor.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<ClientIp, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0);
        if !state.options.trust_proxy && parts.headers.contains_key("x-forwarded-for") {
            warn_untrusted_proxy();
        }
        Ok(ClientIp(client_ip(&parts.headers, peer, &state.options)))
    }
}

/// Says once per process that a proxy seems to stand in front while its header is not
/// trusted: every client then shares the proxy's address, so the per-address login limit
/// counts everyone's failures together.
fn warn_untrusted_proxy() {
    static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        eprintln!(
            "pledge: a sign-in came with X-Forwarded-For but PLEDGE_TRUST_PROXY is off: every client \
             counts as the proxy's address for the login limit; set PLEDGE_TRUST_PROXY=1 behind your own proxy"
        );
    }
}

/// A fresh random secret: 32 bytes from the OS generator as 64 hex digits.
pub fn random_secret() -> Secret {
    let mut bytes = [0u8; 32];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness: fail closed with a value no form can know.
        panic!("the operating system's random generator is unavailable");
    }
    Secret::new(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_httponly_strict_and_secure_when_asked() {
        let c = cookie_value(SESSION_COOKIE, "abc", None, false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && !c.contains("Secure"));
        assert!(cookie_value(SESSION_COOKIE, "", Some(0), true).ends_with("Max-Age=0; Secure"));
    }

    #[test]
    fn secure_follows_the_proxy_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let mut o = Options::default();
        assert!(!secure(&h, &o), "an untrusted header is ignored");
        o.trust_proxy = true;
        assert!(secure(&h, &o));
        o.secure_cookies = Some(false);
        assert!(!secure(&h, &o));
        o.secure_cookies = Some(true);
        assert!(secure(&HeaderMap::new(), &o));
    }

    #[test]
    fn client_ip_reads_the_proxy_header_only_when_trusted() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("10.0.0.1, 192.0.2.7"));
        let peer = Some("127.0.0.1:5000".parse().unwrap());
        let mut o = Options::default();
        assert_eq!(client_ip(&h, peer, &o), "127.0.0.1");
        o.trust_proxy = true;
        assert_eq!(client_ip(&h, peer, &o), "192.0.2.7");
    }

    #[test]
    fn secrets_are_random_hex() {
        let (a, b) = (random_secret(), random_secret());
        assert_eq!(a.expose().len(), 64);
        assert_ne!(a, b);
    }
}
