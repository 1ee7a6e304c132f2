//! Extracted facts and their review in SQLite.

use pledge_model::{Fact, Kind, Observation, Target};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Ctx, code, opt_code, targets, write_audit};
use crate::codes;
use crate::{
    Acceptance, Accepted, DocumentId, FactFilter, FactId, FactRecord, NewFact, NewObservation, NewTarget, Result,
    Review, Source, StoreError,
};

/// The query [`row`] reads.
const SELECT: &str = "SELECT id, document_id, doc, article, kind, scope, indicator, year, period, baseline_year, \
     measure, direction, bound, value, value_max, unit, quote, span_start, span_end, region_id, indicator_id, \
     review, reviewed_by, reviewed_at, review_note, target_id, observation_id, created_at FROM facts";

/// Reads a fact row.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FactRecord> {
    Ok(FactRecord {
        id: r.get(0)?,
        document: r.get(1)?,
        fact: Fact {
            doc: r.get(2)?,
            article: r.get::<_, i64>(3)? as usize,
            kind: code(r, 4, "kind", codes::parse_kind)?,
            scope: r.get(5)?,
            indicator: r.get(6)?,
            year: r.get(7)?,
            period: r.get(8)?,
            baseline_year: r.get(9)?,
            measure: code(r, 10, "measure", codes::parse_measure)?,
            direction: opt_code(r, 11, "direction", codes::parse_direction)?,
            bound: code(r, 12, "bound", codes::parse_bound)?,
            value: r.get(13)?,
            value_max: r.get(14)?,
            unit: r.get(15)?,
            quote: r.get(16)?,
            span: [r.get::<_, i64>(17)? as usize, r.get::<_, i64>(18)? as usize],
        },
        region: r.get(19)?,
        indicator: r.get(20)?,
        review: code(r, 21, "review", Review::parse)?,
        reviewed_by: r.get(22)?,
        reviewed_at: r.get(23)?,
        review_note: r.get(24)?,
        target_id: r.get(25)?,
        observation_id: r.get(26)?,
        created_at: r.get(27)?,
    })
}

/// The fact with this id.
pub(super) fn get(c: &Connection, id: FactId) -> Result<Option<FactRecord>> {
    c.prepare_cached(&format!("{SELECT} WHERE id = ?1"))
        .and_then(|mut st| st.query_row([id], row).optional())
        .ctx("reading a fact")
}

/// The facts a filter selects.
pub(super) fn list(c: &Connection, f: &FactFilter) -> Result<Vec<FactRecord>> {
    let mut st = c
        .prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR document_id = ?1) AND (?2 IS NULL OR review = ?2) ORDER BY id"
        ))
        .ctx("listing facts")?;
    st.query_map(params![f.document, f.review.map(Review::as_str)], row)
        .ctx("listing facts")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("listing facts")
}

/// Stores facts as pending.
pub(super) fn add(c: &Connection, document: DocumentId, facts: &[NewFact], actor: &str) -> Result<Vec<FactId>> {
    let now = crate::time::now();
    let mut ids = Vec::with_capacity(facts.len());
    let mut st = c
        .prepare_cached(
            "INSERT INTO facts (document_id, doc, article, kind, scope, indicator, year, period, baseline_year, \
             measure, direction, bound, value, value_max, unit, quote, span_start, span_end, region_id, \
             indicator_id, created_at, created_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        )
        .ctx("adding facts")?;
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
        st.execute(params![
            document,
            f.doc,
            f.article as i64,
            codes::kind(f.kind),
            f.scope,
            f.indicator,
            f.year,
            f.period,
            f.baseline_year,
            codes::measure(f.measure),
            f.direction.map(codes::direction),
            codes::bound(f.bound),
            f.value,
            f.value_max,
            f.unit,
            f.quote,
            f.span[0] as i64,
            f.span[1] as i64,
            nf.region,
            nf.indicator,
            now,
            actor
        ])
        .ctx("adding facts")?;
        ids.push(c.last_insert_rowid());
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

/// Accepts a fact; see [`crate::Store::accept_fact`].
pub(super) fn accept(c: &Connection, id: FactId, how: &Acceptance, actor: &str) -> Result<Accepted> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "fact", id })?;
    if before.review == Review::Accepted {
        return Err(StoreError::Invalid(format!("fact {id} is already accepted")));
    }
    let region = how.region.or(before.region).ok_or_else(|| {
        StoreError::Invalid(format!(
            "fact {id}: its scope {:?} matched no region; say which region it is",
            before.fact.scope
        ))
    })?;
    let indicator = how.indicator.or(before.indicator).ok_or_else(|| {
        StoreError::Invalid(format!(
            "fact {id}: its indicator {:?} matched none of the library; say which it is",
            before.fact.indicator
        ))
    })?;
    let f = &before.fact;
    let source = Source::document(before.document, f.span, &f.quote);
    let accepted = match f.kind {
        Kind::Target => {
            let target = Target::from_fact(f)
                .map_err(|e| StoreError::Invalid(format!("fact {id} cannot become a target: {e}")))?;
            let new = NewTarget {
                plan: how.plan,
                region,
                indicator,
                indicator_text: f.indicator.clone(),
                target,
                binding: how.binding,
                lead_departments: how.lead_departments.clone(),
                cooperating_departments: how.cooperating_departments.clone(),
                source,
                note: String::new(),
            };
            match targets::find_identical(c, &new)? {
                Some(existing) => Accepted::Target(existing),
                None => Accepted::Target(targets::add(c, &new, actor)?),
            }
        }
        Kind::Actual => {
            let observation = Observation::from_fact(f).ok_or_else(|| {
                StoreError::Invalid(format!("fact {id} cannot become an observation: it has no year"))
            })?;
            let new = NewObservation {
                region,
                indicator,
                indicator_text: f.indicator.clone(),
                observation,
                note: String::new(),
                source,
            };
            Accepted::Observation(super::observations::record_alone(c, &new, actor)?.id())
        }
    };
    let (target_id, observation_id) = match accepted {
        Accepted::Target(t) => (Some(t), None),
        Accepted::Observation(o) => (None, Some(o)),
    };
    c.prepare_cached(
        "UPDATE facts SET review = 'accepted', reviewed_by = ?1, reviewed_at = ?2, review_note = ?3, \
         region_id = ?4, indicator_id = ?5, target_id = ?6, observation_id = ?7 WHERE id = ?8",
    )
    .and_then(|mut st| {
        st.execute(params![
            actor,
            crate::time::now(),
            how.note,
            region,
            indicator,
            target_id,
            observation_id,
            id
        ])
    })
    .ctx("accepting a fact")?;
    let after = get(c, id)?;
    write_audit(c, actor, "accept", "facts", Some(id), Some(&before), Some(&after))?;
    Ok(accepted)
}

/// Rejects a pending fact.
pub(super) fn reject(c: &Connection, id: FactId, note: &str, actor: &str) -> Result<()> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "fact", id })?;
    if before.review != Review::Pending {
        return Err(StoreError::Invalid(format!(
            "fact {id} is {}; only pending facts can be rejected",
            before.review.as_str()
        )));
    }
    c.prepare_cached(
        "UPDATE facts SET review = 'rejected', reviewed_by = ?1, reviewed_at = ?2, review_note = ?3 WHERE id = ?4",
    )
    .and_then(|mut st| st.execute(params![actor, crate::time::now(), note, id]))
    .ctx("rejecting a fact")?;
    let after = get(c, id)?;
    write_audit(c, actor, "reject", "facts", Some(id), Some(&before), Some(&after))?;
    Ok(())
}
