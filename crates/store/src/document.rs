//! Documents: the texts facts were extracted from, deduplicated by the hash of their bytes.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::DocumentId;

/// What sort of publication a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A plan or programme (规划, 实施方案).
    Plan,
    /// A newspaper page or news article.
    News,
    /// A statistical bulletin (统计公报).
    Bulletin,
    /// A web page of another sort.
    Web,
    /// Anything else.
    Other,
}

impl DocumentKind {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Plan => "plan",
            DocumentKind::News => "news",
            DocumentKind::Bulletin => "bulletin",
            DocumentKind::Web => "web",
            DocumentKind::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<DocumentKind> {
        Some(match code {
            "plan" => DocumentKind::Plan,
            "news" => DocumentKind::News,
            "bulletin" => DocumentKind::Bulletin,
            "web" => DocumentKind::Web,
            "other" => DocumentKind::Other,
            _ => return None,
        })
    }
}

/// The lowercase hex SHA-256 of `bytes`: how documents are recognised when ingested twice.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A stored document without its text (for listings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Row id.
    pub id: DocumentId,
    /// SHA-256 of the original bytes, lowercase hex.
    pub sha256: String,
    /// The name facts use for it (their `doc` field: the file stem unless given).
    pub name: String,
    /// Its title.
    pub title: String,
    /// What sort of publication it is.
    pub kind: DocumentKind,
    /// Its publication date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Where it was published ('' when unknown).
    pub source_url: String,
    /// Size of the original bytes.
    pub byte_len: usize,
    /// When it was stored (UTC).
    pub added_at: String,
    /// Who stored it.
    pub added_by: String,
}

/// A stored document with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Everything but the text.
    #[serde(flatten)]
    pub info: DocumentInfo,
    /// The decoded text (spans of facts point into the original bytes, not into this).
    pub text: String,
}

/// A document to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDocument {
    /// SHA-256 of the original bytes ([`sha256_hex`]).
    pub sha256: String,
    /// The name facts use for it.
    pub name: String,
    /// Its title.
    pub title: String,
    /// What sort of publication it is.
    pub kind: DocumentKind,
    /// Its publication date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Where it was published.
    pub source_url: String,
    /// Size of the original bytes.
    pub byte_len: usize,
    /// The decoded text.
    pub text: String,
}

impl NewDocument {
    /// A document from its original bytes and decoded text; the hash and size come from
    /// the bytes, the rest is left empty for the caller to fill.
    pub fn from_bytes(original: &[u8], text: &str, name: &str, kind: DocumentKind) -> NewDocument {
        NewDocument {
            sha256: sha256_hex(original),
            name: name.to_owned(),
            title: String::new(),
            kind,
            date: None,
            source_url: String::new(),
            byte_len: original.len(),
            text: text.to_owned(),
        }
    }
}

/// The result of storing something that is deduplicated: its id, and whether it was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Added<Id> {
    /// The id of the new or existing row.
    pub id: Id,
    /// False when an identical row already existed and was returned instead.
    pub created: bool,
}
