//! What every handler shares: the store, the authenticator and the options.

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
    /// Who may write.
    pub auth: Arc<dyn Authenticator>,
    /// How the server was configured.
    pub options: Arc<Options>,
    /// The scoreboard JSON as first served, for the `/static/scoreboard.json` ceiling of
    /// the benchmark (the same bytes, served without any work).
    pub scoreboard_snapshot: Arc<Mutex<Option<Bytes>>>,
}

impl AppState {
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
            StoreError::NotFound { .. } => ApiError::not_found(e.to_string()),
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
