//! Character-level cleaning of one line: width folding, reading annotations,
//! spaces inside numbers and between CJK characters, ASCII punctuation in Chinese text.

use crate::normalized::Normalized;

/// One character of a paragraph being cleaned, with the original bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ch {
    /// The (possibly folded) character.
    pub c: char,
    /// Original start offset.
    pub s: u32,
    /// Original end offset.
    pub e: u32,
}

/// Folds one character: full-width digits, letters, `％`, `．`, `／`, `＋`, `－` to ASCII;
/// every kind of space to `' '`; zero-width characters to nothing. Not NFKC: `①` stays.
/// (A `const fn`: the tables that let cleaning skip plain text are built from it at
/// compile time.)
pub const fn fold(c: char) -> Option<char> {
    // Fast paths: ASCII, and everything from U+3001 to U+FEFE (CJK punctuation and
    // ideographs) stays, as the full match below says.
    let cp = c as u32;
    if cp < 0x80 {
        return match c {
            '\t' => Some(' '),
            '\r' => None,
            _ => Some(c),
        };
    }
    if cp >= 0x3001 && cp < 0xFEFF {
        return Some(c);
    }
    Some(match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            match char::from_u32(c as u32 - 0xFF10 + 0x30) {
                Some(f) => f,
                None => c,
            }
        }
        '％' => '%',
        '．' => '.',
        '／' => '/',
        '＋' => '+',
        '－' => '-',
        '\u{3000}' | '\u{00A0}' | '\t' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => return None,
        _ => c,
    })
}

/// Whether `c` is a CJK ideograph (including `〇`).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '\u{3007}')
}

/// Whether `c` is wide on screen and paper (CJK, full-width forms, Chinese punctuation).
pub fn is_wide(c: char) -> bool {
    !c.is_ascii() && !matches!(c, '\u{00A0}'..='\u{02FF}')
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

fn is_vowel(c: char) -> bool {
    "aeiouvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// Length in bytes of a reading annotation at the start of `s` (`(yǐ)`, `（shàng）`), if
/// any: a bracket holding one lowercase pinyin syllable (optionally with a tone digit).
fn annotation_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    if !matches!(chars.next(), Some((_, '(' | '（'))) {
        return None;
    }
    let mut letters = 0;
    let mut vowel = false;
    let mut digit = false;
    for (at, c) in chars {
        match c {
            ')' | '）' => return (vowel && (1..=6).contains(&letters)).then_some(at + c.len_utf8()),
            '1'..='5' if letters > 0 && !digit => digit = true,
            c if is_pinyin_letter(c) && !digit => {
                vowel |= is_vowel(c);
                letters += 1;
            }
            _ => return None,
        }
        if letters > 6 {
            return None;
        }
    }
    None
}

/// The next character of `s` after `from` that is not a space (folded), and the one
/// after it.
fn next_chars(s: &str, from: usize) -> (Option<char>, Option<char>) {
    let mut it = s[from..].chars().filter_map(fold).filter(|&c| c != ' ');
    (it.next(), it.next())
}

/// The next character of `s` after `from` that is not a space (folded).
fn next_char(s: &str, from: usize) -> Option<char> {
    s[from..].chars().filter_map(fold).find(|&c| c != ' ')
}

/// For each byte that starts a character: 0 when the character may be one cleaning
/// changes (ASCII spaces and punctuation, and the lead bytes of full-width forms, special
/// spaces and zero-width characters), else the length of the character, to skip it.
/// Continuation bytes never start a character; they get 1.
const ADVANCE: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut k = 0xC0;
    while k < 256 {
        t[k] = if k < 0xE0 {
            2
        } else if k < 0xF0 {
            3
        } else {
            4
        };
        k += 1;
    }
    let ascii = b" \t\r(),;:?!";
    k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = 0;
        k += 1;
    }
    t[0xC2] = 0;
    t[0xE2] = 0;
    t[0xE3] = 0;
    t[0xEF] = 0;
    t
};

/// Characters that stay as they are but whose neighbourhood cleaning must look at.
const fn is_special_char(c: char) -> bool {
    matches!(c, ' ' | '(' | '（' | ')' | ',' | ';' | ':' | '?' | '!')
}

/// Whether cleaning leaves the character with code point `cp` alone (and need not look at
/// its neighbours).
const fn is_plain(cp: u32) -> bool {
    match char::from_u32(cp) {
        Some(c) => matches!(fold(c), Some(f) if f == c) && !is_special_char(c),
        None => false,
    }
}

/// The characters cleaning looks at among U+0080..U+00BF (lead byte `C2`): bit `k` for
/// U+0080 + `k`, the low six bits of the second byte.
const LOOK_C2: u64 = {
    let mut bits = 0;
    let mut k = 0;
    while k < 64 {
        if !is_plain(0x80 + k) {
            bits |= 1 << k;
        }
        k += 1;
    }
    bits
};

/// The characters cleaning looks at among the three-byte characters with lead bytes
/// `E2`, `E3` and `EF` (U+2000.., U+3000.., U+F000..): indexed by the low six bits of
/// the second byte, bit by those of the third.
const LOOK_3: [[u64; 64]; 3] = {
    let bases = [0x2000, 0x3000, 0xF000];
    let mut t = [[0; 64]; 3];
    let mut l = 0;
    while l < 3 {
        let mut k = 0;
        while k < 4096 {
            if !is_plain(bases[l] + k) {
                t[l][(k >> 6) as usize] |= 1 << (k & 63);
            }
            k += 1;
        }
        l += 1;
    }
    t
};

/// The offset of the first character at or after `from` (a char boundary) that cleaning
/// may change or must look around (or the length of `bytes`, which are valid UTF-8): one
/// table lookup per character, and a bit test for the few lead bytes that may start one.
fn next_special(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        let b = bytes[from];
        let advance = ADVANCE[b as usize];
        if advance != 0 {
            from += usize::from(advance);
            continue;
        }
        let byte = |k: usize| bytes.get(from + k).map_or(0, |&x| usize::from(x & 0x3F));
        let (look, len) = match b {
            0xC2 => (LOOK_C2 >> byte(1) & 1 != 0, 2),
            0xE2 => (LOOK_3[0][byte(1)] >> byte(2) & 1 != 0, 3),
            0xE3 => (LOOK_3[1][byte(1)] >> byte(2) & 1 != 0, 3),
            0xEF => (LOOK_3[2][byte(1)] >> byte(2) & 1 != 0, 3),
            _ => (true, 1),
        };
        if look {
            return from;
        }
        from += len;
    }
    bytes.len()
}

/// Cleans one line of a paragraph straight into `out`: folds characters, drops reading
/// annotations, closes up spaces (keeping those between Latin words and between two
/// complete numbers), and folds ASCII punctuation inside Chinese. `para_start` is where
/// the paragraph began in `out` (its text so far is the left context); `orig` maps a
/// byte offset of `line` to the original input. When `linear` (the line's bytes map one
/// to one onto the original), runs of characters that stay as they are are copied whole.
pub fn clean_into(out: &mut Normalized, para_start: usize, line: &str, linear: bool, orig: impl Fn(usize) -> usize) {
    let mut i = 0;
    let mut run = 0;
    let bytes = line.as_bytes();
    while i < line.len() {
        if linear {
            i = next_special(bytes, i);
            if i >= line.len() {
                break;
            }
        }
        let Some(c) = line[i..].chars().next() else { break };
        let len = c.len_utf8();
        let f = fold(c);
        let plain = f == Some(c) && !is_special_char(c);
        if plain && linear {
            i += len;
            continue;
        }
        if run < i {
            out.push_str(&line[run..i], orig(run));
        }
        let Some(f) = f else {
            i += len;
            run = i;
            continue;
        };
        let para = &out.text[para_start..];
        if f == ' ' {
            let mut j = i + len;
            while let Some(c2) = line[j..].chars().next() {
                if fold(c2).is_some_and(|x| x != ' ') {
                    break;
                }
                j += c2.len_utf8();
            }
            let (next, after) = next_chars(line, j);
            if let (Some(p), Some(n)) = (para.chars().next_back(), next) {
                if p != ' ' && keep_space(para, p, n, after) {
                    out.push(' ', orig(i)..orig(i + len));
                }
            }
            i = j;
            run = i;
            continue;
        }
        if matches!(f, '(' | '（') && para.trim_end_matches(' ').chars().next_back().is_some_and(is_cjk) {
            if let Some(n) = annotation_len(&line[i..]) {
                i += n;
                run = i;
                continue;
            }
        }
        let folded = if f.is_ascii_punctuation() {
            fold_punct(f, para.chars().next_back(), next_char(line, i + len))
        } else {
            f
        };
        out.push(folded, orig(i)..orig(i + len));
        i += len;
        run = i;
    }
    if run < line.len() {
        out.push_str(&line[run..], orig(run));
    }
}

/// Whether a run of spaces between `p` and `n` carries meaning and stays (one space).
fn keep_space(left: &str, p: char, n: char, after: Option<char>) -> bool {
    if (p.is_ascii_alphabetic() || matches!(p, ',' | '.' | ';' | ':' | '!' | '?')) && n.is_ascii_alphabetic() {
        return true;
    }
    let n_starts_number = n.is_ascii_digit() || (n == '-' && after.is_some_and(|a| a.is_ascii_digit()));
    if p.is_ascii_digit() && n_starts_number {
        // Two numbers side by side (a table row) stay apart when the left one is
        // complete: it already has a decimal part. `20 1 7` and `14 . 8` are joined.
        let token = left.bytes().rev().take_while(|&b| b.is_ascii_digit() || b == b'.');
        return token.clone().any(|b| b == b'.') || n == '-';
    }
    false
}

/// ASCII punctuation inside Chinese text becomes its full-width form; inside numbers
/// (`1,000`, `10:30`) and Latin text it stays.
fn fold_punct(c: char, prev: Option<char>, next: Option<char>) -> char {
    let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
    let cjk = |x: Option<char>| x.is_some_and(|x| is_cjk(x) || is_wide(x));
    let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphabetic());
    match c {
        ',' if digit(prev) && digit(next) => c,
        ',' if latin(prev) && !cjk(next) => c,
        ',' => '，',
        ';' if cjk(prev) || cjk(next) => '；',
        ':' if digit(prev) && digit(next) => c,
        ':' if cjk(prev) || cjk(next) => '：',
        '?' if cjk(prev) => '？',
        '!' if cjk(prev) => '！',
        '(' if cjk(prev) || cjk(next) => '（',
        ')' if cjk(prev) || cjk(next) => '）',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_special_stops_exactly_at_the_characters_cleaning_looks_at() {
        let mut buf = [0; 4];
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            if c as u32 > 0x1_0000 && c as u32 % 97 != 0 {
                continue;
            }
            let looked_at = fold(c) != Some(c) || is_special_char(c);
            let s = c.encode_utf8(&mut buf);
            let stop = next_special(s.as_bytes(), 0);
            assert_eq!(stop == 0, looked_at, "{c:?} U+{:04X}", c as u32);
            assert!(stop == 0 || stop == s.len());
        }
    }
}
