//! Regions in SQLite.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Ctx, code, write_audit};
use crate::{NewRegion, ParentRef, Region, RegionId, RegionLevel, Result, StoreError, UpsertSummary};

/// Columns read by [`row`].
const COLS: &str = "id, name, official_name, code, level, parent_id";

/// Reads a region row (without aliases).
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Region> {
    Ok(Region {
        id: r.get(0)?,
        name: r.get(1)?,
        official_name: r.get(2)?,
        code: r.get(3)?,
        level: code(r, 4, "region level", RegionLevel::parse)?,
        parent: r.get(5)?,
        aliases: Vec::new(),
    })
}

/// Fills in the aliases of `regions`.
fn with_aliases(c: &Connection, mut regions: Vec<Region>) -> Result<Vec<Region>> {
    if regions.is_empty() {
        return Ok(regions);
    }
    let mut by_id: HashMap<RegionId, Vec<String>> = HashMap::new();
    if regions.len() > 16 {
        let mut st = c
            .prepare_cached("SELECT region_id, alias FROM region_aliases ORDER BY alias")
            .ctx("reading region aliases")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .ctx("reading region aliases")?;
        for r in rows {
            let (id, alias) = r.ctx("reading region aliases")?;
            by_id.entry(id).or_default().push(alias);
        }
    } else {
        let mut st = c
            .prepare_cached("SELECT alias FROM region_aliases WHERE region_id = ?1 ORDER BY alias")
            .ctx("reading region aliases")?;
        for region in &regions {
            let aliases = st
                .query_map([region.id], |r| r.get::<_, String>(0))
                .ctx("reading region aliases")?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx("reading region aliases")?;
            by_id.insert(region.id, aliases);
        }
    }
    for region in &mut regions {
        region.aliases = by_id.remove(&region.id).unwrap_or_default();
    }
    Ok(regions)
}

/// Runs a region query and fills in aliases.
fn query(c: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Region>> {
    let mut st = c.prepare_cached(sql).ctx("reading regions")?;
    let rows = st
        .query_map(params, row)
        .ctx("reading regions")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("reading regions")?;
    with_aliases(c, rows)
}

/// The region with this id.
pub(super) fn get(c: &Connection, id: RegionId) -> Result<Option<Region>> {
    Ok(query(c, &format!("SELECT {COLS} FROM regions WHERE id = ?1"), [id])?
        .into_iter()
        .next())
}

/// Every region in id order.
pub(super) fn all(c: &Connection) -> Result<Vec<Region>> {
    query(c, &format!("SELECT {COLS} FROM regions ORDER BY id"), [])
}

/// Regions named `name` by name, official name or alias.
pub(super) fn find(c: &Connection, name: &str) -> Result<Vec<Region>> {
    query(
        c,
        &format!(
            "SELECT {COLS} FROM regions WHERE name = ?1 OR official_name = ?1 \
             OR id IN (SELECT region_id FROM region_aliases WHERE alias = ?1) ORDER BY id"
        ),
        [name.trim()],
    )
}

/// The region and its ancestors, up to the root.
pub(super) fn ancestors(c: &Connection, id: RegionId) -> Result<Vec<Region>> {
    let mut out = Vec::new();
    let mut at = Some(id);
    while let Some(id) = at {
        // The hierarchy is a tree by construction; the bound guards against a cycle
        // written by hand.
        if out.len() > 64 {
            return Err(StoreError::Corrupt {
                what: "regions",
                message: format!("the parents of region {id} form a cycle"),
            });
        }
        let Some(region) = get(c, id)? else {
            if out.is_empty() {
                return Err(StoreError::NotFound { entity: "region", id });
            }
            break;
        };
        at = region.parent;
        out.push(region);
    }
    Ok(out)
}

/// Resolves how a new region names its parent.
fn resolve_parent(c: &Connection, new: &NewRegion) -> Result<Option<RegionId>> {
    let Some(parent) = &new.parent else {
        return Ok(None);
    };
    let found: Option<i64> = match parent {
        ParentRef::Id(id) => c
            .query_row("SELECT id FROM regions WHERE id = ?1", [id], |r| r.get(0))
            .optional(),
        ParentRef::Code(code) => c
            .prepare_cached("SELECT id FROM regions WHERE code = ?1")
            .and_then(|mut st| st.query_row([code], |r| r.get(0)).optional()),
        ParentRef::Official(name) => c
            .prepare_cached("SELECT id FROM regions WHERE official_name = ?1 ORDER BY id LIMIT 1")
            .and_then(|mut st| st.query_row([name], |r| r.get(0)).optional()),
    }
    .ctx("resolving a parent region")?;
    match found {
        Some(id) => Ok(Some(id)),
        None => Err(StoreError::Invalid(format!(
            "region {}: parent {parent:?} not found (parents must be stored or come earlier in the list)",
            new.official_name
        ))),
    }
}

/// Inserts or updates regions; see [`crate::Store::upsert_regions`].
pub(super) fn upsert(c: &Connection, rows: &[NewRegion], actor: &str) -> Result<UpsertSummary> {
    let mut summary = UpsertSummary::default();
    for new in rows {
        if new.name.trim().is_empty() || new.official_name.trim().is_empty() {
            return Err(StoreError::Invalid(format!(
                "a region needs a name and an official name (got {:?} / {:?})",
                new.name, new.official_name
            )));
        }
        let code = new.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let parent = resolve_parent(c, new)?;
        let existing: Option<Region> = match code {
            Some(code) => c
                .prepare_cached(&format!("SELECT {COLS} FROM regions WHERE code = ?1"))
                .and_then(|mut st| st.query_row([code], row).optional()),
            None => c
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM regions WHERE official_name = ?1 AND code IS NULL \
                     AND parent_id IS ?2 ORDER BY id LIMIT 1"
                ))
                .and_then(|mut st| st.query_row(params![new.official_name, parent], row).optional()),
        }
        .ctx("looking up a region")?;
        let id = match existing {
            Some(old) => {
                if old.name != new.name
                    || old.official_name != new.official_name
                    || old.level != new.level
                    || old.parent != parent
                {
                    if parent.is_some_and(|p| ancestors(c, p).is_ok_and(|a| a.iter().any(|r| r.id == old.id))) {
                        return Err(StoreError::Invalid(format!(
                            "region {}: its new parent lies inside it",
                            new.official_name
                        )));
                    }
                    c.prepare_cached(
                        "UPDATE regions SET name = ?1, official_name = ?2, level = ?3, parent_id = ?4 WHERE id = ?5",
                    )
                    .and_then(|mut st| {
                        st.execute(params![new.name, new.official_name, new.level.as_str(), parent, old.id])
                    })
                    .ctx("updating a region")?;
                    let after = get(c, old.id)?;
                    write_audit(c, actor, "update", "regions", Some(old.id), Some(&old), Some(&after))?;
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                old.id
            }
            None => {
                c.prepare_cached(
                    "INSERT INTO regions (name, official_name, code, level, parent_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .and_then(|mut st| st.execute(params![new.name, new.official_name, code, new.level.as_str(), parent]))
                .ctx("inserting a region")?;
                summary.inserted += 1;
                c.last_insert_rowid()
            }
        };
        for alias in new.aliases.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
            c.prepare_cached("INSERT INTO region_aliases (alias, region_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .and_then(|mut st| st.execute(params![alias, id]))
                .ctx("adding a region alias")?;
        }
    }
    write_audit(c, actor, "upsert", "regions", None, None, Some(&summary))?;
    Ok(summary)
}
