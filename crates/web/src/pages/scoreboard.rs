//! `GET /`: the scoreboard page.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::chart::{self, format_number};
use crate::i18n::{Tr, category_label};
use crate::pages::{Ctx, page_result};
use crate::state::AppState;
use crate::views::format::{baseline_text, latest_text, percent, target_text};
use crate::views::scoreboard::{self, STATUSES, ScoreQuery, ScoreRow, Summary, display_value};
use pledge_assess::{Gap, NdrcLevel};

/// A scoreboard row as the table shows it: every cell already written out.
#[derive(Debug, Clone)]
pub struct RowView {
    /// Target id.
    pub id: i64,
    /// Link to the target page.
    pub href: String,
    /// Light colour (CSS class).
    pub light: &'static str,
    /// Light colour in words.
    pub light_label: &'static str,
    /// Status in words.
    pub status_label: &'static str,
    /// Status code.
    pub status_code: &'static str,
    /// The named gap of a target without a verdict (从未报送…), empty otherwise.
    pub gap: &'static str,
    /// The gap's code (`never_reported`…), empty otherwise.
    pub gap_code: &'static str,
    /// Whether the verdict rests on stale data.
    pub stale: bool,
    /// The 预警 level (`一级`, `二级`, `三级`; `level 1`… in English), `—` without one.
    pub ndrc: &'static str,
    /// The 预警 level's colour class (`red`, `yellow`, `green`), empty without one.
    pub ndrc_light: &'static str,
    /// The day it is assessed as of (`YYYY-MM-DD`), empty without one.
    pub as_of: String,
    /// Indicator as worded.
    pub indicator: String,
    /// Region.
    pub region: String,
    /// Category label.
    pub category: &'static str,
    /// The target as stated.
    pub target: String,
    /// Target year.
    pub year: i32,
    /// Baseline.
    pub baseline: String,
    /// Latest value.
    pub latest: String,
    /// Completion.
    pub completion: String,
    /// Time elapsed.
    pub elapsed: String,
    /// Sparkline SVG.
    pub spark: String,
    /// Lead departments.
    pub department: String,
    /// Why the engine refused, if it did.
    pub error: Option<String>,
}

/// Writes one row out for the table.
pub fn row_view(c: &Ctx, r: &ScoreRow) -> RowView {
    let tr: Tr = c.tr;
    let a = r.assessment.as_ref();
    let spark_label = match (r.points.first(), r.points.last()) {
        (Some(f), Some(l)) if r.points.len() > 1 => format!(
            "{}–{}: {} → {}",
            f.year,
            l.year,
            format_number(display_value(a, f.value)),
            format_number(display_value(a, l.value))
        ),
        (Some(f), _) => format!("{}: {}", f.year, format_number(display_value(a, f.value))),
        _ => tr.s("sum_no_data").to_owned(),
    };
    let display_points: Vec<chart::Point> = r
        .points
        .iter()
        .map(|p| chart::Point::new(p.year, display_value(a, p.value)))
        .collect();
    RowView {
        id: r.id,
        href: c.href(&format!("/targets/{}", r.id)),
        light: r.light.as_str(),
        light_label: tr.light(r.light),
        status_label: tr.status(r.status),
        status_code: r.status.as_str(),
        gap: a.and_then(|a| a.gap).map_or("", |g| tr.gap(g)),
        gap_code: a.and_then(|a| a.gap).map_or("", |g| g.as_str()),
        stale: a.is_some_and(|a| a.stale),
        ndrc: a.and_then(|a| a.ndrc_level).map_or("—", |l| tr.ndrc(l)),
        ndrc_light: a.and_then(|a| a.ndrc_level).map_or("", |l| l.light().as_str()),
        as_of: a.and_then(|a| a.as_of).map(|d| d.to_string()).unwrap_or_default(),
        indicator: r.indicator_text.clone(),
        region: r.region.clone(),
        category: category_label(c.lang, &r.category),
        target: target_text(r, tr),
        year: r.year,
        baseline: baseline_text(r),
        latest: latest_text(r),
        completion: percent(a.and_then(|a| a.completion)),
        // 时间进度 at the latest figure, where 完成度 is measured (`elapsed_shown`).
        elapsed: percent(scoreboard::elapsed_shown(a)),
        spark: chart::sparkline(
            &display_points,
            a.map(|a| display_value(Some(a), a.target_value)),
            &spark_label,
        ),
        department: r.lead_departments.join("、"),
        error: r.error.clone(),
    }
}

/// One named gap on the summary bar.
#[derive(Debug, Clone)]
pub struct GapCount {
    /// The code (`overdue`…).
    pub code: &'static str,
    /// The label (逾期未报…).
    pub label: &'static str,
    /// How many rows shown have it.
    pub count: usize,
    /// The link that filters by it.
    pub href: String,
}

/// One line of the 需关注 summary: a count of the rows shown and the board filtered to them.
#[derive(Debug, Clone)]
pub struct Attention {
    /// `overdue`, `red` or `worsening`.
    pub code: &'static str,
    /// The label (逾期未报…).
    pub label: &'static str,
    /// How many rows shown.
    pub count: usize,
    /// The board filtered to them.
    pub href: String,
}

/// The 需关注 summary of the rows shown: overdue (逾期未报), red (一级预警: missed,
/// deteriorating or overdue) and worsening (不进反退) targets, each linked to the board
/// filtered to them.
fn attention(c: &Ctx, rows: &[ScoreRow]) -> Vec<Attention> {
    let count = |f: &dyn Fn(&ScoreRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let level1 = |r: &ScoreRow| r.assessment.as_ref().and_then(|a| a.ndrc_level) == Some(NdrcLevel::Level1);
    vec![
        Attention {
            code: "overdue",
            label: c.tr.s("attn_overdue"),
            count: count(&|r| r.status == pledge_assess::Status::Overdue),
            href: c.href("/?status=OVERDUE"),
        },
        Attention {
            code: "red",
            label: c.tr.s("attn_red"),
            count: count(&level1),
            href: c.href("/?ndrc=%E4%B8%80%E7%BA%A7"),
        },
        Attention {
            code: "worsening",
            label: c.tr.s("attn_worsening"),
            count: count(&|r| r.status == pledge_assess::Status::Deteriorating),
            href: c.href("/?status=DETERIORATING"),
        },
    ]
}

/// An option of a filter's drop-down.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The label shown.
    pub label: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// The scoreboard page.
#[derive(Template)]
#[template(path = "scoreboard.html")]
pub struct ScoreboardPage {
    /// Context.
    pub c: Ctx,
    /// Counts of the rows shown.
    pub summary: Summary,
    /// The 需关注 summary: overdue, red, worsening.
    pub attention: Vec<Attention>,
    /// Links of the summary bar (filter by group).
    pub summary_links: [String; 4],
    /// The named gaps of the rows shown: code, label, count and filter link.
    pub gaps: Vec<GapCount>,
    /// Gap choices of the filter.
    pub gap_choices: Vec<Choice>,
    /// The rows, worst first.
    pub rows: Vec<RowView>,
    /// Category choices.
    pub categories: Vec<Choice>,
    /// Status choices.
    pub statuses: Vec<Choice>,
    /// 预警 level choices.
    pub ndrc_choices: Vec<Choice>,
    /// Region choices.
    pub regions: Vec<Choice>,
    /// The department typed.
    pub department: String,
    /// Department suggestions.
    pub departments: Vec<String>,
    /// Whether any filter is set.
    pub filtered: bool,
    /// The day the board is assessed as of (数据截至).
    pub as_of: String,
    /// The query of the download links: the filters shown and the as-of day, so that the
    /// file holds what the table holds.
    pub export_query: String,
}

fn choices(values: Vec<(String, String)>, current: Option<&str>) -> Vec<Choice> {
    values
        .into_iter()
        .map(|(value, label)| Choice {
            selected: current == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

/// The filters and the day as a query string (`region=…&as_of=…`), empty filters left out.
fn export_query(q: &ScoreQuery, as_of: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = [
        ("category", &q.category),
        ("status", &q.status),
        ("region", &q.region),
        ("department", &q.department),
        ("plan", &q.plan),
        ("gap", &q.gap),
        ("ndrc", &q.ndrc),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
    .collect();
    pairs.push(("as_of", as_of));
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// `GET /`.
pub async fn page(State(state): State<AppState>, mut c: Ctx, Query(q): Query<ScoreQuery>) -> Response {
    c.nav = "scoreboard";
    let day = match c.as_of() {
        Ok(day) => day,
        Err(e) => return page_result(&c, Err(e)),
    };
    let (all, as_of) = match state.scoreboard_rows(day).await {
        Ok(cache) => ((*cache.rows).clone(), cache.as_of),
        Err(e) => return page_result(&c, Err(e)),
    };
    let rows = scoreboard::filter(&all, &q);
    let mut cats: Vec<String> = all.iter().map(|r| r.category.clone()).collect();
    cats.sort();
    cats.dedup();
    let mut regions: Vec<String> = all.iter().map(|r| r.region.clone()).collect();
    regions.sort();
    regions.dedup();
    let mut departments: Vec<String> = all
        .iter()
        .flat_map(|r| r.lead_departments.iter().chain(&r.cooperating_departments).cloned())
        .collect();
    departments.sort();
    departments.dedup();
    let tr = c.tr;
    let mut status_values: Vec<(String, String)> = [
        ("behind", "sum_behind"),
        ("on_track", "sum_on_track"),
        ("achieved", "sum_achieved"),
        ("no_data", "sum_no_data"),
    ]
    .iter()
    .map(|(v, k)| ((*v).to_owned(), format!("{} ({})", tr.s(k), tr.s("f_all"))))
    .collect();
    status_values.extend(
        STATUSES
            .iter()
            .map(|s| (s.as_str().to_owned(), tr.status(*s).to_owned())),
    );
    let summary_link = |group: &str| c.href(&format!("/?status={group}"));
    let summary = scoreboard::summarize(&rows);
    let gap_list: Vec<(&'static str, &'static str, usize)> = [
        (Gap::Overdue, summary.overdue),
        (Gap::NeverReported, summary.never_reported),
        (Gap::OnePoint, summary.one_point),
        (Gap::NotYetDue, summary.not_yet_due),
    ]
    .into_iter()
    .map(|(g, n)| (g.as_str(), tr.gap(g), n))
    .chain(std::iter::once(("stale", tr.s("stale"), summary.stale)))
    .collect();
    let gaps = gap_list
        .iter()
        .map(|&(code, label, count)| GapCount {
            code,
            label,
            count,
            href: c.href(&format!("/?gap={code}")),
        })
        .collect();
    let gap_choices = choices(
        gap_list
            .iter()
            .map(|&(code, label, _)| (code.to_owned(), label.to_owned()))
            .collect(),
        q.gap.as_deref(),
    );
    let page = ScoreboardPage {
        attention: attention(&c, &rows),
        summary,
        gaps,
        gap_choices,
        summary_links: [
            summary_link("on_track"),
            summary_link("behind"),
            summary_link("achieved"),
            summary_link("no_data"),
        ],
        rows: rows.iter().map(|r| row_view(&c, r)).collect(),
        categories: choices(
            cats.into_iter()
                .map(|code| {
                    let label = category_label(c.lang, &code).to_owned();
                    (code, label)
                })
                .collect(),
            q.category.as_deref(),
        ),
        statuses: choices(status_values, q.status.as_deref()),
        ndrc_choices: choices(
            [NdrcLevel::Level1, NdrcLevel::Level2, NdrcLevel::Level3]
                .into_iter()
                .map(|l| (l.as_str().to_owned(), tr.ndrc(l).to_owned()))
                .chain(std::iter::once(("none".to_owned(), tr.s("ndrc_none").to_owned())))
                .collect(),
            q.ndrc.as_deref(),
        ),
        regions: choices(
            regions.into_iter().map(|r| (r.clone(), r)).collect(),
            q.region.as_deref(),
        ),
        department: q.department.clone().unwrap_or_default(),
        departments,
        filtered: q != ScoreQuery::default(),
        export_query: export_query(&q, &as_of.to_string()),
        as_of: as_of.to_string(),
        c,
    };
    page.c.render(StatusCode::OK, &page)
}
