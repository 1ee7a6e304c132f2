//! One module per subcommand; each exposes `Args` (clap) and `run`.

pub mod assess;
pub mod extract;
pub mod normalize;
pub mod segment;

use std::io::Read;
use std::path::Path;

use anyhow::Context;

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
