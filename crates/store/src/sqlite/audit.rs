//! Reading the audit log in SQLite (writing is [`super::write_audit`]).

use rusqlite::{Connection, params};

use super::Ctx;
use crate::{AuditEntry, AuditFilter, Result};

/// Parses stored JSON, keeping unparsable text as a JSON string rather than failing.
fn json(text: Option<String>) -> Option<serde_json::Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
}

/// Audit entries, newest first.
pub(super) fn list(c: &Connection, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let limit = f.limit.map_or(-1, |l| l as i64);
    let mut st = c
        .prepare_cached(
            "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit \
             WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2) \
             AND (?3 IS NULL OR actor = ?3) ORDER BY id DESC LIMIT ?4",
        )
        .ctx("reading the audit log")?;
    st.query_map(params![f.entity, f.entity_id, f.actor, limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: json(r.get(6)?),
            after: json(r.get(7)?),
        })
    })
    .ctx("reading the audit log")?
    .collect::<rusqlite::Result<Vec<_>>>()
    .ctx("reading the audit log")
}
