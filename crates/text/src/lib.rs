//! Reading what governments publish: decode bytes in any encoding they use, undo the
//! noise of PDF, OCR and web copies, keep a byte map back to the original input, and
//! split newspaper pages into articles with their headlines, bylines and places.
//!
//! ```
//! let doc = pledge_text::read(b"\xE5\x88\xB0 2025 \xE5\xB9\xB4").unwrap();
//! assert_eq!(doc.norm.text, "到2025年");
//! ```

pub mod byline;
pub mod clean;
pub mod decode;
pub mod document;
mod matcher;
pub mod normalized;
pub mod places;
mod scan;
pub mod segment;
mod simplify;

pub use decode::{DecodeError, Decoded, Encoding, decode};
pub use document::{Document, Paragraph, normalize};
pub use normalized::Normalized;
pub use places::{Gazetteer, Level, Place, gazetteer};
pub use segment::{Article, segment};

/// The repository's real texts (the Jinan page and the quotes of `data/`), read whole,
/// for unit tests that compare a fast path against its reference on real text.
#[cfg(test)]
pub(crate) fn shared_texts() -> Vec<String> {
    [
        "data/observations.csv",
        "data/targets.csv",
        "testdata/jinan-page-2023-03.txt",
    ]
    .iter()
    .map(|file| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_string() + file;
        std::fs::read_to_string(path).unwrap()
    })
    .collect()
}

/// Decodes and normalizes bytes in one step.
pub fn read(bytes: &[u8]) -> Result<Document, DecodeError> {
    decode(bytes).map(normalize)
}
