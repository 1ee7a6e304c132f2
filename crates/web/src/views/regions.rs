//! The regions page: a region × indicator matrix of lights and a ranking (排名) of the
//! regions by the mean score of their assessed targets.

use std::collections::BTreeMap;

use pledge_assess::Light;
use serde::Serialize;

use crate::views::scoreboard::ScoreRow;

/// Points of a light in the ranking score; grey (no verdict) is not counted.
pub fn light_points(light: Light) -> Option<u32> {
    match light {
        Light::Green => Some(3),
        Light::Yellow => Some(2),
        Light::Orange => Some(1),
        Light::Red => Some(0),
        Light::Grey => None,
    }
}

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
    /// Targets of the region.
    pub targets: usize,
    /// Targets with a verdict (not grey).
    pub assessed: usize,
    /// Mean points of the assessed targets (green 3 … red 0), `None` when none assessed.
    pub score: Option<f64>,
    /// 1-based rank by score (ties share a rank); `None` when not assessed.
    pub rank: Option<usize>,
}

/// The matrix and ranking.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// The indicators (columns), by name.
    pub indicators: Vec<String>,
    /// The regions (rows), best ranked first, unranked last.
    pub regions: Vec<RegionLine>,
}

/// Builds the matrix from scoreboard rows.
pub fn build(rows: &[ScoreRow]) -> Matrix {
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
            let points: Vec<u32> = targets.iter().filter_map(|t| light_points(t.light)).collect();
            let score = (!points.is_empty()).then(|| f64::from(points.iter().sum::<u32>()) / points.len() as f64);
            RegionLine {
                region_id,
                region,
                cells,
                targets: targets.len(),
                assessed: points.len(),
                score,
                rank: None,
            }
        })
        .collect();
    regions.sort_by(|a, b| {
        let s = |l: &RegionLine| l.score.unwrap_or(f64::NEG_INFINITY);
        s(b).total_cmp(&s(a)).then_with(|| a.region.cmp(&b.region))
    });
    // The ranking (排名) compares districts and counties with each other; a city or a
    // province is listed with its lights but not ranked against its own districts.
    let g = pledge_text::gazetteer();
    let is_district = |name: &str| {
        g.lookup(name, None)
            .is_some_and(|p| g.places[p].level == pledge_text::Level::County)
    };
    regions.sort_by_key(|l| !is_district(&l.region));
    let mut previous: Option<(f64, usize)> = None;
    let mut ranked = 0;
    for line in regions.iter_mut() {
        if !is_district(&line.region) {
            continue;
        }
        ranked += 1;
        if let Some(score) = line.score {
            let i = ranked - 1;
            let rank = match previous {
                Some((s, r)) if (s - score).abs() < 1e-12 => r,
                _ => i + 1,
            };
            line.rank = Some(rank);
            previous = Some((score, rank));
        }
    }
    Matrix { indicators, regions }
}
