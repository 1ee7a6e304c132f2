//! Character-level cleaning of one paragraph: width folding, reading annotations,
//! spaces inside numbers and between CJK characters, ASCII punctuation in Chinese text.

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

/// Length of a reading annotation starting at `i` (`(yǐ)`, `（shàng）`), if any: a
/// bracket holding one lowercase pinyin syllable (optionally with a tone digit).
fn annotation_len(chars: &[Ch], i: usize) -> Option<usize> {
    if !matches!(chars[i].c, '(' | '（') {
        return None;
    }
    let mut j = i + 1;
    let mut letters = 0;
    let mut vowel = false;
    while j < chars.len() && is_pinyin_letter(chars[j].c) {
        vowel |= is_vowel(chars[j].c);
        letters += 1;
        j += 1;
    }
    if j < chars.len() && matches!(chars[j].c, '1'..='5') && letters > 0 {
        j += 1;
    }
    let closes = j < chars.len() && matches!(chars[j].c, ')' | '）');
    (closes && vowel && (1..=6).contains(&letters)).then_some(j + 1 - i)
}

/// Cleans a line's characters (already folded); `before` is the last character of the
/// paragraph so far, the context of the line's first characters.
pub fn clean(before: Option<char>, chars: &[Ch]) -> Vec<Ch> {
    let mut stripped: Vec<Ch> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let last = stripped.iter().rev().find(|c| c.c != ' ').map(|c| c.c).or(before);
        let after_cjk = last.is_some_and(is_cjk);
        if after_cjk {
            if let Some(n) = annotation_len(chars, i) {
                i += n;
                continue;
            }
        }
        stripped.push(chars[i]);
        i += 1;
    }
    let mut out: Vec<Ch> = Vec::with_capacity(stripped.len());
    let mut i = 0;
    while i < stripped.len() {
        let ch = stripped[i];
        if ch.c == ' ' {
            let mut j = i;
            while j < stripped.len() && stripped[j].c == ' ' {
                j += 1;
            }
            if let (Some(p), Some(n)) = (out.last(), stripped.get(j)) {
                if keep_space(&out, p.c, n.c, stripped.get(j + 1).map(|c| c.c)) {
                    out.push(ch);
                }
            }
            i = j;
            continue;
        }
        let prev = out.last().map(|c| c.c).or(before);
        let next = stripped[i + 1..].iter().find(|c| c.c != ' ').map(|c| c.c);
        out.push(Ch {
            c: fold_punct(ch.c, prev, next),
            ..ch
        });
        i += 1;
    }
    out
}

/// Whether a run of spaces between `p` and `n` carries meaning and stays (one space).
fn keep_space(out: &[Ch], p: char, n: char, after: Option<char>) -> bool {
    if (p.is_ascii_alphabetic() || matches!(p, ',' | '.' | ';' | ':' | '!' | '?')) && n.is_ascii_alphabetic() {
        return true;
    }
    let n_starts_number = n.is_ascii_digit() || (n == '-' && after.is_some_and(|a| a.is_ascii_digit()));
    if p.is_ascii_digit() && n_starts_number {
        // Two numbers side by side (a table row) stay apart when the left one is
        // complete: it already has a decimal part. `20 1 7` and `14 . 8` are joined.
        let token = out.iter().rev().take_while(|c| c.c.is_ascii_digit() || c.c == '.');
        return token.clone().any(|c| c.c == '.') || n == '-';
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
