//! One pass over a paragraph's characters that finds what the extractor reads around:
//! where a number may start, the sentence and clause marks and brackets, the lexicon's
//! cue words, and whether a
//! character only traditional text uses occurs (the caller then reads the paragraph
//! through its simplified shadow and runs the pass again on that). One table lookup per
//! character replaces a scan for numbers, one for traditional characters, one for cue
//! words and one for punctuation per sentence.

use crate::cues::Cue;
use crate::lexicon::Lexicon;
use crate::numbers::is_chinese_numeral;

/// Class bit: a number may start at the character (a digit, a Chinese numeral, `翻`).
pub(crate) const START: u8 = 1;
/// Class bit: a sentence or clause mark, or a bracket.
pub(crate) const MARK: u8 = 2;
/// Class bit: a character tagged traditional (`traditional.txt`).
pub(crate) const TRADITIONAL: u8 = 4;
/// Class bit: a cue word of the lexicon starts with the character.
pub(crate) const CUE: u8 = 8;

/// The marks that end sentences and clauses, and the brackets clauses are read around.
const MARK_CHARS: [char; 17] = [
    '，', ',', '；', ';', '。', '：', ':', '！', '？', '!', '?', '、', '（', '(', '）', ')', '\n',
];

/// The class bits of every character below U+10000 that do not depend on the lexicon
/// ([`START`] and [`MARK`]).
pub(crate) fn base_classes() -> Box<[u8; 0x10000]> {
    let mut t = Box::new([0u8; 0x10000]);
    for (cp, class) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(cp as u32) {
            if c.is_ascii_digit() || c == '翻' || is_chinese_numeral(c) {
                *class |= START;
            }
        }
    }
    for c in MARK_CHARS {
        t[c as usize] |= MARK;
    }
    t
}

/// The code point and length of the character starting at byte `i` of the UTF-8 text
/// `h` (`i` on a character boundary), or `None` at its end.
#[inline]
pub(crate) fn decode(h: &[u8], i: usize) -> Option<(u32, usize)> {
    let b0 = *h.get(i)?;
    let cont = |k: usize| h.get(i + k).map_or(0, |&b| u32::from(b & 0x3F));
    Some(match b0 {
        0..=0x7F => (u32::from(b0), 1),
        0x80..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            (u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    })
}

/// The offset and code point of the first character at or after `at` (a character
/// boundary of the UTF-8 text `h`) whose bit is set in `bits` (one bit per code point
/// below U+10000; characters beyond are never marked). A scan of bytes that decodes only
/// the lead byte's character: what the shadow and the head words use to skip the
/// characters they have nothing to do with at one bit test each.
#[inline]
pub(crate) fn next_marked(h: &[u8], mut at: usize, bits: &[u64]) -> Option<(usize, u32)> {
    let marked = |cp: u32| bits[cp as usize / 64] >> (cp % 64) & 1 != 0;
    while let Some(&b0) = h.get(at) {
        let (cp, len) = match b0 {
            0..0x80 => (u32::from(b0), 1),
            0xE0..0xF0 => {
                let cp = (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(h.get(at + 1)? & 0x3F) << 6)
                    | u32::from(h.get(at + 2)? & 0x3F);
                (cp, 3)
            }
            0x80..0xE0 => ((u32::from(b0 & 0x1F) << 6) | u32::from(h.get(at + 1)? & 0x3F), 2),
            _ => {
                at += 4;
                continue;
            }
        };
        if marked(cp) {
            return Some((at, cp));
        }
        at += len;
    }
    None
}

/// What one pass found in a paragraph.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// The cue words, leftmost-longest and not overlapping ([`Lexicon::find_words`]).
    pub cues: Vec<Cue>,
    /// Byte offsets of the characters where a number may start, in order.
    pub starts: Vec<usize>,
    /// Sentence and clause marks and brackets with their offsets, in order.
    pub punct: Vec<(usize, char)>,
}

impl Marks {
    /// The marks and brackets that start within `a..b`.
    pub fn within(&self, a: usize, b: usize) -> &[(usize, char)] {
        let x = self.punct.partition_point(|m| m.0 < a);
        let y = x + self.punct[x..].partition_point(|m| m.0 < b);
        &self.punct[x..y]
    }
}

/// The marks of `s`, or `None` when `stop_at_traditional` is set and `s` holds a
/// character tagged traditional.
pub(crate) fn find(lex: &Lexicon, s: &str, stop_at_traditional: bool) -> Option<Marks> {
    let mut out = Marks::default();
    find_into(lex, s, stop_at_traditional, &mut out).then_some(out)
}

/// [`find`] into `out` (cleared first, its room kept, so one buffer serves a whole
/// document); false when it stopped at a traditional character.
pub(crate) fn find_into(lex: &Lexicon, s: &str, stop_at_traditional: bool, out: &mut Marks) -> bool {
    let table = lex.char_class();
    let h = s.as_bytes();
    out.starts.clear();
    out.punct.clear();
    out.cues.clear();
    // Cue words do not overlap: none starts before the end of the last one.
    let mut cue_end = 0;
    let mut i = 0;
    let n = h.len();
    while i < n {
        let b0 = h[i];
        // `s` is UTF-8: the lead byte gives the length, the continuation bytes are there.
        let (cp, len) = if b0 < 0x80 {
            (u32::from(b0), 1)
        } else if (0xE0..0xF0).contains(&b0) && i + 2 < n {
            let cp = (u32::from(b0 & 0x0F) << 12) | (u32::from(h[i + 1] & 0x3F) << 6) | u32::from(h[i + 2] & 0x3F);
            (cp, 3)
        } else if b0 < 0xE0 && i + 1 < n {
            ((u32::from(b0 & 0x1F) << 6) | u32::from(h[i + 1] & 0x3F), 2)
        } else {
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            if stop_at_traditional && lex.is_traditional(c) {
                return false;
            }
            if i >= cue_end {
                if let Some((word, end)) = lex.word_with(h, i, c as u32) {
                    out.cues.push(Cue { start: i, end, word });
                    cue_end = end;
                }
            }
            i += c.len_utf8();
            continue;
        };
        let cp = cp as u16 as usize;
        let class = table[cp];
        if class != 0 {
            if class & TRADITIONAL != 0 && stop_at_traditional {
                return false;
            }
            if class & START != 0 {
                out.starts.push(i);
            }
            if class & MARK != 0 {
                out.punct.push((i, char::from_u32(cp as u32).unwrap_or('\u{FFFD}')));
            }
            if class & CUE != 0 && i >= cue_end {
                if let Some((word, end)) = lex.word_with(h, i, cp as u32) {
                    out.cues.push(Cue { start: i, end, word });
                    cue_end = end;
                }
            }
        }
        i += len;
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Marks, decode, find};
    use crate::cues::Cue;
    use crate::lexicon::Lexicon;

    fn lex() -> &'static Lexicon {
        static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        L.get_or_init(Lexicon::embedded)
    }

    fn marks(s: &str) -> Marks {
        find(lex(), s, false).expect("no stop")
    }

    #[test]
    fn lists_number_starts_marks_and_cues() {
        let s = "到2025年，全市达到三成（约）。";
        let m = marks(s);
        let at = |t: &str| s.find(t).expect("in text");
        assert_eq!(m.starts, vec![at("2025"), at("025"), at("25"), at("5年"), at("三成")]);
        let punct: Vec<char> = m.punct.iter().map(|p| p.1).collect();
        assert_eq!(punct, vec!['，', '（', '）', '。']);
        assert!(m.cues.iter().any(|c| &s[c.start..c.end] == "全市"));
        assert!(m.cues.iter().any(|c| &s[c.start..c.end] == "达到"));
    }

    #[test]
    fn stops_at_a_traditional_character_only_when_asked() {
        assert!(find(lex(), "全國增長5%", true).is_none());
        assert!(find(lex(), "全国增长5%", true).is_some());
        assert!(find(lex(), "全國增長5%", false).is_some());
    }

    #[test]
    fn decodes_every_length() {
        for c in ['a', 'é', '中', '😀'] {
            let s = format!("{c}x");
            assert_eq!(decode(s.as_bytes(), 0), Some((c as u32, c.len_utf8())));
        }
        assert_eq!(decode(b"", 0), None);
    }

    proptest! {
        /// The cue words found in the one pass are those the lexicon's search finds.
        #[test]
        fn cues_match_the_lexicon_search(parts in prop::collection::vec(
            prop::sample::select(vec!["全市", "达到", "同比增长", "年", "5", "，", "a", "😀", "国", "比上年", "较2020年", "新增"]),
            0..40,
        )) {
            let s: String = parts.concat();
            let mut expected = Vec::new();
            lex().find_words(&s, |start, end, word| expected.push(Cue { start, end, word }));
            prop_assert_eq!(marks(&s).cues, expected);
        }

        /// The byte scan stops where a search of the characters stops.
        #[test]
        fn next_marked_finds_the_first_marked_character(
            s in "[a1年全é😀，]{0,30}",
            marked in prop::collection::vec(prop::sample::select(vec!['a', '1', '年', '全', 'é', '，']), 0..3),
        ) {
            let mut bits = vec![0u64; 0x10000 / 64];
            for c in &marked {
                bits[*c as usize / 64] |= 1 << (*c as usize % 64);
            }
            let expected = s.char_indices().find(|(_, c)| marked.contains(c)).map(|(i, c)| (i, c as u32));
            prop_assert_eq!(super::next_marked(s.as_bytes(), 0, &bits), expected);
        }
    }
}
