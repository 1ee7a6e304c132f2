//! Documents in SQLite.

use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::{Ctx, code, write_audit};
use crate::{Added, Document, DocumentId, DocumentInfo, DocumentKind, NewDocument, Result, StoreError};

/// Columns read by [`info`].
const COLS: &str = "id, sha256, name, title, kind, doc_date, source_url, byte_len, added_at, added_by";

/// Reads a document row without its text.
fn info(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentInfo> {
    Ok(DocumentInfo {
        id: r.get(0)?,
        sha256: r.get(1)?,
        name: r.get(2)?,
        title: r.get(3)?,
        kind: code(r, 4, "document kind", DocumentKind::parse)?,
        date: r.get(5)?,
        source_url: r.get(6)?,
        byte_len: r.get::<_, i64>(7)? as usize,
        added_at: r.get(8)?,
        added_by: r.get(9)?,
    })
}

/// True for `YYYY-MM-DD` with a plausible month and day.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// The document whose `column` (`id` or `sha256`) equals `value`.
pub(super) fn get(c: &Connection, column: &str, value: &dyn ToSql) -> Result<Option<Document>> {
    debug_assert!(column == "id" || column == "sha256");
    c.prepare_cached(&format!("SELECT {COLS}, body FROM documents WHERE {column} = ?1"))
        .and_then(|mut st| {
            st.query_row([value], |r| {
                Ok(Document {
                    info: info(r)?,
                    text: r.get(10)?,
                })
            })
            .optional()
        })
        .ctx("reading a document")
}

/// Every document without texts.
pub(super) fn all(c: &Connection) -> Result<Vec<DocumentInfo>> {
    let mut st = c
        .prepare_cached(&format!("SELECT {COLS} FROM documents ORDER BY id"))
        .ctx("listing documents")?;
    st.query_map([], info)
        .ctx("listing documents")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("listing documents")
}

/// Stores a document unless its hash is known.
pub(super) fn add(c: &Connection, doc: &NewDocument, actor: &str) -> Result<Added<DocumentId>> {
    let sha = doc.sha256.trim().to_ascii_lowercase();
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(StoreError::Invalid(format!(
            "document sha256 must be 64 hex digits, got {:?}",
            doc.sha256
        )));
    }
    if let Some(date) = &doc.date {
        if !is_date(date) {
            return Err(StoreError::Invalid(format!(
                "document date must be YYYY-MM-DD, got {date:?}"
            )));
        }
    }
    let existing: Option<i64> = c
        .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")
        .and_then(|mut st| st.query_row([&sha], |r| r.get(0)).optional())
        .ctx("looking up a document")?;
    if let Some(id) = existing {
        return Ok(Added { id, created: false });
    }
    c.prepare_cached(
        "INSERT INTO documents (sha256, name, title, kind, doc_date, source_url, byte_len, body, added_at, added_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut st| {
        st.execute(params![
            sha,
            doc.name,
            doc.title,
            doc.kind.as_str(),
            doc.date,
            doc.source_url,
            doc.byte_len as i64,
            doc.text,
            crate::time::now(),
            actor
        ])
    })
    .ctx("inserting a document")?;
    let id = c.last_insert_rowid();
    let after = get(c, "id", &id)?.map(|d| d.info);
    write_audit(c, actor, "insert", "documents", Some(id), None, Some(&after))?;
    Ok(Added { id, created: true })
}
