//! The store's logic, written once against [`Db`] and shared by every backend.
//!
//! A backend provides an [`Engine`]: how to open a write transaction (one writer at a
//! time, like SQLite's `BEGIN IMMEDIATE`), a read transaction (one consistent snapshot),
//! and its own schema version and consistency check. The blanket `impl Store for E: Engine`
//! below then gives it every method of the [`Store`] trait, so SQLite and PostgreSQL run
//! the very same code and SQL.

pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod commitments;
pub(crate) mod documents;
pub(crate) mod facts;
pub(crate) mod indicators;
pub(crate) mod observations;
pub(crate) mod plans;
pub(crate) mod regions;
pub(crate) mod targets;

use std::time::Duration;

use serde::Serialize;

use crate::account::{
    ApiToken, IssuedToken, LoginFailures, NewSession, NewToken, NewUser, Principal, Role, Secret, Session, TokenId,
    User, UserId,
};
use crate::commitment::{Commitment, ConflictFilter, ConflictId, Decision, TargetConflict, TargetSource};
use crate::sql::{Db, p};
use crate::{
    Acceptance, Accepted, Added, AuditEntry, AuditFilter, Backend, Counts, Document, DocumentId, DocumentInfo,
    FactFilter, FactId, FactRecord, ImportSummary, Indicator, IndicatorId, NewDocument, NewFact, NewIndicator,
    NewObservation, NewPlan, NewRegion, NewTarget, ObservationFilter, ObservationId, ObservationPage,
    ObservationRecord, PageRequest, Plan, PlanId, Recorded, Region, RegionId, Result, Store, StoreError, TargetFigures,
    TargetFilter, TargetId, TargetRecord, TargetWithObservations, UpsertSummary,
};

/// What a backend provides so that the shared logic can run on it.
pub(crate) trait Engine: Send + Sync {
    /// Which database this is.
    fn engine_backend(&self) -> Backend;

    /// The number of the last migration applied.
    fn engine_schema_version(&self) -> Result<i64>;

    /// Problems the database's own checks find.
    fn engine_integrity_check(&self) -> Result<Vec<String>>;

    /// Runs `f` in one write transaction, committed when it returns `Ok` and rolled back
    /// otherwise. Writers are serialized (one at a time), so check-then-write logic never
    /// races another writer.
    fn write<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T>;

    /// Runs `f` in one write transaction that does not wait for other writers: for
    /// bookkeeping that is one self-contained statement (the last use of a token, the last
    /// sight of a session, a login attempt), so that it never queues behind an import.
    fn write_light<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T> {
        self.write(what, f)
    }

    /// Runs `f` in one read transaction: every statement sees the same snapshot.
    fn read<T>(&self, what: &'static str, f: impl FnOnce(&mut dyn Db) -> Result<T>) -> Result<T>;
}

/// Writes one audit entry in the caller's transaction.
pub(crate) fn write_audit(
    c: &mut dyn Db,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&dyn ErasedJson>,
    after: Option<&dyn ErasedJson>,
) -> Result<()> {
    let before = before.map(|b| b.json()).transpose()?;
    let after = after.map(|a| a.json()).transpose()?;
    c.exec(
        "writing the audit log",
        "INSERT INTO audit (at, actor, action, entity, entity_id, before_json, after_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        p![
            crate::time::now().as_str(),
            actor,
            action,
            entity,
            entity_id,
            before.as_deref(),
            after.as_deref()
        ],
    )?;
    Ok(())
}

/// Anything that serializes to JSON, as a trait object (for [`write_audit`]).
pub(crate) trait ErasedJson {
    /// The value as JSON text.
    fn json(&self) -> Result<String>;
}

impl<T: Serialize> ErasedJson for T {
    fn json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| StoreError::Backend {
            what: "serializing an audit record",
            message: e.to_string(),
        })
    }
}

/// The aliases of the rows `ids` of `table` (`region_aliases` keyed by `region_id`…),
/// sorted: one query for all aliases when many rows are asked for, one per row when few.
pub(crate) fn aliases_by_id(
    c: &mut dyn Db,
    what: &'static str,
    table: &str,
    key: &str,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut by_id: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    if ids.len() > 16 {
        let sql = format!("SELECT {key}, alias FROM {table} ORDER BY alias");
        for r in c.query(what, &sql, p![])? {
            by_id.entry(r.i64(0)?).or_default().push(r.text(1)?);
        }
    } else {
        let sql = format!("SELECT alias FROM {table} WHERE {key} = ?1 ORDER BY alias");
        for &id in ids {
            let aliases = c
                .query(what, &sql, p![id])?
                .iter()
                .map(|r| r.text(0))
                .collect::<Result<Vec<_>>>()?;
            by_id.insert(id, aliases);
        }
    }
    Ok(by_id)
}

/// Refuses an empty actor: every write must say who made it.
pub(crate) fn check_actor(actor: &str) -> Result<()> {
    if actor.trim().is_empty() {
        Err(StoreError::Invalid(
            "every write needs an actor (who is making it)".into(),
        ))
    } else {
        Ok(())
    }
}

/// Row counts, read in one snapshot.
fn counts(c: &mut dyn Db) -> Result<Counts> {
    let mut n = |sql: &str| -> Result<u64> { Ok(c.query_one("counting rows", sql, p![])?.i64(0)? as u64) };
    Ok(Counts {
        regions: n("SELECT COUNT(*) FROM regions")?,
        indicators: n("SELECT COUNT(*) FROM indicators")?,
        indicator_aliases: n("SELECT COUNT(*) FROM indicator_aliases")?,
        documents: n("SELECT COUNT(*) FROM documents")?,
        plans: n("SELECT COUNT(*) FROM plans")?,
        targets: n("SELECT COUNT(*) FROM targets")?,
        observations: n("SELECT COUNT(*) FROM observations")?,
        current_observations: n("SELECT COUNT(*) FROM observations WHERE is_current = 1")?,
        imports: n("SELECT COUNT(*) FROM imports")?,
        facts: n("SELECT COUNT(*) FROM facts")?,
        audit: n("SELECT COUNT(*) FROM audit")?,
    })
}

/// Consistency checks the schema cannot express, the same on every backend.
pub(crate) fn logical_checks(c: &mut dyn Db) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for r in c.query(
        "checking observations",
        "SELECT o.id, n.id FROM observations o JOIN observations n ON n.supersedes = o.id \
         WHERE o.is_current = 1 ORDER BY o.id",
        p![],
    )? {
        problems.push(format!(
            "observation {} is current although revision {} supersedes it",
            r.i64(0)?,
            r.i64(1)?
        ));
    }
    for r in c.query(
        "checking facts",
        "SELECT id FROM facts WHERE review = 'accepted' AND target_id IS NULL AND observation_id IS NULL ORDER BY id",
        p![],
    )? {
        problems.push(format!("fact {} is accepted but became nothing", r.i64(0)?));
    }
    Ok(problems)
}

impl<E: Engine> Store for E {
    fn backend(&self) -> Backend {
        self.engine_backend()
    }

    fn schema_version(&self) -> Result<i64> {
        self.engine_schema_version()
    }

    fn integrity_check(&self) -> Result<Vec<String>> {
        self.engine_integrity_check()
    }

    fn counts(&self) -> Result<Counts> {
        self.read("counting rows", counts)
    }

    fn upsert_regions(&self, rows: &[NewRegion], actor: &str) -> Result<UpsertSummary> {
        check_actor(actor)?;
        self.write("upserting regions", |c| regions::upsert(c, rows, actor))
    }

    fn region(&self, id: RegionId) -> Result<Option<Region>> {
        self.read("reading a region", |c| regions::get(c, id))
    }

    fn regions(&self) -> Result<Vec<Region>> {
        self.read("listing regions", regions::all)
    }

    fn find_regions(&self, name: &str) -> Result<Vec<Region>> {
        self.read("finding regions", |c| regions::find(c, name))
    }

    fn region_ancestors(&self, id: RegionId) -> Result<Vec<Region>> {
        self.read("reading region ancestors", |c| regions::ancestors(c, id))
    }

    fn upsert_indicators(&self, rows: &[NewIndicator], actor: &str) -> Result<UpsertSummary> {
        check_actor(actor)?;
        self.write("upserting indicators", |c| indicators::upsert(c, rows, actor))
    }

    fn indicator(&self, id: IndicatorId) -> Result<Option<Indicator>> {
        self.read("reading an indicator", |c| indicators::get(c, id))
    }

    fn indicators(&self) -> Result<Vec<Indicator>> {
        self.read("listing indicators", indicators::all)
    }

    fn find_indicator(&self, name: &str) -> Result<Option<Indicator>> {
        self.read("finding an indicator", |c| indicators::find(c, name))
    }

    fn add_document(&self, document: &NewDocument, actor: &str) -> Result<Added<DocumentId>> {
        check_actor(actor)?;
        self.write("adding a document", |c| documents::add(c, document, actor))
    }

    fn document(&self, id: DocumentId) -> Result<Option<Document>> {
        self.read("reading a document", |c| documents::get_by_id(c, id))
    }

    fn document_by_sha256(&self, sha256: &str) -> Result<Option<Document>> {
        self.read("reading a document", |c| {
            documents::get_by_sha256(c, &sha256.to_ascii_lowercase())
        })
    }

    fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.read("listing documents", documents::all)
    }

    fn add_plan(&self, plan: &NewPlan, actor: &str) -> Result<PlanId> {
        check_actor(actor)?;
        self.write("adding a plan", |c| plans::add(c, plan, actor))
    }

    fn plan(&self, id: PlanId) -> Result<Option<Plan>> {
        self.read("reading a plan", |c| plans::get(c, id))
    }

    fn plans(&self) -> Result<Vec<Plan>> {
        self.read("listing plans", plans::all)
    }

    fn add_commitment(&self, target: &NewTarget, actor: &str) -> Result<Commitment> {
        check_actor(actor)?;
        self.write("adding a target", |c| commitments::add(c, target, actor))
    }

    fn target_sources(&self, id: TargetId) -> Result<Vec<TargetSource>> {
        self.read("listing the sources of a target", |c| commitments::sources(c, id))
    }

    fn conflicts(&self, filter: &ConflictFilter) -> Result<Vec<TargetConflict>> {
        self.read("listing conflicts", |c| commitments::conflicts(c, filter))
    }

    fn decide_conflict(&self, id: ConflictId, decision: Decision, note: &str, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("deciding a conflict", |c| {
            commitments::decide(c, id, decision, note, actor)
        })
    }

    fn update_target(&self, id: TargetId, target: &NewTarget, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("updating a target", |c| targets::update(c, id, target, actor))
    }

    fn assign_target(&self, id: TargetId, assignment: &crate::Assignment, actor: &str) -> Result<TargetRecord> {
        check_actor(actor)?;
        assignment
            .check()
            .map_err(|e| StoreError::Invalid(format!("target {id}: {}: {e}", e.field())))?;
        self.write("assigning a target", |c| targets::assign(c, id, assignment, actor))
    }

    fn delete_target(&self, id: TargetId, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("deleting a target", |c| targets::delete(c, id, actor))
    }

    fn target(&self, id: TargetId) -> Result<Option<TargetRecord>> {
        self.read("reading a target", |c| targets::get(c, id))
    }

    fn targets(&self, filter: &TargetFilter) -> Result<Vec<TargetRecord>> {
        self.read("listing targets", |c| targets::list(c, filter))
    }

    fn record_observation(&self, observation: &NewObservation, actor: &str) -> Result<Recorded> {
        check_actor(actor)?;
        self.write("recording an observation", |c| {
            observations::record_alone(c, observation, actor)
        })
    }

    fn import_observations_with_progress(
        &self,
        rows: &[NewObservation],
        actor: &str,
        progress: &dyn Fn(usize),
    ) -> Result<ImportSummary> {
        check_actor(actor)?;
        if rows.is_empty() {
            return Ok(ImportSummary::default());
        }
        self.write("importing observations", |c| {
            observations::import(c, rows, actor, progress)
        })
    }

    fn observation(&self, id: ObservationId) -> Result<Option<ObservationRecord>> {
        self.read("reading an observation", |c| observations::get(c, id))
    }

    fn observations(&self, filter: &ObservationFilter) -> Result<Vec<ObservationRecord>> {
        self.read("listing observations", |c| observations::list(c, filter))
    }

    fn observation_page(&self, filter: &ObservationFilter, page: PageRequest) -> Result<ObservationPage> {
        self.read("listing observations", |c| observations::page(c, filter, page))
    }

    fn observation_history(&self, id: ObservationId) -> Result<Vec<ObservationRecord>> {
        self.read("reading observation history", |c| observations::history(c, id))
    }

    fn add_facts(&self, document: DocumentId, facts: &[NewFact], actor: &str) -> Result<Vec<FactId>> {
        check_actor(actor)?;
        self.write("adding facts", |c| facts::add(c, document, facts, actor))
    }

    fn fact(&self, id: FactId) -> Result<Option<FactRecord>> {
        self.read("reading a fact", |c| facts::get(c, id))
    }

    fn facts(&self, filter: &FactFilter) -> Result<Vec<FactRecord>> {
        self.read("listing facts", |c| facts::list(c, filter))
    }

    fn accept_fact(&self, id: FactId, how: &Acceptance, actor: &str) -> Result<Accepted> {
        check_actor(actor)?;
        self.write("accepting a fact", |c| facts::accept(c, id, how, actor))
    }

    fn reject_fact(&self, id: FactId, note: &str, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("rejecting a fact", |c| facts::reject(c, id, note, actor))
    }

    fn fact_conflicts(&self, id: FactId, how: &Acceptance) -> Result<Vec<crate::queue::Conflict>> {
        self.read("checking a fact for conflicts", |c| facts::conflicts(c, id, how))
    }

    fn targets_with_observations(&self, filter: &TargetFilter) -> Result<Vec<TargetWithObservations>> {
        self.read("reading targets with observations", |c| {
            let targets = targets::list(c, filter)?;
            let mut out = Vec::with_capacity(targets.len());
            for target in targets {
                let observations = observations::list(
                    c,
                    &ObservationFilter {
                        region: Some(target.region),
                        indicator: Some(target.indicator),
                        year: None,
                        include_history: false,
                    },
                )?;
                out.push(TargetWithObservations { target, observations });
            }
            Ok(out)
        })
    }

    fn target_figures(&self, filter: &TargetFilter) -> Result<Vec<TargetFigures>> {
        self.read("reading targets with their figures", |c| {
            let targets = targets::list(c, filter)?;
            // One read per series, shared by the targets on it.
            let mut series: std::collections::HashMap<(RegionId, IndicatorId), Vec<pledge_model::Observation>> =
                std::collections::HashMap::new();
            let mut out = Vec::with_capacity(targets.len());
            for target in targets {
                let pair = (target.region, target.indicator);
                let observations = match series.get(&pair) {
                    Some(found) => found.clone(),
                    None => {
                        let found = observations::figures(c, pair.0, pair.1)?;
                        series.insert(pair, found.clone());
                        found
                    }
                };
                out.push(TargetFigures { target, observations });
            }
            Ok(out)
        })
    }

    fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.read("reading the audit log", |c| audit::list(c, filter))
    }

    fn create_user(&self, user: &NewUser, password: &str, actor: &str) -> Result<UserId> {
        check_actor(actor)?;
        // Hash outside the transaction: argon2 is deliberately slow and must not hold the
        // writer lock.
        let hash = accounts::hash_password(password)?;
        self.write("creating a user", |c| accounts::create_user(c, user, &hash, actor))
    }

    fn user(&self, name: &str) -> Result<Option<User>> {
        self.read("reading a user", |c| accounts::user_by_name(c, name))
    }

    fn user_by_id(&self, id: UserId) -> Result<Option<User>> {
        self.read("reading a user", |c| accounts::user_by_id(c, id))
    }

    fn users(&self) -> Result<Vec<User>> {
        self.read("listing users", accounts::users)
    }

    fn set_user_disabled(&self, name: &str, disabled: bool, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("disabling a user", |c| accounts::set_disabled(c, name, disabled, actor))
    }

    fn set_user_scope(
        &self,
        name: &str,
        role: Role,
        regions: &[RegionId],
        departments: &[String],
        actor: &str,
    ) -> Result<()> {
        check_actor(actor)?;
        self.write("changing a user's role", |c| {
            accounts::set_scope(c, name, role, regions, departments, actor)
        })
    }

    fn set_password(&self, name: &str, password: &str, actor: &str) -> Result<()> {
        check_actor(actor)?;
        let hash = accounts::hash_password(password)?;
        self.write("setting a password", |c| accounts::set_password(c, name, &hash, actor))
    }

    fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        let found = self.read("verifying a password", |c| accounts::password_of(c, name))?;
        accounts::verify(found, password)
    }

    fn create_token(&self, user: &str, token: &NewToken, actor: &str) -> Result<IssuedToken> {
        check_actor(actor)?;
        let secret = accounts::new_secret(accounts::TOKEN_PREFIX)?;
        self.write("issuing an API token", |c| {
            accounts::create_token(c, user, token, secret, actor)
        })
    }

    fn revoke_token(&self, id: TokenId, actor: &str) -> Result<()> {
        check_actor(actor)?;
        self.write("revoking an API token", |c| accounts::revoke_token(c, id, actor))
    }

    fn tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        self.read("listing API tokens", |c| accounts::tokens(c, user))
    }

    fn authenticate_token(&self, secret: &str) -> Result<Option<Principal>> {
        self.write_light("authenticating an API token", |c| {
            accounts::authenticate_token(c, secret)
        })
    }

    fn create_session(&self, user: UserId, ttl: Duration) -> Result<NewSession> {
        let id = accounts::new_secret("")?;
        let csrf = accounts::new_secret("")?;
        self.write("starting a session", |c| {
            accounts::create_session(c, user, ttl, id, csrf)
        })
    }

    fn session(&self, id: &str) -> Result<Option<Session>> {
        self.read("reading a session", |c| accounts::session(c, id))
    }

    fn touch_session(&self, id: &str, ttl: Duration) -> Result<bool> {
        self.write_light("touching a session", |c| accounts::touch_session(c, id, ttl))
    }

    fn delete_session(&self, id: &str) -> Result<bool> {
        self.write("ending a session", |c| accounts::delete_session(c, id))
    }

    fn record_login_attempt(&self, user: &str, ip: &str, ok: bool) -> Result<()> {
        self.write_light("recording a login attempt", |c| {
            accounts::record_login_attempt(c, user, ip, ok)
        })
    }

    fn recent_login_failures(&self, user: &str, ip: &str, window: Duration) -> Result<LoginFailures> {
        self.read("counting login failures", |c| {
            accounts::recent_login_failures(c, user, ip, window)
        })
    }

    fn remember_device(&self, user: UserId) -> Result<Secret> {
        let device = accounts::new_secret("")?;
        self.write_light("remembering a device", |c| accounts::remember_device(c, user, device))
    }

    fn known_device(&self, user: &str, device: &str) -> Result<bool> {
        self.write_light("checking a device", |c| accounts::known_device(c, user, device))
    }

    fn forget_device(&self, device: &str) -> Result<bool> {
        self.write_light("forgetting a device", |c| accounts::forget_device(c, device))
    }
}
