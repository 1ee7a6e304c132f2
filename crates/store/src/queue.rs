//! The review queue: every pending fact with the sentence it was read from, what it
//! would join (region, indicator, targets) and why it waits for a person. The CLI's
//! `pledge review`, the web's `/review` and the ingester's own acceptance all ask this
//! module, so "why is this pending" has one answer.

use std::collections::HashMap;

use pledge_model::{Bound, Fact, Kind, Measure};
use serde::{Deserialize, Serialize};

use crate::quote::{InContext, in_context};
use crate::{
    Acceptance, DocumentId, FactFilter, FactRecord, Indicator, IndicatorId, Result, Review, Source, Store,
    TargetFilter, TargetId,
};

/// The lowest indicator match score a fact is accepted with without a person.
pub const HIGH_CONFIDENCE: f64 = 0.8;

/// What a conflicting value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictWith {
    /// The current revision of an observation (accepting the fact replaces it).
    Observation,
    /// A target of the same region, indicator, year and measure.
    Target,
}

/// A stored value that a fact contradicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Observation or target.
    pub with: ConflictWith,
    /// Its id.
    pub id: i64,
    /// Its value.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Where it was read.
    pub source: Source,
}

/// Why a fact waits for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Its wording matched no indicator of the library: accepting it needs a person to
    /// choose one or name a new one.
    NewIndicator {
        /// The wording.
        wording: String,
    },
    /// Its scope matched no region.
    NoRegion {
        /// The scope as written.
        scope: String,
    },
    /// A target without a due year cannot be assessed.
    NoDueYear,
    /// It matched an indicator, but not closely.
    LowConfidence {
        /// The indicator's library name.
        indicator: String,
        /// The match score, 0–1 (see [`match_score`]).
        score: f64,
    },
    /// It contradicts a stored value.
    Conflict {
        /// The value.
        conflict: Conflict,
        /// The title of the document that value was read from ('' when it came from a
        /// web address or a person).
        source_title: String,
    },
    /// Its value is out of the range the indicator's unit allows.
    Implausible {
        /// Why.
        message: String,
    },
}

impl Reason {
    /// A stable code (`new_indicator`, `conflict`…), as in the JSON `kind`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::NewIndicator { .. } => "new_indicator",
            Reason::NoRegion { .. } => "no_region",
            Reason::NoDueYear => "no_due_year",
            Reason::LowConfidence { .. } => "low_confidence",
            Reason::Conflict { .. } => "conflict",
            Reason::Implausible { .. } => "implausible",
        }
    }
}

/// A target an accepted fact would join (a target fact: the same commitment; an actual
/// fact: a target its figure counts towards).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinedTarget {
    /// The target.
    pub id: TargetId,
    /// Its due year.
    pub year: i32,
    /// Its bound.
    pub bound: Bound,
    /// Its value.
    pub value: f64,
    /// Its unit.
    pub unit: String,
}

/// What a fact would join when accepted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Joins {
    /// The region's name, when the scope matched one.
    pub region: Option<String>,
    /// The library indicator's name, when the wording matched one.
    pub indicator: Option<String>,
    /// The targets of that region and indicator.
    pub targets: Vec<JoinedTarget>,
}

/// One fact of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The fact.
    pub fact: FactRecord,
    /// The title of its document.
    pub document_title: String,
    /// Its quote in the sentence around it.
    pub context: InContext,
    /// What it would join.
    pub joins: Joins,
    /// How closely its wording matched the indicator (none without an indicator).
    pub score: Option<f64>,
    /// Why it waits (empty: nothing keeps it from being accepted as it is).
    pub reasons: Vec<Reason>,
}

/// Which pending facts to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// Only facts of this document.
    pub document: Option<DocumentId>,
    /// Only facts pending for this reason (a [`Reason::code`]).
    pub reason: Option<String>,
}

/// Scope words that open an indicator's wording without changing what it measures.
const SCOPE_PREFIXES: &[&str] = &["全市", "全区", "全县", "全省", "全国", "市", "区"];

/// How closely an extracted wording names an indicator, 0–1: 1 for its name or an alias
/// (after a scope word such as 全市), else the share of the wording's characters that a
/// name or alias it ends with covers, else 0.
pub fn match_score(indicator: &Indicator, wording: &str) -> f64 {
    let wording: String = wording.split_whitespace().collect();
    let bare = SCOPE_PREFIXES
        .iter()
        .find_map(|p| wording.strip_prefix(p).filter(|rest| rest.chars().count() >= 2))
        .unwrap_or(&wording);
    let names = || std::iter::once(&indicator.name).chain(indicator.aliases.iter());
    if names().any(|n| n == bare || *n == wording) {
        return 1.0;
    }
    let len = bare.chars().count().max(1) as f64;
    names()
        .filter(|n| bare.ends_with(n.as_str()))
        .map(|n| n.chars().count() as f64 / len)
        .fold(0.0, f64::max)
}

/// Why a fact's value cannot be right, if it cannot: a share in % beyond ±100 or a change
/// of more than ±100 %, a negative count or amount.
pub fn implausible(fact: &Fact) -> Option<String> {
    let percent = &*fact.unit == "%";
    let v = fact.value;
    match fact.measure {
        Measure::Level if percent && !(-100.0..=100.0).contains(&v) => {
            Some(format!("{v}% is not a share or rate (outside −100…100%)"))
        }
        Measure::Change if percent && v.abs() > 100.0 => Some(format!("a change of {v}% is beyond ±100%")),
        Measure::Level if !percent && v < 0.0 => Some(format!("{v} {} is negative", fact.unit)),
        _ => None,
    }
}

/// What the queue reads once for many facts.
struct Lookups {
    indicators: HashMap<IndicatorId, Indicator>,
    documents: HashMap<DocumentId, (String, String)>,
    regions: HashMap<i64, String>,
}

impl Lookups {
    fn new(store: &dyn Store) -> Result<Lookups> {
        Ok(Lookups {
            indicators: store.indicators()?.into_iter().map(|i| (i.id, i)).collect(),
            documents: HashMap::new(),
            regions: HashMap::new(),
        })
    }

    /// The title and text of a document.
    fn document(&mut self, store: &dyn Store, id: DocumentId) -> Result<&(String, String)> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.documents.entry(id) {
            let entry = match store.document(id)? {
                Some(d) => {
                    let title = if d.info.title.is_empty() {
                        d.info.name.clone()
                    } else {
                        d.info.title.clone()
                    };
                    (title, d.text)
                }
                None => (String::new(), String::new()),
            };
            slot.insert(entry);
        }
        Ok(&self.documents[&id])
    }

    /// A region's name.
    fn region(&mut self, store: &dyn Store, id: i64) -> Result<String> {
        if let Some(name) = self.regions.get(&id) {
            return Ok(name.clone());
        }
        let name = store.region(id)?.map(|r| r.name).unwrap_or_default();
        self.regions.insert(id, name.clone());
        Ok(name)
    }
}

/// The pending facts the filter selects, each with its context, joins and reasons.
pub fn pending(store: &dyn Store, filter: &QueueFilter) -> Result<Vec<QueueItem>> {
    let facts = store.facts(&FactFilter {
        document: filter.document,
        review: Some(Review::Pending),
    })?;
    let mut lookups = Lookups::new(store)?;
    let mut out = Vec::with_capacity(facts.len());
    for record in facts {
        let item = describe(store, &mut lookups, record)?;
        if filter
            .reason
            .as_deref()
            .is_none_or(|code| item.reasons.iter().any(|r| r.code() == code))
        {
            out.push(item);
        }
    }
    Ok(out)
}

/// One fact as the queue shows it (any review state).
pub fn item(store: &dyn Store, record: FactRecord) -> Result<QueueItem> {
    let mut lookups = Lookups::new(store)?;
    describe(store, &mut lookups, record)
}

/// Why a fact, with the acceptance `how` (its corrections and choices), would wait.
pub fn reasons(store: &dyn Store, record: &FactRecord, how: &Acceptance) -> Result<Vec<Reason>> {
    let lookups = Lookups::new(store)?;
    reasons_with(store, &lookups, record, how)
}

fn describe(store: &dyn Store, lookups: &mut Lookups, record: FactRecord) -> Result<QueueItem> {
    let (title, text) = lookups.document(store, record.document)?.clone();
    let context = in_context(&text, record.fact.span, &record.fact.quote);
    let joins = joins(store, lookups, &record)?;
    let score = record
        .indicator
        .and_then(|i| lookups.indicators.get(&i))
        .map(|i| match_score(i, &record.fact.indicator));
    let reasons = reasons_with(store, lookups, &record, &Acceptance::default())?;
    Ok(QueueItem {
        fact: record,
        document_title: title,
        context,
        joins,
        score,
        reasons,
    })
}

fn joins(store: &dyn Store, lookups: &mut Lookups, record: &FactRecord) -> Result<Joins> {
    let region = record.region.map(|r| lookups.region(store, r)).transpose()?;
    let indicator = record
        .indicator
        .and_then(|i| lookups.indicators.get(&i))
        .map(|i| i.name.clone());
    let targets = match (record.region, record.indicator) {
        (Some(region), Some(indicator)) => store
            .targets(&TargetFilter {
                region: Some(region),
                indicator: Some(indicator),
                ..TargetFilter::default()
            })?
            .into_iter()
            .map(|t| JoinedTarget {
                id: t.id,
                year: t.target.year,
                bound: t.target.bound,
                value: t.target.value,
                unit: t.target.unit.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Joins {
        region,
        indicator,
        targets,
    })
}

fn reasons_with(store: &dyn Store, lookups: &Lookups, record: &FactRecord, how: &Acceptance) -> Result<Vec<Reason>> {
    let f = how.edit.apply(&record.fact);
    let mut out = Vec::new();
    if f.kind == Kind::Target && f.year.is_none() {
        out.push(Reason::NoDueYear);
    }
    if how.region.or(record.region).is_none() {
        out.push(Reason::NoRegion {
            scope: f.scope.to_string(),
        });
    }
    let named = how.new_indicator.as_deref().is_some_and(|n| !n.trim().is_empty());
    match how.indicator.or(record.indicator) {
        // A person's choice or name of an indicator is not a guess.
        _ if named || how.indicator.is_some() => {}
        None => out.push(Reason::NewIndicator {
            wording: f.indicator.clone(),
        }),
        Some(id) => {
            if let Some(ind) = lookups.indicators.get(&id) {
                let score = match_score(ind, &f.indicator);
                if score < HIGH_CONFIDENCE {
                    out.push(Reason::LowConfidence {
                        indicator: ind.name.clone(),
                        score,
                    });
                }
            }
        }
    }
    if let Some(message) = implausible(&f) {
        out.push(Reason::Implausible { message });
    }
    for conflict in store.fact_conflicts(record.id, how)? {
        let source_title = match conflict.source.document {
            Some(d) => store.document(d)?.map(|d| d.info.title).unwrap_or_default(),
            None => String::new(),
        };
        out.push(Reason::Conflict { conflict, source_title });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Category;

    fn indicator(name: &str, aliases: &[&str]) -> Indicator {
        Indicator {
            id: 1,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            unit: String::new(),
            desirability: None,
            category: Category::Other,
            description: String::new(),
        }
    }

    #[test]
    fn scores_rank_exact_names_over_longer_wordings() {
        let pm = indicator("PM2.5年均浓度", &["PM2.5浓度"]);
        assert_eq!(match_score(&pm, "PM2.5年均浓度"), 1.0);
        assert_eq!(match_score(&pm, "全市PM2.5浓度"), 1.0);
        let tech = indicator("技术合同成交额", &[]);
        assert_eq!(match_score(&tech, "技术合同成交额超指标任务"), 0.0);
        let s = match_score(&tech, "全区技术市场技术合同成交额");
        assert!(s > 0.5 && s < HIGH_CONFIDENCE, "{s}");
    }

    fn fact(measure: Measure, value: f64, unit: &str) -> Fact {
        Fact {
            doc: "d".into(),
            article: 0,
            kind: Kind::Actual,
            scope: "济南市".into(),
            indicator: "x".into(),
            year: Some(2021),
            period: None,
            baseline_year: None,
            measure,
            direction: None,
            bound: Bound::Eq,
            value,
            value_max: None,
            unit: unit.into(),
            quote: String::new(),
            span: [0, 0],
        }
    }

    #[test]
    fn shares_beyond_a_whole_and_negative_counts_are_implausible() {
        assert!(implausible(&fact(Measure::Level, 1234.5, "%")).is_some());
        assert!(implausible(&fact(Measure::Level, 64.6, "%")).is_none());
        assert!(implausible(&fact(Measure::Change, -150.0, "%")).is_some());
        assert!(implausible(&fact(Measure::Change, -14.8, "%")).is_none());
        assert!(implausible(&fact(Measure::Level, -3.0, "家")).is_some());
        assert!(implausible(&fact(Measure::Level, 3.0, "家")).is_none());
    }
}
