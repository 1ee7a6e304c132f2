//! The head of a document: its first bytes, where a title, an issuer and a lead say what
//! the document is ([`crate::review`], [`crate::plan`], [`crate::national`] read it).

/// The most any reader of the head looks at, in bytes.
pub const HEAD_MAX: usize = 1200;

/// The first `max` bytes of `text`, cut back to a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    #[test]
    fn cuts_at_a_character_boundary() {
        assert_eq!(super::head("全国我国", 4), "全");
        assert_eq!(super::head("ab", 10), "ab");
    }
}
