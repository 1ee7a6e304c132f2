#![recursion_limit = "512"]
//! The axum JSON API and the server-rendered dashboard.
//!
//! [`router`] builds every route over an `Arc<dyn Store>`; [`serve`] binds an address and
//! runs it until Ctrl-C. Pages are HTML rendered on the server from askama templates
//! (`templates/`), Chinese by default and English with `?lang=en` (remembered in a
//! cookie); they work without JavaScript. The JSON API under `/api/` serves the same data
//! and is described by the OpenAPI 3.1 document at `/api/openapi.json`.
//!
//! Writes need credentials: an [`auth::Authenticator`] turns a bearer token (or the
//! sign-in cookie of the pages) into a principal with a role and regions. Until accounts
//! exist (issue 7) the authenticator is [`auth::StaticToken`] with the token of
//! [`Options::api_token`] (`PLEDGE_API_TOKEN`); without one every write is refused.
//!
//! ```no_run
//! # async fn run() -> Result<(), pledge_web::ServeError> {
//! let store: std::sync::Arc<dyn pledge_store::Store> =
//!     std::sync::Arc::from(pledge_store::open("pledge.db").unwrap());
//! pledge_web::serve(store, "127.0.0.1:8080".parse().unwrap(), pledge_web::Options::from_env()).await
//! # }
//! ```

pub mod api;
pub mod auth;
pub mod chart;
pub mod error;
pub mod i18n;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod state;
pub mod views;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use pledge_store::Store;

pub use auth::{Authenticator, Principal, Role, StaticToken};
pub use state::AppState;

/// How the server is configured.
#[derive(Clone)]
pub struct Options {
    /// The bearer token that may write (acting as an analyst), when no
    /// [`Options::authenticator`] is given. `None`: writes are refused with 401.
    pub api_token: Option<String>,
    /// Who may write; overrides `api_token` (issue 7 passes the store's accounts here).
    pub authenticator: Option<Arc<dyn Authenticator>>,
    /// Threshold profile, growth model and tolerance of the assessments shown.
    pub assess: pledge_assess::Options,
    /// Largest upload accepted, in bytes (larger bodies get 413).
    pub max_upload_bytes: usize,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("api_token", &self.api_token.as_ref().map(|_| "***"))
            .field("authenticator", &self.authenticator.as_ref().map(|_| "…"))
            .field("assess", &self.assess)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .finish()
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            api_token: None,
            authenticator: None,
            assess: pledge_assess::Options::default(),
            max_upload_bytes: 32 * 1024 * 1024,
        }
    }
}

impl Options {
    /// Defaults, with the token of the `PLEDGE_API_TOKEN` environment variable.
    pub fn from_env() -> Options {
        Options {
            api_token: std::env::var("PLEDGE_API_TOKEN").ok().filter(|t| !t.trim().is_empty()),
            ..Options::default()
        }
    }

    /// These options with `token` as the API token.
    pub fn with_token(mut self, token: impl Into<String>) -> Options {
        self.api_token = Some(token.into());
        self
    }
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound (in use, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The whole application — pages, JSON API, static files — over `store`.
pub fn router(store: Arc<dyn Store>, options: Options) -> axum::Router {
    let auth: Arc<dyn Authenticator> = match &options.authenticator {
        Some(a) => a.clone(),
        None => Arc::new(StaticToken::new(options.api_token.clone())),
    };
    let state = AppState {
        store,
        auth,
        options: Arc::new(options),
        scoreboard_snapshot: Arc::new(Mutex::new(None)),
        scoreboard_cache: Arc::new(Mutex::new(None)),
    };
    routes::build(state)
}

/// Serves [`router`] on `bind` until Ctrl-C (or SIGTERM), then finishes the requests in
/// flight. Prints the address it listens on to stderr.
pub async fn serve(store: Arc<dyn Store>, bind: SocketAddr, options: Options) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|source| ServeError::Bind { addr: bind, source })?;
    serve_on(listener, store, options).await
}

/// [`serve`] on a multi-threaded tokio runtime of its own, for callers without one (the
/// CLI): blocks until Ctrl-C or SIGTERM.
pub fn serve_blocking(store: Arc<dyn Store>, bind: SocketAddr, options: Options) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(store, bind, options))
}

/// Serves [`router`] on a listener already bound (tests bind port 0 and read the port).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    options: Options,
) -> Result<(), ServeError> {
    let addr = listener.local_addr()?;
    let writes = if options.api_token.is_some() || options.authenticator.is_some() {
        "writes need the API token"
    } else {
        "read-only: set PLEDGE_API_TOKEN to allow writes"
    };
    eprintln!("pledge: serving http://{addr}/ ({writes})");
    axum::serve(listener, router(store, options))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
