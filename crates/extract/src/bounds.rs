//! Bound words: `以上`/`超过`/`不低于` (≥), `以内`/`以下`/`不超过`/`控制在…以内` (≤),
//! `约`/`左右`/`近` (~), and `余`/`多` after a number (≥), in simplified and traditional
//! characters (matched through the simplified shadow of the text).

use pledge_model::Bound;

use crate::lexicon::{Lexicon, Side};

/// The bound word (side `after`) starting at byte `i` of `s`, and its end.
pub fn after_bound(lex: &Lexicon, s: &str, i: usize) -> Option<(Bound, usize)> {
    let (w, end) = lex.word_at(s, i)?;
    match lex.tags[w].bound {
        Some((b, Side::After)) => Some((b, end)),
        _ => None,
    }
}

/// Combines the bound words found around one number: a word before it and a word after
/// it. The word after wins when both are present (`约…左右`, `超过…以上`), except that an
/// upper bound before (`控制在…`) with no word after stays an upper bound.
pub fn combine(before: Option<Bound>, inline: Option<Bound>, after: Option<Bound>) -> Bound {
    after.or(inline).or(before).unwrap_or(Bound::Eq)
}
