//! `pledge export --what facts|targets|observations|scoreboard --format json|csv|xlsx --out FILE
//! [--force] [--as-of YYYY-MM-DD]`.

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
    /// The file to write; an existing file is refused unless `--force`.
    #[arg(long)]
    pub out: PathBuf,
    /// Write over `--out` when it exists.
    #[arg(long)]
    pub force: bool,
    /// Assess the scoreboard as of this day (YYYY-MM-DD; default today), as
    /// `pledge assess --as-of` does: later figures are left out, unreported targets past
    /// their publication lag are OVERDUE, verdicts on old figures are stale. Scoreboard only.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::assess::parse_day)]
    pub as_of: Option<pledge_assess::Date>,
}

/// Writes `bytes` to `out`, refusing an existing file (a database, another export) unless
/// `force`: `--out prod.db` by a slip of the hand must not replace the live database.
fn write_new(out: &std::path::Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(out) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{}: the file exists; pledge export does not write over a file (it may be a database \
             or another export) unless told: pass --force to replace it, or choose another --out",
            out.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("{}: cannot write", out.display())),
    };
    file.write_all(bytes)
        .with_context(|| format!("{}: cannot write", out.display()))
}

/// Writes the export: the same tables as the dashboard's downloads (the scoreboard in
/// csv and xlsx as the meeting report, Chinese headers and words).
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let format = Format::parse(&args.format)
        .with_context(|| format!("--format {:?}: expected json, csv or xlsx", args.format))?;
    if args.as_of.is_some() && !matches!(args.what, What::Scoreboard) {
        anyhow::bail!(
            "--as-of: only the scoreboard is assessed as of a day; --what {} holds no assessment",
            args.what.name()
        );
    }
    let store = super::open_existing_store(db)?;
    let (bytes, rows) = pledge_web::api::export::export_bytes(
        store.as_ref(),
        args.what.name(),
        format,
        &super::assess::options_as_of(args.as_of),
        &Default::default(),
    )?;
    write_new(&args.out, &bytes, args.force)?;
    println!("{}: {} rows", args.out.display(), rows);
    Ok(ExitCode::SUCCESS)
}
