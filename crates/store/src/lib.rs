//! One [`Store`] trait with SQLite (default) and PostgreSQL behind it.
//!
//! pledge keeps regions, the indicator library, plans, documents, targets, observations,
//! extracted facts under review, accounts (users, roles, API tokens, sessions, login
//! attempts; see [`account`]) and an audit log of every write. The CLI and the web layer
//! talk to a `Box<dyn Store>` / `Arc<dyn Store>` obtained from [`open`], so the same code
//! runs on an office's SQLite file and on a city's PostgreSQL server ([`PostgresStore`]).
//! Both backends run one implementation of the store's logic and SQL (the private `ops`
//! module over a small SQL interface), and one contract test suite (`tests/it`) runs
//! against both.
//!
//! The trait is synchronous: SQLite work is short and local, and the web layer calls it
//! from `tokio::task::spawn_blocking`. Every write method is one transaction and writes an
//! audit entry in it, so a killed process leaves the database as it was before the write.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = pledge_store::open(dir.path().join("pledge.db").to_str().unwrap()).unwrap();
//! store.upsert_indicators(&pledge_store::starter_indicators(), "system").unwrap();
//! let energy = store.find_indicator("能耗强度").unwrap().unwrap();
//! assert_eq!(energy.name, "单位地区生产总值能耗");
//! ```

pub mod account;
pub mod audit;
mod codes;
pub mod commitment;
pub mod document;
pub mod error;
pub mod fact;
pub mod indicator;
pub mod observation;
mod ops;
pub mod plan;
pub mod postgres;
pub mod queue;
pub mod quote;
pub mod region;
pub mod source;
mod sql;
pub mod sqlite;
pub mod target;
pub mod time;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use account::{
    ApiToken, IssuedToken, LoginFailures, NewSession, NewToken, NewUser, Principal, Role, Secret, Session, TokenId,
    User, UserId,
};
pub use audit::{AuditEntry, AuditFilter};
pub use commitment::{Commitment, ConflictFilter, ConflictId, ConflictStatus, Decision, TargetConflict, TargetSource};
pub use document::{Added, Document, DocumentInfo, DocumentKind, NewDocument, sha256_hex};
pub use error::{Result, RowError, StoreError};
pub use fact::{Acceptance, Accepted, FactEdit, FactFilter, FactRecord, NewFact, Review};
pub use indicator::{Category, Indicator, NewIndicator, starter_indicators};
pub use observation::{
    ImportSummary, NewObservation, ObservationFilter, ObservationKey, ObservationPage, ObservationRecord, PageRequest,
    Recorded,
};
pub use plan::{NewPlan, Plan};
pub use postgres::PostgresStore;
pub use region::{NewRegion, ParentRef, Region, RegionLevel, UpsertSummary, gazetteer_regions};
pub use source::Source;
pub use sqlite::SqliteStore;
pub use target::{
    Assignment, AssignmentError, Binding, NewTarget, TargetFigures, TargetFilter, TargetRecord, TargetWithObservations,
};

/// Row id of a region.
pub type RegionId = i64;
/// Row id of an indicator.
pub type IndicatorId = i64;
/// Row id of a plan.
pub type PlanId = i64;
/// Row id of a document.
pub type DocumentId = i64;
/// Row id of a target.
pub type TargetId = i64;
/// Row id of one revision of an observation.
pub type ObservationId = i64;
/// Row id of an extracted fact.
pub type FactId = i64;
/// Row id of an import run.
pub type ImportId = i64;
/// Row id of an audit entry.
pub type AuditId = i64;

/// Which database is behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL (or compatible) server.
    Postgres,
}

/// Row counts of every table (for tests, `pledge demo` and health pages).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Regions.
    pub regions: u64,
    /// Indicators.
    pub indicators: u64,
    /// Indicator aliases.
    pub indicator_aliases: u64,
    /// Documents.
    pub documents: u64,
    /// Plans.
    pub plans: u64,
    /// Targets.
    pub targets: u64,
    /// Observation revisions, superseded ones included.
    pub observations: u64,
    /// Current observation revisions (one per series).
    pub current_observations: u64,
    /// Import runs.
    pub imports: u64,
    /// Extracted facts.
    pub facts: u64,
    /// Audit entries.
    pub audit: u64,
}

/// The storage of pledge: every operation the CLI and the web need, on any backend.
///
/// All methods are synchronous and take `&self`; implementations are `Send + Sync` and do
/// their own locking, so one `Arc<dyn Store>` serves many threads. Write methods take the
/// `actor` (account name) that the audit log records, run in one transaction each, and
/// either do all of their work or none of it.
pub trait Store: Send + Sync {
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// The schema version (the number of the last migration applied).
    fn schema_version(&self) -> Result<i64>;

    /// Problems found by the database's own consistency check; empty when all is well
    /// (SQLite: `PRAGMA integrity_check` and `foreign_key_check`).
    fn integrity_check(&self) -> Result<Vec<String>>;

    /// Row counts of every table.
    fn counts(&self) -> Result<Counts>;

    // ---- regions ----

    /// Inserts or updates regions in order (a row may name as parent one earlier in the
    /// slice); all or nothing. Identity: code, else (official name, parent).
    fn upsert_regions(&self, regions: &[NewRegion], actor: &str) -> Result<UpsertSummary>;

    /// The region with this id.
    fn region(&self, id: RegionId) -> Result<Option<Region>>;

    /// Every region, in id order (parents before children when loaded from the gazetteer).
    fn regions(&self) -> Result<Vec<Region>>;

    /// Every region whose name, official name or alias is exactly `name` (trimmed), in
    /// id order. Names repeat across China (`市中区`): see [`Store::find_region`].
    fn find_regions(&self, name: &str) -> Result<Vec<Region>>;

    /// The region itself, then its parent, up to the root.
    fn region_ancestors(&self, id: RegionId) -> Result<Vec<Region>>;

    /// The region called `name`, preferring one inside (or containing) `within` when the
    /// name is ambiguous, then the one at the highest level, then the oldest row.
    fn find_region(&self, name: &str, within: Option<RegionId>) -> Result<Option<Region>> {
        let mut candidates = self.find_regions(name)?;
        if candidates.len() > 1 {
            if let Some(ctx) = within {
                let ctx_path: Vec<RegionId> = self.region_ancestors(ctx)?.iter().map(|r| r.id).collect();
                let mut inside = Vec::new();
                for c in &candidates {
                    let path = self.region_ancestors(c.id)?;
                    if path.iter().any(|r| r.id == ctx) || ctx_path.contains(&c.id) {
                        inside.push(c.clone());
                    }
                }
                if !inside.is_empty() {
                    candidates = inside;
                }
            }
        }
        Ok(candidates.into_iter().min_by_key(|r| (r.level, r.id)))
    }

    // ---- indicators ----

    /// Inserts or updates indicators by name and adds their aliases; all or nothing. An
    /// alias that names another indicator (or is another indicator's name) is an error.
    fn upsert_indicators(&self, indicators: &[NewIndicator], actor: &str) -> Result<UpsertSummary>;

    /// The indicator with this id.
    fn indicator(&self, id: IndicatorId) -> Result<Option<Indicator>>;

    /// Every indicator, by category then name.
    fn indicators(&self) -> Result<Vec<Indicator>>;

    /// The indicator whose name or alias is exactly `name` (trimmed).
    fn find_indicator(&self, name: &str) -> Result<Option<Indicator>>;

    /// Every indicator as the matcher's library ([`indicator::library`]): score an
    /// extracted or typed wording with [`pledge_indicators::Library::best`].
    fn indicator_library(&self) -> Result<pledge_indicators::Library> {
        Ok(indicator::library(&self.indicators()?))
    }

    // ---- documents ----

    /// Stores a document unless one with the same SHA-256 exists, whose id is returned
    /// with `created: false`.
    fn add_document(&self, document: &NewDocument, actor: &str) -> Result<Added<DocumentId>>;

    /// The document with this id, with its text.
    fn document(&self, id: DocumentId) -> Result<Option<Document>>;

    /// The document with this SHA-256 (lowercase hex), with its text.
    fn document_by_sha256(&self, sha256: &str) -> Result<Option<Document>>;

    /// Every document, without texts, in id order.
    fn documents(&self) -> Result<Vec<DocumentInfo>>;

    // ---- plans ----

    /// Stores a plan; a plan with the same title for the same region is
    /// [`StoreError::Duplicate`].
    fn add_plan(&self, plan: &NewPlan, actor: &str) -> Result<PlanId>;

    /// The plan with this id.
    fn plan(&self, id: PlanId) -> Result<Option<Plan>>;

    /// Every plan, in id order.
    fn plans(&self) -> Result<Vec<Plan>>;

    // ---- targets ----

    /// Stores a target, one per commitment: [`Store::add_commitment`], giving the id of
    /// the target the commitment is (new, or stored before with this or another value).
    fn add_target(&self, target: &NewTarget, actor: &str) -> Result<TargetId> {
        Ok(self.add_commitment(target, actor)?.target())
    }

    /// Stores a target unless a target of the same commitment (region × indicator × year
    /// × measure × baseline year) is stored: then, with the same value, the stored target gains this
    /// source; with another value, the stored target is left as it is and the other value
    /// becomes an open conflict on it ([`Store::conflicts`]) until a person decides
    /// ([`Store::decide_conflict`]). A target of a plan that states no baseline year takes
    /// the plan's, so that its progress counts from the plan's baseline and not from the
    /// earliest figure reported.
    fn add_commitment(&self, target: &NewTarget, actor: &str) -> Result<Commitment>;

    /// The sources of a target besides the one it was first stored with, oldest first.
    fn target_sources(&self, id: TargetId) -> Result<Vec<TargetSource>>;

    /// The conflicts the filter selects, in id order: which other value, from which
    /// source, was read for a stored target's commitment.
    fn conflicts(&self, filter: &ConflictFilter) -> Result<Vec<TargetConflict>>;

    /// Decides an open conflict: keep the target's value, or replace it by the conflict's
    /// value and source (audited, with the person's `note`). A decided conflict is
    /// [`StoreError::Invalid`].
    fn decide_conflict(&self, id: ConflictId, decision: Decision, note: &str, actor: &str) -> Result<()>;

    /// Replaces a target's content (the audit log keeps the old one).
    fn update_target(&self, id: TargetId, target: &NewTarget, actor: &str) -> Result<()>;

    /// Sets what an analyst assigns to a target — its kind and its lead units — leaving
    /// the rest as it is, and audits it (`assign`, the target before and after); returns
    /// the target as stored. An assignment that changes nothing writes nothing. Bounds
    /// ([`Assignment::check`]) are [`StoreError::Invalid`].
    fn assign_target(&self, id: TargetId, assignment: &Assignment, actor: &str) -> Result<TargetRecord>;

    /// Deletes a target; refused ([`StoreError::Constraint`]) while a fact points at it.
    fn delete_target(&self, id: TargetId, actor: &str) -> Result<()>;

    /// The target with this id.
    fn target(&self, id: TargetId) -> Result<Option<TargetRecord>>;

    /// The targets the filter selects, in id order.
    fn targets(&self, filter: &TargetFilter) -> Result<Vec<TargetRecord>>;

    // ---- observations ----

    /// Records one observation: a new series, a correction (new revision superseding the
    /// current one), or nothing when equal to the current revision.
    fn record_observation(&self, observation: &NewObservation, actor: &str) -> Result<Recorded>;

    /// Imports observations all-or-nothing in one transaction, calling `progress` with the
    /// number of rows done now and then (every few thousand rows, and at the end).
    ///
    /// Every row is checked first; any problem (unknown region or indicator id, non-finite
    /// value, missing baseline year of a change or increment, two rows with the same key)
    /// refuses the whole input with [`StoreError::Import`] listing every row error, and
    /// nothing is written. Rows equal to the stored current revision write nothing.
    fn import_observations_with_progress(
        &self,
        rows: &[NewObservation],
        actor: &str,
        progress: &dyn Fn(usize),
    ) -> Result<ImportSummary>;

    /// [`Store::import_observations_with_progress`] without progress reports.
    fn import_observations(&self, rows: &[NewObservation], actor: &str) -> Result<ImportSummary> {
        self.import_observations_with_progress(rows, actor, &|_| {})
    }

    /// The observation revision with this id.
    fn observation(&self, id: ObservationId) -> Result<Option<ObservationRecord>>;

    /// The observations the filter selects, by region, indicator, year, period, then
    /// revision.
    fn observations(&self, filter: &ObservationFilter) -> Result<Vec<ObservationRecord>>;

    /// One page of the observations the filter selects, newest year first (then period,
    /// then the newest recorded), with how many there are in all: a target page shows a
    /// page, not a million rows.
    fn observation_page(&self, filter: &ObservationFilter, page: PageRequest) -> Result<ObservationPage>;

    /// Every revision of the series the given revision belongs to, oldest first.
    fn observation_history(&self, id: ObservationId) -> Result<Vec<ObservationRecord>>;

    // ---- extracted facts ----

    /// Stores extracted facts of a document as pending; returns their ids in order.
    fn add_facts(&self, document: DocumentId, facts: &[NewFact], actor: &str) -> Result<Vec<FactId>>;

    /// The fact with this id.
    fn fact(&self, id: FactId) -> Result<Option<FactRecord>>;

    /// The facts the filter selects, in id order.
    fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRecord>>;

    /// Accepts a pending or rejected fact: a target fact becomes a target (an identical
    /// stored target is reused), an actual fact an observation; the fact records which.
    /// `how.edit` corrects the fact's year, value or unit first; `how.new_indicator`
    /// creates the indicator a person names for a fact that matched none. An actual fact
    /// that would replace a current value with another one is refused unless
    /// `how.replace` (see [`Store::fact_conflicts`]). Accepting an accepted fact is
    /// [`StoreError::Invalid`].
    fn accept_fact(&self, id: FactId, how: &Acceptance, actor: &str) -> Result<Accepted>;

    /// Rejects a pending fact (an accepted one is [`StoreError::Invalid`]: correct the target
    /// or observation instead).
    fn reject_fact(&self, id: FactId, note: &str, actor: &str) -> Result<()>;

    /// What accepting fact `id` as `how` says would contradict: the current observation
    /// of the same series with another value (accepting replaces it, so
    /// [`Store::accept_fact`] refuses unless `how.replace`), or the targets of the same
    /// region, indicator, year and measure that set another value. Reads only.
    fn fact_conflicts(&self, id: FactId, how: &Acceptance) -> Result<Vec<queue::Conflict>>;

    // ---- queries ----

    /// The targets the filter selects, each with the current observations of its region
    /// and indicator: what the scoreboard assesses.
    fn targets_with_observations(&self, filter: &TargetFilter) -> Result<Vec<TargetWithObservations>>;

    /// The targets the filter selects, each with the figures (values only, no sources)
    /// of its region and indicator's current observations, in the order of
    /// [`Store::targets_with_observations`]: the same assessment at a fraction of the
    /// reading, for the scoreboard.
    fn target_figures(&self, filter: &TargetFilter) -> Result<Vec<TargetFigures>>;

    /// Audit entries, newest first.
    fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>>;

    // ---- accounts (issue 7) ----
    //
    // Every change to accounts, tokens and sessions is audited (`users`, `api_tokens`,
    // `sessions`), never with a password, hash or token in it. Three bookkeeping writes are
    // not audited, being access logs in their own right: a token's last use, a session's
    // last sight, and login attempts.

    /// Creates an account with an argon2 hash of `password` (at least 8 characters).
    /// A taken name is [`StoreError::Duplicate`]; an unknown region is
    /// [`StoreError::Constraint`].
    fn create_user(&self, user: &NewUser, password: &str, actor: &str) -> Result<UserId>;

    /// The account with this name.
    fn user(&self, name: &str) -> Result<Option<User>>;

    /// The account with this id.
    fn user_by_id(&self, id: UserId) -> Result<Option<User>>;

    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>>;

    /// Disables (or re-enables) an account. Disabling ends its sessions, and its tokens
    /// and any session still presented are refused from the next call on.
    fn set_user_disabled(&self, name: &str, disabled: bool, actor: &str) -> Result<()>;

    /// Changes an account's role and replaces its assigned regions and departments.
    fn set_user_scope(
        &self,
        name: &str,
        role: Role,
        regions: &[RegionId],
        departments: &[String],
        actor: &str,
    ) -> Result<()>;

    /// Replaces an account's password (argon2-hashed) and ends all its sessions.
    fn set_password(&self, name: &str, password: &str, actor: &str) -> Result<()>;

    /// The account when `password` is its password and it is enabled; `None` otherwise
    /// (unknown name, wrong password and disabled account look alike and take about as
    /// long). Record the attempt with [`Store::record_login_attempt`].
    fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>>;

    /// Issues an API token for the user named `user`. The plaintext is in the result and
    /// nowhere else: only its SHA-256 is stored. The token's role may not exceed the
    /// user's, and a reporter's token may only reach the reporter's regions.
    fn create_token(&self, user: &str, token: &NewToken, actor: &str) -> Result<IssuedToken>;

    /// Revokes a token; it is refused from the next call on.
    fn revoke_token(&self, id: TokenId, actor: &str) -> Result<()>;

    /// The tokens of the user named `user` (every user's with `None`), revoked ones
    /// included, in id order.
    fn tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>>;

    /// Who a token plaintext stands for, recording its use; `None` for an unknown or
    /// revoked token or a disabled user. The role and regions are the token's scope within
    /// the user's current role and assignments.
    fn authenticate_token(&self, secret: &str) -> Result<Option<Principal>>;

    /// Starts a browser session for an enabled user, valid for `ttl`. The id for the cookie
    /// is in the result and nowhere else: only its SHA-256 is stored.
    fn create_session(&self, user: UserId, ttl: Duration) -> Result<NewSession>;

    /// The live session with this id (the cookie value); `None` when unknown, expired, or
    /// its user is disabled. The principal carries the user's current role.
    fn session(&self, id: &str) -> Result<Option<Session>>;

    /// Marks a live session as seen now and extends it to `ttl` from now; false when it is
    /// unknown or already expired.
    fn touch_session(&self, id: &str, ttl: Duration) -> Result<bool>;

    /// Ends a session (logout); false when there was none.
    fn delete_session(&self, id: &str) -> Result<bool>;

    /// Records a login attempt by user name and client address, for rate limiting.
    fn record_login_attempt(&self, user: &str, ip: &str, ok: bool) -> Result<()>;

    /// Failed login attempts within `window`: for this user name since its last successful
    /// login, and from this address for any user.
    fn recent_login_failures(&self, user: &str, ip: &str, window: Duration) -> Result<LoginFailures>;

    /// Remembers a browser the user just signed in from: the device secret for its cookie
    /// is in the result and nowhere else (only its SHA-256 is stored).
    fn remember_device(&self, user: UserId) -> Result<Secret>;

    /// Whether `device` (a cookie value) is a browser the account named `user` signed in
    /// from before; a known device's correct password passes the per-account limit.
    fn known_device(&self, user: &str, device: &str) -> Result<bool>;

    /// Forgets a device (a wrong password was typed on it); false when it was unknown.
    fn forget_device(&self, device: &str) -> Result<bool>;
}

/// Opens (creating and migrating as needed) the database a `--db` URL names: a path or
/// `sqlite://PATH` for SQLite, `postgres://…` / `postgresql://…` for PostgreSQL.
pub fn open(url: &str) -> Result<Box<dyn Store>> {
    match parse_url(url)? {
        Location::Sqlite(path) => Ok(Box::new(SqliteStore::open(&path)?)),
        Location::Postgres => Ok(Box::new(PostgresStore::open(url.trim())?)),
    }
}

/// The database a URL names.
enum Location {
    Sqlite(String),
    Postgres,
}

/// Splits a `--db` URL into its backend and location.
fn parse_url(url: &str) -> Result<Location> {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return Err(StoreError::Url {
            url: url.to_owned(),
            reason: "empty".into(),
        });
    }
    if trimmed.starts_with("postgres://") || trimmed.starts_with("postgresql://") {
        return Ok(Location::Postgres);
    }
    if let Some(path) = trimmed.strip_prefix("sqlite://") {
        if path.is_empty() {
            return Err(StoreError::Url {
                url: url.to_owned(),
                reason: "sqlite:// needs a path (sqlite://pledge.db, sqlite:///abs/path.db)".into(),
            });
        }
        return Ok(Location::Sqlite(path.to_owned()));
    }
    if let Some(path) = trimmed.strip_prefix("sqlite:") {
        return Ok(Location::Sqlite(path.to_owned()));
    }
    if let Some((scheme, _)) = trimmed.split_once("://") {
        return Err(StoreError::Url {
            url: url.to_owned(),
            reason: format!("unknown scheme {scheme:?}; use a path, sqlite://PATH or postgres://…"),
        });
    }
    Ok(Location::Sqlite(trimmed.to_owned()))
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages.
/// A `password=` query parameter is masked too.
pub(crate) fn mask_password(url: &str) -> String {
    let masked = mask_query_password(url);
    let Some((scheme, rest)) = masked.split_once("://") else {
        return masked;
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return masked;
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
        None => masked,
    }
}

/// Masks the value of a `password=` query parameter.
fn mask_query_password(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let params: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_owned(),
        })
        .collect();
    format!("{base}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_backends() {
        assert!(matches!(parse_url("pledge.db").unwrap(), Location::Sqlite(p) if p == "pledge.db"));
        assert!(matches!(parse_url("sqlite:///tmp/x.db").unwrap(), Location::Sqlite(p) if p == "/tmp/x.db"));
        assert!(matches!(parse_url("sqlite://rel.db").unwrap(), Location::Sqlite(p) if p == "rel.db"));
        assert!(matches!(parse_url("postgres://u@h/db").unwrap(), Location::Postgres));
        assert!(parse_url("mysql://h/db").is_err());
        assert!(parse_url("sqlite://").is_err());
        assert!(parse_url("  ").is_err());
    }

    #[test]
    fn unreachable_postgres_is_reported_without_leaking_passwords() {
        for url in [
            "postgres://pledge:hunter2@127.0.0.1:1/pledge",
            "postgresql://127.0.0.1:1/pledge?user=pledge&password=hunter2&connect_timeout=5",
        ] {
            let err = open(url).err().unwrap();
            let msg = err.to_string();
            assert!(matches!(err, StoreError::Open { .. }), "{msg}");
            assert!(msg.contains("127.0.0.1:1"), "{msg}");
            assert!(!msg.contains("hunter2"), "{msg}");
        }
    }

    #[test]
    fn passwords_are_masked_in_every_spelling() {
        assert_eq!(mask_password("postgres://u:pw@h/db"), "postgres://u:***@h/db");
        assert_eq!(
            mask_password("postgres://h/db?user=u&password=pw&sslmode=disable"),
            "postgres://h/db?user=u&password=***&sslmode=disable"
        );
        assert_eq!(mask_password("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(mask_password("pledge.db"), "pledge.db");
    }
}
