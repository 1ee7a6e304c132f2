//! The audit log: every write, who made it, when, and the row before and after.

use serde::{Deserialize, Serialize};

use crate::AuditId;

/// One audit entry. The log is append-only (the schema refuses updates and deletes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Row id (increasing with time).
    pub id: AuditId,
    /// When (UTC).
    pub at: String,
    /// Who (the account name; `system` for seeding, `demo` for the demo).
    pub actor: String,
    /// What was done: `insert`, `update`, `delete`, `revise`, `import`, `accept`, `reject`,
    /// `upsert`.
    pub action: String,
    /// The table written (`targets`, `observations`…).
    pub entity: String,
    /// The row written, when the action is about one row.
    pub entity_id: Option<i64>,
    /// The row before, as JSON.
    pub before: Option<serde_json::Value>,
    /// The row after (or a summary, for bulk actions), as JSON.
    pub after: Option<serde_json::Value>,
}

/// Which audit entries to list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only entries about this table.
    pub entity: Option<String>,
    /// Only entries about this row (with `entity`).
    pub entity_id: Option<i64>,
    /// Only entries by this actor.
    pub actor: Option<String>,
    /// At most this many entries (`None` = all).
    pub limit: Option<usize>,
}
