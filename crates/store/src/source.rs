//! Where a target or an observation came from: a span of a stored document, or a web page.

use serde::{Deserialize, Serialize};

use crate::DocumentId;

/// The provenance of a target or an observation.
///
/// Either a stored document with the byte span of the quote in its original bytes (what the
/// extractor gives), or a URL with the quote read there (what `observations.csv` gives), or
/// both. Every number shown on the scoreboard points back at one of these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The stored document the quote is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentId>,
    /// Byte offsets of the quote in the document's original bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
    /// The page the figure was read on ('' when none).
    #[serde(default)]
    pub url: String,
    /// The words that state the figure.
    #[serde(default)]
    pub quote: String,
}

impl Source {
    /// A source on the web: the page and the quote read there.
    pub fn url(url: &str, quote: &str) -> Source {
        Source {
            url: url.to_owned(),
            quote: quote.to_owned(),
            ..Source::default()
        }
    }

    /// Checks a source's page address: empty (no page) or an `http://` or `https://`
    /// address with a host and no spaces or control characters. Anything else — a
    /// `javascript:` link a page would render as a clickable script, or a bare word — is
    /// refused with a message naming `source_url`, whatever path the write comes by (the
    /// API, the entry form, an import).
    pub fn check_url(url: &str) -> Result<(), String> {
        if url.is_empty() || pledge_model::is_web_address(url) {
            Ok(())
        } else {
            Err(format!(
                "source_url must be a web address starting with http:// or https://, not {url:?}"
            ))
        }
    }

    /// A source in a stored document: the document, the span and the quote.
    pub fn document(document: DocumentId, span: [usize; 2], quote: &str) -> Source {
        Source {
            document: Some(document),
            span: Some(span),
            quote: quote.to_owned(),
            ..Source::default()
        }
    }
}
