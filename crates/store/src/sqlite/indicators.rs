//! The indicator library in SQLite.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Ctx, code, write_audit};
use crate::indicator::{desirability_code, parse_desirability};
use crate::{Category, Indicator, IndicatorId, NewIndicator, Result, StoreError, UpsertSummary};

/// Columns read by [`row`].
const COLS: &str = "id, name, unit, desirability, category, description";

/// Reads an indicator row (without aliases).
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Indicator> {
    Ok(Indicator {
        id: r.get(0)?,
        name: r.get(1)?,
        aliases: Vec::new(),
        unit: r.get(2)?,
        desirability: code(r, 3, "desirability", parse_desirability)?,
        category: code(r, 4, "category", Category::parse)?,
        description: r.get(5)?,
    })
}

/// Runs an indicator query and fills in aliases.
fn query(c: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Indicator>> {
    let mut st = c.prepare_cached(sql).ctx("reading indicators")?;
    let mut rows = st
        .query_map(params, row)
        .ctx("reading indicators")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("reading indicators")?;
    let mut by_id: HashMap<IndicatorId, Vec<String>> = HashMap::new();
    let mut st = c
        .prepare_cached("SELECT alias FROM indicator_aliases WHERE indicator_id = ?1 ORDER BY alias")
        .ctx("reading indicator aliases")?;
    if rows.len() > 16 {
        let mut all = c
            .prepare_cached("SELECT indicator_id, alias FROM indicator_aliases ORDER BY alias")
            .ctx("reading indicator aliases")?;
        let pairs = all
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .ctx("reading indicator aliases")?;
        for p in pairs {
            let (id, alias) = p.ctx("reading indicator aliases")?;
            by_id.entry(id).or_default().push(alias);
        }
    } else {
        for ind in &rows {
            let aliases = st
                .query_map([ind.id], |r| r.get::<_, String>(0))
                .ctx("reading indicator aliases")?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx("reading indicator aliases")?;
            by_id.insert(ind.id, aliases);
        }
    }
    for ind in &mut rows {
        ind.aliases = by_id.remove(&ind.id).unwrap_or_default();
    }
    Ok(rows)
}

/// The indicator with this id.
pub(super) fn get(c: &Connection, id: IndicatorId) -> Result<Option<Indicator>> {
    Ok(query(c, &format!("SELECT {COLS} FROM indicators WHERE id = ?1"), [id])?
        .into_iter()
        .next())
}

/// Every indicator by category then name.
pub(super) fn all(c: &Connection) -> Result<Vec<Indicator>> {
    query(c, &format!("SELECT {COLS} FROM indicators ORDER BY category, name"), [])
}

/// The indicator named or aliased `name`.
pub(super) fn find(c: &Connection, name: &str) -> Result<Option<Indicator>> {
    let name = name.trim();
    let id: Option<i64> = c
        .prepare_cached(
            "SELECT id FROM indicators WHERE name = ?1 \
             UNION ALL SELECT indicator_id FROM indicator_aliases WHERE alias = ?1 LIMIT 1",
        )
        .and_then(|mut st| st.query_row([name], |r| r.get(0)).optional())
        .ctx("finding an indicator")?;
    match id {
        Some(id) => get(c, id),
        None => Ok(None),
    }
}

/// Inserts or updates indicators; see [`crate::Store::upsert_indicators`].
pub(super) fn upsert(c: &Connection, rows: &[NewIndicator], actor: &str) -> Result<UpsertSummary> {
    let mut summary = UpsertSummary::default();
    for new in rows {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an indicator needs a name".into()));
        }
        let aliased: Option<String> = c
            .prepare_cached(
                "SELECT i.name FROM indicator_aliases a JOIN indicators i ON i.id = a.indicator_id \
                 WHERE a.alias = ?1 AND i.name <> ?1",
            )
            .and_then(|mut st| st.query_row([name], |r| r.get(0)).optional())
            .ctx("checking indicator names")?;
        if let Some(other) = aliased {
            return Err(StoreError::Duplicate {
                entity: "indicator name",
                key: format!("{name} is already an alias of {other}"),
            });
        }
        let existing = c
            .prepare_cached(&format!("SELECT {COLS} FROM indicators WHERE name = ?1"))
            .and_then(|mut st| st.query_row([name], row).optional())
            .ctx("looking up an indicator")?;
        let desirability = desirability_code(new.desirability);
        let id = match existing {
            Some(old) => {
                if old.unit != new.unit
                    || old.desirability != new.desirability
                    || old.category != new.category
                    || old.description != new.description
                {
                    c.prepare_cached(
                        "UPDATE indicators SET unit = ?1, desirability = ?2, category = ?3, description = ?4 WHERE id = ?5",
                    )
                    .and_then(|mut st| {
                        st.execute(params![new.unit, desirability, new.category.as_str(), new.description, old.id])
                    })
                    .ctx("updating an indicator")?;
                    let after = get(c, old.id)?;
                    write_audit(c, actor, "update", "indicators", Some(old.id), Some(&old), Some(&after))?;
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                old.id
            }
            None => {
                c.prepare_cached(
                    "INSERT INTO indicators (name, unit, desirability, category, description) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut st| {
                    st.execute(params![name, new.unit, desirability, new.category.as_str(), new.description])
                })
                .ctx("inserting an indicator")?;
                summary.inserted += 1;
                c.last_insert_rowid()
            }
        };
        for alias in new
            .aliases
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty() && *a != name)
        {
            let owner: Option<(i64, String)> = c
                .prepare_cached(
                    "SELECT id, name FROM indicators WHERE name = ?1 \
                     UNION ALL SELECT i.id, i.name FROM indicator_aliases a \
                     JOIN indicators i ON i.id = a.indicator_id WHERE a.alias = ?1 LIMIT 1",
                )
                .and_then(|mut st| st.query_row([alias], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .ctx("checking an indicator alias")?;
            match owner {
                Some((owner, _)) if owner == id => {}
                Some((_, other)) => {
                    return Err(StoreError::Duplicate {
                        entity: "indicator alias",
                        key: format!("{alias} (for {name}) already names {other}"),
                    });
                }
                None => {
                    c.prepare_cached("INSERT INTO indicator_aliases (alias, indicator_id) VALUES (?1, ?2)")
                        .and_then(|mut st| st.execute(params![alias, id]))
                        .ctx("adding an indicator alias")?;
                }
            }
        }
    }
    write_audit(c, actor, "upsert", "indicators", None, None, Some(&summary))?;
    Ok(summary)
}
