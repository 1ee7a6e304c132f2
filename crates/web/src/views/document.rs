//! The document view: the text cut into pieces so that every extracted fact (and the
//! quoted span a source link points at) is highlighted where it stands.
//!
//! Fact spans are byte offsets into the document's original bytes. When the stored text
//! is those bytes decoded from UTF-8 the span is used as is; when it does not land on the
//! quote (a GBK original, a normalized text), the quote is searched for in the text
//! instead, and a fact that cannot be found either way is listed apart, never guessed.

use pledge_store::{FactRecord, Review};

/// How a fact was placed in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// At its span.
    Span,
    /// At the first occurrence of its quote.
    Quote,
}

/// A fact located in the text: its byte range in the stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The fact's id.
    pub fact: i64,
    /// Byte range in the stored text.
    pub range: (usize, usize),
    /// How it was found.
    pub placement: Placement,
}

/// A piece of the text: plain, or covered by one or more facts / the selected span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text of the piece.
    pub text: String,
    /// The facts covering it (empty: plain text).
    pub facts: Vec<i64>,
    /// The review state of the first covering fact, as a CSS class (`pending`…).
    pub class: &'static str,
    /// Whether the selected span (`?span=a-b` or `?fact=ID`) covers it.
    pub selected: bool,
    /// An anchor id to put on the piece (`fact-12`, `hl`) where a fact or the selection
    /// starts.
    pub anchors: Vec<String>,
}

/// Normalizes text for comparing a quote with the span it should cover: whitespace
/// removed (quotes join line breaks and drop spaces inside numbers).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Finds where a fact stands in `text`.
pub fn locate(text: &str, fact: &FactRecord) -> Option<Located> {
    let [a, b] = fact.fact.span;
    if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
        let at = squash(&text[a..b]);
        let quote = squash(&fact.fact.quote);
        if quote.is_empty() || at == quote || at.contains(&quote) || quote.contains(&at) {
            return Some(Located {
                fact: fact.id,
                range: (a, b),
                placement: Placement::Span,
            });
        }
    }
    find_quote(text, &fact.fact.quote).map(|range| Located {
        fact: fact.id,
        range,
        placement: Placement::Quote,
    })
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
    'start: for i in 0..chars.len() {
        if chars[i].1 != q[0] {
            continue;
        }
        let mut qi = 0;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if c == q[qi] {
                qi += 1;
                if qi == q.len() {
                    let end = chars[j].0 + c.len_utf8();
                    return Some((chars[i].0, end));
                }
            } else if !c.is_whitespace() {
                continue 'start;
            }
            j += 1;
        }
        return None;
    }
    None
}

/// The CSS class of a review state.
pub fn review_class(review: Review) -> &'static str {
    review.as_str()
}

/// Cuts `text` into pieces at every boundary of a located fact and of the selection.
pub fn pieces(
    text: &str,
    located: &[Located],
    reviews: &dyn Fn(i64) -> Review,
    selection: Option<(usize, usize)>,
) -> Vec<Piece> {
    let selection =
        selection.filter(|(a, b)| a < b && *b <= text.len() && text.is_char_boundary(*a) && text.is_char_boundary(*b));
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for l in located {
        cuts.push(l.range.0);
        cuts.push(l.range.1);
    }
    if let Some((a, b)) = selection {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let facts: Vec<i64> = located
            .iter()
            .filter(|l| l.range.0 <= a && b <= l.range.1)
            .map(|l| l.fact)
            .collect();
        let mut anchors: Vec<String> = located
            .iter()
            .filter(|l| l.range.0 == a)
            .map(|l| format!("fact-{}", l.fact))
            .collect();
        let selected = selection.is_some_and(|(sa, sb)| sa <= a && b <= sb);
        if selection.is_some_and(|(sa, _)| sa == a) {
            anchors.push("hl".to_owned());
        }
        let class = facts.first().map_or("", |f| review_class(reviews(*f)));
        out.push(Piece {
            text: text[a..b].to_owned(),
            facts,
            class,
            selected,
            anchors,
        });
    }
    out
}

/// Parses `?span=12-34` into a byte range.
pub fn parse_span(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once(['-', ','])?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a < b).then_some((a, b))
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
    fn overlapping_facts_and_selection_cut_into_pieces() {
        let text = "abcdefghij";
        let located = vec![
            Located {
                fact: 1,
                range: (2, 6),
                placement: Placement::Span,
            },
            Located {
                fact: 2,
                range: (4, 8),
                placement: Placement::Span,
            },
        ];
        let p = pieces(text, &located, &|_| Review::Pending, Some((4, 6)));
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, vec!["ab", "cd", "ef", "gh", "ij"]);
        assert_eq!(p[2].facts, vec![1, 2]);
        assert!(p[2].selected && !p[1].selected);
        assert_eq!(p[1].anchors, vec!["fact-1"]);
        assert_eq!(p[2].anchors, vec!["fact-2".to_owned(), "hl".to_owned()]);
        assert_eq!(p[0].class, "");
        assert_eq!(p[1].class, "pending");
        assert_eq!(p.iter().map(|p| p.text.clone()).collect::<String>(), text);
    }

    #[test]
    fn bad_selections_are_ignored() {
        let text = "济南";
        let p = pieces(text, &[], &|_| Review::Pending, Some((1, 3)));
        assert_eq!(p.len(), 1);
        assert!(!p[0].selected);
        assert_eq!(parse_span("3-9"), Some((3, 9)));
        assert_eq!(parse_span("9-3"), None);
        assert_eq!(parse_span("x"), None);
    }
}
