//! `pledge`: keeps governments honest about their plan targets.
//!
//! The binary is a thin edge over the library crates: it parses arguments, opens files
//! and the database, and turns library errors into messages (`anyhow`).

mod cmd;
mod registry;

/// Extraction allocates a few small strings per fact; mimalloc serves them faster than
/// the system allocator (the extractor benchmark uses it too, so it measures this binary).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// Command-line arguments shared by every subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "pledge",
    version,
    about = "Track government plan targets: extract, assess, explain"
)]
struct Cli {
    /// The database: a path, `sqlite://PATH` or `postgres://…` (else `PLEDGE_DB`, else
    /// `pledge.db`; `pledge demo` uses `pledge-demo.db`).
    #[arg(long, global = true, env = "PLEDGE_DB")]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands of `spec/cli.md`, plus a few of our own.
#[derive(Debug, Subcommand)]
enum Command {
    /// Print the normalized text of a file.
    Normalize(cmd::normalize::Args),
    /// Split files into articles (headline, byline, dateline, scope, body).
    Segment(cmd::segment::Args),
    /// Extract fact records (targets and actuals) as JSON Lines.
    Extract(cmd::extract::Args),
    /// Assess targets: batch JSON Lines with `--input`, else the database scoreboard.
    Assess(cmd::assess::Args),
    /// Create the database and load regions and the indicator library.
    Init(cmd::init::Args),
    /// Read documents, extract their facts and store them for review.
    Ingest(cmd::ingest::Args),
    /// List, accept or reject extracted facts.
    Review(cmd::review::Args),
    /// Plans and their targets.
    Plan(cmd::plan::Args),
    /// Import observations from CSV or xlsx (all or nothing).
    Import(cmd::import::Args),
    /// Write the observation import template.
    Template(cmd::template::Args),
    /// Export facts, targets, observations or the scoreboard.
    Export(cmd::export::Args),
    /// Build the demo database from Jinan's plan, print the scoreboard, serve it.
    Demo(cmd::demo::Args),
    /// Serve the dashboard and the JSON API.
    Serve(cmd::serve::Args),
    /// Accounts and API tokens.
    User(cmd::user::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let db = cli.db.as_deref().unwrap_or("pledge.db");
    let result = match cli.command {
        Command::Normalize(args) => cmd::normalize::run(args),
        Command::Segment(args) => cmd::segment::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Assess(args) => cmd::assess::run(args, db),
        Command::Init(args) => cmd::init::run(args, db),
        Command::Ingest(args) => cmd::ingest::run(args, db),
        Command::Review(args) => cmd::review::run(args, db),
        Command::Plan(args) => cmd::plan::run(args, db),
        Command::Import(args) => cmd::import::run(args, db),
        Command::Template(args) => cmd::template::run(args, db),
        Command::Export(args) => cmd::export::run(args, db),
        Command::Demo(args) => cmd::demo::run(args, cli.db.as_deref()),
        Command::Serve(args) => cmd::serve::run(args, db),
        Command::User(args) => cmd::user::run(args, db),
    };
    match result {
        Ok(code) => code,
        Err(err) if closed_pipe(&err) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pledge: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Whether a command failed because its reader went away (`pledge assess | head`): the
/// reader has what it wanted, so the command stops quietly with success, as Unix tools
/// do. Rust ignores `SIGPIPE`, so every write after that fails with `BrokenPipe`; the
/// commands pass it up with `?` like any error and it is recognised here, once. An
/// `io::Error` may sit anywhere in the chain, or inside a `serde_json` error (whose
/// `source` skips it).
fn closed_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}
