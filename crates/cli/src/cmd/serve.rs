//! `pledge serve [--bind ADDR]`: the dashboard and the JSON API.
//!
//! Browsers sign in with the accounts of `pledge user add` (sessions in the database);
//! scripts send the tokens of `pledge user token`. `PLEDGE_API_TOKEN` still works as a
//! bootstrap bearer token acting as the analyst `api`. See `pledge_web::Options::from_env`
//! for `PLEDGE_PUBLIC_READ`, `PLEDGE_SECURE_COOKIES` and `PLEDGE_TRUST_PROXY`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `pledge serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
}

/// Serves until interrupted.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(db)?;
    let options = pledge_web::Options::from_env();
    if store.users()?.is_empty() && options.api_token.is_none() {
        eprintln!("pledge: no accounts yet, so nobody can write: `pledge user add NAME --role admin` makes one");
    }
    serve(store, args.bind, options)?;
    Ok(ExitCode::SUCCESS)
}

/// Serves a store on an address until Ctrl-C or SIGTERM.
pub fn serve(
    store: Box<dyn pledge_store::Store>,
    bind: SocketAddr,
    options: pledge_web::Options,
) -> anyhow::Result<()> {
    let store: Arc<dyn pledge_store::Store> = Arc::from(store);
    eprintln!("pledge: serving the dashboard at http://{bind}/ (Ctrl-C stops)");
    pledge_web::serve_blocking(store, bind, options)?;
    Ok(())
}
