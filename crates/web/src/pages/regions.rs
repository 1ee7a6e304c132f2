//! `GET /regions`: region × indicator matrix and ranking (排名).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::regions::{self, Matrix};

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

/// One row of the matrix.
#[derive(Debug, Clone)]
pub struct Line {
    /// Region.
    pub region: String,
    /// Link to the scoreboard filtered to the region.
    pub href: String,
    /// Rank, or `—`.
    pub rank: String,
    /// Score, or `—`.
    pub score: String,
    /// Assessed / targets.
    pub assessed: String,
    /// The cells.
    pub cells: Vec<Vec<Dot>>,
}

/// The regions page.
#[derive(Template)]
#[template(path = "regions.html")]
pub struct RegionsPage {
    /// Context.
    pub c: Ctx,
    /// Column heads.
    pub indicators: Vec<String>,
    /// Rows, best ranked first.
    pub lines: Vec<Line>,
    /// The day the targets are assessed as of (数据截至).
    pub as_of: String,
}

/// `GET /regions`.
pub async fn page(State(state): State<AppState>, mut c: Ctx) -> Response {
    c.nav = "regions";
    let day = match c.as_of() {
        Ok(day) => day,
        Err(e) => return page_result(&c, Err(e)),
    };
    let (rows, as_of) = match state.scoreboard_rows(day).await.map(|c| ((*c.rows).clone(), c.as_of)) {
        Ok(r) => r,
        Err(e) => return page_result(&c, Err(e)),
    };
    let Matrix { indicators, regions } = regions::build(&rows);
    let tr = c.tr;
    let lines = regions
        .iter()
        .map(|l| Line {
            region: l.region.clone(),
            href: c.href(&format!(
                "/?{}",
                crate::pages::encode_query(&[("region".into(), l.region.clone())])
            )),
            rank: l.rank.map_or_else(|| "—".into(), |r| r.to_string()),
            score: l.score.map_or_else(|| "—".into(), |s| format!("{s:.2}")),
            assessed: format!("{}/{}", l.assessed, l.targets),
            cells: l
                .cells
                .iter()
                .map(|cell| {
                    cell.as_ref()
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
        .collect();
    let page = RegionsPage {
        c,
        indicators,
        lines,
        as_of: as_of.to_string(),
    };
    page.c.render(StatusCode::OK, &page)
}
