//! Normalized text that remembers, for every byte, where it stood in the original input.

use std::ops::Range;

/// Normalized text with a map from each of its bytes back to the original input, so a
/// span found later (a quote, a number) can be highlighted in the original bytes.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Normalized {
    /// An empty text with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            text: String::with_capacity(cap),
            starts: Vec::with_capacity(cap),
            ends: Vec::with_capacity(cap),
        }
    }

    /// Appends `ch`, which stands for the original bytes `orig`.
    pub fn push(&mut self, ch: char, orig: Range<usize>) {
        self.text.push(ch);
        for _ in 0..ch.len_utf8() {
            self.starts.push(orig.start as u32);
            self.ends.push(orig.end as u32);
        }
    }

    /// The original byte range of the normalized byte range `range` (which must lie on
    /// char boundaries): from the start of its first char to the end of its last.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.start >= self.starts.len() {
            let at = self.original_offset(range.start);
            return at..at;
        }
        let end = range.end.min(self.ends.len());
        self.starts[range.start] as usize..self.ends[end - 1] as usize
    }

    /// The original offset where normalized byte `i` begins (the end of the last char
    /// when `i` is past the text).
    pub fn original_offset(&self, i: usize) -> usize {
        match self.starts.get(i) {
            Some(&s) => s as usize,
            None => self.ends.last().copied().unwrap_or(0) as usize,
        }
    }

    /// Number of bytes of normalized text.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Removes trailing chars for which `pred` holds (used to trim separators).
    pub fn trim_end_matches(&mut self, pred: impl Fn(char) -> bool) {
        while let Some(ch) = self.text.chars().next_back() {
            if !pred(ch) {
                break;
            }
            let n = self.text.len() - ch.len_utf8();
            self.text.truncate(n);
            self.starts.truncate(n);
            self.ends.truncate(n);
        }
    }
}
