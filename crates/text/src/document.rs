//! A decoded document as lines and paragraphs: the layout of printed columns (lines cut
//! at the column edge, indented paragraph starts, stray blank lines from column breaks)
//! is undone, and each paragraph is cleaned into the normalized text.

use std::ops::Range;
use std::sync::OnceLock;

use crate::clean::{Ch, clean_into, fold};
use crate::decode::Decoded;
use crate::normalized::Normalized;
use crate::scan::{display_width, find_newline};

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

/// The boilerplate prefixes, each with its first character (compared first), and a
/// 64-bit filter of those first characters: most lines start with none of them.
fn boilerplate() -> &'static (Vec<(char, String)>, u64) {
    static LIST: OnceLock<(Vec<(char, String)>, u64)> = OnceLock::new();
    LIST.get_or_init(|| {
        let list: Vec<(char, String)> = include_str!("../data/boilerplate.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| Some((l.chars().next()?, l.to_string())))
            .collect();
        let filter = list.iter().fold(0, |f, &(c, _)| f | filter_bit(c));
        (list, filter)
    })
}

/// The bit of a first character in the boilerplate filter.
fn filter_bit(c: char) -> u64 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 26)
}

/// Whether a line's (trimmed) body starts with a boilerplate prefix.
fn is_boilerplate(body: &str) -> bool {
    let Some(first) = body.chars().next() else {
        return false;
    };
    let (list, filter) = boilerplate();
    filter & filter_bit(first) != 0 && list.iter().any(|(c, b)| *c == first && body.starts_with(b.as_str()))
}

/// Splits text into physical lines (at `'\n'`, a `'\r'` before it dropped).
fn split_lines(text: &str) -> Vec<Line> {
    // Lines of print columns hold some 15 to 30 characters (45 to 90 bytes).
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= text.len() {
        let end = find_newline(bytes, start).unwrap_or(text.len());
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let s = &text[start..content_end];
        let trimmed = s.trim_start_matches(|c: char| fold(c).is_none_or(|f| f == ' '));
        let indent = display_width(&s.as_bytes()[..s.len() - trimmed.len()]);
        let body = trimmed.trim_end();
        let blank = body.is_empty() || is_boilerplate(body);
        lines.push(Line {
            range: start..content_end,
            indent,
            width: display_width(s.trim_end().as_bytes()),
            blank,
        });
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    lines
}

/// The characters a byline line may open with: a marker, or the first of a role keyword.
const BYLINE_OPENERS: [char; 18] = [
    '□', '■', '▲', '◆', '●', '○', '◇', '☆', '★', '本', '记', '記', '通', '特', '见', '見', '实', '實',
];

/// Whether a line is (part of) a byline: `□记者 王健 报道`, `通讯员 韩宏伟 报道`.
pub fn is_byline_line(raw: &str) -> bool {
    // Cheap test first: a byline opens with a marker or a role keyword.
    let first = raw.trim_start_matches([' ', '\u{3000}', '\t']).chars().next();
    if !first.is_some_and(|c| BYLINE_OPENERS.contains(&c)) {
        return false;
    }
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

/// A table's row flattened to one line (`指标 |2020年 |2025年 |属性`): its own paragraph,
/// never joined to the row before or after it.
fn is_table_row(line: &str) -> bool {
    // Bytes, not characters: this runs on every line of every document.
    let b = line.trim().as_bytes();
    let ascii = memchr::memchr2_iter(b'|', b'\t', b).take(2).count();
    ascii >= 2 || ascii + memchr::memmem::find_iter(b, "｜".as_bytes()).take(2).count() >= 2
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
    // Most documents hold no bar and no tab: one SIMD pass spares a test of every line.
    let bytes = decoded.text.as_bytes();
    let may_tabulate =
        memchr::memchr2(b'|', b'\t', bytes).is_some() || memchr::memmem::find(bytes, "｜".as_bytes()).is_some();
    let table_row = |line: &str| may_tabulate && is_table_row(line);
    let full = full_lines(&widths, &bylines);
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
                        || !full[last]
                        || (ends_sentence(prev_raw) && !full[k] && !ends_sentence(raw))
                        || raw.trim_start().starts_with("本报")
                        || raw.trim_start().starts_with("本報")
                        || prev_raw.trim_end().ends_with("——")
                        || table_row(prev_raw)
                        || table_row(raw)
                }
            }
        };
        if new {
            groups.push((k, k, bylines[k]));
        } else if let Some(g) = groups.last_mut() {
            g.1 = k;
        }
    }
    // Room for the text to grow by an eighth (ASCII commas become full-width ones).
    let mut norm = Normalized::with_capacity(decoded.text.len() + decoded.text.len() / 8);
    let mut paragraphs = Vec::with_capacity(groups.len());
    let linear = decoded.is_linear();
    for (first, last, byline) in groups {
        let before = norm.len();
        if !norm.is_empty() {
            let at = norm.original_offset(norm.len());
            norm.push('\n', at..at);
        }
        let start = norm.len();
        if byline {
            let mut chars = Vec::new();
            for &i in &content[first..=last] {
                let at = decoded.original_offset(lines[i].range.start) as u32;
                chars.push(Ch { c: ' ', s: at, e: at });
                fold_into(&decoded, lines[i].range.clone(), &mut chars);
            }
            for ch in trim(chars) {
                norm.push(ch.c, ch.s as usize..ch.e as usize);
            }
        } else {
            for &i in &content[first..=last] {
                push_line(&decoded, lines[i].range.clone(), linear, start, &mut norm);
            }
        }
        if norm.len() == start {
            norm.truncate(before);
            continue;
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

/// Folds the characters of `range` of the decoded text, with their original offsets.
fn fold_into(decoded: &Decoded, range: Range<usize>, out: &mut Vec<Ch>) {
    for (off, c) in decoded.text[range.clone()].char_indices() {
        if let Some(f) = fold(c) {
            let s = decoded.original_offset(range.start + off);
            let e = decoded.original_offset(range.start + off + c.len_utf8());
            out.push(Ch {
                c: f,
                s: s as u32,
                e: e as u32,
            });
        }
    }
}

fn is_space_like(c: char) -> bool {
    fold(c).is_none_or(|f| f == ' ')
}

/// Appends one line of a paragraph (which began at `para_start` in `norm`): clean lines
/// of linearly mapped text are copied whole; others go through [`clean_into`].
fn push_line(decoded: &Decoded, range: Range<usize>, linear: bool, para_start: usize, norm: &mut Normalized) {
    let line = &decoded.text[range.clone()];
    let body = line.trim_start_matches(is_space_like);
    let lead = line.len() - body.len();
    let body = body.trim_end_matches(is_space_like);
    if body.is_empty() {
        return;
    }
    let body_start = range.start + lead;
    let prev = norm.text[para_start..].chars().next_back();
    // A Latin word cut at the line end gets its space back.
    if prev.is_some_and(|p| p.is_ascii_alphabetic()) && body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let at = decoded.original_offset(body_start);
        norm.push(' ', at..at);
    }
    clean_into(norm, para_start, body, linear, |i| {
        decoded.original_offset(body_start + i)
    });
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

fn median(v: &[usize]) -> usize {
    if v.is_empty() {
        return 0;
    }
    let mut s = v.to_vec();
    s.sort_unstable();
    s[s.len() / 2]
}

/// For each content line, whether it reaches the column edge: at least 85% of the column
/// width, estimated as the upper quartile of the widths of the (non-byline) lines around
/// it. A line that reaches the edge was cut there and continues on the next one.
fn full_lines(widths: &[usize], bylines: &[bool]) -> Vec<bool> {
    // The window of line k is lines k-8..k+9; it slides by one line per step, so the
    // sorted widths of its non-byline lines are kept up to date by one removal and one
    // insertion instead of being sorted again.
    let mut window = SortedWindow::default();
    let n = widths.len();
    for i in 0..n.min(9) {
        if !bylines[i] {
            window.insert(widths[i]);
        }
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        if k >= 9 && !bylines[k - 9] {
            window.remove(widths[k - 9]);
        }
        if k >= 1 && k + 8 < n && !bylines[k + 8] {
            window.insert(widths[k + 8]);
        }
        let column = window.upper_quartile();
        out.push(widths[k] * 100 >= column * 85);
    }
    out
}

/// Up to 17 line widths, kept sorted.
#[derive(Default)]
struct SortedWindow {
    v: [usize; 17],
    n: usize,
}

impl SortedWindow {
    /// Adds a width (the window holds fewer than 17).
    fn insert(&mut self, w: usize) {
        let mut i = self.n;
        while i > 0 && self.v[i - 1] > w {
            self.v[i] = self.v[i - 1];
            i -= 1;
        }
        self.v[i] = w;
        self.n += 1;
    }

    /// Removes one occurrence of a width it holds.
    fn remove(&mut self, w: usize) {
        if let Some(i) = self.v[..self.n].iter().position(|&x| x == w) {
            self.v.copy_within(i + 1..self.n, i);
            self.n -= 1;
        }
    }

    /// The width at three quarters of the sorted window (0 when it is empty).
    fn upper_quartile(&self) -> usize {
        match self.n {
            0 => 0,
            n => self.v[(n * 3 / 4).min(n - 1)],
        }
    }
}
