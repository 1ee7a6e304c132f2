//! `pledge normalize FILE`: print the normalized text.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `pledge normalize`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to read (`-` for standard input).
    pub file: PathBuf,
}

/// Prints the normalized text of one file, paragraphs on their own lines.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let doc = super::read_document(&args.file)?;
    let mut out = std::io::stdout().lock();
    out.write_all(doc.norm.text.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(ExitCode::SUCCESS)
}
