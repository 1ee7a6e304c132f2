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

pub use pledge_store::quote::find_quote;

/// Finds where a fact stands in `text` (see [`pledge_store::quote::locate`]).
pub fn locate(text: &str, fact: &FactRecord) -> Option<Located> {
    let range = pledge_store::quote::locate(text, fact.fact.span, &fact.fact.quote)?;
    let placement = if range == (fact.fact.span[0], fact.fact.span[1]) {
        Placement::Span
    } else {
        Placement::Quote
    };
    Some(Located {
        fact: fact.id,
        range,
        placement,
    })
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
