//! Extracted facts and their review.

use pledge_model::{Fact, Kind, Measure, Observation, Target, Unit};

use super::{indicators, observations, targets, write_audit};
use crate::codes;
use crate::queue::{Conflict, ConflictWith};
use crate::sql::{Db, Row, p};
use crate::{
    Acceptance, Accepted, Category, DocumentId, FactFilter, FactId, FactRecord, IndicatorId, NewFact, NewIndicator,
    NewObservation, NewTarget, RegionId, Result, Review, Source, StoreError, TargetFilter,
};

/// The query [`row`] reads.
const SELECT: &str = "SELECT id, document_id, doc, article, kind, scope, indicator, year, period, baseline_year, \
     measure, direction, bound, value, value_max, unit, quote, span_start, span_end, region_id, indicator_id, \
     review, reviewed_by, reviewed_at, review_note, target_id, observation_id, created_at FROM facts";

/// Reads a fact row.
fn row(r: &Row) -> Result<FactRecord> {
    Ok(FactRecord {
        id: r.i64(0)?,
        document: r.i64(1)?,
        fact: Fact {
            doc: r.text(2)?.into(),
            article: r.usize(3)?,
            kind: r.code(4, "kind", codes::parse_kind)?,
            scope: r.text(5)?.into(),
            indicator: r.text(6)?,
            year: r.opt_i32(7)?,
            period: r.opt_text(8)?,
            baseline_year: r.opt_i32(9)?,
            measure: r.code(10, "measure", codes::parse_measure)?,
            direction: r.opt_code(11, "direction", codes::parse_direction)?,
            bound: r.code(12, "bound", codes::parse_bound)?,
            value: r.f64(13)?,
            value_max: r.opt_f64(14)?,
            unit: r.text(15)?.into(),
            quote: r.text(16)?,
            span: [r.usize(17)?, r.usize(18)?],
        },
        region: r.opt_i64(19)?,
        indicator: r.opt_i64(20)?,
        review: r.code(21, "review", Review::parse)?,
        reviewed_by: r.opt_text(22)?,
        reviewed_at: r.opt_text(23)?,
        review_note: r.text(24)?,
        target_id: r.opt_i64(25)?,
        observation_id: r.opt_i64(26)?,
        created_at: r.text(27)?,
    })
}

/// The fact with this id.
pub(crate) fn get(c: &mut dyn Db, id: FactId) -> Result<Option<FactRecord>> {
    c.query_opt("reading a fact", &format!("{SELECT} WHERE id = ?1"), p![id])?
        .as_ref()
        .map(row)
        .transpose()
}

/// The facts a filter selects.
pub(crate) fn list(c: &mut dyn Db, f: &FactFilter) -> Result<Vec<FactRecord>> {
    c.query(
        "listing facts",
        &format!(
            "{SELECT} WHERE (CAST(?1 AS BIGINT) IS NULL OR document_id = ?1) \
             AND (CAST(?2 AS TEXT) IS NULL OR review = ?2) ORDER BY id"
        ),
        p![f.document, f.review.map(Review::as_str)],
    )?
    .iter()
    .map(row)
    .collect()
}

/// Stores facts as pending.
pub(crate) fn add(c: &mut dyn Db, document: DocumentId, facts: &[NewFact], actor: &str) -> Result<Vec<FactId>> {
    let now = crate::time::now();
    let mut ids = Vec::with_capacity(facts.len());
    for (i, nf) in facts.iter().enumerate() {
        let f = &nf.fact;
        if !f.value.is_finite() || f.value_max.is_some_and(|m| !m.is_finite()) {
            return Err(StoreError::Invalid(format!(
                "fact {i} ({}): value must be a finite number",
                f.quote
            )));
        }
        if f.span[0] > f.span[1] {
            return Err(StoreError::Invalid(format!(
                "fact {i} ({}): span ends before it starts",
                f.quote
            )));
        }
        ids.push(c.insert(
            "adding facts",
            "INSERT INTO facts (document_id, doc, article, kind, scope, indicator, year, period, baseline_year, \
             measure, direction, bound, value, value_max, unit, quote, span_start, span_end, region_id, \
             indicator_id, created_at, created_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
             ?21, ?22) RETURNING id",
            p![
                document,
                &f.doc,
                f.article,
                codes::kind(f.kind),
                &f.scope,
                &f.indicator,
                f.year,
                f.period.as_ref(),
                f.baseline_year,
                codes::measure(f.measure),
                f.direction.map(codes::direction),
                codes::bound(f.bound),
                f.value,
                f.value_max,
                &f.unit,
                &f.quote,
                f.span[0],
                f.span[1],
                nf.region,
                nf.indicator,
                now.as_str(),
                actor
            ],
        )?);
    }
    if !ids.is_empty() {
        let summary = serde_json::json!({
            "document": document,
            "count": ids.len(),
            "first_id": ids.first(),
            "last_id": ids.last(),
        });
        write_audit(c, actor, "insert", "facts", None, None, Some(&summary))?;
    }
    Ok(ids)
}

/// The region and indicator a fact is accepted as: the acceptance's, else the matched
/// ones; a person's new indicator name creates that indicator.
fn resolve(c: &mut dyn Db, before: &FactRecord, how: &Acceptance, actor: &str) -> Result<(RegionId, IndicatorId)> {
    let id = before.id;
    let region = how.region.or(before.region).ok_or_else(|| {
        StoreError::Invalid(format!(
            "fact {id}: its scope {:?} matched no region; say which region it is",
            before.fact.scope
        ))
    })?;
    let named = how.new_indicator.as_deref().filter(|n| !n.trim().is_empty());
    let indicator = match (how.indicator, named, before.indicator) {
        (Some(i), _, _) => i,
        (None, Some(name), _) => new_indicator(c, name, &before.fact, actor)?,
        (None, None, Some(i)) => i,
        (None, None, None) => {
            return Err(StoreError::Invalid(format!(
                "fact {id}: its indicator {:?} matched none of the library; say which it is",
                before.fact.indicator
            )));
        }
    };
    Ok((region, indicator))
}

/// Finds or creates the library indicator a person named for a fact.
fn new_indicator(c: &mut dyn Db, name: &str, fact: &Fact, actor: &str) -> Result<IndicatorId> {
    let name: String = name.split_whitespace().collect();
    if let Some(i) = indicators::find(c, &name)? {
        return Ok(i.id);
    }
    let unit = if fact.measure == Measure::Change && &*fact.unit == "%" {
        String::new()
    } else {
        fact.unit.to_string()
    };
    let row = NewIndicator {
        name: name.clone(),
        aliases: Vec::new(),
        unit,
        desirability: None,
        category: Category::guess(&name),
        description: String::new(),
    };
    indicators::upsert(c, &[row], actor)?;
    indicators::find(c, &name)?
        .map(|i| i.id)
        .ok_or_else(|| StoreError::Invalid(format!("indicator {name} was not stored")))
}

/// The target a target fact becomes.
fn as_target(
    id: FactId,
    before: &FactRecord,
    f: &Fact,
    how: &Acceptance,
    at: (RegionId, IndicatorId),
) -> Result<NewTarget> {
    let target =
        Target::from_fact(f).map_err(|e| StoreError::Invalid(format!("fact {id} cannot become a target: {e}")))?;
    Ok(NewTarget {
        plan: how.plan,
        region: at.0,
        indicator: at.1,
        indicator_text: f.indicator.clone(),
        target,
        binding: how.binding,
        lead_departments: how.lead_departments.clone(),
        cooperating_departments: how.cooperating_departments.clone(),
        source: Source::document(before.document, f.span, &f.quote),
        note: String::new(),
    })
}

/// The observation an actual fact becomes.
fn as_observation(id: FactId, before: &FactRecord, f: &Fact, at: (RegionId, IndicatorId)) -> Result<NewObservation> {
    let observation = Observation::from_fact(f)
        .ok_or_else(|| StoreError::Invalid(format!("fact {id} cannot become an observation: it has no year")))?;
    Ok(NewObservation {
        region: at.0,
        indicator: at.1,
        indicator_text: f.indicator.clone(),
        observation,
        note: String::new(),
        source: Source::document(before.document, f.span, &f.quote),
    })
}

/// Whether two values in their units differ (a unit of another dimension always does).
fn differs(a: f64, a_unit: &str, b: f64, b_unit: &str) -> bool {
    match Unit::parse(a_unit).factor_to(&Unit::parse(b_unit)) {
        Some(factor) => (a * factor - b).abs() > 1e-9 * b.abs().max(1.0),
        None => true,
    }
}

/// The current observation of the same series that `o` would replace with another value.
fn observation_conflict(c: &mut dyn Db, o: &NewObservation) -> Result<Option<Conflict>> {
    let o = observations::normalized(o);
    Ok(observations::current(c, &o)?
        .filter(|cur| differs(o.observation.value, &o.observation.unit, cur.value, &cur.unit))
        .map(|cur| Conflict {
            with: ConflictWith::Observation,
            id: cur.id,
            value: cur.value,
            unit: cur.unit,
            source: cur.source,
        }))
}

/// Targets of the same region, indicator, year and measure that say something else.
fn target_conflicts(c: &mut dyn Db, t: &NewTarget) -> Result<Vec<Conflict>> {
    let same = targets::list(
        c,
        &TargetFilter {
            region: Some(t.region),
            indicator: Some(t.indicator),
            year: Some(t.target.year),
            ..TargetFilter::default()
        },
    )?;
    Ok(same
        .into_iter()
        .filter(|r| r.target.measure == t.target.measure && r.target.baseline_year == t.target.baseline_year)
        .filter(|r| {
            r.target.bound != t.target.bound || differs(t.target.value, &t.target.unit, r.target.value, &r.target.unit)
        })
        .map(|r| Conflict {
            with: ConflictWith::Target,
            id: r.id,
            value: r.target.value,
            unit: r.target.unit.clone(),
            source: r.source.clone(),
        })
        .collect())
}

/// What accepting a fact as `how` says asks it would contradict; see
/// [`crate::Store::fact_conflicts`]. Empty when the fact's region or indicator is unknown.
pub(crate) fn conflicts(c: &mut dyn Db, id: FactId, how: &Acceptance) -> Result<Vec<Conflict>> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "fact", id })?;
    let named = how.new_indicator.as_deref().is_some_and(|n| !n.trim().is_empty());
    let matched = if named { None } else { before.indicator };
    let (Some(region), Some(indicator)) = (how.region.or(before.region), how.indicator.or(matched)) else {
        return Ok(Vec::new());
    };
    let f = how.edit.apply(&before.fact);
    match f.kind {
        Kind::Target => match as_target(id, &before, &f, how, (region, indicator)) {
            Ok(t) => target_conflicts(c, &t),
            Err(_) => Ok(Vec::new()),
        },
        Kind::Actual => match as_observation(id, &before, &f, (region, indicator)) {
            Ok(o) => Ok(observation_conflict(c, &o)?.into_iter().collect()),
            Err(_) => Ok(Vec::new()),
        },
    }
}

/// Refuses to replace a current observation with another value unless confirmed.
fn check_replace(id: FactId, conflict: Option<Conflict>, new: &NewObservation, how: &Acceptance) -> Result<()> {
    match conflict {
        Some(cur) if !how.replace => Err(StoreError::Invalid(format!(
            "fact {id} would replace the current value {} {} (observation {}) with {} {}; confirm to replace it",
            cur.value, cur.unit, cur.id, new.observation.value, new.observation.unit
        ))),
        _ => Ok(()),
    }
}

/// Accepts a fact; see [`crate::Store::accept_fact`].
pub(crate) fn accept(c: &mut dyn Db, id: FactId, how: &Acceptance, actor: &str) -> Result<Accepted> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "fact", id })?;
    if before.review == Review::Accepted {
        return Err(StoreError::Invalid(format!("fact {id} is already accepted")));
    }
    let at = resolve(c, &before, how, actor)?;
    let f = how.edit.apply(&before.fact);
    let accepted = match f.kind {
        Kind::Target => {
            let new = as_target(id, &before, &f, how, at)?;
            Accepted::Target(super::commitments::add(c, &new, actor)?.target())
        }
        Kind::Actual => {
            let new = as_observation(id, &before, &f, at)?;
            check_replace(id, observation_conflict(c, &new)?, &new, how)?;
            Accepted::Observation(observations::record_alone(c, &new, actor)?.id())
        }
    };
    mark_accepted(c, id, &f, at, accepted, &how.note, actor)?;
    let after = get(c, id)?;
    write_audit(c, actor, "accept", "facts", Some(id), Some(&before), Some(&after))?;
    Ok(accepted)
}

/// Marks a fact accepted, with the (possibly corrected) fields it was accepted with.
fn mark_accepted(
    c: &mut dyn Db,
    id: FactId,
    f: &Fact,
    (region, indicator): (RegionId, IndicatorId),
    accepted: Accepted,
    note: &str,
    actor: &str,
) -> Result<()> {
    let (target_id, observation_id) = match accepted {
        Accepted::Target(t) => (Some(t), None),
        Accepted::Observation(o) => (None, Some(o)),
    };
    c.exec(
        "accepting a fact",
        "UPDATE facts SET review = 'accepted', reviewed_by = ?1, reviewed_at = ?2, review_note = ?3, \
         region_id = ?4, indicator_id = ?5, target_id = ?6, observation_id = ?7, year = ?8, value = ?9, \
         unit = ?10 WHERE id = ?11",
        p![
            actor,
            crate::time::now().as_str(),
            note,
            region,
            indicator,
            target_id,
            observation_id,
            f.year,
            f.value,
            &*f.unit,
            id
        ],
    )?;
    Ok(())
}

/// Rejects a pending fact.
pub(crate) fn reject(c: &mut dyn Db, id: FactId, note: &str, actor: &str) -> Result<()> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "fact", id })?;
    if before.review != Review::Pending {
        return Err(StoreError::Invalid(format!(
            "fact {id} is {}; only pending facts can be rejected",
            before.review.as_str()
        )));
    }
    c.exec(
        "rejecting a fact",
        "UPDATE facts SET review = 'rejected', reviewed_by = ?1, reviewed_at = ?2, review_note = ?3 WHERE id = ?4",
        p![actor, crate::time::now().as_str(), note, id],
    )?;
    let after = get(c, id)?;
    write_audit(c, actor, "reject", "facts", Some(id), Some(&before), Some(&after))?;
    Ok(())
}
