//! Targets in SQLite.

use pledge_model::Target;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Ctx, code, opt_code, span, write_audit};
use crate::codes::{self, plausible_year};
use crate::{Binding, NewTarget, Result, Source, StoreError, TargetFilter, TargetId, TargetRecord};

/// The query [`row`] reads.
const SELECT: &str = "SELECT t.id, t.plan_id, p.title, t.region_id, r.name, t.indicator_id, i.name, \
     t.indicator_text, t.measure, t.direction, t.bound, t.value, t.value_max, t.unit, t.year, \
     t.baseline_year, t.aspiration, t.binding, t.source_document_id, t.span_start, t.span_end, \
     t.source_url, t.quote, t.note, t.created_at, t.created_by, t.updated_at, t.updated_by \
     FROM targets t JOIN regions r ON r.id = t.region_id JOIN indicators i ON i.id = t.indicator_id \
     LEFT JOIN plans p ON p.id = t.plan_id";

/// Reads a target row (without departments).
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TargetRecord> {
    Ok(TargetRecord {
        id: r.get(0)?,
        plan: r.get(1)?,
        plan_title: r.get(2)?,
        region: r.get(3)?,
        region_name: r.get(4)?,
        indicator: r.get(5)?,
        indicator_name: r.get(6)?,
        indicator_text: r.get(7)?,
        target: Target {
            measure: code(r, 8, "measure", codes::parse_measure)?,
            direction: opt_code(r, 9, "direction", codes::parse_direction)?,
            bound: code(r, 10, "bound", codes::parse_bound)?,
            value: r.get(11)?,
            value_max: r.get(12)?,
            unit: r.get(13)?,
            year: r.get(14)?,
            baseline_year: r.get(15)?,
            aspiration: r.get::<_, i64>(16)? != 0,
        },
        binding: code(r, 17, "binding", Binding::parse)?,
        lead_departments: Vec::new(),
        cooperating_departments: Vec::new(),
        source: Source {
            document: r.get(18)?,
            span: span(r, 19)?,
            url: r.get(21)?,
            quote: r.get(22)?,
        },
        note: r.get(23)?,
        created_at: r.get(24)?,
        created_by: r.get(25)?,
        updated_at: r.get(26)?,
        updated_by: r.get(27)?,
    })
}

/// Fills in the departments of `targets`.
fn with_departments(c: &Connection, targets: &mut [TargetRecord]) -> Result<()> {
    let mut st = c
        .prepare_cached("SELECT role, department FROM target_departments WHERE target_id = ?1 ORDER BY role, position")
        .ctx("reading target departments")?;
    for t in targets.iter_mut() {
        let rows = st
            .query_map([t.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .ctx("reading target departments")?;
        for row in rows {
            let (role, dept) = row.ctx("reading target departments")?;
            match role.as_str() {
                "lead" => t.lead_departments.push(dept),
                _ => t.cooperating_departments.push(dept),
            }
        }
    }
    Ok(())
}

/// The target with this id.
pub(super) fn get(c: &Connection, id: TargetId) -> Result<Option<TargetRecord>> {
    let found = c
        .prepare_cached(&format!("{SELECT} WHERE t.id = ?1"))
        .and_then(|mut st| st.query_row([id], row).optional())
        .ctx("reading a target")?;
    let mut found: Vec<TargetRecord> = found.into_iter().collect();
    with_departments(c, &mut found)?;
    Ok(found.pop())
}

/// The targets a filter selects.
pub(super) fn list(c: &Connection, f: &TargetFilter) -> Result<Vec<TargetRecord>> {
    let mut st = c
        .prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR t.plan_id = ?1) AND (?2 IS NULL OR t.region_id = ?2) \
             AND (?3 IS NULL OR t.indicator_id = ?3) AND (?4 IS NULL OR t.year = ?4) ORDER BY t.id"
        ))
        .ctx("listing targets")?;
    let mut out = st
        .query_map(params![f.plan, f.region, f.indicator, f.year], row)
        .ctx("listing targets")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("listing targets")?;
    with_departments(c, &mut out)?;
    Ok(out)
}

/// Checks the values of a target before writing it.
pub(super) fn validate(t: &NewTarget) -> Result<()> {
    let v = &t.target;
    let label = || format!("target on indicator {} for region {}", t.indicator, t.region);
    if !v.value.is_finite() || v.value_max.is_some_and(|m| !m.is_finite()) {
        return Err(StoreError::Invalid(format!(
            "{}: value must be a finite number",
            label()
        )));
    }
    if v.value_max.is_some_and(|m| m < v.value) {
        return Err(StoreError::Invalid(format!("{}: value_max below value", label())));
    }
    if !plausible_year(v.year) || v.baseline_year.is_some_and(|y| !plausible_year(y)) {
        return Err(StoreError::Invalid(format!("{}: implausible year", label())));
    }
    if let Some([a, b]) = t.source.span {
        if a > b {
            return Err(StoreError::Invalid(format!(
                "{}: source span ends before it starts",
                label()
            )));
        }
    }
    Ok(())
}

/// Writes the department rows of a target.
fn write_departments(c: &Connection, id: TargetId, t: &NewTarget) -> Result<()> {
    c.prepare_cached("DELETE FROM target_departments WHERE target_id = ?1")
        .and_then(|mut st| st.execute([id]))
        .ctx("writing target departments")?;
    let mut st = c
        .prepare_cached(
            "INSERT INTO target_departments (target_id, role, position, department) VALUES (?1, ?2, ?3, ?4)",
        )
        .ctx("writing target departments")?;
    for (role, list) in [
        ("lead", &t.lead_departments),
        ("cooperating", &t.cooperating_departments),
    ] {
        for (i, d) in list.iter().map(|d| d.trim()).filter(|d| !d.is_empty()).enumerate() {
            st.execute(params![id, role, i as i64, d])
                .ctx("writing target departments")?;
        }
    }
    Ok(())
}

/// Inserts a target without auditing (the caller audits).
pub(super) fn insert(c: &Connection, t: &NewTarget, actor: &str) -> Result<TargetId> {
    validate(t)?;
    let v = &t.target;
    let now = crate::time::now();
    c.prepare_cached(
        "INSERT INTO targets (plan_id, indicator_id, region_id, indicator_text, measure, direction, bound, \
         value, value_max, unit, year, baseline_year, aspiration, binding, source_document_id, span_start, \
         span_end, source_url, quote, note, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?21, ?22)",
    )
    .and_then(|mut st| {
        st.execute(params![
            t.plan,
            t.indicator,
            t.region,
            t.indicator_text,
            codes::measure(v.measure),
            v.direction.map(codes::direction),
            codes::bound(v.bound),
            v.value,
            v.value_max,
            v.unit,
            v.year,
            v.baseline_year,
            v.aspiration as i64,
            t.binding.as_str(),
            t.source.document,
            t.source.span.map(|s| s[0] as i64),
            t.source.span.map(|s| s[1] as i64),
            t.source.url,
            t.source.quote,
            t.note,
            now,
            actor
        ])
    })
    .ctx("inserting a target")?;
    let id = c.last_insert_rowid();
    write_departments(c, id, t)?;
    Ok(id)
}

/// Stores a target.
pub(super) fn add(c: &Connection, t: &NewTarget, actor: &str) -> Result<TargetId> {
    let id = insert(c, t, actor)?;
    let after = get(c, id)?;
    write_audit(c, actor, "insert", "targets", Some(id), None, Some(&after))?;
    Ok(id)
}

/// A stored target with the same content as `t` (for reusing it when a fact stated twice
/// is accepted twice).
pub(super) fn find_identical(c: &Connection, t: &NewTarget) -> Result<Option<TargetId>> {
    let v = &t.target;
    c.prepare_cached(
        "SELECT id FROM targets WHERE plan_id IS ?1 AND region_id = ?2 AND indicator_id = ?3 \
         AND measure = ?4 AND direction IS ?5 AND bound = ?6 AND value = ?7 AND value_max IS ?8 \
         AND unit = ?9 AND year = ?10 AND baseline_year IS ?11 ORDER BY id LIMIT 1",
    )
    .and_then(|mut st| {
        st.query_row(
            params![
                t.plan,
                t.region,
                t.indicator,
                codes::measure(v.measure),
                v.direction.map(codes::direction),
                codes::bound(v.bound),
                v.value,
                v.value_max,
                v.unit,
                v.year,
                v.baseline_year
            ],
            |r| r.get(0),
        )
        .optional()
    })
    .ctx("looking for an identical target")
}

/// Replaces a target's content.
pub(super) fn update(c: &Connection, id: TargetId, t: &NewTarget, actor: &str) -> Result<()> {
    validate(t)?;
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    let v = &t.target;
    c.prepare_cached(
        "UPDATE targets SET plan_id = ?1, indicator_id = ?2, region_id = ?3, indicator_text = ?4, measure = ?5, \
         direction = ?6, bound = ?7, value = ?8, value_max = ?9, unit = ?10, year = ?11, baseline_year = ?12, \
         aspiration = ?13, binding = ?14, source_document_id = ?15, span_start = ?16, span_end = ?17, \
         source_url = ?18, quote = ?19, note = ?20, updated_at = ?21, updated_by = ?22 WHERE id = ?23",
    )
    .and_then(|mut st| {
        st.execute(params![
            t.plan,
            t.indicator,
            t.region,
            t.indicator_text,
            codes::measure(v.measure),
            v.direction.map(codes::direction),
            codes::bound(v.bound),
            v.value,
            v.value_max,
            v.unit,
            v.year,
            v.baseline_year,
            v.aspiration as i64,
            t.binding.as_str(),
            t.source.document,
            t.source.span.map(|s| s[0] as i64),
            t.source.span.map(|s| s[1] as i64),
            t.source.url,
            t.source.quote,
            t.note,
            crate::time::now(),
            actor,
            id
        ])
    })
    .ctx("updating a target")?;
    write_departments(c, id, t)?;
    let after = get(c, id)?;
    write_audit(c, actor, "update", "targets", Some(id), Some(&before), Some(&after))?;
    Ok(())
}

/// Deletes a target no fact points at.
pub(super) fn delete(c: &Connection, id: TargetId, actor: &str) -> Result<()> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    let facts: i64 = c
        .query_row("SELECT COUNT(*) FROM facts WHERE target_id = ?1", [id], |r| r.get(0))
        .ctx("deleting a target")?;
    if facts > 0 {
        return Err(StoreError::Constraint {
            what: "deleting a target",
            message: format!("target {id} came from {facts} accepted fact(s); correct it with an update instead"),
        });
    }
    c.execute("DELETE FROM targets WHERE id = ?1", [id])
        .ctx("deleting a target")?;
    write_audit(c, actor, "delete", "targets", Some(id), Some(&before), None)?;
    Ok(())
}
