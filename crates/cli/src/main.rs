//! `pledge`: keeps governments honest about their plan targets.
//!
//! The binary is a thin edge over the library crates: it parses arguments, opens files
//! and the database, and turns library errors into messages (`anyhow`).

mod cmd;

use clap::{Parser, Subcommand};

/// Command-line arguments shared by every subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "pledge",
    version,
    about = "Track government plan targets: extract, assess, explain"
)]
struct Cli {
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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Normalize(args) => cmd::normalize::run(args),
        Command::Segment(args) => cmd::segment::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Assess(args) => cmd::assess::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pledge: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
