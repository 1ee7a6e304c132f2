//! Bytes to text: detect the encoding government sites really use and keep, for every
//! decoded byte, the offset of the original byte it came from.

use std::borrow::Cow;

use encoding_rs::{GB18030, UTF_8, UTF_16BE, UTF_16LE};
use serde::Serialize;

/// The encodings pledge recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (skipped).
    Utf8Bom,
    /// UTF-16, little endian (with or without a byte order mark).
    Utf16Le,
    /// UTF-16, big endian (with or without a byte order mark).
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

/// Why bytes could not be read as text. Offsets count bytes from the start of the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input holds a NUL or other control byte that text never has.
    #[error("binary data (control byte 0x{byte:02x}) at byte offset {offset}")]
    Binary {
        /// Offset of the first offending byte.
        offset: usize,
        /// The byte itself.
        byte: u8,
    },
    /// The input is neither valid UTF-8 nor valid GB18030 (or its UTF-16 is broken).
    #[error("undecodable input at byte offset {offset}: {detail}")]
    Undecodable {
        /// Offset of the first byte that could not be decoded.
        offset: usize,
        /// What was tried.
        detail: String,
    },
}

/// Decoded text and the way back to the original bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text as UTF-8.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// Length of the original input in bytes.
    pub original_len: usize,
    map: OffsetMap,
}

/// How decoded byte offsets map to original ones.
#[derive(Debug, Clone)]
enum OffsetMap {
    /// The original is the decoded text shifted by a byte order mark.
    Shift(usize),
    /// One original offset per decoded byte (plus one for the end).
    Table(Vec<u32>),
}

impl Decoded {
    /// The original byte offset of decoded byte `i` (`i == text.len()` gives the end).
    pub fn original_offset(&self, i: usize) -> usize {
        match &self.map {
            OffsetMap::Shift(s) => i + s,
            OffsetMap::Table(t) => t[i] as usize,
        }
    }

    /// The decoded byte offset of original byte offset `orig` (the first decoded byte
    /// that comes from at or after it): maps spans of the original input onto [`Self::text`].
    pub fn decoded_offset(&self, orig: usize) -> usize {
        match &self.map {
            OffsetMap::Shift(s) => orig.saturating_sub(*s).min(self.text.len()),
            OffsetMap::Table(t) => t.partition_point(|&x| (x as usize) < orig).min(self.text.len()),
        }
    }

    /// Whether decoded bytes map one to one onto original bytes (UTF-8 input).
    pub fn is_linear(&self) -> bool {
        matches!(self.map, OffsetMap::Shift(_))
    }

    /// Wraps text that did not come from bytes (tests, already-decoded input).
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            original_len: text.len(),
            text,
            encoding: Encoding::Utf8,
            map: OffsetMap::Shift(0),
        }
    }
}

/// Decodes bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when its
/// zero bytes give it away), else GB18030/GBK. Binary input is refused with its offset.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3, Encoding::Utf8Bom, bytes.len());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, 2, false, bytes.len());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, 2, true, bytes.len());
    }
    if let Some(big_endian) = looks_like_utf16(bytes) {
        return utf16(bytes, 0, big_endian, bytes.len());
    }
    if let Some(offset) = first_binary_byte(bytes) {
        return Err(DecodeError::Binary {
            offset,
            byte: bytes[offset],
        });
    }
    if let Some(text) = valid_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            original_len: bytes.len(),
            map: OffsetMap::Shift(0),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            original_len: bytes.len(),
            map: OffsetMap::Shift(0),
        }),
        Err(utf8_err) => gb18030(bytes).map_err(|gb_offset| DecodeError::Undecodable {
            offset: utf8_err.valid_up_to().max(gb_offset),
            detail: format!(
                "not UTF-8 (invalid byte at offset {}) and not GB18030 (invalid byte at offset {gb_offset})",
                utf8_err.valid_up_to()
            ),
        }),
    }
}

fn is_binary_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)
}

/// The offset of the first binary byte: 64 bytes at a time (a block is tested without
/// branching, which vectorizes), then the byte within the block.
fn first_binary_byte(bytes: &[u8]) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(64);
    let mut at = 0;
    for block in blocks.by_ref() {
        if block.iter().fold(false, |a, &b| a | is_binary_byte(b)) {
            break;
        }
        at += 64;
    }
    bytes[at..].iter().position(|&b| is_binary_byte(b)).map(|p| p + at)
}

/// `bytes` as text when they are valid UTF-8. `encoding_rs` validates with fewer
/// instructions per byte than the standard library on CJK text (and with SIMD in its
/// newer versions); the standard library still explains invalid input.
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(Cow::Borrowed(text)) => Some(text),
        _ => None,
    }
}

fn utf8(bytes: &[u8], shift: usize, encoding: Encoding, original_len: usize) -> Result<Decoded, DecodeError> {
    let text = match valid_utf8(bytes) {
        Some(text) => text,
        None => std::str::from_utf8(bytes).map_err(|e| DecodeError::Undecodable {
            offset: shift + e.valid_up_to(),
            detail: "invalid UTF-8 after a UTF-8 byte order mark".into(),
        })?,
    };
    if let Some(offset) = first_binary_byte(text.as_bytes()) {
        return Err(DecodeError::Binary {
            offset: offset + shift,
            byte: bytes[offset],
        });
    }
    Ok(Decoded {
        text: text.to_owned(),
        encoding,
        original_len,
        map: OffsetMap::Shift(shift),
    })
}

/// UTF-16 without a BOM: ASCII-heavy UTF-16 has a zero in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 3 >= pairs && even_zero == 0 {
        Some(false)
    } else if even_zero * 3 >= pairs && odd_zero == 0 {
        Some(true)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], shift: usize, big_endian: bool, original_len: usize) -> Result<Decoded, DecodeError> {
    let encoding = if big_endian { UTF_16BE } else { UTF_16LE };
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::Undecodable {
            offset: shift + bytes.len() - 1,
            detail: "UTF-16 input with an odd number of bytes".into(),
        });
    }
    let Some(cow) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        let offset = first_bad_utf16(bytes, big_endian);
        return Err(DecodeError::Undecodable {
            offset: shift + offset,
            detail: "unpaired UTF-16 surrogate".into(),
        });
    };
    let text = cow.into_owned();
    let mut table = Vec::with_capacity(text.len() + 1);
    let mut at = shift;
    for ch in text.chars() {
        for _ in 0..ch.len_utf8() {
            table.push(at as u32);
        }
        at += ch.len_utf16() * 2;
    }
    table.push(at as u32);
    if let Some(pos) = first_binary_byte(text.as_bytes()) {
        return Err(DecodeError::Binary {
            offset: table[pos] as usize,
            byte: text.as_bytes()[pos],
        });
    }
    Ok(Decoded {
        text,
        encoding: if big_endian {
            Encoding::Utf16Be
        } else {
            Encoding::Utf16Le
        },
        original_len,
        map: OffsetMap::Table(table),
    })
}

fn first_bad_utf16(bytes: &[u8], big_endian: bool) -> usize {
    let unit = |i: usize| {
        let pair = [bytes[i], bytes[i + 1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let mut i = 0;
    while i + 1 < bytes.len() {
        let u = unit(i);
        if (0xD800..0xDC00).contains(&u) {
            if i + 3 < bytes.len() && (0xDC00..0xE000).contains(&unit(i + 2)) {
                i += 4;
                continue;
            }
            return i;
        }
        if (0xDC00..0xE000).contains(&u) {
            return i;
        }
        i += 2;
    }
    i
}

/// Decodes GB18030 strictly; on failure returns the offset of the first bad sequence.
fn gb18030(bytes: &[u8]) -> Result<Decoded, usize> {
    let Some(cow) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(first_bad_gb18030(bytes));
    };
    let text = cow.into_owned();
    let mut table = Vec::with_capacity(text.len() + 1);
    let mut at = 0usize;
    for ch in text.chars() {
        for _ in 0..ch.len_utf8() {
            table.push(at as u32);
        }
        at += gb18030_len(bytes, at);
    }
    table.push(at as u32);
    Ok(Decoded {
        text,
        encoding: Encoding::Gb18030,
        original_len: bytes.len(),
        map: OffsetMap::Table(table),
    })
}

/// Byte length of the GB18030 sequence starting at `at` (input already validated).
fn gb18030_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        0x00..=0x80 | 0xFF => 1,
        _ => match bytes.get(at + 1) {
            Some(0x30..=0x39) => 4,
            _ => 2,
        },
    }
}

/// Finds the first sequence a strict GB18030 decoder refuses, by decoding piece by piece.
fn first_bad_gb18030(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let len = gb18030_len(bytes, at).min(bytes.len() - at);
        let piece = &bytes[at..at + len];
        if GB18030
            .decode_without_bom_handling_and_without_replacement(piece)
            .is_none()
        {
            return at;
        }
        at += len;
    }
    bytes.len()
}
