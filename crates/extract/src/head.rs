//! The head of a document: its first bytes, where a title, an issuer and a lead say what
//! the document is ([`crate::review`], [`crate::plan`], [`crate::national`],
//! [`crate::reporting`] read it). The words they look for are found in one pass over the
//! head (a bit test a character, as [`crate::words`] does), not one search per word: a dozen
//! such lists are read in every document, and searching each on its own cost more than
//! reading the rest of a short document.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

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

/// Every word a reader of the head looks for, each once, indexed by its first character.
struct Words {
    /// The words.
    list: Vec<&'static str>,
    /// One bit per code point below U+10000: whether a word starts with it.
    firsts: Vec<u64>,
    /// The indexes in `list` of the words that start with a code point.
    by_first: FxHashMap<u32, SmallVec<[usize; 4]>>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut list: Vec<&'static str> = [
            crate::review::REVIEW_WORDS,
            crate::review::PART_YEAR_WORDS,
            crate::plan::PLAN_WORDS,
            crate::plan::CITING,
            &crate::plan::ORDINALS,
            crate::national::NATIONAL_HEAD,
        ]
        .concat();
        list.extend(crate::reporting::PARTS.iter().map(|p| p.0));
        list.sort_unstable();
        list.dedup();
        let mut firsts = vec![0u64; 0x10000 / 64];
        let mut by_first: FxHashMap<u32, SmallVec<[usize; 4]>> = FxHashMap::default();
        for (id, w) in list.iter().enumerate() {
            let Some(c) = w.chars().next() else { continue };
            let cp = c as u32;
            // A head word is Chinese or ASCII: a first character beyond the BMP would
            // never be looked up (no bit), which a test of the lists rules out.
            if let Some(bits) = firsts.get_mut(cp as usize / 64) {
                *bits |= 1 << (cp % 64);
            }
            by_first.entry(cp).or_default().push(id);
        }
        Words { list, firsts, by_first }
    })
}

/// The head of a document (simplified) and where each word its readers look for first
/// occurs in it.
pub struct Head<'a> {
    /// The head's text.
    pub text: &'a str,
    /// For each word of [`Words`] that occurs: its index there, where it first starts and
    /// where that occurrence ends.
    first: SmallVec<[(usize, usize, usize); 8]>,
}

impl<'a> Head<'a> {
    /// Reads `text` (a head, simplified) for the words once: one bit test a character,
    /// and a comparison of the words that start with it where one does.
    pub fn new(text: &'a str) -> Self {
        let w = words();
        let h = text.as_bytes();
        let mut first: SmallVec<[(usize, usize, usize); 8]> = SmallVec::new();
        let mut at = 0;
        while let Some((i, cp)) = crate::marks::next_marked(h, at, &w.firsts) {
            for &id in w.by_first.get(&cp).into_iter().flatten() {
                let word = w.list[id];
                if h[i..].starts_with(word.as_bytes()) && !first.iter().any(|f| f.0 == id) {
                    first.push((id, i, i + word.len()));
                }
            }
            at = i + crate::marks::decode(h, i).map_or(1, |(_, len)| len);
        }
        Self { text, first }
    }

    /// Where `word` first occurs within the first `limit` bytes.
    fn find(&self, word: &str, limit: usize) -> Option<usize> {
        let list = &words().list;
        self.first
            .iter()
            .find(|f| list[f.0] == word)
            .filter(|f| f.2 <= limit)
            .map(|f| f.1)
    }

    /// Whether one of `words` (each a word of [`Words`]) occurs within the first `limit`
    /// bytes.
    pub fn has(&self, words: &[&str], limit: usize) -> bool {
        words.iter().any(|w| self.find(w, limit).is_some())
    }

    /// The index in `words` of the one that starts first within the first `limit` bytes.
    pub fn first_of(&self, words: &[&str], limit: usize) -> Option<usize> {
        words
            .iter()
            .enumerate()
            .filter_map(|(k, w)| self.find(w, limit).map(|at| (at, k)))
            .min()
            .map(|(_, k)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::Head;

    #[test]
    fn finds_each_word_where_it_first_occurs() {
        let head = Head::new("关于“十四五”与“十三五”规划的工作报告，十四五");
        assert_eq!(head.first_of(&["十三五", "十四五"], 1200), Some(1));
        assert!(head.has(&["规划"], 1200));
        assert!(!head.has(&["规划"], 20));
        assert!(!head.has(&["纲要"], 1200));
        // Overlapping words are each found: 工作报告 holds no other word, 1-6月 and 上半年 do not overlap.
        assert!(head.has(&["工作报告"], 1200));
    }

    #[test]
    fn every_head_word_starts_in_the_bmp() {
        assert!(
            super::words()
                .list
                .iter()
                .all(|w| w.chars().next().is_some_and(|c| (c as u32) < 0x10000))
        );
    }

    #[test]
    fn a_word_cut_by_the_limit_is_not_there() {
        let head = Head::new("全国全国");
        assert!(head.has(&["全国"], 6));
        assert!(!head.has(&["全国"], 5));
    }

    #[test]
    fn cuts_at_a_character_boundary() {
        assert_eq!(super::head("全国我国", 4), "全");
        assert_eq!(super::head("ab", 10), "ab");
    }
}
