//! The regions page: the ranking (排名) of `pledge_assess::ranking` — districts against
//! districts by 完成率 and by 序时进度, every due target counted — and a region ×
//! indicator matrix of lights.

use std::collections::BTreeMap;

use pledge_assess::Light;
use pledge_assess::ranking::{self, Entry, Ranking, Tier};
use serde::Serialize;

use crate::views::scoreboard::ScoreRow;

/// One cell of the matrix: the targets of a region on an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The targets (id, light, status code), worst first.
    pub targets: Vec<CellTarget>,
}

/// A target in a matrix cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellTarget {
    /// The target id.
    pub id: i64,
    /// Its target year.
    pub year: i32,
    /// Its light.
    pub light: Light,
    /// Its status.
    pub status: pledge_assess::Status,
}

/// One region's line: its cells and its ranking.
#[derive(Debug, Clone, Serialize)]
pub struct RegionLine {
    /// The region's id.
    pub region_id: i64,
    /// The region's name.
    pub region: String,
    /// One cell per indicator of [`Matrix::indicators`] (`None`: no target there).
    pub cells: Vec<Option<Cell>>,
    /// The table the region is ranked in.
    pub tier: Tier,
    /// Targets of the region.
    pub targets: usize,
    /// Targets with a verdict (not grey).
    pub assessed: usize,
    /// 1-based rank by 完成率 among districts (ties share a rank); `None` for a larger
    /// region or when none of its targets is due.
    pub rank: Option<usize>,
}

/// The matrix and ranking.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The ranking: districts ranked by 完成率 and 序时进度, larger regions apart.
    pub ranking: Ranking,
    /// The indicators (columns), by name.
    pub indicators: Vec<String>,
    /// The regions (rows): districts in ranking order, then the larger regions.
    pub regions: Vec<RegionLine>,
}

/// The tier of a region by name: a district or county of the gazetteer is ranked, anything
/// else (the country, a province, a city, an area) is listed apart.
pub fn tier(region: &str) -> Tier {
    let g = pledge_text::gazetteer();
    let district = g
        .lookup(region, None)
        .is_some_and(|p| g.places[p].level == pledge_text::Level::County);
    if district { Tier::District } else { Tier::Larger }
}

/// The ranking of the rows' regions.
pub fn rank(rows: &[ScoreRow]) -> Ranking {
    let entries: Vec<Entry> = rows
        .iter()
        .map(|r| Entry::new(r.region_id, &r.region, tier(&r.region), r.assessment.as_ref()))
        .collect();
    ranking::rank(&entries)
}

/// Builds the matrix and the ranking from scoreboard rows.
pub fn build(rows: &[ScoreRow]) -> Matrix {
    let ranking = rank(rows);
    let mut indicators: Vec<String> = rows.iter().map(|r| r.indicator.clone()).collect();
    indicators.sort();
    indicators.dedup();
    let mut by_region: BTreeMap<(String, i64), Vec<&ScoreRow>> = BTreeMap::new();
    for r in rows {
        by_region.entry((r.region.clone(), r.region_id)).or_default().push(r);
    }
    let mut regions: Vec<RegionLine> = by_region
        .into_iter()
        .map(|((region, region_id), targets)| {
            let cells = indicators
                .iter()
                .map(|ind| {
                    let mut ts: Vec<CellTarget> = targets
                        .iter()
                        .filter(|t| &t.indicator == ind)
                        .map(|t| CellTarget {
                            id: t.id,
                            year: t.year,
                            light: t.light,
                            status: t.status,
                        })
                        .collect();
                    ts.sort_by_key(|t| (crate::views::scoreboard::severity(t.status), t.year));
                    (!ts.is_empty()).then_some(Cell { targets: ts })
                })
                .collect();
            RegionLine {
                region_id,
                tier: tier(&region),
                region,
                cells,
                targets: targets.len(),
                assessed: targets.iter().filter(|t| t.light != Light::Grey).count(),
                rank: None,
            }
        })
        .collect();
    // The ranking's order: districts by 完成率, then the larger regions.
    let order: Vec<(i64, Option<usize>)> = ranking
        .districts
        .iter()
        .chain(&ranking.larger)
        .map(|s| (s.region_id, s.completion_rank))
        .collect();
    regions.sort_by_key(|l| order.iter().position(|(id, _)| *id == l.region_id));
    for line in &mut regions {
        line.rank = order.iter().find(|(id, _)| *id == line.region_id).and_then(|(_, r)| *r);
    }
    Matrix {
        ranking,
        indicators,
        regions,
    }
}
