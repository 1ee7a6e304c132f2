//! Plans in SQLite.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Ctx, write_audit};
use crate::codes::plausible_year;
use crate::{NewPlan, Plan, PlanId, Result, StoreError};

/// The query [`row`] reads.
const SELECT: &str = "SELECT p.id, p.title, p.issuer, p.region_id, r.name, p.period_start, p.period_end, \
     p.baseline_year, p.document_id, p.created_at, p.created_by \
     FROM plans p JOIN regions r ON r.id = p.region_id";

/// Reads a plan row.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: r.get(0)?,
        title: r.get(1)?,
        issuer: r.get(2)?,
        region: r.get(3)?,
        region_name: r.get(4)?,
        period_start: r.get(5)?,
        period_end: r.get(6)?,
        baseline_year: r.get(7)?,
        document: r.get(8)?,
        created_at: r.get(9)?,
        created_by: r.get(10)?,
    })
}

/// The plan with this id.
pub(super) fn get(c: &Connection, id: PlanId) -> Result<Option<Plan>> {
    c.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))
        .and_then(|mut st| st.query_row([id], row).optional())
        .ctx("reading a plan")
}

/// Every plan.
pub(super) fn all(c: &Connection) -> Result<Vec<Plan>> {
    let mut st = c
        .prepare_cached(&format!("{SELECT} ORDER BY p.id"))
        .ctx("listing plans")?;
    st.query_map([], row)
        .ctx("listing plans")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("listing plans")
}

/// Stores a plan.
pub(super) fn add(c: &Connection, plan: &NewPlan, actor: &str) -> Result<PlanId> {
    let title = plan.title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid("a plan needs a title".into()));
    }
    for y in [plan.period_start, plan.period_end, plan.baseline_year]
        .into_iter()
        .flatten()
    {
        if !plausible_year(y) {
            return Err(StoreError::Invalid(format!("plan {title}: implausible year {y}")));
        }
    }
    if let (Some(a), Some(b)) = (plan.period_start, plan.period_end) {
        if a > b {
            return Err(StoreError::Invalid(format!(
                "plan {title}: period starts ({a}) after it ends ({b})"
            )));
        }
    }
    let dup: Option<i64> = c
        .prepare_cached("SELECT id FROM plans WHERE title = ?1 AND region_id = ?2")
        .and_then(|mut st| st.query_row(params![title, plan.region], |r| r.get(0)).optional())
        .ctx("looking up a plan")?;
    if let Some(id) = dup {
        return Err(StoreError::Duplicate {
            entity: "plan",
            key: format!("{title} (plan {id})"),
        });
    }
    c.prepare_cached(
        "INSERT INTO plans (title, issuer, region_id, period_start, period_end, baseline_year, document_id, created_at, created_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut st| {
        st.execute(params![
            title,
            plan.issuer,
            plan.region,
            plan.period_start,
            plan.period_end,
            plan.baseline_year,
            plan.document,
            crate::time::now(),
            actor
        ])
    })
    .ctx("inserting a plan")?;
    let id = c.last_insert_rowid();
    let after = get(c, id)?;
    write_audit(c, actor, "insert", "plans", Some(id), None, Some(&after))?;
    Ok(id)
}
