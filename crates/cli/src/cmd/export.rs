//! `pledge export --what facts|targets|observations|scoreboard --format json|csv|xlsx --out FILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pledge_sheets::Format;

/// What to export.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Every extracted fact with its review state.
    Facts,
    /// Every target.
    Targets,
    /// Every current observation.
    Observations,
    /// The assessed scoreboard.
    Scoreboard,
}

impl What {
    fn name(self) -> &'static str {
        match self {
            What::Facts => "facts",
            What::Targets => "targets",
            What::Observations => "observations",
            What::Scoreboard => "scoreboard",
        }
    }
}

/// Arguments of `pledge export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(long, value_enum)]
    pub what: What,
    /// `json` (one array of objects), `csv` (UTF-8 with BOM) or `xlsx`.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Writes the export: the same tables as the dashboard's downloads.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let format = Format::parse(&args.format)
        .with_context(|| format!("--format {:?}: expected json, csv or xlsx", args.format))?;
    let store = super::open_store(db)?;
    let (columns, rows) =
        pledge_web::api::export::table(store.as_ref(), args.what.name(), &super::assess::options_as_of(None))?;
    let bytes = pledge_sheets::write_table(format, columns, &rows);
    std::fs::write(&args.out, bytes).with_context(|| format!("{}: cannot write", args.out.display()))?;
    println!("{}: {} rows", args.out.display(), rows.len());
    Ok(ExitCode::SUCCESS)
}
