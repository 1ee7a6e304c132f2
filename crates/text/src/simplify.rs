//! Traditional to simplified characters, exactly as `fast2s::convert` does it, read one
//! character at a time instead of converting a copy: a bitmap of the characters `fast2s`
//! may convert lets every other character through with one bit test, a table answers
//! for the characters `fast2s` converts the same anywhere, and only those with special
//! cases are handed to `fast2s`, with the neighbours it looks at.

use std::sync::OnceLock;

use crate::scan::char_at;

/// The blocks where `fast2s` has (and may ever have) conversions: CJK radicals, symbols
/// and punctuation, kana, Extension A, the unified ideographs, compatibility ideographs
/// and forms, and half- and full-width forms. A test checks that no other three-byte
/// character is converted. (`fast2s` converts three-byte characters only.)
const BLOCKS: [(u32, u32); 4] = [(0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)];

/// Characters whose conversion depends on their neighbours in `fast2s` (its exclusions,
/// `兒寬`, `乾隆`, …, and its special cases, `藉口`, `看著`, …): these are always handed to
/// `fast2s` with their neighbours. Every other character converts the same anywhere.
const CONTEXTUAL: [char; 15] = [
    '兒', '覆', '夥', '藉', '瞭', '麽', '幺', '於', '乾', '著', '苧', '闔', '鍾', '讎', '畫',
];

/// What `fast2s` may change, found once by asking it.
struct Table {
    /// One bit per BMP code point: whether `fast2s` may replace that character.
    bits: Vec<u64>,
    /// `(character, replacement)` for the characters converted alone, by code point.
    lone: Vec<(u32, char)>,
}

/// Built once, the first time a text looks traditional, by converting every character of
/// [`BLOCKS`] alone (each followed by `'0'`, which is also what `fast2s` assumes beyond
/// the ends of a text, so each probe sees no neighbour).
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut probe = String::new();
        for &(lo, hi) in &BLOCKS {
            for c in (lo..=hi).filter_map(char::from_u32) {
                probe.push(c);
                probe.push('0');
            }
        }
        let mut bits = vec![0u64; 0x10000 / 64];
        let mut lone = Vec::new();
        for (a, b) in probe.chars().zip(fast2s::convert(&probe).chars()) {
            if a != b {
                lone.push((a as u32, b));
            }
        }
        for c in lone.iter().map(|&(a, _)| a).chain(CONTEXTUAL.map(|c| c as u32)) {
            bits[(c / 64) as usize] |= 1 << (c % 64);
        }
        Table { bits, lone }
    })
}

/// Whether the three-byte code point `cp` may be converted.
fn may_convert(bits: &[u64], cp: u32) -> bool {
    bits[(cp / 64) as usize] & (1 << (cp % 64)) != 0
}

/// What `fast2s` makes of `cur` between `prev` and `next` (`None` at the ends of the text).
fn convert_one(prev: Option<char>, cur: char, next: Option<char>) -> char {
    let mut s = String::with_capacity(12);
    s.extend(prev);
    s.push(cur);
    s.extend(next);
    fast2s::convert(&s)
        .chars()
        .nth(usize::from(prev.is_some()))
        .unwrap_or(cur)
}

/// Reads the characters of a text as `fast2s::convert` would turn them, without
/// converting the text: a matcher reads through it where it would have read the
/// converted copy. `fast2s` replaces three-byte characters by three-byte characters, so
/// byte offsets are those of the text itself.
#[derive(Clone, Copy)]
pub(crate) struct Simplifier {
    table: &'static Table,
}

impl Simplifier {
    /// The reader (the first one builds the table of what `fast2s` converts).
    pub(crate) fn new() -> Self {
        Self { table: table() }
    }

    /// The characters that may read as another one, one bit per BMP code point.
    pub(crate) fn convertible(&self) -> &'static [u64] {
        &self.table.bits
    }

    /// The code point at byte `at` of `text` (a char boundary) as converted, and the
    /// length of the character in bytes.
    #[inline(always)]
    pub(crate) fn char_at(&self, text: &str, at: usize) -> (u32, usize) {
        let (cp, len) = char_at(text.as_bytes(), at);
        if len == 3 && may_convert(&self.table.bits, cp) {
            (self.convert(text, at, cp), len)
        } else {
            (cp, len)
        }
    }

    /// The conversion of the three-byte character `cp` at `at`: from the table, or from
    /// `fast2s` with its neighbours when it has special cases. A conversion that would
    /// change the length (which `fast2s` never makes) is not applied.
    #[cold]
    fn convert(&self, text: &str, at: usize, cp: u32) -> u32 {
        let Some(cur) = char::from_u32(cp) else { return cp };
        let conv = if CONTEXTUAL.contains(&cur) {
            let prev = text[..at].chars().next_back();
            let next = text[at + 3..].chars().next();
            convert_one(prev, cur, next)
        } else {
            let lone = &self.table.lone;
            lone.binary_search_by_key(&cp, |&(a, _)| a).map_or(cur, |k| lone[k].1)
        };
        if conv.len_utf8() == 3 { conv as u32 } else { cp }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text as the reader reads it.
    fn simplified(text: &str) -> String {
        let reader = Simplifier::new();
        let mut out = String::new();
        let mut at = 0;
        while at < text.len() {
            let (cp, len) = reader.char_at(text, at);
            out.push(char::from_u32(cp).unwrap());
            at += len;
        }
        out
    }

    #[test]
    fn reads_as_fast2s_converts_traditional_and_mixed_text() {
        let texts = [
            "",
            "濟",
            "山東省濟南市",
            "乾隆的乾兒子一邊乾淨利落地擲出了一個乾卦，一邊嘴裡嚼着芒果乾。",
            "企畫 計畫 企劃 計劃 畫圖 畫畫",
            "「藉」其他意义仍然保留的，藉口、憑藉的藉（jiè）简化作借，慰藉（jiè）、狼藉（jí）等的藉仍用藉。",
            "看著苧麻闔家鍾書校讎讎定仇讎兒寬答覆批覆回覆甚夥瞭望幺麽樊於",
            "全市GDP增长6.0%，达到１２万亿元",
            "著",
            "畫",
            "藉口",
        ];
        for t in texts {
            assert_eq!(simplified(t), fast2s::convert(t), "{t}");
        }
    }

    #[test]
    fn reads_as_fast2s_converts_the_shared_data() {
        for text in crate::shared_texts() {
            for line in text.lines() {
                assert_eq!(simplified(line), fast2s::convert(line), "{line}");
            }
            assert_eq!(simplified(&text), fast2s::convert(&text));
        }
    }

    #[test]
    fn fast2s_keeps_lengths_and_converts_nothing_outside_the_probed_blocks() {
        assert!(
            table()
                .lone
                .iter()
                .all(|&(a, b)| char::from_u32(a).unwrap().len_utf8() == b.len_utf8())
        );
        let mut probe = String::new();
        for c in (0x800..=0xFFFF).filter_map(char::from_u32) {
            if !BLOCKS.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32))) {
                probe.push(c);
                probe.push('0');
            }
        }
        assert_eq!(fast2s::convert(&probe), probe);
    }
}
