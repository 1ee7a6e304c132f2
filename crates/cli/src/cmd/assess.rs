//! `pledge assess`: batch assessment of JSON Lines (`--input`), or the database scoreboard.

use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `pledge assess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Assess the targets of a JSON Lines file (`-` = standard input), one result per line
    /// on standard output (`spec/assess-io.md`); without it, print the database scoreboard.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Scoreboard as JSON instead of a table (database mode; used once the store is built).
    // TODO(store): the scoreboard of the database reads this; batch mode ignores it.
    #[arg(long)]
    pub json: bool,
}

/// Runs `pledge assess`: exit status 1 when any input line was answered with an error.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(input) = args.input else {
        // TODO(store): the scoreboard of the database (`pledge assess [--json]`) is added
        // with the store; until then only the batch mode exists.
        anyhow::bail!(
            "`pledge assess` without `--input` prints the database scoreboard, which needs the store (not built yet); use `pledge assess --input FILE|-`"
        );
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let summary = if input.as_os_str() == "-" {
        let stdin = std::io::stdin();
        pledge_assess::batch::run(stdin.lock(), &mut out)
    } else {
        let file = std::fs::File::open(&input).with_context(|| format!("{}: cannot open", input.display()))?;
        pledge_assess::batch::run(BufReader::new(file), &mut out)
    }
    .with_context(|| format!("assessing {}", input.display()))?;
    out.flush().context("writing standard output")?;
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
