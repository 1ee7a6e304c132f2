//! The review queue: every pending fact with the sentence it was read from, what it
//! would join (region, indicator, targets) and why it waits for a person. The CLI's
//! `pledge review`, the web's `/review` and the ingester's own acceptance all ask this
//! module, so "why is this pending" has one answer.

use std::collections::HashMap;

use pledge_indicators::{Library, Query};
use pledge_model::{Bound, Fact, Kind, Measure};
use serde::{Deserialize, Serialize};

use crate::quote::{InContext, in_context};
use crate::{
    Acceptance, Accepted, DocumentId, FactFilter, FactId, FactRecord, Indicator, IndicatorId, PlanId, Result, Review,
    Source, Store, TargetFilter, TargetId,
};

/// The lowest indicator match score a fact is accepted with without a person (the
/// matcher's [`pledge_indicators::CONFIDENT`]: an exact name or alias, or the same
/// normalised form).
pub const HIGH_CONFIDENCE: f64 = pledge_indicators::CONFIDENT;

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
        /// Why, in English.
        message: String,
        /// Why, in Chinese.
        message_zh: String,
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

/// How closely an extracted wording (with its value's unit and measure) names an
/// indicator, 0–1, by the library matcher ([`pledge_indicators::Library::ranked`]): 0
/// when it does not match it at all or its unit disagrees in dimension.
pub fn match_score(library: &Library, indicator: IndicatorId, fact: &Fact) -> f64 {
    let query = Query::new(&fact.indicator).unit(&fact.unit).measure(fact.measure);
    library
        .ranked(&query)
        .into_iter()
        .find(|m| m.key == indicator)
        .filter(|m| m.units_agree)
        .map_or(0.0, |m| m.score)
}

/// Why a fact's value cannot (or can hardly) be right for its indicator, if so: the
/// plausibility rules of [`pledge_indicators::check_value`] (a share beyond 0–100 %, a
/// negative count, a change beyond ±100 %…), in English and Chinese.
pub fn implausible(fact: &Fact, indicator: Option<&Indicator>) -> Option<(String, String)> {
    let value = match (fact.measure, fact.direction) {
        (Measure::Change, Some(pledge_model::Direction::Down)) => -fact.value.abs(),
        _ => fact.value,
    };
    let checked = pledge_indicators::check_value(&pledge_indicators::Value {
        indicator: indicator.map_or(fact.indicator.as_str(), |i| i.name.as_str()),
        indicator_unit: indicator.map(|i| i.unit.as_str()),
        value,
        unit: &fact.unit,
        measure: fact.measure,
    });
    checked.err().map(|e| (e.message, e.message_zh))
}

/// What the queue reads once for many facts.
struct Lookups {
    indicators: HashMap<IndicatorId, Indicator>,
    library: Library,
    documents: HashMap<DocumentId, (String, String)>,
    regions: HashMap<i64, String>,
}

impl Lookups {
    fn new(store: &dyn Store) -> Result<Lookups> {
        let all = store.indicators()?;
        Ok(Lookups {
            library: crate::indicator::library(&all),
            indicators: all.into_iter().map(|i| (i.id, i)).collect(),
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

/// Why a fact may not be accepted in bulk, if so: every reason the queue holds it for
/// ([`reasons`] with no corrections), since a bulk action shows no fact on its own: a
/// low-confidence match, an implausible value, a new indicator, no region or due year
/// and a conflict each need the fact's own accept form, where a person sees them (and
/// edits, or confirms what is replaced). `None` when nothing holds it.
pub fn bulk_blocked(store: &dyn Store, record: &FactRecord) -> Result<Option<String>> {
    let reasons = reasons(store, record, &Acceptance::default())?;
    if reasons.is_empty() {
        return Ok(None);
    }
    let codes: Vec<&str> = reasons.iter().map(Reason::code).collect();
    Ok(Some(format!(
        "fact {} waits for {}: accept it on its own",
        record.id,
        codes.join(", ")
    )))
}

/// What [`accept_ready`] did with one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Accepted by itself: nothing held it.
    Accepted(Accepted),
    /// Left in the queue, for these reasons.
    Held(Vec<Reason>),
}

/// Accepts by themselves the facts nothing holds for a person: a region, a due year for
/// a target, an indicator the library matches with high confidence (never free text), a
/// plausible value and no conflict with a stored value (checked as each is accepted, so
/// two facts that contradict each other leave the second one waiting). Every other fact
/// stays pending with its reasons. `plan_of` gives an accepted target its plan.
pub fn accept_ready(
    store: &dyn Store,
    records: &[FactRecord],
    plan_of: impl Fn(&FactRecord) -> Option<PlanId>,
    actor: &str,
) -> Result<Vec<(FactId, Outcome)>> {
    let lookups = Lookups::new(store)?;
    let mut out = Vec::with_capacity(records.len());
    for record in records.iter().filter(|r| r.review == Review::Pending) {
        let how = Acceptance {
            plan: if record.fact.kind == Kind::Target {
                plan_of(record)
            } else {
                None
            },
            ..Acceptance::default()
        };
        let reasons = reasons_with(store, &lookups, record, &how)?;
        let outcome = if reasons.is_empty() {
            Outcome::Accepted(store.accept_fact(record.id, &how, actor)?)
        } else {
            Outcome::Held(reasons)
        };
        out.push((record.id, outcome));
    }
    Ok(out)
}

fn describe(store: &dyn Store, lookups: &mut Lookups, record: FactRecord) -> Result<QueueItem> {
    let (title, text) = lookups.document(store, record.document)?.clone();
    let context = in_context(&text, record.fact.span, &record.fact.quote);
    let joins = joins(store, lookups, &record)?;
    let score = record.indicator.map(|i| match_score(&lookups.library, i, &record.fact));
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
            let score = match_score(&lookups.library, id, &f);
            if score < HIGH_CONFIDENCE {
                out.push(Reason::LowConfidence {
                    indicator: lookups.indicators.get(&id).map(|i| i.name.clone()).unwrap_or_default(),
                    score,
                });
            }
        }
    }
    let indicator = how
        .indicator
        .or(record.indicator)
        .and_then(|i| lookups.indicators.get(&i));
    if let Some((message, message_zh)) = implausible(&f, indicator) {
        out.push(Reason::Implausible { message, message_zh });
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

    fn indicator(id: i64, name: &str, unit: &str, aliases: &[&str]) -> Indicator {
        Indicator {
            id,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            unit: unit.into(),
            desirability: None,
            category: Category::Other,
            description: String::new(),
        }
    }

    #[test]
    fn scores_rank_exact_names_over_longer_wordings() {
        let library = crate::indicator::library(&[
            indicator(1, "PM2.5年均浓度", "微克/立方米", &["PM2.5浓度"]),
            indicator(2, "技术合同成交额", "元", &[]),
        ]);
        let mut f = fact(Measure::Level, 40.0, "微克/立方米");
        f.indicator = "全市PM2.5浓度".into();
        assert!(match_score(&library, 1, &f) >= HIGH_CONFIDENCE);
        assert_eq!(match_score(&library, 2, &f), 0.0);
        let mut tech = fact(Measure::Level, 2.26e9, "元");
        tech.indicator = "技术合同成交额超指标任务".into();
        assert!(match_score(&library, 2, &tech) < HIGH_CONFIDENCE);
        tech.indicator = "技术合同成交额".into();
        assert_eq!(match_score(&library, 2, &tech), 1.0);
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
        let share = indicator(1, "空气质量优良天数比例", "%", &[]);
        assert!(implausible(&fact(Measure::Level, 1234.5, "%"), Some(&share)).is_some());
        assert!(implausible(&fact(Measure::Level, 64.6, "%"), Some(&share)).is_none());
        assert!(implausible(&fact(Measure::Change, -150.0, "%"), None).is_some());
        assert!(implausible(&fact(Measure::Change, -14.8, "%"), None).is_none());
        assert!(implausible(&fact(Measure::Level, -3.0, "家"), None).is_some());
        assert!(implausible(&fact(Measure::Level, 3.0, "家"), None).is_none());
    }
}
