//! Byte-level scanning of UTF-8 text, several bytes at a time where it pays: the steps
//! the rest of the crate repeats over every byte of its input (line ends, display
//! widths, runs of ASCII, decoding one character at a known boundary).

/// `0x01` in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;

/// `0x80` in every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `at`, as a little-endian word, if there are eight.
#[inline(always)]
fn word_at(b: &[u8], at: usize) -> Option<u64> {
    let w = b.get(at..at + 8)?;
    let mut word = [0; 8];
    word.copy_from_slice(w);
    Some(u64::from_le_bytes(word))
}

/// `0x80` in the lowest byte of `x` that is zero (higher bytes may be flagged wrongly,
/// so only the lowest flag counts), or 0 when no byte is.
#[inline(always)]
fn lowest_zero_byte(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Decodes the character that starts at byte `at` of valid UTF-8 and returns its code
/// point and length. Cheaper than `str::chars` where a scan needs one character at a
/// time, at offsets it already knows are boundaries.
#[inline(always)]
pub(crate) fn char_at(b: &[u8], at: usize) -> (u32, usize) {
    let b0 = u32::from(b[at]);
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (u32::from(b[at + 1]) & 0x3F), 2)
    } else if b0 < 0xF0 {
        let c = ((b0 & 0x0F) << 12) | ((u32::from(b[at + 1]) & 0x3F) << 6) | (u32::from(b[at + 2]) & 0x3F);
        (c, 3)
    } else {
        let c = ((b0 & 0x07) << 18)
            | ((u32::from(b[at + 1]) & 0x3F) << 12)
            | ((u32::from(b[at + 2]) & 0x3F) << 6)
            | (u32::from(b[at + 3]) & 0x3F);
        (c, 4)
    }
}

/// The offset of the first byte at or after `at` that is not ASCII (or the length).
pub(crate) fn skip_ascii(b: &[u8], mut at: usize) -> usize {
    while let Some(x) = word_at(b, at) {
        let high = x & HIGH;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < b.len() && b[at] < 0x80 {
        at += 1;
    }
    at
}

/// Display width of UTF-8 bytes: one column per character, one more for each three-
/// or four-byte character (CJK, full-width forms), three more for a tab. One pass over
/// the bytes in blocks of 32 summed in 8-bit lanes (at most 4 per byte), with signed
/// byte compares, which the compiler vectorizes.
pub(crate) fn display_width(b: &[u8]) -> usize {
    let mut total = 0;
    for block in b.chunks(32) {
        let mut sum: u8 = 0;
        for &x in block {
            let y = x as i8;
            // Not a continuation byte (below 0x80 or from 0xC0), a lead byte from 0xE0, a tab.
            sum += u8::from(y >= -64) + u8::from((-32..0).contains(&y)) + 3 * u8::from(x == b'\t');
        }
        total += usize::from(sum);
    }
    total
}

/// The offset of the first `'\n'` at or after `from`: eight bytes at a time (the lowest
/// zero byte of the word XOR newlines), then the tail.
pub(crate) fn find_newline(b: &[u8], mut at: usize) -> Option<usize> {
    while let Some(x) = word_at(b, at) {
        let newline = lowest_zero_byte(x ^ (u64::from(b'\n') * ONES));
        if newline != 0 {
            return Some(at + (newline.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b[at..].iter().position(|&c| c == b'\n').map(|p| at + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes from pieces of UTF-8 with tabs, newlines and carriage returns.
    fn samples() -> Vec<Vec<u8>> {
        let pieces = [
            "到",
            "2025",
            "\t",
            "\n",
            "\r\n",
            "ａ",
            "é",
            "𠀀",
            " ",
            "\u{3000}",
            "abcdefgh",
            "年度目标",
        ];
        let mut seed = 5u64;
        (0..500)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..(seed % 90) {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
                seed = seed.wrapping_add(3);
                s.into_bytes()
            })
            .collect()
    }

    #[test]
    fn widths_count_columns_of_characters() {
        for b in samples() {
            let text = String::from_utf8(b).unwrap();
            let want: usize = text
                .chars()
                .map(|c| 1 + usize::from(c.len_utf8() >= 3) + 3 * usize::from(c == '\t'))
                .sum();
            assert_eq!(display_width(text.as_bytes()), want);
        }
    }

    #[test]
    fn newlines_are_found() {
        for b in samples() {
            for from in 0..=b.len() {
                let want = b[from..].iter().position(|&c| c == b'\n').map(|p| from + p);
                assert_eq!(find_newline(&b, from), want);
            }
        }
    }

    #[test]
    fn ascii_runs_and_characters_are_read_from_bytes() {
        for b in samples() {
            let text = String::from_utf8(b).unwrap();
            let b = text.as_bytes();
            for (at, c) in text.char_indices() {
                assert_eq!(char_at(b, at), (c as u32, c.len_utf8()));
                let want = b[at..].iter().position(|&x| x >= 0x80).map_or(b.len(), |p| at + p);
                assert_eq!(skip_ascii(b, at), want);
            }
        }
    }
}
