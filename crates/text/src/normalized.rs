//! Normalized text that remembers, for every byte, where it stood in the original input.
//!
//! The map is stored as segments: within a segment normalized bytes map linearly to
//! original bytes, and a new segment starts only where the two drift apart (a removed
//! space, a joined line, a folded full-width digit, a GBK character). Clean UTF-8 prose
//! needs a handful of segments per paragraph instead of eight bytes per byte.
//!
//! Finding the segment of a byte takes no search: for every 64 bytes of text a block
//! index keeps the segment that holds the block's first byte and a 64-bit mask of the
//! bytes of the block where a segment starts, so the segment of byte `i` is the block's
//! first plus the number of starts in the block up to `i` (12 bytes of index per 64 of
//! text).

use std::fmt;
use std::ops::Range;

/// Marks a linear segment (any other value is the original end of a one-char segment).
const LINEAR: u32 = u32::MAX;

/// log2 of the bytes of text per block of the index.
const BLOCK_BITS: u32 = 6;

/// A run of normalized bytes starting at `norm` that maps to original bytes from `orig`.
#[derive(Debug, Clone, Copy)]
struct Segment {
    norm: u32,
    orig: u32,
    /// `LINEAR`, or the original end of the single character this segment holds.
    single_end: u32,
}

/// One block of 64 bytes of text in the index.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// The index of the segment that holds the block's first byte.
    first: u32,
    /// Bit `o` is set when a segment starts at byte `o` of the block.
    starts: u64,
}

/// Normalized text with a map from each of its bytes back to the original input, so a
/// span found later (a quote, a number) can be highlighted in the original bytes.
#[derive(Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    segments: Vec<Segment>,
    /// One entry per block of text begun (`text.len().div_ceil(64)`), kept by every
    /// method that changes the text.
    blocks: Vec<Block>,
}

impl fmt::Debug for Normalized {
    /// The text and its segments (the block index is derived from them).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Normalized")
            .field("text", &self.text)
            .field("segments", &self.segments)
            .finish()
    }
}

impl Normalized {
    /// An empty text with room for `cap` bytes (and the segments of typical text: noisy
    /// text with a folded comma every few characters has one per 16 bytes or so).
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            text: String::with_capacity(cap),
            segments: Vec::with_capacity(cap / 16 + 4),
            blocks: Vec::with_capacity((cap >> BLOCK_BITS) + 2),
        }
    }

    /// Updates the index after the text grew: the blocks it entered begin inside the last
    /// segment (a segment begins where the text ended when it was added, so none added
    /// later can hold an existing byte), and `new_segment` tells whether that segment was
    /// just added, at byte `at`.
    #[inline]
    fn index(&mut self, new_segment: bool, at: usize) {
        let last = self.segments.len().saturating_sub(1) as u32;
        while self.blocks.len() << BLOCK_BITS < self.text.len() {
            self.blocks.push(Block { first: last, starts: 0 });
        }
        if new_segment {
            if let Some(b) = self.blocks.get_mut(at >> BLOCK_BITS) {
                b.starts |= 1 << (at & 63);
            }
        }
    }

    /// Updates the index after the text was cut to `len` bytes (and the segments that
    /// began past it were dropped).
    fn unindex_past(&mut self, len: usize) {
        self.blocks.truncate(len.div_ceil(1 << BLOCK_BITS));
        let keep = len & 63;
        if keep != 0 {
            if let Some(b) = self.blocks.last_mut() {
                b.starts &= (1u64 << keep) - 1;
            }
        }
    }

    /// Appends `ch`, which stands for the original bytes `orig`.
    #[inline]
    pub fn push(&mut self, ch: char, orig: Range<usize>) {
        let at = self.text.len() as u32;
        let len = ch.len_utf8() as u32;
        let (start, end) = (orig.start as u32, orig.end as u32);
        let regular = end.wrapping_sub(start) == len;
        let continues = self
            .segments
            .last()
            .is_some_and(|s| s.single_end == LINEAR && s.orig + (at - s.norm) == start);
        let new_segment = !(regular && continues);
        if new_segment {
            self.segments.push(Segment {
                norm: at,
                orig: start,
                single_end: if regular { LINEAR } else { end },
            });
        }
        self.text.push(ch);
        self.index(new_segment, at as usize);
    }

    /// Appends `s`, whose bytes map one to one onto the original from `orig`.
    #[inline]
    pub fn push_str(&mut self, s: &str, orig: usize) {
        let at = self.text.len() as u32;
        let continues = self
            .segments
            .last()
            .is_some_and(|g| g.single_end == LINEAR && g.orig + (at - g.norm) == orig as u32);
        let new_segment = !continues && !s.is_empty();
        if new_segment {
            self.segments.push(Segment {
                norm: at,
                orig: orig as u32,
                single_end: LINEAR,
            });
        }
        self.text.push_str(s);
        self.index(new_segment, at as usize);
    }

    /// Cuts the text back to `len` bytes (a char boundary).
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.segments.last().is_some_and(|s| s.norm as usize >= len) {
            self.segments.pop();
        }
        self.unindex_past(self.text.len());
    }

    /// The index of the segment that holds byte `i` (inside the text): the block's first
    /// segment plus the segments that start in the block after its first byte, up to
    /// `i`. (Bytes the index does not cover, which only direct changes to the public
    /// `text` can make, are found by a search over all segments.)
    #[inline]
    fn segment_index(&self, i: usize) -> Option<usize> {
        match self.blocks.get(i >> BLOCK_BITS) {
            Some(b) => {
                let upto = (2u64 << (i & 63)).wrapping_sub(1) & !1;
                Some(b.first as usize + (b.starts & upto).count_ones() as usize)
            }
            None => {
                let i = i as u32;
                self.segments.partition_point(|s| s.norm <= i).checked_sub(1)
            }
        }
    }

    /// Original start of the byte at `i` (inside the text), which segment `k` holds.
    fn start_in(&self, k: Option<usize>, i: usize) -> usize {
        match k.and_then(|k| self.segments.get(k)) {
            Some(s) if s.single_end == LINEAR => (s.orig + (i as u32 - s.norm)) as usize,
            Some(s) => s.orig as usize,
            None => 0,
        }
    }

    /// Original end of the character whose last byte is at `i`, which segment `k` holds.
    fn end_in(&self, k: Option<usize>, i: usize) -> usize {
        match k.and_then(|k| self.segments.get(k)) {
            Some(s) if s.single_end == LINEAR => (s.orig + (i as u32 - s.norm) + 1) as usize,
            Some(s) => s.single_end as usize,
            None => 0,
        }
    }

    /// Original start of the byte at `i` (which must be inside the text).
    fn start_of(&self, i: usize) -> usize {
        self.start_in(self.segment_index(i), i)
    }

    /// Original end of the character whose last byte is at `i`.
    fn end_of(&self, i: usize) -> usize {
        self.end_in(self.segment_index(i), i)
    }

    /// The original byte range of the normalized byte range `range` (which must lie on
    /// char boundaries): from the start of its first char to the end of its last.
    ///
    /// Cheap enough to call for every extracted span: two lookups in the block index,
    /// no search.
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
        self.unindex_past(self.text.len());
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

    /// The segment of byte `i` by a search over all segments (what the index replaces).
    fn searched(n: &Normalized, i: usize) -> Option<usize> {
        let i = i as u32;
        n.segments.partition_point(|s| s.norm <= i).checked_sub(1)
    }

    #[test]
    fn the_block_index_agrees_with_a_search_through_pushes_and_cuts() {
        let mut seed = 3u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..300 {
            let mut n = Normalized::default();
            let mut orig = 0usize;
            let long = "x".repeat(70);
            for _ in 0..next(120) {
                match next(10) {
                    0..=3 => {
                        let c = ['a', '到', '，', '𠀀'][next(4) as usize];
                        let skip = next(3) as usize;
                        let len = if next(4) == 0 { 1 } else { c.len_utf8() };
                        n.push(c, orig + skip..orig + skip + len);
                        orig += skip + len;
                    }
                    4..=7 => {
                        let s = ["", "ab", "年度目标", long.as_str()][next(4) as usize];
                        orig += next(2) as usize;
                        n.push_str(s, orig);
                        orig += s.len();
                    }
                    8 => {
                        let mut cut = next(n.len() as u64 + 1) as usize;
                        while !n.text.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        n.truncate(cut);
                    }
                    _ => n.trim_end_matches(|c| c == 'a' || c == '，'),
                }
                assert_eq!(n.blocks.len(), n.len().div_ceil(64));
                for i in 0..n.len() {
                    assert_eq!(n.segment_index(i), searched(&n, i), "byte {i} of {:?}", n.text);
                }
            }
        }
    }
}
