//! `pledge segment [--json] FILE…`: the articles of each file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `pledge segment`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON array of all articles (the gold `articles.json` format).
    #[arg(long)]
    pub json: bool,
    /// Files to read (`-` for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Segments each file and prints its articles.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut all = Vec::new();
    let mut out = std::io::stdout().lock();
    for file in &args.files {
        let doc = super::read_document(file)?;
        let articles = pledge_text::segment(&doc);
        if args.json {
            all.extend(articles);
            continue;
        }
        for a in &articles {
            writeln!(out, "== {} #{}: {}", file.display(), a.article, a.full_headline())?;
            let people = [
                (!a.reporters.is_empty()).then(|| format!("记者 {}", a.reporters.join(" "))),
                (!a.correspondents.is_empty()).then(|| format!("通讯员 {}", a.correspondents.join(" "))),
                a.dateline.as_ref().map(|d| format!("本报{d}讯")),
                a.scope.as_ref().map(|s| format!("scope {s}")),
            ];
            let people: Vec<String> = people.into_iter().flatten().collect();
            if !people.is_empty() {
                writeln!(out, "   {}", people.join(" | "))?;
            }
            writeln!(out, "{}\n", a.body)?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}
