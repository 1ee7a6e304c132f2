//! Finding many names in a text: a trie over characters that reports, scanning left to
//! right, the longest name at the leftmost place one starts, then goes on after it (the
//! leftmost-longest, non-overlapping matches an Aho-Corasick automaton would report).
//!
//! Place names are a few thousand short CJK strings. A character trie builds in a
//! fraction of the time an Aho-Corasick DFA takes (which every CLI call paid at start-up),
//! and a bitmap of the characters names start with lets the scan skip most of the text
//! with one bit test per character.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::scan::skip_ascii;

/// No name ends at a node.
const NONE: u32 = u32::MAX;

/// The root of the trie.
const ROOT: u32 = 0;

/// Bits in the filter in front of the edge table (a power of two).
const FILTER_BITS: u32 = 18;

/// Mixes a `(node, char)` key: one 128-bit multiply, folded. Good in its high bits (the
/// filter's index) and in its low ones (the hash table's bucket).
#[inline(always)]
fn mix(key: u64) -> u64 {
    let m = u128::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
    (m as u64) ^ ((m >> 64) as u64)
}

/// The hasher of the edge table: [`mix`] of the key.
#[derive(Default)]
struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = mix(x ^ self.0);
    }
}

/// Child of `node` by code point `cp`, keyed by [`edge_key`].
type Edges = HashMap<u64, u32, BuildHasherDefault<EdgeHasher>>;

/// The key of the edge from `node` by code point `cp` (21 bits).
fn edge_key(node: u32, cp: u32) -> u64 {
    (u64::from(node) << 21) | u64::from(cp)
}

/// A set of names (patterns), matched leftmost-longest.
///
/// Nodes `1..=k` are the children of the root by the BMP characters names start with,
/// numbered in code point order, so the first step is a bit test and a rank (no hashing).
/// Deeper edges live in one hash table, behind a bit filter that answers most misses.
#[derive(Debug, Clone)]
pub(crate) struct NameMatcher {
    /// One bit per code point of the Basic Multilingual Plane: whether a name starts with it.
    initial: Vec<u64>,
    /// For each word of `initial`, the number of bits set in the words before it.
    rank: Vec<u32>,
    /// Whether some name starts with a character beyond the BMP (those edges are hashed).
    astral_initial: bool,
    /// Bit `mix(key) >> (64 - FILTER_BITS)` is set for every key in `edges`.
    filter: Vec<u64>,
    /// Every edge but the root's BMP ones.
    edges: Edges,
    /// For each node, the pattern that ends there, or `NONE`.
    ends: Vec<u32>,
}

impl NameMatcher {
    /// Builds the matcher; pattern `i` is reported as `i`. Empty patterns are ignored;
    /// of equal patterns the first is reported.
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Self {
        let mut initial = vec![0u64; 0x10000 / 64];
        for p in patterns {
            if let Some(c) = p.as_ref().chars().next().map(|c| c as u32).filter(|&c| c < 0x10000) {
                initial[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        let mut rank = Vec::with_capacity(initial.len());
        let mut total = 0;
        for w in &initial {
            rank.push(total);
            total += w.count_ones();
        }
        let mut m = Self {
            initial,
            rank,
            astral_initial: false,
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            edges: Edges::with_capacity_and_hasher(patterns.len() * 3, BuildHasherDefault::default()),
            ends: vec![NONE; total as usize + 1],
        };
        for (id, p) in patterns.iter().enumerate() {
            let mut node = ROOT;
            for c in p.as_ref().chars() {
                let cp = c as u32;
                node = if node == ROOT && cp < 0x10000 {
                    m.root_child(cp)
                } else {
                    m.astral_initial |= node == ROOT;
                    let key = edge_key(node, cp);
                    let next = m.ends.len() as u32;
                    let child = *m.edges.entry(key).or_insert(next);
                    if child == next {
                        m.ends.push(NONE);
                        let bit = mix(key) >> (64 - FILTER_BITS);
                        m.filter[(bit / 64) as usize] |= 1 << (bit % 64);
                    }
                    child
                };
            }
            if node != ROOT && m.ends[node as usize] == NONE {
                m.ends[node as usize] = id as u32;
            }
        }
        m
    }

    /// The root's child by a BMP code point known to start a name.
    #[inline(always)]
    fn root_child(&self, cp: u32) -> u32 {
        let w = (cp / 64) as usize;
        let below = self.initial[w] & ((1u64 << (cp % 64)) - 1);
        1 + self.rank[w] + below.count_ones()
    }

    /// Whether a name may start with code point `cp`.
    #[inline(always)]
    fn may_start(&self, cp: u32) -> bool {
        if cp < 0x10000 {
            self.initial[(cp / 64) as usize] & (1 << (cp % 64)) != 0
        } else {
            self.astral_initial
        }
    }

    /// The child of `node` (not the root, unless `cp` is beyond the BMP) by `cp`.
    #[inline(always)]
    fn child(&self, node: u32, cp: u32) -> Option<u32> {
        let key = edge_key(node, cp);
        let bit = mix(key) >> (64 - FILTER_BITS);
        if self.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.edges.get(&key).copied()
    }

    /// The longest name that starts at byte `at` (a char boundary) of a text of `len`
    /// bytes, whose characters `read` decodes (code point and length at an offset): its
    /// pattern id and end offset.
    pub(crate) fn longest_at(
        &self,
        len: usize,
        read: impl Fn(usize) -> (u32, usize),
        at: usize,
    ) -> Option<(usize, usize)> {
        if at >= len {
            return None;
        }
        let (cp, n) = read(at);
        if !self.may_start(cp) {
            return None;
        }
        self.walk(len, &read, at, cp, n)
    }

    /// Follows the trie from the character `cp` (of `n` bytes) at `at`, which may start
    /// a name.
    #[inline]
    fn walk(
        &self,
        len: usize,
        read: &impl Fn(usize) -> (u32, usize),
        at: usize,
        cp: u32,
        n: usize,
    ) -> Option<(usize, usize)> {
        let mut node = if cp < 0x10000 {
            self.root_child(cp)
        } else {
            self.child(ROOT, cp)?
        };
        let mut q = at + n;
        let mut best = None;
        loop {
            let end = self.ends[node as usize];
            if end != NONE {
                best = Some((end as usize, q));
            }
            if q >= len {
                break;
            }
            let (cp, n) = read(q);
            match self.child(node, cp) {
                Some(c) => {
                    node = c;
                    q += n;
                }
                None => break,
            }
        }
        best
    }

    /// The characters names start with, one bit per BMP code point: the gate of a scan
    /// that reads text as it is (see [`Self::for_each_match`]).
    pub(crate) fn initials(&self) -> &[u64] {
        &self.initial
    }

    /// Calls `f(pattern, start, end)` for each leftmost-longest, non-overlapping match in
    /// `text`, whose characters `read` decodes (code point and length at an offset), in
    /// order.
    ///
    /// `gate` has a bit for every BMP character that may start a name once read (at
    /// least [`Self::initials`]): the scan skips three-byte characters outside it from
    /// their bytes, without reading them, and runs of ASCII eight bytes at a time when
    /// no ASCII character is in it.
    #[inline]
    pub(crate) fn for_each_match(
        &self,
        text: &str,
        gate: &[u64],
        read: impl Fn(usize) -> (u32, usize),
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let b = text.as_bytes();
        let len = b.len();
        let ascii_gated = gate[0] != 0 || gate[1] != 0;
        let mut at = 0;
        while at < len {
            let b0 = b[at];
            if b0 < 0x80 {
                if !ascii_gated {
                    at = skip_ascii(b, at);
                    continue;
                }
            } else if (0xE0..0xF0).contains(&b0) && at + 2 < len {
                let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b[at + 1] & 0x3F);
                if gate[word] & (1 << (b[at + 2] & 0x3F)) == 0 {
                    at += 3;
                    continue;
                }
            }
            let (cp, n) = read(at);
            if self.may_start(cp) {
                if let Some((id, end)) = self.walk(len, &read, at, cp, n) {
                    f(id, at, end);
                    at = end;
                    continue;
                }
            }
            at += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::*;
    use crate::scan::char_at;

    /// Matches as `(pattern, start, end)`.
    type Matches = Vec<(usize, usize, usize)>;

    /// The matcher's matches and Aho-Corasick's.
    fn both(patterns: &[&str], text: &str) -> (Matches, Matches) {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .unwrap();
        let want = ac
            .find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let mut got = Vec::new();
        let read = |at| char_at(text.as_bytes(), at);
        let m = NameMatcher::new(patterns);
        m.for_each_match(text, m.initials(), read, |p, s, e| got.push((p, s, e)));
        (got, want)
    }

    #[test]
    fn agrees_with_aho_corasick_on_overlapping_names() {
        let patterns = [
            "济南",
            "济南市",
            "南市",
            "市中区",
            "中区",
            "槐荫",
            "槐荫区",
            "a",
            "ab",
            "b𠀀",
            "𠀀甲",
        ];
        for text in [
            "济南市中区槐荫区",
            "济南市市中区和槐荫",
            "abab𠀀甲b𠀀",
            "南市中区济",
            "",
            "济",
            "济南市",
        ] {
            let (got, want) = both(&patterns, text);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn agrees_with_aho_corasick_on_random_text() {
        let patterns = ["甲乙", "甲乙丙", "乙丙丁", "丙", "丁甲乙丙丁", "乙", "戊己"];
        let alphabet: Vec<char> = "甲乙丙丁戊己a".chars().collect();
        let mut seed = 1u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(seed % 23) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_add(7);
            let (got, want) = both(&patterns, &text);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn longest_at_is_the_match_that_starts_there() {
        let m = NameMatcher::new(&["济南", "济南市", "历下区"]);
        let longest = |text: &str, at| m.longest_at(text.len(), |i| char_at(text.as_bytes(), i), at);
        assert_eq!(longest("济南市历下区", 0), Some((1, 9)));
        assert_eq!(longest("济南市历下区", 9), Some((2, 18)));
        assert_eq!(longest("济南市历下区", 3), None);
        assert_eq!(longest("济", 0), None);
        assert_eq!(longest("", 0), None);
    }
}
