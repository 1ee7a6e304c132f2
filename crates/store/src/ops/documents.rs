//! Documents.

use super::write_audit;
use crate::sql::{Db, Row, p};
use crate::{Added, Document, DocumentId, DocumentInfo, DocumentKind, NewDocument, Result, StoreError};

/// Columns read by [`info`].
const COLS: &str = "id, sha256, name, title, kind, doc_date, source_url, byte_len, added_at, added_by";

/// Reads a document row without its text.
fn info(r: &Row) -> Result<DocumentInfo> {
    Ok(DocumentInfo {
        id: r.i64(0)?,
        sha256: r.text(1)?,
        name: r.text(2)?,
        title: r.text(3)?,
        kind: r.code(4, "document kind", DocumentKind::parse)?,
        date: r.opt_text(5)?,
        source_url: r.text(6)?,
        byte_len: r.usize(7)?,
        added_at: r.text(8)?,
        added_by: r.text(9)?,
    })
}

/// Reads a document row with its text (column 10).
fn document(r: &Row) -> Result<Document> {
    Ok(Document {
        info: info(r)?,
        text: r.text(10)?,
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

/// The document with this id.
pub(crate) fn get_by_id(c: &mut dyn Db, id: DocumentId) -> Result<Option<Document>> {
    c.query_opt(
        "reading a document",
        &format!("SELECT {COLS}, body FROM documents WHERE id = ?1"),
        p![id],
    )?
    .as_ref()
    .map(document)
    .transpose()
}

/// The document with this (lowercase) SHA-256.
pub(crate) fn get_by_sha256(c: &mut dyn Db, sha256: &str) -> Result<Option<Document>> {
    c.query_opt(
        "reading a document",
        &format!("SELECT {COLS}, body FROM documents WHERE sha256 = ?1"),
        p![sha256],
    )?
    .as_ref()
    .map(document)
    .transpose()
}

/// Every document without texts.
pub(crate) fn all(c: &mut dyn Db) -> Result<Vec<DocumentInfo>> {
    c.query(
        "listing documents",
        &format!("SELECT {COLS} FROM documents ORDER BY id"),
        p![],
    )?
    .iter()
    .map(info)
    .collect()
}

/// Stores a document unless its hash is known.
pub(crate) fn add(c: &mut dyn Db, doc: &NewDocument, actor: &str) -> Result<Added<DocumentId>> {
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
    crate::Source::check_url(&doc.source_url).map_err(|message| StoreError::Invalid(format!("document {message}")))?;
    let existing = c.query_opt(
        "looking up a document",
        "SELECT id FROM documents WHERE sha256 = ?1",
        p![&sha],
    )?;
    if let Some(r) = existing {
        return Ok(Added {
            id: r.i64(0)?,
            created: false,
        });
    }
    let id = c.insert(
        "inserting a document",
        "INSERT INTO documents (sha256, name, title, kind, doc_date, source_url, byte_len, body, added_at, added_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        p![
            &sha,
            &doc.name,
            &doc.title,
            doc.kind.as_str(),
            doc.date.as_ref(),
            &doc.source_url,
            doc.byte_len,
            &doc.text,
            crate::time::now().as_str(),
            actor
        ],
    )?;
    let after = get_by_id(c, id)?.map(|d| d.info);
    write_audit(c, actor, "insert", "documents", Some(id), None, Some(&after))?;
    Ok(Added { id, created: true })
}
