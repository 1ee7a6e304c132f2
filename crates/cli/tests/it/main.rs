//! End-to-end tests of the `pledge` binary: one binary, one module per command family.

mod accounts;
mod board;
mod data;
mod text;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `pledge` with arguments in a directory; returns its output.
pub fn pledge(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pledge"))
        .args(args)
        .current_dir(dir)
        .env_remove("PLEDGE_DB")
        .env("NO_COLOR", "1")
        .output()
        .expect("pledge runs")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
