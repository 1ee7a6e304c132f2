//! What every handler shares: the store, the authenticator and the options.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use pledge_store::{Store, StoreError};

use crate::Options;
use crate::auth::Authenticator;
use crate::error::ApiError;

/// The state behind the router; cheap to clone (all `Arc`s).
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// Who a bearer token stands for.
    pub auth: Arc<dyn Authenticator>,
    /// The rule and kind of every route of the table, by method and path pattern.
    pub rules: Arc<crate::routes::Rules>,
    /// How the server was configured.
    pub options: Arc<Options>,
    /// The scoreboard JSON as first served, for the `/static/scoreboard.json` ceiling of
    /// the benchmark (the same bytes, served without any work).
    pub scoreboard_snapshot: Arc<Mutex<Option<Bytes>>>,
    /// The assessed scoreboard, built one rebuild at a time and shared.
    pub scoreboard: Arc<Scoreboards>,
}

/// The assessed scoreboard and the unfiltered JSON, with the store's change stamp they
/// were built at: reused until any write (from this server or another process) moves the
/// stamp. Rebuilds are single-flight: at most one runs at a time, and requests that find
/// the board stale while one runs wait for it and take its result instead of queueing a
/// rebuild each (with 1,000,000 observations, ten requests after one write queued ten
/// rebuilds and took up to 59 s).
#[derive(Default)]
pub struct Scoreboards {
    /// The newest board built.
    cache: Mutex<Option<ScoreboardCache>>,
    /// Held by the one rebuild running, inside its worker thread, so that a request that
    /// gives up (a client gone) does not let a second rebuild start beside the first.
    turn: Arc<tokio::sync::Mutex<()>>,
    /// How many boards were built since the server started.
    rebuilds: AtomicU64,
}

impl Scoreboards {
    /// How many times the board was built since the server started: what a test counts
    /// to see that concurrent requests after a write share one rebuild.
    pub fn rebuilds(&self) -> u64 {
        self.rebuilds.load(Ordering::Relaxed)
    }

    /// The board built at `stamp` as of `day`, if that is the one kept.
    fn fresh(&self, stamp: i64, day: pledge_assess::Date) -> Option<ScoreboardCache> {
        let kept = self.cache.lock().ok()?.clone()?;
        (kept.stamp == stamp && kept.as_of == day).then_some(kept)
    }
}

/// A scoreboard built at one change stamp of the store.
#[derive(Clone)]
pub struct ScoreboardCache {
    /// The id of the newest audit entry when it was built (every write adds one).
    pub stamp: i64,
    /// The day the rows are assessed as of.
    pub as_of: pledge_assess::Date,
    /// The rows, worst first.
    pub rows: Arc<Vec<crate::views::scoreboard::ScoreRow>>,
    /// `GET /api/scoreboard` without filters, serialized.
    pub json: Option<Bytes>,
}

/// The store's change stamp: the id of its newest audit entry (0 when empty).
pub fn change_stamp(store: &dyn Store) -> Result<i64, StoreError> {
    let newest = store.audit(&pledge_store::AuditFilter {
        limit: Some(1),
        ..Default::default()
    })?;
    Ok(newest.first().map_or(0, |e| e.id))
}

impl AppState {
    /// The state of a server over `store` configured by `options`, with no board built
    /// yet ([`crate::router`] routes it; tests keep a clone to read its counters).
    pub fn new(store: Arc<dyn Store>, options: Options) -> AppState {
        let auth: Arc<dyn Authenticator> = match &options.authenticator {
            Some(a) => a.clone(),
            None => Arc::new(crate::StoreTokens::new(store.clone(), options.api_token.clone())),
        };
        AppState {
            store,
            auth,
            rules: Arc::new(crate::routes::rules()),
            options: Arc::new(options),
            scoreboard_snapshot: Arc::new(Mutex::new(None)),
            scoreboard: Arc::new(Scoreboards::default()),
        }
    }

    /// The assessment options of a request: the server's, as of `as_of` when the request
    /// names a day, else the server's fixed day, else today.
    pub fn assess_options(&self, as_of: Option<pledge_assess::Date>) -> pledge_assess::Options {
        let mut options = self.options.assess;
        options.as_of = as_of.or(options.as_of).or_else(|| Some(crate::today()));
        options
    }

    /// The scoreboard assessed as of `as_of` (see [`AppState::assess_options`]), rebuilt
    /// only when the store changed or the day differs since last time, by one rebuild at
    /// a time whose result every request waiting for it shares ([`Scoreboards`]).
    pub async fn scoreboard_rows(&self, as_of: Option<pledge_assess::Date>) -> Result<ScoreboardCache, ApiError> {
        let options = self.assess_options(as_of);
        let day = options.as_of.unwrap_or_else(crate::today);
        let stamp = self.blocking(|store| Ok(change_stamp(store)?)).await?;
        if let Some(kept) = self.scoreboard.fresh(stamp, day) {
            return Ok(kept);
        }
        let turn = self.scoreboard.turn.clone().lock_owned().await;
        let board = self.scoreboard.clone();
        self.blocking(move |store| {
            let _turn = turn;
            // Whoever held the turn before may have built this very board.
            let stamp = change_stamp(store)?;
            if let Some(kept) = board.fresh(stamp, day) {
                return Ok(kept);
            }
            board.rebuilds.fetch_add(1, Ordering::Relaxed);
            let rows = Arc::new(crate::views::scoreboard::build(store, &options)?);
            let fresh = ScoreboardCache {
                stamp,
                as_of: day,
                rows,
                json: None,
            };
            if let Ok(mut kept) = board.cache.lock() {
                *kept = Some(fresh.clone());
            }
            Ok(fresh)
        })
        .await
    }

    /// Remembers the unfiltered scoreboard JSON for the cache built at `stamp` as of `as_of`.
    pub fn remember_scoreboard_json(&self, stamp: i64, as_of: pledge_assess::Date, json: Bytes) {
        if let Ok(mut c) = self.scoreboard.cache.lock() {
            if let Some(c) = c.as_mut().filter(|c| c.stamp == stamp && c.as_of == as_of) {
                c.json = Some(json);
            }
        }
    }

    /// Runs blocking store work off the async threads (the store is synchronous).
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await
            .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match &e {
            StoreError::NotFound { .. } | StoreError::UnknownName { .. } => ApiError::not_found(e.to_string()),
            StoreError::Invalid(_) | StoreError::Duplicate { .. } | StoreError::Constraint { .. } => {
                ApiError::new(axum::http::StatusCode::CONFLICT, "conflict", e.to_string())
            }
            StoreError::Import(rows) => ApiError::unprocessable(
                rows.iter()
                    .map(|r| crate::error::FieldError {
                        field: r.field.clone(),
                        message: r.message.clone(),
                        row: Some(r.row + 2),
                        value: None,
                    })
                    .collect(),
            ),
            _ => ApiError::internal(e.to_string()),
        }
    }
}
