//! `pledge user …`: accounts, API tokens and the audit log.
//!
//! Whoever can open the database with `--db` is its administrator (the commands act as
//! `$PLEDGE_USER`/`$USER` in the audit log); the web server enforces roles for everyone
//! else. Passwords and tokens are printed once, when made, and stored only hashed.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pledge_store::{AuditFilter, NewToken, NewUser, Role, Store};

/// Arguments of `pledge user`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Create an account; the password is asked for on a terminal, read with
    /// --password-stdin, or else generated and printed once.
    Add {
        /// The login name.
        name: String,
        /// admin (users, plans), analyst (targets, review, all data), reporter
        /// (observations of its regions and departments), viewer (read).
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A region the account is assigned to (repeatable).
        #[arg(long = "region")]
        regions: Vec<String>,
        /// A department the account is assigned to (repeatable).
        #[arg(long = "department")]
        departments: Vec<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Disable an account: its sessions and tokens stop working at once.
    Disable {
        /// The login name.
        name: String,
        /// Enable it again instead.
        #[arg(long)]
        enable: bool,
    },
    /// Issue an API token; the token is the last word of the last line printed.
    Token {
        /// The account it acts as.
        name: String,
        /// What it is for.
        #[arg(long = "name", id = "label", default_value = "")]
        label: String,
        /// A lower role than the account's.
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// Confine it to a region (repeatable; within the account's).
        #[arg(long = "region")]
        regions: Vec<String>,
    },
    /// List API tokens (never their secrets) of one account or all.
    Tokens {
        /// Only this account's.
        name: Option<String>,
    },
    /// Revoke an API token by id: refused from the next request on.
    Revoke {
        /// The token id (`pledge user tokens`).
        id: i64,
    },
    /// Export the audit log (who, when, what, before and after).
    Audit {
        /// json, csv or xlsx.
        #[arg(long, default_value = "json")]
        format: String,
        /// Write to this file (default: standard output, json and csv only).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Only entries about this table (observations, users…).
        #[arg(long)]
        entity: Option<String>,
        /// Only entries by this account.
        #[arg(long)]
        actor: Option<String>,
        /// At most this many, newest first.
        #[arg(long)]
        limit: Option<usize>,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| format!("{text:?}: roles are admin, analyst, reporter, viewer"))
}

/// Region names → ids, or an error naming the unknown one.
fn region_ids(store: &dyn Store, names: &[String]) -> anyhow::Result<Vec<i64>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let registry = crate::registry::StoreRegistry::load(store)?;
    names
        .iter()
        .map(|n| registry.region_id(n).with_context(|| format!("{n}: no such region")))
        .collect()
}

/// Reads a password without echo on a terminal (via `stty`), asking twice.
fn ask_password() -> anyhow::Result<String> {
    let stty = |arg: &str| {
        std::process::Command::new("stty")
            .arg(arg)
            .stdin(std::process::Stdio::inherit())
            .status()
    };
    let read = |prompt: &str| -> anyhow::Result<String> {
        eprint!("{prompt}");
        std::io::stderr().flush()?;
        let _ = stty("-echo");
        let mut line = String::new();
        let result = std::io::stdin().lock().read_line(&mut line);
        let _ = stty("echo");
        eprintln!();
        result?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    };
    let first = read("password: ")?;
    let again = read("again: ")?;
    anyhow::ensure!(first == again, "the passwords differ");
    Ok(first)
}

/// A random password of 24 hex digits (96 bits).
fn generate_password() -> String {
    pledge_web::auth::session::random_secret().expose()[..24].to_owned()
}

/// Runs `pledge user`.
pub fn run(args: Args, db: &str) -> anyhow::Result<ExitCode> {
    let store = super::open_store(db)?;
    let s = store.as_ref();
    let actor = super::actor();
    let mut out = std::io::stdout().lock();
    match args.command {
        Command::Add {
            name,
            role,
            regions,
            departments,
            password_stdin,
        } => {
            let new = NewUser {
                name: name.clone(),
                role,
                regions: region_ids(s, &regions)?,
                departments,
            };
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else if std::io::stdin().is_terminal() {
                (ask_password()?, false)
            } else {
                (generate_password(), true)
            };
            let id = s.create_user(&new, &password, &actor)?;
            writeln!(out, "created {} account {name} (id {id})", role.as_str())?;
            if generated {
                writeln!(out, "password (shown once): {password}")?;
            }
        }
        Command::List => {
            let regions = s.regions()?;
            let region = |id: &i64| {
                regions
                    .iter()
                    .find(|r| r.id == *id)
                    .map_or_else(|| format!("#{id}"), |r| r.name.clone())
            };
            for u in s.users()? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    u.name,
                    u.role.as_str(),
                    u.regions.iter().map(region).collect::<Vec<_>>().join(","),
                    u.departments.join(","),
                    if u.disabled { "disabled" } else { "enabled" }
                )?;
            }
        }
        Command::Disable { name, enable } => {
            s.set_user_disabled(&name, !enable, &actor)?;
            writeln!(out, "{name} {}", if enable { "enabled" } else { "disabled" })?;
        }
        Command::Token {
            name,
            label,
            role,
            regions,
        } => {
            let new = NewToken {
                name: label,
                role,
                regions: region_ids(s, &regions)?,
            };
            let issued = s.create_token(&name, &new, &actor)?;
            writeln!(
                out,
                "token {} for {name} ({}); shown once, send it as Authorization: Bearer TOKEN",
                issued.token.id,
                issued.token.role.as_str()
            )?;
            writeln!(out, "{}", issued.secret.expose())?;
        }
        Command::Tokens { name } => {
            for t in s.tokens(name.as_deref())? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\tcreated {}\tlast used {}\t{}",
                    t.id,
                    t.user_name,
                    t.name,
                    t.role.as_str(),
                    t.created_at,
                    t.last_used_at.as_deref().unwrap_or("never"),
                    t.revoked_at
                        .as_ref()
                        .map_or("active".to_owned(), |r| format!("revoked {r}"))
                )?;
            }
        }
        Command::Revoke { id } => {
            s.revoke_token(id, &actor)?;
            writeln!(out, "token {id} revoked")?;
        }
        Command::Audit {
            format,
            out: file,
            entity,
            actor: by,
            limit,
        } => {
            let format = pledge_sheets::Format::parse(&format)
                .with_context(|| format!("{format}: formats are json, csv and xlsx"))?;
            let filter = AuditFilter {
                entity,
                entity_id: None,
                actor: by,
                limit,
            };
            let entries = pledge_web::views::audit::entries(s, &filter).map_err(|e| anyhow::anyhow!("{e}"))?;
            let bytes = pledge_web::views::audit::export(&entries, format);
            match file {
                Some(path) => {
                    std::fs::write(&path, bytes).with_context(|| format!("{}: cannot write", path.display()))?;
                    eprintln!("{} audit entries → {}", entries.len(), path.display());
                }
                None if format == pledge_sheets::Format::Xlsx => anyhow::bail!("xlsx needs --out FILE"),
                None => out.write_all(&bytes)?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
