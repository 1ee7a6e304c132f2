//! `pledge init`: create the database, load China's regions and the indicator library.

use std::process::ExitCode;

/// Arguments of `pledge init`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Creates (or upgrades) the database and seeds it.
pub fn run(_args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_store(db)?;
    let counts = store.counts()?;
    println!(
        "{db}: schema {} · {} regions · {} indicators ({} aliases) · {} targets · {} observations",
        store.schema_version()?,
        counts.regions,
        counts.indicators,
        counts.indicator_aliases,
        counts.targets,
        counts.current_observations
    );
    Ok(ExitCode::SUCCESS)
}
