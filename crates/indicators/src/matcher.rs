//! Scoring a wording against the library: exact name or alias, normalised form,
//! containment, character overlap; the unit's dimension decides between candidates.

use std::collections::HashSet;

use pledge_model::Measure;
use serde::Serialize;

use crate::library::{Library, Wording};
use crate::units::units_agree;

/// The score from which a match may be taken without a person: an exact name or alias,
/// or the same normalised form.
pub const CONFIDENT: f64 = 0.9;

/// Matches scoring below this are not reported at all.
pub const MIN_SCORE: f64 = 0.4;

/// What is looked up: an indicator's wording, and the unit and measure of the value
/// that comes with it (when known) to check the dimension against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Query<'a> {
    /// The wording as extracted or typed.
    pub name: &'a str,
    /// The unit of the value, if any (`None`: no unit check).
    pub unit: Option<&'a str>,
    /// The measure of the value (a `%` change fits any indicator).
    pub measure: Measure,
}

impl<'a> Query<'a> {
    /// A query for a wording, without a unit, for a level.
    pub fn new(name: &'a str) -> Query<'a> {
        Query {
            name,
            unit: None,
            measure: Measure::Level,
        }
    }

    /// The query with the value's unit.
    pub fn unit(mut self, unit: &'a str) -> Query<'a> {
        self.unit = Some(unit);
        self
    }

    /// The query with the value's measure.
    pub fn measure(mut self, measure: Measure) -> Query<'a> {
        self.measure = measure;
        self
    }
}

/// Why a wording matched an entry, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The entry's canonical name, exactly.
    Name,
    /// One of the entry's aliases, exactly.
    Alias,
    /// The same normalised form as the name or an alias.
    Normalized,
    /// The wording holds a wording of the entry (`企业获评绿色工厂` ⊃ `绿色工厂`).
    Contains,
    /// The wording is part of a wording of the entry (`建成节` ⊂ `建成节约型机关`).
    ContainedIn,
    /// Enough characters in common (pairs of neighbouring characters).
    Overlap,
}

impl Reason {
    /// The reason as a code (`name`, `alias`, `normalized`, `contains`, `contained_in`,
    /// `overlap`).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Name => "name",
            Reason::Alias => "alias",
            Reason::Normalized => "normalized",
            Reason::Contains => "contains",
            Reason::ContainedIn => "contained_in",
            Reason::Overlap => "overlap",
        }
    }
}

/// A library entry a wording may mean, with how sure the matcher is and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Index of the entry in [`Library::entries`].
    pub index: usize,
    /// The entry's key (the store's indicator id).
    pub key: i64,
    /// The entry's canonical name.
    pub name: String,
    /// The library wording that matched (the name or an alias).
    pub via: String,
    /// From 0 to 1; [`CONFIDENT`] and above may be taken without a person.
    pub score: f64,
    /// Why it matched.
    pub reason: Reason,
    /// Whether the query's unit agrees in dimension with the entry's.
    pub units_agree: bool,
}

impl Match {
    /// True when the match may be taken without a person: a high score and agreeing units.
    pub fn is_confident(&self) -> bool {
        self.units_agree && self.score >= CONFIDENT
    }
}

impl Library {
    /// The best entry for the query among those whose unit agrees, if any scores at least
    /// [`MIN_SCORE`].
    pub fn best(&self, query: &Query<'_>) -> Option<Match> {
        self.ranked(query).into_iter().find(|m| m.units_agree)
    }

    /// Every entry scoring at least [`MIN_SCORE`], best first (one match per entry, its
    /// best wording), those whose unit disagrees included with `units_agree: false`.
    pub fn ranked(&self, query: &Query<'_>) -> Vec<Match> {
        let text = query.name.trim();
        if text.is_empty() {
            return Vec::new();
        }
        let normal = crate::normalize(text);
        let chars: Vec<char> = normal.chars().collect();
        let pairs = bigrams(&chars);
        let mut best: Vec<Option<(f64, Reason, &Wording)>> = vec![None; self.entries().len()];
        for wording in self.wordings() {
            let Some((score, reason)) = score(text, &normal, &chars, &pairs, wording, self) else {
                continue;
            };
            let slot = &mut best[wording.entry];
            if slot.is_none_or(|(s, r, _)| (score, std::cmp::Reverse(reason)) > (s, std::cmp::Reverse(r))) {
                *slot = Some((score, reason, wording));
            }
        }
        let mut out: Vec<Match> = best
            .into_iter()
            .enumerate()
            .filter_map(|(index, found)| {
                let (score, reason, wording) = found?;
                let entry = self.entry(index)?;
                let agree = query
                    .unit
                    .is_none_or(|unit| units_agree(entry.unit.as_deref(), unit, query.measure));
                Some(Match {
                    index,
                    key: entry.key,
                    name: entry.name.clone(),
                    via: wording.text.clone(),
                    score,
                    reason,
                    units_agree: agree,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.reason.cmp(&b.reason))
                .then(a.index.cmp(&b.index))
        });
        out
    }
}

/// The score of one wording of the library against the query, if it matches at all.
fn score(
    text: &str,
    normal: &str,
    chars: &[char],
    pairs: &HashSet<(char, char)>,
    wording: &Wording,
    library: &Library,
) -> Option<(f64, Reason)> {
    if wording.text == text {
        let is_name = library.entry(wording.entry).is_some_and(|e| e.name.trim() == text);
        return Some(if is_name {
            (1.0, Reason::Name)
        } else {
            (0.99, Reason::Alias)
        });
    }
    if wording.normal.is_empty() || chars.is_empty() {
        return None;
    }
    if wording.normal == normal {
        return Some((0.95, Reason::Normalized));
    }
    let (shorter, longer) = (
        wording.chars.len().min(chars.len()),
        wording.chars.len().max(chars.len()),
    );
    let ratio = shorter as f64 / longer as f64;
    if shorter >= 2 && normal.contains(wording.normal.as_str()) {
        return Some((0.5 + 0.35 * ratio, Reason::Contains));
    }
    if shorter >= 3 && wording.normal.contains(normal) {
        return Some((0.45 + 0.35 * ratio, Reason::ContainedIn));
    }
    let dice = dice(pairs, &bigrams(&wording.chars));
    let score = 0.8 * dice;
    (score >= MIN_SCORE).then_some((score, Reason::Overlap))
}

/// The pairs of neighbouring characters of a text (a single character counts as a pair
/// with itself).
fn bigrams(chars: &[char]) -> HashSet<(char, char)> {
    match chars {
        [] => HashSet::new(),
        [c] => HashSet::from([(*c, *c)]),
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// The Dice coefficient of two sets of pairs: twice the shared pairs over both counts.
fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Entry;

    fn library() -> Library {
        Library::new([
            Entry::new(1, "空气质量优良天数比例", "%").alias("空气质量优良率"),
            Entry::new(2, "空气质量优良天数", "天").alias("优良天数"),
            Entry::new(3, "单位地区生产总值能耗", "吨标准煤/万元").alias("能耗强度"),
            Entry::new(4, "地区生产总值", "元").alias("GDP"),
            Entry::new(5, "省级及以上绿色工厂", "家").alias("绿色工厂"),
            Entry::new(6, "污水处理能力", "吨/日"),
        ])
    }

    fn best(name: &str, unit: &str, measure: Measure) -> Option<(i64, Reason, bool)> {
        library()
            .best(&Query::new(name).unit(unit).measure(measure))
            .map(|m| (m.key, m.reason, m.is_confident()))
    }

    #[test]
    fn exact_and_normalised_wordings_are_confident() {
        use Measure::*;
        assert_eq!(best("空气质量优良天数比例", "%", Level), Some((1, Reason::Name, true)));
        assert_eq!(best("空气质量优良率", "%", Level), Some((1, Reason::Alias, true)));
        assert_eq!(best("优良率", "%", Level), Some((1, Reason::Normalized, true)));
        assert_eq!(best("萬元GDP能耗", "%", Change), Some((3, Reason::Normalized, true)));
        assert_eq!(best("地區生產總值", "亿元", Level), Some((4, Reason::Normalized, true)));
        assert_eq!(
            best("全市污水日处理能力", "万吨/日", Level),
            Some((6, Reason::Normalized, true))
        );
    }

    #[test]
    fn partial_wordings_match_without_confidence() {
        let (key, reason, confident) = best("企业获评绿色工厂", "家", Measure::Level).unwrap();
        assert_eq!((key, reason, confident), (5, Reason::Contains, false));
        let (key, reason, confident) = best("绿色工厂数", "家", Measure::Level).unwrap();
        assert_eq!(key, 5);
        assert!(!confident, "{reason:?}");
    }

    #[test]
    fn the_unit_decides_and_refuses() {
        // 优良天数 in % is the share, not the count of days.
        assert_eq!(best("优良天数", "%", Measure::Level).map(|m| m.0), Some(1));
        assert_eq!(best("优良天数", "天", Measure::Level), Some((2, Reason::Alias, true)));
        // A % indicator never matches a mass.
        assert_eq!(best("空气质量优良率", "万吨", Measure::Level), None);
        let ranked = library().ranked(&Query::new("空气质量优良率").unit("万吨"));
        assert_eq!(ranked[0].key, 1);
        assert!(!ranked[0].units_agree);
    }

    #[test]
    fn junk_matches_nothing() {
        for junk in ["联盟成员单位齐聚一堂", "110米高的立塔生产线", "分季度看", ""] {
            assert!(library().best(&Query::new(junk)).is_none(), "{junk}");
        }
    }
}
