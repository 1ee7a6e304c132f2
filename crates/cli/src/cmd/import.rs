//! `pledge import FILE…`: observations from CSV (UTF-8 or GBK/GB18030) or xlsx,
//! all-or-nothing per run.

use std::path::PathBuf;
use std::process::ExitCode;

use pledge_store::{NewObservation, Source, Store};

use crate::registry::StoreRegistry;

/// Arguments of `pledge import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to import (`.csv` or `.xlsx`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Who reports these figures (default: the user running the command).
    #[arg(long)]
    pub reporter: Option<String>,
}

/// Checks every row of every file; stores nothing unless all are good.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_store(db)?;
    let reporter = args.reporter.unwrap_or_else(super::actor);
    match import_files(store.as_ref(), &args.files, &reporter)? {
        Ok(summary) => {
            println!(
                "imported {} rows: {} new, {} revised, {} unchanged",
                summary.rows, summary.inserted, summary.revised, summary.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            // A file's errors come bounded with their count line; several files (or the
            // per-row region checks) are bounded again here.
            let listed = pledge_sheets::errors::MAX_LISTED + 1;
            for e in errors.iter().take(listed) {
                eprintln!("{e}");
            }
            if errors.len() > listed {
                eprintln!("… and {} more line(s), not listed", errors.len() - listed);
            }
            eprintln!("nothing imported: the errors are listed above");
            Ok(ExitCode::from(1))
        }
    }
}

/// Reads and validates the files, then imports all their rows in one transaction. When
/// `reporter` is an account of the store, rows need no `source_url` or `quote`.
/// `Ok(Err(lines))` lists every row error when any file is refused.
pub fn import_files(
    store: &dyn Store,
    files: &[PathBuf],
    reporter: &str,
) -> anyhow::Result<Result<pledge_store::ImportSummary, Vec<String>>> {
    let registry = StoreRegistry::load(store)?;
    // A registered account reports its own figures: the account and the time recorded
    // with them are their source, so source_url and quote may be left out.
    let own = pledge_sheets::OwnFigures(&registry);
    let account = store.user(reporter)?;
    let checked: &dyn pledge_sheets::Registry = if account.is_some() { &own } else { &registry };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let bytes = super::read_bytes(file)?;
        let name = file.display().to_string();
        match pledge_sheets::read_observations(&name, &bytes, checked) {
            Ok(r) => rows.extend(r.into_iter().map(|row| (name.clone(), row))),
            Err(e) => errors.extend(e.to_string().lines().map(String::from)),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let mut news = Vec::with_capacity(rows.len());
    for (file, row) in &rows {
        let (Some(region), Some(indicator)) = (registry.region_id(&row.region), registry.indicator_id(&row.indicator))
        else {
            errors.push(format!(
                "{file}: row {}: region or indicator vanished while importing",
                row.row
            ));
            continue;
        };
        let mut new = NewObservation::new(
            region,
            indicator,
            row.observation(),
            Source::url(&row.source_url, &row.quote),
        );
        if let Some(refused) = account.as_ref().and_then(|a| outside(a, region, &row.region)) {
            errors.push(format!("{file}: row {}, column region: {refused}", row.row));
            continue;
        }
        new.indicator_text = row.indicator.clone();
        new.note = row.note.clone().unwrap_or_default();
        news.push(new);
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let bar = super::progress_bar(news.len() as u64, "importing");
    let result = store.import_observations_with_progress(&news, reporter, &|done| bar.set_position(done as u64));
    bar.finish_and_clear();
    match result {
        Ok(summary) => Ok(Ok(summary)),
        Err(pledge_store::StoreError::Import(errs)) => Ok(Err(errs
            .iter()
            .map(|e| match rows.get(e.row) {
                Some((file, row)) => format!("{file}: row {}, column {}: {}", row.row, e.field, e.message),
                None => format!("row {}, column {}: {}", e.row, e.field, e.message),
            })
            .collect())),
        Err(e) => Err(e.into()),
    }
}

/// Why `account` may not report a figure of `region` (named `name`), if it may not: a
/// viewer reports nothing, and an account confined to regions reports only for them, as
/// through the API and the form.
fn outside(account: &pledge_store::User, region: pledge_store::RegionId, name: &str) -> Option<String> {
    if account.role == pledge_store::Role::Viewer {
        return Some(format!("{} is a viewer and may not report figures", account.name));
    }
    match account.confinement() {
        Some(mine) if !mine.contains(&region) => Some(format!(
            "{name} is outside the regions of {}; {} may report for its assigned regions only",
            account.name, account.name
        )),
        _ => None,
    }
}
