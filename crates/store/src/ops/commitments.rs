//! One target per commitment: further sources of a stored target, and conflicting values.

use pledge_model::{Bound, Measure, Target};

use super::{targets, write_audit};
use crate::codes;
use crate::commitment::{
    Commitment, ConflictFilter, ConflictId, ConflictStatus, Decision, TargetConflict, TargetSource,
};
use crate::sql::{Db, Row, p};
use crate::{NewTarget, Result, Source, StoreError, TargetId, TargetRecord};

/// The query [`conflict_row`] reads.
const CONFLICTS: &str = "SELECT id, target_id, plan_id, direction, bound, value, value_max, unit, baseline_year, \
     source_document_id, span_start, span_end, source_url, quote, status, created_at, created_by, decided_at, \
     decided_by, note FROM target_conflicts";

/// Stores a target unless its commitment (region × indicator × year × measure) is stored:
/// then the stored target gains a source (same value) or an open conflict (another value).
pub(crate) fn add(c: &mut dyn Db, t: &NewTarget, actor: &str) -> Result<Commitment> {
    targets::validate(t)?;
    let with_baseline = with_plan_baseline(c, t)?;
    let t = with_baseline.as_ref().unwrap_or(t);
    let Some(existing) = find(c, t)? else {
        return Ok(Commitment::New {
            target: targets::add(c, t, actor)?,
        });
    };
    let target = existing.id;
    if same_value(&existing.target, &t.target) {
        let source_added = add_source(c, &existing, t, actor)?;
        return Ok(Commitment::Same { target, source_added });
    }
    let conflict = add_conflict(c, target, t, actor)?;
    Ok(Commitment::Conflict { target, conflict })
}

/// `t` with its plan's baseline year when it states none: a plan's targets count from
/// the plan's baseline (2020 for the 十四五 plans), never from whichever figure happens to
/// be the earliest reported. `None` when `t` keeps its own.
fn with_plan_baseline(c: &mut dyn Db, t: &NewTarget) -> Result<Option<NewTarget>> {
    if t.target.baseline_year.is_some() {
        return Ok(None);
    }
    let Some(plan) = t.plan else {
        return Ok(None);
    };
    let baseline = super::plans::get(c, plan)?.and_then(|p| p.baseline_year);
    Ok(baseline.filter(|&b| b < t.target.year).map(|b| {
        let mut with = t.clone();
        with.target.baseline_year = Some(b);
        with
    }))
}

/// The stored target of the same commitment, the oldest when several are stored. A
/// change's or increment's baseline year is part of the commitment: `下降3%` on the year
/// before and `下降13.5%` on 2020 are two commitments for the same year; a level's is not
/// (`PM2.5 ≤ 42` is one commitment whichever year its progress counts from).
fn find(c: &mut dyn Db, t: &NewTarget) -> Result<Option<TargetRecord>> {
    let id = c
        .query_opt(
            "looking for a target of the same commitment",
            "SELECT id FROM targets WHERE region_id = ?1 AND indicator_id = ?2 AND year = ?3 AND measure = ?4 \
             AND (measure = 'level' OR baseline_year IS NOT DISTINCT FROM ?5) ORDER BY id LIMIT 1",
            p![
                t.region,
                t.indicator,
                t.target.year,
                codes::measure(t.target.measure),
                t.target.baseline_year
            ],
        )?
        .map(|r| r.i64(0))
        .transpose()?;
    match id {
        Some(id) => targets::get(c, id),
        None => Ok(None),
    }
}

/// Whether two statements of a commitment give the same value: direction and baseline
/// alike, bounds alike or one of them a plain `=` (`达到1%` and `不超过1%` of a share to
/// bring down state one figure), and the values equal once in the same unit
/// (`180万吨/日` = `1800000吨/日`).
pub(crate) fn same_value(a: &Target, b: &Target) -> bool {
    let in_a = |v: f64| pledge_model::unit::convert(v, &b.unit, &a.unit);
    let close = |x: f64, y: Option<f64>| y.is_some_and(|y| (x - y).abs() <= 1e-9 * x.abs().max(1.0));
    (a.bound == b.bound || a.bound == Bound::Eq || b.bound == Bound::Eq)
        && a.direction == b.direction
        && (a.measure == Measure::Level || a.baseline_year == b.baseline_year)
        && close(a.value, in_a(b.value))
        && match (a.value_max, b.value_max) {
            (None, None) => true,
            (Some(x), Some(y)) => close(x, in_a(y)),
            _ => false,
        }
}

/// Adds `t`'s source to a stored target's sources; false when the target already has it.
fn add_source(c: &mut dyn Db, existing: &TargetRecord, t: &NewTarget, actor: &str) -> Result<bool> {
    let known = existing.source == t.source || sources(c, existing.id)?.iter().any(|s| s.source == t.source);
    if known {
        return Ok(false);
    }
    let s = &t.source;
    let id = c.insert(
        "adding a source to a target",
        "INSERT INTO target_sources (target_id, plan_id, source_document_id, span_start, span_end, source_url, \
         quote, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        p![
            existing.id,
            t.plan,
            s.document,
            s.span.map(|x| x[0]),
            s.span.map(|x| x[1]),
            &s.url,
            &s.quote,
            crate::time::now().as_str(),
            actor
        ],
    )?;
    let after = sources(c, existing.id)?;
    write_audit(c, actor, "insert", "target_sources", Some(id), None, Some(&after))?;
    Ok(true)
}

/// Records another value of a stored target's commitment, unless the same value from the
/// same source is recorded already (open or decided: a decision is not undone by reading
/// the same document again).
fn add_conflict(c: &mut dyn Db, target: TargetId, t: &NewTarget, actor: &str) -> Result<ConflictId> {
    let recorded = conflicts(
        c,
        &ConflictFilter {
            target: Some(target),
            open_only: false,
        },
    )?;
    if let Some(same) = recorded
        .iter()
        .find(|k| k.source == t.source && same_value(&as_target(k, &t.target), &t.target))
    {
        return Ok(same.id);
    }
    let v = &t.target;
    let s = &t.source;
    let id = c.insert(
        "recording a conflicting target value",
        "INSERT INTO target_conflicts (target_id, plan_id, direction, bound, value, value_max, unit, baseline_year, \
         source_document_id, span_start, span_end, source_url, quote, created_at, created_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
        p![
            target,
            t.plan,
            v.direction.map(codes::direction),
            codes::bound(v.bound),
            v.value,
            v.value_max,
            &v.unit,
            v.baseline_year,
            s.document,
            s.span.map(|x| x[0]),
            s.span.map(|x| x[1]),
            &s.url,
            &s.quote,
            crate::time::now().as_str(),
            actor
        ],
    )?;
    let after = conflict(c, id)?;
    write_audit(c, actor, "insert", "target_conflicts", Some(id), None, Some(&after))?;
    Ok(id)
}

/// A conflict's value as a target of the same commitment as `like`.
fn as_target(k: &TargetConflict, like: &Target) -> Target {
    Target {
        direction: k.direction,
        bound: k.bound,
        value: k.value,
        value_max: k.value_max,
        unit: k.unit.clone(),
        baseline_year: k.baseline_year,
        ..like.clone()
    }
}

/// The sources of a target besides its first, oldest first.
pub(crate) fn sources(c: &mut dyn Db, target: TargetId) -> Result<Vec<TargetSource>> {
    c.query(
        "listing the sources of a target",
        "SELECT plan_id, source_document_id, span_start, span_end, source_url, quote, created_at, created_by \
         FROM target_sources WHERE target_id = ?1 ORDER BY id",
        p![target],
    )?
    .iter()
    .map(|r| {
        Ok(TargetSource {
            plan: r.opt_i64(0)?,
            source: Source {
                document: r.opt_i64(1)?,
                span: r.span(2)?,
                url: r.text(4)?,
                quote: r.text(5)?,
            },
            created_at: r.text(6)?,
            created_by: r.text(7)?,
        })
    })
    .collect()
}

/// Reads a conflict row.
fn conflict_row(r: &Row) -> Result<TargetConflict> {
    Ok(TargetConflict {
        id: r.i64(0)?,
        target: r.i64(1)?,
        plan: r.opt_i64(2)?,
        direction: r.opt_code(3, "direction", codes::parse_direction)?,
        bound: r.code(4, "bound", codes::parse_bound)?,
        value: r.f64(5)?,
        value_max: r.opt_f64(6)?,
        unit: r.text(7)?,
        baseline_year: r.opt_i32(8)?,
        source: Source {
            document: r.opt_i64(9)?,
            span: r.span(10)?,
            url: r.text(12)?,
            quote: r.text(13)?,
        },
        status: r.code(14, "status", ConflictStatus::parse)?,
        created_at: r.text(15)?,
        created_by: r.text(16)?,
        decided_at: r.opt_text(17)?,
        decided_by: r.opt_text(18)?,
        note: r.text(19)?,
    })
}

/// The conflict with this id.
pub(crate) fn conflict(c: &mut dyn Db, id: ConflictId) -> Result<Option<TargetConflict>> {
    c.query_opt("reading a conflict", &format!("{CONFLICTS} WHERE id = ?1"), p![id])?
        .as_ref()
        .map(conflict_row)
        .transpose()
}

/// The conflicts a filter selects, in id order.
pub(crate) fn conflicts(c: &mut dyn Db, f: &ConflictFilter) -> Result<Vec<TargetConflict>> {
    c.query(
        "listing conflicts",
        &format!(
            "{CONFLICTS} WHERE (CAST(?1 AS BIGINT) IS NULL OR target_id = ?1) \
             AND (?2 = 0 OR status = 'open') ORDER BY id"
        ),
        p![f.target, i64::from(f.open_only)],
    )?
    .iter()
    .map(conflict_row)
    .collect()
}

/// A person's decision on an open conflict: keep the target's value, or replace it with
/// the conflict's value and source.
pub(crate) fn decide(c: &mut dyn Db, id: ConflictId, decision: Decision, note: &str, actor: &str) -> Result<()> {
    let before = conflict(c, id)?.ok_or(StoreError::NotFound { entity: "conflict", id })?;
    if before.status != ConflictStatus::Open {
        return Err(StoreError::Invalid(format!(
            "conflict {id} was decided already ({})",
            before.status.as_str()
        )));
    }
    let status = match decision {
        Decision::Keep => ConflictStatus::Kept,
        Decision::Replace => {
            let target = targets::get(c, before.target)?.ok_or(StoreError::NotFound {
                entity: "target",
                id: before.target,
            })?;
            let replaced = NewTarget {
                plan: before.plan.or(target.plan),
                region: target.region,
                indicator: target.indicator,
                indicator_text: target.indicator_text.clone(),
                target: as_target(&before, &target.target),
                binding: target.binding,
                lead_departments: target.lead_departments.clone(),
                cooperating_departments: target.cooperating_departments.clone(),
                source: before.source.clone(),
                note: target.note.clone(),
            };
            targets::update(c, target.id, &replaced, actor)?;
            ConflictStatus::Replaced
        }
    };
    c.exec(
        "deciding a conflict",
        "UPDATE target_conflicts SET status = ?1, decided_at = ?2, decided_by = ?3, note = ?4 WHERE id = ?5",
        p![status.as_str(), crate::time::now().as_str(), actor, note, id],
    )?;
    let after = conflict(c, id)?;
    write_audit(
        c,
        actor,
        "decide",
        "target_conflicts",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    Ok(())
}
