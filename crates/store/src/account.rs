//! Accounts: users with roles, API tokens, browser sessions and login attempts.
//!
//! The store keeps credentials only in forms that are useless to a thief: passwords as
//! argon2 hashes, API tokens and session ids as SHA-256 hashes (the plaintext is handed
//! out once, when issued). None of these records carries a secret except [`Secret`], whose
//! `Debug` prints `***`, and none of them ever reaches the audit log.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::RegionId;

/// Row id of a user.
pub type UserId = i64;
/// Row id of an API token.
pub type TokenId = i64;

/// What an account may do; the web layer enforces it, the store records it.
///
/// Roles are ordered by reach, `Viewer < Reporter < Analyst < Admin`: an API token may
/// carry its user's role or a lower one, never a higher one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything it is allowed to see.
    Viewer,
    /// Submits observations for its assigned regions and departments only.
    Reporter,
    /// Edits targets, reviews facts, sees all data.
    Analyst,
    /// Manages users and plans.
    Admin,
}

impl Role {
    /// Every role, lowest reach first.
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Reporter, Role::Analyst, Role::Admin];

    /// The code stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Reporter => "reporter",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// Parses a code (`admin`, `analyst`, `reporter`, `viewer`).
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }
}

/// A secret handed out once (an API token, a session id, a CSRF token).
///
/// `Debug` and `Display` print `***`, and it does not implement `Serialize`, so it cannot
/// slip into a log line, an audit entry or a JSON export by accident; [`Secret::expose`]
/// is the one way to read it, for the cookie or the command output that must carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The plaintext, for the one place that must show or send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A stored account (its password hash stays in the database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Row id.
    pub id: UserId,
    /// The login name (unique).
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The regions it is assigned to, in id order: all it may write or review (any role;
    /// none = no confinement, except a reporter, which then writes nothing).
    pub regions: Vec<RegionId>,
    /// The departments it is assigned to (牵头/配合单位 names), sorted.
    pub departments: Vec<String>,
    /// A disabled account cannot log in, and its sessions and tokens stop working at once.
    pub disabled: bool,
    /// When it was created (UTC).
    pub created_at: String,
    /// Who created it.
    pub created_by: String,
    /// When it was last changed (role, scope, password, disabled flag).
    pub updated_at: String,
    /// Who last changed it.
    pub updated_by: String,
}

impl User {
    /// The regions it is confined to: its assigned regions when it has any, whatever its
    /// role, and always a reporter's (none: it writes nothing); `None` = any region.
    /// What every session, token and command acting as this account is held to.
    pub fn confinement(&self) -> Option<&[RegionId]> {
        (self.role == Role::Reporter || !self.regions.is_empty()).then_some(self.regions.as_slice())
    }
}

/// Refuses a user name the store would refuse (empty, too long, spaces or control
/// characters), so that a form can name the field before anything is hashed.
pub fn check_user_name(name: &str) -> crate::Result<()> {
    crate::ops::accounts::check_name(name)
}

/// An account to create (the password is passed separately and only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// The login name: 1–64 characters, no spaces or control characters.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The regions it is assigned to.
    pub regions: Vec<RegionId>,
    /// The departments it is assigned to.
    pub departments: Vec<String>,
}

impl NewUser {
    /// An account with a role and no assignments.
    pub fn new(name: &str, role: Role) -> NewUser {
        NewUser {
            name: name.to_owned(),
            role,
            regions: Vec::new(),
            departments: Vec::new(),
        }
    }
}

/// Who is making a request, as established from a session or an API token: what the web
/// layer authorizes against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// The account.
    pub user_id: UserId,
    /// Its name (the `actor` of the writes it makes).
    pub user_name: String,
    /// The effective role: the user's, lowered to the token's scope for a token.
    pub role: Role,
    /// The regions it is confined to: `None` = not confined by region (an account of any
    /// role but reporter that was given no regions, without a token scope); `Some(list)` =
    /// only these (an account given regions, whatever its role, and always a reporter; an
    /// empty list confines it to nothing).
    pub regions: Option<Vec<RegionId>>,
    /// The user's assigned departments.
    pub departments: Vec<String>,
    /// The API token it authenticated with (`None` for a session).
    pub token: Option<TokenId>,
}

impl Principal {
    /// Whether its region confinement admits `region` (the role is checked separately).
    pub fn covers_region(&self, region: RegionId) -> bool {
        self.regions.as_ref().is_none_or(|r| r.contains(&region))
    }
}

/// An API token to issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    /// What it is for, for people (`district upload script`).
    pub name: String,
    /// Its role; `None` = the user's role. Higher than the user's is refused.
    pub role: Option<Role>,
    /// The regions it is confined to; empty = the user's confinement. A user confined to
    /// regions can only give its tokens a subset of them.
    pub regions: Vec<RegionId>,
}

/// A stored API token (its hash stays in the database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Row id.
    pub id: TokenId,
    /// The account it acts as.
    pub user_id: UserId,
    /// That account's name.
    pub user_name: String,
    /// What it is for.
    pub name: String,
    /// Its role scope.
    pub role: Role,
    /// Its region scope (empty = the user's confinement), in id order.
    pub regions: Vec<RegionId>,
    /// When it was issued (UTC).
    pub created_at: String,
    /// Who issued it.
    pub created_by: String,
    /// When it last authenticated a request.
    pub last_used_at: Option<String>,
    /// When it was revoked; a revoked token is refused at once.
    pub revoked_at: Option<String>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
}

/// A token just issued: the record, and the plaintext, shown this once and never again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The stored record.
    pub token: ApiToken,
    /// The plaintext to give the user (`Authorization: Bearer …`).
    pub secret: Secret,
}

/// A browser session as stored (looked up by the hash of its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Who is logged in, with the user's current role and assignments.
    pub principal: Principal,
    /// The token every form of this session must carry.
    pub csrf_token: Secret,
    /// When it started (UTC).
    pub created_at: String,
    /// When it was last used.
    pub last_seen_at: String,
    /// When it stops being valid unless touched again.
    pub expires_at: String,
}

/// A session just started: the id for the cookie (shown this once), and the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The session id to set as the cookie value; only its hash is stored.
    pub id: Secret,
    /// The session.
    pub session: Session,
}

/// Failed logins in a recent window, for rate limiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginFailures {
    /// Failures for this user name since its last successful login.
    pub user: u64,
    /// Failures from this address (for any user).
    pub ip: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_are_ordered_by_reach() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Viewer < Role::Reporter && Role::Reporter < Role::Analyst && Role::Analyst < Role::Admin);
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("hunter2-token".into());
        assert!(!format!("{s:?} {s}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2-token");
    }

    #[test]
    fn confinement_is_explicit() {
        let mut p = Principal {
            user_id: 1,
            user_name: "a".into(),
            role: Role::Reporter,
            regions: Some(vec![3]),
            departments: vec![],
            token: None,
        };
        assert!(p.covers_region(3));
        assert!(!p.covers_region(4));
        p.regions = Some(vec![]);
        assert!(!p.covers_region(3));
        p.regions = None;
        assert!(p.covers_region(4));
    }
}
