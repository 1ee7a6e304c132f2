//! The simplified shadow of a paragraph: its traditional characters replaced by simplified
//! ones of the same byte length, so every offset in the shadow is an offset in the text.
//! The mapping is fast2s's, read once into a table of the three-byte characters (the
//! only ones fast2s converts); the few characters fast2s converts by their neighbours
//! are converted with them. A bitmap of the characters the table changes lets a scan of
//! bytes skip every other character.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Characters whose conversion depends on the characters beside them (fast2s 0.3's
/// exclusion and special-case lists).
const BY_CONTEXT: [char; 15] = [
    '兒', '覆', '夥', '藉', '瞭', '麽', '幺', '於', '乾', '著', '苧', '闔', '鍾', '讎', '畫',
];

/// Table entry of a character converted with its neighbours.
const CONTEXT: u16 = 0;
/// Table entry of a character fast2s maps to one of another byte length.
const OTHER_LENGTH: u16 = 1;

/// Whether a code point below U+10000 is a character of three UTF-8 bytes.
fn three_bytes(cp: u16) -> bool {
    cp >= 0x800 && !(0xD800..0xE000).contains(&cp)
}

/// The conversion table and, for a fast scan, the characters it changes.
struct Table {
    /// For each code point below U+10000: its simplified form (or a marker above).
    map: Vec<u16>,
    /// One bit per code point below U+10000: whether `map` changes it (a marker
    /// included), so the characters it leaves alone cost one bit test.
    changes: Vec<u64>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let chars: String = ('\u{800}'..='\u{FFFF}').collect();
        let converted = fast2s::convert(&chars);
        let mut map: Vec<u16> = (0..=0xFFFFu32).map(|c| c as u16).collect();
        for (c, s) in chars.chars().zip(converted.chars()) {
            map[c as usize] = match u16::try_from(u32::from(s)) {
                Ok(s) if three_bytes(s) => s,
                _ => OTHER_LENGTH,
            };
        }
        for c in BY_CONTEXT {
            map[c as usize] = CONTEXT;
        }
        let mut changes = vec![0u64; 0x10000 / 64];
        for (cp, &m) in map.iter().enumerate() {
            if usize::from(m) != cp {
                changes[cp / 64] |= 1 << (cp % 64);
            }
        }
        Table { map, changes }
    })
}

/// The simplified shadow of `text` with the same byte offsets, or `text` itself when it
/// needs no conversion or a conversion would change its length.
pub(crate) fn shadow(text: &str) -> Cow<'_, str> {
    let t = table();
    let mut out: Option<String> = None;
    // Bytes of `text` before `copied` are in `out`.
    let mut copied = 0;
    let mut at = 0;
    while let Some((i, cp)) = crate::marks::next_marked(text.as_bytes(), at, &t.changes) {
        let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
        let end = i + c.len_utf8();
        let s = match t.map[cp as usize] {
            CONTEXT => context_convert(text[..i].chars().next_back(), c, text[end..].chars().next()),
            OTHER_LENGTH => return Cow::Borrowed(text),
            s => char::from_u32(u32::from(s)).unwrap_or(c),
        };
        if s != c {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            o.push(s);
            copied = end;
        }
        at = end;
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// fast2s's conversion of `c` between `prev` and `next`.
fn context_convert(prev: Option<char>, c: char, next: Option<char>) -> char {
    let window: String = prev.into_iter().chain([c]).chain(next).collect();
    let converted = fast2s::convert(&window);
    converted.chars().nth(usize::from(prev.is_some())).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> String {
        let s = fast2s::convert(text);
        if s.len() == text.len() { s } else { text.to_string() }
    }

    #[test]
    fn converts_as_fast2s_does() {
        for text in [
            "單位國內生產總值能耗降低3%左右，作為2025年發展主要預期目標之一",
            "計畫與計劃，企畫；乾隆年間，乾燥；看著書，著作；於是樊於期",
            "慰藉與藉口，憑藉；回覆，覆蓋；瞭望，明瞭；闔家，鍾書與鍾",
            "乾",
            "畫",
            "abc 济南市 2023年",
        ] {
            assert_eq!(shadow(text), reference(text), "{text}");
        }
    }

    #[test]
    fn converts_every_character_alone_as_fast2s_does() {
        for c in ('\u{3400}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}') {
            let text = format!("a{c}b");
            assert_eq!(shadow(&text), reference(&text), "{c}");
        }
    }
}
