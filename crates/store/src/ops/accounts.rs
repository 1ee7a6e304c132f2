//! Users, API tokens, sessions and login attempts.
//!
//! Secrets are never stored or audited in the clear: passwords as argon2 PHC strings,
//! tokens and session ids as the SHA-256 of their plaintext. Audit entries carry the
//! records of `crate::account`, which hold no hash and no plaintext.

use std::sync::OnceLock;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use super::write_audit;
use crate::account::{
    ApiToken, IssuedToken, LoginFailures, NewSession, NewToken, NewUser, Principal, Role, Secret, Session, TokenId,
    User, UserId,
};
use crate::sql::{Db, Row, p};
use crate::{RegionId, Result, StoreError, sha256_hex};

/// What every API token starts with, so that secret scanners and people recognise one.
pub(crate) const TOKEN_PREFIX: &str = "pledge_";
/// Shortest password accepted, in characters.
const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted, in bytes (argon2 hashes any length; this bounds the work an
/// anonymous login request can cause).
const MAX_PASSWORD_BYTES: usize = 1024;
/// Longest user name, in characters.
const MAX_NAME_CHARS: usize = 64;
/// Longest time-to-live of a session (longer ones are cut to this).
const MAX_TTL_MS: i64 = 366 * 24 * 3600 * 1000;

/// Refuses a password that is too short or too long (without quoting it).
fn check_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(StoreError::Invalid(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters (got {chars})"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(StoreError::Invalid(format!(
            "a password may have at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

/// The argon2id hash (PHC string, salt included) of a password, after checking it.
pub(crate) fn hash_password(password: &str) -> Result<String> {
    check_password(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Backend {
            what: "hashing a password",
            message: e.to_string(),
        })
}

/// A hash no password matches, verified against for unknown users so that a login for a
/// missing account takes as long as one for an existing account.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        let mut pw = [0u8; 32];
        OsRng.fill_bytes(&mut pw);
        Argon2::default()
            .hash_password(&pw, &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Whether `password` matches the stored PHC string.
fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Checks a password against what [`password_of`] found: the user when it matches and the
/// account is enabled, else `None` (the same answer, and about the same time, for an
/// unknown name, a wrong password and a disabled account).
pub(crate) fn verify(found: Option<(User, String)>, password: &str) -> Result<Option<User>> {
    match found {
        None => {
            let _ = password_matches(dummy_hash(), password);
            Ok(None)
        }
        Some((user, hash)) => Ok((password_matches(&hash, password) && !user.disabled).then_some(user)),
    }
}

/// A fresh random secret: `prefix` and 64 hex digits (32 bytes from the OS generator).
pub(crate) fn new_secret(prefix: &str) -> Result<Secret> {
    let mut bytes = [0u8; 32];
    OsRng.try_fill_bytes(&mut bytes).map_err(|e| StoreError::Backend {
        what: "drawing a random secret",
        message: e.to_string(),
    })?;
    let mut s = String::with_capacity(prefix.len() + 64);
    s.push_str(prefix);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    Ok(Secret::new(s))
}

/// What is stored for a secret: the hex SHA-256 of its plaintext.
fn hashed(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// Milliseconds of a time-to-live, capped.
fn ttl_ms(ttl: Duration) -> i64 {
    i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX).min(MAX_TTL_MS)
}

/// Refuses a user name that would be awkward on a command line or in a log.
pub(crate) fn check_name(name: &str) -> Result<()> {
    let n = name.chars().count();
    if n == 0 || n > MAX_NAME_CHARS || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(StoreError::Invalid(format!(
            "a user name needs 1 to {MAX_NAME_CHARS} characters without spaces or control characters (got {name:?})"
        )));
    }
    Ok(())
}

/// The error for a user name that names no account.
fn no_user(name: &str) -> StoreError {
    StoreError::UnknownName {
        entity: "user",
        name: name.to_owned(),
    }
}

/// Columns read by [`user_row`].
const USER_COLS: &str = "id, name, role, disabled, created_at, created_by, updated_at, updated_by";

/// Reads a user row (without assignments).
fn user_row(r: &Row) -> Result<User> {
    Ok(User {
        id: r.i64(0)?,
        name: r.text(1)?,
        role: r.code(2, "role", Role::parse)?,
        regions: Vec::new(),
        departments: Vec::new(),
        disabled: r.flag(3)?,
        created_at: r.text(4)?,
        created_by: r.text(5)?,
        updated_at: r.text(6)?,
        updated_by: r.text(7)?,
    })
}

/// Fills in a user's regions and departments.
fn with_assignments(c: &mut dyn Db, mut user: User) -> Result<User> {
    user.regions = c
        .query(
            "reading user regions",
            "SELECT region_id FROM user_regions WHERE user_id = ?1 ORDER BY region_id",
            p![user.id],
        )?
        .iter()
        .map(|r| r.i64(0))
        .collect::<Result<_>>()?;
    user.departments = c
        .query(
            "reading user departments",
            "SELECT department FROM user_departments WHERE user_id = ?1 ORDER BY department",
            p![user.id],
        )?
        .iter()
        .map(|r| r.text(0))
        .collect::<Result<_>>()?;
    Ok(user)
}

/// The user with this name.
pub(crate) fn user_by_name(c: &mut dyn Db, name: &str) -> Result<Option<User>> {
    let found = c.query_opt(
        "reading a user",
        &format!("SELECT {USER_COLS} FROM users WHERE name = ?1"),
        p![name.trim()],
    )?;
    match found {
        Some(r) => Ok(Some(with_assignments(c, user_row(&r)?)?)),
        None => Ok(None),
    }
}

/// The user with this id.
pub(crate) fn user_by_id(c: &mut dyn Db, id: UserId) -> Result<Option<User>> {
    let found = c.query_opt(
        "reading a user",
        &format!("SELECT {USER_COLS} FROM users WHERE id = ?1"),
        p![id],
    )?;
    match found {
        Some(r) => Ok(Some(with_assignments(c, user_row(&r)?)?)),
        None => Ok(None),
    }
}

/// Every user, by name.
pub(crate) fn users(c: &mut dyn Db) -> Result<Vec<User>> {
    let rows = c.query(
        "listing users",
        &format!("SELECT {USER_COLS} FROM users ORDER BY name"),
        p![],
    )?;
    rows.iter().map(|r| with_assignments(c, user_row(r)?)).collect()
}

/// The user with this name, or [`StoreError::UnknownName`].
fn existing(c: &mut dyn Db, name: &str) -> Result<User> {
    user_by_name(c, name)?.ok_or_else(|| no_user(name))
}

/// Sorted, deduplicated, trimmed department names without empties.
fn clean_departments(departments: &[String]) -> Vec<String> {
    let mut out: Vec<String> = departments
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Sorted, deduplicated region ids.
fn clean_regions(regions: &[RegionId]) -> Vec<RegionId> {
    let mut out = regions.to_vec();
    out.sort_unstable();
    out.dedup();
    out
}

/// Replaces a user's regions and departments.
fn write_assignments(c: &mut dyn Db, id: UserId, regions: &[RegionId], departments: &[String]) -> Result<()> {
    let what = "writing user assignments";
    c.exec(what, "DELETE FROM user_regions WHERE user_id = ?1", p![id])?;
    c.exec(what, "DELETE FROM user_departments WHERE user_id = ?1", p![id])?;
    for r in clean_regions(regions) {
        c.exec(
            what,
            "INSERT INTO user_regions (user_id, region_id) VALUES (?1, ?2)",
            p![id, r],
        )?;
    }
    for d in clean_departments(departments) {
        c.exec(
            what,
            "INSERT INTO user_departments (user_id, department) VALUES (?1, ?2)",
            p![id, &d],
        )?;
    }
    Ok(())
}

/// Creates an account with an already hashed password.
pub(crate) fn create_user(c: &mut dyn Db, user: &NewUser, hash: &str, actor: &str) -> Result<UserId> {
    let name = user.name.trim();
    check_name(name)?;
    if c.exists("looking up a user", "SELECT 1 FROM users WHERE name = ?1", p![name])? {
        return Err(StoreError::Duplicate {
            entity: "user",
            key: name.to_owned(),
        });
    }
    let now = crate::time::now();
    let id = c.insert(
        "creating a user",
        "INSERT INTO users (name, role, password_hash, disabled, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, 0, ?4, ?5, ?4, ?5) RETURNING id",
        p![name, user.role.as_str(), hash, now.as_str(), actor],
    )?;
    write_assignments(c, id, &user.regions, &user.departments)?;
    let after = user_by_id(c, id)?;
    write_audit(c, actor, "insert", "users", Some(id), None, Some(&after))?;
    Ok(id)
}

/// Ends every session of a user; returns how many there were.
fn end_sessions(c: &mut dyn Db, user: UserId) -> Result<u64> {
    c.exec("ending sessions", "DELETE FROM sessions WHERE user_id = ?1", p![user])
}

/// Disables or re-enables an account (disabling also ends its sessions).
pub(crate) fn set_disabled(c: &mut dyn Db, name: &str, disabled: bool, actor: &str) -> Result<()> {
    let before = existing(c, name)?;
    if before.disabled == disabled {
        return Ok(());
    }
    c.exec(
        "disabling a user",
        "UPDATE users SET disabled = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
        p![disabled, crate::time::now().as_str(), actor, before.id],
    )?;
    if disabled {
        end_sessions(c, before.id)?;
    }
    let after = user_by_id(c, before.id)?;
    let action = if disabled { "disable" } else { "enable" };
    write_audit(c, actor, action, "users", Some(before.id), Some(&before), Some(&after))
}

/// Changes an account's role and assignments.
pub(crate) fn set_scope(
    c: &mut dyn Db,
    name: &str,
    role: Role,
    regions: &[RegionId],
    departments: &[String],
    actor: &str,
) -> Result<()> {
    let before = existing(c, name)?;
    if before.role == role
        && before.regions == clean_regions(regions)
        && before.departments == clean_departments(departments)
    {
        return Ok(());
    }
    c.exec(
        "changing a user's role",
        "UPDATE users SET role = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
        p![role.as_str(), crate::time::now().as_str(), actor, before.id],
    )?;
    write_assignments(c, before.id, regions, departments)?;
    let after = user_by_id(c, before.id)?;
    write_audit(
        c,
        actor,
        "update",
        "users",
        Some(before.id),
        Some(&before),
        Some(&after),
    )
}

/// Replaces an account's password hash and ends its sessions.
pub(crate) fn set_password(c: &mut dyn Db, name: &str, hash: &str, actor: &str) -> Result<()> {
    let user = existing(c, name)?;
    c.exec(
        "setting a password",
        "UPDATE users SET password_hash = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
        p![hash, crate::time::now().as_str(), actor, user.id],
    )?;
    let ended = end_sessions(c, user.id)?;
    let after = serde_json::json!({ "name": user.name, "sessions_ended": ended });
    write_audit(c, actor, "set_password", "users", Some(user.id), None, Some(&after))
}

/// The user with this name and its password hash.
pub(crate) fn password_of(c: &mut dyn Db, name: &str) -> Result<Option<(User, String)>> {
    let found = c.query_opt(
        "verifying a password",
        &format!("SELECT {USER_COLS}, password_hash FROM users WHERE name = ?1"),
        p![name.trim()],
    )?;
    match found {
        Some(r) => {
            let hash = r.text(8)?;
            Ok(Some((with_assignments(c, user_row(&r)?)?, hash)))
        }
        None => Ok(None),
    }
}

/// Who a user is when acting directly (a session): its role, confined to its regions
/// whenever it has any (an analyst given 天桥区 reviews and writes 天桥区 only), and a
/// reporter always (one without regions writes nothing).
fn principal_of(user: &User) -> Principal {
    Principal {
        user_id: user.id,
        user_name: user.name.clone(),
        role: user.role,
        regions: user.confinement().map(<[RegionId]>::to_vec),
        departments: user.departments.clone(),
        token: None,
    }
}

/// Who a user is when acting through a token: the lower of the token's and the user's
/// (current) role, and the token's regions within the user's confinement.
fn principal_with_token(user: &User, token: &ApiToken) -> Principal {
    let mut p = principal_of(user);
    p.role = p.role.min(token.role);
    if !token.regions.is_empty() {
        p.regions = Some(match &p.regions {
            Some(mine) => token.regions.iter().copied().filter(|r| mine.contains(r)).collect(),
            None => token.regions.clone(),
        });
    }
    if p.role == Role::Reporter && p.regions.is_none() {
        p.regions = Some(user.regions.clone());
    }
    p.token = Some(token.id);
    p
}

/// The query [`token_row`] reads.
const TOKEN_SELECT: &str = "SELECT t.id, t.user_id, u.name, t.name, t.role, t.created_at, t.created_by, \
     t.last_used_at, t.revoked_at, t.revoked_by FROM api_tokens t JOIN users u ON u.id = t.user_id";

/// Reads a token row (without regions).
fn token_row(r: &Row) -> Result<ApiToken> {
    Ok(ApiToken {
        id: r.i64(0)?,
        user_id: r.i64(1)?,
        user_name: r.text(2)?,
        name: r.text(3)?,
        role: r.code(4, "role", Role::parse)?,
        regions: Vec::new(),
        created_at: r.text(5)?,
        created_by: r.text(6)?,
        last_used_at: r.opt_text(7)?,
        revoked_at: r.opt_text(8)?,
        revoked_by: r.opt_text(9)?,
    })
}

/// Fills in a token's regions.
fn with_token_regions(c: &mut dyn Db, mut token: ApiToken) -> Result<ApiToken> {
    token.regions = c
        .query(
            "reading token regions",
            "SELECT region_id FROM api_token_regions WHERE token_id = ?1 ORDER BY region_id",
            p![token.id],
        )?
        .iter()
        .map(|r| r.i64(0))
        .collect::<Result<_>>()?;
    Ok(token)
}

/// The token with this id.
fn token(c: &mut dyn Db, id: TokenId) -> Result<Option<ApiToken>> {
    match c.query_opt(
        "reading an API token",
        &format!("{TOKEN_SELECT} WHERE t.id = ?1"),
        p![id],
    )? {
        Some(r) => Ok(Some(with_token_regions(c, token_row(&r)?)?)),
        None => Ok(None),
    }
}

/// Issues a token for a user; see [`crate::Store::create_token`].
pub(crate) fn create_token(
    c: &mut dyn Db,
    user: &str,
    new: &NewToken,
    secret: Secret,
    actor: &str,
) -> Result<IssuedToken> {
    let owner = existing(c, user)?;
    if owner.disabled {
        return Err(StoreError::Invalid(format!(
            "user {} is disabled; enable it before issuing tokens",
            owner.name
        )));
    }
    let role = new.role.unwrap_or(owner.role);
    if role > owner.role {
        return Err(StoreError::Invalid(format!(
            "a token of {} cannot have the role {} (the user is {})",
            owner.name,
            role.as_str(),
            owner.role.as_str()
        )));
    }
    let regions = clean_regions(&new.regions);
    if let Some(mine) = owner.confinement() {
        if let Some(r) = regions.iter().find(|r| !mine.contains(r)) {
            return Err(StoreError::Invalid(format!(
                "a token of {} cannot reach region {r}, which the user is not assigned to",
                owner.name
            )));
        }
    }
    let id = c.insert(
        "issuing an API token",
        "INSERT INTO api_tokens (token_hash, user_id, name, role, created_at, created_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        p![
            hashed(secret.expose()).as_str(),
            owner.id,
            new.name.trim(),
            role.as_str(),
            crate::time::now().as_str(),
            actor
        ],
    )?;
    for r in &regions {
        c.exec(
            "issuing an API token",
            "INSERT INTO api_token_regions (token_id, region_id) VALUES (?1, ?2)",
            p![id, *r],
        )?;
    }
    let stored = token(c, id)?.ok_or(StoreError::NotFound {
        entity: "API token",
        id,
    })?;
    write_audit(c, actor, "insert", "api_tokens", Some(id), None, Some(&stored))?;
    Ok(IssuedToken { token: stored, secret })
}

/// Revokes a token at once (revoking a revoked token changes nothing).
pub(crate) fn revoke_token(c: &mut dyn Db, id: TokenId, actor: &str) -> Result<()> {
    let before = token(c, id)?.ok_or(StoreError::NotFound {
        entity: "API token",
        id,
    })?;
    if before.revoked_at.is_some() {
        return Ok(());
    }
    c.exec(
        "revoking an API token",
        "UPDATE api_tokens SET revoked_at = ?1, revoked_by = ?2 WHERE id = ?3",
        p![crate::time::now().as_str(), actor, id],
    )?;
    let after = token(c, id)?;
    write_audit(c, actor, "revoke", "api_tokens", Some(id), Some(&before), Some(&after))
}

/// Tokens of one user (or all), in id order, revoked ones included.
pub(crate) fn tokens(c: &mut dyn Db, user: Option<&str>) -> Result<Vec<ApiToken>> {
    let rows = c.query(
        "listing API tokens",
        &format!("{TOKEN_SELECT} WHERE (CAST(?1 AS TEXT) IS NULL OR u.name = ?1) ORDER BY t.id"),
        p![user.map(str::trim)],
    )?;
    rows.iter().map(|r| with_token_regions(c, token_row(r)?)).collect()
}

/// The principal a token plaintext stands for, recording its use; `None` for an unknown
/// or revoked token or a disabled user.
pub(crate) fn authenticate_token(c: &mut dyn Db, secret: &str) -> Result<Option<Principal>> {
    let hash = hashed(secret.trim());
    let found = c.query_opt(
        "authenticating an API token",
        &format!("{TOKEN_SELECT} WHERE t.token_hash = ?1 AND t.revoked_at IS NULL"),
        p![hash.as_str()],
    )?;
    let Some(row) = found else {
        return Ok(None);
    };
    let tok = with_token_regions(c, token_row(&row)?)?;
    let Some(user) = user_by_id(c, tok.user_id)? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    // The update re-checks revocation, so a token revoked since the lookup is refused.
    let used = c.exec(
        "recording a token's use",
        "UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
        p![crate::time::now().as_str(), tok.id],
    )?;
    Ok((used > 0).then(|| principal_with_token(&user, &tok)))
}

/// Starts a session for an enabled user; see [`crate::Store::create_session`].
pub(crate) fn create_session(
    c: &mut dyn Db,
    user: UserId,
    ttl: Duration,
    id: Secret,
    csrf: Secret,
) -> Result<NewSession> {
    let owner = user_by_id(c, user)?.ok_or(StoreError::NotFound {
        entity: "user",
        id: user,
    })?;
    if owner.disabled {
        return Err(StoreError::Invalid(format!("user {} is disabled", owner.name)));
    }
    let now = crate::time::now();
    // Housekeeping: expired sessions of anyone are of no further use.
    c.exec(
        "starting a session",
        "DELETE FROM sessions WHERE expires_at <= ?1",
        p![now.as_str()],
    )?;
    let expires = crate::time::from_now_millis(ttl_ms(ttl));
    let row_id = c.insert(
        "starting a session",
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5) RETURNING id",
        p![
            hashed(id.expose()).as_str(),
            owner.id,
            csrf.expose(),
            now.as_str(),
            expires.as_str()
        ],
    )?;
    let after = serde_json::json!({ "user": owner.name, "expires_at": expires });
    write_audit(c, &owner.name, "login", "sessions", Some(row_id), None, Some(&after))?;
    Ok(NewSession {
        id,
        session: Session {
            principal: principal_of(&owner),
            csrf_token: csrf,
            created_at: now.clone(),
            last_seen_at: now,
            expires_at: expires,
        },
    })
}

/// The live session with this id (plaintext); `None` when unknown, expired, or its user
/// is disabled.
pub(crate) fn session(c: &mut dyn Db, id: &str) -> Result<Option<Session>> {
    let found = c.query_opt(
        "reading a session",
        "SELECT user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions \
         WHERE id_hash = ?1 AND expires_at > ?2",
        p![hashed(id).as_str(), crate::time::now().as_str()],
    )?;
    let Some(r) = found else {
        return Ok(None);
    };
    let Some(user) = user_by_id(c, r.i64(0)?)? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    Ok(Some(Session {
        principal: principal_of(&user),
        csrf_token: Secret::new(r.text(1)?),
        created_at: r.text(2)?,
        last_seen_at: r.text(3)?,
        expires_at: r.text(4)?,
    }))
}

/// Marks a live session as seen now and extends it to `ttl` from now; false when it is
/// unknown or expired.
pub(crate) fn touch_session(c: &mut dyn Db, id: &str, ttl: Duration) -> Result<bool> {
    let now = crate::time::now();
    let n = c.exec(
        "touching a session",
        "UPDATE sessions SET last_seen_at = ?1, expires_at = ?2 WHERE id_hash = ?3 AND expires_at > ?1",
        p![
            now.as_str(),
            crate::time::from_now_millis(ttl_ms(ttl)).as_str(),
            hashed(id).as_str()
        ],
    )?;
    Ok(n > 0)
}

/// Ends a session (logout); false when there was none.
pub(crate) fn delete_session(c: &mut dyn Db, id: &str) -> Result<bool> {
    let found = c.query_opt(
        "ending a session",
        "SELECT s.id, u.name, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1",
        p![hashed(id).as_str()],
    )?;
    let Some(r) = found else {
        return Ok(false);
    };
    let (row_id, user) = (r.i64(0)?, r.text(1)?);
    c.exec("ending a session", "DELETE FROM sessions WHERE id = ?1", p![row_id])?;
    let before = serde_json::json!({ "user": user, "expires_at": r.text(2)? });
    write_audit(c, &user, "logout", "sessions", Some(row_id), Some(&before), None)?;
    Ok(true)
}

/// Records one login attempt.
pub(crate) fn record_login_attempt(c: &mut dyn Db, user: &str, ip: &str, ok: bool) -> Result<()> {
    c.exec(
        "recording a login attempt",
        "INSERT INTO login_attempts (at, user_name, ip, ok) VALUES (?1, ?2, ?3, ?4)",
        p![crate::time::now().as_str(), user.trim(), ip.trim(), ok],
    )?;
    Ok(())
}

/// Failed logins within `window` for a user name (since its last success) and an address.
pub(crate) fn recent_login_failures(c: &mut dyn Db, user: &str, ip: &str, window: Duration) -> Result<LoginFailures> {
    let since = crate::time::from_now_millis(-ttl_ms(window));
    let user_failures = c
        .query_one(
            "counting login failures",
            "SELECT COUNT(*) FROM login_attempts WHERE user_name = ?1 AND ok = 0 AND at >= ?2 \
             AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE user_name = ?1 AND ok = 1), 0)",
            p![user.trim(), since.as_str()],
        )?
        .i64(0)?;
    let ip_failures = c
        .query_one(
            "counting login failures",
            "SELECT COUNT(*) FROM login_attempts WHERE ip = ?1 AND ok = 0 AND at >= ?2",
            p![ip.trim(), since.as_str()],
        )?
        .i64(0)?;
    Ok(LoginFailures {
        user: user_failures as u64,
        ip: ip_failures as u64,
    })
}

/// Stores the hash of a device secret for `user`.
pub(crate) fn remember_device(c: &mut dyn Db, user: UserId, device: Secret) -> Result<Secret> {
    let now = crate::time::now();
    c.insert(
        "remembering a device",
        "INSERT INTO known_devices (device_hash, user_id, created_at, last_used_at) \
         VALUES (?1, ?2, ?3, ?3) RETURNING id",
        p![hashed(device.expose()).as_str(), user, now.as_str()],
    )?;
    Ok(device)
}

/// Whether `device` is known for the account named `user`; marks its use.
pub(crate) fn known_device(c: &mut dyn Db, user: &str, device: &str) -> Result<bool> {
    if device.is_empty() {
        return Ok(false);
    }
    let found = c.query_opt(
        "checking a device",
        "SELECT d.id FROM known_devices d JOIN users u ON u.id = d.user_id \
         WHERE d.device_hash = ?1 AND u.name = ?2",
        p![hashed(device).as_str(), user.trim()],
    )?;
    let Some(row) = found else {
        return Ok(false);
    };
    c.exec(
        "checking a device",
        "UPDATE known_devices SET last_used_at = ?1 WHERE id = ?2",
        p![crate::time::now().as_str(), row.i64(0)?],
    )?;
    Ok(true)
}

/// Deletes a device; whether there was one.
pub(crate) fn forget_device(c: &mut dyn Db, device: &str) -> Result<bool> {
    let gone = c.exec(
        "forgetting a device",
        "DELETE FROM known_devices WHERE device_hash = ?1",
        p![hashed(device).as_str()],
    )?;
    Ok(gone > 0)
}
