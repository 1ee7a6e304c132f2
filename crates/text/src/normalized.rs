//! Normalized text that remembers, for every byte, where it stood in the original input.
//!
//! The map is stored as segments: within a segment normalized bytes map linearly to
//! original bytes, and a new segment starts only where the two drift apart (a removed
//! space, a joined line, a folded full-width digit, a GBK character). Clean UTF-8 prose
//! needs a handful of segments per paragraph instead of eight bytes per byte.

use std::ops::Range;

/// Marks a linear segment (any other value is the original end of a one-char segment).
const LINEAR: u32 = u32::MAX;

/// A run of normalized bytes starting at `norm` that maps to original bytes from `orig`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    norm: u32,
    orig: u32,
    /// `LINEAR`, or the original end of the single character this segment holds.
    single_end: u32,
}

/// Normalized text with a map from each of its bytes back to the original input, so a
/// span found later (a quote, a number) can be highlighted in the original bytes.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    segments: Vec<Segment>,
}

impl Normalized {
    /// An empty text with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            text: String::with_capacity(cap),
            segments: Vec::with_capacity(cap / 64 + 4),
        }
    }

    /// Appends `ch`, which stands for the original bytes `orig`.
    pub fn push(&mut self, ch: char, orig: Range<usize>) {
        let at = self.text.len() as u32;
        let len = ch.len_utf8() as u32;
        let (start, end) = (orig.start as u32, orig.end as u32);
        let regular = end.wrapping_sub(start) == len;
        let continues = self
            .segments
            .last()
            .is_some_and(|s| s.single_end == LINEAR && s.orig + (at - s.norm) == start);
        if !(regular && continues) {
            self.segments.push(Segment {
                norm: at,
                orig: start,
                single_end: if regular { LINEAR } else { end },
            });
        }
        self.text.push(ch);
    }

    /// Appends `s`, whose bytes map one to one onto the original from `orig`.
    pub fn push_str(&mut self, s: &str, orig: usize) {
        let at = self.text.len() as u32;
        let continues = self
            .segments
            .last()
            .is_some_and(|g| g.single_end == LINEAR && g.orig + (at - g.norm) == orig as u32);
        if !continues && !s.is_empty() {
            self.segments.push(Segment {
                norm: at,
                orig: orig as u32,
                single_end: LINEAR,
            });
        }
        self.text.push_str(s);
    }

    /// Cuts the text back to `len` bytes (a char boundary).
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.segments.last().is_some_and(|s| s.norm as usize >= len) {
            self.segments.pop();
        }
    }

    fn segment(&self, i: usize) -> Option<&Segment> {
        let i = i as u32;
        let k = self.segments.partition_point(|s| s.norm <= i);
        k.checked_sub(1).map(|k| &self.segments[k])
    }

    /// Original start of the byte at `i` (which must be inside the text).
    fn start_of(&self, i: usize) -> usize {
        match self.segment(i) {
            Some(s) if s.single_end == LINEAR => (s.orig + (i as u32 - s.norm)) as usize,
            Some(s) => s.orig as usize,
            None => 0,
        }
    }

    /// Original end of the character whose last byte is at `i`.
    fn end_of(&self, i: usize) -> usize {
        match self.segment(i) {
            Some(s) if s.single_end == LINEAR => (s.orig + (i as u32 - s.norm) + 1) as usize,
            Some(s) => s.single_end as usize,
            None => 0,
        }
    }

    /// The original byte range of the normalized byte range `range` (which must lie on
    /// char boundaries): from the start of its first char to the end of its last.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        let end = range.end.min(self.text.len());
        if range.start >= end {
            let at = self.original_offset(range.start);
            return at..at;
        }
        self.start_of(range.start)..self.end_of(end - 1)
    }

    /// The original offset where normalized byte `i` begins (the end of the last char
    /// when `i` is past the text).
    pub fn original_offset(&self, i: usize) -> usize {
        if i < self.text.len() {
            self.start_of(i)
        } else if self.text.is_empty() {
            0
        } else {
            self.end_of(self.text.len() - 1)
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
            while self.segments.last().is_some_and(|s| s.norm as usize >= n) {
                self.segments.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_runs_and_single_chars_map_back() {
        let mut n = Normalized::default();
        n.push('到', 0..3);
        n.push('2', 4..5); // a removed space before it
        n.push('0', 5..6);
        n.push('5', 6..9); // a folded full-width digit
        n.push('年', 9..12);
        assert_eq!(n.text, "到205年");
        assert_eq!(n.original_span(0..3), 0..3);
        assert_eq!(n.original_span(3..5), 4..6);
        assert_eq!(n.original_span(5..6), 6..9);
        assert_eq!(n.original_span(3..9), 4..12);
        assert_eq!(n.original_offset(6), 9);
        assert_eq!(n.original_offset(99), 12);
        n.trim_end_matches(|c| c == '年');
        assert_eq!(n.original_offset(99), 9);
    }
}
