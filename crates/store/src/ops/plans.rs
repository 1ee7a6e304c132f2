//! Plans.

use super::write_audit;
use crate::codes::plausible_year;
use crate::sql::{Db, Row, p};
use crate::{NewPlan, Plan, PlanId, Result, StoreError};

/// The query [`row`] reads.
const SELECT: &str = "SELECT p.id, p.title, p.issuer, p.region_id, r.name, p.period_start, p.period_end, \
     p.baseline_year, p.document_id, p.created_at, p.created_by \
     FROM plans p JOIN regions r ON r.id = p.region_id";

/// Reads a plan row.
fn row(r: &Row) -> Result<Plan> {
    Ok(Plan {
        id: r.i64(0)?,
        title: r.text(1)?,
        issuer: r.text(2)?,
        region: r.i64(3)?,
        region_name: r.text(4)?,
        period_start: r.opt_i32(5)?,
        period_end: r.opt_i32(6)?,
        baseline_year: r.opt_i32(7)?,
        document: r.opt_i64(8)?,
        created_at: r.text(9)?,
        created_by: r.text(10)?,
    })
}

/// The plan with this id.
pub(crate) fn get(c: &mut dyn Db, id: PlanId) -> Result<Option<Plan>> {
    c.query_opt("reading a plan", &format!("{SELECT} WHERE p.id = ?1"), p![id])?
        .as_ref()
        .map(row)
        .transpose()
}

/// Every plan.
pub(crate) fn all(c: &mut dyn Db) -> Result<Vec<Plan>> {
    c.query("listing plans", &format!("{SELECT} ORDER BY p.id"), p![])?
        .iter()
        .map(row)
        .collect()
}

/// Stores a plan.
pub(crate) fn add(c: &mut dyn Db, plan: &NewPlan, actor: &str) -> Result<PlanId> {
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
    let dup = c.query_opt(
        "looking up a plan",
        "SELECT id FROM plans WHERE title = ?1 AND region_id = ?2",
        p![title, plan.region],
    )?;
    if let Some(dup) = dup {
        return Err(StoreError::Duplicate {
            entity: "plan",
            key: format!("{title} (plan {})", dup.i64(0)?),
        });
    }
    let id = c.insert(
        "inserting a plan",
        "INSERT INTO plans (title, issuer, region_id, period_start, period_end, baseline_year, document_id, \
         created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        p![
            title,
            &plan.issuer,
            plan.region,
            plan.period_start,
            plan.period_end,
            plan.baseline_year,
            plan.document,
            crate::time::now().as_str(),
            actor
        ],
    )?;
    let after = get(c, id)?;
    write_audit(c, actor, "insert", "plans", Some(id), None, Some(&after))?;
    Ok(id)
}
