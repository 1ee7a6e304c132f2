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
pub fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c)
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

/// Bytes that may start a character cleaning changes: ASCII spaces and punctuation, and
/// the lead bytes of full-width forms, special spaces and zero-width characters.
const MAYBE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let ascii = b" \t\r(),;:?!";
    while k < ascii.len() {
        t[ascii[k] as usize] = true;
        k += 1;
    }
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Characters that stay as they are but whose neighbourhood cleaning must look at.
fn is_special_char(c: char) -> bool {
    matches!(c, ' ' | '(' | '（' | ')' | ',' | ';' | ':' | '?' | '!')
}

/// The offset of the first character at or after `from` that cleaning may change (or
/// the length of `bytes`): a table lookup per byte, a closer look only at lead bytes.
fn next_special(bytes: &[u8], mut from: usize) -> usize {
    while from < bytes.len() {
        if MAYBE_SPECIAL[bytes[from] as usize] {
            let b = bytes[from];
            if b < 0x80 {
                return from;
            }
            let len = if b >= 0xE0 { 3 } else { 2 };
            let c = std::str::from_utf8(&bytes[from..(from + len).min(bytes.len())])
                .ok()
                .and_then(|s| s.chars().next());
            match c {
                Some(c) if fold(c) == Some(c) && !is_special_char(c) => from += len,
                _ => return from,
            }
        } else {
            from += 1;
        }
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
            fold_punct(f, para.chars().next_back(), next_chars(line, i + len).0)
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
