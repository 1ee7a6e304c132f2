//! Downloads: the scoreboard and all facts as xlsx, csv or json, and the import template.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_sheets::Format;
use pledge_store::{FactFilter, Store};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::i18n::{Lang, Tr, category_label};
use crate::state::AppState;
use crate::views::format::{baseline_text, latest_text, target_text};
use crate::views::scoreboard::{self, AsOfQuery, ScoreQuery, ScoreRow};

/// Columns of the scoreboard export.
pub const SCOREBOARD_COLUMNS: [&str; 26] = [
    "id",
    "indicator",
    "indicator_text",
    "category",
    "region",
    "plan",
    "year",
    "measure",
    "direction",
    "bound",
    "target",
    "unit",
    "baseline_year",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "completion",
    "time_elapsed",
    "progress_index",
    "status",
    "light",
    "lead_departments",
    "explanation_zh",
    "explanation_en",
    "source",
];

/// Columns of the facts export.
pub const FACT_COLUMNS: [&str; 22] = [
    "id",
    "document",
    "doc",
    "article",
    "kind",
    "scope",
    "indicator",
    "year",
    "period",
    "baseline_year",
    "measure",
    "direction",
    "bound",
    "value",
    "value_max",
    "unit",
    "quote",
    "span_start",
    "span_end",
    "review",
    "target_id",
    "observation_id",
];

/// A scoreboard row as export cells.
fn score_cells(r: &ScoreRow) -> Vec<Value> {
    let get = |k: &str| r.assessment_json.get(k).cloned().unwrap_or(Value::Null);
    let point = |k: &str, f: &str| get(k).get(f).cloned().unwrap_or(Value::Null);
    // An origin of the scale (an index 1, an increment's 0) that no source gave is no base.
    let observed = get("base_observed") != Value::Bool(false);
    let base_value = if observed { point("base", "value") } else { Value::Null };
    let explanation = |lang: &str| get("explanation").get(lang).cloned().unwrap_or(Value::Null);
    let source = if r.source.url.is_empty() {
        r.source.quote.clone()
    } else {
        format!("{} {}", r.source.url, r.source.quote)
    };
    vec![
        json!(r.id),
        json!(r.indicator),
        json!(r.indicator_text),
        json!(r.category),
        json!(r.region),
        json!(r.plan),
        json!(r.year),
        json!(r.measure),
        json!(r.direction),
        json!(r.bound),
        json!(r.target),
        json!(r.unit),
        json!(r.baseline_year),
        point("base", "year"),
        base_value,
        point("latest", "year"),
        point("latest", "value"),
        get("completion"),
        get("time_elapsed"),
        get("progress_index"),
        json!(r.status),
        json!(r.light),
        json!(r.lead_departments.join("、")),
        explanation("zh"),
        explanation("en"),
        json!(source),
    ]
}

/// Headers of the scoreboard report (csv and xlsx): what a meeting reads.
pub const REPORT_COLUMNS: [&str; 18] = [
    "编号",
    "灯",
    "状态",
    "缺报情况",
    "预警级别",
    "地区",
    "指标",
    "领域",
    "目标",
    "目标年",
    "基期",
    "最新值",
    "完成度",
    "时间进度",
    "牵头单位",
    "规划",
    "评估说明",
    "目标出处",
];

/// The scoreboard rows shown (already filtered) as a report for a meeting: Chinese headers
/// and status words, numbers as `pledge_model::display` writes them (62亿元, ≤42μg/m³),
/// completion and time elapsed as shares written as percentages, each row's light as a
/// fill, and a title naming the plan, the region and the day assessed as of.
pub fn scoreboard_report(rows: &[ScoreRow], q: &ScoreQuery, as_of: &str) -> pledge_sheets::Report {
    let tr = Tr::new(Lang::Zh);
    let cells = rows
        .iter()
        .map(|r| {
            let a = r.assessment.as_ref();
            let mut status = tr.status(r.status).to_owned();
            if a.is_some_and(|a| a.stale) {
                status.push_str("·数据过时");
            }
            let source = if r.source.url.is_empty() {
                r.source.quote.clone()
            } else {
                format!("{} {}", r.source.quote, r.source.url)
            };
            vec![
                json!(r.id),
                json!(format!("{}灯", tr.light(r.light))),
                json!(status),
                json!(a.and_then(|a| a.gap).map_or("", |g| tr.gap(g))),
                r.assessment_json.get("ndrc_level").cloned().unwrap_or(Value::Null),
                json!(r.region),
                json!(r.indicator_text),
                json!(category_label(Lang::Zh, &r.category)),
                json!(target_text(r, tr)),
                json!(r.year),
                json!(baseline_text(r)),
                json!(latest_text(r)),
                json!(a.and_then(|a| a.completion)),
                json!(scoreboard::elapsed_shown(a)),
                json!(r.lead_departments.join("、")),
                json!(r.plan),
                r.assessment_json
                    .get("explanation")
                    .and_then(|e| e.get("zh"))
                    .cloned()
                    .unwrap_or(Value::Null),
                json!(source),
            ]
        })
        .collect();
    let mut plans: Vec<&str> = rows.iter().filter_map(|r| r.plan.as_deref()).collect();
    plans.sort_unstable();
    plans.dedup();
    let plan = match plans.as_slice() {
        [one] if rows.iter().all(|r| r.plan.is_some()) => format!("《{one}》"),
        _ => "规划目标".to_owned(),
    };
    let region = q.region.clone().unwrap_or_else(|| "全部地区".to_owned());
    pledge_sheets::Report {
        title: format!("{plan}进度表 · {region} · 数据截至 {as_of}（{} 项目标）", rows.len()),
        columns: REPORT_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows: cells,
        fills: rows
            .iter()
            .map(|r| pledge_sheets::Fill::from_light(r.light.as_str()))
            .collect(),
        light_column: 1,
        percent_columns: vec![12, 13],
    }
}

/// Columns of the targets export.
pub const TARGET_COLUMNS: [&str; 17] = [
    "id",
    "plan",
    "region",
    "indicator",
    "indicator_text",
    "measure",
    "direction",
    "bound",
    "value",
    "value_max",
    "unit",
    "year",
    "baseline_year",
    "binding",
    "lead_departments",
    "source_url",
    "quote",
];

/// Columns of the observations export.
pub const OBSERVATION_COLUMNS: [&str; 15] = [
    "id",
    "region",
    "indicator",
    "year",
    "period",
    "value",
    "unit",
    "measure",
    "baseline_year",
    "note",
    "source_url",
    "quote",
    "reporter",
    "recorded_at",
    "revision",
];

/// What can be exported.
pub const EXPORTS: [&str; 4] = ["scoreboard", "facts", "targets", "observations"];

/// The columns and rows of one export (`scoreboard`, `facts`, `targets` or
/// `observations`): the one definition the web downloads and `pledge export` share.
pub fn table(
    store: &dyn Store,
    what: &str,
    options: &pledge_assess::Options,
) -> Result<(&'static [&'static str], Vec<Vec<Value>>), ApiError> {
    Ok(match what {
        "scoreboard" => {
            let rows = scoreboard::build(store, options)?;
            (&SCOREBOARD_COLUMNS, rows.iter().map(score_cells).collect())
        }
        "facts" => {
            let facts = store.facts(&FactFilter::default())?;
            let cells = facts
                .iter()
                .map(|f| {
                    let x = &f.fact;
                    vec![
                        json!(f.id),
                        json!(f.document),
                        json!(x.doc),
                        json!(x.article),
                        json!(x.kind),
                        json!(x.scope),
                        json!(x.indicator),
                        json!(x.year),
                        json!(x.period),
                        json!(x.baseline_year),
                        json!(x.measure),
                        json!(x.direction),
                        json!(x.bound),
                        json!(x.value),
                        json!(x.value_max),
                        json!(x.unit),
                        json!(x.quote),
                        json!(x.span[0]),
                        json!(x.span[1]),
                        json!(f.review),
                        json!(f.target_id),
                        json!(f.observation_id),
                    ]
                })
                .collect();
            (&FACT_COLUMNS, cells)
        }
        "targets" => {
            let cells = store
                .targets(&pledge_store::TargetFilter::default())?
                .into_iter()
                .map(|t| {
                    let g = &t.target;
                    vec![
                        json!(t.id),
                        json!(t.plan_title),
                        json!(t.region_name),
                        json!(t.indicator_name),
                        json!(t.indicator_text),
                        json!(g.measure),
                        json!(g.direction),
                        json!(g.bound),
                        json!(g.value),
                        json!(g.value_max),
                        json!(g.unit),
                        json!(g.year),
                        json!(g.baseline_year),
                        json!(t.binding.as_str()),
                        json!(t.lead_departments.join("、")),
                        json!(t.source.url),
                        json!(t.source.quote),
                    ]
                })
                .collect();
            (&TARGET_COLUMNS, cells)
        }
        "observations" => {
            let cells = store
                .observations(&pledge_store::ObservationFilter::default())?
                .into_iter()
                .map(|o| {
                    let v = &o.observation;
                    vec![
                        json!(o.id),
                        json!(o.region_name),
                        json!(o.indicator_name),
                        json!(v.year),
                        json!(v.period),
                        json!(v.value),
                        json!(v.unit),
                        json!(v.measure),
                        json!(v.baseline_year),
                        json!(o.note),
                        json!(o.source.url),
                        json!(o.source.quote),
                        json!(o.reporter),
                        json!(o.recorded_at),
                        json!(o.revision),
                    ]
                })
                .collect();
            (&OBSERVATION_COLUMNS, cells)
        }
        other => {
            return Err(ApiError::not_found(format!(
                "nothing called {other:?} to export: {}",
                EXPORTS.join(", ")
            )));
        }
    })
}

/// Builds an export file and says how many rows it holds: the scoreboard filtered by `q`
/// as the dashboard shows it — in csv and xlsx as a [`scoreboard_report`] for a meeting, in
/// json as the rows of [`SCOREBOARD_COLUMNS`] — and the other tables whole.
pub fn export_bytes(
    store: &dyn Store,
    what: &str,
    format: Format,
    options: &pledge_assess::Options,
    q: &ScoreQuery,
) -> Result<(Vec<u8>, usize), ApiError> {
    if what == "scoreboard" {
        let as_of = options.as_of.map(|d| d.to_string()).unwrap_or_default();
        return Ok(scoreboard_bytes(&scoreboard::build(store, options)?, format, q, &as_of));
    }
    let (columns, rows) = table(store, what, options)?;
    Ok((pledge_sheets::write_table(format, columns, &rows), rows.len()))
}

/// The scoreboard export of `all` (every row, assessed as of `as_of`) filtered by `q`,
/// and how many rows it holds; the web passes the board it keeps, so a download does not
/// rebuild it.
pub fn scoreboard_bytes(all: &[ScoreRow], format: Format, q: &ScoreQuery, as_of: &str) -> (Vec<u8>, usize) {
    let rows = scoreboard::filter(all, q);
    let bytes = match format {
        Format::Json => {
            let cells: Vec<Vec<Value>> = rows.iter().map(score_cells).collect();
            pledge_sheets::write_table(format, &SCOREBOARD_COLUMNS, &cells)
        }
        Format::Csv | Format::Xlsx => pledge_sheets::write_report(format, &scoreboard_report(&rows, q, as_of)),
    };
    (bytes, rows.len())
}

/// A file download response.
pub fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Parses `scoreboard.xlsx` into its two halves.
fn split_file(file: &str) -> Result<(String, Format), ApiError> {
    let (what, ext) = file
        .rsplit_once('.')
        .ok_or_else(|| ApiError::not_found(format!("{file}: name a file such as scoreboard.xlsx")))?;
    let format =
        Format::parse(ext).ok_or_else(|| ApiError::not_found(format!("{file}: formats are xlsx, csv and json")))?;
    Ok((what.to_owned(), format))
}

/// `GET /export/{what}.{format}`: `scoreboard` (with the dashboard's filters and
/// `?as_of=`) or another table as xlsx, csv or json.
pub async fn export_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<ScoreQuery>,
    Query(day): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let (what, format) = split_file(&file)?;
    export_response(state, what, format, q, day).await
}

/// Query of `GET /api/export/{what}`.
#[derive(Debug, Deserialize)]
pub struct FormatQuery {
    /// `json` (default), `csv` or `xlsx`.
    pub format: Option<String>,
}

/// `GET /api/export/{what}?format=`.
pub async fn export_api(
    State(state): State<AppState>,
    Path(what): Path<String>,
    Query(f): Query<FormatQuery>,
    Query(q): Query<ScoreQuery>,
    Query(day): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let format = parse_format(f.format.as_deref())?;
    export_response(state, what, format, q, day).await
}

fn parse_format(text: Option<&str>) -> Result<Format, ApiError> {
    match text {
        None => Ok(Format::Json),
        Some(f) => Format::parse(f)
            .ok_or_else(|| ApiError::bad_request(format!("format must be json, csv or xlsx, not {f:?}"))),
    }
}

async fn export_response(
    state: AppState,
    what: String,
    format: Format,
    q: ScoreQuery,
    day: AsOfQuery,
) -> Result<Response, ApiError> {
    q.validate()?;
    let name = format!("pledge-{what}.{}", format.extension());
    if what == "scoreboard" {
        let board = state.scoreboard_rows(day.date()?).await?;
        let as_of = board.as_of.to_string();
        let (bytes, _) = state
            .blocking(move |_| Ok(scoreboard_bytes(&board.rows, format, &q, &as_of)))
            .await?;
        return Ok(download(bytes, format.content_type(), &name));
    }
    let options = state.assess_options(day.date()?);
    let (bytes, _) = state
        .blocking(move |store| export_bytes(store, &what, format, &options, &q))
        .await?;
    Ok(download(bytes, format.content_type(), &name))
}

/// The xlsx template with the store's regions (those with targets first) and indicators.
pub fn template_xlsx(store: &dyn Store) -> Result<Vec<u8>, ApiError> {
    let targets = store.targets(&pledge_store::TargetFilter::default())?;
    let mut regions: Vec<String> = targets.iter().map(|t| t.region_name.clone()).collect();
    regions.sort();
    regions.dedup();
    let indicators: Vec<(String, String)> = store.indicators()?.into_iter().map(|i| (i.name, i.unit)).collect();
    Ok(pledge_sheets::template_xlsx(&regions, &indicators))
}

/// `GET /entry/template.{csv|xlsx}`.
pub async fn template_file(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, ApiError> {
    let format = match file.as_str() {
        "template.csv" => Format::Csv,
        "template.xlsx" => Format::Xlsx,
        _ => return Err(ApiError::not_found("the templates are template.csv and template.xlsx")),
    };
    template_response(state, format).await
}

/// `GET /api/template?format=csv|xlsx`.
pub async fn template_api(State(state): State<AppState>, Query(q): Query<FormatQuery>) -> Result<Response, ApiError> {
    let format = match q.format.as_deref() {
        None => Format::Xlsx,
        Some(f) => parse_format(Some(f))?,
    };
    if format == Format::Json {
        return Err(ApiError::bad_request("the template is csv or xlsx"));
    }
    template_response(state, format).await
}

async fn template_response(state: AppState, format: Format) -> Result<Response, ApiError> {
    let bytes = match format {
        Format::Xlsx => state.blocking(template_xlsx).await?,
        _ => pledge_sheets::template_csv(),
    };
    Ok(download(
        bytes,
        format.content_type(),
        &format!("pledge-template.{}", format.extension()),
    ))
}
