//! The audit log as admins see and export it: who, when, what, before and after.
//!
//! The store never writes a password, hash, token or session id into an audit entry;
//! [`redact`] is a second line of defence that masks any field whose name says it holds
//! one, so that a future store change cannot leak one through the admin pages or exports.

use pledge_store::{AuditEntry, AuditFilter, Store};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;

/// Columns of the audit export.
pub const COLUMNS: [&str; 8] = ["id", "at", "actor", "action", "entity", "entity_id", "before", "after"];

/// Query of the audit routes (`GET /api/audit`, `GET /admin/audit`).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct AuditQuery {
    /// Only entries about this table (`observations`, `users`…).
    pub entity: Option<String>,
    /// Only entries about this row.
    pub entity_id: Option<i64>,
    /// Only entries by this account.
    pub actor: Option<String>,
    /// At most this many (default 500 for pages and JSON, all for files).
    pub limit: Option<usize>,
    /// `json` (default), `csv` or `xlsx` (API only: a download instead of the list).
    pub format: Option<String>,
}

impl AuditQuery {
    /// The store's filter, with `limit` when the query gives none.
    pub fn filter(&self, default_limit: Option<usize>) -> AuditFilter {
        let text = |s: &Option<String>| s.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        AuditFilter {
            entity: text(&self.entity),
            entity_id: self.entity_id,
            actor: text(&self.actor),
            limit: self.limit.or(default_limit),
        }
    }
}

/// Whether a field name says it holds a credential.
fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("password")
        || k.ends_with("_hash")
        || k == "hash"
        || k.contains("secret")
        || k.contains("csrf")
        || k == "session_id"
        || k == "plaintext"
}

/// Masks every field of `value` (at any depth) whose name says it holds a credential.
pub fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) {
                    *v = Value::String("***".into());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// The audit entries a filter selects, redacted.
pub fn entries(store: &dyn Store, filter: &AuditFilter) -> Result<Vec<AuditEntry>, ApiError> {
    let mut entries = store.audit(filter)?;
    for e in &mut entries {
        if let Some(v) = e.before.as_mut() {
            redact(v);
        }
        if let Some(v) = e.after.as_mut() {
            redact(v);
        }
    }
    Ok(entries)
}

/// An entry's before/after as compact JSON text ("" when absent).
pub fn json_text(value: &Option<Value>) -> String {
    value.as_ref().map(Value::to_string).unwrap_or_default()
}

/// The export rows of entries.
pub fn rows(entries: &[AuditEntry]) -> Vec<Vec<Value>> {
    entries
        .iter()
        .map(|e| {
            vec![
                json!(e.id),
                json!(e.at),
                json!(e.actor),
                json!(e.action),
                json!(e.entity),
                json!(e.entity_id),
                json!(json_text(&e.before)),
                json!(json_text(&e.after)),
            ]
        })
        .collect()
}

/// An export file of entries.
pub fn export(entries: &[AuditEntry], format: pledge_sheets::Format) -> Vec<u8> {
    pledge_sheets::write_table(format, &COLUMNS, &rows(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_masked_at_any_depth() {
        let mut v = json!({"name": "a", "password_hash": "$argon2id$x", "tokens": [{"secret": "pledge_1", "id": 3}],
                           "sha256": "abc", "csrf_token": "t"});
        redact(&mut v);
        assert_eq!(v["password_hash"], "***");
        assert_eq!(v["tokens"][0]["secret"], "***");
        assert_eq!(v["tokens"][0]["id"], 3);
        assert_eq!(v["sha256"], "abc", "a document's checksum is not a credential");
        assert_eq!(v["csrf_token"], "***");
    }
}
