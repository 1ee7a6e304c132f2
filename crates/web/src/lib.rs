#![recursion_limit = "512"]
//! The axum JSON API and the server-rendered dashboard.
//!
//! [`router`] builds every route over an `Arc<dyn Store>`; [`serve`] binds an address and
//! runs it until Ctrl-C. Pages are HTML rendered on the server from askama templates
//! (`templates/`), Chinese by default and English with `?lang=en` (remembered in a
//! cookie); they work without JavaScript. The JSON API under `/api/` serves the same data
//! and is described by the OpenAPI 3.1 document at `/api/openapi.json`.
//!
//! Writes need credentials (see [`auth`]): API clients send a bearer token (the store's
//! API tokens of `pledge user token`, or the bootstrap token [`Options::api_token`] of
//! `PLEDGE_API_TOKEN`, acting as an analyst); browsers sign in with a name and password
//! and get a session kept in the database, whose CSRF token every form carries. Each route
//! of the table in [`routes`] has a rule (public read, observe, review, admin…) applied
//! before its handler; handlers check regions and departments on the rows they write.
//! Reads are public by default; [`Options::public_read`] `= false` (`PLEDGE_PUBLIC_READ=0`)
//! makes every page and API read need a signed-in account or a token.
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
use std::sync::Arc;
use std::time::Duration;

use pledge_store::Store;

pub use auth::limit::LoginLimit;
pub use auth::{Authenticator, Principal, Role, StaticToken, StoreTokens};
pub use state::AppState;

/// Today's date (UTC), the default day assessments are made as of: the clock is read
/// here, at the edge, never inside the assessment engine.
pub fn today() -> pledge_assess::Date {
    let now = pledge_store::time::now();
    now.get(..10)
        .and_then(pledge_assess::Date::parse)
        .unwrap_or(pledge_assess::Date::end_of_year(1970))
}

/// How the server is configured.
#[derive(Clone)]
pub struct Options {
    /// A bootstrap bearer token acting as the analyst `api` (`PLEDGE_API_TOKEN`), accepted
    /// besides the store's API tokens. `None`: only the store's tokens.
    pub api_token: Option<String>,
    /// Who a bearer token stands for; `None` = [`StoreTokens`] over the router's store
    /// with [`Options::api_token`] as bootstrap token. Sessions always come from the store.
    pub authenticator: Option<Arc<dyn Authenticator>>,
    /// Threshold profile, growth model and tolerance of the assessments shown, and a fixed
    /// as-of date if one is set; without one, each request is assessed as of `?as_of=`
    /// or today.
    pub assess: pledge_assess::Options,
    /// Largest upload accepted, in bytes (larger bodies get 413). Other routes accept at
    /// most [`routes::FORM_LIMIT`] (or this, if smaller).
    pub max_upload_bytes: usize,
    /// Whether anonymous callers may read (pages and API reads). Default `true`: the
    /// scoreboard is public, as a government's published targets are. `false`
    /// (`PLEDGE_PUBLIC_READ=0`): every read needs an account (viewer or more) or a token.
    pub public_read: bool,
    /// `Secure` on cookies: `Some` forces it on or off (`PLEDGE_SECURE_COOKIES=1|0`);
    /// `None` (default) sets it when a trusted proxy says the request came over HTTPS.
    pub secure_cookies: Option<bool>,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy in front
    /// (`PLEDGE_TRUST_PROXY=1`); off by default, since any client can send them.
    pub trust_proxy: bool,
    /// How long a browser session lives without being used (default 12 hours).
    pub session_ttl: Duration,
    /// Failed logins allowed before 429.
    pub login_limit: LoginLimit,
    /// How long a connection may take to send a request's headers, and how long an idle
    /// keep-alive connection stays open (`PLEDGE_HEADER_TIMEOUT_MS`, default 10 s): a
    /// client that sends half a header is closed after this, so half-open sockets cannot
    /// pile up.
    pub header_read_timeout: Duration,
    /// Most connections served at once (`PLEDGE_MAX_CONNECTIONS`, default 512); further
    /// clients wait in the listen backlog until one closes, instead of the server
    /// running out of file descriptors.
    pub max_connections: usize,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("api_token", &self.api_token.as_ref().map(|_| "***"))
            .field("authenticator", &self.authenticator.as_ref().map(|_| "…"))
            .field("assess", &self.assess)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .field("public_read", &self.public_read)
            .field("secure_cookies", &self.secure_cookies)
            .field("trust_proxy", &self.trust_proxy)
            .field("session_ttl", &self.session_ttl)
            .field("login_limit", &self.login_limit)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_connections", &self.max_connections)
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
            public_read: true,
            secure_cookies: None,
            trust_proxy: false,
            session_ttl: Duration::from_secs(12 * 3600),
            login_limit: LoginLimit::default(),
            header_read_timeout: Duration::from_secs(10),
            max_connections: 512,
        }
    }
}

impl Options {
    /// Defaults, with the environment's settings: `PLEDGE_API_TOKEN` (bootstrap token),
    /// `PLEDGE_PUBLIC_READ=0` (reads need an account), `PLEDGE_SECURE_COOKIES=1|0`,
    /// `PLEDGE_TRUST_PROXY=1`, `PLEDGE_MAX_UPLOAD_BYTES=N`.
    pub fn from_env() -> Options {
        let var = |name: &str| std::env::var(name).ok().filter(|t| !t.trim().is_empty());
        let flag = |name: &str| var(name).map(|v| !matches!(v.trim(), "0" | "false" | "no" | "off"));
        let defaults = Options::default();
        Options {
            api_token: var("PLEDGE_API_TOKEN"),
            public_read: flag("PLEDGE_PUBLIC_READ").unwrap_or(defaults.public_read),
            secure_cookies: flag("PLEDGE_SECURE_COOKIES"),
            trust_proxy: flag("PLEDGE_TRUST_PROXY").unwrap_or(false),
            max_upload_bytes: var("PLEDGE_MAX_UPLOAD_BYTES")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(defaults.max_upload_bytes),
            header_read_timeout: var("PLEDGE_HEADER_TIMEOUT_MS")
                .and_then(|v| v.trim().parse().ok())
                .map_or(defaults.header_read_timeout, Duration::from_millis),
            max_connections: var("PLEDGE_MAX_CONNECTIONS")
                .and_then(|v| v.trim().parse().ok())
                .filter(|n: &usize| *n > 0)
                .unwrap_or(defaults.max_connections),
            ..defaults
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
    routes::build(AppState::new(store, options))
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
    let reads = if options.public_read {
        "reads are public"
    } else {
        "reads need an account"
    };
    eprintln!("pledge: serving http://{addr}/ ({reads}; writes need an account or an API token)");
    let header_timeout = options.header_read_timeout;
    let limit = Arc::new(tokio::sync::Semaphore::new(options.max_connections.max(1)));
    let app = router(store, options);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        // A permit per connection: at the cap, stop accepting until one closes.
        let permit = tokio::select! {
            p = limit.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(accepted) => accepted,
                Err(e) => {
                    eprintln!("pledge: accept failed: {e}");
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(tower::ServiceExt::map_request(
            app.clone(),
            move |mut req: axum::http::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                req
            },
        ));
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            // A failed connection (timeout, reset) concerns only that client.
            let _ = builder
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades()
                .await;
            drop(permit);
        });
    }
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
