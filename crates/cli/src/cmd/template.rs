//! `pledge template --csv|--xlsx [--out FILE]`: the observation import template.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `pledge template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV template (UTF-8 with BOM).
    #[arg(long, conflicts_with = "xlsx")]
    pub csv: bool,
    /// An xlsx template with region and indicator drop-downs (the default).
    #[arg(long)]
    pub xlsx: bool,
    /// Where to write it (default `observations-template.csv|xlsx`).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Writes the template.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let (bytes, default) = if args.csv {
        (pledge_sheets::template_csv(), "observations-template.csv")
    } else {
        let store = super::open_existing_store(db)?;
        let regions: Vec<String> = store.regions()?.into_iter().map(|r| r.name).collect();
        let indicators: Vec<(String, String)> = store.indicators()?.into_iter().map(|i| (i.name, i.unit)).collect();
        (
            pledge_sheets::template_xlsx(&regions, &indicators),
            "observations-template.xlsx",
        )
    };
    let out = args.out.unwrap_or_else(|| PathBuf::from(default));
    std::fs::write(&out, bytes).with_context(|| format!("{}: cannot write", out.display()))?;
    println!("{}", out.display());
    Ok(ExitCode::SUCCESS)
}
