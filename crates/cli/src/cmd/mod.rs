//! One module per subcommand; each exposes `Args` (clap) and `run`.

pub mod assess;
pub mod demo;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod init;
pub mod normalize;
pub mod plan;
pub mod review;
pub mod segment;
pub mod serve;
pub mod template;
pub mod user;

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use pledge_store::Store;

/// Reads a file (or standard input for `-`) as raw bytes.
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    }
    Ok(bytes)
}

/// Reads, decodes and normalizes a file; decoding errors name the file and offset.
pub fn read_document(path: &Path) -> anyhow::Result<pledge_text::Document> {
    let bytes = read_bytes(path)?;
    pledge_text::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Opens a database that must exist already: the commands that only read or manage one
/// (`assess`, `export`, `review`, `plan`, `serve`, `template --xlsx`) refuse an
/// SQLite path with no file, so that `--db typo.db` is an error and not an empty
/// database that answers `0 targets`. Only `init`, `demo`, `import`, `ingest` and `user`
/// (an admin bootstrapping the first account) create
/// ([`open_store`]). A PostgreSQL URL is opened as it is (the server says if it is absent).
pub fn open_existing_store(db: &str) -> anyhow::Result<Box<dyn Store>> {
    let postgres = db.starts_with("postgres://") || db.starts_with("postgresql://");
    let path = db.strip_prefix("sqlite://").unwrap_or(db);
    if !postgres && !Path::new(path).exists() {
        anyhow::bail!(
            "{path}: no such database; create one with `pledge --db {path} init` (or `import`, `ingest`), \
             or give the right --db or PLEDGE_DB"
        );
    }
    open_store(db)
}

/// Opens the database (creating it), and seeds a new one with China's regions and the
/// starter indicator library.
pub fn open_store(db: &str) -> anyhow::Result<Box<dyn Store>> {
    let store = pledge_store::open(db).with_context(|| format!("opening the database {db}"))?;
    if store.counts()?.regions == 0 {
        seed(store.as_ref())?;
    }
    Ok(store)
}

/// Loads the gazetteer's regions and the starter indicator library.
pub fn seed(store: &dyn Store) -> anyhow::Result<()> {
    store
        .upsert_regions(&pledge_store::gazetteer_regions(), "system")
        .context("loading regions")?;
    store
        .upsert_indicators(&pledge_store::starter_indicators(), "system")
        .context("loading indicators")?;
    Ok(())
}

/// Who is acting, for the audit log: `$PLEDGE_USER`, else `$USER`, else `cli`.
pub fn actor() -> String {
    std::env::var("PLEDGE_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "cli".into())
}

/// A progress bar on standard error (hidden when it is not a terminal).
pub fn progress_bar(len: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({per_sec}, {eta})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}
