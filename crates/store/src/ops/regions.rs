//! Regions.

use super::write_audit;
use crate::sql::{Db, Row, p};
use crate::{NewRegion, ParentRef, Region, RegionId, RegionLevel, Result, StoreError, UpsertSummary};

/// Columns read by [`row`].
const COLS: &str = "id, name, official_name, code, level, parent_id";

/// Reads a region row (without aliases).
fn row(r: &Row) -> Result<Region> {
    Ok(Region {
        id: r.i64(0)?,
        name: r.text(1)?,
        official_name: r.text(2)?,
        code: r.opt_text(3)?,
        level: r.code(4, "region level", RegionLevel::parse)?,
        parent: r.opt_i64(5)?,
        aliases: Vec::new(),
    })
}

/// Fills in the aliases of `regions`.
fn with_aliases(c: &mut dyn Db, mut regions: Vec<Region>) -> Result<Vec<Region>> {
    if regions.is_empty() {
        return Ok(regions);
    }
    let ids: Vec<RegionId> = regions.iter().map(|r| r.id).collect();
    let mut by_id = super::aliases_by_id(c, "reading region aliases", "region_aliases", "region_id", &ids)?;
    for region in &mut regions {
        region.aliases = by_id.remove(&region.id).unwrap_or_default();
    }
    Ok(regions)
}

/// Runs a region query and fills in aliases.
fn query(c: &mut dyn Db, sql: &str, params: &[crate::sql::P<'_>]) -> Result<Vec<Region>> {
    let rows = c
        .query("reading regions", sql, params)?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    with_aliases(c, rows)
}

/// The region with this id.
pub(crate) fn get(c: &mut dyn Db, id: RegionId) -> Result<Option<Region>> {
    Ok(query(c, &format!("SELECT {COLS} FROM regions WHERE id = ?1"), p![id])?
        .into_iter()
        .next())
}

/// Every region in id order.
pub(crate) fn all(c: &mut dyn Db) -> Result<Vec<Region>> {
    query(c, &format!("SELECT {COLS} FROM regions ORDER BY id"), p![])
}

/// Regions named `name` by name, official name or alias.
pub(crate) fn find(c: &mut dyn Db, name: &str) -> Result<Vec<Region>> {
    query(
        c,
        &format!(
            "SELECT {COLS} FROM regions WHERE name = ?1 OR official_name = ?1 \
             OR id IN (SELECT region_id FROM region_aliases WHERE alias = ?1) ORDER BY id"
        ),
        p![name.trim()],
    )
}

/// The region and its ancestors, up to the root.
pub(crate) fn ancestors(c: &mut dyn Db, id: RegionId) -> Result<Vec<Region>> {
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
fn resolve_parent(c: &mut dyn Db, new: &NewRegion) -> Result<Option<RegionId>> {
    let Some(parent) = &new.parent else {
        return Ok(None);
    };
    let what = "resolving a parent region";
    let found = match parent {
        ParentRef::Id(id) => c.query_opt(what, "SELECT id FROM regions WHERE id = ?1", p![*id])?,
        ParentRef::Code(code) => c.query_opt(what, "SELECT id FROM regions WHERE code = ?1", p![code])?,
        ParentRef::Official(name) => c.query_opt(
            what,
            "SELECT id FROM regions WHERE official_name = ?1 ORDER BY id LIMIT 1",
            p![name],
        )?,
    };
    match found {
        Some(r) => Ok(Some(r.i64(0)?)),
        None => Err(StoreError::Invalid(format!(
            "region {}: parent {parent:?} not found (parents must be stored or come earlier in the list)",
            new.official_name
        ))),
    }
}

/// Inserts or updates regions; see [`crate::Store::upsert_regions`].
pub(crate) fn upsert(c: &mut dyn Db, rows: &[NewRegion], actor: &str) -> Result<UpsertSummary> {
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
        let existing = match code {
            Some(code) => c.query_opt(
                "looking up a region",
                &format!("SELECT {COLS} FROM regions WHERE code = ?1"),
                p![code],
            )?,
            None => c.query_opt(
                "looking up a region",
                &format!(
                    "SELECT {COLS} FROM regions WHERE official_name = ?1 AND code IS NULL \
                     AND parent_id IS NOT DISTINCT FROM ?2 ORDER BY id LIMIT 1"
                ),
                p![&new.official_name, parent],
            )?,
        };
        let existing = existing.as_ref().map(row).transpose()?;
        let id = match existing {
            Some(old) => {
                if old.name != new.name
                    || old.official_name != new.official_name
                    || old.level != new.level
                    || old.parent != parent
                {
                    if let Some(p) = parent {
                        if ancestors(c, p)?.iter().any(|r| r.id == old.id) {
                            return Err(StoreError::Invalid(format!(
                                "region {}: its new parent lies inside it",
                                new.official_name
                            )));
                        }
                    }
                    c.exec(
                        "updating a region",
                        "UPDATE regions SET name = ?1, official_name = ?2, level = ?3, parent_id = ?4 WHERE id = ?5",
                        p![&new.name, &new.official_name, new.level.as_str(), parent, old.id],
                    )?;
                    let after = get(c, old.id)?;
                    write_audit(c, actor, "update", "regions", Some(old.id), Some(&old), Some(&after))?;
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                old.id
            }
            None => {
                summary.inserted += 1;
                c.insert(
                    "inserting a region",
                    "INSERT INTO regions (name, official_name, code, level, parent_id) VALUES (?1, ?2, ?3, ?4, ?5) \
                     RETURNING id",
                    p![&new.name, &new.official_name, code, new.level.as_str(), parent],
                )?
            }
        };
        for alias in new.aliases.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
            c.exec(
                "adding a region alias",
                // NOT EXISTS rather than ON CONFLICT: every compatible server spells it the
                // same, and writers are serialized, so nothing slips in between.
                "INSERT INTO region_aliases (alias, region_id) SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT) \
                 WHERE NOT EXISTS (SELECT 1 FROM region_aliases WHERE alias = ?1 AND region_id = ?2)",
                p![alias, id],
            )?;
        }
    }
    write_audit(c, actor, "upsert", "regions", None, None, Some(&summary))?;
    Ok(summary)
}
