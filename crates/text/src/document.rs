//! A decoded document as lines and paragraphs: the layout of printed columns (lines cut
//! at the column edge, indented paragraph starts, stray blank lines from column breaks)
//! is undone, and each paragraph is cleaned into the normalized text.

use std::ops::Range;
use std::sync::OnceLock;

use crate::clean::{Ch, clean, fold, is_wide};
use crate::decode::Decoded;
use crate::normalized::Normalized;

/// One physical line of the decoded text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range in the decoded text, without the line break.
    pub range: Range<usize>,
    /// Display width of the leading white space (a full-width space counts 2).
    pub indent: usize,
    /// Display width of the whole line (CJK characters count 2).
    pub width: usize,
    /// Whether the line holds nothing (or only boilerplate).
    pub blank: bool,
}

/// One paragraph: consecutive lines joined back together.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Byte range of the paragraph in [`Document::norm`].
    pub range: Range<usize>,
    /// Indices into [`Document::lines`] of its first and past-its-last line.
    pub lines: Range<usize>,
    /// Whether its first line is indented (a paragraph start in print).
    pub indented: bool,
    /// Whether it is a byline (`□记者 王健 报道`).
    pub byline: bool,
}

/// A decoded document, its lines, and its normalized paragraphs (one per line of
/// [`Document::norm`]).
#[derive(Debug, Clone)]
pub struct Document {
    /// The decoded input.
    pub decoded: Decoded,
    /// Its physical lines.
    pub lines: Vec<Line>,
    /// The normalized text: paragraphs separated by `'\n'`.
    pub norm: Normalized,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// The raw (decoded, unnormalized) text of line `i`.
    pub fn line_text(&self, i: usize) -> &str {
        &self.decoded.text[self.lines[i].range.clone()]
    }

    /// The normalized text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.norm.text[self.paragraphs[i].range.clone()]
    }
}

fn boilerplate() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../data/boilerplate.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect()
    })
}

fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match fold(c) {
            None => 0,
            Some('\t') => 4,
            Some(c) if is_wide(c) => 2,
            Some(_) => 1,
        })
        .sum()
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= text.len() {
        let end = memchr_newline(bytes, start).unwrap_or(text.len());
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let s = &text[start..content_end];
        let trimmed = s.trim_start_matches(|c: char| fold(c).is_none_or(|f| f == ' '));
        let indent = display_width(&s[..s.len() - trimmed.len()]);
        let body = trimmed.trim_end();
        let blank = body.is_empty() || boilerplate().iter().any(|b| body.starts_with(b.as_str()));
        lines.push(Line {
            range: start..content_end,
            indent,
            width: display_width(s.trim_end()),
            blank,
        });
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    lines
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..].iter().position(|&b| b == b'\n').map(|p| p + from)
}

/// Whether a line is (part of) a byline: `□记者 王健 报道`, `通讯员 韩宏伟 报道`.
pub fn is_byline_line(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    let t = t.trim_start_matches(['□', '■', '▲', '◆', '●', '○', '◇', '☆', '★']);
    let t = t.strip_prefix("本报").or_else(|| t.strip_prefix("本報")).unwrap_or(t);
    let starts = [
        "记者",
        "通讯员",
        "特约记者",
        "见习记者",
        "实习生",
        "記者",
        "通訊員",
        "特約記者",
    ]
    .iter()
    .any(|k| t.starts_with(k));
    starts && t.chars().count() <= 40 && !t.contains('。') && !t.contains('，')
}

fn ends_sentence(raw: &str) -> bool {
    let t =
        raw.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"'));
    t.ends_with(['。', '！', '？', '!', '?', '…', '；'])
}

/// Splits decoded text into lines and paragraphs and normalizes each paragraph.
pub fn normalize(decoded: Decoded) -> Document {
    let lines = split_lines(&decoded.text);
    let content: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank).collect();
    let bylines: Vec<bool> = content
        .iter()
        .map(|&i| is_byline_line(&decoded.text[lines[i].range.clone()]))
        .collect();
    let widths: Vec<usize> = content.iter().map(|&i| lines[i].width).collect();
    let unwrapped = median(&widths) > 110;
    let mut groups: Vec<(usize, usize, bool)> = Vec::new(); // (first content idx, last, byline)
    for (k, &i) in content.iter().enumerate() {
        let raw = &decoded.text[lines[i].range.clone()];
        let new = match groups.last() {
            None => true,
            Some(&(_, last, was_byline)) => {
                let j = content[last];
                let prev_raw = &decoded.text[lines[j].range.clone()];
                if was_byline || bylines[k] {
                    // A byline continues on the next line until it says 报道.
                    let open_byline =
                        was_byline && bylines[k] && !prev_raw.contains("报道") && !prev_raw.contains("報道");
                    !open_byline
                } else {
                    unwrapped
                        || lines[i].indent >= 2
                        || !is_full(&widths, &bylines, last)
                        || (ends_sentence(prev_raw) && !is_full(&widths, &bylines, k) && !ends_sentence(raw))
                        || raw.trim_start().starts_with("本报")
                        || raw.trim_start().starts_with("本報")
                        || prev_raw.trim_end().ends_with("——")
                }
            }
        };
        if new {
            groups.push((k, k, bylines[k]));
        } else if let Some(g) = groups.last_mut() {
            g.1 = k;
        }
    }
    let mut norm = Normalized::with_capacity(decoded.text.len());
    let mut paragraphs = Vec::with_capacity(groups.len());
    for (first, last, byline) in groups {
        let mut chars: Vec<Ch> = Vec::new();
        for &i in &content[first..=last] {
            let r = lines[i].range.clone();
            let line = &decoded.text[r.clone()];
            let start_len = chars.len();
            for (off, c) in line.char_indices() {
                if let Some(f) = fold(c) {
                    let s = decoded.original_offset(r.start + off);
                    let e = decoded.original_offset(r.start + off + c.len_utf8());
                    chars.push(Ch {
                        c: f,
                        s: s as u32,
                        e: e as u32,
                    });
                }
            }
            // A Latin word cut at the line end gets its space back.
            if byline || (start_len > 0 && chars.len() > start_len) {
                let prev = chars[..start_len].iter().rev().find(|c| c.c != ' ').map(|c| c.c);
                let next = chars[start_len..].iter().find(|c| c.c != ' ').map(|c| c.c);
                if byline
                    || (prev.is_some_and(|p| p.is_ascii_alphabetic()) && next.is_some_and(|n| n.is_ascii_alphabetic()))
                {
                    let at = chars.get(start_len).map_or(0, |c| c.s);
                    chars.insert(start_len, Ch { c: ' ', s: at, e: at });
                }
            }
        }
        let cleaned = if byline { trim(chars) } else { clean(&chars) };
        if cleaned.is_empty() {
            continue;
        }
        if !norm.is_empty() {
            let at = norm.original_span(norm.len() - 1..norm.len()).end;
            norm.push('\n', at..at);
        }
        let start = norm.len();
        for ch in cleaned {
            norm.push(ch.c, ch.s as usize..ch.e as usize);
        }
        paragraphs.push(Paragraph {
            range: start..norm.len(),
            lines: content[first]..content[last] + 1,
            indented: lines[content[first]].indent >= 2,
            byline,
        });
    }
    Document {
        decoded,
        lines,
        norm,
        paragraphs,
    }
}

/// Bylines keep their spaces (they separate names) but lose the outer ones.
fn trim(chars: Vec<Ch>) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::with_capacity(chars.len());
    for ch in chars {
        if ch.c == ' ' && out.last().is_none_or(|p| p.c == ' ') {
            continue;
        }
        out.push(ch);
    }
    while out.last().is_some_and(|c| c.c == ' ') {
        out.pop();
    }
    out
}

fn upper_quartile(v: &[usize]) -> usize {
    if v.is_empty() {
        return 0;
    }
    let mut s = v.to_vec();
    s.sort_unstable();
    s[(s.len() * 3 / 4).min(s.len() - 1)]
}

fn median(v: &[usize]) -> usize {
    if v.is_empty() {
        return 0;
    }
    let mut s = v.to_vec();
    s.sort_unstable();
    s[s.len() / 2]
}

/// Whether content line `k` reaches the column edge: at least 85% of the column width,
/// estimated as the upper quartile of the widths of the lines around it (a cut line
/// continues on the next one).
fn is_full(widths: &[usize], bylines: &[bool], k: usize) -> bool {
    let lo = k.saturating_sub(8);
    let hi = (k + 9).min(widths.len());
    let around: Vec<usize> = (lo..hi).filter(|&i| !bylines[i]).map(|i| widths[i]).collect();
    widths[k] * 100 >= upper_quartile(&around) * 85
}
