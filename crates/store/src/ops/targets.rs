//! Targets.

use pledge_model::Target;

use super::write_audit;
use crate::codes::{self, plausible_year};
use crate::sql::{Db, Row, p};
use crate::{Binding, NewTarget, Result, Source, StoreError, TargetFilter, TargetId, TargetRecord};

/// The query [`row`] reads.
const SELECT: &str = "SELECT t.id, t.plan_id, p.title, t.region_id, r.name, t.indicator_id, i.name, \
     t.indicator_text, t.measure, t.direction, t.bound, t.value, t.value_max, t.unit, t.year, \
     t.baseline_year, t.aspiration, t.binding, t.source_document_id, t.span_start, t.span_end, \
     t.source_url, t.quote, t.note, t.created_at, t.created_by, t.updated_at, t.updated_by \
     FROM targets t JOIN regions r ON r.id = t.region_id JOIN indicators i ON i.id = t.indicator_id \
     LEFT JOIN plans p ON p.id = t.plan_id";

/// Reads a target row (without departments).
fn row(r: &Row) -> Result<TargetRecord> {
    Ok(TargetRecord {
        id: r.i64(0)?,
        plan: r.opt_i64(1)?,
        plan_title: r.opt_text(2)?,
        region: r.i64(3)?,
        region_name: r.text(4)?,
        indicator: r.i64(5)?,
        indicator_name: r.text(6)?,
        indicator_text: r.text(7)?,
        target: Target {
            measure: r.code(8, "measure", codes::parse_measure)?,
            direction: r.opt_code(9, "direction", codes::parse_direction)?,
            bound: r.code(10, "bound", codes::parse_bound)?,
            value: r.f64(11)?,
            value_max: r.opt_f64(12)?,
            unit: r.text(13)?,
            year: r.i32(14)?,
            baseline_year: r.opt_i32(15)?,
            aspiration: r.flag(16)?,
        },
        binding: r.code(17, "binding", Binding::parse)?,
        lead_departments: Vec::new(),
        cooperating_departments: Vec::new(),
        source: Source {
            document: r.opt_i64(18)?,
            span: r.span(19)?,
            url: r.text(21)?,
            quote: r.text(22)?,
        },
        note: r.text(23)?,
        created_at: r.text(24)?,
        created_by: r.text(25)?,
        updated_at: r.text(26)?,
        updated_by: r.text(27)?,
    })
}

/// Fills in the departments of `targets`.
fn with_departments(c: &mut dyn Db, targets: &mut [TargetRecord]) -> Result<()> {
    for t in targets.iter_mut() {
        for r in c.query(
            "reading target departments",
            "SELECT role, department FROM target_departments WHERE target_id = ?1 ORDER BY role, position",
            p![t.id],
        )? {
            let dept = r.text(1)?;
            match r.text(0)?.as_str() {
                "lead" => t.lead_departments.push(dept),
                _ => t.cooperating_departments.push(dept),
            }
        }
    }
    Ok(())
}

/// The target with this id.
pub(crate) fn get(c: &mut dyn Db, id: TargetId) -> Result<Option<TargetRecord>> {
    let found = c.query_opt("reading a target", &format!("{SELECT} WHERE t.id = ?1"), p![id])?;
    let mut found: Vec<TargetRecord> = found.as_ref().map(row).transpose()?.into_iter().collect();
    with_departments(c, &mut found)?;
    Ok(found.pop())
}

/// The targets a filter selects.
pub(crate) fn list(c: &mut dyn Db, f: &TargetFilter) -> Result<Vec<TargetRecord>> {
    let mut out = c
        .query(
            "listing targets",
            &format!(
                "{SELECT} WHERE (CAST(?1 AS BIGINT) IS NULL OR t.plan_id = ?1) \
                 AND (CAST(?2 AS BIGINT) IS NULL OR t.region_id = ?2) \
                 AND (CAST(?3 AS BIGINT) IS NULL OR t.indicator_id = ?3) \
                 AND (CAST(?4 AS INTEGER) IS NULL OR t.year = ?4) ORDER BY t.id"
            ),
            p![f.plan, f.region, f.indicator, f.year],
        )?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    with_departments(c, &mut out)?;
    Ok(out)
}

/// Checks the values of a target before writing it.
pub(crate) fn validate(t: &NewTarget) -> Result<()> {
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
    if let Err(message) = Source::check_url(&t.source.url) {
        return Err(StoreError::Invalid(format!("{}: {message}", label())));
    }
    Ok(())
}

/// Writes the department rows of a target.
fn write_departments(c: &mut dyn Db, id: TargetId, t: &NewTarget) -> Result<()> {
    let what = "writing target departments";
    c.exec(what, "DELETE FROM target_departments WHERE target_id = ?1", p![id])?;
    for (role, list) in [
        ("lead", &t.lead_departments),
        ("cooperating", &t.cooperating_departments),
    ] {
        for (i, d) in list.iter().map(|d| d.trim()).filter(|d| !d.is_empty()).enumerate() {
            c.exec(
                what,
                "INSERT INTO target_departments (target_id, role, position, department) VALUES (?1, ?2, ?3, ?4)",
                p![id, role, i, d],
            )?;
        }
    }
    Ok(())
}

/// Inserts a target without auditing (the caller audits).
pub(crate) fn insert(c: &mut dyn Db, t: &NewTarget, actor: &str) -> Result<TargetId> {
    validate(t)?;
    let v = &t.target;
    let now = crate::time::now();
    let id = c.insert(
        "inserting a target",
        "INSERT INTO targets (plan_id, indicator_id, region_id, indicator_text, measure, direction, bound, \
         value, value_max, unit, year, baseline_year, aspiration, binding, source_document_id, span_start, \
         span_end, source_url, quote, note, created_at, created_by, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
         ?21, ?22, ?21, ?22) RETURNING id",
        p![
            t.plan,
            t.indicator,
            t.region,
            &t.indicator_text,
            codes::measure(v.measure),
            v.direction.map(codes::direction),
            codes::bound(v.bound),
            v.value,
            v.value_max,
            &v.unit,
            v.year,
            v.baseline_year,
            v.aspiration,
            t.binding.as_str(),
            t.source.document,
            t.source.span.map(|s| s[0]),
            t.source.span.map(|s| s[1]),
            &t.source.url,
            &t.source.quote,
            &t.note,
            now.as_str(),
            actor
        ],
    )?;
    write_departments(c, id, t)?;
    Ok(id)
}

/// Stores a target.
pub(crate) fn add(c: &mut dyn Db, t: &NewTarget, actor: &str) -> Result<TargetId> {
    let id = insert(c, t, actor)?;
    let after = get(c, id)?;
    write_audit(c, actor, "insert", "targets", Some(id), None, Some(&after))?;
    Ok(id)
}

/// Replaces a target's content.
pub(crate) fn update(c: &mut dyn Db, id: TargetId, t: &NewTarget, actor: &str) -> Result<()> {
    validate(t)?;
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    let v = &t.target;
    c.exec(
        "updating a target",
        "UPDATE targets SET plan_id = ?1, indicator_id = ?2, region_id = ?3, indicator_text = ?4, measure = ?5, \
         direction = ?6, bound = ?7, value = ?8, value_max = ?9, unit = ?10, year = ?11, baseline_year = ?12, \
         aspiration = ?13, binding = ?14, source_document_id = ?15, span_start = ?16, span_end = ?17, \
         source_url = ?18, quote = ?19, note = ?20, updated_at = ?21, updated_by = ?22 WHERE id = ?23",
        p![
            t.plan,
            t.indicator,
            t.region,
            &t.indicator_text,
            codes::measure(v.measure),
            v.direction.map(codes::direction),
            codes::bound(v.bound),
            v.value,
            v.value_max,
            &v.unit,
            v.year,
            v.baseline_year,
            v.aspiration,
            t.binding.as_str(),
            t.source.document,
            t.source.span.map(|s| s[0]),
            t.source.span.map(|s| s[1]),
            &t.source.url,
            &t.source.quote,
            &t.note,
            crate::time::now().as_str(),
            actor,
            id
        ],
    )?;
    write_departments(c, id, t)?;
    let after = get(c, id)?;
    write_audit(c, actor, "update", "targets", Some(id), Some(&before), Some(&after))?;
    Ok(())
}

/// Sets a target's kind and lead units (an [`crate::Assignment`], already checked).
pub(crate) fn assign(c: &mut dyn Db, id: TargetId, a: &crate::Assignment, actor: &str) -> Result<TargetRecord> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    let binding = a.binding.unwrap_or(before.binding);
    let lead = a.lead_units().unwrap_or_else(|| before.lead_departments.clone());
    if binding == before.binding && lead == before.lead_departments {
        return Ok(before);
    }
    c.exec(
        "assigning a target",
        "UPDATE targets SET binding = ?1, updated_at = ?2, updated_by = ?3 WHERE id = ?4",
        p![binding.as_str(), crate::time::now().as_str(), actor, id],
    )?;
    let what = "writing target departments";
    c.exec(
        what,
        "DELETE FROM target_departments WHERE target_id = ?1 AND role = 'lead'",
        p![id],
    )?;
    for (i, d) in lead.iter().enumerate() {
        c.exec(
            what,
            "INSERT INTO target_departments (target_id, role, position, department) VALUES (?1, 'lead', ?2, ?3)",
            p![id, i, d.as_str()],
        )?;
    }
    let after = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    write_audit(c, actor, "assign", "targets", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Deletes a target no fact points at.
pub(crate) fn delete(c: &mut dyn Db, id: TargetId, actor: &str) -> Result<()> {
    let before = get(c, id)?.ok_or(StoreError::NotFound { entity: "target", id })?;
    let facts = c
        .query_one(
            "deleting a target",
            "SELECT COUNT(*) FROM facts WHERE target_id = ?1",
            p![id],
        )?
        .i64(0)?;
    if facts > 0 {
        return Err(StoreError::Constraint {
            what: "deleting a target",
            message: format!("target {id} came from {facts} accepted fact(s); correct it with an update instead"),
        });
    }
    c.exec("deleting a target", "DELETE FROM targets WHERE id = ?1", p![id])?;
    write_audit(c, actor, "delete", "targets", Some(id), Some(&before), None)?;
    Ok(())
}
