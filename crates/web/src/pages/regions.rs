//! `GET /regions`: the ranking (排名) — districts by 完成率 and by 序时进度, with their
//! reporting coverage and 红黄绿/预警 counts, larger regions apart — and the region ×
//! indicator matrix of lights, one per tier.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pledge_assess::ranking::{Standing, Tier};
use serde::Deserialize;

use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::regions::{self, Matrix, RegionLine};

/// A cell entry as the page shows it.
#[derive(Debug, Clone)]
pub struct Dot {
    /// Link to the target.
    pub href: String,
    /// Light class.
    pub light: &'static str,
    /// Accessible label: status and year.
    pub label: String,
}

/// One row of a matrix.
#[derive(Debug, Clone)]
pub struct Line {
    /// Region.
    pub region: String,
    /// Link to the scoreboard filtered to the region.
    pub href: String,
    /// The cells.
    pub cells: Vec<Vec<Dot>>,
}

/// A matrix of one tier: its own columns, so districts do not carry the country's.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Caption.
    pub caption: String,
    /// Column heads.
    pub indicators: Vec<String>,
    /// Rows in ranking order.
    pub lines: Vec<Line>,
}

/// One line of a ranking table, as the page shows it.
#[derive(Debug, Clone)]
pub struct RankLine {
    /// Region.
    pub region: String,
    /// Link to the scoreboard filtered to the region.
    pub href: String,
    /// Rank by 完成率, or `—`.
    pub completion_rank: String,
    /// Rank by 序时进度, or `—`.
    pub pace_rank: String,
    /// 完成率 as a percentage, or `—`.
    pub completion: String,
    /// 序时进度 as a percentage, or `—`.
    pub pace: String,
    /// Reported / due (`3/11`).
    pub coverage: String,
    /// Due targets without any figure.
    pub unreported: usize,
    /// Targets not yet due.
    pub not_due: usize,
    /// All targets.
    pub targets: usize,
    /// Achieved or on pace / due.
    pub on_pace: String,
    /// Light counts: green, yellow, orange, red, grey.
    pub lights: [usize; 5],
    /// 预警 counts: 一级, 二级, 三级.
    pub ndrc: [usize; 3],
}

/// A ranking table.
#[derive(Debug, Clone)]
pub struct RankTable {
    /// `districts` (ranked) or `larger` (listed apart).
    pub id: &'static str,
    /// Its lines.
    pub lines: Vec<RankLine>,
}

/// The regions page.
#[derive(Template)]
#[template(path = "regions.html")]
pub struct RegionsPage {
    /// Context.
    pub c: Ctx,
    /// The ranking tables that have lines: `districts` (ranked), then `larger`.
    pub tables: Vec<RankTable>,
    /// `pace` when the districts are ordered by 序时进度, else `completion`.
    pub by: &'static str,
    /// Links ordering the districts by 完成率 and by 序时进度.
    pub by_links: [String; 2],
    /// The matrices: districts, then larger regions.
    pub grids: Vec<Grid>,
    /// The day the targets are assessed as of (数据截至).
    pub as_of: String,
}

/// The `?by=` of the page: `pace` orders the districts by 序时进度.
#[derive(Debug, Default, Deserialize)]
pub struct ByQuery {
    /// `completion` (default) or `pace`.
    #[serde(default)]
    pub by: Option<String>,
}

/// A rate as a whole percentage, `—` without one.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".into(), |r| format!("{:.0}%", r * 100.0))
}

/// A rank, `—` without one.
fn rank(rank: Option<usize>) -> String {
    rank.map_or_else(|| "—".into(), |r| r.to_string())
}

/// The page's line of a standing.
fn rank_line(c: &Ctx, s: &Standing) -> RankLine {
    RankLine {
        region: s.region.clone(),
        href: region_href(c, &s.region),
        completion_rank: rank(s.completion_rank),
        pace_rank: rank(s.pace_rank),
        completion: percent(s.completion_rate),
        pace: percent(s.pace_rate),
        coverage: format!("{}/{}", s.reported, s.due),
        unreported: s.unreported,
        not_due: s.targets - s.due,
        targets: s.targets,
        on_pace: format!("{}/{}", s.on_pace, s.due),
        lights: [
            s.lights.green,
            s.lights.yellow,
            s.lights.orange,
            s.lights.red,
            s.lights.grey,
        ],
        ndrc: [s.ndrc.level1, s.ndrc.level2, s.ndrc.level3],
    }
}

/// The scoreboard filtered to a region.
fn region_href(c: &Ctx, region: &str) -> String {
    c.href(&format!(
        "/?{}",
        crate::pages::encode_query(&[("region".into(), region.to_owned())])
    ))
}

/// The matrix of one tier, with only the indicators its regions have targets on.
fn grid(c: &Ctx, caption: String, indicators: &[String], lines: &[&RegionLine]) -> Grid {
    let used: Vec<usize> = (0..indicators.len())
        .filter(|&i| lines.iter().any(|l| l.cells[i].is_some()))
        .collect();
    let tr = c.tr;
    Grid {
        caption,
        indicators: used.iter().map(|&i| indicators[i].clone()).collect(),
        lines: lines
            .iter()
            .map(|l| Line {
                region: l.region.clone(),
                href: region_href(c, &l.region),
                cells: used
                    .iter()
                    .map(|&i| {
                        l.cells[i]
                            .as_ref()
                            .map(|cell| {
                                cell.targets
                                    .iter()
                                    .map(|t| Dot {
                                        href: c.href(&format!("/targets/{}", t.id)),
                                        light: t.light.as_str(),
                                        label: format!("{} {} ({})", t.year, tr.status(t.status), tr.light(t.light)),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `GET /regions`.
pub async fn page(State(state): State<AppState>, Query(by): Query<ByQuery>, mut c: Ctx) -> Response {
    c.nav = "regions";
    let day = match c.as_of() {
        Ok(day) => day,
        Err(e) => return page_result(&c, Err(e)),
    };
    let (rows, as_of) = match state.scoreboard_rows(day).await.map(|c| ((*c.rows).clone(), c.as_of)) {
        Ok(r) => r,
        Err(e) => return page_result(&c, Err(e)),
    };
    let Matrix {
        ranking,
        indicators,
        regions,
    } = regions::build(&rows);
    let by_pace = by.by.as_deref() == Some("pace");
    let mut districts: Vec<&Standing> = ranking.districts.iter().collect();
    if by_pace {
        districts.sort_by_key(|s| (s.pace_rank.is_none(), s.pace_rank));
    }
    let tier_lines = |tier: Tier| regions.iter().filter(|l| l.tier == tier).collect::<Vec<_>>();
    let grids = [
        (Tier::District, c.tr.s("matrix_districts")),
        (Tier::Larger, c.tr.s("matrix_larger")),
    ]
    .into_iter()
    .map(|(tier, caption)| grid(&c, caption.to_owned(), &indicators, &tier_lines(tier)))
    .filter(|g| !g.lines.is_empty())
    .collect();
    let page = RegionsPage {
        tables: [
            (
                "districts",
                districts.iter().map(|s| rank_line(&c, s)).collect::<Vec<_>>(),
            ),
            ("larger", ranking.larger.iter().map(|s| rank_line(&c, s)).collect()),
        ]
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(id, lines)| RankTable { id, lines })
        .collect(),
        by: if by_pace { "pace" } else { "completion" },
        by_links: [c.href("/regions"), c.href("/regions?by=pace")],
        grids,
        as_of: as_of.to_string(),
        c,
    };
    page.c.render(StatusCode::OK, &page)
}
