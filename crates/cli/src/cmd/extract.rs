//! `pledge extract [--date YYYY-MM-DD] [--doc ID] [--place NAME] [--format jsonl|table] FILE…` and the
//! corpus mode `pledge extract --jsonl FILE`.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use pledge_extract::{Date, Extractor, Lexicon, Options};
use pledge_model::Fact;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line (`spec/facts.md`).
    Jsonl,
    /// Aligned columns for people.
    Table,
}

/// Arguments of `pledge extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The documents' date: resolves 今年/去年/明年 and the year of undated facts.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// The documents' place when their text names none (a region or an organization).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// The documents' id (default: each file's stem).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// A folder of word lists extending the embedded ones (same file names as
    /// `crates/extract/data/`).
    #[arg(long, value_name = "DIR", env = "PLEDGE_LEXICON")]
    pub lexicon: Option<PathBuf>,
    /// Corpus mode: FILE holds JSON Lines `{"id","text","date"?,"place"?}`; uses every core.
    #[arg(long)]
    pub jsonl: bool,
    /// Threads for corpus mode (default: every core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Files to read (`-` for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

fn stem(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".into();
    }
    path.file_stem()
        .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

/// Runs `pledge extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = match &args.lexicon {
        Some(dir) if !dir.as_os_str().is_empty() => Lexicon::from_dir(dir)?,
        _ => Lexicon::embedded(),
    };
    let extractor = Extractor::new(lexicon);
    if args.jsonl {
        return corpus(&extractor, &args);
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for file in &args.files {
        let doc = super::read_document(file)?;
        let articles = pledge_text::segment(&doc);
        let opts = Options {
            doc_id: args.doc.clone().unwrap_or_else(|| stem(file)),
            date: args.date,
            place: args.place.clone(),
        };
        let facts = extractor.document(&doc, &articles, &opts);
        match args.format {
            Format::Jsonl => {
                for f in &facts {
                    serde_json::to_writer(&mut out, f)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Table => table(&mut out, &facts)?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn table(out: &mut impl Write, facts: &[Fact]) -> anyhow::Result<()> {
    writeln!(
        out,
        "art kind    scope            year  measure   dir  bound value           unit       indicator"
    )?;
    for f in facts {
        let dir = match f.direction {
            Some(pledge_model::Direction::Up) => "up",
            Some(pledge_model::Direction::Down) => "down",
            None => "",
        };
        let kind = serde_json::to_value(f.kind)?;
        let measure = serde_json::to_value(f.measure)?;
        let bound = serde_json::to_value(f.bound)?;
        let value = match f.value_max {
            Some(m) => format!("{}-{}", f.value, m),
            None => f.value.to_string(),
        };
        let year = match (&f.year, &f.period) {
            (Some(y), Some(p)) => format!("{y} {p}"),
            (Some(y), None) => y.to_string(),
            _ => "-".into(),
        };
        writeln!(
            out,
            "{:<3} {:<7} {:<16} {:<5} {:<9} {:<4} {:<5} {:<15} {:<10} {}",
            f.article,
            kind.as_str().unwrap_or(""),
            f.scope,
            year,
            measure.as_str().unwrap_or(""),
            dir,
            bound.as_str().unwrap_or(""),
            value,
            f.unit,
            f.indicator
        )?;
    }
    Ok(())
}

fn corpus(extractor: &Extractor, args: &Args) -> anyhow::Result<ExitCode> {
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting threads")?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for file in &args.files {
        let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin().lock()))
        } else {
            let f = std::fs::File::open(file).with_context(|| format!("{}: cannot read", file.display()))?;
            Box::new(BufReader::new(f))
        };
        let name = file.display().to_string();
        let summary = pledge_extract::corpus::run(extractor, input, &mut out, Default::default(), Some(&pool), |e| {
            eprintln!("pledge extract: {name}: {e}");
        })?;
        bad += summary.bad_lines;
    }
    out.flush()?;
    Ok(if bad > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
