//! `pledge user …`: accounts and API tokens (issue 7; the accounts engineer fills this in).

use std::process::ExitCode;

/// Arguments of `pledge user`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `pledge user`.
pub fn run(_args: Args, _db: &str) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`pledge user` is not built yet")
}
