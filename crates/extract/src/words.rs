//! Finds which words of a list start at a position of a text, keyed by their first
//! character: a bit per character says whether any word starts with it, and only then
//! are the few words that do compared, longest first. This replaces an Aho-Corasick DFA
//! whose table (1.7 MB for the cue words) did not stay in cache: most characters of a
//! text cost one bit test, and the index is a few kilobytes.

use rustc_hash::FxHashMap;

/// An index of words by their first character.
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// A bit per character below U+10000 that starts a word.
    first: Vec<u64>,
    /// For each word of `first`, the number of bits set in the words before it, so a
    /// character's rank among the first characters is a count, not a hash lookup.
    rank: Vec<u32>,
    /// For each first character below U+10000 in code point order, the end of its
    /// range of `entries` (the range starts where the previous one ends).
    ends: Vec<u32>,
    /// For first characters above U+FFFF, the range of `entries` holding their words.
    astral: FxHashMap<char, (u32, u32)>,
    /// The words grouped by first character, longest first.
    entries: Vec<Entry>,
    /// The words' bytes past their first eight, one after another.
    tails: Vec<u8>,
}

/// One word of the index.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// The first eight bytes of the word (zero past its end), little-endian.
    head: u64,
    /// The bits of `head` that belong to the word.
    mask: u64,
    /// The word's length in bytes.
    len: u32,
    /// Where its bytes past the first eight start in `tails`.
    tail: u32,
    /// The word's id.
    id: u32,
}

/// The eight bytes of `h` from `i` (zero past its end), little-endian.
#[inline]
fn eight(h: &[u8], i: usize) -> u64 {
    match h.get(i..i + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
        None => {
            let mut b = [0u8; 8];
            let rest = h.get(i..).unwrap_or(&[]);
            b[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(b)
        }
    }
}

impl WordIndex {
    /// An index of `words`; a word's id is its position in the list. Empty words are
    /// left out; of two equal words the first is found.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut grouped: FxHashMap<char, Vec<(usize, &str)>> = FxHashMap::default();
        for (id, w) in words.into_iter().enumerate() {
            if let Some(c) = w.chars().next() {
                grouped.entry(c).or_default().push((id, w));
            }
        }
        let mut index = WordIndex {
            first: vec![0; 0x10000 / 64],
            ..WordIndex::default()
        };
        let mut firsts: Vec<char> = grouped.keys().copied().collect();
        firsts.sort_unstable();
        for c in firsts {
            let mut list = grouped.remove(&c).unwrap_or_default();
            // Longest first; among equal lengths the lower id (a stable sort).
            list.sort_by_key(|&(_, w)| std::cmp::Reverse(w.len()));
            let begin = index.entries.len() as u32;
            for (id, w) in list {
                let b = w.as_bytes();
                let n = b.len().min(8);
                index.entries.push(Entry {
                    head: eight(&b[..n], 0),
                    mask: if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 },
                    len: b.len() as u32,
                    tail: index.tails.len() as u32,
                    id: id as u32,
                });
                index.tails.extend_from_slice(b.get(8..).unwrap_or(&[]));
            }
            let end = index.entries.len() as u32;
            match index.first.get_mut(c as usize / 64) {
                Some(bits) => {
                    *bits |= 1 << (c as usize % 64);
                    index.ends.push(end);
                }
                None => {
                    index.astral.insert(c, (begin, end));
                }
            }
        }
        let mut count = 0;
        index.rank = index
            .first
            .iter()
            .map(|bits| {
                let before = count;
                count += bits.count_ones();
                before
            })
            .collect();
        index
    }

    /// The characters below U+10000 that start a word.
    pub(crate) fn first_chars(&self) -> impl Iterator<Item = u32> + '_ {
        self.first.iter().enumerate().flat_map(|(k, &bits)| {
            (0..64u32)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| k as u32 * 64 + b)
        })
    }

    /// Whether some word may start with the character whose code point is `cp`.
    #[inline]
    fn may_start(&self, cp: u32) -> bool {
        match self.first.get(cp as usize / 64) {
            Some(bits) => bits & (1 << (cp % 64)) != 0,
            None => true,
        }
    }

    /// The range of `entries` holding the words that start with the character whose
    /// code point is `cp`.
    fn range(&self, cp: u32) -> Option<(usize, usize)> {
        let k = cp as usize / 64;
        let Some(&bits) = self.first.get(k) else {
            let &(b, e) = self.astral.get(&char::from_u32(cp)?)?;
            return Some((b as usize, e as usize));
        };
        let bit = 1u64 << (cp % 64);
        if bits & bit == 0 {
            return None;
        }
        let r = (self.rank[k] + (bits & (bit - 1)).count_ones()) as usize;
        let begin = r.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        Some((begin, self.ends[r] as usize))
    }

    /// The longest word starting at byte `i` of `s` whose first character's code point
    /// is `cp`: its id and end.
    pub(crate) fn longest_with(&self, s: &[u8], i: usize, cp: u32) -> Option<(usize, usize)> {
        let (begin, end) = self.range(cp)?;
        let head = eight(s, i);
        self.entries[begin..end].iter().find_map(|e| {
            let len = e.len as usize;
            let fits = head & e.mask == e.head
                && (len <= 8 || s.get(i + 8..i + len) == self.tails.get(e.tail as usize..e.tail as usize + len - 8));
            fits.then_some((e.id as usize, i + len))
        })
    }

    /// The longest word starting at byte `i` of `s` (a char boundary): its id and end.
    pub fn longest_at(&self, s: &str, i: usize) -> Option<(usize, usize)> {
        let c = s.get(i..)?.chars().next()?;
        if !self.may_start(c as u32) {
            return None;
        }
        self.longest_with(s.as_bytes(), i, c as u32)
    }

    /// The words of `s`, leftmost-longest and not overlapping (as an Aho-Corasick
    /// search with leftmost-longest matching finds them), as (start, end, word id).
    pub fn find_all(&self, s: &str, mut emit: impl FnMut(usize, usize, usize)) {
        let h = s.as_bytes();
        let mut i = 0;
        while let Some((cp, len)) = crate::marks::decode(h, i) {
            if self.may_start(cp) {
                if let Some((id, end)) = self.longest_with(h, i, cp) {
                    emit(i, end, id);
                    i = end;
                    continue;
                }
            }
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::WordIndex;

    /// The matches of an Aho-Corasick automaton with leftmost-longest matching.
    fn reference(words: &[&str], s: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .expect("automaton");
        ac.find_iter(s)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    fn found(words: &[&str], s: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        WordIndex::new(words.iter().copied()).find_all(s, |a, b, w| out.push((a, b, w)));
        out
    }

    #[test]
    fn finds_what_aho_corasick_finds() {
        let words = [
            "到",
            "到2025年",
            "全市",
            "全市域",
            "市",
            "同比增长",
            "增长",
            "比",
            "a",
            "ab",
            "b😀",
            "😀",
        ];
        for s in [
            "到2025年，全市域同比增长3%",
            "全全市市到到同比比增长",
            "ab a b😀 😀😀",
            "",
            "无关的文字",
        ] {
            assert_eq!(found(&words, s), reference(&words, s), "{s}");
        }
    }

    #[test]
    fn longest_at_a_position() {
        let idx = WordIndex::new(["万", "万亿", "亿"]);
        assert_eq!(idx.longest_at("3万亿元", 1), Some((1, 1 + "万亿".len())));
        assert_eq!(idx.longest_at("3万元", 1), Some((0, 1 + "万".len())));
        assert_eq!(idx.longest_at("3万元", 0), None);
        assert_eq!(idx.longest_at("3万元", 99), None);
    }
}
