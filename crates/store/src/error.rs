//! What can go wrong in the store, named so that a message tells what failed.

use serde::Serialize;

/// Shorthand for results of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Why a store operation failed.
///
/// The variants are backend-neutral (no rusqlite or PostgreSQL types leak out), so callers
/// match on them the same way whichever database is behind the [`Store`](crate::Store).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database URL is not one pledge understands.
    #[error("unsupported database URL {url:?}: {reason}")]
    Url {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A `postgres://` URL was given to a build without the PostgreSQL backend (kept for
    /// callers that match on it; this build has the backend and never returns it).
    #[error("PostgreSQL backend not built yet (cannot open {url}); use a file path or sqlite://PATH")]
    PostgresNotBuilt {
        /// The URL as given, with any password masked.
        url: String,
    },
    /// The database could not be opened or configured.
    #[error("cannot open database {path}: {message}")]
    Open {
        /// The path or URL.
        path: String,
        /// What the database said.
        message: String,
    },
    /// Applying an embedded migration failed; the database keeps its previous version.
    #[error("migration {version} ({name}) failed: {message}")]
    Migration {
        /// The migration's version number.
        version: i64,
        /// The migration's name.
        name: String,
        /// What the database said.
        message: String,
    },
    /// The database was written by a newer pledge whose schema this build does not know.
    #[error("database schema version {found} is newer than this build of pledge knows ({known})")]
    SchemaTooNew {
        /// The version found in the database.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A row the operation needs does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// The kind of row (`region`, `target`…).
        entity: &'static str,
        /// Its id.
        id: i64,
    },
    /// A row named by the caller (a user name…) does not exist.
    #[error("no {entity} named {name:?}")]
    UnknownName {
        /// The kind of row (`user`…).
        entity: &'static str,
        /// The name given.
        name: String,
    },
    /// The row would duplicate one that exists (same unique key).
    #[error("{entity} already exists: {key}")]
    Duplicate {
        /// The kind of row.
        entity: &'static str,
        /// The key that collided, for people.
        key: String,
    },
    /// A constraint of the schema refused the write (a reference to a missing row, a
    /// value out of range); nothing was written.
    #[error("{what} refused by the database: {message}")]
    Constraint {
        /// The operation that failed.
        what: &'static str,
        /// What the database said.
        message: String,
    },
    /// The request is not valid in the current state (reviewing an accepted fact twice…)
    /// or has invalid values; nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// An import was refused as a whole: every row error found is listed; nothing was written.
    #[error("import refused, nothing written: {} error(s); first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Import(Vec<RowError>),
    /// A stored value could not be read back (an unknown enumeration code, bad JSON).
    #[error("corrupt stored data in {what}: {message}")]
    Corrupt {
        /// Where it was found.
        what: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Any other database failure, with the operation that hit it.
    #[error("{what} failed: {message}")]
    Backend {
        /// The operation that failed.
        what: &'static str,
        /// What the database said.
        message: String,
    },
}

/// One problem with one input row of [`Store::import_observations`](crate::Store::import_observations).
///
/// `row` is the 0-based index into the slice given to the store; the CLI maps it to the
/// row number a spreadsheet shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("row {row}, {field}: {message}")]
pub struct RowError {
    /// 0-based index of the row in the input slice.
    pub row: usize,
    /// The field (import column) at fault: `region`, `indicator`, `value`, `key`…
    pub field: String,
    /// What is wrong, for people.
    pub message: String,
}

impl RowError {
    /// Builds a row error.
    pub fn new(row: usize, field: &str, message: impl Into<String>) -> RowError {
        RowError {
            row,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}
