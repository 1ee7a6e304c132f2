//! Who or where a fact is about: the article's place, a scope word resolved through it
//! (`全市`, `全区`, `该区`, `全省`, `全国`/`我国` → `中国`), a place named at the head of
//! the clause (`济南市历下区…` → `历下区`), or an organization whose own figures they are
//! (`山东正泰电缆有限公司已承接订单…`, `该公司…`).

use pledge_text::{Gazetteer, Level};

use crate::lexicon::ScopeWord;
use crate::units::is_cjk;

/// The name a scope word stands for, given the article's place.
pub fn resolve_word(g: &Gazetteer, place: Option<usize>, word: ScopeWord) -> Option<String> {
    resolve_place(g, place, word).map(|p| g.places[p].name.clone())
}

/// The place a scope word stands for, given the article's place: its index in `g`.
pub fn resolve_place(g: &Gazetteer, place: Option<usize>, word: ScopeWord) -> Option<usize> {
    let at = |level: Level| {
        place.and_then(|p| {
            if g.places[p].level < level {
                return None;
            }
            g.ancestor_at(p, level)
                .filter(|&a| g.places[a].name != "市辖区")
                .or_else(|| {
                    (level == Level::Prefecture)
                        .then(|| g.ancestor_at(p, Level::Province))
                        .flatten()
                })
        })
    };
    let idx = match word {
        ScopeWord::Country => Some(0),
        ScopeWord::Province => at(Level::Province),
        ScopeWord::Prefecture => at(Level::Prefecture),
        ScopeWord::County => place.filter(|&p| g.places[p].level == Level::County).or(place),
    }?;
    (idx < g.places.len()).then_some(idx)
}

/// Characters that end an organization's name when read backwards from its suffix.
fn stops_name(c: char) -> bool {
    !is_cjk(c)
        || matches!(
            c,
            '的' | '在'
                | '对'
                | '向'
                | '据'
                | '和'
                | '与'
                | '及'
                | '由'
                | '为'
                | '是'
                | '了'
                | '将'
                | '把'
                | '被'
                | '从'
                | '于'
                | '等'
                | '到'
                | '给'
                | '让'
                | '使'
                | '内'
                | '个'
                | '家'
                | '经'
                | '同'
                | '即'
                | '该'
        )
}

/// The start of the organization name that ends with the suffix at `suffix_start`,
/// reading back no further than `floor` and at most 16 characters.
pub fn org_start(s: &str, floor: usize, suffix_start: usize) -> usize {
    let mut start = suffix_start;
    for (n, c) in s[floor..suffix_start].chars().rev().enumerate() {
        if n >= 16 || stops_name(c) {
            break;
        }
        start -= c.len_utf8();
    }
    start
}
