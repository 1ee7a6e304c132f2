//! The indicator: the noun phrase a number measures, as worded in the text, with
//! annotations in brackets, quotes and spaces removed; and how a `分别` list shares it
//! out (`化学需氧量、氨氮排放总量分别下降…` → `化学需氧量排放总量`, `氨氮排放总量`).

use crate::lexicon::Lexicon;
use crate::shadow::shadow;
use crate::substr::{contains, find};

/// `分别` (respectively) in both scripts: it shares a list's values out and is no part of
/// a name.
pub(crate) const RESPECTIVELY: [&str; 2] = ["分别", "分別"];

/// Whether byte `b` of UTF-8 text may belong to a character [`clean`] removes or edits:
/// ASCII brackets, quotes, whitespace and punctuation, and the lead bytes of the
/// characters from U+0080 to U+3FFF and from U+F000 (Chinese ideographs, led by E4 to E9,
/// and continuation bytes never are).
const fn may_clean(b: u8) -> bool {
    match b {
        b'(' | b')' | b'[' | b']' | b'"' | b'\'' | b',' | b';' | b':' | b'-' => true,
        0..=0x7F => b.is_ascii_whitespace() || b == 0x0B,
        0x80..=0xBF => false,
        0xE4..=0xEE => false,
        _ => true,
    }
}

/// [`may_clean`] for every byte.
const MAY_CLEAN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = may_clean(b as u8);
        b += 1;
    }
    t
};

/// Removes bracketed annotations (`（产业集群）`, `[2]`), quotes and whitespace.
pub fn clean(text: &str) -> String {
    // Most indicators are plain ideographs: nothing to remove, nothing to trim.
    if !text.bytes().any(|b| MAY_CLEAN[usize::from(b)]) {
        return text.to_string();
    }
    clean_chars(text)
}

/// [`clean`] character by character.
fn clean_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    // Kept characters are copied in runs: `run` is where the current run began.
    let mut run = Some(0);
    for (i, c) in text.char_indices() {
        let keep = match c {
            '（' | '(' | '[' | '［' | '【' => {
                depth += 1;
                false
            }
            '）' | ')' | ']' | '］' | '】' => {
                depth = depth.saturating_sub(1);
                false
            }
            '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' | '《' | '》' => false,
            c if c.is_whitespace() => false,
            _ => depth == 0,
        };
        match (keep, run) {
            (true, None) => run = Some(i),
            (false, Some(r)) => {
                out.push_str(&text[r..i]);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(r) = run {
        out.push_str(&text[r..]);
    }
    let edge = |c: char| matches!(c, '，' | '、' | '；' | '：' | '。' | ',' | ';' | ':' | '—' | '-' | '…');
    let end = out.trim_end_matches(edge).len();
    out.truncate(end);
    let start = out.len() - out.trim_start_matches(edge).len();
    out.drain(..start);
    out
}

/// Whether a stretch of text is only a quoted slogan (`“一村一年一场戏”`).
pub fn is_slogan(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('“') && t.ends_with('”') && t.matches('“').count() == 1)
        || (t.starts_with('"') && t.ends_with('"') && t.len() > 2)
}

/// Splits the subject of a `分别` list into its items (`、`, `和`, `及`, `与`, `以及`),
/// outside brackets.
pub fn list_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let yiji = c == '以' && chars.peek().is_some_and(|&(_, n)| n == '及');
        if depth == 0 && (matches!(c, '、' | '和' | '及' | '与' | '，') || yiji) {
            items.push(&text[start..i]);
            start = i + c.len_utf8();
            if yiji {
                start += chars.next().map_or(0, |(_, n)| n.len_utf8());
            }
        }
    }
    items.push(&text[start..]);
    items.into_iter().map(clean).filter(|s| !s.is_empty()).collect()
}

/// The indicators of a list of places or groups that share one value and one measured
/// noun after `的` (`国家生态文明试验区、大气污染防治重点区域的…覆盖率不低于80%`): one per
/// item, each with the shared noun, or `None` when `indicator` is not such a list.
pub fn shared_tail_items(indicator: &str) -> Option<(Vec<String>, &str)> {
    let (items, tail) = indicator.split_once('的')?;
    if !items.contains('、') || tail.is_empty() {
        return None;
    }
    let list: Vec<&str> = items.split('、').collect();
    // 电力、热力、燃气及水的生产和供应业: one name whose last item is joined by 及.
    let fits = list.len() >= 2
        && list
            .iter()
            .all(|i| (3..=16).contains(&i.chars().count()) && !i.contains(['及', '和', '与']));
    fits.then(|| (list.iter().map(|i| format!("{i}的{tail}")).collect(), tail))
}

/// The indicators of a `分别` list of `n` values: one per item when the items and values
/// pair up, with the head the last item carries (`重点工程减排量`) or the prefix the
/// first carries (`单位国内生产总值`) shared out; else the whole subject for each.
pub fn distribute(lex: &Lexicon, subject: &str, n: usize) -> Vec<String> {
    let items = list_items(subject);
    if items.len() != n || n < 2 {
        return vec![clean(subject); n];
    }
    let mut out = items.clone();
    // The word lists are simplified; items in traditional script are read through their
    // shadow (same byte offsets), and what is shared out is written as the text has it.
    let first = &items[0];
    let first_s = shadow(first);
    if let Some(p) = lex
        .prefixes
        .iter()
        .filter(|p| first_s.starts_with(p.as_str()))
        .max_by_key(|p| p.len())
    {
        let prefix = &first[..p.len()];
        for item in out.iter_mut().skip(1) {
            let item_s = shadow(item);
            if !lex.prefixes.iter().any(|x| item_s.starts_with(x.as_str())) {
                *item = format!("{prefix}{item}");
            }
        }
        return out;
    }
    let last = &items[n - 1];
    let last_s = shadow(last);
    let head = lex
        .heads
        .iter()
        .filter_map(|h| find(&last_s, h).filter(|&p| p > 0).map(|p| (p, &last[p..])))
        .min_by_key(|&(p, _)| p)
        .map(|(_, h)| h.to_string());
    if let Some(h) = head {
        for item in out.iter_mut().take(n - 1) {
            let item_s = shadow(item);
            if !lex.heads.iter().any(|x| contains(&item_s, x)) {
                item.push_str(&h);
            }
        }
    }
    // 完成投资分别占年度: the 分别 that shared the values out is no part of a name.
    for item in &mut out {
        for w in RESPECTIVELY {
            if contains(item, w) {
                *item = item.replace(w, "");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn a_list_sharing_its_measured_noun() {
        let (items, tail) = super::shared_tail_items("试验区、重点区域的快充站覆盖率").expect("a list");
        assert_eq!(items, ["试验区的快充站覆盖率", "重点区域的快充站覆盖率"]);
        assert_eq!(tail, "快充站覆盖率");
        assert!(super::shared_tail_items("城市的快充站覆盖率").is_none());
        assert!(super::shared_tail_items("试验区、重点区域").is_none());
        assert!(super::shared_tail_items("电力、热力、燃气及水的生产和供应业单位增加值能耗").is_none());
    }

    use super::{clean, clean_chars, list_items};

    /// `list_items` as first written: characters collected into each item.
    fn list_items_by_chars(text: &str) -> Vec<String> {
        let mut items = Vec::new();
        let mut cur = String::new();
        let mut depth = 0usize;
        let chars: Vec<char> = text.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            let sep = depth == 0
                && (matches!(c, '、' | '和' | '及' | '与' | '，') || (c == '以' && chars.get(k + 1) == Some(&'及')));
            if sep {
                if c == '以' {
                    k += 1;
                }
                items.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
            k += 1;
        }
        items.push(cur);
        items.into_iter().map(|s| clean(&s)).filter(|s| !s.is_empty()).collect()
    }

    proptest! {
        /// The shortcut for text with nothing to remove changes no result.
        #[test]
        fn shortcut_agrees(parts in prop::collection::vec(prop::sample::select(vec![
            "单位", "能耗", "（", "）", "(", ")", "[2]", "【注】", "“", "”", "‘", "’", "\"", "'",
            "「", "」", "『", "』", "《", "》", " ", "\u{3000}", "\u{a0}", "\u{2009}", "\u{b}",
            "，", "、", "；", "：", "。", ",", ";", ":", "—", "-", "…", "a", "1", "😀", "é", "\u{e000}",
        ]), 0..12)) {
            let s: String = parts.concat();
            prop_assert_eq!(clean(&s), clean_chars(&s));
        }

        /// Splitting by offsets gives the items that collecting characters gave.
        #[test]
        fn list_items_agree(parts in prop::collection::vec(prop::sample::select(vec![
            "化学需氧量", "氨氮", "、", "和", "及", "与", "，", "以", "以及", "（", "）", "(", ")", "排放总量", " ",
        ]), 0..12)) {
            let s: String = parts.concat();
            prop_assert_eq!(list_items(&s), list_items_by_chars(&s));
        }
    }
}
