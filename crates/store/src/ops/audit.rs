//! Reading the audit log (writing is [`super::write_audit`]).

use crate::sql::{Db, p};
use crate::{AuditEntry, AuditFilter, Result};

/// Parses stored JSON, keeping unparsable text as a JSON string rather than failing.
fn json(text: Option<String>) -> Option<serde_json::Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
}

/// Audit entries, newest first.
pub(crate) fn list(c: &mut dyn Db, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    // A parameter rather than spliced text, so every limit shares one prepared statement.
    let limit = f.limit.map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX));
    c.query(
        "reading the audit log",
        "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit \
         WHERE (CAST(?1 AS TEXT) IS NULL OR entity = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR entity_id = ?2) \
         AND (CAST(?3 AS TEXT) IS NULL OR actor = ?3) ORDER BY id DESC LIMIT ?4",
        p![f.entity.as_ref(), f.entity_id, f.actor.as_ref(), limit],
    )?
    .into_iter()
    .map(|r| {
        Ok(AuditEntry {
            id: r.i64(0)?,
            at: r.text(1)?,
            actor: r.text(2)?,
            action: r.text(3)?,
            entity: r.text(4)?,
            entity_id: r.opt_i64(5)?,
            before: json(r.opt_text(6)?),
            after: json(r.opt_text(7)?),
        })
    })
    .collect()
}
