//! A fact's quote in its document: where it stands, and the sentence around it (what a
//! reviewer reads to judge the fact), shared by the CLI and the web.

use serde::{Deserialize, Serialize};

/// A quote with the rest of its sentence: `before` + `quote` + `after` is the sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InContext {
    /// The sentence's text before the quote.
    pub before: String,
    /// The quoted span as it stands in the document (the fact's quote when not found).
    pub quote: String,
    /// The sentence's text after the quote.
    pub after: String,
    /// Whether the quote was found in the document (else `before` and `after` are empty).
    pub found: bool,
}

/// Longest stretch of context kept on either side of a quote, in characters.
const MAX_SIDE: usize = 120;

/// Characters that end a sentence. A single line break does not: newspaper columns and
/// web pages break lines inside sentences; a blank line ends a paragraph.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?')
}

/// The characters of `chars` up to the end of the sentence or paragraph, at most
/// [`MAX_SIDE`] of them, line breaks dropped; and the punctuation that ended it, if any.
fn sentence_side(chars: impl Iterator<Item = char>) -> (String, Option<char>) {
    let mut out = String::new();
    let mut newline = false;
    for c in chars {
        if ends_sentence(c) {
            return (out, Some(c));
        }
        if c == '\n' {
            if newline {
                break;
            }
            newline = true;
            continue;
        }
        newline = newline && c.is_whitespace();
        if out.chars().count() == MAX_SIDE {
            break;
        }
        out.push(c);
    }
    (out, None)
}

/// The byte range of the first occurrence of `quote` in `text`, allowing whitespace
/// (line breaks, spaces) between its characters.
pub fn find_quote(text: &str, quote: &str) -> Option<(usize, usize)> {
    let q: Vec<char> = quote.chars().filter(|c| !c.is_whitespace()).collect();
    if q.is_empty() {
        return None;
    }
    if let Some(start) = text.find(quote) {
        return Some((start, start + quote.len()));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (0..chars.len())
        .filter(|&i| chars[i].1 == q[0])
        .find_map(|i| match_from(&chars, i, &q))
}

/// The end of `q` matched at `chars[i]`, skipping whitespace in the text.
fn match_from(chars: &[(usize, char)], i: usize, q: &[char]) -> Option<(usize, usize)> {
    let mut qi = 0;
    for &(at, c) in &chars[i..] {
        if c == q[qi] {
            qi += 1;
            if qi == q.len() {
                return Some((chars[i].0, at + c.len_utf8()));
            }
        } else if !c.is_whitespace() {
            return None;
        }
    }
    None
}

/// Whitespace removed (quotes join line breaks and drop spaces inside numbers).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a fact's quote stands in `text`: at its byte `span` when that span covers the
/// quote, else at the quote's first occurrence; `None` when neither.
pub fn locate(text: &str, span: [usize; 2], quote: &str) -> Option<(usize, usize)> {
    let [a, b] = span;
    if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
        let at = squash(&text[a..b]);
        let q = squash(quote);
        if q.is_empty() || at.contains(&q) || q.contains(&at) {
            return Some((a, b));
        }
    }
    find_quote(text, quote)
}

/// The sentence of `text` around the quote of a fact (see [`locate`]), each side cut to
/// [`MAX_SIDE`] characters.
pub fn in_context(text: &str, span: [usize; 2], quote: &str) -> InContext {
    let Some((a, b)) = locate(text, span, quote) else {
        return InContext {
            quote: quote.to_owned(),
            ..InContext::default()
        };
    };
    let before: String = sentence_side(text[..a].chars().rev()).0.chars().rev().collect();
    let (mut after, end) = sentence_side(text[b..].chars());
    after.extend(end);
    InContext {
        before: before.trim_start().to_owned(),
        quote: text[a..b].replace('\n', ""),
        after: after.trim_end().to_owned(),
        found: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_across_line_breaks() {
        let text = "到2025年，全市单位\n地区生产总值能耗下降14.5%。";
        let (a, b) = find_quote(text, "单位地区生产总值能耗下降14.5%").unwrap();
        assert!(text[a..b].starts_with("单位\n地区"));
        assert!(text[a..b].ends_with("14.5%"));
        assert_eq!(find_quote(text, "不存在"), None);
        assert_eq!(find_quote(text, ""), None);
    }

    #[test]
    fn the_context_is_the_sentence_around_the_quote() {
        let text = "去年全区技术合同成交额任务62亿元。实际完成84.6亿元，超指标任务22.6亿元。下一句。";
        let c = in_context(text, [0, 0], "超指标任务22.6亿元");
        assert_eq!(c.before, "实际完成84.6亿元，");
        assert_eq!(c.quote, "超指标任务22.6亿元");
        assert_eq!(c.after, "。");
        assert!(c.found);
        let start = text.find("实际").unwrap();
        let at_span = in_context(text, [start, start + "实际完成84.6亿元".len()], "实际完成84.6亿元");
        assert_eq!(at_span.after, "，超指标任务22.6亿元。");
        let missing = in_context(text, [0, 0], "不在文中");
        assert!(!missing.found && missing.before.is_empty() && missing.quote == "不在文中");
    }

    #[test]
    fn long_sentences_are_cut() {
        let text = format!("{}目标{}", "甲".repeat(300), "乙".repeat(300));
        let c = in_context(&text, [0, 0], "目标");
        assert_eq!(c.before.chars().count(), MAX_SIDE);
        assert_eq!(c.after.chars().count(), MAX_SIDE);
    }
}
