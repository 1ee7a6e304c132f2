//! The indicator library.

use super::write_audit;
use crate::indicator::{desirability_code, parse_desirability};
use crate::sql::{Db, P, Row, p};
use crate::{Category, Indicator, IndicatorId, NewIndicator, Result, StoreError, UpsertSummary};

/// Columns read by [`row`].
const COLS: &str = "id, name, unit, desirability, category, description";

/// Reads an indicator row (without aliases).
fn row(r: &Row) -> Result<Indicator> {
    Ok(Indicator {
        id: r.i64(0)?,
        name: r.text(1)?,
        aliases: Vec::new(),
        unit: r.text(2)?,
        desirability: r.code(3, "desirability", parse_desirability)?,
        category: r.code(4, "category", Category::parse)?,
        description: r.text(5)?,
    })
}

/// Runs an indicator query and fills in aliases.
fn query(c: &mut dyn Db, sql: &str, params: &[P<'_>]) -> Result<Vec<Indicator>> {
    let mut rows = c
        .query("reading indicators", sql, params)?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    let ids: Vec<IndicatorId> = rows.iter().map(|i| i.id).collect();
    let mut by_id = super::aliases_by_id(
        c,
        "reading indicator aliases",
        "indicator_aliases",
        "indicator_id",
        &ids,
    )?;
    for ind in &mut rows {
        ind.aliases = by_id.remove(&ind.id).unwrap_or_default();
    }
    Ok(rows)
}

/// The indicator with this id.
pub(crate) fn get(c: &mut dyn Db, id: IndicatorId) -> Result<Option<Indicator>> {
    Ok(
        query(c, &format!("SELECT {COLS} FROM indicators WHERE id = ?1"), p![id])?
            .into_iter()
            .next(),
    )
}

/// Every indicator by category then name.
pub(crate) fn all(c: &mut dyn Db) -> Result<Vec<Indicator>> {
    query(
        c,
        &format!("SELECT {COLS} FROM indicators ORDER BY category, name"),
        p![],
    )
}

/// The indicator named or aliased `name`.
pub(crate) fn find(c: &mut dyn Db, name: &str) -> Result<Option<Indicator>> {
    let name = name.trim();
    let id = c.query_opt(
        "finding an indicator",
        "SELECT id FROM indicators WHERE name = ?1 \
         UNION ALL SELECT indicator_id FROM indicator_aliases WHERE alias = ?1 LIMIT 1",
        p![name],
    )?;
    match id {
        Some(r) => get(c, r.i64(0)?),
        None => Ok(None),
    }
}

/// Inserts or updates indicators; see [`crate::Store::upsert_indicators`].
pub(crate) fn upsert(c: &mut dyn Db, rows: &[NewIndicator], actor: &str) -> Result<UpsertSummary> {
    let mut summary = UpsertSummary::default();
    for new in rows {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an indicator needs a name".into()));
        }
        let aliased = c.query_opt(
            "checking indicator names",
            "SELECT i.name FROM indicator_aliases a JOIN indicators i ON i.id = a.indicator_id \
             WHERE a.alias = ?1 AND i.name <> ?1",
            p![name],
        )?;
        if let Some(other) = aliased {
            return Err(StoreError::Duplicate {
                entity: "indicator name",
                key: format!("{name} is already an alias of {}", other.text(0)?),
            });
        }
        let existing = c
            .query_opt(
                "looking up an indicator",
                &format!("SELECT {COLS} FROM indicators WHERE name = ?1"),
                p![name],
            )?
            .as_ref()
            .map(row)
            .transpose()?;
        let desirability = desirability_code(new.desirability);
        let id = match existing {
            Some(old) => {
                if old.unit != new.unit
                    || old.desirability != new.desirability
                    || old.category != new.category
                    || old.description != new.description
                {
                    c.exec(
                        "updating an indicator",
                        "UPDATE indicators SET unit = ?1, desirability = ?2, category = ?3, description = ?4 WHERE id = ?5",
                        p![&new.unit, desirability, new.category.as_str(), &new.description, old.id],
                    )?;
                    let after = get(c, old.id)?;
                    write_audit(c, actor, "update", "indicators", Some(old.id), Some(&old), Some(&after))?;
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                old.id
            }
            None => {
                summary.inserted += 1;
                c.insert(
                    "inserting an indicator",
                    "INSERT INTO indicators (name, unit, desirability, category, description) \
                     VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                    p![name, &new.unit, desirability, new.category.as_str(), &new.description],
                )?
            }
        };
        for alias in new
            .aliases
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty() && *a != name)
        {
            let owner = c.query_opt(
                "checking an indicator alias",
                "SELECT id, name FROM indicators WHERE name = ?1 \
                 UNION ALL SELECT i.id, i.name FROM indicator_aliases a \
                 JOIN indicators i ON i.id = a.indicator_id WHERE a.alias = ?1 LIMIT 1",
                p![alias],
            )?;
            match owner {
                Some(r) if r.i64(0)? == id => {}
                Some(r) => {
                    return Err(StoreError::Duplicate {
                        entity: "indicator alias",
                        key: format!("{alias} (for {name}) already names {}", r.text(1)?),
                    });
                }
                None => {
                    c.exec(
                        "adding an indicator alias",
                        "INSERT INTO indicator_aliases (alias, indicator_id) VALUES (?1, ?2)",
                        p![alias, id],
                    )?;
                }
            }
        }
    }
    write_audit(c, actor, "upsert", "indicators", None, None, Some(&summary))?;
    Ok(summary)
}
